"""Buttons of a mat profile: start, pause or resume, and stop a session."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .actions import ProfileActions
from .data import MatConfigEntry
from .entity import MatEntity

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class MatButtonDescription(ButtonEntityDescription):
    """A button running one of the profile's actions."""

    press_fn: Callable[[ProfileActions], Awaitable[Any]]


BUTTONS: tuple[MatButtonDescription, ...] = (
    MatButtonDescription(
        key="start_session", translation_key="start_session", press_fn=lambda a: a.start_session()
    ),
    MatButtonDescription(
        key="pause_resume", translation_key="pause_resume", press_fn=lambda a: a.pause_or_resume()
    ),
    MatButtonDescription(
        key="stop_session", translation_key="stop_session", press_fn=lambda a: a.stop_session()
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: MatConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the profile's buttons."""
    async_add_entities(MatButton(entry=entry, description=desc) for desc in BUTTONS)


class MatButton(MatEntity, ButtonEntity):
    """Runs an action; a press in the wrong state raises the action's error."""

    entity_description: MatButtonDescription

    async def async_press(self) -> None:
        """Run the action."""
        await self.entity_description.press_fn(self.data.actions)

    def shown(self) -> None:
        """Return nothing: a button's state is its last press, which Home Assistant writes."""
