"""The office server's side of sync: enrolment, idempotent pushes, cursor-paged pulls.

Every pushed change is decided by `merge` and written with its receipt in one transaction
(a savepoint per change inside the batch's transaction), so a replay after a lost answer
returns the stored outcome and never applies a change twice.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from uuid6 import uuid7

from clerk_app.core.audit import GENESIS, LoggedEntry, recompute
from clerk_app.core.numbering import valid_code
from clerk_app.sync import merge
from clerk_app.sync.entities import CATALOGUE, DATA, DATA_ENTITIES, UnknownEntity, spec
from clerk_app.sync.merge import Decision, Outcome, Reject
from clerk_app.sync.ports import HubUnitOfWork, RowRefused, UnknownFields
from clerk_app.sync.protocol import Change, Cursor, Pulled, PullPage, PushResult

MAX_PULL = 5000
MAX_PUSH = 1000
SKIPPED = "skipped"  # behind a conflict of the same row in the same push: not looked at


class HubError(Exception):
    """bad_token, token_used, token_expired, unauthorized, resync_required, code_taken,
    bad_code, bad_request."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class DeviceInfo:
    device_id: str
    device_code: str
    office: str
    name: str | None


@dataclass(frozen=True)
class Enrolment:
    device_id: str
    secret: str
    device_code: str
    office: str

    def to_json(self) -> dict[str, str]:
        return {
            "device_id": self.device_id,
            "secret": self.secret,
            "device_code": self.device_code,
            "office": self.office,
        }


def _logged(raw: dict[str, Any]) -> LoggedEntry:
    at = datetime.fromisoformat(str(raw["at"]))
    return LoggedEntry(
        seq=int(raw["seq"]),
        at=at if at.tzinfo else at.replace(tzinfo=UTC),
        actor=str(raw["actor"]),
        staff_uid=raw.get("staff_uid"),
        staff_name=raw.get("staff_name"),
        workstation=raw.get("workstation"),
        action=str(raw["action"]),
        query=raw.get("query"),
        filters=raw.get("filters"),
        result_count=raw.get("result_count"),
        request_uid=raw.get("request_uid"),
        record_id=raw.get("record_id"),
        prev_hash=str(raw["prev_hash"]),
        hash=str(raw["hash"]),
    )


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


Hook = Callable[[str], None]


