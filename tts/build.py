"""The pipeline shell: prepare the script, synthesize into the cache, stream the audio to disk,
encode once with loudness, chapters and tags, write transcripts and the manifest, publish."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import os
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tts import __version__
from tts.audio.ffmpeg import decode_into, ffmetadata
from tts.audio.timeline import Layout
from tts.errors import ExportError
from tts.outputs.library import refresh_library
from tts.outputs.manifest import EpisodeMeta, compose_manifest, dumps
from tts.outputs.transcript import compose_chapters, compose_json, compose_srt, compose_vtt
from tts.store.clip_cache import ClipCache
from tts.store.outdir import (
    episode_dir,
    locked,
    previous_manifest,
    publish,
    staging,
)
from tts.store.paths import chunks_dir, clips_dir, spoken_dir, voices_dir
from tts.store.slug import slugify
from tts.text.prepare import Script, episode_title, prepare, read_articles
from tts.types import Article, Timeline
from tts.voice.clips import ms_to_samples, silence
from tts.voice.engines.base import Engine
from tts.voice.engines.registry import (
    EngineSpec,
    KeptEngines,
    engine_stamp,
    needs_stress,
    open_engine,
    resolve,
)
from tts.voice.synth import Job, missing, plan_jobs, require_clip, synthesize_missing

if TYPE_CHECKING:
    from tts.audio.encode import ChunkCache, Encoded, Levels
    from tts.podcast.config import PodcastConfig

log = logging.getLogger(__name__)

JINGLE_CHAPTER = "Заставка"


@dataclass(frozen=True)
class BuildOptions:
    inputs: tuple[str, ...]
    outdir: Path = Path("output")
    engine: str = "auto"
    voice: str | None = None
    speaker: str | None = None
    rate: float | None = None
    model_path: Path | None = None
    bitrate: str = "64k"
    title: str | None = None
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    lexicons: tuple[Path, ...] = ()
    formats: tuple[str, ...] = ("mp3",)  # mp3 always; m4a, m4b, opus, epub on request


@dataclass(frozen=True)
class BuildResult:
    folder: Path
    manifest: dict[str, Any]
    sentences: int
    from_cache: int
    warning: str | None
    timings: dict[str, float]
    unchanged: bool = False  # the published episode was already up to date


@dataclass(frozen=True)
class Plan:
    """Where the episode goes and what it is built from, decided before any synthesis."""

    target: Path
    key: str  # source_key: equal keys mean the published episode is up to date
    jingle: Path | None
    cover: Path | None
    feed: bool  # the folder is a podcast: pages link its feed


Progress = Callable[[int, int], None]


class Stopwatch:
    """Wall time per stage; ``on_stage`` hears each stage's name as it starts."""

    def __init__(self, on_stage: Callable[[str], None] | None = None) -> None:
        self.times: dict[str, float] = {}
        self.on_stage = on_stage

    @contextlib.contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        if self.on_stage:
            self.on_stage(stage)
        start = time.perf_counter()
        try:
            yield
        finally:
            self.times[stage] = self.times.get(stage, 0.0) + time.perf_counter() - start


