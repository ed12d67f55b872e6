"""Property tests: parse_bytes on arbitrary input fails only with TTSError, and what it returns
is well formed (issue 8, item 4)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tts.errors import TTSError
from tts.text.parse import parse_bytes
from tts.types import Article

NAMES = ["a.txt", "a.md", "a.html", "-"]
# Text built from pieces the parsers react to, mixed with arbitrary Unicode.
PIECES = st.sampled_from(
    [
        "\n",
        "\n\n",
        "\r\n",
        " ",
        "\t",
        "# ",
        "## ",
        "*",
        "_",
        "`",
        "[",
        "](",
        ")",
        "![",
        "<",
        ">",
        "<p>",
        "</p>",
        "<h2>",
        "</h2>",
        "<script>",
        "<!--",
        "-->",
        "<br>",
        "&amp;",
        "---\n",
        "Глава 1",
        "II",
        "1.",
        "Фото: ",
        "Автор: ",
        "Читайте также",
        "– ",
        "«",
        "»",
        "\u200b",
        "\u202e",
        "🎉",
        "\x00",
        "\ufeff",
        "Текст статьи.",
        "Заголовок",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join)


def check(article: Article) -> None:
    assert article.title == article.title.strip()
    assert article.sections, "an article has at least one section"
    assert article.sections[0].heading is None
    assert any(section.paragraphs for section in article.sections)
    for i, section in enumerate(article.sections):
        if i:  # a heading, or none after a thematic break
            assert section.heading is None or section.heading == section.heading.strip()
            assert section.heading != "", "a heading has words"
            assert section.paragraphs, "only the first section may be empty"
        for paragraph in section.paragraphs:
            assert paragraph and paragraph == paragraph.strip()
            assert "\n" not in paragraph


def parse_or_user_error(data: bytes, name: str) -> None:
    try:
        article = parse_bytes(data, name)
    except TTSError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert article.source == name
    check(article)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
def test_arbitrary_text(name: str, text: str) -> None:
    parse_or_user_error(text.encode("utf-8", "surrogatepass"), name)


@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes(name: str, data: bytes) -> None:
    parse_or_user_error(data, name)


@settings(max_examples=100, deadline=None)
@given(text=st.text(min_size=1, max_size=200))
def test_arbitrary_unicode_as_plain_text(text: str) -> None:
    parse_or_user_error(f"Заголовок\n\n{text}".encode("utf-8", "surrogatepass"), "a.txt")
