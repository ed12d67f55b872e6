"""pymorphy3, shared and cached: building the analyser takes ~0.3 s and a parse ~50 µs, and
news text repeats its words."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

LOCATIVE = frozenset({"loct", "loc2"})


@cache
def analyser() -> Any:
    """The library's own analyser: one dictionary in memory, not two."""
    from ru_normalizr._morph import get_morph

    return get_morph()


@lru_cache(maxsize=65536)
def parses(word: str) -> tuple[Any, ...]:
    """Parses of a lower-case word, most probable first."""
    return tuple(analyser().parse(word))


def noun(lemma: str) -> Any:
    """The noun parse of a dictionary word («метр», «тысяча»), to inflect or agree with a
    number; None when the word is no noun."""
    return next((p for p in parses(lemma) if p.tag.POS == "NOUN"), None)


def has(word: str, pos: str, *grammemes: str) -> bool:
    """Some parse of the word is this part of speech with all these grammemes."""
    wanted = set(grammemes)
    return any(pos == p.tag.POS and wanted <= p.tag.grammemes for p in parses(word))


def best_pos(word: str) -> str | None:
    found = parses(word)
    return str(found[0].tag.POS) if found and found[0].tag.POS else None


@lru_cache(maxsize=65536)
def is_known(word: str) -> bool:
    return bool(analyser().word_is_known(word))
