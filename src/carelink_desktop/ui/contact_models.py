"""Qt table models for a resident's Contact tab: the contact history (one page at a time, from
services.visit_history) and the bookings coming up (services.planned_visits)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from carelink_desktop.domain.dates import format_uk_datetime
from carelink_desktop.domain.visits import Supervision
from carelink_desktop.services.planned_visits import PlannedVisitView
from carelink_desktop.services.visit_history import VisitSummary
from carelink_desktop.ui.table_model import ReadModelTable


def first_line(text: str) -> str:
    """The first line that holds something, for a one-line cell."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def mood_change(summary: VisitSummary) -> str:
    """'Quiet → Happy', 'Upset → ?' or '' when neither mood was noted."""
    before = summary.mood_before.label if summary.mood_before else ""
    after = summary.mood_after.label if summary.mood_after else ""
    if not before and not after:
        return ""
    return f"{before or '?'} → {after or '?'}"


class ContactHistoryModel(ReadModelTable):
    """One page of a resident's contact, newest first: when, kind, people, supervision, mood
    before → after, how it went (its first line), concerns raised, follow-ups still open.

    The visit's id is under Qt.UserRole; the whole of "how it went" is the tooltip of its cell.
    A contact that went ahead under a restriction says so in the people's tooltip."""

    HEADERS = (
        QT_TRANSLATE_NOOP("ContactHistoryModel", "When"),
        QT_TRANSLATE_NOOP("ContactHistoryModel", "Kind"),
        QT_TRANSLATE_NOOP("ContactHistoryModel", "People"),
        QT_TRANSLATE_NOOP("ContactHistoryModel", "Supervision"),
        QT_TRANSLATE_NOOP("ContactHistoryModel", "Mood"),
        QT_TRANSLATE_NOOP("ContactHistoryModel", "How it went"),
        QT_TRANSLATE_NOOP("ContactHistoryModel", "Concerns"),
        QT_TRANSLATE_NOOP("ContactHistoryModel", "Open follow-ups"),
    )
    PEOPLE_COLUMN = 2
    NOTES_COLUMN = 5
    NUMBER_COLUMNS = (6, 7)

    def visit_at(self, row: int) -> VisitSummary:
        return self.item_at(row)  # type: ignore[no-any-return]

    def cells(self, item: Any) -> tuple[str, ...]:
        v: VisitSummary = item
        return (
            format_uk_datetime(v.starts_at),
            self.tr(v.kind.label),
            v.people,
            "" if v.supervision is Supervision.NONE else self.tr(v.supervision.label),
            mood_change(v),
            first_line(v.observations),
            str(v.concerns) if v.concerns else "",
            str(v.open_follow_ups) if v.open_follow_ups else "",
        )

    def role_data(self, item: Any, column: int, role: int) -> Any:
        v: VisitSummary = item
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.NOTES_COLUMN:
                return v.observations or None
            if column == self.PEOPLE_COLUMN and v.restriction_acknowledged:
                return self.tr("{people} — went ahead under a restriction on contact").format(people=v.people)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class UpcomingBookingsModel(ReadModelTable):
    """The resident's bookings coming up: when, kind, who, status (the booking's id under
    Qt.UserRole)."""

    HEADERS = (
        QT_TRANSLATE_NOOP("UpcomingBookingsModel", "When"),
        QT_TRANSLATE_NOOP("UpcomingBookingsModel", "Kind"),
        QT_TRANSLATE_NOOP("UpcomingBookingsModel", "Who"),
        QT_TRANSLATE_NOOP("UpcomingBookingsModel", "Status"),
    )

    def booking_at(self, row: int) -> PlannedVisitView:
        return self.item_at(row)  # type: ignore[no-any-return]

    def cells(self, item: Any) -> tuple[str, ...]:
        b: PlannedVisitView = item
        status = self.tr(b.status.label)
        if b.restricted:
            status = self.tr("{status} (restriction acknowledged)").format(status=status)
        return (format_uk_datetime(b.details.starts_at), self.tr(b.details.kind.label), b.visitors, status)

    def role_data(self, item: Any, column: int, role: int) -> Any:
        b: PlannedVisitView = item
        if role == Qt.ItemDataRole.ToolTipRole and column == 3 and b.status_reason:
            return b.status_reason
        return None
