"""Clips and pauses → a Timeline, all arithmetic in whole samples.

The timeline is planned from clip lengths alone, so it can be built before (or while) the
audio itself streams to disk.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from tts.clips import ms_to_samples
from tts.model import Chapter, Cue, Pauses, Sentence, Timeline

ChapterPlan = Sequence[tuple[str, int]]  # (title, index of its first sentence), in order

_SHORT_TITLE = 60


def pause_after(sentences: Sequence[Sentence], i: int, pauses: Pauses) -> int:
    """Milliseconds of silence after sentence ``i``, by the boundary that follows it."""
    if i + 1 >= len(sentences):
        return 0
    cur, nxt = sentences[i], sentences[i + 1]
    if nxt.kind in ("title", "heading") or nxt.section != cur.section:
        return pauses.section
    if cur.kind == "title":
        return pauses.title
    if cur.kind == "heading" or nxt.paragraph != cur.paragraph:
        return pauses.paragraph
    return pauses.sentence


def build_timeline(
    sentences: Sequence[Sentence],
    lengths: Sequence[int],
    sample_rate: int,
    pauses: Pauses,
    chapters: ChapterPlan,
    *,
    lead: int = 0,
    lead_title: str | None = None,
) -> Timeline:
    """Cues and chapters in samples. ``lead`` samples of other audio (a jingle) come first,
    as a chapter of their own when ``lead_title`` names it."""
    if len(sentences) != len(lengths):
        raise ValueError("one clip length per sentence is required")
    cues: list[Cue] = []
    pos = lead
    for i, (sentence, length) in enumerate(zip(sentences, lengths, strict=True)):
        cues.append(Cue(sentence=sentence.index, start=pos, end=pos + length))
        pos += length + ms_to_samples(pause_after(sentences, i, pauses), sample_rate)
    total = cues[-1].end if cues else lead
    plan = [(lead_title, -1), *chapters] if lead_title and cues else list(chapters)
    return Timeline(sample_rate, total, tuple(cues), _tile_chapters(plan, cues, total))


def _tile_chapters(plan: ChapterPlan, cues: Sequence[Cue], total: int) -> tuple[Chapter, ...]:
    """Chapters start where their first cue starts (the first at 0) and end where the next
    begins. An anchor of -1 stands for audio before the first cue."""
    starts = [0 if n == 0 or first < 0 else cues[first].start for n, (_, first) in enumerate(plan)]
    ends = starts[1:] + [total]
    return tuple(
        Chapter(title, start, end)
        for (title, _), start, end in zip(plan, starts, ends, strict=True)
        if end > start or total == 0
    )


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
    second = next(((n, s) for n, s in body if s.paragraph > body[0][1].paragraph), None)
    if second is None:
        return [(title, first)]
    return [(title, first), (shorten(second[1].text), first + second[0])]


def shorten(text: str, limit: int = _SHORT_TITLE) -> str:
    """A chapter title from a sentence: cut at a word boundary, marked with an ellipsis."""
    text = text.strip().rstrip(".!?…")
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:–— ")
    return cut + "…"


def segments(timeline: Timeline) -> Iterator[tuple[int | None, int]]:
    """The audio in order: (sentence index, samples) for clips, (None, samples) for silence."""
    pos = 0
    for cue in timeline.cues:
        if cue.start > pos:
            yield None, cue.start - pos
        yield cue.sentence, cue.end - cue.start
        pos = cue.end
    if timeline.total > pos:
        yield None, timeline.total - pos
