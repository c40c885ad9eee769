"""Qt table model over the residents read model (ResidentSummary)."""

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

from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.services.readmodels import ResidentSummary

Index = QModelIndex | QPersistentModelIndex


class ResidentsModel(QAbstractTableModel):
    """Name, room, date of birth, admitted, status; the row's id under Qt.UserRole."""

    HEADERS = (
        QT_TRANSLATE_NOOP("ResidentsModel", "Name"),
        QT_TRANSLATE_NOOP("ResidentsModel", "Room"),
        QT_TRANSLATE_NOOP("ResidentsModel", "Date of birth"),
        QT_TRANSLATE_NOOP("ResidentsModel", "Admitted"),
        QT_TRANSLATE_NOOP("ResidentsModel", "Status"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ResidentSummary] = []

    def set_rows(self, rows: list[ResidentSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def resident_at(self, row: int) -> ResidentSummary:
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
            return QCoreApplication.translate("ResidentsModel", str(self.HEADERS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                r.display_name,
                r.room,
                format_uk_date(r.date_of_birth),
                format_uk_date(r.admission_date),
                self.tr("Archived")
                if r.archived
                else self.tr("Current")
                if r.is_current
                else self.tr("Discharged {date}").format(date=format_uk_date(r.discharge_date)),
            )[index.column()]
        return None
