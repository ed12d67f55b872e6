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
# In decoded UTF-16: the controls no text holds (text has tab, newlines, form feed and ESC at most).
_TEXT_CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ufffe\uffff]")
# Told only by a byte order mark or rule 3, never guessed by the detector from bytes without NULs.
_WIDE_ENCODINGS = ("utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le", "utf_7")


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
    """The first rule that holds decides, and each is a test of validity, not a guess:

    1. a byte order mark: that encoding, strictly;
    2. a binary format's signature: refused by name;
    3. NUL bytes on one side of the byte pairs and a strict UTF-16 decoding, in that byte
       order, to text without control characters, mostly in the alphabets read here: UTF-16
       without a byte order mark;
    4. other NUL or control bytes: binary, refused;
    5. valid UTF-8, or valid UTF-8 up to a character cut off at the very end (a download that
       stopped early): UTF-8;
    6. otherwise a legacy 8-bit encoding, detected. Never UTF-16 or UTF-32 here: rule 3 is the
       only way to them without a byte order mark.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding)
    _refuse_signature(data)
    text = _utf16_without_bom(data)
    if text is not None:
        return text
    _refuse_binary(data)
    text = _utf8(data)
    return text if text is not None else _detect(data)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the text starts with a {encoding.upper()} byte order mark but is not valid "
            f"{encoding.upper()} (byte {exc.start})"
        ) from None


def _refuse_signature(data: bytes) -> None:
    for signature, kind in BINARY_SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"this is {kind}, not text")


def _utf16_without_bom(data: bytes) -> str | None:
    """Rule 3. ASCII characters (spaces, digits, newlines) have a NUL high byte in UTF-16, so
    its NULs sit on one side of the pairs: the odd bytes in little-endian, the even in big-endian.
    Decoded in that order, the text must hold no control characters and be mostly in the
    alphabets this tool reads: other bytes paired up decode to Hangul and CJK instead."""
    head = data[:65536]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if even == odd:  # no NULs at all (or no side): not UTF-16 text
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data[: len(data) // 2 * 2].decode(encoding)  # a cut-off last byte is dropped
    except UnicodeDecodeError:
        return None
    if _TEXT_CONTROLS.search(text) is not None:
        return None
    sample = text[:20000]
    if len(_SUSPECT.findall(sample)) > len(sample) // 10:
        return None
    log.info("text is %s without a byte order mark", encoding.upper())
    return text


def _utf8(data: bytes) -> str | None:
    """Rule 5: UTF-8, also when the last character was cut off (it is dropped, with a warning)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        cut_off = exc.reason == "unexpected end of data" and exc.end == len(data)
        if not cut_off:
            return None
        log.warning("the text ends in the middle of a character (cut off?); that character dropped")
        return data[: exc.start].decode("utf-8")


def _refuse_binary(data: bytes) -> None:
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
        best = from_bytes(data, cp_exclusion=list(_WIDE_ENCODINGS)).best()
    if best is None:
        raise InputError("cannot tell the text encoding; save the file as UTF-8 and try again")
    log.info("text is not UTF-8; detected %s", best.encoding)
    return str(best)
