"""Reading a feed politely: a conditional GET (ETag / Last-Modified) through the one network
path (tts/store/net.py: a total deadline, a size cap), with the tool's User-Agent."""

from __future__ import annotations

from dataclasses import dataclass

from tts.errors import TTSError
from tts.follow.state import FeedRecord
from tts.store.files import size_text
from tts.store.net import Deadline, open_url, read_body
from tts.text.inputs import USER_AGENT

FEED_DEADLINE = 20.0  # seconds for the whole exchange
MAX_FEED_BYTES = 10 << 20
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
)


@dataclass(frozen=True)
class FeedFetch:
    body: bytes | None  # None: 304, the feed has not changed since the last round
    etag: str | None
    last_modified: str | None


def fetch_feed(url: str, known: FeedRecord | None, *, deadline: float = FEED_DEADLINE) -> FeedFetch:
    """GET the feed, conditionally when a previous answer gave validators."""
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT}
    if known is not None and known.etag:
        headers["If-None-Match"] = known.etag
    if known is not None and known.last_modified:
        headers["If-Modified-Since"] = known.last_modified
    limit = Deadline(deadline)
    with open_url(url, limit, headers=headers) as response:
        etag = response.headers.get("ETag")
        modified = response.headers.get("Last-Modified")
        if response.status == 304:
            # Keep the validators we sent when the 304 does not repeat them.
            return FeedFetch(
                None, etag or (known.etag if known else None),
                modified or (known.last_modified if known else None),
            )  # fmt: skip
        parts: list[bytes] = []
        total = 0
        for chunk in read_body(response, url, limit):
            total += len(chunk)
            if total > MAX_FEED_BYTES:
                raise TTSError(f"{url}: the feed is larger than {size_text(MAX_FEED_BYTES)}")
            parts.append(chunk)
    return FeedFetch(b"".join(parts), etag, modified)
