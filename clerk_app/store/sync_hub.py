"""The office server's sync storage: applying pushed rows, receipts, the change log and its
visibility rule, current rows for pulls, devices and enrolment tokens."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, text, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clerk_app.store import models, models_sync, sync_capture
from clerk_app.store.sync_codec import canonical, from_wire, table, to_wire
from clerk_app.store.sync_snapshot import current_cursor, scope_clause
from clerk_app.sync.catalogue import person_to_wire
from clerk_app.sync.entities import spec
from clerk_app.sync.ports import RowRefused
from clerk_app.sync.protocol import Cursor

_LOG = models_sync.ChangeLog.__table__
_DEV = models_sync.Device.__table__
_TOK = models_sync.EnrolToken.__table__
_REC = models_sync.PushReceipt.__table__
_META = models.StoreMeta.__table__
_DAL = models_sync.DeviceAccessLog.__table__


# 32-bit backend_xid widened to the 64-bit xid8 of the same epoch as the next xid
_BOUND_SQL = """
SELECT least(x.xmax, coalesce(min(
         ((x.xmax >> 32) << 32) + a.backend_xid::text::bigint
         - CASE WHEN a.backend_xid::text::bigint > (x.xmax & 4294967295)
                THEN 4294967296 ELSE 0 END), x.xmax))
FROM (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xmax) x
LEFT JOIN pg_stat_activity a
       ON a.datname = current_database() AND a.backend_xid IS NOT NULL
      AND a.pid <> pg_backend_pid()
