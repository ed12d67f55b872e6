"""The Episode and episode.json: a lossless round trip, and one clear line for every kind of
damage a hand edit can do (issue 16)."""

from __future__ import annotations

import copy
import json
import math
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from feed_support import make_config, make_folder, write_episode
from lxml import etree
from reliability import assert_user_error, run_tts

from tts.episode import MAX_BYTES, Episode, EpisodeError, clock, whole_seconds
from tts.podcast.feed import NSMAP

GOLDEN = Path(__file__).parent / "data" / "player" / "episode.json"


def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return data


def test_round_trip_is_exact() -> None:
    episode = Episode.from_json(_data())
    assert json.loads(episode.dumps()) == _data()
    assert list(json.loads(episode.dumps())) == list(_data())  # the keys in the same order
    assert Episode.from_json(json.loads(episode.dumps())) == episode


def test_fields_are_typed() -> None:
    episode = Episode.load(GOLDEN)
    assert episode.files.mp3.endswith(".mp3") and "mp3" in episode.files
    assert episode.loudness is None and episode.source_key is None  # older files lack them
    assert [s.index for s in episode.sentences] == list(range(len(episode.sentences)))
    assert all(s.start <= s.end for s in episode.sentences)


def test_an_episode_cover_round_trips_and_is_left_out_when_absent() -> None:
    data = _data() | {"image": "cover.jpg"}
    episode = Episode.from_json(data)
    assert episode.image == "cover.jpg" and json.loads(episode.dumps()) == data
    assert "image" not in json.loads(Episode.from_json(_data()).dumps())


def _damaged(change: str) -> dict[str, Any]:
    data = copy.deepcopy(_data())
    if change == "no sentences":
        del data["sentences"]
    elif change == "string duration":
        data["duration"] = "12"
    elif change == "negative start":
        data["sentences"][2]["start"] = -0.5
    elif change == "end before start":
        data["chapters"][1]["end"] = data["chapters"][1]["start"] - 1
    elif change == "out of order":
        data["sentences"][3]["start"] = 0.0
    elif change == "future version":
        data["format"] = 2
    elif change == "unknown kind":
        data["sentences"][0]["kind"] = "footer"
    elif change == "file leaves the folder":
        data["files"]["mp3"] = "../other.mp3"
    elif change == "bool index":
        data["sentences"][1]["index"] = True
    elif change == "bad date":
        data["date"] = "вчера"
    elif change == "no chapter":
        data["sentences"][-1]["chapter"] = 7
    elif change == "image leaves the folder":
        data["image"] = "../../secret.png"
    elif change == "image is no picture":
        data["image"] = "episode.json"
    elif change == "bad published":
        data["published"] = "12 марта"
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("no sentences", "sentences: missing"),
        ("string duration", "duration: must be a number, not str"),
        ("negative start", r"sentences\[2\]\.start: must be a time of at least 0, not -0.5"),
        ("end before start", r"chapters\[1\]\.end: .* comes before its start"),
        ("out of order", r"sentences\[3\]\.start: sentences are out of order"),
        ("future version", r"format: unknown version 2 \(this tts reads 1\)"),
        ("unknown kind", r"sentences\[0\]\.kind: must be one of title, heading, body"),
        ("file leaves the folder", r"files\.mp3: not a file name"),
        ("bool index", r"sentences\[1\]\.index: must be a whole number, not bool"),
        ("bad date", "date: not an ISO date"),
        ("no chapter", r"sentences\[9\]\.chapter: no chapter 7"),
        ("image leaves the folder", r"image: not a file name: '\.\./\.\./secret\.png'"),
        ("image is no picture", r"image: not a JPEG or PNG file name: 'episode\.json'"),
        ("bad published", "published: not an ISO 8601 time: '12 марта'"),
    ],
)
def test_damage_is_named_by_file_and_field(change: str, message: str) -> None:
    with pytest.raises(EpisodeError, match=f"^some/episode.json: {message}"):
        Episode.from_json(_damaged(change), "some/episode.json")


def test_unreadable_files(tmp_path: Path) -> None:
    path = tmp_path / "episode.json"
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(EpisodeError, match="not UTF-8"):
        Episode.load(path)
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(EpisodeError, match=r"\(top level\): must be an object"):
        Episode.load(path)
    with pytest.raises(EpisodeError, match="cannot read"):
        Episode.load(tmp_path / "missing.json")


def _text_with(field: str, raw: str) -> str:
    """The golden manifest as JSON text with ``field``'s value replaced by ``raw``, which
    may be what json.dumps never writes (NaN, 10**400)."""
    data = _data()
    data[field] = "@@"
    return json.dumps(data, ensure_ascii=False).replace('"@@"', raw)


