"""`clerk enrol`, `clerk sync [status|conflicts|resolve]` and the server admin commands against
a real hub over TLS on SQLite; the first commands run as separate processes like a user's, the
rest through the same `main` in process (faster)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from sync_support import ROOT, Hub, Tls

from clerk_app.cli import main


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def _argv(args: tuple[str, ...], home: Path | None, db: str | None) -> list[str]:
    out = ["--home", str(home)] if home is not None else []
    return out + (["--db", db] if db is not None else []) + list(args)


def spawn(*args: str, home: Path | None = None, db: str | None = None) -> Ran:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("CLERK_DB", None)
    done = subprocess.run(
        [sys.executable, "-m", "clerk_app.cli", *_argv(args, home, db)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    return Ran(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def clerk(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.delenv("CLERK_DB", raising=False)

    def run(*args: str, home: Path | None = None, db: str | None = None) -> Ran:
        capsys.readouterr()
        try:
            code = main(_argv(args, home, db))
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        out = capsys.readouterr()
        return Ran(code, out.out, out.err)

    return run


def test_enrol_sync_status_conflicts_resolve(tmp_path: Path, clerk) -> None:  # type: ignore[no-untyped-def]
    hub_db = f"sqlite:///{tmp_path / 'hub.db'}"  # a one-room office: SQLite hub
    hub = Hub(hub_db, tmp_path / "hub", Tls.make(tmp_path / "tls")).start()
    try:
        made = spawn("sync", "token", "--code", "w1", "--office", "NRV", "--json", db=hub_db)
        assert made.returncode == 0, made.stderr
        token = json.loads(made.stdout)["token"]
        a, b = tmp_path / "a", tmp_path / "b"
        nope = clerk("sync", home=a)
        assert nope.returncode == 1 and "not enrolled" in nope.stderr
        bad = clerk("enrol", hub.url, "not-a-valid-token", "--ca", str(hub.tls.ca), home=a)
        assert bad.returncode == 1 and "not valid" in bad.stderr
        ok = spawn("enrol", hub.url, token, "--ca", str(hub.tls.ca), "--json", home=a)
        assert ok.returncode == 0, ok.stderr
        assert json.loads(ok.stdout)["device_code"] == "W1"
        reuse = clerk("enrol", hub.url, token, "--ca", str(hub.tls.ca), home=b)
        assert reuse.returncode == 1 and "already used" in reuse.stderr
        t2 = json.loads(clerk("sync", "token", "--code", "W2", "--json", db=hub_db).stdout)["token"]
        assert clerk("enrol", hub.url, t2, "--ca", str(hub.tls.ca), home=b).returncode == 0

        reg = clerk("request", "register", "--applicant", "Anna Tamm", "--phone", "555",
                    "--subject", "employment", "--person", "Tamm Mari", "--json",
                    home=a)  # fmt: skip
        assert reg.returncode == 0, reg.stderr
        number = json.loads(reg.stdout)["reg_number"]
        assert "-W1-" in number
        st = json.loads(clerk("sync", "status", "--json", home=a).stdout)
        assert st["pending"] == 2 and st["last_success"] is None
        done = spawn("sync", "--json", "--no-catalogue", home=a)
        assert done.returncode == 0, done.stderr
        out = json.loads(done.stdout)
        assert out["ok"] and out["pending"] == 0 and out["report"]["accepted"] == 2
        assert clerk("sync", "--no-catalogue", home=b).returncode == 0

        clerk("request", "assign", number, "maria", home=a)
        clerk("request", "assign", number, "juhan", home=b)
        clerk("sync", "--no-catalogue", home=a)
        text_out = clerk("sync", "--no-catalogue", home=b)
        assert "1 conflict(s)" in text_out.stdout
        listed = json.loads(clerk("sync", "conflicts", "--json", home=b).stdout)
        assert len(listed) == 1 and listed[0]["fields"] == ["assignee"]
        assert listed[0]["label"] == number
        human = clerk("sync", "conflicts", home=b).stdout
        assert "assignee: local 'juhan' | server 'maria' | was None" in human
        assert clerk("sync", "resolve", "999", "--keep", "server", home=b).returncode == 1
        assert clerk("sync", "resolve", str(listed[0]["id"]), "--keep", "merged",
                     "--field", "assignee", home=b).returncode == 2  # fmt: skip
        res = clerk("sync", "resolve", str(listed[0]["id"]), "--keep", "server", home=b)
        assert res.returncode == 0, res.stderr
        assert clerk("sync", "--no-catalogue", home=b).returncode == 0
        shown = json.loads(clerk("request", "show", number, "--json", home=b).stdout)
        assert shown["assignee"] == "maria"
        assert json.loads(clerk("sync", "status", "--json", home=b).stdout)["conflicts"] == 0

        wrong = clerk("sync", "token", "--code", "W9", home=a)  # an enrolled workstation's db
        assert wrong.returncode == 1 and "office server's" in wrong.stderr
        devices = json.loads(clerk("sync", "devices", "--json", db=hub_db).stdout)
        assert [d["device_code"] for d in devices] == ["W1", "W2"]
        assert all("secret_hash" not in d for d in devices)
        assert clerk("sync", "compact", "--keep-days", "0", db=hub_db).returncode == 2
        hub.stop()
        down = clerk("sync", "--no-catalogue", home=a)
        assert down.returncode == 1 and "cannot be reached" in down.stderr
        assert (
            json.loads(clerk("sync", "status", "--json", home=a).stdout)["last_error"] == "offline"
        )
    finally:
        hub.stop()


def test_sync_commands_ask_for_their_permissions(tmp_path: Path, clerk, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Once staff exist: a clerk may sync, an admin may make enrolment tokens, not the reverse."""
    home = tmp_path / "office"
    monkeypatch.setenv("CLERK_NEW_PASSWORD", "a long password 1")
    monkeypatch.setenv("CLERK_PASSWORD", "a long password 1")
    made = clerk("staff", "add", "boss", "--name", "Boss", "--role", "admin", home=home)
    assert made.returncode == 0, made.stderr
    clerk("--as", "boss", "staff", "add", "anna", "--name", "Anna", "--role", "clerk",
          home=home)  # fmt: skip
    token = clerk("--as", "boss", "sync", "token", "--code", "W1", home=home)
    assert token.returncode == 0, token.stderr
    no = clerk("--as", "boss", "sync", home=home)
    assert no.returncode == 1 and "may not send" in no.stderr
    denied = clerk("--as", "anna", "sync", "token", "--code", "W2", home=home)
    assert denied.returncode == 1 and "may not enrol" in denied.stderr
