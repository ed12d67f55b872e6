"""Clock times and scores: «в 11:00» -> «в одиннадцать часов», «в 14:30» -> «в четырнадцать
тридцать», «с 9:00 до 14:00» -> «с девяти до четырнадцати часов», «2:1» -> «два – один»."""

from __future__ import annotations

import re

from tts.normalize.numbers import PREPOSITION_CASE, Case, cardinal, plural_form
from tts.normalize.rules import Rule, words_before

_HOURS_NOUN: dict[str, tuple[str, str, str]] = {
    "nominative": ("час", "часа", "часов"), "accusative": ("час", "часа", "часов"),
    "genitive": ("часа", "часов", "часов"), "dative": ("часу", "часам", "часам"),
    "instrumental": ("часом", "часами", "часами"), "prepositional": ("часе", "часах", "часах"),
}  # fmt: skip

_CLOCK = r"(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)"
TIME = re.compile(rf"(?<![\w:.,]){_CLOCK}(?![\w:]|[.,]\d)")
RANGE = re.compile(
    r"(?<![\w:])с\s(?P<h1>[01]?\d|2[0-3]):00\sдо\s(?P<h2>[01]?\d|2[0-3]):00(?![\w:])"
)
SCORE = re.compile(r"(?<![\w:.,])(?P<a>\d{1,2}):(?P<b>\d{1,2})(?![\w:]|[.,]\d)")


def _hours(value: int, case: Case) -> str:
    one, few, many = _HOURS_NOUN[case]
    return plural_form(value, one, few, many)


def _minutes(text: str, case: Case) -> str:
    if text.startswith("0"):
        return f"ноль {cardinal(int(text[1]), case)}"
    return cardinal(int(text), case)


def read_time(hours: int, minutes: str, case: Case) -> str:
    if minutes == "00":
        return f"{cardinal(hours, case)} {_hours(hours, case)}"
    return f"{cardinal(hours, case)} {_minutes(minutes, case)}"


def full_time(hours: int, minutes: int) -> str:
    """«13:05» without a preposition -> «тринадцать часов пять минут»."""
    spoken = f"{cardinal(hours)} {_hours(hours, 'nominative')}"
    if minutes:
        noun = plural_form(minutes, "минута", "минуты", "минут")
        spoken += f" {cardinal(minutes, 'nominative', 'f')} {noun}"
    return spoken


# «14.30» is a time only after these («в 8.00», «до 18.30»); elsewhere it is a decimal
# («масса 2.15 кг», «× 11.01») or a date («на 11.01»).
_DOT_TIME_PREPOSITIONS = {"в", "во", "к", "ко", "до", "после", "около", "с", "со"}


def _time(match: re.Match[str]) -> str | None:
    before = words_before(match)
    if ":" not in match.group() and before[-1:] and before[-1] not in _DOT_TIME_PREPOSITIONS:
        return None
    if ":" not in match.group() and not before:
        return None
    if not before or before[-1] not in PREPOSITION_CASE:  # a bare time: hours and minutes
        return full_time(int(match.group("h")), int(match.group("m")))
    case = PREPOSITION_CASE[before[-1]]
    if case == "accusative":  # «в 14:30»: accusative of a number equals the nominative
        case = "nominative"
    return read_time(int(match.group("h")), match.group("m"), case)


def _range(match: re.Match[str]) -> str:
    h1, h2 = int(match.group("h1")), int(match.group("h2"))
    return f"с {cardinal(h1, 'genitive')} до {cardinal(h2, 'genitive')} {_hours(h2, 'genitive')}"


def _score(match: re.Match[str]) -> str:
    return f"{cardinal(int(match.group('a')))} – {cardinal(int(match.group('b')))}"


# «2PM», «8 pm» -> «два часа дня», «восемь часов вечера».
AM_PM = re.compile(r"(?<![\w:.,])(?P<h>1[0-2]|0?[1-9])\s?(?P<half>[ap])\.?m\.?(?!\w)", re.I)


def _am_pm(match: re.Match[str]) -> str:
    hours = int(match.group("h"))
    if match.group("half").lower() == "a":
        part = "ночи" if hours == 12 or hours < 5 else "утра"
    else:
        part = "дня" if hours == 12 or hours < 5 else "вечера"
    return f"{cardinal(hours)} {_hours(hours, 'nominative')} {part}"


RULES = (
    Rule("am-pm", AM_PM, _am_pm, "8pm -> восемь часов вечера; 2PM -> два часа дня"),
    Rule("time-range", RANGE, _range, "с 9:00 до 14:00 -> с девяти до четырнадцати часов"),
    Rule("time", TIME, _time, "в 11:00 -> в одиннадцать часов; в 14:30 -> в четырнадцать тридцать"),
    Rule("score", SCORE, _score, "2:1 -> два – один"),
)
