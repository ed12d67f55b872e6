"""The follow state: back-off after failures, kept folders and dates, never served."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newssite import Post, Site, serving

from tts.batch import pinned_options
from tts.follow import run_round
from tts.follow.state import load_state, retry_wait, state_path
from tts.outputs.serve import private
from tts.podcast.config import PodcastConfig, save_config

START = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def podcast(tmp_path: Path) -> Path:
    out = tmp_path / "pod"
    out.mkdir()
    config = PodcastConfig(title="Новости", author="Редакция", email="p@example.org",
                           base_url="https://example.org/pod/", description="Новости.")  # fmt: skip
    save_config(out, config)
    return out


def test_retry_wait_doubles_up_to_a_day() -> None:
    waits = [retry_wait(n) for n in (1, 2, 3, 4, 10, 1000)]
    assert waits[:4] == [timedelta(0), timedelta(minutes=10), timedelta(minutes=20),
                         timedelta(minutes=40)]  # fmt: skip
    assert waits[4:] == [timedelta(days=1)] * 2


def test_failed_entry_backs_off_and_is_reported_meanwhile(tmp_path: Path) -> None:
    out = podcast(tmp_path)
    base = pinned_options(out, engine="fake", workers=1)
    post = Post("x", "Новость", "2026-03-09", "Текст новости. Ещё одна фраза.", status=503)
    with serving(Site(posts=[post])) as site:
        feed = [f"{site.base}/feed.xml"]
        for minutes in (0, 1):  # failure 1, then retried on the very next round: failure 2
            done = run_round(feed, base, now=lambda m=minutes: START + timedelta(minutes=m))
            assert [i.status for i in done.items] == ["failed"] and not done.ok
        assert site.paths().count("/news/x") == 2
        held = run_round(feed, base, now=lambda: START + timedelta(minutes=5))
        [item] = held.items
        assert item.status == "failed" and "next try after 2026-03-10 12:11 UTC" in (
            item.error or ""
        )
        assert "503" in (item.error or "") and site.paths().count("/news/x") == 2  # not asked
        post.status = 200
        later = run_round(feed, base, now=lambda: START + timedelta(minutes=12))
        assert [i.status for i in later.items] == ["built"] and later.ok
    record = load_state(out).entries["post-x"]
    assert (record.result, record.failures, record.error) == ("built", 0, None)


def test_new_title_keeps_folder_guid_and_date(tmp_path: Path) -> None:
    out = podcast(tmp_path)
    base = pinned_options(out, engine="fake", workers=1)
    post = Post("x", "Старый заголовок", "2026-03-09", "Текст новости. Ещё одна фраза.")
    with serving(Site(posts=[post])) as site:
        feed = [f"{site.base}/feed.xml"]
        [first] = run_round(feed, base, now=lambda: START).items
        assert first.folder is not None
        before = json.loads((first.folder / "episode.json").read_text(encoding="utf-8"))
        post.title, post.day = "Новый заголовок", "2026-03-10"  # the publisher edits both
        [again] = run_round(feed, base, now=lambda: START).items
    assert again.status == "built" and again.folder == first.folder
    after = json.loads((first.folder / "episode.json").read_text(encoding="utf-8"))
    assert after["title"] == "Новый заголовок"
    assert (after["guid"], after["date"]) == (before["guid"], "2026-03-09")
    episodes = [p.name for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")]
    assert episodes == [first.folder.name]


def test_state_is_private(tmp_path: Path) -> None:
    assert state_path(tmp_path).parent.name == ".tts" and private(".tts")
