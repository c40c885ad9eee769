"""The forms for the records around a resident's relationship map (services.map_records): groups,
relationship issues and evaluations here; restrictions on contact and keyworker changes live in
ui.restriction_and_keyworker_dialogs and are imported from here too. Each form is
``XDialog(ws, resident_id, record, relationships, parent)``; ``record`` None adds a new one."""

from __future__ import annotations

import calendar
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.evaluations import EvaluationDetails
from carelink_desktop.domain.groups import GroupDetails, GroupKind
from carelink_desktop.domain.relationship_issues import IssueDetails, IssueKind, IssueStatus, PersonView
from carelink_desktop.domain.validation import clean
from carelink_desktop.services.map_records import EVALUATIONS, GROUPS, ISSUES
from carelink_desktop.services.relationships import RelationshipView
from carelink_desktop.services.resident_records import ResidentRecordView
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.record_dialog import (
    CheckableList,
    RecordDialog,
    choose_data,
    date_or_none,
    key_people,
    person_label,
)
from carelink_desktop.ui.resident_profile_form import multi_line
from carelink_desktop.ui.restriction_and_keyworker_dialogs import KeyworkerChangeDialog, RestrictionDialog

__all__ = [
    "EvaluationDialog",
    "GroupDialog",
    "IssueDialog",
    "KeyworkerChangeDialog",
    "RestrictionDialog",
    "add_months",
]


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# -- groups -----------------------------------------------------------------------------------------


class GroupDialog(RecordDialog):
    """A group or community the resident belongs to, how they take part and what helps (DR 1–2)."""

    def __init__(
        self,
        ws: Workspace,
        resident_id: str,
        record: ResidentRecordView[GroupDetails] | None,
        relationships: list[RelationshipView],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ws, GROUPS, resident_id, record, parent)
        self.relationships = relationships
        self.setWindowTitle(self.tr("Add a group") if record is None else self.tr("Change a group"))
        self.name = self.line("name", self.tr("&Name"), self.tr("e.g. St Mary's Church, Tuesday lunch club"))
        self.group_kind = self.combo("kind", self.tr("&Kind"), [(self.tr(k.label), k) for k in GroupKind])
        self.how_they_take_part = self.text(
            "how_they_take_part",
            self.tr("How they take &part"),
            placeholder=self.tr("e.g. goes to the Sunday service with her daughter"),
        )
        self.support_needed = self.text("support_needed", self.tr("Support they n&eed"))
        self.what_helps_inclusion = self.text(
            "what_helps_inclusion", self.tr("What &helps the group include them")
        )
        self.contact = self.line(
            "contact", self.tr("C&ontact"), self.tr("Who to talk to at the group, and how")
        )
        self.started_on = self.date("started_on", self.tr("&Joined"))
        self.ended_on = self.date("ended_on", self.tr("&Left"))
        self.finish()

    def fill(self, details: GroupDetails | None) -> None:
        if details is None:
            return
        self.name.setText(details.name)
        choose_data(self.group_kind, details.kind)
        self.how_they_take_part.setPlainText(details.how_they_take_part)
        self.support_needed.setPlainText(details.support_needed)
        self.what_helps_inclusion.setPlainText(details.what_helps_inclusion)
        self.contact.setText(details.contact)
        self.started_on.set_date(details.started_on)
        self.ended_on.set_date(details.ended_on)

    def details(self) -> GroupDetails:
        return GroupDetails(
            name=self.name.text(),
            kind=GroupKind(self.group_kind.currentData()),
            how_they_take_part=self.how_they_take_part.toPlainText(),
            support_needed=self.support_needed.toPlainText(),
            what_helps_inclusion=self.what_helps_inclusion.toPlainText(),
            contact=self.contact.text(),
            started_on=date_or_none(self.started_on),
            ended_on=date_or_none(self.ended_on),
        )


# -- relationship issues ----------------------------------------------------------------------------


