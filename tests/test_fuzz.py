"""Hostile input on every field of every action.

Only refusals may escape: schema errors, or this integration's translated errors. A refusal
changes nothing, stored or shown, and whatever was accepted still loads after a reload.

Hypothesis drives a plain function in a worker thread and hands each call to Home Assistant's
event loop, so one set-up profile serves every example of an action and failures still shrink.
`FUZZ_EXAMPLES=2000` runs a longer search than the default. Inputs known to break the contract
are skipped only while their names are in KNOWN_ESCAPES (none today); each also has a
deterministic test below.
"""

import asyncio
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from datetime import UTC, date, datetime, timedelta, timezone
import json
import math
import os
from pathlib import Path
import sys
from typing import Any
from unittest.mock import patch
from zoneinfo import ZoneInfo

import ciso8601
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant, SupportsResponse
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import issue_registry as ir
from homeassistant.util import dt as dt_util
from hypothesis import HealthCheck, given, settings, strategies as st
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
import voluptuous as vol

from custom_components.acupressure_mat.audio_server import AudioServer
from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.engine.vocabulary import (
    AUDIBLE_KINDS,
    Area,
    BreathingPattern,
    GuidanceKind,
    Moment,
)
from custom_components.acupressure_mat.runtime import MatRuntime
from custom_components.acupressure_mat.services import SERVICES

from .fake_speaker import BEDROOM, KITCHEN, async_setup_speakers
from .helpers import START, call, state, stored

pytestmark = pytest.mark.usefixtures("frozen")

TRANSLATIONS = Path(__file__).parents[1] / "custom_components" / DOMAIN / "translations"
EXCEPTION_KEYS = frozenset(
    json.loads((TRANSLATIONS / "en.json").read_text(encoding="utf-8"))["exceptions"]
)
# Failures that are not the caller's fault may be plain HomeAssistantErrors.
GENUINE_FAILURES = frozenset({"guidance_failed"})
PLAYERS = "media_player_entity_id"
PROFILE_ID = "01JMATPROFILE0000000000000"
UNLOADED_ID = "01JMATUNLOADED000000000000"
FOREIGN_ID = "01JFOREIGNENTRY00000000000"
BERLIN = ZoneInfo("Europe/Berlin")
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
# probatio compiles a schema into generated code after this many calls; both paths are fuzzed.
SCHEMA_WARM_UP = 60

type Pair = tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]

# ---------------------------------------------------------------------------------------------
# Values: for each field a pair of strategies, (valid, hostile)
# ---------------------------------------------------------------------------------------------

HUGE_INT = 10**5000  # more digits than Python turns into text by default
FLOAT_BREAKER = 2**1100  # an int too large for a float
SPECIAL_TEXT = st.sampled_from(
    [
        "",
        " ",
        "x" * 10_000,
        "\ud800",  # a lone surrogate, which UTF-8 cannot encode
        "a\udfffb",
        "\x00",
        "é💥\u202e\u200b",
        "null",
        "None",
        "nan",
        "inf",
        "-1",
        "1e400",
        "0x10",
        "1_0",
        "\uff15",  # a full-width digit five, which int() reads as 5
        "{{ 4 }}",
    ]
)
NUMBERS = st.one_of(
    st.sampled_from(
        [0, -1, HUGE_INT, -HUGE_INT, FLOAT_BREAKER, -FLOAT_BREAKER, 2**63, -(2**63) - 1]
    ),
    st.sampled_from([math.nan, math.inf, -math.inf, -0.0, 1e300, 5e-324, 3.7, 4.0, 0.5]),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
)
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, SPECIAL_TEXT, st.text(max_size=20))
JUNK = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=3),
    st.dictionaries(st.text(max_size=5), SCALARS, max_size=2),
    st.sampled_from([(), (1,), b"bytes", date(2026, 11, 24), timedelta(minutes=5), object()]),
)


def _as_text(value: object) -> str:
    """Return a value as the text an automation might send instead."""
    return str(value)


def _iso(value: datetime) -> str:
    """Return a time as ISO 8601 text."""
    return value.isoformat()


def _naive(value: datetime) -> datetime:
    """Drop the zone: Home Assistant reads such a time in its own zone."""
    return value.replace(tzinfo=None)


