"""tts.podcast.artwork: Apple's cover rules on real image files, and the covers a feed's own
folder holds, as `tts feed check` sees them."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from feed_support import image_bytes, make_folder, manifests, write_episode
from PIL import Image

from tts.podcast.artwork import ArtworkError, cover_problem, read_cover
from tts.podcast.check import check_feed_file
from tts.podcast.publish import build_feed
from tts.types import Cover

SQUARE = "podcasts need 1400-3000 px square"


@pytest.mark.parametrize(
    ("kind", "suffix", "mode", "size", "transparent", "problem"),
    [
        ("JPEG", ".jpg", "RGB", (1400, 1400), False, None),
        ("JPEG", ".JPEG", "RGB", (3000, 3000), False, None),
        ("PNG", ".png", "RGB", (2048, 2048), False, None),
        ("PNG", ".png", "P", (1400, 1400), False, None),  # a palette of RGB colours
        ("PNG", ".png", "RGB", (1399, 1399), False, f"c is 1399x1399 px; {SQUARE}"),
        ("PNG", ".png", "RGB", (3001, 3001), False, f"c is 3001x3001 px; {SQUARE}"),
        ("PNG", ".png", "RGB", (1400, 1401), False, f"c is 1400x1401 px; {SQUARE}"),
        ("PNG", ".png", "RGBA", (1400, 1400), False, "c has transparency (RGBA); podcasts need "
         "RGB without alpha"),
        ("PNG", ".png", "P", (1400, 1400), True, "c has transparency (P); podcasts need RGB "
         "without alpha"),
        ("PNG", ".png", "RGB", (1400, 1400), True, "c has transparency (RGB); podcasts need RGB "
         "without alpha"),
        ("JPEG", ".jpg", "CMYK", (1400, 1400), False, "c is CMYK; podcasts need RGB"),
        ("JPEG", ".jpg", "L", (1400, 1400), False, "c is not in RGB colour (L); podcasts need RGB"),
        ("WEBP", ".webp", "RGB", (1400, 1400), False, "c is a WEBP image; podcasts need JPEG or "
         "PNG"),
        ("JPEG", ".png", "RGB", (1400, 1400), False, "c holds a JPEG image; name it .jpg"),
    ],
)  # fmt: skip
def test_cover_rules(
    kind: str,
    suffix: str,
    mode: str,
    size: tuple[int, int],
    transparent: bool,
    problem: str | None,
) -> None:
    assert cover_problem("c", suffix, kind, mode, *size, transparent) == problem


def test_a_good_cover_reads_with_what_embedding_needs(tmp_path: Path) -> None:
    path = tmp_path / "art.png"
    path.write_bytes(image_bytes(1500))
    assert read_cover(path) == Cover(path, "image/png", 1500, 1500)
    assert read_cover(path).suffix == ".png"
    jpeg = tmp_path / "art.jpeg"
    jpeg.write_bytes(image_bytes(1400, kind="JPEG"))
    assert (read_cover(jpeg).mime, read_cover(jpeg).suffix) == ("image/jpeg", ".jpg")


def test_errors_name_the_file_as_the_user_gave_it(tmp_path: Path) -> None:
    path = tmp_path / "art.png"
    path.write_bytes(image_bytes(500))
    with pytest.raises(ArtworkError, match=rf"^covers/art.png is 500x500 px; {SQUARE}$"):
        read_cover(path, "covers/art.png")


def test_a_palette_png_with_a_transparent_colour_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.png"
    buffer = io.BytesIO()
    Image.new("P", (1400, 1400), 0).save(buffer, "PNG", transparency=0)
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ArtworkError, match=r"has transparency \(P\)"):
        read_cover(path)


def png_header(width: int, height: int) -> bytes:
    """A PNG that is all header: what Pillow reads before it decodes anything."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def test_an_enormous_image_is_refused_from_its_header(tmp_path: Path) -> None:
    """Pillow's decompression-bomb guard becomes the same one-line error, not a warning."""
    path = tmp_path / "huge.png"
    path.write_bytes(png_header(12000, 12000))  # 144 megapixels, said in 45 bytes
    with pytest.raises(ArtworkError, match=rf"^huge.png is far larger than 3000 px; {SQUARE}$"):
        read_cover(path)


def test_feed_check_reads_each_local_cover_once(tmp_path: Path) -> None:
    """The channel's cover is repeated in every item: one line for it, not one per item."""
    folder = make_folder(tmp_path / "pod")
    (folder / "cover.png").write_bytes(image_bytes(800))
    assert check_feed_file(build_feed(folder)) == [f"cover.png is 800x800 px; {SQUARE}"]


def test_feed_check_reads_an_episodes_own_cover(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "pod", ())
    slug = "stepnaya-observatoriya"
    episode = write_episode(folder, slug, manifests()[slug] | {"image": "cover.jpg"})
    (episode / "cover.jpg").write_bytes(image_bytes(1400, 1000, kind="JPEG"))
    feed = build_feed(folder)
    assert f'href="https://example.org/podcast/{slug}/cover.jpg"' in feed.read_text("utf-8")
    assert check_feed_file(feed) == [f"{slug}/cover.jpg is 1400x1000 px; {SQUARE}"]
    (episode / "cover.jpg").write_bytes(image_bytes(1400, kind="JPEG"))
    assert check_feed_file(feed) == []


def test_feed_check_names_a_cover_missing_from_the_folder(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "pod")
    feed = build_feed(folder)
    (folder / "cover.png").unlink()
    assert check_feed_file(feed) == ["cover cover.png is missing from the feed's folder"]


def test_feed_check_leaves_remote_covers_alone(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "pod", image="https://cdn.example.net/art.jpg")
    (folder / "cover.png").unlink()
    assert check_feed_file(build_feed(folder)) == []


def test_feed_check_never_reads_outside_the_folder(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "pod")
    feed = build_feed(folder)
    (tmp_path / "secret.png").write_bytes(image_bytes(500))
    data = feed.read_text("utf-8").replace("podcast/cover.png", "podcast/../secret.png")
    feed.write_text(data, "utf-8")
    assert check_feed_file(feed) == ["cover ../secret.png is missing from the feed's folder"]
