"""Score a normalizer on the real-news corpus (benchmarks/data/news), by class.

    python benchmarks/news_eval.py                 # ours, dev split
    python benchmarks/news_eval.py --split test    # the frozen test split (figures only)
    python benchmarks/news_eval.py --library       # ru-normalizr 1.3.0 `tts` mode alone
    python benchmarks/news_eval.py --show 40       # dev failures: written, ours, gold
    python benchmarks/news_eval.py --dump a.json   # every reading, for --compare later
    python benchmarks/news_eval.py --compare a.json  # sentences fixed and broken since a.json

A sentence is right when the output equals one of its gold readings after folding (case,
ё, stress, punctuation, spaces; see news_corpus.fold). Classes are found in the written text
by patterns independent of the normalizer; a sentence counts in every class it holds.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from news_corpus import RAW, Sentence, correct, load, readings, site_bucket  # noqa: E402

UNSPEAKABLE = re.compile(r"[^а-яёА-ЯЁ\s!+,\-.:;?–…]")

CLASSES: dict[str, re.Pattern[str]] = {
    "plain": re.compile(r"^[^\d]*$"),  # refined below: no digit, Latin, acronym, abbreviation
    "cardinal": re.compile(r"\d"),
    "decimal": re.compile(r"\d,\d"),
    "date": re.compile(
        r"\d\s(?:январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр)\w*|\d{1,2}\.\d{1,2}\.\d{2,4}"
    ),
    "year": re.compile(r"\d{4}\s?(?:г\.|гг\.|год|года|году)|\b(?:19|20)\d\d\b"),
    "time": re.compile(r"\b\d{1,2}[:.]\d\d\b"),
    "money": re.compile(
        r"[$€₽₸£¥]|\d\s?(?:тыс\.|млн|млрд|трлн)?\s?(?:руб|тенге|долл|евро|тг|доллар|рубл)"
    ),
    "measure": re.compile(
        r"\d\s?(?:%|процент|км|м\b|кг|т\b|га|°|градус|л\b|мм|см|м/с|км/ч|кВт|МВт|ГБ|мАч|ГГц|кв\.)"
    ),
    "range": re.compile(r"\d\s?[-–—−]\s?\d"),
    "ordinal": re.compile(r"\d-(?:й|я|е|го|м|х|ом|ый|ая|ое|ти|ми)\b|\b[IVX]{1,5}\b"),
    "score": re.compile(r"\b\d{1,2}:\d{1,2}\b"),
    "abbreviation": re.compile(
        r"(?<![\w])(?:[а-яё]{1,5}\.(?:\s?[а-яё]{1,2}\.)?)(?=\s?[\w\d])|\b(?:тыс|млн|млрд|трлн)\b"
    ),
    "acronym": re.compile(r"\b[А-ЯЁ]{2,}\b"),
    "latin": re.compile(r"[A-Za-z]"),
    "web": re.compile(r"[\w-]+\.(?:kz|ru|com|org|net|рф|ру)\b|@|https?://"),
    "phone": re.compile(r"\+7|8\s?\(\d{3}"),
    "legal": re.compile(r"\b(?:ст|ч|п)\.\s?\d|\bУК\b|КоАП"),
    "symbol": re.compile(r"[№%+&§#°]"),
}


def classes_of(written: str) -> list[str]:
    found = [
        name for name, pattern in CLASSES.items() if name != "plain" and pattern.search(written)
    ]
    return found or ["plain"]


def _ours() -> Callable[[str], str]:
    from tts.text.normalize import Lexicon, normalize

    empty = Lexicon()
    return lambda text: normalize(text, empty).spoken


def _library() -> Callable[[str], str]:
    from ru_normalizr import NormalizeOptions, Normalizer

    normalizer = Normalizer(NormalizeOptions.tts(letter_vowel_mode="single"))
    return lambda text: str(normalizer.normalize(text))


def deleted(written: str, spoken: str) -> list[str]:
    """Written dictionary words missing from the spoken form (a word the normalizer lost),
    in any of their forms; abbreviations («млн», «ноя») are expanded, not lost."""
    from tts.text.normalize import morph

    said = set(re.findall(r"[а-я]+", spoken.lower().replace("ё", "е")))
    said_lemmas = {morph.lemma(w).replace("ё", "е") for w in said}
    lost = []
    for match in re.finditer(r"(?<![\w.-])[а-яё]{3,}(?![\w.-])", written):
        word = match.group().lower().replace("ё", "е")
        if word in said or not morph.is_known(word):
            continue
        if morph.lemma(word).replace("ё", "е") in said_lemmas:
            continue  # re-inflected, not lost: «10,8 миллион» -> «миллиона»
        if any("Abbr" in p.tag for p in morph.parses(word)[:2]):
            continue
        lost.append(match.group())
    return lost


def evaluate(sentences: list[Sentence], read: Callable[[str], str]) -> dict[str, object]:
    by_class: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failures, outputs = [], []
    right = speakable = intact = 0
    started = time.process_time()
    for s in sentences:
        out = read(s.written)
        ok = correct(out, s.spoken)
        right += ok
        speakable += not UNSPEAKABLE.search(out)
        intact += not deleted(s.written, out)
        for name in classes_of(s.written):
            by_class[name][0] += 1
            by_class[name][1] += ok
        outputs.append((s, out))
        if not ok:
            failures.append((s, out))
    return {
        "n": len(sentences), "right": right, "speakable": speakable, "intact": intact,
        "by_class": dict(by_class), "failures": failures,
        "outputs": outputs, "cpu": time.process_time() - started,
    }  # fmt: skip


def compare(
    sentences: list[Sentence], result: dict[str, object], before: dict[str, str], split: str
) -> None:
    """Sentences whose verdict changed since an earlier --dump; on test, the counts only."""
    now = dict((s.written, out) for s, out in result["outputs"])  # type: ignore[attr-defined]
    fixed, broken = [], []
    for s in sentences:
        if s.written not in before or before[s.written] == now[s.written]:
            continue
        was, ok = correct(before[s.written], s.spoken), correct(now[s.written], s.spoken)
        if was != ok:
            (fixed if ok else broken).append(s)
    print(f"since the dump: {len(fixed)} fixed, {len(broken)} broken")
    if split == "test":
        return
    for label, group in (("FIXED", fixed), ("BROKE", broken)):
        for s in group:
            print(f"{label} [{s.site}] {s.written}\n  was: {before[s.written]}\n  now: "
                  f"{now[s.written]}\n  gold: {readings(s.spoken)[0]}")  # fmt: skip


def _files(pattern: str, exclude: str) -> list[Path]:
    return sorted(p for p in RAW.glob(pattern) if not (exclude and p.match(exclude)))


def segmentation(split: str, files: str = "*.jsonl", exclude: str = "") -> str:
    """How tts.text.segment splits the corpus's paragraphs against the gatherers' sentences."""
    from news_corpus import paragraphs

    from tts.text.segment import split_paragraph

    tp = fp = fn = exact = n = 0
    for _, _, record in paragraphs(_files(files, exclude)):
        if split != "all" and site_bucket(str(record["site"])) != split:
            continue
        text = str(record["text"])
        gold: set[int] = set()
        pos = 0
        for sentence in record["sentences"]:  # type: ignore[attr-defined]
            pos = text.find(sentence["written"], pos) + len(sentence["written"])
            gold.add(pos)
        ours = {end for _, end in split_paragraph(text)}
        gold.discard(len(text.rstrip()))
        ours.discard(len(text.rstrip()))
        tp, fp, fn = tp + len(gold & ours), fp + len(ours - gold), fn + len(gold - ours)
        exact += gold == ours
        n += 1
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return (f"segmentation, {split}: {n} paragraphs, {exact} split exactly "
            f"({100 * exact / max(1, n):.1f} %), boundaries P {p:.3f} R {r:.3f} "
            f"F1 {2 * p * r / max(1e-9, p + r):.3f}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default="dev")
    parser.add_argument("--library", action="store_true", help="ru-normalizr alone")
    parser.add_argument("--show", type=int, default=0, help="print N dev failures")
    parser.add_argument("--grep", default="", help="only failures whose class list has this")
    parser.add_argument("--segment", action="store_true", help="score sentence splitting")
    parser.add_argument(
        "--files", default="*.jsonl", help="which raw/ files, a glob (e.g. 'round4_*.jsonl')"
    )
    parser.add_argument("--exclude", default="", help="raw/ files to leave out, a glob")
    parser.add_argument("--dump", type=Path, help="write every sentence's reading (JSON)")
    parser.add_argument(
        "--compare", type=Path, help="a --dump file: list dev sentences fixed and broken since"
    )
    args = parser.parse_args()
    if args.segment:
        print(segmentation(args.split, args.files, args.exclude))
        return 0
    sentences = load(_files(args.files, args.exclude))
    if args.split != "all":
        sentences = [s for s in sentences if site_bucket(s.site) == args.split]
    result = evaluate(sentences, _library() if args.library else _ours())
    n = result["n"]
    pct = lambda k: 100 * k / n if n else 0.0  # noqa: E731
    who = "ru-normalizr alone" if args.library else "tts.text.normalize"
    sites = len({s.site for s in sentences})
    print(f"{who}, {args.split}: {n} sentences from {sites} sites")
    print(f"  exact {result['right']} = {pct(result['right']):.1f} %, speakable "
          f"{pct(result['speakable']):.1f} %, nothing deleted {pct(result['intact']):.1f} %, "
          f"CPU {result['cpu']:.1f} s")  # fmt: skip
    print("  by class (a sentence counts in each class it holds):")
    for name, (total, ok) in sorted(result["by_class"].items(), key=lambda kv: -kv[1][0]):
        print(f"    {name:13} {total:5} {100 * ok / total:6.1f} %")
    if args.dump:
        outputs = {s.written: out for s, out in result["outputs"]}
        args.dump.write_text(json.dumps(outputs, ensure_ascii=False, indent=0), encoding="utf-8")
    if args.compare:
        compare(sentences, result, json.loads(args.compare.read_text(encoding="utf-8")), args.split)
    if args.show and args.split == "dev":
        shown = 0
        for s, out in result["failures"]:
            if args.grep and args.grep not in classes_of(s.written):
                continue
            print(
                f"\n[{s.site}] {s.written}\n  ours: {out}\n  gold: {readings(s.spoken)[0]}"
                + (
                    f"   (+{len(readings(s.spoken)) - 1} alt)"
                    if len(readings(s.spoken)) > 1
                    else ""
                )
            )
            shown += 1
            if shown >= args.show:
                break
    elif args.show:
        print("failures are shown for the dev split only: the test split is never tuned on")
    return 0


if __name__ == "__main__":
    sys.exit(main())
