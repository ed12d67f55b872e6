"""LAME on levelled chunks, every chunk's frames checked on the decoded audio: a chunk with a
100 ms block above the true-peak limit gets dips there and is encoded again (peaks.py). Each
chunk is encoded and measured by itself, so its frames depend on its audio alone and can be
cached by it. The shell: runs ffmpeg and rewrites the chunks' PCM files."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tts.audio.ffmpeg import run_ffmpeg
from tts.audio.loudness import block_powers, from_pcm16
from tts.audio.mp3frames import DECODER_DELAY, ENCODER_DELAY
from tts.audio.peaks import Dip, encode_under, spans

if TYPE_CHECKING:
    from tts.audio.loudness import Samples


def encode_chunks(
    pcms: Sequence[Path], rate: int, bitrate: str, limit: float, powers: Sequence[Samples]
) -> list[Samples]:
    """Encode each raw PCM file to the same name with .mp3 (one ffmpeg process, a thread per
    chunk), with every block of its decoded frames at or under ``limit`` dBTP. ``powers`` are
    the chunks' 100 ms sub-block powers; returned as they are after any dips."""

    def lame(chunks: Sequence[Path], _: Callable[[float], None] | None) -> list[Path]:
        inputs: list[str] = []
        outputs: list[str] = []
        for n, pcm in enumerate(chunks):
            inputs += ["-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", str(pcm)]
            outputs += ["-map", f"{n}:a", "-c:a", "libmp3lame", "-b:a", bitrate]
            outputs += ["-write_xing", "0", "-id3v2_version", "0", "-f", "mp3"]
            outputs.append(str(pcm.with_suffix(".mp3")))
        run_ffmpeg([*inputs, *outputs], "MP3 encoding")
        return [pcm.with_suffix(".mp3") for pcm in chunks]

    delay = (ENCODER_DELAY + DECODER_DELAY) / rate  # no LAME tag here to skip them
    dipped = encode_under(
        pcms, rate, lame, "MP3", limit=limit, bare_mp3=True, delay=delay
    )  # fmt: skip
    found = list(powers)
    for n, dips in dipped.items():
        found[n] = _powers_after(found[n], pcms[n].read_bytes(), dips, rate)
    return found


def _powers_after(powers: Samples, dipped: bytes, dips: Sequence[Dip], rate: int) -> Samples:
    """A chunk's sub-block powers once dips changed it: the blocks they touched measured
    again."""
    import numpy as np

    block = max(1, round(rate / 10))
    x = from_pcm16(dipped)
    out = np.array(powers, dtype=np.float64)
    for lo, hi in spans(dips, rate):
        for n in range(lo // block, min(-(-hi // block), x.size // block, out.size)):
            out[n] = block_powers(x[n * block : (n + 1) * block], rate)[0]
    return out
