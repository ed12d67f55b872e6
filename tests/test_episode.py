"""The Episode and episode.json: a lossless round trip, and one clear line for every kind of
damage a hand edit can do (issue 16)."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from feed_support import make_config, make_folder, write_episode
from lxml import etree

from tts.episode import Episode, EpisodeError, clock, whole_seconds
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
