"""Voice presets: small TOML files in voices/ (engine, model, speaker, sample rate, pace)."""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tts.errors import TTSError
from tts.store.paths import voices_dir
from tts.types import Pauses, Voice


def voice_from_mapping(name: str, data: Mapping[str, Any]) -> Voice:
    try:
        pauses = Pauses(**{k: int(v) for k, v in dict(data.get("pauses", {})).items()})
        return Voice(
            name=str(data.get("name", name)),
            engine=str(data["engine"]),
            speaker=str(data["speaker"]),
            sample_rate=int(data["sample_rate"]),
            rate=float(data.get("rate", 1.0)),
            model=str(data["model"]) if data.get("model") else None,
            pauses=pauses,
            description=str(data.get("description", "")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise TTSError(f"voice preset {name!r} is invalid: {exc}") from exc


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise TTSError(f"cannot read voice preset {path}: {exc}") from exc


def load_voice_file(path: Path) -> Voice:
    """The preset, with the quotation voice its ``quote_voice`` names (a preset beside it)."""
    data = _read(path)
    voice = voice_from_mapping(path.stem, data)
    quote = data.get("quote_voice")
    if quote:
        other = path.parent / f"{quote}.toml"
        if not other.is_file():
            raise TTSError(f"voice preset {voice.name!r}: quote_voice {quote!r} is no preset")
        voice = with_quote(voice, voice_from_mapping(other.stem, _read(other)))
    return voice


def with_quote(voice: Voice, quote: Voice | None) -> Voice:
    """``voice`` reading quotations in ``quote`` (None: in itself). The two must share engine,
    model and sample rate: one episode is one stream of one format from one engine."""
    if quote is None:
        return dataclasses.replace(voice, quote=None)
    for field in ("engine", "model", "sample_rate"):
        if getattr(quote, field) != getattr(voice, field):
            raise TTSError(
                f"quotation voice {quote.name!r} cannot join {voice.name!r}: its {field} is "
                f"{getattr(quote, field)}, not {getattr(voice, field)}"
            )
    quote = dataclasses.replace(quote, rate=voice.rate, pauses=voice.pauses, quote=None)
    return dataclasses.replace(voice, quote=quote)


def list_voices(folder: Path | None = None) -> list[Voice]:
    folder = folder or voices_dir()
    return [load_voice_file(p) for p in sorted(folder.glob("*.toml"))]


def find_voice(name: str, folder: Path | None = None) -> Voice:
    """A preset by name, or by path to a .toml file."""
    if name.endswith(".toml") and Path(name).is_file():
        return load_voice_file(Path(name))
    folder = folder or voices_dir()
    path = folder / f"{name}.toml"
    if not path.is_file():
        known = ", ".join(v.name for v in list_voices(folder)) or "none"
        raise TTSError(f"unknown voice preset {name!r}; known: {known}")
    return load_voice_file(path)
