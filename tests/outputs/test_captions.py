"""Captions (issue 18 item 6): cues of at most 2 lines × 42 characters, cut where a reader
would pause, timed by the spoken form. Cases: ` | ` ends a line, ` || ` ends a cue."""

from __future__ import annotations

import json
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tts.audio.timeline import build_timeline
from tts.outputs.captions import LINE_CHARS, MAX_LINES, captions, cut, one_line, split_time
from tts.outputs.transcript import compose_json, compose_srt, compose_vtt
from tts.types import Cue, Pauses, Sentence, Timeline

CUT_CASES = [
    "Коротко и ясно.",
    # two lines of one cue, as even as the words allow
    "Первые снимки обсерватория получила | 15 марта в 22:30 по времени Астаны.",
    # a semicolon ends a cue; a comma before «а» ends a line
    "Цены на продовольственные | товары за месяц выросли на 0,6%; || "
    "на непродовольственные – на 0,9%, | а платные услуги подорожали на 1,2%.",
    # a comma before «чтобы» ends a cue, even inside a quotation; a comma ends a line
    "Министр отметил: «Мы сделаем всё, || чтобы обсерватория работала круглый год, | даже зимой».",
    # a dash stays at the end of a line, as Russian typesetting keeps it
    "Больше всего собрали пластиковых бутылок – | почти 4,5 тонны, а шин – 17.",
    # the most even split would be «А. С. | Иванов», «в 18 | млн» or leave «в» hanging
    "Отчёт прочитал профессор | А. С. Иванов из Алма-Аты на встрече.",
    "Ремонт обошёлся почти | в 18 млн тенге из бюджета области.",
]


def _render(text: str) -> str:
    return " || ".join(" | ".join(piece.lines) for piece in cut(text))


@pytest.mark.parametrize("case", CUT_CASES)
def test_cut_case(case: str) -> None:
    text = case.replace(" || ", " ").replace(" | ", " ")
    assert _render(text) == case


def test_a_word_longer_than_a_line_is_cut_inside() -> None:
    url = "https://example.org/a/very/long/path/to/the/article/about/the/observatory"
    assert [p.lines for p in cut(f"Адрес: {url}")] == [("Адрес:",), (url[:42], url[42:])]


def test_anc_sentence_of_394_characters_becomes_readable_cues() -> None:
    # the longest cue of the corpus before captions were cut (anc-dialogue.txt)
    text = (
        "«Благодаря созданию уникального института, как АНК, нам удалось объединить различные "
        "этносы Казахстана под едиными ценностями, а именно развития и процветания республики. "
        "Более того, это дало возможность создать платформу для открытого диалога, что, в свою "
        "очередь, позволило избежать межэтнических конфликтов и укрепить чувство общей "
        "принадлежности к Казахстану», – объясняет Айбек Кумысбеков."
    )
    pieces = cut(text)
    assert len(text) == 394 and len(pieces) == 7
    assert all(len(line) <= LINE_CHARS for piece in pieces for line in piece.lines)
    ends = [piece.lines[-1][-1] for piece in pieces]
    assert sum(end in ",.–" for end in ends) == 6  # all cues but one end a clause


def test_split_time_follows_the_spoken_form() -> None:
    written = "В 2024 году в степи под Астаной открыли обсерваторию."
    spoken = "В две тысячи двадцать четвёртом году в степи под Астаной открыли обсерваторию."
    cut_at = written.index("в степи") - 1  # the gap before «в степи»
    times = split_time(written, spoken, [cut_at], 1000, 1000 + len(spoken) * 10)
    # the first cue lasts as long as «В две тысячи двадцать четвёртом году» is to read
    assert times == [1000, 1000 + spoken.index(" в степи") * 10, 1000 + len(spoken) * 10]


def test_split_time_ignores_stress_marks() -> None:
    times = split_time("АНК и ОДКБ", "а эн к+а и о дэ ка б+э", [3], 0, 2000)
    assert times == [0, round(2000 * len("а эн ка") / len("а эн ка и о дэ ка бэ")), 2000]


