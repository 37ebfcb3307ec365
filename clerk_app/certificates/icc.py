"""The sRGB ICC profile (version 2.1) of the PDF/A output intent, built from the published
sRGB numbers (IEC 61966-2-1: D50-adapted primaries, the piecewise tone curve).

PDF/A-2 readers expect an ICC v2 profile; Pillow/lcms only writes v4, so the bytes are made
here, deterministically, and shipped as resources/icc/sRGB-v2.icc (a test checks the file
equals this function's output and that lcms reads it as sRGB). No third-party profile, no
licence question.
"""

from __future__ import annotations

import struct

DESCRIPTION = "sRGB IEC61966-2.1 (Clerk, ICC v2)"
COPYRIGHT = "No copyright, use freely"

# sRGB primaries adapted to D50 (Bradford), as in the ICC's own sRGB profiles
RED = (0.4360747, 0.2225045, 0.0139322)
GREEN = (0.3850649, 0.7168786, 0.0971045)
BLUE = (0.1430804, 0.0606169, 0.7141733)
WHITE_D65 = (0.9504559, 1.0, 1.0890578)  # media white point of a v2 display profile
D50 = (0.9642029, 1.0, 0.8249054)
CURVE_POINTS = 1024


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz(values: tuple[float, float, float]) -> bytes:
    return b"XYZ " + bytes(4) + b"".join(_s15(v) for v in values)


def _curve() -> bytes:
    points = []
    for i in range(CURVE_POINTS):
        v = i / (CURVE_POINTS - 1)
        linear = v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
        points.append(round(linear * 65535))
    return b"curv" + bytes(4) + struct.pack(f">I{CURVE_POINTS}H", CURVE_POINTS, *points)


def _desc(text: str) -> bytes:
    ascii_ = text.encode("ascii") + b"\0"
    # textDescriptionType: ASCII, an empty Unicode part, an empty ScriptCode part (67 bytes)
    return (
        b"desc" + bytes(4) + struct.pack(">I", len(ascii_)) + ascii_
        + struct.pack(">II", 0, 0) + struct.pack(">HB", 0, 0) + bytes(67)
    )  # fmt: skip


def _text(text: str) -> bytes:
    return b"text" + bytes(4) + text.encode("ascii") + b"\0"


def _pad(data: bytes) -> bytes:
    return data + bytes(-len(data) % 4)


def srgb_v2_profile() -> bytes:
    curve = _curve()
    tags: list[tuple[bytes, bytes]] = [
        (b"desc", _desc(DESCRIPTION)),
        (b"cprt", _text(COPYRIGHT)),
        (b"wtpt", _xyz(WHITE_D65)),
        (b"rXYZ", _xyz(RED)),
        (b"gXYZ", _xyz(GREEN)),
        (b"bXYZ", _xyz(BLUE)),
        (b"rTRC", curve),
        (b"gTRC", curve),  # the three curves share one data block
        (b"bTRC", curve),
    ]
    table_size = 4 + 12 * len(tags)
    offset = 128 + table_size
    entries: list[bytes] = []
    blocks: list[bytes] = []
    placed: dict[bytes, int] = {}
    for sig, data in tags:
        if data not in placed:
            placed[data] = offset
            blocks.append(_pad(data))
            offset += len(blocks[-1])
        entries.append(sig + struct.pack(">II", placed[data], len(data)))
    body = struct.pack(">I", len(tags)) + b"".join(entries) + b"".join(blocks)
    size = 128 + len(body)
    header = (
        struct.pack(">I", size)
        + b"\0\0\0\0"  # preferred CMM: none
        + struct.pack(">I", 0x02100000)  # version 2.1.0
        + b"mntr" + b"RGB " + b"XYZ "
        + struct.pack(">6H", 2024, 1, 1, 0, 0, 0)  # fixed date: reproducible bytes
        + b"acsp"
        + bytes(4)  # primary platform
        + bytes(4)  # flags
        + bytes(4) + bytes(4)  # device manufacturer, model
        + bytes(8)  # attributes
        + struct.pack(">I", 0)  # rendering intent: perceptual
        + b"".join(_s15(v) for v in D50)
        + bytes(4)  # creator
        + bytes(16)  # profile id (v4 only)
        + bytes(28)
    )  # fmt: skip
    assert len(header) == 128
    return header + body
