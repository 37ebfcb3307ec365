"""Registry numbers that stay unique when workstations issue them offline.

A number is `OFFICE-YYYY-WORKSTATION-NNNNN`: the office and workstation prefix make it unique
without asking the server, and the per-workstation counter advances in the same transaction as
the registration, so a rolled-back registration leaves no gap (sync.md, "Registry numbers
issued offline").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CODE = re.compile(r"^[A-Z0-9ÕÄÖÜŠŽ]{1,12}$")
_NUMBER = re.compile(r"^(?P<office>[^-]+)-(?P<year>\d{4})-(?P<ws>[^-]+)-(?P<n>\d+)$")


class Register:
    """Names of the counters kept in `register_counter`."""

    REQUEST = "request"
    CERTIFICATE = "certificate"


def valid_code(code: str) -> bool:
    """Office and workstation codes: 1–12 upper-case letters or digits, no dash."""
    return bool(_CODE.match(code))


@dataclass(frozen=True)
class RegistryNumber:
    office: str
    year: int
    workstation: str
    serial: int

    def __str__(self) -> str:
        return f"{self.office}-{self.year:04d}-{self.workstation}-{self.serial:05d}"

    @classmethod
    def parse(cls, text: str) -> RegistryNumber:
        m = _NUMBER.match(text.strip())
        if not m:
            raise ValueError(f"not a registry number: {text!r}")
        return cls(m["office"], int(m["year"]), m["ws"], int(m["n"]))
