"""`tts cache` and `tts cache prune`: what is chosen, what is removed, what is never touched."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from reliability import assert_user_error, run_tts, tts_env
from typer.testing import CliRunner

from tts.cli.cache import register
from tts.store.entries import CLIP, FRAMES, HEADER, SPOKEN, Entries, Kind, seal
from tts.store.prune import (
    DAY,
    RECENT,
    Entry,
    Removed,
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
    assert remove(entries) == Removed(Usage(2, 30), [])
    assert not gone.exists() and not alone.exists() and kept.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ab", "ef"]


def write_entry(folder: Path, kind: Kind, key: str, size: int, age: float) -> Path:
    """An intact cache entry of ``size`` bytes, last used ``age`` seconds before NOW."""
    path = Entries(folder, kind).path(key)
    write(path, 0, age)
    path.write_bytes(seal(kind, b"x" * (size - HEADER.size)))
    os.utime(path, (NOW - age, NOW - age))
    return path


PARTS = (("clips", CLIP), ("spoken", SPOKEN), ("mp3/mp3", FRAMES))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An old (40 days) and a new (a minute) intact entry of each part, and a model."""
    monkeypatch.setenv("TTS_CACHE_DIR", str(tmp_path))
    old, new = 40 * DAY, 60.0
    for part, kind in PARTS:
        write_entry(tmp_path / part, kind, "aa" * 32, 1000, old)
        write_entry(tmp_path / part, kind, "bb" * 32, 500, new)
    write(tmp_path / "models" / "v5_5_ru.pt", 5000, old)
    return tmp_path


def relative(cache: Path) -> list[str]:
    """What the cache holds, named by part, folder and the start of the key."""
    names = (e.path.relative_to(cache) for e in scan(cache))
    return sorted(f"{p.parent}/{p.name[:2]}{''.join(p.suffixes)}" for p in names)


KEPT = ["clips/bb/bb.clip", "models/v5.pt", "mp3/mp3/bb/bb.frames", "spoken/bb/bb.spoken"]


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
    assert relative(cache) == KEPT


def test_prune_removes_damaged_entries_whatever_their_age(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("time.time", lambda: NOW)
    new = Entries(cache / "clips", CLIP).path("bb" * 32)
    new.write_bytes(new.read_bytes()[:-1])  # truncated: used a minute ago, yet damaged
    folder = Entries(cache / "spoken", SPOKEN).path("cc" * 32)
    folder.mkdir(parents=True)  # a folder where an entry should be
    (folder / "inside").write_bytes(b"x" * 100)
    stray = write(cache / "mp3" / "levels" / "dd" / "dd.npy", 10, 60)  # no entry of any kind
    unfinished = write(cache / "mp3" / "mp3" / "bb" / ".bb.frames.x1.tmp", 10, 3600)
    writing = write(cache / "mp3" / "mp3" / "bb" / ".bb.frames.x2.tmp", 10, 60)  # a build's
    out = run("cache", "prune", "--dry-run")
    assert out == "Would remove 7 of 10 files (3.6 kB of 4.6 kB), 4 of them damaged.\n"
    out = run("cache", "prune")
    assert out == "Removed 7 files (3.6 kB), 4 of them damaged; the cache now holds 1.0 kB.\n"
    assert not (new.exists() or folder.exists() or stray.exists() or unfinished.exists())
    assert writing.is_file()
    assert relative(cache) == [
        "models/v5.pt",
        "mp3/mp3/bb/.b.frames.x2.tmp",
        "mp3/mp3/bb/bb.frames",
        "spoken/bb/bb.spoken",
    ]


@pytest.mark.parametrize("days", ["nan", "inf", "-1"])
def test_older_than_must_be_a_finite_number_of_days(cache: Path, days: str) -> None:
    """nan passed every comparison and wiped the whole cache; inf and -1 mean nothing."""
    before = sorted(e.path for e in scan(cache))
    done = run_tts(
        "cache", "prune", "--older-than", days, cwd=cache, env=tts_env(TTS_CACHE_DIR=str(cache))
    )
    assert_user_error(done, "--older-than", "0 or more", days)
    assert sorted(e.path for e in scan(cache)) == before


@contextlib.contextmanager
def unchangeable(folder: Path) -> Iterator[None]:
    """A folder whose entries cannot be removed: read-only, or immutable for root (whom folder
    permissions do not stop)."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    chattr = shutil.which("chattr")
    if (
        chattr is None
        or subprocess.run([chattr, "+i", str(folder)], capture_output=True).returncode
    ):
        pytest.skip("running as root without chattr +i: no folder here refuses a removal")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(folder)], check=True)


def test_prune_goes_on_past_an_entry_it_cannot_remove(cache: Path) -> None:
    stuck = write_entry(cache / "clips", CLIP, "cc" * 32, 1000, 40 * DAY)  # alone in its folder
    with unchangeable(stuck.parent):
        done = run_tts("cache", "prune", cwd=cache, env=tts_env(TTS_CACHE_DIR=str(cache)))
        # in real time, every entry of the fixture is old
        assert_user_error(done, "could not remove 1 of 7 files: ", str(stuck))
        assert done.stdout.startswith("Removed 6 files")
    assert stuck.is_file()
    assert relative(cache) == ["clips/cc/cc.clip", "models/v5.pt"]
