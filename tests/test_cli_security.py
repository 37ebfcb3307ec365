"""`clerk staff`, `clerk audit` and sign-in on the command line (`--as`, CLERK_PASSWORD).

One test runs the real `python -m clerk_app.cli` processes: bootstrap the first admin, add
staff, refuse a clerk what only an admin may do, tamper with one access-log line in the
encrypted database and see `clerk audit verify` name it.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from clerk_app.bootstrap import Workstation
from clerk_app.cli import main

ROOT = Path(__file__).resolve().parents[1]
ADMIN_PW = "admin-password-1"
CLERK_PW = "clerk-password-1"


def clerk(
    home: Path,
    *args: str,
    user: str | None = None,
    password: str | None = None,
    new_password: str | None = None,
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLERK_USER")}
    env |= {"CLERK_HOME": str(home), "PYTHONPATH": str(ROOT)}
    env.pop("CLERK_PASSWORD", None)
    env.pop("CLERK_NEW_PASSWORD", None)
    if user:
        env["CLERK_USER"] = user
    if password:
        env["CLERK_PASSWORD"] = password
    if new_password:
        env["CLERK_NEW_PASSWORD"] = new_password
    return subprocess.run(
        [sys.executable, "-m", "clerk_app.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def test_staff_roles_and_tamper_detection_end_to_end(tmp_path) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    assert clerk(home, "demo", "--persons", "30").returncode == 0  # unmanaged: no sign-in yet
    r = clerk(
        home,
        "staff",
        "add",
        "anne",
        "--name",
        "Anne Admin",
        "--role",
        "admin,clerk",
        new_password=ADMIN_PW,
    )
    assert r.returncode == 0, r.stderr
    r = clerk(home, "search", "Ivanov")  # staff exist now: who is asking?
    assert r.returncode == 1 and "sign in with --as USER" in r.stderr
    r = clerk(
        home,
        "--as",
        "anne",
        "staff",
        "add",
        "kati",
        "--name",
        "Kati Kask",
        "--role",
        "clerk",
        password=ADMIN_PW,
        new_password=CLERK_PW,
    )
    assert r.returncode == 0, r.stderr
    r = clerk(home, "staff", "list", user="kati", password=CLERK_PW)
    assert r.returncode == 1 and "kati may not manage staff [permission-denied]" in r.stderr
    r = clerk(home, "search", "Ivanov", user="kati", password="wrong-password")
    assert r.returncode == 1 and "unknown user or wrong password" in r.stderr
    for q in ("Ivanov", "Petrov", "Kask"):
        assert clerk(home, "search", q, user="kati", password=CLERK_PW).returncode == 0
    r = clerk(home, "audit", "verify", user="anne", password=ADMIN_PW)
    assert r.returncode == 0 and "access log intact" in r.stdout
    r = clerk(home, "audit", "verify", user="kati", password=CLERK_PW)
    assert r.returncode == 1 and "may not verify audit" in r.stderr

    # an attacker with the database key edits one line (after dropping the trigger)
    ctx = Workstation(str(home))
    with ctx.engine.begin() as conn:
        seq = conn.execute(text("SELECT seq FROM access_log WHERE query = 'Petrov'")).scalar()
        conn.execute(text("DROP TRIGGER access_log_no_update"))
        conn.execute(text("UPDATE access_log SET actor = 'anne' WHERE query = 'Petrov'"))
    ctx.close()
    r = clerk(home, "audit", "verify", "--json", user="anne", password=ADMIN_PW)
    assert r.returncode == 1
    problem = json.loads(r.stdout)["problem"]
    assert problem["kind"] == "edited" and problem["seq"] == seq
    r = clerk(home, "audit", "verify", user="anne", password=ADMIN_PW)
    assert f"BROKEN at entry #{seq}: edited" in r.stderr


@pytest.fixture
def office(clerk_home, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CLERK_NEW_PASSWORD", ADMIN_PW)
    assert main(["staff", "add", "anne", "--name", "Anne Admin", "--role", "admin"]) == 0
    monkeypatch.setenv("CLERK_NEW_PASSWORD", CLERK_PW)
    monkeypatch.setenv("CLERK_PASSWORD", ADMIN_PW)
    assert (
        main(["--as", "anne", "staff", "add", "kati", "--name", "Kati Kask", "--role", "clerk"])
        == 0
    )
    assert (
        main(
            [
                "--as",
                "anne",
                "staff",
                "add",
                "jaak",
                "--name",
                "Jaak Head",
                "--role",
                "archivist,signatory",
                "--personal-code",
                "38001085718",
                "--head-of-archive",
                "--no-password",
            ]
        )
        == 0
    )
    monkeypatch.delenv("CLERK_NEW_PASSWORD")
    return clerk_home


def test_staff_commands(office, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(["--as", "anne", "staff", "list", "--json"]) == 0
    rows = {r["username"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["jaak"]["personal_code"] == "PNOEE-38001085718" and not rows["jaak"]["password"]
    assert rows["kati"]["roles"] == ["clerk"] and rows["anne"]["roles"] == ["admin"]
    assert main(["--as", "anne", "staff", "roles", "kati", "clerk,archivist"]) == 0
    assert main(["--as", "anne", "staff", "roles", "kati", "signatory"]) == 1
    assert "signatory signs with the ID card" in capsys.readouterr().err
    assert main(["--as", "anne", "staff", "disable", "anne"]) == 1
    assert "no active admin" in capsys.readouterr().err
    assert main(["--as", "anne", "staff", "disable", "kati"]) == 0
    monkeypatch.setenv("CLERK_PASSWORD", CLERK_PW)
    assert main(["--as", "kati", "search", "x"]) == 1
    assert "the account is disabled" in capsys.readouterr().err
    monkeypatch.setenv("CLERK_PASSWORD", ADMIN_PW)
    assert main(["--as", "anne", "staff", "enable", "kati"]) == 0
    monkeypatch.setenv("CLERK_NEW_PASSWORD", "kati-new-password")
    assert main(["--as", "anne", "staff", "passwd", "kati"]) == 0
    monkeypatch.setenv("CLERK_PASSWORD", "kati-new-password")
    assert main(["--as", "kati", "search", "x"]) == 0
    assert main(["--as", "anne", "staff", "list"]) == 1  # kati's password, anne's name
    assert "unknown user or wrong password" in capsys.readouterr().err
    assert (
        main(
            ["--as", "kati", "staff", "add", "x", "--name", "X", "--role", "clerk", "--no-password"]
        )
        == 1
    )
    assert "kati may not manage staff" in capsys.readouterr().err


def test_audit_export_for_an_inquiry(office, capsys, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CLERK_PASSWORD", CLERK_PW)
    for q in ("Ivanov", "Kask"):
        assert main(["--as", "kati", "search", q]) == 0
    monkeypatch.setenv("CLERK_PASSWORD", ADMIN_PW)
    out = tmp_path / "inquiry.csv"
    today = __import__("datetime").date.today().isoformat()
    capsys.readouterr()
    assert (
        main(
            [
                "--as",
                "anne",
                "audit",
                "export",
                "--from",
                today,
                "--to",
                today,
                "--actor",
                "kati",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    searches = [r for r in rows if r["action"] == "search"]
    assert [r["query"] for r in searches] == ["Ivanov", "Kask"]
    assert all(r["actor"] == "kati" and r["staff_name"] == "Kati Kask" for r in rows)
    assert {r["action"] for r in rows} == {"search", "sign_in"}
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert (
        main(
            [
                "--as",
                "anne",
                "audit",
                "export",
                "--from",
                "2000-01-01",
                "--to",
                "2000-01-02",
                "--format",
                "json",
                "-o",
                str(tmp_path / "none.json"),
            ]
        )
        == 0
    )
    assert json.loads((tmp_path / "none.json").read_text()) == []
    assert (
        main(
            [
                "--as",
                "anne",
                "audit",
                "export",
                "--from",
                "2001-01-02",
                "--to",
                "2001-01-01",
                "-o",
                str(tmp_path / "x.csv"),
            ]
        )
        == 1
    )
    assert "--to is before --from" in capsys.readouterr().err
    assert main(["--as", "anne", "audit", "head"]) == 0
    head = capsys.readouterr().out.strip()
    assert main(["--as", "anne", "audit", "verify", "--anchor", head]) == 0
    monkeypatch.setenv("CLERK_PASSWORD", CLERK_PW)
    assert main(["--as", "kati", "audit", "export", "-o", str(tmp_path / "k.csv")]) == 1
    assert "kati may not export audit" in capsys.readouterr().err
    ctx = Workstation()  # the refusal is in the log, tied to kati
    with ctx.uow_factory()() as uow:
        last = list(uow.access_log.entries())[-1]
    ctx.close()
    assert (last.action, last.actor, last.staff_name, last.query) == (
        "permission_denied",
        "kati",
        "Kati Kask",
        "clerk audit export",
    )
    assert '"permission":"export_audit"' in (last.filters or "")
