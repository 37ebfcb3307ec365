"""Protocol v1 pieces on their own: envelope rules, canonical JSON and the envelope hash,
receipts (sign, verify, every way to fail), the partner directory file, certificate paths."""

from __future__ import annotations

import json
import random
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from clerk_app.exchange.canonical import canonical_json, drop_nulls
from clerk_app.exchange.certs import chains_to
from clerk_app.exchange.directory import DirectoryError, PartnerDirectory, load_toml
from clerk_app.exchange.protocol import Envelope, ReceiptBody, Submission, envelope_sha256
from clerk_app.exchange.receipts import (
    ReceiptSigner,
    b64url,
    b64url_decode,
    utc_stamp,
    verify_receipt,
)
from clerk_app.exchange.service import Backoff
from clerk_testkit.exchange import envelope, partners_toml, receipt_identity
from tests.exchange_helpers import IVANGOROD, NARVA, offices  # noqa: F401

DOC = b"%PDF-1.7 test"


def test_envelope_rules_per_type() -> None:
    ok = envelope(IVANGOROD, NARVA, DOC)
    Envelope.model_validate(ok)
    cases = {
        "request needs request": dict(ok, request=None),
        "sender equals recipient": dict(ok, recipient=IVANGOROD),
        "bad org code": dict(ok, sender="Ivangorod"),
        "naive time": dict(ok, created_at="2026-11-23T10:00:00"),
        "bad language": dict(ok, language="Russian"),
        "unknown field": dict(ok, priority="high"),
        "bad hash": dict(ok, document=dict(ok["document"], sha256="ABC")),
        "float size": dict(ok, document=dict(ok["document"], size=12.0)),
    }
    for name, raw in cases.items():
        with pytest.raises(ValidationError):
            Envelope.model_validate(raw)
        assert name
    cert = envelope(NARVA, IVANGOROD, DOC, type="certificate")
    with pytest.raises(ValidationError, match="recipient_case"):
        Envelope.model_validate(cert)
    Envelope.model_validate(dict(cert, recipient_case={"number": "IVG-2026-W1-000001"}))
    refusal = envelope(NARVA, IVANGOROD, DOC, type="refusal", recipient_case="X-1")
    with pytest.raises(ValidationError, match="reason"):
        Envelope.model_validate(refusal)
    status = envelope(NARVA, IVANGOROD, None, type="status", recipient_case="X-1")
    with pytest.raises(ValidationError, match="status"):
        Envelope.model_validate(status)
    Envelope.model_validate(dict(status, status={"code": "registered"}))
    fwd = envelope(NARVA, IVANGOROD, DOC, type="forwarding_notice", recipient_case="X-1")
    with pytest.raises(ValidationError, match="forwarded_to"):
        Envelope.model_validate(fwd)
    period = dict(ok, request=dict(ok["request"], period_from=1990, period_to=1980))
    with pytest.raises(ValidationError, match="period_from"):
        Envelope.model_validate(period)


def test_submission_base64_is_strict() -> None:
    env = envelope(IVANGOROD, NARVA, DOC)
    assert Submission.model_validate({"envelope": env, "document": "JVBERi0="}).document_bytes()
    with pytest.raises(ValueError, match="base64"):
        Submission.model_validate({"envelope": env, "document": "JVBER i0="}).document_bytes()


def test_canonical_json_and_envelope_hash() -> None:
    assert (
        canonical_json({"b": 1, "a": [True, None, "ü\n"]})
        == '{"a":[true,null,"ü\\n"],"b":1}'.encode()
    )
    with pytest.raises(TypeError):
        canonical_json({"a": 1.5})
    env = envelope(IVANGOROD, NARVA, DOC)
    shuffled = dict(random.Random(3).sample(list(env.items()), len(env)))
    with_nulls = dict(env, title=None, in_reply_to=None)
    assert envelope_sha256(env) == envelope_sha256(shuffled) == envelope_sha256(with_nulls)
    assert envelope_sha256(env) != envelope_sha256(dict(env, title="x"))
    assert drop_nulls({"a": None, "b": [{"c": None}]}) == {"b": [{}]}
    # what our sender puts on the wire hashes the same as what the receiver sees
    model = Envelope.model_validate(env)
    assert envelope_sha256(json.loads(json.dumps(model.wire()))) == envelope_sha256(model.wire())


