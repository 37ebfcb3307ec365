"""The workstation's sync service: push, pull, the initial catalogue, conflicts, status.

`sync_now` pushes the outbox first and pulls after (the write checkpoint of sync.md: a
workstation never applies server state older than its own acknowledged changes); every pulled
batch is applied together with its cursor in one local transaction, so a dropped link or a
crash repeats at most one batch, harmlessly. The desktop app runs `sync_now` off the GUI
thread (progress callback, CancelToken); `BackgroundSync` repeats it while the server answers.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from uuid6 import uuid7

from clerk_app.search.fold import FOLD_VERSION
from clerk_app.sync import merge
from clerk_app.sync.catalogue import person_from_wire
from clerk_app.sync.client import CancelToken, SyncClient, SyncError
from clerk_app.sync.config import SyncConfig
from clerk_app.sync.entities import CATALOGUE, DATA, DATA_ENTITIES, spec
from clerk_app.sync.hlc import Hlc, Stamp
from clerk_app.sync.ports import ConflictRow, OutboxEntry, SyncUnitOfWork
from clerk_app.sync.protocol import RESYNC_REQUIRED, Change, Cursor, PullPage, PushResult

ACCESS_LOG = "access_log"  # sync_state row: the last access-log entry the server kept
PUSH_BATCH = 500  # changes a push (the hub takes up to 1,000)
PULL_BATCH = 500
CATALOGUE_PULL_BATCH = 2000
COPY_IDS = 50_000  # person ids per local transaction of the snapshot copy
SLOW_COPY_ROWS = 5_000


class Phase(StrEnum):
    PUSH = "push"
    PULL = "pull"
    RESYNC = "resync"
    SNAPSHOT_WAIT = "snapshot_wait"  # the server is building the catalogue snapshot
    SNAPSHOT_DOWNLOAD = "snapshot_download"  # bytes
    SNAPSHOT_UNPACK = "snapshot_unpack"
    SNAPSHOT_COPY = "snapshot_copy"  # records
    SNAPSHOT_INDEX = "snapshot_index"
    CATALOGUE = "catalogue"  # incremental catalogue changes


@dataclass(frozen=True)
class Progress:
    phase: Phase
    done: int = 0
    total: int | None = None
    stream: str | None = None


ProgressFn = Callable[[Progress], None]


@dataclass
class SyncReport:
    pushed: int = 0
    accepted: int = 0
    merged: int = 0
    conflicts: int = 0
    rejected: int = 0
    pulled: dict[str, int] = field(default_factory=dict)
    catalogue_copied: int = 0
    access_log: int = 0  # entries sent
    resynced: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    server: str
    device_code: str
    office: str
    last_success: str | None
    last_attempt: str | None
    last_error: str | None
    pending: int
    held: int
    access_log_unsent: int
    oldest_unsent: str | None
    conflicts: int
    catalogue_phase: str | None  # None: not started; download, unpack, copy, index, done
    catalogue_done: int
    catalogue_total: int | None
    cursors: dict[str, str]

    def to_json(self) -> dict[str, Any]:
        return self.__dict__.copy()


@dataclass(frozen=True)
class ConflictView:
    """What the conflict screen shows: both versions and the base, side by side."""

    id: int
    entity: str
    key: str
    label: str  # the registry number, or the key
    kind: str  # edit: both sides changed `fields`; rejected: the server refused the change
    code: str | None
    fields: list[str]
    local: dict[str, Any] | None
    server: dict[str, Any] | None
    base: dict[str, Any] | None
    detected_at: datetime

    def to_json(self) -> dict[str, Any]:
        d = self.__dict__.copy()
        d["detected_at"] = self.detected_at.isoformat()
        return d


class Keep(StrEnum):
    LOCAL = "local"
    SERVER = "server"
    MERGED = "merged"


class ResolveError(ValueError):
    def __init__(self, code: str) -> None:  # not_found, already_resolved, bad_choice
        super().__init__(code)
        self.code = code  # also final_here: a final certificate here cannot take the server's


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _wall_ms(created_at: str) -> int:
    return int(datetime.fromisoformat(created_at).replace(tzinfo=UTC).timestamp() * 1000)


class SyncService:
    def __init__(
        self,
        uow_factory: Callable[[], SyncUnitOfWork],
        config: SyncConfig,
        work_dir: Path,
        actor: str,
        client_factory: Callable[[CancelToken], SyncClient] | None = None,
    ) -> None:
        self._uow = uow_factory
        self.config = config
        self._work = work_dir
        self._actor = actor
        self._client_factory = client_factory or self._default_client
        self._lock = threading.Lock()

    def _default_client(self, cancel: CancelToken) -> SyncClient:
        c = self.config
        verify: str | bool = c.ca_file or True
        return SyncClient(c.server_url, c.device_id, c.device_secret, verify, cancel=cancel)

    # -- status ---------------------------------------------------------------------------
    def status(self) -> SyncStatus:
        with self._uow() as uow:
            counts = uow.sync.counts()
            facts = uow.sync.value("status") or {}
            snap = uow.sync.value("snapshot") or {}
            cursors = {s: uow.sync.cursor(s).encode() for s in (DATA, CATALOGUE)}
            log_unsent = uow.sync.access_log_last() - uow.sync.cursor(ACCESS_LOG).seq
        oldest = None
        if counts.oldest:
            oldest = datetime.fromisoformat(counts.oldest).replace(tzinfo=UTC).isoformat()
        return SyncStatus(
            enrolled=self.config.enrolled,
            server=self.config.server_url,
            device_code=self.config.device_code,
            office=self.config.office,
            last_success=facts.get("last_success"),
            last_attempt=facts.get("last_attempt"),
            last_error=facts.get("last_error"),
            pending=counts.pending,
            held=counts.held,
            access_log_unsent=max(log_unsent, 0),
            oldest_unsent=oldest,
            conflicts=counts.conflicts,
            catalogue_phase=snap.get("phase"),
            catalogue_done=int(snap.get("copied_rows", 0)),
            catalogue_total=snap.get("rows"),
            cursors=cursors,
        )

    def _record(self, **facts: Any) -> None:
        with self._uow() as uow:
            current = uow.sync.value("status") or {}
            uow.sync.set_value("status", current | facts)
            uow.commit()

    # -- the whole round ------------------------------------------------------------------
    def sync_now(
        self,
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
        catalogue: bool = True,
    ) -> SyncReport:
        """Push, then pull data, then the catalogue (first the snapshot, later its changes).
        Raises SyncError (offline, unauthorized, cancelled, …); what was done stays done."""
        if not self.config.enrolled:
            raise SyncError("not_enrolled")
        cancel = cancel or CancelToken()
        report = SyncReport()
        started = time.monotonic()
        with self._lock, _ProcessLock(self._work / "sync.lock"):
            client = self._client_factory(cancel)
            self._record(last_attempt=_now_iso())
            try:
                self.push(client, report, progress)
                self.push_access_log(client, report)
                self.pull(client, DATA, report, progress)
                if catalogue:
                    if (self._snapshot_state().get("phase")) != "done":
                        self.initial_catalogue(client, report, progress)
                    self.pull(client, CATALOGUE, report, progress)
            except SyncError as exc:
                self._record(last_error=exc.code)
                raise
            finally:
                client.close()
            report.seconds = time.monotonic() - started
            self._record(last_success=_now_iso(), last_error=None)
        return report

    # -- push -----------------------------------------------------------------------------
    def _hlc(self, uow: SyncUnitOfWork) -> Hlc:
        last = uow.sync.value("hlc")
        return Hlc(self.config.device_code or "local", Stamp.decode(last) if last else None)

    def push(
        self, client: SyncClient, report: SyncReport, progress: ProgressFn | None = None
    ) -> None:
        while True:
            client.cancel.check()
            with self._uow() as uow:
                entries = uow.sync.pending(PUSH_BATCH)
                if not entries:
                    return
                hlc = self._hlc(uow)
                stamps = []
                for e in entries:
                    if e.change_id is None:
                        e.change_id = str(uuid7())
                        e.hlc = hlc.now(_wall_ms(e.created_at)).encode()
                        stamps.append((e.seq, e.change_id, e.hlc))
                if stamps:  # fixed before the first send: a retry reuses them
                    uow.sync.stamp(stamps)
                    uow.sync.set_value("hlc", hlc.last.encode())
                    uow.commit()
            changes = [
                Change(
                    change_id=e.change_id or "",
                    entity=e.entity,
                    key=e.key,
                    op=e.op,
                    base_version=e.base_version,
                    new_version=e.new_version,
                    old=e.old,
                    new=e.new,
                    hlc=e.hlc,
                )
                for e in entries
            ]
            try:
                results = client.push(changes)
            except SyncError as exc:
                with self._uow() as uow:
                    uow.sync.attempted([e.seq for e in entries], exc.code)
                    uow.commit()
                raise
            self._settle(entries, results, report)
            report.pushed += len(entries)
            if progress:
                progress(Progress(Phase.PUSH, report.pushed))

    def _settle(
        self, entries: list[OutboxEntry], results: list[PushResult], report: SyncReport
    ) -> None:
        """One transaction: drop what the server took, hold what it did not (with a conflict
        for a clerk), and take the server's row where nothing local is still pending."""
        with self._uow() as uow:
            self._settle_in(uow, entries, results, report)
            uow.commit()

    def _settle_in(
        self,
        uow: SyncUnitOfWork,
        entries: list[OutboxEntry],
        results: list[PushResult],
        report: SyncReport,
    ) -> None:
        with uow.sync.applying():
            done: list[int] = []
            final: dict[tuple[str, str], PushResult] = {}
            for entry, res in zip(entries, results, strict=True):
                target = (entry.entity, entry.key)
                if res.status in (merge.Outcome.ACCEPTED, merge.Outcome.MERGED):
                    done.append(entry.seq)
                    final[target] = res
                    if res.status == merge.Outcome.MERGED:
                        report.merged += 1
                    else:
                        report.accepted += 1
                    continue
                final.pop(target, None)
                if res.status in (merge.Outcome.CONFLICT, merge.Outcome.REJECTED):
                    if res.status == merge.Outcome.CONFLICT:
                        report.conflicts += 1
                    else:
                        report.rejected += 1
                    uow.sync.add_conflict(
                        ConflictRow(
                            id=0,
                            entity=entry.entity,
                            key=entry.key,
                            kind="edit" if res.status == merge.Outcome.CONFLICT else "rejected",
                            code=res.code,
                            fields=res.fields,
                            local=uow.sync.row(entry.entity, entry.key),
                            server=res.row,
                            base=entry.old,
                            server_version=res.row_version,
                            detected_at=datetime.now(UTC),
                        )
                    )
                uow.sync.hold(entry.entity, entry.key)  # with what follows it (skipped too)
            uow.sync.remove_outbox(done)
            dirty = uow.sync.dirty_keys()
            rows: dict[str, list[dict[str, Any]]] = {}
            gone: dict[str, list[str]] = {}
            for (entity, key), res in final.items():
                if key in dirty.get(entity, ()):
                    continue  # a newer local change waits: it will merge on its push
                if res.row is not None:
                    rows.setdefault(entity, []).append(res.row)
                else:
                    gone.setdefault(entity, []).append(key)
            for entity in DATA_ENTITIES:
                uow.sync.apply_rows(entity, rows.get(entity, []), force=True)
            for entity in reversed(DATA_ENTITIES):
                uow.sync.delete_rows(entity, gone.get(entity, []))

    def push_access_log(self, client: SyncClient, report: SyncReport) -> None:
        """The access log goes to the office server (and only there), in chain order."""
        while True:
            client.cancel.check()
            with self._uow() as uow:
                sent = uow.sync.cursor(ACCESS_LOG).seq
                entries = uow.sync.access_log_after(sent, PUSH_BATCH)
            if not entries:
                return
            kept = client.push_access_log(entries)
            with self._uow() as uow:
                uow.sync.set_cursor(ACCESS_LOG, Cursor(0, kept))
                uow.commit()
            report.access_log += kept - sent
            if kept < int(entries[-1]["seq"]):
                return  # the server kept less than sent: try again at the next round

    # -- pull -----------------------------------------------------------------------------
    def _cursor(self, stream: str) -> Cursor:
        with self._uow() as uow:
            return uow.sync.cursor(stream)

    def pull(
        self,
        client: SyncClient,
        stream: str,
        report: SyncReport,
        progress: ProgressFn | None = None,
    ) -> None:
        limit = PULL_BATCH if stream == DATA else CATALOGUE_PULL_BATCH
        while True:
            client.cancel.check()
            after = self._cursor(stream)
            try:
                page = client.pull(stream, after, limit, self.config.scope)
            except SyncError as exc:
                if exc.code != RESYNC_REQUIRED or stream in report.resynced:
                    raise  # twice in one round: the server keeps refusing, do not loop
                self.resync(client, stream, report, progress)
                continue
            self.apply_page(page)
            report.pulled[stream] = report.pulled.get(stream, 0) + len(page.changes)
            if progress:
                phase = Phase.PULL if stream == DATA else Phase.CATALOGUE
                progress(Progress(phase, report.pulled[stream], stream=stream))
            if not page.has_more:
                return

    def apply_page(self, page: PullPage) -> None:
        """The batch and its cursor in one transaction; rows with local changes still to
        push are left alone (they reconcile when their push is answered)."""
        with self._uow() as uow:
            with uow.sync.applying():
                if page.stream == DATA:
                    dirty = uow.sync.dirty_keys()
                    for entity in DATA_ENTITIES:
                        mine = dirty.get(entity, set())
                        batch = [
                            c for c in page.changes if c.entity == entity and c.key not in mine
                        ]
                        rows = [c.row for c in batch if c.row is not None]
                        uow.sync.apply_rows(entity, rows, force=False)
                        uow.sync.delete_rows(entity, [c.key for c in batch if c.row is None])
                else:
                    people = [person_from_wire(c.row) for c in page.changes if c.row is not None]
                    if people:
                        uow.records.upsert_batch(people)
                    gone = [c.key for c in page.changes if c.row is None]
                    uow.sync.delete_records(gone)
                uow.sync.set_cursor(page.stream, page.next)
            if page.hlc:
                hlc = self._hlc(uow)
                hlc.receive(Stamp.decode(page.hlc))
                uow.sync.set_value("hlc", hlc.last.encode())
            uow.commit()

    def resync(
        self,
        client: SyncClient,
        stream: str,
        report: SyncReport,
        progress: ProgressFn | None = None,
    ) -> None:
        """The server forgot the changes after our cursor (retention horizon): push what is
        pending, then take the current rows (data) or a fresh snapshot (catalogue)."""
        report.resynced.append(stream)
        if progress:
            progress(Progress(Phase.RESYNC, stream=stream))
        if stream == CATALOGUE:
            with self._uow() as uow:
                uow.sync.set_value("snapshot", {"resync": True})
                uow.commit()
            self.initial_catalogue(client, report, progress)
            return
        self.push(client, report, progress)
        start = client.cursor(DATA)  # before reading: later changes come through the log
        for entity, s in DATA_ENTITIES.items():
            seen: set[str] = set()
            after: str | None = None
            while True:
                client.cancel.check()
                page = client.rows(entity, after, PULL_BATCH)
                rows = page["rows"]
                with self._uow() as uow:
                    with uow.sync.applying():
                        mine = uow.sync.dirty_keys().get(entity, set())
                        keep = [r for r in rows if s.encode_key(r) not in mine]
                        uow.sync.apply_rows(entity, keep, force=True)
                    uow.commit()
                seen.update(s.encode_key(r) for r in rows)
                after = page["next"]
                if not page["has_more"]:
                    break
            if s.deletable:  # deleted on the server while we were away: the tombstone is gone
                with self._uow() as uow:
                    with uow.sync.applying():
                        mine = uow.sync.dirty_keys().get(entity, set())
                        keys = uow.sync.keys(entity)
                        uow.sync.delete_rows(entity, [k for k in keys if k not in seen | mine])
                    uow.commit()
        with self._uow() as uow:
            uow.sync.set_cursor(DATA, start)
            uow.commit()

    # -- the initial catalogue ------------------------------------------------------------
    def _snapshot_state(self) -> dict[str, Any]:
        with self._uow() as uow:
            return uow.sync.value("snapshot") or {}

    def _save_snapshot_state(self, state: dict[str, Any]) -> None:
        with self._uow() as uow:
            uow.sync.set_value("snapshot", state)
            uow.commit()

    def initial_catalogue(
        self, client: SyncClient, report: SyncReport, progress: ProgressFn | None = None
    ) -> None:
        """Download the catalogue snapshot and copy it in; every step resumes after an
        interruption (HTTP Range for the file, the last copied person id for the copy)."""
        state = self._snapshot_state()
        if state.get("phase") == "done":
            return
        self._work.mkdir(parents=True, exist_ok=True)
        if not state.get("id"):
            meta = self._await_snapshot(client, progress)
            state = {
                "id": meta["id"],
                "size": meta["size"],
                "sha256": meta["sha256"],
                "cursor": meta["cursor"],
                "rows": meta["rows"],
                "max_id": meta["max_id"],
                "fold_version": meta.get("fold_version"),
                "resync": bool(state.get("resync")),
                "phase": "download",
                "copied_to": 0,
                "copied_rows": 0,
            }
            self._save_snapshot_state(state)
        gz = self._work / f"snapshot-{state['id']}.sqlite.gz"
        db = self._work / f"snapshot-{state['id']}.sqlite"
        if state["phase"] == "download":
            try:
                client.download(
                    state["id"],
                    gz,
                    int(state["size"]),
                    lambda done, total: (
                        progress and progress(Progress(Phase.SNAPSHOT_DOWNLOAD, done, total))
                    ),
                )
            except SyncError as exc:
                if exc.code == "not_found":  # the server replaced it meanwhile: start over
                    gz.unlink(missing_ok=True)
                    self._save_snapshot_state({"resync": state.get("resync", False)})
                raise
            if _sha256(gz) != state["sha256"]:
                gz.unlink(missing_ok=True)
                self._save_snapshot_state({"resync": state.get("resync", False)})
                raise SyncError("bad_response", "snapshot checksum")
            state["phase"] = "unpack"
            self._save_snapshot_state(state)
        if state["phase"] == "unpack":
            if progress:
                progress(Progress(Phase.SNAPSHOT_UNPACK))
            _unpack(gz, db)
            with self._uow() as uow:
                state["fast"] = uow.sync.catalogue_count() == 0
            state["phase"] = "copy"
            self._save_snapshot_state(state)
            gz.unlink(missing_ok=True)
        if state["phase"] == "copy":
            self._copy(client, state, db, report, progress)
            state["phase"] = "index"
            self._save_snapshot_state(state)
        if state["phase"] == "index":
            if progress:
                progress(Progress(Phase.SNAPSHOT_INDEX))
            with self._uow() as uow:
                uow.sync.detach_snapshot()  # before any write of this unit of work
                if state.get("fold_version") != FOLD_VERSION:
                    uow.search.rebuild()  # the server folded names with another version
                if state.get("resync") and not state.get("fast"):
                    uow.sync.prune_records(db)  # deleted on the server while we were away
                uow.sync.set_cursor(CATALOGUE, Cursor.parse(state["cursor"]))
                state["phase"] = "done"
                uow.sync.set_value("snapshot", state)
                uow.commit()
            db.unlink(missing_ok=True)

    def _await_snapshot(self, client: SyncClient, progress: ProgressFn | None) -> dict[str, Any]:
        delay = 0.2
        while True:
            meta = client.snapshot(self.config.scope)
            if meta.get("state") == "ready":
                return meta
            if progress:
                rows = int((meta.get("progress") or {}).get("rows", 0))
                progress(Progress(Phase.SNAPSHOT_WAIT, rows))
            if client.cancel.wait(delay):
                raise SyncError("cancelled")
            delay = min(delay * 1.5, 3.0)

    def _copy(
        self,
        client: SyncClient,
        state: dict[str, Any],
        db: Path,
        report: SyncReport,
        progress: ProgressFn | None,
    ) -> None:
        total = int(state["rows"])
        if state.get("fast") and not state.get("hierarchy"):
            with self._uow() as uow:
                uow.sync.copy_snapshot_hierarchy(db)
                state["hierarchy"] = True
                uow.sync.set_value("snapshot", state)
                uow.commit()
        while int(state["copied_to"]) < int(state["max_id"]):
            client.cancel.check()
            after = int(state["copied_to"])
            with self._uow() as uow:
                if state.get("fast"):
                    upto = min(after + COPY_IDS, int(state["max_id"]))
                    n = uow.sync.copy_snapshot_chunk(db, after, upto)
                else:
                    people, upto = uow.sync.snapshot_rows(db, after, SLOW_COPY_ROWS)
                    if not people:
                        upto = int(state["max_id"])
                    uow.records.upsert_batch(people)
                    n = len(people)
                state["copied_to"] = upto
                state["copied_rows"] = int(state["copied_rows"]) + n
                uow.sync.set_value("snapshot", state)
                uow.commit()
            report.catalogue_copied += n
            if progress:
                progress(Progress(Phase.SNAPSHOT_COPY, int(state["copied_rows"]), total))

    # -- conflicts ------------------------------------------------------------------------
    def conflicts(self, include_resolved: bool = False) -> list[ConflictView]:
        with self._uow() as uow:
            rows = uow.sync.conflicts(open_only=not include_resolved)
        return [self._view(c) for c in rows]

    @staticmethod
    def _view(c: ConflictRow) -> ConflictView:
        label = c.key
        for side in (c.server, c.local):  # the number a clerk knows it by
            number = side and (side.get("reg_number") or side.get("registry_number"))
            if number:
                label = str(number)
                break
        return ConflictView(
            c.id, c.entity, c.key, label, c.kind, c.code, c.fields, c.local, c.server, c.base,
            c.detected_at,
        )  # fmt: skip

    def resolve(
        self, conflict_id: int, keep: Keep | str, fields: dict[str, str] | None = None
    ) -> None:
        """Keep the server's version, the local one (laid over the server's), or merge per
        field (`fields`: field → local|server). Kept local values travel as a new change
        based on the server's version, pushed at the next sync."""
        keep = Keep(keep)
        if keep is Keep.MERGED and not fields:
            raise ResolveError("bad_choice")
        if fields and any(v not in ("local", "server") for v in fields.values()):
            raise ResolveError("bad_choice")
        with self._uow() as uow:
            c = uow.sync.conflict(conflict_id)
            if c is None:
                raise ResolveError("not_found")
            if c.resolved_at is not None:
                raise ResolveError("already_resolved")
            s = spec(c.entity)
            local = uow.sync.row(c.entity, c.key)
            if s.is_frozen(local) and c.server is not None and local != c.server:
                # final here and different there (finalised on two workstations at once):
                # neither may be rewritten; the local one stays, a correction supersedes it
                if keep is Keep.SERVER:
                    raise ResolveError("final_here")
                uow.sync.drop_outbox(c.entity, c.key)
                uow.sync.close_conflict(conflict_id, keep.value, self._actor)
                uow.commit()
                return
            with uow.sync.applying():
                uow.sync.drop_outbox(c.entity, c.key)
                if c.server is not None:
                    uow.sync.apply_rows(c.entity, [c.server], force=True)
                elif keep is Keep.SERVER and local is not None:
                    self._delete_with_children(uow, c.entity, c.key)
                if keep is not Keep.SERVER and local is not None:
                    if c.server is None:  # the server refused an insert: offer it again
                        uow.sync.enqueue(
                            c.entity, c.key, "I", None, local.get(s.version or ""), None, local
                        )
                    else:
                        row = merge.merge_for_resolution(
                            s, local, c.server, c.base or c.server,
                            None if keep is Keep.LOCAL else fields,
                        )  # fmt: skip
                        base_version = c.server.get(s.version) if s.version else None
                        if s.version:
                            row[s.version] = int(base_version or 0) + 1
                        uow.sync.apply_rows(c.entity, [row], force=True)
                        uow.sync.enqueue(
                            c.entity, c.key, "U", base_version, row.get(s.version or ""),
                            c.server, row,
                        )  # fmt: skip
            uow.sync.close_conflict(conflict_id, keep.value, self._actor)
            uow.commit()

    @staticmethod
    def _delete_with_children(uow: SyncUnitOfWork, entity: str, key: str) -> None:
        for child in DATA_ENTITIES.values():
            for parent, columns in child.parents:
                if parent == entity:
                    uow.sync.delete_children(child.name, dict(zip(columns, (key,), strict=False)))
        uow.sync.delete_rows(entity, [key])


