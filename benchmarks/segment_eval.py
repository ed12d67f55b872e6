"""Sentence segmentation scored on ../shared/segment_eval (see its README).

Each gold document's sentences that end in . ! ? or … (optionally followed by closing quotes or
brackets) are joined with one space and split again; the boundaries found are compared with the
gold ones. PUD+Taiga and GSD (preprocessing artifacts) are reported apart, plus the unit cases.

    .venv/bin/python benchmarks/segment_eval.py
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import astuple, dataclass
from pathlib import Path

from razdel import sentenize

from tts.text.segment import Span, split_paragraph

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "segment_eval"
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'»“”’)\]]*$")

Splitter = Callable[[str], list[Span]]


@dataclass(frozen=True)
class Score:
    true_pos: int
    false_pos: int
    false_neg: int
    chars: int
    seconds: float

    @property
    def precision(self) -> float:
        return self.true_pos / max(1, self.true_pos + self.false_pos)

    @property
    def recall(self) -> float:
        return self.true_pos / max(1, self.true_pos + self.false_neg)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def chars_per_second(self) -> float:
        return self.chars / self.seconds if self.seconds else 0.0


def razdel_alone(text: str) -> list[Span]:
    return [(s.start, s.stop) for s in sentenize(text)]


def _read_jsonl(name: str) -> Iterator[dict[str, object]]:
    with (DATA / name).open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def gold_documents(gsd: bool) -> list[list[str]]:
    """Gold sentence lists (only those that end a sentence) of PUD+Taiga, or of GSD."""
    docs = []
    for doc in _read_jsonl("sentseg_ud_gold.jsonl"):
        if str(doc["doc_id"]).startswith("gsd:") != gsd:
            continue
        kept = [s for s in doc["sentences"] if _ENDS_SENTENCE.search(s.strip())]  # type: ignore[attr-defined]
        if kept:
            docs.append(kept)
    return docs


def _boundaries(lengths: Iterable[int]) -> set[int]:
    ends, position = set(), -1
    for length in lengths:
        position += length + 1
        ends.add(position)
    return ends


def score_documents(docs: list[list[str]], split: Splitter) -> Score:
    true_pos = false_pos = false_neg = chars = 0
    seconds = 0.0
    for sentences in docs:
        text = " ".join(sentences)
        started = time.perf_counter()
        found = {end for _, end in split(text)}
        seconds += time.perf_counter() - started
        gold = _boundaries(len(s) for s in sentences)
        found.discard(len(text))
        gold.discard(len(text))
        true_pos += len(found & gold)
        false_pos += len(found - gold)
        false_neg += len(gold - found)
        chars += len(text)
    return Score(true_pos, false_pos, false_neg, chars, seconds)


def unit_cases() -> list[tuple[str, list[str]]]:
    return [(str(c["text"]), list(c["sentences"])) for c in _read_jsonl("sentseg_unit_cases.jsonl")]  # type: ignore[call-overload]


def unit_passed(split: Splitter) -> int:
    return sum([text[a:b] for a, b in split(text)] == expected for text, expected in unit_cases())


def _total(a: Score, b: Score) -> Score:
    return Score(*(x + y for x, y in zip(astuple(a), astuple(b), strict=True)))


def evaluate(split: Splitter) -> dict[str, Score]:
    """Scores of PUD+Taiga, of GSD, and of both together (the README's 'razdel F1 0.978')."""
    main = score_documents(gold_documents(gsd=False), split)
    gsd = score_documents(gold_documents(gsd=True), split)
    return {"pud+taiga": main, "gsd": gsd, "all": _total(main, gsd)}


def main() -> None:
    total = len(unit_cases())
    print(f"{'splitter':<8} {'set':<10} {'P':>6} {'R':>6} {'F1':>6} {'chars/s':>10} {'unit':>6}")
    for name, split in (("razdel", razdel_alone), ("ours", split_paragraph)):
        passed = unit_passed(split)
        for subset, s in evaluate(split).items():
            print(
                f"{name:<8} {subset:<10} {s.precision:6.4f} {s.recall:6.4f} {s.f1:6.4f}"
                f" {s.chars_per_second:10,.0f} {passed:>3}/{total}"
            )
    print(f"one 200,000-character paragraph: {long_input_seconds():.2f} s (linear: ~0.3 s)")
    print(f"parsing 20 MB of plain text: {big_parse_seconds():.2f} s (linear: ~2 s)")


def big_parse_seconds() -> float:
    from tts.text.parse import parse_bytes

    paragraph = "Политолог рассказал о роли АНК в обеспечении мира и согласия. " * 8
    data = ("Заголовок\n\n" + f"{paragraph}\n\n" * 40_000).encode()
    started = time.perf_counter()
    parse_bytes(data, "big.txt")
    return time.perf_counter() - started


def long_input_seconds() -> float:
    """Splitting stays linear on a huge paragraph (a quadratic splitter takes minutes here)."""
    from tts.text.clauses import split_clauses

    paragraph = "Это предложение, в котором 1 500 000 слов; и т. д. " * 4000
    started = time.perf_counter()
    split_paragraph(paragraph)
    split_clauses(paragraph.replace(".", ""), 120)
    split_clauses("слово" * 40_000, 400)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
