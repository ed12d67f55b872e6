"""Clock times, game clocks and scores: three classes that look alike («12:23»).

- time: «в 11:00» -> «в одиннадцать часов», «в 14:30» -> «в четырнадцать тридцать», «с 9:00 до
  18:00» -> «с девяти до восемнадцати часов», «в 10.00», «09.15» (a dot, not a decimal);
- game clock: a goal's time in a match report («Кузьменко (Морозов), 12:23») or anything past
  23 minutes («62:55») -> «двенадцать минут двадцать три секунды»;
- score: «3:2», «1:0 ОТ» -> «три – два», «один – ноль, овертайм».
"""

from __future__ import annotations

import re

from tts.text.normalize import context
from tts.text.normalize.numbers import Case, cardinal, plural_form
from tts.text.normalize.rules import Reading, Rule
from tts.text.normalize.sentence import Sentence

_HOURS_NOUN: dict[str, tuple[str, str, str]] = {
    "nominative": ("час", "часа", "часов"), "accusative": ("час", "часа", "часов"),
    "genitive": ("часа", "часов", "часов"), "dative": ("часу", "часам", "часам"),
    "instrumental": ("часом", "часами", "часами"), "prepositional": ("часе", "часах", "часах"),
}  # fmt: skip

# Words that make «12:23» a game clock or «3:2» a score.
SPORT = re.compile(
    r"\b(?:гол(?:ы|а|ов|ом|ам|ами|ах)?\b|мяч\w*|дерби|легионер\w*|шайб\w*|забил\w*|забросил\w*|забит\w*|период\w*|матч\w*|тайм\w*|буллит\w*|"
    r"овертайм\w*|передач\w*|ассист\w*|вратар\w*|голкипер\w*|нападающ\w*|защитник\w*|"
    r"хокке\w*|футбол\w*|отличил\w*|пенальти|штрафн\w*|удален\w*|удалён\w*|игрок\w*|сборн\w*|"
    r"счет\w*|счёт\w*|КХЛ|НХЛ|ВХЛ|бол\.|мен\.|бол\)|мен\))",
    re.IGNORECASE,
)
_DATE_PREPOSITIONS = frozenset({"на", "по", "к", "от", "с", "со", "до"})
_TIME_PREPOSITIONS = frozenset(
    {"в", "во", "с", "со", "до", "к", "ко", "после", "около", "по", "на"}
)


MINUTES = ("минута", "минуты", "минут")
SECONDS = ("секунда", "секунды", "секунд")


def _so_many(value: int, forms: tuple[str, str, str], case: Case = "nominative") -> str:
    """«двадцать одна минута», «пять секунд»; «за одну минуту»: a feminine count."""
    if case == "accusative" and forms[0].endswith("а"):
        forms = (forms[0][:-1] + "у", forms[1], forms[2])
    return f"{cardinal(value, case, 'f')} {plural_form(value, *forms)}"


def _hours(value: int, case: Case) -> str:
    one, few, many = _HOURS_NOUN[case]
    return plural_form(value, one, few, many)


def _minutes(text: str, case: Case) -> str:
    """Minutes are feminine: «в двадцать три ноль две», «до девяти двадцати одной»."""
    if text == "00":
        return "ноль ноль"
    if text.startswith("0"):
        return f"ноль {cardinal(int(text[1]), case, 'f')}"
    return cardinal(int(text), case, "f")


def read_time(hours: int, minutes: str, case: Case) -> str:
    if minutes == "00" or hours == 0 or (hours == 1 and case != "accusative"):
        return _full(hours, int(minutes), case)  # «около одного часа десяти минут»
    # «в двадцать два ноль одна»: the short form names the clock face, its minutes are not
    # an object («в двадцать два часа одну минуту» is the long form's)
    face: Case = "nominative" if case == "accusative" else case
    return f"{cardinal(hours, case)} {_minutes(minutes, face)}"


