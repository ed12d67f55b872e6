"""Small reading rules ru-normalizr gets wrong: percent ranges, «на уровне 14,25%», decades,
«этаж 5/9», «им.», and letters of other Cyrillic alphabets."""

from __future__ import annotations

import re

from tts.normalize import morph
from tts.normalize.alphabet import OTHER_CYRILLIC, replace_other_cyrillic
from tts.normalize.numbers import PREPOSITION_CASE, Case, cardinal, decimal, ordinal
from tts.normalize.rules import Rule, words_before

_NUM = r"\d+(?:,\d+)?"

# «в коридор 5–7%» -> «в коридор от 5 до 7%»; after a preposition («на 5–7%») the dash stays.
PERCENT_RANGE = re.compile(rf"(?<![\w,.])(?P<a>{_NUM})\s?[–—-]\s?(?P<b>{_NUM})\s?%")


def _percent_range(match: re.Match[str]) -> str | None:
    if words_before(match)[-1:] and words_before(match)[-1] in PREPOSITION_CASE:
        return None
    return f"от {match.group('a')} до {match.group('b')}%"


# «на уровне 14,25% годовых» -> genitive: «на уровне четырнадцати целых двадцати пяти сотых
# процента»; ru-normalizr leaves the number in the nominative there.
LEVEL = re.compile(rf"(?<![\w,.])(?P<num>{_NUM})\s?%")


def _percent(text: str, case: Case) -> str:
    if "," in text:
        return f"{decimal(text, case)} процента"
    value = int(text)
    noun = "процента" if value % 10 == 1 and value % 100 != 11 else "процентов"
    return f"{cardinal(value, case)} {noun}"


def _after_level(match: re.Match[str]) -> bool:
    return words_before(match)[-1:] in (["уровне"], ["отметке"], ["размере"])


# «на высоте 2750 метров» -> «на высоте двух тысяч семисот пятидесяти метров»: these nouns
# govern the genitive of the measure after them; ru-normalizr leaves it nominative («на высоте
# один метра»). Only lengths, speeds, temperatures and masses: «на уровне 2023 года» is a year.
GOVERNING = frozenset({
    "высоте", "глубине", "расстоянии", "уровне", "отметке", "дистанции", "скорости",
    "скоростью", "температуре",
    # works on a stretch: «на ремонт 120 км дорог» -> «ста двадцати километров»
    "ремонт", "ремонта", "ремонту", "ремонтом", "строительство", "строительства",
    "строительству", "реконструкция", "реконструкцию", "реконструкции", "прокладка",
    "прокладку", "прокладки",
})  # fmt: skip
_MEASURE_ABBREVIATIONS = {"км": "километр", "м": "метр", "см": "сантиметр", "мм": "миллиметр",
                          "кг": "килограмм", "т": "тонна", "га": "гектар"}  # fmt: skip
_MEASURES = frozenset({*_MEASURE_ABBREVIATIONS.values(), "градус", "литр", "миля", "фут", "узел"})
MEASURE = re.compile(
    r"(?<![\w,.])(?P<num>\d{1,3}(?:[  \u202f]\d{3})+|\d+(?:,\d+)?)\s"
    r"(?P<unit>[а-яё]+)(?P<per>/ч|/с)?(?![\w/])(?!\.\s?[а-яё\d])"
)
_PER = {"/ч": " в час", "/с": " в секунду"}


def _measure(match: re.Match[str]) -> str | None:
    before = words_before(match)
    if not before or before[-1] not in GOVERNING:
        return None
    unit = match.group("unit")
    lemma = _MEASURE_ABBREVIATIONS.get(unit)
    if lemma is None:
        found = [p.normal_form for p in morph.parses(unit) if p.normal_form in _MEASURES]
        lemma = found[0] if found else None
    if lemma is None or (match.group("per") and lemma not in ("километр", "метр")):
        return None
    parse = morph.noun(lemma)
    if parse is None:
        return None
    number = re.sub(r"\s", "", match.group("num"))
    female = parse.tag.gender == "femn"
    if "," in number:
        words, plural = decimal(number, "genitive"), False
    else:
        value = int(number)
        words = cardinal(value, "genitive", "f" if female else "m")
        plural = not (value % 10 == 1 and value % 100 != 11)
    noun = parse.inflect({"gent", "plur" if plural else "sing"})
    if noun is None:
        return None
    name = "килограммов" if noun.word == "килограмм" else noun.word  # the literary plural
    return f"{words} {name}{_PER.get(match.group('per') or '', '')}"


