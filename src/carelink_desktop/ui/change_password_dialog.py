"""Password dialogs: change your own password, type your password again to confirm something,
and see a temporary password once. Also the one place modal dialogs are run from, so tests can
drive them (pages and dialogs call ``self.run_dialog``, which tests replace)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.accounts import MIN_PASSWORD_LENGTH
from carelink_desktop.domain.errors import AuthenticationError, CareLinkError
from carelink_desktop.services import accounts
from carelink_desktop.services.readmodels import AccountView
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.widgets import problem_label

#: Shows a modal dialog and returns its result code.
DialogRunner = Callable[[QDialog], int]


def run_modal(dialog: QDialog) -> int:
    """Show a dialog and wait for the person to close it."""
    return dialog.exec()


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    """A message box with an accessible name; run it with a DialogRunner."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class ChangePasswordDialog(QDialog):
    """Anyone changes their own password: current one, new one, the new one again."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        #: Runs the "changed" confirmation; tests replace it.
        self.run_dialog: DialogRunner = run_modal
        self.setWindowTitle(self.tr("Change my password"))
        self.setMinimumWidth(480)
        self.current = _password_field(self.tr("Current password"))
        self.new = _password_field(self.tr("New password"))
        self.repeat = _password_field(self.tr("New password again"))
        hint = QLabel(
            self.tr("At least {n} characters. A short sentence you can remember works well.").format(
                n=MIN_PASSWORD_LENGTH
            )
        )
        hint.setWordWrap(True)
        self.message = problem_label(self.tr("Problem"))
        form = QFormLayout()
        form.addRow(self.tr("&Current password:"), self.current)
        form.addRow(self.tr("&New password:"), self.new)
        form.addRow(self.tr("&Repeat new password:"), self.repeat)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("C&hange password"))
        self.buttons.accepted.connect(self.change)
        self.buttons.rejected.connect(self.reject)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.current.setFocus()

    def explain_first_login(self) -> None:
        """For someone logging in with a temporary password: say why, and offer to log out."""
        self.setWindowTitle(self.tr("Choose your own password"))
        self.intro.setText(
            self.tr(
                "You logged in with a temporary password. Choose your own password before you carry "
                "on: nobody else, not even a manager, should know it."
            )
        )
        self.intro.show()
        self.current.setAccessibleName(self.tr("Temporary password"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("&Log out"))

    def _problem(self, text: str, field: QLineEdit) -> None:
        self.message.setText(text)
        self.message.show()
        field.clear()
        field.setFocus()

    def change(self) -> None:
        """Check the fields and change the password; any problem is shown here."""
        self.message.clear()
        self.message.hide()
        if not self.current.text():
            self._problem(self.tr("Type your current password."), self.current)
            return
        if self.new.text() != self.repeat.text():
            self._problem(self.tr("The two new passwords are not the same: type them again."), self.repeat)
            return
        self.ok_button.setEnabled(False)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            accounts.change_own_password(self.ws, self.current.text(), self.new.text())
        except CareLinkError as exc:
            wrong_current = isinstance(exc, AuthenticationError)
            self._problem(str(exc), self.current if wrong_current else self.new)
            if not wrong_current:
                self.repeat.clear()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
            self.ok_button.setEnabled(True)
        done = self.tr("Your password has been changed. Use the new one next time you log in.")
        self.run_dialog(message_box(self, QMessageBox.Icon.Information, self.tr("Password changed"), done))
        self.accept()


class PasswordPromptDialog(QDialog):
    """Asks the person logged in for their password again before something sensitive."""

    def __init__(self, username: str, reason: str, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Confirm it is you"))
        self.setMinimumWidth(400)
        intro = QLabel(reason)
        intro.setWordWrap(True)
        self.password = _password_field(self.tr("Your password"))
        form = QFormLayout()
        form.addRow(self.tr("Username:"), QLabel(username))
        form.addRow(self.tr("&Your password:"), self.password)
        self.message = problem_label(self.tr("Problem"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(action)
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.password.setFocus()

    def _ok(self) -> None:
        if not self.password.text():
            self.message.setText(self.tr("Type your password."))
            self.message.show()
            return
        self.accept()


class PasswordShownDialog(QDialog):
    """Shows a temporary password once, with a button to copy it."""

    def __init__(self, account: AccountView, password: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Temporary password"))
        self.setMinimumWidth(460)
        intro = QLabel(
            self.tr("The temporary password for {name} ({username}) is:").format(
                name=account.full_name, username=account.username
            )
        )
        intro.setWordWrap(True)
        self.password = QLineEdit(password)
        self.password.setReadOnly(True)
        self.password.setAccessibleName(self.tr("Temporary password"))
        big = QFont("monospace")
        big.setStyleHint(QFont.StyleHint.Monospace)
        big.setPointSize(big.pointSize() + 4)
        self.password.setFont(big)
        self.password.setMinimumWidth(self.password.fontMetrics().horizontalAdvance(password) + 40)
        note = QLabel(
            self.tr(
                "It is shown only this once: give it to them in person. They must choose their "
                "own password when they first log in."
            )
        )
        note.setWordWrap(True)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.clicked.connect(self._copy)
        row = QHBoxLayout()
        row.addWidget(self.password, 1)
        row.addWidget(self.copy_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addSpacing(6)
        layout.addWidget(note)
        layout.addSpacing(6)
        layout.addWidget(buttons)
        self.copy_button.setFocus()

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.password.text())
        self.copy_button.setText(self.tr("Copied"))
