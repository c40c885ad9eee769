"""The fields of a resident's profile (every field of ResidentDetails), checked as they are typed."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from carelink_desktop.domain.errors import ValidationError
from carelink_desktop.domain.nhs_number import format_nhs_number, normalise_nhs_number
from carelink_desktop.domain.residents import CommunicationMethod, ResidentDetails
from carelink_desktop.services.readmodels import AccountView
from carelink_desktop.ui.widgets import DateField, FormErrors, emphasise

LINE_FIELDS = (
    "legal_given_names",
    "legal_family_name",
    "preferred_name",
    "room",
    "nhs_number",
    "first_language",
    "interpreter_language",
)
TEXT_FIELDS = (
    "communication_needs",
    "culture_and_background",
    "faith_and_spirituality",
    "advocate_details",
    "notes",
)
#: How wide (in average characters) text fields may grow: wider lines are hard to read.
FIELD_CHARS = 80
DATE_FIELDS = ("date_of_birth", "admission_date", "discharge_date")
CHECK_FIELDS = ("needs_advocate", "needs_interpreter")


def multi_line(lines: int) -> QPlainTextEdit:
    """A plain-text box about ``lines`` lines high where Tab moves on (never types a tab)."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    margins = box.contentsMargins()
    height = box.fontMetrics().lineSpacing() * lines + 2 * box.document().documentMargin()
    box.setFixedHeight(int(height) + margins.top() + margins.bottom() + 4)
    return box


