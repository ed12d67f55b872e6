"""Named rules and the pass that applies them to the written text.

Each rule is a regex plus a render function that returns the replacement for one match, or
None to leave it alone. Rules run in order over the original text; a span claimed by an earlier
rule is never touched by a later one, so every change keeps its exact written span.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    """One rewrite: text[start:end] == written was read as spoken, by the named rule."""

    start: int
    end: int
    written: str
    spoken: str
    rule: str


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    render: Callable[[re.Match[str]], str | None]
    example: str  # written -> spoken, shown by the docs and checked by the tests


def words_before(match: re.Match[str], count: int = 1) -> list[str]:
    """The lower-cased words right before a match: context for case and meaning."""
    return re.findall(r"[\w.]+", match.string[: match.start()].lower())[-count:]


def _free(claims: list[Change], start: int, end: int) -> bool:
    return all(end <= c.start or start >= c.end for c in claims)


def apply_rules(text: str, rules: Sequence[Rule]) -> tuple[Change, ...]:
    """Claims of every rule on the original text, sorted by position, never overlapping."""
    claims: list[Change] = []
    for rule in rules:
        for match in rule.pattern.finditer(text):
            if match.end() == match.start() or not _free(claims, match.start(), match.end()):
                continue
            spoken = rule.render(match)
            if spoken is None or spoken == match.group():
                continue
            claims.append(Change(match.start(), match.end(), match.group(), spoken, rule.name))
    return tuple(sorted(claims, key=lambda c: c.start))


Segment = tuple[int, int, int, int, bool]  # new start, new end, old start, old end, verbatim


def rewrite(text: str, claims: Sequence[Change]) -> tuple[str, tuple[Segment, ...]]:
    """The text with every claimed span replaced (padded with spaces where words would glue),
    and the segments that map positions of the new text back to the written one."""
    out: list[str] = []
    segments: list[Segment] = []
    pos = length = 0

    def emit(piece: str, old_start: int, old_end: int, verbatim: bool) -> None:
        nonlocal length
        out.append(piece)
        segments.append((length, length + len(piece), old_start, old_end, verbatim))
        length += len(piece)

    for claim in claims:
        emit(text[pos : claim.start], pos, claim.start, True)
        spoken = claim.spoken
        if claim.start > 0 and text[claim.start - 1].isalnum() and spoken[:1].isalnum():
            spoken = " " + spoken
        if claim.end < len(text) and text[claim.end].isalnum() and spoken[-1:].isalnum():
            spoken += " "
        emit(spoken, claim.start, claim.end, False)
        pos = claim.end
    emit(text[pos:], pos, len(text), True)
    return "".join(out), tuple(segments)
