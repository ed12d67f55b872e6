"""Synthesis of every sentence into the clip cache, in worker processes when it pays.

Workers write clips straight into the cache and return only their lengths, so memory stays
flat however long the text. An interrupted run keeps every clip already written.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tts.errors import EngineFailed
from tts.store.clip_cache import ClipCache, clip_key, parts_key
from tts.types import Clip, Part, Sentence, Voice
from tts.voice.clips import CLAUSE_PAUSE_MS, ms_to_samples, silence, trim_edges
from tts.voice.engines.base import Engine
from tts.voice.engines.registry import MODEL_CALLS, EngineSpec, open_engine

log = logging.getLogger(__name__)

_PARALLEL_MIN_CHARS = 20_000  # below this, starting workers costs more than it saves
_BATCH = 24
_SILERO_RECYCLE_BATCHES = MODEL_CALLS // _BATCH  # a fresh worker (and model) then

Progress = Callable[[int, int], None]  # characters done, characters in all


@dataclass(frozen=True)
class Job:
    index: int  # sentence index
    spoken: str
    key: str
    parts: tuple[Part, ...] = ()  # a quotation in it: each part in its own voice


def render(engine: Engine, voice: Voice, spoken: str) -> Clip:
    """One sentence's clip: split to the engine's limit, each piece trimmed, joined by a breath."""
    from tts.text.clauses import split_clauses

    pieces = split_clauses(spoken, engine.max_chars) if len(spoken) > engine.max_chars else [spoken]
    clips = [trim_edges(engine.synthesize(p, voice)) for p in pieces if p.strip()]
    gap = silence(ms_to_samples(CLAUSE_PAUSE_MS, engine.sample_rate))
    return Clip(pcm=gap.join(c.pcm for c in clips), sample_rate=engine.sample_rate)


def part_voice(voice: Voice, part: Part) -> Voice:
    return voice.quote if part.voice == "quote" and voice.quote is not None else voice


def render_parts(engine: Engine, voice: Voice, parts: Sequence[Part]) -> Clip:
    """A sentence that holds a quotation: each part in its voice, one clip, with the preset's
    quotation pause where the voice changes (the parts' edges are trimmed, so the pause is
    all the silence there is)."""
    clips = [render(engine, part_voice(voice, p), p.spoken) for p in parts]
    gap = silence(ms_to_samples(voice.pauses.quote, engine.sample_rate))
    return Clip(pcm=gap.join(c.pcm for c in clips if c.pcm), sample_rate=engine.sample_rate)


def render_job(engine: Engine, voice: Voice, job: Job) -> Clip:
    """The job's clip: in parts when it holds a quotation and the voice has a second one."""
    if job.parts and voice.quote is not None:
        return render_parts(engine, voice, job.parts)
    return render(engine, voice, job.spoken)


def _render_job(engine: Engine, voice: Voice, cache: ClipCache, job: Job) -> Clip:
    try:
        clip = render_job(engine, voice, job)
    except EngineFailed as exc:
        raise EngineFailed(str(exc), sentence=job.index) from exc
    cache.put(job.key, clip)  # a cache that cannot be written: the stitch makes it again
    return clip


# Worker process state: one engine per process, opened once.
_worker: tuple[Engine, Voice, ClipCache] | None = None


def _init_worker(spec: EngineSpec, cache_root: Path) -> None:
    global _worker
    # Ctrl-C in the terminal reaches the whole process group: the parent alone handles it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    follow_parent(signal.SIGKILL)  # clips are written atomically: nothing to clean up
    _worker = (open_engine(spec), spec.voice, ClipCache(cache_root))


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def follow_parent(sig: int, interval: float = 0.5) -> None:
    """A worker process ends with the process that started it, by ``sig``.

    A build killed with -9 runs no cleanup, and its workers, blocked on a queue whose other
    end they hold themselves, would live on (with a loaded model each); one that finished its
    batch after the parent died wrote its result into a closed pipe and printed a
    BrokenPipeError traceback. On Linux the kernel sends ``sig`` the moment the parent dies;
    elsewhere a thread looks twice a second."""
    import multiprocessing

    started_by = multiprocessing.parent_process()
    parent = started_by.pid if started_by is not None and started_by.pid else os.getppid()
    armed = _parent_death_signal(sig)
    if os.getppid() != parent:  # gone before the kernel was asked
        os.kill(os.getpid(), sig)
    if armed:
        return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os.kill(os.getpid(), sig)

    threading.Thread(target=watch, name="follow-parent", daemon=True).start()


def _parent_death_signal(sig: int) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, sig, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _run_batch(jobs: Sequence[Job]) -> list[tuple[int, int]]:
    if _worker is None:
        raise RuntimeError("worker used before initialization")
    engine, voice, cache = _worker
    return [(job.index, _render_job(engine, voice, cache, job).samples) for job in jobs]


def plan_jobs(engine: Engine, voice: Voice, spoken: Sequence[str]) -> list[Job]:
    return [Job(i, text, clip_key(engine.info, voice, text)) for i, text in enumerate(spoken)]


