"""Numbers in words with case and gender (num2words, a dependency of ru-normalizr)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal

Case = Literal["nominative", "genitive", "dative", "accusative", "instrumental", "prepositional"]
Gender = Literal["m", "f", "n"]

_GENDER = {"m": "masculine", "f": "feminine", "n": "neuter"}


# num2words names Russian powers of a thousand up to 10**30 (нониллион); past that it fails.
_LARGEST = 10**33 - 1
_DIGITS = ("ноль", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять")


def num2words(value: int, **options: Any) -> str:
    # Imported on first use: num2words loads all its ~50 languages (~25 ms), and a rebuild
    # whose new sentences hold no number need not pay for it.
    from num2words import num2words as spell  # type: ignore[import-untyped]

    if abs(value) > _LARGEST:  # no name for it in any case: digit by digit
        return " ".join(_DIGITS[int(d)] for d in str(abs(value)))
    return str(spell(value, **options))


@lru_cache(maxsize=4096)
def cardinal(value: int, case: Case = "nominative", gender: Gender = "m") -> str:
    """«21» -> «двадцать один»; 1000 is «тысяча», not «одна тысяча»."""
    words = str(num2words(value, lang="ru", case=case, gender=_GENDER[gender]))
    parts = words.split()
    if 1000 <= value < 2000 and len(parts) > 1 and parts[1].startswith("тысяч"):
        parts = parts[1:]
    return " ".join(parts)


@lru_cache(maxsize=4096)
def ordinal(value: int, case: Case = "nominative", gender: Gender = "m") -> str:
    """«1957», prepositional -> «тысяча девятьсот пятьдесят седьмом»."""
    return str(num2words(value, lang="ru", to="ordinal", case=case, gender=gender))


def digits_in_groups(digits: str) -> str:
    """A group of a phone number: «00» -> «ноль ноль», «05» -> «ноль пять», «54» -> «пятьдесят
    четыре», «7172» -> «семьдесят один семьдесят два»."""
    if len(digits) == 4:
        return f"{digits_in_groups(digits[:2])} {digits_in_groups(digits[2:])}"
    if digits.startswith("0"):
        return " ".join("ноль" if d == "0" else cardinal(int(d)) for d in digits)
    return cardinal(int(digits))


def plural_form(value: int, one: str, few: str, many: str) -> str:
    """Noun form after a nominative number: 1 час, 2 часа, 5 часов, 21 час, 11 часов."""
    if value % 10 == 1 and value % 100 != 11:
        return one
    if value % 10 in (2, 3, 4) and value % 100 not in (12, 13, 14):
        return few
    return many


_FRACTION_NAMES = {1: "десят", 2: "сот", 3: "тысячн", 4: "десятитысячн"}


def decimal(text: str, case: Case = "nominative") -> str:
    """«14,25» -> «четырнадцать целых двадцать пять сотых», in the given case."""
    whole, _, frac = text.replace(".", ",").partition(",")
    if not frac:
        return cardinal(int(whole), case)
    frac = frac[:4]
    numerator = int(frac)
    one_whole = int(whole) % 10 == 1 and int(whole) % 100 != 11
    one_frac = numerator % 10 == 1 and numerator % 100 != 11
    whole_noun = _CELAYA[case][0 if one_whole else 1]
    stem = _FRACTION_NAMES[len(frac)]
    frac_noun = stem + _FRACTION_ENDINGS[case][0 if one_frac else 1]
    return (
        f"{cardinal(int(whole), case, 'f')} {whole_noun} "
        f"{cardinal(numerator, case, 'f')} {frac_noun}"
    )


_CELAYA: dict[str, tuple[str, str]] = {
    "nominative": ("целая", "целых"), "accusative": ("целую", "целых"),
    "genitive": ("целой", "целых"), "dative": ("целой", "целым"),
    "instrumental": ("целой", "целыми"), "prepositional": ("целой", "целых"),
}  # fmt: skip
_FRACTION_ENDINGS: dict[str, tuple[str, str]] = {
    "nominative": ("ая", "ых"), "accusative": ("ую", "ых"), "genitive": ("ой", "ых"),
    "dative": ("ой", "ым"), "instrumental": ("ой", "ыми"), "prepositional": ("ой", "ых"),
}  # fmt: skip

# The case a preposition gives the number after it (the usual reading in news text).
PREPOSITION_CASE: dict[str, Case] = {
    "в": "accusative", "во": "accusative", "на": "accusative", "за": "accusative",
    "про": "accusative", "через": "accusative", "до": "genitive", "от": "genitive",
    "около": "genitive", "из": "genitive", "без": "genitive", "для": "genitive",
    "более": "genitive", "менее": "genitive", "свыше": "genitive", "порядка": "genitive",
    "после": "genitive", "с": "genitive", "со": "genitive", "к": "dative", "ко": "dative",
    "по": "dative", "о": "prepositional", "об": "prepositional", "при": "prepositional",
    "под": "instrumental", "над": "instrumental", "между": "instrumental",
    "перед": "instrumental", "уровне": "genitive", "отметке": "genitive",
    "размере": "genitive",
}  # fmt: skip
