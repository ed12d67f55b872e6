"""What `tts follow` remembers between rounds, in the output folder's private state.

Per feed: its validators for a conditional GET and its last listing (a 304 answer re-uses it).
Per entry: where it came from, what the last attempt did, the episode's folder and date (kept,
so a rebuilt page keeps its place and pubDate in the feed), and for a failure how many in a row
and when to try again. Reading never fails a round: an unreadable file is a warning and a fresh
start, which costs only re-checks (unchanged episodes are not rebuilt).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from tts.follow.feeds import Entry
from tts.store.outdir import state_dir, write_atomic

log = logging.getLogger(__name__)

STATE_NAME = "follow-state.json"  # in OUTDIR/.tts/, with the tool's other state: never uploaded
LOCK_NAME = "follow.lock"
FORMAT = 1
# A failed entry is tried again on the next round; after that each failure doubles the wait.
FIRST_WAIT = timedelta(minutes=10)
LONGEST_WAIT = timedelta(days=1)

Result = Literal["built", "unchanged", "failed"]


def state_path(outdir: Path) -> Path:
    """The one place the state file is named: OUTDIR/.tts/, never served nor uploaded."""
    return state_dir(outdir) / STATE_NAME


def lock_path(outdir: Path) -> Path:
    return state_dir(outdir) / LOCK_NAME


@dataclass(frozen=True)
class FeedRecord:
    etag: str | None = None
    last_modified: str | None = None
    entries: tuple[Entry, ...] = ()  # the last listing read


@dataclass(frozen=True)
class EntryRecord:
    link: str
    feed: str
    title: str
    result: Result
    error: str | None = None
    slug: str | None = None  # the episode's folder, once built
    date: str | None = None  # the episode's date (its pubDate), fixed at the first build
    failures: int = 0  # in a row
    retry_after: str | None = None  # ISO time; None: on the next round
    checked: str | None = None  # ISO time of the last attempt


@dataclass(frozen=True)
class FollowState:
    feeds: Mapping[str, FeedRecord] = field(default_factory=dict)
    entries: Mapping[str, EntryRecord] = field(default_factory=dict)


def retry_wait(failures: int) -> timedelta:
    """0 after the first failure (next round), then 10 min, 20 min, 40 min… up to a day."""
    if failures <= 1:
        return timedelta(0)
    wait: timedelta = FIRST_WAIT * 2 ** min(failures - 2, 16)  # no overflow after years
    return min(wait, LONGEST_WAIT)


def waiting(record: EntryRecord | None, now: datetime) -> bool:
    """Whether a failed entry's back-off still holds it this round."""
    if record is None or record.result != "failed" or record.retry_after is None:
        return False
    return now < datetime.fromisoformat(record.retry_after)


def after_success(
    entry: Entry, result: Result, slug: str | None, day: str | None, now: datetime
) -> EntryRecord:
    return EntryRecord(
        link=entry.link, feed=entry.feed, title=entry.title, result=result, slug=slug,
        date=day, checked=now.isoformat(timespec="seconds"),
    )  # fmt: skip


def after_failure(entry: Entry, old: EntryRecord | None, error: str, now: datetime) -> EntryRecord:
    failures = (old.failures if old and old.result == "failed" else 0) + 1
    wait = retry_wait(failures)
    return EntryRecord(
        link=entry.link,
        feed=entry.feed,
        title=entry.title,
        result="failed",
        error=error,
        slug=old.slug if old else None,
        date=old.date if old else None,
        failures=failures,
        retry_after=(now + wait).isoformat(timespec="seconds") if wait else None,
        checked=now.isoformat(timespec="seconds"),
    )


def with_entry(state: FollowState, key: str, record: EntryRecord) -> FollowState:
    return replace(state, entries={**state.entries, key: record})


def with_feed(state: FollowState, url: str, record: FeedRecord) -> FollowState:
    return replace(state, feeds={**state.feeds, url: record})


def load_state(outdir: Path) -> FollowState:
    path = state_path(outdir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"not format {FORMAT}")
        return FollowState(
            feeds={str(k): _feed(v) for k, v in data["feeds"].items()},
            entries={str(k): EntryRecord(**v) for k, v in data["entries"].items()},
        )
    except FileNotFoundError:
        return FollowState()
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        log.warning("ignoring unreadable %s (%s): every entry is checked again", path, exc)
        return FollowState()


def _feed(data: Any) -> FeedRecord:
    return FeedRecord(
        etag=data.get("etag"),
        last_modified=data.get("last_modified"),
        entries=tuple(Entry(**e) for e in data.get("entries", ())),
    )


def save_state(outdir: Path, state: FollowState) -> None:
    data = {
        "format": FORMAT,
        "feeds": {url: asdict(record) for url, record in sorted(state.feeds.items())},
        "entries": {key: asdict(record) for key, record in sorted(state.entries.items())},
    }
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    write_atomic(state_path(outdir), text.encode("utf-8"), durable=False)
