"""The feed's shell: scan a folder of episodes, render feed.xml, write it safely.

Safety rules: one build at a time (a file lock), the feed replaced atomically, a feed edited by
hand backed up before it is replaced, and a GUID and pubDate once published kept for its
episode folder even if a later episode.json, built afresh, carries others. The feed and its
state are the folder's own files: a symbolic link in their place is never read through (it may
point at a secret outside the folder, which a backup would then copy in to be served); the
write replaces the link itself.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from tts.episode import Episode, Files, aware
from tts.errors import TTSError
from tts.podcast.config import PodcastConfig, load_config
from tts.podcast.feed import EpisodeEntry, entry_from_episode, render_feed
from tts.store.outdir import (
    file_lock,
    published_manifests,
    recover_all,
    state_dir,
    write_atomic,
)

log = logging.getLogger(__name__)

FEED_NAME = "feed.xml"
# in OUTDIR/.tts/ (store.outdir.state_dir), with the feed's backups: never published
STATE_NAME = "feed-state.json"
LOCK_NAME = "feed.lock"
LOCK_TIMEOUT = 120.0  # seconds; a feed build takes well under one


@dataclass(frozen=True)
class FeedState:
    """What the last build wrote: the feed's SHA-256, and the GUID and the pubDate (ISO 8601)
    of each published slug."""

    sha256: str | None = None
    guids: Mapping[str, str] = field(default_factory=dict)
    dates: Mapping[str, str] = field(default_factory=dict)


def build_feed(folder: Path, *, now: Callable[[], datetime] | None = None) -> Path:
    """Write folder/feed.xml from every folder/*/episode.json; return its path."""
    folder = Path(folder)
    config = load_config(folder)
    # file_lock: a lock file that is a symbolic link (a loop) is one line, not a traceback
    with file_lock(state_dir(folder) / LOCK_NAME, LOCK_TIMEOUT, "another feed build"):
        return _build_locked(folder, config, now or (lambda: datetime.now(UTC)))


def _build_locked(folder: Path, config: PodcastConfig, now: Callable[[], datetime]) -> Path:
    recover_all(folder)  # an episode a killed build moved aside must not drop out of the feed
    state = read_state(folder)
    entries = [keep_published(e, state) for e in scan_episodes(folder)]
    data = render_feed(config, entries)
    target = folder / FEED_NAME
    current = read_own(target)
    if current is not None:
        backup_if_edited(target, current, state.sha256, now(), state_dir(folder))
    if current != data:
        write_atomic(target, data)
        log.info("wrote %s (%d episodes)", target, len(entries))
    guids = dict(state.guids) | {e.slug: e.guid for e in entries}
    dates = dict(state.dates) | {e.slug: e.published.isoformat() for e in entries}
    sha256 = hashlib.sha256(data).hexdigest()
    write_state(folder, FeedState(sha256=sha256, guids=guids, dates=dates))
    return target


def scan_episodes(folder: Path) -> list[EpisodeEntry]:
    return [read_episode(path.parent) for path in published_manifests(folder)]


def read_episode(episode_dir: Path) -> EpisodeEntry:
    episode = Episode.load(episode_dir / "episode.json")
    entry = entry_from_episode(episode_dir.name, episode, file_sizes(episode_dir, episode.files))
    if entry.image and not (episode_dir / entry.image).is_file():
        log.warning("%s names the cover %s, which is missing", episode_dir / "episode.json",
                    entry.image)  # fmt: skip
        return replace(entry, image=None)  # the podcast's cover stands in
    return entry


def file_sizes(episode_dir: Path, files: Files) -> dict[str, int]:
    """Bytes of each listed file that exists (Episode.load keeps names inside the folder)."""
    sizes = {}
    for kind, name in files.items():
        path = episode_dir / name
        if path.is_file():
            sizes[kind] = path.stat().st_size
        else:
            log.warning("%s lists %s, which is missing", episode_dir / "episode.json", name)
    return sizes


def keep_published(entry: EpisodeEntry, state: FeedState) -> EpisodeEntry:
    """Apps key episodes by GUID and place them by pubDate: a new GUID makes every subscriber
    download the episode again, a new date moves it to the top of their lists. An episode.json
    with another GUID than the published one was built afresh (the old one was damaged or
    removed): the published GUID and date are kept. The same GUID with another date is a
    date set on purpose (tts build --date), and is published."""
    old = state.guids.get(entry.slug)
    if old is None or old == entry.guid:
        return entry
    log.warning("episode %s: keeping its published GUID %s (episode.json has %s)",
                entry.slug, old, entry.guid)  # fmt: skip
    published = _time(state.dates.get(entry.slug))
    if published is None or published == entry.published:
        return replace(entry, guid=old)
    log.warning("episode %s: keeping its published date %s (episode.json has %s)",
                entry.slug, published.isoformat(), entry.published.isoformat())  # fmt: skip
    return replace(entry, guid=old, published=published)


def _time(text: str | None) -> datetime | None:
    """A time the state recorded, or None when there is none that reads as one."""
    try:
        return aware(datetime.fromisoformat(text)) if text is not None else None
    except ValueError:
        return None


def read_own(path: Path) -> bytes | None:
    """The bytes of a file this build owns, or None when there is none to read: missing, or a
    symbolic link, which is not followed (said in a warning; writing replaces the link)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno != errno.ELOOP:  # ELOOP: the last component is a symbolic link
            raise TTSError(f"cannot read {path}: {exc.strerror or exc}") from exc
        log.warning("%s is a symbolic link (to %s); replacing the link, not reading it",
                    path, os.readlink(path))  # fmt: skip
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise TTSError(f"{path} is not a regular file; move it away")
        return handle.read()


def backup_if_edited(
    target: Path, current: bytes, written_sha256: str | None, when: datetime, where: Path
) -> Path | None:
    """Save a feed that is not what we last wrote as ``where``/feed.xml.bak-<UTC time> (the
    state folder: a backup is not to be published) and warn."""
    if hashlib.sha256(current).hexdigest() == written_sha256:
        return None
    stamp = when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    serial = 0
    while True:  # two edits within one second keep both copies
        name = f"{target.name}.bak-{stamp}" + (f"-{serial}" if serial else "")
        try:
            # O_EXCL: never through a link planted under the backup's name, dangling or not.
            fd = os.open(where / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            serial += 1
            continue
        with os.fdopen(fd, "wb") as handle:
            handle.write(current)
        log.warning(
            "%s was changed by hand; saved it as %s before rebuilding", target, where / name
        )
        return where / name


def read_state(folder: Path) -> FeedState:
    path = state_dir(folder) / STATE_NAME
    try:
        raw = read_own(path)
        data = json.loads(raw.decode("utf-8")) if raw is not None else {}
    except (TTSError, UnicodeDecodeError, RecursionError, ValueError) as exc:
        log.warning("ignoring unreadable %s: %s", path, exc)
        return FeedState()
    sha = data.get("sha256") if isinstance(data, dict) else None
    return FeedState(
        sha256=sha if isinstance(sha, str) else None,
        guids=_names(data, "guids"),
        dates=_names(data, "dates"),
    )


def _names(data: object, key: str) -> dict[str, str]:
    """The state's {slug: text} table under ``key``; {} when there is none."""
    table = data.get(key) if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in table.items()} if isinstance(table, dict) else {}


def write_state(folder: Path, state: FeedState) -> None:
    data = {
        "sha256": state.sha256,
        "guids": dict(sorted(state.guids.items())),
        "dates": dict(sorted(state.dates.items())),
    }
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    write_atomic(state_dir(folder) / STATE_NAME, text.encode("utf-8"))
