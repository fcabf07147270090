"""Records in time order, each kept with its stored form, so saving never re-serializes them."""

from bisect import bisect_right
from collections.abc import Callable, Iterable
from datetime import datetime
from operator import attrgetter
from typing import Any

from .model import PainRecord, SessionRecord

ENDED: Callable[[SessionRecord], datetime] = attrgetter("ended_at")
LOGGED: Callable[[PainRecord], datetime] = attrgetter("logged_at")


class Timeline[R: (SessionRecord, PainRecord)]:
    """A time-sorted list of frozen records and, in the same order, their JSON-safe forms."""

    def __init__(self, records: Iterable[R], key: Callable[[R], datetime]) -> None:
        """Sort the records and make each stored form once."""
        self.key: Callable[[R], datetime] = key
        self.records: list[R] = sorted(records, key=key)
        self._forms: list[dict[str, Any]] = [record.to_dict() for record in self.records]
        # Inserted since the last `take_added`, for whoever keeps a copy in step (statistics).
        self._added: list[R] = []

    def insert(self, record: R) -> None:
        """Add a record after those of the same time."""
        index = bisect_right(self.records, self.key(record), key=self.key)
        self.records.insert(index, record)
        self._forms.insert(index, record.to_dict())
        self._added.append(record)

    def take_added(self) -> list[R]:
        """Return the records inserted since the last call, and forget them."""
        added, self._added = self._added, []
        return added

    def forms(self) -> list[dict[str, Any]]:
        """Return the stored forms; a copy of the list, while the forms are never changed."""
        return list(self._forms)
