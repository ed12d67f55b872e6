"""The performance targets of issue 7, measured in one run and reported as ratios.

Usage: .venv/bin/python benchmarks/bench.py [--quick] [--json results.json]

Every build runs in a fresh subprocess (a fresh clip cache unless the target is about reuse),
so start-up, imports and memory are what a user gets (the package runs from bytecode, as an
installed one does). A child prints its BuildResult timings
as JSON; the parent times the whole process and samples the process tree's memory.
--quick skips the 300,000-character book.
"""

from __future__ import annotations

import argparse
import compileall
import importlib
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SAMPLE = CORPUS / "anc-dialogue.txt"
TTS = [str(REPO / ".venv" / "bin" / "tts")] if (REPO / ".venv/bin/tts").exists() else [
    sys.executable, "-m", "tts"]  # fmt: skip


@dataclass(frozen=True)
class Target:
    name: str
    value: float
    op: str  # "<=" or ">="
    limit: float

    @property
    def met(self) -> bool:
        return self.value <= self.limit if self.op == "<=" else self.value >= self.limit


def machine() -> dict[str, str]:
    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text(encoding="utf-8"))
    mem = re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text(encoding="utf-8"))
    from tts.audio.ffmpeg import ffmpeg_exe

    ffmpeg = subprocess.run([ffmpeg_exe(), "-version"], capture_output=True, text=True).stdout
    return {
        "cores": str(os.cpu_count()),
        "cpu": cpu.group(1).strip() if cpu else platform.processor(),
        "memory": f"{int(mem.group(1)) / 1024**2:.1f} GiB" if mem else "?",
        "os": platform.platform(),
        "python": platform.python_version(),
        "torch": metadata.version("torch"),
        "ffmpeg (used)": " ".join(ffmpeg.split()[:3]),
        "espeakng-loader": metadata.version("espeakng-loader"),
    }


def corpus_paragraphs() -> list[str]:
    """The body paragraphs of every corpus article, as the parser reads them."""
    from tts.text.prepare import read_articles

    files = sorted(
        p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".html") and p.stem != "README"
    )
    articles = read_articles([str(p) for p in files])
    return [par for a in articles for sec in a.sections for par in sec.paragraphs]


def numbered_text(min_chars: int, title: str) -> str:
    """Markdown of at least ``min_chars``: the corpus again and again, a chapter per round, and
    every sentence numbered («Номер 12: …») so no clip is ever shared and all are synthesized."""
    paragraphs, parts, size, n, chapter = corpus_paragraphs(), [f"# {title}"], 0, 0, 0
    while size < min_chars:
        chapter += 1
        parts.append(f"## Глава {chapter}")
        for par in paragraphs:
            sentences = re.split(r"(?<=[.!?…])\s+", par)
            numbered = []
            for sentence in sentences:
                n += 1
                numbered.append(f"Номер {n}: {sentence}")
            parts.append(" ".join(numbered))
            size += len(parts[-1])
    return "\n\n".join(parts) + "\n"


def edit_one_sentence(text: str, opener: str = "Сегодня") -> str:
    """The same article with one sentence changed: ``opener`` starts a middle paragraph."""
    paras = text.split("\n\n")
    body = [i for i, p in enumerate(paras) if p[:1].isalpha() and i > 1]
    i = body[len(body) // 2]
    paras[i] = opener + " " + paras[i][0].lower() + paras[i][1:]
    return "\n\n".join(paras)


# Two kinds of edit: plain words, and a number, whose reading needs ru-normalizr (0.3 s to import)
EDITS = {"edited": "Сегодня", "edited-number": "В 2025 году"}


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants now, from /proc (Linux)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text(encoding="utf-8")
            kids = Path(f"/proc/{current}/task/{current}/children").read_text(encoding="utf-8")
        except OSError:
            continue
        found = re.search(r"VmRSS:\s*(\d+)", status)
        total += int(found.group(1)) if found else 0
        todo += [int(k) for k in kids.split()]
    return total / 1024


def peak_tree_rss(proc: subprocess.Popen[str]) -> float:
    """Sample the tree's memory every 50 ms until the process ends (stdout read afterwards)."""
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, tree_rss_mb(proc.pid))
        time.sleep(0.05)
    return peak


