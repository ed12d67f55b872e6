"""Property tests over arbitrary Unicode for what the other suites leave out (issue 8 item 4).

Already covered elsewhere, not repeated here: parse_bytes alone (test_parse_properties),
split_paragraph / split_clauses / segment_article on built Articles (test_segment), normalize on
short text (test_normalize), the timeline with fixed pauses (test_timeline). Here: the stages
composed (bytes -> Article -> sentences -> spoken text), the timeline with random pauses and a
lead, and (at the end) the regressions found by the fuzz script (benchmarks/fuzz.py).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tts.audio.timeline import build_timeline, pause_after
from tts.errors import TTSError
from tts.text.chapters import plan_chapters
from tts.text.normalize import ALPHABET, is_speakable, normalize
from tts.text.parse import parse_bytes
from tts.text.prepare import segment_articles
from tts.text.segment import segment_article
from tts.types import Article, Pauses
from tts.voice.clips import ms_to_samples

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Arbitrary Unicode, weighted towards what articles hold: Cyrillic, punctuation, breaks.
PIECES = st.sampled_from(
    ["Привет, мир.", " Ещё одно предложение!", "\n\n", "\n", "# ", "<p>", "</p>", "«", "»",
     " – ", "т. е.", "1 500", "…", "?", "\u00a0", "\u200b", "ё"]
)  # fmt: skip
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=15)), max_size=30).map("".join)


def _article_or_none(data: bytes, name: str) -> Article | None:
    try:
        return parse_bytes(data, name)
    except TTSError:
        return None


def _written(article: Article) -> str:
    parts = [article.title]
    for section in article.sections:
        parts += [section.heading or "", *section.paragraphs]
    return "".join("".join(parts).split())


@SETTINGS
@given(TEXT, st.sampled_from(["a.txt", "a.md", "a.html"]), st.integers(20, 1000))
def test_sentences_cover_the_parsed_text_in_order(text: str, name: str, max_chars: int) -> None:
    article = _article_or_none(text.encode("utf-8", "surrogatepass"), name)
    if article is None:
        return
    sentences = segment_article(article, max_chars)
    assert "".join("".join(s.text.split()) for s in sentences) == _written(article)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    order = [(s.section, s.kind != "title", s.kind == "body", s.paragraph) for s in sentences]
    assert order == sorted(order)


@SETTINGS
@given(TEXT)
@example("Заголовок\n\n\u0301\u0301 ₸ ǅ ß ﬁ 𝔘 ꙮ Ꙭ")
def test_every_spoken_sentence_stays_inside_the_alphabet(text: str) -> None:
    article = _article_or_none(f"Заголовок\n\n{text}".encode("utf-8", "surrogatepass"), "a.txt")
    if article is None:
        return
    sentences, _ = segment_articles([article], max_chars=400)
    for sentence in sentences:
        result = normalize(sentence.text)
        assert set(result.spoken) <= ALPHABET, (sentence.text, result.spoken)
        assert result.text == sentence.text


PAUSES = st.builds(
    Pauses,
    title=st.integers(0, 3000),
    sentence=st.integers(0, 3000),
    paragraph=st.integers(0, 3000),
    section=st.integers(0, 3000),
)


@SETTINGS
@given(
    TEXT,
    PAUSES,
    st.sampled_from([8000, 22050, 24000, 48000]),
    st.integers(0, 100_000),
    st.data(),
)
def test_timeline_with_random_pauses_and_lead(
    text: str, pauses: Pauses, rate: int, lead: int, data: st.DataObject
) -> None:
    article = _article_or_none(f"Заголовок\n\n{text}".encode("utf-8", "surrogatepass"), "a.md")
    if article is None:
        return
    sentences = segment_article(article, 200)
    lengths = data.draw(st.lists(st.integers(0, 200_000), min_size=len(sentences),
                                 max_size=len(sentences)))  # fmt: skip
    t = build_timeline(
        sentences, lengths, rate, pauses, plan_chapters(sentences, article.title),
        lead=lead, lead_title="Заставка" if lead else None,
    )  # fmt: skip
    assert t.cues[0].start == lead and t.total == t.cues[-1].end
    for n, (cue, length) in enumerate(zip(t.cues, lengths, strict=True)):
        assert cue.end - cue.start == length
        if n + 1 < len(t.cues):
            gap = ms_to_samples(pause_after(sentences, n, pauses), rate)
            assert t.cues[n + 1].start - cue.end == gap
    assert t.chapters[0].start == 0 and t.chapters[-1].end == t.total
    for a, b in zip(t.chapters, t.chapters[1:], strict=False):
        assert a.end == b.start and a.start <= a.end
    starts = {c.start for c in t.cues} | {0}
    assert all(c.start in starts for c in t.chapters)


# Regressions found by benchmarks/fuzz.py go here, one test (or @example) per crash.


@pytest.mark.parametrize(
    ("text", "digits"),
    [("11\x16g1.799999999999999999999999999999999999999999999999g\x7f\x7f", "девять девять"),
     ("Версия 1." + "9" * 40, "девять девять"), ("Ровно " + "1" * 34 + " штук.", "один один"),
     ("о " + "7" * 40 + " случаях", "семь семь")],
)  # fmt: skip
def test_numbers_too_large_to_name_are_read_digit_by_digit(text: str, digits: str) -> None:
    spoken = normalize(text).spoken  # the first one raised KeyError inside num2words
    assert is_speakable(spoken) and digits in spoken
