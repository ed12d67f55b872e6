"""The one place that decides a number's case, gender, number and animacy from its context.

Every class that reads a number asks here; nothing else guesses a case. The evidence, in order
of strength:

1. the counted noun after the number, when it is written out: its case is unambiguous in the
   plural oblique cases («о 1 523 новых случаях» -> prepositional), and after 1 («спустя 21
   секунду» -> accusative, feminine); after 2–4 a genitive singular means the phrase is
   nominative or accusative («2 региона»), a genitive plural that it is genitive («2 регионов»);
2. the word before: a preposition («до 5 %» -> genitive), a comparative («более 300» ->
   genitive), a verb that governs the genitive («достигла 5 %»), or a noun whose complement
   the number is («жители 16 регионов», «на уровне 61,29 рубля», «владельцем 49 %»);
3. otherwise the nominative (or the equal inanimate accusative).

Each decision carries the reason `--explain` shows: «genitive: after «до»».
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tts.text.normalize import morph
from tts.text.normalize.numbers import (
    CASE_OF_TAG,
    GENDER_OF_TAG,
    TAG_OF_CASE,
    Case,
    Gender,
    is_paucal,
    takes_singular,
)
from tts.text.normalize.sentence import Sentence


@dataclass(frozen=True)
class Grammar:
    case: Case = "nominative"
    gender: Gender = "m"
    animate: bool = False
    plural: bool = False
    why: str = "default"

    def describe(self) -> str:
        return f"{self.case}: {self.why}"


ALL_CASES: frozenset[Case] = frozenset(TAG_OF_CASE)
NOM_ACC: frozenset[Case] = frozenset({"nominative", "accusative"})

# The cases a preposition gives the phrase after it.
PREPOSITIONS: dict[str, frozenset[Case]] = {
    **dict.fromkeys(
        ["до", "от", "из", "без", "для", "около", "после", "у", "среди", "вокруг", "кроме",
         "против", "вместо", "возле", "мимо", "вдоль", "внутри", "вне", "ради", "из-за",
         "из-под", "сверх", "накануне", "вследствие", "свыше", "более", "менее", "порядка",
         "около", "ниже", "выше", "больше", "меньше", "дороже", "дешевле", "старше",
         "младше", "моложе", "позже", "раньше", "позднее", "ранее", "помимо",
         "вблизи", "посреди", "близ", "ввиду", "наподобие", "относительно", "касательно",
         "посредством", "путём", "путем", "вглубь", "поверх", "насчёт", "насчет",
         "теплее", "холоднее", "длиннее", "короче", "быстрее", "медленнее", "тяжелее",
         "легче", "глубже", "шире", "дальше", "дольше"],  # «не теплее +4 градусов»
        frozenset({"genitive"}),
    ),
    **dict.fromkeys(
        ["к", "ко", "благодаря", "согласно", "вопреки", "навстречу", "подобно"],
        frozenset({"dative"}),
    ),
    **dict.fromkeys(["через", "про", "сквозь", "спустя"], frozenset({"accusative"})),
    **dict.fromkeys(["над", "перед", "между", "меж"], frozenset({"instrumental"})),
    **dict.fromkeys(["при", "об", "обо"], frozenset({"prepositional"})),
    "о": frozenset({"prepositional", "accusative"}),
    "в": frozenset({"accusative", "prepositional"}),
    "во": frozenset({"accusative", "prepositional"}),
    "на": frozenset({"accusative", "prepositional"}),
    "за": frozenset({"accusative", "instrumental"}),
    "под": frozenset({"instrumental", "accusative"}),
    "с": frozenset({"genitive", "instrumental", "accusative"}),
    "со": frozenset({"genitive", "instrumental", "accusative"}),
    "по": frozenset({"dative", "accusative", "prepositional"}),
}  # fmt: skip
_SHORT_PREPOSITIONS = frozenset({"с", "со", "до", "от", "в", "во", "на", "к", "по", "за", "из"})
# Where a preposition allows several cases and the noun does not tell: the usual reading
# before a number («в 5 км» is a distance; «с 5 %», «по 5 тысяч»).
PREFERRED: dict[str, Case] = {
    "в": "accusative", "во": "accusative", "на": "accusative", "за": "accusative",
    "под": "instrumental", "с": "genitive", "со": "genitive", "по": "accusative",
    "о": "prepositional",
}  # fmt: skip

# Prepositions of two words: «в течение 12 месяцев», «на протяжении 28 лет».
COMPOUND_PREPOSITIONS: dict[tuple[str, str], Case] = {
    ("в", "течение"): "genitive", ("по", "истечении"): "genitive", ("с", "учетом"): "genitive",
    ("с", "учётом"): "genitive",
    ("на", "протяжении"): "genitive", ("в", "ходе"): "genitive",
    ("в", "рамках"): "genitive", ("в", "результате"): "genitive", ("по", "итогам"): "genitive",
    ("в", "пределах"): "genitive", ("в", "размере"): "genitive", ("в", "количестве"): "genitive",
    ("в", "возрасте"): "genitive", ("в", "районе"): "genitive", ("в", "объёме"): "genitive",
    ("в", "объеме"): "genitive", ("в", "течении"): "genitive", ("в", "счёт"): "genitive",
    ("по", "сравнению"): "instrumental", ("вместе", "с"): "instrumental",
    ("сравнению", "с"): "instrumental", ("сравнении", "с"): "instrumental",
    ("наряду", "с"): "instrumental",
    ("в", "отношении"): "genitive", ("в", "адрес"): "genitive", ("за", "счёт"): "genitive",
    ("по", "поводу"): "genitive", ("в", "виде"): "genitive",
    ("за", "счет"): "genitive", ("на", "сумму"): "accusative", ("в", "сумме"): "accusative",
    ("в", "составе"): "genitive", ("при", "участии"): "genitive", ("с", "участием"): "genitive",
    ("в", "числе"): "genitive", ("во", "главе"): "genitive",
}  # fmt: skip
# Words between a preposition and the number that agree with the phrase, not govern it.
DETERMINERS = frozenset({
    "все", "всех", "всем", "всеми", "эти", "этих", "этим", "этими", "те", "тех", "тем", "теми",
    "последние", "последних", "последним", "первые", "первых", "первым", "ближайшие",
    "ближайших", "ближайшим", "оставшиеся", "оставшихся", "каких-то", "целых", "почти",
    "примерно", "приблизительно", "всего", "лишь", "только", "уже", "ещё", "еще", "сразу", "же",
})  # fmt: skip

# Verbs (lemmas) whose object is in the genitive: «достигла 5 %».
GENITIVE_VERBS = frozenset({
    "достичь", "достигнуть", "достигать", "лишиться", "избежать", "недосчитаться", "коснуться",
    "касаться", "удостоиться", "удостаиваться",
})  # fmt: skip
# «газ станет доступен 8,7 тысячи абонентов», «эквивалентно 99,3 % населения»
DATIVE_ADJECTIVES = frozenset({"доступный", "эквивалентный", "подобный", "равноценный"})
# «управляя а/м», «руководит 5 отделами»: verbs whose object is in the instrumental
INSTRUMENTAL_VERBS = frozenset({
    "управлять", "руководить", "владеть", "командовать", "заведовать", "обладать",
    "располагать", "пользоваться", "воспользоваться", "торговать", "оснастить", "оснащать",
    "оборудовать", "укомплектовать", "наградить", "награждать", "ограничиться",
    "ограничиваться",
})  # fmt: skip
# Nouns in the locative after «в»/«на» that measure what follows: «на уровне 61,29 рубля»,
# «на высоте 2750 метров», «в размере 5 млн», «в возрасте 25 лет».
QUANTITY_NOUNS = frozenset({
    "уровень", "высота", "глубина", "отметка", "расстояние", "дистанция", "скорость",
    "температура", "размер", "количество", "объём", "объем", "предел", "район",
    "возраст", "диапазон", "течение", "пределы", "ход", "площадь",
})  # fmt: skip
# Nouns of measure whose value follows as an apposition in the nominative: «квартира
# стоимостью 5 млн», «Площадь 50 кв. м», «Цена 5 рублей», «инфляция 8,5 %».
APPOSITION_NOUNS = frozenset({
    "стоимость", "площадь", "вес", "длина", "высота", "ширина", "глубина", "мощность", "объём",
    "объем", "тираж", "численность", "протяжённость", "протяженность", "диаметр", "ёмкость",
    "емкость", "масса", "грузоподъёмность", "вместимость", "срок", "цена", "сумма", "рост",
    "инфляция", "температура", "население", "бюджет", "счёт", "счет", "зарплата",
    "пенсия", "курс", "доля", "показатель", "скорость", "возраст", "тариф", "дистанция", "доход",
    "выручка", "расход", "прибыль", "оборот", "минимум", "максимум", "стаж",
})  # fmt: skip
# Prices: «стоимость 5 млн тенге» is the price itself; «стоимость 1 кв. м» is the price of.
PRICE_NOUNS = frozenset({"стоимость", "цена"})
_MONEY_WORDS = re.compile(
    r"^(?:\s*[\d\s,.]*(?:тыс\w*|млн|млрд|трлн|милл|миллион\w*|миллиард\w*|триллион\w*)?\.?){1,2}\s*"
    r"(?:руб|тенге|тг|долл|доллар|евро|\$|€|₸|₽|"
    r"юан|фунт|сом|гривен|копе|тиын|цент)",
    re.IGNORECASE,
)


# «мужчин 51 и 40 лет», «женщина 45 лет»: an age after a person (not «Умару 25 лет»)
_AGED = frozenset({
    "мужчина", "женщина", "мальчик", "девочка", "ребёнок", "подросток", "юноша", "девушка",
    "пенсионер", "пенсионерка", "старик", "младенец", "малыш", "пассажир", "пассажирка",
    "водитель", "пешеход", "велосипедист",
})  # fmt: skip
_AGE_FOLLOWS = re.compile(r"\d+(?:\s(?:и|или)\s\d+|\s?[–—-]\s?\d+)?\s(?:лет|года?)(?!\w)")
# A measure after a number: a value, not a count of things («стаж вождения 5 лет»)
_VALUE_FOLLOWS = re.compile(
    r"\s?(?:%|лет\b|год|руб|тенге|тг\b|долл|\$|евро|тыс|млн|млрд|трлн|км\b|кв\.|м\b|кг\b|т\b|"
    r"час|мин|сут|дн|мес|недел|процент|градус|°|метр|килограмм|тонн|литр|гектар|га\b)",
    re.IGNORECASE,
)


def _number_end_at(sentence: Sentence, start: int) -> int:
    found = re.match(r"[\d\s,.]*\d", sentence.text[start:])
    return start + found.end() if found else start


def _money_follows(sentence: Sentence, start: int) -> bool:
    return bool(_MONEY_WORDS.match(sentence.text[start:]))


# Nouns whose complement a following number is, in the genitive: people and owners of
# things counted («жители 16 регионов», «владельцем 49 % акций»).
GENITIVE_HEADS = frozenset({
    "житель", "представитель", "сотрудник", "специалист", "участник", "руководитель", "гражданин",
    "владелец", "собственник", "акционер", "глава", "жительница", "семья", "победитель",
    "ряд", "группа", "часть", "половина", "треть", "четверть", "большинство", "тысяча",
    "миллион", "миллиард", "поставка", "продажа", "покупка",
    "выплата", "строительство", "ремонт", "реконструкция", "прокладка", "выпуск", "голос",
    "количество",
    "ввод", "закупка", "экспорт", "импорт", "добыча", "производство", "перевозка",
    "установка", "посадка", "вырубка", "снос", "возведение", "открытие", "создание",
    "подготовка", "обучение", "трудоустройство", "проверка", "обследование", "вакцинация",
    "эвакуация", "спасение", "задержание", "гибель", "смерть", "убийство", "хищение",
    "кража", "присвоение", "растрата", "отчуждение", "изъятие", "передача", "выделение",
    "освоение", "списание", "возврат", "взыскание", "начисление", "перечисление", "рейтинг",
    "потеря", "утрата", "стоимость", "число", "заявка", "расселение", "переселение",
    "обеспечение", "содержание", "лечение", "питание", "деятельность", "запуск", "поголовье",
    "аким", "подворье", "выборы", "капремонт", "обработка", "доставка", "потребность", "судьба",
    "перечень", "список", "подсчёт", "подсчет", "прах", "труд", "средство", "усилие",
    "делегация",
    "выброс", "выработка",
})  # fmt: skip


# Heads of states and regions: a following number is their complement unless the head is a
# singular subject («с губернаторами 12 регионов», not «Министр 5 лет руководил…»).
OFFICE_HEADS = frozenset({"губернатор", "мэр", "лидер", "министр", "посол", "президент", "премьер"})


# Acronyms counted by a number: the gender of the noun they stand for («601 ДТП» -> «шестьсот
# одно», an accident is «происшествие»).
ACRONYM_GENDER: dict[str, tuple[Gender, bool]] = {
    "ДТП": ("n", False), "ЧП": ("n", False), "СМИ": ("n", True), "АЗС": ("f", False),
    "ТЭЦ": ("f", False), "ГЭС": ("f", False), "АЭС": ("f", False), "ТОО": ("n", False),
    "АО": ("n", False), "ИП": ("m", False), "МРП": ("m", False), "ЖК": ("m", False),
    "НПЗ": ("m", False), "ВУЗ": ("m", False), "вуз": ("m", False), "КПП": ("m", False),
    "ЭЗС": ("f", False),
}  # fmt: skip


# Nouns with one form for every case (pymorphy3 reads «тенге» as a locative of «тенг»).
INDECLINABLE = frozenset({"тенге", "евро", "кофе", "пенальти", "сальдо", "кредо", "метро",
                          "шоссе", "кино", "такси", "интервью", "жюри", "промилле"})  # fmt: skip
# Nouns used as adverbs of time: «до минус 13 днём» counts nothing.
TIME_ADVERBS = frozenset({"днём", "днем", "ночью", "утром", "вечером", "летом", "зимой",
                          "весной", "осенью", "мороза", "тепла"})  # fmt: skip


_AGREEING = frozenset({"последних", "первых", "ближайших", "прошедших", "минувших",
                       "предыдущих", "следующих", "оставшихся", "последние", "первые"})  # fmt: skip


def _agreeing_adjective(word: str) -> frozenset[Case] | None:
    """A plural adjective before a number agrees with the counted phrase: «последних 20-30
    лет», «вместо нынешних 180» are genitives (their accusative reading is for animate
    nouns only). Only oblique forms count: «новые 5 школ» tells nothing."""
    parses = [p for p in _parses_of(word) if p.tag.POS in ("ADJF", "PRTF") and p.tag.case]
    if not parses or not all("plur" in p.tag for p in parses):
        return None
    if parses[0].tag.POS == "PRTF" and "tran" in parses[0].tag and "actv" in parses[0].tag:
        return None  # «стран, представляющих 84 вуза»: an active participle takes an object
    cases = {CASE_OF_TAG[str(p.tag.case)] for p in parses if "anim" not in p.tag}
    if "nominative" in cases or word not in _AGREEING and len(cases) > 2:
        return None
    return frozenset(cases) or None


def _parses_of(token_text: str) -> tuple[Any, ...]:
    return morph.parses(token_text)


def _case_of(parse: Any) -> Case | None:
    return CASE_OF_TAG.get(str(parse.tag.case)) if parse.tag.case else None


def gender_of(parse: Any) -> Gender:
    """A noun parse's gender; a plural form takes its lemma's."""
    gender = GENDER_OF_TAG.get(str(parse.tag.gender)) if parse.tag.gender else None
    if gender is None:  # a plural form: the lemma's gender
        lemma = morph.noun(str(parse.normal_form))
        gender = GENDER_OF_TAG.get(str(lemma.tag.gender)) if lemma and lemma.tag.gender else None
    return gender or "m"


def _nounlike(parse: Any) -> bool:
    """A noun, or an adjective used as one («пострадавших», «погибших»)."""
    return parse.tag.POS in ("NOUN", "ADJF", "PRTF") and "Abbr" not in parse.tag


@dataclass(frozen=True)
class Counted:
    """What the counted noun says about the number before it."""

    cases: frozenset[Case]
    gender: Gender
    animate: bool
    word: str


def counted_noun(sentence: Sentence, end: int, value: int | None, decimal: bool) -> Counted | None:
    """The noun right after a number (past up to two agreeing adjectives), and the cases the
    number may take before that form of it."""
    tokens = sentence.after(end, 3)
    if len(tokens) == 3 and tokens[0].lower in ("кв", "куб") and tokens[1].text == ".":
        tokens = sentence.after(tokens[1].end, 3)  # «4 кв. метра»: the noun counts
    candidates: list[tuple[Any, list[Any]]] = []
    for token in tokens:
        if not token.is_word or not token.is_cyrillic:
            break
        if token.text.isupper() and token.text in ACRONYM_GENDER:
            gender, plural = ACRONYM_GENDER[token.text]
            return Counted(ALL_CASES, gender, False, token.text)
        if token.lower in INDECLINABLE:
            return Counted(ALL_CASES, "m", False, token.text)
        if token.lower in TIME_ADVERBS:
            break
        top = _parses_of(token.text)
        if top and top[0].tag.POS in ("PREP", "CONJ", "PRCL", "NPRO", "ADVB", "INTJ"):
            break  # «в 27 из 50»: «из» is a preposition
        found = [p for p in top if _nounlike(p)]
        if not found:
            break
        candidates.append((token, found))
        if any(p.tag.POS == "NOUN" for p in found) and top[0].tag.POS != "ADJF":
            # the noun; anything before it was an adjective («16 новых регионов»); an
            # adjective first may still be one («2 участковые избирательные комиссии»)
            break
    for token, found in reversed(candidates):
        cases = _cases_before(found, value, decimal)
        if not cases:
            continue
        nouns = [p for p in found if p.tag.POS == "NOUN"]
        # «22 свёртка»: the reading the number agrees with (masculine «свёрток»), not the
        # likelier word alone (feminine «свёртка»)
        fitting = [p for p in nouns if _cases_before([p], value, decimal)]
        best = (fitting or nouns or found)[0]
        # «двух подозреваемых»; but «ждут 3 модели» (a model is a thing first)
        animate = "anim" in best.tag if nouns else any("anim" in p.tag for p in found)
        if animate and value is not None and is_paucal(value) and "sing" in best.tag:
            animate = False  # «на 2 человека»: «два человека»; «двух» would need «человек»
        return Counted(cases, gender_of(best), animate, token.text)
    return None


def _cases_before(found: list[Any], value: int | None, decimal: bool) -> frozenset[Case]:
    """The cases a number can be in, given the forms of the noun after it."""
    cases: set[Case] = set()
    for parse in found:
        case = _case_of(parse)
        if case is None:
            continue
        plural = "plur" in parse.tag
        if decimal:
            if not plural and case == "genitive":
                cases |= ALL_CASES  # «2,5 метра» in any case
            continue
        if value is None:
            continue
        if plural and case in ("dative", "instrumental", "prepositional"):
            cases.add(case)
        elif takes_singular(value):
            if not plural:
                cases.add(case)
        elif is_paucal(value):
            if not plural and case == "genitive":
                cases |= NOM_ACC
            elif plural and (case == "genitive" or case == "accusative" and "anim" in parse.tag):
                # «двух регионов», «двух человек»; not «2 тысячи» (an inanimate accusative
                # plural is the nominative's form: «две тысячи»)
                cases |= {"genitive", "accusative"}
        elif plural and case == "genitive":
            cases |= {"nominative", "accusative", "genitive"}
    return frozenset(cases)


_EQUALS = frozenset({"равен", "равна", "равно", "равны", "равняется", "равняются", "равнялся",
                     "равнялась", "равнялось", "равнялись", "равняться"})  # fmt: skip
_PART_OF = {(p, w) for p in ("из", "среди") for w in ("них", "которых", "нее", "неё", "него")}


_VERB_WHYS = ("object of", "subject of", "after the verb", "the price after")


def _verb_across_phrase(sentence: Sentence, start: int) -> tuple[frozenset[Case], str] | None:
    """«добыли в России 42,81 млн тонн», «составила в четвертом квартале 2023 года 1578 евро»,
    «принёс Рыбакиной 1300 очков»: a phrase of place or time, or a dative, between a verb and
    its number leaves the verb governing it."""
    tokens = sentence.before(start, 9)
    if tokens and tokens[-1].text in "-–—":
        tokens = tokens[:-1]  # «составила с начала месяца - 1,4%»
    for index in range(len(tokens) - 1, 0, -1):
        token = tokens[index]
        if not token.is_word and not token.text.isdigit():
            return None
        before = tokens[index - 1]
        verb = before.is_word and morph.best_pos(before.lower) in ("VERB", "INFN", "GRND", "PRTS")
        last = index == len(tokens) - 1
        if last and verb and _indirect_object(token.lower):
            pass  # «принёс Рыбакиной 1300 очков»: to whom, then what
        elif token.lower not in PREPOSITIONS or last:
            continue
        elif not verb:
            return None
        phrase = tokens[index + 1 :]
        if len(phrase) > 4 or any(
            morph.best_pos(t.lower) in ("VERB", "INFN", "CONJ") for t in phrase if t.is_word
        ):
            return None
        ruled = governor(sentence, token.start)
        if ruled is None or not ruled[1].startswith(_VERB_WHYS):
            return None
        return ruled[0], f"{ruled[1]}, past «{' '.join(t.text for t in tokens[index:])}»"
    return None


_SIZES = frozenset({"мм", "см", "м"})  # «8,5 м х 4 м»


def governor(sentence: Sentence, start: int) -> tuple[frozenset[Case], str] | None:
    """What the words before a number require of it, with the reason."""
    tokens = sentence.before(start, 4)
    if tokens and tokens[-1].text == "×" and len(tokens) >= 2 and tokens[-2].text.isdigit():
        after = sentence.word_after(_number_end_at(sentence, start))
        if int(tokens[-2].text) >= 100 or (after is not None and after.is_cyrillic):
            # «1920×1080 точек», a size said with «на» (not «9 × 11,1 =», a product)
            return frozenset({"accusative"}), "after «×» (said «на»)"
    if len(tokens) >= 2 and tokens[-1].text in "–—-" and tokens[-2].lower in _SHORT_PREPOSITIONS:
        return governor(sentence, tokens[-1].start)  # «увеличится с — 62771 тенге»
    texts = [t.text for t in tokens]
    if len(tokens) >= 2 and texts[-1] == "," and _number_end(texts[:-1]):
        # «до -10, -15 градусов»: a number listed after another takes its case
        return governor(sentence, _number_start(sentence, tokens[-2].end))
    ellipsis = _ELLIPSIS.search(sentence.text[:start])
    if ellipsis is not None and not any(
        morph.lemma(w) in QUANTITY_NOUNS | APPOSITION_NOUNS
        for w in re.findall(r"[а-яё]+", ellipsis.group().lower().rpartition(",")[2])
    ):  # «…, критический уровень – 845 см»: a head of its own
        # «голоса 306 выборщиков, а Трамп — 232»: the number answers the one before, in the
        # case the noun before that one gave it (a verb's object may have a new head:
        # «составляет 64 тысячи, а вместимость — 1500»)
        earlier = governor(sentence, _number_start(sentence, ellipsis.end("number")))
        if earlier is not None and earlier[1].startswith(
            ("complement of", _ACTION_WHY, "measure after")
        ):
            return earlier[0], f"answers the number before: {earlier[1]}"
    if len(tokens) >= 3 and texts[-1] == ",":
        listed = _listed_after_words(texts[:-1])
        if listed is not None:
            return listed
    if (
        len(tokens) >= 2
        and tokens[-1].is_word
        and texts[-2].isdigit()
        and morph.lemma(tokens[-1].lower) in _COMPOUND_UNITS
        and not (morph.lemma(tokens[-1].lower) == "год" and int(texts[-2]) >= 100)  # «2017 года»
    ):
        # «от 3 часов 45 минут», «за 2 года 3 месяца»: the second part of one measure
        return governor(sentence, _number_start(sentence, tokens[-2].end))
    if len(tokens) >= 3 and texts[-1] == "." and tokens[-2].is_word and texts[-3].isdigit():
        # «до 8 мин. 31,06 сек.»: the second part of one measure
        return governor(sentence, _number_start(sentence, tokens[-3].end))
    # «минус», «плюс» belong to the number; «же» is a particle («с учетом же 4 миллионов»)
    words = [w for w in sentence.words_before(start, 5) if w not in ("минус", "плюс", "же")]
    while (
        len(words) >= 3
        and words[-1] in ("почти", "примерно", "приблизительно", "всего", "лишь", "уже")
        and (words[-3], words[-2]) in COMPOUND_PREPOSITIONS
    ):
        words = words[:-1]  # «на протяжении почти 10 лет» («на сумму около 8 млн»: «около»)
    if len(words) >= 2 and words[-1] in _PAST_THE_VERB and morph.best_pos(words[-2]) == "VERB":
        # «не достигает и 18 градусов», «составляли соответственно 41,5%», «уступил ему 1,51
        # секунды»: a particle, an adverb or a dative between; the verb governs
        words = words[:-1]
    if len(words) >= 3 and words[-1] == "чем" and words[-2] in _MORE_OR_LESS:
        words = words[:-2]  # «перевозку более чем 674 тысяч»: «более чем» governs nothing
        if not words:
            return None
    if len(words) >= 2 and words[-1] == "не" and words[-2] not in PREPOSITIONS:
        words = words[:-1]  # «равен не 5 556, а 5 834»: the negation governs nothing
    if not words:
        return None
    if tuple(words[-3:]) == ("в", "том", "числе") or tuple(words[-2:]) in _PART_OF:
        # «в том числе 3 ребёнка», «среди которых 364 тысячи будут…»: the number heads its own
        # phrase, whatever the words before it govern
        return NOM_ACC, f"after «{' '.join(words[-2:])}»"
    if (words[-2:] == ["в", "сумме"]) and _money_follows(sentence, start):
        return frozenset({"genitive"}), "an amount of money after «в сумме»"  # «в сумме 4,4 млн»
    if len(words) >= 2 and (words[-2], words[-1]) in COMPOUND_PREPOSITIONS:
        return frozenset({COMPOUND_PREPOSITIONS[words[-2], words[-1]]}), (
            f"after «{words[-2]} {words[-1]}»"
        )
    if words[-1] in ("целых", "целые") and len(words) >= 2:
        words = words[:-1]  # «обнаружили целых 2,29 промилле»: «as many as», not an adjective
    agreeing = _agreeing_adjective(words[-1])
    if agreeing is not None and (len(words) < 2 or words[-2] not in PREPOSITIONS):
        return agreeing, f"agrees with «{words[-1]}»"  # «политика последних 20-30 лет»
    if agreeing is not None:
        words = words[:-1]  # «вместо нынешних 180»: the preposition governs
    while len(words) >= 2 and words[-1] in DETERMINERS:
        words = words[:-1]  # «из всех 17 регионов», «за последние 5 лет»
    previous = words[-1]
    if re.fullmatch(r"(?:тысяч|миллион|миллиард|триллион)\w*|тыс|млн|млрд|трлн", previous):
        # «6 миллионов 875 тысяч», «до 3 млн 152,1 тыс.»: one amount in words and digits, one
        # case; «девять миллионов 137 тысяч»: the case of the count in words
        tokens = [t for t in sentence.before(start, 4) if t.text != "."]
        if len(tokens) >= 2 and tokens[-2].text.isdigit():
            return governor(sentence, _number_start(sentence, tokens[-2].end))
        numerals = (
            [p for p in _parses_of(words[-2]) if p.tag.POS == "NUMR"] if len(words) > 1 else []
        )
        cases = frozenset(c for p in numerals if (c := _case_of(p)) is not None)
        if cases:
            return cases, f"one amount with «{words[-2]} {previous}»"
    if previous in ("и", "или", "либо", "а"):
        # «старше 58 и 63 лет», «при -20°C и -1 %», «равен 3 500 тенге, или 42 000 тенге»:
        # the second number takes the first's case
        tokens = sentence.before(start, 6)[:-1]
        for index in range(len(tokens) - 1, max(len(tokens) - 6, -1), -1):
            token = tokens[index]
            if token.text.isdigit():
                return governor(sentence, _number_start(sentence, token.end))
            counted = (  # «3 500 тенге, или» (not «88 из 92 мостов и 255 из 259»)
                index > 0 and tokens[index - 1].text.isdigit() and tokens[-1].text == ","
            )
            if token.is_word and not token.text.isascii() and len(token.text) > 3 and not counted:
                break
        return None
    sized = [t.text for t in sentence.before(start, 2)]
    if previous in ("х", "x") and len(sized) == 2 and (sized[0].isdigit() or sized[0] in _SIZES):
        return frozenset({"accusative"}), f"after «{previous}» (said «на»)"  # «2560 x 1440»
    if previous in PREPOSITIONS:
        return PREPOSITIONS[previous], f"after «{previous}»"
    if previous == "имени":  # «в парке имени 28 гвардейцев-панфиловцев»
        return frozenset({"genitive"}), "after «имени»"
    if len(words) >= 2 and words[-2] in ("не", "ни") and previous in PREPOSITIONS:
        return PREPOSITIONS[previous], f"after «{words[-2]} {previous}»"
    parses = _parses_of(previous)
    if not parses:
        return None
    best = parses[0]
    if previous in _EQUALS:
        return frozenset({"dative"}), f"after «{previous}»"
    if best.tag.POS == "ADJS" and best.normal_form in DATIVE_ADJECTIVES:
        return frozenset({"dative"}), f"after «{previous}»"  # «станет доступен 8,7 тысячи»
    if best.tag.POS in ("VERB", "INFN", "PRTF", "PRTS", "GRND") and (
        best.normal_form in GENITIVE_VERBS
    ):
        return frozenset({"genitive"}), f"object of «{previous}»"
    instrumental = best.normal_form in INSTRUMENTAL_VERBS
    if best.tag.POS in ("VERB", "INFN", "PRTF", "PRTS", "GRND") and instrumental:
        if _number_is_subject(sentence, start, best) and _instrumental_taken(sentence, start):
            # «Услугами воспользовались 91 тыс.» (not «в других ограничатся 12 ГБ»)
            return frozenset({"nominative"}), f"subject of «{previous}»"
        return frozenset({"instrumental"}), f"object of «{previous}»"
    priced = any(p.normal_form in ("стоить", "обойтись") for p in parses)
    if best.tag.POS in ("VERB", "INFN", "GRND") and priced:  # «стоят» before a number: costs
        return frozenset({"accusative"}), f"the price after «{previous}»"  # «стоит 71,3 тыс.»
    if best.tag.POS in ("VERB", "INFN", "GRND", "PRTS"):
        if _number_is_subject(sentence, start, best):
            return frozenset({"nominative"}), f"subject of «{previous}»"
        if "tran" in best.tag and best.tag.POS != "PRTS":
            return frozenset({"accusative"}), f"object of «{previous}»"
        return NOM_ACC, f"after the verb «{previous}»"
    noun = next((p for p in parses if p.tag.POS == "NOUN"), None)
    if noun is None or best.tag.POS not in ("NOUN",):
        return None
    lemma = str(noun.normal_form)
    case = _case_of(noun)
    if case == "instrumental" and "ablt" in best.tag and len(words) >= 2:
        verb = _parses_of(words[-2])[:1]
        if verb and verb[0].tag.POS in ("VERB", "INFN") and "tran" in verb[0].tag:
            # «обеспечить электроэнергией 1,65 млн домохозяйств»: the verb's object, past
            # the instrumental it also governs
            return frozenset({"accusative"}), f"object of «{words[-2]}», past «{previous}»"

    ahead = words[-2] if len(words) >= 2 else None
    if (
        ahead is not None
        and len(words) >= 3
        and words[-3] in ("в", "во", "на", "при")
        and morph.best_pos(ahead) in ("ADJF", "PRTF")
    ):
        ahead = words[-3]  # «на комфортном уровне +10…+15°C»: the adjective agrees, no more
        if lemma == "район":
            ahead = None  # «в Кунгурском районе 47 тыс. человек»: a place, not «about»
    if lemma in QUANTITY_NOUNS and ahead in ("в", "во", "на", "при") and case == "prepositional":
        return frozenset({"genitive"}), f"measure after «{ahead} {previous}»"
    if (
        lemma in QUANTITY_NOUNS
        and ahead in ("до", "с", "со", "от", "выше", "ниже")
        and morph.has(previous, "NOUN", "gent")  # «с площади»: not the locative after «с»
        and lemma not in ("район", "отметка")  # «до отметки 8-13 градусов»: a value
    ):  # «до уровня 9,56», «с площади 3,181 млн га»
        return frozenset({"genitive"}), f"measure after «{ahead} {previous}»"
    if lemma in PRICE_NOUNS and "plur" in noun.tag:
        pass  # «составил в текущих ценах 83,8 трлн»: prices in general, not the price of
    elif lemma in APPOSITION_NOUNS:
        # «прибавили в цене 2,05 %»: an idiom, no price of anything
        idiom = ahead in ("в", "во") and morph.has(previous, "NOUN", "loct")
        if lemma in PRICE_NOUNS and not _money_follows(sentence, start) and not idiom:
            return frozenset({"genitive"}), f"what «{previous}» is of"  # «стоимость 1 кв. м»
        return NOM_ACC, f"the value of «{previous}»"
    if lemma in _AGED and case != "dative" and _AGE_FOLLOWS.match(sentence.text, start):
        return frozenset({"genitive"}), f"the age of «{previous}»"  # «мужчина 45 лет»
    head = _parses_of(ahead)[:1] if ahead and case == "genitive" else []
    valued = _VALUE_FOLLOWS.match(sentence.text, _number_end_at(sentence, start))
    if head and head[0].tag.POS == "NOUN" and head[0].normal_form in APPOSITION_NOUNS and valued:
        # «стаж вождения 5 лет», «стоимость проезда 50 рублей»: the value of the noun before
        return NOM_ACC, f"the value of «{ahead} {previous}»"
    part_of_whole = re.search(r"(?i)(?<!\w)из\s\d[\d\s]*\s[а-яё]+\s*$", sentence.text[:start])
    office = lemma in OFFICE_HEADS and not ("sing" in noun.tag and case == "nominative")
    if (
        (lemma in GENITIVE_HEADS or office)
        and not (lemma == "выборы" and case == "prepositional")
        and not part_of_whole  # «Из 444 заявок 357 были допущены»: a part, its own subject
        and not (lemma == "средство" and _money_follows(sentence, start))  # «средства 5 млн»
    ):
        # («на выборах 82,15% голосов»: where, not whose)
        return frozenset({"genitive"}), f"complement of «{previous}»"
    # «По итогам мероприятий 678 граждан…»: a plural action noun heads no object
    action = (lemma.endswith(_ACTION_ENDINGS) or lemma in ACTION_NOUNS) and "sing" in noun.tag
    # «с участием 6 автомобилей», «при строительстве 12 домов» (not «в отделении 5 коек»)
    oblique = case in ("instrumental", "dative") or (
        case == "prepositional" and ahead in ("при", "о", "об")  # «об использовании 256 ГБ»
    )
    direct = case in ("nominative", "accusative", "genitive")
    if (
        action
        and (direct or oblique)
        and (lemma not in _NOT_ACTIONS or oblique and lemma == "участие")
    ):
        # «асфальтирование 16 улиц», «на благоустройство ещё 7 дворов»: an action noun's
        # object is its genitive
        return frozenset({"genitive"}), f"{_ACTION_WHY} «{previous}»"
    return None


# Words that may stand between a verb and its number without governing it.
_PAST_THE_VERB = frozenset({
    "и", "даже",  # «even»
    "соответственно", "ещё", "еще", "уже", "всего", "лишь", "только", "теперь", "сейчас",
    "почти", "примерно", "приблизительно", "ровно",
    "ему", "ей", "им", "мне", "нам", "вам", "тебе", "себе",  # a dative
})  # fmt: skip
_MORE_OR_LESS = frozenset({"более", "менее", "больше", "меньше"})
_COMPOUND_UNITS = frozenset({"год", "час", "минута", "месяц", "рубль", "метр", "килограмм"})
_ELLIPSIS = re.compile(
    r"(?P<number>\d)(?:\s?%|\s[^\s,;.]+){1,3},\s(?:(?:а|и)\s)?[^\d,;:()]{1,60}\s[–—-]\s?$"
)


def _listed_after_words(texts: list[str]) -> tuple[frozenset[Case], str] | None:
    """«затопления четырех домов, 376 дворовых территорий»: a number listed after a count in
    words takes that count's case, when the count shows one (not the nominative)."""
    if len(texts) < 2 or not texts[-1].isalpha():
        return None
    noun_cases = {_case_of(p) for p in _parses_of(texts[-1]) if p.tag.POS == "NOUN"}
    for text in reversed(texts[-3:-1]):
        numerals = [p for p in _parses_of(text) if p.tag.POS == "NUMR"]
        if not numerals:
            continue
        cases = {_case_of(p) for p in numerals}
        if "nominative" in cases or None in cases:
            return None
        both = frozenset(c for c in cases & noun_cases if c is not None)
        return (both, f"listed after «{text} {texts[-1]}»") if both else None
    return None


