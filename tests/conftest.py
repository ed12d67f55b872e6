"""Shared fixtures. Tests never touch the user's cache: TTS_CACHE_DIR points into tmp."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # Session scope: module-scoped fixtures (whole builds) run before any function-scoped one
    # and must not fill the user's real cache either.
    old = os.environ.get("TTS_CACHE_DIR")
    os.environ["TTS_CACHE_DIR"] = str(tmp_path_factory.getbasetemp() / "cache")
    yield
    if old is None:
        os.environ.pop("TTS_CACHE_DIR", None)
    else:
        os.environ["TTS_CACHE_DIR"] = old


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of this test's own, for tests that count cache hits."""
    root = tmp_path / "cache"
    monkeypatch.setenv("TTS_CACHE_DIR", str(root))
    return root


@pytest.fixture
def immutable() -> Iterator[Callable[[Path], None]]:
    """chattr +i, undone afterwards; skipped where that is not possible (it needs root or
    CAP_LINUX_IMMUTABLE, and a file system with the flag: ext4 has it, tmpfs not)."""
    done: list[Path] = []
    chattr = shutil.which("chattr")

    def make(path: Path) -> None:
        if chattr is None:
            pytest.skip("chattr is not installed: cannot make a file immutable")
        result = subprocess.run([chattr, "+i", str(path)], capture_output=True, check=False)
        if result.returncode != 0:
            pytest.skip(f"chattr +i is not possible here: {result.stderr.decode().strip()}")
        done.append(path)

    yield make
    for path in done:
        subprocess.run([str(chattr), "-i", str(path)], check=False)
