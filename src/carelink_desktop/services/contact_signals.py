"""Contact recorded in visits, as the isolation signal needs it: the last contact of each kind
with each key person, and the last contact of any kind.

Importing this module registers visits as a source of contact for ``services.contact_history``
(the relationship map's signal). ``isolation_flags`` gives the home-wide view the Today board and
managers use. Every figure comes from index seeks over the derived ``visit_contact`` table in one
statement, so ten years of contact cost no more than one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from carelink_desktop.domain.isolation import SignalLevel, wish_signal, worst
from carelink_desktop.domain.key_people import person_name
from carelink_desktop.domain.relationships import ContactWish, Frequency, KeepInTouch
from carelink_desktop.domain.residents import resident_name
from carelink_desktop.domain.visits import VisitKind
from carelink_desktop.services.contact_history import ContactHistory, register_contact_source
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.storage.tables import KeyPersonRow, RelationshipRow, ResidentRow
from carelink_desktop.storage.visit_tables import VisitRecordRow, visit_contact

_KIND_OF = {k.keeps_in_touch: k for k in VisitKind}

Triple = tuple[str, str, str]


def recording_started(session: Session) -> date | None:
    """The day of the home's first recorded contact (None: nothing recorded yet)."""
    first = session.scalar(
        select(VisitRecordRow.starts_at)
        .where(VisitRecordRow.deleted.is_(False))
        .order_by(VisitRecordRow.starts_at)
        .limit(1)
    )
    return first.date() if first else None


def last_contacts(session: Session, wanted: Iterable[Triple]) -> dict[Triple, date | None]:
    """(resident id, key person id, visit kind) -> the day of the last such contact."""
    keys = list(dict.fromkeys(wanted))
    if not keys:
        return {}
    rows = session.execute(
        text(
            "WITH w(r, k, kind) AS (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
            "json_extract(value, '$[2]') FROM json_each(:wanted)) "
            "SELECT w.r, w.k, w.kind, (SELECT max(c.on_date) FROM visit_contact c "
            "WHERE c.resident_id = w.r AND c.key_person_id = w.k AND c.kind = w.kind) FROM w"
        ),
        {"wanted": json.dumps(keys)},
    ).all()
    return {(r[0], r[1], r[2]): date.fromisoformat(r[3]) if r[3] else None for r in rows}


def last_contact_any(session: Session, resident_ids: Iterable[str]) -> dict[str, date | None]:
    """Resident id -> the day of their last recorded contact of any kind with anyone."""
    ids = list(dict.fromkeys(resident_ids))
    if not ids:
        return {}
    rows = session.execute(
        text(
            "SELECT j.value, (SELECT substr(v.starts_at, 1, 10) FROM visit_record v "
            "WHERE v.resident_id = j.value AND v.deleted = 0 ORDER BY v.starts_at DESC LIMIT 1) "
            "FROM json_each(:ids) j"
        ),
        {"ids": json.dumps(ids)},
    ).all()
    return {r[0]: date.fromisoformat(r[1]) if r[1] else None for r in rows}


def visits_source(session: Session, resident_id: str) -> ContactHistory:
    """The ContactSource of visits for one resident (see services.contact_history)."""
    started = recording_started(session)
    resident = session.get(ResidentRow, resident_id)
    since = _since(started, resident.admission_date if resident else None)
    rows = session.execute(
        select(visit_contact.c.key_person_id, visit_contact.c.kind, func.max(visit_contact.c.on_date))
        .where(visit_contact.c.resident_id == resident_id)
        .group_by(visit_contact.c.key_person_id, visit_contact.c.kind)
    ).all()
    dates: dict[tuple[str, KeepInTouch], list[date]] = {}
    for key_person_id, kind, last in rows:
        day = last if isinstance(last, date) else date.fromisoformat(str(last))
        dates.setdefault((key_person_id, VisitKind(kind).keeps_in_touch), []).append(day)
    return ContactHistory(recording_since=since, dates=dates)


register_contact_source("visits", visits_source)


