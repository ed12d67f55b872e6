"""`tts feed init|build|check`: publish a folder of episodes as a podcast."""

from __future__ import annotations

import shutil
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from urllib.parse import urlsplit

import typer

from tts.errors import TTSError

if TYPE_CHECKING:
    from tts.podcast.config import PodcastConfig

feed_app = typer.Typer(
    help="Publish a folder of episodes as a podcast feed (feed.xml).",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def register(app: typer.Typer) -> None:
    app.add_typer(feed_app, name="feed")


def _ask(value: str | None, flag: str, label: str) -> str:
    """A missing required value is asked for only when someone is at a terminal."""
    if value is not None:
        return value
    if sys.stdin.isatty():
        return str(typer.prompt(label))
    raise TTSError(f"missing {flag} (give it as a flag; prompts need a terminal)")


@feed_app.command("init")
def init(
    folder: Annotated[
        Path, typer.Argument(metavar="FOLDER", help="Episodes folder (where tts build writes).")
    ],
    title: Annotated[str | None, typer.Option(help="Podcast title.")] = None,
    author: Annotated[str | None, typer.Option(help="Author, also the owner's name.")] = None,
    email: Annotated[str | None, typer.Option(help="Owner e-mail (Apple; podcast:locked).")] = None,
    base_url: Annotated[
        str | None, typer.Option(help="URL where FOLDER will be served, e.g. https://x.ru/pod/")
    ] = None,
    description: Annotated[str | None, typer.Option(help="Podcast description.")] = None,
    category: Annotated[str, typer.Option(help="Apple category, optionally 'Main/Sub'.")] = "News",
    image: Annotated[
        str | None,
        typer.Option(
            help="Cover: a square RGB JPEG or PNG, 1400-3000 px (copied in), or an https URL. "
            "Default: cover.jpg, the title on a 3000 px square."
        ),
    ] = None,
    explicit: Annotated[bool, typer.Option("--explicit/--clean", help="Content rating.")] = False,
    enclosure: Annotated[str, typer.Option(help="Audio to publish: mp3 or m4a.")] = "mp3",
    force: Annotated[bool, typer.Option(help="Overwrite an existing podcast.toml.")] = False,
) -> None:
    """Write FOLDER/podcast.toml (the podcast's settings) for `tts feed build`.

    Two more settings are made by editing podcast.toml; they apply to the episodes built
    afterwards (tts build -o FOLDER), each as a chapter of its own:

    \b
      intro = true            read «Аудиоверсия статьи «<title>»» before the article
                              (default: false)
      jingle = "jingle.mp3"   play this file first (default: none); mp3, wav, m4a, ogg,
                              opus or flac, its path relative to FOLDER

    \b
    Upload FOLDER without .tts/ (the tool's own state) and podcast.toml:
      rsync -a --exclude=/.tts/ --exclude=/podcast.toml FOLDER/ user@host:/path/
    """
    from tts.podcast.config import PodcastConfig, config_path, parse_category, save_config
    from tts.podcast.config import validate_config as validate

    if config_path(folder).exists() and not force:
        raise TTSError(f"{config_path(folder)} exists; pass --force to overwrite it")
    title = _ask(title, "--title", "Podcast title")
    author = _ask(author, "--author", "Author")
    main, sub = parse_category(category)
    config = PodcastConfig(
        title=title,
        author=author,
        email=_ask(email, "--email", "Owner e-mail"),
        base_url=_ask(base_url, "--base-url", "Base URL where the folder is served"),
        description=_description(description, title),
        copyright=f"© {datetime.now().year} {author}",
        category=main,
        subcategory=sub,
        explicit=explicit,
        enclosure=enclosure,
    )
    config = validate(config)  # before touching the folder: a typo leaves nothing behind
    config = validate(_with_image(config, folder, image), folder)
    typer.echo(f"wrote {save_config(folder, config)}")


def _description(value: str | None, title: str) -> str:
    if value is not None:
        return value
    if sys.stdin.isatty():
        return str(typer.prompt("Description", default=title))
    return title


def _with_image(config: PodcastConfig, folder: Path, image: str | None) -> PodcastConfig:
    """Make the folder and point the config at a cover inside it (copied, kept or made) or at
    a cover URL. A file must keep Apple's rules (tts.podcast.artwork); a URL cannot be checked
    from here. A bad --image leaves nothing behind."""
    from dataclasses import replace

    from tts.podcast.artwork import ArtworkError, read_cover
    from tts.podcast.config import IMAGE_SUFFIXES
    from tts.podcast.cover import render_cover
    from tts.store.outdir import write_atomic

    if image is not None and urlsplit(image).scheme in ("http", "https"):
        folder.mkdir(parents=True, exist_ok=True)
        return replace(config, image=image)
    if image is not None:
        cover = read_cover(Path(image), image)
        folder.mkdir(parents=True, exist_ok=True)
        name = "cover" + cover.suffix
        if cover.path.resolve() != (folder / name).resolve():
            shutil.copyfile(cover.path, folder / name)
        return replace(config, image=name)
    folder.mkdir(parents=True, exist_ok=True)
    existing = [p for p in sorted(folder.glob("cover.*")) if p.suffix in IMAGE_SUFFIXES]
    if not existing:
        write_atomic(folder / "cover.jpg", render_cover(config.title))
        return replace(config, image="cover.jpg")
    try:
        read_cover(existing[0], str(existing[0]))
    except ArtworkError as exc:
        raise TTSError(f"{exc} (replace or remove it, or pass --image)") from exc
    return replace(config, image=existing[0].name)


@feed_app.command("build")
def build(
    folder: Annotated[
        Path, typer.Argument(metavar="FOLDER", help="Episodes folder holding podcast.toml.")
    ],
) -> None:
    """Write FOLDER/feed.xml from every FOLDER/*/episode.json, newest first."""
    from tts.podcast.publish import build_feed

    typer.echo(f"wrote {build_feed(folder)}")


@feed_app.command("check")
def check(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A feed.xml, or the folder that holds it.")
    ],
    schema: Annotated[
        Path | None,
        typer.Option(help="Folder holding podcast-wrapper.xsd (default: the bundled copy)."),
    ] = None,
) -> None:
    """Check a feed for Apple's required tags and Podcasting 2.0's schema; exit 1 on problems."""
    from tts.podcast.check import DEFAULT_SCHEMA_DIR, check_feed_file

    if file.is_dir():
        file = file / "feed.xml"
    problems = check_feed_file(file, schema or DEFAULT_SCHEMA_DIR)
    for problem in problems:
        typer.echo(problem)
    if problems:
        typer.echo(f"{file}: {len(problems)} problem(s)", err=True)
        raise typer.Exit(1)
    typer.echo(f"{file}: ok")
