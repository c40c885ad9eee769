"""Qt table model over the residents read model, loading page by page as the view scrolls.

Each search asks the service for a count and the first page only, so a keystroke stays fast
with 5,000 residents; further pages load when the view needs them (canFetchMore/fetchMore).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
)

from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.services.readmodels import ResidentSummary
from carelink_desktop.ui.table_model import Index, ReadModelTable

#: (offset, limit) -> the residents on that page
PageLoader = Callable[[int, int], list[ResidentSummary]]
PAGE_SIZE = 100


class ResidentsModel(ReadModelTable):
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
        self._total = 0
        self._loader: PageLoader | None = None

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show exactly these rows (no further loading)."""
        self._loader, self._total = None, len(rows)
        super().set_rows(rows)

    def set_source(self, total: int, loader: PageLoader) -> None:
        """Show ``total`` residents, loading the first page now and the rest on demand."""
        self._loader, self._total = loader, total
        super().set_rows(loader(0, PAGE_SIZE) if total else [])

    def total(self) -> int:
        return self._total

    def resident_at(self, row: int) -> ResidentSummary:
        return self.item_at(row)  # type: ignore[no-any-return]

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

    def cells(self, item: Any) -> tuple[str, ...]:
        r: ResidentSummary = item
        return (
            r.display_name,
            r.room,
            format_uk_date(r.date_of_birth),
            format_uk_date(r.admission_date),
            self._status(r),
        )

    def _status(self, r: ResidentSummary) -> str:
        if r.archived:
            return self.tr("Archived")
        if r.is_current:
            return self.tr("Current")
        return self.tr("Discharged {date}").format(date=format_uk_date(r.discharge_date))
