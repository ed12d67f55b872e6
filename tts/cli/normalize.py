"""`tts normalize`: the spoken form of an article (sentence by sentence) or of each input line."""

from __future__ import annotations

import logging
from pathlib import Path

import typer

log = logging.getLogger(__name__)

_NO_SPLIT = 1_000_000  # sentences are shown whole here; the engine's limit applies at build


def _lexicon(extra: Path | None) -> object:
    from tts.store.paths import voices_dir
    from tts.text.normalize.lexicon import load_lexicon

    default = voices_dir() / "lexicon.tsv"
    paths = [p for p in (default,) if p.is_file()]
    if extra is not None:
        paths.append(extra)
    return load_lexicon(paths)


def _sentences(source: str) -> list[str]:
    from tts.text.inputs import read_input
    from tts.text.parse import parse_bytes
    from tts.text.segment import segment_article

    data, name = read_input(source)
    article = parse_bytes(data, name)
    return [s.text for s in segment_article(article, _NO_SPLIT)]


def _lines(source: str) -> list[str]:
    from tts.text.inputs import read_input  # standard input too: a bounded read

    data, _ = read_input(source)
    return data.decode("utf-8", errors="replace").split("\n")


def run(source: str, each_line: bool, explain: bool, lexicon_file: Path | None) -> None:
    from tts.text.normalize import Lexicon, normalize
    from tts.text.normalize.explain import format_changes

    lexicon = _lexicon(lexicon_file)
    assert isinstance(lexicon, Lexicon)  # internal: _lexicon always builds one
    texts = _lines(source) if each_line else _sentences(source)
    if each_line and texts and texts[-1] == "":
        texts = texts[:-1]  # the newline that ends the last line is not a line of its own
    # Numbered as `tts sentences --numbered` and the build's warnings do; lines from 1.
    for n, text in enumerate(texts, 1 if each_line else 0):
        result = normalize(text, lexicon) if text.strip() else None
        typer.echo(result.spoken if result else "")
        for warning in result.warnings if result else ():
            log.warning("%s %d: %s", "line" if each_line else "sentence", n, warning)
        if explain and result:
            for line in format_changes(result.changes):
                typer.echo(line)


def register(app: typer.Typer) -> None:
    @app.command("normalize")
    def normalize_command(
        source: str = typer.Argument(
            "-", metavar="SOURCE", help="Article file, URL, or - for stdin."
        ),
        each_line: bool = typer.Option(
            False, "--each-line", help="Normalize each input line: one output line per line."
        ),
        explain: bool = typer.Option(
            False, "--explain", help="After each line, show every change and the rule behind it."
        ),
        lexicon: Path | None = typer.Option(
            None, "--lexicon", help="Your own lexicon (written<TAB>spoken), read after voices/."
        ),
    ) -> None:
        """Print the spoken form that the engine will read."""
        from tts.cli import setup_logging

        setup_logging(verbose=False)
        run(source, each_line, explain, lexicon)
