"""Small widgets the record forms share: UK date fields, messages shown under a field, the
read-only tables of records (``record_table``) and a search box over a list to choose one record
from (``search_field``, ``chosen_id``, ``choose_id``…).

``FieldMessage`` is the red line under a field saying what is wrong with it; ``FormErrors``
keeps one per field, shows the problems found while typing (once the person has finished with
a field) and puts a service's ``ValidationError.errors`` at the fields they name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from carelink_desktop.ui.widgets.choice_list import (
    choose_first,
    choose_id,
    chosen_id,
    goes_to_list,
    refresh_after_typing,
    search_field,
)
from carelink_desktop.ui.widgets.date_field import DateField
from carelink_desktop.ui.widgets.record_table import record_table

__all__ = [
    "PROBLEM_STYLE",
    "DateField",
    "FieldMessage",
    "FormErrors",
    "choose_first",
    "choose_id",
    "chosen_id",
    "emphasise",
    "form_layout",
    "goes_to_list",
    "problem_label",
    "record_table",
    "refresh_after_typing",
    "search_field",
]

#: Dark red that keeps a contrast ratio above 7:1 on white and light grey.
PROBLEM_COLOUR = QColor("#a4000f")
#: The same colour for style sheets (messages that are sometimes a problem, sometimes not).
PROBLEM_STYLE = f"color: {PROBLEM_COLOUR.name()};"


def form_layout() -> QFormLayout:
    """Labels right-aligned at the top of their field, never wrapped under it, fields growing."""
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def problem_label(name: str = "", *, bold: bool = False) -> QLabel:
    """A label for a problem message: dark red, wraps, plain text, hidden while empty."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(PROBLEM_STYLE + (" font-weight: bold;" if bold else ""))
    if name:
        label.setAccessibleName(name)
    label.setVisible(False)
    return label


def emphasise(widget: QWidget, scale: float) -> None:
    """Bold, and ``scale`` times the widget's own font size (never a fixed size, so the
    person's chosen text size still applies)."""
    font = QFont(widget.font())
    font.setBold(True)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    elif font.pixelSize() > 0:
        font.setPixelSize(round(font.pixelSize() * scale))
    widget.setFont(font)


class FieldMessage(QLabel):
    """A problem with one field, shown under it; hidden while there is nothing to say."""

    def __init__(self, field_label: str = "", parent: QWidget | None = None, *, wrap: bool = True) -> None:
        super().__init__(parent)
        self.field_label = field_label
        self.setWordWrap(wrap)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, PROBLEM_COLOUR)
        self.setPalette(palette)
        self.setVisible(False)

    def show_message(self, text: str) -> None:
        """Show ``text`` ("" hides the message). Not colour alone: a warning sign leads it."""
        self.setText(f"⚠ {text}" if text else "")
        self.setAccessibleName(f"{self.field_label}: {text}" if text and self.field_label else text)
        self.setVisible(bool(text))

    def message(self) -> str:
        """The message without its warning sign ("" when hidden)."""
        return self.text().removeprefix("⚠ ")


class _Field:
    def __init__(self, widget: QWidget, message: FieldMessage, eager: Callable[[], bool] | None) -> None:
        self.widget = widget
        self.message = message
        self.eager = eager
        self.revealed = False
        self.edited = False


class FormErrors(QObject):
    """Messages under the fields of one form, keyed by the field names the domain uses.

    Problems found while typing (``set_problems``) show for a field once the person has left it
    after editing, once it looks complete (``eager``) or after a save attempt (``reveal_all``);
    a fixed problem disappears at once. ``show_errors`` shows a refused save's messages.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fields: dict[str, _Field] = {}
        self._problems: dict[str, str] = {}
        self._refused: dict[str, str] = {}

    def add(
        self, name: str, widget: QWidget, label: str, *, eager: Callable[[], bool] | None = None
    ) -> QWidget:
        """Register ``widget`` as field ``name``; returns the widget with its message under it,
        to put in the layout. A DateField is eager when its text looks like a whole date."""
        if eager is None and isinstance(widget, DateField):
            eager = widget.looks_complete
        # Not word-wrapped: QFormLayout under-allocates height to rows holding a wrapped label
        # inside a nested layout, which clipped the fields below. The domain's messages are
        # short; a long one widens the form (and its scroll area scrolls) rather than clip.
        message = FieldMessage(label.replace("&", ""), wrap=False)
        self._fields[name] = _Field(widget, message, eager)
        widget.installEventFilter(self)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        layout.addWidget(message)
        return box

    def names(self) -> list[str]:
        return list(self._fields)

    def widget(self, name: str) -> QWidget:
        return self._fields[name].widget

    def message(self, name: str) -> FieldMessage:
        return self._fields[name].message

    def shown(self) -> dict[str, str]:
        """The messages showing now, by field, in form order."""
        return {n: f.message.message() for n, f in self._fields.items() if f.message.message()}

    def first_with_message(self) -> QWidget | None:
        return next((f.widget for f in self._fields.values() if f.message.message()), None)

    # -- updating ----------------------------------------------------------------------------

    def edited(self, name: str) -> None:
        """The person changed field ``name``: a refused save's message for it no longer applies."""
        if name in self._fields:
            self._fields[name].edited = True
        self._refused.pop(name, None)

    def reveal(self, name: str) -> None:
        if name in self._fields:
            self._fields[name].revealed = True
            self._render()

    def reveal_all(self) -> None:
        for f in self._fields.values():
            f.revealed = True
        self._render()

    def set_problems(self, problems: Mapping[str, str]) -> None:
        """What is wrong with the values as they stand (checked on every change)."""
        self._problems = dict(problems)
        self._render()

    def show_errors(self, errors: Mapping[str, str]) -> dict[str, str]:
        """Show a refused save's messages at their fields; returns those naming no field."""
        self._refused = {k: v for k, v in errors.items() if k in self._fields}
        self.reveal_all()
        return {k: v for k, v in errors.items() if k not in self._fields}

    def clear(self) -> None:
        """Forget every problem (a record was loaded afresh)."""
        self._problems, self._refused = {}, {}
        for f in self._fields.values():
            f.revealed = f.edited = False
        self._render()

    def _render(self) -> None:
        for name, f in self._fields.items():
            text = ""
            if f.revealed or (f.eager is not None and f.eager()):
                text = self._problems.get(name) or self._refused.get(name, "")
                # Once said, a problem stays truthful while the person puts it right.
                f.revealed = f.revealed or bool(text)
            if text != f.message.message():
                f.message.show_message(text)
                f.widget.setAccessibleDescription(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            for name, f in self._fields.items():
                if f.widget is watched and f.edited and not f.revealed:
                    self.reveal(name)
        return super().eventFilter(watched, event)
