"""Input bytes -> Article. Pure: no disk, no network (``tts.text.inputs`` fetches the bytes).

The format comes from the name's extension; ``-``, URLs and unknown names are sniffed.
"""

from __future__ import annotations

import logging
import re
from pathlib import PurePosixPath
from typing import Literal
from urllib.parse import urlsplit

from tts.text.parse.decode import decode_text
from tts.text.parse.rules import CREDIT_PATTERNS, FURNITURE_PATTERNS
from tts.types import Article

__all__ = [
    "CREDIT_PATTERNS",
    "FURNITURE_PATTERNS",
    "Format",
    "decode_text",
    "detect_format",
    "parse_bytes",
    "parse_text",
]

log = logging.getLogger(__name__)

Format = Literal["text", "markdown", "html"]
EXTENSIONS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
_HTML_START = re.compile(r"\s*<")
_HTML_TAG = re.compile(r"<(?:html|body|head|article|!doctype)\b", re.IGNORECASE)
_MARKDOWN_START = re.compile(r"\s*(?:---[ \t]*\n|#{1,6}[ \t]+\S)")


def detect_format(name: str, text: str) -> Format:
    """By extension (of a URL's path, for URLs); else by the first characters of the text."""
    path = urlsplit(name).path if name.startswith(("http://", "https://")) else name
    found = EXTENSIONS.get(PurePosixPath(path.replace("\\", "/")).suffix.lower())
    if found is not None:
        return found
    head = text[:4096]
    if _HTML_START.match(head) or _HTML_TAG.search(head):
        return "html"
    if _MARKDOWN_START.match(head):
        return "markdown"
    return "text"


def parse_text(text: str, name: str, fmt: Format | None = None) -> Article:
    """Parse already decoded text (``fmt`` None: as :func:`detect_format` says)."""
    fmt = fmt or detect_format(name, text)
    log.debug("parsing %s as %s", name, fmt)
    if fmt == "html":
        from tts.text.parse.html import parse_html

        return parse_html(text, name)
    if fmt == "markdown":
        from tts.text.parse.markdown import parse_markdown

        return parse_markdown(text, name)
    from tts.text.parse.plaintext import parse_text as parse_plain

    return parse_plain(text, name)


def parse_bytes(data: bytes, name: str) -> Article:
    """Decode and parse one input; ``name`` (path, URL or ``-``) becomes ``Article.source``.

    Raises InputError for undecodable bytes and ParseError when there is no text to read.
    """
    return parse_text(decode_text(data), name)
