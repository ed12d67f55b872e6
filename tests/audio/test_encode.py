"""Chunked MP3 encoding for real: seams in place to the sample, chunks reused, damage healed."""

from __future__ import annotations

import io
import logging
import subprocess
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from helpers import measure
from test_loudness import speechlike

from tts.audio.encode import (
    ChunkCache,
    Encoded,
    Levels,
    encode_levels,
    level_chunks,
    write_levelled,
)
from tts.audio.ffmpeg import ffmetadata, ffmpeg_exe
from tts.audio.loudness import from_pcm16, to_pcm16
from tts.audio.mp3frames import SEAM, frame_samples
from tts.audio.timeline import Layout
from tts.types import Pauses, Sentence, Timeline

RATE = 22050
PAUSES = Pauses(title=900, sentence=350, paragraph=700, section=1200)


def _sentences(n: int) -> list[Sentence]:
    return [Sentence(i, 0, i // 2, (0, 1), "т", "т", "body") for i in range(n)]


def _stitch(raw: Path, clips: list[np.ndarray]) -> Timeline:
    layout = Layout(_sentences(len(clips)), RATE, PAUSES, frame_samples(RATE), SEAM)
    with raw.open("wb") as out:
        for clip in clips:
            out.write(to_pcm16(clip))
            out.write(b"\0\0" * layout.add(clip.size))
    return layout.timeline([("Глава", 0)])


def _build(
    folder: Path, clips: list[np.ndarray], cache: ChunkCache, before: Levels | None = None
) -> tuple[Path, Encoded, Levels]:
    folder.mkdir(parents=True, exist_ok=True)
    raw = folder / "a.raw"
    timeline = _stitch(raw, clips)
    assert len(timeline.chunks) >= 3
    meta = folder / "meta.txt"
    meta.write_text(ffmetadata({"title": "Т"}, timeline.chapters, RATE), "utf-8")
    if before is None:
        levels = level_chunks(raw, timeline, cache, folder)
    else:
        levels = level_chunks(raw, timeline, cache, folder, previous_gain=before.gain_db)
    write_levelled(raw, levels, folder / "levelled.raw")
    out = folder / "a.mp3"
    return out, encode_levels(levels, timeline, cache, out, meta, workers=2), levels


def _decode(mp3: Path) -> np.ndarray:
    cmd = [ffmpeg_exe(), "-v", "error", "-i", str(mp3), "-f", "s16le", "-ac", "1", "-"]
    return from_pcm16(subprocess.run(cmd, capture_output=True, check=True).stdout)


def _clips() -> list[np.ndarray]:
    return [speechlike(1.5 + 0.37 * i, RATE, seed=i) * 0.4 for i in range(7)]


@pytest.fixture
def cache(tmp_path: Path) -> ChunkCache:
    return ChunkCache(tmp_path / "cache", RATE, "64k")


def test_chunks_decode_in_place_to_the_sample(tmp_path: Path, cache: ChunkCache) -> None:
    mp3, done, _ = _build(tmp_path / "a", _clips(), cache)
    assert done.chunks == done.encoded >= 3
    decoded = _decode(mp3)
    levelled = from_pcm16((tmp_path / "a" / "levelled.raw").read_bytes())
    assert decoded.size == levelled.size
    # Each stretch of speech lines up at lag 0: a seam that slipped would shift what follows.
    for start in range(0, levelled.size - RATE, RATE // 2):
        a, b = levelled[start : start + RATE // 2], decoded[start : start + RATE // 2]
        if float(np.abs(a).max()) < 0.05:
            continue
        lags = {lag: float(np.dot(a[50:-50], b[50 + lag : b.size - 50 + lag])) for lag in
                range(-40, 41)}  # fmt: skip
        assert max(lags, key=lambda k: lags[k]) == 0, start


def test_an_edit_re_encodes_only_its_chunk(tmp_path: Path, cache: ChunkCache) -> None:
    clips = _clips()
    first, done, levels = _build(tmp_path / "a", clips, cache)
    clips[5] = speechlike(1.5 + 0.37 * 5, RATE, seed=99) * 0.4  # other words, same level
    second, again, _ = _build(tmp_path / "b", clips, cache, levels)
    assert again.gain_db == done.gain_db  # the gain held, so the other chunks were reusable
    assert again.encoded == 1 and again.chunks == done.chunks
    assert first.read_bytes() != second.read_bytes()
    same, _, _ = _build(tmp_path / "c", _clips(), cache, levels)
    assert same.read_bytes() == first.read_bytes()


def _scaled(path: Path) -> None:
    """The loudness numbers of the entry's array a thousandth of what they were; its header,
    checksum included, as it was (a valid array of wrong numbers once made a near-silent MP3)."""
    data = path.read_bytes()
    at = data.index(b"\x93NUMPY")
    values = np.load(io.BytesIO(data[at:]), allow_pickle=False)
    out = io.BytesIO()
    np.save(out, np.concatenate([values[:2], values[2:] * 1e-3]), allow_pickle=False)
    path.write_bytes(data[:at] + out.getvalue() + data[at + len(out.getvalue()) :])


DAMAGE = {
    "empty": lambda path: path.write_bytes(b""),
    "truncated": lambda path: path.write_bytes(path.read_bytes()[:-100]),
    "wrong numbers": _scaled,
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
@pytest.mark.parametrize("part", ["levels", "mp3"])
def test_a_damaged_entry_is_made_again(
    tmp_path: Path,
    cache: ChunkCache,
    part: str,
    damage: Callable[[Path], None],
    caplog: pytest.LogCaptureFixture,
) -> None:
    first, _, _ = _build(tmp_path / "a", _clips(), cache)
    victim = sorted((cache.root / part).rglob("*.*"))[0]
    damage(victim)
    with caplog.at_level(logging.WARNING):
        second, done, _ = _build(tmp_path / "b", _clips(), cache)
    assert "is damaged" in caplog.text and str(victim) in caplog.text
    assert done.encoded == (1 if part == "mp3" else 0)  # a profile is measured again only
    assert second.read_bytes() == first.read_bytes()
    assert victim.is_file()  # written again


def test_a_chunk_over_the_limit_is_encoded_again_with_dips(tmp_path: Path) -> None:
    """With a limit half a dB under what LAME makes of these chunks, the chunks that reach over
    it are dipped and encoded again: the file decodes under the limit (a tenth of a dB for the
    meter's phase in the whole file), in place to the sample, and as loud as before."""
    plain, done, _ = _build(tmp_path / "a", _clips(), ChunkCache(tmp_path / "c1", RATE, "64k", 9.0))
    before = measure(plain)
    limit = round(before.true_peak - 0.5, 1)
    cache = ChunkCache(tmp_path / "c2", RATE, "64k", limit)
    checked, again, _ = _build(tmp_path / "b", _clips(), cache)
    after = measure(checked)
    assert after.true_peak <= limit + 0.1, (before, after)
    assert abs(after.integrated - before.integrated) <= 0.1 + 1e-9, (before, after)
    assert done.loudness - 0.2 < again.loudness < done.loudness  # the dips, counted
    assert _decode(checked).size == _decode(plain).size
    assert checked.read_bytes() != plain.read_bytes()
