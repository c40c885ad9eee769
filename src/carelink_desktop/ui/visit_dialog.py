"""The form for one record of contact: a visit, outing, call, letter or message (maintain-contact
P14–P25).

A simple happy visit takes three things: who (the resident's key people, ticked, or anyone else
in words), when, and how it went. "More detail" opens the rest: where, how closely staff stayed,
the resident's mood before and after, each part the standard asks staff to observe with its
prompt, follow-ups and notes. A record that holds detail opens with the detail shown.

When a restriction on contact covers the people ticked on that day, the warning shows at once;
the service refuses the save until staff tick that they have read it (and audits that they did).
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QDateTime, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.dates import format_uk_date, format_uk_datetime
from carelink_desktop.domain.visits import SECTIONS, VisitDetails, VisitKind
from carelink_desktop.services.contact_warnings import RestrictedContact, restriction_warnings
from carelink_desktop.services.planned_visits import PlannedVisitView
from carelink_desktop.services.relationships import RelationshipView, relationships_of
from carelink_desktop.services.residents import ResidentFilter, find_residents
from carelink_desktop.services.visits import VisitView, change_visit, record_visit, visit
from carelink_desktop.ui.form_dialog import FormDialog
from carelink_desktop.ui.pages import ShellContext
from carelink_desktop.ui.record_dialog import FORM_CHARS, CheckableList, choose_data, person_label
from carelink_desktop.ui.relationship_form import hint_label
from carelink_desktop.ui.restriction_warning import RestrictionWarningBox
from carelink_desktop.ui.visit_sections import SectionBox, VisitDetailPanel, compact, quiet_label
from carelink_desktop.ui.widgets import emphasise, form_layout

#: How long a change of date waits before the restriction warning is checked again (typing a
#: date changes it several times).
WARNING_DELAY_MS = 150
DATE_TIME_FORMAT = "dd/MM/yyyy HH:mm"

#: The fields that together say who was in contact.
_WHO = ("relationship_ids", "other_participants")
_OBSERVATIONS = next(s for s in SECTIONS if s.field == "observations")


def date_time_edit(accessible_name: str) -> QDateTimeEdit:
    """A day and time typed as dd/mm/yyyy hh:mm, with a calendar to pick the day."""
    edit = QDateTimeEdit()
    edit.setDisplayFormat(DATE_TIME_FORMAT)
    edit.setCalendarPopup(True)
    edit.setAccessibleName(accessible_name)
    edit.setToolTip(edit.tr("Day and time as dd/mm/yyyy hh:mm (24-hour clock)"))
    return edit


def to_qt(moment: datetime) -> QDateTime:
    """A naive local datetime as Qt's."""
    return QDateTime(moment)  # type: ignore[call-overload,no-any-return]


def from_qt(moment: QDateTime) -> datetime:
    """Qt's date and time as a naive local datetime, to the minute."""
    value = moment.toPython()
    assert isinstance(value, datetime)
    return value.replace(second=0, microsecond=0)


def resident_label(ws: Any, resident_id: str) -> str:
    """The resident's name for the form's heading ("" when not found)."""
    for status in (ResidentFilter.ALL, ResidentFilter.ARCHIVED):
        found = next((r for r in find_residents(ws, status=status) if r.id == resident_id), None)
        if found is not None:
            return found.display_name
    return ""


