"""A resident's Contact tab: how their contact compares with what they wished (the isolation
signal), the bookings coming up, and the whole history of contact page by page with filters
(dates, person, kind, words in the notes).

From here staff record contact, book a visit, open a record, raise a concern from a contact and
print the visit history. The tab never writes itself: the dialogs call services, and the tab
reads again when a service announces a change of a kind in ``WATCHES`` (at once when shown,
otherwise when next shown).
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.errors import CareLinkError
from carelink_desktop.domain.isolation import SignalLevel, worst
from carelink_desktop.domain.roles import Permission
from carelink_desktop.domain.visits import VisitKind
from carelink_desktop.services.home_settings import home_settings
from carelink_desktop.services.planned_visits import planned_between
from carelink_desktop.services.relationship_map import RelationshipMap, relationship_map
from carelink_desktop.services.visit_history import HistoryFilter, VisitPage, VisitSummary, visit_history
from carelink_desktop.ui.contact_models import ContactHistoryModel, UpcomingBookingsModel
from carelink_desktop.ui.map_record_dialogs import add_months
from carelink_desktop.ui.pages import ShellContext
from carelink_desktop.ui.record_dialog import person_label
from carelink_desktop.ui.relationship_form import hint_label
from carelink_desktop.ui.widgets import (
    DateField,
    FieldMessage,
    record_table,
    refresh_after_typing,
    search_field,
)

#: Contacts on one page of the history.
PAGE_SIZE = 50
#: How far ahead "Coming up" looks.
UPCOMING_DAYS = 30
#: Change kinds that alter what the tab shows.
WATCHES = frozenset(
    {
        "visit_record",
        "follow_up",
        "concern",
        "planned_visit",
        "relationship",
        "key_person",
        "contact_restriction",
        "resident",
        "home_settings",
    }
)
ATTENTION_STYLE = "background: #fff4ce; color: #3d2e00; border: 1px solid #c8a600; padding: 6px;"
CALM_STYLE = "border: 1px solid palette(mid); padding: 6px;"


def ago(days: int) -> str:
    return "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"


class ContactTab(QWidget):
    """One resident's contact. ``set_resident`` chooses whose; ``said`` carries messages."""

    said = Signal(str)

    def __init__(self, ctx: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ws = ctx.ws
        self.resident_id: str | None = None
        self.read_only = False
        self.offset = 0
        self.page: VisitPage | None = None
        self.the_map: RelationshipMap | None = None
        self.dialog: QDialog | None = None
        self._stale = False

        self.signal = QLabel()
        self.signal.setWordWrap(True)
        self.signal.setTextFormat(Qt.TextFormat.PlainText)
        self.signal.setAccessibleName(self.tr("Isolation signal"))
        self.signal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.upcoming_model = UpcomingBookingsModel(self)
        self.upcoming = record_table(self.upcoming_model, self.tr("Coming up"), stretch=(2,))
        self.upcoming.activated.connect(lambda _index: self.open_booking())
        self.upcoming.doubleClicked.connect(lambda _index: self.open_booking())
        self.upcoming_heading = QLabel(self.tr("Coming &up (next {n} days)").format(n=UPCOMING_DAYS))
        self.upcoming_heading.setStyleSheet("font-weight: bold;")
        self.upcoming_heading.setBuddy(self.upcoming)
        self.upcoming_empty = QLabel(self.tr("Nothing booked."))
        self.book_button = QPushButton(self.tr("&Book…"))
        self.book_button.setToolTip(self.tr("Book a visit, outing or call"))
        self.book_button.clicked.connect(self.book)

        self._build_filters()
        self.model = ContactHistoryModel(self)
        self.table = record_table(self.model, self.tr("Contact history"), stretch=(5,))
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._update_buttons())
        self.empty = hint_label()
        self.showing = QLabel()
        self.showing.setAccessibleName(self.tr("Contacts shown"))
        self.previous_button = QPushButton(self.tr("◀ Pre&vious"))
        self.previous_button.setAccessibleName(self.tr("Previous page"))
        self.next_button = QPushButton(self.tr("Ne&xt ▶"))
        self.next_button.setAccessibleName(self.tr("Next page"))
        self.previous_button.clicked.connect(lambda: self.turn(-1))
        self.next_button.clicked.connect(lambda: self.turn(1))

        self.record_button = QPushButton(self.tr("Record con&tact…"))
        self.record_button.setToolTip(self.tr("Record a visit, outing, call, letter or message"))
        self.open_button = QPushButton(self.tr("Ope&n…"))
        self.open_button.setToolTip(self.tr("Open the chosen contact (or press Enter on it)"))
        self.concern_button = QPushButton(self.tr("Ra&ise a concern…"))
        self.concern_button.setToolTip(self.tr("Raise a concern from the chosen contact"))
        self.print_button = QPushButton(self.tr("Print visit histor&y…"))
        self.print_button.setToolTip(
            self.tr("Preview and print the visit history for the dates chosen (the last 3 months if none)")
        )
        self.message = FieldMessage()
        self.message.setAccessibleName(self.tr("Message"))
        self.record_button.clicked.connect(self.record_contact)
        self.open_button.clicked.connect(self.open_selected)
        self.concern_button.clicked.connect(self.raise_concern)
        self.print_button.clicked.connect(self.print_history)

        upcoming_top = QHBoxLayout()
        upcoming_top.addWidget(self.upcoming_heading)
        upcoming_top.addWidget(self.upcoming_empty)
        upcoming_top.addStretch(1)
        upcoming_top.addWidget(self.book_button)
        paging = QHBoxLayout()
        paging.addWidget(self.record_button)
        paging.addWidget(self.open_button)
        paging.addWidget(self.concern_button)
        paging.addWidget(self.print_button)
        paging.addWidget(self.message, 1)
        paging.addStretch(0)
        paging.addWidget(self.showing)
        paging.addWidget(self.previous_button)
        paging.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.signal)
        layout.addLayout(upcoming_top)
        layout.addWidget(self.upcoming)
        layout.addLayout(self.filters_row)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(paging)
        order = [
            self.upcoming,
            self.book_button,
            self.start,
            self.end,
            self.person,
            self.kind,
            self.words,
            self.table,
            self.record_button,
            self.open_button,
            self.concern_button,
            self.print_button,
            self.previous_button,
            self.next_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        ctx.changes.changed.connect(self._on_change)

    def _build_filters(self) -> None:
        self.start = DateField()
        self.start.setAccessibleName(self.tr("From"))
        self.end = DateField()
        self.end.setAccessibleName(self.tr("To"))
        dates_label = QLabel(self.tr("Dat&es:"))
        dates_label.setBuddy(self.start)
        to_label = QLabel(self.tr("to"))
        self.person = QComboBox()
        self.person.setAccessibleName(self.tr("Who"))
        self.person.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        person_label_ = QLabel(self.tr("&Who:"))
        person_label_.setBuddy(self.person)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All kinds"), None)
        for kind in VisitKind:
            self.kind.addItem(self.tr(kind.label), kind.value)
        self.kind.setAccessibleName(self.tr("Kind"))
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        kind_label = QLabel(self.tr("&Kind:"))
        kind_label.setBuddy(self.kind)
        self.words = search_field(self.tr("Words in the notes"), self.tr("Words"))
        words_label = QLabel(self.tr("Wor&ds:"))
        words_label.setBuddy(self.words)
        row = QHBoxLayout()
        for widget in (dates_label, self.start, to_label, self.end):
            row.addWidget(widget)
        row.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        row.addWidget(person_label_)
        row.addWidget(self.person)
        row.addWidget(kind_label)
        row.addWidget(self.kind)
        row.addWidget(words_label)
        row.addWidget(self.words, 1)
        self.filters_row = row
        self._debounce = refresh_after_typing(self.words, self.first_page, self)
        self.person.currentIndexChanged.connect(lambda _i: self.first_page())
        self.kind.currentIndexChanged.connect(lambda _i: self.first_page())
        for field in (self.start, self.end):
            field.editingFinished.connect(self.first_page)
            field.textChanged.connect(lambda _t, f=field: self._date_typed(f))

    # -- whose contact -----------------------------------------------------------------------

    def set_resident(self, resident_id: str | None, read_only: bool = False) -> None:
        """Show this resident's contact (filters cleared, first page)."""
        changed = resident_id != self.resident_id
        self.resident_id = resident_id
        self.read_only = read_only or not self.ws.may(Permission.RECORD_CONTACT)
        if changed:
            self.the_map = None
            for widget in (self.person, self.kind):
                widget.blockSignals(True)
                widget.setCurrentIndex(0)
                widget.blockSignals(False)
            for field in (self.start, self.end, self.words):
                field.blockSignals(True)
                field.clear()
                field.blockSignals(False)
            self.offset = 0
        for button in (self.record_button, self.book_button, self.concern_button):
            button.setEnabled(not self.read_only)
        self.refresh()

    def refresh(self) -> None:
        """Read everything again (at once when shown, else when next shown)."""
        if self.resident_id is None:
            self.model.set_rows([])
            self.upcoming_model.set_rows([])
            return
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        if self.ws.store.closed:
            return
        try:
            self.the_map = relationship_map(self.ws, self.resident_id)
            self._fill_people(self.the_map)
            self.load_page()
            self._load_upcoming()
            self._show_signal(self.the_map)
        except CareLinkError as exc:
            self.say(str(exc))

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale or (self.resident_id is not None and self.the_map is None):
            self.refresh()

    def _on_change(self, kind: str) -> None:
        if kind in WATCHES and self.resident_id is not None:
            self.refresh()

    def _fill_people(self, the_map: RelationshipMap) -> None:
        chosen = self.person.currentData()
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItem(self.tr("Anyone"), None)
        for rel in the_map.relationships:
            text = person_label(rel)
            if rel.ended:
                text = self.tr("{person} (ended)").format(person=text)
            self.person.addItem(text, rel.id)
        self.person.setCurrentIndex(max(self.person.findData(chosen), 0))
        self.person.blockSignals(False)

    # -- the history -------------------------------------------------------------------------

    def filters(self) -> HistoryFilter:
        """The filters as chosen (a date that is not a date filters nothing: the message says so)."""
        kind = self.kind.currentData()
        return HistoryFilter(
            start=_date(self.start),
            end=_date(self.end),
            relationship_id=self.person.currentData(),
            kinds=frozenset({VisitKind(kind)}) if kind else frozenset(),
            words=self.words.text(),
        )

    def _date_typed(self, field: DateField) -> None:
        if not field.text().strip() or (field.looks_complete() and field.problem() is None):
            self.first_page()

    def first_page(self) -> None:
        self.offset = 0
        self.load_page()

    def turn(self, step: int) -> None:
        """Go ``step`` pages on (negative: back)."""
        total = self.page.total if self.page else 0
        self.offset = max(0, min(self.offset + step * PAGE_SIZE, max(total - 1, 0) // PAGE_SIZE * PAGE_SIZE))
        self.load_page()

    def load_page(self) -> None:
        """Read the page at ``offset`` with the filters as chosen."""
        self._debounce.stop()
        if self.resident_id is None or self.ws.store.closed:
            return
        current = self.selected()
        filters = self.filters()
        self.page = visit_history(self.ws, self.resident_id, filters, offset=self.offset, limit=PAGE_SIZE)
        if not self.page.items and self.offset and self.page.total:
            self.offset = (self.page.total - 1) // PAGE_SIZE * PAGE_SIZE  # the last page shrank
            self.page = visit_history(self.ws, self.resident_id, filters, offset=self.offset, limit=PAGE_SIZE)
        self.model.set_rows(self.page.items)
        if self.page.items:
            row = self.model.row_of(current.id) if current else -1
            self.table.selectRow(max(row, 0))
        total, count = self.page.total, len(self.page.items)
        self.showing.setText(
            self.tr("Showing {first}–{last} of {total}").format(
                first=f"{self.offset + 1:,}", last=f"{self.offset + count:,}", total=f"{total:,}"
            )
            if count
            else ""
        )
        self.previous_button.setEnabled(self.offset > 0)
        self.next_button.setEnabled(self.offset + count < total)
        filtered = filters != HistoryFilter()
        self.empty.setText(
            self.tr("No contact matches these filters.")
            if filtered
            else self.tr("No contact recorded yet. Record a visit, call or letter with “Record contact…”.")
        )
        self.empty.setVisible(not count)
        problems = [f"{f.accessibleName()}: {f.problem()}" for f in (self.start, self.end) if f.problem()]
        self.message.show_message(" ".join(problems))
        self._update_buttons()

    def selected(self) -> VisitSummary | None:
        index = self.table.currentIndex()
        return self.model.visit_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.open_button.setEnabled(chosen)
        self.concern_button.setEnabled(not self.read_only)
        self.concern_button.setToolTip(
            self.tr("Raise a concern from the chosen contact")
            if chosen
            else self.tr("Raise a concern about this resident")
        )

    # -- the signal and bookings -------------------------------------------------------------

    def _show_signal(self, the_map: RelationshipMap) -> None:
        """What the isolation signal says for this resident, in words."""
        today = self.ws.today()
        unfiltered = self.page is not None and self.offset == 0 and self.filters() == HistoryFilter()
        latest = (
            self.page.items[:1]
            if unfiltered and self.page is not None
            else visit_history(self.ws, the_map.resident_id, limit=1).items
        )
        limit = home_settings(self.ws).no_contact_days
        lines: list[str] = []
        if latest:
            last = latest[0]
            gap = (today - last.starts_at.date()).days
            lines.append(
                self.tr("Last contact: {date} ({ago}), {kind} with {people}.").format(
                    date=format_uk_date(last.starts_at.date()),
                    ago=self.tr(ago(gap)),
                    kind=self.tr(last.kind.label).lower(),
                    people=last.people or self.tr("no one named"),
                )
            )
            no_contact = gap >= limit
            if no_contact:
                lines.append(
                    self.tr(
                        "⚠ No contact recorded for {n} days (the home flags {limit} days or more)."
                    ).format(n=gap, limit=limit)
                )
        else:
            no_contact = False
            lines.append(self.tr("No contact recorded yet."))
        levels = [s.level for s in the_map.signals.values() if s.level is not SignalLevel.NO_WISH]
        for rel in the_map.current:
            signal = the_map.signals.get(rel.id)
            if signal is None:
                continue
            for wish in signal.wishes:
                if wish.level is not SignalLevel.NO_WISH:
                    mark = "⚠ " if wish.level.concern else ""
                    lines.append(f"{mark}{rel.key_person_name}: {wish.text(today)}")
        level = worst(levels)
        concern = level.concern or no_contact
        if no_contact and not level.concern:
            head = self.tr("Isolation signal: no recent contact.")
        elif level is SignalLevel.NO_WISH:
            head = self.tr("Isolation signal: no wishes about how often to keep in touch are recorded.")
        else:
            head = self.tr("Isolation signal: {level}.").format(level=self.tr(level.label).lower())
        self.signal.setText("\n".join([head, *lines]))
        self.signal.setStyleSheet(ATTENTION_STYLE if concern else CALM_STYLE)

    def _load_upcoming(self) -> None:
        assert self.resident_id is not None
        start = datetime.combine(self.ws.today(), time())
        found = planned_between(
            self.ws, start, start + timedelta(days=UPCOMING_DAYS + 1), resident_id=self.resident_id
        )
        self.upcoming_model.set_rows(found)
        self.upcoming_empty.setVisible(not found)
        self.upcoming.setVisible(bool(found))
        rows = min(len(found), 3)
        if rows:
            row_height = max(
                self.upcoming.verticalHeader().defaultSectionSize(), self.upcoming.sizeHintForRow(0)
            )
            header = self.upcoming.horizontalHeader().sizeHint().height()
            self.upcoming.setFixedHeight(header + rows * row_height + 2 * self.upcoming.frameWidth())

    # -- actions -----------------------------------------------------------------------------

    def _open(self, make: Any) -> Any:
        try:
            dialog = make()
        except CareLinkError as exc:
            self.say(str(exc))
            return None
        self.message.show_message("")
        self.dialog = dialog
        dialog.open()
        return dialog

    def record_contact(self) -> Any:
        """Open a new record of contact for this resident."""
        if self.resident_id is None or self.read_only:
            return None
        from carelink_desktop.ui.visit_dialog import VisitDialog

        resident_id = self.resident_id
        return self._open(lambda: VisitDialog(self.ctx, resident_id, parent=self))

    def open_selected(self) -> Any:
        """Open the chosen contact's record."""
        chosen = self.selected()
        if chosen is None or self.resident_id is None:
            return None
        from carelink_desktop.ui.visit_dialog import VisitDialog

        resident_id = self.resident_id
        return self._open(lambda: VisitDialog(self.ctx, resident_id, visit_id=chosen.id, parent=self))

    def raise_concern(self) -> Any:
        """A concern from the chosen contact (or about the resident, when none is chosen)."""
        if self.resident_id is None or self.read_only:
            return None
        from carelink_desktop.ui.concern_dialog import ConcernDialog

        chosen = self.selected()
        resident_id = self.resident_id
        return self._open(
            lambda: ConcernDialog(self.ctx, resident_id, visit_id=chosen.id if chosen else None, parent=self)
        )

    def book(self) -> Any:
        if self.resident_id is None or self.read_only:
            return None
        from carelink_desktop.ui.planned_visit_dialog import PlannedVisitDialog

        resident_id = self.resident_id
        return self._open(lambda: PlannedVisitDialog(self.ctx, resident_id, parent=self))

    def open_booking(self) -> Any:
        index = self.upcoming.currentIndex()
        if not index.isValid() or self.resident_id is None:
            return None
        from carelink_desktop.ui.planned_visit_dialog import PlannedVisitDialog

        booking = self.upcoming_model.booking_at(index.row())
        resident_id = self.resident_id
        return self._open(
            lambda: PlannedVisitDialog(self.ctx, resident_id, planned_id=booking.id, parent=self)
        )

    def print_range(self) -> tuple[date, date]:
        """The dates the filters give, or the last 3 months up to today."""
        end = _date(self.end) or self.ws.today()
        start = _date(self.start) or add_months(end, -3)
        return start, end

    def print_history(self) -> None:
        if self.resident_id is None:
            return
        from carelink_desktop.ui import report_actions

        start, end = self.print_range()
        report_actions.print_visit_history(self, self.ctx, self.resident_id, start, end)

    def say(self, text: str) -> None:
        self.message.show_message(text)
        self.said.emit(text)


def _date(field: DateField) -> date | None:
    return None if field.problem() else field.date()
