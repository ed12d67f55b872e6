"""Level and encode the episode's MP3 chunk by chunk, reusing what earlier builds did.

The stitched episode (raw PCM) is cut at the timeline's chunk starts, which lie in pauses.
Each chunk is compressed, given the episode's one gain and limited in numpy (loudness.py).
The cache keeps, per chunk, the profile of its compressed audio and, per chunk and gain, its encoded
frames and final loudness. Only new chunks are levelled and encoded, several per ffmpeg
process, processes in parallel; each group's frames are decoded and their true peak checked
(lame.py, peaks.py), and a chunk with a block above the limit is encoded again with dips there,
so the cache only ever holds checked frames. The frames are joined without gaps (tts/mp3frames.py),
ffmpeg copies them into the final file with tags and chapters, and the LAME tag gets the
file's delay and padding. A one-sentence edit re-encodes one chunk instead of the episode.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from tts.audio.ffmpeg import ffmpeg_exe, run_ffmpeg
from tts.audio.lame import encode_chunks
from tts.audio.loudness import (
    GAIN_TOLERANCE,
    TARGET_LUFS,
    Profile,
    choose_gain,
    compress,
    from_pcm16,
    gated,
    level,
    level_measured,
    profile,
    settle,
    to_pcm16,
)
from tts.audio.mp3frames import (
    ENCODER_DELAY,
    SEAM,
    frame_samples,
    frames,
    frames_for,
    id3_size,
    set_gapless,
)
from tts.audio.peaks import CHECK_DBTP, MARGIN_DB
from tts.audio.picture import attached_picture
from tts.errors import ExportError
from tts.store.entries import FRAMES, LEVELS, Damaged, Entries, Sealed
from tts.types import Cover, Timeline

if TYPE_CHECKING:
    from tts.audio.loudness import Samples

# Part of every cache key: a change to the levelling chain must not reuse old chunks.
CHAIN = b"compress 4:1 -26 dBFS; limit 0.7; v2\n"
_PER_PROCESS = 16  # chunks one ffmpeg process encodes (one thread each)
_ATTEMPTS = 3  # gains tried before settling for the closest (the limiter can take a little)
_ACCEPT_LU = 0.5  # how far from the target the levelled episode may land


@dataclass(frozen=True)
class Chunk:
    index: int
    start: int
    end: int  # samples of the episode this chunk spans
    encode: int  # samples it encodes: all but the silent seam, except for the last chunk
    key: str  # of its raw audio


@dataclass
class Levels:
    """What levelling decided: the gain, the loudness it gives, the chunks to encode."""

    gain_db: float
    loudness: float  # LUFS of the levelled episode
    rate: int
    chunks: list[Chunk]
    # Chunks to encode: their levelled PCM file and its sub-block powers.
    todo: list[tuple[Chunk, Path, Samples]] = field(default_factory=list)
    powers: list[Samples] = field(default_factory=list)  # every chunk's, levelled


@dataclass(frozen=True)
class Encoded:
    gain_db: float
    loudness: float
    chunks: int
    encoded: int  # chunks encoded now; the rest came from the cache


def _spans(timeline: Timeline) -> list[tuple[int, int, int]]:
    bounds = [*timeline.chunks, timeline.total]
    last = len(bounds) - 2
    return [
        (start, end, end - start if n == last else end - start - SEAM)
        for n, (start, end) in enumerate(zip(bounds, bounds[1:], strict=False))
    ]


def _read(raw: BinaryIO, start: int, end: int) -> bytes:
    raw.seek(start * 2)
    data = raw.read((end - start) * 2)
    if len(data) != (end - start) * 2:
        raise ExportError("the stitched audio is shorter than its timeline")
    return data


class ChunkCache:
    """Two kinds of verified entries (tts/store/entries.py): levels/, the profile of a chunk's
    compressed audio, by its raw audio; mp3/, its encoded frames and final loudness (sub-block
    powers) at one gain, bitrate and encoder. A damaged entry is a miss: measured or encoded
    again. A cache that cannot be written only means the work is not kept."""

    def __init__(self, root: Path, rate: int, bitrate: str, limit: float = CHECK_DBTP) -> None:
        self.root = root
        self.rate = rate
        self.limit = limit  # dBTP every block of a chunk's decoded frames stays at or under
        self.levels = Entries(root / "levels", LEVELS)
        self.frames = Entries(root / "mp3", FRAMES)
        exe = Path(ffmpeg_exe())
        try:
            info = exe.stat()
            stamp = f"{exe.name}:{info.st_size}:{info.st_mtime_ns}"
        except OSError:
            stamp = str(exe)
        # frames cached before the true-peak check, or checked and dipped otherwise, are not
        # reused
        self.encoder = f"libmp3lame {bitrate} {rate} {stamp}; dips to {limit} dBTP - {MARGIN_DB}"
        self.bitrate = bitrate

    def key(self, pcm: bytes) -> str:
        return hashlib.sha256(CHAIN + str(self.rate).encode() + b"\n" + pcm).hexdigest()

    def encoded_name(self, chunk: Chunk, gain_db: float) -> str:
        text = f"{chunk.key} {gain_db:.2f} {chunk.encode} {self.encoder}"
        return hashlib.sha256(text.encode()).hexdigest()

    def profile(self, chunk: Chunk) -> Profile | None:
        return self.levels.get(chunk.key, lambda entry: Profile.unpack(_array(entry.payload)))

    def put_profile(self, chunk: Chunk, found: Profile) -> None:
        self.levels.put(chunk.key, _npy(found.pack()))

    def levelled(self, chunk: Chunk, gain_db: float) -> Samples | None:
        """The final loudness of a chunk whose frames are cached intact at this gain."""
        return self.frames.get(self.encoded_name(chunk, gain_db), lambda e: _split(e)[0])

    def encoded(self, chunk: Chunk, gain_db: float) -> bytes | None:
        """The chunk's cached MP3 frames at this gain."""
        return self.frames.get(self.encoded_name(chunk, gain_db), lambda e: _split(e)[1])

    def expected_frames(self, chunk: Chunk) -> int:
        return frames_for(chunk.encode, self.rate)

    def put_encoded(self, chunk: Chunk, gain_db: float, data: bytes, powers: Samples) -> None:
        found = list(frames(data))
        whole = bool(found) and found[-1].offset + found[-1].size == len(data)
        if not whole or len(found) != self.expected_frames(chunk):
            raise ExportError(
                f"the MP3 encoder wrote {len(found)} frames for a chunk of {chunk.encode} "
                f"samples, not {self.expected_frames(chunk)}: this ffmpeg's LAME pads differently"
            )
        levels = _npy(powers)
        self.frames.put(self.encoded_name(chunk, gain_db), levels + data, meta=len(levels))


