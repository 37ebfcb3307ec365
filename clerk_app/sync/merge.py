"""How the office server takes a pushed change (sync.md §3, "Push" and "Conflicts go to
people"): a change made on the version the server still has is accepted; on an older one it is
merged when the two sides changed different fields, else it becomes a conflict for a clerk.
Registry numbers and other immutable fields are never overwritten, history is append-only,
a frozen row (a finalised certificate) takes no change at all.

All values are in the canonical wire form (see store/sync_codec.py), so equal means equal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from clerk_app.sync.entities import EntitySpec


class Outcome(StrEnum):
    ACCEPTED = "accepted"
    MERGED = "merged"
    CONFLICT = "conflict"
    REJECTED = "rejected"


class Reject(StrEnum):
    APPEND_ONLY = "append_only"
    IMMUTABLE = "immutable"
    FROZEN = "frozen"
    MISSING = "missing"
    EXISTS = "exists"
    NOT_PUSHABLE = "not_pushable"
    UNKNOWN_ENTITY = "unknown_entity"
    UNKNOWN_FIELD = "unknown_field"
    BAD_CHANGE = "bad_change"
    CONSTRAINT = "constraint"  # the database refused it (a duplicate number, a missing parent)
    NOT_DELETABLE = "not_deletable"


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    values: dict[str, object] | None = None  # what to write: whole row (insert) or columns
    fields: tuple[str, ...] = ()  # the fields both sides changed (conflict) or refused
    code: str | None = None

    @property
    def writes(self) -> bool:
        return self.values is not None


def _reject(code: Reject, fields: tuple[str, ...] = ()) -> Decision:
    return Decision(Outcome.REJECTED, fields=fields, code=code.value)


def _latest(a: object, b: object) -> object:
    if a is None or b is None:
        return a if b is None else b
    return max(a, b)  # type: ignore[type-var]  # canonical ISO text sorts as time


def decide_insert(
    spec: EntitySpec, current: Mapping[str, object] | None, new: Mapping[str, object]
) -> Decision:
    if current is None:
        return Decision(Outcome.ACCEPTED, dict(new))
    if spec.version is None:
        return Decision(Outcome.ACCEPTED)  # same key, same link or event: already there
    bookkeeping = spec.bookkeeping()
    if all(current.get(f) == v for f, v in new.items() if f not in bookkeeping):
        return Decision(Outcome.ACCEPTED)
    return _reject(Reject.EXISTS)


def decide_update(
    spec: EntitySpec,
    current: Mapping[str, object] | None,
    old: Mapping[str, object],
    new: Mapping[str, object],
    base_version: int | None,
) -> Decision:
    if spec.append_only:
        return _reject(Reject.APPEND_ONLY)
    if current is None:
        return _reject(Reject.MISSING)
    if spec.is_frozen(current):
        return _reject(Reject.FROZEN)
    bookkeeping = spec.bookkeeping()
    changed = {f for f, v in new.items() if f not in bookkeeping and v != old.get(f)}
    # immutable once set: a registry number drawn on finalising may fill an empty field
    refused = tuple(
        sorted(
            f
            for f in changed & spec.immutable
            if old.get(f) is not None or current.get(f) is not None
        )
    )
    if refused:
        return _reject(Reject.IMMUTABLE, refused)
    values: dict[str, object] = {f: new[f] for f in changed}
    for f in spec.latest_wins:
        if f in new:
            values[f] = _latest(current.get(f), new[f])
    if spec.version is not None:
        current_version = int(current[spec.version])  # type: ignore[call-overload]
        if base_version == current_version:
            values[spec.version] = current_version + 1
            return Decision(Outcome.ACCEPTED, values)
    # stale (or no version to tell): compare the server's row with the change's base
    server_changed = {  # a field missing from `old` was empty (None) at the base
        f
        for f in set(old) | set(new)
        if f not in bookkeeping and f in current and current[f] != old.get(f)
    }
    overlap = tuple(sorted(f for f in changed & server_changed if current[f] != new[f]))
    if overlap:
        return Decision(Outcome.CONFLICT, fields=overlap)
    if spec.version is not None:
        values[spec.version] = current_version + 1
    elif not server_changed:
        return Decision(Outcome.ACCEPTED, values)  # the server still had the base
    return Decision(Outcome.MERGED, values)


def decide_delete(spec: EntitySpec, current: Mapping[str, object] | None) -> Decision:
    if not spec.deletable:
        return _reject(Reject.NOT_DELETABLE)
    if spec.is_frozen(current):
        return _reject(Reject.FROZEN)
    return Decision(Outcome.ACCEPTED, {} if current is not None else None)


def merge_for_resolution(
    spec: EntitySpec,
    local: Mapping[str, object],
    server: Mapping[str, object],
    base: Mapping[str, object],
    choice: Mapping[str, str] | None,
) -> dict[str, object]:
    """The row a clerk's resolution asks for, built on the server's row.

    `choice` None ("keep local"): every field the local side changed takes the local value.
    Otherwise `choice` maps fields to "local" or "server"; a field it does not name keeps the
    local value only when just the local side changed it. Immutable fields always keep the
    server's value; bookkeeping fields take the later value."""
    out = dict(server)
    bookkeeping = spec.bookkeeping()
    for f, v in local.items():
        if f in bookkeeping or f in spec.immutable or f not in server:
            continue
        locally_changed = v != base.get(f)
        if choice is None:
            take_local = locally_changed
        elif f in choice:
            take_local = choice[f] == "local"
        else:
            take_local = locally_changed and server[f] == base.get(f)
        if take_local:
            out[f] = v
    for f in spec.latest_wins:
        if f in local:
            out[f] = _latest(server.get(f), local[f])
    return out
