"""Subject access for contact: a resident's bookings, records of contact, follow-ups and concerns are
in their export with the visitors' information withheld; a key person's export holds the contact
they took part in, with the resident's own part and everyone else withheld."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from carelink_desktop.domain.concerns import ConcernDetails, ConcernKind, ConcernStatus, Severity
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.planned_visits import PlannedStatus, PlannedVisitDetails
from carelink_desktop.domain.relationships import Category, RelationshipDetails
from carelink_desktop.domain.visits import FollowUp, Mood, Supervision, VisitDetails, VisitKind
from carelink_desktop.reports.document import Redaction
from carelink_desktop.reports.subject_access import (
    RECORD_TYPES,
    REDACTED,
    build_subject_access_document,
    collect_subject_data,
    export_subject_access,
)
from carelink_desktop.reports.subject_access_registry import REDACTION_LABELS, uncovered_tables
from carelink_desktop.services.concerns import CONCERNS
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.planned_visits import book_visit, cancel_booking, sign_in, sign_out
from carelink_desktop.services.relationships import relate
from carelink_desktop.services.resident_records import add_record
from carelink_desktop.services.residents import admit_resident
from carelink_desktop.services.visits import complete_follow_up, record_visit
from carelink_desktop.storage.tables import Base
from tests.conftest import resident

DOCS = Path(__file__).resolve().parents[2] / "docs" / "SUBJECT_ACCESS.md"
TODAY = date(2026, 11, 22)
VISIT_TABLES = ("planned_visit", "visit_record", "visit_follow_up", "concern")
#: Words of Margaret's contact: hers (always in her export), the visitors' (withheld from it).
HER_AFTERNOON = "Peggy laughed at the old photos"
HER_CHANGE = "Calmer than last week"
TOLD_SUSAN = "Told her the GP comes on Tuesdays"
SUSAN_WORRY = "Worried Mum is losing weight"
SUSAN_ASKED = "Asked about the new GP"
TOMS_CALL = "Quiet call about the garden"
TOM_WORRY = "Tom asked whether the fence is fixed"
FENCE = "Raised voices over the fence"
SUSAN_TIRED = "Susan is exhausted from caring alone"
CARERS_TEAM = "Leeds carers' team"
WEIGH = 'Weigh Peggy weekly — "before lunch" 😀'
#: Words only Arthur's contact holds.
CHESS = "Arthur beat everyone at chess"
RHYS_WORRY = "Rhys worried about the fees"


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm))


@pytest.fixture
def contact(manager) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Margaret's contact with Susan (daughter) and Tom (neighbour); Arthur's with Susan (a
    friend) and Rhys (his son)."""
    ws = manager
    ws.set_today_for_tests(TODAY)
    margaret = admit_resident(ws, resident(preferred_name="Peggy"))
    arthur = admit_resident(ws, resident("Arthur", "Pryce", room="3"))
    susan = add_key_person(ws, KeyPersonDetails("Susan", "Whitfield", phone="07700 900123"))
    tom = add_key_person(ws, KeyPersonDetails("Tom", "Baxendale"))
    rhys = add_key_person(ws, KeyPersonDetails("Rhys", "Llewellyn"))
    daughter = relate(ws, margaret.id, susan.id, RelationshipDetails("daughter", Category.FAMILY)).id
    neighbour = relate(ws, margaret.id, tom.id, RelationshipDetails("neighbour", Category.COMMUNITY)).id
    friend = relate(ws, arthur.id, susan.id, RelationshipDetails("friend", Category.FRIEND)).id
    son = relate(ws, arthur.id, rhys.id, RelationshipDetails("son", Category.FAMILY)).id

    booked = book_visit(
        ws,
        margaret.id,
        PlannedVisitDetails(
            VisitKind.VISIT,
            at(TODAY, 14),
            (daughter,),
            other_visitors="Grandson Jake",
            location="Garden room",
        ),
    )
    sign_in(ws, booked.id, at=at(TODAY, 14, 5))
    sign_out(ws, booked.id, at=at(TODAY, 15, 30))
    afternoon = record_visit(
        ws,
        margaret.id,
        VisitDetails(
            VisitKind.VISIT,
            at(TODAY, 14, 5),
            (daughter,),
            other_participants="Grandson Jake",
            ends_at=at(TODAY, 15, 30),
            location="Garden room",
            supervision=Supervision.NEARBY,
            mood_before=Mood.QUIET,
            mood_after=Mood.HAPPY,
            observations=HER_AFTERNOON,
            behaviour_changes=HER_CHANGE,
            visitor_concerns=SUSAN_WORRY,
            information_requested=SUSAN_ASKED,
            information_given=TOLD_SUSAN,
            follow_ups=(FollowUp(WEIGH, TODAY + timedelta(days=7), "Bea"),),
            planned_visit_id=booked.id,
        ),
    )
    call = record_visit(
        ws,
        margaret.id,
        VisitDetails(
            VisitKind.PHONE,
            at(TODAY - timedelta(days=3), 18),
            (neighbour,),
            observations=TOMS_CALL,
            visitor_concerns=TOM_WORRY,
        ),
    )
    toms = book_visit(
        ws, margaret.id, PlannedVisitDetails(VisitKind.VISIT, at(TODAY + timedelta(days=2), 10), (neighbour,))
    )
    cancel_booking(ws, toms.id, "Tom has a cold")
    add_record(
        ws,
        CONCERNS,
        margaret.id,
        ConcernDetails(
            ConcernKind.CONFLICT,
            Severity.MEDIUM,
            FENCE,
            TODAY - timedelta(days=3),
            relationship_id=neighbour,
            visit_id=call.id,
            reported_to="Home manager",
        ),
    )
    add_record(
        ws,
        CONCERNS,
        margaret.id,
        ConcernDetails(
            ConcernKind.UNMET_NEEDS,
            Severity.LOW,
            SUSAN_TIRED,
            TODAY,
            relationship_id=daughter,
            reported_to=CARERS_TEAM,
            reported_on=TODAY,
        ),
    )
    chess = record_visit(
        ws,
        arthur.id,
        VisitDetails(
            VisitKind.VISIT,
            at(TODAY - timedelta(days=1), 11),
            (friend, son),
            observations=CHESS,
            visitor_concerns=RHYS_WORRY,
            information_given="Fees letter is in the post",
        ),
    )
    return {
        "margaret": margaret.id,
        "arthur": arthur.id,
        "susan": susan.id,
        "tom": tom.id,
        "rhys": rhys.id,
        "daughter": daughter,
        "neighbour": neighbour,
        "afternoon": afternoon,
        "call": call.id,
        "chess": chess.id,
        "booked": booked.id,
        "toms_booking": toms.id,
    }


