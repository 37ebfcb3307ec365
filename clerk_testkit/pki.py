"""A test PKI generated at test time: root → intermediate → EstEID-shaped person certificates,
plus a TSA, an OCSP responder and TLS server/client certificates for loopback servers.

Not shipped with the app (clerk_testkit is outside the `clerk_app` package). Everything is
EC P-384 like the real cards. Shapes follow signing.md §5: the signing certificate has
KeyUsage nonRepudiation only, AIA with OCSP and caIssuers, QC statements QcCompliance + QcSSCD +
QcType=esign; the TSA certificate has a critical timeStamping EKU; the OCSP responder has the
OCSPSigning EKU and id-pkix-ocsp-nocheck.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from asn1crypto.core import ObjectIdentifier as Asn1Oid
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

PrivateKey = ec.EllipticCurvePrivateKey
PublicKey = ec.EllipticCurvePublicKey

_QC_STATEMENTS = ObjectIdentifier("1.3.6.1.5.5.7.1.3")
_OCSP_NOCHECK = ObjectIdentifier("1.3.6.1.5.5.7.48.1.5")
_QC_COMPLIANCE = "0.4.0.1862.1.1"
_QC_SSCD = "0.4.0.1862.1.4"
_QC_TYPE = "0.4.0.1862.1.6"
_QC_TYPE_ESIGN = "0.4.0.1862.1.6.1"
_POLICY_QUALIFIED = ObjectIdentifier("1.3.6.1.4.1.51361.1.1.1")  # SK ESTEID2018 qualified (shape)


def new_key() -> PrivateKey:
    return ec.generate_private_key(ec.SECP384R1())


def _der_len(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def _seq(*parts: bytes) -> bytes:
    content = b"".join(parts)
    return b"\x30" + _der_len(len(content)) + content


def _oid(dotted: str) -> bytes:
    return Asn1Oid(dotted).dump()


def qc_statements_der() -> bytes:
    """QCStatements: QcCompliance, QcSSCD, QcType = esign (ETSI EN 319 412-5)."""
    return _seq(
        _seq(_oid(_QC_COMPLIANCE)),
        _seq(_oid(_QC_SSCD)),
        _seq(_oid(_QC_TYPE), _seq(_oid(_QC_TYPE_ESIGN))),
    )


def _name(**attrs: str) -> x509.Name:
    oids = {
        "C": NameOID.COUNTRY_NAME,
        "O": NameOID.ORGANIZATION_NAME,
        "OU": NameOID.ORGANIZATIONAL_UNIT_NAME,
        "CN": NameOID.COMMON_NAME,
        "SN": NameOID.SURNAME,
        "GN": NameOID.GIVEN_NAME,
        "serialNumber": NameOID.SERIAL_NUMBER,
        "orgId": NameOID.ORGANIZATION_IDENTIFIER,
    }
    return x509.Name([x509.NameAttribute(oids[k], v) for k, v in attrs.items()])


@dataclass
class Issued:
    """A certificate with its key (the key is None when it lives on a (virtual) card)."""

    cert: x509.Certificate
    key: PrivateKey | None = None

    @property
    def der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def key_pem(self) -> bytes:
        assert self.key is not None
        return self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )


@dataclass
class TestPki:
    """Root and intermediate CA plus the service certificates of a test run.

    `ocsp_url`, `crl_url` and `ca_issuers_url` are written into the certificates it issues;
    the test OCSP responder / CRL server must listen there (start them first on free ports,
    or issue after they are known).
    """

    __test__ = False  # not a pytest class despite the name

    root: Issued
    intermediate: Issued
    ocsp_url: str = "http://127.0.0.1:1/ocsp"
    crl_url: str = "http://127.0.0.1:1/intermediate.crl"
    ca_issuers_url: str = "http://127.0.0.1:1/intermediate.der"
    revoked: dict[int, datetime] = field(default_factory=dict)  # serial -> revocation time

    @classmethod
    def create(cls, name: str = "TEST of ESTEID 2026", **urls: str) -> TestPki:
        now = datetime.now(UTC) - timedelta(days=1)
        root_key = new_key()
        root_name = _name(C="EE", O="Clerk Test PKI", CN="TEST of Clerk Root CA")
        root = (
            x509.CertificateBuilder()
            .subject_name(root_name)
            .issuer_name(root_name)
            .public_key(root_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=3650))
            .not_valid_after(now + timedelta(days=7300))
            .add_extension(x509.BasicConstraints(ca=True, path_length=1), critical=True)
            .add_extension(_ca_usage(), critical=True)
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False
            )
            .sign(root_key, hashes.SHA384())
        )
        pki = cls(Issued(root, root_key), Issued(root, root_key), **urls)
        inter_key = new_key()
        inter = (
            pki._builder(
                _name(C="EE", O="Clerk Test PKI", orgId="NTREE-00000000", CN=name),
                inter_key.public_key(),
                now - timedelta(days=1000),
                now + timedelta(days=5000),
                issuer=pki.root,
            )
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_ca_usage(), critical=True)
            .sign(root_key, hashes.SHA384())
        )
        pki.intermediate = Issued(inter, inter_key)
        return pki

    # -- building blocks -------------------------------------------------------------
    def _builder(  # type: ignore[no-untyped-def]
        self,
        subject: x509.Name,
        public_key: PublicKey,
        not_before: datetime,
        not_after: datetime,
        issuer: Issued | None = None,
        serial: int | None = None,
    ):
        issuer = issuer or self.intermediate
        assert issuer.key is not None
        return (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer.cert.subject)
            .public_key(public_key)
            .serial_number(serial or x509.random_serial_number())
            .not_valid_before(not_before)
            .not_valid_after(not_after)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
                critical=False,
            )
        )

    def _sign(self, builder, issuer: Issued | None = None) -> x509.Certificate:  # type: ignore[no-untyped-def]
        issuer = issuer or self.intermediate
        assert issuer.key is not None
        return builder.sign(issuer.key, hashes.SHA384())

    def _validity(self, valid_days: int, not_before: datetime | None) -> tuple[datetime, datetime]:
        start = not_before or (datetime.now(UTC) - timedelta(days=30))
        return start, start + timedelta(days=valid_days)

    def _aia(self) -> x509.AuthorityInformationAccess:
        return x509.AuthorityInformationAccess(
            [
                x509.AccessDescription(
                    x509.AuthorityInformationAccessOID.OCSP,
                    x509.UniformResourceIdentifier(self.ocsp_url),
                ),
                x509.AccessDescription(
                    x509.AuthorityInformationAccessOID.CA_ISSUERS,
                    x509.UniformResourceIdentifier(self.ca_issuers_url),
                ),
            ]
        )

    # -- person certificates (what an ID card holds) -----------------------------------
    def person_certificates(
        self,
        auth_key: PublicKey,
        sign_key: PublicKey,
        *,
        surname: str = "JÕEORG",
        given_name: str = "JAAK-KRISTJAN",
        personal_code: str = "38001085718",
        country: str = "EE",
        valid_days: int = 1825,
        not_before: datetime | None = None,
    ) -> tuple[Issued, Issued]:
        """(authentication, signing) certificates shaped like EstEID / Latvian eID ones."""
        start, end = self._validity(valid_days, not_before)
        subject = _name(
            C=country,
            CN=f"{surname},{given_name},{personal_code}",
            SN=surname,
            GN=given_name,
            serialNumber=f"PNO{country}-{personal_code}",
        )
        policies = x509.CertificatePolicies([x509.PolicyInformation(_POLICY_QUALIFIED, None)])
        auth = self._sign(
            self._builder(subject, auth_key, start, end)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=True,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.ExtendedKeyUsage(
                    [ExtendedKeyUsageOID.CLIENT_AUTH, ExtendedKeyUsageOID.EMAIL_PROTECTION]
                ),
                critical=False,
            )
            .add_extension(self._aia(), critical=False)
            .add_extension(policies, critical=False)
        )
        sign = self._sign(
            self._builder(subject, sign_key, start, end)
            .add_extension(_non_repudiation(), critical=True)
            .add_extension(self._aia(), critical=False)
            .add_extension(policies, critical=False)
            .add_extension(
                x509.UnrecognizedExtension(_QC_STATEMENTS, qc_statements_der()), critical=False
            )
        )
        return Issued(auth), Issued(sign)

    def signing_identity(self, **kwargs: object) -> Issued:
        """A software signing key with an EstEID-shaped signing certificate (no card)."""
        key = new_key()
        _auth, sign = self.person_certificates(
            new_key().public_key(),
            key.public_key(),
            **kwargs,  # type: ignore[arg-type]
        )
        return Issued(sign.cert, key)

    # -- service certificates -------------------------------------------------------
    def tsa(self, name: str = "TEST of Clerk TSA") -> Issued:
        key = new_key()
        start, end = self._validity(3650, None)
        cert = self._sign(
            self._builder(_name(C="EE", O="Clerk Test PKI", CN=name), key.public_key(), start, end)
            .add_extension(_non_repudiation(digital_signature=True), critical=True)
            .add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
            )
        )
        return Issued(cert, key)

    def ocsp_responder(self, name: str = "TEST of Clerk OCSP") -> Issued:
        key = new_key()
        start, end = self._validity(3650, None)
        cert = self._sign(
            self._builder(_name(C="EE", O="Clerk Test PKI", CN=name), key.public_key(), start, end)
            .add_extension(_non_repudiation(digital_signature=True), critical=True)
            .add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.OCSP_SIGNING]), critical=False
            )
            .add_extension(x509.UnrecognizedExtension(_OCSP_NOCHECK, b"\x05\x00"), critical=False)
        )
        return Issued(cert, key)

    def tls_server(self, hosts: tuple[str, ...] = ("127.0.0.1", "localhost")) -> Issued:
        key = new_key()
        start, end = self._validity(825, None)
        sans: list[x509.GeneralName] = []
        for h in hosts:
            try:
                sans.append(x509.IPAddress(ipaddress.ip_address(h)))
            except ValueError:
                sans.append(x509.DNSName(h))
        cert = self._sign(
            self._builder(
                _name(C="EE", O="Clerk Test PKI", CN=hosts[0]), key.public_key(), start, end
            )
            .add_extension(x509.SubjectAlternativeName(sans), critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        )
        return Issued(cert, key)

    def tls_client(self, org_code: str, org_name: str | None = None) -> Issued:
        """A municipality's client certificate for mutual TLS (organisation code in O/orgId)."""
        key = new_key()
        start, end = self._validity(825, None)
        cert = self._sign(
            self._builder(
                _name(C="EE", O=org_name or org_code, orgId=org_code, CN=org_code),
                key.public_key(),
                start,
                end,
            ).add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False
            )
        )
        return Issued(cert, key)

    # -- revocation -------------------------------------------------------------------
    def revoke(self, cert: x509.Certificate, when: datetime | None = None) -> None:
        self.revoked[cert.serial_number] = when or datetime.now(UTC) - timedelta(minutes=1)

    def crl(self) -> bytes:
        """DER CRL of the intermediate with the revoked serials."""
        assert self.intermediate.key is not None
        now = datetime.now(UTC)
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.intermediate.cert.subject)
            .last_update(now - timedelta(minutes=5))
            .next_update(now + timedelta(days=1))
        )
        for serial, when in self.revoked.items():
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when).build()
            )
        return builder.sign(self.intermediate.key, hashes.SHA384()).public_bytes(
            serialization.Encoding.DER
        )

    def write(self, folder: Path) -> dict[str, Path]:
        """root.pem and intermediate.pem (+ .der) into `folder`; returns the paths."""
        folder.mkdir(parents=True, exist_ok=True)
        out: dict[str, Path] = {}
        for label, issued in (("root", self.root), ("intermediate", self.intermediate)):
            pem = folder / f"{label}.pem"
            pem.write_bytes(issued.pem)
            der = folder / f"{label}.der"
            der.write_bytes(issued.der)
            out[label] = pem
            out[f"{label}_der"] = der
        return out


def _ca_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=False,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=True,
        encipher_only=False,
        decipher_only=False,
    )


def _non_repudiation(digital_signature: bool = False) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=digital_signature,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
