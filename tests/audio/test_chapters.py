"""Chapters by time for long texts without headings (issue 18 item 7), on timelines timed as the
tone engine speaks: an hour of plain text is planned in a second, without making its audio."""

from __future__ import annotations

import random

import pytest

from tts.audio.chapters import spread
from tts.audio.timeline import build_timeline
from tts.text.chapters import first_words
from tts.text.parse import parse_bytes
from tts.text.prepare import segment_articles
from tts.types import Pauses, Timeline, Voice
from tts.voice.engines.fake import FakeEngine

RATE = 22050
MINUTE = 60 * RATE
WORDS = " ".join(
    [
        "обсерватория телескоп наблюдения станция учёные сотрудники степь горы небо звёзды",
        "купол зеркало данные сеть сообщения институт студенты практика проект стоимость",
        "модернизация ночь зима весна летом работали установили отправили получили построили",
        "вели следят",
    ]
).split()


def plain_text(paragraphs: int, seed: int = 18, title: str = "Обсерватория в степи") -> str:
    """An article of ``paragraphs`` paragraphs of 3 to 6 sentences, no headings."""
    rng = random.Random(seed)
    parts = [title]
    for n in range(paragraphs):
        sentences = []
        for _ in range(rng.randint(3, 6)):
            words = [rng.choice(WORDS) for _ in range(rng.randint(6, 16))]
            sentences.append(" ".join(words).capitalize() + ".")
        sentences[0] = f"Абзац {n + 1}: {sentences[0][0].lower()}{sentences[0][1:]}"
        parts.append(" ".join(sentences))
    return "\n\n".join(parts) + "\n"


def timeline_of(text: str) -> Timeline:
    """The text parsed and segmented as a build does, timed as the tone engine reads it."""
    article = parse_bytes(text.encode(), "article.txt")
    sentences, plan = segment_articles([article], max_chars=400)
    voice = Voice("test", "fake", "tone", RATE)
    engine = FakeEngine(RATE)
    lengths = [engine.samples(s.text, voice) for s in sentences]
    return build_timeline(sentences, lengths, RATE, Pauses(), plan)


def test_an_hour_of_plain_text_gets_a_chapter_about_every_seven_minutes() -> None:
    timeline = timeline_of(plain_text(197))
    assert 59 * MINUTE < timeline.total < 61 * MINUTE
    chapters = timeline.chapters
    assert 6 <= len(chapters) <= 12  # before: 2 (the title with the lead, then the body)
    assert chapters[0].title == "Обсерватория в степи"
    assert chapters[1].title.startswith("Абзац 2:")  # the body starts at the second paragraph
    for chapter in chapters[1:]:  # the first words of their first paragraph
        assert chapter.title.startswith("Абзац ") and chapter.title.endswith("…")
        assert len(chapter.title) <= 41
    for chapter in chapters[2:-1]:
        assert 5 * MINUTE <= chapter.end - chapter.start <= 10 * MINUTE
    # each begins where a paragraph begins: at the first cue of an «Абзац N:» sentence
    starts = {c.start for c in timeline.cues}
    assert all(c.start in starts for c in chapters)


def test_a_short_plain_text_keeps_the_title_and_the_body() -> None:
    timeline = timeline_of(plain_text(12))
    assert timeline.total < 5 * MINUTE
    assert [c.title[:8] for c in timeline.chapters] == ["Обсерват", "Абзац 2:"]


def test_headings_decide_however_long_their_sections() -> None:
    body = plain_text(197).split("\n\n")
    body.insert(1, "Глава 1")
    body.insert(100, "Глава 2")
    timeline = timeline_of("\n\n".join(body))
    assert [c.title for c in timeline.chapters] == ["Глава 1", "Глава 2"]


def test_spread_cuts_evenly_at_the_nearest_paragraph() -> None:
    paragraphs = [(2 * n + 0.5) * MINUTE for n in range(14)]  # every 2 minutes from 0:30
    chosen = [paragraphs[i] / MINUTE for i in spread(paragraphs, 0, 28 * MINUTE, RATE)]
    assert chosen == [6.5, 14.5, 20.5]  # 28 minutes in four: cuts at 7, 14 and 21, moved


@pytest.mark.parametrize(
    ("minutes", "parts"), [(10, 1), (10.2, 2), (17.5, 2), (24, 3), (60, 9), (120, 17)]
)
def test_spread_parts_stay_between_five_and_ten_minutes(minutes: float, parts: int) -> None:
    paragraphs = [n * RATE for n in range(1, int(minutes * 60))]  # a paragraph a second
    end = round(minutes * MINUTE)
    cuts = [0, *(paragraphs[i] for i in spread(paragraphs, 0, end, RATE)), end]
    assert len(cuts) - 1 == parts
    assert all(5 * MINUTE <= b - a <= 10 * MINUTE for a, b in zip(cuts, cuts[1:], strict=False))


def test_spread_never_leaves_a_sliver() -> None:
    # one huge paragraph after a short lead: no cut a second into the chapter
    assert spread([RATE], 0, 40 * MINUTE, RATE) == []
    assert spread([RATE, 20 * MINUTE], 0, 40 * MINUTE, RATE) == [1]


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("Весной на станции установили новый роботизированный телескоп.",
         "Весной на станции установили новый…"),
        ("Так и вышло.", "Так и вышло…"),  # the chapter goes on after its first sentence
        ("Обсерватория, которую построили в горах, работает.",
         "Обсерватория, которую построили в горах…"),  # no comma before the ellipsis
        ("Гамма" * 10, "Гамма" * 8 + "…"),
    ],
)  # fmt: skip
def test_first_words(sentence: str, title: str) -> None:
    assert first_words(sentence) == title
