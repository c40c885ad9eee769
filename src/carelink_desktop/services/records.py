"""Shared plumbing for record services: copying detail dataclasses onto rows and back, and
listing which fields an edit changed (the audit log names fields, not their contents)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, is_dataclass
from datetime import date
from enum import Enum
from typing import Any, TypeVar

T = TypeVar("T")


def _to_column(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [_to_column(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_json(getattr(value, f.name)) for f in fields(value)}
    return value


def _to_json(value: Any) -> Any:
    """A value inside a JSON column: as ``_to_column``, with dates as ISO text."""
    if isinstance(value, date):
        return value.isoformat()
    return _to_column(value)


def apply_details(row: Any, details: Any) -> list[str]:
    """Copy every field of ``details`` onto ``row``; return the names of fields that changed."""
    changed: list[str] = []
    for f in fields(details):
        new = _to_column(getattr(details, f.name))
        if getattr(row, f.name, None) != new:
            changed.append(f.name)
            setattr(row, f.name, new)
    return changed


def read_details(cls: type[T], row: Any, converters: dict[str, Any] | None = None) -> T:
    """Build a details dataclass from a row, converting columns with ``converters``."""
    converters = converters or {}
    values = {}
    for f in fields(cls):  # type: ignore[arg-type]
        raw = getattr(row, f.name)
        values[f.name] = converters[f.name](raw) if f.name in converters and raw is not None else raw
    return cls(**values)


def enum_tuple(enum: Callable[[Any], T]) -> Callable[[list[Any]], tuple[T, ...]]:
    """A converter for ``read_details``: a JSON list of stored values to a tuple of enums."""
    return lambda values: tuple(enum(v) for v in values)


def records_of(
    cls: Callable[..., T], converters: dict[str, Any] | None = None
) -> Callable[[list[Any]], tuple[T, ...]]:
    """A converter for ``read_details``: a JSON list of dicts to a tuple of small dataclasses."""
    converters = converters or {}

    known = {f.name for f in fields(cls)}  # type: ignore[arg-type]

    def convert(items: list[Any]) -> tuple[T, ...]:
        # keys written by a newer version are ignored rather than refused
        return tuple(
            cls(
                **{
                    k: converters[k](v) if k in converters and v is not None else v
                    for k, v in item.items()
                    if k in known
                }
            )
            for item in items
        )

    return convert
