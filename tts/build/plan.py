"""Before any synthesis: where the episode goes, what it is built from, and whether the
published one is already up to date (its source key matches and its files are there)."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tts import __version__
from tts.episode import FORMATS, Episode, EpisodeError, Files, day_start
from tts.errors import ExportError, InputError
from tts.outputs.compose import files_for
from tts.podcast.artwork import ArtworkError, read_cover
from tts.store.files import read_limited
from tts.store.outdir import episode_dir, locked, recover
from tts.store.slug import slugify, suffixed
from tts.text.prepare import episode_title
from tts.types import Article, Cover
from tts.voice.engines.registry import EngineSpec, engine_stamp

if TYPE_CHECKING:
    from tts.build import BuildOptions
    from tts.podcast.config import PodcastConfig

log = logging.getLogger(__name__)

_PACKAGE = Path(__file__).resolve().parents[1]
_DATE_OPTION = re.compile(r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d)?(?:Z|[+-]\d\d:\d\d)?)?")


@dataclass(frozen=True)
class Plan:
    """Decided right after reading: no normalization or synthesis has been paid for yet."""

    target: Path  # OUTDIR/<slug>
    files: Files  # what the folder will hold (unknown formats are refused here, early)
    key: str  # source_key: equal keys mean the published episode is up to date
    jingle: Path | None
    cover: Cover | None  # embedded in every file: the episode's own image, else the podcast's
    feed: bool  # the folder is a podcast: pages link its feed
    intro: bool  # the podcast reads an intro before the article
    published: Episode | None  # the episode already there and up to date, if any
    owner: Owner  # whose episode this is: decides which folder is this article's
    image: Cover | None = None  # the episode's own cover (--image), checked
    date: str | None = None  # the publication time set with --date (ISO 8601), if any


@dataclass(frozen=True)
class Owner:
    """An episode's source: the slug its title makes, its source id and its title."""

    slug: str
    source_id: str
    title: str

    def owns(self, episode: Episode) -> bool:
        """Whether ``episode`` was built from this source (and may be replaced, its GUID kept)."""
        if episode.source_id is not None:
            return episode.source_id == self.source_id
        # Built before episodes recorded their source: the same title, or the same sources
        # (a relative path read from here) stand for the same article.
        recorded = [(source, episode.title) for source in episode.sources]
        return episode.title == self.title or source_id(recorded) == self.source_id


def plan_build(
    opts: BuildOptions, articles: Sequence[Article], spec: EngineSpec, lexicons: Sequence[Path]
) -> Plan:
    podcast = _podcast_settings(opts.outdir)
    jingle = opts.outdir / podcast.jingle if podcast and podcast.jingle else None
    # A bad --image stops the build here, before any synthesis is paid for.
    image = read_cover(opts.image, str(opts.image)) if opts.image else None
    cover = image or _cover(opts.outdir, podcast)
    title = episode_title(articles, opts.title)
    owner = Owner(
        opts.slug or slugify(title), source_id([(a.source, a.title) for a in articles]), title
    )
    target = folder_for(opts.outdir, owner)
    files = files_for(target.name, opts.formats)
    intro = bool(podcast and podcast.intro)
    key = source_key(articles, opts, spec, lexicons, intro, jingle, cover)
    published = _unchanged(target, key)
    if published is not None and opts.date not in (None, published.published):
        published = None  # a new date is a change of its own (the rebuild synthesizes nothing)
    return Plan(
        target,
        files,
        key,
        jingle,
        cover,
        podcast is not None,
        intro,
        published,
        owner,
        image,
        opts.date,
    )


def date_option(text: str) -> str:
    """``--date``: YYYY-MM-DD (midnight UTC, as an article's own date) or YYYY-MM-DDTHH:MM in
    this computer's time zone (or in the one it names: +03:00, Z) -> an ISO 8601 time."""
    value = text.strip()
    try:
        if not _DATE_OPTION.fullmatch(value):
            raise ValueError(value)
        if len(value) == len("YYYY-MM-DD"):
            return day_start(value).isoformat()
        moment = datetime.fromisoformat(value)
        return (moment if moment.tzinfo else moment.astimezone()).isoformat(timespec="seconds")
    except (ValueError, OverflowError):
        raise InputError(f"--date must be YYYY-MM-DD or YYYY-MM-DDTHH:MM, not {text!r}") from None


def publication(
    article_date: str | None, given: str | None, previous: Episode | None, now: str
) -> str:
    """The episode's pubDate, set once and kept across rebuilds like its guid.

    A date set with --date wins. The article's own date wins when it is new to the folder (a
    first build, or the article now gives another date). Otherwise the published episode's
    time stays (its first build's, or a date set before); a first build of an undated
    article is published now."""
    if given is not None:
        return given
    if article_date is not None and (previous is None or previous.date != article_date):
        return day_start(article_date).isoformat()
    if previous is not None:
        return previous.published or previous.published_at().isoformat(timespec="seconds")
    return now


