"""A schema's findings about some data, worded as hassfest reports them."""

# Follows home-assistant/core script/hassfest/, which reports voluptuous errors humanized.

from typing import Any

import voluptuous as vol
from voluptuous.humanize import humanize_error


def check(schema: Any, data: Any) -> list[str]:
    """Return a schema's findings about data, worded as hassfest reports them."""
    try:
        schema(data)
    except vol.Invalid as err:
        return [humanize_error(data, err)]
    return []
