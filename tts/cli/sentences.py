"""`tts sentences FILE`: the sentences as the engine will get them, one per line."""

from __future__ import annotations

import typer

from tts.cli.options import VERBOSE


def sentences(
    source: str = typer.Argument(
        ..., metavar="FILE", help="Article file (.txt, .md, .html), an http(s) URL, or - for stdin."
    ),
    max_chars: int = typer.Option(
        400, "--max-chars", min=1, help="Split longer sentences at clause boundaries."
    ),
    numbered: bool = typer.Option(False, "--numbered", help="Prefix each line with its index."),
    verbose: bool = VERBOSE,
) -> None:
    """Print the article's sentences (title, headings, body), one per line."""
    from tts.cli import setup_logging
    from tts.text.inputs import read_input
    from tts.text.parse import parse_bytes
    from tts.text.segment import segment_article

    setup_logging(verbose)
    data, name = read_input(source)
    for sentence in segment_article(parse_bytes(data, name), max_chars):
        # A title or heading may hold a line break; one sentence stays on one line.
        line = " ".join(sentence.text.split())
        typer.echo(f"{sentence.index}\t{line}" if numbered else line)


def register(app: typer.Typer) -> None:
    app.command()(sentences)
