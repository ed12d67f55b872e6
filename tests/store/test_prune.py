"""`tts cache` and `tts cache prune`: what is chosen, what is removed, what is never touched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from tts.cli.cache import register
from tts.store.prune import (
    DAY,
    RECENT,
    Entry,
    Usage,
    choose,
    human_size,
    parse_size,
    remove,
    scan,
)

NOW = 1_000_000_000.0


def entry(name: str, size: int, age: float) -> Entry:
    return Entry(Path(name), size, NOW - age)


def names(chosen: list[Entry]) -> list[str]:
    return [str(e.path) for e in chosen]


OLD, MIDDLE, NEW, NOW_USED = (
    entry("old", 100, 40 * DAY),
    entry("middle", 100, 10 * DAY),
    entry("new", 100, DAY),
    entry("in-use", 100, 60),
)
ALL = [NEW, OLD, NOW_USED, MIDDLE]


@pytest.mark.parametrize(
    ("older_than", "max_size", "expected"),
    [
        (30 * DAY, None, ["old"]),
        (5 * DAY, None, ["old", "middle"]),
        (None, None, []),
        (0.0, None, ["new", "old", "middle"]),  # never one used within RECENT
        (30 * DAY, 250, ["old", "middle"]),  # then the least recently used
        (None, 100, ["old", "middle", "new"]),
        (None, 0, ["old", "middle", "new"]),  # the one in use stays even over the limit
        (30 * DAY, 10_000, ["old"]),
    ],
)
def test_choose(older_than: float | None, max_size: int | None, expected: list[str]) -> None:
    chosen = choose(ALL, now=NOW, older_than=older_than, max_size=max_size)
    assert names(chosen) == expected


def test_recent_is_ten_minutes() -> None:
    assert RECENT == 600


@pytest.mark.parametrize(
    ("text", "size"),
    [("500M", 500_000_000), ("2G", 2_000_000_000), ("1.5GB", 1_500_000_000),
     ("800k", 800_000), ("1000000", 1_000_000), (" 3 mb ", 3_000_000)],
)  # fmt: skip
def test_parse_size(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "1x", "-5M", "M", "1.2.3G"])
def test_parse_size_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="not a size"):
        parse_size(text)


@pytest.mark.parametrize(
    ("size", "text"), [(0, "0 B"), (999, "999 B"), (8_700, "8.7 kB"), (5_200_000, "5.2 MB"),
                       (2_000_000_000, "2.0 GB")],
)  # fmt: skip
def test_human_size(size: int, text: str) -> None:
    assert human_size(size) == text


def write(path: Path, size: int, age: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    when = NOW - age
    os.utime(path, (when, when))
    return path


def test_scan_takes_the_later_of_access_and_change(tmp_path: Path) -> None:
    path = write(tmp_path / "ab" / "abc.clip", 7, 0)
    os.utime(path, (NOW - DAY, NOW - 3 * DAY))  # read a day ago, written three days ago
    (found,) = scan(tmp_path)
    assert (found.path, found.size, found.used) == (path, 7, NOW - DAY)
    assert scan(tmp_path / "missing") == []


def test_remove_deletes_files_and_their_emptied_folders(tmp_path: Path) -> None:
    gone = write(tmp_path / "ab" / "gone.clip", 10, 0)
    kept = write(tmp_path / "ab" / "kept.clip", 30, 0)
    alone = write(tmp_path / "cd" / "alone.clip", 20, 0)
    vanished = write(tmp_path / "ef" / "vanished.clip", 40, 0)
    entries = [e for e in scan(tmp_path) if e.path != kept]
    vanished.unlink()  # removed by someone else meanwhile: not counted
    assert remove(entries) == Usage(2, 30)
    assert not gone.exists() and not alone.exists() and kept.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ab", "ef"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TTS_CACHE_DIR", str(tmp_path))
    old, new = 40 * DAY, 60.0
    for kind, name in (("clips", "ab/a.clip"), ("spoken", "cd/c.json"), ("mp3", "mp3/ef/e.mp3")):
        write(tmp_path / kind / name, 1000, old)
        write(tmp_path / kind / (name + ".new"), 500, new)
    write(tmp_path / "models" / "v5_5_ru.pt", 5000, old)
    return tmp_path


def run(*args: str) -> str:
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """Test root."""

    register(app)
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None, result.output
    return result.stdout


def test_cache_shows_each_part(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("time.time", lambda: NOW)
    out = run("cache")
    assert f"Cache: {cache} (TTS_CACHE_DIR overrides)" in out
    for name in ("clips", "spoken forms", "MP3 chunks"):
        assert f"  {name:<13}         2 files     1.5 kB\n" in out
    assert "  models                 1 file     5.0 kB  (never pruned: see tts models)\n" in out
    assert "Prunable: 4.5 kB." in out


def test_prune_removes_the_unused_and_never_models(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("time.time", lambda: NOW)
    assert run("cache", "prune", "--dry-run") == "Would remove 3 of 6 files (3.0 kB of 4.5 kB).\n"
    assert len(scan(cache)) == 7
    out = run("cache", "prune")
    assert out == "Removed 3 files (3.0 kB); the cache now holds 1.5 kB.\n"
    left = sorted(str(e.path.relative_to(cache)) for e in scan(cache))
    assert left == ["clips/ab/a.clip.new", "models/v5_5_ru.pt", "mp3/mp3/ef/e.mp3.new",
                    "spoken/cd/c.json.new"]  # fmt: skip
