"""Loudness in numpy: ITU-R BS.1770-4 integrated loudness, the gain to a target, and a
look-ahead peak limiter. Pure functions over sample arrays; the build streams the episode
through them a piece at a time, so a book never has to fit in memory.

Why not ffmpeg's ebur128 and loudnorm: each measurement was a full decode pass in a new
process (0.1 s per two minutes of audio, three passes per build), and a changed sentence meant
measuring and re-filtering the whole episode inside the encoder. Here a measurement costs a
few milliseconds per minute and the levelled audio of every chunk is known before encoding,
so unchanged chunks can be reused (see tts/audio/encode.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Samples = npt.NDArray[np.floating[Any]]

TARGET_LUFS = -16.0
# Sample-peak ceiling, -3.1 dBFS: room for the MP3 encoder's overshoot under -1 dBTP.
CEILING = 0.7
MAX_GAIN_DB = 30.0
# Speech compression before the gain: 4:1 above -26 dBFS (the level of the engines' raw
# output, before the gain), so the limiter rarely acts and the gain lands on target.
COMPRESS_THRESHOLD_DB = -26.0
COMPRESS_RATIO = 4.0
# A rebuild keeps the previous gain when it is this close to the new one (LU): the loudness
# stays within a quarter LU of the target and an edited sentence does not change the gain of,
# and so force re-encoding, every other chunk.
GAIN_TOLERANCE = 0.25

_ABSOLUTE_GATE = -70.0
_RELATIVE_GATE = -10.0
_OFFSET = -0.691


def _biquad_power(b: Samples, a: Samples, w: Samples) -> Samples:
    import numpy as np

    z = np.exp(-1j * w)
    num = b[0] + b[1] * z + b[2] * z * z
    den = a[0] + a[1] * z + a[2] * z * z
    return np.asarray(np.abs(num / den) ** 2, dtype=np.float64)


def k_weighting(bins: int, rate: int) -> Samples:
    """|H(f)|² of the BS.1770 K-filter (high shelf, then high-pass) at ``bins`` rfft bins.

    The two biquads are designed for any sample rate from their analogue parameters, as
    libebur128 does; at 48 kHz they equal the coefficients printed in the standard.
    """
    import numpy as np

    w = np.linspace(0.0, math.pi, bins)
    k = math.tan(math.pi * 1681.974450955533 / rate)
    q = 0.7071752369554196
    vh = 10 ** (3.999843853973347 / 20)
    vb = vh**0.4996667741545416
    a0 = 1 + k / q + k * k
    shelf_b = np.array([(vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0,
                        (vh - vb * k / q + k * k) / a0])  # fmt: skip
    shelf_a = np.array([1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0])
    k = math.tan(math.pi * 38.13547087602444 / rate)
    q = 0.5003270373238773
    a0 = 1 + k / q + k * k
    pass_b = np.array([1.0, -2.0, 1.0])
    pass_a = np.array([1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0])
    return _biquad_power(shelf_b, shelf_a, w) * _biquad_power(pass_b, pass_a, w)


@dataclass
class Meter:
    """Integrated loudness of a stream of mono samples (floats, full scale 1.0).

    The K-weighted power of each 100 ms sub-block comes from its spectrum (Parseval), which
    treats the block as periodic; against ffmpeg's ebur128 this differs by hundredths of a LU
    on speech (tests/test_loudness.py).
    """

    rate: int
    _powers: list[Samples] = field(default_factory=list)
    _carry: Samples | None = None
    _weights: Samples | None = None

    @property
    def block(self) -> int:
        return max(1, round(self.rate / 10))

    def feed(self, samples: Samples) -> None:
        import numpy as np

        if self._carry is not None and self._carry.size:
            samples = np.concatenate([self._carry, samples])
        whole = samples.size - samples.size % self.block
        self._carry = samples[whole:]
        if not whole:
            return
        blocks = samples[:whole].reshape(-1, self.block)
        spectrum = np.abs(np.fft.rfft(blocks, axis=1)) ** 2
        if self._weights is None:
            weights = k_weighting(spectrum.shape[1], self.rate)
            weights[1 : self.block - spectrum.shape[1] + 1] *= 2  # bins counted twice
            self._weights = weights
        self._powers.append(spectrum @ self._weights / (self.block * self.block))

    def powers(self) -> Samples:
        """Mean-square K-weighted power of each whole 100 ms sub-block fed so far."""
        import numpy as np

        return np.concatenate(self._powers) if self._powers else np.zeros(0)

    def integrated(self) -> float:
        """LUFS; -inf for silence or audio shorter than one 400 ms block."""
        return gated(self.powers())


def gated(sub: Samples) -> float:
    """BS.1770 integrated loudness from 100 ms sub-block powers: 400 ms blocks overlapping
    by 75 %, the absolute gate at -70 LUFS, then the relative gate 10 LU below."""
    import numpy as np

    if sub.size < 4:
        return -math.inf
    blocks = (sub[:-3] + sub[1:-2] + sub[2:-1] + sub[3:]) / 4
    with np.errstate(divide="ignore"):
        loud = _OFFSET + 10 * np.log10(blocks)
    kept = blocks[loud > _ABSOLUTE_GATE]
    if not kept.size:
        return -math.inf
    relative = _OFFSET + 10 * math.log10(float(kept.mean())) + _RELATIVE_GATE
    final = blocks[(loud > _ABSOLUTE_GATE) & (loud > relative)]
    return _OFFSET + 10 * math.log10(float(final.mean()))


def block_powers(samples: Samples, rate: int) -> Samples:
    """K-weighted power of each whole 100 ms sub-block of ``samples``."""
    meter = Meter(rate)
    meter.feed(samples)
    return meter.powers()


def loudness(samples: Samples, rate: int) -> float:
    return gated(block_powers(samples, rate))


def gain_to(measured: float, target: float = TARGET_LUFS) -> float:
    """dB that bring ``measured`` LUFS to ``target``; none for silence, at most MAX_GAIN_DB."""
    if not math.isfinite(measured):
        return 0.0
    return min(target - measured, MAX_GAIN_DB)


def settle(exact: float, previous: float | None, tolerance: float = GAIN_TOLERANCE) -> float:
    """The gain to use: the previous build's when within ``tolerance``, else ``exact``."""
    if previous is not None and abs(exact - previous) <= tolerance:
        return previous
    return round(exact, 2)


