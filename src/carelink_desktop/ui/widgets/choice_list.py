"""Finding one record and choosing it: a search box over a QListWidget whose items carry each
record's id under Qt.UserRole (items without one, such as "Nobody matches", cannot be chosen)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget


def search_field(placeholder: str, accessible_name: str) -> QLineEdit:
    """A search box with a button that clears it; ``placeholder`` says what it searches."""
    field = QLineEdit()
    field.setClearButtonEnabled(True)
    field.setPlaceholderText(placeholder)
    field.setAccessibleName(accessible_name)
    return field


def refresh_after_typing(
    field: QLineEdit, refresh: Callable[[], None], parent: QObject, delay_ms: int = 120
) -> QTimer:
    """Call ``refresh`` once typing in ``field`` pauses for ``delay_ms``, not on every key; the
    timer is returned so that a refresh made at once can stop a pending one."""
    timer = QTimer(parent, singleShot=True, interval=delay_ms)
    timer.timeout.connect(refresh)
    field.textChanged.connect(timer.start)
    return timer


def goes_to_list(event: QEvent) -> bool:
    """Enter, Return or Down pressed in a search box: the person wants the list of matches
    (not the dialog's default button)."""
    return (
        event.type() == QEvent.Type.KeyPress
        and isinstance(event, QKeyEvent)
        and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down)
    )


def chosen_id(choices: QListWidget) -> str | None:
    """The id of the record chosen in ``choices``; None when there is none (an item that is only
    current, as when the list has just got the focus, is not chosen until it is selected)."""
    item = choices.currentItem()
    if item is None or not item.isSelected():
        return None
    value = item.data(Qt.ItemDataRole.UserRole)
    return str(value) if value else None


def choose_id(choices: QListWidget, record_id: str) -> bool:
    """Choose ``record_id`` in ``choices`` as a click would; False when it is not listed, or is
    listed but cannot be chosen (greyed out)."""
    for row in range(choices.count()):
        item = choices.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == record_id and item.flags() & Qt.ItemFlag.ItemIsEnabled:
            choices.setCurrentItem(item)
            return True
    return False


def choose_first(choices: QListWidget) -> None:
    """Unless something is chosen already, choose the first item that can be chosen."""
    if chosen_id(choices) is not None:
        return
    for row in range(choices.count()):
        item = choices.item(row)
        if item.flags() & Qt.ItemFlag.ItemIsSelectable:
            choices.setCurrentItem(item)
            return
