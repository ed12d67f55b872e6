"""tts.text.parse.decode_text: encodings, binary refusal, invisible characters, line endings."""

from __future__ import annotations

import codecs
import sys
import unicodedata

import pytest

from tts.errors import InputError
from tts.text.parse import decode_text, parse_bytes
from tts.text.parse.decode import clean_text

PARAGRAPH = (
    "Политолог, член общественной палаты при Мажилисе Парламента РК, рассказал о том, какую "
    "роль играет Ассамблея народа Казахстана в обеспечении межэтнического мира и согласия. "
    "«Нам удалось объединить различные этносы под едиными ценностями», – объясняет он."
)
# KOI8-R and CP866 have no «», – : texts in them use ASCII quotes and hyphens.
PLAIN_PARAGRAPH = PARAGRAPH.replace("«", '"').replace("»", '"').replace("–", "-")
ARTICLE = f"Ассамблея народа Казахстана\n\n{PARAGRAPH}\n"
PLAIN_ARTICLE = f"Ассамблея народа Казахстана\n\n{PLAIN_PARAGRAPH}\n"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [("cp1251", PARAGRAPH), ("koi8_r", PLAIN_PARAGRAPH), ("cp866", PLAIN_PARAGRAPH)],
)
def test_legacy_russian_encodings_detected(encoding: str, text: str) -> None:
    assert decode_text(text.encode(encoding)) == text


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_short_legacy_text_detected(encoding: str) -> None:
    assert decode_text("Привет, мир. Как дела?".encode(encoding)) == "Привет, мир. Как дела?"


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + ARTICLE.encode("utf-8"),
        codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"),
        ARTICLE.encode("utf-16"),  # Python writes the BOM itself
        ARTICLE.encode("utf-32"),
    ],
)
def test_unicode_with_bom(data: bytes) -> None:
    assert decode_text(data) == ARTICLE


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_utf16(encoding: str) -> None:
    # Notepad's "Unicode" without its mark, or a tool that strips marks (issue 17, case 15).
    data = ARTICLE.encode(encoding)
    assert decode_text(data) == ARTICLE
    assert decode_text(data[:-1]) == ARTICLE[:-1]  # an odd byte at the end is dropped


def test_utf8_cut_off_anywhere_is_read_as_utf8(caplog: pytest.LogCaptureFixture) -> None:
    # A download that stopped early ends in the middle of a character: what came is UTF-8,
    # never UTF-16 or a legacy guess (it was read as UTF-16 garbage, or refused, before).
    data = (ARTICLE * 3).encode()
    for end in range(1, len(data)):
        assert decode_text(data[:end]) == data[:end].decode("utf-8", errors="ignore"), end
    assert "ends in the middle of a character" in caplog.text


def test_cp1251_file_parses_like_utf8() -> None:
    assert parse_bytes(ARTICLE.encode("cp1251"), "a.txt") == parse_bytes(ARTICLE.encode(), "a.txt")
    plain = parse_bytes(PLAIN_ARTICLE.encode(), "a.txt")
    assert parse_bytes(PLAIN_ARTICLE.encode("koi8_r"), "a.txt") == plain


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "this is a PNG image, not text"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "this is a PDF document, not text"),
        (b"PK\x03\x04\x14\x00", "ZIP archive"),
        ("Текст\x00с нулём".encode(), "NUL bytes"),
        (bytes(range(1, 32)) * 20, "control bytes"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid UTF-16-LE"),
    ],
)
def test_binary_refused_with_one_line(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        decode_text(data)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("written", "clean"),
    [
        ("а\r\nб\rв\nг", "а\nб\nв\nг"),  # Windows, old Mac and Unix line endings mixed
        ("а\u2028б\u2029в\x0cг\x85д", "а\nб\n\nв\nг\nд"),
        ("при\u200bвет\u200c \u200dмир\u2060\ufeff", "привет мир"),  # zero-width
        ("\u202bשלום\u202c и \u2067مرحبا\u2069", "שלום и مرحبا"),  # bidi controls, RTL kept
        ("звон\x07ок\x1b[0m\tтаб", "звонок[0m\tтаб"),  # controls; tab kept
        ("пере\u00adнос", "перенос"),  # soft hyphen
        ("Ура 🎉🇰🇿 👍🏽 ❤️ 1️⃣ ✅!", "Ура    1 !"),  # emoji, flags, skin tones, keycaps
        ("е\u0308лка й", "ёлка й"),  # NFC composes ё
        ("№ 5, © 2025, 25 °C, 5 € — «так»", "№ 5, © 2025, 25 °C, 5 € — «так»"),  # symbols stay
        ("\ue000частное\U000f0000", "частное"),  # private use
    ],
)
def test_clean_text(written: str, clean: str) -> None:
    assert decode_text(written.encode("utf-8")) == clean


def test_every_control_and_format_character_is_removed() -> None:
    """The hand-written removal table covers every Cc (but \\n, \\t) and Cf of this Python."""
    kept = []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        if category not in ("Cc", "Cf"):
            continue
        removed = clean_text(f"а{char}б") in ("аб", "а\nб")
        if category in ("Cc", "Cf") and char not in "\n\t" and not removed:
            kept.append(f"U+{code:04X}")
    assert kept == []
