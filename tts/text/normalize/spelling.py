"""Russian numbers in words, in every case, gender and animacy: the declension tables.

Our own tables rather than num2words: they load in no time (num2words imports ~50 languages,
~27 ms, more than a sentence costs), its ordinals above ten thousand were wrong («двенадцатый
тысяч пятисотый»), and every form here is ours to check. Cases are the indexes
0–5: nominative, genitive, dative, accusative, instrumental, prepositional.
"""

from __future__ import annotations

from functools import lru_cache

# 0–19 and the tens, by case; 1 and 2 have their genders below.
_SMALL: dict[int, tuple[str, str, str, str, str, str]] = {
    0: ("ноль", "ноля", "нолю", "ноль", "нолём", "ноле"),
    3: ("три", "трёх", "трём", "три", "тремя", "трёх"),
    4: ("четыре", "четырёх", "четырём", "четыре", "четырьмя", "четырёх"),
    5: ("пять", "пяти", "пяти", "пять", "пятью", "пяти"),
    6: ("шесть", "шести", "шести", "шесть", "шестью", "шести"),
    7: ("семь", "семи", "семи", "семь", "семью", "семи"),
    8: ("восемь", "восьми", "восьми", "восемь", "восемью", "восьми"),
    9: ("девять", "девяти", "девяти", "девять", "девятью", "девяти"),
    10: ("десять", "десяти", "десяти", "десять", "десятью", "десяти"),
    11: ("одиннадцать", "одиннадцати", "одиннадцати", "одиннадцать", "одиннадцатью", "одиннадцати"),
    12: ("двенадцать", "двенадцати", "двенадцати", "двенадцать", "двенадцатью", "двенадцати"),
    13: ("тринадцать", "тринадцати", "тринадцати", "тринадцать", "тринадцатью", "тринадцати"),
    14: ("четырнадцать", "четырнадцати", "четырнадцати", "четырнадцать", "четырнадцатью",
         "четырнадцати"),
    15: ("пятнадцать", "пятнадцати", "пятнадцати", "пятнадцать", "пятнадцатью", "пятнадцати"),
    16: ("шестнадцать", "шестнадцати", "шестнадцати", "шестнадцать", "шестнадцатью",
         "шестнадцати"),
    17: ("семнадцать", "семнадцати", "семнадцати", "семнадцать", "семнадцатью", "семнадцати"),
    18: ("восемнадцать", "восемнадцати", "восемнадцати", "восемнадцать", "восемнадцатью",
         "восемнадцати"),
    19: ("девятнадцать", "девятнадцати", "девятнадцати", "девятнадцать", "девятнадцатью",
         "девятнадцати"),
    20: ("двадцать", "двадцати", "двадцати", "двадцать", "двадцатью", "двадцати"),
    30: ("тридцать", "тридцати", "тридцати", "тридцать", "тридцатью", "тридцати"),
    40: ("сорок", "сорока", "сорока", "сорок", "сорока", "сорока"),
    50: ("пятьдесят", "пятидесяти", "пятидесяти", "пятьдесят", "пятьюдесятью", "пятидесяти"),
    60: ("шестьдесят", "шестидесяти", "шестидесяти", "шестьдесят", "шестьюдесятью",
         "шестидесяти"),
    70: ("семьдесят", "семидесяти", "семидесяти", "семьдесят", "семьюдесятью", "семидесяти"),
    80: ("восемьдесят", "восьмидесяти", "восьмидесяти", "восемьдесят", "восемьюдесятью",
         "восьмидесяти"),
    90: ("девяносто", "девяноста", "девяноста", "девяносто", "девяноста", "девяноста"),
    100: ("сто", "ста", "ста", "сто", "ста", "ста"),
    200: ("двести", "двухсот", "двумстам", "двести", "двумястами", "двухстах"),
    300: ("триста", "трёхсот", "трёмстам", "триста", "тремястами", "трёхстах"),
    400: ("четыреста", "четырёхсот", "четырёмстам", "четыреста", "четырьмястами",
          "четырёхстах"),
    500: ("пятьсот", "пятисот", "пятистам", "пятьсот", "пятьюстами", "пятистах"),
    600: ("шестьсот", "шестисот", "шестистам", "шестьсот", "шестьюстами", "шестистах"),
    700: ("семьсот", "семисот", "семистам", "семьсот", "семьюстами", "семистах"),
    800: ("восемьсот", "восьмисот", "восьмистам", "восемьсот", "восемьюстами", "восьмистах"),
    900: ("девятьсот", "девятисот", "девятистам", "девятьсот", "девятьюстами", "девятистах"),
}  # fmt: skip
_ONE = {
    "m": ("один", "одного", "одному", "один", "одним", "одном"),
    "f": ("одна", "одной", "одной", "одну", "одной", "одной"),
    "n": ("одно", "одного", "одному", "одно", "одним", "одном"),
}
_TWO = {
    "m": ("два", "двух", "двум", "два", "двумя", "двух"),
    "f": ("две", "двух", "двум", "две", "двумя", "двух"),
    "n": ("два", "двух", "двум", "два", "двумя", "двух"),
}
# Scale nouns, singular and plural by case: «тысяча», «миллион», …
_THOUSAND = (
    ("тысяча", "тысячи", "тысяче", "тысячу", "тысячей", "тысяче"),
    ("тысячи", "тысяч", "тысячам", "тысячи", "тысячами", "тысячах"),
)
_SCALE_STEMS = ("миллион", "миллиард", "триллион", "квадриллион", "квинтиллион",
                "секстиллион", "септиллион", "октиллион", "нониллион")  # fmt: skip
