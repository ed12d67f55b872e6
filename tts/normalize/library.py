"""ru-normalizr 1.3.0 (pinned) in its `tts` mode: numbers in context, dates, years, Roman
numerals, units, abbreviations, initials. Our rules run before it and the guard after it.

Speed: the library compiles (and analyses) some regular expressions inside its functions on
every call (`compile_scan` in roman_numerals, years, ...): 40% of its time on plain news text.
`compile_scan` is pure (pattern, flags) -> compiled pattern, so it is memoised here, once, in
every library module that imported it. Calls are also cached: a book repeats short lines.
"""

from __future__ import annotations

import logging
import re
import sys
from functools import cache, lru_cache
from typing import Any

log = logging.getLogger(__name__)

# Nothing for the library to do: no digit, non-Russian letter (Greek: «α» -> «альфа»),
# capital run, inner dot or symbol.
_NEEDS_LIBRARY = re.compile(r"[0-9]|[^\W\d_А-яЁё]|[А-ЯЁ]{2}|\.(?=\s*\S)|[^\w\s!?,.:;«»\"'()–—-]")


def _memoise_compile_scan() -> None:
    from ru_normalizr import text_scan

    original = text_scan.compile_scan
    cached = lru_cache(maxsize=None)(original)
    for name, module in list(sys.modules.items()):
        if name.startswith("ru_normalizr") and getattr(module, "compile_scan", None) is original:
            module.compile_scan = cached  # type: ignore[attr-defined]


@cache
def _normalizer() -> Any:
    from ru_normalizr import NormalizeOptions, Normalizer

    _memoise_compile_scan()
    # Single vowel letters in initials: «А. С. Ахметов» -> «а эс Ахметов», not «аа эс».
    return Normalizer(NormalizeOptions.tts(letter_vowel_mode="single"))


@lru_cache(maxsize=65536)
def library_normalize(text: str) -> str:
    if not text.strip() or not _NEEDS_LIBRARY.search(text):
        return text
    try:
        read = str(_normalizer().normalize(text))
    except Exception as exc:  # noqa: BLE001 - a library bug must not stop a whole book
        # pymorphy3 raises ValueError on characters without a Unicode name («𗀀»); the guard
        # still makes the text speakable, with a warning per leftover.
        log.warning(
            "ru-normalizr failed on %r (%s: %s); rules and guard only",
            text[:80],
            type(exc).__name__,
            exc,
        )
        return text
    return _square_metre(_one_thousand(_literary_plural(read)))


# The library says «пять килограмм»; the literary genitive plural is «килограммов» (the short
# form is colloquial, Russian grammar references give «граммов», «килограммов»).
_SHORT_PLURAL = re.compile(
    r"(?<!\bодин )(?<=[а-яё] )(?P<unit>(?:кило|милли|микро)?грамм)(?![\w-])", re.IGNORECASE
)
_NUMBER_WORD = re.compile(
    r"(?:ь|ре|ть|сто|сот|тысяч|тысяча|миллион|миллиард|ов|ста|ёх|ти|ми|ью)$", re.IGNORECASE
)


def _literary_plural(text: str) -> str:
    def fix(match: re.Match[str]) -> str:
        before = match.string[: match.start()].split()
        if before and _NUMBER_WORD.search(before[-1]):
            return match.group("unit") + "ов"
        return match.group()

    return _SHORT_PLURAL.sub(fix, text) if "грамм" in text else text


_ERAS = frozenset({"BC", "BCE", "CE", "AD"})  # «500 BCE»: the library reads the era
_AFTER_NUMBER = re.compile(r"\d(?:[\d  .,]*\d)?\s?°?$")  # «5 GB», «5 °F»


@cache
def _units() -> tuple[frozenset[str], frozenset[str]]:
    from ru_normalizr.numerals._constants import CASE_SENSITIVE_UNITS_DATA, UNITS_DATA

    return frozenset(UNITS_DATA), frozenset(CASE_SENSITIVE_UNITS_DATA)


def library_reads_unit(match: re.Match[str]) -> bool:
    """A capitalised token right after a number that the library reads as a unit or an era:
    «650 МБ» -> «мегабайтов», «5 IU», «10 000 МПа», «500 BCE»; our acronym rules leave it."""
    word = match.group()
    if not _AFTER_NUMBER.search(match.string[: match.start()]):
        return False
    folded, exact = _units()
    return word in _ERAS or word in exact or word.lower() in folded


# «1000 ₸» -> «тысяча тенге», «более 1500» -> «более тысячи пятисот», not the library's «одна
# тысяча», «одной тысячи»; «двадцать одна тысяча» keeps it.
_ONE_THOUSAND = re.compile(r"(?<![\w-])[Оо]дн(?:а|ой|у|ою) (?=тысяч(?:а|и|у|ей|ью)?\b)")
_TENS = re.compile(r"(?:дцать|десят|сто|сти|ста|сот)\s$", re.IGNORECASE)


def _one_thousand(text: str) -> str:
    if "тысяч" not in text:
        return text
    return _ONE_THOUSAND.sub(
        lambda m: m.group() if _TENS.search(m.string[: m.start()]) else "", text
    )


# «за 1 кв. м» -> the library's «за один квадратного метр»: a nominative (or accusative) «метр»
# takes «квадратный», «кубический».
_SQUARE_METRE = re.compile(
    r"(?P<adjective>квадратн|кубическ)ого (?P<noun>(?:кило|санти|милли|деци)?метр)(?![а-яё])"
)


def _square_metre(text: str) -> str:
    if "ого " not in text:
        return text
    return _SQUARE_METRE.sub(
        lambda m: (
            ("квадратный" if m["adjective"] == "квадратн" else "кубический") + " " + m["noun"]
        ),
        text,
    )