def _full(hours: int, minutes: int, case: Case) -> str:
    """«в ноль часов сорок одну минуту», «до восемнадцати часов»."""
    spoken = f"{cardinal(hours, case)} {_hours(hours, case)}"
    if minutes:
        noun = {"nominative": ("минута", "минуты", "минут"),
                "accusative": ("минуту", "минуты", "минут"),
                "genitive": ("минуты", "минут", "минут"),
                "dative": ("минуте", "минутам", "минутам"),
                "instrumental": ("минутой", "минутами", "минутами"),
                "prepositional": ("минуте", "минутах", "минутах")}[case]  # fmt: skip
        spoken += f" {cardinal(minutes, case, 'f')} {plural_form(minutes, *noun)}"
    return spoken


def full_time(hours: int, minutes: int) -> str:
    """«13:05» without a preposition -> «тринадцать часов пять минут»."""
    spoken = f"{cardinal(hours)} {_hours(hours, 'nominative')}"
    if minutes:
        noun = plural_form(minutes, "минута", "минуты", "минут")
        spoken += f" {cardinal(minutes, 'nominative', 'f')} {noun}"
    return spoken


def game_clock(minutes: int, seconds: int) -> str:
    """«12:23» -> «двенадцать минут двадцать три секунды»."""
    spoken = _so_many(minutes, MINUTES)
    return f"{spoken} {_so_many(seconds, SECONDS)}" if seconds else spoken


def is_sport(sentence: Sentence) -> bool:
    return bool(SPORT.search(sentence.text))


_CLOCK = r"(?P<h>[01]?\d|2[0-3]|24(?=[:.]00))[:.](?P<m>[0-5]\d)"  # «около 24.00»
# «ч.», «час.» after a time: its period goes with it, unless it ends the sentence
_HOURS_ABBR = r"(?:ч|час)(?:\.(?!\s*$)|(?=\.\s*$))"
# «в 13:25 часов», «в 10:00 ч.»: a written «часов» after the time is part of it
TIME = re.compile(
    rf"(?<![\w:.,]){_CLOCK}(?![\w:]|[.,]\d)(?P<noun>\s?{_HOURS_ABBR}|\sчас(?:ов|а)?(?!\w))?"
)
RANGE = re.compile(
    r"(?<![\w:])(?:(?P<from>[сСвВ]|[вВ]о)\s)?(?P<h1>[01]?\d|2[0-3])[:.](?P<m1>[0-5]\d)"
    rf"(?:\s?{_HOURS_ABBR})?"  # «с 09:00 ч. до 18:00 ч.»
    r"(?:\s?[-–—]\s?|\sдо\s)(?P<h2>[01]?\d|2[0-3]|24)[:.](?P<m2>[0-5]\d)(?![\w:]|[.,]\d)"
    # «с 7:00 до 20:00 часов», «с 08:00 до 15:00 час.»: the written word is the reading's own
    rf"(?:\s?{_HOURS_ABBR}|\sчасов(?!\w))?"
)
CLOCK_OR_SCORE = re.compile(
    r"(?<![\w:.,])(?P<a>\d{1,3}):(?P<b>\d{1,2})(?P<rest>\.\d{1,2})?(?:(?![\w:]|[.,]\d)|(?=(?:Б|ОТ)(?!\w)))"
    # «3:2 ОТ», «3:2 (Б)», «5:4Б»: overtime, shootout
    r"(?:\s?(?P<open>\(\s?)?(?P<extra>ОТ|OT|Б|Б\.|пен\.)(?!\w)(?(open)\)))?"
)


# «(Морозов), 12:23»; a protocol line «0-1. Сафронов, 09:14»
# «1:0 – 15:03 Ахияров (Широков)»: a protocol line with the running score first
_GOAL_LINE = re.compile(
    r"\)\s?,\s?$|^\s*\d{1,2}[-:]\d{1,2}\.\s+[А-ЯЁ][^,:]{1,40},\s?$|^\s*\d{1,2}[-:]\d{1,2}\s?[—–-]\s?$"
    # «0:1 - Быков (Рунов) - 02:01»: the score, the scorer, then the game clock
    r"|^\s*\d{1,2}:\d{1,2}\s?[—–-]\s?[А-ЯЁ][^:]{1,80}[—–-]\s?$"
)
# «(14.01 мск)», «в 4.21 утра»: words after a dotted time that make it a time
_TIME_AFTER = re.compile(r"\s?(?:мск|по\s+(?:московскому|местному)|утра|вечера|ночи)(?!\w)")
# Words that make every «19:15» of a sentence a score: «в счёте 19:15, … настигли 23:23»
_SCORE_CONTEXT = re.compile(
    r"(?<!\w)(?:сч[её]т(?:а|е|ом|у)?|с результатом|повел[аи]?|обыграл\w*|переиграл\w*|одолел\w*|"
    r"побед(?:а|у|ой|ы|е)|разгромил\w*|победил\w*|уступил\w*|проиграл\w*|выиграл\w*|сильнее|спарринг\w*)(?!\w)",
    re.I,
)
_SCORE_AFTER = re.compile(r"\s?[—–-]\s?\d{1,2}:\d{1,2}\b")  # «12:23 — 1:0»


