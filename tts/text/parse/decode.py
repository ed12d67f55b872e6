"""Bytes -> clean text: encoding detection, line endings, invisible and unspeakable characters."""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

from tts.errors import InputError

log = logging.getLogger(__name__)

# Leading bytes of common binary formats, so the message can name what was given instead.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.epub/.odt file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"ID3", "an MP3 file"),
    (b"RIFF", "a RIFF (WAV/WebP/AVI) file"),
    (b"OggS", "an Ogg file"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)

# Byte order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Characters removed from every text. Cc (controls, except \n and \t), Cf (format: zero-width,
# bidi controls, soft hyphen, BOM), surrogates, private use, noncharacters, variation selectors
# and emoji: an engine either reads them as noise or drops them silently.
# tests/test_parse_decode.py checks the Cc/Cf part of this table against unicodedata.
_INVISIBLE = (
    "\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f"  # Cc; \x0c and \x85 become newlines first
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"  # Cf, Arabic/Syriac marks
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"  # zero-width, bidi, invisible ops
    "\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"  # Cf, incl. emoji tag characters
    "\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff"  # surrogates, private use
    "\ufdd0-\ufdef\ufffe\uffff\ufffd"  # noncharacters and the replacement character
    "\ufe00-\ufe0f\U000e0100-\U000e01ef"  # variation selectors (emoji presentation)
)
_EMOJI = (
    "\u20e3"  # combining keycap: 1️⃣
    "\u231a\u231b\u2328\u23cf\u23e9-\u23fa\u24c2\u25aa\u25ab\u25b6\u25c0\u25fb-\u25fe"
    "\u2600-\u27bf"  # misc symbols and dingbats: ☀ ✅ ✈ ❤
    "\u2934\u2935\u2b05-\u2b07\u2b1b\u2b1c\u2b50\u2b55\u3030\u303d\u3297\u3299"
    "\U0001f000-\U0001faff"  # mahjong..symbols and pictographs extended-A, flags, skin tones
)
# Candidates tried first for non-UTF-8 bytes: Russian texts come in these. Unrestricted
# detection reads short KOI8-R text as Japanese; restricted, it gets realistic Russian right.
LEGACY_ENCODINGS = (
    "cp1251",
    "koi8_r",
    "cp866",
    "iso8859_5",
    "mac_cyrillic",
    "cp1252",
    "iso8859_15",
)
_DROP = re.compile(f"[{_INVISIBLE}{_EMOJI}]+")
# Everything outside these ranges (ASCII, Latin-1, Latin..Cyrillic..Hebrew, general
# punctuation) may need the thorough pass; a Russian text usually holds nothing else.
_SUSPECT = re.compile("[^\t\n -~\u00a0-\u00ac\u00ae-\u05ff\u2010-\u2027\u2030-\u205f]")
_NEWLINES = re.compile("\r\n?|[\x0c\x85\u2028]")
_BINARY_CONTROLS = re.compile(b"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def decode_text(data: bytes) -> str:
    """Decode ``data`` and clean it: one newline style, no invisible characters, NFC.

    Raises InputError for binary data or bytes no text encoding explains.
    """
    text = clean_text(_decode(data))
    log.debug("decoded %d bytes into %d characters", len(data), len(text))
    return text


def clean_text(text: str) -> str:
    if _SUSPECT.search(text) is not None:  # the slow, thorough pass only when it can matter
        text = _NEWLINES.sub("\n", text).replace("\u2029", "\n\n")
        text = _DROP.sub("", text)
    return unicodedata.normalize("NFC", text)


def _decode(data: bytes) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding)
    _refuse_binary(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _detect(data)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the text starts with a {encoding.upper()} byte order mark but is not valid "
            f"{encoding.upper()} (byte {exc.start})"
        ) from None


def _refuse_binary(data: bytes) -> None:
    for signature, kind in BINARY_SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"this is {kind}, not text")
    head = data[:65536]
    if b"\x00" in head:
        raise InputError("this looks like binary data, not text (it holds NUL bytes)")
    if head and len(_BINARY_CONTROLS.findall(head)) > len(head) // 100 + 2:
        raise InputError("this looks like binary data, not text (it holds control bytes)")


def _detect(data: bytes) -> str:
    # Imported here: charset-normalizer is only needed for the rare non-UTF-8 input.
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        best = from_bytes(data).best()
    if best is None:
        raise InputError("cannot tell the text encoding; save the file as UTF-8 and try again")
    log.info("text is not UTF-8; detected %s", best.encoding)
    return str(best)
