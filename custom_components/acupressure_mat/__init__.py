"""The Acupressure Mat integration: mat profiles with sessions, streaks, pain log and guidance."""

from homeassistant.const import EVENT_CORE_CONFIG_UPDATE, Platform
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import config_validation as cv, device_registry as dr
from homeassistant.helpers.typing import ConfigType

from .assist_sentences import async_update_sentences, sentences_wanted
from .audio_server import async_setup_audio
from .blueprints import async_install_blueprints
from .const import DOMAIN
from .runtime import MatConfigEntry, MatRuntime
from .services import async_setup_services
from .storage import MatStore

PLATFORMS = [
    Platform.BINARY_SENSOR,
    Platform.BUTTON,
    Platform.EVENT,
    Platform.SENSOR,
]
CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the actions, the audio server and the blueprints once for all profiles."""
    async_setup_services(hass)
    async_setup_audio(hass)
    await async_install_blueprints(hass)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: MatConfigEntry) -> bool:
    """Load a mat profile and start its timers."""
    runtime = MatRuntime(hass, entry, MatStore(hass, entry.entry_id))
    await runtime.async_start()
    entry.runtime_data = runtime
    entry.async_on_unload(runtime.async_stop)

    @callback
    def _time_zone_changed(_event: Event) -> None:
        runtime.update_time_zone()

    entry.async_on_unload(hass.bus.async_listen(EVENT_CORE_CONFIG_UPDATE, _time_zone_changed))
    dr.async_get(hass).async_get_or_create(
        config_entry_id=entry.entry_id,
        identifiers={(DOMAIN, entry.entry_id)},
        name=entry.title,
        entry_type=dr.DeviceEntryType.SERVICE,
    )
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    await async_update_sentences(hass, sentences_wanted(hass, adding=entry))
    return True


async def async_unload_entry(hass: HomeAssistant, entry: MatConfigEntry) -> bool:
    """Unload a mat profile."""
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)


async def async_remove_entry(hass: HomeAssistant, entry: MatConfigEntry) -> None:
    """Delete the profile's stored history, and the Assist sentences with the last profile."""
    await MatStore(hass, entry.entry_id).async_remove()
    await async_update_sentences(hass, sentences_wanted(hass, leaving=entry.entry_id))
