"""The form for one key person's details, with messages shown beside the fields they are about."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.key_people import ContactMethod, KeyPersonDetails
from carelink_desktop.domain.validation import Problems
from carelink_desktop.ui.widgets import emphasise, problem_label

BLANK = KeyPersonDetails(given_names="", family_name="")
TEXT_FIELDS = ("given_names", "family_name", "phone", "email", "address", "language", "notes")
#: Every field, in the order the eye (and the Tab key) meets them.
FIELD_ORDER = (
    "given_names",
    "family_name",
    "phone",
    "email",
    "address",
    "preferred_contact",
    "language",
    "needs_interpreter",
    "notes",
)


def error_label() -> QLabel:
    """A label for a message about a field: hidden while empty, wraps, bold dark red."""
    return problem_label(bold=True)


def heading_label(text: str = "", scale: float = 1.35) -> QLabel:
    """A bold, larger label (scaled from the person's own font size, never a fixed size)."""
    label = QLabel(text)
    label.setWordWrap(True)
    emphasise(label, scale)
    return label


def shortcut_button(text: str, keys: QKeySequence.StandardKey, tip: str) -> QPushButton:
    """A button with a standard shortcut (Ctrl+S...), named in its tooltip."""
    button = QPushButton(text)
    button.setShortcut(keys)
    native = button.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    button.setToolTip(f"{tip} ({native})")
    return button


def ask_save_discard_cancel(parent: QWidget, name: str) -> QMessageBox.StandardButton:
    """Before leaving a form with unsaved edits: Save, Discard or Cancel (stay)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(parent.tr("Unsaved changes"))
    box.setText(parent.tr("Save the changes to {name}?").format(name=name))
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    return QMessageBox.StandardButton(box.exec())


def lines_high(edit: QPlainTextEdit, lines: int) -> None:
    """Make a multi-line box ``lines`` lines of its own font high (it scrolls beyond that), so
    that it does not take the room of what follows it."""
    margins = edit.contentsMargins()
    doc_margin = int(edit.document().documentMargin() * 2)
    edit.setFixedHeight(
        edit.fontMetrics().lineSpacing() * lines + margins.top() + margins.bottom() + doc_margin + 4
    )


class KeyPersonForm(QWidget):
    """All of KeyPersonDetails. ``changed`` is emitted on every edit (and on set_details)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._baseline = BLANK
        self._visited: set[str] = set()

        self.given_names = QLineEdit()
        self.family_name = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("e.g. 07700 900123"))
        self.phone.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.email = QLineEdit()
        self.email.setPlaceholderText(self.tr("e.g. name@example.org"))
        self.email.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        lines_high(self.address, 4)
        self.preferred_contact = QComboBox()
        self.preferred_contact.addItem(self.tr("Not stated"), "")
        for method in ContactMethod:
            self.preferred_contact.addItem(self._method_label(method), method.value)
        self.language = QLineEdit()
        self.language.setPlaceholderText(self.tr("e.g. Welsh, Polish, BSL"))
        self.needs_interpreter = QCheckBox(self.tr("Needs an &interpreter"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        lines_high(self.notes, 4)

        self.general_error = error_label()
        self.general_error.setAccessibleName(self.tr("Problem with the details"))
        self.errors: dict[str, QLabel] = {name: error_label() for name in FIELD_ORDER}
        labels = {
            "given_names": self.tr("First &name(s)"),
            "family_name": self.tr("&Surname"),
            "phone": self.tr("&Phone"),
            "email": self.tr("&Email"),
            "address": self.tr("A&ddress"),
            "preferred_contact": self.tr("Preferred &contact"),
            "language": self.tr("&Language"),
            "notes": self.tr("N&otes"),
        }

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.addWidget(self.general_error, 0, 0, 1, 2)
        grid.addLayout(self._cell(labels["given_names"], "given_names"), 1, 0)
        grid.addLayout(self._cell(labels["family_name"], "family_name"), 1, 1)
        grid.addLayout(self._cell(labels["phone"], "phone"), 2, 0)
        grid.addLayout(self._cell(labels["email"], "email"), 2, 1)
        grid.addLayout(self._cell(labels["address"], "address"), 3, 0, 3, 1)
        grid.addLayout(self._cell(labels["preferred_contact"], "preferred_contact"), 3, 1)
        grid.addLayout(self._cell(labels["language"], "language"), 4, 1)
        grid.addLayout(self._cell(None, "needs_interpreter"), 5, 1)
        grid.addLayout(self._cell(labels["notes"], "notes"), 6, 0, 1, 2)
        for first, second in itertools.pairwise(FIELD_ORDER):
            QWidget.setTabOrder(self.widget(first), self.widget(second))

        for name in ("given_names", "family_name", "phone", "email", "language"):
            self.widget(name).textChanged.connect(self._edited)  # type: ignore[attr-defined]
        for name in ("address", "notes"):
            self.widget(name).textChanged.connect(self._edited)  # type: ignore[attr-defined]
        self.preferred_contact.currentIndexChanged.connect(self._edited)
        self.needs_interpreter.toggled.connect(self._edited)
        for name in ("phone", "email"):
            line = self.widget(name)
            assert isinstance(line, QLineEdit)
            line.textChanged.connect(lambda _text, n=name: self._check_as_typed(n, finished=False))
            line.editingFinished.connect(lambda n=name: self._check_as_typed(n, finished=True))

    # -- building ------------------------------------------------------------------------

    def _method_label(self, method: ContactMethod) -> str:
        labels = {
            ContactMethod.PHONE: self.tr("Phone call"),
            ContactMethod.TEXT_MESSAGE: self.tr("Text message"),
            ContactMethod.EMAIL: self.tr("Email"),
            ContactMethod.LETTER: self.tr("Letter"),
            ContactMethod.VIDEO_CALL: self.tr("Video call"),
            ContactMethod.IN_PERSON: self.tr("In person"),
        }
        return labels.get(method, method.label)

    def _cell(self, text: str | None, name: str) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(2)
        widget = self.widget(name)
        if text is not None:
            label = QLabel(text)
            label.setBuddy(widget)
            box.addWidget(label)
            widget.setAccessibleName(label.text().replace("&", ""))
        else:
            widget.setAccessibleName(self.needs_interpreter.text().replace("&", ""))
        box.addWidget(widget)
        box.addWidget(self.errors[name])
        self.errors[name].setAccessibleName(
            self.tr("Problem with {field}").format(field=widget.accessibleName().lower())
        )
        box.addStretch(1)
        return box

    def widget(self, name: str) -> QWidget:
        """The input for the field ``name`` (a KeyPersonDetails field)."""
        widget = getattr(self, name)
        assert isinstance(widget, QWidget)
        return widget

    # -- values --------------------------------------------------------------------------

    def details(self) -> KeyPersonDetails:
        """What the form holds now (not yet cleaned or validated: the service does that)."""
        data = self.preferred_contact.currentData()
        return KeyPersonDetails(
            given_names=self.given_names.text(),
            family_name=self.family_name.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            address=self.address.toPlainText(),
            preferred_contact=ContactMethod(data) if data else None,
            language=self.language.text(),
            needs_interpreter=self.needs_interpreter.isChecked(),
            notes=self.notes.toPlainText(),
        )

    def check(self) -> None:
        """Raise ValidationError for what the service would refuse, before asking it.

        Cleaned as the service cleans, except that the preferred contact stays a ContactMethod:
        KeyPersonDetails.cleaned() turns it into a plain str (ContactMethod is a StrEnum), so the
        service's own check skips the preferred-contact rules."""
        d = self.details()
        replace(d.cleaned(), preferred_contact=d.preferred_contact).validate()

    def set_details(self, details: KeyPersonDetails | None) -> None:
        """Show ``details`` (None: an empty form) as the saved state; clears every message."""
        self._baseline = details or BLANK
        self._fill(self._baseline)
        self.clear_errors()

    def is_modified(self) -> bool:
        """True when what is shown differs from the saved details (ignoring outer spaces)."""
        return self.details().cleaned() != self._baseline.cleaned()

    def to_draft(self) -> dict[str, Any]:
        """The form's values as a JSON-able dict."""
        d = self.details()
        draft: dict[str, Any] = {name: getattr(d, name) for name in TEXT_FIELDS}
        draft["preferred_contact"] = d.preferred_contact.value if d.preferred_contact else ""
        draft["needs_interpreter"] = d.needs_interpreter
        return draft

    def from_draft(self, draft: Mapping[str, Any]) -> None:
        """Put back what to_draft returned, as unsaved edits over the saved details."""
        values: dict[str, Any] = {n: str(draft.get(n) or "") for n in TEXT_FIELDS}
        try:
            method = ContactMethod(str(draft.get("preferred_contact") or ""))
        except ValueError:
            method = None
        self._fill(
            KeyPersonDetails(
                **values,
                preferred_contact=method,
                needs_interpreter=bool(draft.get("needs_interpreter")),
            )
        )

    def _fill(self, d: KeyPersonDetails) -> None:
        widgets = [self.widget(n) for n in FIELD_ORDER]
        for w in widgets:
            w.blockSignals(True)
        try:
            for name in ("given_names", "family_name", "phone", "email", "language"):
                line = self.widget(name)
                assert isinstance(line, QLineEdit)
                line.setText(getattr(d, name))
            self.address.setPlainText(d.address)
            self.notes.setPlainText(d.notes)
            index = self.preferred_contact.findData(d.preferred_contact.value if d.preferred_contact else "")
            self.preferred_contact.setCurrentIndex(max(index, 0))
            self.needs_interpreter.setChecked(d.needs_interpreter)
        finally:
            for w in widgets:
                w.blockSignals(False)
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        """Archived records are shown but not edited."""
        for name in ("given_names", "family_name", "phone", "email", "language"):
            line = self.widget(name)
            assert isinstance(line, QLineEdit)
            line.setReadOnly(read_only)
        self.address.setReadOnly(read_only)
        self.notes.setReadOnly(read_only)
        self.preferred_contact.setEnabled(not read_only)
        self.needs_interpreter.setEnabled(not read_only)

    # -- messages ------------------------------------------------------------------------

    def show_errors(self, errors: Mapping[str, str]) -> QWidget | None:
        """Show each message at its field (others above the form); returns the first field with
        a problem, for the caller to focus."""
        self.clear_errors()
        first: QWidget | None = None
        general: list[str] = []
        for name in FIELD_ORDER:
            if name in errors:
                self._set_error(name, errors[name])
                first = first or self.widget(name)
        general = [msg for name, msg in errors.items() if name not in self.errors]
        if general:
            self.general_error.setText("\n".join(general))
            self.general_error.setVisible(True)
        return first

    def error_text(self, name: str) -> str:
        """The message shown at field ``name`` ("" when none)."""
        label = self.errors[name]
        return label.text() if label.isVisibleTo(self) else ""

    def clear_errors(self) -> None:
        for name in FIELD_ORDER:
            self._set_error(name, "")
        self.general_error.clear()
        self.general_error.setVisible(False)
        self._visited.clear()

    def _set_error(self, name: str, message: str) -> None:
        label = self.errors[name]
        label.setText(message)
        label.setVisible(bool(message))
        self.widget(name).setAccessibleDescription(message)

    def _check_as_typed(self, name: str, *, finished: bool) -> None:
        """Phone and email are checked as they are typed: a message appears when the person
        leaves the field, and goes (or changes) as soon as the text is put right."""
        if finished:
            self._visited.add(name)
        elif name not in self._visited and not self.errors[name].text():
            return
        line = self.widget(name)
        assert isinstance(line, QLineEdit)
        problems = Problems()
        getattr(problems, name)(name, line.text().strip())
        self._set_error(name, problems.errors.get(name, ""))

    def _edited(self, *_args: object) -> None:
        self.changed.emit()