class HubService:
    def __init__(
        self,
        uow_factory: Callable[[], HubUnitOfWork],
        clock: Callable[[], datetime] = _now,
        on_event: Hook | None = None,
    ) -> None:
        self._uow = uow_factory
        self._clock = clock
        self._on_event = on_event or (lambda _e: None)

    # -- enrolment ---------------------------------------------------------------------------
    def create_token(self, office: str, device_code: str, valid_days: int = 7) -> str:
        """A one-time token for the admin to hand to the workstation that gets `device_code`."""
        office, device_code = office.strip().upper(), device_code.strip().upper()
        if not valid_code(office) or not valid_code(device_code):
            raise HubError("bad_code", f"{office}/{device_code}")
        token = secrets.token_urlsafe(24)
        now = self._clock()
        with self._uow() as uow:
            if uow.hub.device_by_code(device_code) is not None:
                raise HubError("code_taken", device_code)
            uow.hub.add_token(
                token_hash=_hash(token),
                office=office,
                device_code=device_code,
                created_at=now,
                expires_at=now + timedelta(days=valid_days),
            )
            uow.commit()
        return token

    def enrol(self, token: str, name: str | None, nonce: str) -> Enrolment:
        """Trade the token for a device id and secret. A retry with the same nonce (the answer
        was lost) gets the same device with a fresh secret; anybody else gets token_used."""
        now = self._clock()
        secret = secrets.token_urlsafe(32)
        with self._uow() as uow:
            tok = uow.hub.token(_hash(token), lock=True)
            if tok is None:
                raise HubError("bad_token")
            if tok["used_at"] is not None:
                device = uow.hub.device(tok["used_by"]) if tok["used_by"] else None
                if device is None or not nonce or device["enrol_nonce"] != nonce:
                    raise HubError("token_used")
                uow.hub.update_device(device["device_id"], secret_hash=_hash(secret))
                uow.commit()
                return Enrolment(device["device_id"], secret, device["device_code"], tok["office"])
            expires = tok["expires_at"]
            if expires.tzinfo is None:
                expires = expires.replace(tzinfo=UTC)
            if expires < now:
                raise HubError("token_expired")
            if uow.hub.device_by_code(tok["device_code"]) is not None:
                raise HubError("code_taken", tok["device_code"])
            device_id = str(uuid7())
            uow.hub.add_device(
                device_id=device_id,
                device_code=tok["device_code"],
                office=tok["office"],
                name=(name or "")[:200] or None,
                secret_hash=_hash(secret),
                enrol_nonce=nonce or None,
                enrolled_at=now,
            )
            uow.hub.use_token(tok["token_hash"], now, device_id)
            uow.commit()
        return Enrolment(device_id, secret, tok["device_code"], tok["office"])

    def authenticate(self, device_id: str, secret: str) -> DeviceInfo:
        with self._uow() as uow:
            d = uow.hub.device(device_id)
        if d is None or d["revoked_at"] is not None:
            raise HubError("unauthorized")
        if not secrets.compare_digest(d["secret_hash"], _hash(secret)):
            raise HubError("unauthorized")
        return DeviceInfo(d["device_id"], d["device_code"], d["office"], d["name"])

    def devices(self) -> list[dict[str, Any]]:
        with self._uow() as uow:
            return uow.hub.devices()

    def revoke(self, device_code: str) -> bool:
        with self._uow() as uow:
            d = uow.hub.device_by_code(device_code.strip().upper())
            if d is None:
                return False
            uow.hub.update_device(d["device_id"], revoked_at=self._clock())
            uow.commit()
        return True

    # -- push -----------------------------------------------------------------------------
    def push(self, device: DeviceInfo, changes: Sequence[Change]) -> list[PushResult]:
        """Decide and write a batch in one transaction. Rows are read once (locked, in key
        order) and written once per key; should the database refuse a write (a duplicate
        registry number, a missing parent), the batch is redone change by change, each in
        its own savepoint, so only the refused changes are refused."""
        if len(changes) > MAX_PUSH:
            raise HubError("bad_request", f"at most {MAX_PUSH} changes a push")
        try:
            with self._uow() as uow:
                results = self._push_batch(uow, device, changes)
                self._on_event("push_before_commit")
                uow.commit()
        except RowRefused:
            with self._uow() as uow:
                blocked: set[tuple[str, str]] = set()
                results = [self._push_one(uow, device, c, blocked) for c in changes]
                uow.hub.set_origin(None, None)
                self._on_event("push_before_commit")
                uow.commit()
        self._on_event("push_committed")
        return results

    def _validate(self, uow: HubUnitOfWork, ch: Change) -> tuple[Any, Any, Decision | None]:
        """(old, new) in canonical form, or the rejection of a malformed change."""
        try:
            s = spec(ch.entity)
        except UnknownEntity:
            return None, None, Decision(Outcome.REJECTED, code=Reject.UNKNOWN_ENTITY.value)
        if not s.pushable or s.stream != DATA:
            return None, None, Decision(Outcome.REJECTED, code=Reject.NOT_PUSHABLE.value)
        if ch.op not in ("I", "U", "D"):
            return None, None, Decision(Outcome.REJECTED, code=Reject.BAD_CHANGE.value)
        try:
            old = uow.hub.canonical(ch.entity, ch.old) if ch.old is not None else None
            new = uow.hub.canonical(ch.entity, ch.new) if ch.new is not None else None
        except UnknownFields as exc:
            refused = Decision(
                Outcome.REJECTED, fields=tuple(exc.names), code=Reject.UNKNOWN_FIELD.value
            )
            return None, None, refused
        except (TypeError, ValueError, AttributeError):
            return None, None, Decision(Outcome.REJECTED, code=Reject.BAD_CHANGE.value)
        try:
            if ch.op == "D":
                key_ok = s.encode_key(s.key_of(ch.key)) == ch.key
            else:
                key_ok = new is not None and s.encode_key(new) == ch.key
        except (KeyError, ValueError, TypeError):
            key_ok = False
        if (
            not key_ok
            or (ch.op == "U" and (old is None or new is None))
            or (ch.op == "I" and new is None)
        ):
            return None, None, Decision(Outcome.REJECTED, code=Reject.BAD_CHANGE.value)
        return old, new, None

    def _push_batch(
        self, uow: HubUnitOfWork, device: DeviceInfo, changes: Sequence[Change]
    ) -> list[PushResult]:
        stored = uow.hub.receipts([c.change_id for c in changes])
        checked: list[tuple[Any, Any, Decision | None]] = []
        keys: dict[str, set[str]] = {}
        for ch in changes:
            if ch.change_id in stored:
                checked.append((None, None, None))
                if ch.entity in DATA_ENTITIES:
                    keys.setdefault(ch.entity, set()).add(ch.key)
                continue
            old, new, refused = self._validate(uow, ch)
            checked.append((old, new, refused))
            if refused is None:
                keys.setdefault(ch.entity, set()).add(ch.key)
        cache: dict[tuple[str, str], dict[str, Any] | None] = {}
        original: dict[tuple[str, str], dict[str, Any] | None] = {}
        for entity in DATA_ENTITIES:  # parents first, keys in order: one lock order for all
            if entity in keys:
                rows = uow.hub.rows_for(entity, sorted(keys[entity]), lock=True)
                for k in keys[entity]:
                    cache[(entity, k)] = original[(entity, k)] = rows.get(k)
        stamps = [c.hlc for c in changes if c.hlc]
        uow.hub.set_origin(device.device_id, max(stamps, default=None))
        results: list[PushResult] = []
        receipts: list[dict[str, Any]] = []
        blocked: set[tuple[str, str]] = set()
        for ch, (old, new, refused) in zip(changes, checked, strict=True):
            target = (ch.entity, ch.key)
            if ch.change_id in stored:
                r = stored[ch.change_id]
                if r["status"] in (Outcome.CONFLICT, Outcome.REJECTED):
                    blocked.add(target)
                fields = json.loads(r["fields"]) if r["fields"] else []
                results.append(PushResult(ch.change_id, r["status"], r["code"], fields))
                continue
            if target in blocked:
                results.append(PushResult(ch.change_id, SKIPPED, code="behind_conflict"))
                continue
            if refused is not None:
                decision = refused
            else:
                s = spec(ch.entity)
                current = cache[target]
                if ch.op == "I":
                    decision = merge.decide_insert(s, current, new)
                    if decision.values is not None:
                        cache[target] = dict(decision.values)
                elif ch.op == "U":
                    decision = merge.decide_update(s, current, old, new, ch.base_version)
                    if decision.values is not None and current is not None:
                        cache[target] = current | decision.values
                else:
                    decision = merge.decide_delete(s, current)
                    if decision.values is not None:
                        cache[target] = None
            if decision.outcome in (Outcome.CONFLICT, Outcome.REJECTED):
                blocked.add(target)
            receipts.append(self._receipt_values(device, ch, decision))
            results.append(
                PushResult(
                    ch.change_id, decision.outcome.value, decision.code, list(decision.fields)
                )
            )
        # one write per touched key, parents inserted first and children deleted first
        plan = {e: ([], [], []) for e in DATA_ENTITIES}  # type: dict[str, tuple[list, list, list]]
        for (entity, key), final in cache.items():
            before = original[(entity, key)]
            inserts, updates, deletes = plan[entity]
            if final is not None and before is None:
                inserts.append(final)
            elif final is not None and final != before:
                updates.append(final)
            elif final is None and before is not None:
                deletes.append(key)
        for entity in DATA_ENTITIES:
            uow.hub.write_rows(entity, inserts=plan[entity][0], updates=plan[entity][1])
        for entity in reversed(DATA_ENTITIES):
            uow.hub.write_rows(entity, deletes=plan[entity][2])
        uow.hub.add_receipts(receipts)
        uow.hub.set_origin(None, None)
        # every answer carries its row as the batch left it (what the workstation keeps)
        final = {e: uow.hub.rows_for(e, sorted(ks)) for e, ks in keys.items()}
        for ch, res in zip(changes, results, strict=True):
            row = final.get(ch.entity, {}).get(ch.key)
            if res.status != SKIPPED and row is not None:
                res.row = row
                s = spec(ch.entity)
                res.row_version = row.get(s.version) if s.version else None
        return results

    def _receipt_values(self, device: DeviceInfo, ch: Change, d: Decision) -> dict[str, Any]:
        return {
            "change_id": ch.change_id,
            "device_id": device.device_id,
            "entity": ch.entity[:40],
            "entity_id": ch.key[:300],
            "status": d.outcome.value,
            "code": d.code,
            "fields": json.dumps(list(d.fields)),
            "hlc": ch.hlc,
            "received_at": self._clock(),
        }

    def _push_one(
        self,
        uow: HubUnitOfWork,
        device: DeviceInfo,
        ch: Change,
        blocked: set[tuple[str, str]],
    ) -> PushResult:
        target = (ch.entity, ch.key)
        stored = uow.hub.receipt(ch.change_id)
        if stored is not None:
            if stored["status"] in (Outcome.CONFLICT, Outcome.REJECTED):
                blocked.add(target)
            return self._result(uow, ch, stored["status"], stored["code"], stored["fields"])
        if target in blocked:
            return PushResult(ch.change_id, SKIPPED, code="behind_conflict")
        try:
            with uow.hub.savepoint():
                decision = self._decide_and_write(uow, device, ch)
                self._receipt(uow, device, ch, decision)
        except RowRefused as exc:
            decision = Decision(Outcome.REJECTED, code=Reject.CONSTRAINT.value)
            with uow.hub.savepoint():
                self._receipt(uow, device, ch, decision)
            refused = str(exc).splitlines()[0][:200]
            result = self._result(uow, ch, decision.outcome, decision.code, [])
            result.fields = [refused]
            blocked.add(target)
            return result
        if decision.outcome in (Outcome.CONFLICT, Outcome.REJECTED):
            blocked.add(target)
        return self._result(uow, ch, decision.outcome, decision.code, list(decision.fields))

    def _receipt(self, uow: HubUnitOfWork, device: DeviceInfo, ch: Change, d: Decision) -> None:
        uow.hub.add_receipts([self._receipt_values(device, ch, d)])

    def _result(
        self, uow: HubUnitOfWork, ch: Change, status: str, code: str | None, fields: Any
    ) -> PushResult:
        if isinstance(fields, str):
            fields = json.loads(fields)
        row = None
        version = None
        try:
            s = spec(ch.entity)
            row = uow.hub.get_row(ch.entity, ch.key)
            if row is not None and s.version:
                version = row[s.version]
        except (UnknownEntity, ValueError):
            pass
        return PushResult(ch.change_id, str(status), code, list(fields or []), version, row)

    def _decide_and_write(self, uow: HubUnitOfWork, device: DeviceInfo, ch: Change) -> Decision:
        old, new, refused = self._validate(uow, ch)
        if refused is not None:
            return refused
        s = spec(ch.entity)
        uow.hub.set_origin(device.device_id, ch.hlc)
        current = uow.hub.get_row(ch.entity, ch.key, lock=True)
        if ch.op == "I":
            assert new is not None
            decision = merge.decide_insert(s, current, new)
            if decision.values is not None:
                uow.hub.insert_row(ch.entity, decision.values)
        elif ch.op == "U":
            assert new is not None and old is not None
            decision = merge.decide_update(s, current, old, new, ch.base_version)
            if decision.values is not None:
                uow.hub.update_row(ch.entity, ch.key, decision.values)
        else:
            decision = merge.decide_delete(s, current)
            if decision.values is not None:
                uow.hub.delete_row(ch.entity, ch.key)
        return decision

    # -- access logs ----------------------------------------------------------------------
    def access_log(self, device: DeviceInfo, entries: Sequence[dict[str, Any]]) -> int:
        """Take the next links of a workstation's access-log chain: each entry must follow the
        last one kept (sequence and previous hash) and hash to what it says. Entries already
        kept are skipped (a retry). Returns the sequence number now kept."""
        if len(entries) > MAX_PUSH:
            raise HubError("bad_request", f"at most {MAX_PUSH} entries a push")
        with self._uow() as uow:
            head = uow.hub.access_log_head(device.device_id)
            seq, last_hash = head if head is not None else (0, GENESIS)
            fresh: list[dict[str, Any]] = []
            for raw in sorted(entries, key=lambda e: int(e.get("seq", 0))):
                try:
                    entry = _logged(raw)
                except (KeyError, TypeError, ValueError) as exc:
                    raise HubError("bad_request", f"access-log entry: {exc}") from None
                if entry.seq <= seq:
                    continue
                if entry.seq != seq + 1:
                    raise HubError("chain_broken", f"entry #{seq + 1} is missing")
                if entry.prev_hash != last_hash or recompute(entry) != entry.hash:
                    raise HubError("chain_broken", f"entry #{entry.seq} does not chain")
                fresh.append(raw)
                seq, last_hash = entry.seq, entry.hash
            uow.hub.add_access_log(device.device_id, fresh, self._clock())
            uow.commit()
        return seq

    # -- pull -----------------------------------------------------------------------------
    def pull(
        self,
        device: DeviceInfo | None,
        stream: str,
        after: Cursor,
        limit: int = 500,
        scope: Sequence[str] = (),
    ) -> PullPage:
        if stream not in (DATA, CATALOGUE):
            raise HubError("bad_request", f"stream {stream!r}")
        limit = max(1, min(limit, MAX_PULL))
        with self._uow() as uow:
            if after < uow.hub.floor(stream):
                raise HubError("resync_required", stream)
            entries = uow.hub.log_page(stream, after, limit)
            keys: dict[str, dict[str, None]] = {}
            mine = device.device_id if device is not None else None
            for e in entries:
                if mine is not None and e.origin == mine:
                    continue  # its own push: the answer to it already carried the row
                s = spec(e.entity)  # canonical keys: a trigger's JSON array may be spaced
                keys.setdefault(e.entity, {})[s.encode_key(s.key_of(e.key))] = None
            changes = (
                self._data_rows(uow, keys)
                if stream == DATA
                else self._catalogue_rows(uow, keys.get("person_record", {}), scope)
            )
        nxt = Cursor(entries[-1].txid, entries[-1].seq) if entries else after
        stamps = [e.hlc for e in entries if e.hlc]
        page = PullPage(stream, changes, nxt, len(entries) == limit, max(stamps, default=None))
        if device is not None:
            self._seen(device, stream, nxt)
        self._on_event("pull_ready")
        return page

    def _data_rows(self, uow: HubUnitOfWork, keys: dict[str, dict[str, None]]) -> list[Pulled]:
        found: dict[str, dict[str, dict[str, Any]]] = {}
        for entity, ks in keys.items():
            if entity in DATA_ENTITIES:
                found[entity] = uow.hub.rows_for(entity, list(ks))
        # parents of the rows in this page come along, so a child never arrives alone
        extra: dict[str, dict[str, None]] = {}
        for entity, rows in found.items():
            for parent, columns in spec(entity).parents:
                pspec = spec(parent)
                for row in rows.values():
                    if any(row.get(c) is None for c in columns):
                        continue  # no parent (a first version supersedes nothing)
                    pkey = pspec.encode_key(
                        dict(zip(pspec.key, (row[c] for c in columns), strict=True))
                    )
                    if pkey not in keys.get(parent, {}):
                        extra.setdefault(parent, {})[pkey] = None
        for parent, ks in extra.items():
            found.setdefault(parent, {}).update(uow.hub.rows_for(parent, list(ks)))
            keys.setdefault(parent, {}).update(ks)
        out: list[Pulled] = []
        for entity in DATA_ENTITIES:
            for key in keys.get(entity, {}):
                out.append(Pulled(entity, key, found.get(entity, {}).get(key)))
        return out

    def _catalogue_rows(
        self, uow: HubUnitOfWork, keys: dict[str, None], scope: Sequence[str]
    ) -> list[Pulled]:
        rows = uow.hub.catalogue_rows(list(keys), scope)
        return [Pulled("person_record", k, rows.get(k)) for k in keys]

    def _seen(self, device: DeviceInfo, stream: str, cursor: Cursor) -> None:
        values: dict[str, Any] = {"last_seen": self._clock()}
        if stream == DATA:
            values.update(last_pulled_txid=cursor.txid, last_pulled_seq=cursor.seq)
        with self._uow() as uow:
            uow.hub.update_device(device.device_id, **values)
            uow.commit()

    def rows(self, entity: str, after: str | None, limit: int = 500) -> dict[str, Any]:
        """Current rows of a data entity in key order, for a resync past the horizon."""
        try:
            s = spec(entity)
        except UnknownEntity:
            raise HubError("bad_request", f"entity {entity!r}") from None
        if s.stream != DATA:
            raise HubError("bad_request", f"entity {entity!r}")
        limit = max(1, min(limit, MAX_PULL))
        with self._uow() as uow:
            rows = uow.hub.rows_after(entity, after, limit)
        last = s.encode_key(rows[-1]) if rows else after
        return {"entity": entity, "rows": rows, "next": last, "has_more": len(rows) == limit}

    def floor(self, stream: str) -> Cursor:
        """The newest change the log has forgotten: a cursor below it must resync."""
        with self._uow() as uow:
            return uow.hub.floor(stream)

    def cursor(self, stream: str) -> Cursor:
        with self._uow() as uow:
            return uow.hub.current_cursor(stream)

    def compact(self, keep: timedelta) -> dict[str, int]:
        """Forget the change log older than `keep` (at least the longest offline period)."""
        with self._uow() as uow:
            done = uow.hub.compact(self._clock() - keep)
            uow.commit()
        return done
