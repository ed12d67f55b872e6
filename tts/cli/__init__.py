"""The `tts` command. Each command group lives in its own module and registers itself here.

Command modules import heavy parts (torch, trafilatura, ffmpeg helpers) inside their command
functions, so `tts --help` stays fast.
"""

from __future__ import annotations

import logging
import sys

import typer

from tts import __version__
from tts.errors import Interrupted, TTSError

app = typer.Typer(
    name="tts",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tts {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Turn a Russian article into a chaptered audio episode with transcripts.

    \b
    Start with:  tts build ARTICLE.txt   (MP3, transcripts, a read-along page)
    or try it:   tts sample > article.md && tts build article.md
    Every command has --help.
    """


def _register() -> None:
    from tts.cli import (
        batch,
        bench,
        build,
        cache,
        feed,
        follow,
        models,
        normalize,
        sample,
        sentences,
        serve,
        voices,
    )

    modules = (build, sample, batch, follow, sentences, normalize, models, voices, feed, serve)
    for module in (*modules, bench, cache):
        module.register(app)


def setup_logging(verbose: bool, quiet: bool = False) -> None:
    """Only the CLI configures logging; the library just logs."""
    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_LowerLevelFormatter("%(levelname)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)


class _LowerLevelFormatter(logging.Formatter):
    """`warning: …` to match `error: …`."""

    def format(self, record: logging.LogRecord) -> str:
        record.levelname = record.levelname.lower()
        return super().format(record)


def main() -> None:
    from tts.cli import signals

    signals.install()  # SIGTERM and SIGHUP clean up as Ctrl-C does
    _register()
    verbose = "-v" in sys.argv[1:] or "--verbose" in sys.argv[1:]
    try:
        app()  # standalone mode: usage errors, --help and exit codes are handled by typer
    except TTSError as exc:
        if verbose:
            raise
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except Interrupted as exc:
        typer.echo(signals.notice(exc), err=True)
        sys.exit(signals.exit_code(exc))