def _number_is_subject(sentence: Sentence, start: int, verb: Any) -> bool:
    """«За врио губернатора проголосовали 351040 человек», «картину посмотрело 1,6 млн
    зрителей»: a verb in the form a counted subject takes (plural, or neuter past), with no
    word before it in its clause that could be its subject, has the number as its subject."""
    if verb.tag.POS != "VERB" or not ("plur" in verb.tag or {"past", "neut"} in verb.tag):
        return False
    clause = _clause_before(sentence, start)
    words = re.findall(r"[а-яёА-ЯЁ]+(?:-[а-яёА-ЯЁ]+)?|\d+", clause)[:-1]
    if not words:
        return False
    if words[-1].lower() in ("его", "её", "ее", "их"):
        return True  # «его получили 134,1 тысячи человек»: the object is taken, before the verb
    after_preposition = False
    for word in words:
        lower = word.lower()
        if lower.isdigit() and not after_preposition:
            return False  # «10 российских рублей стоят 2,61 грн.»: a counted subject before
        if lower in PREPOSITIONS or lower.isdigit():
            after_preposition = lower in PREPOSITIONS
            continue
        parses = _parses_of(lower)
        if (
            any(
                p.tag.POS in ("NOUN", "NPRO") and p.tag.case == "nomn" and "Abbr" not in p.tag
                for p in parses
            )
            and not after_preposition
        ):
            return False
        if parses and parses[0].tag.POS in ("NOUN", "NPRO"):
            after_preposition = False  # the phrase a preposition opened ends with its noun
    return True


