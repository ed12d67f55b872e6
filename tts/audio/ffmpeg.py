"""Running ffmpeg: finding it, clear errors, decoding a jingle, chapters as FFMETADATA.
Levelling happens in numpy (loudness.py); encoding in chunks (encode.py).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

from tts.errors import ExportError, Interrupted
from tts.types import Chapter

log = logging.getLogger(__name__)


def ffmpeg_exe() -> str:
    """TTS_FFMPEG, else the static ffmpeg of the imageio-ffmpeg wheel, else ffmpeg on PATH."""
    override = os.environ.get("TTS_FFMPEG")
    if override:
        return override
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError):
        found = shutil.which("ffmpeg")
        if found:
            return found
    raise ExportError("ffmpeg not found: install the imageio-ffmpeg package or set TTS_FFMPEG")


def run_ffmpeg(args: Sequence[str], what: str) -> str:
    """Run ffmpeg; on failure the error names the command and the end of its stderr."""
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-y", *args]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, errors="replace", check=False)
    except OSError as exc:
        raise ExportError(f"{what}: cannot run {cmd[0]}: {exc}") from exc
    if done.returncode != 0:
        stopped = re.search(r"received signal (1|2|15)\b", done.stderr)
        if stopped:  # Ctrl-C, SIGTERM or SIGHUP sent to the group reached ffmpeg before us
            raise Interrupted(int(stopped.group(1)))
        raise ExportError(f"{what} failed ({' '.join(cmd)}): {stderr_tail(done.stderr)}")
    return done.stderr


# ffmpeg ends a failed run with statistics and "Conversion failed!"; the cause (e.g. "No space
# left on device") comes earlier, on lines like these.
_ERROR_LINE = re.compile(
    r"error|fail|invalid|unable|cannot|could not|no such|denied|no space|unrecognized|not found",
    re.I,
)


def stderr_tail(stderr: str, lines: int = 3) -> str:
    """The last few lines that say what went wrong, else the last few lines."""
    every = [line.strip() for line in stderr.strip().splitlines() if line.strip()]
    errors = [line for line in every if _ERROR_LINE.search(line)]
    return " | ".join((errors or every)[-lines:])


def decode_into(path: Path, sample_rate: int, out: BinaryIO) -> int:
    """Decode an audio file (a jingle) to mono s16le at ``sample_rate`` into ``out``.

    Returns the samples written.
    """
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "decoded.raw"
        args = ["-i", str(path), "-vn", "-f", "s16le", "-ac", "1", "-ar", str(sample_rate)]
        run_ffmpeg([*args, str(raw)], f"decoding {path.name}")
        data = raw.read_bytes()
    out.write(data)
    return len(data) // 2


def _escape_meta(value: str) -> str:
    value = " ".join(value.split())
    return re.sub(r"([=;#\\])", r"\\\1", value)


def _ms(samples: int, sample_rate: int) -> int:
    return (samples * 1000 + sample_rate // 2) // sample_rate


def ffmetadata(tags: Mapping[str, str], chapters: Sequence[Chapter], sample_rate: int) -> str:
    """An FFMETADATA1 document: global tags, then chapters in milliseconds, in time order."""
    lines = [";FFMETADATA1"]
    lines += [f"{key}={_escape_meta(val)}" for key, val in tags.items() if val]
    for chapter in chapters:
        lines += [
            "[CHAPTER]",
            "TIMEBASE=1/1000",
            f"START={_ms(chapter.start, sample_rate)}",
            f"END={_ms(chapter.end, sample_rate)}",
            f"title={_escape_meta(chapter.title)}",
        ]
    return "\n".join(lines) + "\n"
