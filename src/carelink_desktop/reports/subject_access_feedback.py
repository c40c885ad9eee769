"""Subject access for feedback (and for the manager's side of concerns): the extractors are
registered in ``subject_access_registry.RECORD_TYPES`` with the PDF fields and display functions
below.

Feedback is about how well the home supports relationships, given by a resident, a key person or
a professional, often about one resident (``feedback.resident_id``). A resident's export holds
every feedback about them and the answers given; a key person's export holds the feedback they
gave as a key person (one of their relationships) and its answers. Unless third parties are
included:

* in a resident's export, feedback someone else gave about them keeps its questions, dates and
  ratings, but the giver's name (the key person's, or the name and role written in words) and
  their words (comments on each answer and anything else they said) are withheld: their views,
  in their own right, as the visitors' words are in a record of contact;
* in a key person's export, the resident's name is withheld;
* in both, the name of whoever helped give the feedback (family, a friend, an advocate or an
  interpreter) is withheld; a member of staff who helped is named, as staff are everywhere.

The manager's side of a concern (who handles it, advice sought, options weighed, decision,
reasoning, what it means for practice, lessons) is personal data about the resident the concern
is recorded for: it is in their export as written, except for a concern about the unmet needs of
a carer or key person, whose manager's side is withheld with the rest of what that concern says
about the carer. In a key person's export (concerns about their relationship) who handles it,
the decision, the changes to practice and the lessons are shown; the advice sought, the options
weighed and the reasoning, which weigh up the resident's circumstances and wishes and other
people's views, are withheld.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from carelink_desktop.domain.concerns import ConcernKind
from carelink_desktop.domain.feedback import RATINGS, Helper, Respondent, Theme
from carelink_desktop.domain.key_people import person_name
from carelink_desktop.domain.residents import resident_name
from carelink_desktop.reports.subject_access_visits import _code, _or, _uk_date
from carelink_desktop.storage.oversight_tables import FeedbackAnswerRow, FeedbackQuestionRow, FeedbackRow
from carelink_desktop.storage.tables import KeyPersonRow, RelationshipRow, ResidentRow

if TYPE_CHECKING:  # the registry imports this module: no import back at run time
    from carelink_desktop.reports.subject_access_registry import Extraction, Extractor, Row

_RESIDENT = "resident"
Fields = tuple[tuple[str, str], ...]
Show = dict[str, Callable[[Any], str]]

#: The manager's side of a concern, in the order of the form.
HANDLING = (
    "handler",
    "advice_sought",
    "options_weighed",
    "decision",
    "reasoning",
    "practice_changes",
    "lessons",
)
#: What weighs up the resident's circumstances and others' views: withheld from a key person's
#: export of a concern about their relationship.
HANDLING_REASONING = ("advice_sought", "options_weighed", "reasoning")

#: What each field withheld here is, in words (merged into the registry's REDACTION_LABELS).
FEEDBACK_REDACTION_LABELS = {
    "feedback.key_person_name": "Names of the key people who gave feedback about the resident",
    "feedback.respondent_name": "Names and roles of the people who gave feedback about the resident, "
    "as written",
    "feedback.their_words": "Anything else other people said in their feedback about the resident",
    "feedback.helper_name": "Names of the family, friends, advocates or interpreters who helped give "
    "feedback",
    "feedback.resident_name": "Names of the residents feedback was given about",
    "feedback_answer.their_words": "Other people's comments on each question of their feedback about the "
    "resident (one count per answer)",
    "concern.handling_reasoning": "The advice sought, the options weighed and the reasoning behind the "
    "manager's decision on a concern (one count per concern)",
}


# -- whose feedback ----------------------------------------------------------------------------


def _relationships(x: Extraction) -> dict[str, tuple[str, str, str]]:
    """Relationship id -> (words, key person's name, resident id), for the relationships the
    subject's feedback can name."""
    stmt = select(RelationshipRow, KeyPersonRow).join(
        KeyPersonRow, KeyPersonRow.id == RelationshipRow.key_person_id
    )
    if x.subject.type == _RESIDENT:
        stmt = stmt.where(RelationshipRow.resident_id == x.subject.id)
    else:
        stmt = stmt.where(RelationshipRow.key_person_id == x.subject.id)
    return {
        rel.id: (rel.relationship, person_name(person), rel.resident_id)
        for rel, person in x.session.execute(stmt).all()
    }


def _feedback_rows(x: Extraction, rels: dict[str, tuple[str, str, str]]) -> list[FeedbackRow]:
    if x.subject.type == _RESIDENT:
        where = FeedbackRow.resident_id == x.subject.id
    else:
        where = FeedbackRow.relationship_id.in_(list(rels))
    order = (FeedbackRow.given_on, FeedbackRow.created_at, FeedbackRow.id)
    return list(x.session.scalars(select(FeedbackRow).where(where).order_by(*order)))


def _own(x: Extraction, row: FeedbackRow) -> bool:
    """The subject gave this feedback themselves."""
    if x.subject.type == _RESIDENT:
        return row.respondent == Respondent.RESIDENT.value
    return True  # a key person's export holds only the feedback they gave


def _helper(x: Extraction, row: FeedbackRow) -> str:
    if row.helped_by == Helper.STAFF.value:
        return row.helper_name
    return x.third_party(row.helper_name, "feedback.helper_name")


# -- extractors --------------------------------------------------------------------------------


def feedback(x: Extraction) -> list[Row]:
    """Feedback, oldest first: all about a resident; for a key person, what they gave."""
    rels = _relationships(x)
    rows = _feedback_rows(x, rels)
    names: dict[str, str] = {}
    if x.subject.type != _RESIDENT:
        ids = {r.resident_id for r in rows if r.resident_id}
        names = {
            r.id: resident_name(r)
            for r in x.session.scalars(select(ResidentRow).where(ResidentRow.id.in_(ids)))
        }
    out = []
    for r in rows:
        item = x.row(r, drop=("resident_id",))
        rel = rels.get(r.relationship_id or "")
        item["relationship"] = None if rel is None else rel[0]
        item["helper_name"] = _helper(x, r)
        if x.subject.type == _RESIDENT:
            item["key_person_name"] = (
                None if rel is None else x.third_party(rel[1], "feedback.key_person_name")
            )
            if not _own(x, r):
                item["respondent_name"] = x.third_party(r.respondent_name, "feedback.respondent_name")
                item["comments"] = x.third_party(r.comments, "feedback.their_words")
        else:
            item["resident_name"] = (
                None
                if r.resident_id is None
                else x.third_party(names.get(r.resident_id, ""), "feedback.resident_name")
            )
        out.append(item)
    return out


def feedback_answers(x: Extraction) -> list[Row]:
    """The answers of the feedback above, by the day given, then in the order of the questions."""
    given = {r.id: r for r in _feedback_rows(x, _relationships(x))}
    stmt = (
        select(FeedbackAnswerRow, FeedbackQuestionRow)
        .join(FeedbackQuestionRow, FeedbackQuestionRow.id == FeedbackAnswerRow.question_id)
        .where(FeedbackAnswerRow.feedback_id.in_(list(given)))
        .order_by(
            FeedbackAnswerRow.given_on,
            FeedbackAnswerRow.feedback_id,
            FeedbackQuestionRow.position,
            FeedbackAnswerRow.created_at,
            FeedbackAnswerRow.id,
        )
    )
    out = []
    for answer, question in x.session.execute(stmt).all():
        item = x.row(answer)
        item["question"] = question.text
        if not _own(x, given[answer.feedback_id]):
            item["comment"] = x.third_party(answer.comment, "feedback_answer.their_words")
        out.append(item)
    return out


def with_handling(concerns: Extractor) -> Extractor:
    """The concerns extractor with the manager's side withheld where it is about someone else
    (see the module docstring)."""

    def extract(x: Extraction) -> list[Row]:
        rows = concerns(x)
        for item in rows:
            held = [n for n in HANDLING if item.get(n) not in (None, "")]
            if x.subject.type == _RESIDENT:
                if item.get("kind") != ConcernKind.UNMET_NEEDS.value or not held:
                    continue
                if x.include_third_parties:
                    continue
                # withheld with the rest of what the concern says about the carer, counted there
                from carelink_desktop.reports.subject_access_registry import REDACTED

                if item.get("description") != REDACTED:
                    x.withhold("concern.key_person_own")
                for n in held:
                    item[n] = REDACTED
            else:
                reasons = [n for n in HANDLING_REASONING if n in held]
                if reasons and (marker := x.withhold("concern.handling_reasoning")) is not None:
                    for n in reasons:
                        item[n] = marker
        return rows

    return extract


def key_person_record_ids(x: Extraction) -> set[str]:
    """The ids of the feedback and answers a key person's export holds (for their audit trail)."""
    quiet = x.quietly()
    return {row["id"] for extract in (feedback, feedback_answers) for row in extract(quiet)}


# -- how the PDF shows them --------------------------------------------------------------------


def _rating(value: Any) -> str:
    """'4 (Good)'; empty when not answered."""
    if value in (None, ""):
        return "Not answered"
    if isinstance(value, int) and value in RATINGS:
        return f"{value} ({RATINGS[value]})"
    return str(value)


def _yes_no(value: Any) -> str:
    return "Yes" if value is True else "No" if value is False else str(value or "")


FEEDBACK_FIELDS: Fields = (
    ("given_on", "Given on"),
    ("respondent", "Given by"),
    ("resident_name", "Resident"),
    ("relationship", "Relationship"),
    ("key_person_name", "Key person's name"),
    ("respondent_name", "Name and role"),
    ("easy_read", "Easy-read questions used"),
    ("helped_by", "Helped by"),
    ("helper_name", "Helper's name"),
    ("comments", "Anything else they said"),
)
FEEDBACK_SHOW: Show = {
    "given_on": _uk_date,
    "respondent": _code(Respondent),
    "helped_by": _code(Helper),
    "easy_read": _yes_no,
    "relationship": _or("No one relationship"),
    "key_person_name": _or("Not applicable"),
    "resident_name": _or("About the home in general"),
}

ANSWER_FIELDS: Fields = (
    ("given_on", "Given on"),
    ("question", "Question"),
    ("theme", "Theme"),
    ("rating", "Rating"),
    ("comment", "Comment"),
)
ANSWER_SHOW: Show = {"given_on": _uk_date, "theme": _code(Theme), "rating": _rating}
ANSWER_WIDTHS = {"given_on": 1.4, "question": 3.0, "theme": 1.3, "rating": 1.2, "comment": 3.0}

HANDLING_FIELDS: Fields = (
    ("handler", "Handled by"),
    ("advice_sought", "Specialist advice sought"),
    ("options_weighed", "Options weighed"),
    ("decision", "Decision"),
    ("reasoning", "Reasoning"),
    ("practice_changes", "What it means for systems, procedures or practice"),
    ("lessons", "Lessons"),
)
