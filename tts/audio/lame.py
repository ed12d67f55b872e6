"""LAME on levelled chunks, every chunk's frames checked on the decoded audio: a chunk with a
100 ms block above the true-peak limit gets dips there and is encoded again (peaks.py), until
none has. Each chunk is encoded and measured by itself, so its frames depend on its audio alone
and can be cached by it. The shell: runs ffmpeg and rewrites the chunks' PCM files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tts.audio.ffmpeg import run_ffmpeg
from tts.audio.loudness import block_powers, from_pcm16
from tts.audio.mp3frames import DECODER_DELAY, ENCODER_DELAY
from tts.audio.peaks import ROUNDS, Dip, Peak, apply_dips, dips_for, measure_peaks, over, spans
from tts.errors import ExportError

if TYPE_CHECKING:
    from tts.audio.loudness import Samples


def encode_chunks(
    pcms: Sequence[Path], rate: int, bitrate: str, limit: float, powers: Sequence[Samples]
) -> list[Samples]:
    """Encode each raw PCM file to the same name with .mp3 (one ffmpeg process, a thread per
    chunk), with every block of its decoded frames at or under ``limit`` dBTP. ``powers`` are
    the chunks' 100 ms sub-block powers; returned as they are after any dips."""
    found = list(powers)
    pending = list(range(len(pcms)))
    for round_ in range(ROUNDS + 1):
        _lame([pcms[n] for n in pending], rate, bitrate)
        bad = _peaks_over([pcms[n] for n in pending], rate, limit)
        if not bad:
            return found
        if round_ == ROUNDS:
            worst = max(p.dbtp for peaks in bad.values() for p in peaks)
            raise ExportError(f"an MP3 chunk still peaks at {worst:.1f} dBTP after {ROUNDS} dips")
        for at, peaks in bad.items():
            n = pending[at]
            dips = dips_for(peaks, rate, limit=limit, round_=round_)
            dipped = apply_dips(pcms[n].read_bytes(), dips, 0, rate)
            pcms[n].write_bytes(dipped)
            found[n] = _powers_after(found[n], dipped, dips, rate)
        pending = [pending[at] for at in sorted(bad)]
    return found  # not reached: the last round returns or raises


def _lame(pcms: Sequence[Path], rate: int, bitrate: str) -> None:
    """One ffmpeg process encodes several chunks, each input to its own output (and thread)."""
    inputs: list[str] = []
    outputs: list[str] = []
    for n, pcm in enumerate(pcms):
        inputs += ["-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", str(pcm)]
        outputs += ["-map", f"{n}:a", "-c:a", "libmp3lame", "-b:a", bitrate]
        outputs += ["-write_xing", "0", "-id3v2_version", "0", "-f", "mp3"]
        outputs.append(str(pcm.with_suffix(".mp3")))
    run_ffmpeg([*inputs, *outputs], "MP3 encoding")


def _peaks_over(pcms: Sequence[Path], rate: int, limit: float) -> dict[int, list[Peak]]:
    """The blocks above ``limit`` in each chunk's decoded frames (by position in ``pcms``), in
    seconds of the chunk's own audio."""
    measured = measure_peaks([p.with_suffix(".mp3") for p in pcms], "MP3 true peak", bare_mp3=True)
    delay = (ENCODER_DELAY + DECODER_DELAY) / rate  # no LAME tag here to skip them
    bad = {}
    for n, peaks in enumerate(measured):
        found = [Peak(p.end - delay, p.dbtp) for p in over(peaks, limit)]
        if found:
            bad[n] = found
    return bad


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
