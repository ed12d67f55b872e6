"""Where a build's time goes: per-stage wall time, real-time factor, throughput, memory.

Read, segment and normalize are timed here by calling tts.text.prepare's stages one by one (cold,
before the build); the build then repeats them warm, and that repeat is left out of the wall
time. Every later stage comes from the build's own stopwatch (BuildResult.timings).
"""

from __future__ import annotations

import contextlib
import os
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from tts.build import BuildOptions, BuildResult, build_episode
from tts.store.paths import cache_root, voices_dir
from tts.voice.engines.registry import EngineSpec, needs_stress, resolve

# Stage keys, in pipeline order; every report has all of them (0.0 when a stage did not run).
STAGES = (
    "parse",
    "segment",
    "normalize",
    "open_engine",
    "synthesize",
    "stitch",
    "loudness",
    "encode",
    "formats",
    "export",
)
POST_SYNTHESIS = ("stitch", "loudness", "encode", "formats", "export")
_FROM_BUILD = {"open engine": "open_engine", **{s: s for s in ("synthesize", *POST_SYNTHESIS)}}


@dataclass(frozen=True)
class BenchReport:
    source: str
    engine: str
    characters: int  # written characters of the sentences read aloud
    sentences: int
    cache_hits: int
    audio_seconds: float
    wall: float  # the pipeline, seconds
    stages: dict[str, float]
    peak_rss_mb: float  # this process
    children_peak_rss_mb: float  # largest finished child (ffmpeg, synthesis workers)

    @property
    def rtf(self) -> float:
        return self.wall / self.audio_seconds if self.audio_seconds else float("inf")

    @property
    def chars_per_second(self) -> float:
        return self.characters / self.wall if self.wall else 0.0

    @property
    def post_synthesis_realtime(self) -> float:
        """Audio seconds per second of everything after synthesis (× realtime)."""
        spent = sum(self.stages[s] for s in POST_SYNTHESIS)
        return self.audio_seconds / spent if spent else float("inf")

    @property
    def pipeline_cost_per_audio_second(self) -> float:
        """Seconds of all but inference per second of audio."""
        own = self.wall - self.stages["synthesize"]
        return own / self.audio_seconds if self.audio_seconds else float("inf")

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for name in (
            "rtf",
            "chars_per_second",
            "post_synthesis_realtime",
            "pipeline_cost_per_audio_second",
        ):
            data[name] = getattr(self, name)
        return data


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest waited-for child, in MiB."""
    kib = 1024 if sys.platform != "darwin" else 1024 * 1024  # ru_maxrss: KiB on Linux
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / kib, children / kib


def max_chars(name: str) -> int:
    """The engine's longest text per call, without opening it (no model load)."""
    if name == "silero":
        from tts.voice.engines.silero_speech import MAX_CHARS

        return MAX_CHARS
    if name == "fake":
        from tts.voice.engines.fake import FakeEngine

        return FakeEngine.max_chars
    from tts.voice.engines.espeak import EspeakEngine

    return EspeakEngine.max_chars


def time_prepare(source: str, spec: EngineSpec) -> tuple[dict[str, float], int]:
    """Cold wall time of parse, segment and normalize, and the characters to be read."""
    from tts.text.prepare import normalize_sentences, read_articles, segment_articles

    times: dict[str, float] = {}
    started = time.perf_counter()
    articles = read_articles([source])
    times["parse"] = time.perf_counter() - started
    sentences, _ = segment_articles(articles, max_chars(spec.name))
    times["segment"] = time.perf_counter() - started - times["parse"]
    lexicon = voices_dir() / "lexicon.tsv"
    lexicons = [lexicon] if lexicon.is_file() else []
    normalize_sentences(sentences, lexicons, needs_stress(spec))
    times["normalize"] = time.perf_counter() - started - times["parse"] - times["segment"]
    return times, sum(len(s.text) for s in sentences)


@contextlib.contextmanager
def fresh_clip_cache() -> Iterator[Path]:
    """A temporary TTS_CACHE_DIR whose models/ is the real one (a downloaded model stays usable)."""
    models = cache_root() / "models"
    old = os.environ.get("TTS_CACHE_DIR")
    with tempfile.TemporaryDirectory(prefix="tts-bench-cache-") as tmp:
        if models.is_dir():
            (Path(tmp) / "models").symlink_to(models, target_is_directory=True)
        os.environ["TTS_CACHE_DIR"] = tmp
        try:
            yield Path(tmp)
        finally:
            if old is None:
                os.environ.pop("TTS_CACHE_DIR", None)
            else:
                os.environ["TTS_CACHE_DIR"] = old


def bench_build(
    source: str,
    *,
    engine: str = "espeak",
    voice: str | None = None,
    model_path: Path | None = None,
    trust_model: bool = False,
    workers: int = 1,
    outdir: Path | None = None,
) -> BenchReport:
    """Build ``source`` once, timing every stage, into ``outdir`` (default: a temporary folder).

    The clip cache is whatever TTS_CACHE_DIR says; wrap the call in fresh_clip_cache() to time
    a cold synthesis.
    """
    spec, _ = resolve(engine, voice, model_path=model_path, trust_model=trust_model)
    with contextlib.ExitStack() as stack:
        if outdir is None:
            outdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="tts-bench-")))
        started = time.perf_counter()
        prep, characters = time_prepare(source, spec)
        opts = BuildOptions(
            inputs=(source,),
            outdir=outdir,
            engine=spec.name,
            voice=spec.voice.name,
            model_path=model_path,
            trust_model=trust_model,
            workers=workers,
        )
        result = build_episode(opts)
        wall = time.perf_counter() - started
    repeated = result.timings.get("read", 0.0) + result.timings.get("prepare", 0.0)
    return _report(source, result, prep, characters, wall - repeated)


def _report(
    source: str, result: BuildResult, prep: dict[str, float], characters: int, wall: float
) -> BenchReport:
    stages = dict.fromkeys(STAGES, 0.0) | prep
    for name, key in _FROM_BUILD.items():
        stages[key] = result.timings.get(name, 0.0)
    own, children = peak_rss_mb()
    return BenchReport(
        source=source,
        engine=result.episode.engine,
        characters=characters,
        sentences=result.sentences,
        cache_hits=result.from_cache,
        audio_seconds=result.episode.duration,
        wall=wall,
        stages=stages,
        peak_rss_mb=own,
        children_peak_rss_mb=children,
    )


def format_report(report: BenchReport) -> str:
    """A plain-text table for the terminal."""
    lines = [
        f"{report.source}: {report.characters:,} characters, {report.sentences} sentences, "
        f"{report.audio_seconds:.1f} s of audio, engine {report.engine}",
        f"{'stage':<12} {'seconds':>9} {'share':>7}",
    ]
    for name in STAGES:
        seconds = report.stages[name]
        share = 100 * seconds / report.wall if report.wall else 0.0
        lines.append(f"{name:<12} {seconds:9.3f} {share:6.1f}%")
    lines += [
        f"{'wall':<12} {report.wall:9.3f}",
        f"RTF {report.rtf:.4f} (wall / audio); {report.chars_per_second:,.0f} characters/s",
        f"after synthesis: {report.post_synthesis_realtime:.1f}× realtime; "
        f"pipeline cost {report.pipeline_cost_per_audio_second:.4f} s per audio second",
        f"cache hits {report.cache_hits} of {report.sentences}; peak RSS "
        f"{report.peak_rss_mb:.0f} MiB (largest child {report.children_peak_rss_mb:.0f} MiB)",
    ]
    return "\n".join(lines)
