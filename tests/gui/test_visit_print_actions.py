"""Printing contact from the desktop (pytest-qt, offscreen, over a real encrypted home):
``print_shift_summary`` and ``print_visit_history`` build the report off the GUI thread and open
its preview, audited, on the home's paper or the paper chosen; the preview's text is the text
staff typed, emoji and all; printing and saving from it work; a keyworker asking for the shift
summary, or a period that ends before it starts, is told why and gets no preview."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtPdf")

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QWidget

from carelink_desktop.domain.roles import Role
from carelink_desktop.domain.shifts import Shift
from carelink_desktop.reports.document import Redaction
from carelink_desktop.services.home_settings import change_home_settings
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.ui import report_actions
from carelink_desktop.ui.report_preview import ReportPreview
from tests.conftest import HOME_NAME
from tests.integration.test_shift_summary_report import AWKWARD, TODAY, ContactHome, add_contact_home


@pytest.fixture
def home(manager) -> ContactHome:  # type: ignore[no-untyped-def]
    return add_contact_home(manager)


@pytest.fixture
def ctx(manager):  # type: ignore[no-untyped-def]
    """The shell context the Today board and the Contact tab pass."""
    from carelink_desktop.ui.events import ChangeSignals
    from carelink_desktop.ui.pages import Navigator, ShellContext

    context = ShellContext(
        ws=manager, changes=ChangeSignals(manager.events), navigator=Navigator(), home_name=HOME_NAME
    )
    yield context
    context.changes.detach()


@pytest.fixture
def parent(qtbot) -> QWidget:  # type: ignore[no-untyped-def]
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def the_preview(parent: QWidget) -> ReportPreview:
    (preview,) = parent.findChildren(ReportPreview)
    return preview


def preview_text(preview: ReportPreview) -> str:
    """The text of every page as QtPdf reads it (what the preview selects, copies and prints)."""
    return "\n".join(preview.document.getAllText(page).text() for page in range(preview.page_count()))


def previewed(ws) -> list[tuple[dict, object]]:  # type: ignore[no-untyped-def]
    return [(json.loads(e.details), e) for e in audit_entries(ws, action="report_previewed")]


def test_print_shift_summary_opens_an_audited_preview_on_the_homes_paper(  # type: ignore[no-untyped-def]
    qtbot, home: ContactHome, ctx, parent
) -> None:
    change_home_settings(home.ws, paper_size="Letter")
    report_actions.print_shift_summary(parent, ctx, TODAY, Shift.EARLY)
    preview = the_preview(parent)
    assert preview.isVisible() and preview.redaction is Redaction.INTERNAL
    assert preview.windowTitle() == "Preview: Shift visit summary"
    size = preview.document.pagePointSize(0)
    assert (round(size.width()), round(size.height())) == (612, 792), "the home's Letter paper"
    text = preview_text(preview)
    assert "Early shift, 07:00 to 14:00" in text and "Handed over by" in text
    for line in AWKWARD.split("\n"):
        assert line in text, line  # quotes, accents and emoji, as typed
    ((details, entry),) = previewed(home.ws)
    assert details == {"report": "shift_summary", "redaction": "internal", "pages": preview.page_count()}
    assert (entry.subject_type, entry.subject_id, entry.resident_id) == (
        "shift_summary",
        "2026-11-22 early",
        None,
    )
    preview.close()


def test_the_shift_summary_prints_and_saves_from_its_preview(  # type: ignore[no-untyped-def]
    qtbot, home: ContactHome, parent, tmp_path: Path
) -> None:
    report_actions.print_shift_summary(parent, home.ws, TODAY, Shift.EARLY)
    preview = the_preview(parent)
    printed = tmp_path / "printed.pdf"

    def printer() -> QPrinter:
        made = QPrinter(QPrinter.PrinterMode.HighResolution)
        made.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        made.setOutputFileName(str(printed))
        return made

    preview.make_printer = printer
    preview.ask_print = lambda _printer: True
    assert preview.print_report()
    assert len(PdfReader(printed).pages) == preview.page_count()
    saved = tmp_path / "saved.pdf"
    preview.ask_save_path = lambda _name: str(saved)
    assert preview.save_as_pdf() == saved
    assert saved.read_bytes() == preview.pdf_bytes
    actions = [e.action for e in audit_entries(home.ws) if e.action.startswith("report_")]
    assert sorted(actions) == ["report_previewed", "report_printed", "report_saved"]
    preview.close()


def test_a_keyworker_is_told_the_shift_summary_is_not_theirs_to_print(  # type: ignore[no-untyped-def]
    qtbot, home: ContactHome, staff_workspace, parent
) -> None:
    keyworker = staff_workspace(Role.KEYWORKER, "bea")
    boxes: list[QMessageBox] = []
    report_actions.print_shift_summary(
        parent,
        keyworker,
        TODAY,
        Shift.EARLY,
        run_dialog=lambda box: boxes.append(box) or 0,  # type: ignore[arg-type,func-returns-value]
    )
    assert [b.windowTitle() for b in boxes] == ["Shift visit summary not printed"]
    assert "print shift visit summaries" in boxes[0].text()
    assert parent.findChildren(ReportPreview) == [] and previewed(home.ws) == []


def test_print_visit_history_asks_the_copy_then_previews_it(  # type: ignore[no-untyped-def]
    qtbot, home: ContactHome, ctx, parent
) -> None:
    start = date(2026, 11, 1)
    report_actions.print_visit_history(
        parent, ctx, home.florence, start, TODAY, ask_options=lambda ws, p: None
    )
    assert parent.findChildren(ReportPreview) == [] and previewed(home.ws) == []
    report_actions.print_visit_history(
        parent, ctx, home.florence, start, TODAY, ask_options=lambda ws, p: (Redaction.FAMILY, "A4")
    )
    preview = the_preview(parent)
    assert preview.redaction is Redaction.FAMILY and preview.windowTitle() == "Preview: Visit history"
    text = preview_text(preview)
    assert "Florence Thompson" in text and "Daughter" in text and "Susan Thompson" not in text
    ((details, entry),) = previewed(home.ws)
    assert details["report"] == "visit_history" and details["redaction"] == "family"
    assert (entry.subject_type, entry.resident_id) == ("resident", home.florence)
    preview.close()


def test_a_period_that_ends_before_it_starts_is_explained(qtbot, home: ContactHome, parent) -> None:  # type: ignore[no-untyped-def]
    boxes: list[QMessageBox] = []
    report_actions.print_visit_history(
        parent,
        home.ws,
        home.florence,
        TODAY,
        date(2026, 11, 1),
        ask_options=lambda ws, p: (Redaction.INTERNAL, "A4"),
        run_dialog=lambda box: boxes.append(box) or 0,  # type: ignore[arg-type,func-returns-value]
    )
    assert [b.windowTitle() for b in boxes] == ["Visit history not printed"]
    assert "ends before it starts" in boxes[0].text()
    assert parent.findChildren(ReportPreview) == []
