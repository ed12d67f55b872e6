"""Cardinal, decimal, measure, money and percent: a number, an optional scale («тыс.», «млн»)
and an optional unit or currency, read in the case the context gives the number.

«на высоте 2750 м» -> «двух тысяч семисот пятидесяти метров»; «$5 млн» -> «пять миллионов
долларов»; «1,5 млн» -> «полтора миллиона»; «21 секунду» -> «двадцать одну секунду».
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tts.text.normalize import context, morph
from tts.text.normalize.classes.units import CURRENCIES, INDECLINABLE_NOUNS, SCALES, UNITS, Unit
from tts.text.normalize.context import Grammar
from tts.text.normalize.numbers import (
    TAG_OF_CASE,
    Case,
    Gender,
    cardinal,
    decimal,
    digit_by_digit,
    is_paucal,
    ordinal,
    takes_singular,
    with_half,
)
from tts.text.normalize.rules import Reading, Rule
from tts.text.normalize.sentence import Sentence

# A number as printed: «1 500 000» (spaces, no-break or thin spaces between thousands),
# «2750», «61,29».
SEP = "[  \u202f\u2009]"
INTEGER = rf"(?:\d{{1,3}}(?:{SEP}\d{{3}})+(?!\d)|\d+)"
NUMBER = rf"{INTEGER}(?:,\d+)?"
# «2.15 кг», «1.001»: a dot as the decimal point (dates, times and versions are claimed earlier)
DOTTED = rf"{INTEGER}(?:[,.]\d+)?"
DASHES = r"\s?[-–—−]\s?"  # «5-7», «5 – 7», «11−12» (a minus sign typed as a dash)


@dataclass(frozen=True)
class Amount:
    whole: int
    fraction: str  # digits after the comma, "" for an integer

    @property
    def is_half(self) -> bool:
        return self.fraction == "5"

    @property
    def text(self) -> str:
        return f"{self.whole},{self.fraction}" if self.fraction else str(self.whole)


def amount(text: str, signed: bool = False) -> Amount | None:
    if re.fullmatch(r"[1-9]\d{0,2},000", text):  # «266,000»: English thousands, not a decimal
        return Amount(int(text.replace(",", "")), "")
    whole, _, fraction = re.sub(SEP, "", text).replace(".", ",").partition(",")
    if not whole.isdigit():
        return None
    if len(whole) in (3, 4) and whole.startswith("0") and not fraction and not signed:
        return None  # «007»: a code, read digit by digit («-050» is minus fifty)
    return Amount(int(whole), fraction)


def noun_form(lemma: str, value: int, case: Case, fraction: bool = False) -> str:
    """The form of a counted noun: «километр» after 5 in the genitive -> «километров»."""
    if lemma in INDECLINABLE_NOUNS:
        return lemma
    if "-" in lemma:  # «киловатт-час» -> «киловатт-часов»
        head, _, last = lemma.rpartition("-")
        return f"{head}-{noun_form(last, value, case, fraction)}"
    plural_genitive = case == "genitive" or (
        case in ("nominative", "accusative") and not is_paucal(value)
    )
    if lemma == "год" and not fraction and not takes_singular(value) and plural_genitive:
        return "лет"  # «пять лет», «миллионов лет»
    if fraction:
        return morph.inflect(lemma, "gent", "sing") or lemma
    if case == "genitive" and not takes_singular(value):
        return _literary(morph.inflect(lemma, "gent", "plur") or lemma, 5)
    if case in ("nominative", "accusative"):
        parse = morph.noun(lemma)
        if parse is None:
            return lemma
        if takes_singular(value):
            form = parse.inflect({TAG_OF_CASE[case], "sing"})
        elif is_paucal(value):
            form = parse.inflect({"gent", "sing"})
        else:
            form = parse.inflect({"gent", "plur"})
        word = str(form.word) if form is not None else lemma
        return _literary(word, value)
    number = "sing" if takes_singular(value) else "plur"
    return morph.inflect(lemma, TAG_OF_CASE[case], number) or lemma


# Units whose counting form has no ending: «пять гигагерц», «пять ампер» (pymorphy3 has
# «гигагерцев»). «Байт», «бит» have both; «мегабайтов» is the written norm the suites use.
_ZERO_PLURAL = {"герцев": "герц", "амперов": "ампер"}


def _literary(word: str, value: int) -> str:
    # pymorphy3 has the colloquial «пять килограмм»; the reference form is «килограммов».
    if word.endswith("грамм") and not takes_singular(value) and not is_paucal(value):
        return word + "ов"
    if word == "людей":  # «267 человек», the counting form
        return "человек"
    for long, short in _ZERO_PLURAL.items():
        if word.endswith(long):
            return word[: -len(long)] + short
    return word


def adjective_form(
    lemma: str, value: int, case: Case, fraction: bool = False, feminine: bool = False
) -> str:
    """«квадратный» before a counted noun: «два квадратных метра», «одного квадратного»."""
    parse = next((p for p in morph.parses(lemma) if p.tag.POS == "ADJF"), None)
    if parse is None:
        return lemma
    if fraction:
        grammemes = {"gent", "sing", "femn" if feminine else "masc"}
    elif case in ("nominative", "accusative") and not takes_singular(value):
        grammemes = {"gent", "plur"}  # «два квадратных метра», «пять квадратных метров»
        if is_paucal(value) and feminine:
            grammemes = {"nomn", "plur"}  # «две международные единицы»
    elif takes_singular(value):
        grammemes = (
            {TAG_OF_CASE[case], "sing", "inan"}
            if case == "accusative"
            else {TAG_OF_CASE[case], "sing"}
        )
    else:
        grammemes = {TAG_OF_CASE[case], "plur"}
    form = parse.inflect(grammemes)
    return str(form.word) if form is not None else lemma


def unit_words(unit: Unit, value: int, case: Case, fraction: bool) -> str:
    if unit.indeclinable:
        words = [unit.noun]
    else:
        words = [noun_form(unit.noun, value, case, fraction)]
        if unit.adjective:
            gender = _gender(unit.noun)
            adjective = adjective_form(unit.adjective, value, case, fraction, gender == "f")
            if gender == "f" and takes_singular(value) and not fraction:
                adjective = _feminine(unit.adjective, case) or adjective
            words.insert(0, adjective)
    return " ".join([*words, unit.tail] if unit.tail else words)


def _feminine(lemma: str, case: Case) -> str | None:
    parse = next((p for p in morph.parses(lemma) if p.tag.POS == "ADJF"), None)
    form = parse.inflect({TAG_OF_CASE[case], "sing", "femn"}) if parse else None
    return str(form.word) if form is not None else None


def _gender(lemma: str) -> Gender:
    parse = morph.noun(lemma)
    genders: dict[str, Gender] = {"femn": "f", "neut": "n"}
    return genders.get(str(parse.tag.gender), "m") if parse else "m"


def read_amount(
    number: Amount,
    grammar: Grammar,
    *,
    counted: bool,
) -> tuple[str, bool]:
    """The number in words, and whether a following noun takes the fraction's genitive
    singular (True for «целых … десятых», False for «полтора»/«с половиной» and integers)."""
    case = grammar.case
    if number.fraction:
        # «131,5 млрд» is «сто тридцать одна целая пять десятых»: a whole ending in one (but
        # one itself, «полтора») would make the noun singular, «… один с половиной миллиард»
        ends_in_one = number.whole % 10 == 1 and number.whole % 100 != 11 and number.whole != 1
        # «3400,5 тыс. тонн» is «три тысячи четыреста целых пять десятых тысячи», not «… с
        # половиной тысяч»: a half is said after a short whole only
        if number.is_half and counted and not ends_in_one and 0 < number.whole < 1000:
            return with_half(number.whole, case, grammar.gender), False
        return decimal(number.text, case), True
    return cardinal(number.whole, case, grammar.gender, grammar.animate), False


def _half_fits(sentence: Sentence, end: int, number: Amount, grammar: Grammar) -> bool:
    """«7,5 лет» -> «семь с половиной лет»: only where the written noun has the form the
    whole number would give it («2,5 метра» after «на глубине» stays «двух целых пяти
    десятых метра»: «двух с половиной» would need «метров»)."""
    if not number.is_half:
        return False
    whole = number.whole if number.whole != 1 else 2
    counted = context.counted_noun(sentence, end, whole, False)
    return counted is not None and grammar.case in counted.cases


_SHOWN: dict[str, Case] = {"datv": "dative", "ablt": "instrumental", "loct": "prepositional"}


def _case_shown_after(sentence: Sentence, end: int) -> Case | None:
    """«назначена 80,3 тыс. детям»: a plural noun after a scale in one oblique case (dative,
    instrumental, prepositional) shows the case of the whole amount."""
    token = sentence.word_after(end)
    if token is None or not token.is_cyrillic:
        return None
    nouns = [p for p in morph.parses(token.text) if p.tag.POS == "NOUN"]
    if not nouns or morph.parses(token.text)[0].tag.POS != "NOUN":
        return None
    cases = {str(p.tag.case) for p in nouns}
    if len(cases) != 1 or not all("plur" in p.tag for p in nouns):
        return None
    return _SHOWN.get(cases.pop())


def _share_of_cases(sentence: Sentence, start: int, end: int) -> bool:
    """«в 47% случаев»: where, not how much (a level «в 5% от ВВП» stays accusative)."""
    after = sentence.word_after(end)
    return (
        sentence.words_before(start, 1) == ["в"]
        and after is not None
        and after.lower in ("случаев", "случаях")
    )


def speak(
    sentence: Sentence,
    start: int,
    end: int,
    number: Amount,
    scale: str | None = None,
    unit: Unit | None = None,
    sign: str = "",
) -> Reading:
    """A number with its optional scale and unit, in the case its context gives it."""
    lemma = SCALES[scale] if scale else (unit.noun if unit else None)
    grammar = context.count(
        sentence, start, end, number.whole, lemma=lemma, decimal=bool(number.fraction)
    )
    if scale and unit is None:
        shown = _case_shown_after(sentence, end)
        if shown is not None:
            why = "the case of the noun after it"
            grammar = Grammar(shown, grammar.gender, grammar.animate, grammar.plural, why)
    if unit is not None and unit.noun == "процент" and _share_of_cases(sentence, start, end):
        grammar = Grammar("prepositional", why="«в … процентах случаев»")
    if lemma:
        grammar = Grammar(
            grammar.case, _gender(lemma), grammar.animate, grammar.plural, grammar.why
        )
    counted = bool(lemma) or _half_fits(sentence, end, number, grammar)
    words, fraction_genitive = read_amount(
        number, grammar, counted=counted and (scale is not None or unit is None)
    )
    said_as_half = "половин" in words or "полтор" in words
    if number.fraction and number.is_half and unit is None and lemma and said_as_half:
        fraction_genitive = False
    value = number.whole
    if number.fraction and not fraction_genitive and value == 1:
        value = 2  # «полтора миллиона»: the noun as after «два»
    parts = [sign, words] if sign else [words]
    if scale:
        scale_word = noun_form(SCALES[scale], value, grammar.case, fraction_genitive)
        parts.append(scale_word)
        if unit is not None:
            parts.append(unit_words(unit, 5, "genitive", False))  # «тысяч рублей»
    elif unit is not None:
        parts.append(unit_words(unit, value, grammar.case, fraction_genitive))
    return Reading(" ".join(parts), grammar.describe())


# ---- classes -------------------------------------------------------------------------------

_UNIT_KEYS = sorted({*UNITS, *CURRENCIES}, key=len, reverse=True)
_UNIT_ALT = "|".join(re.escape(k) for k in _UNIT_KEYS)
# «120 мм. рт. ст.», «5 км. от города»: a unit's own period before a lower-case word is not
# a sentence end, and the voice must not stop there
UNIT_PERIOD = r"(?:(?<=[а-яё]{2})\.(?=\s+[а-яё]))?"
_SCALE_ALT = "|".join(re.escape(k) for k in sorted(SCALES, key=len, reverse=True))
_SIGNS = "$€£¥₴₽₸₼₺₹₩"

# «2750 м», «5 тыс. руб.», «1,5 млн», «5%», «-15 °С»; the unit must end a word.
# The second half of a compound unit: «км/ч» -> «в час», «мг/мл» -> «на миллилитр».
PER: dict[str, str] = {
    "с": "в секунду", "сек": "в секунду", "s": "в секунду", "ч": "в час", "час": "в час",
    "h": "в час", "мин": "в минуту", "сут": "в сутки", "л": "на литр", "мл": "на миллилитр",
    "кг": "на килограмм", "г": "на грамм", "м2": "на квадратный метр", "га": "на гектар",
    "чел": "на человека", "т": "на тонну", "км": "на километр", "м": "на метр",
    "м³": "на кубический метр", "м3": "на кубический метр", "м²": "на квадратный метр",
    "кВт·ч": "за киловатт-час", "кВтч": "за киловатт-час", "кВт*ч": "за киловатт-час",
    "кВт/ч": "за киловатт-час", "шт": "за штуку",  # «за кВт/ч», written so, meant kWh
    "мес": "в месяц", "Гкал": "на гигакалорию", "литр": "на литр", "барр.": "на баррель",
    "барр": "на баррель", "баррель": "на баррель", "кв.м": "на квадратный метр",
    "кв. м": "на квадратный метр",  # «84,34 долл./барр.», «2803 у.е./кв.м»: prices, «за …»
    "$": "на доллар", "долл.": "на доллар", "евро": "на евро",  # «15,85 грн/$», a rate
}  # fmt: skip
# What a price can be per: «тенге/м³» -> «за кубический метр», the same words after «за».
_PRICED = ("м³", "м3", "м2", "м²", "кг", "л", "т", "кВт·ч", "кВтч", "кВт*ч", "кВт/ч", "шт",
           "чел", "сут", "мес", "ч", "Гкал", "$", "долл.", "евро", "литр", "барр.", "барр",
           "баррель", "кв.м", "кв. м")  # fmt: skip
_PER_UNIT = {k: "за " + PER[k].split(" ", 1)[1] for k in _PRICED}
_PER_ALT = "|".join(re.escape(k) for k in sorted(PER, key=len, reverse=True))
MEASURE = re.compile(
    rf"(?:(?<=,)(?=[-−+])|(?<![\w.,/-]))(?P<sign>[-−–]|\+|~)?(?<![\d]-)(?P<num>{DOTTED})"
    rf"(?:\s?(?P<scale>{_SCALE_ALT})(?:(?<=\.)|(?![\w])))?"  # «тыс.кв.м» typed with no space
    # «кв. метров» after a number is the adjective of the written noun, not a unit
    rf"(?:(?:\s?-\s?|\s?)(?!кв\.\s?(?:кило|санти|милли)?метр)(?P<unit>{_UNIT_ALT})(?![\wА-яЁё])"
    rf"{UNIT_PERIOD}"
    rf"(?:(?:/|\s(?=(?:ч|мин|л)(?![\wА-яЁё])))(?P<per>{_PER_ALT})(?![\wА-яЁё]))?"
    r"(?P<dup>(?<=%)\s+процент\w*)?)?",
)
# «$5 млн», «€ 100», «₸500»; «Т23 млрд»: Kazakh papers type the tenge sign as a capital Т,
# read so only before an amount with its scale («Т-34» and «Т23» alone are codes)
SIGN_BEFORE = re.compile(
    rf"(?P<cur>[{re.escape(_SIGNS)}]|(?<![\w-])Т(?={NUMBER}\s?(?:млрд|млн|трлн|тыс))"
    r"|(?<![\w-])(?:USD|EUR|RUB|BYN|KZT)(?=\s?\d))"  # «BYN3,1176», «USD 1,5»
    rf"\s?(?P<num>{NUMBER})(?:\s?(?P<scale>{_SCALE_ALT})(?!\w))?"
)


_WEATHER = re.compile(r"(?<!\w)(?:температур|мороз|тепл[оа]|градус|синоптик|погод)", re.IGNORECASE)


def _unit_of(written: str | None, match: re.Match[str]) -> Unit | None:
    if written is None:
        return None
    if written not in UNITS and written not in CURRENCIES:
        return None
    if written in ("г", "т", "м", "с", "ч", "В", "л", "ц", "р.", "кв.", "ч.", "с"):
        # one-letter units only right after a number (not «5 т. е.», «в 5 с половиной»)
        after = match.string[match.end() : match.end() + 3]
        if re.match(r"\.?\s?[а-яё]\.", after) or (written == "с" and after.startswith(" п")):
            return None
        number = match.groupdict().get("num") or match.groupdict().get("b") or ""
        if written == "с" and not ("," in number or re.match(r"[.,;)]|$", after)):
            return None  # «Falcon 9 с грузовым кораблём»: the preposition, not seconds
    if written == "кв." and re.match(
        r"\s?(?:\d{4}\b|(?:кило|санти|милли)?метр)", match.string[match.end() :]
    ):
        return None  # «10 кв. метров»: square metres; «4 кв. 2019 г.» a quarter
    unit = UNITS.get(written) or CURRENCIES.get(written)
    if written in ("гр", "гр.") and (match["sign"] or _WEATHER.search(match.string)):
        unit = UNITS["°"]  # «температура днем -40-42 гр.», «до +5 гр.»: degrees, not grams
    per = match.groupdict().get("per")
    if unit is not None and per:
        if " " in match.group().split(written, 1)[-1][:1] and per.lower() not in ("ч", "мин", "л"):
            return None  # «5 км л…»: a space joins only «км ч», «об мин»
        if written in CURRENCIES and per in _PER_UNIT:  # «91,96 тенге/м³» -> «… за кубометр»
            return Unit(unit.noun, unit.adjective, _PER_UNIT[per], unit.indeclinable)
        if unit.noun == "центнер" and per == "га":  # a yield: «8,2 ц/га»
            return Unit("центнер", tail="с гектара")
        if unit.noun == "киловатт" and per.lower() in ("ч", "час"):
            return Unit("киловатт-час")  # «5 квт ч», «кВт/ч» (written so, meant kWh)
        unit = Unit(unit.noun, unit.adjective, PER[per.lower()], unit.indeclinable)
    return unit


def _measure(match: re.Match[str], sentence: Sentence) -> Reading | None:
    number = amount(match["num"], signed=bool(match["sign"]))
    if number is None:
        return None
    scale, unit_text = match["scale"], match["unit"]
    unit = _unit_of(unit_text, match)
    if unit_text and unit is None:
        return None
    if scale and len(scale) > 4 and scale.isalpha() and not number.fraction:
        if unit is None:
            return (
                None  # «60 тысячам человек»: a whole number before the word itself: its form rules
            )
        # «6 миллионов кВт»: the written scale word stays, the unit follows it in the genitive
        words = speak(sentence, match.start("num"), match.end("num"), number)
        tail = unit_words(unit, 5, "genitive", False)
        return Reading(f"{words.spoken} {scale} {tail}", words.why)
    sign = ""
    if match["sign"]:
        before = match.string[: match.start()].rstrip()
        if match["sign"] == "+":
            sign = "плюс"
        elif match["sign"] == "~":
            sign = "примерно"
        elif before and before[-1].isalpha() and _money_after(match, sentence):
            # «на балкон -1500 рублей», «в 2026-м —14 955 рублей»: a dash typed against the
            # amount; no price is negative
            words = speak(sentence, match.start("num"), match.end(), number, scale, unit, "")
            return Reading(f"– {words.spoken}", f"a dash before an amount; {words.why}")
        elif not before or before[-1] in '(:,;/«"—–' or before[-1].isalpha():
            sign = "минус"  # «теплее — -1 градус»: a dash, then the minus
        else:
            return None  # «5-7»: a range, read by the range class
    if scale is None and unit is None and not sign:
        return None  # a bare number: the cardinal class, which sees what follows
    start = match.start("num") if not sign else match.start()
    return speak(sentence, start, match.end(), number, scale, unit, sign)


_MONEY_LEMMAS = frozenset({"рубль", "тенге", "доллар", "евро", "сом", "гривна", "лей", "манат"})


def _money_after(match: re.Match[str], sentence: Sentence) -> bool:
    if match["unit"] in CURRENCIES:
        return True
    word = sentence.word_after(match.end())
    return word is not None and word.is_cyrillic and morph.lemma(word.text) in _MONEY_LEMMAS


def _sign_before(match: re.Match[str], sentence: Sentence) -> Reading | None:
    number = amount(match["num"])
    if number is None:
        return None
    unit = CURRENCIES["₸" if match["cur"] == "Т" else match["cur"]]
    named = sentence.word_after(match.end())
    if match["scale"] and named is not None and morph.lemma(named.text) == unit.noun:
        # «$101 миллион долларов»: the currency is written out after the amount too
        return speak(sentence, match.start(), match.end(), number, match["scale"], None)
    return speak(sentence, match.start(), match.end(), number, match["scale"], unit)


# A bare number: its form comes from the noun after it and the words before it.
CARDINAL = re.compile(rf"(?<![\w.,:/№#-])(?P<num>{DOTTED})(?![\w]|[.,:]\d|-\w)")


def _cardinal(match: re.Match[str], sentence: Sentence) -> Reading | None:
    number = amount(match["num"])
    if number is None:
        digits = match["num"]
        return Reading(digit_by_digit(digits), "a code with leading zeros")
    if not number.fraction and match.string[: match.start()].rstrip().endswith(("№", "N", "©")):
        return Reading(cardinal(number.whole), "nominative: a number after «№»")
    if not number.fraction:
        named = context.label_before(sentence, match.start())
        if named is not None and named.why.startswith("a label"):
            return Reading(cardinal(number.whole), named.describe())
        if named is not None:
            spoken = ordinal(number.whole, named.case, named.gender)
            return Reading(spoken, named.describe(), "ordinal")
        year = _bare_year(match, sentence, number)
        if year is not None:
            return year
        listed = _listed_ordinal(match, sentence, number.whole)
        if listed is not None:
            return listed
        grammar = context.ordinal_before_noun(sentence, match.start(), match.end(), number.whole)
        if grammar is not None:
            spoken = ordinal(number.whole, grammar.case, grammar.gender, animate=grammar.animate)
            return Reading(spoken, grammar.describe(), "ordinal")
    collective = _collective(match, sentence, number)
    if collective is not None:
        return collective
    return speak(sentence, match.start(), match.end(), number)


_COLLECTIVE = {2: "двое", 3: "трое", 4: "четверо"}


def _collective(match: re.Match[str], sentence: Sentence, number: Amount) -> Reading | None:
    """«из них 3 детей» -> «трое детей»: «три детей» is no Russian; the written genitive
    plural after 2-4 asks for the collective numeral."""
    token = sentence.word_after(match.end())
    if number.fraction or number.whole not in _COLLECTIVE or token is None:
        return None
    if token.lower not in ("детей", "ребят", "сирот"):
        return None
    grammar = context.count(sentence, match.start(), match.end(), number.whole)
    only_the_noun = grammar.why.startswith("before «")  # no preposition or verb decided it
    if grammar.case not in ("nominative", "accusative") and not only_the_noun:
        return None
    return Reading(_COLLECTIVE[number.whole], "a collective numeral before «детей»")


_LIST_AFTER = re.compile(r"(?:\s?,\s?|\s(?:и|или)\s)\d{1,3}(?=\s)")


def _listed_ordinal(match: re.Match[str], sentence: Sentence, value: int) -> Reading | None:
    """«14 и 22 микрорайонов», «в 1, 2 и 3 классах»: numbers listed before the plural of a
    noun numbered in sequence are its ordinals, each in the singular."""
    end = match.end()
    while (after := _LIST_AFTER.match(sentence.text, end)) is not None:
        end = after.end()
    listed = end > match.end() or re.search(
        r"\d(?:\s?,\s?|\s(?:и|или)\s)$", sentence.text[: match.start()]
    )
    found = context.plural_ordinal_noun(sentence, end) if listed and value < 1000 else None
    if found is None:
        return None
    case, noun = found
    parse = morph.noun(morph.lemma(noun))
    gender: Gender = "f" if parse is not None and "femn" in parse.tag else "m"
    return Reading(ordinal(value, case, gender), f"{case}: one of the listed «{noun}»", "ordinal")


_MONTHS_ANY_CASE = re.compile(
    r"(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)\w*$"
)
_YEAR_CASES: dict[str, Case] = {
    "в": "prepositional", "во": "prepositional", "с": "genitive", "со": "genitive",
    "до": "genitive", "от": "genitive", "после": "genitive", "к": "dative", "по": "accusative",
}  # fmt: skip


# Events and documents named by their year: «конвенция 1933», «выборы 2012»
_DATED = frozenset({
    "конвенция", "выборы", "чемпионат", "олимпиада", "конституция", "перепись", "референдум",
    "кризис", "саммит", "договор", "соглашение", "реформа", "революция", "война", "указ",
    "постановление", "урожай", "сезон", "кубок", "турнир", "форум", "выпуск",
})  # fmt: skip


def _bare_year(match: re.Match[str], sentence: Sentence, number: Amount) -> Reading | None:
    """«(2005, 2006)», «в 2024», «в сентябре 2022»: a four-digit number from 1800 to 2100 that
    counts nothing is a year, an ordinal («две тысячи пятый»)."""
    if not (1800 <= number.whole <= 2100) or not re.fullmatch(r"\d{4}", match["num"]):
        return None
    if context.counted_noun(sentence, match.end(), number.whole, False) is not None:
        return None
    span = re.match(r"\s+до\s+(\d{1,3}(?:\s\d{3})*|\d+)(?=\s)", sentence.text[match.end() :])
    if span is not None:
        end = match.end() + span.end()
        if context.counted_noun(sentence, end, int(re.sub(r"\s", "", span[1])), False):
            return None  # «от 2000 до 2500 рублей»: a span of amounts, no year
    words = sentence.words_before(match.start(), 1)
    previous = words[0] if words else None
    if sentence.words_before(match.start(), 2) == ["сравнению", "с"]:
        case: Case = "instrumental"
        why = "a year after «по сравнению с»"
    elif previous is not None and _MONTHS_ANY_CASE.search(previous):
        case = "genitive"
        why = "a year after its month"
    elif previous in _YEAR_CASES:
        case, why = _YEAR_CASES[previous], f"a year after «{previous}»"
    elif (
        previous is None
        and re.search(r"(?:\(|\d{4},)\s*$", sentence.text[: match.start()])
        and not re.match(r"\s?[×xхXХ]\s?\d", sentence.text[match.end() :])  # «(1920×1080)»
    ):
        case, why = "nominative", "a year in a list"
    elif previous is not None and morph.lemma(previous) in _DATED:
        case, why = "genitive", f"the year of «{previous}»"  # «Минской конвенции 1933»
    else:
        return None
    alone = re.search(r"\(\s*$", sentence.text[: match.start()]) and re.match(
        r"\s*\)[.!?;]?\s*$", sentence.text[match.end() :]
    )
    listed = re.search(r"\(\d{4}\)", sentence.text[: match.start()])  # «(2022), … (2024).»
    if alone and case == "nominative" and not listed:
        # «Лауреат Ленинской премии (1957).»: the year named
        return Reading(f"{ordinal(number.whole, case)} год", "a year alone in closing brackets")
    return Reading(ordinal(number.whole, case), f"{case}: {why}", "year")


# A kilometre post of a road: «на 45 км трассы», «на 102-м км», «в районе 383 км а/д» -> «на
# сорок пятом километре», «сто втором», «трёхсот восемьдесят третьего километра».
KM_POST = re.compile(
    r"(?<![\w.,/-])(?P<num>\d{1,4})(?P<suffix>-(?:м|ом|го|ого|й|ый|ой))?\s?км(?![\w/])"
    r"(?=(?P<road>\s(?:трасс|автотрасс|автодорог|дорог|а/д|шоссе|магистрал|федеральн|"
    r"республиканск|област|[МРАЕ]-?\d))?)"
)
_ROAD_CASE: dict[str, Case] = {"на": "prepositional", "в": "genitive", "с": "genitive",
                               "до": "genitive", "у": "genitive", "около": "genitive"}  # fmt: skip


def _km_post(match: re.Match[str], sentence: Sentence) -> Reading | None:
    before = sentence.words_before(match.start(), 2)
    previous = before[-1] if before else ""
    if match["suffix"] in ("-й", "-ый", "-ой") and previous not in _ROAD_CASE:
        # «с 718-го по 729-й км»: the post named by its ordinal's ending
        spoken = f"{ordinal(int(match['num']), 'nominative')} километр"
        return Reading(spoken, "nominative: a kilometre post, its ordinal's ending", "ordinal")
    if before[-2:] == ["в", "районе"] or previous == "района":
        previous = "в"
    if previous not in _ROAD_CASE or not (match["suffix"] or match["road"]):
        return None
    if previous == "в" and not (before[-2:] == ["в", "районе"] or before[-1:] == ["района"]):
        return None  # «в 5 км от города»: a distance
    case = _ROAD_CASE[previous]
    noun = "километре" if case == "prepositional" else "километра"
    spoken = f"{ordinal(int(match['num']), case)} {noun}"
    return Reading(spoken, f"{case}: a kilometre post after «{previous}»", "ordinal")


# «на участке км 12 – км 23»: a road's post named by its kilometre, the number after the unit
KM_NAMED = re.compile(r"(?<!\d )(?<![\w-])км(?= \d)")


def _km_named(match: re.Match[str], sentence: Sentence) -> Reading:
    del match, sentence
    return Reading("километр", "a kilometre post named before its number")


# A phone's memory, «12/256 ГБ»: operative and built-in, «двенадцать на двести пятьдесят шесть
# гигабайт» (not a fraction)
MEMORY = re.compile(
    r"(?<![\w/.,])(?P<a>\d{1,3})/(?P<b>\d{1,4})\s?(?P<unit>ГБ|Гб|ТБ|Тб|GB|TB|кВ)(?![\w/])"
)  # also a transformer's voltages: «110/6 кВ» -> «сто десять на шесть киловольт»


def _memory(match: re.Match[str], sentence: Sentence) -> Reading:
    del sentence
    unit = UNITS.get(match["unit"]) or UNITS["ГБ" if match["unit"] == "GB" else "ТБ"]
    b = int(match["b"])
    spoken = f"{cardinal(int(match['a']))} на {cardinal(b)} {noun_form(unit.noun, b, 'nominative')}"
    return Reading(spoken, "a device's memory, «N/M ГБ»", "measure")


# «явка составила 50, 08%», «(32, 9 %)»: a decimal typed with a space after its comma (not a
# list: «1, 2, 3%» has more before it)
SPACED_DECIMAL = re.compile(r"(?<![\w.,])(?<!\d,\s)(?P<a>\d{1,3}),\s(?P<b>\d{1,2})\s?%")


def _spaced_decimal(match: re.Match[str], sentence: Sentence) -> Reading | None:
    number = amount(f"{match['a']},{match['b']}")
    if number is None:
        return None
    return speak(sentence, match.start(), match.end(), number, None, UNITS["%"])


# «видео 4K», «в 4К», «2K»: a screen resolution (not «5K подписчиков», five thousand)
RESOLUTION = re.compile(r"(?<![\w.,$€₽-])(?P<n>[12458]|16)[KК](?![\w-])")


def _resolution(match: re.Match[str], sentence: Sentence) -> Reading | None:
    if context.counted_noun(sentence, match.end(), 1000, False) is not None:
        return None
    return Reading(f"{cardinal(int(match['n']))} кей", "a resolution: «4K»")


# before the ordinals' and fractions' rules, which would claim «102-м» or «12/256» alone
EARLY = (
    Rule("measure", RESOLUTION, _resolution, "видео 4K -> видео четыре кей"),
    Rule("decimal", SPACED_DECIMAL, _spaced_decimal, "50, 08% -> пятьдесят целых восемь сотых …"),
    Rule("ordinal", KM_POST, _km_post, "на 45 км трассы -> на сорок пятом километре трассы"),
    Rule("measure", KM_NAMED, _km_named, "участок км 12 -> участок километр двенадцать"),
    Rule("measure", MEMORY, _memory, "12/256 ГБ -> двенадцать на двести пятьдесят шесть …"),
)
RULES = (
    Rule("money", SIGN_BEFORE, _sign_before, "$5 млн -> пять миллионов долларов"),
    Rule("measure", MEASURE, _measure, "на высоте 2750 м -> на высоте двух тысяч … метров"),
)
CARDINAL_RULE = Rule("cardinal", CARDINAL, _cardinal, "жители 16 регионов -> шестнадцати")

# «составил 12063,8 рублей» (a slip): after «целых … десятых» a counted noun is genitive
# singular, as a newsreader says it («рубля»).
DECIMAL_NOUN = re.compile(
    r"(?<![\w.,:/№#-])(?P<num>(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+),\d{1,3})(?![\w]|[.,:]\d|-\w)"
    r"(?P<adjective>\s[а-яё]+(?:ых|их))?\s(?P<noun>[а-яё]+)(?![\w-])"
)


def _decimal_noun(match: re.Match[str], sentence: Sentence) -> Reading | None:
    number = amount(match["num"])
    noun = match["noun"]
    if number is None or not number.fraction or noun in SCALES:
        return None
    found = morph.parses(noun)
    if not found or found[0].tag.POS != "NOUN" or "Fixd" in found[0].tag:
        return None
    genitive = [p for p in found if p.tag.POS == "NOUN" and p.tag.case == "gent"]
    if not genitive:
        return None
    lemma = str(genitive[0].normal_form)
    end = match.end("num")
    grammar = context.count(sentence, match.start(), end, number.whole, lemma=lemma, decimal=True)
    words, fraction_genitive = read_amount(number, grammar, counted=True)
    if not fraction_genitive or any(p.tag.number == "sing" for p in genitive):
        # «с половиной», or «2,5 рубля» written as the fraction has it: the usual reading
        return None
    adjective = ""
    if match["adjective"]:
        written = match["adjective"].strip()
        adjective = " " + adjective_form(
            morph.lemma(written), number.whole, grammar.case, True, _gender(lemma) == "f"
        )
    spoken = f"{words}{adjective} {noun_form(lemma, number.whole, grammar.case, True)}"
    return Reading(spoken, f"{grammar.describe()}; the noun after a fraction: genitive singular")


# «скорость ветра в м/сек», «км/ч»: a compound unit without its number is read in the
# genitive plural («метров в секунду»), as in «измеряется в километрах в час» it is not:
# news writes it after a range or a spelled number («15-20 м/сек», «двадцать м/с»).
_PER_ALT_PRICE = "|".join(re.escape(k) for k in sorted(_PER_UNIT, key=len, reverse=True))
LONE_UNIT = re.compile(
    rf"(?<=\sза\s)(?P<per>{_PER_ALT_PRICE})(?![\wА-яЁё]|\.\s?[а-яё]\.)"  # first: «за кВт/ч»
    r"|(?<![\w/])(?P<unit>км/ч|км/час|м/с|м/сек|[кМГ]бит/с|кВт[/*·]ч)(?![\w/])"
    r"|(?<=\sс\s)(?P<ha>га)(?!\w)"
    r"|(?<=[а-яё]\s)(?P<square>кв\.\s?м)\.?(?![\wА-яЁё])"  # «три миллиона кв. м.»
)


_NUMBER_WORDS = {"один": 1, "одна": 1, "два": 2, "две": 2, "три": 3, "четыре": 4}


def _lone_unit(match: re.Match[str], sentence: Sentence) -> Reading:
    """After a number spelled out it agrees with it («два км/ч» -> «два километра в час»),
    else the genitive plural («в м/сек» -> «в метрах в секунду» is rarer than «метров»).
    «ц с га»: a yield, «с гектара»."""
    if match["ha"]:
        return Reading("гектара", "genitive: after «с»")
    if match["square"]:  # after a number in words: «три миллиона кв. м» -> «квадратных метров»
        return Reading(unit_words(UNITS["кв. м"], 5, "genitive", False), "a unit without digits")
    if match["per"]:  # «3389,52 тенге за Гкал» -> «за гигакалорию»
        return Reading(_PER_UNIT[match["per"]].removeprefix("за "), "a price per unit after «за»")
    unit = UNITS[re.sub("кВт.ч", "кВт·ч", match["unit"])]  # «(кВт/ч)»: written so, meant kWh
    previous = sentence.words_before(match.start(), 1)
    word = previous[0] if previous else ""
    if word and morph.best_pos(word) == "NUMR":
        value = _NUMBER_WORDS.get(word, 5)
        return Reading(unit_words(unit, value, "nominative", False), f"agrees with «{word}»")
    words = sentence.words_before(match.start(), 2)
    if len(words) == 2 and words[0] in ("в", "во") and morph.has(words[1], "ADJF", "loct", "plur"):
        # «измеряемого во многих Мбит/с»: the adjective's case
        return Reading(unit_words(unit, 5, "prepositional", False), f"agrees with «{words[1]}»")
    return Reading(unit_words(unit, 5, "genitive", False), "a unit without its number")


# «91,96 тенге/м³» where the currency is a word: the number is read by the cardinal class.
PRICE_PER = re.compile(
    r"(?:(?<=тенге)|(?<=евро)|(?<=рубля)|(?<=рублей)|(?<=долларов)|(?<=доллара)|(?<=сомов))"
    rf"/(?P<per>{_PER_ALT_PRICE})"
    r"(?![\wА-яЁё])"
)


def _price_per(match: re.Match[str], sentence: Sentence) -> Reading:
    del sentence
    return Reading(" " + _PER_UNIT[match["per"]], "what a price is for")


# An exchange rate: «146,86/$1» -> «… за один доллар».
RATE = re.compile(rf"(?<=\d)/(?=[{re.escape(_SIGNS)}]\s?1(?!\d))")


def _rate(match: re.Match[str], sentence: Sentence) -> Reading:
    del match, sentence
    return Reading(" за ", "an exchange rate")


CARDINALS = (
    Rule("decimal", DECIMAL_NOUN, _decimal_noun, "12063,8 рублей -> … восемь десятых рубля"),
    CARDINAL_RULE,
    Rule("measure", LONE_UNIT, _lone_unit, "м/сек -> метров в секунду"),
    Rule("measure", PRICE_PER, _price_per, "тенге/м³ -> тенге за кубический метр"),
    Rule("money", RATE, _rate, "146,86/$1 -> … за один доллар"),
)
