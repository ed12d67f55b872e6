"""Fetch one file over HTTPS into place, atomically, checking size and SHA-256 on the way.

The file is streamed into a temporary file next to ``dest`` and moved into place with
``os.replace`` only once its size and hash are right, so a half-downloaded or tampered model
never sits where the loader looks. Any failure removes the temporary file.
"""

from __future__ import annotations

import hashlib
import http.client
import logging
import os
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from tts.errors import EngineUnavailable, ModelError

log = logging.getLogger(__name__)

Progress = Callable[[int, int | None], None]
CHUNK = 1 << 20


def check_url(url: str, *, allow_insecure_localhost: bool = False) -> None:
    """Only HTTPS; plain HTTP only to 127.0.0.1 and only when the caller says so (tests)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    if allow_insecure_localhost and parts.scheme == "http" and parts.hostname == "127.0.0.1":
        return
    raise ModelError(f"refusing to download from {url!r}: only https:// URLs are allowed")


def _opener(allow_insecure_localhost: bool) -> urllib.request.OpenerDirector:
    class _Redirects(urllib.request.HTTPRedirectHandler):
        # A redirect must not downgrade the download to plain HTTP or another scheme.
        def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
            check_url(newurl, allow_insecure_localhost=allow_insecure_localhost)
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return urllib.request.build_opener(_Redirects)


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
    response: http.client.HTTPResponse,
    out: IO[bytes],
    *,
    url: str,
    cap: int,
    total: int | None,
    progress: Progress | None,
) -> tuple[int, str]:
    digest = hashlib.sha256()
    done = 0
    while chunk := response.read(CHUNK):
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
    opener = _opener(allow_insecure_localhost)
    request = urllib.request.Request(url, headers={"User-Agent": "tts-model-download"})
    try:
        with opener.open(request, timeout=timeout) as response:
            announced = _announced_length(response)
            _check_announced(url, announced, expected_size, max_bytes)
            total = expected_size if expected_size is not None else announced
            size, sha = _stream(
                response, out, url=url, cap=max_bytes, total=total, progress=progress
            )
    except urllib.error.HTTPError as exc:
        raise EngineUnavailable(f"cannot download {url}: HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise EngineUnavailable(f"cannot download {url}: {exc.reason}") from exc
    except http.client.IncompleteRead as exc:
        raise EngineUnavailable(f"download of {url} was interrupted: {exc!r}") from exc
    except TimeoutError as exc:
        raise EngineUnavailable(f"cannot download {url}: timed out after {timeout:g} s") from exc
    except (ConnectionError, http.client.HTTPException) as exc:
        raise EngineUnavailable(f"download of {url} failed: {exc}") from exc
    if announced is not None and size != announced:
        # The server closed the connection before sending what it announced.
        raise EngineUnavailable(f"download of {url} was interrupted at {size} of {announced} bytes")
    return size, sha


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

    ``timeout`` bounds the connection and every read, so a dead host fails within about that
    long. Raises EngineUnavailable when the network fails and ModelError when the content is
    wrong (size, hash, too big); in both cases nothing is left behind.
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
