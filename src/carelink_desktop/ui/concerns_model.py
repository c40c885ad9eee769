"""The Qt table of the home's concerns (services.concerns.concerns_list): one row per concern;
for managers (``ManagerConcernsModel``) with who is handling each."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QFont

from carelink_desktop.domain.concerns import ConcernStatus, Severity
from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.services.concerns import ConcernSummary
from carelink_desktop.ui.table_model import ReadModelTable
from carelink_desktop.ui.widgets import PROBLEM_COLOUR


def one_line(text: str) -> str:
    return " ".join(text.split())


class ConcernsModel(ReadModelTable):
    """Raised, resident, kind, severity, status, age, person, reported to, raised by; the
    concern's id under Qt.UserRole and its description as every cell's tooltip.

    A high or urgent concern that is not closed says so in words and in bold dark red."""

    HEADERS: ClassVar[tuple[object, ...]] = (
        QT_TRANSLATE_NOOP("ConcernsModel", "Raised"),
        QT_TRANSLATE_NOOP("ConcernsModel", "Resident"),
        QT_TRANSLATE_NOOP("ConcernsModel", "Kind"),
        QT_TRANSLATE_NOOP("ConcernsModel", "Severity"),
        QT_TRANSLATE_NOOP("ConcernsModel", "Status"),
        QT_TRANSLATE_NOOP("ConcernsModel", "Age (days)"),
        QT_TRANSLATE_NOOP("ConcernsModel", "Person"),
        QT_TRANSLATE_NOOP("ConcernsModel", "Reported to"),
        QT_TRANSLATE_NOOP("ConcernsModel", "Raised by"),
    )
    SEVERITY_COLUMN = 3
    AGE_COLUMN = 5

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = date.today()

    def set_concerns(self, rows: list[ConcernSummary], today: date) -> None:
        self.today = today
        self.set_rows(rows)

    def concern_at(self, row: int) -> ConcernSummary:
        return self.item_at(row)  # type: ignore[no-any-return]

    def cells(self, item: Any) -> tuple[str, ...]:
        c: ConcernSummary = item
        closed = c.status is ConcernStatus.CLOSED
        return (
            format_uk_date(c.raised_on),
            c.resident_name,
            self.tr(c.kind.label),
            self.tr(c.severity.label),
            self.tr(c.status.label),
            "" if closed else str(c.age_days(self.today)),
            c.person,
            one_line(c.reported_to),
            c.raised_by,
        )

    def role_data(self, item: Any, column: int, role: int) -> Any:
        c: ConcernSummary = item
        if role == Qt.ItemDataRole.ToolTipRole:
            return c.description or None
        serious = c.severity.rank >= Severity.HIGH.rank and c.status is not ConcernStatus.CLOSED
        if column == self.SEVERITY_COLUMN and serious:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(PROBLEM_COLOUR)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        if column == self.AGE_COLUMN and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ManagerConcernsModel(ConcernsModel):
    """The concerns with one more column for managers: who is handling each (the manager's side)."""

    # Marked again under this class's name: headers are translated in the model's own context.
    HEADERS: ClassVar[tuple[object, ...]] = (
        QT_TRANSLATE_NOOP("ManagerConcernsModel", "Raised"),
        QT_TRANSLATE_NOOP("ManagerConcernsModel", "Resident"),
        QT_TRANSLATE_NOOP("ManagerConcernsModel", "Kind"),
        QT_TRANSLATE_NOOP("ManagerConcernsModel", "Severity"),
        QT_TRANSLATE_NOOP("ManagerConcernsModel", "Status"),
        QT_TRANSLATE_NOOP("ManagerConcernsModel", "Age (days)"),
        QT_TRANSLATE_NOOP("ManagerConcernsModel", "Person"),
        QT_TRANSLATE_NOOP("ManagerConcernsModel", "Reported to"),
        QT_TRANSLATE_NOOP("ManagerConcernsModel", "Raised by"),
        QT_TRANSLATE_NOOP("ManagerConcernsModel", "Handled by"),
    )
    HANDLER_COLUMN = 9

    def cells(self, item: Any) -> tuple[str, ...]:
        c: ConcernSummary = item
        return (*super().cells(item), one_line(c.handler))
