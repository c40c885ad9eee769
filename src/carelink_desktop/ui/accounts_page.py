"""The managers' Accounts area: staff accounts (add, deactivate, reset password, change role)
and the settings of the whole home (when to lock, paper size, when the shifts start, after how many
days without contact the Today board flags a resident)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.accounts import temporary_password
from carelink_desktop.domain.errors import CareLinkError
from carelink_desktop.domain.roles import Permission, Role
from carelink_desktop.services import accounts, home_settings
from carelink_desktop.services.readmodels import AccountView
from carelink_desktop.ui.accounts_model import AccountsModel, role_label
from carelink_desktop.ui.change_password_dialog import (
    DialogRunner,
    PasswordShownDialog,
    message_box,
    run_modal,
)
from carelink_desktop.ui.confirm import confirm_with
from carelink_desktop.ui.pages import Page, ShellContext
from carelink_desktop.ui.widgets import PROBLEM_STYLE, record_table


def _time_edit(name: str) -> QTimeEdit:
    """A time of day typed as hh:mm (24-hour clock)."""
    edit = QTimeEdit()
    edit.setDisplayFormat("HH:mm")
    edit.setAccessibleName(name)
    edit.setToolTip(edit.tr("hh:mm, 24-hour clock"))
    return edit


def _role_combo(current: Role = Role.KEYWORKER) -> QComboBox:
    combo = QComboBox()
    for role in (Role.KEYWORKER, Role.SHIFT_LEAD, Role.MANAGER):
        combo.addItem(role_label(role), role.value)
    combo.setCurrentIndex(combo.findData(current.value))
    return combo


def chosen_role(combo: QComboBox) -> Role:
    """The role chosen in a combo made by ``_role_combo`` (Qt hands the value back as text)."""
    return Role(combo.currentData())


class AddAccountDialog(QDialog):
    """Username, full name, role and a temporary password (made up here, or typed).

    ``submit(username, full_name, role, password)`` adds the account; a refusal is shown in
    the dialog, which stays open with what was typed. ``account`` and ``password`` hold the
    result after ``accept``."""

    def __init__(
        self, submit: Callable[[str, str, Role, str], AccountView], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self.account: AccountView | None = None
        self.password = ""
        #: True when the password was made up here (so it must be shown to the manager once).
        self.generated = False
        self.setWindowTitle(self.tr("Add a staff account"))
        self.setMinimumWidth(460)
        self.username = QLineEdit()
        self.username.setAccessibleName(self.tr("Username"))
        self.username.setPlaceholderText(self.tr("e.g. j.smith"))
        self.full_name = QLineEdit()
        self.full_name.setAccessibleName(self.tr("Full name"))
        self.role = _role_combo()
        self.role.setAccessibleName(self.tr("Role"))
        self.generate = QRadioButton(self.tr("&Make up a temporary password for me"))
        self.generate.setChecked(True)
        self.choose = QRadioButton(self.tr("I will &type a temporary password:"))
        self.typed_password = QLineEdit()
        self.typed_password.setAccessibleName(self.tr("Temporary password"))
        self.typed_password.setEnabled(False)
        self.choose.toggled.connect(self.typed_password.setEnabled)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(PROBLEM_STYLE)
        self.message.setAccessibleName(self.tr("Problem"))
        self.message.hide()

        form = QFormLayout()
        form.addRow(self.tr("&Username:"), self.username)
        form.addRow(self.tr("&Full name:"), self.full_name)
        form.addRow(self.tr("&Role:"), self.role)
        password_box = QGroupBox(self.tr("Temporary password"))
        box = QVBoxLayout(password_box)
        box.addWidget(self.generate)
        box.addWidget(self.choose)
        box.addWidget(self.typed_password)
        hint = QLabel(self.tr("They must choose their own password the first time they log in."))
        hint.setWordWrap(True)
        box.addWidget(hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Add account"))
        self.buttons.accepted.connect(self._add)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(password_box)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.username.setFocus()

    def _add(self) -> None:
        password = self.typed_password.text() if self.choose.isChecked() else temporary_password()
        try:
            self.account = self._submit(
                self.username.text(), self.full_name.text(), chosen_role(self.role), password
            )
        except CareLinkError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return
        self.password, self.generated = password, not self.choose.isChecked()
        self.accept()


class ChangeRoleDialog(QDialog):
    """Choose a new role for one account."""

    def __init__(self, account: AccountView, own: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change role"))
        self.role = _role_combo(account.role)
        self.role.setAccessibleName(self.tr("New role"))
        form = QFormLayout()
        form.addRow(self.tr("Account:"), QLabel(f"{account.full_name} ({account.username})"))
        form.addRow(self.tr("&New role:"), self.role)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if own:
            warning = QLabel(self.tr("This is your own account: only managers can manage accounts."))
            warning.setWordWrap(True)
            layout.addWidget(warning)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("C&hange role"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)


class AccountsPage(Page):
    """Staff accounts and the home's settings, for managers."""

    area = "accounts"
    permission = Permission.MANAGE_ACCOUNTS
    watches = ("staff_account",)

    def __init__(self, ctx: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        #: Shows a modal dialog and returns its result; tests replace it to drive the dialogs.
        self.run_dialog: DialogRunner = run_modal
        self.model = AccountsModel(self)
        self.table = record_table(self.model, self.tr("Staff accounts"), stretch=(1,))
        self.table.setWordWrap(True)  # as this list always has: a name too long for its column wraps
        heading = QLabel(self.tr("&Staff accounts"))
        heading.setBuddy(self.table)
        heading.setStyleSheet("font-weight: bold;")

        self.add_button = QPushButton(self.tr("&Add account…"))
        self.deactivate_button = QPushButton(self.tr("&Deactivate…"))
        self.reset_button = QPushButton(self.tr("&Reset password…"))
        self.role_button = QPushButton(self.tr("C&hange role…"))
        self.add_button.clicked.connect(self.add_account)
        self.deactivate_button.clicked.connect(self.deactivate)
        self.reset_button.clicked.connect(self.reset_password)
        self.role_button.clicked.connect(self.change_role)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.deactivate_button, self.reset_button, self.role_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self._settings_group())
        self.load_settings()
        self.refresh()

    def title(self) -> str:
        return self.tr("Accounts")

    # -- accounts ------------------------------------------------------------------------

    def refresh(self) -> None:
        chosen = self.selected()
        self.model.set_rows(accounts.list_accounts(self.ctx.ws))
        if chosen is not None:
            self.select(chosen.id)
        self._update_buttons()
        if not self.has_unsaved_changes():
            self.load_settings()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def selected(self) -> AccountView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.account_at(rows[0].row()) if rows else None

    def select(self, account_id: str) -> None:
        row = self.model.row_of(account_id)
        if row >= 0:
            self.table.selectRow(row)

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.deactivate_button.setEnabled(chosen is not None and chosen.active)
        self.reset_button.setEnabled(chosen is not None)
        self.role_button.setEnabled(chosen is not None and chosen.active)
        if chosen is not None and not chosen.active:
            self.reset_button.setText(self.tr("&Reactivate with new password…"))
        else:
            self.reset_button.setText(self.tr("&Reset password…"))

    def _submit_new(self, username: str, full_name: str, role: Role, password: str) -> AccountView:
        return accounts.add_account(
            self.ctx.ws, username=username, full_name=full_name, role=role, initial_password=password
        )

    def add_account(self) -> None:
        dialog = AddAccountDialog(self._submit_new, self)
        if self.run_dialog(dialog) and dialog.account is not None:
            self.refresh()
            self.select(dialog.account.id)
            if dialog.generated:
                self.run_dialog(PasswordShownDialog(dialog.account, dialog.password, self))

    def _attempt(self, title: str, action: Callable[[], Any]) -> Any:
        """Run a service call; a refusal is shown in a message box (and nothing changed)."""
        try:
            return action()
        except CareLinkError as exc:
            self.run_dialog(message_box(self, QMessageBox.Icon.Warning, title, str(exc)))
            return None
        finally:
            self.refresh()

    def deactivate(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        text = self.tr(
            "Deactivate {name} ({username})? Their password will stop working at once. "
            "You can reactivate the account later by resetting its password."
        ).format(name=chosen.full_name, username=chosen.username)
        title = self.tr("Deactivate account")
        if confirm_with(self, self.run_dialog, title, text, self.tr("&Deactivate")):
            self._attempt(title, lambda: accounts.deactivate_account(self.ctx.ws, chosen.id))

    def reset_password(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        title = self.tr("Reset password")
        if chosen.id == self.ctx.ws.actor.id:
            own = self.tr(
                "To change your own password, use File › Change my password… (it asks for the current one)."
            )
            self.run_dialog(message_box(self, QMessageBox.Icon.Information, title, own))
            return
        text = self.tr(
            "Give {name} ({username}) a new temporary password? Their current password will stop working."
        ).format(name=chosen.full_name, username=chosen.username)
        if not chosen.active:
            text += " " + self.tr("The account will be active again.")
        if not confirm_with(self, self.run_dialog, title, text, self.tr("&Reset password")):
            return
        password = temporary_password()
        done = self._attempt(title, lambda: accounts.reset_password(self.ctx.ws, chosen.id, password))
        if done is not None:
            self.run_dialog(PasswordShownDialog(done, password, self))

    def change_role(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        dialog = ChangeRoleDialog(chosen, chosen.id == self.ctx.ws.actor.id, self)
        if self.run_dialog(dialog):
            role = chosen_role(dialog.role)
            self._attempt(self.tr("Change role"), lambda: accounts.change_role(self.ctx.ws, chosen.id, role))

    # -- home settings -------------------------------------------------------------------

    def _settings_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Home settings (every PC in the home)"))
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(1, 60)
        self.lock_minutes.setSuffix(self.tr(" minutes"))
        self.lock_minutes.setAccessibleName(self.tr("Lock after minutes without use"))
        self.paper_size = QComboBox()
        self.paper_size.addItem(self.tr("A4"), "A4")
        self.paper_size.addItem(self.tr("US Letter"), "Letter")
        self.paper_size.setAccessibleName(self.tr("Paper size for printing"))
        # When each shift starts (the Today board and the shift summaries follow them).
        self.shift_starts = {
            "early_shift_starts": _time_edit(self.tr("Early shift starts at")),
            "late_shift_starts": _time_edit(self.tr("Late shift starts at")),
            "night_shift_starts": _time_edit(self.tr("Night shift starts at")),
        }
        self.no_contact_days = QSpinBox()
        self.no_contact_days.setRange(1, 365)
        self.no_contact_days.setSuffix(self.tr(" days"))
        self.no_contact_days.setAccessibleName(self.tr("Flag a resident with no contact after days"))
        self.no_contact_days.setToolTip(
            self.tr("The Today board lists residents who have had no contact with anyone for this long.")
        )
        self.save_settings_button = QPushButton(self.tr("Sa&ve home settings"))
        self.save_settings_button.clicked.connect(self.save_settings)
        self.settings_message = QLabel()
        self.settings_message.setAccessibleName(self.tr("Home settings message"))
        self.settings_message.setWordWrap(True)
        lock_label = QLabel(self.tr("&Lock CareLink after no use for:"))
        lock_label.setBuddy(self.lock_minutes)
        paper_label = QLabel(self.tr("&Paper size:"))
        paper_label.setBuddy(self.paper_size)
        shifts = QHBoxLayout()
        for (name, edit), text in zip(
            self.shift_starts.items(), (self.tr("&Early"), self.tr("La&te"), self.tr("&Night")), strict=True
        ):
            label = QLabel(text)
            label.setBuddy(edit)
            shifts.addWidget(label)
            shifts.addWidget(edit)
            shifts.addSpacing(12)
            edit.timeChanged.connect(self._settings_edited)
            edit.setObjectName(name)
        shifts.addStretch(1)
        shifts_label = QLabel(self.tr("Shifts start at:"))
        no_contact_label = QLabel(self.tr("Flag no &contact after:"))
        no_contact_label.setBuddy(self.no_contact_days)
        grid = QGridLayout(group)
        grid.addWidget(lock_label, 0, 0, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.lock_minutes, 0, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(paper_label, 0, 2, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.paper_size, 0, 3, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(shifts_label, 1, 0, Qt.AlignmentFlag.AlignRight)
        grid.addLayout(shifts, 1, 1)
        grid.addWidget(no_contact_label, 1, 2, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.no_contact_days, 1, 3, Qt.AlignmentFlag.AlignLeft)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_settings_button)
        buttons.addWidget(self.settings_message, 1)
        grid.addLayout(buttons, 2, 0, 1, 5)
        grid.setColumnStretch(4, 1)
        grid.setHorizontalSpacing(12)
        self.lock_minutes.valueChanged.connect(self._settings_edited)
        self.paper_size.currentIndexChanged.connect(self._settings_edited)
        self.no_contact_days.valueChanged.connect(self._settings_edited)
        return group

    def _form_settings(self) -> dict[str, Any]:
        form: dict[str, Any] = {
            "lock_after_minutes": self.lock_minutes.value(),
            "paper_size": self.paper_size.currentData(),
        }
        for name, edit in self.shift_starts.items():
            form[name] = edit.time().toString("HH:mm")
        form["no_contact_days"] = self.no_contact_days.value()
        return form

    def _saved_settings(self) -> dict[str, Any]:
        return {name: getattr(self._saved, name) for name in self._form_settings()}

    def _settings_edited(self) -> None:
        self.settings_message.setText(self.tr("Not saved yet.") if self.has_unsaved_changes() else "")
        self.settings_message.setStyleSheet("")

    def load_settings(self) -> None:
        self._saved = home_settings.home_settings(self.ctx.ws)
        self._show_settings(self._saved_settings())
        self.settings_message.clear()

    def _show_settings(self, values: dict[str, Any]) -> None:
        self.lock_minutes.setValue(int(values["lock_after_minutes"]))
        self.paper_size.setCurrentIndex(max(0, self.paper_size.findData(values["paper_size"])))
        for name, edit in self.shift_starts.items():
            edit.setTime(QTime.fromString(str(values[name]), "HH:mm"))
        self.no_contact_days.setValue(int(values["no_contact_days"]))

    def save_settings(self) -> None:
        try:
            self._saved = home_settings.change_home_settings(self.ctx.ws, **self._form_settings())
        except CareLinkError as exc:
            self.settings_message.setText(str(exc))
            self.settings_message.setStyleSheet(PROBLEM_STYLE)
            return
        self.settings_message.setText(self.tr("Saved."))
        self.settings_message.setStyleSheet("")

    def has_unsaved_changes(self) -> bool:
        return self._form_settings() != self._saved_settings()

    def draft(self) -> dict[str, Any] | None:
        return self._form_settings() if self.has_unsaved_changes() else None

    def restore_draft(self, draft: dict[str, Any]) -> None:
        values = self._saved_settings()
        values.update({k: v for k, v in draft.items() if k in values})
        self._show_settings(values)

    def discard_changes(self) -> None:
        self.load_settings()
