"""Dates, years, decades and centuries.

- «20 августа» -> «двадцатого августа» in running text, «двадцатое августа» as a dateline
  («Актобе. 20 августа.») or a subject («20 августа – День…»); «с 5 по 7 мая» -> «с пятого по
  седьмое мая»; «к 1 сентября» -> «к первому сентября».
- «15.03.2024» -> «пятнадцатого марта две тысячи двадцать четвёртого года».
- «в 2024 году», «2024 г.», «в 2023-2024 гг.» -> ordinals agreeing with «год» in the case the
  noun (or, for «г.», the context) has.
- «в 1990-е», «1960-х годов» -> «девяностые», «тысяча девятьсот шестидесятых годов».
- «XXI век», «XV-XVI вв.», «в XIX в.» -> «двадцать первый век», «пятнадцатый – шестнадцатый
  века», «в девятнадцатом веке».
"""

from __future__ import annotations

import re

from tts.text.normalize import context, morph
from tts.text.normalize.context import Grammar
from tts.text.normalize.numbers import CASE_OF_TAG, TAG_OF_CASE, Case, cardinal, ordinal
from tts.text.normalize.rules import Reading, Rule
from tts.text.normalize.sentence import Sentence

MONTHS = (
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
    "октября", "ноября", "декабря",
)  # fmt: skip
_MONTH = "|".join(MONTHS)
# «7 ноя», «12 дек.»: the short forms of news datelines
SHORT_MONTHS = {
    "янв": 0, "фев": 1, "февр": 1, "мар": 2, "апр": 3, "июн": 5, "июл": 6, "авг": 7, "сен": 8,
    "сент": 8, "окт": 9, "ноя": 10, "нояб": 10, "дек": 11,
}  # fmt: skip
_SHORT = "|".join(sorted(SHORT_MONTHS, key=len, reverse=True))
_MONTH_CAP = "|".join(m + "|" + m.capitalize() + "|" + m.upper() for m in MONTHS)
_MONTH_CAP += rf"|(?:{_SHORT}|{_SHORT.title()})\.?(?=[\s,;:—–-]|$)"
DASH = r"\s?[-–—−]\s?"

# Where a date is the subject or a heading, it is nominative («20 августа – День…», «15 марта,
# День Конституции, …»); a preposition after the dash makes it the time of what follows
# («23 февраля – в День защитников Отечества команды встретились»: genitive).
_DATELINE_AFTER = re.compile(
    r"^\s*(?:[.!?]|$|[-–—]{1,2}\s+(?!\d|(?:в|во|на|с|со|к|по|у|о|об|за|до|от|при)\s)"
    r"|,\s+(?:День|ДЕНЬ)\b)"
)


_WEEKDAYS = re.compile(
    r"(?P<prep>\b[А-Яа-яЁё]+\s)?(?P<day>понедельник|вторник|сред[ау]|четверг|пятниц[ау]|"
    r"суббот[ау]|воскресенье|завтра|сегодня|послезавтра)\s?,?\s?$",
    re.IGNORECASE,
)


_WEEKDAYS_NOMINATIVE = frozenset({"понедельник", "вторник", "среда", "четверг", "пятница",
                                   "суббота", "воскресенье"})  # fmt: skip


def _verbless(sentence: Sentence) -> bool:
    """A heading or a dateline: no verb, no participle, few words («АСТАНА, 7 сентября.»,
    «12:30, 28 сентября 2023 года»)."""
    words = [t for t in sentence.tokens if t.is_word and t.is_cyrillic]
    if len(words) > 5:
        return False
    return not any(
        morph.best_pos(t.text) in ("VERB", "INFN", "PRTS", "PRTF", "GRND") for t in words
    )


# «датой … считается 15 декабря»: a date right after these is their subject
_COPULAS = frozenset({
    "стало", "стал", "стала", "станет", "является", "будет", "было", "был", "была",
    "считается", "считалось", "считался", "считалась",
})  # fmt: skip


_RUNNING_TEXT = "a date in running text"
# «7 ноября был главным праздником», «9 мая 2015 года будет тёплым», «7 ноября перестал
# быть выходным днём»: a past or future copula with a predicate in the instrumental
_PREDICATE_AFTER = re.compile(
    r"(?:\s+\d{4}\s+года)?\s+(был|была|было|будет|стал|стала|перестал|перестало)(?!\w)"
)


def _instrumental_follows(rest: str) -> bool:
    words = re.findall(r"[а-яё]+", rest.lower())[1:3]
    if words[:1] == ["быть"]:
        words = words[1:]
    return any(morph.has(w, pos, "ablt") for w in words[:1] for pos in ("ADJF", "NOUN", "PRTF"))


_COPULA_AFTER = re.compile(r"\s+(является|стало|станет|становится|считается|вошло)(?!\w)")
# «АЛМА-АТА, 3 октября (Рейтер) -», «Москва, 1 августа - "Вести"», «Минск, 31 октября /Корр.»
_DATELINE_PLACE = re.compile(r"^[\s«\"]*[А-ЯЁ][А-ЯЁа-яё-]+(?:,?\s[А-ЯЁ][А-ЯЁа-яё-]+){0,2},\s?$")
_LABEL = re.compile(r"^\s*(?:Опубликовано|Обновлено|Изменено|Добавлено|Размещено|Дата)\s?:\s*$")
_DATELINE_TAIL = re.compile(r"^\s?(?:[(/.]|[-–—]\s|$)")


