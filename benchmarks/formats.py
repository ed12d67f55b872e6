"""`--format all` against the MP3-only build on a one-hour text (issue 18, case 5), and the
true peak and loudness of every file as ffmpeg's ebur128 measures it decoded (case 4).

Usage: .venv/bin/python benchmarks/formats.py [--chars 42500] [--json raw.json]

Each build runs as `tts build` runs (in a fresh process, with a fresh cache, so both
synthesize every clip), MP3 only first, then every format; the figures are the process's
wall time and the CPU time of its whole tree, and the build's own stage times. The target:
all / MP3-only <= 2 (wall). About 42,500 characters of the corpus make an hour of eSpeak NG
speech.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402  (the issue-7 benchmark's text and machine description)

KINDS = ("mp3", "m4a", "m4b", "opus")
TARGET = 2.0


def child(argv: list[str]) -> None:
    """In the child: one build; its figures as one JSON line."""
    from tts.build import BuildOptions, build_episode
    from tts.episode import FORMATS

    source, outdir = argv[0], Path(argv[1])
    formats = FORMATS if argv[2] == "all" else tuple(argv[2].split(","))
    started = time.perf_counter()
    r = build_episode(BuildOptions(inputs=(source,), outdir=outdir, engine="espeak",
                                   formats=formats))  # fmt: skip
    print(json.dumps({"wall": time.perf_counter() - started, "timings": r.timings,
                      "duration": r.episode.duration, "folder": str(r.folder),
                      "files": dict(r.episode.files.items()),
                      "loudness": r.episode.to_json()["loudness"]}))  # fmt: skip


def build(source: Path, tmp: Path, name: str, formats: str) -> dict[str, Any]:
    env = os.environ | {"TTS_CACHE_DIR": str(tmp / f"cache-{name}")}
    cpu = bench._children_cpu()
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(source), str(tmp / f"out-{name}"), formats],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"the {name} build failed:\n{done.stderr}")
    data: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    data |= {"process_wall": time.perf_counter() - started, "cpu": bench._children_cpu() - cpu}
    return data


def ebur128(path: Path) -> dict[str, float]:
    """Integrated loudness and true peak of a file, decoded, as the tests measure them."""
    sys.path.insert(0, str(bench.REPO / "tests"))
    from helpers import measure

    found = measure(path)
    return {"integrated": found.integrated, "true_peak": found.true_peak}


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2:])
        return
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--chars", type=int, default=42_500, help="Length of the text.")
    p.add_argument("--json", type=Path, help="Also write every raw figure to this file.")
    a = p.parse_args()
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed code runs: from bytecode
    tmp = Path(tempfile.mkdtemp(prefix="tts-formats-"))
    try:
        text = tmp / "hour.md"
        text.write_text(bench.numbered_text(a.chars, "Час для замера"), encoding="utf-8")
        r: dict[str, Any] = {"machine": bench.machine(), "load_before": os.getloadavg()[0]}
        r["mp3"] = build(text, tmp, "mp3", "mp3")
        r["all"] = build(text, tmp, "all", "all")
        folder = Path(r["all"]["folder"])
        r["files"] = {kind: ebur128(folder / r["all"]["files"][kind]) for kind in KINDS}
        r["load_after"] = os.getloadavg()[0]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(report(r))
    if a.json:
        a.json.write_text(json.dumps(r, indent=1, default=str) + "\n", encoding="utf-8")


def report(r: dict[str, Any]) -> str:
    mp3, every = r["mp3"], r["all"]
    ratio = every["process_wall"] / mp3["process_wall"]
    lines = [
        "machine: " + "; ".join(f"{k} {v}" for k, v in r["machine"].items()),
        f"load average {r['load_before']:.1f} before, {r['load_after']:.1f} after",
        f"text: {mp3['duration'] / 60:.1f} min of audio",
        "",
        f"{'build':<14} {'wall s':>8} {'CPU s':>8}   stages (s)",
    ]
    for name, b in (("MP3 only", mp3), ("--format all", every)):
        stages = ", ".join(f"{k} {v:.1f}" for k, v in b["timings"].items() if v >= 0.05)
        lines.append(f"{name:<14} {b['process_wall']:8.1f} {b['cpu']:8.1f}   {stages}")
    lines += [
        "",
        f"all / MP3 only: {ratio:.2f} wall, {every['cpu'] / mp3['cpu']:.2f} CPU "
        f"(target <= {TARGET:g} wall: {'met' if ratio <= TARGET else 'MISSED'})",
        "",
        f"{'file':<6} {'LUFS':>7} {'dBTP':>6}",
        *(f"{k:<6} {v['integrated']:7.1f} {v['true_peak']:6.1f}" for k, v in r["files"].items()),
        f"episode.json: {every['loudness']}",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
