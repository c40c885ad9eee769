"""The Qt table of improvement actions (services.improvement_actions): one row per action."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QFont

from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.services.improvement_actions import ActionView
from carelink_desktop.ui.table_model import ReadModelTable
from carelink_desktop.ui.widgets import PROBLEM_COLOUR


def one_line(text: str) -> str:
    return " ".join(text.split())


class ActionsModel(ReadModelTable):
    """Due, action, why, from (source), owner, status, agreed on, finished on; the action's id
    under Qt.UserRole. An open action past its due date says "overdue" in words and in bold dark
    red; the action, why and result are every cell's tooltip."""

    HEADERS = (
        QT_TRANSLATE_NOOP("ActionsModel", "Due"),
        QT_TRANSLATE_NOOP("ActionsModel", "Action"),
        QT_TRANSLATE_NOOP("ActionsModel", "Why"),
        QT_TRANSLATE_NOOP("ActionsModel", "From"),
        QT_TRANSLATE_NOOP("ActionsModel", "Owner"),
        QT_TRANSLATE_NOOP("ActionsModel", "Status"),
        QT_TRANSLATE_NOOP("ActionsModel", "Agreed on"),
        QT_TRANSLATE_NOOP("ActionsModel", "Finished on"),
    )
    DUE_COLUMN = 0

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = date.today()

    def set_actions(self, rows: list[ActionView], today: date) -> None:
        self.today = today
        self.set_rows(rows)

    def action_at(self, row: int) -> ActionView:
        return self.item_at(row)  # type: ignore[no-any-return]

    def cells(self, item: Any) -> tuple[str, ...]:
        a: ActionView = item
        d = a.details
        due = format_uk_date(d.due_on) if d.due_on else ""
        if a.overdue(self.today):
            due = self.tr("{date} (overdue)").format(date=due)
        return (
            due,
            one_line(d.action),
            one_line(d.reason),
            self.tr(d.source.label),
            d.owner,
            self.tr(d.status.label),
            format_uk_date(d.raised_on) if d.raised_on else "",
            format_uk_date(d.completed_on) if d.completed_on else "",
        )

    def role_data(self, item: Any, column: int, role: int) -> Any:
        a: ActionView = item
        d = a.details
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [d.action, self.tr("Why: {reason}").format(reason=d.reason)]
            if d.result:
                parts.append(self.tr("Result: {result}").format(result=d.result))
            return "\n\n".join(parts)
        if column == self.DUE_COLUMN and a.overdue(self.today):
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(PROBLEM_COLOUR)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return None
