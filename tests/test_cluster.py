"""`tts batch --cluster local`: clips rendered by Ray actors, episodes built from the cache."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from tts.batch import run_batch
from tts.cluster import import_ray, plan_cluster_jobs, prefill_clips
from tts.errors import TTSError

ARTICLES = {
    "one.txt": "Первая новость\n\nГород открыл новый парк. Жители довольны.\n",
    "two.txt": "Вторая новость\n\nВ библиотеке прошла выставка. Жители довольны.\n",
}


def manifest(folder: Path) -> Any:
    return json.loads((folder / "episode.json").read_text(encoding="utf-8"))


def test_local_cluster_renders_every_clip_once(tmp_path: Path, fresh_cache: Path) -> None:
    ray = pytest.importorskip("ray", reason="the cluster extra is not installed")
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    inputs = [str(tmp_path / "one.txt"), str(tmp_path / "missing.txt"), str(tmp_path / "two.txt")]
    items = run_batch(inputs, tmp_path / "out", engine="fake", workers=1, cluster="local")
    assert [i.status for i in items] == ["built", "failed", "built"]
    # Every clip came from the cluster: the local builds synthesized nothing.
    assert all(i.cached > 0 for i in items if i.status == "built")
    sentences = sum(len(manifest(i.folder)["sentences"]) for i in items if i.folder)
    assert sum(i.cached for i in items) == sentences
    clips = list((fresh_cache / "clips").rglob("*.clip"))
    assert len(clips) == sentences - 1  # «Жители довольны.» is shared, so rendered once
    assert not ray.is_initialized()  # the session the batch started was shut down
    assert prefill_clips([], address="local", workers=1) == 0
    assert plan_cluster_jobs([]) is None


def test_without_ray_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # what an environment without Ray gives
    with pytest.raises(TTSError, match=r"tts\[cluster\]"):
        import_ray()