def _instrumental_taken(sentence: Sentence, start: int) -> bool:
    """An instrumental noun earlier in the clause: the verb's object is there already."""
    return any(
        (found := _parses_of(word))
        and found[0].tag.POS in ("NOUN", "NPRO")
        and found[0].tag.case == "ablt"
        for word in re.findall(r"[а-яё]+", _clause_before(sentence, start).lower())
    )


def _clause_before(sentence: Sentence, start: int) -> str:
    """The text of the clause a number at `start` stands in, up to the number."""
    return re.split(r"[,;:()«»\"–—]|\s(?:и|а|но)\s", sentence.text[:start])[-1]


_ACTION_ENDINGS = ("ание", "ение", "тие", "ство", "ция")
_ACTION_WHY = "object of the action noun"
# Action nouns whose ending does not show it: «передача 18 домов», «транспортировка 840 машин»
ACTION_NOUNS = frozenset({
    "передача", "выдача", "продажа", "покупка", "закупка", "поставка", "доставка", "перевозка",
    "установка", "подготовка", "замена", "выплата", "ремонт", "снос", "вывоз", "ввоз", "выпуск",
    "запуск", "ввод", "экспорт", "импорт", "транспортировка", "проверка", "отгрузка",
    "погрузка", "разгрузка", "обработка", "переработка", "добыча", "уборка", "вырубка",
    "высадка", "эксплуатация", "аренда", "покраска", "очистка", "постройка", "сдача", "перевод",
    "набор", "отбор", "обмен", "возврат", "спасение", "задержание", "подсчёт", "подсчет",
    "утечка", "сортировка", "утилизация",
})  # fmt: skip
# «приняли участие 92 спортсмена»: the number is the subject; «количество 5» its value
_NOT_ACTIONS = frozenset({
    "участие", "количество", "большинство", "меньшинство", "значение", "давление", "население",
    "напряжение", "расстояние", "содержание", "станция", "позиция", "редакция", "делегация",
    "федерация", "ассоциация", "коллекция", "экспозиция", "инспекция", "полиция", "милиция",
    "дивизия", "категория", "правительство", "руководство", "министерство", "агентство",
    "ведомство", "общество", "государство", "сообщество", "посольство", "издательство",
    "представительство", "товарищество", "консульство", "братство",
})  # fmt: skip


