"""Trust roots, the TSA/OCSP endpoint configuration, and reachability checks before the PIN.

Complaint this answers (domain.md §6): signing breaks when a central endpoint changes (TSA
retired, OCSP moved) and nobody sees why. So the endpoints are a small versioned file with the
date an admin set them and the result of the last check of each, and `probe_tsa`/`probe_ocsp`
ask the real services (a real time-stamp request, a real OCSP request for the signer) before
the clerk types a PIN.

Layout in the data home:
    signing/endpoints.json              versioned endpoint settings (+ last checks)
    signing/trust/roots/*.pem|.der      trust anchors (the test CA, EE/LV root CAs)
    signing/trust/intermediates/*       issuing CAs, used to build and embed chains
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509

from clerk_app.core.signing import CertStatus, Probe, ProbeStatus, SignatureLevel

ENDPOINTS_VERSION = 1


def signing_dir(home_root: Path) -> Path:
    return home_root / "signing"


# -- endpoint settings ----------------------------------------------------------------------------


@dataclass
class EndpointCheck:
    at: str  # ISO time of the check
    status: str  # ProbeStatus value
    millis: float | None = None
    detail: str = ""


@dataclass
class SigningEndpoints:
    """Where the TSA and OCSP live, when an admin set that, and how the last checks went."""

    version: int = ENDPOINTS_VERSION
    tsa_url: str | None = None
    ocsp_url: str | None = None  # None: use the OCSP URL in the signer's certificate (AIA)
    timeout_seconds: float = 10.0
    default_level: str = SignatureLevel.B_LT.value
    updated_at: str | None = None  # when these endpoints were last set
    updated_by: str | None = None
    last_checks: dict[str, EndpointCheck] = field(default_factory=dict)

    @property
    def level(self) -> SignatureLevel:
        return SignatureLevel.parse(self.default_level)

    def age_days(self, now: datetime | None = None) -> float | None:
        """How old the endpoint settings are: shown next to them, so stale config is visible."""
        if not self.updated_at:
            return None
        then = datetime.fromisoformat(self.updated_at)
        return ((now or datetime.now(UTC)) - then).total_seconds() / 86400


_UPGRADES: dict[int, Any] = {}  # version -> function(dict) -> dict for the next version


def endpoints_path(home_root: Path) -> Path:
    return signing_dir(home_root) / "endpoints.json"


def load_endpoints(home_root: Path) -> SigningEndpoints:
    path = endpoints_path(home_root)
    if not path.exists():
        return SigningEndpoints()
    raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    version = int(raw.get("version", 1))
    if version > ENDPOINTS_VERSION:
        raise ValueError(f"{path} was written by a newer Clerk (endpoints version {version})")
    while version < ENDPOINTS_VERSION:
        raw = _UPGRADES[version](raw)
        version += 1
    known = {f.name for f in fields(SigningEndpoints)}
    values = {k: v for k, v in raw.items() if k in known}
    values["last_checks"] = {
        k: EndpointCheck(**v) for k, v in (raw.get("last_checks") or {}).items()
    }
    values["version"] = version
    return SigningEndpoints(**values)


def save_endpoints(home_root: Path, endpoints: SigningEndpoints) -> None:
    path = endpoints_path(home_root)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(endpoints), indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


def record_checks(home_root: Path, probes: list[Probe]) -> None:
    """Keep the last reachability result per endpoint next to the settings."""
    endpoints = load_endpoints(home_root)
    now = datetime.now(UTC).isoformat()
    for p in probes:
        if p.status == ProbeStatus.SKIPPED:
            continue
        endpoints.last_checks[p.endpoint] = EndpointCheck(
            at=now, status=p.status.value, millis=p.millis, detail=p.detail[:200]
        )
    save_endpoints(home_root, endpoints)


# -- trust store ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrustEntry:
    kind: str  # "root" | "intermediate"
    subject: str
    sha256: str
    not_after: datetime
    path: Path


def read_certificates(data: bytes) -> list[asn1_x509.Certificate]:
    """All certificates in a PEM bundle or one DER certificate."""
    if pem.detect(data):
        return [
            asn1_x509.Certificate.load(der)
            for kind, _, der in pem.unarmor(data, multiple=True)
            if kind == "CERTIFICATE"
        ]
    return [asn1_x509.Certificate.load(data)]


class TrustStore:
    """Trust anchors and known intermediates as files in the data home."""

    def __init__(self, home_root: Path) -> None:
        self.folder = signing_dir(home_root) / "trust"

    def _dir(self, kind: str) -> Path:
        return self.folder / ("roots" if kind == "root" else "intermediates")

    def _load(self, kind: str) -> list[tuple[asn1_x509.Certificate, Path]]:
        folder = self._dir(kind)
        out: list[tuple[asn1_x509.Certificate, Path]] = []
        if not folder.is_dir():
            return out
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() not in (".pem", ".der", ".crt", ".cer"):
                continue
            try:
                out.extend((c, path) for c in read_certificates(path.read_bytes()))
            except ValueError:
                continue  # an unreadable file is skipped, `list` shows what was loaded
        return out

    def roots(self) -> list[bytes]:
        return [c.dump() for c, _ in self._load("root")]

    def intermediates(self) -> list[bytes]:
        return [c.dump() for c, _ in self._load("intermediate")]

    def entries(self) -> list[TrustEntry]:
        return [
            TrustEntry(
                kind,
                c.subject.human_friendly,
                hashlib.sha256(c.dump()).hexdigest(),
                c.not_valid_after,
                p,
            )
            for kind in ("root", "intermediate")
            for c, p in self._load(kind)
        ]

    def add(self, data: bytes, kind: str | None = None) -> list[TrustEntry]:
        """Add the certificates in `data`; self-signed ones become roots unless told."""
        certs = read_certificates(data)
        added: list[TrustEntry] = []
        for cert in certs:
            is_ca = bool(cert.ca)
            if not is_ca and kind != "root":
                raise ValueError(f"not a CA certificate: {cert.subject.human_friendly}")
            k = kind or (
                "root"
                if cert.self_signed == "maybe" or cert.self_signed == "yes"
                else "intermediate"
            )
            digest = hashlib.sha256(cert.dump()).hexdigest()
            folder = self._dir(k)
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{digest[:16]}.pem"
            path.write_bytes(pem.armor("CERTIFICATE", cert.dump()))
            added.append(
                TrustEntry(k, cert.subject.human_friendly, digest, cert.not_valid_after, path)
            )
        return added

    def remove(self, sha256_prefix: str) -> int:
        removed = 0
        for entry in self.entries():
            if entry.sha256.startswith(sha256_prefix.lower()) and entry.path.exists():
                entry.path.unlink()
                removed += 1
        return removed

    def chain_for(self, leaf_der: bytes) -> list[bytes]:
        """Issuer certificates of `leaf` (intermediates, then the root when known), by name."""
        pool = [c for c, _ in self._load("intermediate")] + [c for c, _ in self._load("root")]
        chain: list[bytes] = []
        cur = asn1_x509.Certificate.load(leaf_der)
        for _ in range(6):
            issuer = next(
                (c for c in pool if c.subject == cur.issuer and c.dump() not in chain), None
            )
            if issuer is None or issuer.dump() == cur.dump():
                break
            chain.append(issuer.dump())
            cur = issuer
        return chain


# -- reachability ---------------------------------------------------------------------------------


def _post(url: str, body: bytes, ctype: str, timeout: float) -> tuple[int, bytes, str]:
    import requests

    resp = requests.post(url, data=body, headers={"Content-Type": ctype}, timeout=timeout)
    return resp.status_code, resp.content, resp.headers.get("Content-Type", "")


def probe_tsa(url: str | None, timeout: float = 10.0) -> Probe:
    """Ask the TSA for a real time-stamp of a random digest and check the answer."""
    import requests
    from asn1crypto import tsp

    if not url:
        return Probe("tsa", None, ProbeStatus.NOT_CONFIGURED)
    digest = hashlib.sha384(secrets.token_bytes(32)).digest()
    nonce = int.from_bytes(secrets.token_bytes(8), "big")
    req = tsp.TimeStampReq(
        {
            "version": "v1",
            "message_imprint": {
                "hash_algorithm": {"algorithm": "sha384"},
                "hashed_message": digest,
            },
            "nonce": nonce,
            "cert_req": True,
        }
    )
    started = time.perf_counter()
    try:
        status, body, _ctype = _post(url, req.dump(), "application/timestamp-query", timeout)
    except requests.RequestException as exc:
        return Probe("tsa", url, ProbeStatus.UNREACHABLE, detail=type(exc).__name__)
    millis = (time.perf_counter() - started) * 1000
    if status != 200:
        return Probe("tsa", url, ProbeStatus.BAD_RESPONSE, millis, detail=f"http-{status}")
    try:
        resp = tsp.TimeStampResp.load(body)
        if resp["status"]["status"].native != "granted":
            return Probe("tsa", url, ProbeStatus.BAD_RESPONSE, millis, detail="not granted")
        info = resp["time_stamp_token"]["content"]["encap_content_info"]["content"].parsed
        if info["nonce"].native != nonce or (
            info["message_imprint"]["hashed_message"].native != digest
        ):
            return Probe("tsa", url, ProbeStatus.BAD_RESPONSE, millis, detail="wrong imprint")
    except Exception as exc:  # anything unparsable is a bad response
        return Probe("tsa", url, ProbeStatus.BAD_RESPONSE, millis, detail=type(exc).__name__)
    return Probe("tsa", url, ProbeStatus.OK, millis)


def ocsp_url_of(cert_der: bytes) -> str | None:
    urls = asn1_x509.Certificate.load(cert_der).ocsp_urls
    return urls[0] if urls else None


def probe_ocsp(
    cert_der: bytes | None,
    issuer_der: bytes | None,
    url: str | None = None,
    timeout: float = 10.0,
) -> Probe:
    """Ask the OCSP responder about the signer's certificate (good / revoked / unknown).

    The answer's signature is not checked here: this decides only whether to try B-LT and
    whether to stop before the PIN for a revoked certificate. pyHanko validates the response
    it embeds in the signature.
    """
    import requests
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509 import ocsp

    if cert_der is None:
        return Probe("ocsp", url, ProbeStatus.SKIPPED, detail="no certificate")
    url = url or ocsp_url_of(cert_der)
    if not url:
        return Probe("ocsp", None, ProbeStatus.NOT_CONFIGURED, detail="no OCSP URL")
    if issuer_der is None:
        return Probe("ocsp", url, ProbeStatus.SKIPPED, detail="issuer unknown")
    cert = x509.load_der_x509_certificate(cert_der)
    issuer = x509.load_der_x509_certificate(issuer_der)
    nonce = secrets.token_bytes(16)
    request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(cert, issuer, hashes.SHA1())
        .add_extension(x509.OCSPNonce(nonce), critical=False)
        .build()
        .public_bytes(serialization.Encoding.DER)
    )
    started = time.perf_counter()
    try:
        status, body, _ctype = _post(url, request, "application/ocsp-request", timeout)
    except requests.RequestException as exc:
        return Probe("ocsp", url, ProbeStatus.UNREACHABLE, detail=type(exc).__name__)
    millis = (time.perf_counter() - started) * 1000
    if status != 200:
        return Probe("ocsp", url, ProbeStatus.BAD_RESPONSE, millis, detail=f"http-{status}")
    try:
        resp = ocsp.load_der_ocsp_response(body)
        if resp.response_status != ocsp.OCSPResponseStatus.SUCCESSFUL:
            return Probe(
                "ocsp",
                url,
                ProbeStatus.BAD_RESPONSE,
                millis,
                detail=resp.response_status.name.lower(),
            )
        cert_status = {
            ocsp.OCSPCertStatus.GOOD: CertStatus.GOOD,
            ocsp.OCSPCertStatus.REVOKED: CertStatus.REVOKED,
        }.get(resp.certificate_status, CertStatus.UNKNOWN)
    except Exception as exc:
        return Probe("ocsp", url, ProbeStatus.BAD_RESPONSE, millis, detail=type(exc).__name__)
    return Probe("ocsp", url, ProbeStatus.OK, millis, cert_status=cert_status)


def fetch_issuer(cert_der: bytes, timeout: float = 10.0) -> bytes | None:
    """The issuer certificate from the certificate's caIssuers URL (AIA), when reachable."""
    import requests

    cert = asn1_x509.Certificate.load(cert_der)
    for desc in cert.authority_information_access_value or []:
        if desc["access_method"].native != "ca_issuers":
            continue
        url = desc["access_location"].native
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            continue
        try:
            resp = requests.get(url, timeout=timeout)
        except requests.RequestException:
            continue
        if resp.status_code == 200:
            try:
                found = read_certificates(resp.content)
            except ValueError:
                continue
            if found:
                return found[0].dump()
    return None