@dataclass(frozen=True)
class IsolationFlag:
    """A resident whose contact falls short: nothing for N days, or less than they wished."""

    resident_id: str
    resident_name: str
    room: str
    #: The worst of their wishes (MET when only the no-contact rule flagged them).
    level: SignalLevel
    last_contact: date | None
    #: Days since the last contact (since recording began, when there has been none).
    days_without_contact: int | None
    no_contact: bool
    #: Plain lines: "No contact recorded for 21 days", "Susan Thompson — Visits: wished ...".
    reasons: tuple[str, ...]


def isolation_flags(ws: Workspace, *, no_contact_days: int, today: date | None = None) -> list[IsolationFlag]:
    """Residents flagged by the isolation signal, most worrying first."""
    day = today or ws.today()
    with ws.read() as session:
        return flags(session, day, no_contact_days)


def flags(session: Session, today: date, no_contact_days: int) -> list[IsolationFlag]:
    started = recording_started(session)
    residents = session.scalars(
        select(ResidentRow).where(
            ResidentRow.deleted.is_(False),
            ResidentRow.archived.is_(False),
            ResidentRow.discharge_date.is_(None) | (ResidentRow.discharge_date > today),
        )
    ).all()
    if not residents or started is None:
        return []
    by_id = {r.id: r for r in residents}
    rels = session.execute(
        select(
            RelationshipRow.resident_id,
            RelationshipRow.key_person_id,
            RelationshipRow.contact_wishes,
            KeyPersonRow,
        )
        .join(KeyPersonRow, KeyPersonRow.id == RelationshipRow.key_person_id)
        .where(
            RelationshipRow.deleted.is_(False),
            RelationshipRow.ended_on.is_(None),
            RelationshipRow.resident_id.in_(by_id),
        )
    ).all()
    wishes: list[tuple[str, str, str, ContactWish]] = []
    for rel in rels:
        for raw in rel.contact_wishes:
            try:
                wish = ContactWish(
                    KeepInTouch(raw["method"]), Frequency(raw["frequency"]), raw.get("notes", "")
                )
            except (KeyError, ValueError):
                continue
            if wish.frequency.days is not None:
                wishes.append((rel.resident_id, rel.key_person_id, person_name(rel.KeyPersonRow), wish))
    last = last_contacts(session, ((r, k, _KIND_OF[w.method].value) for r, k, _, w in wishes))
    any_contact = last_contact_any(session, by_id)
    levels: dict[str, list[SignalLevel]] = {}
    reasons: dict[str, list[str]] = {}
    for resident_id, key_person_id, name, wish in wishes:
        since = _since(started, by_id[resident_id].admission_date)
        seen = last.get((resident_id, key_person_id, _KIND_OF[wish.method].value))
        signal = wish_signal(wish, [seen] if seen else [], today, since)
        levels.setdefault(resident_id, []).append(signal.level)
        if signal.level.concern:
            reasons.setdefault(resident_id, []).append(f"{name}: {signal.text(today)}")
    result = []
    for resident_id, row in by_id.items():
        since = _since(started, row.admission_date) or today
        seen_any = any_contact.get(resident_id)
        gap = (today - seen_any).days if seen_any else (today - since).days
        no_contact = gap >= no_contact_days
        level = worst(levels.get(resident_id, []))
        if not (no_contact or level.concern):
            continue
        lines = list(reasons.get(resident_id, []))
        if no_contact:
            lines.insert(
                0,
                f"No contact recorded for {gap} days"
                if seen_any
                else f"No contact recorded since {_uk(since)}",
            )
        result.append(
            IsolationFlag(
                resident_id=resident_id,
                resident_name=resident_name(row),
                room=row.room,
                level=level if level.concern else SignalLevel.MET,
                last_contact=seen_any,
                days_without_contact=gap,
                no_contact=no_contact,
                reasons=tuple(lines),
            )
        )
    order = list(SignalLevel)
    result.sort(
        key=lambda f: (
            -order.index(f.level),
            not f.no_contact,
            -(f.days_without_contact or 0),
            f.resident_name,
        )
    )
    return result


def _since(started: date | None, admitted: date | None) -> date | None:
    if started is None:
        return None
    return max(started, admitted) if admitted else started


def _uk(day: date) -> str:
    return day.strftime("%d/%m/%Y")
