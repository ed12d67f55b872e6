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

from tts.normalize import context, morph
from tts.normalize.context import Grammar
from tts.normalize.numbers import TAG_OF_CASE, Case, cardinal, ordinal
from tts.normalize.rules import Reading, Rule
from tts.normalize.sentence import Sentence

MONTHS = (
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
    "октября", "ноября", "декабря",
)  # fmt: skip
_MONTH = "|".join(MONTHS)
_MONTH_CAP = "|".join(m + "|" + m.capitalize() + "|" + m.upper() for m in MONTHS)
DASH = r"\s?[-–—−]\s?"

# Where a date is the subject or a heading, it is nominative («20 августа – День…»).
_DATELINE_AFTER = re.compile(r"^\s*(?:[.!?]|$|[-–—]\s+(?!\d))")


def date_case(sentence: Sentence, start: int, end: int) -> Grammar:
    """The case of «N месяца»: a preposition's, nominative for a dateline, else genitive."""
    before = sentence.words_before(start, 1)
    if before and before[0] in context.PREPOSITIONS:
        preposition = before[0]
        cases = context.PREPOSITIONS[preposition]
        case: Case = {
            "с": "genitive", "со": "genitive", "по": "accusative", "на": "accusative",
            "в": "accusative", "за": "accusative", "о": "prepositional",
        }.get(preposition, next(iter(sorted(cases))))  # fmt: skip
        return Grammar(case, "n", why=f"after «{preposition}»")
    rest = sentence.text[end:]
    if sentence.at_start(start) and _DATELINE_AFTER.match(rest):
        return Grammar("nominative", "n", why="a dateline or the subject")
    return Grammar("genitive", "n", why="a date in running text")


def _year_words(year: int, case: Case) -> str:
    return f"{ordinal(year, case)} {morph.inflect('год', TAG_OF_CASE[case], 'sing') or 'года'}"


# «20 августа 2024 года», «20-21 августа», «5 и 6 мая», «с 5 по 7 мая»
DAY_MONTH = re.compile(
    rf"(?<![\w.,:/-])(?P<d1>[0-3]?\d)(?:(?P<join>{DASH}|\s(?:и|по|или)\s)(?P<d2>[0-3]?\d))?\s"
    rf"(?P<month>{_MONTH_CAP})(?![\w-])"
    rf"(?:\s(?P<year>\d{{4}})(?:\s?(?P<y>года|году|год|г\.|г(?!\w)))?)?"
)


def _day_month(match: re.Match[str], sentence: Sentence) -> Reading | None:
    d1 = int(match["d1"])
    d2 = int(match["d2"]) if match["d2"] else None
    if not 1 <= d1 <= 31 or (d2 is not None and not 1 <= d2 <= 31):
        return None
    grammar = date_case(sentence, match.start(), match.end())
    case = grammar.case
    first = ordinal(d1, case, "n")
    parts = [first]
    if d2 is not None:
        join = match["join"].strip()
        if join == "по":
            parts += ["по", ordinal(d2, "accusative", "n")]
        elif join in ("и", "или"):
            parts += [join, ordinal(d2, case, "n")]
        else:
            parts += ["–", ordinal(d2, case, "n")]
    parts.append(match["month"].lower())
    if match["year"]:
        parts.append(_year_words(int(match["year"]), "genitive"))
    return Reading(" ".join(parts), grammar.describe())


# «15.03.2024», «15.03.2024 г.», «01.09.24»
NUMERIC_DATE = re.compile(
    r"(?<![\w.,:/-])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>\d{4}|\d{2})(?:\s?(?:г\.|года|г(?!\w)))?"
    r"(?![\w]|\.\d)"
)


def _numeric_date(match: re.Match[str], sentence: Sentence) -> Reading | None:
    day, month = int(match["d"]), int(match["m"])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    year = int(match["y"])
    if len(match["y"]) == 2:
        year += 2000 if year < 50 else 1900
    grammar = date_case(sentence, match.start(), match.end())
    spoken = f"{ordinal(day, grammar.case, 'n')} {MONTHS[month - 1]} {_year_words(year, 'genitive')}"
    return Reading(spoken, grammar.describe())


