"""The login window: username, password, a clear message on failure."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

#: Called with (username, password); returns the opened workspace or raises a CareLinkError.
Authenticator = Callable[[str, str], Any]


class LoginWindow(QDialog):
    """Asks who is using the PC. ``workspace`` holds the result after ``accept``."""

    def __init__(
        self,
        home_name: str,
        authenticate: Authenticator,
        *,
        username: str = "",
        hint: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._authenticate = authenticate
        self.workspace: Any = None
        self.setWindowTitle(self.tr("CareLink Desktop — log in"))
        self.setMinimumWidth(380)

        title = QLabel(self.tr("<h2>{home}</h2>").format(home=home_name.replace("<", "&lt;")))
        title.setTextFormat(Qt.TextFormat.RichText)
        self.username = QLineEdit(username)
        self.username.setAccessibleName(self.tr("Username"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Login message"))
        self.message.setStyleSheet("color: #a4000f;")
        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(hint))

        form = QFormLayout()
        form.addRow(self.tr("&Username"), self.username)
        form.addRow(self.tr("&Password"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        self.login_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.login_button.setText(self.tr("&Log in"))
        buttons.accepted.connect(self._try_login)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        (self.password if username else self.username).setFocus()

    def _try_login(self) -> None:
        from carelink_desktop.domain.errors import CareLinkError, LoginThrottled

        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.message.setText(self.tr("Type your username and password."))
            return
        self.login_button.setEnabled(False)
        self.message.setText(self.tr("Checking…"))
        self.repaint()
        try:
            self.workspace = self._authenticate(username, password)
        except LoginThrottled as exc:
            self.message.setText(str(exc))
            QTimer.singleShot(int(exc.wait_seconds * 1000) + 50, lambda: self.login_button.setEnabled(True))
            self.password.clear()
            return
        except CareLinkError as exc:
            self.message.setText(str(exc))
            self.password.clear()
            self.password.setFocus()
            self.login_button.setEnabled(True)
            return
        self.password.clear()
        self.login_button.setEnabled(True)
        self.accept()
