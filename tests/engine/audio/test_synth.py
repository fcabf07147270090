"""Breathing pacer, meditation bed and bell synthesis."""

import numpy as np
import pytest

from custom_components.acupressure_mat.engine.audio import synth as audio
from custom_components.acupressure_mat.engine.audio.synth import (
    PATTERNS,
    SAMPLE_RATE,
    bell,
    breathing,
    breathing_track,
    meditation,
    meditation_track,
)

SR = SAMPLE_RATE
QUIET = (False, False)


def _at(seconds: float) -> int:
    return round(seconds * SR)


def _rms(pcm: np.ndarray, start: float, stop: float) -> float:
    return float(np.sqrt(np.mean(pcm[_at(start) : _at(stop)] ** 2)))


def _pitch(pcm: np.ndarray, start: float, length: float = 0.4) -> float:
    """Strongest frequency of a short window, finely resolved by zero padding."""
    first = _at(start)
    window = pcm[first : first + _at(length)] * np.hanning(_at(length))
    spectrum = np.abs(np.fft.rfft(window, 1 << 17))
    return float(np.argmax(spectrum) * SR / (1 << 17))


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
@pytest.mark.parametrize("seconds", [0.5, 7.3, 30.00001, 61.25])
def test_breathing_has_exact_length_and_range(pattern: str, seconds: float) -> None:
    pcm = breathing(pattern, seconds)
    assert pcm.dtype == np.float32
    assert pcm.size == round(seconds * SR)
    assert np.abs(pcm).max() <= 1.0


@pytest.mark.parametrize("seconds", [0.5, 12.345, 65.0])
def test_meditation_has_exact_length_and_range(seconds: float) -> None:
    pcm = meditation(seconds)
    assert pcm.dtype == np.float32
    assert pcm.size == round(seconds * SR)
    assert np.abs(pcm).max() <= 1.0


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
def test_pacer_has_no_clicks_where_cycles_join(pattern: str) -> None:
    cycle = _cycle_seconds(pattern)
    pcm = breathing(pattern, 3 * cycle + 1, bells=QUIET)
    steps = np.abs(np.diff(pcm))
    # A phase jump would step by up to 0.4; smooth playing stays small.
    assert steps.max() < 0.04
    for join in (1, 2, 3):
        at = _at(join * cycle)
        assert steps[at - 2 : at + 2].max() <= steps[at - 200 : at + 200].max()


def _cycle_seconds(pattern: str) -> float:
    p = PATTERNS[pattern]
    return p.inhale + p.hold_in + p.exhale + p.hold_out


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
def test_pitch_rises_breathing_in_and_falls_breathing_out(pattern: str) -> None:
    p = PATTERNS[pattern]
    cycle = _cycle_seconds(pattern)
    pcm = breathing(pattern, 2 * cycle + 1, bells=QUIET)
    start = cycle  # the second cycle, clear of the fade in
    inhale = [_pitch(pcm, start + f * p.inhale - 0.2) for f in (0.1, 0.5, 0.9)]
    exhale_at = start + p.inhale + p.hold_in
    exhale = [_pitch(pcm, exhale_at + f * p.exhale - 0.2) for f in (0.1, 0.5, 0.9)]
    assert inhale[0] < inhale[1] < inhale[2]
    assert exhale[0] > exhale[1] > exhale[2]
    assert 200 < inhale[0] < 250
    assert 300 < exhale[0] < 350
    if p.hold_in:
        held = [_pitch(pcm, start + p.inhale + f * p.hold_in - 0.2) for f in (0.3, 0.7)]
        assert held[0] == pytest.approx(held[1], abs=1)
        assert held[0] == pytest.approx(inhale[2], abs=15)


@pytest.mark.parametrize("pattern", ["box", "4_7_8"])
def test_holds_are_quieter_than_the_peak(pattern: str) -> None:
    p = PATTERNS[pattern]
    cycle = _cycle_seconds(pattern)
    pcm = breathing(pattern, 2 * cycle + 1, bells=QUIET)
    peak = _rms(pcm, cycle + p.inhale - 0.3, cycle + p.inhale)
    hold = _rms(pcm, cycle + p.inhale + 1.0, cycle + p.inhale + p.hold_in - 0.5)
    assert hold < 0.8 * peak


