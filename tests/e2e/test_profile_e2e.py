"""A real Home Assistant loads the integration and creates a profile with its device."""

import pytest

from .client import HassClient
from .conftest import HassProcess

pytestmark = pytest.mark.e2e


async def test_profile_created_through_the_http_api(
    client: HassClient, hass_process: HassProcess
) -> None:
    flow = await client.post("/api/config/config_entries/flow", {"handler": "acupressure_mat"})
    assert flow["type"] == "form"
    assert flow["step_id"] == "user"
    result = await client.post(
        f"/api/config/config_entries/flow/{flow['flow_id']}",
        {"name": "Anna's mat", "start_minutes": 5, "target_minutes": 20, "step_minutes": 2},
    )
    assert result["type"] == "create_entry", result
    entry_id = result["result"]["entry_id"]

    devices = await client.command({"type": "config/device_registry/list"})
    mat = [d for d in devices if entry_id in d["config_entries"]]
    assert len(mat) == 1
    assert mat[0]["name"] == "Anna's mat"
    assert mat[0]["entry_type"] == "service"

    states = {s["entity_id"]: s for s in await client.command({"type": "get_states"})}
    assert states["sensor.anna_s_mat_session_state"]["state"] == "idle"
    assert states["sensor.anna_s_mat_next_session_length"]["state"] == "5"

    response = await client.command(
        {
            "type": "call_service",
            "domain": "acupressure_mat",
            "service": "start_session",
            "service_data": {"minutes": 10},
            "return_response": True,
        }
    )
    assert response["response"]["planned_minutes"] == 10

    assert hass_process.stop() == 0
    # Some default integrations complain about binaries this machine lacks (ffmpeg); ours must not.
    errors = [line for line in hass_process.output().splitlines() if " ERROR " in line]
    assert not [line for line in errors if "acupressure_mat" in line], errors
