"""The SQLAlchemy unit of work: one session, one transaction, repositories bound to it."""

from __future__ import annotations

from typing import Self

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from clerk_app.core.staff import Principal
from clerk_app.store.access_log import SqlAccessLog
from clerk_app.store.certificates_repo import SqlCertificateRepository, SqlSourceReader
from clerk_app.store.exchange_repo import SqlDevices, SqlInbox, SqlOutbox, SqlReceivedMessages
from clerk_app.store.records_repo import SqlRecordRepository
from clerk_app.store.requests_repo import SqlCounterRepository, SqlRequestRepository
from clerk_app.store.search_index import SqlSearchIndex
from clerk_app.store.signature_jobs_repo import SqlSignatureJobs
from clerk_app.store.staff_repo import SqlStaffRepository
from clerk_app.store.sync_hub import SqlHubRepository
from clerk_app.store.sync_repo import SqlSyncRepository


class SqlUnitOfWork:
    """Leaving the block without commit() rolls back: a failure never half-writes."""

    def __init__(self, engine: Engine, principal: Principal | None = None) -> None:
        self._engine = engine
        self._principal = principal

    def __enter__(self) -> Self:
        self.session = Session(self._engine, expire_on_commit=False)
        self.records = SqlRecordRepository(self.session)
        self.search = SqlSearchIndex(self.session)
        self.access_log = SqlAccessLog(self.session, self._principal)
        self.outbox = SqlOutbox(self.session)
        self.inbox = SqlInbox(self.session)
        self.received = SqlReceivedMessages(self.session)
        self.devices = SqlDevices(self.session)
        self.signature_jobs = SqlSignatureJobs(self.session)
        self.requests = SqlRequestRepository(self.session)
        self.counters = SqlCounterRepository(self.session)
        self.staff = SqlStaffRepository(self.session)
        self.certificates = SqlCertificateRepository(self.session)
        self.sources = SqlSourceReader(self.session)
        self.sync = SqlSyncRepository(self.session)  # workstation side
        self.hub = SqlHubRepository(self.session)  # office server side
        return self

    def __exit__(self, *exc: object) -> None:
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        self.records.finish()  # indexes a bulk load deferred: never commit without them
        self.sync.before_commit()
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
