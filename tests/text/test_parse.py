"""tts.text.parse on the shared corpus, on books, on every kind of input without an article."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from helpers import corpus, outline

from tts.errors import InputError, ParseError
from tts.text.parse import detect_format, parse_bytes
from tts.types import Article

DATA = Path(__file__).resolve().parents[1] / "data" / "parse"


def parse_file(path: Path) -> Article:
    return parse_bytes(path.read_bytes(), str(path))


def all_text(article: Article) -> str:
    parts = [article.title]
    for section in article.sections:
        parts += [section.heading or "", *section.paragraphs]
    return "\n".join(parts)


def test_anc_dialogue_title_once_and_no_credit() -> None:
    article = parse_file(corpus("anc-dialogue.txt"))
    assert article.title == "АНК стала платформой для открытого диалога - политолог"
    assert article.source.endswith("anc-dialogue.txt")
    assert [s.heading for s in article.sections] == [None]
    paragraphs = article.sections[0].paragraphs
    assert len(paragraphs) == 7
    assert paragraphs[0].startswith("Политолог, член общественной палаты")
    assert paragraphs[-1].endswith("– заключает политолог.")
    text = all_text(article)
    assert text.count("АНК стала платформой") == 1
    assert "Фото предоставил" not in text
    assert "  " not in text  # the double spaces of the source are collapsed


def test_economy_numbers_credit_dropped_and_text_untouched() -> None:
    article = parse_file(corpus("economy-numbers.txt"))
    assert article.title == "Инфляция в Казахстане замедлилась до 8,5% – Нацбанк"
    paragraphs = article.sections[0].paragraphs
    assert len(paragraphs) == 6
    assert "Фото:" not in all_text(article)
    assert "press@nationalbank.kz" in paragraphs[4]  # parsing never rewrites the text itself
    assert paragraphs[5].startswith("Следующий отчёт")


def test_steppe_markdown_sections_byline_and_plain_text() -> None:
    article = parse_file(corpus("steppe-observatory.md"))
    assert article.title == "Обсерватория в степи: как астрономы Тянь-Шаня ловят гамма-всплески"
    assert article.author == "Мария Исаева"
    assert article.date == "2025-03-03"
    assert [s.heading for s in article.sections] == [None, "История", "Наука сегодня", "Что дальше"]
    assert [len(s.paragraphs) for s in article.sections] == [1, 2, 2, 2]
    text = all_text(article)
    assert "Автор" not in text and "*" not in text and "#" not in text
    assert "https://tsao.kz/about" in article.sections[3].paragraphs[1]


def test_river_cleanup_html_article_only() -> None:
    article = parse_file(corpus("river-cleanup.html"))
    assert article.title == "Волонтёры очистили берег Есиля от 12 тонн мусора"
    assert article.author == "Айгерим Садыкова"
    assert article.date == "2025-06-14"
    assert [s.heading for s in article.sections] == [None, "Что нашли", "Что дальше"]
    assert [len(s.paragraphs) for s in article.sections] == [2, 2, 1]
    assert article.sections[1].paragraphs[1].startswith("«Мы проводим такие акции")
    text = all_text(article)
    assert text.count("Волонтёры очистили берег") == 1
    for unread in (
        "Главная",
        "Спорт",
        "Реклама",
        "кредит под 0%",
        "Фото: Данияр",
        "Волонтёры с",
        "Читайте также",
        "Погода на выходные",
        "Все права защищены",
        "трекер",
        "dataLayer",
        "display",
        "Городские новости",
    ):
        assert unread not in text, unread


def test_portal_html_boilerplate_and_json_ld() -> None:
    article = parse_file(DATA / "portal.html")
    assert article.title == "Школьники Караганды собрали робота-сортировщика"
    assert article.author == "Ерлан Жумабаев"
    assert article.date == "2025-02-03"
    assert outline(article) == (
        "Школьники Караганды собрали робота-сортировщика || "
        "Ученики лицея собрали робота, который отделяет пластик от стекла на ленте конвейера. | "
        "Робот различает отходы по цвету и по весу, ошибаясь реже одного раза из двадцати. | "
        "# Как это работает | "
        "Камера снимает каждый предмет, а маленький компьютер решает, в какой контейнер его "
        "отправить. | На следующий год команда хочет научить робота узнавать картон."
    )


def test_book_text_chapters() -> None:
    article = parse_file(DATA / "book.txt")
    assert article.title == "Степные рассказы"
    assert [s.heading for s in article.sections] == [
        None,
        "Предисловие",
        "Часть первая. Глава 1. Буран",
        None,  # after «* * *»: a section pause, no chapter
        "Глава 2. Весна",
    ]
    assert article.sections[0].paragraphs == ()  # the text starts with a heading
    assert (
        article.sections[1]
        .paragraphs[0]
        .startswith("Эти истории записаны со слов старых чабанов. Каждая из них рассказывалась")
    )
    assert article.sections[2].paragraphs[1:] == (
        "– Не успеем, – сказал старший.",
        "– Успеем, – ответил младший.",
    )
    assert article.sections[3].paragraphs == ("Утром всё стихло.",)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("a.txt", "<p>x</p>", "text"),
        ("a.MD", "x", "markdown"),
        ("a.markdown", "x", "markdown"),
        ("a.htm", "x", "html"),
        ("dir.v2/a.html", "x", "html"),
        ("-", "  <!DOCTYPE html><html>", "html"),
        ("-", "Заголовок\n<html><body>", "html"),
        ("-", "# Заголовок\n\nТекст", "markdown"),
        ("-", "---\ntitle: x\n---\n", "markdown"),
        ("-", "#хэштег в начале", "text"),
        ("-", "Заголовок\n\nТекст", "text"),
        ("notes.rtf", "Заголовок", "text"),
        ("https://example.kz/news/123", "<!doctype html><p>x", "html"),
        ("https://example.kz/raw/a.md?x=1", "<p>x", "markdown"),
    ],
)
def test_detect_format(name: str, text: str, expected: str) -> None:
    assert detect_format(name, text) == expected


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty.txt has no text to read"),
        ("-", b" \n\t\r\n  \n", "standard input has no text to read"),
        ("t.txt", "Только заголовок\n\n".encode(), "has only a title («Только заголовок»)"),
        ("t.txt", "Заголовок\n\nФото: ТАСС\n".encode(), "has only a title"),
        ("h.md", "# Заголовок\n\n## Раздел\n\n### Ещё\n".encode(), "has only a title"),
        ("h.md", b"## \n\n![](a.png)\n\n```\ncode\n```\n", "h.md has no text to read"),
        ("s.html", b"<html><script>alert(1)</script><style>p{}</style></html>", "no text to read"),
        ("c.html", b"<!-- one --><!-- two -->", "c.html has no text to read"),
        ("e.html", b"   ", "e.html has no text to read"),
        ("b.html", b"<html><body></body></html>", "b.html has no text to read"),
        ("n.html", b"<title>x</title><nav><a href='/'>home</a></nav>", "has only a title"),
    ],
)
def test_nothing_to_read_is_a_parse_error(
    name: str, data: bytes, message: str, caplog: pytest.LogCaptureFixture
) -> None:
    with (
        caplog.at_level(logging.DEBUG),
        pytest.raises(ParseError, match=message.replace("(", r"\(").replace(")", r"\)")) as info,
    ):
        parse_bytes(data, name)
    assert "\n" not in str(info.value)
    # the error is the one line: trafilatura's «discarding data: None» came before it
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_binary_input_is_refused() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    with pytest.raises(InputError, match="PNG image"):
        parse_bytes(png, "photo.txt")


def test_malformed_html_is_read() -> None:
    data = (
        "<html><title>Заголовок</title><body><p>Текст без закрытия <b>жирный <i>курсив"
        "<div>ещё</span> текст"
    ).encode()
    article = parse_bytes(data, "m.html")
    assert article.title == "Заголовок"
    assert "Текст без закрытия жирный курсив" in all_text(article)
    assert "ещё текст" in all_text(article)


def test_long_title_kept_whole() -> None:
    title = "Очень длинный заголовок " * 13  # 312 characters
    article = parse_bytes(f"{title}\n\nТекст статьи.".encode(), "t.txt")
    assert article.title == title.strip()


def test_twenty_megabytes_parse_whole() -> None:
    # Its speed (linear, a second or two) is a benchmark: benchmarks/segment_eval.py
    paragraph = "Политолог рассказал о роли АНК в обеспечении мира и согласия. " * 8
    data = ("Заголовок\n\n" + f"{paragraph}\n\n" * 40_000).encode()
    assert len(data) > 20_000_000
    article = parse_bytes(data, "big.txt")
    assert len(article.sections[0].paragraphs) == 40_000


# --- nesting past the parsers' limits loses no text (issue 17, case 5) -----------------------

SHALLOW = ("Мелкий абзац после глубокой части.", "Ещё один абзац.")


def _deep_page(depth: int, tag: str = "div") -> bytes:
    return (
        "<html><body><article><h1>Заголовок</h1><p>Первый абзац статьи.</p>"
        + f"<{tag}>" * depth
        + "<p>Глубокий абзац.</p>"
        + f"</{tag}>" * depth
        + "".join(f"<p>{p}</p>" for p in SHALLOW)
        + "</article></body></html>"
    ).encode()


@pytest.mark.parametrize("depth", [300, 3000, 10_000])
def test_html_nested_past_libxml2s_limit_keeps_every_paragraph(
    depth: int, caplog: pytest.LogCaptureFixture
) -> None:
    # libxml2 stops at 256 levels (2048 with huge_tree) and dropped the rest of the page.
    article = parse_bytes(_deep_page(depth), "deep.html")
    assert article.title == "Заголовок"
    paragraphs = [p for s in article.sections for p in s.paragraphs]
    assert paragraphs == ["Первый абзац статьи.", "Глубокий абзац.", *SHALLOW]
    assert not [r for r in caplog.records if r.levelname == "WARNING"]


def test_flatten_unwraps_only_what_is_too_deep() -> None:
    from tts.text.parse.flatten import flatten

    assert flatten("<div><p>a &amp; b<br>c</p></div>", max_depth=80) == (
        "<div><p>a &amp; b<br>c</p></div>"
    )
    deep = "<div>" * 100 + "<p>текст</p>" + "</div>" * 100
    flat = flatten(deep, max_depth=80)
    assert flat.count("<div>") == 80 - 64 and flat.count("</div>") == 80 - 64
    assert "<p>текст</p>" in flat  # a paragraph keeps its tags: containers make the room
    assert flatten("<b>a</i>b</b></b>", max_depth=80) == "<b>ab</b>"  # strays close nothing


@pytest.mark.parametrize(
    "marker", [">", "> ", "- ", "> - ", "1. "], ids=["quote", "spaced", "list", "mixed", "ordered"]
)
@pytest.mark.parametrize("levels", [20, 25, 500])
def test_markdown_nested_deep_keeps_the_text(marker: str, levels: int) -> None:
    # markdown-it's commonmark preset stops at 20 levels and dropped the quote.
    text = f"# Заголовок\n\nПервый абзац.\n\n{marker * levels}Цитата глубоко.\n\n{SHALLOW[0]}\n"
    article = parse_bytes(text.encode(), "deep.md")
    paragraphs = [p for s in article.sections for p in s.paragraphs]
    assert paragraphs == ["Первый абзац.", "Цитата глубоко.", SHALLOW[0]]


def test_markdown_nested_by_indentation_past_the_limit_keeps_the_text() -> None:
    items = "".join("  " * i + f"- пункт {i}\n" for i in range(80))
    article = parse_bytes(
        f"# Заголовок\n\nПервый абзац.\n\n{items}\n{SHALLOW[0]}\n".encode(), "l.md"
    )
    text = all_text(article)
    assert "пункт 0" in text and "пункт 79" in text and SHALLOW[0] in text
