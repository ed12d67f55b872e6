"""Publication dates through the real CLI and the real feed: an episode's pubDate is set once,
at its first build, and kept by every rebuild like its GUID; the article's own date wins; a
new date is a deliberate act (`tts build --date`)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from lxml import etree

UNDATED = "Новость без даты\n\nПервый абзац новости о городе. Второй абзац.\n"
DATED = "Новость с датой\n\n12 марта 2026 года\n\nПервый абзац новости о городе.\n"


def tts(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tts", *map(str, args)], capture_output=True, text=True, timeout=120
    )


def build(article: Path, out: Path, *extra: str) -> dict[str, str]:
    """`tts build --feed` (a rebuild: the article gained a sentence); the episode and the
    feed item's pubDate."""
    done = tts("build", article, "-o", out, "--engine", "espeak", "-q", "--feed", *extra)
    assert done.returncode == 0, done.stderr
    episode = json.loads((Path(done.stdout.strip()) / "episode.json").read_text("utf-8"))
    (item,) = etree.parse(out / "feed.xml").findall("channel/item")
    return {"pubDate": item.findtext("pubDate"), "guid": item.findtext("guid"), **episode}


def _past(stamp: str) -> None:
    """Wait until the clock has left the second ``stamp`` names: the next build's own time is
    then another, so a pubDate taken from it would show."""
    end = datetime.fromisoformat(stamp) + timedelta(seconds=1)  # stamps hold whole seconds
    while datetime.now(UTC) < end:
        time.sleep(0.05)


def podcast(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    done = tts("feed", "init", out, "--title", "Тест", "--author", "Редакция",
               "--email", "p@example.org", "--base-url", "https://example.org/pod/")  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out


def test_three_rebuilds_of_an_undated_article_keep_its_pubdate(tmp_path: Path) -> None:
    out, article = podcast(tmp_path), tmp_path / "a.txt"
    article.write_text(UNDATED, encoding="utf-8")
    builds = [build(article, out)]
    for n in range(3):
        _past(builds[-1]["created"])
        with article.open("a", encoding="utf-8") as text:
            text.write(f"\nПравка номер {n + 1}.\n")
        builds.append(build(article, out))
    assert len({b["created"] for b in builds}) == 4  # four builds, each at its own second
    assert len({b["pubDate"] for b in builds}) == 1, [b["pubDate"] for b in builds]
    assert len({b["guid"] for b in builds}) == 1
    assert {b["published"] for b in builds} == {builds[0]["created"]}  # the first build's time


def test_a_new_date_is_set_with_date_and_kept_by_later_rebuilds(tmp_path: Path) -> None:
    out, article = podcast(tmp_path), tmp_path / "a.txt"
    article.write_text(UNDATED, encoding="utf-8")
    first = build(article, out)
    moved = build(article, out, "--date", "2026-03-12T09:30+05:00")  # unchanged otherwise
    assert moved["pubDate"] == "Thu, 12 Mar 2026 04:30:00 +0000" != first["pubDate"]
    assert moved["guid"] == first["guid"]
    article.write_text(UNDATED + "\nПравка.\n", encoding="utf-8")
    assert build(article, out)["pubDate"] == moved["pubDate"]


def test_the_articles_own_date_wins(tmp_path: Path) -> None:
    out, article = podcast(tmp_path), tmp_path / "a.txt"
    article.write_text(DATED, encoding="utf-8")
    first = build(article, out)
    assert (first["date"], first["pubDate"]) == ("2026-03-12", "Thu, 12 Mar 2026 00:00:00 +0000")
    article.write_text(DATED + "\nПравка.\n", encoding="utf-8")
    assert build(article, out)["pubDate"] == first["pubDate"]


def test_a_date_that_is_no_date_is_one_line_exit_1(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(UNDATED, encoding="utf-8")
    done = tts("build", article, "-o", tmp_path / "out", "--date", "12.03.2026")
    assert done.returncode == 1 and not (tmp_path / "out").exists()
    assert done.stderr == (
        "error: --date must be YYYY-MM-DD or YYYY-MM-DDTHH:MM, not '12.03.2026'\n"
    )
