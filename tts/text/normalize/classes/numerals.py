"""Numbers that are not plain amounts: ranges, ordinals with an ending, Roman numerals,
fractions, «№ 24», and codes that hold numbers («Су-35», «ГМ-172/6»).

- range: «5–7 лет» -> «пять – семь лет», «в 5-7 регионах» -> «в пяти – семи регионах»;
  «11−12 метров» (a minus sign used as a dash) likewise;
- ordinal: «5-й», «в 5-м классе», «21-го» agree with their noun, else follow the ending;
  «2-х», «5-ти», «по 2-м классам» are cardinals in the case of the noun after them;
- Roman: «Николай II» -> «Николай Второй», «II степени» -> «второй степени»;
- fraction: «1/4» -> «одна четвёртая»; «24/7», «50/50» -> «двадцать четыре на семь»;
- number sign: «№ 24», «N 24» -> «номер двадцать четыре»;
- code: «Су-35» -> «су тридцать пять», «ГМ-172/6» -> «гэ эм сто семьдесят два дробь шесть».
"""

from __future__ import annotations

import re
from typing import Any

from tts.text.normalize import context, morph
from tts.text.normalize.alphabet import spell_cyrillic
from tts.text.normalize.classes.abbreviations import STREET_WORD, agree_adjective
from tts.text.normalize.classes.dates import day_of_month, roman_value
from tts.text.normalize.classes.quantity import (
    _SCALE_ALT,
    _UNIT_ALT,
    DASHES,
    NUMBER,
    UNIT_PERIOD,
    _unit_of,
    amount,
    noun_form,
    read_amount,
    unit_words,
)
from tts.text.normalize.classes.times import is_sport
from tts.text.normalize.classes.units import SCALES
from tts.text.normalize.context import Grammar
from tts.text.normalize.numbers import (
    CASE_OF_TAG,
    Case,
    cardinal,
    decimal,
    digit_by_digit,
    digits_in_groups,
    fraction,
    ordinal,
)
from tts.text.normalize.rules import Reading, Rule
from tts.text.normalize.sentence import Sentence

RANGE = re.compile(
    rf"(?<![\w.,:/№-])(?P<sign>[-−+])?(?P<a>{NUMBER})(?(sign)(?:\s(?=[-−+]\d)|{DASHES}|(?:\.\.\.?|…)(?:\s(?=[-−+]\d))?|(?=[-−+]\d))|(?:{DASHES}|\.\.\.?|…|(?=[-−+]\d)))(?P<sign2>[-−+])?(?P<b>{NUMBER})"
    rf"(?:\s?(?P<scale>{_SCALE_ALT})(?!\w))?(?:\s?(?P<unit>{_UNIT_ALT})(?![\wА-яЁё]){UNIT_PERIOD})?"
    r"(?![\w.,:/-]\d|-\w)"
)


def _label_range(match: re.Match[str], sentence: Sentence) -> Reading | None:
    """«В главах 1–3» -> «в главах с первой по третью»: parts of a text, numbered."""
    words = sentence.before(match.start(), 1)
    if not words or not words[0].is_word or match["unit"] or match["scale"]:
        return None
    noun = next(
        (p for p in morph.parses(words[0].text)
         if p.tag.POS == "NOUN" and "plur" in p.tag and p.normal_form in _BOOK_LABELS),
        None,
    )  # fmt: skip
    first, second = amount(match["a"]), amount(match["b"])
    if noun is None or first is None or second is None or first.fraction or second.fraction:
        return None
    lemma = next(
        (p for p in morph.parses(str(noun.normal_form)) if p.tag.POS == "NOUN" and "inan" in p.tag),
        noun,
    )
    gender = {"femn": "f", "neut": "n"}.get(str(lemma.tag.gender), "m")
    spoken = (
        f"с {ordinal(first.whole, 'genitive', gender)} "  # type: ignore[arg-type]
        f"по {ordinal(second.whole, 'accusative', gender)}"  # type: ignore[arg-type]
    )
    return Reading(spoken, f"a span of numbered «{words[0].text}»")


_STANDINGS = re.compile(
    r"(?<!\w)(?:дел(?:ит|ят|или|ил)|раздел|поделил|разыгра|занял|занима|таблиц|турнир|очк)", re.I
)


_AND_RANGE = re.compile(r"\s(?:и|или)\s\d+\s?[-–—]\s?\d+(?![\w.,:/-])")


_GOALS = re.compile(r"(?i)(?<!\w)(?:голы|гол|шайбы|шайба|забил|счёт|счет)(?!\w)")


