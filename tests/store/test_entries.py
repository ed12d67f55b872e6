"""Verified cache entries: the one format every cache but the models uses. Any damage is a miss,
removed with a one-line warning; a cache that cannot be written is reported once."""

from __future__ import annotations

import errno
import logging
import os
from collections.abc import Callable
from pathlib import Path

import pytest

import tts.store.entries as entries
from tts.store.entries import CLIP, HEADER, LEVELS, SPOKEN, Damaged, Entries, Sealed, check, seal

KEY = "ab" * 32


def payload(entry: Sealed) -> bytes:
    return entry.payload


@pytest.fixture
def store(tmp_path: Path) -> Entries:
    store = Entries(tmp_path / "levels", LEVELS)
    assert store.put(KEY, b"\x01\x02\x03" * 100, meta=7)
    return store


def test_round_trip(store: Entries) -> None:
    assert store.get(KEY, lambda e: (e.meta, e.payload)) == (7, b"\x01\x02\x03" * 100)
    assert store.path(KEY) == store.root / "ab" / f"{KEY}.levels"
    assert store.get("cd" * 32, payload) is None  # absent: a miss, no warning


def _flip_last(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-1] ^= 0x01
    path.write_bytes(bytes(data))


def _other_kind(path: Path) -> None:
    path.write_bytes(seal(SPOKEN, path.read_bytes()[HEADER.size :]))


def _folder(path: Path) -> None:
    path.unlink()
    (path / "inside").mkdir(parents=True)


def _file_for_its_folder(path: Path) -> None:
    path.unlink()
    path.parent.rmdir()
    path.parent.write_bytes(b"x")


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "empty": (lambda p: p.write_bytes(b""), "empty"),
    "short": (lambda p: p.write_bytes(p.read_bytes()[:20]), "shorter than its header"),
    "truncated": (lambda p: p.write_bytes(p.read_bytes()[:-1]), "bytes where its header says"),
    "longer": (lambda p: p.write_bytes(p.read_bytes() + b"\0"), "bytes where its header says"),
    "one bit": (_flip_last, "its checksum does not match"),
    "non-ASCII": (lambda p: p.write_bytes("чужое \xff".encode() * 20), "not an entry of this"),
    "another kind": (_other_kind, "not an entry of this kind"),
    "a folder": (_folder, "a folder where an entry should be"),
    "a file for its folder": (_file_for_its_folder, "a file where a folder should be"),
}


@pytest.mark.parametrize(("damage", "why"), DAMAGE.values(), ids=DAMAGE.keys())
def test_any_damage_is_a_miss_removed_with_one_warning(
    store: Entries,
    damage: Callable[[Path], None],
    why: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = store.path(KEY)
    damage(path)
    with caplog.at_level(logging.WARNING):
        assert store.get(KEY, payload) is None
    (line,) = caplog.messages
    assert line.startswith("cache entry ") and why in line and line.endswith("measuring again")
    assert "\n" not in line
    assert not path.exists() and not path.parent.is_file()
    assert store.put(KEY, b"new")  # and the place is free for the entry made again
    assert store.get(KEY, payload) == b"new"


@pytest.mark.parametrize(("damage", "why"), DAMAGE.values(), ids=DAMAGE.keys())
def test_writing_over_any_damage(
    store: Entries, damage: Callable[[Path], None], why: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A build that only writes (it found the entry missing) replaces whatever is there."""
    damage(store.path(KEY))
    assert store.put(KEY, b"new")
    assert store.get(KEY, payload) == b"new"


def test_contents_the_decoder_refuses_are_damage(
    store: Entries, caplog: pytest.LogCaptureFixture
) -> None:
    def refuse(entry: Sealed) -> bytes:
        raise Damaged("not a profile")

    with caplog.at_level(logging.WARNING):
        assert store.get(KEY, refuse) is None
    assert "unexpected contents: not a profile" in caplog.text
    assert not store.path(KEY).exists()


def test_an_unreadable_entry_is_a_miss(
    store: Entries, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def refused(self: Path) -> bytes:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))

    monkeypatch.setattr(Path, "read_bytes", refused)
    with caplog.at_level(logging.WARNING):
        assert store.get(KEY, payload) is None
    assert "is unreadable (Permission denied); measuring again" in caplog.text


def test_a_cache_that_cannot_be_written_is_reported_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("TTS_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(entries, "_reported", set())
    real = os.replace

    def full(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), dst)

    monkeypatch.setattr(os, "replace", full)
    clips, spoken = Entries(tmp_path / "clips", CLIP), Entries(tmp_path / "spoken", SPOKEN)
    with caplog.at_level(logging.WARNING):
        assert not clips.put(KEY, b"x")
        assert not spoken.put(KEY, b"y")  # the same cache, the same cause: no second warning
        assert not clips.put("cd" * 32, b"z")
    (line,) = caplog.messages
    assert "No space left on device" in line and "going on without caching" in line
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []  # no temporary file left
    monkeypatch.setattr(os, "replace", real)
    assert clips.put(KEY, b"x") and clips.get(KEY, payload) == b"x"  # room again


def test_check_names_the_damage_and_leaves_the_access_time(store: Entries) -> None:
    path = store.path(KEY)
    os.utime(path, (1_000_000, 2_000_000))
    assert check(path) is None
    assert path.stat().st_atime == 1_000_000  # prune's checking is no use of the entry
    path.write_bytes(path.read_bytes()[:-1])
    assert check(path) == "299 bytes where its header says 300"
    stray = path.with_suffix(".npy")
    stray.write_bytes(b"\x93NUMPY")
    assert check(stray) == "not a cache entry"
