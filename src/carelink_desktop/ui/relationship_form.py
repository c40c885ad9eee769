"""The fields of one relationship (every field of RelationshipDetails), laid out as the pages of the
relationship dialog: who and how, keeping in touch, legal and marks, ending."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.relationships import (
    CLOSEST,
    FURTHEST,
    MARK_MEANINGS,
    AttorneyPower,
    Category,
    Quality,
    RelationshipDetails,
    RelationshipType,
    marks,
)
from carelink_desktop.services.relationship_types import find_type
from carelink_desktop.ui.contact_wishes_editor import ContactWishesEditor
from carelink_desktop.ui.resident_profile_form import multi_line
from carelink_desktop.ui.widgets import DateField, FormErrors, form_layout

#: The text fields of the "Keeping in touch" page, in form order.
TOUCH_TEXTS = ("what_matters", "support_needed", "difficulties", "risks_and_challenges")


def scroll_page(content: QWidget) -> QScrollArea:
    """``content`` in a frameless scroll area, so a page still fits a small screen or large text."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidget(content)
    return scroll


def hint_label(text: str = "") -> QLabel:
    """A plain, wrapping explanation under or beside a field."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def enum_combo(items: Sequence[tuple[str, Any]]) -> QComboBox:
    """A combo box of (label, value) pairs; the value under Qt.UserRole."""
    combo = QComboBox()
    for label, value in items:
        combo.addItem(label, value)
    return combo


def choose_data(combo: QComboBox, value: Any) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))


class RelationshipForm(QObject):
    """Builds the widgets and pages; ``details()`` reads them, ``set_details()`` fills them.

    Each field is registered with ``errors`` under its RelationshipDetails name. ``changed(name)``
    is emitted on every edit by the person (not while ``set_details`` fills the form)."""

    changed = Signal(str)

    def __init__(
        self, types: list[RelationshipType], errors: FormErrors, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.types = types
        self.errors = errors
        self.restricted = False
        self._filling = False
        self._holders = {"primary_next_of_kin": "", "essential_care_supporter": ""}

        # -- who and how -------------------------------------------------------------------
        self.relationship = QComboBox()
        self.relationship.setEditable(True)
        self.relationship.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.relationship.addItems([t.label for t in types])
        line = self.relationship.lineEdit()
        assert line is not None
        line.setMaxLength(60)
        line.setPlaceholderText(self.tr("Choose, or type a new one, e.g. step-daughter"))
        completer = QCompleter([t.label for t in types], self.relationship)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.relationship.setCompleter(completer)
        self.type_hint = hint_label()
        self.type_hint.setVisible(False)
        self.reverse = QLineEdit()
        self.reverse.setMaxLength(60)
        self.reverse.setPlaceholderText(self.tr("e.g. mother, friend, patient"))
        self.category = enum_combo([(self.tr(c.label), c.value) for c in Category])
        self.circle = enum_combo(
            [
                (self.tr("1 – closest"), 1),
                (self.tr("2 – close"), 2),
                (self.tr("3 – further out"), 3),
                (self.tr("4 – furthest"), 4),
            ]
        )
        assert self.circle.count() == FURTHEST - CLOSEST + 1
        self.circle.setToolTip(self.tr("Where this person sits on the resident's relationship circle"))
        self.quality = enum_combo([(self.tr(q.label), q.value) for q in Quality])
        self.started_on = DateField()

        # -- keeping in touch --------------------------------------------------------------
        self.wishes = ContactWishesEditor()
        self.what_matters = multi_line(3)
        self.what_matters.setPlaceholderText(self.tr("Why this person matters to the resident"))
        self.support_needed = multi_line(3)
        self.support_needed.setPlaceholderText(
            self.tr("Information, help with travel, a quiet room, reminders…")
        )
        self.difficulties = multi_line(3)
        self.risks_and_challenges = multi_line(3)

        # -- legal and marks ---------------------------------------------------------------
        self.next_of_kin = QCheckBox(self.tr("Is a ne&xt of kin"))
        self.primary_next_of_kin = QCheckBox(self.tr("Is the &primary next of kin (the first to contact)"))
        self.nok_hint = hint_label()
        self.powers = {
            AttorneyPower.HEALTH_AND_WELFARE: QCheckBox(self.tr("He&alth and welfare")),
            AttorneyPower.PROPERTY_AND_FINANCE: QCheckBox(self.tr("Property and &financial affairs")),
        }
        self.essential_care_supporter = QCheckBox(self.tr("Essential &care supporter"))
        self.ecs_hint = hint_label()
        self.marks_label = hint_label()
        self.marks_label.setAccessibleName(self.tr("Marks on the map"))
        self.marks_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.marks_label.setMargin(self.marks_label.fontMetrics().height() // 3)
        self.marks_label.setToolTip(
            "\n".join(f"{mark}: {self.tr(meaning)}" for mark, meaning in MARK_MEANINGS)
        )

        # -- ending ------------------------------------------------------------------------
        self.ended_on = DateField()
        self.end_reason = multi_line(3)
        self.end_support = multi_line(3)
        self.end_support.setPlaceholderText(
            self.tr("e.g. bereavement support offered, time with the keyworker to talk")
        )

        self.who_page = self._build_who()
        self.touch_page = self._build_touch()
        self.legal_page = self._build_legal()
        self.ending_page = self._build_ending()
        self._connect()
        self.set_details(None)

    # -- building --------------------------------------------------------------------------

    def _form(self) -> QFormLayout:
        return form_layout()

    def _field(self, name: str, widget: QWidget, label: str) -> tuple[QLabel, QWidget]:
        """A buddy label and the widget with its message under it (registered with ``errors``)."""
        widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        buddy = QLabel(label)
        buddy.setBuddy(widget)
        return buddy, self.errors.add(name, widget, label)

    def _build_who(self) -> QWidget:
        """The page's form; the dialog puts who the key person is in its first rows."""
        page = QWidget()
        self.who_form = form = self._form()
        form.setContentsMargins(0, 0, 0, 0)
        width = self.reverse.fontMetrics().averageCharWidth() * 44
        for widget in (self.relationship, self.reverse, self.category, self.circle, self.quality):
            widget.setMaximumWidth(width)
        label, box = self._field("relationship", self.relationship, self.tr("Rela&tionship to the resident:"))
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(box)
        column.addWidget(self.type_hint)
        form.addRow(label, holder)
        form.addRow(
            *self._field("reverse_relationship", self.reverse, self.tr("What the resident is t&o them:"))
        )
        form.addRow(*self._field("category", self.category, self.tr("&Category:")))
        form.addRow(*self._field("circle", self.circle, self.tr("C&ircle:")))
        form.addRow(*self._field("quality", self.quality, self.tr("How it is &going:")))
        form.addRow(*self._field("started_on", self.started_on, self.tr("Starte&d:")))
        page.setLayout(form)
        return page

    def _build_touch(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        intro = hint_label(
            self.tr(
                "Tick each way the resident keeps in touch with this person and how often they would like it."
            )
        )
        layout.addWidget(intro)
        layout.addWidget(self.wishes)
        layout.addSpacing(self.wishes.fontMetrics().height() // 2)
        grid = QGridLayout()
        labels = {
            "what_matters": self.tr("What ma&tters about this relationship"),
            "support_needed": self.tr("What the key person needs to keep it &going"),
            "difficulties": self.tr("D&ifficulties they report"),
            "risks_and_challenges": self.tr("Risks and &challenges"),
        }
        for n, name in enumerate(TOUCH_TEXTS):
            cell = QVBoxLayout()
            cell.setSpacing(2)
            label, box = self._field(name, getattr(self, name), labels[name])
            label.setWordWrap(True)  # above its box, so it may wrap when the text is large
            cell.addWidget(label)
            cell.addWidget(box)
            cell.addStretch(1)
            grid.addLayout(cell, n // 2, n % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        layout.addStretch(1)
        return page

    def _build_legal(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        kin = QGroupBox(self.tr("Next of kin"))
        kin_layout = QVBoxLayout(kin)
        for box in (self.next_of_kin, self.primary_next_of_kin):
            box.setAccessibleName(box.text().replace("&", ""))
            kin_layout.addWidget(box)
        kin_layout.addWidget(self.nok_hint)
        layout.addWidget(kin)
        lpa = QGroupBox(self.tr("Lasting power of attorney (registered)"))
        lpa_layout = QVBoxLayout(lpa)
        lpa_layout.addWidget(hint_label(self.tr("Tick each kind this person holds for the resident.")))
        for box in self.powers.values():
            box.setAccessibleName(
                self.tr("Lasting power of attorney: {power}").format(power=box.text().replace("&", ""))
            )
            lpa_layout.addWidget(box)
        layout.addWidget(lpa)
        ecs = QGroupBox(self.tr("Visiting during an outbreak"))
        ecs_layout = QVBoxLayout(ecs)
        self.essential_care_supporter.setAccessibleName(self.tr("Essential care supporter"))
        ecs_layout.addWidget(
            self.errors.add(
                "essential_care_supporter", self.essential_care_supporter, self.tr("Essential care supporter")
            )
        )
        explain = hint_label(
            self.tr(
                "England's visiting regulation lets a resident name someone who can still visit during "
                "an outbreak. A resident has one essential care supporter."
            )
        )
        self.essential_care_supporter.setAccessibleDescription(explain.text())
        ecs_layout.addWidget(explain)
        ecs_layout.addWidget(self.ecs_hint)
        layout.addWidget(ecs)
        layout.addWidget(self.marks_label)
        layout.addStretch(1)
        return page

    def _build_ending(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            hint_label(
                self.tr(
                    "Fill this in only when the relationship has ended (a death, a move, a falling-out). "
                    "It stays in the resident's history."
                )
            )
        )
        form = self._form()
        form.addRow(*self._field("ended_on", self.ended_on, self.tr("Ended &on:")))
        form.addRow(*self._field("end_reason", self.end_reason, self.tr("Why it en&ded:")))
        form.addRow(*self._field("end_support", self.end_support, self.tr("Su&pport given when it ended:")))
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    def _connect(self) -> None:
        self.relationship.currentTextChanged.connect(self._relationship_typed)
        self.reverse.textChanged.connect(lambda _t: self._edited("reverse_relationship"))
        for name in ("category", "circle", "quality"):
            combo: QComboBox = getattr(self, name)
            combo.currentIndexChanged.connect(lambda _i, n=name: self._edited(n))
        for name in ("started_on", "ended_on"):
            field: DateField = getattr(self, name)
            field.textChanged.connect(lambda _t, n=name: self._edited(n))
        for name in (*TOUCH_TEXTS, "end_reason", "end_support"):
            text: QPlainTextEdit = getattr(self, name)
            text.textChanged.connect(lambda n=name: self._edited(n))
        self.wishes.changed.connect(lambda: self._edited("contact_wishes"))
        self.next_of_kin.toggled.connect(self._nok_toggled)
        self.primary_next_of_kin.toggled.connect(self._primary_toggled)
        for box in self.powers.values():
            box.toggled.connect(lambda _on: self._edited("attorney_powers"))
        self.essential_care_supporter.toggled.connect(lambda _on: self._edited("essential_care_supporter"))

    def widgets_in_order(self) -> list[QWidget]:
        """Every input, page by page, in the order the Tab key should meet them."""
        return [
            self.relationship,
            self.reverse,
            self.category,
            self.circle,
            self.quality,
            self.started_on,
            *self.wishes.widgets_in_order(),
            *(getattr(self, name) for name in TOUCH_TEXTS),
            self.next_of_kin,
            self.primary_next_of_kin,
            *self.powers.values(),
            self.essential_care_supporter,
            self.ended_on,
            self.end_reason,
            self.end_support,
        ]

    # -- behaviour -------------------------------------------------------------------------

    def _relationship_typed(self, text: str) -> None:
        """A known type fills its reverse and category; a new one is explained."""
        known = find_type(self.types, text)
        if known is not None and not self._filling:
            self.reverse.setText(known.reverse)
            choose_data(self.category, known.category.value)
        new = bool(text.strip()) and known is None
        if new:
            self.type_hint.setText(
                self.tr(
                    "“{label}” is new: it joins the home's list when you save. "
                    "Say what the resident is to them, and choose a category."
                ).format(label=text.strip())
            )
        self.type_hint.setVisible(new)
        self._edited("relationship")

    def _nok_toggled(self, on: bool) -> None:
        if not on:
            self.primary_next_of_kin.setChecked(False)
        self._edited("next_of_kin")

    def _primary_toggled(self, on: bool) -> None:
        if on:
            self.next_of_kin.setChecked(True)
        self._edited("primary_next_of_kin")

    def _ending_typed(self) -> None:
        typed = bool(self.ended_on.text().strip())
        self.end_reason.setEnabled(typed or bool(self.end_reason.toPlainText().strip()))
        self.end_support.setEnabled(typed or bool(self.end_support.toPlainText().strip()))

    def _edited(self, name: str) -> None:
        self._ending_typed()
        self._update_hints()
        if not self._filling:
            self.changed.emit(name)

    def set_holders(self, *, primary_next_of_kin: str = "", essential_care_supporter: str = "") -> None:
        """Who else holds the marks a resident has only one of ("" when nobody)."""
        self._holders = {
            "primary_next_of_kin": primary_next_of_kin,
            "essential_care_supporter": essential_care_supporter,
        }
        self._update_hints()

    def _update_hints(self) -> None:
        for name, label, mark in (
            ("primary_next_of_kin", self.nok_hint, self.tr("the primary next of kin")),
            ("essential_care_supporter", self.ecs_hint, self.tr("the essential care supporter")),
        ):
            holder = self._holders[name]
            ticked = getattr(self, name).isChecked()
            if holder and ticked:
                text = self.tr("{holder} is {mark} now: saving names this person instead.").format(
                    holder=holder, mark=mark
                )
            elif holder:
                text = self.tr("{holder} is {mark} now.").format(holder=holder, mark=mark)
            else:
                text = ""
            label.setText(text)
            label.setVisible(bool(text))
        tags = marks(self.details().cleaned(), restricted=self.restricted)
        self.marks_label.setText(
            self.tr("Shown on the map as: {marks}").format(marks=" · ".join(tags))
            if tags
            else self.tr("Shown on the map without marks.")
        )

    # -- values ----------------------------------------------------------------------------

    @staticmethod
    def _date(field: DateField) -> dt.date | None:
        return None if field.problem() else field.date()

    def details(self) -> RelationshipDetails:
        """What the form holds (not cleaned); a date that is not a date counts as none."""
        return RelationshipDetails(
            relationship=self.relationship.currentText(),
            category=Category(self.category.currentData()),
            reverse_relationship=self.reverse.text(),
            circle=int(self.circle.currentData()),
            quality=Quality(self.quality.currentData()),
            next_of_kin=self.next_of_kin.isChecked(),
            primary_next_of_kin=self.primary_next_of_kin.isChecked(),
            attorney_powers=tuple(p for p, box in self.powers.items() if box.isChecked()),
            essential_care_supporter=self.essential_care_supporter.isChecked(),
            contact_wishes=self.wishes.wishes(),
            what_matters=self.what_matters.toPlainText(),
            support_needed=self.support_needed.toPlainText(),
            difficulties=self.difficulties.toPlainText(),
            risks_and_challenges=self.risks_and_challenges.toPlainText(),
            started_on=self._date(self.started_on),
            ended_on=self._date(self.ended_on),
            end_reason=self.end_reason.toPlainText(),
            end_support=self.end_support.toPlainText(),
        )

    def date_problems(self) -> dict[str, str]:
        found = {"started_on": self.started_on.problem(), "ended_on": self.ended_on.problem()}
        return {name: problem for name, problem in found.items() if problem}

    def state(self) -> tuple[Any, ...]:
        """Everything shown, to tell whether anything changed since it was filled."""
        return (self.details(), self.started_on.text(), self.ended_on.text())

    def set_details(self, d: RelationshipDetails | None) -> None:
        """Fill every field (None: a new relationship) without filling reverse from the type."""
        self._filling = True
        try:
            self.relationship.setCurrentIndex(-1)
            self.relationship.setEditText(d.relationship if d else "")
            self.reverse.setText(d.reverse_relationship if d else "")
            choose_data(self.category, (d.category if d else Category.FAMILY).value)
            choose_data(self.circle, d.circle if d else 2)
            choose_data(self.quality, (d.quality if d else Quality.POSITIVE).value)
            self.started_on.set_date(d.started_on if d else None)
            self.wishes.set_wishes(d.contact_wishes if d else ())
            for name in TOUCH_TEXTS:
                box: QPlainTextEdit = getattr(self, name)
                box.setPlainText(getattr(d, name) if d else "")
            self.next_of_kin.setChecked(bool(d and d.next_of_kin))
            self.primary_next_of_kin.setChecked(bool(d and d.primary_next_of_kin))
            for power, tick in self.powers.items():
                tick.setChecked(bool(d and power in d.attorney_powers))
            self.essential_care_supporter.setChecked(bool(d and d.essential_care_supporter))
            self.ended_on.set_date(d.ended_on if d else None)
            self.end_reason.setPlainText(d.end_reason if d else "")
            self.end_support.setPlainText(d.end_support if d else "")
            self._relationship_typed(self.relationship.currentText())
        finally:
            self._filling = False
