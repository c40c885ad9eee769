"""The real ``carelink`` command (in a subprocess) on a home with carer support plans:
``plans list`` prints a table or JSON with stable keys and filters by state and resident;
``report carer-plan`` and ``report carer-plan-review`` write private, audited PDFs; an unknown
plan is one line on stderr and exit code 4."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from carelink_desktop.domain.carer_plans import Outcome, PlanDetails, PlanRole
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.relationships import Category, RelationshipDetails
from carelink_desktop.services import carer_plans
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.relationships import relate
from carelink_desktop.services.residents import admit_resident
from tests.conftest import MANAGER, MANAGER_PASSWORD, resident
from tests.integration.test_carer_plan_report import CRITERIA, OTHERS, OUTCOMES, Home, add_plan
from tests.integration.test_relationship_profile import flat, pdf_pages

JSON_KEYS = {
    "plan_id",
    "resident_id",
    "resident_name",
    "key_person_id",
    "carer_name",
    "status",
    "agreed_on",
    "next_review_on",
    "review_overdue",
}
PASSWORD_IN = MANAGER_PASSWORD + "\n"


def _as_manager(*args: str) -> tuple[str, ...]:
    return (*args, "--user", MANAGER, "--password-stdin")


@pytest.fixture
def plans_home(manager) -> tuple[Home, str]:  # type: ignore[no-untyped-def]
    """Peggy's plan with Jean (active, reviewed), and Arthur's with Gwen: active, its review
    ten days late by the real calendar (the command judges overdue on the day it runs)."""
    home = add_plan(manager)
    manager.set_today_for_tests(None)
    today = date.today()
    arthur = admit_resident(manager, resident("Arthur", "Pryce", room="3"))
    gwen = add_key_person(manager, KeyPersonDetails("Gwen", "Harper"))
    rel = relate(manager, arthur.id, gwen.id, RelationshipDetails("neighbour", Category.UNPAID_CARER))
    late = carer_plans.start_plan(
        manager,
        rel.id,
        PlanDetails(
            outcomes=(Outcome("Gwen keeps her Wednesday visits"),),
            roles=(PlanRole("Gwen", "Visits on Wednesdays"),),
            review_criteria=("Gwen has a break every week",),
            next_review_on=today - timedelta(days=10),
        ),
    )
    carer_plans.agree_plan(manager, late.id, today - timedelta(days=100), "Gwen and Arthur")
    carer_plans.activate_plan(manager, late.id)
    return home, late.id


def test_cli_lists_plans_as_json_with_stable_keys(plans_home, cli) -> None:  # type: ignore[no-untyped-def]
    home, late = plans_home
    result = cli(*_as_manager("plans", "list", "--json"), input=PASSWORD_IN)
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    assert [set(r) for r in rows] == [JSON_KEYS, JSON_KEYS]
    first, second = rows  # soonest review first: Gwen's is late
    assert (first["plan_id"], first["carer_name"], first["resident_name"]) == (
        late,
        "Gwen Harper",
        "Arthur Pryce",
    )
    assert (first["status"], first["review_overdue"]) == ("active", True)
    assert first["next_review_on"] == (date.today() - timedelta(days=10)).isoformat()
    assert second["plan_id"] == home.plan_id and second["resident_id"] == home.resident_id
    assert (second["carer_name"], second["resident_name"]) == ("Jean Pryce", "Margaret (Peggy) Jones")
    assert second["agreed_on"] == "2026-10-03" and second["next_review_on"] == "2027-05-21"
    assert second["review_overdue"] is (date.today() > date(2027, 5, 21))
    assert isinstance(second["key_person_id"], str) and second["key_person_id"]


def test_cli_filters_plans_by_state_and_resident(plans_home, cli) -> None:  # type: ignore[no-untyped-def]
    home, late = plans_home

    def ids(*args: str) -> list[str]:
        result = cli(*_as_manager("plans", "list", "--json", *args), input=PASSWORD_IN)
        assert result.code == 0, result.err
        return [r["plan_id"] for r in json.loads(result.out)]

    assert ids("--status", "draft") == []
    assert sorted(ids("--status", "active")) == sorted([home.plan_id, late])
    assert ids("--resident", home.resident_id) == [home.plan_id]
    unknown = cli(*_as_manager("plans", "list", "--resident", "no-such-id"), input=PASSWORD_IN)
    assert unknown.code == 4 and "No resident has the ID 'no-such-id'" in unknown.err
    wrong = cli(*_as_manager("plans", "list", "--status", "finished"), input=PASSWORD_IN)
    assert wrong.code == 64 and "invalid choice" in wrong.err


def test_cli_lists_plans_as_a_table(plans_home, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(*_as_manager("plans", "list"), input=PASSWORD_IN)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split() == ["Carer", "Resident", "Status", "Agreed", "Next", "review"]
    assert "Gwen Harper" in lines[2] and "(overdue)" in lines[2] and "Active" in lines[2]
    assert "Jean Pryce" in lines[3] and "Margaret (Peggy) Jones" in lines[3]
    assert lines[-1] == "2 carer support plans, 1 review overdue"


def test_cli_writes_an_audited_carer_plan_for_the_family(plans_home, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    home, _late = plans_home
    target = tmp_path / "plan.pdf"
    result = cli(
        *_as_manager("report", "carer-plan", "--plan", home.plan_id),
        "--out",
        str(target),
        "--redaction",
        "family",
        input=PASSWORD_IN,
    )
    assert result.code == 0, result.err
    assert "Wrote the carer support plan (for the family)" in result.out
    assert target.stat().st_mode & 0o077 == 0  # readable by its owner only
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left
    text = flat(" ".join(pdf_pages(target.read_bytes())))
    for outcome in OUTCOMES:
        assert outcome in text
    for other in OTHERS:
        assert other not in text, other
    audit = cli(*_as_manager("audit", "--json"), input=PASSWORD_IN)
    (entry,) = [e for e in json.loads(audit.out) if e["action"] == "report_exported"]
    assert (entry["resident_id"], entry["subject_type"], entry["subject_id"]) == (
        home.resident_id,
        "carer_plan",
        home.plan_id,
    )
    assert json.loads(entry["details"]) == {"report": "carer_plan", "redaction": "family", "file": "plan.pdf"}


def test_cli_writes_a_plans_review(plans_home, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    home, late = plans_home
    for extra in ((), ("--review", home.review_id)):  # the latest by default
        target = tmp_path / f"review{len(extra)}.pdf"
        result = cli(
            *_as_manager("report", "carer-plan-review", "--plan", home.plan_id, *extra, "--out", str(target)),
            input=PASSWORD_IN,
        )
        assert result.code == 0, result.err
        text = flat(" ".join(pdf_pages(target.read_bytes())))
        for criterion in CRITERIA:
            assert criterion in text
    audit = cli(*_as_manager("audit", "--json"), input=PASSWORD_IN)
    exported = [e for e in json.loads(audit.out) if e["action"] == "report_exported"]
    assert {(e["subject_type"], e["subject_id"]) for e in exported} == {("carer_plan_review", home.review_id)}
    assert json.loads(exported[0]["details"])["plan_id"] == home.plan_id
    none_yet = cli(
        *_as_manager("report", "carer-plan-review", "--plan", late, "--out", str(tmp_path / "x.pdf")),
        input=PASSWORD_IN,
    )
    assert none_yet.code == 4 and "no reviews recorded yet" in none_yet.err


def test_cli_refuses_an_unknown_plan_or_review(plans_home, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    home, _late = plans_home
    target = tmp_path / "x.pdf"
    result = cli(
        *_as_manager("report", "carer-plan", "--plan", "no-such-id", "--out", str(target)), input=PASSWORD_IN
    )
    assert result.code == 4, result.err
    assert "No carer support plan has the ID 'no-such-id'" in result.err and result.err.count("\n") == 1
    assert "Traceback" not in result.err and not target.exists()
    result = cli(
        *_as_manager(
            "report", "carer-plan-review", "--plan", home.plan_id, "--review", "nope", "--out", str(target)
        ),
        input=PASSWORD_IN,
    )
    assert result.code == 4 and "not one of this carer support plan's reviews" in result.err
    assert not target.exists()
    result = cli("report", "carer-plan", "--user", MANAGER)
    assert result.code == 64 and "--plan" in result.err
