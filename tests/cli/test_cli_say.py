"""`tts say` and `tts voices --samples`: hear a voice before a long build, offline with eSpeak NG
and with the Silero stand-in (NOT Silero; see standin.py)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from helpers import require_tool
from standin import read_record
from test_cli_build import tts
from typer.testing import CliRunner

from tts.cli import _register, app
from tts.store.paths import voices_dir
from tts.voice.engines.silero_speech import WARMUP_TEXT

pytest_plugins = ["conftest_silero"]
_register()
runner = CliRunner()


def probe(path: Path) -> dict[str, str]:
    ffprobe = require_tool("ffprobe")
    done = subprocess.run(
        [ffprobe, "-v", "error", "-show_entries", "stream=codec_name,channels,sample_rate:"
         "format=duration", "-of", "json", str(path)],
        capture_output=True, text=True, check=True, timeout=30,
    )  # fmt: skip
    data = json.loads(done.stdout)
    return {**data["streams"][0], "duration": data["format"]["duration"]}


def test_say_writes_a_short_mp3_with_espeak_offline(tmp_path: Path) -> None:
    out = tmp_path / "a.mp3"
    args = ["say", "Проверка: 12 марта.", "--engine", "espeak", "--rate", "1.2", "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{out}  ") and "espeak voice ru" in result.output
    info = probe(out)
    assert (info["codec_name"], info["channels"], info["sample_rate"]) == ("mp3", 1, "22050")
    assert 0.8 < float(info["duration"]) < 4


def test_say_with_silero_reads_the_quotation_in_the_second_voice(
    tmp_path: Path,
    standins,
    record: Path,  # type: ignore[no-untyped-def]
) -> None:
    out = tmp_path / "q.mp3"
    text = "«Мы готовы», — сказал он. Всё."
    args = ["say", text, "--engine", "silero", "--model", str(standins.v5), "--trust-model"]
    result = runner.invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "silero voice xenia, quotations aidar" in result.output
    calls = [
        (e["kwargs"]["speaker"], e["kwargs"]["text"])
        for e in read_record(record)
        if e["event"] == "apply_tts" and e["kwargs"]["text"] != WARMUP_TEXT
    ]
    assert [speaker for speaker, _ in calls] == ["aidar", "xenia", "xenia"]
    assert out.stat().st_size > 1000


def test_say_refuses_a_long_text_and_an_empty_one(tmp_path: Path) -> None:
    long = tts("say", "слово " * 300, "--engine", "espeak")
    assert long.returncode == 1
    assert long.stderr.strip() == (
        "error: tts say reads up to 1000 characters, not 1800; use tts build for longer texts"
    )
    empty = tts("say", "…", "--engine", "espeak", "-o", str(tmp_path / "e.mp3"))
    assert empty.returncode == 1 and "nothing to say" in empty.stderr
    assert not (tmp_path / "e.mp3").exists()


def test_voices_samples_offline_makes_espeak_and_says_why_silero_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTS_CACHE_DIR", str(tmp_path / "cache"))  # no Silero model cached
    folder = tmp_path / "samples"
    result = runner.invoke(app, ["voices", "--samples", str(folder)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["espeak-f2.mp3", "espeak.mp3", "index.html"]
    assert "silero-xenia     skipped: no v5_5_ru model (tts models download)" in result.output
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert page.count("<audio ") == 2 and "Образец не записан" in page


def test_voices_samples_with_the_stand_in_makes_one_per_preset(
    tmp_path: Path,
    standins,  # type: ignore[no-untyped-def]
) -> None:
    folder = tmp_path / "samples"
    args = ["voices", "--samples", str(folder), "--model", str(standins.v5), "--trust-model"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    presets = sorted(p.stem for p in voices_dir().glob("*.toml"))
    assert sorted(p.stem for p in folder.glob("*.mp3")) == presets
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert page.count("<audio ") == len(presets)
    assert "цитаты читает aidar" in page


def test_voices_help_documents_pacing_and_rate() -> None:
    result = runner.invoke(app, ["voices", "--help"])
    for line in ("sentence = 350", "paragraph = 700", "section = 1200", "quote = 200", "--rate"):
        assert line in result.output
