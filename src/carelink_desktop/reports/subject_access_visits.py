"""Subject access for contact: bookings (planned visits), records of contact, their follow-ups and
concerns. The extractors are registered in ``subject_access_registry.RECORD_TYPES`` with the PDF
fields and display functions below.

A resident's export holds all of their bookings, contacts, follow-ups and concerns. A key person's
export holds the bookings and contacts they took part in (one of their relationships is among the
people), the follow-ups of those contacts and the concerns about their relationship. A contact is
about the resident and the people in it, so unless third parties are included:

* in a resident's export, the visitors' information is withheld: the names of the key people, the
  other people there (named in words), what the visitors raised and what they asked to know, and
  everything a concern about the unmet needs of a carer or key person says about them;
* in a key person's export, the resident's name and the resident's own part of each contact are
  withheld (their mood before and after, how it went, changes in behaviour and the advice staff
  sought), as is everyone else there: other key people (whole), the other people named in words,
  and, when anyone else took part, what the visitors raised and asked (it may be another's words).

What staff did and saw about both (signs of conflict, what staff did, what visitors were told,
benefits and limits of contact, notes, follow-ups) is shown in both, as staff wrote it; the
manager reads the free text before handing it over (docs/SUBJECT_ACCESS.md). The derived
tables ``visit_contact`` and ``visit_text`` (kept by triggers from ``visit_record``) hold no
information of their own, so they are not exported separately.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from carelink_desktop.domain.concerns import ConcernKind, ConcernStatus, Severity
from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.key_people import person_name
from carelink_desktop.domain.planned_visits import PlannedStatus
from carelink_desktop.domain.residents import resident_name
from carelink_desktop.domain.visits import SECTIONS, Mood, Supervision, VisitKind
from carelink_desktop.storage.tables import KeyPersonRow, RelationshipRow, ResidentRow
from carelink_desktop.storage.visit_tables import ConcernRow, FollowUpRow, PlannedVisitRow, VisitRecordRow

if TYPE_CHECKING:  # the registry imports this module: no import back at run time
    from carelink_desktop.reports.subject_access_registry import Extraction, Row

_RESIDENT = "resident"
Fields = tuple[tuple[str, str], ...]
Show = dict[str, Callable[[Any], str]]

#: What the visitors said: withheld from a resident's export, and from a key person's when anyone
#: else took part, unless third parties are included.
VISITORS_WORDS = ("visitor_concerns", "information_requested")
#: The resident's own part of a contact: withheld from a key person's export.
RESIDENT_OWN = ("mood_before", "mood_after", "observations", "behaviour_changes", "expertise_sought")
#: What a concern about the unmet needs of a carer or key person says (their information):
#: withheld from the resident's export.
KEY_PERSON_OWN = ("description", "reported_to", "external_reference", "actions", "outcome")
_PEOPLE_KEYS = ("relationship_id", "relationship", "key_person_name")

#: What each field withheld here is, in words (merged into the registry's REDACTION_LABELS).
VISIT_REDACTION_LABELS = {
    "planned_visit.key_person_name": "Names of the key people booked to visit, call or go out with the "
    "resident",
    "planned_visit.other_visitors": "Other people booked to come, named in words",
    "planned_visit.key_people": "Other key people booked on the same visit, outing or call",
    "planned_visit.resident_name": "Names of the residents visits, outings and calls were booked with",
    "visit_record.key_person_name": "Names of the key people in contact with the resident",
    "visit_record.other_participants": "Other people there during contact, named in words",
    "visit_record.key_people": "Other key people in the same contact",
    "visit_record.visitors_words": "What visitors raised and asked to know during contact (one count per "
    "contact)",
    "visit_record.resident_name": "Names of the residents the contacts were with",
    "visit_record.resident_own": "The resident's mood, how the contact went for them, changes in their "
    "behaviour and the advice staff sought (one count per contact)",
    "concern.key_person_name": "Names of the key people concerns are about",
    "concern.key_person_own": "What concerns about the unmet needs of a carer or key person say, who they "
    "were reported to and what was done (one count per concern)",
    "concern.resident_name": "Names of the residents the concerns are recorded for",
}


# -- whose contact -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Person:
    key_person_id: str
    label: str
    name: str


@dataclass(frozen=True)
class _Scope:
    """The residents whose contact is looked at, every relationship of theirs (to name or
    withhold the people in a contact), and the relationships the subject is part of."""

    resident_ids: set[str]
    people: dict[str, _Person]
    mine: set[str]
    names: dict[str, str]

    def with_me(self, relationship_ids: Iterable[str]) -> bool:
        return bool(self.mine.intersection(relationship_ids))


def _scope(x: Extraction) -> _Scope:
    if x.subject.type == _RESIDENT:
        residents = {x.subject.id}
    else:
        stmt = select(RelationshipRow.resident_id).where(RelationshipRow.key_person_id == x.subject.id)
        residents = set(x.session.scalars(stmt))
    stmt2 = (
        select(RelationshipRow, KeyPersonRow)
        .join(KeyPersonRow, KeyPersonRow.id == RelationshipRow.key_person_id)
        .where(RelationshipRow.resident_id.in_(residents))
    )
    people = {
        rel.id: _Person(rel.key_person_id, rel.relationship, person_name(person))
        for rel, person in x.session.execute(stmt2).all()
    }
    if x.subject.type == _RESIDENT:
        mine = set(people)
    else:
        mine = {rid for rid, p in people.items() if p.key_person_id == x.subject.id}
    names = {
        r.id: resident_name(r)
        for r in x.session.scalars(select(ResidentRow).where(ResidentRow.id.in_(residents)))
    }
    return _Scope(residents, people, mine, names)


def _key_people(x: Extraction, scope: _Scope, ids: Iterable[str], table: str) -> list[dict[str, Any]]:
    """The key people in a booking or contact: in a resident's export each relationship's words
    and the person's name (withheld); in a key person's export their own entry, and everyone
    else's withheld whole."""
    out: list[dict[str, Any]] = []
    for rid in ids:
        person = scope.people.get(rid)
        label, name = (None, "") if person is None else (person.label, person.name)
        if x.subject.type == _RESIDENT:
            name = x.third_party(name, table + ".key_person_name")
        elif rid not in scope.mine and (hidden := x.withhold(table + ".key_people")) is not None:
            out.append(dict.fromkeys(_PEOPLE_KEYS, hidden))
            continue
        out.append({"relationship_id": rid, "relationship": label, "key_person_name": name})
    return out


