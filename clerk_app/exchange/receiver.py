"""Receiving a message from a partner: every check of protocol v1, durable storage, receipt.

HTTP-agnostic (the FastAPI router is a thin adapter): the caller passes the client
certificate it saw on the TLS connection, the raw JSON object and the parsed submission. A
refusal raises `Refused` with an HTTP status and a stable code; nothing is written unless
every check passed, and the message, its document and its receipt go into one transaction.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from cryptography import x509

from clerk_app.core.exchange import DocumentVerifier, ExchangeError, ReceivedMessage
from clerk_app.core.ports import UnitOfWork
from clerk_app.exchange.certs import chains_to, fingerprint, subject_org_codes
from clerk_app.exchange.directory import PartnerDirectory, PartnerEntry
from clerk_app.exchange.protocol import ReceiptBody, Submission, envelope_sha256
from clerk_app.exchange.receipts import ReceiptSigner, utc_stamp

log = logging.getLogger("clerk.exchange")

ACCEPTED_MEDIA_TYPES = ("application/pdf",)


class Refused(Exception):
    def __init__(
        self,
        status: int,
        code: ExchangeError,
        detail: str,
        message_id: UUID | None = None,
        errors: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.message_id = message_id
        self.errors = errors


@dataclass(frozen=True)
class Accepted:
    receipt_json: str
    replay: bool
    message_id: UUID


def identify_partner(directory: PartnerDirectory, cert: x509.Certificate | None) -> PartnerEntry:
    """The partner a client certificate belongs to: a pinned fingerprint, or its org code in
    the subject and issued under that partner's own TLS trust."""
    if cert is None:
        raise Refused(
            401,
            ExchangeError.CLIENT_CERTIFICATE_REQUIRED,
            "this endpoint needs a client certificate (mutual TLS)",
        )
    fp = fingerprint(cert)
    names = subject_org_codes(cert)
    for partner in directory:
        if partner.client_cert_sha256:
            if fp in partner.client_cert_sha256:
                return partner
            continue
        if partner.org_code in names and chains_to(cert, [], partner.tls_trust)[0]:
            return partner
    raise Refused(
        403,
        ExchangeError.UNKNOWN_SENDER,
        f"the client certificate ({cert.subject.rfc4514_string()}, sha256 {fp[:16]}…) "
        "belongs to no partner in this server's directory",
    )


