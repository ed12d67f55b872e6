"""eSpeak NG through the library shipped in the `espeakng-loader` wheel, driven with ctypes.

eSpeak NG keeps global state in the library: one synthesizer per process. It is not
thread-safe (audio gets corrupted under threads), so parallelism uses processes.
"""

from __future__ import annotations

import ctypes
import threading
from typing import Any

from tts.errors import EngineFailed, EngineUnavailable
from tts.types import Clip, EngineInfo, Voice

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_INITIALIZE_DONT_EXIT = 0x8000
_CHARS_UTF8 = 1
_POS_CHARACTER = 1
_PARAM_RATE = 1
_BASE_WPM = 165  # eSpeak's default 175 wpm is hurried for Russian news
_SYNTH_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)

# One library per process; the lock keeps accidental thread use from corrupting audio.
_lock = threading.Lock()
_lib: Any = None
_sample_rate = 0
_chunks: list[bytes] = []


def _on_audio(wav: Any, count: int, _events: Any) -> int:
    if count > 0 and wav:
        _chunks.append(ctypes.string_at(wav, count * 2))
    return 0


_callback = _SYNTH_CALLBACK(_on_audio)


def _load() -> tuple[Any, int]:
    global _lib, _sample_rate
    if _lib is not None:
        return _lib, _sample_rate
    try:
        import espeakng_loader

        lib = ctypes.cdll.LoadLibrary(str(espeakng_loader.get_library_path()))
        data = str(espeakng_loader.get_data_path()).encode()
    except (ImportError, OSError) as exc:
        raise EngineUnavailable(f"eSpeak NG library cannot be loaded: {exc}") from exc
    lib.espeak_Initialize.restype = ctypes.c_int
    rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data, _INITIALIZE_DONT_EXIT)
    if rate <= 0:
        raise EngineUnavailable(f"eSpeak NG failed to initialize (data folder {data.decode()})")
    lib.espeak_SetSynthCallback(_callback)
    _lib, _sample_rate = lib, rate
    return lib, rate


def _version(lib: Any) -> str:
    lib.espeak_Info.restype = ctypes.c_char_p
    raw = lib.espeak_Info(None)
    return raw.decode("ascii", "replace") if raw else "unknown"


class EspeakEngine:
    name = "espeak"
    max_chars = 1000

    def __init__(self, voice_name: str = "ru") -> None:
        self._lib, self.sample_rate = _load()
        self._voice_name = voice_name
        self._info = EngineInfo(engine="espeak", version=_version(self._lib))
        if self._lib.espeak_SetVoiceByName(voice_name.encode()) != 0:
            raise EngineUnavailable(f"eSpeak NG has no voice {voice_name!r}")

    @property
    def info(self) -> EngineInfo:
        return self._info

    def synthesize(self, text: str, voice: Voice) -> Clip:
        # "+" marks stress for Silero; eSpeak NG would read it aloud as «плюс».
        data = text.replace("+", "").encode("utf-8") + b"\0"
        with _lock:
            self._lib.espeak_SetVoiceByName(voice.speaker.encode())
            self._lib.espeak_SetParameter(_PARAM_RATE, round(_BASE_WPM * voice.rate), 0)
            _chunks.clear()
            status = self._lib.espeak_Synth(
                data, len(data), 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None
            )
            self._lib.espeak_Synchronize()
            pcm = b"".join(_chunks)
            _chunks.clear()
        if status != 0:
            raise EngineFailed(f"eSpeak NG returned status {status}")
        return Clip(pcm=pcm, sample_rate=self.sample_rate)

    def load(self) -> None:
        pass  # loaded when opened

    def set_threads(self, threads: int | None) -> None:
        pass  # eSpeak NG is one thread per process

    def close(self) -> None:
        """The library stays loaded for the life of the process (it cannot be reloaded)."""
