"""MP3 frame arithmetic for joining separately encoded chunks without gaps.

LAME (through ffmpeg, measured for 8–48 kHz mono CBR) encodes n samples into
ceil((n + 1152) / F) frames of F samples (1152 at 32 kHz and above, 576 below): 576 samples
of encoder delay, the audio, then at least 576 of padding. A decoder honouring the LAME tag
skips delay + 529 samples at the start of the file and drops the padding at its end.

So a chunk that spans L samples of the episode (L a multiple of F) is encoded from its first
L - 1152 samples, ending in silence, into exactly L / F frames; its frames, placed after the
frames of the chunks before it, decode to the same L samples at the same position. Only the
last chunk is padded, and the file's one LAME tag says by how much.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

ENCODER_DELAY = 576
DECODER_DELAY = 529  # the synthesis filterbank's: a decoder without the LAME tag outputs it
SEAM = 1152  # delay plus the minimum padding: the silent tail a chunk does not encode

_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}
_KBPS = {
    True: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    False: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}


def lame_bitrates(rate: int) -> tuple[int, ...]:
    """The constant bitrates (kbit/s) LAME writes for mono audio at ``rate`` (checked through
    ffmpeg at 8–48 kHz): its MPEG version's Layer III table, which MPEG-2.5 (below 16 kHz)
    cuts at 64. Asked for another, LAME silently writes one of these."""
    if rate >= 32000:
        return _KBPS[True][1:]
    table = _KBPS[False][1:]
    return table if rate >= 16000 else tuple(k for k in table if k <= 64)


def mp3_bitrate(value: str, rate: int) -> str:
    """``value`` (kbit/s: "64k" or "64") as ffmpeg's argument ("64k"); ValueError, naming the
    bitrates LAME writes at ``rate``, for any other."""
    text = value.strip().lower().removesuffix("k")
    allowed = lame_bitrates(rate)
    if not text.isdigit() or int(text) not in allowed:
        listed = ", ".join(map(str, allowed[:-1])) + f" or {allowed[-1]}"
        raise ValueError(f"--bitrate {value}: at {rate} Hz, LAME writes {listed} kbit/s")
    return f"{int(text)}k"


def frame_samples(rate: int) -> int:
    """Samples per Layer III frame: 1152 for MPEG-1 rates, 576 for MPEG-2 and 2.5."""
    return 1152 if rate >= 32000 else 576


def frames_for(samples: int, rate: int) -> int:
    """Frames LAME writes for ``samples`` samples of audio."""
    size = frame_samples(rate)
    return -(-(samples + SEAM) // size)


@dataclass(frozen=True)
class Frame:
    offset: int
    size: int


def id3_size(data: bytes | bytearray) -> int:
    """Bytes of the ID3v2 tag at the start of ``data`` (0 without one)."""
    if data[:3] != b"ID3" or len(data) < 10:
        return 0
    size = 0
    for byte in data[6:10]:
        size = (size << 7) | (byte & 0x7F)
    return 10 + size


def frames(data: bytes | bytearray) -> Iterator[Frame]:
    """The Layer III frames of an MP3 file, after any ID3v2 tag, up to the first non-frame."""
    pos = id3_size(data)
    while pos + 4 <= len(data):
        head = int.from_bytes(data[pos : pos + 4], "big")
        version, layer = (head >> 19) & 3, (head >> 17) & 3
        bitrate, rate = (head >> 12) & 15, (head >> 10) & 3
        if head >> 21 != 0x7FF or version == 1 or layer != 1 or bitrate in (0, 15) or rate == 3:
            return
        mpeg1 = version == 3
        kbps, hz = _KBPS[mpeg1][bitrate], _RATES[version][rate]
        size = (144 if mpeg1 else 72) * kbps * 1000 // hz + ((head >> 9) & 1)
        yield Frame(pos, size)
        pos += size


def info_offset(data: bytes | bytearray, frame: Frame) -> int | None:
    """Where "Info" or "Xing" starts inside ``frame``, if the frame is a Xing/LAME header."""
    head = bytes(data[frame.offset : frame.offset + 40])
    for tag in (b"Info", b"Xing"):
        at = head.find(tag)
        if at > 4:
            return frame.offset + at
    return None


def crc16(data: bytes | bytearray, crc: int = 0) -> int:
    """CRC-16/ARC (polynomial 0x8005, reflected), the LAME tag's checksum."""
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def set_gapless(data: bytearray, *, delay: int, padding: int) -> None:
    """Write encoder delay and padding into the LAME tag of the file's first frame and
    re-sign the tag (ffmpeg's layout: the CRC covers the frame's first 190 bytes)."""
    first = next(frames(data), None)
    info = info_offset(data, first) if first else None
    if first is None or info is None:
        raise ValueError("no Xing/LAME header frame at the start of the MP3")
    if not (0 <= delay < 4096 and 0 <= padding < 4096):
        raise ValueError(f"delay {delay} or padding {padding} does not fit the LAME tag")
    data[info + 141 : info + 144] = ((delay << 12) | padding).to_bytes(3, "big")
    crc = crc16(data[first.offset : first.offset + 190])
    data[info + 154 : info + 156] = crc.to_bytes(2, "big")
