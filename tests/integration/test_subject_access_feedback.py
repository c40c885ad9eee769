"""Subject access for feedback and for the manager's side of concerns: a resident's export holds
the feedback about them (their own in full; what others gave with the givers and their words
withheld) and the manager's side of their concerns; a key person's export holds the feedback
they gave, with the resident withheld, and of a concern about them the decision but not the
reasoning."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from carelink_desktop.domain.concerns import ConcernDetails, ConcernHandling, ConcernKind, Severity
from carelink_desktop.domain.feedback import (
    DEFAULT_QUESTIONS,
    Answer,
    FeedbackDetails,
    Helper,
    Respondent,
    Theme,
)
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.relationships import Category, RelationshipDetails
from carelink_desktop.reports.document import Redaction
from carelink_desktop.reports.subject_access import (
    RECORD_TYPES,
    REDACTED,
    build_subject_access_document,
    collect_subject_data,
    export_subject_access,
)
from carelink_desktop.reports.subject_access_registry import REDACTION_LABELS, uncovered_tables
from carelink_desktop.services.concerns import CONCERNS, handle_concern
from carelink_desktop.services.feedback import change_feedback, record_feedback
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.relationships import relate
from carelink_desktop.services.resident_records import add_record
from carelink_desktop.services.residents import admit_resident
from tests.conftest import resident

DOCS = Path(__file__).resolve().parents[2] / "docs" / "SUBJECT_ACCESS.md"
TODAY = date(2026, 11, 22)
TABLES = ("feedback", "feedback_answer", "concern")
Q1, Q2, Q3 = (qid for qid, _q in DEFAULT_QUESTIONS[:3])
CARER_Q = DEFAULT_QUESTIONS[5][0]

PEGGY_SAYS = "I like it when Susan comes on Sundays"
PEGGY_MORE = "More trips to the seaside please"
SUSAN_SAYS = "Staff always ring me back"
SUSAN_MORE = "Parking is hard at weekends"
GP_SAYS = "Visits are well recorded"
ARTHUR_SAYS = "Arthur wants more chess"
WEIGHED = "Stop Susan's visits, or supervise them, or carry on as now"
WHY = "Peggy wants to keep seeing her; the least restrictive choice"
DECIDED = "Visits go ahead with staff nearby"
LESSONS = "Agree the plan with the family early"
CARER_WHY = "Susan told us she cannot cope alone"


@pytest.fixture
def fb(manager) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    ws = manager
    ws.set_today_for_tests(TODAY)
    margaret = admit_resident(ws, resident(preferred_name="Peggy"))
    arthur = admit_resident(ws, resident("Arthur", "Pryce", room="3"))
    susan = add_key_person(ws, KeyPersonDetails("Susan", "Whitfield"))
    rhys = add_key_person(ws, KeyPersonDetails("Rhys", "Llewellyn"))
    daughter = relate(ws, margaret.id, susan.id, RelationshipDetails("daughter", Category.FAMILY)).id
    friend = relate(ws, arthur.id, susan.id, RelationshipDetails("friend", Category.FRIEND)).id
    son = relate(ws, arthur.id, rhys.id, RelationshipDetails("son", Category.FAMILY)).id

    hers = record_feedback(
        ws,
        FeedbackDetails(
            TODAY - timedelta(days=20),
            Respondent.RESIDENT,
            resident_id=margaret.id,
            helped_by=Helper.ADVOCATE,
            helper_name="Jan Okafor, advocate",
            easy_read=True,
            answers=(Answer(Q1, 5, PEGGY_SAYS), Answer(Q2, 4)),
            comments=PEGGY_MORE,
        ),
    )
    susans = record_feedback(
        ws,
        FeedbackDetails(
            TODAY - timedelta(days=10),
            Respondent.KEY_PERSON,
            resident_id=margaret.id,
            relationship_id=daughter,
            answers=(Answer(Q1, 2), Answer(CARER_Q, 4, SUSAN_SAYS)),
            comments=SUSAN_MORE,
        ),
    )
    gps = record_feedback(
        ws,
        FeedbackDetails(
            TODAY - timedelta(days=5),
            Respondent.PROFESSIONAL,
            resident_id=margaret.id,
            respondent_name="Dr Shah, GP",
            answers=(Answer(Q3, 3, GP_SAYS),),
        ),
    )
    # Susan also gave feedback as Arthur's friend, and Arthur gave his own
    as_friend = record_feedback(
        ws,
        FeedbackDetails(
            TODAY - timedelta(days=3),
            Respondent.KEY_PERSON,
            resident_id=arthur.id,
            relationship_id=friend,
            answers=(Answer(Q2, 5),),
            helped_by=Helper.INTERPRETER,
            helper_name="Ana Lima",
        ),
    )
    record_feedback(
        ws,
        FeedbackDetails(
            TODAY, Respondent.RESIDENT, resident_id=arthur.id, answers=(Answer(Q1, 4, ARTHUR_SAYS),)
        ),
    )
    record_feedback(
        ws,
        FeedbackDetails(
            TODAY, Respondent.KEY_PERSON, resident_id=arthur.id, relationship_id=son, comments="Rhys"
        ),
    )

    dilemma = add_record(
        ws,
        CONCERNS,
        margaret.id,
        ConcernDetails(
            ConcernKind.ETHICAL_DILEMMA,
            Severity.MEDIUM,
            "Susan wants to take Peggy home for Christmas against the GP's advice",
            TODAY - timedelta(days=4),
            relationship_id=daughter,
        ),
    )
    handle_concern(
        ws,
        dilemma.id,
        ConcernHandling(
            handler="Amira Khan",
            advice_sought="Social worker",
            options_weighed=WEIGHED,
            decision=DECIDED,
            reasoning=WHY,
            practice_changes="Plan family outings at reviews",
            lessons=LESSONS,
        ),
    )
    carer = add_record(
        ws,
        CONCERNS,
        margaret.id,
        ConcernDetails(
            ConcernKind.UNMET_NEEDS,
            Severity.LOW,
            "Susan is worn out",
            TODAY - timedelta(days=2),
            relationship_id=daughter,
        ),
    )
    handle_concern(
        ws,
        carer.id,
        ConcernHandling(handler="Amira Khan", decision="Refer to carers' centre", reasoning=CARER_WHY),
    )
    return {
        "margaret": margaret.id,
        "susan": susan.id,
        "hers": hers.id,
        "susans": susans.id,
        "gps": gps.id,
        "as_friend": as_friend.id,
        "dilemma": dilemma.id,
        "carer": carer.id,
    }


def _redactions(data: dict[str, Any]) -> dict[str, int]:
    return {r["field"]: r["count"] for r in data["redactions"] if r["field"].split(".")[0] in TABLES}


def test_feedback_is_covered() -> None:
    assert {"feedback", "feedback_answer"} <= set(RECORD_TYPES)
    assert uncovered_tables() == []
    assert {"feedback.their_words", "feedback_answer.their_words", "concern.handling_reasoning"} <= set(
        REDACTION_LABELS
    )


def test_a_residents_export_holds_the_feedback_about_her(manager, fb) -> None:  # type: ignore[no-untyped-def]
    data = collect_subject_data(manager, resident_id=fb["margaret"])
    records = data["records"]
    given = {f["id"]: f for f in records["feedback"]}
    assert list(given) == [fb["hers"], fb["susans"], fb["gps"]], "oldest first, only hers"

    mine = given[fb["hers"]]
    assert (mine["respondent"], mine["easy_read"], mine["comments"]) == ("resident", True, PEGGY_MORE)
    assert (mine["helped_by"], mine["helper_name"]) == ("advocate", REDACTED)
    assert mine["key_person_name"] is None and "resident_id" not in mine

    susans = given[fb["susans"]]
    assert (susans["relationship"], susans["key_person_name"], susans["comments"]) == (
        "daughter",
        REDACTED,
        REDACTED,
    )
    gps = given[fb["gps"]]
    assert gps["respondent_name"] == REDACTED and gps["relationship"] is None

    answers = records["feedback_answer"]
    assert [(a["feedback_id"], a["rating"]) for a in answers] == [
        (fb["hers"], 5),
        (fb["hers"], 4),
        (fb["susans"], 2),
        (fb["susans"], 4),
        (fb["gps"], 3),
    ]
    assert answers[0]["comment"] == PEGGY_SAYS and answers[0]["theme"] == Theme.KEEPING_IN_TOUCH.value
    assert answers[0]["question"] == DEFAULT_QUESTIONS[0][1].text
    assert answers[3]["comment"] == answers[4]["comment"] == REDACTED, "their words, in their own right"
    assert answers[2]["comment"] == "", "nothing said, nothing withheld"

    concerns = {c["id"]: c for c in records["concern"]}
    dilemma = concerns[fb["dilemma"]]
    assert (dilemma["options_weighed"], dilemma["reasoning"], dilemma["lessons"]) == (WEIGHED, WHY, LESSONS)
    carer = concerns[fb["carer"]]
    assert carer["handler"] == carer["decision"] == carer["reasoning"] == REDACTED, "about Susan's needs"
    assert carer["advice_sought"] == "" and carer["description"] == REDACTED

    assert _redactions(data) == {
        "feedback.helper_name": 1,
        "feedback.key_person_name": 1,
        "feedback.respondent_name": 1,
        "feedback.their_words": 1,
        "feedback_answer.their_words": 2,
        "concern.key_person_name": 2,
        "concern.key_person_own": 1,
    }
    assert {"feedback_recorded", "concern_handled"} <= {a["action"] for a in records["audit_entry"]}
    text = json.dumps(data, ensure_ascii=False)
    for secret in (
        "Whitfield",
        "Jan Okafor",
        "Dr Shah",
        SUSAN_SAYS,
        SUSAN_MORE,
        GP_SAYS,
        CARER_WHY,
        ARTHUR_SAYS,
    ):
        assert secret not in text, secret


def test_with_third_parties_the_givers_and_their_words_are_shown(manager, fb) -> None:  # type: ignore[no-untyped-def]
    data = collect_subject_data(manager, resident_id=fb["margaret"], include_third_parties=True)
    assert _redactions(data) == {}
    given = {f["id"]: f for f in data["records"]["feedback"]}
    assert given[fb["susans"]]["key_person_name"] == "Susan Whitfield"
    assert given[fb["gps"]]["respondent_name"] == "Dr Shah, GP"
    assert given[fb["hers"]]["helper_name"] == "Jan Okafor, advocate"
    text = json.dumps(data, ensure_ascii=False)
    assert SUSAN_SAYS in text and GP_SAYS in text and CARER_WHY in text
    assert ARTHUR_SAYS not in text


def test_a_key_persons_export_holds_the_feedback_they_gave(manager, fb) -> None:  # type: ignore[no-untyped-def]
    data = collect_subject_data(manager, key_person_id=fb["susan"])
    records = data["records"]
    given = {f["id"]: f for f in records["feedback"]}
    assert list(given) == [fb["susans"], fb["as_friend"]], "hers only, about both residents"
    mine = given[fb["susans"]]
    assert (mine["comments"], mine["resident_name"], mine["relationship"]) == (
        SUSAN_MORE,
        REDACTED,
        "daughter",
    )
    assert "key_person_name" not in mine
    assert given[fb["as_friend"]]["helper_name"] == REDACTED
    assert [a["comment"] for a in records["feedback_answer"]] == ["", SUSAN_SAYS, ""]

    concerns = {c["id"]: c for c in records["concern"]}
    dilemma = concerns[fb["dilemma"]]
    assert (dilemma["handler"], dilemma["decision"], dilemma["lessons"]) == ("Amira Khan", DECIDED, LESSONS)
    assert dilemma["options_weighed"] == dilemma["reasoning"] == dilemma["advice_sought"] == REDACTED
    assert concerns[fb["carer"]]["reasoning"] == REDACTED

    assert _redactions(data) == {
        "feedback.resident_name": 2,
        "feedback.helper_name": 1,
        "concern.resident_name": 2,
        "concern.handling_reasoning": 2,
    }
    audit = {(a["action"], a["about"]) for a in records["audit_entry"]}
    assert ("feedback_recorded", "feedback") in audit
    text = json.dumps(data, ensure_ascii=False)
    # (the concern's own words name Peggy, as staff wrote them: the manager reads them before release)
    for secret in ("Margaret", "Pryce", WEIGHED, WHY, PEGGY_SAYS, ARTHUR_SAYS, "Rhys", "Ana Lima"):
        assert secret not in text, secret


def test_a_corrected_feedback_keeps_its_earlier_answers_marked_removed(manager, fb) -> None:  # type: ignore[no-untyped-def]
    from carelink_desktop.services.feedback import feedback

    before = feedback(manager, fb["gps"]).details
    change_feedback(
        manager, fb["gps"], FeedbackDetails(**{**before.__dict__, "answers": (Answer(Q3, 4, GP_SAYS),)})
    )
    answers = [
        a
        for a in collect_subject_data(manager, resident_id=fb["margaret"])["records"]["feedback_answer"]
        if a["feedback_id"] == fb["gps"]
    ]
    assert sorted((a["rating"], a["deleted"]) for a in answers) == [(3, True), (4, False)]


def _field_names(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value).union(*(_field_names(inner) for inner in value.values()))
    if isinstance(value, list):
        return set().union(*(_field_names(inner) for inner in value))
    return set()


def test_the_documentation_names_every_field_and_code(manager, fb) -> None:  # type: ignore[no-untyped-def]
    docs = DOCS.read_text(encoding="utf-8")
    for kwargs in ({"resident_id": fb["margaret"]}, {"key_person_id": fb["susan"]}):
        data = collect_subject_data(manager, **kwargs)
        for table in TABLES:
            rows = data["records"][table]
            assert rows, table
            assert f"`records.{table}`" in docs, table
            for name in _field_names(rows):
                assert f"`{name}`" in docs, f"docs/SUBJECT_ACCESS.md does not name the field {table}.{name}"
    for enum in (Respondent, Helper, Theme):
        for member in enum:
            assert f"`{member.value}`" in docs, member


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_the_pdf_shows_feedback_and_the_managers_side_in_words(manager, fb, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = collect_subject_data(manager, resident_id=fb["margaret"])
    document = build_subject_access_document(data, printed_by="Amira Khan", redaction=Redaction.SUBJECT)
    blocks = " ".join(str(block) for block in document.blocks)
    for shown in (
        "Feedback",
        "Answers to feedback questions",
        "5 (Very good)",
        "An advocate",
        "Keeping in touch",
    ):
        assert shown in blocks, shown
    pdf, _json = export_subject_access(manager, tmp_path, resident_id=fb["margaret"])
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", " ", text)
    for shown in (PEGGY_MORE, "Answers to feedback questions", "Options weighed", WEIGHED, LESSONS):
        assert shown in flat, shown
    for hidden in ("Whitfield", SUSAN_SAYS, GP_SAYS, "Dr Shah", CARER_WHY):
        assert hidden not in flat, hidden
