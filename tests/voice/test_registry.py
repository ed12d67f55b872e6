"""Choosing the engine and voice: presets, speaker overrides, the auto fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tts.errors import TTSError
from tts.voice.engines import registry
from tts.voice.engines.registry import resolve

MODEL = Path("stand-in.pt")  # only its presence matters to resolve()


def test_speaker_picks_its_own_preset() -> None:
    spec, _ = resolve("silero", speaker="baya", model_path=MODEL)
    assert (spec.voice.name, spec.voice.speaker) == ("silero-baya", "baya")


def test_unknown_speaker_overrides_the_default_preset() -> None:
    spec, _ = resolve("silero", speaker="someone", model_path=MODEL)
    assert (spec.voice.name, spec.voice.speaker) == ("silero-xenia", "someone")


def test_auto_falls_back_to_espeak_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_silero_ready", lambda voice, path: False)
    spec, warning = resolve("auto")
    assert spec.name == "espeak" and warning and "eSpeak NG" in warning


def test_auto_takes_silero_when_its_model_is_there(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_silero_ready", lambda voice, path: True)
    spec, warning = resolve("auto")
    assert spec.name == "silero" and warning is None


def test_voice_of_another_engine_is_refused() -> None:
    with pytest.raises(TTSError, match="is for silero, not espeak"):
        resolve("espeak", "silero-baya")


@pytest.mark.parametrize("rate", [0.4, 2.5])
def test_rate_out_of_range_is_refused(rate: float) -> None:
    with pytest.raises(TTSError, match="--rate"):
        resolve("espeak", rate=rate)


def test_engine_stamp_names_what_makes_the_sound(tmp_path: Path) -> None:
    espeak, _ = resolve("espeak")
    assert registry.engine_stamp(espeak)[0] == "espeak" and len(registry.engine_stamp(espeak)) == 2
    model = tmp_path / "m.pt"
    silero, _ = resolve("silero", model_path=model)
    assert registry.engine_stamp(silero) == ["silero", str(model)]  # missing: said on opening
    model.write_bytes(b"x")
    assert registry.engine_stamp(silero)[2] == 1  # its size is part of the stamp


def test_espeak_stamp_reads_the_installed_version() -> None:
    from importlib.metadata import version

    assert registry._espeak_loader_version() == version("espeakng-loader")


class _Opened:
    def __init__(self) -> None:
        self.calls = 0
        self.closed = False

    def close(self) -> None:
        self.closed = True


def test_kept_engines_open_once_and_renew_after_max_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[_Opened] = []
    monkeypatch.setattr(
        registry, "open_engine", lambda spec: opened.append(_Opened()) or opened[-1]
    )
    spec, _ = resolve("silero", model_path=MODEL)
    kept = registry.KeptEngines(max_calls=3)
    first = kept.open(spec)
    first.calls = 2
    assert kept.open(spec) is first and len(opened) == 1
    first.calls = 3
    second = kept.open(spec)
    assert second is not first and first.closed and not second.closed
    other, _ = resolve("silero", speaker="baya", model_path=MODEL)
    assert kept.open(other) is not second and len(opened) == 3
    kept.close()
    assert all(e.closed for e in opened)
