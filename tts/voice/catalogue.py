"""The Silero models this tool knows, where they live in the cache, and whether they are trusted.

A model file is code (a torch.package): it is loaded only after its SHA-256 matches the pinned
figure below or, for a model without one, the figure recorded when this tool downloaded it. The
record is a small JSON file next to the model; it also remembers the file's size and mtime at
the last check so the 145 MB hash is not recomputed on every run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tts.errors import EngineUnavailable, ModelError
from tts.store.paths import models_dir

log = logging.getLogger(__name__)

BASE_URL = "https://models.silero.ai/models/tts/ru/"
DEFAULT_MODEL = "v5_5_ru"
NC_LICENCE = "CC BY-NC-SA 4.0 (non-commercial use only)"
MIT_LICENCE = "MIT"
MAX_MODEL_BYTES = 400 * 1024 * 1024  # cap for models without a pinned size; the largest is ~150 MB

Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class ModelInfo:
    id: str
    url: str
    size: int | None  # bytes, when pinned
    sha256: str | None  # pinned digest; None: recorded on first download
    licence: str
    speakers: tuple[str, ...]  # as published; the loaded model's own list is authoritative
    needs_stress: bool  # True: the model places no stress itself and needs "+" marks
    default_speaker: str


_FIVE = ("aidar", "baya", "kseniya", "xenia", "eugene")
_FOUR = ("aidar", "baya", "kseniya", "xenia")
_CIS = tuple(
    "ru_" + name
    for name in [
        "aigul",
        "albina",
        "alexandr",
        "alfia",
        "alfia2",
        "bogdan",
        "dmitriy",
        "eduard",
        "ekaterina",
        "gamat",
        "igor",
        "karina",
        "kejilgan",
        "kermen",
        "marat",
        "miyau",
        "nurgul",
        "oksana",
        "onaoy",
        "ramilia",
        "roman",
        "safarhuja",
        "saida",
        "sibday",
        "vika",
        "zara",
        "zhadyra",
        "zhazira",
        "zinaida",
    ]
)


def _ru(model_id: str, speakers: tuple[str, ...], **pinned: Any) -> ModelInfo:
    return ModelInfo(
        id=model_id,
        url=f"{BASE_URL}{model_id}.pt",
        size=pinned.get("size"),
        sha256=pinned.get("sha256"),
        licence=NC_LICENCE,
        speakers=speakers,
        needs_stress=False,
        default_speaker="xenia",
    )


MODELS: dict[str, ModelInfo] = {
    m.id: m
    for m in (
        _ru(
            "v5_5_ru",
            _FIVE,
            size=145_420_684,
            sha256="50081637b602126ee06cb3bc8a744d25651d2da149ee8864b9a379bfdd934437",
        ),
        _ru("v5_4_ru", _FOUR),
        _ru("v5_3_ru", _FOUR),
        _ru("v5_1_ru", _FIVE),
        _ru("v5_ru", _FIVE),
        _ru("v4_ru", (*_FIVE, "random")),
        _ru("v3_1_ru", (*_FIVE, "random")),
        ModelInfo(
            id="v5_cis_base",
            url=f"{BASE_URL}v5_cis_base.pt",
            size=None,
            sha256=None,
            licence=MIT_LICENCE,
            speakers=_CIS,
            needs_stress=True,
            default_speaker="ru_aigul",
        ),
    )
}


def model_info(model_id: str) -> ModelInfo:
    try:
        return MODELS[model_id]
    except KeyError:
        known = ", ".join(MODELS)
        raise ModelError(f"unknown Silero model {model_id!r}; known: {known}") from None


def model_file(model_id: str) -> Path:
    """Where the model is (or would be) cached: put a hand-downloaded file exactly here."""
    return models_dir() / f"{model_id}.pt"


def record_file(model_id: str) -> Path:
    return models_dir() / f"{model_id}.json"


def licence_notice(info: ModelInfo) -> str:
    return f"Silero model {info.id} is licensed {info.licence}; see docs/silero.md."


def sha256_file(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


# (path, size, mtime_ns) -> SHA-256: the CLI's notice and the loader hash a --model file once.
_HASHED: dict[tuple[str, int, int], str] = {}


def identify_model(path: Path) -> tuple[str, str | None]:
    """A model file's SHA-256 and the id of the known model it is (by its pinned digest, or
    the one recorded when this tool downloaded it), or None for a file of unknown origin."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in _HASHED:
        _HASHED[key] = sha256_file(path)
    sha = _HASHED[key]
    known = next((m for m in MODELS if expected_sha256(m) == sha), None)
    return sha, known


