"""Shared fixtures. Tests never touch the user's cache: TTS_CACHE_DIR points into tmp."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
IN_CI = os.environ.get("CI") == "true"


def require_tool(name: str) -> str:
    """A test-only system tool (ffprobe, chromium): skipped locally when absent, fatal in CI."""
    path = shutil.which(name)
    if path is None:
        if IN_CI:
            pytest.fail(f"{name} is required in CI (.ci/run installs it)")
        pytest.skip(f"{name} not installed (apt-get install it to run this test)")
    return path


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
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
