"""The signing queue on SQLite and PostgreSQL: plan before the PIN, sign, park offline, upgrade,
and every failure leaving the source intact and the job waiting with its error code."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from clerk_app.core.keys import KeyErrorCode, KeyHolderError
from clerk_app.core.services.signing import SigningService
from clerk_app.core.signing import (
    JobState,
    ProbeStatus,
    SignatureLevel,
    SignErrorCode,
    SigningFailure,
)
from clerk_app.core.verification import Verdict
from clerk_app.signing.queue import PadesQueueEngine
from clerk_app.signing.software_key import SoftwareKeySigner
from clerk_app.signing.trust import SigningEndpoints, TrustStore, load_endpoints
from clerk_app.signing.verify import VerifyOptions, verify_file
from clerk_app.store.uow import SqlUnitOfWork
from clerk_testkit.pdfa import make_pdfa
from clerk_testkit.pki_services import closed_port_url


@pytest.fixture
def home(tmp_path: Path, pki) -> Path:  # type: ignore[no-untyped-def]
    root = tmp_path / "home"
    store = TrustStore(root)
    store.add(pki.root.pem)
    store.add(pki.intermediate.pem, kind="intermediate")
    return root


def _service(engine, home: Path, tsa_url: str | None) -> SigningService:  # type: ignore[no-untyped-def]
    eng = PadesQueueEngine(home, endpoints=SigningEndpoints(tsa_url=tsa_url, timeout_seconds=3))
    return SigningService(lambda: SqlUnitOfWork(engine), eng, actor="test", workstation="W1")


def _docs(tmp_path: Path, n: int) -> list[Path]:
    return [make_pdfa(tmp_path / f"doc{i}.pdf", title=f"Tõend {i}") for i in range(n)]


def _verify(pki, path: Path):  # type: ignore[no-untyped-def]
    return verify_file(str(path), VerifyOptions(trust_roots=(pki.root.der,)))


def test_sign_online_reaches_the_wanted_level(engine, home, tmp_path, pki, services, key) -> None:  # type: ignore[no-untyped-def]
    service = _service(engine, home, services.tsa_url)
    (src,) = _docs(tmp_path, 1)
    job = service.enqueue(
        src, tmp_path / "out.pdf", level=SignatureLevel.B_LT, languages=("et", "ru")
    )
    assert service.job(job.uid).state == JobState.WAITING
    plan = service.plan(job.uid, key)
    assert plan.level == SignatureLevel.B_LT and not plan.parks
    assert plan.preflight is not None and plan.preflight.tsa.ok and plan.preflight.ocsp.ok
    assert plan.signer_name == "JAAK-KRISTJAN JÕEORG"
    done = service.sign(plan, key, "")
    assert done.state == JobState.DONE and done.reached_level == SignatureLevel.B_LT
    assert done.attempts == 1 and done.signer_name == "JAAK-KRISTJAN JÕEORG"
    report = _verify(pki, tmp_path / "out.pdf")
    assert report.verdict == Verdict.VALID and report.signatures[0].level == "B-LT"
    # the last checks are kept next to the endpoint settings (visible age of the config)
    checks = load_endpoints(home).last_checks
    assert checks["tsa"].status == ProbeStatus.OK and checks["ocsp"].status == ProbeStatus.OK


def test_offline_signs_b_b_parks_and_upgrades_later(  # type: ignore[no-untyped-def]
    engine, home, tmp_path, pki, services, key
) -> None:
    offline = _service(engine, home, closed_port_url())
    (src,) = _docs(tmp_path, 1)
    out = tmp_path / "out.pdf"
    job = offline.enqueue(src, out, level=SignatureLevel.B_LT)
    plan = offline.plan(job.uid, key)
    assert plan.parks and plan.level == SignatureLevel.B_B
    assert plan.preflight is not None and plan.preflight.tsa.status == ProbeStatus.UNREACHABLE
    parked = offline.sign(plan, key, "")
    assert parked.state == JobState.PARKED and parked.reached_level == SignatureLevel.B_B
    assert _verify(pki, out).signatures[0].level == "B-B"
    # still offline: the upgrade keeps it parked, with the reason
    (still,) = offline.upgrade_parked()
    assert still.state == JobState.PARKED and still.error_code == SignErrorCode.TSA_UNREACHABLE
    # online again
    online = _service(engine, home, services.tsa_url)
    (up,) = online.upgrade_parked()
    assert up.state == JobState.DONE and up.level == SignatureLevel.B_LT
    job = online.job(job.uid)
    assert job.state == JobState.DONE and job.last_error_code is None
    report = _verify(pki, out)
    assert report.verdict == Verdict.VALID and report.signatures[0].level == "B-LT"
    assert key.calls == 1  # the upgrade needed no card


def test_wrong_pin_leaves_the_document_waiting_and_intact(  # type: ignore[no-untyped-def]
    engine, home, tmp_path, identity, services
) -> None:
    encrypted = identity.key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"12345"),
    )
    key = SoftwareKeySigner(encrypted, identity.der, encrypted=True)
    service = _service(engine, home, services.tsa_url)
    (src,) = _docs(tmp_path, 1)
    before = src.read_bytes()
    out = tmp_path / "out.pdf"
    job = service.enqueue(src, out, level=SignatureLevel.B_T)
    plan = service.plan(job.uid, key)
    with pytest.raises(KeyHolderError) as err:
        service.sign(plan, key, "00000")
    assert err.value.code == KeyErrorCode.WRONG_PIN
    job = service.job(job.uid)
    assert job.state == JobState.WAITING and job.last_error_code == "wrong-pin"
    assert job.attempts == 1
    assert src.read_bytes() == before and not out.exists()
    assert not list(tmp_path.glob(".*.part"))  # no half-written file left behind
    # the right PIN signs the same job
    done = service.sign(service.plan(job.uid, key), key, "12345")
    assert done.state == JobState.DONE and done.attempts == 2 and out.exists()


class FailingCard:
    """Signs `after` times, then fails like the card can (this one module is mocked; the real
    card is tested through pcscd in the card part)."""

    key_algorithm = "ec"

    def __init__(self, inner: SoftwareKeySigner, code: KeyErrorCode, after: int) -> None:
        self._inner, self._code, self._after = inner, code, after
        self.signed = 0

    def signing_certificate(self) -> bytes:
        return self._inner.signing_certificate()

    def sign_digest(self, digest: bytes, pin: str) -> bytes:
        if self.signed >= self._after:
            tries = 0 if self._code == KeyErrorCode.PIN_BLOCKED else None
            raise KeyHolderError(self._code, "simulated", tries_left=tries)
        self.signed += 1
        return self._inner.sign_digest(digest, pin)


@pytest.mark.parametrize("code", [KeyErrorCode.CARD_REMOVED, KeyErrorCode.PIN_BLOCKED])
def test_batch_stops_on_card_failure_and_keeps_the_rest_waiting(  # type: ignore[no-untyped-def]
    code, engine, home, tmp_path, identity, key, services
) -> None:
    service = _service(engine, home, services.tsa_url)
    docs = _docs(tmp_path, 3)
    originals = [d.read_bytes() for d in docs]
    jobs = [
        service.enqueue(d, tmp_path / f"s{i}.pdf", level=SignatureLevel.B_T)
        for i, d in enumerate(docs)
    ]
    card = FailingCard(key, code, after=1)
    asked: list[str] = []

    def pin_for(plan) -> str:  # type: ignore[no-untyped-def]
        asked.append(plan.job.uid)
        return "12345"

    results = service.sign_batch([j.uid for j in jobs], card, pin_for)
    assert [r.state for r in results] == [JobState.DONE, JobState.WAITING, JobState.WAITING]
    assert results[1].error_code == code and results[2].error_code is None
    assert asked == [jobs[0].uid, jobs[1].uid]  # one PIN per document, none after the stop
    assert (tmp_path / "s0.pdf").exists()
    assert not (tmp_path / "s1.pdf").exists() and not (tmp_path / "s2.pdf").exists()
    assert [d.read_bytes() for d in docs] == originals
    assert service.job(jobs[1].uid).last_error_code == code
    assert [j.state for j in service.jobs([JobState.WAITING])] == [JobState.WAITING] * 2


def test_a_changed_source_is_refused(engine, home, tmp_path, key, services) -> None:  # type: ignore[no-untyped-def]
    service = _service(engine, home, services.tsa_url)
    (src,) = _docs(tmp_path, 1)
    job = service.enqueue(src, tmp_path / "out.pdf", level=SignatureLevel.B_B)
    make_pdfa(src, title="Muudetud")  # regenerated after review
    with pytest.raises(SigningFailure) as err:
        service.plan(job.uid, key)
    assert err.value.code == SignErrorCode.SOURCE_CHANGED
    assert service.job(job.uid).last_error_code == "source-changed" and key.calls == 0


def test_revoked_certificate_stops_before_the_pin(engine, home, tmp_path, pki, services) -> None:  # type: ignore[no-untyped-def]
    ident = pki.signing_identity()
    pki.revoke(ident.cert)
    key = SoftwareKeySigner(ident.key_pem(), ident.der)
    service = _service(engine, home, services.tsa_url)
    (src,) = _docs(tmp_path, 1)
    job = service.enqueue(src, tmp_path / "out.pdf", level=SignatureLevel.B_T)
    asked: list[object] = []
    (result,) = service.sign_batch([job.uid], key, lambda plan: asked.append(plan) or "1")
    assert result.error_code == SignErrorCode.CERTIFICATE_REVOKED
    assert asked == [] and key.calls == 0 and not (tmp_path / "out.pdf").exists()


def test_expired_certificate_stops_before_the_pin(engine, home, tmp_path, pki, services) -> None:  # type: ignore[no-untyped-def]
    ident = pki.signing_identity(not_before=datetime.now(UTC) - timedelta(days=400), valid_days=365)
    key = SoftwareKeySigner(ident.key_pem(), ident.der)
    service = _service(engine, home, services.tsa_url)
    (src,) = _docs(tmp_path, 1)
    job = service.enqueue(src, tmp_path / "out.pdf", level=SignatureLevel.B_B)
    with pytest.raises(SigningFailure) as err:
        service.plan(job.uid, key)
    assert err.value.code == SignErrorCode.CERTIFICATE_EXPIRED
    assert service.job(job.uid).state == JobState.WAITING


def test_parked_signature_of_a_since_revoked_certificate_fails_the_upgrade(  # type: ignore[no-untyped-def]
    engine, home, tmp_path, pki, services
) -> None:
    ident = pki.signing_identity()
    key = SoftwareKeySigner(ident.key_pem(), ident.der)
    offline = _service(engine, home, closed_port_url())
    (src,) = _docs(tmp_path, 1)
    job = offline.enqueue(src, tmp_path / "out.pdf", level=SignatureLevel.B_T)
    offline.sign(offline.plan(job.uid, key), key, "")
    signed = (tmp_path / "out.pdf").read_bytes()
    pki.revoke(ident.cert)
    (result,) = _service(engine, home, services.tsa_url).upgrade_parked()
    assert result.state == JobState.FAILED and result.error_code == "certificate-revoked"
    assert (tmp_path / "out.pdf").read_bytes() == signed  # not time-stamped


@pytest.mark.parametrize(
    "make, code",
    [
        (lambda p: p.with_name("missing.pdf"), SignErrorCode.SOURCE_MISSING),
        (lambda p: (p.write_bytes(b"GIF89a"), p)[1], SignErrorCode.NOT_A_PDF),
    ],
    ids=["missing", "not-pdf"],
)
def test_enqueue_refuses_what_can_never_be_signed(engine, home, tmp_path, make, code) -> None:  # type: ignore[no-untyped-def]
    service = _service(engine, home, None)
    src = make(tmp_path / "in.pdf")
    with pytest.raises(SigningFailure) as err:
        service.enqueue(src, tmp_path / "out.pdf", level=SignatureLevel.B_B)
    assert err.value.code == code and service.jobs() == []


def test_existing_output_needs_replace(engine, home, tmp_path) -> None:  # type: ignore[no-untyped-def]
    service = _service(engine, home, None)
    (src,) = _docs(tmp_path, 1)
    (tmp_path / "out.pdf").write_bytes(b"keep me")
    with pytest.raises(SigningFailure) as err:
        service.enqueue(src, tmp_path / "out.pdf", level=SignatureLevel.B_B)
    assert err.value.code == SignErrorCode.OUTPUT_EXISTS
    job = service.enqueue(src, tmp_path / "out.pdf", level=SignatureLevel.B_B, replace_output=True)
    assert service.cancel(job.uid).state == JobState.CANCELLED
    assert (tmp_path / "out.pdf").read_bytes() == b"keep me"
