"""Feeds to entries (RSS 2.0 and Atom through feedparser) and which entries a round takes."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tts.follow.feeds import Entry, FeedError, Selection, parse_feed, select

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Сайт</title>
<item><title>  Первая
 новость </title><link>https://site.ru/a</link><guid isPermaLink="false">id-a</guid>
<dc:creator>Анна Иванова</dc:creator><pubDate>Sun, 01 Mar 2026 23:30:00 -0300</pubDate></item>
<item><title>Без guid</title><link>/b</link></item>
<item><title>Без ссылки</title><guid isPermaLink="false">id-c</guid></item>
</channel></rss>""".encode()

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Сайт</title><id>urn:site</id>
<updated>2026-03-05T10:00:00Z</updated>
<entry><title>Атом</title><id>urn:a</id><link rel="alternate" href="https://site.ru/atom"/>
<author><name>Пётр</name></author><updated>2026-03-05T10:00:00Z</updated></entry>
</feed>""".encode()


def test_rss_entry_carries_the_feeds_own_data() -> None:
    first, second = parse_feed(RSS, "https://site.ru/rss")
    # the time in UTC decides the day: 23:30 at -03:00 is 2 March
    assert first == Entry("id-a", "https://site.ru/a", "Первая новость", "Анна Иванова",
                          "2026-03-02", "https://site.ru/rss")  # fmt: skip
    # a relative link resolved against the feed; no guid: the link is the key; no link: skipped
    assert (second.key, second.link, second.date) == (
        "https://site.ru/b",
        "https://site.ru/b",
        None,
    )


def test_atom_entry() -> None:
    [entry] = parse_feed(ATOM, "https://site.ru/atom.xml")
    assert (entry.key, entry.link, entry.title, entry.author, entry.date) == (
        "urn:a", "https://site.ru/atom", "Атом", "Пётр", "2026-03-05",
    )  # fmt: skip


def test_not_a_feed_is_one_line() -> None:
    with pytest.raises(FeedError, match=r"^https://site.ru/x: not an RSS or Atom feed"):
        parse_feed(b"<html><body>\x00\x01 nothing", "https://site.ru/x")


def entry(n: int, day: str | None, title: str = "") -> Entry:
    return Entry(f"k{n}", f"https://site.ru/{n}", title or f"t{n}", None, day, "f")


def test_select_newest_first_then_filters() -> None:
    entries = [entry(1, "2026-03-01"), entry(2, None), entry(3, "2026-03-03", "Спорт: матч"),
               entry(4, "2026-03-02"), entry(1, "2026-03-01")]  # fmt: skip
    keys = lambda chosen: [e.key for e in chosen]  # noqa: E731
    assert keys(select(entries, Selection())) == ["k3", "k4", "k1", "k2"]
    assert keys(select(entries, Selection(max=2))) == ["k3", "k4"]
    # --since drops what is dated earlier, keeps what has no date
    assert keys(select(entries, Selection(since=date(2026, 3, 2)))) == ["k3", "k4", "k2"]
    assert keys(select(entries, Selection(exclude=re.compile("Спорт")))) == ["k4", "k1", "k2"]
    assert keys(select(entries, Selection(include=re.compile(r"/[12]$")))) == ["k1", "k2"]
    same_link = Entry("other", "https://site.ru/1", "t", None, None, "g")
    assert keys(select([entry(1, None), same_link], Selection())) == ["k1"]
