"""Acronyms: read by letter names («ДТП» -> «дэ тэ пэ») or as a word («МИД» -> «мид»).

Known ones come from the table; an unknown one is read as a word when it is pronounceable
(see latin.is_pronounceable), else by letters. The lexicon overrides both.
"""

from __future__ import annotations

import re

from tts.normalize import morph
from tts.normalize.alphabet import spell_cyrillic, spell_latin
from tts.normalize.latin import BRANDS, ENGLISH, is_pronounceable, transliterate
from tts.normalize.library import library_reads_unit
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
    "ГИБДД": "ги бэ дэ дэ",  # ГИБДД -> ги бэ дэ дэ (the first syllable is said as a word)
}

# Codes the library expands in context («ст. 49 УК РФ» -> «уголовного кодекса российской
# федерации»): our letter reading would lose the meaning.
_LIBRARY_PHRASE = re.compile(r"(?<![\w-])(?:УК|АК) РФ(?!\w)")

# Words typed in capitals that are not acronyms («ВНИМАНИЕ») are left to the library.
_CYR = re.compile(r"(?<![\w-])(?:[А-ЯЁ][а-яё]{0,3})?[А-ЯЁ]{2,}(?:[а-яё]{1,2}\b)?(?![\w])")
_BRAND = re.compile(r"(?<![\w.@/-])[A-Za-z][A-Za-z-]*[A-Za-z](?![\w@]|\.\w)")
_LAT = re.compile(r"(?<![\w.@/-])[A-Z]{2,6}(?![\w@]|\.\w)")


_FUNCTION_POS = {"PREP", "CONJ", "PRCL", "NPRO", "INTJ"}


def _is_known_word(word: str) -> bool:
    """A capitalised ordinary word: «ВНИМАНИЕ», or a short function word «НА», «ОН»."""
    low = word.lower()
    if not morph.is_known(low):
        return False
    parses = morph.parses(low)
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
    if library_reads_unit(match) or in_library_phrase(match):
        return None
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


def in_library_phrase(match: re.Match[str]) -> bool:
    around = match.string[max(0, match.start() - 3) : match.end() + 3]
    return bool(_LIBRARY_PHRASE.search(around))


_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


def read_latin(word: str) -> str | None:
    """None for Roman numerals («XXI»): ru-normalizr reads them in context."""
    if _ROMAN.fullmatch(word):
        return None
    return read_latin_word(word)


def read_latin_word(word: str) -> str:
    """A Latin word: the brand table, else spelled when it cannot be said as a word («abc»,
    «GmbH»), else transliterated («Tiberius» -> «тибериус»)."""
    low = word.lower()
    if low in BRANDS:
        return BRANDS[low]
    if low in ENGLISH:
        return ENGLISH[low]
    if word.isupper():  # an acronym: said as a word only when it reads like one («NASA»)
        as_word = len(low) >= 4 and is_pronounceable(low, EN_VOWELS)
    else:  # a word: «in», «Half», «next», «Pro», «art»; not «abc», «GmbH»
        has_vowel = any(c in EN_VOWELS for c in low)
        as_word = has_vowel and (len(low) != 3 or _english_syllable(low))
    return transliterate(low) if as_word else spell_latin(low)


# Consonant pairs an English word can start or end with: «Pro», «sky», «art», «end» are words;
# «abc», «bcd» are letters.
_ONSETS = frozenset({
    "bl", "br", "ch", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "kn", "ph", "pl", "pr", "sc",
    "sh", "sk", "sl", "sm", "sn", "sp", "st", "sw", "th", "tr", "tw", "wh", "wr",
})  # fmt: skip
_CODAS = frozenset({
    "bs", "ch", "ck", "ct", "ds", "ff", "ft", "gs", "ks", "ld", "lf", "lk", "ll", "lm", "lp",
    "ls", "lt", "mp", "ms", "nd", "ng", "nk", "ns", "nt", "ps", "pt", "rb", "rd", "rk", "rm",
    "rn", "rs", "rt", "sh", "sk", "sp", "ss", "st", "th", "ts", "xt", "zz",
})  # fmt: skip


def _english_syllable(word: str) -> bool:
    """A three-letter word that English could say as one syllable."""
    pattern = "".join("v" if c in EN_VOWELS else "c" for c in word)
    if "v" not in pattern:
        return False
    if pattern.startswith("cc") and word[:2] not in _ONSETS:
        return False
    return not (pattern.endswith("cc") and word[-2:] not in _CODAS)


# «А. С. Ахметов» -> «а эс Ахметов»: initials before a surname, read by letter names.
_INITIALS = re.compile(r"(?<![\w.])(?:[А-ЯЁ]\.\s?){1,2}(?=[А-ЯЁ][а-яё])")


def _initials(match: re.Match[str]) -> str:
    return " ".join(spell_cyrillic(c) for c in re.findall(r"[А-ЯЁ]", match.group())) + " "


# Any other Latin word (ru-normalizr's English phonetics misread names, «Tiberius» ->
# «тайбэриюс», and cost ~25 ms a word in a database lookup).
_WORD = re.compile(r"(?<![\w.@/-])[A-Za-z]+(?:['’-][A-Za-z]+)*(?![\w@]|\.\w)")


# «Mr. Поппер», «Vol. 34», «No. 2»: a short Latin abbreviation before a name or a number is
# the library's (it reads «мистер», «том», «номер»).
_ABBREVIATION_AFTER = re.compile(r"\.\s?[A-ZА-ЯЁ\d]")


def _latin_word(match: re.Match[str]) -> str | None:
    parts = re.split(r"['’-]", match.group())
    if library_reads_unit(match) or all(_ROMAN.fullmatch(p) for p in parts):
        return None  # «XV-XVI вв.»: the library reads Roman ranges in context
    after = match.string[match.end() : match.end() + 3]
    if len(match.group()) <= 3 and _ABBREVIATION_AFTER.match(after):
        return None
    whole = BRANDS.get(match.group().lower())
    spoken = whole or " ".join(read_latin(w) or w for w in parts)
    return spoken[:1].upper() + spoken[1:] if match.group()[:1].isupper() else spoken


def _brand(match: re.Match[str]) -> str | None:
    spoken = BRANDS.get(match.group().lower())
    written = match.group()
    if spoken and written[:1].isupper() and written[1:2].islower():  # «Telegram», not «iPhone»
        return spoken[:1].upper() + spoken[1:]
    return spoken


RULES = (
    Rule("initials", _INITIALS, _initials, "А. С. Ахметов -> а эс Ахметов"),
    Rule("acronym", _CYR, _render_cyrillic, "ДТП -> дэ тэ пэ; ООН -> оон"),
    Rule(
        "latin-acronym",
        _LAT,
        lambda m: None if library_reads_unit(m) else read_latin(m.group()),
        "GCN -> джи си эн; NASA -> наса",
    ),
    Rule("brand", _BRAND, _brand, "iPhone -> айфон; Donald Trump -> Дональд Трамп"),
    Rule("latin-word", _WORD, _latin_word, "Tiberius -> тибериус; abc -> эй би си"),
)
