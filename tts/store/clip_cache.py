"""Synthesized clips cached by content, each file checksummed so corruption is detected.

Key: engine, its version, model id and hash, voice parameters, the spoken text and the code
between the engine and the clip. Each clip is one verified entry (entries.py): its sample rate
in the header's spare number, its 16-bit PCM as the payload.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from tts.store.entries import CLIP, Damaged, Entries, Sealed
from tts.store.versions import code_digest
from tts.types import Clip, EngineInfo, Part, Voice

_VOICE = Path(__file__).resolve().parents[1] / "voice"


# Where an engine's speaking code lives when its module also holds loading code.
_SPEECH = {"silero": "silero_speech.py"}


@cache
def render_stamp(engine: str) -> str:
    """The code that turns the engine's output into a clip: trimming and clause pauses
    (tts/voice/clips.py) and the engine's wrapper (tts/voice/engines/<engine>.py; for Silero,
    its speaking half). When it changes, old clips must not be reused: a cache from before a
    change to trimming once made the demo seven seconds longer than a fresh build."""
    wrapper = _SPEECH.get(engine, f"{engine}.py")
    return code_digest([_VOICE / "clips.py", _VOICE / "engines" / wrapper])


def clip_key(info: EngineInfo, voice: Voice, spoken: str) -> str:
    fields = {
        "render": render_stamp(info.engine),
        "engine": info.engine,
        "version": info.version,
        "model": info.model,
        "model_sha256": info.model_sha256,
        "speaker": voice.speaker,
        "sample_rate": voice.sample_rate,
        "rate": voice.rate,
        "text": spoken,
    }
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()


def parts_key(info: EngineInfo, voice: Voice, parts: Sequence[Part]) -> str:
    """A sentence read in two voices: each part's own clip key (its voice, its spoken form),
    the pause between parts and the code that joins them."""
    quote = voice.quote or voice
    fields = {
        "join": 1,  # synth.render_parts: parts in order, the quotation pause between them
        "parts": [clip_key(info, quote if p.voice == "quote" else voice, p.spoken) for p in parts],
        "pause": voice.pauses.quote,
    }
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()


class ClipCache:
    """Clips by key (entries.py: checked when read; a damaged one is removed and a miss)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.entries = Entries(root, CLIP)

    def path(self, key: str) -> Path:
        return self.entries.path(key)

    def has(self, key: str) -> bool:
        return self.entries.has(key)

    def get(self, key: str) -> Clip | None:
        """The clip, or None when absent or damaged (a damaged file is removed)."""
        return self.entries.get(key, _decode)

    def put(self, key: str, clip: Clip) -> bool:
        """False when the cache cannot be written: the caller keeps the clip it has."""
        return self.entries.put(key, clip.pcm, meta=clip.sample_rate)


def _decode(entry: Sealed) -> Clip:
    if entry.meta <= 0 or len(entry.payload) % 2:
        raise Damaged(f"{len(entry.payload)} bytes of 16-bit audio at {entry.meta} Hz")
    return Clip(pcm=entry.payload, sample_rate=entry.meta)
