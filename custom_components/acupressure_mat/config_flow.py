"""Config, options and reconfigure flows for Acupressure Mat profiles."""

from collections.abc import Iterable
from typing import Any

from homeassistant.config_entries import (
    ConfigFlow,
    ConfigFlowResult,
    OptionsFlowWithReload,
)
from homeassistant.const import CONF_NAME, UnitOfTime
from homeassistant.core import callback
from homeassistant.helpers.selector import (
    BooleanSelector,
    EntitySelector,
    EntitySelectorConfig,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
)
import probatio as vol

from .const import (
    CONF_BREATHING_PATTERN,
    CONF_DAY_STARTS_AT,
    CONF_GUIDANCE,
    CONF_INSTALL_SENTENCES,
    CONF_MEDIA_PLAYERS,
    CONF_RAMP_MODE,
    CONF_REST_DAYS_PER_WEEK,
    CONF_SLEEP_ENTITY,
    CONF_START_MINUTES,
    CONF_STEP_MINUTES,
    CONF_STREAK_MIN_MINUTES,
    CONF_TARGET_MINUTES,
    CONF_TTS_ENTITY,
    CONF_VOLUME,
    DEFAULTS,
    DOMAIN,
    RAMP_KEYS,
    RAMP_MODES,
)
from .data import MatConfigEntry, merged_options
from .engine.vocabulary import BreathingPattern, GuidanceKind


def _whole(low: int, high: int, unit: str | None = UnitOfTime.MINUTES) -> vol.All[Any]:
    """Return a number selector that yields whole numbers."""
    config = NumberSelectorConfig(min=low, max=high, step=1, mode=NumberSelectorMode.BOX)
    if unit:
        config["unit_of_measurement"] = unit
    return vol.All(NumberSelector(config), vol.Coerce(int), vol.Range(min=low, max=high))


def _select(options: Iterable[str], key: str) -> SelectSelector:
    """Return a translated drop-down."""
    return SelectSelector(
        SelectSelectorConfig(
            options=[str(option) for option in options],
            translation_key=key,
            mode=SelectSelectorMode.DROPDOWN,
        )
    )


RAMP_FIELDS: dict[str, vol.All[Any]] = {
    CONF_START_MINUTES: _whole(1, 60),
    CONF_TARGET_MINUTES: _whole(1, 120),
    CONF_STEP_MINUTES: _whole(1, 10),
}


def _ramp_schema(values: dict[str, Any]) -> dict[vol.Marker, Any]:
    """Return the ramp fields with the given values as defaults."""
    return {vol.Required(key, default=values[key]): field for key, field in RAMP_FIELDS.items()}


def _ramp_errors(values: dict[str, Any]) -> dict[str, str]:
    """Check that the target is not below the start."""
    if values[CONF_TARGET_MINUTES] < values[CONF_START_MINUTES]:
        return {CONF_TARGET_MINUTES: "target_below_start"}
    return {}


class AcupressureMatConfigFlow(ConfigFlow, domain=DOMAIN):
    """Create a mat profile."""

    VERSION = 1

    def _name_taken(self, name: str, exclude: str | None = None) -> bool:
        """Tell whether another profile has this name, ignoring case."""
        folded = name.strip().casefold()
        return any(
            entry.title.casefold() == folded
            for entry in self._async_current_entries(include_ignore=False)
            if entry.entry_id != exclude
        )

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Ask for the profile's name and ramp."""
        errors: dict[str, str] = {}
        values: dict[str, Any] = {CONF_NAME: ""} | {key: DEFAULTS[key] for key in RAMP_KEYS}
        if user_input is not None:
            values = user_input
            name = user_input[CONF_NAME].strip()
            if not name:
                errors[CONF_NAME] = "name_empty"
            elif self._name_taken(name):
                errors[CONF_NAME] = "name_exists"
            errors |= _ramp_errors(user_input)
            if not errors:
                return self.async_create_entry(title=name, data=user_input | {CONF_NAME: name})
        schema = vol.Schema(
            {vol.Required(CONF_NAME, default=values[CONF_NAME]): TextSelector()}
            | _ramp_schema(values)
        )
        return self.async_show_form(step_id="user", data_schema=schema, errors=errors)

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Rename a profile."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            name = user_input[CONF_NAME].strip()
            if not name:
                errors[CONF_NAME] = "name_empty"
            elif self._name_taken(name, exclude=entry.entry_id):
                errors[CONF_NAME] = "name_exists"
            else:
                return self.async_update_reload_and_abort(
                    entry, title=name, data_updates={CONF_NAME: name}
                )
        schema = vol.Schema({vol.Required(CONF_NAME, default=entry.title): TextSelector()})
        return self.async_show_form(step_id="reconfigure", data_schema=schema, errors=errors)

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: MatConfigEntry) -> OptionsFlowWithReload:
        """Return the options flow."""
        return AcupressureMatOptionsFlow()


class AcupressureMatOptionsFlow(OptionsFlowWithReload):
    """Change a profile's ramp, streak and guidance settings."""

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Show every option."""
        errors: dict[str, str] = {}
        values = merged_options(self.config_entry)
        if user_input is not None:
            errors = _ramp_errors(user_input)
            if not errors:
                return self.async_create_entry(data=user_input)
            values |= user_input
        tts_default = {"suggested_value": values.get(CONF_TTS_ENTITY)}
        sleep_default = {"suggested_value": values.get(CONF_SLEEP_ENTITY)}
        schema = vol.Schema(
            _ramp_schema(values)
            | {
                vol.Required(
                    CONF_STREAK_MIN_MINUTES, default=values[CONF_STREAK_MIN_MINUTES]
                ): _whole(1, 60),
                vol.Required(CONF_DAY_STARTS_AT, default=values[CONF_DAY_STARTS_AT]): _whole(
                    0, 6, UnitOfTime.HOURS
                ),
                vol.Required(
                    CONF_REST_DAYS_PER_WEEK, default=values[CONF_REST_DAYS_PER_WEEK]
                ): _whole(0, 3, None),
                vol.Required(CONF_GUIDANCE, default=values[CONF_GUIDANCE]): _select(
                    GuidanceKind, CONF_GUIDANCE
                ),
                vol.Required(
                    CONF_MEDIA_PLAYERS, default=values[CONF_MEDIA_PLAYERS]
                ): EntitySelector(EntitySelectorConfig(domain="media_player", multiple=True)),
                vol.Required(
                    CONF_BREATHING_PATTERN, default=values[CONF_BREATHING_PATTERN]
                ): _select(BreathingPattern, CONF_BREATHING_PATTERN),
                vol.Required(CONF_VOLUME, default=values[CONF_VOLUME]): vol.All(
                    NumberSelector(NumberSelectorConfig(min=0, max=1, step=0.05)),
                    vol.Coerce(float),
                ),
                vol.Optional(CONF_TTS_ENTITY, description=tts_default): EntitySelector(
                    EntitySelectorConfig(domain="tts")
                ),
                vol.Required(
                    CONF_INSTALL_SENTENCES, default=values[CONF_INSTALL_SENTENCES]
                ): BooleanSelector(),
                vol.Required(CONF_RAMP_MODE, default=values[CONF_RAMP_MODE]): _select(
                    RAMP_MODES, CONF_RAMP_MODE
                ),
                vol.Optional(CONF_SLEEP_ENTITY, description=sleep_default): EntitySelector(
                    EntitySelectorConfig(domain="sensor")
                ),
            }
        )
        return self.async_show_form(step_id="init", data_schema=schema, errors=errors)
