"""Numbers that a noun or an ending marks as ordinals, in the noun's case and gender.

- «занял 2 место» -> «второе место», «9 класс» -> «девятый класс», «в 3 классе» -> «в
  третьем классе»: a cardinal other than 1 cannot stand before a singular nominative noun
  (it would be «два места», «девять классов»), so the number is an ordinal.
- «в 5-м классе» -> «в пятом классе», «1930-м» -> «тысяча девятьсот тридцатом»: the «-м»
  ending is an ordinal's; its case comes from the noun after it, else the preposition before.
- «4-х килограммовый» -> «четырёх килограммовый»: «-х» before a singular adjective is the
  first half of a compound adjective, the cardinal's genitive.
- «2008 г. стал…» -> «две тысячи восьмой год»: a year that opens the sentence is its subject.
"""

from __future__ import annotations

import re

from tts.normalize import morph
from tts.normalize.numbers import Case, Gender, cardinal, ordinal
from tts.normalize.rules import Rule, words_before

_CASE_OF: dict[str, Case] = {
    "nomn": "nominative", "accs": "accusative", "loct": "prepositional",
    "loc2": "prepositional", "ablt": "instrumental", "datv": "dative", "gent": "genitive",
}  # fmt: skip
_GENDER_OF: dict[str, Gender] = {"masc": "m", "femn": "f", "neut": "n"}
_LOCATIVE_PREPOSITIONS = {"в", "во", "на", "о", "об", "при"}
_INSTRUMENTAL_PREPOSITIONS = {"с", "со", "под", "над", "за", "перед", "между"}
_ACCUSATIVE_PREPOSITIONS = {"в", "во", "на", "за", "через", "про"}
_LEFT_TO_LIBRARY = {"год", "месяц", "век", "тенге", "евро"}  # the library reads these well

NUMBER_NOUN = re.compile(
    r"(?<![\w,.:/№-])(?P<num>\d{1,4})\s(?P<noun>[а-яё]{3,})\b(?![/-]|\.\s?[а-яё\d])"
)


def _noun_parse(noun: str, preposition: str | None, value: int) -> tuple[Case, Gender] | None:
    """The singular case of the noun that makes the number before it an ordinal, if any."""
    found = morph.parses(noun)
    if not found or found[0].tag.POS != "NOUN" or found[0].normal_form in _LEFT_TO_LIBRARY:
        return None
    if any("plur" in p.tag or "Abbr" in p.tag or "Geox" in p.tag for p in found):
        return None
    paucal = 2 <= value % 10 <= 4 and value % 100 not in (12, 13, 14)
    if paucal and any("gent" in p.tag for p in found):
        return None  # «2 места»: the paucal cardinal (agreement.py)
    gender = _GENDER_OF.get(str(found[0].tag.gender), "m")
    cases = {str(p.tag.case) for p in found}
    if preposition in _LOCATIVE_PREPOSITIONS and cases & morph.LOCATIVE:
        return "prepositional", gender
    if preposition is None and "nomn" in cases:
        return "nominative", gender
    if (preposition is None or preposition in _ACCUSATIVE_PREPOSITIONS) and "accs" in cases:
        return "accusative", gender  # «провёл 3 встречу», «на 5 этаж»
    return None


# Nouns whose number is a label, read as a cardinal: «статья 5 закона», «дом 5».
LABELS = frozenset({
    "номер", "пункт", "подпункт", "статья", "параграф", "глава", "раздел", "том", "страница",
    "приложение", "рейс", "дом", "корпус", "квартира", "комната", "палата", "вагон", "часть",
    "таблица", "рисунок", "строка", "строение",
})  # fmt: skip
# Measures and counts: «цена 3 доллара» is three dollars, not the third one.
MEASURES = frozenset({
    "процент", "доллар", "рубль", "евро", "тенге", "цент", "копейка", "тиын", "час", "минута",
    "секунда", "сутки", "день", "неделя", "месяц", "год", "раз", "метр", "километр",
    "сантиметр", "миллиметр", "тонна", "килограмм", "грамм", "литр", "гектар", "балл",
    "градус", "штука", "человек", "единица", "очко", "гол", "миллион", "миллиард", "тысяча",
    "вариант", "случай",
})  # fmt: skip


