"""The development configuration folder: both integrations linked in, a configuration.yaml."""

from pathlib import Path

from dev.hass_launcher import HOST

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = "acupressure_mat"
TIME_ZONE = "Europe/Berlin"
LINKS = {
    DOMAIN: ROOT / "custom_components" / DOMAIN,
    "mat_dev_speaker": ROOT / "dev" / "custom_components" / "mat_dev_speaker",
}


def configuration(port: int) -> str:
    """Return the configuration.yaml written when there is none, for Home Assistant on port."""
    url = f"http://{HOST}:{port}"
    return f"""\
# Written by scripts/develop when missing: edit freely, delete it to get the default back.
homeassistant:
  name: Mat dev home
  time_zone: {TIME_ZONE}
  latitude: 52.52
  longitude: 13.40
  elevation: 34
  unit_system: metric
  currency: EUR
  country: DE
  language: en
  internal_url: {url}
# Read on the first start only: Home Assistant then keeps its HTTP settings in .storage/http
# (Settings → System → Network). scripts/develop confirms them for you.
http:
  server_host: {HOST}
  server_port: {port}
frontend:
onboarding:
config:
api:
websocket_api:
conversation:
intent:
media_source:
media_player:
  - platform: mat_dev_speaker
    name: Dev speaker
# Long-term statistics outlive the purge: the trend cards show two years all the same.
recorder:
  purge_keep_days: 10
history:
logbook:
automation: !include automations.yaml
script:
blueprint:
tts:
person:
logger:
  default: warning
  logs:
    custom_components.{DOMAIN}: info
    custom_components.mat_dev_speaker: info
"""


def prepare_config(config: Path, port: int) -> None:
    """Create the configuration folder with both integrations linked in."""
    components = config / "custom_components"
    components.mkdir(parents=True, exist_ok=True)
    for name, target in LINKS.items():
        link = components / name
        if link.is_symlink() and link.readlink() == target:
            continue
        if link.is_symlink():
            link.unlink()
        elif link.exists():
            msg = f"{link} exists and is not a link to {target}: move it away"
            raise SystemExit(msg)
        link.symlink_to(target)
    configuration_yaml = config / "configuration.yaml"
    if not configuration_yaml.exists():
        configuration_yaml.write_text(configuration(port))
    automations = config / "automations.yaml"
    if not automations.exists():
        automations.write_text("[]\n")