# «Цена 5 рублей», «Стоимость 5 млрд тенге», «Сумма 21 тыс. рублей»: the amount after these
# nominatives is itself nominative; ru-normalizr reads it as their genitive («цена пяти
# рублей», «сумма двадцати тысячи рублей»).
AMOUNT_NOUNS = frozenset({"цена", "стоимость", "сумма"})
_SCALES = {"тыс": "тысяча", "млн": "миллион", "млрд": "миллиард"}
_CURRENCY_ABBREVIATIONS = {"руб": "рубль", "коп": "копейка", "долл": "доллар"}
_CURRENCIES = frozenset({"рубль", "копейка", "доллар", "цент", "тиын", "юань", "фунт"})
_INDECLINABLE = frozenset({"тенге", "евро"})
AMOUNT = re.compile(
    r"(?<![\w,.])(?P<num>\d{1,3}(?:[  \u202f]\d{3})+|\d+)"
    r"(?:\s(?P<scale>тыс|млн|млрд)\.?)?\s(?P<unit>[а-яё]+)(?P<dot>\.)?(?![\w-])"
)


def _amount(match: re.Match[str]) -> str | None:
    before = words_before(match)
    if not before or before[-1] not in AMOUNT_NOUNS:
        return None
    unit, value = match["unit"], int(re.sub(r"\s", "", match["num"]))
    lemma = _CURRENCY_ABBREVIATIONS.get(unit) if match["dot"] else None
    if lemma is None and unit not in _INDECLINABLE:
        found = [p.normal_form for p in morph.parses(unit) if p.normal_form in _CURRENCIES]
        if not found:
            return None
    currency = unit if lemma is None else ""
    gender = "f" if lemma == "копейка" or morph.has(unit, "NOUN", "femn") else "m"
    words = []
    if match["scale"]:
        scale = morph.noun(_SCALES[match["scale"]])
        gender = "f" if match["scale"] == "тыс" else "m"
        words += [cardinal(value, "nominative", gender), scale.make_agree_with_number(value).word]
        if lemma is not None:  # «5 тыс. руб.»: so many thousand roubles
            currency = morph.noun(lemma).inflect({"gent", "plur"}).word
    else:
        words.append(cardinal(value, "nominative", gender))
        if lemma is not None:
            currency = morph.noun(lemma).make_agree_with_number(value).word
    return " ".join([*words, currency]) + ("." if match["dot"] and lemma is None else "")


# «в 90-е» -> «в девяностые», «1960-е гг.» -> «тысяча девятьсот шестидесятые годы»: a decade
# written with «-е» is a plural ordinal.
DECADE = re.compile(r"(?<![\w,.])(?P<num>\d*[1-9]0)-е(?!\w)(?P<years>\s?гг\.)?")


def _decade(match: re.Match[str]) -> str:
    word = ordinal(int(match.group("num")))
    word = re.sub(r"(ый|ой|ий)$", lambda m: "ые" if m.group() != "ий" else "ие", word)
    return word + (" годы" if match.group("years") else "")


# Squares and cubes: «м²» -> «квадратный метр» after the library's unit reading («5 м²» ->
# «пять квадратных метров»); after anything else «в квадрате»: «x²» -> «икс в квадрате».
UNIT_POWER = re.compile(r"(?<![\w])(?P<unit>мм|см|дм|м|км)(?P<power>[²³])(?!\w)")
_POWERS = {"²": "2", "³": "3"}
_UNIT_NAMES = {
    "мм": "миллиметр",
    "см": "сантиметр",
    "дм": "дециметр",
    "м": "метр",
    "км": "километр",
}
_AFTER_DIGITS = re.compile(r"\d\s?(?:(?:тыс|млн|млрд)\.?\s?)?$")  # «5 м²», «2,5 тыс. м²»
# «2,5 тыс. кв. м»: the library reads «кв.» after «тыс.» as kilovolts; «м2» it declines.
SQUARE = re.compile(r"(?<![\w])кв\.\s?(?P<unit>мм|см|км|м)(?![\w])")