def _genitive_after_noun(match: re.Match[str], previous: str, value: int) -> str | None:
    """«Итоги 3 квартала», «матч 5 тура», «участник 2 мировой войны»: a number between a
    noun and a genitive singular is the second noun's ordinal (not after a label noun)."""
    lemma = morph.parses(previous)[0].normal_form
    word = match.group("noun")
    gent = [p for p in morph.parses(word) if {"gent", "sing"} <= p.tag.grammemes]
    if lemma in LABELS or not gent or gent[0].tag.POS not in ("NOUN", "ADJF"):
        return None
    if "Abbr" in gent[0].tag:
        return None  # «цена 5 руб.»: a unit the library reads, not «пятого руб»
    if gent[0].normal_form in MEASURES or any("plur" in p.tag for p in morph.parses(word)[:1]):
        return None
    gender = _GENDER_OF.get(str(gent[0].tag.gender), "m")
    return f"{ordinal(value, 'genitive', gender)} {word}"


def _number_noun(match: re.Match[str]) -> str | None:
    value = int(match.group("num"))
    if value % 10 == 1 and value % 100 != 11:
        return None  # «1 место», «21 год»: a cardinal agrees with a singular noun
    before = words_before(match)
    previous = before[-1] if before else None
    if previous and previous not in _LOCATIVE_PREPOSITIONS | _ACCUSATIVE_PREPOSITIONS:
        if morph.best_pos(previous) == "NOUN" and value < 1000:
            # not after a prepositional phrase: «В списке 2 позиции» -> «две позиции»
            two = words_before(match, 2)
            if len(two) == 2 and morph.best_pos(two[0]) == "PREP":
                return None
            return _genitive_after_noun(match, previous, value)
        if morph.best_pos(previous) in ("NOUN", "PREP", "NUMR") or previous.isdigit():
            return None  # «дом 5 квартира», «до 5 класс…», «3 5 …»
        previous = None
    reading = _noun_parse(match.group("noun"), previous, value)
    if reading is None:
        return None
    case, gender = reading
    if case == "accusative" and (gender == "n" or morph.has(match.group("noun"), "NOUN", "inan")):
        case = "nominative"  # «за 3 квартал»: an inanimate accusative is the nominative
        if gender == "f":
            case = "accusative"
    return f"{ordinal(value, case, gender)} {match.group('noun')}"


INCREMENT_M = re.compile(
    r"(?<![\w,.:/-])(?P<num>\d+)-(?:м|ом|ем|ым|им)\b(?:\s(?P<noun>[а-яё]+))?(?!-)"
)


def _increment_m(match: re.Match[str]) -> str | None:
    value = int(match.group("num"))
    noun = match.group("noun") or ""
    parses = morph.parses(noun) if noun else ()
    best = parses[0] if parses else None
    before = (words_before(match) or [""])[-1]
    case: Case = "prepositional"
    if best is not None and best.tag.POS == "NOUN" and "plur" in best.tag:
        if str(best.tag.case) not in ("datv", "ablt"):
            return None
        # «по 2-м классам» -> «по двум классам»: a cardinal in the plural noun's case
        return f"{cardinal(value, _CASE_OF[str(best.tag.case)])} {noun}"
    if best is not None and best.tag.POS == "NOUN" and str(best.tag.case) in _CASE_OF:
        case = _CASE_OF[str(best.tag.case)]
    elif before in _INSTRUMENTAL_PREPOSITIONS:
        case = "instrumental"
    elif before in ("к", "ко", "по"):
        return None
    if case not in ("prepositional", "instrumental", "dative"):
        return None
    gender = _GENDER_OF.get(str(best.tag.gender), "m") if best is not None else "m"
    spoken = ordinal(value, case, "m" if gender == "f" else gender)
    return f"{spoken} {noun}" if noun else spoken


