"""Issue 15's speed target: importing the normalizer plus its first sentence, in a fresh process.

    python benchmarks/normalize_speed.py [--runs 11]

Each case runs in its own interpreter (the import is what is measured); the figure is the
median wall time from before the import to after the first sentence, interpreter start-up
excluded. Target: ≤ 0.2 s for a sentence with a number.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys

CASES = {
    "number": "Жители 16 регионов получили 1,5 млн тенге 20 августа 2024 года.",
    "plain": "Погода в столице будет тёплой и солнечной.",
    "Latin name": "Компания Ford представила Fusion, передает Tengrinews.kz.",
    # English words in no table: the first such sentence loads CMUdict
    "English": "Проект назвали Moonlight Harbor.",
}
PROBE = """
import time
t = time.perf_counter()
from tts.text.normalize import normalize
normalize({text!r})
print(time.perf_counter() - t)
"""


def once(text: str) -> float:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(text=text)], capture_output=True, text=True, check=True
    )
    return float(done.stdout)


def fresh_bytecode() -> None:
    """Write the package's .pyc files before timing. With PYTHONDONTWRITEBYTECODE set (as on
    this project's build machine) a module edited since its .pyc was written is compiled from
    source in every run: 70 ms more, which an installed package never pays."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", PROBE.format(text="1")], env=env, check=True,
                   capture_output=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    runs = parser.parse_args().runs
    fresh_bytecode()
    print(f"import + first sentence, median of {runs} fresh processes (target ≤ 0.200 s)")
    for name, text in CASES.items():
        times = sorted(once(text) for _ in range(runs))
        median = statistics.median(times)
        print(f"  {name:<11} {median:.3f} s  (min {times[0]:.3f}, max {times[-1]:.3f})")


if __name__ == "__main__":
    main()