def test_breathing_bells_ring_at_start_and_end() -> None:
    with_bells = breathing("coherent", 30)
    quiet = breathing("coherent", 30, bells=QUIET)
    assert _rms(with_bells, 0, 1) > 2 * _rms(quiet, 0, 1)
    # The bells add exactly a bell at the start and one ending with the audio (until
    # the pacer fades out under the end bell).
    added = with_bells - quiet
    strike = bell()
    end = with_bells.size - strike.size
    first = slice(_at(0.02), _at(5))
    np.testing.assert_allclose(added[first], strike[first], atol=1e-6)
    np.testing.assert_allclose(added[end : end + _at(2.9)], strike[: _at(2.9)], atol=1e-6)
    assert _rms(added, 8, 20) == 0
    # The end bell has rung out before the audio ends.
    assert np.abs(with_bells[-_at(0.2) :]).max() < 0.01


def test_bells_can_be_dropped_one_by_one() -> None:
    quiet = breathing("calm", 20, bells=QUIET)
    end_only = breathing("calm", 20, bells=(False, True))
    start_only = breathing("calm", 20, bells=(True, False))
    np.testing.assert_array_equal(end_only[: _at(10)], quiet[: _at(10)])
    np.testing.assert_array_equal(start_only[_at(10) :], quiet[_at(10) :])
    assert not np.array_equal(end_only[_at(10) :], quiet[_at(10) :])


def test_meditation_rings_every_five_minutes() -> None:
    pcm = meditation(360)
    assert _rms(pcm, 300, 301.5) > 3 * _rms(pcm, 294, 299.5)
    assert _rms(pcm, 0, 1.5) > 2 * _rms(pcm, 20, 25)
    assert _rms(pcm, 354, 355.5) > 3 * _rms(pcm, 345, 353.5)
    assert np.abs(pcm[-_at(0.2) :]).max() < 0.01


def test_meditation_keeps_the_bell_grid_with_an_offset() -> None:
    track = meditation_track(120, bells=(False, True), bell_offset=250)
    assert track.bells == (_at(50), _at(114))
    pcm = track.render()
    assert _rms(pcm, 50, 51.5) > 3 * _rms(pcm, 44, 49.5)
    assert meditation_track(120, bell_offset=0).bells == (0, _at(114))


def test_meditation_grid_skips_bells_that_would_run_into_the_end_bell() -> None:
    assert meditation_track(603).bells == (0, _at(300), _at(597))
    assert meditation_track(305).bells == (0, _at(299))
    assert meditation_track(305, bells=(False, False)).bells == (_at(300),)
    # A grid point at the very start is the start bell, which the caller dropped.
    assert meditation_track(100, bells=QUIET, bell_offset=300).bells == ()


def test_meditation_bed_loops_without_a_seam() -> None:
    loop = audio._bed().size
    pcm = meditation(loop / SR + 5, bells=QUIET)
    steps = np.abs(np.diff(pcm))
    assert steps[loop - 3 : loop + 3].max() < 4 * np.median(steps) + 0.005


def test_windows_match_the_whole_render() -> None:
    for track in (breathing_track("box", 40), meditation_track(70, bell_offset=260)):
        whole = track.render()
        for start, stop in ((0, 1000), (_at(38), _at(42)), (_at(33.5), track.count)):
            np.testing.assert_array_equal(track.render(start, stop), whole[start:stop])


def test_bell_rings_out_naturally() -> None:
    strike = bell()
    assert strike.size == _at(audio.BELL_SECONDS)
    assert 0.1 < np.abs(strike).max() <= 0.5
    assert _rms(strike, 0.1, 0.6) > 5 * _rms(strike, 4, 5)
    assert np.abs(strike[-10:]).max() < 1e-3
    strike[:] = 0  # a copy: the shared bell stays intact
    assert np.abs(bell()).max() > 0.1


def test_warming_builds_the_tables_a_kind_needs() -> None:
    audio._bed.cache_clear()
    audio.warm("breathing")
    assert audio._bed.cache_info().currsize == 0
    audio.warm("meditation")
    assert audio._bed.cache_info().currsize == 1
