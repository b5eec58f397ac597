"""Records to JSON and back: the one place a record becomes JSON.

Every record (:mod:`newsprism.models`, the briefing in :mod:`newsprism.brief.records`)
is a frozen dataclass of plain values, tuples, string-keyed dicts and other records, so
one generic codec serves them all, in two forms:

- :func:`encode` / :func:`dumps`: tagged JSON for the store and the Spark run output.
  A record becomes an object tagged with its class name (``"_"``), so
  :func:`decode` / :func:`loads` need no type to rebuild it. Fields added to a record
  later get their defaults when old JSON is read, and unknown keys are ignored.
- :func:`to_json` / :func:`from_json`: the plain JSON documented in ``docs/json.md``
  (``extract --json``, ``brief --format json``, ``/api/stories``): no tags, and
  :func:`from_json` is told the record type to rebuild.

A field's JSON key is its name, unless the field says otherwise in its metadata
(``field(metadata={"json": "source"})``): the key stays stable when the Python name is
made clearer. ``{"digits": 3}`` rounds a float in the plain form only.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Mapping
from functools import cache
from typing import Any, TypeVar

from . import models

__all__ = ["decode", "dumps", "encode", "from_json", "loads", "to_json"]

T = TypeVar("T")


@cache
def _records() -> dict[str, type]:
    from .brief import records as briefing

    found: dict[str, type] = {}
    for module in (models, briefing):
        for name, obj in vars(module).items():
            if isinstance(obj, type) and dataclasses.is_dataclass(obj):
                found[name] = obj
    return found


@cache
def _fields(cls: type) -> tuple[tuple[str, str, int | None], ...]:
    """Each field of ``cls`` as (attribute name, JSON key, digits to round to)."""
    return tuple(
        (f.name, f.metadata.get("json", f.name), f.metadata.get("digits"))
        for f in dataclasses.fields(cls)
    )


def _is_record(value: Any) -> bool:
    return dataclasses.is_dataclass(value) and not isinstance(value, type)


def _encode(value: Any, *, tagged: bool) -> Any:
    if _is_record(value):
        out: dict[str, Any] = {"_": type(value).__name__} if tagged else {}
        for name, key, digits in _fields(value.__class__):
            item = getattr(value, name)
            if digits is not None and not tagged and isinstance(item, float):
                item = round(item, digits)
            out[key] = _encode(item, tagged=tagged)
        return out
    if isinstance(value, list | tuple):
        return [_encode(v, tagged=tagged) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _encode(v, tagged=tagged) for k, v in value.items()}
    return value


def encode(value: Any) -> Any:
    """A tagged, JSON-ready form of ``value`` (a record, tuple, list, dict or plain value)."""
    return _encode(value, tagged=True)


def decode(data: Any) -> Any:
    """The inverse of :func:`encode`."""
    if isinstance(data, list):
        return tuple(decode(v) for v in data)
    if isinstance(data, dict):
        name = data.get("_")
        cls = _records().get(name) if isinstance(name, str) else None
        if cls is None:
            return {k: decode(v) for k, v in data.items()}
        kwargs = {}
        for field, key, _ in _fields(cls):
            # Records written before a field was renamed carry the old attribute name.
            for k in (key, field):
                if k in data:
                    kwargs[field] = decode(data[k])
                    break
        return cls(**kwargs)
    return data


def dumps(value: Any) -> str:
    """``value`` as compact, tagged JSON text."""
    return json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> Any:
    """A value from :func:`dumps` text."""
    return decode(json.loads(text))


def to_json(value: Any) -> Any:
    """The plain JSON form of ``value``: records as objects keyed by their fields' JSON
    keys, in field order; tuples as lists.

    Example:
        >>> to_json(models.Span(0, 5, "Kyiv."))
        {'start': 0, 'end': 5, 'text': 'Kyiv.'}
    """
    return _encode(value, tagged=False)


def from_json(cls: type[T], data: Any) -> T:
    """The record of type ``cls`` that :func:`to_json` gave ``data`` for.

    Keys missing from ``data`` take the field's default; unknown keys are ignored.

    Raises:
        TypeError: a key without a default is missing, or a value is not of its field's
            type.
    """
    return typing.cast(T, _from_json(cls, data))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _from_json(hint: Any, data: Any) -> Any:
    if hint is Any:
        return data
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(data, Mapping):
            raise TypeError(f"{hint.__name__}: expected an object, got {type(data).__name__}")
        hints = _hints(hint)
        kwargs = {
            name: _from_json(hints[name], data[key])
            for name, key, _ in _fields(hint)
            if key in data
        }
        return hint(**kwargs)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        if data is None and type(None) in args:
            return None
        options = [a for a in args if a is not type(None)]
        if len(options) == 1:
            return _from_json(options[0], data)
        return data
    if origin is typing.Literal:
        return data
    if origin is tuple:
        if not isinstance(data, list | tuple):
            raise TypeError(f"expected a list, got {type(data).__name__}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_from_json(args[0], v) for v in data)
        return tuple(_from_json(a, v) for a, v in zip(args, data, strict=True))
    if origin in (dict, Mapping):
        if not isinstance(data, Mapping):
            raise TypeError(f"expected an object, got {type(data).__name__}")
        return {str(k): _from_json(args[1] if args else Any, v) for k, v in data.items()}
    if hint is float and isinstance(data, int) and not isinstance(data, bool):
        return float(data)
    if isinstance(hint, type) and not isinstance(data, hint):
        raise TypeError(f"expected {hint.__name__}, got {type(data).__name__}")
    return data
