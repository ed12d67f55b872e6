"""classes/abbreviations.tsv, the blind-written table of abbreviations: well formed and in use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tts.text.normalize import normalize
from tts.text.normalize.classes import abbreviations

LINES = Path(abbreviations.__file__).with_name("abbreviations.tsv").read_text("utf-8").splitlines()


def test_every_line_is_a_written_form_its_kind_reading_and_place() -> None:
    written = []
    for line in LINES:
        form, kind, reading, where = line.split("\t")[:4]
        assert re.fullmatch(r"[а-яё][а-яё./ -]*[а-яё.]", form) and len(form) >= 3, line
        assert kind in ("fixed", "noun", "adjective", "place"), line
        assert where in ("any", "number", "name", "word"), line
        assert re.fullmatch(r"[а-яё]+(?:[ -][а-яё]+)*", reading), line
        written.append(form)
    assert len(written) == len(set(written)), "a written form twice"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("по адресу: ул. Чайковского, вл. 7", "по адресу: улица Чайковского, владение семь"),
        ("засл. арт. России Иванов", "заслуженный артист России Иванов"),
        ("в р-не Медеу", "в районе Медеу"),
        ("рук. Николай Перистых", "руководитель Николай Перистых"),
    ],
)
def test_the_table_reads(written: str, spoken: str) -> None:
    assert normalize(written).spoken == spoken
