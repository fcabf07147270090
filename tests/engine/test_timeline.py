"""Tests of the time-sorted records that keep their stored forms."""

from datetime import timedelta

from hypothesis import given, settings, strategies as st

from custom_components.acupressure_mat.engine.model import SessionRecord, Settings
from custom_components.acupressure_mat.engine.state import ProfileState
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


SESSION_FORMS = st.fixed_dictionaries(
    {
        "started_at": st.sampled_from(
            ["2026-11-24T19:00:00+00:00", "2026-11-24T20:00:00+01:00", "2026-11-24T19:00:00Z"]
        ),
        "ended_at": st.sampled_from(
            [
                "2026-11-24T19:20:00+00:00",
                "2026-11-24T19:20:00.500000+00:00",
                "2026-11-24T19:20:00.000000+00:00",
                "2026-11-24T19:20:00.500+00:00",
                "2026-11-24 19:20:00+00:00",
                "2026-W48-2T19:20:00+00:00",
                "2026-11-24T24:00:00+00:00",
                "2026-11-24T21:20:00+02:00",
                "2026-11-25T19:20:00+00:00",
            ]
        ),
        "planned_minutes": st.integers(1, 180),
        "minutes": st.sampled_from([20, 20.0, 19.5]),
        "outcome": st.sampled_from(["completed", "stopped", "logged"]),
    }
)
PAIN_FORMS = st.fixed_dictionaries(
    {
        "logged_at": st.sampled_from(
            [
                "2026-11-24T18:00:00+00:00",
                "2026-11-24T19:00:00+01:00",
                "2026-11-23T18:00:00+00:00",
                "2026-11-23T18:00:00.000001+00:00",
                "2026-11-23T18:00:00.000000+00:00",
                "2026-11-23T18:00:00Z",
            ]
        ),
        "rating": st.integers(0, 10),
        "area": st.sampled_from(["back", "neck"]),
        "moment": st.sampled_from(["before", "after"]),
    },
    optional={"note": st.one_of(st.none(), st.text(max_size=3))},
)


@given(sessions=st.lists(SESSION_FORMS, max_size=6), pain=st.lists(PAIN_FORMS, max_size=6))
@settings(max_examples=300, deadline=None)
def test_a_read_profile_keeps_the_forms_to_dict_makes(
    sessions: list[dict[str, object]], pain: list[dict[str, object]]
) -> None:
    # Whatever way the file wrote them (offsets, 20 for 20.0, no note, out of order), what is
    # saved again is what the records make, in time order: the stored data read back or not.
    data = {"ramp_level": 5, "sessions": sessions, "pain": pain, "running": None}
    profile = ProfileState.from_dict(data, Settings())
    saved = profile.to_dict()
    assert saved["sessions"] == [r.to_dict() for r in profile.sessions]
    assert saved["pain"] == [r.to_dict() for r in profile.pain]
    assert [r.ended_at for r in profile.sessions] == sorted(r.ended_at for r in profile.sessions)
    assert [r.logged_at for r in profile.pain] == sorted(r.logged_at for r in profile.pain)
