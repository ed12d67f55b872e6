"""Tiny stand-in models for tests: torch.packages with Silero's pickle name and call interface.

NOT Silero. A stand-in speaks a deterministic tone whose length follows the text, and fails the
way Silero does: AssertionError for a bad speaker or sample rate, ValueError when nothing is
speakable, an exception with Silero's "too long" text above 1000 characters (after a warning).
Every load and every call is appended as one JSON line to ``record``, so tests can assert what
reached the model and whether the package's code ever ran.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

SPEAKERS = ("aidar", "baya", "kseniya", "xenia", "eugene")
MODULE = "standin_tts_model"

# The model's code, saved into each package with save_source_string (as Silero ships its own).
SOURCE = r'''
import json
import math
import warnings
import xml.etree.ElementTree as ET

import torch

_LETTERS = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
_RATES = {"x-slow": 0.5, "slow": 0.8, "medium": 1.0, "fast": 1.2, "x-fast": 1.5}


class _StandIn:
    """Stand-in, not Silero: a tone per speaker, 60 ms per character at rate 1."""

    def __init__(self, speakers, record, amplitude):
        self.speakers = list(speakers)
        self.record = record
        self.amplitude = amplitude
        self.device = "cpu"

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._log({"event": "load"})

    def _log(self, entry):
        with open(self.record, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def to(self, device):
        self.device = str(device)

    def _parse(self, text, ssml_text):
        if ssml_text is None:
            return text, 1.0
        try:
            root = ET.fromstring(ssml_text)
        except ET.ParseError:
            raise ValueError("Invalid XML format")
        assert root.tag == "speak", "Invalid SSML format: <speak> tag is essential"
        rate = 1.0
        for node in root.iter("prosody"):
            value = node.attrib.get("rate", "medium")
            rate = int(value[:-1]) / 100 if value.endswith("%") else _RATES[value]
        return "".join(root.itertext()), rate

    def _speak(self, kwargs):
        self._log({"event": "apply_tts", "kwargs": kwargs, "threads": torch.get_num_threads()})
        sample_rate, speaker = kwargs["sample_rate"], kwargs["speaker"]
        rates = [8000, 24000, 48000]
        assert sample_rate in rates, f"`sample_rate` should be in {rates}"
        assert speaker in self.speakers, f"`speaker` should be in {', '.join(self.speakers)}"
        text, ssml_text = kwargs["text"], kwargs["ssml_text"]
        assert text is not None or ssml_text is not None, "Both `text` and `ssml_text` are empty"
        plain, rate = self._parse(text, ssml_text)
        if len(plain) > 1000:
            warnings.warn("Text string is longer than 1000 symbols.")
            raise Exception("Model couldn't generate your text, probably it's too long")
        if not any(c in _LETTERS for c in plain.lower()):
            raise ValueError
        return self._tone(len(plain), sample_rate, speaker, rate)

    def _tone(self, chars, sample_rate, speaker, rate):
        pad = torch.zeros(sample_rate // 10)
        n = int(chars * 0.06 * sample_rate / rate)
        freq = 180.0 + 40.0 * self.speakers.index(speaker)
        t = torch.arange(n, dtype=torch.float32) / sample_rate
        voice = self.amplitude * torch.sin(2 * math.pi * freq * t)
        return torch.cat([pad, voice, pad]).to(torch.float32)


class StandInV5(_StandIn):
    def apply_tts(self, text=None, ssml_text=None, speaker="xenia", sample_rate=48000,
                  put_accent=True, put_yo=True, put_stress_homo=True, put_yo_homo=True,
                  voice_path=None, symbol_durs=None):
        return self._speak(dict(text=text, ssml_text=ssml_text, speaker=speaker,
                                sample_rate=sample_rate, put_accent=put_accent, put_yo=put_yo,
                                put_stress_homo=put_stress_homo, put_yo_homo=put_yo_homo))


class StandInV4(_StandIn):
    def apply_tts(self, text=None, ssml_text=None, speaker="xenia", sample_rate=48000,
                  put_accent=True, put_yo=True, voice_path=None, symbol_durs=None):
        return self._speak(dict(text=text, ssml_text=ssml_text, speaker=speaker,
                                sample_rate=sample_rate, put_accent=put_accent, put_yo=put_yo))
'''


def _source_module(folder: Path) -> Any:
    """Import the stand-in's code once from a real file, so the exporter can package it."""
    if MODULE in sys.modules:
        return sys.modules[MODULE]
    path = folder / f"{MODULE}.py"
    path.write_text(SOURCE, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(MODULE, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[MODULE] = module
    spec.loader.exec_module(module)
    return module


def build_standin(
    dest: Path,
    *,
    version: str = "v5",
    record: Path,
    speakers: tuple[str, ...] = SPEAKERS,
    amplitude: float = 0.5,
) -> Path:
    """Write a stand-in model package to ``dest`` (a .pt file) and return its path."""
    from torch.package import PackageExporter

    module = _source_module(dest.parent)
    cls = {"v5": module.StandInV5, "v4": module.StandInV4}[version]
    model = cls(speakers, str(record), amplitude)
    with PackageExporter(str(dest)) as exporter:
        exporter.extern(["torch", "torch.**"])
        exporter.save_source_string(MODULE, SOURCE)
        exporter.save_pickle("tts_models", "model", model)
    return dest


class _WriteMarker:
    """Unpickled, it writes its marker file: what code in any pickle can do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return exec, (f"open({str(self.marker)!r}, 'w').write('ran')",)


def build_hostile(dest: Path, marker: Path) -> Path:
    """Not a model: a zip in torch.package's layout holding one pickle that writes ``marker``
    when it is loaded. Anything given as --model could be this."""
    import pickle
    import zipfile

    with zipfile.ZipFile(dest, "w") as archive:
        archive.writestr(f"{dest.stem}/.data/version", "6\n")
        archive.writestr(f"{dest.stem}/.data/extern_modules", "")
        archive.writestr(f"{dest.stem}/tts_models/model", pickle.dumps(_WriteMarker(marker)))
    return dest


def read_record(record: Path) -> list[dict[str, Any]]:
    """Every load and call the stand-in saw, oldest first."""
    if not record.exists():
        return []
    lines = record.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def spoken_texts(record: Path) -> list[str]:
    """The text of every apply_tts call (the SSML's inner text for SSML calls)."""
    import xml.etree.ElementTree as ET

    texts = []
    for entry in read_record(record):
        if entry["event"] != "apply_tts":
            continue
        kwargs = entry["kwargs"]
        ssml = kwargs.get("ssml_text")
        texts.append("".join(ET.fromstring(ssml).itertext()) if ssml else kwargs["text"])
    return texts
