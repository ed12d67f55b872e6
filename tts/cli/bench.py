"""`tts bench`: build one article and show where the time goes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer

from tts.cli.options import MODEL, QUIET, TRUST_MODEL, VERBOSE


def bench(
    source: str | None = typer.Argument(
        None,
        metavar="[INPUT]",
        help="Article to build (default: the sample article, see tts sample).",
    ),
    engine: str = typer.Option("auto", "--engine", "-e", help="auto, silero or espeak."),
    voice: str | None = typer.Option(None, "--voice", help="Voice preset (see: tts voices)."),
    model: Path | None = MODEL,
    trust_model: bool = TRUST_MODEL,
    workers: int = typer.Option(
        os.cpu_count() or 1, "--workers", "-j", min=1, help="Synthesis processes."
    ),
    warm: bool = typer.Option(
        False, "--warm", help="Use the clip cache (default: a fresh one, so synthesis is timed)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
    quiet: bool = QUIET,
    verbose: bool = VERBOSE,
) -> None:
    """Time every stage of one build: parse, segment, normalize, synthesize, stitch, loudness,
    encode, export; RTF, characters per second, peak memory, cache hits.

    Example: tts bench --engine espeak --json   (times a build of the sample article)
    """
    import contextlib

    from tts.bench import bench_build, format_report, fresh_clip_cache
    from tts.cli import setup_logging
    from tts.cli.models import trust_notice
    from tts.text import SAMPLE_ARTICLE

    setup_logging(verbose, quiet)
    trust_notice(model, trust_model)
    if source is None:
        source = str(SAMPLE_ARTICLE)
    with contextlib.nullcontext() if warm else fresh_clip_cache():
        report = bench_build(
            source,
            engine=engine,
            voice=voice,
            model_path=model,
            trust_model=trust_model,
            workers=workers,
        )
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
    else:
        typer.echo(format_report(report))


def register(app: typer.Typer) -> None:
    app.command()(bench)
