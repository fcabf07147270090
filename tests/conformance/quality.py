"""hassfest's quality-scale checks of the rules marked done, read from the syntax trees."""

# Checks follow home-assistant/core script/hassfest/quality_scale_validation/*.py (action_setup,
# config_entry_unloading, config_flow, diagnostics, discovery, parallel_updates,
# reauthentication_flow, reconfiguration_flow, runtime_data, strict_typing, test_before_setup);
# the config-schema check follows script/hassfest/config_schema.py.

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
import re
import tomllib
from typing import Any

from homeassistant.const import Platform

from .scan import Function, calls, functions, name_of, top

PLATFORMS = sorted(platform.value for platform in Platform)


def _defines(tree: ast.Module | None, *names: str) -> bool:
    return any(f.name in names for f in functions(tree)) if tree else False


def _registers_actions(function: Function | None) -> bool:
    for node in ast.walk(function) if function else ():
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            attr, owner = node.func.attr, node.func.value
            if attr == "async_register_entity_service":
                return True
            if attr in {"async_register", "register"} and name_of(owner) == "services":
                return True
    return False


def _typed_entry(function: Function | None, position: int) -> bool:
    """Tell whether an argument is annotated with a typed config entry (`MatConfigEntry`)."""
    if function is None:
        return True
    args = function.args.args
    annotation = args[position - 1].annotation if len(args) >= position else None
    return isinstance(annotation, ast.Name) and bool(
        re.match(r"^[A-Za-z]+ConfigEntry$", annotation.id)
    )


_TYPED_ENTRY_FUNCTIONS = {
    "__init__.py": (
        "async_migrate_entry",
        "async_remove_config_entry_device",
        "async_remove_entry",
        "async_setup_entry",
        "async_unload_entry",
    ),
    "diagnostics.py": ("async_get_config_entry_diagnostics", "async_get_device_diagnostics"),
} | {f"{platform}.py": ("async_setup_entry",) for platform in PLATFORMS}


def _untyped_entries(modules: dict[str, ast.Module]) -> list[str]:
    """Return the functions taking a bare ConfigEntry where hassfest wants a typed one."""
    errors = [
        f"{path} {name} does not use a typed ConfigEntry"
        for path, names in _TYPED_ENTRY_FUNCTIONS.items()
        for name in names
        if isinstance(function := top(modules.get(path), name), ast.AsyncFunctionDef)
        and not _typed_entry(function, 2)
    ]
    flow = modules.get("config_flow.py") or ast.Module(body=[], type_ignores=[])
    errors += [
        f"config_flow.py {cls.name}.async_get_options_flow does not use a typed ConfigEntry"
        for cls in ast.walk(flow)
        if isinstance(cls, ast.ClassDef)
        for function in cls.body
        if isinstance(function, ast.FunctionDef)
        and function.name == "async_get_options_flow"
        and not _typed_entry(function, 1)
    ]
    return errors


def _runtime_data(modules: dict[str, ast.Module], strict: bool) -> list[str]:
    """Check that async_setup_entry stores entry.runtime_data (typed, with strict typing)."""
    setup = top(modules.get("__init__.py"), "async_setup_entry")
    entry = setup.args.args[1].arg if setup and len(setup.args.args) == 2 else None
    sets = setup is not None and any(
        isinstance(node, ast.Attribute)
        and isinstance(node.ctx, ast.Store)
        and node.attr == "runtime_data"
        and name_of(node.value) == entry
        for node in ast.walk(setup)
    )
    errors = [] if sets else ["async_setup_entry does not set entry.runtime_data"]
    return errors + _untyped_entries(modules) if strict else errors


@dataclass(frozen=True)
class Integration:
    """What the quality-scale checks read: the package, its manifest, the project's settings."""

    modules: dict[str, ast.Module]
    manifest: dict[str, Any]
    pyproject: Path
    done: frozenset[str]

    def module(self, name: str) -> ast.Module | None:
        """Return a module of the package by file name."""
        return self.modules.get(name)

    def platforms(self) -> Iterator[tuple[str, ast.Module]]:
        """Return the entity platform modules."""
        for platform in PLATFORMS:
            if (tree := self.module(f"{platform}.py")) is not None:
                yield platform, tree


