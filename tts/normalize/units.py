"""Small reading rules ru-normalizr gets wrong: percent ranges, «на уровне 14,25%», decades,
«этаж 5/9», «им.», and letters of other Cyrillic alphabets."""

from __future__ import annotations

import re

from tts.normalize.alphabet import OTHER_CYRILLIC, replace_other_cyrillic
from tts.normalize.numbers import PREPOSITION_CASE, Case, cardinal, decimal, ordinal
from tts.normalize.rules import Rule, words_before

_NUM = r"\d+(?:,\d+)?"

# «в коридор 5–7%» -> «в коридор от 5 до 7%»; after a preposition («на 5–7%») the dash stays.
PERCENT_RANGE = re.compile(rf"(?<![\w,.])(?P<a>{_NUM})\s?[–—-]\s?(?P<b>{_NUM})\s?%")


def _percent_range(match: re.Match[str]) -> str | None:
    if words_before(match)[-1:] and words_before(match)[-1] in PREPOSITION_CASE:
        return None
    return f"от {match.group('a')} до {match.group('b')}%"


# «на уровне 14,25% годовых» -> genitive: «на уровне четырнадцати целых двадцати пяти сотых
# процента»; ru-normalizr leaves the number in the nominative there.
LEVEL = re.compile(rf"(?<![\w,.])(?P<num>{_NUM})\s?%")


def _percent(text: str, case: Case) -> str:
    if "," in text:
        return f"{decimal(text, case)} процента"
    value = int(text)
    noun = "процента" if value % 10 == 1 and value % 100 != 11 else "процентов"
    return f"{cardinal(value, case)} {noun}"


def _after_level(match: re.Match[str]) -> bool:
    return words_before(match)[-1:] in (["уровне"], ["отметке"], ["размере"])


# «в 90-е» -> «в девяностые»: a decade written with «-е» is a plural ordinal.
DECADE = re.compile(r"(?<![\w,.])(?P<num>\d*[1-9]0)-е(?!\w)")


def _decade(match: re.Match[str]) -> str:
    word = ordinal(int(match.group("num")))
    return re.sub(r"(ый|ой|ий)$", lambda m: "ые" if m.group() != "ий" else "ие", word)


# «этаж 5/9» -> «этаж 5 из 9»
FLOOR = re.compile(r"(?<=\bэтаж )(?P<a>\d{1,3})/(?P<b>\d{1,3})\b")

# «им. аль-Фараби» -> «имени аль-Фараби»
IMENI = re.compile(r"(?<![\w.])им\.(?=\s?[А-ЯЁа-яё])(?!\s?(?:[а-яё]+\s)*[А-ЯЁ]\.)")

_OTHER = "".join(OTHER_CYRILLIC) + "".join(OTHER_CYRILLIC).upper()
OTHER_LETTERS = re.compile(rf"\w*[{_OTHER}]\w*")

RULES = (
    Rule("percent-range", PERCENT_RANGE, _percent_range, "коридор 5–7% -> коридор от 5 до 7%"),
    Rule(
        "percent-level",
        LEVEL,
        lambda m: _percent(m.group("num"), "genitive") if _after_level(m) else None,
        "на уровне 14,25% -> на уровне четырнадцати целых двадцати пяти сотых процента",
    ),
    Rule("decade", DECADE, _decade, "в 90-е -> в девяностые"),
    Rule("floor", FLOOR, lambda m: f"{m.group('a')} из {m.group('b')}", "этаж 5/9 -> этаж 5 из 9"),
    Rule("imeni", IMENI, lambda m: "имени", "КазНУ им. аль-Фараби -> казну имени аль-Фараби"),
    Rule(
        "other-cyrillic",
        OTHER_LETTERS,
        lambda m: replace_other_cyrillic(m.group()),
        "Таза Есіл -> Таза Есил",
    ),
)