def _withhold_fields(x: Extraction, item: Row, names: tuple[str, ...], what: str) -> None:
    """Every non-empty field of ``names`` replaced by the marker, counted once for the record."""
    held = [n for n in names if item.get(n) not in (None, "")]
    if held and (marker := x.withhold(what)) is not None:
        for n in held:
            item[n] = marker


def _resident_name(x: Extraction, scope: _Scope, item: Row, resident_id: str, table: str) -> None:
    if x.subject.type != _RESIDENT:
        item["resident_name"] = x.third_party(scope.names.get(resident_id, ""), table + ".resident_name")


# -- extractors --------------------------------------------------------------------------------


def _bookings(x: Extraction, scope: _Scope) -> list[PlannedVisitRow]:
    stmt = select(PlannedVisitRow).where(PlannedVisitRow.resident_id.in_(scope.resident_ids))
    order = (PlannedVisitRow.starts_at, PlannedVisitRow.created_at, PlannedVisitRow.id)
    rows = x.session.scalars(stmt.order_by(*order))
    return [r for r in rows if x.subject.type == _RESIDENT or scope.with_me(r.relationship_ids)]


def _contacts(x: Extraction, scope: _Scope) -> list[VisitRecordRow]:
    stmt = select(VisitRecordRow).where(VisitRecordRow.resident_id.in_(scope.resident_ids))
    order = (VisitRecordRow.starts_at, VisitRecordRow.created_at, VisitRecordRow.id)
    rows = x.session.scalars(stmt.order_by(*order))
    return [r for r in rows if x.subject.type == _RESIDENT or scope.with_me(r.relationship_ids)]


