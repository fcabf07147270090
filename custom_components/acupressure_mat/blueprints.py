"""Puts the integration's automation blueprints where Home Assistant's blueprint list finds them."""

from pathlib import Path
import shutil

from homeassistant.core import HomeAssistant

from .const import DOMAIN

SHIPPED = Path(__file__).parent / "blueprints"


async def async_install_blueprints(hass: HomeAssistant) -> None:
    """Copy each shipped blueprint that is missing; a file that is there is the user's."""
    target = Path(hass.config.path("blueprints", "automation", DOMAIN))
    await hass.async_add_executor_job(_install, target)


def _install(target: Path) -> None:
    """Copy the missing blueprints (in the executor)."""
    target.mkdir(parents=True, exist_ok=True)
    for blueprint in SHIPPED.glob("*.yaml"):
        if not (target / blueprint.name).exists():
            shutil.copyfile(blueprint, target / blueprint.name)
