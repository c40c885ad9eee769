"""Qt table models for the Today board, thin adapters over the read models of
services.today_board (a shift's bookings and recorded contact, who is in the building, follow-ups
due, open concerns and residents flagged by the isolation signal), and the tables and shift
sections that show them.

Every warning is said in words (" — overdue", "still signed in since 21/11"); colour only repeats it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFocusEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.concerns import Severity
from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.planned_visits import PlannedStatus
from carelink_desktop.domain.shifts import Shift
from carelink_desktop.domain.visits import VisitKind
from carelink_desktop.services.concerns import ConcernSummary
from carelink_desktop.services.contact_signals import IsolationFlag
from carelink_desktop.services.planned_visits import PlannedVisitView
from carelink_desktop.services.today_board import ShiftBlock
from carelink_desktop.services.visit_history import FollowUpView, VisitSummary
from carelink_desktop.ui.resident_picker import resident_label
from carelink_desktop.ui.table_model import ReadModelTable
from carelink_desktop.ui.widgets import PROBLEM_COLOUR, emphasise

#: A booking still waiting this long after its time says so.
LATE_AFTER_MINUTES = 15
#: Grey for bookings that are over (cancelled, did not come, completed): still readable (7:1).
FINISHED_COLOUR = QColor("#575757")


#: Kinds as the board's narrow columns name them.
SHORT_KINDS = {
    "visit": QT_TRANSLATE_NOOP("TodayBoard", "Visit"),
    "outing": QT_TRANSLATE_NOOP("TodayBoard", "Outing"),
    "phone": QT_TRANSLATE_NOOP("TodayBoard", "Phone call"),
    "video": QT_TRANSLATE_NOOP("TodayBoard", "Video call"),
    "letter": QT_TRANSLATE_NOOP("TodayBoard", "Letter"),
    "message": QT_TRANSLATE_NOOP("TodayBoard", "Message"),
}


def short_kind(kind: VisitKind) -> str:
    return QCoreApplication.translate("TodayBoard", str(SHORT_KINDS[kind.value]))


def clock(moment: datetime | None) -> str:
    return moment.strftime("%H:%M") if moment else ""


def first_line(text: str, limit: int = 120) -> str:
    """The first line of some notes, shortened with an ellipsis."""
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def time_span(start: datetime, end: datetime | None) -> str:
    """ "10:00–11:00", "10:00" without an end; an end on another day shows its date."""
    if end is None or end <= start:
        return clock(start)
    if end.date() != start.date():
        return f"{clock(start)}–{clock(end)} ({end.strftime('%d/%m')})"
    return f"{clock(start)}–{clock(end)}"


class PlannedVisitsModel(ReadModelTable):
    """A shift's bookings: time, resident and room, who is coming, kind, status."""

    HEADERS = (
        QT_TRANSLATE_NOOP("PlannedVisitsModel", "Time"),
        QT_TRANSLATE_NOOP("PlannedVisitsModel", "Resident"),
        QT_TRANSLATE_NOOP("PlannedVisitsModel", "Who is coming"),
        QT_TRANSLATE_NOOP("PlannedVisitsModel", "Kind"),
        QT_TRANSLATE_NOOP("PlannedVisitsModel", "Status"),
    )
    STATUS_COLUMN = 4

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        #: When the board was built: a booking well past its time says it is still waiting.
        self.now: datetime | None = None

    def set_visits(self, rows: Sequence[PlannedVisitView], now: datetime | None) -> None:
        self.now = now
        self.set_rows(rows)

    def visit_at(self, row: int) -> PlannedVisitView:
        return self.item_at(row)  # type: ignore[no-any-return]

    def late(self, p: PlannedVisitView) -> bool:
        """Still booked a quarter of an hour after it was due."""
        due = p.details.starts_at + timedelta(minutes=LATE_AFTER_MINUTES)
        return p.status is PlannedStatus.BOOKED and self.now is not None and self.now >= due

    def status_text(self, p: PlannedVisitView) -> str:
        status = self.tr(p.status.label)
        if self.late(p):
            status = (
                self.tr("Booked · not arrived yet")
                if p.details.kind.in_person
                else self.tr("Booked · not recorded yet")
            )
        if p.status is PlannedStatus.ARRIVED and p.signed_in_at:
            status = self.tr("Signed in {time}").format(time=clock(p.signed_in_at))
        elif p.status is PlannedStatus.COMPLETED and p.signed_out_at:
            status = self.tr("Signed out {time}").format(time=clock(p.signed_out_at))
        if p.status_reason and p.status in (PlannedStatus.CANCELLED, PlannedStatus.DID_NOT_COME):
            status = f"{status}: {first_line(p.status_reason, 60)}"
        if p.visit_id:
            status = self.tr("{status} · recorded").format(status=status)
        if p.restricted:
            status = self.tr("{status} · ⚠ Restricted").format(status=status)
        return status

    def cells(self, item: Any) -> tuple[str, ...]:
        p: PlannedVisitView = item
        return (
            time_span(p.details.starts_at, p.details.ends_at),
            resident_label(p.resident_name, p.room),
            p.visitors,
            short_kind(p.details.kind),
            self.status_text(p),
        )

    def role_data(self, item: Any, column: int, role: int) -> Any:
        p: PlannedVisitView = item
        if role == Qt.ItemDataRole.ForegroundRole and p.status.finished:
            return QBrush(FINISHED_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = []
            if p.restricted:
                lines.append(
                    self.tr(
                        "A restriction on contact covers this booking: the warning was acknowledged "
                        "when it was booked."
                    )
                )
            if p.status_reason:
                lines.append(p.status_reason)
            if p.details.location:
                lines.append(self.tr("Where: {place}").format(place=p.details.location))
            if p.details.notes:
                lines.append(p.details.notes)
            return "\n".join(lines) or None
        return None


class RecordedVisitsModel(ReadModelTable):
    """A shift's recorded contact: time, resident, who, kind, how it went, what to note."""

    HEADERS = (
        QT_TRANSLATE_NOOP("RecordedVisitsModel", "Time"),
        QT_TRANSLATE_NOOP("RecordedVisitsModel", "Resident"),
        QT_TRANSLATE_NOOP("RecordedVisitsModel", "With"),
        QT_TRANSLATE_NOOP("RecordedVisitsModel", "Kind"),
        QT_TRANSLATE_NOOP("RecordedVisitsModel", "How it went"),
        QT_TRANSLATE_NOOP("RecordedVisitsModel", "To note"),
    )
    NOTE_COLUMN = 5

    def visit_at(self, row: int) -> VisitSummary:
        return self.item_at(row)  # type: ignore[no-any-return]

    def notes(self, v: VisitSummary) -> str:
        found = []
        if v.concerns:
            one, many = self.tr("⚠ concern"), self.tr("⚠ {n} concerns")
            found.append(one if v.concerns == 1 else many.format(n=v.concerns))
        if v.open_follow_ups:
            one, many = self.tr("follow-up"), self.tr("{n} follow-ups")
            found.append(one if v.open_follow_ups == 1 else many.format(n=v.open_follow_ups))
        if v.restriction_acknowledged:
            found.append(self.tr("Restricted"))
        return ", ".join(found)

    def cells(self, item: Any) -> tuple[str, ...]:
        v: VisitSummary = item
        return (
            time_span(v.starts_at, v.ends_at),
            v.resident_name,
            v.people,
            short_kind(v.kind),
            first_line(v.observations),
            self.notes(v),
        )

    def role_data(self, item: Any, column: int, role: int) -> Any:
        v: VisitSummary = item
        if column == self.NOTE_COLUMN and v.concerns and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(PROBLEM_COLOUR)
        if column == 4 and role == Qt.ItemDataRole.ToolTipRole and v.observations:
            return v.observations
        if column == self.NOTE_COLUMN and role == Qt.ItemDataRole.ToolTipRole:
            lines = []
            if v.concerns:
                lines.append(self.tr("Concerns raised from this contact: {n}.").format(n=v.concerns))
            if v.open_follow_ups:
                lines.append(self.tr("Follow-ups not done yet: {n}.").format(n=v.open_follow_ups))
            if v.restriction_acknowledged:
                lines.append(self.tr("A restriction on contact covered it (the warning was acknowledged)."))
            return "\n".join(lines) or None
        return None


class InBuildingModel(ReadModelTable):
    """Visitors signed in and not yet signed out: resident, visitors, since when."""

    HEADERS = (
        QT_TRANSLATE_NOOP("InBuildingModel", "Resident"),
        QT_TRANSLATE_NOOP("InBuildingModel", "Visitors"),
        QT_TRANSLATE_NOOP("InBuildingModel", "Since"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = date.today()

    def set_visits(self, rows: Sequence[PlannedVisitView], today: date) -> None:
        self.today = today
        self.set_rows(rows)

    def visit_at(self, row: int) -> PlannedVisitView:
        return self.item_at(row)  # type: ignore[no-any-return]

    def forgotten(self, p: PlannedVisitView) -> bool:
        """Signed in on an earlier day and never signed out."""
        return p.signed_in_at is not None and p.signed_in_at.date() < self.today

    def cells(self, item: Any) -> tuple[str, ...]:
        p: PlannedVisitView = item
        if self.forgotten(p):
            assert p.signed_in_at is not None
            since = self.tr("⚠ still signed in since {day}").format(day=p.signed_in_at.strftime("%d/%m"))
        else:
            since = clock(p.signed_in_at)
        visitors = p.visitors
        if p.details.kind.value == "outing":
            visitors = self.tr("{who} (outing)").format(who=visitors)
        return (resident_label(p.resident_name, p.room), visitors, since)

    def role_data(self, item: Any, column: int, role: int) -> Any:
        p: PlannedVisitView = item
        if column == 2 and self.forgotten(p):
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(PROBLEM_COLOUR)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Signed in on {day} and never signed out: sign them out or check.").format(
                    day=format_uk_date(p.signed_in_at.date() if p.signed_in_at else None)
                )
        return None


class FollowUpsModel(ReadModelTable):
    """Follow-ups due today or overdue: due, resident, what, who."""

    HEADERS = (
        QT_TRANSLATE_NOOP("FollowUpsModel", "Due"),
        QT_TRANSLATE_NOOP("FollowUpsModel", "Resident"),
        QT_TRANSLATE_NOOP("FollowUpsModel", "Follow-up"),
        QT_TRANSLATE_NOOP("FollowUpsModel", "Who"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = date.today()

    def set_follow_ups(self, rows: Sequence[FollowUpView], today: date) -> None:
        self.today = today
        self.set_rows(rows)

    def follow_up_at(self, row: int) -> FollowUpView:
        return self.item_at(row)  # type: ignore[no-any-return]

    def cells(self, item: Any) -> tuple[str, ...]:
        f: FollowUpView = item
        if f.overdue(self.today):
            due = self.tr("{date} — overdue").format(date=f.due_on.strftime("%d/%m"))
        elif f.due_on == self.today:
            due = self.tr("Today")
        else:
            due = format_uk_date(f.due_on)
        return (due, f.resident_name, first_line(f.action), f.owner)

    def role_data(self, item: Any, column: int, role: int) -> Any:
        f: FollowUpView = item
        if column == 0 and f.overdue(self.today) and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(PROBLEM_COLOUR)
        if column == 2 and role == Qt.ItemDataRole.ToolTipRole:
            return f.action
        return None


class ConcernsModel(ReadModelTable):
    """Open concerns, most severe and oldest first: severity, resident, what, raised, status."""

    HEADERS = (
        QT_TRANSLATE_NOOP("ConcernsModel", "Severity"),
        QT_TRANSLATE_NOOP("ConcernsModel", "Resident"),
        QT_TRANSLATE_NOOP("ConcernsModel", "Concern"),
        QT_TRANSLATE_NOOP("ConcernsModel", "Raised"),
        QT_TRANSLATE_NOOP("ConcernsModel", "Status"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = date.today()

    def set_concerns(self, rows: Sequence[ConcernSummary], today: date) -> None:
        self.today = today
        self.set_rows(rows)

    def concern_at(self, row: int) -> ConcernSummary:
        return self.item_at(row)  # type: ignore[no-any-return]

    def age(self, c: ConcernSummary) -> str:
        days = c.age_days(self.today)
        if days <= 0:
            return self.tr("Today")
        if days == 1:
            return self.tr("Yesterday")
        return self.tr("{n} days ago").format(n=days)

    def cells(self, item: Any) -> tuple[str, ...]:
        c: ConcernSummary = item
        what = self.tr(c.kind.label)
        if c.description:
            what = f"{what}: {first_line(c.description, 80)}"
        return (self.tr(c.severity.label), c.resident_name, what, self.age(c), self.tr(c.status.label))

    def role_data(self, item: Any, column: int, role: int) -> Any:
        c: ConcernSummary = item
        serious = c.severity.rank >= Severity.HIGH.rank
        if column == 0 and serious and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(PROBLEM_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole:
            raised = self.tr("Raised on {date}").format(date=format_uk_date(c.raised_on))
            return f"{c.description}\n{raised}" if c.description else raised
        return None


class IsolationModel(ReadModelTable):
    """Residents flagged by the isolation signal: resident, why, last contact."""

    HEADERS = (
        QT_TRANSLATE_NOOP("IsolationModel", "Resident"),
        QT_TRANSLATE_NOOP("IsolationModel", "Why"),
        QT_TRANSLATE_NOOP("IsolationModel", "Last contact"),
    )

    def item_id(self, item: Any) -> Any:
        return item.resident_id

    def flag_at(self, row: int) -> IsolationFlag:
        return self.item_at(row)  # type: ignore[no-any-return]

    def cells(self, item: Any) -> tuple[str, ...]:
        f: IsolationFlag = item
        last = format_uk_date(f.last_contact) if f.last_contact else self.tr("None recorded")
        return (resident_label(f.resident_name, f.room), "; ".join(f.reasons), last)

    def role_data(self, item: Any, column: int, role: int) -> Any:
        f: IsolationFlag = item
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return "\n".join(f.reasons)
        return None


# -- the board's tables ------------------------------------------------------------------------------

_NOW_STYLE = (
    "QFrame#shiftNow { border: 2px solid palette(highlight); border-radius: 4px; }"
    " QLabel#nowBadge { background: palette(highlight); color: palette(highlighted-text);"
    " border-radius: 3px; padding: 1px 6px; }"
)


_INTERACTIVE = QHeaderView.ResizeMode.Interactive
_TO_CONTENTS = QHeaderView.ResizeMode.ResizeToContents


class BoardTable(QTableView):
    """A read-only list on the board, as tall as its rows (the board scrolls, not each list).

    The ``flex`` columns (column: least width in characters), those holding long text, share the
    width the others leave in proportion to their least widths, never going below them: on a
    narrow screen the list scrolls sideways rather than squeeze them away. With ``wrap`` their
    text wraps onto more lines instead of being cut short. Tabbing into the list with nothing
    chosen chooses its current (or first) row, so the actions apply to the row the keyboard user
    sees highlighted.
    """

    def __init__(self, model: ReadModelTable, name: str, flex: dict[int, int], *, wrap: bool = False) -> None:
        super().__init__()
        chars = self.fontMetrics().averageCharWidth()
        self.flex = {column: least * chars for column, least in flex.items()}
        self.wrap = wrap
        self.setModel(model)
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(wrap)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().setVisible(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(model.columnCount()):
            header.setSectionResizeMode(column, _INTERACTIVE if column in self.flex else _TO_CONTENTS)
        header.sectionResized.connect(self._column_resized)
        model.modelReset.connect(self.fit)
        self.fit()

    def fit(self) -> None:
        """Share the width left over among the flexible columns, then be exactly as tall as the
        rows (and the sideways scroll bar, when there is one)."""
        header = self.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(header.count()) if c not in self.flex)
        room = self.viewport().width() if self.isVisible() else self.width() - 2 * self.frameWidth()
        spare = room - others
        least = sum(self.flex.values())
        for column, minimum in self.flex.items():
            header.resizeSection(column, max(minimum, spare * minimum // max(least, 1)))
        rows = self.model().rowCount()
        if self.wrap:
            self.resizeRowsToContents()  # the long text wraps onto as many lines as it needs
            least = self.verticalHeader().defaultSectionSize()
            for row in range(rows):  # ... but no row is tighter than those of the other lists
                if self.rowHeight(row) < least:
                    self.setRowHeight(row, least)
        body = self.verticalHeader().length() or rows * self.verticalHeader().defaultSectionSize()
        wide = header.length() > room + 1
        scroll = self.horizontalScrollBar().sizeHint().height() if wide else 0
        self.setFixedHeight(header.sizeHint().height() + body + scroll + 2 * self.frameWidth())
        self.setVisible(rows > 0)

    def _column_resized(self, index: int, _old: int, _new: int) -> None:
        if index not in self.flex:  # a column fitting its contents changed: share out again
            self.fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.model().rowCount() and not self.selectionModel().hasSelection():
            current = self.currentIndex()
            self.selectRow(current.row() if current.isValid() else 0)

    def selected_row(self) -> int:
        rows = self.selectionModel().selectedRows()
        return rows[0].row() if rows else -1


class ShiftSection(QFrame):
    """One shift of the day on the board: its hours, its bookings and the contact recorded in it;
    the shift on now is framed and says "On now"."""

    def __init__(self, shift: Shift, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shift = shift
        self.setStyleSheet(_NOW_STYLE)
        self.heading = QLabel()
        emphasise(self.heading, 1.2)
        self.now_badge = QLabel(self.tr("On now"))
        self.now_badge.setObjectName("nowBadge")
        self.now_badge.setVisible(False)
        label = self.tr(shift.label)
        self.planned_model = PlannedVisitsModel(self)
        self.planned = BoardTable(self.planned_model, self.tr("{shift}: booked").format(shift=label), {2: 14})
        self.recorded_model = RecordedVisitsModel(self)
        self.recorded = BoardTable(
            self.recorded_model,
            self.tr("{shift}: contact recorded").format(shift=label),
            {2: 14, 4: 24},
            wrap=True,
        )
        self.planned_label = QLabel()
        self.recorded_label = QLabel()
        self.planned_label.setBuddy(self.planned)
        self.recorded_label.setBuddy(self.recorded)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.now_badge)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.planned_label)
        layout.addWidget(self.planned)
        layout.addWidget(self.recorded_label)
        layout.addWidget(self.recorded)

    def show_block(self, block: ShiftBlock, on_now: bool, now: datetime | None = None) -> None:
        hours = self.tr("{start} to {end}").format(
            start=block.starts.strftime("%H:%M"), end=block.ends.strftime("%H:%M")
        )
        self.heading.setText(self.tr("{shift}, {hours}").format(shift=self.tr(self.shift.label), hours=hours))
        self.heading.setAccessibleName(self.heading.text() + (self.tr(" (on now)") if on_now else ""))
        self.now_badge.setVisible(on_now)
        self.setObjectName("shiftNow" if on_now else "shift")
        self.setStyleSheet(_NOW_STYLE)  # the object name changed: apply the rules again
        self.planned_model.set_visits(block.planned, now)
        self.recorded_model.set_rows(block.recorded)
        self.planned_label.setText(
            self.tr("Booked ({n})").format(n=len(block.planned))
            if block.planned
            else self.tr("Nothing booked in this shift.")
        )
        self.recorded_label.setText(
            self.tr("Contact recorded ({n})").format(n=len(block.recorded))
            if block.recorded
            else self.tr("No contact recorded in this shift.")
        )

    def tables(self) -> tuple[BoardTable, BoardTable]:
        return self.planned, self.recorded
