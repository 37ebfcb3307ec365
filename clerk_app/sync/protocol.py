"""The sync wire protocol between a workstation and its office server (JSON, gzip bodies).

    POST /sync/enrol                    {token, name, nonce} → {device_id, secret, codes…}
    POST /sync/push                     {changes: [Change…]} → {results: [PushResult…]}
    GET  /sync/pull?stream=&after=t,s&limit=&scope=
                                        → {changes: [Pulled…], next: "t,s", has_more} | 409
    GET  /sync/rows?entity=&after=&limit=   current rows by key (resync after the horizon)
    POST /sync/snapshot {scope}         → snapshot state (building / ready with id, size, sha256)
    GET  /sync/snapshot/{id}            the gzip'd SQLite catalogue file (HTTP Range resumes)
    GET  /sync/status                   the device as the server sees it

A cursor is (txid, seq): pulls return changes after it in that order, never a transaction
younger than the oldest one still running, so nothing committed late is skipped.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import asdict, dataclass, field
from typing import Any

PROTOCOL_VERSION = 1
RESYNC_REQUIRED = "resync_required"
GZIP_LEVEL = 5


@dataclass(frozen=True, order=True)
class Cursor:
    txid: int = 0
    seq: int = 0

    def encode(self) -> str:
        return f"{self.txid},{self.seq}"

    @classmethod
    def parse(cls, text: str | None) -> Cursor:
        if not text:
            return cls()
        txid, _, seq = text.partition(",")
        out = cls(int(txid), int(seq or 0))
        if out.txid < 0 or out.seq < 0:
            raise ValueError(f"bad cursor {text!r}")
        return out


@dataclass
class Change:
    """One pushed change: `old` and `new` are whole rows (canonical wire values)."""

    change_id: str
    entity: str
    key: str
    op: str  # I, U, D
    base_version: int | None = None
    new_version: int | None = None
    old: dict[str, Any] | None = None
    new: dict[str, Any] | None = None
    hlc: str | None = None

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Change:
        return cls(
            change_id=str(d["change_id"]),
            entity=str(d["entity"]),
            key=str(d["key"]),
            op=str(d["op"]),
            base_version=d.get("base_version"),
            new_version=d.get("new_version"),
            old=d.get("old"),
            new=d.get("new"),
            hlc=d.get("hlc"),
        )


@dataclass
class PushResult:
    change_id: str
    status: str  # accepted, merged, conflict, rejected
    code: str | None = None
    fields: list[str] = field(default_factory=list)
    row_version: int | None = None
    row: dict[str, Any] | None = None  # the server's row after the change (None: no such row)

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> PushResult:
        return cls(
            change_id=d["change_id"],
            status=d["status"],
            code=d.get("code"),
            fields=list(d.get("fields") or []),
            row_version=d.get("row_version"),
            row=d.get("row"),
        )


@dataclass
class Pulled:
    """The current state of one changed row (`row` None: it is gone — a tombstone)."""

    entity: str
    key: str
    row: dict[str, Any] | None

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Pulled:
        return cls(d["entity"], d["key"], d.get("row"))


@dataclass
class PullPage:
    stream: str
    changes: list[Pulled]
    next: Cursor
    has_more: bool
    hlc: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "stream": self.stream,
            "changes": [asdict(c) for c in self.changes],
            "next": self.next.encode(),
            "has_more": self.has_more,
            "hlc": self.hlc,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> PullPage:
        return cls(
            stream=d["stream"],
            changes=[Pulled.from_json(c) for c in d["changes"]],
            next=Cursor.parse(d["next"]),
            has_more=bool(d["has_more"]),
            hlc=d.get("hlc"),
        )


def dumps(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()


def encode_body(obj: object) -> bytes:
    return gzip.compress(dumps(obj), GZIP_LEVEL)


def decode_body(raw: bytes, content_encoding: str | None) -> Any:
    if (content_encoding or "").lower() == "gzip":
        raw = gzip.decompress(raw)
    return json.loads(raw)
