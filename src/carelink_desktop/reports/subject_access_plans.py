"""Subject access for carer support plans: the plans, their reviews and the history of their
steps. The extractors are registered in ``subject_access_registry.RECORD_TYPES`` with the PDF
fields and display functions below.

A resident's export holds every plan made for them, with its reviews and history; a key
person's export holds the plans where they are the carer. A plan is about both people, so
unless third parties are included:

* in a resident's export, what is the carer's own information is withheld: their name, who
  agreed the plan (names), the carer's own needs, their carer's assessment and referral, the
  services they chose and the steps to reach them, the gaps and discrimination they met, the
  benefits to their own health found at reviews, and the history steps that name them;
* in a key person's export, what is the resident's own information is withheld: their name,
  how they are supported while the carer takes time for themselves and its risks, the changes to
  that support found at reviews, and who agreed the plan. Their ids are never shown there.

What the plan agreed for both (outcomes, roles, ways of working, managing risks, the review
process and criteria, how each criterion went, difficulties and changes) is shown in both, as
staff wrote it: free text may name other people (see docs/SUBJECT_ACCESS.md).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from carelink_desktop.domain.carer_plans import ActionStatus, NeedKind, OutcomeFor, PlanStatus, Term
from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.key_people import person_name
from carelink_desktop.domain.residents import resident_name
from carelink_desktop.services.carer_plans import EVENT_LABELS
from carelink_desktop.storage.map_tables import SupportResourceRow
from carelink_desktop.storage.plan_tables import CarerPlanEventRow, CarerPlanReviewRow, CarerPlanRow
from carelink_desktop.storage.tables import KeyPersonRow, RelationshipRow, ResidentRow

if TYPE_CHECKING:  # the registry imports this module: no import back at run time
    from carelink_desktop.reports.subject_access_registry import Extraction, Row

_RESIDENT = "resident"
Fields = tuple[tuple[str, str], ...]
Show = dict[str, Callable[[Any], str]]

#: The carer's own parts of a plan (withheld from a resident's export unless third parties are
#: included), and the resident's own parts (withheld from the carer's).
CARER_OWN = (
    "needs",
    "assessment_explained_on",
    "assessment_explained_how",
    "referral_on",
    "referral_reference",
    "referral_result",
    "resources",
    "actions",
    "gaps_in_provision",
    "discrimination",
)
RESIDENT_OWN = ("resident_support_meanwhile", "resident_support_risks")
#: History steps whose summary names the carer ("With …") or who agreed the plan.
_NAMING_EVENTS = {_RESIDENT: frozenset({"started", "agreed"}), "key_person": frozenset({"agreed"})}

#: What each field withheld here is, in words (merged into the registry's REDACTION_LABELS).
PLAN_REDACTION_LABELS = {
    "carer_plan.carer_name": "Names of the unpaid carers the resident's carer support plans are with",
    "carer_plan.agreed_by": "Who agreed a carer support plan (their names)",
    "carer_plan.carer_own": "The carer's own needs, carer's assessment, chosen services and the steps "
    "to reach them, and the gaps and discrimination they met (one count per plan)",
    "carer_plan.resident_name": "Names of the residents the carer's support plans are for",
    "carer_plan.resident_own": "How the resident is supported while the carer takes time for "
    "themselves, and the risks (one count per plan)",
    "carer_plan_review.benefits": "Benefits to the carer's own health and wellbeing found at reviews",
    "carer_plan_review.resident_support_changes": "Changes to the resident's support found at reviews",
    "carer_plan_event.summary": "Steps in a plan's history that name the carer or who agreed the plan",
}


def _plans(x: Extraction) -> list[CarerPlanRow]:
    """The subject's plans: a resident's; for a key person, those where they are the carer."""
    mine = CarerPlanRow.resident_id if x.subject.type == _RESIDENT else CarerPlanRow.key_person_id
    stmt = select(CarerPlanRow).where(mine == x.subject.id)
    return list(x.session.scalars(stmt.order_by(CarerPlanRow.created_at, CarerPlanRow.id)))


def _withhold_fields(x: Extraction, item: Row, names: tuple[str, ...], what: str) -> None:
    """Every non-empty field of ``names`` replaced by the marker, counted once for the record."""
    held = [n for n in names if item.get(n) not in (None, "", [])]
    if held and (marker := x.withhold(what)) is not None:
        for n in held:
            item[n] = marker


def carer_plans(x: Extraction) -> list[Row]:
    """Carer support plans, oldest first, with the names of the resources chosen."""
    resident = x.subject.type == _RESIDENT
    directory = {r.id: r.name for r in x.session.scalars(select(SupportResourceRow))}
    out = []
    for r in _plans(x):
        item = x.row(r, drop=("resident_id", "key_person_id"))
        item["resources"] = [
            {**chosen, "resource_name": directory.get(chosen.get("resource_id", ""), "")}
            for chosen in item.get("resources") or []
        ]
        rel = x.session.get(RelationshipRow, r.relationship_id)
        item["relationship"] = rel.relationship if rel is not None else ""
        item["agreed_by"] = x.third_party(r.agreed_by, "carer_plan.agreed_by")
        if resident:
            person = x.session.get(KeyPersonRow, r.key_person_id)
            name = person_name(person) if person is not None else ""
            item["carer_name"] = x.third_party(name, "carer_plan.carer_name")
            _withhold_fields(x, item, CARER_OWN, "carer_plan.carer_own")
        else:
            res = x.session.get(ResidentRow, r.resident_id)
            name = resident_name(res) if res is not None else ""
            item["resident_name"] = x.third_party(name, "carer_plan.resident_name")
            _withhold_fields(x, item, RESIDENT_OWN, "carer_plan.resident_own")
        out.append(item)
    return out


def carer_plan_reviews(x: Extraction) -> list[Row]:
    """Reviews of the subject's plans, oldest first."""
    mine = CarerPlanReviewRow.resident_id if x.subject.type == _RESIDENT else CarerPlanReviewRow.key_person_id
    stmt = select(CarerPlanReviewRow).where(mine == x.subject.id)
    order = (CarerPlanReviewRow.reviewed_on, CarerPlanReviewRow.created_at, CarerPlanReviewRow.id)
    out = []
    for r in x.session.scalars(stmt.order_by(*order)):
        item = x.row(r, drop=("resident_id", "key_person_id"))
        if x.subject.type == _RESIDENT:
            item["benefits"] = x.third_party(r.benefits, "carer_plan_review.benefits")
        else:
            item["resident_support_changes"] = x.third_party(
                r.resident_support_changes, "carer_plan_review.resident_support_changes"
            )
        out.append(item)
    return out