def _number_end(texts: list[str]) -> bool:
    return bool(texts) and (texts[-1].isdigit() or texts[-1] in ("°", "%"))


def _number_start(sentence: Sentence, end: int) -> int:
    """Where the number (with its sign and unit) that ends at `end` starts."""
    tokens = sentence.before(end, 6)
    start = end
    for token in reversed(tokens):
        if token.text.isdigit() or token.text in ",.-−+°%" or token.text.isalpha() and start == end:
            start = token.start
            if token.text.isdigit() and sentence.text[
                max(0, token.start - 1) : token.start
            ] not in (",", "."):
                break
        else:
            break
    return start


# «на реализацию 11 ОЦП»: an acronym counted is a noun, the action noun's object all the same
_ACRONYM_AFTER = re.compile(r"\s[А-ЯЁ]{2,}(?![\w-])")
_PERCENT_OF = re.compile(r"\s?(?:%|процент\w*)?\s(?P<w>[а-яё]+)")


def count(
    sentence: Sentence,
    start: int,
    end: int,
    value: int | None,
    *,
    lemma: str | None = None,
    decimal: bool = False,
) -> Grammar:
    """The form of a cardinal (or decimal) number at text[start:end]. `lemma` names the
    counted noun when the class writes it out itself (a unit, a currency, «тысяча»)."""
    counted = None if lemma else counted_noun(sentence, end, value, decimal)
    gender: Gender = "m"
    animate = False
    if lemma:
        parse = morph.noun(lemma)
        if parse is not None:
            gender = gender_of(parse)
            animate = "anim" in parse.tag
    elif counted:
        gender, animate = counted.gender, counted.animate
    allowed = counted.cases if counted else ALL_CASES
    why_noun = f"before «{counted.word}»" if counted else ""
    if len(allowed) == 1:
        (case,) = allowed
        return Grammar(case, gender, animate, why=why_noun)
    ruled = governor(sentence, start) or _verb_across_phrase(sentence, start)
    if sentence.text[:start].rstrip().endswith("±"):
        ruled = NOM_ACC, "a tolerance after «±»"  # «5% годовых ±1,5 п.п.»: governs nothing
    acronym_after = counted is None and bool(_ACRONYM_AFTER.match(sentence.text, end))
    of = _PERCENT_OF.match(sentence.text, end) if lemma == "процент" else None
    if of is not None and morph.best_pos(of["w"]) == "NOUN":
        # «идентификацию 100% пчелосемей»: the percent counts a noun after it, so it is the
        # action's object (not «рост производства 5%», a value)
        acronym_after = acronym_after or morph.has(of["w"], "NOUN", "gent", "plur")
    if (
        ruled is not None
        and ruled[1].startswith(_ACTION_WHY)
        and ("genitive" not in allowed or (counted is None and not acronym_after))
    ):
        # «участие 3 раза»: the noun after the number says it is no object; «класс
        # землетрясения 9.7»: nothing counted, a value
        ruled = None
    rest = sentence.text[end:]
    if ruled is not None and counted is None and lemma is None and len(ruled[0]) > 1:
        echoed = _echoed_case(sentence, start, ruled[0])
        if echoed is not None:
            ruled = echoed  # «ремонт провели в 39 зданиях, текущий — в 180»
    measured = sentence.words_before(start, 2)
    if (
        ruled is not None
        and ruled[1] == "after «в»"
        and len(measured) == 2
        and morph.lemma(measured[0])
        in (QUANTITY_NOUNS | APPOSITION_NOUNS) - {"район", "течение", "ход", "пределы"}
    ):  # «до уровня в 5 % от ВВП», «до отметки в 776 мм»: the size itself
        ruled = frozenset({"accusative"}), f"«{measured[0]} в …»: the value"
    elif (
        ruled is not None
        and ruled[1] == "after «в»"
        and (
            _WHERE_FROM.match(rest)
            or (lemma in _DISTANCES and _LOCATED.search(sentence.text[:start]))
        )
    ):  # «находится примерно в 24 км»: where, not how far it went
        ruled = frozenset({"prepositional"}), "«в … от», «в … из»"
    with_percent = ruled is not None and ruled[1] in ("after «с»", "after «со»")
    if with_percent and lemma in _WITH_UNITS and not re.search(r"\bдо\b|\bпо\b", rest):
        # «с 20,8% голосов», «модель с 16 ГБ»: with so much, not «from»
        ruled = frozenset({"instrumental"}), f"«с … {lemma}»: with so much"
    if (
        ruled is not None
        and decimal
        and counted is None
        and lemma is None
        and ruled[1].startswith("complement of")
    ):
        ruled = NOM_ACC, f"a value: {ruled[1]}"  # «рейтинг 9,1»: a fraction counts nothing
    if ruled is not None and ruled[1] == "after «по»" and re.match(r"\s+из\s(?!кажд)", rest):
        ruled = frozenset({"dative"}), "«по … из»: about so many of them"  # «по 78 из них»
    if ruled is not None and ruled[1] == "after «под»" and lemma == "процент":
        ruled = frozenset({"accusative"}), "«под … процентов»: a rate"  # «под 6,5 % годовых»
    slip = ruled is not None and len(ruled[0]) == 1 and not ruled[0] & allowed and counted
    if slip and ruled is not None and ruled[1].startswith("after «"):
        # «около 32 квадратных метра»: the text's noun form is a slip; a verb's case is not
        # so sure («ждут 3 модели»: «ждать» takes the accusative too)
        (case,) = ruled[0]
        return Grammar(case, gender, animate, why=_join(ruled[1], why_noun))
    if ruled is not None:
        cases, why = ruled
        both = cases & allowed
        if len(both) == 1:
            (case,) = both
            return Grammar(case, gender, animate, why=_join(why, why_noun))
        if both:
            previous = _previous_word(sentence, start)
            preferred = PREFERRED.get(previous) if previous else None
            if preferred in both:
                return Grammar(preferred, gender, animate, why=_join(why, why_noun))
            if "nominative" in both:
                return Grammar("nominative", gender, animate, why=_join(why, why_noun))
            for case in ("genitive", "accusative", "prepositional", "dative", "instrumental"):
                if case in both:
                    return Grammar(case, gender, animate, why=_join(why, why_noun))
    if "nominative" in allowed:
        return Grammar("nominative", gender, animate, why=why_noun or "default")
    for case in ("accusative", "genitive", "prepositional", "dative", "instrumental"):
        if case in allowed:
            return Grammar(case, gender, animate, why=why_noun)
    return Grammar(gender=gender, animate=animate)


