"""The composition root: one place that turns a data home and a database URL into services.

The CLI, the desktop app and the office server each build one `Workstation` and pass it (or
the factories it holds) down; nothing reaches for globals (cosmic-python's bootstrap.py).
"""

from __future__ import annotations

import getpass
import socket
from collections.abc import Callable
from typing import Any

from clerk_app.core.paths import DataHome, data_home, database_url
from clerk_app.core.settings import Settings, load_settings


class Workstation:
    """Data home, settings and (lazily) the migrated database of one workstation process."""

    def __init__(self, home: str | None = None, db: str | None = None) -> None:
        self.home: DataHome = data_home(home).ensure()
        self.settings: Settings = load_settings(self.home.settings)
        self.url = database_url(self.home, db)
        self.actor = getpass.getuser()
        self.workstation = (
            f"{self.settings.office_code}/{self.settings.workstation}@{socket.gethostname()}"
        )
        self._engine: Any = None

    @property
    def engine(self):  # type: ignore[no-untyped-def]
        if self._engine is None:
            from clerk_app.store.database import open_database

            self._engine = open_database(self.url)
        return self._engine

    def uow_factory(self) -> Callable[[], Any]:
        from clerk_app.store.uow import SqlUnitOfWork

        engine = self.engine
        return lambda: SqlUnitOfWork(engine)

    def office(self):  # type: ignore[no-untyped-def]
        from clerk_app.core.requests import LegalRegime
        from clerk_app.core.services.requests import Office

        return Office(
            self.settings.office_code,
            self.settings.workstation,
            LegalRegime(self.settings.legal_regime),
        )

    def requests(self):  # type: ignore[no-untyped-def]
        """The request register service acting as this workstation's user."""
        from clerk_app.core.services.requests import RequestService

        return RequestService(self.uow_factory(), self.office(), self.actor)

    # -- sync -------------------------------------------------------------------------
    @property
    def sync_config_path(self):  # type: ignore[no-untyped-def]
        return self.home.root / "sync.json"

    def sync_service(self):  # type: ignore[no-untyped-def]
        """This workstation's sync with its office server (enrolled by `clerk enrol`)."""
        from clerk_app.sync.config import load_config
        from clerk_app.sync.service import SyncService

        return SyncService(
            self.uow_factory(), load_config(self.sync_config_path), self.home.root / "sync",
            self.actor,
        )  # fmt: skip

    def hub_service(self):  # type: ignore[no-untyped-def]
        """The office server's side of sync over this database (made a hub if it is not)."""
        from clerk_app.store.sync_capture import ensure_hub
        from clerk_app.sync.hub import HubService

        ensure_hub(self.engine)
        return HubService(self.uow_factory())

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
