"""`tts sentences` through typer's CliRunner, with the real reader and parser."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from helpers import corpus
from typer.testing import CliRunner

from tts.cli import sentences
from tts.errors import InputError

LONG = (
    "Ремонт, который длился два года, обошёлся городу в 1 500 000 руб.; подрядчик, по словам"
    " мэра, уложился в срок и сэкономил часть средств."
)
ARTICLE = f"""Мост открыли после ремонта

Мост через реку открыли в 2024 г. Движение восстановлено.

{LONG}
"""


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    sentences.register(app)

    @app.callback()
    def _root() -> None:
        """Keeps `sentences` a subcommand, as in the real app."""

    return app


def _run(app: typer.Typer, *args: str) -> list[str]:
    result = CliRunner().invoke(app, ["sentences", *args])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_one_sentence_per_line(app: typer.Typer, tmp_path: Path) -> None:
    path = tmp_path / "мост.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert _run(app, str(path)) == [
        "Мост открыли после ремонта",
        "Мост через реку открыли в 2024 г.",
        "Движение восстановлено.",
        LONG,
    ]


def test_numbered_and_max_chars(app: typer.Typer, tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    lines = _run(app, str(path), "--numbered", "--max-chars", "80")
    assert lines[3:] == [
        "3\tРемонт, который длился два года, обошёлся городу в 1 500 000 руб.;",
        "4\tподрядчик, по словам мэра, уложился в срок и сэкономил часть средств.",
    ]
    assert [line.split("\t")[0] for line in lines] == [str(i) for i in range(len(lines))]


def test_reads_stdin(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["sentences", "-"], input=ARTICLE)
    assert result.exit_code == 0
    assert result.output.splitlines()[2] == "Движение восстановлено."


def test_markdown_headings_are_lines(app: typer.Typer) -> None:
    lines = _run(app, str(corpus("steppe-observatory.md")), "--max-chars", "100")
    assert lines[0].startswith("Обсерватория в степи")
    assert {"История", "Наука сегодня"} <= set(lines)
    assert "Т. е. обсерватория стала ещё и учебной базой." in lines
    assert all(len(line) <= 100 for line in lines[1:])


def test_missing_file_is_a_user_error(app: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["sentences", str(tmp_path / "нет.txt")])
    assert result.exit_code != 0
    assert isinstance(result.exception, InputError)


def test_max_chars_must_be_positive(app: typer.Typer, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["sentences", str(path), "--max-chars", "0"])
    assert result.exit_code == 2
