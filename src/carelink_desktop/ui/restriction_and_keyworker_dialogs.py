"""The forms for two records about decisions around a resident's contacts (services.map_records):
restrictions on contact (sensitive: only shift leads and managers may see or record one) and
moving on from a keyworker (ER P19–P23), which can be marked as done from the form."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.errors import CareLinkError, ValidationError
from carelink_desktop.domain.keyworker_changes import Involvement, KeyworkerChangeDetails
from carelink_desktop.domain.restrictions import RestrictionDetails, RestrictionKind
from carelink_desktop.services.accounts import list_accounts
from carelink_desktop.services.map_records import KEYWORKER_CHANGES, RESTRICTIONS, complete_keyworker_change
from carelink_desktop.services.relationships import RelationshipView
from carelink_desktop.services.resident_records import ResidentRecordView
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.record_dialog import (
    RecordDialog,
    choose_data,
    date_or_none,
    escape_mnemonic,
    key_people,
    person_label,
)
from carelink_desktop.ui.widgets import DateField, FieldMessage

__all__ = ["CompletionDateDialog", "InvolvementEditor", "KeyworkerChangeDialog", "RestrictionDialog"]


# -- restrictions on contact ------------------------------------------------------------------------


class RestrictionDialog(RecordDialog):
    """Who contact is restricted with (one key person, or everyone during an outbreak), why, on
    what basis, who decided, how the resident and the person were told, and until when."""

    def __init__(
        self,
        ws: Workspace,
        resident_id: str,
        record: ResidentRecordView[RestrictionDetails] | None,
        relationships: list[RelationshipView],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ws, RESTRICTIONS, resident_id, record, parent)
        self.setWindowTitle(
            self.tr("Add a restriction on contact") if record is None else self.tr("Change a restriction")
        )
        self.set_intro(
            self.tr(
                "Sensitive: the details are shown only to shift leads and managers. Other staff "
                "see only that contact is restricted."
            ),
            important=True,
        )
        self.section(self.tr("The restriction"))
        self.concerns = self.people_combo(
            "relationship_id",
            self.tr("&Who it concerns"),
            self.tr("Everyone (e.g. an outbreak)"),
            relationships,
        )
        self.restriction_kind = self.combo(
            "kind", self.tr("&Kind"), [(self.tr(k.label), k) for k in RestrictionKind]
        )
        self.what_is_restricted = self.text(
            "what_is_restricted",
            self.tr("What is &restricted"),
            placeholder=self.tr("e.g. no visits; supervised phone calls only"),
        )
        self.legal_basis = self.text(
            "legal_basis",
            self.tr("&Legal basis"),
            placeholder=self.tr("The order, plan or condition (not needed for the resident's own wish)"),
        )
        self.less_restrictive_options = self.text(
            "less_restrictive_options",
            self.tr("Less restrictive &options considered"),
            placeholder=self.tr("What else was considered, and why it was not enough"),
        )
        self.section(self.tr("Who decided and who was told"))
        self.decided_with = self.line(
            "decided_with",
            self.tr("Who took &part in the decision"),
            self.tr("e.g. the resident, social worker, manager"),
        )
        self.how_resident_told = self.text("how_resident_told", self.tr("How the resi&dent was told"))
        self.how_person_told = self.text("how_person_told", self.tr("How the person was &told"))
        self.section(self.tr("Dates"))
        self.starts_on = self.date("starts_on", self.tr("St&arts"))
        self.review_on = self.date("review_on", self.tr("Re&view by"))
        self.ends_on = self.date("ends_on", self.tr("&Ends"))
        self.end_reason = self.text("end_reason", self.tr("W&hy it ended"))
        self.concerns.currentIndexChanged.connect(lambda _i: self._concerns_changed())
        self.finish()
        self._concerns_changed()

    def _concerns_changed(self) -> None:
        one_person = self.concerns.currentData() is not None
        self.how_person_told.setEnabled(one_person)
        self.how_person_told.setPlaceholderText(
            "" if one_person else self.tr("Only when the restriction concerns one person")
        )

    def fill(self, details: RestrictionDetails | None) -> None:
        if details is None:
            self.starts_on.set_date(self.ws.today())
            return
        self.choose_person(self.concerns, details.relationship_id)
        choose_data(self.restriction_kind, details.kind)
        self.what_is_restricted.setPlainText(details.what_is_restricted)
        self.legal_basis.setPlainText(details.legal_basis)
        self.less_restrictive_options.setPlainText(details.less_restrictive_options)
        self.decided_with.setText(details.decided_with)
        self.how_resident_told.setPlainText(details.how_resident_told)
        self.how_person_told.setPlainText(details.how_person_told)
        self.starts_on.set_date(details.starts_on)
        self.review_on.set_date(details.review_on)
        self.ends_on.set_date(details.ends_on)
        self.end_reason.setPlainText(details.end_reason)

    def details(self) -> RestrictionDetails:
        relationship_id = self.concerns.currentData()
        return RestrictionDetails(
            kind=RestrictionKind(self.restriction_kind.currentData()),
            what_is_restricted=self.what_is_restricted.toPlainText(),
            starts_on=date_or_none(self.starts_on),
            review_on=date_or_none(self.review_on),
            relationship_id=relationship_id,
            legal_basis=self.legal_basis.toPlainText(),
            less_restrictive_options=self.less_restrictive_options.toPlainText(),
            decided_with=self.decided_with.text(),
            how_resident_told=self.how_resident_told.toPlainText(),
            # Telling "the person" only means something when it concerns one person.
            how_person_told=self.how_person_told.toPlainText() if relationship_id else "",
            ends_on=date_or_none(self.ends_on),
            end_reason=self.end_reason.toPlainText(),
        )


# -- keyworker changes ------------------------------------------------------------------------------


class InvolvementEditor(QWidget):
    """Per key person: a tick box (involved or not) and when and how they are involved."""

    changed = Signal()

    def __init__(self, people: list[RelationshipView], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[RelationshipView, QCheckBox, QLineEdit]] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        for n, rel in enumerate(people):
            box = QCheckBox(escape_mnemonic(person_label(rel)))
            box.setAccessibleName(self.tr("{name} is involved").format(name=rel.key_person_name))
            how = QLineEdit()
            how.setPlaceholderText(self.tr("When and how they are involved"))
            how.setAccessibleName(self.tr("When and how {name} is involved").format(name=rel.key_person_name))
            how.setEnabled(False)
            box.toggled.connect(how.setEnabled)
            box.toggled.connect(lambda _on: self.changed.emit())
            how.textChanged.connect(lambda _t: self.changed.emit())
            grid.addWidget(box, n, 0)
            grid.addWidget(how, n, 1)
            self.rows.append((rel, box, how))
        if not people:
            none = QLabel(self.tr("No key people are on the map yet."))
            grid.addWidget(none, 0, 0, 1, 2)
        else:
            self.setFocusProxy(self.rows[0][1])

    def values(self) -> list[Involvement]:
        return [Involvement(rel.id, how.text()) for rel, box, how in self.rows if box.isChecked()]

    def set_values(self, items: tuple[Involvement, ...]) -> None:
        given = {item.relationship_id: item.how_and_when for item in items}
        for rel, box, how in self.rows:
            box.setChecked(rel.id in given)
            how.setText(given.get(rel.id, ""))

    def name_of(self, index: int) -> str:
        """The name of the ``index``-th ticked person."""
        ticked = [rel for rel, box, _how in self.rows if box.isChecked()]
        return ticked[index].key_person_name if index < len(ticked) else ""

    def focus_widgets(self) -> list[QWidget]:
        order: list[QWidget] = []
        for _rel, box, how in self.rows:
            order += [box, how]
        return order


class CompletionDateDialog(QDialog):
    """Asks when a planned keyworker change was made (today, to start with)."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.setWindowTitle(self.tr("Mark the keyworker change as done"))
        self.date_field = DateField()
        self.date_field.set_date(today)
        self.date_field.setAccessibleName(self.tr("Date the change was made"))
        label = QLabel(self.tr("&Date the change was made"))
        label.setBuddy(self.date_field)
        self.message = FieldMessage(self.tr("Date the change was made"))
        note = QLabel(self.tr("The new keyworker becomes the resident's keyworker."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Mark as done"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(label, self.date_field)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def value(self) -> date | None:
        return None if self.date_field.problem() else self.date_field.date()

    def accept(self) -> None:
        problem = self.date_field.problem()
        when = self.value()
        if problem is None and when is None:
            problem = self.tr("Give the date the change was made.")
        elif when is not None and when > self.today:
            problem = self.tr("The date cannot be in the future.")
        if problem:
            self.message.show_message(problem)
            self.date_field.setFocus()
            return
        super().accept()


class KeyworkerChangeDialog(RecordDialog):
    """Moving on from a keyworker (ER P19–P23): why, when, who takes over, how, the risks and the
    key people involved; a saved plan not yet carried out can be marked as done."""

    def __init__(
        self,
        ws: Workspace,
        resident_id: str,
        record: ResidentRecordView[KeyworkerChangeDetails] | None,
        relationships: list[RelationshipView],
        parent: QWidget | None = None,
        *,
        current_keyworker_id: str | None = None,
    ) -> None:
        super().__init__(ws, KEYWORKER_CHANGES, resident_id, record, parent)
        self.previous_keyworker_id = record.details.previous_keyworker_id if record else current_keyworker_id
        self.completed_on: date | None = record.details.completed_on if record else None
        self.setWindowTitle(
            self.tr("Plan a change of keyworker") if record is None else self.tr("Change a keyworker move")
        )
        self.section(self.tr("The change"))
        self.reason = self.text("reason", self.tr("&Why the keyworker is changing"))
        self.planned_on = self.date("planned_on", self.tr("&Planned date"))
        self.new_keyworker = QComboBox()
        self.new_keyworker.addItem(self.tr("Choose who takes over…"), None)
        staff = list_accounts(ws, include_inactive=False)
        for account in staff:
            if account.id != self.previous_keyworker_id:
                self.new_keyworker.addItem(f"{account.full_name} ({self.tr(account.role.label)})", account.id)
        previous = next((a.full_name for a in staff if a.id == self.previous_keyworker_id), "")
        if self.completed_on is not None:
            self.set_intro(
                self.tr("This change was made on {date}.").format(date=format_uk_date(self.completed_on))
            )
        elif previous:
            self.set_intro(self.tr("Moving on from {name}.").format(name=previous))
        self.add_field(
            "new_keyworker_id",
            self.new_keyworker,
            self.tr("Who takes &over"),
            changed=self.new_keyworker.currentIndexChanged,
        )
        self.how = self.text(
            "how",
            self.tr("&How the move will be made"),
            3,
            self.tr("e.g. introductions, a handover meeting with the resident and family"),
        )
        self.section(self.tr("Risks and key people"))
        self.risks = self.text(
            "risks", self.tr("&Risks"), placeholder=self.tr("e.g. unsettled by the change")
        )
        self.risk_handling = self.text("risk_handling", self.tr("How the risks will be han&dled"))
        self.involvement = InvolvementEditor(key_people(relationships))
        self.add_field(
            "involvement", self.involvement, self.tr("&Key people involved"), changed=self.involvement.changed
        )
        self.notes = self.text("notes", self.tr("&Notes"))
        self.done_button: QPushButton | None = None
        if record is not None and self.completed_on is None:
            self.done_button = self.add_action_button(
                self.tr("&Mark as done…"),
                self.tr("The move has been made: the new keyworker becomes the resident's keyworker"),
            )
            self.done_button.clicked.connect(self.mark_done)
        self.finish()

    def fill(self, details: KeyworkerChangeDetails | None) -> None:
        if details is None:
            return
        self.reason.setPlainText(details.reason)
        self.planned_on.set_date(details.planned_on)
        if details.new_keyworker_id and self.new_keyworker.findData(details.new_keyworker_id) < 0:
            self.new_keyworker.addItem(
                self.tr("A member of staff no longer active"), details.new_keyworker_id
            )
        choose_data(self.new_keyworker, details.new_keyworker_id)
        self.how.setPlainText(details.how)
        self.risks.setPlainText(details.risks)
        self.risk_handling.setPlainText(details.risk_handling)
        self.involvement.set_values(details.involvement)
        self.notes.setPlainText(details.notes)

    def details(self) -> KeyworkerChangeDetails:
        return KeyworkerChangeDetails(
            reason=self.reason.toPlainText(),
            planned_on=date_or_none(self.planned_on),
            new_keyworker_id=self.new_keyworker.currentData(),
            previous_keyworker_id=self.previous_keyworker_id,
            how=self.how.toPlainText(),
            risks=self.risks.toPlainText(),
            risk_handling=self.risk_handling.toPlainText(),
            involvement=tuple(self.involvement.values()),
            completed_on=self.completed_on,
            notes=self.notes.toPlainText(),
        )

    def place_problem(self, key: str, message: str) -> tuple[str, str]:
        if key.startswith("involvement."):
            name = self.involvement.name_of(int(key.split(".", 1)[1]))
            if name:
                return "involvement", f"{name}: {message}"
        return super().place_problem(key, message)

    # -- marking as done -----------------------------------------------------------------------------

    def ask_completed_on(self) -> date | None:
        """The date the move was made, or None when the person cancels."""
        question = CompletionDateDialog(self.ws.today(), self)
        return question.value() if question.exec() == QDialog.DialogCode.Accepted else None

    def mark_done(self) -> bool:
        """Save any changes, then record the move as made: the new keyworker becomes the
        resident's keyworker. Closes the form when done."""
        if self.record is None:
            return False
        when = self.ask_completed_on()
        if when is None:
            return False
        if self.has_unsaved_changes() and not self.try_store():
            return False
        try:
            self.result_view = complete_keyworker_change(self.ws, self.record.id, when)
        except ValidationError as exc:
            return self.refused(self.placed(exc.errors))
        except CareLinkError as exc:
            self.message.show_message(str(exc))
            return False
        self.record = self.result_view
        self.completed_on = when
        self.remember_state()
        self.accept()
        return True
