"""The access log as a hash chain: canonical form of an entry, its hash, and chain verification.

Every entry carries a gapless sequence number, the previous entry's hash and its own hash =
SHA-256 over the canonical serialisation of its fields together with the previous hash. Editing
an entry, deleting one, inserting one or moving one breaks a link that `verify_chain` names.

Limits, stated plainly: the hash is unkeyed, so someone with write access to the database file
who rewrites every entry after the one they changed (and the chain head) produces a consistent
chain. Against that, keep an anchor outside the workstation: `clerk audit head` prints the head
(sequence and hash) to write into a case file or send to the office server, and
`verify_chain(..., anchors=...)` checks the chain still passes through it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

GENESIS = "0" * 64
CANON_VERSION = 1


@dataclass(frozen=True)
class LoggedEntry:
    """An access-log entry as stored: the chained fields in the order they are hashed."""

    seq: int
    at: datetime
    actor: str
    staff_uid: str | None
    staff_name: str | None
    workstation: str | None
    action: str
    query: str | None
    filters: str | None  # canonical JSON text as stored
    result_count: int | None
    request_uid: str | None
    record_id: str | None
    prev_hash: str
    hash: str


def canonical_time(at: datetime) -> str:
    """UTC with microseconds; a naive time (SQLite) is UTC already."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_filters(filters: dict[str, object] | None) -> str:
    return json.dumps(filters or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entry_hash(
    *,
    seq: int,
    at: datetime,
    actor: str,
    staff_uid: str | None,
    staff_name: str | None,
    workstation: str | None,
    action: str,
    query: str | None,
    filters: str | None,
    result_count: int | None,
    request_uid: str | None,
    record_id: str | None,
    prev_hash: str,
) -> str:
    body = [
        CANON_VERSION,
        seq,
        canonical_time(at),
        actor,
        staff_uid,
        staff_name,
        workstation,
        action,
        query,
        filters,
        result_count,
        request_uid,
        record_id,
        prev_hash,
    ]
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def recompute(entry: LoggedEntry, seq: int | None = None) -> str:
    return entry_hash(
        seq=entry.seq if seq is None else seq,
        at=entry.at,
        actor=entry.actor,
        staff_uid=entry.staff_uid,
        staff_name=entry.staff_name,
        workstation=entry.workstation,
        action=entry.action,
        query=entry.query,
        filters=entry.filters,
        result_count=entry.result_count,
        request_uid=entry.request_uid,
        record_id=entry.record_id,
        prev_hash=entry.prev_hash,
    )


class BreakKind(StrEnum):
    EDITED = "edited"  # an entry's content no longer matches its hash (or its successor's link)
    DELETED = "deleted"  # one or more entries are missing
    INSERTED = "inserted"  # an entry that was never appended through the chain
    REORDERED = "reordered"  # an entry was moved to another position
    HEAD_MISMATCH = "head_mismatch"  # the chain's end is not the recorded head
    ANCHOR_MISMATCH = "anchor_mismatch"  # the chain does not pass through an external anchor


@dataclass(frozen=True)
class ChainBreak:
    kind: BreakKind
    seq: int  # the position where the chain first breaks
    detail: str  # for logs and the CLI; the UI words `kind`
    expected_hash: str | None = None
    found_hash: str | None = None


@dataclass(frozen=True)
class ChainHead:
    seq: int
    hash: str


@dataclass
class ChainReport:
    entries: int = 0
    first_seq: int | None = None
    last_seq: int | None = None
    last_hash: str = GENESIS
    problem: ChainBreak | None = None
    anchors_checked: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_chain(
    entries: Iterable[LoggedEntry],
    head: ChainHead | None,
    anchors: Iterable[ChainHead] = (),
    find_by_hash: Callable[[str], LoggedEntry | None] | None = None,
) -> ChainReport:
    """Walk the entries in sequence order and report the first broken link.

    `head` is the recorded chain head (None when the log is empty); `find_by_hash` looks an entry
    up by its stored hash, used only after a break to tell a moved entry from an edited one.
    """
    report = ChainReport()
    want_anchor = {a.seq: a.hash for a in anchors}
    it: Iterator[LoggedEntry] = iter(entries)
    prev_seq, prev_hash = 0, GENESIS
    for entry in it:
        problem = _check(entry, prev_seq, prev_hash, it, find_by_hash)
        if problem is not None:
            report.problem = problem
            return report
        if entry.seq in want_anchor:
            report.anchors_checked.append(entry.seq)
            if want_anchor[entry.seq] != entry.hash:
                report.problem = ChainBreak(
                    BreakKind.ANCHOR_MISMATCH,
                    entry.seq,
                    f"entry #{entry.seq} differs from the anchor recorded outside",
                    want_anchor[entry.seq],
                    entry.hash,
                )
                return report
        report.entries += 1
        report.first_seq = report.first_seq or entry.seq
        report.last_seq = entry.seq
        report.last_hash = entry.hash
        prev_seq, prev_hash = entry.seq, entry.hash
    missing_anchor = [s for s in want_anchor if s not in report.anchors_checked]
    if missing_anchor:
        seq = min(missing_anchor)
        report.problem = ChainBreak(
            BreakKind.DELETED if seq > prev_seq else BreakKind.ANCHOR_MISMATCH,
            seq,
            f"anchored entry #{seq} is not in the log",
        )
        return report
    report.problem = _check_head(head, prev_seq, prev_hash)
    return report


def _check(
    entry: LoggedEntry,
    prev_seq: int,
    prev_hash: str,
    rest: Iterator[LoggedEntry],
    find_by_hash: Callable[[str], LoggedEntry | None] | None,
) -> ChainBreak | None:
    want = prev_seq + 1
    content_ok = recompute(entry) == entry.hash
    link_ok = entry.prev_hash == prev_hash
    if entry.seq == want and content_ok and link_ok:
        return None
    if entry.seq <= prev_seq:
        return ChainBreak(
            BreakKind.INSERTED, entry.seq, f"entry #{entry.seq} appears twice or out of order"
        )
    if entry.seq > want and link_ok is False and content_ok:
        missing = f"#{want}" if entry.seq == want + 1 else f"#{want}–#{entry.seq - 1}"
        return ChainBreak(
            BreakKind.DELETED, want, f"{missing} missing before #{entry.seq}", prev_hash
        )
    if not content_ok:
        moved_from = _original_seq(entry)
        if moved_from is not None:
            if find_by_hash is not None and find_by_hash(entry.prev_hash) is not None:
                return ChainBreak(
                    BreakKind.REORDERED,
                    entry.seq,
                    f"entry #{entry.seq} was entry #{moved_from} (moved)",
                    recompute(entry),
                    entry.hash,
                )
            if moved_from > entry.seq:
                return ChainBreak(
                    BreakKind.DELETED,
                    want,
                    f"entry #{want} was deleted and the later entries renumbered",
                    prev_hash,
                    entry.prev_hash,
                )
        return ChainBreak(
            BreakKind.EDITED,
            entry.seq,
            f"entry #{entry.seq} does not match its hash (its content was changed)",
            recompute(entry),
            entry.hash,
        )
    # content consistent, link broken
    nxt = next(rest, None)
    if nxt is not None and nxt.prev_hash == prev_hash:
        return ChainBreak(
            BreakKind.INSERTED,
            entry.seq,
            f"entry #{entry.seq} was not part of the chain (inserted)",
            prev_hash,
            entry.prev_hash,
        )
    if entry.seq > want:
        return ChainBreak(BreakKind.DELETED, want, f"entry #{want} is missing", prev_hash)
    return ChainBreak(
        BreakKind.EDITED,
        prev_seq,
        f"entry #{prev_seq} was changed and its hash recomputed (#{entry.seq} no longer links)",
        entry.prev_hash,
        prev_hash,
    )


MOVE_WINDOW = 1000


def _original_seq(entry: LoggedEntry) -> int | None:
    """The sequence number this entry's hash was made with, if it is near its present one."""
    for delta in range(1, MOVE_WINDOW):
        for seq in (entry.seq - delta, entry.seq + delta):
            if seq > 0 and recompute(entry, seq) == entry.hash:
                return seq
    return None


def _check_head(head: ChainHead | None, last_seq: int, last_hash: str) -> ChainBreak | None:
    if head is None or head.seq == 0:
        if last_seq:
            return ChainBreak(
                BreakKind.HEAD_MISMATCH, last_seq, "entries exist but the chain head is empty"
            )
        return None
    if head.seq > last_seq:
        return ChainBreak(
            BreakKind.DELETED,
            last_seq + 1,
            f"the last {head.seq - last_seq} entries (#{last_seq + 1}–#{head.seq}) are missing",
            head.hash,
            last_hash,
        )
    if head.seq < last_seq:
        return ChainBreak(
            BreakKind.INSERTED,
            head.seq + 1,
            f"entries after #{head.seq} were added outside the application",
            head.hash,
            last_hash,
        )
    if head.hash != last_hash:
        return ChainBreak(
            BreakKind.HEAD_MISMATCH,
            last_seq,
            f"entry #{last_seq} is not the recorded chain head",
            head.hash,
            last_hash,
        )
    return None