def _split(entry: Sealed) -> tuple[Samples, bytes]:
    """An encoded chunk's entry: its sub-block powers (the first ``meta`` bytes), its frames."""
    if not 0 < entry.meta < len(entry.payload):
        raise Damaged(f"{entry.meta} bytes of loudness in {len(entry.payload)}")
    return _array(entry.payload[: entry.meta]), entry.payload[entry.meta :]


def _array(data: bytes) -> Samples:
    import numpy as np

    try:
        return np.asarray(np.load(io.BytesIO(data), allow_pickle=False))
    except (ValueError, EOFError, OSError) as exc:
        raise Damaged(f"not an array: {exc}") from exc


def _npy(values: Samples) -> bytes:
    import numpy as np

    buffer = io.BytesIO()
    np.save(buffer, values, allow_pickle=False)
    return buffer.getvalue()


def level_chunks(
    raw: Path,
    timeline: Timeline,
    cache: ChunkCache,
    work: Path,
    *,
    previous_gain: float | None = None,
) -> Levels:
    """Choose the episode's gain and write the levelled PCM of every chunk not yet encoded
    at that gain into ``work``.

    The gain is found on each chunk's cached profile of its compressed audio, so only new
    chunks are compressed; a rebuild keeps the previous gain when within the tolerance. One
    levelling pass then measures the result, and levels again only when the estimate missed.
    """

    rate = timeline.sample_rate
    if any(c % frame_samples(rate) for c in timeline.chunks):
        raise ValueError("chunk starts must be multiples of the MP3 frame")
    try:
        with raw.open("rb") as source:
            chunks, profiles = [], []
            for n, (start, end, size) in enumerate(_spans(timeline)):
                pcm = _read(source, start, end)
                chunk = Chunk(n, start, end, size, cache.key(pcm))
                chunks.append(chunk)
                found = cache.profile(chunk)
                if found is None:
                    found = profile(compress(from_pcm16(pcm), rate), rate)
                    cache.put_profile(chunk, found)
                profiles.append(found)
            gain = settle(choose_gain(profiles, rate), previous_gain, GAIN_TOLERANCE)
            tried: list[tuple[Levels, Path]] = []
            for attempt in range(_ATTEMPTS):
                folder = work / f"levelled-{attempt}"
                folder.mkdir(exist_ok=True)
                levels = _try_gain(source, chunks, profiles, cache, folder, gain, rate)
                tried.append((levels, folder))
                if abs(levels.loudness - TARGET_LUFS) <= _ACCEPT_LU:
                    break
                gain = round(gain + TARGET_LUFS - levels.loudness, 2)
    except OSError as exc:
        raise ExportError(f"cannot level the audio: {exc.strerror or exc}") from exc
    best, _ = min(tried, key=lambda t: abs(t[0].loudness - TARGET_LUFS))
    for levels, folder in tried:
        if levels is not best or not levels.todo:
            shutil.rmtree(folder, ignore_errors=True)
    return best


