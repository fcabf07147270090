"""Puts the integration's automation blueprints where Home Assistant's blueprint list finds them."""

import logging
from pathlib import Path

from homeassistant.core import HomeAssistant

from .const import DOMAIN
from .shipped_files import update_file

_LOGGER = logging.getLogger(__name__)
SHIPPED = Path(__file__).parent / "blueprints"
HEADER = (
    "# Installed by the Acupressure Mat integration, which keeps it up to date.\n"
    "# Once you edit it, it is yours and the integration leaves it alone.\n"
)


async def async_install_blueprints(hass: HomeAssistant) -> None:
    """Install or update each shipped blueprint, unless the user has edited it."""
    target = Path(hass.config.path("blueprints", "automation", DOMAIN))
    try:
        await hass.async_add_executor_job(_install, target)
    except OSError:
        # Blueprints are an extra: the profiles load even when they cannot be put in place.
        _LOGGER.warning("Could not install the blueprints in %s", target, exc_info=True)


def _install(target: Path) -> None:
    """Bring every installed blueprint in line with the shipped one (in the executor)."""
    for blueprint in SHIPPED.glob("*.yaml"):
        update_file(target / blueprint.name, blueprint, HEADER, wanted=True)