class _ViewRow:
    """One line of the views table: whose view (a key person or a typed name) and the view."""

    def __init__(self, people: list[RelationshipView], parent: QWidget) -> None:
        self.widget = QWidget(parent)
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for rel in people:
            self.person.addItem(person_label(rel), rel.id)
        self.person.setCurrentIndex(-1)
        self.person.setEditText("")
        line = self.person.lineEdit()
        if line is not None:
            line.setPlaceholderText(parent.tr("Choose or type a name"))
        self.view = multi_line(2)
        self.view.setPlaceholderText(parent.tr("What they think, in their words where possible"))
        self.remove = QPushButton(parent.tr("Remove"))
        self.remove.setAutoDefault(False)
        layout = QHBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.person, 2, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.view, 3)
        layout.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignTop)
        self._names = {rel.key_person_name: rel.id for rel in people}
        self._names.update({person_label(rel): rel.id for rel in people})
        self._labels = {rel.id: rel.key_person_name for rel in people}

    def value(self) -> PersonView:
        """The row as typed; a key person chosen (or typed exactly) carries their relationship."""
        text = clean(self.person.currentText())
        rel_id = self._names.get(text)
        who = self._labels[rel_id] if rel_id is not None else text
        return PersonView(who=who, view=self.view.toPlainText(), relationship_id=rel_id)

    def set_value(self, view: PersonView) -> None:
        index = self.person.findData(view.relationship_id) if view.relationship_id else -1
        if index >= 0:
            self.person.setCurrentIndex(index)
        else:
            self.person.setCurrentIndex(-1)
            self.person.setEditText(view.who)
        self.view.setPlainText(view.view)

    def is_blank(self) -> bool:
        value = self.value()
        return not clean(value.who) and not clean(value.view)


class PersonViewsEditor(QWidget):
    """A small editable table of what each person involved thinks, a row per person."""

    changed = Signal()
    #: Rows were added or removed (the dialog sets the tab order again).
    rows_changed = Signal()

    def __init__(self, people: list[RelationshipView], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people = people
        self.rows: list[_ViewRow] = []
        self.header = QWidget()
        header = QHBoxLayout(self.header)
        header.setContentsMargins(0, 0, 0, 0)
        for text, stretch in ((self.tr("Person"), 2), (self.tr("Their view"), 3)):
            label = QLabel(text)
            header.addWidget(label, stretch)
        header.addSpacing(QPushButton(self.tr("Remove")).sizeHint().width())
        self.empty = QLabel(self.tr("No one else's view is recorded yet."))
        self.add_button = QPushButton(self.tr("&Add a view"))
        self.add_button.setAutoDefault(False)
        self.add_button.setToolTip(self.tr("Add a row for someone else's view"))
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        self.rows_box = QVBoxLayout()
        self.rows_box.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.empty)
        layout.addLayout(self.rows_box)
        layout.addLayout(buttons)
        self._relabel()

    def add_row(self, view: PersonView | None = None, *, focus: bool = False) -> _ViewRow:
        row = _ViewRow(self.people, self)
        if view is not None:
            row.set_value(view)
        row.person.currentIndexChanged.connect(lambda _i: self.changed.emit())
        row.person.editTextChanged.connect(lambda _t: self.changed.emit())
        row.view.textChanged.connect(self.changed.emit)
        row.remove.clicked.connect(lambda: self.remove_row(row))
        self.rows.append(row)
        self.rows_box.addWidget(row.widget)
        self._relabel()
        self.rows_changed.emit()
        self.changed.emit()
        if focus:
            row.person.setFocus()
        return row

    def remove_row(self, row: _ViewRow) -> None:
        self.rows.remove(row)
        row.widget.setParent(None)
        row.widget.deleteLater()
        self._relabel()
        self.rows_changed.emit()
        self.changed.emit()
        self.add_button.setFocus()

    def _relabel(self) -> None:
        for n, row in enumerate(self.rows, start=1):
            row.person.setAccessibleName(self.tr("Person whose view this is, row {n}").format(n=n))
            row.view.setAccessibleName(self.tr("Their view, row {n}").format(n=n))
            row.remove.setAccessibleName(self.tr("Remove view {n}").format(n=n))
        self.header.setVisible(bool(self.rows))
        self.empty.setVisible(not self.rows)
        self.setFocusProxy(self.rows[0].person if self.rows else self.add_button)

    def values(self) -> list[tuple[int, PersonView]]:
        """(row number from 1, view) for every row that is not blank."""
        return [(n, row.value()) for n, row in enumerate(self.rows, start=1) if not row.is_blank()]

    def set_values(self, views: tuple[PersonView, ...]) -> None:
        for row in list(self.rows):
            self.remove_row(row)
        for view in views:
            self.add_row(view)

    def has_person(self, relationship_id: str) -> bool:
        return any(row.value().relationship_id == relationship_id for row in self.rows)

    def add_person(self, rel: RelationshipView) -> None:
        """A row for a key person who is now involved (unless they have one)."""
        if not self.has_person(rel.id):
            self.add_row(PersonView(who=rel.key_person_name, view="", relationship_id=rel.id))

    def drop_person(self, relationship_id: str) -> None:
        """Remove a key person's row when nothing has been written in it yet."""
        for row in list(self.rows):
            value = row.value()
            if value.relationship_id == relationship_id and not clean(value.view):
                self.remove_row(row)

    def focus_widgets(self) -> list[QWidget]:
        order: list[QWidget] = []
        for row in self.rows:
            order += [row.person, row.view, row.remove]
        return [*order, self.add_button]