LARGEST = 10 ** (3 * (len(_SCALE_STEMS) + 2)) - 1


def _masculine_scale(stem: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (
        (stem, stem + "а", stem + "у", stem, stem + "ом", stem + "е"),
        (stem + "ы", stem + "ов", stem + "ам", stem + "ы", stem + "ами", stem + "ах"),
    )


_SCALES = (_THOUSAND, *(_masculine_scale(s) for s in _SCALE_STEMS))


def _below_thousand(value: int, case: int, gender: str, animate: bool) -> list[str]:
    words: list[str] = []
    hundreds, rest = value - value % 100, value % 100
    if hundreds:
        words.append(_SMALL[hundreds][case])
    if rest >= 20:
        words.append(_SMALL[rest - rest % 10][case])
        rest %= 10
    if rest == 1:
        forms = _ONE[gender]
        words.append(forms[1] if case == 3 and animate and gender != "f" else forms[case])
    elif rest == 2:
        words.append(_TWO[gender][1] if case == 3 and animate else _TWO[gender][case])
    elif rest in (3, 4) and case == 3 and animate:
        words.append(_SMALL[rest][1])
    elif rest or not words:
        words.append(_SMALL[rest][case])
    return words


def _scale_word(scale: int, count: int, case: int) -> str:
    singular, plural = _SCALES[scale]
    last = count % 100
    if case in (0, 3):
        if last % 10 == 1 and last != 11:
            return singular[case]
        if last % 10 in (2, 3, 4) and last not in (12, 13, 14):
            return singular[1]
        return plural[1]
    return singular[case] if last % 10 == 1 and last != 11 else plural[case]


@lru_cache(maxsize=8192)
def spell(value: int, case: int = 0, gender: str = "m", animate: bool = False) -> str:
    """A cardinal in words. `animate` gives the accusative of «один», «два», «три», «четыре»
    the genitive form (the caller decides when: «двух студентов», not «двадцать двух»).
    1000 is «тысяча» (not «одна тысяча»)."""
    if value < 1000:
        return " ".join(_below_thousand(value, case, gender, animate))
    groups: list[int] = []
    while value:
        groups.append(value % 1000)
        value //= 1000
    words: list[str] = []
    for power in range(len(groups) - 1, 0, -1):
        count = groups[power]
        if not count:
            continue
        scale_gender = "f" if power == 1 else "m"
        if not (power == 1 and count == 1 and len(groups) == 2):  # «тысяча», not «одна тысяча»
            words += _below_thousand(count, case, scale_gender, False)
        words.append(_scale_word(power - 1, count, case))
    if groups[0]:
        words += _below_thousand(groups[0], case, gender, animate)
    return " ".join(words)


# Ordinal stems: the adjective without its ending; «ой» marks the stressed-ending ones.
_ORDINAL_STEMS: dict[int, str] = {
    0: "нулев", 1: "перв", 2: "втор", 3: "трет", 4: "четвёрт", 5: "пят", 6: "шест", 7: "седьм",
    8: "восьм", 9: "девят", 10: "десят", 11: "одиннадцат", 12: "двенадцат", 13: "тринадцат",
    14: "четырнадцат", 15: "пятнадцат", 16: "шестнадцат", 17: "семнадцат", 18: "восемнадцат",
    19: "девятнадцат", 20: "двадцат", 30: "тридцат", 40: "сороков", 50: "пятидесят",
    60: "шестидесят", 70: "семидесят", 80: "восьмидесят", 90: "девяност", 100: "сот",
    200: "двухсот", 300: "трёхсот", 400: "четырёхсот", 500: "пятисот", 600: "шестисот",
    700: "семисот", 800: "восьмисот", 900: "девятисот",
}  # fmt: skip
_STRESSED = frozenset({"втор", "шест", "седьм", "восьм", "сороков", "нулев"})
# Endings by case for masculine, feminine, neuter and plural; «-ой» replaces «-ый» where
# stressed. The animate accusative is the genitive.
_HARD = {
    "m": ("ый", "ого", "ому", "ый", "ым", "ом"),
    "f": ("ая", "ой", "ой", "ую", "ой", "ой"),
    "n": ("ое", "ого", "ому", "ое", "ым", "ом"),
    "p": ("ые", "ых", "ым", "ые", "ыми", "ых"),
}
_THIRD = {
    "m": ("ий", "ьего", "ьему", "ий", "ьим", "ьем"),
    "f": ("ья", "ьей", "ьей", "ью", "ьей", "ьей"),
    "n": ("ье", "ьего", "ьему", "ье", "ьим", "ьем"),
    "p": ("ьи", "ьих", "ьим", "ьи", "ьими", "ьих"),
}


def _ordinal_word(stem: str, case: int, kind: str, animate: bool) -> str:
    if case == 3 and animate and kind in ("m", "p"):
        case = 1
    if stem == "трет":
        return stem + _THIRD[kind][case]
    ending = _HARD[kind][case]
    if ending == "ый" and stem in _STRESSED:
        ending = "ой"
    return stem + ending


def _compound_stem(count: int) -> str:
    """The first half of «двухтысячный», «двенадцатимиллионный»: the genitive, but «сто» and
    «девяносто» as they are, «одно» for one."""
    nominative = spell(count).split()
    genitive = spell(count, 1).split()
    kept = {"сто": "сто", "девяносто": "девяносто"}
    words = [kept.get(n, g) for n, g in zip(nominative, genitive, strict=False)]
    if nominative[-1] == "один":
        words[-1] = "одно"
    return "".join(words)


@lru_cache(maxsize=8192)
def spell_ordinal(value: int, case: int = 0, kind: str = "m", animate: bool = False) -> str:
    """An ordinal in words; `kind` is «m», «f», «n» or «p» (plural). Only the last word is
    an ordinal: «две тысячи двадцать четвёртом»; a round thousand or million is a compound:
    «двухтысячный», «миллионный»."""
    last = value % 1000
    if last or value == 0:
        if last % 100 == 0 or last % 100 < 20:
            component = last % 100 or last  # «сотый», «двенадцатый», «сто двенадцатый»
        elif last % 10 == 0:
            component = last % 100  # «сто двадцатый»
        else:
            component = last % 10  # «сто двадцать третий»
        before = value - component
        prefix = spell(before) + " " if before else ""
        return prefix + _ordinal_word(_ORDINAL_STEMS[component], case, kind, animate)
    power, count = 0, value
    while count % 1000 == 0 and count:
        count //= 1000
        power += 1
    head_value, count = count - count % 1000, count % 1000
    head = spell(head_value * 1000**power) + " " if head_value else ""
    stem = "тысячн" if power == 1 else _SCALE_STEMS[power - 2] + "н"
    prefix = "" if count == 1 else _compound_stem(count)
    return head + _ordinal_word(prefix + stem, case, kind, animate)
