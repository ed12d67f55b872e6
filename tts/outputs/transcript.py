"""Timeline + Sentences → SRT, WebVTT, Podcast Index JSON transcript, JSON chapters 1.2.

Pure functions returning strings; the build shell writes them. SRT and WebVTT are captions,
cut to be read on a screen (``captions``); the JSON transcript keeps whole sentences.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from tts.outputs.captions import captions, one_line
from tts.types import Sentence, Timeline


def _clock(samples: int, sample_rate: int, sep: str) -> str:
    ms = (samples * 1000 + sample_rate // 2) // sample_rate  # rounded, as in the JSON formats
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def seconds(samples: int, sample_rate: int) -> float:
    return round(samples / sample_rate, 3)


def _vtt_text(text: str) -> str:
    # WebVTT cue text is markup: a bare & or < would be read as an entity or a tag.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _by_index(sentences: Sequence[Sentence]) -> Mapping[int, Sentence]:
    return {s.index: s for s in sentences}


def compose_vtt(timeline: Timeline, sentences: Sequence[Sentence]) -> str:
    """WebVTT captions; a cue's identifier is its sentence's index and its part («12-2»)."""
    sr = timeline.sample_rate
    blocks = ["WEBVTT"]
    for cap in captions(timeline, sentences):
        start, end = _clock(cap.start, sr, "."), _clock(cap.end, sr, ".")
        text = "\n".join(map(_vtt_text, cap.lines))
        blocks.append(f"{cap.sentence}-{cap.part}\n{start} --> {end}\n{text}")
    return "\n\n".join(blocks) + "\n"


def compose_srt(timeline: Timeline, sentences: Sequence[Sentence]) -> str:
    """SubRip captions, numbered 1, 2, … as SRT requires."""
    sr = timeline.sample_rate
    blocks = []
    for n, cap in enumerate(captions(timeline, sentences), start=1):
        start, end = _clock(cap.start, sr, ","), _clock(cap.end, sr, ",")
        blocks.append(f"{n}\n{start} --> {end}\n" + "\n".join(cap.lines))
    return "\n\n".join(blocks) + "\n"


def compose_json(timeline: Timeline, sentences: Sequence[Sentence]) -> str:
    """Podcast Index transcript JSON (version 1.0.0), one segment per sentence."""
    text = _by_index(sentences)
    sr = timeline.sample_rate
    segments = [
        {
            "startTime": seconds(cue.start, sr),
            "endTime": seconds(cue.end, sr),
            "body": one_line(text[cue.sentence].text),
        }
        for cue in timeline.cues
    ]
    return _dump({"version": "1.0.0", "segments": segments})


def compose_chapters(timeline: Timeline, title: str | None = None) -> str:
    """Podcasting 2.0 JSON chapters, version 1.2.0."""
    sr = timeline.sample_rate
    chapters = [
        {"startTime": seconds(c.start, sr), "endTime": seconds(c.end, sr), "title": c.title}
        for c in timeline.chapters
    ]
    doc: dict[str, object] = {"version": "1.2.0"}
    if title:
        doc["title"] = title
    doc["chapters"] = chapters
    return _dump(doc)


def _dump(doc: object) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
