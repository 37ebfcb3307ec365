"""The outbox sender: posts due messages to partners over mutual TLS and records the outcome.

Idempotent by construction: a retry is the same message id with the same bytes, so a partner
that already stored it answers with the same receipt (never a duplicate). The state lives in the
database, so a sender killed mid-send simply finds the message due again after a restart (its
lease expires). Back-off with jitter comes from the service.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from dataclasses import dataclass, field
from datetime import timedelta

from clerk_app.core.exchange import ExchangeError, OutboxEntry
from clerk_app.exchange.directory import PartnerDirectory
from clerk_app.exchange.http import PartnerClient
from clerk_app.exchange.protocol import envelope_sha256
from clerk_app.exchange.receipts import verify_receipt
from clerk_app.exchange.service import ExchangeService
from clerk_app.exchange.workstation_config import ExchangeFolder

log = logging.getLogger("clerk.exchange.sender")


@dataclass
class SendReport:
    receipted: int = 0
    rejected: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def attempted(self) -> int:
        return self.receipted + self.rejected + self.failed


class OutboxSender:
    def __init__(
        self,
        service: ExchangeService,
        directory: PartnerDirectory,
        folder: ExchangeFolder,
        lease: timedelta = timedelta(minutes=5),
    ) -> None:
        self._service = service
        self._directory = directory
        self._folder = folder
        self._lease = lease
        self._clients: dict[str, PartnerClient] = {}
        own = service.own_org
        if not own:
            raise ValueError("the workstation has no organisation code (not enrolled)")
        self._own = own

    def _client(self, org: str) -> PartnerClient | None:
        partner = self._directory.get(org)
        if partner is None:
            return None
        if org not in self._clients:
            self._clients[org] = PartnerClient(
                partner.endpoint,
                self._folder.partner_ca(org),
                self._folder.client_cert,
                self._folder.client_key,
            )
        return self._clients[org]

    def send_due(self, limit: int = 100) -> SendReport:
        """One pass over the messages due now."""
        report = SendReport()
        while True:
            batch = self._service.claim_due(limit=min(limit, 50), lease=self._lease)
            if not batch:
                return report
            for entry in batch:
                self._send_one(entry, report)
            limit -= len(batch)
            if limit <= 0:
                return report

    def _send_one(self, entry: OutboxEntry, report: SendReport) -> None:
        mid = entry.message_id
        partner = self._directory.get(entry.recipient)
        client = self._client(entry.recipient)
        if partner is None or client is None:
            self._service.record_failure(
                mid,
                ExchangeError.PARTNER_UNKNOWN,
                f"{entry.recipient} is not in the partner directory",
                transmitted=False,
            )
            report.failed += 1
            report.errors.append(f"{mid}: partner {entry.recipient} unknown")
            return
        result = client.submit(entry.envelope_json, entry.document)
        if result.kind == "receipt" and result.body is not None:
            check = verify_receipt(
                result.body,
                trust_roots=partner.receipt_roots,
                message_id=mid,
                sender=self._own,
                receiver=partner.org_code,
                document_sha256=hashlib.sha256(entry.document).hexdigest()
                if entry.document is not None
                else None,
                envelope_sha256=envelope_sha256(json.loads(entry.envelope_json)),
            )
            if check.valid:
                self._service.record_receipt(mid, result.body)
                report.receipted += 1
                log.info("receipted", extra={"event": "receipted", "message_id": str(mid)})
                return
            self._service.record_failure(
                mid,
                ExchangeError.RECEIPT_INVALID,
                f"{check.code}: {check.detail}",
                transmitted=True,
            )
            report.failed += 1
            report.errors.append(f"{mid}: receipt {check.code}: {check.detail}")
            return
        if result.kind == "rejected":
            self._service.record_rejection(mid, result.code or "rejected", result.detail)
            report.rejected += 1
            report.errors.append(f"{mid}: rejected {result.status} {result.code}: {result.detail}")
            return
        self._service.record_failure(
            mid,
            result.code or ExchangeError.NETWORK,
            result.detail,
            transmitted=result.transmitted,
            retry_after=result.retry_after,
        )
        report.failed += 1
        report.errors.append(f"{mid}: {result.code}: {result.detail[:200]}")

    def run(self, stop: threading.Event, idle_seconds: float = 5.0) -> None:
        """Send until `stop` is set; between passes wait `idle_seconds` (or until stopped)."""
        while not stop.is_set():
            self.send_due()
            stop.wait(idle_seconds)

    def close(self) -> None:
        for c in self._clients.values():
            c.close()
        self._clients.clear()
