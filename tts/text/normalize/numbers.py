"""Numbers in words, in any case, gender and animacy (`spelling.py` has the tables).

Spelling only: which case, gender or number a number takes is decided in `context.py`.
"""

from __future__ import annotations

from typing import Literal

from tts.text.normalize.spelling import LARGEST, spell, spell_ordinal

Case = Literal["nominative", "genitive", "dative", "accusative", "instrumental", "prepositional"]
Gender = Literal["m", "f", "n"]

# pymorphy3's case grammemes and ours.
CASE_OF_TAG: dict[str, Case] = {
    "nomn": "nominative", "gent": "genitive", "gen2": "genitive", "datv": "dative",
    "accs": "accusative", "ablt": "instrumental", "loct": "prepositional",
    "loc2": "prepositional", "voct": "nominative",
}  # fmt: skip
TAG_OF_CASE: dict[Case, str] = {
    "nominative": "nomn", "genitive": "gent", "dative": "datv", "accusative": "accs",
    "instrumental": "ablt", "prepositional": "loct",
}  # fmt: skip
GENDER_OF_TAG: dict[str, Gender] = {"masc": "m", "femn": "f", "neut": "n"}

_CASE_INDEX: dict[Case, int] = {
    "nominative": 0, "genitive": 1, "dative": 2, "accusative": 3, "instrumental": 4,
    "prepositional": 5,
}  # fmt: skip
DIGITS = ("ноль", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять")


def takes_singular(value: int) -> bool:
    """1, 21, 101: the counted noun is singular («двадцать один год»)."""
    return value % 10 == 1 and value % 100 != 11


def is_paucal(value: int) -> bool:
    """2–4, 22–24: the noun is a genitive singular after the nominative («два года»)."""
    return value % 10 in (2, 3, 4) and value % 100 not in (12, 13, 14)


def cardinal(
    value: int, case: Case = "nominative", gender: Gender = "m", animate: bool = False
) -> str:
    """«21» -> «двадцать один»; 1000 is «тысяча», not «одна тысяча». An animate accusative
    takes the genitive form only where Russian does: «двух студентов», «двадцать одного
    студента», but «двадцать два студента», «пять студентов». A number too large to have a
    name is read digit by digit."""
    if abs(value) > LARGEST:
        return digit_by_digit(str(abs(value)))
    animate = animate and case == "accusative" and (value in (2, 3, 4) or takes_singular(value))
    return spell(value, _CASE_INDEX[case], gender, animate)


def ordinal(
    value: int,
    case: Case = "nominative",
    gender: Gender = "m",
    plural: bool = False,
    animate: bool = False,
) -> str:
    """«1957», prepositional -> «тысяча девятьсот пятьдесят седьмом»; plural «1990-х» ->
    «тысяча девятьсот девяностых». An animate accusative is the genitive («второго игрока»)."""
    if abs(value) > LARGEST:
        return digit_by_digit(str(abs(value)))
    return spell_ordinal(value, _CASE_INDEX[case], "p" if plural else gender, animate)


def digits_in_groups(digits: str) -> str:
    """A group of a phone number: «00» -> «ноль ноль», «05» -> «ноль пять», «54» -> «пятьдесят
    четыре», «7172» -> «семьдесят один семьдесят два»."""
    if len(digits) == 4:
        return f"{digits_in_groups(digits[:2])} {digits_in_groups(digits[2:])}"
    if digits.startswith("0"):
        return " ".join("ноль" if d == "0" else cardinal(int(d)) for d in digits)
    return cardinal(int(digits))


def digit_by_digit(digits: str) -> str:
    """«007» -> «ноль ноль семь»."""
    return " ".join(DIGITS[int(d)] for d in digits if d.isdigit())


def plural_form(value: int, one: str, few: str, many: str) -> str:
    """Noun form after a nominative number: 1 час, 2 часа, 5 часов, 21 час, 11 часов."""
    if takes_singular(value):
        return one
    if is_paucal(value):
        return few
    return many


_FRACTION_NAMES = {
    1: "десят",
    2: "сот",
    3: "тысячн",
    4: "десятитысячн",
    5: "стотысячн",
    6: "миллионн",
    7: "десятимиллионн",
    8: "стомиллионн",
    9: "миллиардн",
    10: "десятимиллиардн",
    11: "стомиллиардн",
    12: "триллионн",
}
_CELAYA: dict[str, tuple[str, str]] = {
    "nominative": ("целая", "целых"), "accusative": ("целую", "целых"),
    "genitive": ("целой", "целых"), "dative": ("целой", "целым"),
    "instrumental": ("целой", "целыми"), "prepositional": ("целой", "целых"),
}  # fmt: skip
_FRACTION_ENDINGS: dict[str, tuple[str, str]] = {
    "nominative": ("ая", "ых"), "accusative": ("ую", "ых"), "genitive": ("ой", "ых"),
    "dative": ("ой", "ым"), "instrumental": ("ой", "ыми"), "prepositional": ("ой", "ых"),
}  # fmt: skip


def decimal(text: str, case: Case = "nominative") -> str:
    """«14,25» -> «четырнадцать целых двадцать пять сотых», in the given case."""
    whole, _, frac = text.replace(".", ",").partition(",")
    if not frac:
        return cardinal(int(whole), case)
    if len(frac) > 12:  # no name for so small a part: the digits, none dropped
        return f"{cardinal(int(whole), case)} запятая {digit_by_digit(frac)}"
    numerator = int(frac)
    whole_noun = _CELAYA[case][0 if takes_singular(int(whole)) else 1]
    frac_noun = (
        _FRACTION_NAMES[len(frac)] + _FRACTION_ENDINGS[case][0 if takes_singular(numerator) else 1]
    )
    return (
        f"{cardinal(int(whole), case, 'f')} {whole_noun} {cardinal(numerator, case, 'f')} "
        f"{frac_noun}"
    )


# «1,5» counted: «полтора миллиона», «полторы тысячи»; «2,5»: «две с половиной тысячи».
_HALF: dict[Case, tuple[str, str]] = {
    "nominative": ("полтора", "полторы"), "accusative": ("полтора", "полторы"),
    "genitive": ("полутора", "полутора"), "dative": ("полутора", "полутора"),
    "instrumental": ("полутора", "полутора"), "prepositional": ("полутора", "полутора"),
}  # fmt: skip


def with_half(whole: int, case: Case, gender: Gender) -> str:
    """x,5 of something counted: «полтора», «две с половиной», «семи с половиной»."""
    if whole == 1:
        return _HALF[case][1 if gender == "f" else 0]
    return f"{cardinal(whole, case, gender)} с половиной"


# Denominators: «1/4» -> «одна четвёртая», «2/3» -> «две трети» (the usual reading).
def fraction(numerator: int, denominator: int, case: Case = "nominative") -> str:
    if denominator == 2:
        noun = {"nominative": "вторая", "accusative": "вторую"}.get(case, "второй")
        if numerator == 1:
            return f"{cardinal(1, case, 'f')} {noun}"
    plural = not takes_singular(numerator)
    if denominator == 3 and numerator == 2 and case in ("nominative", "accusative"):
        return "две трети"
    if denominator == 4 and numerator == 3 and case in ("nominative", "accusative"):
        return "три четверти"
    noun = ordinal(denominator, case, "f", plural=plural)
    if plural and case in ("nominative", "accusative"):
        noun = ordinal(denominator, "genitive", "f", plural=True)  # «пять восьмых»
    return f"{cardinal(numerator, case, 'f')} {noun}"
