"""Chapters by time for a text without headings: a chapter longer than MAX_MINUTES is cut at
paragraph starts, about every TARGET_MINUTES of audio, each new chapter titled with its first
words. Headings, where a text has them, decide alone.

Decided here rather than in the text stage because only the clip lengths say where seven
minutes fall; a cut lands at the first cue of a paragraph, so it is exact to the sample. Pure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from tts.text.chapters import ChapterPlan, first_words, paragraph_starts
from tts.types import Cue, Sentence

TARGET_MINUTES = 7
MAX_MINUTES = 10  # a chapter up to this long stays whole (a short article keeps its chapters)
MIN_MINUTES = 3  # no cut leaves less than this on either side, whatever the paragraphs


def timed_chapters(
    plan: ChapterPlan, sentences: Sequence[Sentence], cues: Sequence[Cue], total: int, rate: int
) -> list[tuple[str, int]]:
    """``plan`` with its long chapters cut at paragraph starts; anchors of -1 (audio before
    the first cue, a jingle) are kept as they are."""
    if not cues or any(s.kind == "heading" for s in sentences):
        return list(plan)
    starts = paragraph_starts(sentences)
    result: list[tuple[str, int]] = []
    for n, (title, first) in enumerate(plan):
        result.append((title, first))
        if first < 0:
            continue
        last = plan[n + 1][1] if n + 1 < len(plan) else len(cues)
        inside = [p for p in starts if first < p < last]
        end = cues[last].start if last < len(cues) else total
        times = [cues[p].start for p in inside]
        cuts = [inside[k] for k in spread(times, cues[first].start, end, rate)]
        if cuts and first in starts:  # the parts of one chapter are titled alike
            result[-1] = (first_words(sentences[first].text), first)
        result += [(first_words(sentences[p].text), p) for p in cuts]
    return result


def spread(times: Sequence[int], begin: int, end: int, rate: int) -> list[int]:
    """Which of ``times`` (increasing, inside begin..end, in samples) cut begin..end into parts
    of about TARGET_MINUTES, none over MAX_MINUTES where the times allow: the stretch is split
    evenly, then each cut moves to the nearest time."""
    minute, length = 60 * rate, end - begin
    if length <= MAX_MINUTES * minute:
        return []
    parts = max(
        math.ceil(length / (MAX_MINUTES * minute)), round(length / (TARGET_MINUTES * minute))
    )
    shortest = MIN_MINUTES * minute
    chosen: list[int] = []
    for k in range(1, parts):
        ideal = begin + length * k / parts
        after = times[chosen[-1]] if chosen else begin
        fits = [i for i, t in enumerate(times) if t - after >= shortest <= end - t]
        if fits:
            chosen.append(min(fits, key=lambda i: abs(times[i] - ideal)))
    return chosen