def _try_gain(
    source: BinaryIO,
    chunks: Sequence[Chunk],
    profiles: Sequence[Profile],
    cache: ChunkCache,
    work: Path,
    gain: float,
    rate: int,
) -> Levels:
    import numpy as np

    levels = Levels(gain, -float("inf"), rate, list(chunks))
    powers = []
    for chunk, found in zip(chunks, profiles, strict=True):
        known = cache.levelled(chunk, gain)
        if known is None:
            raw = from_pcm16(_read(source, chunk.start, chunk.end))
            levelled, known = level_measured(raw, rate, gain, found.powers)
            pcm = to_pcm16(levelled)
            pending = work / f"chunk-{chunk.index:05d}.pcm"
            pending.write_bytes(pcm[: chunk.encode * 2])
            levels.todo.append((chunk, pending, known))
        powers.append(known)
    levels.loudness = gated(np.concatenate(powers)) if powers else -float("inf")
    levels.powers = powers
    return levels


def write_levelled(raw: Path, levels: Levels, out: Path) -> None:
    """The whole levelled episode as raw PCM, for the formats encoded from it: the chunks
    levelled for encoding are copied (before the MP3 encoder takes them), the rest levelled
    again."""
    pending = {chunk.index: pcm for chunk, pcm, _ in levels.todo}
    try:
        with raw.open("rb") as source, out.open("wb") as sink:
            for chunk in levels.chunks:
                if chunk.index in pending:
                    sink.write(pending[chunk.index].read_bytes())
                    sink.write(bytes(2 * (chunk.end - chunk.start - chunk.encode)))  # the seam
                    continue
                x = from_pcm16(_read(source, chunk.start, chunk.end))
                sink.write(to_pcm16(level(x, levels.rate, levels.gain_db)))
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc


