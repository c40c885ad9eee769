"""Subject access for the relationship map's records: each relationship's history, resources
offered, restrictions on contact, groups, relationship issues, evaluations and keyworker changes.

The extractors here are registered in ``subject_access_registry.RECORD_TYPES`` with the PDF
fields and display functions below. A resident's export holds all of their rows. A key person's
export holds only the rows that concern them (their relationships, and the records that name one
of them); what is about the resident or about other people is withheld there unless third parties
are included, and never does it hold another resident's records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.groups import GroupKind
from carelink_desktop.domain.key_people import person_name
from carelink_desktop.domain.relationship_issues import IssueKind, IssueStatus
from carelink_desktop.domain.relationships import AttorneyPower, Category, Frequency, KeepInTouch, Quality
from carelink_desktop.domain.resources import OfferOutcome, ResourceKind
from carelink_desktop.domain.restrictions import RestrictionKind
from carelink_desktop.services.relationship_history import CHANGE_LABELS
from carelink_desktop.storage.map_tables import (
    ContactRestrictionRow,
    KeyworkerChangeRow,
    RelationshipChangeRow,
    RelationshipEvaluationRow,
    RelationshipIssueRow,
    ResidentGroupRow,
    ResourceOfferRow,
    SupportResourceRow,
)
from carelink_desktop.storage.tables import KeyPersonRow, RelationshipRow

if TYPE_CHECKING:  # the registry imports this module: no import back at run time
    from carelink_desktop.reports.subject_access_registry import Extraction, Row

_RESIDENT = "resident"
Fields = tuple[tuple[str, str], ...]
Show = dict[str, Callable[[Any], str]]

#: What each field withheld here is, in words (merged into the registry's REDACTION_LABELS).
MAP_REDACTION_LABELS = {
    "relationship_change.key_person_name": "Names of the key people in the history of relationships",
    "resource_offer.key_person_name": "Names of the key people resources were offered to",
    "contact_restriction.key_person_name": "Names of the people restrictions on contact concern",
    "contact_restriction.how_resident_told": "How the resident was told about a restriction on contact",
    "resident_group.contact": "Contact details of the groups the resident belongs to",
    "relationship_issue.views": "Other people's views on relationship issues, and whose they are",
    "relationship_issue.residents_view": "The resident's own view of a relationship issue",
    "relationship_issue.relationship_ids": "Other people's relationships a relationship issue involves",
    "relationship_evaluation.key_person_name": "Names of the key people whose relationship was evaluated",
    "keyworker_change.involvement.key_person_name": "Names of the key people involved in a keyworker change",
    "keyworker_change.involvement": "How other people are involved in a keyworker change",
}


# -- whose relationships -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Link:
    resident_id: str
    key_person_id: str
    label: str
    name: str


def _links(x: Extraction) -> dict[str, _Link]:
    """Relationship id -> link: a resident's relationships; for a key person, every relationship
    of the residents they are linked to (other people's are needed only to withhold them)."""
    stmt = select(RelationshipRow, KeyPersonRow).join(
        KeyPersonRow, KeyPersonRow.id == RelationshipRow.key_person_id
    )
    if x.subject.type == _RESIDENT:
        stmt = stmt.where(RelationshipRow.resident_id == x.subject.id)
    else:
        theirs = select(RelationshipRow.resident_id).where(RelationshipRow.key_person_id == x.subject.id)
        stmt = stmt.where(RelationshipRow.resident_id.in_(theirs))
    return {
        rel.id: _Link(rel.resident_id, rel.key_person_id, rel.relationship, person_name(person))
        for rel, person in x.session.execute(stmt).all()
    }


def _mine(x: Extraction, links: dict[str, _Link]) -> set[str]:
    """The relationships the subject is part of."""
    if x.subject.type == _RESIDENT:
        return set(links)
    return {rid for rid, link in links.items() if link.key_person_id == x.subject.id}


def _their_residents(links: dict[str, _Link], mine: set[str]) -> set[str]:
    return {links[rid].resident_id for rid in mine}


def _rows(x: Extraction, model: Any, mine: set[str], *order: Any) -> list[Any]:
    """A resident's rows of ``model``; for a key person, the rows about their relationships."""
    if x.subject.type == _RESIDENT:
        where = model.resident_id == x.subject.id
    else:
        where = model.relationship_id.in_(mine)
    return list(x.session.scalars(select(model).where(where).order_by(*order, model.id)))


def _about(x: Extraction, item: Row, link: _Link | None, table: str) -> None:
    """Which relationship a record is about: its label, and in a resident's export the key
    person's name (withheld unless third parties are included); ``None`` for everyone."""
    item["relationship"] = None if link is None else link.label
    if x.subject.type == _RESIDENT:
        item["key_person_name"] = (
            None if link is None else x.third_party(link.name, table + ".key_person_name")
        )


# -- extractors --------------------------------------------------------------------------------


def relationship_changes(x: Extraction) -> list[Row]:
    """Every entry of the history of the subject's relationships, oldest first."""
    links = _links(x)
    rows = _rows(
        x, RelationshipChangeRow, _mine(x, links), RelationshipChangeRow.created_at, RelationshipChangeRow.hlc
    )
    out = []
    for r in rows:
        item = x.row(r, drop=("resident_id",))
        _about(x, item, links.get(r.relationship_id), "relationship_change")
        out.append(item)
    return out


def resource_offers(x: Extraction) -> list[Row]:
    """Resources from the home's directory offered to the key person of a relationship."""
    links = _links(x)
    mine = _mine(x, links)
    stmt = select(ResourceOfferRow, SupportResourceRow).join(
        SupportResourceRow, SupportResourceRow.id == ResourceOfferRow.resource_id
    )
    if x.subject.type == _RESIDENT:
        stmt = stmt.where(ResourceOfferRow.resident_id == x.subject.id)
    else:
        stmt = stmt.where(ResourceOfferRow.relationship_id.in_(mine))
    order = (ResourceOfferRow.offered_on, ResourceOfferRow.created_at, ResourceOfferRow.id)
    out = []
    for offer, resource in x.session.execute(stmt.order_by(*order)).all():
        item = x.row(offer, drop=("resident_id", "resource_id"))
        item["resource_name"] = resource.name
        item["resource_kind"] = resource.kind
        _about(x, item, links.get(offer.relationship_id), "resource_offer")
        out.append(item)
    return out


def contact_restrictions(x: Extraction) -> list[Row]:
    """Restrictions on contact: all of a resident's; for a key person, those about them."""
    links = _links(x)
    rows = _rows(
        x,
        ContactRestrictionRow,
        _mine(x, links),
        ContactRestrictionRow.starts_on,
        ContactRestrictionRow.created_at,
    )
    out = []
    for r in rows:
        item = x.row(r, drop=("resident_id",))
        _about(x, item, links.get(r.relationship_id or ""), "contact_restriction")
        if x.subject.type != _RESIDENT:
            item["how_resident_told"] = x.third_party(
                r.how_resident_told, "contact_restriction.how_resident_told"
            )
        out.append(item)
    return out


def resident_groups(x: Extraction) -> list[Row]:
    """The groups and communities a resident belongs to (residents only)."""
    rows = x.session.scalars(
        select(ResidentGroupRow)
        .where(ResidentGroupRow.resident_id == x.subject.id)
        .order_by(ResidentGroupRow.created_at, ResidentGroupRow.id)
    )
    out = []
    for r in rows:
        item = x.row(r, drop=("resident_id",))
        item["contact"] = x.third_party(r.contact, "resident_group.contact")
        out.append(item)
    return out


def relationship_issues(x: Extraction) -> list[Row]:
    """Relationship issues: all of a resident's; for a key person, those naming their
    relationship (among those involved, or as the relationship of someone whose view is kept)."""
    links = _links(x)
    mine = _mine(x, links)
    resident = x.subject.type == _RESIDENT
    stmt = select(RelationshipIssueRow).order_by(
        RelationshipIssueRow.raised_on, RelationshipIssueRow.created_at, RelationshipIssueRow.id
    )
    if resident:
        stmt = stmt.where(RelationshipIssueRow.resident_id == x.subject.id)
    else:
        stmt = stmt.where(RelationshipIssueRow.resident_id.in_(_their_residents(links, mine)))
    out = []
    for r in x.session.scalars(stmt):
        named = {*r.relationship_ids, *(v.get("relationship_id") for v in r.views)}
        if not resident and not named & {rid for rid in mine if links[rid].resident_id == r.resident_id}:
            continue
        item = x.row(r, drop=("resident_id",))
        ids, labels = [], []
        for rid in r.relationship_ids:
            link = links.get(rid)
            hidden = None if resident or rid in mine else x.withhold("relationship_issue.relationship_ids")
            ids.append(hidden or rid)
            labels.append(hidden or (None if link is None else link.label))
        item["relationship_ids"], item["relationships"] = ids, labels
        if not resident:
            item["residents_view"] = x.third_party(r.residents_view, "relationship_issue.residents_view")
        item["views"] = [_view(x, dict(v), mine) for v in r.views]
        out.append(item)
    return out


def _view(x: Extraction, view: dict[str, Any], mine: set[str]) -> dict[str, Any]:
    """One person's view on an issue: a key person's own is theirs; anyone else's is withheld
    (whose it is and what they said) unless third parties are included."""
    rid = view.get("relationship_id")
    own = x.subject.type != _RESIDENT and rid in mine
    hidden = None if own else x.withhold("relationship_issue.views")
    if hidden is None:
        return {"who": view.get("who", ""), "view": view.get("view", ""), "relationship_id": rid}
    # in a resident's export the id is of their own relationship record, so it stays
    keep_id = x.subject.type == _RESIDENT or rid is None
    return {"who": hidden, "view": hidden, "relationship_id": rid if keep_id else hidden}


def relationship_evaluations(x: Extraction) -> list[Row]:
    """Evaluations: all of a resident's; for a key person, those of their relationship."""
    links = _links(x)
    rows = _rows(
        x,
        RelationshipEvaluationRow,
        _mine(x, links),
        RelationshipEvaluationRow.evaluated_on,
        RelationshipEvaluationRow.created_at,
    )
    out = []
    for r in rows:
        item = x.row(r, drop=("resident_id",))
        _about(x, item, links.get(r.relationship_id or ""), "relationship_evaluation")
        out.append(item)
    return out


def keyworker_changes(x: Extraction) -> list[Row]:
    """Keyworker changes: all of a resident's; for a key person, those that involve them.
    Keyworkers are staff, so their names are shown."""
    links = _links(x)
    mine = _mine(x, links)
    resident = x.subject.type == _RESIDENT
    stmt = select(KeyworkerChangeRow).order_by(
        KeyworkerChangeRow.planned_on, KeyworkerChangeRow.created_at, KeyworkerChangeRow.id
    )
    if resident:
        stmt = stmt.where(KeyworkerChangeRow.resident_id == x.subject.id)
    else:
        stmt = stmt.where(KeyworkerChangeRow.resident_id.in_(_their_residents(links, mine)))
    out = []
    for r in x.session.scalars(stmt):
        if not resident and not any(i.get("relationship_id") in mine for i in r.involvement):
            continue
        item = x.row(r, drop=("resident_id",))
        item["involvement"] = [_involved(x, dict(i), links, mine) for i in r.involvement]
        out.append(item)
    return out


def _involved(
    x: Extraction, entry: dict[str, Any], links: dict[str, _Link], mine: set[str]
) -> dict[str, Any]:
    rid = entry.get("relationship_id") or ""
    link = links.get(rid)
    label, name = (None, "") if link is None else (link.label, link.name)
    how = entry.get("how_and_when", "")
    if x.subject.type == _RESIDENT:
        name = x.third_party(name, "keyworker_change.involvement.key_person_name")
    elif rid not in mine and (hidden := x.withhold("keyworker_change.involvement")) is not None:
        return dict.fromkeys(("relationship_id", "relationship", "key_person_name", "how_and_when"), hidden)
    return {"relationship_id": rid, "relationship": label, "key_person_name": name, "how_and_when": how}


def key_person_record_ids(x: Extraction) -> set[str]:
    """The ids of the records above that a key person's export holds (for their audit trail)."""
    return {
        row["id"]
        for extract in (
            resource_offers,
            contact_restrictions,
            relationship_issues,
            relationship_evaluations,
            keyworker_changes,
        )
        for row in extract(x.quietly())
    }


# -- how the PDF shows them --------------------------------------------------------------------


def _uk_date(value: Any) -> str:
    return format_uk_date(date.fromisoformat(value)) if isinstance(value, str) and value else ""


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _code(enum: type[StrEnum]) -> Callable[[Any], str]:
    """Codes (or a list of codes) as their labels; an unknown code as it is."""

    def show(value: Any) -> str:
        values: Iterable[Any] = value if isinstance(value, list) else [] if value in (None, "") else [value]
        out = []
        for v in values:
            try:
                out.append(str(getattr(enum(v), "label", v)))
            except ValueError:
                out.append(str(v))
        return ", ".join(out)

    return show


def _or(default: str) -> Callable[[Any], str]:
    return lambda value: default if value is None else str(value)


def _joined(show_one: Callable[[dict[str, Any]], str]) -> Callable[[Any], str]:
    return lambda items: "; ".join(show_one(i) for i in items or [] if isinstance(i, dict))


def _wish(item: dict[str, Any]) -> str:
    text = f"{_code(KeepInTouch)(item.get('method'))}: {_code(Frequency)(item.get('frequency')).lower()}"
    return f"{text} ({item['notes']})" if item.get("notes") else text


def _change(item: dict[str, Any]) -> str:
    return f"{item.get('label', '')}: {item.get('before') or '(blank)'} → {item.get('after') or '(blank)'}"


def _person_view(item: dict[str, Any]) -> str:
    who, view = _text(item.get("who")), _text(item.get("view"))
    return view if who == view else f"{who}: {view}"


def _involvement(item: dict[str, Any]) -> str:
    label, name, how = (_text(item.get(k)) for k in ("relationship", "key_person_name", "how_and_when"))
    if label == name == how:
        return how
    who = f"{label} ({name})" if name else label
    return f"{who}: {how}"


def _dates(*names: str) -> Show:
    return dict.fromkeys(names, _uk_date)


_NOT_APPLICABLE = "Not applicable"

RELATIONSHIP_FIELDS: Fields = (
    ("relationship", "Relationship"),
    ("reverse_relationship", "What the resident is to them"),
    ("category", "Kind of relationship"),
    ("key_person.name", "Key person"),
    ("key_person.phone", "Phone"),
    ("key_person.email", "Email"),
    ("key_person.address", "Address"),
    ("resident.name", "Resident"),
    ("circle", "Circle (1 closest, 4 furthest)"),
    ("quality", "How it is going"),
    ("next_of_kin", "Next of kin"),
    ("primary_next_of_kin", "Primary next of kin"),
    ("attorney_powers", "Lasting power of attorney"),
    ("essential_care_supporter", "Essential care supporter"),
    ("contact_wishes", "How they keep in touch"),
    ("what_matters", "What matters about this relationship"),
    ("support_needed", "What the key person needs to keep it going"),
    ("difficulties", "Difficulties they report"),
    ("risks_and_challenges", "Risks and challenges"),
    ("started_on", "Started"),
    ("ended_on", "Ended"),
    ("end_reason", "Why it ended"),
    ("end_support", "Support given when it ended"),
)
RELATIONSHIP_SHOW: Show = {
    "category": _code(Category),
    "quality": _code(Quality),
    "attorney_powers": _code(AttorneyPower),
    "contact_wishes": _joined(_wish),
    **_dates("started_on", "ended_on"),
}

CHANGE_FIELDS: Fields = (
    ("created_at", "When"),
    ("relationship", "Relationship"),
    ("key_person_name", "Key person"),
    ("change", "Change"),
    ("fields", "What changed"),
    ("reason", "Why"),
    ("changed_by_name", "By"),
)
CHANGE_SHOW: Show = {"change": lambda v: CHANGE_LABELS.get(v, _text(v)), "fields": _joined(_change)}
CHANGE_WIDTHS = {"created_at": 1.3, "relationship": 1.3, "key_person_name": 1.2, "fields": 3.2, "reason": 1.3}

OFFER_FIELDS: Fields = (
    ("offered_on", "Offered on"),
    ("relationship", "Relationship"),
    ("key_person_name", "Offered to"),
    ("resource_name", "Resource"),
    ("resource_kind", "Kind"),
    ("outcome", "Outcome"),
    ("notes", "Notes"),
)
OFFER_SHOW: Show = {
    "resource_kind": _code(ResourceKind),
    "outcome": _code(OfferOutcome),
    **_dates("offered_on"),
}
OFFER_WIDTHS = {
    "offered_on": 1.25,
    "relationship": 1.3,
    "key_person_name": 1.2,
    "resource_name": 1.8,
    "resource_kind": 1.2,
    "notes": 1.5,
}

RESTRICTION_FIELDS: Fields = (
    ("kind", "Kind of restriction"),
    ("relationship", "Contact with"),
    ("key_person_name", "Their name"),
    ("what_is_restricted", "What is restricted"),
    ("legal_basis", "Legal basis"),
    ("less_restrictive_options", "Less restrictive options considered"),
    ("decided_with", "Who took part in the decision"),
    ("how_resident_told", "How the resident was told"),
    ("how_person_told", "How the person was told"),
    ("starts_on", "Starts"),
    ("review_on", "Review date"),
    ("ends_on", "Ends"),
    ("end_reason", "Why it ended"),
)
RESTRICTION_SHOW: Show = {
    "kind": _code(RestrictionKind),
    "relationship": _or("Everyone (not one person)"),
    "key_person_name": _or(_NOT_APPLICABLE),
    **_dates("starts_on", "review_on", "ends_on"),
}

GROUP_FIELDS: Fields = (
    ("name", "Group"),
    ("kind", "Kind of group"),
    ("how_they_take_part", "How they take part"),
    ("support_needed", "Support needed"),
    ("what_helps_inclusion", "What helps the group include them"),
    ("contact", "Contact"),
    ("started_on", "Joined"),
    ("ended_on", "Left"),
)
GROUP_SHOW: Show = {"kind": _code(GroupKind), **_dates("started_on", "ended_on")}

ISSUE_FIELDS: Fields = (
    ("summary", "Issue"),
    ("kind", "Kind of issue"),
    ("status", "Status"),
    ("raised_on", "Raised on"),
    ("closed_on", "Closed on"),
    ("relationships", "Relationships involved"),
    ("description", "Description"),
    ("residents_view", "The resident's view"),
    ("views", "Other people's views"),
    ("advice_sought", "Advice sought"),
    ("ways_forward", "Ways forward"),
    ("outcome", "Outcome"),
)
ISSUE_SHOW: Show = {
    "kind": _code(IssueKind),
    "status": _code(IssueStatus),
    "relationships": lambda v: ", ".join(_text(label) for label in v or []),
    "views": _joined(_person_view),
    **_dates("raised_on", "closed_on"),
}

EVALUATION_FIELDS: Fields = (
    ("evaluated_on", "Date of the evaluation"),
    ("relationship", "Relationship evaluated"),
    ("key_person_name", "Key person"),
    ("criteria", "Agreed criteria"),
    ("method", "How it was evaluated"),
    ("participants", "Who took part"),
    ("what_works", "What works"),
    ("what_could_improve", "What could improve"),
    ("expertise_needed", "Expertise needed"),
    ("how_to_get_expertise", "How the expertise will be found"),
    ("reflection", "Reflection"),
    ("next_due", "Next evaluation"),
)
EVALUATION_SHOW: Show = {
    "relationship": _or("All of the resident's relationships"),
    "key_person_name": _or(_NOT_APPLICABLE),
    **_dates("evaluated_on", "next_due"),
}

KEYWORKER_CHANGE_FIELDS: Fields = (
    ("planned_on", "Planned for"),
    ("previous_keyworker", "Previous keyworker"),
    ("new_keyworker", "New keyworker"),
    ("reason", "Why the keyworker is changing"),
    ("how", "How the move is made"),
    ("risks", "Risks"),
    ("risk_handling", "How the risks are handled"),
    ("involvement", "Who is involved, when and how"),
    ("completed_on", "Completed on"),
    ("notes", "Notes"),
)
KEYWORKER_CHANGE_SHOW: Show = {"involvement": _joined(_involvement), **_dates("planned_on", "completed_on")}
