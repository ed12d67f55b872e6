"""MP3 frame arithmetic, checked against the encoder the tool uses."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import numpy as np
import pytest

from tts.audio.ffmpeg import ffmpeg_exe
from tts.audio.mp3frames import (
    crc16,
    frame_samples,
    frames,
    frames_for,
    lame_bitrates,
    mp3_bitrate,
    set_gapless,
)


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


def _kbps(data: bytes) -> set[int]:
    """The bitrates in the frames' headers."""
    table = {3: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)}
    low = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
    found = set()
    for frame in frames(data):
        head = int.from_bytes(data[frame.offset : frame.offset + 4], "big")
        found.add(table.get((head >> 19) & 3, low)[(head >> 12) & 15])
    return found


@pytest.mark.parametrize("rate", [11025, 22050, 48000])
def test_lame_writes_exactly_the_bitrates_offered(rate: int) -> None:
    """Each bitrate offered for a rate comes out as asked; LAME silently writes another for
    one that is not offered (what `--bitrate 7` used to get: 32 kbit/s)."""
    pcm = (np.sin(np.arange(rate) * 0.05) * 8000).astype("<i2").tobytes()
    offered = lame_bitrates(rate)
    asked = [*offered, 7, 320 if rate < 32000 else 144]
    cmd = [
        ffmpeg_exe(),
        "-v",
        "error",
        "-y",
        "-f",
        "s16le",
        "-ar",
        str(rate),
        "-ac",
        "1",
        "-i",
        "-",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for kbps in asked:
            cmd += ["-map", "0:a", "-c:a", "libmp3lame", "-b:a", f"{kbps}k", "-write_xing", "0"]
            cmd += ["-id3v2_version", "0", "-f", "mp3", f"{tmp}/{kbps}.mp3"]
        subprocess.run(cmd, input=pcm, capture_output=True, check=True)
        got = {kbps: _kbps(Path(f"{tmp}/{kbps}.mp3").read_bytes()) for kbps in asked}
    assert all(got[kbps] == {kbps} for kbps in offered), got
    assert all(got[kbps] != {kbps} for kbps in asked[len(offered) :]), got


@pytest.mark.parametrize(
    ("value", "rate", "expected"),
    [("64k", 22050, "64k"), ("64", 22050, "64k"), (" 96K ", 48000, "96k"), ("8", 11025, "8k")],
)
def test_a_bitrate_is_kbit_per_second_in_one_spelling(value: str, rate: int, expected: str) -> None:
    assert mp3_bitrate(value, rate) == expected


@pytest.mark.parametrize(
    ("value", "rate"), [("7", 22050), ("320k", 22050), ("144k", 48000), ("96", 11025),
                        ("64000", 22050), ("abc", 22050), ("", 48000), ("-64", 22050)]
)  # fmt: skip
def test_a_bitrate_lame_does_not_write_is_refused_with_the_ones_it_does(
    value: str, rate: int
) -> None:
    allowed = lame_bitrates(rate)
    with pytest.raises(ValueError) as caught:
        mp3_bitrate(value, rate)
    message = str(caught.value)
    assert message.startswith(f"--bitrate {value}: at {rate} Hz, LAME writes ")
    assert message.endswith(f"{allowed[-2]} or {allowed[-1]} kbit/s") and "\n" not in message
