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

from tts.normalize import context, morph
from tts.normalize.classes.dates import roman_value
from tts.normalize.classes.quantity import (
    _SCALE_ALT,
    _UNIT_ALT,
    DASHES,
    NUMBER,
    SCALES,
    _unit_of,
    amount,
    read_amount,
    noun_form,
    unit_words,
)
from tts.normalize.context import Grammar
from tts.normalize.numbers import (
    Case,
    cardinal,
    digits_in_groups,
    fraction,
    ordinal,
)
from tts.normalize.rules import Reading, Rule
from tts.normalize.sentence import Sentence

RANGE = re.compile(
    rf"(?<![\w.,:/№-])(?P<sign>[-−+])?(?P<a>{NUMBER})(?:{DASHES}|\.\.\.?|…)(?P<sign2>[-−+])?(?P<b>{NUMBER})"
    rf"(?:\s?(?P<scale>{_SCALE_ALT})(?!\w))?(?:\s?(?P<unit>{_UNIT_ALT})(?![\wА-яЁё]))?"
    r"(?![\w.,:/-]\d|-\w)"
)


def _range(match: re.Match[str], sentence: Sentence) -> Reading | None:
    first, second = amount(match["a"]), amount(match["b"])
    if first is None or second is None:
        return None
    unit = _unit_of(match["unit"], match) if match["unit"] else None
    if match["unit"] and unit is None:
        return None
    scale = match["scale"]
    lemma = SCALES[scale] if scale else (unit.noun if unit else None)
    if not lemma and first.whole >= 1000 and second.whole >= 1000 and not first.fraction:
        if 1000 <= first.whole <= 2100 and first.whole < second.whole <= 2100:
            grammar = context.ordinal(sentence, match.start(), match.end())
            return Reading(
                f"{ordinal(first.whole, grammar.case)} – {ordinal(second.whole, grammar.case)}",
                f"a span of years, {grammar.describe()}",
            )
    grammar = context.count(
        sentence,
        match.start("a"),
        match.end(),
        second.whole,
        lemma=lemma,
        decimal=bool(second.fraction),
    )
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
SUFFIXED = re.compile(
    r"(?<![\w.,:/-])(?P<num>\d+)\s?-\s?(?P<suffix>ый|ий|ой|й|ая|я|ую|ю|ое|ее|е|ые|ого|его|го|"
    r"ому|ему|му|ым|им|ом|ем|м|ых|их|х|ыми|ими|ми|ти|и)(?![\w-])"
)
_CARDINAL_SUFFIXES = {"х", "ти", "ми", "и"}


def _suffixed(match: re.Match[str], sentence: Sentence) -> Reading | None:
    value = int(match["num"])
    suffix = match["suffix"]
    token = sentence.word_after(match.end())
    parse = next(iter(morph.parses(token.text)), None) if token and token.is_cyrillic else None
    plural_noun = parse is not None and parse.tag.POS == "NOUN" and "plur" in parse.tag
    if suffix in _CARDINAL_SUFFIXES or (suffix == "м" and plural_noun and value < 1000):
        # «в 2-х томах», «5-ти этажный», «по 2-м классам»: a cardinal's case ending
        grammar = context.count(sentence, match.start(), match.end(), value)
        case: Case = grammar.case
        if case in ("nominative", "accusative"):
            case = {"м": "dative", "ми": "instrumental"}.get(suffix, "genitive")  # type: ignore[assignment]
            before = sentence.words_before(match.start(), 1)
            if suffix == "х" and before and before[0] in ("в", "во", "о", "об", "на", "при"):
                case = "prepositional"
        return Reading(cardinal(value, case), f"{case}: cardinal ending «-{suffix}»")
    grammar = context.ordinal(sentence, match.start(), match.end(), suffix=_norm_suffix(suffix))
    spoken = ordinal(value, grammar.case, grammar.gender, grammar.plural, grammar.animate)
    return Reading(spoken, grammar.describe())


def _norm_suffix(suffix: str) -> str:
    return {"его": "ого", "ему": "ому", "ем": "ом", "им": "ым", "их": "ых", "ими": "ыми",
            "ее": "ое"}.get(suffix, suffix)  # fmt: skip


# Roman numerals after a name or before a noun: «Николай II», «II степени», «I квартал».
ROMAN = re.compile(r"(?<![\w.-])(?P<r>[IVX]{1,6})(?![\w-])(?!\.\w)")


