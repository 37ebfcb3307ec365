"""What the services need from storage, as protocols: the store implements them, tests fake them."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, Self

from clerk_app.core.search_types import Candidate, SearchFilters, SearchHit, TokenMatch


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
    def upsert_batch(self, rows: Sequence[object]) -> UpsertCounts:
        """Write PersonRows, or rows the store's own preparation step (run ahead, e.g. in a
        parser process) made from them."""
        ...

    def count(self) -> int: ...


class SearchIndex(Protocol):
    def neighbours(self, variants: Collection[str]) -> list[str]:
        """The vocabulary tokens one of whose deletion variants (search/neighbours.py) is
        among `variants`: the typo-neighbour candidates of the keys they came from."""
        ...

    def candidates(
        self,
        match: TokenMatch,
        filters: SearchFilters,
        limit: int,
        exclude: Collection[int] = (),
    ) -> list[Candidate]:
        """At most `limit` rows satisfying `match` and `filters`, lowest ids first, none of
        `exclude`; unscored (the rerank orders them), so the cost stays bounded."""
        ...

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


class UnitOfWork(Protocol):
    records: RecordRepository
    search: SearchIndex
    access_log: AccessLog

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...
