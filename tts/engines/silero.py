"""Silero TTS: the product's voice. One sentence per call, following Silero's own interface.

torch, numpy and the XML helpers are imported inside functions only: `tts --help`, eSpeak
builds, the unchanged-rebuild check (which asks ``silero_available``) and a rebuild whose clips
are all cached (``DeferredSilero``) never load them.
A model file is code: it is loaded only after ``tts.models`` has verified its SHA-256, or when
the user named it explicitly with ``--model PATH``.
"""

from __future__ import annotations

import inspect
import logging
import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tts.clips import float_to_pcm16
from tts.engines.base import EngineInfo
from tts.errors import EngineFailed, ModelError, TTSError
from tts.model import Clip, Voice

log = logging.getLogger(__name__)

SAMPLE_RATES = (8000, 24000, 48000)
MAX_CHARS = 450  # Silero warns above 1000 and may fail well before; one sentence per call
WARMUP_TEXT = "Проверка связи."
TOO_LONG = "Model couldn't generate your text, probably it's too long"
# Everything Silero's newer models take; older ones accept a subset (see accepted_keywords).
_FLAGS = {"put_accent": True, "put_yo": True, "put_stress_homo": True, "put_yo_homo": True}


def silero_available(model_id: str) -> bool:
    """Cheap check for `--engine auto`: the model is cached and verified. Never imports torch."""
    from tts.models import MODELS, cached_model

    return model_id in MODELS and cached_model(model_id) is not None


def check_sample_rate(sample_rate: int) -> None:
    if sample_rate not in SAMPLE_RATES:
        rates = ", ".join(map(str, SAMPLE_RATES))
        raise TTSError(f"Silero cannot speak at {sample_rate} Hz; choose one of {rates}")


def accepted_keywords(apply_tts: Callable[..., Any]) -> frozenset[str] | None:
    """The keywords ``apply_tts`` takes, or None when it takes ``**kwargs`` (anything)."""
    try:
        params = inspect.signature(apply_tts).parameters.values()
    except (TypeError, ValueError):
        # No signature to read: assume the v3/v4 set, the smallest one Silero has shipped.
        return frozenset({"text", "ssml_text", "speaker", "sample_rate", "put_accent", "put_yo"})
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        return None
    named = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    return frozenset(p.name for p in params if p.kind in named)


# Characters XML 1.0 forbids: Silero's SSML parser would reject the whole sentence.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def to_ssml(text: str, rate: float) -> str:
    """Speed is set only through SSML prosody; Silero reads the rate as a whole percentage."""
    from xml.sax.saxutils import escape

    percent = round(rate * 100)
    # "\r" as a reference: XML parsers would turn a literal one into "\n".
    body = escape(_NOT_XML.sub("", text), {"\r": "&#13;"})
    return f'<speak><prosody rate="{percent}%">{body}</prosody></speak>'


def call_kwargs(
    accepted: frozenset[str] | None, text: str, speaker: str, sample_rate: int, rate: float
) -> dict[str, Any]:
    wanted: dict[str, Any] = {"speaker": speaker, "sample_rate": sample_rate, **_FLAGS}
    use_ssml = rate != 1.0 and (accepted is None or "ssml_text" in accepted)
    if rate != 1.0 and not use_ssml:
        log.warning("this Silero model takes no SSML; speaking at its natural pace")
    if use_ssml:
        wanted["ssml_text"] = to_ssml(text, rate)
    else:
        wanted["text"] = text
    if accepted is None:
        return wanted
    return {k: v for k, v in wanted.items() if k in accepted}


def to_clip(audio: Any, sample_rate: int) -> Clip:
    """Silero's 1-D float tensor (nominally within [-1, 1]) → mono int16 little-endian PCM.

    Edge silence is trimmed by the pipeline (tts.synth), the same way for every engine.
    """
    import numpy as np

    data = audio.detach().cpu().numpy() if hasattr(audio, "detach") else audio
    samples = np.asarray(data, dtype=np.float32)
    if samples.ndim != 1:
        samples = samples.squeeze()
    if samples.ndim != 1:
        raise EngineFailed(f"Silero returned audio of shape {samples.shape}, expected 1-D")
    samples = np.nan_to_num(samples, nan=0.0, posinf=1.0, neginf=-1.0)
    return Clip(pcm=float_to_pcm16(samples), sample_rate=sample_rate)


