"""Batch builds with the fake engine: failures isolated, unchanged skipped, the feed once;
with a Silero stand-in (NOT Silero): one model load for the whole batch."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from standin import read_record

from tts.batch import BatchItem, plan_options, run_batch
from tts.build import BuildOptions
from tts.errors import TTSError
from tts.podcast.config import PodcastConfig, save_config

if TYPE_CHECKING:
    from conftest_silero import StandIns

pytest_plugins = ["conftest_silero"]

GOOD = {
    "first.txt": "Первая новость дня\n\nГород открыл новый парк. Жители довольны.\n",
    "second.txt": "Вторая новость дня\n\nВ библиотеке прошла выставка. Её посетили многие.\n",
}


def articles(folder: Path) -> list[str]:
    """Two good articles with a missing file between them."""
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [str(folder / "first.txt"), str(folder / "missing.txt"), str(folder / "second.txt")]


def statuses(items: list[BatchItem]) -> list[str]:
    return [i.status for i in items]


def test_failure_is_reported_and_the_rest_built(tmp_path: Path) -> None:
    inputs = articles(tmp_path)
    seen: list[str] = []
    items = run_batch(
        inputs, tmp_path / "out", engine="fake", on_item=lambda i: seen.append(i.source)
    )
    assert [i.source for i in items] == inputs and sorted(seen) == sorted(inputs)
    assert statuses(items) == ["built", "failed", "built"]
    assert items[1].error and "missing.txt" in items[1].error and items[1].folder is None
    for item in (items[0], items[2]):
        assert item.folder and (item.folder / "episode.json").is_file()
        assert item.duration and item.duration > 1.0
    assert items[0].folder != items[2].folder
    assert (tmp_path / "out" / "index.html").is_file()


def test_second_run_reports_unchanged(tmp_path: Path) -> None:
    inputs = articles(tmp_path)
    run_batch(inputs, tmp_path / "out", engine="fake")
    (tmp_path / "second.txt").write_text(
        GOOD["second.txt"].replace("многие", "сотни"), encoding="utf-8"
    )
    again = run_batch(inputs, tmp_path / "out", engine="fake")
    assert statuses(again) == ["unchanged", "failed", "built"]


def test_parallel_articles_match_serial(tmp_path: Path) -> None:
    inputs = articles(tmp_path)
    items = run_batch(inputs, tmp_path / "out", engine="fake", workers=2)
    assert statuses(items) == ["built", "failed", "built"]
    library = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Первая новость дня" in library and "Вторая новость дня" in library


def test_feed_without_podcast_toml_fails_before_building(tmp_path: Path) -> None:
    inputs = articles(tmp_path)
    with pytest.raises(TTSError, match="tts feed init"):
        run_batch(inputs, tmp_path / "out", engine="fake", feed=True)
    assert not (tmp_path / "out").exists()


def test_feed_rebuilt_once_with_every_episode(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    save_config(
        out,
        PodcastConfig(
            title="Новости",
            author="Редакция",
            email="p@example.org",
            base_url="https://example.org/pod/",
            description="Новости.",
        ),
    )
    run_batch(articles(tmp_path), out, engine="fake", feed=True)
    feed = (out / "feed.xml").read_text(encoding="utf-8")
    assert feed.count("<item>") == 2
    assert "Первая новость дня" in feed and "Вторая новость дня" in feed


def test_repeated_input_planned_once() -> None:
    base = BuildOptions(inputs=(), engine="fake")
    planned = plan_options(["a.txt", "b.txt", "a.txt"], base)
    assert [o.inputs for o in planned] == [("a.txt",), ("b.txt",)]
    assert all(o.engine == "fake" for o in planned)


@pytest.mark.slow
def test_silero_model_is_loaded_once_per_batch(
    standins: StandIns, record: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTS_CACHE_DIR", str(tmp_path / "cache"))
    inputs = articles(tmp_path)
    items = run_batch(
        inputs, tmp_path / "out", engine="silero", model_path=standins.v5, trust_model=True
    )
    assert statuses(items) == ["built", "failed", "built"]
    assert sum(e["event"] == "load" for e in read_record(record)) == 1
