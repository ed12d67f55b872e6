"""Pure operations on 16-bit mono PCM: silence, edge trimming, float conversion."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tts.types import Clip

if TYPE_CHECKING:
    import numpy as np


# Between the pieces of a sentence too long for the engine, split at clause boundaries.
CLAUSE_PAUSE_MS = 180


def silence(samples: int) -> bytes:
    return b"\0\0" * max(samples, 0)


def ms_to_samples(ms: int, sample_rate: int) -> int:
    return ms * sample_rate // 1000


def trim_edges(clip: Clip, *, threshold_db: float = -40.0, keep_ms: int = 15) -> Clip:
    """Cut leading and trailing silence so pauses come only from the timeline.

    The threshold is relative to the clip's peak, so quiet and loud engines trim alike;
    ``keep_ms`` keeps a breath of the fade so consonants are not clipped.
    """
    import numpy as np  # not at import time: an unchanged rebuild never needs it

    audio = np.frombuffer(clip.pcm, dtype="<i2")
    if audio.size == 0:
        return clip
    magnitude = np.abs(audio.astype(np.int32))
    peak = int(magnitude.max())
    if peak == 0:
        return Clip(pcm=b"", sample_rate=clip.sample_rate)
    loud = np.flatnonzero(magnitude >= peak * 10 ** (threshold_db / 20))
    keep = ms_to_samples(keep_ms, clip.sample_rate)
    start = max(int(loud[0]) - keep, 0)
    end = min(int(loud[-1]) + 1 + keep, audio.size)
    return Clip(pcm=audio[start:end].tobytes(), sample_rate=clip.sample_rate)


def float_to_pcm16(samples: np.ndarray) -> bytes:
    """Clip to [-1, 1] first: engines return values nominally, not strictly, in range."""
    import numpy as np

    clipped = np.clip(np.asarray(samples, dtype=np.float32), -1.0, 1.0)
    return (clipped * 32767.0).round().astype("<i2").tobytes()