def _around_now(seconds: int, zone: timezone | ZoneInfo) -> datetime:
    return (START + timedelta(seconds=seconds)).astimezone(zone)


OFFSETS = st.builds(
    timezone,
    st.timedeltas(min_value=timedelta(hours=-23, minutes=-59), max_value=timedelta(hours=23)),
)
ANY_TIME = st.datetimes(timezones=st.one_of(st.none(), st.just(UTC), st.just(BERLIN), OFFSETS))
NEAR_NOW = st.builds(
    _around_now,
    st.integers(min_value=-3 * 3600, max_value=3 * 3600),
    st.sampled_from([UTC, BERLIN, timezone(timedelta(hours=-10))]),
)
EXTREME_TIMES = st.sampled_from(
    [
        "0001-01-01T00:00:00",
        "0001-01-01T00:00:00+00:00",
        "0001-01-01T03:00:00+00:00",
        "0001-01-01T00:30:00+14:00",
        "0001-01-02T12:00:00+00:00",
        "0002-01-01T03:00:00+00:00",
        "9999-12-31T23:59:59",
        "9999-12-31T23:59:59-12:00",
        "9999-12-31T23:59:59+00:00",
        "3000-01-01T00:00:00+00:00",
        datetime(1, 1, 1),  # noqa: DTZ001 - a naive time is hostile input here
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-23))),
    ]
)
ODD_TIMES = st.sampled_from(
    [
        "2026-03-29T02:30:00",  # does not exist in Berlin (clocks go forward)
        "2026-10-25T02:30:00",  # exists twice in Berlin
        "2026-02-30T12:00:00",
        "2026-11-24",
        "20:00",
        "yesterday",
        "2026-11-24T19:00:00Z",
        "2026-11-24 19:00",
        "2026-11-24T18:59:59.999999+00:00",
        1_764_000_000,
        1_764_000_000.5,
    ]
)
PAST = st.datetimes(
    min_value=datetime(2020, 1, 1),  # noqa: DTZ001 - st.datetimes takes naive bounds
    max_value=datetime(2026, 11, 24, 18),  # noqa: DTZ001
    timezones=st.sampled_from([UTC, BERLIN]),
)
TIME: Pair = (
    st.one_of(PAST, PAST.map(_iso)),
    st.one_of(
        EXTREME_TIMES,
        ODD_TIMES,
        st.sampled_from(["\ud800", "2026-11-24T10:00:00\udfff"]),  # lone surrogates
        st.one_of(NEAR_NOW, NEAR_NOW.map(_iso), NEAR_NOW.map(_naive)),
        st.one_of(ANY_TIME, ANY_TIME.map(_iso)),
        JUNK,
    ),
)


def whole_numbers(low: int, high: int) -> Pair:
    """Return values for a whole-number field from low to high."""
    valid = st.integers(min_value=low, max_value=high)
    near = st.one_of(
        st.integers(min_value=low - 5, max_value=high + 5),
        st.floats(min_value=low - 5, max_value=high + 5),
        st.floats(min_value=low - 5, max_value=high + 5).map(_as_text),
    )
    hostile = st.one_of(
        st.sampled_from(
            [low - 1, high + 1, low + 0.5, high - 0.3, f"{low}", f" {high} ", f"{high}.0", True]
        ),
        near,
        NUMBERS,
        JUNK,
    )
    return st.one_of(valid, valid.map(float)), hostile


def choices(options: Iterable[str]) -> Pair:
    """Return values for a select field."""
    listed = sorted(str(option) for option in options)
    hostile = st.one_of(
        st.sampled_from(listed).map(str.upper),
        st.sampled_from(listed).map(lambda option: f" {option}"),
        st.sampled_from(listed).map(lambda option: [option]),
        JUNK,
    )
    return st.sampled_from(listed), hostile


