"""Small helpers for driving a profile through Home Assistant in tests."""

from datetime import datetime, timedelta
from http import HTTPStatus
import json
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import conversation
from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import (
    Context,
    Event,
    EventStateChangedData,
    HomeAssistant,
    ServiceResponse,
    callback,
)
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import intent
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from yarl import URL

from custom_components.acupressure_mat.const import DOMAIN

from .fake_speaker import BEDROOM, INTERNAL_URL, RADIO

PREFIX = "anna_s_mat"
PROFILE_DATA = {"name": "Anna's mat", "start_minutes": 5, "target_minutes": 20, "step_minutes": 2}
EVENT = f"event.{PREFIX}_session"
# A Tuesday evening, Berlin winter time: where the `frozen` fixture starts the clock.
START = datetime.fromisoformat("2026-11-24T20:00:00+01:00")


def state(hass: HomeAssistant, entity: str) -> str:
    """Return an entity's state, by its platform-qualified short name."""
    platform, _, name = entity.partition(".")
    found = hass.states.get(f"{platform}.{PREFIX}_{name}")
    assert found is not None, entity
    return found.state


async def call(
    hass: HomeAssistant, action: str, response: bool = False, **data: Any
) -> ServiceResponse:
    """Call one of the integration's actions and wait for it."""
    return await hass.services.async_call(
        DOMAIN, action, data, blocking=True, return_response=response
    )


async def advance(hass: HomeAssistant, freezer: FrozenDateTimeFactory, **delta: float) -> None:
    """Move the clock and let Home Assistant's timers run."""
    freezer.tick(timedelta(**delta))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


def stored(hass_storage: dict[str, Any], entry: MockConfigEntry) -> str:
    """Return the profile's stored data as text, to compare before and after."""
    return json.dumps(hass_storage.get(f"{DOMAIN}.{entry.entry_id}"), sort_keys=True)


async def refusal(hass: HomeAssistant, action: str, **data: Any) -> ServiceValidationError:
    """Call an action that must be refused and return its translated error."""
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, action, **data)
    assert err.value.translation_domain == DOMAIN
    return err.value


async def refused(hass: HomeAssistant, key: str, action: str, **data: Any) -> None:
    """Call an action and check it raised the translated error `key`."""
    assert (await refusal(hass, action, **data)).translation_key == key


def event_log(hass: HomeAssistant) -> list[tuple[str, dict[str, Any]]]:
    """Record the profile's session events with their attributes."""
    seen: list[tuple[str, dict[str, Any]]] = []

    @callback
    def _record(event: Event[EventStateChangedData]) -> None:
        new = event.data["new_state"]
        if event.data["entity_id"] == EVENT and new and new.state not in ("unknown", "unavailable"):
            attrs = dict(new.attributes)
            kind = attrs.pop("event_type")
            for key in ("event_types", "friendly_name", "icon"):
                attrs.pop(key, None)
            seen.append((kind, attrs))

    hass.bus.async_listen("state_changed", _record)
    return seen


OPTIONS = {
    "start_minutes": 5,
    "target_minutes": 20,
    "step_minutes": 2,
    "streak_min_minutes": 5,
    "day_starts_at": 4,
    "rest_days_per_week": 0,
    "guidance": "none",
    "media_players": [],
    "breathing_pattern": "coherent",
    "volume": 0.3,
    "install_sentences": False,
}


async def move_to(hass: HomeAssistant, freezer: FrozenDateTimeFactory, when: str) -> None:
    """Set the clock to a local time and let Home Assistant's timers run."""
    freezer.move_to(datetime.fromisoformat(when))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


async def history(hass: HomeAssistant, **data: Any) -> dict[str, Any]:
    """Return get_history's response."""
    response = await call(hass, "get_history", response=True, **data)
    assert isinstance(response, dict)
    return response


async def moments(hass: HomeAssistant) -> dict[str, str]:
    """Return the moment of every stored rating by its local time of day."""
    return {p["logged_at"][11:16]: p["moment"] for p in (await history(hass))["pain"]}


async def set_options(hass: HomeAssistant, entry: MockConfigEntry, **changes: Any) -> None:
    """Submit the options flow with every option, changing some."""
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(result["flow_id"], OPTIONS | changes)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()


async def add_profile(hass: HomeAssistant, name: str, *, load: bool = True) -> MockConfigEntry:
    """Add a second profile, loaded or not."""
    entry = MockConfigEntry(domain=DOMAIN, title=name, data={"name": name})
    entry.add_to_hass(hass)
    if load:
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
    return entry


