"""`tts sample`: the article that ships with tts, to try it on with nothing else at hand."""

from __future__ import annotations

import sys

import typer


def sample() -> None:
    """Print the sample article that ships with tts, to try the tool on.

    A news story in Russian (Markdown) with numbers, dates, acronyms, a quotation and two
    sections: what `make demo` builds.

    \b
    Example:
      tts sample > article.md
      tts build article.md -o output
    """
    from tts.text import SAMPLE_ARTICLE

    # bytes, not text: the article is UTF-8 whatever the terminal's locale says
    sys.stdout.buffer.write(SAMPLE_ARTICLE.read_bytes())
    sys.stdout.buffer.flush()


def register(app: typer.Typer) -> None:
    app.command()(sample)
