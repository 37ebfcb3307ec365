"""`clerk sign`, `clerk verify` and `clerk signing …` as a user runs them (subprocesses)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from clerk_testkit.pdfa import make_pdfa
from clerk_testkit.pki_services import closed_port_url

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def clerk(tmp_path: Path):  # type: ignore[no-untyped-def]
    env = {**os.environ, "CLERK_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    env.pop("CLERK_DB", None)

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "clerk_app.cli", *args],
            capture_output=True,
            text=True,
            input=stdin,
            env=env,
            timeout=120,
        )

    return run


@pytest.fixture
def card_files(tmp_path: Path, identity) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The signing key as a PIN-protected file (PIN = 12345), and its certificate."""
    key = tmp_path / "key.pem"
    key.write_bytes(
        identity.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"12345"),
        )
    )
    cert = tmp_path / "cert.pem"
    cert.write_bytes(identity.pem)
    return str(key), str(cert)


def configure_home(home: Path, pki, tsa_url: str) -> None:  # type: ignore[no-untyped-def]
    """What `clerk signing trust add` ×2 and `clerk signing endpoints` write, done in-process
    (three fewer interpreter start-ups per test; the commands are run once below)."""
    from clerk_app.signing.trust import SigningEndpoints, TrustStore, save_endpoints

    store = TrustStore(home)
    store.add(pki.root.pem)
    store.add(pki.intermediate.pem, kind="intermediate")
    save_endpoints(home, SigningEndpoints(tsa_url=tsa_url, default_level="B-LT"))


@pytest.fixture
def configured(clerk, tmp_path, pki, services):  # type: ignore[no-untyped-def]
    configure_home(tmp_path / "home", pki, services.tsa_url)
    return clerk


