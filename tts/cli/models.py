"""`tts models`: list the known Silero models; `tts models download [ID]`: fetch one."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import typer

from tts.cli.options import group

if TYPE_CHECKING:
    from tts.voice.catalogue import ModelInfo


def describe(info: ModelInfo) -> list[str]:
    """The lines `tts models` prints for one model."""
    from tts.voice.catalogue import cached_model, expected_sha256, model_file

    recorded = None if info.sha256 else expected_sha256(info.id)
    digest = info.sha256 or (f"{recorded} (recorded at download)" if recorded else None)
    size = f"{info.size:,} bytes" if info.size is not None else "unknown until downloaded"
    if cached_model(info.id):
        state = f"cached, verified: {model_file(info.id)}"
    elif model_file(info.id).is_file():
        state = f"present but NOT verified (will not be loaded): {model_file(info.id)}"
    else:
        state = "not downloaded"
    speakers = ", ".join(info.speakers)
    return [
        info.id + (" (default)" if info.id == "v5_5_ru" else ""),
        f"  licence:  {info.licence}",
        f"  size:     {size}",
        f"  sha256:   {digest or 'recorded on first download'}",
        f"  speakers: {speakers} (default {info.default_speaker})",
        "  stress:   needs '+' marks" if info.needs_stress else "  stress:   placed by the model",
        f"  url:      {info.url}",
        f"  status:   {state}",
    ]


def trust_notice(model: Path | None, trust: bool) -> None:
    """Before loading a file of unknown origin on --trust-model's word, say what that means.
    Said here, once, on stderr (even with -q): worker processes load it again silently."""
    from tts.voice.catalogue import identify_model

    if model is None or not trust or not model.is_file():
        return  # without --trust-model the loader refuses; a missing file is said there
    sha, known = identify_model(model)
    if known is None:
        typer.echo(
            f"warning: --trust-model: loading {model}, which is no known Silero model "
            f"(SHA-256 {sha}), and running the code inside it",
            err=True,
        )


def progress_printer(
    label: str, stream: TextIO | None = None, every: float = 0.2
) -> Callable[[int, int | None], None]:
    """A download progress line on stderr, redrawn at most every ``every`` seconds."""
    out = stream or sys.stderr
    last = [0.0]

    def show(done: int, total: int | None) -> None:
        now = time.monotonic()
        finished = total is not None and done >= total
        if now - last[0] < every and not finished:
            return
        last[0] = now
        mb = done / 1e6
        if total:
            width = 30
            filled = width * done // total
            bar = "#" * filled + "-" * (width - filled)
            line = f"\r{label} [{bar}] {100 * done // total:3d}% {mb:.1f}/{total / 1e6:.1f} MB"
        else:
            line = f"\r{label} {mb:.1f} MB"
        out.write(line + ("\n" if finished else ""))
        out.flush()

    return show


def list_models() -> None:
    """List the known Silero models: licence, size, hash, speakers, and what is cached."""
    from tts.store.paths import models_dir
    from tts.voice.catalogue import MODELS

    typer.echo(f"Silero models (cache: {models_dir()}; TTS_CACHE_DIR overrides)\n")
    for info in MODELS.values():
        typer.echo("\n".join(describe(info)) + "\n")
    typer.echo(
        "The ru models are for non-commercial use only (CC BY-NC-SA 4.0); "
        "v5_cis_base is MIT. Model files are never bundled with this tool."
    )


def download_model(model_id: str, timeout: float) -> None:
    from tts.voice.catalogue import cached_model, ensure_model, licence_notice, model_info

    info = model_info(model_id)
    typer.echo(licence_notice(info), err=True)
    already = cached_model(model_id)
    if already:
        typer.echo(f"{model_id} is already cached and verified: {already}")
        return
    path = ensure_model(model_id, progress=progress_printer(model_id), timeout=timeout)
    typer.echo(f"{model_id} downloaded and verified: {path}")


def register(app: typer.Typer) -> None:
    models = group(
        "Silero models: list them (licence, size, SHA-256, speakers, cache state), download one.",
        list_models,
    )

    @models.command("download")
    def _download(
        model_id: str = typer.Argument("v5_5_ru", metavar="ID", help="Model id, see `tts models`."),
        timeout: float = typer.Option(
            15.0, "--timeout", help="Seconds to wait for the server to connect or send."
        ),
    ) -> None:
        """Download a model into the cache, checking its size and SHA-256."""
        download_model(model_id, timeout)

    app.add_typer(models, name="models")
