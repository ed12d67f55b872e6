"""Agreement of numbers with the noun after them: gender of 2, 3, 4; case before oblique plurals.

ru-normalizr reads «В списке 2 позиции» as «двух позиции» and «2 позиции в списке» as «второй
позиции»: the noun form after 2–4 is a genitive singular, which it takes for a governed case.
Without a preposition before the number the numeral is nominative (or the equal accusative),
with the noun's gender: «две позиции», «три года».
"""

from __future__ import annotations

import re

from tts.normalize import morph
from tts.normalize.numbers import PREPOSITION_CASE, Case, cardinal
from tts.normalize.rules import Rule, words_before

PAUCAL = re.compile(r"(?<![\w,.:/-])(?P<num>\d*[234])\s(?P<noun>[а-яё]{3,})\b(?![./])")
MONTHS = {
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
    "октября", "ноября", "декабря",
}  # fmt: skip
TIME_NOUNS = frozenset({"год", "век", "месяц"})  # the library's: «в 1990 годах»
_BLOCKERS = set(PREPOSITION_CASE) | {"уже", "всего", "лишь"}


def _paucal(match: re.Match[str]) -> str | None:
    value = int(match.group("num"))
    if value >= 1000 or value % 100 in (12, 13, 14) or match.group("noun") in MONTHS:
        return None
    before = words_before(match)
    if before and (before[-1] in _BLOCKERS or before[-1].rstrip(".").isdigit()):
        return None
    parses = morph.parses(match.group("noun"))
    best = parses[0] if parses else None
    if best is None or best.tag.POS != "NOUN":
        return None
    if not any(p.tag.POS == "NOUN" and {"gent", "sing"} <= p.tag.grammemes for p in parses[:3]):
        return None
    if any("Abbr" in p.tag or {"nomn", "sing"} <= p.tag.grammemes for p in parses):
        return None  # «2 место», «2 кг»: the library reads these right
    gender = "f" if best.tag.gender == "femn" else "m"
    return f"{cardinal(value, 'nominative', gender)} {match.group('noun')}"


# «о 1 523 новых случаях» -> «о тысяче пятистах двадцати трёх новых случаях», «12 голосами» ->
# «двенадцатью голосами»: a plural noun in the dative, instrumental or prepositional gives the
# number its case. ru-normalizr reads 1000–2100 there as a year («о тысяча … двадцать третьем
# случаях») and leaves some numbers nominative.
OBLIQUE = re.compile(
    r"(?<![\w,.:/-])(?P<num>\d{1,3}(?:[  \u202f]\d{3})+|\d+)\s"
    r"(?P<words>(?:[а-яё]+\s)?[а-яё]+)\b(?![/-]|\.\s?[а-яё\d])"
)
_OBLIQUE_CASES: dict[str, Case] = {
    "datv": "dative", "ablt": "instrumental", "loct": "prepositional",
}  # fmt: skip


def _oblique(match: re.Match[str]) -> str | None:
    value = int(re.sub(r"\s", "", match["num"]))
    if value % 10 == 1 and value % 100 != 11:
        return None  # «о 21 случае»: the noun is singular
    *adjective, noun = match["words"].split()
    found = morph.parses(noun)
    best = found[0] if found else None
    if best is None or best.tag.POS != "NOUN" or "plur" not in best.tag:
        return None
    case = _OBLIQUE_CASES.get(str(best.tag.case))
    if case is None or best.normal_form in TIME_NOUNS:
        return None
    grammemes = {"plur", str(best.tag.case)}
    if adjective and not morph.has(adjective[0], "ADJF", *grammemes):
        return None
    return f"{cardinal(value, case)} {match['words']}"


RULES = (
    Rule("agreement", PAUCAL, _paucal, "В списке 2 позиции -> В списке две позиции"),
    Rule("oblique-plural", OBLIQUE, _oblique, "о 1 523 случаях -> о тысяче пятистах … случаях"),
)
