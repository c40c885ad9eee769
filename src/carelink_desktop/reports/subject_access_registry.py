"""Subject access coverage: for every table that can refer to a resident or a key person, how
that person's rows are pulled out for a subject access export (``reports.subject_access``).

``RECORD_TYPES`` is the registry. ``uncovered_tables`` lists the person tables that have no entry,
so a test fails when a record type is added without subject access coverage. To cover a new
table: write an extractor (``Extraction`` -> list of JSON-able dicts), add a ``RecordType`` for
it below, and describe its fields in ``docs/SUBJECT_ACCESS.md``. The relationship map's records
have their extractors, PDF fields and display functions in ``subject_access_maps``, carer
support plans theirs in ``subject_access_plans``, contact (bookings, visits, follow-ups and
concerns) theirs in ``subject_access_visits``, feedback (and the manager's side of concerns)
theirs in ``subject_access_feedback``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import MetaData, or_, select
from sqlalchemy.orm import Session

from carelink_desktop.domain.consent import DecidedBy
from carelink_desktop.domain.key_people import person_name
from carelink_desktop.domain.residents import resident_name
from carelink_desktop.reports import subject_access_feedback as feedback
from carelink_desktop.reports import subject_access_maps as maps
from carelink_desktop.reports import subject_access_plans as plans
from carelink_desktop.reports import subject_access_visits as visits
from carelink_desktop.services.audit_export import describe_action
from carelink_desktop.storage.tables import (
    AuditRow,
    Base,
    ConsentRow,
    KeyPersonRow,
    RelationshipRow,
    ResidentRow,
)

REDACTED = "[redacted: third party]"
PERSON_TABLES = ("resident", "key_person")
PERSON_ID_COLUMNS = ("resident_id", "key_person_id")
#: Sync plumbing and derived search columns: never part of what is handed over.
HIDDEN_COLUMNS = frozenset({"hlc", "site_id", "search_text", "sort_key"})
RESIDENT, KEY_PERSON = "resident", "key_person"

Row = dict[str, Any]

#: What each redactable field is, in words, for the ``redactions`` list.
REDACTION_LABELS = {
    "relationship.key_person.name": "Names of key people linked to the resident",
    "relationship.key_person.phone": "Phone numbers of key people linked to the resident",
    "relationship.key_person.email": "Email addresses of key people linked to the resident",
    "relationship.key_person.address": "Postal addresses of key people linked to the resident",
    "relationship.resident.name": "Names of residents the key person is linked to",
    "consent_record.decided_by_name": "Names of people who decided on the resident's behalf",
    **maps.MAP_REDACTION_LABELS,
    **plans.PLAN_REDACTION_LABELS,
    **visits.VISIT_REDACTION_LABELS,
    **feedback.FEEDBACK_REDACTION_LABELS,
}


@dataclass(frozen=True)
class Subject:
    """Whose information this is."""

    type: str
    id: str
    name: str


@dataclass
class Extraction:
    """What an extractor gets: the session, the subject, staff names and the redaction choice."""

    session: Session
    subject: Subject
    staff: dict[str, str]
    include_third_parties: bool
    redacted: dict[str, int] = field(default_factory=dict)

    def third_party(self, value: str, what: str) -> str:
        """``value`` as is when third parties are included (or it is empty), else the marker."""
        if self.include_third_parties or not value:
            return value
        self.redacted[what] = self.redacted.get(what, 0) + 1
        return REDACTED

    def withhold(self, what: str) -> str | None:
        """For a third party's whole entry: None when third parties are included, else count one
        withheld ``what`` and return the marker to put in place of each of its values."""
        return None if self.include_third_parties else self.third_party(REDACTED, what)

    def quietly(self) -> Extraction:
        """The same extraction, counting its redactions apart (to look rows up again)."""
        return replace(self, redacted={})

    def staff_name(self, staff_id: str | None) -> str:
        """Staff act for the home, so their names are shown, not redacted."""
        return "" if staff_id is None else self.staff.get(staff_id, "unknown member of staff")

    def row(self, record: Any, *, drop: Collection[str] = ()) -> Row:
        """A record's columns as JSON values, without plumbing; staff ids become names."""
        out: Row = {}
        for column in sorted(record.__table__.columns, key=lambda c: c.key != "id"):  # id first
            if column.key in HIDDEN_COLUMNS or column.key in drop:
                continue
            value = getattr(record, column.key)
            if column.key in ("created_by", "updated_by"):
                value = self.staff_name(value)
            elif column.key == "keyworker_id" or column.key.endswith("_keyworker_id"):
                out[column.key.removesuffix("_id")] = self.staff_name(value)
                continue
            out[column.key] = _plain(value)
        return out


Extractor = Callable[[Extraction], list[Row]]


