"""Faults through the real entry point (issue 8 item 2): a build killed during synthesis or
encoding, a full disk, ffmpeg missing or failing, concurrent builds and feed builds, a damaged
clip cache. Whatever happens, nothing half-made is published and nothing made is lost.
"""

from __future__ import annotations

import os
import random
import re
import resource
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from reliability import (
    alive,
    assert_no_partial,
    assert_same_episode,
    assert_user_error,
    check_episode,
    children,
    read_manifest,
    run_tts,
    tts_command,
    tts_env,
)

from tts.audio.ffmpeg import ffmpeg_exe, stderr_tail
from tts.store.clip_cache import ClipCache

SLUG = "novosti-malenkogo-goroda"
TITLE = "Новости маленького города"
SUBJECTS = ["Жители", "Волонтёры", "Учёные", "Школьники", "Врачи", "Строители", "Артисты"]
VERBS = ["открыли", "убрали", "посадили", "изучили", "показали", "построили"]
OBJECTS = ["новый парк", "старую школу", "берег реки", "детскую площадку", "библиотеку"]
WHEN = ["сегодня", "вчера", "утром", "вечером", "летом", "осенью"]


def article_text(sentences: int, seed: int = 8) -> str:
    """Short distinct sentences: synthesis takes long enough to interrupt, encoding stays quick."""
    rng = random.Random(seed)
    lines: list[str] = []
    while len(lines) < sentences:
        line = (
            f"{rng.choice(SUBJECTS)} {rng.choice(WHEN)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}."
        )
        if line not in lines:
            lines.append(line)
    paragraphs = [" ".join(lines[i : i + 5]) for i in range(0, len(lines), 5)]
    return "\n\n".join([TITLE, *paragraphs]) + "\n"


ARTICLE = article_text(100)


def build_args(*extra: str, out: str = "out") -> list[str]:
    return ["build", "article.txt", "-o", out, "--engine", "espeak", *extra]


def clip_files(cache: Path) -> list[Path]:
    return sorted((cache / "clips").glob("*/*.clip"))


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """An uninterrupted build from an empty cache; returns the (now warm) cache and manifest."""
    work = tmp_path_factory.mktemp("reference")
    (work / "article.txt").write_text(ARTICLE, encoding="utf-8")
    cache = work / "cache"
    done = run_tts(*build_args(), cwd=work, env=tts_env(TTS_CACHE_DIR=str(cache)))
    assert done.returncode == 0, done.stderr
    return cache, check_episode(work / "out" / SLUG)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def warm_copy(reference: tuple[Path, dict[str, Any]], work: Path) -> Path:
    cache = work / "cache"
    shutil.copytree(reference[0], cache)
    return cache