def _failure(exc: Exception) -> EngineFailed:
    """Silero's ways of failing, in words the user can act on."""
    detail = str(exc).strip()
    if isinstance(exc, AssertionError):
        return EngineFailed(f"Silero rejected the request: {detail or 'assertion failed'}")
    if isinstance(exc, ValueError):
        return EngineFailed(
            "Silero found nothing speakable in the text" + (f" ({detail})" if detail else "")
        )
    if TOO_LONG in detail:
        return EngineFailed("Silero could not generate the text: it is probably too long")
    return EngineFailed(f"Silero failed: {type(exc).__name__}: {detail}")


class SileroEngine:
    """One loaded Silero model; speaks one sentence per ``synthesize`` call."""

    name = "silero"
    max_chars = MAX_CHARS

    def __init__(
        self, model: Any, *, label: str, sha256: str, sample_rate: int, threads: int = 1
    ) -> None:
        check_sample_rate(sample_rate)
        self.sample_rate = sample_rate
        self._threads = threads  # torch's (process-wide) thread count when opened
        self.calls = 0  # lets a long job recycle the worker if memory grows
        self._model = model
        self._label = label
        self._sha256 = sha256
        self._speakers = tuple(str(s) for s in getattr(model, "speakers", ()))
        self._accepted = accepted_keywords(model.apply_tts)

    @property
    def info(self) -> EngineInfo:
        return EngineInfo(
            engine="silero", version=self._label, model=self._label, model_sha256=self._sha256
        )

    @property
    def speakers(self) -> tuple[str, ...]:
        return self._speakers

    def check_voice(self, voice: Voice) -> None:
        if voice.sample_rate != self.sample_rate:
            raise TTSError(
                f"this Silero engine speaks at {self.sample_rate} Hz, "
                f"not {voice.sample_rate} Hz: one episode has one sample rate"
            )
        if voice.speaker not in self._speakers:
            known = ", ".join(self._speakers) or "none"
            raise TTSError(
                f"Silero model {self._label} has no speaker {voice.speaker!r}; speakers: {known}"
            )

    def synthesize(self, text: str, voice: Voice) -> Clip:
        self.check_voice(voice)
        if len(text) > self.max_chars:
            raise EngineFailed(
                f"text of {len(text)} characters is longer than Silero's {self.max_chars} per call"
            )
        kwargs = call_kwargs(self._accepted, text, voice.speaker, self.sample_rate, voice.rate)
        audio = self._apply(kwargs)
        self.calls += 1
        return to_clip(audio, self.sample_rate)

    def _apply(self, kwargs: dict[str, Any]) -> Any:
        import torch

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                with torch.inference_mode():
                    return self._model.apply_tts(**kwargs)
            except Exception as exc:  # Silero raises bare Exception, AssertionError, ValueError
                raise _failure(exc) from exc
            finally:
                for warning in caught:
                    log.warning("Silero: %s", warning.message)

    def warm_up(self, voice: Voice) -> None:
        """The first call is slow (lazy unpacking inside the model); pay it before timing."""
        self.synthesize(WARMUP_TEXT, voice)
        self.calls = 0

    def load(self) -> None:
        pass  # loaded when opened

    def set_threads(self, threads: int | None) -> None:
        import torch

        torch.set_num_threads(threads or self._threads)

    def close(self) -> None:
        self._model = None


def load_package(path: Path) -> Any:
    """Load a Silero torch.package. Runs code from the file: callers verify it first."""
    import torch
    from torch.package.package_importer import PackageImporter

    try:
        model = PackageImporter(str(path)).load_pickle("tts_models", "model")
    except Exception as exc:  # a corrupt or foreign file fails in many ways
        raise ModelError(f"{path} is not a loadable Silero model: {exc}") from exc
    if not callable(getattr(model, "apply_tts", None)) or not hasattr(model, "speakers"):
        raise ModelError(f"{path} holds no Silero TTS model (no apply_tts or speakers)")
    model.to(torch.device("cpu"))  # returns None in Silero: never chain it
    return model


