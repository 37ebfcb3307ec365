"""An OCSP responder for tests, built on cryptography's OCSPResponseBuilder.

It answers for certificates of the TestPki intermediate through a delegated responder
certificate (EKU OCSPSigning, id-pkix-ocsp-nocheck), says `revoked` for every serial in
`TestPki.revoked` (read at each request, so a test can revoke between calls), `good` for the
others, echoes the nonce and refuses requests about another issuer as `unauthorized`.
"""

from __future__ import annotations

import hashlib
import threading
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp

from clerk_testkit.pki import Issued, TestPki

_HASHES = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "sha384": hashlib.sha384}


def _key_hash(cert: x509.Certificate, algorithm: str) -> bytes:
    spki = cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    from asn1crypto import keys

    bits = keys.PublicKeyInfo.load(spki)["public_key"].contents[1:]  # drop unused-bits byte
    return _HASHES[algorithm](bits).digest()


def _name_hash(cert: x509.Certificate, algorithm: str) -> bytes:
    return _HASHES[algorithm](cert.subject.public_bytes()).digest()


class OcspResponder:
    """Turns DER OCSPRequest bytes into DER OCSPResponse bytes."""

    def __init__(self, pki: TestPki, responder: Issued) -> None:
        assert responder.key is not None
        self._pki = pki
        self._responder = responder
        self._lock = threading.Lock()
        self.requests = 0

    def respond(self, request_der: bytes) -> bytes:
        with self._lock:
            self.requests += 1
        try:
            req = ocsp.load_der_ocsp_request(request_der)
        except ValueError:
            return ocsp.OCSPResponseBuilder.build_unsuccessful(
                ocsp.OCSPResponseStatus.MALFORMED_REQUEST
            ).public_bytes(serialization.Encoding.DER)
        issuer = self._pki.intermediate.cert
        alg_name = req.hash_algorithm.name
        if alg_name not in _HASHES or (
            req.issuer_key_hash != _key_hash(issuer, alg_name)
            or req.issuer_name_hash != _name_hash(issuer, alg_name)
        ):
            return ocsp.OCSPResponseBuilder.build_unsuccessful(
                ocsp.OCSPResponseStatus.UNAUTHORIZED
            ).public_bytes(serialization.Encoding.DER)
        now = datetime.now(UTC)
        revoked_at = self._pki.revoked.get(req.serial_number)
        builder = ocsp.OCSPResponseBuilder().add_response_by_hash(
            issuer_name_hash=req.issuer_name_hash,
            issuer_key_hash=req.issuer_key_hash,
            serial_number=req.serial_number,
            algorithm=req.hash_algorithm,
            cert_status=ocsp.OCSPCertStatus.REVOKED if revoked_at else ocsp.OCSPCertStatus.GOOD,
            this_update=now - timedelta(seconds=5),
            next_update=now + timedelta(hours=1),
            revocation_time=revoked_at,
            revocation_reason=x509.ReasonFlags.key_compromise if revoked_at else None,
        )
        builder = builder.responder_id(
            ocsp.OCSPResponderEncoding.HASH, self._responder.cert
        ).certificates([self._responder.cert])
        try:
            nonce = req.extensions.get_extension_for_class(x509.OCSPNonce).value
            builder = builder.add_extension(nonce, critical=False)
        except x509.ExtensionNotFound:
            pass
        assert self._responder.key is not None
        return builder.sign(self._responder.key, hashes.SHA384()).public_bytes(
            serialization.Encoding.DER
        )
