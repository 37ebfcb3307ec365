"""The office server's composition root: config → database, directory, receipt key, receiver.

One `ServerContext` per process; both listeners' apps share it. The sync engineer's routers
take what they need from here (engine, uow_factory, device auth).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, event

from clerk_app.core.exchange import DocumentVerifier
from clerk_app.exchange.directory import PartnerDirectory, load_toml
from clerk_app.exchange.receipts import ReceiptSigner
from clerk_app.exchange.receiver import Receiver
from clerk_app.server.config import ServerConfig


def _sqlite_full_sync(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # a receipt promises durable storage: WAL + synchronous=FULL survives a power cut
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


@dataclass
class ServerContext:
    config: ServerConfig
    engine: Engine
    directory: PartnerDirectory
    signer: ReceiptSigner
    verifier: DocumentVerifier
    receiver: Receiver = field(init=False)

    def __post_init__(self) -> None:
        self.receiver = Receiver(
            own_org=self.config.server.org_code,
            directory=lambda: self.directory,
            signer=self.signer,
            verifier=self.verifier,
            uow_factory=self.uow_factory(),
            accepted_languages=self.config.server.accepted_languages,
        )

    @classmethod
    def build(cls, config: ServerConfig, verifier: DocumentVerifier | None = None) -> ServerContext:
        from clerk_app.exchange.pdf_verify import PartnerDocumentVerifier
        from clerk_app.store.database import make_engine, upgrade

        directory = load_toml(config.server.partners, config.server.org_code)
        signer = ReceiptSigner.from_files(config.receipts.key, config.receipts.certificate)
        engine = make_engine(config.server.database, pool_size=config.server.threads + 2)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_full_sync)
        upgrade(engine)
        return cls(config, engine, directory, signer, verifier or PartnerDocumentVerifier())

    def uow_factory(self) -> Callable[[], Any]:
        from clerk_app.store.uow import SqlUnitOfWork

        engine = self.engine
        return lambda: SqlUnitOfWork(engine)

    def close(self) -> None:
        self.engine.dispose()
