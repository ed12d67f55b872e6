"""The quotation voice end to end: engine calls per part, the manifest's parts, the cache per
voice, odd marks, eSpeak NG offline and the Silero stand-in (NOT Silero; see standin.py)."""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path

import numpy as np
import pytest
from standin import read_record

from tts.build import BuildOptions, build_episode
from tts.episode import Episode, EpisodeError
from tts.errors import TTSError
from tts.store.paths import voices_dir
from tts.types import Part, Voice
from tts.voice.engines.fake import FakeEngine
from tts.voice.engines.registry import resolve
from tts.voice.engines.silero_speech import WARMUP_TEXT
from tts.voice.synth import render, render_parts

pytest_plugins = ["conftest_silero"]

SAMPLE = Path(__file__).parents[2] / "tts" / "text" / "sample.md"
QUOTE = (
    "«Мы думали, что проект нужен прежде всего незрячим читателям. Оказалось, что слушают все: "
    "водители, пенсионеры, мамы с колясками»"
)
ATTRIBUTION = ", — рассказала руководитель отдела цифровых сервисов Айгерим Нурланова."


def _quoted(episode: Episode) -> list[tuple[int, list[tuple[str, str]]]]:
    return [
        (s.index, [(s.text[p.span[0] : p.span[1]], p.voice) for p in s.parts])
        for s in episode.sentences
        if s.parts
    ]


