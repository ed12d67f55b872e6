"""A sentence as tokens with offsets: the neighbourhood every class and the context look at."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+|[^\w\s]|_", re.UNICODE)
# What ends a phrase: a number after it is not governed by what came before.
BREAKS = frozenset('.!?;:()[]«»"“”„—–…')


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()

    @property
    def is_cyrillic(self) -> bool:
        return "а" <= self.text[:1].lower() <= "я" or self.text[:1] in "ёЁ"


@dataclass(frozen=True)
class Sentence:
    text: str

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        return tuple(Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(self.text))

    def before(self, pos: int, count: int = 1) -> list[Token]:
        """The last `count` tokens that end at or before `pos` (punctuation included)."""
        found = [t for t in self.tokens if t.end <= pos]
        return found[-count:] if count else []

    def after(self, pos: int, count: int = 1) -> list[Token]:
        found = [t for t in self.tokens if t.start >= pos]
        return found[:count]

    def word_before(self, pos: int) -> str | None:
        """The word right before `pos`, lower-cased, if no punctuation stands between."""
        found = self.before(pos)
        return found[0].lower if found and found[0].is_word else None

    def words_before(self, pos: int, count: int) -> list[str]:
        """Up to `count` words before `pos`, stopping at a phrase break, lower-cased."""
        out: list[str] = []
        for token in reversed(self.before(pos, 12)):
            if not token.is_word:
                if token.text in BREAKS or token.text == ",":
                    break
                if token.text == "-" and self.text[token.start - 1 : token.end + 1] == " - ":
                    break  # « - » typed as a dash (not the minus of «-20»)
                continue
            out.insert(0, token.lower)
            if len(out) == count:
                break
        return out

    def word_after(self, pos: int) -> Token | None:
        found = self.after(pos)
        return found[0] if found and found[0].is_word else None

    def at_start(self, pos: int) -> bool:
        """Nothing but opening punctuation before `pos`, or a clause break right before it."""
        found = self.before(pos)
        return not found or found[0].text in BREAKS