def carer_plan_events(x: Extraction) -> list[Row]:
    """The history of the subject's plans: every step, oldest first."""
    ids = [p.id for p in _plans(x)]
    stmt = (
        select(CarerPlanEventRow)
        .where(CarerPlanEventRow.plan_id.in_(ids))
        .order_by(CarerPlanEventRow.created_at, CarerPlanEventRow.hlc, CarerPlanEventRow.id)
    )
    naming = _NAMING_EVENTS.get(x.subject.type, frozenset())
    out = []
    for r in x.session.scalars(stmt):
        item = x.row(r, drop=("resident_id",))
        if r.event in naming:
            item["summary"] = x.third_party(r.summary, "carer_plan_event.summary")
        out.append(item)
    return out


def key_person_record_ids(x: Extraction) -> set[str]:
    """The ids of the plans and reviews a key person's export holds (for their audit trail)."""
    plans = {p.id for p in _plans(x)}
    reviews = x.session.scalars(
        select(CarerPlanReviewRow.id).where(CarerPlanReviewRow.key_person_id == x.subject.id)
    )
    return plans | set(reviews)


# -- how the PDF shows them --------------------------------------------------------------------


def _uk_date(value: Any) -> str:
    """An ISO date the UK way; anything else (the withheld marker) as it is."""
    if not isinstance(value, str) or not value:
        return ""
    try:
        return format_uk_date(date.fromisoformat(value))
    except ValueError:
        return value


def _label(enum: Any, value: Any) -> str:
    try:
        return str(enum(value).label)
    except ValueError:
        return str(value)


def _items(show_one: Callable[[dict[str, Any]], str]) -> Callable[[Any], str]:
    """A list of entries, one a line; a withheld list (the marker, a string) as it is."""

    def show(value: Any) -> str:
        if isinstance(value, str):
            return value
        return "\n".join(show_one(i) for i in value or [] if isinstance(i, dict))

    return show


