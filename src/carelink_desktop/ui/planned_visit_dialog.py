"""Booking a visit, outing, phone or video call for a resident, or changing a booking.

Who is coming is chosen among the resident's current key people (those under a restriction on
contact are marked) plus anyone else in words. A restriction covering the people or the day shows
as a warning as soon as it applies; saving without ticking that it was read is refused by the
service (and the acknowledgement is audited).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.planned_visits import PlannedVisitDetails
from carelink_desktop.domain.visits import Supervision, VisitKind
from carelink_desktop.services.contact_warnings import RestrictedContact, restriction_warnings
from carelink_desktop.services.planned_visits import (
    PlannedVisitView,
    book_visit,
    change_booking,
    planned_visit,
)
from carelink_desktop.services.relationships import RelationshipView, relationships_of
from carelink_desktop.services.residents import ResidentFilter, find_residents
from carelink_desktop.ui.form_dialog import FormDialog
from carelink_desktop.ui.pages import ShellContext
from carelink_desktop.ui.resident_picker import ResidentPicker, resident_label
from carelink_desktop.ui.resident_profile_form import CheckList, multi_line
from carelink_desktop.ui.restriction_warning import RestrictionWarningBox
from carelink_desktop.ui.widgets import emphasise, form_layout

#: The display format of the date-and-time field.
DATE_TIME_FORMAT = "dd/MM/yyyy HH:mm"


def qt_datetime(moment: datetime) -> QDateTime:
    return QDateTime(
        QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute, moment.second)
    )


def python_datetime(moment: QDateTime) -> datetime:
    day, clock = moment.date(), moment.time()
    return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute(), clock.second())


def next_whole_hour(now: datetime) -> datetime:
    """The start of the next hour: a sensible first guess for a new booking."""
    return now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


def compact(widget: QWidget) -> None:
    """As wide as its contents, never stretched across the form (a drop-down, a date)."""
    if isinstance(widget, QComboBox):
        widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    widget.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)


def person_text(rel: RelationshipView) -> str:
    """ "Susan Thompson (daughter)", marked when contact with them is restricted."""
    text = rel.key_person_name
    if rel.details.relationship:
        text = f"{text} ({rel.details.relationship})"
    return text


class PlannedVisitDialog(FormDialog):
    """Book (``planned_id`` None) or change a booking. ``resident_id`` None (a new booking) asks
    which resident first. After ``accepted``, ``result_view`` is the saved PlannedVisitView."""

    def __init__(
        self,
        ctx: ShellContext,
        resident_id: str | None = None,
        *,
        planned_id: str | None = None,
        when: datetime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ws = ctx.ws
        self.booking: PlannedVisitView | None = planned_visit(self.ws, planned_id) if planned_id else None
        self.resident_id = self.booking.resident_id if self.booking else resident_id
        self._loading = True
        self._relationships: list[RelationshipView] = []
        self.setWindowTitle(self.tr("Change a booking") if self.booking else self.tr("Book a visit or call"))

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        emphasise(self.heading, 1.15)
        self.form = form_layout()
        self.picker: ResidentPicker | None = None
        if self.resident_id is None:
            self.picker = ResidentPicker(self.ws, lines=4)
            self.picker.search_label.hide()
            self.picker.chosen_changed.connect(self._resident_chosen)
            self._row("resident_id", self.picker, self.tr("&Resident:"), focus=self.picker.search)
            self.heading.setText(self.tr("Book a visit, outing or call"))
        else:
            self.heading.setText(self._resident_heading())

        self.people = CheckList()
        self.people.setAccessibleName(self.tr("Key people coming"))
        self.people.setToolTip(self.tr("Use the arrow keys to move and Space to tick or untick"))
        self.people.itemChanged.connect(lambda _item: self._people_changed())
        self.no_people = QLabel()
        self.no_people.setWordWrap(True)
        people_box = QWidget()
        people_layout = QVBoxLayout(people_box)
        people_layout.setContentsMargins(0, 0, 0, 0)
        people_layout.addWidget(self.people)
        people_layout.addWidget(self.no_people)
        self._row("relationship_ids", people_box, self.tr("&Who is coming:"), focus=self.people)
        self.others = QLineEdit()
        self.others.setPlaceholderText(self.tr("Anyone else, e.g. grandson's partner Jo, the chaplain"))
        self.others.textChanged.connect(lambda _t: self.changed("other_visitors"))
        self._row("other_visitors", self.others, self.tr("&Others coming:"))

        self.kind = QComboBox()
        for kind in VisitKind:
            if kind.bookable:
                self.kind.addItem(self.tr(kind.label), kind.value)
        compact(self.kind)
        self.watch("kind", self.kind)
        self._row("kind", self.kind, self.tr("&Kind:"))
        self.starts_at = QDateTimeEdit()
        self.starts_at.setDisplayFormat(DATE_TIME_FORMAT)
        self.starts_at.setCalendarPopup(True)
        self.starts_at.setToolTip(self.tr("Day and time, e.g. 22/11/2026 14:30"))
        compact(self.starts_at)
        self.starts_at.dateTimeChanged.connect(lambda _d: self._when_changed())
        self._row("starts_at", self.starts_at, self.tr("&Date and time:"))
        self.expected_minutes = QSpinBox()
        self.expected_minutes.setRange(5, 24 * 60)
        self.expected_minutes.setSingleStep(15)
        self.expected_minutes.setSuffix(self.tr(" minutes"))
        compact(self.expected_minutes)
        self.watch("expected_minutes", self.expected_minutes, self.expected_minutes.valueChanged)
        self._row("expected_minutes", self.expected_minutes, self.tr("Expected &length:"))
        self.location = QLineEdit()
        self.location.setPlaceholderText(self.tr("e.g. lounge, own room, garden; for an outing, where to"))
        self.watch("location", self.location)
        self._row("location", self.location, self.tr("W&here:"))
        self.supervision = QComboBox()
        for level in Supervision:
            self.supervision.addItem(self.tr(level.label), level.value)
        compact(self.supervision)
        self.watch("supervision", self.supervision)
        self._row("supervision", self.supervision, self.tr("&Supervision needed:"))
        self.notes = multi_line(3)
        self.notes.setPlaceholderText(self.tr("Anything staff should know or prepare"))
        self.watch("notes", self.notes)
        self._row("notes", self.notes, self.tr("&Notes:"))

        self.warning = RestrictionWarningBox()
        self.warning.changed.connect(lambda: self.changed("restriction_acknowledged"))
        self.warning.changed.connect(self._fit_height)  # room for the warning as it appears
        warning_box = self.errors.add(
            "restriction_acknowledged", self.warning, self.tr("Restriction on contact")
        )

        self.body = body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, self.fontMetrics().averageCharWidth(), 0)
        column.addLayout(self.form)
        column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(body)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.build_buttons()
        self.save_button.setText(self.tr("&Save booking") if self.booking is None else self.tr("&Save"))
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        self.main_layout = layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(warning_box)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.resize(self.fontMetrics().averageCharWidth() * 96, self.height())
        self.setSizeGripEnabled(True)

        self._fill(when)
        self._loading = False
        self.remember_state()
        self.errors.set_problems(self.check())
        self._fit_height()
        first = self.picker.search if self.picker is not None else self.people
        if self.people.count() == 0 and self.picker is None:
            first = self.others
        first.setFocus()

    # -- building ----------------------------------------------------------------------------------

    def _row(self, name: str, widget: QWidget, label: str, *, focus: QWidget | None = None) -> None:
        target = focus or widget
        if not target.accessibleName():
            target.setAccessibleName(label.replace("&", "").rstrip(":"))
        buddy = QLabel(label)
        buddy.setBuddy(target)
        self.form.addRow(buddy, self.errors.add(name, widget, label.rstrip(":")))

    def _resident_heading(self) -> str:
        if self.booking is not None:
            who = resident_label(self.booking.resident_name, self.booking.room)
            return self.tr("Booking for {who}").format(who=who)
        found = find_residents(self.ws, status=ResidentFilter.ALL)
        match = next((r for r in found if r.id == self.resident_id), None)
        who = resident_label(match.display_name, match.room) if match else ""
        return self.tr("Book a visit, outing or call for {who}").format(who=who)

    def _fit_height(self) -> None:
        """Tall enough to show the whole form without scrolling, when the screen allows (never
        shrinking under the person's hands)."""
        self.main_layout.activate()
        form = self.body.sizeHint().height()
        rest = self.sizeHint().height() - self.scroll_area.sizeHint().height()
        screen = self.screen().availableGeometry().height() if self.screen() else 768
        wanted = min(form + rest + 2 * self.fontMetrics().height(), int(screen * 0.9))
        if wanted > self.height():
            self.resize(self.width(), wanted)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_height()

    def _fill(self, when: datetime | None) -> None:
        booking = self.booking
        if booking is None:
            start = when or next_whole_hour(datetime.combine(self.ws.today(), datetime.now().time()))
            details = PlannedVisitDetails(VisitKind.VISIT, start)
            self.starts_at.setMinimumDateTime(
                qt_datetime(datetime.combine(self.ws.today(), datetime.min.time()))
            )
        else:
            details = booking.details
        self._load_people(details.relationship_ids)
        self.others.setText(details.other_visitors)
        self.kind.setCurrentIndex(max(self.kind.findData(details.kind.value), 0))
        self.starts_at.setDateTime(qt_datetime(details.starts_at))
        self.expected_minutes.setValue(details.expected_minutes)
        self.location.setText(details.location)
        self.supervision.setCurrentIndex(max(self.supervision.findData(details.supervision.value), 0))
        self.notes.setPlainText(details.notes)
        self._update_warnings()
        if booking is not None and details.restriction_acknowledged and self.warning.warnings():
            self.warning.acknowledge.setChecked(True)  # acknowledged when booked

    def _load_people(self, ticked: tuple[str, ...] = ()) -> None:
        """The resident's current key people (and anyone already booked who has since left the
        map), ticked as given; restricted people are marked."""
        self._relationships = (
            relationships_of(self.ws, self.resident_id, include_ended=False) if self.resident_id else []
        )
        self.people.blockSignals(True)
        self.people.clear()
        listed = set()
        for rel in self._relationships:
            text = person_text(rel)
            if rel.restricted:
                text = self.tr("{person} — ⚠ contact restricted").format(person=text)
            self._add_person(rel.id, text, rel.id in ticked, restricted=rel.restricted)
            listed.add(rel.id)
        if self.booking is not None:
            for p in self.booking.participants:
                if p.relationship_id not in listed:
                    text = self.tr("{person} (no longer on the map)").format(person=p.name)
                    self._add_person(p.relationship_id, text, p.relationship_id in ticked)
        self.people.blockSignals(False)
        self.people.setVisible(self.people.count() > 0)
        if self.resident_id is None:
            self.no_people.setText(self.tr("Choose the resident first."))
        else:
            self.no_people.setText(
                self.tr("No key people on this resident's map: say who is coming under Others.")
            )
        self.no_people.setVisible(self.people.count() == 0)
        self.people.updateGeometry()

    def _add_person(self, relationship_id: str, text: str, ticked: bool, *, restricted: bool = False) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, relationship_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        if restricted:
            item.setToolTip(self.tr("A restriction on contact with this person is in force."))
        self.people.addItem(item)

    # -- reacting -----------------------------------------------------------------------------------

    def _resident_chosen(self) -> None:
        assert self.picker is not None
        self.resident_id = self.picker.chosen_id()
        self._load_people()
        self._update_warnings()
        self.changed("resident_id")

    def _people_changed(self) -> None:
        self._update_warnings()
        self.changed("relationship_ids")

    def _when_changed(self) -> None:
        self._update_warnings()
        self.changed("starts_at")

    def _update_warnings(self) -> None:
        if self.resident_id is None or self.ws.store.closed:
            self.warning.set_warnings([])
            return
        on = python_datetime(self.starts_at.dateTime()).date()
        self.warning.set_warnings(restriction_warnings(self.ws, self.resident_id, self.ticked(), on))

    def changed(self, name: str) -> None:
        if not self._loading:
            super().changed(name)

    # -- values -------------------------------------------------------------------------------------

    def ticked(self) -> tuple[str, ...]:
        """The relationships ticked as coming, in list order."""
        found = []
        for row in range(self.people.count()):
            item = self.people.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                found.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return tuple(found)

    def tick(self, relationship_id: str, on: bool = True) -> bool:
        """Tick (or untick) a key person as a click would; False when they are not listed."""
        for row in range(self.people.count()):
            item = self.people.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == relationship_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                return True
        return False

    def details(self) -> PlannedVisitDetails:
        start = python_datetime(self.starts_at.dateTime())
        return PlannedVisitDetails(
            kind=VisitKind(self.kind.currentData()),
            starts_at=start,
            relationship_ids=self.ticked(),
            other_visitors=self.others.text(),
            expected_minutes=self.expected_minutes.value(),
            location=self.location.text(),
            supervision=Supervision(self.supervision.currentData()),
            notes=self.notes.toPlainText(),
            restriction_acknowledged=self.warning.acknowledged(),
        )

    def state(self) -> Any:
        return (self.resident_id, self.details())

    def check(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        if self.resident_id is None:
            problems["resident_id"] = self.tr("Choose the resident the booking is for.")
        details = self.details()
        if self.booking is None and details.starts_at.date() < self.ws.today():
            problems["starts_at"] = self.tr("A booking cannot be in the past: record the contact instead.")
        return self.add_rule_problems(problems, lambda: details.cleaned().validate(self.ws.today()))

    def placed(self, errors: Mapping[str, str]) -> dict[str, str]:
        """The warning box already says what the restriction is: under it, say what to do."""
        out = dict(errors)
        if "restriction_acknowledged" in out:
            out["restriction_acknowledged"] = self.tr(
                "Tick the box above to go ahead, or change who is coming."
            )
        return out

    def refused(self, errors: Mapping[str, str]) -> bool:
        super().refused(errors)
        self._fit_height()  # room for the messages
        return False

    def focus_problem(self, widget: QWidget) -> None:
        if widget is self.warning:
            self.scroll_area.ensureWidgetVisible(self.warning)
        widget.setFocus()

    # -- saving -------------------------------------------------------------------------------------

    def save(self) -> bool:
        problems = self.check()
        self.errors.set_problems(problems)
        if problems:
            return self.refused(problems)
        return self.submit(self._write)

    def _write(self) -> PlannedVisitView:
        assert self.resident_id is not None
        details = self.details()
        try:
            if self.booking is None:
                return book_visit(self.ws, self.resident_id, details)
            return change_booking(self.ws, self.booking.id, details, expected_version=self.booking.version)
        except RestrictedContact as exc:
            self.warning.set_warnings(exc.warnings)  # what the service found, if it has changed
            raise
