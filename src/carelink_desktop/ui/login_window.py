"""The login window: username, password, a clear message on failure.

It shows before the database layers load, so this module imports only PySide6 and the standard
library (carelink_desktop.domain.errors is imported inside the method that needs it).
"""

from __future__ import annotations

import html
import math
import sys
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCursor, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
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

#: ui.widgets.PROBLEM_STYLE, written out: this window loads nothing of CareLink before it shows.
ERROR_STYLE = "color: #a4000f;"


def caps_lock_from_key(text: str, shift: bool, *, shift_cancels_caps: bool = True) -> bool | None:
    """Whether Caps Lock is on, judged from one key press: the character typed and whether Shift
    was held. None when that key cannot tell (digits, punctuation, no text).

    With Caps Lock on, a letter typed without Shift comes out in capitals; with Shift, in small
    letters on Windows and Linux (``shift_cancels_caps``) but still in capitals on a Mac."""
    if len(text) != 1:
        return None
    upper, lower = text.upper(), text.lower()
    if upper == lower or len(upper) != 1 or len(lower) != 1:
        return None
    capital = text == upper
    if not shift:
        return capital
    return (not capital) if shift_cancels_caps else None


def windows_caps_lock() -> bool | None:
    """Caps Lock as Windows reports it; None on other systems (Qt has no portable way to ask)."""
    if sys.platform != "win32":
        return None
    try:
        import ctypes

        return bool(ctypes.WinDLL("user32").GetKeyState(0x14) & 1)  # VK_CAPITAL, toggled bit
    except (OSError, AttributeError):
        return None


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
        self._caps_lock: bool | None = None
        self._clock: Callable[[], float] = time.monotonic
        self._throttled_user: str | None = None
        self._throttle_until = 0.0
        self._throttle_text = ""  # the hourly-limit message, shown as the core words it
        self._counting_down = False  # the message shows the wait now
        self.setWindowTitle(self.tr("CareLink Desktop — log in"))
        self.setMinimumWidth(420)

        title = QLabel(self.tr("<h2>{home}</h2>").format(home=html.escape(home_name)))
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setWordWrap(True)
        self.username = QLineEdit(username)
        self.username.setAccessibleName(self.tr("Username"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.caps_lock_warning = QLabel(self.tr("Caps Lock is on"))
        self.caps_lock_warning.setAccessibleName(self.tr("Caps Lock is on"))
        self.caps_lock_warning.setStyleSheet("color: #7a4a00; font-weight: bold;")
        policy = self.caps_lock_warning.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the window does not jump when it comes and goes
        self.caps_lock_warning.setSizePolicy(policy)
        self.caps_lock_warning.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Login message"))
        self.message.setStyleSheet(ERROR_STYLE)
        # Room for two lines, so the window keeps its size as messages come and go.
        self.message.setMinimumHeight(2 * self.message.fontMetrics().lineSpacing())
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(hint))

        form = QFormLayout()
        form.addRow(self.tr("&Username"), self.username)
        password_label = QLabel(self.tr("&Password"))
        password_label.setBuddy(self.password)
        password_box = QVBoxLayout()  # a form row would vanish, not keep its space, when hidden
        password_box.addWidget(self.password)
        password_box.addWidget(self.caps_lock_warning)
        form.addRow(password_label, password_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        self.login_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.login_button.setText(self.tr("&Log in"))
        self.login_button.setDefault(True)  # Enter logs in; Esc closes (QDialog)
        buttons.accepted.connect(self._try_login)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        self._countdown = QTimer(self)
        self._countdown.setInterval(200)  # the seconds shown change on time, not up to 1 s late
        self._countdown.timeout.connect(self._refresh_throttle)
        self.username.textChanged.connect(self._refresh_throttle)
        for edit in (self.username, self.password):
            edit.installEventFilter(self)
        (self.password if username else self.username).setFocus()

    # -- Caps Lock --------------------------------------------------------------------------

    def caps_lock_state(self, event: QKeyEvent | None = None) -> bool | None:
        """Caps Lock as far as can be told: from the system where it says (Windows), else from
        the key just pressed; None when unknown. Override to ask the system another way."""
        native = windows_caps_lock()
        if native is not None or event is None:
            return native
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        return caps_lock_from_key(event.text(), shift, shift_cancels_caps=sys.platform != "darwin")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_CapsLock:
                native = self.caps_lock_state()
                self._caps_lock = (
                    native
                    if native is not None
                    else (None if self._caps_lock is None else not self._caps_lock)
                )
            else:
                state = self.caps_lock_state(event)
                if state is not None:
                    self._caps_lock = state
            self._show_caps_lock()
        elif kind == QEvent.Type.FocusIn and watched is self.password:
            native = self.caps_lock_state()
            if native is not None:
                self._caps_lock = native
            QTimer.singleShot(0, self._show_caps_lock)
        elif kind == QEvent.Type.FocusOut and watched is self.password:
            QTimer.singleShot(0, self._show_caps_lock)
        return super().eventFilter(watched, event)

    def _show_caps_lock(self) -> None:
        self.caps_lock_warning.setVisible(bool(self._caps_lock) and self.password.hasFocus())

    # -- logging in -------------------------------------------------------------------------

    def _try_login(self) -> None:
        from carelink_desktop.domain.errors import CareLinkError, LoginThrottled

        if not self.login_button.isEnabled():
            return
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self._say(self.tr("Type your username and password."))
            (self.password if username else self.username).setFocus()
            return
        self.login_button.setEnabled(False)
        self._say(self.tr("Checking…"), problem=False)
        self.message.repaint()
        QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        try:
            self.workspace = self._authenticate(username, password)
        except LoginThrottled as exc:
            self._start_throttle(username, exc.wait_seconds, str(exc) if exc.hourly_limit else "")
            return
        except CareLinkError as exc:
            self._say(str(exc))
            self.login_button.setEnabled(True)
            self.password.setFocus()
            return
        except BaseException:
            self.message.clear()
            self.login_button.setEnabled(True)
            raise
        finally:
            QApplication.restoreOverrideCursor()
            self.password.setText("")  # setText, unlike clear, keeps no undo history
        self.message.clear()
        self.login_button.setEnabled(True)
        self.accept()

    def say(self, text: str, *, problem: bool = True) -> None:
        """Show a message under the fields: red for a problem, plain for information."""
        self._say(text, problem=problem)

    def _say(self, text: str, *, problem: bool = True) -> None:
        self.message.setStyleSheet(ERROR_STYLE if problem else "")
        self.message.setText(text)

    def countdown_text(self, seconds: int) -> str:
        if seconds == 1:
            return self.tr("Too many failed logins. Try again in 1 second.")
        return self.tr("Too many failed logins. Try again in {n} seconds.").format(n=seconds)

    def _start_throttle(self, username: str, wait_seconds: float, hourly_text: str) -> None:
        """Keep Log in off for this account until the wait is over, counting down the seconds.
        Another person can still log in meanwhile: the wait is per account."""
        self._throttled_user = username.strip().lower()
        self._throttle_until = self._clock() + wait_seconds
        self._throttle_text = hourly_text
        self._countdown.start()
        self._refresh_throttle()
        self.password.setFocus()

    def _refresh_throttle(self) -> None:
        if self._throttled_user is None:
            return
        remaining = math.ceil(self._throttle_until - self._clock())
        same_account = self.username.text().strip().lower() == self._throttled_user
        if remaining <= 0:
            self._countdown.stop()
            self._throttled_user = None
            self.login_button.setEnabled(True)
            if self._counting_down:
                self._say(self.tr("You can try again now."), problem=False)
            self._counting_down = False
            return
        self.login_button.setEnabled(not same_account)
        if same_account:
            text = self._throttle_text or self.countdown_text(remaining)
            if self.message.text() != text:
                self._say(text)
        elif self._counting_down:  # someone else is typing: their messages are left alone
            self.message.clear()
        self._counting_down = same_account
