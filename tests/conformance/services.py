"""hassfest's schemas for a custom integration's actions (services.yaml) and icons.json."""

# Rules follow home-assistant/core script/hassfest/: services.py for the custom integration
# services schema, icons.py for the icon schema of a custom integration that is not an entity,
# helper or system integration.

from typing import Any

from homeassistant.const import CONF_SELECTOR
from homeassistant.helpers import config_validation as cv, selector
from homeassistant.helpers.icon import convert_shorthand_service_icon
import voluptuous as vol

from .strings import translation_key


def exists(value: Any) -> Any:
    """Refuse an empty value."""
    if value is None:
        msg = "Value cannot be None"
        raise vol.Invalid(msg)
    return value


def unique_fields(fields: Any) -> Any:
    """Refuse a field used twice, also across sections."""
    seen: set[str] = set()
    for key, value in fields.items():
        for name in value["fields"] if value and "fields" in value else [key]:
            if name in seen:
                msg = f"Duplicate use of field {name} in service."
                raise vol.Invalid(msg)
            seen.add(name)
    return fields


_NAMING = {vol.Optional("description"): str, vol.Optional("name"): str}
_FIELD = vol.Schema(
    {
        vol.Optional("example"): exists,
        vol.Optional("default"): exists,
        vol.Optional("required"): bool,
        vol.Optional("advanced"): bool,
        vol.Optional(CONF_SELECTOR): selector.validate_selector,
        **_NAMING,
    }
)
_SECTION = vol.Schema(
    {vol.Optional("collapsed"): bool, vol.Required("fields"): vol.Schema({str: _FIELD}), **_NAMING}
)
# Only untargeted actions: every action here names its profile with config_entry_id.
_SERVICE = vol.Schema(
    {
        vol.Optional("fields"): vol.All(
            vol.Schema({str: vol.Any(_FIELD, _SECTION)}), unique_fields
        ),
        **_NAMING,
    }
)
# Unlike core integrations, custom ones get no vol.Remove for dot-prefixed anchor keys.
SERVICES_SCHEMA = vol.Schema({cv.slug: vol.Any(_SERVICE, None)})


def icon(value: Any) -> str:
    """Accept a Material Design icon."""
    checked = cv.string_with_no_html(value)
    if not checked.startswith("mdi:"):
        msg = "The icon needs to be a valid icon from Material Design Icons and start with `mdi:`"
        raise vol.Invalid(msg)
    return str(checked)


def _range_key(value: str) -> str:
    float(value)
    return value


def _not_same_as_default(value: dict[str, Any]) -> dict[str, Any]:
    for key, section in value.items():
        default = section.get("default")
        for state, state_icon in section.get("state", {}).items():
            if state_icon == default:
                msg = f"The icon for state `{key}.{state}` is the same as the default icon"
                raise vol.Invalid(msg)
    return value


def _keyed(schema: Any, keys: Any = translation_key) -> Any:
    return cv.schema_with_slug_keys(schema, slug_validator=keys)


_ENTITY_ICON = {
    vol.Optional("default"): icon,
    vol.Optional("state"): _keyed(icon),
    vol.Optional("range"): _keyed(icon, _range_key),
    vol.Optional("state_attributes"): vol.All(
        _keyed(
            {
                vol.Optional("default"): icon,
                vol.Optional("state"): _keyed(icon),
                vol.Optional("range"): _keyed(icon, _range_key),
            }
        ),
        _not_same_as_default,
    ),
}
_FLOW_ICONS = vol.Schema({"step": {str: {"sections": {str: icon}}}})
ICONS_SCHEMA = vol.Schema(
    {
        vol.Optional("config"): _FLOW_ICONS,
        vol.Optional("issues"): vol.Schema({str: {"fix_flow": _FLOW_ICONS}}),
        vol.Optional("options"): _FLOW_ICONS,
        vol.Optional("services"): _keyed(
            vol.All(
                convert_shorthand_service_icon,
                vol.Schema({vol.Optional("service"): icon, vol.Optional("sections"): _keyed(icon)}),
            )
        ),
        # Since 2026.x, as the core integrations with triggers.yaml and conditions.yaml have them.
        vol.Optional("triggers"): _keyed(vol.Schema({vol.Required("trigger"): icon})),
        vol.Optional("conditions"): _keyed(vol.Schema({vol.Required("condition"): icon})),
        # hassfest applies ensure_not_same_as_default one level up, where it finds nothing to
        # compare; here it runs per platform, as intended.
        vol.Optional("entity"): _keyed(
            vol.All(_keyed(_ENTITY_ICON), _not_same_as_default), cv.slug
        ),
    }
)
