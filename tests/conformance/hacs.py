"""HACS's schemas for hacs.json and an integration's manifest."""

# Rules follow hacs/integration custom_components/hacs/utils/validate.py
# (HACS_MANIFEST_JSON_SCHEMA, INTEGRATION_MANIFEST_JSON_SCHEMA) and validate/hacsjson.py.

import re
from typing import Any

from awesomeversion import AwesomeVersion
from homeassistant.helpers.config_validation import url
import voluptuous as vol


def _countries(values: Any) -> list[str]:
    """Accept a country code or a list of them (HACS checks a list of locales; two letters here)."""
    codes = [values] if isinstance(values, str) else values
    if not isinstance(codes, list) or not all(
        isinstance(code, str) and re.fullmatch("[A-Z]{2}", code.upper()) for code in codes
    ):
        msg = f"Value '{values}' is not a country code or a list of them."
        raise vol.Invalid(msg)
    return [code.upper() for code in codes]


HACS_JSON_SCHEMA = vol.Schema(
    {
        vol.Optional("content_in_root"): bool,
        vol.Optional("country"): _countries,
        vol.Optional("filename"): str,
        vol.Optional("hacs"): str,
        vol.Optional("hide_default_branch"): bool,
        vol.Optional("homeassistant"): str,
        vol.Optional("persistent_directory"): str,
        vol.Optional("render_readme"): bool,
        vol.Optional("zip_release"): bool,
        vol.Required("name"): str,
    },
    extra=vol.PREVENT_EXTRA,
)

MANIFEST_SCHEMA = vol.Schema(
    {
        vol.Required("codeowners"): list,
        vol.Required("documentation"): url,
        vol.Required("domain"): str,
        vol.Required("issue_tracker"): url,
        vol.Required("name"): str,
        vol.Required("version"): vol.Coerce(AwesomeVersion),
    },
    extra=vol.ALLOW_EXTRA,
)


def zip_release_has_filename(hacs_json: dict[str, Any]) -> bool:
    """Tell whether a zip release names its file, as HACS requires of an integration."""
    return not hacs_json.get("zip_release") or bool(hacs_json.get("filename"))
