"""`tts.bench`: every stage reported, derived figures consistent with the raw ones."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tts.bench import STAGES, BenchReport, bench_build, format_report, fresh_clip_cache

ARTICLE = "Заголовок новости\n\nГород открыл новый парк. В нём 12 скамеек и 3 фонтана.\n"


def test_every_stage_and_figure_reported(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    with fresh_clip_cache():
        report = bench_build(str(source), engine="fake")
    data = json.loads(json.dumps(report.as_dict()))
    assert set(data["stages"]) == set(STAGES)
    for key in ("rtf", "chars_per_second", "post_synthesis_realtime",
                "pipeline_cost_per_audio_second", "peak_rss_mb", "cache_hits", "wall"):  # fmt: skip
        assert key in data
    assert report.cache_hits == 0 and report.sentences >= 3
    assert report.audio_seconds > 0 and report.peak_rss_mb > 0
    texts = ["Заголовок новости", "Город открыл новый парк.", "В нём 12 скамеек и 3 фонтана."]
    assert report.characters == sum(len(t) for t in texts)
    assert report.rtf == report.wall / report.audio_seconds
    assert report.stages["synthesize"] > 0 and report.stages["encode"] > 0
    assert "synthesize" in format_report(report)


def test_warm_cache_counts_hits(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    first = bench_build(str(source), engine="fake")
    second = bench_build(str(source), engine="fake")
    assert second.cache_hits == second.sentences == first.sentences


def test_fresh_cache_is_temporary_and_keeps_models(tmp_path: Path) -> None:
    before = os.environ["TTS_CACHE_DIR"]
    models = Path(before) / "models"
    models.mkdir(parents=True, exist_ok=True)
    with fresh_clip_cache() as root:
        assert os.environ["TTS_CACHE_DIR"] == str(root) != before
        assert (root / "models").resolve() == models.resolve()
    assert os.environ["TTS_CACHE_DIR"] == before and not root.exists()


def test_derived_figures() -> None:
    stages = dict.fromkeys(STAGES, 0.0) | {"synthesize": 6.0, "loudness": 1.0, "encode": 1.0}
    report = BenchReport("x", "fake", 1000, 10, 0, 100.0, 10.0, stages, 50.0, 20.0)
    assert report.rtf == 0.1 and report.chars_per_second == 100.0
    assert report.post_synthesis_realtime == 50.0
    assert report.pipeline_cost_per_audio_second == 0.04