ENTITY_IDS = [
    BEDROOM,
    KITCHEN,
    "MEDIA_PLAYER.BEDROOM",
    "media_player.nowhere",
    "light.bedroom",
    "media_player.",
    "media_player",
    ".bedroom",
    "media_player.bed room",
    f"media_player.{'x' * 300}",
    "media_player.bédroom",
    "1.5",
]
MEDIA_PLAYERS: Pair = (
    st.one_of(
        st.lists(st.sampled_from([BEDROOM, KITCHEN]), unique=True, max_size=2),
        st.sampled_from([BEDROOM, KITCHEN, f"{BEDROOM}, {KITCHEN}"]),
    ),
    st.one_of(
        st.sampled_from([121, 12.5, True, 0, math.nan, None, {BEDROOM: 1}, {}, date(2026, 11, 24)]),
        st.sampled_from(ENTITY_IDS),
        st.sampled_from([",", f"{BEDROOM},,", [BEDROOM, BEDROOM], [121], [None], [[BEDROOM]]]),
        st.lists(st.one_of(st.sampled_from(ENTITY_IDS), SCALARS), max_size=4),
        JUNK,
    ),
)
VOLUME: Pair = (
    st.floats(min_value=0, max_value=1),
    st.one_of(
        st.sampled_from([FLOAT_BREAKER, -FLOAT_BREAKER, HUGE_INT, math.nan, math.inf, "0.5"]),
        st.one_of(
            st.floats(min_value=-1, max_value=2),
            st.floats(min_value=-1, max_value=2).map(_as_text),
        ),
        JUNK,
    ),
)
RATING: Pair = (
    st.one_of(st.integers(0, 10), st.integers(0, 10).map(float)),
    st.one_of(
        st.sampled_from([3.7, 0.1, 9.999, 10.5, -0.5, "3.7", "4.0", "4", True, HUGE_INT]),
        st.one_of(
            st.integers(min_value=-3, max_value=13),
            st.floats(min_value=-3, max_value=13),
            st.floats(min_value=-3, max_value=13).map(_as_text),
        ),
        NUMBERS,
        JUNK,
    ),
)
NOTE: Pair = (
    st.text(max_size=200),
    st.one_of(
        st.sampled_from(["\ud800", "a\udfffb", "x" * 201, "x" * 10_000, "\x00", ""]),
        st.text(min_size=190, max_size=260),
        SPECIAL_TEXT,
        JUNK,
    ),
)
ENTRY: Pair = (
    st.just(PROFILE_ID),
    st.one_of(
        st.sampled_from([UNLOADED_ID, FOREIGN_ID, "", f"{PROFILE_ID} ", PROFILE_ID.lower()]),
        JUNK,
    ),
)
GUIDANCE_FIELDS = {
    PLAYERS: MEDIA_PLAYERS,
    "breathing_pattern": choices(BreathingPattern),
    "volume": VOLUME,
}
FIELDS: dict[str, dict[str, Pair]] = {
    "start_session": {
        "minutes": whole_numbers(1, 120),
        "guidance": choices(GuidanceKind),
        **GUIDANCE_FIELDS,
    },
    "pause_session": {},
    "resume_session": {},
    "extend_session": {"minutes": whole_numbers(1, 60)},
    "stop_session": {},
    "log_pain": {
        "rating": RATING,
        "area": choices(Area),
        "moment": choices(Moment),
        "note": NOTE,
        "logged_at": TIME,
    },
    "log_session": {"minutes": whole_numbers(1, 180), "ended_at": TIME},
    "get_history": {"days": whole_numbers(1, 3650)},
    "play_guidance": {
        "minutes": whole_numbers(1, 120),
        "kind": choices(AUDIBLE_KINDS),
        **GUIDANCE_FIELDS,
    },
    "stop_guidance": {PLAYERS: MEDIA_PLAYERS},
    "get_insights": {},
}
FIELDS = {action: {"config_entry_id": ENTRY, **fields} for action, fields in FIELDS.items()}
REQUIRED = {
    action: {key.schema for key in schema.schema if isinstance(key, vol.Required)}
    for action, (_handler, schema, _support) in SERVICES.items()
}
EXTRA_KEYS = st.one_of(
    st.sampled_from(["entity_id", "device_id", "area_id", "minute", "Rating", "", " "]),
    st.text(min_size=1, max_size=12),
)


