"""The model registry, the verified cache, and ensure_model (local server; never the network)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tts.errors import EngineUnavailable, ModelError
from tts.voice import catalogue as models
from tts.voice.catalogue import (
    MODELS,
    ModelInfo,
    cached_model,
    ensure_model,
    model_file,
    record_file,
)

if TYPE_CHECKING:
    from conftest_silero import LocalServer

pytest_plugins = ["conftest_silero"]

PINNED = "50081637b602126ee06cb3bc8a744d25651d2da149ee8864b9a379bfdd934437"
BODY = b"stand-in model bytes, not Silero " * 1000
BODY_SHA = hashlib.sha256(BODY).hexdigest()


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TTS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "models"


def _register(monkeypatch: pytest.MonkeyPatch, info: ModelInfo) -> ModelInfo:
    monkeypatch.setitem(MODELS, info.id, info)
    return info


def _fake(model_id: str, url: str, *, pinned: bool) -> ModelInfo:
    return dataclasses.replace(
        MODELS["v5_4_ru"],
        id=model_id,
        url=url,
        size=len(BODY) if pinned else None,
        sha256=BODY_SHA if pinned else None,
    )


def _place(model_id: str, data: bytes = BODY) -> Path:
    path = model_file(model_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_v5_5_ru_is_pinned() -> None:
    info = MODELS["v5_5_ru"]
    assert info.size == 145_420_684
    assert info.sha256 == PINNED
    assert info.url == "https://models.silero.ai/models/tts/ru/v5_5_ru.pt"
    assert info.speakers == ("aidar", "baya", "kseniya", "xenia", "eugene")
    assert info.default_speaker == "xenia"
    assert not info.needs_stress
    assert "CC BY-NC-SA 4.0" in info.licence


def test_v5_4_ru_has_no_eugene() -> None:
    assert "eugene" not in MODELS["v5_4_ru"].speakers


def test_cis_base_is_mit_and_needs_stress_marks() -> None:
    info = MODELS["v5_cis_base"]
    assert info.licence == "MIT"
    assert info.needs_stress
    assert len(info.speakers) == 29
    assert all(s.startswith("ru_") for s in info.speakers)


@pytest.mark.parametrize("info", list(MODELS.values()), ids=list(MODELS))
def test_every_model_is_https_from_silero_with_a_known_default(info: ModelInfo) -> None:
    assert info.url == f"https://models.silero.ai/models/tts/ru/{info.id}.pt"
    assert info.default_speaker in info.speakers
    assert info.licence in (models.NC_LICENCE, models.MIT_LICENCE)
    assert (info.size is None) == (info.sha256 is None)


def test_model_info_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        MODELS["v5_5_ru"].sha256 = None  # type: ignore[misc]


def test_unknown_model_lists_the_known_ones() -> None:
    with pytest.raises(ModelError, match="unknown Silero model 'v9_ru'; known: v5_5_ru, "):
        models.model_info("v9_ru")


def test_cache_folder_follows_tts_cache_dir(cache: Path) -> None:
    assert model_file("v5_5_ru") == cache / "v5_5_ru.pt"
    assert record_file("v5_5_ru") == cache / "v5_5_ru.json"


def test_missing_model_is_not_cached() -> None:
    assert cached_model("v5_5_ru") is None


def test_wrong_file_under_a_pinned_name_is_not_trusted() -> None:
    _place("v5_5_ru")
    assert cached_model("v5_5_ru") is None
    with pytest.raises(ModelError, match="is not trusted: it is 33000 bytes, expected 145420684"):
        ensure_model("v5_5_ru")


def test_pinned_model_placed_by_hand_is_verified(monkeypatch: pytest.MonkeyPatch) -> None:
    _register(monkeypatch, _fake("pinned", "https://127.0.0.1:9/x.pt", pinned=True))
    path = _place("pinned")
    assert cached_model("pinned") == path
    record = json.loads(record_file("pinned").read_text())
    assert record["verified"] == BODY_SHA
    assert record["size"] == len(BODY)


def test_a_file_anywhere_is_identified_by_its_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--model FILE: a pinned (or recorded) digest names the model; any other is unknown."""
    _register(monkeypatch, _fake("pinned", "https://127.0.0.1:9/x.pt", pinned=True))
    elsewhere = tmp_path / "my-copy.pt"
    elsewhere.write_bytes(BODY)
    assert models.identify_model(elsewhere) == (BODY_SHA, "pinned")
    other = tmp_path / "other.pt"
    other.write_bytes(BODY + b"!")
    assert models.identify_model(other) == (hashlib.sha256(BODY + b"!").hexdigest(), None)


def test_verification_is_cached_by_size_and_mtime(monkeypatch: pytest.MonkeyPatch) -> None:
    _register(monkeypatch, _fake("pinned", "https://127.0.0.1:9/x.pt", pinned=True))
    path = _place("pinned")
    assert cached_model("pinned") == path
    calls: list[Path] = []
    real = models.sha256_file
    monkeypatch.setattr(models, "sha256_file", lambda p: calls.append(p) or real(p))
    assert cached_model("pinned") == path
    assert calls == []  # unchanged file: no rehash
    later = time.time() + 10
    os.utime(path, (later, later))
    assert cached_model("pinned") == path
    assert calls == [path]  # touched: hashed again


