"""The managers' Audit log area: who did what and when, filtered, and exported to CSV."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypedDict

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.errors import CareLinkError
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.accounts import list_accounts
from carelink_desktop.services.audit_export import (
    ACTION_LABELS,
    export_audit_csv,
    resident_names,
)
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.services.residents import ResidentFilter, find_residents
from carelink_desktop.ui.audit_model import AuditModel
from carelink_desktop.ui.change_password_dialog import (
    DialogRunner,
    PasswordPromptDialog,
    message_box,
    run_modal,
)
from carelink_desktop.ui.pages import Page, ShellContext
from carelink_desktop.ui.widgets import record_table

#: How many entries the table shows at most (the export has them all).
SHOWN = 1000
NOT_LOGGED_IN = "(not logged in)"

#: (parent, caption, suggested path, filter) -> (chosen path or "", chosen filter)
SaveFileDialog = Callable[[QWidget, str, str, str], tuple[str, str]]


class AuditFilters(TypedDict):
    """The filters as ``audit_entries`` and ``export_audit_csv`` take them."""

    actor: str | None
    resident_id: str | None
    action: str | None
    since: date | None
    until: date | None


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class AuditPage(Page):
    """The audit log, newest first, with filters and an export to CSV."""

    area = "audit"
    permission = Permission.VIEW_AUDIT_LOG
    watches = ()

    def __init__(self, ctx: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        #: Shows a modal dialog and returns its result; tests replace it to drive the dialogs.
        self.run_dialog: DialogRunner = run_modal
        #: Asks where to save the export; tests replace it.
        self.get_save_file_name: SaveFileDialog = QFileDialog.getSaveFileName
        self._loading = False
        self._staff: dict[str, str] = {}

        self.person = self._combo(self.tr("Person"))
        self.resident = self._combo(self.tr("Resident"))
        self.action = self._combo(self.tr("Action"))
        self.action.addItem(self.tr("Any action"), None)
        for code, words in sorted(ACTION_LABELS.items(), key=lambda item: item[1]):
            self.action.addItem(words, code)
        today = QDate.currentDate()
        self.use_from = QCheckBox(self.tr("&From:"))
        self.use_to = QCheckBox(self.tr("&To:"))
        self.date_from = self._date_edit(self.tr("From date"), today.addDays(-30), self.use_from)
        self.date_to = self._date_edit(self.tr("To date"), today, self.use_to)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("&Export to CSV…"))
        self.export_button.clicked.connect(self.export)
        self.export_button.setToolTip(
            self.tr("Save every entry these filters match (not only the newest {n}) as a CSV file").format(
                n=f"{SHOWN:,}"
            )
        )

        self.model = AuditModel(self)
        self.table = record_table(
            self.model, self.tr("Audit log entries"), stretch=(self.model.columnCount() - 1,)
        )
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("How many entries are shown"))

        filters = QGridLayout()
        for col, (text, widget) in enumerate(
            ((self.tr("&Person:"), self.person), (self.tr("Re&sident:"), self.resident))
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label, 0, col * 2)
            filters.addWidget(widget, 0, col * 2 + 1)
        action_label = QLabel(self.tr("&Action:"))
        action_label.setBuddy(self.action)
        filters.addWidget(action_label, 1, 0)
        filters.addWidget(self.action, 1, 1)
        dates = QHBoxLayout()
        for box, edit in ((self.use_from, self.date_from), (self.use_to, self.date_to)):
            dates.addWidget(box)
            dates.addWidget(edit)
            dates.addSpacing(12)
        dates.addStretch(1)
        when = QLabel(self.tr("When:"))
        filters.addWidget(when, 1, 2)
        filters.addLayout(dates, 1, 3)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.refresh_button)
        bottom.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        for combo in (self.person, self.resident, self.action):
            combo.currentIndexChanged.connect(self._filters_changed)
        for box in (self.use_from, self.use_to):
            box.toggled.connect(self._filters_changed)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._filters_changed)
        # Nothing is read until the page is shown: most log-ins never open the audit log.

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(18)
        return combo

    def _date_edit(self, name: str, value: QDate, switch: QCheckBox) -> QDateEdit:
        edit = QDateEdit(value)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        edit.setAccessibleName(name)
        edit.setEnabled(False)
        switch.toggled.connect(edit.setEnabled)
        switch.setAccessibleName(self.tr("Only entries {which}").format(which=name.lower()))
        return edit

    def title(self) -> str:
        return self.tr("Audit log")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    # -- filters -------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        """Reload who and which residents can be chosen, keeping what was chosen."""
        ws = self.ctx.ws
        self._loading = True
        try:
            person, resident = self.person.currentData(), self.resident.currentData()
            self.person.clear()
            self.person.addItem(self.tr("Anyone"), None)
            self._staff = {NOT_LOGGED_IN: self.tr("Not logged in")}
            for account in list_accounts(ws):
                self.person.addItem(f"{account.full_name} ({account.username})", account.username)
                self._staff[account.username] = account.full_name
            self.person.addItem(self.tr("Not logged in (failed logins)"), NOT_LOGGED_IN)
            self.resident.clear()
            self.resident.addItem(self.tr("Any resident"), None)
            for status, suffix in (
                (ResidentFilter.ALL, ""),
                (ResidentFilter.ARCHIVED, self.tr(" (archived)")),
            ):
                for r in find_residents(ws, status=status):
                    label = self.tr("{name}, room {room}").format(name=r.display_name, room=r.room)
                    self.resident.addItem((label if r.room else r.display_name) + suffix, r.id)
            self.person.setCurrentIndex(max(0, self.person.findData(person)))
            self.resident.setCurrentIndex(max(0, self.resident.findData(resident)))
        finally:
            self._loading = False

    def filters(self) -> AuditFilters:
        """The chosen filters."""
        return {
            "actor": self.person.currentData(),
            "resident_id": self.resident.currentData(),
            "action": self.action.currentData(),
            "since": _date(self.date_from.date()) if self.use_from.isChecked() else None,
            "until": _date(self.date_to.date()) if self.use_to.isChecked() else None,
        }

    def _filters_changed(self) -> None:
        if not self._loading:
            self.show_entries()

    def refresh(self) -> None:
        """Reload the choices and the entries."""
        self._fill_choices()
        self.show_entries()

    def show_entries(self) -> None:
        f = self.filters()
        try:
            rows = audit_entries(self.ctx.ws, limit=SHOWN + 1, **f)
            names = resident_names(self.ctx.ws)
        except CareLinkError as exc:
            self.model.set_rows([])
            self.count_label.setText(str(exc))
            return
        self.model.set_rows(rows[:SHOWN], names, self._staff)
        if len(rows) > SHOWN:
            text = self.tr(
                "Showing the newest {n} entries. Narrow the filters, or export to CSV to get them all."
            ).format(n=f"{SHOWN:,}")
        elif not rows and f["since"] and f["until"] and f["since"] > f["until"]:
            text = self.tr("No entries: the ‘from’ date is after the ‘to’ date.")
        elif len(rows) == 1:
            text = self.tr("1 entry")
        else:
            text = self.tr("{n} entries").format(n=f"{len(rows):,}")
        self.count_label.setText(text)

    # -- export --------------------------------------------------------------------------

    def _export_reason(self) -> str:
        return self.tr(
            "The export is a plain CSV file: anyone who gets the file can read it, resident names "
            "included. Type your password again to export the audit log."
        )

    def export(self) -> None:
        """Ask for the password again and where to save, then export what the filters show."""
        ws = self.ctx.ws
        prompt = PasswordPromptDialog(ws.actor.username, self._export_reason(), self.tr("&Continue…"), self)
        if not self.run_dialog(prompt):
            return
        password = prompt.password.text()
        prompt.password.clear()
        suggested = Path.home() / f"audit-log-{date.today().isoformat()}.csv"
        path, _ = self.get_save_file_name(
            self, self.tr("Export the audit log"), str(suggested), self.tr("CSV files (*.csv)")
        )
        if not path:
            return
        destination = Path(path)
        if destination.suffix.lower() != ".csv":
            destination = destination.with_name(destination.name + ".csv")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            count = export_audit_csv(ws, password, destination, **self.filters())
        except CareLinkError as exc:
            QGuiApplication.restoreOverrideCursor()
            self.run_dialog(
                message_box(self, QMessageBox.Icon.Warning, self.tr("Audit log not exported"), str(exc))
            )
            return
        QGuiApplication.restoreOverrideCursor()
        done = (
            self.tr("Exported 1 entry to {file}.")
            if count == 1
            else self.tr("Exported {n} entries to {file}.")
        ).format(n=f"{count:,}", file=destination)
        self.run_dialog(message_box(self, QMessageBox.Icon.Information, self.tr("Audit log exported"), done))
        self.show_entries()
