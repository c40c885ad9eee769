"""The lists inside a carer support plan, each edited as rows of named inputs under column headings:
outcomes, roles, the carer's needs, resources chosen from the directory, the access plan and the
review criteria.

Every input is a real control the Tab key reaches and a screen reader names ("Outcome 2: for
whom"); "Add …" puts a row at the end and moves the cursor into it, each row's Remove takes it
away. A row left empty is dropped when the plan is saved (``PlanDetails.cleaned``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.carer_plans import (
    AccessAction,
    ActionStatus,
    CarerNeed,
    NeedKind,
    Outcome,
    OutcomeFor,
    PlanRole,
    Term,
)
from carelink_desktop.ui.widgets import DateField


def enum_combo(items: Sequence[tuple[str, Any]]) -> QComboBox:
    combo = QComboBox()
    for text, value in items:
        combo.addItem(text, getattr(value, "value", value))
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def choose_data(combo: QComboBox, value: Any) -> None:
    combo.setCurrentIndex(max(combo.findData(getattr(value, "value", value)), 0))


def line_edit(placeholder: str = "", limit: int = 500) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(limit)
    return edit


class RowsEditor(QWidget):
    """Rows of inputs under ``headings``; a subclass makes a row's inputs and reads them back.

    ``changed`` is emitted on every edit by the person (not while ``set_values`` fills the rows);
    ``rows_changed`` after a row is added or removed (the dialog then sets the tab order again)."""

    changed = Signal()
    rows_changed = Signal()

    #: Which columns share the width (the others are as wide as they need).
    STRETCH: tuple[int, ...] = (0,)

    def __init__(
        self,
        headings: Sequence[str],
        item_name: str,
        add_text: str,
        empty_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.headings = list(headings)
        self.item_name = item_name
        self.rows: list[list[QWidget]] = []
        self.removers: list[QPushButton] = []
        self.read_only = False
        self._filling = False
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(self.fontMetrics().averageCharWidth() * 2)
        self.empty = QLabel(empty_text)
        self.empty.setWordWrap(True)
        self.add_button = QPushButton(add_text)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_clicked)
        self.add_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.grid)
        layout.addWidget(self.empty)
        layout.addWidget(self.add_button)
        self._layout_rows()

    # -- what a subclass gives ------------------------------------------------------------------

    def make_row(self, value: Any | None) -> list[QWidget]:
        """The inputs of one row (one per heading), filled with ``value`` (None: a new row)."""
        raise NotImplementedError

    def row_value(self, widgets: list[QWidget]) -> Any:
        raise NotImplementedError

    # -- values ---------------------------------------------------------------------------------

    def values(self) -> tuple[Any, ...]:
        return tuple(self.row_value(row) for row in self.rows)

    def set_values(self, values: Sequence[Any]) -> None:
        self._filling = True
        try:
            for row, remover in zip(self.rows, self.removers, strict=True):
                for widget in (*row, remover):
                    widget.hide()
                    widget.deleteLater()
            self.rows, self.removers = [], []
            for value in values:
                self._append(value)
            self._layout_rows()
        finally:
            self._filling = False

    # -- rows -----------------------------------------------------------------------------------

    def add_clicked(self) -> None:
        self.add_row(None)

    def add_row(self, value: Any | None = None) -> list[QWidget]:
        """Add a row at the end (as the Add button does) and put the cursor in it."""
        row = self._append(value)
        self._layout_rows()
        self.rows_changed.emit()
        self._edited()
        row[0].setFocus()
        return row

    def remove_row(self, index: int) -> None:
        row, remover = self.rows.pop(index), self.removers.pop(index)
        for widget in (*row, remover):
            widget.hide()
            widget.deleteLater()
        self._layout_rows()
        self.rows_changed.emit()
        self._edited()
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)][0].setFocus()
        else:
            self.add_button.setFocus()

    def _append(self, value: Any | None) -> list[QWidget]:
        row = self.make_row(value)
        for widget in row:
            self._watch(widget)
            if isinstance(widget, QLineEdit | QComboBox):
                widget.setEnabled(True)
        remover = QPushButton(self.tr("Remove"))
        remover.setAutoDefault(False)
        remover.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        remover.clicked.connect(lambda: self.remove_row(self.removers.index(remover)))
        self.rows.append(row)
        self.removers.append(remover)
        self._apply_read_only(row, remover)
        return row

    def _layout_rows(self) -> None:
        while self.grid.count():
            self.grid.takeAt(0)
        if self.rows and len(self.headings) > 1:  # one column: the field's own label says it all
            for column, text in enumerate(self.headings):
                heading = QLabel(text)
                heading.setStyleSheet("font-weight: bold;")
                heading.setAccessibleName(text)
                self.grid.addWidget(heading, 0, column)
        for n, (row, remover) in enumerate(zip(self.rows, self.removers, strict=True), start=1):
            for column, widget in enumerate(row):
                widget.setAccessibleName(f"{self.item_name} {n}: {self.headings[column]}")
                self.grid.addWidget(widget, n, column)
                widget.show()
            remover.setAccessibleName(self.tr("Remove {item} {n}").format(item=self.item_name.lower(), n=n))
            remover.setToolTip(remover.accessibleName())
            self.grid.addWidget(remover, n, len(self.headings))
            remover.setVisible(not self.read_only)
        for column in range(len(self.headings) + 1):
            self.grid.setColumnStretch(column, 1 if column in self.STRETCH else 0)
        self.empty.setVisible(not self.rows)
        self.setFocusProxy(self.rows[0][0] if self.rows else self.add_button)

    def _watch(self, widget: QWidget) -> None:
        if isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(lambda _i: self._edited())
        elif isinstance(widget, QLineEdit):
            widget.textChanged.connect(lambda _t: self._edited())

    def _edited(self) -> None:
        if not self._filling:
            self.changed.emit()

    def focus_widgets(self) -> list[QWidget]:
        """Every control row by row, then the Add button, as the Tab key should meet them."""
        out: list[QWidget] = []
        for row, remover in zip(self.rows, self.removers, strict=True):
            out += [*row, remover]
        return [*out, self.add_button]

    def contains_focus(self, widget: QWidget | None) -> bool:
        return widget is not None and (widget is self or self.isAncestorOf(widget))

    # -- read-only ------------------------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        """Readable (and still reachable by Tab) but not changeable; no Add or Remove."""
        self.read_only = read_only
        self.add_button.setVisible(not read_only)
        for row, remover in zip(self.rows, self.removers, strict=True):
            self._apply_read_only(row, remover)

    def _apply_read_only(self, row: list[QWidget], remover: QPushButton) -> None:
        for widget in row:
            if isinstance(widget, QLineEdit):
                widget.setReadOnly(self.read_only or bool(widget.property("always_read_only")))
            elif isinstance(widget, QComboBox):
                widget.setEnabled(not self.read_only)
        remover.setVisible(not self.read_only)


class OutcomesEditor(RowsEditor):
    """The intended outcomes of working together, each for the resident, the carer or both (P2, P7)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [self.tr("Outcome"), self.tr("For whom")],
            self.tr("Outcome"),
            self.tr("Add an outcome"),
            self.tr("No outcomes yet."),
            parent,
        )

    def make_row(self, value: Outcome | None) -> list[QWidget]:
        text = line_edit(self.tr("e.g. Jean has one evening a week for herself"))
        whom = enum_combo([(self.tr(o.label), o) for o in OutcomeFor])
        if value is not None:
            text.setText(value.text)
        choose_data(whom, value.for_whom if value else OutcomeFor.SHARED)
        return [text, whom]

    def row_value(self, widgets: list[QWidget]) -> Outcome:
        text, whom = widgets
        assert isinstance(text, QLineEdit) and isinstance(whom, QComboBox)
        return Outcome(text.text(), OutcomeFor(whom.currentData()))


