"""The inbox fetcher: pulls what the office server received for us, stores and applies each
message, and only then acknowledges it. A crash between store and acknowledge makes the server
hand the message over again; the inbox recognises its id and does not apply it twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from clerk_app.exchange.http import OfficeClient
from clerk_app.exchange.service import ExchangeService


@dataclass
class FetchReport:
    fetched: int = 0
    applied: int = 0
    invalid: int = 0
    duplicates: int = 0
    problems: list[str] = field(default_factory=list)


class InboxFetcher:
    def __init__(self, office: OfficeClient, service: ExchangeService) -> None:
        self._office = office
        self._service = service

    def fetch(self, batch: int = 50, max_batches: int = 1000) -> FetchReport:
        report = FetchReport()
        for _ in range(max_batches):
            data: dict[str, Any] = self._office.inbox(batch)
            items = data.get("messages") or []
            if not items:
                break
            done = []
            for item in items:
                report.fetched += 1
                try:
                    result = self._service.take_incoming(item)
                except (ValidationError, ValueError, KeyError) as exc:
                    # the server should never hand this out; keep it on the server, say why
                    mid = (item.get("envelope") or {}).get("message_id")
                    report.problems.append(f"{mid}: unreadable: {exc}")
                    continue
                done.append(result.message_id)
                if result.outcome == "applied":
                    report.applied += 1
                elif result.outcome == "invalid":
                    report.invalid += 1
                    report.problems.append(f"{result.message_id}: {result.code}")
                else:
                    report.duplicates += 1
            if done:
                self._office.ack(done)
            if not data.get("more") or not done:
                break
        return report
