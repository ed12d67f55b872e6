"""True peak, measured where a listener meets it: on the decoded file.

A lossy codec adds its coding noise to the levelled audio, and at 22 to 64 kbit/s that noise can
lift a peak well past the limiter's ceiling: one hour of eSpeak NG speech, limited to -3.1 dBFS
(-2.3 dBTP), decoded at up to -0.6 dBTP from MP3, +0.4 from Opus and +3.5 from ffmpeg's AAC
with its default coder (PNS, which fills bands with noise). No fixed ceiling can cover such
outliers without limiting all the speech harder, and each codec overshoots in other places.

So each lossy file is decoded and measured with ffmpeg's ebur128 (the meter the tests hold
the files to), 100 ms at a time; where a block reaches above CHECK_DBTP, the levelled audio
gets a short dip there (a few tenths of a second, by the excess and a margin) and that file is
encoded again and measured again. The dips touch a handful of blocks an hour, so the
integrated loudness moves by hundredths of a LU at most.

Pure functions: the shells (encode.py for the MP3 chunks, formats.py for AAC and Opus) run
ffmpeg and patch the audio.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tts.audio.ffmpeg import run_ffmpeg

if TYPE_CHECKING:
    from tts.audio.loudness import Samples

# What a published file may reach (EBU R128 s1, and what podcast platforms ask for).
CEILING_DBTP = -1.0
# What the check lets through: below the ceiling by the meter's own uncertainty (it prints
# tenths of a dB and oversamples to 192 kHz from a grid that moves with the decoder's delay).
CHECK_DBTP = -1.2
# A dip aims this far below the limit on the first round, twice as far on each further one.
MARGIN_DB = 0.5
ROUNDS = 4
BLOCK_S = 0.1  # ebur128's frame: the peaks come 100 ms at a time
# A dip covers its block and this much either side, at full depth: the codec's frame spreads
# the noise (AAC's 2048-sample window is 93 ms at 22,050 Hz) ...
SPREAD_S = 0.05
# ... and fades in and out over this long, so the dip itself adds no click.
RAMP_S = 0.02

# One frame's log line of a named ebur128 instance: "[ebur128@3 @ 0x…] t: 0.0999546 … FTPK: -3.5
# dBFS" (one figure per channel).
_FRAME = re.compile(
    r"^\[ebur128@(\d+) @ [^]]*\]\s+t:\s*(\d+(?:\.\d+)?)\s.*\bFTPK:"
    r"((?:\s+(?:-?\d+(?:\.\d+)?|-?inf))+)\s+dBFS"
)


@dataclass(frozen=True)
class Peak:
    """The true peak of one 100 ms block of a decoded file: the block ends at ``end``
    seconds."""

    end: float
    dbtp: float


@dataclass(frozen=True)
class Dip:
    """A gain of -``db`` dB over samples [start, end) of the levelled audio (ramps outside)."""

    start: int
    end: int
    db: float


def parse_peaks(stderr: str, inputs: int) -> list[list[Peak]]:
    """Each input's frames' true peaks (the loudest channel's), from the log lines of the
    ebur128 instances measure_peaks names after the inputs."""
    found: list[list[Peak]] = [[] for _ in range(inputs)]
    for line in stderr.splitlines():
        match = _FRAME.match(line)
        if match and int(match.group(1)) < inputs:
            values = [float(v) for v in match.group(3).split()]
            found[int(match.group(1))].append(Peak(float(match.group(2)), max(values)))
    return found


def measure_peaks(
    paths: Sequence[Path],
    what: str,
    *,
    bare_mp3: bool = False,
    progress: Callable[[float], None] | None = None,
) -> list[list[Peak]]:
    """Decode each file and measure each 100 ms block's true peak, every file by itself (one
    ffmpeg process). ``bare_mp3``: the files are MP3 frames without a header (the chunks).
    ``progress`` hears the seconds measured (of the first file)."""
    inputs: list[str] = []
    graph: list[str] = []
    outputs: list[str] = []
    for n, path in enumerate(paths):
        inputs += [*(["-f", "mp3"] if bare_mp3 else []), "-i", str(path)]
        graph.append(f"[{n}:a]ebur128@{n}=peak=true[m{n}]")
        outputs += ["-map", f"[m{n}]", "-f", "null", "-"]
    args = [*inputs, "-filter_complex", ";".join(graph), *outputs]
    return parse_peaks(run_ffmpeg(["-nostats", *args], what, progress=progress), len(paths))


def over(peaks: Iterable[Peak], limit: float = CHECK_DBTP) -> list[Peak]:
    return [p for p in peaks if p.dbtp > limit]


def margin(round_: int) -> float:
    """dB below the limit a dip aims for on this round (0, 1, ...)."""
    return float(MARGIN_DB * 2**round_)


def dips_for(
    peaks: Sequence[Peak], rate: int, *, limit: float = CHECK_DBTP, round_: int = 0
) -> list[Dip]:
    """The dips that bring these blocks under ``limit``, in samples of the levelled audio
    (the blocks' times are the levelled audio's: each caller maps its decoder's delay)."""
    dips = []
    for peak in peaks:
        first = math.floor((peak.end - BLOCK_S - SPREAD_S) * rate)
        last = math.ceil((peak.end + SPREAD_S) * rate)
        db = peak.dbtp - limit + margin(round_)
        dips.append(Dip(max(0, first), max(0, last), db))
    return [d for d in dips if d.end > d.start]


def dip_gains(dips: Sequence[Dip], start: int, count: int, rate: int) -> Samples:
    """The gain for samples [start, start + count): 1 outside every dip, the deepest dip's
    gain where several meet, raised-cosine ramps of RAMP_S into and out of each."""
    import numpy as np

    gains = np.ones(count, dtype=np.float32)
    ramp = max(1, round(RAMP_S * rate))
    for dip in dips:
        lo, hi = dip.start - ramp, dip.end + ramp
        if hi <= start or lo >= start + count:
            continue
        floor = 10 ** (-dip.db / 20)
        at = np.arange(max(lo, start), min(hi, start + count))
        # distance into the ramp, 0 at its outer edge and ``ramp`` where the dip is full
        depth = np.minimum(np.minimum(at - lo, hi - 1 - at), ramp) / ramp
        curve = 1 - (1 - floor) * (0.5 - 0.5 * np.cos(np.pi * depth))
        index = at - start
        gains[index] = np.minimum(gains[index], curve.astype(np.float32))
    return gains


def spans(dips: Sequence[Dip], rate: int) -> list[tuple[int, int]]:
    """The stretches of samples the dips change (ramps included), overlapping ones merged:
    each is patched once, with every dip that reaches it."""
    ramp = max(1, round(RAMP_S * rate))
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted((max(0, d.start - ramp), d.end + ramp) for d in dips):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def apply_dips(pcm: bytes, dips: Sequence[Dip], start: int, rate: int) -> bytes:
    """16-bit PCM whose first sample is sample ``start`` of the levelled audio, with the dips
    applied."""
    import numpy as np

    x = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
    y = x * dip_gains(dips, start, x.size, rate)
    return np.asarray(np.rint(y), dtype="<i2").tobytes()