def _read_record(model_id: str) -> dict[str, Any]:
    try:
        data = json.loads(record_file(model_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_record(model_id: str, **fields: Any) -> None:
    path = record_file(model_id)
    data = {**_read_record(model_id), **fields, "model": model_id}
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def expected_sha256(model_id: str) -> str | None:
    """The digest a cached file must have: pinned, else recorded at download, else unknown."""
    pinned = model_info(model_id).sha256
    if pinned:
        return pinned
    recorded = _read_record(model_id).get("sha256")
    return str(recorded) if recorded else None


def _check(model_id: str, path: Path) -> str | None:
    """Why the cached file cannot be trusted, or None when it can."""
    expected = expected_sha256(model_id)
    if expected is None:
        return "no SHA-256 is pinned or recorded for it"
    stat = path.stat()
    record = _read_record(model_id)
    seen = (record.get("verified"), record.get("size"), record.get("mtime_ns"))
    if seen == (expected, stat.st_size, stat.st_mtime_ns):
        return None
    size = model_info(model_id).size
    if size is not None and stat.st_size != size:
        return f"it is {stat.st_size} bytes, expected {size}"
    actual = sha256_file(path)
    if actual != expected:
        return f"its SHA-256 is {actual}, expected {expected}"
    _write_record(model_id, verified=actual, size=stat.st_size, mtime_ns=stat.st_mtime_ns)
    return None


def cached_model(model_id: str) -> Path | None:
    """The cached model file when it is present and verified, else None."""
    path = model_file(model_id)
    if not path.is_file():
        return None
    problem = _check(model_id, path)
    if problem:
        log.warning("cached %s is not trusted: %s", path, problem)
        return None
    return path


def _unavailable(info: ModelInfo, reason: str) -> EngineUnavailable:
    # A download failure's reason already names the URL; say it once.
    source = "" if info.url in reason else f" from {info.url}"
    return EngineUnavailable(
        f"Silero model {info.id} is not available ({reason}); download it by hand{source} "
        f"to {model_file(info.id)}, or pass --model PATH"
    )


def ensure_model(
    model_id: str,
    *,
    progress: Progress | None = None,
    timeout: float = 5.0,
    allow_insecure_localhost: bool = False,
) -> Path:
    """The verified model file, downloading it first when it is not cached."""
    from filelock import FileLock, Timeout

    info = model_info(model_id)
    path = model_file(model_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Two builds starting at once must not download the same 145 MB twice.
        with FileLock(str(path.with_suffix(".lock")), timeout=3600):
            return _ensure_locked(info, path, progress, timeout, allow_insecure_localhost)
    except Timeout as exc:
        raise _unavailable(info, "another process is still downloading it") from exc


def _ensure_locked(
    info: ModelInfo,
    path: Path,
    progress: Progress | None,
    timeout: float,
    allow_insecure_localhost: bool,
) -> Path:
    if path.is_file():
        problem = _check(info.id, path)
        if problem is None:
            return path
        raise ModelError(
            f"{path} is not trusted: {problem}; delete it and run "
            f"`tts models download {info.id}`, or pass the file with --model PATH"
        )
    from tts.voice.download import download

    try:
        sha = download(
            info.url,
            path,
            expected_size=info.size,
            # Without a pinned figure, a digest recorded earlier still binds a re-download.
            expected_sha256=expected_sha256(info.id),
            max_bytes=info.size or MAX_MODEL_BYTES,
            timeout=timeout,
            progress=progress,
            allow_insecure_localhost=allow_insecure_localhost,
        )
    except EngineUnavailable as exc:
        raise _unavailable(info, str(exc)) from exc
    stat = path.stat()
    _write_record(
        info.id,
        sha256=sha,
        verified=sha,
        size=stat.st_size,
        mtime_ns=stat.st_mtime_ns,
        url=info.url,
        downloaded=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    return path
