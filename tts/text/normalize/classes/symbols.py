"""Signs, slashed abbreviations, versions and letters of other Cyrillic alphabets: the small
verbatim classes («OPEC+» -> «опек плюс», «б/у», «iOS 17.4», «Есіл» -> «Есил»)."""

from __future__ import annotations

import re

from tts.text.normalize.alphabet import OTHER_CYRILLIC, replace_other_cyrillic
from tts.text.normalize.classes.abbreviations import agree_adjective
from tts.text.normalize.numbers import cardinal
from tts.text.normalize.rules import Reading, Rule
from tts.text.normalize.sentence import Sentence

# A sign on its own, not after a number, is read by its name: «%» -> «процент».
LONE_SIGN = re.compile(r"(?<![\w%°‰])(?<!\d\s)[%°‰](?![\w%°‰])")
_SIGN_NAMES = {"%": "процент", "°": "градус", "‰": "промилле"}
POWER = re.compile(r"[²³]")
# «±1,5 п.п.», «точность ±2 мм»: the sign said before its number
PLUS_MINUS = re.compile(r"\s?±\s?")

# Abbreviations with a slash.
SLASHED: dict[str, str] = {
    "б/у": "бывший в употреблении",  # продам б/у
    "н/д": "нет данных",  # н/д
    "ж/д": "железнодорожный",  # ж/д вокзал
    "п/п": "по порядку",  # № п/п
    "г/г": "год к году",  # инфляция 8,5% г/г
    "м/м": "месяц к месяцу",  # рост 0,6% м/м
    "в/ч": "войсковая часть",  # в/ч 12345
    "с/х": "сельскохозяйственный",  # с/х техника
    "р/с": "расчётный счёт",  # р/с
}
SLASH_ABBREVIATION = re.compile(
    r"(?<![\w/])(?:" + "|".join(re.escape(k) for k in SLASHED) + r")(?![\w/])", re.I
)
_SLASHED_ADJECTIVES = frozenset({"железнодорожный", "сельскохозяйственный"})


def _slashed(match: re.Match[str], sentence: Sentence) -> Reading:
    """«до ж/д вокзала» -> «до железнодорожного вокзала»: an adjective agrees with its noun."""
    spoken = SLASHED[match.group().lower()]
    if spoken not in _SLASHED_ADJECTIVES:
        return Reading(spoken, "a fixed expansion")
    return Reading(*agree_adjective(spoken, sentence, match.end(), match.start()))


HASHTAG = re.compile(r"(?<![\w#])#(?=[^\W\d_])")
# «… 17-26 процентов. #новостиактау #погодавактау»: tags after a post's last sentence are
# not read (a tag standing alone, «#новости», is)
# «…добыть 20 т урана.--0--»: a news agency's end-of-story mark, not read
END_MARK = re.compile(r"(?<=[.!?…»\"])\s*-{2,}0-{2,}\s*$")
TRAILING_HASHTAGS = re.compile(r"(?<=[.!?…])(?:\s*(?<![\w#])#[^\W\d_][\w-]*)+\s*$")

_OTHER = "".join(OTHER_CYRILLIC) + "".join(OTHER_CYRILLIC).upper()
OTHER_LETTERS = re.compile(rf"\w*[{_OTHER}]\w*")

# «Python 3.11», «iOS 17.4», «версия 2.0.1» -> «три точка одиннадцать».
# «192.168.1.1»: an IP address, number by number
IP_ADDRESS = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.]|\.\d)")
VERSION = re.compile(
    # not a magnitude: «MPV 4.5», «Mw 6.1» are decimals
    r"(?<!MPV )(?<!Mw )(?<!ML )(?<!Ms )(?<!mb )"
    r"(?:(?<=[A-Za-z] )|(?<=[A-Za-z])|(?<=\b[Вв]ерсия )|(?<=\b[Вв]ерсии ))\d+(?:\.\d+)+(?![\w.]\d)"
)


def _version(match: re.Match[str], sentence: Sentence) -> Reading:
    del sentence
    spoken = " точка ".join(cardinal(int(part)) for part in match.group().split("."))
    return Reading(spoken, "a version number")


