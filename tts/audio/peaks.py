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

The measuring and the loop of repairs (encode_under) run ffmpeg and patch the PCM files; the
rest is pure. lame.py (the MP3 chunks), formats.py (AAC) and opus.py (Opus, in pieces) use it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tts.audio.ffmpeg import run_ffmpeg
from tts.errors import ExportError

if TYPE_CHECKING:
    from tts.audio.loudness import Samples

# What a published file may reach (EBU R128 s1, and what podcast platforms ask for).
CEILING_DBTP = -1.0
# What the check lets through: below the ceiling by the meter's own uncertainty (it prints
# tenths of a dB and oversamples to 192 kHz from a grid that moves with the decoder's delay).
CHECK_DBTP = -1.2
# A dip aims this far below the limit on the first round, twice as far on each further one.
MARGIN_DB = 1.5
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
    ``progress`` hears how many seconds into the files it is."""
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


# encode(raw PCM files, progress in seconds of audio) -> each one's encoded file
Encoder = Callable[[Sequence[Path], Callable[[float], None] | None], Sequence[Path]]


def encode_under(
    pcms: Sequence[Path],
    rate: int,
    encode: Encoder,
    what: str,
    *,
    limit: float = CHECK_DBTP,
    bare_mp3: bool = False,
    delay: float = 0.0,
    progress: Callable[[float], None] | None = None,
) -> dict[int, list[Dip]]:
    """Encode raw 16-bit PCM files until every 100 ms block of every decoded file is at or
    under ``limit`` dBTP: a file with a block over gets dips there (in place) and it alone is
    encoded again, with a margin that doubles each round. Returns the dips each file got, by
    index. ``delay``: seconds the decoded file runs behind its PCM. ``progress`` hears the
    fraction done: every encoding and every measurement is a pass over the audio, a repair
    adds two passes (so the fraction can step back)."""
    passes = _Passes([p.stat().st_size / 2 / rate for p in pcms], progress)
    dipped: dict[int, list[Dip]] = {}
    pending = list(range(len(pcms)))
    for round_ in range(ROUNDS + 1):
        outs = encode([pcms[n] for n in pending], passes.report)
        passes.next()
        measured = measure_peaks(outs, f"{what} true peak", bare_mp3=bare_mp3,
                                 progress=passes.report)  # fmt: skip
        passes.next()
        bad = {
            pending[at]: found for at, peaks in enumerate(measured) if (found := over(peaks, limit))
        }
        if not bad:
            break
        if round_ == ROUNDS:
            worst = max((p for found in bad.values() for p in found), key=lambda p: p.dbtp)
            raise ExportError(
                f"{what}: a block ending at {worst.end - delay:.1f} s still peaks at "
                f"{worst.dbtp:.1f} dBTP after {ROUNDS} rounds of dips"
            )
        for n, found in bad.items():
            shifted = [Peak(p.end - delay, p.dbtp) for p in found]
            dips = dips_for(shifted, rate, limit=limit, round_=round_)
            dip_file(pcms[n], dips, rate)
            dipped.setdefault(n, []).extend(dips)
        pending = sorted(bad)
        passes.more([pcms[n].stat().st_size / 2 / rate for n in pending])
    if progress is not None:
        progress(1.0)
    return dipped


class _Passes:
    """Progress over passes of the audio: two (encode, measure) over all the files, two more
    over those each repair encodes again. ffmpeg reports how far into the files it is, and it
    goes through them side by side: a pass is as far along as the longest file."""

    def __init__(self, seconds: Sequence[float], hear: Callable[[float], None] | None) -> None:
        self.hear = hear
        self.total = 2 * max(sum(seconds), 1e-3)
        self.done = 0.0
        self.weight, self.span = sum(seconds), max(seconds, default=0.0)  # of this pass

    def report(self, at: float) -> None:
        if self.hear is not None and self.span > 0:
            share = self.weight * min(at / self.span, 1.0)
            self.hear(min((self.done + share) / self.total, 1.0))

    def next(self) -> None:
        self.done += self.weight

    def more(self, seconds: Sequence[float]) -> None:
        self.total += 2 * sum(seconds)
        self.weight, self.span = sum(seconds), max(seconds, default=0.0)


def dip_file(path: Path, dips: Sequence[Dip], rate: int) -> None:
    """Apply dips to a raw 16-bit PCM file in place, one stretch at a time."""
    try:
        with path.open("r+b") as f:
            for lo, hi in spans(dips, rate):
                f.seek(2 * lo)
                data = f.read(2 * (hi - lo))
                f.seek(2 * lo)
                f.write(apply_dips(data, dips, lo, rate))
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
