"""tts.store.files.read_limited: every file a user names is read with a limit (issue 17)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tts.errors import InputError
from tts.store.files import read_limited


def test_a_file_is_read_whole(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_bytes(b"x" * 100)
    assert read_limited(tmp_path / "a.tsv", 100) == b"x" * 100


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero on this system")
def test_an_endless_device_stops_at_the_limit() -> None:
    # /dev/zero says its size is 0 and never ends: only a bounded read gets out of it.
    with pytest.raises(InputError, match="^lexicon /dev/zero is larger than the 1000 bytes limit$"):
        read_limited("/dev/zero", 1000, what="lexicon")


def test_a_pipe_is_read_up_to_the_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)  # keeps the pipe open without a reader
    try:
        os.write(writer, b"y" * 2000)
        with pytest.raises(InputError, match="pipe is larger than the 1000 bytes limit"):
            read_limited(fifo, 1000)
    finally:
        os.close(writer)


@pytest.mark.parametrize(
    ("name", "message"),
    [("missing.tsv", "lexicon {}: no such file"), ("", "lexicon {} is a folder, not a file")],
)
def test_a_missing_file_or_a_folder_is_one_line(tmp_path: Path, name: str, message: str) -> None:
    target = tmp_path / name if name else tmp_path
    with pytest.raises(InputError) as caught:
        read_limited(target, what="lexicon")
    assert str(caught.value) == message.format(target)
