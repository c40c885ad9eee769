"""Qt table models for the oversight dashboard: thin adapters over the read models of
services.oversight, one per kind of list behind a figure (residents below their contact wishes,
no contact, overdue reviews, open concerns, follow-ups, caseloads, transitions, improvement
actions) and the small table of open concerns by age and severity.

Every row that is about a resident keeps the resident's id (``resident_id``) so the page can open
their record; warnings are said in words, colour only repeats them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QFont

from carelink_desktop.domain.concerns import ConcernStatus, Severity
from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.services.concerns import ConcernSummary
from carelink_desktop.services.improvement_actions import ActionView
from carelink_desktop.services.oversight import (
    Caseload,
    ConcernAgeRow,
    NoContactRow,
    OverdueItem,
    ShortfallRow,
    Transition,
)
from carelink_desktop.services.visit_history import FollowUpView
from carelink_desktop.ui.resident_picker import resident_label
from carelink_desktop.ui.table_model import ReadModelTable
from carelink_desktop.ui.widgets import PROBLEM_COLOUR

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def one_line(text: str) -> str:
    return " ".join(text.split())


class OversightTable(ReadModelTable):
    """A list behind a dashboard figure. ``NUMBERS`` are the columns holding counts (right
    aligned); ``as_at`` is the day the dashboard judges "overdue" on."""

    NUMBERS: ClassVar[tuple[int, ...]] = ()
    #: The column that takes the width left over (the longest words).
    STRETCH: ClassVar[int] = 0

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.as_at = date.today()

    def show_rows(self, rows: Sequence[Any], as_at: date) -> None:
        self.as_at = as_at
        self.set_rows(rows)

    def item_id(self, item: Any) -> Any:
        return getattr(item, "id", None) or getattr(item, "resident_id", None)

    def resident_at(self, row: int) -> str | None:
        """The id of the resident a row is about (None: it is not about one resident)."""
        if not 0 <= row < self.rowCount():
            return None
        value = getattr(self.item_at(row), "resident_id", None)
        return str(value) if value else None

    def role_data(self, item: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMBERS:
            return RIGHT
        return None


class ShortfallModel(OversightTable):
    """Residents whose contact fell below their wishes, the furthest below first."""

    HEADERS = (
        QT_TRANSLATE_NOOP("ShortfallModel", "Resident"),
        QT_TRANSLATE_NOOP("ShortfallModel", "Wishes"),
        QT_TRANSLATE_NOOP("ShortfallModel", "Contacts wished for"),
        QT_TRANSLATE_NOOP("ShortfallModel", "Contacts that happened"),
        QT_TRANSLATE_NOOP("ShortfallModel", "Short by"),
        QT_TRANSLATE_NOOP("ShortfallModel", "Wishes met"),
    )
    NUMBERS = (1, 2, 3, 4, 5)

    def cells(self, item: Any) -> tuple[str, ...]:
        r: ShortfallRow = item
        return (
            resident_label(r.resident_name, r.room),
            str(r.wishes),
            str(r.expected),
            str(r.met),
            str(r.shortfall),
            f"{r.percent_met}%",
        )


class NoContactModel(OversightTable):
    """Residents with no recorded contact for the home's number of days, the longest first."""

    HEADERS = (
        QT_TRANSLATE_NOOP("NoContactModel", "Resident"),
        QT_TRANSLATE_NOOP("NoContactModel", "Last contact"),
        QT_TRANSLATE_NOOP("NoContactModel", "Days without contact"),
    )
    NUMBERS = (2,)

    def cells(self, item: Any) -> tuple[str, ...]:
        r: NoContactRow = item
        last = format_uk_date(r.last_contact) if r.last_contact else self.tr("None recorded")
        return (resident_label(r.resident_name, r.room), last, str(r.days))


class OverdueItemsModel(OversightTable):
    """Evaluations, carer plan reviews or restriction reviews past their date."""

    HEADERS = (
        QT_TRANSLATE_NOOP("OverdueItemsModel", "Resident"),
        QT_TRANSLATE_NOOP("OverdueItemsModel", "What"),
        QT_TRANSLATE_NOOP("OverdueItemsModel", "Due"),
        QT_TRANSLATE_NOOP("OverdueItemsModel", "Days overdue"),
    )
    NUMBERS = (3,)

    STRETCH = 1

    def item_id(self, item: Any) -> Any:
        o: OverdueItem = item
        return (o.resident_id, o.what, o.due_on)

    def cells(self, item: Any) -> tuple[str, ...]:
        o: OverdueItem = item
        return (o.resident_name, one_line(o.what), format_uk_date(o.due_on), str(o.days_overdue))


