"""`clerk card list` / `clerk card info` as a user runs them (a subprocess), including the clear
messages for no pcscd, no reader, a refused test reader, no card, a blocked PIN, an expired or
revoked certificate."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from clerk_app.card.pcsc import ReaderWatcher
from clerk_testkit.vcard import READERS

ROOT = Path(__file__).resolve().parents[1]


def clerk(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = dict(os.environ, PYTHONPATH=str(ROOT), **env)
    for key, value in env.items():
        if value == "":
            full.pop(key)
    return subprocess.run(
        [sys.executable, "-m", "clerk_app.cli", *args],
        capture_output=True,
        text=True,
        env=full,
        timeout=60,
    )


def test_list_and_info(virtual_card, clerk_home) -> None:  # type: ignore[no-untyped-def]
    c = virtual_card("esteid2018")
    out = clerk("card", "list")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [f"{READERS[0]}  EstEID 2018", f"{READERS[1]}  (no card)"]
    listed = json.loads(clerk("card", "list", "--json").stdout)
    assert listed[0]["card_type"] == "EstEID 2018" and listed[1]["card_present"] is False

    out = clerk("card", "info")
    assert out.returncode == 0, out.stderr
    h = c.issued.holder
    days = (c.issued.sign_cert.not_valid_after_utc - datetime.now(UTC)).days
    for text in (
        f"Reader:               {READERS[0]}",
        "Card:                 EstEID 2018 (ATR 3B DB 96 00",
        f"Holder:               {h.given_name} {h.surname}",
        f"Personal code:        {h.personal_code} (EE)",
        f"Document number:      {h.document_number}",
        f"{days} days left (valid, revocation not checked); issuer TEST of ESTEID 2026",
        "PIN2 tries:           3 of 3 tries left",
        "Ready to sign:        yes",
    ):
        assert text in out.stdout, text
    data = json.loads(clerk("card", "info", "--json", "--reader", READERS[0]).stdout)
    assert data["document_number"] == h.document_number
    assert data["pins"]["pin2"] == {
        "tries_left": 3,
        "max_tries": 3,
        "activated": True,
        "blocked": False,
    }
    assert data["signing_certificate"]["days_left"] == days and data["ready_to_sign"] is True
    assert not any(line.startswith("0020") for line in c.card.log)  # no PIN asked or spent


def test_blocked_pin_expired_and_revoked(virtual_card, clerk_home, card_pki, tmp_path) -> None:  # type: ignore[no-untyped-def]
    c = virtual_card("esteid2018v2")
    c.card.pins[0x85].tries_left = 0
    out = clerk("card", "info")
    assert "PIN2 tries:           BLOCKED (0 tries left) [pin-blocked]" in out.stdout
    assert (
        "Ready to sign:        no — the PIN is blocked; unblock it with the PUK [pin-blocked]"
        in out.stdout
    )
    c.remove()

    virtual_card("esteid2025", not_before=datetime.now(UTC) - timedelta(days=400), valid_days=365)
    out = clerk("card", "info")
    assert "expired" in out.stdout and "[certificate-expired]" in out.stdout
    assert "days left" in out.stdout and " -" in out.stdout  # negative days left

    lv = virtual_card("latvia", reader=READERS[1])
    card_pki.revoke(lv.issued.sign_cert)
    crl = tmp_path / "test.crl"
    crl.write_bytes(card_pki.crl())
    issuer = tmp_path / "issuer.pem"
    issuer.write_bytes(card_pki.intermediate.pem)
    out = clerk("card", "info", "--reader", READERS[1], "--crl", str(crl), "--issuer", str(issuer))
    assert out.returncode == 0, out.stderr
    assert "(revoked)" in out.stdout and "[certificate-revoked]" in out.stdout
    bad = clerk("card", "info", "--crl", str(issuer))  # not a CRL
    assert bad.returncode == 1 and "cannot use the CRL" in bad.stderr


def test_no_pcscd_no_reader_refused_reader_no_card(
    pcscd, empty_pcscd, clerk_home, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    # pcscd not running: libpcsclite finds no socket
    out = clerk("card", "list", PCSCLITE_CSOCK_NAME=str(tmp_path / "no-such.comm"))
    assert out.returncode == 1
    assert out.stderr.startswith("error: the smart-card service is not running")
    assert "[no-pcsc-service]" in out.stderr
    # a pcscd without any reader
    out = clerk("card", "info", "--json", **empty_pcscd.env())
    assert out.returncode == 1 and "no card reader is connected [no-reader]" in out.stderr
    assert json.loads(out.stdout)["error"] == "no-reader"
    # test readers are refused outside test mode
    out = clerk("card", "list", CLERK_ALLOW_VIRTUAL_READER="")
    assert out.returncode == 1 and "[no-reader]" in out.stderr and "only test readers" in out.stderr
    # readers, but no card in them
    out = clerk("card", "info")
    assert out.returncode == 1 and "there is no card in the reader [no-card]" in out.stderr
    out = clerk("card", "info", "--reader", "Virtual PCD 00 07")
    assert out.returncode == 1 and "[no-reader]" in out.stderr


WATCH_SCRIPT = """
import time
from clerk_app.card.pcsc import ReaderWatcher
w = ReaderWatcher(retry_seconds=0.2).start()
time.sleep(0.6)
w.stop()
print(",".join(e.kind for e in w.poll()))
"""


def test_watcher_follows_insertion_removal_and_swaps(virtual_card, pcscd) -> None:  # type: ignore[no-untyped-def]
    seen = []
    watcher = ReaderWatcher()
    watcher.subscribe(seen.append)
    with watcher:
        _wait_for(lambda: {e.reader for e in seen if e.kind == "reader-added"} == set(READERS))
        c = virtual_card("latvia-v2")
        _wait_for(lambda: any(e.kind == "card-inserted" for e in seen))
        inserted = next(e for e in seen if e.kind == "card-inserted")
        assert inserted.reader == READERS[0] and inserted.atr == c.card.atr
        assert watcher.states[READERS[0]].card_present
        c.remove()
        _wait_for(lambda: seen[-1].kind == "card-removed")
        other = virtual_card("esteid2025")
        _wait_for(lambda: seen[-1].kind == "card-inserted" and seen[-1].atr == other.card.atr)
    assert [e.kind for e in watcher.poll()] == [e.kind for e in seen]  # the polling view agrees
    # without the service: "service-lost", and the watcher keeps retrying quietly
    env = dict(os.environ, PYTHONPATH=str(ROOT), PCSCLITE_CSOCK_NAME="/nonexistent/pcscd.comm")
    out = subprocess.run(
        [sys.executable, "-c", WATCH_SCRIPT], capture_output=True, text=True, env=env, timeout=30
    )
    assert out.stdout.strip() == "service-lost", out.stderr


def _wait_for(predicate, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    import time

    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)
