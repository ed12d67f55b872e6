"""The whole pipeline with real eSpeak NG and real ffmpeg, on the four sample articles."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from helpers import corpus, require_tool

from tts.build import BuildOptions, build_episode
from tts.errors import ExportError, ParseError

SAMPLES = ["anc-dialogue.txt", "economy-numbers.txt", "steppe-observatory.md", "river-cleanup.html"]
UNSPEAKABLE = re.compile(r"[0-9A-Za-z%$€₸₽№@/#&°=]")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict[str, Any]]]:
    out = tmp_path_factory.mktemp("out")
    result = {}
    for name in SAMPLES:
        r = build_episode(BuildOptions(inputs=(str(corpus(name)),), outdir=out, engine="espeak"))
        result[name] = (r.folder, r.episode.to_json())
    return result


@pytest.mark.parametrize("name", SAMPLES)
def test_spoken_text_is_speakable(built: dict[str, tuple[Path, dict[str, Any]]], name: str) -> None:
    _, m = built[name]
    for s in m["sentences"]:
        assert not UNSPEAKABLE.search(s["spoken"]), (s["index"], s["spoken"])


@pytest.mark.parametrize("name", SAMPLES)
def test_title_read_once(built: dict[str, tuple[Path, dict[str, Any]]], name: str) -> None:
    _, m = built[name]
    titles = [s for s in m["sentences"] if s["text"] == m["title"]]
    assert len(titles) == 1 and titles[0]["index"] == 0 and titles[0]["kind"] == "title"


def test_credits_navigation_and_ads_not_read(built: dict[str, tuple[Path, dict[str, Any]]]) -> None:
    anc = " ".join(s["text"] for s in built["anc-dialogue.txt"][1]["sentences"])
    assert "Фото" not in anc
    html = (corpus("river-cleanup.html")).read_text(encoding="utf-8")
    river = " ".join(s["text"] for s in built["river-cleanup.html"][1]["sentences"])
    for tag in ("nav", "footer", "figcaption", "aside"):
        for block in re.findall(rf"<{tag}\b.*?</{tag}>", html, flags=re.S):
            words = re.sub(r"<[^>]+>", " ", block).split()
            fragment = " ".join(words[:4])
            if len(fragment) > 12:
                assert fragment not in river, (tag, fragment)


@pytest.mark.parametrize("name", SAMPLES)
def test_transcripts_agree_with_manifest(
    built: dict[str, tuple[Path, dict[str, Any]]], name: str
) -> None:
    folder, m = built[name]
    files = m["files"]
    segments = json.loads((folder / files["json"]).read_text(encoding="utf-8"))["segments"]
    assert [(g["startTime"], g["endTime"]) for g in segments] == [
        (s["start"], s["end"]) for s in m["sentences"]
    ]
    # captions: one or more cues per sentence, «index-part» in the WebVTT, the same in the SRT
    vtt = (folder / files["vtt"]).read_text(encoding="utf-8")
    ids = [int(i) for i in re.findall(r"^(\d+)-\d+$", vtt, flags=re.M)]
    assert sorted(set(ids)) == [s["index"] for s in m["sentences"]] and ids == sorted(ids)
    assert vtt.count(" --> ") == len(ids)
    srt_blocks = (folder / files["srt"]).read_text(encoding="utf-8").strip().split("\n\n")
    assert len(srt_blocks) == len(ids)
    chapters = json.loads((folder / files["chapters"]).read_text(encoding="utf-8"))["chapters"]
    assert [c["title"] for c in chapters] == [c["title"] for c in m["chapters"]]
    assert m["sentences"][-1]["end"] == m["duration"] == m["chapters"][-1]["end"]


@pytest.mark.parametrize("name", SAMPLES)
def test_mp3_chapters_in_order(built: dict[str, tuple[Path, dict[str, Any]]], name: str) -> None:
    ffprobe = require_tool("ffprobe")
    folder, m = built[name]
    probe = subprocess.run(
        [ffprobe, "-v", "error", "-show_chapters", "-show_format", "-of", "json",
         str(folder / m["files"]["mp3"])],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    doc = json.loads(probe.stdout)
    assert [c["tags"]["title"] for c in doc["chapters"]] == [c["title"] for c in m["chapters"]]
    starts = [float(c["start_time"]) for c in doc["chapters"]]
    assert starts == sorted(starts)
    for got, want in zip(starts, m["chapters"], strict=True):
        assert abs(got - want["start"]) < 0.002
    tags = doc["format"]["tags"]
    assert tags["title"] == m["title"] and "espeak" in tags["comment"]


def test_markdown_sections_become_chapters(built: dict[str, tuple[Path, dict[str, Any]]]) -> None:
    _, m = built["steppe-observatory.md"]
    assert len(m["chapters"]) == 4 and m["author"]


def test_rebuild_uses_cache_and_edit_resynthesizes_only_changed(
    tmp_path: Path, fresh_cache: Path
) -> None:
    text = (corpus("anc-dialogue.txt")).read_text(encoding="utf-8")
    src = tmp_path / "a.txt"
    src.write_text(text, encoding="utf-8")
    opts = BuildOptions(inputs=(str(src),), outdir=tmp_path / "out", engine="espeak")
    first = build_episode(opts)
    assert first.from_cache == 0
    again = build_episode(opts)
    assert again.unchanged and again.from_cache == again.sentences
    assert again.episode.guid == first.episode.guid
    src.write_text(text.replace("Также политолог подчеркнул", "Также эксперт подчеркнул"), "utf-8")
    edited = build_episode(opts)
    assert not edited.unchanged
    assert edited.from_cache == edited.sentences - 1
    assert edited.episode.guid == first.episode.guid
    slower = build_episode(dataclasses.replace(opts, rate=0.9))
    assert not slower.unchanged and slower.from_cache == 0  # another voice setting: all anew


def test_failed_encoding_leaves_no_partial_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTS_FFMPEG", "/bin/false")
    out = tmp_path / "out"
    with pytest.raises(ExportError):
        build_episode(
            BuildOptions(inputs=(str(corpus("anc-dialogue.txt")),), outdir=out, engine="espeak")
        )
    assert [p.name for p in out.iterdir()] == [".tts"]  # its locks; no work folder
    assert [p.name for p in (out / ".tts").iterdir() if not p.name.endswith("lock")] == ["locks"]


def test_digest_has_a_chapter_per_article(tmp_path: Path) -> None:
    inputs = (str(corpus("anc-dialogue.txt")), str(corpus("river-cleanup.html")))
    r = build_episode(
        BuildOptions(inputs=inputs, outdir=tmp_path, engine="espeak", title="Дайджест дня")
    )
    assert [c.title for c in r.episode.chapters] == [
        "АНК стала платформой для открытого диалога - политолог",
        "Волонтёры очистили берег Есиля от 12 тонн мусора",
    ]
    assert r.folder.name == "daidzhest-dnia"


def test_nothing_speakable_is_an_error(tmp_path: Path) -> None:
    src = tmp_path / "x.txt"
    src.write_text("★★★\n\n☆☆☆ ✓\n", encoding="utf-8")
    with pytest.raises(ParseError):
        build_episode(BuildOptions(inputs=(str(src),), outdir=tmp_path / "o", engine="espeak"))


def test_podcast_intro_and_jingle_are_chapters_of_their_own(tmp_path: Path) -> None:
    import dataclasses

    from typer.testing import CliRunner

    from tts.audio.ffmpeg import run_ffmpeg
    from tts.cli import _register, app
    from tts.podcast.config import load_config, save_config

    _register()
    init = ["feed", "init", str(tmp_path), "--title", "Подкаст", "--author", "Редакция",
            "--email", "news@example.org", "--base-url", "https://example.org/pod/"]  # fmt: skip
    assert CliRunner().invoke(app, init).exit_code == 0
    run_ffmpeg(
        ["-f", "lavfi", "-i", "sine=frequency=440:duration=2", str(tmp_path / "j.wav")], "jingle"
    )
    save_config(tmp_path, dataclasses.replace(load_config(tmp_path), intro=True, jingle="j.wav"))
    r = build_episode(
        BuildOptions(inputs=(str(corpus("anc-dialogue.txt")),), outdir=tmp_path, engine="espeak")
    )
    chapters = r.episode.to_json()["chapters"]
    assert [c["title"] for c in chapters[:3]] == [
        "Заставка", "Аудиоверсия", "АНК стала платформой для открытого диалога - политолог",
    ]  # fmt: skip
    assert 2.0 <= chapters[0]["end"] < 4.0
    first = r.episode.to_json()["sentences"][0]
    assert (
        first["text"]
        == "Аудиоверсия статьи «АНК стала платформой для открытого диалога - политолог»"
    )
    assert first["start"] == chapters[1]["start"] == chapters[0]["end"]
    assert "а эн к" in first["spoken"]


def test_builds_with_two_workers_give_the_same_mp3_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Which process synthesizes which sentence changes from run to run; the audio must not
    (eSpeak NG's clips once depended on what the same process had said before)."""
    import tts.voice.synth as synth

    monkeypatch.setattr(synth, "_PARALLEL_MIN_CHARS", 0)  # workers even for a short article
    monkeypatch.setattr(synth, "_BATCH", 3)
    sentences = [f"Фраза номер {n}: {'очень ' * (n % 5)}важные новости города." for n in range(30)]
    article = tmp_path / "article.txt"
    article.write_text("Новости города\n\n" + " ".join(sentences) + "\n", encoding="utf-8")
    mp3s = []
    for run, workers in enumerate((2, 2, 1)):
        monkeypatch.setenv("TTS_CACHE_DIR", str(tmp_path / f"cache-{run}"))
        options = BuildOptions((str(article),), tmp_path / f"out-{run}", "espeak", workers=workers)
        result = build_episode(options)
        mp3s.append((result.folder / result.episode.files.mp3).read_bytes())
    assert mp3s[0] == mp3s[1] == mp3s[2]
