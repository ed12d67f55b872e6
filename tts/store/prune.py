"""What `tts cache prune` removes: damaged entries (each is checked as a build would check it),
entries unused for a number of days, then, over a size limit, the least recently used. Every
entry can be computed again (clips, spoken forms, encoded chunks); downloaded models are never
pruned.

Last use is a file's access time or, when later, its modification time: Linux's default
``relatime`` refreshes the access time at most once a day, which is enough to count days, and
reading it costs the build nothing. On a ``noatime`` mount, last use falls back to when the
entry was written, so a pruned entry that was still in use is simply made again.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from tts.store.entries import KINDS, check
from tts.store.paths import chunks_dir, clips_dir, spoken_dir

DAY = 86_400.0
# An entry used this recently may belong to a build running now: never removed.
RECENT = 600.0


@dataclass(frozen=True)
class Entry:
    path: Path
    size: int
    used: float  # last use, seconds since the epoch
    damage: str | None = None  # why it is no intact entry (when checked: see inspect)


@dataclass(frozen=True)
class Usage:
    files: int
    size: int


@dataclass(frozen=True)
class Removed:
    usage: Usage
    failed: list[tuple[Path, str]]  # what could not be removed, and why


def kinds() -> dict[str, Path]:
    """The prunable parts of the cache, by the name `tts cache` shows."""
    return {"clips": clips_dir(), "spoken forms": spoken_dir(), "MP3 chunks": chunks_dir()}


def scan(folder: Path) -> list[Entry]:
    """Every file under ``folder`` (none if it does not exist), and every folder standing where
    an entry should be (a folder named like an entry: damaged, counted as one)."""
    entries = []
    for parent, folders, names in os.walk(folder):
        for name in [f for f in folders if Path(f).suffix in KINDS]:
            folders.remove(name)
            path = Path(parent, name)
            size = sum(e.size for e in scan(path))
            with contextlib.suppress(OSError):
                entries.append(Entry(path, size, path.stat().st_mtime, _FOLDER))
        for name in names:
            path = Path(parent, name)
            try:
                info = path.stat()
            except OSError:
                continue  # removed meanwhile
            entries.append(Entry(path, info.st_size, max(info.st_atime, info.st_mtime)))
    return entries


_FOLDER = "a folder where an entry should be"


def inspect(entries: Iterable[Entry], *, now: float) -> list[Entry]:
    """The entries with their damage found: each is read and checked in full (entries.py). A
    temporary file is a write in progress until ``RECENT`` has passed, then a dead one."""
    found = []
    for entry in entries:
        damage = entry.damage
        if damage is None and _temporary(entry.path):
            damage = "an unfinished write" if entry.used < now - RECENT else None
        elif damage is None:
            damage = check(entry.path)
        found.append(replace(entry, damage=damage))
    return found


def _temporary(path: Path) -> bool:
    """A name write_atomic writes to before its rename: .<name>.<random>.tmp"""
    return path.name.startswith(".") and path.name.endswith(".tmp")


def usage(entries: Iterable[Entry]) -> Usage:
    found = list(entries)
    return Usage(len(found), sum(e.size for e in found))


def choose(
    entries: Sequence[Entry],
    *,
    now: float,
    older_than: float | None = None,
    max_size: int | None = None,
) -> list[Entry]:
    """The entries to remove: every damaged one, those unused for more than ``older_than``
    seconds, then the least recently used while the rest is larger than ``max_size`` bytes;
    never an intact one used within ``RECENT`` seconds."""
    oldest = now - max(RECENT, older_than if older_than is not None else float("inf"))
    chosen = [e for e in entries if e.damage is not None or e.used < oldest]
    if max_size is None:
        return chosen
    gone = {e.path for e in chosen}
    rest = sorted((e for e in entries if e.path not in gone), key=lambda e: e.used)
    total = sum(e.size for e in rest)
    for entry in rest:
        if total <= max_size or entry.used >= now - RECENT:
            break
        chosen.append(entry)
        total -= entry.size
    return chosen


def remove(entries: Iterable[Entry]) -> Removed:
    """Delete the entries, then the folders they leave empty. An entry that cannot be deleted
    (a read-only folder) is reported and the rest still go."""
    files = size = 0
    parents = set()
    failed = []
    for entry in entries:
        try:
            if entry.damage == _FOLDER:
                shutil.rmtree(entry.path)
            else:
                entry.path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            failed.append((entry.path, exc.strerror or str(exc)))
            continue
        files, size = files + 1, size + entry.size
        parents.add(entry.path.parent)
    for parent in parents:
        with contextlib.suppress(OSError):
            parent.rmdir()  # only succeeds when empty
    return Removed(Usage(files, size), failed)


_SIZE = re.compile(r"(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>[KMG]?)B?", re.IGNORECASE)
_UNITS = {"": 1, "K": 10**3, "M": 10**6, "G": 10**9}


def parse_size(text: str) -> int:
    """«500M» -> 500,000,000 bytes; «2G», «1.5GB», «800k», «1000000» (decimal units)."""
    match = _SIZE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a size: {text!r} (examples: 500M, 2G)")
    return int(float(match["number"]) * _UNITS[match["unit"].upper()])


def human_size(size: int) -> str:
    """Decimal units, like --max-size: «1.5 MB»."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= scale:
            return f"{size / scale:,.1f} {unit}"
    return f"{size} B"
