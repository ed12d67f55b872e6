"""Ogg Opus packet by packet (tts/audio/ogg.py): what ffmpeg writes is read back packet for
packet, and what we write ffmpeg decodes to the same samples."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from tts.audio import ogg
from tts.audio.ffmpeg import ffmpeg_exe

RATE = 48000


@pytest.mark.parametrize(
    ("toc", "count", "expected"),
    [
        (1 << 3 | 0, None, 960),  # SILK 20 ms, one frame
        (15 << 3 | 0, None, 960),  # hybrid 20 ms
        (31 << 3 | 0, None, 960),  # CELT 20 ms
        (16 << 3 | 0, None, 120),  # CELT 2.5 ms
        (3 << 3 | 1, None, 5760),  # SILK 60 ms, two frames
        (31 << 3 | 3, 5, 4800),  # CELT 20 ms, five frames (code 3: the count in byte 1)
    ],
)
def test_samples_from_the_toc(toc: int, count: int | None, expected: int) -> None:
    packet = bytes([toc, count or 0, 0])
    assert ogg.samples(packet) == expected


def test_ogg_crc_is_the_unreflected_0x04c11db7() -> None:
    assert ogg.crc32(b"123456789") == 0x89A1897F  # CRC-32/POSIX before its final inversion


def _head(pre_skip: int = 312) -> bytes:
    return b"OpusHead" + bytes([1, 1]) + pre_skip.to_bytes(2, "little") + (48000).to_bytes(
        4, "little"
    ) + bytes(3)  # fmt: skip


def test_packets_of_any_size_survive_a_round_trip() -> None:
    """Lacing: 255-byte multiples end with a 0, and many packets split across pages."""
    sizes = [1, 254, 255, 256, 510, 1275, *([80] * 600)]
    audio = [bytes([31 << 3]) + bytes([n % 251]) * (size - 1) for n, size in enumerate(sizes)]
    tags = b"OpusTags" + bytes(8)
    data = ogg.write(_head(), tags, audio, length=len(audio) * 960 - 500, serial=7)
    back = ogg.read(data)
    assert (back.head, back.tags, back.audio) == (_head(), tags, audio)
    assert back.granule == len(audio) * 960 - 500 + 312 and back.pre_skip == 312


def test_not_ogg_opus_is_refused() -> None:
    with pytest.raises(ValueError, match="no Ogg page"):
        ogg.read(b"RIFF....")


@pytest.mark.slow
def test_a_stream_rewritten_decodes_to_the_same_samples(tmp_path: Path) -> None:
    t = np.arange(3 * RATE) / RATE
    pcm = (np.sin(2 * np.pi * 330 * t) * 8000).astype("<i2").tobytes()
    source = tmp_path / "a.ogg"
    args = ["-v", "error", "-f", "s16le", "-ar", str(RATE), "-ac", "1", "-i", "-"]
    subprocess.run([ffmpeg_exe(), *args, "-c:a", "libopus", "-b:a", "32k", str(source)],
                   input=pcm, check=True)  # fmt: skip
    stream = ogg.read(source.read_bytes())
    again = tmp_path / "b.ogg"
    again.write_bytes(ogg.write(stream.head, stream.tags, stream.audio, 3 * RATE - 100, 99))

    def decode(path: Path) -> tuple[bytes, str]:
        cmd = [ffmpeg_exe(), "-v", "warning", "-i", str(path), "-f", "s16le", "-"]
        done = subprocess.run(cmd, capture_output=True, check=True)
        return done.stdout, done.stderr.decode()

    (a, _), (b, warnings) = decode(source), decode(again)
    assert warnings == ""  # no CRC or granule complaints
    assert len(b) == 2 * (3 * RATE - 100) and b == a[: len(b)]