def _verb_before(sentence: Sentence, start: int) -> bool:
    """A preposition right before, or a verb anywhere before: the date is no subject."""
    if next(iter(sentence.words_before(start, 1)), None) in context.PREPOSITIONS:
        return True
    words = [t for t in sentence.before(start, 12) if t.is_word and t.is_cyrillic]
    return any(morph.best_pos(t.text) in ("VERB", "PRTS") for t in words)


def _noun_before(sentence: Sentence, start: int) -> bool:
    """A noun in the nominative right before: the date says when it is, no subject."""
    previous = sentence.before(start, 1)
    return bool(previous) and (
        (not previous[0].is_word and previous[0].text != ",")
        or any(
            p.tag.POS == "NOUN" and p.tag.case == "nomn" for p in morph.parses(previous[0].text)[:2]
        )
    )


def date_case(sentence: Sentence, start: int, end: int) -> Grammar:
    """The case of «N месяца»: a preposition's, nominative for a dateline, else genitive."""
    weekday = _WEEKDAYS.search(sentence.text[:start])
    if weekday:  # «на пятницу, 13 сентября» agrees; «в субботу, 9 июня» is the date's time
        preposition = (weekday["prep"] or "").strip().lower()
        if preposition == "на":
            return Grammar("accusative", "n", why="apposition to «на …»")
        day = weekday["day"].lower()
        if (
            not weekday["prep"]
            and day in _WEEKDAYS_NOMINATIVE
            and not sentence.text[: weekday.start("day")].strip(' «"(')
        ):
            return Grammar("nominative", "n", why="a dateline: «Понедельник, 25 ноября»")
        return Grammar("genitive", "n", why="the date of a weekday")
    head = sentence.text[:start]
    if _LABEL.match(head) and not re.match(r"[^,;]{0,12}\sв\s\d", sentence.text[end:]):
        # «Опубликовано: 27.07.2023», «Обновлено: 3.03.2026 08:53»; but «Опубликовано: 12 мая
        # 2025 г. в 11:21» dates the publication: genitive
        return Grammar("nominative", "n", why="the value of a label")
    if (
        _DATELINE_PLACE.match(head)
        and (
            _DATELINE_TAIL.match(sentence.text[end:])
            # «МОСКВА, 9 июня Казахстанский боксер…»: a place in capitals is a dateline anyway
            or (head.strip(' ,«"').isupper() and re.match(r"\s+[А-ЯЁ]", sentence.text[end:]))
        )
    ):
        return Grammar("nominative", "n", why="a dateline: «Москва, 1 августа -»")
    before = sentence.words_before(start, 1)
    if re.search(r"(?i)(?<!\w)между\s\d{1,2}\s[а-яё]+(?:\s\d{4}\s?(?:г\.|года))?\sи\s$", head):
        return Grammar(
            "instrumental", "n", why="«между … и …»: both dates"
        )  # «между 27 мая и 7 июня»
    if before and before[0] in context.PREPOSITIONS:
        preposition = before[0]
        cases = context.PREPOSITIONS[preposition]
        fixed: dict[str, Case] = {
            "с": "genitive", "со": "genitive", "по": "accusative", "на": "accusative",
            "в": "accusative", "за": "accusative", "о": "prepositional",
        }  # fmt: skip
        case: Case = fixed.get(preposition, sorted(cases)[0])
        return Grammar(case, "n", why=f"after «{preposition}»")
    rest = sentence.text[end:]
    head = sentence.text[:start].rstrip()
    if (not head or head[-1] in ".!?") and _DATELINE_AFTER.match(rest):
        return Grammar("nominative", "n", why="a dateline or the subject")
    dashed = _DATELINE_AFTER.match(rest) and rest.lstrip()[:1] in ("-", "–", "—")
    if dashed and head and not _verb_before(sentence, start) and not _noun_before(sentence, start):
        # «Для детей 1 сентября – самый долгожданный день»: the subject of a verbless clause
        # (not «Выборы 15 марта – самые важные»: the date of «выборы»)
        return Grammar("nominative", "n", why="the subject before a dash")
    if before and before[0] in _COPULAS:  # «самым людным стало 6 января»
        return Grammar("nominative", "n", why=f"the subject of «{before[0]}»")
    predicate = _PREDICATE_AFTER.match(rest)
    copula = _COPULA_AFTER.match(rest) or predicate
    if predicate:
        previous = sentence.before(start, 1)
        subject_before = (
            bool(previous)
            and previous[0].is_word
            and any(
                p.tag.POS == "NOUN" and p.tag.case == "nomn"
                for p in morph.parses(previous[0].text)[:1]
            )
        )
        if subject_before or not _instrumental_follows(rest):
            # «1 мая было тепло»: the time of the weather; «Маск 1 октября стал первым»: the
            # time of what the subject before it did
            copula = None
    if copula and not _verb_before(sentence, start):
        # «22 июня 1941 года является одной из дат», «В 1941 году 22 июня стало началом»
        return Grammar("nominative", "n", why=f"the subject of «{copula[1]}»")
    if _verbless(sentence) and (not head or not head[-1].isalpha() or head[-1].isupper()):
        # «Актобе. 20 августа», «Москва, 20 августа»; but «вступление в силу 22 ноября»
        # dates the phrase before it: genitive
        return Grammar("nominative", "n", why="a heading or dateline")
    return Grammar("genitive", "n", why=_RUNNING_TEXT)


