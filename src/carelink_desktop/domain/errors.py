"""Errors the core raises, each carrying a message fit to show a member of staff.

The CLI prints ``str(error)`` as one line; the desktop shows it in a dialog. Messages are plain
UK English and never contain personal data beyond what the person typed.
"""

from __future__ import annotations

from collections.abc import Mapping


class CareLinkError(Exception):
    """Base class: something the person can understand and act on."""

    exit_code = 1


class AuthenticationError(CareLinkError):
    """Wrong username, password or recovery key (deliberately not saying which)."""

    exit_code = 2


class LoginThrottled(AuthenticationError):
    """Too many failed attempts: the person must wait before trying again."""

    def __init__(self, wait_seconds: float, *, hourly_limit: bool = False) -> None:
        self.wait_seconds = max(0.0, wait_seconds)
        self.hourly_limit = hourly_limit
        secs = int(self.wait_seconds + 0.999)
        if hourly_limit:
            minutes = max(1, (secs + 59) // 60)
            text = (
                "This account has had too many failed logins in the last hour. "
                f"Try again in {minutes} minute{'s' if minutes != 1 else ''} or ask a manager."
            )
        else:
            text = (
                f"Too many failed logins. Wait {secs} second{'s' if secs != 1 else ''} before trying again."
            )
        super().__init__(text)


class AccountDeactivated(AuthenticationError):
    """The account exists but a manager has switched it off."""


class HomeLocked(CareLinkError):
    """The desktop locked (or the workspace was closed): nothing can be read or written."""

    exit_code = 2


class PermissionDenied(CareLinkError):
    """The logged-in person's role does not allow this action."""

    exit_code = 3


class HomeNotFound(CareLinkError):
    """No home has been set up in the folder."""

    exit_code = 4


class HomeAlreadyExists(CareLinkError):
    """Refuse to overwrite an existing home."""

    exit_code = 4


class DatabaseDamaged(CareLinkError):
    """The database file is missing, truncated, altered or not this home's database."""

    exit_code = 5


class StorageError(CareLinkError):
    """The disk refused a write (full, read-only, removed); nothing was changed."""

    exit_code = 6


class NotFound(CareLinkError):
    """The record asked for does not exist (or has been deleted)."""

    exit_code = 4


class ValidationError(CareLinkError):
    """One or more fields are not acceptable; ``errors`` maps field name to message."""

    exit_code = 7

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        joined = "; ".join(f"{msg}" for msg in self.errors.values())
        super().__init__(joined or "The details are not valid.")


class SyncFileRefused(CareLinkError):
    """A sync file that cannot be imported (damaged, foreign, unknown sender, newer format...);
    nothing in the home was changed."""

    exit_code = 8
