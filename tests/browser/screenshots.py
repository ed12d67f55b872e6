"""Screenshots of the read-along page and the library at 1280 px and 390 px, light and dark.

Run: .venv/bin/python tests/browser/screenshots.py [OUT]   (default /tmp/player-shots)
Look at the PNGs before calling a page change done.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pagesite import CHROMIUM, LAUNCH_ARGS, fresh
from playwright.sync_api import sync_playwright

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def main(out: Path) -> None:
    site = fresh(out / "site")
    page_url = (site / "observatoriya-v-stepi" / "index.html").as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        for label, (width, height) in WIDTHS.items():
            for scheme in ("light", "dark"):
                context = browser.new_context(
                    viewport={"width": width, "height": height}, color_scheme=scheme
                )
                page = context.new_page()
                page.goto(page_url)
                page.wait_for_function("document.getElementById('audio').readyState >= 1")
                page.evaluate("document.getElementById('audio').currentTime = 4.0")
                page.wait_for_selector("[data-i='4'][aria-current='true']")
                page.focus(".chapter >> nth=2")
                page.evaluate("window.scrollTo(0, 0)")
                page.screenshot(path=str(out / f"page-{label}-{scheme}.png"), full_page=True)
                page.locator("[data-i='4'] >> xpath=..").screenshot(
                    path=str(out / f"sentence-{label}-{scheme}.png"), scale="device"
                )
                page.goto((site / "index.html").as_uri())
                page.screenshot(path=str(out / f"library-{label}-{scheme}.png"), full_page=True)
                context.close()
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.goto(page_url)
        page.evaluate("document.getElementById('audio').currentTime = 7.95")
        page.wait_for_selector("[data-i='9'][aria-current='true']")
        page.wait_for_timeout(1000)  # the smooth scroll to the sentence
        page.screenshot(path=str(out / "page-phone-scrolled.png"))
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/player-shots"))