class OpenConcernsModel(OversightTable):
    """Concerns not closed: raised, resident, kind, severity, status, age, reported to."""

    HEADERS = (
        QT_TRANSLATE_NOOP("OpenConcernsModel", "Raised"),
        QT_TRANSLATE_NOOP("OpenConcernsModel", "Resident"),
        QT_TRANSLATE_NOOP("OpenConcernsModel", "Kind"),
        QT_TRANSLATE_NOOP("OpenConcernsModel", "Severity"),
        QT_TRANSLATE_NOOP("OpenConcernsModel", "Status"),
        QT_TRANSLATE_NOOP("OpenConcernsModel", "Age (days)"),
        QT_TRANSLATE_NOOP("OpenConcernsModel", "Reported to"),
    )
    NUMBERS = (5,)
    SEVERITY_COLUMN = 3

    STRETCH = 6

    def cells(self, item: Any) -> tuple[str, ...]:
        c: ConcernSummary = item
        return (
            format_uk_date(c.raised_on),
            c.resident_name,
            self.tr(c.kind.label),
            self.tr(c.severity.label),
            self.tr(c.status.label),
            str(c.age_days(self.as_at)),
            one_line(c.reported_to),
        )

    def role_data(self, item: Any, column: int, role: int) -> Any:
        c: ConcernSummary = item
        if role == Qt.ItemDataRole.ToolTipRole:
            return c.description or None
        serious = c.severity.rank >= Severity.HIGH.rank and c.status is not ConcernStatus.CLOSED
        if column == self.SEVERITY_COLUMN and serious:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(PROBLEM_COLOUR)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return super().role_data(item, column, role)


class FollowUpsOverdueModel(OversightTable):
    """Follow-ups from contact not done by their date."""

    HEADERS = (
        QT_TRANSLATE_NOOP("FollowUpsOverdueModel", "Resident"),
        QT_TRANSLATE_NOOP("FollowUpsOverdueModel", "Follow-up"),
        QT_TRANSLATE_NOOP("FollowUpsOverdueModel", "Who"),
        QT_TRANSLATE_NOOP("FollowUpsOverdueModel", "Due"),
        QT_TRANSLATE_NOOP("FollowUpsOverdueModel", "Days overdue"),
    )
    NUMBERS = (4,)

    STRETCH = 1

    def cells(self, item: Any) -> tuple[str, ...]:
        f: FollowUpView = item
        days = max(0, (self.as_at - f.due_on).days)
        return (f.resident_name, one_line(f.action), f.owner, format_uk_date(f.due_on), str(days))

    def role_data(self, item: Any, column: int, role: int) -> Any:
        f: FollowUpView = item
        if column == 1 and role == Qt.ItemDataRole.ToolTipRole:
            return f.action
        return super().role_data(item, column, role)


class CaseloadsModel(OversightTable):
    """How many current residents each keyworker has (and how many have none)."""

    HEADERS = (
        QT_TRANSLATE_NOOP("CaseloadsModel", "Keyworker"),
        QT_TRANSLATE_NOOP("CaseloadsModel", "Residents"),
    )
    NUMBERS = (1,)

    def item_id(self, item: Any) -> Any:
        c: Caseload = item
        return c.staff_id

    def cells(self, item: Any) -> tuple[str, ...]:
        c: Caseload = item
        return (c.staff_name, str(c.residents))


class TransitionsModel(OversightTable):
    """Keyworker changes under way."""

    HEADERS = (
        QT_TRANSLATE_NOOP("TransitionsModel", "Resident"),
        QT_TRANSLATE_NOOP("TransitionsModel", "From"),
        QT_TRANSLATE_NOOP("TransitionsModel", "To"),
        QT_TRANSLATE_NOOP("TransitionsModel", "Planned for"),
    )

    STRETCH = 0

    def item_id(self, item: Any) -> Any:
        t: Transition = item
        return (t.resident_id, t.planned_on)

    def cells(self, item: Any) -> tuple[str, ...]:
        t: Transition = item
        return (t.resident_name, t.from_name, t.to_name, format_uk_date(t.planned_on))


