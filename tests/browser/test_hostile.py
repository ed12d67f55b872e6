"""An article whose title and text carry markup, built by the real pipeline and opened in a
real browser (issue 8 item 3): it shows as text, nothing runs, on the episode page and the
library page. The page's CSP is bypassed so that escaping alone is under test."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from tts.build import BuildOptions, build_episode
from tts.outputs.serve import make_server, server_url

pytestmark = pytest.mark.slow

HOSTILE = "</title><script>alert(1)</script>"
BODY = "Конец ]]> и <img src=x onerror=alert(2)> в тексте. <svg onload=alert(3)>"


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    out = tmp_path_factory.mktemp("hostile-site")
    source = out.parent / "hostile-article.txt"
    source.write_text(f"{HOSTILE}\n\n{BODY}\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TTS_CACHE_DIR", str(out.parent / "hostile-cache"))
        result = build_episode(BuildOptions(inputs=(str(source),), outdir=out, engine="fake"))
    server = make_server(out, port=0)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server_url(server), result.folder.name
    server.shutdown()
    server.server_close()


def _open(browser: Any, url: str) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    page.wait_for_load_state("load")
    return context, page, dialogs


def test_episode_page_shows_the_markup_as_text(browser: Any, hostile_url: tuple[str, str]) -> None:
    base, slug = hostile_url
    context, page, dialogs = _open(browser, f"{base}{slug}/")
    try:
        assert page.title() == HOSTILE
        assert page.text_content("h1") == HOSTILE
        assert "]]> и <img src=x onerror=alert(2)> в тексте." in page.inner_text("body")
        assert page.locator("img, svg[onload], main script").count() == 0
        assert dialogs == []
    finally:
        context.close()


def test_library_page_shows_the_markup_as_text(browser: Any, hostile_url: tuple[str, str]) -> None:
    base, _ = hostile_url
    context, page, dialogs = _open(browser, base)
    try:
        assert HOSTILE in page.inner_text("body")
        assert page.locator("img[onerror], svg[onload]").count() == 0
        assert dialogs == []
    finally:
        context.close()
