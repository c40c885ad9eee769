"""The Carer plans area (every plan in the home, filtered by status, overdue reviews and name) and
the "Carer plans" list a resident's record and a key person show, with "Start a carer plan…".

A plan starts from a relationship in the unpaid carer category; see services.carer_plans.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.carer_plans import PlanStatus
from carelink_desktop.domain.errors import CareLinkError
from carelink_desktop.domain.relationships import Category
from carelink_desktop.domain.roles import Permission
from carelink_desktop.domain.text import fold
from carelink_desktop.services.carer_plans import KIND, REVIEW_KIND, PlanSummary, plans, start_plan
from carelink_desktop.services.links import residents_of
from carelink_desktop.services.relationships import RelationshipView, relationship, relationships_of
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.carer_plan_editor import CarerPlanEditor, open_plan_editor
from carelink_desktop.ui.carer_plans_model import CarerPlansModel
from carelink_desktop.ui.pages import Page, ShellContext
from carelink_desktop.ui.relationship_form import hint_label
from carelink_desktop.ui.widgets import FieldMessage, record_table, refresh_after_typing, search_field

#: The status filter's first choice: every plan that is not closed.
ALL_OPEN = "open"


def matches(plan: PlanSummary, query: str) -> bool:
    """Every word of ``query`` is in the carer's or the resident's name (accents and case aside)."""
    names = fold(f"{plan.carer_name} {plan.resident_name}")
    return all(word in names for word in fold(query).split())


class CarerPlansPage(Page):
    """Search, filters and the list of plans; Open… (or Enter) opens the chosen plan."""

    area = "carer_plans"
    watches = (KIND, REVIEW_KIND)

    def __init__(self, ctx: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.editor: CarerPlanEditor | None = None
        intro = hint_label(
            self.tr(
                "Plans made with residents' unpaid carers: how you work together, the carer's own needs "
                "and support, and reviews. Start a plan from a key person or from a resident's record."
            )
        )
        self.search = search_field(self.tr("Carer's or resident's name"), self.tr("Find a plan by name"))
        search_label = QLabel(self.tr("Fin&d:"))
        search_label.setBuddy(self.search)
        self.status = QComboBox()
        self.status.addItem(self.tr("All open plans"), ALL_OPEN)
        for status in PlanStatus:
            self.status.addItem(self.tr(status.label), status.value)
        self.status.setAccessibleName(self.tr("Status"))
        self.status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        status_label = QLabel(self.tr("&Status:"))
        status_label.setBuddy(self.status)
        self.overdue_only = QCheckBox(self.tr("Reviews o&verdue only"))

        self.model = CarerPlansModel(self)
        self.table = record_table(self.model, self.tr("Carer plans"), stretch=(0, 1))
        self.empty = hint_label()
        self.count_label = QLabel()
        self.note = FieldMessage()
        self.note.setAccessibleName(self.tr("Message"))
        self.open_button = QPushButton(self.tr("&Open…"))
        self.open_button.setToolTip(self.tr("Open the chosen plan (or press Enter on it)"))

        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(status_label)
        top.addWidget(self.status)
        top.addWidget(self.overdue_only)
        bottom = QHBoxLayout()
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.note, 1)
        bottom.addStretch(1)  # the button keeps its own width while there is no message
        bottom.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        for first, second in itertools.pairwise(
            [self.search, self.status, self.overdue_only, self.table, self.open_button]
        ):
            QWidget.setTabOrder(first, second)

        self._debounce = refresh_after_typing(self.search, self.refresh, self)
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.overdue_only.toggled.connect(lambda _on: self.refresh())
        self.table.activated.connect(lambda _index: self.open_selected())
        self.open_button.clicked.connect(self.open_selected)
        self.refresh()

    def title(self) -> str:
        return self.tr("Carer plans")

    def refresh(self) -> None:
        self._debounce.stop()
        if not self.home_is_open():
            return
        current = self.selected()
        chosen = self.status.currentData()
        status = None if chosen == ALL_OPEN else PlanStatus(chosen)
        today = self.ctx.ws.today()
        rows = plans(self.ctx.ws, status=status, include_closed=False)
        query = self.search.text().strip()
        rows = [p for p in rows if matches(p, query)]
        if self.overdue_only.isChecked():
            rows = [p for p in rows if p.review_overdue(today)]
        self.model.set_plans(rows, today)
        if rows:
            row = self.model.row_of(current.id) if current else -1
            self.table.selectRow(max(row, 0))
        filtered = bool(query) or self.overdue_only.isChecked() or status is not None
        self.empty.setText(
            self.tr("No plans match.")
            if filtered
            else self.tr(
                "No carer plans yet. Start one from a key person marked as an unpaid carer, or from a "
                "resident's record (the Carer plans tab)."
            )
        )
        self.empty.setVisible(not rows)
        self.open_button.setEnabled(bool(rows))
        self.count_label.setText(
            self.tr("1 plan") if len(rows) == 1 else self.tr("{n} plans").format(n=len(rows))
        )

    def selected(self) -> PlanSummary | None:
        index = self.table.currentIndex()
        return self.model.plan_at(index.row()) if index.isValid() else None

    def open_selected(self) -> CarerPlanEditor | None:
        chosen = self.selected()
        if chosen is None:
            return None
        try:
            self.editor = open_plan_editor(self.ctx.ws, chosen.id, self)
        except CareLinkError as exc:
            self.note.show_message(str(exc))
            return None
        self.note.show_message("")
        return self.editor


class CarerPlansPanel(QWidget):
    """A resident's plans (``set_resident``) or a key person's (``set_key_person``): the list,
    Open… and "Start a carer plan…" with one of their unpaid-carer relationships."""

    #: A short message for the page to show after something happened.
    said = Signal(str)

    def __init__(
        self, ws: Workspace, parent: QWidget | None = None, *, heading: str = "", hide_when_idle: bool = False
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        #: Hidden while there is no plan to show and none may be started (an archived key person).
        self.hide_when_idle = hide_when_idle
        self.resident_id: str | None = None
        self.key_person_id: str | None = None
        self.name = ""
        self.editable = False
        self.editor: CarerPlanEditor | None = None
        self._resident_names: dict[str, str] = {}
        self.model = CarerPlansModel(self)
        self.table = record_table(self.model, self.tr("Carer plans"), stretch=(0, 1))
        self.heading = QLabel(heading)
        self.heading.setStyleSheet("font-weight: bold;")
        self.heading.setBuddy(self.table)
        self.heading.setVisible(bool(heading))
        self.empty = QLabel()  # short, on the heading's line: never wrapped (a wrapped label there
        # makes the layout ask for room for several lines)
        self.note = hint_label()
        self.note.setVisible(False)
        self.start_button = QPushButton(self.tr("S&tart a carer plan…"))
        self.start_button.setToolTip(self.tr("Start a plan with someone marked as an unpaid carer"))
        self.open_button = QPushButton(self.tr("Open pl&an…"))
        self.open_button.setToolTip(self.tr("Open the chosen plan (or press Enter on it)"))
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.empty, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        if heading:
            # Within a page: one line while there are no plans (heading, "No carer plans yet.", buttons).
            layout.setContentsMargins(0, 0, 0, 0)
            top.addStretch(0)
            top.addWidget(self.start_button)
            top.addWidget(self.open_button)
        else:
            # A tab of its own: the buttons below the list, as on the other tabs.
            buttons = QHBoxLayout()
            buttons.addWidget(self.start_button)
            buttons.addWidget(self.open_button)
            buttons.addStretch(1)
            layout.addLayout(buttons)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.open_button.clicked.connect(self.open_selected)
        self.start_button.clicked.connect(self.start)

    # -- whose plans ---------------------------------------------------------------------------

    def set_resident(self, resident_id: str | None, name: str = "", *, editable: bool = True) -> None:
        """The resident's plans (the list leaves out the resident's own name)."""
        self.resident_id, self.key_person_id, self.name = resident_id, None, name
        self.table.setColumnHidden(0, False)
        self.table.setColumnHidden(1, True)
        self._subject_changed(editable)

    def set_key_person(self, key_person_id: str | None, name: str = "", *, editable: bool = True) -> None:
        """The plans with this key person as the carer (the list leaves out their own name)."""
        self.key_person_id, self.resident_id, self.name = key_person_id, None, name
        self.table.setColumnHidden(0, True)
        self.table.setColumnHidden(1, False)
        self._subject_changed(editable)

    def _subject_changed(self, editable: bool) -> None:
        chosen = self.resident_id is not None or self.key_person_id is not None
        self.editable = editable and chosen and self.ws.may(Permission.EDIT_RELATIONSHIPS)
        self.start_button.setVisible(self.editable)
        self.note.setVisible(False)
        self.refresh()

    def refresh(self) -> None:
        if self.ws.store.closed:
            return
        if self.resident_id is None and self.key_person_id is None:
            self.model.set_plans([], self.ws.today())
        else:
            rows = plans(self.ws, resident_id=self.resident_id, key_person_id=self.key_person_id)
            self.model.set_plans(rows, self.ws.today())
        count = self.model.rowCount()
        if count:
            self.table.selectRow(0)
        self.empty.setText(self.tr("No carer plans yet."))
        self.empty.setVisible(not count)
        self.table.setVisible(bool(count))
        self.open_button.setVisible(bool(count))
        self._fit_table()
        if self.hide_when_idle:
            self.setVisible(bool(count) or self.editable)

    def _fit_table(self) -> None:
        """Within a page: the list is as tall as its rows (up to four), leaving room for the rest."""
        if not self.heading.text():
            return
        rows = min(self.model.rowCount(), 4)
        row_height = max(self.table.verticalHeader().defaultSectionSize(), self.table.sizeHintForRow(0))
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + rows * row_height + 2 * self.table.frameWidth())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_table()  # row heights are only known for sure once the list is shown

    def selected(self) -> PlanSummary | None:
        index = self.table.currentIndex()
        return self.model.plan_at(index.row()) if index.isValid() else None

    def open_selected(self) -> CarerPlanEditor | None:
        chosen = self.selected()
        return self.open_plan(chosen.id) if chosen else None

    def open_plan(self, plan_id: str) -> CarerPlanEditor | None:
        try:
            self.editor = open_plan_editor(self.ws, plan_id, self)
        except CareLinkError as exc:
            self.say(str(exc))
            return None
        self.editor.plan_changed.connect(lambda _view: self.refresh())
        return self.editor

    # -- starting a plan -----------------------------------------------------------------------

    def carers(self) -> list[RelationshipView]:
        """Current unpaid-carer relationships of the resident or key person."""
        if self.resident_id is not None:
            found = relationships_of(self.ws, self.resident_id, include_ended=False)
        elif self.key_person_id is not None:
            links = residents_of(self.ws, self.key_person_id)
            self._resident_names = {link.id: link.resident_name for link in links}
            found = [relationship(self.ws, link.id) for link in links]
        else:
            found = []
        return [r for r in found if r.details.category is Category.UNPAID_CARER and not r.ended]

    def candidates(self) -> list[RelationshipView]:
        """The carers without an open plan already (a carer and resident have one at a time)."""
        shown = [self.model.plan_at(row) for row in range(self.model.rowCount())]
        open_pairs = {(p.resident_id, p.key_person_id) for p in shown if p.status is not PlanStatus.CLOSED}
        return [r for r in self.carers() if (r.resident_id, r.key_person_id) not in open_pairs]

    def start(self) -> CarerPlanEditor | None:
        """Start a draft plan with one of the unpaid carers (asking which when there are several)
        and open it; when there is none, say how to mark one."""
        if not self.editable:
            return None
        carers = self.carers()
        choices = self.candidates()
        if not choices:
            self.say(self._no_carer_text(bool(carers)))
            return None
        chosen = choices[0] if len(choices) == 1 else self.choose_relationship(choices)
        if chosen is None:
            return None
        try:
            view = start_plan(self.ws, chosen.id)
        except CareLinkError as exc:
            self.say(str(exc))
            return None
        self.note.setVisible(False)
        self.refresh()
        self.said.emit(self.tr("Carer plan started."))
        return self.open_plan(view.id)

    def choice_text(self, rel: RelationshipView) -> str:
        if self.resident_id is not None:
            text = rel.key_person_name
            return f"{text} ({rel.details.relationship})" if rel.details.relationship else text
        resident = self._resident_names.get(rel.id) or self.tr("a resident")
        return self.tr("{resident} ({name} is their {relationship})").format(
            resident=resident,
            name=rel.key_person_name,
            relationship=rel.details.relationship or self.tr("carer"),
        )

    def choose_relationship(self, choices: list[RelationshipView]) -> RelationshipView | None:
        """Which carer (or which resident) the plan is with; None when the person cancels."""
        texts = [self.choice_text(r) for r in choices]
        question = (
            self.tr("Start a carer plan with:")
            if self.resident_id is not None
            else self.tr("Start a carer plan for {name} as the unpaid carer of:").format(name=self.name)
        )
        text, ok = QInputDialog.getItem(self, self.tr("Start a carer plan"), question, texts, 0, False)
        return choices[texts.index(text)] if ok and text in texts else None

    def _no_carer_text(self, has_carers: bool) -> str:
        if has_carers:
            return self.tr("Each unpaid carer already has an open plan: open it from the list.")
        if self.resident_id is not None:
            return self.tr(
                "No one on {name}'s relationship map is marked as an unpaid carer. To mark someone: on "
                "the Relationship map tab, open the person (Open…) and set Category to “Unpaid carers”."
            ).format(name=self.name or self.tr("the resident"))
        return self.tr(
            "{name} is not marked as an unpaid carer of any resident. To mark them: open the resident's "
            "record, and on its Relationship map tab open {name} and set Category to “Unpaid carers”."
        ).format(name=self.name or self.tr("This person"))

    def say(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))
        self.said.emit(text)
