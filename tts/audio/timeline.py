"""Clips and pauses → a Timeline, all arithmetic in whole samples.

The timeline is planned from clip lengths alone, so it can be built before (or while) the
audio itself streams to disk.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from tts.audio.chapters import timed_chapters
from tts.text.chapters import ChapterPlan
from tts.types import Chapter, Cue, Pauses, Sentence, Timeline
from tts.voice.clips import ms_to_samples


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


# A chunk ends at a paragraph (or larger) boundary once it has this many sentences, and at
# any sentence boundary once it has the maximum: about 5–60 s of speech, so an edit re-encodes
# little and a cold build does not pay one encoder start per sentence.
CHUNK_MIN_SENTENCES = 1
CHUNK_MAX_SENTENCES = 4


@dataclass
class Layout:
    """Cue positions as clips are appended one by one, with the pause after each.

    The stitch writes audio with it clip by clip and ``build_timeline`` plans with it, so
    both always agree. With ``align``, chunk boundaries are placed in pauses of at least
    ``min_gap`` samples, and such a pause is lengthened (by less than ``align`` samples) so the
    next chunk starts at a multiple of ``align``.
    """

    sentences: Sequence[Sentence]
    sample_rate: int
    pauses: Pauses
    align: int = 0
    min_gap: int = 0
    pos: int = 0
    cues: list[Cue] = field(default_factory=list)
    chunks: list[int] = field(default_factory=lambda: [0])
    in_chunk: int = 0  # sentences in the current chunk

    def add(self, length: int) -> int:
        """Place the next clip; returns the samples of silence that follow it."""
        i = len(self.cues)
        self.cues.append(Cue(self.sentences[i].index, self.pos, self.pos + length))
        pause = pause_after(self.sentences, i, self.pauses)
        gap = ms_to_samples(pause, self.sample_rate)
        end = self.pos + length + gap
        self.in_chunk += 1
        if self.align and gap >= max(self.min_gap, 1) and self._breaks_at(pause):
            end += -end % self.align
            self.chunks.append(end)
            self.in_chunk = 0
        self.pos = end
        return end - self.cues[-1].end

    def _breaks_at(self, pause: int) -> bool:
        if self.in_chunk >= CHUNK_MAX_SENTENCES:
            return True
        paragraph = pause != self.pauses.sentence  # a paragraph, section or title ends here
        return self.in_chunk >= CHUNK_MIN_SENTENCES and paragraph

    def timeline(self, chapters: ChapterPlan, lead_title: str | None = None) -> Timeline:
        cues = tuple(self.cues)
        total = cues[-1].end if cues else self.pos
        chunks = tuple(c for c in self.chunks if c < total) or (0,)
        plan = [(lead_title, -1), *chapters] if lead_title and cues else list(chapters)
        plan = timed_chapters(plan, self.sentences, cues, total, self.sample_rate)
        tiles = _tile_chapters(plan, cues, total)
        return Timeline(self.sample_rate, total, cues, tiles, chunks)


def build_timeline(
    sentences: Sequence[Sentence],
    lengths: Sequence[int],
    sample_rate: int,
    pauses: Pauses,
    chapters: ChapterPlan,
    *,
    lead: int = 0,
    lead_title: str | None = None,
    align: int = 0,
    min_gap: int = 0,
) -> Timeline:
    """Cues and chapters in samples. ``lead`` samples of other audio (a jingle) come first,
    as a chapter of their own when ``lead_title`` names it. ``align`` and ``min_gap`` plan
    encoding chunks (see Layout)."""
    if len(sentences) != len(lengths):
        raise ValueError("one clip length per sentence is required")
    layout = Layout(sentences, sample_rate, pauses, align, min_gap, pos=lead)
    for length in lengths:
        layout.add(length)
    return layout.timeline(chapters, lead_title)


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
