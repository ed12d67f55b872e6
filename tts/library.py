"""episode.json data of every episode -> the library page (``OUTDIR/index.html``). Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from tts.player import esc, html_document, meta_list, safe_url

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
