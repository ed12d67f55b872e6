"""Publication dates, the pure parts: which time an episode is published at (build.plan),
`--date`, Episode.published_at for episodes built before it was kept, and the feed state
keeping a published date when an episode.json is built afresh. Through the CLI and the
real feed: tests/cli/test_cli_dates.py."""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from feed_support import make_folder, manifests, write_episode
from helpers import episode_of
from lxml import etree

from tts.build.plan import date_option, publication
from tts.episode import Episode
from tts.errors import InputError
from tts.podcast.publish import build_feed

NOW = "2026-12-03T14:00:00+00:00"


def built(**fields: object) -> Episode:
    return replace(episode_of({}), **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("article", "given", "previous", "expected"),
    [
        # a first build: the article's own date, else now
        ("2026-03-12", None, None, "2026-03-12T00:00:00+00:00"),
        (None, None, None, NOW),
        # a rebuild keeps what was published: the first build's time, or a date set before
        (None, None, built(published="2026-11-01T08:00:00+00:00"), "2026-11-01T08:00:00+00:00"),
        ("2026-03-12", None, built(date="2026-03-12", published="2026-03-13T09:00:00+05:00"),
         "2026-03-13T09:00:00+05:00"),
        # an article that now gives another date, or lost its date
        ("2026-03-14", None, built(date="2026-03-12", published="2026-03-12T00:00:00+00:00"),
         "2026-03-14T00:00:00+00:00"),
        (None, None, built(date="2026-03-12", published="2026-03-12T00:00:00+00:00"),
         "2026-03-12T00:00:00+00:00"),
        # --date wins over everything
        ("2026-03-12", "2025-01-01T00:00:00+00:00", built(published=NOW),
         "2025-01-01T00:00:00+00:00"),
        # built before episodes kept it: what the feed showed (the article's date, else the
        # build time)
        (None, None, built(created="2026-10-10T10:10:10+00:00"), "2026-10-10T10:10:10+00:00"),
        ("2026-03-12", None, built(date="2026-03-12"), "2026-03-12T00:00:00+00:00"),
    ],
)  # fmt: skip
def test_publication(
    article: str | None, given: str | None, previous: Episode | None, expected: str
) -> None:
    assert publication(article, given, previous, NOW) == expected


@pytest.fixture
def almaty_time() -> Iterator[None]:
    """This computer at UTC+5 (a POSIX zone, so no time zone database is needed)."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "<+05>-5"
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time.tzset()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-12", "2026-03-12T00:00:00+00:00"),  # a day: as an article's own date
        ("2026-03-12T09:30", "2026-03-12T09:30:00+05:00"),  # this computer's zone
        ("2026-03-12 09:30:15", "2026-03-12T09:30:15+05:00"),
        ("2026-03-12T09:30+03:00", "2026-03-12T09:30:00+03:00"),  # a zone of its own
        ("2026-03-12T09:30Z", "2026-03-12T09:30:00+00:00"),
    ],
)
def test_date_option(almaty_time: None, text: str, expected: str) -> None:
    assert date_option(text) == expected


@pytest.mark.parametrize("text", ["12.03.2026", "2026-02-30", "20260312", "2026-03-12T25:00", ""])
def test_date_option_refuses_what_is_no_date(text: str) -> None:
    with pytest.raises(InputError, match=r"^--date must be YYYY-MM-DD or YYYY-MM-DDTHH:MM, not "):
        date_option(text)


def test_published_at_of_older_episodes_is_what_their_feed_showed() -> None:
    assert built(published="2026-03-12T09:30:00+05:00").published_at() == datetime(
        2026, 3, 12, 4, 30, tzinfo=UTC
    )
    assert built(date="2026-03-12").published_at() == datetime(2026, 3, 12, tzinfo=UTC)
    assert built(created="2026-10-10T10:10:10").published_at() == datetime(
        2026, 10, 10, 10, 10, 10, tzinfo=UTC
    )


def _pub_dates(feed: bytes) -> dict[str, str]:
    items = etree.fromstring(feed).findall("channel/item")
    return {i.findtext("guid"): i.findtext("pubDate") for i in items}


def test_feed_keeps_the_published_date_of_an_episode_built_afresh(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A damaged episode.json is rebuilt from scratch: a new GUID and a new date. The feed
    keeps both as published, so subscribers see the same episode in the same place."""
    folder = make_folder(tmp_path / "pod")
    slug = "stepnaya-observatoriya"
    before = _pub_dates(build_feed(folder).read_bytes())
    afresh = manifests()[slug] | {"guid": "new-guid", "published": "2026-12-03T14:00:00+00:00"}
    write_episode(folder, slug, afresh)
    with caplog.at_level(logging.WARNING, logger="tts.podcast.publish"):
        after = _pub_dates(build_feed(folder).read_bytes())
    assert after == before
    assert "keeping its published date" in caplog.text


def test_feed_publishes_a_date_set_on_purpose(tmp_path: Path) -> None:
    """The same GUID with another date: `tts build --date` moved it."""
    folder = make_folder(tmp_path / "pod")
    slug = "stepnaya-observatoriya"
    build_feed(folder)
    moved = manifests()[slug] | {"published": "2025-01-01T09:00:00+00:00"}
    write_episode(folder, slug, moved)
    after = _pub_dates(build_feed(folder).read_bytes())
    assert after[moved["guid"]] == "Wed, 01 Jan 2025 09:00:00 +0000"
    state = json.loads(next(folder.glob("**/*feed-state.json")).read_text("utf-8"))
    assert state["dates"][slug] == "2025-01-01T09:00:00+00:00"
