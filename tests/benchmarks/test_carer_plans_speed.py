"""Targets: the list of carer support plans (``services.carer_plans.plans``) of a home with 300
plans takes at most 50 ms (median); a carer support plan from the request to the finished PDF
bytes (``build_carer_plan`` + ``render_pdf``) at most 0.5 s (median)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from carelink_desktop.domain.carer_plans import (
    AccessAction,
    CarerNeed,
    NeedKind,
    Outcome,
    OutcomeFor,
    PlanDetails,
    PlanRole,
    Term,
)
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.relationships import Category, RelationshipDetails
from carelink_desktop.paths import HomePaths
from carelink_desktop.reports.document import Redaction
from carelink_desktop.services.workspace import Workspace
from tests.benchmarks.conftest import describe, ms, report
from tests.conftest import FAST_KDF, HOME_NAME, MANAGER, MANAGER_PASSWORD, resident

pytestmark = [pytest.mark.benchmark, pytest.mark.slow]

PLANS = 300
LIST_RUNS = 30
LIST_TARGET = 0.05
PDF_RUNS = 9
PDF_TARGET = 0.5
REDACTIONS = (Redaction.INTERNAL, Redaction.FAMILY, Redaction.PROFESSIONAL)
TODAY = date(2026, 11, 22)


def _details(n: int) -> PlanDetails:
    """A plan with every list filled in, as a real one would be."""
    return PlanDetails(
        outcomes=(
            Outcome(f"Carer {n} keeps visiting twice a week", OutcomeFor.SHARED),
            Outcome("A morning a week to themselves", OutcomeFor.CARER),
            Outcome("Keeps going to the choir", OutcomeFor.RESIDENT),
        ),
        roles=(PlanRole("The carer", "Visits on Tuesdays"), PlanRole("Keyworker", "Rings on Fridays")),
        ways_of_working="Staff ring the carer before any change to care they would notice.",
        needs=(CarerNeed(NeedKind.PHYSICAL, Term.MEDIUM, "Back pain from years of lifting"),),
        actions=(AccessAction("Book the carers' café", "The carer", TODAY + timedelta(days=n % 40)),),
        review_criteria=("The carer has had a break every week", "The resident enjoys the visits"),
        next_review_on=TODAY + timedelta(days=(n * 7) % 200 - 20),
    )


@pytest.fixture(scope="module")
def busy_home(bench_dirs: dict[str, Path]) -> Iterator[tuple[Workspace, str]]:
    """A home with 300 residents, each with an unpaid carer and a plan (a third draft, a third
    agreed, a third active, some reviews overdue), and the rich plan of the report tests."""
    from carelink_desktop.services import carer_plans
    from carelink_desktop.services.access import create_home
    from carelink_desktop.services.key_people import add_key_people
    from carelink_desktop.services.residents import admit_residents
    from carelink_desktop.synthetic.demo_map_records import add_relationships
    from tests.integration.test_carer_plan_report import add_plan

    ws, _ = create_home(
        HomePaths(bench_dirs["home"]),
        home_name=HOME_NAME,
        manager_username=MANAGER,
        manager_full_name="Amira Khan",
        password=MANAGER_PASSWORD,
        kdf=FAST_KDF,
    )
    ws.set_today_for_tests(TODAY)
    home = add_plan(ws)  # plan number 1, with a review
    count = PLANS - 1
    residents = admit_residents(
        ws, [resident(f"Resident{n}", f"Family{n}", room=str(n)) for n in range(count)]
    )
    people = add_key_people(ws, [KeyPersonDetails(f"Carer{n}", f"Surname{n}") for n in range(count)])
    rels = add_relationships(
        ws,
        [
            (r, k, RelationshipDetails("neighbour", Category.UNPAID_CARER))
            for r, k in zip(residents, people, strict=True)
        ],
    )
    for n, rel in enumerate(rels):
        plan = carer_plans.start_plan(ws, rel, _details(n))
        if n % 3:
            carer_plans.agree_plan(ws, plan.id, TODAY - timedelta(days=30), "Carer and keyworker")
        if n % 3 == 2:
            carer_plans.activate_plan(ws, plan.id)
    yield ws, home.plan_id
    ws.close()


def test_listing_300_plans_within_50ms(busy_home: tuple[Workspace, str]) -> None:
    from carelink_desktop.services.carer_plans import overdue_reviews, plans

    ws, _ = busy_home
    assert len(plans(ws)) == PLANS  # warm-up
    samples = []
    for _ in range(LIST_RUNS):
        started = time.perf_counter()
        found = plans(ws)
        samples.append(time.perf_counter() - started)
        assert len(found) == PLANS
    overdue = []
    for _ in range(10):
        started = time.perf_counter()
        late = overdue_reviews(ws)
        overdue.append(time.perf_counter() - started)
    median = statistics.median(samples)
    report(
        f"carer support plans: services.carer_plans.plans() of a home with {PLANS} plans, {LIST_RUNS} runs",
        [
            describe(samples) + f" (target median <= {ms(LIST_TARGET)})",
            f"overdue_reviews() ({len(late)} overdue): median {ms(statistics.median(overdue))}",
        ],
    )
    assert median <= LIST_TARGET, f"plans() median {ms(median)} > {ms(LIST_TARGET)}"


def test_a_carer_plan_pdf_within_half_a_second(busy_home: tuple[Workspace, str]) -> None:
    from carelink_desktop.reports import pdf_style
    from carelink_desktop.reports.carer_plan_report import build_carer_plan
    from carelink_desktop.reports.pdf import render_pdf

    ws, plan_id = busy_home
    cold_fonts = not pdf_style._registered
    started = time.perf_counter()
    first_pdf = render_pdf(build_carer_plan(ws, plan_id, Redaction.INTERNAL))
    first = time.perf_counter() - started
    pages = len(PdfReader(BytesIO(first_pdf)).pages)

    total, build, render = [], [], []
    by_redaction: dict[Redaction, list[float]] = {r: [] for r in REDACTIONS}
    for i in range(PDF_RUNS):
        redaction = REDACTIONS[i % len(REDACTIONS)]
        t0 = time.perf_counter()
        doc = build_carer_plan(ws, plan_id, redaction)
        t1 = time.perf_counter()
        data = render_pdf(doc)
        t2 = time.perf_counter()
        assert data.startswith(b"%PDF-")
        total.append(t2 - t0)
        build.append(t1 - t0)
        render.append(t2 - t1)
        by_redaction[redaction].append(t1 - t0)
    median = statistics.median(total)
    report(
        f"carer support plan PDF: build_carer_plan + render_pdf in a home of {PLANS} residents, "
        f"{PDF_RUNS} runs (the three redactions in turn)",
        [
            describe(total) + f" (target median <= {ms(PDF_TARGET)})",
            f"of which building (median) {ms(statistics.median(build))}, rendering "
            f"{ms(statistics.median(render))}; {pages} pages",
            "building by redaction (median): "
            + ", ".join(f"{r.value} {ms(statistics.median(v))}" for r, v in by_redaction.items()),
            f"first run in this process {ms(first)}"
            + (" (includes loading the four DejaVu fonts)" if cold_fonts else ""),
        ],
    )
    assert median <= PDF_TARGET, f"carer plan PDF median {ms(median)} > {ms(PDF_TARGET)}"
