"""A news site on 127.0.0.1 for the follow tests: an RSS 2.0 feed (with an ETag, answering a
matching If-None-Match with 304) and one HTML page per entry, all changeable between rounds."""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler
from xml.sax.saxutils import escape

from helpers import local_server, reply


@dataclass
class Post:
    slug: str
    title: str  # the feed's title (the page's own headline differs: the feed's must win)
    day: str  # YYYY-MM-DD
    text: str
    author: str = "Ирина Петрова"
    status: int = 200


@dataclass
class Site:
    posts: list[Post] = field(default_factory=list)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    base: str = ""
    busy: int = 0  # requests in flight
    most_busy: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def link(self, post: Post) -> str:
        return f"{self.base}/news/{post.slug}"

    def feed(self) -> bytes:
        items = "".join(
            f"<item><title>{escape(p.title)}</title><link>{self.link(p)}</link>"
            f'<guid isPermaLink="false">post-{p.slug}</guid>'
            f"<dc:creator>{escape(p.author)}</dc:creator>"
            f"<pubDate>{_rfc822(p.day)}</pubDate></item>"
            for p in self.posts
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            f"<title>Городские новости</title><link>{self.base}/</link>"
            f"<description>Новости города</description>{items}</channel></rss>"
        ).encode()

    def page(self, post: Post) -> bytes:
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in post.text.split("\n\n"))
        return (
            f"<html><head><title>Городской сайт: материал {post.slug}</title></head><body>"
            f"<article><h1>Материал {post.slug} на сайте</h1>{paragraphs}</article>"
            "</body></html>"
        ).encode()

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


def _rfc822(day: str) -> str:
    return format_datetime(datetime.fromisoformat(day).replace(hour=9, tzinfo=UTC))


def handler_for(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            with site.lock:
                site.requests.append((self.path, dict(self.headers.items())))
                site.busy += 1
                site.most_busy = max(site.most_busy, site.busy)
            try:
                time.sleep(0.02)  # long enough for a second request at once to overlap
                self._answer()
            finally:
                with site.lock:
                    site.busy -= 1

        def _answer(self) -> None:
            if self.path == "/feed.xml":
                body = site.feed()
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                reply(self, 200, "application/rss+xml; charset=utf-8", body, ETag=etag)
                return
            for post in site.posts:
                if self.path == f"/news/{post.slug}":
                    if post.status != 200:
                        reply(self, post.status, "text/html", b"<h1>Server error</h1>")
                        return
                    reply(self, 200, "text/html; charset=utf-8", site.page(post))
                    return
            reply(self, 404, "text/html", b"not found")

    return Handler


@contextlib.contextmanager
def serving(site: Site) -> Iterator[Site]:
    with local_server(handler_for(site)) as base:
        site.base = base
        yield site
