"""Written -> spoken Russian, news grade: one sentence in, its speakable form out.

The architecture of the field's reference normalizers (Kestrel, NeMo TN), in small steps:

1. the lexicon claims its words first (its readings win over everything);
2. the semiotic classes (`classes/`) claim every non-word span, in order: web addresses,
   phone numbers, legal references, dates and times, money and measures, ordinals, cardinals,
   abbreviations, acronyms, Latin words, symbols;
3. each class's verbalizer reads its span; wherever a number's case, gender or animacy
   matters it asks `context.py`, the one component that decides them from the words around;
4. the guard (`guard.py`) makes sure nothing outside the engine's alphabet survives, with a
   warning for anything no class read.

Every change keeps its written span, class and reason, for `tts normalize --explain`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from tts.text.normalize import latin
from tts.text.normalize.alphabet import ALPHABET, is_speakable
from tts.text.normalize.classes import CLASSES, in_library_phrase
from tts.text.normalize.guard import guard
from tts.text.normalize.lexicon import (
    Lexicon,
    default_lexicon,
    lexicon_pattern,
    load_lexicon,
    lookup,
)
from tts.text.normalize.notation import clean
from tts.text.normalize.rules import Change, Reading, Rule, Segment, apply_rules, rewrite
from tts.text.normalize.sentence import Sentence
from tts.text.normalize.stress import add_stress

__all__ = [
    "ALPHABET",
    "CLASSES",
    "Change",
    "Lexicon",
    "Normalized",
    "add_stress",
    "is_speakable",
    "load_lexicon",
    "normalize",
    "normalize_many",
]


@dataclass(frozen=True)
class _Trail:
    """What each stage saw; the audit trail is computed from it only when asked for."""

    source: str
    claims: tuple[Change, ...]
    segments: tuple[Segment, ...]
    rewritten: str


@dataclass(frozen=True)
class Normalized:
    text: str  # the written sentence
    spoken: str  # what the engine reads: always inside ALPHABET
    warnings: tuple[str, ...]
    trail: _Trail = field(repr=False, compare=False)

    @property
    def changes(self) -> tuple[Change, ...]:
        """Every change with its written span, class and reason (aligning the guard's changes
        costs a little, so it is done on demand: `--explain` and tests)."""
        return _changes(self.trail, self.spoken)


@lru_cache(maxsize=256)
def _changes(trail: _Trail, spoken: str) -> tuple[Change, ...]:
    from tts.text.normalize.explain import stage_changes

    changes = [
        *trail.claims,
        *stage_changes(trail.source, trail.segments, trail.rewritten, spoken, "guard"),
    ]
    return tuple(sorted(changes, key=lambda c: c.start))


@cache
def _lexicon_rule(lexicon: Lexicon) -> Rule | None:
    pattern = lexicon_pattern(lexicon)
    if pattern is None:
        return None

    def render(match: re.Match[str], sentence: Sentence) -> Reading | None:
        del sentence
        if in_library_phrase(match):
            return None
        spoken = lookup(lexicon, match.group())
        return Reading(spoken, "lexicon entry") if spoken else None

    return Rule("lexicon", pattern, render, "РК -> эр к+а")


def normalize(text: str, lexicon: Lexicon | None = None) -> Normalized:
    """One sentence (or line) -> its spoken form, with the audit trail of every change.
    Warnings are returned, not logged: the caller knows which sentence of what it is."""
    return _normalize(text, default_lexicon() if lexicon is None else lexicon)


@lru_cache(maxsize=16384)
def _normalize(text: str, lexicon: Lexicon) -> Normalized:
    """Cached: the result is a frozen value of (text, lexicon); books repeat lines."""
    lexicon_rule = _lexicon_rule(lexicon)
    rules = (lexicon_rule, *CLASSES) if lexicon_rule else CLASSES
    source = " ".join(clean(text).split())  # newlines and tabs are not speakable
    claims = apply_rules(source, rules)
    rewritten, segments = rewrite(source, claims)
    spoken, warnings = guard(rewritten)
    spoken = _keep_end(source, spoken)
    if latin.mostly_latin(source):
        warnings = (latin.MOSTLY_LATIN, *warnings)
    return Normalized(text, spoken, warnings, _Trail(source, claims, segments, rewritten))


_ENDS = ".!?…"


def _keep_end(source: str, spoken: str) -> str:
    """«Потратила 200 тыс.» -> «…двести тысяч.»: the dot that ended both the abbreviation and
    the sentence went with the abbreviation; the sentence keeps its end for the intonation."""
    if source[-1:] in _ENDS and spoken and spoken[-1] not in _ENDS:
        return spoken + "."
    return spoken


def normalize_many(texts: Sequence[str], lexicon: Lexicon | None = None) -> list[Normalized]:
    return [normalize(text, lexicon) for text in texts]