def test_tampered_file_of_the_same_size_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    _register(monkeypatch, _fake("pinned", "https://127.0.0.1:9/x.pt", pinned=True))
    path = _place("pinned")
    assert cached_model("pinned") == path
    path.write_bytes(BODY[:-1] + b"!")
    later = time.time() + 10
    os.utime(path, (later, later))
    assert cached_model("pinned") is None
    with pytest.raises(ModelError, match="its SHA-256 is"):
        ensure_model("pinned")


def test_unpinned_file_without_a_record_is_not_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    _register(monkeypatch, _fake("loose", "https://127.0.0.1:9/x.pt", pinned=False))
    _place("loose")
    assert cached_model("loose") is None
    with pytest.raises(ModelError, match="no SHA-256 is pinned or recorded.*--model PATH"):
        ensure_model("loose")


def test_offline_fails_fast_with_url_path_and_model_flag(
    monkeypatch: pytest.MonkeyPatch, closed_port: int
) -> None:
    url = f"https://127.0.0.1:{closed_port}/models/tts/ru/v5_5_ru.pt"
    _register(monkeypatch, dataclasses.replace(MODELS["v5_5_ru"], url=url))
    start = time.monotonic()
    with pytest.raises(EngineUnavailable) as err:
        ensure_model("v5_5_ru")
    assert time.monotonic() - start < 3.0
    message = str(err.value)
    assert "\n" not in message
    assert url in message
    assert str(model_file("v5_5_ru")) in message
    assert "--model PATH" in message
    assert not model_file("v5_5_ru").exists()


def test_silent_server_fails_within_the_timeout(
    monkeypatch: pytest.MonkeyPatch, silent_port: int
) -> None:
    url = f"https://127.0.0.1:{silent_port}/v5_5_ru.pt"
    _register(monkeypatch, dataclasses.replace(MODELS["v5_5_ru"], url=url))
    start = time.monotonic()
    with pytest.raises(EngineUnavailable, match="timed out"):
        ensure_model("v5_5_ru", timeout=0.5)
    assert time.monotonic() - start < 3.0


def test_first_download_records_the_hash_and_later_runs_use_it(
    monkeypatch: pytest.MonkeyPatch, http_server: LocalServer
) -> None:
    http_server.add("/loose.pt", BODY)
    _register(monkeypatch, _fake("loose", http_server.url("/loose.pt"), pinned=False))
    seen: list[int] = []
    path = ensure_model(
        "loose", allow_insecure_localhost=True, progress=lambda d, t: seen.append(d)
    )
    assert path.read_bytes() == BODY
    assert seen[-1] == len(BODY)
    record = json.loads(record_file("loose").read_text())
    assert record["sha256"] == BODY_SHA
    assert record["url"] == http_server.url("/loose.pt")
    assert cached_model("loose") == path
    assert ensure_model("loose") == path  # cached: no second request
    assert http_server.hits == ["/loose.pt"]


def test_redownload_must_match_the_recorded_hash(
    monkeypatch: pytest.MonkeyPatch, http_server: LocalServer
) -> None:
    http_server.add("/loose.pt", BODY)
    _register(monkeypatch, _fake("loose", http_server.url("/loose.pt"), pinned=False))
    path = ensure_model("loose", allow_insecure_localhost=True)
    path.unlink()
    http_server.add("/loose.pt", b"republished " + BODY)
    with pytest.raises(ModelError, match="SHA-256"):
        ensure_model("loose", allow_insecure_localhost=True)
    assert not path.exists()


def test_pinned_download_with_wrong_content_leaves_nothing(
    monkeypatch: pytest.MonkeyPatch, http_server: LocalServer, cache: Path
) -> None:
    http_server.add("/pinned.pt", BODY[::-1])
    _register(monkeypatch, _fake("pinned", http_server.url("/pinned.pt"), pinned=True))
    with pytest.raises(ModelError, match="SHA-256"):
        ensure_model("pinned", allow_insecure_localhost=True)
    assert sorted(p.name for p in cache.iterdir()) == ["pinned.lock"]


def test_plain_http_registry_url_is_refused_by_default(
    monkeypatch: pytest.MonkeyPatch, http_server: LocalServer
) -> None:
    http_server.add("/loose.pt", BODY)
    _register(monkeypatch, _fake("loose", http_server.url("/loose.pt"), pinned=False))
    with pytest.raises(ModelError, match="only https"):
        ensure_model("loose")
    assert http_server.hits == []


def test_licence_notice_names_the_licence() -> None:
    notice = models.licence_notice(MODELS["v5_5_ru"])
    assert "v5_5_ru" in notice and "non-commercial" in notice
