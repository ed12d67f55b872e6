"""The semiotic classes, in the order they claim spans (an earlier class wins a span).

Web addresses and phone numbers come first (their digits and dots are not numbers), then legal
references, dates and times (which hold numbers a later class would misread), money, measures
and ranges, ordinals, codes, cardinals, then words: abbreviations, acronyms, Latin, symbols.
"""

from __future__ import annotations

from tts.text.normalize.classes import (
    abbreviations,
    acronyms,
    dates,
    latin_words,
    legal,
    numerals,
    quantity,
    symbols,
    times,
    web,
)
from tts.text.normalize.classes.legal import in_legal_phrase
from tts.text.normalize.rules import Rule

CLASSES: tuple[Rule, ...] = (
    *web.RULES,
    *symbols.EARLY,
    *legal.RULES,
    *times.RULES,
    *numerals.STREETS,
    *dates.RULES,
    *quantity.EARLY,
    *numerals.RULES,
    *quantity.RULES,
    *quantity.CARDINALS,
    *abbreviations.RULES,
    *acronyms.RULES,
    *latin_words.RULES,
    *symbols.LATE,
)


def in_library_phrase(match: object) -> bool:
    return in_legal_phrase(match)  # type: ignore[arg-type]


__all__ = ["CLASSES", "in_library_phrase"]
