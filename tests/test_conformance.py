"""What hassfest and HACS check of a custom integration, and the contract's values in the UI."""

from importlib import metadata, util
from pathlib import Path
import struct
import tomllib
from typing import Any

from awesomeversion import AwesomeVersion
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.icon import convert_shorthand_service_icon
from homeassistant.util.yaml import load_yaml_dict
from packaging.requirements import Requirement
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.acupressure_mat.const import DOMAIN

# The contract's values, as the engine defines them once.
from custom_components.acupressure_mat.engine.vocabulary import (
    AUDIBLE_KINDS,
    Area,
    BreathingPattern,
    GuidanceKind,
    Moment,
)

from .conformance import findings, hacs, manifest, quality, scan, services, strings
from .conformance.files import LANGUAGES, PACKAGE, ROOT, actions, load, read_manifest, texts

SELECT_OPTIONS = {
    "breathing_pattern": tuple(BreathingPattern),
    "guidance": tuple(GuidanceKind),
    "kind": AUDIBLE_KINDS,
    "area": tuple(Area),
    "moment": tuple(Moment),
}

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def selects() -> list[tuple[str, str, dict[str, Any]]]:
    """Return every select selector of services.yaml with its action and field."""
    return [
        (action, field, spec["selector"]["select"])
        for action, service in actions().items()
        for field, spec in ((service or {}).get("fields") or {}).items()
        if "select" in (spec.get("selector") or {})
    ]


def test_manifest_passes_hassfest_and_hacs() -> None:
    content = read_manifest()
    assert findings.check(manifest.MANIFEST_SCHEMA, content) == []
    assert findings.check(hacs.MANIFEST_SCHEMA, content) == []
    assert content["domain"] == PACKAGE.name
    assert "iot_class" in content
    assert content.get("version")
    assert list(content) == manifest.sorted_keys(list(content))


def test_config_flow_and_schema_match_the_code() -> None:
    modules = scan.parse(PACKAGE)
    assert read_manifest().get("config_flow", False) == ("config_flow.py" in modules)
    assert quality.config_schema_errors(modules) == []


def test_dependencies_and_requirements() -> None:
    content = read_manifest()
    dependencies, after = content.get("dependencies", []), content.get("after_dependencies", [])
    assert len(set(dependencies + after)) == len(dependencies + after)
    assert [
        d for d in dependencies + after if not util.find_spec(f"homeassistant.components.{d}")
    ] == []
    allowed = manifest.ALLOWED_USED_COMPONENTS | {DOMAIN, *dependencies, *after}
    undeclared = {
        (path, domain)
        for path, domains in scan.component_imports(scan.parse(PACKAGE)).items()
        for domain in domains - allowed
        if not (PACKAGE / f"{domain}.py").is_file() and not (PACKAGE / domain).is_dir()
    }
    assert undeclared == set()
    for line in content.get("requirements", []):
        requirement = Requirement(line)
        assert requirement.url is None, line
        installed = metadata.version(requirement.name)
        assert requirement.specifier.contains(installed, prereleases=True), (line, installed)


def test_hacs_json() -> None:
    content = load(ROOT / "hacs.json")
    assert findings.check(hacs.HACS_JSON_SCHEMA, content) == []
    assert hacs.zip_release_has_filename(content)
    pins = tomllib.loads((ROOT / "pyproject.toml").read_text())["dependency-groups"]["dev"]
    tested = next(pin.split("==")[1] for pin in pins if pin.startswith("homeassistant=="))
    assert AwesomeVersion(content["homeassistant"]) == AwesomeVersion(tested)


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_pass_hassfest(language: str) -> None:
    # hassfest reads en.json only; the other languages are held to the same rules.
    assert findings.check(strings.STRINGS_SCHEMA, texts(language)) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_have_only_hassfest_sections(language: str) -> None:
    assert sorted(texts(language).keys() - strings.SECTIONS) == []


def test_services_yaml_passes_hassfest() -> None:
    assert findings.check(services.SERVICES_SCHEMA, actions()) == []
    assert load_yaml_dict(str(PACKAGE / "services.yaml")) == actions()


