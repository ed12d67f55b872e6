"""`tts cache`: what the cache holds; `tts cache prune`: remove what has not been used lately."""

from __future__ import annotations

import math
import time

import typer

from tts.cli.options import count, group
from tts.errors import TTSError


def show_cache() -> None:
    from tts.store.paths import cache_root, models_dir
    from tts.store.prune import human_size, kinds, scan, usage

    typer.echo(f"Cache: {cache_root()} (TTS_CACHE_DIR overrides)")
    total = 0
    for name, folder in kinds().items():
        found = usage(scan(folder))
        total += found.size
        typer.echo(f"  {name:<13} {count(found.files, 'file'):>15} {human_size(found.size):>10}")
    models = usage(scan(models_dir()))
    typer.echo(
        f"  {'models':<13} {count(models.files, 'file'):>15} {human_size(models.size):>10}"
        "  (never pruned: see tts models)"
    )
    typer.echo(f"Prunable: {human_size(total)}. Remove what is unused: tts cache prune")


def prune_cache(days: float, max_size: str | None, dry_run: bool) -> None:
    from tts.store.prune import (
        DAY,
        choose,
        human_size,
        inspect,
        kinds,
        parse_size,
        remove,
        scan,
        usage,
    )

    if not (math.isfinite(days) and days >= 0):  # nan passed every comparison: all went
        raise TTSError(f"--older-than takes a number of days, 0 or more, not {days:g}")
    try:
        limit = parse_size(max_size) if max_size is not None else None
    except ValueError as exc:
        raise TTSError(f"--max-size: {exc}") from exc
    now = time.time()
    entries = inspect([e for folder in kinds().values() for e in scan(folder)], now=now)
    chosen = choose(entries, now=now, older_than=days * DAY, max_size=limit)
    before = usage(entries)
    damaged = sum(e.damage is not None for e in chosen)
    note = f", {damaged:,} of them damaged" if damaged else ""
    if dry_run:
        gone = usage(chosen)
        typer.echo(
            f"Would remove {gone.files:,} of {count(before.files, 'file')} "
            f"({human_size(gone.size)} of {human_size(before.size)}){note}."
        )
        return
    removed = remove(chosen)
    gone = removed.usage
    typer.echo(
        f"Removed {count(gone.files, 'file')} ({human_size(gone.size)}){note}; "
        f"the cache now holds {human_size(before.size - gone.size)}."
    )
    if removed.failed:
        path, why = removed.failed[0]
        more = f" (and {len(removed.failed) - 1:,} more)" if len(removed.failed) > 1 else ""
        raise TTSError(
            f"could not remove {len(removed.failed):,} of {count(len(chosen), 'file')}: "
            f"{path}: {why}{more}"
        )


def register(app: typer.Typer) -> None:
    cache = group(
        "Show the cache (clips, spoken forms, MP3 chunks, models); prune it.\n\n"
        "Everything but the models is made again when needed, so pruning costs only time.",
        show_cache,
    )

    @cache.command("prune")
    def _prune(
        days: float = typer.Option(
            30, "--older-than", metavar="DAYS", help="Remove entries unused this long (0 or more)."
        ),
        max_size: str | None = typer.Option(
            None,
            "--max-size",
            metavar="SIZE",
            help="Then remove the least recently used until the cache fits, e.g. 500M, 2G.",
        ),
        dry_run: bool = typer.Option(False, "--dry-run", help="Only say what would go."),
    ) -> None:
        """Remove clips, spoken forms and MP3 chunks not used lately (never models), and every
        damaged entry.

        Entries used in the last 10 minutes stay: a build may be using them.

        Example: tts cache prune --older-than 7 --max-size 2G
        """
        prune_cache(days, max_size, dry_run)

    app.add_typer(cache, name="cache")
