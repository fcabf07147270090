"""Helpers of the voice tests; the `assist` and `anna` fixtures come from tests/conftest.py."""

from homeassistant.helpers import intent

from tests.helpers import add, ask, profile

__all__ = ["add", "ask", "profile", "speech"]


def speech(response: intent.IntentResponse) -> str:
    """Return what Assist said."""
    said: str = response.speech["plain"]["speech"]
    return said