def _roman(match: re.Match[str], sentence: Sentence) -> Reading | None:
    value = roman_value(match["r"])
    if value is None:
        return None
    before = sentence.before(match.start(), 1)
    after = sentence.word_after(match.end())
    if before and before[0].is_word and before[0].text[:1].isupper() and before[0].is_cyrillic:
        name = [p for p in morph.parses(before[0].text) if {"Name"} & p.tag.grammemes]
        if name:  # «Николай II», «Петра I»: a monarch's number agrees with the name
            tag = name[0].tag
            case = context.CASE_OF_TAG.get(str(tag.case), "nominative")
            gender = "f" if tag.gender == "femn" else "m"
            spoken = ordinal(value, case, gender)  # type: ignore[arg-type]
            return Reading(spoken.capitalize(), f"{case}: after the name «{before[0].text}»")
    if after is None or not after.is_cyrillic or not morph.has(after.text, "NOUN"):
        if len(match["r"]) < 2 or sentence.text.count(" ") < 2:
            return None
    grammar = context.ordinal(sentence, match.start(), match.end())
    spoken = ordinal(value, grammar.case, grammar.gender, grammar.plural)
    return Reading(spoken, grammar.describe())


# «1/4 финала», «2/3 голосов»; «24/7», «50/50»
FRACTION = re.compile(r"(?<![\w.,/-])(?P<n>\d{1,3})/(?P<d>\d{1,3})(?![\w/]|[.,]\d)")


def _fraction(match: re.Match[str], sentence: Sentence) -> Reading | None:
    n, d = int(match["n"]), int(match["d"])
    if d == 0:
        return None
    if n >= d or d > 100:
        return Reading(f"{cardinal(n)} на {cardinal(d)}", "a ratio")
    grammar = context.phrase_case(sentence, match.start())
    case = grammar.case if grammar.case != "accusative" else "nominative"
    previous = sentence.words_before(match.start(), 1)
    if previous and previous[0] in ("в", "во", "на", "о", "при"):
        case = "prepositional" if previous[0] != "на" else "accusative"
    return Reading(fraction(n, d, case), f"{case}: {grammar.why}")


# «№ 24», «№24», «N 24», «№№ 5-7»
NUMBER_SIGN = re.compile(r"(?<![\w])(?P<sign>№№|№|N(?=\s?\d))\s?(?=\d)")


def _number_sign(match: re.Match[str], sentence: Sentence) -> Reading:
    del sentence
    return Reading("номера " if match["sign"] == "№№" else "номер ", "the number sign")


# Codes: «Су-35», «ГМ-172/6», «РБ-52-2/394», «COVID-19», «Ту-154М»
CODE = re.compile(
    r"(?<![\w-])(?P<prefix>[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё]{0,5})-(?P<body>\d+(?:[-/.]\d+)*)"
    r"(?P<tail>[A-ZА-ЯЁ]{0,2})(?![\w-])"
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
    from tts.normalize.classes.acronyms import read_prefix

    prefix = read_prefix(match["prefix"])
    if prefix is None:
        return None
    tail = read_prefix(match["tail"]) if match["tail"] else ""
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
COMPOUND = re.compile(
    r"(?<![\w.,:/-])(?P<num>\d+)(?:-х|-ти|-ми)?(?:\s?-\s?|\s)(?P<rest>(?:летн|этажн|процентн|"
    r"тонн|километров|метров|часов|минутн|секундн|дневн|месячн|недельн|кратн|градусн|"
    r"миллионн|тысячн|комнатн|местн|серийн|томн|голов|рублёв|рублев|копеечн|кубов|литров|"
    r"сантиметров|миллиметров|граммов|килограммов|разов|членн|сторонн|звёздочн|звездочн|"
    r"полосн|струнн|дверн|цилиндров|ступенчат|уровнев|балльн|минутк)[а-яё]*)(?![\w-])"
)
_COMBINING = {"сто": "сто", "девяносто": "девяносто", "один": "одно", "тысяча": "тысяче"}


def compound_head(value: int) -> str:
    """4 -> «четырёх», 20 -> «двадцати», 100 -> «сто», 90 -> «девяносто», 1 -> «одно»."""
    if value == 1000:
        return "тысяче"
    words = cardinal(value, "genitive").split()
    last = cardinal(value).split()[-1]
    if last in _COMBINING:
        words[-1] = _COMBINING[last]
    return "".join(words)


def _compound(match: re.Match[str], sentence: Sentence) -> Reading:
    del sentence
    return Reading(compound_head(int(match["num"])) + match["rest"], "a compound adjective")


RULES = (
    Rule("compound", COMPOUND, _compound, "24-летний -> двадцатичетырёхлетний"),
    Rule("ordinal", KILOMETRE_POST, _kilometre_post, "на 214 км трассы -> на двести …"),
    Rule("number sign", NUMBER_SIGN, _number_sign, "№ 24 -> номер двадцать четыре"),
    Rule("code", CODE, _code, "Су-35 -> су тридцать пять"),
    Rule("range", RANGE, _range, "5–7 лет -> пять – семь лет"),
    Rule("ordinal", SUFFIXED, _suffixed, "в 5-м классе -> в пятом классе"),
    Rule("fraction", FRACTION, _fraction, "1/4 -> одна четвёртая"),
    Rule("roman", ROMAN, _roman, "Николай II -> Николай Второй"),
)