def plan_sentence_jobs(engine: Engine, voice: Voice, sentences: Sequence[Sentence]) -> list[Job]:
    """One job per sentence. A sentence without a quotation (or a voice without a quotation
    voice) keeps the key its clip always had; one with a quotation is keyed by its parts and
    both voices, so changing the quotation voice makes only those again."""
    if voice.quote is None:
        return plan_jobs(engine, voice, [s.spoken for s in sentences])
    return [
        Job(i, s.spoken, parts_key(engine.info, voice, s.parts), s.parts)
        if s.parts
        else Job(i, s.spoken, clip_key(engine.info, voice, s.spoken))
        for i, s in enumerate(sentences)
    ]


def missing(cache: ClipCache, jobs: Sequence[Job]) -> list[Job]:
    """Jobs whose clip is not in the cache (damage is caught later, when the clip is read)."""
    seen: set[str] = set()
    todo = []
    for job in jobs:
        if job.key not in seen and not cache.has(job.key):
            todo.append(job)
        seen.add(job.key)
    return todo


def synthesize_missing(
    engine: Engine,
    spec: EngineSpec,
    cache: ClipCache,
    todo: Sequence[Job],
    *,
    workers: int,
    progress: Progress | None = None,
) -> None:
    total = sum(len(j.spoken) for j in todo)
    if workers > 1 and total >= _PARALLEL_MIN_CHARS:
        _in_processes(engine, spec, cache, todo, workers, total, progress)
        return
    done = 0
    for job in todo:
        _render_job(engine, spec.voice, cache, job)
        done += len(job.spoken)
        if progress:
            progress(done, total)


class _Shared:
    """Batches handed out one at a time to the pool's workers and to this process, and what
    came back: characters done, batches still out with the pool, the first error."""

    def __init__(self, batches: Sequence[Sequence[Job]]) -> None:
        self.lock = threading.Condition()
        self._batches = iter(batches)
        self.chars = 0
        self.pending = 0
        self.error: BaseException | None = None

    def take(self, *, for_pool: bool = False) -> Sequence[Job] | None:
        with self.lock:
            batch = None if self.error else next(self._batches, None)
            if for_pool and batch is not None:
                self.pending += 1
            return batch

    def finished(self, chars: int, *, from_pool: bool = False) -> None:
        with self.lock:
            self.chars += chars
            if from_pool:
                self.pending -= 1
            self.lock.notify_all()

    def failed(self, exc: BaseException) -> None:
        with self.lock:
            self.pending -= 1
            self.error = self.error or exc
            self.lock.notify_all()


def _in_processes(
    engine: Engine,
    spec: EngineSpec,
    cache: ClipCache,
    todo: Sequence[Job],
    workers: int,
    total: int,
    progress: Progress | None,
) -> None:
    """``workers`` synthesize at once: this process, with the engine it already has open, and
    ``workers - 1`` spawned ones, each taking the next batch when done (no worker waits for
    another's share, and one process start is saved)."""
    import multiprocessing

    shared = _Shared([todo[i : i + _BATCH] for i in range(0, len(todo), _BATCH)])
    # spawn: torch and eSpeak NG's global state must not be inherited through fork.
    context = multiprocessing.get_context("spawn")
    cores = os.cpu_count() or 1
    spec = dataclasses.replace(spec, threads=max(1, cores // workers))
    # Silero's memory has been reported to grow over many calls: recycle its workers.
    recycle = _SILERO_RECYCLE_BATCHES if spec.name == "silero" else None
    pool = context.Pool(workers - 1, _init_worker, (spec, cache.root), recycle)
    chars = {job.index: len(job.spoken) for job in todo}

    def submit() -> None:
        batch = shared.take(for_pool=True)
        if batch is not None:
            pool.apply_async(_run_batch, (batch,), callback=done, error_callback=shared.failed)

    def done(results: list[tuple[int, int]]) -> None:
        shared.finished(sum(chars[index] for index, _ in results), from_pool=True)
        submit()

    started = time.monotonic()
    # This process synthesizes too: with its engine's own thread count it would compete with
    # the workers for the same cores.
    engine.set_threads(spec.threads)
    try:
        for _ in range(2 * (workers - 1)):  # one queued behind each running batch
            submit()
        while (batch := shared.take()) is not None:
            for job in batch:
                _render_job(engine, spec.voice, cache, job)
            shared.finished(sum(len(job.spoken) for job in batch))
            if progress:
                progress(shared.chars, total)
        with shared.lock:
            while shared.pending and not shared.error:
                shared.lock.wait(0.5)
                if progress:
                    progress(shared.chars, total)
        if shared.error:
            raise shared.error
    except BaseException:
        # Ctrl-C or a failed sentence: stop now. Every clip already written stays cached.
        pool.terminate()
        pool.join()
        raise
    finally:
        engine.set_threads(None)
    pool.close()
    pool.join()
    log.debug("synthesized %d chars in %.1fs", total, time.monotonic() - started)


def require_clip(engine: Engine, voice: Voice, cache: ClipCache, job: Job) -> tuple[Clip, bool]:
    """The cached clip, and whether it had to be synthesized again (a damaged or lost entry,
    or one the cache could not hold)."""
    clip = cache.get(job.key)
    if clip is not None:
        return clip, False
    return _render_job(engine, voice, cache, job), True
