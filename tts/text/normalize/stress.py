"""Stress marks for the Silero models that need them (v4_ru, v5_cis_base), by silero-stress.

silero-stress imports torch and sets it to one thread at import; the thread count is restored.
It misplaces the `+` right after an opening «: «+Мы» -> «М+ы»... that is, it stresses the
quote instead of the word; the mark is moved back onto the word's vowel.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

_AFTER_QUOTE = re.compile(r"([«\"„“(])\+")


@cache
def _accentor() -> Any:
    import torch

    threads = torch.get_num_threads()
    try:
        from silero_stress import load_accentor

        return load_accentor("ru")
    finally:
        torch.set_num_threads(threads)


def fix_quote_stress(text: str) -> str:
    """A `+` placed right after an opening quote belongs to the word: drop it there, and if the
    word then has no mark, put one before its first vowel."""

    def repair(match: re.Match[str]) -> str:
        return match.group(1)

    fixed = _AFTER_QUOTE.sub(repair, text)
    return re.sub(
        r"(?<=[«\"„“(])([^\W\d_]+)",
        lambda m: m.group(1) if "+" in m.group(1) else _stress_first_vowel(m.group(1), text, m),
        fixed,
    )


def _stress_first_vowel(word: str, original: str, match: re.Match[str]) -> str:
    del original, match
    return (
        re.sub(r"([аеёиоуыэюяАЕЁИОУЫЭЮЯ])", r"+\1", word, count=1) if _vowels(word) == 1 else word
    )


def _vowels(word: str) -> int:
    return sum(1 for c in word.lower() if c in "аеёиоуыэюя")


def add_stress(texts: Sequence[str]) -> list[str]:
    """Each text with `+` before the stressed vowels (existing marks are kept)."""
    accentor = _accentor()
    return [fix_quote_stress(str(accentor(text))) if text.strip() else text for text in texts]