def _year_words(year: int, case: Case) -> str:
    return f"{ordinal(year, case)} {morph.inflect('год', TAG_OF_CASE[case], 'sing') or 'года'}"


_PERIOD_NOUNS = frozenset({"неделя", "период", "срок", "даты", "дата", "сезон"})


def _apposition(sentence: Sentence, start: int) -> bool:
    """After a colon, an opening bracket, a dash or a noun that names a period."""
    head = sentence.text[:start].rstrip()
    if head and head[-1] in ":(–—-":
        return True
    before = sentence.words_before(start, 1)
    return bool(before) and morph.lemma(before[0]) in _PERIOD_NOUNS


# «20 августа 2024 года», «20-21 августа», «5 и 6 мая», «с 5 по 7 мая»
DAY_MONTH = re.compile(
    rf"(?<![\w.,:/-])(?P<list>(?:[0-3]?\d,\s?)+)?(?P<d1>[0-3]?\d)"
    rf"(?:(?P<join>{DASH}|\s(?:и|по|или|на)\s)(?P<d2>[0-3]?\d))?\s?"
    rf"(?P<month>{_MONTH_CAP})(?![\w-])"
    # («на сегодня, 25 мая, 1000 рублей …»: after a comma a number before a word is no year)
    rf"(?:(?:,\s(?=\d{{4}}(?!\s(?!год|г\.)[а-яё]{{3}}))|\s)(?P<year>\d{{4}})(?!-\w)"
    rf"(?:\s?(?P<y>года|году|год|г\.|г(?!\w)))?)?"
)


def _day_month(match: re.Match[str], sentence: Sentence) -> Reading | None:
    d1 = int(match["d1"])
    d2 = int(match["d2"]) if match["d2"] else None
    listed = [int(d) for d in re.findall(r"\d+", match["list"] or "")]
    if not all(1 <= d <= 31 for d in [d1, *listed, *([d2] if d2 else [])]):
        return None
    grammar = date_case(sentence, match.start(), match.end())
    case = grammar.case
    parts = [f"{ordinal(d, case, 'n')}," for d in listed]  # «15, 16 и 17 марта»
    if d2 is not None and d1 >= d2 and match["join"].strip() in "-–—−":
        # «iPhone 14 — 12 сентября»: no span runs backwards; the first number is something else's
        parts.append(f"{cardinal(d1)} –")
        d1, d2 = d2, None
    join = match["join"].strip() if d2 is not None else ""
    after_from = sentence.words_before(match.start(), 1) in (["с"], ["со"])
    if d2 is not None and join in "-–—−" and after_from:
        join = "по"  # «с 3-6 сентября»: the dash stands for «по» after «с»
    if (
        d2 is not None
        and join not in ("по", "на", "и", "или")
        and grammar.why == _RUNNING_TEXT
        and _apposition(sentence, match.start())
    ):
        # «за неделю 22-28 апреля», «(24-30 января)», «Когда: 14-19 августа»: a span that
        # names a period rather than dates a verb is said «с двадцать второго по двадцать
        # восьмое» (after a verb, «пройдёт 24–25 июня», the two genitives stay)
        parts += ["с", ordinal(d1, "genitive", "n"), "по", ordinal(d2, "accusative", "n")]
        grammar = Grammar("genitive", "n", why="a span of days: «с … по …»")
        d2 = None
    else:
        parts.append(ordinal(d1, case, "n"))
    if d2 is not None:
        if join in ("по", "на"):  # «с 5 по 7 мая», «в ночь с 7 на 8 декабря»
            parts += [join, ordinal(d2, "accusative", "n")]
        elif join in ("и", "или"):
            parts += [join, ordinal(d2, case, "n")]
        else:
            parts += ["–", ordinal(d2, case, "n")]
    month = match["month"].lower().rstrip(".")
    parts.append(MONTHS[SHORT_MONTHS[month]] if month in SHORT_MONTHS else month)
    if match["year"]:
        parts.append(_year_words(int(match["year"]), "genitive"))
    return Reading(" ".join(parts), grammar.describe())


# «2025.07.03»: year, month, day
ISO_DATE = re.compile(
    r"(?<![\w.,:/-])(?P<y>\d{4})[.-](?P<m>[01]\d)[.-](?P<d>[0-3]\d)(?![\w]|[.,]\d)"
)


def _iso_date(match: re.Match[str], sentence: Sentence) -> Reading | None:
    day, month = int(match["d"]), int(match["m"])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    grammar = date_case(sentence, match.start(), match.end())
    year = _year_words(int(match["y"]), "genitive")
    spoken = f"{ordinal(day, grammar.case, 'n')} {MONTHS[month - 1]} {year}"
    return Reading(spoken, grammar.describe())


# «15.03.2024», «15.03.2024 г.», «01.09.24»
NUMERIC_DATE = re.compile(
    r"(?<![\w.,:/-])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>\d{4}|\d{2})(?:\s?(?:г\.|года|г(?!\w)))?"
    r"(?![\w]|\.\d)"
    # «12-07-2020» (a byline's date, day first, a four-digit year)
    r"|(?<![\w.,:/-])(?P<d2>[0-3]\d)-(?P<m2>[01]\d)-(?P<y2>(?:19|20)\d\d)(?![\w-])"
)


