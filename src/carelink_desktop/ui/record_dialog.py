"""The frame every form for one of a resident's records shares (services.resident_records).

``RecordDialog`` (a ``FormDialog``) holds the title, a scrolling QFormLayout of named fields
(registered with FormErrors under the domain's field names), a message line, Save and Cancel. It
checks the form as the person types, saves through ``add_record`` or ``change_record`` (with the
version the record had when it was opened), writes nothing when a save is refused, and asks before
Cancel throws changes away. A subclass builds its fields with ``line``, ``text``, ``date``, ``combo``
and ``add_field``, gives ``details()`` and ``fill()``, then calls ``finish()``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QSize, Qt, SignalInstance
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.errors import CareLinkError, ValidationError
from carelink_desktop.services.relationships import RelationshipView
from carelink_desktop.services.resident_records import (
    RecordKind,
    ResidentRecordView,
    add_record,
    change_record,
)
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.form_dialog import FormDialog
from carelink_desktop.ui.resident_profile_form import multi_line
from carelink_desktop.ui.widgets import DateField, emphasise

#: How wide the form is, in average characters (fits a 1024-pixel-wide screen at normal sizes).
FORM_CHARS = 110


def key_people(relationships: Sequence[RelationshipView]) -> list[RelationshipView]:
    """The key people a record can concern: current relationships first, then ended ones."""
    return sorted(relationships, key=lambda r: (r.ended, r.key_person_name.casefold()))


def person_label(rel: RelationshipView) -> str:
    """A key person as choices show them: "Susan Jones (daughter)"."""
    text = rel.key_person_name
    if rel.details.relationship:
        text = f"{text} ({rel.details.relationship})"
    return text


class RecordDialog(FormDialog):
    """One record of ``kind`` for one resident; ``record`` None adds a new one.

    After ``accepted``, ``result_view`` is the saved record. While any field has a problem Save
    stays possible but saves nothing, showing each problem at its field and focusing the first.
    """

    def __init__(
        self,
        ws: Workspace,
        kind: RecordKind[Any],
        resident_id: str,
        record: ResidentRecordView[Any] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.kind = kind
        self.resident_id = resident_id
        self.record = record
        self.result_view: ResidentRecordView[Any] | None = None
        self.fields: dict[str, QWidget] = {}
        self._loading = True

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setVisible(False)
        self.recorded = QLabel()
        self.recorded.setTextFormat(Qt.TextFormat.PlainText)
        if record is not None and record.recorded_by:
            self.recorded.setText(
                self.tr("Recorded by {name} on {date}.").format(
                    name=record.recorded_by, date=format_uk_date(record.created_at.date())
                )
            )
        self.recorded.setVisible(bool(self.recorded.text()))
        for line in (self.intro, self.recorded):
            line.setContentsMargins(0, 0, 0, self.fontMetrics().height() // 3)

        self.body = QWidget()
        self.form = QFormLayout()
        column = QVBoxLayout(self.body)
        # In line with the lines above and below it; a gap on the right for the scroll bar.
        column.setContentsMargins(0, 0, self.fontMetrics().averageCharWidth(), 0)
        column.addLayout(self.form)
        column.addStretch(1)  # a tall window leaves space below the form, never between rows
        # Rows never wrap: QFormLayout's height-for-width with wrapped rows comes out short in a
        # scroll area, squashing the tallest fields.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.body)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

        self.build_buttons()
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Close without saving (Esc)"))
        #: Buttons a subclass adds at the left of the bottom row (``add_action_button``).
        self.action_buttons: list[QPushButton] = []
        self.button_row = QHBoxLayout()
        self.button_row.addStretch(1)
        self.button_row.addWidget(self.buttons)

        self.main_layout = layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.recorded)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.message)
        layout.addLayout(self.button_row)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.setSizeGripEnabled(True)

    # -- building (for subclasses) -------------------------------------------------------------

    def set_intro(self, text: str, *, important: bool = False) -> None:
        """A short line above the form ("" hides it); ``important`` makes it bold."""
        self.intro.setText(text)
        self.intro.setAccessibleName(text)
        if important:
            emphasise(self.intro, 1.0)
        self.intro.setVisible(bool(text))

    def section(self, title: str) -> QLabel:
        """A heading between groups of fields."""
        heading = QLabel(title)
        emphasise(heading, 1.05)
        heading.setContentsMargins(0, 8 if self.form.rowCount() else 0, 0, 0)
        self.form.addRow(heading)
        return heading

    def add_field(
        self,
        name: str,
        widget: QWidget,
        label: str,
        *,
        changed: SignalInstance | None = None,
        eager: Callable[[], bool] | None = None,
    ) -> QWidget:
        """Put ``widget`` in the form as field ``name`` with its buddy label (``label`` carries
        the mnemonic) and its problem message; ``changed`` is the signal that means "edited"."""
        if not widget.accessibleName():
            widget.setAccessibleName(label.replace("&", ""))
        buddy = QLabel(label)
        buddy.setBuddy(widget)
        self.fields[name] = widget
        self.form.addRow(buddy, self.errors.add(name, widget, label, eager=eager))
        if changed is not None:
            self.watch(name, widget, changed)
        return widget

    def line(self, name: str, label: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        self.add_field(name, edit, label, changed=edit.textChanged)
        return edit

    def text(self, name: str, label: str, lines: int = 2, placeholder: str = "") -> QPlainTextEdit:
        """A multi-line box about ``lines`` lines high, where Tab moves on."""
        box = multi_line(lines)
        box.setPlaceholderText(placeholder)
        self.add_field(name, box, label, changed=box.textChanged)
        return box

    def date(self, name: str, label: str) -> DateField:
        field = DateField()
        self.add_field(name, field, label, changed=field.textChanged)
        return field

    def combo(self, name: str, label: str, items: Sequence[tuple[str, Any]]) -> QComboBox:
        """A drop-down of (text, value) pairs; enum values are stored by their ``value``."""
        box = QComboBox()
        for text, value in items:
            box.addItem(text, getattr(value, "value", value))
        self.add_field(name, box, label, changed=box.currentIndexChanged)
        return box

    def add_action_button(self, text: str, tooltip: str = "") -> QPushButton:
        """A button at the left of the bottom row, apart from Save and Cancel; Enter in a field
        never presses it."""
        button = QPushButton(text)
        button.setToolTip(tooltip)
        button.setAutoDefault(False)
        self.button_row.insertWidget(len(self.action_buttons), button)
        self.action_buttons.append(button)
        return button

    def people_combo(
        self, name: str, label: str, first: str, relationships: Sequence[RelationshipView]
    ) -> QComboBox:
        """``first`` (meaning no one in particular, value None), then each key person by name."""
        items: list[tuple[str, Any]] = [(first, None)]
        items += [(person_label(r), r.id) for r in key_people(relationships)]
        return self.combo(name, label, items)

    def choose_person(self, combo: QComboBox, relationship_id: str | None) -> None:
        """Select a key person, adding them if they are no longer on the resident's map."""
        if relationship_id is not None and combo.findData(relationship_id) < 0:
            combo.addItem(self.tr("Someone no longer on the map"), relationship_id)
        choose_data(combo, relationship_id)

    def finish(self) -> None:
        """Call at the end of the subclass's ``__init__``: fill the form, set the tab order,
        remember the starting values and size the window to fit the screen."""
        self.fill(self.record.details if self.record is not None else None)
        self.retab()
        self._loading = False
        self.remember_state()
        self.errors.set_problems(self.check())
        self.resize(self.fitted_size())
        first = self.focus_widgets()
        if first:
            first[0].setFocus()

    # -- what a subclass gives -------------------------------------------------------------------

    def details(self) -> Any:
        """The record as typed (a date that is not a date counts as none: see ``check``)."""
        raise NotImplementedError

    def fill(self, details: Any | None) -> None:
        """Put a saved record's details in the form (None: the starting values for a new one)."""
        raise NotImplementedError

    def date_fields(self) -> dict[str, DateField]:
        """The date fields whose text must be a date before anything is saved."""
        return {name: w for name, w in self.fields.items() if isinstance(w, DateField)}

    def place_problem(self, key: str, message: str) -> tuple[str, str]:
        """The field a domain or service problem belongs at, and the message to show there.
        ``views.2`` belongs at ``views``; a key naming no field goes to the message line."""
        if key not in self.fields and key.split(".", 1)[0] in self.fields:
            return key.split(".", 1)[0], message
        return key, message

    def focus_widgets(self) -> list[QWidget]:
        """Everything Tab visits, in order: each field (or the inputs inside a composite one that
        has ``focus_widgets()``), then the buttons."""
        order: list[QWidget] = []
        for widget in self.fields.values():
            inner = getattr(widget, "focus_widgets", None)
            order.extend(inner() if callable(inner) else [widget])
        return [*order, *self.action_buttons, self.save_button, self.cancel_button]

    def retab(self) -> None:
        """Set the tab order to follow the form (call again when a composite field adds rows)."""
        for first, second in itertools.pairwise(self.focus_widgets()):
            QWidget.setTabOrder(first, second)

    # -- values and checks -------------------------------------------------------------------------

    def state(self) -> Any:
        """Something equal exactly when the form says the same (dates as typed, too)."""
        return (self.details(), tuple(f.text() for f in self.date_fields().values()))

    def date_problems(self) -> dict[str, str]:
        found = {name: field.problem() for name, field in self.date_fields().items()}
        return {name: problem for name, problem in found.items() if problem}

    def placed(self, errors: Mapping[str, str]) -> dict[str, str]:
        """``errors`` moved to the fields they belong at (the first message per field wins)."""
        out: dict[str, str] = {}
        for key, message in errors.items():
            name, text = self.place_problem(key, message)
            out.setdefault(name, text)
        return out

    def check(self) -> dict[str, str]:
        """Every problem with the form as typed: dates that are not dates, then the domain's rules."""
        return self.add_rule_problems(
            self.date_problems(), lambda: self.details().cleaned().validate(self.ws.today())
        )

    def changed(self, name: str) -> None:
        """Field ``name`` was edited (not while the form is being filled)."""
        if not self._loading:
            super().changed(name)

    # -- saving ------------------------------------------------------------------------------------

    def store(self) -> ResidentRecordView[Any]:
        """Write the record (raises the service's errors); ``record`` becomes the saved one."""
        if self.record is None:
            saved = add_record(self.ws, self.kind, self.resident_id, self.details())
        else:
            saved = change_record(
                self.ws, self.kind, self.record.id, self.details(), expected_version=self.record.version
            )
        self.record = self.result_view = saved
        self.remember_state()
        return saved

    def try_store(self) -> bool:
        """``store`` unless a field has a problem; on a refusal say why and write nothing."""
        self.errors.set_problems(self.check())
        if self.date_problems():
            return self.refused(self.date_problems())
        try:
            self.store()
        except ValidationError as exc:
            return self.refused(self.placed(exc.errors))
        except CareLinkError as exc:
            self.errors.reveal_all()
            self.message.show_message(str(exc))
            return False
        return True

    def save(self) -> bool:
        """Save and close; on any problem show it at its field and save nothing."""
        if not self.try_store():
            return False
        self.accept()
        return True

    def focus_problem(self, widget: QWidget) -> None:
        """The first input of ``widget`` (a composite field has several), scrolled into view."""
        inner = getattr(widget, "focus_widgets", None)
        target = inner()[0] if callable(inner) and inner() else widget
        target.setFocus()
        self.scroll_area.ensureWidgetVisible(target)

    # -- size --------------------------------------------------------------------------------------

    def natural_size(self) -> QSize:
        """The size that shows every field without scrolling."""
        self.body.adjustSize()
        body = self.body.sizeHint()
        margins = self.main_layout.contentsMargins()
        spacing = max(self.main_layout.spacing(), 0)
        chrome = [w for w in (self.intro, self.recorded, self.message) if not w.isHidden()]
        width = max(body.width(), self.fontMetrics().averageCharWidth() * FORM_CHARS)
        width += self.scroll_area.verticalScrollBar().sizeHint().width() + margins.left() + margins.right()
        height = body.height() + self.button_row.sizeHint().height() + margins.top() + margins.bottom()
        for widget in chrome:
            height += (
                widget.heightForWidth(width) if widget.hasHeightForWidth() else widget.sizeHint().height()
            )
        height += spacing * (len(chrome) + 1)
        return QSize(width, height)

    def fitted_size(self) -> QSize:
        """The natural size, no bigger than the screen leaves room for (the form scrolls)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() if screen is not None else QSize(1024, 768)
        natural = self.natural_size()
        # Leave space for the window frame and title bar.
        return QSize(min(natural.width(), room.width() - 40), min(natural.height(), room.height() - 80))


class CheckableList(QListWidget):
    """Tick boxes for a handful of choices (``values()`` are the ticked items' data), as tall as
    its items: it sits in a scrolling form, so it never scrolls itself."""

    def __init__(
        self, items: Sequence[tuple[str, str]], empty_text: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setUniformItemSizes(True)
        self.setSpacing(1)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setToolTip(self.tr("Use the arrow keys to move and Space to tick or untick"))
        for text, value in items:
            self.add_choice(text, value)
        if not items and empty_text:
            # Said in the list itself, so its label still names something; nothing to tick.
            note = QListWidgetItem(empty_text)
            note.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(note)
            self.setFixedHeight(self.sizeHint().height())

    def add_choice(self, text: str, value: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setCheckState(Qt.CheckState.Unchecked)
        self.addItem(item)
        self.setFixedHeight(self.sizeHint().height())

    def values(self) -> list[str]:
        return [
            self.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_values(self, values: Sequence[str]) -> None:
        for i in range(self.count()):
            item = self.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in values
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def item_for(self, value: str) -> Any:
        return next(
            (
                self.item(i)
                for i in range(self.count())
                if self.item(i).data(Qt.ItemDataRole.UserRole) == value
            ),
            None,
        )

    def sizeHint(self) -> QSize:
        rows = sum(self.sizeHintForRow(i) for i in range(self.count())) or self.fontMetrics().height()
        gaps = 2 * self.spacing() * self.count()
        return QSize(super().sizeHint().width(), rows + gaps + 2 * self.frameWidth() + 4)


def choose_data(combo: QComboBox, value: Any) -> None:
    """Select the item whose data is ``value`` (an enum by its value); the first when none is."""
    combo.setCurrentIndex(max(combo.findData(getattr(value, "value", value)), 0))


def date_or_none(field: DateField) -> Any:
    """The date typed, or None when the field is empty or not a date (``check`` says which)."""
    return None if field.problem() else field.date()


__all__ = [
    "FORM_CHARS",
    "CheckableList",
    "RecordDialog",
    "choose_data",
    "date_or_none",
    "key_people",
    "person_label",
]


def escape_mnemonic(text: str) -> str:
    """Text for a check box or button: a name's "&" is shown, never taken as a mnemonic."""
    return text.replace("&", "&&")