def _range(match: re.Match[str], sentence: Sentence) -> Reading | None:
    labelled = _label_range(match, sentence)
    if labelled is not None:
        return labelled
    between = match.string[match.end("a") : match.start("b")]
    if between.strip() == "" and not match["sign"]:
        return None  # «3 -2», «1+1»: a range only between two signed numbers
    first, second = amount(match["a"]), amount(match["b"])
    if first is None or second is None:
        return None
    if 1800 <= first.whole <= 2100 and not first.fraction and second.whole < first.whole:
        return None  # «(в 2020 — 7,5 млн тонн)»: a year, then the figure; no span
    unit = _unit_of(match["unit"], match) if match["unit"] else None
    if match["unit"] and unit is None:
        return None
    scale = match["scale"]
    lemma = SCALES[scale] if scale else (unit.noun if unit else None)
    counted_after = context.counted_noun(sentence, match.end(), second.whole, False)
    years = 1000 <= first.whole < second.whole <= 2100 and not first.fraction
    shared = _AND_RANGE.match(match.string, match.end())  # «2007-2009 и 2010–2012 годов»
    noun_end = shared.end() if shared else match.end()
    if not lemma and years and not counted_after:
        grammar = context.ordinal(sentence, match.start(), noun_end)  # «2023-2024»
        return Reading(
            f"{ordinal(first.whole, grammar.case)} – {ordinal(second.whole, grammar.case)}",
            f"a span of years, {grammar.describe()}",
        )
    if unit is not None and unit.noun == "процент" and not match["sign"]:
        previous = sentence.words_before(match.start(), 1)
        if previous and morph.best_pos(previous[0]) == "NOUN":
            # «в коридор 5–7%» -> «в коридор от пяти до семи процентов»
            a_words = read_amount(first, Grammar("genitive"), counted=False)[0]
            b_words, fraction_genitive = read_amount(second, Grammar("genitive"), counted=False)
            noun = noun_form("процент", second.whole, "genitive", fraction_genitive)
            return Reading(f"от {a_words} до {b_words} {noun}", f"a span after «{previous[0]}»")
    whole = not (lemma or first.fraction or second.fraction)
    scorer = sentence.word_after(match.end())
    if (
        whole
        and second.whole <= 30
        and first.whole <= 30
        and scorer is not None
        and scorer.text[:1].isupper()
        and _GOALS.search(sentence.text)
    ):
        # «Голы: 1-2 Умаров»: the running score before the scorer, not a count of him
        spoken = f"{cardinal(first.whole)} – {cardinal(second.whole)}"
        return Reading(spoken, "a running score before the scorer's name", "score")
    grade = context.grade_after(sentence, match.start(), match.end()) if whole else None
    if grade is not None:
        low, high = (ordinal(n.whole, grade.case, grade.gender) for n in (first, second))
        return Reading(f"{low} – {high}", grade.describe(), "ordinal")
    after = sentence.word_after(match.end())
    if (
        whole
        and after is not None
        and after.lower == "места"
        and second.whole < 1000
        and _STANDINGS.search(sentence.text)
    ):
        # «делит 7 – 17 места», «разыграют 2-3 места»: places in a table, each one singular
        low, high = (ordinal(n.whole, "nominative", "n") for n in (first, second))
        return Reading(f"{low} – {high}", "places in a table: «места»", "ordinal")
    # «ученики 6-9 и 10-11 классов»: a range sharing its noun with the next one
    plural = context.plural_ordinal_noun(sentence, noun_end) if whole else None
    if plural is not None and second.whole < 1000:
        case, noun = plural
        low, high = (ordinal(n.whole, case, plural=True) for n in (first, second))
        spoken = f"{low} – {high}"
        return Reading(spoken, f"{case}: ordinals of «{noun}»")
    grammar = context.count(
        sentence,
        match.start("a"),
        match.end(),
        second.whole,
        lemma=lemma,
        decimal=bool(second.fraction),
    )
    if sentence.words_before(match.start(), 1) in (["диапазоне"], ["диапазон"]):
        # «в диапазоне 5-9 копеек»: the span names the range, «пять – девять копеек»
        grammar = Grammar("nominative", why="the span «диапазон» names")
    if lemma:
        gender = context.Grammar(grammar.case).gender
        parse = morph.noun(lemma)
        if parse is not None:
            gender = {"femn": "f", "neut": "n"}.get(str(parse.tag.gender), "m")  # type: ignore[assignment]
        grammar = Grammar(grammar.case, gender, grammar.animate, why=grammar.why)
    counted = bool(lemma) or context.counted_noun(sentence, match.end(), second.whole, False)
    a_words, _ = read_amount(first, grammar, counted=bool(counted) and not unit)
    b_words, fraction_genitive = read_amount(second, grammar, counted=bool(counted) and not unit)
    signs = {"-": "минус ", "−": "минус ", "+": "плюс ", None: ""}
    sign, sign2 = signs[match["sign"]], signs[match["sign2"]]
    parts = [f"{sign}{a_words} – {sign2}{b_words}"]
    if scale:
        parts.append(noun_form(SCALES[scale], second.whole, grammar.case, fraction_genitive))
        if unit is not None:
            parts.append(unit_words(unit, 5, "genitive", False))
    elif unit is not None:
        parts.append(unit_words(unit, second.whole, grammar.case, fraction_genitive))
    return Reading(" ".join(parts), grammar.describe())


# «5-й», «21-го», «в 5-м классе», «2-х», «5-ти»
_SUFFIX = (
    r"(?:[тмрвс](?=[ыоа]))?(?:ый|ой|ым|ом|ого|ому|ых|ая|ую|ое|ые|ыми)|"  # «13-тым», «7-мой»
    r"ый|ий|ой|й|ая|я|ую|ю|ое|ее|е|ые|ого|его|го|ому|ему|му|ым|им|ом|ем|м|ых|их|х|ыми|ими|ми|"
    r"ти|ть|мя|и|у"
)
# «5-й», «21-го», «в 5-м классе», «2-х», «5-ти», «3е число», «41м году», «Анне 2-ой»,
# «Матильда II-я»
SUFFIXED = re.compile(
    rf"(?<![\w.,:/-])(?P<num>\d+|[IVX]{{1,6}})(?P<hyphen>\s?-\s?)?(?P<suffix>(?i:{_SUFFIX}))(?![\w-])"
)
_CARDINAL_SUFFIXES = {"х", "ти", "ть", "ми", "мя", "и", "у"}
# Without a hyphen these read as units, not endings, unless a noun agrees: «5м» is 5 metres.
_UNIT_LIKE = {"м", "х", "у", "е", "я", "и", "й", "ю"}


def _suffixed(match: re.Match[str], sentence: Sentence) -> Reading | None:
    written = match["num"]
    value = int(written) if written.isdigit() else roman_value(written)
    if value is None:
        return None
    suffix = match["suffix"].lower()  # «12-Й» in a heading typed in capitals
    if len(suffix) >= 3 and suffix[0] in "тмрвс" and suffix[1] in "ыоа":
        suffix = suffix[1:]  # «13-тым»: the stem's last consonant typed too
    token = sentence.word_after(match.end())
    parse = next(iter(morph.parses(token.text)), None) if token and token.is_cyrillic else None
    noun_after = parse is not None and parse.tag.POS in ("NOUN", "ADJF") and parse.tag.case
    if not match["hyphen"] and suffix in _UNIT_LIKE and not noun_after:
        return None  # «5м»: metres
    echoed = _echoed_ordinal(match, sentence, suffix) if not noun_after else None
    if echoed is not None:
        return echoed
    if suffix == "ю" and not noun_after and written.isdigit() and value >= 5:
        return Reading(cardinal(value, "instrumental"), "instrumental: «6-ю 7» (times)")
    plural_noun = parse is not None and parse.tag.POS == "NOUN" and "plur" in parse.tag
    if suffix == "й" and _minute_of_play(sentence, match.start(), match.end(), value):
        # «на 41-й сравняли счёт», «на 11-й добавленной»: the minute of a game
        return Reading(ordinal(value, "prepositional", "f"), "prepositional: «на N-й» минуте")
    list_end = _LIST_REST.match(sentence.text, match.end())
    grades_at = list_end.start("noun") - 1 if list_end else match.end()  # «5-х и 6-х классов»
    grades = context.plural_ordinal_noun(sentence, grades_at) if suffix == "х" else None
    if grades is not None and written.isdigit() and value <= 11:
        # «учеников 11-х классов», «в 5-х классах»: grades, not two or five classes
        case, noun = grades
        return Reading(ordinal(value, case, plural=True), f"{case}: ordinals of «{noun}»")
    shared = _list_noun(sentence, match.start(), match.end()) if suffix in _LISTED else None
    if shared is not None and written.isdigit():
        # «2-е и 3-е места», «во 2-й и 3-й группах»: each one of the list is singular, in
        # the noun's case
        each: Case = CASE_OF_TAG.get(str(shared.tag.case), "nominative")
        if each in ("nominative", "accusative"):
            each = "accusative" if suffix == "ю" else "nominative"
        gender = context.gender_of(shared)
        if (each, gender) in context.SUFFIX_FORMS.get(_norm_suffix(suffix), frozenset()):
            spoken = ordinal(value, each, gender)
            return Reading(spoken, f"{each}: one of a list before «{shared.word}»")
    listed = re.search(
        r"\d-(?:м|й|го)\s(?:и|или)\s$|\d-(?:м|й|го),\s$", sentence.text[: match.start()]
    )
    if listed and suffix == "м" and plural_noun and parse is not None and value < 1000:
        # «на 65-м и 66-м автобусах», «в 5-м и 6-м классах»: each one, in the noun's case
        case = CASE_OF_TAG.get(str(parse.tag.case), "prepositional")
        spoken = ordinal(value, case, context.gender_of(parse))
        return Reading(spoken, f"{case}: one of a list before «{parse.word}»")
    third = written.isdigit() and value % 10 == 3 and value % 100 != 13
    if (
        suffix == "и"
        and third
        and token is not None
        and morph.has(token.text, "NOUN", "nomn", "plur")
    ):
        # «3-и места»: «третьи» (the cardinal «трёх» is written «3-х»; «5-и» is «пяти»)
        return Reading(ordinal(value, plural=True), "nominative: ordinal ending «-и»")
    if written.isdigit() and (
        suffix in _CARDINAL_SUFFIXES or (suffix == "м" and plural_noun and value < 1000)
    ):
        return _cardinal_ending(match, sentence, value, suffix)
    if written.isdigit():
        day = day_of_month(match, sentence, value, suffix)
        if day is not None:
            return day
    name = None if noun_after else _name_before(sentence, match.start())
    grammar = context.ordinal(sentence, match.start(), match.end(), suffix=_norm_suffix(suffix))
    if name is not None:  # «Елизаветы 3-й», «Анне 2-ой»: a monarch's number agrees
        forms = context.SUFFIX_FORMS.get(_norm_suffix(suffix))
        if forms is None or (name.case, name.gender) in forms or suffix in ("й", "ой"):
            grammar = name
    spoken = ordinal(value, grammar.case, grammar.gender, grammar.plural, grammar.animate)
    return Reading(spoken, grammar.describe())


