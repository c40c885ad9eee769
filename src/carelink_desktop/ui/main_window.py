"""The main window: find a resident, see who is logged in, lock the PC."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.services.residents import ResidentFilter, find_residents
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.events import ChangeSignals
from carelink_desktop.ui.residents_model import ResidentsModel


class MainWindow(QMainWindow):
    """The residents list of one home, for the person logged in."""

    lock_requested = Signal()

    def __init__(self, ws: Workspace, home_name: str) -> None:
        super().__init__()
        self.ws = ws
        self.setWindowTitle(self.tr("CareLink Desktop — {home}").format(home=home_name))
        self.resize(960, 640)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Name, preferred name, room or NHS number"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Find a resident"))
        search_label = QLabel(self.tr("&Find a resident:"))
        search_label.setBuddy(self.search)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(self.tr("Which residents"))
        for label, value in (
            (self.tr("Current residents"), ResidentFilter.CURRENT),
            (self.tr("Discharged"), ResidentFilter.DISCHARGED),
            (self.tr("Everyone"), ResidentFilter.ALL),
            (self.tr("Archived"), ResidentFilter.ARCHIVED),
        ):
            self.status_filter.addItem(label, value)

        self.model = ResidentsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Residents"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, self.model.columnCount()):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.count_label = QLabel()

        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.status_filter)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.setCentralWidget(central)

        who = QLabel(
            self.tr("Logged in: {name} ({role})").format(name=ws.actor.full_name, role=ws.actor.role.label)
        )
        self.lock_button = QPushButton(self.tr("&Lock"))
        self.lock_button.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_button.setToolTip(self.tr("Lock CareLink so the next person must log in (Ctrl+L)"))
        self.lock_button.clicked.connect(self.lock_requested.emit)
        self.statusBar().addWidget(who, 1)
        self.statusBar().addPermanentWidget(QLabel(home_name))
        self.statusBar().addPermanentWidget(self.lock_button)

        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.status_filter.currentIndexChanged.connect(self.refresh)
        self.signals = ChangeSignals(ws.events, self)
        self.signals.changed.connect(lambda kind: self.refresh() if kind == "resident" else None)
        self.refresh()
        self.search.setFocus()

    def refresh(self) -> None:
        rows = find_residents(self.ws, self.search.text(), status=self.status_filter.currentData())
        self.model.set_rows(rows)
        self.count_label.setText(
            self.tr("1 resident") if len(rows) == 1 else self.tr("{n} residents").format(n=len(rows))
        )

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.signals.detach()
        super().closeEvent(event)
