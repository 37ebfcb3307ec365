"""Staff management: add people, give roles, set passwords, disable accounts.

Bootstrap: while no staff account exists, the first one can be added without signing in, and it
must be an admin (else nobody could manage staff afterwards). From then on every change needs
MANAGE_STAFF, except a person changing their own password. The last active admin cannot be
disabled or lose the admin role. Every change is written to the access log.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from uuid6 import uuid7

from clerk_app.core.ports import UnitOfWork, access_entry
from clerk_app.core.staff import (
    DEFAULT_SCRYPT,
    Permission,
    Principal,
    Role,
    ScryptParams,
    StaffAccount,
    StaffError,
    StaffRefused,
    check_password,
    hash_password,
    normalise_personal_code,
    parse_roles,
    password_problem,
    require,
    validate_username,
)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class NewStaff:
    username: str
    display_name: str
    roles: Iterable[str]
    personal_code: str | None = None
    password: str | None = None
    head_of_archive: bool = False


class StaffService:
    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        principal: Principal | None,
        workstation: str | None = None,
        clock: Callable[[], datetime] = _now,
        default_country: str = "EE",
        scrypt: ScryptParams = DEFAULT_SCRYPT,
    ) -> None:
        self._uow = uow_factory
        self._principal = principal
        self._workstation = workstation
        self._clock = clock
        self._country = default_country
        self._scrypt = scrypt

    def has_staff(self) -> bool:
        with self._uow() as uow:
            return uow.staff.count() > 0

    def _log(self, uow: UnitOfWork, action: str, account: StaffAccount, **filters: object) -> None:
        actor = self._principal or Principal.bootstrap(account.username, self._clock())
        uow.access_log.add(
            access_entry(
                actor,
                self._workstation,
                action,
                self._clock(),
                query=account.username,
                filters={"roles": sorted(account.roles), "active": account.active} | filters,
            )
        )

    # -- writes ---------------------------------------------------------------------
    def add(self, new: NewStaff) -> StaffAccount:
        if self.has_staff():
            require(self._principal, Permission.MANAGE_STAFF)
        username = validate_username(new.username)
        display = new.display_name.strip()
        if not display:
            raise StaffRefused(StaffError.DISPLAY_NAME_REQUIRED)
        roles = parse_roles(new.roles)
        code = (
            normalise_personal_code(new.personal_code, self._country) if new.personal_code else None
        )
        if new.password is not None:
            problem = password_problem(new.password, username)
            if problem:
                raise StaffRefused(problem)
        if not code and new.password is None:
            raise StaffRefused(StaffError.NO_SIGN_IN_METHOD)
        if Role.SIGNATORY in roles and not code:
            raise StaffRefused(StaffError.SIGNATORY_NEEDS_CARD)
        now = self._clock()
        account = StaffAccount(
            uid=str(uuid7()),
            username=username,
            display_name=display,
            roles=roles,
            personal_code=code,
            head_of_archive=new.head_of_archive,
            password_hash=hash_password(new.password, self._scrypt) if new.password else None,
            created_at=now,
            updated_at=now,
        )
        with self._uow() as uow:
            if uow.staff.count() == 0:
                if Role.ADMIN not in roles:
                    raise StaffRefused(StaffError.FIRST_ACCOUNT_NOT_ADMIN)
            else:
                require(self._principal, Permission.MANAGE_STAFF)
            if uow.staff.by_username(username):
                raise StaffRefused(StaffError.USERNAME_TAKEN, username)
            if code and uow.staff.by_personal_code(code):
                raise StaffRefused(StaffError.PERSONAL_CODE_TAKEN)
            uow.staff.add(account)
            self._log(uow, "staff_add", account)
            uow.commit()
        return account

    def _change(
        self, username: str, change: Callable[[StaffAccount], StaffAccount], action: str
    ) -> StaffAccount:
        require(self._principal, Permission.MANAGE_STAFF)
        with self._uow() as uow:
            account = uow.staff.by_username(username.strip().lower())
            if account is None:
                raise StaffRefused(StaffError.NOT_FOUND, username)
            changed = replace(change(account), updated_at=self._clock())
            self._keep_an_admin(uow, account, changed)
            if changed.personal_code and changed.personal_code != account.personal_code:
                other = uow.staff.by_personal_code(changed.personal_code)
                if other and other.uid != account.uid:
                    raise StaffRefused(StaffError.PERSONAL_CODE_TAKEN)
            saved = uow.staff.save(changed)
            self._log(uow, action, saved)
            uow.commit()
        return saved

    @staticmethod
    def _keep_an_admin(uow: UnitOfWork, before: StaffAccount, after: StaffAccount) -> None:
        was_admin = before.active and Role.ADMIN in before.roles
        is_admin = after.active and Role.ADMIN in after.roles
        if was_admin and not is_admin:
            admins = [a for a in uow.staff.list(False) if Role.ADMIN in a.roles]
            if len(admins) <= 1:
                raise StaffRefused(StaffError.LAST_ADMIN, before.username)

    def set_roles(
        self, username: str, roles: Iterable[str], head_of_archive: bool | None = None
    ) -> StaffAccount:
        parsed = parse_roles(roles)

        def change(a: StaffAccount) -> StaffAccount:
            if Role.SIGNATORY in parsed and not a.personal_code:
                raise StaffRefused(StaffError.SIGNATORY_NEEDS_CARD)
            head = a.head_of_archive if head_of_archive is None else head_of_archive
            return replace(a, roles=parsed, head_of_archive=head)

        return self._change(username, change, "staff_roles")

    def set_personal_code(self, username: str, code: str | None) -> StaffAccount:
        norm = normalise_personal_code(code, self._country) if code else None

        def change(a: StaffAccount) -> StaffAccount:
            if norm is None and Role.SIGNATORY in a.roles:
                raise StaffRefused(StaffError.SIGNATORY_NEEDS_CARD)
            if norm is None and a.password_hash is None:
                raise StaffRefused(StaffError.NO_SIGN_IN_METHOD)
            return replace(a, personal_code=norm)

        return self._change(username, change, "staff_personal_code")

    def set_active(self, username: str, active: bool) -> StaffAccount:
        return self._change(
            username,
            lambda a: replace(a, active=active, failed_attempts=0, locked_until=None),
            "staff_enable" if active else "staff_disable",
        )

    def set_password(
        self, username: str, new_password: str, old_password: str | None = None
    ) -> StaffAccount:
        """An admin sets anyone's password; a person changes their own with the old one."""
        name = username.strip().lower()
        own = self._principal is not None and self._principal.username == name
        if not own:
            require(self._principal, Permission.MANAGE_STAFF)
        problem = password_problem(new_password, name)
        if problem:
            raise StaffRefused(problem)
        with self._uow() as uow:
            account = uow.staff.by_username(name)
            if account is None:
                raise StaffRefused(StaffError.NOT_FOUND, username)
            needs_old = own and not self._may_manage() and account.password_hash
            if needs_old and not check_password(old_password or "", account.password_hash):
                raise StaffRefused(StaffError.OLD_PASSWORD_WRONG)
            saved = uow.staff.save(
                replace(
                    account,
                    password_hash=hash_password(new_password, self._scrypt),
                    failed_attempts=0,
                    locked_until=None,
                    updated_at=self._clock(),
                )
            )
            self._log(uow, "staff_password", saved)
            uow.commit()
        return saved

    def _may_manage(self) -> bool:
        return self._principal is not None and self._principal.can(Permission.MANAGE_STAFF)

    # -- reads ----------------------------------------------------------------------
    def list(self) -> list[StaffAccount]:
        require(self._principal, Permission.MANAGE_STAFF)
        with self._uow() as uow:
            return uow.staff.list()

    def get(self, username: str) -> StaffAccount:
        require(self._principal, Permission.MANAGE_STAFF)
        with self._uow() as uow:
            account = uow.staff.by_username(username.strip().lower())
        if account is None:
            raise StaffRefused(StaffError.NOT_FOUND, username)
        return account