def _echoed_ordinal(match: re.Match[str], sentence: Sentence, suffix: str) -> Reading | None:
    """«Шумекова стала 15-й, Галиева — 18-й»: an ordinal after a dash that repeats an earlier
    one's construction takes that one's form."""
    head = sentence.text[: match.start()]
    if not re.search(r"[—–-]\s?$", head):
        return None
    first = next(
        (
            m
            for m in SUFFIXED.finditer(head)
            if m["hyphen"] and m["suffix"].lower() == match["suffix"].lower() and m["num"].isdigit()
        ),
        None,
    )
    if first is None:
        return None
    grammar = context.ordinal(sentence, first.start(), first.end(), suffix=_norm_suffix(suffix))
    value = int(match["num"]) if match["num"].isdigit() else roman_value(match["num"])
    if value is None:
        return None
    spoken = ordinal(value, grammar.case, grammar.gender, grammar.plural, grammar.animate)
    return Reading(spoken, f"{grammar.case}: as «{first.group()}» before it")


_LIST_REST = re.compile(
    r"(?:\s?,\s?\d+-[а-я]{1,2})*(?:\s?,\s?|\s(?:и|или)\s)\d+-[а-я]{1,2}\s(?P<noun>[а-яё]+)"
)
_LIST_BEFORE = re.compile(r"\d-[а-я]{1,2}(?:\s(?:и|или)\s|,\s?)$")


def _list_noun(sentence: Sentence, start: int, end: int) -> Any:
    """The plural noun in the nominative or accusative that a list of ordinals shares («2-е и
    3-е места»), or None."""
    text = sentence.text
    after = _LIST_REST.match(text, end)
    if after is not None:
        word = after["noun"]
    elif _LIST_BEFORE.search(text[:start]):
        token = sentence.word_after(end)
        word = token.text if token is not None else ""
    else:
        return None
    return next(
        (p for p in morph.parses(word) if p.tag.POS == "NOUN" and "plur" in p.tag and p.tag.case),
        None,
    )


_LISTED = frozenset({"е", "я", "ю", "й", "м", "го", "ой"})


# «1–5-х классов», «5-9-х классов», «2-3-х дней»: a span whose second number carries the
# ending for both (the first may carry it too: «5-х – 9-х»)
SUFFIXED_SPAN = re.compile(
    r"(?<![\w.,/-])(?P<a>\d{1,3})(?:-(?:х|м|ми|ти))?\s?[-–—]\s?(?P<b>\d{1,3})"
    r"-(?P<suffix>х|м|ми|ти)(?!\w)"
)


# «с 1 по 11 классы»: a span of grades, each one an ordinal («с первого по одиннадцатый»)
GRADE_SPAN = re.compile(r"(?<![\w-])(?P<from>[сС]о?)\s(?P<a>\d{1,2})\sпо\s(?P<b>\d{1,2})(?=\s)")


def _grade_span(match: re.Match[str], sentence: Sentence) -> Reading | None:
    grades = context.plural_ordinal_noun(sentence, match.end())
    if grades is None or int(match["a"]) >= int(match["b"]):
        return None
    noun = next(p for p in morph.parses(grades[1]) if p.tag.POS == "NOUN")
    gender = context.gender_of(noun)
    low = ordinal(int(match["a"]), "genitive", gender)
    high = ordinal(int(match["b"]), "accusative", gender)
    return Reading(f"{match['from']} {low} по {high}", f"a span of «{grades[1]}»", "ordinal")


def _suffixed_span(match: re.Match[str], sentence: Sentence) -> Reading | None:
    first, second, suffix = int(match["a"]), int(match["b"]), match["suffix"]
    if first >= second:
        return None
    grades = context.plural_ordinal_noun(sentence, match.end())
    if grades is not None:  # «1–5-х классов»: grades, in the noun's case
        case, noun = grades
        low, high = (ordinal(n, case, plural=True) for n in (first, second))
        return Reading(f"{low} – {high}", f"{case}: ordinals of «{noun}»", "ordinal")
    lower = _cardinal_ending(match, sentence, first, suffix)
    upper = _cardinal_ending(match, sentence, second, suffix)
    return Reading(f"{lower.spoken} – {upper.spoken}", lower.why)


def _minute_of_play(sentence: Sentence, start: int, end: int, value: int) -> bool:
    """«на 41-й» in a match report, no noun after (or only «добавленной»): «минуте» left out."""
    if value > 130 or sentence.words_before(start, 1) != ["на"] or not is_sport(sentence):
        return False
    token = sentence.word_after(end)
    if token is None or not token.is_cyrillic:
        return True
    parse = next(iter(morph.parses(token.text)), None)
    if parse is not None and parse.tag.POS in ("ADJF", "PRTF"):
        return bool({"femn", "loct"} <= parse.tag.grammemes)  # «на 11-й добавленной»
    return parse is None or parse.tag.POS not in ("NOUN", "ADJF", "PRTF")


def _cardinal_ending(match: re.Match[str], sentence: Sentence, value: int, suffix: str) -> Reading:
    """«в 2-х томах», «5-ти», «по 2-м классам», «1у минуту»: a cardinal's case ending."""
    grammar = context.count(sentence, match.start(), match.end(), value)
    case: Case = grammar.case
    gender = grammar.gender
    if suffix == "у":
        case, gender = "accusative", "f"  # «двадцать одну тысячу»
    elif case in ("nominative", "accusative") and suffix != "ть":  # «за 18-ть туров»
        case = {"м": "dative", "ми": "instrumental", "мя": "instrumental"}.get(suffix, "genitive")  # type: ignore[assignment]
        if suffix == "ми" and cardinal(value, "genitive").endswith("ми"):
            case = "genitive"  # «7-ми лет» is «семи», the ending of the genitive
        before = sentence.words_before(match.start(), 1)
        if suffix == "х" and before and before[0] in ("в", "во", "о", "об", "на", "при"):
            case = "prepositional"
    return Reading(cardinal(value, case, gender), f"{case}: cardinal ending «-{suffix}»")


