"""The managers' Accounts and Audit log areas and the change-password dialog, driven with
pytest-qt (offscreen). Modal dialogs go through the page's ``run_dialog``, which these tests
replace with a script of steps, so the real dialogs are filled in and clicked as a person would."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QSpinBox,
    QTableView,
    QWidget,
)

from carelink_desktop.domain.errors import PermissionDenied
from carelink_desktop.domain.roles import Role
from carelink_desktop.services import accounts
from carelink_desktop.services.access import unlock
from carelink_desktop.services.home_settings import home_settings
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.services.residents import admit_resident, view_resident
from carelink_desktop.ui.accounts_model import AccountsModel
from carelink_desktop.ui.accounts_page import AccountsPage, AddAccountDialog, ChangeRoleDialog
from carelink_desktop.ui.audit_model import AuditModel
from carelink_desktop.ui.audit_page import AuditPage
from carelink_desktop.ui.change_password_dialog import (
    ChangePasswordDialog,
    PasswordPromptDialog,
    PasswordShownDialog,
)
from carelink_desktop.ui.events import ChangeSignals
from carelink_desktop.ui.pages import Navigator, ShellContext
from tests.conftest import FAST_KDF, HOME_NAME, MANAGER, MANAGER_PASSWORD, resident

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
Step = Callable[[QDialog], int]


class Script:
    """Stands in for ``run_dialog``: each modal dialog shown takes the next step."""

    def __init__(self, *steps: Step) -> None:
        self.steps = list(steps)
        self.shown: list[QDialog] = []

    def __call__(self, dialog: QDialog) -> int:
        self.shown.append(dialog)
        assert self.steps, f"unexpected dialog {dialog.windowTitle()!r}: {_text(dialog)}"
        return self.steps.pop(0)(dialog)

    def done(self) -> None:
        assert not self.steps, f"{len(self.steps)} dialogs were expected but not shown"


def _text(dialog: QDialog) -> str:
    return dialog.text() if isinstance(dialog, QMessageBox) else dialog.windowTitle()


def click(label: str) -> Step:
    """Press the message-box or dialog button whose text (without '&') is ``label``."""

    def step(dialog: QDialog) -> int:
        buttons = [b for b in dialog.findChildren(QAbstractButton) if b.text().replace("&", "") == label]
        assert buttons, f"no {label!r} button in {dialog.windowTitle()!r}"
        buttons[0].click()
        return dialog.result()

    return step


def message(into: list[str], label: str = "OK") -> Step:
    """Read a message box's text into ``into``, then press its button."""

    def step(dialog: QDialog) -> int:
        assert isinstance(dialog, QMessageBox)
        into.append(dialog.text())
        return click(label)(dialog)

    return step


def ok(dialog: QDialog) -> int:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    return dialog.result()


@pytest.fixture
def ctx(manager):  # type: ignore[no-untyped-def]
    changes = ChangeSignals(manager.events)
    yield ShellContext(ws=manager, changes=changes, navigator=Navigator(), home_name=HOME_NAME)
    changes.detach()


@pytest.fixture
def accounts_page(qtbot, ctx):  # type: ignore[no-untyped-def]
    page = AccountsPage(ctx)
    qtbot.addWidget(page)
    ctx.changes.changed.connect(lambda kind: page.refresh() if kind in page.watches else None)
    return page


def _bo(ws) -> str:  # type: ignore[no-untyped-def]
    return accounts.add_account(
        ws, username="bo.li", full_name="Bo Li", role=Role.KEYWORKER, initial_password="temporary pw 1"
    ).id


def _row_text(page, username: str) -> list[str]:  # type: ignore[no-untyped-def]
    row = next(r for r in range(page.model.rowCount()) if page.model.account_at(r).username == username)
    return [page.model.data(page.model.index(row, c)) for c in range(page.model.columnCount())]


# -- accounts ---------------------------------------------------------------------------


