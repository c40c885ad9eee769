"""The Oversight area: how well the home involves key people, for a chosen period.

A period chooser (the last 3 or 12 months, this year, or dates typed), then a tile for every
figure of the dashboard (services.oversight): the label, the number and a note. Choosing a tile
(a click, or Enter or Space on it) shows the list behind it below the tiles; Enter or a
double-click on a row about a resident opens their record. Then the trends: contact per week
over the last year, concerns raised by kind, and open concerns by age and severity as a small
table. Each chart says in words what it shows.

Managers see everything and print the governance report from here; shift leads see a reduced
dashboard (no caseloads, keyworker changes or improvement actions), and a note says so.
"""

from __future__ import annotations

import calendar
import itertools
from datetime import date, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.errors import CareLinkError
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.carer_plans import KIND as PLAN_KIND
from carelink_desktop.services.carer_plans import REVIEW_KIND
from carelink_desktop.services.oversight import Dashboard, Figure, dashboard
from carelink_desktop.ui.oversight_charts import ConcernsByKindChart, ContactPerWeekChart
from carelink_desktop.ui.oversight_models import ConcernAgesModel, OversightTable, model_for
from carelink_desktop.ui.pages import Page, ShellContext
from carelink_desktop.ui.relationship_form import hint_label
from carelink_desktop.ui.widgets import DateField, FieldMessage, emphasise, record_table

#: The kinds of record whose changes can move a figure (as services publish them).
WATCHES = (
    "visit_record",
    "follow_up",
    "planned_visit",
    "concern",
    "resident",
    "relationship",
    "key_person",
    "home_setting",
    "relationship_evaluation",
    "contact_restriction",
    "keyworker_change",
    PLAN_KIND,
    REVIEW_KIND,
    "improvement_action",
    "staff_account",
)

#: The period chooser's choices: (data, label).
PERIODS = (
    ("3m", QT_TRANSLATE_NOOP("OversightPage", "Last 3 months")),
    ("12m", QT_TRANSLATE_NOOP("OversightPage", "Last 12 months")),
    ("year", QT_TRANSLATE_NOOP("OversightPage", "This year")),
    ("custom", QT_TRANSLATE_NOOP("OversightPage", "Dates I choose")),
)

#: Headings of the list behind each figure (what the rows are).
LIST_HEADINGS = {
    "below_wishes": QT_TRANSLATE_NOOP("OversightPage", "Residents whose contact fell below their wishes"),
    "no_contact": QT_TRANSLATE_NOOP("OversightPage", "Residents with no recent contact"),
    "evaluations_overdue": QT_TRANSLATE_NOOP("OversightPage", "Relationship evaluations overdue"),
    "plan_reviews_overdue": QT_TRANSLATE_NOOP("OversightPage", "Carer support plan reviews overdue"),
    "restrictions_overdue": QT_TRANSLATE_NOOP("OversightPage", "Restrictions on contact past their review"),
    "open_concerns": QT_TRANSLATE_NOOP("OversightPage", "Concerns not yet closed"),
    "follow_ups_overdue": QT_TRANSLATE_NOOP("OversightPage", "Follow-ups from contact overdue"),
    "caseloads": QT_TRANSLATE_NOOP("OversightPage", "Residents per keyworker"),
    "transitions": QT_TRANSLATE_NOOP("OversightPage", "Keyworker changes under way"),
    "actions_overdue": QT_TRANSLATE_NOOP("OversightPage", "Improvement actions overdue"),
}

TILE_STYLE = """
QPushButton#figureTile {
    background: palette(base); border: 1px solid #8a8a8a; border-radius: 4px;
    padding: 6px; text-align: left;
}
QPushButton#figureTile:hover { border-color: #1f4e8c; }
QPushButton#figureTile:checked { background: #e8f0fb; border: 2px solid #1f4e8c; }
QPushButton#figureTile:focus { border: 3px solid #0b2a4a; }
"""


def months_before(end: date, months: int) -> date:
    """The first day of the ``months`` months ending on ``end``: for 12 months ending 22/11/2026,
    23/11/2025 (the day after the same day a year before; the 31st becomes the month's last day)."""
    index = end.year * 12 + end.month - 1 - months
    year, month = divmod(index, 12)
    day = min(end.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day) + timedelta(days=1)


