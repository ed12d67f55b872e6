"""The shell around ``tts.text.parse``: a path, ``-`` (stdin) or an http(s) URL -> (bytes, name)."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from tts import __version__
from tts.errors import InputError

if TYPE_CHECKING:
    from email.message import Message
    from http.client import HTTPResponse

log = logging.getLogger(__name__)

USER_AGENT = f"tts/{__version__} (reads articles aloud; Python urllib)"
# Content types read as articles; anything else (images, PDFs, JSON) is refused by name.
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown")
_CHUNK = 65536
_HEADERS = {"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.9, */*;q=0.1"}


def read_input(
    arg: str, *, timeout: float = 10.0, max_bytes: int = 50_000_000
) -> tuple[bytes, str]:
    """Read one input into bytes. ``name`` is the path, ``-`` or the final URL after redirects.

    Raises InputError with a one-line message for anything that cannot be read.
    """
    if arg == "-":
        return _read_stdin(max_bytes), "-"
    if arg.startswith(("http://", "https://")):
        return _fetch(arg, timeout, max_bytes)
    return _read_file(arg, max_bytes), arg


def _read_stdin(max_bytes: int) -> bytes:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"standard input is larger than the {_size(max_bytes)} limit")
    return data


def _read_file(arg: str, max_bytes: int) -> bytes:
    path = Path(arg)
    try:
        if path.is_dir():
            raise InputError(f"{arg} is a folder, not a file")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{arg} is {_size(size)}, larger than the {_size(max_bytes)} limit")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"{arg}: no such file") from None
    except PermissionError:
        raise InputError(f"{arg}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{arg}: cannot read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:  # a file that grew, or a device reporting no size
        raise InputError(f"{arg} is larger than the {_size(max_bytes)} limit")
    return data


def _fetch(url: str, timeout: float, max_bytes: int) -> tuple[bytes, str]:
    # Here, not at the top: urllib.request pulls in http.client, email and ssl, which every
    # build reading a local file would otherwise pay for.
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers=_HEADERS)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            final = response.geturl()
            _check_type(url, response.headers)
            data = _read_capped(response, url, max_bytes, time.monotonic() + timeout)
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise InputError(f"cannot reach {url}: {exc.reason}") from None
    except (TimeoutError, OSError) as exc:
        raise InputError(f"cannot reach {url}: {exc}") from None
    log.info("fetched %s (%d bytes)", final, len(data))
    return _to_utf8(data, charset), final


def _check_type(url: str, headers: Message) -> None:
    kind = headers.get_content_type()
    if kind not in TEXT_TYPES:
        raise InputError(f"{url} is {kind}, not an HTML page or text")


def _read_capped(response: HTTPResponse, url: str, max_bytes: int, deadline: float) -> bytes:
    """Stop at the size cap, and at the deadline: a socket timeout alone lets a slow drip last."""
    chunks: list[bytes] = []
    total = 0
    while chunk := response.read(_CHUNK):
        total += len(chunk)
        if total > max_bytes:
            raise InputError(f"{url} is larger than the {_size(max_bytes)} limit")
        if time.monotonic() > deadline:
            raise InputError(f"{url}: the download took longer than the timeout")
        chunks.append(chunk)
    return b"".join(chunks)


def _to_utf8(data: bytes, charset: str | None) -> bytes:
    """Honour the server's declared charset, so detection only guesses when nobody said."""
    if not charset or charset.lower().replace("_", "-") in ("utf-8", "utf8"):
        return data
    try:
        return data.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        log.warning("the server says %s but the page is not; detecting instead", charset)
        return data


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n} bytes"
