"""Add or change one entry of the home's resources directory: a service, support group or source
of information to offer key people and carers (MC P5–P10, PC P6–P16)."""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.resources import ResourceDetails, ResourceKind
from carelink_desktop.services.resources_directory import ResourceView, add_resource, update_resource
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.form_dialog import FormDialog
from carelink_desktop.ui.resident_profile_form import multi_line

#: Every field, in the order the eye (and the Tab key) meets them.
FIELD_ORDER = ("name", "kind", "description", "area", "phone", "email", "website", "address")


class ResourceDialog(FormDialog):
    """Saves through services.resources_directory on Save; stays open (saving nothing) while a
    field has a problem. After ``accepted``, ``result_view`` (and ``saved``) hold the entry."""

    def __init__(
        self, ws: Workspace, resource: ResourceView | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.resource = resource
        self.result_view: ResourceView | None = None
        self.setWindowTitle(
            self.tr("Change a directory entry") if resource else self.tr("Add to the resources directory")
        )
        self.name = QLineEdit()
        self.name.setMaxLength(160)
        self.name.setPlaceholderText(self.tr("e.g. Carers' Centre drop-in"))
        self.kind = QComboBox()
        for kind in ResourceKind:
            self.kind.addItem(self.tr(kind.label), kind.value)
        self.description = multi_line(3)
        self.description.setPlaceholderText(self.tr("What it offers, who it is for, when it meets"))
        self.area = QLineEdit()
        self.area.setPlaceholderText(self.tr("e.g. Leeds, North Yorkshire, national"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("e.g. 0113 496 0000"))
        self.phone.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.email = QLineEdit()
        self.email.setPlaceholderText(self.tr("e.g. hello@example.org"))
        self.email.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
        self.website = QLineEdit()
        self.website.setMaxLength(300)
        self.website.setPlaceholderText(self.tr("e.g. www.example.org"))
        self.website.setInputMethodHints(Qt.InputMethodHint.ImhUrlCharactersOnly)
        self.address = multi_line(3)

        labels = {
            "name": self.tr("&Name:"),
            "kind": self.tr("&Kind:"),
            "description": self.tr("&Description:"),
            "area": self.tr("A&rea covered:"),
            "phone": self.tr("&Phone:"),
            "email": self.tr("&Email:"),
            "website": self.tr("&Website:"),
            "address": self.tr("Address or where it &meets:"),
        }
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in FIELD_ORDER:
            widget = self.widget(name)
            widget.setAccessibleName(labels[name].replace("&", "").rstrip(":"))
            buddy = QLabel(labels[name])
            buddy.setBuddy(widget)
            form.addRow(buddy, self.errors.add(name, widget, labels[name]))
        for first, second in itertools.pairwise([self.widget(n) for n in FIELD_ORDER]):
            QWidget.setTabOrder(first, second)

        buttons = self.build_buttons()
        QWidget.setTabOrder(self.address, buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 95)

        self._fill(resource.details if resource else None)
        self.remember_state()
        for name in FIELD_ORDER:
            self.watch(name, self.widget(name))
        self.name.setFocus()

    def widget(self, name: str) -> QWidget:
        widget = getattr(self, name)
        assert isinstance(widget, QWidget)
        return widget

    # -- values ----------------------------------------------------------------------------

    def _fill(self, d: ResourceDetails | None) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData((d.kind if d else ResourceKind.SERVICE).value), 0))
        for name in ("name", "area", "phone", "email", "website"):
            line = self.widget(name)
            assert isinstance(line, QLineEdit)
            line.setText(getattr(d, name) if d else "")
        self.description.setPlainText(d.description if d else "")
        self.address.setPlainText(d.address if d else "")

    def resource_details(self) -> ResourceDetails:
        return ResourceDetails(
            name=self.name.text(),
            kind=ResourceKind(self.kind.currentData()),
            description=self.description.toPlainText(),
            phone=self.phone.text(),
            email=self.email.text(),
            website=self.website.text(),
            address=self.address.toPlainText(),
            area=self.area.text(),
        )

    def state(self) -> Any:
        return self.resource_details()

    def check(self) -> dict[str, str]:
        return self.add_rule_problems({}, lambda: self.resource_details().cleaned().validate())

    # -- saving ----------------------------------------------------------------------------

    def save(self) -> bool:
        """Save and close; on any problem show it at its field and save nothing."""
        self.errors.set_problems(self.check())
        return self.submit(self._write)

    def _write(self) -> ResourceView:
        if self.resource is None:
            return add_resource(self.ws, self.resource_details())
        return update_resource(self.ws, self.resource.id, self.resource_details())
