"""The evaluation on ../shared/ru_tn_eval/ holds its floor per file (benchmarks/NORMALIZE.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from normalize_eval import DATA, matches, ours, score_file  # type: ignore[import-not-found]  # noqa: E402

# Lenient floors: the measured figures less than one row, so a single row lost fails the run
# (a margin of half a point let one row of ru_normalizr's file slip by unnoticed); raise them,
# never lower.
# Two were lowered once, deliberately, where a suite's convention contradicts how news is read
# (benchmarks/NORMALIZE.md): Kaggle's gold keeps «англ.» and «лат.» unread in glosses, which the
# engine would say as «англ» (we say «по-английски»); rutextnorm reads a bare date in the
# genitive, «ст. 158» as a cardinal and «iOS» as «айос», where the news gold and issue 15 want a
# dateline's nominative, the article's ordinal and «ай о эс».
FLOORS = {
    "google_kaggle_ru_sentences.tsv": 56.0,
    "nemo_itn_ru_reversed.tsv": 69.8,
    "nemo_tn_ru.tsv": 80.8,
    "nemo_tn_ru_cardinal_multi.tsv": 95.2,
    "num2words_ru_tests.tsv": 100.0,
    "ru_normalizr_unit_tests.tsv": 90.0,
    "rutextnorm_author_tests.tsv": 89.3,
}


def test_scoring_rules() -> None:
    assert matches("Одна тысяча, и ёж", ["тысяча еж"]) == (False, True)
    assert matches("пять+", ["Пять."]) == (True, True)
    assert matches("пять", ["шесть"]) == (False, False)


@pytest.mark.skipif(not DATA.is_dir(), reason="../shared/ru_tn_eval is not here")
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_file_holds_floor_and_is_speakable(name: str) -> None:
    score = score_file(DATA / name, ours())
    assert score.pct(score.lenient) >= FLOORS[name]
    assert score.speakable == score.rows
