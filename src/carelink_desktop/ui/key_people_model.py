"""Qt table model over the key people read model (KeyPersonSummary)."""

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
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from carelink_desktop.services.readmodels import KeyPersonSummary

Index = QModelIndex | QPersistentModelIndex


class KeyPeopleModel(QAbstractTableModel):
    """Name, phone, email; the row's id under Qt.UserRole. Archived people say so by their name."""

    HEADERS = (
        QT_TRANSLATE_NOOP("KeyPeopleModel", "Name"),
        QT_TRANSLATE_NOOP("KeyPeopleModel", "Phone"),
        QT_TRANSLATE_NOOP("KeyPeopleModel", "Email"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[KeyPersonSummary] = []

    def set_rows(self, rows: list[KeyPersonSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def person_at(self, row: int) -> KeyPersonSummary:
        return self._rows[row]

    def row_of(self, person_id: str | None) -> int:
        """The row showing ``person_id``, or -1 when it is not in the list."""
        for row, person in enumerate(self._rows):
            if person.id == person_id:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.HEADERS):
            return QCoreApplication.translate("KeyPeopleModel", str(self.HEADERS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        p = self._rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return p.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            name = p.full_name or self.tr("(no name)")
            if p.archived:
                name = self.tr("{name} (archived)").format(name=name)
            return (name, p.phone, p.email)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2 and p.email:
            return p.email
        return None


def key_people_table(model: KeyPeopleModel, name: str) -> QTableView:
    """A read-only, one-row-at-a-time table over ``model``; Tab leaves it (arrows move in it)."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    return table
