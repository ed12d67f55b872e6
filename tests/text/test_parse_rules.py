"""One-line cases for the text rules: credits, furniture, bylines, dates, headings, wrapping.

Parse cases read ``input -> outline`` where the outline is ``title || # heading | paragraph``.
"""

from __future__ import annotations

import pytest
from helpers import outline

from tts.text.parse import parse_bytes
from tts.text.parse.rules import is_credit, is_furniture, parse_byline, parse_date

CREDITS = [
    ("Фото предоставил Айбек Кумысбеков", True),
    ("Фото предоставлено пресс-службой акимата", True),
    ("Фото: пресс-служба Национального банка РК", True),
    ("Фото — Данияр Омаров", True),
    ("Фото пресс-службы МВД", True),
    ("Фото из архива редакции", True),
    ("Фото из открытых источников", True),
    ("Фото с сайта gov.kz", True),
    ("Иллюстрация: ИИ", True),
    ("Иллюстративное фото", True),
    ("Коллаж: Tengrinews", True),
    ("Фото/видео: очевидцы", True),
    ("*Фото: Reuters*", True),
    ("(Фото: Reuters)", True),
    ("© Фото: Sputnik", True),
    ("Кадр из видео", True),
    ("Фотографии с места событий разлетелись по сети за час.", False),
    ("Фотограф Данияр Омаров снимал акцию с самого утра.", False),
    ("Видеозапись совещания опубликовали вечером.", False),
    ("Фото: " + "очень длинная подпись " * 12, False),  # longer than a credit: prose
]


