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
import unicodedata
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
    source = " ".join(_clean(text).split())  # newlines and tabs are not speakable
    claims = apply_rules(source, rules)
    rewritten, segments = rewrite(source, claims)
    spoken, warnings = guard(rewritten)
    spoken = _keep_end(source, spoken)
    if latin.mostly_latin(source):
        warnings = (latin.MOSTLY_LATIN, *warnings)
    return Normalized(text, spoken, warnings, _Trail(source, claims, segments, rewritten))


_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
# An acute accent after a vowel is a stress mark («Фри́дрих»): Silero's «+» before the vowel.
_ACUTE = re.compile("([аеёиоуыэюяАЕЁИОУЫЭЮЯ])\u0301")


def _clean(text: str) -> str:
    """Invisible characters out; editors' stress accents as the engine's stress marks; words
    typed in two scripts («Всe знaют» with Latin «e», «a») in the script most of them use;
    accented Latin letters as plain ones («Ürei» -> «Urei»); a word and a number typed
    together apart again; Roman numerals typed in Cyrillic in Latin; thousands grouped by
    points or commas grouped by spaces; «3х3» typed apart («3 х 3»)."""
    if "\u0301" in text:
        text = _ACUTE.sub(r"+\1", text)
    text = _INVISIBLE.sub("", text).translate(_HYPHENS)
    if _CYRILLIC_ROMAN.search(text):
        text = _CYRILLIC_ROMAN.sub(_roman_in_latin, text)
    if _MIXED.search(text):
        text = _MIXED_WORD.sub(_one_script, text)
    if _LATIN_PREPOSITION.search(text):
        text = _LATIN_PREPOSITION.sub(lambda m: m.group().translate(_TO_CYRILLIC), text)
    if not text.isascii():
        text = _ACCENTED.sub(lambda m: unicodedata.normalize("NFKD", m.group())[0], text)
        text = _WORD_THEN_DIGIT.sub(" ", text)
    if _ADDRESS.search(text) and _GLUED_LIST_ITEMS.search(text):
        text = _GLUED_LIST_ITEMS.sub(_apart_in_list, text)  # «ул. Кропоткина, 1, 3, 9,11, 13»
    if _SPACED_MINUS.search(text):
        text = _SPACED_MINUS.sub(r"\g<prep> -", text)  # «до – 54 градусов»: a minus, typed apart
    if _SPACED_DECIMAL.search(text):
        text = _SPACED_DECIMAL.sub(r"\1,\2", text)  # «выросла на 0, 7 года»
    text = _TIMES_LETTER.sub(r" \g<0> ", text)  # «3х3», «2560x1440»: apart, for the size rule
    if _THOUSANDS.search(text):
        text = _THOUSANDS.sub(lambda m: re.sub(r"[.,]", " ", m.group()), text)
    return text


# «составил13 254 тенге», «к марту2022г.»: a lower-case word typed against a number
_WORD_THEN_DIGIT = re.compile(r"(?<=[а-яё]{3})(?=\d)|(?<=\d\d)(?=[а-яё]{4,})")  # «945,57пункта»
# House numbers listed after a street: «9,11» between two items is «9, 11», no decimal
_ADDRESS = re.compile(r"(?<!\w)(?:ул\.|улиц|дом|д\.|пр\.|проспект|переул|мкр)", re.IGNORECASE)
_GLUED_LIST_ITEMS = re.compile(r"(?<=, )(\d{1,3}),(\d{1,3})(?=, \d|;)")


def _apart_in_list(match: re.Match[str]) -> str:
    before = match.string[: match.start() - 2]
    if re.search(r"(?:^|[\s,])\d{1,3}[а-я]?$", before) and not re.search(r"\d,\d+$", before):
        return f"{match[1]}, {match[2]}"
    return match.group()