@st.composite
def service_data(draw: st.DrawFn, action: str) -> dict[str, Any]:
    """Draw an action's data: valid fields but one (to get past the schema), or anything."""
    fields = FIELDS[action]
    unknown = EXTRA_KEYS.filter(lambda key: key not in fields)
    data: dict[str, Any] = {}
    if draw(st.integers(min_value=0, max_value=3)):
        bad = draw(st.sampled_from([*fields, None]))
        for name, (valid, hostile) in fields.items():
            if name == bad:
                data[name] = draw(hostile)
            elif name in REQUIRED[action] or draw(st.booleans()):
                data[name] = draw(valid)
        if bad is None:
            data[draw(unknown)] = draw(JUNK)
        return data
    for name, (valid, hostile) in fields.items():
        kind = draw(st.sampled_from(["absent", "valid", "hostile"]))
        if kind != "absent":
            data[name] = draw(valid if kind == "valid" else hostile)
    for key in draw(st.lists(unknown, max_size=2)):
        data[key] = draw(JUNK)
    return data


# ---------------------------------------------------------------------------------------------
# Inputs that break the contract today. The fuzz skips an input only while the name of the
# escape it hits is in KNOWN_ESCAPES; once the integration refuses it, remove the name.
# ---------------------------------------------------------------------------------------------


def _players_not_a_list(_action: str, data: dict[str, Any]) -> bool:
    """A number, bool or other non-iterable as players: TypeError in cv.entity_ids."""
    players = data.get(PLAYERS)
    return players is not None and not isinstance(players, Iterable)


def _fractional(value: object) -> bool:
    return isinstance(value, float) and math.isfinite(value) and not value.is_integer()


def _rating_not_whole(action: str, data: dict[str, Any]) -> bool:
    """A rating like 3.7: stored as 3 instead of refused."""
    return action == "log_pain" and _fractional(data.get("rating"))


def _minutes_not_whole(_action: str, data: dict[str, Any]) -> bool:
    """Minutes like 2.5: cut to 2 instead of refused."""
    return _fractional(data.get("minutes"))


def _rating_too_long_for_text(action: str, data: dict[str, Any]) -> bool:
    """A rating with more digits than str() takes: ValueError building the refusal."""
    rating = data.get("rating")
    if action != "log_pain" or not isinstance(rating, int):
        return False
    try:
        str(rating)
    except ValueError:
        return True
    return False


def _volume_beyond_float(_action: str, data: dict[str, Any]) -> bool:
    """An int volume no float holds: OverflowError once probatio has compiled the schema."""
    volume = data.get("volume")
    return type(volume) is int and abs(volume) > sys.float_info.max


def _not_unicode(value: object) -> bool:
    return isinstance(value, str) and any(0xD800 <= ord(c) <= 0xDFFF for c in value)


def _time_text_not_unicode(_action: str, data: dict[str, Any]) -> bool:
    """Time text with a lone surrogate: ciso8601, under cv.datetime, crashes the process.

    The `ciso8601_guard` fixture turns that crash into a WouldCrash error.
    """
    return any(_not_unicode(data.get(field)) for field in ("logged_at", "ended_at"))


def _parse_time(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and not _not_unicode(value):
        with suppress(ValueError, TypeError):
            return dt_util.parse_datetime(value)
    return None


def _time_at_the_edge(_action: str, data: dict[str, Any]) -> bool:
    """A time within two days of datetime's limits: OverflowError turning it into UTC or days."""
    for field in ("logged_at", "ended_at"):
        parsed = _parse_time(data.get(field))
        if parsed is None:
            continue
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=BERLIN)
        try:
            utc = parsed.astimezone(UTC)
        except OverflowError:
            return True
        if not datetime(1, 1, 3, tzinfo=UTC) <= utc <= datetime(9999, 12, 29, tzinfo=UTC):
            return True
    return False


def _note_not_unicode(action: str, data: dict[str, Any]) -> bool:
    """A note with a lone surrogate: accepted, and then no save of the profile succeeds."""
    return action == "log_pain" and _not_unicode(data.get("note"))


ESCAPES: dict[str, Callable[[str, dict[str, Any]], bool]] = {
    "players_not_a_list": _players_not_a_list,
    "rating_not_whole": _rating_not_whole,
    "minutes_not_whole": _minutes_not_whole,
    "rating_too_long_for_text": _rating_too_long_for_text,
    "volume_beyond_float": _volume_beyond_float,
    "time_at_the_edge": _time_at_the_edge,
    "note_not_unicode": _note_not_unicode,
    "time_text_not_unicode": _time_text_not_unicode,
}
KNOWN_ESCAPES: set[str] = set()


