"""Resources, services and facilities chosen with the carer from the home's resources directory
(partnership with carers P8–P9): the rows of the plan, and the dialog that finds an entry."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.carer_plans import ChosenResource
from carelink_desktop.services.resources_directory import ResourceView, resources
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.carer_plan_rows import RowsEditor, line_edit
from carelink_desktop.ui.widgets import search_field


def resource_label(view: ResourceView) -> str:
    d = view.details
    return f"{d.name} ({d.kind.label})" + (" (archived)" if view.archived else "")


class ResourceChooser(QDialog):
    """Find an entry in the home's resources directory (archived entries are not offered)."""

    def __init__(self, ws: Workspace, taken: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.taken = taken
        self.setWindowTitle(self.tr("Choose from the resources directory"))
        self.search = search_field(
            self.tr("Name, kind, area or what it offers"), self.tr("Find in the directory")
        )
        search_label = QLabel(self.tr("&Find in the directory:"))
        search_label.setBuddy(self.search)
        self.choices = QListWidget()
        self.choices.setAccessibleName(self.tr("Resources in the directory"))
        self.choices.setMinimumHeight(self.fontMetrics().lineSpacing() * 10)
        choices_label = QLabel(self.tr("&Resources, services and facilities:"))
        choices_label.setBuddy(self.choices)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("C&hoose"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(search_label)
        layout.addWidget(self.search)
        layout.addWidget(choices_label)
        layout.addWidget(self.choices, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.choices.currentRowChanged.connect(lambda _r: self._update())
        self.choices.itemActivated.connect(lambda _item: self.accept())
        self.refresh()
        self.search.setFocus()

    def refresh(self) -> None:
        self.choices.clear()
        for view in resources(self.ws, self.search.text().strip()):
            item = QListWidgetItem(resource_label(view))
            item.setData(Qt.ItemDataRole.UserRole, view.id)
            if view.details.description:
                item.setToolTip(view.details.description)
            if view.id in self.taken:
                item.setText(self.tr("{name} — already chosen").format(name=item.text()))
                item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.choices.addItem(item)
        if self.choices.count() == 0:
            self.note.setText(
                self.tr("Nothing in the directory matches.")
                if self.search.text().strip()
                else self.tr("The directory is empty: add entries in the Resources directory area first.")
            )
        else:
            self.note.setText("")
            first = next(
                (
                    i
                    for i in range(self.choices.count())
                    if self.choices.item(i).flags() & Qt.ItemFlag.ItemIsEnabled
                ),
                -1,
            )
            self.choices.setCurrentRow(first)
        self.note.setVisible(bool(self.note.text()))
        self._update()

    def chosen_id(self) -> str | None:
        item = self.choices.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        value = item.data(Qt.ItemDataRole.UserRole)
        return str(value) if value else None

    def _update(self) -> None:
        self.ok_button.setEnabled(self.chosen_id() is not None)

    def accept(self) -> None:
        if self.chosen_id() is not None:
            super().accept()


class ResourcesEditor(RowsEditor):
    """Resources, services and facilities chosen with the carer from the directory, and why (P8–P9)."""

    STRETCH = (0, 1)

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(
            [self.tr("Resource"), self.tr("Why it was chosen")],
            self.tr("Resource"),
            self.tr("Add from the directory…"),
            self.tr("None chosen yet."),
            parent,
        )
        self.ws = ws
        self.names: dict[str, str] = {}
        self.chooser: ResourceChooser | None = None
        self.add_button.setToolTip(self.tr("Choose a service, support group or facility from the directory"))
        self.load_names()

    def load_names(self) -> None:
        self.names = {v.id: resource_label(v) for v in resources(self.ws, include_archived=True)}

    def add_clicked(self) -> None:
        """Open the directory (window-modal); the chosen entry becomes a new row."""
        chooser = ResourceChooser(self.ws, {r.resource_id for r in self.values()}, self)
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.accepted.connect(lambda: self._chosen(chooser.chosen_id()))
        self.chooser = chooser
        chooser.open()

    def _chosen(self, resource_id: str | None) -> None:
        if resource_id is None:
            return
        self.load_names()
        row = self.add_row(ChosenResource(resource_id))
        row[1].setFocus()  # the name is filled in: say why

    def make_row(self, value: ChosenResource | None) -> list[QWidget]:
        assert value is not None
        name = QLineEdit(self.names.get(value.resource_id, self.tr("An entry no longer in the directory")))
        name.setProperty("resource_id", value.resource_id)
        name.setProperty("always_read_only", True)
        name.setReadOnly(True)
        name.setFrame(False)  # plainly not for typing in: the entry is chosen from the directory
        name.setStyleSheet("background: transparent;")
        name.setCursorPosition(0)
        why = line_edit(self.tr("e.g. she asked for a group near home, on weekday mornings"))
        why.setText(value.why)
        return [name, why]

    def row_value(self, widgets: list[QWidget]) -> ChosenResource:
        name, why = widgets
        assert isinstance(why, QLineEdit)
        return ChosenResource(str(name.property("resource_id")), why.text())