def _redactions(data: dict[str, Any]) -> dict[str, int]:
    return {r["field"]: r["count"] for r in data["redactions"] if r["field"].split(".")[0] in VISIT_TABLES}


def test_the_contact_tables_are_covered_and_the_derived_ones_are_not_records() -> None:
    assert set(VISIT_TABLES) <= set(RECORD_TYPES)
    assert uncovered_tables() == []
    # visit_contact and the word index are copies of visit_record kept by triggers (migration
    # 0005): not mapped tables, so nothing of theirs is exported twice
    assert not {"visit_contact", "visit_text", "visit_text_key"} & set(Base.metadata.tables)
    # every kind of value withheld is described in words for the report's note
    assert {"planned_visit.resident_name", "visit_record.visitors_words", "concern.key_person_own"} <= set(
        REDACTION_LABELS
    )


def test_a_residents_export_holds_her_contact_with_the_visitors_withheld(manager, contact) -> None:  # type: ignore[no-untyped-def]
    data = collect_subject_data(manager, resident_id=contact["margaret"])
    records = data["records"]
    assert set(VISIT_TABLES) <= set(records)

    bookings = records["planned_visit"]
    assert [b["id"] for b in bookings] == [contact["booked"], contact["toms_booking"]]  # oldest first
    first, second = bookings
    assert (first["status"], first["signed_in_at"], first["signed_out_at"]) == (
        PlannedStatus.COMPLETED.value,
        "2026-11-22T14:05:00",  # the home's wall-clock time
        "2026-11-22T15:30:00",
    )
    assert first["visit_id"] == contact["afternoon"].id
    assert first["key_people"] == [
        {"relationship_id": contact["daughter"], "relationship": "daughter", "key_person_name": REDACTED}
    ]
    assert first["other_visitors"] == REDACTED
    assert (second["status"], second["status_reason"]) == ("cancelled", "Tom has a cold")
    assert "resident_name" not in first and "resident_id" not in first and "relationship_ids" not in first

    visits = {v["id"]: v for v in records["visit_record"]}
    assert list(visits) == [contact["call"], contact["afternoon"].id]
    afternoon = visits[contact["afternoon"].id]
    assert (afternoon["observations"], afternoon["behaviour_changes"]) == (HER_AFTERNOON, HER_CHANGE)
    assert (afternoon["mood_before"], afternoon["mood_after"]) == ("quiet", "happy")
    assert afternoon["information_given"] == TOLD_SUSAN  # what of hers was told, and to whom
    assert afternoon["visitor_concerns"] == afternoon["information_requested"] == REDACTED
    assert afternoon["other_participants"] == REDACTED
    assert afternoon["key_people"][0]["relationship"] == "daughter"
    assert visits[contact["call"]]["visitor_concerns"] == REDACTED
    assert visits[contact["call"]]["information_requested"] == ""  # nothing said, nothing withheld

    (follow_up,) = records["visit_follow_up"]
    assert (follow_up["action"], follow_up["owner"], follow_up["due_on"]) == (WEIGH, "Bea", "2026-11-29")
    assert follow_up["visit_id"] == contact["afternoon"].id

    fence, tired = records["concern"]  # oldest first
    assert (fence["kind"], fence["description"], fence["relationship"]) == ("conflict", FENCE, "neighbour")
    assert fence["key_person_name"] == REDACTED and fence["visit_id"] == contact["call"]
    assert tired["kind"] == "unmet_needs"
    assert tired["description"] == tired["reported_to"] == REDACTED  # Susan's own needs
    assert tired["reported_on"] == "2026-11-22" and tired["relationship"] == "daughter"

    assert _redactions(data) == {
        "planned_visit.key_person_name": 2,
        "planned_visit.other_visitors": 1,
        "visit_record.key_person_name": 2,
        "visit_record.other_participants": 1,
        "visit_record.visitors_words": 2,
        "concern.key_person_name": 2,
        "concern.key_person_own": 1,
    }
    actions = {a["action"] for a in records["audit_entry"]}
    assert {
        "visit_booked",
        "visitor_signed_in",
        "visit_recorded",
        "booking_cancelled",
        "concern_raised",
    } <= actions
    described = {a["action"]: a["description"] for a in records["audit_entry"]}
    assert described["visitor_signed_in"] == "Signed in for a visit or outing"

    text = json.dumps(data, ensure_ascii=False)
    for secret in (
        "Susan",
        "Whitfield",
        "Baxendale",
        "Jake",
        SUSAN_WORRY,
        SUSAN_ASKED,
        TOM_WORRY,
        CARERS_TEAM,
    ):
        assert secret not in text, secret
    for other in (CHESS, RHYS_WORRY, "Arthur", "Rhys", contact["chess"]):  # Arthur's contact
        assert other not in text, other


