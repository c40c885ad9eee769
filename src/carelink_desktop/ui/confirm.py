"""Yes-or-no questions asked before a step that is hard to undo (removing a record, naming someone
else as next of kin). Each caller wraps its question in a method that tests replace."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_yes(
    parent: QWidget, title: str, text: str, *, no: QMessageBox.StandardButton = QMessageBox.StandardButton.No
) -> bool:
    """True when the person answers Yes; ``no`` (No or Cancel) is the other button, and the default."""
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | no, no)
    return answer == QMessageBox.StandardButton.Yes
