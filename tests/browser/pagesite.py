"""Builds a small output folder for the browser tests and the screenshot script.

The pages come from the fixture episode.json files rendered by tts.outputs.page and
tts.outputs.library; the audio is a real MP3 (a quiet sine) encoded by the imageio-ffmpeg
binary, as long as the fixture's timeline.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tts.episode import Episode
from tts.outputs.library import render_library
from tts.outputs.page import render_episode_page

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data" / "player"
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
FIXTURES = ("episode.json", "hostile.json")


def load(name: str) -> Episode:
    return Episode.load(DATA / name)


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_scan(page: Any) -> dict[str, Any]:
    """axe-core's result for the page as it is now (WCAG 2.2 A and AA rules)."""
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return result


def require(condition: bool, reason: str) -> None:
    """Skip with a reason on a developer machine; in CI (CI=true) a missing tool fails."""
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run)")
    pytest.skip(reason)


def encode_sine(dest: Path, seconds: float) -> None:
    import imageio_ffmpeg

    command = [
        imageio_ffmpeg.get_ffmpeg_exe(),
        *("-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi"),
        *("-i", f"sine=frequency=330:sample_rate=22050:duration={seconds}"),
        *("-af", "volume=0.05", "-ac", "1", "-c:a", "libmp3lame", "-b:a", "48k", str(dest)),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=60)


def build_site(root: Path) -> Path:
    """OUTDIR with one folder per fixture episode and the library page; returns root."""
    root.mkdir(parents=True, exist_ok=True)
    episodes = [load(name) for name in FIXTURES]
    for episode in episodes:
        folder = root / episode.slug
        folder.mkdir(exist_ok=True)
        encode_sine(folder / episode.files.mp3, episode.duration)
        page = render_episode_page(episode, feed_url="../feed.xml")
        (folder / "index.html").write_text(page, encoding="utf-8")
    library = render_library(episodes, feed="feed.xml")
    (root / "index.html").write_text(library, encoding="utf-8")
    return root


def fresh(root: Path) -> Path:
    if root.exists():
        shutil.rmtree(root)
    return build_site(root)
