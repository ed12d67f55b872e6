"""The Episode: what one build made, composed once and completely before anything is written.

``episode.json`` is its serialisation. Every output (transcripts aside, which come straight from
the timeline), the page, the EPUB, the library, the feed and batch read an Episode, never a
dict; ``Episode.load`` is the one place that reads one from disk and checks every field, so a
hand-edited or damaged file fails with one line naming the file and the field.
"""

from __future__ import annotations

import dataclasses
import json
import math
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, cast

from tts.errors import TTSError
from tts.types import PartVoice, SentenceKind

FORMAT = 1
# What a build can be asked for beyond the MP3 (always made); Files has a field for each.
OPTIONAL_FORMATS = ("m4a", "m4b", "opus", "epub")
FORMATS = ("mp3", *OPTIONAL_FORMATS)
_KINDS: tuple[str, ...] = ("title", "heading", "body")
# A 7-hour book's episode.json is a few MB; anything far larger is not one of ours.
MAX_BYTES = 64 * 2**20


class EpisodeError(TTSError):
    """A manifest that cannot be read: the message names the file and the field."""


@dataclass(frozen=True)
class Files:
    """The episode folder's files by kind: MP3, transcripts and page always; the rest on
    request. Declaration order is the order in episode.json."""

    mp3: str
    vtt: str | None = None
    srt: str | None = None
    json: str | None = None
    chapters: str | None = None
    html: str | None = None
    m4a: str | None = None
    m4b: str | None = None
    opus: str | None = None
    epub: str | None = None

    def items(self) -> Iterator[tuple[str, str]]:
        for f in fields(self):
            name = getattr(self, f.name)
            if name is not None:
                yield f.name, name

    def get(self, kind: str) -> str | None:
        value = getattr(self, kind, None) if kind in _FILE_KINDS else None
        return value if isinstance(value, str) else None

    def __contains__(self, kind: object) -> bool:
        return isinstance(kind, str) and self.get(kind) is not None


_FILE_KINDS = frozenset(f.name for f in fields(Files))


@dataclass(frozen=True)
class EpisodeChapter:
    title: str
    start: float  # seconds
    end: float


@dataclass(frozen=True)
class EpisodePart:
    """Who read which characters of a sentence's text (only sentences with a quotation)."""

    span: tuple[int, int]  # characters of EpisodeSentence.text, end exclusive
    voice: PartVoice  # "main" (the episode's speaker) or "quote" (its quote_speaker)
    spoken: str


@dataclass(frozen=True)
class EpisodeSentence:
    index: int  # the one id: cue, SRT number, the page's data-i, the EPUB's s<index>
    chapter: int
    section: int
    paragraph: int
    kind: SentenceKind
    text: str  # as written: what the transcript and the page show
    spoken: str  # what the engine read
    start: float  # seconds
    end: float
    parts: tuple[EpisodePart, ...] = ()  # tiles ``text`` when a quotation changed the voice


@dataclass(frozen=True)
class Loudness:
    integrated: float  # LUFS of the published MP3
    gain_db: float
    chunks: int
    chunks_encoded: int  # how many this build encoded (the rest came from the chunk cache)


