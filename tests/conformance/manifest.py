"""hassfest's schema for a custom integration's manifest, its key order and allowed imports."""

# Rules follow home-assistant/core script/hassfest/: manifest.py for the custom integration
# manifest schema and the key order, dependencies.py for the integrations any integration may
# import.

from urllib.parse import urlparse

from awesomeversion import AwesomeVersion, AwesomeVersionException, AwesomeVersionStrategy
from homeassistant.const import Platform
import voluptuous as vol

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
