"""Synthesis on a Ray cluster (the optional `cluster` extra): one engine, one model, per actor.

Only text goes out and PCM comes back, so workers need the engine (and the model file at the
same path, or in their own cache) but not the driver's disk. The driver writes each clip into
its own cache; the local builds then find every clip there and only stitch and encode. A
sentence the cluster could not render is left missing: the local build renders it again and
reports its failure the usual way.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType

from tts.build import BuildOptions, engine_spec
from tts.errors import TTSError
from tts.store.clip_cache import ClipCache
from tts.store.paths import clips_dir
from tts.types import Clip
from tts.voice.engines.base import Engine
from tts.voice.engines.registry import EngineSpec, open_engine
from tts.voice.synth import Job, missing, plan_sentence_jobs, render_job

log = logging.getLogger(__name__)

_BATCH = 16  # sentences per remote call: fewer round trips, still even shares


@dataclass(frozen=True)
class Rendered:
    key: str
    pcm: bytes | None  # None when the engine failed on this sentence
    sample_rate: int = 0
    error: str | None = None


class ClipWorker:
    """A Ray actor's state: the engine is opened once, when the actor starts."""

    def __init__(self, spec: EngineSpec) -> None:
        self.spec = spec
        self.engine = open_engine(spec)
        self.engine.load()

    def render(self, jobs: Sequence[Job]) -> list[Rendered]:
        out = []
        for job in jobs:
            try:
                clip = render_job(self.engine, self.spec.voice, job)
            except TTSError as exc:
                out.append(Rendered(job.key, None, error=str(exc)))
            else:
                out.append(Rendered(job.key, clip.pcm, clip.sample_rate))
        return out


def import_ray() -> ModuleType:
    try:
        return importlib.import_module("ray")
    except ImportError as exc:
        raise TTSError(
            "--cluster needs Ray: pip install 'tts[cluster]' (or: pip install ray)"
        ) from exc


def _article_jobs(opts: BuildOptions, engine: Engine, spec: EngineSpec) -> list[Job]:
    """The clips one article needs; an article that cannot be prepared is left to the build."""
    from tts.build import prepare_script

    try:
        script = prepare_script(opts, spec, engine.max_chars)
    except TTSError as exc:
        log.info("%s: not sent to the cluster (%s)", opts.inputs[0], exc)
        return []
    return plan_sentence_jobs(engine, spec.voice, script.sentences)


def plan_cluster_jobs(options: Sequence[BuildOptions]) -> tuple[EngineSpec, list[Job]] | None:
    """Every clip the batch still lacks, each once; None when the batch is empty."""
    if not options:
        return None
    first = options[0]
    spec, _ = engine_spec(first)
    engine = open_engine(spec)  # once, for the clip keys and the length limit
    try:
        jobs = [job for opts in options for job in _article_jobs(opts, engine, spec)]
    finally:
        engine.close()
    return spec, missing(ClipCache(clips_dir()), jobs)


def _connect(ray: ModuleType, address: str, workers: int) -> int:
    """Start or join Ray; the number of actors to run (one per CPU the cluster offers)."""
    if address == "local":
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
        return workers
    ray.init(address=address, log_to_driver=False)
    return max(int(ray.cluster_resources().get("CPU", workers)), 1)


def prefill_clips(options: Sequence[BuildOptions], *, address: str, workers: int) -> int:
    """Synthesize every missing clip of the batch on Ray (``address`` or "local"); the count."""
    ray = import_ray()
    planned = plan_cluster_jobs(options)
    if planned is None or not planned[1]:
        return 0
    spec, jobs = planned
    cache = ClipCache(clips_dir())
    ray_started = ray.is_initialized()
    # A Ray session the caller already started (tests, notebooks) is used as it is.
    actors_wanted = workers if ray_started else _connect(ray, address, workers)
    try:
        return _run(ray, spec, jobs, cache, actors_wanted)
    finally:
        if not ray_started:
            ray.shutdown()


def _run(ray: ModuleType, spec: EngineSpec, jobs: Sequence[Job], cache: ClipCache, n: int) -> int:
    pool_class = importlib.import_module("ray.util").ActorPool
    actor = ray.remote(num_cpus=1)(ClipWorker)
    batches = [jobs[i : i + _BATCH] for i in range(0, len(jobs), _BATCH)]
    pool = pool_class([actor.remote(spec) for _ in range(min(n, len(batches)))])
    written = 0
    for results in pool.map_unordered(lambda a, b: a.render.remote(b), batches):
        for item in results:
            if item.pcm is None:
                log.warning("cluster: %s", item.error)
                continue
            cache.put(item.key, Clip(pcm=item.pcm, sample_rate=item.sample_rate))
            written += 1
    log.info("cluster synthesized %d of %d clips", written, len(jobs))
    return written
