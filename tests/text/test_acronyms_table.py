"""classes/acronyms.tsv, the blind-written table of acronyms: well formed and in use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tts.text.normalize import normalize
from tts.text.normalize.classes import acronyms

LINES = Path(acronyms.__file__).with_name("acronyms.tsv").read_text("utf-8").splitlines()


def test_every_line_is_an_acronym_and_its_cyrillic_reading() -> None:
    keys = []
    for line in LINES:
        acronym, tab, reading = line.partition("\t")
        assert tab, f"no tab: {line!r}"
        assert re.fullmatch(r"[А-ЯЁ][А-ЯЁа-яё]*[А-ЯЁа-яё]", acronym), line
        assert sum(c.isupper() for c in acronym) >= 2, line
        assert re.fullmatch(r"[а-яё]+(?: [а-яё]+)*", reading), line
        keys.append(acronym)
    assert len(keys) == len(set(keys)), "an acronym twice"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Решение приняла ФАС.", "Решение приняла фас."),
        ("сотрудники ГИМС вышли в рейд", "сотрудники гимс вышли в рейд"),
        ("студенты ЮУрГУ", "студенты ю ур гэ у"),
        ("в Москве работает ГУМ", "в Москве работает гум"),
    ],
)
def test_the_table_reads(written: str, spoken: str) -> None:
    assert normalize(written).spoken == spoken
