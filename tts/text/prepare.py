"""Read → parse → segment → normalize: from input arguments to a Script ready to speak."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tts.errors import InputError, ParseError
from tts.text.chapters import plan_chapters, shorten
from tts.text.spoken_cache import Spoken
from tts.types import Article, Sentence

log = logging.getLogger(__name__)

# About 30 hours of speech. A longer text is a book: read as one episode it would take days to
# synthesize and tens of gigabytes of raw audio, so it is refused before any work starts.
MAX_EPISODE_CHARS = 2_000_000


@dataclass(frozen=True)
class Script:
    title: str
    author: str | None
    date: str | None
    sources: tuple[str, ...]
    lead: str
    sentences: tuple[Sentence, ...]
    chapters: tuple[tuple[str, int], ...]  # (title, position of first sentence)


def read_articles(inputs: Sequence[str], stdin: bytes | None = None) -> list[Article]:
    """Each input read and parsed; ``stdin``, when given, is what ``-`` reads (standard input
    read already: a worker process has none of its own)."""
    from tts.text.inputs import read_input
    from tts.text.parse import parse_bytes

    articles = []
    for arg in inputs:
        data, name = (stdin, "-") if arg == "-" and stdin is not None else read_input(arg)
        articles.append(parse_bytes(data, name))
    _check_length(articles, inputs)
    return articles


def _check_length(articles: Sequence[Article], inputs: Sequence[str]) -> None:
    chars = sum(
        len(a.title) + sum(len(s.heading or "") + sum(map(len, s.paragraphs)) for s in a.sections)
        for a in articles
    )
    if chars > MAX_EPISODE_CHARS:
        raise InputError(
            f"{', '.join(inputs)}: {chars:,} characters is too long for one episode (the limit "
            f"is {MAX_EPISODE_CHARS:,}, about 30 hours of speech); split the text into parts"
        )


def _lead(article: Article) -> str:
    for section in article.sections:
        if section.paragraphs:
            return section.paragraphs[0]
    return ""


def _renumber(sentences: Sequence[Sentence], start: int, section_offset: int) -> list[Sentence]:
    return [
        dataclasses.replace(s, index=start + n, section=s.section + section_offset)
        for n, s in enumerate(sentences)
    ]


def segment_articles(
    articles: Sequence[Article], max_chars: int
) -> tuple[list[Sentence], list[tuple[str, int]]]:
    """All sentences in reading order; one chapter per article when there are several."""
    from tts.text.segment import segment_article

    sentences: list[Sentence] = []
    chapters: list[tuple[str, int]] = []
    sections = 0
    for article in articles:
        own = segment_article(article, max_chars)
        if len(articles) == 1:
            chapters = plan_chapters(own, article.title)
        else:
            chapters.append((article.title, len(sentences)))
        sentences += _renumber(own, len(sentences), sections)
        sections += max(len(article.sections), 1)
    return sentences, chapters


def normalize_sentences(
    sentences: Sequence[Sentence],
    lexicons: Sequence[Path],
    stress: bool,
    cache_dir: Path | None = None,
    *,
    quiet: bool = False,
) -> list[Sentence]:
    """Each sentence with its spoken form; with ``cache_dir``, only sentences not normalized
    before (with the same lexicons and normalizer) are, and the rest come from the cache.
    ``quiet``: no warnings (parts of sentences whose warnings were given already)."""
    texts = [s.text for s in sentences]
    cache = None
    found: dict[str, Spoken] = {}
    if cache_dir is not None:
        from tts.text.spoken_cache import SpokenCache, fingerprint

        cache = SpokenCache(cache_dir, fingerprint(lexicons, stress))
        found = cache.get_many(texts)
    todo = [t for t in dict.fromkeys(texts) if t not in found]
    if todo:
        from tts.text.normalize import add_stress, load_lexicon, normalize_many

        results = normalize_many(todo, load_lexicon(list(lexicons)))
        spoken = [r.spoken for r in results]
        if stress:
            spoken = add_stress(spoken)
        for text, result, said in zip(todo, results, spoken, strict=True):
            found[text] = Spoken(said, result.warnings)
            if cache is not None:
                cache.put(text, found[text])
    for sentence in [] if quiet else sentences:
        for warning in found[sentence.text].warnings:
            log.warning(
                "sentence %d («%s»): %s", sentence.index, shorten(sentence.text, 60), warning
            )
    return [dataclasses.replace(s, spoken=found[s.text].spoken) for s in sentences]


def _drop_silent(
    sentences: Sequence[Sentence], chapters: Sequence[tuple[str, int]]
) -> tuple[tuple[Sentence, ...], tuple[tuple[str, int], ...]]:
    """Sentences with nothing to say leave the episode; chapter anchors move with the rest."""
    keep = [s for s in sentences if s.spoken.strip(" ,.!?;:–-…")]
    position = {s.index: n for n, s in enumerate(keep)}
    moved: list[tuple[str, int]] = []
    for title, first in chapters:
        later = [position[s.index] for s in sentences[first:] if s.index in position]
        if later and all(later[0] != p for _, p in moved):
            moved.append((title, later[0]))
    return tuple(keep), tuple(moved)


def episode_title(articles: Sequence[Article], title: str | None = None) -> str:
    """The given title, the article's, or for a digest the articles' titles joined."""
    if title is not None:
        return title
    if len(articles) == 1:
        return articles[0].title
    return "Дайджест: " + "; ".join(a.title for a in articles)


INTRO_CHAPTER = "Аудиоверсия"


def with_intro(
    sentences: Sequence[Sentence], chapters: Sequence[tuple[str, int]], title: str
) -> tuple[list[Sentence], list[tuple[str, int]]]:
    """A spoken «Аудиоверсия статьи «…»» first, as a chapter of its own (podcast.toml: intro)."""
    text = f"Аудиоверсия статьи «{title}»"
    intro = Sentence(0, 0, -2, (0, len(text)), text, kind="body")
    moved = _renumber(sentences, 1, 0)
    return [intro, *moved], [(INTRO_CHAPTER, 0), *((t, first + 1) for t, first in chapters)]


def prepare(
    inputs: Sequence[str],
    *,
    max_chars: int,
    lexicons: Sequence[Path] = (),
    stress: bool = False,
    title: str | None = None,
    articles: Sequence[Article] | None = None,
    intro: bool = False,
    cache_dir: Path | None = None,
) -> Script:
    """The spoken script of ``inputs``; ``cache_dir`` keeps spoken forms between builds."""
    articles = list(articles) if articles is not None else read_articles(inputs)
    first = articles[0]
    title = episode_title(articles, title)
    sentences, chapters = segment_articles(articles, max_chars)
    if intro:
        sentences, chapters = with_intro(sentences, chapters, title)
    spoken = normalize_sentences(sentences, lexicons, stress, cache_dir)
    kept, anchors = _drop_silent(spoken, chapters)
    if not kept:
        raise ParseError(f"{', '.join(inputs)}: nothing speakable in the text")
    return Script(
        title=title,
        author=first.author,
        date=first.date,
        sources=tuple(a.source for a in articles),
        lead=_lead(first),
        sentences=kept,
        chapters=anchors,
    )