class _ProcessLock:
    """One sync at a time per workstation, across processes too (the desktop app's background
    sync and `clerk sync`): a second one is refused as busy rather than pushing twice."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._fh: Any = None

    def __enter__(self) -> _ProcessLock:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = self._path.open("a+b")
        try:
            if os.name == "nt":  # pragma: no cover - Windows
                import msvcrt

                msvcrt.locking(self._fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._fh.close()
            raise SyncError("busy", "another sync of this workstation is running") from None
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.close()  # closing releases the lock


def _unpack(gz_path: Path, dest: Path) -> None:
    tmp = dest.with_suffix(".unpack")
    with gzip.open(gz_path, "rb") as src, tmp.open("wb") as sink:
        shutil.copyfileobj(src, sink, 1 << 20)
    tmp.replace(dest)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class BackgroundSync:
    """Runs `sync_now` every `interval` seconds on its own thread while the server answers;
    after a failure it waits longer (doubling, up to `max_interval`). `trigger()` is "Sync
    now"; `stop()` cancels a running round at its next safe point."""

    def __init__(
        self,
        service: SyncService,
        interval: float = 60.0,
        max_interval: float = 900.0,
        on_result: Callable[[SyncReport | None, SyncError | None], None] | None = None,
        progress: ProgressFn | None = None,
    ) -> None:
        self._service = service
        self._interval = interval
        self._max = max_interval
        self._on_result = on_result
        self._progress = progress
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._cancel = CancelToken()
        self._thread = threading.Thread(target=self._run, name="clerk-sync", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def trigger(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._cancel.cancel()
        self._wake.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        wait = self._interval
        while not self._stop.is_set():
            try:
                report = self._service.sync_now(self._progress, self._cancel)
            except SyncError as exc:
                if self._on_result:
                    self._on_result(None, exc)
                wait = min(max(wait, self._interval) * 2, self._max)
            else:
                if self._on_result:
                    self._on_result(report, None)
                wait = self._interval
            self._wake.wait(wait)
            self._wake.clear()