@dataclass(frozen=True)
class Episode:
    guid: str
    slug: str
    title: str
    author: str | None
    date: str | None  # ISO 8601 date of the article, when it gives one
    created: str  # ISO 8601 time of the build
    source: str
    sources: tuple[str, ...]
    language: str
    lead: str
    engine: str
    engine_version: str
    voice: str
    speaker: str
    model: str | None
    model_sha256: str | None
    sample_rate: int
    duration: float  # seconds
    files: Files
    chapters: tuple[EpisodeChapter, ...]
    sentences: tuple[EpisodeSentence, ...]
    image: str | None = None  # the episode's own cover, a file in its folder (tts build --image)
    loudness: Loudness | None = None
    source_key: str | None = None  # equal keys: the published files are up to date
    # whose episode this is (a hash of the real paths and URLs it was built from): a build of
    # another article whose title makes the same slug gets a folder of its own
    source_id: str | None = None
    # when the episode was first published (ISO 8601 time, the feed's pubDate): the article's
    # own date, a date set with --date, or the first build's time; kept across rebuilds like
    # the guid, so a rebuilt episode never jumps to the top of subscribers' feeds
    published: str | None = None
    # the preset and speaker that read quotations (sentences' parts); None: no second voice
    quote_voice: str | None = None
    quote_speaker: str | None = None
    format: int = FORMAT

    def published_at(self) -> datetime:
        """When the episode was published, timezone-aware. An episode built before
        ``published`` was kept gets what the feed showed for it: the article's date at
        midnight UTC, else its build time."""
        if self.published is not None:
            return aware(datetime.fromisoformat(self.published))
        if self.date is not None:
            return day_start(self.date)
        return aware(datetime.fromisoformat(self.created))

    # --- to and from episode.json -------------------------------------------------------

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"format": self.format}
        for f in fields(self):
            if f.name == "format":
                continue
            value = getattr(self, f.name)
            if f.name in _OMITTED_WHEN_NONE and value is None:
                continue
            data[f.name] = _plain(value)
        return data

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def load(cls, path: Path) -> Episode:
        """Read and check ``path``; EpisodeError names the file and the first bad field.

        Any file can sit where an episode.json should (another build's, a hand edit, a
        symlink to /dev/zero), so every way reading can fail becomes EpisodeError: a size
        bound, json's RecursionError on deep nesting, and the reader's range checks."""
        try:
            regular = stat.S_ISREG(path.stat().st_mode)  # a FIFO would block the open
            if regular:
                with path.open("rb") as stream:
                    raw = stream.read(MAX_BYTES + 1)
        except OSError as exc:
            raise EpisodeError(f"{path}: cannot read: {exc.strerror or exc}") from exc
        if not regular:
            raise EpisodeError(f"{path}: not a regular file")
        if len(raw) > MAX_BYTES:
            raise EpisodeError(f"{path}: larger than {MAX_BYTES // 2**20} MiB")
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise EpisodeError(f"{path}: not UTF-8 text") from exc
        except RecursionError:
            raise EpisodeError(f"{path}: not JSON (nested too deeply)") from None
        except json.JSONDecodeError as exc:
            raise EpisodeError(f"{path}: not JSON ({exc})") from exc
        except ValueError:  # the only other: an integer beyond Python's digit limit
            raise EpisodeError(f"{path}: not JSON (a number with too many digits)") from None
        return cls.from_json(data, str(path))

    @classmethod
    def from_json(cls, data: object, where: str = "episode.json") -> Episode:
        reader = _Reader(where)
        return reader.episode(data)


def aware(moment: datetime) -> datetime:
    """A time without a zone is UTC (the only zone this tool writes times in without one)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def day_start(day: str) -> datetime:
    """An ISO date as a time: midnight UTC, the moment an article's own date is published at."""
    return datetime.combine(date.fromisoformat(day), time(0, 0), tzinfo=UTC)


_OMITTED_WHEN_NONE = (
    "image",
    "loudness",
    "source_key",
    "source_id",
    "published",
    "quote_voice",
    "quote_speaker",
)


def _plain(value: object) -> object:
    if isinstance(value, Files):
        return dict(value.items())
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in fields(value)  # type: ignore[arg-type]
            if not (f.name == "parts" and not getattr(value, f.name))  # one voice: no parts
        }
    return value