def _echoed_case(
    sentence: Sentence, start: int, cases: frozenset[Case]
) -> tuple[frozenset[Case], str] | None:
    """A number with no noun after a preposition repeats an earlier «preposition + number +
    noun» of the sentence: the noun left out is that one, in its case («в 39 зданиях, текущий
    — в 180»)."""
    words = sentence.words_before(start, 1)
    if not words or words[0] not in PREPOSITIONS:
        return None
    earlier = re.findall(
        rf"(?<!\w){words[0]}\s[\d\s,]*\d\s([а-яё]+)", sentence.text[:start].lower()
    )
    if not earlier:
        return None
    nouns = [p for p in _parses_of(earlier[-1]) if p.tag.POS == "NOUN"]
    if not nouns or nouns[0].normal_form in ("год", "век"):
        return None  # «в 2024 году … в 180»: a date, not the noun left out
    found = {_case_of(p) for p in nouns}
    echoed = frozenset(c for c in found & cases if c is not None)
    if len(echoed) != 1:
        return None
    return echoed, f"after «{words[0]}», as «{words[0]} … {earlier[-1]}» before"


_WITH_UNITS = frozenset({"процент", "гигабайт", "терабайт", "мегабайт"})
# «в 5 км от Алматы», «в 311 км на юго-восток»: how far, in the prepositional
_DISTANCES = frozenset({"километр", "метр"})
_LOCATED = re.compile(r"(?i)(?:находи|располож|расположен|располага)\w*[^,.;:]{0,40}$")
_WHERE_FROM = re.compile(
    r"\s(?:от|из)\s|\s(?:на|к)\s(?:северо-|юго-)?(?:север|юг|запад|восток)"
    r"|\s(?:северо-|юго-)?(?:север|юж|запад|восточ)нее\s"  # «в 424,1 км северо-восточнее»
)


