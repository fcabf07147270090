"""Development-only pieces: the dev speaker integration and the Home Assistant launcher."""
