"""JSON for certificate content, so a draft stores exactly what the clerk reviewed.

Generic over the frozen dataclasses of content.py: decoding follows the type hints, so a
new field needs no codec change. Decimals travel as strings, dates and partial dates as ISO text.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

from clerk_app.core.certificates.content import CertificateContent
from clerk_app.core.records import PartialDate


def encode(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): encode(v) for k, v in value.items()}
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def decode(tp: Any, data: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        if data is None:
            return None
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return decode(inner, data)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], d) for d in data)
        return tuple(decode(a, d) for a, d in zip(args, data, strict=True))
    if origin in (dict, Mapping, typing.Mapping) or tp in (dict, Mapping):
        return dict(data)
    if tp is PartialDate:
        return PartialDate.parse_iso(data)
    if tp is Decimal:
        return Decimal(data)
    if tp is date:
        return date.fromisoformat(data)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(data)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        return tp(**{f.name: decode(hints[f.name], data[f.name]) for f in dataclasses.fields(tp)})
    return data


def content_to_json(content: CertificateContent) -> str:
    return json.dumps(encode(content), ensure_ascii=False, separators=(",", ":"))


def content_from_json(text: str) -> CertificateContent:
    return decode(CertificateContent, json.loads(text))  # type: ignore[no-any-return]
