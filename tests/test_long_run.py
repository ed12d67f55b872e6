"""A long run through eSpeak NG with memory sampled (issue 8 item 6; the Silero stand-in's long
run is in test_silero.py). 2,000 distinct sentences go through what a synthesis worker does for
each: render (split, synthesize, trim) and a checksummed write into the clip cache."""

from __future__ import annotations

import os
from pathlib import Path

from tts.store.clip_cache import ClipCache, clip_key
from tts.voice.engines.registry import open_engine, resolve
from tts.voice.synth import render

WORDS = ["Рынок", "вырос", "за", "неделю", "и", "потом", "замер", "снова", "утром", "вечером"]


def _rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def _sentence(i: int) -> str:
    """A distinct short sentence for each i (no two calls synthesize the same text)."""
    words = [WORDS[(i // len(WORDS) ** k) % len(WORDS)].lower() for k in range(4)]
    return f"{WORDS[i % 7]} {' '.join(words)}."


def test_two_thousand_sentences_through_espeak_keep_memory_flat(tmp_path: Path) -> None:
    spec, _ = resolve("espeak", None)
    engine = open_engine(spec)
    cache = ClipCache(tmp_path / "clips")
    samples: list[tuple[int, float]] = []
    texts = [_sentence(i) for i in range(2000)]
    assert len(set(texts)) == 2000
    try:
        for i, text in enumerate(texts):
            clip = render(engine, spec.voice, text)
            assert clip.samples > engine.sample_rate // 10, text
            key = clip_key(engine.info, spec.voice, text)
            cache.put(key, clip)
            if i % 250 == 0 or i == 1999:
                samples.append((i + 1, _rss_mb()))
    finally:
        engine.close()
    print("calls -> RSS MB:", ", ".join(f"{n}: {mb:.1f}" for n, mb in samples))
    assert len(list((tmp_path / "clips").glob("*/*.clip"))) == 2000
    growth = samples[-1][1] - samples[1][1]  # from 251 calls on, after allocator warm-up
    assert growth < 20.0, f"RSS grew {growth:.1f} MB over 1750 calls: {samples}"
