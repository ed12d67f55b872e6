"""The read-along page as HTML: structure, escaping, links. The browser tests are in browser/."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tts.episode import Episode, EpisodeError, clock
from tts.outputs.page import (
    asset,
    format_date_ru,
    iso_duration,
    media_fragment,
    render_episode_page,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "player"
HOSTILE = "</title><script>alert(1)</script>"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


class Tree(HTMLParser):
    """Flat record of start tags (with attributes) and the text inside chosen elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.texts: dict[str, list[str]] = {}
        self.sentence_parent: dict[int, str] = {}
        self.current_span: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag == "span" and found.get("data-i") is not None:
            index = int(found["data-i"] or "")
            self.sentence_parent[index] = self.stack[-1]
            self.current_span.append(index)
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        if tag == "span" and self.current_span:
            self.current_span.pop()

    def handle_data(self, data: str) -> None:
        for tag in set(self.stack):
            self.texts.setdefault(tag, []).append(data)
        if self.current_span:
            self.texts.setdefault(f"s{self.current_span[-1]}", []).append(data)

    def text(self, key: str) -> str:
        return "".join(self.texts.get(key, []))

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def parse(page: str) -> Tree:
    tree = Tree()
    tree.feed(page)
    tree.close()
    return tree


@pytest.fixture(scope="module")
def episode() -> dict[str, Any]:
    return load("episode.json")


@pytest.fixture(scope="module")
def page(episode: dict[str, Any]) -> str:
    return render_episode_page(Episode.from_json(episode), feed_url="../feed.xml")


def test_golden_body(page: str) -> None:
    """The markup between <body> and the inlined script, against a reviewed golden file."""
    body = page.split("<body>\n", 1)[1].split("\n<script>", 1)[0] + "\n"
    golden = DATA / "episode.body.html"
    if os.environ.get("TTS_UPDATE_GOLDEN") == "1":
        golden.write_text(body, encoding="utf-8")
    assert body == golden.read_text(encoding="utf-8")


def test_language_audio_and_no_autoplay(page: str) -> None:
    tree = parse(page)
    assert tree.all("html") == [{"lang": "ru"}]
    (audio,) = tree.all("audio")
    assert "controls" in audio and audio["preload"] == "metadata"
    assert "autoplay" not in audio
    assert tree.all("source") == [
        {"src": "observatoriya-v-stepi.mp3", "type": "audio/mpeg"},
    ]


def test_self_contained(page: str) -> None:
    tree = parse(page)
    links = {(a.get("rel"), a.get("href")) for a in tree.all("link")}
    assert links == {("icon", "data:,"), ("alternate", "../feed.xml")}
    assert all("src" not in a for a in tree.all("script") + tree.all("img"))
    assert len(tree.all("style")) == 1 and len(tree.all("script")) == 1
    for tag, attrs in tree.tags:
        for name in ("src", "href") if tag != "link" else ():
            value = attrs.get(name) or ""
            assert not re.match(r"^([a-z][a-z0-9+.-]*:|//)", value, re.I), value


def test_one_element_per_sentence_with_times(episode: dict[str, Any], page: str) -> None:
    spans = [a for a in parse(page).all("span") if a.get("data-i") is not None]
    assert [int(a["data-i"] or -1) for a in spans] == [s["index"] for s in episode["sentences"]]
    for attrs, sentence in zip(spans, episode["sentences"], strict=True):
        assert float(attrs["data-start"] or "nan") == sentence["start"]
        assert float(attrs["data-end"] or "nan") == sentence["end"]
        assert attrs["id"] == f"s{sentence['index']}"


def test_title_heading_and_paragraph_structure(episode: dict[str, Any], page: str) -> None:
    tree = parse(page)
    expected = {"title": "h1", "heading": "h2", "body": "p"}
    for sentence in episode["sentences"]:
        assert tree.sentence_parent[sentence["index"]] == expected[sentence["kind"]]
    assert tree.text("h1") == episode["title"]
    # 10 sentences in 4 paragraphs: paragraph (section 1, paragraph 0) holds sentences 4 and 5.
    paragraphs = re.findall(r"<p>(<span .*?)</p>", page)
    assert len(paragraphs) == 4
    assert 'data-i="4"' in paragraphs[1] and 'data-i="5"' in paragraphs[1]


def test_written_text_never_spoken(episode: dict[str, Any], page: str) -> None:
    tree = parse(page)
    for sentence in episode["sentences"]:
        assert tree.text(f"s{sentence['index']}") == sentence["text"]
        if sentence["spoken"] != sentence["text"]:
            assert sentence["spoken"] not in page


def test_meta_in_russian(page: str) -> None:
    text = parse(page).text("dl")
    assert "Мария Исаева" in text and "3 марта 2025 г." in text and "0:09" in text


def test_chapters_are_links_into_the_audio_at_their_start(page: str) -> None:
    """Without the script they open the audio file there (#t=); with it they seek the player."""
    links = [a for a in parse(page).all("a") if a.get("class") == "chapter"]
    assert [(a["href"], a["data-start"]) for a in links] == [
        ("observatoriya-v-stepi.mp3#t=0", "0.000"),
        ("observatoriya-v-stepi.mp3#t=3.3", "3.300"),
        ("observatoriya-v-stepi.mp3#t=6.5", "6.500"),
    ]
    assert parse(page).all("button") == []


@pytest.mark.parametrize(
    ("seconds", "fragment"),
    [(0, "#t=0"), (3.3, "#t=3.3"), (10, "#t=10"), (3725.4567, "#t=3725.457")],
)
def test_media_fragment(seconds: float, fragment: str) -> None:
    assert media_fragment(seconds) == fragment


