"""Score the normalizer on ../shared/ru_tn_eval/ (strict, lenient, speakable; see its README).

    python benchmarks/normalize_eval.py            # ours
    python benchmarks/normalize_eval.py --library  # ru-normalizr 1.3.0 `tts` mode alone, the
                                                   # baseline (a dev dependency, not a runtime one)
    python benchmarks/normalize_eval.py --speed    # chars/s on 300,000 chars of varied text

Rows with the same `written` are alternative references; a `|` in the cardinal_multi file
separates accepted forms. NeMo files count only unambiguous rows (not a bare integer with class
`ordinal`); num2words counts its plain `cardinal` rows. Speakable is checked on every row.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "ru_tn_eval"
UNSPEAKABLE = re.compile(r"[0-9A-Za-z%$€₸₽№@/#&°=]")


def strict_form(text: str) -> str:
    text = text.lower().replace("ё", "е").replace("+", "")
    text = re.sub(r"[^\w\s]|_", " ", text)
    return " ".join(text.split())


def lenient_form(text: str) -> str:
    text = strict_form(text)
    text = re.sub(r"\bкилограм\b", "килограмм", text)
    text = re.sub(r"\bкилограм(а|ов|ы|ам|ами|ах|е|у|ом)\b", r"килограмм\1", text)
    text = re.sub(r"\bс половиной\b", "целых пять десятых", text)
    text = re.sub(r"\bодн(а|ой|у|ою) (тысяч\w*)", r"\2", text)
    return " ".join(w for w in text.split() if w != "и")


def matches(output: str, references: list[str]) -> tuple[bool, bool]:
    """(strict, lenient) match of one output against its alternative references."""
    strict = any(strict_form(output) == strict_form(r) for r in references)
    lenient = strict or any(lenient_form(output) == lenient_form(r) for r in references)
    return strict, lenient


@dataclass
class Score:
    total: int = 0
    strict: int = 0
    lenient: int = 0
    rows: int = 0
    speakable: int = 0
    by_class: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))

    def pct(self, part: int, whole: int | None = None) -> float:
        whole = self.total if whole is None else whole
        return 100.0 * part / whole if whole else 0.0


def _counted(name: str, written: str, cls: str) -> bool:
    if name.startswith("nemo_tn_ru") and cls == "ordinal" and re.fullmatch(r"-?\d+", written):
        return False
    return not (name.startswith("num2words") and cls != "cardinal")


def read_rows(path: Path) -> list[tuple[str, str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        return [(r[0].replace("\\n", "\n"), r[1], r[2]) for r in reader if len(r) >= 3]


def score_file(path: Path, system: Callable[[str], str]) -> Score:
    refs: dict[str, list[str]] = defaultdict(list)
    classes: dict[str, str] = {}
    for written, spoken, cls in read_rows(path):
        refs[written] += spoken.split("|") if "cardinal_multi" in path.name else [spoken]
        classes.setdefault(written, cls)
    score = Score()
    for written, references in refs.items():
        output = system(written)
        score.rows += 1
        score.speakable += not UNSPEAKABLE.search(output)
        if not _counted(path.name, written, classes[written]):
            continue
        strict, lenient = matches(output, references)
        score.total += 1
        score.strict += strict
        score.lenient += lenient
        row = score.by_class[classes[written]]
        row[0] += 1
        row[1] += strict
        row[2] += lenient
    return score


def ours() -> Callable[[str], str]:
    from tts.text.normalize import normalize

    return lambda text: normalize(text).spoken


def library_alone() -> Callable[[str], str]:
    from ru_normalizr import NormalizeOptions, Normalizer

    normalizer = Normalizer(NormalizeOptions.tts())
    return lambda text: str(normalizer.normalize(text))


def table(scores: dict[str, Score]) -> str:
    lines = [
        "| file | rows scored | strict | lenient | speakable (all rows) |",
        "|---|---|---|---|---|",
    ]
    for name, s in scores.items():
        lines.append(
            f"| {name} | {s.total} | {s.pct(s.strict):.1f}% | {s.pct(s.lenient):.1f}% "
            f"| {s.pct(s.speakable, s.rows):.1f}% |"
        )
    lines += ["", "| file | class | rows | strict | lenient |", "|---|---|---|---|---|"]
    for name, s in scores.items():
        for cls, (n, st, le) in sorted(s.by_class.items()):
            lines.append(f"| {name} | {cls} | {n} | {100 * st / n:.0f}% | {100 * le / n:.0f}% |")
    return "\n".join(lines)


CORPUS = DATA.parent / "corpus"
_TEMPLATES = (
    "В {y} году {w} {w} выросли на {d}%.",
    "{n} {w} {w} прибыли в {w} {day} {m} {y} г.",
    "Сумма составила ${n} млн, а {w} – {n} ₸.",
    "Заседание пройдёт в {h}:{mm} по времени {w}.",
    "По данным {a}, {w} {w} на {n} км и {n} кг.",
    "Счёт {s}:{s} в пользу {w}, {w} {w}.",
    "Звоните +7 (7172) {p}-{p}-{p} или пишите на info@{x}.kz.",
    "С {day} по {day} {m} {w} {w} {w} {day}-й раз.",
    "{W} {w} {w} {w}, {w} {w} {w} {w} {w}.",
    "{W} {w} {w} {w} {w}: {w}, {w} и {w}.",
    "{W} {w} {w} {w} {w} {w}, {w} {w} {w} {w}.",
    "Температура {d} °C, ветер {n} м/с, курс {d} тенге за доллар.",
)
_MONTHS = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
_SITES = ("tengrinews", "kursiv", "inform", "zakon", "vlast", "kapital", "forbes")


def varied_text(chars: int = 300_000, seed: int = 0) -> list[str]:
    """Distinct news-like sentences (words of the sample articles, random numbers, dates,
    money, acronyms, e-mails) so that no cache flatters the measurement."""
    rnd = random.Random(seed)
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.*")))
    words = re.findall(r"[а-яё]{3,}", text.lower())
    slots: dict[str, Callable[[], str]] = {
        "y": lambda: str(rnd.randint(1900, 2030)),
        "n": lambda: str(rnd.randint(1, 99999)),
        "d": lambda: f"{rnd.randint(0, 999)},{rnd.randint(1, 99)}",
        "w": lambda: rnd.choice(words),
        "W": lambda: rnd.choice(words).capitalize(),
        "m": lambda: rnd.choice(_MONTHS.split()),
        "day": lambda: str(rnd.randint(1, 28)),
        "a": lambda: rnd.choice(("РК", "ДТП", "МВД", "ООН", "ВВП", "НАТО", "СНГ", "ЖКХ")),
        "h": lambda: str(rnd.randint(0, 23)),
        "mm": lambda: f"{rnd.randint(0, 59):02d}",
        "s": lambda: str(rnd.randint(0, 9)),
        "p": lambda: f"{rnd.randint(0, 99):02d}",
        "x": lambda: rnd.choice(_SITES),
    }
    out: list[str] = []
    size = 0
    while size < chars:
        line = re.sub(r"\{(\w+)\}", lambda m: slots[m.group(1)](), rnd.choice(_TEMPLATES))
        out.append(line)
        size += len(line) + 1
    return out


def speed(system: Callable[[str], str]) -> str:
    lines = varied_text()
    system("Разогрев: 5 кг, РК, в 11:00.")  # loading the dictionaries is not counted
    start = time.process_time()  # CPU time: other jobs on the machine do not count
    for line in lines:
        system(line)
    seconds = time.process_time() - start
    chars = sum(map(len, lines))
    distinct = len(set(lines))
    return f"{chars} chars, {distinct}/{len(lines)} distinct lines, {seconds:.1f} s CPU: " + (
        f"{chars / seconds:,.0f} chars/s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", action="store_true", help="ru-normalizr alone (the baseline)")
    parser.add_argument("--speed", action="store_true", help="chars/s on varied text")
    args = parser.parse_args(argv)
    system = library_alone() if args.library else ours()
    if args.speed:
        print(speed(system))
        return 0
    scores = {p.name: score_file(p, system) for p in sorted(DATA.glob("*.tsv"))}
    print(table(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
