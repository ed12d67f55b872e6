"""The voice comparison page (`tts voices --samples DIR`) in real chromium, scanned by axe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pagesite import axe_scan, encode_sine
from test_page_in_browser import Session

from tts.build.say import SAMPLE_TEXT
from tts.outputs.samples import Sample, render_samples_page

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def samples_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("samples")
    encode_sine(folder / "espeak.mp3", 3.0)
    samples = [
        Sample("espeak", "eSpeak NG, русский (офлайн)", "espeak", "ru", None, "espeak.mp3", 3.0),
        Sample(
            "silero-xenia",
            "Silero, Ксения",
            "silero",
            "xenia",
            "aidar",
            None,
            skipped="no v5_5_ru model (tts models download)",
        ),  # fmt: skip
    ]
    (folder / "index.html").write_text(render_samples_page(SAMPLE_TEXT, samples), "utf-8")
    return folder / "index.html"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_samples_page_plays_and_passes_axe(browser: Any, samples_page: Path, scheme: str) -> None:
    session = Session(browser, bypass_csp=True, color_scheme=scheme)
    try:
        page = session.page
        page.goto(samples_page.as_uri())
        assert (
            page.evaluate("document.querySelector('audio').getAttribute('aria-labelledby')") == "v0"
        )
        page.evaluate(
            "new Promise(ok => { const a = document.querySelector('audio');"
            " if (a.readyState >= 1) ok(); else a.addEventListener('loadedmetadata', ok); })"
        )
        assert page.evaluate("document.querySelector('audio').duration") == pytest.approx(
            3, abs=0.2
        )
        result = axe_scan(page)
        found = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
        assert found == [], found
        assert len(result["passes"]) > 5
        assert session.errors == []
    finally:
        session.context.close()
