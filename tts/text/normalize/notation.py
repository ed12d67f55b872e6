"""Repairs of how a text was typed, before any class reads it: invisible characters, editors'
stress accents, words typed in two scripts or against a number, Roman numerals typed in
Cyrillic, thousands grouped by points, a decimal or a minus typed with a space. Each repair
changes notation only, never a word's reading; --explain shows the repaired text.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
# An acute accent after a vowel is a stress mark («Фри́дрих»): Silero's «+» before the vowel.
_ACUTE = re.compile("([аеёиоуыэюяАЕЁИОУЫЭЮЯ])\u0301+")


_DASH_MINUS_SPAN = re.compile(
    r"(?<![\w.,])–(?=\d+(?:[.,]\d+)?(?:\.\.\.?|…)–\d)|(?:(?<=\.\.\.)|(?<=…))–(?=\d)"
)


def clean(text: str) -> str:
    """Invisible characters out; editors' stress accents as the engine's stress marks; words
    typed in two scripts («Всe знaют» with Latin «e», «a») in the script most of them use;
    accented Latin letters as plain ones («Ürei» -> «Urei»); a word and a number typed
    together apart again; Roman numerals typed in Cyrillic in Latin; thousands grouped by
    points or commas grouped by spaces; «3х3» typed apart («3 х 3»)."""
    text = _INVISIBLE.sub("", text).translate(_HYPHENS)  # first: «у\u00ad\u0301» is «у́»
    if "\u0301" in text:
        text = _ACUTE.sub(r"+\1", text)
    if _CYRILLIC_ROMAN.search(text):
        text = _CYRILLIC_ROMAN.sub(_roman_in_latin, text)
    if _MIXED.search(text):
        text = _MIXED_WORD.sub(_one_script, text)
        text = _CYRILLIC_ROMAN.sub(_roman_in_latin, text)  # a numeral the split set apart
    if _GREEK_ARMENIAN.search(text):
        text = _LOOKALIKE_WORD.sub(_cyrillic_lookalikes, text)  # «Зангезурскօго»: Armenian «օ»
    if _LATIN_PREPOSITION.search(text):
        text = _LATIN_PREPOSITION.sub(lambda m: m.group().translate(_TO_CYRILLIC), text)
    if not text.isascii():
        text = _ACCENTED.sub(_plain_latin, text)
        text = _WORD_THEN_DIGIT.sub(" ", text)
    if _ADDRESS.search(text) and _GLUED_LIST_ITEMS.search(text):
        text = _GLUED_LIST_ITEMS.sub(_apart_in_list, text)  # «ул. Кропоткина, 1, 3, 9,11, 13»
    if "–" in text and _DASH_MINUS_SPAN.search(text):
        text = _DASH_MINUS_SPAN.sub("-", text)  # «–4…–6»: dashes typed for minus signs
    if _SPACED_MINUS.search(text):
        text = _SPACED_MINUS.sub(r"\g<prep> -", text)  # «до – 54 градусов»: a minus, typed apart
    if _SPACED_DECIMAL.search(text):
        text = _SPACED_DECIMAL.sub(lambda m: f"{m[1]},{m[2] or m[3]}", text)  # «на 0, 7 года»
    text = _TIMES_LETTER.sub(r" \g<0> ", text)  # «3х3», «2560x1440»: apart, for the size rule
    if _THOUSANDS.search(text):
        text = _THOUSANDS.sub(lambda m: re.sub(r"[.,]", " ", m.group()), text)
    if "Вт" in text:
        text = _WATT_HOUR.sub(r"\1·ч", text)  # «кВт*ч», «МВт.ч»: the unit's point typed otherwise
    if "-" in text and _HYPHEN_TIME.search(text):
        text = _HYPHEN_SPAN.sub(_colon_span, text)  # «с 9-30 до 18-30»
        text = _HYPHEN_TIME.sub(_colon_time, text)  # «в 17-00», «с 10-00ч.»
    if _SPACED_YEARS.search(text):
        text = _SPACED_YEARS.sub(r"\1гг.", text)  # «в 2007-2008 г.г.»: the plural typed as two
    if _VULGAR.search(text):
        text = _VULGAR.sub(_vulgar_fraction, text)
    if _DEGREE_TYPED.search(text):
        text = _DEGREE_TYPED.sub("°С", text)  # «+22⁰С», «+40оС», «+2 0С»: a degree typed otherwise
    if _SPACED_CLOCK.search(text):
        text = _SPACED_CLOCK.sub(r"\1:\2", text)  # «с 10: 00 до 21: 00»
    if "\\" in text:
        text = _BACKSLASH_UNIT.sub(r"\1/", text)  # «16 м\сек», «60 км\ч»: a unit's slash mistyped
    if "/100" in text:
        text = _PER_100_KM.sub(" л на 100 км", text)  # «5,7 л/100 км»: fuel used per 100 km
    if "%" in text and _PERCENT_SPAN.search(text):
        text = _PERCENT_SPAN.sub(r"\1\2\3%", text)  # «на 16%-24%»: one span, its sign once
    if _ZERO_KOPECKS.search(text):
        text = _ZERO_KOPECKS.sub("", text)  # «3 454 206,00 рублей»: no kopecks, not said
    if "-" in text and _WEATHER_SPAN.search(text):
        text = _WEATHER_SPAN.sub(" – ", text)  # «3° мороза-2° тепла»: a range's dash typed short
    return text


# A degree sign typed as a superscript zero, a letter «о» or a zero after a space, before
# «С»: «+22⁰С», «+40оС», «до +8 0С»
_DEGREE_TYPED = re.compile(r"(?<=\d)(?:\s?⁰\s?|о|\s0)[СC](?![\wА-яЁё])")
# «с 10: 00 до 21: 00»: a clock typed with a space after its colon, after a preposition of time
_SPACED_CLOCK = re.compile(
    r"(?:(?<=\b[сСвк]\s)|(?<=\bдо\s)|(?<=\bпосле\s)|(?<=\bоколо\s))"
    r"([01]?\d|2[0-3]):\s([0-5]\d)(?!\d)"
)
# «206,00 рублей», «17215,00 тенге»: a price with no kopecks or tiyn, whose «,00» is not said
_ZERO_KOPECKS = re.compile(r"(?<=\d),00(?=\s?(?:руб|тенге|тг|долл|евро|сом|грн|лей|[₽₸$€]))")
_BACKSLASH_UNIT = re.compile(r"(\d\s?[а-яА-Я]{1,3})\\(?=[а-яё]{1,4}\.?(?!\w))")
_PER_100_KM = re.compile(r"(?<=\d)\s?л\s?/\s?100\s?км(?!\w)")
_PERCENT_SPAN = re.compile(r"(?<![\d,.])(\d+(?:,\d+)?)\s?%\s?([-–—])\s?(\d+(?:,\d+)?)\s?%")
_WEATHER_SPAN = re.compile(r"(?:(?<=мороза)|(?<=тепла))-(?=\d)")


_WATT_HOUR = re.compile(r"(?<!\w)([кМГТ]?Вт)\s?[*.⋅∙•]\s?ч(?!\w)")
# «2½ года» is «2,5 года»; a fraction sign alone, «½ стакана», is «1/2 стакана»
_VULGAR_PARTS = {"½": ("5", "1/2"), "¼": ("25", "1/4"), "¾": ("75", "3/4"), "⅓": ("", "1/3"),
                 "⅔": ("", "2/3")}  # fmt: skip
# A clock typed with a hyphen: «с 17-00ч. до 21-00ч.», «в 10-00». Only where it cannot be a
# range of counts: whole hours after a preposition of time, a glued «ч», or a «с … до …» pair.
_HYPHEN_CLOCK = r"(?:[01]?\d|2[0-3])-[0-5]\d"
_HYPHEN_TIME = re.compile(
    r"(?<![\w.,:/-])(?P<clock>(?P<h>[01]?\d|2[0-3])-(?P<m>[0-5]\d))"
    r"(?P<glued>\s?ч\.?(?!\w))?(?![\w-]|[.,]\d)"
)
_HYPHEN_SPAN = re.compile(
    rf"(?<!\w)(?P<from>[сС]о?\s)(?P<a>{_HYPHEN_CLOCK})(?:\s?ч\.?)?(?P<to>\s?(?:до|[-–—])\s?)"
    rf"(?P<b>{_HYPHEN_CLOCK})(?:\s?ч\.?(?!\w))?(?![\w-]|[.,]\d)"
)
_TIME_PREPOSITION = re.compile(r"(?i)(?<!\w)(?:с|со|до|в|во|к|ко|после|около|по|на)\s$")


def _colon_span(match: re.Match[str]) -> str:
    a, b = (match[k].replace("-", ":") for k in ("a", "b"))
    return f"{match['from']}{a}{match['to']}{b}"


def _colon_time(match: re.Match[str]) -> str:
    after_preposition = _TIME_PREPOSITION.search(match.string[: match.start()])
    whole_hour = match["m"] == "00" and after_preposition
    # «в 00-21», «в 09-30»: an hour with its leading zero is a clock, not a range of counts
    zero_led = len(match["h"]) == 2 and match["h"].startswith("0") and after_preposition
    if match["glued"] or whole_hour or zero_led:
        return match["clock"].replace("-", ":")
    return match.group()


_SPACED_YEARS = re.compile(r"(?<=\d)(\s?)г\.\s?г\.")
_VULGAR = re.compile(r"(\d*)\s?([½¼¾⅓⅔])")


def _vulgar_fraction(match: re.Match[str]) -> str:
    decimal, fraction = _VULGAR_PARTS[match[2]]
    if not match[1]:
        return " " + fraction if match.group().startswith(" ") else fraction
    if decimal:
        return f"{match[1]},{decimal}"
    return f"{match[1]} и {fraction}"  # «1⅓» has no exact decimal


# «составил13 254 тенге», «к марту2022г.»: a lower-case word typed against a number
_WORD_THEN_DIGIT = re.compile(r"(?<=[а-яё]{3})(?=\d)|(?<=\d\d)(?=[а-яё]{4,})")  # «945,57пункта»
# House numbers listed after a street: «9,11» between two items is «9, 11», no decimal
_ADDRESS = re.compile(r"(?<!\w)(?:ул\.|улиц|дом|д\.|пр\.|проспект|переул|мкр)", re.IGNORECASE)
_GLUED_LIST_ITEMS = re.compile(r"(?<=, )(\d{1,3}),(\d{1,3})(?=, \d|;)")


def _apart_in_list(match: re.Match[str]) -> str:
    before = match.string[: match.start() - 2]
    if re.search(r"(?:^|[\s,])\d{1,3}[а-я]?$", before) and not re.search(r"\d,\d+$", before):
        return f"{match[1]}, {match[2]}"
    return match.group()


_SPACED_MINUS = re.compile(
    r"(?<!\w)(?P<prep>до|от|около|с|на)\s[–—-]\s(?=\d+(?:[,.]\d+)?\s?(?:°|градус))", re.IGNORECASE
)
# «73, 6 года», «126, 81 тенге»: a decimal typed with a space after its comma (the noun's
# singular genitive cannot follow «6» or «81» as a count, so no list is meant)
# «на 0, 7 года», «37, 61 центнера»: the genitive singular proves a fraction where a list
# would end in another form («0, 7 лет», «37, 61 центнер»); not after 2–4 («2, 3 года»).
# «65, 3 млрд сомов», «121, 8 млрд рублей»: before a scale abbreviation no list is meant.
_SPACED_DECIMAL = re.compile(
    r"(?<![\d,.])(\d{1,4}), (?:(\d?[015-9]|1\d)(?=\s(?:года|процента|тенге|рубля|доллара|"
    r"метра|километра|килограмма|тонны|балла|пункта|гектара|градуса|центнера|литра|сантиметра|"
    r"миллиметра|тысячи|миллиона|миллиарда|триллиона)(?!\w))|(\d{1,2})(?=\s(?:млн|млрд|трлн)\b))"
)
_TIMES_LETTER = re.compile(r"(?<=\d)[xхXХ](?=\d)")
# «100.000 долларов», «1,000 станций», «1.250.000»: thousands grouped by a point or a comma
# (no decimal has a fraction of exactly «000», and several groups are no decimal at all)
_THOUSANDS = re.compile(
    r"(?<![\d.,])(?:[1-9]\d{0,2}[.,]000|\d{1,3}(?:\.\d{3}){2,}|\d{1,3}(?:,\d{3}){2,})(?![.,]?\d)"
)
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})  # «14‑19 августа»: typeset hyphens
# (Latin «i» for the Kazakh and Ukrainian «і»: «Әмiре», «Бiржан»)
_LATIN_LOOKALIKES = "aceopxyiABCEHKMOPTXI"
_CYRILLIC_LOOKALIKES = "асеорхуіАВСЕНКМОРТХІ"
_TO_CYRILLIC = str.maketrans(_LATIN_LOOKALIKES, _CYRILLIC_LOOKALIKES)
_TO_LATIN = str.maketrans(_CYRILLIC_LOOKALIKES, _LATIN_LOOKALIKES)
# Kazakh Latin (2021): «ý» is «у» («Azattyq Rýhy» -> «Азаттык Рухы»), «ı» is «і»
# and Azerbaijani «ə» an «а» («TƏBİB» -> «Табиб»)
_KAZAKH_LATIN = {"ý": "u", "Ý": "U", "ı": "i", "ə": "a", "Ə": "A"}


def _plain_latin(match: re.Match[str]) -> str:
    letter = match.group()
    return _KAZAKH_LATIN.get(letter) or unicodedata.normalize("NFKD", letter)[0]


# Greek and Armenian letters that look Cyrillic, typed inside Russian words
_GREEK_ARMENIAN_CYRILLIC = str.maketrans("οαερχΟΑΒΕΗΚΜΡΤΧօ", "оаерхОАВЕНКМРТХо")
_GREEK_ARMENIAN = re.compile("[οαερχΟΑΒΕΗΚΜΡΤΧօ]")
_LOOKALIKE_WORD = re.compile(r"[а-яёА-ЯЁοαερχΟΑΒΕΗΚΜΡΤΧօ]+")


def _cyrillic_lookalikes(match: re.Match[str]) -> str:
    word = match.group()
    if re.search("[а-яёА-ЯЁ]", word):
        return word.translate(_GREEK_ARMENIAN_CYRILLIC)
    return word  # a Greek word stays Greek


_MIXED = re.compile(r"[а-яёА-ЯЁ][A-Za-z]|[A-Za-z][а-яёА-ЯЁ]")
_MIXED_WORD = re.compile(r"[A-Za-zа-яёА-ЯЁ]+")
_ACCENTED = re.compile("[À-ÖØ-öø-ÿĀ-ɏəƏ]")
# A one-letter preposition typed in Latin («C 22:00 21 мая», «c 5 лет»): before a number or
# a Russian word, at a sentence's start (capital) or after anything but a Latin word (small).
_LATIN_PREPOSITION = re.compile(
    r"(?:^|(?<=[.!?]\s))[CcOoAaKkYy](?=\s[\dа-яё])|(?<=[^\sA-Za-z]\s)[coaky](?=\s[\dа-яё])"
)


# «ХІІ театральный сезон», «ХХ век», «І полугодие»: Roman numerals typed with Cyrillic «Х»
# and the Ukrainian and Kazakh «І»
_CYRILLIC_ROMAN = re.compile(r"(?<![\w-])(?:І|(?=[XIV]*[ХІ])[ХІXIV]{2,6})(?![\w-])")
_ROMAN_TENS_UNITS = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")


def _roman_in_latin(match: re.Match[str]) -> str:
    latin = match.group().translate(str.maketrans("ХІ", "XI"))
    return latin if _ROMAN_TENS_UNITS.fullmatch(latin) else match.group()


def _one_script(match: re.Match[str]) -> str:
    word = match.group()
    cyrillic = [c for c in word if not c.isascii()]
    latin = [c for c in word if c.isascii()]
    if not cyrillic or not latin:
        return word
    minority = latin if len(cyrillic) >= len(latin) else cyrillic
    lookalikes = _LATIN_LOOKALIKES if minority is latin else _CYRILLIC_LOOKALIKES
    if all(c in lookalikes for c in minority):  # «Всe» with a Latin «e»: one script
        return word.translate(_TO_CYRILLIC if minority is latin else _TO_LATIN)
    # «передаетAlmaty.tv»: two words typed together, apart again
    return re.sub(r"(?<=[а-яёА-ЯЁ])(?=[A-Za-z])|(?<=[A-Za-z])(?=[а-яёА-ЯЁ])", " ", word)
