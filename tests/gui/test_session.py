"""The shared PC: role-based areas, locking by idle time or Ctrl+L, unsaved work kept sealed."""

from __future__ import annotations

import pytest

from carelink_desktop.domain.errors import HomeLocked
from carelink_desktop.domain.roles import Role
from carelink_desktop.services import accounts
from carelink_desktop.services.access import unlock
from carelink_desktop.services.home_settings import change_home_settings
from carelink_desktop.services.residents import admit_resident, find_residents
from carelink_desktop.ui.session import Session
from tests.conftest import FAST_KDF, MANAGER, MANAGER_PASSWORD, resident


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def people(manager):  # type: ignore[no-untyped-def]
    admit_resident(manager, resident("Margaret", "Jones", preferred_name="Peggy", room="7"))
    accounts.add_account(
        manager,
        username="kw",
        full_name="Kay Williams",
        role=Role.KEYWORKER,
        initial_password="keyworker pw 1",
    )
    accounts.add_account(
        manager, username="sl", full_name="Sam Lee", role=Role.SHIFT_LEAD, initial_password="shiftlead pw 1"
    )
    change_home_settings(manager, lock_after_minutes=5)
    return manager


@pytest.fixture
def session_for(qtbot, home, state_dir):  # type: ignore[no-untyped-def]
    sessions: list[Session] = []

    def make(clock: FakeClock | None = None) -> Session:
        def authenticate(username: str, password: str):  # type: ignore[no-untyped-def]
            return unlock(home, username, password, state_dir=state_dir, kdf=FAST_KDF)

        session = Session(authenticate, title="CareLink Desktop", clock=clock or FakeClock())
        sessions.append(session)
        return session

    yield make
    for session in sessions:
        if session.window is not None:
            session.window.close_for_lock()
            session.window.deleteLater()
        if session.login is not None:
            session.login.close()
        session.quit()


def _login(session: Session, username: str, password: str):  # type: ignore[no-untyped-def]
    from pytestqt.qtbot import QtBot  # noqa: F401

    login = session.login if session.login is not None else session.show_login()
    login.username.setText(username)
    login.password.setText(password)
    login.login_button.click()
    if session.password_dialog is not None:  # first login with a temporary password
        dialog = session.password_dialog
        dialog.current.setText(password)
        dialog.new.setText(password + " mine")
        dialog.repeat.setText(password + " mine")
        dialog.ok_button.click()
    assert session.window is not None, login.message.text()
    return session.window


def _visible_texts() -> str:
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QLineEdit

    texts = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        for label in top.findChildren(QLabel):
            texts.append(label.text())
        for edit in top.findChildren(QLineEdit):
            texts.append(edit.text())
        for view in top.findChildren(QAbstractItemView):
            model = view.model()
            if model is None or not view.isVisible():
                continue
            try:
                rows, cols = model.rowCount(QModelIndex()), model.columnCount(QModelIndex())
            except TypeError:  # Qt's internal models (header views) keep these private
                continue
            for row in range(rows):
                for col in range(cols):
                    texts.append(str(model.data(model.index(row, col)) or ""))
    return "\n".join(texts)


def test_keyworker_sees_no_accounts_or_audit_and_manager_does(people, session_for) -> None:  # type: ignore[no-untyped-def]
    session = session_for()
    _login(session, "kw", "keyworker pw 1")
    areas = [p.area for p in session.window.pages]
    assert "accounts" not in areas and "audit" not in areas
    assert areas[:3] == ["residents", "key_people", "today"]
    session.lock()
    window = _login(session, MANAGER, MANAGER_PASSWORD)
    assert {"accounts", "audit"} <= {p.area for p in window.pages}


def _state(ws):  # type: ignore[no-untyped-def]
    from carelink_desktop.paths import default_state_dir

    return default_state_dir()


def test_idle_lock_hides_everything_and_closes_the_database(people, session_for) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock()
    session = session_for(clock)
    ws = unlock(people.store.paths, MANAGER, MANAGER_PASSWORD, state_dir=_state(people), kdf=FAST_KDF)
    window = session.start(ws)
    assert "Margaret (Peggy) Jones" in _visible_texts()
    clock.now += 4 * 60
    session.idle.check()
    assert session.window is window, "locked too early"
    clock.now += 61
    session.idle.check()
    assert session.window is None and session.ws is None
    assert ws.store.closed
    with pytest.raises(HomeLocked):
        find_residents(ws)
    texts = _visible_texts()
    assert "Peggy" not in texts and "Margaret" not in texts
    assert session.login is not None and session.login.isVisible()
    assert "locked" in session.login.message.text()
    assert "color" not in session.login.message.styleSheet(), "a lock is information, not an error"


def test_activity_postpones_the_idle_lock(people, session_for, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    clock = FakeClock()
    session = session_for(clock)
    window = session.start(
        unlock(people.store.paths, MANAGER, MANAGER_PASSWORD, state_dir=_state(people), kdf=FAST_KDF)
    )
    clock.now += 4 * 60
    QApplication.sendEvent(
        window, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)
    )
    clock.now += 2 * 60
    session.idle.check()
    assert session.window is window
    clock.now += 4 * 60
    session.idle.check()
    assert session.window is None


