"""The shell around ``tts.text.parse``: a path, ``-`` (stdin) or an http(s) URL -> (bytes, name)."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from tts import __version__
from tts.errors import InputError
from tts.store.files import MAX_FILE_BYTES, read_limited, size_text

if TYPE_CHECKING:
    from collections.abc import Iterator
    from email.message import Message

log = logging.getLogger(__name__)

USER_AGENT = f"tts/{__version__} (reads articles aloud; Python urllib)"
# Content types read as articles; anything else (images, PDFs, JSON) is refused by name.
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown")
_HEADERS = {"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.9, */*;q=0.1"}


def read_input(
    arg: str, *, timeout: float = 10.0, max_bytes: int = MAX_FILE_BYTES
) -> tuple[bytes, str]:
    """Read one input into bytes. ``name`` is the path, ``-`` or the final URL after redirects.

    Raises InputError with a one-line message for anything that cannot be read.
    """
    if arg == "-":
        return _read_stdin(max_bytes), "-"
    if arg.startswith(("http://", "https://")):
        return _fetch(arg, timeout, max_bytes)
    return read_limited(arg, max_bytes), arg


def _read_stdin(max_bytes: int) -> bytes:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"standard input is larger than the {size_text(max_bytes)} limit")
    return data


def _fetch(url: str, timeout: float, max_bytes: int) -> tuple[bytes, str]:
    # Here, not at the top: urllib pulls in http.client, email and ssl, which every build
    # reading a local file would otherwise pay for.
    from tts.store.net import Deadline, FetchError, open_url, read_body

    deadline = Deadline(timeout)  # the whole exchange, redirects and body included
    try:
        with open_url(url, deadline, headers=_HEADERS) as response:
            final = response.geturl()
            _check_type(url, response.headers)
            data = _read_capped(read_body(response, url, deadline), url, max_bytes)
            charset = response.headers.get_content_charset()
    except FetchError as exc:
        raise InputError(str(exc)) from None
    log.info("fetched %s (%d bytes)", final, len(data))
    return _to_utf8(data, charset), final


def _check_type(url: str, headers: Message) -> None:
    kind = headers.get_content_type()
    if kind not in TEXT_TYPES:
        raise InputError(f"{url} is {kind}, not an HTML page or text")


def _read_capped(chunks: Iterator[bytes], url: str, max_bytes: int) -> bytes:
    parts: list[bytes] = []
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > max_bytes:
            raise InputError(f"{url} is larger than the {size_text(max_bytes)} limit")
        parts.append(chunk)
    return b"".join(parts)


def _to_utf8(data: bytes, charset: str | None) -> bytes:
    """Honour the server's declared charset, so detection only guesses when nobody said."""
    if not charset or charset.lower().replace("_", "-") in ("utf-8", "utf8"):
        return data
    try:
        return data.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        log.warning("the server says %s but the page is not; detecting instead", charset)
        return data