def _unit_power(match: re.Match[str]) -> str:
    unit, power = match.group("unit"), match.group("power")
    if _AFTER_DIGITS.search(match.string[: match.start()]):
        return unit + _POWERS[power]  # the library declines it with the number
    return ("квадратный " if power == "²" else "кубический ") + _UNIT_NAMES[unit]


# A sign on its own, not after a number, is read by its name: «%» -> «процент».
LONE_SIGN = re.compile(r"(?<![\w%°‰])(?<!\d\s)[%°‰](?![\w%°‰])")
_SIGN_NAMES = {"%": "процент", "°": "градус", "‰": "промилле"}
POWER = re.compile(r"[²³]")

# Abbreviations with a slash that the library leaves letter by letter.
SLASHED: dict[str, str] = {
    "б/у": "бывший в употреблении",  # продам б/у -> бывший в употреблении
    "н/д": "нет данных",  # н/д -> нет данных
    "а/м": "автомобиль",  # а/м -> автомобиль
    "ж/д": "железнодорожный",  # ж/д вокзал -> железнодорожный вокзал
    "п/п": "по порядку",  # № п/п -> номер по порядку
    "г/г": "год к году",  # инфляция 8,5% г/г -> год к году
    "м/м": "месяц к месяцу",  # рост 0,6% м/м -> месяц к месяцу
}
SLASH_ABBREVIATION = re.compile(
    r"(?<![\w/])(?:" + "|".join(re.escape(k) for k in SLASHED) + r")(?![\w/])", re.I
)

# «#новости» -> «хештег новости»
HASHTAG = re.compile(r"(?<![\w#])#(?=[^\W\d_])")

# «007», «0412» on their own: codes, the leading zeros are said («ноль ноль семь»). Two digits
# («06») are usually a day, month or hour written with a zero, and a long zero-padded field
# («002300») an amount: both are read as the number. «2 005» is a thousands group.
LEADING_ZEROS = re.compile(
    r"(?<![\w.,:/-])(?<!\d\s)0(?:0+|0*\d{2,})(?![\w,:/-]|\.\d|\s+[а-яёА-ЯЁ\d])"
)


def _leading_zeros(match: re.Match[str]) -> str | None:
    digits = match.group()
    if len(digits) > 4 and digits.strip("0"):
        return None
    zeros = len(digits) - len(digits.lstrip("0"))
    rest = digits.lstrip("0")
    words = ["ноль"] * (zeros if rest else max(zeros, 1))
    return " ".join(words + ([cardinal(int(rest))] if rest else []))


# «по тел. 8 7172…» -> «по телефону восемь…», «Тел.: +7…» -> «Телефон: плюс семь…»; the library
# keeps «тел.» and takes its dot for the end of a sentence.
PHONE_ABBREVIATION = re.compile(r"(?<![\w.])(?P<t>[Тт])ел\.(?=\s?:?\s?[\d+(])")


def _phone_abbreviation(match: re.Match[str]) -> str:
    word = "елефону" if words_before(match)[-1:] == ["по"] else "елефон"
    return match["t"] + word


# «этаж 5/9» -> «этаж 5 из 9»
FLOOR = re.compile(r"(?<=\bэтаж )(?P<a>\d{1,3})/(?P<b>\d{1,3})\b")

# «им. аль-Фараби» -> «имени аль-Фараби»; not the pronoun ending a sentence («деньги им. Они»).
IMENI = re.compile(r"(?<![\w.])им\.(?=\s?(?P<next>[А-ЯЁа-яё][\w-]*\.?))")


def _imeni(match: re.Match[str]) -> str | None:
    following = match.group("next")
    if following.endswith(".") and len(following) <= 3:
        return "имени"  # initials: «им. Н. Э. Баумана»
    word = following.rstrip(".").lower()
    known = morph.parses(word)
    if known and known[0].tag.POS in ("NPRO", "VERB", "PREP", "CONJ", "PRCL"):
        return None
    return "имени" if not known or any("gent" in p.tag for p in known) else None


_OTHER = "".join(OTHER_CYRILLIC) + "".join(OTHER_CYRILLIC).upper()
OTHER_LETTERS = re.compile(rf"\w*[{_OTHER}]\w*")

# «Python 3.11», «iOS 17.4», «версия 2.0.1» -> «три точка одиннадцать»: a version is not a
# decimal fraction (and not a time).
VERSION = re.compile(
    r"(?:(?<=[A-Za-z] )|(?<=[A-Za-z])|(?<=\bверсия )|(?<=\bверсии ))\d+(?:\.\d+)+(?![\w.]\d)"
)


