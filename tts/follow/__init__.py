"""A site's feeds to a podcast, unattended: one round reads each feed, builds every entry not
yet built or whose page changed, and rebuilds feed.xml once (`tts follow`).

In: feed URLs, the output folder (a podcast: podcast.toml), what to take (Selection) and the
build settings. Out: episodes in OUTDIR/<slug>/, OUTDIR/feed.xml, the follow state, and one
RoundItem per entry.

How it was built:
- The feed's data wins: an entry's title, author, date and link replace what extraction
  found on its page (``BuildOptions.articles``); the link is the episode's source, so its
  source id, folder and GUID follow the entry, not a redirect.
- An episode keeps its folder (``BuildOptions.slug``), so its GUID, and its first date, so its
  pubDate, however its page or its title changes later; an entry gone from the feed keeps its
  episode.
- Every page is fetched again each round, in this process, one request at a time (so never
  two at once to one host); whether it changed is the build's own check (the source key), so
  an unchanged page costs a parse, no synthesis. Builds then run as `tts batch` runs them
  (worker processes, or Ray with a cluster).
- A failure (a page, a parse, a build) is recorded with its reason and tried again on the
  next round, then after 10 min, 20 min… up to a day; meanwhile each round reports it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from tts.batch import BatchItem, build_options, check_feed
from tts.build import BuildOptions
from tts.errors import TTSError
from tts.follow.feeds import Entry, Selection, parse_feed, select
from tts.follow.fetch import fetch_feed
from tts.follow.state import (
    EntryRecord,
    FeedRecord,
    FollowState,
    after_failure,
    after_success,
    load_state,
    lock_path,
    save_state,
    waiting,
    with_entry,
    with_feed,
)
from tts.store.outdir import check_outdir, file_lock, recover_all
from tts.types import Article

log = logging.getLogger(__name__)

Status = Literal["built", "unchanged", "failed"]
LOCK_WAIT = 5.0  # seconds: a round still running (cron started the next one) is reported


@dataclass(frozen=True)
class RoundItem:
    entry: Entry
    status: Status
    error: str | None = None  # why it failed (and when it is tried again)
    folder: Path | None = None


@dataclass(frozen=True)
class FeedProblem:
    url: str
    error: str


@dataclass(frozen=True)
class Round:
    items: tuple[RoundItem, ...]
    feeds: tuple[FeedProblem, ...]  # feeds that could not be read this round
    feed_xml: Path

    @property
    def ok(self) -> bool:
        return not self.feeds and all(i.status != "failed" for i in self.items)


OnItem = Callable[[RoundItem], None]
OnFeed = Callable[[FeedProblem], None]
ReadPage = Callable[[str], tuple[bytes, str]]


def run_round(
    feeds: Sequence[str],
    base: BuildOptions,
    *,
    choice: Selection | None = None,
    cluster: str | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    on_item: OnItem | None = None,
    on_feed: OnFeed | None = None,
) -> Round:
    """One round into ``base.outdir`` (``base``: the shared build settings, engine pinned)."""
    outdir = base.outdir
    check_feed(outdir, "tts follow")
    check_outdir(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    with file_lock(lock_path(outdir), LOCK_WAIT, f"another tts follow of {outdir}"):
        recover_all(outdir)
        return _locked_round(feeds, base, choice or Selection(), cluster, now, on_item, on_feed)


def _locked_round(
    feeds: Sequence[str],
    base: BuildOptions,
    choice: Selection,
    cluster: str | None,
    now: Callable[[], datetime],
    on_item: OnItem | None,
    on_feed: OnFeed | None,
) -> Round:
    from tts.podcast.publish import FEED_NAME

    outdir = base.outdir
    state = load_state(outdir)
    entries, problems, state = read_feeds(feeds, state, choice)
    save_state(outdir, state)
    for problem in problems:
        if on_feed:
            on_feed(problem)
    report = _Report(outdir, state, now, on_item)
    todo: dict[str, tuple[Entry, BuildOptions]] = {}
    for entry in entries:
        record = report.state.entries.get(entry.key)
        held = _held(record, now())
        if held is not None:
            report.item(RoundItem(entry, "failed", held))
            continue
        try:
            article = read_entry(entry, record.date if record else None, now())
        except TTSError as exc:
            report.failed(entry, str(exc))
            continue
        slug = record.slug if record else None
        todo[entry.link] = (
            entry,
            replace(base, inputs=(entry.link,), articles=(article,), slug=slug),
        )
    options = [opts for _, opts in todo.values()]
    build_options(
        options, outdir, base.workers, feed=True, cluster=cluster if options else None,
        on_item=lambda item: report.built(todo[item.source][0], item),
    )  # fmt: skip
    return Round(tuple(report.items), tuple(problems), outdir / FEED_NAME)


def _held(record: EntryRecord | None, now: datetime) -> str | None:
    """Why a failed entry waits this round out (its last error, when it is tried again)."""
    if record is None or not waiting(record, now) or record.retry_after is None:
        return None
    again = datetime.fromisoformat(record.retry_after).strftime("%Y-%m-%d %H:%M UTC")
    return f"{record.error} (failed {record.failures} times; next try after {again})"


class _Report:
    """Each result into the state (saved at once: a killed round loses nothing) and out."""

    def __init__(
        self, outdir: Path, state: FollowState, now: Callable[[], datetime], on_item: OnItem | None
    ) -> None:
        self.outdir, self.state, self.now, self.on_item = outdir, state, now, on_item
        self.items: list[RoundItem] = []

    def item(self, item: RoundItem) -> None:
        self.items.append(item)
        if self.on_item:
            self.on_item(item)

    def failed(self, entry: Entry, error: str) -> None:
        old = self.state.entries.get(entry.key)
        self._save(entry.key, after_failure(entry, old, error, self.now()))
        self.item(RoundItem(entry, "failed", error))

    def built(self, entry: Entry, item: BatchItem) -> None:
        if item.status == "failed" or item.folder is None:
            self.failed(entry, item.error or "not built")
            return
        status: Status = "built" if item.status == "built" else "unchanged"
        old = self.state.entries.get(entry.key)
        day = (old.date if old else None) or entry.date or self.now().date().isoformat()
        self._save(entry.key, after_success(entry, status, item.folder.name, day, self.now()))
        self.item(RoundItem(entry, status, folder=item.folder))

    def _save(self, key: str, record: EntryRecord) -> None:
        self.state = with_entry(self.state, key, record)
        save_state(self.outdir, self.state)


def read_feeds(
    urls: Sequence[str], state: FollowState, choice: Selection
) -> tuple[list[Entry], list[FeedProblem], FollowState]:
    """Every feed read (conditionally), its listing kept in the state; the entries to take,
    each once even when two feeds list it."""
    entries: list[Entry] = []
    problems: list[FeedProblem] = []
    for url in dict.fromkeys(urls):
        known = state.feeds.get(url)
        try:
            got = fetch_feed(url, known)
            if got.body is None and known is not None:
                log.info("%s: not modified", url)
                listing = list(known.entries)
            else:
                listing = parse_feed(got.body or b"", url)
        except TTSError as exc:
            problems.append(FeedProblem(url, str(exc)))
            continue
        state = with_feed(state, url, FeedRecord(got.etag, got.last_modified, tuple(listing)))
        entries += select(listing, choice)
    return select(entries, Selection()), problems, state


def read_entry(entry: Entry, kept_date: str | None, now: datetime) -> Article:
    """The entry's page fetched and parsed, with the feed's title, author, date and link over
    what extraction found. ``kept_date``: the date its episode was first published with."""
    from tts.text.inputs import read_input
    from tts.text.parse import parse_bytes

    data, final = read_input(entry.link)
    article = parse_bytes(data, final)
    return replace(
        article,
        title=entry.title or article.title,
        author=entry.author or article.author,
        date=kept_date or entry.date or now.date().isoformat(),
        source=entry.link,
    )
