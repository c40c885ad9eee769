"""Qt table model over the residents read model, loading page by page as the view scrolls.

Each search asks the service for a count and the first page only, so a keystroke stays fast
with 5,000 residents; further pages load when the view needs them (canFetchMore/fetchMore).
"""

from __future__ import annotations

from collections.abc import Callable
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
#: (offset, limit) -> the residents on that page
PageLoader = Callable[[int, int], list[ResidentSummary]]
PAGE_SIZE = 100


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
        self._total = 0
        self._loader: PageLoader | None = None

    def set_rows(self, rows: list[ResidentSummary]) -> None:
        """Show exactly these rows (no further loading)."""
        self.beginResetModel()
        self._rows, self._total, self._loader = list(rows), len(rows), None
        self.endResetModel()

    def set_source(self, total: int, loader: PageLoader) -> None:
        """Show ``total`` residents, loading the first page now and the rest on demand."""
        self.beginResetModel()
        self._loader, self._total = loader, total
        self._rows = loader(0, PAGE_SIZE) if total else []
        self.endResetModel()

    def total(self) -> int:
        return self._total

    def resident_at(self, row: int) -> ResidentSummary:
        return self._rows[row]

    def row_of(self, resident_id: str) -> int:
        """The row showing ``resident_id`` among those loaded, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == resident_id), -1)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._loader is not None and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._loader is None:
            return
        more = self._loader(len(self._rows), PAGE_SIZE)
        if not more:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

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
                self._status(r),
            )[index.column()]
        return None

    def _status(self, r: ResidentSummary) -> str:
        if r.archived:
            return self.tr("Archived")
        if r.is_current:
            return self.tr("Current")
        return self.tr("Discharged {date}").format(date=format_uk_date(r.discharge_date))
