"""Opus in pieces (tts/audio/opus.py): cut in silences on the 20 ms grid, and the joined stream
decodes, sample for sample, to each piece decoded by itself, at its place (but for the
silence's last 6.5 ms before a cut, which the next piece plays)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
from test_loudness import speechlike

from tts.audio.ffmpeg import ffmpeg_exe
from tts.audio.loudness import to_pcm16
from tts.audio.opus import OPUS_ARGS, OPUS_RATE, QUIET_S, cut_points, encode_pieces

pytestmark = pytest.mark.slow

RATE = 22050
PRE_SKIP = 312  # libopus's look-ahead at 48 kHz


@pytest.fixture(scope="module")
def levelled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ninety seconds of speech-like sound in stretches of 3 to 8 s, with pauses of digital
    silence (0.1 to 0.6 s) between, as the stitch lays sentences out."""
    rng = np.random.default_rng(5)
    parts = []
    while sum(p.size for p in parts) < 90 * RATE:
        parts.append(speechlike(rng.uniform(3, 8), RATE, int(rng.integers(1000))) * 3)
        parts.append(np.zeros(int(rng.uniform(0.1, 0.6) * RATE), dtype=np.float32))
    path = tmp_path_factory.mktemp("opus") / "levelled.raw"
    path.write_bytes(to_pcm16(np.concatenate(parts)))
    return path


def test_cuts_fall_in_silence_on_the_grid(levelled: Path) -> None:
    x = np.frombuffer(levelled.read_bytes(), dtype="<i2")
    cuts = cut_points(levelled, RATE, piece_s=20)
    quiet = round(QUIET_S * RATE)
    assert cuts[0] == 0 and len(cuts) >= 3
    for cut in cuts[1:]:
        assert cut % 441 == 0  # 20 ms: 960 samples at 48 kHz
        assert not x[cut - quiet : cut + quiet].any()
    assert all(b - a >= 20 * RATE for a, b in zip(cuts, cuts[1:], strict=False))
    assert x.size - cuts[-1] >= 10 * RATE


def _decode(path: Path) -> np.ndarray:
    cmd = [ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1", "-"]
    return np.frombuffer(subprocess.run(cmd, capture_output=True, check=True).stdout, "<i2")


def test_the_joined_stream_is_each_piece_decoded_alone(levelled: Path, tmp_path: Path) -> None:
    stream = encode_pieces(levelled, RATE, tmp_path, piece_s=20, limit=10.0)
    joined = _decode(stream)
    samples = levelled.stat().st_size // 2
    assert joined.size == round(samples * OPUS_RATE / RATE)
    cuts = [*cut_points(levelled, RATE, piece_s=20), samples]
    data = levelled.read_bytes()
    for n, (start, end) in enumerate(zip(cuts, cuts[1:], strict=False)):
        piece, alone = tmp_path / f"{n}.raw", tmp_path / f"{n}.ogg"
        piece.write_bytes(data[2 * start : 2 * end])
        args = ["-v", "error", "-y", "-f", "s16le", "-ar", str(RATE), "-ac", "1", "-i", str(piece)]
        subprocess.run([ffmpeg_exe(), *args, *OPUS_ARGS, str(alone)], check=True)
        expected = _decode(alone)
        at = start * OPUS_RATE // RATE
        got = joined[at : at + expected.size]
        tail = expected.size - (PRE_SKIP if end < samples else 0)
        assert np.array_equal(got[:tail], expected[:tail]), n
        # decoded silence either way: the decoder's leftover offset after a loud passage (here
        # up to 51 LSB, -56 dBFS), which the next piece's first packet fades to 0
        assert (
            np.abs(got[tail:]).max(initial=0) < 100 and np.abs(expected[tail:]).max(initial=0) < 100
        )
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name[0].isdigit()) == [
        "opus-stream.ogg"
    ]
