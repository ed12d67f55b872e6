"""Sentences -> caption cues a viewer can read: at most two lines of at most 42 characters
(the broadcast norm), cut where a reader would pause, each cue timed by its share of the
sentence's speech. Pure.

Where to cut is one small optimisation over the gaps between words (as line breaking in
typesetting is): every cue costs a little, so sentences are not shredded; every cut costs by
its clause level (a semicolon or a comma before «а», «что», «который» costs little, a plain
space more, a cut after a preposition or inside a number a lot; `tts.text.clauses` rates
them); and two lines of one cue cost by how unequal they are.

A sentence's audio is one clip, so the times inside it are estimated: each cue gets the share
of the clip that its words take of the spoken form («1,5 млрд» is «полтора миллиарда» long),
found by aligning the words that the written and the spoken form share.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import pairwise

from tts.text.clauses import (
    COLON,
    COMMA,
    CONJUNCTION,
    DASH,
    NEVER,
    SEMICOLON,
    SENTENCE,
    SPACE,
    WEAK,
    gaps,
)
from tts.types import Sentence, Timeline

LINE_CHARS = 42
MAX_LINES = 2

_HARD = 0  # inside a word longer than a line: the only way to keep within the limit
# Cost of a line break by clause level, against 1 per character of difference between the two
# lines: the clause decides, evenness only among equals. A cue break costs twice as much: a
# reader sees the two lines of a cue at once, but not two cues.
_BREAK = {
    SENTENCE: 0, SEMICOLON: 8, COLON: 16, DASH: 16, CONJUNCTION: 16, COMMA: 24,
    SPACE: 64, WEAK: 160, NEVER: 480, _HARD: 800,
}  # fmt: skip
_CUE = 80  # each cue: fewer, fuller cues are easier to follow
_QUOTED = 32  # a cue break inside a quotation
_SHORT = 20  # a cue shorter than this flashes by: 8 per missing character
_WORD = re.compile(r"\w+")
_DASHES = ("–", "—", "-")


@dataclass(frozen=True)
class Piece:
    """One cue's text: its span in the one-line sentence text and its lines."""

    start: int
    end: int
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Caption:
    sentence: int  # Sentence.index
    part: int  # 1, 2, … within the sentence
    start: int  # samples
    end: int
    lines: tuple[str, ...]


def one_line(text: str) -> str:
    # A blank line ends a cue in both SRT and WebVTT; "-->" would start a timing line.
    return " ".join(text.split()).replace("-->", "→")


def captions(timeline: Timeline, sentences: Sequence[Sentence]) -> list[Caption]:
    """Every cue of the timeline as one or more captions, in order, tiling its time."""
    by_index: Mapping[int, Sentence] = {s.index: s for s in sentences}
    found: list[Caption] = []
    for cue in timeline.cues:
        sentence = by_index[cue.sentence]
        written = one_line(sentence.text)
        pieces = cut(written)
        cuts = [p.start for p in pieces[1:]]
        times = split_time(written, sentence.spoken, cuts, cue.start, cue.end)
        found += [
            Caption(cue.sentence, n, start, end, piece.lines)
            for n, (piece, (start, end)) in enumerate(zip(pieces, pairwise(times), strict=True), 1)
        ]
    return found


def cut(text: str) -> list[Piece]:
    """``text`` (one line, as ``one_line`` makes it) cut into cues of at most MAX_LINES lines
    of at most LINE_CHARS characters, at the cheapest gaps."""
    tokens, levels = _tokens(text)
    if not tokens:  # an empty sentence: one empty cue, as before captions were cut
        return [Piece(0, len(text), (text,))]
    n = len(tokens)
    # best[j]: the cheapest way to set tokens[:j] as whole cues; came[j]: where its last began
    best: list[float] = [0.0] + [float("inf")] * n
    came = [0] * (n + 1)
    for i in range(n):
        if best[i] == float("inf"):
            continue
        for j in range(i + 1, n + 1):
            lines = _line_cost(tokens, levels, i, j)
            if lines is None:
                break  # a longer cue cannot fit either
            width = tokens[j - 1][1] - tokens[i][0]
            cost = best[i] + _CUE + lines[0] + 8 * max(0, _SHORT - width)
            if j < n:
                cost += 2 * _BREAK[levels[j][0]] + (_QUOTED if levels[j][1] else 0)
            if cost < best[j]:
                best[j], came[j] = cost, i
    starts = [n]
    while starts[-1]:
        starts.append(came[starts[-1]])
    bounds = starts[::-1]
    return [_piece(text, tokens, levels, i, j) for i, j in pairwise(bounds)]