class IssueDialog(RecordDialog):
    """A relationship issue (ER P7–P18): what it is, everyone's views, advice, the way forward."""

    def __init__(
        self,
        ws: Workspace,
        resident_id: str,
        record: ResidentRecordView[IssueDetails] | None,
        relationships: list[RelationshipView],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ws, ISSUES, resident_id, record, parent)
        self.people = key_people(relationships)
        self._view_rows: list[int] = []
        self.setWindowTitle(
            self.tr("Record a relationship issue")
            if record is None
            else self.tr("Change a relationship issue")
        )
        self.set_intro(self.tr("Confidential: share what is recorded here only with those who need to know."))
        self.section(self.tr("The issue"))
        self.summary = self.line("summary", self.tr("Short summar&y"))
        self.issue_kind = self.combo("kind", self.tr("&Kind"), [(self.tr(k.label), k) for k in IssueKind])
        self.raised_on = self.date("raised_on", self.tr("&Raised on"))
        self.description = self.text("description", self.tr("&Description"), 3)
        self.involves = CheckableList(
            [(person_label(r), r.id) for r in self.people], self.tr("No key people are on the map yet.")
        )
        self.add_field("relationship_ids", self.involves, self.tr("Who it &involves"))
        self.involves.itemChanged.connect(self._involved_changed)
        self.section(self.tr("Everyone's views"))
        self.residents_view = self.text(
            "residents_view", self.tr("The resident's &view"), 3, self.tr("In their own words where possible")
        )
        self.views = PersonViewsEditor(self.people)
        self.add_field("views", self.views, self.tr("&Other people's views"), changed=self.views.changed)
        self.views.rows_changed.connect(self.retab)
        self.section(self.tr("Resolving it"))
        self.advice_sought = self.text(
            "advice_sought", self.tr("Advice sou&ght"), placeholder=self.tr("From whom, and what they said")
        )
        self.ways_forward = self.text("ways_forward", self.tr("Agreed ways &forward"), 3)
        self.outcome = self.text("outcome", self.tr("Ou&tcome"))
        self.status = self.combo("status", self.tr("Stat&us"), [(self.tr(s.label), s) for s in IssueStatus])
        self.closed_on = self.date("closed_on", self.tr("C&losed on"))
        self.status.currentIndexChanged.connect(lambda _i: self._status_changed())
        self.finish()

    def _involved_changed(self, item: QListWidgetItem) -> None:
        if not self._loading:
            rel_id = item.data(Qt.ItemDataRole.UserRole)
            if item.checkState() == Qt.CheckState.Checked:
                self.views.add_person(next(r for r in self.people if r.id == rel_id))
            else:
                self.views.drop_person(rel_id)
        self.changed("relationship_ids")

    def _status_changed(self) -> None:
        """Closing an issue: today is the likeliest closing date."""
        if (
            not self._loading
            and not IssueStatus(self.status.currentData()).is_open
            and not self.closed_on.text()
        ):
            self.closed_on.set_date(self.ws.today())

    def fill(self, details: IssueDetails | None) -> None:
        if details is None:
            self.raised_on.set_date(self.ws.today())
            return
        self.summary.setText(details.summary)
        choose_data(self.issue_kind, details.kind)
        self.raised_on.set_date(details.raised_on)
        self.description.setPlainText(details.description)
        self.involves.set_values(details.relationship_ids)
        self.residents_view.setPlainText(details.residents_view)
        self.views.set_values(details.views)
        self.advice_sought.setPlainText(details.advice_sought)
        self.ways_forward.setPlainText(details.ways_forward)
        self.outcome.setPlainText(details.outcome)
        choose_data(self.status, details.status)
        self.closed_on.set_date(details.closed_on)

    def details(self) -> IssueDetails:
        rows = self.views.values()
        self._view_rows = [n for n, _view in rows]
        return IssueDetails(
            summary=self.summary.text(),
            kind=IssueKind(self.issue_kind.currentData()),
            raised_on=date_or_none(self.raised_on),
            description=self.description.toPlainText(),
            relationship_ids=tuple(self.involves.values()),
            residents_view=self.residents_view.toPlainText(),
            views=tuple(view for _n, view in rows),
            advice_sought=self.advice_sought.toPlainText(),
            ways_forward=self.ways_forward.toPlainText(),
            outcome=self.outcome.toPlainText(),
            status=IssueStatus(self.status.currentData()),
            closed_on=date_or_none(self.closed_on),
        )

    def place_problem(self, key: str, message: str) -> tuple[str, str]:
        if key.startswith("views."):
            index = int(key.split(".", 1)[1])
            if index < len(self._view_rows):
                return "views", self.tr("Row {n}: {message}").format(
                    n=self._view_rows[index], message=message
                )
        return super().place_problem(key, message)


