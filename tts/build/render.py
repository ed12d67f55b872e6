"""From a script to a published folder, stage by stage: synthesize the missing clips, stitch
clips and pauses to raw PCM, level the loudness, encode the MP3, compose the Episode, then
write the other audio formats and every output from it, and publish atomically."""

from __future__ import annotations

import dataclasses
import logging
import shutil
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tts import __version__
from tts.audio.ffmpeg import decode_into, ffmetadata
from tts.audio.formats import KINDS as AUDIO_FORMATS
from tts.audio.formats import Progress as EncodeProgress
from tts.audio.timeline import Layout
from tts.build.plan import Plan, claimed, previous_episode, publication
from tts.build.stopwatch import Stopwatch
from tts.episode import Episode, Loudness
from tts.errors import ExportError
from tts.outputs.compose import EpisodeMeta, compose_episode
from tts.outputs.library import refresh_library
from tts.outputs.transcript import compose_chapters, compose_json, compose_srt, compose_vtt
from tts.store.clip_cache import ClipCache
from tts.store.outdir import publish, staging
from tts.store.paths import chunks_dir, clips_dir
from tts.text.prepare import Script
from tts.types import Cover, Timeline
from tts.voice.clips import ms_to_samples, silence
from tts.voice.engines.base import Engine
from tts.voice.engines.registry import EngineSpec
from tts.voice.synth import Job, missing, plan_sentence_jobs, require_clip, synthesize_missing

if TYPE_CHECKING:
    from tts.audio.encode import Levels

log = logging.getLogger(__name__)

JINGLE_CHAPTER = "Заставка"
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Rendered:
    folder: Path  # where the episode went (another article's episode may have moved it)
    episode: Episode
    sentences: int
    from_cache: int


@dataclass(frozen=True)
class Stage:
    """What every rendering stage shares: the engine and voice, the script, the plan."""

    engine: Engine
    spec: EngineSpec
    script: Script
    plan: Plan
    outdir: Path
    workers: int
    bitrate: str
    encoding: EncodeProgress | None = None  # each audio format's share done, as it goes


def render(stage: Stage, clock: Stopwatch, progress: Progress | None) -> Rendered:
    cache = ClipCache(clips_dir())
    jobs = plan_sentence_jobs(stage.engine, stage.spec.voice, stage.script.sentences)
    todo = synthesize(stage, cache, jobs, clock, progress)
    outdir = stage.outdir
    with claimed(outdir, stage.plan) as plan, staging(outdir, plan.target.name) as work:
        stage = dataclasses.replace(stage, plan=plan)
        target = plan.target
        raw = work / "audio.raw"
        with clock("stitch"):
            timeline, redone = stitch(stage, cache, jobs, raw)
        # read again under the lock: another build may have published since plan_build looked
        previous = previous_episode(target)
        episode = encode_and_compose(stage, work, raw, timeline, previous, clock)
        (work / "ffmetadata.txt").unlink()
        raw.unlink()  # the episode's largest file: gone before the folder is published
        with clock("export"):
            plan = stage.plan
            write_outputs(work, episode, stage.script, timeline, feed=plan.feed, cover=plan.cover)
            publish(work, target)
            refresh_library(outdir)
    return Rendered(target, episode, len(jobs), len(jobs) - len(todo) - redone)


def synthesize(
    stage: Stage, cache: ClipCache, jobs: Sequence[Job], clock: Stopwatch, progress: Progress | None
) -> list[Job]:
    """Speak every clip the cache lacks; returns them."""
    todo = missing(cache, jobs)
    if todo:
        with clock("open engine"):
            stage.engine.load()  # Silero's model is loaded only when a clip is missing
    with clock("synthesize"):
        synthesize_missing(
            stage.engine, stage.spec, cache, todo, workers=stage.workers, progress=progress
        )
    return todo


def stitch(stage: Stage, cache: ClipCache, jobs: Sequence[Job], raw: Path) -> tuple[Timeline, int]:
    """Clips and pauses straight to a raw PCM file, one clip in memory at a time. Also returns
    how many clips had to be synthesized again (damaged cache entries)."""
    from tts.audio.mp3frames import SEAM, frame_samples

    pauses, rate, jingle = stage.spec.voice.pauses, stage.engine.sample_rate, stage.plan.jingle
    layout = Layout(stage.script.sentences, rate, pauses, align=frame_samples(rate), min_gap=SEAM)
    redone = 0
    try:
        with raw.open("wb") as out:
            if jingle is not None:
                layout.pos = decode_into(jingle, rate, out)
                out.write(silence(ms_to_samples(pauses.section, rate)))
                layout.pos += ms_to_samples(pauses.section, rate)
            for job in jobs:
                clip, again = require_clip(stage.engine, stage.spec.voice, cache, job)
                redone += again
                out.write(clip.pcm)
                out.write(silence(layout.add(clip.samples)))
    except OSError as exc:
        raise ExportError(f"cannot write {raw}: {exc.strerror or exc}") from exc
    chapters = stage.script.chapters
    return layout.timeline(chapters, JINGLE_CHAPTER if jingle else None), redone


