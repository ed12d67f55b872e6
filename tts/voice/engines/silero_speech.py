"""How a loaded Silero model is asked to speak, and how its answer becomes a clip: keyword
adaptation, SSML for the pace, the PCM conversion, failures in the user's words.

The clip cache's render stamp digests this file (tts/store/clip_cache.py), not the downloading
and loading code in silero.py: a change there must not re-render every cached clip.
torch and numpy are imported inside functions only.
"""

from __future__ import annotations

import inspect
import logging
import re
import warnings
from collections.abc import Callable
from typing import Any

from tts.errors import EngineFailed, TTSError
from tts.types import Clip, EngineInfo, Voice
from tts.voice.clips import float_to_pcm16

log = logging.getLogger(__name__)

SAMPLE_RATES = (8000, 24000, 48000)
MAX_CHARS = 450  # Silero warns above 1000 and may fail well before; one sentence per call
WARMUP_TEXT = "Проверка связи."
TOO_LONG = "Model couldn't generate your text, probably it's too long"
# Everything Silero's newer models take; older ones accept a subset (see accepted_keywords).
_FLAGS = {"put_accent": True, "put_yo": True, "put_stress_homo": True, "put_yo_homo": True}


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

    Edge silence is trimmed by the pipeline (tts.voice.synth), the same way for every engine.
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
