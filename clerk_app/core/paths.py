"""Where a workstation keeps everything: one folder, so backup and wipe are one operation."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "clerk"


@dataclass(frozen=True)
class DataHome:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "clerk.db"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def outbox(self) -> Path:
        return self.root / "outbox"

    @property
    def documents(self) -> Path:
        """The encrypted document vault (store/vault.py)."""
        return self.root / "documents"

    def database_url(self) -> str:
        return f"sqlite:///{self.database}"

    def ensure(self) -> DataHome:
        for folder in (self.root, self.logs, self.outbox):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def data_home(explicit: str | os.PathLike[str] | None = None) -> DataHome:
    """`explicit` (--home) wins, then $CLERK_HOME, then the platform's user data dir."""
    if explicit:
        return DataHome(Path(explicit).expanduser().resolve())
    env = os.environ.get("CLERK_HOME")
    if env:
        return DataHome(Path(env).expanduser().resolve())
    return DataHome(user_data_path(APP_NAME, appauthor=False))


def database_url(home: DataHome, explicit: str | None = None) -> str:
    """--db wins, then $CLERK_DB, then the embedded SQLite file in the data home."""
    return explicit or os.environ.get("CLERK_DB") or home.database_url()
