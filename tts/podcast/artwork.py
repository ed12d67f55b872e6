"""Podcast artwork: Apple Podcasts' rules for a cover, checked on the file itself.

Apple (and the directories that copy its rules) takes a square JPEG or PNG of 1400-3000 px in
RGB: no alpha channel, no CMYK. `read_cover` is the one reader for every place an image comes
in (`tts feed init --image`, `tts build --image`, the podcast's cover embedded in a build, and
`tts feed check`); its error is one line naming the file and what is wrong. Pillow reads only
the header here, so a check decodes no pixels.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from tts.errors import TTSError
from tts.podcast.feed import ITUNES
from tts.types import Cover

MIN_PX = 1400
MAX_PX = 3000
NEED_SIZE = f"podcasts need {MIN_PX}-{MAX_PX} px square"
MIME = {"JPEG": "image/jpeg", "PNG": "image/png"}
SUFFIXES = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",)}
_ALPHA_MODES = ("RGBA", "RGBa", "LA", "La", "PA")


class ArtworkError(TTSError):
    """An image that cannot be a podcast or episode cover; the message names the file."""


def read_cover(path: Path, label: str | None = None) -> Cover:
    """The cover at ``path`` if it keeps Apple's rules, else ArtworkError naming ``label``
    (the name the user knows it by; default: the file's name) and the first problem."""
    from PIL import Image, UnidentifiedImageError

    name = label or path.name
    try:
        with warnings.catch_warnings():
            # Pillow warns, then refuses, past ~90 megapixels: a cover's limit is 9.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind, mode, (width, height) = image.format or "", image.mode, image.size
                transparent = "transparency" in image.info
    except FileNotFoundError:
        raise ArtworkError(f"{name}: no such file") from None
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ArtworkError(f"{name} is far larger than {MAX_PX} px; {NEED_SIZE}") from None
    except UnidentifiedImageError:
        raise ArtworkError(f"{name} is not a JPEG or PNG image") from None
    except OSError as exc:
        raise ArtworkError(f"cannot read {name}: {exc.strerror or exc}") from exc
    problem = cover_problem(name, path.suffix, kind, mode, width, height, transparent)
    if problem:
        raise ArtworkError(problem)
    return Cover(path, MIME[kind], width, height)


def cover_problem(
    name: str, suffix: str, kind: str, mode: str, width: int, height: int, transparent: bool
) -> str | None:
    """The first rule a cover with these properties breaks, as one line; None if it keeps all."""
    if kind not in MIME:
        return f"{name} is a {kind or 'unknown'} image; podcasts need JPEG or PNG"
    if suffix.lower() not in SUFFIXES[kind]:
        # Servers and apps take the type from the name: a PNG named .jpg is served as JPEG.
        return f"{name} holds a {kind} image; name it {SUFFIXES[kind][0]}"
    if width != height or not MIN_PX <= width <= MAX_PX:
        return f"{name} is {width}x{height} px; {NEED_SIZE}"
    if mode in _ALPHA_MODES or transparent:
        return f"{name} has transparency ({mode}); podcasts need RGB without alpha"
    if mode == "CMYK":
        return f"{name} is CMYK; podcasts need RGB"
    if mode not in ("RGB", "P"):  # a palette's colours are RGB
        return f"{name} is not in RGB colour ({mode}); podcasts need RGB"
    return None


def local_image_problems(root: etree._Element, base: str, folder: Path) -> list[str]:
    """Every cover a feed points at inside its own folder (URLs under ``base``), checked once
    each; covers elsewhere cannot be fetched here and are left to the directories."""
    hrefs = [e.get("href") or "" for e in root.iter(f"{{{ITUNES}}}image")]
    hrefs += [e.text or "" for e in root.iterfind("channel/image/url")]
    problems: list[str] = []
    for relative in dict.fromkeys(unquote(h[len(base) :]) for h in hrefs if h.startswith(base)):
        path = (folder / relative).resolve()
        if not path.is_relative_to(folder) or not path.is_file():
            problems.append(f"cover {relative} is missing from the feed's folder")
            continue
        try:
            read_cover(path, relative)
        except ArtworkError as exc:
            problems.append(str(exc))
    return problems
