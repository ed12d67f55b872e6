"""Quotations read by the second voice, as the read-along page shows them (real chromium)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pagesite import axe_scan, encode_sine, load
from test_page_in_browser import READY, Session, seek, until, wait_current

from tts.episode import Episode, EpisodePart
from tts.outputs.page import render_episode_page

pytestmark = pytest.mark.slow

QUOTE = "«Мы зимовали на станции вдвоём»"


def _quoted_episode() -> Episode:
    episode = load("episode.json")
    sentences = list(episode.sentences)
    six = sentences[6]
    cut = len(QUOTE)
    assert six.text.startswith(QUOTE)
    parts = (
        EpisodePart((0, cut), "quote", "Мы зимовали на станции вдвоём"),
        EpisodePart((cut, len(six.text)), "main", "вспоминает ветеран обсерватории"),
    )
    sentences[6] = dataclasses.replace(six, parts=parts)
    return dataclasses.replace(
        episode, sentences=tuple(sentences), quote_voice="silero-aidar", quote_speaker="aidar"
    )


@pytest.fixture(scope="module")
def quoted_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    episode = _quoted_episode()
    folder = tmp_path_factory.mktemp("quoted") / episode.slug
    folder.mkdir()
    encode_sine(folder / episode.files.mp3, episode.duration)
    (folder / "index.html").write_text(render_episode_page(episode), encoding="utf-8")
    yield folder / "index.html"


def test_quotation_is_marked_inside_its_sentence(browser: Any, quoted_page: Path) -> None:
    session = Session(browser)
    try:
        page = session.open(quoted_page.as_uri())
        marked = page.locator("[data-i='6'] q.quote")
        assert marked.count() == 1 and marked.inner_text() == QUOTE  # no second pair of marks
        style = page.evaluate(
            "() => { const q = getComputedStyle(document.querySelector('q.quote'));"
            " const s = getComputedStyle(document.querySelector('[data-i=\"6\"]'));"
            " return [q.fontStyle, q.color !== s.color]; }"
        )
        assert style == ["italic", True]
        assert page.locator("q").count() == 1  # other sentences untouched
        assert "Цитаты читает второй голос (aidar)" in page.inner_text("footer")
        marked.click()  # a click on the quotation seeks to its sentence
        wait_current(page, 6)
        assert session.errors == []
    finally:
        session.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_with_a_quotation_highlighted(
    browser: Any, quoted_page: Path, scheme: str
) -> None:
    session = Session(browser, bypass_csp=True, color_scheme=scheme)
    try:
        page = session.page
        page.goto(quoted_page.as_uri())
        until(page, READY)
        seek(page, 6.0)  # the quotation's sentence highlighted: its colours on --now-bg
        wait_current(page, 6)
        result = axe_scan(page)
        found = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
        assert found == [], found
        assert len(result["passes"]) > 10
    finally:
        session.context.close()
