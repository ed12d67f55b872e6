"""Many articles, one episode each: unchanged ones skipped, failures reported, the feed once.

With several workers and several articles, whole articles build side by side in worker
processes (each synthesizes serially): short articles never reach the size at which one build
parallelizes its own synthesis, and encoding is single-threaded, so this keeps every core busy.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from tts.build import BuildOptions, build_episode
from tts.errors import Interrupted, TTSError
from tts.store.outdir import check_outdir, recover_all
from tts.voice.engines.registry import KeptEngines

log = logging.getLogger(__name__)

Status = Literal["built", "unchanged", "failed", "duplicate"]
# This process's open engines, kept from one article to the next (workers included).
_ENGINES = KeptEngines()
OnItem = Callable[["BatchItem"], None]


@dataclass(frozen=True)
class BatchItem:
    source: str  # the input as given
    status: Status
    seconds: float  # wall time of this article's build
    folder: Path | None = None
    duration: float | None = None  # seconds of audio
    cached: int = 0  # sentences whose clip was already in the cache
    error: str | None = None  # the one-line reason when failed
    same_as: str | None = None  # a duplicate: the input naming the same source, built once


def build_one(opts: BuildOptions) -> BatchItem:
    """One article; a user-facing failure becomes a failed item instead of stopping the batch."""
    source = opts.inputs[0]
    started = time.perf_counter()
    try:
        result = build_episode(opts, engines=_ENGINES)
    except TTSError as exc:
        log.debug("%s failed", source, exc_info=True)
        return BatchItem(source, "failed", time.perf_counter() - started, error=str(exc))
    return BatchItem(
        source=source,
        status="unchanged" if result.unchanged else "built",
        seconds=time.perf_counter() - started,
        folder=result.folder,
        duration=result.episode.duration,
        cached=result.from_cache,
    )


def _init_worker(level: int) -> None:
    from tts.cli import signals
    from tts.voice.synth import follow_parent

    # spawn starts with logging unconfigured; keep the parent's level so warnings still show.
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s")
    # Ctrl-C reaches the whole process group: the parent handles it and stops us with SIGTERM,
    # which, like SIGHUP, cleans up as in any build; so does the parent's death (kill -9).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signals.install(s for s in signals.STOPS if s != signal.SIGINT)
    follow_parent(signal.SIGTERM)


def _build_in_worker(opts: BuildOptions) -> BatchItem:
    try:
        return build_one(opts)
    except Interrupted as exc:
        # Cleaned up already (work folder, locks). The parent is stopping or gone: a result
        # sent into its closed pipe would end in a BrokenPipeError traceback. Leave quietly.
        logging.shutdown()
        os._exit(128 + exc.signum)


def _in_processes(options: Sequence[BuildOptions], workers: int, on_item: OnItem) -> None:
    # spawn: eSpeak NG and torch keep global state that must not be inherited through fork.
    context = multiprocessing.get_context("spawn")
    level = logging.getLogger().getEffectiveLevel()
    pool = ProcessPoolExecutor(min(workers, len(options)), context, _init_worker, (level,))
    try:
        pending: set[Future[BatchItem]] = {pool.submit(_build_in_worker, o) for o in options}
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                on_item(future.result())
    except BrokenProcessPool as exc:
        _stop_workers(pool)
        pool.shutdown(wait=False, cancel_futures=True)
        raise TTSError("a batch worker was killed; run the same command to continue") from exc
    except BaseException:
        # Builds under way stop and clean up now (SIGTERM), rather than run to the end while
        # this process waits for them on its way out.
        _stop_workers(pool)
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    # ProcessPoolExecutor gains terminate_workers() only in Python 3.14.
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        if process.is_alive():
            process.terminate()


def first_names(inputs: Sequence[str]) -> dict[str, str]:
    """Each input → the first input naming the same source: a file by its real path
    (``in/a.txt``, ``./in/a.txt`` and its absolute path are one file), a URL as it is."""
    first: dict[str, str] = {}
    named: dict[str, str] = {}
    for arg in inputs:
        source = arg if arg == "-" or "://" in arg else os.path.realpath(arg)
        first[arg] = named.setdefault(source, arg)
    return first


def plan_options(inputs: Sequence[str], base: BuildOptions) -> list[BuildOptions]:
    """One BuildOptions per distinct source: one named twice, however spelled, would only race
    with itself (and be counted twice in the summary); only the one for ``-`` carries the
    standard input read for it."""
    return [
        replace(base, inputs=(arg,), stdin=base.stdin if arg == "-" else None)
        for arg in dict.fromkeys(first_names(inputs).values())
    ]


def _pin_engine(base: BuildOptions) -> BuildOptions:
    """Decide ``auto`` once, so the fallback warning appears once and every episode agrees."""
    from tts.build import engine_spec

    spec, warning = engine_spec(base)
    if warning:
        log.warning(warning)
    return replace(base, engine=spec.name, voice=spec.voice.name)


def check_feed(outdir: Path, who: str = "--feed") -> None:
    """--feed and tts follow need podcast.toml: said before any build."""
    from tts.podcast.config import config_path

    if not config_path(outdir).is_file():
        raise TTSError(f"{who} needs {config_path(outdir)}: run `tts feed init {outdir}` first")


def run_batch(
    inputs: Sequence[str],
    outdir: Path,
    *,
    workers: int = 1,
    feed: bool = False,
    engine: str = "auto",
    voice: str | None = None,
    speaker: str | None = None,
    rate: float | None = None,
    model_path: Path | None = None,
    trust_model: bool = False,
    bitrate: str = "64k",
    cluster: str | None = None,
    on_item: OnItem | None = None,
) -> list[BatchItem]:
    """Build each input as its own episode in ``outdir``; items come back in input order.

    ``on_item`` hears about each article as it finishes (in completion order). With ``feed``,
    OUTDIR/feed.xml is rebuilt once at the end; it needs OUTDIR/podcast.toml, checked first.
    ``cluster`` (a Ray address, or "local") synthesizes every missing clip there first.
    """
    if feed:
        check_feed(outdir)
    check_outdir(outdir)
    recover_all(outdir)
    base = pinned_options(
        outdir,
        engine=engine,
        voice=voice,
        speaker=speaker,
        rate=rate,
        model_path=model_path,
        trust_model=trust_model,
        bitrate=bitrate,
        workers=workers,
    )
    if "-" in inputs:  # worker processes get no standard input: read it here, once
        from tts.text.inputs import read_input

        base = replace(base, stdin=read_input("-")[0])
    done = build_options(
        plan_options(inputs, base), outdir, workers, feed=feed, cluster=cluster, on_item=on_item
    )
    return _in_input_order(inputs, done, on_item)


def pinned_options(outdir: Path, **settings: Any) -> BuildOptions:
    """The options every article of a batch shares, ``auto`` decided once."""
    return _pin_engine(BuildOptions(inputs=(), outdir=outdir, **settings))


def build_options(
    options: Sequence[BuildOptions],
    outdir: Path,
    workers: int,
    *,
    feed: bool = False,
    cluster: str | None = None,
    on_item: OnItem | None = None,
) -> dict[str, BatchItem]:
    """Build each of ``options`` (one article each) into ``outdir``; its item by input. The
    cluster synthesizes first; the feed and the library page are rebuilt once at the end."""
    if cluster is not None:
        from tts.cluster import prefill_clips

        prefill_clips(options, address=cluster, workers=workers)
    done = _build_all(options, workers, on_item)
    _finish(outdir, feed)
    return done


def _in_input_order(
    inputs: Sequence[str], done: dict[str, BatchItem], on_item: OnItem | None
) -> list[BatchItem]:
    """One item per input: another name of a source already listed (even the same name given
    twice) is reported as a duplicate of it, so the counts match the folders."""
    first = first_names(inputs)
    items = []
    listed = set()
    for arg in inputs:
        if first[arg] not in listed:
            listed.add(first[arg])
            items.append(done[first[arg]])
            continue
        built = done[first[arg]]
        item = BatchItem(arg, "duplicate", 0.0, folder=built.folder, same_as=first[arg])
        if on_item:
            on_item(item)
        items.append(item)
    return items


def _build_all(
    options: Sequence[BuildOptions], workers: int, on_item: OnItem | None
) -> dict[str, BatchItem]:
    done: dict[str, BatchItem] = {}

    def record(item: BatchItem) -> None:
        done[item.source] = item
        if on_item:
            on_item(item)

    if workers > 1 and len(options) > 1:
        _in_processes([replace(o, workers=1) for o in options], workers, record)
    else:
        try:
            for opts in options:
                record(build_one(opts))
        finally:
            _ENGINES.close()
    return done


def _finish(outdir: Path, feed: bool) -> None:
    from tts.outputs.library import refresh_library

    if feed:
        from tts.podcast.publish import build_feed

        build_feed(outdir)
    # Parallel builds each refresh the library page; one last refresh sees every episode.
    if outdir.is_dir():
        refresh_library(outdir)
