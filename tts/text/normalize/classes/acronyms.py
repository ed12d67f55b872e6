"""Acronyms and initials: read by letter names («ДТП» -> «дэ тэ пэ») or as a word («МИД» ->
«мид»); words typed in capitals that are ordinary words are read as words («ВНИМАНИЕ»,
«КАЗИНФОРМ»). Known ones come from the table; the lexicon overrides both.
"""

from __future__ import annotations

import re
from pathlib import Path

from tts.text.normalize import morph
from tts.text.normalize.alphabet import replace_other_cyrillic, spell_cyrillic
from tts.text.normalize.latin import is_pronounceable, read_latin_word
from tts.text.normalize.rules import Reading, Rule
from tts.text.normalize.sentence import Sentence

RU_VOWELS = "аеёиоуыэюя"

# Cyrillic acronyms whose reading the default rule would get wrong, or that it needs to know
# are acronyms at all. The value is the reading; None means "by letters".
CYRILLIC: dict[str, str | None] = {
    "США": "сэ шэ а",  # США (the default would say «сша»)
    "ООН": "оон",  # ООН
    "МИД": "мид",  # МИД
    "ВУЗ": "вуз",  # ВУЗ
    "КазНУ": "казну",  # КазНУ
    "МГУ": None,  # МГУ -> эм гэ у
    "ЕАЭС": "е а э эс",  # ЕАЭС
    "ЕС": "е эс",  # ЕС
    "СНГ": None,  # СНГ -> эс эн гэ
    "ЦРУ": None,  # ЦРУ -> цэ эр у
    "ФРГ": None,  # ФРГ -> эф эр гэ
    "ЧП": None,  # ЧП -> чэ пэ
    "ОАО": None,  # ОАО -> о а о
    "АО": None,  # АО -> а о
    "ТОО": None,  # ТОО -> тэ о о
    "ИП": None,  # ИП -> и пэ
    "ГИБДД": "ги бэ дэ дэ",  # ГИБДД (its first syllable said as a word)
    "ОТ": "овертайм",  # «3:2 ОТ» (a score's note; never the preposition in capitals)
    "ТАСС": "тасс",  # ТАСС
    "ГОСТ": "гост",  # ГОСТ
    "ОМОН": "омон",  # ОМОН
    "СИЗО": "сизо",  # СИЗО
    "НАТО": "нато",  # НАТО
    "ЮНЕСКО": "юнеско",  # ЮНЕСКО
    "ОПЕК": "опек",  # ОПЕК
    "ВАК": "вак",  # ВАК
    "ЗАГС": "загс",  # ЗАГС
    "МРОТ": "мрот",  # МРОТ
    "НИИ": "нии",  # НИИ
    "ТЭЦ": "тэц",  # ТЭЦ
    "ГЭС": "гэс",  # ГЭС
    "ГРЭС": "грэс",  # ГРЭС
    "АЭС": "аэс",  # АЭС
    "ВОЗ": "воз",  # ВОЗ
    "МОК": "мок",  # МОК
    "ФИФА": "фифа",  # ФИФА
    "УЕФА": "уефа",  # УЕФА
    "РИА": "риа",  # РИА Новости
    "МХАТ": "мхат",  # МХАТ
    "МРП": None,  # МРП -> эм эр пэ
    "КНБ": None,  # КНБ -> ка эн бэ
    "ЦИК": "цик",  # ЦИК
    "ВЦИОМ": "вциом",  # ВЦИОМ
    "ГАС": "гас",  # ГАС «Выборы»
    "ТИК": "тик",  # ТИК, УИК, ОИК: election commissions, said as words like ЦИК
    "УИК": "уик",
    "ОИК": "оик",
    "ТОП": "топ",  # ТОП-3
    "ЦУМ": "цум",  # ЦУМ
    "АИ": "аи",  # АИ-92 (a petrol grade)
    "ШОС": "шос",  # ШОС
    "АСУ": "асу",  # АСУ (an automated system)
    "РАН": "ран",  # ЕГС РАН
    "ЖК": None,  # ЖК -> жэ ка
    "ДТП": None,  # ДТП -> дэ тэ пэ
    "КО": None,  # «17 КО» (knockouts) -> ка о
    "ГАИ": "гаи",  # ГАИ
    "ГАЗ": "газ",  # ГАЗ-66
    "ВАЗ": "ваз",  # ВАЗ-2109
    "УАЗ": "уаз",  # УАЗ
    "ПАЗ": "паз",  # ПАЗ
    "ЗИЛ": "зил",  # ЗИЛ
    "КАМАЗ": "камаз",  # КАМАЗ
    "КамАЗ": "камаз",  # КамАЗ
    "ЛиАЗ": "лиаз",  # ЛиАЗ
    "МАЗ": "маз",  # МАЗ
    "БелАЗ": "белаз",  # БелАЗ
    "ВДНХ": "вэ дэ эн ха",  # ВДНХ
    "ЕНТ": None,  # ЕНТ -> е эн тэ
    "ОПГ": None,  # ОПГ -> о пэ гэ
    "ДЧС": None,  # ДЧС -> дэ че эс
    "МЧС": "эм че эс",  # МЧС
    "ЕВРО": "евро",  # ЕВРО-2024
    "ОЗОН": "озон",  # ОЗОН
    "Ъ": "коммерсант",  # «Ъ» (the newspaper Kommersant)
    "МКАД": "мкад",  # МКАД (the Moscow ring road)
    "ЦСКА": "цэ эс ка",  # ЦСКА (the club: its «А» is not said)
    "БРИКС": "брикс",  # БРИКС
    "МУП": "муп",  # МУП (a municipal enterprise)
    "ТЭК": "тэк",  # ТЭК (fuel and energy complex)
    "ЗИФ": "зиф",  # ЗИФ (a gold recovery plant)
    "ОРВИ": "о эр вэ и",  # ОРВИ
    "УЗИ": "узи",  # УЗИ
    "ДАФ": "даф",  # DAF lorries in Russian reports
    "ЭКСПО": "экспо",  # ЭКСПО-2017
    "МИР": "мир",  # «МИР 24» (the TV channel), the «МИР» card
    "АПА": "апа",  # АПА (the Azerbaijani news agency)
    "ВИЗ": "виз",  # «ВИЗ-Синара» (the Verkh-Isetsky plant's club)
    "БИС": "бис",  # «пожар № 1 БИС» (a fire's raised rank)
    "САП": "сап",  # САП (Ukraine's anti-corruption prosecutors)
    "ФЭСТ": "фэст",  # театр «ФЭСТ»
    "КЭМЗ": "кэмз",  # КЭМЗ (a plant in Kemerovo)
}


