"""The Today board, the home screen at handover: the day's bookings and recorded contact shift by
shift (the shift on now highlighted), who is in the building, follow-ups due or overdue, open
concerns, residents to think about (the isolation signal) and carer plan reviews overdue.

From here staff book visits and calls, sign visitors in and out, mark a booking as cancelled or
"did not come", record contact and (shift leads and managers) print the shift summary. The board
refreshes itself when anything it shows changes, and when the clock moves into the next shift.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt, QTimer
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.errors import CareLinkError
from carelink_desktop.domain.planned_visits import PlannedStatus
from carelink_desktop.domain.roles import Permission
from carelink_desktop.domain.shifts import Shift, ShiftTimes
from carelink_desktop.services import planned_visits
from carelink_desktop.services.carer_plans import KIND, REVIEW_KIND, overdue_reviews
from carelink_desktop.services.home_settings import home_settings
from carelink_desktop.services.planned_visits import PlannedVisitView
from carelink_desktop.services.today_board import WATCHES, TodayBoard, today_board
from carelink_desktop.services.visits import complete_follow_up
from carelink_desktop.ui.change_password_dialog import DialogRunner, message_box, run_modal
from carelink_desktop.ui.pages import Page, ShellContext
from carelink_desktop.ui.resident_picker import ResidentPickerDialog
from carelink_desktop.ui.resident_profile_form import multi_line
from carelink_desktop.ui.table_model import ReadModelTable
from carelink_desktop.ui.today_board_models import (
    BoardTable,
    ConcernsModel,
    FollowUpsModel,
    InBuildingModel,
    IsolationModel,
    ShiftSection,
)
from carelink_desktop.ui.widgets import emphasise, problem_label

WEEKDAYS = (
    QT_TRANSLATE_NOOP("TodayPage", "Monday"),
    QT_TRANSLATE_NOOP("TodayPage", "Tuesday"),
    QT_TRANSLATE_NOOP("TodayPage", "Wednesday"),
    QT_TRANSLATE_NOOP("TodayPage", "Thursday"),
    QT_TRANSLATE_NOOP("TodayPage", "Friday"),
    QT_TRANSLATE_NOOP("TodayPage", "Saturday"),
    QT_TRANSLATE_NOOP("TodayPage", "Sunday"),
)
#: Narrower than this (in pixels), the other lists go below the shifts rather than beside them.
NARROW_WIDTH = 1050
#: Bookings that did not happen: no contact to record from them.
_NOT_HAPPENED = (PlannedStatus.CANCELLED, PlannedStatus.DID_NOT_COME)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def python_date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def section_heading(text: str) -> QLabel:
    """The bold heading of a part of the board, with a little space above it."""
    label = QLabel(text)
    emphasise(label, 1.05)
    label.setContentsMargins(0, label.fontMetrics().height() // 2, 0, 0)
    return label


class ReasonDialog(QDialog):
    """Asks for a reason or a note before a step (cancelling a booking, marking a follow-up done)."""

    def __init__(
        self, title: str, prompt: str, ok_text: str, *, required: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.required = required
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.text = multi_line(3)
        self.text.setAccessibleName(prompt)
        self.prompt.setBuddy(self.text)
        self.problem = problem_label(self.tr("Problem"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.text)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)
        self.text.setFocus()

    def reason(self) -> str:
        return self.text.toPlainText().strip()

    def _ok(self) -> None:
        if self.required and not self.reason():
            self.problem.setText(self.tr("⚠ Say why, so the next shift knows."))
            self.problem.show()
            self.text.setFocus()
            return
        self.accept()


class ShiftChoiceDialog(QDialog):
    """Which day and shift a shift summary is for."""

    def __init__(self, day: date, shift: Shift, times: ShiftTimes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Shift summary"))
        self.day_edit = QDateEdit(qdate(day))
        self.day_edit.setDisplayFormat("dd/MM/yyyy")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setAccessibleName(self.tr("Day"))
        self.shift_combo = QComboBox()
        self.shift_combo.setAccessibleName(self.tr("Shift"))
        for s in Shift:
            start, end = times.window(day, s)
            text = self.tr("{shift} ({start} to {end})").format(
                shift=self.tr(s.label), start=start.strftime("%H:%M"), end=end.strftime("%H:%M")
            )
            self.shift_combo.addItem(text, s.value)
        self.shift_combo.setCurrentIndex(self.shift_combo.findData(shift.value))
        day_label = QLabel(self.tr("&Day:"))
        day_label.setBuddy(self.day_edit)
        shift_label = QLabel(self.tr("&Shift:"))
        shift_label.setBuddy(self.shift_combo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Preview…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(day_label)
        row.addWidget(self.day_edit)
        row.addSpacing(12)
        row.addWidget(shift_label)
        row.addWidget(self.shift_combo, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Contact, concerns and follow-ups of one shift, to print.")))
        layout.addLayout(row)
        layout.addWidget(self.buttons)

    def day(self) -> date:
        return python_date(self.day_edit.date())

    def shift(self) -> Shift:
        return Shift(self.shift_combo.currentData())


class TodayPage(Page):
    """The Today board (see the module's docstring)."""

    area = "today"
    watches = tuple(dict.fromkeys((*WATCHES, KIND, REVIEW_KIND)))

    def __init__(self, ctx: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        #: Shows a modal dialog and returns its result; tests replace it to drive the dialogs.
        self.run_dialog: DialogRunner = run_modal
        #: The moment it is now (tests replace it to stand at a given time of the test's day).
        self.now: Callable[[], datetime] = lambda: datetime.combine(ctx.ws.today(), datetime.now().time())
        self.day: date = ctx.ws.today()
        self.board: TodayBoard | None = None
        self.times = ShiftTimes()
        self.current_shift: Shift | None = None
        #: The board follows the working day (moves on with the clock) until another day is chosen.
        self.following = True
        self._shift_key: tuple[date, Shift] | None = None
        self._stale = True
        self._selecting = False
        self._chosen_shift: Shift | None = None
        #: The Ctrl shortcut of each action button that has one.
        self.shortcuts: dict[QPushButton, QShortcut] = {}

        self._build_date_bar()
        self._build_actions()
        self.sections = {shift: ShiftSection(shift) for shift in Shift}
        left = QWidget()
        shifts_column = QVBoxLayout(left)
        shifts_column.setContentsMargins(0, 0, 0, 0)
        for section in self.sections.values():
            shifts_column.addWidget(section)
        shifts_column.addStretch(1)
        right = self._build_side()

        # One scrolling board: the shifts beside the other lists, or above them when the window
        # is too narrow for both side by side.
        board = QWidget()
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, board)
        self.columns.setContentsMargins(0, 0, 0, 0)
        self.columns.addWidget(left, 3)
        self.columns.addWidget(right, 2)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(board)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        layout = QVBoxLayout(self)
        layout.addLayout(self.date_bar)
        layout.addLayout(self.action_bar)
        layout.addWidget(self.scroll_area, 1)

        for table in self._board_tables():
            table.selectionModel().selectionChanged.connect(
                lambda *_a, t=table: self._board_selection_changed(t)
            )
        for section in self.sections.values():
            section.planned.activated.connect(lambda _i: self.change_booking())
            section.recorded.activated.connect(lambda _i, s=section: self._open_recorded(s))
        self.in_building.activated.connect(lambda _i: self.change_booking())

        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(60_000)
        self.clock_timer.timeout.connect(self.tick)
        self.clock_timer.start()
        self._update_buttons()
        self.refresh()

    # -- building -----------------------------------------------------------------------------------

    def _build_date_bar(self) -> None:
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.previous_button = self._button(self.tr("◀ &Previous day"), "Alt+Left", self.tr("The day before"))
        self.today_button = self._button(self.tr("&Today"), "Alt+Home", self.tr("Back to today"))
        self.next_button = self._button(self.tr("Ne&xt day ▶"), "Alt+Right", self.tr("The day after"))
        self.previous_button.clicked.connect(lambda: self.set_day(self.day - timedelta(days=1)))
        self.today_button.clicked.connect(self.go_to_today)
        self.next_button.clicked.connect(lambda: self.set_day(self.day + timedelta(days=1)))
        self.date_edit = QDateEdit()
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setAccessibleName(self.tr("Day shown"))
        self.date_edit.dateChanged.connect(lambda d: self.set_day(python_date(d)))
        date_label = QLabel(self.tr("Go to &date:"))
        date_label.setBuddy(self.date_edit)
        self.date_bar = QHBoxLayout()
        self.date_bar.addWidget(self.heading, 1)
        for widget in (self.previous_button, self.today_button, self.next_button):
            self.date_bar.addWidget(widget)
        self.date_bar.addSpacing(12)
        self.date_bar.addWidget(date_label)
        self.date_bar.addWidget(self.date_edit)

    def _build_actions(self) -> None:
        tip = self.tr("Choose a booking on the board first.")
        self.book_button = self._button(
            self.tr("&Book a visit…"), "Ctrl+N", self.tr("Book a visit, outing, phone or video call")
        )
        self.sign_in_button = self._button(
            self.tr("Sign &in"), "Ctrl+I", self.tr("The visitors of the chosen booking have arrived. ") + tip
        )
        self.sign_out_button = self._button(
            self.tr("Sign &out"), "Ctrl+O", self.tr("The visitors signed in have left. ") + tip
        )
        self.did_not_come_button = self._button(
            self.tr("Did &not come…"), "", self.tr("Nobody came for the chosen booking. ") + tip
        )
        self.cancel_button = self._button(
            self.tr("Cance&l booking…"), "", self.tr("Cancel the chosen booking, saying why. ") + tip
        )
        self.change_button = self._button(
            self.tr("Change boo&king…"), "Ctrl+E", self.tr("Change the chosen booking. ") + tip
        )
        self.record_button = self._button(
            self.tr("&Record contact…"),
            "Ctrl+R",
            self.tr("Record how a visit or call went (for the chosen booking, or choose the resident)"),
        )
        self.summary_button = self._button(
            self.tr("Shift &summary…"), "Ctrl+P", self.tr("Preview and print a shift's visit summary")
        )
        self.summary_button.setVisible(self.ctx.ws.may(Permission.PRINT_SHIFT_SUMMARY))
        self.book_button.clicked.connect(self.book_visit)
        self.sign_in_button.clicked.connect(self.sign_in)
        self.sign_out_button.clicked.connect(self.sign_out)
        self.did_not_come_button.clicked.connect(self.did_not_come)
        self.cancel_button.clicked.connect(self.cancel_booking)
        self.change_button.clicked.connect(self.change_booking)
        self.record_button.clicked.connect(self.record_contact)
        self.summary_button.clicked.connect(self.shift_summary)
        self.action_bar = QHBoxLayout()
        for button in (
            self.book_button,
            self.sign_in_button,
            self.sign_out_button,
            self.did_not_come_button,
            self.cancel_button,
            self.change_button,
        ):
            self.action_bar.addWidget(button)
        self.action_bar.addSpacing(16)
        self.action_bar.addWidget(self.record_button)
        self.action_bar.addWidget(self.summary_button)
        self.action_bar.addStretch(1)

    def _button(self, text: str, keys: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").replace("…", "").strip("◀▶ "))
        if keys:
            # A shortcut of its own (the button's own is its Alt+letter): it works while the
            # button shows and is enabled, wherever the focus is in the window.
            sequence = QKeySequence(keys)
            shortcut = QShortcut(sequence, button, button.animateClick)
            self.shortcuts[button] = shortcut
            tip = f"{tip} ({sequence.toString(QKeySequence.SequenceFormat.NativeText)})"
        button.setToolTip(tip)
        button.setAutoDefault(False)
        return button

    def _build_side(self) -> QWidget:
        self.in_building_model = InBuildingModel(self)
        self.in_building = BoardTable(
            self.in_building_model, self.tr("Visitors in the building now"), {1: 14}
        )
        self.in_building_label = section_heading(self.tr("In the building no&w"))
        self.in_building_label.setBuddy(self.in_building)
        self.in_building_none = QLabel(self.tr("Nobody is signed in."))

        self.follow_ups_model = FollowUpsModel(self)
        self.follow_ups = BoardTable(self.follow_ups_model, self.tr("Follow-ups due"), {2: 18}, wrap=True)
        self.follow_ups_label = section_heading(self.tr("Follow-ups d&ue"))
        self.follow_ups_label.setBuddy(self.follow_ups)
        self.follow_ups_none = QLabel(self.tr("No follow-ups due."))
        self.done_button = self._button(
            self.tr("&Mark as done…"), "", self.tr("The chosen follow-up is done")
        )
        self.done_button.clicked.connect(self.mark_follow_up_done)
        self.follow_ups.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.follow_ups.activated.connect(lambda _i: self.mark_follow_up_done())

        self.concerns_model = ConcernsModel(self)
        self.concerns = BoardTable(self.concerns_model, self.tr("Open concerns"), {2: 18}, wrap=True)
        self.concerns_label = section_heading(self.tr("Open con&cerns"))
        self.concerns_label.setBuddy(self.concerns)
        self.concerns_none = QLabel(self.tr("No open concerns."))
        self.concern_button = self._button(self.tr("Op&en concern…"), "", self.tr("Open the chosen concern"))
        self.concern_button.clicked.connect(self.open_concern)
        self.concerns.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.concerns.activated.connect(lambda _i: self.open_concern())

        self.isolation_model = IsolationModel(self)
        self.isolation = BoardTable(
            self.isolation_model, self.tr("Residents to think about"), {1: 16}, wrap=True
        )
        self.isolation_label = section_heading(self.tr("Residents to think &about"))
        self.isolation_label.setBuddy(self.isolation)
        self.isolation_none = QLabel()
        self.isolation_none.setWordWrap(True)
        self.isolation.activated.connect(self._open_flagged_resident)

        # Carer plans whose review date has passed; Enter on one opens the plan.
        self.overdue_heading = section_heading(self.tr("Carer plan re&views overdue"))
        self.overdue = QListWidget()
        self.overdue.setAccessibleName(self.tr("Carer plan reviews overdue"))
        self.overdue_heading.setBuddy(self.overdue)
        self.overdue.itemActivated.connect(self._open_plan)
        self.none_overdue = QLabel(self.tr("No carer plan reviews are overdue."))

        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(4, 0, 0, 0)
        for widget in (
            self.in_building_label,
            self.in_building_none,
            self.in_building,
            self.follow_ups_label,
            self.follow_ups_none,
            self.follow_ups,
        ):
            column.addWidget(widget)
        column.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignLeft)
        for widget in (self.concerns_label, self.concerns_none, self.concerns):
            column.addWidget(widget)
        column.addWidget(self.concern_button, 0, Qt.AlignmentFlag.AlignLeft)
        for item in (
            self.isolation_label,
            self.isolation_none,
            self.isolation,
            self.overdue_heading,
            self.none_overdue,
            self.overdue,
        ):
            column.addWidget(item)
        column.addStretch(1)
        return side

    def title(self) -> str:
        return self.tr("Today")

    # -- the day shown ------------------------------------------------------------------------------

    def working_day(self) -> tuple[date, Shift]:
        """The day whose shifts are running now, and the shift on (04:00 is the night before)."""
        return self.times.shift_at(self.now())

    def set_day(self, day: date) -> None:
        """Show the board for ``day``; choosing the working day follows the clock again."""
        if day == self.day and self.board is not None:
            return
        self.day = day
        self.following = day == self.working_day()[0]
        self._stale = True
        self.refresh()

    def go_to_today(self) -> None:
        self.following = True
        self.day = self.working_day()[0]
        self._stale = True
        self.refresh()

    def tick(self) -> None:
        """Every minute: when the clock has moved into another shift, show it."""
        if not self.home_is_open() or self._shift_key is None:
            return
        if self.working_day() != self._shift_key:
            self._stale = True
            self.refresh()

    def heading_text(self) -> str:
        if self.day == self.ctx.ws.today():
            return self.tr("Today, {date}").format(date=format_uk_date(self.day))
        weekday = self.tr(str(WEEKDAYS[self.day.weekday()]))
        return self.tr("{weekday} {date}").format(weekday=weekday, date=format_uk_date(self.day))

    # -- refreshing ---------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        narrow = event.size().width() < NARROW_WIDTH
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)

    def refresh(self) -> None:
        """Reload the board (at once while it shows; otherwise when it is next shown)."""
        if not self.home_is_open():
            return
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.times = home_settings(self.ctx.ws).shifts
        now = self.now()
        self._shift_key = self.times.shift_at(now)
        working_day, shift_on = self._shift_key
        if self.following:
            self.day = working_day
        self.current_shift = shift_on if self.day == working_day else None
        booking, recorded = self.selected_booking(), self.selected_recorded()
        self.board = board = today_board(self.ctx.ws, self.day, now=now)
        self.heading.setText(f"<h2>{self.heading_text()}</h2>")
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(qdate(self.day))
        self.date_edit.blockSignals(False)
        self.today_button.setEnabled(not self.following)
        for block in board.shifts:
            self.sections[block.shift].show_block(block, block.shift is self.current_shift, now)
        today = self.ctx.ws.today()
        self._fill(self.in_building_model, board.in_building, self.in_building_none, today)
        self.in_building_label.setText(self._counted(self.tr("In the building no&w"), len(board.in_building)))
        self._fill(self.follow_ups_model, board.follow_ups, self.follow_ups_none, today)
        self.follow_ups_label.setText(self._counted(self.tr("Follow-ups d&ue"), len(board.follow_ups)))
        self._fill(self.concerns_model, board.open_concerns, self.concerns_none, today)
        self.concerns_label.setText(self._counted(self.tr("Open con&cerns"), len(board.open_concerns)))
        self.isolation_model.set_rows(board.isolation)
        self.isolation_none.setText(
            self.tr("Nobody is flagged: every resident has had contact in the last {n} days.").format(
                n=board.no_contact_days
            )
        )
        self.isolation_none.setVisible(not board.isolation)
        self._reselect(booking.id if booking else None, recorded)
        self._show_overdue()
        self._update_buttons()

    def _fill(self, model: ReadModelTable, rows: Sequence[Any], none: QLabel, today: date) -> None:
        model.today = today  # type: ignore[attr-defined]
        model.set_rows(rows)
        none.setVisible(not rows)

    @staticmethod
    def _counted(text: str, n: int) -> str:
        return f"{text} ({n})" if n else text

    def _show_overdue(self) -> None:
        self.overdue.clear()
        for plan in overdue_reviews(self.ctx.ws):
            text = self.tr("{carer} and {resident}: the review was due on {date} (overdue)").format(
                carer=plan.carer_name, resident=plan.resident_name, date=format_uk_date(plan.next_review_on)
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, plan.id)
            self.overdue.addItem(item)
        self.overdue.setVisible(self.overdue.count() > 0)
        self.none_overdue.setVisible(self.overdue.count() == 0)
        if self.overdue.count():
            self.overdue.setCurrentRow(0)
            lines = self.overdue.sizeHintForRow(0) * min(self.overdue.count(), 6)
            self.overdue.setFixedHeight(lines + 2 * self.overdue.frameWidth() + 4)

    def _open_plan(self, item: QListWidgetItem) -> None:
        from carelink_desktop.ui.carer_plan_editor import open_plan_editor

        self.plan_editor = open_plan_editor(self.ctx.ws, str(item.data(Qt.ItemDataRole.UserRole)), self)

    # -- what is chosen -----------------------------------------------------------------------------

    def _booking_tables(self) -> list[BoardTable]:
        return [*(s.planned for s in self.sections.values()), self.in_building]

    def _board_tables(self) -> list[BoardTable]:
        recorded = [s.recorded for s in self.sections.values()]
        return self._booking_tables() + recorded

    def _board_selection_changed(self, table: QTableView) -> None:
        """One row chosen on the whole board at a time: choosing one clears the others."""
        if self._selecting:
            return
        if table.selectionModel().hasSelection():
            self._selecting = True
            try:
                for other in self._board_tables():
                    if other is not table:
                        other.clearSelection()
            finally:
                self._selecting = False
            for shift, section in self.sections.items():
                if table in section.tables():
                    self._chosen_shift = shift
        self._update_buttons()

    @staticmethod
    def _selected_row(table: QTableView) -> int:
        rows = table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def selected_booking(self) -> PlannedVisitView | None:
        """The booking chosen in a shift's list or among those in the building."""
        for table in self._booking_tables():
            row = self._selected_row(table)
            if row >= 0:
                model: Any = table.model()
                return model.visit_at(row)  # type: ignore[no-any-return]
        return None

    def selected_recorded(self) -> str | None:
        for section in self.sections.values():
            row = self._selected_row(section.recorded)
            if row >= 0:
                return section.recorded_model.visit_at(row).id
        return None

    def select_booking(self, planned_id: str) -> bool:
        """Choose a booking as a click would (in its shift, else among those in the building)."""
        for table in self._booking_tables():
            model: Any = table.model()
            row = model.row_of(planned_id)
            if row >= 0:
                table.selectRow(row)
                table.setFocus()
                return True
        return False

    def _reselect(self, planned_id: str | None, visit_id: str | None) -> None:
        if planned_id is not None and self.select_booking(planned_id):
            return
        if visit_id is not None:
            for section in self.sections.values():
                row = section.recorded_model.row_of(visit_id)
                if row >= 0:
                    section.recorded.selectRow(row)
                    return

    def _update_buttons(self) -> None:
        b = self.selected_booking()
        booked = b is not None and b.status is PlannedStatus.BOOKED
        # Nobody arrives for (or misses) a booking of a later day yet.
        later = b is not None and b.details.starts_at >= self.times.day_window(self.working_day()[0])[1]
        in_person = b is not None and b.details.kind.in_person
        self.sign_in_button.setEnabled(booked and in_person and not later)
        self.sign_out_button.setEnabled(b is not None and b.status is PlannedStatus.ARRIVED)
        self.did_not_come_button.setEnabled(booked and not later)
        self.cancel_button.setEnabled(booked)
        self.change_button.setEnabled(b is not None and not b.status.finished)
        self.done_button.setEnabled(self._selected_row(self.follow_ups) >= 0)
        self.concern_button.setEnabled(self._selected_row(self.concerns) >= 0)

    def summary_shift(self) -> Shift:
        """The shift a summary is for by default: the one chosen on the board, else the one on."""
        return self._chosen_shift or self.current_shift or Shift.EARLY

    # -- actions ------------------------------------------------------------------------------------

    def _attempt(self, title: str, action: Callable[[], Any]) -> Any:
        """Run a service call; a refusal is explained in a message box and nothing changes."""
        try:
            return action()
        except CareLinkError as exc:
            self.run_dialog(message_box(self, QMessageBox.Icon.Warning, title, str(exc)))
            return None

    def ask_reason(self, title: str, prompt: str, ok_text: str, *, required: bool) -> str | None:
        """The reason or note typed, or None when the person cancels."""
        dialog = ReasonDialog(title, prompt, ok_text, required=required, parent=self)
        if self.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return None
        return dialog.reason()

    def pick_resident(self, title: str, chosen: str | None = None) -> str | None:
        dialog = ResidentPickerDialog(self.ctx.ws, self, title=title, chosen=chosen)
        if self.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return None
        return dialog.resident_id

    def _new_booking_start(self) -> datetime:
        now = self.now()
        if self.day <= now.date():
            return now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        return datetime.combine(self.day, self.times.early) + timedelta(hours=3)

    def book_visit(self) -> None:
        from carelink_desktop.ui.planned_visit_dialog import PlannedVisitDialog

        dialog = PlannedVisitDialog(self.ctx, when=self._new_booking_start(), parent=self)
        if self.run_dialog(dialog) == QDialog.DialogCode.Accepted and dialog.result_view is not None:
            self.refresh()
            self.select_booking(dialog.result_view.id)

    def change_booking(self) -> None:
        from carelink_desktop.ui.planned_visit_dialog import PlannedVisitDialog

        b = self.selected_booking()
        if b is None or b.status.finished:
            return
        dialog = self._attempt(
            self.tr("Change booking"), lambda: PlannedVisitDialog(self.ctx, planned_id=b.id, parent=self)
        )
        if dialog is not None and self.run_dialog(dialog) == QDialog.DialogCode.Accepted:
            self.refresh()
            self.select_booking(b.id)

    def _move(self, title: str, move: Callable[[PlannedVisitView], Any]) -> None:
        b = self.selected_booking()
        if b is None:
            return
        if self._attempt(title, lambda: move(b)) is not None:
            self.refresh()
            self.select_booking(b.id)

    def sign_in(self) -> None:
        self._move(self.tr("Sign in"), lambda b: planned_visits.sign_in(self.ctx.ws, b.id, at=self.now()))

    def sign_out(self) -> None:
        self._move(self.tr("Sign out"), lambda b: planned_visits.sign_out(self.ctx.ws, b.id, at=self.now()))

    def did_not_come(self) -> None:
        b = self.selected_booking()
        if b is None or b.status is not PlannedStatus.BOOKED:
            return
        reason = self.ask_reason(
            self.tr("Did not come"),
            self.tr(
                "{who} did not come to see {resident}. Do you know why? (You may leave this empty.)"
            ).format(who=b.visitors, resident=b.resident_name),
            self.tr("&Mark as did not come"),
            required=False,
        )
        if reason is not None:
            self._move(
                self.tr("Did not come"), lambda b: planned_visits.did_not_come(self.ctx.ws, b.id, reason)
            )

    def cancel_booking(self) -> None:
        b = self.selected_booking()
        if b is None or b.status is not PlannedStatus.BOOKED:
            return
        reason = self.ask_reason(
            self.tr("Cancel booking"),
            self.tr("Why is the {kind} for {resident} at {time} cancelled?").format(
                kind=self.tr(b.details.kind.label).lower(),
                resident=b.resident_name,
                time=b.details.starts_at.strftime("%H:%M"),
            ),
            self.tr("Cance&l booking"),
            required=True,
        )
        if reason is not None:
            self._move(
                self.tr("Cancel booking"), lambda b: planned_visits.cancel_booking(self.ctx.ws, b.id, reason)
            )

    def record_contact(self) -> None:
        """Record how contact went: for the chosen booking, else for a resident chosen now."""
        from carelink_desktop.ui.visit_dialog import VisitDialog

        b = self.selected_booking()
        if b is not None and b.visit_id is None and b.status not in _NOT_HAPPENED:
            dialog = VisitDialog(self.ctx, b.resident_id, booking=b, parent=self)
        else:
            resident_id = self.pick_resident(
                self.tr("Record contact for…"), chosen=b.resident_id if b is not None else None
            )
            if resident_id is None:
                return
            dialog = VisitDialog(self.ctx, resident_id, parent=self)
        self.run_dialog(dialog)
        self.refresh()

    def shift_summary(self) -> None:
        if not self.ctx.ws.may(Permission.PRINT_SHIFT_SUMMARY):
            return
        choice = ShiftChoiceDialog(self.day, self.summary_shift(), self.times, self)
        if self.run_dialog(choice) != QDialog.DialogCode.Accepted:
            return
        from carelink_desktop.ui.report_actions import print_shift_summary

        print_shift_summary(self, self.ctx, choice.day(), choice.shift(), run_dialog=self.run_dialog)

    def mark_follow_up_done(self) -> None:
        row = self._selected_row(self.follow_ups)
        if row < 0:
            return
        f = self.follow_ups_model.follow_up_at(row)
        note = self.ask_reason(
            self.tr("Follow-up done"),
            self.tr("“{action}” for {resident} is done. Anything to add? (You may leave this empty.)").format(
                action=f.action, resident=f.resident_name
            ),
            self.tr("&Mark as done"),
            required=False,
        )
        if note is None:
            return

        def done() -> bool:
            complete_follow_up(self.ctx.ws, f.id, note=note)
            return True

        if self._attempt(self.tr("Follow-up done"), done):
            self.refresh()

    def open_concern(self) -> None:
        row = self._selected_row(self.concerns)
        if row < 0:
            return
        from carelink_desktop.ui.concern_dialog import ConcernDialog

        c = self.concerns_model.concern_at(row)
        dialog = ConcernDialog(self.ctx, c.resident_id, concern_id=c.id, parent=self)
        self.run_dialog(dialog)
        self.refresh()

    def _open_recorded(self, section: ShiftSection) -> None:
        """Enter on recorded contact opens the record (to read, or to add to it)."""
        row = self._selected_row(section.recorded)
        if row < 0:
            return
        from carelink_desktop.ui.visit_dialog import VisitDialog

        v = section.recorded_model.visit_at(row)
        self.run_dialog(VisitDialog(self.ctx, v.resident_id, visit_id=v.id, parent=self))
        self.refresh()

    def _open_flagged_resident(self) -> None:
        row = self._selected_row(self.isolation)
        if row >= 0:
            self.ctx.navigator.open_resident.emit(self.isolation_model.flag_at(row).resident_id)
