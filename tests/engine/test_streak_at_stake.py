"""Tests of whether a streak is at stake today."""

import pytest

from custom_components.acupressure_mat.engine.streak import at_stake

from .test_streak import TODAY, days


@pytest.mark.parametrize(
    ("pattern", "rest", "expected"),
    [
        ("xxx.", 0, True),  # today empty, no rest days: the run ends tonight
        ("xxxx", 0, False),  # today already counts
        ("....", 0, False),  # no streak to lose
        ("xxx.", 1, False),  # today may be the week's rest day
        ("x.xx.", 1, True),  # the week's rest day is spent already
        ("x.xxxxx.", 1, True),  # the rest day six days ago is still in today's week
        ("xx.xxxxxx.", 1, False),  # the rest day left the 7-day window: today may rest
        ("x......x.", 1, False),  # a one-day streak may rest today too
    ],
)
def test_at_stake(pattern: str, rest: int, expected: bool) -> None:
    assert at_stake(days(pattern), TODAY, 5, rest) is expected
