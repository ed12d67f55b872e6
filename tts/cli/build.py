"""`tts build`: one article to an episode folder (audio, transcripts, page, metadata)."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import typer

from tts.cli.options import (
    ENGINE,
    MODEL,
    QUIET,
    QUOTE_VOICE,
    RATE,
    SPEAKER,
    TRUST_MODEL,
    VERBOSE,
    VOICE,
    count,
)
from tts.episode import FORMATS, Files, clock


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


class EncodeLine:
    """The encoders' progress on one line of stderr: they run side by side, so the line shows
    each format's share done, the whole, and an ETA from the slowest. Silent when stderr is not
    a terminal."""

    def __init__(self, enabled: bool, kinds: Sequence[str]) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        # the M4B is the M4A's stream: one encoder, one entry
        self.names = {k: "m4a/m4b" if k in ("m4a", "m4b") and {"m4a", "m4b"} <= set(kinds)
                      else k for k in kinds}  # fmt: skip
        self.done = dict.fromkeys(self.names.values(), 0.0)
        self.started: float | None = None
        self.shown = 0.0
        self.width = 0  # of the longest line so far: a shorter one must cover it
        self.lock = threading.Lock()

    def __call__(self, kind: str, fraction: float) -> None:
        if not self.enabled or kind not in self.names:
            return
        with self.lock:
            now = time.monotonic()
            self.started = self.started if self.started is not None else now
            self.done[self.names[kind]] = min(max(fraction, 0.0), 1.0)
            finished = all(v >= 1.0 for v in self.done.values())
            if now - self.shown < 0.25 and not finished:
                return
            self.shown = now
            line = self.line(now - self.started)
            self.width = max(self.width, len(line))
            sys.stderr.write("\r" + line.ljust(self.width) + ("\n" if finished else ""))
            sys.stderr.flush()
            if finished:
                self.enabled = False

    def line(self, elapsed: float) -> str:
        whole = sum(self.done.values()) / len(self.done)
        width = 28
        filled = int(width * whole)
        bar = "#" * filled + "-" * (width - filled)
        each = ""
        if len(self.done) > 1:  # floored, as the whole: 100 % means done
            each = "  " + " · ".join(f"{k} {int(100 * v)}%" for k, v in self.done.items())
        left = [elapsed * (1 - v) / v for v in self.done.values() if v > 0]
        eta = f"  ETA {clock(max(left))}" if left else ""
        return f"encoding [{bar}] {int(100 * whole):3d}%{each}{eta}"


_STAGES = {"loudness": "measuring loudness"}


def _stage_printer(enabled: bool) -> Callable[[str], None] | None:
    """Name the slow stages after synthesis on a terminal, so long books never look stuck
    (the encoders show their own progress: EncodeLine)."""
    if not (enabled and sys.stderr.isatty()):
        return None

    def show(stage: str) -> None:
        if stage in _STAGES:
            sys.stderr.write(f"{_STAGES[stage]}…\n")
            sys.stderr.flush()

    return show


# The formats an encoder writes (the EPUB carries the MP3), in the progress line's order.
AUDIO = ("mp3", "m4a", "m4b", "opus")
# The summary's order: audio, the talking book, transcripts, page.
_ORDER = (*AUDIO, "epub", "vtt", "srt", "json", "chapters", "html")


def files_line(files: Files, slug: str, image: str | None = None) -> str:
    """Every file of the episode folder, on one line: the <slug>.* ones in braces, as a shell
    would expand them; ``image``, the episode's own cover, before episode.json."""
    names = [name for kind in _ORDER if (name := files.get(kind))]
    names += [*([image] if image else []), "episode.json"]
    stem = f"{slug}."
    own = [n[len(stem) :] for n in names if n.startswith(stem)]
    rest = [n for n in names if not n.startswith(stem)]
    grouped = [f"{stem}{{{','.join(own)}}}" if len(own) > 1 else stem + own[0]] if own else []
    return " ".join(grouped + rest)


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
    engine: str = ENGINE,
    voice: str | None = VOICE,
    speaker: str | None = SPEAKER,
    rate: float | None = RATE,
    quote_voice: str | None = QUOTE_VOICE,
    model: Path | None = MODEL,
    trust_model: bool = TRUST_MODEL,
    bitrate: str = typer.Option(
        "64k",
        "--bitrate",
        metavar="KBPS",
        help="MP3 bitrate in kbit/s, one LAME writes at the voice's sample rate: 8–160 at "
        "22,050 Hz (eSpeak NG), 32–320 at 48,000 Hz (Silero).",
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
    formats = parse_formats(fmt)
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
        formats=formats,
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
            encoding=EncodeLine(not quiet, [k for k in AUDIO if k in formats]),
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
    typer.echo(f"  {files_line(e.files, e.slug, e.image)}")
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
