"""The Sync area's Conflicts tab: details changed on two PCs before either saw the other's
change. Both versions are shown side by side; the manager keeps one, uses the other, or
combines the two, and the choice travels to the other PCs like any edit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.dates import format_uk_datetime
from carelink_desktop.domain.errors import CareLinkError
from carelink_desktop.services import sync_conflicts
from carelink_desktop.services.sync_conflicts import ConflictView
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.change_password_dialog import DialogRunner, run_modal
from carelink_desktop.ui.sync_models import ConflictsModel
from carelink_desktop.ui.widgets import PROBLEM_STYLE, emphasise, problem_label, record_table

EMPTY = "(empty)"  # how services.sync_conflicts shows an empty value


def _read_only_text(name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setReadOnly(True)
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)
    return edit


class CombineDialog(QDialog):
    """Both versions in one editable text, to be made into one; ``submit(text)`` saves it."""

    def __init__(
        self, conflict: ConflictView, submit: Callable[[str], object], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self.setWindowTitle(self.tr("Combine the two versions"))
        self.setMinimumSize(560, 360)
        intro = QLabel(
            self.tr("{detail} of {record}: edit the two versions into one, then save it.").format(
                detail=conflict.field_label, record=conflict.record_title
            )
        )
        intro.setWordWrap(True)
        both = [v for v in (conflict.kept_value, conflict.other_value) if v and v != EMPTY]
        self.text = QPlainTextEdit("\n\n".join(dict.fromkeys(both)))
        self.text.setAccessibleName(self.tr("Combined text"))
        self.text.setTabChangesFocus(True)
        caption = QLabel(self.tr("Combined &text:"))
        caption.setBuddy(self.text)
        self.message = problem_label(self.tr("Problem"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save combined text"))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(caption)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.text.setFocus()

    def _save(self) -> None:
        try:
            self._submit(self.text.toPlainText())
        except CareLinkError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return
        self.accept()


class VersionBox(QGroupBox):
    """One version of the detail: its text, who changed it and when, and the button choosing it."""

    def __init__(self, title: str, button: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.text = _read_only_text(title)
        self.who = QLabel()
        self.who.setWordWrap(True)
        self.who.setAccessibleName(self.tr("{version}: changed by").format(version=title))
        self.choose = QPushButton(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.who)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def show_version(self, value: str, by: str, at: datetime | None) -> None:
        self.text.setPlainText(value)
        when = format_uk_datetime(at)
        if by and when:
            self.who.setText(self.tr("Changed by {name} on {when}").format(name=by, when=when))
        elif by or when:
            self.who.setText(
                self.tr("Changed by {name}").format(name=by)
                if by
                else self.tr("Changed {when}").format(when=when)
            )
        else:
            self.who.setText("")


class ConflictsPanel(QWidget):
    """Open conflicts (with the settled ones on request) and the chosen one's two versions."""

    #: How many conflicts are open (for the tab's title).
    count_changed = Signal(int)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        #: Shows a modal dialog (the combine editor); tests replace it.
        self.run_dialog: DialogRunner = run_modal
        self.open_count = 0
        self.show_settled = QCheckBox(self.tr("Show &settled conflicts"))
        self.show_settled.toggled.connect(self.refresh)
        self.explain = QLabel(
            self.tr(
                "The same detail was changed on two PCs before either had the other's file. Both "
                "versions are kept: choose the one to keep, or combine them. Your choice reaches "
                "the other PCs with the next file."
            )
        )
        self.explain.setWordWrap(True)
        self.model = ConflictsModel(self)
        self.table = record_table(self.model, self.tr("Conflicts"), stretch=(0,))
        self.table.selectionModel().selectionChanged.connect(self._show_chosen)
        self.empty = QLabel()
        self.empty.setAccessibleName(self.tr("About the conflicts"))

        self.heading = QLabel()
        emphasise(self.heading, 1.1)
        self.kept = VersionBox(self.tr("In the record now"), self.tr("&Keep this version"))
        self.other = VersionBox(self.tr("The other version"), self.tr("&Use the other version"))
        self.combine_button = QPushButton(self.tr("Com&bine…"))
        self.kept.choose.clicked.connect(lambda: self.settle("kept"))
        self.other.choose.clicked.connect(lambda: self.settle("other"))
        self.combine_button.clicked.connect(self.combine)
        self.settled = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Conflicts message"))

        detail = QWidget()
        versions = QHBoxLayout()
        versions.addWidget(self.kept, 1)
        versions.addWidget(self.other, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.combine_button)
        bottom.addWidget(self.settled, 1)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.heading)
        detail_layout.addLayout(versions, 1)
        detail_layout.addLayout(bottom)
        self.detail = detail
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)

        top = QHBoxLayout()
        top.addWidget(self.empty, 1)
        top.addWidget(self.show_settled)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self._show_chosen()

    def refresh(self) -> None:
        """Reload the conflicts, keeping the chosen one chosen."""
        if self.ws.store.closed:
            return
        chosen = self.selected()
        try:
            rows = sync_conflicts.list_conflicts(self.ws, include_resolved=self.show_settled.isChecked())
        except CareLinkError as exc:  # e.g. no longer a manager (changed on another PC)
            self._say(str(exc), problem=True)
            rows = []
        self.model.set_rows(rows)
        row = self.model.row_of(chosen.id) if chosen else -1
        if rows:
            self.table.selectRow(max(row, 0))
        self.open_count = sum(1 for c in rows if c.resolved_at is None)
        if not rows:
            self.empty.setText(self.tr("No conflicts to settle."))
        elif self.open_count == 0:
            self.empty.setText(self.tr("Every conflict is settled."))
        else:
            self.empty.setText(
                self.tr("1 conflict to settle.")
                if self.open_count == 1
                else self.tr("{n} conflicts to settle.").format(n=self.open_count)
            )
        self._show_chosen()
        self.count_changed.emit(self.open_count)

    def selected(self) -> ConflictView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.conflict_at(rows[0].row()) if rows else None

    def _show_chosen(self) -> None:
        c = self.selected()
        self.detail.setEnabled(c is not None)
        if c is None:
            self.heading.setText("")
            for box in (self.kept, self.other):
                box.show_version("", "", None)
            self.settled.setText("")
            return
        self.heading.setText(
            self.tr("{record} — {detail}").format(record=c.record_title, detail=c.field_label)
        )
        self.kept.show_version(c.kept_value, c.kept_by, c.kept_at)
        self.other.show_version(c.other_value, c.other_by, c.other_at)
        is_open = c.resolved_at is None
        for button in (self.kept.choose, self.other.choose, self.combine_button):
            button.setEnabled(is_open)
        self.settled.setText(
            ""
            if is_open
            else self.tr("Settled on {when}: {how}.").format(
                when=format_uk_datetime(c.resolved_at), how=c.resolution_label.lower()
            )
        )

    def _say(self, text: str, *, problem: bool = False) -> None:
        self.message.setStyleSheet(PROBLEM_STYLE if problem else "")
        self.message.setText(text)

    def settle(self, choice: str, combined: str | None = None) -> bool:
        """Settle the chosen conflict; a refusal is said under the list."""
        c = self.selected()
        if c is None:
            return False
        try:
            done = sync_conflicts.resolve_conflict(self.ws, c.id, choice, combined)
        except CareLinkError as exc:
            self._say(str(exc), problem=True)
            self.refresh()
            return False
        self._say(
            self.tr("Settled {detail} of {record}: {how}.").format(
                detail=done.field_label.lower(), record=done.record_title, how=done.resolution_label.lower()
            )
        )
        self.refresh()
        return True

    def combine(self) -> None:
        c = self.selected()
        if c is None:
            return
        dialog = CombineDialog(c, self._submit_combined, self)
        self.run_dialog(dialog)

    def _submit_combined(self, text: str) -> None:
        c = self.selected()
        if c is None:
            return
        sync_conflicts.resolve_conflict(self.ws, c.id, "combined", text)  # a refusal stays in the dialog
        self._say(
            self.tr("Settled {detail} of {record}: combined the two.").format(
                detail=c.field_label.lower(), record=c.record_title
            )
        )
        self.refresh()
