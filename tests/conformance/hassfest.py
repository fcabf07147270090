"""hassfest's schemas for a custom integration's manifest, actions, icons and quality scale."""

# Rules follow home-assistant/core script/hassfest/: manifest.py for the custom integration
# manifest schema and the key order, dependencies.py for the integrations any integration may
# import, services.py for the custom integration services schema, icons.py for the icon schema
# of a custom integration that is not an entity, helper or system integration, and
# quality_scale.py for the rules and the file's schema.

from typing import Any
from urllib.parse import urlparse

from awesomeversion import AwesomeVersion, AwesomeVersionException, AwesomeVersionStrategy
from homeassistant.const import CONF_SELECTOR, Platform
from homeassistant.helpers import config_validation as cv, selector
from homeassistant.helpers.icon import convert_shorthand_service_icon
import voluptuous as vol
from voluptuous.humanize import humanize_error

from .strings import translation_key

IOT_CLASSES = (
    "assumed_state",
    "calculated",
    "cloud_polling",
    "cloud_push",
    "local_polling",
    "local_push",
)
INTEGRATION_TYPES = ("device", "entity", "hardware", "helper", "hub", "service", "system")


def documentation_url(value: str) -> str:
    """Accept an https documentation address."""
    parsed = urlparse(value)
    if parsed.scheme != "https":
        msg = "Documentation url is not prefixed with https"
        raise vol.Invalid(msg)
    if parsed.netloc == "www.home-assistant.io" and not parsed.path.startswith("/integrations/"):
        msg = "Documentation url does not begin with www.home-assistant.io/integrations"
        raise vol.Invalid(msg)
    return value


def version(value: str) -> str:
    """Accept a version AwesomeVersion reads with one of the strategies hassfest allows."""
    strategies = [
        AwesomeVersionStrategy.CALVER,
        AwesomeVersionStrategy.SEMVER,
        AwesomeVersionStrategy.SIMPLEVER,
        AwesomeVersionStrategy.BUILDVER,
        AwesomeVersionStrategy.PEP440,
    ]
    try:
        AwesomeVersion(value, ensure_strategy=strategies)
    except AwesomeVersionException as err:
        msg = f"'{value}' is not a valid version."
        raise vol.Invalid(msg) from err
    return value


# Discovery matchers (bluetooth, dhcp, homekit, mqtt, ssdp, usb, zeroconf) are left out: a
# manifest with one of them fails here, which is right for an integration without discovery.
MANIFEST_SCHEMA = vol.Schema(
    {
        vol.Required("domain"): str,
        vol.Required("name"): str,
        vol.Optional("integration_type", default="hub"): vol.In(INTEGRATION_TYPES),
        vol.Optional("config_flow"): bool,
        vol.Required("documentation"): vol.All(vol.Url(), documentation_url),
        vol.Optional("issue_tracker"): vol.Url(),
        vol.Optional("quality_scale"): vol.In(["internal", "silver", "gold", "platinum"]),
        vol.Optional("requirements"): [str],
        vol.Optional("dependencies"): [str],
        vol.Optional("after_dependencies"): [str],
        vol.Required("codeowners"): [str],
        vol.Optional("loggers"): [str],
        vol.Optional("disabled"): str,
        vol.Optional("iot_class"): vol.In(IOT_CLASSES),
        vol.Optional("single_config_entry"): bool,
        vol.Optional("version"): vol.All(str, version),
        vol.Optional("import_executor"): bool,
    }
)


def sorted_keys(keys: list[str]) -> list[str]:
    """Return manifest keys in hassfest's order: domain, name, then alphabetical."""
    return sorted(keys, key=lambda key: {"domain": ".domain", "name": ".name"}.get(key, key))


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
        # hassfest applies ensure_not_same_as_default one level up, where it finds nothing to
        # compare; here it runs per platform, as intended.
        vol.Optional("entity"): _keyed(
            vol.All(_keyed(_ENTITY_ICON), _not_same_as_default), cv.slug
        ),
    }
)

TIERS = ("bronze", "silver", "gold", "platinum")
RULES: dict[str, tuple[str, ...]] = {
    "bronze": (
        "action-setup",
        "appropriate-polling",
        "brands",
        "common-modules",
        "config-flow",
        "config-flow-test-coverage",
        "dependency-transparency",
        "docs-actions",
        "docs-conditions",
        "docs-high-level-description",
        "docs-installation-instructions",
        "docs-removal-instructions",
        "docs-triggers",
        "entity-event-setup",
        "entity-unique-id",
        "has-entity-name",
        "runtime-data",
        "test-before-configure",
        "test-before-setup",
        "unique-config-entry",
    ),
    "silver": (
        "action-exceptions",
        "config-entry-unloading",
        "docs-configuration-parameters",
        "docs-installation-parameters",
        "entity-unavailable",
        "integration-owner",
        "log-when-unavailable",
        "parallel-updates",
        "reauthentication-flow",
        "test-coverage",
    ),
    "gold": (
        "devices",
        "diagnostics",
        "discovery",
        "discovery-update-info",
        "docs-data-update",
        "docs-examples",
        "docs-known-limitations",
        "docs-supported-devices",
        "docs-supported-functions",
        "docs-troubleshooting",
        "docs-use-cases",
        "dynamic-devices",
        "entity-category",
        "entity-device-class",
        "entity-disabled-by-default",
        "entity-translations",
        "exception-translations",
        "icon-translations",
        "reconfiguration-flow",
        "repair-issues",
        "stale-devices",
    ),
    "platinum": ("async-dependency", "inject-websession", "strict-typing"),
}
QUALITY_SCALE_SCHEMA = vol.Schema(
    {
        vol.Required("rules"): vol.Schema(
            {
                vol.Optional(rule): vol.Any(
                    vol.In(["todo", "done"]),
                    vol.Schema(
                        {
                            vol.Required("status"): vol.In(["todo", "done"]),
                            vol.Required("comment"): str,
                        }
                    ),
                    vol.Schema({vol.Required("status"): "exempt", vol.Required("comment"): str}),
                )
                for rules in RULES.values()
                for rule in rules
            }
        )
    }
)

# From script/hassfest/dependencies.py: integrations any integration may import from.
ALLOWED_USED_COMPONENTS = frozenset(
    {
        *(platform.value for platform in Platform),
        "alert",
        "automation",
        "conversation",
        "default_config",
        "device_automation",
        "frontend",
        "group",
        "homeassistant",
        "input_boolean",
        "input_button",
        "input_datetime",
        "input_number",
        "input_select",
        "input_text",
        "media_source",
        "onboarding",
        "panel_custom",
        "persistent_notification",
        "person",
        "script",
        "shopping_list",
        "sun",
        "system_health",
        "system_log",
        "timer",
        "webhook",
        "websocket_api",
        "zone",
        "mjpeg",
        "stream",
    }
)


def check(schema: Any, data: Any) -> list[str]:
    """Return a schema's findings about data, worded as hassfest reports them."""
    try:
        schema(data)
    except vol.Invalid as err:
        return [humanize_error(data, err)]
    return []
