"""`tts models` and `tts models download`, through typer's CliRunner (local server only)."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import typer
from typer.testing import CliRunner

from tts.cli.models import progress_printer, register
from tts.errors import EngineUnavailable, ModelError
from tts.voice import catalogue as models
from tts.voice.catalogue import MODELS, model_file

if TYPE_CHECKING:
    from conftest_silero import LocalServer

pytest_plugins = ["conftest_silero"]

PINNED = "50081637b602126ee06cb3bc8a744d25651d2da149ee8864b9a379bfdd934437"
BODY = b"stand-in bytes, not a Silero model " * 3000


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TTS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "models"


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """Test root."""

    register(app)
    return app


def _run(app: typer.Typer, *args: str) -> tuple[str, str, BaseException | None]:
    result = CliRunner().invoke(app, list(args))
    return result.stdout, result.stderr, result.exception


def test_models_lists_every_model_with_licence_and_hash(app: typer.Typer) -> None:
    out, _, exc = _run(app, "models")
    assert exc is None
    for model_id in MODELS:
        assert f"\n{model_id}" in out
    assert f"sha256:   {PINNED}" in out
    assert "size:     145,420,684 bytes" in out
    assert out.count("recorded on first download") == len(MODELS) - 1
    assert out.count("CC BY-NC-SA 4.0 (non-commercial use only)") >= 7
    assert "licence:  MIT" in out
    assert "speakers: aidar, baya, kseniya, xenia, eugene (default xenia)" in out
    assert out.count("status:   not downloaded") == len(MODELS)


def test_models_shows_cached_and_untrusted_files(
    app: typer.Typer, monkeypatch: pytest.MonkeyPatch, cache: Path
) -> None:
    sha = hashlib.sha256(BODY).hexdigest()
    monkeypatch.setitem(
        MODELS, "v5_4_ru", dataclasses.replace(MODELS["v5_4_ru"], size=len(BODY), sha256=sha)
    )
    cache.mkdir(parents=True)
    model_file("v5_4_ru").write_bytes(BODY)
    model_file("v5_5_ru").write_bytes(BODY)  # wrong size and hash for the pinned v5_5_ru
    out, _, _ = _run(app, "models")
    assert f"status:   cached, verified: {model_file('v5_4_ru')}" in out
    assert f"NOT verified (will not be loaded): {model_file('v5_5_ru')}" in out


def test_download_offline_states_licence_then_fails_fast(
    app: typer.Typer, monkeypatch: pytest.MonkeyPatch, closed_port: int
) -> None:
    url = f"https://127.0.0.1:{closed_port}/v5_5_ru.pt"
    monkeypatch.setitem(MODELS, "v5_5_ru", dataclasses.replace(MODELS["v5_5_ru"], url=url))
    _, err, exc = _run(app, "models", "download")
    assert "v5_5_ru is licensed CC BY-NC-SA 4.0 (non-commercial use only)" in err
    assert isinstance(exc, EngineUnavailable)
    assert url in str(exc) and "--model PATH" in str(exc)
    assert not model_file("v5_5_ru").exists()


def test_download_shows_progress_and_records_the_hash(
    app: typer.Typer, monkeypatch: pytest.MonkeyPatch, http_server: LocalServer
) -> None:
    http_server.add("/v5_4_ru.pt", BODY)
    info = dataclasses.replace(MODELS["v5_4_ru"], url=http_server.url("/v5_4_ru.pt"))
    monkeypatch.setitem(MODELS, "v5_4_ru", info)
    # The local server speaks plain HTTP; everything else is the real command.
    local = functools.partial(models.ensure_model, allow_insecure_localhost=True)
    monkeypatch.setattr(models, "ensure_model", local)
    out, err, exc = _run(app, "models", "download", "v5_4_ru")
    assert exc is None, exc
    assert "v5_4_ru is licensed" in err
    assert "100%" in err and "0.1/0.1 MB" in err
    assert f"v5_4_ru downloaded and verified: {model_file('v5_4_ru')}" in out
    assert model_file("v5_4_ru").read_bytes() == BODY
    out, _, _ = _run(app, "models", "download", "v5_4_ru")
    assert "already cached and verified" in out
    assert http_server.hits == ["/v5_4_ru.pt"]
    listing, _, _ = _run(app, "models")
    assert f"{hashlib.sha256(BODY).hexdigest()} (recorded at download)" in listing


def test_download_of_unknown_model_names_the_known_ones(app: typer.Typer) -> None:
    _, _, exc = _run(app, "models", "download", "v9_ru")
    assert isinstance(exc, ModelError)
    assert "known: v5_5_ru" in str(exc)


def test_progress_printer_draws_a_bar_and_ends_the_line() -> None:
    out = io.StringIO()
    show = progress_printer("v5_5_ru", out, every=0.0)
    show(0, 2_000_000)
    show(1_000_000, 2_000_000)
    show(2_000_000, 2_000_000)
    text = out.getvalue()
    assert "[---------------" in text and "  0%" in text
    assert " 50% 1.0/2.0 MB" in text
    assert text.endswith("[" + "#" * 30 + "] 100% 2.0/2.0 MB\n")


def test_progress_printer_without_a_total_counts_megabytes() -> None:
    out = io.StringIO()
    progress_printer("m", out, every=0.0)(3_500_000, None)
    assert out.getvalue() == "\rm 3.5 MB"
