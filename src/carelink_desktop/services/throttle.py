"""Failed-login throttling, kept in the state folder outside the home.

A wrong password must leave the home folder byte-identical, and nothing can be written to the
encrypted database without the key, so failures are counted here. After three failures in a row
each further try waits twice as long (1 s, 2 s, 4 s ... at most 60 s); at most 100 failures an
hour are allowed per account. Failures are moved into the home's audit log at the next
successful login to that home.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from carelink_desktop.domain.errors import LoginThrottled
from carelink_desktop.storage.atomic import write_atomically

FILE_NAME = "login-throttle.json"
FREE_FAILURES = 3
MAX_DELAY_SECONDS = 60.0
HOURLY_LIMIT = 100
HOUR = 3600.0


@dataclass(frozen=True)
class Failure:
    lookup: str
    at: float


class LoginThrottle:
    """Failure counts per home and account (by the slot lookup hash, never the username)."""

    def __init__(self, state_dir: Path, home_id: str, clock: Callable[[], float] = time.time) -> None:
        self._path = state_dir / FILE_NAME
        self._home = home_id
        self._clock = clock

    def _load(self) -> dict[str, Any]:
        try:
            raw = json.loads(self._path.read_text(encoding="utf-8"))
            return raw if isinstance(raw, dict) else {}
        except (OSError, ValueError):
            return {}

    def _save(self, data: dict[str, Any]) -> None:
        with contextlib.suppress(Exception):  # throttling must never stop a login working
            self._path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self._path, json.dumps(data).encode("utf-8"), what="login counters")

    def _account(self, data: dict[str, Any], lookup: str) -> dict[str, Any]:
        home = data.setdefault(self._home, {})
        return home.setdefault(lookup, {"failures": [], "streak": 0, "audited": 0})  # type: ignore[no-any-return]

    def wait_seconds(self, lookup: str) -> tuple[float, bool]:
        """How long before this account may try again, and whether the hourly cap applies."""
        now = self._clock()
        acct = self._load().get(self._home, {}).get(lookup)
        if not acct:
            return 0.0, False
        recent = [t for t in acct.get("failures", []) if now - t < HOUR]
        if len(recent) >= HOURLY_LIMIT:
            return recent[-HOURLY_LIMIT] + HOUR - now, True
        streak = int(acct.get("streak", 0))
        if streak < FREE_FAILURES or not recent:
            return 0.0, False
        delay = min(2.0 ** (streak - FREE_FAILURES), MAX_DELAY_SECONDS)
        return max(0.0, recent[-1] + delay - now), False

    def check(self, lookup: str) -> None:
        """Raise LoginThrottled when a try now is not allowed."""
        wait, hourly = self.wait_seconds(lookup)
        if wait > 0:
            raise LoginThrottled(wait, hourly_limit=hourly)

    def record_failure(self, lookup: str) -> None:
        data = self._load()
        acct = self._account(data, lookup)
        now = self._clock()
        acct["failures"] = [t for t in acct["failures"] if now - t < HOUR] + [now]
        acct["streak"] = int(acct.get("streak", 0)) + 1
        self._save(data)

    def record_success(self, lookup: str) -> None:
        data = self._load()
        acct = data.get(self._home, {}).get(lookup)
        if acct and acct.get("streak"):
            acct["streak"] = 0
            self._save(data)

    def unaudited_failures(self) -> list[Failure]:
        """Failures at this home not yet written to its audit log."""
        home = self._load().get(self._home, {})
        found = [
            Failure(lookup, t)
            for lookup, acct in home.items()
            for t in acct.get("failures", [])
            if t > float(acct.get("audited", 0))
        ]
        return sorted(found, key=lambda f: f.at)

    def mark_audited(self, upto: float) -> None:
        data = self._load()
        for acct in data.get(self._home, {}).values():
            acct["audited"] = max(float(acct.get("audited", 0)), upto)
        self._save(data)