class RolesEditor(RowsEditor):
    """Who does what: the worker, the carer, key people and others (P3)."""

    STRETCH = (0, 1)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [self.tr("Who"), self.tr("Their role")],
            self.tr("Role"),
            self.tr("Add a role"),
            self.tr("No roles yet."),
            parent,
        )

    def make_row(self, value: PlanRole | None) -> list[QWidget]:
        who = line_edit(self.tr("e.g. Jean (carer), the keyworker"), 200)
        role = line_edit(self.tr("e.g. visits on Sundays and helps with lunch"))
        if value is not None:
            who.setText(value.who)
            role.setText(value.role)
        return [who, role]

    def row_value(self, widgets: list[QWidget]) -> PlanRole:
        who, role = widgets
        assert isinstance(who, QLineEdit) and isinstance(role, QLineEdit)
        return PlanRole(who.text(), role.text())


class NeedsEditor(RowsEditor):
    """The carer's own needs: physical, emotional, mental or practical; short, medium or long term."""

    STRETCH = (2,)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [self.tr("Kind of need"), self.tr("Term"), self.tr("What they need")],
            self.tr("Need"),
            self.tr("Add a need"),
            self.tr("No needs recorded yet."),
            parent,
        )

    def make_row(self, value: CarerNeed | None) -> list[QWidget]:
        kind = enum_combo([(self.tr(k.label), k) for k in NeedKind])
        term = enum_combo([(self.tr(t.label), t) for t in Term])
        text = line_edit(self.tr("e.g. a break from caring one afternoon a week"))
        if value is not None:
            choose_data(kind, value.kind)
            choose_data(term, value.term)
            text.setText(value.description)
        return [kind, term, text]

    def row_value(self, widgets: list[QWidget]) -> CarerNeed:
        kind, term, text = widgets
        assert isinstance(kind, QComboBox) and isinstance(term, QComboBox) and isinstance(text, QLineEdit)
        return CarerNeed(NeedKind(kind.currentData()), Term(term.currentData()), text.text())