def _indirect_object(word: str) -> bool:
    """A noun or name in the dative («Рыбакиной», «городу»), in no reading a subject or an
    object."""
    parses = [p for p in _parses_of(word) if p.tag.POS == "NOUN"]
    cases = {str(p.tag.case) for p in parses}
    return "datv" in cases and not cases & {"nomn", "accs"}


def _join(*parts: str) -> str:
    return ", ".join(p for p in parts if p)


# Ordinals: «5-го», «XXI век», «2024 году»: the noun after them (or the suffix) decides.
SUFFIX_FORMS: dict[str, frozenset[tuple[Case, str]]] = {
    # (case, gender or «p» for plural)
    "й": frozenset({("nominative", "m"), ("accusative", "m"), ("genitive", "f"),
                    ("dative", "f"), ("instrumental", "f"), ("prepositional", "f")}),
    "ый": frozenset({("nominative", "m"), ("accusative", "m")}),
    "ий": frozenset({("nominative", "m"), ("accusative", "m")}),
    "ой": frozenset({("nominative", "m"), ("accusative", "m"), ("genitive", "f"),
                     ("dative", "f"), ("instrumental", "f"), ("prepositional", "f")}),
    "я": frozenset({("nominative", "f")}), "ая": frozenset({("nominative", "f")}),
    "ю": frozenset({("accusative", "f")}), "ую": frozenset({("accusative", "f")}),
    "е": frozenset({("nominative", "n"), ("accusative", "n"), ("nominative", "p"),
                    ("accusative", "p")}),
    "ое": frozenset({("nominative", "n"), ("accusative", "n")}),
    "ые": frozenset({("nominative", "p"), ("accusative", "p")}),
    # «-го» is also an animate accusative, spelled as the genitive
    "го": frozenset({("genitive", "m"), ("genitive", "n")}),
    "ого": frozenset({("genitive", "m"), ("genitive", "n")}),
    "му": frozenset({("dative", "m"), ("dative", "n")}),
    "ому": frozenset({("dative", "m"), ("dative", "n")}),
    "м": frozenset({("instrumental", "m"), ("instrumental", "n"), ("prepositional", "m"),
                    ("prepositional", "n"), ("dative", "p")}),
    "ом": frozenset({("prepositional", "m"), ("prepositional", "n")}),
    "ым": frozenset({("instrumental", "m"), ("instrumental", "n"), ("dative", "p")}),
    "х": frozenset({("genitive", "p"), ("prepositional", "p"), ("accusative", "p")}),
    "ых": frozenset({("genitive", "p"), ("prepositional", "p"), ("accusative", "p")}),
    "ми": frozenset({("instrumental", "p")}), "ыми": frozenset({("instrumental", "p")}),
}  # fmt: skip


def ordinal(
    sentence: Sentence,
    start: int,
    end: int,
    *,
    suffix: str | None = None,
    lemma: str | None = None,
    default: Case = "nominative",
) -> Grammar:
    """The form of an ordinal at text[start:end]: agreeing with the noun after it (or `lemma`,
    the noun the class supplies: «г.» -> «год»), narrowed by its written suffix."""
    forms = SUFFIX_FORMS.get(suffix or "")
    options: list[tuple[Case, Gender, bool, bool, str]] = []  # case, gender, plural, anim, why
    if lemma is None:
        token = sentence.word_after(end)
        parses = _parses_of(token.text) if token is not None and token.is_cyrillic else ()
        if token is not None and parses and parses[0].tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR"):
            # (not «и», «с», «в»: pymorphy also has them as nouns, the letters' names)
            for parse in parses:
                if {"Fixd", "Abbr"} <= parse.tag.grammemes:
                    continue  # «швед» also as «швед.» (шведский): no agreement with that
                case = _case_of(parse) if parse.tag.POS in ("NOUN", "ADJF") else None
                if case is None:
                    continue
                plural = "plur" in parse.tag
                why = f"agrees with «{token.text}»"
                options.append((case, gender_of(parse), plural, "anim" in parse.tag, why))
    if forms is not None:
        options = [o for o in options if (o[0], "p" if o[2] else o[1]) in forms]
        if not options:
            options = [
                (c, _as_gender(g if g != "p" else "m"), g == "p", False, f"suffix «-{suffix}»")
                for c, g in sorted(forms)
            ]
    if not options:
        gender: Gender = "m"
        if lemma is not None:
            parse = morph.noun(lemma)
            gender = gender_of(parse) if parse is not None else "m"
        cases = ALL_CASES
        ruled = governor(sentence, start)
        why = "default"
        if ruled is not None:
            cases, why = ruled
        return Grammar(_pick(cases, sentence, start, default), gender, why=why)
    # singular readings first: «III степени» is «третьей», not «третьи»; but a bare «2-е»
    # with no noun is plural («вторые»), like the decades it looks like, unless a place was
    # named before it: «110-е место …, Кюрасао - 91-е» («девяносто первое»)
    bare = lemma is None and options[0][4].startswith("suffix")
    place = bare and (
        re.search(r"\bмест(?:о|а|е|у|ом)\b", sentence.text[:start]) is not None
        or any(morph.lemma(w) in ("занять", "занимать") for w in sentence.words_before(start, 1))
    )  # «он занял 5-е» (место)
    # «пленарное заседание, 51-е», «свое 11-е подряд … чемпионство»: a neuter noun of the
    # sentence is what a bare «-е» counts; a decade («в 90-е») or a lone token stays plural
    digits = re.sub(r"\D", "", sentence.text[start:end])
    neuter = (
        bare
        and suffix == "е"
        and not digits.endswith("0")
        and any(_neuter_singular(word) for word in re.findall(r"[а-яё]+", sentence.text.lower()))
    )
    bare_plural = bare and suffix in ("е", "ые") and not place and not neuter
    if place and suffix in ("е", "ое"):
        options = [o for o in options if o[1] == "n" and not o[2]] or options
    if bare and suffix in ("м", "ым", "им"):
        word = next(iter(sentence.words_before(start, 1)), None)
        # «финишировал 26-м», «стал 5-м», «Абраменко - 69-м», «десятым в сезоне и 30-м»: the
        # instrumental of a position. A bare «-м» is prepositional only after a preposition
        # («в 5-м»), alone, or after «и» that continues something else («в 2025-м и 2026-м»).
        prepositional = (
            not sentence.text[:start].strip()
            or word in PREPOSITIONS
            or (word in _CONJUNCTIONS and not _position_before(sentence, start))
        )
        if not prepositional:
            options = [o for o in options if o[0] == "instrumental"] or options
    if bare and suffix in ("й", "ей", "ой"):
        previous = sentence.words_before(start, 1)
        best = _parses_of(previous[0])[0] if previous and _parses_of(previous[0]) else None
        if best is not None and best.tag.POS == "VERB" and {"femn", "past"} <= best.tag.grammemes:
            # «сборная финишировала 17-й», «она стала 3-й»: a feminine position
            options = [o for o in options if o[0] == "instrumental" and o[1] == "f"] or options
    options.sort(key=lambda o: o[2] != bare_plural)
    cases = frozenset(o[0] for o in options)
    ruled = governor(sentence, start)
    case = next(iter(cases)) if len(cases) == 1 else None
    why = options[0][4]
    if case is None and ruled is not None and ruled[0] & cases:
        case = _pick(ruled[0] & cases, sentence, start, default)
        why = _join(ruled[1], why)
    if case is None:
        singular = frozenset(o[0] for o in options if not o[2]) or cases
        case = _pick(singular, sentence, start, default)
    chosen = next(o for o in options if o[0] == case)
    return Grammar(case, chosen[1], chosen[3], plural=chosen[2], why=why)