# Years with «год»: «в 2024 году», «2024 г.», «2023-2024 гг.», «с 2020 по 2024 год»,
# «1941–1945 годов».
_YEAR_NOUN = (
    r"(?P<noun>годах|годами|годам|годов|годы|году|годом|года|год|гг\.|гг(?!\w)|г\.|г(?![\w]))"
)
YEARS = re.compile(
    rf"(?<![\w.,:/№-])(?P<y1>\d{{3,4}})(?:-(?:м|й|го|ом|му)(?!\w))?"
    rf"(?:(?P<join>{DASH}|\sпо\s|\sи\s|\sили\s)(?P<y2>\d{{2,4}}))?\s?{_YEAR_NOUN}"
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
        allowed = {str(p.tag.case) for p in parses}
        grammar = context.ordinal(sentence, match.start(), match.end(), lemma="год")
        cases = [context.CASE_OF_TAG[c] for c in allowed if c in context.CASE_OF_TAG]
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


def _abbreviated_year_case(match: re.Match[str], sentence: Sentence) -> Grammar:
    start = match.start()
    before = sentence.words_before(start, 2)
    previous = before[-1] if before else None
    if previous in ("в", "во"):
        return Grammar("prepositional", why="«в … г.»: in the year")
    if previous in context.PREPOSITIONS:
        return context.phrase_case(sentence, start, "genitive")
    if previous in MONTHS:
        return Grammar("genitive", why="after a date")
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
    grammar, noun_word = _year_grammar(match, sentence)
    case = grammar.case
    if match["y2"] and match["join"].strip() == "по":
        case = "genitive"  # «с 2020 по 2024 год»
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
            noun_word = "год"
        else:
            parts += ["–" if join in "-–—−" else join, ordinal(y2, case)]
    parts.append(noun_word)
    return Reading(" ".join(parts), grammar.describe())


# Decades: «в 90-е», «1960-х годов», «в 2010-е годы»
DECADE = re.compile(r"(?<![\w.,-])(?P<num>\d*[1-9]0|\d*00)-(?P<suffix>е|х|ми)(?![\w-])")


def _decade(match: re.Match[str], sentence: Sentence) -> Reading | None:
    token = sentence.word_after(match.end())
    if token is not None and token.is_cyrillic:
        parses = morph.parses(token.text)
        if parses and parses[0].tag.POS == "NOUN" and "sing" in parses[0].tag:
            return None  # «20-е место»: an ordinal, not a decade
    grammar = context.ordinal(
        sentence, match.start(), match.end(), suffix=match["suffix"], default="nominative"
    )
    case = grammar.case
    if not grammar.plural:
        case = {"е": "nominative", "х": "genitive", "ми": "instrumental", "м": "dative"}.get(
            match["suffix"], case
        )  # type: ignore[assignment]
        before = sentence.words_before(match.start(), 1)
        if match["suffix"] == "х" and before and before[0] in ("в", "во", "о", "на"):
            case = "prepositional"
    return Reading(ordinal(int(match["num"]), case, plural=True), f"{case}: plural decade")


# Centuries: «XXI век», «в XIX в.», «XV-XVI вв.», «20 век»
_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
CENTURY = re.compile(
    rf"(?<![\w.-])(?P<c1>{_ROMAN}|\d{{1,2}})(?:{DASH}(?P<c2>{_ROMAN}|\d{{1,2}}))?\s?"
    r"(?P<noun>вв\.|в\.|в(?=\s|$)|век(?:а|у|ом|е|ов|ах|ами|ам)?|столети[еяюий])(?![\w])"
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_value(text: str) -> int | None:
    if not text or not re.fullmatch(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})", text):
        return None
    total = 0
    for i, char in enumerate(text):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[text[i + 1]] if i + 1 < len(text) else 0
        total += -value if value < following else value
    return total or None


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else roman_value(text)


def _century(match: re.Match[str], sentence: Sentence) -> Reading | None:
    c1 = _number(match["c1"])
    c2 = _number(match["c2"]) if match["c2"] else None
    if c1 is None or c1 > 30 or (match["c2"] and c2 is None):
        return None
    noun = match["noun"]
    if noun.startswith("в"):
        if noun == "в" and not match["c1"].isupper():
            return None  # «5 в …»: not a century
        plural = noun == "вв." or c2 is not None
        grammar = context.phrase_case(sentence, match.start(), "nominative")
        case = grammar.case
        if sentence.words_before(match.start(), 1) in (["в"], ["во"]):
            case = "prepositional"
        if case == "accusative":
            word = "века" if plural else "век"
        else:
            word = morph.inflect("век", TAG_OF_CASE[case], "plur" if plural else "sing") or "век"
        why = grammar.why
    else:
        grammar = context.ordinal(sentence, match.start(), match.start("noun") - 1, lemma=None)
        parses = [p for p in morph.parses(noun) if p.normal_form in ("век", "столетие")]
        cases = [context.CASE_OF_TAG[str(p.tag.case)] for p in parses if p.tag.case]
        case = grammar.case if grammar.case in cases else (cases[0] if cases else "nominative")
        word, why = noun, f"agrees with «{noun}»"
        plural = False
    gender = "n" if word.startswith("столет") else "m"
    if plural and c2 is not None:
        spoken = f"{ordinal(c1, case, gender)} – {ordinal(c2, case, gender)} {word}"  # type: ignore[arg-type]
    else:
        spoken = f"{ordinal(c1, case, gender)} {word}"  # type: ignore[arg-type]
    return Reading(spoken, f"{case}: {why}")


RULES = (
    Rule("date", NUMERIC_DATE, _numeric_date, "15.03.2024 -> пятнадцатого марта …"),
    Rule("date", DAY_MONTH, _day_month, "Актобе. 20 августа. -> двадцатое августа"),
    Rule("year", YEARS, _years, "в 2024 году -> в две тысячи двадцать четвёртом году"),
    Rule("decade", DECADE, _decade, "в 90-е -> в девяностые"),
    Rule("century", CENTURY, _century, "в XIX в. -> в девятнадцатом веке"),
)

__all__ = ["MONTHS", "RULES", "cardinal", "roman_value"]
