"""Append-only access log rows: every search over personal data is recorded."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from clerk_app.core.ports import AccessEntry


class SqlAccessLog:
    """One row per search: written on the driver connection (same transaction), because the
    ORM insert cost a quarter of a typical search's time."""

    def __init__(self, session: Session) -> None:
        self._s = session
        self._sqlite = session.get_bind().dialect.name == "sqlite"

    def add(self, entry: AccessEntry) -> None:
        at: object = entry.at
        if self._sqlite:  # the text form SQLAlchemy's SQLite DateTime reads back
            at = entry.at.strftime("%Y-%m-%d %H:%M:%S.%f")
        mark = "?" if self._sqlite else "%s"
        cursor = self._s.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(
                "INSERT INTO access_log (at, actor, workstation, action, query, filters, "
                f"result_count) VALUES ({', '.join([mark] * 7)})",
                (
                    at,
                    entry.actor,
                    entry.workstation,
                    entry.action,
                    entry.query,
                    json.dumps(entry.filters, ensure_ascii=False, sort_keys=True),
                    entry.result_count,
                ),
            )
        finally:
            cursor.close()
