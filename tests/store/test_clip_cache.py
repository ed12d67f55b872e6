from pathlib import Path

import pytest

import tts.store.clip_cache as cache_module
from tts.store.clip_cache import ClipCache, clip_key, render_stamp
from tts.types import Clip, EngineInfo, Voice

INFO = EngineInfo("fake", "1")
VOICE = Voice("v", "fake", "ru", 16000)


def test_round_trip(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path)
    clip = Clip(b"\x01\x00\x02\x00", 16000)
    cache.put("ab" * 32, clip)
    assert cache.get("ab" * 32) == clip


def test_key_changes_with_everything_that_changes_the_sound() -> None:
    base = clip_key(INFO, VOICE, "текст")
    assert clip_key(INFO, VOICE, "текст.") != base
    assert clip_key(EngineInfo("fake", "2"), VOICE, "текст") != base
    assert clip_key(INFO, Voice("v", "fake", "ru", 16000, rate=1.1), "текст") != base
    assert clip_key(INFO, Voice("v", "fake", "baya", 16000), "текст") != base
    assert clip_key(INFO, VOICE, "текст") == base


def test_truncated_entry_is_detected_and_removed(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path)
    cache.put("cd" * 32, Clip(b"\x01\x00" * 100, 16000))
    path = cache.path("cd" * 32)
    path.write_bytes(path.read_bytes()[:-10])
    assert cache.get("cd" * 32) is None
    assert not path.exists()


def test_corrupted_entry_is_detected(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path)
    cache.put("ef" * 32, Clip(b"\x01\x00" * 100, 16000))
    path = cache.path("ef" * 32)
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))
    assert cache.get("ef" * 32) is None


def test_key_changes_with_the_code_between_engine_and_clip(monkeypatch: pytest.MonkeyPatch) -> None:
    base = clip_key(INFO, VOICE, "текст")
    assert len(render_stamp("espeak")) == 64 and render_stamp("espeak") != render_stamp("silero")
    monkeypatch.setattr(cache_module, "render_stamp", lambda engine: "trimming changed")
    assert clip_key(INFO, VOICE, "текст") != base


def test_silero_stamp_covers_its_speaking_code_not_its_loading_code() -> None:
    from tts.store.versions import code_digest

    root = Path(cache_module.__file__).parents[1] / "voice"
    speaking = code_digest([root / "clips.py", root / "engines" / "silero_speech.py"])
    assert render_stamp("silero") == speaking
    assert render_stamp("espeak") == code_digest(
        [root / "clips.py", root / "engines" / "espeak.py"]
    )
