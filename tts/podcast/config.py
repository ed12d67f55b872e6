"""Podcast settings: `podcast.toml` in the episodes folder, read into a validated PodcastConfig."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tts.errors import TTSError
from tts.store.outdir import write_atomic

CONFIG_NAME = "podcast.toml"
ENCLOSURES = ("mp3", "m4a")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")
JINGLE_SUFFIXES = (".mp3", ".wav", ".m4a", ".ogg", ".opus", ".flac")

# Apple Podcasts categories and their subcategories (Apple's published list, 2024).
APPLE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "Arts": ("Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"),
    "Business": (
        "Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit",
    ),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": (
        "Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality",
    ),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": (
        "Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies",
        "Home & Garden", "Video Games",
    ),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": (
        "Business News", "Daily News", "Entertainment News", "News Commentary", "Politics",
        "Sports News", "Tech News",
    ),
    "Religion & Spirituality": (
        "Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion", "Spirituality",
    ),
    "Science": (
        "Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics",
        "Natural Sciences", "Nature", "Physics", "Social Sciences",
    ),
    "Society & Culture": (
        "Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships",
    ),
    "Sports": (
        "Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey",
        "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness",
        "Wrestling",
    ),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
}  # fmt: skip

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")


class PodcastConfigError(TTSError):
    """podcast.toml (or a `tts feed init` flag) holds a value the feed cannot use."""


@dataclass(frozen=True)
class PodcastConfig:
    title: str
    author: str
    email: str
    base_url: str  # absolute http(s) URL where the folder is served, ending in "/"
    description: str
    copyright: str = ""
    category: str = "News"
    subcategory: str | None = None
    explicit: bool = False
    image: str | None = None  # a file name inside the folder, or an absolute URL
    language: str = "ru"
    link: str | None = None  # the podcast's web site; the base URL when unset
    locked: bool = False
    enclosure: str = "mp3"  # "m4a" publishes the M4A where an episode has one
    intro: bool = False  # a spoken «Аудиоверсия статьи «…»» before the article
    jingle: str | None = None  # an audio file played first, relative to the folder

    @property
    def feed_url(self) -> str:
        return self.base_url + "feed.xml"

    @property
    def site_url(self) -> str:
        return self.link or self.base_url


def parse_category(text: str) -> tuple[str, str | None]:
    """'News' or 'News/Daily News' -> ('News', 'Daily News'), checked against Apple's list."""
    main, _, sub = (part.strip() for part in text.partition("/"))
    return check_category(main, sub or None)


def check_category(main: str, sub: str | None) -> tuple[str, str | None]:
    if main not in APPLE_CATEGORIES:
        known = ", ".join(APPLE_CATEGORIES)
        raise PodcastConfigError(f"unknown Apple Podcasts category {main!r}; known: {known}")
    if sub is not None and sub not in APPLE_CATEGORIES[main]:
        known = ", ".join(APPLE_CATEGORIES[main]) or "none"
        raise PodcastConfigError(f"unknown subcategory {sub!r} of {main!r}; known: {known}")
    return main, sub


def normalize_base_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PodcastConfigError(f"base URL must be an absolute http(s) URL, got {url!r}")
    if parts.query or parts.fragment:
        raise PodcastConfigError(f"base URL must not carry a query or fragment: {url!r}")
    return url.strip() if url.strip().endswith("/") else url.strip() + "/"


def validate_config(config: PodcastConfig, folder: Path | None = None) -> PodcastConfig:
    """Check every field; with `folder`, also that the image and jingle files exist there."""
    for name in ("title", "author", "description"):
        if not str(getattr(config, name)).strip():
            raise PodcastConfigError(f"podcast {name} must not be empty")
    if not _EMAIL.fullmatch(config.email):
        raise PodcastConfigError(f"owner e-mail looks wrong: {config.email!r}")
    if not _LANGUAGE.fullmatch(config.language):
        raise PodcastConfigError(f"language must be a code like 'ru', got {config.language!r}")
    if config.enclosure not in ENCLOSURES:
        raise PodcastConfigError(f"enclosure must be one of {ENCLOSURES}, got {config.enclosure!r}")
    check_category(config.category, config.subcategory)
    if config.link is not None:
        normalize_base_url(config.link)
    _check_image(config.image, folder)
    _check_jingle(config.jingle, folder)
    return _replace_base(config, normalize_base_url(config.base_url))


