"""English words by CMUdict: the in-place search of the sorted file, and the phone mapping."""

from __future__ import annotations

import pytest

from tts.text.normalize import english


def _whole_table() -> dict[str, str]:
    """The dictionary read the plain way: each word's first pronunciation."""
    table: dict[str, str] = {}
    for line in english._data().decode("utf-8").splitlines():
        word, _, sounds = line.partition(" ")
        if "(" not in word and word not in table:
            table[word] = sounds.split("#", 1)[0].strip()
    return table


def test_search_finds_every_word_as_the_whole_table_has_it() -> None:
    table = _whole_table()
    assert len(table) > 120_000
    wrong = [word for word, sounds in table.items() if english.phones_of(word) != sounds]
    assert wrong == []


@pytest.mark.parametrize("word", ["sepultura", "sepulveda", "stilted", "stilton"])
def test_words_around_the_files_two_unsorted_places(word: str) -> None:
    assert english.phones_of(word) == _whole_table()[word]


@pytest.mark.parametrize("word", ["", "zzzzzz", "kazakhtelecom", "ёлка", "a(2)", "'"])
def test_words_not_in_the_dictionary(word: str) -> None:
    assert english.phones_of(word) is None


def test_first_pronunciation_not_a_variant() -> None:
    assert english.phones("Either") == ["IY1", "DH", "ER0"]


@pytest.mark.parametrize(
    ("word", "spoken"),
    [("Fusion", "фьюжн"), ("BuzzFeed", "базфид"), ("Force", "форс"), ("Touch", "тач"),
     ("pixel", "пиксел"), ("Nissan", "ниссан"), ("centralmedia", "сентралмидиа"),
     ("English", "инглиш"), ("thinking", "тинкинг")],
)  # fmt: skip
def test_reading(word: str, spoken: str) -> None:
    assert english.read(word) == spoken