def encode_levels(
    levels: Levels,
    timeline: Timeline,
    cache: ChunkCache,
    out: Path,
    metadata: Path,
    *,
    workers: int = 1,
    cover: Cover | None = None,
    progress: Callable[[float], None] | None = None,
) -> Encoded:
    """Encode the chunks that need it, join every chunk's frames and tag the file (with the
    cover as its APIC picture when given).

    The levelled PCM files of ``levels`` are consumed (and dipped where a peak needed it, so
    the loudness reported is the file's). ``progress`` hears the fraction of chunks done."""
    groups = [levels.todo[i : i + _PER_PROCESS] for i in range(0, len(levels.todo), _PER_PROCESS)]
    done, dipped, lock = [0], {}, threading.Lock()

    def encode(group: Sequence[tuple[Chunk, Path, Samples]]) -> None:
        changed = _encode_group(group, cache, levels.gain_db)
        with lock:
            dipped.update(changed)
            done[0] += len(group)
            if progress is not None:
                progress(done[0] / len(levels.todo))

    if groups:
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(groups)))) as pool:
            list(pool.map(encode, groups))
    joined = out.with_name("frames.mp3")
    fresh = {chunk.index: pcm.with_suffix(".mp3") for chunk, pcm, _ in levels.todo}
    try:
        with joined.open("wb") as sink:
            for chunk in levels.chunks:
                sink.write(_frames_of(chunk, fresh, cache, levels.gain_db))
    except OSError as exc:
        raise ExportError(f"cannot write {joined}: {exc.strerror or exc}") from exc
    _finish(joined, metadata, out, timeline, cover)
    joined.unlink()
    for folder in {pcm.parent for _, pcm, _ in levels.todo}:
        shutil.rmtree(folder, ignore_errors=True)
    if progress is not None:
        progress(1.0)
    return Encoded(levels.gain_db, _loudness(levels, dipped), len(levels.chunks), len(levels.todo))


def _loudness(levels: Levels, dipped: dict[int, Samples]) -> float:
    """The episode's loudness, with the powers of the chunks whose peaks needed dips."""
    import numpy as np

    if not dipped or len(levels.powers) != len(levels.chunks):
        return levels.loudness
    powers = [dipped.get(chunk.index, p) for chunk, p in zip(levels.chunks, levels.powers,
                                                               strict=True)]  # fmt: skip
    return gated(np.concatenate(powers))


def _frames_of(chunk: Chunk, fresh: dict[int, Path], cache: ChunkCache, gain: float) -> bytes:
    """A chunk's frames: encoded by this build (kept in the work folder, whether or not the
    cache could take them), or found intact in the cache when levelling."""
    if chunk.index in fresh:
        return fresh[chunk.index].read_bytes()
    data = cache.encoded(chunk, gain)
    if data is None:
        raise ExportError(f"MP3 chunk {chunk.index} left the cache during the build; run it again")
    return data


def _encode_group(
    group: Sequence[tuple[Chunk, Path, Samples]], cache: ChunkCache, gain: float
) -> dict[int, Samples]:
    """Encode several chunks, their frames checked for true peak (lame.py), and cache them.
    Returns the sub-block powers of the chunks whose peaks needed dips."""
    given = [found for _, _, found in group]
    powers = encode_chunks([pcm for _, pcm, _ in group], cache.rate, cache.bitrate, cache.limit,
                           given)  # fmt: skip
    for (chunk, pcm, _), found in zip(group, powers, strict=True):
        cache.put_encoded(chunk, gain, pcm.with_suffix(".mp3").read_bytes(), found)
        pcm.unlink()
    return {
        chunk.index: found
        for (chunk, _, before), found in zip(group, powers, strict=True)
        if found is not before
    }


def _finish(
    joined: Path, metadata: Path, out: Path, timeline: Timeline, cover: Cover | None = None
) -> None:
    """Copy the frames into the final file with tags, chapters, the cover and a Xing/LAME
    header, then write the gapless delay and padding into that header."""
    art_in, art_out = attached_picture(cover, 2) if cover is not None else ([], [])
    args = ["-f", "mp3", "-i", str(joined), "-i", str(metadata), *art_in, "-map", "0:a", *art_out]
    args += ["-map_metadata", "1", "-map_chapters", "1", "-c:a", "copy"]
    args += ["-id3v2_version", "3", "-write_xing", "1", "-f", "mp3", str(out)]
    run_ffmpeg(args, "MP3 tagging")
    rate = timeline.sample_rate
    total_frames = sum(frames_for(size, rate) for _, _, size in _spans(timeline))
    padding = total_frames * frame_samples(rate) - timeline.total - ENCODER_DELAY
    try:
        with out.open("r+b") as f:
            head = bytearray(f.read(10))
            head += f.read(id3_size(head) + 4096 - len(head))
            set_gapless(head, delay=ENCODER_DELAY, padding=padding)
            f.seek(0)
            f.write(head)
    except (OSError, ValueError) as exc:
        raise ExportError(f"cannot finish {out}: {exc}") from exc
