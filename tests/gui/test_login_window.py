"""The login window, driven as a person would (pytest-qt, offscreen), against real homes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt

from carelink_desktop.domain.errors import LoginThrottled
from carelink_desktop.ui.login_window import LoginWindow, caps_lock_from_key
from tests.conftest import FAST_KDF, MANAGER, MANAGER_PASSWORD

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def shown(qtbot, login: LoginWindow) -> LoginWindow:  # type: ignore[no-untyped-def]
    qtbot.addWidget(login)
    with qtbot.waitActive(login):
        login.show()
        login.activateWindow()
    return login


@pytest.fixture
def real_login(qtbot, created_home, state_dir):  # type: ignore[no-untyped-def]
    from carelink_desktop.services.access import unlock

    paths, _ = created_home
    login = shown(
        qtbot,
        LoginWindow(
            "Rosewood House",
            lambda u, p: unlock(paths, u, p, state_dir=state_dir, kdf=FAST_KDF),
            username=MANAGER,
        ),
    )
    yield login
    if login.workspace is not None:
        login.workspace.close()


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def throttled(wait: float, *, hourly: bool = False):  # type: ignore[no-untyped-def]
    def authenticate(_u: str, _p: str) -> None:
        raise LoginThrottled(wait, hourly_limit=hourly)

    return authenticate


def _wrong_password(_u: str, _p: str) -> None:
    from carelink_desktop.domain.errors import AuthenticationError

    raise AuthenticationError("Wrong username or password.")


# -- Caps Lock ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shift", "mac", "expected"),
    [
        ("a", False, False, False),
        ("A", False, False, True),
        ("A", True, False, False),
        ("a", True, False, True),
        ("A", True, True, None),  # on a Mac Shift does not undo Caps Lock: cannot tell
        ("a", False, True, False),
        ("É", False, False, True),
        ("ł", False, False, False),
        ("7", False, False, None),
        ("!", True, False, None),
        ("", False, False, None),
        ("ab", False, False, None),
        ("ß", False, False, None),  # its capital is two letters
    ],
)
def test_caps_lock_from_key(text: str, shift: bool, mac: bool, expected: bool | None) -> None:
    assert caps_lock_from_key(text, shift, shift_cancels_caps=not mac) is expected


def test_caps_lock_warning_follows_the_keys_typed_in_the_password(qtbot) -> None:  # type: ignore[no-untyped-def]
    login = shown(qtbot, LoginWindow("Rosewood House", throttled(0), username=MANAGER))
    assert login.password.hasFocus() and not login.caps_lock_warning.isVisible()
    qtbot.keyClicks(login.password, "CORR")  # capitals without Shift: Caps Lock is on
    qtbot.waitUntil(login.caps_lock_warning.isVisible)
    assert login.caps_lock_warning.text() == "Caps Lock is on"
    qtbot.keyClick(login.password, Qt.Key.Key_CapsLock)
    assert not login.caps_lock_warning.isVisible()
    qtbot.keyClick(login.password, Qt.Key.Key_CapsLock)
    assert login.caps_lock_warning.isVisible()
    login.username.setFocus()
    qtbot.waitUntil(lambda: not login.caps_lock_warning.isVisible())
    login.password.setFocus()
    qtbot.waitUntil(login.caps_lock_warning.isVisible)
    qtbot.keyClicks(login.password, "e")
    assert not login.caps_lock_warning.isVisible()
    qtbot.keyClicks(login.password, "12 !")  # keys that cannot tell change nothing
    assert not login.caps_lock_warning.isVisible()


def test_caps_lock_state_can_come_from_the_system(qtbot) -> None:  # type: ignore[no-untyped-def]
    class AskTheSystem(LoginWindow):
        def caps_lock_state(self, event=None):  # type: ignore[no-untyped-def]
            return True

    login = shown(qtbot, AskTheSystem("Rosewood House", throttled(0)))
    assert login.username.hasFocus() and not login.caps_lock_warning.isVisible()
    login.password.setFocus()  # nothing typed yet: the system says so
    qtbot.waitUntil(login.caps_lock_warning.isVisible)


# -- logging in --------------------------------------------------------------------------------


def test_wrong_password_says_so_and_enter_logs_in(qtbot, real_login) -> None:  # type: ignore[no-untyped-def]
    login = real_login
    qtbot.keyClicks(login.password, "not my password")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert login.message.text() == "Wrong username or password."
    assert login.password.text() == "" and login.password.hasFocus()
    assert login.login_button.isEnabled() and login.isVisible() and login.workspace is None
    qtbot.keyClicks(login.password, MANAGER_PASSWORD)
    qtbot.keyClick(login.password, Qt.Key.Key_Enter)
    assert login.result() == LoginWindow.DialogCode.Accepted and not login.isVisible()
    assert login.workspace.actor.username == MANAGER
    assert login.message.text() == "" and login.password.text() == ""


def test_empty_fields_are_asked_for(qtbot) -> None:  # type: ignore[no-untyped-def]
    calls: list[str] = []
    login = shown(qtbot, LoginWindow("Rosewood House", lambda u, p: calls.append(u)))
    qtbot.keyClick(login.username, Qt.Key.Key_Return)
    assert login.message.text() == "Type your username and password." and calls == []
    qtbot.keyClicks(login.username, MANAGER)
    qtbot.keyClick(login.username, Qt.Key.Key_Return)
    assert login.password.hasFocus() and calls == []


def test_escape_closes(qtbot) -> None:  # type: ignore[no-untyped-def]
    login = shown(qtbot, LoginWindow("Rosewood House", throttled(0)))
    qtbot.keyClick(login.username, Qt.Key.Key_Escape)
    assert not login.isVisible() and login.result() == LoginWindow.DialogCode.Rejected


def test_throttle_counts_down_with_log_in_off(qtbot) -> None:  # type: ignore[no-untyped-def]
    login = shown(qtbot, LoginWindow("Rosewood House", throttled(3), username=MANAGER))
    qtbot.keyClicks(login.password, "guess")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert login.message.text() == "Too many failed logins. Try again in 3 seconds."
    assert not login.login_button.isEnabled()
    qtbot.keyClicks(login.password, "again")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)  # Enter does nothing meanwhile
    assert login.password.text() == "again"
    qtbot.waitUntil(
        lambda: login.message.text() == "Too many failed logins. Try again in 2 seconds.", timeout=1500
    )
    assert not login.login_button.isEnabled()


def test_countdown_reaches_zero_then_log_in_is_back(qtbot) -> None:  # type: ignore[no-untyped-def]
    login = shown(qtbot, LoginWindow("Rosewood House", throttled(7), username=MANAGER))
    clock = FakeClock()
    login._clock = clock
    qtbot.keyClicks(login.password, "guess")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert login.message.text() == "Too many failed logins. Try again in 7 seconds."
    clock.now += 5.5
    qtbot.waitUntil(lambda: login.message.text() == "Too many failed logins. Try again in 2 seconds.")
    clock.now += 1
    qtbot.waitUntil(lambda: login.message.text() == "Too many failed logins. Try again in 1 second.")
    assert not login.login_button.isEnabled()
    clock.now += 0.5
    qtbot.waitUntil(login.login_button.isEnabled)
    assert login.message.text() == "You can try again now."


def test_someone_else_can_log_in_while_one_account_waits(qtbot) -> None:  # type: ignore[no-untyped-def]
    login = shown(qtbot, LoginWindow("Rosewood House", throttled(30), username=MANAGER))
    qtbot.keyClicks(login.password, "guess")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert not login.login_button.isEnabled()
    login.username.setText("b.jones")
    assert login.login_button.isEnabled() and login.message.text() == ""
    login.username.setText(f" {MANAGER.upper()} ")
    assert not login.login_button.isEnabled()
    assert login.message.text().startswith("Too many failed logins. Try again in ")
    login.username.setText("b.jones")
    login._authenticate = _wrong_password
    qtbot.keyClicks(login.password, "guess")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    qtbot.wait(450)  # two ticks of the countdown leave b.jones's message alone
    assert login.message.text() == "Wrong username or password."


def test_hourly_limit_message_is_shown_as_it_is(qtbot) -> None:  # type: ignore[no-untyped-def]
    login = shown(qtbot, LoginWindow("Rosewood House", throttled(1800, hourly=True), username=MANAGER))
    qtbot.keyClicks(login.password, "guess")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert login.message.text() == str(LoginThrottled(1800, hourly_limit=True))
    assert "ask a manager" in login.message.text()
    assert not login.login_button.isEnabled()


def test_real_throttle_after_three_wrong_passwords(qtbot, real_login) -> None:  # type: ignore[no-untyped-def]
    login = real_login
    for _ in range(3):
        qtbot.keyClicks(login.password, "wrong password")
        qtbot.keyClick(login.password, Qt.Key.Key_Return)
        assert login.message.text() == "Wrong username or password."
    qtbot.keyClicks(login.password, MANAGER_PASSWORD)
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert login.message.text() == "Too many failed logins. Try again in 1 second."
    assert not login.login_button.isEnabled() and login.workspace is None
    qtbot.waitUntil(login.login_button.isEnabled, timeout=3000)
    qtbot.keyClicks(login.password, MANAGER_PASSWORD)
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert login.workspace is not None


def test_controls_are_labelled(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    login = shown(qtbot, LoginWindow("Rosewood House", throttled(0)))
    buddies = {label.buddy() for label in login.findChildren(QLabel)}
    for edit in (login.username, login.password):
        assert edit in buddies and edit.accessibleName()
    assert login.login_button.text() == "&Log in" and login.login_button.isDefault()


def test_module_imports_only_qt_and_the_standard_library() -> None:
    code = (
        "import sys; import carelink_desktop.ui.login_window; "
        "print(sorted(m for m in sys.modules if m.startswith(('carelink_desktop', 'sqlalchemy', "
        "'sqlcipher3', 'reportlab', 'alembic', 'cryptography', 'platformdirs'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "['carelink_desktop', 'carelink_desktop.ui', 'carelink_desktop.ui.login_window']"


def test_screenshots(qtbot) -> None:  # type: ignore[no-untyped-def]
    """PNGs in screenshots/ (git-ignored) for a person to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def shot(login: LoginWindow, name: str) -> None:
        qtbot.wait(10)
        assert login.grab().save(str(SCREENSHOTS / f"login_{name}.png"))

    login = shown(qtbot, LoginWindow("Rosewood House", throttled(7), username=MANAGER))
    shot(login, "1_start")
    qtbot.keyClicks(login.password, "CORRECT")
    shot(login, "2_caps_lock")
    login._clock = FakeClock()
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    shot(login, "3_countdown")
    hourly = shown(qtbot, LoginWindow("Rosewood House", throttled(1800, hourly=True), username=MANAGER))
    qtbot.keyClicks(hourly.password, "guess")
    qtbot.keyClick(hourly.password, Qt.Key.Key_Return)
    shot(hourly, "4_hourly_limit")
    demo = shown(
        qtbot,
        LoginWindow(
            "Rosewood House (demo)",
            throttled(0),
            username="demo",
            hint="Demo home: everyone in it is fictional.\nUsername: demo    Password: demo-home",
        ),
    )
    shot(demo, "5_demo_hint")
