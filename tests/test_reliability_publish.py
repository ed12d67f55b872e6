"""Publishing through the real entry point (issue 17): kill -9 at exact moments of the publish,
SIGTERM / SIGHUP / SIGINT, the output folder as a file, immutable or with a looping lock,
`--feed` without podcast.toml, orphaned workers, and 50 kills at random moments. Whatever
happens the folder holds the previous episode or the new one, complete, under the same GUID.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from reliability import (
    alive,
    assert_no_partial,
    assert_user_error,
    children,
    read_manifest,
    run_tts,
    tts_command,
    tts_env,
)

from tts.audio.ffmpeg import ffmpeg_exe
from tts.audio.mp3frames import id3_size
from tts.build import BuildOptions, BuildResult, build_episode
from tts.episode import Episode

SLUG = "vybory-itogi"
TITLE = "Выборы: итоги!"
BODY = "Город открыл новый парк. Жители довольны.\n\nВ библиотеке прошла выставка."


def article(extra: str = "") -> str:
    return f"{TITLE}\n\n{BODY}{extra}\n"


def fake(*args: str, out: str = "out") -> list[str]:
    return ["build", *args, "-o", out, "--engine", "fake"]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(article(), encoding="utf-8")
    return tmp_path


@pytest.fixture
def env(work: Path) -> dict[str, str]:
    return tts_env(TTS_CACHE_DIR=str(work / "cache"))


def leftovers(out: Path) -> list[str]:
    """Work and swap folders (in the state folder, .tts/)."""
    return sorted(p.name for p in (out / ".tts").glob("*") if p.name.startswith(("tmp-", "old-")))


def published(work: Path, env: dict[str, str], *args: str) -> dict[str, Any]:
    done = run_tts(*fake(*(args or ("a.txt",))), cwd=work, env=env)
    assert done.returncode == 0, done.stderr
    return read_manifest(work / "out" / SLUG)


# --- two articles never share a folder or a GUID (case 2) --------------------------------------

TWIN = "Выборы — итоги?"  # makes the same slug as TITLE


def build(path: Path, out: Path, **options: Any) -> BuildResult:
    return build_episode(BuildOptions(inputs=(str(path),), outdir=out, engine="fake", **options))


def twins(folder: Path) -> tuple[Path, Path]:
    a, b = folder / "a.txt", folder / "b.txt"
    a.write_text(article(), encoding="utf-8")
    b.write_text(f"{TWIN}\n\nДеревня выбрала старосту.\n", encoding="utf-8")
    return a, b


def test_titles_differing_by_punctuation_get_folders_and_guids_of_their_own(
    tmp_path: Path,
) -> None:
    """Before: «Выборы — итоги?» replaced «Выборы: итоги!» and inherited its GUID, so podcast
    apps took it for the old episode changed."""
    a, b = twins(tmp_path)
    first, second = build(a, tmp_path / "out"), build(b, tmp_path / "out")
    assert first.folder.name == SLUG and second.folder.name.startswith(f"{SLUG}-")
    assert first.episode.guid != second.episode.guid
    a.write_text(article(" Её посетили многие."), encoding="utf-8")
    b.write_text(f"{TWIN}\n\nДеревня выбрала старосту. Все довольны.\n", encoding="utf-8")
    again = [build(a, tmp_path / "out"), build(b, tmp_path / "out")]
    assert [r.folder for r in again] == [first.folder, second.folder]  # stable suffix
    assert [r.episode.guid for r in again] == [first.episode.guid, second.episode.guid]
    episodes = [p.name for p in (tmp_path / "out").iterdir() if p.is_dir() and p.name != ".tts"]
    assert sorted(episodes) == sorted([first.folder.name, second.folder.name])


def test_one_file_named_three_ways_is_one_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(article(), encoding="utf-8")
    names = [Path("in/a.txt"), Path("./in/a.txt"), tmp_path / "in" / "a.txt"]
    results = [build(name, Path("out"), title=TITLE) for name in names]
    assert {r.folder for r in results} == {(tmp_path / "out" / SLUG).resolve()}
    assert len({r.episode.guid for r in results}) == 1


def test_an_episode_from_before_source_ids_keeps_its_folder_and_guid(tmp_path: Path) -> None:
    a, b = twins(tmp_path)
    first = build(a, tmp_path / "out")
    manifest = tmp_path / "out" / SLUG / "episode.json"
    old = json.loads(manifest.read_text(encoding="utf-8"))
    del old["source_id"]  # as written before issue 17
    manifest.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    a.write_text(article(" Её посетили многие."), encoding="utf-8")
    assert build(a, tmp_path / "out").episode.guid == first.episode.guid  # same title
    assert build(b, tmp_path / "out").folder != first.folder  # another article


def test_a_twin_published_during_the_build_moves_this_one_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two builds side by side (tts batch -j 2, or two commands): both saw the folder free when
    they started; the one publishing second used to replace the first."""
    a, b = twins(tmp_path)
    render_module = sys.modules["tts.build.render"]  # tts.build.render is the function
    real = render_module.synthesize
    meanwhile: list[BuildResult] = []
    started: list[bool] = []

    def synthesize(*args: Any) -> Any:
        if not started:  # while b synthesizes, a is built and published
            started.append(True)
            meanwhile.append(build(a, tmp_path / "out"))
        return real(*args)

    monkeypatch.setattr(render_module, "synthesize", synthesize)
    late = build(b, tmp_path / "out")
    assert meanwhile[0].folder.name == SLUG
    assert late.folder.name.startswith(f"{SLUG}-")
    assert Episode.load(meanwhile[0].folder / "episode.json").title == TITLE
    assert Episode.load(late.folder / "episode.json").title == TWIN
    assert read_manifest(late.folder)["slug"] == late.folder.name