def _time(match: re.Match[str], sentence: Sentence) -> Reading | None:
    before = sentence.words_before(match.start(), 1)
    previous = before[0] if before else None
    dotted = ":" not in match.group()
    hours, minutes = int(match["h"]), match["m"]
    if not dotted and _points(sentence, match.start()):
        return None  # «0:3 (22:25, 17:25)»: set scores
    if not sentence.text[: match.start()].strip() and _SCHEDULE.match(sentence.text, match.end()):
        # «14.30 — пролог фестиваля»: a programme line opens with its time
        return Reading(full_time(hours, int(minutes)), "a programme line's time")
    time_after = _TIME_AFTER.match(sentence.text, match.end())  # «(14.01 мск)», «7.01 утра»
    # «и время – 10.44…», «Время: 9.15»: the word names what the figure is
    time_after = time_after or re.search(
        r"(?i)(?<!\w)время\s?[–—:-]?\s?$", sentence.text[: match.start()]
    )
    if (
        dotted
        and previous not in _TIME_PREPOSITIONS
        and not (minutes == "00" or match["h"].startswith("0"))
        and not time_after
    ):
        return None  # «масса 2.15 кг», «на 11.01»: a decimal or a date
    if (
        dotted
        and minutes != "00"
        and 1 <= int(minutes) <= 12
        and previous in _DATE_PREPOSITIONS
        and not time_after
    ):
        return None  # «на 11.01», «с 15.03»: a date; «к 7.01 утра» is a time
    between = previous == "и" and _BETWEEN.search(sentence.text[: match.start()])
    if (
        not dotted
        and previous not in _TIME_PREPOSITIONS
        and previous != "между"
        and not between
        and (is_sport(sentence) or _SCORE_CONTEXT.search(sentence.text))
    ):
        return None  # a game clock or a score (not «этап работ … между 23:00 и 05:00»)
    if (
        not dotted
        and _GOAL_LINE.search(sentence.text[: match.start()])
        or _SCORE_AFTER.match(sentence.text, match.end())
    ):
        return None  # «Кузьменко (Морозов), 12:23 — 1:0»: a goal's game clock
    if between:
        previous = "между"  # «между 23:00 и 05:00»: both ends in the instrumental
    restated = _RESTATED.search(sentence.text[: match.start()]) if previous is None else None
    if restated and restated["prep"].lower() in context.PREPOSITIONS:
        # «в 22.01 (14.01 мск)»: the bracket says the same time on another clock, in its case
        previous = restated["prep"].lower()
    if previous in context.PREPOSITIONS:
        case = _CLOCK_CASE.get(previous) or _only(context.PREPOSITIONS[previous])
        # «в 13:25 часов»: the written «часов» asks for the full form
        spoken = (
            _full(hours, int(minutes), case) if match["noun"] else read_time(hours, minutes, case)
        )
        return Reading(spoken, f"{case}: after «{previous}»")
    return Reading(full_time(hours, int(minutes)), "a time with no preposition")


_BETWEEN = re.compile(r"(?<!\w)между\s\d{1,2}[.:]\d{2}(?:\s\w+)?\sи\s$", re.IGNORECASE)
_RESTATED = re.compile(r"(?<!\w)(?P<prep>\w+)\s\d{1,2}[.:]\d{2}[^()\d]{0,40}\($")
_CLOCK_CASE: dict[str, Case] = {"в": "accusative", "во": "accusative", "на": "accusative",
                                "по": "accusative"}  # fmt: skip


