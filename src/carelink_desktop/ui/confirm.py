"""Yes-or-no questions asked before a step that is hard to undo (removing a record, naming someone
else as next of kin). Each caller wraps its question in a method that tests replace."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget


def ask_yes(
    parent: QWidget, title: str, text: str, *, no: QMessageBox.StandardButton = QMessageBox.StandardButton.No
) -> bool:
    """True when the person answers Yes; ``no`` (No or Cancel) is the other button, and the default."""
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | no, no)
    return answer == QMessageBox.StandardButton.Yes


def confirm_with(parent: QWidget, run: Callable[[QDialog], object], title: str, text: str, yes: str) -> bool:
    """Ask with a button that names the step (e.g. "Remove PC") and Cancel as the default;
    ``run`` shows the box (a page's ``run_dialog``, which tests replace). True for the step."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setAccessibleName(title)
    ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
    run(box)
    return box.clickedButton() is ok
