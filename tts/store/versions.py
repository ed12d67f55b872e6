"""Versions of installed packages and of our own code, cheaply: cache keys need them on every
build."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path


@cache
def dist_version(module: str, dist: str) -> str | None:
    """The version of the wheel that installed ``module`` (None when it is not installed),
    read from its ``<name>-<version>.dist-info`` folder name, fixed by the wheel format:
    importlib.metadata alone takes ~10 ms to import, paid by every build, even one that
    finds nothing to redo."""
    import importlib.util

    found = importlib.util.find_spec(module)
    if found is None or found.origin is None:
        return None
    prefix = dist.replace("-", "_")
    infos = list(Path(found.origin).parent.parent.glob(f"{prefix}-*.dist-info"))
    if len(infos) == 1:  # none, or a stale one left beside it: ask the slow, sure way
        return infos[0].name.removesuffix(".dist-info").split("-", 1)[1]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return None


def code_digest(paths: Iterable[Path]) -> str:
    """SHA-256 of source files' names and contents (missing ones skipped): a cache key part
    that changes whenever the code that produced an entry does."""
    digest = hashlib.sha256()
    for path in paths:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
