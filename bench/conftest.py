"""Benchmarks that need a Home Assistant run under pytest with the integration enabled."""

from collections.abc import Iterator
import logging

import pytest


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Let Home Assistant load this custom integration."""


@pytest.fixture(autouse=True)
def quiet_sql() -> Iterator[None]:
    """Log SQL as Home Assistant does (not at all), not as its test harness does (every query)."""
    # Formatting every statement on the recorder's thread would be timed as the recorder's cost.
    engine = logging.getLogger("sqlalchemy.engine")
    level = engine.level
    engine.setLevel(logging.WARNING)
    yield
    engine.setLevel(level)
