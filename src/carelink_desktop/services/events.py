"""Plain-Python change notifications: services publish, views (through ui/) refresh."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Changed:
    """Records of one kind changed. ``kind`` is e.g. "resident"; ``action`` created/updated/..."""

    kind: str
    action: str
    ids: tuple[str, ...]


Listener = Callable[[Changed], None]


class EventBus:
    """Synchronous publish/subscribe. A failing listener never undoes a committed change."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self.errors: list[BaseException] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Add a listener; returns a function that removes it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def publish(self, event: Changed) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception as exc:
                self.errors.append(exc)
