"""The Episode, composed once from what the build made: the script's sentences, the timeline,
the engine and voice, the files and the loudness. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tts.episode import (
    FORMATS,
    OPTIONAL_FORMATS,
    Episode,
    EpisodeChapter,
    EpisodePart,
    EpisodeSentence,
    Files,
    Loudness,
)
from tts.errors import ExportError
from tts.outputs.transcript import seconds
from tts.types import EngineInfo, Sentence, Timeline, Voice


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
    image: str | None = None  # the episode's own cover, copied into its folder under this name
    published: str | None = None  # the pubDate (build.plan.publication)


def chapter_of(timeline: Timeline) -> dict[int, int]:
    """Sentence index → chapter number, from where each cue falls."""
    out: dict[int, int] = {}
    n = 0
    for cue in timeline.cues:
        while n + 1 < len(timeline.chapters) and cue.start >= timeline.chapters[n + 1].start:
            n += 1
        out[cue.sentence] = n
    return out


def files_for(slug: str, formats: Sequence[str]) -> Files:
    """The episode folder's file names: MP3, transcripts and page, and each format asked for."""
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ExportError(f"unknown format {', '.join(unknown)}; known: {', '.join(FORMATS)}")
    extra = {kind: f"{slug}.{kind}" for kind in OPTIONAL_FORMATS if kind in formats}
    return Files(
        mp3=f"{slug}.mp3",
        vtt=f"{slug}.vtt",
        srt=f"{slug}.srt",
        json=f"{slug}.json",
        chapters=f"{slug}.chapters.json",
        html="index.html",
        **extra,
    )


def compose_episode(
    meta: EpisodeMeta,
    sentences: Sequence[Sentence],
    timeline: Timeline,
    engine: EngineInfo,
    voice: Voice,
    files: Files,
    *,
    loudness: Loudness | None = None,
    source_key: str | None = None,
    source_id: str | None = None,
) -> Episode:
    sr = timeline.sample_rate
    by_index = {s.index: s for s in sentences}
    chapters = chapter_of(timeline)
    return Episode(
        guid=meta.guid,
        slug=meta.slug,
        title=meta.title,
        author=meta.author,
        date=meta.date,
        created=meta.created,
        source=meta.sources[0] if meta.sources else "",
        sources=meta.sources,
        language="ru",
        lead=meta.lead,
        engine=engine.engine,
        engine_version=engine.version,
        voice=voice.name,
        speaker=voice.speaker,
        model=engine.model,
        model_sha256=engine.model_sha256,
        sample_rate=sr,
        duration=seconds(timeline.total, sr),
        files=files,
        chapters=tuple(
            EpisodeChapter(c.title, seconds(c.start, sr), seconds(c.end, sr))
            for c in timeline.chapters
        ),
        sentences=tuple(
            EpisodeSentence(
                index=cue.sentence,
                chapter=chapters[cue.sentence],
                section=by_index[cue.sentence].section,
                paragraph=by_index[cue.sentence].paragraph,
                kind=by_index[cue.sentence].kind,
                text=by_index[cue.sentence].text,
                spoken=by_index[cue.sentence].spoken,
                start=seconds(cue.start, sr),
                end=seconds(cue.end, sr),
                parts=_parts(by_index[cue.sentence], voice),
            )
            for cue in timeline.cues
        ),
        image=meta.image,
        loudness=loudness,
        source_key=source_key,
        source_id=source_id,
        published=meta.published,
        quote_voice=voice.quote.name if voice.quote else None,
        quote_speaker=voice.quote.speaker if voice.quote else None,
    )


def _parts(sentence: Sentence, voice: Voice) -> tuple[EpisodePart, ...]:
    if voice.quote is None:
        return ()
    return tuple(EpisodePart(p.span, p.voice, p.spoken) for p in sentence.parts)
