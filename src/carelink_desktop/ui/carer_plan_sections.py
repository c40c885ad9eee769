"""The fields of a carer support plan (every field of PlanDetails), laid out as the pages of the plan
editor in the order of the partnership-with-carers standard: the partnership (P1–P5), the carer's
own needs (P6–P10), resources and the access plan (P8–P14), while the carer is away (P12–P16) and
how the plan is reviewed (P17)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.carer_plans import PlanDetails
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.carer_plan_resources import ResourcesEditor
from carelink_desktop.ui.carer_plan_rows import (
    ActionsEditor,
    CriteriaEditor,
    NeedsEditor,
    OutcomesEditor,
    RolesEditor,
    RowsEditor,
    line_edit,
)
from carelink_desktop.ui.relationship_form import hint_label
from carelink_desktop.ui.resident_profile_form import multi_line
from carelink_desktop.ui.widgets import DateField, FormErrors, form_layout

#: The plain-text boxes of the plan, in form order.
TEXTS = (
    "ways_of_working",
    "risk_management",
    "referral_result",
    "resident_support_meanwhile",
    "resident_support_risks",
    "gaps_in_provision",
    "discrimination",
    "review_process",
)
LINES = ("assessment_explained_how", "referral_reference")
DATES = ("assessment_explained_on", "referral_on", "next_review_on")
ROWS = ("outcomes", "roles", "needs", "resources", "actions", "review_criteria")


class PlanForm(QObject):
    """Builds the widgets and the five pages; ``details()`` reads them, ``set_details()`` fills them.

    Each field is registered with ``errors`` under its PlanDetails name; ``changed(name)`` is
    emitted on every edit by the person (not while ``set_details`` fills the form) and
    ``rows_changed`` when a list gains or loses a row."""

    changed = Signal(str)
    rows_changed = Signal()

    def __init__(self, ws: Workspace, errors: FormErrors, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.errors = errors
        self._filling = False
        self.fields: dict[str, QWidget] = {}

        self.outcomes = OutcomesEditor()
        self.roles = RolesEditor()
        self.ways_of_working = multi_line(3)
        self.ways_of_working.setPlaceholderText(
            self.tr("e.g. how you keep each other informed, routines the resident relies on")
        )
        self.risk_management = multi_line(3)
        self.assessment_explained_on = DateField()
        self.assessment_explained_how = line_edit(
            self.tr("e.g. talked through with a leaflet in large print; in Polish")
        )
        self.referral_on = DateField()
        self.referral_reference = line_edit(self.tr("e.g. CA-2291, if they gave one"), 100)
        self.referral_reference.setMaximumWidth(self.referral_reference.fontMetrics().averageCharWidth() * 40)
        self.referral_result = multi_line(2)
        self.needs = NeedsEditor()
        self.resources = ResourcesEditor(ws)
        self.actions = ActionsEditor()
        self.resident_support_meanwhile = multi_line(3)
        self.resident_support_meanwhile.setPlaceholderText(
            self.tr("e.g. a member of staff sits with him at lunch on the days Jean is at her group")
        )
        self.resident_support_risks = multi_line(3)
        self.gaps_in_provision = multi_line(3)
        self.discrimination = multi_line(3)
        self.discrimination.setPlaceholderText(
            self.tr("e.g. a service turned her away because of her age, and what was done about it")
        )
        self.review_process = multi_line(3)
        self.review_process.setPlaceholderText(
            self.tr("e.g. a meeting every six months with Jean and the resident, an interpreter if needed")
        )
        self.review_criteria = CriteriaEditor()
        self.next_review_on = DateField()

        self.partnership_page = self._build_partnership()
        self.needs_page = self._build_needs()
        self.access_page = self._build_access()
        self.away_page = self._build_away()
        self.review_page = self._build_review()
        self._connect()

    # -- building --------------------------------------------------------------------------

    def _register(self, name: str, widget: QWidget, label: str) -> tuple[QLabel, QWidget]:
        """A buddy label and the widget with its problem message under it."""
        if not widget.accessibleName():
            widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        buddy = QLabel(label)
        buddy.setBuddy(widget)
        self.fields[name] = widget
        return buddy, self.errors.add(name, widget, label)

    def _above(self, layout: QVBoxLayout, name: str, widget: QWidget, label: str, hint: str = "") -> None:
        """The label above the field (for lists and boxes as wide as the page)."""
        buddy, box = self._register(name, widget, label)
        buddy.setStyleSheet("font-weight: bold;")
        buddy.setWordWrap(True)
        layout.addSpacing(buddy.fontMetrics().height() // 2)
        layout.addWidget(buddy)
        if hint:
            explain = hint_label(hint)
            layout.addWidget(explain)
            widget.setAccessibleDescription(hint)
        layout.addWidget(box)

    def _form(self) -> QFormLayout:
        return form_layout()

    def _page(self, intro: str) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(hint_label(intro))
        return page, layout

    def _build_partnership(self) -> QWidget:
        page, layout = self._page(
            self.tr(
                "Work as partners with the carer: agree with the resident, the carer and others the "
                "intended outcomes of your work together, clarify everyone's role, and establish a "
                "shared understanding and consistent ways of working that manage risks."
            )
        )
        self._above(layout, "outcomes", self.outcomes, self.tr("Intended ou&tcomes of your work together"))
        self._above(
            layout,
            "roles",
            self.roles,
            self.tr("Who does what: your ro&le, the carer's, and that of key people and others"),
        )
        self._above(
            layout,
            "ways_of_working",
            self.ways_of_working,
            self.tr("Shared understan&ding and consistent ways of working"),
        )
        self._above(layout, "risk_management", self.risk_management, self.tr("How ris&ks are managed"))
        layout.addStretch(1)
        return page

    def _build_needs(self) -> QWidget:
        page, layout = self._page(
            self.tr(
                "The carer has the right to have their own needs formally assessed by the local "
                "authority (a carer's assessment). Give them accessible information about this right "
                "and the procedure, and seek additional help where their needs are outside your "
                "competence."
            )
        )
        group = QGroupBox(self.tr("The carer's assessment"))
        form = self._form()
        form.addRow(
            *self._register(
                "assessment_explained_on",
                self.assessment_explained_on,
                self.tr("Right to an assessment e&xplained on:"),
            )
        )
        form.addRow(
            *self._register(
                "assessment_explained_how",
                self.assessment_explained_how,
                self.tr("How i&t was explained (format):"),
            )
        )
        form.addRow(
            *self._register(
                "referral_on", self.referral_on, self.tr("Referral to the local authority &made on:")
            )
        )
        form.addRow(
            *self._register("referral_reference", self.referral_reference, self.tr("Referral re&ference:"))
        )
        form.addRow(
            *self._register("referral_result", self.referral_result, self.tr("Res&ult of the referral:"))
        )
        group.setLayout(form)
        layout.addWidget(group)
        self._above(
            layout,
            "needs",
            self.needs,
            self.tr("The carer's own nee&ds"),
            self.tr(
                "Physical, emotional, mental or practical; short, medium or long term. Put the outcomes "
                "they want for their own wellbeing on the Partnership page, for the carer."
            ),
        )
        layout.addStretch(1)
        return page

    def _build_access(self) -> QWidget:
        page, layout = self._page(
            self.tr(
                "Work with the carer to identify the resources, services and facilities most likely to "
                "meet their preferences and needs and achieve the outcomes they want, then plan how "
                "they will access them."
            )
        )
        self._above(
            layout,
            "resources",
            self.resources,
            self.tr("Resources, services and facilities chosen from the &directory"),
        )
        self._above(
            layout, "actions", self.actions, self.tr("Access p&lan: what is to be done, by whom, by when")
        )
        layout.addStretch(1)
        return page

    def _build_away(self) -> QWidget:
        page, layout = self._page(
            self.tr(
                "What support the resident will need so that the carer can address their own needs, "
                "how to manage any risks of that, gaps in provision, and anything discriminatory the "
                "carer meets when accessing resources, services and facilities."
            )
        )
        self._above(
            layout,
            "resident_support_meanwhile",
            self.resident_support_meanwhile,
            self.tr("S&upport the resident will need meanwhile"),
        )
        self._above(
            layout,
            "resident_support_risks",
            self.resident_support_risks,
            self.tr("Ris&ks of this, and how they are managed"),
        )
        self._above(
            layout,
            "gaps_in_provision",
            self.gaps_in_provision,
            self.tr("Gaps in provision to &meet the carer's preferences and needs"),
        )
        self._above(
            layout,
            "discrimination",
            self.discrimination,
            self.tr("Anything &discriminatory met, and how it was challenged"),
        )
        layout.addStretch(1)
        return page

    def _build_review(self) -> QWidget:
        page, layout = self._page(
            self.tr(
                "Agree with the carer the process and criteria for reviewing the partnership and the "
                "support for their own wellbeing. A review looks at each criterion."
            )
        )
        self._above(
            layout,
            "review_process",
            self.review_process,
            self.tr("How reviews will wor&k (the process agreed with the carer)"),
        )
        self._above(
            layout, "review_criteria", self.review_criteria, self.tr("Cri&teria the review will look at")
        )
        form = self._form()
        form.setContentsMargins(0, self.next_review_on.fontMetrics().height() // 2, 0, 0)
        form.addRow(*self._register("next_review_on", self.next_review_on, self.tr("Ne&xt review on:")))
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    def _connect(self) -> None:
        for name in TEXTS:
            box: QPlainTextEdit = getattr(self, name)
            box.textChanged.connect(lambda n=name: self._edited(n))
        for name in (*LINES, *DATES):
            edit: QLineEdit = getattr(self, name)
            edit.textChanged.connect(lambda _t, n=name: self._edited(n))
        for name in ROWS:
            rows: RowsEditor = getattr(self, name)
            rows.changed.connect(lambda n=name: self._edited(n))
            rows.rows_changed.connect(self.rows_changed.emit)

    def _edited(self, name: str) -> None:
        if not self._filling:
            self.changed.emit(name)

    def row_editors(self) -> list[RowsEditor]:
        return [getattr(self, name) for name in ROWS]

    def widgets_in_order(self) -> list[QWidget]:
        """Every input, page by page, in the order the Tab key should meet them."""
        out: list[QWidget] = []
        for widget in self.fields.values():
            out += widget.focus_widgets() if isinstance(widget, RowsEditor) else [widget]
        return out

    # -- values ----------------------------------------------------------------------------

    @staticmethod
    def _date(field: DateField) -> dt.date | None:
        return None if field.problem() else field.date()

    def details(self) -> PlanDetails:
        """What the form holds (not cleaned); a date that is not a date counts as none."""
        return PlanDetails(
            outcomes=self.outcomes.values(),
            roles=self.roles.values(),
            ways_of_working=self.ways_of_working.toPlainText(),
            risk_management=self.risk_management.toPlainText(),
            assessment_explained_on=self._date(self.assessment_explained_on),
            assessment_explained_how=self.assessment_explained_how.text(),
            referral_on=self._date(self.referral_on),
            referral_reference=self.referral_reference.text(),
            referral_result=self.referral_result.toPlainText(),
            needs=self.needs.values(),
            resources=self.resources.values(),
            actions=self.actions.values(),
            resident_support_meanwhile=self.resident_support_meanwhile.toPlainText(),
            resident_support_risks=self.resident_support_risks.toPlainText(),
            gaps_in_provision=self.gaps_in_provision.toPlainText(),
            discrimination=self.discrimination.toPlainText(),
            review_process=self.review_process.toPlainText(),
            review_criteria=self.review_criteria.values(),
            next_review_on=self._date(self.next_review_on),
        )

    def date_problems(self) -> dict[str, str]:
        found = {name: getattr(self, name).problem() for name in DATES}
        found["actions"] = self.actions.date_problem() or None
        return {name: problem for name, problem in found.items() if problem}

    def state(self) -> Any:
        """Everything shown (dates as typed, too), to tell whether anything changed."""
        typed = tuple(getattr(self, name).text() for name in DATES)
        return (self.details(), typed, self.actions.dates_typed())

    def set_details(self, d: PlanDetails) -> None:
        self._filling = True
        try:
            for name in TEXTS:
                box: QPlainTextEdit = getattr(self, name)
                box.setPlainText(getattr(d, name))
            for name in LINES:
                edit: QLineEdit = getattr(self, name)
                edit.setText(getattr(d, name))
            for name in DATES:
                field: DateField = getattr(self, name)
                field.set_date(getattr(d, name))
            for name in ROWS:
                rows: RowsEditor = getattr(self, name)
                rows.set_values(getattr(d, name))
        finally:
            self._filling = False

    def set_read_only(self, read_only: bool) -> None:
        """Readable, still reached by Tab, but not changeable (a closed plan)."""
        for name in (*TEXTS, *LINES, *DATES):
            getattr(self, name).setReadOnly(read_only)
        for rows in self.row_editors():
            rows.set_read_only(read_only)
