"""The manager's oversight dashboard: how well the home involves key people in a period.

For a chosen period (``start`` to ``end``) and judged on ``as_at`` (the end of the period, or today
when the period runs on): residents whose contact falls below their wishes, residents with no
contact for N days, evaluations, carer plan reviews and restriction reviews overdue, open concerns
by age and severity, follow-ups overdue, keyworker caseloads and changes under way, improvement
actions overdue, and two trends (contact per week over the last year, concerns by kind).

Shift leads see a reduced dashboard (no caseloads, keyworker changes or improvement actions);
keyworkers none. Everything comes from aggregate queries (``services.oversight_queries``), so a
home with ten years of contact is as quick as a new one. Only current residents count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from carelink_desktop.domain.concerns import ConcernKind, Severity
from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.errors import ValidationError
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services import oversight_queries as q
from carelink_desktop.services.concerns import ConcernSummary
from carelink_desktop.services.contact_signals import recording_started
from carelink_desktop.services.home_settings import home_settings
from carelink_desktop.services.improvement_actions import ActionView
from carelink_desktop.services.visit_history import FollowUpView, follow_up_rows
from carelink_desktop.services.workspace import Workspace

#: The age bands of open concerns, in order.
AGE_BANDS = tuple(label for label, _ in q.AGE_BANDS)


@dataclass(frozen=True)
class ShortfallRow:
    """A resident whose contact falls below their wishes in the period."""

    resident_id: str
    resident_name: str
    room: str
    #: Contact wishes with a frequency, on current relationships.
    wishes: int
    #: Sum over the wishes of max(1, days // the wish's interval in days), the days running from
    #: the period's start (or the resident's admission, if later) to ``as_at``.
    expected: int
    #: Sum over the wishes of min(contacts of that kind with that person in the period, expected).
    met: int
    shortfall: int
    percent_met: int


@dataclass(frozen=True)
class NoContactRow:
    resident_id: str
    resident_name: str
    room: str
    #: The last contact on or before as_at (None: none since recording began or admission).
    last_contact: date | None
    days: int


@dataclass(frozen=True)
class OverdueItem:
    resident_id: str
    resident_name: str
    what: str
    due_on: date
    days_overdue: int


@dataclass(frozen=True)
class ConcernAgeRow:
    band: str
    #: Open concerns of this age by severity, in ``Severity`` order (low to urgent).
    by_severity: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class Caseload:
    #: None: residents without a keyworker ("No keyworker").
    staff_id: str | None
    staff_name: str
    residents: int


@dataclass(frozen=True)
class Transition:
    resident_id: str
    resident_name: str
    from_name: str
    to_name: str
    planned_on: date


@dataclass(frozen=True)
class WeekCount:
    #: A Monday.
    week_start: date
    contacts: int


@dataclass(frozen=True)
class Figure:
    #: The Dashboard field holding the list behind the figure (``Dashboard.rows(key)``).
    key: str
    label: str
    value: int
    note: str


#: The figures of the dashboard, in order: key -> label. The last three are the manager's only.
FIGURES: dict[str, str] = {
    "below_wishes": "Contact below wishes",
    "no_contact": "No recent contact",
    "evaluations_overdue": "Evaluations overdue",
    "plan_reviews_overdue": "Carer plan reviews overdue",
    "restrictions_overdue": "Restrictions past review",
    "open_concerns": "Open concerns",
    "follow_ups_overdue": "Follow-ups overdue",
    "caseloads": "Keyworker caseloads",
    "transitions": "Keyworker changes under way",
    "actions_overdue": "Improvement actions overdue",
}
MANAGER_ONLY = frozenset({"caseloads", "transitions", "actions_overdue"})
#: Every list ``Dashboard.rows`` gives (the figures' and the charts').
ROW_KEYS = (*FIGURES, "concern_ages", "contact_per_week", "concerns_by_kind")


@dataclass(frozen=True)
class Dashboard:
    start: date
    end: date
    #: min(end, today): "overdue" and "no contact" are judged on this day.
    as_at: date
    #: True for shift leads: caseloads, transitions and actions are empty.
    reduced: bool
    #: Current residents.
    residents: int
    no_contact_days: int
    #: Lowest percent met first, then the largest shortfall, then the name; shortfall > 0 only.
    below_wishes: tuple[ShortfallRow, ...]
    #: No contact for at least no_contact_days as at as_at; most days first.
    no_contact: tuple[NoContactRow, ...]
    evaluations_overdue: tuple[OverdueItem, ...]
    plan_reviews_overdue: tuple[OverdueItem, ...]
    #: In force on as_at, review date before it.
    restrictions_overdue: tuple[OverdueItem, ...]
    #: Not closed, in the order of services.concerns.concerns_list.
    open_concerns: tuple[ConcernSummary, ...]
    #: The four bands, always all four.
    concern_ages: tuple[ConcernAgeRow, ...]
    #: Not done, due before as_at.
    follow_ups_overdue: tuple[FollowUpView, ...]
    caseloads: tuple[Caseload, ...]
    #: Keyworker changes not completed.
    transitions: tuple[Transition, ...]
    #: Improvement actions open past their due date (empty when reduced).
    actions_overdue: tuple[ActionView, ...]
    #: The 52 weeks ending with as_at's week.
    contact_per_week: tuple[WeekCount, ...]
    #: Raised in the period, every kind, in enum order.
    concerns_by_kind: tuple[tuple[ConcernKind, int], ...]

    @property
    def period_days(self) -> int:
        return (self.end - self.start).days + 1

    def figures(self) -> tuple[Figure, ...]:
        """One figure per list (value = the list's length, except caseloads: the number of
        keyworkers); the reduced view leaves out the manager's figures."""
        return tuple(
            Figure(key, label, self._value(key), self._note(key))
            for key, label in FIGURES.items()
            if not (self.reduced and key in MANAGER_ONLY)
        )

    def rows(self, key: str) -> tuple[object, ...]:
        """The list behind a figure or a chart."""
        if key not in ROW_KEYS:
            raise KeyError(f"The dashboard has no list called {key!r}.")
        value: tuple[object, ...] = getattr(self, key)
        return value

    def _value(self, key: str) -> int:
        if key == "caseloads":
            return sum(1 for c in self.caseloads if c.staff_id is not None)
        return len(self.rows(key))

    def _note(self, key: str) -> str:
        if key == "below_wishes":
            return f"of {self.residents} residents, in the period"
        if key == "no_contact":
            return f"no contact for {self.no_contact_days} days or more"
        if key in ("evaluations_overdue", "plan_reviews_overdue", "restrictions_overdue"):
            overdue = [i for i in self.rows(key) if isinstance(i, OverdueItem)]
            longest = max((i.days_overdue for i in overdue), default=0)
            return f"longest {_count(longest, 'day')} overdue" if overdue else "none overdue"
        if key == "open_concerns":
            urgent = sum(1 for c in self.open_concerns if c.severity is Severity.URGENT)
            high = sum(1 for c in self.open_concerns if c.severity is Severity.HIGH)
            return f"{urgent} urgent, {high} high"
        if key == "follow_ups_overdue":
            return f"due before {format_uk_date(self.as_at)}"
        if key == "caseloads":
            without = sum(c.residents for c in self.caseloads if c.staff_id is None)
            largest = max((c.residents for c in self.caseloads if c.staff_id is not None), default=0)
            return f"largest {_count(largest, 'resident')}; {_count(without, 'resident')} without a keyworker"
        if key == "transitions":
            return "planned, not yet completed"
        if key == "actions_overdue":
            return "open past their due date"
        return ""


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def dashboard(ws: Workspace, start: date, end: date) -> Dashboard:
    """The dashboard for a period (shift leads and managers; shift leads get the reduced one)."""
    ws.require(Permission.VIEW_OVERSIGHT, "see the oversight dashboard")
    reduced = not ws.may(Permission.LEAD_PRACTICE)
    days = home_settings(ws).no_contact_days
    with ws.read() as session:
        return dashboard_in(session, start, end, today=ws.today(), no_contact_days=days, reduced=reduced)