# --- kill -9 at exact moments of the publish (case 3) -----------------------------------------

# Runs the CLI with os.replace killing the process (SIGKILL: no clean-up at all) at the n-th
# rename of the publish step, before or after performing it.
KILL_IN_PUBLISH = """
import os, signal, sys
import tts.build, tts.store.outdir as outdir
render = sys.modules["tts.build.render"]  # the package's attribute is the function render()

n, after = int(sys.argv[1]), sys.argv[2] == "after"
real_replace, real_publish = os.replace, outdir.publish

def publish(work, target):
    calls = []
    def replace(src, dst):
        calls.append(src)
        if len(calls) == n and not after:
            os.kill(os.getpid(), signal.SIGKILL)
        real_replace(src, dst)
        if len(calls) == n and after:
            os.kill(os.getpid(), signal.SIGKILL)
    os.replace = replace
    real_publish(work, target)

render.publish = publish
sys.argv = ["tts", *sys.argv[3:]]
from tts.cli import main
main()
"""


@pytest.mark.parametrize(
    ("rename", "when", "outcome"),
    [(1, "before", "previous"), (2, "before", "previous"), (2, "after", "new")],
    ids=["before-the-swap", "between-the-renames", "before-the-old-copy-is-removed"],
)
def test_kill_9_in_publish_leaves_the_previous_or_the_new_episode(
    work: Path, env: dict[str, str], rename: int, when: str, outcome: str
) -> None:
    """Before: killed between the renames, the folder vanished; the next build, even a failing
    one, deleted the copy in .old-<slug>-*, and the next good one made a new GUID."""
    before = published(work, env)
    (work / "a.txt").write_text(article(" Её посетили многие."), encoding="utf-8")
    code = [sys.executable, "-c", KILL_IN_PUBLISH, str(rename), when, *fake("a.txt")]
    killed = subprocess.run(code, cwd=work, env=env, capture_output=True, timeout=60, check=False)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    # The next start, even of a build that fails, puts back what the kill left.
    failing = run_tts(*fake("missing.txt"), cwd=work, env=env)
    assert_user_error(failing, "missing.txt: no such file")
    after = read_manifest(work / "out" / SLUG)
    assert after["guid"] == before["guid"]
    assert ("Её посетили многие." in after["lead"] + after["sentences"][-1]["text"]) == (
        outcome == "new"
    )
    assert_no_partial(work / "out")
    rebuilt = published(work, env)
    assert rebuilt["guid"] == before["guid"]
    assert rebuilt["sentences"][-1]["text"].endswith("Её посетили многие.")
    assert_no_partial(work / "out")


