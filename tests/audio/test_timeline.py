from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tts.audio.timeline import build_timeline, pause_after, segments
from tts.text.chapters import plan_chapters, shorten
from tts.types import Pauses, Sentence

PAUSES = Pauses(title=900, sentence=300, paragraph=600, section=1200)


def s(
    index: int, section: int, paragraph: int, kind: str = "body", text: str = "Текст."
) -> Sentence:
    return Sentence(index, section, paragraph, (0, len(text)), text, text, kind)  # type: ignore[arg-type]


ARTICLE = [
    s(0, 0, -1, "title", "Заголовок"),
    s(1, 0, 0),
    s(2, 0, 0),
    s(3, 0, 1),
    s(4, 1, -1, "heading", "Раздел"),
    s(5, 1, 0),
]


def test_pause_by_boundary() -> None:
    got = [pause_after(ARTICLE, i, PAUSES) for i in range(len(ARTICLE))]
    assert got == [900, 300, 600, 1200, 600, 0]


def test_cues_follow_lengths_and_pauses_exactly() -> None:
    t = build_timeline(ARTICLE, [100, 200, 300, 400, 500, 600], 1000, PAUSES, [("Т", 0)])
    assert [(c.start, c.end) for c in t.cues][:3] == [(0, 100), (1000, 1200), (1500, 1800)]
    assert t.total == t.cues[-1].end


def test_chapters_per_heading_with_lead() -> None:
    assert plan_chapters(ARTICLE, "Заголовок") == [("Заголовок", 0), ("Раздел", 4)]


def test_chapters_without_headings_are_lead_and_body() -> None:
    plain = [s(0, 0, -1, "title"), s(1, 0, 0, text="Лид."), s(2, 0, 1, text="Второй абзац.")]
    assert plan_chapters(plain, "Т") == [("Т", 0), ("Второй абзац", 2)]


def test_article_starting_with_heading_has_no_empty_chapter() -> None:
    doc = [s(0, 0, -1, "title"), s(1, 1, -1, "heading", "Начало"), s(2, 1, 0)]
    assert plan_chapters(doc, "Т") == [("Начало", 0)]


def test_shorten_cuts_at_word() -> None:
    assert shorten("слово " * 20, 20) == "слово слово слово…"


@st.composite
def articles(draw: st.DrawFn) -> tuple[list[Sentence], list[int], list[tuple[str, int]]]:
    shape = draw(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=40))
    sentences = [s(0, 0, -1, "title")]
    section, paragraph = 0, 0
    for new_section, new_paragraph in shape:
        if new_section:
            section += 1
            paragraph = 0
            sentences.append(s(len(sentences), section, -1, "heading"))
        elif new_paragraph:
            paragraph += 1
        sentences.append(s(len(sentences), section, paragraph))
    lengths = draw(
        st.lists(st.integers(0, 50_000), min_size=len(sentences), max_size=len(sentences))
    )
    return sentences, lengths, plan_chapters(sentences, "Т")


@given(articles(), st.sampled_from([8000, 22050, 24000, 48000]))
def test_timeline_invariants(
    case: tuple[list[Sentence], list[int], list[tuple[str, int]]], rate: int
) -> None:
    sentences, lengths, plan = case
    t = build_timeline(sentences, lengths, rate, PAUSES, plan)
    for cue, length in zip(t.cues, lengths, strict=True):
        assert cue.end - cue.start == length
    for a, b in zip(t.cues, t.cues[1:], strict=False):
        assert a.end <= b.start
    assert t.total == t.cues[-1].end
    assert t.chapters[0].start == 0 and t.chapters[-1].end == t.total or t.total == 0
    for a, b in zip(t.chapters, t.chapters[1:], strict=False):
        assert a.end == b.start and a.start < a.end
    assert sum(n for _, n in segments(t)) == t.total


def _long_article(n: int) -> list[Sentence]:
    return [s(i, 0, i // 3) for i in range(n)]


def test_chunks_start_on_frames_after_a_silent_seam() -> None:
    doc = _long_article(20)
    lengths = [1000 + 37 * i for i in range(20)]
    t = build_timeline(doc, lengths, 1000, PAUSES, [("Т", 0)], align=576, min_gap=500)
    assert len(t.chunks) > 3 and t.chunks[0] == 0
    ends = [c.end for c in t.cues]
    for start in t.chunks[1:]:
        assert start % 576 == 0
        assert start - max(e for e in ends if e <= start) >= 500  # the seam is silence
        assert any(c.start == start for c in t.cues)  # a chunk starts with its first cue


def test_an_edit_moves_later_chunks_by_whole_frames() -> None:
    doc = _long_article(20)
    lengths = [1000 + 37 * i for i in range(20)]
    before = build_timeline(doc, lengths, 1000, PAUSES, [("Т", 0)], align=576, min_gap=500)
    lengths[1] += 123
    after = build_timeline(doc, lengths, 1000, PAUSES, [("Т", 0)], align=576, min_gap=500)
    assert len(after.chunks) == len(before.chunks)
    shift = after.chunks[2] - before.chunks[2]
    assert shift % 576 == 0
    # Every later chunk keeps its content: the same cues at the same offsets within it.
    assert [a - shift for a in after.chunks[2:]] == list(before.chunks[2:])
    assert [c.start - shift for c in after.cues[6:]] == [c.start for c in before.cues[6:]]


def test_without_align_there_is_one_chunk() -> None:
    t = build_timeline(ARTICLE, [100, 200, 300, 400, 500, 600], 1000, PAUSES, [("Т", 0)])
    assert t.chunks == (0,)
