"""The Silero engine, exercised through stand-in torch.packages (NOT Silero; see standin.py)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from standin import read_record, spoken_texts

from tts.errors import EngineFailed, ModelError, TTSError
from tts.types import Voice
from tts.voice.catalogue import MODELS, model_file
from tts.voice.clips import trim_edges
from tts.voice.engines.silero import open_silero, silero_available
from tts.voice.engines.silero_speech import (
    MAX_CHARS,
    WARMUP_TEXT,
    SileroEngine,
    accepted_keywords,
    call_kwargs,
    to_clip,
    to_ssml,
)

if TYPE_CHECKING:
    from conftest_silero import StandIns

pytest_plugins = ["conftest_silero"]

REPO = Path(__file__).resolve().parents[2]
VOICE = Voice(name="t", engine="silero", speaker="baya", sample_rate=24000, model="v5_5_ru")
V5_FLAGS = {"put_accent", "put_yo", "put_stress_homo", "put_yo_homo"}


def _calls(record: Path) -> list[dict[str, Any]]:
    return [e["kwargs"] for e in read_record(record) if e["event"] == "apply_tts"]


def _pcm(clip_pcm: bytes) -> np.ndarray:
    return np.frombuffer(clip_pcm, dtype="<i2")


@pytest.fixture(scope="module")
def v5(standins: StandIns) -> SileroEngine:
    return open_silero(VOICE, model_path=standins.v5, trust_model=True)


# --- import hygiene ---------------------------------------------------------------------------


def test_importing_the_engine_does_not_import_torch_or_numpy(tmp_path: Path) -> None:
    code = (
        "import sys, tts.voice.engines.silero as s\n"
        "assert not s.silero_available('v5_5_ru')\n"
        "assert not s.silero_available('no_such_model')\n"
        "print('torch' in sys.modules or 'numpy' in sys.modules)\n"
    )
    env = {"TTS_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


# --- loading ----------------------------------------------------------------------------------


def test_open_with_model_path_loads_validates_and_warms_up(
    standins: StandIns, record: Path
) -> None:
    engine = open_silero(VOICE, model_path=standins.v5, trust_model=True)
    events = read_record(record)
    assert [e["event"] for e in events] == ["load", "apply_tts"]
    assert spoken_texts(record) == [WARMUP_TEXT]
    assert engine.calls == 0
    assert engine.sample_rate == 24000
    assert engine.max_chars == MAX_CHARS == 450
    assert engine.speakers == ("aidar", "baya", "kseniya", "xenia", "eugene")
    info = engine.info
    assert (info.engine, info.model) == ("silero", "standin-v5")
    assert info.model_sha256 == hashlib.sha256(standins.v5.read_bytes()).hexdigest()


def test_cached_model_with_pinned_hash_loads(
    standins: StandIns, record: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTS_CACHE_DIR", str(tmp_path))
    data = standins.v5.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    pinned = dataclasses.replace(MODELS["v5_5_ru"], size=len(data), sha256=sha)
    monkeypatch.setitem(MODELS, "v5_5_ru", pinned)
    model_file("v5_5_ru").parent.mkdir(parents=True)
    shutil.copy(standins.v5, model_file("v5_5_ru"))
    assert silero_available("v5_5_ru")
    engine = open_silero(VOICE)
    assert engine.info.model == engine.info.version == "v5_5_ru"
    assert engine.info.model_sha256 == sha
    assert engine.synthesize("Привет.", VOICE).samples > 0


def test_tampered_cached_model_is_rejected_before_any_code_runs(
    standins: StandIns, record: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTS_CACHE_DIR", str(tmp_path))
    data = standins.v5.read_bytes()
    pinned = dataclasses.replace(
        MODELS["v5_5_ru"], size=len(data), sha256=hashlib.sha256(data).hexdigest()
    )
    monkeypatch.setitem(MODELS, "v5_5_ru", pinned)
    path = model_file("v5_5_ru")
    path.parent.mkdir(parents=True)
    path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # same size, one bit flipped
    assert not silero_available("v5_5_ru")
    with pytest.raises(ModelError, match="not trusted"):
        open_silero(VOICE)
    assert read_record(record) == []  # the stand-in's unpickling hook never ran


def test_stand_in_never_passes_for_the_real_pinned_model(
    standins: StandIns, record: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTS_CACHE_DIR", str(tmp_path))
    model_file("v5_5_ru").parent.mkdir(parents=True)
    shutil.copy(standins.v5, model_file("v5_5_ru"))
    with pytest.raises(ModelError, match="expected 145420684"):
        open_silero(VOICE)
    assert read_record(record) == []


def test_missing_or_foreign_model_file(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="does not exist"):
        open_silero(VOICE, model_path=tmp_path / "nope.pt")
    junk = tmp_path / "junk.pt"
    junk.write_bytes(b"not a torch package")
    with pytest.raises(ModelError, match="junk.pt is not a known Silero model"):
        open_silero(VOICE, model_path=junk)
    with pytest.raises(ModelError, match="not a loadable Silero model"):
        open_silero(VOICE, model_path=junk, trust_model=True)


def test_bad_sample_rate_fails_before_loading(standins: StandIns, record: Path) -> None:
    voice = dataclasses.replace(VOICE, sample_rate=22050)
    with pytest.raises(TTSError, match="22050 Hz; choose one of 8000, 24000, 48000"):
        open_silero(voice, model_path=standins.v5, trust_model=True)
    assert read_record(record) == []


def test_unknown_speaker_lists_the_model_speakers(standins: StandIns, record: Path) -> None:
    voice = dataclasses.replace(VOICE, speaker="natasha")
    with pytest.raises(TTSError, match="no speaker 'natasha'; speakers: aidar, baya, kseniya"):
        open_silero(voice, model_path=standins.v5, trust_model=True)
    assert _calls(record) == []


def test_threads_are_set_after_loading(standins: StandIns) -> None:
    before = torch.get_num_threads()
    try:
        open_silero(VOICE, model_path=standins.v5, trust_model=True, threads=1)
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)


def test_parallel_synthesis_shares_the_cores_with_the_workers(
    standins: StandIns, record: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """This process synthesizes beside its workers: each process gets cores // workers
    threads, and this one gets its own count back afterwards."""
    import tts.voice.synth as synth
    from tts.store.clip_cache import ClipCache
    from tts.voice.engines.registry import EngineSpec

    monkeypatch.setattr(synth, "_PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(synth, "_BATCH", 2)
    before = torch.get_num_threads()
    cores = os.cpu_count() or 1
    try:
        engine = open_silero(VOICE, model_path=standins.v5, trust_model=True, threads=cores)
        spec = EngineSpec("silero", VOICE, model_path=standins.v5, trust_model=True)
        cache = ClipCache(tmp_path / "clips")
        jobs = synth.plan_jobs(engine, VOICE, [f"Предложение номер {n}." for n in range(12)])
        synth.synthesize_missing(engine, spec, cache, jobs, workers=2)
        assert synth.missing(cache, jobs) == [] and torch.get_num_threads() == cores
    finally:
        torch.set_num_threads(before)
    calls = [e for e in read_record(record) if e["event"] == "apply_tts"]
    spoken = [e for e in calls if e["kwargs"]["text"] != WARMUP_TEXT]
    assert len(spoken) == len(jobs)
    assert {e["threads"] for e in spoken} == {max(1, cores // 2)}


def test_rebuild_with_every_clip_cached_never_loads_the_model(
    standins: StandIns, record: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tts.build import BuildOptions, build_episode

    monkeypatch.setenv("TTS_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "a.txt"
    source.write_text("Заголовок\n\nГород открыл парк. Жители рады.\n", encoding="utf-8")
    opts = BuildOptions(inputs=(str(source),), outdir=tmp_path / "out", engine="silero",
                        model_path=standins.v5, trust_model=True, workers=1)  # fmt: skip
    first = build_episode(opts)
    assert sum(e["event"] == "load" for e in read_record(record)) == 1
    record.write_text("", encoding="utf-8")
    again = build_episode(dataclasses.replace(opts, bitrate="96k"))
    assert not again.unchanged and again.from_cache == again.sentences == 3
    assert read_record(record) == []  # neither loaded nor called
    assert again.episode.model_sha256 == first.episode.model_sha256
    source.write_text("Заголовок\n\nГород открыл парк. Жители очень рады.\n", encoding="utf-8")
    edited = build_episode(opts)
    assert edited.from_cache == 2
    assert [e["event"] for e in read_record(record)] == ["load", "apply_tts", "apply_tts"]


def test_deferred_engine_knows_the_model_before_loading_it(
    standins: StandIns, record: Path
) -> None:
    from tts.voice.engines.silero import DeferredSilero

    before = torch.get_num_threads()
    engine = DeferredSilero(VOICE, model_path=standins.v5, trust_model=True, threads=2)
    try:
        sha = hashlib.sha256(standins.v5.read_bytes()).hexdigest()
        assert (engine.info.model, engine.info.model_sha256) == (standins.v5.stem, sha)
        assert engine.calls == 0 and read_record(record) == []
        engine.set_threads(1)  # before loading: applied once loaded
        engine.synthesize("Город открыл парк.", VOICE)
        assert engine.calls == 1 and torch.get_num_threads() == 1
        engine.set_threads(None)
        assert torch.get_num_threads() == 2
    finally:
        engine.close()
        torch.set_num_threads(before)
    wrong = DeferredSilero(
        dataclasses.replace(VOICE, speaker="nobody"), model_path=standins.v5, trust_model=True
    )
    with pytest.raises(TTSError, match="no speaker 'nobody'"):
        wrong.load()


# --- keyword adaptation -----------------------------------------------------------------------


def test_v5_model_gets_the_homograph_flags(v5: SileroEngine, record: Path) -> None:
    v5.synthesize("Замок открыт.", VOICE)
    (kwargs,) = _calls(record)
    assert kwargs.keys() >= V5_FLAGS
    assert all(kwargs[k] is True for k in V5_FLAGS)
    assert (kwargs["text"], kwargs["speaker"], kwargs["sample_rate"]) == (
        "Замок открыт.",
        "baya",
        24000,
    )


def test_v4_model_gets_only_what_it_accepts(standins: StandIns, record: Path) -> None:
    engine = open_silero(VOICE, model_path=standins.v4, trust_model=True)
    clip = engine.synthesize("Замок открыт.", VOICE)
    assert clip.samples > 0
    for kwargs in _calls(record):
        assert "put_stress_homo" not in kwargs and "put_yo_homo" not in kwargs
        assert kwargs["put_accent"] is True and kwargs["put_yo"] is True


def test_accepted_keywords_reads_the_signature() -> None:
    def v4(text=None, ssml_text=None, speaker="x", sample_rate=48000, put_accent=True):  # type: ignore[no-untyped-def]
        return None

    def anything(text=None, **kwargs):  # type: ignore[no-untyped-def]
        return None

    assert accepted_keywords(v4) == {"text", "ssml_text", "speaker", "sample_rate", "put_accent"}
    assert accepted_keywords(anything) is None
    everything = call_kwargs(None, "а", "baya", 8000, 1.0)
    assert everything.keys() >= V5_FLAGS


def test_model_without_ssml_speaks_plain_text(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        kwargs = call_kwargs(frozenset({"text", "speaker", "sample_rate"}), "а", "b", 8000, 1.5)
    assert kwargs == {"text": "а", "speaker": "b", "sample_rate": 8000}
    assert "no SSML" in caplog.text


# --- speed through SSML -----------------------------------------------------------------------


def test_rate_goes_through_ssml_prosody(v5: SileroEngine, record: Path) -> None:
    text = "Курс вырос & упал <снова>."
    normal = v5.synthesize(text, VOICE)
    fast = v5.synthesize(text, dataclasses.replace(VOICE, rate=1.5))
    slow = v5.synthesize(text, dataclasses.replace(VOICE, rate=0.8))
    plain, ssml_fast, ssml_slow = _calls(record)
    assert plain["ssml_text"] is None and plain["text"] == text
    assert ssml_fast["text"] is None
    assert ssml_fast["ssml_text"] == (
        '<speak><prosody rate="150%">Курс вырос &amp; упал &lt;снова&gt;.</prosody></speak>'
    )
    assert 'rate="80%"' in ssml_slow["ssml_text"]
    assert spoken_texts(record) == [text, text, text]  # the markup reached the model intact
    assert slow.samples > normal.samples > fast.samples


def _xml_char(c: str) -> bool:
    """XML 1.0's Char production: what an SSML document can carry at all."""
    o = ord(c)
    return o in (0x9, 0xA, 0xD) or 0x20 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD or o >= 0x10000


