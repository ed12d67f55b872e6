"""ru-normalizr 1.3.0 (pinned) in its `tts` mode: numbers in context, dates, years, Roman
numerals, units, abbreviations, initials. Our rules run before it and the guard after it.

Calls are cached: a book repeats many short lines, and one call costs about 2 ms.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

# Nothing for the library to do: no digit, Latin letter, capital run, inner dot or symbol.
_NEEDS_LIBRARY = re.compile(r"[0-9A-Za-z]|[А-ЯЁ]{2}|\.(?=\s*\S)|[^\w\s!?,.:;«»\"'()–—-]")


@cache
def _normalizer() -> Any:
    from ru_normalizr import NormalizeOptions, Normalizer

    # Single vowel letters in initials: «А. С. Ахметов» -> «а эс Ахметов», not «аа эс».
    return Normalizer(NormalizeOptions.tts(letter_vowel_mode="single"))


@lru_cache(maxsize=65536)
def library_normalize(text: str) -> str:
    if not text.strip() or not _NEEDS_LIBRARY.search(text):
        return text
    return str(_normalizer().normalize(text))
