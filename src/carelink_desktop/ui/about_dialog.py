"""Help > About: the version, what the program is made of (with licences) and where it keeps the
care data, with a button that copies all of it for a support call."""

from __future__ import annotations

from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop import APP_NAME, __version__, about
from carelink_desktop.ui.app_icon import application_icon
from carelink_desktop.ui.widgets import emphasise

TEXT_SELECTABLE = (
    Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
)


def components() -> list[about.Component]:
    """Qt and PySide6 first (the toolkit on screen), then everything else."""
    return [
        about.Component("Qt", qVersion(), about.QT_LICENCE),
        about.Component("PySide6 (Qt for Python)", PySide6.__version__, about.QT_LICENCE),
        *about.core_components(),
    ]


def _selectable(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(TEXT_SELECTABLE)
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    label.setWordWrap(True)
    label.setAccessibleName(name)
    return label


class AboutDialog(QDialog):
    """About CareLink Desktop. ``home`` is the folder of the home open now (None: the default)."""

    def __init__(self, home: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About {app}").format(app=APP_NAME))
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(720)
        self.components = components()
        self.folders = about.data_folders(home)

        layout = QVBoxLayout(self)
        layout.addLayout(self._heading())
        layout.addWidget(self._folders_box())
        layout.addWidget(self._components_box(), 1)

        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Status"))
        self.copy_button = QPushButton(self.tr("&Copy details"))
        self.copy_button.setAccessibleName(self.tr("Copy details"))
        self.copy_button.setToolTip(self.tr("Copy the version, components and folders, for a support call"))
        self.copy_button.clicked.connect(self.copy_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName(self.tr("Close"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    def _heading(self) -> QHBoxLayout:
        icon = QLabel()
        icon.setPixmap(application_icon().pixmap(64, 64))
        icon.setAccessibleName(self.tr("CareLink icon"))
        self.title = QLabel(APP_NAME)
        emphasise(self.title, 1.5)
        self.version = _selectable(
            self.tr("Version {version}").format(version=__version__), self.tr("Version")
        )
        blurb = QLabel(
            self.tr(
                "Confidential records of the relationships that matter to each resident: "
                "relationship maps, contact visits and carer support plans."
            )
        )
        blurb.setWordWrap(True)
        text = QVBoxLayout()
        text.addWidget(self.title)
        text.addWidget(self.version)
        text.addWidget(blurb)
        row = QHBoxLayout()
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)
        return row

    def _folders_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Where the data lives"))
        form = QFormLayout(box)
        self.folder_labels: list[QLabel] = []
        for folder in self.folders:
            label = _selectable(str(folder.path), folder.label)
            self.folder_labels.append(label)
            form.addRow(folder.label + ":", label)
        note = QLabel(
            self.tr(
                "The care records are only in the home folder and its backups, encrypted; the "
                "other folders hold this PC's settings and login counters. Uninstalling or "
                "upgrading CareLink Desktop leaves all of them as they are. Make backups with "
                "the 'carelink backup' command."
            )
        )
        note.setWordWrap(True)
        form.addRow(note)
        return box

    def _components_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Bundled components and their licences"))
        layout = QVBoxLayout(box)
        table = QTableWidget(len(self.components), 3)
        table.setAccessibleName(self.tr("Bundled components and their licences"))
        table.setHorizontalHeaderLabels([self.tr("Component"), self.tr("Version"), self.tr("Licence")])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setTabKeyNavigation(False)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(True)
        for row, c in enumerate(self.components):
            for col, text in enumerate((c.name, c.version, c.licence)):
                table.setItem(row, col, QTableWidgetItem(text))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        table.setMinimumHeight(table.verticalHeader().defaultSectionSize() * 8)
        self.table = table
        layout.addWidget(table)
        folder = about.licences_folder()
        where = (
            self.tr("The full licence texts are in {folder}.").format(folder=folder)
            if folder
            else self.tr("The full licence texts are installed with the program.")
        )
        notice = _selectable(
            where
            + " "
            + self.tr(
                "Qt and PySide6 are used under the GNU LGPL version 3 as shared libraries in the "
                "installation folder, which may be replaced; their source code is available from "
                "The Qt Company."
            ),
            self.tr("Licence notice"),
        )
        layout.addWidget(notice)
        return box

    def details(self) -> str:
        return about.details_text(self.components, self.folders)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details())
        self.status.setText(self.tr("Copied: paste them into an email or a support form."))
