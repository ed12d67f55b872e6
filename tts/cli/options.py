"""Options, groups and wording shared by several commands."""

import os
from collections.abc import Callable

import typer

VERBOSE = typer.Option(False, "--verbose", "-v", help="Show details and full tracebacks.")
QUIET = typer.Option(False, "--quiet", "-q", help="Print only the result.")
MODEL = typer.Option(
    None,
    "--model",
    metavar="FILE",
    help="A local Silero model file (.pt) to use instead of the cache: a known model's file, "
    "or any file with --trust-model.",
)
TRUST_MODEL = typer.Option(
    False,
    "--trust-model",
    help="Load the --model file even when it is no known Silero model. Loading a model runs "
    "the code inside it: only for files you trust.",
)


# The voice, as every command that speaks takes it (build, batch, follow, say).
ENGINE = typer.Option(
    "auto",
    "--engine",
    "-e",
    metavar="ENGINE",
    help="auto (Silero if its model is cached), silero or espeak.",
)
VOICE = typer.Option(None, "--voice", metavar="PRESET", help="Voice preset (see: tts voices).")
SPEAKER = typer.Option(None, "--speaker", metavar="NAME", help="Override the preset's speaker.")
RATE = typer.Option(None, "--rate", metavar="X", help="Speed, 0.5 to 2.0 (1.0 = natural).")
QUOTE_VOICE = typer.Option(
    None,
    "--quote-voice",
    metavar="PRESET",
    help="Preset that reads quotations (same engine), or none (default: the preset's).",
)

# The options of the commands that build many articles (tts batch, tts follow).
WORKERS = typer.Option(
    os.cpu_count() or 1, "--workers", "-j", min=1, help="Articles built side by side."
)
CLUSTER = typer.Option(
    None,
    "--cluster",
    help="Synthesize on a Ray cluster first: its address, or 'local' "
    "(needs the cluster extra: pip install 'tts[cluster]').",
)


def count(n: int, noun: str) -> str:
    """«1 chapter», «2 chapters», «1,234 files»."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def group(help_text: str, default: Callable[[], None]) -> typer.Typer:
    """A command group that runs ``default`` when called alone (`tts models`, `tts cache`)."""
    app = typer.Typer(
        help=help_text, invoke_without_command=True, add_completion=False, rich_markup_mode=None
    )

    @app.callback(invoke_without_command=True)
    def _default(ctx: typer.Context) -> None:
        if ctx.invoked_subcommand is None:
            default()

    return app