def start(args: list[str], work: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    # A session of its own: the kill reaches the tool and everything it started (workers,
    # ffmpeg), as when a terminal or a service manager kills the command.
    return subprocess.Popen(
        tts_command(*args),
        cwd=work,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def kill_when(proc: subprocess.Popen[str], ready: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert proc.poll() is None, f"finished before the kill: {proc.communicate()}"
        assert time.monotonic() < deadline, "the moment to kill never came"
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def from_cache(done: subprocess.CompletedProcess[str]) -> tuple[int, int]:
    found = re.search(r"(\d+) of (\d+) sentences from cache", done.stdout)
    assert found, done.stdout
    return int(found.group(1)), int(found.group(2))


def script(path: Path, body: str) -> Path:
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_killed_during_synthesis_resumes_from_the_cache(
    work: Path, reference: tuple[Path, dict[str, Any]]
) -> None:
    cache = work / "cache"
    env = tts_env(TTS_CACHE_DIR=str(cache))
    proc = start(build_args("-j", "1"), work, env)
    kill_when(proc, lambda: len(clip_files(cache)) >= 10)
    kept = len(clip_files(cache))
    total = len(reference[1]["sentences"])
    assert 10 <= kept < total
    assert not (work / "out" / SLUG).exists()
    assert_no_partial(work / "out")
    done = run_tts(*build_args("-j", "1"), cwd=work, env=env)
    assert done.returncode == 0, done.stderr
    assert from_cache(done) == (kept, total)
    assert_no_partial(work / "out")
    # The clips kept from the killed run are used as they are; the rest are new, and the same.
    assert_same_episode(check_episode(work / "out" / SLUG), reference[1])


def test_killed_during_encoding_keeps_the_old_episode_and_reruns(
    work: Path, reference: tuple[Path, dict[str, Any]]
) -> None:
    env = tts_env(TTS_CACHE_DIR=str(warm_copy(reference, work)))
    assert run_tts(*build_args(), cwd=work, env=env).returncode == 0
    published = read_manifest(work / "out" / SLUG)
    mp3 = (work / "out" / SLUG / published["files"]["mp3"]).read_bytes()
    marker = work / "encoding"
    slow = script(
        work / "slow-ffmpeg",
        f'case "$*" in *libmp3lame*) touch "{marker}"; sleep 60;; esac\nexec "{ffmpeg_exe()}" "$@"',
    )
    # Another bitrate makes a new build of the same episode (an unchanged one is skipped).
    proc = start(build_args("--bitrate", "48k"), work, {**env, "TTS_FFMPEG": str(slow)})
    kill_when(proc, marker.exists)
    assert read_manifest(work / "out" / SLUG) == published  # the old episode is untouched
    assert (work / "out" / SLUG / published["files"]["mp3"]).read_bytes() == mp3
    assert [p.name for p in (work / "out").glob(f".tts/tmp-{SLUG}-*")] != []  # kill -9: no cleanup
    done = run_tts(*build_args("--bitrate", "48k"), cwd=work, env=env)
    assert done.returncode == 0, done.stderr
    assert from_cache(done) == (len(published["sentences"]),) * 2
    assert_no_partial(work / "out")  # the rerun removed the killed build's work folder
    manifest = check_episode(work / "out" / SLUG)
    assert_same_episode(manifest, reference[1])  # every clip from the cache: exactly equal
    assert manifest["guid"] == published["guid"]


def _file_size_limit() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))


def test_full_disk_is_one_line_and_keeps_the_published_episode(
    work: Path, reference: tuple[Path, dict[str, Any]]
) -> None:
    env = tts_env(TTS_CACHE_DIR=str(warm_copy(reference, work)))
    assert run_tts(*build_args(), cwd=work, env=env).returncode == 0
    published = read_manifest(work / "out" / SLUG)
    # No file may grow past 1 MB: the raw audio (about 9 MB) cannot be written.
    done = run_tts(*build_args("--bitrate", "48k"), cwd=work, env=env, preexec_fn=_file_size_limit)
    assert_user_error(done, "cannot write", "audio.raw", "File too large")
    assert_no_partial(work / "out")
    assert read_manifest(work / "out" / SLUG) == published
    # The encoder meets a full disk: its output goes to /dev/full, where writes fail ENOSPC.
    full = script(
        work / "ffmpeg-full",
        'case "$*" in *libmp3lame*) set -- "$@" -f mp3 /dev/full;; esac\n'
        f'exec "{ffmpeg_exe()}" "$@"',
    )
    done = run_tts(*build_args("--bitrate", "48k"), cwd=work, env={**env, "TTS_FFMPEG": str(full)})
    assert_user_error(done, "MP3 encoding failed", str(full), "No space left on device")
    assert_no_partial(work / "out")
    assert read_manifest(work / "out" / SLUG) == published


def test_ffmpeg_missing_or_failing_names_the_command_and_its_stderr(
    work: Path, reference: tuple[Path, dict[str, Any]]
) -> None:
    env = tts_env(TTS_CACHE_DIR=str(warm_copy(reference, work)))
    missing = str(work / "no-such-ffmpeg")
    done = run_tts(*build_args(), cwd=work, env={**env, "TTS_FFMPEG": missing})
    assert_user_error(done, f"cannot run {missing}", "No such file")
    assert not (work / "out" / SLUG).exists()
    assert_no_partial(work / "out")
    bad = script(work / "bad-ffmpeg", f'exec "{ffmpeg_exe()}" -no_such_option "$@"')
    done = run_tts(*build_args(), cwd=work, env={**env, "TTS_FFMPEG": str(bad)})
    line = assert_user_error(done, "failed (", str(bad), "no_such_option")
    assert "Unrecognized option" in line
    assert not (work / "out" / SLUG).exists()
    assert_no_partial(work / "out")


def _decodes(mp3: Path) -> bool:
    cmd = [ffmpeg_exe(), "-v", "error", "-i", str(mp3), "-f", "null", "-"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=60)
    return done.returncode == 0 and done.stderr == ""


def test_concurrent_builds_and_feed_builds_all_succeed(
    work: Path, reference: tuple[Path, dict[str, Any]]
) -> None:
    env = tts_env(TTS_CACHE_DIR=str(warm_copy(reference, work)))
    (work / "other.txt").write_text(article_text(6, seed=3).replace(TITLE, "Другая новость"))
    runs = [build_args(), build_args(), ["build", "other.txt", "-o", "out", "--engine", "espeak"]]
    procs = [start(args, work, env) for args in runs]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], results
    assert_no_partial(work / "out")
    for folder in (work / "out" / SLUG, work / "out" / "drugaia-novost"):
        manifest = check_episode(folder)
        assert _decodes(folder / manifest["files"]["mp3"])
    assert_same_episode(read_manifest(work / "out" / SLUG), reference[1])
    init = ["feed", "init", "out", "--title", "Город", "--author", "Редакция"]
    init += ["--email", "news@example.org", "--base-url", "https://example.org/pod/"]
    assert run_tts(*init, cwd=work, env=env).returncode == 0
    feeds = [start(["feed", "build", "out"], work, env) for _ in range(2)]
    feeds.append(start([*build_args("--bitrate", "48k"), "--feed"], work, env))
    results = [p.communicate(timeout=120) for p in feeds]
    assert [p.returncode for p in feeds] == [0, 0, 0], results
    check = run_tts("feed", "check", "out/feed.xml", cwd=work, env=env)
    assert check.returncode == 0, check.stdout + check.stderr
    assert (work / "out" / "feed.xml").read_text(encoding="utf-8").count("<item>") == 2
    assert list((work / "out").glob("**/feed.xml.bak-*")) == []
    assert_no_partial(work / "out")


