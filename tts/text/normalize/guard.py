"""The last stage: nothing outside the engine's alphabet survives (DESIGN rule 8).

Punctuation gets its nearest speakable form without a warning; a leftover digit, Latin letter
or other symbol gets a fallback reading (number words, transliteration, a symbol's name) or is
removed, and each one is reported as a warning string naming it.
"""

from __future__ import annotations

import re
import unicodedata

from tts.text.normalize.alphabet import ALPHABET, replace_other_cyrillic, spell_latin
from tts.text.normalize.latin import transliterate
from tts.text.normalize.numbers import cardinal

# Punctuation the engine lacks -> its nearest speakable mark (no warning).
PUNCTUATION: dict[str, str] = {
    "—": "–",  # em dash -> en dash
    "―": "–",  # horizontal bar
    "‒": "–",  # figure dash
    "−": "-",  # minus sign (read before as «минус» by the library)
    "‐": "-",  # hyphen
    "‑": "-",  # non-breaking hyphen
    "(": ",",  # (7172) -> , 7172 ,
    ")": ",",
    "[": ",",
    "]": ",",
    "«": "",  # quotes are not read
    "»": "",
    '"': "",
    "„": "",
    "“": "",
    "”": "",
    "'": "",
    "’": "",
    "*": "",  # Markdown emphasis left over
    "_": " ",
    "/": " ",
    "\\": " ",
    "|": ",",
    "•": ",",
    "·": " ",
}

# Symbols with a name worth saying (with a warning, they mean something the rules missed).
SYMBOLS: dict[str, str] = {
    "%": "процентов",  # 5 %
    "$": "долларов",  # $
    "€": "евро",  # €
    "₽": "рублей",  # ₽
    "₸": "тенге",  # ₸
    "№": "номер",  # №
    "@": "собака",  # a@b
    "&": "и",  # R&D
    "=": "равно",  # a = b
    "°": "градусов",  # 5°
    "#": "решётка",  # #
    "§": "параграф",  # §
    "<": "меньше",  # a < b
    ">": "больше",  # a > b
}

_LEFTOVER = re.compile(r"[0-9]+|[A-Za-z]+|.", re.DOTALL)


def _fallback(piece: str) -> str:
    if not piece.isascii():  # ² -> 2, é -> e, ﬁ -> fi
        piece = unicodedata.normalize("NFKD", piece)
        piece = "".join(c for c in piece if c.isascii() and (c.isalnum() or c in SYMBOLS))
        if not piece:
            return ""
    if piece.isdigit():
        return (
            cardinal(int(piece)) if len(piece) <= 15 else " ".join(cardinal(int(d)) for d in piece)
        )
    if piece.isascii() and piece.isalpha():
        # «в соцсети X»: a letter alone is said by its name
        return spell_latin(piece.lower()) if len(piece) == 1 else transliterate(piece)
    if piece in SYMBOLS:
        return SYMBOLS[piece]
    return " ".join(_fallback(p) for p in _LEFTOVER.findall(piece) if p.isalnum() or p in SYMBOLS)


_TRANSLATE = str.maketrans(PUNCTUATION)
# Runs of what the engine cannot say: digits, Latin letters, or any other single character.
_UNSPEAKABLE = re.compile(
    "[0-9]+|[A-Za-z]+|[^" + re.escape("".join(sorted(ALPHABET))) + "]", re.DOTALL
)


def guard(text: str) -> tuple[str, tuple[str, ...]]:
    """Speakable text and a warning for each leftover that needed a fallback reading."""
    text = " ".join(replace_other_cyrillic(text).translate(_TRANSLATE).split())
    warnings: list[str] = []

    def read(match: re.Match[str]) -> str:
        piece = match.group()
        if piece.isspace():
            return " "
        spoken = "".join(c for c in _fallback(piece) if c in ALPHABET)
        how = f"read as «{spoken}»" if spoken.strip() else "removed"
        warnings.append(f"unspeakable {piece!r} {how}")
        return f" {spoken} " if spoken.strip() else " "

    return euphony(tidy(_UNSPEAKABLE.sub(read, text))), tuple(warnings)


def tidy(text: str) -> str:
    """Collapse spaces and the stray punctuation left by removed symbols."""
    text = " ".join(text.split())
    text = re.sub(r"\s+([,.!?;:…])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    text = re.sub(r"^[\s,;:]+", "", text)
    text = re.sub(r"(?<=[.!?])[,;]+", "", text)
    text = re.sub(r"[,;:]+(?=[.!?])", "", text)  # «брат,.» -> «брат.»
    text = re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)  # «(англ.).» -> «англ.»
    text = re.sub(r"([,;:])(?=[^\W\d_])", r"\1 ", text)  # «Аники,яп.» -> «Аники, яп.»
    return text.strip()


# A preposition before a word that starts with its own consonant and another takes its «о»
# form: «в 2 классе» -> «во втором классе», «с 2 марта» -> «со второго марта», «к 2-му» ->
# «ко второму», «с 100 м» -> «со ста метров»; rules and the library write the bare letter.
# Only before number words (the source's own «с ссылкой», «с второстепенной» are the author's).
_EUPHONY = re.compile(
    r"(?<![\w-])(?P<prep>[ВвСсКк]) (?=втор(?:ой|ого|ому|ым|ом|ая|ую|ые|ых|ыми|ое)\b)"
    r"|(?<![\w-])(?P<v>[Вв]) (?=в[бвгджзклмнпрстфхцчшщ]|ф[бвгджзклмнпрстфхцчшщ])"
    r"|(?<![\w-])(?P<s>[Сс]) (?=ст(?:а|о|ами|ам|ах)\b)"
)


# «об первой» -> «о первой»: «об» only before a vowel.
_OB = re.compile(
    r"(?<![\w-])(?P<o>[Оо])б (?=(?:перв|втор|трет|четв|пят|шест|седьм|восьм|девят|десят|двадцат|"
    r"тридцат|сорок|сто|двух|трёх|трех|четырёх|четырех|тысяч|миллион)[а-яё]*)"
)


def euphony(text: str) -> str:
    """«в втором» -> «во втором», «об первой» -> «о первой»: the forms of в, с, к, о that
    Russian requires before the word that follows."""
    text = _OB.sub(lambda m: m["o"] + " ", text)
    return _EUPHONY.sub(lambda m: m.group().rstrip() + "о ", text)
