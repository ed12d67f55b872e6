"""Cover art inside the audio files. Pure: ffmpeg arguments and tag values.

MP3 (an ID3 APIC frame) and M4A/M4B (the `covr` atom) take the picture as an attached-picture
stream, copied as it is. ffmpeg's Ogg muxer takes no picture stream (ffmpeg 9 still refuses
one), so Opus gets what Ogg players read: a METADATA_BLOCK_PICTURE comment holding a FLAC
picture block in base64 (RFC 9639, 8.8). It is far longer than a command-line argument may be
(128 KiB on Linux), so it travels in an FFMETADATA file.
"""

from __future__ import annotations

import base64
import struct

from tts.types import Cover

FRONT_COVER = 3  # the picture type, in ID3 and in FLAC alike
TITLE = "Cover"  # the picture's description
TYPE_NAME = "Cover (front)"  # ffmpeg's ID3 writer takes the picture type from this name
COLOUR_DEPTH = 24  # bits per pixel: covers are 8-bit RGB (tts.podcast.artwork checks)


def attached_picture(cover: Cover, index: int) -> tuple[list[str], list[str]]:
    """ffmpeg input arguments for the picture, and the output arguments that attach it (it is
    input number ``index``)."""
    inputs = ["-i", str(cover.path)]
    outputs = ["-map", f"{index}:v", "-c:v", "copy", "-disposition:v:0", "attached_pic"]
    outputs += ["-metadata:s:v:0", f"comment={TYPE_NAME}", "-metadata:s:v:0", f"title={TITLE}"]
    return inputs, outputs


def picture_block(cover: Cover, data: bytes) -> bytes:
    """A FLAC METADATA_BLOCK_PICTURE body: type, MIME, description, size, depth, the bytes."""
    mime, text = cover.mime.encode("ascii"), TITLE.encode("utf-8")
    return b"".join(
        (
            struct.pack(">II", FRONT_COVER, len(mime)),
            mime,
            struct.pack(">I", len(text)),
            text,
            struct.pack(">IIIII", cover.width, cover.height, COLOUR_DEPTH, 0, len(data)),
            data,
        )
    )


def with_picture_comment(metadata: str, cover: Cover, data: bytes) -> str:
    """An FFMETADATA document with the cover (``data``, its file's bytes) added as Ogg's picture
    comment, among the global tags (which come before the first [SECTION])."""
    block = base64.b64encode(picture_block(cover, data)).decode("ascii")
    # Of base64's characters only "=" is special in FFMETADATA.
    line = "METADATA_BLOCK_PICTURE=" + block.replace("=", "\\=")
    lines = metadata.splitlines()
    at = next((n for n, text in enumerate(lines) if text.startswith("[")), len(lines))
    return "\n".join([*lines[:at], line, *lines[at:]]) + "\n"
