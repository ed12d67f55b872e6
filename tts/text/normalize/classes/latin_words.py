"""Latin-script words: brands and names in their established Russian form, English words by
their English pronunciation, acronyms by English letter names («BBC» -> «би би си»).

«iPhone4» -> «айфон четыре»: a brand glued to a number is read as both.
"""

from __future__ import annotations

import re

from tts.text.normalize import context, english, morph
from tts.text.normalize.alphabet import spell_latin
from tts.text.normalize.classes.dates import roman_value
from tts.text.normalize.latin import BRANDS, read_latin_word
from tts.text.normalize.latin import kazakh as latin_kazakh
from tts.text.normalize.numbers import TAG_OF_CASE, cardinal, digit_by_digit
from tts.text.normalize.rules import Reading, Rule
from tts.text.normalize.sentence import Sentence

# A whole word only: not «McDonald» of «McDonald's», nor «GLASS» of the code «GLASS-z12»
_BRAND = re.compile(r"(?:(?<![\w.@/-])|(?<=[A-Za-z]/))[A-Za-z][A-Za-z-]*[A-Za-z](?![\w@'’]|[.-]\w)")
_WORD = re.compile(
    # «Becker/Picture Alliance/Getty Images», «Reuters/AP»: a credit's names between slashes
    r"(?:(?<![\w.@/-])|(?<=[A-Za-z]/))(?P<word>[A-Za-z]+(?:['’-][A-Za-z]+)*)(?P<digits>\d{1,4})?"
    r"(?![^\W²³]|@|\.\w)"
)
# «Mr. Smith», «Vol. 34», «No. 2»: a short Latin abbreviation before a name or a number. A
# company's «Inc.», «Ltd.» read as brands.tsv reads them without the point (one reading).
_ABBREVIATIONS = {"mr": "мистер", "mrs": "миссис", "ms": "мисс", "dr": "доктор", "vol": "том",
                  "no": "номер", "jr": "младший", "st": "сент", "inc": BRANDS["inc"],
                  "ltd": BRANDS["ltd"], "co": "компани", "vs": "против", "p": "страница",
                  "pp": "страницы"}  # fmt: skip
# Codes of letters and digits: «B52G» -> «би пятьдесят два джи», «A320», «F-16»
LATIN_CODE = re.compile(
    r"(?<![\w.-])(?P<a>[A-Z]{1,3})-?(?P<n>\d{1,4})(?P<b>[A-Z]{0,3})(?![\w-])"
    # «5G», «24KZ»; «3D-печать», «5G-сети»: a Russian word may follow after a hyphen
    r"|(?<![\w.,-])(?P<n2>\d{1,4})(?P<b2>[A-Za-z]|[A-Z]{2,3})(?!\w)(?!-[^а-яё])"
)
# «3D», «2D»: Russian says the dimensions' «D» by its Russian name
_DIMENSIONS = {"D": "дэ"}


def _latin_code(match: re.Match[str], sentence: Sentence) -> Reading | None:
    del sentence
    if match["n2"]:  # «iPhone 17e», «5G»
        letters = _DIMENSIONS.get(match["b2"]) if match["n2"] in "234" else None
        letters = letters or spell_latin(match["b2"].lower())
        return Reading(f"{cardinal(int(match['n2']))} {letters}", "a model number")
    if match["a"] in ("N",) and not match["b"]:
        return None  # «N2»: the number sign
    if match["a"] == "V" and match["n"] in _CYLINDERS and not match["b"]:
        return Reading(f"вэ {cardinal(int(match['n']))}", "an engine's cylinders")  # «V8»
    parts = [spell_latin(match["a"].lower()), cardinal(int(match["n"]))]
    if match["b"]:
        parts.append(spell_latin(match["b"].lower()))
    return Reading(" ".join(parts), "a code of letters and digits")


# «V8», «V12»: Russian motoring says the engine's «V» as the Latin letter's Russian name.
_CYLINDERS = frozenset({"2", "4", "6", "8", "10", "12", "16"})

_ABBREVIATION_AFTER = re.compile(r"\.\s?[A-ZА-ЯЁ\d]")


def _capitalised(spoken: str, written: str) -> str:
    """A name keeps its capital; an acronym or a letter does not («BBC» -> «би би си»)."""
    if written[:1].isupper() and not written.isupper():
        return spoken[:1].upper() + spoken[1:]
    return spoken


# Gadgets Russians decline like their own nouns: «для iPhone» -> «для айфона». Other brands
# stay as written («в Samsung», «для Apple»), the way newsreaders say them.
DECLINED = frozenset({"iphone", "ipad", "macbook", "imac"})


def _brand(match: re.Match[str], sentence: Sentence) -> Reading | None:
    spoken = BRANDS.get(match.group().lower())
    written = match.group()
    if spoken is None:
        return None
    why = "established form"
    if written.lower() in DECLINED:
        grammar = context.declined_noun_case(sentence, match.start())
        form = morph.inflect(spoken, TAG_OF_CASE[grammar.case], "sing") if grammar else None
        if grammar is not None and form:
            spoken, why = form, f"established form, {grammar.case}: {grammar.why}"
    if written[:1].isupper() and written[1:2].islower():  # «Telegram», not «iPhone»
        spoken = spoken[:1].upper() + spoken[1:]
    return Reading(spoken, why)


