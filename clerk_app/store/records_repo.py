"""Bulk upsert of person records, their archival hierarchy and payroll entries.

Written for speed with the driver's executemany (the bar is ≥ 20,000 rows/s with the search
index): the archive → fonds → inventory → file hierarchy is cached per unit of work, an
unchanged row is recognised by its content hash and not written again, so re-importing the
same file changes nothing. Rows arrive as PersonRows or prepared ahead (store/rows.py).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clerk_app.core.ports import UpsertCounts
from clerk_app.core.record_detail import PayrollLine, RecordDetail
from clerk_app.core.records import PersonRow
from clerk_app.search.fold import FOLD_VERSION
from clerk_app.search.neighbours import variant_rows
from clerk_app.store import models
from clerk_app.store.rows import COLUMNS, DERIVED, PreparedRow, content_hash, prepare_row

_REC = models.PersonRecord.__table__

NAME_FIELDS = ("surname", "given_name", "patronymic", "maiden_name")


class SqlRecordRepository:
    """Hot paths use the driver's executemany directly: SQLAlchemy's per-row parameter
    processing alone cost more than the 50 µs a row the import bar allows."""

    def __init__(self, session: Session) -> None:
        self._s = session
        self._dialect = session.get_bind().dialect.name
        self._ph = "?" if self._dialect == "sqlite" else "%s"
        # hierarchy caches: key -> [id, has_title]
        self._archives: dict[object, list] = {}  # type: ignore[type-arg]
        self._fonds: dict[object, list] = {}  # type: ignore[type-arg]
        self._inventories: dict[object, list] = {}  # type: ignore[type-arg]
        self._files: dict[object, list] = {}  # type: ignore[type-arg]
        self._loaded = False
        self._by_ref: dict[tuple[str, str, str, str], int] = {}
        self._vocab: set[str] | None = None
        self._fresh: bool | None = None  # was person_record empty when this unit began?
        self._dropped: list[tuple[str, str]] = []  # indexes dropped for a bulk load
        self._payroll_seen: dict[str, tuple[int, str]] = {}

    def _sql(self, sql: str, params=None):  # type: ignore[no-untyped-def]
        """Run SQL written with '?' placeholders on the session's own driver connection (same
        transaction); a list of tuples runs executemany. Returns the cursor."""
        if self._ph != "?":
            sql = sql.replace("?", self._ph)
        cursor = self._s.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        if isinstance(params, list):
            cursor.executemany(sql, params)
        else:
            cursor.execute(sql, params or ())
        return cursor

    def _timestamp(self, now: datetime) -> object:
        # SQLAlchemy's SQLite DateTime reads exactly this text form back
        return now.strftime("%Y-%m-%d %H:%M:%S.%f") if self._dialect == "sqlite" else now

    # -- archival hierarchy ------------------------------------------------------------
    def _load_hierarchy(self) -> None:
        for code, pk, name in self._sql("SELECT code, id, name FROM archive"):
            self._archives[code] = [pk, name is not None]
        for pk, parent, number, title in self._sql(
            "SELECT id, archive_id, number, title FROM fonds"
        ):
            self._fonds[(parent, number)] = [pk, title is not None]
        for pk, parent, number in self._sql("SELECT id, fonds_id, number FROM inventory"):
            self._inventories[(parent, number)] = [pk, True]
        for pk, parent, number, title in self._sql(
            "SELECT id, inventory_id, number, title FROM file_unit"
        ):
            self._files[(parent, number)] = [pk, title is not None]
        self._loaded = True

    def _node(  # type: ignore[no-untyped-def]
        self,
        table: str,
        cache: dict,
        key,
        columns: tuple[str, ...],
        title_col: str | None,
        title: str | None,
    ) -> int:
        entry = cache.get(key)
        if entry is None:
            values = (*(key if isinstance(key, tuple) else (key,)),)
            cols = list(columns)
            if title_col:
                cols.append(title_col)
                values = (*values, title)
            marks = ", ".join("?" * len(cols))
            pk = self._sql(
                f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks}) RETURNING id", values
            ).fetchone()[0]
            entry = cache[key] = [pk, title is not None or title_col is None]
        elif title is not None and not entry[1] and title_col:
            self._sql(f"UPDATE {table} SET {title_col} = ? WHERE id = ?", (title, entry[0]))
            entry[1] = True  # fill a title an earlier import did not have
        return entry[0]

    def file_unit_id(
        self,
        ref: tuple[str, str, str, str],
        titles: tuple[str | None, str | None, str | None] | None = None,
    ) -> int:
        known = self._by_ref.get(ref)
        if known is not None and titles is None:
            return known
        if not self._loaded:
            self._load_hierarchy()
        archive_name, fonds_title, file_title = titles or (None, None, None)
        archive, fonds, inventory, file = ref
        a = self._node("archive", self._archives, archive, ("code",), "name", archive_name)
        f = self._node(
            "fonds", self._fonds, (a, fonds), ("archive_id", "number"), "title", fonds_title
        )
        i = self._node(
            "inventory", self._inventories, (f, inventory), ("fonds_id", "number"), None, None
        )
        file_id = self._node(
            "file_unit", self._files, (i, file), ("inventory_id", "number"), "title", file_title
        )
        self._by_ref[ref] = file_id
        return file_id

    # -- records -----------------------------------------------------------------------
    def _ids(self, record_ids: Sequence[str], with_hash: bool) -> dict[str, tuple[int, str]]:
        out: dict[str, tuple[int, str]] = {}
        ids = list(record_ids)
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            marks = ", ".join("?" * len(chunk))
            cols = "id, record_id, content_hash" if with_hash else "id, record_id, ''"
            for pk, rid, digest in self._sql(
                f"SELECT {cols} FROM person_record WHERE record_id IN ({marks})", tuple(chunk)
            ):
                out[rid] = (pk, digest)
        return out

    def _begin_bulk(self) -> None:
        """On the first batch: note whether the table is empty, and on SQLite then drop the
        secondary indexes for the load (rebuilt by finish(); a rollback restores them)."""
        self._fresh = self._sql("SELECT 1 FROM person_record LIMIT 1").fetchone() is None
        if self._fresh and self._dialect == "sqlite":
            # pysqlite opens the transaction only at the first DML statement, and a DROP
            # outside it would be committed at once: open it first, and check
            self._sql("DELETE FROM store_meta WHERE 0")
            if not self._s.connection().connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
                return
            self._dropped = self._sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name = 'person_record' AND sql IS NOT NULL"
            ).fetchall()
            for name, _sql in self._dropped:
                self._sql(f'DROP INDEX "{name}"')

    def finish(self) -> None:
        """Rebuild what a bulk load deferred; the unit of work calls it before committing."""
        for _name, sql in self._dropped:
            self._sql(sql)
        self._dropped = []

    def upsert_batch(self, rows: Sequence[PersonRow | PreparedRow]) -> UpsertCounts:
        """Insert new records, update changed ones, skip unchanged ones (same content hash).
        Rows may come prepared (prepare_row, e.g. by a parser process) or as PersonRows."""
        counts = UpsertCounts()
        if not rows:
            return counts
        if self._fresh is None:
            self._begin_bulk()
        prepared = [r if type(r) is tuple else prepare_row(r) for r in rows]  # type: ignore[arg-type]
        now = self._timestamp(datetime.now(UTC))
        if self._fresh:
            # an empty table at the start of this unit of work: a record_id can only repeat
            # as a further month of a payroll account this import already wrote
            seen = self._payroll_seen
            existing = {p[0]: seen[p[0]] for p in prepared if p[7] and p[0] in seen}
        else:
            existing = self._ids(list({p[0]: None for p in prepared}), with_hash=True)
        inserts: dict[str, tuple[object, ...]] = {}
        updates: dict[str, tuple[object, ...]] = {}
        new_tokens: set[str] = set()
        file_unit_id = self.file_unit_id
        for rid, ref, titles, values, digest, key, tokens, _payroll in prepared:
            if rid in inserts or rid in updates:
                continue  # a further payroll month of an account already handled in this batch
            if digest is None:
                digest = content_hash(values, ref)
            old = existing.get(rid)
            if old is not None and old[1] == digest:
                counts.unchanged += 1
                continue
            new_tokens.update(tokens.split())
            full = (*values, file_unit_id(ref, titles), key, tokens, FOLD_VERSION, digest, now)
            if old is None:
                inserts[rid] = (*full, now)
            else:
                updates[rid] = (*full, old[0])
        if inserts:
            cols = (*COLUMNS, *DERIVED, "created_at")
            defer_fts = self._dialect == "sqlite"
            last_id = self._sql("SELECT coalesce(max(id), 0) FROM person_record").fetchone()[0]
            if defer_fts:
                self._sql("INSERT INTO store_meta (key, value) VALUES ('fts_deferred', '1')")
            self._sql(
                f"INSERT INTO person_record ({', '.join(cols)}) "
                f"VALUES ({', '.join('?' * len(cols))})",
                list(inserts.values()),
            )
            if defer_fts:  # same transaction: a crash loses both the rows and their index
                self._sql(
                    "INSERT INTO person_fts (rowid, search_tokens) "
                    "SELECT id, search_tokens FROM person_record WHERE id > ?",
                    (last_id,),
                )
                self._sql("DELETE FROM store_meta WHERE key = 'fts_deferred'")
            counts.inserted += len(inserts)
        if updates:
            assignments = ", ".join(f"{c} = ?" for c in (*COLUMNS, *DERIVED))
            self._sql(
                f"UPDATE person_record SET {assignments} WHERE id = ?", list(updates.values())
            )
            counts.updated += len(updates)
        self._add_vocab(new_tokens)
        payroll_ids = list(dict.fromkeys(p[0] for p in prepared if p[7]))
        if payroll_ids:
            ids = self._ids(payroll_ids, with_hash=True)
            if self._fresh:
                self._payroll_seen.update(ids)
            counts.payroll_written += self._upsert_payroll(prepared, ids)
        return counts

    def _upsert_payroll(self, rows: Sequence[PreparedRow], ids: dict[str, tuple[int, str]]) -> int:
        """Insert or correct the months; a month already stored unchanged is left alone."""
        sqlite = self._dialect == "sqlite"
        # amounts as SQLAlchemy's Numeric stores them: float on SQLite, numeric on PostgreSQL
        entries = [
            (ids[row[0]][0], year, month, float(amount) if sqlite else amount, currency, sheet)
            for row in rows
            for year, month, amount, currency, sheet in row[7]
        ]
        if not entries:
            return 0
        self._sql(
            "INSERT INTO payroll_entry (person_record_id, pay_year, pay_month, amount, currency, "
            "sheet) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (person_record_id, pay_year, pay_month) DO UPDATE SET "
            "amount = excluded.amount, currency = excluded.currency, sheet = excluded.sheet "
            "WHERE payroll_entry.amount <> excluded.amount "
            "OR payroll_entry.currency <> excluded.currency "
            "OR payroll_entry.sheet IS DISTINCT FROM excluded.sheet",
            entries,
        )
        touched = sorted({e[0] for e in entries})
        where = "id IN (SELECT value FROM json_each(?))" if sqlite else "id = ANY(?)"
        self._sql(
            "UPDATE person_record SET "
            "period_from = (SELECT min(pay_year) FROM payroll_entry p "
            "WHERE p.person_record_id = person_record.id), "
            "period_to = (SELECT max(pay_year) FROM payroll_entry p "
            "WHERE p.person_record_id = person_record.id) "
            f"WHERE {where}",
            (json.dumps(touched) if sqlite else touched,),
        )
        return len(entries)

    def _add_vocab(self, tokens: set[str]) -> None:
        if self._vocab is None:
            self._vocab = {t for (t,) in self._sql("SELECT token FROM name_vocab")}
        new = tokens - self._vocab
        if new:
            self._sql(
                "INSERT INTO name_vocab (token) VALUES (?) ON CONFLICT DO NOTHING",
                [(t,) for t in sorted(new)],
            )
            self._sql(
                "INSERT INTO name_variant (variant, token) VALUES (?, ?) ON CONFLICT DO NOTHING",
                variant_rows(sorted(new)),
            )
            self._vocab |= new

    def count(self) -> int:
        return self._s.execute(select(func.count()).select_from(_REC)).scalar_one()

    def detail(self, record_id: str) -> RecordDetail | None:
        r, f, i, fo, a = (
            models.PersonRecord,
            models.FileUnit,
            models.Inventory,
            models.Fonds,
            models.Archive,
        )
        row = self._s.execute(
            select(r, f.number, f.title, i.number, fo.number, fo.title, a.code, a.name)
            .join(f, f.id == r.file_unit_id)
            .join(i, i.id == f.inventory_id)
            .join(fo, fo.id == i.fonds_id)
            .join(a, a.id == fo.archive_id)
            .where(r.record_id == record_id)
        ).first()
        if row is None:
            return None
        rec, file_no, file_title, inv_no, fonds_no, fonds_title, archive, archive_name = row
        pay = models.PayrollEntry
        payroll = tuple(
            PayrollLine(p.pay_year, p.pay_month, p.amount, p.currency, p.sheet)
            for p in self._s.execute(
                select(pay)
                .where(pay.person_record_id == rec.id)
                .order_by(pay.pay_year, pay.pay_month)
            ).scalars()
        )
        return RecordDetail(
            record_id=rec.record_id,
            record_type=rec.record_type,
            surname=rec.surname,
            given_name=rec.given_name,
            patronymic=rec.patronymic,
            maiden_name=rec.maiden_name,
            gender=rec.gender,
            script=rec.script,
            translit_system=rec.translit_system,
            birth_date=rec.birth_date,
            archive=archive,
            archive_name=archive_name,
            fonds=fonds_no,
            fonds_title=fonds_title,
            inventory=inv_no,
            file=file_no,
            file_title=file_title,
            sheets=rec.sheets,
            enterprise=rec.enterprise,
            position=rec.position,
            hired_date=rec.hired_date,
            hired_order=rec.hired_order,
            dismissed_date=rec.dismissed_date,
            dismissed_order=rec.dismissed_order,
            event_date=rec.event_date,
            event_place=rec.event_place,
            spouse_name=rec.spouse_name,
            address=rec.address,
            resided_from=rec.resided_from,
            resided_to=rec.resided_to,
            note=rec.note,
            period_from=rec.period_from,
            period_to=rec.period_to,
            payroll=payroll,
        )
