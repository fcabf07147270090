"""What the fuzz found, one example each, kept so that none of them can come back."""

from datetime import date, datetime
import math
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
import voluptuous as vol

from custom_components.acupressure_mat.const import DOMAIN

from .fake_speaker import BEDROOM
from .fuzz.fuzzer import bring_to, is_refusal, wants_response
from .fuzz.strategies import FLOAT_BREAKER, FOREIGN_ID, HUGE_INT, PLAYERS, UNLOADED_ID
from .helpers import call, state, stored

pytestmark = pytest.mark.usefixtures("frozen", "ciso8601_guard")

# probatio compiles a schema into generated code after this many calls; both paths are fuzzed.
SCHEMA_WARM_UP = 60


@pytest.fixture
def options() -> dict[str, Any]:
    """Guide sessions with breathing on the bedroom speaker, so guidance runs too."""
    return {"guidance": "breathing", "media_players": [BEDROOM], "volume": 0.4}


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
