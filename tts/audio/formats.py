"""The audio formats beyond MP3, from the same levelled audio and chapters: M4A and M4B (AAC)
and Opus. The shell: runs ffmpeg and writes into the staging folder. (The EPUB talking book is
an output: tts.outputs.epub.)"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

from tts.audio.ffmpeg import run_ffmpeg
from tts.audio.picture import attached_picture, with_picture_comment
from tts.errors import ExportError
from tts.types import Cover

log = logging.getLogger(__name__)

AAC_BITRATE = "64k"
# Opus at 32 kbit/s mono is transparent for speech; it codes internally at 48 kHz only.
OPUS_BITRATE = "32k"
OPUS_RATE = 48000
KINDS = ("m4a", "m4b", "opus")


def export_formats(
    work: Path,
    *,
    levelled: Path,
    sample_rate: int,
    metadata: Path,
    names: Mapping[str, str],
    chapters: Sequence[tuple[str, float]],
    cover: Cover | None = None,
) -> None:
    """Write each audio format ``names`` lists (kind -> file name) into ``work``; other kinds
    are not audio and not this module's.

    ``levelled`` is the episode as the MP3 has it (raw PCM, loudness applied); ``chapters``
    are (title, start in seconds). ``cover`` (the episode's or the podcast's artwork) goes into
    every file when given.
    """
    for kind in (k for k in KINDS if k in names):
        name = names[kind]
        log.info("writing %s", name)
        if kind in ("m4a", "m4b"):
            book = kind == "m4b"
            encode_aac(levelled, sample_rate, work / name, metadata, book=book, cover=cover)
        else:
            marks = opus_chapters(chapters)
            encode_opus(levelled, sample_rate, work / name, metadata, chapters=marks, cover=cover)


def _inputs(raw: Path, sample_rate: int, metadata: Path) -> list[str]:
    return ["-f", "s16le", "-ar", str(sample_rate), "-ac", "1", "-i", str(raw), "-i", str(metadata)]


def _maps(*, chapters: bool = True) -> list[str]:
    """The audio from input 0; tags (and chapters, unless written otherwise) from input 1."""
    return ["-map", "0:a", "-map_metadata", "1", "-map_chapters", "1" if chapters else "-1"]


def encode_aac(
    raw: Path,
    sample_rate: int,
    out: Path,
    metadata: Path,
    *,
    book: bool,
    cover: Cover | None = None,
    bitrate: str = AAC_BITRATE,
) -> None:
    """M4A, or M4B (the audiobook brand) when ``book``: iTunes tags and chapters, index first,
    and the cover (covr) when given."""
    art_in, art_out = attached_picture(cover, 2) if cover is not None else ([], [])
    args = [
        *_inputs(raw, sample_rate, metadata),
        *art_in,
        *_maps(),
        *art_out,
        *("-c:a", "aac", "-b:a", bitrate),
        *("-movflags", "+faststart", "-brand", "M4B " if book else "M4A "),
        *("-f", "ipod", str(out)),
    ]
    run_ffmpeg(args, "M4B encoding" if book else "M4A encoding")


def encode_opus(
    raw: Path,
    sample_rate: int,
    out: Path,
    metadata: Path,
    *,
    chapters: Mapping[str, str],
    cover: Cover | None = None,
    bitrate: str = OPUS_BITRATE,
) -> None:
    """Opus in Ogg, the chapters given as CHAPTERnnn/CHAPTERnnnNAME comments, the cover as a
    METADATA_BLOCK_PICTURE comment.

    Not ffmpeg's own chapter comments: its Ogg muxer rounds the seconds field to the nearest
    second while keeping the milliseconds (ffmpeg 5.1 and 9.0), so 3.600 s is written 00:00:04.600.
    """
    comments = [arg for key, val in chapters.items() for arg in ("-metadata", f"{key}={val}")]
    tags = out.with_name(out.name + ".ffmetadata") if cover is not None else metadata
    try:
        if cover is not None:
            text = with_picture_comment(metadata.read_text("utf-8"), cover, cover.path.read_bytes())
            tags.write_text(text, "utf-8")
        args = [
            *_inputs(raw, sample_rate, tags),
            *_maps(chapters=False),
            *comments,
            *("-af", f"aresample={OPUS_RATE}"),
            *("-c:a", "libopus", "-b:a", bitrate, "-f", "ogg", str(out)),
        ]
        run_ffmpeg(args, "Opus encoding")
    except OSError as exc:
        raise ExportError(f"Opus encoding: {exc.strerror or exc}: {exc.filename}") from exc
    finally:
        if tags != metadata:
            tags.unlink(missing_ok=True)


def opus_chapters(chapters: Sequence[tuple[str, float]]) -> dict[str, str]:
    """Vorbis-comment chapter marks (the Ogg chapter extension), numbered from 001."""
    tags: dict[str, str] = {}
    for n, (title, start) in enumerate(chapters, start=1):
        ms = round(start * 1000)
        hours, rest = divmod(ms, 3_600_000)
        minutes, rest = divmod(rest, 60_000)
        tags[f"CHAPTER{n:03d}"] = f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"
        tags[f"CHAPTER{n:03d}NAME"] = " ".join(title.split())
    return tags
