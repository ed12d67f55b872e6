"""eSpeak NG through the library shipped in the `espeakng-loader` wheel, driven with ctypes.

Every clip is spoken by a freshly loaded library (dlopen, initialize, speak, terminate,
dlclose), so that a clip depends only on its text and voice. eSpeak NG keeps state between
calls that no call of its API resets, not even espeak_Terminate then espeak_Initialize: its
wave generator's pitch flutter position, automatic gain and cycle count are static variables
inside functions (wavegen.c). The same sentence came out a few samples longer or shorter, its
waveform different, after another one, so a build's audio depended on which worker process
had said what before, and a rebuild after a crash differed from a clean build. Unloading the
library when its last handle closes resets all of it. Cost, measured on news sentences (127
characters on average): 11.6 to 12.8 ms a clip instead of 8.1 to 9.4, about 3 ms more (the
voice's dictionary, most of the time, was already loaded again for every clip).

eSpeak NG is not thread-safe (audio gets corrupted under threads): a lock keeps one call at a
time, and parallelism uses processes.
"""

from __future__ import annotations

import _ctypes
import contextlib
import ctypes
import os
import threading
from collections.abc import Iterator
from functools import cache
from typing import Any

from tts.errors import EngineFailed, EngineUnavailable
from tts.types import Clip, EngineInfo, Voice

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_INITIALIZE_DONT_EXIT = 0x8000
_CHARS_UTF8 = 1
_POS_CHARACTER = 1
_PARAM_RATE = 1
_BASE_WPM = 165  # eSpeak's default 175 wpm is hurried for Russian news
_SEED = 1
_SYNTH_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)

_lock = threading.Lock()
_chunks: list[bytes] = []


def _on_audio(wav: Any, count: int, _events: Any) -> int:
    if count > 0 and wav:
        _chunks.append(ctypes.string_at(wav, count * 2))
    return 0


_callback = _SYNTH_CALLBACK(_on_audio)


@cache
def _files() -> tuple[str, bytes]:
    """The library and its data folder, from the espeakng-loader wheel."""
    try:
        import espeakng_loader

        library, data = espeakng_loader.get_library_path(), espeakng_loader.get_data_path()
        return str(library), str(data).encode()
    except (ImportError, OSError) as exc:
        raise EngineUnavailable(f"eSpeak NG library cannot be loaded: {exc}") from exc


@contextlib.contextmanager
def _fresh_library() -> Iterator[tuple[Any, int]]:
    """The library loaded and initialized anew (no state from any earlier call), and its
    sample rate; unloaded on leaving. Call under ``_lock``."""
    path, data = _files()
    try:
        lib = ctypes.CDLL(path, mode=os.RTLD_LOCAL)
    except OSError as exc:
        raise EngineUnavailable(f"eSpeak NG library cannot be loaded: {exc}") from exc
    try:
        lib.espeak_Initialize.restype = ctypes.c_int
        rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data, _INITIALIZE_DONT_EXIT)
        if rate <= 0:
            raise EngineUnavailable(f"eSpeak NG failed to initialize (data folder {data.decode()})")
        try:
            lib.espeak_SetSynthCallback(_callback)
            # Initializing seeds its noise generator (breathy voices) with the clock.
            lib.espeak_ng_SetRandSeed(ctypes.c_long(_SEED))
            yield lib, rate
        finally:
            lib.espeak_Terminate()
    finally:
        _ctypes.dlclose(lib._handle)  # the last handle: the library and its state are gone


def _version(lib: Any) -> str:
    lib.espeak_Info.restype = ctypes.c_char_p
    raw = lib.espeak_Info(None)
    return raw.decode("ascii", "replace") if raw else "unknown"


class EspeakEngine:
    name = "espeak"
    max_chars = 1000

    def __init__(self, voice_name: str = "ru") -> None:
        with _lock, _fresh_library() as (lib, rate):
            self.sample_rate = rate
            self._info = EngineInfo(engine="espeak", version=_version(lib))
            if lib.espeak_SetVoiceByName(voice_name.encode()) != 0:
                raise EngineUnavailable(f"eSpeak NG has no voice {voice_name!r}")

    @property
    def info(self) -> EngineInfo:
        return self._info

    def synthesize(self, text: str, voice: Voice) -> Clip:
        # "+" marks stress for Silero; eSpeak NG would read it aloud as «плюс».
        data = text.replace("+", "").encode("utf-8") + b"\0"
        with _lock, _fresh_library() as (lib, _):
            lib.espeak_SetVoiceByName(voice.speaker.encode())
            lib.espeak_SetParameter(_PARAM_RATE, round(_BASE_WPM * voice.rate), 0)
            _chunks.clear()
            at, flags = _POS_CHARACTER, _CHARS_UTF8
            status = lib.espeak_Synth(data, len(data), 0, at, 0, flags, None, None)
            lib.espeak_Synchronize()
            pcm = b"".join(_chunks)
            _chunks.clear()
        if status != 0:
            raise EngineFailed(f"eSpeak NG returned status {status}")
        return Clip(pcm=pcm, sample_rate=self.sample_rate)

    def load(self) -> None:
        pass  # nothing is kept loaded: every clip loads the library afresh

    def set_threads(self, threads: int | None) -> None:
        pass  # eSpeak NG is one thread per process

    def close(self) -> None:
        """Nothing to release: the library is unloaded after every clip."""
