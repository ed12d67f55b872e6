"""`tts follow` against a site served from 127.0.0.1 (issue 20's "Done when"): five entries
built, then nothing, then exactly the new and the changed one with every other GUID and
pubDate untouched; a page answering 500 reported, retried and built once it is back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import feedparser
import pytest
import typer
from newssite import Post, Site, serving
from typer.testing import CliRunner, Result

from tts.cli import follow
from tts.follow.state import state_path
from tts.podcast.config import PodcastConfig, save_config

TEXTS = [
    "Город открыл новый парк у реки. Жители довольны.",
    "В библиотеке прошла выставка старых книг. Её посетили многие.",
    "Мост через реку закроют на ремонт. Работы продлятся месяц.",
    "Школьники победили в олимпиаде. Их наградили в мэрии.",
    "На площади прошёл концерт. Пришли сотни горожан.",
]


def posts() -> list[Post]:
    return [
        Post(f"n{i}", f"Новость номер {i}: {text.split('.')[0]}", f"2026-03-0{i}", text)
        for i, text in enumerate(TEXTS, start=1)
    ]


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    app.callback()(lambda: None)  # a group, so `follow` stays a subcommand
    follow.register(app)
    return app


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "podcast"
    folder.mkdir()
    save_config(
        folder,
        PodcastConfig(
            title="Городские новости вслух",
            author="Редакция",
            email="p@example.org",
            base_url="https://example.org/pod/",
            description="Новости города.",
        ),
    )
    return folder


def round_of(app: typer.Typer, site: Site, out: Path) -> Result:
    args = ["follow", f"{site.base}/feed.xml", "-o", str(out), "--engine", "fake", "-j", "1"]
    return CliRunner().invoke(app, args)


def lines(result: Result, status: str) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.startswith(f"{status}: ")]


def items(out: Path) -> dict[str, Any]:
    """feed.xml's items by title: (guid, pubDate)."""
    parsed: Any = feedparser.parse((out / "feed.xml").read_bytes())
    return {e.title: (e.id, e.published) for e in parsed.entries}


def test_rounds_build_new_and_changed_entries_only(app: typer.Typer, out: Path) -> None:
    with serving(Site(posts=posts())) as site:
        first = round_of(app, site, out)
        assert first.exit_code == 0, first.output
        assert len(lines(first, "built")) == 5
        assert first.stdout.splitlines()[-1].startswith("5 built, 0 unchanged, 0 failed")
        feed = items(out)
        assert set(feed) == {p.title for p in site.posts}
        for post in site.posts:  # the entry's own date, not the build's
            assert (
                feed[post.title][1]
                == f"{_weekday(post.day)}, 0{post.day[-1]} Mar 2026 00:00:00 +0000"
            )
        folder = out / json.loads(state_path(out).read_text())["entries"]["post-n1"]["slug"]
        episode = json.loads((folder / "episode.json").read_text(encoding="utf-8"))
        assert (episode["title"], episode["author"], episode["date"], episode["source"]) == (
            site.posts[0].title, "Ирина Петрова", "2026-03-01", site.link(site.posts[0]),
        )  # fmt: skip

        site.requests.clear()
        second = round_of(app, site, out)
        assert second.exit_code == 0, second.output
        assert lines(second, "built") == [] and len(lines(second, "unchanged")) == 5
        feed_asks = [h for path, h in site.requests if path == "/feed.xml"]
        assert feed_asks and "If-None-Match" in feed_asks[0]  # conditional GET: a 304
        assert all(h["User-Agent"].startswith("tts/") for _, h in site.requests)
        assert items(out) == feed

        site.posts.append(Post("n6", "Новость номер 6: открылся каток", "2026-03-06",
                               "Во дворе открылся каток. Вход свободный."))  # fmt: skip
        site.posts[1].text += "\n\nВыставка продлится до конца месяца."
        third = round_of(app, site, out)
        assert third.exit_code == 0, third.output
        built = lines(third, "built")
        assert sorted(b.split(" — ")[1] for b in built) == [
            site.link(site.posts[1]), site.link(site.posts[5])
        ]  # fmt: skip
        after = items(out)
        assert len(after) == 6
        assert {t: after[t] for t in feed} == feed  # the changed one's GUID and pubDate too
        assert site.most_busy == 1  # one request at a time

        site.posts.append(Post("n7", "Новость номер 7: сбой", "2026-03-07", "Текст. Ещё текст."))
        site.posts[-1].status = 500
        fourth = round_of(app, site, out)
        assert fourth.exit_code == 1
        [failed] = lines(fourth, "failed")
        assert site.link(site.posts[-1]) in failed and "500" in failed
        assert "Новость номер 7: сбой" not in items(out)

        site.posts[-1].status = 200
        del site.posts[0]  # gone from the feed: its episode stays
        site.requests.clear()
        fifth = round_of(app, site, out)
        assert fifth.exit_code == 0, fifth.output
        assert [b.split(" — ")[1] for b in lines(fifth, "built")] == [site.link(site.posts[-1])]
        assert "/news/n7" in site.paths()
        final = items(out)
        assert len(final) == 7 and final["Новость номер 7: сбой"][1].startswith("Sat, 07 Mar")
        assert {t: final[t] for t in feed} == feed


def _weekday(day: str) -> str:
    from datetime import date

    return date.fromisoformat(day).strftime("%a")


def test_every_sleeps_between_rounds_until_stopped(
    app: typer.Typer, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import signal

    from tts.errors import Interrupted

    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        if len(slept) >= 2:
            raise Interrupted(signal.SIGTERM)  # what systemd's stop does

    monkeypatch.setattr(follow, "sleep", sleep)  # this command's own, not the server's
    with serving(Site(posts=posts()[:1])) as site:
        args = ["follow", f"{site.base}/feed.xml", "-o", str(out), "-e", "fake", "--every", "15"]
        result = CliRunner().invoke(app, args)
    assert result.exit_code == 128 + signal.SIGTERM
    assert slept == [900.0, 900.0]
    summaries = [line for line in result.stdout.splitlines() if "; feed: " in line]
    assert [s.split(";")[0] for s in summaries] == [
        "1 built, 0 unchanged, 0 failed", "0 built, 1 unchanged, 0 failed",
    ]  # fmt: skip


def test_a_folder_that_is_no_podcast_is_refused_first(app: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["follow", "http://127.0.0.1:9/feed", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "tts follow needs" in str(result.exception) and "tts feed init" in str(result.exception)
