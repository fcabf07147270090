"""Errors the engine raises for bad requests, carrying a translation key."""

SESSION_RUNNING = "session_running"
NO_SESSION = "no_session"
NOT_ACTIVE = "not_active"
NOT_PAUSED = "not_paused"
EXTEND_TOO_LONG = "extend_too_long"
FUTURE_TIME = "future_time"
RATING_RANGE = "rating_range"
RATING_NOT_WHOLE = "rating_not_whole"


class ProfileError(Exception):
    """A request the profile refuses; `key` is the translation key of the message."""

    def __init__(self, key: str, placeholders: dict[str, str] | None = None) -> None:
        """Keep the translation key and its placeholders."""
        super().__init__(key)
        self.key = key
        self.placeholders = placeholders or {}