def test_her_contact_names_the_visitors_when_third_parties_are_included(manager, contact) -> None:  # type: ignore[no-untyped-def]
    data = collect_subject_data(manager, resident_id=contact["margaret"], include_third_parties=True)
    assert _redactions(data) == {}
    visits = {v["id"]: v for v in data["records"]["visit_record"]}
    afternoon = visits[contact["afternoon"].id]
    assert afternoon["key_people"][0]["key_person_name"] == "Susan Whitfield"
    assert (afternoon["visitor_concerns"], afternoon["other_participants"]) == (SUSAN_WORRY, "Grandson Jake")
    assert data["records"]["concern"][1]["description"] == SUSAN_TIRED
    assert CHESS not in json.dumps(data, ensure_ascii=False)


def test_a_key_persons_export_holds_the_contact_they_took_part_in(manager, contact) -> None:  # type: ignore[no-untyped-def]
    data = collect_subject_data(manager, key_person_id=contact["susan"])
    records = data["records"]
    assert [b["id"] for b in records["planned_visit"]] == [contact["booked"]]  # not Tom's
    (booking,) = records["planned_visit"]
    assert booking["resident_name"] == REDACTED and booking["other_visitors"] == REDACTED
    assert booking["key_people"][0]["key_person_name"] == "Susan Whitfield"  # her own entry

    visits = {v["id"]: v for v in records["visit_record"]}
    assert list(visits) == [contact["chess"], contact["afternoon"].id]  # not Tom's call
    afternoon = visits[contact["afternoon"].id]
    # Margaret's own part is withheld; what Susan was told is hers; Jake was there, so what the
    # visitors said may be his
    assert afternoon["observations"] == afternoon["behaviour_changes"] == afternoon["mood_before"] == REDACTED
    assert afternoon["information_given"] == TOLD_SUSAN
    assert afternoon["visitor_concerns"] == REDACTED and afternoon["resident_name"] == REDACTED
    chess = visits[contact["chess"]]
    mine, rhys = chess["key_people"]
    assert mine["relationship"] == "friend"
    assert rhys == dict.fromkeys(("relationship_id", "relationship", "key_person_name"), REDACTED)
    assert chess["visitor_concerns"] == REDACTED and chess["observations"] == REDACTED

    # follow-ups of her contacts are shown as staff wrote them (here naming Margaret): the manager
    # reads the free text before the export is handed over
    assert [f["action"] for f in records["visit_follow_up"]] == [WEIGH]
    (tired,) = records["concern"]  # about her, not the fence
    assert (tired["description"], tired["reported_to"]) == (SUSAN_TIRED, CARERS_TEAM)
    assert tired["resident_name"] == REDACTED and "key_person_name" not in tired

    assert _redactions(data) == {
        "planned_visit.other_visitors": 1,
        "planned_visit.resident_name": 1,
        "visit_record.resident_name": 2,
        "visit_record.key_people": 1,
        "visit_record.other_participants": 1,
        "visit_record.visitors_words": 2,
        "visit_record.resident_own": 2,
        "concern.resident_name": 1,
    }
    audit = {(a["action"], a["about"]) for a in records["audit_entry"]}
    assert {
        ("visit_booked", "planned_visit"),
        ("visit_recorded", "visit_record"),
        ("concern_raised", "concern"),
    } <= audit
    text = json.dumps(data, ensure_ascii=False)
    for secret in (
        "Margaret",
        "Pryce",
        "Rhys",
        "Jake",
        HER_AFTERNOON,
        CHESS,
        RHYS_WORRY,
        FENCE,
        TOMS_CALL,
    ):
        assert secret not in text, secret


