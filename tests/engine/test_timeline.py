"""Tests of the time-sorted records that keep their stored forms."""

from datetime import timedelta

from hypothesis import given, settings, strategies as st

from custom_components.acupressure_mat.engine.model import SessionRecord
from custom_components.acupressure_mat.engine.timeline import ENDED, Timeline

from .factories import T0, session

STARTS = st.lists(st.integers(0, 500), max_size=30)


def built(minutes: list[int]) -> list[SessionRecord]:
    return [session(T0 + timedelta(minutes=m), minutes=1 + m % 7) for m in minutes]


@given(loaded=STARTS, added=STARTS)
@settings(max_examples=200, deadline=None)
def test_records_and_forms_stay_in_time_order_together(loaded: list[int], added: list[int]) -> None:
    timeline = Timeline(built(loaded), ENDED)
    for record in built(added):
        timeline.insert(record)
    everything = built(loaded) + built(added)
    assert [r.ended_at for r in timeline.records] == sorted(r.ended_at for r in everything)
    assert timeline.forms() == [r.to_dict() for r in timeline.records]


def test_forms_are_a_copy_the_store_may_keep() -> None:
    timeline = Timeline(built([1]), ENDED)
    saved = timeline.forms()
    timeline.insert(built([2])[0])
    assert len(saved) == 1
    assert len(timeline.forms()) == 2


def test_added_records_are_handed_out_once() -> None:
    timeline = Timeline(built([5, 1]), ENDED)
    assert timeline.take_added() == []  # loaded records were never added
    first, second = built([3, 0])
    timeline.insert(first)
    timeline.insert(second)
    assert timeline.take_added() == [first, second]
    assert timeline.take_added() == []