def planned_visits(x: Extraction) -> list[Row]:
    """Bookings of visits, outings and calls, oldest first: all of a resident's; for a key
    person, those they were booked on."""
    scope = _scope(x)
    out = []
    for r in _bookings(x, scope):
        item = x.row(r, drop=("resident_id", "relationship_ids"))
        _resident_name(x, scope, item, r.resident_id, "planned_visit")
        item["key_people"] = _key_people(x, scope, r.relationship_ids, "planned_visit")
        item["other_visitors"] = x.third_party(r.other_visitors, "planned_visit.other_visitors")
        out.append(item)
    return out


def visit_records(x: Extraction) -> list[Row]:
    """Records of contact, oldest first: all of a resident's; for a key person, those they took
    part in."""
    scope = _scope(x)
    resident = x.subject.type == _RESIDENT
    out = []
    for r in _contacts(x, scope):
        item = x.row(r, drop=("resident_id", "relationship_ids"))
        _resident_name(x, scope, item, r.resident_id, "visit_record")
        item["key_people"] = _key_people(x, scope, r.relationship_ids, "visit_record")
        item["other_participants"] = x.third_party(r.other_participants, "visit_record.other_participants")
        others = bool(set(r.relationship_ids) - scope.mine or r.other_participants.strip())
        if resident or others:
            _withhold_fields(x, item, VISITORS_WORDS, "visit_record.visitors_words")
        if not resident:
            _withhold_fields(x, item, RESIDENT_OWN, "visit_record.resident_own")
        out.append(item)
    return out


def visit_follow_ups(x: Extraction) -> list[Row]:
    """Follow-ups of the contacts above, by the date they are due."""
    if x.subject.type == _RESIDENT:
        where = FollowUpRow.resident_id == x.subject.id
    else:
        where = FollowUpRow.visit_id.in_([r.id for r in _contacts(x, _scope(x))])
    order = (FollowUpRow.due_on, FollowUpRow.created_at, FollowUpRow.id)
    return [
        x.row(r, drop=("resident_id",))
        for r in x.session.scalars(select(FollowUpRow).where(where).order_by(*order))
    ]


def concerns(x: Extraction) -> list[Row]:
    """Concerns, oldest first: all of a resident's; for a key person, those about their
    relationship with a resident."""
    scope = _scope(x)
    resident = x.subject.type == _RESIDENT
    where = ConcernRow.resident_id == x.subject.id if resident else ConcernRow.relationship_id.in_(scope.mine)
    order = (ConcernRow.raised_on, ConcernRow.created_at, ConcernRow.id)
    out = []
    for r in x.session.scalars(select(ConcernRow).where(where).order_by(*order)):
        item = x.row(r, drop=("resident_id",))
        person = scope.people.get(r.relationship_id or "")
        item["relationship"] = None if person is None else person.label
        if resident:
            item["key_person_name"] = (
                None if person is None else x.third_party(person.name, "concern.key_person_name")
            )
            if r.kind == ConcernKind.UNMET_NEEDS.value:
                _withhold_fields(x, item, KEY_PERSON_OWN, "concern.key_person_own")
        else:
            _resident_name(x, scope, item, r.resident_id, "concern")
        out.append(item)
    return out


def key_person_record_ids(x: Extraction) -> set[str]:
    """The ids of the bookings, contacts, follow-ups and concerns a key person's export holds
    (for their audit trail)."""
    quiet = x.quietly()
    return {
        row["id"]
        for extract in (planned_visits, visit_records, visit_follow_ups, concerns)
        for row in extract(quiet)
    }


# -- how the PDF shows them --------------------------------------------------------------------


def _uk_date(value: Any) -> str:
    """An ISO date the UK way; anything else (the withheld marker) as it is."""
    if not isinstance(value, str) or not value:
        return ""
    try:
        return format_uk_date(date.fromisoformat(value))
    except ValueError:
        return value