def render_targets(r: dict[str, Any], rows: list[Target]) -> str:
    lines = ["machine: " + "; ".join(f"{k} {v}" for k, v in r["machine"].items()), ""]
    lines.append(f"{'target':<50} {'measured':>10} {'goal':>10}  result")
    for t in rows:
        lines.append(f"{t.name:<50} {t.value:10.4f} {t.op + ' ' + format(t.limit, 'g'):>10}  "
                     f"{'met' if t.met else 'MISSED'}")  # fmt: skip
    lines += ["", *notes(r), "", "raw figures:", json.dumps(summary(r), indent=1)]
    return "\n".join(lines)


def notes(r: dict[str, Any]) -> list[str]:
    """Where the Silero pipeline's cost goes, next to what the MP3 encoder alone costs."""
    if "silero" not in r:
        return []
    lines = []
    for name, build in r["silero"].items():
        if name != "lame_alone":
            stages = {k: v / build["duration"] for k, v in build["timings"].items()
                      if k != "synthesize"}  # fmt: skip
            lines.append(f"Silero stand-in, {name}, s per audio s by stage: "
                         + ", ".join(f"{k} {v:.4f}" for k, v in stages.items()))  # fmt: skip
    lame = r["silero"]["lame_alone"]
    cpu, floor = lame["cpu_per_audio_s"], lame["floor_on_all_cores"]
    lines.append(f"LAME alone (48 kHz, 64 kbit/s): {cpu:.4f} CPU s per audio s, {floor:.4f} s "
                 f"on all {os.cpu_count()} cores")  # fmt: skip
    return lines


def summary(r: dict[str, Any]) -> dict[str, Any]:
    """The builds' figures without the machine block, times rounded for reading."""

    def clean(value: Any) -> Any:
        if isinstance(value, float):
            return round(value, 4)
        if isinstance(value, dict):
            return {str(k): clean(v) for k, v in value.items()}
        return value

    return {k: clean(v) for k, v in r.items() if k != "machine"}


def child_build(argv: list[str]) -> None:
    """In the child: one build_episode call; print its figures as one JSON line."""
    from tts.build import BuildOptions, build_episode

    p = argparse.ArgumentParser()
    p.add_argument("input")
    p.add_argument("--engine", default="espeak")
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--outdir", type=Path, required=True)
    p.add_argument("--model", type=Path)
    a = p.parse_args(argv)
    # The only --model here is the tests' stand-in, built by this script: trusted.
    opts = BuildOptions(inputs=(a.input,), outdir=a.outdir, engine=a.engine,
                        workers=a.workers, model_path=a.model, trust_model=True)  # fmt: skip
    started = time.perf_counter()
    r = build_episode(opts)
    wall = time.perf_counter() - started
    print(json.dumps({"wall": wall, "timings": r.timings, "duration": r.episode.duration,
                      "sentences": r.sentences, "from_cache": r.from_cache,
                      "unchanged": r.unchanged}))  # fmt: skip


def child_warm(argv: list[str]) -> None:
    """In the child: a warm-up build, then a cold build and a one-sentence edit of the sample,
    all in this one process (as `tts batch` or a service builds): imports are paid once."""
    from tts.build import BuildOptions, build_episode

    tmp, edited = Path(argv[0]), Path(argv[1])
    walls = {}
    for name, source, cache in (("warm-up", SAMPLE, "c0"), ("cold", SAMPLE, "c1"),
                                ("edited", edited, "c1")):  # fmt: skip
        os.environ["TTS_CACHE_DIR"] = str(tmp / cache)
        opts = BuildOptions(inputs=(str(source),), outdir=tmp / f"out-{cache}", engine="espeak")
        started = time.perf_counter()
        build_episode(opts)
        walls[name] = time.perf_counter() - started
    print(json.dumps(walls))


def child_synth(argv: list[str]) -> None:
    """In the child: prepare, then only synthesize every clip (no encoding); print the time."""
    from tts.store.clip_cache import ClipCache
    from tts.store.paths import clips_dir
    from tts.text.prepare import prepare
    from tts.voice.engines.registry import open_engine, resolve
    from tts.voice.synth import plan_jobs, synthesize_missing

    source, workers = argv[0], int(argv[1])
    spec, _ = resolve("espeak")
    engine = open_engine(spec)
    script = prepare([source], max_chars=engine.max_chars)
    jobs = plan_jobs(engine, spec.voice, [s.spoken for s in script.sentences])
    started = time.perf_counter()
    synthesize_missing(engine, spec, ClipCache(clips_dir()), jobs, workers=workers)
    print(json.dumps({"synthesize": time.perf_counter() - started, "clips": len(jobs)}))


