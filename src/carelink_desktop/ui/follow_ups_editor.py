"""The follow-ups of a visit record as rows to add, change and remove: what is to be done, who
does it, when it is due and, once it is done, the day it was done (P25: what the next shift or
the keyworker must pick up).

A follow-up keeps its stored id (and the note made when it was completed elsewhere) across edits,
so changing the row changes that follow-up rather than adding another. A new row is due a week
from today unless the person says otherwise; a row left without an action is dropped on saving.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtWidgets import QLineEdit, QWidget

from carelink_desktop.domain.validation import clean
from carelink_desktop.domain.visits import FollowUp
from carelink_desktop.ui.carer_plan_rows import RowsEditor, line_edit
from carelink_desktop.ui.widgets import DateField

#: A new follow-up is due this many days from today until the person changes it.
DEFAULT_DUE_DAYS = 7


class FollowUpsEditor(RowsEditor):
    """Rows of action, owner, due date and done date; ``values()`` are FollowUps (new ones
    without an id)."""

    STRETCH = (0,)

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(
            [self.tr("What needs doing"), self.tr("Who"), self.tr("Due"), self.tr("Done on")],
            self.tr("Follow-up"),
            self.tr("Add a follow-&up"),
            self.tr("No follow-ups: add one when something must be done after this contact."),
            parent,
        )
        self.today = today
        self.add_button.setToolTip(self.tr("Add something to be done after this contact"))

    def make_row(self, value: FollowUp | None) -> list[QWidget]:
        action = line_edit(self.tr("e.g. ring Susan back about the GP appointment"), 2000)
        owner = line_edit(self.tr("e.g. Bea, keyworker"), 200)
        owner.setMinimumWidth(owner.fontMetrics().averageCharWidth() * 18)
        due = DateField()
        done = DateField()
        done.setPlaceholderText(self.tr("not yet"))
        done.setToolTip(self.tr("Leave empty until it is done; then type the day it was done"))
        if value is None:
            due.set_date(self.today() + timedelta(days=DEFAULT_DUE_DAYS))
        else:
            action.setText(value.action)
            owner.setText(value.owner)
            due.set_date(value.due_on)
            done.set_date(value.done_on)
            action.setProperty("follow_up_id", value.id or "")
            action.setProperty("done_note", value.done_note)
        return [action, owner, due, done]

    def row_value(self, widgets: list[QWidget]) -> FollowUp:
        action, owner, due, done = widgets
        assert isinstance(action, QLineEdit) and isinstance(owner, QLineEdit)
        assert isinstance(due, DateField) and isinstance(done, DateField)
        return FollowUp(
            action=action.text(),
            due_on=None if due.problem() else due.date(),
            owner=owner.text(),
            done_on=None if done.problem() else done.date(),
            done_note=str(action.property("done_note") or ""),
            id=str(action.property("follow_up_id") or "") or None,
        )

    def kept_rows(self) -> list[int]:
        """The row numbers (from 1) of the follow-ups that will be saved, in order: rows left
        without an action are dropped unless they are stored already (then saving says so)."""
        return [
            n for n, value in enumerate(self.values(), start=1) if clean(value.action) or value.id is not None
        ]

    def dates_typed(self) -> tuple[str, ...]:
        """Every date as typed (so a half-typed date counts as a change)."""
        return tuple(w.text() for row in self.rows for w in row[2:] if isinstance(w, DateField))

    def date_problem(self) -> str:
        """The first date that is not a date, said with its row ("" when none)."""
        for n, row in enumerate(self.rows, start=1):
            for field, what in ((row[2], self.tr("due")), (row[3], self.tr("done on"))):
                if isinstance(field, DateField) and field.problem():
                    return self.tr("Follow-up {n}, {what}: {problem}").format(
                        n=n, what=what, problem=field.problem()
                    )
        return ""

    def mark_done(self, row: int, day: date) -> None:
        """Put ``day`` in row ``row``'s (from 0) done date, as typing it would."""
        done = self.rows[row][3]
        assert isinstance(done, DateField)
        done.set_date(day)
