"""`tts feed init|build|check` through typer's CliRunner."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from feed_support import BASE_URL, FIRST_TWO, image_bytes, write_episode
from PIL import Image
from typer.testing import CliRunner, Result

from tts.cli.feed import register
from tts.errors import TTSError
from tts.podcast.artwork import read_cover
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
    assert (config.subcategory, config.image, config.explicit) == ("Tech News", "cover.jpg", False)
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
    cover.write_bytes(image_bytes(1400, kind="JPEG"))
    folder = tmp_path / "pod"
    assert run(app, "feed", "init", str(folder), *INIT, "--image", str(cover)).exit_code == 0
    assert (folder / "cover.jpg").read_bytes() == cover.read_bytes()
    assert load_config(folder).image == "cover.jpg"


def test_init_makes_a_default_cover_with_the_title(app: typer.Typer, tmp_path: Path) -> None:
    """3000 px (the largest Apple takes), JPEG under 512 KB, and it keeps the rules; the
    plain 1400 px square of before had a single colour and no title."""
    folder = tmp_path / "pod"
    assert run(app, "feed", "init", str(folder), *INIT).exit_code == 0
    cover = folder / "cover.jpg"
    assert load_config(folder).image == "cover.jpg"
    assert cover.stat().st_size < 512 * 1024
    assert read_cover(cover).width == 3000
    with Image.open(cover) as image:
        assert (image.format, image.mode, image.size) == ("JPEG", "RGB", (3000, 3000))
        colours = image.convert("L").getcolors(256 * 256)
    assert colours is not None and len(colours) > 20  # type, not a flat square
    write_episode(folder, FIRST_TWO[0])
    assert run(app, "feed", "build", str(folder)).exit_code == 0
    result = run(app, "feed", "check", str(folder))
    assert result.exit_code == 0, result.output


SQUARE = "podcasts need 1400-3000 px square"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("small.png", image_bytes(500), f"{{}} is 500x500 px; {SQUARE}"),
        ("big.jpg", image_bytes(3500, kind="JPEG"), f"{{}} is 3500x3500 px; {SQUARE}"),
        ("wide.jpg", image_bytes(1400, 1000, kind="JPEG"), f"{{}} is 1400x1000 px; {SQUARE}"),
        ("a.png", image_bytes(1400, mode="RGBA"), "{} has transparency (RGBA); podcasts need RGB "
         "without alpha"),
        ("cmyk.jpg", image_bytes(1400, mode="CMYK", kind="JPEG"), "{} is CMYK; podcasts need RGB"),
        ("anim.gif", image_bytes(1400, kind="GIF"), "{} is a GIF image; podcasts need JPEG or PNG"),
        ("png.jpg", image_bytes(1400), "{} holds a PNG image; name it .png"),
        ("fake.jpg", b"\xff\xd8\xff not a jpeg", "{} is not a JPEG or PNG image"),
        ("missing.png", None, "{}: no such file"),
    ],
)  # fmt: skip
def test_init_refuses_a_cover_apple_would_refuse(
    app: typer.Typer, tmp_path: Path, name: str, data: bytes | None, message: str
) -> None:
    """One line naming the file and what is wrong; the folder is not made."""
    image = tmp_path / name
    if data is not None:
        image.write_bytes(data)
    folder = tmp_path / "pod"
    result = run(app, "feed", "init", str(folder), *INIT, "--image", str(image))
    assert isinstance(result.exception, TTSError)
    assert str(result.exception) == message.format(image)
    assert not folder.exists()


def test_init_refuses_a_bad_cover_already_in_the_folder(app: typer.Typer, tmp_path: Path) -> None:
    (tmp_path / "cover.png").write_bytes(image_bytes(500))
    result = run(app, "feed", "init", str(tmp_path), *INIT)
    assert str(result.exception) == (
        f"{tmp_path / 'cover.png'} is 500x500 px; podcasts need 1400-3000 px square "
        "(replace or remove it, or pass --image)"
    )
    (tmp_path / "cover.png").write_bytes(image_bytes(1400))
    assert run(app, "feed", "init", str(tmp_path), *INIT).exit_code == 0
    assert load_config(tmp_path).image == "cover.png"  # a good one is kept


def test_check_names_a_cover_of_the_wrong_size(app: typer.Typer, tmp_path: Path) -> None:
    """A folder from before the cover rules, with a 500x500 cover: one line names the size."""
    folder = tmp_path / "pod"
    assert run(app, "feed", "init", str(folder), *INIT).exit_code == 0
    write_episode(folder, FIRST_TWO[0])
    (folder / "cover.jpg").write_bytes(image_bytes(500, kind="JPEG"))
    assert run(app, "feed", "build", str(folder)).exit_code == 0
    result = run(app, "feed", "check", str(folder))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "cover.jpg is 500x500 px; podcasts need 1400-3000 px square"
    ]


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
