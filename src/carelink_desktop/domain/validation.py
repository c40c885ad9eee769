"""Small helpers shared by the record validators."""

from __future__ import annotations

import re
from dataclasses import fields, replace
from datetime import date
from typing import TypeVar

from carelink_desktop.domain.errors import ValidationError

T = TypeVar("T")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 ()\-]{6,20}$")


class Problems:
    """Collects field problems, then raises one ValidationError naming them all."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def require(self, field: str, value: str, label: str) -> None:
        if not value.strip():
            self.add(field, f"{label} is required.")

    def max_length(self, field: str, value: str, label: str, limit: int) -> None:
        if len(value) > limit:
            self.add(field, f"{label} is too long (at most {limit} characters).")

    def not_future(self, field: str, value: date | None, label: str, today: date) -> None:
        if value is not None and value > today:
            self.add(field, f"{label} cannot be in the future.")

    def not_before(
        self, field: str, value: date | None, other: date | None, label: str, other_label: str
    ) -> None:
        if value is not None and other is not None and value < other:
            self.add(field, f"{label} cannot be before the {other_label.lower()}.")

    def email(self, field: str, value: str) -> None:
        if value and not _EMAIL.match(value):
            self.add(field, "This is not an email address, e.g. name@example.org.")

    def phone(self, field: str, value: str) -> None:
        if value and not _PHONE.match(value):
            self.add(field, "A phone number has digits, spaces and an optional +, e.g. 07700 900123.")

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def cleaned_copy(record: T) -> T:
    """A copy of a frozen dataclass with every plain-text field trimmed. Enum values (a StrEnum
    is also a str) are left as they are."""
    changes = {
        f.name: clean(getattr(record, f.name))
        for f in fields(record)  # type: ignore[arg-type]
        if type(getattr(record, f.name)) is str
    }
    return replace(record, **changes)  # type: ignore[type-var]


def clean(text: str | None) -> str:
    """Trim surrounding white space; None becomes an empty string."""
    return (text or "").strip()
