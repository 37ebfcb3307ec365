"""Opening a record: read all it holds and log who looked at whose data (access log)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from clerk_app.core.ports import AccessEntry, UnitOfWork
from clerk_app.core.record_detail import RecordDetail


def open_record(
    uow_factory: Callable[[], UnitOfWork],
    record_id: str,
    actor: str,
    workstation: str | None = None,
) -> RecordDetail | None:
    """Read one record by its archive record id and log the access; None if it is not there."""
    with uow_factory() as uow:
        detail = uow.records.detail(record_id)
        uow.access_log.add(
            AccessEntry(
                at=datetime.now(UTC),
                actor=actor,
                workstation=workstation,
                action="open_record",
                query=record_id,
                filters={},
                result_count=0 if detail is None else 1,
            )
        )
        uow.commit()
    return detail
