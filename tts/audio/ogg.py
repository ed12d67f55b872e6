"""Ogg Opus, packet by packet (RFC 3533, RFC 7845): read the packets of a stream, and write
one stream from the packets of several, so Opus encoded in pieces is one file.

Pure functions over bytes.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

_CAPTURE = b"OggS"
_HEADER = struct.Struct("<4sBBqIIIB")  # capture, version, flags, granule, serial, page, crc, segs
_CONTINUED, _FIRST, _LAST = 1, 2, 4
_PAGE_BYTES = 4096  # about what libogg writes; a page ends once it holds this much


def _crc_table() -> list[int]:
    table = []
    for n in range(256):
        r = n << 24
        for _ in range(8):
            r = ((r << 1) ^ 0x04C11DB7) if r & 0x80000000 else r << 1
        table.append(r & 0xFFFFFFFF)
    return table


_CRC = _crc_table()


def crc32(data: bytes) -> int:
    """Ogg's CRC: polynomial 0x04C11DB7, MSB first, no reflection, initial value 0."""
    crc = 0
    for byte in data:
        crc = ((crc << 8) & 0xFFFFFFFF) ^ _CRC[(crc >> 24) ^ byte]
    return crc


@dataclass(frozen=True)
class Stream:
    """An Ogg Opus stream's packets: OpusHead, OpusTags, then audio; and its last granule."""

    head: bytes
    tags: bytes
    audio: list[bytes]
    granule: int  # of the last page: pre-skip plus the samples the stream plays

    @property
    def pre_skip(self) -> int:
        return int(struct.unpack_from("<H", self.head, 10)[0])


def _pages(data: bytes) -> Iterator[tuple[int, int, list[int], bytes]]:
    """(flags, granule, lacing values, body) of each page; ValueError for anything else."""
    at = 0
    while at < len(data):
        if len(data) - at < _HEADER.size or data[at : at + 4] != _CAPTURE:
            raise ValueError(f"no Ogg page at byte {at}")
        _, _, flags, granule, _, _, _, count = _HEADER.unpack_from(data, at)
        lacing = list(data[at + _HEADER.size : at + _HEADER.size + count])
        start = at + _HEADER.size + count
        at = start + sum(lacing)
        if at > len(data):
            raise ValueError("the last Ogg page is cut short")
        yield flags, granule, lacing, data[start:at]


def read(data: bytes) -> Stream:
    """The packets of a one-stream Ogg Opus file."""
    packets: list[bytes] = []
    partial = b""
    granule = 0
    for _, page_granule, lacing, body in _pages(data):
        granule = page_granule
        pos = 0
        for size in lacing:
            partial += body[pos : pos + size]
            pos += size
            if size < 255:
                packets.append(partial)
                partial = b""
    if len(packets) < 2 or not packets[0].startswith(b"OpusHead"):
        raise ValueError("not an Ogg Opus stream")
    return Stream(packets[0], packets[1], packets[2:], granule)


def samples(packet: bytes) -> int:
    """Samples at 48 kHz one Opus packet plays, from its TOC byte (RFC 6716, 3.1)."""
    config, code = packet[0] >> 3, packet[0] & 3
    if config < 12:
        frame = (480, 960, 1920, 2880)[config % 4]
    elif config < 16:
        frame = (480, 960)[config % 2]
    else:
        frame = (120, 240, 480, 960)[config % 4]
    count = 1 if code == 0 else 2 if code in (1, 2) else packet[1] & 0x3F
    return frame * count


def _page(flags: int, granule: int, serial: int, number: int, packets: Sequence[bytes]) -> bytes:
    lacing = bytearray()
    for packet in packets:
        lacing += b"\xff" * (len(packet) // 255) + bytes([len(packet) % 255])
    body = b"".join(packets)
    head = _HEADER.pack(_CAPTURE, 0, flags, granule, serial, number, 0, len(lacing))
    page = bytearray(head + lacing + body)
    struct.pack_into("<I", page, 22, crc32(bytes(page)))
    return bytes(page)


def write(head: bytes, tags: bytes, audio: Sequence[bytes], length: int, serial: int) -> bytes:
    """One Ogg Opus stream: ``head`` (OpusHead, whose pre-skip stands), ``tags``, then the audio
    packets, the last page's granule set so a player stops after ``length`` samples."""
    pre_skip = int(struct.unpack_from("<H", head, 10)[0])
    pages = [_page(_FIRST, 0, serial, 0, [head]), _page(0, 0, serial, 1, [tags])]
    played, lacing = 0, 0
    batch: list[bytes] = []
    for n, packet in enumerate(audio):
        needs = len(packet) // 255 + 1  # lacing values; an Opus packet has at most 1275 bytes
        if batch and lacing + needs > 255:
            pages.append(_page(0, played, serial, len(pages), batch))
            batch, lacing = [], 0
        played += samples(packet)
        batch.append(packet)
        lacing += needs
        last = n == len(audio) - 1
        if last or sum(map(len, batch)) >= _PAGE_BYTES:
            # samples decoded by the page's end, pre-skip included; the last page's marks the end
            granule = min(played, pre_skip + length) if last else played
            pages.append(_page(_LAST if last else 0, granule, serial, len(pages), batch))
            batch, lacing = [], 0
    return b"".join(pages)
