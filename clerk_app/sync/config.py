"""The workstation's sync settings and credentials: `sync.json` in the data home, readable by
its owner only (it holds the device secret). Versioned like the settings file."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

CONFIG_VERSION = 1


@dataclass
class SyncConfig:
    version: int = CONFIG_VERSION
    server_url: str = ""
    ca_file: str | None = None  # CA bundle that signs the office server's TLS certificate
    device_id: str = ""
    device_secret: str = ""
    device_code: str = ""
    office: str = ""
    scope: list[str] = field(default_factory=list)  # ARCHIVE or ARCHIVE/FONDS; empty = all
    enrol_nonce: str | None = None
    interval_seconds: int = 60  # background sync period while the server is reachable

    @property
    def enrolled(self) -> bool:
        return bool(self.server_url and self.device_id and self.device_secret)


def load_config(path: Path) -> SyncConfig:
    if not path.exists():
        return SyncConfig()
    raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if int(raw.get("version", 1)) > CONFIG_VERSION:
        raise ValueError(f"{path} was written by a newer Clerk")
    known = {f.name for f in fields(SyncConfig)}
    return SyncConfig(**{k: v for k, v in raw.items() if k in known})


def save_config(path: Path, config: SyncConfig) -> None:
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(asdict(config), fh, indent=2, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)
