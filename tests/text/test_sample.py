"""The sample article shipped with the package: it parses into a title, two sections and a
quotation, and every sentence reads without a warning."""

from __future__ import annotations

from tts.text import SAMPLE_ARTICLE
from tts.text.normalize import Lexicon, normalize
from tts.text.parse import parse_bytes


def test_sample_has_two_sections_a_quote_and_reads_cleanly() -> None:
    article = parse_bytes(SAMPLE_ARTICLE.read_bytes(), SAMPLE_ARTICLE.name)
    assert article.title == "В Павлодаре библиотека начала выпускать аудиостатьи"
    headed = [s.heading for s in article.sections if s.heading]
    assert headed == ["Кто слушает", "Что дальше"]
    text = "\n".join(p for s in article.sections for p in s.paragraphs)
    assert "«" in text and "»" in text
    lexicon = Lexicon()
    for paragraph in text.splitlines():
        result = normalize(paragraph, lexicon)
        assert not result.warnings, (paragraph, result.warnings)
        assert not any(c.isdigit() for c in result.spoken), result.spoken