def _name_before(sentence: Sentence, start: int) -> Grammar | None:
    """A capitalised first name right before a number («Николай II», «Петра I», «О Георге
    VI»): the number agrees with it; the case is narrowed by the preposition before it."""
    before = sentence.before(start, 1)
    if not before or not before[0].is_word or not before[0].is_cyrillic:
        return None
    token = before[0]
    if not token.text[:1].isupper():
        return None
    names = [p for p in morph.parses(token.text) if "Name" in p.tag and p.tag.case]
    if not names:
        return None
    names = [p for p in names if "Fixd" not in p.tag] or names  # «Анне» is «Анна», declined
    ruled = context.governor(sentence, token.start)
    if ruled is not None:
        names = [p for p in names if CASE_OF_TAG.get(str(p.tag.case)) in ruled[0]] or names
    tag = names[0].tag
    case = CASE_OF_TAG.get(str(tag.case), "nominative")
    gender = "f" if tag.gender == "femn" else "m"
    return Grammar(case, gender, why=f"after the name «{token.text}»")  # type: ignore[arg-type]


def _norm_suffix(suffix: str) -> str:
    return {"его": "ого", "ему": "ому", "ем": "ом", "им": "ым", "их": "ых", "ими": "ыми",
            "ее": "ое", "ий": "ый"}.get(suffix, suffix)  # fmt: skip


# Roman numerals after a name or before a noun: «Николай II», «II степени», «I квартал»,
# «Главы IV-V», «I и II групп».
ROMAN = re.compile(
    r"(?<![\w.-])(?P<r>[IVX]{1,6})(?:\s?[-–—]\s?(?P<r2>[IVX]{1,6}))?(?![\w-])(?!\.\w)"
)


def _after_noun(sentence: Sentence, start: int) -> Grammar | None:
    """An ordinal after the noun it numbers («главы IV», «том II»): that noun's case, its
    lemma's gender, singular."""
    words = sentence.before(start, 1)
    if not words or not words[0].is_word or not words[0].is_cyrillic:
        return None
    # things numbered, not people: «главы» of a book, not «глава» of a district
    nouns = [p for p in morph.parses(words[0].text) if p.tag.POS == "NOUN" and "inan" in p.tag]
    if sentence.at_start(words[0].start):  # «Главы IV-V были…»: a subject, nominative
        nouns.sort(key=lambda p: p.tag.case != "nomn")
    noun = nouns[0] if nouns else None
    if noun is None or noun.tag.case is None:
        return None
    lemma = next(
        (p for p in morph.parses(str(noun.normal_form)) if p.tag.POS == "NOUN" and "inan" in p.tag),
        None,
    )
    gender = {"femn": "f", "neut": "n"}.get(
        str(lemma.tag.gender if lemma else noun.tag.gender), "m"
    )
    case = CASE_OF_TAG.get(str(noun.tag.case), "nominative")
    return Grammar(case, gender, why=f"numbers «{words[0].text}»")  # type: ignore[arg-type]


_BOOK_LABELS = frozenset({*context.LEGAL_PARTS, "том", "книга", "класс", "съезд", "созыв",
                          "квартал", "этап", "тур", "сезон", "акт", "сцена", "выпуск"})  # fmt: skip


def _is_label(sentence: Sentence, start: int) -> bool:
    words = sentence.before(start, 1)
    return (
        bool(words)
        and words[0].is_word
        and any(
            p.tag.POS == "NOUN" and p.normal_form in _BOOK_LABELS
            for p in morph.parses(words[0].text)
        )
    )


# «Главы IV и V», «В разделах IV-V», «Главы IV, V и VI»: numbered parts listed after their
# plural noun are read before it, as Russian says them: «четвёртая и пятая главы».
ROMAN_LIST = re.compile(
    r"(?<![\w-])(?P<noun>[А-ЯЁа-яё]+) (?P<list>[IVX]{1,6}(?:(?:,\s?|\sи\s|\s?[-–—]\s?)[IVX]{1,6})+)"
    r"(?![\w-])"
)


def _roman_list(match: re.Match[str], sentence: Sentence) -> Reading | None:
    del sentence
    nouns = [
        p for p in morph.parses(match["noun"])
        if p.tag.POS == "NOUN" and "plur" in p.tag and p.normal_form in _BOOK_LABELS and p.tag.case
    ]  # fmt: skip
    values = [roman_value(r) for r in re.findall(r"[IVX]+", match["list"])]
    if not nouns or not all(values):
        return None
    noun = nouns[0]
    lemma = next(
        p for p in morph.parses(str(noun.normal_form)) if p.tag.POS == "NOUN" and "inan" in p.tag
    )
    gender = {"femn": "f", "neut": "n"}.get(str(lemma.tag.gender), "m")
    case = CASE_OF_TAG.get(str(noun.tag.case), "nominative")
    joiners = re.findall(r",\s?|\sи\s|\s?[-–—]\s?", match["list"])
    parts = [ordinal(values[0], case, gender)]  # type: ignore[arg-type]
    for joiner, value in zip(joiners, values[1:], strict=True):
        joiner = joiner.strip()
        parts.append({"и": " и ", ",": ", "}.get(joiner, " – ") + ordinal(value, case, gender))  # type: ignore[arg-type,arg-type]
    spoken = "".join(parts) + " " + match["noun"].lower()
    if match["noun"][:1].isupper():
        spoken = spoken[:1].upper() + spoken[1:]
    return Reading(spoken, f"{case}: numbers «{match['noun']}»")


_NETWORK = frozenset({"платформа", "сеть", "соцсеть", "мессенджер"})


