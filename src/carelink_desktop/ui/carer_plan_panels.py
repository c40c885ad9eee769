"""The two read-only pages of the carer plan editor: the plan's reviews (choosing one shows it in
full) and its history (each step: started, changed, agreed, put into action, reviewed, closed)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.carer_plans import ReviewDetails
from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.services.carer_plans import PlanEventView, ReviewView
from carelink_desktop.ui.carer_plans_model import PlanHistoryModel, PlanReviewsModel
from carelink_desktop.ui.relationship_form import hint_label
from carelink_desktop.ui.widgets import record_table


class ReviewsPanel(QWidget):
    """The plan's reviews, newest first, with the chosen one in full below; "Record a review…"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PlanReviewsModel(self)
        self.table = record_table(self.model, self.tr("Reviews of the plan"), stretch=(1, 2))
        self.empty = hint_label(self.tr("No reviews have been recorded yet."))
        self.full = QPlainTextEdit()
        self.full.setReadOnly(True)
        self.full.setAccessibleName(self.tr("The chosen review"))
        self.record_button = QPushButton(self.tr("Record a review…"))
        self.record_button.setAutoDefault(False)
        self.print_button = QPushButton(self.tr("Print this review…"))
        self.print_button.setAutoDefault(False)
        self.print_button.setToolTip(self.tr("Preview, print or save the chosen review as a review record"))
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.full)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_chosen())

    def set_reviews(self, reviews: list[ReviewView], *, reviewable: bool = True) -> None:
        """Show ``reviews``; when there are none, say so (and, ``reviewable`` False, when there can be)."""
        self.model.set_rows(reviews)
        text = self.tr("No reviews have been recorded yet.")
        if not reviewable:
            text += " " + self.tr("A plan is reviewed once it has been agreed and put into action.")
        self.empty.setText(text)
        self.empty.setVisible(not reviews)
        self.splitter.setVisible(bool(reviews))
        if reviews:
            self.table.selectRow(0)
        self._show_chosen()

    def chosen_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.review_at(index.row()).id if index.isValid() else None

    def _show_chosen(self) -> None:
        index = self.table.currentIndex()
        self.print_button.setEnabled(index.isValid())
        if not index.isValid():
            self.full.clear()
            self.full.setVisible(False)
            return
        self.full.setVisible(True)
        self.full.setPlainText(self.review_text(self.model.review_at(index.row()).details))

    def review_text(self, d: ReviewDetails) -> str:
        lines = [
            self.tr("Review on {date}").format(date=format_uk_date(d.reviewed_on)),
            self.tr("Who took part: {who}").format(who=d.participants),
        ]
        parts = [
            (self.tr("Support they needed to take part"), d.participation_support),
            *((a.criterion, a.assessment) for a in d.assessments),
            (self.tr("Benefits to the carer's health and wellbeing"), d.benefits),
            (self.tr("Difficulties that have arisen"), d.difficulties),
            (self.tr("Changes that need to be made"), d.changes),
            (self.tr("Changes to the resident's support"), d.resident_support_changes),
            (self.tr("Referrals beyond the home's scope"), d.referrals),
        ]
        for label, text in parts:
            if text:
                lines += ["", f"{label}:", text]
        lines += ["", self.tr("Next review: {date}").format(date=format_uk_date(d.next_review_on) or "—")]
        return "\n".join(lines)


class PlanHistoryPanel(QWidget):
    """The plan's steps, newest first (read-only)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PlanHistoryModel(self)
        self.table = record_table(self.model, self.tr("History of the plan"), stretch=(2,))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Every step of the plan, newest first, and who took it.")))
        layout.addWidget(self.table, 1)

    def set_events(self, events: list[PlanEventView]) -> None:
        self.model.set_rows(events)
