"""Where a long sentence may be cut for an engine that reads at most so many characters:
at its best clause boundary (a semicolon, a dash, a conjunction after a comma), never inside
quotes or between a number and its unit. Serves the written text (segment) and the spoken
text (the voice stage, whose forms can be longer than what was written), and rates every
gap for the caption lines of the outputs stage. Pure."""

from __future__ import annotations

import re
from typing import NamedTuple

Span = tuple[int, int]

_NON_SPACE_ALL = re.compile(r"\S(?:.*\S)?", re.DOTALL)


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


_CONJUNCTIONS = _wordset(
    """и а но или либо что чтобы когда если потому поскольку так хотя пока где куда откуда
    чем как зато однако причем причём будто словно ибо тогда чей чья чьё чьи"""
)
_PREPOSITIONS = _wordset("в во на с со к ко о об обо от по у за из до для при без над под про")
_UNIT_AFTER_NUMBER = re.compile(r"(?:[а-яёa-z]{1,5}\.?|%|‰|°\w?)[,;:]?", re.IGNORECASE)
_ABBREVIATION = re.compile(r"\w\.|(?:млн|млрд|трлн|тыс)\.?", re.IGNORECASE)
_SPACE_RUN = re.compile(r"\s+")
_TOKEN_END = re.compile(r"\S+$")
_TOKEN_START = re.compile(r"\S+")
_DASHES = ("–", "—", "-")
_OPENERS = "«(“„["
_CLOSES = {"»": "«", ")": "(", "]": "[", "”": "“", "“": "„", '"': '"'}

# Cut levels, best first; a cut inside a number or abbreviation gets the worst.
SENTENCE, SEMICOLON, COLON, DASH, CONJUNCTION, COMMA, SPACE, WEAK, NEVER = range(9, 0, -1)


def _quote_depths(text: str) -> list[int]:
    """How many quotes or brackets are open before each character (and at the end)."""
    depths: list[int] = []
    stack: list[str] = []
    for char in text:
        depths.append(len(stack))
        if char in _CLOSES and stack and stack[-1] == _CLOSES[char]:
            stack.pop()  # '“' closes a Russian „…“ and opens an English “…”
        elif char in _OPENERS or char == '"':
            stack.append(char)
    depths.append(len(stack))
    return depths


def _starts_clause(words: list[str]) -> bool:
    first = words[0].lower() if words else ""
    if first in _CONJUNCTIONS or first.startswith("котор"):
        return True
    second = words[1].lower() if len(words) > 1 else ""
    return first in _PREPOSITIONS and second.startswith(("котор", "чем", "чег", "ком"))


def _cut_level(left: str, right: str, after: str) -> int:
    """How good a cut is between the token ``left`` and the token ``right``."""
    if left[-1].isdigit() and (right[0].isdigit() or _UNIT_AFTER_NUMBER.fullmatch(right)):
        return NEVER  # '1 500 000', '5 млн'
    if _ABBREVIATION.fullmatch(left):
        return NEVER  # 'т. е.', 'А. С. Пушкин', 'г. Москва', '2 млн рублей'
    last = left[-1]
    if last in ".!?…" or left.endswith(("?»", "!»", ".»", "…»")):
        return SENTENCE
    if last in ";:":
        return SEMICOLON if last == ";" else COLON
    if right in _DASHES:
        return DASH
    if last == ",":
        return CONJUNCTION if _starts_clause(_words(after)) else COMMA
    if left in _DASHES or left.lower() in _PREPOSITIONS or left.lower() in _CONJUNCTIONS:
        return WEAK  # do not leave 'в' or a dash hanging at the end of a piece
    return SPACE


def _best_cut(text: str, start: int, max_chars: int, depths: list[int]) -> tuple[int, int] | None:
    """The best whitespace run to cut at in text[start:start + max_chars + 1], or None."""
    best: tuple[tuple[int, ...], int, int] | None = None
    far_enough = start + max_chars // 4
    for space in _SPACE_RUN.finditer(text, start + 1):  # no endpos: it would cut a run short
        if space.start() > start + max_chars:
            break
        left_match = _TOKEN_END.search(text, max(start, space.start() - 40), space.start())
        right_match = _TOKEN_START.match(text, space.end())
        if not (left_match and right_match):
            continue
        after = text[space.end() : space.end() + 40]
        level = _cut_level(left_match.group(), right_match.group(), after)
        key = (level > NEVER, depths[space.start()] == 0, space.start() >= far_enough, level)
        if best is None or key >= best[0]:
            best = (key, space.start(), space.end())
    return None if best is None else (best[1], best[2])


def clause_spans(text: str, max_chars: int) -> list[Span]:
    """Spans of pieces of ``text`` of at most ``max_chars`` characters each."""
    if max_chars < 1:
        raise ValueError(f"max_chars must be positive, got {max_chars}")
    whole = _NON_SPACE_ALL.search(text)
    if not whole:
        return []
    start, end = whole.span()
    depths = _quote_depths(text) if end - start > max_chars else []
    spans: list[Span] = []
    while end - start > max_chars:
        cut = _best_cut(text, start, max_chars, depths)
        if cut is None:  # no space at all: a hard cut beats an engine that chokes
            cut = (start + max_chars, start + max_chars)
        spans.append((start, cut[0]))
        start = cut[1]
    spans.append((start, end))
    return spans


def split_clauses(text: str, max_chars: int) -> list[str]:
    """``text`` cut into pieces of at most ``max_chars`` at the best clause boundaries."""
    return [text[a:b] for a, b in clause_spans(text, max_chars)]


class Gap(NamedTuple):
    """A run of whitespace between two tokens, ``text[start:end]``, and how good a cut it is."""

    start: int
    end: int
    level: int  # SENTENCE (the best) down to NEVER
    quoted: bool  # inside quotes or brackets


def gaps(text: str) -> list[Gap]:
    """Every whitespace run of ``text`` that has a token on both sides, rated as ``clause_spans``
    rates its cuts (captions choose among them by their own measure)."""
    depths = _quote_depths(text)
    runs = [m.span() for m in _SPACE_RUN.finditer(text)]
    found = []
    for n, (start, end) in enumerate(runs):
        left_from = runs[n - 1][1] if n else 0
        right_to = runs[n + 1][0] if n + 1 < len(runs) else len(text)
        if start == left_from or end == right_to:
            continue  # leading or trailing whitespace
        after = text[end : end + 40]
        level = _cut_level(text[left_from:start], text[end:right_to], after)
        found.append(Gap(start, end, level, depths[start] > 0))
    return found
