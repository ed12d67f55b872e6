"""`tts follow`: keep a site's feeds voiced; one round, or a round every N minutes."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from time import sleep
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

if TYPE_CHECKING:
    from tts.follow import FeedProblem, Round, RoundItem


def item_line(item: RoundItem) -> str:
    """built: <title> — <link>; failed adds why."""
    link = item.entry.link
    line = f"{item.status}: {item.entry.title or '(untitled)'} — {link}"
    if item.status != "failed":
        return line
    return f"{line}: {(item.error or '').removeprefix(f'{link}: ')}"  # the link once is enough


def summary_line(done: Round) -> str:
    counts = [sum(i.status == s for i in done.items) for s in ("built", "unchanged", "failed")]
    line = "{} built, {} unchanged, {} failed".format(*counts)
    if done.feeds:
        line += f", {count(len(done.feeds), 'feed')} unreadable"
    return f"{line}; feed: {done.feed_xml}"


def _pattern(value: str | None, name: str) -> re.Pattern[str] | None:
    if value is None:
        return None
    try:
        return re.compile(value)
    except re.error as exc:
        raise typer.BadParameter(f"not a regular expression: {exc}", param_hint=name) from None


def _since(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter("expected YYYY-MM-DD", param_hint="--since") from None


def follow(
    feeds: list[str] = typer.Argument(..., metavar="FEED_URL...", help="RSS 2.0 or Atom feeds."),
    outdir: Path = typer.Option(
        Path("output"), "-o", "--outdir", help="The podcast folder (needs tts feed init)."
    ),
    since: str | None = typer.Option(
        None, "--since", metavar="DATE", help="Skip entries dated before DATE (YYYY-MM-DD)."
    ),
    max_entries: int | None = typer.Option(
        None, "--max", min=1, metavar="N", help="Take the N newest entries of each feed."
    ),
    every: float | None = typer.Option(
        None,
        "--every",
        min=1,
        metavar="MINUTES",
        help="Keep running: a round every MINUTES (without it: one round, then exit).",
    ),
    include: str | None = typer.Option(
        None, "--include", metavar="REGEX", help="Only entries whose title or link matches."
    ),
    exclude: str | None = typer.Option(
        None, "--exclude", metavar="REGEX", help="Skip entries whose title or link matches."
    ),
    workers: int = WORKERS,
    engine: str = ENGINE,
    voice: str | None = VOICE,
    model: Path | None = MODEL,
    trust_model: bool = TRUST_MODEL,
    cluster: str | None = CLUSTER,
    quiet: bool = QUIET,
    verbose: bool = VERBOSE,
) -> None:
    """Voice every new article of a site's feeds into the podcast in OUTDIR.

    A round reads each feed, builds each entry not built yet or whose page changed (with the
    entry's own title, author, date and link), retries failed ones, and rebuilds
    OUTDIR/feed.xml. Exit code 1 when any entry or feed failed.
    Example (cron, every 15 minutes): tts follow https://example.ru/rss -o /srv/podcast
    """
    from tts.batch import check_feed, pinned_options
    from tts.cli import setup_logging, signals
    from tts.cli.models import trust_notice
    from tts.errors import Interrupted, TTSError
    from tts.follow import run_round
    from tts.follow.feeds import Selection

    setup_logging(verbose, quiet)
    trust_notice(model, trust_model)
    choice = Selection(
        since=_since(since),
        include=_pattern(include, "--include"),
        exclude=_pattern(exclude, "--exclude"),
        max=max_entries,
    )
    check_feed(outdir, "tts follow")  # before the first round, never in the middle of a loop

    def on_item(item: RoundItem) -> None:
        if not quiet or item.status == "failed":
            typer.echo(item_line(item))

    def on_feed(problem: FeedProblem) -> None:
        typer.echo(f"feed failed: {problem.error}")

    try:
        base = pinned_options(
            outdir, engine=engine, voice=voice, model_path=model, trust_model=trust_model,
            workers=workers,
        )  # fmt: skip
        while True:
            try:
                done = run_round(
                    feeds, base, choice=choice, cluster=cluster, on_item=on_item, on_feed=on_feed
                )
            except TTSError as exc:
                if every is None:
                    raise
                typer.echo(f"error: {exc}", err=True)  # the next round may well succeed
            else:
                typer.echo(summary_line(done))
                if every is None:
                    raise typer.Exit(0 if done.ok else 1)
            sleep(every * 60)
    except Interrupted as exc:
        typer.echo(signals.notice(exc, "finished episodes are published"), err=True)
        raise typer.Exit(signals.exit_code(exc)) from None


def register(app: typer.Typer) -> None:
    app.command()(follow)