def _outcome(o: dict[str, Any]) -> str:
    return f"{o.get('text', '')} ({_label(OutcomeFor, o.get('for_whom')).lower()})"


def _role(r: dict[str, Any]) -> str:
    return f"{r.get('who', '')}: {r.get('role', '')}"


def _need(n: dict[str, Any]) -> str:
    kind, term = _label(NeedKind, n.get("kind")), _label(Term, n.get("term")).lower()
    return f"{kind}, {term}: {n.get('description', '')}"


def _resource(r: dict[str, Any]) -> str:
    name = r.get("resource_name") or "A resource no longer in the directory"
    return f"{name}: {r['why']}" if r.get("why") else name


def _action(a: dict[str, Any]) -> str:
    when = _uk_date(a.get("by_when"))
    by = f", by {when}" if when else ""
    return f"{a.get('what', '')} ({a.get('who', '')}{by}): {_label(ActionStatus, a.get('status')).lower()}"


def _assessment(a: dict[str, Any]) -> str:
    return f"{a.get('criterion', '')}: {a.get('assessment', '')}"


def _criteria(value: Any) -> str:
    return value if isinstance(value, str) else "\n".join(str(c) for c in value or [])


PLAN_FIELDS: Fields = (
    ("status", "Where the plan is"),
    ("relationship", "Relationship"),
    ("carer_name", "Carer"),
    ("resident_name", "Resident"),
    ("agreed_on", "Agreed on"),
    ("agreed_by", "Agreed by"),
    ("outcomes", "Outcomes agreed"),
    ("roles", "Who does what"),
    ("ways_of_working", "How we work together"),
    ("risk_management", "Managing risks"),
    ("needs", "The carer's own needs"),
    ("assessment_explained_on", "Carer's assessment explained on"),
    ("assessment_explained_how", "How it was explained"),
    ("referral_on", "Referred for a carer's assessment on"),
    ("referral_reference", "Referral reference"),
    ("referral_result", "What came of the referral"),
    ("resources", "Services chosen, and why"),
    ("actions", "Steps to reach them"),
    ("resident_support_meanwhile", "The resident's support while the carer takes time for themselves"),
    ("resident_support_risks", "Its risks, and how they are managed"),
    ("gaps_in_provision", "Gaps in what is available"),
    ("discrimination", "Discrimination met, and what was done"),
    ("review_process", "How the plan is reviewed"),
    ("review_criteria", "What the reviews look at"),
    ("next_review_on", "Next review"),
    ("closed_on", "Closed on"),
    ("close_reason", "Why it closed"),
)
PLAN_SHOW: Show = {
    "status": lambda v: _label(PlanStatus, v),
    "outcomes": _items(_outcome),
    "roles": _items(_role),
    "needs": _items(_need),
    "resources": _items(_resource),
    "actions": _items(_action),
    "review_criteria": _criteria,
    **dict.fromkeys(
        ("agreed_on", "assessment_explained_on", "referral_on", "next_review_on", "closed_on"), _uk_date
    ),
}

REVIEW_FIELDS: Fields = (
    ("reviewed_on", "Date of the review"),
    ("participants", "Who took part"),
    ("participation_support", "Support to take part"),
    ("assessments", "How each criterion went"),
    ("benefits", "Benefits to the carer's health and wellbeing"),
    ("difficulties", "Difficulties"),
    ("changes", "Changes to make"),
    ("resident_support_changes", "Changes to the resident's support"),
    ("referrals", "Further help sought"),
    ("next_review_on", "Next review"),
)
REVIEW_SHOW: Show = {
    "assessments": _items(_assessment),
    **dict.fromkeys(("reviewed_on", "next_review_on"), _uk_date),
}

EVENT_FIELDS: Fields = (
    ("created_at", "When"),
    ("event", "Step"),
    ("summary", "Details"),
    ("by_name", "By"),
)
EVENT_SHOW: Show = {"event": lambda v: EVENT_LABELS.get(str(v), str(v))}
EVENT_WIDTHS = {"created_at": 1.2, "event": 1.2, "summary": 3.0, "by_name": 1.2}
