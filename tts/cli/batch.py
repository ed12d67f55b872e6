"""`tts batch`: many articles, one episode each, and a summary table."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from tts.cli.options import (
    CLUSTER,
    ENGINE,
    MODEL,
    QUIET,
    TRUST_MODEL,
    VERBOSE,
    VOICE,
    WORKERS,
    count,
)
from tts.episode import clock

if TYPE_CHECKING:
    from tts.batch import BatchItem


def _status(item: BatchItem) -> str:
    if item.status == "failed":
        return f"failed: {item.error}"
    if item.status == "duplicate":
        return f"duplicate of {item.same_as}"
    return item.status


def summary_table(items: Sequence[BatchItem]) -> str:
    """Article, status (built / unchanged / failed: reason), audio duration, build time."""
    rows = [
        (
            Path(i.source).name or i.source,
            _status(i),
            clock(i.duration) if i.duration is not None else "-",
            f"{i.seconds:.1f} s",
        )
        for i in items
    ]
    header = ("article", "status", "duration", "time")
    widths = [max(len(r[c]) for r in [header, *rows]) for c in range(3)]
    lines = [
        f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:>{widths[2]}}  {r[3]:>8}"
        for r in [header, *rows]
    ]
    counts = {s: sum(i.status == s for i in items) for s in ("built", "unchanged", "failed")}
    repeated = sum(i.status == "duplicate" for i in items)
    line = ", ".join(f"{n} {s}" for s, n in counts.items())
    lines.append(line + (f", {count(repeated, 'duplicate')}" if repeated else ""))
    return "\n".join(line.rstrip() for line in lines)


def batch(
    inputs: list[str] = typer.Argument(
        ..., metavar="INPUT...", help="Article files or http(s) URLs; each becomes its own episode."
    ),
    outdir: Path = typer.Option(Path("output"), "-o", "--outdir", help="Where <slug>/ folders go."),
    workers: int = WORKERS,
    feed: bool = typer.Option(
        False, "--feed", help="Rebuild OUTDIR/feed.xml once at the end (needs tts feed init)."
    ),
    engine: str = ENGINE,
    voice: str | None = VOICE,
    model: Path | None = MODEL,
    trust_model: bool = TRUST_MODEL,
    cluster: str | None = CLUSTER,
    quiet: bool = QUIET,
    verbose: bool = VERBOSE,
) -> None:
    """Build many articles, one episode each; unchanged ones are skipped, failures reported.

    Exit code 1 when any article failed. Example: tts batch news/*.txt -o site --feed
    """
    from tts.batch import run_batch
    from tts.cli import setup_logging, signals
    from tts.cli.models import trust_notice
    from tts.errors import Interrupted

    setup_logging(verbose, quiet)
    trust_notice(model, trust_model)

    def report(item: BatchItem) -> None:
        if not quiet:
            typer.echo(f"[{item.status}] {item.source}", err=True)

    try:
        items = run_batch(
            inputs,
            outdir,
            workers=workers,
            feed=feed,
            engine=engine,
            voice=voice,
            model_path=model,
            trust_model=trust_model,
            cluster=cluster,
            on_item=report,
        )
    except Interrupted as exc:
        what = "finished episodes are published; run the same command to build the rest"
        typer.echo(signals.notice(exc, what), err=True)
        raise typer.Exit(signals.exit_code(exc)) from None
    typer.echo(summary_table(items))
    if feed:
        typer.echo(f"feed: {outdir / 'feed.xml'}")
    if any(i.status == "failed" for i in items):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(batch)
