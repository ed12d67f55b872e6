"""episode.json data of every episode -> the library page (``OUTDIR/index.html``). Pure, apart
from refresh_library, the shell that reads the folder and writes the page."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from tts.outputs.page import esc, html_document, meta_list, safe_url
from tts.store.outdir import write_atomic

_OLDEST = datetime.min.replace(tzinfo=UTC)


def render_library(episodes: Sequence[Mapping[str, Any]], *, feed: str | None) -> str:
    """A page listing every episode, newest first, each linking ``<slug>/index.html``."""
    ordered = sorted(episodes, key=_when, reverse=True)
    parts = ["<header>", "<h1>Выпуски</h1>"]
    if feed and safe_url(feed):
        parts.append(
            f'<p><a href="{esc(feed)}">Подписаться на подкаст (RSS)</a>: '
            "вставьте эту ссылку в приложение для подкастов.</p>"
        )
    parts += ["</header>", '<main id="main">']
    if ordered:
        parts.append('<ul class="episodes">')
        parts += [_item(episode) for episode in ordered]
        parts.append("</ul>")
    else:
        parts.append("<p>Пока нет ни одного выпуска.</p>")
    parts.append("</main>")
    return html_document("Выпуски", "\n".join(parts), feed_url=feed)


def _item(episode: Mapping[str, Any]) -> str:
    href = esc(quote(str(episode["slug"]), safe="") + "/index.html")
    lead = str(episode.get("lead") or "")
    parts = [
        "<li>",
        f'<h2><a href="{href}">{esc(episode["title"])}</a></h2>',
        meta_list(episode),
    ]
    if lead:
        parts.append(f"<p>{esc(_shorten(lead, 300))}</p>")
    parts.append("</li>")
    return "\n".join(parts)


def _shorten(text: str, limit: int) -> str:
    """Cut at a word boundary so a long lead does not swamp the list."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:—– ")
    return cut + "…"


def _when(episode: Mapping[str, Any]) -> datetime:
    """When the episode was made (``created``), else its article date; unknown sorts last."""
    for field in ("created", "date"):
        value = episode.get(field)
        if not value:
            continue
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return _OLDEST


def refresh_library(outdir: Path) -> Path:
    """Rewrite OUTDIR/index.html, the list of every episode in the folder."""
    episodes = []
    for manifest in sorted(outdir.glob("*/episode.json")):
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict):
            episodes.append(data)
    feed = "feed.xml" if (outdir / "feed.xml").is_file() else None
    target = outdir / "index.html"
    write_atomic(target, render_library(episodes, feed=feed).encode("utf-8"))
    return target
