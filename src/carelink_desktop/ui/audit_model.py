"""Qt table model over audit log entries (AuditEntryView), in plain English."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    Qt,
)

from carelink_desktop.domain.dates import format_uk_datetime
from carelink_desktop.services.audit_export import describe_action, describe_details
from carelink_desktop.services.readmodels import AuditEntryView
from carelink_desktop.ui.table_model import ReadModelTable


class AuditModel(ReadModelTable):
    """Entry number, when, who, what, which resident, details; the entry's number under UserRole."""

    HEADERS = (
        QT_TRANSLATE_NOOP("AuditModel", "Entry"),
        QT_TRANSLATE_NOOP("AuditModel", "When"),
        QT_TRANSLATE_NOOP("AuditModel", "Who"),
        QT_TRANSLATE_NOOP("AuditModel", "Action"),
        QT_TRANSLATE_NOOP("AuditModel", "Resident"),
        QT_TRANSLATE_NOOP("AuditModel", "Details"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._names: dict[str, str] = {}
        self._staff: dict[str, str] = {}

    def set_rows(
        self,
        rows: Sequence[Any],
        resident_names: dict[str, str] | None = None,
        staff_names: dict[str, str] | None = None,
    ) -> None:
        """Show ``rows``; ``resident_names`` maps resident ids, ``staff_names`` usernames, to the
        names shown (anything not in them is shown as stored)."""
        self._names = dict(resident_names or {})
        self._staff = dict(staff_names or {})
        super().set_rows(rows)

    def entry_at(self, row: int) -> AuditEntryView:
        return self.item_at(row)  # type: ignore[no-any-return]

    def item_id(self, item: Any) -> Any:
        return item.seq

    def cells(self, item: Any) -> tuple[str, ...]:
        return tuple(self._text(item, column) for column in range(len(self.HEADERS)))

    def _text(self, e: AuditEntryView, column: int) -> str:
        if column == 0:
            return str(e.seq)
        if column == 1:
            return format_uk_datetime(e.at)
        if column == 2:
            return self._staff.get(e.actor_name, e.actor_name)
        if column == 3:
            return describe_action(e.action)
        if column == 4:
            return self._names.get(e.resident_id, e.resident_id) if e.resident_id else ""
        return describe_details(e.details)

    def role_data(self, item: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return item.actor_name
        if role == Qt.ItemDataRole.ToolTipRole and column == 5:
            return self._text(item, 5) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
