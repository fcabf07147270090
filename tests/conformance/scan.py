"""The translation keys and integration imports of the package, read from its syntax trees."""

# A key is found wherever it reaches `translation_key=`: as a string, a module-level constant,
# or through any function or exception class that passes its argument on there, so wrappers
# such as `_error(key)` and `ProfileError(NO_SESSION)` are followed whatever they are called.
# component_imports follows home-assistant/core script/hassfest/dependencies.py (ImportCollector).

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

type Function = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass
class Keys:
    """Translation keys the code uses, and key arguments the scan could not resolve."""

    exceptions: set[str] = field(default_factory=set)
    issues: set[str] = field(default_factory=set)
    unresolved: list[str] = field(default_factory=list)


def parse(root: Path) -> dict[str, ast.Module]:
    """Return every module of the package by its path relative to the package."""
    return {
        path.relative_to(root).as_posix(): ast.parse(path.read_text())
        for path in root.rglob("*.py")
    }


def functions(tree: ast.AST) -> Iterator[Function]:
    """Return every function in a tree, outer ones first."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def name_of(node: ast.expr) -> str | None:
    """Return the name a call or reference ends in."""
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else None


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((kw.value for kw in call.keywords if kw.arg == name), None)


def _constants(modules: dict[str, ast.Module]) -> dict[str, str]:
    """Return the module-level string constants of the package."""
    found: dict[str, str] = {}
    for node in (node for tree in modules.values() for node in tree.body):
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        value = getattr(node, "value", None)
        if isinstance(target, ast.Name) and isinstance(value, ast.Constant):
            found |= {target.id: value.value} if isinstance(value.value, str) else {}
    return found


def _resolve(node: ast.expr, constants: dict[str, str]) -> set[str] | None:
    """Return the strings an expression can be, or None when it is not a known constant."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        body, orelse = _resolve(node.body, constants), _resolve(node.orelse, constants)
        return None if body is None or orelse is None else body | orelse
    name = name_of(node)
    return {constants[name]} if name in constants else None


def _params(function: Function) -> list[str]:
    return [arg.arg for arg in function.args.args if arg.arg != "self"]


def calls(tree: ast.AST) -> Iterator[ast.Call]:
    """Return every call in a tree."""
    return (node for node in ast.walk(tree) if isinstance(node, ast.Call))


def _signatures(modules: dict[str, ast.Module]) -> dict[str, list[str]]:
    """Return the parameters of every function, and of every class by its __init__."""
    found = {f.name: _params(f) for tree in modules.values() for f in functions(tree)}
    for cls in (n for tree in modules.values() for n in ast.walk(tree)):
        init = next((f for f in functions(cls) if f.name == "__init__"), None)
        if isinstance(cls, ast.ClassDef) and init is not None:
            found[cls.name] = _params(init)
    return found


def _key_argument(call: ast.Call, param: str, params: list[str]) -> ast.expr | None:
    """Return the argument a call passes for a parameter."""
    if (value := _keyword(call, param)) is not None:
        return value
    index = params.index(param)
    return call.args[index] if index < len(call.args) else None


def _direct_forwarders(modules: dict[str, ast.Module]) -> tuple[dict[str, str], set[str]]:
    """Return functions passing a parameter as translation_key, and attributes passed so."""
    carriers: dict[str, str] = {}
    attributes: set[str] = set()
    for function in (f for tree in modules.values() for f in functions(tree)):
        for call in calls(function):
            key = _keyword(call, "translation_key")
            if key is None or _keyword(call, "translation_domain") is None:
                continue
            if isinstance(key, ast.Name) and key.id in _params(function):
                carriers[function.name] = key.id
            elif isinstance(key, ast.Attribute):
                attributes.add(key.attr)
    return carriers, attributes