def test_add_an_account_through_the_dialog_shows_the_password_once(
    qtbot, accounts_page, home, state_dir
) -> None:  # type: ignore[no-untyped-def]
    shown: dict[str, str] = {}

    def fill(dialog: QDialog) -> int:
        assert isinstance(dialog, AddAccountDialog)
        qtbot.keyClicks(dialog.username, "Bo.Li")
        qtbot.keyClicks(dialog.full_name, "Bo Li")
        dialog.role.setCurrentIndex(dialog.role.findData(Role.SHIFT_LEAD))
        return ok(dialog)

    def read_password(dialog: QDialog) -> int:
        assert isinstance(dialog, PasswordShownDialog)
        shown["password"] = dialog.password.text()
        dialog.copy_button.click()
        return click("Close")(dialog)

    accounts_page.run_dialog = script = Script(fill, read_password)
    accounts_page.add_button.click()
    script.done()
    assert _row_text(accounts_page, "bo.li") == [
        "bo.li",
        "Bo Li",
        "Shift lead",
        "Active (must choose a new password)",
        "Never",
    ]
    assert accounts_page.selected().username == "bo.li"
    assert QGuiApplication.clipboard().text() == shown["password"]
    ws = unlock(home, "bo.li", shown["password"], state_dir=state_dir, kdf=FAST_KDF)
    assert accounts.must_change_password(ws)
    ws.close()


def test_a_refused_account_keeps_the_dialog_open_with_the_reason(qtbot, accounts_page) -> None:  # type: ignore[no-untyped-def]
    def taken_then_fixed(dialog: QDialog) -> int:
        assert isinstance(dialog, AddAccountDialog)
        qtbot.keyClicks(dialog.username, MANAGER)
        qtbot.keyClicks(dialog.full_name, "Another Amira")
        dialog.choose.click()
        qtbot.keyClicks(dialog.typed_password, "short")
        ok(dialog)
        assert dialog.result() == 0  # still open
        assert dialog.message.text() == "A password needs at least 8 characters."
        dialog.typed_password.setText("long enough 1")
        ok(dialog)
        assert dialog.message.text() == "The username 'amira' is already taken."
        dialog.username.setText("amira.k")
        return ok(dialog)

    accounts_page.run_dialog = script = Script(taken_then_fixed)  # typed password: not shown again
    accounts_page.add_button.click()
    script.done()
    assert _row_text(accounts_page, "amira.k")[1] == "Another Amira"


def test_deactivate_then_reactivate_with_a_new_password(qtbot, accounts_page, home, state_dir) -> None:  # type: ignore[no-untyped-def]
    bo = _bo(accounts_page.ctx.ws)
    accounts_page.refresh()
    accounts_page.select(bo)
    accounts_page.run_dialog = script = Script(click("Deactivate"))
    accounts_page.deactivate_button.click()
    script.done()
    assert "Deactivate Bo Li (bo.li)?" in _text(script.shown[0])
    assert _row_text(accounts_page, "bo.li")[3] == "Deactivated"
    assert accounts_page.selected().id == bo
    assert not accounts_page.deactivate_button.isEnabled()
    assert accounts_page.reset_button.text() == "&Reactivate with new password…"

    shown: list[str] = []

    def read(dialog: QDialog) -> int:
        shown.append(dialog.password.text())
        return click("Close")(dialog)

    accounts_page.run_dialog = script = Script(click("Reset password"), read)
    accounts_page.reset_button.click()
    script.done()
    assert "The account will be active again." in _text(script.shown[0])
    assert _row_text(accounts_page, "bo.li")[3] == "Active (must choose a new password)"
    unlock(home, "bo.li", shown[0], state_dir=state_dir, kdf=FAST_KDF).close()


def test_cancel_changes_nothing(qtbot, accounts_page) -> None:  # type: ignore[no-untyped-def]
    bo = _bo(accounts_page.ctx.ws)
    accounts_page.refresh()
    accounts_page.select(bo)
    accounts_page.run_dialog = script = Script(click("Cancel"), click("Cancel"), click("Cancel"))
    accounts_page.deactivate_button.click()
    accounts_page.reset_button.click()
    accounts_page.role_button.click()
    script.done()
    assert _row_text(accounts_page, "bo.li")[2:4] == ["Keyworker", "Active (must choose a new password)"]