def _receipt(signer: ReceiptSigner, mid: uuid.UUID, doc_sha: str | None = "d" * 64):  # type: ignore[no-untyped-def]
    return json.loads(
        signer.sign(
            ReceiptBody(
                message_id=mid,
                sender=IVANGOROD,
                receiver=NARVA,
                envelope_sha256="e" * 64,
                document_sha256=doc_sha,
                received_at=utc_stamp(datetime.now(UTC)),
            )
        ).model_dump_json(exclude_none=True)
    )


def test_receipt_verification_catches_every_fault(offices) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    narva, ivan = offices
    rid = receipt_identity(narva.pki, NARVA)
    signer = ReceiptSigner(rid.key, [rid.cert, narva.pki.intermediate.cert])  # type: ignore[arg-type]
    assert signer.alg == "ES256"
    mid = uuid.uuid4()
    raw = _receipt(signer, mid)
    roots = [narva.pki.root.cert]

    def check(r, **kw):  # type: ignore[no-untyped-def]
        args = dict(
            trust_roots=roots,
            message_id=mid,
            sender=IVANGOROD,
            receiver=NARVA,
            document_sha256="d" * 64,
        )
        args.update(kw)
        return verify_receipt(r, **args)  # type: ignore[arg-type]

    assert check(raw).valid
    assert check(json.dumps(raw)).valid  # as text too
    assert check(raw, envelope_sha256="e" * 64).valid
    assert check(raw, envelope_sha256="f" * 64).code == "mismatch"
    assert check(raw, message_id=uuid.uuid4()).code == "mismatch"
    assert check(raw, document_sha256="0" * 64).code == "mismatch"
    assert check(raw, receiver="EE-1").code == "mismatch"
    assert check(raw, trust_roots=[ivan.pki.root.cert]).code == "untrusted"
    sig = bytearray(b64url_decode(raw["signature"]["value"]))
    sig[5] ^= 1
    bad = json.loads(json.dumps(raw))
    bad["signature"]["value"] = b64url(bytes(sig))
    assert check(bad).code == "bad_signature"
    reordered = json.loads(json.dumps(raw))
    reordered["receipt"] = dict(reversed(list(raw["receipt"].items())))
    assert check(reordered).valid  # canonical JSON: key order does not matter
    for broken in ({}, {"receipt": raw["receipt"]}, "not json", dict(raw, certificates=["@@"])):
        assert check(broken).code == "malformed"
    wrong_alg = json.loads(json.dumps(raw))
    wrong_alg["signature"]["alg"] = "ES384"
    assert check(wrong_alg).code == "bad_signature"
    # a key from another office with a certificate copied from the real one
    other = receipt_identity(ivan.pki, NARVA)
    with pytest.raises(ValueError, match="does not match"):
        ReceiptSigner(other.key, [rid.cert])  # type: ignore[arg-type]


def test_partner_directory_from_toml(tmp_path: Path, offices) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    _narva, ivan = offices
    toml = tmp_path / "partners.toml"
    toml.write_text(partners_toml([(ivan, "https://ivangorod.example:8443")], tmp_path))
    d = load_toml(toml, NARVA)
    p = d.get(IVANGOROD)
    assert p is not None and p.languages == ["ru", "et"] and p.formats == ["application/pdf"]
    assert p.signature_roots[0].subject == ivan.pki.root.cert.subject
    again = PartnerDirectory.from_json(d.to_json())
    assert again.version == d.version and again.get(IVANGOROD) == p
    text = toml.read_text()
    for broken, msg in (
        (text.replace("https://", "http://"), "endpoint"),
        (text.replace('"ru", "et"', ""), "languages"),
        (text.replace("signature_roots", "signatures"), "signature_roots"),
        (text + text, "twice"),
        (text.replace(f'org_code = "{IVANGOROD}"', f'org_code = "{NARVA}"'), "own organisation"),
        ("[[partner]\n", "TOML"),
    ):
        toml.write_text(broken)
        with pytest.raises(DirectoryError, match=msg):
            load_toml(toml, NARVA)
    (tmp_path / IVANGOROD / "ca.pem").write_text("garbage")
    toml.write_text(text)
    with pytest.raises(DirectoryError, match="PEM"):
        load_toml(toml, NARVA)


