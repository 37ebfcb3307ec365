"""What the services need from storage, as protocols: the store implements them, tests fake them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol, Self

from clerk_app.core.certificates.ports import CertificateRepository, SourceReader
from clerk_app.core.exchange import (
    DeviceStore,
    InboxRepository,
    OutboxRepository,
    ReceivedMessageStore,
)
from clerk_app.core.records import PersonRow
from clerk_app.core.requests import Request, RequestEvent, RequestFilter
from clerk_app.core.search_types import Candidate, SearchFilters, SearchHit
from clerk_app.core.signing import JobState, SignatureJob


@dataclass
class UpsertCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    payroll_written: int = 0

    def add(self, other: UpsertCounts) -> None:
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.payroll_written += other.payroll_written


class RecordRepository(Protocol):
    def upsert_batch(self, rows: Sequence[PersonRow]) -> UpsertCounts: ...

    def count(self) -> int: ...


class SearchIndex(Protocol):
    def vocabulary(self) -> Sequence[str]: ...

    def vocabulary_size(self) -> int: ...

    def candidates(
        self, groups: Sequence[Sequence[str]], filters: SearchFilters, min_groups: int, limit: int
    ) -> list[Candidate]: ...

    def hits(self, ids: Sequence[int]) -> dict[int, SearchHit]: ...

    def rebuild(self, force: bool = False) -> int: ...


@dataclass(frozen=True)
class AccessEntry:
    at: datetime
    actor: str
    workstation: str | None
    action: str  # "search", "open_record", "import"
    query: str | None
    filters: dict[str, object]
    result_count: int | None


class AccessLog(Protocol):
    def add(self, entry: AccessEntry) -> None: ...


class SignatureJobRepository(Protocol):
    """The signing queue: documents waiting to be signed, parked B-B signatures, results."""

    def add(self, job: SignatureJob) -> None: ...

    def get(self, uid: str) -> SignatureJob | None: ...

    def save(self, job: SignatureJob) -> None: ...

    def list(self, states: Sequence[JobState] = ()) -> list[SignatureJob]: ...


class RequestRepository(Protocol):
    def add(self, request: Request) -> None: ...

    def get(self, uid: str) -> Request | None: ...

    def get_by_number(self, reg_number: str) -> Request | None: ...

    def save(self, request: Request) -> None:
        """Write back a changed request; bumps row_version (stale version → ConcurrentEdit)."""
        ...

    def add_event(self, event: RequestEvent) -> None: ...

    def events(self, uid: str) -> list[RequestEvent]: ...

    def list(self, flt: RequestFilter, today: date) -> list[Request]: ...

    def add_records(
        self, uid: str, record_ids: Sequence[str], at: datetime, actor: str
    ) -> list[str]:
        """Link archive records to the request; returns the ids that were new."""
        ...

    def remove_records(self, uid: str, record_ids: Sequence[str]) -> list[str]: ...

    def known_record_ids(self, record_ids: Sequence[str]) -> set[str]:
        """Which of these archive record ids exist."""
        ...


class CounterRepository(Protocol):
    def next_value(self, register: str, year: int, device: str) -> int:
        """The next number of a per-device register, advanced in the caller's transaction."""
        ...


class ConcurrentEdit(Exception):
    """Somebody else saved the row after it was read: reload and try again."""


class UnitOfWork(Protocol):
    records: RecordRepository
    search: SearchIndex
    access_log: AccessLog
    outbox: OutboxRepository
    inbox: InboxRepository
    received: ReceivedMessageStore
    devices: DeviceStore
    signature_jobs: SignatureJobRepository
    requests: RequestRepository
    counters: CounterRepository
    certificates: CertificateRepository
    sources: SourceReader

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...
