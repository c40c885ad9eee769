"""Qt table model over a resident's consent records (ConsentView), newest decision first."""

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

from carelink_desktop.domain.consent import ConsentTopic, DecidedBy
from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.services.readmodels import ConsentView

Index = QModelIndex | QPersistentModelIndex
#: How much of "what it is about" an "Other" topic shows in the list (the tooltip has it all).
SUMMARY_CHARS = 60


def topic_text(view: ConsentView) -> str:
    d = view.details
    if d.topic is ConsentTopic.OTHER and d.details:
        text = " ".join(d.details.split())
        if len(text) <= SUMMARY_CHARS:
            return text
        cut = text[:SUMMARY_CHARS]
        cut = cut.rsplit(" ", 1)[0] if " " in cut else cut[:-1]
        return cut.rstrip(" ,;:.") + "…"
    return d.topic.label


def decided_by_text(view: ConsentView) -> str:
    d = view.details
    if d.decided_by is not DecidedBy.RESIDENT and d.decided_by_name:
        return f"{d.decided_by.label}: {d.decided_by_name}"
    return d.decided_by.label


class ConsentModel(QAbstractTableModel):
    """Topic, decision, decided by, date, review date, recorded by; the record's id under UserRole."""

    HEADERS = (
        QT_TRANSLATE_NOOP("ConsentModel", "About"),
        QT_TRANSLATE_NOOP("ConsentModel", "Decision"),
        QT_TRANSLATE_NOOP("ConsentModel", "Decided by"),
        QT_TRANSLATE_NOOP("ConsentModel", "Date of decision"),
        QT_TRANSLATE_NOOP("ConsentModel", "Review by"),
        QT_TRANSLATE_NOOP("ConsentModel", "Recorded by"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ConsentView] = []

    def set_rows(self, rows: list[ConsentView]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def consent_at(self, row: int) -> ConsentView:
        return self._rows[row]

    def row_of(self, consent_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == consent_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.HEADERS):
            return QCoreApplication.translate("ConsentModel", str(self.HEADERS[section]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        view = self._rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return view.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(view, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return view.details.details or view.details.topic.label
        return None

    def _text(self, view: ConsentView, column: int) -> str:
        d = view.details
        return (
            topic_text(view),
            d.decision.label,
            decided_by_text(view),
            format_uk_date(d.decision_date),
            format_uk_date(d.review_date),
            view.recorded_by,
        )[column]
