"""The parts of a visit record behind "More detail", each written part with the prompt from the
maintain-contact standard under its label and the standard's criteria reference (small and grey)
at the right.

``SectionBox`` is one written part (label, prompt, criteria, text box, problem message);
``SectionsPanel`` holds the detailed written parts (every one of ``domain.visits.SECTIONS`` except
those shown elsewhere); ``VisitDetailPanel`` is the whole detail: where, supervision, mood, the
written parts, follow-ups and notes. Every field is registered with the dialog's ``FormErrors``
under its VisitDetails name, so problems appear under the field they belong to.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.visits import SECTIONS, Mood, Section, Supervision, VisitDetails
from carelink_desktop.ui.follow_ups_editor import FollowUpsEditor
from carelink_desktop.ui.relationship_form import hint_label
from carelink_desktop.ui.resident_profile_form import multi_line
from carelink_desktop.ui.widgets import FormErrors, form_layout

#: Dark grey that keeps a contrast ratio of 7:1 on white: quiet, still readable.
QUIET_STYLE = "color: #595959;"

#: Each section's label with its mnemonic (unique within the visit form, whose other fields use
#: W, O, K, D, E, M, S, C, R, L, P, B, A and U). "What staff did" and "Other notes" have no
#: letter left: Tab reaches them.
LABELS: dict[str, str] = {
    "observations": "&How it went",
    "behaviour_changes": "Changes in beha&viour",
    "conflict_signs": "Signs of con&flict",
    "intervention": "What staff did",
    "expertise_sought": "Advice or support sou&ght",
    "visitor_concerns": "Concerns the visitor ra&ised",
    "information_requested": "I&nformation asked for",
    "information_given": "What the&y were told",
    "benefits_limits": "Benefits and limi&ts of contact",
    "notes": "Other notes",
}

_NOTES = next(s for s in SECTIONS if s.field == "notes")

#: How many lines each box shows before it scrolls (it still takes any length).
LINES: dict[str, int] = {"observations": 4, "notes": 3}


def quiet_label(text: str = "", scale: float = 0.9) -> QLabel:
    """Small grey text: a reference beside a field, never a fixed font size."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(QUIET_STYLE)
    font = QFont(label.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def criteria_text(criteria: str) -> str:
    """'Standard P14, P15, P19' for the reference beside a section."""
    return f"Standard {criteria}"


class SectionBox(QWidget):
    """One written part of the record: bold label (the box's buddy), the prompt, the criteria
    reference at the right, the box and, under it, its problem message."""

    def __init__(
        self, section: Section, errors: FormErrors, *, lines: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.section = section
        self.edit: QPlainTextEdit = multi_line(lines or LINES.get(section.field, 2))
        label_text = self.tr(LABELS.get(section.field, section.label))
        self.label = QLabel(label_text)
        self.label.setStyleSheet("font-weight: bold;")
        self.label.setBuddy(self.edit)
        self.prompt = QLabel(self.tr(section.prompt))
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.criteria = quiet_label(self.tr(criteria_text(section.criteria)))
        self.criteria.setToolTip(
            self.tr("Maintain contact with carers, families and key people: performance criteria {c}").format(
                c=section.criteria
            )
        )
        self.edit.setAccessibleName(label_text.replace("&", ""))
        self.edit.setAccessibleDescription(section.prompt)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.label)
        head.addStretch(1)
        head.addWidget(self.criteria, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(max(2, self.fontMetrics().height() // 6))
        layout.addLayout(head)
        layout.addWidget(self.prompt)
        layout.addWidget(errors.add(section.field, self.edit, label_text))

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)


class SectionsPanel(QWidget):
    """The detailed written parts of a visit record, in the order of the standard."""

    #: A box was edited: the field's name (a VisitDetails field).
    edited = Signal(str)

    def __init__(
        self,
        errors: FormErrors,
        *,
        leave_out: Sequence[str] = ("observations",),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.boxes: dict[str, SectionBox] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(self.fontMetrics().height() * 2 // 3)
        for section in SECTIONS:
            if section.field in leave_out:
                continue
            box = SectionBox(section, errors, parent=self)
            box.edit.textChanged.connect(lambda name=section.field: self.edited.emit(name))
            self.boxes[section.field] = box
            layout.addWidget(box)

    def values(self) -> dict[str, str]:
        """Field name -> the text typed, exactly."""
        return {name: box.text() for name, box in self.boxes.items()}

    def set_values(self, values: dict[str, str]) -> None:
        for name, box in self.boxes.items():
            box.set_text(values.get(name, ""))

    def filled(self) -> list[str]:
        """The labels of the parts that hold something (for the summary beside "More detail")."""
        return [box.section.label for box in self.boxes.values() if box.text().strip()]

    def focus_widgets(self) -> list[QWidget]:
        return [box.edit for box in self.boxes.values()]


# -- the detail panel --------------------------------------------------------------------------------


def compact(widget: QWidget) -> None:
    """As wide as its contents, never stretched across the form (a drop-down or a date)."""
    if isinstance(widget, QComboBox):
        widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    widget.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)


def mood_combo(name: str) -> QComboBox:
    """ "Not noted", then each mood (its value under Qt.UserRole; None for not noted)."""
    combo = QComboBox()
    combo.addItem(combo.tr("Not noted"), None)
    for mood in Mood:
        combo.addItem(combo.tr(mood.label), mood.value)
    combo.setAccessibleName(name)
    compact(combo)
    return combo


def choose_mood(combo: QComboBox, mood: Mood | None) -> None:
    combo.setCurrentIndex(max(combo.findData(mood.value if mood else None), 0))


class VisitDetailPanel(QWidget):
    """What "More detail" shows: where, supervision (with a note on privacy and safety), the
    resident's mood before and after, each detailed part with its prompt, follow-ups and notes.

    ``edited(name)`` carries the VisitDetails field edited; ``labels`` are the buddy labels of
    the short fields, for the dialog to line up with its own."""

    edited = Signal(str)

    def __init__(self, errors: FormErrors, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: list[QLabel] = []
        form = form_layout()
        self.location = QLineEdit()
        self.location.setMaxLength(200)
        self.location.setPlaceholderText(self.tr("e.g. her room, the garden, the café in town"))
        self.location.setAccessibleName(self.tr("Location"))
        form.addRow(
            self._buddy(self.tr("&Location:"), self.location),
            errors.add("location", self.location, "Location"),
        )
        self.supervision = QComboBox()
        for level in Supervision:
            self.supervision.addItem(self.tr(level.label), level.value)
        self.supervision.setAccessibleName(self.tr("Supervision"))
        compact(self.supervision)
        note = hint_label(
            self.tr(
                "Balance the resident's privacy with their safety: stay nearby or present only as far "
                "as their care plan, a restriction or what you see calls for."
            )
        )
        self.supervision.setAccessibleDescription(note.text())
        supervision = QWidget()
        box = QVBoxLayout(supervision)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(errors.add("supervision", self.supervision, "Supervision"))
        box.addWidget(note)
        form.addRow(self._buddy(self.tr("Su&pervision:"), self.supervision), supervision)
        self.mood_before = mood_combo(self.tr("Mood before"))
        self.mood_after = mood_combo(self.tr("Mood after"))
        after = QLabel(self.tr("&after:"))
        after.setBuddy(self.mood_after)
        moods = QHBoxLayout()
        moods.setContentsMargins(0, 0, 0, 0)
        moods.addWidget(errors.add("mood_before", self.mood_before, "Mood before"))
        moods.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        moods.addWidget(after)
        moods.addWidget(errors.add("mood_after", self.mood_after, "Mood after"))
        moods.addStretch(1)
        form.addRow(self._buddy(self.tr("Mood &before:"), self.mood_before), moods)
        self.sections = SectionsPanel(errors, leave_out=("observations", "notes"))
        self.follow_ups = FollowUpsEditor(today)
        self.follow_ups.setAccessibleName(self.tr("Follow-ups"))
        follow_heading = QLabel(self.tr("Follow-ups"))
        follow_heading.setStyleSheet("font-weight: bold;")
        follow_heading.setBuddy(self.follow_ups)
        follow_hint = hint_label(self.tr("What must be done after this contact, by whom and by when."))
        self.notes = SectionBox(_NOTES, errors)
        follow = QVBoxLayout()
        follow.setSpacing(max(2, self.fontMetrics().height() // 6))
        follow.addWidget(follow_heading)
        follow.addWidget(follow_hint)
        follow.addWidget(errors.add("follow_ups", self.follow_ups, "Follow-ups"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, self.fontMetrics().height() // 2, 0, 0)
        layout.setSpacing(self.fontMetrics().height() * 2 // 3)
        layout.addLayout(form)
        layout.addWidget(self.sections)
        layout.addLayout(follow)
        layout.addWidget(self.notes)

        self.location.textChanged.connect(lambda _t: self.edited.emit("location"))
        self.supervision.currentIndexChanged.connect(lambda _i: self.edited.emit("supervision"))
        self.mood_before.currentIndexChanged.connect(lambda _i: self.edited.emit("mood_before"))
        self.mood_after.currentIndexChanged.connect(lambda _i: self.edited.emit("mood_after"))
        self.sections.edited.connect(self.edited.emit)
        self.follow_ups.changed.connect(lambda: self.edited.emit("follow_ups"))
        self.notes.edit.textChanged.connect(lambda: self.edited.emit("notes"))

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        self.labels.append(label)
        return label

    def set_details(self, d: VisitDetails) -> None:
        """Put the detailed fields of ``d`` in the panel, exactly as given."""
        self.location.setText(d.location)
        self.supervision.setCurrentIndex(max(self.supervision.findData(d.supervision.value), 0))
        choose_mood(self.mood_before, d.mood_before)
        choose_mood(self.mood_after, d.mood_after)
        self.sections.set_values({name: getattr(d, name) for name in self.sections.boxes})
        self.follow_ups.set_values(d.follow_ups)
        self.notes.set_text(d.notes)

    def values(self) -> dict[str, Any]:
        """The detailed fields as typed, by their VisitDetails names."""
        before, after = self.mood_before.currentData(), self.mood_after.currentData()
        return {
            "location": self.location.text(),
            "supervision": Supervision(self.supervision.currentData()),
            "mood_before": Mood(before) if before else None,
            "mood_after": Mood(after) if after else None,
            **self.sections.values(),
            "follow_ups": self.follow_ups.values(),
            "notes": self.notes.text(),
        }

    def filled(self) -> list[str]:
        """What the panel holds, in words ("location", "mood", "follow-ups"…)."""
        found = [self.tr("location")] if self.location.text().strip() else []
        if self.supervision.currentData() != Supervision.NONE.value:
            found.append(self.tr("supervision"))
        if self.mood_before.currentData() or self.mood_after.currentData():
            found.append(self.tr("mood"))
        found += [label.lower() for label in self.sections.filled()]
        if any(v.action.strip() for v in self.follow_ups.values()):
            found.append(self.tr("follow-ups"))
        if self.notes.text().strip():
            found.append(self.tr("notes"))
        return found

    def focus_widgets(self) -> list[QWidget]:
        return [
            self.location,
            self.supervision,
            self.mood_before,
            self.mood_after,
            *self.sections.focus_widgets(),
            *self.follow_ups.focus_widgets(),
            self.notes.edit,
        ]
