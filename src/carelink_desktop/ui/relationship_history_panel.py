"""The history of one relationship, newest first: when, who, what changed and why; choosing an
entry shows each field it changed (before → after)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.dates import format_uk_datetime
from carelink_desktop.services.relationship_history import ChangeView, history_of
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.table_model import ReadModelTable
from carelink_desktop.ui.widgets import record_table


def what_text(change: ChangeView) -> str:
    """ "Changed: How it is going: Positive → Strained" (the label alone when it says it all)."""
    if not change.summary or change.summary == change.change_label:
        return change.change_label
    return f"{change.change_label}: {change.summary}"


class HistoryModel(ReadModelTable):
    """When (dd/mm/yyyy HH:MM), who, what, reason; the entry's id under Qt.UserRole."""

    HEADERS = (
        QT_TRANSLATE_NOOP("HistoryModel", "When"),
        QT_TRANSLATE_NOOP("HistoryModel", "Who"),
        QT_TRANSLATE_NOOP("HistoryModel", "What"),
        QT_TRANSLATE_NOOP("HistoryModel", "Reason"),
    )

    def change_at(self, row: int) -> ChangeView:
        return self.item_at(row)  # type: ignore[no-any-return]

    def cells(self, item: Any) -> tuple[str, ...]:
        change: ChangeView = item
        return (format_uk_datetime(change.at), change.changed_by, what_text(change), change.reason)

    def role_data(self, item: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column in (2, 3):
            return self.cells(item)[column] or None
        return None


class HistoryPanel(QWidget):
    """The "History" page of the relationship dialog (read-only)."""

    def __init__(self, ws: Workspace, relationship_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.relationship_id = relationship_id
        self.model = HistoryModel(self)
        self.table = record_table(self.model, self.tr("Changes, newest first"), stretch=(2,))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)  # the reason: any width
        header.resizeSection(3, self.fontMetrics().averageCharWidth() * 28)
        table_label = QLabel(self.tr("Changes, newest &first:"))
        table_label.setBuddy(self.table)
        self.fields = QPlainTextEdit()
        self.fields.setReadOnly(True)
        self.fields.setTabChangesFocus(True)
        self.fields.setAccessibleName(self.tr("Fields changed"))
        self.fields.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        fields_label = QLabel(self.tr("Fiel&ds changed by the chosen entry:"))
        fields_label.setBuddy(self.fields)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(table_label)
        top_layout.addWidget(self.table)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(fields_label)
        bottom_layout.addWidget(self.fields)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        QWidget.setTabOrder(self.table, self.fields)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.refresh()

    def refresh(self) -> None:
        if self.ws.store.closed:
            return
        self.model.set_rows(history_of(self.ws, self.relationship_id))
        if self.model.rowCount():
            self.table.selectRow(0)
        self._show(0 if self.model.rowCount() else -1)

    def _current_changed(
        self, current: QModelIndex | QPersistentModelIndex, _previous: QModelIndex | QPersistentModelIndex
    ) -> None:
        self._show(current.row() if current.isValid() else -1)

    def _show(self, row: int) -> None:
        if row < 0:
            self.fields.setPlainText(self.tr("No changes recorded yet."))
            return
        change = self.model.change_at(row)
        blank = self.tr("(blank)")
        lines = [f"{c.label}: {c.before or blank} → {c.after or blank}" for c in change.fields]
        if change.reason:
            lines += ["", self.tr("Reason: {reason}").format(reason=change.reason)]
        self.fields.setPlainText("\n".join(lines) or what_text(change))

    def field_lines(self) -> list[str]:
        """The lines shown for the chosen entry (for tests and screen readers)."""
        return self.fields.toPlainText().splitlines()
