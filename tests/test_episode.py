"""The Episode and episode.json: a lossless round trip, and one clear line for every kind of
damage a hand edit can do (issue 16)."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from feed_support import make_folder, write_episode

from tts.episode import Episode, EpisodeError

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