KEY = f"{DOMAIN}.01JMATPROFILE0000000000000"


def stored_profile(running: dict[str, Any] | None, **extra: Any) -> dict[str, Any]:
    """Return a stored file as the integration writes it."""
    data = {"ramp_level": 9, "sessions": [], "pain": [], "running": running} | extra
    return {"version": 1, "minor_version": 1, "key": KEY, "data": data}


def running(
    started: datetime, planned: int, *, paused_after: float | None = None
) -> dict[str, Any]:
    """Describe a running session, active or paused after some seconds."""
    return {
        "started_at": started.isoformat(),
        "planned_minutes": planned,
        "active_before": paused_after or 0.0,
        "resumed_at": None if paused_after is not None else started.isoformat(),
        "ramped": True,
    }


async def start_home(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Set up the profile as Home Assistant does at start-up."""
    await hass.config.async_set_time_zone("Europe/Berlin")
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()


def profile(title: str, entry_id: str, **options: Any) -> MockConfigEntry:
    """Return another mat profile's config entry."""
    return MockConfigEntry(
        domain=DOMAIN,
        title=title,
        data=PROFILE_DATA | {"name": title},
        options=options,
        entry_id=entry_id,
    )


async def add(hass: HomeAssistant, entry: MockConfigEntry) -> MockConfigEntry:
    """Load a profile."""
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


async def ask(hass: HomeAssistant, text: str, language: str | None = "en") -> intent.IntentResponse:
    """Say a sentence to Assist and return its response."""
    result = await conversation.async_converse(hass, text, None, Context(), language=language)
    return result.response


async def say(hass: HomeAssistant, text: str) -> str:
    """Say a sentence to Assist and return what it answered."""
    response = await ask(hass, text)
    speech: str = response.speech["plain"]["speech"]
    return speech


async def refused_aloud(hass: HomeAssistant, text: str) -> str:
    """Say a sentence Assist understands but refuses, and return the spoken reason."""
    response = await ask(hass, text)
    assert response.response_type is intent.IntentResponseType.ERROR
    assert response.error_code is intent.IntentResponseErrorCode.FAILED_TO_HANDLE
    speech: str = response.speech["plain"]["speech"]
    return speech


async def not_understood(hass: HomeAssistant, text: str) -> bool:
    """Tell whether Assist matched a sentence to none of the mat intents."""
    response = await ask(hass, text)
    return response.response_type is intent.IntentResponseType.ERROR and response.intent is None


AUDIO_PREFIX = f"/api/{DOMAIN}/audio/"
GUIDED = {"guidance": "breathing", "media_players": [BEDROOM], "volume": 0.4}


def audio_path(url: str) -> str:
    """Return what a player fetches, relative to Home Assistant."""
    parsed = URL(url)
    assert str(parsed.origin()) == INTERNAL_URL
    assert parsed.path.startswith(AUDIO_PREFIX)
    return parsed.path_qs


def token_of(url: str) -> str:
    """Return the token of an audio URL."""
    return URL(url).name


def player_state(hass: HomeAssistant, entity_id: str) -> tuple[str, Any, Any]:
    """Return a player's state, volume and content."""
    found = hass.states.get(entity_id)
    assert found is not None
    return (
        found.state,
        found.attributes.get("volume_level"),
        found.attributes.get("media_content_id"),
    )


BEDROOM_BEFORE = ("playing", 0.6, RADIO)


async def fetch(hass_client_no_auth: ClientSessionGenerator, url: str) -> bytes:
    """Fetch guidance audio like a player and check it is MP3."""
    client = await hass_client_no_auth()
    response = await client.get(audio_path(url))
    assert response.status == HTTPStatus.OK
    assert response.headers["Content-Type"] == "audio/mpeg"
    data = await response.read()
    assert data[:3] == b"ID3" or (data[0] == 0xFF and data[1] & 0xE0 == 0xE0)
    return data


async def press(hass: HomeAssistant, name: str) -> None:
    """Press one of the profile's buttons."""
    await hass.services.async_call(
        "button", "press", {ATTR_ENTITY_ID: f"button.anna_s_mat_{name}"}, blocking=True
    )


async def log_an_evening(hass: HomeAssistant) -> None:
    """Log a session with ratings before and after, then start one: run at 21:00."""
    await call(hass, "log_pain", rating=6, logged_at="2026-11-24T20:30:00")
    await call(hass, "log_session", minutes=20, ended_at="2026-11-24T20:55:00")
    await call(hass, "log_pain", rating=3, area="neck", logged_at="2026-11-24T20:58:00")
    await call(hass, "start_session")
