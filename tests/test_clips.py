import numpy as np

from tts.clips import float_to_pcm16, trim_edges
from tts.model import Clip


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
