"""episode.json: the manifest other tools (feed, page, formats) read. Pure composition."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tts.outputs.transcript import seconds
from tts.types import EngineInfo, Sentence, Timeline, Voice

FORMAT = 1


@dataclass(frozen=True)
class EpisodeMeta:
    guid: str
    slug: str
    title: str
    author: str | None
    date: str | None
    created: str
    sources: tuple[str, ...]
    lead: str


def chapter_of(timeline: Timeline) -> dict[int, int]:
    """Sentence index → chapter number, from where each cue falls."""
    out: dict[int, int] = {}
    n = 0
    for cue in timeline.cues:
        while n + 1 < len(timeline.chapters) and cue.start >= timeline.chapters[n + 1].start:
            n += 1
        out[cue.sentence] = n
    return out


def compose_manifest(
    meta: EpisodeMeta,
    sentences: Sequence[Sentence],
    timeline: Timeline,
    info: EngineInfo,
    voice: Voice,
    files: Mapping[str, str],
) -> dict[str, Any]:
    sr = timeline.sample_rate
    by_index = {s.index: s for s in sentences}
    chapters = chapter_of(timeline)
    return {
        "format": FORMAT,
        "guid": meta.guid,
        "slug": meta.slug,
        "title": meta.title,
        "author": meta.author,
        "date": meta.date,
        "created": meta.created,
        "source": meta.sources[0] if meta.sources else "",
        "sources": list(meta.sources),
        "language": "ru",
        "lead": meta.lead,
        "engine": info.engine,
        "engine_version": info.version,
        "voice": voice.name,
        "speaker": voice.speaker,
        "model": info.model,
        "model_sha256": info.model_sha256,
        "sample_rate": sr,
        "duration": seconds(timeline.total, sr),
        "files": dict(files),
        "chapters": [
            {"title": c.title, "start": seconds(c.start, sr), "end": seconds(c.end, sr)}
            for c in timeline.chapters
        ],
        "sentences": [
            {
                "index": cue.sentence,
                "chapter": chapters[cue.sentence],
                "section": by_index[cue.sentence].section,
                "paragraph": by_index[cue.sentence].paragraph,
                "kind": by_index[cue.sentence].kind,
                "text": by_index[cue.sentence].text,
                "spoken": by_index[cue.sentence].spoken,
                "start": seconds(cue.start, sr),
                "end": seconds(cue.end, sr),
            }
            for cue in timeline.cues
        ],
    }


def dumps(manifest: Mapping[str, Any]) -> str:
    return json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
