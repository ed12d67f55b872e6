"""One episode, end to end: read → plan → prepare → synthesize → stitch → level → encode →
compose the Episode → write formats and outputs → publish.

In: input paths or URLs and BuildOptions. Out: OUTDIR/<slug>/ (MP3, transcripts, page,
episode.json and any other formats) and the BuildResult. The stages live in the pipeline's
folders; this package only runs them in order (plan.py: what to build and whether it is
already built; render.py: the stages after the script)."""

from __future__ import annotations

import dataclasses
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
from tts.store.outdir import check_outdir, recover_all
from tts.store.paths import spoken_dir, voices_dir
from tts.text.prepare import Script, normalize_sentences, prepare, read_articles
from tts.types import Article, Sentence
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
    date: str | None = None  # --date: the publication time (ISO 8601, see plan.date_option)
    quote_voice: str | None = None  # a preset for quotations; "none"; None: the preset's own
    # what the input "-" reads, when standard input was read already (tts batch, for workers)
    stdin: bytes | None = field(default=None, repr=False)
    image: Path | None = None  # the episode's own cover (else the podcast's, if any)
    # the inputs read and parsed already, one per input (tts follow: the page fetched once,
    # the feed entry's title, author, date and link put over what extraction found)
    articles: tuple[Article, ...] | None = field(default=None, repr=False)
    # the episode's folder name instead of the title's slug (tts follow: an entry whose title
    # changed stays in its folder, keeping its GUID)
    slug: str | None = None


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
    check_outdir(opts.outdir)  # a file named like the folder fails now, not after synthesis
    recover_all(opts.outdir)  # an episode a killed build moved aside comes back first
    with clock("read"):
        # input errors first, before any engine work
        articles = read_sources(opts)
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
        done.folder, done.episode, done.sentences, done.from_cache, warning, clock.times
    )


def read_sources(opts: BuildOptions) -> list[Article]:
    """The articles ``opts`` builds from: given already, or read from its inputs."""
    if opts.articles is not None:
        return list(opts.articles)
    return read_articles(opts.inputs, opts.stdin)


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
        quote_voice=opts.quote_voice,
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
    """voices/lexicon.tsv if there is one, then the user's --lexicon files (later entries win).

    The user's files are kept even when they are not there: the first read (the source key,
    before any engine work) then says so in one line, instead of a build without them."""
    default = voices_dir() / "lexicon.tsv"
    return [*([default] if default.is_file() else []), *opts.lexicons]


def prepare_script(
    opts: BuildOptions,
    spec: EngineSpec,
    max_chars: int,
    articles: Sequence[Article] | None = None,
    *,
    intro: bool = False,
) -> Script:
    """The spoken script for these options: the one call the build and the cluster share."""
    lexicons, stress = lexicon_paths(opts), needs_stress(spec)
    script = prepare(
        opts.inputs,
        max_chars=max_chars,
        lexicons=lexicons,
        stress=stress,
        title=opts.title,
        articles=articles if articles is not None else read_sources(opts),
        intro=intro,
        cache_dir=spoken_dir(),
    )
    if spec.voice.quote is None:
        return script
    return with_quotations(script, lexicons, stress)


def with_quotations(script: Script, lexicons: Sequence[Path], stress: bool) -> Script:
    """The script with the parts its quotation voice reads."""
    sentences = quoted_sentences(script.sentences, lexicons, stress)
    return dataclasses.replace(script, sentences=tuple(sentences))


def quoted_sentences(
    sentences: Sequence[Sentence], lexicons: Sequence[Path], stress: bool
) -> list[Sentence]:
    """``sentences`` with the parts a quotation voice reads; odd quotation marks are warned
    about, and their sentences stay in the main voice."""
    from tts.text.chapters import shorten
    from tts.voice.quotes import mark_quotes

    def normalize(texts: Sequence[str]) -> list[str]:
        pieces = [Sentence(n, 0, 0, (0, len(t)), t) for n, t in enumerate(texts)]
        done = normalize_sentences(pieces, lexicons, stress, spoken_dir(), quiet=True)
        return [s.spoken for s in done]

    marked, odd = mark_quotes(sentences, normalize)
    text = {s.index: s.text for s in marked}
    for o in odd:
        log.warning(
            "sentence %d («%s»): %s; read in the main voice",
            o.sentence,
            shorten(text[o.sentence], 60),
            o.reason,
        )
    return marked


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
