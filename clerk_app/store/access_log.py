"""The append-only, hash-chained access log (core/audit.py) on SQLite and PostgreSQL.

An append first moves the chain head (`UPDATE access_log_head SET seq = seq + 1 … RETURNING`):
that statement takes SQLite's write lock or PostgreSQL's row lock before the previous hash is
read, so concurrent writers queue up instead of forking the chain. There is no update or delete
here, and triggers refuse them in the database.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC
from typing import Any

from sqlalchemy import Select, or_, select, update
from sqlalchemy.orm import Session

from clerk_app.core.audit import ChainHead, LoggedEntry, canonical_filters, entry_hash
from clerk_app.core.ports import AccessEntry, AccessQuery
from clerk_app.core.staff import Principal
from clerk_app.store import models
from clerk_app.store.models_security import AccessLogHead

_BATCH = 2000


_T = models.AccessLog.__table__


def _logged(row: Any) -> LoggedEntry:
    return LoggedEntry(
        seq=row.seq,
        at=row.at,
        actor=row.actor,
        staff_uid=row.staff_uid,
        staff_name=row.staff_name,
        workstation=row.workstation,
        action=row.action,
        query=row.query,
        filters=row.filters,
        result_count=row.result_count,
        request_uid=row.request_uid,
        record_id=row.record_id,
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


class SqlAccessLog:
    """`principal`: who the unit of work acts for; entries by that username that come without
    staff fields (services that only know an actor name) are tied to the staff account."""

    def __init__(self, session: Session, principal: Principal | None = None) -> None:
        self._s = session
        self._principal = principal

    def add(self, entry: AccessEntry) -> LoggedEntry:
        p = self._principal
        if p is not None and p.staff_uid and entry.staff_uid is None and entry.actor == p.username:
            entry = replace(entry, staff_uid=p.staff_uid, staff_name=p.display_name)
        seq, prev = self._s.execute(
            update(AccessLogHead)
            .where(AccessLogHead.id == 1)
            .values(seq=AccessLogHead.seq + 1)
            .returning(AccessLogHead.seq, AccessLogHead.hash)
        ).one()
        filters = canonical_filters(entry.filters)
        fields = {
            "seq": seq,
            "at": entry.at.astimezone(UTC),  # stored naive on SQLite: always UTC
            "actor": entry.actor,
            "staff_uid": entry.staff_uid,
            "staff_name": entry.staff_name,
            "workstation": entry.workstation,
            "action": entry.action,
            "query": entry.query,
            "filters": filters,
            "result_count": entry.result_count,
            "request_uid": entry.request_uid,
            "record_id": entry.record_id,
        }
        digest = entry_hash(**fields, prev_hash=prev)
        self._s.execute(_T.insert().values(**fields, prev_hash=prev, hash=digest))
        self._s.execute(update(AccessLogHead).where(AccessLogHead.id == 1).values(hash=digest))
        return LoggedEntry(**fields, prev_hash=prev, hash=digest)

    def head(self) -> ChainHead | None:
        row = self._s.execute(
            select(AccessLogHead.seq, AccessLogHead.hash).where(AccessLogHead.id == 1)
        ).first()
        return ChainHead(row.seq, row.hash) if row else None

    def _stream(self, stmt: Select) -> Iterator[LoggedEntry]:  # type: ignore[type-arg]
        """Keyset pages by seq: constant memory on millions of entries, on both databases."""
        last = None
        while True:
            page_stmt = stmt if last is None else stmt.where(_T.c.seq > last)
            rows = self._s.execute(page_stmt.limit(_BATCH)).all()
            if not rows:
                return
            for row in rows:
                yield _logged(row)
            last = rows[-1].seq

    def entries(self, after_seq: int = 0) -> Iterator[LoggedEntry]:
        return self._stream(select(_T).where(_T.c.seq > after_seq).order_by(_T.c.seq))

    def find_by_hash(self, digest: str) -> LoggedEntry | None:
        row = self._s.execute(select(_T).where(_T.c.hash == digest).limit(1)).first()
        return _logged(row) if row else None

    def query(self, q: AccessQuery) -> Iterator[LoggedEntry]:
        t = _T.c
        stmt = select(_T).order_by(t.seq)
        if q.start is not None:
            stmt = stmt.where(t.at >= q.start)
        if q.end is not None:
            stmt = stmt.where(t.at < q.end)
        if q.actor:
            stmt = stmt.where(or_(t.actor == q.actor, t.staff_uid == q.actor))
        if q.record_id:
            stmt = stmt.where(t.record_id == q.record_id)
        if q.request_uid:
            stmt = stmt.where(t.request_uid == q.request_uid)
        return self._stream(stmt)
