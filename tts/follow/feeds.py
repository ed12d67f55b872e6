"""A site's RSS 2.0 or Atom feed as entries to voice: bytes in, :class:`Entry` values out.

feedparser reads both formats (and the malformed ones sites really publish) into one shape;
this module keeps what a build needs and decides which entries a round takes. Pure.
"""

from __future__ import annotations

import calendar
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from tts.errors import TTSError


class FeedError(TTSError):
    """The feed could not be read; one line naming it."""


@dataclass(frozen=True)
class Entry:
    """One feed entry: what the episode takes from the feed rather than from the page."""

    key: str  # the entry's GUID/id, else its link: how rounds recognise it
    link: str  # the article page
    title: str
    author: str | None
    date: str | None  # YYYY-MM-DD, from the entry's published (else updated) time
    feed: str  # the feed URL it came from


def parse_feed(data: bytes, url: str) -> list[Entry]:
    """Every entry of the feed at ``url`` that links to an http(s) page, in the feed's order."""
    import feedparser  # ~50 ms to import: only commands that read feeds pay for it

    # A stream, never the bytes or a string: feedparser.parse fetches a string that looks like
    # a URL and opens one that names a file. content-location resolves relative links.
    parsed: Any = feedparser.parse(io.BytesIO(data), response_headers={"content-location": url})
    if not parsed.entries and parsed.get("bozo") and not parsed.get("feed"):
        reason = parsed.get("bozo_exception", "not a feed")
        raise FeedError(f"{url}: not an RSS or Atom feed ({_line(reason)})")
    entries = [_entry(raw, url) for raw in parsed.entries]
    return [e for e in entries if e is not None]


def _entry(raw: Any, feed: str) -> Entry | None:
    link = str(raw.get("link") or "").strip()
    if not link.startswith(("http://", "https://")):
        return None
    title = " ".join(str(raw.get("title") or "").split())
    author = " ".join(str(raw.get("author") or "").split()) or None
    when = raw.get("published_parsed") or raw.get("updated_parsed")
    day = datetime.fromtimestamp(calendar.timegm(when), UTC).date().isoformat() if when else None
    key = str(raw.get("id") or "").strip() or link
    return Entry(key=key, link=link, title=title, author=author, date=day, feed=feed)


@dataclass(frozen=True)
class Selection:
    """Which entries a round takes (the command's --since, --include, --exclude, --max)."""

    since: date | None = None
    include: re.Pattern[str] | None = None
    exclude: re.Pattern[str] | None = None
    max: int | None = None  # the newest N of each feed


def select(entries: Sequence[Entry], choice: Selection) -> list[Entry]:
    """The entries ``choice`` lets through, newest first (undated ones at the end); an entry
    listed twice (the same key or the same link) is taken once. --include/--exclude search the
    title and the link."""
    seen: set[str] = set()
    kept = []
    for entry in entries:
        text = f"{entry.title}\n{entry.link}"
        if entry.key in seen or entry.link in seen:
            continue
        if choice.since and entry.date and date.fromisoformat(entry.date) < choice.since:
            continue
        if choice.include and not choice.include.search(text):
            continue
        if choice.exclude and choice.exclude.search(text):
            continue
        seen |= {entry.key, entry.link}
        kept.append(entry)
    # stable, even reversed: same-day entries keep the feed's order; undated ones ("") go last
    kept.sort(key=lambda e: e.date or "", reverse=True)
    return kept if choice.max is None else kept[: choice.max]


def _line(value: object, limit: int = 160) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
