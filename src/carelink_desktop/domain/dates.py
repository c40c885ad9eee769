"""UK date handling: staff type and read dd/mm/yyyy; the database stores ISO dates."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

_UK_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")


def parse_uk_date(text: str) -> date:
    """Parse '07/03/1941' (also 7.3.1941 or 7-3-1941) as 7 March 1941.

    Raises ValueError with a message a person can act on.
    """
    match = _UK_DATE.match(text)
    if not match:
        raise ValueError(f"'{text.strip()}' is not a date: type it as dd/mm/yyyy, e.g. 07/03/1941.")
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"'{text.strip()}' is not a real date.") from None


def format_uk_date(value: date | None) -> str:
    """07/03/1941, or an empty string for no date."""
    return value.strftime("%d/%m/%Y") if value else ""


def format_uk_datetime(value: datetime | None) -> str:
    """07/03/2026 14:05 in local time."""
    if value is None:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone()
    return value.strftime("%d/%m/%Y %H:%M")


def utc_now() -> datetime:
    """The current moment, timezone-aware in UTC (the only kind of timestamp the core stores)."""
    return datetime.now(UTC)


def age_on(born: date, on: date) -> int:
    """Whole years between ``born`` and ``on``."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
