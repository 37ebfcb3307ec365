"""Staff accounts in the `staff` table."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from clerk_app.core.ports import ConcurrentEdit
from clerk_app.core.staff import Role, StaffAccount
from clerk_app.store.models_security import Staff


def _utc(at: datetime | None) -> datetime | None:
    """SQLite gives back naive times; everything is stored in UTC."""
    if at is None:
        return None
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def _account(row: Staff) -> StaffAccount:
    return StaffAccount(
        uid=row.uid,
        username=row.username,
        display_name=row.display_name,
        roles=frozenset(Role(r) for r in row.roles.split(",") if r),
        personal_code=row.personal_code,
        head_of_archive=row.head_of_archive,
        active=row.active,
        password_hash=row.password_hash,
        failed_attempts=row.failed_attempts,
        locked_until=_utc(row.locked_until),
        created_at=_utc(row.created_at),
        updated_at=_utc(row.updated_at),
        row_version=row.row_version,
    )


def _values(a: StaffAccount) -> dict[str, object]:
    return {
        "username": a.username,
        "display_name": a.display_name,
        "personal_code": a.personal_code,
        "roles": ",".join(sorted(a.roles)),
        "head_of_archive": a.head_of_archive,
        "active": a.active,
        "password_hash": a.password_hash,
        "failed_attempts": a.failed_attempts,
        "locked_until": a.locked_until,
        "updated_at": a.updated_at,
    }


class SqlStaffRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, account: StaffAccount) -> None:
        self._s.add(
            Staff(
                uid=account.uid,
                created_at=account.created_at,
                row_version=account.row_version,
                **_values(account),
            )
        )
        self._s.flush()

    def _one(self, *where) -> StaffAccount | None:  # type: ignore[no-untyped-def]
        row = self._s.execute(select(Staff).where(*where)).scalar()
        return _account(row) if row else None

    def get(self, uid: str) -> StaffAccount | None:
        return self._one(Staff.uid == uid)

    def by_username(self, username: str) -> StaffAccount | None:
        return self._one(Staff.username == username)

    def by_personal_code(self, code: str) -> StaffAccount | None:
        return self._one(Staff.personal_code == code)

    def list(self, include_inactive: bool = True) -> list[StaffAccount]:
        stmt = select(Staff).order_by(Staff.username)
        if not include_inactive:
            stmt = stmt.where(Staff.active.is_(True))
        return [_account(r) for r in self._s.execute(stmt).scalars()]

    def count(self) -> int:
        return int(self._s.execute(select(func.count()).select_from(Staff)).scalar_one())

    def save(self, account: StaffAccount) -> StaffAccount:
        done = self._s.execute(
            update(Staff)
            .where(Staff.uid == account.uid, Staff.row_version == account.row_version)
            .values(**_values(account), row_version=account.row_version + 1)
            .execution_options(synchronize_session=False)
        )
        if done.rowcount != 1:
            raise ConcurrentEdit(account.uid)
        self._s.expire_all()
        saved = self.get(account.uid)
        assert saved is not None
        return saved
