"""Chapters from sentences: one per section, or the lead and the body; and where else a chapter
may start in a text without headings (a paragraph's first sentence: the audio stage picks
among them by time, `tts.audio.chapters`). Pure."""

from __future__ import annotations

from collections.abc import Sequence

from tts.types import Sentence

ChapterPlan = Sequence[tuple[str, int]]  # (title, index of its first sentence), in order

_SHORT_TITLE = 60
_FIRST_WORDS = 40


def plan_chapters(
    sentences: Sequence[Sentence], title: str, first: int = 0
) -> list[tuple[str, int]]:
    """One chapter per section; an article without headings gets the lead and the body.

    ``first`` offsets sentence positions when several articles share one episode.
    """
    headings = [(s.text, first + n) for n, s in enumerate(sentences) if s.kind == "heading"]
    if headings:
        has_lead = any(s.kind == "body" for s in sentences[: headings[0][1] - first])
        if not has_lead:
            return [(headings[0][0], first), *headings[1:]]
        return [(title, first), *headings]
    body = [(n, s) for n, s in enumerate(sentences) if s.kind == "body"]
    if not body:
        return [(title, first)]
    first_at = (body[0][1].section, body[0][1].paragraph)
    second = next(((n, s) for n, s in body if (s.section, s.paragraph) > first_at), None)
    if second is None:
        return [(title, first)]
    return [(title, first), (shorten(second[1].text), first + second[0])]


def paragraph_starts(sentences: Sequence[Sentence]) -> list[int]:
    """Positions of the sentences that begin a paragraph of body text."""
    starts: list[int] = []
    previous: tuple[str, int, int] | None = None
    for n, s in enumerate(sentences):
        place = (s.kind, s.section, s.paragraph)
        if s.kind == "body" and place != previous:
            starts.append(n)
        previous = place
    return starts


def shorten(text: str, limit: int = _SHORT_TITLE) -> str:
    """A chapter title from a sentence: cut at a word boundary, marked with an ellipsis."""
    text = text.strip().rstrip(".!?…")
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:–— ")
    return cut + "…"


def first_words(text: str, limit: int = _FIRST_WORDS) -> str:
    """A title for a chapter that starts mid-text: its first few words, cut at a word boundary,
    and an ellipsis, for the chapter goes on from there («Весной на станции установили…»)."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else text[:limit]
    return text.rstrip(",;:–—-.!?… ") + "…"