def _forwarders(modules: dict[str, ast.Module]) -> tuple[dict[str, str], set[str]]:
    """Return every function and class passing an argument on as a translation key."""
    carriers, attributes = _direct_forwarders(modules)
    signatures = _signatures(modules)
    for cls in (n for tree in modules.values() for n in ast.walk(tree)):
        init = next((f for f in functions(cls) if f.name == "__init__"), None)
        for node in ast.walk(init) if isinstance(cls, ast.ClassDef) and init else ():
            value = node.value if isinstance(node, ast.Assign) else None
            targets = node.targets if isinstance(node, ast.Assign) else []
            if isinstance(value, ast.Name) and {name_of(t) for t in targets} & attributes:
                carriers[cls.name] = value.id
    changed = True
    while changed:  # functions that hand their own parameter to a forwarder forward it too
        changed = False
        for function in (f for tree in modules.values() for f in functions(tree)):
            for call in calls(function):
                name = name_of(call.func)
                if name not in carriers or function.name in carriers:
                    continue
                arg = _key_argument(call, carriers[name], signatures[name])
                if isinstance(arg, ast.Name) and arg.id in _params(function):
                    carriers[function.name], changed = arg.id, True
    return carriers, attributes


def _owners(tree: ast.Module) -> dict[ast.Call, Function | None]:
    """Return the innermost function each call is made in."""
    owners: dict[ast.Call, Function | None] = dict.fromkeys(calls(tree))
    for function in functions(tree):  # outer functions come first: inner ones overwrite
        owners |= dict.fromkeys(calls(function), function)
    return owners


def _key_of(call: ast.Call, carriers: dict[str, str], signatures: dict[str, list[str]]) -> Any:
    """Return the expression a call gives as a translation key, or None for other calls."""
    name = name_of(call.func)
    if name == "async_create_issue":
        return _keyword(call, "translation_key")
    if name in carriers:
        return _key_argument(call, carriers[name], signatures[name])
    if _keyword(call, "translation_domain") is not None:
        return _keyword(call, "translation_key")
    return None


def translation_keys(modules: dict[str, ast.Module]) -> Keys:
    """Return the exception and issue keys the package raises."""
    constants, (carriers, attributes), keys = _constants(modules), _forwarders(modules), Keys()
    signatures = _signatures(modules)
    for path, tree in modules.items():
        for call, owner in _owners(tree).items():
            value = _key_of(call, carriers, signatures)
            passed_on = (
                isinstance(value, ast.Name) and owner and carriers.get(owner.name) == value.id
            ) or (isinstance(value, ast.Attribute) and value.attr in attributes)
            if value is None or passed_on:
                continue
            if (found := _resolve(value, constants)) is None:
                keys.unresolved.append(f"{path}:{call.lineno}")
            elif name_of(call.func) == "async_create_issue":
                keys.issues |= found
            else:
                keys.exceptions |= found
    return keys


def top(tree: ast.Module | None, name: str) -> Function | None:
    """Return a module-level function."""
    found = (
        [
            f
            for f in tree.body
            if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef) and f.name == name
        ]
        if tree
        else []
    )
    return found[0] if found else None


def _visible(tree: ast.AST) -> Iterator[ast.AST]:
    """Walk a tree, leaving out `if TYPE_CHECKING:` blocks as hassfest does."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and name_of(node.test) == "TYPE_CHECKING":
            continue
        yield node
        yield from _visible(node)


def component_imports(modules: dict[str, ast.Module]) -> dict[str, set[str]]:
    """Return the Home Assistant integrations each module imports (hassfest's ImportCollector)."""
    found: dict[str, set[str]] = {}
    for path, tree in modules.items():
        domains = found.setdefault(path, set())
        for node in _visible(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module == "homeassistant.components":
                domains |= {alias.name for alias in node.names}
                continue
            elif isinstance(node, ast.ImportFrom) and node.module:
                signing = [alias.name for alias in node.names] == ["async_sign_path"]
                names = [] if signing and node.module.endswith("http.auth") else [node.module]
            else:
                continue
            prefix = "homeassistant.components."
            domains |= {name.split(".")[2] for name in names if name.startswith(prefix)}
    return found