def _only(cases: frozenset[Case]) -> Case:
    for case in ("genitive", "dative", "instrumental", "prepositional", "accusative"):
        if case in cases:
            return case  # type: ignore[return-value]
    return "nominative"


_SCHEDULE = re.compile(r"\s?[—–-]\s")


def _range(match: re.Match[str], sentence: Sentence) -> Reading | None:
    h1, m1, h2, m2 = int(match["h1"]), match["m1"], int(match["h2"]), match["m2"]
    # «в 16:00 - 19:00», «приём 10:00-12:00»: a span is said «с … до …» (its «в» becomes «с»)
    previous = sentence.words_before(match.start(), 1)
    governed = bool(previous) and previous[0] in context.PREPOSITIONS
    written_to = " до " in match.group()  # «и 22:30 до 6:00»: elliptic as written, kept so
    start = "с " if match["from"] or not (governed or written_to) else ""
    if not sentence.text[: match.start()].strip() and _SCHEDULE.match(sentence.text, match.end()):
        start = "С "  # «13.00—18.00 — концерт»: a programme line, «с … до …»
    if match["from"] and match["from"].isupper():
        start = "С "
    if m1 == "00" and m2 == "00":
        hours = _hours(h2, "genitive")
        spoken = f"{start}{cardinal(h1, 'genitive')} до {cardinal(h2, 'genitive')} {hours}"
    elif m1 == "00" and h1 > 1:
        # «с 7:00 до 10:45» -> «с семи до десяти сорока пяти»: the whole hour in the other
        # end's short form, not «с семи часов до десяти сорока пяти»
        spoken = f"{start}{cardinal(h1, 'genitive')} до {read_time(h2, m2, 'genitive')}"
    else:
        spoken = f"{start}{read_time(h1, m1, 'genitive')} до {read_time(h2, m2, 'genitive')}"
    return Reading(spoken, "genitive: a span «с … до …»")


# Games counted in points, not timed: «выиграли третий сет (25:17)», «(22:25, 17:25, 17:25)»
_POINTS = re.compile(
    r"\b(?:сет\w*|сетбол\w*|парти[ияюей]\w*|волейбол\w*|баскетбол\w*|гейм\w*|тай-брейк\w*)",
    re.IGNORECASE,
)
_SCORE_LIST = re.compile(r"\d{1,2}:\d{1,2}\s?\((?:\d{1,2}:\d{1,2},\s?)*$")  # «0:3 (22:25, …»


def _points(sentence: Sentence, start: int) -> bool:
    """A score in a game counted in points («сет», «партия»), unless a time preposition makes
    it a clock («в 19:00»)."""
    before = sentence.words_before(start, 1)
    if before and before[0] in _TIME_PREPOSITIONS:
        return False
    listed = _SCORE_LIST.search(sentence.text[:start])
    if listed is not None:
        before = sentence.words_before(listed.start(), 1)
        if before and before[0] in _TIME_PREPOSITIONS:
            listed = None  # «к 18:00 (15:00 мск)»: a time restated, not a set's score
    return bool(_POINTS.search(sentence.text) or listed)


# «соотношением сторон 4:3», «в пропорции 1:2», «масштаб 1:500»: a ratio, «четыре к трём»
_RATIO_BEFORE = re.compile(r"(?i)(?:соотношени\w*(?:\sсторон)?|пропорци\w*|масштаб\w*)\s$")


RATIO = re.compile(r"(?<![\w:.,])(?P<a>\d{1,6}):(?P<b>\d{1,7})(?![\w:]|[.,]\d)")


def _ratio(match: re.Match[str], sentence: Sentence) -> Reading | None:
    if not _RATIO_BEFORE.search(sentence.text[: match.start()]):
        return None
    a, b = int(match["a"]), int(match["b"])
    return Reading(f"{cardinal(a)} к {cardinal(b, 'dative')}", "a ratio")