def preset_period(key: str, today: date) -> tuple[date, date]:
    """The dates of a period choice (``custom`` keeps none: it is not a preset)."""
    if key == "3m":
        return months_before(today, 3), today
    if key == "year":
        return date(today.year, 1, 1), today
    return months_before(today, 12), today


class FigureTile(QPushButton):
    """One figure: its label, its number (large) and a note. A button: a click, Space or Enter
    chooses it, and the list behind it shows."""

    def __init__(self, figure: Figure, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureTile")
        self.setCheckable(True)
        self.setAutoDefault(False)
        self.key = figure.key
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.number = QLabel()
        emphasise(self.number, 2.0)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #454545;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        for widget in (self.label, self.number, self.note):
            widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            widget.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(widget)
        layout.addStretch(1)
        emphasise(self.label, 1.0)
        lines = self.fontMetrics().lineSpacing()
        self.setMinimumHeight(lines * 5 + self.number.fontMetrics().lineSpacing())
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 22)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.show_figure(figure)

    def show_figure(self, figure: Figure) -> None:
        label = QCoreApplication.translate("oversight", figure.label)
        note = QCoreApplication.translate("oversight", figure.note)
        self.label.setText(label)
        self.number.setText(str(figure.value))
        self.note.setText(note)
        self.value = figure.value
        self.setAccessibleName(f"{label}: {figure.value}")
        self.setAccessibleDescription(note)
        self.setToolTip(self.tr("{note}. Press Enter to see the list.").format(note=note))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        super().keyPressEvent(event)


