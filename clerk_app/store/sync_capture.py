"""Change capture by database triggers, installed per role of the database.

- workstation (SQLite): every insert, update and delete of a synced data table writes a
  `sync_outbox` row with the whole old and new row as JSON, in the change's own transaction —
  whichever code path made the change. Applying pulled rows sets `store_meta.sync_applying`
  inside its transaction, which the triggers skip.
- hub (the office server, PostgreSQL or SQLite): every change of a synced table, data or
  catalogue, writes a `change_log` row with the row's key, its version and the transaction id;
  the push handler names the origin device and HLC for the rows it writes.

Triggers list the columns, so they are rebuilt after every migration (`refresh_capture`).
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, text

from clerk_app.store.sync_codec import kinds
from clerk_app.sync.entities import CATALOGUE, DATA_ENTITIES, PERSON_RECORD, EntitySpec

PREFIX = "clerk_sync_"
WORKSTATION = "workstation"
HUB = "hub"
ROLE_KEY = "sync_role"
REVISION_KEY = "sync_capture_rev"
APPLYING_KEY = "sync_applying"
ORIGIN_DEVICE_KEY = "sync_origin_device"
ORIGIN_HLC_KEY = "sync_origin_hlc"


class RoleError(RuntimeError):
    """A database can be a workstation or a hub, not both; workstations are SQLite."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _sqlite_value(table: str, column: str, ref: str) -> str:
    return f"hex({ref}.{column})" if kinds(table)[column] == "bytes" else f"{ref}.{column}"


def _json_row(spec: EntitySpec, ref: str) -> str:
    parts = ", ".join(f"'{c}', {_sqlite_value(spec.name, c, ref)}" for c in kinds(spec.name))
    return f"json_object({parts})"


def _sqlite_key(spec: EntitySpec, ref: str) -> str:
    if len(spec.key) == 1:
        return f"CAST({ref}.{spec.key[0]} AS TEXT)"
    return f"json_array({', '.join(f'{ref}.{c}' for c in spec.key)})"


def _pg_key(spec: EntitySpec, ref: str) -> str:
    if len(spec.key) == 1:
        return f"{ref}.{spec.key[0]}::text"
    return f"json_build_array({', '.join(f'{ref}.{c}' for c in spec.key)})::text"


_NOT_APPLYING = f"NOT EXISTS (SELECT 1 FROM store_meta WHERE key = '{APPLYING_KEY}')"
_SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"


def workstation_sql(spec: EntitySpec) -> list[str]:
    t = spec.name
    ver = lambda ref: f"{ref}.{spec.version}" if spec.version else "NULL"  # noqa: E731
    cols = (
        "(entity, entity_id, op, base_version, new_version, old, new, created_at, state, attempts)"
    )
    return [
        f"CREATE TRIGGER {PREFIX}{t}_ai AFTER INSERT ON {t} WHEN {_NOT_APPLYING} BEGIN "
        f"INSERT INTO sync_outbox {cols} VALUES ('{t}', {_sqlite_key(spec, 'NEW')}, 'I', NULL, "
        f"{ver('NEW')}, NULL, {_json_row(spec, 'NEW')}, {_SQLITE_NOW}, 'pending', 0); END",
        f"CREATE TRIGGER {PREFIX}{t}_au AFTER UPDATE ON {t} WHEN {_NOT_APPLYING} BEGIN "
        f"INSERT INTO sync_outbox {cols} VALUES ('{t}', {_sqlite_key(spec, 'NEW')}, 'U', "
        f"{ver('OLD')}, {ver('NEW')}, {_json_row(spec, 'OLD')}, {_json_row(spec, 'NEW')}, "
        f"{_SQLITE_NOW}, 'pending', 0); END",
        f"CREATE TRIGGER {PREFIX}{t}_ad AFTER DELETE ON {t} WHEN {_NOT_APPLYING} BEGIN "
        f"INSERT INTO sync_outbox {cols} VALUES ('{t}', {_sqlite_key(spec, 'OLD')}, 'D', "
        f"{ver('OLD')}, NULL, {_json_row(spec, 'OLD')}, NULL, {_SQLITE_NOW}, 'pending', 0); END",
    ]