@dataclass(frozen=True)
class RecordType:
    """One table's subject access coverage: what it is called, for whom, how rows are pulled,
    and the fields the PDF shows (a dotted path and a label) as facts or as a table; ``show``
    gives a field's value in words where the general rules do not (dates, codes, lists), and
    ``widths`` widens a table's columns."""

    table: str
    title: str
    description: str
    subjects: frozenset[str]
    extract: Extractor
    fields: tuple[tuple[str, str], ...]
    layout: str = "table"
    show: Mapping[str, Callable[[Any], str]] = field(default_factory=dict)
    #: Relative widths of a table's columns by field (1 when not given).
    widths: Mapping[str, float] = field(default_factory=dict)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


_STAMPS = (
    ("created_at", "Recorded"),
    ("created_by", "Recorded by"),
    ("updated_at", "Last changed"),
    ("updated_by", "Last changed by"),
)


def _resident(x: Extraction) -> list[Row]:
    row = x.session.get(ResidentRow, x.subject.id)
    return [] if row is None else [x.row(row)]


def _key_person(x: Extraction) -> list[Row]:
    row = x.session.get(KeyPersonRow, x.subject.id)
    return [] if row is None else [x.row(row)]


def _consents(x: Extraction) -> list[Row]:
    rows = x.session.scalars(
        select(ConsentRow)
        .where(ConsentRow.resident_id == x.subject.id)
        .order_by(ConsentRow.decision_date.desc(), ConsentRow.created_at.desc())
    )
    out = []
    for r in rows:
        item = x.row(r, drop=("resident_id",))
        if r.decided_by != DecidedBy.RESIDENT.value:
            item["decided_by_name"] = x.third_party(r.decided_by_name, "consent_record.decided_by_name")
        out.append(item)
    return out


def _relationships(x: Extraction) -> list[Row]:
    stmt = (
        select(RelationshipRow, ResidentRow, KeyPersonRow)
        .join(ResidentRow, ResidentRow.id == RelationshipRow.resident_id)
        .join(KeyPersonRow, KeyPersonRow.id == RelationshipRow.key_person_id)
        .order_by(RelationshipRow.created_at, RelationshipRow.id)
    )
    mine = RelationshipRow.resident_id if x.subject.type == RESIDENT else RelationshipRow.key_person_id
    out = []
    for link, res, person in x.session.execute(stmt.where(mine == x.subject.id)).all():
        item = x.row(link, drop=("resident_id", "key_person_id"))
        if x.subject.type == RESIDENT:
            p = "relationship.key_person."
            item["key_person"] = {
                "name": x.third_party(person_name(person), p + "name"),
                "phone": x.third_party(person.phone, p + "phone"),
                "email": x.third_party(person.email, p + "email"),
                "address": x.third_party(person.address, p + "address"),
            }
        else:
            name = resident_name(res)
            item["resident"] = {"name": x.third_party(name, "relationship.resident.name")}
        out.append(item)
    return out


def _audit(x: Extraction) -> list[Row]:
    if x.subject.type == RESIDENT:
        about = AuditRow.resident_id == x.subject.id
    else:
        links = x.session.scalars(
            select(RelationshipRow.id).where(RelationshipRow.key_person_id == x.subject.id)
        ).all()
        about = or_(
            (AuditRow.subject_type == KEY_PERSON) & (AuditRow.subject_id == x.subject.id),
            (AuditRow.subject_type == "relationship") & AuditRow.subject_id.in_(links),
            AuditRow.subject_id.in_(
                maps.key_person_record_ids(x)
                | plans.key_person_record_ids(x)
                | visits.key_person_record_ids(x)
                | feedback.key_person_record_ids(x)
            ),
        )
    # Only who, when and what: the entries' details may name other people.
    return [
        {
            "entry": r.seq,
            "at": r.at.isoformat(),
            "by": x.staff.get(r.actor_id, r.actor_name) if r.actor_id else r.actor_name,
            "action": r.action,
            "description": describe_action(r.action),
            "about": r.subject_type,
        }
        for r in x.session.scalars(select(AuditRow).where(about).order_by(AuditRow.seq))
    ]


