"""The workstation's sync storage: outbox, applying pulled rows, cursors, conflicts and the
catalogue snapshot copy — all inside the caller's unit of work."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import and_, delete, func, insert, select, tuple_, update
from sqlalchemy import true as sql_true
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.orm import Session

from clerk_app.core.records import PersonRow
from clerk_app.store import models, models_sync, sync_capture, sync_snapshot
from clerk_app.store.sync_codec import from_wire, table, to_wire
from clerk_app.sync.catalogue import person_from_wire, person_to_wire
from clerk_app.sync.entities import spec
from clerk_app.sync.ports import ConflictRow, OutboxCounts, OutboxEntry
from clerk_app.sync.protocol import Cursor

_OUT = models_sync.SyncOutbox.__table__
_STATE = models_sync.SyncState.__table__
_CONF = models_sync.SyncConflict.__table__
_META = models.StoreMeta.__table__


def canonical_key(entity: str, key: str) -> str:
    s = spec(entity)
    return s.encode_key(dict(zip(s.key, s.decode_key(key), strict=True)))


def _loads(text_value: str | None) -> dict[str, Any] | None:
    return None if text_value is None else json.loads(text_value)


def _dumps(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


class SqlSyncRepository:
    def __init__(self, session: Session) -> None:
        self._s = session
        self._applying = False

    def _conn(self):  # type: ignore[no-untyped-def]
        return self._s.connection()

    # -- role ---------------------------------------------------------------------------
    def role(self) -> str | None:
        return sync_capture.role(self._conn())

    def become_workstation(self, seed_outbox: bool) -> None:
        sync_capture.install(self._conn(), sync_capture.WORKSTATION, seed_outbox=seed_outbox)

    # -- outbox -------------------------------------------------------------------------
    def _entry(self, r: Any) -> OutboxEntry:
        old, new = _loads(r.old), _loads(r.new)
        return OutboxEntry(
            seq=r.seq,
            change_id=r.change_id,
            entity=r.entity,
            key=canonical_key(r.entity, r.entity_id),
            op=r.op,
            base_version=r.base_version,
            new_version=r.new_version,
            old=to_wire(r.entity, old) if old is not None else None,
            new=to_wire(r.entity, new) if new is not None else None,
            created_at=r.created_at,
            hlc=r.hlc,
            attempts=r.attempts,
        )

    def pending(self, limit: int) -> list[OutboxEntry]:
        rows = self._s.execute(
            select(_OUT).where(_OUT.c.state == "pending").order_by(_OUT.c.seq).limit(limit)
        )
        return [self._entry(r) for r in rows]

    def stamp(self, stamps: Sequence[tuple[int, str, str]]) -> None:
        if stamps:
            self._raw().executemany(
                "UPDATE sync_outbox SET change_id = ?, hlc = ? WHERE seq = ? AND change_id IS NULL",
                [(change_id, hlc, seq) for seq, change_id, hlc in stamps],
            )

    def attempted(self, seqs: Sequence[int], error: str | None) -> None:
        if seqs:
            self._s.execute(
                update(_OUT)
                .where(_OUT.c.seq.in_(list(seqs)))
                .values(attempts=_OUT.c.attempts + 1, last_error=error)
            )

    def remove_outbox(self, seqs: Sequence[int]) -> None:
        if seqs:
            self._s.execute(delete(_OUT).where(_OUT.c.seq.in_(list(seqs))))

    def _key_rows(self, entity: str, key: str) -> list[int]:
        rows = self._s.execute(
            select(_OUT.c.seq, _OUT.c.entity_id).where(_OUT.c.entity == entity)
        ).all()
        return [seq for seq, k in rows if canonical_key(entity, k) == key]

    def hold(self, entity: str, key: str) -> int:
        seqs = self._key_rows(entity, key)
        if seqs:
            self._s.execute(update(_OUT).where(_OUT.c.seq.in_(seqs)).values(state="held"))
        return len(seqs)

    def drop_outbox(self, entity: str, key: str) -> int:
        seqs = self._key_rows(entity, key)
        self.remove_outbox(seqs)
        return len(seqs)

    def dirty_keys(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for entity, key in self._s.execute(select(_OUT.c.entity, _OUT.c.entity_id).distinct()):
            out.setdefault(entity, set()).add(canonical_key(entity, key))
        return out

    def counts(self) -> OutboxCounts:
        pending, held, oldest = self._s.execute(
            select(
                func.count().filter(_OUT.c.state == "pending"),
                func.count().filter(_OUT.c.state == "held"),
                func.min(_OUT.c.created_at),
            )
        ).one()
        conflicts = self._s.execute(
            select(func.count()).select_from(_CONF).where(_CONF.c.resolved_at.is_(None))
        ).scalar_one()
        return OutboxCounts(int(pending), int(held), oldest, int(conflicts))

    # -- rows ---------------------------------------------------------------------------
    def _where_key(self, entity: str, keys: Sequence[str]):  # type: ignore[no-untyped-def]
        s, t = spec(entity), table(entity)
        if len(s.key) == 1:
            return t.c[s.key[0]].in_(list(keys))
        return tuple_(*(t.c[c] for c in s.key)).in_([s.decode_key(k) for k in keys])

    def row(self, entity: str, key: str) -> dict[str, Any] | None:
        r = self._s.execute(select(table(entity)).where(self._where_key(entity, [key]))).first()
        return to_wire(entity, dict(r._mapping)) if r is not None else None

    def keys(self, entity: str) -> set[str]:
        s, t = spec(entity), table(entity)
        rows = self._s.execute(select(*(t.c[c] for c in s.key)))
        return {s.encode_key(dict(zip(s.key, r, strict=True))) for r in rows}

    def apply_rows(self, entity: str, rows: Sequence[dict[str, Any]], force: bool) -> None:
        """Upsert server rows; without `force` only a newer version replaces a local row."""
        if not rows:
            return
        s, t = spec(entity), table(entity)
        values = [from_wire(entity, r) for r in rows]
        stmt = sqlite_dialect.insert(t)
        updatable = [c for c in values[0] if c not in s.key]
        if s.version is not None:
            newer = t.c[s.version] < stmt.excluded[s.version]
        else:  # no version (links, history, certificates): the server's row as it is
            newer = None if s.append_only or s.deletable else sql_true()
        if not updatable or newer is None:
            stmt = stmt.on_conflict_do_nothing(index_elements=list(s.key))
        else:
            where = None if force else newer
            if s.frozen_when is not None:  # a final local row is never rewritten
                column, value = s.frozen_when
                guard = t.c[column] != value
                where = guard if where is None else and_(where, guard)
            stmt = stmt.on_conflict_do_update(
                index_elements=list(s.key),
                set_={c: stmt.excluded[c] for c in updatable},
                where=where,
            )
        if s.name == "certificate":  # a correction after the version it supersedes
            values.sort(key=lambda v: v.get("version") or 0)
        self._s.execute(stmt, values)

    def delete_rows(self, entity: str, keys: Sequence[str]) -> None:
        if keys:
            self._s.execute(delete(table(entity)).where(self._where_key(entity, keys)))

    def delete_children(self, entity: str, where: dict[str, Any]) -> None:
        t = table(entity)
        self._s.execute(delete(t).where(*(t.c[c] == v for c, v in where.items())))

    def enqueue(
        self,
        entity: str,
        key: str,
        op: str,
        base_version: int | None,
        new_version: int | None,
        old: dict[str, Any] | None,
        new: dict[str, Any] | None,
    ) -> None:
        """An outbox row written by the service itself (a clerk's conflict resolution)."""
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]
        self._s.execute(
            insert(_OUT).values(
                entity=entity,
                entity_id=key,
                op=op,
                base_version=base_version,
                new_version=new_version,
                old=_dumps(old),
                new=_dumps(new),
                created_at=now,
                state="pending",
                attempts=0,
            )
        )

    @contextmanager
    def applying(self) -> Iterator[None]:
        """Writes inside this block are the server's, not local changes: no outbox rows.
        The flag row never outlives the transaction (see before_commit)."""
        self._s.execute(insert(_META).values(key=sync_capture.APPLYING_KEY, value="1"))
        self._applying = True
        try:
            yield
        finally:
            self._clear_flag()

    def _clear_flag(self) -> None:
        if self._applying:
            self._s.execute(delete(_META).where(_META.c.key == sync_capture.APPLYING_KEY))
            self._applying = False

    def before_commit(self) -> None:
        """Called by the unit of work: a commit inside an `applying` block must not leave the
        flag behind, or later local changes would go uncaptured."""
        self._clear_flag()

    # -- cursors and small facts -----------------------------------------------------------
    def _state(self, stream: str):  # type: ignore[no-untyped-def]
        return self._s.execute(select(_STATE).where(_STATE.c.stream == stream)).first()

    def _put_state(self, stream: str, **values: Any) -> None:
        values["updated_at"] = datetime.now(UTC)
        if self._state(stream) is None:
            values.setdefault("cursor_txid", 0)
            values.setdefault("cursor_seq", 0)
            self._s.execute(insert(_STATE).values(stream=stream, **values))
        else:
            self._s.execute(update(_STATE).where(_STATE.c.stream == stream).values(**values))

    def cursor(self, stream: str) -> Cursor:
        r = self._state(stream)
        return Cursor(r.cursor_txid, r.cursor_seq) if r is not None else Cursor()

    def set_cursor(self, stream: str, cursor: Cursor) -> None:
        self._put_state(stream, cursor_txid=cursor.txid, cursor_seq=cursor.seq)

    def value(self, name: str) -> Any:
        r = self._state(name)
        return json.loads(r.value) if r is not None and r.value is not None else None

    def set_value(self, name: str, value: Any) -> None:
        self._put_state(name, value=_dumps(value))

    # -- the access log (pushed, never pulled) ------------------------------------------------
    def access_log_after(self, seq: int, limit: int) -> list[dict[str, Any]]:
        log = models.AccessLog.__table__
        rows = self._s.execute(
            select(log).where(log.c.seq > seq).order_by(log.c.seq).limit(limit)
        ).mappings()
        return [to_wire("access_log", {k: v for k, v in r.items() if k != "id"}) for r in rows]

    def access_log_last(self) -> int:
        log = models.AccessLog.__table__
        return int(self._s.execute(select(func.coalesce(func.max(log.c.seq), 0))).scalar_one())

    # -- conflicts ------------------------------------------------------------------------
    def add_conflict(self, c: ConflictRow) -> int:
        return int(
            self._s.execute(
                insert(_CONF)
                .values(
                    entity=c.entity,
                    entity_id=c.key,
                    kind=c.kind,
                    code=c.code,
                    fields=json.dumps(c.fields),
                    local=_dumps(c.local),
                    server=_dumps(c.server),
                    base=_dumps(c.base),
                    server_version=c.server_version,
                    detected_at=c.detected_at,
                )
                .returning(_CONF.c.id)
            ).scalar_one()
        )

    def _conflict(self, r: Any) -> ConflictRow:
        return ConflictRow(
            id=r.id,
            entity=r.entity,
            key=r.entity_id,
            kind=r.kind,
            code=r.code,
            fields=json.loads(r.fields),
            local=_loads(r.local),
            server=_loads(r.server),
            base=_loads(r.base),
            server_version=r.server_version,
            detected_at=r.detected_at,
            resolved_at=r.resolved_at,
            resolution=r.resolution,
        )

    def conflicts(self, open_only: bool = True) -> list[ConflictRow]:
        stmt = select(_CONF).order_by(_CONF.c.id)
        if open_only:
            stmt = stmt.where(_CONF.c.resolved_at.is_(None))
        return [self._conflict(r) for r in self._s.execute(stmt)]

    def conflict(self, conflict_id: int) -> ConflictRow | None:
        r = self._s.execute(select(_CONF).where(_CONF.c.id == conflict_id)).first()
        return self._conflict(r) if r is not None else None

    def close_conflict(self, conflict_id: int, resolution: str, actor: str) -> None:
        self._s.execute(
            update(_CONF)
            .where(_CONF.c.id == conflict_id)
            .values(resolved_at=datetime.now(UTC), resolution=resolution, resolved_by=actor)
        )

    # -- catalogue -----------------------------------------------------------------------
    def catalogue_count(self) -> int:
        return int(
            self._s.execute(select(func.count()).select_from(models.PersonRecord)).scalar_one()
        )

    def delete_records(self, record_ids: Sequence[str]) -> None:
        rec = models.PersonRecord.__table__
        for start in range(0, len(record_ids), 900):
            chunk = list(record_ids[start : start + 900])
            self._s.execute(delete(rec).where(rec.c.record_id.in_(chunk)))

    def snapshot_info(self, path: Path) -> dict[str, Any]:
        return sync_snapshot.read_meta(path)

    def _raw(self):  # type: ignore[no-untyped-def]
        return self._s.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]

    def _attach(self, path: Path):  # type: ignore[no-untyped-def]
        """The snapshot as schema `snap` of this connection, so rows move inside SQLite
        (INSERT … SELECT) without becoming Python objects. Must run before the unit of work's
        first write: SQLite attaches outside a transaction only."""
        raw = self._raw()
        attached = {r[1]: r[2] for r in raw.execute("PRAGMA database_list")}
        if attached.get("snap") and Path(attached["snap"]) != path.resolve():
            raw.execute("DETACH DATABASE snap")
            attached.pop("snap")
        if "snap" not in attached:
            # KEY '': the snapshot is a plain file even when this database is SQLCipher
            raw.execute("ATTACH DATABASE ? AS snap KEY ''", (f"file:{path.resolve()}?mode=ro",))
        return raw

    def detach_snapshot(self) -> None:
        """Before the unit of work's first write (see _attach)."""
        raw = self._raw()
        if any(r[1] == "snap" for r in raw.execute("PRAGMA database_list")):
            raw.execute("DETACH DATABASE snap")

    def _copy(self, raw, name: str, where: str, params: tuple) -> int:  # type: ignore[no-untyped-def,type-arg]
        snap_cols = {r[1] for r in raw.execute(f"PRAGMA snap.table_info({name})")}
        cols = ", ".join(c for c in sync_snapshot.columns(name) if c in snap_cols)
        return int(
            raw.execute(
                f"INSERT INTO main.{name} ({cols}) SELECT {cols} FROM snap.{name} {where}", params
            ).rowcount
        )

    def copy_snapshot_hierarchy(self, path: Path) -> None:
        raw = self._attach(path)
        for name in ("archive", "fonds", "inventory", "file_unit"):
            self._copy(raw, name, "ORDER BY id", ())

    def copy_snapshot_chunk(self, path: Path, after_id: int, upto_id: int) -> int:
        """Person records with after_id < id <= upto_id, their payroll, search index and
        vocabulary, verbatim (the local catalogue was empty when the copy began)."""
        raw = self._attach(path)
        raw.execute("INSERT INTO store_meta (key, value) VALUES ('fts_deferred', '1')")
        span = (after_id, upto_id)
        n = self._copy(raw, "person_record", "WHERE id > ? AND id <= ? ORDER BY id", span)
        self._copy(
            raw,
            "payroll_entry",
            "WHERE person_record_id > ? AND person_record_id <= ? ORDER BY id",
            span,
        )
        raw.execute(
            "INSERT INTO person_fts (rowid, search_tokens) SELECT id, search_tokens "
            "FROM main.person_record WHERE id > ? AND id <= ?",
            span,
        )
        raw.execute("DELETE FROM store_meta WHERE key = 'fts_deferred'")
        tokens: set[str] = set()
        for (line,) in raw.execute(
            "SELECT search_tokens FROM snap.person_record WHERE id > ? AND id <= ?", span
        ):
            tokens.update(line.split())
        if tokens:
            raw.executemany(
                "INSERT INTO name_vocab (token) VALUES (?) ON CONFLICT DO NOTHING",
                [(t,) for t in sorted(tokens)],
            )
        return n

    def prune_records(self, path: Path) -> int:
        """Delete local person records the snapshot does not have (after a resync)."""
        snap = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        rec = models.PersonRecord.__table__
        gone: list[str] = []
        try:
            last = 0
            while True:
                rows = self._s.execute(
                    select(rec.c.id, rec.c.record_id)
                    .where(rec.c.id > last)
                    .order_by(rec.c.id)
                    .limit(900)
                ).all()
                if not rows:
                    break
                last = rows[-1][0]
                ids = [r[1] for r in rows]
                marks = ", ".join("?" * len(ids))
                have = {
                    r[0]
                    for r in snap.execute(
                        f"SELECT record_id FROM person_record WHERE record_id IN ({marks})", ids
                    )
                }
                gone += [i for i in ids if i not in have]
        finally:
            snap.close()
        self.delete_records(gone)
        return len(gone)

    def snapshot_rows(self, path: Path, after_id: int, limit: int) -> tuple[list[PersonRow], int]:
        snap = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        snap.row_factory = sqlite3.Row
        try:
            rows = snap.execute(
                "SELECT r.*, a.code AS archive, a.name AS archive_name, f.number AS fonds, "
                "f.title AS fonds_title, i.number AS inventory, u.number AS file, "
                "u.title AS file_title FROM person_record r "
                "JOIN file_unit u ON u.id = r.file_unit_id "
                "JOIN inventory i ON i.id = u.inventory_id JOIN fonds f ON f.id = i.fonds_id "
                "JOIN archive a ON a.id = f.archive_id WHERE r.id > ? ORDER BY r.id LIMIT ?",
                (after_id, limit),
            ).fetchall()
            if not rows:
                return [], after_id
            last = rows[-1]["id"]
            pay: dict[int, list[Any]] = {}
            for p in snap.execute(
                "SELECT person_record_id, pay_year, pay_month, amount, currency, sheet "
                "FROM payroll_entry WHERE person_record_id > ? AND person_record_id <= ? "
                "ORDER BY pay_year, pay_month",
                (after_id, last),
            ):
                pay.setdefault(p[0], []).append(tuple(p)[1:])
            out = [person_from_wire(person_to_wire(dict(r), pay.get(r["id"], []))) for r in rows]
            return out, last
        finally:
            snap.close()
