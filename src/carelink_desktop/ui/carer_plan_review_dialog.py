"""Record a review of a carer support plan (partnership with carers P17–P22): who took part and the
support they needed to, how each agreed criterion went, the benefits to the carer's health and
wellbeing, difficulties, changes, changes to the resident's support, referrals and the next review.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.carer_plans import CriterionAssessment, ReviewDetails
from carelink_desktop.services.carer_plans import PlanView, ReviewView, record_review
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.form_dialog import FormDialog
from carelink_desktop.ui.key_person_form import heading_label
from carelink_desktop.ui.relationship_form import hint_label
from carelink_desktop.ui.resident_profile_form import multi_line
from carelink_desktop.ui.widgets import DateField, form_layout

#: The next review is suggested this many months after today.
REVIEW_MONTHS = 6
TEXTS = (
    "participation_support",
    "benefits",
    "difficulties",
    "changes",
    "resident_support_changes",
    "referrals",
)


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


class CarerPlanReviewDialog(FormDialog):
    """Saves through services.carer_plans.record_review on Save; stays open (saving nothing) while
    any field has a problem. After ``accepted``, ``result_view`` is the saved review."""

    def __init__(self, ws: Workspace, plan: PlanView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.plan = plan
        self.result_view: ReviewView | None = None
        self.fields: dict[str, QWidget] = {}
        self.setWindowTitle(self.tr("Record a review of the carer plan"))
        heading = heading_label(
            self.tr("Review of the plan with {carer} for {resident}").format(
                carer=plan.carer_name, resident=plan.resident_name
            ),
            1.15,
        )
        heading.setTextFormat(Qt.TextFormat.PlainText)

        self.body = QWidget()
        column = QVBoxLayout(self.body)
        column.setContentsMargins(0, 0, self.fontMetrics().averageCharWidth(), 0)
        intro = hint_label(
            self.tr(
                "Review the partnership and the support for the carer's own wellbeing with the carer, "
                "the resident, key people and others, against the criteria you agreed."
            )
        )
        column.addWidget(intro)

        self.reviewed_on = DateField()
        self.participants = QLineEdit()
        self.participants.setMaxLength(500)
        self.participants.setPlaceholderText(
            self.tr("e.g. {carer} (carer), {resident} (resident), {me}").format(
                carer=plan.carer_name, resident=plan.resident_name, me=ws.actor.full_name
            )
        )
        self.participation_support = multi_line(2)
        self.participation_support.setPlaceholderText(
            self.tr("e.g. an interpreter, the plan in large print, a quiet room, a visit at home")
        )
        top = self._form()
        self._add(top, "reviewed_on", self.reviewed_on, self.tr("&Date of the review:"))
        self._add(top, "participants", self.participants, self.tr("&Who took part:"))
        column.addLayout(top)
        self._above(
            column,
            "participation_support",
            self.participation_support,
            self.tr("Support they needed to take &part"),
        )

        criteria = QGroupBox(self.tr("How it went against each agreed criterion"))
        criteria_column = QVBoxLayout(criteria)
        self.assessments: list[tuple[str, QPlainTextEdit]] = []
        for n, criterion in enumerate(plan.details.review_criteria):
            box = multi_line(2)
            box.setAccessibleName(self.tr("How it went: {criterion}").format(criterion=criterion))
            label = QLabel(criterion)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setBuddy(box)
            self.fields[f"assessments.{n}"] = box
            criteria_column.addWidget(label)
            criteria_column.addWidget(self.errors.add(f"assessments.{n}", box, criterion))
            self.watch(f"assessments.{n}", box)
            self.assessments.append((criterion, box))
        if not self.assessments:
            criteria_column.addWidget(hint_label(self.tr("The plan has no review criteria agreed.")))
        column.addSpacing(self.fontMetrics().height() // 2)
        column.addWidget(criteria)

        self.benefits = multi_line(3)
        self.difficulties = multi_line(3)
        self.changes = multi_line(3)
        self.resident_support_changes = multi_line(3)
        self.referrals = multi_line(2)
        self.referrals.setPlaceholderText(
            self.tr("Where changes are outside the home's scope or expertise: who was asked to help")
        )
        self.next_review_on = DateField()
        for name, widget, text in (
            ("benefits", self.benefits, self.tr("&Benefits to the carer's health and wellbeing")),
            ("difficulties", self.difficulties, self.tr("D&ifficulties that have arisen")),
            ("changes", self.changes, self.tr("&Changes that need to be made")),
            (
                "resident_support_changes",
                self.resident_support_changes,
                self.tr("Changes to the r&esident's support while the carer meets their own needs"),
            ),
            ("referrals", self.referrals, self.tr("Re&ferrals beyond the home's scope")),
        ):
            self._above(column, name, widget, text)
        rest = self._form()
        rest.setContentsMargins(0, self.fontMetrics().height() // 2, 0, 0)
        self._add(rest, "next_review_on", self.next_review_on, self.tr("&Next review on:"))
        column.addLayout(rest)
        column.addStretch(1)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.body)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.build_buttons())
        self.save_button.setText(self.tr("&Save the review"))
        for first, second in itertools.pairwise([*self.fields.values(), self.save_button]):
            QWidget.setTabOrder(first, second)

        today = ws.today()
        self.reviewed_on.set_date(today)
        self.next_review_on.set_date(months_after(today, REVIEW_MONTHS))
        self.remember_state()
        self.setMinimumWidth(min(self.fontMetrics().averageCharWidth() * 90, 900))
        self.resize(self._fitted_size())
        self.participants.setFocus()

    def _form(self) -> QFormLayout:
        return form_layout()

    def _add(self, form: QFormLayout, name: str, widget: QWidget, label: str) -> None:
        """A short field with its label beside it."""
        widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        buddy = QLabel(label)
        buddy.setBuddy(widget)
        self.fields[name] = widget
        form.addRow(buddy, self.errors.add(name, widget, label))
        self.watch(name, widget)

    def _above(self, column: QVBoxLayout, name: str, widget: QWidget, label: str) -> None:
        """A box as wide as the form with its label above it."""
        widget.setAccessibleName(label.replace("&", ""))
        buddy = QLabel(label)
        buddy.setBuddy(widget)
        buddy.setWordWrap(True)
        buddy.setStyleSheet("font-weight: bold;")
        self.fields[name] = widget
        column.addSpacing(self.fontMetrics().height() // 2)
        column.addWidget(buddy)
        column.addWidget(self.errors.add(name, widget, label))
        self.watch(name, widget)

    def _fitted_size(self) -> QSize:
        metrics = self.fontMetrics()
        wanted = QSize(metrics.averageCharWidth() * 120, metrics.lineSpacing() * 52)
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            wanted = wanted.boundedTo(screen.availableGeometry().size() - QSize(40, 80))
        return wanted

    # -- values and checks ---------------------------------------------------------------------

    def review_details(self) -> ReviewDetails:
        """What is typed; a date that is not a date counts as none (see ``check``)."""
        return ReviewDetails(
            reviewed_on=None if self.reviewed_on.problem() else self.reviewed_on.date(),
            participants=self.participants.text(),
            participation_support=self.participation_support.toPlainText(),
            assessments=tuple(CriterionAssessment(c, box.toPlainText()) for c, box in self.assessments),
            benefits=self.benefits.toPlainText(),
            difficulties=self.difficulties.toPlainText(),
            changes=self.changes.toPlainText(),
            resident_support_changes=self.resident_support_changes.toPlainText(),
            referrals=self.referrals.toPlainText(),
            next_review_on=None if self.next_review_on.problem() else self.next_review_on.date(),
        )

    def state(self) -> Any:
        return (self.review_details(), self.reviewed_on.text(), self.next_review_on.text())

    def date_problems(self) -> dict[str, str]:
        found = {"reviewed_on": self.reviewed_on.problem(), "next_review_on": self.next_review_on.problem()}
        return {name: problem for name, problem in found.items() if problem}

    def check(self) -> dict[str, str]:
        return self.add_rule_problems(
            self.date_problems(), lambda: self.review_details().cleaned().validate(self.ws.today())
        )

    def focus_problem(self, widget: QWidget) -> None:
        widget.setFocus()
        self.scroll_area.ensureWidgetVisible(widget)

    # -- saving --------------------------------------------------------------------------------

    def save(self) -> bool:
        """Record the review and close; on any problem show it at its field and save nothing."""
        self.errors.set_problems(self.check())
        if self.date_problems():
            return self.refused(self.date_problems())
        return self.submit(lambda: record_review(self.ws, self.plan.id, self.review_details()))
