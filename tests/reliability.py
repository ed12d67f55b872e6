"""Running the real `python -m tts` in a subprocess and checking what it left (issue 8 tests)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from helpers import REPO

from tts.text.normalize import ALPHABET


def tts_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "tts", *args]


def tts_env(**overrides: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), **overrides}


def run_tts(
    *args: str,
    cwd: Path,
    env: dict[str, str] | None = None,
    timeout: float = 120,
    preexec_fn: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        tts_command(*args),
        cwd=cwd,
        env=env or tts_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        preexec_fn=preexec_fn,
    )


def assert_no_partial(out: Path) -> None:
    """No staging or swap folder left behind; every episode folder is complete."""
    if not out.exists():
        return
    leftovers = [p.name for p in out.iterdir() if p.name.startswith((".tmp-", ".old-"))]
    state = out / ".tts"  # the tool's own state: work and swap folders live there
    leftovers += [p.name for p in state.glob("*") if p.name.startswith(("tmp-", "old-"))]
    assert leftovers == []
    for folder in (p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")):
        manifest = json.loads((folder / "episode.json").read_text(encoding="utf-8"))
        expected = {*manifest["files"].values(), "episode.json"}
        assert sorted(p.name for p in folder.iterdir()) == sorted(expected)
        for name in expected:
            assert (folder / name).stat().st_size > 0, name


def assert_user_error(done: subprocess.CompletedProcess[str], *needles: str) -> str:
    """Exit code 1, no traceback, and exactly one `error: ` line, the last one on stderr."""
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == 1 and lines[-1] == errors[0], done.stderr
    for needle in needles:
        assert needle in errors[0], errors[0]
    return errors[0]


def read_manifest(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "episode.json").read_text(encoding="utf-8"))
    return data


def check_episode(folder: Path) -> dict[str, Any]:
    """What every episode must hold: its files, timed sentences, only speakable spoken text."""
    manifest = read_manifest(folder)
    assert manifest["slug"] == folder.name
    assert manifest["duration"] > 0 and manifest["sentences"]
    for sentence in manifest["sentences"]:
        assert set(sentence["spoken"]) <= ALPHABET, sentence
        assert sentence["spoken"].strip(" ,.!?;:–-…"), sentence
    return manifest


def episode_summary(manifest: dict[str, Any], *, times: bool = True) -> tuple[Any, ...]:
    """What must be equal between two builds of one article: sentences, spoken text, times."""
    sentences = [
        (s["index"], s["chapter"], s["text"], s["spoken"])
        + ((s["start"], s["end"]) if times else ())
        for s in manifest["sentences"]
    ]
    chapters = [c if times else c["title"] for c in manifest["chapters"]]
    return manifest["title"], manifest["duration"] if times else None, chapters, sentences


def assert_same_episode(got: dict[str, Any], want: dict[str, Any]) -> None:
    """Same sentences, spoken text and times to the millisecond.

    Every engine's clip depends only on its text and voice (eSpeak NG's once varied by a few
    milliseconds with the calls made before it in the process), so a resumed or repaired
    build must give the same episode as a clean one.
    """
    assert episode_summary(got) == episode_summary(want)


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (read from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; only its parent's wait is missing
