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

    def __init__(
        self,
        records: Iterable[R],
        key: Callable[[R], datetime],
        read_from: list[dict[str, Any]] | None = None,
    ) -> None:
        """Sort the records and make each stored form once, or keep the data they were read from."""
        self.key: Callable[[R], datetime] = key
        # Inserted since the last `take_added`, for whoever keeps a copy in step (statistics).
        self._added: list[R] = []
        self.records: list[R] = list(records)
        times = list(map(key, self.records))
        if read_from is not None and times == sorted(times):
            # Read back from a file the store wrote: in order, and each form as to_dict makes it.
            self._forms: list[dict[str, Any]] = list(
                map(_form_of, self.records, read_from, strict=True)
            )
            return
        self.records.sort(key=key)
        self._forms = [record.to_dict() for record in self.records]

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


def _form_of(record: SessionRecord | PainRecord, data: dict[str, Any]) -> dict[str, Any]:
    """Return the data a record was read from when it is the record's stored form already."""
    return data if record.read_back(data) else record.to_dict()