def _numeric_date(match: re.Match[str], sentence: Sentence) -> Reading | None:
    d, m, y = (
        (match["d"], match["m"], match["y"])
        if match["d"]
        else (match["d2"], match["m2"], match["y2"])
    )
    day, month = int(d), int(m)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    year = int(y)
    if len(y) == 2:
        year += 2000 if year < 50 else 1900
    grammar = date_case(sentence, match.start(), match.end())
    spoken = (
        f"{ordinal(day, grammar.case, 'n')} {MONTHS[month - 1]} {_year_words(year, 'genitive')}"
    )
    return Reading(spoken, grammar.describe())


# «01.12.2023-10.12.2023»: a period from one date to another
NUMERIC_DATE_RANGE = re.compile(
    r"(?<![\w.,:/-])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>\d{4})\s?[-–—]\s?"
    r"(?P<d2>[0-3]?\d)\.(?P<m2>[01]?\d)\.(?P<y2>\d{4})(?:\s?(?:гг?\.|года|г(?!\w)))?"
    r"(?![\w]|\.\d)"
)


def _numeric_date_range(match: re.Match[str], sentence: Sentence) -> Reading | None:
    dates = [(int(match[d]), int(match[m]), int(match[y])) for d, m, y in
             (("d", "m", "y"), ("d2", "m2", "y2"))]  # fmt: skip
    if not all(1 <= day <= 31 and 1 <= month <= 12 for day, month, _ in dates):
        return None
    grammar = date_case(sentence, match.start(), match.end())
    if grammar.why == _RUNNING_TEXT:
        grammar = Grammar("nominative", "n", why="a period named by its two dates")
    cases: list[Case] = [grammar.case, grammar.case]
    joint = " – "
    if sentence.words_before(match.start(), 1) in (["с"], ["со"]):
        cases[1], joint = "accusative", " по "  # «с 01.01 – 31.12» is said «с … по …»
    spoken = joint.join(
        f"{ordinal(day, case, 'n')} {MONTHS[month - 1]} {_year_words(year, 'genitive')}"
        for (day, month, year), case in zip(dates, cases, strict=True)
    )
    return Reading(spoken, grammar.describe())


# «2025/26 сельхозсезона», «в 2021/22 МГ», «2023/2024 годов»: a season of two years
SEASON = re.compile(r"(?<![\w./-])(?P<y1>(?:19|20)\d\d)/(?P<y2>(?:19|20)?\d\d)(?![\w/]|[.,]\d)")
_SEASON_CASES: dict[str, Case] = {
    "в": "prepositional", "во": "prepositional", "за": "accusative", "на": "accusative",
    "к": "dative", "по": "dative",
}  # fmt: skip


def _season(match: re.Match[str], sentence: Sentence) -> Reading | None:
    first = int(match["y1"])
    second = int(match["y2"]) if len(match["y2"]) == 4 else first // 100 * 100 + int(match["y2"])
    if second != first + 1:
        return None  # «2012/15»: not one season
    before = sentence.words_before(match.start(), 1)
    if before and before[0].startswith("сезон"):
        # «в сезоне 2012/2013»: a sports season is said by its numbers
        short = second if len(match["y2"]) == 4 else second % 100
        return Reading(f"{cardinal(first)} – {cardinal(short)}", "a sports season")
    case: Case = _SEASON_CASES.get(before[0], "genitive") if before else "genitive"
    tail = ordinal(second if len(match["y2"]) == 4 else second % 100, case)
    return Reading(f"{ordinal(first, case)} – {tail}", f"{case}: a season of two years")


# Years with «год»: «в 2024 году», «2024 г.», «2023-2024 гг.», «с 2020 по 2024 год»,
# «1941–1945 годов».
_YEAR_NOUN = (
    r"(?P<noun>(?:годах|годами|годам|годов|годы|году|годом|года|год)(?!\w)|гг\.|гг(?!\w)|г\.|"
    r"г(?![\w]))"  # a whole word: not the start of «годовщине»
)
# «55 г.р.», «1990 г. р.»: the year of birth
# (and of a group: «спортсменов 2006-2009 г.р», «2000-2001 гг.р.», the final point often left
# out)
BIRTH_YEAR = re.compile(
    rf"(?<![\w.,-])(?P<y>\d{{2,4}})(?:\s?(?:{DASH})\s?(?P<y2>\d{{2,4}}))?\s?гг?\.\s?р(?:\.|(?!\w))"
)


def _birth_year(match: re.Match[str], sentence: Sentence) -> Reading:
    del sentence
    first = ordinal(int(match["y"]), "genitive")
    if match["y2"]:
        second = ordinal(int(match["y2"]), "genitive")
        return Reading(f"{first} – {second} годов рождения", "genitive: «г. р.» of a span")
    return Reading(f"{first} года рождения", "genitive: «г. р.»")


# «в 21 году», «к 41 году»: a two-digit year before «году» is an ordinal
SHORT_YEAR = re.compile(r"(?<![\w.,:/-])(?P<y>\d{1,2})\s(?P<noun>году)(?!\w)")


_TERM_AFTER = re.compile(r"\s(?:и\s)?\d{1,2}\s(?:месяц|недел|дн)")  # «к 1 году 6 месяцам»