def test_change_role_and_the_last_manager_refusal_is_shown(qtbot, accounts_page) -> None:  # type: ignore[no-untyped-def]
    ws = accounts_page.ctx.ws
    bo = _bo(ws)
    accounts_page.refresh()

    def choose(role: Role) -> Step:
        def step(dialog: QDialog) -> int:
            assert isinstance(dialog, ChangeRoleDialog)
            dialog.role.setCurrentIndex(dialog.role.findData(role))
            return ok(dialog)

        return step

    accounts_page.select(bo)
    accounts_page.run_dialog = script = Script(choose(Role.SHIFT_LEAD))
    accounts_page.role_button.click()
    script.done()
    assert _row_text(accounts_page, "bo.li")[2] == "Shift lead"

    before = len(audit_entries(ws))
    seen: list[str] = []
    accounts_page.select(ws.actor.id)
    accounts_page.run_dialog = script = Script(choose(Role.KEYWORKER), message(seen))
    accounts_page.role_button.click()
    script.done()
    assert seen == ["This is the last active manager: add another manager first."]
    assert script.shown[1].icon() == QMessageBox.Icon.Warning
    assert _row_text(accounts_page, MANAGER)[2] == "Manager"
    assert len(audit_entries(ws)) == before

    seen.clear()
    accounts_page.run_dialog = script = Script(click("Deactivate"), message(seen))
    accounts_page.deactivate_button.click()
    script.done()
    assert seen == ["You cannot deactivate your own account."]

    seen.clear()
    accounts_page.run_dialog = script = Script(message(seen))
    accounts_page.reset_button.click()
    script.done()
    assert seen == [
        "To change your own password, use File › Change my password… (it asks for the current one)."
    ]


def test_shift_leads_and_keyworkers_cannot_reach_accounts_or_the_audit_log(manager, home, state_dir) -> None:  # type: ignore[no-untyped-def]
    bo = _bo(manager)
    accounts.change_role(manager, bo, Role.SHIFT_LEAD)
    accounts.add_account(
        manager, username="cy", full_name="Cy Ade", role=Role.KEYWORKER, initial_password="temporary pw 2"
    )
    lead = unlock(home, "bo.li", "temporary pw 1", state_dir=state_dir, kdf=FAST_KDF)
    worker = unlock(home, "cy", "temporary pw 2", state_dir=state_dir, kdf=FAST_KDF)
    try:
        # The shell shows a page only when the actor may have its permission.
        for ws in (lead, worker):
            assert not ws.may(AccountsPage.permission)
            assert not ws.may(AuditPage.permission)
        assert manager.may(AccountsPage.permission) and manager.may(AuditPage.permission)
        with pytest.raises(PermissionDenied, match="Shift leads cannot change staff roles"):
            accounts.change_role(lead, bo, Role.MANAGER)
        with pytest.raises(PermissionDenied, match="Keyworkers cannot see the audit log"):
            audit_entries(worker)
    finally:
        lead.close()
        worker.close()
    assert accounts.find_account(manager, "bo.li").role is Role.SHIFT_LEAD


def test_home_settings_are_saved(qtbot, accounts_page) -> None:  # type: ignore[no-untyped-def]
    ws = accounts_page.ctx.ws
    assert accounts_page.lock_minutes.value() == 5 and accounts_page.paper_size.currentData() == "A4"
    assert not accounts_page.has_unsaved_changes()
    accounts_page.lock_minutes.setValue(15)
    accounts_page.paper_size.setCurrentIndex(accounts_page.paper_size.findData("Letter"))
    assert accounts_page.has_unsaved_changes()
    assert accounts_page.settings_message.text() == "Not saved yet."
    draft = accounts_page.draft()
    accounts_page.discard_changes()
    assert accounts_page.lock_minutes.value() == 5
    accounts_page.restore_draft(draft)
    accounts_page.save_settings_button.click()
    assert accounts_page.settings_message.text() == "Saved."
    assert not accounts_page.has_unsaved_changes()
    saved = home_settings(ws)
    assert (saved.lock_after_minutes, saved.paper_size) == (15, "Letter")
    changed = audit_entries(ws, action="setting_changed")
    assert {e.details for e in changed} >= {'{"from": 5, "setting": "lock_after_minutes", "to": 15}'}
    assert (accounts_page.lock_minutes.minimum(), accounts_page.lock_minutes.maximum()) == (1, 60)


