"""Publishing an episode folder atomically, under a lock, inside the output folder only.

The output folder holds what is published (episodes, the library page, the feed, its cover)
and, in one hidden folder ``.tts/``, the tool's own state: locks, the feed's state and
backups, and builds' work and swap folders. Uploading the folder without ``.tts/`` (and
podcast.toml, the settings) publishes everything and nothing else; `tts serve` serves neither.
Folders an older tts filled with those files at the top are tidied on the next start
(migrate_state).

A build works in ``.tts/tmp-<slug>-*`` and swaps it into place through ``.tts/old-<slug>-*``
(publish). A build killed at any instruction (kill -9 runs no clean-up) leaves at worst both
of them and no ``<slug>``: the next start puts the previous episode back from the swap folder
(recover), so the folder always holds the previous episode or the new one, never neither.
"""

from __future__ import annotations

import contextlib
import glob
import logging
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tts.errors import ExportError, TTSError

log = logging.getLogger(__name__)

STATE_DIR = ".tts"  # the tool's own state in an output folder: never published
WORK_PREFIX = "tmp-"
SWAP_PREFIX = "old-"
FOLDER_LOCK = "library.lock"  # beside locks/, which holds one lock per slug
# What a tts before the state folder left at the top of an output folder (migrate_state).
_OLD_PREFIXES = {".tmp-": WORK_PREFIX, ".old-": SWAP_PREFIX}
_OLD_STATE = {".feed-state.json": "feed-state.json"}
_OLD_LOCK = re.compile(r"\.(?:[a-z0-9-]+|feed|index\.html)\.lock")
_OLD_BACKUP = re.compile(r"feed\.xml\.bak-[0-9TZ-]+")


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


def state_dir(outdir: Path) -> Path:
    """OUTDIR/.tts, made when first needed. A symbolic link in its place was not made by us:
    everything written there (locks, the feed's state) would go wherever it points."""
    path = outdir / STATE_DIR
    if path.is_symlink():
        raise ExportError(f"{path} is a symbolic link; remove it")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ExportError(f"{path} is not a folder; move it away") from None
    except OSError as exc:
        raise ExportError(f"cannot write to {outdir}: {exc.strerror or exc}") from exc
    return path


