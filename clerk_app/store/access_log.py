"""Append-only access log rows: every search over personal data is recorded."""

from __future__ import annotations

import json

from sqlalchemy import insert
from sqlalchemy.orm import Session

from clerk_app.core.ports import AccessEntry
from clerk_app.store import models


class SqlAccessLog:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, entry: AccessEntry) -> None:
        self._s.execute(
            insert(models.AccessLog).values(
                at=entry.at,
                actor=entry.actor,
                workstation=entry.workstation,
                action=entry.action,
                query=entry.query,
                filters=json.dumps(entry.filters, ensure_ascii=False, sort_keys=True),
                result_count=entry.result_count,
            )
        )
