"""Typed, versioned workstation settings kept as JSON in the data home.

A settings file written by an older version is upgraded step by step on load (Picard's
config_upgrade pattern), so a new field never silently takes a wrong default.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

SETTINGS_VERSION = 1


@dataclass
class Settings:
    version: int = SETTINGS_VERSION
    office_code: str = "LOCAL"  # prefix of registry numbers, unique per office
    workstation: str = "W1"  # unique within the office
    default_archive: str = "LOCAL"  # archive code for imported rows without an `archive` column
    ui_language: str = "et"
    legal_regime: str = "ee"  # deadline rules of the office's country: ee, ru or lv
    # -- security (issue 10) --
    idle_lock_minutes: int = 10  # lock the desktop session after this long without input
    authorised_signatories: list[str] = field(default_factory=list)  # personal codes
    password_max_failures: int = 5  # then the account is locked for a while
    password_lockout_minutes: int = 5
    database_encryption: str = "on"  # new workstation databases: "on" (SQLCipher) or "off"
    auth_trust_dir: str = "trust/auth"  # CA certificates for ID-card sign-in (home-relative)


_UPGRADES: dict[int, Any] = {}  # version -> function(dict) -> dict, for the next version


def load_settings(path: Path) -> Settings:
    if not path.exists():
        return Settings()
    raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    version = int(raw.get("version", 1))
    if version > SETTINGS_VERSION:
        raise ValueError(f"{path} was written by a newer Clerk (settings version {version})")
    while version < SETTINGS_VERSION:
        raw = _UPGRADES[version](raw)
        version += 1
    known = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in raw.items() if k in known} | {"version": version})


def save_settings(path: Path, settings: Settings) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)  # atomic: a crash never leaves half a settings file
