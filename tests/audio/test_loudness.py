"""The numpy loudness chain, held to ffmpeg's ebur128 as the reference meter."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from helpers import measure
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from tts.audio.loudness import (
    CEILING,
    Meter,
    Profile,
    _window_min,
    block_powers,
    choose_gain,
    compress,
    gain_to,
    gated,
    level,
    level_measured,
    limit,
    loudness,
    profile,
    settle,
    to_pcm16,
)


def speechlike(seconds: float, rate: int, seed: int = 1) -> np.ndarray:
    """Noise shaped into syllables and pauses: a crest factor like speech."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * rate)) / rate
    envelope = np.clip(np.sin(2 * np.pi * 4 * t), 0, None) * (np.sin(2 * np.pi * 0.3 * t) > -0.5)
    return (rng.normal(0, 0.1, t.size) * envelope).astype(np.float32)


@pytest.mark.parametrize("rate", [22050, 24000, 48000])
def test_meter_agrees_with_ffmpeg(tmp_path: Path, rate: int) -> None:
    x = speechlike(12.0, rate)
    raw = tmp_path / "x.raw"
    raw.write_bytes(to_pcm16(x))
    reference = measure(raw, rate, true_peak=False).integrated  # printed to 0.1 LU
    assert abs(loudness(x, rate) - reference) <= 0.15


def test_meter_streams_in_any_pieces() -> None:
    x = speechlike(6.0, 24000)
    meter = Meter(24000)
    for piece in np.array_split(x, 7):
        meter.feed(piece)
    assert meter.integrated() == pytest.approx(loudness(x, 24000), abs=1e-6)


def test_silence_and_short_audio_have_no_loudness() -> None:
    assert loudness(np.zeros(48000, dtype=np.float32), 24000) == -math.inf
    assert gated(np.ones(3)) == -math.inf
    assert gain_to(-math.inf) == 0.0


def test_gain_to_target_is_capped() -> None:
    assert gain_to(-20.0) == 4.0
    assert gain_to(-90.0) == 30.0


def test_settle_keeps_the_previous_gain_when_close() -> None:
    assert settle(5.1, 5.0) == 5.0
    assert settle(5.4, 5.0) == 5.4
    assert settle(5.123, None) == 5.12


def test_limit_leaves_quiet_audio_alone() -> None:
    x = speechlike(2.0, 24000) * 0.5
    assert np.array_equal(limit(x, 24000), x)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float32, st.integers(1, 5000), elements=st.floats(-4, 4, width=32)))
def test_limit_never_exceeds_the_ceiling(x: np.ndarray) -> None:
    out = limit(x, 24000)
    assert out.shape == x.shape
    assert float(np.abs(out).max()) <= CEILING
    assert np.all(np.abs(out) <= np.abs(x) + 1e-6)  # it only ever turns down


def test_compress_turns_down_loud_passages_only() -> None:
    quiet = speechlike(2.0, 24000) * 0.05  # well under -26 dBFS
    assert np.array_equal(compress(quiet, 24000), quiet)
    loud = speechlike(2.0, 24000) * 4
    assert loudness(compress(loud, 24000), 24000) < loudness(loud, 24000) - 3


def test_level_lands_near_the_target_with_peaks_under_the_ceiling() -> None:
    x = speechlike(10.0, 22050) * 0.3
    gain = gain_to(loudness(compress(x, 22050), 22050))
    out = level(x, 22050, gain)
    assert abs(loudness(out, 22050) - -16.0) < 1.5
    assert float(np.abs(out).max()) <= CEILING


def test_window_min_matches_the_naive_minimum() -> None:
    x = np.random.default_rng(3).random(300)
    for width in (1, 2, 3, 7, 56, 300):
        naive = [x[i : i + width].min() for i in range(x.size - width + 1)]
        assert np.array_equal(_window_min(x, width), naive), width


def test_profile_packs_and_unpacks() -> None:
    p = profile(compress(speechlike(3.0, 24000), 24000), 24000)
    back = Profile.unpack(p.pack())
    assert np.array_equal(back.powers, p.powers)
    assert np.array_equal(back.peaks, p.peaks)
    assert np.array_equal(back.energy, p.energy)


@pytest.mark.parametrize("rate", [22050, 48000])
def test_chosen_gain_lands_on_target_after_the_limiter(rate: int) -> None:
    """The gain is chosen from profiles alone; levelling for real then lands within 0.3 LU."""
    parts = [speechlike(4.0, rate, seed=s) * (0.2 + 0.1 * s) for s in range(4)]
    gain = choose_gain([profile(compress(p, rate), rate) for p in parts], rate)
    out = np.concatenate([level(p, rate, gain) for p in parts])
    assert abs(loudness(out, rate) - -16.0) <= 0.3


@pytest.mark.parametrize("rate", [22050, 48000])
@pytest.mark.parametrize("gain_db", [-10.0, 12.0, 24.0])
def test_level_measured_equals_measuring_the_levelled_audio(rate: int, gain_db: float) -> None:
    """Powers from the profile, re-measured only where the limiter acted, are the powers of
    the levelled audio (at -10 dB nothing is limited, at +24 dB much is)."""
    x = speechlike(3.37, rate, seed=5) * 0.5  # not a whole number of 100 ms blocks
    compressed = compress(x, rate)
    out, powers = level_measured(x, rate, gain_db, block_powers(compressed, rate))
    assert np.array_equal(out, level(x, rate, gain_db))
    np.testing.assert_allclose(powers, block_powers(out, rate), rtol=1e-4)
    limited = float(np.abs(compressed).max()) * 10 ** (gain_db / 20) > CEILING
    assert limited == (gain_db > 0)
