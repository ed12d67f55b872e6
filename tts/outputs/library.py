"""Every Episode of a folder -> the library page (``OUTDIR/index.html``). Pure, apart
from refresh_library, the shell that reads the folder and writes the page."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from tts.episode import Episode, EpisodeError
from tts.errors import ExportError
from tts.outputs.page import esc, html_document, meta_list, safe_url
from tts.store.outdir import folder_locked, published_manifests, write_atomic

log = logging.getLogger(__name__)


def render_library(episodes: Sequence[Episode], *, feed: str | None) -> str:
    """A page listing every episode, newest first, each linking ``<slug>/index.html``.

    Newest by publication, as in the feed (the build time breaks ties): a rebuilt episode
    keeps its place."""
    ordered = sorted(episodes, key=lambda e: (e.published_at(), _when(e)), reverse=True)
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


def _item(episode: Episode) -> str:
    href = esc(quote(episode.slug, safe="") + "/index.html")
    lead = episode.lead
    parts = [
        "<li>",
        f'<h2><a href="{href}">{esc(episode.title)}</a></h2>',
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


def _when(episode: Episode) -> datetime:
    """When the episode was made (Episode.load has checked the time)."""
    moment = datetime.fromisoformat(episode.created)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def refresh_library(outdir: Path) -> Path:
    """Rewrite OUTDIR/index.html, the list of every episode in the folder.

    Under the folder's lock, read and write together: builds publishing side by side each
    refresh the page, and the last refresh to take the lock reads after every publish."""
    target = outdir / "index.html"
    with folder_locked(outdir):
        episodes = []
        for manifest in published_manifests(outdir):
            try:
                episodes.append(Episode.load(manifest))
            except EpisodeError as exc:
                log.warning("library page: skipped %s", exc)
        feed = "feed.xml" if (outdir / "feed.xml").is_file() else None
        try:
            write_atomic(target, render_library(episodes, feed=feed).encode("utf-8"))
        except OSError as exc:
            raise ExportError(
                f"cannot write the library page {target}: {exc.strerror or exc}"
            ) from exc
    return target
