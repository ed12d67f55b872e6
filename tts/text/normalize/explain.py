"""The audit trail: which written span became which spoken words, by which class, and why.

The classes know their exact spans and the context that decided each form. The guard returns
only text, so its changes are found by aligning words before and after it and mapping
positions back to the written text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tts.text.normalize.rules import Change, Segment

Block = tuple[int, int, int, int]  # old start, old end, new start, new end (changed regions)
_TOKEN = re.compile(r"\w+|[^\w\s]")


def changed_blocks(old: str, new: str) -> list[Block]:
    """Regions of `old` that differ in `new`, at word granularity."""
    from difflib import SequenceMatcher  # only for --explain and tests

    a = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(old)]
    b = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(new)]
    matcher = SequenceMatcher(None, [t[2] for t in a], [t[2] for t in b], autojunk=False)
    blocks: list[Block] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        old_start = a[i1][0] if i1 < len(a) else len(old)
        old_end = a[i2 - 1][1] if i2 > i1 else old_start
        new_start = b[j1][0] if j1 < len(b) else len(new)
        new_end = b[j2 - 1][1] if j2 > j1 else new_start
        blocks.append((old_start, old_end, new_start, new_end))
    return blocks


def map_back(segments: Sequence[Segment], start: int, end: int) -> tuple[int, int]:
    """A span of the rewritten text -> the written span it came from."""

    def point(pos: int, is_end: bool) -> int:
        for new_start, new_end, old_start, old_end, verbatim in segments:
            if new_start <= pos <= new_end and (pos < new_end or is_end or new_start == new_end):
                if verbatim:
                    return old_start + (pos - new_start)
                return old_end if is_end else old_start
        return segments[-1][3] if segments else pos

    return point(start, False), point(end, True)


def _punctuation_only(text: str) -> bool:
    return not any(c.isalnum() for c in text)


def stage_changes(
    written: str, segments: Sequence[Segment], before: str, after: str, rule: str
) -> list[Change]:
    """Changes one text-only stage made, with spans in the written text."""
    changes = []
    for old_start, old_end, new_start, new_end in changed_blocks(before, after):
        spoken = after[new_start:new_end]
        start, end = map_back(segments, old_start, old_end)
        if _punctuation_only(before[old_start:old_end]) and _punctuation_only(spoken):
            continue
        changes.append(Change(start, end, written[start:end], spoken, rule))
    return changes


def compose(segments: Sequence[Segment], before: str, after: str) -> tuple[Segment, ...]:
    """Segments of `after` pointing into the written text, through `before`'s segments."""
    result: list[Segment] = []
    pos_old = pos_new = 0
    for old_start, old_end, new_start, new_end in changed_blocks(before, after):
        if old_start > pos_old or new_start > pos_new:
            a, b = map_back(segments, pos_old, old_start)
            result.append((pos_new, new_start, a, b, b - a == new_start - pos_new))
        a, b = map_back(segments, old_start, old_end)
        result.append((new_start, new_end, a, b, False))
        pos_old, pos_new = old_end, new_end
    a, b = map_back(segments, pos_old, len(before))
    result.append((pos_new, len(after), a, b, b - a == len(after) - pos_new))
    return tuple(result)


def format_changes(changes: Sequence[Change]) -> list[str]:
    """One line per change: «written» → «spoken»  [class: the context that decided it]."""
    return [
        f"  «{c.written}» → «{c.spoken.strip()}»  [{c.rule}{': ' + c.why if c.why else ''}]"
        for c in changes
    ]