def _user_model(model_path: Path) -> tuple[str, str]:
    from tts.models import sha256_file

    if not model_path.is_file():
        raise ModelError(f"model file {model_path} does not exist")
    # Given explicitly by the user: trusted, hashed only for the record.
    return model_path.stem, sha256_file(model_path)


def _resolve(
    voice: Voice, model_path: Path | None, progress: Callable[[int, int | None], None] | None
) -> tuple[Path, str, str]:
    from tts.models import DEFAULT_MODEL, ensure_model, expected_sha256, sha256_file

    if model_path is not None:
        return (model_path, *_user_model(model_path))
    model_id = voice.model or DEFAULT_MODEL
    path = ensure_model(model_id, progress=progress)
    sha = expected_sha256(model_id)
    return path, model_id, sha or sha256_file(path)


def silero_identity(voice: Voice, model_path: Path | None) -> tuple[str, str]:
    """The label and SHA-256 of the model a build would load, without loading it (or torch):
    enough for the clip keys and the manifest."""
    from tts.models import DEFAULT_MODEL, expected_sha256

    if model_path is not None:
        return _user_model(model_path)
    model_id = voice.model or DEFAULT_MODEL
    sha = expected_sha256(model_id)
    if sha is None:  # neither pinned nor recorded: only the file can say
        _, model_id, sha = _resolve(voice, None, None)
    return model_id, sha


def open_silero(
    voice: Voice,
    *,
    model_path: Path | None = None,
    threads: int | None = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> SileroEngine:
    """Load the voice's model (or ``model_path``), validate the voice, and warm up."""
    check_sample_rate(voice.sample_rate)
    path, label, sha = _resolve(voice, model_path, progress)
    import torch

    before = torch.get_num_threads()
    model = load_package(path)
    # Silero's embedded stress model resets the thread count to 1 while loading.
    torch.set_num_threads(threads or before)
    engine = SileroEngine(
        model,
        label=label,
        sha256=sha,
        sample_rate=voice.sample_rate,
        threads=torch.get_num_threads(),
    )
    engine.check_voice(voice)
    engine.warm_up(voice)
    log.info("Silero %s loaded from %s (%d threads)", label, path, torch.get_num_threads())
    return engine


class DeferredSilero:
    """Silero as a build first needs it: the model's identity (label, SHA-256), rate and text
    limit, without importing torch. The model is verified again, loaded and warmed up on
    ``load`` or the first ``synthesize``, so a rebuild whose clips are all cached (a new
    bitrate or format, an upgrade of this tool) never loads it."""

    name = "silero"
    max_chars = MAX_CHARS

    def __init__(
        self, voice: Voice, *, model_path: Path | None = None, threads: int | None = None
    ) -> None:
        check_sample_rate(voice.sample_rate)
        self.sample_rate = voice.sample_rate
        self._voice = voice
        self._model_path = model_path
        self._threads = threads
        self._wanted: int | None = None  # set_threads before the model was loaded
        label, sha = silero_identity(voice, model_path)
        self._info = EngineInfo(engine="silero", version=label, model=label, model_sha256=sha)
        self._engine: SileroEngine | None = None

    @property
    def info(self) -> EngineInfo:
        return self._info

    @property
    def calls(self) -> int:
        return self._engine.calls if self._engine else 0

    def load(self) -> None:
        self._loaded()

    def _loaded(self) -> SileroEngine:
        if self._engine is None:
            engine = open_silero(self._voice, model_path=self._model_path, threads=self._threads)
            if engine.info != self._info:
                raise ModelError(
                    f"the Silero model changed during this build ({self._info.model_sha256} "
                    f"became {engine.info.model_sha256}); build again"
                )
            if self._wanted:
                engine.set_threads(self._wanted)
            self._engine = engine
        return self._engine

    def synthesize(self, text: str, voice: Voice) -> Clip:
        return self._loaded().synthesize(text, voice)

    def set_threads(self, threads: int | None) -> None:
        self._wanted = threads
        if self._engine is not None:
            self._engine.set_threads(threads)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
            self._engine = None