def test_render_parts_joins_the_voices_with_the_quotation_pause() -> None:
    engine = FakeEngine(16000)
    main = Voice("m", "fake", "a", 16000)
    voice = dataclasses.replace(main, quote=dataclasses.replace(main, speaker="b"))
    parts = (Part((0, 5), "quote", "цитата"), Part((5, 12), "main", "сказал он"))
    clip = render_parts(engine, voice, parts)
    first, second = render(engine, voice, "цитата"), render(engine, voice, "сказал он")
    gap = b"\0\0" * (voice.pauses.quote * 16000 // 1000)
    assert clip.pcm == first.pcm + gap + second.pcm
    assert voice.pauses.quote == 200


@pytest.fixture
def silero_build(standins, record, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TTS_CACHE_DIR", str(tmp_path / "cache"))
    return BuildOptions(
        inputs=(str(SAMPLE),),
        outdir=tmp_path / "out",
        engine="silero",
        model_path=standins.v5,
        trust_model=True,
        workers=1,
    )


def _calls(record: Path) -> list[tuple[str, str]]:
    return [
        (e["kwargs"]["speaker"], e["kwargs"]["text"] or e["kwargs"]["ssml_text"])
        for e in read_record(record)
        if e["event"] == "apply_tts" and e["kwargs"]["text"] != WARMUP_TEXT
    ]


def test_silero_presets_read_quotations_in_a_second_speaker(
    silero_build: BuildOptions, record: Path
) -> None:
    result = build_episode(silero_build)
    episode = result.episode
    assert (episode.speaker, episode.quote_voice, episode.quote_speaker) == (
        "xenia",
        "silero-aidar",
        "aidar",
    )
    assert _quoted(episode) == [(9, [(QUOTE, "quote"), (ATTRIBUTION, "main")])]
    calls = _calls(record)
    quoted = [text for speaker, text in calls if speaker == "aidar"]
    assert len(quoted) == 1 and quoted[0].startswith("Мы думали, что проект нужен")
    assert quoted[0].endswith("мамы с колясками")
    assert sum(speaker == "xenia" for speaker, _ in calls) == len(episode.sentences)
    # the transcript keeps whole sentences
    saved = json.loads((result.folder / "episode.json").read_text(encoding="utf-8"))
    nine = saved["sentences"][9]
    assert nine["text"] == QUOTE + ATTRIBUTION
    assert [p["voice"] for p in nine["parts"]] == ["quote", "main"]
    assert nine["parts"][0]["span"] == [0, len(QUOTE)]
    assert "parts" not in saved["sentences"][8]
    assert Episode.load(result.folder / "episode.json") == episode


def test_changing_the_quotation_voice_remakes_only_sentences_with_quotations(
    silero_build: BuildOptions, record: Path
) -> None:
    first = build_episode(silero_build)
    record.write_text("", encoding="utf-8")
    again = build_episode(dataclasses.replace(silero_build, quote_voice="silero-eugene"))
    assert again.episode.quote_speaker == "eugene"
    assert again.from_cache == first.sentences - 1
    assert sorted(speaker for speaker, _ in _calls(record)) == ["eugene", "xenia"]
    record.write_text("", encoding="utf-8")
    plain = build_episode(dataclasses.replace(silero_build, quote_voice="none"))
    assert _quoted(plain.episode) == [] and plain.episode.quote_voice is None
    assert [speaker for speaker, _ in _calls(record)] == ["xenia"]  # sentence 9, whole


def test_espeak_reads_quotations_in_its_female_variant_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTS_CACHE_DIR", str(tmp_path / "cache"))
    opts = BuildOptions(inputs=(str(SAMPLE),), outdir=tmp_path / "out", engine="espeak", workers=1)
    plain = build_episode(opts).episode
    assert plain.quote_voice is None and _quoted(plain) == []
    quoted = build_episode(dataclasses.replace(opts, quote_voice="espeak-f2")).episode
    assert (quoted.quote_voice, quoted.quote_speaker) == ("espeak-f2", "ru+f2")
    assert _quoted(quoted) == [(9, [(QUOTE, "quote"), (ATTRIBUTION, "main")])]
    longer = [
        q.end - q.start - (p.end - p.start)
        for q, p in zip(quoted.sentences, plain.sentences, strict=True)
    ]
    assert [i for i, d in enumerate(longer) if abs(d) > 0.0015] == [9]  # only its clip changed


def test_odd_marks_are_read_in_the_main_voice_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("TTS_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "a.md"
    source.write_text(
        '# Заголовок\n\nЭкран 15" хорош. Он сказал: «Мы готовы».\n\nОна ответила: «Да.\n',
        encoding="utf-8",
    )
    opts = BuildOptions(
        inputs=(str(source),), outdir=tmp_path / "out", engine="espeak", quote_voice="espeak-f2"
    )
    with caplog.at_level(logging.WARNING):
        episode = build_episode(opts).episode
    assert [i for i, _ in _quoted(episode)] == [2]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(w.startswith("sentence 1 («Экран 15") and "inch" in w for w in warnings)
    assert any(w.startswith("sentence 3 («Она ответила") and "unclosed «" in w for w in warnings)


def test_a_quotation_voice_must_share_engine_and_sample_rate() -> None:
    with pytest.raises(TTSError, match="quotation voice 'silero-aidar' cannot join 'espeak'"):
        resolve("espeak", quote_voice="silero-aidar")
    with pytest.raises(TTSError, match="unknown voice preset 'nobody'"):
        resolve("espeak", quote_voice="nobody")
    spec, _ = resolve("espeak", quote_voice="espeak-f2", rate=1.3)
    assert spec.voice.quote is not None and spec.voice.quote.rate == 1.3


def test_every_silero_preset_has_a_quotation_voice_of_its_own_model() -> None:
    for path in sorted(voices_dir().glob("silero-*.toml")):
        spec, _ = resolve("silero", path.stem, model_path=path)
        quote = spec.voice.quote
        assert quote is not None and quote.speaker != spec.voice.speaker, path.name


def test_episode_json_parts_are_checked(silero_build: BuildOptions, tmp_path: Path) -> None:
    result = build_episode(silero_build)
    data = json.loads((result.folder / "episode.json").read_text(encoding="utf-8"))
    parts = data["sentences"][9]["parts"]
    for bad, message in [
        ([{**parts[0], "voice": "other"}, parts[1]], "voice: must be main or quote"),
        ([parts[0]], "parts end at"),
        ([parts[1], parts[0]], "span: must be"),
    ]:
        data["sentences"][9]["parts"] = bad
        with pytest.raises(EpisodeError, match=message):
            Episode.from_json(data)
    assert np.all(np.diff([s.start for s in result.episode.sentences]) > 0)
