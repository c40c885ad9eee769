"""A resident's consent records: the list on their record and the form to add or change one.

Each record says what was decided, by whom, with capacity and best-interests notes.
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.consent import Capacity, ConsentDecision, ConsentDetails, ConsentTopic, DecidedBy
from carelink_desktop.domain.errors import CareLinkError
from carelink_desktop.services.consent import consents_for, delete_consent, record_consent, update_consent
from carelink_desktop.services.readmodels import ConsentView
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.confirm import ask_yes
from carelink_desktop.ui.consent_model import ConsentModel
from carelink_desktop.ui.form_dialog import FormDialog
from carelink_desktop.ui.resident_profile_form import multi_line
from carelink_desktop.ui.widgets import DateField, FieldMessage, record_table

#: Capacity has no ``label`` in the domain (the other consent enums do).
CAPACITY_LABELS = {
    Capacity.NOT_ASSESSED: "Not assessed",
    Capacity.HAS_CAPACITY: "Has capacity for this decision",
    Capacity.LACKS_CAPACITY: "Lacks capacity for this decision",
}


def capacity_label(value: Capacity) -> str:
    label = getattr(value, "label", None)
    return label if isinstance(label, str) else CAPACITY_LABELS[value]


class ConsentDialog(FormDialog):
    """Saves through services.consent when the person presses Save; stays open (saving nothing)
    while any field has a problem. After ``accepted``, ``result_view`` is the saved record."""

    def __init__(
        self,
        ws: Workspace,
        resident_id: str,
        consent: ConsentView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.resident_id = resident_id
        self.consent = consent
        self.result_view: ConsentView | None = None
        self.setWindowTitle(
            self.tr("Change a consent record") if consent else self.tr("Add a consent record")
        )
        self.fields: dict[str, QWidget] = {}

        self.topic = self._combo([(t.label, t) for t in ConsentTopic])
        self.details = multi_line(3)
        self.details.setPlaceholderText(self.tr("What exactly was asked and agreed"))
        self.decision = self._combo([(d.label, d) for d in ConsentDecision])
        self.decided_by = self._combo([(d.label, d) for d in DecidedBy])
        self.decided_by_name = QLineEdit()
        self.decided_by_name.setPlaceholderText(self.tr("Needed when someone decided for the resident"))
        self.decision_date = DateField()
        self.capacity = self._combo([(self.tr(capacity_label(c)), c) for c in Capacity])
        self.capacity_notes = multi_line(2)
        self.best_interests_notes = multi_line(3)
        self.best_interests_notes.setPlaceholderText(
            self.tr("Who took part, what they said and why this is in the resident's best interests")
        )
        self.review_date = DateField()

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        rows: list[tuple[str, QWidget, str]] = [
            ("topic", self.topic, self.tr("What it is &about")),
            ("details", self.details, self.tr("&Details")),
            ("decision", self.decision, self.tr("D&ecision")),
            ("decided_by", self.decided_by, self.tr("Decided &by")),
            ("decided_by_name", self.decided_by_name, self.tr("&Name of decision-maker")),
            ("decision_date", self.decision_date, self.tr("Da&te of decision")),
            ("capacity", self.capacity, self.tr("&Capacity")),
            ("capacity_notes", self.capacity_notes, self.tr("How ca&pacity was assessed")),
            ("best_interests_notes", self.best_interests_notes, self.tr("Best-&interests notes")),
            ("review_date", self.review_date, self.tr("&Review by")),
        ]
        for name, widget, label in rows:
            widget.setAccessibleName(label.replace("&", ""))
            buddy = QLabel(label)
            buddy.setBuddy(widget)
            self.fields[name] = widget
            form.addRow(buddy, self.errors.add(name, widget, label))
        order = list(self.fields.values())
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.build_buttons())
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 95)

        self._fill(consent.details if consent else None)
        self.remember_state()
        for name, widget in self.fields.items():
            self.watch(name, widget)
        self.topic.setFocus()

    def _combo(self, items: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox()
        for label, value in items:
            combo.addItem(label, value.value)
        return combo

    # -- values ------------------------------------------------------------------------------

    def _fill(self, d: ConsentDetails | None) -> None:
        if d is None:
            self.decision_date.set_date(self.ws.today())
            self.capacity.setCurrentIndex(self.capacity.findData(Capacity.NOT_ASSESSED.value))
            return
        for combo, value in (
            (self.topic, d.topic),
            (self.decision, d.decision),
            (self.decided_by, d.decided_by),
            (self.capacity, d.capacity),
        ):
            combo.setCurrentIndex(max(combo.findData(value.value), 0))
        self.details.setPlainText(d.details)
        self.decided_by_name.setText(d.decided_by_name)
        self.decision_date.set_date(d.decision_date)
        self.capacity_notes.setPlainText(d.capacity_notes)
        self.best_interests_notes.setPlainText(d.best_interests_notes)
        self.review_date.set_date(d.review_date)

    def state(self) -> tuple[Any, ...]:
        return (
            self.topic.currentData(),
            self.details.toPlainText(),
            self.decision.currentData(),
            self.decided_by.currentData(),
            self.decided_by_name.text(),
            self.decision_date.text(),
            self.capacity.currentData(),
            self.capacity_notes.toPlainText(),
            self.best_interests_notes.toPlainText(),
            self.review_date.text(),
        )

    def consent_details(self) -> ConsentDetails:
        """What is typed; a date that is not a date counts as none (see ``check``)."""
        return ConsentDetails(
            topic=ConsentTopic(self.topic.currentData()),
            decision=ConsentDecision(self.decision.currentData()),
            decided_by=DecidedBy(self.decided_by.currentData()),
            decision_date=None if self.decision_date.problem() else self.decision_date.date(),
            details=self.details.toPlainText(),
            decided_by_name=self.decided_by_name.text(),
            capacity=Capacity(self.capacity.currentData()),
            capacity_notes=self.capacity_notes.toPlainText(),
            best_interests_notes=self.best_interests_notes.toPlainText(),
            review_date=None if self.review_date.problem() else self.review_date.date(),
        )

    def _date_problems(self) -> dict[str, str]:
        found = {"decision_date": self.decision_date.problem(), "review_date": self.review_date.problem()}
        return {name: problem for name, problem in found.items() if problem}

    def check(self) -> dict[str, str]:
        return self.add_rule_problems(
            self._date_problems(), lambda: self.consent_details().cleaned().validate(self.ws.today())
        )

    # -- saving ------------------------------------------------------------------------------

    def save(self) -> bool:
        """Save and close; on any problem show it at its field and save nothing."""
        self.errors.set_problems(self.check())
        if self._date_problems():
            return self.refused(self._date_problems())
        return self.submit(self._write)

    def _write(self) -> ConsentView:
        if self.consent is None:
            return record_consent(self.ws, self.resident_id, self.consent_details())
        return update_consent(self.ws, self.consent.id, self.consent_details())


class ConsentPanel(QWidget):
    """The Consent tab of a resident's record: the list, and Add, Edit and Delete."""

    #: How many consent records the list shows, after each refresh.
    count_changed = Signal(int)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.resident_id: str | None = None
        self.read_only = True
        self.dialog: ConsentDialog | None = None
        self.model = ConsentModel(self)
        self.table = record_table(self.model, self.tr("Consent records"))
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.empty = QLabel(self.tr("No consent has been recorded yet."))
        self.message = FieldMessage()
        self.message.setAccessibleName(self.tr("Message"))
        self.add_button = QPushButton(self.tr("&Add…"))
        self.add_button.setToolTip(self.tr("Record a consent decision"))
        self.add_button.clicked.connect(lambda: self.open_dialog(None))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.setToolTip(self.tr("Change the selected record (or press Enter on it)"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("&Delete…"))
        self.delete_button.setToolTip(self.tr("Remove the selected record if it was entered in error"))
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addWidget(self.message, 1)
        buttons.addStretch(0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def set_resident(self, resident_id: str | None, read_only: bool) -> None:
        self.resident_id = resident_id
        self.read_only = read_only
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setVisible(not read_only)
        self.refresh()

    def refresh(self) -> None:
        """Reload the list (no audit entry: the record was already opened)."""
        current = self.selected()
        rows = consents_for(self.ws, self.resident_id) if self.resident_id else []
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.message.show_message("")
        if rows:
            row = self.model.row_of(current.id) if current else -1
            self.table.selectRow(max(row, 0))
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(bool(rows))
        self.count_changed.emit(len(rows))

    def selected(self) -> ConsentView | None:
        index = self.table.currentIndex()
        return self.model.consent_at(index.row()) if index.isValid() else None

    def open_dialog(self, consent: ConsentView | None) -> ConsentDialog | None:
        """Open the consent form (window-modal); the list refreshes when it is saved."""
        if self.resident_id is None or self.read_only:
            return None
        dialog = ConsentDialog(self.ws, self.resident_id, consent, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._saved(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, dialog: ConsentDialog) -> None:
        self.refresh()
        if dialog.result_view is not None:
            self.table.selectRow(max(self.model.row_of(dialog.result_view.id), 0))
        self.table.setFocus()

    def edit_selected(self) -> None:
        consent = self.selected()
        if consent is not None:
            self.open_dialog(consent)

    def confirm_delete(self, consent: ConsentView) -> bool:
        return ask_yes(
            self,
            self.tr("Delete consent record"),
            self.tr("Delete the record about “{topic}”? Only do this for a record entered in error.").format(
                topic=consent.details.topic.label
            ),
            no=QMessageBox.StandardButton.Cancel,
        )

    def delete_selected(self) -> None:
        consent = self.selected()
        if consent is None or self.read_only or not self.confirm_delete(consent):
            return
        try:
            delete_consent(self.ws, consent.id)
        except CareLinkError as exc:
            self.message.show_message(str(exc))
            return
        self.refresh()