def seed_outbox_sql(spec: EntitySpec) -> str:
    """Existing rows as inserts: what a workstation had before it enrolled reaches the hub."""
    t = spec.name
    ver = f"{t}.{spec.version}" if spec.version else "NULL"
    return (
        "INSERT INTO sync_outbox (entity, entity_id, op, base_version, new_version, old, new, "
        f"created_at, state, attempts) SELECT '{t}', {_sqlite_key(spec, t)}, 'I', NULL, {ver}, "
        f"NULL, {_json_row(spec, t)}, {_SQLITE_NOW}, 'pending', 0 FROM {t}"
    )


_LOG_COLS = "(txid, stream, entity, entity_id, op, row_version, origin_device, hlc, at)"
_SQLITE_ORIGIN = (
    f"(SELECT value FROM store_meta WHERE key = '{ORIGIN_DEVICE_KEY}'), "
    f"(SELECT value FROM store_meta WHERE key = '{ORIGIN_HLC_KEY}')"
)
_PG_ORIGIN = (
    "nullif(current_setting('clerk.origin_device', true), ''), "
    "nullif(current_setting('clerk.origin_hlc', true), '')"
)
_PG_TXID = "pg_current_xact_id()::text::bigint"


def hub_sqlite_sql(spec: EntitySpec) -> list[str]:
    t, stream = spec.name, spec.stream
    ver = lambda ref: f"{ref}.{spec.version}" if spec.version else "NULL"  # noqa: E731
    out = []
    for suffix, event, ref, op in (
        ("ai", "INSERT", "NEW", "I"),
        ("au", "UPDATE", "NEW", "U"),
        ("ad", "DELETE", "OLD", "D"),
    ):
        out.append(
            f"CREATE TRIGGER {PREFIX}{t}_{suffix} AFTER {event} ON {t} BEGIN "
            f"INSERT INTO change_log {_LOG_COLS} VALUES (0, '{stream}', '{t}', "
            f"{_sqlite_key(spec, ref)}, '{op}', {ver(ref) if op != 'D' else 'NULL'}, "
            f"{_SQLITE_ORIGIN}, {_SQLITE_NOW}); END"
        )
    return out


def hub_pg_sql(spec: EntitySpec) -> list[str]:
    t, stream = spec.name, spec.stream
    fn = f"{PREFIX}{t}_log"
    ver = lambda ref: f"{ref}.{spec.version}" if spec.version else "NULL"  # noqa: E731
    return [
        f"CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP = 'DELETE' THEN INSERT INTO change_log {_LOG_COLS} VALUES ({_PG_TXID}, "
        f"'{stream}', '{t}', {_pg_key(spec, 'OLD')}, 'D', NULL, {_PG_ORIGIN}, now()); "
        f"RETURN OLD; END IF; INSERT INTO change_log {_LOG_COLS} VALUES ({_PG_TXID}, "
        f"'{stream}', '{t}', {_pg_key(spec, 'NEW')}, left(TG_OP, 1), {ver('NEW')}, "
        f"{_PG_ORIGIN}, now()); RETURN NEW; END $$",
        f"CREATE TRIGGER {PREFIX}{t} AFTER INSERT OR UPDATE OR DELETE ON {t} "
        f"FOR EACH ROW EXECUTE FUNCTION {fn}()",
    ]


def hub_catalogue_sqlite_sql() -> list[str]:
    """Person records only: a payroll change reaches the log through its record, whose period
    the import path updates with every payroll write (a test guards that)."""
    return hub_sqlite_sql(PERSON_RECORD)