class _Reader:
    """Checks episode.json's data field by field; the first problem raises EpisodeError."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, field: str, problem: str) -> EpisodeError:
        return EpisodeError(f"{self.where}: {field}: {problem}")

    def mapping(self, value: object, field: str) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(field, "must be an object")
        return value

    def get(self, data: Mapping[str, Any], key: str, field: str) -> Any:
        if key not in data:
            raise self.fail(field + key, "missing")
        return data[key]

    def text(
        self, data: Mapping[str, Any], key: str, prefix: str = "", *, empty: bool = False
    ) -> str:
        value = self.get(data, key, prefix)
        if not isinstance(value, str):
            raise self.fail(prefix + key, f"must be a string, not {type(value).__name__}")
        self.unicode(value, prefix + key)
        if not empty and not value.strip():
            raise self.fail(prefix + key, "must not be empty")
        return value

    def optional_text(self, data: Mapping[str, Any], key: str) -> str | None:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise self.fail(key, f"must be a string or null, not {type(value).__name__}")
        if value is not None:
            self.unicode(value, key)
        return value

    def unicode(self, value: str, field: str) -> None:
        """JSON's \\ud800 escapes make strings no file can hold; writing one would fail later."""
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise self.fail(field, "holds a lone surrogate (not Unicode text)") from None

    def integer(self, data: Mapping[str, Any], key: str, prefix: str = "", *, low: int = 0) -> int:
        value = self.get(data, key, prefix)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(prefix + key, f"must be a whole number, not {type(value).__name__}")
        if value < low:
            raise self.fail(prefix + key, f"must be at least {low}, not {value}")
        return value

    def number(self, data: Mapping[str, Any], key: str, prefix: str = "") -> float:
        """A finite float: JSON allows 10**400 (too big for a float), NaN and Infinity."""
        value = self.get(data, key, prefix)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(prefix + key, f"must be a number, not {type(value).__name__}")
        try:
            number = float(value)
        except OverflowError:
            raise self.fail(prefix + key, "is too large") from None
        if not math.isfinite(number):
            raise self.fail(prefix + key, f"must be a finite number, not {number}")
        return number

    def moment(self, value: str, field: str) -> str:
        """An ISO 8601 time that converts to UTC: the feed and the library compare in UTC."""
        try:
            aware(datetime.fromisoformat(value)).astimezone(UTC)
        except ValueError:
            raise self.fail(field, f"not an ISO 8601 time: {value!r}") from None
        except OverflowError:
            raise self.fail(field, f"out of range in UTC: {value!r}") from None
        return value

    def seconds(self, data: Mapping[str, Any], key: str, prefix: str = "") -> float:
        value = self.get(data, key, prefix)
        if isinstance(value, float | int) and not isinstance(value, bool) and not value >= 0:
            raise self.fail(prefix + key, f"must be a time of at least 0, not {value}")
        return self.number(data, key, prefix)

    def episode(self, value: object) -> Episode:
        data = self.mapping(value, "(top level)")
        version = data.get("format")
        if version != FORMAT:
            raise self.fail("format", f"unknown version {version!r} (this tts reads {FORMAT})")
        day = self.optional_text(data, "date")
        if day is not None:
            try:
                date.fromisoformat(day)
            except ValueError:
                raise self.fail("date", f"not an ISO date: {day!r}") from None
        created = self.moment(self.text(data, "created"), "created")
        published = self.optional_text(data, "published")
        if published is not None:
            self.moment(published, "published")
        sources = self.get(data, "sources", "")
        if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
            raise self.fail("sources", "must be a list of strings")
        for n, source in enumerate(sources):
            self.unicode(source, f"sources[{n}]")
        duration = self.seconds(data, "duration")
        chapters = self.chapters(self.get(data, "chapters", ""), duration)
        episode = Episode(
            guid=self.text(data, "guid"),
            slug=self.text(data, "slug"),
            title=self.text(data, "title"),
            author=self.optional_text(data, "author"),
            date=day,
            created=created,
            source=self.text(data, "source", empty=True),
            sources=tuple(sources),
            language=self.text(data, "language"),
            lead=self.text(data, "lead", empty=True),
            engine=self.text(data, "engine"),
            engine_version=self.text(data, "engine_version", empty=True),
            voice=self.text(data, "voice"),
            speaker=self.text(data, "speaker", empty=True),
            model=self.optional_text(data, "model"),
            model_sha256=self.optional_text(data, "model_sha256"),
            sample_rate=self.integer(data, "sample_rate", low=1),
            duration=duration,
            files=self.files(self.get(data, "files", "")),
            chapters=chapters,
            sentences=self.sentences(self.get(data, "sentences", ""), len(chapters)),
            image=self.image(data.get("image")),
            loudness=self.loudness(data.get("loudness")),
            source_key=self.optional_text(data, "source_key"),
            source_id=self.optional_text(data, "source_id"),
            published=published,
            quote_voice=self.optional_text(data, "quote_voice"),
            quote_speaker=self.optional_text(data, "quote_speaker"),
        )
        return episode

    def files(self, value: object) -> Files:
        data = self.mapping(value, "files")
        for kind, name in data.items():
            if kind not in _FILE_KINDS:
                raise self.fail(f"files.{kind}", "unknown kind of file")
            self.file_name(name, f"files.{kind}")
        if "mp3" not in data:
            raise self.fail("files.mp3", "missing")
        return Files(**data)

    def file_name(self, name: object, field: str, *, optional: bool = False) -> str | None:
        """A file inside the episode's folder: a plain name, never a path."""
        if name is None and optional:
            return None
        if not isinstance(name, str) or not name or "/" in name or name in (".", ".."):
            raise self.fail(field, f"not a file name: {name!r}")
        self.unicode(name, field)
        return name

    def image(self, value: object) -> str | None:
        name = self.file_name(value, "image", optional=True)
        if name is not None and not name.lower().endswith((".jpg", ".jpeg", ".png")):
            raise self.fail("image", f"not a JPEG or PNG file name: {name!r}")
        return name

    def chapters(self, value: object, duration: float) -> tuple[EpisodeChapter, ...]:
        if not isinstance(value, list):
            raise self.fail("chapters", "must be a list")
        out: list[EpisodeChapter] = []
        for n, item in enumerate(value):
            at = f"chapters[{n}]."
            data = self.mapping(item, at.rstrip("."))
            chapter = EpisodeChapter(
                self.text(data, "title", at, empty=True),
                self.seconds(data, "start", at),
                self.seconds(data, "end", at),
            )
            if chapter.end < chapter.start:
                raise self.fail(at + "end", f"{chapter.end} comes before its start")
            if out and chapter.start < out[-1].start:
                raise self.fail(at + "start", "chapters are out of order")
            if chapter.end > duration + 0.001:
                raise self.fail(at + "end", f"{chapter.end} is past the duration {duration}")
            out.append(chapter)
        return tuple(out)

    def sentences(self, value: object, chapters: int) -> tuple[EpisodeSentence, ...]:
        if not isinstance(value, list):
            raise self.fail("sentences", "must be a list")
        out: list[EpisodeSentence] = []
        for n, item in enumerate(value):
            at = f"sentences[{n}]."
            data = self.mapping(item, at.rstrip("."))
            kind = self.text(data, "kind", at)
            if kind not in _KINDS:
                raise self.fail(at + "kind", f"must be one of {', '.join(_KINDS)}, not {kind!r}")
            sentence = EpisodeSentence(
                index=self.integer(data, "index", at),
                chapter=self.integer(data, "chapter", at),
                section=self.integer(data, "section", at),
                paragraph=self.integer(data, "paragraph", at, low=-1),
                kind=cast(SentenceKind, kind),
                text=self.text(data, "text", at, empty=True),
                spoken=self.text(data, "spoken", at, empty=True),
                start=self.seconds(data, "start", at),
                end=self.seconds(data, "end", at),
            )
            if "parts" in data:
                parts = self.parts(data["parts"], len(sentence.text), at + "parts")
                sentence = dataclasses.replace(sentence, parts=parts)
            if sentence.end < sentence.start:
                raise self.fail(at + "end", f"{sentence.end} comes before its start")
            if out and sentence.start < out[-1].start:
                raise self.fail(at + "start", "sentences are out of order")
            if chapters and sentence.chapter >= chapters:
                raise self.fail(at + "chapter", f"no chapter {sentence.chapter}")
            out.append(sentence)
        return tuple(out)

    def parts(self, value: object, length: int, field: str) -> tuple[EpisodePart, ...]:
        """Parts tile the sentence's text in order, each read by "main" or "quote"."""
        if not isinstance(value, list) or not value:
            raise self.fail(field, "must be a non-empty list")
        out: list[EpisodePart] = []
        for n, item in enumerate(value):
            at = f"{field}[{n}]."
            data = self.mapping(item, at.rstrip("."))
            span = self.get(data, "span", at)
            start = out[-1].span[1] if out else 0
            if (
                not isinstance(span, list)
                or len(span) != 2
                or not all(type(v) is int for v in span)
                or span[0] != start
                or not start < span[1] <= length
            ):
                raise self.fail(at + "span", f"must be [{start}, end] with end up to {length}")
            voice = self.get(data, "voice", at)
            if voice not in ("main", "quote"):
                raise self.fail(at + "voice", f"must be main or quote, not {voice!r}")
            spoken = self.text(data, "spoken", at, empty=True)
            out.append(EpisodePart((span[0], span[1]), cast(PartVoice, voice), spoken))
        if out[-1].span[1] != length:
            raise self.fail(field, f"parts end at {out[-1].span[1]}, not at {length}")
        return tuple(out)

    def loudness(self, value: object) -> Loudness | None:
        if value is None:
            return None
        data = self.mapping(value, "loudness")
        integrated = data.get("integrated")
        silent = isinstance(integrated, float) and integrated == -math.inf
        return Loudness(
            # A silent episode measures -inf LUFS, which json writes as -Infinity.
            integrated=-math.inf if silent else self.number(data, "integrated", "loudness."),
            gain_db=self.number(data, "gain_db", "loudness."),
            chunks=self.integer(data, "chunks", "loudness."),
            chunks_encoded=self.integer(data, "chunks_encoded", "loudness."),
        )


# How times reach people. One rounding and one clock for every duration and time shown or
# published (CLI, page, feed, show notes), so no two places disagree about the same episode
# (a 119.6 s episode was 1:59 on the page and 2:00 in the CLI). Down, as media players count:
# the page's own player (Chromium) shows 119.6 s as 1:59 right below our figure, and a chapter
# time rounded down never sends a listener past the chapter's first words.
def whole_seconds(seconds: float) -> int:
    """Whole seconds, rounded down (119.6 -> 119); never negative.

    Times are kept to the millisecond; the half-millisecond guard keeps a float a hair under a
    whole second (a sum of parts) from losing that second.
    """
    return max(0, math.floor(seconds + 0.0005))


def clock(seconds: float) -> str:
    """0:05, 1:59, 2:00, 1:02:03: minutes unpadded below an hour, as players show time."""
    hours, rest = divmod(whole_seconds(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