def dashboard_in(
    session: Session, start: date, end: date, *, today: date, no_contact_days: int, reduced: bool
) -> Dashboard:
    """``dashboard`` inside an open session (the governance report uses it); no permission check."""
    if start > end:
        raise ValidationError({"period": "The period must start on or before the day it ends."})
    as_at = min(end, today)
    current = q.current_residents(session, as_at)
    open_concerns = q.open_concerns(session, current, as_at)
    follow_ups = [f for f in follow_up_rows(session, as_at - timedelta(days=1)) if f.resident_id in current]
    return Dashboard(
        start=start,
        end=end,
        as_at=as_at,
        reduced=reduced,
        residents=len(current.names),
        no_contact_days=no_contact_days,
        below_wishes=_below_wishes(session, current, start, end, as_at),
        no_contact=_no_contact(session, current, as_at, no_contact_days),
        evaluations_overdue=_overdue(current, q.evaluations_overdue(session, current, as_at), as_at),
        plan_reviews_overdue=_overdue(current, q.plan_reviews_overdue(session, current, as_at), as_at),
        restrictions_overdue=_overdue(current, q.restrictions_overdue(session, current, as_at), as_at),
        open_concerns=tuple(open_concerns),
        concern_ages=tuple(
            ConcernAgeRow(band, counts, sum(counts)) for band, counts in q.concern_ages(open_concerns, as_at)
        ),
        follow_ups_overdue=tuple(follow_ups),
        caseloads=() if reduced else tuple(Caseload(*c) for c in q.caseloads(session, current)),
        transitions=() if reduced else _transitions(session, current),
        actions_overdue=() if reduced else tuple(q.actions_overdue(session, as_at)),
        contact_per_week=tuple(WeekCount(*w) for w in q.contact_per_week(session, current, as_at)),
        concerns_by_kind=tuple(q.concerns_by_kind(session, current, start, end)),
    )