def test_a_feed_built_after_such_a_kill_keeps_the_episode(work: Path, env: dict[str, str]) -> None:
    before = published(work, env)
    init = ["feed", "init", "out", "--title", "Город", "--author", "Редакция"]
    init += ["--email", "news@example.org", "--base-url", "https://example.org/pod/"]
    assert run_tts(*init, cwd=work, env=env).returncode == 0
    (work / "a.txt").write_text(article(" Её посетили многие."), encoding="utf-8")
    code = [sys.executable, "-c", KILL_IN_PUBLISH, "2", "before", *fake("a.txt")]
    subprocess.run(code, cwd=work, env=env, capture_output=True, timeout=60, check=False)
    assert not (work / "out" / SLUG).exists()
    done = run_tts("feed", "build", "out", cwd=work, env=env)
    assert done.returncode == 0, done.stderr
    feed = (work / "out" / "feed.xml").read_text(encoding="utf-8")
    assert feed.count("<item>") == 1 and before["guid"] in feed
    # Before: the killed build's work folder was listed as the episode (pathlib's glob
    # matches hidden folders), its link soon to point nowhere.
    assert f"/pod/{SLUG}/index.html" in feed and ".tmp-" not in feed
    assert "Её посетили многие." not in feed


# --- SIGTERM, SIGHUP and SIGINT: one handler, the clean-up of Ctrl-C (case 7) -----------------


def slow_ffmpeg(work: Path) -> Path:
    """An ffmpeg whose MP3 encoding hangs after leaving a marker: the build sits with its work
    folder (and the raw audio) in the output folder, the moment a stop signal costs most."""
    path = work / "slow-ffmpeg"
    path.write_text(
        "#!/bin/sh\n"
        f'case "$*" in *libmp3lame*) touch "{work}/encoding.$$"; exec sleep 60;; esac\n'
        f'exec "{ffmpeg_exe()}" "$@"\n',
        encoding="utf-8",
    )
    path.chmod(0o755)
    return path