class OversightPage(Page):
    """The dashboard (see the module's docstring)."""

    area = "oversight"
    permission = Permission.VIEW_OVERSIGHT
    watches = WATCHES

    def __init__(self, ctx: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.board: Dashboard | None = None
        self.tiles: dict[str, FigureTile] = {}
        self.models: dict[str, OversightTable] = {}
        self.current_key = ""
        self.governance_dialog: QWidget | None = None
        self._stale = True
        #: Several changes published together (a visit with its follow-ups) reload once.
        self._pending = QTimer(self, singleShot=True, interval=0)
        self._pending.timeout.connect(self.reload)
        self.setStyleSheet(TILE_STYLE)

        self._build_period_bar()
        self.reduced_note = hint_label(
            self.tr(
                "Shift lead's view: keyworker caseloads, keyworker changes and improvement actions "
                "are for managers, so they are not shown here."
            )
        )
        self.reduced_note.setVisible(not ctx.ws.may(Permission.LEAD_PRACTICE))
        self.problem = FieldMessage()
        self.tile_grid = QGridLayout()
        self.tile_grid.setSpacing(8)
        self._build_list()
        self._build_charts()

        self.board_widget = board = QWidget()
        column = QVBoxLayout(board)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(self.reduced_note)
        column.addLayout(self.tile_grid)
        column.addWidget(self.list_box)
        column.addWidget(self.trends_box)
        column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(board)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        layout = QVBoxLayout(self)
        layout.addLayout(self.period_bar)
        layout.addWidget(self.period_note)
        layout.addWidget(self.problem)
        layout.addWidget(self.scroll_area, 1)
        # Built when first shown (showEvent), not at login for an area nobody may open.

    # -- building -----------------------------------------------------------------------------------

    def _build_period_bar(self) -> None:
        self.heading = QLabel(self.tr("Oversight"))
        emphasise(self.heading, 1.3)
        self.period = QComboBox()
        for key, text in PERIODS:
            self.period.addItem(self.tr(str(text)), key)
        self.period.setAccessibleName(self.tr("Period"))
        self.period.setCurrentIndex(self.period.findData("12m"))
        period_label = QLabel(self.tr("&Period:"))
        period_label.setBuddy(self.period)
        start, end = preset_period("12m", self.ctx.ws.today())
        self.start_field = DateField()
        self.start_field.setAccessibleName(self.tr("Period from"))
        self.start_field.set_date(start)
        from_label = QLabel(self.tr("&From:"))
        from_label.setBuddy(self.start_field)
        self.end_field = DateField()
        self.end_field.setAccessibleName(self.tr("Period to"))
        self.end_field.set_date(end)
        to_label = QLabel(self.tr("&to:"))
        to_label.setBuddy(self.end_field)
        self.governance_button = QPushButton(self.tr("&Governance report…"))
        self.governance_button.setAccessibleName(self.tr("Governance report"))
        self.governance_button.setToolTip(
            self.tr("Your narrative for the period and the governance report, to preview and print")
        )
        self.governance_button.setVisible(self.ctx.ws.may(Permission.LEAD_PRACTICE))
        self.governance_button.clicked.connect(self.open_governance)
        self.period.currentIndexChanged.connect(lambda _i: self._preset_chosen())
        for field in (self.start_field, self.end_field):
            field.editingFinished.connect(self._dates_typed)
            field.textEdited.connect(lambda _t: self._typing_dates())
        self.period_bar = QHBoxLayout()
        self.period_bar.addWidget(self.heading)
        self.period_bar.addSpacing(16)
        self.period_bar.addWidget(period_label)
        self.period_bar.addWidget(self.period)
        self.period_bar.addSpacing(8)
        self.period_bar.addWidget(from_label)
        self.period_bar.addWidget(self.start_field)
        self.period_bar.addWidget(to_label)
        self.period_bar.addWidget(self.end_field)
        self.period_bar.addStretch(1)
        self.period_bar.addWidget(self.governance_button)
        self.period_note = hint_label()
        self.period_note.setAccessibleName(self.tr("Period shown"))

    def _build_list(self) -> None:
        self.list_box = QWidget()
        self.list_heading = QLabel()
        emphasise(self.list_heading, 1.1)
        self.list_heading.setContentsMargins(0, self.fontMetrics().height() // 2, 0, 0)
        self.list_empty = hint_label()
        self.table = record_table(model_for("below_wishes", self), self.tr("List behind the figure"))
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 14)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.open_button = QPushButton(self.tr("&Open resident record"))
        self.open_button.setToolTip(
            self.tr("Open the record of the resident chosen in the list (or press Enter)")
        )
        self.open_button.clicked.connect(self.open_selected)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self.list_box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list_heading)
        layout.addWidget(self.list_empty)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def _build_charts(self) -> None:
        self.trends_box = QWidget()
        trends = QLabel(self.tr("Trends"))
        emphasise(trends, 1.1)
        trends.setContentsMargins(0, self.fontMetrics().height() // 2, 0, 0)
        self.contact_chart = ContactPerWeekChart()
        self.contact_heading = QLabel(self.tr("Contact per week over the last year"))
        emphasise(self.contact_heading, 1.0)
        self.contact_text = hint_label()
        self.contact_text.setAccessibleName(self.tr("Contact per week, in words"))
        self.kinds_chart = ConcernsByKindChart()
        self.kinds_heading = QLabel(self.tr("Concerns raised in the period, by kind"))
        emphasise(self.kinds_heading, 1.0)
        self.kinds_text = hint_label()
        self.kinds_text.setAccessibleName(self.tr("Concerns by kind, in words"))
        self.ages_model = ConcernAgesModel(self)
        self.ages_table = record_table(
            self.ages_model, self.tr("Open concerns by age and severity"), stretch=()
        )
        self.ages_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.ages_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.ages_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.ages_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.ages_heading = QLabel(self.tr("Open concerns by age and severity"))
        emphasise(self.ages_heading, 1.0)
        self.ages_text = hint_label()
        self.ages_text.setAccessibleName(self.tr("Open concerns by age and severity, in words"))

        left = QVBoxLayout()
        left.addWidget(self.kinds_heading)
        left.addWidget(self.kinds_chart)
        left.addWidget(self.kinds_text)
        right = QVBoxLayout()
        right.addWidget(self.ages_heading)
        right.addWidget(self.ages_table)
        right.addWidget(self.ages_text)
        right.addStretch(1)
        lower = QHBoxLayout()
        lower.addLayout(left, 3)
        lower.addSpacing(16)
        lower.addLayout(right, 2)
        layout = QVBoxLayout(self.trends_box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(trends)
        layout.addWidget(self.contact_heading)
        layout.addWidget(self.contact_chart)
        layout.addWidget(self.contact_text)
        layout.addLayout(lower)

    def title(self) -> str:
        return self.tr("Oversight")

    # -- the period ---------------------------------------------------------------------------------

    def period_dates(self) -> tuple[date, date] | None:
        """The period typed, or None (and a message says why) when it is not one."""
        problems = [
            f"{field.accessibleName()}: {field.problem()}"
            for field in (self.start_field, self.end_field)
            if field.problem()
        ]
        start, end = (None, None) if problems else (self.start_field.date(), self.end_field.date())
        if not problems and (start is None or end is None):
            problems.append(self.tr("Type both dates of the period, as dd/mm/yyyy."))
        if start is not None and end is not None and start > end:
            problems.append(self.tr("The period starts after it ends: put the earlier date first."))
        self.problem.show_message(" ".join(problems))
        if problems or start is None or end is None:
            return None
        return start, end

    def set_period(self, start: date, end: date) -> None:
        """Show the dashboard for these dates (as if typed)."""
        self.period.blockSignals(True)
        self.period.setCurrentIndex(self.period.findData("custom"))
        self.period.blockSignals(False)
        self.start_field.set_date(start)
        self.end_field.set_date(end)
        self.reload()

    def _preset_chosen(self) -> None:
        key = str(self.period.currentData())
        if key != "custom":
            start, end = preset_period(key, self.ctx.ws.today())
            self.start_field.set_date(start)
            self.end_field.set_date(end)
            self.reload()
        else:
            self.start_field.setFocus()
            self.start_field.selectAll()

    def _typing_dates(self) -> None:
        if self.period.currentData() != "custom":
            self.period.blockSignals(True)
            self.period.setCurrentIndex(self.period.findData("custom"))
            self.period.blockSignals(False)

    def _dates_typed(self) -> None:
        dates = self.period_dates()
        if dates is not None and self.board is not None and (self.board.start, self.board.end) == dates:
            return
        self.reload()

    # -- loading ------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """A change was published: reload soon (once for changes published together), or when
        the page is next shown."""
        if not self.home_is_open():
            return
        if not self.isVisible():
            self._stale = True
            return
        self._pending.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Build the dashboard for the period chosen and show it."""
        self._pending.stop()
        if not self.home_is_open():
            return
        dates = self.period_dates()
        if dates is None:
            return
        try:
            board = dashboard(self.ctx.ws, *dates)
        except CareLinkError as exc:
            self.problem.show_message(str(exc))
            return
        self._stale = False
        self.board = board
        self.period_note.setText(
            self.tr(
                "{start} to {end} ({days} days), {residents} current residents. Overdue items and "
                "days without contact are as at {as_at}."
            ).format(
                start=format_uk_date(board.start),
                end=format_uk_date(board.end),
                days=board.period_days,
                residents=board.residents,
                as_at=format_uk_date(board.as_at),
            )
        )
        self._show_tiles(board.figures())
        self._show_list()
        self._show_trends(board)
        inner = self.board_widget.layout()
        if inner is not None:
            inner.activate()  # lay the new texts out now, not after the first paint

    def _show_tiles(self, figures: tuple[Figure, ...]) -> None:
        keys = [f.key for f in figures]
        if keys != list(self.tiles):
            self._rebuild_tiles(figures)
        for figure in figures:
            self.tiles[figure.key].show_figure(figure)
        if self.current_key not in self.tiles and keys:
            self.current_key = keys[0]
        self._check_current()

    def _rebuild_tiles(self, figures: tuple[Figure, ...]) -> None:
        for tile in self.tiles.values():
            tile.deleteLater()
        self.tiles = {}
        columns = max(1, min(5, -(-len(figures) // 2)))
        for n, figure in enumerate(figures):
            tile = FigureTile(figure)
            tile.clicked.connect(lambda _checked=False, key=figure.key: self.show_list(key))
            self.tile_grid.addWidget(tile, n // columns, n % columns)
            self.tiles[figure.key] = tile
        for column in range(columns):
            self.tile_grid.setColumnStretch(column, 1)
        order: list[QWidget] = [
            self.period,
            self.start_field,
            self.end_field,
            self.governance_button,
            *self.tiles.values(),
            self.table,
            self.open_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _show_trends(self, board: Dashboard) -> None:
        self.contact_chart.show_weeks(board.contact_per_week)
        self.contact_text.setText(self.contact_chart.summary())
        self.kinds_chart.show_counts(board.concerns_by_kind)
        self.kinds_text.setText(self.kinds_chart.summary())
        self.ages_model.show_rows(board.concern_ages, board.as_at)
        header = self.ages_table.horizontalHeader().sizeHint().height()
        rows = sum(self.ages_table.rowHeight(r) for r in range(self.ages_model.rowCount()))
        frame = 2 * self.ages_table.frameWidth()
        self.ages_table.setFixedHeight(header + rows + frame + 2)
        self.ages_table.setFixedWidth(self.ages_table.horizontalHeader().length() + frame + 2)
        total = sum(r.total for r in board.concern_ages)
        if total:
            parts = [f"{r.band.lower()}: {r.total}" for r in board.concern_ages if r.total]
            self.ages_text.setText(
                self.tr("{n} open concerns; {parts}.").format(n=total, parts="; ".join(parts))
            )
        else:
            self.ages_text.setText(self.tr("No concerns are open."))

    # -- the list behind a figure -------------------------------------------------------------------

    def show_list(self, key: str) -> None:
        """Show the list behind figure ``key`` below the tiles."""
        self.current_key = key
        self._check_current()
        self._show_list()

    def _check_current(self) -> None:
        """The tile whose list shows is the one pressed (each tile is a Tab stop of its own, so
        they are not a button group, where Tab would reach only the pressed one)."""
        for key, tile in self.tiles.items():
            tile.setChecked(key == self.current_key)

    def current_model(self) -> OversightTable:
        model = self.table.model()
        assert isinstance(model, OversightTable)
        return model

    def _show_list(self) -> None:
        board, key = self.board, self.current_key
        if board is None or not key:
            return
        model = self.models.get(key)
        if model is None:
            model = self.models[key] = model_for(key, self)
        previous = self.table.currentIndex()
        chosen = self.current_model().data(previous, Qt.ItemDataRole.UserRole) if previous.isValid() else None
        model.show_rows(board.rows(key), board.as_at)
        if self.table.model() is not model:
            self.table.setModel(model)
            header = self.table.horizontalHeader()
            header.setStretchLastSection(False)
            for column in range(model.columnCount()):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            if 0 <= model.STRETCH < model.columnCount():
                header.setSectionResizeMode(model.STRETCH, QHeaderView.ResizeMode.Stretch)
            self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_open())
        figure = next((f for f in board.figures() if f.key == key), None)
        untranslated = str(LIST_HEADINGS.get(key, figure.label if figure else key))
        heading = QCoreApplication.translate("OversightPage", untranslated)
        self.list_heading.setText(f"{heading} ({model.rowCount()})")
        self.table.setAccessibleName(heading)
        self.list_empty.setText(self.tr("None: nothing to show here for this period."))
        self.list_empty.setVisible(model.rowCount() == 0)
        self.table.setVisible(model.rowCount() > 0)
        if model.rowCount():
            row = model.row_of(chosen) if chosen is not None else -1
            self.table.selectRow(max(row, 0))
        self._update_open()

    def _update_open(self) -> None:
        about_residents = any(
            self.current_model().resident_at(r) for r in range(min(1, self.current_model().rowCount()))
        )
        self.open_button.setVisible(about_residents)
        self.open_button.setEnabled(self.selected_resident() is not None)

    def selected_resident(self) -> str | None:
        index: QModelIndex = self.table.currentIndex()
        return self.current_model().resident_at(index.row()) if index.isValid() else None

    def open_selected(self) -> None:
        """Open the record of the resident the chosen row is about (rows about no one resident,
        such as caseloads or improvement actions, open nothing)."""
        resident_id = self.selected_resident()
        if resident_id is not None:
            self.ctx.navigator.open_resident.emit(resident_id)

    # -- the governance report ----------------------------------------------------------------------

    def open_governance(self) -> None:
        """The governance report's dialog, for the period shown (managers only)."""
        if not self.ctx.ws.may(Permission.LEAD_PRACTICE):
            return
        from carelink_desktop.ui.governance_dialog import GovernanceDialog

        dates = self.period_dates()
        start, end = dates if dates is not None else preset_period("12m", self.ctx.ws.today())
        dialog = GovernanceDialog(self.ctx, start, end, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.governance_dialog = dialog
        dialog.open()