def _version(match: re.Match[str]) -> str:
    return " точка ".join(cardinal(int(part)) for part in match.group().split("."))


# «на 300 г муки»: «г» without a dot before a noun in the genitive is grams (the library
# reads «на трёхсотый год муки»); a year («2020 г выпуска») keeps its reading.
GRAMS = re.compile(r"(?<![\w.,])(?P<num>\d+(?:,\d+)?)\s?г(?=\s(?P<next>[а-яё]+))")


def _grams(match: re.Match[str]) -> str | None:
    number = match.group("num")
    if "," not in number and 1000 <= int(number) <= 2100:
        return None
    if not morph.has(match.group("next"), "NOUN", "gent"):
        return None
    return f"{number} гр"


# «С. Петербург», «С.-Петербург»: the city, not an initial.
SAINT_PETERSBURG = re.compile(r"(?<![\w.])С\.\s?-?\s?(?=Петербург)")

# «OPEC+», «C++», «1 + 1»: a plus that is not a stress mark (those stand before a vowel) and
# not a sign before a number (the library reads «+5» as «плюс пять»).
PLUS = re.compile(r"\+(?![\d+аеёиоуыэюяАЕЁИОУЫЭЮЯ]|\s\d)|\+(?=\+)")

RULES = (
    Rule("plus", PLUS, lambda m: " плюс ", "OPEC+ -> опек плюс"),
    Rule("saint", SAINT_PETERSBURG, lambda m: "Санкт-", "С.-Петербург -> Санкт-Петербург"),
    Rule("grams", GRAMS, _grams, "на 300 г муки -> на 300 гр муки (-> триста граммов)"),
    Rule(
        "unit-power",
        UNIT_POWER,
        _unit_power,
        "5 м² -> 5 м2 (-> пять квадратных метров); м² -> квадратный метр",
    ),
    Rule(
        "square",
        SQUARE,
        lambda m: m.group("unit") + "2" if _AFTER_DIGITS.search(m.string[: m.start()]) else None,
        "2,5 тыс. кв. м -> 2,5 тыс. м2 (-> две с половиной тысячи квадратных метров)",
    ),
    Rule("sign", LONE_SIGN, lambda m: _SIGN_NAMES[m.group()], "% -> процент"),
    Rule("power", POWER, lambda m: " в квадрате" if m.group() == "²" else " в кубе", "x² -> …"),
    Rule(
        "slash-abbreviation",
        SLASH_ABBREVIATION,
        lambda m: SLASHED.get(m.group().lower()),
        "б/у -> бывший в употреблении",
    ),
    Rule("hashtag", HASHTAG, lambda m: "хештег ", "#новости -> хештег новости"),
    Rule("leading-zeros", LEADING_ZEROS, _leading_zeros, "007 -> ноль ноль семь"),
    Rule("version", VERSION, _version, "iOS 17.4 -> айос семнадцать точка четыре"),
    Rule("percent-range", PERCENT_RANGE, _percent_range, "коридор 5–7% -> коридор от 5 до 7%"),
    Rule(
        "percent-level",
        LEVEL,
        lambda m: _percent(m.group("num"), "genitive") if _after_level(m) else None,
        "на уровне 14,25% -> на уровне четырнадцати целых двадцати пяти сотых процента",
    ),
    Rule("measure-genitive", MEASURE, _measure, "на высоте 2750 м -> на высоте двух тысяч …"),
    Rule("amount", AMOUNT, _amount, "Цена 5 рублей -> Цена пять рублей (not «пяти»)"),
    Rule("decade", DECADE, _decade, "в 90-е -> в девяностые"),
    Rule("floor", FLOOR, lambda m: f"{m.group('a')} из {m.group('b')}", "этаж 5/9 -> этаж 5 из 9"),
    Rule("imeni", IMENI, _imeni, "КазНУ им. аль-Фараби -> казну имени аль-Фараби"),
    Rule(
        "phone-abbreviation", PHONE_ABBREVIATION, _phone_abbreviation, "по тел. 8… -> по телефону"
    ),
    Rule(
        "other-cyrillic",
        OTHER_LETTERS,
        lambda m: replace_other_cyrillic(m.group()),
        "Таза Есіл -> Таза Есил",
    ),
)
