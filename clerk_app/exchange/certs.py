"""Certificate helpers shared by the server, the directory and the sender: PEM bundles,
fingerprints, org codes in subjects, and a small path check to configured anchors.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

MAX_CHAIN = 5


class CertificateError(ValueError):
    pass


def load_pem_bundle(data: bytes | str, what: str = "certificates") -> list[x509.Certificate]:
    raw = data.encode("ascii") if isinstance(data, str) else data
    try:
        certs = x509.load_pem_x509_certificates(raw)
    except ValueError as exc:
        raise CertificateError(f"{what}: no readable PEM certificate ({exc})") from exc
    if not certs:
        raise CertificateError(f"{what}: no PEM certificate")
    return certs


def to_pem(certs: Sequence[x509.Certificate]) -> str:
    return "".join(c.public_bytes(serialization.Encoding.PEM).decode("ascii") for c in certs)


def der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def fingerprint(cert: x509.Certificate | bytes) -> str:
    """SHA-256 of the DER certificate, lowercase hex (what admins pin)."""
    raw = cert if isinstance(cert, bytes) else der(cert)
    return hashlib.sha256(raw).hexdigest()


def subject_org_codes(cert: x509.Certificate) -> set[str]:
    """Organisation identifiers a certificate names: organizationIdentifier, CN, O."""
    out: set[str] = set()
    for oid in (NameOID.ORGANIZATION_IDENTIFIER, NameOID.COMMON_NAME, NameOID.ORGANIZATION_NAME):
        for attr in cert.subject.get_attributes_for_oid(oid):
            out.add(str(attr.value).strip())
    return out


def subject_text(cert: x509.Certificate) -> str:
    return cert.subject.rfc4514_string()


def _valid_at(cert: x509.Certificate, at: datetime) -> bool:
    return cert.not_valid_before_utc <= at <= cert.not_valid_after_utc


def chains_to(
    leaf: x509.Certificate,
    intermediates: Sequence[x509.Certificate],
    anchors: Sequence[x509.Certificate],
    at: datetime | None = None,
) -> tuple[bool, str]:
    """Whether `leaf` leads to one of `anchors` through `intermediates` (signatures and validity
    at `at`); an anchor may be a root or an issuing CA the admin configured for this partner.
    Returns (ok, reason). No revocation: partners' TLS and receipt CAs are pinned per partner.
    """
    when = at or datetime.now(UTC)
    anchor_ders = {der(a) for a in anchors}
    if der(leaf) in anchor_ders:  # the certificate itself is pinned
        return (_valid_at(leaf, when), "pinned certificate expired or not yet valid")
    if not _valid_at(leaf, when):
        return False, "certificate expired or not yet valid"
    current = leaf
    pool = list(intermediates)
    for _ in range(MAX_CHAIN):
        for anchor in anchors:
            if current.issuer == anchor.subject and _issued_by(current, anchor):
                if not _valid_at(anchor, when):
                    return False, "trust anchor expired"
                return True, ""
        nxt = next(
            (c for c in pool if c.subject == current.issuer and _issued_by(current, c)), None
        )
        if nxt is None:
            return False, "not issued by a trusted CA"
        if not _is_ca(nxt) or not _valid_at(nxt, when):
            return False, "intermediate is not a valid CA"
        pool.remove(nxt)
        current = nxt
    return False, "certificate chain too long"


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False
