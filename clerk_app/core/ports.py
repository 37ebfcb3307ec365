"""What the services need from storage, as protocols: the store implements them, tests fake them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol, Self

from clerk_app.core.audit import ChainHead, LoggedEntry
from clerk_app.core.certificates.ports import CertificateRepository, SourceReader
from clerk_app.core.records import PersonRow
from clerk_app.core.requests import Request, RequestEvent, RequestFilter
from clerk_app.core.search_types import Candidate, SearchFilters, SearchHit
from clerk_app.core.signing import JobState, SignatureJob
from clerk_app.core.staff import Principal, StaffAccount


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
    """One access to personal data (or a security event), as a service reports it.

    `actor` is the username; `staff_uid`/`staff_name` tie it to the staff account of the
    signed-in principal; `request_uid` is the request the access served and `record_id` the
    archive record opened. Use `for_principal` to fill the principal's fields.
    """

    at: datetime
    actor: str
    workstation: str | None
    action: str  # "search", "open_record", "import", "sign_in", "audit_export", …
    query: str | None
    filters: dict[str, object]
    result_count: int | None
    staff_uid: str | None = None
    staff_name: str | None = None
    request_uid: str | None = None
    record_id: str | None = None


def access_entry(
    principal: Principal,
    workstation: str | None,
    action: str,
    at: datetime,
    *,
    query: str | None = None,
    filters: dict[str, object] | None = None,
    result_count: int | None = None,
    request_uid: str | None = None,
    record_id: str | None = None,
) -> AccessEntry:
    """An access entry by the signed-in principal (username, staff uid and name filled in)."""
    return AccessEntry(
        at=at,
        actor=principal.username,
        workstation=workstation,
        action=action,
        query=query,
        filters=filters or {},
        result_count=result_count,
        staff_uid=principal.staff_uid,
        staff_name=principal.display_name,
        request_uid=request_uid,
        record_id=record_id,
    )


@dataclass(frozen=True)
class AccessQuery:
    """Which entries an inquiry wants: time range (UTC, end exclusive), person, record."""

    start: datetime | None = None
    end: datetime | None = None
    actor: str | None = None  # username or staff uid
    record_id: str | None = None
    request_uid: str | None = None


class AccessLog(Protocol):
    def add(self, entry: AccessEntry) -> LoggedEntry:
        """Append to the hash chain; appends are serialised so the chain never forks."""
        ...

    def head(self) -> ChainHead | None: ...

    def entries(self, after_seq: int = 0) -> Iterator[LoggedEntry]:
        """Every entry in sequence order, streamed."""
        ...

    def find_by_hash(self, digest: str) -> LoggedEntry | None: ...

    def query(self, q: AccessQuery) -> Iterator[LoggedEntry]: ...


class StaffRepository(Protocol):
    def add(self, account: StaffAccount) -> None: ...

    def get(self, uid: str) -> StaffAccount | None: ...

    def by_username(self, username: str) -> StaffAccount | None: ...

    def by_personal_code(self, code: str) -> StaffAccount | None: ...

    def list(self, include_inactive: bool = True) -> list[StaffAccount]: ...

    def count(self) -> int: ...

    def save(self, account: StaffAccount) -> StaffAccount:
        """Write back; bumps row_version (stale version → ConcurrentEdit)."""
        ...


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
    signature_jobs: SignatureJobRepository
    requests: RequestRepository
    counters: CounterRepository
    staff: StaffRepository
    certificates: CertificateRepository
    sources: SourceReader

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...
