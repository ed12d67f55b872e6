"""tts.audio.picture: the FLAC picture block Opus carries, and where it goes in FFMETADATA."""

from __future__ import annotations

import base64
import struct
from pathlib import Path

from tts.audio.ffmpeg import ffmetadata
from tts.audio.picture import attached_picture, picture_block, with_picture_comment
from tts.types import Chapter, Cover

COVER = Cover(Path("/x/cover.png"), "image/png", 1400, 1400)


def parse_block(block: bytes) -> tuple[int, str, str, tuple[int, ...], bytes]:
    """RFC 9639, 8.8: type, MIME, description, width/height/depth/colours, data."""
    kind, size = struct.unpack(">II", block[:8])
    mime, at = block[8 : 8 + size].decode(), 8 + size
    (size,) = struct.unpack(">I", block[at : at + 4])
    text, at = block[at + 4 : at + 4 + size].decode(), at + 4 + size
    *dims, length = struct.unpack(">IIIII", block[at : at + 20])
    return kind, mime, text, tuple(dims), block[at + 20 : at + 20 + length]


def test_picture_block_is_a_front_cover_with_its_size() -> None:
    block = picture_block(COVER, b"\x89PNG data")
    assert parse_block(block) == (3, "image/png", "Cover", (1400, 1400, 24, 0), b"\x89PNG data")
    assert len(block) == 8 + 9 + 4 + 5 + 20 + 9  # nothing after the data


def test_picture_comment_goes_among_the_global_tags() -> None:
    chapters = [Chapter("Глава", 0, 22050)]
    text = with_picture_comment(ffmetadata({"title": "Т"}, chapters, 22050), COVER, b"\xff" * 7)
    lines = text.splitlines()
    assert lines[:2] == [";FFMETADATA1", "title=Т"]
    assert lines[2].startswith("METADATA_BLOCK_PICTURE=") and lines[3] == "[CHAPTER]"
    value = lines[2].split("=", 1)[1].replace("\\=", "=")  # FFMETADATA escapes "="
    assert parse_block(base64.b64decode(value))[4] == b"\xff" * 7
    assert text.endswith("title=Глава\n")
    bare = with_picture_comment(";FFMETADATA1\ntitle=Т\n", COVER, b"")
    assert bare.splitlines()[-1].startswith("METADATA_BLOCK_PICTURE=")


def test_attached_picture_copies_the_file_as_a_front_cover() -> None:
    inputs, outputs = attached_picture(COVER, 2)
    assert inputs == ["-i", "/x/cover.png"]
    assert outputs[:6] == ["-map", "2:v", "-c:v", "copy", "-disposition:v:0", "attached_pic"]
    assert "comment=Cover (front)" in outputs  # ffmpeg's ID3 writer: APIC picture type 3
