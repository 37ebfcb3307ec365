"""Certificate registry numbers that stay unique across offline workstations.

`OFFICE-YYYY-WS-NNNNNN`: the office and workstation prefixes make numbers drawn offline on
different machines distinct; the counter is kept per (register, year, workstation) and drawn
in the same transaction that finalises the certificate, so a workstation's sequence has no
gaps (a failed finalisation rolls the counter back with it).
"""

from __future__ import annotations

import re

CERTIFICATE_REGISTER = "certificate"

_SAFE = re.compile(r"[^0-9A-Za-z]+")


def registry_number(office: str, year: int, workstation: str, value: int) -> str:
    return f"{_clean(office)}-{year:04d}-{_clean(workstation)}-{value:06d}"


def _clean(part: str) -> str:
    cleaned = _SAFE.sub("", part).upper()
    if not cleaned:
        raise ValueError(f"{part!r} gives an empty registry-number prefix")
    return cleaned
