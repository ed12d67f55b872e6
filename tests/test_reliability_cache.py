"""Damaged and full caches through the real entry point (issue 17, cases 4, 8 and 14).

Every cache entry but the models (pinned by hash) is checked when read: a damaged entry of any
kind and any damage is removed and made again, with a one-line warning, never `Aborted!` or a
traceback, and the episode comes out as from an empty cache. `tts cache prune` removes damaged
entries too; a cache that cannot be written costs the build its caching, not the episode.
"""

from __future__ import annotations

import errno
import io
import json
import logging
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from reliability import run_tts, tts_env

from tts.build import BuildOptions, build_episode

TITLE = "Новости маленького города"
SLUG = "novosti-malenkogo-goroda"
ARTICLE = (
    f"{TITLE}\n\nЖители открыли новый парк. Волонтёры убрали берег реки. Учёные изучили "
    "старую библиотеку.\n\nШкольники посадили деревья вчера. Врачи показали новую больницу. "
    "Строители построили мост через реку.\n"
)
# Every cache but the models: spoken forms, clips, loudness profiles, encoded MP3 frames.
PARTS = ("spoken", "clips", "mp3/levels", "mp3/mp3")


def build_args(out: str, *extra: str) -> list[str]:
    return ["build", "article.txt", "-o", out, "--engine", "fake", *extra]


def entries(cache: Path) -> dict[str, list[Path]]:
    return {part: sorted(p for p in (cache / part).rglob("*") if p.is_file()) for part in PARTS}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A build from an empty cache: the (now warm) cache and the MP3 it made."""
    work = tmp_path_factory.mktemp("reference")
    (work / "article.txt").write_text(ARTICLE, encoding="utf-8")
    cache = work / "cache"
    done = run_tts(*build_args("out"), cwd=work, env=tts_env(TTS_CACHE_DIR=str(cache)))
    assert done.returncode == 0, done.stderr
    assert all(entries(cache).values()), entries(cache)
    return cache, (work / "out" / SLUG / f"{SLUG}.mp3").read_bytes()


@pytest.fixture
def work(tmp_path: Path, reference: tuple[Path, bytes]) -> Path:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    shutil.copytree(reference[0], tmp_path / "cache")
    return tmp_path


def empty(path: Path) -> None:
    path.write_bytes(b"")


def truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def garbage(path: Path) -> None:
    path.write_bytes("не запись кэша \xff".encode() + b"\xff\xfe\x00\x93NUMPY")


def folder(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside").write_bytes(b"x")


def wrong_numbers(path: Path) -> None:
    """Other content in a well-formed file, its header and any checksum left as they were:
    an array's numbers scaled down, a spoken form replaced, audio bytes inverted."""
    data = path.read_bytes()
    if (at := data.find(b"\x93NUMPY")) >= 0:
        values = np.load(io.BytesIO(data[at:]), allow_pickle=False).copy()
        values[2:] *= 1e-3  # a profile's first two numbers are its sizes
        out = io.BytesIO()
        np.save(out, values, allow_pickle=False)
        path.write_bytes(data[:at] + out.getvalue())
    elif (at := data.find(b'{"text"')) >= 0:
        record = json.loads(data[at:])
        record["spoken"] = "совсем другие слова"
        path.write_bytes(data[:at] + json.dumps(record, ensure_ascii=False).encode())
    else:
        half = len(data) // 2
        path.write_bytes(data[:half] + bytes(b ^ 0xFF for b in data[half:]))


DAMAGES: dict[str, Callable[[Path], None]] = {
    "empty": empty,
    "truncated": truncated,
    "garbage": garbage,
    "wrong numbers": wrong_numbers,
    "a folder": folder,
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_every_damaged_entry_is_made_again(
    work: Path, reference: tuple[Path, bytes], damage: Callable[[Path], None]
) -> None:
    env = tts_env(TTS_CACHE_DIR=str(work / "cache"))
    for paths in entries(work / "cache").values():
        for path in paths:
            damage(path)
    done = run_tts(*build_args("out", "-v"), cwd=work, env=env)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Aborted" not in done.stderr, done.stderr
    warned = [line for line in done.stderr.splitlines() if "damaged" in line]
    for part in PARTS:
        assert any(f"{os.sep}{part}{os.sep}" in line for line in warned), (part, done.stderr)
    # As from an empty cache: the damage changed nothing in the episode.
    assert (work / "out" / SLUG / f"{SLUG}.mp3").read_bytes() == reference[1]
    # Each damaged entry was written again, intact: a new build finds every one.
    again = run_tts(*build_args("again"), cwd=work, env=env)
    assert again.returncode == 0, again.stderr
    assert "damaged" not in again.stderr and "unreadable" not in again.stderr, again.stderr
    assert re.search(r"\b(\d+) of \1 sentences from cache", again.stdout), again.stdout
    assert (work / "again" / SLUG / f"{SLUG}.mp3").read_bytes() == reference[1]


def test_prune_removes_damaged_entries_and_keeps_intact_ones(work: Path) -> None:
    found = entries(work / "cache")
    damaged: list[Path] = []
    for n, paths in enumerate(found.values()):
        for path, damage in zip(paths, list(DAMAGES.values())[n:], strict=False):
            damage(path)
            damaged.append(path)
    intact = [p for paths in found.values() for p in paths if p not in damaged]
    assert intact
    done = run_tts("cache", "prune", cwd=work, env=tts_env(TTS_CACHE_DIR=str(work / "cache")))
    assert done.returncode == 0, done.stderr
    assert [p for p in damaged if p.exists()] == []
    assert [p for p in intact if not p.is_file()] == []


def _cache_full(cache: Path) -> Callable[..., Any]:
    """os.replace refusing every write into ``cache`` as a full disk does: writing a cache
    entry ends in this rename, so every cache entry fails and nothing else does."""
    real = os.replace

    def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if Path(dst).resolve().is_relative_to(cache.resolve()):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        real(src, dst, *args, **kwargs)

    return replace


def test_a_full_cache_disk_costs_the_caching_not_the_episode(
    tmp_path: Path,
    reference: tuple[Path, bytes],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    cache = tmp_path / "cache"
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setenv("TTS_CACHE_DIR", str(cache))
    monkeypatch.setattr(os, "replace", _cache_full(cache))
    options = BuildOptions((str(tmp_path / "article.txt"),), tmp_path / "out", "fake", workers=1)
    with caplog.at_level(logging.WARNING):
        result = build_episode(options)
    assert (result.folder / f"{SLUG}.mp3").read_bytes() == reference[1]
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "No space left on device" in warnings[0], warnings
    assert [p for p in cache.rglob("*") if p.is_file()] == []  # no temporary file left either