class ActionsOverdueModel(OversightTable):
    """Improvement actions still open after their due date."""

    HEADERS = (
        QT_TRANSLATE_NOOP("ActionsOverdueModel", "Action"),
        QT_TRANSLATE_NOOP("ActionsOverdueModel", "Owner"),
        QT_TRANSLATE_NOOP("ActionsOverdueModel", "Status"),
        QT_TRANSLATE_NOOP("ActionsOverdueModel", "Due"),
        QT_TRANSLATE_NOOP("ActionsOverdueModel", "Days overdue"),
        QT_TRANSLATE_NOOP("ActionsOverdueModel", "Why"),
    )
    NUMBERS = (4,)

    STRETCH = 0

    def cells(self, item: Any) -> tuple[str, ...]:
        a: ActionView = item
        d = a.details
        days = max(0, (self.as_at - d.due_on).days) if d.due_on else 0
        return (
            one_line(d.action),
            d.owner,
            self.tr(d.status.label),
            format_uk_date(d.due_on),
            str(days) if d.due_on else "",
            self.tr(d.source.label),
        )

    def role_data(self, item: Any, column: int, role: int) -> Any:
        a: ActionView = item
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return a.details.reason or a.details.action
        return super().role_data(item, column, role)


class ConcernAgesModel(OversightTable):
    """Open concerns by how long they have been open (rows) and how serious (columns)."""

    HEADERS = (
        QT_TRANSLATE_NOOP("ConcernAgesModel", "Open for"),
        *(QT_TRANSLATE_NOOP("ConcernAgesModel", s.label) for s in Severity),
        QT_TRANSLATE_NOOP("ConcernAgesModel", "All"),
    )
    NUMBERS = tuple(range(1, len(Severity) + 2))

    def item_id(self, item: Any) -> Any:
        r: ConcernAgeRow = item
        return r.band

    def cells(self, item: Any) -> tuple[str, ...]:
        r: ConcernAgeRow = item
        band = QCoreApplication.translate("ConcernAgesModel", r.band)
        return (band, *(str(n) for n in r.by_severity), str(r.total))

    def role_data(self, item: Any, column: int, role: int) -> Any:
        r: ConcernAgeRow = item
        urgent_or_high = column in (1 + Severity.HIGH.rank, 1 + Severity.URGENT.rank)
        if urgent_or_high and role == Qt.ItemDataRole.FontRole and r.by_severity[column - 1]:
            font = QFont()
            font.setBold(True)
            return font
        return super().role_data(item, column, role)


class PlainRowsModel(OversightTable):
    """Any other list: one column per field of the rows' dataclass (a list the page does not
    know yet still shows)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._fields: tuple[str, ...] = ()

    def show_rows(self, rows: Sequence[Any], as_at: date) -> None:
        first = rows[0] if rows else None
        self._fields = (
            tuple(f.name for f in dataclasses.fields(first) if not f.name.endswith("_id"))
            if first is not None and dataclasses.is_dataclass(first)
            else (("item",) if rows else ())
        )
        super().show_rows(rows, as_at)

    def columnCount(self, parent: Any = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._fields)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self._fields):
            return self._fields[section].replace("_", " ").capitalize()
        return None

    def cells(self, item: Any) -> tuple[str, ...]:
        if not dataclasses.is_dataclass(item):
            return (str(item),)
        values = [getattr(item, name) for name in self._fields]
        return tuple(format_uk_date(v) if isinstance(v, date) else str(v) for v in values)


#: The model showing each list of the dashboard (keys as Dashboard.figures() names them).
MODELS: dict[str, type[OversightTable]] = {
    "below_wishes": ShortfallModel,
    "no_contact": NoContactModel,
    "evaluations_overdue": OverdueItemsModel,
    "plan_reviews_overdue": OverdueItemsModel,
    "restrictions_overdue": OverdueItemsModel,
    "open_concerns": OpenConcernsModel,
    "concern_ages": ConcernAgesModel,
    "follow_ups_overdue": FollowUpsOverdueModel,
    "caseloads": CaseloadsModel,
    "transitions": TransitionsModel,
    "actions_overdue": ActionsOverdueModel,
}


def model_for(key: str, parent: Any = None) -> OversightTable:
    """A new, empty model for the list behind figure ``key``."""
    return MODELS.get(key, PlainRowsModel)(parent)