def known_escape(action: str, data: dict[str, Any]) -> str | None:
    """Return the name of the still-known escape an input hits, if any."""
    return next((name for name in sorted(KNOWN_ESCAPES) if ESCAPES[name](action, data)), None)


# ---------------------------------------------------------------------------------------------
# The property
# ---------------------------------------------------------------------------------------------


def is_refusal(err: BaseException) -> bool:
    """Tell whether an error is one the contract allows an action to raise."""
    if isinstance(err, vol.Invalid):
        return True
    if not isinstance(err, HomeAssistantError):
        return False
    if err.translation_domain != DOMAIN or err.translation_key not in EXCEPTION_KEYS:
        return False
    return isinstance(err, ServiceValidationError) or err.translation_key in GENUINE_FAILURES


def wants_response(action: str, asked: bool) -> bool:
    """Ask for a response when the action must give one, and maybe when it may."""
    support = SERVICES[action][2]
    return support is SupportsResponse.ONLY or (support is SupportsResponse.OPTIONAL and asked)


def number(value: Any) -> float:
    """Return the number a caller meant by a value the action accepted."""
    return float(value.strip() if isinstance(value, str) else value)


def added(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the one record an accepted call added to a stored list."""
    grown = Counter(json.dumps(r, sort_keys=True) for r in after)
    grown.subtract(json.dumps(r, sort_keys=True) for r in before)
    (new,) = grown.elements()
    record: dict[str, Any] = json.loads(new)
    return record


async def bring_to(hass: HomeAssistant, wanted: str) -> None:
    """Put the session into a state, with valid calls."""
    current = state(hass, "sensor.session_state")
    if wanted == "idle":
        if current != "idle":
            await call(hass, "stop_session")
        return
    if current == "idle":
        await call(hass, "start_session", minutes=20)
    current = state(hass, "sensor.session_state")
    if wanted == "active" and current == "paused":
        await call(hass, "resume_session")
    if wanted == "paused" and current == "active":
        await call(hass, "pause_session")


class Fuzzer:
    """Calls one action with drawn data on a set-up profile and checks what it did."""

    def __init__(
        self, hass: HomeAssistant, entry: MockConfigEntry, hass_storage: dict[str, Any]
    ) -> None:
        """Bind to the profile under test."""
        self.hass = hass
        self.entry = entry
        self.hass_storage = hass_storage
        self.calls = 0
        self.refusals = 0

    @property
    def runtime(self) -> MatRuntime:
        """Return the profile's runtime."""
        runtime: MatRuntime = self.entry.runtime_data.runtime
        return runtime

    def saved(self) -> dict[str, Any]:
        """Return the profile's data as stored."""
        data: dict[str, Any] = json.loads(stored(self.hass_storage, self.entry))["data"]
        return data

    def in_memory(self) -> dict[str, Any]:
        """Return the profile's data as the runtime holds it, in stored form."""
        data: dict[str, Any] = json.loads(json.dumps(self.runtime.profile.to_dict()))
        return data

    async def check(self, action: str, data: dict[str, Any], session: str, asked: bool) -> None:
        """Call the action once: a refusal changes nothing, an acceptance keeps the values."""
        if known_escape(action, data):
            return
        hass = self.hass
        await bring_to(hass, session)
        before = stored(self.hass_storage, self.entry)
        saved_before = self.saved()
        session_before = state(hass, "sensor.session_state")
        self.calls += 1
        try:
            await hass.services.async_call(
                DOMAIN, action, data, blocking=True, return_response=wants_response(action, asked)
            )
        except Exception as err:
            if not is_refusal(err):
                raise
            self.refusals += 1
            assert stored(self.hass_storage, self.entry) == before
            assert state(hass, "sensor.session_state") == session_before
        else:
            self.check_accepted(action, data, saved_before)
        assert self.in_memory() == self.saved(), "the profile differs from what is stored"

    def check_accepted(self, action: str, data: dict[str, Any], before: dict[str, Any]) -> None:
        """An accepted number is the number used, and so a whole one where whole ones belong."""
        after = self.saved()
        if action == "log_pain":
            assert added(before["pain"], after["pain"])["rating"] == number(data["rating"])
        elif action == "log_session":
            assert added(before["sessions"], after["sessions"])["minutes"] == number(
                data["minutes"]
            )
        elif action == "start_session" and "minutes" in data:
            assert after["running"]["planned_minutes"] == number(data["minutes"])
        elif action == "extend_session":
            longer = after["running"]["planned_minutes"] - before["running"]["planned_minutes"]
            assert longer == number(data["minutes"])

    def run(self, action: str, examples: int) -> None:
        """Run the property in this worker thread; each call runs on Home Assistant's loop."""
        loop = self.hass.loop

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(
            data=service_data(action),
            session=st.sampled_from(["idle", "active", "paused"]),
            asked=st.booleans(),
        )
        def calls_are_refused_or_kept(data: dict[str, Any], session: str, asked: bool) -> None:
            check = self.check(action, data, session, asked)
            asyncio.run_coroutine_threadsafe(check, loop).result()

        calls_are_refused_or_kept()


class WouldCrash(Exception):  # noqa: N818 - named for what it stands in for
    """Raised where the real call would crash the whole process."""


@pytest.fixture(autouse=True)
def ciso8601_guard() -> Iterator[None]:
    """Stand in for ciso8601's crash on text with a lone surrogate, so tests can report it."""
    real = ciso8601.parse_datetime

    def _parse(text: str) -> datetime:
        if _not_unicode(text):
            msg = f"ciso8601.parse_datetime({text!r}) crashes the process (SIGSEGV)"
            raise WouldCrash(msg)
        return real(text)

    with patch.object(ciso8601, "parse_datetime", _parse):
        yield


@pytest.fixture
def options() -> dict[str, Any]:
    """Guide sessions with breathing on the bedroom speaker, so guidance runs too."""
    return {"guidance": "breathing", "media_players": [BEDROOM], "volume": 0.4}


@pytest.fixture
def quick_audio(tmp_path: Path) -> Iterator[None]:
    """Serve one tiny file instead of rendering guidance: the actions only decide its length."""
    audio = tmp_path / "guidance.mp3"
    audio.write_bytes(b"\xff\xfb\x90\x00" * 8)

    async def _render(_server: AudioServer, _spec: object) -> Path:
        return audio

    with patch.object(AudioServer, "async_render", _render):
        yield


@pytest.fixture
async def profile(
    hass: HomeAssistant, quick_audio: None, mock_config_entry: MockConfigEntry
) -> MockConfigEntry:
    """Two speakers, the profile, an unloaded second profile and another domain's entry."""
    await async_setup_speakers(hass)
    await hass.config.async_set_time_zone("Europe/Berlin")
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    MockConfigEntry(domain=DOMAIN, title="Ben's mat", entry_id=UNLOADED_ID).add_to_hass(hass)
    MockConfigEntry(domain="sun", entry_id=FOREIGN_ID).add_to_hass(hass)
    await hass.async_block_till_done()
    await call(hass, "log_pain", rating=4, note="before the fuzz")
    return mock_config_entry


@pytest.mark.parametrize("action", sorted(FIELDS))
async def test_fuzz_action(
    hass: HomeAssistant, profile: MockConfigEntry, hass_storage: dict[str, Any], action: str
) -> None:
    """Hostile data on every field: only refusals escape, and a refusal changes nothing."""
    assert set(FIELDS[action]) == {key.schema for key in SERVICES[action][1].schema}
    fuzzer = Fuzzer(hass, profile, hass_storage)
    await hass.async_add_executor_job(fuzzer.run, action, EXAMPLES)
    assert fuzzer.calls > EXAMPLES // 2
    assert fuzzer.refusals > 0
    # Whatever was accepted, the profile loads again from what was stored.
    await bring_to(hass, "idle")
    history = await call(hass, "get_history", response=True, days=3650)
    before = stored(hass_storage, profile)
    assert await hass.config_entries.async_reload(profile.entry_id)
    await hass.async_block_till_done()
    assert profile.state is ConfigEntryState.LOADED
    assert stored(hass_storage, profile) == before
    assert await call(hass, "get_history", response=True, days=3650) == history
    assert not [key for _, key in ir.async_get(hass).issues if key.startswith("malformed_store")]


# ---------------------------------------------------------------------------------------------
# What the fuzz found, one example each, kept so that none of them can come back.
# ---------------------------------------------------------------------------------------------

REFUSED = frozenset({"any refusal"})
SCHEMA_ERROR = frozenset({"schema"})


async def outcome(hass: HomeAssistant, action: str, data: dict[str, Any]) -> str:
    """Call an action: return `accepted`, `schema` or the refusal's translation key."""
    try:
        await hass.services.async_call(
            DOMAIN, action, data, blocking=True, return_response=wants_response(action, False)
        )
    except vol.Invalid:
        return "schema"
    except HomeAssistantError as err:
        refusal = err
    else:
        return "accepted"
    assert is_refusal(refusal), refusal
    return str(refusal.translation_key)


async def assert_refused(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    hass_storage: dict[str, Any],
    action: str,
    data: dict[str, Any],
    expected: frozenset[str] | set[str],
) -> None:
    """The input is refused as expected, and nothing stored or shown changed."""
    if action == "extend_session":
        await bring_to(hass, "active")
    before = stored(hass_storage, entry)
    session = state(hass, "sensor.session_state")
    result = await outcome(hass, action, data)
    assert result != "accepted", (action, data)
    assert expected is REFUSED or result in expected, (action, data, result)
    assert stored(hass_storage, entry) == before, (action, data)
    assert state(hass, "sensor.session_state") == session, (action, data)
    await bring_to(hass, "idle")


NAIVE_YEAR_ONE = datetime(1, 1, 1)  # noqa: DTZ001 - a naive time is the point


def _shown(value: object) -> str:
    try:
        text = repr(value)
    except ValueError:
        text = "<an int too long for text>"
    return text if len(text) <= 32 else f"{text[:29]}..."


def _case(
    action: str,
    data: dict[str, Any],
    expected: frozenset[str] | set[str],
) -> Any:
    fields = ",".join(f"{key}={_shown(value)}" for key, value in data.items())
    return pytest.param(action, data, expected, id=f"{action}({fields})")


ESCAPING = [
    _case("start_session", {PLAYERS: 121}, SCHEMA_ERROR),
    _case("play_guidance", {PLAYERS: 121}, SCHEMA_ERROR),
    _case("stop_guidance", {PLAYERS: 121}, SCHEMA_ERROR),
    _case("start_session", {PLAYERS: 12.5}, SCHEMA_ERROR),
    _case("stop_guidance", {PLAYERS: True}, SCHEMA_ERROR),
    _case("play_guidance", {PLAYERS: date(2026, 11, 24)}, SCHEMA_ERROR),
    _case("log_pain", {"rating": 3.7}, {"rating_not_whole"}),
    _case("log_pain", {"rating": 0.1}, {"rating_not_whole"}),
    _case("log_pain", {"rating": 10.5}, {"rating_not_whole", "rating_range"}),
    _case("log_pain", {"rating": HUGE_INT}, {"schema", "rating_range"}),
    _case("log_pain", {"rating": 3, "note": "\ud800"}, REFUSED),
    _case("log_pain", {"rating": 3, "logged_at": "0001-01-01T00:00:00"}, REFUSED),
    _case("log_pain", {"rating": 3, "logged_at": NAIVE_YEAR_ONE}, REFUSED),
    _case(
        "log_pain",
        {"rating": 3, "logged_at": "9999-12-31T23:59:59-12:00"},
        {"schema", "future_time"},
    ),
    _case(
        "log_session",
        {"minutes": 1, "ended_at": "0001-01-01T00:00:00+00:00"},
        REFUSED,
    ),
    _case(
        "log_session",
        {"minutes": 1, "ended_at": "0001-01-01T03:00:00+00:00"},
        REFUSED,
    ),
    _case("log_pain", {"rating": 3, "logged_at": "\ud800"}, REFUSED),
    _case(
        "log_session",
        {"minutes": 5, "ended_at": "2026-11-24T10:00:00\udfff"},
        REFUSED,
    ),
    _case("start_session", {"minutes": 2.5}, REFUSED),
    _case("extend_session", {"minutes": 2.5}, REFUSED),
    _case("log_session", {"minutes": 12.5}, REFUSED),
    _case("play_guidance", {"minutes": 10.5}, REFUSED),
    _case("get_history", {"days": 7.5}, REFUSED),
]


@pytest.mark.parametrize(("action", "data", "expected"), ESCAPING)
async def test_found_by_the_fuzz_is_refused(
    hass: HomeAssistant,
    profile: MockConfigEntry,
    hass_storage: dict[str, Any],
    action: str,
    data: dict[str, Any],
    expected: frozenset[str] | set[str],
) -> None:
    await assert_refused(hass, profile, hass_storage, action, data, expected)
    # The profile still saves afterwards.
    before = stored(hass_storage, profile)
    await call(hass, "log_pain", rating=2)
    assert stored(hass_storage, profile) != before


@pytest.mark.parametrize("action", ["start_session", "play_guidance"])
async def test_volume_beyond_float_once_the_schema_is_compiled(
    hass: HomeAssistant, profile: MockConfigEntry, hass_storage: dict[str, Any], action: str
) -> None:
    for _ in range(SCHEMA_WARM_UP):
        assert await outcome(hass, action, {"volume": "loud"}) == "schema"
    await assert_refused(
        hass, profile, hass_storage, action, {"volume": FLOAT_BREAKER}, SCHEMA_ERROR
    )


# Neighbours of those findings that are refused today, and must stay so.
REFUSED_TODAY: list[tuple[str, dict[str, Any], frozenset[str] | set[str]]] = [
    ("start_session", {PLAYERS: None}, SCHEMA_ERROR),
    ("start_session", {PLAYERS: [121]}, SCHEMA_ERROR),
    ("play_guidance", {PLAYERS: "light.bedroom"}, {"media_player_not_found"}),
    ("stop_guidance", {PLAYERS: ["media_player.nowhere"]}, {"media_player_not_found"}),
    ("log_pain", {"rating": "3.7"}, {"schema", "rating_not_whole"}),
    ("log_pain", {"rating": math.nan}, {"schema", "rating_not_whole"}),
    ("log_pain", {"rating": -math.inf}, {"schema", "rating_not_whole"}),
    ("log_pain", {"rating": 11}, {"rating_range"}),
    ("log_pain", {"rating": 3, "note": "x" * 10_000}, SCHEMA_ERROR),
    ("log_pain", {"rating": 3, "logged_at": "3000-01-01T00:00:00Z"}, {"future_time"}),
    ("log_pain", {"rating": 3, "logged_at": 1_764_000_000}, SCHEMA_ERROR),
    ("log_session", {"minutes": 5, "ended_at": "2026-02-30T12:00:00"}, SCHEMA_ERROR),
    ("start_session", {"minutes": math.inf}, SCHEMA_ERROR),
    ("start_session", {"volume": math.nan}, SCHEMA_ERROR),
    ("get_history", {"days": HUGE_INT}, SCHEMA_ERROR),
    ("stop_session", {"config_entry_id": 121}, {"profile_not_found"}),
    ("pause_session", {"config_entry_id": UNLOADED_ID}, {"profile_not_found"}),
    ("resume_session", {"config_entry_id": FOREIGN_ID}, {"profile_not_found"}),
    ("get_history", {"config_entry_id": ["x"]}, SCHEMA_ERROR),
    ("stop_guidance", {"entity_id": BEDROOM}, SCHEMA_ERROR),
]


async def test_neighbours_are_refused(
    hass: HomeAssistant, profile: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    for action, data, expected in REFUSED_TODAY:
        await assert_refused(hass, profile, hass_storage, action, data, expected)


async def test_whole_ratings_are_kept(hass: HomeAssistant, profile: MockConfigEntry) -> None:
    for rating in (4.0, 0.0, 10.0, "4", 7):
        await call(hass, "log_pain", rating=rating)
        history: Any = await call(hass, "get_history", response=True)
        kept = history["pain"][-1]["rating"]
        assert kept == float(rating)
        assert type(kept) is int
