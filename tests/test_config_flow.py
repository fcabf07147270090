"""Tests of the config, options and reconfigure flows."""

from homeassistant import config_entries
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.acupressure_mat.const import DOMAIN


async def test_user_step_creates_profile_with_defaults(hass: HomeAssistant) -> None:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": config_entries.SOURCE_USER}
    )
    assert result["type"] is FlowResultType.FORM
    schema = {str(key): key.default() for key in result["data_schema"].schema if str(key) != "name"}
    assert schema == {"start_minutes": 5, "target_minutes": 20, "step_minutes": 2}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {"name": "  Anna's mat ", "start_minutes": 3, "target_minutes": 15, "step_minutes": 2},
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Anna's mat"
    assert result["data"] == {
        "name": "Anna's mat",
        "start_minutes": 3,
        "target_minutes": 15,
        "step_minutes": 2,
    }


async def test_user_step_refuses_bad_values(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    mock_config_entry.add_to_hass(hass)
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": config_entries.SOURCE_USER}
    )
    values = {"start_minutes": 10, "target_minutes": 5, "step_minutes": 2}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"name": "ANNA'S MAT"} | values
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"name": "name_exists", "target_minutes": "target_below_start"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"name": "  "} | values | {"target_minutes": 10}
    )
    assert result["errors"] == {"name": "name_empty"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"name": "Ben's mat"} | values | {"target_minutes": 10}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert len(hass.config_entries.async_entries(DOMAIN)) == 2


async def test_options_flow(hass: HomeAssistant, init_integration: MockConfigEntry) -> None:
    entry = init_integration
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["type"] is FlowResultType.FORM
    defaults = {
        str(key): key.default() for key in result["data_schema"].schema if callable(key.default)
    }
    assert defaults["guidance"] == "none"
    assert defaults["breathing_pattern"] == "coherent"
    assert defaults["volume"] == 0.3
    assert defaults["day_starts_at"] == 4
    options = {
        "start_minutes": 8,
        "target_minutes": 4,
        "step_minutes": 1,
        "streak_min_minutes": 10,
        "day_starts_at": 3,
        "rest_days_per_week": 1,
        "guidance": "breathing",
        "media_players": [],
        "breathing_pattern": "box",
        "volume": 0.5,
        "install_sentences": False,
        "ramp_mode": "adaptive",
    }
    result = await hass.config_entries.options.async_configure(result["flow_id"], options)
    assert result["errors"] == {"target_minutes": "target_below_start"}
    options["target_minutes"] = 30
    result = await hass.config_entries.options.async_configure(result["flow_id"], options)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert entry.options == options
    settings = entry.runtime_data.runtime.profile.settings
    assert settings.start_minutes == 8
    assert settings.adaptive_ramp
    assert hass.states.get("sensor.anna_s_mat_next_session_length").state == "8"


async def test_reconfigure_renames(hass: HomeAssistant, init_integration: MockConfigEntry) -> None:
    other = MockConfigEntry(domain=DOMAIN, title="Ben's mat", data={"name": "Ben's mat"})
    other.add_to_hass(hass)
    result = await init_integration.start_reconfigure_flow(hass)
    assert result["type"] is FlowResultType.FORM
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"name": "ben's MAT"}
    )
    assert result["errors"] == {"name": "name_exists"}
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {"name": " "})
    assert result["errors"] == {"name": "name_empty"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"name": "Anna's pad"}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done()  # the reload writes the new name into the sentences
    assert init_integration.title == "Anna's pad"
    assert init_integration.data["name"] == "Anna's pad"


async def test_reconfigure_may_change_the_case_of_its_own_name(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    result = await init_integration.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"name": "ANNA'S MAT"}
    )
    assert result["type"] is FlowResultType.ABORT
    await hass.async_block_till_done()  # the reload writes the new name into the sentences
    assert init_integration.title == "ANNA'S MAT"
