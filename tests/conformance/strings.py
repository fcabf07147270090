"""Schema of a custom integration's translation files."""

# Rules follow home-assistant/core script/hassfest/translations.py (gen_strings_schema and the
# validators it uses) as hassfest runs it on a custom integration of type `service`: the
# legacy `config.title` only warns, no step needs a description, any title may be translated.

import re
import string
from typing import Any

from homeassistant.helpers import config_validation as cv
import voluptuous as vol

RE_TRANSLATION_KEY = re.compile(r"^(?!.+[_-]{2})(?![_-])[a-z0-9-_]+(?<![_-])$")
RE_COMBINED_REFERENCE = re.compile(r"(.+\[%)|(%\].+)")
RE_PLACEHOLDER_IN_SINGLE_QUOTES = re.compile(r"'{\w+}'")
RE_URL = re.compile(
    r"(((ftp|ftps|scp|http|https|mqtt|mqtts|socket|socks5):\/\/|www\.)"
    r"[a-z0-9]+([\-\.]{1}[a-z0-9]+)*\.[a-z]{2,5}(:[0-9]{1,5})?(\/.*)?)",
    re.IGNORECASE,
)


def translation_key(value: str) -> str:
    """Accept a translation key: [a-z0-9-_]+, no leading, trailing or doubled separator."""
    if RE_TRANSLATION_KEY.match(value) is None:
        msg = f"Invalid translation key '{value}'"
        raise vol.Invalid(msg)
    return value


def _placeholders(value: str, *, allowed: bool) -> str:
    """Accept placeholders that are identifiers, where placeholders are allowed."""
    for _, field, _, _ in string.Formatter().parse(value):
        if field and not allowed:
            msg = "placeholders are not supported in this value"
            raise vol.Invalid(msg)
        if field and not field.isidentifier():
            msg = "placeholders must be valid identifiers"
            raise vol.Invalid(msg)
    return value


def text(value: Any, *, placeholders: bool = True) -> str:
    """Accept a translated text: no HTML, URL, combined reference or stray spaces."""
    checked = _placeholders(cv.string_with_no_html(value), allowed=placeholders)
    if RE_PLACEHOLDER_IN_SINGLE_QUOTES.search(checked):
        msg = "the string should not contain placeholders inside single quotes"
        raise vol.Invalid(msg)
    if RE_COMBINED_REFERENCE.search(checked):
        msg = "the string should not contain combined translations"
        raise vol.Invalid(msg)
    if checked != checked.strip():
        msg = "the string should not contain leading or trailing spaces"
        raise vol.Invalid(msg)
    if RE_URL.search(checked):
        msg = "the string should not contain URLs, please use description placeholders instead"
        raise vol.Invalid(msg)
    return checked


def plain(value: Any) -> str:
    """Accept a translated text without placeholders (entity states)."""
    return text(value, placeholders=False)


def _keyed(schema: Any, keys: Any = translation_key) -> Any:
    return cv.schema_with_slug_keys(schema, slug_validator=keys)


def _data_descriptions_have_data(value: dict[str, Any]) -> dict[str, Any]:
    for info in value["step"].values():
        for key in info.get("data_description", {}):
            if key not in info.get("data", {}):
                msg = f"data_description key {key} is not in data"
                raise vol.Invalid(msg)
    return value


def _removed_title(value: Any) -> Any:
    """Let the removed flow title through: hassfest only warns a custom integration."""
    return value


def _flow(*, title: bool, subentry: bool = False) -> vol.All:
    """Return the schema of a flow's strings (gen_data_entry_schema)."""
    fields = {str: text}
    schema: dict[Any, Any] = {
        vol.Optional("flow_title"): text,
        vol.Required("step"): {
            str: {
                vol.Optional("title"): text,
                vol.Optional("description"): text,
                vol.Optional("data"): fields,
                vol.Optional("data_description"): fields,
                vol.Optional("menu_options"): fields,
                vol.Optional("menu_option_descriptions"): fields,
                vol.Optional("submit"): text,
                vol.Optional("sections"): {
                    str: {
                        vol.Optional("data"): fields,
                        vol.Optional("data_description"): fields,
                        vol.Optional("description"): text,
                        vol.Optional("name"): text,
                    }
                },
            }
        },
        vol.Optional("error"): fields,
        vol.Optional("abort"): fields,
        vol.Optional("progress"): fields,
        vol.Optional("create_entry"): fields,
    }
    if subentry:
        schema[vol.Required("entry_type")] = text
        schema[vol.Required("initiate_flow")] = {vol.Required("user"): text, str: text}
    else:
        schema[vol.Optional("initiate_flow")] = {vol.Required("user"): text}
    if title:
        schema[vol.Optional("title")] = _removed_title
    return vol.All(vol.Schema(schema), _data_descriptions_have_data)