LATIN_ABBREVIATION = re.compile(
    r"(?<![\w.])(?P<word>"
    + "|".join(k.capitalize() for k in _ABBREVIATIONS)
    + r")\.(?=\s?[A-ZА-ЯЁ\d])"
)


def _latin_abbreviation(match: re.Match[str], sentence: Sentence) -> Reading:
    del sentence
    return Reading(_ABBREVIATIONS[match["word"].lower()], "abbreviation")


_ENGLISH_TAILS = {"bot", "app", "news", "pay", "bank", "info", "media", "online", "shop", "market"}


def _latin_word(match: re.Match[str], sentence: Sentence) -> Reading | None:
    word = match["word"]
    if word.lower() == "the" and re.match(r"\s+[A-Z]", match.string[match.end() :]):
        return Reading("", "«The» before a name is not read")  # «The Washington Post»
    camel = re.fullmatch(r"([a-z]{2,})([A-Z]{2,})", word)
    if camel:  # «microSD» -> «микро эс ди»
        spoken = f"{read_latin_word(camel[1])} {spell_latin(camel[2].lower())}"
        return Reading(spoken, "Latin word")
    lead = re.fullmatch(r"([A-Z]{1,3})([A-Z][a-z]{2,})", word)
    if lead:  # «BNews» -> «би ньюс», «DKNews» -> «ди кей ньюс»
        spoken = f"{spell_latin(lead[1].lower())} {read_latin_word(lead[2])}"
        return Reading(_capitalised(spoken, word), "letters before a word")
    humps = re.findall(r"[A-Z][a-z]+", word)
    if (
        len(humps) >= 2
        and "".join(humps) == word
        and all(len(h) > 2 for h in humps)  # not «McDonald»
        and word.lower() not in BRANDS
        and not english.phones(word.lower())  # «BuzzFeed», «LinkedIn» are in CMUdict
    ):
        # «OpenAir» -> «опен эйр», «SaqtandyryBot» -> «сактандыры бот»
        # «QazaqGaz» is one Kazakh word, «OpenAir» two English ones, «SaqtandyryBot» a Kazakh
        # word and an English one
        first = humps[0].lower()
        kazakh = any(re.search("q(?!u)", h.lower()) for h in humps) or first in ("kaz", "qaz")
        spoken = read_latin_word(humps[0]) if first not in ("kaz", "qaz") else "каз"
        for hump in humps[1:]:
            glued = kazakh and hump.lower() not in _ENGLISH_TAILS
            # «KazSat» -> «казсат»: a Kazakh name's parts are Kazakh too
            reading = latin_kazakh(hump.lower()) if glued else read_latin_word(hump)
            spoken += ("" if glued else " ") + reading
        return Reading(_capitalised(spoken, word), "Latin words written as one")
    del sentence
    own = BRANDS.get(word.lower().replace("’", "'"))  # «McDonald's», «Levi's»: names of their own
    possessive = None if own else re.fullmatch(r"(.+)['’]s", word)
    if possessive:  # «Shopper’s», «Assassin's»: the English «'s» is a final «с»
        word = possessive[1]
    parts = re.split(r"['’-]", word)
    if word.isupper() and all(roman_value(p) and set(p) <= set("IVX") for p in parts):
        return None  # Roman numerals: the roman and century classes
    after = match.string[match.end() : match.end() + 3]
    if word.lower() in _ABBREVIATIONS and after.startswith("."):
        return Reading(_ABBREVIATIONS[word.lower()], "abbreviation")
    whole = own or BRANDS.get(word.lower())
    spoken = whole or " ".join(read_latin_word(w) for w in parts if w)
    if possessive and not spoken.endswith(("с", "з")):
        spoken += "с"
    spoken = _capitalised(spoken, word)
    digits = match["digits"]
    if digits:  # «LIFE09» -> «лайф ноль девять»
        spoken += " " + (digit_by_digit(digits) if digits[0] == "0" else cardinal(int(digits)))
    return Reading(spoken, "Latin word")


# «G.M. Reed», «J. K. Rowling», «J.P. Morgan»: Latin initials, said by their English names
# without the points (which would end the spoken sentence)
LATIN_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.\s?){1,3}(?=[A-Z][a-z])")


def _latin_initials(match: re.Match[str], sentence: Sentence) -> Reading:
    del sentence
    letters = " ".join(spell_latin(c.lower()) for c in re.findall(r"[A-Z]", match.group()))
    return Reading(letters + " ", "Latin initials")


RULES = (
    Rule("initials", LATIN_INITIALS, _latin_initials, "J. K. Rowling -> джей кей Роулинг"),
    Rule("code", LATIN_CODE, _latin_code, "B52G -> би пятьдесят два джи"),
    Rule("abbreviation", LATIN_ABBREVIATION, _latin_abbreviation, "Mr. Smith -> мистер Смит"),
    Rule("latin", _BRAND, _brand, "iPhone -> айфон; Donald Trump -> Дональд Трамп"),
    Rule("latin", _WORD, _latin_word, "Fusion -> фьюжн; BBC -> би би си"),
)