def _clock_or_score(match: re.Match[str], sentence: Sentence) -> Reading | None:
    a, b = int(match["a"]), int(match["b"])
    if not match["rest"] and _points(sentence, match.start()):
        return Reading(f"{cardinal(a)} – {cardinal(b)}", "a score in points", "score")
    two_digit = len(match["b"]) == 2
    extra = {"ОТ": "овертайм", "OT": "овертайм", "Б": "буллиты", "Б.": "буллиты",
             "пен.": "пенальти"}.get(match["extra"] or "", "")  # fmt: skip
    before = sentence.words_before(match.start(), 2)
    score_word = bool(
        _SCORE_CONTEXT.search(sentence.text) and not (before and before[-1] in _TIME_PREPOSITIONS)
    )
    goal = bool(_GOAL_LINE.search(sentence.text[: match.start()])) or bool(
        _SCORE_AFTER.match(sentence.text, match.end())
    )
    if match["rest"] or (
        two_digit and b < 60 and not score_word and (a > 23 or goal or is_sport(sentence))
    ):
        if extra:
            return None
        if match["rest"]:  # «2:03.45»: minutes, seconds and hundredths
            return Reading(
                f"{game_clock(a, b)} {cardinal(int(match['rest'][1:]), 'nominative', 'f')} "
                f"{plural_form(int(match['rest'][1:]), 'сотая', 'сотых', 'сотых')}",
                "a race time",
            )
        return Reading(game_clock(a, b), "a game clock")
    if two_digit and match["b"].startswith("0") and a <= 23 and not score_word:
        return None  # «7:05»: a clock time
    spoken = f"{cardinal(a)} – {cardinal(b)}"
    return Reading(f"{spoken}, {extra}" if extra else spoken, "a match score", "score")


# «2PM», «8 pm» -> «два часа дня», «восемь часов вечера».
AM_PM = re.compile(r"(?<![\w:.,])(?P<h>1[0-2]|0?[1-9])\s?(?P<half>[ap])\.?m\.?(?!\w)", re.I)


def _am_pm(match: re.Match[str], sentence: Sentence) -> str:
    del sentence
    hours = int(match["h"])
    if match["half"].lower() == "a":
        part = "ночи" if hours == 12 or hours < 5 else "утра"
    else:
        part = "дня" if hours == 12 or hours < 5 else "вечера"
    return f"{cardinal(hours)} {_hours(hours, 'nominative')} {part}"


# A goal's minute in a match report: «Кирилл Савицкий (33)» -> «тридцать третья»; «Мальцев, 4
# (1:0)» -> «четвёртая минута» (the running score after it says what the number is).
GOAL_MINUTE = re.compile(
    r"(?<=[а-яё]) \((?P<paren>\d{1,3})\)(?=[\s,.;)]|$)"
    r"|(?<=[а-яё]) \((?P<prime>\d{1,3})['’′]\)"  # «Дадонов (19')»
    r"|(?<=[а-яё]), (?P<bare>\d{1,3})(?=\s?(?:[–—-]\s?[а-яё ]+)?\s?\(\d{1,2}:\d{1,2}\))"
)


def _goal_minute(match: re.Match[str], sentence: Sentence) -> Reading | None:
    from tts.text.normalize.numbers import ordinal

    before = sentence.text[: match.start()].split()
    name = before[-1] if before else ""
    if not name[:1].isupper():
        return None
    if match["prime"]:
        value = int(match["prime"])
        return Reading(f", {ordinal(value, 'nominative', 'f')} минута", "the minute of a goal")
    if match["paren"]:
        value = int(match["paren"])
        if value > 130 or not is_sport(sentence):
            return None
        return Reading(f", {ordinal(value, 'nominative', 'f')}", "the minute of a goal")
    value = int(match["bare"])
    return Reading(f", {ordinal(value, 'nominative', 'f')} минута", "the minute of a goal")


# Race times: «2:11:21» -> «два часа одиннадцать минут двадцать одна секунда»; «41:07.5» ->
# «сорок одна минута семь целых пять десятых секунды».
# («35.05,4»: minutes, seconds and tenths typed with a dot; «2.21,13» may be hours: left)
RACE = re.compile(
    r"(?<![\w:.,])(?P<sign>\+)?(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2})(?::|\.(?=[0-5]\d,\d(?!\d)))"
    r"(?P<s>[0-5]\d)"
    r"(?:[.,](?P<f>\d{1,3}))?(?![\w:]|[.,]\d)"
)