# -- audit log --------------------------------------------------------------------------


@pytest.fixture
def audit_page(qtbot, ctx):  # type: ignore[no-untyped-def]
    ws = ctx.ws
    _bo(ws)
    sian = admit_resident(ws, resident("Siân", "Llewellyn", room="3"))
    admit_resident(ws, resident("Łukasz", "Wójcik", room="14"))
    view_resident(ws, sian.id)
    view_resident(ws, sian.id)
    page = AuditPage(ctx)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0  # nothing read until shown
    page.show()
    qtbot.waitExposed(page)
    page.sian = sian.id
    return page


def _choose(combo: QComboBox, data: Any) -> None:
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered"
    combo.setCurrentIndex(index)


def test_audit_filters_narrow_the_rows(qtbot, audit_page) -> None:  # type: ignore[no-untyped-def]
    page, ws = audit_page, audit_page.ctx.ws
    everything = page.model.rowCount()
    assert everything == len(audit_entries(ws)) > 6
    assert page.count_label.text() == f"{everything} entries"
    assert page.person.itemText(0) == "Anyone" and page.resident.itemText(0) == "Any resident"
    assert page.resident.findText("Siân Llewellyn, room 3") > 0
    assert page.action.findText("Viewed resident record") > 0

    _choose(page.action, "resident_viewed")
    assert page.model.rowCount() == 2
    assert page.model.data(page.model.index(0, 3)) == "Viewed resident record"
    assert page.model.data(page.model.index(0, 4)) == "Siân Llewellyn"
    assert page.model.data(page.model.index(0, 2)) == "Amira Khan"
    assert page.model.data(page.model.index(0, 2), Qt.ItemDataRole.ToolTipRole) == MANAGER

    _choose(page.action, None)
    _choose(page.resident, page.sian)
    assert page.model.rowCount() == 3  # added, viewed twice
    _choose(page.person, "bo.li")
    assert page.model.rowCount() == 0
    assert page.count_label.text() == "0 entries"
    _choose(page.person, None)
    _choose(page.resident, None)

    page.use_from.setChecked(True)
    page.date_from.setDate(QDate.currentDate().addDays(1))
    assert page.model.rowCount() == 0
    page.date_from.setDate(QDate.currentDate())
    assert page.model.rowCount() == everything
    page.use_to.setChecked(True)
    page.date_to.setDate(QDate.currentDate().addDays(-1))
    assert page.model.rowCount() == 0
    assert "after the ‘to’ date" in page.count_label.text()
    assert page.date_to.displayFormat() == "dd/MM/yyyy"
    assert page.date_to.text() == (date.today() - timedelta(days=1)).strftime("%d/%m/%Y")


def test_refresh_picks_up_new_entries(qtbot, audit_page) -> None:  # type: ignore[no-untyped-def]
    before = audit_page.model.rowCount()
    view_resident(audit_page.ctx.ws, audit_page.sian)
    audit_page.refresh_button.click()
    assert audit_page.model.rowCount() == before + 1


def _password(text: str) -> Step:
    def step(dialog: QDialog) -> int:
        assert isinstance(dialog, PasswordPromptDialog)
        dialog.password.setText(text)
        return ok(dialog)

    return step


