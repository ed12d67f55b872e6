"""Rules shared by every input format: lines that are not read, bylines, dates, assembly.

Each table entry is (name, pattern) with an example that it matches in the comment.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Literal

from tts.errors import ParseError
from tts.types import Article, Section

# "break": a thematic break (--- in Markdown, <hr>, a line of *** in text), no text of its own
BlockKind = Literal["heading", "paragraph", "break"]
Block = tuple[BlockKind, str]

# Lines that credit a picture the listener cannot see. Matched at the start of a short line.
CREDIT_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "photo-provided",
        r"фото\s+(?:предоставил[аи]?|предоставлен[оаы]?)\b",
    ),  # Фото предоставил А. Б.
    (
        "photo-of",
        r"фото(?:графия)?\s+(?:пресс-службы|пресс-центра|из\s+архива|из\s+открытых"
        r"\s+источников|автора|с\s+(?:официального\s+)?сайта|из\s+(?:соц|социальных\s+)сетей)",
    ),
    # Фото пресс-службы акимата; Фото из архива редакции; Фото с сайта gov.kz
    (
        "label-colon",
        r"(?:фото|фотография|фотограф|фото\s*/\s*видео|видео|иллюстрация|коллаж|"
        r"инфографика|скриншот|источник\s+фото|автор\s+фото|photo|image)\s*[:—–-]",
    ),
    # Фото: пресс-служба Национального банка РК; Иллюстрация — ИИ
    ("illustrative", r"(?:иллюстративное\s+фото|фото\s+иллюстративное|кадр\s+из\s+видео)"),
    ("copyright-photo", r"(?:фото\s*©|©\s*фото|photo\s+by\b)"),  # © Фото: Reuters
)

# Site furniture that extractors keep and nobody wants read: links, ads, share buttons.
FURNITURE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("read-also", r"(?:читайте|смотрите|читать)\s+(?:также|тоже|ещё|еще)\b"),  # Читайте также: …
    ("subscribe", r"(?:подписывайтесь|подпишитесь)\s+на\b|читайте\s+нас\s+в\b"),  # … в Telegram
    ("advert", r"(?:реклама\s*(?:[:.]|$)|на\s+правах\s+рекламы)"),  # Реклама: кредит под 0%
    ("share", r"(?:поделиться|поделитесь)(?:\s+(?:в\s+соцсетях|новостью|ссылкой))?\s*[:.]?$"),
    ("copyright", r"(?:©|\(c\)\s*\d{4}|все\s+права\s+защищены)"),  # © 2025 Городские новости
)
_SHORT = 200  # credits and furniture are short; a long paragraph starting alike is prose
_CREDIT = re.compile("|".join(f"(?:{p})" for _, p in CREDIT_PATTERNS), re.IGNORECASE)
_FURNITURE = re.compile("|".join(f"(?:{p})" for _, p in FURNITURE_PATTERNS), re.IGNORECASE)
_LEAD_MARKS = re.compile(r"^[\s*_(\[«\"]+")

MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}  # stems: «3 марта», «1 мая», «20 июня»
_MONTH_RE = (
    r"(?:январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|август[а]?|"
    r"сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья])"
)
_DATE = re.compile(
    rf"(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH_RE})\s+(?P<y>\d{{4}})(?:\s*(?:года|г\.))?"  # 3 марта 2025
    r"|(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>\d{4})"  # 03.03.2025
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})",  # 2025-03-03
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:автор(?:\s+текста|\s+статьи)?|текст|материал\s+подготовил[аи]?|подготовил[аи]?)"
    r"\s*(?::|—|–|-)\s*(?P<rest>.+)$",
    re.IGNORECASE,
)  # Автор: Мария Исаева, 3 марта 2025 года
_DATE_LINE = re.compile(
    r"^(?:(?:дата(?:\s+публикации)?|опубликовано)\s*:?\s*)?(?P<date>.+?)(?:,?\s*\d{1,2}:\d{2})?$",
    re.IGNORECASE,
)  # Опубликовано: 12.11.2024, 10:30
_ODD = "\u00a0\u2000-\u200a\u202f\u205f\u3000"  # no-break and typographic spaces
_ODD_SPACE = re.compile(f"[{_ODD}]")
_SPACES = re.compile(
    f"[ \t\n\r\f\v][ \t\n\r\f\v{_ODD}]*|[{_ODD}]+[ \t\n\r\f\v][ \t\n\r\f\v{_ODD}]*"
)


def collapse(text: str) -> str:
    """One space between words (non-breaking spaces are kept: they bind numbers to units)."""
    if _ODD_SPACE.search(text) is None:
        return " ".join(text.split())  # the fast path, several times quicker than a regex
    return _SPACES.sub(" ", text).strip()


def is_credit(line: str) -> bool:
    return len(line) <= _SHORT and _CREDIT.match(_LEAD_MARKS.sub("", line)) is not None


def is_furniture(line: str) -> bool:
    return len(line) <= _SHORT and _FURNITURE.match(_LEAD_MARKS.sub("", line)) is not None


def is_read(paragraph: str) -> bool:
    """False for credits and site furniture: they are dropped, not narrated."""
    return not (is_credit(paragraph) or is_furniture(paragraph))


def parse_date(text: str) -> str | None:
    """The first date written in ``text`` as YYYY-MM-DD, or None."""
    m = _DATE.search(text)
    if m is None:
        return None
    if m["d"]:
        stem = next(s for s in MONTHS if m["m"].lower().startswith(s))
        parts = (int(m["y"]), MONTHS[stem], int(m["d"]))
    elif m["d2"]:
        parts = (int(m["y2"]), int(m["m2"]), int(m["d2"]))
    else:
        parts = (int(m["y3"]), int(m["m3"]), int(m["d3"]))
    try:
        return dt.date(*parts).isoformat()
    except ValueError:
        return None


def parse_byline(line: str) -> tuple[str | None, str | None] | None:
    """(author, date) from a byline or a date line; None when the line is neither."""
    line = collapse(line.strip("*_ "))
    if len(line) > _SHORT:
        return None
    m = _BYLINE.match(line)
    if m is not None:
        rest = m["rest"]
        date = parse_date(rest)
        found = _DATE.search(rest)
        author = rest[: found.start()] if found else rest
        return (author.strip(" ,;.—–-") or None, date)
    dm = _DATE_LINE.match(line)
    if dm is not None and _DATE.fullmatch(dm["date"].strip()) is not None:
        return (None, parse_date(dm["date"]))
    return None


def label(source: str) -> str:
    return "standard input" if source in ("", "-") else source


def assemble(
    title: str,
    blocks: Iterable[Block],
    *,
    source: str,
    author: str | None = None,
    date: str | None = None,
) -> Article:
    """Group collapsed blocks into sections; raise ParseError when nothing is left to read."""
    title = collapse(title)
    heads: list[str | None] = [None]
    bodies: list[list[str]] = [[]]
    for kind, text in blocks:
        if kind == "break":
            if bodies[-1]:  # a new section without a heading: the section pause, no chapter
                heads.append(None)
                bodies.append([])
            continue
        if not text:
            continue
        if kind == "heading":
            if bodies[-1] or heads[-1] is None:
                heads.append(text)
                bodies.append([])
            else:  # consecutive headings (Часть первая / Глава 1) make one chapter title
                heads[-1] = f"{heads[-1]}. {text}"
        elif is_read(text):
            bodies[-1].append(text)
    sections = [
        Section(h, tuple(b))
        for i, (h, b) in enumerate(zip(heads, bodies, strict=True))
        if b or i == 0
    ]
    if not any(s.paragraphs for s in sections):
        raise _nothing_to_read(title, source)
    return Article(title=title, sections=tuple(sections), author=author, date=date, source=source)


def _nothing_to_read(title: str, source: str) -> ParseError:
    if title:
        short = title if len(title) <= 60 else title[:57] + "…"
        return ParseError(f"{label(source)} has only a title («{short}») and no text to read")
    return ParseError(f"{label(source)} has no text to read")
