"""Import person records in one transaction: all or nothing unless the clerk skips bad rows.

A bad row never half-writes the database: with any issue and without skip_invalid the whole
transaction is rolled back, and parsing goes on only to report every bad row at once. Rows
come as PersonRows or already prepared for the store (a tuple, made ahead in a parser
process: imports/pipeline.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from clerk_app.core.ports import AccessEntry, UnitOfWork, UpsertCounts
from clerk_app.core.records import PersonRow

BATCH_SIZE = 2000
MAX_REPORTED = 1000  # issues kept for the report; all are counted


class Issue(Protocol):
    row: int
    column: str | None
    code: str

    def message(self) -> str: ...


@dataclass
class ImportReport:
    source: str
    rows_read: int = 0
    counts: UpsertCounts = field(default_factory=UpsertCounts)
    issues: list[Issue] = field(default_factory=list)
    issue_count: int = 0
    committed: bool = False
    seconds: float = 0.0

    @property
    def rows_per_second(self) -> float:
        return self.rows_read / self.seconds if self.seconds else 0.0


def import_records(
    uow_factory: Callable[[], UnitOfWork],
    items: Iterable[PersonRow | tuple | Issue],  # type: ignore[type-arg]
    *,
    source: str,
    actor: str,
    workstation: str | None = None,
    skip_invalid: bool = False,
    progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> ImportReport:
    report = ImportReport(source)
    started = time.perf_counter()
    batch: list[PersonRow] = []
    with uow_factory() as uow:
        writing = True
        for item in items:
            report.rows_read += 1
            if isinstance(item, PersonRow | tuple):  # a row, or one the store prepared
                if writing:
                    batch.append(item)
                    if len(batch) >= batch_size:
                        report.counts.add(uow.records.upsert_batch(batch))
                        batch.clear()
            else:
                report.issue_count += 1
                if len(report.issues) < MAX_REPORTED:
                    report.issues.append(item)
                if not skip_invalid:
                    writing = False  # nothing will be committed; keep reading to report all
                    batch.clear()
            if progress and report.rows_read % 1000 == 0:
                progress(report.rows_read)
        if writing and batch:
            report.counts.add(uow.records.upsert_batch(batch))
        if progress:
            progress(report.rows_read)
        if writing:
            uow.access_log.add(
                AccessEntry(
                    at=datetime.now(UTC),
                    actor=actor,
                    workstation=workstation,
                    action="import",
                    query=source,
                    filters={"skip_invalid": skip_invalid, "issues": report.issue_count},
                    result_count=report.rows_read,
                )
            )
            uow.commit()
            report.committed = True
        else:
            uow.rollback()
    report.seconds = time.perf_counter() - started
    return report
