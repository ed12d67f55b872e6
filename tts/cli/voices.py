"""`tts voices` (the presets, their pacing, samples to compare) and `tts say` (hear one)."""

from __future__ import annotations

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
)

VOICES_HELP = """List the voice presets (voices/*.toml): name, engine, speaker, sample rate.

\b
Pacing, set in a preset's [pauses] table (milliseconds; the defaults):
  title = 900       after the title
  sentence = 350    between sentences
  paragraph = 700   between paragraphs
  section = 1200    before a heading, and at a thematic break
                    (--- in Markdown, <hr> in HTML, a line of *** in text)
  quote = 200       inside a sentence, where the quotation voice starts or stops
\b
Speed: rate = 1.0 in the preset, or --rate 0.5..2.0 on tts build and tts say.
\b
A quotation voice, quote_voice = "PRESET" (another speaker of the same engine and model),
reads text in «…», „…“ and "…" when it is direct speech; the Silero presets have one,
eSpeak NG has none unless asked (--quote-voice espeak-f2; --quote-voice none turns it off).
"""


def voices(
    samples: Path | None = typer.Option(
        None,
        "--samples",
        metavar="DIR",
        help="Write one MP3 per preset that can speak here, all reading the same text, "
        "and DIR/index.html to compare them.",
    ),
    model: Path | None = MODEL,
    trust_model: bool = TRUST_MODEL,
    quiet: bool = QUIET,
    verbose: bool = VERBOSE,
) -> None:
    from tts.voice.presets import list_voices

    presets = list_voices()
    if samples is None:
        for v in presets:
            model_id = f" {v.model}" if v.model else ""
            quote = f"  quotes: {v.quote.name}" if v.quote else ""
            typer.echo(
                f"{v.name:16} {v.engine}{model_id:9} {v.speaker:8} {v.sample_rate:>6} Hz  "
                f"{v.description}{quote}"
            )
        return
    from tts.build import BuildOptions
    from tts.build.say import write_samples
    from tts.cli import setup_logging

    setup_logging(verbose, quiet)
    opts = BuildOptions(inputs=(), model_path=model, trust_model=trust_model)
    made = write_samples(samples, [v.name for v in presets], opts)
    for sample in made:
        if sample.file is None:
            typer.echo(f"{sample.preset:16} skipped: {sample.skipped}")
        elif not quiet:
            typer.echo(f"{sample.preset:16} {samples / sample.file}")
    typer.echo(f"compare: {samples / 'index.html'}")


def say(
    text: str = typer.Argument(..., metavar="TEXT", help="What to say (up to 1000 characters)."),
    engine: str = ENGINE,
    voice: str | None = VOICE,
    speaker: str | None = SPEAKER,
    rate: float | None = RATE,
    quote_voice: str | None = QUOTE_VOICE,
    out: Path = typer.Option(Path("say.mp3"), "-o", "--output", metavar="FILE", help="The MP3."),
    model: Path | None = MODEL,
    trust_model: bool = TRUST_MODEL,
    quiet: bool = QUIET,
    verbose: bool = VERBOSE,
) -> None:
    """Say a short text with a voice, into an MP3 (nothing is played): hear a voice before
    a long build.

    Example: tts say "Проверка голоса: 12 марта в 18:00." --voice silero-baya -o baya.mp3
    """
    from tts.build import BuildOptions
    from tts.build.say import say as say_text
    from tts.cli import setup_logging

    setup_logging(verbose, quiet)
    opts = BuildOptions(
        inputs=(),
        engine=engine,
        voice=voice,
        speaker=speaker,
        rate=rate,
        quote_voice=quote_voice,
        model_path=model,
        trust_model=trust_model,
    )
    said = say_text(text, opts, out)
    if quiet:
        typer.echo(said.path)
        return
    v = said.spec.voice
    quote = f", quotations {v.quote.speaker}" if v.quote else ""
    typer.echo(f"{said.path}  {said.seconds:.1f} s, {said.spec.name} voice {v.speaker}{quote}")


def register(app: typer.Typer) -> None:
    app.command(help=VOICES_HELP)(voices)
    app.command()(say)
