"""Acronyms: read by letter names («ДТП» -> «дэ тэ пэ») or as a word («МИД» -> «мид»).

Known ones come from the table; an unknown one is read as a word when it is pronounceable
(see latin.is_pronounceable), else by letters. The lexicon overrides both.
"""

from __future__ import annotations

import re
from functools import cache

from tts.normalize.alphabet import spell_cyrillic, spell_latin
from tts.normalize.latin import BRANDS, is_pronounceable
from tts.normalize.rules import Rule

RU_VOWELS = "аеёиоуыэюя"
EN_VOWELS = "aeiouy"

# Cyrillic acronyms whose reading the default rule would get wrong, or that it needs to know
# are acronyms at all. The value is the reading; None means "by letters".
CYRILLIC: dict[str, str | None] = {
    "США": "сэ шэ а",  # США -> сэ шэ а (the default would say «сша»)
    "ООН": "оон",  # ООН -> оон
    "МИД": "мид",  # МИД -> мид
    "ВУЗ": "вуз",  # ВУЗ -> вуз
    "КазНУ": "казну",  # КазНУ -> казну
    "МГУ": None,  # МГУ -> эм гэ у
    "ЕАЭС": "е а э эс",  # ЕАЭС -> е а э эс
    "ЕС": "е эс",  # ЕС -> е эс
    "СНГ": None,  # СНГ -> эс эн гэ
    "ЦРУ": None,  # ЦРУ -> цэ эр у
    "ФРГ": None,  # ФРГ -> эф эр гэ
    "ЧП": None,  # ЧП -> чэ пэ
    "ОАО": None,  # ОАО -> о а о
    "АО": None,  # АО -> а о
    "ТОО": None,  # ТОО -> тэ о о
    "ИП": None,  # ИП -> и пэ
}

# Words typed in capitals that are not acronyms («ВНИМАНИЕ») are left to the library.
_CYR = re.compile(r"(?<![\w-])(?:[А-ЯЁ][а-яё]{0,3})?[А-ЯЁ]{2,}(?:[а-яё]{1,2}\b)?(?![\w])")
_BRAND = re.compile(r"(?<![\w.@/-])[A-Za-z][A-Za-z-]*[A-Za-z](?![\w@]|\.\w)")
_LAT = re.compile(r"(?<![\w.@/-])[A-Z]{2,6}(?![\w@]|\.\w)")


_FUNCTION_POS = {"PREP", "CONJ", "PRCL", "NPRO", "INTJ"}


@cache
def _morph() -> object:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _is_known_word(word: str) -> bool:
    """A capitalised ordinary word: «ВНИМАНИЕ», or a short function word «НА», «ОН»."""
    morph = _morph()
    low = word.lower()
    if not morph.word_is_known(low):  # type: ignore[attr-defined]
        return False
    parses = morph.parse(low)  # type: ignore[attr-defined]
    if any("Abbr" in p.tag for p in parses):
        return False
    if len(low) <= 3:  # short capitals are acronyms unless they are function words
        return any(p.tag.POS in _FUNCTION_POS for p in parses[:1])
    return True


def read_cyrillic(word: str) -> str | None:
    if word in CYRILLIC:
        return CYRILLIC[word] or spell_cyrillic(word)
    if not word.isupper() or len(word) > 6 or _is_known_word(word):
        return None
    return word.lower() if is_pronounceable(word, RU_VOWELS) else spell_cyrillic(word)


def _render_cyrillic(match: re.Match[str]) -> str | None:
    word = match.group()
    if word in CYRILLIC or word.isupper():
        return read_cyrillic(word)
    caps = re.fullmatch(r"([А-ЯЁ][а-яё]{0,3})?([А-ЯЁ]{2,})([а-яё]*)", word)
    if caps is None:
        return None
    head, core, tail = caps.groups()
    reading = CYRILLIC.get(core) or (None if head else read_cyrillic(core))
    if head:  # «КазНУ» style: the lowercase head glues into one word
        return (head + core + tail).lower() if is_pronounceable(head + core, RU_VOWELS) else None
    return None if reading is None else reading + (" " + tail if tail else "")


_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


def read_latin(word: str) -> str | None:
    """None for Roman numerals («XXI»): ru-normalizr reads them in context."""
    if _ROMAN.fullmatch(word):
        return None
    low = word.lower()
    if low in BRANDS:
        return BRANDS[low]
    if is_pronounceable(low, EN_VOWELS) and len(low) >= 4:
        from tts.normalize.latin import transliterate

        return transliterate(low)
    return spell_latin(low)


# «А. С. Ахметов» -> «а эс Ахметов»: initials before a surname, read by letter names.
_INITIALS = re.compile(r"(?<![\w.])(?:[А-ЯЁ]\.\s?){1,2}(?=[А-ЯЁ][а-яё])")


def _initials(match: re.Match[str]) -> str:
    return " ".join(spell_cyrillic(c) for c in re.findall(r"[А-ЯЁ]", match.group())) + " "


RULES = (
    Rule("initials", _INITIALS, _initials, "А. С. Ахметов -> а эс Ахметов"),
    Rule("acronym", _CYR, _render_cyrillic, "ДТП -> дэ тэ пэ; ООН -> оон"),
    Rule("latin-acronym", _LAT, lambda m: read_latin(m.group()), "GCN -> джи си эн; NASA -> наса"),
    Rule("brand", _BRAND, lambda m: BRANDS.get(m.group().lower()), "iPhone -> айфон"),
)
