"""ffmpeg for real: the chunked MP3 encoding, its loudness, chapters read back by ffprobe."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
from helpers import measure, parse_ebur128, require_tool

from tts.audio.encode import ChunkCache, encode_levels, level_chunks
from tts.audio.ffmpeg import ffmetadata, ffmpeg_exe
from tts.errors import ExportError
from tts.types import Chapter, Cue, Timeline

RATE = 22050


def test_ffmetadata_escapes_and_keeps_order() -> None:
    text = ffmetadata(
        {"title": "A=B; #1 \\ ok", "artist": ""},
        [Chapter("Первая", 0, RATE), Chapter("Вторая\nстрока", RATE, 2 * RATE)],
        RATE,
    )
    assert text.splitlines()[:2] == [";FFMETADATA1", "title=A\\=B\\; \\#1 \\\\ ok"]
    assert "artist" not in text
    assert text.index("Первая") < text.index("Вторая строка")
    assert "START=1000" in text and "END=2000" in text


def test_parse_ebur128_reads_the_summary() -> None:
    stderr = (
        "...\nSummary:\n\n  Integrated loudness:\n    I:         -18.3 LUFS\n"
        "  True peak:\n    Peak:        -2.0 dBFS\n"
    )
    got = parse_ebur128(stderr)
    assert (got.integrated, got.true_peak) == (-18.3, -2.0)


def _speechlike(seconds: float) -> np.ndarray:
    """Bursts of a modulated tone separated by silence: crest factor like speech."""
    t = np.arange(int(seconds * RATE)) / RATE
    tone = np.sin(2 * np.pi * 220 * t) * (0.5 + 0.5 * np.sin(2 * np.pi * 3 * t))
    gate = (np.sin(2 * np.pi * 0.5 * t) > -0.3).astype(float)
    return (tone * gate * 6000).astype("<i2")


@pytest.fixture(scope="module")
def episode_mp3(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    folder = tmp_path_factory.mktemp("mp3")
    raw = folder / "a.raw"
    audio = _speechlike(20.0)
    raw.write_bytes(audio.tobytes())
    chapters = [Chapter("Вступление", 0, 5 * RATE), Chapter("Итоги «года»", 5 * RATE, audio.size)]
    chapters.insert(1, Chapter("Середина " + "очень длинного заголовка " * 6, 5 * RATE, 12 * RATE))
    chapters[2] = Chapter("Итоги «года»", 12 * RATE, audio.size)
    meta = folder / "meta.txt"
    meta.write_text(ffmetadata({"title": "Тест", "artist": "Автор"}, chapters, RATE), "utf-8")
    out = folder / "a.mp3"
    # Chunks at 0, 3.79 s and 11.78 s: multiples of the 576-sample frame whose last 1152
    # samples before them are silent (as the timeline plans them).
    chunks = (0, 576 * 145, 576 * 451)
    cues = (Cue(0, 0, audio.size),)
    timeline = Timeline(RATE, audio.size, cues, tuple(chapters), chunks)
    cache = ChunkCache(folder / "cache", RATE, "64k")
    levels = level_chunks(raw, timeline, cache, folder)
    encode_levels(levels, timeline, cache, out, meta)
    return out, audio.size


def test_chapters_read_back_in_order(episode_mp3: tuple[Path, int]) -> None:
    ffprobe = require_tool("ffprobe")
    mp3, _ = episode_mp3
    done = subprocess.run(
        [ffprobe, "-v", "error", "-show_chapters", "-of", "json", str(mp3)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    chapters = json.loads(done.stdout)["chapters"]
    titles = [c["tags"]["title"] for c in chapters]
    assert titles[0] == "Вступление" and titles[2] == "Итоги «года»"
    assert titles[1].startswith("Середина очень длинного")  # longer than 128 bytes, kept
    starts = [float(c["start_time"]) for c in chapters]
    assert starts == [0.0, 5.0, 12.0]


def test_decoded_length_within_one_frame(episode_mp3: tuple[Path, int]) -> None:
    mp3, samples = episode_mp3
    pcm = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-i", str(mp3), "-f", "s16le", "-ac", "1", "-"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    assert len(pcm) // 2 == samples  # the LAME tag's delay and padding are exact


def test_loudness_on_target(episode_mp3: tuple[Path, int]) -> None:
    mp3, _ = episode_mp3
    got = measure(mp3)
    assert abs(got.integrated - -16.0) <= 1.0
    assert got.true_peak <= -1.0


def test_ffmpeg_failure_names_the_command(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TTS_FFMPEG", "/bin/false")
    raw = tmp_path / "x.raw"
    raw.write_bytes(b"\0\0" * 100)
    with pytest.raises(ExportError, match="/bin/false"):
        measure(raw, RATE)


def test_missing_ffmpeg_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TTS_FFMPEG", str(tmp_path / "no-such-ffmpeg"))
    with pytest.raises(ExportError, match="cannot run"):
        measure(tmp_path / "x.raw", RATE)
