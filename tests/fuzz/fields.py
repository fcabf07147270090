"""The fields of every action, and the service data drawn from them."""

from datetime import date
import math
from typing import Any

from hypothesis import strategies as st
import voluptuous as vol

from custom_components.acupressure_mat.engine.vocabulary import (
    AUDIBLE_KINDS,
    Area,
    BreathingPattern,
    GuidanceKind,
    Moment,
)
from custom_components.acupressure_mat.services import SERVICES
from tests.fake_speaker import BEDROOM, KITCHEN

from .strategies import (
    FLOAT_BREAKER,
    FOREIGN_ID,
    HUGE_INT,
    JUNK,
    NUMBERS,
    PLAYERS,
    PROFILE_ID,
    SCALARS,
    SPECIAL_TEXT,
    TIME,
    UNLOADED_ID,
    Pair,
    _as_text,
    choices,
    whole_numbers,
)

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