def test_chains_to_checks_issuer_signature_and_time(offices) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    narva, ivan = offices
    leaf = narva.tls_client.cert
    inter = narva.pki.intermediate.cert
    assert chains_to(leaf, [inter], [narva.pki.root.cert])[0]
    assert chains_to(leaf, [], [inter])[0]  # an issuing CA may be the anchor
    assert not chains_to(leaf, [], [narva.pki.root.cert])[0]
    assert not chains_to(leaf, [ivan.pki.intermediate.cert], [ivan.pki.root.cert])[0]
    # same subject names in both test PKIs, different keys: the signature decides
    assert narva.pki.root.cert.subject == ivan.pki.root.cert.subject
    assert not chains_to(leaf, [inter], [ivan.pki.root.cert])[0]
    late = datetime(2099, 1, 1, tzinfo=UTC)
    assert chains_to(leaf, [inter], [narva.pki.root.cert], at=late) == (
        False,
        "certificate expired or not yet valid",
    )


def test_backoff_grows_with_jitter_and_cap() -> None:
    b = Backoff(base=10, factor=2, cap=300)
    rng = random.Random(1)
    for attempt, full in ((1, 10), (2, 20), (3, 40), (6, 300), (20, 300)):
        delays = [b.delay(attempt, rng) for _ in range(200)]
        assert all(full / 2 <= d <= full for d in delays)
        assert max(delays) - min(delays) > full / 4  # really jittered


def test_verifier_speedups_give_the_same_answers(offices) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """pdf_verify replaces two slow pyHanko/asn1crypto functions; with the originals back in
    place every document must get the same verdict (valid, tampered, untrusted, unsigned)."""
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils import generic

    from clerk_app.exchange import pdf_verify
    from clerk_testkit.exchange import plain_pdf, signed_pdf

    narva, ivan = offices
    good = signed_pdf(ivan, "Справка", size=30_000)
    cases = {
        "valid": (good, [ivan.pki.root.der]),
        "untrusted": (good, [narva.pki.root.der]),
        "tampered": (
            good.replace(b"ReportLab Generated", b"ReportLab Generatex", 1),
            [ivan.pki.root.der],
        ),
        "unsigned": (plain_pdf("x"), [ivan.pki.root.der]),
        "broken hex": (good.replace(b"/Contents <", b"/Contents <zz", 1), [ivan.pki.root.der]),
    }
    v = pdf_verify.PartnerDocumentVerifier()
    fast = {k: v.verify(doc, roots) for k, (doc, roots) in cases.items()}
    patched = (
        generic.read_hex_string_from_stream,
        asn1_x509.Name.__eq__,
        asn1_x509.Name.__dict__["hashable"],
    )
    try:
        generic.read_hex_string_from_stream = pdf_verify.original_functions[
            "read_hex_string_from_stream"
        ]  # type: ignore[assignment]
        asn1_x509.Name.__eq__ = pdf_verify.original_functions["Name.__eq__"]  # type: ignore[assignment,method-assign]
        asn1_x509.Name.hashable = pdf_verify.original_functions["Name.hashable"]  # type: ignore[assignment,method-assign]
        slow = {k: v.verify(doc, roots) for k, (doc, roots) in cases.items()}
    finally:
        generic.read_hex_string_from_stream, asn1_x509.Name.__eq__, asn1_x509.Name.hashable = (
            patched  # type: ignore[method-assign]
        )
    assert {k: (c.valid, c.code) for k, c in fast.items()} == {
        k: (c.valid, c.code) for k, c in slow.items()
    }
    assert fast["valid"].valid and fast["untrusted"].code == "chain-untrusted"
    assert fast["tampered"].code == "digest-mismatch" and fast["unsigned"].code == "no-signature"
    assert not fast["broken hex"].valid
