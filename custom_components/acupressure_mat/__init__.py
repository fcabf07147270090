"""The Acupressure Mat integration: mat profiles with sessions, streaks, pain log and guidance."""

from homeassistant.const import EVENT_CORE_CONFIG_UPDATE, Platform
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.typing import ConfigType

from .actions import ProfileActions
from .assist_sentences import async_update_sentences
from .audio_server import DATA_AUDIO, async_setup_audio
from .blueprints import async_install_blueprints
from .card import async_setup_card
from .const import DOMAIN
from .cues import SpokenCues
from .data import MatConfigEntry, MatData, ProfileOptions
from .guidance import Guidance
from .runtime import MatRuntime
from .services import async_setup_services
from .signals import async_forward_to_triggers
from .sleep import SleepTracker
from .statistics import MatStatistics, async_clear_statistics
from .storage import MatStore
from .texts import async_load_texts

PLATFORMS = [
    Platform.BINARY_SENSOR,
    Platform.BUTTON,
    Platform.EVENT,
    Platform.SENSOR,
]
CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the actions, the audio server, the card and the blueprints once for all profiles."""
    await async_load_texts(hass)
    async_setup_services(hass)
    async_setup_audio(hass)
    await async_setup_card(hass)
    await async_install_blueprints(hass)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: MatConfigEntry) -> bool:
    """Assemble a mat profile from its parts, load it and start its timers."""
    options = ProfileOptions.from_entry(entry)
    store = MatStore(hass, entry.entry_id)
    runtime = await MatRuntime.async_load(hass, store, options.settings())
    guidance = Guidance(
        hass,
        profile_id=entry.entry_id,
        profile_name=entry.title,
        tts_entity=options.tts_entity,
        cues=SpokenCues(hass),
    )
    hass.data[DATA_AUDIO].async_warm(options.guidance)
    sleep = SleepTracker(hass, options.sleep_entity)
    actions = ProfileActions(hass, options=options, runtime=runtime, guidance=guidance, sleep=sleep)
    entry.runtime_data = MatData(
        options=options, runtime=runtime, guidance=guidance, actions=actions, sleep=sleep
    )
    entry.async_on_unload(runtime.async_add_event_listener(guidance.async_on_event))
    entry.async_on_unload(runtime.async_add_listener(sleep.follow(runtime.profile)))
    statistics = MatStatistics(
        hass, entry_id=entry.entry_id, name=entry.title, profile=runtime.profile
    )
    entry.async_on_unload(runtime.async_add_listener(statistics.async_on_change))
    async_forward_to_triggers(hass, entry)
    entry.async_on_unload(runtime.async_stop)
    entry.async_on_unload(guidance.async_unload)

    @callback
    def _time_zone_changed(_event: Event) -> None:
        runtime.update_settings(options.settings())

    entry.async_on_unload(hass.bus.async_listen(EVENT_CORE_CONFIG_UPDATE, _time_zone_changed))
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    # After the platforms, so the event entity receives a completion held back since loading.
    runtime.async_start()
    await async_update_sentences(hass, adding=entry)
    # Years of history go to the recorder in the background; set-up does not wait for it.
    entry.async_create_background_task(
        hass, statistics.async_backfill(), f"{DOMAIN} statistics of {entry.title}"
    )
    return True


async def async_unload_entry(hass: HomeAssistant, entry: MatConfigEntry) -> bool:
    """Unload a mat profile."""
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)


async def async_remove_entry(hass: HomeAssistant, entry: MatConfigEntry) -> None:
    """Delete the profile's history and statistics, and the Assist sentences with the last one."""
    await MatStore(hass, entry.entry_id).async_remove()
    async_clear_statistics(hass, entry.entry_id)
    await async_update_sentences(hass, leaving=entry.entry_id)
