"""Golden files for every transcript format. Regenerate with TTS_UPDATE_GOLDEN=1, then review."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tts.audio.timeline import build_timeline
from tts.outputs.transcript import compose_chapters, compose_json, compose_srt, compose_vtt
from tts.text.chapters import plan_chapters
from tts.types import Pauses, Sentence

GOLDEN = Path(__file__).parents[1] / "data" / "golden"


def _sentence(i: int, sec: int, par: int, kind: str, text: str) -> Sentence:
    return Sentence(i, sec, par, (0, len(text)), text, text, kind)  # type: ignore[arg-type]


LONG = (
    "На строительство ушло 1,5 млрд тенге, а телескоп весит 12 т; первые снимки — в марте & апреле."
)
LONG_SPOKEN = (
    "На строительство ушло полтора миллиарда тенге, а телескоп весит двенадцать тонн; "
    "первые снимки – в марте и апреле."
)
SENTENCES = [
    _sentence(0, 0, -1, "title", "АНК стала платформой для диалога"),
    _sentence(1, 0, 0, "body", "«Это важно», – сказал он."),
    _sentence(2, 0, 0, "body", "Строка с переводом\nи стрелкой --> внутри."),
    _sentence(3, 1, -1, "heading", "Итоги & планы <2026>"),
    _sentence(4, 1, 0, "body", "В 2025 году рост составил 3,5%."),
    # longer than one caption: two cues, timed by the spoken form
    Sentence(5, 1, 1, (0, len(LONG)), LONG, LONG_SPOKEN),
]
TIMELINE = build_timeline(
    SENTENCES,
    [22050, 33075, 44100, 11025, 3_600 * 22050, 6 * 22050],
    22050,
    Pauses(),
    plan_chapters(SENTENCES, SENTENCES[0].text),
)

CASES = {
    "episode.vtt": lambda: compose_vtt(TIMELINE, SENTENCES),
    "episode.srt": lambda: compose_srt(TIMELINE, SENTENCES),
    "episode.json": lambda: compose_json(TIMELINE, SENTENCES),
    "episode.chapters.json": lambda: compose_chapters(TIMELINE, "АНК стала платформой"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str) -> None:
    got = CASES[name]()
    path = GOLDEN / name
    if os.environ.get("TTS_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


def test_vtt_has_no_kind_or_language_header() -> None:
    head = compose_vtt(TIMELINE, SENTENCES).split("\n\n")[0]
    assert head == "WEBVTT"


def test_json_transcript_matches_cues() -> None:
    doc = json.loads(compose_json(TIMELINE, SENTENCES))
    assert [seg["body"] for seg in doc["segments"]][1] == "«Это важно», – сказал он."
    assert doc["segments"][-1]["endTime"] == round(TIMELINE.total / 22050, 3)


def test_chapters_json_version_and_order() -> None:
    doc = json.loads(compose_chapters(TIMELINE))
    assert doc["version"] == "1.2.0"
    starts = [c["startTime"] for c in doc["chapters"]]
    assert starts == sorted(starts) and starts[0] == 0