def hub_catalogue_pg_sql() -> list[str]:
    """Statement-level triggers with transition tables: one INSERT … SELECT per statement,
    not a function call per row (a 1M-record import stays a bulk operation)."""
    out = []
    for event, table_ref, op, source in (
        ("INSERT", "NEW TABLE AS changed", "I", "person_record"),
        ("UPDATE", "NEW TABLE AS changed", "U", "person_record"),
        ("DELETE", "OLD TABLE AS changed", "D", "person_record"),
    ):
        fn = f"{PREFIX}{source}_{event.lower()}_log"
        select = "SELECT record_id FROM changed"
        out += [
            f"CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"INSERT INTO change_log {_LOG_COLS} SELECT {_PG_TXID}, '{CATALOGUE}', "
            f"'person_record', k.record_id, '{op}', NULL, {_PG_ORIGIN}, now() FROM ({select}) k; "
            "RETURN NULL; END $$",
            f"CREATE TRIGGER {PREFIX}{source}_{event.lower()} AFTER {event} ON {source} "
            f"REFERENCING {table_ref} FOR EACH STATEMENT EXECUTE FUNCTION {fn}()",
        ]
    return out


def _drop_all(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        names = conn.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE :p"),
            {"p": f"{PREFIX}%"},
        ).scalars()
        for name in list(names):
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        return
    rows = conn.execute(
        text(
            "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE NOT t.tgisinternal AND t.tgname LIKE :p"
        ),
        {"p": f"{PREFIX}%"},
    ).all()
    for name, rel in rows:
        conn.execute(text(f'DROP TRIGGER IF EXISTS "{name}" ON "{rel}"'))


def _meta(conn: Connection, key: str) -> str | None:
    return conn.execute(
        text("SELECT value FROM store_meta WHERE key = :k"), {"k": key}
    ).scalar_one_or_none()


def _set_meta(conn: Connection, key: str, value: str) -> None:
    conn.execute(text("DELETE FROM store_meta WHERE key = :k"), {"k": key})
    conn.execute(
        text("INSERT INTO store_meta (key, value) VALUES (:k, :v)"), {"k": key, "v": value}
    )


def _head(conn: Connection) -> str:
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()


def role(conn: Connection) -> str | None:
    return _meta(conn, ROLE_KEY)


def install(conn: Connection, wanted: str, seed_outbox: bool = False) -> None:
    """Make this database a workstation or a hub and (re)build its triggers, in the caller's
    transaction. Refuses to turn one role into the other."""
    dialect = conn.dialect.name
    if dialect == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(7212001)"))  # several workers start
    else:  # pysqlite opens its transaction at the first DML: make the DDL below part of it
        conn.execute(text("UPDATE store_meta SET value = value WHERE key = :k"), {"k": ROLE_KEY})
    current = role(conn)
    if current is not None and current != wanted:
        raise RoleError(f"already_{current}")
    if wanted == WORKSTATION and dialect != "sqlite":
        raise RoleError("workstation_needs_sqlite")
    _drop_all(conn)
    statements: list[str] = []
    if wanted == WORKSTATION:
        for spec in DATA_ENTITIES.values():
            if spec.pushable:
                statements += workstation_sql(spec)
    elif dialect == "sqlite":
        for spec in DATA_ENTITIES.values():
            statements += hub_sqlite_sql(spec)
        statements += hub_catalogue_sqlite_sql()
    else:
        for spec in DATA_ENTITIES.values():
            statements += hub_pg_sql(spec)
        statements += hub_catalogue_pg_sql()
    for sql in statements:
        conn.execute(text(sql))
    if seed_outbox and wanted == WORKSTATION:
        for spec in DATA_ENTITIES.values():
            if spec.pushable:
                conn.execute(text(seed_outbox_sql(spec)))
    _set_meta(conn, ROLE_KEY, wanted)
    _set_meta(conn, REVISION_KEY, _head(conn))


def refresh_capture(engine: Engine) -> None:
    """After a migration: rebuild the triggers of a database that has a sync role (a batch
    migration that recreates a table drops its triggers, and new columns must be listed)."""
    with engine.begin() as conn:
        current = role(conn)
        if current is None or _meta(conn, REVISION_KEY) == _head(conn):
            return
        install(conn, current)


def ensure_hub(engine: Engine) -> None:
    with engine.begin() as conn:
        if role(conn) == HUB and _meta(conn, REVISION_KEY) == _head(conn):
            return
        install(conn, HUB)
