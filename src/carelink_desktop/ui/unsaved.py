"""Asking before unsaved work is thrown away."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_discard(parent: QWidget) -> bool:
    """True when the person chooses to discard their unsaved changes."""
    answer = QMessageBox.question(
        parent,
        parent.tr("Unsaved changes"),
        parent.tr("You have changes that are not saved. Discard them?"),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard
