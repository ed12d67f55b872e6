"""Where the tool keeps things on disk. TTS_CACHE_DIR overrides the user cache folder."""

from __future__ import annotations

import os
from pathlib import Path

REPO_VOICES = Path(__file__).resolve().parents[2] / "voices"


def cache_root() -> Path:
    override = os.environ.get("TTS_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("tts", appauthor=False))


def clips_dir() -> Path:
    """Synthesized sentence clips, keyed by content."""
    return cache_root() / "clips"


def spoken_dir() -> Path:
    """Spoken forms of written sentences: an edit normalizes only its new sentences."""
    return cache_root() / "spoken"


def chunks_dir() -> Path:
    """Encoded MP3 chunks, keyed by their levelled audio: an edit re-encodes only its chunk."""
    return cache_root() / "mp3"


def models_dir() -> Path:
    """Downloaded model files (Silero)."""
    return cache_root() / "models"


def voices_dir() -> Path:
    """Voice presets and the pronunciation lexicon: TTS_VOICES_DIR, else the repo's voices/."""
    override = os.environ.get("TTS_VOICES_DIR")
    return Path(override).expanduser() if override else REPO_VOICES
