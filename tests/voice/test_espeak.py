"""Real eSpeak NG synthesis through the library in the espeakng-loader wheel."""

import hashlib
import subprocess
import sys

import numpy as np
from helpers import REPO

from tts.voice.engines.espeak import EspeakEngine
from tts.voice.presets import find_voice


def test_speaks_russian() -> None:
    engine = EspeakEngine()
    clip = engine.synthesize("Ассамблея народа стала платформой для диалога.", find_voice("espeak"))
    audio = np.frombuffer(clip.pcm, "<i2").astype(float)
    assert clip.sample_rate == 22050
    assert 1.0 < clip.samples / clip.sample_rate < 8.0
    assert np.sqrt(np.mean(audio**2)) > 300  # speech, not silence


def test_stable_length_and_rate_changes_it() -> None:
    engine = EspeakEngine()
    voice = find_voice("espeak")
    a = engine.synthesize("Один и тот же текст.", voice)
    b = engine.synthesize("Один и тот же текст.", voice)
    fast = engine.synthesize(
        "Один и тот же текст.", voice.__class__(**{**voice.__dict__, "rate": 1.5})
    )
    assert a == b
    assert fast.samples < a.samples * 0.85


X = "Один и тот же текст."
Y = "Совсем другая фраза, длинная и вопросительная?"


def _digests_in_a_new_process(*texts: str) -> list[str]:
    """The SHA-256 of each clip, synthesized in this order by a process of its own."""
    code = (
        "import hashlib, sys\n"
        "from tts.voice.engines.espeak import EspeakEngine\n"
        "from tts.voice.presets import find_voice\n"
        "engine, voice = EspeakEngine(), find_voice('espeak')\n"
        "for text in sys.argv[1:]:\n"
        "    print(hashlib.sha256(engine.synthesize(text, voice).pcm).hexdigest())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *texts],
        cwd=REPO, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return done.stdout.split()


def test_a_clip_depends_only_on_its_text_and_voice() -> None:
    """Not on what the process said before: eSpeak NG keeps state between calls (pitch flutter,
    gain control, wave phase) that no call resets, so every clip starts from a fresh library."""
    (alone,) = _digests_in_a_new_process(X)
    assert _digests_in_a_new_process(Y, X, X)[1:] == [alone, alone]
    engine, voice = EspeakEngine(), find_voice("espeak")
    first = engine.synthesize(X, voice)
    engine.synthesize(Y, voice)
    assert engine.synthesize(X, voice) == first
    assert hashlib.sha256(first.pcm).hexdigest() == alone
