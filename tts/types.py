"""The central types. Frozen dataclasses only: every stage takes and returns these.

Times inside the core are whole samples; seconds appear only when formatting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

SentenceKind = Literal["title", "heading", "body"]
PartVoice = Literal["main", "quote"]


@dataclass(frozen=True)
class Section:
    """A run of paragraphs under one heading; the first section of an article has none."""

    heading: str | None
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Article:
    title: str
    sections: tuple[Section, ...]
    author: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) when the source gives one
    source: str = ""  # path or URL the article came from
    description: str | None = None


@dataclass(frozen=True)
class Part:
    """A stretch of a sentence read by one of the episode's two voices: ``span`` is a character
    range of ``Sentence.text``; ``spoken`` is that stretch's own spoken form."""

    span: tuple[int, int]
    voice: PartVoice
    spoken: str = ""


@dataclass(frozen=True)
class Sentence:
    """One unit of speech. ``index`` is the one id used everywhere (cue, SRT number, data-i).

    ``section`` and ``paragraph`` index into the article; ``span`` is the character range of
    ``text`` inside that paragraph (or inside the title/heading for those kinds).
    The transcript shows ``text``; the engine reads ``spoken``.
    """

    index: int
    section: int
    paragraph: int
    span: tuple[int, int]
    text: str
    spoken: str = ""
    kind: SentenceKind = "body"
    # Set only for a sentence that holds a quotation read by the quotation voice: the parts
    # tile ``text`` in order. Empty: the whole sentence is read by the main voice.
    parts: tuple[Part, ...] = ()


@dataclass(frozen=True)
class Clip:
    """Mono signed 16-bit little-endian PCM for one sentence."""

    pcm: bytes
    sample_rate: int

    @property
    def samples(self) -> int:
        return len(self.pcm) // 2


@dataclass(frozen=True)
class Cue:
    sentence: int  # Sentence.index
    start: int  # samples
    end: int


@dataclass(frozen=True)
class Chapter:
    title: str
    start: int  # samples
    end: int


@dataclass(frozen=True)
class Timeline:
    sample_rate: int
    total: int  # samples in the whole episode
    cues: tuple[Cue, ...]
    chapters: tuple[Chapter, ...]
    # Where each encoding chunk starts (samples; the first at 0). Chunks meet in pauses at
    # multiples of the MP3 frame, so each can be encoded, cached and reused on its own.
    chunks: tuple[int, ...] = (0,)


@dataclass(frozen=True)
class Pauses:
    """Silence inserted after a sentence, by the boundary that follows it (milliseconds)."""

    title: int = 900
    sentence: int = 350
    paragraph: int = 700
    section: int = 1200
    quote: int = 200  # inside a sentence, where the quotation voice takes over or hands back


@dataclass(frozen=True)
class Voice:
    """A voice preset (voices/*.toml)."""

    name: str
    engine: str
    speaker: str
    sample_rate: int
    rate: float = 1.0  # speed multiplier, 1.0 = the engine's natural pace
    model: str | None = None  # model id for engines that load one (Silero)
    pauses: Pauses = field(default_factory=Pauses)
    description: str = ""
    # The quotation voice: the same engine, model and sample rate, another speaker (its
    # preset's name is ``quote.name``). None: quotations are read by this voice.
    quote: Voice | None = None


@dataclass(frozen=True)
class EngineInfo:
    """What identifies the sound an engine makes: part of every cache key and of episode.json."""

    engine: str  # "espeak", "silero", "fake"
    version: str  # engine library / model format version
    model: str | None = None  # model id, e.g. "v5_5_ru"
    model_sha256: str | None = None


@dataclass(frozen=True)
class Cover:
    """Cover art to embed in the episode's files: a JPEG or PNG that passed the podcast rules
    (tts.podcast.artwork), with what an Ogg/FLAC picture block must state about it."""

    path: Path
    mime: str  # "image/jpeg" or "image/png"
    width: int  # pixels
    height: int

    @property
    def suffix(self) -> str:
        return ".png" if self.mime == "image/png" else ".jpg"
