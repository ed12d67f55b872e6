"""Semiotic classes and the pass that lets them claim spans of the written text.

A class is a pattern plus a verbalizer that returns the spoken form of one match (with the
context that decided its form), or None to leave the span to a later class. Classes run in
order over the original text; a span claimed by an earlier class is never touched by a later
one, so every change keeps its exact written span, class and reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tts.text.normalize.sentence import Sentence


@dataclass(frozen=True)
class Change:
    """One rewrite: text[start:end] == written was read as spoken, by the named class, for
    the reason `why` (the context that decided case and form)."""

    start: int
    end: int
    written: str
    spoken: str
    rule: str
    why: str = ""


@dataclass(frozen=True)
class Reading:
    spoken: str
    why: str = ""
    cls: str = ""  # the class the span turned out to be, when not the rule's own


Verbalizer = Callable[[re.Match[str], Sentence], "Reading | str | None"]


@dataclass(frozen=True)
class Rule:
    """A semiotic class (or a narrower rule inside one): name, pattern, verbalizer."""

    name: str
    pattern: re.Pattern[str]
    render: Verbalizer
    example: str  # written -> spoken, shown by the docs and checked by the tests


def _free(claims: list[Change], start: int, end: int) -> bool:
    return all(end <= c.start or start >= c.end for c in claims)


def apply_rules(text: str, rules: Sequence[Rule]) -> tuple[Change, ...]:
    """Claims of every class on the original text, sorted by position, never overlapping."""
    sentence = Sentence(text)
    claims: list[Change] = []
    for rule in rules:
        for match in rule.pattern.finditer(text):
            if match.end() == match.start() or not _free(claims, match.start(), match.end()):
                continue
            reading = rule.render(match, sentence)
            if reading is None:
                continue
            if isinstance(reading, str):
                reading = Reading(reading)
            if reading.spoken == match.group():
                continue
            claims.append(
                Change(
                    match.start(),
                    match.end(),
                    match.group(),
                    reading.spoken,
                    reading.cls or rule.name,
                    reading.why,
                )
            )
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