def _code(enum: type[StrEnum]) -> Callable[[Any], str]:
    """A code as its label; an unknown code (or the withheld marker) as it is."""

    def show(value: Any) -> str:
        if value in (None, ""):
            return ""
        try:
            return str(getattr(enum(value), "label", value))
        except ValueError:
            return str(value)

    return show


def _people(value: Any) -> str:
    """'daughter (Susan Whitfield)', one a line; a withheld entry once as the marker."""
    lines = []
    for entry in value or []:
        if not isinstance(entry, dict):
            continue
        label, name = str(entry.get("relationship") or ""), str(entry.get("key_person_name") or "")
        if label == name:  # withheld whole
            lines.append(label or "Someone no longer on the map")
        else:
            lines.append(f"{label} ({name})" if label and name else label or name)
    return "\n".join(lines)


def _or(default: str) -> Callable[[Any], str]:
    return lambda value: default if value is None else str(value)


_KIND_SHOW: Show = {"kind": _code(VisitKind), "supervision": _code(Supervision), "key_people": _people}

PLANNED_FIELDS: Fields = (
    ("kind", "Kind of contact"),
    ("starts_at", "Booked for"),
    ("expected_minutes", "Expected to last (minutes)"),
    ("resident_name", "Resident"),
    ("key_people", "Who with"),
    ("other_visitors", "Others coming"),
    ("location", "Where"),
    ("supervision", "Supervision"),
    ("status", "What became of it"),
    ("status_reason", "Why"),
    ("signed_in_at", "Signed in"),
    ("signed_out_at", "Signed out"),
    ("notes", "Notes"),
    ("restriction_acknowledged", "Booked knowing of a restriction on contact"),
)
PLANNED_SHOW: Show = {**_KIND_SHOW, "status": _code(PlannedStatus)}

VISIT_FIELDS: Fields = (
    ("kind", "Kind of contact"),
    ("starts_at", "Started"),
    ("ends_at", "Ended"),
    ("resident_name", "Resident"),
    ("key_people", "Who with"),
    ("other_participants", "Others there"),
    ("location", "Where"),
    ("supervision", "Supervision"),
    ("mood_before", "Mood before"),
    ("mood_after", "Mood after"),
    *((s.field, s.label) for s in SECTIONS),
    ("restriction_acknowledged", "Went ahead knowing of a restriction on contact"),
)
VISIT_SHOW: Show = {**_KIND_SHOW, "mood_before": _code(Mood), "mood_after": _code(Mood)}

FOLLOW_UP_FIELDS: Fields = (
    ("due_on", "Due"),
    ("action", "What"),
    ("owner", "Who"),
    ("done_on", "Done on"),
    ("done_note", "Note when done"),
)
FOLLOW_UP_SHOW: Show = dict.fromkeys(("due_on", "done_on"), _uk_date)
FOLLOW_UP_WIDTHS = {"due_on": 1.0, "action": 3.0, "owner": 1.2, "done_on": 1.0, "done_note": 2.0}

CONCERN_FIELDS: Fields = (
    ("kind", "Kind of concern"),
    ("severity", "How serious"),
    ("status", "Where it is"),
    ("raised_on", "Raised on"),
    ("resident_name", "Resident"),
    ("relationship", "About the relationship with"),
    ("key_person_name", "Their name"),
    ("description", "The concern"),
    ("reported_to", "Reported to"),
    ("reported_on", "Reported on"),
    ("external_reference", "Reference"),
    ("actions", "What was done"),
    ("outcome", "Outcome"),
    ("closed_on", "Closed on"),
)
CONCERN_SHOW: Show = {
    "kind": _code(ConcernKind),
    "severity": _code(Severity),
    "status": _code(ConcernStatus),
    "relationship": _or("No one relationship"),
    "key_person_name": _or("Not applicable"),
    **dict.fromkeys(("raised_on", "reported_on", "closed_on"), _uk_date),
}