def _race(match: re.Match[str], sentence: Sentence) -> Reading | None:
    from tts.text.normalize.numbers import decimal

    if not match["h"] and not match["f"]:
        return None  # «12:23»: a clock time, a game clock or a score
    parts = ["плюс"] if match["sign"] else []
    before = sentence.words_before(match.start(), 1)
    case: Case = "accusative" if before and before[0] == "за" else "nominative"  # «за 1:53,28»
    if match["h"]:
        hours = int(match["h"])
        parts.append(f"{cardinal(hours, case)} {plural_form(hours, 'час', 'часа', 'часов')}")
    minutes = int(match["m"])
    parts.append(_so_many(minutes, MINUTES, case))
    seconds = int(match["s"])
    if match["f"]:
        fraction = match["f"]
        parts.append(f"{decimal(f'{seconds},{fraction}', case)} секунды")
    elif seconds or match["h"]:  # «02:25:00» -> «… ноль секунд»
        parts.append(_so_many(seconds, SECONDS, case))
    why = "a race time" if case == "nominative" else "accusative: a race time after «за»"
    return Reading(" ".join(parts), why)


# «за 01:30 до конца овертайма»: time left on a game clock, counted in the accusative
TIME_LEFT = re.compile(
    r"(?<=\bза\s)(?P<m>\d{1,2}):(?P<s>[0-5]\d)(?=\s+до\s+(?:конца|окончания|финальной|сирены))",
    re.IGNORECASE,
)


def _time_left(match: re.Match[str], sentence: Sentence) -> Reading:
    del sentence
    minutes, seconds = int(match["m"]), int(match["s"])
    parts = [_so_many(minutes, MINUTES, "accusative")] if minutes else []
    if seconds or not minutes:
        parts.append(_so_many(seconds, SECONDS, "accusative"))
    return Reading(" ".join(parts), "accusative: time left, «за … до конца»")


# A goal line of a hockey protocol with its clock typed with a point: «0:1 – Окружнов
# (Закиров, 14.18, бол.)», «1:0 – 37.37 Гриф (Тапильский, бол.)».
DOTTED_CLOCK = re.compile(r"(?<![\w.,:])(?P<m>[0-6]?\d)\.(?P<s>[0-5]\d)(?![\w.:]|,\d)")
_SCORE_BEFORE = re.compile(r"(?:^|[;.]\s|:\s)\s*\d{1,2}:\d{1,2}\s?[—–-]\s?[^;:]*$")
# «бол.», «мен.»: the team's strength when it scored
STRENGTH = re.compile(r"(?<![\w.])(?P<w>бол|мен)\.(?=\s?[);,]|\s*$)")


def _dotted_clock(match: re.Match[str], sentence: Sentence) -> Reading | None:
    if not _SCORE_BEFORE.search(sentence.text[: match.start()]):
        return None
    spoken = game_clock(int(match["m"]), int(match["s"]))
    return Reading(spoken, "a goal's clock, typed with a point")


def _strength(match: re.Match[str], sentence: Sentence) -> Reading | None:
    if not is_sport(sentence):
        return None
    return Reading("большинство" if match["w"] == "бол" else "меньшинство", "a goal's strength")


RULES = (
    Rule("game clock", DOTTED_CLOCK, _dotted_clock, "1:0 – 37.37 Гриф -> тридцать семь минут …"),
    Rule("game clock", STRENGTH, _strength, "(Тапильский, бол.) -> большинство"),
    Rule("game clock", TIME_LEFT, _time_left, "за 01:30 до конца -> за одну минуту тридцать …"),
    Rule("game clock", GOAL_MINUTE, _goal_minute, "Савицкий (33) -> Савицкий, тридцать третья"),
    Rule("game clock", RACE, _race, "2:11:21 -> два часа одиннадцать минут двадцать одна секунда"),
    Rule("time", AM_PM, _am_pm, "8pm -> восемь часов вечера"),
    Rule("time", RANGE, _range, "с 9:00 до 14:00 -> с девяти до четырнадцати часов"),
    Rule("time", TIME, _time, "в 11:00 -> в одиннадцать часов"),
    Rule("fraction", RATIO, _ratio, "соотношение сторон 4:3 -> четыре к трём"),
    Rule("game clock", CLOCK_OR_SCORE, _clock_or_score, "12:23 -> двенадцать минут …; 2:1"),
)