class VisitDialog(FormDialog):
    """A new record of contact (``visit_id`` None), one to change, or one from a ``booking``.

    After ``accepted``, ``result_view`` is the saved VisitView. "Save and raise a concern…"
    saves, closes and opens the concern form for this contact (``concern_dialog``).
    """

    def __init__(
        self,
        ctx: ShellContext,
        resident_id: str,
        *,
        visit_id: str | None = None,
        booking: PlannedVisitView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ws = ctx.ws
        self.resident_id = resident_id
        self.view: VisitView | None = visit(self.ws, visit_id) if visit_id else None
        self.booking = booking if self.view is None else None
        self.result_view: VisitView | None = None
        self.concern_dialog: QWidget | None = None
        self._loading = True
        #: The buddy labels of both forms (quick and detail), kept the same width so they line up.
        self._labels: list[QLabel] = []
        name = booking.resident_name if booking is not None else resident_label(self.ws, resident_id)
        self.resident_name = name
        self.relationships = self._people_to_offer(relationships_of(self.ws, resident_id))

        self.setWindowTitle(self._title())
        self.heading = QLabel(self._heading())
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        emphasise(self.heading, 1.15)
        self.recorded = hint_label(self._recorded_text())
        self.recorded.setVisible(bool(self.recorded.text()))

        self.body = QWidget()
        column = QVBoxLayout(self.body)
        column.setContentsMargins(0, 0, self.fontMetrics().averageCharWidth(), 0)
        column.addLayout(self._build_quick())
        column.addWidget(self._build_toggle())
        self.detail = self._build_detail()
        widest = max(label.sizeHint().width() for label in self._labels)
        for label in self._labels:
            label.setMinimumWidth(widest)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        column.addWidget(self.detail)
        column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.body)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)

        self.build_buttons()
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Close without saving (Esc)"))
        self.save_button.setToolTip(self.tr("Save this record (Ctrl+S)"))
        self.concern_button = QPushButton(self.tr("Save and raise a &concern…"))
        self.concern_button.setAutoDefault(False)
        self.concern_button.setToolTip(
            self.tr("Save this record, then record a concern that came out of this contact")
        )
        self.concern_button.clicked.connect(self.save_and_raise_concern)
        buttons = QHBoxLayout()
        buttons.addWidget(self.concern_button)
        buttons.addStretch(1)
        buttons.addWidget(self.buttons)
        self.main_layout = layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.recorded)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        for keys in (QKeySequence.StandardKey.Save, QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")):
            QShortcut(keys, self, self.save)
        self.setSizeGripEnabled(True)

        self._warning_timer = QTimer(self, singleShot=True, interval=WARNING_DELAY_MS)
        self._warning_timer.timeout.connect(self.update_warnings)
        self._fill()
        self._connect()
        self.retab()
        self._loading = False
        self.remember_state()
        self.errors.set_problems(self.check())
        self.show_detail(self.view is not None and self.view.details.detailed)
        self.people.setFocus()

    # -- building ----------------------------------------------------------------------------

    def _people_to_offer(self, relationships: list[RelationshipView]) -> list[RelationshipView]:
        """Current key people, and any ended relationship this record already names."""
        named = set(self.view.details.relationship_ids) if self.view else set()
        return [r for r in relationships if not r.ended or r.id in named]

    def _person_text(self, rel: RelationshipView) -> str:
        text = person_label(rel)
        if rel.restricted:
            text = self.tr("{person} — ⚠ contact restricted").format(person=text)
        if rel.ended:
            text = self.tr("{person} (relationship ended)").format(person=text)
        return text

    def _build_quick(self) -> QVBoxLayout:
        form = form_layout()
        self.people = CheckableList(
            [(self._person_text(r), r.id) for r in self.relationships],
            self.tr("No key people on the map yet: say who under Others."),
        )
        for rel in self.relationships:
            item = self.people.item_for(rel.id)
            if rel.restricted and item is not None:
                item.setToolTip(self.tr("A restriction on contact with this person is in force"))
        self._add_row(form, "relationship_ids", self.people, self.tr("&Who was in contact:"))
        self.others = QLineEdit()
        self.others.setMaxLength(500)
        self.others.setPlaceholderText(
            self.tr("Anyone else, in words: e.g. grandson's partner Jo, the chaplain")
        )
        self._add_row(form, "other_participants", self.others, self.tr("&Others:"))
        self.restriction = RestrictionWarningBox()
        self.warning_row = self.errors.add(
            "restriction_acknowledged", self.restriction, self.tr("Restriction")
        )
        form.addRow(self.warning_row)
        self.restriction.changed.connect(self._warnings_changed)
        self.fields_box = form
        form.setRowVisible(self.warning_row, False)
        self.kind = QComboBox()
        for kind in VisitKind:
            self.kind.addItem(self.tr(kind.label), kind.value)
        compact(self.kind)
        self._add_row(form, "kind", self.kind, self.tr("&Kind:"))
        self.starts_at = date_time_edit(self.tr("Started"))
        self.ends_at = date_time_edit(self.tr("Ended"))
        self.has_end = QCheckBox(self.tr("&Ended:"))
        self.has_end.setToolTip(self.tr("Tick to say when the contact ended"))
        when = QHBoxLayout()
        when.setContentsMargins(0, 0, 0, 0)
        when.addWidget(
            self.errors.add("starts_at", self.starts_at, self.tr("Started")), 0, Qt.AlignmentFlag.AlignTop
        )
        when.addSpacing(self.fontMetrics().averageCharWidth() * 3)
        when.addWidget(self.has_end, 0, Qt.AlignmentFlag.AlignTop)
        when.addWidget(
            self.errors.add("ends_at", self.ends_at, self.tr("Ended")), 0, Qt.AlignmentFlag.AlignTop
        )
        when.addStretch(1)
        started = QLabel(self.tr("Starte&d:"))
        started.setBuddy(self.starts_at)
        self._labels.append(started)
        form.addRow(started, when)
        self.how_it_went = SectionBox(_OBSERVATIONS, self.errors)
        column = QVBoxLayout()
        column.addLayout(form)
        column.addSpacing(self.fontMetrics().height() // 3)
        column.addWidget(self.how_it_went)
        return column

    def _add_row(self, form: Any, name: str, widget: QWidget, label: str) -> None:
        if not widget.accessibleName():
            widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        buddy = QLabel(label)
        buddy.setBuddy(widget)
        self._labels.append(buddy)
        form.addRow(buddy, self.errors.add(name, widget, label.rstrip(":")))

    def _build_toggle(self) -> QWidget:
        self.more_button = QPushButton()
        self.more_button.setCheckable(True)
        self.more_button.setAutoDefault(False)
        self.more_button.toggled.connect(self.show_detail)
        self.detail_summary = quiet_label(scale=1.0)
        self.detail_summary.setWordWrap(True)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, self.fontMetrics().height() // 2, 0, 0)
        layout.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.detail_summary, 1)
        return row

    def _build_detail(self) -> VisitDetailPanel:
        detail = VisitDetailPanel(self.errors, self.ws.today)
        self._labels += detail.labels
        # The detail's fields, by the names the rest of the form (and its tests) use.
        self.location, self.supervision = detail.location, detail.supervision
        self.mood_before, self.mood_after = detail.mood_before, detail.mood_after
        self.sections, self.follow_ups, self.notes = detail.sections, detail.follow_ups, detail.notes
        self.follow_ups.rows_changed.connect(self.retab)
        detail.edited.connect(self.changed)
        return detail

    def _connect(self) -> None:
        self.people.itemChanged.connect(lambda _item: self._people_changed())
        self.watch("other_participants", self.others)
        self.watch("kind", self.kind)
        self.watch("starts_at", self.starts_at, self.starts_at.dateTimeChanged)
        self.starts_at.dateTimeChanged.connect(lambda _dt: self._warning_timer.start())
        self.watch("ends_at", self.ends_at, self.ends_at.dateTimeChanged)
        self.has_end.toggled.connect(self._end_toggled)
        self.watch("restriction_acknowledged", self.restriction, self.restriction.changed)
        self.watch("observations", self.how_it_went.edit)

    # -- filling -----------------------------------------------------------------------------

    def _fill(self) -> None:
        if self.view is not None:
            self.set_details(self.view.details)
        elif self.booking is not None:
            self.set_details(self._from_booking(self.booking))
        else:
            now = datetime.now().replace(second=0, microsecond=0)
            self.set_details(VisitDetails(VisitKind.VISIT, datetime.combine(self.ws.today(), now.time())))
        self.update_warnings()
        if (
            self.view is not None
            and self.view.details.restriction_acknowledged
            and self.restriction.warnings()
        ):
            self.restriction.acknowledge.setChecked(True)

    def _from_booking(self, booking: PlannedVisitView) -> VisitDetails:
        d = booking.details
        return VisitDetails(
            kind=d.kind,
            starts_at=booking.signed_in_at or d.starts_at,
            relationship_ids=d.relationship_ids,
            other_participants=d.other_visitors,
            ends_at=booking.signed_out_at,
            location=d.location,
            supervision=d.supervision,
            planned_visit_id=booking.id,
        )

    def set_details(self, d: VisitDetails) -> None:
        """Put ``d`` in the form, every field exactly as given."""
        self.people.set_values(list(d.relationship_ids))
        self.others.setText(d.other_participants)
        choose_data(self.kind, d.kind)
        self.starts_at.setDateTime(to_qt(d.starts_at))
        self.has_end.setChecked(d.ends_at is not None)
        self.ends_at.setDateTime(to_qt(d.ends_at or d.starts_at + timedelta(hours=1)))
        self.ends_at.setEnabled(d.ends_at is not None)
        self.how_it_went.set_text(d.observations)
        self.detail.set_details(d)
        self._planned_visit_id = d.planned_visit_id
        self._update_summary()

    # -- reading -----------------------------------------------------------------------------

    def details(self) -> VisitDetails:
        """The record as typed (text exactly as typed; the service trims the ends)."""
        return VisitDetails(
            kind=VisitKind(self.kind.currentData()),
            starts_at=from_qt(self.starts_at.dateTime()),
            relationship_ids=tuple(self.people.values()),
            other_participants=self.others.text(),
            ends_at=from_qt(self.ends_at.dateTime()) if self.has_end.isChecked() else None,
            observations=self.how_it_went.text(),
            planned_visit_id=self._planned_visit_id,
            restriction_acknowledged=self.acknowledged(),
            **self.detail.values(),
        )

    def acknowledged(self) -> bool:
        """The warning is ticked, or the record was acknowledged and its people and day stand."""
        if self.restriction.acknowledged():
            return True
        if self.view is None or not self.view.details.restriction_acknowledged:
            return False
        stored = self.view.details
        return set(self.people.values()) == set(stored.relationship_ids) and (
            from_qt(self.starts_at.dateTime()) == stored.starts_at
        )

    def state(self) -> Any:
        return (replace(self.details(), restriction_acknowledged=False), self.follow_ups.dates_typed())

    def check(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        if self.follow_ups.date_problem():
            problems["follow_ups"] = self.follow_ups.date_problem()
        return self.add_rule_problems(problems, lambda: self.details().cleaned().validate(self.ws.today()))

    def placed(self, errors: Any) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, message in errors.items():
            if key.startswith("follow_ups."):
                index = int(key.split(".", 1)[1])
                rows = self.follow_ups.kept_rows()
                n = rows[index] if index < len(rows) else index + 1
                out.setdefault("follow_ups", self.tr("Follow-up {n}: {message}").format(n=n, message=message))
            elif key == "restriction_acknowledged":
                out.setdefault(key, self.tr("Tick that you have read the warning to go ahead."))
            else:
                out.setdefault(key, message)
        return out

    # -- reacting ----------------------------------------------------------------------------

    def changed(self, name: str) -> None:
        if self._loading:
            return
        if name in _WHO:  # key people and others answer "who" together
            for other in _WHO:
                self.errors.edited(other)
        super().changed(name)
        self._update_summary()

    def _people_changed(self) -> None:
        if self._loading:
            return
        self.update_warnings()
        self.changed("relationship_ids")

    def _end_toggled(self, on: bool) -> None:
        self.ends_at.setEnabled(on)
        if on and not self._loading:
            start = from_qt(self.starts_at.dateTime())
            now = datetime.now().replace(second=0, microsecond=0)
            end = now if start < now <= start + timedelta(hours=12) else start + timedelta(hours=1)
            self.ends_at.setDateTime(to_qt(end))
            self.ends_at.setFocus()
        self.changed("ends_at")

    def update_warnings(self) -> None:
        """Ask the service which restrictions cover the people ticked on the day given."""
        self._warning_timer.stop()
        if self.ws.store.closed:
            return
        day = from_qt(self.starts_at.dateTime()).date()
        self.restriction.set_warnings(
            restriction_warnings(self.ws, self.resident_id, self.people.values(), day)
        )

    def _warnings_changed(self) -> None:
        shown = bool(self.restriction.warnings())
        self.fields_box.setRowVisible(self.warning_row, shown)
        if shown and self.isVisible():
            wanted = self.fitted_size()
            if wanted.height() > self.height():
                self.resize(self.width(), wanted.height())

    def show_detail(self, on: bool) -> None:
        """Show or hide the detailed parts of the record (the toggle says which)."""
        if self.more_button.isChecked() != on:
            self.more_button.setChecked(on)  # comes back here through toggled
            return
        self.detail.setVisible(on)
        self.more_button.setText(self.tr("Less detail ▴") if on else self.tr("&More detail ▾"))
        self.more_button.setToolTip(
            self.tr("Hide the detailed parts (what is filled in is kept)")
            if on
            else self.tr("Place, supervision, mood, what happened, follow-ups and notes")
        )
        self._update_summary()
        self.resize(self.fitted_size())

    def _update_summary(self) -> None:
        """Beside the toggle: what the hidden detail holds, so nothing filled in is out of sight."""
        if self.more_button.isChecked():
            self.detail_summary.setText("")
            return
        filled = self.detail.filled()
        self.detail_summary.setText(
            self.tr("Filled in: {parts}.").format(parts=", ".join(filled))
            if filled
            else self.tr("Where, supervision, mood, what staff saw and did, follow-ups and notes.")
        )

    # -- saving ------------------------------------------------------------------------------

    def write(self) -> VisitView:
        """Save through the service (raises its errors; a restriction refused shows its warning)."""
        details = self.details()
        try:
            if self.view is None:
                return record_visit(self.ws, self.resident_id, details)
            return change_visit(self.ws, self.view.id, details, expected_version=self.view.version)
        except RestrictedContact as exc:
            self.restriction.set_warnings(list(exc.warnings))
            raise

    def save(self) -> bool:
        """Save and close; on any problem show it at its field and save nothing."""
        self.errors.set_problems(self.check())
        if self.follow_ups.date_problem():
            return self.refused({"follow_ups": self.follow_ups.date_problem()})
        return self.submit(self.write)

    def refused(self, errors: Any) -> bool:
        result = super().refused(errors)
        if "restriction_acknowledged" in errors:
            self.message.show_message(
                self.tr(
                    "Nothing was saved: a restriction on contact covers this. Read the warning and tick "
                    "the box to go ahead."
                )
            )
        return result

    def save_and_raise_concern(self) -> QWidget | None:
        """Save, then open the concern form for this contact (None when the save was refused)."""
        if not self.save() or self.result_view is None:
            return None
        from carelink_desktop.ui.concern_dialog import ConcernDialog

        dialog = ConcernDialog(
            self.ctx, self.resident_id, visit_id=self.result_view.id, parent=self.parentWidget()
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.concern_dialog = dialog
        _keep_open(dialog)
        dialog.open()
        return dialog

    def focus_problem(self, widget: QWidget) -> None:
        """Open the detail when the problem is in it, then put the cursor there, in view."""
        if self.detail.isAncestorOf(widget) and not self.more_button.isChecked():
            self.show_detail(True)
        inner = getattr(widget, "focus_widgets", None)
        target = inner()[0] if callable(inner) and inner() else widget
        target.setFocus()
        self.scroll_area.ensureWidgetVisible(target)

    # -- keyboard and size -------------------------------------------------------------------

    def focus_widgets(self) -> list[QWidget]:
        """Everything Tab visits, in the order of the form."""
        return [
            self.people,
            self.others,
            self.restriction.acknowledge,
            self.kind,
            self.starts_at,
            self.has_end,
            self.ends_at,
            self.how_it_went.edit,
            self.more_button,
            *self.detail.focus_widgets(),
            self.concern_button,
            self.save_button,
            self.cancel_button,
        ]

    def retab(self) -> None:
        for first, second in itertools.pairwise(self.focus_widgets()):
            QWidget.setTabOrder(first, second)

    def fitted_size(self) -> QSize:
        """Wide enough for the prompts, as tall as the form, no bigger than the screen allows."""
        self.body.adjustSize()
        body = self.body.sizeHint()
        margins = self.main_layout.contentsMargins()
        width = max(body.width(), self.fontMetrics().averageCharWidth() * FORM_CHARS)
        width += self.scroll_area.verticalScrollBar().sizeHint().width() + margins.left() + margins.right()
        shown = [w for w in (self.heading, self.recorded, self.message) if not w.isHidden()]
        chrome = sum(w.sizeHint().height() for w in shown)
        height = body.height() + chrome + self.buttons.sizeHint().height() + margins.top() + margins.bottom()
        height += (len(shown) + 1) * max(self.main_layout.spacing(), 0)  # between the parts
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() if screen is not None else QSize(1024, 768)
        return QSize(min(width, room.width() - 40), min(height, room.height() - 80))

    # -- words -------------------------------------------------------------------------------

    def _title(self) -> str:
        who = self.resident_name or self.tr("resident")
        if self.view is not None:
            return self.tr("Contact on {date} — {name}").format(
                date=format_uk_date(self.view.details.starts_at.date()), name=who
            )
        return self.tr("Record contact — {name}").format(name=who)

    def _heading(self) -> str:
        if self.view is not None:
            return self.tr("{kind} with {name}").format(
                kind=self.tr(self.view.details.kind.label), name=self.resident_name
            )
        return self.tr("Record contact with {name}").format(
            name=self.resident_name or self.tr("the resident")
        )

    def _recorded_text(self) -> str:
        if self.view is not None:
            return self.tr("Recorded by {name} on {date}.").format(
                name=self.view.recorded_by or self.tr("someone"),
                date=format_uk_datetime(self.view.created_at),
            )
        if self.booking is not None:
            return self.tr(
                "From the booking for {when}: {who}. Saving this record completes the booking."
            ).format(when=format_uk_datetime(self.booking.details.starts_at), who=self.booking.visitors)
        return ""


#: Dialogs opened with no parent window, kept alive until they close.
_OPEN: set[QWidget] = set()


def _keep_open(dialog: Any) -> None:
    if dialog.parent() is None:
        _OPEN.add(dialog)
        dialog.finished.connect(lambda _result: _OPEN.discard(dialog))


__all__ = ["VisitDialog", "date_time_edit", "resident_label"]