def _roman(match: re.Match[str], sentence: Sentence) -> Reading | None:
    before = sentence.words_before(match.start(), 1)
    if match.group() == "X" and before and morph.lemma(before[0]) in _NETWORK:
        return Reading("икс", "the network X (formerly Twitter)")  # «в соцсети X»
    value = roman_value(match["r"])
    second = roman_value(match["r2"]) if match["r2"] else None
    if value is None or (match["r2"] and second is None):
        return None
    if second is not None:
        after = sentence.word_after(match.end())
        plural_after = (
            after is not None and after.is_cyrillic and morph.has(after.text, "NOUN", "plur")
        )
        # «по результатам I-II фаз»: a span before a plural noun numbers it, not the noun
        # before; «Главы IV-V были»: with none after, the noun before
        grammar = (None if plural_after else _after_noun(sentence, match.start())) or (
            context.ordinal(sentence, match.start(), match.end())
        )
        first_words = ordinal(value, grammar.case, grammar.gender)
        second_words = ordinal(second, grammar.case, grammar.gender)
        return Reading(f"{first_words} – {second_words}", grammar.describe())
    after = sentence.word_after(match.end())
    labelled = _after_noun(sentence, match.start())
    adjective_after = (
        after is not None and after.is_cyrillic and morph.best_pos(after.text) == "ADJF"
    )
    if (
        labelled is not None
        and labelled.why.split("«")[-1].rstrip("»").lower()
        and _is_label(sentence, match.start())
        and not adjective_after  # «о созыве XVI очередного Съезда»: XVI numbers the congress
    ):  # «Глава IV», «См. главу IV»: the ordinal agrees with the noun it numbers
        return Reading(ordinal(value, labelled.case, labelled.gender), labelled.describe())
    name = _name_before(sentence, match.start())
    if name is not None:
        spoken = ordinal(value, name.case, name.gender)
        return Reading(spoken.capitalize(), name.describe())
    # «дипломами I, II и III степеней»: the list's last numeral stands before the noun
    coordinated = _ROMAN_CHAIN.match(sentence.text[match.end() :])
    end = match.end() + (coordinated.end() if coordinated else 0)
    if coordinated:
        after = sentence.word_after(end)
    no_noun = after is None or not after.is_cyrillic or not morph.has(after.text, "NOUN")
    if no_noun and adjective_after and after is not None:
        noun = sentence.word_after(after.end)  # «X международного форума»: past the adjective
        no_noun = noun is None or not noun.is_cyrillic or not morph.has(noun.text, "NOUN")
    if no_noun and (len(match["r"]) < 2 or sentence.text.count(" ") < 2):
        return None
    grammar = context.ordinal(sentence, match.start(), end)
    if grammar.plural and (coordinated or _coordinated_before(sentence, match.start())):
        # «I и II групп»: each ordinal is singular, in the plural noun's case
        return Reading(ordinal(value, grammar.case, grammar.gender), grammar.describe())
    spoken = ordinal(value, grammar.case, grammar.gender, grammar.plural)
    return Reading(spoken, grammar.describe())


_ROMAN_CHAIN = re.compile(r"(?:(?:,\s?|\s(?:и|или)\s)[IVX]{1,6})+(?=\s)")


def _coordinated_before(sentence: Sentence, start: int) -> bool:
    return bool(re.search(r"[IVX\d]+\s?(?:и|или|,)\s?$", sentence.text[:start]))


_RATIOS = frozenset({(24, 7), (50, 50), (365, 24), (90, 60), (4, 3), (16, 9), (21, 9)})
# «1/4 финала», «2/3 голосов», «7/2»; «24/7», «50/50», «16/9» are ratios
FRACTION = re.compile(r"(?<![\w.,/-])(?P<n>\d{1,3})/(?P<d>\d{1,3})(?![\w/]|[.,]\d)")


# «бригаде «03»», «службы «01»»: an emergency number in quotes, said digit by digit
QUOTED_CODE = re.compile(r"(?<=«)0\d{1,2}(?=»)")


def _fraction(match: re.Match[str], sentence: Sentence) -> Reading | None:
    n, d = int(match["n"]), int(match["d"])
    if d == 0:
        return None
    if (n, d) in _RATIOS or d > 100 or n == d:
        return Reading(f"{cardinal(n)} на {cardinal(d)}", "a ratio")
    previous = sentence.words_before(match.start(), 1)
    if d == n + 1 and n >= 10 and previous and morph.lemma(previous[0]) == "сезон":
        return Reading(f"{cardinal(n)} – {cardinal(d)}", "a season of two years")  # «24/25»
    if d == 1 or re.search(
        r"(?:№|дом\w*|д\.|корпус\w*)[\s\d,/а-я]*$", sentence.text[: match.start()]
    ):
        # «дом № 17/1»: a building number, no fraction (nothing is counted in firsts)
        return Reading(f"{cardinal(n)} дробь {cardinal(d)}", "a building number")
    grammar = context.phrase_case(sentence, match.start())
    case: Case = grammar.case if grammar.case != "accusative" else "nominative"
    previous = sentence.words_before(match.start(), 1)
    if previous and previous[0] in ("в", "во", "на", "о", "при"):
        case = "prepositional" if previous[0] != "на" else "accusative"
    elif previous and morph.best_pos(previous[0]) == "NOUN" and grammar.why == "default":
        case = "genitive"  # «в серии 1/4 финала» -> «одной четвёртой»
        grammar = Grammar(case, why=f"complement of «{previous[0]}»")
    return Reading(fraction(n, d, case), f"{case}: {grammar.why}")


# A score out of a scale: «оценили фильм на 8,6/10» -> «восемь целых шесть десятых из десяти».
RATING = re.compile(r"(?<![\w.,/-])(?P<n>\d{1,2},\d{1,2})/(?P<d>5|10|100)(?![\w/]|[.,]\d)")


def _rating(match: re.Match[str], sentence: Sentence) -> Reading:
    grammar = context.phrase_case(sentence, match.start())
    case: Case = grammar.case if grammar.case != "accusative" else "nominative"
    spoken = f"{decimal(match['n'], case)} из {cardinal(int(match['d']), 'genitive')}"
    return Reading(spoken, f"a rating out of {match['d']}, {case}: {grammar.why}")


# «№ 24», «№24», «N 24», «№№ 5-7»
NUMBER_SIGN = re.compile(
    r"(?P<sign>№№|№|(?<![\w])N(?=\s?\d))\s?"
    # the number itself when it stands alone: «№ 17», «№ 33а»; not «№ 5-7», «№ 1/2»
    # («№ 131 -ФЗ»: a space typed before the code's dash)
    r"(?:(?P<n>\d{1,6})(?:(?P<letter>[а-яё])|\s?-(?P<code>[А-ЯЁ]{1,4}))?(?![\w/.,:-]*\d)(?![\w/-])"
    r"|(?=\d))"
    r"|(?P<lone>№)(?!\s?[\d№])"  # «с оркестром №»
)


# «маршруты №№ 4,6», «№ 3,5,7»: numbers listed after the sign, never a decimal
NUMBER_LIST = re.compile(r"(?P<sign>№№|№)\s?(?P<list>\d{1,4}(?:,\s?\d{1,4})+)(?![\d.,]\d|[\w/-])")


# «закон № 172-22-ОЗ», «определение № 9-УД24-22-К1»: a document's number made of several
# parts, digits and letters, said part by part (not a range: one part at least is letters, or
# there are three parts)
NUMBER_CODE = re.compile(
    r"(?P<sign>№|(?<![\w])N(?=\s?\d))\s?(?P<code>\d{1,6}(?:-(?:\d{1,6}|[А-ЯЁ]{1,4}\d{0,4})){1,4})"
    r"(?![\w-])"
)


def _number_code(match: re.Match[str], sentence: Sentence) -> Reading | None:
    del sentence
    parts = match["code"].split("-")
    if len(parts) < 3 and not any(p[:1].isalpha() for p in parts):
        return None  # «№ 5-7»: a range of numbers
    if len(parts) == 2:
        return None  # «№ 123-ФЗ»: the number sign's own rule
    spoken = []
    for part in parts:
        letters, digits = re.fullmatch(r"([А-ЯЁ]*)(\d*)", part).groups()  # type: ignore[union-attr]
        words = [spell_cyrillic(letters)] if letters else []
        if digits:
            words.append(
                digits_in_groups(digits) if digits.startswith("0") else cardinal(int(digits))
            )
        spoken.append(" ".join(words))
    return Reading("номер " + " – ".join(spoken), "a document's number, part by part")