def _actions(slug: Any, *, sections: bool) -> Any:
    """Return the schema of translated actions, conditions or triggers."""
    schema: dict[Any, Any] = {
        vol.Required("name"): text,
        vol.Required("description"): text,
        vol.Optional("fields"): _keyed(
            {
                vol.Required("name"): str,
                vol.Required("description"): text,
                vol.Optional("example"): text,
            }
        ),
    }
    if sections:
        schema[vol.Optional("sections")] = _keyed(
            {vol.Required("name"): str, vol.Optional("description"): text}
        )
    return _keyed(schema, slug)


def _states(attribute_name: Any) -> dict[Any, Any]:
    """Return the schema of translated states and state attributes."""
    return {
        vol.Optional("state"): _keyed(plain),
        vol.Optional("state_attributes"): _keyed(
            {vol.Optional("name"): attribute_name, vol.Optional("state"): _keyed(plain)}
        ),
    }


_OPTIONS = _keyed(text)
ISSUES = {
    str: vol.All(
        cv.has_at_least_one_key("description", "fix_flow"),
        vol.Schema(
            {
                vol.Required("title"): text,
                vol.Exclusive("description", "fixable"): text,
                vol.Exclusive("fix_flow", "fixable"): _flow(title=False),
            }
        ),
    )
}
STRINGS_SCHEMA = vol.Schema(
    {
        vol.Optional("title"): text,
        vol.Optional("config"): _flow(title=True),
        vol.Optional("config_subentries"): _keyed(
            _flow(title=True, subentry=True), vol.Any("_", cv.slug)
        ),
        vol.Optional("options"): _flow(title=False),
        vol.Optional("preview_features"): _keyed(
            {
                vol.Required("name"): text,
                vol.Required("description"): text,
                vol.Optional("enable_confirmation"): text,
                vol.Optional("disable_confirmation"): text,
            }
        ),
        vol.Optional("selector"): _keyed(
            {
                vol.Optional("choices"): _OPTIONS,
                vol.Optional("options"): _OPTIONS,
                vol.Optional("unit_of_measurement"): _OPTIONS,
                vol.Optional("fields"): vol.Any(
                    cv.schema_with_slug_keys(str),
                    _keyed({vol.Required("name"): str, vol.Required("description"): text}),
                ),
            },
            vol.Any("_", cv.slug),
        ),
        vol.Optional("device_automation"): {
            vol.Optional(key): {str: text}
            for key in (
                "action_type",
                "condition_type",
                "trigger_type",
                "trigger_subtype",
                "extra_fields",
                "extra_fields_descriptions",
            )
        },
        vol.Optional("system_health"): {vol.Optional("info"): _keyed(text)},
        vol.Optional("config_panel"): vol.Schema(
            vol.Any({vol.Any(translation_key, "_"): vol.Self}, text)
        ),
        vol.Optional("application_credentials"): {vol.Optional("description"): text},
        vol.Optional("issues"): ISSUES,
        vol.Optional("entity_component"): _keyed(
            {vol.Optional("name"): str, **_states(str)}, vol.Any("_", cv.slug)
        ),
        vol.Optional("device"): _keyed({vol.Optional("name"): text}),
        vol.Optional("entity"): _keyed(
            _keyed(
                {
                    vol.Optional("name"): text,
                    **_states(plain),
                    vol.Optional("unit_of_measurement"): plain,
                }
            ),
            cv.slug,
        ),
        vol.Optional("exceptions"): _keyed({vol.Optional("message"): text}, cv.slug),
        vol.Optional("services"): _actions(translation_key, sections=True),
        vol.Optional("conditions"): _actions(cv.underscore_slug, sections=False),
        vol.Optional("triggers"): _actions(cv.underscore_slug, sections=False),
        vol.Optional("conversation"): {vol.Required("agent"): {vol.Required("done"): text}},
        vol.Optional("common"): vol.Schema({cv.slug: text}),
    }
)
SECTIONS = frozenset(str(key) for key in STRINGS_SCHEMA.schema)
