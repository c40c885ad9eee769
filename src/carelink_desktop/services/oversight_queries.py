"""The aggregate queries behind the oversight dashboard (``services.oversight``).

Each function answers one part of the dashboard inside an open session with a few set-based
statements: contact is counted by grouped queries over the derived ``visit_contact`` table and
``visit_record`` (index range scans on the day), never by loading visit rows, so ten years of
contact cost about what one year does. Only *current* residents count: not removed, not archived,
admitted by ``as_at`` (or no admission date) and not discharged on or before it.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, func, select, text
from sqlalchemy.orm import Session

from carelink_desktop.domain.concerns import ConcernKind, ConcernStatus, Severity
from carelink_desktop.domain.improvement_actions import ActionStatus
from carelink_desktop.domain.key_people import person_name
from carelink_desktop.domain.relationships import ContactWish, Frequency, KeepInTouch
from carelink_desktop.domain.residents import resident_name
from carelink_desktop.domain.restrictions import RestrictionKind
from carelink_desktop.services.concerns import ConcernSummary
from carelink_desktop.services.contact_signals import _KIND_OF
from carelink_desktop.services.improvement_actions import ActionFilter, ActionView, action_rows, action_view
from carelink_desktop.storage.map_tables import (
    ContactRestrictionRow,
    KeyworkerChangeRow,
    RelationshipEvaluationRow,
)
from carelink_desktop.storage.plan_tables import CarerPlanRow
from carelink_desktop.storage.tables import KeyPersonRow, RelationshipRow, ResidentRow, StaffAccountRow
from carelink_desktop.storage.visit_tables import ConcernRow

#: The age bands of open concerns, (label, oldest age in days; None: no limit).
AGE_BANDS: tuple[tuple[str, int | None], ...] = (
    ("Up to 7 days", 7),
    ("8 to 28 days", 28),
    ("29 to 90 days", 90),
    ("Over 90 days", None),
)


@dataclass(frozen=True)
class Current:
    """The current residents as at a day: id -> (name, room)."""

    names: dict[str, tuple[str, str]]
    admitted: dict[str, date | None]
    keyworkers: dict[str, str | None]

    def name(self, resident_id: str) -> str:
        return self.names.get(resident_id, ("", ""))[0]

    def __contains__(self, resident_id: object) -> bool:
        return resident_id in self.names


def current_filter(as_at: date) -> tuple[ColumnElement[bool], ...]:
    """Conditions for a resident who lives in the home on ``as_at``."""
    return (
        ResidentRow.deleted.is_(False),
        ResidentRow.archived.is_(False),
        ResidentRow.admission_date.is_(None) | (ResidentRow.admission_date <= as_at),
        ResidentRow.discharge_date.is_(None) | (ResidentRow.discharge_date > as_at),
    )


def current_residents(session: Session, as_at: date) -> Current:
    rows = session.execute(
        select(
            ResidentRow.id,
            ResidentRow.legal_given_names,
            ResidentRow.legal_family_name,
            ResidentRow.preferred_name,
            ResidentRow.room,
            ResidentRow.admission_date,
            ResidentRow.keyworker_id,
        ).where(*current_filter(as_at))
    ).all()
    return Current(
        names={r.id: (resident_name(r), r.room) for r in rows},
        admitted={r.id: r.admission_date for r in rows},
        keyworkers={r.id: r.keyworker_id for r in rows},
    )


# -- contact -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Wish:
    resident_id: str
    key_person_id: str
    kind: str  # the visit kind that meets it
    interval_days: int


def wishes(session: Session, current: Current, as_at: date) -> list[Wish]:
    """Contact wishes with a frequency, on relationships of current residents not ended by as_at."""
    rows = session.execute(
        select(
            RelationshipRow.resident_id, RelationshipRow.key_person_id, RelationshipRow.contact_wishes
        ).where(
            RelationshipRow.deleted.is_(False),
            RelationshipRow.ended_on.is_(None) | (RelationshipRow.ended_on > as_at),
            RelationshipRow.resident_id.in_(current.names),
        )
    ).all()
    found = []
    for resident_id, key_person_id, raw_wishes in rows:
        for raw in raw_wishes:
            try:
                wish = ContactWish(
                    KeepInTouch(raw["method"]), Frequency(raw["frequency"]), raw.get("notes", "")
                )
            except (KeyError, ValueError):
                continue
            if wish.frequency.days is not None:
                found.append(
                    Wish(resident_id, key_person_id, _KIND_OF[wish.method].value, wish.frequency.days)
                )
    return found


def contact_counts(
    session: Session, wanted: Iterable[tuple[str, str, str]], start: date, end: date
) -> dict[tuple[str, str, str], int]:
    """(resident id, key person id, visit kind) -> contacts from ``start`` to ``end``, for the
    triples wanted: one grouped query over ``visit_contact`` (removed visits have no rows there),
    each triple a range seek on the covering index ``ix_visit_contact_last``."""
    keys = list(dict.fromkeys(wanted))
    if not keys:
        return {}
    rows = session.execute(
        text(
            "WITH w(r, k, kind) AS (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
            "json_extract(value, '$[2]') FROM json_each(:wanted)) "
            "SELECT w.r, w.k, w.kind, count(c.on_date) FROM w JOIN visit_contact c "
            "ON c.resident_id = w.r AND c.key_person_id = w.k AND c.kind = w.kind "
            "AND c.on_date >= :start AND c.on_date <= :end GROUP BY w.r, w.k, w.kind"
        ),
        {"wanted": json.dumps(keys), "start": start.isoformat(), "end": end.isoformat()},
    ).all()
    return {(r[0], r[1], r[2]): int(r[3]) for r in rows}


def last_contact_by(session: Session, resident_ids: Collection[str], as_at: date) -> dict[str, date | None]:
    """Resident id -> the day of their last contact on or before ``as_at`` (an index seek each)."""
    if not resident_ids:
        return {}
    rows = session.execute(
        text(
            "SELECT j.value, (SELECT substr(v.starts_at, 1, 10) FROM visit_record v "
            "WHERE v.resident_id = j.value AND v.deleted = 0 AND v.starts_at < :after "
            "ORDER BY v.starts_at DESC LIMIT 1) FROM json_each(:ids) j"
        ),
        {"ids": json.dumps(list(resident_ids)), "after": (as_at + timedelta(days=1)).isoformat()},
    ).all()
    return {r[0]: date.fromisoformat(r[1]) if r[1] else None for r in rows}


def contact_per_week(session: Session, current: Current, as_at: date) -> list[tuple[date, int]]:
    """(Monday, contacts) for the 52 weeks ending with ``as_at``'s week (counted up to as_at): one
    grouped query over the visit records of current residents, a range on the covering index
    ``ix_visit_record_resident_starts`` (resident, deleted, start) for each resident."""
    last_monday = as_at - timedelta(days=as_at.weekday())
    first = last_monday - timedelta(weeks=51)
    after = min(last_monday + timedelta(weeks=1), as_at + timedelta(days=1))
    counts: dict[int, int] = {}
    if current.names:
        rows = session.execute(
            text(
                "SELECT CAST((julianday(substr(starts_at, 1, 10)) - julianday(:first)) / 7 AS INTEGER) "
                "AS week, count(*) FROM visit_record "
                "WHERE resident_id IN (SELECT value FROM json_each(:ids)) AND deleted = 0 "
                "AND starts_at >= :first AND starts_at < :after GROUP BY week"
            ),
            {"ids": json.dumps(list(current.names)), "first": first.isoformat(), "after": after.isoformat()},
        ).all()
        counts = {int(week): int(n) for week, n in rows}
    return [(first + timedelta(weeks=i), counts.get(i, 0)) for i in range(52)]


# -- reviews and records due -------------------------------------------------------------------


def evaluations_overdue(session: Session, current: Current, as_at: date) -> list[tuple[str, str, date]]:
    """(resident id, what, due) for each relationship (or whole map) whose latest evaluation's
    next date is before ``as_at``. Evaluations of removed or ended relationships do not count."""
    e = RelationshipEvaluationRow
    latest = (
        select(
            e.resident_id,
            e.relationship_id,
            e.next_due,
            func.row_number()
            .over(
                partition_by=(e.resident_id, func.coalesce(e.relationship_id, "")),
                order_by=(e.evaluated_on.desc(), e.created_at.desc(), e.id.desc()),
            )
            .label("n"),
        )
        .where(e.deleted.is_(False), e.evaluated_on <= as_at)
        .subquery()
    )
    rows = session.execute(
        select(latest.c.resident_id, latest.c.relationship_id, latest.c.next_due).where(
            latest.c.n == 1, latest.c.next_due < as_at
        )
    ).all()
    people = _relationship_people(session, {r.relationship_id for r in rows if r.relationship_id}, as_at)
    found = []
    for resident_id, relationship_id, due in rows:
        if resident_id not in current:
            continue
        if relationship_id is None:
            what = "Evaluation of their relationships"
        elif relationship_id in people:
            what = f"Evaluation: {_labelled(people[relationship_id])}"
        else:
            continue  # the relationship was removed or has ended
        found.append((resident_id, what, due))
    return found


def plan_reviews_overdue(session: Session, current: Current, as_at: date) -> list[tuple[str, str, date]]:
    """(resident id, what, due) for open carer plans whose review date is before ``as_at``
    (as ``services.carer_plans.overdue_reviews`` judges them, in this session)."""
    rows = session.execute(
        select(
            CarerPlanRow.resident_id,
            CarerPlanRow.next_review_on,
            KeyPersonRow.given_names,
            KeyPersonRow.family_name,
        )
        .join(KeyPersonRow, KeyPersonRow.id == CarerPlanRow.key_person_id)
        .where(
            CarerPlanRow.deleted.is_(False),
            CarerPlanRow.status != "closed",
            CarerPlanRow.next_review_on < as_at,
        )
    ).all()
    return [
        (r.resident_id, f"Carer plan review: {person_name(r)}", r.next_review_on)
        for r in rows
        if r.resident_id in current and r.next_review_on is not None
    ]


def restrictions_overdue(session: Session, current: Current, as_at: date) -> list[tuple[str, str, date]]:
    """(resident id, what, review date) for restrictions in force on ``as_at`` whose review date
    is before it."""
    r = ContactRestrictionRow
    rows = session.execute(
        select(r.resident_id, r.relationship_id, r.kind, r.review_on).where(
            r.deleted.is_(False),
            r.starts_on <= as_at,
            r.ends_on.is_(None) | (r.ends_on > as_at),
            r.review_on < as_at,
        )
    ).all()
    people = _relationship_people(session, {x.relationship_id for x in rows if x.relationship_id}, None)
    found: list[tuple[str, str, date]] = []
    for resident_id, relationship_id, kind, due in rows:
        if resident_id not in current or due is None:
            continue
        if relationship_id is None:
            who = "everyone"
        elif relationship_id in people:
            who = _labelled(people[relationship_id])
        else:
            who = "a former key person"
        try:
            label = RestrictionKind(kind).label
        except ValueError:
            label = str(kind)
        found.append((resident_id, f"Restriction on contact with {who} ({label.lower()})", due))
    return found


def _relationship_people(
    session: Session, ids: Iterable[str], as_at: date | None
) -> dict[str, tuple[str, str]]:
    """Relationship id -> (the key person's name, the relationship), for live relationships
    (not ended by as_at when given)."""
    wanted = set(ids)
    if not wanted:
        return {}
    query = (
        select(
            RelationshipRow.id,
            RelationshipRow.relationship,
            KeyPersonRow.given_names,
            KeyPersonRow.family_name,
        )
        .join(KeyPersonRow, KeyPersonRow.id == RelationshipRow.key_person_id)
        .where(RelationshipRow.id.in_(wanted), RelationshipRow.deleted.is_(False))
    )
    if as_at is not None:
        query = query.where(RelationshipRow.ended_on.is_(None) | (RelationshipRow.ended_on > as_at))
    return {r.id: (person_name(r), r.relationship) for r in session.execute(query).all()}


def _labelled(person: tuple[str, str]) -> str:
    """ "Susan Thompson (daughter)"."""
    name, relationship = person
    return f"{name} ({relationship})" if relationship else name


# -- concerns ----------------------------------------------------------------------------------


def open_concerns(session: Session, current: Current, as_at: date) -> list[ConcernSummary]:
    """Concerns not closed, raised by ``as_at``, of current residents, in the order of
    ``services.concerns.concerns_list`` (most severe, then oldest, first)."""
    rows = session.scalars(
        select(ConcernRow).where(
            ConcernRow.deleted.is_(False),
            ConcernRow.status != ConcernStatus.CLOSED.value,
            ConcernRow.raised_on <= as_at,
            ConcernRow.resident_id.in_(current.names),
        )
    ).all()
    people = _relationship_people(session, {c.relationship_id for c in rows if c.relationship_id}, None)
    staff = staff_names(session, {c.created_by for c in rows if c.created_by})
    items = [
        ConcernSummary(
            id=c.id,
            resident_id=c.resident_id,
            resident_name=current.name(c.resident_id),
            kind=ConcernKind(c.kind),
            severity=Severity(c.severity),
            status=ConcernStatus(c.status),
            description=c.description,
            raised_on=c.raised_on,
            person=people.get(c.relationship_id or "", ("", ""))[0],
            reported_to=c.reported_to,
            visit_id=c.visit_id,
            raised_by=staff.get(c.created_by or "", ""),
            created_at=c.created_at,
            version=c.hlc,
        )
        for c in rows
    ]
    items.sort(key=lambda i: (-i.severity.rank, i.raised_on, i.id))
    return items


def concern_ages(concerns: Iterable[ConcernSummary], as_at: date) -> list[tuple[str, tuple[int, ...]]]:
    """The four age bands with their counts by severity (low to urgent)."""
    order = list(Severity)
    counts = [[0] * len(order) for _ in AGE_BANDS]
    for c in concerns:
        age = c.age_days(as_at)
        band = next(i for i, (_, limit) in enumerate(AGE_BANDS) if limit is None or age <= limit)
        counts[band][order.index(c.severity)] += 1
    return [(label, tuple(counts[i])) for i, (label, _) in enumerate(AGE_BANDS)]


def concerns_by_kind(
    session: Session, current: Current, start: date, end: date
) -> list[tuple[ConcernKind, int]]:
    """Concerns of current residents raised from ``start`` to ``end``, by kind (every kind)."""
    rows = session.execute(
        select(ConcernRow.kind, ConcernRow.resident_id, func.count())
        .where(ConcernRow.deleted.is_(False), ConcernRow.raised_on >= start, ConcernRow.raised_on <= end)
        .group_by(ConcernRow.kind, ConcernRow.resident_id)
    ).all()
    counts: dict[str, int] = {}
    for kind, resident_id, count in rows:
        if resident_id in current:
            counts[kind] = counts.get(kind, 0) + int(count)
    return [(k, counts.get(k.value, 0)) for k in ConcernKind]


# -- staff -------------------------------------------------------------------------------------


def staff_names(session: Session, ids: Iterable[str]) -> dict[str, str]:
    wanted = set(ids)
    if not wanted:
        return {}
    return dict(
        session.execute(
            select(StaffAccountRow.id, StaffAccountRow.full_name).where(StaffAccountRow.id.in_(wanted))
        ).all()
    )


def caseloads(session: Session, current: Current) -> list[tuple[str | None, str, int]]:
    """(staff id or None, name, residents) for each keyworker of current residents, largest
    caseload first; residents without a keyworker last, as "No keyworker"."""
    counts: dict[str | None, int] = {}
    for staff_id in current.keyworkers.values():
        counts[staff_id] = counts.get(staff_id, 0) + 1
    names = staff_names(session, {s for s in counts if s})
    named: list[tuple[str | None, str, int]] = sorted(
        ((s, names.get(s, "Unknown member of staff"), n) for s, n in counts.items() if s),
        key=lambda x: (-x[2], x[1].casefold(), x[0] or ""),
    )
    if None in counts:
        named.append((None, "No keyworker", counts[None]))
    return named


def transitions(session: Session, current: Current) -> list[tuple[str, str, str, date]]:
    """(resident id, from, to, planned on) for keyworker changes not yet completed."""
    rows = session.execute(
        select(
            KeyworkerChangeRow.resident_id,
            KeyworkerChangeRow.previous_keyworker_id,
            KeyworkerChangeRow.new_keyworker_id,
            KeyworkerChangeRow.planned_on,
        ).where(KeyworkerChangeRow.deleted.is_(False), KeyworkerChangeRow.completed_on.is_(None))
    ).all()
    rows = [r for r in rows if r.resident_id in current]
    names = staff_names(session, {s for r in rows for s in (r[1], r[2]) if s})
    return [
        (
            r.resident_id,
            names.get(r.previous_keyworker_id, "No keyworker") if r.previous_keyworker_id else "No keyworker",
            names.get(r.new_keyworker_id, "No keyworker") if r.new_keyworker_id else "No keyworker",
            r.planned_on,
        )
        for r in rows
    ]


def actions_overdue(session: Session, as_at: date) -> list[ActionView]:
    """Improvement actions still open whose due date is before ``as_at`` (most overdue first)."""
    open_statuses = frozenset(s for s in ActionStatus if s.open)
    rows = action_rows(session, ActionFilter(statuses=open_statuses))
    views = [action_view(r) for r in rows]
    return [v for v in views if v.overdue(as_at)]