def _short_year(match: re.Match[str], sentence: Sentence) -> Reading | None:
    del sentence
    if int(match["y"]) == 1 or _TERM_AFTER.match(match.string, match.end()):
        return None  # «к 1 году 6 месяцам»: a term, not the year '01
    return Reading(f"{ordinal(int(match['y']), 'prepositional')} году", "prepositional: «году»")


YEARS = re.compile(
    rf"(?<![\w.,:/№-])(?P<y1>\d{{3,4}})(?:-(?:м|й|го|ом|му)(?!\w))?"
    rf"(?:(?P<join>{DASH}|\sпо\s|\sи\s|\sили\s)(?P<y2>\d{{2,4}}))?\s?{_YEAR_NOUN}",
    re.IGNORECASE,
)

_NOUN_FORM = {
    "г.": None, "г": None, "гг.": None, "гг": None,
}  # fmt: skip


def _year_grammar(match: re.Match[str], sentence: Sentence) -> tuple[Grammar, str]:
    """The case of the year and the spoken «год» form."""
    noun = match["noun"]
    plural_written = noun.startswith("гг") or noun in ("годах", "годами", "годам", "годов", "годы")
    if noun not in _NOUN_FORM:
        parses = [p for p in morph.parses(noun) if p.tag.POS == "NOUN" and p.normal_form == "год"]
        if not match["y2"]:
            parses = [p for p in parses if "sing" in p.tag] or parses
        grammar = context.ordinal(sentence, match.start(), match.end(), lemma="год")
        # in the parses' order (likeliest first), not a set's: the reading must not depend on
        # the process's hash seed
        tags = dict.fromkeys(str(p.tag.case) for p in parses)
        cases = [CASE_OF_TAG[c] for c in tags if c in CASE_OF_TAG]
        ruled = context.governor(sentence, match.start())
        case = grammar.case if grammar.case in cases else (cases[0] if cases else grammar.case)
        if ruled is not None and len(cases) > 1:
            both = [c for c in cases if c in ruled[0]]
            case = both[0] if both else case
        return Grammar(case, "m", why=f"agrees with «{noun}»"), noun
    # an abbreviation: the case comes from the context
    grammar = _abbreviated_year_case(match, sentence)
    plural = plural_written or bool(match["y2"] and match["join"].strip() not in ("по",))
    word = morph.inflect("год", TAG_OF_CASE[grammar.case], "plur" if plural else "sing") or "год"
    if grammar.case == "accusative":
        word = "годы" if plural else "год"
    return grammar, word


_MASS = frozenset({"вес", "масса", "весом", "массой", "весу", "массе", "веса", "массы",
                   "порция", "порции", "содержание"})  # fmt: skip


def _mass_before(sentence: Sentence, start: int) -> bool:
    words = sentence.words_before(start, 2)
    return any(w in _MASS for w in words)


def _genitive_noun_after(sentence: Sentence, end: int) -> bool:
    token = sentence.word_after(end)
    return token is not None and token.is_cyrillic and morph.has(token.text, "NOUN", "gent")


def _abbreviated_year_case(match: re.Match[str], sentence: Sentence) -> Grammar:
    start = match.start()
    before = sentence.words_before(start, 2)
    previous = before[-1] if before else None
    if previous in ("в", "во"):
        return Grammar("prepositional", why="«в … г.»: in the year")
    if re.search(r"(?:нач|кон|сер|сер\.|н|к)\.\s*$", sentence.text[:start]) or previous in (
        "начала",
        "конца",
        "середины",
        "начало",
        "конец",
        "середина",
    ):
        return Grammar("genitive", why="«начала / конца … века»")
    if previous in context.PREPOSITIONS:
        return context.phrase_case(sentence, start, "genitive")
    if previous in MONTHS:
        return Grammar("genitive", why="after a date")
    if sentence.text[:start].endswith("(") and match.string[match.end() :].startswith(")"):
        return Grammar("nominative", why="a year alone in brackets: «(1889 г.)»")
    first = re.search(r"(?:^|\()\s*\d{3,4}\s?г\.\s?[-–—]\s?$", sentence.text[:start])
    if first is not None:  # «(1093 г. - 1166 г.)»: the second year as the first
        return Grammar("nominative", why="a span of years in brackets or a heading")
    if re.search(r"(?i)(?<![\w.])(?:мес|кв|нед|полугод|дек)\.\s*$", sentence.text[:start]):
        return Grammar("genitive", why="«за 9 мес. 2024 г.»: the year of the period")
    if sentence.at_start(start):
        after = match.string[match.end() :].lstrip()
        if not after or after[:1] in ".:–—-" or morph.has(after.split()[0].strip(".,"), "VERB"):
            return Grammar("nominative", why="the subject or a heading")
        return Grammar("genitive", why="a year before its clause")
    if previous is not None and morph.best_pos(previous) == "NOUN":
        return Grammar("genitive", why=f"complement of «{previous}»")
    return Grammar("genitive", why="default for «г.»")


