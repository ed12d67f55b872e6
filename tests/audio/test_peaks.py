"""True peak on the decoded file (tts/audio/peaks.py): ebur128's frame log read right, dips
placed and shaped right, and a codec's stream brought under a limit by repairs that leave its
loudness alone. The built episodes' files are held to -1 dBTP in test_true_peak.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from helpers import measure
from test_loudness import speechlike

from tts.audio.ffmpeg import run_ffmpeg
from tts.audio.formats import encode_aac
from tts.audio.loudness import level, to_pcm16
from tts.audio.opus import encode_pieces
from tts.audio.peaks import (
    CHECK_DBTP,
    MARGIN_DB,
    RAMP_S,
    Dip,
    Peak,
    apply_dips,
    dip_gains,
    dips_for,
    margin,
    measure_peaks,
    over,
    parse_peaks,
    spans,
)

RATE = 22050

LOG = """\
[ebur128@0 @ 0x7fdc94001b80] t: 0.0999546  TARGET:-23 LUFS    M:-120.7 S:-120.7     I: -70.0 \
LUFS       LRA:   0.0 LU  FTPK:  -inf dBFS  TPK:  -inf dBFS
[ebur128@1 @ 0x7fdc94003500] t: 0.0999546  TARGET:-23 LUFS    M: -37.8 S:-120.7     I: -37.8 \
LUFS       LRA:   0.0 LU  FTPK:  -4.3  -0.9 dBFS  TPK:  -4.3  -0.9 dBFS
[Parsed_volume_0 @ 0x7fdc94004400] t: 0.2 FTPK: 5.0 dBFS
[ebur128@0 @ 0x7fdc94001b80] t: 3.399955   TARGET:-23 LUFS    M: -37.4 S: -46.1     I: -37.4 \
LUFS       LRA:  20.0 LU  FTPK:  -3.6 dBFS  TPK:  -3.6 dBFS
[ebur128@0 @ 0x7fdc94001b80] Summary:
"""


def test_frame_peaks_are_read_per_input_and_loudest_channel() -> None:
    first, second = parse_peaks(LOG, 2)
    assert first == [Peak(0.0999546, float("-inf")), Peak(3.399955, -3.6)]
    assert second == [Peak(0.0999546, -0.9)]  # the louder of two channels; other filters ignored


def test_over_keeps_blocks_above_the_limit() -> None:
    peaks = [Peak(0.1, -1.2), Peak(0.2, -1.1), Peak(0.3, 0.4)]
    assert over(peaks) == peaks[1:]
    assert over(peaks, -0.5) == peaks[2:]


def test_a_dip_covers_its_block_and_spread_by_excess_and_margin() -> None:
    (dip,) = dips_for([Peak(1.0, -0.7)], 1000)
    assert (dip.start, dip.end) == (850, 1050)  # the block 0.9-1.0 s, and 50 ms either side
    assert dip.db == pytest.approx(-0.7 - CHECK_DBTP + MARGIN_DB)
    (later,) = dips_for([Peak(1.0, -0.7)], 1000, limit=-3.0, round_=2)
    assert later.db == pytest.approx(2.3 + margin(2)) and margin(2) == 4 * MARGIN_DB
    assert dips_for([Peak(0.05, 0.0)], 1000)[0].start == 0  # never before the audio


def test_dip_gains_are_full_inside_ramped_outside_and_the_deepest_wins() -> None:
    rate = 1000
    ramp = round(RAMP_S * rate)
    gains = dip_gains([Dip(100, 200, 6.0), Dip(150, 300, 3.0)], 0, 400, rate)
    assert gains[:100 - ramp].tolist() == [1.0] * (100 - ramp)  # fmt: skip
    assert np.allclose(gains[100:200], 10 ** (-6 / 20))
    assert np.allclose(gains[200 + ramp : 300], 10 ** (-3 / 20))  # past the deeper one's ramp
    assert np.all(gains[200 : 200 + ramp] <= 10 ** (-3 / 20) + 1e-6)
    assert np.all(np.diff(gains[100 - ramp : 100]) < 0)  # fades in, no step
    assert np.all(np.diff(gains[300 : 300 + ramp]) > 0) and gains[300 + ramp :].min() == 1.0
    # a window onto the same curve
    assert np.allclose(
        dip_gains([Dip(100, 200, 6.0), Dip(150, 300, 3.0)], 90, 50, rate), gains[90:140]
    )


def test_spans_merge_overlapping_dips_with_their_ramps() -> None:
    ramp = round(RAMP_S * 1000)
    dips = [Dip(500, 600, 1.0), Dip(100, 200, 1.0), Dip(190 + 2 * ramp, 300, 1.0)]
    assert spans(dips, 1000) == [(100 - ramp, 300 + ramp), (500 - ramp, 600 + ramp)]


def test_apply_dips_scales_the_samples_in_place() -> None:
    pcm = np.full(1000, 10000, dtype="<i2").tobytes()
    out = np.frombuffer(apply_dips(pcm, [Dip(400, 600, 6.0)], 0, 1000), dtype="<i2")
    assert out[0] == 10000 and out[500] == round(10000 * 10 ** (-6 / 20))
    part = apply_dips(pcm[800:1200], [Dip(400, 600, 6.0)], 400, 1000)  # samples 400-599
    assert np.frombuffer(part, dtype="<i2").tolist() == out[400:600].tolist()


@pytest.mark.slow
def test_frame_peaks_agree_with_the_summary(tmp_path: Path) -> None:
    """The per-frame figures the repairs use top out at the true peak ebur128 reports for the
    file (the figure the tests hold the files to), for several files in one process."""
    files = []
    for seed in (1, 2):
        raw = tmp_path / f"{seed}.raw"
        raw.write_bytes(to_pcm16(level(speechlike(4.0, RATE, seed), RATE, 10.0)))
        wav = tmp_path / f"{seed}.wav"
        run_ffmpeg(["-f", "s16le", "-ar", str(RATE), "-ac", "1", "-i", str(raw), str(wav)], "wav")
        files.append(wav)
    measured = measure_peaks(files, "test")
    for path, peaks in zip(files, measured, strict=True):
        assert len(peaks) == 40
        assert max(p.dbtp for p in peaks) == pytest.approx(measure(path).true_peak, abs=0.05)


@pytest.mark.slow
@pytest.mark.parametrize("encode", [encode_aac, encode_pieces], ids=["aac", "opus"])
def test_a_stream_is_repaired_under_the_limit_at_the_same_loudness(
    tmp_path: Path, encode: Callable[..., Path]
) -> None:
    """A limit set 0.3 dB below what the codec makes of this audio forces a repair (of one block
    in a hundred here): the stream ends up under it, at the same loudness (ebur128 prints
    tenths), and the audio given stays untouched."""
    raw = tmp_path / "levelled.raw"
    x = level(np.concatenate([speechlike(5.0, RATE, s) for s in (3, 4)]), RATE, 12.0)
    raw.write_bytes(to_pcm16(x))
    before = raw.read_bytes()
    plain = measure(encode(raw, RATE, tmp_path, limit=10.0))  # no repairs
    limit = round(plain.true_peak - 0.3, 1)
    seen: list[float] = []
    stream = encode(raw, RATE, tmp_path, limit=limit, progress=seen.append)
    after = measure(stream)
    assert after.true_peak <= limit + 0.05, (plain, after)
    assert abs(after.integrated - plain.integrated) <= 0.1 + 1e-9, (plain, after)
    assert raw.read_bytes() == before  # the other codecs read the original
    assert seen[-1] == 1.0 and any(b < a for a, b in zip(seen, seen[1:], strict=False))  # a repair
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["levelled.raw", stream.name])
