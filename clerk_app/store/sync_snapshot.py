"""The catalogue snapshot: a plain SQLite file with the catalogue tables as of one cursor.

The office server writes it from one consistent read (REPEATABLE READ on PostgreSQL, one read
transaction on SQLite) together with the catalogue cursor that read corresponds to; the
workstation copies it in chunks of person ids, each chunk one local transaction (so an
interrupted copy resumes), then pulls the change log from that cursor.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, text

from clerk_app.search.fold import FOLD_VERSION
from clerk_app.store import models
from clerk_app.store.sync_codec import kinds
from clerk_app.sync.entities import CATALOGUE, CATALOGUE_TABLES
from clerk_app.sync.protocol import Cursor

FORMAT = 1
PARTITION = 20_000


def columns(name: str) -> list[str]:
    return [c.name for c in models.Base.metadata.tables[name].columns]


def current_cursor(conn: Connection, stream: str) -> Cursor:
    """The cursor that everything this transaction sees is complete up to."""
    if conn.dialect.name == "postgresql":
        xmin = conn.execute(
            text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
        ).scalar_one()
        return Cursor(int(xmin), 0)
    seq = conn.execute(
        text("SELECT coalesce(max(seq), 0) FROM change_log WHERE stream = :s"), {"s": stream}
    ).scalar_one()
    return Cursor(0, int(seq))


def scope_clause(scope: Sequence[str], params: dict[str, object]) -> str:
    """SQL over aliases a (archive) and f (fonds): ARCHIVE or ARCHIVE/FONDS entries."""
    if not scope:
        return "1 = 1"
    parts = []
    for i, item in enumerate(scope):
        code, _, fonds = item.partition("/")
        params[f"sa{i}"] = code
        if fonds:
            params[f"sf{i}"] = fonds
            parts.append(f"(a.code = :sa{i} AND f.number = :sf{i})")
        else:
            parts.append(f"a.code = :sa{i}")
    return "(" + " OR ".join(parts) + ")"


def _column_sql(table: str, column: str, alias: str, dialect: str) -> str:
    """PostgreSQL values as the text SQLite (and SQLAlchemy's SQLite types) keep, converted
    by the server rather than one Python call per value."""
    ref = f"{alias}.{column}"
    if dialect != "postgresql":
        return ref
    kind = kinds(table)[column]
    if kind == "datetime":
        return f"to_char({ref} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
    if kind in ("decimal", "date"):
        return f"{ref}::text"
    return ref


def _selects(scope: Sequence[str], dialect: str) -> tuple[dict[str, str], dict[str, object]]:
    params: dict[str, object] = {}
    where = scope_clause(scope, params)
    cols = lambda t, alias: ", ".join(  # noqa: E731
        _column_sql(t, c, alias, dialect) for c in columns(t)
    )
    hier = (
        "FROM archive a JOIN fonds f ON f.archive_id = a.id "
        "JOIN inventory i ON i.fonds_id = f.id JOIN file_unit u ON u.inventory_id = i.id "
    )
    if not scope:  # the whole catalogue: no joins
        return {t: f"SELECT {cols(t, 't')} FROM {t} t ORDER BY t.id" for t in CATALOGUE_TABLES}, {}
    return {
        "archive": f"SELECT {cols('archive', 'a')} FROM archive a WHERE a.id IN "
        f"(SELECT a.id FROM archive a JOIN fonds f ON f.archive_id = a.id WHERE {where}) "
        "ORDER BY a.id",
        "fonds": f"SELECT {cols('fonds', 'f')} FROM fonds f JOIN archive a ON a.id = f.archive_id "
        f"WHERE {where} ORDER BY f.id",
        "inventory": f"SELECT {cols('inventory', 'i')} FROM inventory i "
        f"JOIN fonds f ON f.id = i.fonds_id JOIN archive a ON a.id = f.archive_id "
        f"WHERE {where} ORDER BY i.id",
        "file_unit": f"SELECT {cols('file_unit', 'u')} {hier}WHERE {where} ORDER BY u.id",
        "person_record": f"SELECT {cols('person_record', 'r')} {hier}"
        f"JOIN person_record r ON r.file_unit_id = u.id WHERE {where} ORDER BY r.id",
        "payroll_entry": f"SELECT {cols('payroll_entry', 'p')} {hier}"
        "JOIN person_record r ON r.file_unit_id = u.id "
        f"JOIN payroll_entry p ON p.person_record_id = r.id WHERE {where} ORDER BY p.id",
    }, params


def _stream(conn: Connection, sql: str, params: dict[str, object]) -> Iterator[list[Any]]:
    """Rows in partitions straight from the driver: a server-side cursor on PostgreSQL, so
    the server's memory stays flat whatever the catalogue's size."""
    compiled = text(sql).compile(dialect=conn.dialect)
    raw_params = compiled.construct_params(params)
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    if conn.dialect.name == "postgresql":
        cur = dbapi.cursor(name=f"snapshot_{abs(hash(sql))}")  # type: ignore[call-arg]
    else:
        cur = dbapi.cursor()
    try:
        cur.execute(str(compiled), raw_params)
        while True:
            part = cur.fetchmany(PARTITION)
            if not part:
                return
            yield part
    finally:
        cur.close()


def build(
    engine: Engine,
    dest_gz: Path,
    scope: Sequence[str],
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, Any]:
    """Write the catalogue (limited to `scope`) as a gzip'd SQLite file; returns its facts."""
    raw = dest_gz.with_suffix(".build")
    raw.unlink(missing_ok=True)
    out = sqlite3.connect(raw)
    out.execute("PRAGMA journal_mode=OFF")
    out.execute("PRAGMA synchronous=OFF")
    counts: dict[str, int] = {}
    with engine.connect() as conn:
        dialect = conn.dialect.name
        selects, params = _selects(scope, dialect)
        if dialect == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            if dialect == "sqlite":
                conn.exec_driver_sql("BEGIN")  # pysqlite would read each SELECT on its own
            cursor = current_cursor(conn, CATALOGUE)
            for table in CATALOGUE_TABLES:
                cols = columns(table)
                decl = ", ".join(f"{c} INTEGER PRIMARY KEY" if c == "id" else c for c in cols)
                out.execute(f"CREATE TABLE {table} ({decl})")
                insert = f"INSERT INTO {table} VALUES ({', '.join('?' * len(cols))})"
                n = 0
                for part in _stream(conn, selects[table], params):
                    out.executemany(insert, part)
                    n += len(part)
                    if progress:
                        progress(table, n)
                counts[table] = n
    out.execute("CREATE INDEX ix_payroll_person ON payroll_entry (person_record_id)")
    out.execute("CREATE INDEX ix_person_record_id ON person_record (record_id)")
    max_id = out.execute("SELECT coalesce(max(id), 0) FROM person_record").fetchone()[0]
    meta = {
        "format": FORMAT,
        "cursor": cursor.encode(),
        "fold_version": FOLD_VERSION,
        "scope": list(scope),
        "counts": counts,
        "rows": counts["person_record"],
        "max_id": max_id,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    out.execute("CREATE TABLE snapshot_meta (key TEXT PRIMARY KEY, value TEXT)")
    out.executemany("INSERT INTO snapshot_meta VALUES (?, ?)", [("meta", json.dumps(meta))])
    out.commit()
    out.close()
    digest = hashlib.sha256()
    tmp = dest_gz.with_suffix(".gzpart")
    with raw.open("rb") as src, tmp.open("wb") as sink:
        hashing = _HashingWriter(sink, digest)
        with gzip.GzipFile(fileobj=hashing, mode="wb", compresslevel=1, mtime=0) as gz:
            shutil.copyfileobj(src, gz, 1 << 20)
        sink.flush()
        os.fsync(sink.fileno())
    raw.unlink()
    tmp.replace(dest_gz)
    meta["size"] = dest_gz.stat().st_size
    meta["sha256"] = digest.hexdigest()
    return meta


class _HashingWriter:
    def __init__(self, sink, digest) -> None:  # type: ignore[no-untyped-def]
        self._sink = sink
        self._digest = digest

    def write(self, data: bytes) -> int:
        self._digest.update(data)
        return self._sink.write(data)

    def flush(self) -> None:
        self._sink.flush()


def read_meta(path: Path) -> dict[str, Any]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM snapshot_meta WHERE key = 'meta'").fetchone()
    finally:
        conn.close()
    return json.loads(row[0])
