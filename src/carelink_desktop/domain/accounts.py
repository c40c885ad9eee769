"""Rules for staff usernames and passwords."""

from __future__ import annotations

import re
import secrets

from carelink_desktop.domain.validation import Problems

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._\-]{1,39}$")
MIN_PASSWORD_LENGTH = 8
#: Letters and digits nobody misreads (no 0/o, 1/l/i), for passwords read out or written down.
_READABLE = "abcdefghjkmnpqrstuvwxyz23456789"


def temporary_password() -> str:
    """A random password easy to read out, e.g. 'kxpt-7mwd-r4hq' (about 59 bits), for a manager
    to hand over; the person must choose their own at first login."""
    return "-".join("".join(secrets.choice(_READABLE) for _ in range(4)) for _ in range(3))


def normalise_username(text: str) -> str:
    """Usernames are case-insensitive: stored and compared in lower case."""
    return text.strip().lower()


def check_new_account(username: str, full_name: str) -> None:
    p = Problems()
    if not _USERNAME.match(normalise_username(username)):
        p.add(
            "username",
            "A username is 2 to 40 letters, digits, dots, dashes or underscores, e.g. j.smith.",
        )
    p.require("full_name", full_name, "Full name")
    p.max_length("full_name", full_name, "Full name", 120)
    p.raise_if_any()


def check_new_password(password: str, *, username: str = "") -> None:
    """A password must be long enough and not the username. Any characters are allowed."""
    p = Problems()
    if len(password) < MIN_PASSWORD_LENGTH:
        p.add("password", f"A password needs at least {MIN_PASSWORD_LENGTH} characters.")
    elif username and password.strip().lower() == normalise_username(username):
        p.add("password", "A password cannot be the same as the username.")
    elif "\n" in password or "\r" in password:
        p.add("password", "A password cannot contain a line break.")
    p.raise_if_any()