Token = tuple[int, int]  # span in the text
Level = tuple[int, bool]  # the gap before a token: clause level, inside quotes


def _tokens(text: str) -> tuple[list[Token], list[Level]]:
    """Tokens between the gaps (a word longer than a line in line-sized parts) and, for each,
    the level of the gap before it (the first token's is unused)."""
    tokens: list[Token] = []
    levels: list[Level] = []
    start, level = 0, (SPACE, False)
    for gap in [*gaps(text), None]:
        end = gap.start if gap else len(text)
        for a in range(start, end, LINE_CHARS):
            tokens.append((a, min(a + LINE_CHARS, end)))
            levels.append(level if a == start else (_HARD, False))
        if gap:
            start, level = gap.end, (gap.level, gap.quoted)
    for k in range(1, len(tokens) - 1):
        if text[slice(*tokens[k])] in _DASHES:
            # Russian typesetting keeps a dash on the line before: «…тенге, –| объясняет»
            levels[k + 1], levels[k] = levels[k], (NEVER, levels[k][1])
    return tokens, levels


def _line_cost(
    tokens: Sequence[Token], levels: Sequence[Level], i: int, j: int
) -> tuple[int, int | None] | None:
    """The cheapest way to set tokens[i:j] as one cue: (cost, token that starts the second
    line, or None for one line); None when they do not fit."""
    width = tokens[j - 1][1] - tokens[i][0]
    if width <= LINE_CHARS:
        return 0, None
    best: tuple[int, int | None] | None = None
    for k in range(i + 1, j):
        first, second = tokens[k - 1][1] - tokens[i][0], tokens[j - 1][1] - tokens[k][0]
        if first > LINE_CHARS:
            break
        if second <= LINE_CHARS:
            cost = _BREAK[levels[k][0]] + abs(first - second)
            if best is None or cost < best[0]:
                best = (cost, k)
    return best


def _piece(text: str, tokens: Sequence[Token], levels: Sequence[Level], i: int, j: int) -> Piece:
    start, end = tokens[i][0], tokens[j - 1][1]
    split = _line_cost(tokens, levels, i, j)
    if split is None or split[1] is None:
        return Piece(start, end, (text[start:end],))
    k = split[1]
    return Piece(start, end, (text[start : tokens[k - 1][1]], text[tokens[k][0] : end]))


def split_time(written: str, spoken: str, cuts: Sequence[int], start: int, end: int) -> list[int]:
    """Sample positions of ``start``, each cut and ``end``: a cut at ``written[cut]`` falls
    where its share of the spoken form's characters has been read."""
    spoken = spoken.replace("+", "") or written  # stress marks are not spoken characters
    anchors = _anchors(written, spoken)
    ws = [w for w, _ in anchors]
    span, count = end - start, len(cuts) + 1
    times = [start]
    for n, at in enumerate(cuts, start=1):
        lo, hi = anchors[bisect_right(ws, at) - 1], anchors[bisect_left(ws, at)]
        said = lo[1] + (at - lo[0]) * (hi[1] - lo[1]) / (hi[0] - lo[0]) if hi[0] > lo[0] else lo[1]
        time = start + round(span * said / len(spoken))
        if span >= count:  # every cue at least one sample long, as far as the clip allows
            time = min(max(time, times[-1] + 1), end - (count - n))
        times.append(time)
    times.append(end)
    return times


def _anchors(written: str, spoken: str) -> list[tuple[int, int]]:
    """Pairs of positions known to match in the written and spoken form, both increasing:
    the ends of every word they share and of every region they put differently."""
    a = [(m.start(), m.end(), _key(m.group())) for m in _WORD.finditer(written)]
    b = [(m.start(), m.end(), _key(m.group())) for m in _WORD.finditer(spoken)]
    matcher = SequenceMatcher(None, [t[2] for t in a], [t[2] for t in b], autojunk=False)
    anchors = [(0, 0)]
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for (ws, we, _), (ss, se, _) in zip(a[i1:i2], b[j1:j2], strict=True):
                anchors += [(ws, ss), (we, se)]
        else:  # «2024» read as «две тысячи двадцать четвёртом»: its ends match, not its inside
            w0 = a[i1][0] if i1 < i2 else anchors[-1][0]
            s0 = b[j1][0] if j1 < j2 else anchors[-1][1]
            w1 = a[i2 - 1][1] if i1 < i2 else w0
            s1 = b[j2 - 1][1] if j1 < j2 else s0
            anchors += [(max(w0, anchors[-1][0]), max(s0, anchors[-1][1])), (w1, s1)]
    anchors.append((len(written), len(spoken)))
    return anchors


def _key(word: str) -> str:
    return word.lower().replace("ё", "е")
