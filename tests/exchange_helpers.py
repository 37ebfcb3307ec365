"""Fixtures for the exchange tests: two municipalities (Narva, Ivangorod) with their own PKIs,
each with a real office server (`clerk serve` subprocess, TLS on 127.0.0.1, PostgreSQL) and a
workstation (SQLite data home) driven through the `clerk` CLI."""

from __future__ import annotations

import contextlib
import io
import json
import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from clerk_app.cli import main
from clerk_app.core.settings import Settings, save_settings
from clerk_testkit.exchange import Office, ServerProcess, write_server_config

NARVA = "EE-75039664"
IVANGOROD = "RU-4707012345"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def clerk(*argv: str) -> tuple[int, str, str]:
    """Run the `clerk` CLI in-process; (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def must(*argv: str) -> str:
    code, out, err = clerk(*argv)
    assert code == 0, f"clerk {' '.join(argv)} → {code}\n{out}\n{err}"
    return out


@pytest.fixture
def pg_url2(pg_admin_url: str, pg_template: str) -> Iterator[str]:
    """A second fresh PostgreSQL database (the second office server)."""
    from sqlalchemy.engine import make_url

    name = f"clerk_t_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {pg_template}")
    yield make_url(pg_admin_url).set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@dataclass
class Site:
    """One municipality in a test: its office server and one workstation."""

    office: Office
    folder: Path
    config: Path
    server: ServerProcess
    db_url: str
    home: Path
    partner_port: int
    workstation_port: int

    def cli(self, *argv: str) -> tuple[int, str, str]:
        return clerk("--home", str(self.home), *argv)

    def must(self, *argv: str) -> str:
        return must("--home", str(self.home), *argv)

    def enrol(self, name: str = "W1") -> None:
        token = must("server", "enrol-token", "--config", str(self.config), name).split()[-1]
        own = self.folder / "own"
        self.must(
            "exchange",
            "enrol",
            "--server",
            f"https://127.0.0.1:{self.workstation_port}",
            "--ca",
            str(own / "ca.pem"),
            "--token",
            token,
            "--client-cert",
            str(own / "client.pem"),
            "--client-key",
            str(own / "client.key"),
        )

    def outbox(self) -> list[dict]:  # type: ignore[type-arg]
        return json.loads(self.must("outbox", "list", "--json"))  # type: ignore[no-any-return]

    def inbox(self) -> list[dict]:  # type: ignore[type-arg]
        return json.loads(self.must("inbox", "list", "--json"))  # type: ignore[no-any-return]


def make_site(
    tmp: Path,
    office: Office,
    partners: list[tuple[Office, int]],
    db_url: str,
    office_code: str,
    regime: str,
    partner_port: int,
) -> Site:
    folder = tmp / office.org_code
    ws_port = free_port()
    config = write_server_config(
        folder,
        office,
        [(o, f"https://127.0.0.1:{port}") for o, port in partners],
        db_url,
        partner_port=partner_port,
        workstation_port=ws_port,
    )
    home = tmp / f"home-{office.org_code}"
    home.mkdir(parents=True)
    save_settings(
        home / "settings.json",
        Settings(office_code=office_code, workstation="W1", legal_regime=regime),
    )
    return Site(office, folder, config, ServerProcess(config), db_url, home, partner_port, ws_port)


@pytest.fixture(scope="session")
def offices() -> tuple[Office, Office]:
    narva = Office.create(NARVA, "Narva Linnavalitsus", "EE", ["et", "ru", "en"])
    ivangorod = Office.create(IVANGOROD, "Администрация Ивангорода", "RU", ["ru", "et"])
    return narva, ivangorod