def _table() -> dict[str, str]:
    """acronyms.tsv: acronyms whose reading the default rule gets wrong («ФАС» -> «фас», «ФСИН»
    -> «эф син», «ЮУрГУ» -> «ю ур гэ у»), from a table of about 1,400 news acronyms written
    blind (by a helper who saw neither the corpus nor the code), reviewed; the entries
    above win."""
    text = Path(__file__).with_name("acronyms.tsv").read_text(encoding="utf-8")
    pairs = (line.split("\t", 1) for line in text.splitlines() if "\t" in line)
    return {acronym: reading for acronym, reading in pairs if acronym not in CYRILLIC}


CYRILLIC.update(_table())

_CYR = re.compile(
    # «РСС-ВСД», «ЦСК-ВВС»: an acronym after another one's hyphen is one too; «ҚТЖ», «ҰБТ»:
    # Kazakh capitals, read as the nearest Russian letters
    r"(?:(?<![\w-])|(?<=[А-ЯЁ]{2}-))(?:[А-ЯЁ][а-яё]{0,3})?[А-ЯЁӘҒҚҢӨҰҮҺІ]{2,}(?:[а-яё]{1,2}\b)?"
    r"(?![\w])|(?<=«)Ъ(?=»)"
)
_FUNCTION_POS = {"PREP", "CONJ", "PRCL", "NPRO", "INTJ", "ADVB", "PRED"}


