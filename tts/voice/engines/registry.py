"""Choosing and opening an engine. An EngineSpec is picklable so worker processes can open
their own engine (eSpeak NG is one per process; Silero is one model per process)."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path

from tts.errors import TTSError
from tts.store.paths import voices_dir
from tts.types import Voice
from tts.voice.engines.base import Engine
from tts.voice.presets import find_voice, with_quote

log = logging.getLogger(__name__)

ENGINES = ("auto", "silero", "espeak", "fake")
DEFAULT_VOICE = {"silero": "silero-xenia", "espeak": "espeak", "fake": "espeak"}
# Silero's memory has been reported to grow over many calls: a fresh model after this many.
MODEL_CALLS = 960


@dataclass(frozen=True)
class EngineSpec:
    name: str  # a concrete engine: silero, espeak or fake
    voice: Voice
    model_path: Path | None = None
    trust_model: bool = False  # load model_path even when it is no known model (runs its code)
    threads: int | None = None  # torch threads for Silero; one model per process


def open_engine(spec: EngineSpec) -> Engine:
    if spec.name == "espeak":
        from tts.voice.engines.espeak import EspeakEngine

        return EspeakEngine()
    if spec.name == "fake":
        from tts.voice.engines.fake import FakeEngine

        return FakeEngine(spec.voice.sample_rate)
    if spec.name == "silero":
        from tts.voice.engines.silero import DeferredSilero

        return DeferredSilero(
            spec.voice,
            model_path=spec.model_path,
            trust_model=spec.trust_model,
            threads=spec.threads,
        )
    raise TTSError(f"unknown engine {spec.name!r}; choose one of {', '.join(ENGINES)}")


class KeptEngines:
    """Engines left open between the builds of one process (tts batch): a Silero model is
    verified, loaded and warmed up once per process, not once per article."""

    def __init__(self, max_calls: int = MODEL_CALLS) -> None:
        self._open: dict[EngineSpec, Engine] = {}
        self._max_calls = max_calls

    def open(self, spec: EngineSpec) -> Engine:
        engine = self._open.get(spec)
        if engine is not None and getattr(engine, "calls", 0) >= self._max_calls:
            engine.close()
            engine = None
        if engine is None:
            engine = self._open[spec] = open_engine(spec)
        return engine

    def close(self) -> None:
        for engine in self._open.values():
            engine.close()
        self._open.clear()


def needs_stress(spec: EngineSpec) -> bool:
    """Whether the text needs "+" stress marks before synthesis (Silero models without their
    own stress placement: v4_ru, v5_cis_base)."""
    if spec.name != "silero":
        return False
    from tts.voice.catalogue import MODELS

    info = MODELS.get(spec.voice.model or "")
    return bool(info and info.needs_stress)


def engine_stamp(spec: EngineSpec) -> list[object]:
    """What identifies the engine's sound without opening it: cheap enough for every build."""
    if spec.name == "espeak":
        return ["espeak", _espeak_loader_version()]
    if spec.name == "silero":
        if spec.model_path is not None:
            if not spec.model_path.is_file():
                return ["silero", str(spec.model_path)]  # opening it says what is wrong
            info = spec.model_path.stat()
            return ["silero", str(spec.model_path), info.st_size, info.st_mtime_ns]
        from tts.voice.catalogue import DEFAULT_MODEL, expected_sha256

        model = spec.voice.model or DEFAULT_MODEL
        return ["silero", model, expected_sha256(model)]
    return [spec.name]


def _espeak_loader_version() -> str:
    from tts.store.versions import dist_version

    return dist_version("espeakng_loader", "espeakng-loader") or "unknown"


def _silero_ready(voice: Voice, model_path: Path | None) -> bool:
    if model_path is not None:
        return True
    from tts.voice.engines.silero import silero_available

    return silero_available(voice.model or "v5_5_ru")


def _preset_for(engine: str, speaker: str | None) -> Voice:
    """The speaker's own preset when there is one (`--speaker baya` → silero-baya), else the
    engine's default: episode.json then names the voice that was really used."""
    if speaker and (voices_dir() / f"{engine}-{speaker}.toml").is_file():
        return find_voice(f"{engine}-{speaker}")
    return find_voice(DEFAULT_VOICE[engine])


def resolve(
    engine: str,
    voice_name: str | None = None,
    *,
    speaker: str | None = None,
    rate: float | None = None,
    model_path: Path | None = None,
    trust_model: bool = False,
    quote_voice: str | None = None,
) -> tuple[EngineSpec, str | None]:
    """The engine and voice to use, and a warning when ``auto`` had to fall back.

    ``quote_voice``: a preset to read quotations, "none" for none, None for the preset's own."""
    if engine not in ENGINES:
        raise TTSError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    warning = None
    voice = find_voice(voice_name) if voice_name else None
    if engine == "auto":
        engine = voice.engine if voice else "silero"
        if engine == "silero" and not _silero_ready(
            voice or find_voice(DEFAULT_VOICE["silero"]), model_path
        ):
            warning = (
                "no Silero model in the cache; using eSpeak NG "
                "(get Silero with: tts models download)"
            )
            engine, voice = "espeak", None
    if voice is None:
        voice = _preset_for(engine, speaker)
    elif voice.engine != engine and engine != "fake":
        raise TTSError(f"voice {voice.name!r} is for {voice.engine}, not {engine}")
    if speaker:
        voice = dataclasses.replace(voice, speaker=speaker)
    if rate is not None:  # 0 is a rate given (and refused), not a rate left out
        if not 0.5 <= rate <= 2.0:  # nan fails this too
            raise TTSError(f"--rate must be between 0.5 and 2.0, not {rate}")
        voice = dataclasses.replace(voice, rate=rate)
    voice, warning = _quote_voice(voice, quote_voice, warning)
    return EngineSpec(engine, voice, model_path, trust_model), warning


def _quote_voice(voice: Voice, name: str | None, warning: str | None) -> tuple[Voice, str | None]:
    """The quotation voice asked for, kept at the main voice's rate. After ``auto`` fell back
    to eSpeak NG, a Silero quotation voice cannot join: quotations stay in the main voice."""
    if name is None:
        return with_quote(voice, voice.quote), warning
    if name.lower() == "none":
        return with_quote(voice, None), warning
    quote = find_voice(name)
    if warning and quote.engine != voice.engine:
        return with_quote(voice, None), f"{warning}; quotations in the main voice"
    return with_quote(voice, dataclasses.replace(quote, quote=None)), warning
