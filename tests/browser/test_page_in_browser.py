"""The read-along page in a real browser (Debian's chromium driven by Playwright).

Skipped with a reason when chromium or axe-core is missing, except in CI (CI=true): there a
missing tool fails the run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pagesite import axe_scan, load

pytestmark = pytest.mark.slow

SLUG = "observatoriya-v-stepi"
HOSTILE = "</title><script>alert(1)</script>"
CURRENT = "Array.from(document.querySelectorAll('[data-i][aria-current]')).map(e => +e.dataset.i)"
READY = "document.getElementById('audio').readyState >= 1"


class Session:
    """One browser context and page, recording console errors, page errors and dialogs."""

    def __init__(self, browser: Any, **options: Any) -> None:
        options.setdefault("viewport", {"width": 1280, "height": 900})
        self.context = browser.new_context(**options)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on(
            "response", lambda r: r.status >= 400 and self.errors.append(f"{r.status} {r.url}")
        )
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, url: str) -> Any:
        self.page.goto(url)
        until(self.page, READY)
        return self.page


def until(page: Any, condition: str, timeout_ms: int = 5000) -> None:
    """Poll a JS condition inside the page.

    Playwright's wait_for_function polls through eval, which the page's own CSP forbids; a
    single evaluate (run by the DevTools protocol, outside the CSP) that polls does not.
    """
    page.evaluate(
        "new Promise((ok, fail) => { const t0 = performance.now(); (function poll() {"
        f" if ({condition}) ok(true);"
        f" else if (performance.now() - t0 > {timeout_ms})"
        f" fail(new Error('timed out waiting for ' + {json.dumps(condition)}));"
        " else setTimeout(poll, 20); })(); })"
    )


@pytest.fixture()
def session(browser: Any) -> Iterator[Session]:
    made = Session(browser)
    yield made
    made.context.close()


@pytest.fixture()
def page(session: Session, site: Path) -> Any:
    return session.open((site / SLUG / "index.html").as_uri())


def seek(page: Any, seconds: float) -> None:
    page.evaluate("t => { document.getElementById('audio').currentTime = t; }", seconds)


def current_time(page: Any) -> float:
    return float(page.evaluate("document.getElementById('audio').currentTime"))


def wait_current(page: Any, index: int) -> None:
    until(page, f"JSON.stringify({CURRENT}) === '[{index}]'")


def blur(page: Any) -> None:
    page.evaluate("document.activeElement && document.activeElement.blur()")


def test_loads_from_file_without_console_errors(session: Session, page: Any) -> None:
    assert page.evaluate("document.documentElement.lang") == "ru"
    assert page.evaluate("document.getElementById('audio').duration") == pytest.approx(9, abs=0.2)
    assert page.is_visible("#controls") and page.is_visible("#chapters")
    assert session.errors == []


def test_current_time_highlights_the_right_sentence(page: Any) -> None:
    # Inside sentences, in the pause between two (the one just read stays), the last one.
    for seconds, index in [(0.5, 0), (1.2, 1), (3.8, 3), (4.0, 4), (6.6, 7), (8.5, 9), (2.0, 1)]:
        seek(page, seconds)
        wait_current(page, index)
        assert page.get_attribute(f"[data-i='{index}']", "aria-current") == "true"
    assert page.locator("[aria-live]").count() == 0


def test_current_sentence_is_outlined_not_only_coloured(page: Any) -> None:
    seek(page, 4.0)
    wait_current(page, 4)
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.querySelector('[data-i=\"4\"]'));"
        " return [s.outlineStyle, s.outlineWidth, s.textDecorationLine]; })()"
    )
    assert style == ["solid", "2px", "underline"]


def test_click_on_a_sentence_seeks_there(page: Any) -> None:
    page.click("[data-i='6']")
    wait_current(page, 6)
    assert 5.6 <= current_time(page) < 6.5
    page.evaluate("document.getElementById('audio').pause()")


def test_enter_on_a_focused_sentence_seeks_there(page: Any) -> None:
    page.focus("[data-i='8']")
    page.keyboard.press("Enter")
    wait_current(page, 8)
    assert 7.0 <= current_time(page) < 7.9
    page.evaluate("document.getElementById('audio').pause()")


def test_click_on_a_chapter_seeks_to_it(page: Any) -> None:
    page.get_by_role("link", name="История").click()
    wait_current(page, 3)
    assert 3.3 <= current_time(page) < 3.9
    assert page.get_attribute(".chapter >> nth=1", "aria-current") == "true"
    assert page.url.endswith("/index.html")  # the page's player seeks; the link is not followed
    page.evaluate("document.getElementById('audio').pause()")


def test_arrows_step_through_sentences(page: Any) -> None:
    seek(page, 4.0)
    wait_current(page, 4)
    blur(page)
    page.keyboard.press("ArrowRight")
    wait_current(page, 5)
    assert current_time(page) == pytest.approx(4.8, abs=0.01)
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    wait_current(page, 3)
    assert current_time(page) == pytest.approx(3.3, abs=0.01)


def test_arrows_move_focus_along_with_a_focused_sentence(page: Any) -> None:
    page.focus("[data-i='1']")
    page.keyboard.press("ArrowRight")
    wait_current(page, 2)
    assert page.evaluate("document.activeElement.dataset.i") == "2"
    # The roving tab stop follows: one sentence in the tab order, the current one.
    assert page.evaluate("[...document.querySelectorAll('[data-i][tabindex=\"0\"]')].length") == 1


def test_space_plays_and_pauses_outside_form_controls(page: Any) -> None:
    blur(page)
    page.keyboard.press(" ")
    until(page, "!document.getElementById('audio').paused")
    page.keyboard.press(" ")
    until(page, "document.getElementById('audio').paused")
    page.focus("#follow")
    page.keyboard.press(" ")  # toggles the checkbox, not the audio
    assert page.evaluate("document.getElementById('audio').paused") is True
    assert page.is_checked("#follow") is False


def test_speed_keys_and_control(page: Any) -> None:
    rate = "document.getElementById('audio').playbackRate"
    blur(page)
    page.keyboard.press("+")
    assert page.evaluate(rate) == 1.25 and page.input_value("#speed") == "1.25"
    for _ in range(6):
        page.keyboard.press("+")
    assert page.evaluate(rate) == 2
    for _ in range(8):
        page.keyboard.press("-")
    assert page.evaluate(rate) == 0.75 and page.input_value("#speed") == "0.75"
    page.select_option("#speed", "1.5")
    assert page.evaluate(rate) == 1.5
    assert page.evaluate("[...document.getElementById('speed').options].map(o => o.value)") == [
        "0.75",
        "1",
        "1.25",
        "1.5",
        "1.75",
        "2",
    ]


def test_shortcuts_are_listed_on_the_page(page: Any) -> None:
    listed = page.inner_text("#keys")
    for words in ("Пробел", "←", "→", "быстрее", "медленнее", "Enter"):
        assert words in listed


def test_auto_scroll_follows_the_sentence_on_a_phone(session: Session, site: Path) -> None:
    session.page.set_viewport_size({"width": 390, "height": 844})
    page = session.open((site / SLUG / "index.html").as_uri())
    assert page.is_checked("#follow")
    seek(page, 8.0)
    wait_current(page, 9)
    until(page, "window.scrollY > 0")
    until(
        page,
        "(() => { const r = document.querySelector('[data-i=\"9\"]').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; })()",
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_reduced_motion_starts_with_auto_scroll_off(browser: Any, site: Path) -> None:
    session = Session(browser, reduced_motion="reduce")
    try:
        page = session.open((site / SLUG / "index.html").as_uri())
        assert page.is_checked("#follow") is False
    finally:
        session.context.close()


def test_without_javascript_audio_text_and_chapters_remain(browser: Any, site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((site / SLUG / "index.html").as_uri())
        assert page.is_visible("audio[controls]")
        assert page.is_visible("text=Обсерваторию основали в 1957 году.")
        assert not page.is_visible("#controls") and page.is_visible("#chapters")
        assert page.locator("[aria-current]").count() == 0
        chapters = page.eval_on_selector_all(
            "#chapters a", "links => links.map(a => [a.getAttribute('href'), a.innerText])"
        )
        mp3 = f"{SLUG}.mp3"
        assert chapters == [
            [
                f"{mp3}#t=0",
                "0:00 Обсерватория в степи: как астрономы Тянь-Шаня ловят гамма-всплески",
            ],
            [f"{mp3}#t=3.3", "0:03 История"],
            [f"{mp3}#t=6.5", "0:06 Что дальше"],
        ]
        # Following one plays the audio file from the chapter (the browser's own player).
        page.click("text=История")
        page.wait_for_url(f"**/{mp3}#t=3.3")
        until(page, "document.querySelector('video, audio').currentTime >= 3.3")
        assert page.evaluate("document.querySelector('video, audio').currentTime") < 6.5
    finally:
        context.close()


# Records every scroll and focus the page's script asks for, before the page's own code runs.
SPY = """window.moves = [];
const watched = [[Element.prototype, "scrollIntoView"], [HTMLElement.prototype, "focus"],
  [Element.prototype, "scrollTo"], [window, "scrollTo"], [window, "scrollBy"]];