def start(args: list[str], work: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        tts_command(*args),
        cwd=work,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def wait_for(ready: Callable[[], bool], proc: subprocess.Popen[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert proc.poll() is None, f"finished too early: {proc.communicate()}"
        assert time.monotonic() < deadline, "the moment never came"
        time.sleep(0.01)


def encoding(work: Path, n: int = 1) -> Callable[[], bool]:
    return lambda: len(list(work.glob("encoding.*"))) >= n


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=str)
def test_a_stop_signal_cleans_up_like_ctrl_c(
    work: Path, env: dict[str, str], sig: signal.Signals
) -> None:
    """Before: SIGTERM (kill, systemd, container stops) and SIGHUP ran no clean-up, and left
    .tmp-<slug>-*/audio.raw in the output folder, where `tts serve` served it (now in .tts/)."""
    before = published(work, env)
    slow = {**env, "TTS_FFMPEG": str(slow_ffmpeg(work))}
    proc = start(fake("a.txt", "--bitrate", "48k"), work, slow)
    wait_for(encoding(work), proc)
    assert [p.name for p in (work / "out").glob(f".tts/tmp-{SLUG}-*/audio.raw")] != []
    proc.send_signal(sig)  # to the command alone, as `kill PID` does
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 128 + sig
    assert one_line(stderr).startswith(f"interrupted ({sig.name}): ")
    assert_no_partial(work / "out")
    assert read_manifest(work / "out" / SLUG) == before


def test_sigterm_stops_a_parallel_batch_and_its_workers(work: Path, env: dict[str, str]) -> None:
    """The command alone gets SIGTERM: its workers, each building an article, stop and clean
    up too (before, they went on building, or, orphaned, lived on)."""
    (work / "b.txt").write_text("Другая новость\n\nЖители довольны.\n", encoding="utf-8")
    slow = {**env, "TTS_FFMPEG": str(slow_ffmpeg(work))}
    proc = start(
        ["batch", "a.txt", "b.txt", "-o", "out", "--engine", "fake", "-j", "2"], work, slow
    )
    wait_for(encoding(work, 2), proc)
    workers = children(proc.pid)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signal.SIGTERM
    assert one_line(stderr).startswith("interrupted (SIGTERM): ")
    assert_no_partial(work / "out")
    assert not (work / "out" / SLUG).exists()
    deadline = time.monotonic() + 10
    while any(map(alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [pid for pid in workers if alive(pid)] == []


# --- orphaned workers (case 15) -----------------------------------------------------------------


def long_article() -> str:
    """Over 20,000 characters of distinct plain sentences: enough for parallel synthesis."""
    words = [
        ["Жители", "Волонтёры", "Учёные", "Школьники", "Врачи", "Строители", "Артисты"],
        ["сегодня", "вчера", "утром", "вечером", "летом", "осенью"],
        ["открыли", "убрали", "посадили", "изучили", "показали", "построили"],
        ["новый парк", "старую школу", "берег реки", "детскую площадку", "библиотеку"],
    ]
    sentences = [" ".join(parts) + "." for parts in itertools.product(*words)][:800]
    return "Длинная новость\n\n" + " ".join(sentences) + "\n"


def test_workers_of_a_killed_build_print_no_traceback(work: Path, env: dict[str, str]) -> None:
    """Each worker was then in the middle of a batch (a quarter of a second with the fake
    engine); finishing it before noticing its parent was gone, it wrote the result into the
    closed pipe and printed a BrokenPipeError traceback."""
    (work / "long.txt").write_text(long_article(), encoding="utf-8")
    # Not a session of its own: the kill reaches the command alone, as in a terminal.
    proc = subprocess.Popen(
        tts_command(*fake("long.txt", "-j", "3")),
        cwd=work,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    clips = work / "cache" / "clips"
    wait_for(lambda: len(list(clips.glob("*/*.clip"))) >= 200, proc)  # the workers are busy
    proc.kill()  # the command alone: its workers are orphaned
    # The workers hold the same stderr: it ends once the last of them has exited.
    _, stderr = proc.communicate(timeout=30)
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr


# --- the output folder (case 14) and --feed (case 15) ------------------------------------------


def no_synthesis(work: Path) -> bool:
    return not (work / "cache" / "clips").exists()


def test_output_folder_that_is_a_file_fails_before_synthesis(
    work: Path, env: dict[str, str]
) -> None:
    (work / "out").write_text("a file", encoding="utf-8")
    done = run_tts(*fake("a.txt"), cwd=work, env=env)
    assert_user_error(done, "output folder out is a file, not a folder")
    assert no_synthesis(work)
    done = run_tts(*fake("a.txt", out="out/deeper"), cwd=work, env=env)
    assert_user_error(done, "cannot create the output folder out/deeper: out is a file")


def test_feed_without_podcast_toml_fails_before_publishing(work: Path, env: dict[str, str]) -> None:
    done = run_tts(*fake("a.txt", "--feed"), cwd=work, env=env)
    assert_user_error(done, "podcast.toml not found", "tts feed init")
    assert not (work / "out" / SLUG).exists() and no_synthesis(work)


def test_a_looping_lock_file_is_one_line(work: Path, env: dict[str, str]) -> None:
    (work / "out" / ".tts" / "locks").mkdir(parents=True)
    (work / "out" / ".tts" / "locks" / f"{SLUG}.lock").symlink_to(f"{SLUG}.lock")
    done = run_tts(*fake("a.txt"), cwd=work, env=env)
    assert_user_error(done, f"/{SLUG}.lock is a symbolic link")
    init = ["feed", "init", "out", "--title", "Город", "--author", "Редакция"]
    init += ["--email", "news@example.org", "--base-url", "https://example.org/pod/"]
    assert run_tts(*init, cwd=work, env=env).returncode == 0
    (work / "out" / ".tts" / "feed.lock").symlink_to("feed.lock")
    done = run_tts("feed", "build", "out", cwd=work, env=env)
    assert_user_error(done, ".tts/feed.lock is a symbolic link")


def test_an_unwritable_library_page_is_one_line(work: Path, env: dict[str, str]) -> None:
    (work / "out" / "index.html").mkdir(parents=True)
    done = run_tts(*fake("a.txt"), cwd=work, env=env)
    assert_user_error(done, "cannot write the library page out/index.html: Is a directory")


def test_an_immutable_folder_fails_before_synthesis(
    work: Path, env: dict[str, str], immutable: Callable[[Path], None]
) -> None:
    (work / "out").mkdir()
    immutable(work / "out")
    done = run_tts(*fake("a.txt"), cwd=work, env=env)
    assert_user_error(done, "cannot write to out: Operation not permitted")
    assert no_synthesis(work)


def test_an_immutable_library_page_is_one_line(
    work: Path, env: dict[str, str], immutable: Callable[[Path], None]
) -> None:
    published(work, env)
    immutable(work / "out" / "index.html")
    done = run_tts(*fake("a.txt", "--bitrate", "48k"), cwd=work, env=env)
    assert_user_error(done, "cannot write the library page", "Operation not permitted")


# --- twelve builds at once into one folder (case 6) --------------------------------------------


def test_twelve_builds_at_once_all_reach_the_library_page(work: Path, env: dict[str, str]) -> None:
    names = ["Жители", "Волонтёры", "Учёные", "Школьники", "Врачи", "Строители", "Артисты"]
    names += ["Пожарные", "Студенты", "Туристы", "Фермеры", "Музыканты"]
    for n, who in enumerate(names):
        (work / f"{n}.txt").write_text(f"{who} и город\n\n{who} открыли парк.\n", encoding="utf-8")
    procs = [start(fake(f"{n}.txt"), work, env) for n in range(len(names))]
    results = [proc.communicate(timeout=120) for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * len(names), results
    page = (work / "out" / "index.html").read_text(encoding="utf-8")
    assert sum(f"{who} и город" in page for who in names) == len(names)


# --- 50 kills at random moments (the "Done when") --------------------------------------


def variant(n: int) -> str:
    """Two versions of the article, alternately; the second is longer by two sentences."""
    return article(" Её посетили многие. Выставка продлится месяц." if n % 2 else "")


def audio_of(mp3: Path) -> str:
    """SHA-256 of the MP3's audio frames (the ID3 tag carries the build's date)."""
    data = mp3.read_bytes()
    return hashlib.sha256(data[id3_size(data) :]).hexdigest()


def state(out: Path, audio: dict[int, str]) -> int:
    """Which version the folder holds, after checking it is complete: episode.json loads, its
    files are there, its MP3 is the one built from that version."""
    folder = out / SLUG
    assert_no_partial(out)
    episode = Episode.load(folder / "episode.json")
    version = 1 if episode.sentences[-1].text.endswith("продлится месяц.") else 0
    assert audio_of(folder / episode.files.mp3) == audio[version]
    return version


@pytest.mark.slow
def test_fifty_kills_at_random_moments_lose_nothing(work: Path, env: dict[str, str]) -> None:
    rng = random.Random(17)
    out = work / "out"
    audio: dict[int, str] = {}
    for version in (1, 0):  # each version built once, uninterrupted: its MP3 and a timing
        (work / "a.txt").write_text(variant(version), encoding="utf-8")
        started = time.monotonic()
        guid = published(work, env)["guid"]
        took = time.monotonic() - started
        audio[version] = audio_of(out / SLUG / f"{SLUG}.mp3")
    outcomes = {"previous": 0, "new": 0}
    recovered = 0
    for _ in range(50):
        before = state(out, audio)
        (work / "a.txt").write_text(variant(before + 1), encoding="utf-8")
        proc = start(fake("a.txt"), work, env)
        time.sleep(rng.uniform(0.2, 1.1) * took)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=30)
        recovered += bool(leftovers(out)) or not (out / SLUG).exists()
        # The next start: a build into the same folder (one that fails, to change nothing).
        assert_user_error(run_tts(*fake("missing.txt"), cwd=work, env=env), "missing.txt")
        now = state(out, audio)
        outcomes["new" if now != before else "previous"] += 1
        assert read_manifest(out / SLUG)["guid"] == guid
    assert outcomes["previous"] and outcomes["new"] and recovered, (outcomes, recovered)
    # Finally a rebuild is what a clean build in a fresh folder makes, byte for byte (the
    # GUID, the build's and the first publication's times and the count of newly encoded
    # chunks aside).
    (work / "a.txt").write_text(variant(1), encoding="utf-8")
    published(work, env)
    fresh = run_tts(*fake("a.txt", out="fresh"), cwd=work, env=env)
    assert fresh.returncode == 0, fresh.stderr
    assert same_files(out / SLUG, work / "fresh" / SLUG)


def same_files(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    for name in names:
        left, right = (a / name).read_bytes(), (b / name).read_bytes()
        if name == "episode.json":
            left, right = (_stable(json.loads(x)) for x in (left, right))
        assert left == right, name
    return True


def _stable(manifest: dict[str, Any]) -> bytes:
    for key in ("guid", "created", "published"):  # kept from the first build, or this one's
        manifest.pop(key)
    manifest["loudness"].pop("chunks_encoded")
    return json.dumps(manifest, sort_keys=True).encode()
