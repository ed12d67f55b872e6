"""tts.podcast.check: a good feed passes; each kind of breakage is reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from feed_support import SHARED_SCHEMA, make_folder
from lxml import etree

from tts.podcast.check import (
    DEFAULT_SCHEMA_DIR,
    check_feed,
    check_feed_file,
    check_podcast_elements,
    check_pubdate,
    load_schema,
)
from tts.podcast.publish import build_feed

SCHEMA = load_schema()


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    return build_feed(make_folder(tmp_path / "pod"))


def broken(feed: Path, old: str, new: str) -> list[str]:
    data = feed.read_bytes()
    assert old.encode() in data
    feed.write_bytes(data.replace(old.encode(), new.encode(), 1))
    return check_feed_file(feed)


def test_generated_feed_passes(feed: Path) -> None:
    assert check_feed_file(feed) == []


def test_bundled_schema_is_the_shared_one() -> None:
    if not SHARED_SCHEMA.is_dir():
        pytest.skip("../shared/feed_schema is not here")
    for name in ("podcast.xsd", "podcast-wrapper.xsd"):
        assert (DEFAULT_SCHEMA_DIR / name).read_bytes() == (SHARED_SCHEMA / name).read_bytes()


def test_shared_schema_directory_works_too(feed: Path) -> None:
    if not SHARED_SCHEMA.is_dir():
        pytest.skip("../shared/feed_schema is not here")
    assert check_feed_file(feed, SHARED_SCHEMA) == []


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("<itunes:explicit>false", "<itunes:explicit>no", "itunes:explicit must be true or false"),
        ('text="Daily News"', 'text="Daily Gossip"', "not a subcategory of 'News'"),
        ('text="News"', 'text="Новости"', "not an Apple Podcasts category"),
        ("<itunes:duration>3725", "<itunes:duration>1:02:05", "whole seconds"),
        ("Tue, 24 Nov 2026", "2026-11-24", "not an RFC 2822 date"),
        ("Tue, 24 Nov 2026", "Wed, 24 Nov 2026", "wrong weekday"),
        ('length="770"', 'length="771"', "enclosure length 771 but kavychki-i-skobki/kavychki"),
        ("kavychki%20i%20skobki.mp3", "gone.mp3", "gone.mp3 is missing from the feed's folder"),
        ('<itunes:image href="https://example.org/podcast/cover.png"/>\n    <itunes:category',
         '<itunes:image href="cover.png"/>\n    <itunes:category', "not an absolute http(s) URL"),
        ('type="text/vtt" rel="captions"/>', "/>", "podcast:transcript"),
        ('type="application/json+chapters"', "", "podcast:chapters"),
        ('owner="podcast@example.org">no<', 'owner="podcast@example.org">maybe<', "podcast:locked"),
        ("<podcast:guid>080cbc85", "<podcast:guid>zz080cbc85", "podcast:guid is not a UUID"),
        ("<itunes:email>podcast@example.org</itunes:email>", "", "missing <itunes:email>"),
        ("<language>ru</language>", "", "channel: missing <language>"),
    ],
)  # fmt: skip
def test_broken_feed_names_the_problem(feed: Path, old: str, new: str, problem: str) -> None:
    problems = broken(feed, old, new)
    assert any(problem in p for p in problems), problems


def test_duplicate_guids(feed: Path) -> None:
    second_guid = "0b6f7f0e-2d5c-4c8e-9a51-3f1f6f3c2a10"
    problems = broken(feed, "5d1c3e52-8f0a-4f43-b6a2-0c9d7e4b1a22", second_guid)
    assert any("is used by 2 items" in p for p in problems), problems


def test_not_xml() -> None:
    assert check_feed(b"<rss><channel>", schema=SCHEMA)[0].startswith("not well-formed XML")


def test_schema_catches_unknown_podcast_element() -> None:
    ns = b'xmlns:podcast="https://podcastindex.org/namespace/1.0"'
    root = etree.fromstring(b"<rss " + ns + b'><podcast:chapterz url="x"/></rss>')
    assert "podcast:chapterz" in check_podcast_elements(root, SCHEMA)[0]


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Tue, 24 Nov 2026 00:00:00 +0000", True),
        ("Tue, 24 Nov 2026 00:00:00 GMT", True),
        ("Tue, 24 Nov 2026 00:00 +0300", True),
        ("Tue, 31 Nov 2026 00:00:00 +0000", False),
        ("24 Nov 2026 00:00:00 +0000", False),
        ("Tue, 24 Nov 2026 00:00:00", False),
    ],
)
def test_pubdate(text: str, ok: bool) -> None:
    assert (check_pubdate(text) == []) is ok
