"""Captions as players read them (issue 18 item 6): each corpus article's WebVTT parsed by
Chromium's own WebVTT parser (a <track>), and its SRT read by ffmpeg's SubRip demuxer.

Skipped with a reason when chromium is missing, except in CI (CI=true).
"""

from __future__ import annotations

import base64
import json
import re
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLES

from tts.audio.ffmpeg import run_ffmpeg

pytestmark = pytest.mark.slow

Cue = tuple[str, float, float, str]  # id, start, end, text as the browser has them
READ_CUES = """src => new Promise((ok, fail) => {
  const video = document.createElement('video');
  const track = document.createElement('track');
  track.kind = 'captions';
  track.src = src;
  track.default = true;
  track.addEventListener('load', () =>
    ok([...track.track.cues].map(c => [c.id, c.startTime, c.endTime, c.text])));
  track.addEventListener('error', () => fail(new Error('the track did not load')));
  video.append(track);
  document.body.append(video);
  track.track.mode = 'hidden';
})"""


def read_cues(browser: Any, vtt: bytes) -> list[Cue]:
    page = browser.new_page()
    try:
        src = "data:text/vtt;base64," + base64.b64encode(vtt).decode()
        return [tuple(cue) for cue in page.evaluate(READ_CUES, src)]  # type: ignore[misc]
    finally:
        page.close()


@pytest.mark.parametrize("name", SAMPLES)
def test_captions_fit_and_tile_each_sentence(
    browser: Any, corpus_site: dict[str, Path], name: str
) -> None:
    folder = corpus_site[name].parent
    episode = json.loads((folder / "episode.json").read_text(encoding="utf-8"))
    vtt = (folder / episode["files"]["vtt"]).read_bytes()
    cues = read_cues(browser, vtt)
    assert len(cues) == vtt.count(b" --> ")  # the parser kept every cue of the file
    for _, start, end, text in cues:
        lines = text.split("\n")
        assert len(lines) <= 2 and all(len(line) <= 42 for line in lines), text
        assert end > start
    parts: dict[int, list[Cue]] = {}
    for cue in cues:
        match = re.fullmatch(r"(\d+)-(\d+)", cue[0])
        assert match, cue[0]
        parts.setdefault(int(match[1]), []).append(cue)
    assert list(parts) == [s["index"] for s in episode["sentences"]]
    for sentence in episode["sentences"]:
        own = parts[sentence["index"]]
        assert [c[0] for c in own] == [f"{sentence['index']}-{n}" for n in range(1, len(own) + 1)]
        # the sentence's cues meet end to start and span exactly its time, to the millisecond
        assert own[0][1] == pytest.approx(sentence["start"], abs=0.0011)
        assert own[-1][2] == pytest.approx(sentence["end"], abs=0.0011)
        assert all(a[2] == b[1] for a, b in pairwise(own))
        shown = "".join(c[3] for c in own)
        assert "".join(shown.split()) == "".join(sentence["text"].split())


@pytest.mark.parametrize("name", SAMPLES[:2])
def test_srt_holds_the_same_captions(
    browser: Any, corpus_site: dict[str, Path], name: str, tmp_path: Path
) -> None:
    folder = corpus_site[name].parent
    episode = json.loads((folder / "episode.json").read_text(encoding="utf-8"))
    converted = tmp_path / "from-srt.vtt"
    run_ffmpeg(["-i", str(folder / episode["files"]["srt"]), str(converted)], "SRT to WebVTT")
    ours = read_cues(browser, (folder / episode["files"]["vtt"]).read_bytes())
    theirs = read_cues(browser, converted.read_bytes())
    assert [c[1:] for c in theirs] == [c[1:] for c in ours]