def _action_setup(it: Integration) -> list[str]:
    modules = [("__init__", it.module("__init__.py")), *it.platforms()]
    return [
        f"{name}.py registers actions in async_setup_entry"
        for name, tree in modules
        if _registers_actions(top(tree, "async_setup_entry"))
    ]


def _config_flow(it: Integration) -> list[str]:
    if not it.manifest.get("config_flow"):
        return ["config_flow is not set in the manifest"]
    return [] if it.module("config_flow.py") else ["config_flow.py is missing"]


def _parallel_updates(it: Integration) -> list[str]:
    return [
        f"{platform}.py does not set PARALLEL_UPDATES"
        for platform, tree in it.platforms()
        if not any(
            isinstance(node, ast.Assign) and name_of(node.targets[0]) == "PARALLEL_UPDATES"
            for node in tree.body
        )
    ]


def _discovery(it: Integration) -> list[str]:
    matchers = ("bluetooth", "dhcp", "homekit", "mqtt", "ssdp", "usb", "zeroconf")
    steps = [f"async_step_{name}" for name in (*matchers, "discovery", "hassio")]
    found = any(key in it.manifest for key in matchers) or _defines(
        it.module("config_flow.py"), *steps
    )
    return [] if found else ["no discovery in the manifest or the config flow"]


def _test_before_setup(it: Integration) -> list[str]:
    valid = {"ConfigEntryNotReady", "ConfigEntryAuthFailed", "ConfigEntryError"}
    setup = top(it.module("__init__.py"), "async_setup_entry")
    refreshes = setup is not None and any(
        name_of(call.func) == "async_config_entry_first_refresh" for call in calls(setup)
    )
    raises = any(
        isinstance(node, ast.Raise)
        and node.exc is not None
        and valid
        & {name_of(n) for n in ast.walk(node.exc) if isinstance(n, ast.Name | ast.Attribute)}
        for tree in it.modules.values()
        for node in ast.walk(tree)
    )
    return [] if refreshes or raises else [f"nothing raises one of {sorted(valid)}"]


def _strict_typing(it: Integration) -> list[str]:
    """The custom-integration form of hassfest's .strict-typing check: mypy runs strict."""
    mypy = tomllib.loads(it.pyproject.read_text()).get("tool", {}).get("mypy", {})
    return [] if mypy.get("strict") is True else ["mypy is not configured strict"]


def _has(module: str, *functions: str) -> Callable[[Integration], list[str]]:
    def check(it: Integration) -> list[str]:
        found = _defines(it.module(module), *functions)
        return [] if found else [f"{module} defines none of {', '.join(functions)}"]

    return check


VALIDATORS: dict[str, Callable[[Integration], list[str]]] = {
    "action-setup": _action_setup,
    "config-entry-unloading": _has("__init__.py", "async_unload_entry"),
    "config-flow": _config_flow,
    "diagnostics": _has(
        "diagnostics.py", "async_get_config_entry_diagnostics", "async_get_device_diagnostics"
    ),
    "discovery": _discovery,
    "parallel-updates": _parallel_updates,
    "reauthentication-flow": _has("config_flow.py", "async_step_reauth"),
    "reconfiguration-flow": _has("config_flow.py", "async_step_reconfigure"),
    "runtime-data": lambda it: _runtime_data(it.modules, "strict-typing" in it.done),
    "strict-typing": _strict_typing,
    "test-before-setup": _test_before_setup,
}


def config_schema_errors(modules: dict[str, ast.Module]) -> list[str]:
    """Return hassfest's config-schema finding: async_setup needs a CONFIG_SCHEMA."""
    init = modules["__init__.py"]
    if top(init, "async_setup") is None and top(init, "setup") is None:
        return []
    for node in init.body:
        targets = list(node.targets) if isinstance(node, ast.Assign) else []
        targets += [node.target] if isinstance(node, ast.AnnAssign | ast.AugAssign) else []
        names = [alias.asname or alias.name for alias in getattr(node, "names", [])]
        schema = {"CONFIG_SCHEMA", "PLATFORM_SCHEMA", "PLATFORM_SCHEMA_BASE"}
        if schema & ({name_of(t) for t in targets} | set(names)):
            return []
    return ["async_setup is defined but no CONFIG_SCHEMA"]