def _number_list(match: re.Match[str], sentence: Sentence) -> Reading:
    del sentence
    numbers = [cardinal(int(n)) for n in re.findall(r"\d+", match["list"])]
    sign = "номера" if match["sign"] == "№№" else "номер"
    return Reading(f"{sign} {', '.join(numbers)}", "numbers listed after the number sign")


# The preposition right before a single number sign declines «номер»: «под № 5» -> «под
# номером пять», «в № 17 газеты» -> «в номере семнадцать» («на № 112» may be «на номер», «с № 3
# по № 7» is a range: left)
_SIGN_AFTER = {
    **dict.fromkeys(("под", "за", "над", "перед", "между"), "номером"),
    **dict.fromkeys(("в", "во", "о", "об", "при"), "номере"),
    **dict.fromkeys(("к", "ко"), "номеру"),
    **dict.fromkeys(("до", "от", "из", "у", "без", "для", "около", "после", "возле"), "номера"),
}


def _number_sign(match: re.Match[str], sentence: Sentence) -> Reading:
    if match["lone"]:
        return Reading("номер", "the number sign, its number missing")
    sign, why = "номера" if match["sign"] == "№№" else "номер", "the number sign and its number"
    before = sentence.words_before(match.start(), 1)
    if sign == "номер" and before and before[-1] in _SIGN_AFTER:
        sign = _SIGN_AFTER[before[-1]]
        why += f", after «{before[-1]}»"
    if match["n"] is None:
        return Reading(sign + " ", "the number sign")
    spoken = f"{sign} {cardinal(int(match['n']))}"
    if match["letter"] or match["code"]:  # «№ 33а», «№ 123-ФЗ»
        spoken += " " + spell_cyrillic((match["letter"] or match["code"]).lower())
    return Reading(spoken, why)


# «дом 5б», «12А, 12Б», «50б»: a building's number and its letter, said by the letter's name
LETTERED = re.compile(r"(?<![\w.,:/-])(?P<n>\d{1,4})(?P<letter>[а-дА-ДжЖзЗ])(?![\w-])")


_ADDRESS_WORDS = frozenset({"дом", "дома", "домах", "доме", "домов", "д", "корпус", "строение"})


def _lettered(match: re.Match[str], sentence: Sentence) -> Reading | None:
    if match["letter"] in "вгВГ" and not _in_address(sentence, match.start()):
        return None  # «123г.», «12В»: grams, volts
    spoken = f"{cardinal(int(match['n']))} {spell_cyrillic(match['letter'])}"
    return Reading(spoken, "a building number with its letter")


def _in_address(sentence: Sentence, start: int) -> bool:
    """«дом 5в», «… 104, 106г, 108»: after a house word or inside a list of numbers."""
    words = sentence.words_before(start, 1)
    if words and words[0] in _ADDRESS_WORDS:
        return True
    return re.search(r"\d[а-яА-Я]?\s?,\s?$", sentence.text[:start]) is not None


# Codes: «Су-35», «ГМ-172/6», «РБ-52-2/394», «COVID-19», «Ту-154М»
CODE = re.compile(
    r"(?<![\w-])(?P<prefix>[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё]{0,5})-(?P<body>\d+(?:[-/.]\d+)*)"
    r"(?P<tail>[A-ZА-ЯЁ]{0,2}|(?<=\.\d)[а-д])(?![\w-])"  # «Союз-2.1б»: a version's letter
)


def read_code_number(body: str) -> str:
    out = []
    for part in re.split(r"([-/.])", body):
        if part == "/":
            out.append("дробь")
        elif part in ("-", "."):
            continue
        elif part:
            out.append(digits_in_groups(part) if part.startswith("0") else cardinal(int(part)))
    return " ".join(out)


def _code(match: re.Match[str], sentence: Sentence) -> Reading | None:
    del sentence
    from tts.text.normalize.classes.acronyms import read_prefix

    prefix = read_prefix(match["prefix"])
    if prefix is None:
        return None
    tail = match["tail"]
    tail = spell_cyrillic(tail.upper()) if tail.islower() else read_prefix(tail) if tail else ""
    spoken = " ".join(p for p in (prefix, read_code_number(match["body"]), tail) if p)
    return Reading(spoken, "a model or code name")


# «ДТП на 214 км трассы» -> «на двести четырнадцатом километре трассы»: a road's kilometre
# post is an ordinal in the prepositional case.
KILOMETRE_POST = re.compile(
    r"(?<![\w-])(?P<prep>[Нн]а) (?P<num>\d{1,4})(?:-?(?:м|ом))?\s?(?:км\.?|километре)"
    r"(?= (?:федеральн|республиканск|международн|автомобильн|трасс|автодорог|дорог|шоссе|"
    r"магистрал|автомагистрал|участк|железн|объездн|окружн|[А-ЯЁA-Z«\"]))"
)


def _kilometre_post(match: re.Match[str], sentence: Sentence) -> Reading:
    del sentence
    spoken = f"{match['prep']} {ordinal(int(match['num']), 'prepositional')} километре"
    return Reading(spoken, "prepositional: a kilometre post «на … км трассы»")


# «24-летний» -> «двадцатичетырёхлетний», «5-этажный», «100-процентный», «2-х комнатная»: a
# number that is the first half of a compound adjective, in its combining (genitive) form.
# The second halves of compound adjectives after a number: «-летний», «-этажный», «-кратный»…
_SECOND_HALVES = "|".join((
    "летн", "лети", "этажн", "процентн", "тонн", "километров", "метров", "часов", "минутн",
    "секундн", "дневн", "месячн", "недельн", "кратн", "градусн", "миллионн", "тысячн", "комнатн",
    "местн", "серийн", "томн", "голов", "рублёв", "рублев", "копеечн", "кубов", "литров",
    "сантиметров", "миллиметров", "граммов", "килограммов", "разов", "членн", "сторонн",
    "звёздочн", "звездочн", "полосн", "струнн", "дверн", "цилиндров", "ступенчат", "уровнев",
    "балльн", "минутк", "мегапиксельн", "ядерн", "дюймов", "канальн", "ваттн", "вольтов",
    "герцов", "гигабайтн", "колёсн", "колесн", "рядн", "килобайтн", "мегабайтн", "частн", "актн",
    "карат", "сильн", "этажк", "комнатк",
))  # fmt: skip
COMPOUND = re.compile(
    r"(?<![\w.,:/-])(?P<num>\d+)(?P<x>-?х|-?ти|-?ми|-?и|\s?%)?(?P<sep>\s?-\s?|\s)?"
    rf"(?P<rest>(?:{_SECOND_HALVES}|ная|ный|ном|ной|ное|ную|ным|ных)[а-яё]*)(?![\w-])"
)
_KEPT = {"сто": "сто", "девяносто": "девяносто", "сорок": "сорока"}
# «4,7-дюймовый» -> «четырёх целых семи десятых дюймовый», «3,5-миллиметровый» -> «трёх с
# половиной миллиметровый»: a decimal before a compound's second half, in the genitive.
DECIMAL_COMPOUND = re.compile(
    rf"(?<![\w.,:/-])(?P<num>\d+[,.]\d+)-(?P<rest>(?:{_SECOND_HALVES})[а-яё]*)(?![\w-])"
)