@pytest.mark.parametrize(("line", "credit"), CREDITS)
def test_credit_lines(line: str, credit: bool) -> None:
    assert is_credit(line) is credit


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("Читайте также: Как устроена переработка мусора", True),
        ("Смотрите также", True),
        ("Подписывайтесь на наш Telegram-канал", True),
        ("Читайте нас в Telegram", True),
        ("Реклама: кредит под 0% – оформите за 5 минут!", True),
        ("Реклама", True),
        ("На правах рекламы", True),
        ("Поделиться", True),
        ("© 2025 Городские новости. Все права защищены.", True),
        ("Реклама алкоголя запрещена с 2012 года.", False),
        ("Поделиться опытом приехали учителя из десяти областей.", False),
        ("Все права на землю остались за фермером.", False),
    ],
)
def test_furniture_lines(line: str, furniture: bool) -> None:
    assert is_furniture(line) is furniture


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("*Автор: Мария Исаева, 3 марта 2025 года*", ("Мария Исаева", "2025-03-03")),
        ("Автор: Мария Исаева", ("Мария Исаева", None)),
        ("Текст: Иван Петров", ("Иван Петров", None)),
        ("Автор текста — Айгерим Садыкова, 14.06.2025", ("Айгерим Садыкова", "2025-06-14")),
        ("Подготовила Анна Ким", None),  # no colon or dash: could be a sentence
        ("12 ноября 2024 г.", (None, "2024-11-12")),
        ("Опубликовано: 12.11.2024, 10:30", (None, "2024-11-12")),
        ("2025-01-31", (None, "2025-01-31")),
        ("Автор статьи уверен, что всё будет хорошо.", None),
        ("В 2025 году инфляция замедлилась.", None),
    ],
)
def test_bylines(line: str, expected: tuple[str | None, str | None] | None) -> None:
    assert parse_byline(line) == expected


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("1 мая 2024", "2024-05-01"),
        ("20 июня 2023 года", "2023-06-20"),
        ("31 декабря 1999 г.", "1999-12-31"),
        ("30 февраля 2024", None),
        ("2025-06-14T09:30:00+05:00", "2025-06-14"),
        ("без даты", None),
    ],
)
def test_dates(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


TEXT_CASES = [
    # title, repeated title, credit, paragraphs
    ("Т\n\nТ\nФото: А. Б.\n\nАбзац один.\n\nАбзац два.", "Т || Абзац один. | Абзац два."),
    ("Т\nАвтор: Анна Ким\n\nТекст.", "Т || Текст."),
    # single newlines: a line ending a sentence starts a paragraph, otherwise it was wrapped
    (
        "Т\n\nПервая строка\nпродолжается здесь.\nВторая мысль.",
        "Т || Первая строка продолжается здесь. | Вторая мысль.",
    ),
    ("Т\n\nГород Алма-\nАта стоит.", "Т || Город Алма-Ата стоит."),
    ("Т\n\nОн сказал:\n– Пойдём.\n– Нет.", "Т || Он сказал: | – Пойдём. | – Нет."),
    ("Т\n\nСписок:\n1. один\n2. два", "Т || Список: | 1. один | 2. два"),
    # headings a book uses
    ("Т\n\nГлава 1\n\nТекст.", "Т || # Глава 1 | Текст."),
    ("Т\n\nГЛАВА ПЕРВАЯ\n\nТекст.", "Т || # ГЛАВА ПЕРВАЯ | Текст."),
    (
        "Т\n\nЧасть вторая\n\nГлава III. Возвращение\n\nТекст.",
        "Т || # Часть вторая. Глава III. Возвращение | Текст.",
    ),
    ("Т\n\nВступление.\n\nПролог\n\nТекст.", "Т || Вступление. | # Пролог | Текст."),
    ("Т\n\nI\n\nРаз.\n\nII\n\nДва.", "Т || # I | Раз. | # II | Два."),
    ("Т\n\n1. Начало\n\nРаз.\n\n2. Конец\n\nДва.", "Т || # 1. Начало | Раз. | # 2. Конец | Два."),
    ("Т\n\nРаз.\n\n* * *\n\nДва.", "Т || Раз. | Два."),
    # what a news article holds must stay text
    ("Т\n\nЧасть средств ушла на ремонт\n\nТекст.", "Т || Часть средств ушла на ремонт | Текст."),
    (
        "Т\n\nГлава 1 района заявил, что дорогу откроют.\n\nТекст.",
        "Т || Глава 1 района заявил, что дорогу откроют. | Текст.",
    ),
    ("Т\n\n1. Снижение налогов\n\nТекст.", "Т || 1. Снижение налогов | Текст."),  # one alone
    ("Т\n\nI\n\nТекст.", "Т || I | Текст."),
    ("Т\n\nMix\n\nРаз.\n\nCivil\n\nДва.", "Т || Mix | Раз. | Civil | Два."),
    ("Т\n\n2024.\n\nРаз.\n\n2025.\n\nДва.", "Т || 2024. | Раз. | 2025. | Два."),
    # odd but readable inputs (issue 8): parsing keeps them, later stages decide
    ("%%% ### ...\n\nТекст.", "%%% ### ... || Текст."),  # a title of symbols only
    ("1234567890 ABC\n\n0987 xyz", "1234567890 ABC || 0987 xyz"),  # nothing Russian
    ("\u200fשלום עולם\n\nמה שלומך?", "שלום עולם || מה שלומך?"),  # right-to-left
    ("Т 🎉\r\n\r\nРаз\u200b.\rДва.\n", "Т || Раз. | Два."),  # emoji, zero-width, endings
]


@pytest.mark.parametrize(("text", "expected"), TEXT_CASES)
def test_plain_text(text: str, expected: str) -> None:
    assert outline(parse_bytes(text.encode(), "a.txt")) == expected


MARKDOWN_CASES = [
    ("# Т\n\nТекст с *курсивом*, **жирным** и `кодом`.", "Т || Текст с курсивом, жирным и кодом."),
    ("# Т\n\n[Ссылка](https://x.kz) и ![фото](a.png) картинка.", "Т || Ссылка и картинка."),
    ("# Т\n\nТекст <span>с тегом</span>.\n\n<div>\nблок\n</div>\n", "Т || Текст с тегом."),
    ("# Т\n\nРаз<br>два <!-- заметка -->три.", "Т || Раз два три."),
    ("# Т\n\n- один\n- два\n\n> цитата", "Т || один | два | цитата"),
    ("# Т\n\n```\nx = 1\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nТекст.", "Т || Текст."),
    ("# Т\n\nТекст.\n\n## Р1\n\n### Р2\n\nЕщё.", "Т || Текст. | # Р1. Р2 | Ещё."),
    ("Т\n===\n\nТекст.\n\nРаздел\n------\n\nЕщё.", "Т || Текст. | # Раздел | Ещё."),
    ("---\ntitle: Из шапки\nauthor: Анна\n---\n\nТекст.", "Из шапки || Текст."),
    ("# Т\n\n*Фото: ТАСС*\n\nТекст \\*со звёздочкой\\*.", "Т || Текст *со звёздочкой*."),
    ("# Т\n\nТекст.\n\n## Пустой раздел в конце", "Т || Текст."),
]


@pytest.mark.parametrize(("text", "expected"), MARKDOWN_CASES)
def test_markdown(text: str, expected: str) -> None:
    assert outline(parse_bytes(text.encode(), "a.md")) == expected


def test_markdown_front_matter_metadata() -> None:
    article = parse_bytes(b"---\ntitle: T\nauthor: Anna\ndate: 2025-01-02\n---\nText.", "a.md")
    assert (article.title, article.author, article.date) == ("T", "Anna", "2025-01-02")


HTML_CASES = [
    ("<title>Т</title><h1>Т</h1><p>Раз.</p><h2>Р</h2><p>Два.</p>", "Т || Раз. | # Р | Два."),
    (
        "<p>Только абзац без заголовка.</p>",
        "Только абзац без заголовка. || Только абзац без заголовка.",
    ),
    ("<title>Т</title><p>Раз<br>два.</p><ul><li>пункт</li></ul>", "Т || Раз два. | пункт"),
    ("<title>Т</title><p>Раз.</p><p>Фото: ТАСС</p><p>Читайте также: другое</p>", "Т || Раз."),
    (
        "<title>Т</title><body><p>Раз.</p><table><tr><td>ячейка</td></tr></table></body>",
        "Т || Раз.",
    ),
    ("<title>Т | Сайт</title><article><h1>Т</h1><p>Раз.</p></article>", "Т || Раз."),
]


@pytest.mark.parametrize(("html", "expected"), HTML_CASES)
def test_html(html: str, expected: str) -> None:
    assert outline(parse_bytes(html.encode(), "a.html")) == expected
