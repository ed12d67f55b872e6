"""One episode, end to end: read → plan → prepare → synthesize → stitch → level → encode →
compose the Episode → write formats and outputs → publish.

In: input paths or URLs and BuildOptions. Out: OUTDIR/<slug>/ (MP3, transcripts, page,
episode.json and any other formats) and the BuildResult. The stages live in the pipeline's
folders; this package only runs them in order (plan.py: what to build and whether it is
already built; render.py: the stages after the script)."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from tts.audio.formats import Progress as EncodeProgress
from tts.build.plan import Plan, plan_build
from tts.build.render import Progress, Stage, render
from tts.build.stopwatch import Stopwatch
from tts.episode import Episode
from tts.errors import TTSError
from tts.store.paths import spoken_dir, voices_dir
from tts.text.prepare import Script, prepare, read_articles
from tts.types import Article
from tts.voice.engines.base import Engine
from tts.voice.engines.registry import (
    EngineSpec,
    KeptEngines,
    needs_stress,
    open_engine,
    resolve,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildOptions:
    inputs: tuple[str, ...]
    outdir: Path = Path("output")
    engine: str = "auto"
    voice: str | None = None
    speaker: str | None = None
    rate: float | None = None
    model_path: Path | None = None
    trust_model: bool = False  # --trust-model: load model_path even if it is no known model
    bitrate: str = "64k"
    title: str | None = None
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    lexicons: tuple[Path, ...] = ()
    formats: tuple[str, ...] = ("mp3",)  # mp3 always; m4a, m4b, opus, epub on request
    # what the input "-" reads, when standard input was read already (tts batch, for workers)
    stdin: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class BuildResult:
    folder: Path
    episode: Episode
    sentences: int
    from_cache: int
    warning: str | None
    timings: dict[str, float]
    unchanged: bool = False  # the published episode was already up to date


def build_episode(
    opts: BuildOptions,
    progress: Progress | None = None,
    *,
    notify: Callable[[str], None] | None = None,
    download_progress: Callable[[int, int | None], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
    engines: KeptEngines | None = None,
    encoding: EncodeProgress | None = None,
) -> BuildResult:
    """Build one episode. ``notify`` receives notices the user must see (a model's licence
    before its first download); ``download_progress`` follows that download; ``on_stage``
    hears each stage as it starts (read, prepare, synthesize, stitch, loudness, encode, …);
    ``encoding`` hears each audio format's share done (mp3, m4a, …) as the encoders run.
    With ``engines``, the engine is taken from (and left open in) that set."""
    clock = Stopwatch(on_stage)
    with clock("read"):
        # input errors first, before any engine work
        articles = read_articles(opts.inputs, opts.stdin)
    spec, warning = engine_spec(opts)
    if warning:
        log.warning(warning)
    opts = replace(opts, bitrate=checked_bitrate(opts.bitrate, spec))
    # Same inputs, settings and code as the published episode: nothing to redo, and no need
    # to pay for normalization (its libraries take most of a second to import).
    plan = plan_build(opts, articles, spec, lexicon_paths(opts))
    if plan.published is not None:
        n = len(plan.published.sentences)
        return BuildResult(plan.target, plan.published, n, n, warning, clock.times, True)
    if spec.name == "silero" and spec.model_path is None:
        _fetch_model(spec, notify, download_progress)
    with clock("open engine"):
        engine = engines.open(spec) if engines else open_engine(spec)
    try:
        with clock("prepare"):
            script = prepare_script(opts, spec, engine.max_chars, articles, intro=plan.intro)
        stage = _stage(opts, spec, engine, script, plan, encoding)
        done = render(stage, clock, progress)
    finally:
        if engines is None:
            engine.close()
    return BuildResult(
        plan.target, done.episode, done.sentences, done.from_cache, warning, clock.times
    )


def engine_spec(opts: BuildOptions) -> tuple[EngineSpec, str | None]:
    """The engine and voice ``opts`` ask for, and a warning when ``auto`` had to fall back:
    the one place a build, a batch and the cluster turn options into an EngineSpec."""
    return resolve(
        opts.engine,
        opts.voice,
        speaker=opts.speaker,
        rate=opts.rate,
        model_path=opts.model_path,
        trust_model=opts.trust_model,
    )


def checked_bitrate(bitrate: str, spec: EngineSpec) -> str:
    """The MP3 bitrate as ffmpeg takes it, when LAME writes it at the voice's sample rate
    (one spelling, so "64" and "64k" share a source key)."""
    from tts.audio.mp3frames import mp3_bitrate

    try:
        return mp3_bitrate(bitrate, spec.voice.sample_rate)
    except ValueError as exc:
        raise TTSError(str(exc)) from None


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
        articles=articles if articles is not None else read_articles(opts.inputs, opts.stdin),
        intro=intro,
        cache_dir=spoken_dir(),
    )


def _stage(
    opts: BuildOptions,
    spec: EngineSpec,
    engine: Engine,
    script: Script,
    plan: Plan,
    encoding: EncodeProgress | None,
) -> Stage:
    return Stage(
        engine=engine,
        spec=spec,
        script=script,
        plan=plan,
        outdir=opts.outdir,
        workers=opts.workers,
        bitrate=opts.bitrate,
        encoding=encoding,
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