_BOTH = frozenset({RESIDENT, KEY_PERSON})
#: The coverage registry, in the order the PDF shows it (table name -> record type).
RECORD_TYPES: dict[str, RecordType] = {
    rt.table: rt
    for rt in (
        RecordType(
            "resident",
            "Personal details",
            "The resident's own record: who they are, how they communicate and what matters to them.",
            frozenset({RESIDENT}),
            _resident,
            (
                ("legal_given_names", "First names"),
                ("legal_family_name", "Surname"),
                ("preferred_name", "Preferred name"),
                ("date_of_birth", "Date of birth"),
                ("room", "Room"),
                ("admission_date", "Admitted"),
                ("discharge_date", "Discharged"),
                ("nhs_number", "NHS number"),
                ("first_language", "First language"),
                ("communication_needs", "Communication needs"),
                ("communication_methods", "Ways of communicating"),
                ("culture_and_background", "Culture and background"),
                ("faith_and_spirituality", "Faith and spirituality"),
                ("needs_advocate", "Needs an advocate"),
                ("advocate_details", "Advocate"),
                ("needs_interpreter", "Needs an interpreter"),
                ("interpreter_language", "Interpreter language"),
                ("keyworker", "Keyworker"),
                ("notes", "Notes"),
                ("archived", "Record closed"),
                ("archived_reason", "Why closed"),
                *_STAMPS,
            ),
            "facts",
        ),
        RecordType(
            "key_person",
            "Personal details",
            "The key person's own record: their contact details and how they like to be contacted.",
            frozenset({KEY_PERSON}),
            _key_person,
            (
                ("given_names", "First names"),
                ("family_name", "Surname"),
                ("phone", "Phone"),
                ("email", "Email"),
                ("address", "Address"),
                ("preferred_contact", "Preferred contact"),
                ("language", "Language"),
                ("needs_interpreter", "Needs an interpreter"),
                ("notes", "Notes"),
                ("archived", "Record closed"),
                ("archived_reason", "Why closed"),
                *_STAMPS,
            ),
            "facts",
        ),
        RecordType(
            "consent_record",
            "Consent records",
            "What the resident, or someone lawfully for them, agreed to, and how each decision was made.",
            frozenset({RESIDENT}),
            _consents,
            (
                ("topic", "About"),
                ("details", "Details"),
                ("decision", "Decision"),
                ("decided_by", "Decided by"),
                ("decided_by_name", "Name of who decided"),
                ("capacity", "Capacity"),
                ("capacity_notes", "Capacity notes"),
                ("best_interests_notes", "Best-interests notes"),
                ("decision_date", "Date of decision"),
                ("review_date", "Review date"),
                *_STAMPS,
            ),
            "facts",
        ),
        RecordType(
            "relationship",
            "Relationships",
            "The links recorded between residents and the key people who matter to them.",
            _BOTH,
            _relationships,
            (*maps.RELATIONSHIP_FIELDS, *_STAMPS),
            "facts",
            maps.RELATIONSHIP_SHOW,
        ),
        RecordType(
            "relationship_change",
            "History of relationships",
            "Every change to the relationships above: what changed, from what to what, who and why.",
            _BOTH,
            maps.relationship_changes,
            maps.CHANGE_FIELDS,
            "table",
            maps.CHANGE_SHOW,
            maps.CHANGE_WIDTHS,
        ),
        RecordType(
            "resource_offer",
            "Resources offered",
            "Services, support groups and information from the home's directory offered to key people.",
            _BOTH,
            maps.resource_offers,
            maps.OFFER_FIELDS,
            "table",
            maps.OFFER_SHOW,
            maps.OFFER_WIDTHS,
        ),
        RecordType(
            "contact_restriction",
            "Restrictions on contact",
            "Restrictions on contact between the resident and a person (or everyone), on what basis and "
            "until when.",
            _BOTH,
            maps.contact_restrictions,
            (*maps.RESTRICTION_FIELDS, *_STAMPS),
            "facts",
            maps.RESTRICTION_SHOW,
        ),
        RecordType(
            "resident_group",
            "Groups and communities",
            "Groups and communities the resident belongs to, and what helps them take part.",
            frozenset({RESIDENT}),
            maps.resident_groups,
            (*maps.GROUP_FIELDS, *_STAMPS),
            "facts",
            maps.GROUP_SHOW,
        ),
        RecordType(
            "relationship_issue",
            "Relationship issues",
            "Issues in relationships, the views of those involved, and how they are being worked through.",
            _BOTH,
            maps.relationship_issues,
            (*maps.ISSUE_FIELDS, *_STAMPS),
            "facts",
            maps.ISSUE_SHOW,
        ),
        RecordType(
            "relationship_evaluation",
            "Evaluations of relationships",
            "How the resident's relationships (or one of them) were evaluated, and what was found.",
            _BOTH,
            maps.relationship_evaluations,
            (*maps.EVALUATION_FIELDS, *_STAMPS),
            "facts",
            maps.EVALUATION_SHOW,
        ),
        RecordType(
            "keyworker_change",
            "Keyworker changes",
            "Moving on from one keyworker to another: why, how, the risks, and who is involved.",
            _BOTH,
            maps.keyworker_changes,
            (*maps.KEYWORKER_CHANGE_FIELDS, *_STAMPS),
            "facts",
            maps.KEYWORKER_CHANGE_SHOW,
        ),
        RecordType(
            "carer_plan",
            "Carer support plans",
            "Plans agreed with an unpaid carer: working together for the resident, and support for the "
            "carer's own wellbeing.",
            _BOTH,
            plans.carer_plans,
            (*plans.PLAN_FIELDS, *_STAMPS),
            "facts",
            plans.PLAN_SHOW,
        ),
        RecordType(
            "carer_plan_review",
            "Reviews of carer support plans",
            "How each plan went against what was agreed, what helped, what was hard and what changes.",
            _BOTH,
            plans.carer_plan_reviews,
            (*plans.REVIEW_FIELDS, *_STAMPS),
            "facts",
            plans.REVIEW_SHOW,
        ),
        RecordType(
            "carer_plan_event",
            "History of carer support plans",
            "Each step of the plans above: started, changed, agreed, put into action, reviewed, closed.",
            _BOTH,
            plans.carer_plan_events,
            plans.EVENT_FIELDS,
            "table",
            plans.EVENT_SHOW,
            plans.EVENT_WIDTHS,
        ),
        RecordType(
            "planned_visit",
            "Visits, outings and calls booked",
            "Bookings of visits, outings and calls, and what became of each: signed in and out, "
            "cancelled, or the visitor did not come.",
            _BOTH,
            visits.planned_visits,
            (*visits.PLANNED_FIELDS, *_STAMPS),
            "facts",
            visits.PLANNED_SHOW,
        ),
        RecordType(
            "visit_record",
            "Records of contact",
            "Visits, outings, calls, letters and messages: who took part, how it went, and what "
            "staff saw, did and were told.",
            _BOTH,
            visits.visit_records,
            (*visits.VISIT_FIELDS, *_STAMPS),
            "facts",
            visits.VISIT_SHOW,
        ),
        RecordType(
            "visit_follow_up",
            "Follow-ups after contact",
            "What was to be done after each contact, by whom and when, and when it was done.",
            _BOTH,
            visits.visit_follow_ups,
            visits.FOLLOW_UP_FIELDS,
            "table",
            visits.FOLLOW_UP_SHOW,
            visits.FOLLOW_UP_WIDTHS,
        ),
        RecordType(
            "concern",
            "Concerns",
            "Concerns raised from contact or on their own: what, how serious, who was told and what "
            "was done.",
            _BOTH,
            feedback.with_handling(visits.concerns),
            (*visits.CONCERN_FIELDS, *feedback.HANDLING_FIELDS, *_STAMPS),
            "facts",
            visits.CONCERN_SHOW,
        ),
        RecordType(
            "feedback",
            "Feedback",
            "Feedback on how well the home supports relationships: from the resident, or about them "
            "from their key people and professionals, and for a key person the feedback they gave.",
            _BOTH,
            feedback.feedback,
            (*feedback.FEEDBACK_FIELDS, *_STAMPS),
            "facts",
            feedback.FEEDBACK_SHOW,
        ),
        RecordType(
            "feedback_answer",
            "Answers to feedback questions",
            "Each question of the feedback above, with the rating given and any comment.",
            _BOTH,
            feedback.feedback_answers,
            feedback.ANSWER_FIELDS,
            "table",
            feedback.ANSWER_SHOW,
            feedback.ANSWER_WIDTHS,
        ),
        RecordType(
            "audit_entry",
            "Who has looked at or changed the record",
            "Every time staff opened, changed, printed or exported this person's record.",
            _BOTH,
            _audit,
            (("at", "When"), ("by", "Who"), ("description", "What")),
        ),
    )
}


def person_tables(metadata: MetaData) -> set[str]:
    """Tables that are, or can refer to, a resident or key person: the person tables, tables
    with a resident_id/key_person_id column or a foreign key to a person table, and tables with
    a foreign key to any of those (a visit linked to a relationship is about its people too)."""
    found = {
        t.name
        for t in metadata.tables.values()
        if t.name in PERSON_TABLES
        or any(c.name in PERSON_ID_COLUMNS for c in t.columns)
        or any(fk.target_fullname.rsplit(".", 1)[0] in PERSON_TABLES for fk in t.foreign_keys)
    }
    grew = True
    while grew:
        more = {
            t.name
            for t in metadata.tables.values()
            if any(fk.target_fullname.rsplit(".", 1)[0] in found for fk in t.foreign_keys)
        }
        grew = not more <= found
        found |= more
    return found


def uncovered_tables(
    metadata: MetaData = Base.metadata, covered: Collection[str] = RECORD_TYPES
) -> list[str]:
    """Person tables with no extractor in the registry (should always be empty)."""
    return sorted(person_tables(metadata) - set(covered))
