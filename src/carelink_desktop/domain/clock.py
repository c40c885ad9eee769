"""Hybrid logical clock: orders changes across PCs that exchange sync files.

A timestamp is (wall milliseconds, counter, site id), encoded as a fixed-width string so that
string order is causal order. Every change takes ``tick()``; a change received from elsewhere
passes through ``observe()`` so later local changes sort after it even if this PC's wall clock
is behind.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class HlcTimestamp:
    """One hybrid logical clock reading."""

    wall_ms: int
    counter: int
    site: str

    def encode(self) -> str:
        return f"{self.wall_ms:015d}-{self.counter:06d}-{self.site}"

    @classmethod
    def decode(cls, text: str) -> HlcTimestamp:
        wall, counter, site = text.split("-", 2)
        return cls(int(wall), int(counter), site)


class HybridClock:
    """Thread-safe hybrid logical clock for one site."""

    def __init__(self, site: str, *, last: str | None = None, wall: Callable[[], int] | None = None) -> None:
        self._site = site
        self._wall = wall or (lambda: time.time_ns() // 1_000_000)
        self._lock = threading.Lock()
        self._last = HlcTimestamp.decode(last) if last else HlcTimestamp(0, 0, site)

    def tick(self) -> str:
        """A new timestamp later than every one this clock has issued or observed."""
        with self._lock:
            now = self._wall()
            if now > self._last.wall_ms:
                self._last = HlcTimestamp(now, 0, self._site)
            else:
                self._last = HlcTimestamp(self._last.wall_ms, self._last.counter + 1, self._site)
            return self._last.encode()

    def observe(self, remote: str) -> None:
        """Move forward past a timestamp made elsewhere."""
        other = HlcTimestamp.decode(remote)
        with self._lock:
            if (other.wall_ms, other.counter) > (self._last.wall_ms, self._last.counter):
                self._last = HlcTimestamp(other.wall_ms, other.counter, self._site)
