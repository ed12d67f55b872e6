"""Helpers shared by the feed tests: fixture episode folders and a podcast config (no tests)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from PIL import Image

from tts.podcast.config import PodcastConfig, save_config, validate_config

DATA = Path(__file__).resolve().parent / "data" / "feed"
SHARED_SCHEMA = Path(__file__).resolve().parents[1].parent / "shared" / "feed_schema"
BASE_URL = "https://example.org/podcast/"
FIRST_TWO = ("stepnaya-observatoriya", "kavychki-i-skobki")


def manifests() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads((DATA / "episodes.json").read_text("utf-8"))
    return data


def make_config(**changes: Any) -> PodcastConfig:
    values: dict[str, Any] = {
        "title": "Новости вслух",
        "author": "Редакция «Степи»",
        "email": "podcast@example.org",
        "base_url": BASE_URL,
        "description": "Статьи «Степи» в аудиоверсии: главы и расшифровки.",
        "copyright": "© 2026 Редакция «Степи»",
        "category": "News",
        "subcategory": "Daily News",
        "image": "cover.png",
    }
    return validate_config(PodcastConfig(**(values | changes)))


def write_episode(folder: Path, slug: str, manifest: dict[str, Any] | None = None) -> Path:
    """An episode folder: episode.json and small stand-in files of distinct, known sizes."""
    manifest = manifest if manifest is not None else manifests()[slug]
    episode_dir = folder / slug
    episode_dir.mkdir(parents=True, exist_ok=True)
    (episode_dir / "episode.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    for n, (kind, name) in enumerate(sorted(manifest["files"].items()), 1):
        (episode_dir / name).write_bytes(f"{kind}:{slug}|".encode() * (n * 7))
    return episode_dir


def image_bytes(
    width: int = 1400, height: int | None = None, mode: str = "RGB", kind: str = "PNG"
) -> bytes:
    """A plain image; the defaults make a cover that keeps Apple's rules."""
    buffer = io.BytesIO()
    Image.new(mode, (width, height or width), "navy").save(buffer, kind)
    return buffer.getvalue()


def make_folder(folder: Path, slugs: tuple[str, ...] = FIRST_TWO, **changes: Any) -> Path:
    """A published folder: podcast.toml, a cover, and the given fixture episodes."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cover.png").write_bytes(image_bytes())
    save_config(folder, make_config(**changes))
    for slug in slugs:
        write_episode(folder, slug)
    return folder
