"""Must hold: a relationship circle prints as vectors and real text (every name can be found in
the PDF's text, accents and all; no picture), with its legend; 60 people print too; the width
estimate used without a font is never narrower than DejaVu Sans itself."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from datetime import datetime
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing
from reportlab.pdfbase.pdfmetrics import stringWidth

from carelink_desktop.domain.relationship_circle import (
    _WIDTH_BLOCKS,
    CircleDrawing,
    CirclePerson,
    estimate_width,
    layout_circle,
)
from carelink_desktop.domain.relationships import Category, Quality
from carelink_desktop.reports.document import Diagram, Heading, Redaction, ReportDocument
from carelink_desktop.reports.pdf import render_pdf
from carelink_desktop.reports.pdf_blocks import DIAGRAMS
from carelink_desktop.reports.pdf_style import REGULAR, register_fonts
from carelink_desktop.reports.relationship_circle_pdf import KIND, circle_flowables, measure

RESIDENT = "Siân Llŷr-Prydderch"
PEOPLE = (
    CirclePerson(
        "r01", "Gwenllian ap Dŵr", "daughter", 1, Category.FAMILY, Quality.POSITIVE, ("NOK (primary)",)
    ),
    CirclePerson("r02", "Dafydd Llŷr", "son", 1, Category.FAMILY, Quality.MIXED, ("NOK", "LPA")),
    CirclePerson("r03", "Łucja Wiśniewska", "granddaughter", 2, Category.FAMILY, Quality.STRAINED),
    CirclePerson("r04", "Zeynep İğdır", "neighbour", 2, Category.FRIEND, Quality.POSITIVE),
    CirclePerson("r05", "Nguyễn Thị Hương", "friend", 3, Category.FRIEND, Quality.CONFLICT, ("Restricted",)),
    CirclePerson("r06", "Seán Ó Briain", "former colleague", 4, Category.FRIEND, Quality.MIXED),
    CirclePerson(
        "r07", "Peter Hughes", "unpaid carer", 1, Category.UNPAID_CARER, Quality.POSITIVE, ("ECS", "Carer")
    ),
    CirclePerson("r08", "Dr Amir Patel", "GP", 3, Category.PROFESSIONAL, Quality.POSITIVE),
    CirclePerson("r09", "Chiamaka Okonkwo", "social worker", 4, Category.PROFESSIONAL, Quality.STRAINED),
    CirclePerson("r10", "Revd Alun Jones", "chaplain", 3, Category.COMMUNITY, Quality.POSITIVE),
    CirclePerson("r11", "Małgorzata Kowalczyk", "befriender", 4, Category.COMMUNITY, Quality.MIXED),
    CirclePerson(
        "r12", "Sam O'Neill-Clarke", "IMCA", 4, Category.ADVOCATE, Quality.CONFLICT, ("Restricted",)
    ),
)


def document(people: tuple[CirclePerson, ...]) -> ReportDocument:
    return ReportDocument(
        title="Relationship circle",
        subject=RESIDENT,
        home_name="Tŷ Gwyn Care Home",
        printed_by="Amira Khan",
        printed_at=datetime(2026, 3, 7, 14, 5),
        redaction=Redaction.INTERNAL,
        blocks=(
            Heading("Who matters to Siân"),
            Diagram(KIND, CircleDrawing(RESIDENT, people), caption="Figure 1: Siân's relationship circle"),
        ),
    )


def many(count: int) -> tuple[CirclePerson, ...]:
    rnd = random.Random(7)
    firsts = ("Gwenllian", "Łucja", "Nguyễn Thị", "Zeynep", "Bartholomew-Fitzgerald", "Siân", "Jo")
    lasts = ("ap Dŵr", "Wiśniewska", "Hương", "İğdır", "O'Neill", "Llŷr-Prydderch", "Smith")
    return tuple(
        CirclePerson(
            f"r{i:03d}",
            f"{rnd.choice(firsts)} {rnd.choice(lasts)} {i}",
            rnd.choice(("daughter", "friend", "GP", "social worker")),
            rnd.randint(1, 4),
            rnd.choice(list(Category)),
            rnd.choice(list(Quality)),
            tuple(rnd.sample(("NOK", "LPA", "ECS", "Carer", "Restricted"), rnd.randint(0, 2))),
        )
        for i in range(count)
    )


def test_the_circle_is_registered_on_import() -> None:
    assert DIAGRAMS[KIND] is circle_flowables


def test_the_circle_prints_as_vectors_and_real_text() -> None:
    data = render_pdf(document(PEOPLE))
    reader = PdfReader(BytesIO(data))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    text = page.extract_text()
    for p in PEOPLE:
        assert p.name in text, p.name
        assert p.relationship in text
    for words in ("Prydderch", "In conflict", "Strained", "Next of kin", "Restricted", "4 the furthest"):
        assert words in text
    assert "Figure 1: Siân's relationship circle" in text
    resources = page["/Resources"].get_object()
    xobjects = resources.get("/XObject")  # type: ignore[union-attr]
    assert not xobjects or all(xobjects[name]["/Subtype"] != "/Image" for name in xobjects)
    contents = page.get_contents()
    assert contents is not None
    content = contents.get_data().decode("latin-1")
    assert len(re.findall(r" c\n", content)) > 4 * len(PEOPLE)  # circles are Bézier curves
    assert len(re.findall(r" l\n", content)) > len(PEOPLE)  # lines
    assert " d\n" in content  # dashed and dotted lines


def test_sixty_people_print() -> None:
    people = many(60)
    text = PdfReader(BytesIO(render_pdf(document(people)))).pages[0].extract_text()
    for p in people:
        assert p.name in text


def test_the_drawing_fits_the_frame_and_keeps_its_shape() -> None:
    register_fonts()
    width = 480.0
    for people in (PEOPLE, many(60), ()):
        circle, _spacer, legend = circle_flowables(Diagram(KIND, CircleDrawing(RESIDENT, people)), width)
        assert isinstance(circle, Drawing) and isinstance(legend, Drawing)
        layout = layout_circle(RESIDENT, people, measure=measure, font_size=8.0)
        assert circle.width <= width + 1e-6 and legend.width <= width + 1e-6
        assert circle.height <= 0.85 * 700
        assert circle.width / circle.height == pytest.approx(layout.width / layout.height)


def test_wrong_data_is_refused() -> None:
    with pytest.raises(TypeError, match="CircleDrawing"):
        circle_flowables(Diagram(KIND, "not a circle"), 400)


def test_the_estimate_is_never_narrower_than_dejavu_sans() -> None:
    register_fonts()
    for start, digits in _WIDTH_BLOCKS:
        for offset in range(len(digits)):
            ch = chr(start + offset)
            assert estimate_width(ch, 10) >= stringWidth(ch, REGULAR, 10) - 1e-9, hex(ord(ch))
    for name in [p.name for p in PEOPLE] + ["WWW MMM mmm www", "Ǆ Œ æ — … ‰", "Жанна Щербакова", "Ωμέγα"]:
        assert estimate_width(name, 9) >= stringWidth(name, REGULAR, 9) - 1e-9, name
    # and not wildly wider either, for the Latin names most homes print
    for p in PEOPLE:
        assert estimate_width(p.name, 9) <= 1.1 * stringWidth(p.name, REGULAR, 9)


def test_pdftotext_finds_every_name(tmp_path: Path) -> None:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = tmp_path / "circle.pdf"
    pdf.write_bytes(render_pdf(document(PEOPLE)))
    text = subprocess.run([tool, str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    for p in PEOPLE:
        assert p.name in text, p.name