SAINT_PETERSBURG = re.compile(r"(?<![\w.])С\.\s?-?\s?(?=Петербург)")
# «OPEC+», «C++», «1 + 1»: a plus that is not a stress mark (those stand before a vowel) and
# not a sign before a number.
PLUS = re.compile(r"\+(?![\d+аеёиоуыэюяАЕЁИОУЫЭЮЯ]|\s\d)|\+(?=\+)|(?<=\s)\+(?=\s)")
# «>>», «<<», «→», «•», «|»: navigation and bullets, not read.
ARROWS = re.compile(r"(?:>>|<<|»»|→|←|►|▶|•|■|▪)+")
# «видеоролик, <…> где»: an editor's mark of words left out; a stray «<» before a capital
# («АЗЕРБАЙДЖАН, <Азербайджанская Республика»): neither is read
OMISSION = re.compile(r"[<\[(](?:…|\.\.\.)[>\])]|(?<=\s)<(?=[А-ЯЁA-Z][^>]*$)")
# «<Казахойлом>»: angle brackets typed for quotation marks around a name, not read
ANGLE_QUOTES = re.compile(r"<(?=[А-ЯЁA-Z][\w\s.-]{0,60}>)|(?<=[\w.])>")
_QUOTE_OPENED = re.compile(r"<[А-ЯЁA-Z][\w\s.-]{0,60}$")


def _angle_quote(match: re.Match[str], sentence: Sentence) -> Reading | None:
    if match.group() == ">" and not _QUOTE_OPENED.search(sentence.text[: match.start()]):
        return None  # «c > d»: the sign
    return Reading(" ", "angle brackets for quotation marks: not read")


# «&» between words: «и» («R&D» is spelled by the Latin class); in English names «энд».
AMPERSAND = re.compile(r"(?<=\s)&(?=\s)|(?<=[A-Za-z])&(?=[A-Za-z])")


def _ampersand(match: re.Match[str], sentence: Sentence) -> str:
    before = sentence.text[: match.start()].rstrip()
    return " энд " if before[-1:].isascii() and before[-1:].isalpha() else " и "


GREEK: dict[str, str] = {
    "α": "альфа", "β": "бета", "γ": "гамма", "δ": "дельта", "ε": "эпсилон", "ζ": "дзета",
    "η": "эта", "θ": "тета", "ι": "йота", "κ": "каппа", "λ": "лямбда", "μ": "мю", "ν": "ню",
    "ξ": "кси", "π": "пи", "ρ": "ро", "σ": "сигма", "τ": "тау", "υ": "ипсилон", "φ": "фи",
    "χ": "хи", "ψ": "пси", "ω": "омега", "Δ": "дельта", "Σ": "сигма", "Ω": "омега",
    "Φ": "фи", "Ψ": "пси", "Π": "пи", "Λ": "лямбда", "Γ": "гамма", "Θ": "тета",
}  # fmt: skip
GREEK_LETTER = re.compile("[" + "".join(GREEK) + "]")
MATH = re.compile(
    # «6−8 июня»: a minus sign typed for a dash before a noun is a span, not a subtraction
    r"(?<=\s)[×÷](?=\s)|(?<=\d)[×÷^](?=\d)|(?<=^\d)−(?=\d+$)|(?<=\s\d)−(?=\d\b)(?!\d\s+[а-яё])"
    # «45+4-й», «4+2+4»; not after a signed number («-1+1°С», «+18+20 градусов»: a span)
    r"|(?<![^\d][-−+]\d)(?<!^[-−+]\d)(?<![^\d][-−+]\d\d)(?<!^[-−+]\d\d)(?<=[\dA-Za-z])\+(?=\d)"
    r"|(?<=\d )[xхXХ](?= \d)"  # «3 х 3», «2560 x 1440»: a size or a format
    r"|(?:(?<=\d\sм )|(?<=\d\sсм )|(?<=\d\sмм ))[xхXХ](?= \d)"  # «8,5 м х 4 м»
)
# «этаж 5/9» -> «этаж пять из девяти»
FLOOR = re.compile(r"(?<=\bэтаж )(?P<a>\d{1,3})/(?P<b>\d{1,3})\b")
# Squares and cubes of units not after a number: «м²» -> «квадратный метр»; «x²» -> «икс в
# квадрате».
# (not after a number or its scale: «28,14 млрд м³» is the measure class's)
UNIT_POWER = re.compile(
    r"(?<![\w/])(?<!\d\s)(?<!млрд\s)(?<!млн\s)(?<!тыс\.\s)(?<!тыс\s)"
    r"(?P<unit>мм|см|дм|м|км)(?P<power>[²³])(?!\w)"
)
_UNIT_NAMES = {"мм": "миллиметр", "см": "сантиметр", "дм": "дециметр", "м": "метр",
               "км": "километр"}  # fmt: skip


