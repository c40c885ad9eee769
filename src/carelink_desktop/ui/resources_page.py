"""The Resources directory area: the services, support groups and information the home offers key
people and carers (MC P5–P10, PC P6–P16). Find, add, change, archive and bring back entries."""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.errors import CareLinkError
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.resources_directory import (
    RESOURCE,
    ResourceView,
    archive_resource,
    resources,
)
from carelink_desktop.ui.pages import Page, ShellContext
from carelink_desktop.ui.resource_dialog import ResourceDialog
from carelink_desktop.ui.table_model import ReadModelTable
from carelink_desktop.ui.widgets import FieldMessage, record_table, refresh_after_typing, search_field


class ResourcesModel(ReadModelTable):
    """Name, kind, area, phone, website; the entry's id under Qt.UserRole."""

    HEADERS = (
        QT_TRANSLATE_NOOP("ResourcesModel", "Name"),
        QT_TRANSLATE_NOOP("ResourcesModel", "Kind"),
        QT_TRANSLATE_NOOP("ResourcesModel", "Area"),
        QT_TRANSLATE_NOOP("ResourcesModel", "Phone"),
        QT_TRANSLATE_NOOP("ResourcesModel", "Website"),
    )

    def resource_at(self, row: int) -> ResourceView:
        return self.item_at(row)  # type: ignore[no-any-return]

    def cells(self, item: Any) -> tuple[str, ...]:
        view: ResourceView = item
        d = view.details
        name = self.tr("{name} (archived)").format(name=d.name) if view.archived else d.name
        return (name, self.tr(d.kind.label), d.area, d.phone, d.website)

    def role_data(self, item: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == 0 and item.details.description:
            return item.details.description
        return None


class ResourcesPage(Page):
    """Search and the list of directory entries; the chosen entry's details below the list."""

    area = "resources"
    watches = (RESOURCE,)

    def __init__(self, ctx: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dialog: ResourceDialog | None = None
        self.editable = editable = ctx.ws.may(Permission.EDIT_RELATIONSHIPS)

        heading = QLabel(
            self.tr(
                "Services, support groups and information to offer residents' key people and carers. "
                "Offer them from a relationship on a resident's map."
            )
        )
        heading.setWordWrap(True)
        self.search = search_field(
            self.tr("Name, kind, area or what it offers"), self.tr("Find in the directory")
        )
        search_label = QLabel(self.tr("Fin&d:"))
        search_label.setBuddy(self.search)
        self.show_archived = QCheckBox(self.tr("Show a&rchived"))
        self.show_archived.setToolTip(self.tr("Also list entries no longer offered"))

        self.model = ResourcesModel(self)
        self.table = record_table(self.model, self.tr("Resources directory"))
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setFrameShape(QFrame.Shape.StyledPanel)
        self.details.setMargin(self.fontMetrics().height() // 3)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setAccessibleName(self.tr("The chosen entry"))
        self.count_label = QLabel()
        self.status = FieldMessage()
        self.status.setAccessibleName(self.tr("Message"))
        self.done = QLabel()
        self.done.setAccessibleName(self.tr("Status"))
        self.done.setWordWrap(True)

        self.add_button = QPushButton(self.tr("&Add…"))
        self.add_button.setToolTip(self.tr("Add a service, support group or source of information"))
        self.change_button = QPushButton(self.tr("&Change…"))
        self.change_button.setToolTip(self.tr("Change the chosen entry (or press Enter on it)"))
        self.archive_button = QPushButton(self.tr("Archi&ve"))
        for button in (self.add_button, self.change_button, self.archive_button):
            button.setVisible(editable)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.show_archived)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.details, 1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.change_button, self.archive_button):
            buttons.addWidget(button)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.done, 1)
        buttons.addWidget(self.count_label)
        layout.addLayout(buttons)
        chain = [self.search, self.show_archived, self.table, self.add_button]
        chain += [self.change_button, self.archive_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

        self._debounce = refresh_after_typing(self.search, self.refresh, self)
        self.show_archived.toggled.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(lambda _index: self.change_selected())
        self.add_button.clicked.connect(lambda: self.open_dialog(None))
        self.change_button.clicked.connect(self.change_selected)
        self.archive_button.clicked.connect(self.toggle_archived)
        self.refresh()

    def title(self) -> str:
        return self.tr("Resources directory")

    # -- the list --------------------------------------------------------------------------

    def refresh(self) -> None:
        self._debounce.stop()
        if not self.home_is_open():
            return
        current = self.selected()
        query = self.search.text().strip()
        rows = resources(self.ctx.ws, query, include_archived=self.show_archived.isChecked())
        self.model.set_rows(rows)
        if rows:
            row = self.model.row_of(current.id) if current else -1
            self.table.selectRow(max(row, 0))
        if rows:
            self.empty.clear()
        elif query:
            self.empty.setText(self.tr("Nothing in the directory matches “{q}”.").format(q=query))
        else:
            self.empty.setText(self.tr("The directory is empty. Choose Add… to put the first entry in it."))
        self.empty.setVisible(not rows)
        self.count_label.setText(
            self.tr("1 entry") if len(rows) == 1 else self.tr("{n} entries").format(n=len(rows))
        )
        self._show_selected()

    def selected(self) -> ResourceView | None:
        index = self.table.currentIndex()
        return self.model.resource_at(index.row()) if index.isValid() else None

    def select(self, resource_id: str) -> bool:
        row = self.model.row_of(resource_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        return row >= 0

    def _current_changed(
        self, _current: QModelIndex | QPersistentModelIndex, _previous: QModelIndex | QPersistentModelIndex
    ) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        view = self.selected()
        self.change_button.setEnabled(view is not None)
        self.archive_button.setEnabled(view is not None)
        self.archive_button.setText(
            self.tr("Bring &back") if view is not None and view.archived else self.tr("Archi&ve")
        )
        self.archive_button.setToolTip(
            self.tr("Offer the chosen entry again")
            if view is not None and view.archived
            else self.tr("Stop offering the chosen entry (past offers keep naming it)")
        )
        self.details.setVisible(view is not None)
        if view is None:
            self.details.clear()
            return
        d = view.details
        lines = [f"{d.name} ({self.tr(d.kind.label)})"]
        if view.archived:
            lines.append(self.tr("Archived: no longer offered."))
        if d.description:
            lines.append(d.description)
        for label, value in (
            (self.tr("Area covered"), d.area),
            (self.tr("Phone"), d.phone),
            (self.tr("Email"), d.email),
            (self.tr("Website"), d.website),
            (self.tr("Address"), " ".join(d.address.split())),
        ):
            if value:
                lines.append(f"{label}: {value}")
        self.details.setText("\n".join(lines))

    # -- changes ---------------------------------------------------------------------------

    def open_dialog(self, resource: ResourceView | None) -> ResourceDialog:
        """Open the entry's form (window-modal); the list shows the entry once it is saved."""
        dialog = ResourceDialog(self.ctx.ws, resource, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._saved)
        self.dialog = dialog
        self.status.show_message("")
        dialog.open()
        return dialog

    def _saved(self, view: ResourceView) -> None:
        if view.archived:
            self.show_archived.setChecked(True)
        self.refresh()
        self.select(view.id)
        self.done.setText(self.tr("Saved “{name}”.").format(name=view.details.name))
        self.table.setFocus()

    def change_selected(self) -> ResourceDialog | None:
        view = self.selected()
        if view is None or not self.editable:
            return None
        return self.open_dialog(view)

    def toggle_archived(self) -> None:
        """Archive the chosen entry, or bring an archived one back."""
        view = self.selected()
        if view is None or not self.editable:
            return
        try:
            saved = archive_resource(self.ctx.ws, view.id, not view.archived)
        except CareLinkError as exc:
            self.status.show_message(str(exc))
            return
        self.status.show_message("")
        self.refresh()
        name = saved.details.name
        if saved.archived and not self.show_archived.isChecked():
            self.done.setText(
                self.tr("Archived “{name}”. Tick “Show archived” to see it again.").format(name=name)
            )
        elif saved.archived:
            self.done.setText(self.tr("Archived “{name}”.").format(name=name))
            self.select(saved.id)
        else:
            self.done.setText(self.tr("“{name}” is offered again.").format(name=name))
            self.select(saved.id)
        self.table.setFocus()
