"""Gender agreement of 2, 3, 4 with the noun after them.

ru-normalizr reads «В списке 2 позиции» as «двух позиции» and «2 позиции в списке» as «второй
позиции»: the noun form after 2–4 is a genitive singular, which it takes for a governed case.
Without a preposition before the number the numeral is nominative (or the equal accusative),
with the noun's gender: «две позиции», «три года».
"""

from __future__ import annotations

import re

from tts.normalize import morph
from tts.normalize.numbers import PREPOSITION_CASE, cardinal
from tts.normalize.rules import Rule, words_before

PAUCAL = re.compile(r"(?<![\w,.:/-])(?P<num>\d*[234])\s(?P<noun>[а-яё]{3,})\b(?![./])")
MONTHS = {
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
    "октября", "ноября", "декабря",
}  # fmt: skip
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


RULES = (Rule("agreement", PAUCAL, _paucal, "В списке 2 позиции -> В списке две позиции"),)