class Receiver:
    def __init__(
        self,
        *,
        own_org: str,
        directory: Callable[[], PartnerDirectory],
        signer: ReceiptSigner,
        verifier: DocumentVerifier,
        uow_factory: Callable[[], UnitOfWork],
        accepted_languages: Sequence[str],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.own_org = own_org
        self._directory = directory
        self._signer = signer
        self._verifier = verifier
        self._uow = uow_factory
        self._languages = set(accepted_languages)
        self._clock = clock

    @property
    def directory(self) -> PartnerDirectory:
        return self._directory()

    def receive(
        self, partner: PartnerEntry, client_cert_sha256: str, raw: dict[str, Any], sub: Submission
    ) -> Accepted:
        env = sub.envelope
        mid = env.message_id
        if env.recipient != self.own_org:
            raise Refused(
                422,
                ExchangeError.WRONG_RECIPIENT,
                f"this server receives for {self.own_org}, not {env.recipient}",
                mid,
            )
        if env.sender != partner.org_code:
            raise Refused(
                403,
                ExchangeError.SENDER_MISMATCH,
                f"the client certificate is {partner.org_code}'s; the envelope says {env.sender}",
                mid,
            )
        if env.language not in self._languages:
            raise Refused(
                422,
                ExchangeError.LANGUAGE_NOT_ACCEPTED,
                f"language {env.language} is not accepted here "
                f"(accepted: {', '.join(sorted(self._languages))})",
                mid,
            )
        try:
            document = sub.document_bytes()
        except ValueError as exc:
            raise Refused(400, ExchangeError.MALFORMED_BODY, str(exc), mid) from exc
        info = env.document
        if (info is None) != (document is None):
            raise Refused(
                422,
                ExchangeError.ENVELOPE_INVALID,
                "envelope.document and the document must come together",
                mid,
            )
        doc_sha = None
        if info is not None and document is not None:
            if info.media_type not in ACCEPTED_MEDIA_TYPES:
                raise Refused(
                    415,
                    ExchangeError.MEDIA_TYPE_NOT_ACCEPTED,
                    f"media type {info.media_type} is not accepted (protocol v1: application/pdf)",
                    mid,
                )
            if len(document) != info.size:
                raise Refused(
                    422,
                    ExchangeError.DOCUMENT_SIZE_MISMATCH,
                    f"the document has {len(document)} bytes, the envelope says {info.size}",
                    mid,
                )
            doc_sha = hashlib.sha256(document).hexdigest()
            if doc_sha != info.sha256:
                raise Refused(
                    422,
                    ExchangeError.DOCUMENT_HASH_MISMATCH,
                    f"the document's SHA-256 is {doc_sha}, the envelope says {info.sha256}",
                    mid,
                )
        try:
            env_sha = envelope_sha256(raw["envelope"])
        except (TypeError, KeyError) as exc:
            raise Refused(422, ExchangeError.ENVELOPE_INVALID, str(exc), mid) from exc

        with self._uow() as uow:
            stored = uow.received.get(mid)
            if stored is not None:  # a retry: the stored receipt, or 409 for other content
                return self._replay(stored, env_sha, doc_sha)
            signer_name = None
            if document is not None:
                check = self._verifier.verify(document, partner.signature_roots_der)
                if not check.valid:
                    raise Refused(
                        422,
                        ExchangeError.SIGNATURE_INVALID,
                        f"document signature: {check.code}: {check.detail}",
                        mid,
                    )
                signer_name = check.signer
            now = self._clock()
            receipt = self._signer.sign(
                ReceiptBody(
                    message_id=mid,
                    sender=env.sender,
                    receiver=self.own_org,
                    envelope_sha256=env_sha,
                    document_sha256=doc_sha,
                    received_at=utc_stamp(now),
                )
            )
            receipt_json = receipt.model_dump_json(exclude_none=True)
            added = uow.received.add(
                ReceivedMessage(
                    message_id=mid,
                    sender=env.sender,
                    recipient=env.recipient,
                    type=env.type,
                    envelope_json=json.dumps(raw["envelope"], ensure_ascii=False),
                    envelope_sha256=env_sha,
                    document=document,
                    document_sha256=doc_sha,
                    media_type=info.media_type if info else None,
                    received_at=now,
                    receipt_json=receipt_json,
                    client_cert_sha256=client_cert_sha256,
                    signer=signer_name,
                )
            )
            if not added:  # a concurrent copy of the same message won the insert
                stored = uow.received.get(mid)
                assert stored is not None
                return self._replay(stored, env_sha, doc_sha)
            uow.commit()
        log.info(
            "message received",
            extra={
                "event": "message_received",
                "message_id": str(mid),
                "sender": env.sender,
                "type": env.type.value,
                "size": len(document or b""),
                "signer": signer_name,
            },
        )
        return Accepted(receipt_json, False, mid)

    def _replay(self, stored: ReceivedMessage, env_sha: str, doc_sha: str | None) -> Accepted:
        if stored.envelope_sha256 != env_sha or stored.document_sha256 != doc_sha:
            raise Refused(
                409,
                ExchangeError.MESSAGE_ID_CONFLICT,
                f"message {stored.message_id} was received on {utc_stamp(stored.received_at)} "
                "with other content; a new message needs a new id",
                stored.message_id,
            )
        log.info(
            "message replayed",
            extra={
                "event": "message_replayed",
                "message_id": str(stored.message_id),
                "sender": stored.sender,
            },
        )
        return Accepted(stored.receipt_json, True, stored.message_id)
