"""ID-card authentication certificates checked against the office's trust roots.

The trust folder (settings `auth_trust_dir`, default `<data home>/trust/auth`) holds the CA
certificates (PEM or DER): self-signed ones are the roots, the others intermediates offered to
path building. The chain is built and checked by cryptography's X.509 verifier at the given
time (validity periods included). The leaf must allow digitalSignature and, when it names
extended key usages, clientAuth. Revocation (OCSP) is not checked at sign-in: workstations
often work offline; the signing layer checks the signing certificate's status.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from cryptography.x509.verification import ExtensionPolicy, PolicyBuilder, Store

from clerk_app.core.services.signin import CardHolder, CertificateRejected, SignInErrorCode
from clerk_app.core.staff import StaffRefused, normalise_personal_code

_PNO = re.compile(r"^PNO([A-Z]{2})-(.+)$")


def load_certificates(paths: Iterable[Path]) -> list[x509.Certificate]:
    out = []
    for path in paths:
        data = path.read_bytes()
        if b"-----BEGIN CERTIFICATE-----" in data:
            out.extend(x509.load_pem_x509_certificates(data))
        else:
            out.append(x509.load_der_x509_certificate(data))
    return out


def _name_attr(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    attrs = cert.subject.get_attributes_for_oid(oid)
    value = attrs[0].value if attrs else ""
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def personal_code_of(cert: x509.Certificate) -> str:
    """`PNOEE-…` from serialNumber (ETSI EN 319 412-1); older Estonian cards give bare digits."""
    serial = _name_attr(cert, NameOID.SERIAL_NUMBER).strip().upper()
    country = _name_attr(cert, NameOID.COUNTRY_NAME).strip().upper() or "EE"
    if not serial:
        raise CertificateRejected(SignInErrorCode.NO_PERSONAL_CODE)
    m = _PNO.match(serial)
    try:
        if m:
            return normalise_personal_code(f"PNO{m.group(1)}-{m.group(2)}")
        return normalise_personal_code(serial, country)
    except StaffRefused:
        raise CertificateRejected(SignInErrorCode.NO_PERSONAL_CODE, serial) from None


class X509AuthVerifier:
    """AuthCertificateVerifier over a set of trusted CA certificates."""

    def __init__(self, cas: Iterable[x509.Certificate]) -> None:
        cas = list(cas)
        self._roots = [c for c in cas if c.issuer == c.subject]
        self._intermediates = [c for c in cas if c.issuer != c.subject]

    @classmethod
    def from_folder(cls, folder: Path) -> X509AuthVerifier:
        files = (
            sorted(
                p for p in folder.glob("*") if p.suffix.lower() in (".pem", ".crt", ".cer", ".der")
            )
            if folder.is_dir()
            else []
        )
        return cls(load_certificates(files))

    @property
    def has_roots(self) -> bool:
        return bool(self._roots)

    def verify(self, certificate: bytes, at: datetime) -> CardHolder:
        try:
            leaf = x509.load_der_x509_certificate(certificate)
        except ValueError:
            raise CertificateRejected(SignInErrorCode.CERTIFICATE_UNTRUSTED, "not X.509") from None
        if at < leaf.not_valid_before_utc:
            raise CertificateRejected(SignInErrorCode.CERTIFICATE_NOT_YET_VALID)
        if at > leaf.not_valid_after_utc:
            raise CertificateRejected(SignInErrorCode.CERTIFICATE_EXPIRED)
        self._check_usage(leaf)
        if not self._roots:
            raise CertificateRejected(SignInErrorCode.CERTIFICATE_UNTRUSTED, "no trust roots")
        verifier = (
            PolicyBuilder()
            .store(Store(self._roots))
            .time(at.astimezone(UTC))
            .extension_policies(
                ca_policy=ExtensionPolicy.webpki_defaults_ca(),
                # ID-card leaves carry no subjectAltName; usages are checked below
                ee_policy=ExtensionPolicy.permit_all(),
            )
            .build_client_verifier()
        )
        try:
            verifier.verify(leaf, self._intermediates)
        except x509.verification.VerificationError as exc:
            raise CertificateRejected(SignInErrorCode.CERTIFICATE_UNTRUSTED, str(exc)) from None
        return CardHolder(
            personal_code=personal_code_of(leaf),
            surname=_name_attr(leaf, NameOID.SURNAME),
            given_name=_name_attr(leaf, NameOID.GIVEN_NAME),
            country=_name_attr(leaf, NameOID.COUNTRY_NAME),
            not_after=leaf.not_valid_after_utc,
        )

    @staticmethod
    def _check_usage(leaf: x509.Certificate) -> None:
        try:
            ku = leaf.extensions.get_extension_for_class(x509.KeyUsage).value
            if not ku.digital_signature:
                raise CertificateRejected(SignInErrorCode.CERTIFICATE_NOT_FOR_AUTH, "key usage")
        except x509.ExtensionNotFound:
            pass
        try:
            eku = leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
            if ExtendedKeyUsageOID.CLIENT_AUTH not in eku:
                raise CertificateRejected(SignInErrorCode.CERTIFICATE_NOT_FOR_AUTH, "no clientAuth")
        except x509.ExtensionNotFound:
            pass

    def verify_signature(self, certificate: bytes, challenge: bytes, signature: bytes) -> bool:
        key = x509.load_der_x509_certificate(certificate).public_key()
        try:
            if isinstance(key, ec.EllipticCurvePublicKey):
                half = len(signature) // 2
                if len(signature) % 2 or half == 0:
                    return False
                der = utils.encode_dss_signature(
                    int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big")
                )
                key.verify(der, challenge, ec.ECDSA(utils.Prehashed(_hash_for(challenge))))
                return True
            if isinstance(key, rsa.RSAPublicKey):
                key.verify(
                    signature, challenge, padding.PKCS1v15(), utils.Prehashed(_hash_for(challenge))
                )
                return True
        except (InvalidSignature, ValueError):
            return False
        return False


def _hash_for(challenge: bytes) -> hashes.HashAlgorithm:
    sizes: dict[int, hashes.HashAlgorithm] = {
        32: hashes.SHA256(),
        48: hashes.SHA384(),
        64: hashes.SHA512(),
    }
    if len(challenge) not in sizes:
        raise ValueError("challenge must be 32, 48 or 64 bytes")
    return sizes[len(challenge)]