# -- evaluations ------------------------------------------------------------------------------------


class EvaluationDialog(RecordDialog):
    """An evaluation of how the resident's relationships are working (ER P24–P30, DR 8–9, 11)."""

    def __init__(
        self,
        ws: Workspace,
        resident_id: str,
        record: ResidentRecordView[EvaluationDetails] | None,
        relationships: list[RelationshipView],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ws, EVALUATIONS, resident_id, record, parent)
        self.setWindowTitle(
            self.tr("Record an evaluation") if record is None else self.tr("Change an evaluation")
        )
        self.section(self.tr("The evaluation"))
        self.of = self.people_combo(
            "relationship_id", self.tr("Evaluation &of"), self.tr("The whole relationship map"), relationships
        )
        self.evaluated_on = self.date("evaluated_on", self.tr("&Date of evaluation"))
        self.criteria = self.text(
            "criteria",
            self.tr("Agreed c&riteria"),
            placeholder=self.tr("What a good relationship looks like"),
        )
        self.method = self.text(
            "method",
            self.tr("How it was e&valuated"),
            placeholder=self.tr("e.g. a conversation with photos, visit records, a questionnaire"),
        )
        self.participants = self.line(
            "participants", self.tr("Who took &part"), self.tr("e.g. the resident, her son, the keyworker")
        )
        self.section(self.tr("What was found"))
        self.what_works = self.text("what_works", self.tr("What &works"), 3)
        self.what_could_improve = self.text("what_could_improve", self.tr("What could &improve"), 3)
        self.expertise_needed = self.text(
            "expertise_needed",
            self.tr("E&xpertise needed"),
            placeholder=self.tr("e.g. speech and language therapy, family mediation"),
        )
        self.how_to_get_expertise = self.text("how_to_get_expertise", self.tr("How to &get that expertise"))
        self.reflection = self.text(
            "reflection",
            self.tr("Re&flection"),
            3,
            self.tr("How you carried out your role, and what you would do differently"),
        )
        self.next_due = self.date("next_due", self.tr("&Next evaluation due"))
        self.finish()

    def fill(self, details: EvaluationDetails | None) -> None:
        if details is None:
            self.evaluated_on.set_date(self.ws.today())
            self.next_due.set_date(add_months(self.ws.today(), 6))
            return
        self.choose_person(self.of, details.relationship_id)
        self.evaluated_on.set_date(details.evaluated_on)
        self.criteria.setPlainText(details.criteria)
        self.method.setPlainText(details.method)
        self.participants.setText(details.participants)
        self.what_works.setPlainText(details.what_works)
        self.what_could_improve.setPlainText(details.what_could_improve)
        self.expertise_needed.setPlainText(details.expertise_needed)
        self.how_to_get_expertise.setPlainText(details.how_to_get_expertise)
        self.reflection.setPlainText(details.reflection)
        self.next_due.set_date(details.next_due)

    def details(self) -> EvaluationDetails:
        return EvaluationDetails(
            evaluated_on=date_or_none(self.evaluated_on),
            criteria=self.criteria.toPlainText(),
            method=self.method.toPlainText(),
            participants=self.participants.text(),
            relationship_id=self.of.currentData(),
            what_works=self.what_works.toPlainText(),
            what_could_improve=self.what_could_improve.toPlainText(),
            expertise_needed=self.expertise_needed.toPlainText(),
            how_to_get_expertise=self.how_to_get_expertise.toPlainText(),
            reflection=self.reflection.toPlainText(),
            next_due=date_or_none(self.next_due),
        )
