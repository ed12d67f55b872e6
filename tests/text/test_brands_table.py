"""brands.tsv, the table of Latin words in their Russian form: well formed and in use."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from tts.text.normalize import normalize
from tts.text.normalize.latin import BRANDS

LINES = resources.files("tts.text.normalize").joinpath("brands.tsv").read_text("utf-8").splitlines()


def test_every_line_is_a_latin_key_and_its_cyrillic_reading() -> None:
    keys = []
    for line in LINES:
        latin, tab, russian = line.partition("\t")
        assert tab, f"no tab: {line!r}"
        assert re.fullmatch(r"[^\W\d_А-яЁё]+(?:['-][^\W\d_А-яЁё]+)*", latin), line
        assert latin == latin.lower(), line
        assert re.fullmatch(r"[а-яё]+(?:[ -][а-яё]+)*", russian), line
        keys.append(latin)
    assert len(keys) == len(set(keys)), "a key twice"


def test_hand_written_entries_win_over_the_table() -> None:
    assert "hyundai\tхендай" in LINES  # the table's form …
    assert BRANDS["hyundai"] == "хёндэ"  # … gives way to names.py's


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Концерн Volkswagen сообщил", "Концерн Фольксваген сообщил"),
        ("агентство Bloomberg", "агентство Блумберг"),
        ("Компания Xiaomi выпустила", "Компания Сяоми выпустила"),
        ("процессор Snapdragon", "процессор Снапдрагон"),
        ("клуб Juventus", "клуб Ювентус"),
        ("компания Maersk", "компания Мэрск"),
    ],
)
def test_table_words_are_read(written: str, spoken: str) -> None:
    assert normalize(written).spoken == spoken
