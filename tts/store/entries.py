"""Cache entries that prove their own integrity: the one format, reader and writer of every cache
but the models (those are pinned by their SHA-256 instead).

An entry is one file, ``<root>/<key[:2]>/<key><suffix>``: a header (the kind's magic, a 32-bit
number the kind may use, the payload's length and its SHA-256), then the payload. The checksum
is taken when the entry is written and checked whenever it is read, so whatever is not exactly
such a file is a miss: empty, truncated, garbage, a well-formed payload with other numbers in
it, a folder where the file should be, a file that cannot be read. A damaged entry is removed
with a one-line warning and the caller makes it again; it never stops a build.

Writing goes to a temporary name that is then renamed, so a killed process never leaves half
an entry. A cache that cannot be written (a full disk, a read-only folder) costs only its
caching: ``put`` says so with False, the caller goes on with what it computed, and the first
such failure is reported once.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from tts.store.outdir import write_atomic
from tts.store.paths import cache_root

log = logging.getLogger(__name__)

T = TypeVar("T")

# magic, a number for the kind's use, payload bytes, SHA-256 of the payload. The clip cache's
# original layout, so clips cached before every cache used it are still read.
HEADER = struct.Struct("<8sIQ32s")


@dataclass(frozen=True)
class Kind:
    magic: bytes  # 8 bytes, naming the kind and its payload's format
    suffix: str
    redo: str  # what a miss costs, for the warning: "synthesizing again"


CLIP = Kind(b"TTSCLIP1", ".clip", "synthesizing again")
SPOKEN = Kind(b"TTSSPOK1", ".spoken", "normalizing again")
LEVELS = Kind(b"TTSLEVL1", ".levels", "measuring again")
FRAMES = Kind(b"TTSMP3F1", ".frames", "encoding again")
KINDS = {kind.suffix: kind for kind in (CLIP, SPOKEN, LEVELS, FRAMES)}


@dataclass(frozen=True)
class Sealed:
    meta: int
    payload: bytes


class Damaged(ValueError):
    """A payload that passed its checksum but is not what its kind holds (a decoder's verdict)."""


def seal(kind: Kind, payload: bytes, meta: int = 0) -> bytes:
    return HEADER.pack(kind.magic, meta, len(payload), hashlib.sha256(payload).digest()) + payload


def unseal(kind: Kind, data: bytes) -> Sealed | str:
    """The entry's contents, or why ``data`` is not an intact entry of ``kind``."""
    if len(data) < HEADER.size:
        return "empty" if not data else "shorter than its header"
    magic, meta, size, digest = HEADER.unpack_from(data)
    if magic != kind.magic:
        return "not an entry of this kind"
    if size != len(data) - HEADER.size:
        return f"{len(data) - HEADER.size} bytes where its header says {size}"
    payload = data[HEADER.size :]
    if hashlib.sha256(payload).digest() != digest:
        return "its checksum does not match"
    return Sealed(meta, payload)


def check(path: Path) -> str | None:
    """Why the file at ``path`` is not an intact cache entry (None when it is one)."""
    kind = KINDS.get(path.suffix)
    if kind is None:
        return "not a cache entry"
    try:
        data = _read_unused(path)
    except IsADirectoryError:
        return "a folder where an entry should be"
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
    found = unseal(kind, data)
    return found if isinstance(found, str) else None


def _read_unused(path: Path) -> bytes:
    """The file's bytes, read without counting as a use: `tts cache prune` checks every entry
    and must not make them all look used (last use is the access time, see prune.py)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOATIME", 0))
    except PermissionError:  # O_NOATIME is for the file's owner only: put the time back
        info = path.stat()
        data = path.read_bytes()
        with contextlib.suppress(OSError):
            os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
        return data
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


class Entries:
    """The entries of one kind under ``root``, by key (a hex digest)."""

    def __init__(self, root: Path, kind: Kind) -> None:
        self.root = root
        self.kind = kind

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}{self.kind.suffix}"

    def has(self, key: str) -> bool:
        """Whether the entry seems present (checked only when read)."""
        return self.path(key).is_file()

    def get(self, key: str, decode: Callable[[Sealed], T]) -> T | None:
        """The decoded entry, or None when absent or damaged (a damaged one is removed).

        ``decode`` turns the checked contents into the value and raises ValueError when they
        are not what this kind holds."""
        path = self.path(key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            self._discard(path, "a folder where an entry should be")
            return None
        except NotADirectoryError:  # a file where the <key[:2]> folder should be
            self._discard(path.parent, "a file where a folder should be")
            return None
        except OSError as exc:
            log.warning("cache entry %s is unreadable (%s); %s", path, exc.strerror, self.kind.redo)
            return None
        found = unseal(self.kind, data)
        if isinstance(found, str):
            self._discard(path, found)
            return None
        try:
            return decode(found)
        except ValueError as exc:  # Damaged, or a decoder's own complaint
            self._discard(path, f"unexpected contents: {exc}")
            return None

    def put(self, key: str, payload: bytes, meta: int = 0) -> bool:
        """Store the entry; False when the cache cannot be written (reported once)."""
        path = self.path(key)
        data = seal(self.kind, payload, meta)
        try:
            try:
                write_atomic(path, data, durable=False)  # checked when read: no flush needed
            except (IsADirectoryError, NotADirectoryError, FileExistsError):
                self._clear_way(path)
                write_atomic(path, data, durable=False)
        except OSError as exc:
            _cannot_write(path, exc)
            return False
        return True

    def _discard(self, path: Path, why: str) -> None:
        log.warning("cache entry %s is damaged (%s); %s", path, why, self.kind.redo)
        with contextlib.suppress(OSError):  # then writing it again says what is wrong
            remove(path)

    def _clear_way(self, path: Path) -> None:
        """A folder where the entry goes, or a file where its folder goes: removed."""
        if path.parent.exists() and not path.parent.is_dir():
            self._discard(path.parent, "a file where a folder should be")
        elif path.is_dir() and not path.is_symlink():
            self._discard(path, "a folder where an entry should be")


def remove(path: Path) -> None:
    """Remove whatever is at ``path``: a file, a link, a folder and everything in it."""
    with contextlib.suppress(FileNotFoundError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


# Write failures already reported: (errno, cache folder). Once per cache and cause in a
# process, so a full disk is one warning, not one per sentence.
_reported: set[tuple[int, Path]] = set()


def _cannot_write(path: Path, exc: OSError) -> None:
    root = cache_root()
    cache = root if path.is_relative_to(root) else path.parent.parent
    cause = (exc.errno or 0, cache)
    if cause in _reported:
        log.debug("not cached: %s (%s)", path, exc.strerror or exc)
        return
    _reported.add(cause)
    log.warning(
        "cannot write to the cache (%s: %s); going on without caching",
        path,
        exc.strerror or exc,
    )
