"""Dispatcher signals that carry a profile's events to automation triggers."""

from datetime import date

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.dispatcher import async_dispatcher_send

from .const import DOMAIN
from .data import MatConfigEntry
from .engine.profile import ProfileEvent


def signal_event(entry_id: str) -> str:
    """Return the signal of a profile's session events."""
    return f"{DOMAIN}_{entry_id}_event"


def signal_day_missed(entry_id: str) -> str:
    """Return the signal of a profile's mat days that ended without counting."""
    return f"{DOMAIN}_{entry_id}_day_missed"


@callback
def async_forward_to_triggers(hass: HomeAssistant, entry: MatConfigEntry) -> None:
    """Send the profile's events as signals, so triggers need not wait for the profile to load."""
    runtime = entry.runtime_data.runtime

    @callback
    def _event(event: ProfileEvent) -> None:
        async_dispatcher_send(hass, signal_event(entry.entry_id), event)

    @callback
    def _day_missed(day: date) -> None:
        async_dispatcher_send(hass, signal_day_missed(entry.entry_id), day)

    entry.async_on_unload(runtime.async_add_event_listener(_event))
    entry.async_on_unload(runtime.async_add_day_missed_listener(_day_missed))