GROUP BY x.xmax
"""


@dataclass(frozen=True)
class LogEntry:
    txid: int
    seq: int
    entity: str
    key: str
    hlc: str | None
    origin: str | None = None


class SqlHubRepository:
    def __init__(self, session: Session) -> None:
        self._s = session
        self._dialect = session.get_bind().dialect.name

    # -- rows -----------------------------------------------------------------------------
    def canonical(self, entity: str, row: dict[str, Any]) -> dict[str, Any]:
        return canonical(entity, row)

    def _where_key(self, entity: str, keys: Sequence[str]):  # type: ignore[no-untyped-def]
        s, t = spec(entity), table(entity)
        if len(s.key) == 1:
            return t.c[s.key[0]].in_(list(keys))
        return tuple_(*(t.c[c] for c in s.key)).in_([s.decode_key(k) for k in keys])

    def get_row(self, entity: str, key: str, lock: bool = False) -> dict[str, Any] | None:
        stmt = select(table(entity)).where(self._where_key(entity, [key]))
        if lock and self._dialect == "postgresql":
            stmt = stmt.with_for_update()
        r = self._s.execute(stmt).first()
        return to_wire(entity, dict(r._mapping)) if r is not None else None

    def insert_row(self, entity: str, row: dict[str, Any]) -> None:
        self._s.execute(insert(table(entity)).values(**from_wire(entity, row)))

    def update_row(self, entity: str, key: str, values: dict[str, Any]) -> None:
        if values:
            self._s.execute(
                update(table(entity))
                .where(self._where_key(entity, [key]))
                .values(**from_wire(entity, values))
            )

    def delete_row(self, entity: str, key: str) -> None:
        self._s.execute(delete(table(entity)).where(self._where_key(entity, [key])))

    def rows_for(
        self, entity: str, keys: Sequence[str], lock: bool = False
    ) -> dict[str, dict[str, Any]]:
        """Current rows by key; `lock` takes row locks (PostgreSQL) in key order."""
        s, t = spec(entity), table(entity)
        out: dict[str, dict[str, Any]] = {}
        keys = list(keys)
        for start in range(0, len(keys), 500):
            stmt = (
                select(t)
                .where(self._where_key(entity, keys[start : start + 500]))
                .order_by(*(t.c[c] for c in s.key))
            )
            if lock and self._dialect == "postgresql":
                stmt = stmt.with_for_update()
            for r in self._s.execute(stmt):
                m = dict(r._mapping)
                out[s.encode_key(m)] = to_wire(entity, m)
        return out

    def write_rows(
        self,
        entity: str,
        inserts: Sequence[dict[str, Any]] = (),
        updates: Sequence[dict[str, Any]] = (),
        deletes: Sequence[str] = (),
    ) -> None:
        """Whole rows in, whole rows over, keys out; RowRefused when a constraint says no."""
        s, t = spec(entity), table(entity)
        try:
            if inserts:
                self._s.execute(insert(t), [from_wire(entity, r) for r in inserts])
            if updates:
                rows = [from_wire(entity, r) for r in updates]
                cols = [c for c in rows[0] if c not in s.key]
                stmt = (
                    update(t)
                    .where(*(t.c[k] == bindparam(f"k_{k}") for k in s.key))
                    .values({c: bindparam(f"v_{c}") for c in cols})
                )
                self._s.connection().execute(
                    stmt,
                    [
                        {f"k_{k}": r[k] for k in s.key} | {f"v_{c}": r.get(c) for c in cols}
                        for r in rows
                    ],
                )
            if deletes:
                self._s.execute(delete(t).where(self._where_key(entity, deletes)))
        except IntegrityError as exc:
            raise RowRefused(str(exc.orig)) from exc

    def rows_after(self, entity: str, after: str | None, limit: int) -> list[dict[str, Any]]:
        """Current rows in key order (the resync of a device past the retention horizon)."""
        s, t = spec(entity), table(entity)
        cols = [t.c[c] for c in s.key]
        stmt = select(t).order_by(*cols).limit(limit)
        if after:
            stmt = stmt.where(tuple_(*cols) > tuple_(*s.decode_key(after)))
        return [to_wire(entity, dict(r._mapping)) for r in self._s.execute(stmt)]

    def catalogue_rows(
        self, record_ids: Sequence[str], scope: Sequence[str]
    ) -> dict[str, dict[str, Any]]:
        """Person records in scope with their archival reference and payroll."""
        out: dict[str, dict[str, Any]] = {}
        ids = list(record_ids)
        for start in range(0, len(ids), 500):
            params: dict[str, object] = {"ids": ids[start : start + 500]}
            where = scope_clause(scope, params)
            rows = self._s.execute(
                text(
                    "SELECT r.*, a.code AS archive, a.name AS archive_name, f.number AS fonds, "
                    "f.title AS fonds_title, i.number AS inventory, u.number AS file, "
                    "u.title AS file_title FROM person_record r "
                    "JOIN file_unit u ON u.id = r.file_unit_id "
                    "JOIN inventory i ON i.id = u.inventory_id "
                    "JOIN fonds f ON f.id = i.fonds_id JOIN archive a ON a.id = f.archive_id "
                    f"WHERE r.record_id IN :ids AND {where}"
                ).bindparams(bindparam("ids", expanding=True)),
                params,
            ).all()
            pk = {r.id: dict(r._mapping) for r in rows}
            pay: dict[int, list[Any]] = {}
            if pk:
                pe = models.PayrollEntry.__table__
                for p in self._s.execute(
                    select(
                        pe.c.person_record_id,
                        pe.c.pay_year,
                        pe.c.pay_month,
                        pe.c.amount,
                        pe.c.currency,
                        pe.c.sheet,
                    )
                    .where(pe.c.person_record_id.in_(list(pk)))
                    .order_by(pe.c.pay_year, pe.c.pay_month)
                ):
                    pay.setdefault(p[0], []).append(tuple(p)[1:])
            for rid, m in pk.items():
                out[m["record_id"]] = person_to_wire(m, pay.get(rid, []))
        return out

    # -- push bookkeeping ------------------------------------------------------------------
    @contextmanager
    def savepoint(self) -> Iterator[None]:
        try:
            with self._s.begin_nested():
                yield
        except IntegrityError as exc:
            raise RowRefused(str(exc.orig)) from exc

    def set_origin(self, device_id: str | None, hlc: str | None) -> None:
        """Name the device and HLC of the writes that follow (the capture triggers read it)."""
        if self._dialect == "postgresql":
            self._s.execute(
                text("SELECT set_config('clerk.origin_device', :d, true), "
                     "set_config('clerk.origin_hlc', :h, true)"),
                {"d": device_id or "", "h": hlc or ""},
            )  # fmt: skip
            return
        keys = (sync_capture.ORIGIN_DEVICE_KEY, sync_capture.ORIGIN_HLC_KEY)
        self._s.execute(delete(_META).where(_META.c.key.in_(keys)))
        values = [{"key": k, "value": v} for k, v in zip(keys, (device_id, hlc), strict=True) if v]
        if values:
            self._s.execute(insert(_META), values)

    def receipt(self, change_id: str) -> dict[str, Any] | None:
        r = self._s.execute(select(_REC).where(_REC.c.change_id == change_id)).first()
        return dict(r._mapping) if r is not None else None

    def receipts(self, change_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        ids = list(change_ids)
        for start in range(0, len(ids), 500):
            rows = self._s.execute(
                select(_REC).where(_REC.c.change_id.in_(ids[start : start + 500]))
            )
            out.update({r.change_id: dict(r._mapping) for r in rows})
        return out

    def add_receipts(self, rows: Sequence[dict[str, Any]]) -> None:
        if rows:
            self._s.execute(insert(_REC), list(rows))

    def add_receipt(self, **values: Any) -> None:
        if isinstance(values.get("fields"), list):
            values["fields"] = json.dumps(values["fields"])
        self._s.execute(insert(_REC).values(**values))

    # -- change log --------------------------------------------------------------------------
    def current_cursor(self, stream: str) -> Cursor:
        return current_cursor(self._s.connection(), stream)

    def floor(self, stream: str) -> Cursor:
        value = self._s.execute(
            select(_META.c.value).where(_META.c.key == f"sync_floor_{stream}")
        ).scalar_one_or_none()
        return Cursor.parse(value)

    def visible_bound(self) -> int:
        """PostgreSQL: a transaction id below which every writer of THIS database has ended.

        sync.md's rule uses pg_snapshot_xmin, but that is cluster-wide: any long transaction
        in another database of the same server would hold every pull back. This reads the
        running transactions of our database first, and caps by the next xid then; the page
        query that follows takes a later snapshot, so whatever ended before is visible to it,
        and whatever was running (or started since) has an id at or above the bound."""
        return int(self._s.execute(text(_BOUND_SQL)).scalar_one())

    def log_page(self, stream: str, after: Cursor, limit: int) -> list[LogEntry]:
        params = {"s": stream, "t": after.txid, "q": after.seq, "n": limit}
        sql = (
            "SELECT txid, seq, entity, entity_id, hlc, origin_device FROM change_log "
            "WHERE stream = :s "
            "AND (txid, seq) > (:t, :q) "
        )
        if self._dialect == "postgresql":
            # only transactions that have ended: their rows are final, none can appear below
            params["bound"] = self.visible_bound()
            sql += "AND txid < :bound "
        sql += "ORDER BY txid, seq LIMIT :n"
        rows = self._s.execute(text(sql), params)
        return [LogEntry(int(t), int(q), e, k, h, o) for t, q, e, k, h, o in rows]

    def compact(self, before: datetime) -> dict[str, int]:
        """Forget change-log rows older than `before`; a device behind them must resync."""
        done: dict[str, int] = {}
        for stream in ("data", "catalogue"):
            last = self._s.execute(
                select(_LOG.c.txid, _LOG.c.seq)
                .where(_LOG.c.stream == stream, _LOG.c.at < before)
                .order_by(_LOG.c.txid.desc(), _LOG.c.seq.desc())
                .limit(1)
            ).first()
            if last is None:
                continue
            floor = Cursor(int(last.txid), int(last.seq))
            n = self._s.execute(
                delete(_LOG).where(
                    _LOG.c.stream == stream,
                    tuple_(_LOG.c.txid, _LOG.c.seq) <= tuple_(floor.txid, floor.seq),
                )
            ).rowcount  # type: ignore[attr-defined]
            key = f"sync_floor_{stream}"
            self._s.execute(delete(_META).where(_META.c.key == key))
            self._s.execute(insert(_META).values(key=key, value=floor.encode()))
            done[stream] = int(n)
        return done

    def log_size(self) -> int:
        return int(self._s.execute(select(func.count()).select_from(_LOG)).scalar_one())

    # -- workstations' access logs ------------------------------------------------------------
    def access_log_head(self, device_id: str) -> tuple[int, str] | None:
        r = self._s.execute(
            select(_DAL.c.seq, _DAL.c.hash)
            .where(_DAL.c.device_id == device_id)
            .order_by(_DAL.c.seq.desc())
            .limit(1)
        ).first()
        return (int(r.seq), str(r.hash)) if r is not None else None

    def add_access_log(self, device_id: str, rows: Sequence[dict[str, Any]], at: datetime) -> None:
        if rows:
            values = [
                from_wire("access_log", r) | {"device_id": device_id, "received_at": at}
                for r in rows
            ]
            for v in values:
                v.pop("id", None)
            self._s.execute(insert(_DAL), values)

    # -- devices and tokens ------------------------------------------------------------------
    def add_token(self, **values: Any) -> None:
        self._s.execute(insert(_TOK).values(**values))

    def token(self, token_hash: str, lock: bool = False) -> dict[str, Any] | None:
        stmt = select(_TOK).where(_TOK.c.token_hash == token_hash)
        if lock and self._dialect == "postgresql":
            stmt = stmt.with_for_update()
        r = self._s.execute(stmt).first()
        return dict(r._mapping) if r is not None else None

    def use_token(self, token_hash: str, at: datetime, device_id: str) -> None:
        self._s.execute(
            update(_TOK)
            .where(_TOK.c.token_hash == token_hash)
            .values(used_at=at, used_by=device_id)
        )

    def add_device(self, **values: Any) -> None:
        self._s.execute(insert(_DEV).values(**values))

    def device(self, device_id: str) -> dict[str, Any] | None:
        r = self._s.execute(select(_DEV).where(_DEV.c.device_id == device_id)).first()
        return dict(r._mapping) if r is not None else None

    def device_by_code(self, code: str) -> dict[str, Any] | None:
        r = self._s.execute(select(_DEV).where(_DEV.c.device_code == code)).first()
        return dict(r._mapping) if r is not None else None

    def update_device(self, device_id: str, **values: Any) -> None:
        self._s.execute(update(_DEV).where(_DEV.c.device_id == device_id).values(**values))

    def devices(self) -> list[dict[str, Any]]:
        return [
            dict(r._mapping) for r in self._s.execute(select(_DEV).order_by(_DEV.c.device_code))
        ]

    def open_tokens(self, code: str) -> int:
        return int(
            self._s.execute(
                select(func.count())
                .select_from(_TOK)
                .where(_TOK.c.device_code == code, _TOK.c.used_at.is_(None))
            ).scalar_one()
        )
