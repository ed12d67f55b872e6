"""Paths and tool checks shared by the tests (a plain module: `conftest` names collide)."""

from __future__ import annotations

import os
import shutil
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
