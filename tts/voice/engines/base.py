"""The Engine protocol every synthesizer follows."""

from __future__ import annotations

from typing import Protocol

from tts.types import Clip, EngineInfo, Voice


class Engine(Protocol):
    name: str
    sample_rate: int
    max_chars: int  # longest spoken text one synthesize() call accepts

    @property
    def info(self) -> EngineInfo: ...

    def synthesize(self, text: str, voice: Voice) -> Clip:
        """Speak ``text`` (already normalized, inside the engine's alphabet).

        Raises EngineFailed with a message that names what went wrong.
        """
        ...

    def load(self) -> None:
        """Be ready to speak now (Silero: import torch, load and warm up the model). Builds
        call it only when a clip is missing; ``synthesize`` calls it too."""
        ...

    def set_threads(self, threads: int | None) -> None:
        """Threads this engine may use from now on (None: as many as when it was opened);
        engines without threads of their own ignore it."""
        ...

    def close(self) -> None: ...
