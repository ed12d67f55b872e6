"""Plain text -> Article. The first non-empty line is the title; blank lines separate paragraphs.

Headings are recognised only in forms a news article never uses as a lone line (books, issue 7):
«Глава 1», «Часть вторая», «Пролог», and Roman or «N.» numbered lines when a text has several.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tts.text.parse.rules import Block, assemble, collapse, is_credit, parse_byline
from tts.types import Article

_ORDINAL = (
    r"(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|одиннадцат|двенадцат|"
    r"тринадцат|четырнадцат|пятнадцат|шестнадцат|семнадцат|восемнадцат|девятнадцат|двадцат|"
    r"последн)[а-яё]*"
)
# Case-sensitive inside IGNORECASE patterns: «Mix» or «civil» are words, not numbers.
_ROMAN = r"(?-i:(?=[IVXLCDM])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))"
_NO_STOP = r"(?:[.:]?|[.:]\s+[^\n]{1,80}?[^.!?…,;:\s])"  # a bare number, or number + short name
# (name, pattern, strong): strong forms are headings alone; weak ones need two in the text.
HEADING_PATTERNS: tuple[tuple[str, str, bool], ...] = (
    (
        "chapter",
        rf"(?:глава|часть|книга|том|раздел)\s+(?:\d{{1,3}}|{_ROMAN}|{_ORDINAL})"
        rf"{_NO_STOP}",
        True,
    ),  # Глава 1; ЧАСТЬ ВТОРАЯ; Глава III. Возвращение
    ("front-back", r"(?:пролог|эпилог|предисловие|послесловие|вместо\s+предисловия)\.?", True),
    ("roman", rf"{_ROMAN}{_NO_STOP}", False),  # IV; II. Детство
    ("numbered", r"\d{1,3}\.(?:\s+[^\n]{1,60}?[^.!?…,;:\s])?", False),  # 2.; 3. Дорога домой
)
_HEADINGS = [(n, re.compile(p, re.IGNORECASE), s) for n, p, s in HEADING_PATTERNS]
_SEPARATOR = re.compile(r"^[\s*•·=~_#—–-]+$")  # * * *, ***, ---, scene breaks
_BREAK_AFTER = re.compile(r"[.!?…:;][»\"”’)]*$")  # a sentence ends with the line
_STARTS_ITEM = re.compile(r"^(?:[–—-]\s|[•*·]\s|\d{1,3}[.)]\s)")  # dialogue dash, list item
_HEADING_MAX = 100


def parse_text(text: str, source: str) -> Article:
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return assemble("", [], source=source)
    title = collapse(lines[first])
    author, date, body = _front_matter(lines[first + 1 :], title)
    return assemble(title, _blocks(body), source=source, author=author, date=date)


def _front_matter(lines: list[str], title: str) -> tuple[str | None, str | None, list[str]]:
    """Drop repeated titles and credits before the body; read a byline or date from there."""
    author: str | None = None
    date: str | None = None
    key = title.casefold()
    for i, raw in enumerate(lines):
        line = collapse(raw)
        if not line or line.casefold() == key or is_credit(line):
            continue
        found = parse_byline(line)
        if found is None:
            return author, date, lines[i:]
        author, date = found[0] or author, found[1] or date
    return author, date, []


def _blocks(lines: list[str]) -> Iterator[Block]:
    groups = list(_groups(lines))
    counts: dict[str, int] = {}
    kinds = [_heading_kind(group) for group in groups]
    for kind in kinds:
        if kind is not None:
            counts[kind[0]] = counts.get(kind[0], 0) + 1
    for group, kind in zip(groups, kinds, strict=True):
        if not group:
            yield ("break", "")
        elif kind is not None and (kind[1] or counts[kind[0]] >= 2):
            yield ("heading", group[0])
        else:
            yield from (("paragraph", p) for p in _paragraphs(group))


def _groups(lines: list[str]) -> Iterator[list[str]]:
    """Runs of non-empty lines between blank lines, credits left out; a separator line
    (***, * * *, ---) is an empty run, a thematic break."""
    group: list[str] = []
    for raw in lines:
        line = collapse(raw)
        if line and _SEPARATOR.match(line):
            yield from ([group, []] if group else [[]])  # [] marks the thematic break
            group = []
        elif line and not is_credit(line):
            group.append(line)
        elif not line and group:
            yield group
            group = []
    if group:
        yield group


def _heading_kind(group: list[str]) -> tuple[str, bool] | None:
    if len(group) != 1 or len(group[0]) > _HEADING_MAX:
        return None
    for name, pattern, strong in _HEADINGS:
        if pattern.fullmatch(group[0]):
            return name, strong
    return None


def _paragraphs(group: list[str]) -> Iterator[str]:
    """Join wrapped lines; a line that ends a sentence, or a dialogue line, starts anew."""
    wrapped = _hard_wrapped(group)
    current = group[0]
    for line in group[1:]:
        if _STARTS_ITEM.match(line) or (not wrapped and _BREAK_AFTER.search(current)):
            yield current
            current = line
        elif current.endswith("-") and current[-2:-1].isalpha():
            current += line  # a word split at the line end: Алма-\nАты
        else:
            current = f"{current} {line}"
    yield current


def _hard_wrapped(group: list[str]) -> bool:
    """Lines of a similar width: a wrapped paragraph, whatever punctuation ends each line."""
    if len(group) < 3:
        return False
    widths = [len(line) for line in group[:-1]]
    return min(widths) >= 50 and min(widths) >= 0.75 * max(widths)
