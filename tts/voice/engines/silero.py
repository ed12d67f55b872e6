"""Silero TTS: the product's voice. Finding, verifying and loading a model; speaking is in
silero_speech.py.

torch is imported inside functions only: `tts --help`, eSpeak builds, the unchanged-rebuild
check (which asks ``silero_available``) and a rebuild whose clips are all cached
(``DeferredSilero``) never load it.
A model file is code: it is loaded only after ``tts.voice.catalogue`` has verified its SHA-256.
A file named with ``--model PATH`` is verified the same way (its digest must be a known
model's); one of unknown origin is loaded only with ``trust_model`` (``--trust-model``), as
transformers asks for ``trust_remote_code=True``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tts.errors import ModelError
from tts.types import Clip, EngineInfo, Voice
from tts.voice.engines.silero_speech import MAX_CHARS, SileroEngine, check_sample_rate

log = logging.getLogger(__name__)


def silero_available(model_id: str) -> bool:
    """Cheap check for `--engine auto`: the model is cached and verified. Never imports torch."""
    from tts.voice.catalogue import MODELS, cached_model

    return model_id in MODELS and cached_model(model_id) is not None


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


def _user_model(model_path: Path, trust: bool) -> tuple[str, str]:
    from tts.voice.catalogue import identify_model

    if not model_path.is_file():
        raise ModelError(f"model file {model_path} does not exist")
    sha, known = identify_model(model_path)
    if known is None and not trust:
        raise ModelError(
            f"{model_path} is not a known Silero model (SHA-256 {sha}); loading a model runs "
            "the code inside it: pass --trust-model to load it anyway"
        )
    return model_path.stem, sha


def _resolve(
    voice: Voice,
    model_path: Path | None,
    progress: Callable[[int, int | None], None] | None,
    trust: bool = False,
) -> tuple[Path, str, str]:
    from tts.voice.catalogue import DEFAULT_MODEL, ensure_model, expected_sha256, sha256_file

    if model_path is not None:
        return (model_path, *_user_model(model_path, trust))
    model_id = voice.model or DEFAULT_MODEL
    path = ensure_model(model_id, progress=progress)
    sha = expected_sha256(model_id)
    return path, model_id, sha or sha256_file(path)


def silero_identity(
    voice: Voice, model_path: Path | None, *, trust_model: bool = False
) -> tuple[str, str]:
    """The label and SHA-256 of the model a build would load, without loading it (or torch):
    enough for the clip keys and the manifest."""
    from tts.voice.catalogue import DEFAULT_MODEL, expected_sha256

    if model_path is not None:
        return _user_model(model_path, trust_model)
    model_id = voice.model or DEFAULT_MODEL
    sha = expected_sha256(model_id)
    if sha is None:  # neither pinned nor recorded: only the file can say
        _, model_id, sha = _resolve(voice, None, None)
    return model_id, sha


def open_silero(
    voice: Voice,
    *,
    model_path: Path | None = None,
    trust_model: bool = False,
    threads: int | None = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> SileroEngine:
    """Load the voice's model (or ``model_path``: a known model's file, or any file with
    ``trust_model``), validate the voice, and warm up."""
    check_sample_rate(voice.sample_rate)
    path, label, sha = _resolve(voice, model_path, progress, trust_model)
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
        self,
        voice: Voice,
        *,
        model_path: Path | None = None,
        trust_model: bool = False,
        threads: int | None = None,
    ) -> None:
        check_sample_rate(voice.sample_rate)
        if model_path is not None and not model_path.is_file():  # said now, before normalizing
            raise ModelError(f"model file {model_path} does not exist")
        self.sample_rate = voice.sample_rate
        self._voice = voice
        self._model_path = model_path
        self._trust_model = trust_model
        self._threads = threads
        self._wanted: int | None = None  # set_threads before the model was loaded
        self._info: EngineInfo | None = None  # asked for by the build, not by workers
        self._engine: SileroEngine | None = None

    @property
    def info(self) -> EngineInfo:
        if self._info is None:
            label, sha = silero_identity(
                self._voice, self._model_path, trust_model=self._trust_model
            )
            self._info = EngineInfo(engine="silero", version=label, model=label, model_sha256=sha)
        return self._info

    @property
    def calls(self) -> int:
        return self._engine.calls if self._engine else 0

    def load(self) -> None:
        self._loaded()

    def _loaded(self) -> SileroEngine:
        if self._engine is None:
            engine = open_silero(
                self._voice,
                model_path=self._model_path,
                trust_model=self._trust_model,
                threads=self._threads,
            )
            if self._info is not None and engine.info != self._info:  # keys were made with it
                raise ModelError(
                    f"the Silero model changed during this build ({self._info.model_sha256} "
                    f"became {engine.info.model_sha256}); build again"
                )
            self._info = engine.info
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
