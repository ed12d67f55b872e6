"""The default cover `tts feed init` makes: the podcast's title in large type on a square.

3000 px (Apple's largest, so directories only ever scale it down), JPEG (flat colour and type
compress to well under the 512 KB that some directories ask for), RGB. The type is Source Sans
Pro Bold from the `font-source-sans-pro` wheel: it has the Cyrillic alphabet, is under the SIL
Open Font License and installs with pip like every other dependency, so the cover looks the same
on every machine. The layout (`fit_title`) is a pure function of a measuring function, so it is
tested without a font; `render_cover` is the Pillow shell.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image as Picture
    from PIL.ImageFont import FreeTypeFont

SIZE = 3000
MARGIN = 300  # around the text; covers are often shown rounded or cropped a little
BACKGROUND = (32, 64, 112)  # deep blue
INK = (255, 255, 255)
ACCENT = (242, 183, 5)
FONT_PACKAGE, FONT_FILE = "font_source_sans_pro", "files/SourceSansPro-Bold.ttf"
LARGEST, SMALLEST = 640, 150  # type sizes in px tried, largest first; apps show covers small
STEP = 10
LEADING = 1.12  # line height / type size
MAX_BYTES = 512 * 1024
ELLIPSIS = "…"
NBSP = "\u00a0"
DASHES = ("—", "–")

Measure = Callable[[str, int], float]  # (text, type size) -> width in px


@dataclass(frozen=True)
class TitleLayout:
    size: int  # type size in px
    lines: tuple[str, ...]


def wrap(words: list[str], fits: Callable[[str], bool]) -> list[str]:
    """Greedy line filling: each line takes words while it still fits."""
    lines: list[str] = []
    for word in words:
        if lines and fits(f"{lines[-1]} {word}"):
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def bind_short_words(words: list[str]) -> list[str]:
    """Russian typesetting leaves no one- or two-letter word (в, к, и, на, по) at a line's
    end and starts no line with a dash: each is joined to its neighbour by a no-break space."""
    out: list[str] = []
    for word in words:
        short = out and len(out[-1].split(NBSP)[-1]) <= 2 and out[-1][-1:].isalpha()
        if short or (out and word in DASHES):
            out[-1] = f"{out[-1]}{NBSP}{word}"
        else:
            out.append(word)
    return out


def fit_title(title: str, measure: Measure, width: int, height: int) -> TitleLayout:
    """The largest type size whose wrapped lines fit the box; at the smallest size, words
    too long for a line are cut and lines beyond the box end in an ellipsis."""
    words = bind_short_words(title.split()) or [" "]
    for size in range(LARGEST, SMALLEST - 1, -STEP):
        max_lines = int(height // (size * LEADING))
        if any(measure(word, size) > width for word in words):
            continue
        lines = wrap(words, partial(_fits, measure, size, width))
        if len(lines) <= max_lines:
            return TitleLayout(size, tuple(lines))
    return _squeezed(words, measure, width, int(height // (SMALLEST * LEADING)))


def _fits(measure: Measure, size: int, width: float, text: str) -> bool:
    return measure(text, size) <= width


def _squeezed(words: list[str], measure: Measure, width: int, max_lines: int) -> TitleLayout:
    def fits(text: str) -> bool:
        return measure(text, SMALLEST) <= width

    pieces = [piece for word in words for piece in _cut(word, fits)]
    lines = wrap(pieces, fits)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and not fits(last + ELLIPSIS):
            last = last[:-1].rstrip()
        lines = [*lines[: max_lines - 1], last + ELLIPSIS]
    return TitleLayout(SMALLEST, tuple(lines))


def _cut(word: str, fits: Callable[[str], bool]) -> list[str]:
    """A word wider than a line, in pieces that fit (a line of one character always does)."""
    pieces = []
    while word:
        end = len(word)
        while end > 1 and not fits(word[:end]):
            end -= 1
        pieces.append(word[:end])
        word = word[end:]
    return pieces


@cache
def _font_bytes() -> bytes:
    return resources.files(FONT_PACKAGE).joinpath(FONT_FILE).read_bytes()


@lru_cache(maxsize=4)  # the layout measures one size at a time, many times
def font(size: int) -> FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(io.BytesIO(_font_bytes()), size)


def render_cover(title: str) -> bytes:
    """The default cover for a podcast called ``title``: a JPEG of SIZE x SIZE px."""
    from PIL import Image, ImageDraw

    box = SIZE - 2 * MARGIN
    bar = MARGIN // 6  # the accent bar above the title, and the gap under it
    layout = fit_title(title, lambda text, size: font(size).getlength(text), box, box - 2 * bar)
    image = Image.new("RGB", (SIZE, SIZE), BACKGROUND)
    draw = ImageDraw.Draw(image)
    type_face = font(layout.size)
    line = round(layout.size * LEADING)
    ascent, _ = type_face.getmetrics()
    top = MARGIN + 2 * bar + (box - 2 * bar - line * len(layout.lines)) // 2
    draw.rectangle((MARGIN, top - 2 * bar, MARGIN + 4 * bar, top - bar), fill=ACCENT)
    for n, text in enumerate(layout.lines):
        draw.text((MARGIN, top + n * line + ascent), text, font=type_face, fill=INK, anchor="ls")
    return _jpeg(image)


def _jpeg(image: Picture) -> bytes:
    """The least lossy JPEG under MAX_BYTES (flat art is far under it at quality 90)."""
    data = b""
    for quality in (90, 80, 70, 60):
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality, optimize=True)
        data = buffer.getvalue()
        if len(data) <= MAX_BYTES:
            break
    return data
