"""The partner directory: organisation code → endpoint, TLS trust, signature trust roots,
receipt trust, accepted formats and languages.

The admin edits `partners.toml` next to the server config (certificate files referenced by
path); the office server reads it for incoming checks and ships it to its workstations as JSON
with the PEM texts inline (`GET /v1/workstation/directory`), which they cache in their data home.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Annotated

from cryptography import x509
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from clerk_app.exchange.certs import CertificateError, der, load_pem_bundle
from clerk_app.exchange.protocol import Language, OrgCode


class DirectoryError(ValueError):
    """A partner directory that cannot be used; the message names the file and the entry."""


class PartnerEntry(BaseModel):
    """One partner municipality as shipped to workstations (PEM texts inline)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    org_code: OrgCode
    name: Annotated[str, Field(min_length=1, max_length=300)]
    endpoint: Annotated[str, Field(pattern=r"^https://[^\s/]+(:\d+)?(/[^\s]*)?$")]
    tls_trust_pem: str = Field(description="CAs of the partner's TLS server and client certs")
    signature_roots_pem: str = Field(description="trust roots for the partner's signatures")
    receipt_roots_pem: str = Field(description="CAs (or pinned certs) of their receipt signer")
    client_cert_sha256: list[Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]] = Field(
        default_factory=list, description="optional pins of the partner's client certificates"
    )
    formats: list[str] = Field(default_factory=lambda: ["application/pdf"], min_length=1)
    languages: list[Language] = Field(min_length=1)

    @field_validator("tls_trust_pem", "signature_roots_pem", "receipt_roots_pem")
    @classmethod
    def _pem_readable(cls, value: str) -> str:
        try:
            load_pem_bundle(value)
        except CertificateError as exc:
            raise ValueError(str(exc)) from exc
        return value

    @cached_property
    def tls_trust(self) -> list[x509.Certificate]:
        return load_pem_bundle(self.tls_trust_pem)

    @cached_property
    def signature_roots(self) -> list[x509.Certificate]:
        return load_pem_bundle(self.signature_roots_pem)

    @cached_property
    def signature_roots_der(self) -> tuple[bytes, ...]:
        return tuple(der(c) for c in self.signature_roots)

    @cached_property
    def receipt_roots(self) -> list[x509.Certificate]:
        return load_pem_bundle(self.receipt_roots_pem)


class DirectoryDocument(BaseModel):
    """The shipped form: `version` changes whenever any entry changes."""

    model_config = ConfigDict(extra="forbid")

    own_org: OrgCode
    version: str
    issued_at: datetime
    partners: list[PartnerEntry]


@dataclass
class PartnerDirectory:
    own_org: str
    partners: dict[str, PartnerEntry]
    issued_at: datetime

    def get(self, org_code: str) -> PartnerEntry | None:
        return self.partners.get(org_code)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.partners.values())

    @property
    def version(self) -> str:
        body = json.dumps(
            [p.model_dump(mode="json") for p in sorted(self, key=lambda p: p.org_code)],
            sort_keys=True,
        )
        return hashlib.sha256(f"{self.own_org}\n{body}".encode()).hexdigest()[:16]

    def all_tls_cas_pem(self) -> str:
        """Every partner's TLS trust, for the partner listener's client-certificate check."""
        return "".join(p.tls_trust_pem for p in self)

    def document(self) -> DirectoryDocument:
        return DirectoryDocument(
            own_org=self.own_org,
            version=self.version,
            issued_at=self.issued_at,
            partners=sorted(self, key=lambda p: p.org_code),
        )

    def to_json(self) -> str:
        return self.document().model_dump_json(indent=2)

    @classmethod
    def from_entries(
        cls, own_org: str, entries: Iterable[PartnerEntry], issued_at: datetime | None = None
    ) -> PartnerDirectory:
        partners: dict[str, PartnerEntry] = {}
        for e in entries:
            if e.org_code in partners:
                raise DirectoryError(f"partner {e.org_code} is listed twice")
            if e.org_code == own_org:
                raise DirectoryError(f"partner {e.org_code} is the own organisation")
            partners[e.org_code] = e
        return cls(own_org, partners, issued_at or datetime.now(UTC))

    @classmethod
    def from_json(cls, text: str, source: str = "directory") -> PartnerDirectory:
        try:
            doc = DirectoryDocument.model_validate_json(text)
        except ValidationError as exc:
            raise DirectoryError(f"{source}: {_first_error(exc)}") from exc
        return cls.from_entries(doc.own_org, doc.partners, doc.issued_at)


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"])
    return f"{where}: {err['msg']}" if where else err["msg"]


def load_toml(path: Path, own_org: str) -> PartnerDirectory:
    """Read the admin's partners.toml; certificate paths are relative to the file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DirectoryError(f"{path}: file not found") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DirectoryError(f"{path}: not valid TOML ({exc})") from exc
    items = raw.get("partner", [])
    if not isinstance(items, list):
        raise DirectoryError(f"{path}: use [[partner]] tables")
    entries = []
    for i, item in enumerate(items, start=1):
        label = f"{path}: partner #{i} ({item.get('org_code', '?')})"
        data = dict(item)
        for key in ("tls_trust", "signature_roots", "receipt_roots"):
            value = data.pop(key, None)
            if value is None and key == "receipt_roots":
                value = item.get("tls_trust")
            if value is None:
                raise DirectoryError(f"{label}: `{key}` is missing")
            files = [value] if isinstance(value, str) else list(value)
            pem = []
            for f in files:
                file = (path.parent / f).resolve()
                try:
                    text = file.read_text(encoding="ascii")
                    load_pem_bundle(text, str(file))
                except (OSError, UnicodeDecodeError) as exc:
                    raise DirectoryError(f"{label}: {key}: cannot read {file}: {exc}") from exc
                except CertificateError as exc:
                    raise DirectoryError(f"{label}: {key}: {exc}") from exc
                pem.append(text if text.endswith("\n") else text + "\n")
            data[f"{key}_pem"] = "".join(pem)
        try:
            entries.append(PartnerEntry.model_validate(data))
        except ValidationError as exc:
            raise DirectoryError(f"{label}: {_first_error(exc)}") from exc
    return PartnerDirectory.from_entries(own_org, entries)