def _replace_base(config: PodcastConfig, base_url: str) -> PodcastConfig:
    values = {f.name: getattr(config, f.name) for f in fields(config)}
    values["base_url"] = base_url
    return PodcastConfig(**values)


def _check_image(image: str | None, folder: Path | None) -> None:
    if image is None or urlsplit(image).scheme in ("http", "https"):
        return
    if Path(image).name != image:
        raise PodcastConfigError(f"image must be a file name inside the folder: {image!r}")
    if Path(image).suffix.lower() not in IMAGE_SUFFIXES:
        raise PodcastConfigError(f"image must be JPEG or PNG: {image!r}")
    if folder is not None and not (folder / image).is_file():
        raise PodcastConfigError(f"image {image!r} not found in {folder}")


def _check_jingle(jingle: str | None, folder: Path | None) -> None:
    if jingle is None:
        return
    if Path(jingle).suffix.lower() not in JINGLE_SUFFIXES:
        raise PodcastConfigError(f"jingle must be one of {JINGLE_SUFFIXES}: {jingle!r}")
    if folder is not None and not (folder / jingle).is_file():
        raise PodcastConfigError(f"jingle {jingle!r} not found (paths are relative to {folder})")


def config_from_mapping(data: Mapping[str, Any], folder: Path | None = None) -> PodcastConfig:
    known = {f.name: f for f in fields(PodcastConfig)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise PodcastConfigError(f"{CONFIG_NAME}: unknown key {unknown[0]!r}")
    missing = [n for n, f in known.items() if f.default is MISSING and n not in data]
    if missing:
        raise PodcastConfigError(f"{CONFIG_NAME}: missing {', '.join(missing)}")
    for name, value in data.items():
        if not _type_ok(name, value):
            raise PodcastConfigError(f"{CONFIG_NAME}: {name} has the wrong type ({value!r})")
    return validate_config(PodcastConfig(**data), folder)


_BOOL_FIELDS = ("explicit", "locked", "intro")


def _type_ok(name: str, value: object) -> bool:
    if name in _BOOL_FIELDS:
        return isinstance(value, bool)
    return isinstance(value, str)  # TOML has no null: optional fields are simply absent


def config_path(folder: Path) -> Path:
    return folder / CONFIG_NAME


def load_config(folder: Path) -> PodcastConfig:
    path = config_path(folder)
    if not path.is_file():
        raise PodcastConfigError(
            f"{path} not found: run `tts feed init {folder} --title … --author … --email … "
            "--base-url …` first"
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PodcastConfigError(f"cannot read {path}: {exc}") from exc
    return config_from_mapping(data, folder)


def config_to_toml(config: PodcastConfig) -> str:
    lines = ["# Podcast settings for `tts feed build`; see `tts feed init --help`."]
    for f in fields(config):
        value = getattr(config, f.name)
        if value is None:
            continue
        shown = ("true" if value else "false") if isinstance(value, bool) else toml_string(value)
        lines.append(f"{f.name} = {shown}")
    return "\n".join(lines) + "\n"


def toml_string(text: str) -> str:
    """A TOML basic string: quote, backslash and control characters (DEL too) escaped."""
    escapes = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    out = []
    for ch in text:
        if ch in escapes:
            out.append(escapes[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def save_config(folder: Path, config: PodcastConfig) -> Path:
    path = config_path(folder)
    write_atomic(path, config_to_toml(config).encode("utf-8"))
    return path
