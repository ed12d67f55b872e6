"""Shared fixtures. Tests never touch the user's cache: TTS_CACHE_DIR points into tmp."""

from __future__ import annotations

import os
from collections.abc import Iterator
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