def test_trust_and_endpoint_commands(clerk, pki_files, services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = clerk("signing", "trust", "add", str(pki_files["root"]))
    assert r.returncode == 0 and "added root" in r.stdout
    r = clerk("signing", "trust", "add", str(pki_files["intermediate"]), "--intermediate")
    assert r.returncode == 0 and "added intermediate" in r.stdout
    bad = clerk("signing", "trust", "add", str(tmp_path))
    assert bad.returncode == 1
    r = clerk("signing", "endpoints", "--tsa", services.tsa_url, "--level", "B-LT", "--json")
    assert r.returncode == 0
    shown = json.loads(r.stdout)
    assert shown["tsa_url"] == services.tsa_url and shown["default_level"] == "B-LT"
    assert shown["age_days"] is not None and shown["age_days"] < 0.01
    listed = clerk("signing", "trust", "list")
    assert "TEST of Clerk Root CA" in listed.stdout and "intermediate" in listed.stdout
    pre = clerk("signing", "preflight")
    assert pre.returncode == 0 and "TSA" in pre.stdout and ": ok" in pre.stdout
    assert "last tsa check: ok" in clerk("signing", "endpoints").stdout


def test_sign_and_verify_round_trip(configured, card_files, tmp_path) -> None:  # type: ignore[no-untyped-def]
    clerk = configured
    src = make_pdfa(tmp_path / "tõend.pdf")
    out = tmp_path / "tõend.signed.pdf"
    key, cert = card_files
    r = clerk(
        "sign",
        str(src),
        "-o",
        str(out),
        "--key",
        key,
        "--cert",
        cert,
        "--pin-stdin",
        "--lang",
        "et,ru",
        stdin="12345\n",
    )
    assert r.returncode == 0, r.stderr
    assert "signed B-LT" in r.stdout and out.exists()
    r = clerk("verify", str(out), "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    report = json.loads(r.stdout)
    assert report["verdict"] == "valid"
    sig = report["signatures"][0]
    assert sig["level"] == "B-LT" and sig["signer_name"] == "JAAK-KRISTJAN JÕEORG"
    assert sig["revocation"] == "good" and sig["chain"][0]["subject"].startswith("Serial")
    human = clerk("verify", str(out))
    assert human.returncode == 0 and "VALID" in human.stdout and "B-LT" in human.stdout


def test_wrong_pin_is_reported_and_the_job_stays_waiting(configured, card_files, tmp_path) -> None:  # type: ignore[no-untyped-def]
    clerk = configured
    src = make_pdfa(tmp_path / "a.pdf")
    before = src.read_bytes()
    key, cert = card_files
    r = clerk(
        "sign",
        str(src),
        "-o",
        str(tmp_path / "a.signed.pdf"),
        "--key",
        key,
        "--cert",
        cert,
        "--pin-stdin",
        stdin="99999\n",
    )
    assert r.returncode == 1
    assert "wrong PIN2" in r.stderr and "[wrong-pin]" in r.stderr
    assert src.read_bytes() == before and not (tmp_path / "a.signed.pdf").exists()
    q = clerk("signing", "queue", "--json")
    (job,) = json.loads(q.stdout)
    assert job["state"] == "waiting" and job["last_error_code"] == "wrong-pin"
    # the waiting job is signed later with `signing run`
    r = clerk("signing", "run", "--key", key, "--cert", cert, "--pin-stdin", stdin="12345\n")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "a.signed.pdf").exists()
    assert clerk("signing", "queue", "--json").stdout.strip() == "[]"


def test_offline_sign_parks_then_upgrade(configured, card_files, tmp_path, services) -> None:  # type: ignore[no-untyped-def]
    clerk = configured
    assert clerk("signing", "endpoints", "--tsa", closed_port_url()).returncode == 0
    src = make_pdfa(tmp_path / "b.pdf")
    out = tmp_path / "b.signed.pdf"
    key, cert = card_files
    r = clerk(
        "sign",
        str(src),
        "-o",
        str(out),
        "--key",
        key,
        "--cert",
        cert,
        "--pin-stdin",
        stdin="12345\n",
    )
    assert r.returncode == 0, r.stderr
    assert "signed B-B" in r.stdout and "parked" in r.stdout
    assert "cannot be reached" in r.stderr  # said before the PIN was read
    strict = clerk(
        "sign",
        str(src),
        "-o",
        str(tmp_path / "c.pdf"),
        "--key",
        key,
        "--cert",
        cert,
        "--pin-stdin",
        "--strict-level",
        stdin="12345\n",
    )
    assert strict.returncode == 1 and "tsa-unreachable" in strict.stderr
    assert not (tmp_path / "c.pdf").exists()
    assert clerk("signing", "endpoints", "--tsa", services.tsa_url).returncode == 0
    up = clerk("signing", "upgrade")
    assert up.returncode == 0 and "now B-LT (done)" in up.stdout
    report = json.loads(clerk("verify", str(out), "--json").stdout)
    assert report["verdict"] == "valid" and report["signatures"][0]["level"] == "B-LT"


def test_batch_signs_each_document_with_its_own_pin(configured, card_files, tmp_path) -> None:  # type: ignore[no-untyped-def]
    clerk = configured
    docs = [str(make_pdfa(tmp_path / f"d{i}.pdf")) for i in range(3)]
    key, cert = card_files
    outdir = tmp_path / "signed"
    # second PIN wrong: that document stays waiting, the batch stops (no automatic retry)
    r = clerk(
        "sign",
        *docs,
        "--out-dir",
        str(outdir),
        "--key",
        key,
        "--cert",
        cert,
        "--pin-stdin",
        "--json",
        stdin="12345\n00000\n12345\n",
    )
    assert r.returncode == 1
    rows = json.loads(r.stdout)
    assert [x["state"] for x in rows] == ["done", "waiting", "waiting"]
    assert rows[1]["error"] == "wrong-pin" and rows[2]["error"] is None
    assert sorted(p.name for p in outdir.iterdir()) == ["d0.signed.pdf"]


def test_verify_tampered_file_and_trust_option(
    clerk, configured, card_files, tmp_path, pki_files
) -> None:  # type: ignore[no-untyped-def]
    src = make_pdfa(tmp_path / "e.pdf")
    out = tmp_path / "e.signed.pdf"
    key, cert = card_files
    r = configured(
        "sign",
        str(src),
        "-o",
        str(out),
        "--key",
        key,
        "--cert",
        cert,
        "--pin-stdin",
        "--level",
        "B-T",
        stdin="12345\n",
    )
    assert r.returncode == 0, r.stderr
    data = bytearray(out.read_bytes())
    data[data.index(b"stream", 2000) + 30] ^= 0x20
    bad = tmp_path / "e.tampered.pdf"
    bad.write_bytes(bytes(data))
    r = clerk("verify", str(bad))
    assert r.returncode == 1 and "INVALID" in r.stdout and "[digest-mismatch]" in r.stdout


def test_verify_with_trust_flag_only(tmp_path, pki_files, pki, services, identity) -> None:  # type: ignore[no-untyped-def]
    """A partner office with an empty trust store passes the CA on the command line."""
    import io

    from clerk_app.core.signing import SignatureLevel
    from clerk_app.signing.pades import PadesSettings, sign_pdf
    from clerk_app.signing.software_key import SoftwareKeySigner

    out = io.BytesIO()
    sign_pdf(
        make_pdfa(tmp_path / "f.pdf").read_bytes(),
        out,
        SoftwareKeySigner(identity.key_pem(), identity.der),
        "",
        PadesSettings(level=SignatureLevel.B_B, intermediates=(pki.intermediate.der,)),
    )
    signed = tmp_path / "f.signed.pdf"
    signed.write_bytes(out.getvalue())
    env = {**os.environ, "CLERK_HOME": str(tmp_path / "partner"), "PYTHONPATH": str(ROOT)}
    base = [sys.executable, "-m", "clerk_app.cli", "verify", str(signed)]
    untrusted = subprocess.run(base, capture_output=True, text=True, env=env)
    assert untrusted.returncode == 1 and "INDETERMINATE" in untrusted.stdout
    trusted = subprocess.run(
        [*base, "--trust", str(pki_files["root"])], capture_output=True, text=True, env=env
    )
    assert trusted.returncode == 0 and "VALID" in trusted.stdout


@pytest.mark.parametrize(
    "args, code, text",
    [
        (["verify", "/nonexistent.pdf"], 1, "no such file"),
        (["sign", "/nonexistent.pdf", "-o", "/tmp/x.pdf", "--key", "k.pem"], 2, "--cert"),
        (["sign", "a.pdf", "b.pdf", "-o", "x.pdf"], 2, "--out-dir"),
        (["signing", "cancel", "no-such-job"], 1, "no such job"),
    ],
)
def test_bad_input_gets_a_clear_message(clerk, args, code, text) -> None:  # type: ignore[no-untyped-def]
    r = clerk(*args)
    assert r.returncode == code, r.stdout + r.stderr
    assert text in r.stderr


def test_card_reader_without_card_support_says_so(clerk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = make_pdfa(tmp_path / "g.pdf")
    r = clerk(
        "sign",
        str(src),
        "-o",
        str(tmp_path / "g.signed.pdf"),
        "--reader",
        "nope",
        "--pin-stdin",
        stdin="12345\n",
    )
    assert r.returncode == 1
    assert r.stderr.startswith("error: ") and "[no-" in r.stderr  # a coded, worded refusal
    assert not (tmp_path / "g.signed.pdf").exists()
