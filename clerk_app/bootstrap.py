"""The composition root: one place that turns a data home and a database URL into services.

The CLI, the desktop app and the office server each build one `Workstation` and pass it (or
the factories it holds) down; nothing reaches for globals (cosmic-python's bootstrap.py).
"""

from __future__ import annotations

import getpass
import socket
from collections.abc import Callable
from typing import Any

from clerk_app.core.data_at_rest import PassphrasePrompt
from clerk_app.core.paths import DataHome, data_home, database_url
from clerk_app.core.settings import Settings, load_settings
from clerk_app.core.staff import Principal


class Workstation:
    """Data home, settings and (lazily) the migrated database of one workstation process.

    `passphrase_prompt` is asked when the data key is wrapped with a passphrase (the desktop
    app shows a dialog, the CLI reads CLERK_DB_PASSPHRASE or prompts on a terminal); without it
    only CLERK_DB_PASSPHRASE is read.
    """

    def __init__(
        self,
        home: str | None = None,
        db: str | None = None,
        passphrase_prompt: PassphrasePrompt | None = None,
    ) -> None:
        self.home: DataHome = data_home(home).ensure()
        self.settings: Settings = load_settings(self.home.settings)
        self.url = database_url(self.home, db)
        self.actor = getpass.getuser()
        self.principal: Principal | None = None  # set by sign-in (app) or the CLI's --as
        self.workstation = (
            f"{self.settings.office_code}/{self.settings.workstation}@{socket.gethostname()}"
        )
        self._engine: Any = None
        self._ask = passphrase_prompt
        self._at_rest: Any = None

    @property
    def at_rest(self):  # type: ignore[no-untyped-def]
        """Keys of the database and documents (store/at_rest.py)."""
        if self._at_rest is None:
            from clerk_app.store.at_rest import AtRest, env_passphrase

            self._at_rest = AtRest(
                self.url,
                self.home.documents,
                self._ask or env_passphrase,
                encrypt_new=self.settings.database_encryption != "off",
            )
        return self._at_rest

    @property
    def engine(self):  # type: ignore[no-untyped-def]
        if self._engine is None:
            from clerk_app.store.database import open_database

            self._engine = open_database(self.url, self.at_rest.database_key())
        return self._engine

    def vault(self):  # type: ignore[no-untyped-def]
        """The DocumentVault for certificates, outbox and received documents."""
        return self.at_rest.vault()

    def uow_factory(self) -> Callable[[], Any]:
        from clerk_app.store.uow import SqlUnitOfWork

        engine = self.engine
        # the signed-in principal ties access-log entries to the staff account
        return lambda: SqlUnitOfWork(engine, self.principal)

    def signing_service(self, **engine_options: Any) -> Any:
        """The signing queue service over this workstation's database, endpoints and trust."""
        from clerk_app.core.services.signing import SigningService
        from clerk_app.signing.queue import PadesQueueEngine

        engine = PadesQueueEngine(self.home.root, **engine_options)
        return SigningService(
            self.uow_factory(), engine, actor=self.actor, workstation=self.workstation
        )

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

    def exchange_folder(self):  # type: ignore[no-untyped-def]
        from clerk_app.exchange.workstation_config import ExchangeFolder

        return ExchangeFolder(self.home.root)

    def exchange(self):  # type: ignore[no-untyped-def]
        """The exchange service (outbox, inbox, sending from the register) of this workstation.

        Works unconfigured too (lists are empty, sending is refused with `not_configured`)."""
        from clerk_app.exchange.lazy_verifier import LazyVerifier
        from clerk_app.exchange.service import ExchangeService
        from clerk_app.exchange.workstation_config import NotConfigured

        folder = self.exchange_folder()
        try:
            own_org = folder.load().org_code
        except NotConfigured:
            own_org = None

        def directory():  # type: ignore[no-untyped-def]
            try:
                return folder.load_directory()
            except NotConfigured:
                return None

        return ExchangeService(
            self.uow_factory(),
            own_org=own_org,
            directory=directory,
            requests=self.requests(),
            verifier=LazyVerifier(),
            actor=self.actor,
        )

    @property
    def office_profile_path(self):  # type: ignore[no-untyped-def]
        return self.home.root / "office.toml"

    def certificates(self):  # type: ignore[no-untyped-def]
        """The certificate service: this office's letterhead (office.toml), reportlab PDF/A."""
        from clerk_app.certificates.renderer import ReportlabRenderer
        from clerk_app.core.certificates.office import load_office_profile
        from clerk_app.core.services.certificates import CertificateService

        profile = load_office_profile(self.office_profile_path, self.settings.office_code)
        return CertificateService(
            self.uow_factory(),
            ReportlabRenderer(),
            profile,
            workstation=self.settings.workstation,
            actor=self.actor,
        )

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