def source_id(sources: Sequence[tuple[str, str]]) -> str:
    """Whose episode a folder holds, from each input's (source, title): a file by its real path
    (``in/a.txt``, ``./in/a.txt`` and its absolute path are one source), a URL as it is,
    standard input (which has no name) by its title. Hashed: episode.json is served, and the
    paths of the machine that built it are nobody's business."""
    parts = []
    for source, title in sources:
        if source == "-":
            parts.append(f"-\n{title}")
        elif "://" in source:
            parts.append(source)
        else:
            parts.append(os.path.realpath(source))
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def folder_for(outdir: Path, owner: Owner) -> Path:
    """The folder of the slug, unless it holds another source's episode: then the slug with
    a suffix of this source's own. Two articles never share a folder (nor a GUID)."""
    target = episode_dir(outdir, owner.slug)
    there = previous_episode(target)
    if there is not None and owner.owns(there):
        return target
    other = episode_dir(outdir, suffixed(owner.slug, owner.source_id))
    elsewhere = previous_episode(other)
    if elsewhere is not None and owner.owns(elsewhere):
        return other  # published there while the slug's folder was another's
    if there is None:
        return target
    if elsewhere is not None:
        raise ExportError(f"{other} holds another article's episode; remove it or use --title")
    return other


@contextlib.contextmanager
def claimed(outdir: Path, plan: Plan) -> Iterator[Plan]:
    """The plan with its folder locked. plan_build chose the folder without a lock: should
    another article's episode have been published there since (a parallel build of a title
    with the same slug), this one moves to its own suffixed folder, locked too."""
    with locked(outdir, plan.target.name):
        recover(outdir, plan.target.name)  # a killed build's swap folder holds the owner
        there = previous_episode(plan.target)
        if there is None or plan.owner.owns(there):
            yield plan
            return
        target = folder_for(outdir, plan.owner)
        with locked(outdir, target.name):
            kinds = tuple(kind for kind, _ in plan.files.items() if kind in FORMATS)
            yield dataclasses.replace(
                plan, target=target, files=files_for(target.name, kinds), published=None
            )


def previous_episode(target: Path) -> Episode | None:
    """The episode published at ``target`` before this build, if it reads cleanly."""
    path = target / "episode.json"
    if not path.is_file():
        return None
    try:
        return Episode.load(path)
    except EpisodeError:
        return None  # damaged: rebuilt from scratch, with a new guid


def source_key(
    articles: Sequence[Article],
    opts: BuildOptions,
    spec: EngineSpec,
    lexicons: Sequence[Path],
    intro: bool,
    jingle: Path | None,
    cover: Cover | None,
) -> str:
    """Everything the published files depend on, known right after reading: the parsed
    articles, the options, the engine and voice, the lexicons' contents and the code. Equal
    keys mean nothing needs rebuilding, and checking costs no normalization or synthesis."""
    fields = {
        "version": __version__,
        "code": _code_stamp(),
        "articles": [dataclasses.asdict(a) for a in articles],
        "title": opts.title,
        "bitrate": opts.bitrate,
        "formats": sorted(opts.formats),
        "engine": engine_stamp(spec),
        "voice": dataclasses.asdict(spec.voice),
        "lexicons": [hashlib.sha256(read_limited(p, what="lexicon")).hexdigest() for p in lexicons],
        "intro": intro,
        "jingle": _file_stamp(jingle) if jingle else None,
        "cover": _file_stamp(cover.path) if cover else None,
        "image": _file_stamp(opts.image) if opts.image else None,
    }
    return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()


def _code_stamp() -> list[object]:
    """Sizes and times of the package's code (and assets): a changed rule, pause or page
    invalidates old episodes even when the version number stayed the same."""
    files = sorted(p for p in _PACKAGE.rglob("*") if p.suffix in {".py", ".js", ".css"})
    return [[str(p.relative_to(_PACKAGE)), p.stat().st_size, p.stat().st_mtime_ns] for p in files]


def _file_stamp(path: Path) -> list[object]:
    try:
        info = path.stat()
    except OSError:
        return [str(path)]
    return [str(path), info.st_size, info.st_mtime_ns]


def _unchanged(target: Path, key: str) -> Episode | None:
    """The published episode when it was built from exactly this key and its files are there."""
    episode = previous_episode(target)
    if episode is None or episode.source_key != key:
        return None
    if not all((target / name).is_file() for _, name in episode.files.items()):
        return None
    return episode


def _podcast_settings(outdir: Path) -> PodcastConfig | None:
    """The folder's podcast.toml (intro, jingle), when the folder is a podcast."""
    from tts.podcast.config import config_path, load_config

    return load_config(outdir) if config_path(outdir).is_file() else None


def _cover(outdir: Path, podcast: PodcastConfig | None) -> Cover | None:
    """The podcast's artwork file, embedded in every file (a URL cannot be). One that breaks
    the podcast rules is left out with a warning; `tts feed check` reports it as well."""
    if podcast is None or not podcast.image or "://" in podcast.image:
        return None
    path = outdir / podcast.image
    if not path.is_file():
        return None
    try:
        return read_cover(path)
    except ArtworkError as exc:
        log.warning("%s; the episode gets no cover", exc)
        return None
