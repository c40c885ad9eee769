"""Turns the services' plain-Python change events into a Qt signal views can connect to."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from carelink_desktop.services.events import Changed, EventBus


class ChangeSignals(QObject):
    """Emits ``changed(kind)`` for every change a service publishes."""

    changed = Signal(str)

    def __init__(self, bus: EventBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = bus.subscribe(self._on_change)

    def _on_change(self, event: Changed) -> None:
        self.changed.emit(event.kind)

    def detach(self) -> None:
        self._unsubscribe()
