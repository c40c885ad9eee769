"""Targets: laying out a relationship circle of 60 people takes at most 50 ms (p95, well inside
the 100 ms the on-screen map has for layout and painting together); a PDF page holding a
60-person circle renders in at most 0.3 s (median)."""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import datetime

import pytest

from carelink_desktop.domain.relationship_circle import (
    CircleDrawing,
    CirclePerson,
    estimate_width,
    layout_circle,
)
from carelink_desktop.domain.relationships import Category, Quality
from carelink_desktop.reports.document import Diagram, Heading, Redaction, ReportDocument
from tests.benchmarks.conftest import describe, ms, percentile, report

pytestmark = [pytest.mark.benchmark]

PEOPLE = 60
LAYOUT_RUNS = 30
LAYOUT_TARGET = 0.050
RENDER_RUNS = 5
RENDER_TARGET = 0.3
RESIDENT = "Siân Llŷr-Prydderch"
FIRSTS = ("Gwenllian", "Łucja", "Nguyễn Thị", "Zeynep", "Bartholomew-Fitzgerald", "Siân", "Jo", "Mohammed")
LASTS = ("ap Dŵr", "Wiśniewska", "Hương", "İğdır", "O'Neill", "Llŷr-Prydderch", "Smith", "Okonkwo")
MARKS = ("NOK", "LPA", "ECS", "Carer", "Restricted")


def people(seed: int, *, categories: tuple[Category, ...], circles: tuple[int, ...]) -> list[CirclePerson]:
    rnd = random.Random(seed)
    return [
        CirclePerson(
            f"rel-{i:03d}",
            f"{rnd.choice(FIRSTS)} {rnd.choice(LASTS)}",
            rnd.choice(("daughter", "son-in-law", "friend", "GP", "social worker", "neighbour")),
            rnd.choice(circles),
            rnd.choice(categories),
            rnd.choice(list(Quality)),
            tuple(rnd.sample(MARKS, rnd.choice((0, 0, 1, 2)))),
        )
        for i in range(PEOPLE)
    ]


SCENARIOS: dict[str, Callable[[int], list[CirclePerson]]] = {
    "mixed": lambda seed: people(seed, categories=tuple(Category), circles=(1, 2, 3, 4)),
    "one sector": lambda seed: people(seed, categories=(Category.FAMILY,), circles=(1, 2, 3, 4)),
    "one circle": lambda seed: people(seed, categories=tuple(Category), circles=(1,)),
    "one sector, one circle": lambda seed: people(seed, categories=(Category.FRIEND,), circles=(2,)),
}


def test_layout_of_sixty_people_within_50ms() -> None:
    from carelink_desktop.reports.pdf_style import register_fonts
    from carelink_desktop.reports.relationship_circle_pdf import measure

    register_fonts()
    lines, worst = [], 0.0
    for name, make in SCENARIOS.items():
        for label, size, width in (("estimate", 9.0, estimate_width), ("DejaVu metrics", 8.0, measure)):
            samples = []
            for run in range(LAYOUT_RUNS):
                group = make(run % 10)
                started = time.perf_counter()
                layout = layout_circle(RESIDENT, group, measure=width, font_size=size)
                samples.append(time.perf_counter() - started)
                assert len(layout.people) == PEOPLE
            worst = max(worst, percentile(samples, 95))
            lines.append(f"{name}, {label}: {describe(samples)}")
    report(
        f"relationship circle layout, {PEOPLE} people, {LAYOUT_RUNS} runs over 10 circles each "
        f"(target p95 <= {ms(LAYOUT_TARGET)})",
        lines,
    )
    assert worst <= LAYOUT_TARGET


def test_pdf_of_a_sixty_person_circle_within_300ms() -> None:
    from carelink_desktop.reports import relationship_circle_pdf
    from carelink_desktop.reports.pdf import register_fonts, render_pdf

    register_fonts()
    doc = ReportDocument(
        title="Relationship circle",
        subject=RESIDENT,
        home_name="Tŷ Gwyn Care Home",
        printed_by="Amira Khan",
        printed_at=datetime(2026, 3, 7, 14, 5),
        redaction=Redaction.INTERNAL,
        blocks=(
            Heading("Who matters to Siân"),
            Diagram(relationship_circle_pdf.KIND, CircleDrawing(RESIDENT, tuple(SCENARIOS["mixed"](1)))),
        ),
    )
    samples, size = [], 0
    for _ in range(RENDER_RUNS):
        started = time.perf_counter()
        data = render_pdf(doc)
        samples.append(time.perf_counter() - started)
        size = len(data)
    median = statistics.median(samples)
    report(
        f"relationship circle PDF: render_pdf of one page with a {PEOPLE}-person circle, {RENDER_RUNS} runs",
        [f"{size / 1024:.0f} KiB; " + describe(samples) + f" (target median <= {RENDER_TARGET:.1f} s)"],
    )
    assert median <= RENDER_TARGET
