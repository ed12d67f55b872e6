"""Opus in pieces: the levelled audio is cut in silences about every minute, the pieces are
encoded side by side (several per ffmpeg process, processes in parallel), each checked for
true peak and repaired by itself (peaks.py), and their packets joined into one Ogg stream
(ogg.py).

Why pieces: libopus is the slowest encoder here (0.6 s of CPU a minute of speech, four times
LAME) and single-threaded, and a repair used to mean encoding the whole file again, so one
hour's Opus alone took longer than the whole MP3-only build. Why it joins exactly: a cut lies
on a 20 ms grid (a whole number of Opus frames at 48 kHz) with 30 ms of digital silence either
side; a piece's packets play from 6.5 ms (the encoder's look-ahead, the pre-skip) before its
start, so each piece but the last gives up its final packet, and the next piece's first
packet covers that silence. Decoded, the joined stream equals each piece decoded alone, sample
for sample, but for those 6.5 ms of silence (where the decoder's leftover offset, -56 dBFS
at most in the tests, fades to 0), so a piece's check holds for the file.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tts.audio import ogg
from tts.audio.ffmpeg import run_ffmpeg
from tts.audio.peaks import CHECK_DBTP, encode_under
from tts.errors import ExportError

OPUS_RATE = 48000
# Opus at 32 kbit/s mono is transparent for speech; it codes internally at 48 kHz only.
OPUS_ARGS = ("-af", f"aresample={OPUS_RATE}", "-c:a", "libopus", "-b:a", "32k")
PIECE_S = 60.0  # a piece ends at the first cut point after this much audio
QUIET_S = 0.03  # digital silence a cut needs on either side (the look-ahead is 6.5 ms)
GROUP = 8  # pieces one ffmpeg process encodes, a thread each


def cut_points(levelled: Path, rate: int, piece_s: float = PIECE_S) -> list[int]:
    """Where the pieces start, in samples of the levelled audio: 0, then about every
    ``piece_s`` seconds the first point of the 20 ms grid with QUIET_S of digital silence on
    either side; no piece but the first shorter than half of ``piece_s``. Read 10 s at a time."""
    import numpy as np

    grid = rate // math.gcd(rate, 50)  # 20 ms (40 at 11,025 Hz): whole frames at 48 kHz
    quiet = max(1, round(QUIET_S * rate))
    total = levelled.stat().st_size // 2
    want = piece_s * rate
    cuts = [0]
    carry = np.zeros(0, dtype="<i2")
    start = 0  # of carry, in samples of the whole
    try:
        with levelled.open("rb") as f:
            while block := f.read(2 * grid * max(1, 10 * rate // grid)):
                x = np.concatenate([carry, np.frombuffer(block, dtype="<i2")])
                loud = np.concatenate([[0], np.cumsum(x != 0, dtype=np.int64)])
                # the grid points whose surroundings lie in this block (the next takes on)
                first = max(grid, -(-(start + quiet) // grid) * grid)
                points = np.arange(first, start + x.size - quiet, grid)
                at = points - start
                for point in points[loud[at + quiet] == loud[at - quiet]]:
                    if point - cuts[-1] >= want and total - point >= want / 2:
                        cuts.append(int(point))
                carry = x[x.size - 2 * quiet :]
                start += x.size - carry.size
    except OSError as exc:
        raise ExportError(f"cannot read {levelled}: {exc.strerror or exc}") from exc
    return cuts


def encode_pieces(
    levelled: Path,
    rate: int,
    work: Path,
    *,
    limit: float = CHECK_DBTP,
    workers: int = 2,
    piece_s: float = PIECE_S,
    progress: Callable[[float], None] | None = None,
) -> Path:
    """The Opus stream of ``levelled`` (raw PCM at ``rate``), every block decoding at or under
    ``limit`` dBTP, as one Ogg file in ``work``. ``progress`` hears the fraction done."""
    folder = work / "opus-pieces"
    folder.mkdir(exist_ok=True)
    cuts = cut_points(levelled, rate, piece_s)
    total = levelled.stat().st_size // 2
    pieces = _split(levelled, [*cuts, total], folder)
    groups = [pieces[i : i + GROUP] for i in range(0, len(pieces), GROUP)]
    done = [0.0] * len(groups)
    lock = threading.Lock()

    def run(n: int) -> None:
        def heard(fraction: float) -> None:
            if progress is not None:
                with lock:
                    done[n] = fraction * len(groups[n])
                    progress(sum(done) / len(pieces))

        encode_under(groups[n], rate, _encode_group(rate), "Opus", limit=limit, progress=heard)

    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(groups)))) as pool:
        list(pool.map(run, range(len(groups))))
    out = work / "opus-stream.ogg"
    try:
        out.write_bytes(_join(pieces, [*cuts, total], rate))
    except (OSError, ValueError) as exc:
        raise ExportError(f"cannot join the Opus pieces: {exc}") from exc
    for piece in pieces:
        piece.unlink()
        piece.with_suffix(".ogg").unlink()
    folder.rmdir()
    return out


def _split(levelled: Path, bounds: Sequence[int], folder: Path) -> list[Path]:
    pieces = []
    try:
        with levelled.open("rb") as source:
            for n, (start, end) in enumerate(zip(bounds, bounds[1:], strict=False)):
                piece = folder / f"piece-{n:04d}.raw"
                source.seek(2 * start)
                piece.write_bytes(source.read(2 * (end - start)))
                pieces.append(piece)
    except OSError as exc:
        raise ExportError(f"cannot cut the audio for Opus: {exc.strerror or exc}") from exc
    return pieces


def _encode_group(
    rate: int,
) -> Callable[[Sequence[Path], Callable[[float], None] | None], list[Path]]:
    def encode(pcms: Sequence[Path], progress: Callable[[float], None] | None) -> list[Path]:
        inputs: list[str] = []
        outputs: list[str] = []
        for n, pcm in enumerate(pcms):
            inputs += ["-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", str(pcm)]
            outputs += ["-map", f"{n}:a", *OPUS_ARGS, "-f", "ogg", str(pcm.with_suffix(".ogg"))]
        run_ffmpeg([*inputs, *outputs], "Opus encoding", progress=progress)
        return [pcm.with_suffix(".ogg") for pcm in pcms]

    return encode


def _join(pieces: Sequence[Path], bounds: Sequence[int], rate: int) -> bytes:
    """One stream from the pieces' packets: each piece but the last gives up the packets past
    its own length (its final one, which the next piece's first covers)."""
    audio: list[bytes] = []
    first: ogg.Stream | None = None
    for n, piece in enumerate(pieces):
        stream = ogg.read(piece.with_suffix(".ogg").read_bytes())
        first = first or stream
        if n == len(pieces) - 1:
            audio += stream.audio
            continue
        length, played = (bounds[n + 1] - bounds[n]) * OPUS_RATE // rate, 0
        for packet in stream.audio:
            if played >= length:
                break
            audio.append(packet)
            played += ogg.samples(packet)
        if played != length:
            raise ValueError(f"piece {n}: {played} samples of packets for {length}")
    if first is None:
        raise ValueError("no pieces")
    return ogg.write(first.head, first.tags, audio, round(bounds[-1] * OPUS_RATE / rate), 1)
