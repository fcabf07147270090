"""Guidance audio: a breathing pacer, a calm sound bed and a bell, as float32 PCM."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from ..vocabulary import BREATHS, BreathingPattern

SAMPLE_RATE = 22050
BELL_SECONDS = 6.0
BELL_INTERVAL = 300.0

type Pcm = npt.NDArray[np.float32]
type _Curve = npt.NDArray[np.float64]

# Pacer pitch glides over a fifth; low and soft so it sits under a relaxed mind.
_LOW_HZ = 220.0
_HIGH_HZ = 330.0
_HARMONICS = (1.0, 0.35, 0.14, 0.05)
_PACER_GAIN = 0.22
# Relative loudness: swells a little while breathing in, settles quieter on holds.
_LOUD_LOW = 0.6
_LOUD_PEAK = 1.0
_LOUD_HOLD = 0.62
_SMOOTH_SECONDS = 0.25

# Singing-bowl-like partials (ratio, amplitude, decay seconds); inharmonic on purpose.
_BELL_HZ = 392.0
_BELL_PARTIALS = (
    (1.0, 1.0, 1.6),
    (2.71, 0.45, 0.9),
    (5.05, 0.2, 0.45),
    (8.13, 0.08, 0.25),
)
_BELL_GAIN = 0.35

# 2**20 samples (47.6 s): a fast FFT size, long enough not to sound looped.
_BED_SAMPLES = 1 << 20
_BED_GAIN = 0.16


# The pacer follows the patterns of the public interface, keyed by their names.
PATTERNS = BREATHS


def _samples(seconds: float) -> int:
    return round(seconds * SAMPLE_RATE)


def _ease(count: int, start: float, stop: float) -> _Curve:
    """Raised-cosine glide whose slope is zero at both ends."""
    x = np.arange(count) / max(count, 1)
    return start + (stop - start) * (0.5 - 0.5 * np.cos(np.pi * x))


def _circular_smooth(curve: _Curve, width: int) -> _Curve:
    """Average over a sliding window that wraps around, so the cycle still loops."""
    padded = np.concatenate((curve[-width:], curve, curve[:width]))
    sums = np.cumsum(padded)
    half = width // 2
    return (sums[width + half : width + half + curve.size] - sums[half : half + curve.size]) / width


def _contour(counts: list[int], low: float, high: float, held: float) -> _Curve:
    """Glide up, hold, glide down, hold: the shape of one breath."""
    return np.concatenate(
        (
            _ease(counts[0], low, high),
            np.full(counts[1], held),
            _ease(counts[2], high, low),
            np.full(counts[3], low),
        )
    )


@cache
def _cycle(name: str) -> Pcm:
    """Render one breathing cycle whose phase and loudness meet at the join."""
    pattern = PATTERNS[BreathingPattern(name)]
    times = (pattern.inhale, pattern.hold_in, pattern.exhale, pattern.hold_out)
    counts = [_samples(s) for s in times]
    pitch = _contour(counts, _LOW_HZ, _HIGH_HZ, _HIGH_HZ)
    loud = _contour(counts, _LOUD_LOW, _LOUD_PEAK, _LOUD_HOLD)
    loud = _circular_smooth(loud, _samples(_SMOOTH_SECONDS))
    # Round the turns of the cycle to a whole number so every harmonic wraps cleanly.
    turns = pitch.sum() / SAMPLE_RATE
    pitch *= round(turns) / turns
    phase = 2 * np.pi * (np.cumsum(pitch) - pitch[0]) / SAMPLE_RATE
    tone = np.zeros_like(phase)
    for k, amp in enumerate(_HARMONICS, 1):
        tone += amp * np.sin(k * phase)
    cycle = np.asarray(tone * loud * (_PACER_GAIN / sum(_HARMONICS)), dtype=np.float32)
    cycle.flags.writeable = False
    return cycle


@cache
def _bell() -> Pcm:
    t = np.arange(_samples(BELL_SECONDS)) / SAMPLE_RATE
    out = np.zeros_like(t)
    for ratio, amp, decay in _BELL_PARTIALS:
        hz = _BELL_HZ * ratio
        # Two slightly detuned strikes per partial give a bowl's slow shimmer.
        out += (
            amp
            * np.exp(-t / decay)
            * (np.sin(2 * np.pi * hz * t) + np.sin(2 * np.pi * (hz + 0.7) * t))
        )
    attack = _samples(0.006)
    out[:attack] *= np.linspace(0.0, 1.0, attack)
    tail = _samples(1.0)
    out[-tail:] *= _ease(tail, 1.0, 0.0)
    out *= _BELL_GAIN / np.abs(out).max()
    bell_pcm = out.astype(np.float32)
    bell_pcm.flags.writeable = False
    return bell_pcm


def bell() -> Pcm:
    """Return one bell strike, a few seconds long."""
    return _bell().copy()


@dataclass(frozen=True, slots=True)
class Track:
    """A looped segment with fades and bells, rendered a window at a time."""

    loop: Pcm
    count: int
    fade_in: int
    fade_out: int
    bells: tuple[int, ...]

    def render(self, start: int = 0, stop: int | None = None) -> Pcm:
        """Return samples start to stop (the whole track by default)."""
        stop = self.count if stop is None else min(stop, self.count)
        out = np.empty(max(stop - start, 0), dtype=np.float32)
        pos = start
        while pos < stop:
            offset = pos % self.loop.size
            take = min(self.loop.size - offset, stop - pos)
            out[pos - start : pos - start + take] = self.loop[offset : offset + take]
            pos += take
        self._fade(out, start, self.fade_in, self.fade_out)
        strike = _bell()
        for at in self.bells:
            lo, hi = max(at, start), min(at + strike.size, stop)
            if lo < hi:
                out[lo - start : hi - start] += strike[lo - at : hi - at]
        # Bells ride on the faded bed; a last short fade keeps the edges click free.
        self._fade(out, start, _samples(0.01), _samples(0.05))
        return np.clip(out, -1.0, 1.0, out=out)

    def _fade(self, out: Pcm, start: int, head: int, tail: int) -> None:
        for begin, length, rising in (
            (0, head, True),
            (self.count - tail, tail, False),
        ):
            lo, hi = max(begin, start), min(begin + length, start + out.size)
            if lo < hi:
                x = (np.arange(lo, hi) - begin) / length
                gain = 0.5 - 0.5 * np.cos(np.pi * (x if rising else 1 - x))
                out[lo - start : hi - start] *= gain.astype(np.float32)


def _end_bell_start(count: int) -> int:
    return max(count - _samples(BELL_SECONDS), 0)


def breathing_track(
    pattern: str, seconds: float, *, bells: tuple[bool, bool] = (True, True)
) -> Track:
    """Describe a breathing pacer without rendering it."""
    count = _samples(seconds)
    starts = ([0] if bells[0] else []) + ([_end_bell_start(count)] if bells[1] else [])
    fade_out = _samples(BELL_SECONDS / 2 if bells[1] else 1.0)
    return Track(_cycle(pattern), count, _samples(1.0), fade_out, tuple(starts))


def breathing(pattern: str, seconds: float, *, bells: tuple[bool, bool] = (True, True)) -> Pcm:
    """Render a pacer that glides up while breathing in and down while breathing out."""
    return breathing_track(pattern, seconds, bells=bells).render()


def _shaped_noise(white: _Curve, shape: _Curve) -> _Curve:
    """Noise filtered in the frequency domain, so the segment loops without a seam."""
    # In place where it gives the same numbers: the bed's arrays are 8 MiB each.
    spectrum = np.fft.rfft(white)
    spectrum *= shape
    noise = np.fft.irfft(spectrum, n=_BED_SAMPLES)
    del spectrum
    noise /= np.sqrt(np.mean(noise**2))
    return noise


def _swell(periods: tuple[int, int], phase: float) -> _Curve:
    """Slow swell with whole periods per segment, so the loop point is invisible."""
    # Computed every 256 samples and interpolated: it moves over seconds, not samples.
    coarse = np.arange(0, _BED_SAMPLES + 256, 256)
    turns = 2 * np.pi * coarse / _BED_SAMPLES
    curve = 0.55 + 0.3 * np.sin(periods[0] * turns + phase)
    curve += 0.15 * np.sin(periods[1] * turns + 2 * phase)
    # Linear between the coarse points, as np.interp gives it, several times faster.
    step = np.arange(256) / 256
    return (curve[:-1, None] + np.diff(curve)[:, None] * step).ravel()


@cache
def _bed() -> Pcm:
    rng = np.random.default_rng(20240501)
    hz = np.fft.rfftfreq(_BED_SAMPLES, 1 / SAMPLE_RATE)
    rumble_cut = 1 / (1 + (40 / np.maximum(hz, 1.0)) ** 4)
    # A dark brown-ish layer and a brighter airy one swell in turn, like slow surf.
    white = rng.standard_normal(_BED_SAMPLES)
    # NumPy's FFTs let go of the GIL: filtering both layers at once cuts the wait for the
    # first sound of a meditation.
    with ThreadPoolExecutor(1) as pool:
        later = pool.submit(
            _shaped_noise, white, rumble_cut / np.maximum(hz, 20.0) / (1 + (hz / 450) ** 4)
        )
        airy = _shaped_noise(
            rng.standard_normal(_BED_SAMPLES),
            rumble_cut / np.sqrt(np.maximum(hz, 20.0)) / (1 + (hz / 1400) ** 4),
        )
        bed = later.result()
    del white, rumble_cut
    bed *= _swell((3, 2), 0.0)
    airy *= 0.35
    airy *= _swell((4, 1), 2.0)
    bed += airy
    del airy
    # A faint low drone (whole cycles per segment) gives the noise a tonal center.
    turns = 2 * np.pi * np.arange(_BED_SAMPLES) / _BED_SAMPLES
    span = _BED_SAMPLES / SAMPLE_RATE
    drone = sum(amp * np.sin(round(hz * span) * turns) for hz, amp in ((110.0, 0.18), (165.0, 0.1)))
    bed += drone * _swell((2, 1), 1.0)
    bed *= _BED_GAIN / np.abs(bed).max()
    segment = bed.astype(np.float32)
    segment.flags.writeable = False
    return segment


def _interval_bells(count: int, bell_offset: float, *, end_bell: bool) -> list[int]:
    """Start samples of the bells on the 5-minute grid that fit before the end."""
    limit = _end_bell_start(count) - _samples(BELL_SECONDS) if end_bell else count
    first = -(-bell_offset // BELL_INTERVAL) * BELL_INTERVAL - bell_offset
    starts = []
    at = first
    while (sample := _samples(at)) < limit:
        # A grid point right at the start is the start bell, which the caller controls.
        if sample > 0:
            starts.append(sample)
        at += BELL_INTERVAL
    return starts


def meditation_track(
    seconds: float, *, bells: tuple[bool, bool] = (True, True), bell_offset: float = 0.0
) -> Track:
    """Describe a meditation sound bed without rendering it."""
    count = _samples(seconds)
    starts = _interval_bells(count, bell_offset, end_bell=bells[1])
    if bells[0]:
        starts.insert(0, 0)
    if bells[1]:
        starts.append(_end_bell_start(count))
    fade_out = _samples(BELL_SECONDS if bells[1] else 2.0)
    return Track(_bed(), count, _samples(3.0), fade_out, tuple(starts))


def meditation(
    seconds: float, *, bells: tuple[bool, bool] = (True, True), bell_offset: float = 0.0
) -> Pcm:
    """Render a calm sound bed with bells at start, every 5 minutes and at the end."""
    return meditation_track(seconds, bells=bells, bell_offset=bell_offset).render()


def warm(kind: str) -> None:
    """Build the tables a kind's audio is made from, ahead of its first render."""
    _bell()
    if kind == "meditation":
        _bed()
