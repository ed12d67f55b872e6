"""Fixtures for the browser tests: Debian's chromium through Playwright, the built site, and
the preview server (tts.outputs.serve) on 127.0.0.1."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest
from pagesite import AXE, CHROMIUM, LAUNCH_ARGS, build_site, require

from tts.outputs.serve import make_server, server_url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    require(CHROMIUM.exists(), f"{CHROMIUM} is missing (apt-get install chromium)")
    require(AXE.exists(), "axe-core is missing (npm ci --prefix tests/browser)")
    require(find_spec("playwright") is not None, "the playwright package is missing")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    server = make_server(site, port=0)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server_url(server)
    server.shutdown()
    server.server_close()


CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
SAMPLES = ("anc-dialogue.txt", "economy-numbers.txt", "river-cleanup.html", "steppe-observatory.md")


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """The sample articles built by the real pipeline with the deterministic fake engine."""
    require(CORPUS.is_dir(), f"the shared corpus is missing at {CORPUS}")
    from tts.build import BuildOptions, build_episode

    out = tmp_path_factory.mktemp("corpus")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TTS_CACHE_DIR", str(out / "cache"))
        pages = {}
        for name in SAMPLES:
            options = BuildOptions(inputs=(str(CORPUS / name),), outdir=out, engine="fake")
            pages[name] = build_episode(options).folder / "index.html"
        yield pages
