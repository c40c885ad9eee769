"""Qt table models for carer support plans: the list of plans, a plan's reviews and its history."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush

from carelink_desktop.domain.dates import format_uk_date, format_uk_datetime
from carelink_desktop.services.carer_plans import PlanEventView, PlanSummary, ReviewView
from carelink_desktop.ui.table_model import ReadModelTable
from carelink_desktop.ui.widgets import PROBLEM_COLOUR


def one_line(text: str) -> str:
    return " ".join(text.split())


class CarerPlansModel(ReadModelTable):
    """Carer, resident, status, agreed on, next review; the plan's id under Qt.UserRole.

    A review date that has passed says "overdue" in words (and is dark red as well)."""

    HEADERS = (
        QT_TRANSLATE_NOOP("CarerPlansModel", "Carer"),
        QT_TRANSLATE_NOOP("CarerPlansModel", "Resident"),
        QT_TRANSLATE_NOOP("CarerPlansModel", "Status"),
        QT_TRANSLATE_NOOP("CarerPlansModel", "Agreed on"),
        QT_TRANSLATE_NOOP("CarerPlansModel", "Next review"),
    )
    REVIEW_COLUMN = 4

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = date.today()

    def set_plans(self, rows: list[PlanSummary], today: date) -> None:
        self.today = today
        self.set_rows(rows)

    def plan_at(self, row: int) -> PlanSummary:
        return self.item_at(row)  # type: ignore[no-any-return]

    def cells(self, item: Any) -> tuple[str, ...]:
        p: PlanSummary = item
        review = format_uk_date(p.next_review_on)
        if p.review_overdue(self.today):
            review = self.tr("{date} — overdue").format(date=review)
        return (p.carer_name, p.resident_name, self.tr(p.status.label), format_uk_date(p.agreed_on), review)

    def role_data(self, item: Any, column: int, role: int) -> Any:
        p: PlanSummary = item
        if column != self.REVIEW_COLUMN or not p.review_overdue(self.today):
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(PROBLEM_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("The review was due on {date}.").format(date=format_uk_date(p.next_review_on))
        return None


class PlanReviewsModel(ReadModelTable):
    """A plan's reviews, newest first: date, who took part, changes to make, next review."""

    HEADERS = (
        QT_TRANSLATE_NOOP("PlanReviewsModel", "Date"),
        QT_TRANSLATE_NOOP("PlanReviewsModel", "Who took part"),
        QT_TRANSLATE_NOOP("PlanReviewsModel", "Changes to make"),
        QT_TRANSLATE_NOOP("PlanReviewsModel", "Next review"),
    )

    def review_at(self, row: int) -> ReviewView:
        return self.item_at(row)  # type: ignore[no-any-return]

    def cells(self, item: Any) -> tuple[str, ...]:
        d = item.details
        return (
            format_uk_date(d.reviewed_on),
            one_line(d.participants),
            one_line(d.changes),
            format_uk_date(d.next_review_on),
        )

    def role_data(self, item: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 2):
            return self.cells(item)[column] or None
        return None


class PlanHistoryModel(ReadModelTable):
    """A plan's steps, newest first: when (dd/mm/yyyy HH:MM), what, details, by whom."""

    HEADERS = (
        QT_TRANSLATE_NOOP("PlanHistoryModel", "When"),
        QT_TRANSLATE_NOOP("PlanHistoryModel", "What"),
        QT_TRANSLATE_NOOP("PlanHistoryModel", "Details"),
        QT_TRANSLATE_NOOP("PlanHistoryModel", "By"),
    )

    def event_at(self, row: int) -> PlanEventView:
        return self.item_at(row)  # type: ignore[no-any-return]

    def item_id(self, item: Any) -> Any:
        return (item.at.isoformat(), item.event, item.summary)

    def cells(self, item: Any) -> tuple[str, ...]:
        e: PlanEventView = item
        return (format_uk_datetime(e.at), self.tr(e.label), one_line(e.summary), e.by_name)

    def role_data(self, item: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return item.summary or None
        return None