LOUDNESS = '{"integrated": -16, "gain_db": 1, "chunks": 1, "chunks_encoded": 1}'
DEEP = r"not JSON \(nested too deeply"
# Another build's episode.json in the folder can be anything: each becomes one EpisodeError.
HOSTILE = {
    "no slug": (json.dumps({k: v for k, v in _data().items() if k != "slug"}), "slug: missing"),
    "duration abc": (_text_with("duration", '"abc"'), "duration: must be a number, not str"),
    "Infinity": (_text_with("duration", "Infinity"), "duration: must be a finite number"),
    "NaN": (_text_with("duration", "NaN"), "duration: must be a time of at least 0, not nan"),
    "10**400": (_text_with("duration", "1" + "0" * 400), "duration: is too large"),
    "1e400": (_text_with("duration", "1e400"), "duration: must be a finite number, not inf"),
    "5000 digits": (_text_with("sample_rate", "9" * 5000), "not JSON .*too many digits"),
    "date out of range": (_text_with("date", '"10000-01-01"'), "date: not an ISO date"),
    "created out of range": (
        _text_with("created", '"9999-12-31T23:59:59-14:00"'),
        "created: out of range in UTC",
    ),
    "loudness Infinity": (
        _text_with("loudness", LOUDNESS.replace('"chunks": 1', '"chunks": Infinity')),
        r"loudness\.chunks: must be a whole number, not float",
    ),
    "loudness NaN": (
        _text_with("loudness", LOUDNESS.replace("-16", "NaN")),
        r"loudness\.integrated: must be a finite number, not nan",
    ),
    "lone surrogate": (_text_with("title", '"\\ud800"'), "title: holds a lone surrogate"),
    "nested 100000 deep": ('{"a":' * 100_000 + "1" + "}" * 100_000, DEEP),
    "list nested 100000 deep": ("[" * 100_000 + "]" * 100_000, DEEP),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_any_hostile_manifest_is_one_episode_error(tmp_path: Path, name: str) -> None:
    text, message = HOSTILE[name]
    path = tmp_path / "episode.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EpisodeError, match=f"^{path}: {message}"):
        Episode.load(path)


def test_a_silent_episode_still_reads_back() -> None:
    """-inf LUFS is what silence measures, and json writes it as -Infinity: our own file."""
    loudness = {"integrated": -math.inf, "gain_db": 0.0, "chunks": 1, "chunks_encoded": 1}
    episode = Episode.from_json(_data() | {"loudness": loudness})
    assert episode.loudness is not None and episode.loudness.integrated == -math.inf
    assert Episode.from_json(json.loads(episode.dumps())) == episode


def test_special_files_are_refused_without_reading_them(tmp_path: Path) -> None:
    """A symlink to /dev/zero would read forever and a FIFO would block the open: nothing but
    a regular file is opened. (/dev/null stands in for both: a regression then fails here
    instead of filling the memory or hanging the suite.)"""
    device = tmp_path / "device.json"
    device.symlink_to(os.devnull)
    with pytest.raises(EpisodeError, match="device.json: not a regular file"):
        Episode.load(device)
    huge = tmp_path / "huge.json"
    with huge.open("wb") as stream:
        stream.truncate(MAX_BYTES + 1)  # sparse: no disk used
    with pytest.raises(EpisodeError, match="huge.json: larger than 64 MiB"):
        Episode.load(huge)


@pytest.mark.parametrize("change", ["no sentences", "string duration", "negative start"])
def test_feed_build_names_the_damage_and_keeps_the_old_feed(tmp_path: Path, change: str) -> None:
    """The real command, as a user runs it: one line naming the file and the field."""
    folder = make_folder(tmp_path / "pod", ())
    write_episode(folder, "golden", _data())
    command = [sys.executable, "-m", "tts", "feed", "build", str(folder)]
    assert subprocess.run(command, capture_output=True, check=False).returncode == 0
    before = (folder / "feed.xml").read_bytes()
    (folder / "golden" / "episode.json").write_text(json.dumps(_damaged(change)), "utf-8")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert len(lines) == 1, lines
    field = {"no sentences": "sentences", "string duration": "duration"}.get(change, "sentences[")
    assert lines[0].startswith("error: ") and f"golden/episode.json: {field}" in lines[0]
    assert (folder / "feed.xml").read_bytes() == before


@pytest.mark.parametrize(
    "name", ["NaN", "Infinity", "10**400", "created out of range", "nested 100000 deep",
             "lone surrogate", "loudness Infinity"],
)  # fmt: skip
def test_feed_build_refuses_a_hostile_manifest_in_one_line(tmp_path: Path, name: str) -> None:
    folder = make_folder(tmp_path / "pod", ())
    write_episode(folder, "golden", _data())
    assert run_tts("feed", "build", str(folder), cwd=tmp_path).returncode == 0
    before = (folder / "feed.xml").read_bytes()
    (write_episode(folder, "other", _data()) / "episode.json").write_text(HOSTILE[name][0])
    done = run_tts("feed", "build", str(folder), cwd=tmp_path)
    assert_user_error(done, "other/episode.json: ")
    assert (folder / "feed.xml").read_bytes() == before


def test_build_into_a_folder_with_hostile_manifests_lists_the_rest(tmp_path: Path) -> None:
    """Another episode's manifest never breaks a build: the library page skips each damaged
    one with one warning naming it, and lists the good ones."""
    out = tmp_path / "out"
    write_episode(out, _data()["slug"], _data())
    names = ["no slug", "duration abc", "Infinity", "10**400", "nested 100000 deep"]
    for n, name in enumerate(names):
        (write_episode(out, f"bad{n}", _data()) / "episode.json").write_text(HOSTILE[name][0])
    (tmp_path / "a.txt").write_text("Заголовок\n\nКороткий текст.\n", encoding="utf-8")
    done = run_tts("build", "a.txt", "-o", "out", "--engine", "espeak", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning: ")]
    for n in range(len(names)):
        assert sum(f"bad{n}/episode.json" in line for line in warnings) == 1, warnings
    page = (out / "index.html").read_text(encoding="utf-8")
    assert f"{_data()['slug']}/index.html" in page and "zagolovok/index.html" in page
    assert "bad0/index.html" not in page


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0:00"), (0.999, "0:00"), (59.9996, "1:00"), (119.6, "1:59"), (120, "2:00")]
    + [(0.1 + 0.2 + 0.7 - 1e-9, "0:01"), (3599.9, "59:59"), (3725.5, "1:02:05"), (-0.2, "0:00")],
)
def test_clock_rounds_down_to_whole_seconds(seconds: float, shown: str) -> None:
    assert clock(seconds) == shown
    assert clock(seconds).endswith(f"{whole_seconds(seconds) % 60:02d}")


@pytest.mark.parametrize(
    ("seconds", "shown", "whole"), [(119.6, "1:59", 119), (120.0, "2:00", 120)]
)
def test_cli_page_and_feed_show_one_duration(
    seconds: float, shown: str, whole: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same episode as the build summary, the batch table, the page and the feed show it."""
    from typer.testing import CliRunner

    from tts.batch import BatchItem
    from tts.build import BuildResult
    from tts.cli import _register, app
    from tts.cli.batch import summary_table
    from tts.outputs.page import render_episode_page
    from tts.podcast.feed import entry_from_episode, render_feed

    base = Episode.from_json(_data())
    chapters = (base.chapters[0], replace(base.chapters[1], start=59.6))
    episode = replace(base, duration=seconds, chapters=chapters)
    built = BuildResult(tmp_path, episode, sentences=10, from_cache=0, warning=None, timings={})
    monkeypatch.setattr("tts.build.build_episode", lambda *args, **kwargs: built)
    _register()
    cli = CliRunner().invoke(app, ["build", "article.txt", "-o", str(tmp_path)])
    assert cli.exit_code == 0, cli.output
    assert f"  {shown} of audio" in cli.output
    table = summary_table([BatchItem("article.txt", "built", 1.0, duration=seconds)])
    assert f"  {shown}  " in table.splitlines()[1]

    page = render_episode_page(episode)
    iso = f"PT{whole // 60}M{whole % 60}S"
    assert f'<dd><time datetime="{iso}">{shown}</time></dd>' in page
    entry = entry_from_episode("s", episode, {"mp3": 1})
    feed = etree.fromstring(render_feed(make_config(), [entry]))
    item = feed.find("channel/item")
    assert item is not None
    assert item.findtext("itunes:duration", namespaces=NSMAP) == str(whole)
    # Chapter starts too: 59.6 s is 0:59 in the page's chapter list and the feed's show notes.
    notes = item.findtext("description") or ""
    page_times = re.findall(r'<span class="time">([\d:]+)</span>', page)
    assert page_times == ["0:00", "0:59"]
    assert re.findall(r"<li>([\d:]+) ", notes) == page_times
