"""Must hold: every page of a rendered report says CONFIDENTIAL, "Page N of M", who printed it and
the redaction; names from every UK community survive the round trip; every font is embedded; the
metadata holds no personal data; long tables split with their headings repeated; the PDF is valid."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import datetime
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from carelink_desktop.reports.document import (
    Diagram,
    Heading,
    KeyFacts,
    Note,
    PageBreak,
    Paragraph,
    Redaction,
    ReportDocument,
    SignatureLines,
    Table,
)
from carelink_desktop.reports.pdf import keep_headings_with_content, markup, render_pdf

NAMES = (
    "Gwenllian ap Dŵr",  # Welsh ŵ
    "Dafydd Llŷr",  # Welsh ŷ
    "Łucja z Łodzi",
    "Łódź",
    "Zeynep İğdır",
    "Nguyễn Thị Hương",
)
HOME = "Tŷ Gwyn Care Home"
SUBJECT = "Siân Llŷr-Prydderch"
PRINTER = "Bogdan Łukasiewicz"
COLUMNS = ("Visit date", "Visitor", "How it went")


def long_document(redaction: Redaction = Redaction.PROFESSIONAL, rows: int = 300) -> ReportDocument:
    table_rows = tuple(
        (f"{1 + i % 28:02d}/03/2026", NAMES[i % len(NAMES)], f"Row {i:03d}: " + "a calm visit, " * (i % 4))
        for i in range(rows)
    )
    return ReportDocument(
        title="Contact visits",
        subject=SUBJECT,
        home_name=HOME,
        printed_by=PRINTER,
        printed_at=datetime(2026, 3, 7, 14, 5),
        redaction=redaction,
        blocks=(
            Heading("About"),
            KeyFacts((("Names", ", ".join(NAMES)), ("Markup", "<b>not bold</b> & <i>not italic</i>"))),
            Paragraph("Line one\nLine two, with a tab\tand a bell \x07 dropped."),
            Paragraph("Sensitive staff note about a visit.", sensitive=True),
            Note("Information."),
            Note("Consent review overdue.", warning=True),
            Diagram("placeholder", "Relationship circle to come", caption="Figure 1: placeholder"),
            Diagram("no-such-kind", None, caption="Caption of an unknown drawing"),
            Heading("Visits", level=2),
            Table(COLUMNS, table_rows, widths=(1.2, 2.0, 4.0), title="Every visit"),
            Table(("A", "B"), (), title="Nothing here", empty_text="No visits recorded."),
            SignatureLines(("Keyworker", "Manager")),
            PageBreak(),
            Heading("Last page"),
        ),
    )


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} (poppler-utils) is not installed")
    return path


def page_texts(data: bytes, tmp_path: Path) -> list[str]:
    """pdftotext of each page, in order."""
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(data)
    count = len(PdfReader(BytesIO(data)).pages)
    tool = _tool("pdftotext")
    return [
        subprocess.run(
            [tool, "-enc", "UTF-8", "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return render_pdf(long_document())


def test_every_page_is_marked(rendered: bytes, tmp_path: Path) -> None:
    pages = page_texts(rendered, tmp_path)
    assert len(pages) >= 5
    for n, text in enumerate(pages, start=1):
        assert "CONFIDENTIAL" in text, n
        assert "store securely" in text, n
        assert f"Page {n} of {len(pages)}" in text, n
        assert f"Printed by {PRINTER} on 07/03/2026 at 14:05" in text, n
        assert "For a professional" in text, n
        assert HOME in text, n
        assert SUBJECT in text, n
        assert "Contact visits" in text, n


def test_names_round_trip(rendered: bytes, tmp_path: Path) -> None:
    text = "\n".join(page_texts(rendered, tmp_path))
    for name in (*NAMES, HOME, SUBJECT, PRINTER):
        assert name in text, name
    assert "<b>not bold</b> & <i>not italic</i>" in text
    assert "Row 299" in text
    assert "Caption of an unknown drawing" in text
    assert "Relationship circle to come" in text
    assert "No visits recorded." in text
    assert "SENSITIVE" in text


def test_table_header_repeats_on_every_page_it_spans(rendered: bytes, tmp_path: Path) -> None:
    pages = page_texts(rendered, tmp_path)
    with_rows = [p for p in pages if re.search(r"Row \d{3}", p)]
    assert len(with_rows) >= 4
    for text in with_rows:
        for heading in COLUMNS:
            assert heading in text
    # rows stay in order and none is lost or doubled across the splits
    found = [int(m) for p in with_rows for m in re.findall(r"Row (\d{3})", p)]
    assert found == list(range(300))


def test_the_table_starts_under_its_heading_not_on_a_new_page(tmp_path: Path) -> None:
    pages = page_texts(render_pdf(long_document()), tmp_path)
    assert "Row 000" in pages[0]


def test_fonts_are_all_embedded(rendered: bytes, tmp_path: Path) -> None:
    pdf = tmp_path / "fonts.pdf"
    pdf.write_bytes(rendered)
    out = subprocess.run([_tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout
    fonts = out.splitlines()[2:]
    assert fonts, out
    for line in fonts:
        name, emb = line.split()[0], line.split()[-5]
        assert emb == "yes", line
        assert "DejaVuSans" in name, line


def test_metadata_is_generic(rendered: bytes) -> None:
    meta = PdfReader(BytesIO(rendered)).metadata
    assert meta is not None
    assert meta.title == "Contact visits"
    assert meta.author == meta.creator == meta.producer == "CareLink Desktop"
    values = " ".join(str(v) for v in meta.values())
    for personal in (SUBJECT, HOME, PRINTER, "Siân", "Gwyn", "Bogdan"):
        assert personal not in values


def test_qpdf_finds_no_problems(rendered: bytes, tmp_path: Path) -> None:
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.skip("qpdf is not installed (apt-get install qpdf): structural check not run")
    pdf = tmp_path / "check.pdf"
    pdf.write_bytes(rendered)
    result = subprocess.run([qpdf, "--check", str(pdf)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


@pytest.mark.parametrize(("paper", "size"), [("A4", (595, 842)), ("Letter", (612, 792))])
def test_paper_sizes(paper: str, size: tuple[int, int]) -> None:
    reader = PdfReader(BytesIO(render_pdf(long_document(rows=5), paper=paper)))
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == size


def test_unknown_paper_is_refused() -> None:
    with pytest.raises(ValueError, match="A4 or Letter"):
        render_pdf(long_document(rows=1), paper="A5")


def test_sensitive_marker_only_in_the_professional_copy(tmp_path: Path) -> None:
    internal = "\n".join(page_texts(render_pdf(long_document(Redaction.INTERNAL, rows=3)), tmp_path))
    assert "Sensitive staff note" in internal
    assert "SENSITIVE" not in internal
    assert "Internal" in internal


def test_a_cell_longer_than_a_page_splits_instead_of_failing(tmp_path: Path) -> None:
    huge = "Long note Łódź " * 900
    doc = ReportDocument(
        title="T",
        subject="S",
        home_name="H",
        printed_by="P",
        printed_at=datetime(2026, 1, 1),
        redaction=Redaction.INTERNAL,
        blocks=(Table(("A", "B"), (("x", huge),)), KeyFacts((("Big", huge),)), Note(huge)),
    )
    text = "\n".join(page_texts(render_pdf(doc), tmp_path))
    assert text.count("Łódź") == 3 * 900


def test_empty_document_still_renders_a_marked_page(tmp_path: Path) -> None:
    doc = ReportDocument("T", "S", "H", "P", datetime(2026, 1, 1), Redaction.FAMILY)
    pages = page_texts(render_pdf(doc), tmp_path)
    assert len(pages) == 1
    assert "CONFIDENTIAL" in pages[0] and "Page 1 of 1" in pages[0] and "For the family" in pages[0]


def test_markup_escapes_and_keeps_line_breaks() -> None:
    assert markup("a < b & c > d") == "a &lt; b &amp; c &gt; d"
    assert markup("one\r\ntwo\nthree") == "one<br/>two<br/>three"
    assert markup("bell\x07") == "bell"


def test_headings_are_grouped_with_what_follows() -> None:
    from carelink_desktop.reports.pdf import block_flowables

    story = [
        f
        for b in (Heading("A"), Heading("B", 2), Paragraph("x"), Paragraph("y"))
        for f in block_flowables(b, 400, Redaction.INTERNAL)
    ]
    grouped = keep_headings_with_content(story)
    assert len(grouped) == 2
    assert len(grouped[0]._content) == 3


def test_the_reports_package_does_not_load_qt() -> None:
    script = (
        "import sys, carelink_desktop.reports.pdf, carelink_desktop.reports.face_sheet, "
        "carelink_desktop.reports.redaction, carelink_desktop.cli.commands_reports\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
