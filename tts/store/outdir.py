"""Publishing an episode folder atomically, under a lock, inside the output folder only."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tts.errors import ExportError, TTSError


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def episode_dir(outdir: Path, slug: str) -> Path:
    """The slug's folder, refusing anything that would land outside ``outdir``."""
    if not slug or slug.startswith(".") or "/" in slug or "\\" in slug:
        raise TTSError(f"unsafe episode name {slug!r}")
    target = (outdir / slug).resolve()
    if target.parent != outdir.resolve():
        raise TTSError(f"episode name {slug!r} leaves the output folder")
    return target


@contextlib.contextmanager
def staging(outdir: Path, slug: str) -> Iterator[Path]:
    """A hidden work folder beside the episode; removed on any failure.

    Called under the slug's lock, so any work folder of this slug already there was left by a
    killed build (kill -9 runs no cleanup) and holds a stale copy of the raw audio: removed.
    """
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        _remove_stale(outdir, slug)
        work = Path(tempfile.mkdtemp(prefix=f".tmp-{slug}-", dir=outdir))
        work.chmod(0o777 & ~_umask())  # mkdtemp's 0700 would hide the episode from a web server
    except OSError as exc:
        raise ExportError(f"cannot write to {outdir}: {exc.strerror or exc}") from exc
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _remove_stale(outdir: Path, slug: str) -> None:
    """Work and swap folders of exactly this slug (mkdtemp's suffix holds no '-')."""
    for prefix in (f".tmp-{slug}-", f".old-{slug}-"):
        for path in outdir.glob(glob.escape(prefix) + "*"):
            if "-" not in path.name[len(prefix) :] and path.is_dir():
                shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def locked(outdir: Path, slug: str, timeout: float = 600) -> Iterator[None]:
    """Two builds of one episode take turns instead of mixing their files."""
    from filelock import FileLock, Timeout

    outdir.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(str(outdir / f".{slug}.lock"), timeout=timeout):
            yield
    except Timeout as exc:
        raise ExportError(f"another build of {slug} has held its lock for {timeout:.0f} s") from exc


def publish(work: Path, target: Path) -> None:
    """Swap the finished folder into place: readers see the old episode or the new, never half."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".old-{target.name}-", dir=target.parent))
        os.replace(target, old / "episode")
    try:
        os.replace(work, target)
    except OSError:
        if old is not None:
            os.replace(old / "episode", target)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write beside ``path``, flush to disk, then rename over it: readers never see half a file.

    Cache entries pass ``durable=False``: they are checked when read, so skipping the flush
    to disk costs nothing but a re-computation after a crash."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; these files are meant to be served
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