def _is_known_word(word: str) -> bool:
    """A capitalised ordinary word: «ВНИМАНИЕ», or a short function word «НА», «ОН»."""
    low = word.lower()
    if not morph.is_known(low) or not any(c in RU_VOWELS for c in low):
        return False  # «ГМ» (in the minority) in capitals is no interjection
    parses = morph.parses(low)
    if any("Abbr" in p.tag and p.score > 0.01 for p in parses[:2]):  # not «ОБ» (0.001)
        return False
    if len(low) <= 3:  # short capitals are acronyms unless they are function words
        return any(p.tag.POS in _FUNCTION_POS for p in parses[:1])
    return True


def read_cyrillic(word: str) -> str | None:
    if word in CYRILLIC:
        return CYRILLIC[word] or spell_cyrillic(word)
    if not word.isupper() or _is_known_word(word):
        return None
    if re.search("[ЙЬЪ]", word[1:]):  # «ПРАЙМ»: no letter name ends in «й», «ь», «ъ»
        return word.lower()
    if len(word) > 6:
        return word.lower()  # «КАЗИНФОРМ»: a name typed in capitals
    if len(word) <= 3:  # «УДО», «УОР»: short unknown ones are spelled
        return spell_cyrillic(word)
    if word[0] in RU_VOWELS.upper() and word[1] in RU_VOWELS.upper():
        return spell_cyrillic(word)  # «ИАЭТ», «ОАЭ»: two vowels to start, an initialism
    return word.lower() if is_pronounceable(word, RU_VOWELS) else spell_cyrillic(word)


def read_prefix(word: str) -> str | None:
    """The letters of a code («Су» in «Су-35», «ГМ» in «ГМ-172/6», «COVID»)."""
    if not word:
        return ""
    if word.isascii():
        return read_latin_word(word)
    if word.isupper():
        return read_cyrillic(word) or spell_cyrillic(word)  # «ГМ-172», not the interjection
    return word.lower()


# Short words typed in capitals for emphasis, not acronyms: «Это НЕ так».
_EMPHASIS = frozenset({
    "НЕ", "НИ", "НО", "ДА", "НЕТ", "ОН", "МЫ", "ВЫ", "ТЫ", "ЖЕ", "ВОТ", "ЭТО", "ВСЕ", "ВСЁ", "ТАК",
    "УЖЕ", "ЕЩЁ", "ЕЩЕ", "ВАС", "НАС", "ВАМ", "НАМ",
})  # fmt: skip


def _in_caps_phrase(sentence: Sentence, start: int, end: int) -> bool:
    """«СПРАВЕДЛИВАЯ РОССИЯ – ЗА ПРАВДУ»: a short word inside a name typed in capitals,
    next to a capitalised ordinary word."""
    near = [*sentence.before(start, 1), *sentence.after(end, 1)]
    return any(
        t.is_word and len(t.text) > 3 and t.text.isupper() and _is_known_word(t.text) for t in near
    )


def _caps_heading(sentence: Sentence) -> bool:
    """«ПЕРВЕНСТВО ВХЛ, 4-Й ТУР, ПЕРВЫЙ МАТЧ»: no lower-case word, and at least two ordinary
    words typed in capitals."""
    words = re.findall(r"[А-ЯЁа-яё]{2,}", sentence.text)
    if any(not w.isupper() for w in words):
        return False
    return sum(len(w) > 3 and _is_known_word(w) for w in words) >= 2


def _content_word(word: str) -> bool:
    parses = morph.parses(word.lower())
    return (
        bool(parses)
        and morph.is_known(word)
        and parses[0].tag.POS in ("NOUN", "VERB", "ADJF")
        and not any("Abbr" in p.tag for p in parses[:2])  # «МВД», «ФСБ» are acronyms
    )


