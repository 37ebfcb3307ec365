"""What syncs and by which rules: one spec per synced table.

Data entities travel both ways; the catalogue (person records with their archival hierarchy
and payroll) only from the office server to the workstations. A key is encoded as one string:
the value itself for a single-column key, a compact JSON array for a composite one.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

DATA = "data"
CATALOGUE = "catalogue"
STREAMS = (DATA, CATALOGUE)


@dataclass(frozen=True)
class EntitySpec:
    name: str  # table name
    key: tuple[str, ...]
    stream: str = DATA
    version: str | None = None  # per-row version column (server-assigned on accept)
    append_only: bool = False  # history: inserts only, never conflicts
    deletable: bool = False
    pushable: bool = True  # may a workstation push changes of it
    immutable: frozenset[str] = frozenset()  # never changed once inserted (registry numbers)
    latest_wins: frozenset[str] = frozenset()  # bookkeeping: the later value, never a conflict
    parents: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (entity, own columns → its key)
    frozen_when: tuple[str, str] | None = None  # (column, value): the row takes no change
    order: int = 0  # apply order: parents first

    def encode_key(self, row: Mapping[str, object]) -> str:
        return encode_key([row[c] for c in self.key])

    def decode_key(self, text: str) -> tuple[object, ...]:
        return decode_key(text, len(self.key))

    def key_of(self, text: str) -> dict[str, object]:
        return dict(zip(self.key, self.decode_key(text), strict=True))

    def is_frozen(self, row: Mapping[str, object] | None) -> bool:
        if row is None or self.frozen_when is None:
            return False
        column, value = self.frozen_when
        return row.get(column) == value

    def bookkeeping(self) -> frozenset[str]:
        return self.latest_wins | ({self.version} if self.version else frozenset())


def encode_key(values: list[object]) -> str:
    if len(values) == 1:
        return str(values[0])
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def decode_key(text: str, width: int) -> tuple[object, ...]:
    if width == 1:
        return (text,)
    values = json.loads(text)
    if not isinstance(values, list) or len(values) != width:
        raise ValueError(f"bad composite key {text!r}")
    return tuple(values)


REQUEST = EntitySpec(
    "request",
    ("uid",),
    version="row_version",
    # the number a clerk printed, and when it was registered, are the server's to keep
    immutable=frozenset({"reg_number", "registered_on", "registered_at", "created_by"}),
    latest_wins=frozenset({"updated_at"}),
    order=1,
)
REQUEST_EVENT = EntitySpec(
    "request_event",
    ("uid",),
    append_only=True,
    parents=(("request", ("request_uid",)),),
    order=2,
)
REQUEST_RECORD = EntitySpec(
    "request_record",
    ("request_uid", "record_id"),
    deletable=True,
    parents=(("request", ("request_uid",)),),
    order=2,
)
CERTIFICATE = EntitySpec(
    "certificate",
    ("uid",),
    # a final certificate is immutable (a correction is a new version that supersedes it);
    # drafts have no row version: a stale edit is found by comparing with its base values
    frozen_when=("status", "final"),
    immutable=frozenset({"registry_number", "version", "supersedes_uid", "created_at"}),
    parents=(("certificate", ("supersedes_uid",)),),
    order=3,
)
PERSON_RECORD = EntitySpec(
    "person_record", ("record_id",), stream=CATALOGUE, deletable=True, pushable=False
)

DATA_ENTITIES: dict[str, EntitySpec] = {
    s.name: s
    for s in sorted((REQUEST, REQUEST_EVENT, REQUEST_RECORD, CERTIFICATE), key=lambda s: s.order)
}
ENTITIES: dict[str, EntitySpec] = {**DATA_ENTITIES, PERSON_RECORD.name: PERSON_RECORD}

# catalogue tables copied by the initial snapshot, parents first
CATALOGUE_TABLES = ("archive", "fonds", "inventory", "file_unit", "person_record", "payroll_entry")


def spec(name: str) -> EntitySpec:
    try:
        return ENTITIES[name]
    except KeyError:
        raise UnknownEntity(name) from None


class UnknownEntity(KeyError):
    pass
