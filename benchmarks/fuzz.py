"""Coverage-guided fuzzing of parse_bytes and normalize with atheris, for a bounded time.

    .venv/bin/python benchmarks/fuzz.py SECONDS [--target parse|normalize|both] [--corpus DIR]

A crash is any exception other than TTSError from parse_bytes, or normalize returning text
outside ALPHABET. atheris writes the input that crashed as ./crash-<sha1>; turn it into a
regression test at the end of tests/test_properties.py. Needs `pip install atheris`
(a development tool only; not a dependency of the package).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    # The parsers are imported lazily by tts.text.parse: import them here so they get instrumented.
    from tts.errors import TTSError
    from tts.text.normalize import ALPHABET, normalize
    from tts.text.parse import parse_bytes
    from tts.text.segment import segment_article

NAMES = ("a.txt", "a.md", "a.html", "-")
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def fuzz_parse(data: bytes) -> None:
    if not data:
        return
    name = NAMES[data[0] % len(NAMES)]
    try:
        article = parse_bytes(data[1:], name)
    except TTSError:
        return
    segment_article(article, 1 + data[0] % 400)


def fuzz_normalize(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    spoken = normalize(text[:2000]).spoken
    if not set(spoken) <= ALPHABET:
        raise AssertionError(f"outside the alphabet: {sorted(set(spoken) - ALPHABET)!r}")


def fuzz_both(data: bytes) -> None:
    if data[:1] == b"n":
        fuzz_normalize(data[1:])
    else:
        fuzz_parse(data)


TARGETS = {"parse": fuzz_parse, "normalize": fuzz_normalize, "both": fuzz_both}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seconds", type=int, help="how long to fuzz")
    parser.add_argument("--target", choices=TARGETS, default="both")
    parser.add_argument("--corpus", type=Path, help="a folder of seed inputs (grows as it runs)")
    args = parser.parse_args()
    libfuzzer = [sys.argv[0], f"-max_total_time={args.seconds}", "-max_len=4096", "-timeout=20"]
    if args.corpus:
        args.corpus.mkdir(parents=True, exist_ok=True)
        for seed in sorted(SEEDS.glob("*")) if SEEDS.is_dir() else []:
            (args.corpus / seed.name).write_bytes(b"\x00" + seed.read_bytes()[:4000])
        libfuzzer.append(str(args.corpus))
    atheris.Setup(libfuzzer, TARGETS[args.target])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
