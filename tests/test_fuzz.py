"""Hostile input on every field of every action.

Only refusals may escape: schema errors, or this integration's translated errors. A refusal
changes nothing, stored or shown, and whatever was accepted still loads after a reload.

Hypothesis drives a plain function in a worker thread and hands each call to Home Assistant's
event loop, so one set-up profile serves every example of an action and failures still shrink.
`FUZZ_EXAMPLES=2000` runs a longer search than the default. Inputs known to break the contract
are skipped only while their names are in KNOWN_ESCAPES (none today); each also has a
deterministic test in test_fuzz_findings.py. The values are drawn in fuzz/strategies.py and
fuzz/fields.py, the known escapes are named in fuzz/escapes.py, and fuzz/fuzzer.py holds the
property.
"""

import os
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.acupressure_mat.services import SERVICES

from .fake_speaker import BEDROOM
from .fuzz.fields import FIELDS
from .fuzz.fuzzer import Fuzzer, bring_to
from .helpers import call, stored

pytestmark = pytest.mark.usefixtures("frozen", "ciso8601_guard")

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))


@pytest.fixture
def options() -> dict[str, Any]:
    """Guide sessions with breathing on the bedroom speaker, so guidance runs too."""
    return {"guidance": "breathing", "media_players": [BEDROOM], "volume": 0.4}


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