def slug_lock(outdir: Path, slug: str) -> Path:
    """The lock a build of ``slug`` holds. Locks sit apart from the work folders' names, so no
    slug's lock is ever another slug's folder or the feed's lock."""
    locks = state_dir(outdir) / "locks"
    try:
        locks.mkdir(exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot write to {locks}: {exc.strerror or exc}") from exc
    return locks / f"{slug}.lock"


def migrate_state(outdir: Path) -> list[str]:
    """Move what an older tts left at the top of ``outdir`` into .tts/, where a plain upload
    of the folder no longer carries it: the feed's state and backups, builds' work and swap
    folders (recovered from there as usual). Its lock files, empty, are removed. Quiet: a
    folder in use by two versions at once is no case to plan for. Returns what moved."""
    try:
        names = sorted(p.name for p in outdir.iterdir()) if outdir.is_dir() else []
    except OSError:
        return []
    moves = {}
    for name in names:
        old = next((p for p in _OLD_PREFIXES if name.startswith(p)), None)
        if old is not None and _slug_of(name[1:]) is not None and _real_dir(outdir / name):
            moves[name] = _OLD_PREFIXES[old] + name[len(old) :]
        elif name in _OLD_STATE or _OLD_BACKUP.fullmatch(name):
            moves[name] = _OLD_STATE.get(name, name)
        elif _OLD_LOCK.fullmatch(name) and _empty_file(outdir / name):
            with contextlib.suppress(OSError):
                (outdir / name).unlink()
    if not moves:
        return []
    state = state_dir(outdir)
    moved = []
    for name, new in moves.items():
        try:
            if not os.path.lexists(state / new):
                os.replace(outdir / name, state / new)
                moved.append(name)
            elif (outdir / name).is_file() and not (outdir / name).is_symlink():
                (outdir / name).unlink()  # the state folder's copy is the newer one
        except OSError as exc:
            log.debug("left %s where it was: %s", outdir / name, exc)
    if moved:
        log.info("moved %s into %s", ", ".join(moved), state)
    return moved


def _real_dir(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def _empty_file(path: Path) -> bool:
    try:
        info = path.lstat()
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size == 0


def published_manifests(outdir: Path) -> list[Path]:
    """The episode.json of every published episode. Hidden folders are never episodes (.tts/,
    or an older version's work and swap folders, which pathlib's glob matches): a page or feed
    listing one would point at a folder that is about to go."""
    return sorted(p for p in outdir.glob("*/episode.json") if not p.parent.name.startswith("."))


def check_outdir(outdir: Path) -> None:
    """Before any work: ``outdir`` is a folder this process can write in, or can be created.

    Found after synthesis, a file named like the folder or a read-only folder cost the whole
    build. A real write (a nameless temporary file) also tells an immutable folder or a file
    system out of inodes from a writable one, which permission bits alone cannot."""
    existing = outdir
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    if not existing.is_dir():
        if existing == outdir:
            raise ExportError(f"output folder {outdir} is a file, not a folder")
        raise ExportError(f"cannot create the output folder {outdir}: {existing} is a file")
    try:
        with tempfile.TemporaryFile(dir=existing):
            pass
    except OSError as exc:
        raise ExportError(f"cannot write to {existing}: {exc.strerror or exc}") from exc


@contextlib.contextmanager
def file_lock(path: Path, timeout: float, holder: str) -> Iterator[None]:
    """Hold the lock file ``path``; ``holder`` names who holds it, for the timeout message.

    A lock file that is a symbolic link was not made by us: opening it would follow the link
    (older filelock versions truncate its target) or loop, so it is refused in one line."""
    from filelock import FileLock, Timeout

    if path.is_symlink():
        raise ExportError(f"lock file {path} is a symbolic link; remove it")
    lock = FileLock(str(path), timeout=timeout)
    try:
        lock.acquire()
    except Timeout as exc:
        raise ExportError(f"{holder} has held {path} for over {timeout:.0f} s") from exc
    except OSError as exc:
        raise ExportError(f"cannot lock {path}: {exc.strerror or exc}") from exc
    try:
        yield
    finally:
        lock.release()


@contextlib.contextmanager
def locked(outdir: Path, slug: str, timeout: float = 600) -> Iterator[None]:
    """Two builds of one episode take turns instead of mixing their files."""
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot write to {outdir}: {exc.strerror or exc}") from exc
    with file_lock(slug_lock(outdir, slug), timeout, f"another build of {slug}"):
        yield


@contextlib.contextmanager
def folder_locked(outdir: Path, timeout: float = 120) -> Iterator[None]:
    """What reads every episode of the folder and writes one file from them (the library
    page) runs one at a time: a refresh that read before another build published, then wrote
    after it, would drop that episode from the page."""
    with file_lock(state_dir(outdir) / FOLDER_LOCK, timeout, "another build's library refresh"):
        yield


@contextlib.contextmanager
def staging(outdir: Path, slug: str) -> Iterator[Path]:
    """A work folder in .tts/, on the episode's file system; removed on any failure.

    Called under the slug's lock, so any work or swap folder of this slug already there was
    left by a killed build: recovered first (the previous episode put back, the rest removed).
    """
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        recover(outdir, slug)
        work = Path(tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{slug}-", dir=state_dir(outdir)))
        work.chmod(0o777 & ~_umask())  # mkdtemp's 0700 would hide the episode from a web server
    except OSError as exc:
        raise ExportError(f"cannot write to {outdir}: {exc.strerror or exc}") from exc
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def publish(work: Path, target: Path) -> None:
    """Swap the finished folder into place: readers see the old episode or the new, never half.

    Two renames through ``.tts/old-<slug>-*``. Whatever stops this in between (an error, Ctrl-C,
    SIGTERM) puts the old episode back; kill -9 cannot be caught, and leaves it in the swap
    folder for recover() at the next start. The old copy is deleted only once the new one is
    in place."""
    swap = state_dir(target.parent)
    old = Path(tempfile.mkdtemp(prefix=f"{SWAP_PREFIX}{target.name}-", dir=swap))
    try:
        if os.path.lexists(target):
            os.replace(target, old / "episode")
        os.replace(work, target)
    except BaseException as exc:
        _put_back(old / "episode", target)
        if os.path.lexists(target):  # the old episode back in place, or the new one published
            shutil.rmtree(old, ignore_errors=True)
        if isinstance(exc, OSError):
            raise ExportError(f"cannot publish {target}: {exc.strerror or exc}") from exc
        raise
    shutil.rmtree(old, ignore_errors=True)


def _put_back(saved: Path, target: Path) -> bool:
    """The previous episode back in place, when the swap took it away and left nothing."""
    if os.path.lexists(target) or not saved.is_dir():
        return False
    os.replace(saved, target)
    return True


def _leftovers(outdir: Path, prefix: str, slug: str) -> list[Path]:
    """Work or swap folders of exactly this slug (mkdtemp's suffix holds no '-')."""
    start = f"{prefix}{slug}-"
    state = outdir / STATE_DIR
    if not _real_dir(state):
        return []
    return [
        path
        for path in state.glob(glob.escape(start) + "*")
        if "-" not in path.name[len(start) :] and path.is_dir() and not path.is_symlink()
    ]


def recover(outdir: Path, slug: str) -> bool:
    """Under the slug's lock: undo what a killed build of ``slug`` left. A missing episode
    comes back from its swap folder (the newest, should there be several); then every work
    and swap folder of the slug goes. Returns whether an episode was put back."""
    target = outdir / slug
    swaps = _leftovers(outdir, SWAP_PREFIX, slug)
    saved = [p / "episode" for p in swaps if (p / "episode").is_dir()]
    restored = False
    if saved:
        newest = max(saved, key=lambda p: p.parent.stat().st_mtime_ns)
        restored = _put_back(newest, target)
        if restored:
            log.warning("put back the episode %s, which an interrupted build had moved aside", slug)
    for path in (*swaps, *_leftovers(outdir, WORK_PREFIX, slug)):
        shutil.rmtree(path, ignore_errors=True)
    return restored


def _slug_of(name: str) -> str | None:
    for prefix in (WORK_PREFIX, SWAP_PREFIX):
        if name.startswith(prefix):
            slug = name[len(prefix) :].rpartition("-")[0]
            return slug if slug and not slug.startswith(".") and "/" not in slug else None
    return None


def recover_all(outdir: Path) -> list[str]:
    """At the start of a command that builds into or reads ``outdir``: what an older tts left
    at the top moved into .tts/ (migrate_state), then recover() every slug a killed build left
    work or swap folders of. A slug whose lock is held is skipped: its build is running and
    recovers it itself. Returns the slugs whose episode was put back."""
    migrate_state(outdir)
    state = outdir / STATE_DIR
    try:
        names = [p.name for p in state.iterdir()] if _real_dir(state) else []
    except OSError:
        return []
    slugs = sorted({s for s in map(_slug_of, names) if s is not None})
    restored = []
    for slug in slugs:
        try:
            with file_lock(slug_lock(outdir, slug), 0, f"a build of {slug}"):
                if recover(outdir, slug):
                    restored.append(slug)
        except (ExportError, OSError) as exc:
            log.debug("left %s to its running build: %s", slug, exc)
    return restored


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
