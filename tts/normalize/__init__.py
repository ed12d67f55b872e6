"""Written -> spoken Russian, news grade: one sentence in, its speakable form out.

Order: the lexicon (wins over everything), our named rules (web, phones, money, times, units,
acronyms, agreement), ru-normalizr in `tts` mode for everything it reads well (numbers in
context, dates, years, Roman numerals, units, abbreviations, initials), then the guard, so the
result is always inside ALPHABET, the engine's alphabet.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from tts.normalize import acronyms, agreement, latin, money, ordinals, times, units, web
from tts.normalize.alphabet import ALPHABET, is_speakable
from tts.normalize.explain import compose, stage_changes
from tts.normalize.guard import guard
from tts.normalize.lexicon import Lexicon, default_lexicon, lexicon_pattern, load_lexicon, lookup
from tts.normalize.library import library_normalize
from tts.normalize.rules import Change, Rule, Segment, apply_rules, rewrite
from tts.normalize.stress import add_stress

__all__ = [
    "ALPHABET",
    "Change",
    "Lexicon",
    "Normalized",
    "RULES",
    "add_stress",
    "is_speakable",
    "load_lexicon",
    "normalize",
    "normalize_many",
]

log = logging.getLogger(__name__)

RULES: tuple[Rule, ...] = (
    *web.RULES,
    *money.RULES,
    *times.RULES,
    *units.RULES,
    *acronyms.RULES,
    *ordinals.RULES,
    *agreement.RULES,
)


@dataclass(frozen=True)
class _Trail:
    """What each stage saw; the audit trail is computed from it only when asked for."""

    source: str
    claims: tuple[Change, ...]
    segments: tuple[Segment, ...]
    rewritten: str
    read: str


@dataclass(frozen=True)
class Normalized:
    text: str  # the written sentence
    spoken: str  # what the engine reads: always inside ALPHABET
    warnings: tuple[str, ...]
    trail: _Trail = field(repr=False, compare=False)

    @property
    def changes(self) -> tuple[Change, ...]:
        """Every change with its written span and rule (aligning costs ~10% of a call, so
        it is done on demand: `--explain` and tests)."""
        return _changes(self.trail, self.spoken)


@lru_cache(maxsize=256)
def _changes(trail: _Trail, spoken: str) -> tuple[Change, ...]:
    through_library = compose(trail.segments, trail.rewritten, trail.read)
    changes = [
        *trail.claims,
        *stage_changes(trail.source, trail.segments, trail.rewritten, trail.read, "ru-normalizr"),
        *stage_changes(trail.source, through_library, trail.read, spoken, "guard"),
    ]
    return tuple(sorted(changes, key=lambda c: c.start))


@cache
def _lexicon_rule(lexicon: Lexicon) -> Rule | None:
    pattern = lexicon_pattern(lexicon)
    if pattern is None:
        return None

    def render(match: re.Match[str]) -> str | None:
        return None if acronyms.in_library_phrase(match) else lookup(lexicon, match.group())

    return Rule("lexicon", pattern, render, "РК -> эр к+а")


_PLACEHOLDER = re.compile(r"щщъ[а-к]+", re.IGNORECASE)


def _protect(claims: Sequence[Change]) -> tuple[list[Change], dict[str, str]]:
    """Lexicon readings are final: the library sees an inert word in their place (it would
    otherwise read the «т» of «т+энге» as tonnes)."""
    protected: list[Change] = []
    table: dict[str, str] = {}
    for index, claim in enumerate(claims):
        if claim.rule == "lexicon":
            key = "щщъ" + "".join("абвгдежзик"[int(d)] for d in str(index))
            table[key] = claim.spoken
            claim = replace(claim, spoken=key)
        protected.append(claim)
    return protected, table


def _restore(text: str, table: dict[str, str]) -> str:
    if not table:
        return text
    return _PLACEHOLDER.sub(lambda m: table.get(m.group().lower(), m.group()), text)


def normalize(text: str, lexicon: Lexicon | None = None) -> Normalized:
    """One sentence (or line) -> its spoken form, with the audit trail of every change.
    Warnings are returned, not logged: the caller knows which sentence of what it is."""
    return _normalize(text, default_lexicon() if lexicon is None else lexicon)


@lru_cache(maxsize=16384)
def _normalize(text: str, lexicon: Lexicon) -> Normalized:
    """Cached: the result is a frozen value of (text, lexicon); books repeat lines."""
    lexicon_rule = _lexicon_rule(lexicon)
    rules = (lexicon_rule, *RULES) if lexicon_rule else RULES
    source = " ".join(text.split())  # newlines and tabs are not speakable; spans follow this
    claims = apply_rules(source, rules)
    rewritten, segments = rewrite(source, claims)
    protected, table = _protect(claims)
    read = _restore(library_normalize(rewrite(source, protected)[0]), table)
    spoken, warnings = guard(read)
    spoken = _keep_end(source, spoken)
    if latin.mostly_latin(source):
        warnings = (latin.MOSTLY_LATIN, *warnings)
    return Normalized(text, spoken, warnings, _Trail(source, claims, segments, rewritten, read))


_ENDS = ".!?…"


def _keep_end(source: str, spoken: str) -> str:
    """«Потратила 200 тыс.» -> «…двести тысяч.»: the dot that ended both the abbreviation and
    the sentence went with the abbreviation; the sentence keeps its end for the intonation."""
    if source[-1:] in _ENDS and spoken and spoken[-1] not in _ENDS:
        return spoken + "."
    return spoken


def normalize_many(texts: Sequence[str], lexicon: Lexicon | None = None) -> list[Normalized]:
    """Many sentences; a loop for now (ru-normalizr has no faster batch path: measured)."""
    return [normalize(text, lexicon) for text in texts]