def _render_cyrillic(match: re.Match[str], sentence: Sentence) -> Reading | None:
    word = replace_other_cyrillic(match.group())
    if (
        word.isupper()
        and len(word) <= 3
        and word not in CYRILLIC
        and word not in _EMPHASIS
        and _is_known_word(word)
        and len(re.findall(r"\b[а-яё]{2,}", sentence.text)) >= 3
        and not _in_caps_phrase(sentence, match.start(), match.end())
    ):
        # «В «АЖ» обратились…», «установить ПО»: short capitals in a lower-case text are an
        # acronym even where they spell a word (not in a heading typed in capitals)
        return Reading(spell_cyrillic(word), "acronym")
    if (
        word.isupper()
        and len(word) <= 3
        and word not in CYRILLIC
        and (_caps_heading(sentence) or _in_caps_phrase(sentence, match.start(), match.end()))
        and _content_word(word)
    ):
        return Reading(word.lower(), "a word in a heading typed in capitals")  # «4-Й ТУР»
    if word in CYRILLIC or word.isupper():
        spoken = read_cyrillic(word)
        return Reading(spoken, "acronym") if spoken else None
    caps = re.fullmatch(r"([А-ЯЁ][а-яё]{1,3})?([А-ЯЁ]{2,})([а-яё]*)", word)
    if caps is None:
        return None
    head, core, tail = caps.groups()
    if head:  # «КазНУ» style: the lowercase head glues into one word
        glued = head + core + tail
        if is_pronounceable(glued, RU_VOWELS):
            return Reading(glued.lower(), "acronym")
        # «КазАССР»: the head said as a word, the capitals by letters
        spoken = f"{head.lower()} {CYRILLIC.get(core) or spell_cyrillic(core)}"
        return Reading(spoken + (f" {tail}" if tail else ""), "acronym")
    reading = CYRILLIC.get(core) or read_cyrillic(core)
    if tail and core not in CYRILLIC and len(core) == 3 and core[1] in RU_VOWELS.upper():
        reading = core.lower()  # «ФОКа», «ЦУМа»: an acronym that takes endings is said as a word
    if reading is None:
        return None
    if tail and " " not in reading:
        return Reading(reading + tail, "acronym with its ending")  # «ГАЗа» -> «газа»
    return Reading(reading + (" " + tail if tail else ""), "acronym")


# «А. С. Ахметов» -> «а эс Ахметов»; «Пушкин А. С.» after the surname too.
_INITIALS = re.compile(
    # «Р.Т. САУРАНБАЕВА» too; «К.-Ж. Токаев»: a double first name's two initials
    r"(?<![\w])(?:[А-ЯЁ]\.-?\s?){1,3}(?=[А-ЯЁ](?:[а-яё]|[А-ЯЁ]{3,}))"
    r"|(?<=[а-яё] )(?:[А-ЯЁ]\.\s?){1,2}(?![\w])"
)


def _initials(match: re.Match[str], sentence: Sentence) -> Reading:
    del sentence
    letters = " ".join(spell_cyrillic(c) for c in re.findall(r"[А-ЯЁ]", match.group()))
    ends = match.group().rstrip().endswith(".") and match.end() >= len(match.string.rstrip())
    return Reading(letters + (". " if ends else " "), "initials")


# «М21», «Т34», «Ан2»: a model of Cyrillic capitals and digits.
CYRILLIC_CODE = re.compile(r"(?<![\w.-])(?P<letters>[А-ЯЁ]{1,3})(?P<digits>\d{1,4})(?![\w-])")


def _cyrillic_code(match: re.Match[str], sentence: Sentence) -> Reading:
    from tts.text.normalize.numbers import cardinal

    del sentence
    letters = CYRILLIC.get(match["letters"]) or spell_cyrillic(match["letters"])
    return Reading(f"{letters} {cardinal(int(match['digits']))}", "a model number")


