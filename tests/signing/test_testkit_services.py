"""The test TSA and OCSP responder answer correctly by OpenSSL's judgement, not only pyHanko's."""

from __future__ import annotations

import subprocess
from pathlib import Path

import requests
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp

from clerk_app.core.signing import CertStatus, ProbeStatus
from clerk_app.signing.trust import probe_ocsp, probe_tsa
from clerk_testkit.pki_services import closed_port_url


def test_tsa_reply_verifies_with_openssl(services, pki_files, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data.txt"
    data.write_bytes("Архивная справка".encode())
    query = tmp_path / "q.tsq"
    subprocess.run(
        ["openssl", "ts", "-query", "-data", str(data), "-sha384", "-cert", "-out", str(query)],
        check=True,
        capture_output=True,
    )
    resp = requests.post(
        services.tsa_url,
        data=query.read_bytes(),
        headers={"Content-Type": "application/timestamp-query"},
        timeout=5,
    )
    assert resp.headers["Content-Type"] == "application/timestamp-reply"
    reply = tmp_path / "r.tsr"
    reply.write_bytes(resp.content)
    out = subprocess.run(
        [
            "openssl",
            "ts",
            "-verify",
            "-in",
            str(reply),
            "-queryfile",
            str(query),
            "-CAfile",
            str(pki_files["root"]),
            "-untrusted",
            str(pki_files["intermediate"]),
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0 and "Verification: OK" in out.stdout, out.stderr
    # a different document does not verify against this token
    other = tmp_path / "other.txt"
    other.write_bytes(b"something else")
    bad = subprocess.run(
        [
            "openssl",
            "ts",
            "-verify",
            "-in",
            str(reply),
            "-data",
            str(other),
            "-CAfile",
            str(pki_files["root"]),
            "-untrusted",
            str(pki_files["intermediate"]),
        ],
        capture_output=True,
        text=True,
    )
    assert bad.returncode != 0


def test_ocsp_answers_verify_with_openssl_and_follow_revocation(  # type: ignore[no-untyped-def]
    pki, services, pki_files, tmp_path: Path
) -> None:
    ident = pki.signing_identity()
    req = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(ident.cert, pki.intermediate.cert, hashes.SHA1())
        .build()
    )
    leaf = tmp_path / "leaf.pem"
    leaf.write_bytes(ident.pem)

    def ask() -> str:
        resp = requests.post(
            services.ocsp_url, timeout=5, data=req.public_bytes(serialization.Encoding.DER)
        )
        path = tmp_path / "resp.der"
        path.write_bytes(resp.content)
        out = subprocess.run(
            [
                "openssl",
                "ocsp",
                "-respin",
                str(path),
                "-issuer",
                str(pki_files["intermediate"]),
                "-cert",
                str(leaf),
                "-CAfile",
                str(pki_files["root"]),
                "-verify_other",
                str(pki_files["intermediate"]),
            ],
            capture_output=True,
            text=True,
        )
        assert "Response verify OK" in out.stderr, out.stderr
        return out.stdout

    assert f"{leaf}: good" in ask()
    pki.revoke(ident.cert)
    assert f"{leaf}: revoked" in ask()


def test_probes_tell_ok_revoked_and_unreachable(pki, services) -> None:  # type: ignore[no-untyped-def]
    tsa = probe_tsa(services.tsa_url, 5)
    assert tsa.status == ProbeStatus.OK and tsa.millis is not None
    assert probe_tsa(closed_port_url(), 2).status == ProbeStatus.UNREACHABLE
    assert probe_tsa(None).status == ProbeStatus.NOT_CONFIGURED
    services.failing.add("tsa")
    try:
        assert probe_tsa(services.tsa_url, 5).detail == "http-503"
    finally:
        services.failing.discard("tsa")
    ident = pki.signing_identity()
    good = probe_ocsp(ident.der, pki.intermediate.der, timeout=5)
    assert good.status == ProbeStatus.OK and good.cert_status == CertStatus.GOOD
    assert good.url == services.ocsp_url  # taken from the certificate's AIA
    pki.revoke(ident.cert)
    assert probe_ocsp(ident.der, pki.intermediate.der, timeout=5).cert_status == CertStatus.REVOKED
    down = probe_ocsp(ident.der, pki.intermediate.der, closed_port_url("/ocsp"), timeout=2)
    assert down.status == ProbeStatus.UNREACHABLE
    # asking about another CA's certificate gets "unauthorized", which is not a usable answer
    other = probe_ocsp(ident.der, pki.root.der, timeout=5)
    assert other.status == ProbeStatus.BAD_RESPONSE and other.detail == "unauthorized"