def encode_and_compose(
    stage: Stage,
    work: Path,
    raw: Path,
    timeline: Timeline,
    previous: Episode | None,
    clock: Stopwatch,
) -> Episode:
    """Level the audio; encode the MP3 and the other formats side by side from the same
    levelled audio; compose the Episode (complete once the MP3 is)."""
    from tts.audio.encode import ChunkCache, encode_levels, level_chunks

    chunk_cache = ChunkCache(chunks_dir(), timeline.sample_rate, stage.bitrate)
    gain = previous.loudness.gain_db if previous and previous.loudness else None
    with clock("loudness"):
        levels = level_chunks(raw, timeline, chunk_cache, work, previous_gain=gain)
    meta = _meta(stage, previous)
    metadata = _write_metadata(stage, work, timeline, meta)
    mp3 = work / f"{meta.slug}.mp3"
    report = stage.encoding
    with ThreadPoolExecutor(max_workers=1) as background:
        formats = _start_formats(stage, work, raw, levels, timeline, background, clock)
        with clock("encode"):
            encoded = encode_levels(
                levels, timeline, chunk_cache, mp3, metadata, workers=stage.workers,
                cover=stage.plan.cover,
                progress=(lambda done: report("mp3", done)) if report else None,
            )  # fmt: skip
        with clock("formats"):
            if formats is not None:
                formats.result()  # the formats' own errors surface here
    loudness = Loudness(
        integrated=round(encoded.loudness, 2),
        gain_db=encoded.gain_db,
        chunks=encoded.chunks,
        chunks_encoded=encoded.encoded,
    )
    voice, info = stage.spec.voice, stage.engine.info
    return compose_episode(
        meta, stage.script.sentences, timeline, info, voice, stage.plan.files,
        loudness=loudness, source_key=stage.plan.key, source_id=stage.plan.owner.source_id,
    )  # fmt: skip


def _meta(stage: Stage, previous: Episode | None) -> EpisodeMeta:
    script = stage.script
    now = datetime.now(UTC).isoformat(timespec="seconds")
    return EpisodeMeta(
        # kept across rebuilds: feeds must never see a rebuilt episode as new
        guid=previous.guid if previous else str(uuid.uuid4()),
        slug=stage.plan.target.name,
        title=script.title,
        author=script.author,
        date=script.date,
        created=now,
        sources=script.sources,
        lead=script.lead,
        image="cover" + stage.plan.image.suffix if stage.plan.image else None,
        published=publication(script.date, stage.plan.date, previous, now),
    )


def _write_metadata(stage: Stage, work: Path, timeline: Timeline, meta: EpisodeMeta) -> Path:
    """The tags and chapters every audio file carries, as an FFMETADATA file."""
    info, voice = stage.engine.info, stage.spec.voice
    model = f"; model {info.model} sha256 {info.model_sha256}" if info.model else ""
    tags = {
        "title": meta.title,
        "artist": meta.author or "",
        "album": meta.title,
        "date": (meta.published or meta.date or meta.created)[:10],
        "genre": "Speech",
        "comment": (
            f"Generated by tts {__version__}; engine {info.engine} {info.version}; "
            f"voice {voice.name} ({voice.speaker}){model}"
        ),
    }
    metadata = work / "ffmetadata.txt"
    metadata.write_text(ffmetadata(tags, timeline.chapters, timeline.sample_rate), "utf-8")
    return metadata


def _start_formats(
    stage: Stage,
    work: Path,
    raw: Path,
    levels: Levels,
    timeline: Timeline,
    background: ThreadPoolExecutor,
    clock: Stopwatch,
) -> Future[None] | None:
    """Start the other audio formats in ``background`` (they run while the MP3 is encoded):
    the whole levelled episode is written first, before the MP3 encoder takes its chunks."""
    from tts.audio.encode import write_levelled
    from tts.audio.formats import export_formats

    names = {kind: name for kind, name in stage.plan.files.items() if kind in AUDIO_FORMATS}
    if not names:
        return None
    levelled = work / "levelled.raw"
    with clock("formats"):
        write_levelled(raw, levels, levelled)
    rate = timeline.sample_rate

    def export() -> None:
        export_formats(
            work,
            levelled=levelled,
            sample_rate=rate,
            metadata=work / "ffmetadata.txt",
            names=names,
            chapters=[(c.title, c.start / rate) for c in timeline.chapters],
            cover=stage.plan.cover,
            progress=stage.encoding,
            workers=stage.workers,
        )
        levelled.unlink()

    return background.submit(export)


def write_outputs(
    work: Path,
    episode: Episode,
    script: Script,
    timeline: Timeline,
    *,
    feed: bool,
    cover: Cover | None = None,
) -> None:
    """Transcripts, the read-along page, the EPUB, the episode's own cover and episode.json,
    each written once. ``cover`` is the one the files carry: the episode's own when it has one."""
    from tts.outputs.page import render_episode_page

    files = episode.files
    texts = {
        _name(files.vtt): compose_vtt(timeline, script.sentences),
        _name(files.srt): compose_srt(timeline, script.sentences),
        _name(files.json): compose_json(timeline, script.sentences),
        _name(files.chapters): compose_chapters(timeline, episode.title),
        _name(files.html): render_episode_page(episode, feed_url="../feed.xml" if feed else None),
    }
    for name, text in texts.items():
        (work / name).write_text(text, encoding="utf-8")
    if files.epub:
        from tts.outputs.epub import write_epub

        write_epub(work / files.epub, episode, work / files.mp3, cover)
    if episode.image and cover is not None:
        try:
            shutil.copyfile(cover.path, work / episode.image)
        except OSError as exc:
            raise ExportError(f"cannot copy {cover.path}: {exc.strerror or exc}") from exc
    (work / "episode.json").write_text(episode.dumps(), encoding="utf-8")


def _name(name: str | None) -> str:
    if name is None:
        raise ExportError("the episode lists no name for a transcript or its page")
    return name
