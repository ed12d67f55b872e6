"""Signs, slashed abbreviations, versions and letters of other Cyrillic alphabets: the small
verbatim classes («OPEC+» -> «опек плюс», «б/у», «iOS 17.4», «Есіл» -> «Есил»)."""

from __future__ import annotations

import re

from tts.normalize.alphabet import OTHER_CYRILLIC, replace_other_cyrillic
from tts.normalize.numbers import cardinal
from tts.normalize.rules import Reading, Rule
from tts.normalize.sentence import Sentence

# A sign on its own, not after a number, is read by its name: «%» -> «процент».
LONE_SIGN = re.compile(r"(?<![\w%°‰])(?<!\d\s)[%°‰](?![\w%°‰])")
_SIGN_NAMES = {"%": "процент", "°": "градус", "‰": "промилле"}
POWER = re.compile(r"[²³]")

# Abbreviations with a slash.
SLASHED: dict[str, str] = {
    "б/у": "бывший в употреблении",  # продам б/у
    "н/д": "нет данных",  # н/д
    "а/м": "автомобиль",  # а/м
    "ж/д": "железнодорожный",  # ж/д вокзал
    "п/п": "по порядку",  # № п/п
    "г/г": "год к году",  # инфляция 8,5% г/г
    "м/м": "месяц к месяцу",  # рост 0,6% м/м
    "в/ч": "войсковая часть",  # в/ч 12345
    "с/х": "сельскохозяйственный",  # с/х техника
    "р/с": "расчётный счёт",  # р/с
}
SLASH_ABBREVIATION = re.compile(
    r"(?<![\w/])(?:" + "|".join(re.escape(k) for k in SLASHED) + r")(?![\w/])", re.I
)
HASHTAG = re.compile(r"(?<![\w#])#(?=[^\W\d_])")

# «007», «0412» on their own: codes, the leading zeros are said («ноль ноль семь»).
LEADING_ZEROS = re.compile(
    r"(?<![\w.,:/-])(?<!\d\s)0(?:0+|0*\d{2,})(?![\w,:/-]|\.\d|\s+[а-яёА-ЯЁ\d])"
)


def _leading_zeros(match: re.Match[str], sentence: Sentence) -> str | None:
    del sentence
    digits = match.group()
    if len(digits) > 4 and digits.strip("0"):
        return None
    zeros = len(digits) - len(digits.lstrip("0"))
    rest = digits.lstrip("0")
    words = ["ноль"] * (zeros if rest else max(zeros, 1))
    return " ".join(words + ([cardinal(int(rest))] if rest else []))


_OTHER = "".join(OTHER_CYRILLIC) + "".join(OTHER_CYRILLIC).upper()
OTHER_LETTERS = re.compile(rf"\w*[{_OTHER}]\w*")

# «Python 3.11», «iOS 17.4», «версия 2.0.1» -> «три точка одиннадцать».
VERSION = re.compile(
    r"(?:(?<=[A-Za-z] )|(?<=[A-Za-z])|(?<=\bверсия )|(?<=\bверсии ))\d+(?:\.\d+)+(?![\w.]\d)"
)


def _version(match: re.Match[str], sentence: Sentence) -> Reading:
    del sentence
    spoken = " точка ".join(cardinal(int(part)) for part in match.group().split("."))
    return Reading(spoken, "a version number")


SAINT_PETERSBURG = re.compile(r"(?<![\w.])С\.\s?-?\s?(?=Петербург)")
# «OPEC+», «C++», «1 + 1»: a plus that is not a stress mark (those stand before a vowel) and
# not a sign before a number.
PLUS = re.compile(r"\+(?![\d+аеёиоуыэюяАЕЁИОУЫЭЮЯ]|\s\d)|\+(?=\+)")
# «>>», «<<», «→», «•», «|»: navigation and bullets, not read.
ARROWS = re.compile(r"(?:>>|<<|»»|→|←|►|▶|•|■|▪)+")
# «&» between words: «и» («R&D» is spelled by the Latin class); in English names «энд».
AMPERSAND = re.compile(r"(?<=\s)&(?=\s)")


def _ampersand(match: re.Match[str], sentence: Sentence) -> str:
    before = sentence.text[: match.start()].rstrip()
    return "энд" if before[-1:].isascii() and before[-1:].isalpha() else "и"


def _fixed(spoken: str) -> object:
    return lambda match, sentence: Reading(spoken, "a sign")


RULES = (
    Rule("symbol", PLUS, lambda m, s: " плюс ", "OPEC+ -> опек плюс"),  # type: ignore[arg-type]
    Rule("symbol", ARROWS, lambda m, s: Reading(" ", "not read"), "Ria.ru >> -> Ria.ru"),
    Rule("symbol", AMPERSAND, _ampersand, "Procter & Gamble -> Проктер энд Гэмбл"),
    Rule("abbreviation", SAINT_PETERSBURG, lambda m, s: "Санкт-", "С.-Петербург -> Санкт-…"),
    Rule("symbol", LONE_SIGN, lambda m, s: _SIGN_NAMES[m.group()], "% -> процент"),
    Rule("symbol", POWER, lambda m, s: " в квадрате" if m.group() == "²" else " в кубе", "x²"),
    Rule(
        "abbreviation",
        SLASH_ABBREVIATION,
        lambda m, s: SLASHED.get(m.group().lower()),
        "б/у -> бывший в употреблении",
    ),
    Rule("symbol", HASHTAG, lambda m, s: "хештег ", "#новости -> хештег новости"),
    Rule("verbatim", LEADING_ZEROS, _leading_zeros, "007 -> ноль ноль семь"),
    Rule("version", VERSION, _version, "iOS 17.4 -> айос семнадцать точка четыре"),
    Rule(
        "other cyrillic",
        OTHER_LETTERS,
        lambda m, s: replace_other_cyrillic(m.group()),
        "Таза Есіл -> Таза Есил",
    ),
)