def level(x: Samples, rate: int, gain_db: float) -> Samples:
    """The whole chain: compression, the gain, the limiter."""
    import numpy as np

    return limit(compress(x, rate) * np.float32(10 ** (gain_db / 20)), rate)


def level_measured(
    x: Samples, rate: int, gain_db: float, compressed_powers: Samples
) -> tuple[Samples, Samples]:
    """``level(x)`` and its 100 ms sub-block powers, given those of ``compress(x)`` (a
    chunk's profile has them): only the sub-blocks the limiter touched are measured again;
    elsewhere the audio is the compressed audio times the gain, and so is its power times
    the gain squared.
    """
    import numpy as np

    scale = np.float32(10 ** (gain_db / 20))
    out, gains = _limited(compress(x, rate) * scale, rate, CEILING)
    powers = np.asarray(compressed_powers, dtype=np.float64) * float(scale) ** 2
    if gains is not None:
        step, block = max(1, rate // 1000), max(1, round(rate / 10))
        # a row's samples move with its own gain and the next row's (interpolation)
        moved = (gains < 1) | (np.append(gains[1:], 1.0) < 1)
        rows = np.flatnonzero(moved)
        touched = np.unique(
            np.concatenate([rows * step // block, ((rows + 1) * step - 1) // block])
        )
        touched = touched[touched < powers.size]
        if touched.size:
            blocks = out[: powers.size * block].reshape(-1, block)[touched]
            powers[touched] = block_powers(blocks.ravel(), rate)
    return out, powers


def _moving_average(x: Samples, width: int) -> Samples:
    """Centred moving average; near the ends, the average of the values that exist."""
    import numpy as np

    if width <= 1:
        return x
    total = np.concatenate([[0.0], np.cumsum(x, dtype=np.float64)])
    half = width // 2
    idx = np.arange(x.size)
    hi, lo = np.minimum(idx + half + 1, x.size), np.maximum(idx - half, 0)
    return np.asarray((total[hi] - total[lo]) / (hi - lo))


def _rows(x: Samples, step: int) -> Samples:
    """``x`` as rows of ``step`` samples (about a millisecond), zero-padded at the end."""
    import numpy as np

    ms = -(-x.size // step)
    padded = np.zeros(ms * step, dtype=np.float32)
    padded[: x.size] = x
    return padded.reshape(ms, step)


def _apply(x: Samples, gain: Samples, step: int) -> Samples:
    """Multiply by a per-row gain, interpolated linearly from each row's value to the next."""
    import numpy as np

    gain = gain.astype(np.float32)
    nxt = np.append(gain[1:], gain[-1])
    frac = np.arange(step, dtype=np.float32) / step
    curve = (gain[:, None] + (nxt - gain)[:, None] * frac[None, :]).ravel()
    return np.asarray(x * curve[: x.size])


def compress(
    x: Samples, rate: int, *, threshold_db: float = COMPRESS_THRESHOLD_DB,
    ratio: float = COMPRESS_RATIO, window_ms: int = 10, smooth_ms: int = 30,
) -> Samples:  # fmt: skip
    """Broadcast-style speech compression: the level over ``window_ms`` above the threshold is
    reduced by ``ratio``, the gain smoothed over ``smooth_ms``. Level and gain are computed
    per millisecond and the gain interpolated between, which keeps it cheap.

    Offline, the windows look both ways: the gain falls before a loud syllable instead of
    after its attack, which a real-time compressor cannot do.
    """
    import numpy as np

    step = max(1, rate // 1000)
    rows = _rows(x, step)
    power = np.einsum("ij,ij->i", rows, rows, dtype=np.float64) / step
    level = 10 * np.log10(np.maximum(_moving_average(power, window_ms), 1e-12))
    cut = np.maximum(0.0, level - threshold_db) * (1 - 1 / ratio)
    gain_db = _moving_average(cut, smooth_ms)
    if not gain_db.any():
        return x
    return _apply(x, 10 ** (-gain_db / 20), step)


def _window_min(x: Samples, width: int) -> Samples:
    """out[i] = min(x[i : i + width]) for every full window, from doubling windows: two
    overlapping windows of the largest power of two cover any width."""
    import numpy as np

    span, m = 1, x
    while 2 * span <= width:
        m = np.minimum(m[:-span], m[span:])
        span *= 2
    return np.asarray(np.minimum(m[: x.size - width + 1], m[width - span : x.size - span + 1]))


def limiter_gains(
    peaks: Samples, ceiling: float = CEILING, *, lookahead_ms: int = 5, hold_ms: int = 50
) -> Samples:
    """The limiter's gain for each millisecond row, from each row's peak.

    The gain each row needs is held ``hold_ms`` and reached ``lookahead_ms`` early, then
    smoothed over fewer rows than the look-ahead: every row's gain is at most what it needs,
    and so is the gain interpolated between a row and the next.
    """
    import numpy as np

    if not peaks.size or float(peaks.max()) <= ceiling:
        return np.ones(peaks.size)
    need = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-12))
    ahead = max(3, lookahead_ms)
    held = np.concatenate([np.ones(hold_ms), need, np.ones(ahead)])
    floor = _window_min(held, hold_ms + ahead + 1)
    smooth = _moving_average(floor, 2 * (ahead // 2 - 1) + 1)
    return np.asarray(np.minimum(smooth, need))


def limit(x: Samples, rate: int, ceiling: float = CEILING) -> Samples:
    """A look-ahead limiter: no sample of the result exceeds ``ceiling``."""
    return _limited(x, rate, ceiling)[0]


def _limited(x: Samples, rate: int, ceiling: float) -> tuple[Samples, Samples | None]:
    """The limited audio and the gain of each millisecond row (None: nothing to limit)."""
    import numpy as np

    step = max(1, rate // 1000)
    peaks = np.abs(_rows(x, step)).max(axis=1)
    if not peaks.size or float(peaks.max()) <= ceiling:
        return x, None
    gains = limiter_gains(peaks, ceiling)
    out = _apply(x, gains, step)
    return np.asarray(np.clip(out, -ceiling, ceiling)), gains  # clip: float rounding only


@dataclass(frozen=True)
class Profile:
    """What a chunk's compressed audio needs for choosing the gain without levelling it:
    K-weighted power per 100 ms sub-block, and peak and energy per millisecond row. The rows
    are kept as float16: a 7-hour book has 25 million of them, and the estimate they feed is
    checked by a real levelling pass anyway."""

    powers: Samples
    peaks: Samples
    energy: Samples

    def pack(self) -> Samples:
        import numpy as np

        return np.concatenate([[self.powers.size, self.peaks.size], self.powers, self.peaks,
                               self.energy])  # fmt: skip

    @staticmethod
    def unpack(data: Samples) -> Profile:
        """The profile ``pack`` made; ValueError for any other array."""
        import numpy as np

        if data.ndim != 1 or data.size < 2 or not np.isfinite(data[:2]).all():
            raise ValueError("not a loudness profile")
        a, b = int(data[0]), int(data[1])
        if min(a, b) < 0 or data.size != 2 + a + 2 * b:
            raise ValueError(f"a profile of {a} blocks and {b} rows in {data.size} numbers")
        rows = data[2 + a :].astype(np.float16)
        return Profile(np.asarray(data[2 : 2 + a], dtype=np.float64), rows[:b], rows[b:])


def profile(compressed: Samples, rate: int) -> Profile:
    import numpy as np

    rows = _rows(compressed, max(1, rate // 1000))
    energy = np.einsum("ij,ij->i", rows, rows).astype(np.float16)
    peaks = np.abs(rows).max(axis=1).astype(np.float16)
    return Profile(block_powers(compressed, rate), peaks, energy)


def predicted_powers(p: Profile, rate: int, gain_db: float) -> Samples:
    """The sub-block powers after the gain and the limiter, estimated from the profile: each
    sub-block's power scaled by its rows' squared limiter gains, weighted by their energy."""
    import numpy as np

    scale = 10 ** (gain_db / 20)
    energy = p.energy.astype(np.float32)
    squared = limiter_gains(p.peaks.astype(np.float32) * scale) ** 2
    step, block = max(1, rate // 1000), max(1, round(rate / 10))
    starts = np.minimum((np.arange(p.powers.size) * block) // step, max(p.peaks.size - 1, 0))
    if not p.peaks.size or not starts.size:
        return np.asarray(p.powers * scale * scale)
    weighted = np.add.reduceat(energy * squared, starts)
    total = np.add.reduceat(energy, starts)
    factor = np.divide(weighted, total, out=np.ones_like(total), where=total > 0)
    return np.asarray(p.powers * scale * scale * factor)


def choose_gain(profiles: list[Profile], rate: int, target: float = TARGET_LUFS) -> float:
    """The gain that brings the compressed, gained and limited episode to ``target``, found
    on the profiles by the secant method (the limiter takes back part of any gain)."""
    import numpy as np

    def estimate(gain: float) -> float:
        return gated(np.concatenate([predicted_powers(p, rate, gain) for p in profiles]))

    gain = gain_to(gated(np.concatenate([p.powers for p in profiles])), target)
    got = estimate(gain)
    step = 1.0  # loudness gained per dB of gain: 1 until the limiter starts taking some back
    for _ in range(8):
        if not math.isfinite(got) or abs(target - got) < 0.02 or gain >= MAX_GAIN_DB:
            break
        nxt = min(gain + (target - got) / step, MAX_GAIN_DB)
        now = estimate(nxt)
        if nxt != gain and now != got:
            step = max(0.05, min(1.0, (now - got) / (nxt - gain)))  # the secant's slope
        gain, got = nxt, now
    return gain


def to_pcm16(x: Samples) -> bytes:
    import numpy as np

    scaled = np.clip(np.rint(x * np.float32(32768.0)), -32768, 32767)
    return np.asarray(scaled, dtype="<i2").tobytes()


def from_pcm16(data: bytes) -> Samples:
    import numpy as np

    return np.frombuffer(data, dtype="<i2").astype(np.float32) / np.float32(32768.0)
