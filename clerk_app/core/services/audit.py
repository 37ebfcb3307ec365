"""The access log for inquiries: verify the chain, show its head, export entries.

Verifying needs VERIFY_AUDIT, exporting EXPORT_AUDIT (admin). An export is itself an access to
personal data and is logged, with the filters it used and how many entries it returned.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from clerk_app.core.audit import ChainHead, ChainReport, LoggedEntry, verify_chain
from clerk_app.core.ports import AccessEntry, AccessQuery, UnitOfWork, access_entry
from clerk_app.core.staff import Permission, PermissionDenied, Principal, require


def _now() -> datetime:
    return datetime.now(UTC)


class AuditService:
    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        principal: Principal | None,
        workstation: str | None = None,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        self._uow = uow_factory
        self._principal = principal
        self._workstation = workstation
        self._clock = clock

    def verify(self, anchors: Iterable[ChainHead] = ()) -> ChainReport:
        require(self._principal, Permission.VERIFY_AUDIT)
        with self._uow() as uow:
            log = uow.access_log
            return verify_chain(log.entries(), log.head(), anchors, log.find_by_hash)

    def head(self) -> ChainHead | None:
        require(self._principal, Permission.VERIFY_AUDIT)
        with self._uow() as uow:
            return uow.access_log.head()

    def export(self, q: AccessQuery, write: Callable[[LoggedEntry], None]) -> int:
        """Hand every matching entry to `write`; returns the count and logs the export."""
        principal = require(self._principal, Permission.EXPORT_AUDIT)
        count = 0
        with self._uow() as uow:
            for entry in uow.access_log.query(q):
                write(entry)
                count += 1
            filters: dict[str, object] = {
                "from": q.start.isoformat() if q.start else None,
                "to": q.end.isoformat() if q.end else None,
                "actor": q.actor,
                "record_id": q.record_id,
                "request_uid": q.request_uid,
            }
            uow.access_log.add(
                access_entry(
                    principal,
                    self._workstation,
                    "audit_export",
                    self._clock(),
                    filters={k: v for k, v in filters.items() if v is not None},
                    result_count=count,
                    record_id=q.record_id,
                    request_uid=q.request_uid,
                )
            )
            uow.commit()
        return count


def record_denial(
    uow_factory: Callable[[], UnitOfWork],
    denied: PermissionDenied,
    workstation: str | None,
    where: str,
    at: datetime | None = None,
) -> None:
    """Log a refused call (`where`: the command or the API path) for the person who tried it."""
    at = at or _now()
    p = denied.principal
    with uow_factory() as uow:
        if p is not None:
            entry = access_entry(
                p,
                workstation,
                "permission_denied",
                at,
                query=where,
                filters={"permission": str(denied.permission)},
            )
        else:
            entry = AccessEntry(
                at,
                "?",
                workstation,
                "permission_denied",
                where,
                {"permission": str(denied.permission)},
                None,
            )
        uow.access_log.add(entry)
        uow.commit()
