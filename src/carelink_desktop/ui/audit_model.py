"""Qt table model over audit log entries (AuditEntryView), in plain English."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from carelink_desktop.domain.dates import format_uk_datetime
from carelink_desktop.services.audit_export import describe_action, describe_details
from carelink_desktop.services.readmodels import AuditEntryView

Index = QModelIndex | QPersistentModelIndex


class AuditModel(QAbstractTableModel):
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
        self._rows: list[AuditEntryView] = []
        self._names: dict[str, str] = {}
        self._staff: dict[str, str] = {}

    def set_rows(
        self,
        rows: list[AuditEntryView],
        resident_names: dict[str, str] | None = None,
        staff_names: dict[str, str] | None = None,
    ) -> None:
        """Show ``rows``; ``resident_names`` maps resident ids, ``staff_names`` usernames, to the
        names shown (anything not in them is shown as stored)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._names = dict(resident_names or {})
        self._staff = dict(staff_names or {})
        self.endResetModel()

    def entry_at(self, row: int) -> AuditEntryView:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.HEADERS):
            return QCoreApplication.translate("AuditModel", str(self.HEADERS[section]))
        return None

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

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        e = self._rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return e.seq
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(e, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return e.actor_name
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 5:
            return self._text(e, 5) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