@given(st.text(), st.floats(min_value=0.5, max_value=2.0))
def test_ssml_always_parses_back_to_the_text(text: str, rate: float) -> None:
    root = ET.fromstring(to_ssml(text, rate))
    assert root.tag == "speak"
    (prosody,) = list(root)
    assert prosody.attrib["rate"] == f"{round(rate * 100)}%"
    assert "".join(root.itertext()) == "".join(c for c in text if _xml_char(c))


# --- errors -----------------------------------------------------------------------------------


def test_nothing_speakable_maps_to_engine_failed(v5: SileroEngine) -> None:
    with pytest.raises(EngineFailed, match="nothing speakable") as err:
        v5.synthesize("2024 — COVID-19", VOICE)
    assert err.value.sentence is None  # the pipeline adds the sentence index


def test_too_long_for_one_call_is_refused_before_the_model(v5: SileroEngine, record: Path) -> None:
    with pytest.raises(EngineFailed, match="451 characters is longer than Silero's 450"):
        v5.synthesize("а" * 451, VOICE)
    assert _calls(record) == []


def test_model_too_long_failure_and_warning_are_mapped(
    standins: StandIns, record: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine = open_silero(VOICE, model_path=standins.v5, trust_model=True)
    engine.max_chars = 5000  # let the text through to see how the model's failure is mapped
    with caplog.at_level(logging.WARNING), pytest.raises(EngineFailed, match="too long"):
        engine.synthesize("слово " * 200, VOICE)
    assert "longer than 1000 symbols" in caplog.text


def test_model_assertion_maps_to_engine_failed(v5: SileroEngine) -> None:
    bad = call_kwargs(None, "Привет.", "natasha", 24000, 1.0)
    with pytest.raises(EngineFailed, match="rejected the request: `speaker` should be in aidar"):
        v5._apply(bad)


def test_voice_at_another_sample_rate_is_refused(v5: SileroEngine) -> None:
    with pytest.raises(TTSError, match="speaks at 24000 Hz, not 48000 Hz"):
        v5.synthesize("Привет.", dataclasses.replace(VOICE, sample_rate=48000))


# --- clips ------------------------------------------------------------------------------------


def test_clip_is_int16_at_the_engine_rate_and_trims_in_the_pipeline(v5: SileroEngine) -> None:
    raw = v5.synthesize("Привет.", VOICE)  # 7 characters: 7 × 60 ms of tone, 100 ms pads
    assert raw.sample_rate == 24000
    tone = int(7 * 0.06 * 24000)
    assert raw.samples >= tone + 2 * 2400 - 4  # the engine leaves the padding to the pipeline
    clip = trim_edges(raw, keep_ms=15)
    keep = 24000 * 15 // 1000
    # The tone starts and ends near a zero crossing: a sample or two of it is below threshold.
    assert tone + 2 * keep - 4 <= clip.samples <= tone + 2 * keep
    pcm = _pcm(clip.pcm)
    assert 0.45 * 32767 < np.abs(pcm).max() <= 0.5 * 32767 + 1


def test_loud_output_is_clipped_not_wrapped(standins: StandIns) -> None:
    engine = open_silero(VOICE, model_path=standins.loud, trust_model=True)
    pcm = _pcm(engine.synthesize("Громко!", VOICE).pcm)
    assert pcm.max() == 32767 and pcm.min() == -32767
    assert (pcm == 32767).sum() > 10


def test_to_clip_converts_clips_and_cleans() -> None:
    clip = to_clip(torch.tensor([-1.5, -0.5, 0.0, 0.5, 1.5, float("nan")]), 8000)
    assert _pcm(clip.pcm).tolist() == [-32767, -16384, 0, 16384, 32767, 0]
    assert clip.pcm[:2] == (-32767).to_bytes(2, "little", signed=True)
    assert to_clip(torch.zeros(1, 5), 8000).samples == 5
    with pytest.raises(EngineFailed, match="expected 1-D"):
        to_clip(torch.zeros(2, 5), 8000)


# --- long run ---------------------------------------------------------------------------------


def _rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def test_two_thousand_sentences_keep_memory_flat(standins: StandIns, record: Path) -> None:
    voice = dataclasses.replace(VOICE, sample_rate=8000)  # the stand-in's cost is in samples
    before = torch.get_num_threads()
    # One thread, as a worker process would run: OpenMP spinning on a busy 2-core box costs more
    # than the stand-in's tiny tensors are worth.
    engine = open_silero(voice, model_path=standins.v5, trust_model=True, threads=1)
    words = ["Рынок", "вырос", "на", "три", "процента", "за", "неделю", "и", "замер"]
    samples: list[tuple[int, float]] = []
    for i in range(2000):
        text = " ".join(words[: 3 + i % 6]) + "."
        assert engine.synthesize(text, voice).samples > 0
        if i % 250 == 0 or i == 1999:
            samples.append((i + 1, _rss_mb()))
    print("calls -> RSS MB:", ", ".join(f"{n}: {mb:.1f}" for n, mb in samples))
    assert engine.calls == 2000
    growth = samples[-1][1] - samples[1][1]  # from 251 calls on, after allocator warm-up
    engine.close()
    torch.set_num_threads(before)
    assert growth < 40.0, f"RSS grew {growth:.1f} MB over 1750 calls"


# --- end to end -------------------------------------------------------------------------------

SPEAKABLE = re.compile(r"[а-яёА-ЯЁ!+,\-.:;?–… ]+")
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.mark.slow
@pytest.mark.skipif(not (CORPUS / "economy-numbers.txt").is_file(), reason="needs ../shared")
def test_build_with_stand_in_hands_the_model_only_speakable_text(
    standins: StandIns, record: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    args = [str(CORPUS / "economy-numbers.txt"), "--engine", "silero", "--speaker", "baya"]
    args += ["--model", str(standins.v5), "--trust-model", "-o", str(out)]
    env = {**os.environ, "TTS_CACHE_DIR": str(tmp_path / "cache")}
    code = "import sys; from tts.cli import main; sys.argv[0] = 'tts'; main()"
    done = subprocess.run(
        [sys.executable, "-c", code, "build", *args], cwd=REPO, env=env, capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()
    (manifest,) = out.glob("*/episode.json")
    episode = json.loads(manifest.read_text(encoding="utf-8"))
    assert (episode["engine"], episode["speaker"], episode["sample_rate"]) == (
        "silero",
        "baya",
        48000,
    )
    assert episode["model_sha256"] == hashlib.sha256(standins.v5.read_bytes()).hexdigest()
    calls = _calls(record)
    texts = spoken_texts(record)
    # One warm-up per loaded model (one per worker process), then each sentence once.
    loads = sum(e["event"] == "load" for e in read_record(record))
    assert texts[:1] == [WARMUP_TEXT] and texts.count(WARMUP_TEXT) == loads
    # a sentence that switches to the quotation voice (aidar, baya's default) is one call a part
    parts = [p for s in episode["sentences"] for p in s.get("parts", ())]
    switching = sum(1 for s in episode["sentences"] if "parts" in s)
    assert parts and episode["quote_speaker"] == "aidar"
    assert len(texts) - loads == len(episode["sentences"]) - switching + len(parts)
    quoted = sum(p["voice"] == "quote" for p in parts)
    assert sum(c["speaker"] == "aidar" for c in calls) == quoted
    assert {(c["speaker"], c["sample_rate"]) for c in calls} == {("baya", 48000), ("aidar", 48000)}
    for text in texts:
        assert SPEAKABLE.fullmatch(text), text
        assert len(text) <= 1000
