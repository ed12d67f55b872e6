"""Synthesized clips cached by content, each file checksummed so corruption is detected.

Key: engine, its version, model id and hash, voice parameters, the spoken text and the code
between the engine and the clip. A file is written to a temporary name and renamed, so a
killed process never leaves half a clip.
"""

from __future__ import annotations

import hashlib
import json
import logging
import struct
from functools import cache
from pathlib import Path

from tts.store.outdir import write_atomic
from tts.store.versions import code_digest
from tts.types import Clip, EngineInfo, Voice

log = logging.getLogger(__name__)

_MAGIC = b"TTSCLIP1"
_HEADER = struct.Struct("<8sIQ32s")  # magic, sample rate, PCM bytes, SHA-256 of the PCM


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


class ClipCache:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.clip"

    def get(self, key: str) -> Clip | None:
        """The clip, or None when absent or damaged (a damaged file is removed)."""
        path = self.path(key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("cache entry %s unreadable (%s); synthesizing again", path, exc)
            return None
        clip = _decode(data)
        if clip is None:
            log.warning("cache entry %s is damaged; synthesizing again", path)
            path.unlink(missing_ok=True)
        return clip

    def put(self, key: str, clip: Clip) -> None:
        digest = hashlib.sha256(clip.pcm).digest()
        header = _HEADER.pack(_MAGIC, clip.sample_rate, len(clip.pcm), digest)
        write_atomic(self.path(key), header + clip.pcm, durable=False)  # checked when read


def _decode(data: bytes) -> Clip | None:
    if len(data) < _HEADER.size:
        return None
    magic, rate, size, digest = _HEADER.unpack_from(data)
    pcm = data[_HEADER.size :]
    if magic != _MAGIC or size != len(pcm) or hashlib.sha256(pcm).digest() != digest:
        return None
    return Clip(pcm=pcm, sample_rate=rate)