def _decimal_compound(match: re.Match[str], sentence: Sentence) -> Reading:
    del sentence
    whole, _, part = match["num"].replace(".", ",").partition(",")
    if whole == "1" and part == "5":  # «1,5-литровой» -> «полуторалитровой»
        return Reading(f"полутора{match['rest']}", "a compound adjective with «полутора»")
    if part == "5":
        head = f"{cardinal(int(whole), 'genitive')} с половиной"
    else:
        # «1.6-литровым» -> «одна целая шесть десятых литровым»: newsreaders leave a fraction
        # in the nominative («одной целой шести десятых литровым» is the written norm)
        head = decimal(match["num"], "nominative")
    return Reading(f"{head} {match['rest']}", "a compound adjective with a decimal")


def compound_head(value: int) -> str:
    """4 -> «четырёх», 20 -> «двадцати», 100 -> «сто», 90 -> «девяносто», 1 -> «одно», 99 ->
    «девяностодевяти»: each word in the genitive, but «сто» and «девяносто» as they are."""
    if value == 1000:
        return "тысяче"
    nominative = cardinal(value).split()
    genitive = cardinal(value, "genitive").split()
    if len(nominative) != len(genitive):
        return "".join(genitive)
    words = [_KEPT.get(n, g) for n, g in zip(nominative, genitive, strict=True)]
    words = ["тысяче" if w.startswith("тысяч") else w for w in words]  # «двухтысячепятисот-»
    if nominative[-1] == "один":
        words[-1] = "одно"
    return "".join(words)


def _plural_adjective(word: str) -> bool:
    parses = [p for p in morph.parses(word) if p.tag.POS == "ADJF"]
    return bool(parses) and all("plur" in p.tag for p in parses)


def _compound(match: re.Match[str], sentence: Sentence) -> Reading | None:
    del sentence
    x = (match["x"] or "").strip()
    rest = match["rest"]
    if rest.startswith("процентн") and re.match(r"\s+пункт", match.string[match.end() :]):
        return None  # «на 12 процентных пунктов»: twelve points, a count
    if x == "%":  # «30%-ная надбавка» -> «тридцатипроцентная»
        if match["sep"] is None or match["sep"].strip() != "-":
            return None
        return Reading(
            joined(compound_head(int(match["num"])), "процент" + rest), "a compound adjective"
        )
    if rest in ("ная", "ный", "ном", "ной", "ное", "ную", "ным", "ных"):
        return None  # only after «%»
    if match["sep"] is None and not x:
        return None
    spaced_noun = rest.startswith("лети")  # «90 летие»: «-летие» is never a word of its own
    if (
        (match["sep"] or "").strip() != "-"
        and not x
        and not spaced_noun
        and not morph.has(match["rest"], "ADJF")
    ):
        return None  # «20 килограммовый» is one; «на 3000 метров» is no compound
    if match["sep"] == " " and not x and _plural_adjective(match["rest"]) and int(match["num"]) > 1:
        return None  # «88 ядерных устройств», «400 сильнейших борцов»: a count, not a compound
    return Reading(joined(compound_head(int(match["num"])), match["rest"]), "a compound adjective")


def joined(head: str, rest: str) -> str:
    """The two halves of a compound, with the hard sign Russian spelling puts between a
    consonant and «е», «ё», «ю», «я»: «четырёхъядерный», «двухъярусный»."""
    if head[-1:] not in "аеёиоуыэюя" and rest[:1] in "еёюя":
        return f"{head}ъ{rest}"
    return head + rest


# «4-ярусный», «12-серийный»: any adjective after a number and a hyphen is a compound's second
# half, beyond the listed ones (pymorphy3 must know the word as an adjective)
ANY_COMPOUND = re.compile(
    r"(?<![\w.,:/-])(?P<num>\d+)(?:-х)?-(?P<rest>[а-яё]{3,}"
    r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ых|их|ыми|ими))(?![\w-])"
)


def _any_compound(match: re.Match[str], sentence: Sentence) -> Reading | None:
    del sentence
    if not morph.has(match["rest"], "ADJF"):
        return None
    return Reading(joined(compound_head(int(match["num"])), match["rest"]), "a compound adjective")


# «107-мм мине», «3-нм процессор», «45-мм снаряда»: a unit's abbreviation after a hyphen stands
# for its adjective, in the form of the words after it.
UNIT_COMPOUND = re.compile(
    r"(?<![\w.,:/-])(?P<num>\d{1,4})(?:-(?P<unit>мм|см|нм|км|кг|Мп|МП|мп|кВт|Вт|ГБ|Гб|ТБ)"
    r"|(?P<unit2>%)-[а-я]{1,3})"
    r"(?=\s+[а-яё])"  # «100%-го показателя» too
)
_UNIT_ADJECTIVES = {"мм": "миллиметровый", "см": "сантиметровый", "нм": "нанометровый",
                    "км": "километровый", "кг": "килограммовый", "%": "процентный",
                    "Мп": "мегапиксельный", "МП": "мегапиксельный", "мп": "мегапиксельный",
                    "кВт": "киловаттный", "Вт": "ваттный", "ГБ": "гигабайтный",
                    "Гб": "гигабайтный", "ТБ": "терабайтный"}  # fmt: skip


def _unit_compound(match: re.Match[str], sentence: Sentence) -> Reading:
    unit = match["unit"] or match["unit2"]
    adjective, why = agree_adjective(_UNIT_ADJECTIVES[unit], sentence, match.end(), match.start())
    spoken = joined(compound_head(int(match["num"])), adjective)
    return Reading(spoken, f"a compound adjective, {why}")


# «2- и 4-комнатные» -> «двух- и четырёхкомнатные»: the first half of a compound whose second
# half the next one shares.
HANGING_COMPOUND = re.compile(
    rf"(?<![\w.,:/-])(?P<num>\d+)(?:-х)?-(?=(?:\s(?:и|или)|,)\s\d+(?:-х)?-?\s?(?:{_SECOND_HALVES}))"
)


def _hanging_compound(match: re.Match[str], sentence: Sentence) -> Reading:
    del sentence
    return Reading(compound_head(int(match["num"])), "half of a compound the next one finishes")


# «Олимпийские игры-2018», «тест-1,02», «ТШАО-1.5»: a word and its number.
NAMED_YEAR = re.compile(r"(?<=[А-Яа-яЁё])-(?P<num>\d+(?:[,.]\d+)?)(?![\w-]|[.,]\d)")


def _named_year(match: re.Match[str], sentence: Sentence) -> Reading:
    del sentence
    if "." in match["num"]:  # «ТШАО-1.5»: a version
        return Reading(
            " " + " точка ".join(cardinal(int(p)) for p in match["num"].split(".")),
            "a name with its version",
        )
    number = amount(match["num"])
    if number is None:
        return Reading(" " + digits_in_groups(match["num"]), "a name with its number")
    spoken = decimal(number.text) if number.fraction else cardinal(number.whole)
    return Reading(" " + spoken, "a name with its number")


