"""Records to JSON and back, for the store.

Every record in :mod:`newsprism.models` is a frozen dataclass of plain values, tuples
and other records, so one generic codec serves them all: a record becomes a JSON
object tagged with its class name (``"_"``), a tuple a list. Decoding turns lists back
into tuples and tagged objects back into records; fields added to a record later get
their defaults when old JSON is read, and unknown fields are ignored.
"""

from __future__ import annotations

import dataclasses
import json
from functools import cache
from typing import Any

from . import models

__all__ = ["decode", "dumps", "encode", "loads"]


@cache
def _records() -> dict[str, type]:
    return {
        name: obj
        for name, obj in vars(models).items()
        if isinstance(obj, type) and dataclasses.is_dataclass(obj)
    }


def encode(value: Any) -> Any:
    """A JSON-ready form of ``value`` (a record, tuple, list, dict or plain value)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {"_": type(value).__name__}
        for field in dataclasses.fields(value):
            out[field.name] = encode(getattr(value, field.name))
        return out
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    return value


def decode(data: Any) -> Any:
    """The inverse of :func:`encode`."""
    if isinstance(data, list):
        return tuple(decode(v) for v in data)
    if isinstance(data, dict):
        name = data.get("_")
        cls = _records().get(name) if isinstance(name, str) else None
        if cls is None:
            return {k: decode(v) for k, v in data.items()}
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: decode(v) for k, v in data.items() if k in known})
    return data


def dumps(value: Any) -> str:
    """``value`` as compact JSON text."""
    return json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> Any:
    """A value from :func:`dumps` text."""
    return decode(json.loads(text))
