"""Reading a user's file into memory, never past a limit.

Every file the user names (an article, a lexicon, a feed to check) is read here: a device such
as /dev/zero, a pipe or a file that grows ends in one line at the limit instead of filling the
memory, and a missing file, a folder or a permission problem is one line too.
"""

from __future__ import annotations

from pathlib import Path

from tts.errors import InputError

MAX_FILE_BYTES = 50_000_000  # a book is ~5 MB; an article ~50 KB


def read_limited(name: str | Path, max_bytes: int = MAX_FILE_BYTES, *, what: str = "") -> bytes:
    """The bytes of ``name``; InputError (one line, ``what`` before the name) when it cannot be
    read or holds more than ``max_bytes``."""
    label = f"{what} {name}" if what else str(name)
    path = Path(name)
    try:
        if path.is_dir():
            raise InputError(f"{label} is a folder, not a file")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"{label} is {size_text(size)}, larger than the {size_text(max_bytes)} limit"
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"{label}: no such file") from None
    except PermissionError:
        raise InputError(f"{label}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{label}: cannot read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:  # a file that grew, or a device reporting no size (/dev/zero)
        raise InputError(f"{label} is larger than the {size_text(max_bytes)} limit")
    return data


def size_text(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n} bytes"