def _neuter_singular(word: str) -> bool:
    parses = _parses_of(word)
    if not parses or parses[0].tag.POS not in ("NOUN", "ADJF"):
        return False
    tag = parses[0].tag
    return {"neut", "sing"} <= tag.grammemes and tag.case in ("nomn", "accs")


def _as_gender(value: str) -> Gender:
    return value if value in ("m", "f", "n") else "m"  # type: ignore[return-value]


def _previous_word(sentence: Sentence, start: int) -> str | None:
    """The word before `start`, past a dash typed after a preposition («с — 62771»)."""
    tokens = sentence.before(start, 2)
    if len(tokens) == 2 and tokens[-1].text in "–—-" and tokens[-2].is_word:
        return tokens[-2].lower
    words = sentence.words_before(start, 1)
    return words[0] if words else None


def _pick(cases: frozenset[Case], sentence: Sentence, start: int, default: Case) -> Case:
    previous = _previous_word(sentence, start)
    preferred = PREFERRED.get(previous) if previous else None
    if preferred in cases:
        return preferred  # type: ignore[return-value]
    if default in cases:
        return default
    for case in ("nominative", "genitive", "accusative", "prepositional", "dative", "instrumental"):
        if case in cases:
            return case  # type: ignore[return-value]
    return default


def phrase_case(sentence: Sentence, start: int, default: Case = "nominative") -> Grammar:
    """The case of a noun phrase that starts at `start` (an abbreviation to expand: «ст.»,
    «г.», «ул.»): from the preposition or governing word before it."""
    ruled = governor(sentence, start)
    if ruled is None:
        return Grammar(default, why="default")
    return Grammar(_pick(ruled[0], sentence, start, default), why=ruled[1])


_SPAN_AHEAD = re.compile(r"[^;:!?]{0,60}?\s(?:по|до)\s(?:\d|[а-яё]{1,5}\.)")


def with_noun(sentence: Sentence, start: int) -> Grammar | None:
    """A noun (not a number) after «с» is «with» it, in the instrumental: «в соответствии с ч.
    1 ст. 5» -> «с частью первой», «столкновение с а/м» -> «с автомобилем»; «from» takes the
    genitive only at the start of a span («с ул. Ленина до …»)."""
    words = sentence.words_before(start, 1)
    if not words or words[0] not in ("с", "со") or _SPAN_AHEAD.match(sentence.text, start):
        return None
    return Grammar("instrumental", why=f"«{words[0]}» with a noun: together with")


def declined_noun_case(sentence: Sentence, start: int) -> Grammar | None:
    """The oblique case of a declinable name at `start` («для iPhone», «нового iPhone»): from
    a preposition or a singular adjective right before it; None where it stays nominative."""
    before = sentence.before(start, 1)
    if not before or not before[0].is_word:
        return None
    word = before[0].lower
    if word in ("в", "во", "на", "о", "об"):
        return Grammar("prepositional", why=f"after «{word}»")  # «в iPhone 15»: where
    if word in PREPOSITIONS:
        cases = PREPOSITIONS[word]  # «с iPhone» is «с айфона» or «с айфоном»: left alone
        return Grammar(next(iter(cases)), why=f"after «{word}»") if len(cases) == 1 else None
    adjectives = [p for p in _parses_of(word) if p.tag.POS in ("ADJF", "PRTF")]
    adjectives = [p for p in adjectives if {"accs", "anim"} not in p.tag]  # an inanimate noun
    found = {_case_of(p) for p in adjectives if {"sing", "masc"} in p.tag}
    if len(found) == 1 and len(adjectives) == len([p for p in adjectives if "sing" in p.tag]):
        (case,) = found
        if case is not None and case not in ("nominative", "accusative"):
            return Grammar(case, why=f"agrees with «{word}»")
    return None


# Nouns a number before which is an ordinal even when it ends in 1 («1 место» -> «первое
# место», «на 71 минуте» -> «на семьдесят первой минуте»).
ORDINAL_NOUNS = frozenset({
    "площадка", "пусковая",
    "место", "класс", "курс", "этаж", "тур", "раунд", "период", "тайм", "сезон", "квартал",
    "полугодие", "ряд", "съезд", "созыв", "этап", "круг", "игровой", "номер", "пункт",
    "подъезд", "корпус", "микрорайон", "линия", "уровень", "степень", "категория",
    "группа", "лот", "участок", "созыва", "чтение",
})  # fmt: skip
# Nouns a number before which is never an ordinal: years and centuries have their classes;
# «около 9 утра» is an hour.
_SCALES = frozenset({"тысяча", "миллион", "миллиард", "триллион"})
_NOT_ORDINAL = frozenset({"год", "век", "утро", "вечер", "ночь", "сантиметр", "миллиметр",
                          "метр", "килограмм", "грамм", "тонна", "литр", "градус", "процент",
                          "рубль", "доллар", "центнер", "гектар", "нокаут"})  # fmt: skip
# Ordinal after «на» only: «на 37 минуте», «на 168 км», «на 5 день».
ON_ORDINAL_NOUNS = frozenset({"минута", "секунда", "километр", "день", "неделя", "месяц",
                              "год", "сутки", "час", "миля", "метр"})  # fmt: skip
# Labels: the number after them is a name, read as a cardinal («дом 5», «рейс 123»).
LABELS = frozenset({
    "номер", "дом", "корпус", "квартира", "комната", "палата", "кабинет", "вагон", "рейс",
    "маршрут", "автобус", "трамвай", "троллейбус", "школа", "гимназия", "лицей", "колония",
    "больница", "поликлиника", "роддом", "приложение", "таблица", "рисунок", "строка",
    "строение", "участок", "позиция", "версия", "модель", "канал", "платформа", "путь",
    "том", "страница", "окно", "микрорайон", "блок", "сектор", "ряд", "место", "телефон",
})  # fmt: skip
# Legal parts: the number after them is an ordinal agreeing with them («статьёй 190» ->
# «статьёй сто девяностой», «частями 1 и 2» -> «частями первой и второй»).
LEGAL_PARTS = frozenset({"статья", "часть", "пункт", "подпункт", "глава", "раздел", "параграф",
                         "абзац", "книга"})  # fmt: skip


# Abbreviated labels: «гл. 5» -> «глава пятая», «д. 5» -> «дом пять».
ABBREVIATED_LABELS = {"гл": "глава", "ст": "статья", "ч": "часть", "п": "пункт", "т": "том",
                      "рис": "рисунок", "табл": "таблица", "стр": "страница", "д": "дом",
                      "кв": "квартира", "корп": "корпус", "разд": "раздел", "абз": "абзац",
                      "подп": "подпункт", "с": "страница", "вып": "выпуск"}  # fmt: skip


def label_before(sentence: Sentence, start: int) -> Grammar | None:
    """A number right after a label noun is its name: a cardinal in the nominative, or, after
    a legal part, an ordinal agreeing with it."""
    tokens = sentence.before(start, 3)
    if not tokens:
        return None
    last = tokens[-1]
    if last.text in (",", "и") and len(tokens) >= 2 and tokens[-2].text.isdigit():
        return label_before(sentence, tokens[-2].start)  # «частями 1 и 2»
    if (
        last.text == "."
        and len(tokens) >= 2
        and tokens[-2].lower in ABBREVIATED_LABELS
        and not re.search(r"(?i)(?<!\w)т\.\s?ч\.\s*$", sentence.text[:start])  # «в т. ч. 25»
    ):
        lemma = ABBREVIATED_LABELS[tokens[-2].lower]
        if lemma not in LEGAL_PARTS:
            return Grammar("nominative", why=f"a label after «{tokens[-2].text}.»")
        from tts.text.normalize.classes.abbreviations import expansion_case

        case = expansion_case(sentence, tokens[-2].start).case
        noun = next(p for p in _parses_of(lemma) if p.tag.POS == "NOUN" and "inan" in p.tag)
        return Grammar(case, gender_of(noun), why=f"names «{tokens[-2].text}.»")
    if not last.is_word or not last.is_cyrillic:
        return None
    if len(tokens) >= 2 and (tokens[-2].lower, last.lower) in COMPOUND_PREPOSITIONS:
        return None  # «во главе 3 колонн»: a preposition, no chapter
    for parse in _parses_of(last.text)[:3]:
        if parse.tag.POS != "NOUN" or "anim" in parse.tag:
            continue  # «глава» of a book, not of a district
        lemma = str(parse.normal_form)
        if lemma in LEGAL_PARTS:
            case = _case_of(parse) or "nominative"
            plural = "plur" in parse.tag
            if plural and _counts_a_noun(sentence, start):
                return None  # «выбрать глав 20 регионов»: heads of twenty regions, a count
            before = _parses_of(tokens[-2].text) if len(tokens) >= 2 else ()
            if plural and before and before[0].tag.POS in ("ADJF", "PRTF"):
                return None  # «в этих населенных пунктах 956 домов»: places, not clauses
            return Grammar(case, gender_of(parse), plural=plural, why=f"names «{last.text}»")
        if lemma in LABELS:
            return Grammar("nominative", why=f"a label after «{last.text}»")
    return None


_CONJUNCTIONS = frozenset({"и", "или", "либо", "а"})


def _position_before(sentence: Sentence, start: int) -> bool:
    """An ordinal in the instrumental shortly before («десятым в сезоне и …»)."""
    for token in sentence.before(start, 8):
        parses = _parses_of(token.text) if token.is_word and token.is_cyrillic else ()
        if parses and parses[0].tag.POS == "ADJF" and {"Anum", "ablt"} <= parses[0].tag.grammemes:
            return True
    return False


