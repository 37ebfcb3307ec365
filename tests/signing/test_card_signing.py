"""Signing with virtual ID cards through the real PC/SC stack (pcscd + vpcd, the card part's
fixtures): one VERIFY and one signature per document, tries left before the PIN, wrong and
blocked PINs, a card pulled mid-signature, expired and revoked certificates, no reader, no pcscd."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from signing_helpers import pdfsig

from clerk_app.card import open_signer
from clerk_app.core.keys import KeyErrorCode, KeyHolderError
from clerk_app.core.services.signing import SigningService
from clerk_app.core.signing import JobState, SignatureLevel, SignErrorCode, SigningFailure
from clerk_app.core.verification import Verdict
from clerk_app.signing.queue import PadesQueueEngine
from clerk_app.signing.trust import SigningEndpoints, TrustStore
from clerk_app.signing.verify import VerifyOptions, verify_file
from clerk_app.store.database import open_database
from clerk_app.store.uow import SqlUnitOfWork
from clerk_testkit.pdfa import make_pdfa

ROOT = Path(__file__).resolve().parents[2]
VERIFY, PSO = 0x20, 0x2A


@pytest.fixture
def queue(tmp_path: Path, pki, services):  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    store = TrustStore(home)
    store.add(pki.root.pem)
    store.add(pki.intermediate.pem, kind="intermediate")
    engine = open_database(f"sqlite:///{tmp_path / 'clerk.db'}")
    eng = PadesQueueEngine(
        home, endpoints=SigningEndpoints(tsa_url=services.tsa_url, timeout_seconds=5)
    )
    yield SigningService(lambda: SqlUnitOfWork(engine), eng, actor="clerk", workstation="W1")
    engine.dispose()


def _enqueue(queue, tmp_path: Path, level: SignatureLevel, name: str = "doc"):  # type: ignore[no-untyped-def]
    src = make_pdfa(tmp_path / f"{name}.pdf")
    return src, queue.enqueue(
        src, tmp_path / f"{name}.signed.pdf", level=level, languages=("et", "ru")
    )


@pytest.mark.parametrize(
    "kind, level, kwargs",
    [
        ("esteid2018", SignatureLevel.B_LT, {}),
        ("esteid2025", SignatureLevel.B_LT, {}),
        ("latvia", SignatureLevel.B_T, {"rsa_keys": True}),
    ],
    ids=["esteid2018-B-LT", "esteid2025-B-LT", "latvia-rsa-B-T"],
)
def test_card_signs_with_one_verify_and_one_signature(  # type: ignore[no-untyped-def]
    kind, level, kwargs, virtual_card, queue, tmp_path, pki, nss_db
) -> None:
    c = virtual_card(kind, **kwargs)
    _src, job = _enqueue(queue, tmp_path, level)
    with open_signer() as card:
        plan = queue.plan(job.uid, card)
        assert plan.tries_left == 3 and plan.level == level  # read without spending a try
        assert c.apdus(VERIFY) == [] and c.card.signatures == 0  # nothing asked the PIN yet
        done = queue.sign(plan, card, c.pin2)
    assert done.state == JobState.DONE and done.reached_level == level
    # exactly one PIN verification and one signature on the card, at any level
    assert len(c.apdus(VERIFY)) == 1 and c.card.signatures == 1
    out = Path(done.output_path)
    report = verify_file(str(out), VerifyOptions(trust_roots=(pki.root.der,)))
    assert report.verdict == Verdict.VALID, report.to_json()
    sig = report.signatures[0]
    assert sig.level == level.value and sig.signer_name == done.signer_name
    text = pdfsig(out, nss_db).split("Signature #2")[0]
    assert "Signature is Valid." in text and "Certificate is Trusted." in text


def test_wrong_pin_shows_tries_left_and_keeps_the_job(  # type: ignore[no-untyped-def]
    virtual_card, queue, tmp_path
) -> None:
    c = virtual_card("esteid2018")
    src, job = _enqueue(queue, tmp_path, SignatureLevel.B_T)
    before = src.read_bytes()
    with open_signer() as card:
        plan = queue.plan(job.uid, card)
        with pytest.raises(KeyHolderError) as err:
            queue.sign(plan, card, "00000")
        assert err.value.code == KeyErrorCode.WRONG_PIN and err.value.tries_left == 2
        waiting = queue.job(job.uid)
        assert waiting.state == JobState.WAITING and waiting.tries_left == 2
        assert waiting.last_error_code == "wrong-pin"
        assert queue.plan(job.uid, card).tries_left == 2  # shown before the next prompt
    assert src.read_bytes() == before and not Path(job.output_path).exists()
    assert c.card.signatures == 0


def test_blocked_pin_is_refused_before_the_prompt(virtual_card, queue, tmp_path) -> None:  # type: ignore[no-untyped-def]
    c = virtual_card("esteid2018v2")
    c.card.pins[0x85].tries_left = 0
    _src, job = _enqueue(queue, tmp_path, SignatureLevel.B_B)
    with open_signer() as card, pytest.raises(KeyHolderError) as err:
        queue.plan(job.uid, card)
    assert err.value.code == KeyErrorCode.PIN_BLOCKED
    assert c.apdus(VERIFY) == []
    assert queue.job(job.uid).last_error_code == "pin-blocked"


def test_card_pulled_mid_signature_leaves_the_document_unsigned(  # type: ignore[no-untyped-def]
    virtual_card, queue, tmp_path
) -> None:
    c = virtual_card("esteid2018")
    src, job = _enqueue(queue, tmp_path, SignatureLevel.B_T)
    before = src.read_bytes()
    with open_signer() as card:
        plan = queue.plan(job.uid, card)
        c.link.drop_on_next_signature()
        with pytest.raises(KeyHolderError) as err:
            queue.sign(plan, card, c.pin2)
    assert err.value.code == KeyErrorCode.CARD_REMOVED
    assert c.card.signatures == 0 and src.read_bytes() == before
    assert not Path(job.output_path).exists()
    assert not list(tmp_path.glob(".*.part"))
    assert queue.job(job.uid).last_error_code == "card-removed"
    # back in: a new connection signs the same waiting job
    c.reinsert()
    with open_signer() as card:
        done = queue.sign(queue.plan(job.uid, card), card, c.pin2)
    assert done.state == JobState.DONE and c.card.signatures == 1


def test_expired_card_certificate_is_refused_before_the_pin(  # type: ignore[no-untyped-def]
    virtual_card, queue, tmp_path
) -> None:
    c = virtual_card(
        "esteid2018", not_before=datetime.now(UTC) - timedelta(days=2000), valid_days=1825
    )
    _src, job = _enqueue(queue, tmp_path, SignatureLevel.B_B)
    with open_signer() as card, pytest.raises(SigningFailure) as err:
        queue.plan(job.uid, card)
    assert err.value.code == SignErrorCode.CERTIFICATE_EXPIRED
    assert c.apdus(VERIFY) == [] and queue.job(job.uid).state == JobState.WAITING


def test_revoked_card_certificate_is_refused_before_the_pin(  # type: ignore[no-untyped-def]
    virtual_card, queue, tmp_path, pki
) -> None:
    c = virtual_card("esteid2018")
    pki.revoke(c.issued.sign_cert)  # the OCSP responder of the certificate's AIA now says so
    _src, job = _enqueue(queue, tmp_path, SignatureLevel.B_LT)
    with open_signer() as card, pytest.raises(SigningFailure) as err:
        queue.plan(job.uid, card)
    assert err.value.code == SignErrorCode.CERTIFICATE_REVOKED
    assert c.apdus(VERIFY) == [] and c.card.signatures == 0


def _clerk(home: Path, *args: str, stdin: str | None = None, **env: str):  # type: ignore[no-untyped-def]
    full = {**os.environ, "CLERK_HOME": str(home), "PYTHONPATH": str(ROOT), **env}
    full.pop("CLERK_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "clerk_app.cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env=full,
        timeout=120,
    )


@pytest.fixture
def cli_home(tmp_path: Path, pki, services) -> Path:  # type: ignore[no-untyped-def]
    from test_cli_signing import configure_home

    home = tmp_path / "clihome"
    configure_home(home, pki, services.tsa_url)
    return home


def test_cli_signs_with_the_card_in_a_named_reader(virtual_card, cli_home, tmp_path) -> None:  # type: ignore[no-untyped-def]
    c = virtual_card("esteid2018")
    src = make_pdfa(tmp_path / "kaart.pdf")
    out = tmp_path / "kaart.signed.pdf"
    bad = _clerk(
        cli_home,
        "sign",
        str(src),
        "-o",
        str(out),
        "--reader",
        c.reader,
        "--pin-stdin",
        stdin="00000\n",
    )
    assert bad.returncode == 1
    assert "wrong PIN2: 2 tries left [wrong-pin]" in bad.stderr
    run = _clerk(
        cli_home,
        "signing",
        "run",
        "--reader",
        c.reader,
        "--pin-stdin",
        "--json",
        stdin=f"{c.pin2}\n",
    )
    assert run.returncode == 0, run.stderr
    assert "PIN2 tries left: 2" in run.stderr  # shown before the PIN is read
    (row,) = json.loads(run.stdout)
    assert row["state"] == "done" and row["level"] == "B-LT" and out.exists()
    verdict = json.loads(_clerk(cli_home, "verify", str(out), "--json").stdout)["verdict"]
    assert verdict == "valid"


def test_cli_without_reader_or_pcscd_keeps_the_document_queued(  # type: ignore[no-untyped-def]
    pcscd, empty_pcscd, cli_home, tmp_path
) -> None:
    src = make_pdfa(tmp_path / "ootel.pdf")
    args = ("sign", str(src), "-o", str(tmp_path / "ootel.signed.pdf"), "--pin-stdin")
    no_reader = _clerk(cli_home, *args, stdin="12345\n", **empty_pcscd.env())
    assert no_reader.returncode == 1
    assert "no card reader is connected [no-reader]" in no_reader.stderr
    assert "1 document(s) wait in the queue" in no_reader.stderr
    no_service = _clerk(
        cli_home,
        *args,
        "--replace",
        stdin="12345\n",
        PCSCLITE_CSOCK_NAME=str(tmp_path / "no-such.comm"),
    )
    assert no_service.returncode == 1 and "[no-pcsc-service]" in no_service.stderr
    queued = json.loads(_clerk(cli_home, "signing", "queue", "--json").stdout)
    assert [j["state"] for j in queued] == ["waiting", "waiting"]
    assert not (tmp_path / "ootel.signed.pdf").exists()
