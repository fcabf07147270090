"""Constants for the Acupressure Mat integration."""

from typing import Final

from .engine.vocabulary import BreathingPattern, GuidanceKind

DOMAIN: Final = "acupressure_mat"

CONF_START_MINUTES: Final = "start_minutes"
CONF_TARGET_MINUTES: Final = "target_minutes"
CONF_STEP_MINUTES: Final = "step_minutes"
CONF_STREAK_MIN_MINUTES: Final = "streak_min_minutes"
CONF_DAY_STARTS_AT: Final = "day_starts_at"
CONF_REST_DAYS_PER_WEEK: Final = "rest_days_per_week"
CONF_GUIDANCE: Final = "guidance"
CONF_MEDIA_PLAYERS: Final = "media_players"
CONF_BREATHING_PATTERN: Final = "breathing_pattern"
CONF_VOLUME: Final = "volume"
CONF_TTS_ENTITY: Final = "tts_entity"
CONF_INSTALL_SENTENCES: Final = "install_sentences"
CONF_RAMP_MODE: Final = "ramp_mode"
CONF_SLEEP_ENTITY: Final = "sleep_entity"

RAMP_FIXED: Final = "fixed"
RAMP_ADAPTIVE: Final = "adaptive"
RAMP_MODES: Final = (RAMP_FIXED, RAMP_ADAPTIVE)

DEFAULTS: Final[dict[str, object]] = {
    CONF_START_MINUTES: 5,
    CONF_TARGET_MINUTES: 20,
    CONF_STEP_MINUTES: 2,
    CONF_STREAK_MIN_MINUTES: 5,
    CONF_DAY_STARTS_AT: 4,
    CONF_REST_DAYS_PER_WEEK: 0,
    CONF_GUIDANCE: GuidanceKind.NONE.value,
    CONF_MEDIA_PLAYERS: [],
    CONF_BREATHING_PATTERN: BreathingPattern.COHERENT.value,
    CONF_VOLUME: 0.3,
    CONF_INSTALL_SENTENCES: True,
    CONF_RAMP_MODE: RAMP_FIXED,
}
RAMP_KEYS: Final = (CONF_START_MINUTES, CONF_TARGET_MINUTES, CONF_STEP_MINUTES)