_SPACED_MINUS = re.compile(
    r"(?<!\w)(?P<prep>до|от|около|с|на)\s[–—-]\s(?=\d+(?:[,.]\d+)?\s?(?:°|градус))", re.IGNORECASE
)
# «73, 6 года», «126, 81 тенге»: a decimal typed with a space after its comma (the noun's
# singular genitive cannot follow «6» or «81» as a count, so no list is meant)
_SPACED_DECIMAL = re.compile(
    r"(?<![\d,.])(\d{1,4}), (\d?[05-9]|1\d)(?=\s(?:года|процента|тенге|рубля|доллара|метра|"
    r"километра|килограмма|тонны|балла|пункта|гектара|градуса)(?!\w))"
)
_TIMES_LETTER = re.compile(r"(?<=\d)[xхXХ](?=\d)")
# «100.000 долларов», «1,000 станций», «1.250.000»: thousands grouped by a point or a comma
# (no decimal has a fraction of exactly «000», and several groups are no decimal at all)
_THOUSANDS = re.compile(
    r"(?<![\d.,])(?:[1-9]\d{0,2}[.,]000|\d{1,3}(?:\.\d{3}){2,}|\d{1,3}(?:,\d{3}){2,})(?![.,]?\d)"
)
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})  # «14‑19 августа»: typeset hyphens
_LATIN_LOOKALIKES = "aceopxyABCEHKMOPTX"
_CYRILLIC_LOOKALIKES = "асеорхуАВСЕНКМОРТХ"
_TO_CYRILLIC = str.maketrans(_LATIN_LOOKALIKES, _CYRILLIC_LOOKALIKES)
_TO_LATIN = str.maketrans(_CYRILLIC_LOOKALIKES, _LATIN_LOOKALIKES)
_MIXED = re.compile(r"[а-яёА-ЯЁ][A-Za-z]|[A-Za-z][а-яёА-ЯЁ]")
_MIXED_WORD = re.compile(r"[A-Za-zа-яёА-ЯЁ]+")
_ACCENTED = re.compile("[À-ÖØ-öø-ÿĀ-ſ]")
# A one-letter preposition typed in Latin («C 22:00 21 мая», «c 5 лет»): before a number or
# a Russian word, at a sentence's start (capital) or after anything but a Latin word (small).
_LATIN_PREPOSITION = re.compile(
    r"(?:^|(?<=[.!?]\s))[CcOoAaKkYy](?=\s[\dа-яё])|(?<=[^\sA-Za-z]\s)[coaky](?=\s[\dа-яё])"
)


# «ХІІ театральный сезон», «ХХ век», «І полугодие»: Roman numerals typed with Cyrillic «Х»
# and the Ukrainian and Kazakh «І»
_CYRILLIC_ROMAN = re.compile(r"(?<![\w-])(?:І|(?=[XIV]*[ХІ])[ХІXIV]{2,6})(?![\w-])")
_ROMAN_TENS_UNITS = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")


def _roman_in_latin(match: re.Match[str]) -> str:
    latin = match.group().translate(str.maketrans("ХІ", "XI"))
    return latin if _ROMAN_TENS_UNITS.fullmatch(latin) else match.group()


def _one_script(match: re.Match[str]) -> str:
    word = match.group()
    cyrillic = [c for c in word if not c.isascii()]
    latin = [c for c in word if c.isascii()]
    if not cyrillic or not latin:
        return word
    minority = latin if len(cyrillic) >= len(latin) else cyrillic
    lookalikes = _LATIN_LOOKALIKES if minority is latin else _CYRILLIC_LOOKALIKES
    if all(c in lookalikes for c in minority):  # «Всe» with a Latin «e»: one script
        return word.translate(_TO_CYRILLIC if minority is latin else _TO_LATIN)
    # «передаетAlmaty.tv»: two words typed together, apart again
    return re.sub(r"(?<=[а-яёА-ЯЁ])(?=[A-Za-z])|(?<=[A-Za-z])(?=[а-яёА-ЯЁ])", " ", word)


_ENDS = ".!?…"


def _keep_end(source: str, spoken: str) -> str:
    """«Потратила 200 тыс.» -> «…двести тысяч.»: the dot that ended both the abbreviation and
    the sentence went with the abbreviation; the sentence keeps its end for the intonation."""
    if source[-1:] in _ENDS and spoken and spoken[-1] not in _ENDS:
        return spoken + "."
    return spoken


def normalize_many(texts: Sequence[str], lexicon: Lexicon | None = None) -> list[Normalized]:
    return [normalize(text, lexicon) for text in texts]