def test_ctrl_l_locks_and_someone_else_starts_fresh(people, session_for, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = session_for()
    window = session.start(
        unlock(people.store.paths, MANAGER, MANAGER_PASSWORD, state_dir=_state(people), kdf=FAST_KDF)
    )
    window.show_area("key_people")
    window.lock_action.trigger()
    assert session.window is None
    window = _login(session, "kw", "keyworker pw 1")
    assert window.ctx.ws.actor.username == "kw"
    assert window.current_area() == "residents"
    assert "Kay Williams" in window.who.text()


def _edit_peggys_room(window, qtbot):  # type: ignore[no-untyped-def]
    page = window.page("residents")
    peggy = find_residents(window.ctx.ws, "peggy")[0]
    window.ctx.navigator.open_resident.emit(peggy.id)
    room = page.record.form.line("room")
    room.selectAll()
    qtbot.keyClicks(room, "Garden 4")
    assert page.has_unsaved_changes()
    return page


def test_unsaved_edit_is_sealed_and_back_for_the_same_person(people, session_for, qtbot) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock()
    session = session_for(clock)
    window = session.start(
        unlock(people.store.paths, MANAGER, MANAGER_PASSWORD, state_dir=_state(people), kdf=FAST_KDF)
    )
    _edit_peggys_room(window, qtbot)
    clock.now += 5 * 60 + 1
    session.idle.check()
    assert session.window is None
    assert "Garden 4" not in _visible_texts()
    window = _login(session, MANAGER, MANAGER_PASSWORD)
    page = window.page("residents")
    assert window.current_area() == "residents"
    assert page.stack.currentWidget() is page.record
    assert page.record.form.line("room").text() == "Garden 4"
    assert page.has_unsaved_changes()
    assert find_residents(window.ctx.ws, "peggy")[0].room == "7", "the draft must not have been saved"


def test_someone_else_logging_in_does_not_get_the_draft(people, session_for, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = session_for()
    window = session.start(
        unlock(people.store.paths, MANAGER, MANAGER_PASSWORD, state_dir=_state(people), kdf=FAST_KDF)
    )
    _edit_peggys_room(window, qtbot)
    session.lock()
    window = _login(session, "kw", "keyworker pw 1")
    page = window.page("residents")
    assert page.stack.currentWidget() is page.list_view
    assert not page.has_unsaved_changes()
    session.lock()
    window = _login(session, MANAGER, MANAGER_PASSWORD)
    assert not window.page("residents").has_unsaved_changes(), (
        "the draft was dropped when someone else logged in"
    )


def test_desktop_screen_lock_over_dbus_locks_carelink(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import subprocess

    from PySide6.QtDBus import QDBusConnection, QDBusMessage

    from carelink_desktop.ui.session import ScreenLockListener

    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1", f"--address=unix:path={tmp_path}/bus"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        address = daemon.stdout.readline().strip()  # type: ignore[union-attr]
        bus = QDBusConnection.connectToBus(address, "carelink-test")
        hits: list[bool] = []
        listener = ScreenLockListener(lambda: hits.append(True), bus=bus)
        assert listener.listening
        for active in (False, True):
            signal = QDBusMessage.createSignal(
                "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged"
            )
            signal.setArguments([active])
            assert bus.send(signal)
        qtbot.waitUntil(lambda: hits == [True], timeout=3000)
    finally:
        QDBusConnection.disconnectFromBus("carelink-test")
        daemon.terminate()
        daemon.wait(5)


def test_a_temporary_password_must_be_replaced_before_anything_shows(people, session_for) -> None:  # type: ignore[no-untyped-def]
    session = session_for()
    login = session.show_login()
    login.username.setText("kw")
    login.password.setText("keyworker pw 1")
    login.login_button.click()
    dialog = session.password_dialog
    assert dialog is not None and session.window is None
    assert "temporary password" in dialog.intro.text()
    dialog.reject()  # "Log out"
    assert session.ws is None and session.window is None
    assert "logged out" in session.login.message.text()
    window = _login(session, "kw", "keyworker pw 1")
    assert window.ctx.ws.actor.username == "kw"
    session.lock()
    with pytest.raises(AssertionError):
        _login(session, "kw", "keyworker pw 1")  # the temporary password no longer works
    assert _login(session, "kw", "keyworker pw 1 mine").ctx.ws.actor.username == "kw"


def test_ctrl_f_finds_from_any_area(people, session_for, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = session_for()
    window = session.start(
        unlock(people.store.paths, MANAGER, MANAGER_PASSWORD, state_dir=_state(people), kdf=FAST_KDF)
    )
    window.show_area("today")
    window.find_action.trigger()
    assert window.current_area() == "residents"
    assert window.focusWidget() is window.page("residents").search or not window.isActiveWindow()
    window.show_area("key_people")
    window.find_action.trigger()
    assert window.current_area() == "key_people"
