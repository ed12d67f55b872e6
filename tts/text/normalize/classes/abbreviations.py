"""Abbreviations away from a number: expanded in the form their context requires.

Each entry says what the abbreviation stands for and when: before a number («д. 5» -> «дом»),
before a capitalised name («д. Ивановка» -> «деревня»), or anywhere. A noun takes the case of
its context («на ул. Абая» -> «на улице Абая», «жители г. Алматы» -> «города»); an adjective
agrees with the noun after it («т. н. цифровых активов» -> «так называемых»); «и др.» agrees
with the word it continues («в Астане, Алматы и др. городах» -> «и других городах»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tts.text.normalize import context, morph
from tts.text.normalize.context import Grammar
from tts.text.normalize.numbers import CASE_OF_TAG, TAG_OF_CASE, Case
from tts.text.normalize.rules import Reading, Rule
from tts.text.normalize.sentence import Sentence

Where = Literal["any", "number", "name", "word"]


@dataclass(frozen=True)
class Abbreviation:
    reading: str  # a lemma to inflect, or the fixed phrase
    kind: Literal["fixed", "noun", "adjective", "place"] = "fixed"
    where: Where = "any"  # before a digit, before a capitalised word, before a lower-case word


def _fixed(reading: str, where: Where = "any") -> Abbreviation:
    return Abbreviation(reading, "fixed", where)


def _noun(lemma: str, where: Where = "any") -> Abbreviation:
    return Abbreviation(lemma, "noun", where)


def _place(lemma: str, where: Where = "name") -> Abbreviation:
    return Abbreviation(lemma, "place", where)


def _adjective(lemma: str, where: Where = "any") -> Abbreviation:
    return Abbreviation(lemma, "adjective", where)


# Written form (spaces inside optional) -> its readings, tried in order.
ABBREVIATIONS: dict[str, tuple[Abbreviation, ...]] = {
    "т.е.": (_fixed("то есть"),),  # т. е.
    "с.г.": (_fixed("сего года"),),  # «на 23 мая с. г.»
    "т.д.": (_fixed("так далее"),),  # и т. д.
    "т.п.": (_fixed("тому подобное"),),  # и т. п.
    "т.к.": (_fixed("так как"),),  # т. к.
    "т.ч.": (_fixed("том числе"),),  # в т. ч.
    "н.э.": (_fixed("нашей эры"),),  # V в. до н. э.
    "г.р.": (_fixed("года рождения"),),  # 1990 г. р.
    "т.н.": (_adjective("так называемый"),),  # т. н. цифровых активов
    "т.о.": (_fixed("таким образом"),),  # т. о.
    "им.": (_fixed("имени", "any"),),  # им. аль-Фараби (not the pronoun: see _read)
    "напр.": (_fixed("например"),),  # напр.
    "ок.": (_fixed("около"),),  # ок. 300
    "ум.": (_fixed("умер"),),  # ум. в 1505 г.
    "род.": (_fixed("родился"),),  # род. в 1950 г.
    "прим.ред.": (_fixed("примечание редакции"),),  # (… – прим. ред.)
    "прим.": (_noun("примечание"),),  # прим. автора
    "ред.": (_noun("редакция"),),  # прим. ред.
    "см.": (_fixed("смотри"),),  # см. также
    "т.": (_noun("том", "number"),),  # Т. 34
    "гос.": (_adjective("государственный", "word"),),  # гос. контроля
    "эл.": (_adjective("электронный", "word"),),  # «эл. почта», «эл. адрес»
    "междунар.": (_adjective("международный", "word"),),  # междунар. контроля
    "полит.": (_adjective("политический", "word"),),  # полит. системы
    "экон.": (_adjective("экономический", "word"),),  # экон. развития
    "нац.": (_adjective("национальный", "word"),),  # нац. проекта
    "соц.": (_adjective("социальный", "word"),),  # соц. помощь
    "мед.": (_adjective("медицинский", "word"),),  # мед. помощь
    "тех.": (_adjective("технический", "word"),),  # тех. осмотр
    "и.о.": (_fixed("исполняющий обязанности"),),  # и.о. начальника
    "рт.ст.": (_fixed("ртутного столба"),),  # 731 мм рт. ст.
    "рт.": (_adjective("ртутный"),),  # 80 мм рт. столба
    "инф.": (_noun("информация"),),  # по инф. m24.ru
    "милл.": (_noun("миллион"),),  # 52 милл. 900 000 тенге (a slip for «млн»)
    "фед.": (_adjective("федеральный", "word"),),  # фед. закона
    "обществ.": (_adjective("общественный", "word"),),  # обществ. организации
    "муниц.": (_adjective("муниципальный", "word"),),  # муниц. района
    "англ.": (_adjective("английский"),),  # с англ.
    "каз.": (_adjective("казахский"),),  # на каз. языке
    "казах.": (_adjective("казахский"),),  # казах.
    "рус.": (_adjective("русский"),),  # рус.
    "лат.": (_adjective("латинский"),),  # лат.
    "нем.": (_adjective("немецкий"),),  # нем.
    "фр.": (_adjective("французский"),),  # фр.
    "франц.": (_adjective("французский"),),  # франц.
    "кит.": (_adjective("китайский"),),  # кит.
    "араб.": (_adjective("арабский"),),  # араб.
    "тюрк.": (_adjective("тюркский"),),  # тюрк.
    "греч.": (_adjective("греческий"),),  # греч.
    "яп.": (_adjective("японский"),),  # яп.
    "ул.": (_place("улица", "any"),),  # на ул. Абая
    "просп.": (_place("проспект", "any"),),  # просп. Мира
    "пр-т": (_place("проспект", "any"),),  # пр-т Абая
    "пр.": (_place("проспект"), _fixed("прочие", "any")),  # пр. Абая; и пр.
    "пер.": (_place("переулок"),),  # пер. Тихий
    "б-р": (_place("бульвар", "any"),),  # б-р Бухар жырау
    "бул.": (_place("бульвар"),),  # бул. Мира
    "пл.": (_place("площадь"),),  # пл. Республики
    "наб.": (_place("набережная"),),  # наб. Есиля
    "ш.": (_place("шоссе"),),  # Варшавское ш.
    "мкр.": (_place("микрорайон", "any"),),  # мкр. Самал
    "аг.": (_place("агрогородок"),),  # аг. Горбацевичи (Belarus)
    "пен": (_fixed("пенальти", "number"),),  # «(1-0, 0-1, пен 5-4)»: a shoot-out's score
    "мкр": (_place("микрорайон", "any"),),  # мкр Самал
    "мкрн": (_place("микрорайон", "any"),),  # мкрн Самал
    "мкр-н": (_place("микрорайон", "any"),),  # мкр-н Самал
    "р-н": (_place("район", "any"),),  # Алматинский р-н
    "р-на": (_place("район", "any"),),  # р-на
    "обл.": (_adjective("областной", "word"), _place("область", "any")),  # обл. бюджета
    "г.": (_place("город"),),  # в г. Алматы (a year «2024 г.» is a date's)
    "гор.": (_place("город"),),  # гор. Алматы
    "с.": (_place("село"), _noun("страница", "number")),  # в с. Ивановка; с. 25
    "пос.": (_place("посёлок"),),  # пос. Солнечный
    "п.": (_place("посёлок"),),  # п. Солнечный (a clause «п. 3» is legal)
    "пгт": (_place("посёлок городского типа", "any"),),  # пгт Балпык би
    "д.": (_noun("дом", "number"), _place("деревня")),  # д. 5; д. Ивановка
    "корп.": (_noun("корпус", "number"),),  # корп. 2
    "кор.": (_noun("корпус", "number"),),  # кор. 5
    "кв.": (_noun("квартира", "number"), _adjective("квадратный", "word")),  # кв. 12; кв. метров
    "стр.": (_noun("страница", "number"),),  # стр. 4 (a building «стр.» is rare in news)
    "оф.": (_noun("офис", "number"),),  # оф. 305
    "каб.": (_noun("кабинет", "number"),),  # каб. 12
    "эт.": (_noun("этаж", "number"),),  # эт. 3
    "р.": (_place("река"),),  # р. Урал
    "оз.": (_place("озеро"),),  # оз. Балхаш
    "х.": (_place("хутор"),),  # «х. Зайцевка»: a Cossack farmstead of the Don
    "о.": (_place("остров"),),  # о. Сахалин
    # ст. Вёшенская (a Cossack village); ст. Арысь; ст. лейтенант
    "ст.": (_place("станица"), _place("станция"), _adjective("старший", "word")),
    "акад.": (_noun("академик"),),  # акад. Сатпаев
    "реж.": (_noun("режиссёр"),),  # (реж. Ж. Есенбеков)
    "соб.корр.": (_fixed("собкор"),),  # сообщает соб. корр. Travel.ru
    "др.": (_adjective("другой", "word"),),  # ряда др. заводов («и др.» is a list's end)
    "арх.": (_noun("архитектор"),),  # арх. Стефан Галензовский
    "бывш.": (_adjective("бывший"),),  # (бывш. «АрселорМиттал Темиртау»)
    "п/у": (_fixed("под управлением"),),  # хор п/у Иванова
    "проф.": (_noun("профессор"),),  # проф. Иванов
    "доц.": (_noun("доцент"),),  # доц. Петров
    "г-н": (_noun("господин"),),  # г-н Смит
    "г-на": (_fixed("господина"),),  # г-на Смита
    "г-жа": (_noun("госпожа"),),  # г-жа Смит
    "зам.": (_noun("заместитель"),),  # зам. акима
    "нач.": (_place("начало", "number"), _noun("начальник")),  # в нач. XX в.; нач. отдела
    "пред.": (_noun("председатель"),),  # пред. правления
    "ген.": (_adjective("генеральный", "word"),),  # ген. директор
    "гл.": (_noun("глава", "number"), _adjective("главный", "word"), _noun("глава")),  # гл. 5
    "св.": (_adjective("святой", "any"),),  # св. Николая
    "прав.": (_adjective("праведный", "name"),),  # св. прав. Иоанна; not «лишение прав.»
    "в.д.": (_fixed("восточной долготы"),),  # 86,5° в. д.
    "з.д.": (_fixed("западной долготы"),),  # з. д.
    "с.ш.": (_fixed("северной широты"),),  # с. ш.
    "ю.ш.": (_fixed("южной широты"),),  # ю. ш.
    "тел.": (_noun("телефон"),),  # тел.: 8 …
    "корр.": (_noun("корреспондент"),),  # /корр. Trend/
    "а/м": (_noun("автомобиль"),),  # управляя а/м ВАЗ; водитель а/м
    "а/д": (_noun("автодорога"),),  # на 45 км а/д
    "т.г.": (_fixed("текущего года"),),  # на 1 мая т.г.
    "д.и.н.": (_fixed("доктор исторических наук"),),  # д.и.н., профессор
    "к.и.н.": (_fixed("кандидат исторических наук"),),  # к.и.н.
    "д.э.н.": (_fixed("доктор экономических наук"),),  # д.э.н.
    "к.э.н.": (_fixed("кандидат экономических наук"),),  # к.э.н.
    "д.т.н.": (_fixed("доктор технических наук"),),  # д.т.н.
    "к.т.н.": (_fixed("кандидат технических наук"),),  # к.т.н.
    "д.м.н.": (_fixed("доктор медицинских наук"),),  # д.м.н.
    "к.м.н.": (_fixed("кандидат медицинских наук"),),  # к.м.н.
    "д.ю.н.": (_fixed("доктор юридических наук"),),  # д.ю.н.
    "к.ю.н.": (_fixed("кандидат юридических наук"),),  # к.ю.н.
    "д.ф.н.": (_fixed("доктор философских наук"),),  # д.ф.н.
    "к.ф.н.": (_fixed("кандидат философских наук"),),  # к.ф.н.
    "рис.": (_noun("рисунок", "number"),),  # рис. 2
    "табл.": (_noun("таблица", "number"),),  # табл. 2
    "вып.": (_noun("выпуск", "number"),),  # вып. 5
    "изд.": (_noun("издательство"),),  # изд. «Наука»
    "млн": (_noun("миллион"),),  # сотни млн
    "млрд": (_noun("миллиард"),),  # десятки млрд
    "трлн": (_noun("триллион"),),  # два трлн
    "тыс.": (_noun("тысяча"),),  # десятки тыс.
    "мск": (_fixed("по московскому времени"),),  # в 10:00 мск
    "МСК": (_fixed("по московскому времени"),),  # в 10:00 МСК
}


def _table() -> dict[str, tuple[Abbreviation, ...]]:
    """abbreviations.tsv: about 300 more written forms («дер.», «ун-т», «засл. арт.», «вл.»),
    from a table written blind (by a helper who saw neither the corpus nor the code), with
    ambiguous and one-letter forms left out; the entries above win."""
    text = Path(__file__).with_name("abbreviations.tsv").read_text(encoding="utf-8")
    found: dict[str, tuple[Abbreviation, ...]] = {}
    for line in text.splitlines():
        written, kind, reading, where = line.split("\t")[:4]
        if written not in ABBREVIATIONS:
            found[written] = (Abbreviation(reading, kind, where),)  # type: ignore[arg-type]
    return found


ABBREVIATIONS.update(_table())

LANGUAGES = {
    "английский": "по-английски", "латинский": "по-латыни", "немецкий": "по-немецки",
    "французский": "по-французски", "японский": "по-японски", "китайский": "по-китайски",
    "казахский": "по-казахски", "русский": "по-русски", "греческий": "по-гречески",
    "арабский": "по-арабски", "тюркский": "по-тюркски",
}  # fmt: skip

_ALTERNATIVES = []
for _written in sorted(ABBREVIATIONS, key=len, reverse=True):
    # «т.е.» also matches «т. е.»: a space may follow each inner dot
    _ALTERNATIVES.append(re.escape(_written).replace(r"\.", r"\.\s?").removesuffix(r"\s?"))
PATTERN = re.compile(
    r"(?:(?<![\w.-])|(?<=тыс\.)|(?<=млн\.))(?P<abbr>"  # «тыс.кв.м»: no space after a scale
    + "|".join(_ALTERNATIVES)
    # «им.Абая», «ул.Челябинская», «д.24»: typed with no space after the dot
    + r")(?:(?![\w])(?!\.\w)|(?<=\.)(?=[А-ЯЁ\d]))",
    re.IGNORECASE,
)
_LIST_END = re.compile(r"(?<![\w])и\s(?P<abbr>др|пр)\.(?=\s|$|[,;:)»])")


def _next(sentence: Sentence, end: int) -> str:
    """What follows: «number», «name» (a capitalised word), «word», or «end»."""
    rest = sentence.text[end:].lstrip(" :")
    if not rest:
        return "end"
    if rest[0].isdigit() or rest[0] in "№" or re.match(r"[IVX]+\b", rest):
        return "number"
    if rest[0] in '«"':
        rest = rest[1:]
    if rest[:1].isupper():
        return "name"
    return "word" if rest[:1].isalpha() else "end"


def _agreement_target(sentence: Sentence, end: int) -> bool:
    token = sentence.word_after(end)
    return token is not None and any(
        p.tag.POS in ("NOUN", "ADJF", "PRTF") for p in morph.parses(token.text)[:2]
    )


def expansion_case(sentence: Sentence, start: int, place: bool = False) -> Grammar:
    """The case of an abbreviated noun starting at `start` («гл.», «ул.», «ст.»)."""
    return _case(sentence, start, place)


def _before_name(sentence: Sentence, end: int) -> bool:
    """«им. аль-Фараби», «им. Н. Э. Баумана», «им. Абая»: a name (or initials) follows, not a
    pronoun, verb or function word."""
    token = sentence.word_after(end)
    if token is None:
        return False
    following = sentence.text[token.end : token.end + 1]
    if len(token.text) == 1 and token.text.isupper() and following == ".":
        return True
    if following == "." and f"{token.lower}." in _TITLES:
        return True  # «им. акад. Б. В. Петровского»
    parses = morph.parses(token.text)
    if parses and parses[0].tag.POS in ("NPRO", "VERB", "PREP", "CONJ", "PRCL"):
        return False
    return not parses or any("gent" in p.tag for p in parses) or token.text[:1].isupper()


# «по ул. Первомайская, ул. Октябрьская», «ремонт на: — ул. Аруана; — ул. Мажорова»: a place
# listed after others takes the case of the preposition that opened the list.
# Abbreviated street words, and the words of a street written out or abbreviated (the place
# rules here, «и пр.» and the numbers that open a street's name share them)
_STREET_ABBR = r"ул|пр|пр-т|пер|просп|пл|мкр|наб|б-р"
STREET_WORD = (
    r"улиц[аеыуй]|ул\.|проспект[аеуом]?|пр-к?т[аеу]?|пр\.|переул\w*|пер\.|площад[ьи]|пл\.|"
    r"бульвар[аеуом]?|б-р|шоссе"
)
_PLACE_LIST = re.compile(
    r"(?i)(?<!\w)(на|в|во|по|о|об|при)\s*:?\s*[—–-]?\s*"
    rf"(?:(?:{_STREET_ABBR}|оз)\.\s?[^,;:]*?(?:[,;]|\sи)\s*[—–-]?\s*)*$"
)


_PLACE_AND = re.compile(
    rf"(?<![\w.])(?:{_STREET_ABBR})\.?\s?[А-ЯЁ][\w-]*(?:\s[А-ЯЁ][\w-]*)?\s(?:и|или)\s$"
)


def _case(sentence: Sentence, start: int, place: bool) -> Grammar:
    if sentence.text[:start].rstrip().endswith(("/", "(")):
        return Grammar("nominative", why="opens a bracket")  # «/корр. Trend/», «(ред.)»
    words = sentence.words_before(start, 1)
    previous = words[0] if words else None
    listed = _PLACE_LIST.search(sentence.text[:start]) if place else None
    if listed is not None:
        previous = listed[1].lower()
        if previous == "по":
            return Grammar("dative", why="a place listed after «по …»")
    if re.search(r"(?<![\w.])им\.\s?$", sentence.text[:start]):
        return Grammar("genitive", why="after «имени»")  # «им. акад. Петровского»
    joined = _PLACE_AND.search(sentence.text[:start]) if place else None
    if joined is not None and previous in ("и", "или"):
        # «на пересечении пр. Абая и ул. Жандосова»: the second place takes the first's case
        return _case(sentence, joined.start(), place)
    if place and previous in ("в", "во", "на") and _after_motion(sentence, start):
        return Grammar("accusative", why=f"a place after «{previous}», where to")
    if place and previous in ("в", "во", "на", "о", "об", "при"):
        return Grammar("prepositional", why=f"a place after «{previous}»")
    last = sentence.before(start, 2)
    if (
        place
        and last
        and last[-1].text.isupper()
        and len(last[-1].text) >= 2
        and (len(last) == 1 or last[0].text in "(-–—")
    ):  # «(МО п. Анопино)»: the acronym heads; «Совета МО г. Балаково» is a genitive chain
        return Grammar("nominative", why=f"apposition to «{last[-1].text}»")
    if previous and previous not in context.PREPOSITIONS and morph.best_pos(previous) == "NOUN":
        return Grammar("genitive", why=f"complement of «{previous}»")  # «костюма нач. XX в.»
    if previous in ("по", "согласно", "к"):
        return Grammar("dative", why=f"after «{previous}»")
    if re.search(r"(?i)\bсм\.\s", sentence.text[:start]) and not re.search(
        r"[;:!?]", sentence.text[:start].lower().rpartition("см.")[2]
    ):
        return Grammar("accusative", why="object of «см.»")  # «см. рис. 2 и табл. 3»
    return (None if place else context.with_noun(sentence, start)) or context.phrase_case(
        sentence, start
    )


def _inflect_noun(lemma: str, case: Case, plural: bool = False) -> str:
    head, _, rest = lemma.partition(" ")
    noun = morph.noun(rest.partition(" ")[0]) if rest else None
    adjective = next((p for p in morph.parses(head) if p.tag.POS == "ADJF"), None)
    if noun is not None and adjective is not None:
        # «рабочий посёлок» -> «в рабочем посёлке»: the adjective agrees with its noun
        tags = {TAG_OF_CASE[case], "plur" if plural else "sing"}
        if not plural:
            tags.add(str(noun.tag.gender))
        tags.add("anim" if "anim" in noun.tag else "inan")
        form = adjective.inflect(tags) or adjective.inflect(tags - {"anim", "inan"})
        return f"{form.word if form else head} {_inflect_noun(rest, case, plural)}"
    parse = morph.noun(head)
    if parse is None:  # «набережная»: an adjective used as a noun
        form = adjective.inflect({TAG_OF_CASE[case], "sing", "femn"}) if adjective else None
        word = str(form.word) if form else head
    elif "Fixd" in parse.tag:
        word = head
    else:
        form = parse.inflect({TAG_OF_CASE[case], "plur" if plural else "sing"})
        word = str(form.word) if form else head
    return f"{word} {rest}" if rest else word


def agree_adjective(lemma: str, sentence: Sentence, end: int, start: int) -> tuple[str, str]:
    """An abbreviated adjective in the form of the noun after it («т. н. цифровых активов»)."""
    *prefix, head = lemma.split()
    token = sentence.word_after(end)
    while (
        token is not None
        and sentence.text[token.end : token.end + 1] == "."
        and len(token.text) <= 4
        and (f"{token.lower}." in ABBREVIATIONS or not morph.is_known(token.text))
    ):
        token = sentence.word_after(token.end + 1)  # «св. прав. Иоанна»: past another abbreviation
    parse = next((p for p in morph.parses(head) if p.tag.POS in ("ADJF", "PRTF")), None)
    if parse is None:
        return lemma, "default"
    grammemes: set[str] = set()
    why = "default"
    if token is not None and token.is_cyrillic:
        targets = [
            p for p in morph.parses(token.text) if p.tag.POS in ("NOUN", "ADJF") and p.tag.case
        ]
        target = targets[0] if targets else None
        same = [p for p in targets if target and p.normal_form == target.normal_form]
        if (
            target is not None
            and target.tag.case in ("nomn", "accs")
            and {"nomn", "accs"}
            <= {str(p.tag.case) for p in same if p.tag.number == target.tag.number}
        ):
            # «увеличится соц. помощь», «получил мед. помощь»: the words before decide
            accusative = context.phrase_case(sentence, start).case == "accusative"
            target = next(p for p in same if p.tag.case == ("accs" if accusative else "nomn"))
        if target is not None:
            grammemes = {str(target.tag.case), str(target.tag.number)}
            if target.tag.case == "accs" and target.tag.animacy and target.tag.gender != "femn":
                grammemes.add(str(target.tag.animacy))  # «на т. н. цифровые активы»
            if target.tag.number == "sing" and target.tag.gender:
                grammemes.add(str(target.tag.gender))
            why = f"agrees with «{token.text}»"
            if re.search(r"(?<![\d,.])(?:\d*[02-9])?[234]\s$", sentence.text[:start]):
                grammemes = {"gent", "plur"}  # «2 кв. метра» -> «два квадратных метра»
                why = f"after 2-4, before «{token.text}»"
    if not grammemes:
        grammar = context.phrase_case(sentence, start)
        grammemes = {TAG_OF_CASE[grammar.case], "sing", "masc", "inan"}
        why = grammar.why
    form = parse.inflect(grammemes)
    word = str(form.word) if form else head
    return " ".join([*prefix, word]), why


def _render(match: re.Match[str], sentence: Sentence) -> Reading | None:
    written = re.sub(r"\s", "", match["abbr"])
    entries = ABBREVIATIONS.get(written) or ABBREVIATIONS.get(written.lower())
    if entries is None:
        return None
    capitals = (
        written not in ABBREVIATIONS
        and sum(c.isupper() for c in written) >= 2
        and not re.fullmatch(r"(?:[А-ЯЁ][а-яё]+\.)+", written)  # «Прим.Ред.»: title case
    )
    if capitals and re.search("[а-яё]", sentence.text):
        return None  # «Он сказал ОК.»: capitals in a lower-case text are an acronym (not «ок.»)
    following = _next(sentence, match.end())
    if len(written) == 2 and written[0].isupper() and following == "name":
        return None  # «П. Кудюкин»: an initial
    if re.fullmatch(r"(?:[А-ЯЁ]\.)+", written):
        return None  # «Н. Э. Баумана»: initials, not «н. э.»
    word = written.rstrip(".").lower()
    place = entries[0].kind == "place"  # «пер. Больничный»: a street's name may be an adjective
    if (
        written.endswith(".")
        and following == "name"
        and morph.is_known(word)
        and len(word) > 2
        and not place
    ):
        nxt = sentence.word_after(match.end())
        initial = nxt is not None and len(nxt.text) == 1 and sentence.text[nxt.end :][:1] == "."
        if (
            nxt is not None
            and not initial  # «(реж. Ж. Есенбеков)»
            and not any(p.tag.POS in ("NOUN", None) for p in morph.parses(nxt.text))
        ):
            return None  # «в нем. Когда…»: a word that ends a sentence (not «акад. Сатпаевым»)
    previous = sentence.before(match.start(), 1)
    after_adjective = bool(previous) and morph.best_pos(previous[0].text) == "ADJF"
    for entry in entries:
        if entry.where != "any" and entry.where != following:
            continue
        if entry.kind == "adjective" and after_adjective and len(entries) > 1:
            continue  # «Костанайской обл. сельское…»: the noun an adjective describes
        reading = _read(entry, match, sentence)
        if reading is not None:
            if match["abbr"][:1].isupper() and reading.spoken[:1].islower():
                reading = Reading(reading.spoken[:1].upper() + reading.spoken[1:], reading.why)
            return reading
    return None


def _read(entry: Abbreviation, match: re.Match[str], sentence: Sentence) -> Reading | None:
    if entry.kind == "fixed":
        spoken = entry.reading
        if spoken == "имени" and not _before_name(sentence, match.end()):
            return None  # «деньги им. Они откроют»: the pronoun
        if spoken == "по московскому времени" and sentence.words_before(match.start(), 1) == ["по"]:
            spoken = "московскому времени"
        return Reading(spoken, "a fixed expansion")
    if entry.kind == "adjective":
        if entry.where == "word" and not _agreement_target(sentence, match.end()):
            return None  # «гл. без номера»: nothing to agree with; the next reading
        if entry.reading in LANGUAGES and not _agreement_target(sentence, match.end()):
            # «(англ. Half Armor)»: a gloss, «по-английски»
            return Reading(LANGUAGES[entry.reading], "a language gloss")
        spoken, why = agree_adjective(entry.reading, sentence, match.end(), match.start())
        return Reading(spoken, why)
    if entry.reading in ("миллион", "миллиард", "триллион", "тысяча"):
        return _scale(entry.reading, match, sentence)
    if entry.reading == "станица" and not _STANITSA.match(sentence.text, match.end()):
        return None  # a railway station's name is mostly a noun («ст. Арысь»)
    title = morph.noun(entry.reading)
    name_case = _case_of_name(sentence, match.start(), match.end()) if title else None
    if name_case is not None and title is not None and "anim" in title.tag:
        # «составил арх. Стефан Галензовский»: a title takes its name's case
        return Reading(_inflect_noun(entry.reading, name_case), f"{name_case}: as its name")
    agreed = _agreeing_case(entry.reading, sentence, match.start(), entry.kind == "place")
    if agreed is not None:
        return Reading(_inflect_noun(entry.reading, agreed.case), agreed.describe())
    grammar = _case(sentence, match.start(), entry.kind == "place")
    previous = sentence.words_before(match.start(), 1)
    if (
        entry.reading in _IN_DOCUMENT
        and grammar.case == "accusative"
        and previous
        and previous[0] in ("в", "во", "на")
        and not _after_motion(sentence, match.start(), _TO_PAGE)
    ):  # «Читайте на стр. 4»: where in the text, not where to («перейдите на стр. 4»)
        grammar = Grammar("prepositional", why=f"a place in the text after «{previous[0]}»")
    if entry.kind == "place" and entry.reading in _SETTLEMENTS:
        town = _town_case(sentence, match.end())
        if town is not None and town != grammar.case:
            # «в зале «Мир» г. Павлодара»: a town's name agrees with «город»
            return Reading(_inflect_noun(entry.reading, town), f"{town}: as the town's name")
    if entry.kind == "place" and _NAMES_LISTED.match(sentence.text, match.end()):
        # «в мкр. «Ақжар» и «Шұғыла»», «ул. Мырзалиева, Молдагалиева»: several places
        spoken = _inflect_noun(entry.reading, grammar.case, plural=True)
        return Reading(spoken, f"{grammar.describe()}, several names follow")
    return Reading(_inflect_noun(entry.reading, grammar.case), grammar.describe())


def _agreeing_case(lemma: str, sentence: Sentence, start: int, place: bool) -> Grammar | None:
    """«в Алматинской обл.» -> «области», «жители Костанайской обл.» -> «области»: an
    abbreviated noun after its adjective takes the adjective's case, the one the words before
    the adjective allow."""
    previous = sentence.before(start, 1)
    noun = morph.noun(lemma.split()[0])
    if not previous or noun is None or not previous[0].is_cyrillic:
        return None
    gender, word = noun.tag.gender, previous[0].text
    cases = {
        CASE_OF_TAG[str(p.tag.case)]
        for p in morph.parses(word)
        if p.tag.POS == "ADJF"
        and "sing" in p.tag
        and p.tag.gender == gender
        and str(p.tag.case) in CASE_OF_TAG
    }
    if not cases or morph.best_pos(word) != "ADJF":
        return None
    if len(cases) == 1:
        return Grammar(cases.pop(), why=f"agrees with «{word}»")
    ruled = _case(sentence, previous[0].start, place)
    if ruled.case in cases:
        return Grammar(ruled.case, why=f"agrees with «{word}», {ruled.why}")
    return None


# «ст. Северская», «ст. Вёшенской»: a Cossack village's name is a feminine adjective
_STANITSA = re.compile(r"\s?[А-ЯЁ][а-яё]+(?:ская|цкая|ской|цкой|скую|цкую)\b")

# Verbs whose «в»/«на» names where to, in the accusative: «прибыл в г. Актау» -> «в город»,
# «переименовать в г. Тараз».
_MOTION_VERBS = frozenset({
    "прибыть", "прибывать", "приехать", "приезжать", "поехать", "ехать", "выехать", "въехать",
    "уехать", "переехать", "заехать", "отправиться", "отправляться", "отправить", "направиться",
    "направляться", "направить", "вернуться", "возвращаться", "вернуть", "доставить",
    "доставлять", "госпитализировать", "перевезти", "перевозить", "эвакуировать", "попасть",
    "поступить", "поступать", "прилететь", "вылететь", "улететь", "лететь", "прийти", "пойти",
    "переселить", "переселиться", "перевести", "переименовать", "превратить", "командировать",
    "добраться", "прибывший", "следовать", "отбыть", "увезти", "вывезти", "завезти", "привезти",
})  # fmt: skip


_IN_DOCUMENT = frozenset({"страница", "рисунок", "таблица", "схема", "глава"})
_TO_PAGE = frozenset({"перейти", "переходить", "вернуться", "возвращаться", "перевернуть"})


def _after_motion(sentence: Sentence, start: int, verbs: frozenset[str] = _MOTION_VERBS) -> bool:
    words = sentence.words_before(start, 5)[:-1]  # the words before the preposition
    return any(
        p.tag.POS in ("VERB", "INFN", "PRTF", "PRTS", "GRND") and p.normal_form in verbs
        for w in words[-3:]
        for p in morph.parses(w)[:1]
    )


_TITLES = frozenset({"акад.", "проф.", "ген.", "адм.", "св.", "арх.", "доц."})
_NAMES_LISTED = re.compile(r"\s?«?[А-ЯЁ][\w-]*»?(?:\s?,\s?|\s(?:и)\s)«?[А-ЯЁ](?![А-ЯЁ])")


_SETTLEMENTS = frozenset({"город", "село", "посёлок", "деревня"})


def _town_case(sentence: Sentence, end: int) -> Case | None:
    """The case a declined place name shows by itself («Павлодара»), if it shows one."""
    token = sentence.word_after(end)
    if token is None or not token.text[:1].isupper() or not token.is_cyrillic:
        return None
    if re.fullmatch(r"[А-ЯЁ][а-яё]+[ое]го", token.text):
        return "genitive"  # «команда «Луч» с. Падинского»: an adjective name shows its case
    places = [p for p in morph.parses(token.text) if "Geox" in p.tag and p.tag.case]
    cases = {CASE_OF_TAG.get(str(p.tag.case)) for p in places}
    if len(cases) != 1 or "nominative" in cases or None in cases:
        return None
    return cases.pop()


def _case_of_name(sentence: Sentence, start: int, end: int) -> Case | None:
    """The case of the name after a title: the one its readings share with the preposition
    before the title («с акад. Сатпаевым»), or its likeliest when pymorphy is fairly sure."""
    token = sentence.word_after(end)
    if token is None or not token.text[:1].isupper() or not token.is_cyrillic:
        return None
    parses = morph.parses(token.text)
    previous = sentence.words_before(start, 1)
    if previous and previous[0] in context.PREPOSITIONS:
        cases = {CASE_OF_TAG.get(str(p.tag.case)) for p in parses if p.tag.case}
        shared = cases & context.PREPOSITIONS[previous[0]]
        return shared.pop() if len(shared) == 1 else None
    if not parses or parses[0].score < 0.6 or parses[0].tag.POS != "NOUN":
        return None
    return CASE_OF_TAG.get(str(parses[0].tag.case))


_QUANTIFIERS = frozenset({"несколько", "много", "сотни", "десятки", "тысячи", "сотен",
                          "десятков", "тысяч", "нескольких", "многих"})  # fmt: skip


def _scale(lemma: str, match: re.Match[str], sentence: Sentence) -> Reading:
    """«два трлн тенге» -> «два триллиона», «сотни млн» -> «сотни миллионов»."""
    previous = sentence.words_before(match.start(), 1)
    word = previous[0] if previous else ""
    parse = next((p for p in morph.parses(word) if p.tag.POS == "NUMR"), None) if word else None
    noun = morph.noun(lemma)
    if parse is not None and noun is not None:
        value = {"один": 1, "одна": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "полтора": 2,
                 "полторы": 2}.get(word, 5)  # fmt: skip
        case = str(parse.tag.case) if parse.tag.case else "nomn"
        if case in ("nomn", "accs"):
            form = noun.make_agree_with_number(value)
        else:
            form = noun.inflect({case, "sing" if value == 1 else "plur"})
        return Reading(str(form.word) if form else lemma, f"agrees with «{word}»")
    if word in _QUANTIFIERS or not word:
        form = noun.inflect({"gent", "plur"}) if noun else None
        return Reading(str(form.word) if form else lemma, "counted: genitive plural")
    return Reading(lemma, "default")


def _cases(word: str) -> set[str]:
    return {str(p.tag.case) for p in morph.parses(word) if p.tag.case}


_QUOTED_LIST = re.compile(r"((?:[«\"][^«»\"]+[»\"]\s?,?\s?)+)$")


def _continued_case(sentence: Sentence, start: int) -> tuple[str, str] | None:
    """The case of the list «и др.» ends. Titles in quotes («произведений «Бурлак», «Пахарь» и
    др.») take it from the noun before them; words take the case the last conjuncts share
    («Михаэлисом, Филипповым, Суворовцевым и др.» -> instrumental, though «Суворовцевым»
    alone could be a dative)."""
    head = sentence.text[:start].rstrip()
    quoted = _QUOTED_LIST.search(head)
    if quoted:
        before = [t for t in sentence.before(quoted.start(), 1) if t.is_word]
        if before and morph.has(before[-1].text, "NOUN"):
            noun = next(p for p in morph.parses(before[-1].text) if p.tag.POS == "NOUN")
            if noun.tag.case:
                return str(noun.tag.case), f"titles after «{before[-1].text}»"
    words = [t for t in sentence.before(start, 3) if t.is_word]
    if not words:
        return None
    last = words[-1].text
    found = next((p for p in morph.parses(last) if p.tag.case), None)
    if found is None:
        return None
    shared = _cases(last)
    for token in reversed(sentence.before(words[-1].start, 12)):
        if token.is_word and token.text[:1].isupper() and _cases(token.text) & shared:
            shared &= _cases(token.text)  # earlier names of the same list
        elif token.is_word and not token.text[:1].isupper():
            break
    if len(shared) == 1 and str(found.tag.case) not in shared:
        return shared.pop(), f"continues the list ending «{last}»"
    return str(found.tag.case), f"continues «{last}»"


_STREETS = re.compile(rf"(?i)(?<![\w.-])(?:{STREET_WORD})")


def _list_end(match: re.Match[str], sentence: Sentence) -> Reading | None:
    """«и др.» / «и пр.» agree with the noun after them, else with the word they continue."""
    lemma = "другой" if match["abbr"] == "др" else "прочий"
    adjective = next(p for p in morph.parses(lemma) if p.tag.POS == "ADJF")
    token = sentence.word_after(match.end())
    if (
        lemma == "прочий"
        and token is not None
        and token.text[:1].isupper()
        and _STREETS.search(sentence.text[: match.start()])
    ):
        return None  # «ул. Мира и пр. Победы»: an avenue's name follows, in a list of streets
    case = "nomn"
    why = "default"
    if token is not None and token.is_cyrillic and morph.has(token.text, "NOUN"):
        noun = next(p for p in morph.parses(token.text) if p.tag.POS == "NOUN")
        case, why = str(noun.tag.case or "nomn"), f"agrees with «{token.text}»"
    else:
        case, why = _continued_case(sentence, match.start()) or (case, why)
    form = adjective.inflect({case if case != "accs" else "nomn", "plur"})
    return Reading(f"и {form.word if form else 'другие'}", why)


RULES = (
    Rule("abbreviation", _LIST_END, _list_end, "и др. -> и другие"),
    Rule("abbreviation", PATTERN, _render, "на ул. Абая -> на улице Абая"),
)
