"""`tts build` and `tts voices`."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import typer

from tts.cli.options import MODEL, QUIET, TRUST_MODEL, VERBOSE, count
from tts.episode import FORMATS, clock


class ProgressLine:
    """A one-line progress report with ETA on stderr; silent when stderr is not a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        elapsed = max(time.monotonic() - self.started, 1e-6)
        speed = done / elapsed
        eta = (total - done) / speed if speed > 0 else 0.0
        width = 28
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(
            f"\rsynthesizing [{bar}] {100 * done // total:3d}%  "
            f"{speed:,.0f} chars/s  ETA {clock(eta)} "
        )
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


_STAGES = {
    "loudness": "measuring loudness",
    "encode": "encoding MP3",
    "formats": "encoding other formats",
}


def _stage_printer(enabled: bool) -> Callable[[str], None] | None:
    """Name the slow stages after synthesis on a terminal, so long books never look stuck."""
    if not (enabled and sys.stderr.isatty()):
        return None

    def show(stage: str) -> None:
        if stage in _STAGES:
            sys.stderr.write(f"{_STAGES[stage]}…\n")
            sys.stderr.flush()

    return show


def parse_formats(value: str) -> tuple[str, ...]:
    names = [v.strip().lower() for v in value.split(",") if v.strip()]
    if "all" in names:
        return FORMATS
    unknown = sorted(set(names) - set(FORMATS))
    if unknown:
        raise typer.BadParameter(
            f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}, all"
        )
    return tuple(dict.fromkeys(["mp3", *names]))


def build(
    inputs: list[str] = typer.Argument(
        ...,
        metavar="INPUT...",
        help="Article files (.txt, .md, .html), http(s) URLs, or - for stdin. "
        "Several inputs make one episode with a chapter per article.",
    ),
    outdir: Path = typer.Option(
        Path("output"), "-o", "--outdir", metavar="DIR", help="Where <slug>/ is written."
    ),
    engine: str = typer.Option(
        "auto",
        "--engine",
        "-e",
        metavar="ENGINE",
        help="auto (Silero if its model is cached), silero or espeak.",
    ),
    voice: str | None = typer.Option(
        None, "--voice", metavar="PRESET", help="Voice preset (see: tts voices)."
    ),
    speaker: str | None = typer.Option(
        None, "--speaker", metavar="NAME", help="Override the preset's speaker."
    ),
    rate: float | None = typer.Option(
        None, "--rate", metavar="X", help="Speed, 0.5 to 2.0 (1.0 = natural)."
    ),
    quote_voice: str | None = typer.Option(
        None,
        "--quote-voice",
        metavar="PRESET",
        help="Preset that reads quotations (same engine), or none (default: the preset's).",
    ),
    model: Path | None = MODEL,
    trust_model: bool = TRUST_MODEL,
    bitrate: str = typer.Option(
        "64k", "--bitrate", metavar="RATE", help="MP3 bitrate, e.g. 48k, 64k, 96k."
    ),
    title: str | None = typer.Option(
        None, "--title", metavar="TEXT", help="Episode title (default: the article's)."
    ),
    date: str | None = typer.Option(
        None,
        "--date",
        metavar="WHEN",
        help="Publication date, YYYY-MM-DD or YYYY-MM-DDTHH:MM (this computer's time zone): "
        "the feed's pubDate, kept by later rebuilds. Default: the article's own date, else "
        "the time of the first build.",
    ),
    lexicon: list[Path] = typer.Option(
        [],
        "--lexicon",
        metavar="FILE",
        help="Extra pronunciation lexicon (TSV: written<TAB>spoken); repeatable.",
    ),
    workers: int = typer.Option(
        os.cpu_count() or 1, "--workers", "-j", metavar="N", min=1, help="Synthesis processes."
    ),
    fmt: str = typer.Option(
        "mp3",
        "--format",
        metavar="LIST",
        help="Comma-separated: mp3, m4a, m4b, opus, epub, or all. MP3 is always made.",
    ),
    image: Path | None = typer.Option(
        None,
        "--image",
        metavar="FILE",
        help="Episode cover: a square RGB JPEG or PNG, 1400-3000 px "
        "(default: the podcast's cover from tts feed init).",
    ),
    feed: bool = typer.Option(
        False, "--feed", help="Then rebuild OUTDIR/feed.xml (needs tts feed init OUTDIR first)."
    ),
    quiet: bool = QUIET,
    verbose: bool = VERBOSE,
) -> None:
    """Build one episode: MP3 with chapters, transcripts, episode.json and a read-along page.

    \b
    Example, on the sample article that ships with tts:
      tts sample > article.md
      tts build article.md -o output
    """
    from tts.build import BuildOptions, build_episode
    from tts.build.plan import date_option
    from tts.cli import setup_logging, signals
    from tts.cli.models import trust_notice
    from tts.errors import Interrupted

    setup_logging(verbose, quiet)
    trust_notice(model, trust_model)
    if feed:
        from tts.podcast.config import load_config

        load_config(outdir)  # no podcast.toml (or a broken one): fail before building
    options = BuildOptions(
        inputs=tuple(inputs),
        outdir=outdir,
        engine=engine,
        voice=voice,
        speaker=speaker,
        rate=rate,
        model_path=model,
        trust_model=trust_model,
        bitrate=bitrate,
        title=title,
        workers=workers,
        lexicons=tuple(lexicon),
        formats=parse_formats(fmt),
        image=image,
        date=date_option(date) if date is not None else None,
        quote_voice=quote_voice,
    )
    started = time.monotonic()
    from tts.cli.models import progress_printer

    try:
        result = build_episode(
            options,
            progress=ProgressLine(not quiet),
            notify=lambda text: typer.echo(text, err=True),
            download_progress=None if quiet else progress_printer("model"),
            on_stage=_stage_printer(not quiet),
        )
    except Interrupted as exc:
        what = "the sentences synthesized so far are cached; run the same command to continue"
        typer.echo(signals.notice(exc, what), err=True)
        raise typer.Exit(signals.exit_code(exc)) from None
    feed_path = None
    if feed:
        from tts.podcast.publish import build_feed

        feed_path = build_feed(outdir)
    if quiet:
        typer.echo(result.folder)
        return
    e = result.episode
    typer.echo(
        f"{result.folder}/  {clock(e.duration)} of audio, "
        f"{count(len(e.chapters), 'chapter')}, "
        f"{e.engine} voice {e.speaker} ({e.voice})"
    )
    typer.echo(
        f"{result.from_cache} of {count(result.sentences, 'sentence')} from cache; "
        f"built in {time.monotonic() - started:.1f} s"
        + ("" if not result.unchanged else " (unchanged: nothing to redo)")
    )
    if feed_path:
        typer.echo(f"feed: {feed_path}")
    typer.echo(f"read along: {result.folder / 'index.html'}  (or: tts serve {outdir})")


def register(app: typer.Typer) -> None:
    app.command()(build)
