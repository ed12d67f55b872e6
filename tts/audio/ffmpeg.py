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
from collections.abc import Callable, Mapping, Sequence
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


def run_ffmpeg(
    args: Sequence[str], what: str, *, progress: Callable[[float], None] | None = None
) -> str:
    """Run ffmpeg and return its stderr; on failure the error names the command and the end of
    its stderr. ``progress`` hears the seconds of audio done so far, about twice a second
    (ffmpeg's -progress)."""
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-y"]
    if progress is not None:
        return _run_reporting([*cmd, "-progress", "pipe:1", "-nostats", *args], what, progress)
    cmd += args
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, errors="replace", check=False)
    except OSError as exc:
        raise ExportError(f"{what}: cannot run {cmd[0]}: {exc}") from exc
    return _checked(cmd, what, done.returncode, done.stderr)


def _checked(cmd: Sequence[str], what: str, code: int, stderr: str) -> str:
    if code != 0:
        stopped = re.search(r"received signal (1|2|15)\b", stderr)
        if stopped:  # Ctrl-C, SIGTERM or SIGHUP sent to the group reached ffmpeg before us
            raise Interrupted(int(stopped.group(1)))
        raise ExportError(f"{what} failed ({' '.join(cmd)}): {stderr_tail(stderr)}")
    return stderr


def _run_reporting(cmd: Sequence[str], what: str, progress: Callable[[float], None]) -> str:
    """ffmpeg with its progress report on stdout, read as it comes; stderr goes to a file, so a
    long log (ebur128 writes a line per 100 ms) never blocks the pipe."""
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as err:
        try:
            proc = subprocess.Popen(
                cmd, stdout=subprocess.PIPE, stderr=err, text=True, errors="replace"
            )
        except OSError as exc:
            raise ExportError(f"{what}: cannot run {cmd[0]}: {exc}") from exc
        try:
            for line in proc.stdout or ():
                key, _, value = line.strip().partition("=")
                if key == "out_time_us" and value.isdigit():
                    progress(int(value) / 1e6)
            code = proc.wait()
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        err.seek(0)
        return _checked(cmd, what, code, err.read())


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