def _sentence(i: int, text: str, spoken: str = "") -> Sentence:
    return Sentence(i, 0, 0, (0, len(text)), text, spoken or text)


LONG = _sentence(
    7,
    "На строительство ушло 1,5 млрд тенге, а телескоп весит 12 т; в 2025 году "
    "обсерватория примет первых студентов КазНУ.",
    "На строительство ушло полтора миллиарда тенге, а телескоп весит двенадцать тонн; в две "
    "тысячи двадцать пятом году обсерватория примет первых студентов казэнэ+у.",
)
SHORT = _sentence(8, "Следующий сеанс — в апреле.")
TIMELINE = build_timeline([LONG, SHORT], [220500, 44100], 22050, Pauses(), [("Т", 0)])


def test_vtt_cues_carry_the_sentence_index_and_part() -> None:
    blocks = compose_vtt(TIMELINE, [LONG, SHORT]).split("\n\n")[1:]
    assert [b.split("\n", 1)[0] for b in blocks] == ["7-1", "7-2", "8-1"]
    lines = ["На строительство ушло 1,5 млрд тенге,", "а телескоп весит 12 т;"]
    assert blocks[0].split("\n")[2:] == lines
    # the second cue starts where «в две тысячи…» starts in the spoken form, by its share of
    # the spoken characters (stress marks are not read: «казэнэ+у» has 7)
    spoken = LONG.spoken.replace("+", "")
    share = round(220500 * spoken.index("в две") / len(spoken))
    assert blocks[0].split("\n")[1] == f"00:00:00.000 --> {_clock(share)}"
    assert blocks[1].split("\n")[1] == f"{_clock(share)} --> 00:00:10.000"


def _clock(samples: int) -> str:
    ms = round(samples / 22.05)
    return f"00:00:{ms // 1000:02d}.{ms % 1000:03d}"


def test_srt_numbers_every_cue_in_turn() -> None:
    blocks = compose_srt(TIMELINE, [LONG, SHORT]).strip().split("\n\n")
    assert [b.split("\n")[0] for b in blocks] == ["1", "2", "3"]


def test_json_transcript_keeps_whole_sentences() -> None:
    doc = json.loads(compose_json(TIMELINE, [LONG, SHORT]))
    assert [s["body"] for s in doc["segments"]] == [LONG.text, SHORT.text]


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = st.sampled_from(
    ["и", "в", "обсерватория", "1 500", "млн", "т. е.", "«Да»,", "–", ";", ":", "—", "А. С.",
     "-->", "&", "https://example.org/a/very/long/path/that/goes/on", "\n", "  ", "ё"]
)  # fmt: skip
TEXT = st.lists(st.one_of(WORDS, st.text(max_size=50)), max_size=40).map(" ".join)


@SETTINGS
@given(TEXT, TEXT, st.integers(0, 3_000_000), st.integers(0, 10_000))
@example("а" * 43, "", 10, 0)
@example("один два", "", 1, 5)  # fewer samples than cues
def test_captions_within_limits_contiguous_and_complete(
    text: str, spoken: str, length: int, start: int
) -> None:
    sentence = _sentence(3, text, spoken)
    timeline = Timeline(16000, start + length, (Cue(3, start, start + length),), ())
    found = captions(timeline, [sentence])
    assert all(1 <= len(c.lines) <= MAX_LINES for c in found)
    assert all(len(line) <= LINE_CHARS and line == line.strip() for c in found for line in c.lines)
    # in order, each cue where the one before ends, together exactly the sentence's time
    assert found[0].start == start and found[-1].end == start + length
    assert all(a.end == b.start for a, b in pairwise(found))
    assert all(c.end > c.start for c in found) or length < len(found)
    assert [c.part for c in found] == list(range(1, len(found) + 1))
    # every character once, in order (only whitespace between words can go)
    shown = "".join(line for c in found for line in c.lines)
    assert "".join(shown.split()) == "".join(one_line(text).split())
