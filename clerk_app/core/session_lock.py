"""The desktop session's idle lock, as a clock-driven policy the UI drives.

The UI reports input with `activity(now)` and polls `check(now)` from a timer; once idle for
`idle_lock_minutes` the session locks. A locked session keeps the window and its unsaved work;
only the same person may unlock it (after signing in again, by card or password). Someone else
at the keyboard must sign the session out, which the UI confirms because unsaved work is lost.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from clerk_app.core.staff import Principal


class UnlockRefused(Exception):
    """Another person tried to unlock the session."""


class WorkSession:
    def __init__(self, principal: Principal, idle_timeout: timedelta, now: datetime) -> None:
        if idle_timeout <= timedelta(0):
            raise ValueError("idle timeout must be positive")
        self.principal = principal
        self.idle_timeout = idle_timeout
        self.last_activity = now
        self.locked = False
        self.locked_at: datetime | None = None

    def activity(self, now: datetime) -> None:
        """Keyboard or mouse input; ignored while locked (the lock screen has its own)."""
        if not self.locked:
            self.last_activity = max(self.last_activity, now)

    def remaining(self, now: datetime) -> timedelta:
        return max(timedelta(0), self.last_activity + self.idle_timeout - now)

    def check(self, now: datetime) -> bool:
        """Lock when idle too long; True while the session is locked."""
        if not self.locked and now - self.last_activity >= self.idle_timeout:
            self.lock(now)
        return self.locked

    def lock(self, now: datetime) -> None:
        if not self.locked:
            self.locked = True
            self.locked_at = now

    def unlock(self, principal: Principal, now: datetime) -> None:
        """Unlock with a fresh sign-in of the same person (its permissions replace the old)."""
        if not same_person(self.principal, principal):
            raise UnlockRefused(principal.username)
        self.principal = principal
        self.locked = False
        self.locked_at = None
        self.last_activity = now


def same_person(a: Principal, b: Principal) -> bool:
    if a.staff_uid is not None or b.staff_uid is not None:
        return a.staff_uid == b.staff_uid
    return a.username == b.username