def test_select_options_are_the_contract_values() -> None:
    found = {(action, field): tuple(select["options"]) for action, field, select in selects()}
    assert {where: o for where, o in found.items() if not all(isinstance(v, str) for v in o)} == {}
    expected = {
        (action, field): SELECT_OPTIONS[select.get("translation_key", field)]
        for action, field, select in selects()
    }
    assert found == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_actions_are_translated(language: str) -> None:
    content, missing = texts(language), []
    for action, service in actions().items():
        translated = content.get("services", {}).get(action, {})
        missing += [
            f"{action}.{part}" for part in ("name", "description") if not translated.get(part)
        ]
        for field in (service or {}).get("fields") or {}:
            found = translated.get("fields", {}).get(field, {})
            missing += [
                f"{action}.{field}.{p}" for p in ("name", "description") if not found.get(p)
            ]
    for action, field, select in selects():
        key = select.get("translation_key")
        options = content.get("selector", {}).get(key, {}).get("options", {})
        missing += [f"selector.{key}.{o}" for o in select["options"] if str(o) not in options]
        missing += [] if key else [f"{action}.{field} has no translation_key"]
    assert missing == []


def test_icons() -> None:
    icons = load(PACKAGE / "icons.json")
    assert findings.check(services.ICONS_SCHEMA, icons) == []
    action_icons = icons.get("services", {})
    assert [
        a
        for a in actions()
        if "service" not in convert_shorthand_service_icon(action_icons.get(a, {}))
    ] == []


async def test_registered_actions_are_described(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    registered, described = hass.services.async_services_for_domain(DOMAIN), actions()
    assert sorted(registered) == sorted(described)
    fields = {
        name: {str(key) for key in service.schema.schema} for name, service in registered.items()
    }
    assert fields == {
        name: set((spec or {}).get("fields") or {}) for name, spec in described.items()
    }


async def test_entities_are_translated_and_have_icons(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    entries = er.async_entries_for_config_entry(er.async_get(hass), init_integration.entry_id)
    used = {(entry.domain, entry.translation_key) for entry in entries}
    assert entries
    assert None not in {key for _, key in used}
    icons, missing = load(PACKAGE / "icons.json").get("entity", {}), []
    for entry in entries:
        state = hass.states.get(entry.entity_id)
        assert state is not None
        where = f"{entry.domain}.{entry.translation_key}"
        icon = icons.get(entry.domain, {}).get(entry.translation_key, {})
        missing += [] if icon.get("default") else [f"icons: {where}"]
        options = set(state.attributes.get("options", []))
        missing += [f"icons: {where}.{s}" for s in icon.get("state", {}).keys() - options]
        for language in LANGUAGES:
            found = texts(language)["entity"].get(entry.domain, {}).get(entry.translation_key, {})
            events = found.get("state_attributes", {}).get("event_type", {}).get("state", {})
            missing += [] if found.get("name") else [f"{language}: {where}.name"]
            missing += [f"{language}: {where}.{s}" for s in options - found.get("state", {}).keys()]
            types = set(state.attributes.get("event_types", []))
            missing += [f"{language}: {where}.event_type.{t}" for t in types - events.keys()]
    declared = {(p, key) for p, keys in texts("en")["entity"].items() for key in keys}
    declared |= {(p, key) for p, keys in icons.items() for key in keys}
    assert (missing, declared - used) == ([], set())


@pytest.mark.parametrize("language", LANGUAGES)
def test_exceptions_and_issues_are_translated(language: str) -> None:
    keys = scan.translation_keys(scan.parse(PACKAGE))
    assert keys.unresolved == []
    assert keys.exceptions
    assert keys.issues
    exceptions, issues = texts(language).get("exceptions", {}), texts(language).get("issues", {})
    missing = [
        f"exceptions.{k}" for k in keys.exceptions if not exceptions.get(k, {}).get("message")
    ]
    missing += [
        f"issues.{k}"
        for k in keys.issues
        if not {"title", "description"} <= issues.get(k, {}).keys()
    ]
    unused = (exceptions.keys() - keys.exceptions) | (issues.keys() - keys.issues)
    assert (sorted(missing), sorted(unused)) == ([], [])


def png_size(path: Path) -> tuple[int, int]:
    """Return a PNG's width and height from its header."""
    header = path.read_bytes()[:24]
    assert header[:8] == PNG_SIGNATURE
    assert header[12:16] == b"IHDR"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_brand_images() -> None:
    # The home-assistant/brands image rules, for the brand/ folder Home Assistant reads.
    names = sorted(path.name for path in (PACKAGE / "brand").iterdir())
    kinds = ("icon", "logo", "icon@2x", "logo@2x")
    allowed = {f"{dark}{kind}.png" for dark in ("", "dark_") for kind in kinds}
    assert "icon.png" in names
    assert set(names) <= allowed
    for name in names:
        kind = name.removeprefix("dark_").removesuffix(".png")
        width, height = png_size(PACKAGE / "brand" / name)
        if kind.startswith("icon"):
            assert (width, height) == ((512, 512) if "@2x" in kind else (256, 256)), name
        else:
            low, high = (256, 512) if "@2x" in kind else (128, 256)
            assert low <= min(width, height) <= high, name
