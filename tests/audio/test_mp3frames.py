"""MP3 frame arithmetic, checked against the encoder the tool uses."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest

from tts.audio.ffmpeg import ffmpeg_exe
from tts.audio.mp3frames import crc16, frame_samples, frames, frames_for, set_gapless


def _encode(samples: int, rate: int) -> bytes:
    pcm = (np.sin(np.arange(samples) * 0.05) * 8000).astype("<i2").tobytes()
    cmd = [ffmpeg_exe(), "-v", "error", "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "-"]
    cmd += ["-c:a", "libmp3lame", "-b:a", "64k", "-write_xing", "0", "-f", "mp3", "-"]
    return subprocess.run(cmd, input=pcm, capture_output=True, check=True).stdout


@pytest.mark.parametrize("rate", [22050, 24000, 48000])
@pytest.mark.parametrize("samples", [1, 575, 576, 577, 1151, 1152, 1153, 30000, 44100])
def test_frame_count_matches_the_encoder(rate: int, samples: int) -> None:
    data = _encode(samples, rate)
    found = list(frames(data))
    assert found[-1].offset + found[-1].size == len(data)  # every byte is a frame
    assert len(found) == frames_for(samples, rate)


def test_frame_sizes() -> None:
    assert [frame_samples(r) for r in (16000, 22050, 24000, 32000, 48000)] == [
        576, 576, 576, 1152, 1152,
    ]  # fmt: skip


def test_crc16_is_crc16_arc() -> None:
    assert crc16(b"123456789") == 0xBB3D


def test_set_gapless_needs_a_header_frame() -> None:
    with pytest.raises(ValueError, match="Xing"):
        set_gapless(bytearray(_encode(5000, 24000)), delay=576, padding=600)