def test_export_asks_for_the_password_then_where_to_save(qtbot, audit_page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = audit_page
    asked: list[tuple[str, str]] = []

    def save_as(parent: QWidget, caption: str, suggested: str, filters: str) -> tuple[str, str]:
        asked.append((caption, suggested))
        return str(tmp_path / "sian"), filters

    page.get_save_file_name = save_as
    _choose(page.resident, page.sian)
    seen: list[str] = []
    page.run_dialog = script = Script(_password(MANAGER_PASSWORD), message(seen))
    page.export_button.click()
    script.done()
    assert asked[0][0] == "Export the audit log"
    assert asked[0][1].endswith(f"audit-log-{date.today().isoformat()}.csv")
    out = tmp_path / "sian.csv"
    assert seen == [f"Exported 3 entries to {out}."]
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == 4 and {r[5] for r in rows[1:]} == {"Siân Llewellyn"}
    # the page shows the export it just made (it concerns that resident)
    assert page.model.data(page.model.index(0, 3)) == "Exported the audit log"


def test_export_with_a_wrong_password_writes_nothing(qtbot, audit_page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = audit_page
    folder = tmp_path / "exports"
    folder.mkdir()
    page.get_save_file_name = lambda *args: (str(folder / "audit.csv"), "")
    seen: list[str] = []
    page.run_dialog = script = Script(_password("not my password"), message(seen))
    page.export_button.click()
    script.done()
    assert seen == ["Your password is not right: nothing was exported."]
    assert list(folder.iterdir()) == []
    assert audit_entries(page.ctx.ws, action="audit_exported") == []

    # an empty password is caught in the dialog; cancelling asks nothing more
    def empty_then_cancel(dialog: QDialog) -> int:
        ok(dialog)
        assert dialog.message.text() == "Type your password."
        return click("Cancel")(dialog)

    page.get_save_file_name = lambda *args: pytest.fail("no file dialog after cancelling")
    page.run_dialog = script = Script(empty_then_cancel)
    page.export_button.click()
    script.done()


# -- change own password ------------------------------------------------------------------


def test_change_password_dialog_messages(qtbot, manager, home, state_dir) -> None:  # type: ignore[no-untyped-def]
    dialog = ChangePasswordDialog(manager)
    qtbot.addWidget(dialog)
    seen: list[str] = []
    dialog.run_dialog = Script(message(seen))

    def attempt(current: str, new: str, repeat: str) -> str:
        for field, text in ((dialog.current, current), (dialog.new, new), (dialog.repeat, repeat)):
            field.setText(text)
        dialog.ok_button.click()
        return dialog.message.text()

    assert attempt("not my password", "a new password 2", "a new password 2") == (
        "Your current password is not right: nothing was changed."
    )
    assert dialog.current.text() == ""  # cleared, to type again
    assert attempt(MANAGER_PASSWORD, "a new password 2", "a new pasword 2") == (
        "The two new passwords are not the same: type them again."
    )
    assert attempt(MANAGER_PASSWORD, "short", "short") == "A password needs at least 8 characters."
    assert dialog.result() == 0
    assert attempt(MANAGER_PASSWORD, "a new password 2", "a new password 2") == ""
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert seen == ["Your password has been changed. Use the new one next time you log in."]
    unlock(home, MANAGER, "a new password 2", state_dir=state_dir, kdf=FAST_KDF).close()


# -- models and accessibility ------------------------------------------------------------


def test_models_pass_qt_model_checks(qtmodeltester, audit_page) -> None:  # type: ignore[no-untyped-def]
    ws = audit_page.ctx.ws
    model = AccountsModel()
    model.set_rows(accounts.list_accounts(ws))
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.data(model.index(0, 4)) != "Never"
    qtmodeltester.check(AccountsModel())
    qtmodeltester.check(audit_page.model)
    qtmodeltester.check(AuditModel())
    assert audit_page.model.data(audit_page.model.index(0, 0), Qt.ItemDataRole.UserRole) == max(
        e.seq for e in audit_entries(ws)
    )


def _controls(widget: QWidget) -> list[QWidget]:
    kinds = (QLineEdit, QComboBox, QSpinBox, QDateEdit, QCheckBox, QTableView, QAbstractButton)
    return [w for w in widget.findChildren(QWidget) if isinstance(w, kinds) and w.parent() is not None]


def _assert_accessible(root: QWidget) -> None:
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}
    for w in _controls(root):
        if isinstance(w, QLineEdit) and isinstance(w.parent(), (QSpinBox, QDateEdit, QComboBox)):
            continue  # the line edit inside a spin box, date edit or editable combo
        if type(w).__name__ in ("QToolButton",) or w.objectName().startswith("qt_"):
            continue  # Qt's own parts (scroll arrows, calendar buttons)
        named = bool(w.accessibleName()) or id(w) in buddies
        if isinstance(w, QAbstractButton):
            named = named or bool(w.text().replace("&", ""))
        assert named, f"{w!r} in {root!r} has no accessible name, label or text"
        assert w.focusPolicy() & Qt.FocusPolicy.TabFocus, f"{w!r} cannot be reached with Tab"


def test_every_control_is_named_and_reachable_by_keyboard(qtbot, accounts_page, audit_page, manager) -> None:  # type: ignore[no-untyped-def]
    account = accounts.list_accounts(manager)[0]
    dialogs = [
        AddAccountDialog(lambda *a: account),
        ChangeRoleDialog(account, own=True),
        PasswordShownDialog(account, "abcd-efgh-jkmn"),
        PasswordPromptDialog(MANAGER, "Why", "Go"),
        ChangePasswordDialog(manager),
    ]
    for widget in (accounts_page, audit_page, *dialogs):
        if isinstance(widget, QDialog):
            qtbot.addWidget(widget)
        _assert_accessible(widget)
    for heading in accounts_page.findChildren(QLabel):
        if heading.text() == "&Staff accounts":
            assert heading.buddy() is accounts_page.table


# -- screenshots ---------------------------------------------------------------------------


def _in_window(page: QWidget, areas: list[str]) -> QWidget:
    """The page beside a navigation list, as the main window shows it, at 1366×768."""
    window = QWidget()
    layout = QHBoxLayout(window)
    nav = QListWidget()
    nav.addItems(areas)
    nav.setFixedWidth(150)
    layout.addWidget(nav)
    layout.addWidget(page, 1)
    window.resize(1366, 768)
    return window


def test_screenshots_at_1366_by_768(qtbot, audit_page, manager) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(exist_ok=True)
    for username, name, role in (
        ("j.okafor", "Joy Okafor", Role.SHIFT_LEAD),
        ("m.evans", "Megan Evans", Role.KEYWORKER),
        ("p.sharma", "Priya Sharma", Role.MANAGER),
    ):
        accounts.add_account(
            manager, username=username, full_name=name, role=role, initial_password="temp pw 123"
        )
    accounts.deactivate_account(manager, accounts.find_account(manager, "m.evans").id)
    areas = ["Residents", "Key people", "Today", "Accounts", "Audit log"]

    page = AccountsPage(audit_page.ctx)
    page.lock_minutes.setValue(10)
    window = _in_window(page, areas)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page.select(accounts.find_account(manager, "bo.li").id)
    page.lock_minutes.setValue(10)
    QApplication.processEvents()
    assert window.grab().save(str(SCREENSHOTS / "accounts_page.png"))

    audit = AuditPage(audit_page.ctx)
    audit_window = _in_window(audit, areas)
    qtbot.addWidget(audit_window)
    audit_window.show()
    qtbot.waitExposed(audit_window)
    audit.use_from.setChecked(True)
    QApplication.processEvents()
    assert audit_window.grab().save(str(SCREENSHOTS / "audit_page.png"))

    dialog = AddAccountDialog(lambda *a: None)  # type: ignore[arg-type, return-value]
    qtbot.addWidget(dialog)
    dialog.username.setText("s.begum")
    dialog.full_name.setText("Sadia Begum")
    dialog.message.setText("The username 's.begum' is already taken.")
    dialog.message.show()
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.grab().save(str(SCREENSHOTS / "add_account_dialog.png"))

    shown = PasswordShownDialog(accounts.find_account(manager, "bo.li"), "kxpt-7mwd-r4hq")
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    assert shown.grab().save(str(SCREENSHOTS / "temporary_password_dialog.png"))

    change = ChangePasswordDialog(manager)
    qtbot.addWidget(change)
    change.message.setText("The two new passwords are not the same: type them again.")
    change.message.show()
    change.show()
    qtbot.waitExposed(change)
    assert change.grab().save(str(SCREENSHOTS / "change_password_dialog.png"))

    prompt = PasswordPromptDialog(MANAGER, audit._export_reason(), "Continue…")
    qtbot.addWidget(prompt)
    prompt.show()
    qtbot.waitExposed(prompt)
    assert prompt.grab().save(str(SCREENSHOTS / "export_password_prompt.png"))