# «Протон-М», «Электро-Л», «Ил-76»: a capital letter after a hyphen is said by its name.
LETTER_SUFFIX = re.compile(r"(?<=[а-яё])-(?P<letter>[А-ЯЁ]{1,3})(?![\w-])")  # «Союз-ФГ» too


def _letter_suffix(match: re.Match[str], sentence: Sentence) -> Reading:
    del sentence
    return Reading("-" + spell_cyrillic(match["letter"]), "a model letter")


# «пунктом «б» части 2»: a letter alone in quotes is said by its name.
QUOTED_LETTER = re.compile(r"(?<=[«\"„])[а-яёА-ЯЁ](?=[»\"“])")


def _quoted_letter(match: re.Match[str], sentence: Sentence) -> Reading:
    del sentence
    if match.group() in CYRILLIC:  # «Ъ»: the newspaper Kommersant's name
        return Reading(CYRILLIC[match.group()] or match.group(), "acronym")
    return Reading(spell_cyrillic(match.group().upper()), "a letter by its name")


# «СПбГУ», «УБЭПиПК»: capitals with single lower-case letters between them (a short word of
# the name: «Санкт-Петербургский», «и»), said letter by letter unless one can say them as a word.
MIXED = re.compile(r"(?<![\w-])[А-ЯЁ]+(?:[а-яё][А-ЯЁ]+)+(?![\w-])")


def _mixed(match: re.Match[str], sentence: Sentence) -> Reading | None:
    del sentence
    word = match.group()
    if sum(c.isupper() for c in word) < 3 and len(word) > 3:
        return None  # «ВКонтакте»-like names are not this; «АдГ» is
    if word in CYRILLIC:
        return Reading(CYRILLIC[word] or spell_cyrillic(word), "acronym")
    if is_pronounceable(word, RU_VOWELS):
        return Reading(word.lower(), "acronym said as a word")
    return Reading(spell_cyrillic(word), "acronym, letter by letter")


# «Коммерсантъ»: a name in the old spelling; its final hard sign is not said.
OLD_HARD_SIGN = re.compile(r"(?<=[а-яё]{3}[бвгджзклмнпрстфхцчшщ])ъ(?!\w)")


def _old_hard_sign(match: re.Match[str], sentence: Sentence) -> Reading:
    del match, sentence
    return Reading("", "the old spelling's final hard sign")


# «САНКТ-ПЕТЕРБУРГ», «НУР-СУЛТАН», «АЛМА-АТА»: a place name in capitals (a dateline), said as
# a word when each part could be one
CAPS_COMPOUND = re.compile(r"(?<![\w-])[А-ЯЁ]{2,}(?:-[А-ЯЁ]{2,})+(?![\w-])")


def _caps_compound(match: re.Match[str], sentence: Sentence) -> Reading | None:
    del sentence
    parts = match.group().split("-")
    if any(p in CYRILLIC for p in parts) or sum(map(len, parts)) < 7:
        return None
    if not all(len(p) >= 5 or is_pronounceable(p, RU_VOWELS) for p in parts):
        return None
    return Reading("-".join(p.capitalize() for p in parts), "a name in capitals")


RULES = (
    Rule("symbol", OLD_HARD_SIGN, _old_hard_sign, "Коммерсантъ -> Коммерсант"),
    Rule("acronym", CAPS_COMPOUND, _caps_compound, "НУР-СУЛТАН -> нур-султан"),
    Rule("acronym", MIXED, _mixed, "СПбГУ -> эс пэ бэ гэ у"),
    Rule("acronym", QUOTED_LETTER, _quoted_letter, "пунктом «б» -> пунктом бэ"),
    Rule("code", CYRILLIC_CODE, _cyrillic_code, "М21 -> эм двадцать один"),
    Rule("acronym", LETTER_SUFFIX, _letter_suffix, "Протон-М -> Протон-эм"),
    Rule("initials", _INITIALS, _initials, "А. С. Ахметов -> а эс Ахметов"),
    Rule("acronym", _CYR, _render_cyrillic, "ДТП -> дэ тэ пэ; ООН -> оон"),
)
