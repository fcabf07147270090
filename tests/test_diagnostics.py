"""Diagnostics: what a profile looks like for a bug report, with health notes redacted."""

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion

from .helpers import call

pytestmark = pytest.mark.usefixtures("frozen")


async def test_diagnostics_redact_notes(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client: ClientSessionGenerator,
    snapshot: SnapshotAssertion,
) -> None:
    await call(hass, "log_pain", rating=5, note="after the fall")
    await call(hass, "start_session", minutes=10)
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, init_integration)
    assert "after the fall" not in str(diagnostics)
    assert diagnostics["recent"]["pain"][0]["note"] == "**REDACTED**"
    assert diagnostics["counts"] == {"sessions": 0, "pain": 1}
    assert diagnostics["running"]["planned_minutes"] == 10
    assert diagnostics == snapshot
