"""Fetch one file over HTTPS into place, atomically, checking size and SHA-256 on the way.

The file is streamed into a temporary file next to ``dest`` and moved into place with
``os.replace`` only once its size and hash are right, so a half-downloaded or tampered model
never sits where the loader looks. Any failure removes the temporary file.
"""

from __future__ import annotations

import functools
import hashlib
import http.client
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from tts.errors import EngineUnavailable, ModelError
from tts.store.net import Deadline, FetchError, open_url, read_body

log = logging.getLogger(__name__)

Progress = Callable[[int, int | None], None]
# A connection that sends less than this in `timeout` seconds is stalled (curl's --speed-limit):
# 17 KiB/s at the default 15 s, so a slow line still finishes and a one-byte drip cannot hang.
STALL_BYTES = 256 * 1024
_HEADERS = {"User-Agent": "tts-model-download"}


def check_url(url: str, *, allow_insecure_localhost: bool = False) -> None:
    """Only HTTPS; plain HTTP only to 127.0.0.1 and only when the caller says so (tests)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    if allow_insecure_localhost and parts.scheme == "http" and parts.hostname == "127.0.0.1":
        return
    raise ModelError(f"refusing to download from {url!r}: only https:// URLs are allowed")


def _announced_length(response: http.client.HTTPResponse) -> int | None:
    value = response.headers.get("Content-Length")
    return int(value) if value and value.isdigit() else None


def _check_announced(url: str, announced: int | None, expected: int | None, cap: int) -> None:
    if announced is None:
        return
    if announced > cap:
        raise ModelError(f"{url} announces {announced} bytes, more than the {cap}-byte limit")
    if expected is not None and announced != expected:
        raise ModelError(f"{url} announces {announced} bytes; expected {expected}")


def _stream(
    chunks: Iterator[bytes],
    out: IO[bytes],
    *,
    url: str,
    cap: int,
    total: int | None,
    progress: Progress | None,
) -> tuple[int, str]:
    digest = hashlib.sha256()
    done = 0
    for chunk in chunks:
        done += len(chunk)
        if done > cap:
            raise ModelError(f"{url} sent more than the {cap}-byte limit; download stopped")
        digest.update(chunk)
        out.write(chunk)
        if progress is not None:
            progress(done, total)
    return done, digest.hexdigest()


def _verify(url: str, size: int, sha: str, expected_size: int | None, expected: str | None) -> None:
    if expected_size is not None and size != expected_size:
        raise ModelError(f"download of {url} is {size} bytes; expected {expected_size}")
    if expected is not None and sha != expected.lower():
        raise ModelError(f"download of {url} has SHA-256 {sha}; expected {expected.lower()}")


def _fetch_into(
    url: str,
    out: IO[bytes],
    *,
    expected_size: int | None,
    max_bytes: int,
    timeout: float,
    progress: Progress | None,
    allow_insecure_localhost: bool,
) -> tuple[int, str]:
    # A stalled connection fails after `timeout`; a slow but moving one may take its time.
    deadline = Deadline(timeout, renew_every=STALL_BYTES)
    # A redirect must not downgrade the download to plain HTTP or another scheme.
    check = functools.partial(check_url, allow_insecure_localhost=allow_insecure_localhost)
    try:
        with open_url(url, deadline, headers=_HEADERS, check_redirect=check) as response:
            announced = _announced_length(response)
            _check_announced(url, announced, expected_size, max_bytes)
            total = expected_size if expected_size is not None else announced
            chunks = read_body(response, url, deadline)
            return _stream(chunks, out, url=url, cap=max_bytes, total=total, progress=progress)
    except FetchError as exc:
        raise EngineUnavailable(f"cannot download the model: {exc}") from None


def download(
    url: str,
    dest: Path,
    *,
    expected_size: int | None,
    expected_sha256: str | None,
    max_bytes: int,
    timeout: float,
    progress: Progress | None = None,
    allow_insecure_localhost: bool = False,
) -> str:
    """Download ``url`` to ``dest`` and return the file's SHA-256 (hex).

    ``timeout`` bounds the connection and the answer, and then every 256 KiB of the body
    (tts.store.net): a dead or dripping host fails within about that long. Raises
    EngineUnavailable when the network fails and ModelError when the content is wrong (size,
    hash, too big); in both cases nothing is left behind.
    """
    check_url(url, allow_insecure_localhost=allow_insecure_localhost)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            size, sha = _fetch_into(
                url,
                out,
                expected_size=expected_size,
                max_bytes=max_bytes,
                timeout=timeout,
                progress=progress,
                allow_insecure_localhost=allow_insecure_localhost,
            )
            out.flush()
            os.fsync(out.fileno())
        _verify(url, size, sha, expected_size, expected_sha256)
        os.replace(tmp, dest)
    except BaseException:
        # Also on Ctrl-C: a partial file must never be mistaken for a model.
        tmp.unlink(missing_ok=True)
        raise
    log.info("downloaded %s (%d bytes, sha256 %s) to %s", url, size, sha, dest)
    return sha
