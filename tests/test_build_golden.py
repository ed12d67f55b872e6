"""One fixed article built end to end (real eSpeak NG, real ffmpeg) against reviewed golden
outputs: the episode's data, transcripts, chapters, page, and the decoded audio's loudness
envelope. A refactoring must leave all of them unchanged. Regenerate with
TTS_UPDATE_GOLDEN=1, then review the diff."""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from tts.audio.ffmpeg import run_ffmpeg

DATA = Path(__file__).parent / "data" / "golden_build"
UPDATE = os.environ.get("TTS_UPDATE_GOLDEN") == "1"
WINDOW = 0.1  # seconds per envelope point


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("golden")
    article = work / "article.md"
    shutil.copy(DATA / "article.md", article)
    # A fresh process and a cache of its own: the build a user's first run makes, every stage
    # run (no clip, spoken form or chunk that another test cached).
    env = {**os.environ, "TTS_CACHE_DIR": str(work / "cache")}
    command = [sys.executable, "-m", "tts", "build", str(article), "-o", str(work / "out")]
    subprocess.run([*command, "-e", "espeak", "-j", "1", "-q"], env=env, check=True)
    (manifest,) = (work / "out").glob("*/episode.json")
    return manifest.parent


def _stable(text: str, folder: Path) -> str:
    """What differs between two builds of the same input: the guid, the clock, the path, the
    source key (it stamps the code's file times) and the source id (a hash of the path)."""
    manifest = json.loads((folder / "episode.json").read_text(encoding="utf-8"))
    text = text.replace(manifest["guid"], "GUID").replace(manifest["created"], "CREATED")
    text = text.replace(manifest["source_key"], "SOURCE_KEY")
    text = text.replace(manifest["source_id"], "SOURCE_ID")
    # how many MP3 chunks a cache already held: a statistic of the run, not an output
    text = re.sub(r'"chunks_encoded": \d+', '"chunks_encoded": N', text)
    return text.replace(str(folder.parent.parent), "WORK")


def _compare(name: str, actual: str) -> None:
    golden = DATA / name
    if UPDATE:
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8"), name


OUTPUTS = {  # file in the episode folder -> its golden
    "episode.json": "episode.json",
    "index.html": "index.html",
    "SLUG.srt": "transcript.srt",
    "SLUG.vtt": "transcript.vtt",
    "SLUG.json": "transcript.json",
    "SLUG.chapters.json": "chapters.json",
}


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_text_outputs(folder: Path, name: str) -> None:
    path = folder / name.replace("SLUG", folder.name)
    _compare(OUTPUTS[name], _stable(path.read_text(encoding="utf-8"), folder))


def _envelope(mp3: Path, rate: int) -> list[float]:
    raw = mp3.with_suffix(".raw")
    run_ffmpeg(["-i", str(mp3), "-f", "s16le", "-ac", "1", "-ar", str(rate), str(raw)], "decode")
    pcm = raw.read_bytes()
    raw.unlink()
    samples = struct.unpack(f"<{len(pcm) // 2}h", pcm[: len(pcm) // 2 * 2])
    step = int(rate * WINDOW)
    out = []
    for i in range(0, len(samples), step):
        block = samples[i : i + step]
        rms = math.sqrt(sum(s * s for s in block) / len(block)) / 32768
        out.append(round(max(-90.0, 20 * math.log10(rms)) if rms else -90.0, 1))
    return out


def test_decoded_audio(folder: Path) -> None:
    """Same length (within one MP3 frame) and the same loudness, window by window (within
    1 dB where there is sound: an encoder update may move a few bits, a changed pause or
    level moves whole windows)."""
    manifest = json.loads((folder / "episode.json").read_text(encoding="utf-8"))
    actual = _envelope(folder / manifest["files"]["mp3"], manifest["sample_rate"])
    golden = DATA / "audio_envelope.json"
    if UPDATE:
        golden.write_text(json.dumps(actual) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert abs(len(actual) - len(expected)) <= 1
    differ = [
        (i, a, e)
        for i, (a, e) in enumerate(zip(actual, expected, strict=False))
        if max(a, e) > -50 and abs(a - e) > 1.0
    ]
    assert not differ, differ[:10]


def test_golden_is_not_trivial() -> None:
    envelope = json.loads((DATA / "audio_envelope.json").read_text(encoding="utf-8"))
    assert sum(1 for v in envelope if v > -40) > 20  # speech, not silence
    spoken = (DATA / "episode.json").read_text(encoding="utf-8")
    assert re.search(r"полтора миллиарда|одна целая пять десятых", spoken)
