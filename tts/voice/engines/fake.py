"""A deterministic engine for tests: a tone whose length follows the text. Never a real voice."""

from __future__ import annotations

import hashlib
import math
import struct

from tts.errors import EngineFailed
from tts.types import Clip, EngineInfo, Voice

_MS_PER_CHAR = 40


class FakeEngine:
    name = "fake"
    max_chars = 400

    def __init__(self, sample_rate: int = 16000) -> None:
        self.sample_rate = sample_rate
        self._info = EngineInfo(engine="fake", version="1")

    @property
    def info(self) -> EngineInfo:
        return self._info

    def synthesize(self, text: str, voice: Voice) -> Clip:
        if not text.strip():
            raise EngineFailed("nothing to say")
        if len(text) > self.max_chars:
            raise EngineFailed(f"text of {len(text)} characters exceeds {self.max_chars}")
        seed = hashlib.sha256(text.encode()).digest()[0]
        freq = 180 + seed  # a different pitch per text makes mix-ups audible in tests
        n = self.samples(text, voice)
        amp = 8000
        samples = (
            round(amp * math.sin(2 * math.pi * freq * i / self.sample_rate)) for i in range(n)
        )
        return Clip(pcm=struct.pack(f"<{n}h", *samples), sample_rate=self.sample_rate)

    def samples(self, text: str, voice: Voice) -> int:
        """How long the clip of ``text`` is, without making it (tests of hour-long timelines)."""
        return round(len(text) * _MS_PER_CHAR / voice.rate * self.sample_rate / 1000)

    def load(self) -> None:
        pass

    def set_threads(self, threads: int | None) -> None:
        pass

    def close(self) -> None:
        """Nothing to release."""
