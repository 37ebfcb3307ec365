"""Engine creation and schema migration for the embedded SQLite and the PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

MIGRATIONS = Path(__file__).with_name("migrations")


def normalise_url(url: str) -> str:
    """Let people write postgresql://…; we always drive PostgreSQL through psycopg 3."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")  # readers never wait on the importer
    cur.execute("PRAGMA synchronous=NORMAL")  # durable at checkpoints, consistent always
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA cache_size=-65536")  # 64 MB page cache
    cur.close()
    # SQLite's lower() folds ASCII only; filters on Cyrillic text need the real thing
    dbapi_connection.create_function(
        "casefold", 1, lambda s: s.casefold() if isinstance(s, str) else s, deterministic=True
    )


def make_engine(url: str, key: str | None = None, pool_size: int | None = None) -> Engine:
    """An engine for `url`; with `key` (a SQLCipher key literal) the SQLite file is encrypted.

    Encrypted files go through the sqlcipher3 driver (SQLCipher 4, bundled SQLite with FTS5 and
    JSON1): each new connection gets `PRAGMA key` before anything else touches the file, then
    the usual pragmas (WAL included). A wrong key raises AtRestRefused(WRONG_KEY).

    `pool_size` (PostgreSQL): connections kept open; a server sets it to its thread count,
    because overflow connections are closed on return and reopened (measured on the office
    server: reconnect churn under 16 concurrent senders).
    """
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = make_url(url).database
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        if key is not None:
            if not path or path == ":memory:":
                raise ValueError("an encrypted database needs a file")
            from clerk_app.store.sqlcipher import connect_encrypted, dbapi

            engine = create_engine(
                url, creator=lambda: connect_encrypted(Path(path), key), module=dbapi()
            )
        else:
            engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if pool_size is not None:
        return create_engine(
            url, pool_pre_ping=True, pool_size=pool_size, max_overflow=pool_size // 2
        )
    return create_engine(url, pool_pre_ping=True)


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision; a no-op when it already is."""
    if schema_is_current(engine):
        return
    command.upgrade(alembic_config(engine), "head")
    from clerk_app.store.sync_capture import refresh_capture

    refresh_capture(engine)  # a migrated synced table needs its capture triggers rebuilt


def schema_is_current(engine: Engine) -> bool:
    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision() == head


def open_database(url: str, key: str | None = None) -> Engine:
    engine = make_engine(url, key)
    upgrade(engine)
    return engine
