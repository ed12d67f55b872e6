"""Synthesis into the clip cache: serially, and with this process beside spawned workers."""

from __future__ import annotations

from pathlib import Path

import pytest

import tts.voice.synth as synth
from tts.store.clip_cache import ClipCache
from tts.voice.engines.registry import open_engine, resolve


def _jobs(n: int) -> list[str]:
    return [f"Предложение номер {i}, в нём {'слово ' * (i % 7)}конец." for i in range(n)]


@pytest.mark.parametrize("workers", [1, 3])
def test_every_clip_lands_in_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    monkeypatch.setattr(synth, "_PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(synth, "_BATCH", 5)
    spec, _ = resolve("fake")
    engine = open_engine(spec)
    cache = ClipCache(tmp_path / "clips")
    jobs = synth.plan_jobs(engine, spec.voice, _jobs(40))
    seen: list[tuple[int, int]] = []
    synth.synthesize_missing(
        engine, spec, cache, jobs, workers=workers, progress=lambda d, t: seen.append((d, t))
    )
    total = sum(len(j.spoken) for j in jobs)
    assert synth.missing(cache, jobs) == []
    for job in jobs:  # the same clip the engine makes here, whoever synthesized it
        clip = cache.get(job.key)
        assert clip is not None
        assert clip.pcm == synth.render(engine, spec.voice, job.spoken).pcm
    assert seen[-1] == (total, total)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
