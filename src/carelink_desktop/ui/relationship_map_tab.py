"""The relationship map of one resident: the circle beside the lists that go with it.

Left: the interactive relationship circle (drag a person to another ring, click to open them).
Right: what needs attention (open issues, restrictions due for review, the next evaluation, contact
falling behind the resident's wishes), then the people, groups, issues, evaluations, restrictions
(only for roles that may see them), keyworker changes and the map's history.

The tab never writes itself: dialogs and the drag call services; the tab refreshes when a service
announces a change of one of the kinds in ``WATCHES``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.errors import CareLinkError
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services import map_records
from carelink_desktop.services.relationship_history import map_timeline
from carelink_desktop.services.relationship_map import RelationshipMap, relationship_map
from carelink_desktop.services.relationships import move_to_circle, remove_relationship
from carelink_desktop.services.resident_records import RecordKind, remove_record
from carelink_desktop.ui.confirm import ask_yes
from carelink_desktop.ui.pages import ShellContext
from carelink_desktop.ui.relationship_circle_view import RelationshipCircleView
from carelink_desktop.ui.relationship_map_models import (
    EvaluationsModel,
    GroupsModel,
    IssuesModel,
    KeyworkerChangesModel,
    RelationshipsModel,
    RestrictionsModel,
    TimelineModel,
)
from carelink_desktop.ui.table_model import ReadModelTable
from carelink_desktop.ui.widgets import FieldMessage, record_table

#: Change kinds that alter what the map shows.
WATCHES = frozenset(
    {
        "relationship",
        "relationship_change",
        "key_person",
        "resident",
        "resident_group",
        "relationship_issue",
        "relationship_evaluation",
        "contact_restriction",
        "keyworker_change",
        "resource_offer",
        "visit_record",
        "support_resource",
    }
)
ATTENTION_STYLE = "background: #fff4ce; color: #3d2e00; border: 1px solid #c8a600; padding: 6px;"


class ListSection(QWidget):
    """A list with Add…, Open… and Remove buttons under it (double-click or Enter opens)."""

    add_clicked = Signal()
    open_clicked = Signal(str)
    remove_clicked = Signal(str)

    def __init__(
        self, model: ReadModelTable, name: str, add_text: str, hint: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.table = record_table(model, name, stretch=(), fit_to_contents=False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self._open())
        self.table.activated.connect(lambda _index: self._open())
        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(hint))
        self.add_button = QPushButton(add_text)
        self.open_button = QPushButton(self.tr("&Open…"))
        self.open_button.setAccessibleName(self.tr("Open the chosen entry of {name}").format(name=name))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove the chosen entry (only for one made in error)"))
        self.remove_button.setAccessibleName(self.tr("Remove the chosen entry of {name}").format(name=name))
        self.add_button.clicked.connect(self.add_clicked.emit)
        self.open_button.clicked.connect(self._open)
        self.remove_button.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        value = self.model.data(index.siblingAtColumn(0), Qt.ItemDataRole.UserRole)
        return str(value) if value is not None else None

    def select(self, record_id: str) -> None:
        row = self.model.row_of(record_id)
        if row >= 0:
            self.table.selectRow(row)

    def set_editable(self, editable: bool) -> None:
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable)

    def fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        limit = self.fontMetrics().averageCharWidth() * 36
        for column in range(self.model.columnCount() - 1):
            self.table.resizeColumnToContents(column)
            if header.sectionSize(column) > limit:
                header.resizeSection(column, limit)

    def _open(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self.open_clicked.emit(record_id)

    def _remove(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self.remove_clicked.emit(record_id)


class RelationshipMapTab(QWidget):
    """One resident's relationship map. ``set_resident`` chooses whose; ``said`` carries messages."""

    said = Signal(str)

    def __init__(self, ctx: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ws = ctx.ws
        self.resident_id: str | None = None
        self.read_only = False
        self.the_map: RelationshipMap | None = None
        self._stale = False
        self.dialog: QDialog | None = None

        self.circle = RelationshipCircleView()
        self.circle.person_activated.connect(self.open_relationship)
        self.circle.move_requested.connect(self.move_person)
        zoom_in = QPushButton(self.tr("Zoom &in"))
        zoom_out = QPushButton(self.tr("Zoom o&ut"))
        fit = QPushButton(self.tr("&Fit"))
        zoom_in.setToolTip(self.tr("Zoom in (+)"))
        zoom_out.setToolTip(self.tr("Zoom out (-)"))
        fit.setToolTip(self.tr("Show the whole circle (0)"))
        zoom_in.clicked.connect(self.circle.zoom_in)
        zoom_out.clicked.connect(self.circle.zoom_out)
        fit.clicked.connect(self.circle.fit)
        self.print_button = QPushButton(self.tr("Print relationship &profile…"))
        self.print_button.setToolTip(self.tr("Preview, print or save the relationship profile"))
        self.print_button.clicked.connect(self.print_profile)
        circle_buttons = QHBoxLayout()
        circle_buttons.addWidget(zoom_in)
        circle_buttons.addWidget(zoom_out)
        circle_buttons.addWidget(fit)
        key_button = QPushButton(self.tr("&Key to the circle"))
        key_button.setToolTip(self.tr("What the lines, shades and marks mean"))
        key_button.clicked.connect(self.show_key)
        circle_buttons.addWidget(key_button)
        circle_buttons.addStretch(1)
        circle_buttons.addWidget(self.print_button)
        self.drag_hint = QLabel(
            self.tr(
                "Drag a person to another circle, or choose them and press Ctrl+Up or Ctrl+Down. "
                "Click a person (or press Enter) to open them."
            )
        )
        self.drag_hint.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.circle, 1)
        left_layout.addWidget(self.drag_hint)
        left_layout.addLayout(circle_buttons)

        self.attention = QLabel()
        self.attention.setWordWrap(True)
        self.attention.setTextFormat(Qt.TextFormat.PlainText)
        self.attention.setStyleSheet(ATTENTION_STYLE)
        self.attention.setAccessibleName(self.tr("Needs attention"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName(self.tr("Summary of the map"))

        self.people_model = RelationshipsModel(self)
        self.groups_model = GroupsModel(self)
        self.issues_model = IssuesModel(self)
        self.evaluations_model = EvaluationsModel(self)
        self.restrictions_model = RestrictionsModel(self)
        self.keyworker_model = KeyworkerChangesModel(self)
        self.timeline_model = TimelineModel(self)
        self.people = ListSection(self.people_model, self.tr("People on the map"), self.tr("&Add a person…"))
        self.groups = ListSection(
            self.groups_model,
            self.tr("Groups and communities"),
            self.tr("Add a &group…"),
            self.tr("Faith groups, clubs, day centres and online communities the resident belongs to."),
        )
        self.issues = ListSection(
            self.issues_model, self.tr("Relationship issues"), self.tr("Record an &issue…")
        )
        self.evaluations = ListSection(
            self.evaluations_model, self.tr("Evaluations"), self.tr("Record an &evaluation…")
        )
        self.restrictions = ListSection(
            self.restrictions_model,
            self.tr("Restrictions on contact"),
            self.tr("Record a &restriction…"),
            self.tr("Sensitive: shown only to shift leads and managers."),
        )
        self.keyworker_changes = ListSection(
            self.keyworker_model,
            self.tr("Keyworker changes"),
            self.tr("Plan a &keyworker change…"),
            self.tr(
                "When the resident moves on from their keyworker: how, who takes over, and who is involved."
            ),
        )
        self.timeline = ListSection(self.timeline_model, self.tr("History of the map"), "")
        self.timeline.add_button.hide()
        self.timeline.remove_button.hide()
        self.timeline.open_button.setText(self.tr("Open the &person…"))

        self.lists = QTabWidget()
        self.lists.setAccessibleName(self.tr("Parts of the relationship map"))
        self.lists.addTab(self.people, self.tr("People"))
        self.lists.addTab(self.groups, self.tr("Groups"))
        self.lists.addTab(self.issues, self.tr("Issues"))
        self.lists.addTab(self.evaluations, self.tr("Evaluations"))
        self.restrictions_index = self.lists.addTab(self.restrictions, self.tr("Restrictions"))
        self.lists.addTab(self.keyworker_changes, self.tr("Keyworker"))
        self.lists.addTab(self.timeline, self.tr("History"))
        key = QScrollArea()
        key.setWidgetResizable(True)
        key.setFrameShape(QFrame.Shape.NoFrame)
        key.setWidget(self.circle.legend_widget())
        key.setAccessibleName(self.tr("Key to the circle"))
        self.key_index = self.lists.addTab(key, self.tr("Key"))

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.attention)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.lists, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        # the circle is round: the lists make better use of the extra width
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setChildrenCollapsible(False)
        self.message = FieldMessage()
        self.message.setAccessibleName(self.tr("Message"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message)

        self.people.add_clicked.connect(lambda: self.open_relationship(None))
        self.people.open_clicked.connect(self.open_relationship)
        self.people.remove_clicked.connect(self.remove_person)
        self.timeline.open_clicked.connect(self._open_from_history)
        for section, kind in self._sections().items():
            section.add_clicked.connect(lambda kind=kind: self.open_record(kind, None))
            section.open_clicked.connect(lambda record_id, kind=kind: self.open_record(kind, record_id))
            section.remove_clicked.connect(lambda record_id, kind=kind: self.remove(kind, record_id))
        QShortcut(
            QKeySequence("Ctrl+M"),
            self,
            self.circle.setFocus,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        ctx.changes.changed.connect(self._on_change)

    def show_key(self) -> None:
        self.lists.setCurrentIndex(self.key_index)

    def _sections(self) -> dict[ListSection, RecordKind[Any]]:
        return {
            self.groups: map_records.GROUPS,
            self.issues: map_records.ISSUES,
            self.evaluations: map_records.EVALUATIONS,
            self.restrictions: map_records.RESTRICTIONS,
            self.keyworker_changes: map_records.KEYWORKER_CHANGES,
        }

    # -- loading ----------------------------------------------------------------------------

    def set_resident(self, resident_id: str | None, read_only: bool = False) -> None:
        self.resident_id = resident_id
        self.read_only = read_only
        editable = not read_only and self.ws.may(Permission.EDIT_RELATIONSHIPS)
        for section in (self.people, *self._sections()):
            section.set_editable(editable)
        self.restrictions.set_editable(editable and self.ws.may(Permission.VIEW_SENSITIVE))
        self.circle.setInteractive(editable)
        self.drag_hint.setVisible(editable)
        self.refresh()

    def refresh(self) -> None:
        """Read the map again (at once when shown, else when next shown)."""
        if self.resident_id is None:
            self.the_map = None
            return
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        try:
            self.the_map = relationship_map(self.ws, self.resident_id, record_view=True)
        except CareLinkError as exc:
            self.message.show_message(str(exc))
            return
        self._show(self.the_map)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale or (self.resident_id is not None and self.the_map is None):
            self.refresh()

    def _show(self, the_map: RelationshipMap) -> None:
        self.circle.show_drawing(the_map.drawing())
        self.people_model.set_map(the_map)
        self.groups_model.set_rows(the_map.groups)
        self.issues_model.set_map(the_map)
        self.evaluations_model.set_map(the_map)
        may_see = the_map.restrictions is not None
        self.lists.setTabVisible(self.restrictions_index, may_see)
        self.restrictions_model.set_map(the_map)
        self.keyworker_model.set_rows(the_map.keyworker_changes)
        self.timeline_model.set_rows(map_timeline(self.ws, the_map.resident_id))
        for section in (self.people, self.timeline, *self._sections()):
            section.fit_columns()
        self._tab_counts(the_map)
        notes = self.attention_notes(the_map)
        self.attention.setText("\n".join(notes))
        self.attention.setVisible(bool(notes))
        self.summary.setText(self.summary_text(the_map))

    def _tab_counts(self, the_map: RelationshipMap) -> None:
        counts = (
            (self.people, self.tr("People"), len(the_map.current)),
            (self.groups, self.tr("Groups"), len(the_map.current_groups)),
            (self.issues, self.tr("Issues"), len(the_map.open_issues)),
            (self.restrictions, self.tr("Restrictions"), len(the_map.restrictions_in_force)),
        )
        for section, label, count in counts:
            index = self.lists.indexOf(section)
            self.lists.setTabText(index, f"{label} ({count})" if count else label)

    def attention_notes(self, the_map: RelationshipMap) -> list[str]:
        """What needs doing, most urgent first, in plain words."""
        notes: list[str] = []
        if the_map.everyone_restricted:
            notes.append(self.tr("A restriction on contact covers all visitors (for example an outbreak)."))
        for r in the_map.restrictions_due:
            who = ", ".join(the_map.names([r.details.relationship_id])) if r.details.relationship_id else ""
            notes.append(
                self.tr("Restriction review due {date}: {kind}{who}.").format(
                    date=format_uk_date(r.details.review_on),
                    kind=r.details.kind.label,
                    who=f" ({who})" if who else "",
                )
            )
        if the_map.evaluation_overdue:
            notes.append(
                self.tr("The evaluation of these relationships was due {date}.").format(
                    date=format_uk_date(the_map.next_evaluation)
                )
            )
        concerns = the_map.concerns()
        if concerns:
            notes.append(
                self.tr("Contact is falling behind the resident's wishes with: {names}.").format(
                    names=", ".join(r.key_person_name for r in concerns)
                )
            )
        return notes

    def summary_text(self, the_map: RelationshipMap) -> str:
        people, issues, groups = len(the_map.current), len(the_map.open_issues), len(the_map.current_groups)
        counts = (
            self.tr("1 person on the map")
            if people == 1
            else self.tr("{n} people on the map").format(n=people),
            self.tr("1 open issue") if issues == 1 else self.tr("{n} open issues").format(n=issues),
            self.tr("1 group") if groups == 1 else self.tr("{n} groups").format(n=groups),
        )
        lines = [", ".join(counts) + "."]
        due = the_map.next_evaluation
        lines.append(
            self.tr("Next evaluation: {date}.").format(date=format_uk_date(due))
            if due
            else self.tr("No evaluation recorded yet.")
        )
        if not the_map.contact_recorded:
            lines.append(
                self.tr("Contact against wishes: no contact recorded yet, so there is nothing to compare.")
            )
        for change in the_map.pending_keyworker_changes:
            lines.append(
                self.tr("Keyworker change planned for {date}.").format(
                    date=format_uk_date(change.details.planned_on)
                )
            )
        return "\n".join(lines)

    def _on_change(self, kind: str) -> None:
        if kind in WATCHES and self.resident_id is not None:
            self.refresh()

    # -- the circle -------------------------------------------------------------------------

    def confirm_move(self, name: str, before: int, after: int) -> tuple[bool, str]:
        """Ask before moving someone; the optional reason goes into the history."""
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Move to another circle"),
            self.tr(
                "Move {name} from circle {before} to circle {after}?\nReason (optional, kept in the history):"
            ).format(name=name, before=before, after=after),
            QLineEdit.EchoMode.Normal,
        )
        return ok, reason

    def move_person(self, relationship_id: str, circle: int) -> None:
        if self.the_map is None or self.read_only:
            return
        view = self.the_map.by_id(relationship_id)
        if view is None or view.details.circle == circle:
            return
        ok, reason = self.confirm_move(view.key_person_name, view.details.circle, circle)
        if not ok:
            return
        try:
            move_to_circle(self.ws, relationship_id, circle, reason=reason)
        except CareLinkError as exc:
            self.message.show_message(str(exc))
            return
        self.said.emit(self.tr("{name} moved to circle {n}.").format(name=view.key_person_name, n=circle))
        self.circle.focus_person(relationship_id)

    # -- dialogs ----------------------------------------------------------------------------

    def open_relationship(self, relationship_id: str | None) -> None:
        """Open a person on the map (None: add someone)."""
        if self.resident_id is None or self.the_map is None:
            return
        from carelink_desktop.ui.relationship_dialog import RelationshipDialog

        view = self.the_map.by_id(relationship_id) if relationship_id else None
        taken = {r.key_person_id for r in self.the_map.relationships}
        dialog = RelationshipDialog(self.ws, self.resident_id, view, self, taken=taken)
        self._run(dialog)

    def open_record(self, kind: RecordKind[Any], record_id: str | None) -> None:
        if self.resident_id is None or self.the_map is None:
            return
        from carelink_desktop.ui import map_record_dialogs as dialogs

        record = None
        if record_id is not None:
            from carelink_desktop.services.resident_records import record as read_record

            try:
                record = read_record(self.ws, kind, record_id)
            except CareLinkError as exc:
                self.message.show_message(str(exc))
                return
        classes: dict[str, Callable[..., QDialog]] = {
            map_records.GROUPS.kind: dialogs.GroupDialog,
            map_records.ISSUES.kind: dialogs.IssueDialog,
            map_records.EVALUATIONS.kind: dialogs.EvaluationDialog,
            map_records.RESTRICTIONS.kind: dialogs.RestrictionDialog,
            map_records.KEYWORKER_CHANGES.kind: dialogs.KeyworkerChangeDialog,
        }
        relationships = list(self.the_map.relationships)
        extra: dict[str, Any] = {}
        if kind is map_records.KEYWORKER_CHANGES:
            from carelink_desktop.services.residents import view_resident

            extra["current_keyworker_id"] = view_resident(self.ws, self.resident_id).details.keyworker_id
        dialog = classes[kind.kind](self.ws, self.resident_id, record, relationships, self, **extra)
        self._run(dialog)

    def _run(self, dialog: QDialog) -> None:
        # an archived resident's map opens read-only in effect: the services refuse changes
        # with a message the dialog shows
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def _open_from_history(self, change_id: str) -> None:
        row = self.timeline_model.row_of(change_id)
        if row >= 0:
            change = self.timeline_model.item_at(row)
            if self.the_map and self.the_map.by_id(change.relationship_id):
                self.open_relationship(change.relationship_id)

    # -- removing ---------------------------------------------------------------------------

    def confirm(self, text: str) -> bool:
        return ask_yes(self, self.tr("Remove"), text)

    def remove_person(self, relationship_id: str) -> None:
        view = self.the_map.by_id(relationship_id) if self.the_map else None
        if view is None:
            return
        question = self.tr(
            "Remove {name} from the map as entered in error?\n"
            "If the relationship ended, open it and record the end instead: its history is kept."
        ).format(name=view.key_person_name)
        if not self.confirm(question):
            return
        try:
            remove_relationship(self.ws, relationship_id, reason=self.tr("Entered in error"))
        except CareLinkError as exc:
            self.message.show_message(str(exc))

    def remove(self, kind: RecordKind[Any], record_id: str) -> None:
        if not self.confirm(
            self.tr("Remove this {what}? Only remove entries made in error.").format(what=kind.what)
        ):
            return
        try:
            remove_record(self.ws, kind, record_id)
        except CareLinkError as exc:
            self.message.show_message(str(exc))

    # -- printing ---------------------------------------------------------------------------

    def print_profile(self) -> None:
        if self.resident_id is None:
            return
        from carelink_desktop.ui import report_actions

        report_actions.print_relationship_profile(self.ctx, self.resident_id, self)