def _years(match: re.Match[str], sentence: Sentence) -> Reading | None:
    y1 = int(match["y1"])
    if y1 < 100 and not match["y2"]:
        return None
    if match["noun"] == "г" and (y1 < 1000 or _genitive_noun_after(sentence, match.end())):
        return None  # «на 300 г муки»: grams
    if y1 < 1000 and not match["y2"] and match["noun"] in ("года", "год", "лет"):
        before = sentence.words_before(match.start(), 1)
        if not before or before[0] not in context.PREPOSITIONS:
            return None  # «исполнится 103 года»: an age, not a year
    if match["noun"] in ("г.", "г") and y1 < 1000 and _mass_before(sentence, match.start()):
        return None  # «вес 123 г.»: grams
    plural_noun = match["noun"].lower() in ("годах", "годами", "годам", "годов", "годы")
    if match["noun"].startswith("гг") and not match["y2"] and y1 % 10 == 0:
        grammar = _abbreviated_year_case(match, sentence)  # «в 2000гг.» -> «в двухтысячных годах»
        spoken = f"{ordinal(y1, grammar.case, plural=True)} {_noun_form('год', grammar.case, True)}"
        return Reading(spoken, f"{grammar.case}: a decade")
    if plural_noun and not match["y2"] and y1 % 10 == 0:
        # «в 1990 годах»: the decade
        noun = next((p for p in morph.parses(match["noun"]) if p.normal_form == "год"), None)
        case = CASE_OF_TAG.get(str(noun.tag.case), "nominative") if noun else "nominative"
        return Reading(f"{ordinal(y1, case, plural=True)} {match['noun']}", f"{case}: a decade")
    grammar, noun_word = _year_grammar(match, sentence)
    case = grammar.case
    if match["y2"] and match["join"].strip() == "по":
        case = "genitive"  # «с 2020 по 2024 год»
    if (
        match["y2"]
        and match["join"].strip() in "-–—"
        and match["noun"].startswith("гг")
        and sentence.at_start(match.start())
        and re.match(r"\s+[а-яё]", match.string[match.end() :])
    ):  # «1990–2000 гг. компания выпустила…»: a span, «с … по … год»
        second = int(match["y2"]) if len(match["y2"]) == 4 else y1 // 100 * 100 + int(match["y2"])
        spoken = f"с {ordinal(y1, 'genitive')} по {ordinal(second, 'accusative')} год"
        return Reading(spoken, "a span of years at the start: «с … по …»")
    parts = [ordinal(y1, case)]
    if match["y2"]:
        y2_text = match["y2"]
        y2 = int(y2_text)
        if len(y2_text) == 2:
            y2 += y1 // 100 * 100
        join = match["join"].strip()
        if join == "по":
            second_case: Case = "accusative"
            parts += ["по", ordinal(y2, second_case)]
            if match["noun"].startswith("г") and match["noun"] not in ("годы", "года", "год"):
                noun_word = (
                    "год" if match["noun"].startswith("гг") or "." in match["noun"] else noun_word
                )
        else:
            parts += ["–" if join in "-–—−" else join, ordinal(y2, case)]
    parts.append(noun_word)
    return Reading(" ".join(parts), grammar.describe())


def day_of_month(
    match: re.Match[str], sentence: Sentence, value: int, suffix: str
) -> Reading | None:
    """«до 18 декабря, а в ночь на 20-е»: a day of a month named before is «число»."""
    if suffix not in ("е", "ое") or not 1 <= value <= 31:
        return None
    if not re.search(rf"\d\s(?:{context.MONTH_GENITIVES})\b", sentence.text[: match.start()]):
        return None
    token = sentence.word_after(match.end())
    if token is not None and token.lower.startswith(("год", "числ")):
        return None
    if token is not None and any(
        p.tag.POS == "NOUN" and {"neut", "sing"} <= set(p.tag.grammemes)
        for p in morph.parses(token.text)[:1]
    ):
        return None  # «19 декабря состоялось 4-е заседание»: the ordinal has its own noun
    grammar = date_case(sentence, match.start(), match.end())  # a date's own case rules
    return Reading(ordinal(value, grammar.case, "n"), f"{grammar.describe()}: a day of the month")


# Decades: «в 90-е», «1960-х годов», «в 2010-е годы»
DECADE = re.compile(
    r"(?<![\w.,-])(?:(?P<first>\d*[1-9]0|\d*00)(?:-[ехм]{1,2})?\s?[-–—]\s?)?"  # «20-50-х годов»
    r"(?P<num>\d*[1-9]0|\d*00)-(?P<suffix>е|х|ми)(?![\w-])(?P<years>\s?гг\.)?"
)


# An ordinal in «-е» after a dash earlier in the sentence: «Иванов - 13-е, Петров - 50-е»
_PLACES_LISTED = re.compile(r"[—–-]\s?\d{1,3}-е\b.*[—–-]\s?$")


