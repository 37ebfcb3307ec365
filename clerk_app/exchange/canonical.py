"""Canonical JSON for hashing and signing: sorted keys, no whitespace, UTF-8.

For the values the protocol uses (objects, arrays, strings, integers, booleans, null; never
floats) this output equals RFC 8785 (JCS): keys are ASCII, so code-point order is UTF-16 order,
and Python escapes exactly the characters JSON requires. Floats are refused rather than risk a
number format that another implementation writes differently.
"""

from __future__ import annotations

import json
from typing import Any


def _check(value: Any) -> None:
    if isinstance(value, float):
        raise TypeError("canonical JSON of the protocol carries no floats")
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str):
                raise TypeError("object keys must be strings")
            _check(v)
    elif isinstance(value, list | tuple):
        for v in value:
            _check(v)


def canonical_json(value: Any) -> bytes:
    _check(value)
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def drop_nulls(value: Any) -> Any:
    """The same object without null members (absent and null mean the same in the protocol)."""
    if isinstance(value, dict):
        return {k: drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [drop_nulls(v) for v in value]
    return value
