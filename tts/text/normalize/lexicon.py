"""The pronunciation lexicon: written form -> spoken form; its entries win over every rule.

File format (voices/lexicon.tsv and a user's --lexicon file): UTF-8, one `written<TAB>spoken`
entry a line, `+` before a stressed vowel where useful, `#` starts a comment. Later files
override earlier ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from tts.errors import TTSError
from tts.store.files import read_limited
from tts.text.normalize.alphabet import ALPHABET

if TYPE_CHECKING:
    from pathlib import Path

# Case endings a stress-only entry may take: «Мажилис» covers «Мажилисе», «Мажилиса».
ENDINGS = ("а", "у", "е", "ом", "ым", "ой", "ы", "ов", "ам", "ами", "ах", "ым", "ой", "ою")


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, str]:
        return dict(self.entries)


class LexiconError(TTSError):
    """A lexicon file cannot be read or holds a bad line."""


def parse_lexicon(text: str, name: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise LexiconError(f"{name}:{number}: expected 'written<TAB>spoken', got {raw!r}")
        spoken = " ".join(parts[1].split())
        bad = sorted({c for c in spoken if c not in ALPHABET})
        if bad:
            raise LexiconError(f"{name}:{number}: spoken form has unspeakable {''.join(bad)!r}")
        entries[parts[0].strip()] = spoken
    return entries


def load_lexicon(paths: Sequence[Path]) -> Lexicon:
    """Merge lexicon files in order; later files override earlier ones."""
    merged: dict[str, str] = {}
    for path in paths:
        data = read_limited(path, what="lexicon")  # bounded: --lexicon /dev/zero is one line
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise LexiconError(f"lexicon {path} is not UTF-8 (byte {exc.start})") from None
        merged.update(parse_lexicon(text, str(path)))
    return Lexicon(tuple(merged.items()))


@cache
def default_lexicon() -> Lexicon:
    """voices/lexicon.tsv (or TTS_VOICES_DIR's), empty when there is none."""
    from tts.store.paths import voices_dir

    path = voices_dir() / "lexicon.tsv"
    return load_lexicon([path]) if path.is_file() else Lexicon()


def _takes_endings(written: str, spoken: str) -> bool:
    """Only stress-only entries of real words inflect: «Мажилис» -> «Мажил+ис»."""
    return len(written) >= 4 and written.isalpha() and spoken.replace("+", "") == written


@cache
def lexicon_pattern(lexicon: Lexicon) -> re.Pattern[str] | None:
    if not lexicon.entries:
        return None
    alternatives = []
    for written, spoken in sorted(lexicon.entries, key=lambda e: -len(e[0])):
        escaped = re.escape(written)
        if _takes_endings(written, spoken):
            escaped += "(?:" + "|".join(sorted(set(ENDINGS), key=len, reverse=True)) + ")?"
        alternatives.append(escaped)
    return re.compile(r"(?<![\w@.])(?:" + "|".join(alternatives) + r")(?![\w@]|\.\w)")


def lookup(lexicon: Lexicon, word: str) -> str | None:
    """The spoken form of a matched word, with the case ending carried over."""
    table = _table(lexicon)
    if word in table:
        return table[word]
    for ending in sorted(set(ENDINGS), key=len, reverse=True):
        stem = word[: -len(ending)]
        if word.endswith(ending) and stem in table and _takes_endings(stem, table[stem]):
            return table[stem] + ending
    return None


@cache
def _table(lexicon: Lexicon) -> dict[str, str]:
    return lexicon.as_dict()