def _decade(match: re.Match[str], sentence: Sentence) -> Reading | None:
    if not match["first"] and not match["years"]:
        day = day_of_month(match, sentence, int(match["num"]), match["suffix"])
        if day is not None:
            return day  # «на 20-е» after «18 декабря»: a day, not the twenties
    token = sentence.word_after(match.end())
    if token is not None and token.is_cyrillic and not match["years"]:
        parses = morph.parses(token.text)
        if (
            parses
            and parses[0].tag.POS == "NOUN"
            and "sing" in parses[0].tag
            and parses[0].normal_form in context.ORDINAL_NOUNS
        ):
            return None  # «20-е место»: an ordinal, not a decade
    if _PLACES_LISTED.search(sentence.text[: match.start()]) and not match["years"]:
        return None  # «Чудов - 13-е, … Максимов - 50-е»: a place among places
    before = sentence.words_before(match.start(), 1)
    previous = before[0] if before else None
    by_suffix: dict[str, Case] = {"е": "nominative", "х": "genitive", "ми": "instrumental"}
    case = by_suffix[match["suffix"]]
    if match["suffix"] == "х" and previous in ("в", "во", "о", "об", "на", "при"):
        case = "prepositional"  # «в 60-х гг.» -> «в шестидесятых годах»
    elif match["suffix"] == "х" and previous in ("к", "по"):
        case = "dative" if previous == "к" else "accusative"
    spoken = ordinal(int(match["num"]), case, plural=True)
    if match["first"]:
        spoken = f"{ordinal(int(match['first']), case, plural=True)} – {spoken}"
    if match["years"]:
        spoken += " " + _noun_form("год", case, True)
    return Reading(spoken, f"{case}: a decade, ending «-{match['suffix']}»")


# Centuries: «XXI век», «в XIX в.», «XV-XVI вв.», «XV и XVI века», «с XVI по XVIII вв.»,
# «V и IV тысячелетиях»; also quarters: «в IV кв.» -> «в четвёртом квартале».
_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
CENTURY = re.compile(
    rf"(?<![\w.,-])(?P<c1>{_ROMAN}|\d{{1,2}})(?:-(?:й|го|м|му|ом))?"
    rf"(?:(?P<join>{DASH}|\sи\s|\sпо\s|\sдо\s)(?P<c2>{_ROMAN}|\d{{1,2}})(?:-(?:й|го|м|му|ом))?)?\s?"
    # a bare «в» only where no word follows: «X в понедельник» is the preposition
    r"(?P<noun>вв\.|в\.|в(?=\s*(?:$|[,;:)]|до\s|н\.))|век(?:а|у|ом|е|ов|ах|ами|ам)?|столети[еяюий]|"
    r"тысячелети(?:е|я|ю|ем|и|й|ям|ями|ях)|кв\.(?=\s)|квартал(?:а|у|ом|е|ы|ов|ах|ам|ами)?)(?![\w])"
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_value(text: str) -> int | None:
    if not text or not re.fullmatch(
        r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})", text
    ):
        return None
    total = 0
    for i, char in enumerate(text):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[text[i + 1]] if i + 1 < len(text) else 0
        total += -value if value < following else value
    return total or None


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else roman_value(text)


_CENTURY_NOUNS = {"в": "век", "к": "квартал"}


_PARTS_OF_A_CENTURY = frozenset({
    "конце", "конца", "начале", "начала", "середине", "середины", "половине", "половины",
    "рубеже", "рубежа", "четверти",
})  # fmt: skip


def _century(match: re.Match[str], sentence: Sentence) -> Reading | None:
    c1 = _number(match["c1"])
    c2 = _number(match["c2"]) if match["c2"] else None
    ancient = re.match(r"\s?(?:до\s?н\.\s?э|до нашей эры)", sentence.text[match.end() :])
    if c1 is None or c1 > (60 if ancient else 30) or (match["c2"] and c2 is None):
        return None
    noun, join = match["noun"], (match["join"] or "").strip()
    abbreviated = noun.startswith(("в", "кв.")) and not noun.startswith("век")
    dated = noun.startswith("кв.") and re.match(r"\s?\d{4}\b", sentence.text[match.end() :])
    before = sentence.words_before(match.start(), 1)
    part_of = noun.startswith("в") and bool(before) and before[0] in _PARTS_OF_A_CENTURY
    if (
        abbreviated
        and not match["c1"].isupper()
        and match.group().find("-") < 0
        and not dated
        and not part_of  # «в конце 18 в.»
    ):
        return None  # «5 в …»: not a century; «1 кв. м» is a square metre («4 кв. 2019 г.» is)
    lemma = (
        "квартал"
        if noun.startswith("кв")
        else "тысячелетие"
        if noun.startswith("тысячел")
        else "столетие"
        if noun.startswith("столет")
        else "век"
    )
    gender = "n" if lemma in ("столетие", "тысячелетие") else "m"
    if abbreviated:
        grammar = _abbreviated_year_case(match, sentence)
        case = grammar.case
        plural = noun == "вв." or (c2 is not None and join not in ("по", "до"))
        if join in ("по", "до"):
            case = "genitive"  # «с XVI по XVIII вв.», «от XVI до XVIII вв.»
        why = grammar.why
    else:
        parses = [p for p in morph.parses(noun) if p.normal_form == lemma and p.tag.case]
        grammar = context.ordinal(sentence, match.start(), match.start("noun") - 1)
        cases = [CASE_OF_TAG[str(p.tag.case)] for p in parses]
        case = grammar.case if grammar.case in cases else (cases[0] if cases else "nominative")
        plural = any("plur" in p.tag for p in parses if CASE_OF_TAG[str(p.tag.case)] == case)
        why = f"agrees with «{noun}»"
    first = ordinal(c1, case, gender)  # type: ignore[arg-type]
    if c2 is None:
        word = noun if not abbreviated else _noun_form(lemma, case, plural)
        return Reading(f"{first} {word}", f"{case}: {why}")
    if join == "по":
        first = ordinal(c1, "genitive", gender)  # type: ignore[arg-type]
        second = ordinal(c2, "accusative", gender)  # type: ignore[arg-type]
        word = _noun_form(lemma, "accusative", False)
        return Reading(f"{first} по {second} {word}", "«с … по …»")
    if join == "до":
        second = ordinal(c2, "genitive", gender)  # type: ignore[arg-type]
        return Reading(f"{first} до {second} {_noun_form(lemma, 'genitive', False)}", why)
    second = ordinal(c2, case, gender)  # type: ignore[arg-type]
    word = noun if not abbreviated else _noun_form(lemma, case, True)  # «к 3–4 тысячелетию»
    separator = " и " if join == "и" else " – "
    return Reading(f"{first}{separator}{second} {word}", f"{case}: {why}")


