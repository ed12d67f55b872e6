"""The library page: every episode, newest first, linking <slug>/index.html."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from helpers import episode_of
from hypothesis import given, settings
from hypothesis import strategies as st

from tts.episode import Episode
from tts.outputs.library import refresh_library, render_library

DATA = Path(__file__).resolve().parents[1] / "data" / "player"


def data(slug: str, created: str, date: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"slug": slug, "title": f"Выпуск {slug}", "created": created, "date": date, **extra}


def episode(slug: str, created: str, date: str | None = None, **extra: Any) -> Episode:
    return episode_of(data(slug, created, date, **extra))


def links(page: str) -> list[str]:
    return re.findall(r'<h2><a href="([^"]*)">', page)


class Texts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.h2: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "h2":
            self.h2.append("")
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if "h2" in self.open:
            self.h2[-1] += data


def test_newest_first_by_creation_time() -> None:
    page = render_library(
        [
            episode("b", "2025-03-02T10:00:00+00:00"),
            episode("c", "2025-03-03T01:00:00+03:00"),  # 2025-03-02T22:00Z: newest
            episode("a", "2025-03-01T10:00:00+00:00"),
        ],
        feed=None,
    )
    assert links(page) == ["c/index.html", "b/index.html", "a/index.html"]


def test_a_rebuilt_episode_keeps_its_place() -> None:
    """Newest by publication, as in the feed: «a» was rebuilt last, but published first."""
    page = render_library(
        [
            episode("a", "2025-03-09T10:00:00+00:00", published="2025-03-01T10:00:00+00:00"),
            episode("b", "2025-03-02T10:00:00+00:00", published="2025-03-02T10:00:00+00:00"),
            episode("c", "2025-03-03T10:00:00+00:00", date="2025-03-03"),
        ],
        feed=None,
    )
    assert links(page) == ["c/index.html", "b/index.html", "a/index.html"]


def test_refresh_skips_a_damaged_episode_and_lists_the_rest(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for slug in ("good", "bad"):
        (tmp_path / slug).mkdir()
    good = episode("good", "2025-01-01")
    (tmp_path / "good" / "episode.json").write_text(good.dumps(), encoding="utf-8")
    (tmp_path / "bad" / "episode.json").write_text('{"format": 1}', encoding="utf-8")
    page = refresh_library(tmp_path).read_text(encoding="utf-8")
    assert links(page) == ["good/index.html"]
    assert "bad/episode.json: created: missing" in caplog.text


def test_feed_link_when_there_is_one() -> None:
    with_feed = render_library([episode("a", "2025-01-01")], feed="feed.xml")
    assert '<a href="feed.xml">Подписаться на подкаст (RSS)</a>' in with_feed
    assert 'rel="alternate" type="application/rss+xml" href="feed.xml"' in with_feed
    assert "RSS" not in render_library([episode("a", "2025-01-01")], feed=None)
    assert "javascript" not in render_library([], feed="javascript:alert(1)")


def test_empty_library_says_so() -> None:
    assert "Пока нет ни одного выпуска." in render_library([], feed=None)


def test_fixture_episodes_with_meta_and_lead() -> None:
    fixture = Episode.load(DATA / "episode.json")
    page = render_library([fixture], feed=None)
    assert '<html lang="ru">' in page
    assert "3 марта 2025 г." in page and "Мария Исаева" in page
    assert fixture.lead in page
    assert "<script" not in page  # the library needs no script; the CSP admits none


def test_long_lead_is_shortened_at_a_word() -> None:
    lead = "слово " * 100
    page = render_library([episode("a", "2025-01-01", lead=lead.strip())], feed=None)
    shown = re.search(r"<p>(слово[^<]*)</p>", page)
    assert shown is not None and shown.group(1).endswith("слово…")
    assert len(shown.group(1)) <= 301


def test_hostile_title_and_slug_stay_inert() -> None:
    hostile = Episode.load(DATA / "hostile.json")
    odd = episode("../../etc", "2025-01-01")
    page = render_library([hostile, odd], feed=None)
    parser = Texts()
    parser.feed(page)
    assert hostile.title in parser.h2
    assert "script" not in parser.tags and "img" not in parser.tags
    assert "..%2F..%2Fetc/index.html" in links(page)


@settings(max_examples=40, deadline=None)
@given(title=st.text(min_size=1, max_size=60).filter(lambda t: t.isprintable() and t.strip()))
def test_any_title_is_shown_as_text(title: str) -> None:
    parser = Texts()
    parser.feed(render_library([episode("a", "2025-01-01", title=title)], feed=None))
    assert parser.h2 == [title]
    assert parser.tags.count("a") == 1


def publish_episode(outdir: Path, slug: str, created: str) -> None:
    (outdir / slug).mkdir(parents=True)
    (outdir / slug / "episode.json").write_text(episode(slug, created).dumps(), encoding="utf-8")


def test_refreshes_side_by_side_never_drop_an_episode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Build A's refresh reads the folder; build B publishes and refreshes; then A writes. Without
    the folder's lock A's page, written last, lacked B's episode (issue 17: 11 of 12 listed)."""
    import threading

    from tts.outputs import library

    publish_episode(tmp_path, "a", "2025-01-01T00:00:00+00:00")
    a_has_read, b_is_done = threading.Event(), threading.Event()
    render = library.render_library

    def slow_render(episodes: list[Episode], *, feed: str | None) -> str:
        if threading.current_thread().name == "build-a":
            a_has_read.set()
            b_is_done.wait(0.5)  # with the lock, B waits for A instead: no need to wait long
        return render(episodes, feed=feed)

    monkeypatch.setattr(library, "render_library", slow_render)

    def build_b() -> None:
        a_has_read.wait(10)
        publish_episode(tmp_path, "b", "2025-01-02T00:00:00+00:00")
        refresh_library(tmp_path)
        b_is_done.set()

    threads = [
        threading.Thread(target=refresh_library, args=(tmp_path,), name="build-a"),
        threading.Thread(target=build_b, name="build-b"),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert links(page) == ["b/index.html", "a/index.html"]


def test_an_unwritable_page_is_one_line(tmp_path: Path) -> None:
    from tts.errors import ExportError

    (tmp_path / "index.html").mkdir()  # what an immutable page gives too: the rename fails
    with pytest.raises(ExportError, match="cannot write the library page .*index.html: "):
        refresh_library(tmp_path)


def test_work_and_swap_folders_of_builds_are_not_episodes(tmp_path: Path) -> None:
    """pathlib's glob matches hidden folders: a build's .tmp-<slug>-* (its episode.json is
    written before the publish) was listed, linking a folder about to disappear."""
    publish_episode(tmp_path, "a", "2025-01-01T00:00:00+00:00")
    publish_episode(tmp_path, ".tmp-b-x1y2", "2025-01-02T00:00:00+00:00")
    publish_episode(tmp_path, ".old-c-x1y2", "2025-01-02T00:00:00+00:00")
    assert links(refresh_library(tmp_path).read_text(encoding="utf-8")) == ["a/index.html"]
