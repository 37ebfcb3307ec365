"""Shared fixtures: a fresh database per test, on SQLite and on PostgreSQL.

PostgreSQL: the server on 127.0.0.1:5432 (or $CLERK_TEST_PG_ADMIN) when reachable; otherwise
a throwaway cluster started with pytest-postgresql, so a newcomer's machine runs the same suite.
Each test gets its own database cloned from a migrated template (fast, isolated).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from clerk_app.store.database import open_database

pytest_plugins = ["card_fixtures"]  # pcscd + vpcd + virtual ID cards

ADMIN_URL = os.environ.get("CLERK_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")

# New workstation databases are encrypted by default; without an OS key store (CI) the data key
# is wrapped with this passphrase. Tests of the no-key path delete it with monkeypatch.
TEST_DB_PASSPHRASE = "test passphrase of the clerk suite"
os.environ.setdefault("CLERK_DB_PASSPHRASE", TEST_DB_PASSPHRASE)


def _reachable(url: str) -> bool:
    try:
        with psycopg.connect(url, connect_timeout=3):
            return True
    except psycopg.Error:
        return False


@pytest.fixture(scope="session")
def pg_admin_url(request: pytest.FixtureRequest) -> str:
    if _reachable(ADMIN_URL):
        return ADMIN_URL
    proc = request.getfixturevalue("clerk_postgresql_proc")
    return f"postgresql://{proc.user}@{proc.host}:{proc.port}/postgres"


try:  # the fallback cluster is only started when requested above
    from pytest_postgresql import factories

    clerk_postgresql_proc = factories.postgresql_proc(port=None)
except ImportError:  # pragma: no cover
    pass


def _admin(url: str, sql: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


def _db_url(admin_url: str, name: str) -> str:
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_template(pg_admin_url: str) -> Iterator[str]:
    name = f"clerk_tpl_{uuid.uuid4().hex[:8]}"
    _admin(pg_admin_url, f"CREATE DATABASE {name}")
    engine = open_database(_db_url(pg_admin_url, name))
    engine.dispose()
    yield name
    _admin(pg_admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url(pg_admin_url: str, pg_template: str) -> Iterator[str]:
    name = f"clerk_t_{uuid.uuid4().hex[:10]}"
    _admin(pg_admin_url, f"CREATE DATABASE {name} TEMPLATE {pg_template}")
    yield _db_url(pg_admin_url, name)
    _admin(pg_admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path) -> str:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'clerk.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = open_database(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def clerk_home(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """An isolated data home, so no test touches the user's real data folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("CLERK_HOME", str(home))
    monkeypatch.delenv("CLERK_DB", raising=False)
    return home