for (const [owner, name] of watched) {
  const real = owner[name];
  owner[name] = function (...args) {
    window.moves.push(name + " " + (this.id || ""));
    return real.apply(this, args);
  };
}"""


def settle(page: Any) -> None:
    """Two animation frames and a little more: what the script does on load has happened."""
    page.evaluate("new Promise(ok => requestAnimationFrame(() => requestAnimationFrame(ok)))")
    page.wait_for_timeout(300)


def test_nothing_moves_before_the_reader_acts(session: Session, site: Path) -> None:
    session.page.add_init_script(SPY)
    page = session.open((site / SLUG / "index.html").as_uri())
    settle(page)
    assert page.evaluate("window.moves") == []
    assert page.evaluate("[window.scrollY, document.activeElement.tagName]") == [0, "BODY"]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "skip"
    assert session.errors == []


def test_a_reload_keeps_the_readers_place(session: Session, site: Path) -> None:
    session.page.set_viewport_size({"width": 390, "height": 600})
    page = session.open((site / SLUG / "index.html").as_uri())
    page.evaluate("window.scrollTo(0, 700)")
    until(page, "window.scrollY === 700")
    page.reload()
    until(page, READY)
    until(page, "window.scrollY === 700")  # restored by the browser...
    settle(page)
    assert page.evaluate("window.scrollY") == 700  # ...and left there


def test_skip_link_lands_on_the_current_sentence(session: Session, site: Path) -> None:
    page = session.open((site / SLUG / "index.html").as_uri())
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # before playback: the first sentence, the title's
    focused = "[document.activeElement.dataset.i, document.activeElement.tabIndex]"
    assert page.evaluate(focused) == ["0", 0]
    seek(page, 6.6)
    wait_current(page, 7)
    page.focus("#skip")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.dataset.i") == "7"
    page.keyboard.press("Tab")  # on from the sentence: the next control after it
    assert page.evaluate("document.activeElement.dataset.i") is None
    assert session.errors == []


def test_served_page_plays_and_seeks_with_ranges(
    session: Session, site: Path, base_url: str
) -> None:
    media: list[tuple[int, str | None]] = []
    session.page.on(
        "response",
        lambda r: (
            r.url.endswith(".mp3") and media.append((r.status, r.request.headers.get("range")))
        ),
    )
    page = session.open(f"{base_url}{SLUG}/")
    seek(page, 6.6)
    until(page, "document.getElementById('audio').readyState >= 2")
    wait_current(page, 7)
    assert current_time(page) == pytest.approx(6.6, abs=0.05)
    assert media and all(status == 206 and rng for status, rng in media), media
    page.click("text=Все выпуски")
    page.wait_for_url(base_url + "index.html")
    assert page.title() == "Выпуски"
    assert session.errors == []


def test_server_answers_a_range_fetch_from_the_page(
    browser: Any, site: Path, base_url: str
) -> None:
    # The page's CSP allows no fetch (connect-src falls back to 'none'); bypass it for this probe.
    session = Session(browser, bypass_csp=True)
    try:
        page = session.open(f"{base_url}{SLUG}/")
        mp3 = site / SLUG / f"{SLUG}.mp3"
        answer = page.evaluate(
            """async () => {
                const headers = {Range: 'bytes=100-199'};
                const r = await fetch('observatoriya-v-stepi.mp3', {headers});
                return [r.status, r.headers.get('Content-Range'), r.headers.get('Content-Type'),
                        Array.from(new Uint8Array(await r.arrayBuffer()))];
            }"""
        )
        size = mp3.stat().st_size
        expected = [206, f"bytes 100-199/{size}", "audio/mpeg", list(mp3.read_bytes()[100:200])]
        assert answer == expected
    finally:
        session.context.close()


def test_hostile_title_shows_as_text(browser: Any, site: Path) -> None:
    # The CSP is bypassed so that escaping alone is under test.
    session = Session(browser, bypass_csp=True)
    try:
        page = session.open((site / "hostile" / "index.html").as_uri())
        assert page.text_content("h1") == HOSTILE
        assert page.title() == HOSTILE
        assert page.locator("img").count() == 0
        assert session.dialogs == [] and session.errors == []
    finally:
        session.context.close()


AXE_CASES = [
    (f"{SLUG}/index.html", "light", 1280),
    (f"{SLUG}/index.html", "dark", 390),
    ("hostile/index.html", "light", 390),
    ("index.html", "light", 1280),
    ("index.html", "dark", 390),
]


@pytest.mark.parametrize(("path", "scheme", "width"), AXE_CASES)
def test_axe_finds_no_wcag_violation(
    browser: Any, site: Path, path: str, scheme: str, width: int
) -> None:
    session = Session(
        browser, bypass_csp=True, color_scheme=scheme, viewport={"width": width, "height": 844}
    )
    try:
        page = session.page
        page.goto((site / path).as_uri())
        if page.locator("audio").count():
            until(page, READY)
            seek(page, 4.0)  # a highlighted sentence and chapter are part of the scan
            wait_current(page, 4)
            page.focus("[data-i='4']")
        result = axe_scan(page)
        found = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
        assert found == [], found
        assert len(result["passes"]) > 10  # the scan really ran
        assert session.errors == []
    finally:
        session.context.close()


def test_fixture_times_fit_the_audio() -> None:
    episode = load("episode.json")
    ends = [s.end for s in episode.sentences]
    assert max(ends) <= episode.duration and ends == sorted(ends)


@pytest.mark.parametrize(
    "name",
    ["anc-dialogue.txt", "economy-numbers.txt"] + ["river-cleanup.html", "steppe-observatory.md"],
)
def test_sample_article_pages(browser: Any, corpus_site: dict[str, Path], name: str) -> None:
    """Each corpus article, built by the pipeline: loads cleanly, highlights, passes axe."""
    session = Session(browser, bypass_csp=True, viewport={"width": 390, "height": 844})
    try:
        page = session.open(corpus_site[name].as_uri())
        starts = page.evaluate(
            "[...document.querySelectorAll('[data-i]')].map(e => +e.dataset.start)"
        )
        middle = len(starts) // 2
        seek(page, starts[middle] + 0.01)
        wait_current(page, middle)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        result = axe_scan(page)
        assert [v["id"] for v in result["violations"]] == []
        assert session.errors == []
    finally:
        session.context.close()


def test_focus_is_never_hidden_under_the_sticky_player(session: Session, site: Path) -> None:
    session.page.set_viewport_size({"width": 390, "height": 700})
    page = session.open((site / SLUG / "index.html").as_uri())
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.keyboard.press("Shift+Tab")  # the last link; then walk back up through the page
    for _ in range(14):
        hidden = page.evaluate(
            """(() => {
                const el = document.activeElement, player = document.querySelector('.player');
                if (player.contains(el) || el === document.body) return false;  // past the top
                const r = el.getBoundingClientRect(), p = player.getBoundingClientRect();
                // under the player: overlapping it (the header's links sit above it, in view)
                const under = r.top < p.bottom - 1 && r.bottom > p.top + 1;
                return under || r.bottom > window.innerHeight + 1;
            })()"""
        )
        assert hidden is False, page.evaluate("document.activeElement.outerHTML")
        page.keyboard.press("Shift+Tab")