def _counts_a_noun(sentence: Sentence, start: int) -> bool:
    """The number at `start` is followed by a plural noun it counts («20 регионов»)."""
    number = sentence.after(start, 1)
    token = sentence.word_after(number[0].end) if number else None
    if token is None or not token.is_cyrillic:
        return False
    parses = _parses_of(token.text)
    return bool(parses) and parses[0].tag.POS == "NOUN" and "plur" in parses[0].tag


_AND_NUMBER = re.compile(r"(?:,\s?\d{1,3})*(?:\s(?:и|или)\s|,\s?)(\d{1,3})(?=\s[а-яё])")


def ordinal_before_noun(
    sentence: Sentence, start: int, end: int, value: int, *, singular_between: bool = False
) -> Grammar | None:
    """«2 место», «в 3 классе», «на 37 минуте», «в рамках 44 турнира»: a number before a
    singular noun that no cardinal could count is that noun's ordinal."""
    listed = _AND_NUMBER.match(sentence.text, end)
    if listed is not None and value < 1000:  # «на 9 и 10 месте»: both are places
        second = ordinal_before_noun(sentence, listed.start(1), listed.end(1), int(listed[1]))
        if second is not None:
            return Grammar(second.case, second.gender, second.animate, why=f"{second.why}, listed")
    token = sentence.word_after(end)
    if token is None or not token.is_cyrillic or token.text.isupper() or value >= 1000:
        return None
    adjectives = [p for p in _parses_of(token.text) if p.tag.POS == "ADJF"]
    if (
        adjectives
        and _parses_of(token.text)[0].tag.POS == "ADJF"
        and all("sing" in p.tag for p in adjectives)
        and (value % 10 != 1 or value % 100 == 11)
    ):
        # «в программе 40 сельской спартакиады»: no count takes a singular adjective
        through = ordinal_before_noun(
            sentence, start, token.end, value, singular_between=is_paucal(value)
        )
        if through is not None:
            return through
    if token.lower in INDECLINABLE or token.lower in TIME_ADVERBS:
        return None
    if token.text[:1].isupper() and not sentence.at_start(start):
        return None  # «24 Канал»: a name, the number read as written
    before = sentence.before(start, 1)
    if before and before[0].text.isascii() and before[0].text.isalpha():
        return None  # «в iOS 16 стали»: a version, whatever follows it
    parses = _parses_of(token.text)
    if parses and parses[0].tag.POS in (
        "ADVB",
        "COMP",
        "PRED",
        "CONJ",
        "PRCL",
        "INTJ",
        "VERB",
        "INFN",
        "PRTS",
        "GRND",
    ):
        return None  # «из которых 32 уже запущены»: «уже» is an adverb first; «357 были»
    found = [p for p in parses if p.tag.POS == "NOUN" and p.tag.case]
    if not found or "Abbr" in found[0].tag or found[0].normal_form in _NOT_ORDINAL | _SCALES:
        return None  # «на 30 миллиарда»: a slip for «миллиардов», never «тридцатого»
    if token.lower.startswith("лети"):
        return None  # «90 летие»: half of a compound («девяностолетие»), no word of its own
    # «17 тур»: the word in its dictionary form, which no count of its own lemma takes (its
    # genitive plural is another word's: «тур» of «тура», a rook); not «человек»
    dictionary_form = (
        token.lower == found[0].normal_form
        and "nomn" in found[0].tag
        and not _cases_before([p for p in found if p.normal_form == token.lower], value, False)
    )
    if (
        _cases_before(found, value, False)
        and not _ordinal_anyway(sentence, start, found, value)
        and not (dictionary_form and not takes_singular(value) and not is_paucal(value))
        and not singular_between  # «42 пожарной части»: «две» would need «пожарные»
    ):
        return None
    singular = [p for p in found if "sing" in p.tag and "Fixd" not in p.tag]
    if not singular:
        return None
    ruled = governor(sentence, start)
    every = [(_case_of(p), p) for p in singular]
    previous = sentence.words_before(start, 1)
    # «по 23 округу»: «по» before a numbered thing is «along», the dative
    preferred = _ORDINAL_PREFERRED.get(previous[0]) if previous else None
    # «Игры 2 тура»: the likeliest word («тур»), not a homonym («тура», a rook), unless only
    # the other word fits the preposition («по 23 округу», not «округа»)
    options = [o for o in every if o[1].normal_form == found[0].normal_form] or every
    if preferred and all(o[0] != preferred for o in options):
        options = [o for o in every if o[0] == preferred] or options
    if ruled is not None:
        narrowed = [o for o in options if o[0] in ruled[0]]
        options = narrowed or options
    if is_paucal(value):
        options = [o for o in options if o[0] != "genitive"] or options
        if ruled is not None and "genitive" in ruled[0]:
            options = (
                [o for o in singular if _case_of(o) == "genitive"]
                and [("genitive", next(p for p in singular if _case_of(p) == "genitive"))]
                or options
            )
    chosen = next((o for o in options if o[0] == preferred), options[0])
    case, parse = chosen
    if case is None:
        return None
    return Grammar(case, gender_of(parse), "anim" in parse.tag, why=f"an ordinal: «{token.text}»")


_ORDINAL_PREFERRED: dict[str, Case] = {**PREFERRED, "по": "dative"}


def _ordinal_anyway(sentence: Sentence, start: int, found: list[Any], value: int) -> bool:
    """Where a cardinal would fit the noun's form but news means the ordinal."""
    lemma = str(found[0].normal_form)
    previous = sentence.words_before(start, 1)
    if takes_singular(value) and lemma in ORDINAL_NOUNS:
        return True
    if previous in (["на"], ["в"]) and lemma in ON_ORDINAL_NOUNS:
        return any(_case_of(p) == "prepositional" for p in found)
    if lemma in _GRADES and any(_case_of(p) == "genitive" and "sing" in p.tag for p in found):
        graded = _parses_of(previous[0]) if previous else ()
        if graded and graded[0].tag.POS == "NOUN":
            return True  # «кома 3 степени», «инвалидность 2 группы»: a grade of the noun before
    if value % 10 != 1 and all("sing" in p.tag for p in found) and lemma not in MEASURE_NOUNS:
        if not any(_case_of(p) == "genitive" for p in found) or "anim" in found[0].tag:
            return False
        ruled = governor(sentence, start)
        after_preposition = ruled is not None and ruled[1].startswith("after")
        if ruled is not None and ruled[0] == frozenset({"genitive"}) and after_preposition:
            return True  # «в рамках 44 турнира», «после 3 тура»; not «в эксплуатацию 43 проекта»
        words = sentence.words_before(start, 1)
        parses = _parses_of(words[0]) if words else ()
        head = parses[0] if parses else None
        return bool(  # «итоги 3 квартала», «матч 5 тура»
            head is not None and head.tag.POS == "NOUN" and lemma in ORDINAL_NOUNS | SEQUENCE_NOUNS
        )
    return False


MONTH_GENITIVES = (
    "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
)
_GRADES = frozenset({"степень", "категория", "группа", "класс", "разряд"})


def grade_after(sentence: Sentence, start: int, end: int) -> Grammar | None:
    """«кома 2-3 степени»: numbers before a grade noun in the genitive singular, after the noun
    they grade, are its ordinals («второй – третьей степени»)."""
    token = sentence.word_after(end)
    previous = sentence.words_before(start, 1)
    if token is None or not previous:
        return None
    found = [
        p for p in _parses_of(token.text)
        if p.tag.POS == "NOUN" and p.normal_form in _GRADES and p.tag.case == "gent"
        and "sing" in p.tag
    ]  # fmt: skip
    head = _parses_of(previous[0])
    if not found or not head or head[0].tag.POS != "NOUN":
        return None
    return Grammar("genitive", gender_of(found[0]), why=f"grades of «{token.text}»")


# Nouns whose plural after «5-7» still names numbered ones: «в 5-7 местах» counts places.
_NUMBERED = frozenset({"класс", "курс", "этаж", "микрорайон", "подъезд", "созыв"})


def plural_ordinal_noun(sentence: Sentence, end: int) -> tuple[Case, str] | None:
    """«во 2-11 классах», «оставшихся 14 и 22 микрорайонов»: the plural of a noun numbered in
    sequence after a span or a list makes its numbers ordinals; (its case, the noun)."""
    token = sentence.word_after(end)
    if token is None or not token.is_cyrillic:
        return None
    for parse in _parses_of(token.text):
        if parse.tag.POS == "NOUN" and "plur" in parse.tag and parse.normal_form in _NUMBERED:
            case = _case_of(parse)
            if case is not None:
                return case, token.text
    return None


# Events and periods counted in sequence: «итоги 3 квартала», «матч 5 тура».
SEQUENCE_NOUNS = frozenset({"турнир", "чемпионат", "фестиваль", "форум", "конкурс", "квартал",
                            "полугодие", "тур", "этап", "сезон", "созыв", "съезд", "раунд",
                            "матч", "игра", "заезд", "забег", "пленум", "сессия"})  # fmt: skip


# Nouns of measure and money: «цена 3 доллара» is three dollars, not the third one.
MEASURE_NOUNS = frozenset({
    "процент", "доллар", "рубль", "евро", "тенге", "цент", "копейка", "тиын", "час", "минута",
    "секунда", "сутки", "день", "неделя", "месяц", "год", "раз", "метр", "километр",
    "сантиметр", "миллиметр", "тонна", "килограмм", "грамм", "литр", "гектар", "балл",
    "градус", "штука", "человек", "единица", "очко", "гол", "миллион", "миллиард", "тысяча",
    "вариант", "случай", "шаг", "пункт", "место", "ребёнок", "голос", "мяч", "шайба",
})  # fmt: skip