def _below_wishes(
    session: Session, current: q.Current, start: date, end: date, as_at: date
) -> tuple[ShortfallRow, ...]:
    wishes = q.wishes(session, current, as_at)
    if not wishes:
        return ()
    counts = q.contact_counts(session, ((w.resident_id, w.key_person_id, w.kind) for w in wishes), start, end)
    totals: dict[str, list[int]] = {}  # resident id -> [wishes, expected, met]
    for w in wishes:
        # A resident admitted during the period is expected contact only from their admission,
        # and nobody is expected contact after the day the dashboard is judged on.
        admitted = current.admitted.get(w.resident_id)
        first = max(start, admitted) if admitted else start
        days = (min(end, as_at) - first).days + 1
        if days <= 0:
            continue
        expected = max(1, days // w.interval_days)
        met = min(counts.get((w.resident_id, w.key_person_id, w.kind), 0), expected)
        total = totals.setdefault(w.resident_id, [0, 0, 0])
        total[0] += 1
        total[1] += expected
        total[2] += met
    rows = []
    for resident_id, (count, expected, met) in totals.items():
        if met >= expected:
            continue
        name, room = current.names[resident_id]
        rows.append(
            ShortfallRow(
                resident_id=resident_id,
                resident_name=name,
                room=room,
                wishes=count,
                expected=expected,
                met=met,
                shortfall=expected - met,
                percent_met=round(100 * met / expected),
            )
        )
    rows.sort(key=lambda r: (r.percent_met, -r.shortfall, r.resident_name.casefold(), r.resident_id))
    return tuple(rows)


def _no_contact(session: Session, current: q.Current, as_at: date, days: int) -> tuple[NoContactRow, ...]:
    """Residents with no contact for ``days`` or more as at ``as_at``. With none at all, the gap
    runs from when recording began (or their admission, if later), as the Today board counts it."""
    started = recording_started(session)
    if started is None or not current.names:
        return ()
    last = q.last_contact_by(session, current.names, as_at)
    rows = []
    for resident_id, (name, room) in current.names.items():
        seen = last.get(resident_id)
        admitted = current.admitted.get(resident_id)
        since = seen or (max(started, admitted) if admitted else started)
        gap = (as_at - since).days
        if gap >= days:
            rows.append(NoContactRow(resident_id, name, room, seen, gap))
    rows.sort(key=lambda r: (-r.days, r.resident_name.casefold(), r.resident_id))
    return tuple(rows)


def _overdue(current: q.Current, found: list[tuple[str, str, date]], as_at: date) -> tuple[OverdueItem, ...]:
    items = [
        OverdueItem(resident_id, current.name(resident_id), what, due, (as_at - due).days)
        for resident_id, what, due in found
    ]
    items.sort(key=lambda i: (i.due_on, i.resident_name.casefold(), i.what))
    return tuple(items)


def _transitions(session: Session, current: q.Current) -> tuple[Transition, ...]:
    items = [
        Transition(resident_id, current.name(resident_id), from_name, to_name, planned_on)
        for resident_id, from_name, to_name, planned_on in q.transitions(session, current)
    ]
    items.sort(key=lambda t: (t.planned_on, t.resident_name.casefold(), t.resident_id))
    return tuple(items)