def test_damaged_cache_entries_are_detected_and_synthesized_again(
    work: Path, reference: tuple[Path, dict[str, Any]]
) -> None:
    cache = warm_copy(reference, work)
    truncated, corrupted = clip_files(cache)[3], clip_files(cache)[7]
    truncated.write_bytes(truncated.read_bytes()[:1000])
    data = bytearray(corrupted.read_bytes())
    data[len(data) // 2] ^= 0xFF
    corrupted.write_bytes(bytes(data))
    done = run_tts(*build_args(), cwd=work, env=tts_env(TTS_CACHE_DIR=str(cache)))
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("synthesizing again") == 2, done.stderr
    kept, total = from_cache(done)
    assert kept == total - 2  # the two re-synthesized clips are not counted as cached
    for path in (truncated, corrupted):
        assert ClipCache(cache / "clips").get(path.stem) is not None
    # Two clips are new, and the same as before.
    assert_same_episode(check_episode(work / "out" / SLUG), reference[1])


def test_workers_exit_when_the_build_is_killed(work: Path) -> None:
    """kill -9 of the command alone (not its process group): its synthesis workers must not
    live on as orphans."""
    (work / "article.txt").write_text(article_text(800, seed=5), encoding="utf-8")
    cache = work / "cache"
    proc = start(build_args("-j", "2"), work, tts_env(TTS_CACHE_DIR=str(cache)))
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while len(clip_files(cache)) < 10:
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.005)
        workers = children(proc.pid)
        proc.kill()
        proc.wait(timeout=30)  # not communicate: orphans would hold its pipes open
        assert len(workers) >= 2  # the pool's workers (and its resource tracker)
        deadline = time.monotonic() + 15
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [pid for pid in workers if alive(pid)] == []
    finally:
        for pid in workers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert_no_partial(work / "out")


def test_ffmpeg_error_quotes_the_cause_not_the_statistics() -> None:
    stderr = (
        "[aost#0:0/libmp3lame @ 0x1] Error submitting a packet to the muxer: No space left on "
        "device\n[out#0/mp3 @ 0x2] Error closing file: No space left on device\n[out#0/mp3 @ "
        "0x2] video:0KiB audio:512KiB subtitle:0KiB other streams:0KiB global headers:0KiB "
        "muxing overhead: unknown\nsize=     256KiB time=00:01:05.46 bitrate=  32.0kbits/s\n"
        "Conversion failed!\n"
    )
    tail = stderr_tail(stderr)
    assert "No space left on device" in tail and "Conversion failed!" in tail
    assert "video:0KiB" not in tail and "bitrate=" not in tail
