"""A thematic break (--- in Markdown, <hr> in HTML, a line of *** in text) gives a section
pause: a new section without a heading, so no chapter of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tts.build import BuildOptions, build_episode
from tts.text.parse import parse_bytes

LONG = "достаточно длинный, чтобы страница его сохранила при извлечении текста"
CASES = [
    ("a.md", "# Заголовок\n\nПервый абзац.\n\n---\n\nВторой абзац.\n\nТретий абзац.\n"),
    ("a.md", "# Заголовок\n\nПервый абзац.\n\n***\n\nВторой абзац.\n\nТретий абзац.\n"),
    ("a.txt", "Заголовок\n\nПервый абзац.\n\n***\n\nВторой абзац.\n\nТретий абзац.\n"),
    ("a.txt", "Заголовок\n\nПервый абзац.\n* * *\nВторой абзац.\n\nТретий абзац.\n"),
    (
        "a.html",
        "<html><head><title>Заголовок</title></head><body><article><h1>Заголовок</h1>"
        f"<p>Первый абзац, {LONG}.</p><hr><p>Второй абзац, {LONG}.</p>"
        f"<p>Третий абзац, {LONG}.</p></article></body></html>",
    ),
]


@pytest.mark.parametrize(("name", "text"), CASES)
def test_a_thematic_break_starts_a_section_without_a_heading(name: str, text: str) -> None:
    article = parse_bytes(text.encode(), name)
    assert [s.heading for s in article.sections] == [None, None]
    assert [len(s.paragraphs) for s in article.sections] == [1, 2]


def test_breaks_at_the_edges_or_twice_add_no_empty_section() -> None:
    text = "# Заголовок\n\n---\n\nПервый абзац.\n\n---\n\n***\n\nВторой абзац.\n\n---\n"
    assert [len(s.paragraphs) for s in parse_bytes(text.encode(), "a.md").sections] == [1, 1]


def test_the_pause_at_a_break_is_the_section_pause(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTS_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "a.md"
    source.write_text(CASES[0][1], encoding="utf-8")
    episode = build_episode(
        BuildOptions(inputs=(str(source),), outdir=tmp_path / "out", engine="fake")
    ).episode
    s = episode.sentences
    assert [x.text for x in s] == ["Заголовок", "Первый абзац.", "Второй абзац.", "Третий абзац."]
    frame = 1152 / episode.sample_rate  # a pause may grow to the next MP3 frame
    assert 1.2 <= s[2].start - s[1].end < 1.2 + frame + 0.002  # section
    assert 0.7 <= s[3].start - s[2].end < 0.7 + frame + 0.002  # paragraph
    assert len(episode.chapters) == 2  # the title with the lead, then the body, as before
