"""The audio formats beyond MP3, from the same levelled audio and chapters: M4A and M4B (AAC)
and Opus. The shell: runs ffmpeg and writes into the staging folder. (The EPUB talking book is
an output: tts.outputs.epub; its audio is the MP3.)

Each codec runs once, and the codecs run side by side: AAC into a bare MP4 (one process), Opus
in pieces into a bare Ogg (opus.py). Every stream is decoded and its true peak checked, and
encoded again with dips where a block came out above the limit (peaks.py). Then it is copied
(``-c copy``) into the published files with their tags and chapters: the M4A and the M4B are
the same AAC stream, each with its own brand.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tts.audio.ffmpeg import run_ffmpeg
from tts.audio.opus import encode_pieces
from tts.audio.peaks import CHECK_DBTP, encode_under
from tts.audio.picture import attached_picture, with_picture_comment
from tts.errors import ExportError
from tts.types import Cover

log = logging.getLogger(__name__)

AAC_BITRATE = "64k"
# ffmpeg's AAC encoder with its "fast" coder: the default ("twoloop") takes five times the CPU
# and fills bands with noise (PNS) whose peaks decoded up to 7 dB above the audio's own (one
# hour of eSpeak NG speech: +3.5 dBTP against -1.3 with "fast", at the same loudness).
AAC_ARGS = ("-c:a", "aac", "-aac_coder", "fast", "-b:a", AAC_BITRATE)
KINDS = ("m4a", "m4b", "opus")
CODECS = {"aac": ("m4a", "m4b"), "opus": ("opus",)}  # the formats made from each one stream

# (kind, fraction of its work done): each encoder reports as it goes
Progress = Callable[[str, float], None]


def export_formats(
    work: Path,
    *,
    levelled: Path,
    sample_rate: int,
    metadata: Path,
    names: Mapping[str, str],
    chapters: Sequence[tuple[str, float]],
    cover: Cover | None = None,
    progress: Progress | None = None,
    workers: int = 2,
) -> None:
    """Write each audio format ``names`` lists (kind -> file name) into ``work``; other kinds
    are not audio and not this module's.

    ``levelled`` is the episode as the MP3 has it (raw PCM, loudness applied); ``chapters``
    are (title, start in seconds). ``cover`` (the episode's or the podcast's artwork) goes into
    every file when given. ``progress`` hears each format's share of its work done;
    ``workers``: Opus processes at a time.
    """
    codecs = [c for c, kinds in CODECS.items() if any(kind in names for kind in kinds)]
    if not codecs:
        return

    def encode(codec: str) -> Path:
        kinds = [kind for kind in CODECS[codec] if kind in names]

        def report(done: float) -> None:
            for kind in kinds:
                if progress is not None:
                    progress(kind, done)

        if codec == "aac":
            return encode_aac(levelled, sample_rate, work, progress=report)
        return encode_pieces(levelled, sample_rate, work, workers=workers, progress=report)

    with ThreadPoolExecutor(max_workers=len(codecs)) as pool:
        streams = dict(zip(codecs, pool.map(encode, codecs), strict=True))
    for codec, stream in streams.items():
        for kind in (k for k in CODECS[codec] if k in names):
            log.info("writing %s", names[kind])
            out = work / names[kind]
            if codec == "aac":
                mux_aac(stream, out, metadata, book=kind == "m4b", cover=cover)
            else:
                mux_opus(stream, out, metadata, chapters=opus_chapters(chapters), cover=cover)
        stream.unlink()


def encode_aac(
    levelled: Path,
    sample_rate: int,
    work: Path,
    *,
    limit: float = CHECK_DBTP,
    progress: Callable[[float], None] | None = None,
) -> Path:
    """The AAC stream of ``levelled`` in a bare MP4 in ``work``, every 100 ms block decoding at
    or under ``limit`` dBTP (encoded from a copy, which the repairs may dip)."""
    source = work / "aac-levelled.raw"
    out = work / "aac-stream.mp4"
    try:
        shutil.copyfile(levelled, source)
    except OSError as exc:
        raise ExportError(f"cannot copy the audio for AAC: {exc.strerror or exc}") from exc

    def encode(pcms: Sequence[Path], heard: Callable[[float], None] | None) -> list[Path]:
        args = ["-f", "s16le", "-ar", str(sample_rate), "-ac", "1", "-i", str(pcms[0])]
        run_ffmpeg([*args, "-map", "0:a", *AAC_ARGS, "-f", "mp4", str(out)], "AAC encoding",
                   progress=heard)  # fmt: skip
        return [out]

    encode_under([source], sample_rate, encode, "AAC", limit=limit, progress=progress)
    source.unlink()
    return out


def _maps(*, chapters: bool = True) -> list[str]:
    """The audio from input 0; tags (and chapters, unless written otherwise) from input 1."""
    return ["-map", "0:a", "-map_metadata", "1", "-map_chapters", "1" if chapters else "-1"]


def mux_aac(
    stream: Path, out: Path, metadata: Path, *, book: bool, cover: Cover | None = None
) -> None:
    """M4A, or M4B (the audiobook brand) when ``book``, from the bare AAC stream (copied):
    iTunes tags and chapters, index first, and the cover (covr) when given."""
    art_in, art_out = attached_picture(cover, 2) if cover is not None else ([], [])
    args = [
        *("-i", str(stream), "-i", str(metadata)),
        *art_in,
        *_maps(),
        *art_out,
        *("-c:a", "copy"),
        *("-movflags", "+faststart", "-brand", "M4B " if book else "M4A "),
        *("-f", "ipod", str(out)),
    ]
    run_ffmpeg(args, "M4B writing" if book else "M4A writing")


def mux_opus(
    stream: Path,
    out: Path,
    metadata: Path,
    *,
    chapters: Mapping[str, str],
    cover: Cover | None = None,
) -> None:
    """Opus in Ogg from the bare stream (copied), the chapters given as CHAPTERnnn/CHAPTERnnnNAME
    comments, the cover as a METADATA_BLOCK_PICTURE comment (through a metadata file of its own:
    far longer than a command-line argument may be). The copy gets OpusTags written anew by
    ffmpeg, over as many Ogg pages as they need (ogg.py writes the joined stream's in one).

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
            *("-i", str(stream), "-i", str(tags)),
            *_maps(chapters=False),
            *comments,
            *("-c:a", "copy", "-f", "ogg", str(out)),
        ]
        run_ffmpeg(args, "Opus writing")
    except OSError as exc:
        raise ExportError(f"Opus writing: {exc.strerror or exc}: {exc.filename}") from exc
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
