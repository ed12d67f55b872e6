"""The audio formats beyond MP3, from the same levelled audio and chapters: M4A and M4B (AAC)
and Opus. The shell: runs ffmpeg and writes into the staging folder. (The EPUB talking book is
an output: tts.outputs.epub; its audio is the MP3.)

Each codec runs once, and the codecs run side by side, one ffmpeg process each: AAC into a bare
MP4, Opus into a bare Ogg. Each bare file is decoded and its true peak checked, and encoded
again with dips where a block came out above the limit (peaks.py). Then its stream is copied
(``-c copy``) into the published files with their tags and chapters: the M4A and the M4B are
the same AAC stream, each with its own brand.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tts.audio.ffmpeg import run_ffmpeg
from tts.audio.peaks import (
    CHECK_DBTP,
    ROUNDS,
    Dip,
    Peak,
    apply_dips,
    dips_for,
    measure_peaks,
    over,
    spans,
)
from tts.errors import ExportError

log = logging.getLogger(__name__)

AAC_BITRATE = "64k"
# Opus at 32 kbit/s mono is transparent for speech; it codes internally at 48 kHz only.
OPUS_BITRATE = "32k"
OPUS_RATE = 48000
KINDS = ("m4a", "m4b", "opus")

# (kind, fraction of its work done): each encoder reports as it goes
Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class Codec:
    name: str
    kinds: tuple[str, ...]  # the formats made from its one stream
    container: str  # of the bare stream: keeps the encoder's delay, so copies stay exact
    args: tuple[str, ...]


# ffmpeg's AAC encoder with its "fast" coder: the default ("twoloop") takes five times the CPU
# and fills bands with noise (PNS) whose peaks decoded up to 7 dB above the audio's own (one
# hour of eSpeak NG speech: +3.5 dBTP against -1.3 with "fast", at the same loudness).
AAC = Codec(
    "aac", ("m4a", "m4b"), "mp4", ("-c:a", "aac", "-aac_coder", "fast", "-b:a", AAC_BITRATE)
)
OPUS = Codec(
    "opus",
    ("opus",),
    "ogg",
    ("-af", f"aresample={OPUS_RATE}", "-c:a", "libopus", "-b:a", OPUS_BITRATE),
)
CODECS = (AAC, OPUS)


def export_formats(
    work: Path,
    *,
    levelled: Path,
    sample_rate: int,
    metadata: Path,
    names: Mapping[str, str],
    chapters: Sequence[tuple[str, float]],
    cover: Path | None = None,
    progress: Progress | None = None,
) -> None:
    """Write each audio format ``names`` lists (kind -> file name) into ``work``; other kinds
    are not audio and not this module's.

    ``levelled`` is the episode as the MP3 has it (raw PCM, loudness applied); ``chapters``
    are (title, start in seconds). ``cover`` (the podcast's artwork, JPEG or PNG) goes into the
    M4A/M4B files when given. ``progress`` hears each format's share of its work done.
    """
    codecs = [c for c in CODECS if any(kind in names for kind in c.kinds)]
    if not codecs:
        return

    def encode(codec: Codec) -> Path:
        kinds = [kind for kind in codec.kinds if kind in names]

        def report(done: float) -> None:
            for kind in kinds:
                if progress is not None:
                    progress(kind, done)

        return encode_checked(codec, levelled, sample_rate, work, progress=report)

    with ThreadPoolExecutor(max_workers=len(codecs)) as pool:
        streams = dict(zip(codecs, pool.map(encode, codecs), strict=True))
    for codec, stream in streams.items():
        for kind in (k for k in codec.kinds if k in names):
            log.info("writing %s", names[kind])
            if codec is AAC:
                mux_aac(stream, work / names[kind], metadata, book=kind == "m4b", cover=cover)
            else:
                mux_opus(stream, work / names[kind], metadata, chapters=opus_chapters(chapters))
        stream.unlink()


def encode_checked(
    codec: Codec,
    levelled: Path,
    sample_rate: int,
    work: Path,
    *,
    limit: float = CHECK_DBTP,
    progress: Callable[[float], None] | None = None,
) -> Path:
    """The codec's bare stream of ``levelled``, every 100 ms block decoding at or under
    ``limit`` (dBTP): encoded, measured, and while a block is over, dipped there and encoded
    again.

    ``progress`` hears the fraction done: each encoding and each measurement is a pass over
    the audio; a repair adds two passes (so the fraction can step back)."""
    out = work / f"{codec.name}-stream.{codec.container}"
    seconds = max(levelled.stat().st_size / 2 / sample_rate, 1e-3)
    source, passes = levelled, _Passes(2, seconds, progress)
    for round_ in range(ROUNDS + 1):
        inputs = ["-f", "s16le", "-ar", str(sample_rate), "-ac", "1", "-i", str(source)]
        args = [*inputs, "-map", "0:a", *codec.args, "-f", codec.container, str(out)]
        run_ffmpeg(args, f"{codec.name} encoding", progress=passes.report)
        passes.next()
        (peaks,) = measure_peaks([out], f"{codec.name} true peak", progress=passes.report)
        found = over(peaks, limit)
        passes.next()
        if not found:
            break
        if round_ == ROUNDS:
            raise ExportError(_still_over(codec.name, found))
        if source == levelled:  # dips go into a copy: the other codecs read the original
            source = work / f"{codec.name}-levelled.raw"
            shutil.copyfile(levelled, source)
        _dip_file(source, dips_for(found, sample_rate, limit=limit, round_=round_), sample_rate)
        passes.planned += 2
    if source != levelled:
        source.unlink()
    if progress is not None:
        progress(1.0)
    return out


class _Passes:
    """Progress over passes of equal length: ``planned`` of them, ``done`` finished."""

    def __init__(self, planned: int, seconds: float, hear: Callable[[float], None] | None):
        self.planned, self.done, self.seconds, self.hear = planned, 0, seconds, hear

    def report(self, at: float) -> None:
        if self.hear is not None:
            self.hear((self.done + min(at / self.seconds, 1.0)) / self.planned)

    def next(self) -> None:
        self.done += 1


def _still_over(name: str, found: Sequence[Peak]) -> str:
    worst = max(found, key=lambda p: p.dbtp)
    return (
        f"{name}: a block ending at {worst.end:.1f} s still peaks at {worst.dbtp:.1f} dBTP "
        f"after {ROUNDS} rounds of dips"
    )


def _dip_file(path: Path, dips: Sequence[Dip], rate: int) -> None:
    """Apply dips to raw 16-bit PCM in place, one stretch at a time."""
    try:
        with path.open("r+b") as f:
            for lo, hi in spans(dips, rate):
                f.seek(2 * lo)
                data = f.read(2 * (hi - lo))
                f.seek(2 * lo)
                f.write(apply_dips(data, dips, lo, rate))
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _maps(*, chapters: bool = True) -> list[str]:
    """The audio from input 0; tags (and chapters, unless written otherwise) from input 1."""
    return ["-map", "0:a", "-map_metadata", "1", "-map_chapters", "1" if chapters else "-1"]


def mux_aac(
    stream: Path, out: Path, metadata: Path, *, book: bool, cover: Path | None = None
) -> None:
    """M4A, or M4B (the audiobook brand) when ``book``, from the bare AAC stream (copied):
    iTunes tags and chapters, index first."""
    art_in: list[str] = []
    art_out: list[str] = []
    if cover is not None:
        art_in = ["-i", str(cover)]
        art_out = ["-map", "2:v", "-c:v", "copy", "-disposition:v:0", "attached_pic"]
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


def mux_opus(stream: Path, out: Path, metadata: Path, *, chapters: Mapping[str, str]) -> None:
    """Opus in Ogg from the bare stream (copied), the chapters given as CHAPTERnnn/CHAPTERnnnNAME
    comments.

    Not ffmpeg's own chapter comments: its Ogg muxer rounds the seconds field to the nearest
    second while keeping the milliseconds (ffmpeg 5.1 and 9.0), so 3.600 s is written 00:00:04.600.
    """
    comments = [arg for key, val in chapters.items() for arg in ("-metadata", f"{key}={val}")]
    args = [
        *("-i", str(stream), "-i", str(metadata)),
        *_maps(chapters=False),
        *comments,
        *("-c:a", "copy", "-f", "ogg", str(out)),
    ]
    run_ffmpeg(args, "Opus writing")


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
