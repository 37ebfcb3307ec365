"""Bulk upsert of person records, their archival hierarchy and payroll entries.

Written for speed with SQLAlchemy Core executemany (the bar is ≥ 20,000 rows/s with the
search index): the archive → fonds → inventory → file hierarchy is cached per unit of work, an
unchanged row is recognised by its content hash and not written again, so re-importing the
same file changes nothing.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from clerk_app.core.ports import UpsertCounts
from clerk_app.core.records import PartialDate, PersonRow
from clerk_app.search.fold import FOLD_VERSION, name_key, search_tokens
from clerk_app.store import models

_REC = models.PersonRecord.__table__
_PAY = models.PayrollEntry.__table__
_VOCAB = models.NameVocab.__table__

NAME_FIELDS = ("surname", "given_name", "patronymic", "maiden_name")

VOCAB_STAMP = "vocab_stamp"  # store_meta key, changed whenever name_vocab changes
# Run in the transaction that changes name_vocab, so running searches reload their vocabulary.
BUMP_VOCAB_STAMP = (
    "INSERT INTO store_meta (key, value) VALUES ('vocab_stamp', '1') ON CONFLICT (key) "
    "DO UPDATE SET value = CAST(CAST(store_meta.value AS INTEGER) + 1 AS TEXT)"
)


_ISO: dict[PartialDate, str] = {}


def _iso(d: PartialDate | None) -> str | None:
    if d is None:
        return None
    text = _ISO.get(d)
    if text is None:
        if len(_ISO) > 100_000:
            _ISO.clear()
        text = _ISO[d] = d.iso()
    return text


@lru_cache(maxsize=1 << 18)
def search_keys(
    surname: str, given: str | None, patr: str | None, maiden: str | None
) -> tuple[str, str]:
    """(name_key with '|' between fields, space-joined index tokens)."""
    key = "|".join(name_key(f) for f in (surname, given, patr, maiden))
    return key, search_tokens(surname, given, patr, maiden)


def _period(row: PersonRow) -> tuple[int | None, int | None]:
    years = [
        d.year
        for d in (
            row.hired_date,
            row.dismissed_date,
            row.event_date,
            row.resided_from,
            row.resided_to,
        )
        if d is not None
    ]
    years += [e.year for e in row.payroll]
    return (min(years), max(years)) if years else (None, None)


# person_record columns a row provides, in the order record_values() returns them; the two
# period columns come last because a payroll account's period grows over many rows and is
# therefore kept out of the content hash
COLUMNS = (
    "record_id", "record_type", "sheets", "sheet_first", "sheet_last", "surname", "given_name",
    "patronymic", "maiden_name", "gender", "script", "translit_system", "birth_date",
    "birth_year", "enterprise", "position", "hired_date", "hired_order", "dismissed_date",
    "dismissed_order", "event_date", "event_place", "spouse_name", "address", "resided_from",
    "resided_to", "note", "period_from", "period_to",
)  # fmt: skip
DERIVED = (
    "file_unit_id",
    "name_key",
    "search_tokens",
    "fold_version",
    "content_hash",
    "updated_at",
)


def record_values(row: PersonRow) -> tuple[object, ...]:
    """The person_record values of a row in COLUMNS order."""
    ref = row.reference
    sheets = ref.sheets
    birth = row.birth_date
    return (
        row.record_id, str(row.record_type), sheets.text, sheets.first, sheets.last,
        row.surname, row.given_name, row.patronymic, row.maiden_name, row.gender,
        str(row.script), row.translit_system, _iso(birth), birth.year if birth else None,
        row.enterprise, row.position, _iso(row.hired_date), row.hired_order,
        _iso(row.dismissed_date), row.dismissed_order, _iso(row.event_date), row.event_place,
        row.spouse_name, row.address, _iso(row.resided_from), _iso(row.resided_to), row.note,
        *_period(row),
    )  # fmt: skip


def _content_hash(values: tuple[object, ...], row: PersonRow) -> str:
    ref = row.reference
    # pickle of str/int/None tuples is deterministic across runs, and C-fast
    data = pickle.dumps((values[:-2], ref.archive, ref.fonds, ref.inventory, ref.file), 5)
    return hashlib.blake2b(data, digest_size=16).hexdigest()


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

    def _dialect_insert(self, table):  # type: ignore[no-untyped-def]
        return (postgresql.insert if self._dialect == "postgresql" else sqlite.insert)(table)

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

    def file_unit_id(self, row: PersonRow) -> int:
        ref = row.reference
        full = (ref.archive, ref.fonds, ref.inventory, ref.file)
        known = self._by_ref.get(full)
        if known is not None and not (row.archive_name or row.fonds_title or row.file_title):
            return known
        if not self._loaded:
            self._load_hierarchy()
        a = self._node("archive", self._archives, ref.archive, ("code",), "name", row.archive_name)
        f = self._node(
            "fonds", self._fonds, (a, ref.fonds), ("archive_id", "number"), "title",
            row.fonds_title,
        )  # fmt: skip
        i = self._node(
            "inventory", self._inventories, (f, ref.inventory), ("fonds_id", "number"), None, None
        )
        file_id = self._node(
            "file_unit", self._files, (i, ref.file), ("inventory_id", "number"), "title",
            row.file_title,
        )  # fmt: skip
        self._by_ref[full] = file_id
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

    def upsert_batch(self, rows: Sequence[PersonRow]) -> UpsertCounts:
        counts = UpsertCounts()
        if not rows:
            return counts
        now = self._timestamp(datetime.now(UTC))
        existing = self._ids(list({r.record_id: None for r in rows}), with_hash=True)
        inserts: dict[str, tuple[object, ...]] = {}
        updates: dict[str, tuple[object, ...]] = {}
        new_tokens: set[str] = set()
        for row in rows:
            if row.record_id in inserts or row.record_id in updates:
                continue  # a further payroll month of an account already handled in this batch
            values = record_values(row)
            digest = _content_hash(values, row)
            old = existing.get(row.record_id)
            if old is not None and old[1] == digest:
                counts.unchanged += 1
                continue
            key, tokens = search_keys(row.surname, row.given_name, row.patronymic, row.maiden_name)
            new_tokens.update(tokens.split())
            full = (*values, self.file_unit_id(row), key, tokens, FOLD_VERSION, digest, now)
            if old is None:
                inserts[row.record_id] = (*full, now)
            else:
                updates[row.record_id] = (*full, old[0])
        if inserts:
            cols = (*COLUMNS, *DERIVED, "created_at")
            defer_fts = self._dialect == "sqlite"
            if defer_fts:
                last_id = self._sql("SELECT coalesce(max(id), 0) FROM person_record").fetchone()[0]
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
        payroll_ids = [r.record_id for r in rows if r.payroll]
        if payroll_ids:
            ids = self._ids(list(dict.fromkeys(payroll_ids)), with_hash=False)
            counts.payroll_written += self._upsert_payroll(rows, ids)
        return counts

    def _upsert_payroll(self, rows: Sequence[PersonRow], ids: dict[str, tuple[int, str]]) -> int:
        entries = [
            {
                "person_record_id": ids[row.record_id][0],
                "pay_year": e.year,
                "pay_month": e.month,
                "amount": e.amount,
                "currency": str(e.currency),
                "sheet": e.sheet,
            }
            for row in rows
            for e in row.payroll
        ]
        if not entries:
            return 0
        stmt = self._dialect_insert(_PAY)
        ex = stmt.excluded
        stmt = stmt.on_conflict_do_update(
            index_elements=["person_record_id", "pay_year", "pay_month"],
            set_={"amount": ex.amount, "currency": ex.currency, "sheet": ex.sheet},
            where=(_PAY.c.amount != ex.amount)
            | (_PAY.c.currency != ex.currency)
            | _PAY.c.sheet.is_distinct_from(ex.sheet),
        )
        self._s.execute(stmt, entries)
        touched = {e["person_record_id"] for e in entries}
        lo = select(func.min(_PAY.c.pay_year)).where(_PAY.c.person_record_id == _REC.c.id)
        hi = select(func.max(_PAY.c.pay_year)).where(_PAY.c.person_record_id == _REC.c.id)
        self._s.execute(
            update(_REC)
            .where(_REC.c.id.in_(touched))
            .values(period_from=lo.scalar_subquery(), period_to=hi.scalar_subquery())
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
            self._sql(BUMP_VOCAB_STAMP)
            self._vocab |= new

    def count(self) -> int:
        return self._s.execute(select(func.count()).select_from(_REC)).scalar_one()
