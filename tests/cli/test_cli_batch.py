"""`tts batch` and `tts bench` through typer's CliRunner, with the fake engine."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from reliability import tts_env
from typer.testing import CliRunner, Result

from tts.bench import STAGES
from tts.cli import batch, bench

ARTICLES = {
    "one.txt": "Первая новость\n\nГород открыл новый парк. Жители довольны.\n",
    "two.txt": "Вторая новость\n\nВ библиотеке прошла выставка.\n",
}


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    app.callback()(lambda: None)  # a group, so `batch` and `bench` stay subcommands
    batch.register(app)
    bench.register(app)
    return app


def run(app: typer.Typer, *args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def inputs(folder: Path) -> list[str]:
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [str(folder / "one.txt"), str(folder / "bad.txt"), str(folder / "two.txt")]


def table_rows(output: str) -> dict[str, str]:
    """Article name → the rest of its summary row."""
    rows = {}
    for line in output.splitlines():
        name, _, rest = line.partition("  ")
        if name in ("one.txt", "bad.txt", "two.txt"):
            rows[name] = rest.strip()
    return rows


def test_batch_summary_then_unchanged(app: typer.Typer, tmp_path: Path) -> None:
    args = ["batch", *inputs(tmp_path), "-o", str(tmp_path / "out"), "--engine", "fake"]
    first = run(app, *args)
    assert first.exit_code == 1  # one article failed
    rows = table_rows(first.stdout)
    assert rows["one.txt"].startswith("built") and rows["two.txt"].startswith("built")
    assert rows["bad.txt"].startswith("failed: ") and "bad.txt" in rows["bad.txt"]
    assert "2 built, 0 unchanged, 1 failed" in first.stdout
    second = run(app, *args)
    rows = table_rows(second.stdout)
    assert rows["one.txt"].startswith("unchanged") and rows["two.txt"].startswith("unchanged")
    assert "0 built, 2 unchanged, 1 failed" in second.stdout


def test_batch_all_good_exits_zero(app: typer.Typer, tmp_path: Path) -> None:
    good = [p for p in inputs(tmp_path) if "bad" not in p]
    result = run(app, "batch", *good, "-o", str(tmp_path / "out"), "--engine", "fake", "-q")
    assert result.exit_code == 0, result.output
    assert "2 built, 0 unchanged, 0 failed" in result.stdout


def test_batch_reads_standard_input_once_for_every_worker(tmp_path: Path) -> None:
    """`cat one.txt | tts batch - two.txt -j 2`: spawned workers get no standard input of their
    own, so the parent reads it and passes the bytes on."""
    (tmp_path / "two.txt").write_text(ARTICLES["two.txt"], encoding="utf-8")
    args = ["batch", "-", "two.txt", "-o", "out", "--engine", "fake", "-j", "2"]
    done = subprocess.run(
        [sys.executable, "-m", "tts", *args],
        input=ARTICLES["one.txt"], cwd=tmp_path, env=tts_env(), capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 built, 0 unchanged, 0 failed" in done.stdout
    manifests = (tmp_path / "out").glob("*/episode.json")
    titles = sorted(json.loads(p.read_text("utf-8"))["title"] for p in manifests)
    assert titles == ["Вторая новость", "Первая новость"]


def test_bench_json_has_every_stage(app: typer.Typer, tmp_path: Path) -> None:
    source = inputs(tmp_path)[0]
    result = run(app, "bench", source, "--engine", "fake", "--json", "-j", "1")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data["stages"]) == set(STAGES)
    assert data["engine"] == "fake" and data["cache_hits"] == 0 and data["audio_seconds"] > 0


def test_bench_table(app: typer.Typer, tmp_path: Path) -> None:
    result = run(app, "bench", inputs(tmp_path)[0], "--engine", "fake")
    assert result.exit_code == 0, result.output
    assert all(stage in result.stdout for stage in STAGES) and "RTF" in result.stdout


def test_one_file_named_three_ways_is_built_once_and_twins_apart(
    app: typer.Typer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17: five inputs, of which three name one file and two are articles whose titles
    differ only by punctuation, said "5 built" and left 2 folders."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Выборы: итоги!\n\nГород выбрал мэра.\n", "utf-8")
    (tmp_path / "b.txt").write_text("Выборы — итоги?\n\nДеревня выбрала старосту.\n", "utf-8")
    names = ["in/a.txt", "b.txt", "./in/a.txt", str(tmp_path / "in" / "a.txt")]
    result = run(app, "batch", *names, "-o", "out", "--engine", "fake", "-j", "1")
    assert result.exit_code == 0, result.output
    assert "2 built, 0 unchanged, 0 failed, 2 duplicates" in result.stdout
    assert result.stdout.count("duplicate of in/a.txt") == 2
    folders = sorted(
        p.name for p in (tmp_path / "out").iterdir() if p.is_dir() and p.name != ".tts"
    )
    assert len(folders) == 2 and folders[0] == "vybory-itogi"
    titles = {
        json.loads((tmp_path / "out" / f / "episode.json").read_text())["title"] for f in folders
    }
    assert titles == {"Выборы: итоги!", "Выборы — итоги?"}
