"""The one shape every list in CareLink has: a read-only Qt table over read-model dataclasses.

A subclass names its columns (``HEADERS``, marked for translation with QT_TRANSLATE_NOOP under the
class's name) and says what each cell shows (``cells``); the base does the Qt bookkeeping. The
record's id is under Qt.UserRole; ``role_data`` adds tooltips, colours or alignment where wanted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)


class ReadModelTable(QAbstractTableModel):
    """Rows of read models (each with an ``id``), one column per entry of ``HEADERS``."""

    HEADERS: ClassVar[tuple[object, ...]] = ()  # QT_TRANSLATE_NOOP strings

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    # -- what subclasses say ----------------------------------------------------------------

    def cells(self, item: Any) -> Sequence[str]:
        """The text of each column for one row."""
        raise NotImplementedError

    def role_data(self, item: Any, column: int, role: int) -> Any:
        """Anything beyond text and id (tooltips, colours, alignment); None by default."""
        return None

    def item_id(self, item: Any) -> Any:
        return item.id

    # -- rows -------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def item_at(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, item_id: Any) -> int:
        """The row showing the record with this id, or -1."""
        return next((i for i, item in enumerate(self._rows) if self.item_id(item) == item_id), -1)

    # -- Qt ---------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.HEADERS):
            return QCoreApplication.translate(type(self).__name__, str(self.HEADERS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        item = self._rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return self.item_id(item)
        if role in TEXT_ROLES:
            return self.cells(item)[index.column()]
        return self.role_data(item, index.column(), role)
