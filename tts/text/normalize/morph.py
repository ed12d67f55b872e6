"""pymorphy3, shared and cached: the analyser loads in ~0.09 s (given its dictionary's path,
which skips a metadata scan) and a parse costs ~50 µs; news text repeats its words."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

LOCATIVE = frozenset({"loct", "loc2"})
# Nouns whose locative after «в»/«на» is the second one: «в году», not «в годе».
_LOC2 = {"год": "году", "час": "часу", "ряд": "ряду", "шкаф": "шкафу", "лес": "лесу"}


@cache
def analyser() -> Any:
    import pymorphy3
    import pymorphy3_dicts_ru  # type: ignore[import-untyped]

    return pymorphy3.MorphAnalyzer(path=pymorphy3_dicts_ru.get_path(), lang="ru")


@lru_cache(maxsize=65536)
def parses(word: str) -> tuple[Any, ...]:
    """Parses of a word (lower-cased here), most probable first; none for a word pymorphy3
    cannot shape (it fails on letters without a Unicode name, «𗀀»)."""
    try:
        return tuple(analyser().parse(word.lower()))
    except (KeyError, ValueError):
        return ()


@lru_cache(maxsize=4096)
def noun(lemma: str) -> Any:
    """The noun parse of a dictionary word («метр», «тысяча»), to inflect or agree with a
    number; None when the word is no noun."""
    return next((p for p in parses(lemma) if p.tag.POS == "NOUN" and p.normal_form == lemma), None)


def has(word: str, pos: str, *grammemes: str) -> bool:
    """Some parse of the word is this part of speech with all these grammemes."""
    wanted = set(grammemes)
    return any(pos == p.tag.POS and wanted <= p.tag.grammemes for p in parses(word))


def best_pos(word: str) -> str | None:
    found = parses(word)
    return str(found[0].tag.POS) if found and found[0].tag.POS else None


def lemma(word: str) -> str:
    found = parses(word)
    return str(found[0].normal_form) if found else word.lower()


@lru_cache(maxsize=65536)
def is_known(word: str) -> bool:
    return bool(analyser().word_is_known(word.lower()))


@lru_cache(maxsize=16384)
def inflect(lemma: str, *grammemes: str) -> str | None:
    """A noun's form: inflect(«километр», «gent», «plur») -> «километров»."""
    parse = noun(lemma) or next(iter(parses(lemma)), None)
    if parse is None:
        return None
    if "loct" in grammemes and "sing" in grammemes and lemma in _LOC2:
        return _LOC2[lemma]
    form = parse.inflect(set(grammemes))
    return str(form.word) if form is not None else None