def run_build(source: Path, cache: Path, out: Path | None, **opts: Any) -> dict[str, Any]:
    """A build in a subprocess: its own figures plus process wall and CPU time, peak tree RSS.
    Without ``out``: synthesis only (``workers`` then required)."""
    args = [sys.executable, __file__, "--child", str(source), "--outdir", str(out)]
    if out is None:
        args = [sys.executable, __file__, "--child-synth", str(source), str(opts.pop("workers"))]
    for key, value in opts.items():
        args += [f"--{key}", str(value)]
    env = os.environ | {"TTS_CACHE_DIR": str(cache)}
    load, cpu = os.getloadavg()[0], _children_cpu()
    started = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)  # fmt: skip
    rss_mb = peak_tree_rss(proc)
    stdout, stderr = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"build of {source} failed:\n{stderr}")
    data: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    data |= {"process_wall": time.perf_counter() - started, "tree_peak_rss_mb": rss_mb,
             "cpu_seconds": _children_cpu() - cpu, "load_before": load}  # fmt: skip
    return data


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def startup(args: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([*TTS, *args], capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def post_synthesis(build: dict[str, Any]) -> float:
    spent = sum(build["timings"].get(s, 0.0) for s in ("stitch", "loudness", "encode", "formats",
                                                        "export"))  # fmt: skip
    return float(build["duration"] / spent)


ROUNDS = 3


def rebuilds(tmp: Path) -> dict[str, Any]:
    """Cold, unchanged and one-edited-sentence builds of the sample with eSpeak NG, in
    ``ROUNDS`` rounds with fresh caches; each kind is represented by its fastest round, since
    other jobs on a shared machine only ever add time (every round is kept in ``rounds``)."""
    edits = {}
    for kind, opener in EDITS.items():
        edits[kind] = tmp / kind / SAMPLE.name
        edits[kind].parent.mkdir()
        edited = edit_one_sentence(SAMPLE.read_text(encoding="utf-8"), opener)
        edits[kind].write_text(edited, encoding="utf-8")
    rounds: list[dict[str, Any]] = []
    for n in range(ROUNDS):
        cache, out = tmp / f"cache-sample-{n}", tmp / f"out-sample-{n}"
        got: dict[str, Any] = {"cold": run_build(SAMPLE, cache, out, engine="espeak")}
        got["unchanged"] = run_build(SAMPLE, cache, out, engine="espeak")
        for kind, source in edits.items():  # each edit against the original's build
            shutil.copytree(out, tmp / f"out-{kind}-{n}")
            got[kind] = run_build(source, cache, tmp / f"out-{kind}-{n}", engine="espeak")
        child = [sys.executable, __file__, "--child-warm", str(tmp / f"warm-{n}"),
                 str(edits["edited"])]  # fmt: skip
        warm = subprocess.run(child, capture_output=True, text=True, check=True)
        got["warm"] = json.loads(warm.stdout.strip().splitlines()[-1])
        env = os.environ | {"TTS_CACHE_DIR": str(tmp / f"cache-cli-{n}")}
        got["cli"] = {}
        for name, source in (("cold", SAMPLE), ("unchanged", SAMPLE), *edits.items()):
            folder = tmp / f"out-cli-{n}"
            if name in edits:
                folder = tmp / f"out-cli-{name}-{n}"
                shutil.copytree(tmp / f"out-cli-{n}", folder)
            started = time.perf_counter()
            subprocess.run([*TTS, "build", str(source), "-o", str(folder), "--engine",
                            "espeak", "-q"], env=env, capture_output=True,
                           check=True)  # fmt: skip
            got["cli"][name] = time.perf_counter() - started
        rounds.append(got)
    best: dict[str, Any] = {k: min((r[k] for r in rounds), key=lambda b: b["wall"])
                            for k in ("cold", "unchanged", *EDITS)}  # fmt: skip
    for k in ("warm", "cli"):
        best[k] = {name: min(r[k][name] for r in rounds) for name in rounds[0][k]}
    best["rounds"] = rounds
    return best


def workers_run(tmp: Path) -> dict[str, Any]:
    text = tmp / "sixty-thousand.md"
    text.write_text(numbered_text(60_000, "Сборник для замера"), encoding="utf-8")
    # Synthesis alone, alternating 1 and 2 workers three times (fresh caches): the best of
    # each count, since other jobs on a shared machine only ever add time (identical runs here
    # differ by 20 % in CPU seconds alone).
    synth: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
    for i, n in enumerate((1, 2, 1, 2, 1, 2)):
        synth[n].append(run_build(text, tmp / f"cache-s{i}", None, workers=n))
    full = run_build(text, tmp / "cache-w", tmp / "out-w", engine="espeak", workers=2)
    best = {n: min(r["synthesize"] for r in runs) for n, runs in synth.items()}
    return {"characters": len(text.read_text(encoding="utf-8")), "synth": synth, "best": best,
            "full": full}  # fmt: skip


def book_run(tmp: Path) -> dict[str, Any]:
    book = tmp / "book.md"
    book.write_text(numbered_text(300_000, "Книга для замера"), encoding="utf-8")
    run = run_build(book, tmp / "cache-book", tmp / "out-book", engine="espeak",
                    workers=os.cpu_count() or 1)  # fmt: skip
    return {"characters": len(book.read_text(encoding="utf-8")), "run": run}


def silero_run(tmp: Path) -> dict[str, Any]:
    """The sample, and a 15,000-character text where the fixed costs (importing torch,
    loading the model, importing the normalizer) weigh less per second of audio."""
    sys.path.insert(0, str(REPO / "tests"))
    standin = importlib.import_module("standin")  # the tests' builder; not Silero
    model = standin.build_standin(tmp / "standin.pt", record=tmp / "standin-record.jsonl")
    long = tmp / "fifteen-thousand.md"
    long.write_text(numbered_text(15_000, "Статья для замера"), encoding="utf-8")
    builds = {name: run_build(source, tmp / f"cache-silero-{name}", tmp / f"out-silero-{name}",
                              engine="silero", model=model, workers=1)
              for name, source in (("sample", SAMPLE), ("15k", long))}  # fmt: skip
    (episode,) = (tmp / "out-silero-15k").glob("*/*.mp3")
    return {**builds, "lame_alone": lame_alone(episode, tmp / "lame.pcm")}


def lame_alone(mp3: Path, pcm: Path) -> dict[str, float]:
    """The encoder by itself on an episode's audio (decoded back to PCM at its own rate), as
    the build calls it: CPU seconds per audio second, the floor the encode stage cannot pass."""
    from tts.audio.ffmpeg import ffmpeg_exe

    ffmpeg = ffmpeg_exe()
    rate = 48000  # the Silero presets' rate
    subprocess.run([ffmpeg, "-v", "error", "-y", "-i", str(mp3), "-f", "s16le", "-ac", "1",
                    "-ar", str(rate), str(pcm)], check=True)  # fmt: skip
    seconds = pcm.stat().st_size / 2 / rate
    cpu = _children_cpu()
    subprocess.run([ffmpeg, "-v", "error", "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i",
                    str(pcm), "-c:a", "libmp3lame", "-b:a", "64k", "-f", "null", "-"],
                   check=True)  # fmt: skip
    per_second = (_children_cpu() - cpu) / seconds
    pcm.unlink()
    return {"cpu_per_audio_s": per_second, "floor_on_all_cores": per_second / (os.cpu_count() or 1)}


def pipeline_cost(build: dict[str, Any]) -> float:
    """Seconds per audio second of everything but synthesis (which holds the inference)."""
    return float((build["wall"] - build["timings"].get("synthesize", 0.0)) / build["duration"])


def _best(r: dict[str, Any], kind: str, figure: str) -> float:
    return float(min(round_[kind][figure] for round_ in r["rebuilds"]["rounds"]))


def startup_targets(r: dict[str, Any]) -> list[Target]:
    return [
        Target(f"start-up: tts {name} (s, median of 5)", r["startup"][name], "<=", 0.3)
        for name in ("--help", "voices")
    ]


def rebuild_targets(r: dict[str, Any]) -> list[Target]:
    cold, same, edited = (r["rebuilds"][k] for k in ("cold", "unchanged", "edited"))
    cli = r["rebuilds"]["cli"]
    return [
        Target("cold build / audio duration (process)", cold["process_wall"] / cold["duration"],
               "<=", 0.05),
        Target("unchanged rebuild / cold (`tts build` command)",
               cli["unchanged"] / cli["cold"], "<=", 0.10),
        Target("unchanged rebuild / cold (process)",
               _best(r, "unchanged", "process_wall") / _best(r, "cold", "process_wall"),
               "<=", 0.10),
        Target("unchanged rebuild / cold (in-process)", same["wall"] / cold["wall"], "<=", 0.10),
        Target("one edited sentence / cold (`tts build` command)",
               cli["edited"] / cli["cold"], "<=", 0.40),
        Target("one edited sentence / cold (process)",
               _best(r, "edited", "process_wall") / _best(r, "cold", "process_wall"),
               "<=", 0.40),
        Target("one edited sentence / cold (in-process)", edited["wall"] / cold["wall"],
               "<=", 0.40),
        Target("  with a number / cold (`tts build` command)",
               cli["edited-number"] / cli["cold"], "<=", 0.40),
        Target("  with a number / cold (process)",
               _best(r, "edited-number", "process_wall") / _best(r, "cold", "process_wall"),
               "<=", 0.40),
        Target("one edited sentence / cold (warm process, imports paid)",
               r["rebuilds"]["warm"]["edited"] / r["rebuilds"]["warm"]["cold"], "<=", 0.40),
        Target("after synthesis, sample (x realtime)", post_synthesis(cold), ">=", 50),
    ]  # fmt: skip


def workers_targets(r: dict[str, Any]) -> list[Target]:
    w = r["workers"]
    return [Target("after synthesis, 60k text (x realtime)", post_synthesis(w["full"]), ">=", 50),
            Target("synthesis, 2 workers / 1 (60k chars, best of 3)",
                   w["best"][2] / w["best"][1], "<=", 0.6)]  # fmt: skip


def silero_targets(r: dict[str, Any]) -> list[Target]:
    rows = []
    for name, build in r["silero"].items():
        if name == "lame_alone":
            continue
        rows += [Target(f"pipeline cost, Silero stand-in, {name} (s per audio s)",
                        pipeline_cost(build), "<=", 0.005),
                 Target("  of which after synthesis (s per audio s)",
                        1 / post_synthesis(build), "<=", 0.005)]  # fmt: skip
    return rows


def book_targets(r: dict[str, Any]) -> list[Target]:
    return [Target("peak RSS, 300k chars eSpeak (MiB, process tree)",
                   r["book"]["run"]["tree_peak_rss_mb"], "<=", 500)]  # fmt: skip


def startup_run(tmp: Path) -> dict[str, float]:
    return {name: startup([name]) for name in ("--help", "voices")}


# Each part of the benchmark: how it runs, and the targets it reports.
PARTS: dict[str, Callable[[Path], dict[str, Any]]] = {
    "startup": startup_run,
    "rebuilds": rebuilds,
    "workers": workers_run,
    "silero": silero_run,
    "book": book_run,
}
TARGETS: dict[str, Callable[[dict[str, Any]], list[Target]]] = {
    "startup": startup_targets,
    "rebuilds": rebuild_targets,
    "workers": workers_targets,
    "silero": silero_targets,
    "book": book_targets,
}


def targets(r: dict[str, Any]) -> list[Target]:
    return [t for part, rows in TARGETS.items() if part in r for t in rows(r)]


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child_build(sys.argv[2:])
        return
    if sys.argv[1:2] == ["--child-warm"]:
        child_warm(sys.argv[2:])
        return
    if sys.argv[1:2] == ["--child-synth"]:
        child_synth(sys.argv[2:])
        return
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--quick", action="store_true", help="Skip the 300,000-character book.")
    p.add_argument("--json", type=Path, help="Also write every raw figure to this file.")
    p.add_argument(
        "--only",
        choices=PARTS,
        action="append",
        help="Run only this part (repeatable); its targets alone are printed.",
    )
    a = p.parse_args()
    parts = a.only or [k for k in PARTS if k != "book" or not a.quick]
    # As installed code runs: from bytecode. This workplace sets PYTHONDONTWRITEBYTECODE, which
    # would make every child compile the whole package from source first.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(REPO / "tts", quiet=1)
    tmp = Path(tempfile.mkdtemp(prefix="tts-bench-"))
    try:
        r: dict[str, Any] = {"machine": machine()}
        for part in parts:
            r[part] = PARTS[part](tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(render_targets(r, targets(r)))
    if a.json:
        a.json.write_text(json.dumps(r, indent=1, default=str) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
