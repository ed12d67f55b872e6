"""Covers through a whole build (real eSpeak NG and ffmpeg): the podcast's cover in the MP3, an
episode's own cover (--image) checked before synthesis, kept in its folder and named in the
feed; a podcast cover that breaks the rules is left out with a warning."""

from __future__ import annotations

import logging
import struct
from pathlib import Path

import pytest
from feed_support import BASE_URL, image_bytes, make_config

from tts.build import BuildOptions, build_episode
from tts.episode import Episode
from tts.podcast.artwork import ArtworkError
from tts.podcast.check import check_feed_file
from tts.podcast.config import save_config
from tts.podcast.publish import build_feed

pytestmark = pytest.mark.slow

ARTICLE = "Обложка выпуска\n\nВ Павлодаре открыли библиотеку. Она работает каждый день.\n"


def apic(mp3: Path) -> tuple[str, int, bytes] | None:
    """The MIME type, picture type and bytes of the first ID3v2.3 APIC frame, if any."""
    data = mp3.read_bytes()
    if data[:3] != b"ID3":
        return None
    end = 10 + sum(b << (7 * (3 - n)) for n, b in enumerate(data[6:10]))
    at = 10
    while at + 10 <= end and data[at : at + 4].strip(b"\0"):
        name, size = data[at : at + 4], struct.unpack(">I", data[at + 4 : at + 8])[0]
        body = data[at + 10 : at + 10 + size]
        if name == b"APIC":
            mime, _, rest = body[1:].partition(b"\0")
            kind, (_, _, picture) = rest[0], rest[1:].partition(b"\0")  # Latin-1 description
            return mime.decode(), kind, picture
        at += 10 + size
    return None


@pytest.fixture
def podcast(tmp_path: Path) -> tuple[Path, Path]:
    """A podcast folder with a good JPEG cover, and an article to build into it."""
    folder = tmp_path / "pod"
    folder.mkdir()
    (folder / "cover.jpg").write_bytes(image_bytes(1400, kind="JPEG"))
    save_config(folder, make_config(image="cover.jpg"))
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    return folder, article


def build(folder: Path, article: Path, image: Path | None = None) -> Episode:
    opts = BuildOptions(inputs=(str(article),), outdir=folder, engine="espeak", image=image)
    return build_episode(opts).episode


def test_the_podcasts_cover_goes_into_the_mp3(podcast: tuple[Path, Path]) -> None:
    """Before: the MP3 had no APIC at all."""
    folder, article = podcast
    episode = build(folder, article)
    assert episode.image is None
    found = apic(folder / episode.slug / episode.files.mp3)
    assert found == ("image/jpeg", 3, (folder / "cover.jpg").read_bytes())
    feed = build_feed(folder).read_text("utf-8")
    assert feed.count(f'<itunes:image href="{BASE_URL}cover.jpg"/>') == 2  # channel and item


def test_an_episodes_own_cover(podcast: tuple[Path, Path], tmp_path: Path) -> None:
    folder, article = podcast
    own = tmp_path / "own.png"
    own.write_bytes(image_bytes(1500))
    episode = build(folder, article, own)
    target = folder / episode.slug
    assert episode.image == "cover.png" and Episode.load(target / "episode.json") == episode
    assert (target / "cover.png").read_bytes() == own.read_bytes()
    assert apic(target / episode.files.mp3) == ("image/png", 3, own.read_bytes())
    feed = build_feed(folder)
    text = feed.read_text("utf-8")
    assert f'<itunes:image href="{BASE_URL}{episode.slug}/cover.png"/>' in text
    assert text.count(f'<itunes:image href="{BASE_URL}cover.jpg"/>') == 1  # the channel's
    assert check_feed_file(feed) == []
    # the same image again: nothing to redo; another image: a rebuild with it
    assert build_episode(BuildOptions((str(article),), folder, "espeak", image=own)).unchanged
    own.write_bytes(image_bytes(1600))
    assert build(folder, article, own).image == "cover.png"
    assert apic(target / episode.files.mp3) == ("image/png", 3, own.read_bytes())


def test_a_bad_episode_cover_stops_the_build_before_synthesis(
    podcast: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, article = podcast
    own = tmp_path / "own.png"
    own.write_bytes(image_bytes(500))
    with pytest.raises(ArtworkError) as caught:
        build(folder, article, own)
    assert str(caught.value) == f"{own} is 500x500 px; podcasts need 1400-3000 px square"
    assert [p.name for p in folder.iterdir() if p.is_dir()] == []


def test_a_podcast_cover_that_breaks_the_rules_is_left_out(
    podcast: tuple[Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    folder, article = podcast
    (folder / "cover.jpg").write_bytes(image_bytes(1400, 1000, kind="JPEG"))
    with caplog.at_level(logging.WARNING):
        episode = build(folder, article)
    assert apic(folder / episode.slug / episode.files.mp3) is None
    assert (
        "cover.jpg is 1400x1000 px; podcasts need 1400-3000 px square; the episode gets no cover"
        in caplog.messages
    )