# «АИ -92»: a petrol grade typed with a space before its hyphen (not «минус»)
FUEL_GRADE = re.compile(r"(?<![\w-])(?:АИ|Аи|аи)\s-(?P<n>\d{2,3})(?![\d-])")

# «номерами 67 региона», «автомобиль 77 региона»: a region's code, an ordinal; a count of
# regions would take the plural («67 регионов»), so only numbers that cannot count «региона»
REGION_CODE = re.compile(r"(?<![\w.,:/-])(?P<n>\d{1,3})(?=\sрегиона(?!\w))")


def _region_code(match: re.Match[str], sentence: Sentence) -> Reading | None:
    del sentence
    value = int(match["n"])
    if value % 10 in (1, 2, 3, 4) and not 11 <= value % 100 <= 19:
        return None  # «3 региона», «из 21 региона»: a count
    return Reading(ordinal(value, "genitive"), "genitive: a region's code before «региона»")


# «1. На сайте совета опубликовали…»: an item's number opening a sentence of a numbered list
# is said as an enumeration, «первое», «второе»
LIST_ITEM = re.compile(r"^\s*(?P<n>\d{1,2})(?=\.\s+[А-ЯЁA-Z«\"])")


def _list_item(match: re.Match[str], sentence: Sentence) -> Reading:
    del sentence
    return Reading(ordinal(int(match["n"]), "nominative", "n"), "an item of a numbered list")


# «учащимся 11-б класса», «9А класс», «5 «В» класса»: a school grade with its letter
GRADE_LETTER = re.compile(
    # lower case «м», «е», «и» are endings («5-м классе», «11-е классы»), not letters
    r"(?<![\w.,:/-])(?P<n>\d{1,2})\s?-?\s?[«\"]?(?P<letter>[А-ЕЖЗИК-Мабвгдзк])[»\"]?"
    r"(?=\s(?P<noun>класс[а-я]{0,3})\b)"
)


def _grade_letter(match: re.Match[str], sentence: Sentence) -> Reading | None:
    del sentence
    value = int(match["n"])
    if not 1 <= value <= 11:
        return None
    noun = next((p for p in morph.parses(match["noun"]) if p.tag.POS == "NOUN"), None)
    case: Case = CASE_OF_TAG.get(str(noun.tag.case), "nominative") if noun else "nominative"
    spoken = f"{ordinal(value, case)} {spell_cyrillic(match['letter'].upper())}"
    return Reading(spoken, f"{case}: a school grade and its letter before «{match['noun']}»")


# «до улицы 22 Партсъезда», «ул. 8 Марта», «пр. 50 лет Октября», «улица 26 Бакинских
# Комиссаров»: a number that opens a street's name is in the genitive, an ordinal before a
# singular noun or a month, a cardinal before «лет» or a plural noun
STREET_NUMBER = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,3})(?=\s(?P<years>лет\s)?(?P<name>[А-ЯЁ][а-яё]+))"
)
_STREET_BEFORE = re.compile(rf"(?i)(?<![\w.-])(?:{STREET_WORD})\s?$")
_MONTH = re.compile(rf"(?:{context.MONTH_GENITIVES})")


def _street_number(match: re.Match[str], sentence: Sentence) -> Reading | None:
    if not _STREET_BEFORE.search(sentence.text[: match.start()]):
        return None
    value = int(match["n"])
    if match["years"]:
        return Reading(cardinal(value, "genitive"), "genitive: a street named «… лет …»")
    name = match["name"].lower()
    if _MONTH.fullmatch(name):
        return Reading(ordinal(value, "genitive", "n"), "genitive: a street named for a date")
    genitives = [p for p in morph.parses(name) if p.tag.case == "gent"]
    found = [p for p in genitives if p.tag.POS == "NOUN"] or [
        p for p in genitives if p.tag.POS == "ADJF"
    ]
    if not found:
        return None
    if "plur" in found[0].tag:
        return Reading(cardinal(value, "genitive"), "genitive: a street named for so many")
    gender = context.gender_of(found[0])
    return Reading(ordinal(value, "genitive", gender), "genitive: a street named for an ordinal")


STREETS = (Rule("ordinal", STREET_NUMBER, _street_number, "ул. 8 Марта -> улица Восьмого Марта"),)


RULES = (
    Rule("ordinal", GRADE_LETTER, _grade_letter, "11-б класса -> одиннадцатого бэ класса"),
    Rule("ordinal", LIST_ITEM, _list_item, "1. Решение принято. -> первое. Решение принято."),
    Rule("ordinal", REGION_CODE, _region_code, "номерами 67 региона -> шестьдесят седьмого"),
    Rule(
        "code",
        FUEL_GRADE,
        lambda m, s: Reading(f"аи {cardinal(int(m['n']))}", "a petrol grade"),
        "АИ -92 -> аи девяносто два",
    ),
    Rule("code", CODE, _code, "Су-35 -> су тридцать пять"),
    Rule("year", NAMED_YEAR, _named_year, "игры-2018 -> игры две тысячи восемнадцать"),
    Rule("compound", DECIMAL_COMPOUND, _decimal_compound, "4,7-дюймовый -> четырёх целых …"),
    Rule("compound", COMPOUND, _compound, "24-летний -> двадцатичетырёхлетний"),
    Rule("compound", ANY_COMPOUND, _any_compound, "4-ярусный -> четырёхъярусный"),
    Rule("compound", UNIT_COMPOUND, _unit_compound, "107-мм мине -> стосемимиллиметровой мине"),
    Rule("compound", HANGING_COMPOUND, _hanging_compound, "2- и 4-комнатные -> двух- и …"),
    Rule("ordinal", KILOMETRE_POST, _kilometre_post, "на 214 км трассы -> на двести …"),
    Rule("number sign", NUMBER_CODE, _number_code, "№ 172-22-ОЗ -> номер сто семьдесят два – …"),
    Rule("number sign", NUMBER_LIST, _number_list, "№№ 4,6 -> номера четыре, шесть"),
    Rule("number sign", NUMBER_SIGN, _number_sign, "№ 24 -> номер двадцать четыре"),
    Rule("range", SUFFIXED_SPAN, _suffixed_span, "1–5-х классов -> первых – пятых классов"),
    Rule("range", GRADE_SPAN, _grade_span, "с 1 по 11 классы -> с первого по одиннадцатый"),
    Rule("range", RANGE, _range, "5–7 лет -> пять – семь лет"),
    Rule("cardinal", LETTERED, _lettered, "дом 5б -> дом пять бэ"),
    Rule("ordinal", SUFFIXED, _suffixed, "в 5-м классе -> в пятом классе"),
    Rule("fraction", RATING, _rating, "8,6/10 -> восемь целых шесть десятых из десяти"),
    Rule("fraction", FRACTION, _fraction, "1/4 -> одна четвёртая"),
    Rule(
        "cardinal",
        QUOTED_CODE,
        lambda m, s: Reading(digit_by_digit(m.group()), "a service's number"),
        "«03» -> ноль три",
    ),
    Rule("roman", ROMAN_LIST, _roman_list, "Главы IV и V -> Четвёртая и пятая главы"),
    Rule("roman", ROMAN, _roman, "Николай II -> Николай Второй"),
)
