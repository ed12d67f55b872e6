"""Quotations: one-line cases. ``|`` separates the sentences of one paragraph, ``[…]`` marks
what the quotation voice reads; a case without brackets is read wholly by the main voice."""

from __future__ import annotations

import pytest

from tts.types import Part, Sentence
from tts.voice.quotes import mark_quotes, quote_spans


def _sentences(case: str, paragraph: int = 0) -> list[Sentence]:
    plain = case.replace("[", "").replace("]", "")
    return [
        Sentence(n, 0, paragraph, (0, len(t)), t, spoken=t.lower())
        for n, t in enumerate(plain.split(" | "))
    ]


def _expected(case: str) -> list[list[tuple[int, int]]]:
    out = []
    inside = False
    for text in case.split(" | "):
        spans: list[tuple[int, int]] = []
        at, start = 0, 0
        for c in text:
            if c == "[":
                start, inside = at, True
            elif c == "]":
                spans.append((start, at))
                inside = False
            else:
                at += 1
        if inside:
            spans.append((start, at))
        out.append(spans)
    return out


def _read(case: str) -> list[list[tuple[int, int]]]:
    sentences = _sentences(case)
    marked, _ = mark_quotes(sentences, lambda texts: [t.lower() for t in texts])
    return [[p.span for p in s.parts if p.voice == "quote"] for s in marked]


SPEECH = [
    "[«Мы увидели кольца Сатурна»], — сказал директор.",
    "[«Мы увидели кольца Сатурна»] – сказал директор.",
    "Директор сказал: [«Мы увидели кольца Сатурна».]",
    "[«Это победа!»] — ответил он.",
    "[«Мы думали, что проект нужен незрячим. | Оказалось, что слушают все»], — рассказала она.",
    "[«Первое. | Второе. | Третье».]",
    "Он сказал: [«Мы „Газпром“ любим».]",
    'Он сказал: [«Мы "Газпром" любим».]',
    "Она сказала: [„Это важно“.]",
    'Она сказала: ["Это важно".]',
    '["Мы готовы"], — заявил министр.',
    "[«Да»], — сказал он, — [«и нет».]",
]

NOT_SPEECH = [
    "Компания «Газпром» сообщила о росте.",
    "«Газпром» сообщил о росте.",
    "Фильм «Война и мир», снятый в 1966 году, показали снова.",
    "Партия «Единая Россия» и движение «Ак жол» подписали меморандум.",
]


@pytest.mark.parametrize("case", SPEECH + NOT_SPEECH)
def test_quotation_voice_reads_direct_speech_only(case: str) -> None:
    assert _read(case) == _expected(case)


ODD = [
    ("Он сказал: «Мы готовы. | И ещё.", {0: "unclosed «", 1: "unclosed «"}),
    ('Экран 15" и «Газпром».', {0: "inch"}),
    ('Он сказал: "Мы готовы.', {0: 'unclosed "'}),
    ("Он сказал: «Мы готовы»» — и ушёл.", {0: "closing » without"}),
    ('Сайт https://example.com/?q="x" пишет: «Да».', {0: "web address"}),
]


@pytest.mark.parametrize(("case", "reasons"), ODD)
def test_marks_that_do_not_pair_leave_the_sentence_in_the_main_voice(
    case: str, reasons: dict[int, str]
) -> None:
    spans, odd = quote_spans(_sentences(case))
    assert spans == {}
    assert {o.sentence: o.reason for o in odd}.keys() == reasons.keys()
    for o in odd:
        assert reasons[o.sentence] in o.reason


def test_a_quotation_never_crosses_a_paragraph() -> None:
    first = _sentences("Он сказал: «Мы готовы.")
    second = [Sentence(1, 0, 1, (0, 8), "И ещё».", "и ещё")]
    spans, odd = quote_spans(first + second)
    assert spans == {}
    assert [o.sentence for o in odd] == [0, 1]


def test_parts_tile_the_sentence_with_each_part_normalized_on_its_own() -> None:
    text = "«В 2024 году мы построим 15 домов», — сказал мэр."
    sentence = Sentence(4, 0, 0, (0, len(text)), text, spoken="whole")
    seen: list[str] = []

    def normalize(texts: object) -> list[str]:
        seen.extend(texts)  # type: ignore[call-overload]
        return [f"<{t}>" for t in seen]

    (marked,), odd = mark_quotes([sentence], normalize)
    assert odd == []
    assert seen == ["«В 2024 году мы построим 15 домов»", ", — сказал мэр."]
    assert marked.parts == (
        Part((0, 34), "quote", "<«В 2024 году мы построим 15 домов»>"),
        Part((34, len(text)), "main", "<, — сказал мэр.>"),
    )
    assert marked.spoken == "whole"  # the transcript keeps the whole sentence


def test_a_sentence_wholly_in_quotes_keeps_its_spoken_form() -> None:
    (_, marked), _ = mark_quotes(_sentences("Он сказал: «Да. | Нет»."), list)
    assert marked.parts == (Part((0, 5), "quote", "нет»."),)


def test_titles_and_headings_are_never_quotations() -> None:
    title = Sentence(0, 0, -1, (0, 10), "«Мы готовы!»", "мы готовы", kind="title")
    assert quote_spans([title]) == ({}, [])