def _noun_form(lemma: str, case: Case, plural: bool) -> str:
    if case == "accusative":
        case = "nominative"  # inanimate
    return morph.inflect(lemma, TAG_OF_CASE[case], "plur" if plural else "sing") or lemma


# «на 11.01», «с 15.03 по 20.03»: a day and month after a preposition (elsewhere «11.01» is
# a decimal).
SHORT_DATE = re.compile(r"(?<![\w.,:/-])(?P<d>[0-3]\d)\.(?P<m>[01]\d)(?![\w]|[.,]\d)")


def _short_date(match: re.Match[str], sentence: Sentence) -> Reading | None:
    day, month = int(match["d"]), int(match["m"])
    before = sentence.words_before(match.start(), 1)
    if (
        not (1 <= day <= 31 and 1 <= month <= 12)
        or not before
        or before[0] not in ("на", "с", "со", "по", "до", "к", "от")
    ):
        return None
    grammar = date_case(sentence, match.start(), match.end())
    return Reading(f"{ordinal(day, grammar.case, 'n')} {MONTHS[month - 1]}", grammar.describe())


# Eras: «500 CE» -> «пятисотого года нашей эры», «в 300 г. до н. э.»
ERA = re.compile(
    r"(?<![\w.,-])(?P<num>\d{1,5})(?:(?P<join>\s?[-–—]\s?|\sдо\s|\sпо\s)(?P<num2>\d{1,5}))?\s?"
    r"(?:(?P<noun>г\.|год|года|году|годом)\s?)?"
    r"(?P<era>BCE|BC|CE|AD|A\.\s?D\.|B\.\s?C\.|до\s?н\.\s?э\.?|н\.\s?э\.?|до\sнашей\sэры|нашей\sэры)"
    r"(?![\w])"
)


def _era(match: re.Match[str], sentence: Sentence) -> Reading:
    era = "до нашей эры" if match["era"].startswith(("B", "до")) else "нашей эры"
    written = match["noun"]
    if written and written != "г.":  # «в 1776 год до н. э.»: the written noun's case
        grammar = context.ordinal(sentence, match.start(), match.start("noun") - 1)
        cases = {
            CASE_OF_TAG[str(p.tag.case)]
            for p in morph.parses(written)
            if p.normal_form == "год" and "sing" in p.tag and p.tag.case
        }
        case = grammar.case if grammar.case in cases else sorted(cases)[0]
        grammar = Grammar(case, why=f"agrees with «{written}»")
    elif match["num2"] and sentence.words_before(match.start(), 1) == ["с"]:
        grammar = Grammar("genitive", why="«с … по …»")
    elif match["num2"] and not sentence.words_before(match.start(), 1):
        grammar = Grammar("nominative", why="a span of years")
    else:
        grammar = _abbreviated_year_case(match, sentence)
    case = grammar.case
    word = _noun_form("год", case, False)
    first = ordinal(int(match["num"]), case)
    if match["num2"]:
        join = match["join"].strip()
        second_case: Case = {"по": "accusative", "до": "genitive"}.get(join, case)  # type: ignore[assignment]
        second = ordinal(int(match["num2"]), second_case)
        word = _noun_form("год", second_case, False)
        first += f" {join if join in ('по', 'до') else '–'} {second}"
    return Reading(f"{first} {word} {era}", grammar.describe())


RULES = (
    Rule("date", BIRTH_YEAR, _birth_year, "55 г.р. -> пятьдесят пятого года рождения"),
    Rule("date", ERA, _era, "500 CE -> пятисотого года нашей эры"),
    Rule("date", ISO_DATE, _iso_date, "2025.07.03 -> третьего июля …"),
    Rule("date", NUMERIC_DATE_RANGE, _numeric_date_range, "01.12.2023-10.12.2023 -> …"),
    Rule("date", NUMERIC_DATE, _numeric_date, "15.03.2024 -> пятнадцатого марта …"),
    Rule("date", SHORT_DATE, _short_date, "на 11.01 -> на одиннадцатое января"),
    Rule("date", DAY_MONTH, _day_month, "Актобе. 20 августа. -> двадцатое августа"),
    Rule("year", SEASON, _season, "2025/26 сельхозсезона -> две тысячи двадцать пятого – …"),
    Rule("year", YEARS, _years, "в 2024 году -> в две тысячи двадцать четвёртом году"),
    Rule("year", SHORT_YEAR, _short_year, "в 21 году -> в двадцать первом году"),
    Rule("decade", DECADE, _decade, "в 90-е -> в девяностые"),
    Rule("century", CENTURY, _century, "в XIX в. -> в девятнадцатом веке"),
)

__all__ = ["MONTHS", "RULES", "cardinal", "roman_value"]
