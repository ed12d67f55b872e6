"""tts.podcast.cover: the default cover's layout (a pure function of a measure) and the JPEG
it makes with the packaged font."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageDraw

from tts.podcast.artwork import read_cover
from tts.podcast.cover import (
    BACKGROUND,
    ELLIPSIS,
    LARGEST,
    MARGIN,
    MAX_BYTES,
    NBSP,
    SIZE,
    SMALLEST,
    bind_short_words,
    fit_title,
    font,
    render_cover,
)

RUSSIAN = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя«»—…№"
BOX = SIZE - 2 * MARGIN


def mono(text: str, size: int) -> float:
    """A stand-in font: every character half as wide as the type is tall."""
    return len(text) * size / 2


def test_a_short_title_gets_the_largest_type() -> None:
    assert fit_title("Новости", mono, BOX, BOX) == fit_title("Новости", mono, BOX, BOX)
    layout = fit_title("Новости", mono, BOX, BOX)
    assert (layout.size, layout.lines) == (LARGEST, ("Новости",))


def test_a_longer_title_wraps_before_it_shrinks() -> None:
    layout = fit_title("Новости Павлодара вслух", mono, BOX, BOX)
    assert layout.lines == ("Новости", "Павлодара", "вслух") and layout.size < LARGEST
    assert all(mono(line, layout.size) <= BOX for line in layout.lines)


def test_short_words_stay_with_the_next_one() -> None:
    assert bind_short_words(["Статьи", "в", "аудиоверсии", "и", "на", "сайте"]) == [
        "Статьи", f"в{NBSP}аудиоверсии", f"и{NBSP}на{NBSP}сайте",
    ]  # fmt: skip
    assert bind_short_words(["«А»", "и", "Б"]) == ["«А»", f"и{NBSP}Б"]  # «А» is no word
    assert bind_short_words(["Павлодар", "—", "город"]) == [f"Павлодар{NBSP}—", "город"]


def test_a_word_too_long_for_any_size_is_cut_and_the_rest_ends_in_an_ellipsis() -> None:
    layout = fit_title("Х" * 200 + " конец", mono, BOX, BOX)
    per_line = int(BOX // (SMALLEST / 2))
    assert layout.size == SMALLEST and layout.lines[0] == "Х" * per_line
    assert len(layout.lines) == int(BOX // (SMALLEST * 1.12)) or "конец" in layout.lines[-1]
    long = fit_title("слово " * 400, mono, BOX, BOX)
    assert long.lines[-1].endswith(ELLIPSIS) and len(long.lines) == int(BOX // (SMALLEST * 1.12))


@given(st.text(alphabet=RUSSIAN + " -", max_size=300))
def test_every_title_fits_the_box(title: str) -> None:
    layout = fit_title(title, mono, BOX, BOX)
    assert SMALLEST <= layout.size <= LARGEST
    assert all(mono(line, layout.size) <= BOX for line in layout.lines)
    assert len(layout.lines) * layout.size * 1.12 <= BOX
    if not any(line.endswith(ELLIPSIS) for line in layout.lines):
        assert "".join(title.split()) == "".join("".join(layout.lines).replace(NBSP, "").split())


def test_the_font_draws_every_russian_letter() -> None:
    """No letter comes out as the missing-glyph box (what a Latin-only font would draw)."""

    def drawn(text: str) -> bytes:
        image = Image.new("L", (150, 150))
        ImageDraw.Draw(image).text((10, 10), text, font=font(100), fill=255)
        return image.tobytes()

    missing = drawn("\ue000")  # private use: in no text font
    for letter in RUSSIAN:
        assert drawn(letter) != missing, letter


@pytest.fixture(scope="module")
def covers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("covers")
    titles = {"short": "Новости вслух", "long": "Статьи «Степной правды» в аудиоверсии: " * 3}
    out = {}
    for name, title in titles.items():
        out[name] = folder / f"{name}.jpg"
        out[name].write_bytes(render_cover(title))
    return out


@pytest.mark.parametrize("name", ["short", "long"])
def test_the_cover_keeps_apples_rules_at_3000_px(covers: dict[str, Path], name: str) -> None:
    path = covers[name]
    assert path.stat().st_size <= MAX_BYTES
    cover = read_cover(path)
    assert (cover.mime, cover.width, cover.height) == ("image/jpeg", SIZE, SIZE)


@pytest.mark.parametrize("name", ["short", "long"])
def test_the_title_is_drawn_inside_the_margins(covers: dict[str, Path], name: str) -> None:
    with Image.open(covers[name]) as image:
        plain = Image.new("RGB", image.size, BACKGROUND)
        # JPEG noise aside (under 24 levels), what differs from the background is the type
        ink = (
            ImageChops.difference(image.convert("RGB"), plain)
            .convert("L")
            .point(lambda v: 255 if v > 24 else 0)
        )
    box = ink.getbbox()
    assert box is not None
    left, top, right, bottom = box
    assert left >= MARGIN - 2 and top >= MARGIN - 2
    assert right <= SIZE - MARGIN + 2 and bottom <= SIZE - MARGIN + 2
    assert (right - left) > SIZE // 3 and (bottom - top) > SIZE // 10  # large type, not a speck


def test_same_title_same_bytes() -> None:
    assert render_cover("Подкаст") == render_cover("Подкаст")
    with Image.open(io.BytesIO(render_cover("Подкаст"))) as image:
        assert image.info.get("progressive") is None  # baseline JPEG: every decoder reads it