INCREMENT_H = re.compile(r"(?<![\w,.:/-])(?P<num>\d+)(?P<x>-х)?\s(?P<adj>[а-яё]{4,})\b(?!-)")
_COMPOUND_KEEPS = {"сто": "сто", "девяносто": "девяносто", "один": "одно"}


def compound_head(value: int) -> str:
    """The number as the first half of a compound adjective: 4 -> «четырёх», 20 ->
    «двадцати», but 100 -> «сто», 90 -> «девяносто», 1 -> «одно» (стопроцентный)."""
    words = cardinal(value, "genitive").split()
    last = cardinal(value).split()[-1]
    if last in _COMPOUND_KEEPS:
        words[-1] = _COMPOUND_KEEPS[last]
    return " ".join(words)


def _increment_h(match: re.Match[str]) -> str | None:
    """«4-х этажный», «20 килограммовый мешок»: a compound adjective written apart. A bare
    number needs a singular adjective a cardinal cannot govern (not «21 новый автобус»)."""
    adj, value = match.group("adj"), int(match.group("num"))
    if not morph.has(adj, "ADJF", "sing") or morph.has(adj, "ADJF", "plur"):
        return None
    if not match.group("x") and (value % 10 == 1 and value % 100 != 11 or value > 1000):
        return None
    if not match.group("x") and not (
        morph.has(adj, "ADJF", "nomn") or morph.has(adj, "ADJF", "accs")
    ):
        return None
    return f"{compound_head(value)} {adj}"


YEAR_FIRST = re.compile(
    r"^[\s«\"(]*(?P<a>\d{3,4})(?:\s?[–—-]\s?(?P<b>\d{3,4}))?\s?гг?\.(?:\s+(?P<next>[а-яё]+))?"
)


def _year_first(match: re.Match[str]) -> str | None:
    """Nominative when the year is the subject («2008 г. стал…») or stands alone (a heading);
    «1990–2000 гг. компания выпустила…» is an adverbial, left to the library («с … по …»)."""
    following = match.group("next")
    rest = match.string[match.end() :].strip(" .")
    first = ordinal(int(match.group("a")))
    if match.group("b"):
        return f"{first} – {ordinal(int(match.group('b')))} годы" if not rest else None
    if following and not (morph.has(following, "VERB", "past", "masc") and not rest[:1].isdigit()):
        return None
    if following is None and rest:
        return None
    tail = f" {following}" if following else ""
    return f"{first} год{tail}"


# «ДТП на 214 км трассы» -> «на двести четырнадцатом километре трассы»: a road's kilometre
# post is an ordinal in the prepositional case (the library reads «двести четырнадцать км»).
KILOMETRE_POST = re.compile(
    r"(?<![\w-])(?P<prep>[Нн]а) (?P<num>\d{1,4})(?:-м)?\s?км\.?(?= (?:трасс|автодорог|дорог|"
    r"шоссе|магистрал|автомагистрал|участк|железн))"
)


def _kilometre_post(match: re.Match[str]) -> str:
    return f"{match.group('prep')} {ordinal(int(match.group('num')), 'prepositional')} километре"


RULES = (
    Rule("kilometre-post", KILOMETRE_POST, _kilometre_post, "на 214 км трассы -> на двести …"),
    Rule("ordinal-noun", NUMBER_NOUN, _number_noun, "занял 2 место -> занял второе место"),
    Rule("ordinal-m", INCREMENT_M, _increment_m, "в 5-м классе -> в пятом классе"),
    Rule(
        "cardinal-x",
        INCREMENT_H,
        _increment_h,
        "4-х этажный -> четырёх этажный; 20 килограммовый -> двадцати …",
    ),
    Rule("year-first", YEAR_FIRST, _year_first, "2008 г. стал -> две тысячи восьмой год стал"),
)