class CheckList(QListWidget):
    """A list of tick boxes, as tall as its items (it sits in a scrolling form: no inner scrolling)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUniformItemSizes(True)
        self.setSpacing(2)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        rows = sum(self.sizeHintForRow(i) for i in range(self.count()))
        gaps = 2 * self.spacing() * self.count()
        return QSize(super().sizeHint().width(), rows + gaps + 2 * self.frameWidth() + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())


class ResidentProfileForm(QWidget):
    """Every field of a resident's profile in one QFormLayout, top to bottom.

    ``state()`` is the form as typed (JSON-able, dates as their text) for drafts and change
    tracking; ``details()`` the ResidentDetails to save. Problems show under the fields through
    ``errors`` (a FormErrors keyed by ResidentDetails' field names, plus ``keyworker_id``).
    """

    edited = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._loading = False
        self.errors = FormErrors(self)
        self.fields: dict[str, QWidget] = {}
        self._staff_names: dict[str, str] = {}
        self.form = QFormLayout(self)
        # Rows never wrap: QFormLayout's height-for-width with wrapped rows comes out short in a
        # scroll area, squashing the tallest fields. Fields are limited in width instead.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)

        self._section(self.tr("Who they are"))
        self._line("legal_given_names", self.tr("Legal &first name(s)"))
        self._line("legal_family_name", self.tr("Legal s&urname"))
        self._line("preferred_name", self.tr("Pr&eferred name"), self.tr("What they like to be called"))
        self._date("date_of_birth", self.tr("Date of &birth"))
        self._line("nhs_number", self.tr("N&HS number"), self.tr("e.g. 943 476 5919"))
        self._section(self.tr("Their stay"))
        self._line("room", self.tr("R&oom"))
        self._date("admission_date", self.tr("&Admission date"))
        self._date("discharge_date", self.tr("&Discharge date"))
        self.keyworker = QComboBox()
        self._add("keyworker_id", self.keyworker, self.tr("Key&worker"))
        self.keyworker.currentIndexChanged.connect(lambda _i: self._changed("keyworker_id"))
        self._section(self.tr("Communication"))
        self._line("first_language", self.tr("First &language"))
        self._text("communication_needs", self.tr("Communication &needs"), 3)
        self.methods = CheckList()
        for method in CommunicationMethod:
            item = QListWidgetItem(method.label)
            item.setData(Qt.ItemDataRole.UserRole, method.value)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.methods.addItem(item)
        self.methods.setToolTip(self.tr("Use the arrow keys to move and Space to tick or untick"))
        self._add("communication_methods", self.methods, self.tr("Communication &methods"))
        self.methods.itemChanged.connect(lambda _item: self._changed("communication_methods"))
        self._check("needs_interpreter", self.tr("Needs an in&terpreter"))
        self._line("interpreter_language", self.tr("Interpreter's lan&guage"))
        self._section(self.tr("What matters to them"))
        self._text("culture_and_background", self.tr("Culture and bac&kground"), 3)
        self._text("faith_and_spirituality", self.tr("Fa&ith and spirituality"), 3)
        self._check("needs_advocate", self.tr("Needs an ad&vocate"))
        self._text("advocate_details", self.tr("Advocate's details"), 2)
        self._section(self.tr("Notes"))
        self._text("notes", self.tr("Other notes"), 4)
        order = list(self.fields.values())
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.errors.set_problems(self.check())

    # -- building ----------------------------------------------------------------------------

    def _section(self, title: str) -> None:
        heading = QLabel(title)
        emphasise(heading, 1.1)
        heading.setContentsMargins(0, 8 if self.form.rowCount() else 0, 0, 0)
        self.form.addRow(heading)

    def _add(self, name: str, widget: QWidget, label: str, eager: Callable[[], bool] | None = None) -> None:
        widget.setAccessibleName(label.replace("&", ""))
        if not isinstance(widget, DateField) and name != "nhs_number":
            widget.setMaximumWidth(widget.fontMetrics().averageCharWidth() * FIELD_CHARS)
        buddy = QLabel(label)
        buddy.setBuddy(widget)
        self.fields[name] = widget
        self.form.addRow(buddy, self.errors.add(name, widget, label, eager=eager))

    def _line(self, name: str, label: str, placeholder: str = "") -> None:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        eager = None
        if name == "nhs_number":
            edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("000 000 00000") + 40)
            eager = lambda: nhs_number_looks_complete(edit.text())  # noqa: E731
        self._add(name, edit, label, eager)
        edit.textChanged.connect(lambda _t: self._changed(name))

    def _date(self, name: str, label: str) -> None:
        edit = DateField()
        self._add(name, edit, label)
        edit.textChanged.connect(lambda _t: self._changed(name))

    def _text(self, name: str, label: str, lines: int) -> None:
        box = multi_line(lines)
        self._add(name, box, label)
        box.textChanged.connect(lambda: self._changed(name))

    def _check(self, name: str, label: str) -> None:
        box = QCheckBox(label)
        box.setAccessibleName(label.replace("&", ""))
        self.fields[name] = box
        self.form.addRow("", self.errors.add(name, box, label))
        box.toggled.connect(lambda _on: self._changed(name))

    # -- values ------------------------------------------------------------------------------

    def line(self, name: str) -> QLineEdit:
        widget = self.fields[name]
        assert isinstance(widget, QLineEdit)
        return widget

    def text_box(self, name: str) -> QPlainTextEdit:
        widget = self.fields[name]
        assert isinstance(widget, QPlainTextEdit)
        return widget

    def date_field(self, name: str) -> DateField:
        widget = self.fields[name]
        assert isinstance(widget, DateField)
        return widget

    def check_box(self, name: str) -> QCheckBox:
        widget = self.fields[name]
        assert isinstance(widget, QCheckBox)
        return widget

    def set_keyworkers(self, accounts: Sequence[AccountView], current: str | None, current_name: str) -> None:
        """Offer "No keyworker" and ``accounts``; keep ``current`` even if it is no longer listed."""
        self.keyworker.blockSignals(True)
        self.keyworker.clear()
        self.keyworker.addItem(self.tr("No keyworker"), None)
        for account in accounts:
            self._staff_names[account.id] = account.full_name
            self.keyworker.addItem(f"{account.full_name} ({account.role.label})", account.id)
        if current is not None and self.keyworker.findData(current) < 0:
            name = current_name or self._staff_names.get(current) or self.tr("A former member of staff")
            self.keyworker.addItem(self.tr("{name} (no longer active)").format(name=name), current)
        self.keyworker.setCurrentIndex(max(self.keyworker.findData(current), 0))
        self.keyworker.blockSignals(False)

    def set_details(self, details: ResidentDetails | None) -> None:
        """Fill the form from a saved profile (None: an empty form for a new resident)."""
        d = details or ResidentDetails("", "", None)
        state: dict[str, Any] = {name: getattr(d, name) for name in LINE_FIELDS + TEXT_FIELDS + CHECK_FIELDS}
        state["nhs_number"] = format_nhs_number(d.nhs_number)
        for name in DATE_FIELDS:
            value = getattr(d, name)
            state[name] = value.strftime("%d/%m/%Y") if value else ""
        state["communication_methods"] = [m.value for m in d.communication_methods]
        state["keyworker_id"] = d.keyworker_id
        self.apply_state(state)
        self.errors.clear()
        self.errors.set_problems(self.check())

    def state(self) -> dict[str, Any]:
        """The form as typed: text as typed (dates too), ticked methods, keyworker id."""
        state: dict[str, Any] = {name: self.line(name).text() for name in LINE_FIELDS}
        state.update({name: self.text_box(name).toPlainText() for name in TEXT_FIELDS})
        state.update({name: self.date_field(name).text() for name in DATE_FIELDS})
        state.update({name: self.check_box(name).isChecked() for name in CHECK_FIELDS})
        state["communication_methods"] = [
            self.methods.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.methods.count())
            if self.methods.item(i).checkState() == Qt.CheckState.Checked
        ]
        state["keyworker_id"] = self.keyworker.currentData()
        return state

    def apply_state(self, state: dict[str, Any]) -> None:
        """Put back what ``state()`` returned (unknown keys and wrong types are ignored)."""
        self._loading = True
        try:
            for name in LINE_FIELDS + DATE_FIELDS:
                if isinstance(state.get(name), str):
                    self.line(name).setText(state[name])
            for name in TEXT_FIELDS:
                if isinstance(state.get(name), str):
                    self.text_box(name).setPlainText(state[name])
            for name in CHECK_FIELDS:
                if isinstance(state.get(name), bool):
                    self.check_box(name).setChecked(state[name])
            ticked = state.get("communication_methods")
            if isinstance(ticked, list):
                for i in range(self.methods.count()):
                    item = self.methods.item(i)
                    on = item.data(Qt.ItemDataRole.UserRole) in ticked
                    item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            if "keyworker_id" in state:
                self.keyworker.setCurrentIndex(max(self.keyworker.findData(state["keyworker_id"]), 0))
        finally:
            self._loading = False
        self.errors.set_problems(self.check())
        self.edited.emit()

    def details(self) -> ResidentDetails:
        """The profile as typed; a date that is not a date counts as none (see ``check``)."""
        values: dict[str, Any] = {name: self.line(name).text() for name in LINE_FIELDS}
        values.update({name: self.text_box(name).toPlainText() for name in TEXT_FIELDS})
        values.update({name: self.check_box(name).isChecked() for name in CHECK_FIELDS})
        for name in DATE_FIELDS:
            field = self.date_field(name)
            values[name] = None if field.problem() else field.date()
        values["communication_methods"] = tuple(
            CommunicationMethod(v) for v in self.state()["communication_methods"]
        )
        values["keyworker_id"] = self.keyworker.currentData()
        return ResidentDetails(**values)

    def date_problems(self) -> dict[str, str]:
        """Date fields whose text is not a date (the service never sees these)."""
        found = {name: self.date_field(name).problem() for name in DATE_FIELDS}
        return {name: problem for name, problem in found.items() if problem}

    def check(self) -> dict[str, str]:
        """Every problem with the form as typed: dates that are not dates, then the domain's rules."""
        problems = self.date_problems()
        try:
            self.details().cleaned().validate(self._today())
        except ValidationError as exc:
            for name, message in exc.errors.items():
                problems.setdefault(name, message)
        return problems

    def set_read_only(self, read_only: bool) -> None:
        """Values stay readable, selectable and reachable by keyboard, but cannot be changed."""
        for widget in self.fields.values():
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(read_only)
            elif isinstance(widget, QCheckBox | QComboBox):
                widget.setEnabled(not read_only)
            if isinstance(widget, QLineEdit | QPlainTextEdit | QListWidget):
                # On the window colour, so read-only text does not look as if it can be typed in.
                palette = QApplication.palette(widget)
                if read_only:
                    palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
                widget.setPalette(palette)
            if isinstance(widget, DateField):
                widget.setPlaceholderText("" if read_only else widget.tr("dd/mm/yyyy"))
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        for i in range(self.methods.count()):
            item = self.methods.item(i)
            item.setFlags(flags if read_only else flags | Qt.ItemFlag.ItemIsUserCheckable)

    # -- checking as typed -------------------------------------------------------------------

    def _changed(self, name: str) -> None:
        if self._loading:
            return
        self.errors.edited(name)
        self.errors.set_problems(self.check())
        self.edited.emit()


def nhs_number_looks_complete(text: str) -> bool:
    """Ten digits typed, or something that can never be part of an NHS number."""
    digits = normalise_nhs_number(text)
    return len(digits) >= 10 or (bool(digits) and not digits.isdigit())
