"""The shared PC: who is logged in, and locking.

Locking (idle timeout by the wall clock, Ctrl+L, the Lock button, the system's screen lock)
seals any unsaved form for its author, closes the main window so no resident data is left on
screen, closes the database and forgets its key, then shows the login window. The same person
logging back in returns to the same place with the form as they left it; anyone else starts fresh.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import SLOT, QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication

from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.events import ChangeSignals
from carelink_desktop.ui.login_window import LoginWindow
from carelink_desktop.ui.main_window import MainWindow
from carelink_desktop.ui.pages import Navigator, ShellContext

#: (username, password) -> an unlocked workspace, or a CareLinkError
Authenticate = Callable[[str, str], Workspace]
ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleWatcher(QObject):
    """Calls ``on_idle`` when no key or mouse input has come for ``timeout`` seconds of wall
    clock time (time.time, so a PC that slept past the timeout locks as soon as it wakes)."""

    def __init__(
        self,
        timeout: float,
        on_idle: Callable[[], None],
        clock: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.timeout = timeout
        self._on_idle = on_idle
        self._clock = clock
        self.last_activity = clock()
        self.timer = QTimer(self, interval=1000)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.last_activity = self._clock()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY:
            self.last_activity = self._clock()
        return False

    def check(self) -> None:
        from carelink_desktop.ui.busy import work_in_progress

        if work_in_progress():  # never close the home under running work; wait for it
            return
        if self._clock() - self.last_activity >= self.timeout:
            self.stop()
            self._on_idle()


class Session(QObject):
    """Runs the desktop for one home: login, main window, lock, login again."""

    locked = Signal()
    logged_in = Signal()

    def __init__(
        self,
        authenticate: Authenticate,
        *,
        title: str,
        hint: str = "",
        clock: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._authenticate = authenticate
        self._title = title
        self._hint = hint
        self._clock = clock
        self.ws: Workspace | None = None
        self.window: MainWindow | None = None
        self.login: LoginWindow | None = None
        self.idle: IdleWatcher | None = None
        self.password_dialog: Any = None
        self._sealed: tuple[str, bytes] | None = None  # (actor id, sealed drafts)
        self._last_username = ""
        self._screen_lock = ScreenLockListener(self.lock, self)

    # -- logging in ---------------------------------------------------------------------------

    def show_login(self, message: str = "") -> LoginWindow:
        self.login = LoginWindow(
            self._title, self._authenticate, username=self._last_username, hint=self._hint
        )
        if message:
            self.login.say(message, problem=False)
        self.login.accepted.connect(lambda: self._logged_in(self.login.workspace if self.login else None))
        self.login.show()
        self.login.raise_()
        return self.login

    def start(self, ws: Workspace) -> MainWindow | None:
        """Open the main window for a workspace (after login or first run). Someone logging in
        with a temporary password must first choose their own (``password_dialog``); the main
        window opens when they have, and Log out there locks again."""
        from carelink_desktop.services.accounts import must_change_password

        if must_change_password(ws):
            from carelink_desktop.ui.change_password_dialog import ChangePasswordDialog

            self.ws = ws
            self._last_username = ws.actor.username
            dialog = ChangePasswordDialog(ws)
            dialog.explain_first_login()
            dialog.run_dialog = lambda _box: True  # the main window opening says it worked
            dialog.accepted.connect(lambda: self._open_main(ws))
            dialog.rejected.connect(lambda: self._log_out(ws))
            self.password_dialog = dialog
            dialog.open()
            return None
        return self._open_main(ws)

    def _log_out(self, ws: Workspace) -> None:
        self.password_dialog = None
        self.show_login(self.tr("You were logged out without choosing a password."))
        ws.close()
        self.ws = None

    def _open_main(self, ws: Workspace) -> MainWindow:
        from carelink_desktop.services.home_settings import home_settings
        from carelink_desktop.services.maintenance import home_view

        self.password_dialog = None
        self.ws = ws
        self._last_username = ws.actor.username
        ctx = ShellContext(ws, ChangeSignals(ws.events), Navigator(), home_view(ws).name)
        self.window = MainWindow(ctx)
        self.window.lock_requested.connect(self.lock)
        self._restore_sealed(ws)
        minutes = home_settings(ws).lock_after_minutes
        self.idle = IdleWatcher(minutes * 60, self.lock, self._clock, self)
        self.idle.start()
        self.window.show()
        self.logged_in.emit()
        return self.window

    def _logged_in(self, ws: Workspace | None) -> None:
        if ws is not None:
            self.login = None
            self.start(ws)

    def _restore_sealed(self, ws: Workspace) -> None:
        from carelink_desktop.services.drafts import open_draft

        sealed, self._sealed = self._sealed, None
        if sealed is None or self.window is None:
            return
        actor_id, blob = sealed
        if actor_id != ws.actor.id:
            return  # someone else: start fresh, the other person's draft is dropped unread
        drafts = open_draft(ws, blob)
        if drafts:
            self.window.restore_drafts(drafts)

    # -- locking ------------------------------------------------------------------------------

    def lock(self) -> None:
        """Hide everything, seal unsaved work, close the database, ask for a login."""
        if self.ws is None or self.window is None:
            return
        from carelink_desktop.services.drafts import seal_draft

        if self.idle is not None:
            self.idle.stop()
            self.idle = None
        window, ws = self.window, self.ws
        drafts: dict[str, Any] = window.drafts()
        self._sealed = (ws.actor.id, seal_draft(ws, drafts)) if drafts.get("pages") else None
        # The login window shows first, so closing the main window never leaves the
        # application without a window (which would quit it).
        self.show_login(self.tr("CareLink was locked. Log in to carry on."))
        window.close_for_lock()
        window.deleteLater()
        self.window = None
        ws.close()
        self.ws = None
        self.locked.emit()

    def quit(self) -> None:
        if self.idle is not None:
            self.idle.stop()
        if self.ws is not None:
            self.ws.close()
            self.ws = None


class ScreenLockListener(QObject):
    """Locks CareLink when the desktop's screen saver or session lock reports activity over
    D-Bus (Linux desktops). Elsewhere, the idle timeout still applies."""

    def __init__(self, lock: Callable[[], None], parent: QObject | None = None, *, bus: Any = None) -> None:
        super().__init__(parent)
        self._lock = lock
        self.listening = False
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # pragma: no cover - QtDBus missing from this Qt build
            return
        bus = bus if bus is not None else QDBusConnection.sessionBus()
        if not bus.isConnected():
            return
        for service_path, interface in (
            ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
            ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
        ):
            # PySide6 wants the SLOT() string here, whatever its type stubs say.
            slot = SLOT("on_active_changed(bool)")
            self.listening |= bool(bus.connect("", service_path, interface, "ActiveChanged", self, slot))

    @Slot(bool)
    def on_active_changed(self, active: bool) -> None:
        if active:
            self._lock()