class ActionsEditor(RowsEditor):
    """The access plan: what is to be done, who does it, by when, and how it stands (P11, P14)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [self.tr("What"), self.tr("Who"), self.tr("By when"), self.tr("Status")],
            self.tr("Action"),
            self.tr("Add an action"),
            self.tr("No actions yet."),
            parent,
        )

    def make_row(self, value: AccessAction | None) -> list[QWidget]:
        what = line_edit(self.tr("e.g. phone the carers' centre to book a place"))
        who = line_edit(self.tr("e.g. Jean, with the keyworker"), 200)
        who.setMinimumWidth(who.fontMetrics().averageCharWidth() * 22)
        by_when = DateField()
        status = enum_combo([(self.tr(s.label), s) for s in ActionStatus])
        if value is not None:
            what.setText(value.what)
            who.setText(value.who)
            by_when.set_date(value.by_when)
            choose_data(status, value.status)
        return [what, who, by_when, status]

    def row_value(self, widgets: list[QWidget]) -> AccessAction:
        what, who, by_when, status = widgets
        assert isinstance(what, QLineEdit) and isinstance(who, QLineEdit)
        assert isinstance(by_when, DateField) and isinstance(status, QComboBox)
        day = None if by_when.problem() else by_when.date()
        return AccessAction(what.text(), who.text(), day, ActionStatus(status.currentData()))

    def dates_typed(self) -> tuple[str, ...]:
        return tuple(row[2].text() for row in self.rows if isinstance(row[2], DateField))

    def date_problem(self) -> str:
        """The first "by when" that is not a date, said with its row ("" when none)."""
        for n, row in enumerate(self.rows, start=1):
            field = row[2]
            if isinstance(field, DateField) and field.problem():
                return self.tr("Action {n}, by when: {problem}").format(n=n, problem=field.problem())
        return ""


class CriteriaEditor(RowsEditor):
    """The criteria agreed with the carer for reviewing the partnership and their wellbeing (P17)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [self.tr("Criterion")],
            self.tr("Criterion"),
            self.tr("Add a criterion"),
            self.tr("No criteria agreed yet."),
            parent,
        )

    def make_row(self, value: str | None) -> list[QWidget]:
        text = line_edit(self.tr("e.g. Jean feels less tired and is sleeping better"))
        text.setText(value or "")
        return [text]

    def row_value(self, widgets: list[QWidget]) -> str:
        (text,) = widgets
        assert isinstance(text, QLineEdit)
        return text.text()
