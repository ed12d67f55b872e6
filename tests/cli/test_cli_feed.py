"""`tts feed init|build|check` through typer's CliRunner."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from feed_support import BASE_URL, FIRST_TWO, write_episode
from typer.testing import CliRunner, Result

from tts.cli.feed import register
from tts.errors import TTSError
from tts.podcast.config import load_config

INIT = ["--title", "Новости вслух", "--author", "Редакция", "--email", "p@example.org",
        "--base-url", BASE_URL]  # fmt: skip


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    app.callback()(lambda: None)  # a group, so `feed` stays a subcommand
    register(app)
    return app


def run(app: typer.Typer, *args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def test_init_build_check(app: typer.Typer, tmp_path: Path) -> None:
    folder = tmp_path / "pod"
    result = run(app, "feed", "init", str(folder), *INIT, "--category", "News/Tech News")
    assert result.exit_code == 0, result.output
    config = load_config(folder)
    assert (config.subcategory, config.image, config.explicit) == ("Tech News", "cover.png", False)
    assert config.description == "Новости вслух"
    assert config.copyright.endswith(" Редакция")
    for slug in FIRST_TWO:
        write_episode(folder, slug)
    result = run(app, "feed", "build", str(folder))
    assert result.exit_code == 0, result.output
    result = run(app, "feed", "check", str(folder / "feed.xml"))
    assert result.exit_code == 0, result.output
    assert "ok" in result.output
    result = run(app, "feed", "check", str(folder))  # the folder means its feed.xml
    assert result.exit_code == 0 and f"{folder / 'feed.xml'}: ok" in result.output
    result = run(app, "feed", "check", str(tmp_path))  # main() prints this as one line
    assert str(result.exception) == f"feed {tmp_path / 'feed.xml'}: no such file"


def test_check_lists_problems_and_exits_1(app: typer.Typer, tmp_path: Path) -> None:
    folder = tmp_path / "pod"
    run(app, "feed", "init", str(folder), *INIT, "--explicit")
    write_episode(folder, FIRST_TWO[0])
    run(app, "feed", "build", str(folder))
    feed = folder / "feed.xml"
    data = feed.read_bytes().replace(b"<itunes:explicit>true", b"<itunes:explicit>yes")
    feed.write_bytes(data.replace(b"<itunes:duration>83", b"<itunes:duration>1:23"))
    result = run(app, "feed", "check", str(feed))
    assert result.exit_code == 1
    assert "itunes:explicit must be true or false" in result.output
    assert "itunes:duration must be whole seconds" in result.output


def test_init_copies_a_given_cover(app: typer.Typer, tmp_path: Path) -> None:
    cover = tmp_path / "art.JPG"
    cover.write_bytes(b"\xff\xd8\xff fake jpeg")
    folder = tmp_path / "pod"
    assert run(app, "feed", "init", str(folder), *INIT, "--image", str(cover)).exit_code == 0
    assert (folder / "cover.jpg").read_bytes() == cover.read_bytes()
    assert load_config(folder).image == "cover.jpg"


def test_init_refuses_to_overwrite_without_force(app: typer.Typer, tmp_path: Path) -> None:
    assert run(app, "feed", "init", str(tmp_path), *INIT).exit_code == 0
    result = run(app, "feed", "init", str(tmp_path), *INIT)
    assert isinstance(result.exception, TTSError)
    assert "--force" in str(result.exception)
    assert run(app, "feed", "init", str(tmp_path), *INIT, "--force", "--clean").exit_code == 0


def test_missing_flag_without_terminal_is_an_error(app: typer.Typer, tmp_path: Path) -> None:
    result = run(app, "feed", "init", str(tmp_path), "--title", "T")
    assert isinstance(result.exception, TTSError)
    assert "missing --author" in str(result.exception)
    assert not (tmp_path / "podcast.toml").exists()


def test_bad_category_leaves_nothing_behind(app: typer.Typer, tmp_path: Path) -> None:
    folder = tmp_path / "pod"
    result = run(app, "feed", "init", str(folder), *INIT, "--category", "Новости")
    assert isinstance(result.exception, TTSError)
    assert not folder.exists()


def test_build_without_init_says_what_to_run(app: typer.Typer, tmp_path: Path) -> None:
    result = run(app, "feed", "build", str(tmp_path))
    assert isinstance(result.exception, TTSError)
    assert "tts feed init" in str(result.exception)
