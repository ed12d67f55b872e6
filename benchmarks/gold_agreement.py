"""How well two gold writers agree: the ceiling an exact-match score can be read against.

    python benchmarks/gold_agreement.py [FILE]

FILE (default data/news/agreement/second_reader.jsonl) holds dev sentences of the corpus, each
with a reading written by a second helper who saw only the sentence and GOLD.md, never the
corpus's gold nor our output. A sentence agrees when some reading of one matches some reading
of the other after the scorer's folding.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from news_corpus import DATA, RAW, correct, fold, load, readings


def agree(one: str, other: str) -> bool:
    return bool({fold(r) for r in readings(one)} & {fold(r) for r in readings(other)})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "file", nargs="?", type=Path, default=DATA / "agreement/second_reader.jsonl"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tts.text.normalize import Lexicon, normalize

    gold = {s.written: s.spoken for s in load(sorted(RAW.glob("*.jsonl")))}
    rows = [json.loads(line) for line in args.file.read_text(encoding="utf-8").splitlines()]
    agreed = ours_gold = ours_second = 0
    for row in rows:
        first, second = gold[row["written"]], row["spoken"]
        spoken = normalize(row["written"], Lexicon()).spoken
        agreed += agree(first, second)
        ours_gold += correct(spoken, first)
        ours_second += correct(spoken, second)
    n = len(rows)
    print(f"{n} sentences: the two gold writers agree on {agreed} ({100 * agreed / n:.1f} %)")
    print(
        f"tts.text.normalize matches the corpus gold on {ours_gold} ({100 * ours_gold / n:.1f} %)"
    )
    print(f"  and the second writer on {ours_second} ({100 * ours_second / n:.1f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
