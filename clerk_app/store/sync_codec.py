"""Rows ↔ canonical wire values, by the SQLAlchemy column types of the synced tables.

The same row must look the same whichever database it comes from, so that "changed" means
changed: dates as YYYY-MM-DD, times as UTC ISO 8601 with microseconds and +00:00 (SQLite keeps
naive UTC, PostgreSQL aware values), decimals as text, bytes as hex. The workstation's capture
triggers write SQLite's own text forms; they go through the same functions.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    Numeric,
    Table,
)

from clerk_app.store import models
from clerk_app.sync.ports import UnknownFields as UnknownColumn


def table(name: str) -> Table:
    return models.Base.metadata.tables[name]


@cache
def kinds(name: str) -> dict[str, str]:
    """Column name → one of date, datetime, int, float, decimal, bytes, bool, text."""
    out: dict[str, str] = {}
    for col in table(name).columns:
        t = col.type
        if isinstance(t, DateTime):
            kind = "datetime"
        elif isinstance(t, Date):
            kind = "date"
        elif isinstance(t, Boolean):
            kind = "bool"
        elif isinstance(t, Integer):
            kind = "int"
        elif isinstance(t, Float):
            kind = "float"
        elif isinstance(t, Numeric):
            kind = "decimal"
        elif isinstance(t, LargeBinary):
            kind = "bytes"
        else:
            kind = "text"
        out[col.name] = kind
    return out


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _to_wire(kind: str, v: Any) -> Any:
    if v is None:
        return None
    if kind == "datetime":
        if isinstance(v, str):
            v = datetime.fromisoformat(v)
        return _utc(v).isoformat(timespec="microseconds")
    if kind == "date":
        return v.isoformat() if isinstance(v, date) else str(v)[:10]
    if kind == "int":
        return int(v)
    if kind == "float":
        return float(v)
    if kind == "decimal":
        return str(Decimal(str(v)))
    if kind == "bytes":
        return v.hex() if isinstance(v, bytes | bytearray | memoryview) else str(v).lower()
    if kind == "bool":
        return bool(v)
    return str(v)


def _from_wire(kind: str, v: Any) -> Any:
    if v is None:
        return None
    if kind == "datetime":
        return _utc(datetime.fromisoformat(v) if isinstance(v, str) else v)
    if kind == "date":
        return date.fromisoformat(str(v)[:10]) if not isinstance(v, date) else v
    if kind == "int":
        return int(v)
    if kind == "float":
        return float(v)
    if kind == "decimal":
        return Decimal(str(v))
    if kind == "bytes":
        return bytes.fromhex(v) if isinstance(v, str) else bytes(v)
    if kind == "bool":
        return bool(v)
    return str(v)


def check_columns(name: str, row: Mapping[str, Any]) -> None:
    unknown = sorted(set(row) - set(kinds(name)))
    if unknown:
        raise UnknownColumn(name, unknown)


def to_wire(name: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """A database row (any dialect) or captured JSON → canonical wire values. Unknown
    columns raise UnknownColumn."""
    k = kinds(name)
    check_columns(name, row)
    return {c: _to_wire(k[c], v) for c, v in row.items()}


def from_wire(name: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """Wire values → Python values SQLAlchemy binds on SQLite and PostgreSQL alike. Columns
    this schema does not have are dropped (a newer server may send more)."""
    k = kinds(name)
    return {c: _from_wire(k[c], v) for c, v in row.items() if c in k}


def canonical(name: str, row: Mapping[str, Any]) -> dict[str, Any]:
    return to_wire(name, row)
