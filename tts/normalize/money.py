"""Currencies: symbols become words after the amount, in the order a person says them.

The amount stays in digits so that ru-normalizr still reads it in the right case from the
sentence («превысили 36 млрд долларов», «за 1 доллар»); only the word order and the currency
word are fixed here: «$5 млн» -> «5 млн долларов» -> «пять миллионов долларов».
"""

from __future__ import annotations

import re

from tts.normalize.numbers import PREPOSITION_CASE, decimal, plural_form
from tts.normalize.rules import Rule, words_before

# Currency symbol or abbreviation -> (one, few, many) forms after a number.
CURRENCIES: dict[str, tuple[str, str, str]] = {
    "$": ("доллар", "доллара", "долларов"),  # $5 -> 5 долларов
    "долл.": ("доллар", "доллара", "долларов"),  # 36 млрд долл. США
    "€": ("евро", "евро", "евро"),  # €5 -> 5 евро
    "₽": ("рубль", "рубля", "рублей"),  # 100 ₽ -> 100 рублей
    "₸": ("тенге", "тенге", "тенге"),  # 1000 ₸ -> 1000 тенге
    "£": ("фунт", "фунта", "фунтов"),  # £5 -> 5 фунтов
    "¥": ("юань", "юаня", "юаней"),  # ¥100 -> 100 юаней (China is the usual news case)
    "₴": ("гривна", "гривны", "гривен"),  # 100 ₴ -> 100 гривен
    "USD": ("доллар", "доллара", "долларов"),  # 1 USD -> 1 доллар
    "EUR": ("евро", "евро", "евро"),  # 5 EUR -> 5 евро
    "KZT": ("тенге", "тенге", "тенге"),  # 500 KZT -> 500 тенге
    "RUB": ("рубль", "рубля", "рублей"),  # 100 RUB -> 100 рублей
}
MULTIPLIERS = r"тыс\.|млн|млрд|трлн"

_AMOUNT = r"(?P<amount>\d{1,3}(?:[  ]\d{3})+|\d+)(?:[.,](?P<frac>\d+))?"
_MULT = rf"(?:\s?(?P<mult>{MULTIPLIERS}))?"
_SYMBOL = r"(?P<symbol>[$€₽₸£¥₴])"
BEFORE = re.compile(rf"{_SYMBOL}\s?{_AMOUNT}{_MULT}")  # $5 млн
_AFTER_SYMBOL = r"(?P<symbol>[$€₽₸£¥₴]|долл\.|USD\b|EUR\b|KZT\b|RUB\b)"
AFTER = re.compile(rf"(?<![\w.,]){_AMOUNT}{_MULT}\s?{_AFTER_SYMBOL}(?P<usa>\s?США)?")


def _noun(match: re.Match[str]) -> str:
    one, few, many = CURRENCIES[match.group("symbol")]
    if match.group("mult"):
        return many
    if match.group("frac"):
        return few
    return plural_form(int(re.sub(r"\D", "", match.group("amount"))), one, few, many)


def _money(match: re.Match[str]) -> str:
    amount = match.group("amount")
    if match.group("frac"):
        amount += "," + match.group("frac")
    mult = f" {match.group('mult')}" if match.group("mult") else ""
    usa = " сэ шэ а" if "usa" in match.groupdict() and match.group("usa") else ""
    return f"{amount}{mult} {_noun(match)}{usa}"


# An indeclinable currency after a decimal: ru-normalizr reads «составил 476,35 тенге» in the
# prepositional case; the case comes from the preposition before it, else the nominative.
INDECLINABLE = re.compile(r"(?<![\w.,])(?P<num>\d+,\d+)\s(?P<noun>тенге|евро)\b")


def _indeclinable(match: re.Match[str]) -> str:
    case = PREPOSITION_CASE.get((words_before(match) or [""])[-1], "nominative")
    return f"{decimal(match.group('num'), case)} {match.group('noun')}"


RULES = (
    Rule("money", BEFORE, _money, "$5 млн -> 5 млн долларов (-> пять миллионов долларов)"),
    Rule("money", AFTER, _money, "36 млрд долл. США -> 36 млрд долларов сэ шэ а"),
    Rule(
        "money-case",
        INDECLINABLE,
        _indeclinable,
        "476,35 тенге -> четыреста семьдесят шесть целых тридцать пять сотых тенге",
    ),
)
