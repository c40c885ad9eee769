"""The Residents area: find a resident as you type, open their record, add a new one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.residents import ResidentFilter, count_residents, find_residents
from carelink_desktop.ui.pages import Page, ShellContext
from carelink_desktop.ui.resident_record import ResidentRecordView
from carelink_desktop.ui.residents_model import ResidentsModel
from carelink_desktop.ui.widgets import record_table, refresh_after_typing, search_field

SEARCH_DELAY_MS = 120


class ResidentsPage(Page):
    """A searchable list of residents; Enter or double-click opens the record."""

    area = "residents"
    watches = ("resident", "consent_record", "relationship")

    def __init__(self, ctx: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.stack = QStackedWidget()
        self.list_view = QWidget()
        self.record = ResidentRecordView(ctx)
        self.record.closed.connect(self.show_list)
        self.record.saved.connect(lambda _id: self.refresh())
        self.stack.addWidget(self.list_view)
        self.stack.addWidget(self.record)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self.search = search_field(
            self.tr("Name, preferred name, room or NHS number"), self.tr("Find a resident")
        )
        search_label = QLabel(self.tr("&Find a resident:"))
        search_label.setBuddy(self.search)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(self.tr("Which residents"))
        for label, value in (
            (self.tr("Current residents"), ResidentFilter.CURRENT),
            (self.tr("Discharged"), ResidentFilter.DISCHARGED),
            (self.tr("Current and discharged"), ResidentFilter.ALL),
            (self.tr("Archived records"), ResidentFilter.ARCHIVED),
        ):
            self.status_filter.addItem(label, value.value)
        self.add_button = QPushButton(self.tr("&New resident…"))
        self.add_button.setShortcut(QKeySequence.StandardKey.New)
        self.add_button.setToolTip(self.tr("Add a resident (Ctrl+N)"))
        self.add_button.setVisible(ctx.ws.may(Permission.EDIT_RESIDENTS))
        self.add_button.clicked.connect(lambda: self.open_record(None))

        self.model = ResidentsModel(self)
        self.table = record_table(self.model, self.tr("Residents"), fit_to_contents=False)
        self.table.setWordWrap(True)  # as this list always has: a name too long for its column wraps
        header = self.table.horizontalHeader()
        # Widths from the font, set once: measuring every row on each keystroke costs more
        # than the search itself. They follow the system font size.
        metrics = self.table.fontMetrics()
        samples = (
            "Garden 12",
            "00/00/0000",
            "00/00/0000",
            self.tr("Discharged {date}").format(date="00/00/0000"),
        )
        for col, sample in enumerate(samples, start=1):
            title = str(self.model.headerData(col, Qt.Orientation.Horizontal))
            width = (
                max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title))
                + 2 * metrics.averageCharWidth()
            )
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        self.table.activated.connect(self._open_index)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Number of residents found"))

        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.status_filter)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self.list_view)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        hint = QLabel(self.tr("Press Enter or double-click to open a resident's record."))
        hint.setEnabled(False)
        layout.addWidget(hint)
        self.setTabOrder(self.search, self.status_filter)
        self.setTabOrder(self.status_filter, self.add_button)
        self.setTabOrder(self.add_button, self.table)

        self._debounce = refresh_after_typing(self.search, self.refresh, self, SEARCH_DELAY_MS)
        self.search.returnPressed.connect(self._open_first)
        self.status_filter.currentIndexChanged.connect(self.refresh)
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.search).activated.connect(self.table.setFocus)
        self.refresh()

    def title(self) -> str:
        return self.tr("Residents")

    # -- list -------------------------------------------------------------------------------

    def refresh(self) -> None:
        if not self.home_is_open():
            return
        query, status = self.search.text(), ResidentFilter(self.status_filter.currentData())
        total = count_residents(self.ctx.ws, query, status=status)

        def load(offset: int, limit: int) -> list[Any]:
            return find_residents(self.ctx.ws, query, status=status, limit=limit, offset=offset)

        self.model.set_source(total, load)
        self.count_label.setText(
            self.tr("1 resident") if total == 1 else self.tr("{n} residents").format(n=total)
        )
        if total:
            self.table.selectRow(0)

    def _open_index(self, index: QModelIndex) -> None:
        self.open_record(self.model.resident_at(index.row()).id)

    def _open_first(self) -> None:
        if self.model.rowCount():
            row = max(self.table.currentIndex().row(), 0)
            self.open_record(self.model.resident_at(row).id)

    # -- record -----------------------------------------------------------------------------

    def open_record(self, resident_id: str | None) -> None:
        """Show a resident's record (None: a new resident's form)."""
        if self.stack.currentWidget() is self.record and not self.ask_to_leave():
            return
        self.record.load(resident_id)
        self.stack.setCurrentWidget(self.record)

    def focus_search(self) -> bool:
        """Ctrl+F from a record goes back to the list, unless the record has unsaved edits."""
        if self.stack.currentWidget() is self.record:
            if self.record.has_unsaved_changes():
                return True
            self.show_list()
        return super().focus_search()

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list_view)
        self.search.setFocus()
        self.search.selectAll()

    def ask_to_leave(self) -> bool:
        """Ask before discarding an edited form; True when it is fine to move on."""
        from carelink_desktop.ui.unsaved import confirm_discard

        if not self.record.has_unsaved_changes():
            return True
        if confirm_discard(self):
            self.record.discard_changes()
            return True
        return False

    # -- unsaved work -----------------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        return self.stack.currentWidget() is self.record and self.record.has_unsaved_changes()

    def draft(self) -> dict[str, Any] | None:
        if not self.has_unsaved_changes():
            return None
        return {"record": self.record.draft()}

    def restore_draft(self, draft: dict[str, Any]) -> None:
        record = draft.get("record")
        if isinstance(record, dict):
            self.record.restore_draft(record)
            self.stack.setCurrentWidget(self.record)

    def discard_changes(self) -> None:
        self.record.discard_changes()
