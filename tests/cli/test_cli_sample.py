"""The first commands a newcomer runs, on a machine with only the clone: `tts sample` and the
examples every --help and the README show (none may need ../shared)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import typer
from typer.testing import CliRunner

from tts.cli import _register, app
from tts.text import SAMPLE_ARTICLE

REPO = Path(__file__).resolve().parents[2]
_register()
runner = CliRunner()


def _tts(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "tts", *args], cwd=cwd, capture_output=True, timeout=120
    )


def test_sample_prints_the_shipped_article_byte_for_byte(tmp_path: Path) -> None:
    done = _tts("sample", cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == b""
    assert done.stdout == SAMPLE_ARTICLE.read_bytes()


def test_the_help_example_builds_the_sample_in_an_empty_folder(tmp_path: Path) -> None:
    """`tts sample > article.md && tts build article.md`, as `tts build --help` shows it."""
    (tmp_path / "article.md").write_bytes(_tts("sample", cwd=tmp_path).stdout)
    done = _tts("build", "article.md", "-o", "output", "--engine", "espeak", "-q", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    folder = Path(done.stdout.decode().strip())
    episode = json.loads((folder / "episode.json").read_text("utf-8"))
    assert episode["title"] == "В Павлодаре библиотека начала выпускать аудиостатьи"
    assert [c["title"] for c in episode["chapters"]][-2:] == ["Кто слушает", "Что дальше"]


def _commands(group: typer.Typer) -> Iterator[list[str]]:
    """Every command path: ["build"], ["feed", "init"], ..."""
    root = typer.main.get_command(group)

    def walk(command: object, path: list[str]) -> Iterator[list[str]]:
        yield path
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            yield from walk(sub, [*path, name])

    yield from walk(root, [])


def test_no_help_and_no_readme_example_needs_files_a_newcomer_lacks() -> None:
    paths = list(_commands(app))
    assert ["sample"] in paths and ["feed", "init"] in paths  # the walk reached every level
    for path in paths:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "shared" not in result.output and "anc-dialogue" not in result.output, path
    readme = (REPO / "README.md").read_text("utf-8")
    assert not re.search(r"\.\./shared|anc-dialogue", readme)
    assert "tts sample > article.md" in runner.invoke(app, ["build", "--help"]).output


def test_bench_without_an_input_times_the_sample(tmp_path: Path) -> None:
    """It looked for ../shared/corpus/anc-dialogue.txt and failed on a bare clone."""
    done = _tts("bench", "--engine", "espeak", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    report = json.loads(done.stdout)
    assert Path(report["source"]) == SAMPLE_ARTICLE and report["sentences"] > 10