def _math(match: re.Match[str], sentence: Sentence) -> str:
    del sentence
    # «2560 × 1440 точек»: the sign may stand between spaces
    before = re.search(r"(\d+)\s?$", match.string[: match.start()])
    after = re.match(r"\s?(\d+)\s?(?P<word>[а-яёa-z]*)", match.string[match.end() :])
    if match.group() in "xхXХ":
        return " на "
    if match.group() == "×" and before and after:
        big = max(int(before[1]), int(after[1])) >= 100
        bracketed = match.string[: before.start()].endswith("(")  # «дом (6×7)»: a size
        if big or after["word"] or bracketed:
            return " на "  # «1600×720», «30×40 см»: a size; «5×3» is a product
    return {
        "×": " умножить на ",
        "÷": " разделить на ",
        "^": " в степени ",
        "−": " минус ",
        "+": " плюс ",
    }[match.group()]


# Footnote markers: «Кагарлицкий[10]», «полумесяце{5}»: not read.
FOOTNOTE = re.compile(
    r"(?<=[^\W\d])[\[{]\d{1,3}[\]}]|(?<=[.,;:])[\[{]\d{1,3}[\]}]"
    r"|(?:(?<=[^\W\d])|(?<=[.,;:)])) \[\d{1,3}\](?=[\s,.;:]|$)"  # «на Дону [165] ,»
    r"|(?<=[а-яё]{3}\.)\d{1,3}\s*$"  # «город восстановлен заново.83»: a mark after the end
)


def _floor(match: re.Match[str], sentence: Sentence) -> str:
    del sentence
    return f"{cardinal(int(match['a']))} из {cardinal(int(match['b']), 'genitive')}"


def _unit_power(match: re.Match[str], sentence: Sentence) -> str:
    del sentence
    adjective = "квадратный" if match["power"] == "²" else "кубический"
    return f"{adjective} {_UNIT_NAMES[match['unit']]}"


# Claimed before numbers: their digits and signs are not amounts.
EARLY = (
    Rule("symbol", FOOTNOTE, lambda m, s: Reading(" ", "a footnote mark: not read"), "[10]"),
    Rule("symbol", PLUS, lambda m, s: " плюс ", "OPEC+ -> опек плюс"),
    Rule("symbol", ARROWS, lambda m, s: Reading(" ", "not read"), "Ria.ru >> -> Ria.ru"),
    Rule("symbol", OMISSION, lambda m, s: Reading(" ", "an omission mark: not read"), "<…>"),
    Rule("symbol", ANGLE_QUOTES, _angle_quote, "<Казахойлом> -> Казахойлом"),
    Rule("symbol", AMPERSAND, _ampersand, "Procter & Gamble -> Проктер энд Гэмбл"),
    Rule("abbreviation", SAINT_PETERSBURG, lambda m, s: "Санкт-", "С.-Петербург -> Санкт-…"),
    Rule("symbol", GREEK_LETTER, lambda m, s: GREEK[m.group()], "α -> альфа"),
    Rule("symbol", MATH, _math, "9 × 11 -> девять умножить на одиннадцать"),
    Rule("fraction", FLOOR, _floor, "этаж 5/9 -> этаж пять из девяти"),
    Rule("measure", UNIT_POWER, _unit_power, "один м² -> один квадратный метр"),
    Rule("version", IP_ADDRESS, _version, "192.168.1.1 -> сто девяносто два точка …"),
    Rule("version", VERSION, _version, "iOS 17.4 -> айос семнадцать точка четыре"),
)
LATE = (
    Rule("symbol", LONE_SIGN, lambda m, s: _SIGN_NAMES[m.group()], "% -> процент"),
    Rule("symbol", PLUS_MINUS, lambda m, s: " плюс-минус ", "±2 мм -> плюс-минус два миллиметра"),
    Rule("symbol", POWER, lambda m, s: " в квадрате" if m.group() == "²" else " в кубе", "x²"),
    Rule(
        "abbreviation",
        SLASH_ABBREVIATION,
        _slashed,
        "б/у -> бывший в употреблении",
    ),
    Rule(
        "symbol",
        TRAILING_HASHTAGS,
        lambda m, s: Reading(" ", "hashtags closing a post: not read"),
        "… погода. #новости -> … погода.",
    ),
    Rule("symbol", HASHTAG, lambda m, s: "хештег ", "#новости -> хештег новости"),
    Rule("symbol", END_MARK, lambda m, s: Reading("", "an end-of-story mark: not read"), "--0--"),
    Rule(
        "other cyrillic",
        OTHER_LETTERS,
        lambda m, s: replace_other_cyrillic(m.group()),
        "Таза Есіл -> Таза Есил",
    ),
)
