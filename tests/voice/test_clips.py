import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from tts.types import Clip
from tts.voice.clips import float_to_pcm16, trim_edges


def test_trim_keeps_the_sound_and_a_short_margin() -> None:
    tone = (np.sin(np.arange(1000) / 5) * 10000).astype("<i2")
    audio = np.concatenate([np.zeros(5000, "<i2"), tone, np.zeros(7000, "<i2")])
    out = trim_edges(Clip(audio.tobytes(), 1000), keep_ms=10)
    assert 1000 <= out.samples <= 1000 + 2 * 10 + 2


def test_all_silence_becomes_empty() -> None:
    assert trim_edges(Clip(b"\0\0" * 50, 1000)).samples == 0


def test_float_conversion_clips_out_of_range_values() -> None:
    pcm = float_to_pcm16(np.array([2.0, -3.0, 0.5], dtype=np.float32))
    assert list(np.frombuffer(pcm, "<i2")) == [32767, -32767, 16384]


@given(st.lists(st.integers(-32767, 32767), max_size=300))
def test_trim_is_a_slice_keeping_every_loud_sample(values: list[int]) -> None:
    samples = np.array(values, dtype="<i2")
    out = np.frombuffer(trim_edges(Clip(samples.tobytes(), 1000), keep_ms=1).pcm, "<i2")
    magnitude = np.abs(samples.astype(np.int32))
    if samples.size == 0 or magnitude.max() == 0:
        assert out.size == 0
        return
    loud = magnitude >= magnitude.max() * 10 ** (-40 / 20)
    n, m = samples.size, out.size
    starts = [s for s in range(n - m + 1) if np.array_equal(samples[s : s + m], out)]
    assert any(not loud[:s].any() and not loud[s + m :].any() for s in starts)