def build_episode(
    opts: BuildOptions,
    progress: Progress | None = None,
    *,
    notify: Callable[[str], None] | None = None,
    download_progress: Callable[[int, int | None], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
    engines: KeptEngines | None = None,
) -> BuildResult:
    """Build one episode. ``notify`` receives notices the user must see (a model's licence
    before its first download); ``download_progress`` follows that download; ``on_stage``
    hears each stage as it starts (read, prepare, synthesize, stitch, loudness, encode, …).
    With ``engines``, the engine is taken from (and left open in) that set."""
    clock = Stopwatch(on_stage)
    with clock("read"):
        articles = read_articles(opts.inputs)  # input errors first, before any engine work
    spec, warning = resolve(
        opts.engine, opts.voice, speaker=opts.speaker, rate=opts.rate, model_path=opts.model_path
    )
    if warning:
        log.warning(warning)
    podcast = _podcast_settings(opts.outdir)
    lexicons = lexicon_paths(opts)
    jingle = opts.outdir / podcast.jingle if podcast and podcast.jingle else None
    cover = _cover(opts.outdir, podcast)
    # Same inputs, settings and code as the published episode: nothing to redo, and no need
    # to pay for normalization (its libraries take most of a second to import).
    target = episode_dir(opts.outdir, slugify(episode_title(articles, opts.title)))
    key = source_key(articles, opts, spec, lexicons, podcast, jingle, cover)
    plan = Plan(target, key, jingle, cover, feed=podcast is not None)
    published = _unchanged(target, plan.key)
    if published is not None:
        n = len(published.get("sentences", []))
        return BuildResult(target, published, n, n, warning, clock.times, True)
    if spec.name == "silero" and spec.model_path is None:
        _fetch_model(spec, notify, download_progress)
    with clock("open engine"):
        engine = engines.open(spec) if engines else open_engine(spec)
    try:
        with clock("prepare"):
            intro = bool(podcast and podcast.intro)
            script = prepare_script(opts, spec, engine.max_chars, articles, intro=intro)
        return _render(opts, spec, engine, script, clock, progress, warning, plan)
    finally:
        if engines is None:
            engine.close()


def lexicon_paths(opts: BuildOptions) -> list[Path]:
    """voices/lexicon.tsv, then the user's --lexicon files (later entries win)."""
    return [p for p in (voices_dir() / "lexicon.tsv", *opts.lexicons) if p.is_file()]


def prepare_script(
    opts: BuildOptions,
    spec: EngineSpec,
    max_chars: int,
    articles: Sequence[Article] | None = None,
    *,
    intro: bool = False,
) -> Script:
    """The spoken script for these options: the one call the build and the cluster share."""
    return prepare(
        opts.inputs,
        max_chars=max_chars,
        lexicons=lexicon_paths(opts),
        stress=needs_stress(spec),
        title=opts.title,
        articles=articles,
        intro=intro,
        cache_dir=spoken_dir(),
    )


def _fetch_model(
    spec: EngineSpec,
    notify: Callable[[str], None] | None,
    progress: Callable[[int, int | None], None] | None,
) -> None:
    """Download the model now, visibly, with its licence stated first."""
    from tts.voice.catalogue import (
        DEFAULT_MODEL,
        cached_model,
        ensure_model,
        licence_notice,
        model_info,
    )

    model_id = spec.voice.model or DEFAULT_MODEL
    if cached_model(model_id) is None:
        if notify:
            notify(licence_notice(model_info(model_id)))
        ensure_model(model_id, progress=progress)


def _podcast_settings(outdir: Path) -> PodcastConfig | None:
    """The folder's podcast.toml (intro, jingle), when the folder is a podcast."""
    from tts.podcast.config import config_path, load_config

    return load_config(outdir) if config_path(outdir).is_file() else None


def _cover(outdir: Path, podcast: PodcastConfig | None) -> Path | None:
    """The podcast's artwork file, embedded in M4A/M4B (a URL cannot be)."""
    if podcast is None or not podcast.image or "://" in podcast.image:
        return None
    path = outdir / podcast.image
    return path if path.is_file() else None


def _render(
    opts: BuildOptions,
    spec: EngineSpec,
    engine: Engine,
    script: Script,
    clock: Stopwatch,
    progress: Progress | None,
    warning: str | None,
    plan: Plan,
) -> BuildResult:
    cache = ClipCache(clips_dir())
    jobs = plan_jobs(engine, spec.voice, [s.spoken for s in script.sentences])
    todo = missing(cache, jobs)
    if todo:
        with clock("open engine"):
            engine.load()  # Silero's model is loaded only when a clip is missing
    with clock("synthesize"):
        synthesize_missing(engine, spec, cache, todo, workers=opts.workers, progress=progress)
    from tts.audio.encode import ChunkCache, level_chunks

    outdir, target = opts.outdir, plan.target
    with locked(outdir, target.name), staging(outdir, target.name) as work:
        raw = work / "audio.raw"
        with clock("stitch"):
            timeline, redone = _stitch(engine, spec, cache, script, jobs, raw, plan.jingle)
        previous = previous_manifest(target) or {}
        chunk_cache = ChunkCache(chunks_dir(), timeline.sample_rate, opts.bitrate)
        with clock("loudness"):
            levels = level_chunks(
                raw, timeline, chunk_cache, work, previous_gain=_previous_gain(previous)
            )
        guid = previous.get("guid")  # kept across rebuilds: feeds must never see it as new
        meta = EpisodeMeta(
            guid=guid if isinstance(guid, str) and guid else str(uuid.uuid4()),
            slug=target.name,
            title=script.title,
            author=script.author,
            date=script.date,
            created=datetime.now(UTC).isoformat(timespec="seconds"),
            sources=script.sources,
            lead=script.lead,
        )
        with clock("encode"):
            encoded = _encode(work, timeline, meta, engine, spec, opts, levels, chunk_cache)
        manifest = compose_manifest(
            meta, script.sentences, timeline, engine.info, spec.voice, _files(meta.slug)
        )
        manifest["loudness"] = {
            "integrated": round(encoded.loudness, 2),
            "gain_db": encoded.gain_db,
            "chunks": encoded.chunks,
            "chunks_encoded": encoded.encoded,
        }
        manifest["source_key"] = plan.key
        others = [f for f in opts.formats if f != "mp3"]
        if others:
            with clock("formats"):
                from tts.audio.encode import write_levelled
                from tts.audio.formats import export_formats

                levelled = work / "levelled.raw"
                write_levelled(raw, levels, levelled)
                manifest["files"].update(
                    export_formats(
                        work,
                        levelled=levelled,
                        sample_rate=timeline.sample_rate,
                        metadata=work / "ffmetadata.txt",
                        formats=[f for f in others if f != "epub"],
                        manifest=manifest,
                        cover=plan.cover,
                    )
                )
                levelled.unlink()
                if "epub" in others:
                    from tts.outputs.epub import write_epub

                    name = f"{meta.slug}.epub"
                    write_epub(work / name, manifest, work / manifest["files"]["mp3"])
                    manifest["files"]["epub"] = name
        (work / "ffmetadata.txt").unlink()
        raw.unlink()  # the episode's largest file: gone before the folder is published
        with clock("export"):
            _write_outputs(work, manifest, script, timeline, feed=plan.feed)
            publish(work, target)
            refresh_library(outdir)
    return BuildResult(
        folder=target,
        manifest=manifest,
        sentences=len(jobs),
        from_cache=len(jobs) - len(todo) - redone,
        warning=warning,
        timings=clock.times,
        unchanged=False,
    )


def _file_stamp(path: Path) -> list[object]:
    try:
        info = path.stat()
    except OSError:
        return [str(path)]
    return [str(path), info.st_size, info.st_mtime_ns]


def source_key(
    articles: Sequence[Article],
    opts: BuildOptions,
    spec: EngineSpec,
    lexicons: Sequence[Path],
    podcast: PodcastConfig | None,
    jingle: Path | None,
    cover: Path | None,
) -> str:
    """Everything the published files depend on, known right after reading: the parsed
    articles, the options, the engine and voice, the lexicons' contents and the code. Equal
    keys mean nothing needs rebuilding, and checking costs no normalization or synthesis."""
    fields = {
        "version": __version__,
        "code": _code_stamp(),
        "articles": [dataclasses.asdict(a) for a in articles],
        "title": opts.title,
        "bitrate": opts.bitrate,
        "formats": sorted(opts.formats),
        "engine": engine_stamp(spec),
        "voice": dataclasses.asdict(spec.voice),
        "lexicons": [hashlib.sha256(p.read_bytes()).hexdigest() for p in lexicons],
        "intro": bool(podcast and podcast.intro),
        "jingle": _file_stamp(jingle) if jingle else None,
        "cover": _file_stamp(cover) if cover else None,
    }
    return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()


def _code_stamp() -> list[object]:
    """Sizes and times of the package's code (and assets): a changed rule, pause or page
    invalidates old episodes even when the version number stayed the same."""
    root = Path(__file__).parent
    files = sorted(p for p in root.rglob("*") if p.suffix in {".py", ".js", ".css"})
    return [[str(p.relative_to(root)), p.stat().st_size, p.stat().st_mtime_ns] for p in files]


def _unchanged(target: Path, key: str) -> dict[str, Any] | None:
    """The published manifest when it was built from exactly this key and its files are there."""
    manifest = previous_manifest(target)
    if manifest is None or manifest.get("source_key") != key:
        return None
    files = manifest.get("files", {})
    if not isinstance(files, dict) or not all((target / f).is_file() for f in files.values()):
        return None
    return manifest


def _stitch(
    engine: Engine,
    spec: EngineSpec,
    cache: ClipCache,
    script: Script,
    jobs: Sequence[Job],
    raw: Path,
    jingle: Path | None,
) -> tuple[Timeline, int]:
    """Clips and pauses straight to a raw PCM file, one clip in memory at a time.

    Also returns how many clips had to be synthesized again (damaged cache entries)."""
    from tts.audio.mp3frames import SEAM, frame_samples

    pauses = spec.voice.pauses
    rate = engine.sample_rate
    layout = Layout(script.sentences, rate, pauses, align=frame_samples(rate), min_gap=SEAM)
    redone = 0
    try:
        with raw.open("wb") as out:
            if jingle is not None:
                layout.pos = decode_into(jingle, rate, out)
                out.write(silence(ms_to_samples(pauses.section, rate)))
                layout.pos += ms_to_samples(pauses.section, rate)
            for job in jobs:
                clip, again = require_clip(engine, spec.voice, cache, job)
                redone += again
                out.write(clip.pcm)
                out.write(silence(layout.add(clip.samples)))
    except OSError as exc:
        raise ExportError(f"cannot write {raw}: {exc.strerror or exc}") from exc
    return layout.timeline(script.chapters, JINGLE_CHAPTER if jingle else None), redone


def _encode(
    work: Path,
    timeline: Timeline,
    meta: EpisodeMeta,
    engine: Engine,
    spec: EngineSpec,
    opts: BuildOptions,
    levels: Levels,
    cache: ChunkCache,
) -> Encoded:
    from tts.audio.encode import encode_levels

    info = engine.info
    model = f"; model {info.model} sha256 {info.model_sha256}" if info.model else ""
    tags = {
        "title": meta.title,
        "artist": meta.author or "",
        "album": meta.title,
        "date": (meta.date or meta.created)[:10],
        "genre": "Speech",
        "comment": (
            f"Generated by tts {__version__}; engine {info.engine} {info.version}; "
            f"voice {spec.voice.name} ({spec.voice.speaker}){model}"
        ),
    }
    metadata = work / "ffmetadata.txt"
    metadata.write_text(ffmetadata(tags, timeline.chapters, timeline.sample_rate), "utf-8")
    mp3 = work / f"{meta.slug}.mp3"
    return encode_levels(levels, timeline, cache, mp3, metadata, workers=opts.workers)


def _previous_gain(manifest: dict[str, Any]) -> float | None:
    """The gain the published episode was levelled with, to keep if still close enough."""
    loudness = manifest.get("loudness")
    gain = loudness.get("gain_db") if isinstance(loudness, dict) else None
    return float(gain) if isinstance(gain, int | float) else None


def _files(slug: str) -> dict[str, str]:
    return {
        "mp3": f"{slug}.mp3",
        "vtt": f"{slug}.vtt",
        "srt": f"{slug}.srt",
        "json": f"{slug}.json",
        "chapters": f"{slug}.chapters.json",
        "html": "index.html",
    }


def _write_outputs(
    work: Path, manifest: dict[str, Any], script: Script, timeline: Timeline, *, feed: bool
) -> None:
    """Transcripts, the read-along page and episode.json, each written once."""
    from tts.outputs.page import render_episode_page

    files = manifest["files"]
    texts = {
        files["vtt"]: compose_vtt(timeline, script.sentences),
        files["srt"]: compose_srt(timeline, script.sentences),
        files["json"]: compose_json(timeline, script.sentences),
        files["chapters"]: compose_chapters(timeline, manifest["title"]),
        files["html"]: render_episode_page(manifest, feed_url="../feed.xml" if feed else None),
        "episode.json": dumps(manifest),
    }
    for name, text in texts.items():
        (work / name).write_text(text, encoding="utf-8")