def test_a_visitor_alone_sees_what_they_raised(manager, contact) -> None:  # type: ignore[no-untyped-def]
    data = collect_subject_data(manager, key_person_id=contact["tom"])
    (call,) = data["records"]["visit_record"]
    assert call["visitor_concerns"] == TOM_WORRY  # nobody else took part: his own words
    assert call["observations"] == REDACTED
    (fence,) = data["records"]["concern"]
    assert fence["description"] == FENCE  # about his relationship: the manager checks before release
    assert [b["status"] for b in data["records"]["planned_visit"]] == ["cancelled"]
    assert data["records"]["visit_follow_up"] == []


def test_a_completed_follow_up_shows_when_and_how_it_was_done(manager, contact) -> None:  # type: ignore[no-untyped-def]
    (follow_up,) = contact["afternoon"].details.follow_ups
    assert follow_up.id is not None
    complete_follow_up(manager, follow_up.id, done_on=TODAY, note="Weighed: 58 kg")
    (row,) = collect_subject_data(manager, resident_id=contact["margaret"])["records"]["visit_follow_up"]
    assert (row["done_on"], row["done_note"]) == ("2026-11-22", "Weighed: 58 kg")


def _field_names(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value).union(*(_field_names(inner) for inner in value.values()))
    if isinstance(value, list):
        return set().union(*(_field_names(inner) for inner in value))
    return set()


def test_the_documentation_names_every_field_and_code(manager, contact) -> None:  # type: ignore[no-untyped-def]
    docs = DOCS.read_text(encoding="utf-8")
    for kwargs in ({"resident_id": contact["margaret"]}, {"key_person_id": contact["susan"]}):
        data = collect_subject_data(manager, **kwargs)
        for table in VISIT_TABLES:
            rows = data["records"][table]
            assert rows, table
            assert f"`records.{table}`" in docs, table
            for name in _field_names(rows):
                assert f"`{name}`" in docs, f"docs/SUBJECT_ACCESS.md does not name the field {table}.{name}"
    for enum in (VisitKind, Supervision, Mood, PlannedStatus, ConcernKind, Severity, ConcernStatus):
        for member in enum:
            assert f"`{member.value}`" in docs, (
                f"docs/SUBJECT_ACCESS.md does not list the code {member.value}"
            )


def test_the_report_shows_the_contact_in_words(manager, contact) -> None:  # type: ignore[no-untyped-def]
    data = collect_subject_data(manager, resident_id=contact["margaret"])
    document = build_subject_access_document(data, printed_by="Amira Khan", redaction=Redaction.SUBJECT)
    text = " ".join(str(block) for block in document.blocks)
    for shown in (
        "Visits, outings and calls booked",
        "Records of contact",
        "Follow-ups after contact",
        "Concerns",
        "Visit in the home",  # kinds, supervision, moods and statuses as words
        "Phone call",
        "Staff nearby",
        "Quiet",
        "Completed",
        "Cancelled",
        "Unmet needs of a carer or key person",
        "How it went",  # the section's label from the form
        "29/11/2026",  # a date the UK way
        "22/11/2026 14:05",
        "daughter ([redacted: third party])",
    ):
        assert shown in text, shown
    for hidden in ("unmet_needs", "'nearby'", "'quiet'", "Whitfield"):
        assert hidden not in text, hidden


def test_the_pdf_keeps_free_text_exactly(manager, contact, tmp_path) -> None:  # type: ignore[no-untyped-def]
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf, data_file = export_subject_access(manager, tmp_path, resident_id=contact["margaret"])
    follow_ups = json.loads(data_file.read_text(encoding="utf-8"))["records"]["visit_follow_up"]
    assert follow_ups[0]["action"] == WEIGH
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", " ", text)
    for shown in (HER_AFTERNOON, "Records of contact", "Weigh Peggy weekly", "Tom has a cold"):
        assert shown in flat, shown
    for hidden in ("Whitfield", SUSAN_WORRY, "Grandson Jake"):
        assert hidden not in flat, hidden