def test_skip_link_targets_the_first_sentence(episode: dict[str, Any], page: str) -> None:
    (skip,) = [a for a in parse(page).all("a") if a.get("class") == "skip"]
    assert skip["href"] == "#s0" and 'id="s0"' in page
    bare = render_episode_page(Episode.from_json({**episode, "sentences": []}))
    assert '<a class="skip" id="skip" href="#text">' in bare


def test_without_javascript_only_script_controls_start_hidden(page: str) -> None:
    tree = parse(page)
    hidden = {a.get("id") for _tag, a in tree.tags if "hidden" in a}
    assert hidden == {"controls", "keys", "hint"}


def test_downloads_list_every_format_but_the_page(episode: dict[str, Any]) -> None:
    rich = copy.deepcopy(episode)
    rich["files"].update(m4a="e.m4a", m4b="e.m4b", opus="e.opus", epub="e.epub")
    tree = parse(render_episode_page(Episode.from_json(rich)))
    links = {a["href"] for a in tree.all("a") if "download" in a}
    assert links == {f for k, f in rich["files"].items() if k != "html"}
    assert "Говорящая книга, EPUB 3" in tree.text("a")
    sources = [s["type"] for s in tree.all("source")]
    assert sources == ["audio/mpeg", "audio/mp4", "audio/ogg; codecs=opus"]


def test_feed_link_only_when_given_and_safe(episode: dict[str, Any]) -> None:
    assert "RSS" not in render_episode_page(Episode.from_json(episode))
    assert 'href="https://example.org/feed.xml"' in render_episode_page(
        Episode.from_json(episode), feed_url="https://example.org/feed.xml"
    )
    assert "javascript:" not in render_episode_page(
        Episode.from_json(episode), feed_url="javascript:alert(1)"
    )


def test_hostile_text_is_escaped() -> None:
    hostile = load("hostile.json")
    page = render_episode_page(Episode.from_json(hostile))
    tree = parse(page)
    assert tree.text("h1") == HOSTILE
    assert tree.text("title") == HOSTILE
    assert len(tree.all("script")) == 1 and tree.all("img") == [] and tree.all("b") == []
    assert all(not k.startswith("on") for _tag, attrs in tree.tags for k in attrs)
    assert "Текст с <img src=x onerror=alert(2)> и ]]> внутри & «кавычки»." in tree.text("p")
    # A file name posing as a URL scheme stays a relative link.
    assert "javascript%3Aalert%284%29" in {a["href"] for a in tree.all("a")}


def test_csp_admits_exactly_the_inlined_script_and_style(page: str) -> None:
    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    csp = next(a["content"] or "" for a in parse(page).all("meta") if a.get("http-equiv"))
    assert f"script-src 'sha256-{digest(asset('player.js'))}'" in csp
    assert f"style-src 'sha256-{digest(asset('player.css'))}'" in csp
    assert csp.startswith("default-src 'none'")


def test_assets_cannot_break_out_of_their_element() -> None:
    for name in ("player.js", "player.css"):
        assert "</" not in asset(name) and "<!--" not in asset(name)


def test_missing_audio_is_refused_before_the_page(episode: dict[str, Any]) -> None:
    broken = copy.deepcopy(episode)
    broken["files"] = {"vtt": "x.vtt"}
    with pytest.raises(EpisodeError, match=r"files\.mp3: missing"):
        Episode.from_json(broken)


def test_incomplete_episode_is_refused_before_the_page(episode: dict[str, Any]) -> None:
    broken = copy.deepcopy(episode)
    del broken["sentences"][3]["start"]
    with pytest.raises(EpisodeError, match=r"sentences\[3\]\.start: missing"):
        Episode.from_json(broken)


@pytest.mark.parametrize(
    ("iso", "shown"),
    [
        ("2025-03-03", "3 марта 2025 г."),
        ("2024-12-31", "31 декабря 2024 г."),
        ("2026-05-01", "1 мая 2026 г."),
        ("2025-13-01", "2025-13-01"),
        ("вчера", "вчера"),
    ],
)
def test_format_date_ru(iso: str, shown: str) -> None:
    assert format_date_ru(iso) == shown


@pytest.mark.parametrize(
    ("seconds", "shown", "iso"),
    [(0, "0:00", "PT0M0S"), (9.4, "0:09", "PT0M9S"), (754, "12:34", "PT12M34S")]
    + [(119.6, "1:59", "PT1M59S"), (3723, "1:02:03", "PT1H2M3S")],
)
def test_shown_duration_and_its_iso_form_round_alike(seconds: float, shown: str, iso: str) -> None:
    assert clock(seconds) == shown and iso_duration(seconds) == iso


def _is_control(char: str) -> bool:
    return ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=4))
def test_any_text_round_trips_as_text(texts: list[str]) -> None:
    """Whatever the article says, the page shows exactly it and adds no element."""
    episode = load("episode.json")
    episode["title"] = texts[0].strip() or "Выпуск"  # an episode always has a title
    episode["sentences"] = [
        {**episode["sentences"][1], "index": i, "text": t} for i, t in enumerate(texts)
    ]
    tree = parse(render_episode_page(Episode.from_json(episode)))
    for i, text in enumerate(texts):
        # Control characters (HTML parse errors) are dropped; nothing else may change.
        expected = "".join(c for c in text if c in "\t\n\x0c\r" or not _is_control(c))
        assert tree.text(f"s{i}") == expected
    spans = len(texts) + len(episode["chapters"])
    assert len(tree.all("script")) == 1 and len(tree.all("span")) == spans
