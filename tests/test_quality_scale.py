"""hassfest's quality scale: quality_scale.yaml, the rules marked done, the tier in the README."""

import re

from homeassistant.util.yaml import load_yaml_dict

from .conformance import findings, quality, quality_scale, scan
from .conformance.files import PACKAGE, ROOT, read_manifest


def quality_rules() -> dict[str, str]:
    """Return each quality-scale rule's status."""
    rules = load_yaml_dict(str(PACKAGE / "quality_scale.yaml"))["rules"]
    return {name: v["status"] if isinstance(v, dict) else v for name, v in rules.items()}


def test_quality_scale_passes_hassfest() -> None:
    content = load_yaml_dict(str(PACKAGE / "quality_scale.yaml"))
    assert findings.check(quality_scale.QUALITY_SCALE_SCHEMA, content) == []
    every = [rule for tier in quality_scale.TIERS for rule in quality_scale.RULES[tier]]
    assert sorted(content["rules"]) == sorted(every)
    # A rule left to do says why.
    assert [n for n, rule in content["rules"].items() if rule == "todo"] == []
    done = frozenset(name for name, status in quality_rules().items() if status == "done")
    # unique-config-entry has no static check here: names are refused in the form, which
    # tests/test_config_flow.py checks.
    it = quality.Integration(scan.parse(PACKAGE), read_manifest(), ROOT / "pyproject.toml", done)
    failing = {
        name: errors
        for name, check in quality.VALIDATORS.items()
        if name in done and (errors := check(it))
    }
    assert failing == {}


def test_readme_states_the_tier_reached() -> None:
    status = quality_rules()
    reached = "below Bronze"
    for tier in quality_scale.TIERS:
        if any(status[rule] == "todo" for rule in quality_scale.RULES[tier]):
            break
        reached = tier.capitalize()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(
        line for line in readme.splitlines() if line.startswith("Integration Quality Scale:")
    )
    assert re.match(rf"Integration Quality Scale: \*\*{reached}\*\*", line)
    assert [rule for rule, s in status.items() if s == "todo" and f"`{rule}`" not in line] == []
