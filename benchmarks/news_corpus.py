"""The real-news corpus (benchmarks/data/news): check its files, split it by site, score it.

    python benchmarks/news_corpus.py check [FILE...]      # format of raw/*.jsonl (default: all)
    python benchmarks/news_corpus.py split                # raw/ -> dev.jsonl, test.jsonl (once)
    python benchmarks/news_corpus.py stats                # sentences, sites, sections

Gold conventions: benchmarks/data/news/GOLD.md.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "news"
RAW = DATA / "raw"
PAGES = DATA / "pages"
SECTIONS = frozenset(
    {"economy", "courts", "sport", "weather", "tech", "regional", "culture", "history",
     "elections", "society"}
)  # fmt: skip
SPOKEN_CHARS = re.compile(r"[^а-яёА-ЯЁ\s.,!?:;–…\-{}|+]")
ALTERNATIVES = re.compile(r"\{([^{}]*)\}")
TEST_SHARE = 0.2


@dataclass(frozen=True)
class Sentence:
    url: str
    site: str
    section: str
    written: str
    spoken: str  # gold, with {a|b} alternatives


def paragraphs(paths: list[Path]) -> Iterator[tuple[Path, int, dict[str, object]]]:
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                yield path, number, json.loads(line)


def _excerpts() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(PAGES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                page = json.loads(line)
                found.setdefault(page["url"], []).append(page["excerpt"])
    return found


def problems(record: dict[str, object], excerpts: dict[str, list[str]]) -> list[str]:
    """What is wrong with one paragraph record (empty when it is well formed)."""
    found: list[str] = []
    text = record.get("text")
    url = record.get("url")
    sentences = record.get("sentences")
    if not isinstance(text, str) or not isinstance(url, str) or not isinstance(sentences, list):
        return ["needs url, text (strings) and sentences (a list)"]
    if record.get("section") not in SECTIONS:
        found.append(f"section {record.get('section')!r} is not one of {sorted(SECTIONS)}")
    host = re.sub(r"^www\.", "", re.sub(r"^https?://", "", url).split("/")[0].lower())
    if record.get("site") != host:
        found.append(f"site should be {host!r}")
    if "\n" in text:
        found.append("text holds a line break: one paragraph per record")
    if url not in excerpts:
        found.append("url has no stored excerpt in pages/")
    elif not any(text in e for e in excerpts[url]):
        found.append("text is not a verbatim substring of the stored excerpt")
    pos = 0
    for sentence in sentences:
        written, spoken = sentence.get("written", ""), sentence.get("spoken", "")
        at = text.find(written, pos)
        if not written or at < 0:
            found.append(f"written not found in text (in order): {written[:60]!r}")
            continue
        if text[pos:at].strip():
            found.append(f"text skipped between sentences: {text[pos:at][:60]!r}")
        pos = at + len(written)
        bad = sorted(set(SPOKEN_CHARS.findall(spoken)))
        if bad or not spoken.strip():
            found.append(f"spoken has {''.join(bad)!r} or is empty: {spoken[:60]!r}")
        if spoken.count("{") != spoken.count("}") or re.search(r"\{[^}]*\{", spoken):
            found.append(f"unbalanced or nested {{}}: {spoken[:60]!r}")
        if "|" in ALTERNATIVES.sub("", spoken):
            found.append(f"'|' outside {{}}: {spoken[:60]!r}")
    if text[pos:].strip():
        found.append(f"text left after the last sentence: {text[pos:][:60]!r}")
    return found


def check(paths: list[Path]) -> int:
    excerpts = _excerpts()
    bad = 0
    for path, number, record in paragraphs(paths):
        for problem in problems(record, excerpts):
            bad += 1
            print(f"{path.name}:{number}: {problem}")
    print(f"{bad} problem(s)")
    return 1 if bad else 0


def load(paths: list[Path]) -> list[Sentence]:
    seen: set[str] = set()
    out = []
    for _, _, record in paragraphs(paths):
        for s in record["sentences"]:  # type: ignore[attr-defined]
            if s["written"] in seen:
                continue
            seen.add(s["written"])
            out.append(
                Sentence(
                    record["url"], record["site"], record["section"], s["written"], s["spoken"]
                )  # type: ignore[arg-type]
            )
    return out


def readings(gold: str, limit: int = 64) -> list[str]:
    """Every reading a gold line allows: «{a|b} c» -> [«a c», «b c»]."""
    parts = ALTERNATIVES.split(gold)
    choices = [p.split("|") if i % 2 else [p] for i, p in enumerate(parts)]
    return ["".join(c) for c in itertools.islice(itertools.product(*choices), limit)]


_TENS = re.compile(r"(?:дцать|десят|сорок|сто|сти|ста|сот|девяносто|девяноста) $")


def fold(text: str) -> str:
    """What scoring compares: letters only, lower case, «ё» as «е», no stress marks; «одна
    тысяча» as «тысяча»; the letter names «эл»/«эль», «чэ»/«че», «ка»/«кэ», «ша»/«шэ» as one;
    «ноля»/«нуля» (the oblique cases of «ноль»/«нуль», both in the dictionary) as one."""
    text = text.lower().replace("ё", "е").replace("+", "")
    text = re.sub(r"[^а-я]+", " ", text)
    text = re.sub(
        r"\bодн(?:а|ой|у|ою) (?=тысяч)",
        lambda m: m.group() if _TENS.search(m.string[: m.start()]) else "",
        text,
    )
    text = re.sub(r"\bэл\b", "эль", text)
    text = re.sub(r"\bчэ\b", "че", text)
    text = re.sub(r"\bкэ\b", "ка", text)
    text = re.sub(r"\bшэ\b", "ша", text)
    text = re.sub(r"\bнол(я|ю|ем|е)\b", r"нул\1", text)
    return text.replace(" ", "")


def correct(output: str, gold: str) -> bool:
    folded = fold(output)
    return any(fold(r) == folded for r in readings(gold))


def site_bucket(site: str) -> str:
    """A site's split, fixed by a hash of its name: the split never depends on what else is
    in the corpus, so adding sentences later never moves a site between dev and test."""
    digest = int(hashlib.sha256(site.encode()).hexdigest()[:8], 16)
    return "test" if digest % 1000 < TEST_SHARE * 1000 else "dev"


def stats(paths: list[Path]) -> None:
    sentences = load(paths)
    sites = Counter(s.site for s in sentences)
    print(f"{len(sentences)} sentences, {len(sites)} sites")
    print("sections:", dict(Counter(s.section for s in sentences).most_common()))
    split = Counter(site_bucket(s.site) for s in sentences)
    print("split:", dict(split))
    kz = sum(1 for s in sentences if s.site.endswith(".kz"))
    print(f".kz sentences: {kz}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["check", "stats"])
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    paths = args.files or sorted(RAW.glob("*.jsonl"))
    if args.command == "check":
        return check(paths)
    stats(paths)
    return 0


if __name__ == "__main__":
    sys.exit(main())
