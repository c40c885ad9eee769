"""Report preview, printing and saving (pytest-qt, offscreen, over a real encrypted home): the
pages show and can be moved through and zoomed; printing (to a PDF file through an injected
QPrinter) sends the pages asked for, with their text; a saved copy is private and, if asked,
encrypted; every preview, print and save is audited; no copy is left in a temporary folder."""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import subprocess
import tempfile
from datetime import datetime
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtPdf")

from pypdf import PasswordType, PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QRadioButton

from carelink_desktop.domain.roles import Role
from carelink_desktop.reports.document import Heading, PageBreak, Paragraph, Redaction, ReportDocument
from carelink_desktop.services import accounts
from carelink_desktop.services.home_settings import change_home_settings
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.services.residents import admit_resident
from carelink_desktop.ui import report_actions
from carelink_desktop.ui.report_actions import describe_pages, print_document
from carelink_desktop.ui.report_options import ReportOptionsDialog
from carelink_desktop.ui.report_preview import ReportPreview
from tests.conftest import HOME_NAME, resident

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
#: One word a page, so a test can tell which pages were printed.
PAGE_WORDS = ("Alderney", "Brecon", "Cheviot", "Dartmoor")
PASSWORD = "kettle on at four"


def make_pdf(redaction: Redaction = Redaction.FAMILY) -> bytes:
    """A four-page report: by the app's renderer when it is there, else drawn with reportlab."""
    try:
        from carelink_desktop.reports.pdf import render_pdf
    except ImportError:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen.canvas import Canvas

        out = io.BytesIO()
        canvas = Canvas(out, pagesize=A4)
        canvas.setTitle("Test report")
        for n, word in enumerate(PAGE_WORDS, start=1):
            canvas.setFont("Helvetica", 14)
            canvas.drawString(72, 760, f"Margaret Jones — page {n} of {len(PAGE_WORDS)}")
            canvas.drawString(72, 720, f"{word} is the word on this page")
            canvas.showPage()
        canvas.save()
        return out.getvalue()
    blocks: list = []
    for n, word in enumerate(PAGE_WORDS):
        if n:
            blocks.append(PageBreak())
        blocks += [Heading(f"Part {n + 1}"), Paragraph(f"{word} is the word on this page")]
    doc = ReportDocument(
        title="Test report",
        subject="Margaret Jones",
        home_name=HOME_NAME,
        printed_by="Amira Khan",
        printed_at=datetime(2026, 5, 1, 14, 5),
        redaction=redaction,
        blocks=tuple(blocks),
    )
    return render_pdf(doc)


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def details(ws, action: str) -> list[dict]:  # type: ignore[no-untyped-def]
    return [json.loads(e.details) for e in audit_entries(ws, action=action)]


@pytest.fixture
def peggy(manager):  # type: ignore[no-untyped-def]
    return admit_resident(manager, resident("Margaret", "Jones", preferred_name="Peggy", room="7"))


@pytest.fixture
def open_preview(qtbot, manager, peggy):  # type: ignore[no-untyped-def]
    def make(redaction: Redaction = Redaction.FAMILY) -> ReportPreview:
        preview = ReportPreview(
            manager, make_pdf(redaction), report="test_report", redaction=redaction, resident_id=peggy.id
        )
        qtbot.addWidget(preview)
        preview.resize(1000, 700)
        preview.show()
        qtbot.waitExposed(preview)
        preview.activateWindow()
        qtbot.waitUntil(preview.isActiveWindow, timeout=2000)
        return preview

    return make


def print_to(preview: ReportPreview, path: Path, setup=lambda printer: None) -> bool:  # type: ignore[no-untyped-def]
    """Print with the print dialog's choices made by ``setup``, to a PDF file at ``path``."""
    preview.make_printer = lambda: pdf_printer(path)
    preview.ask_print = lambda printer: setup(printer) or True
    return preview.print_report()


# -- showing ------------------------------------------------------------------------------------


def test_the_preview_shows_every_page_with_the_redaction_and_is_audited(  # type: ignore[no-untyped-def]
    open_preview, manager, peggy
) -> None:
    preview = open_preview(Redaction.FAMILY)
    assert preview.page_count() == len(PAGE_WORDS)
    assert preview.page_spin.text() == f"Page 1 of {len(PAGE_WORDS)}"
    assert preview.redaction_label.text() == f"Redaction: {Redaction.FAMILY.label}"
    assert preview.windowTitle() == "Preview: Test report", "the title, never the subject's name"
    assert details(manager, "report_previewed") == [
        {"report": "test_report", "redaction": "family", "pages": len(PAGE_WORDS)}
    ]
    assert audit_entries(manager, action="report_previewed")[0].resident_id == peggy.id


def test_page_up_and_down_and_the_page_box_move_between_pages(qtbot, open_preview) -> None:  # type: ignore[no-untyped-def]
    preview = open_preview()
    assert preview.current_page() == 0
    qtbot.keyClick(preview.view, Qt.Key.Key_PageDown)
    assert preview.current_page() == 1
    assert preview.page_spin.value() == 2
    qtbot.keyClick(preview.view, Qt.Key.Key_PageDown)
    qtbot.keyClick(preview.view, Qt.Key.Key_PageUp)
    assert preview.current_page() == 1
    preview.page_spin.setValue(4)
    assert preview.current_page() == 3
    preview.ask_print = lambda printer: pytest.fail("Enter in the page box printed")
    qtbot.keyClick(preview.page_spin, Qt.Key.Key_Return)
    qtbot.keyClick(preview.view, Qt.Key.Key_PageDown)  # already on the last page
    assert preview.current_page() == 3 and preview.page_spin.value() == 4
    preview.page_spin.setFocus()
    qtbot.keyClick(preview.page_spin, Qt.Key.Key_PageUp)  # also from the page box
    assert preview.current_page() == 2 and preview.page_spin.text() == "Page 3 of 4"


def test_zoom_in_out_and_fit_width_with_the_keyboard(qtbot, open_preview) -> None:  # type: ignore[no-untyped-def]
    preview = open_preview()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    fitted = preview.zoom_factor()
    assert preview.zoom_label.text() == f"{round(fitted * 100)}%"
    qtbot.keyClick(preview.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert preview.view.zoomMode() == QPdfView.ZoomMode.Custom
    bigger = preview.zoom_factor()
    assert bigger > fitted
    qtbot.keyClick(preview.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)  # Ctrl+= too
    assert preview.zoom_factor() > bigger
    qtbot.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert preview.zoom_factor() < bigger
    assert preview.zoom_label.text() == f"{round(preview.zoom_factor() * 100)}%"
    qtbot.keyClick(preview.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    for _ in range(20):
        preview.zoom_out_button.click() if preview.zoom_out_button.isEnabled() else None
    assert preview.zoom_factor() == pytest.approx(0.25) and not preview.zoom_out_button.isEnabled()


def test_every_control_has_a_name_a_screen_reader_can_read(open_preview) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QLineEdit

    preview = open_preview()
    controls = preview.findChildren(QAbstractButton) + preview.findChildren(QLineEdit)
    controls += [*preview.findChildren(QAbstractSpinBox), preview.view]
    unnamed = [c for c in controls if c.isVisibleTo(preview) and not c.accessibleName() and not c.text()]
    assert not [c for c in unnamed if c.parent() is not preview.page_spin], unnamed
    for control in (preview.print_button, preview.save_button, preview.close_button, preview.page_spin):
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus


# -- printing -----------------------------------------------------------------------------------


def test_print_sends_every_page_with_its_text_and_is_audited(open_preview, manager, tmp_path) -> None:  # type: ignore[no-untyped-def]
    preview = open_preview()
    out = tmp_path / "printed.pdf"
    assert print_to(preview, out)
    assert len(PdfReader(out).pages) == len(PAGE_WORDS)
    text = pdf_text(out)
    for word in PAGE_WORDS:
        assert word in text, "the printed pages carry the report's text"
    assert "Margaret Jones" in text
    assert details(manager, "report_printed") == [
        {
            "report": "test_report",
            "redaction": "family",
            "pages": "1-4",
            "page_count": 4,
            "copies": 1,
            "printer": "PDF file",
        }
    ]
    assert preview.message.text() == "Sent to the printer: pages 1-4."


def test_a_page_range_prints_only_those_pages(open_preview, manager, tmp_path) -> None:  # type: ignore[no-untyped-def]
    preview = open_preview()
    out = tmp_path / "pages.pdf"

    def pages_2_to_3(printer: QPrinter) -> None:
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(2, 3)

    assert print_to(preview, out, pages_2_to_3)
    assert len(PdfReader(out).pages) == 2
    text = pdf_text(out)
    assert "Brecon" in text and "Cheviot" in text
    assert "Alderney" not in text and "Dartmoor" not in text
    assert details(manager, "report_printed")[0]["pages"] == "2-3"


def test_copies_are_printed_collated_when_the_printer_cannot_make_them(
    open_preview, manager, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    preview = open_preview()
    out = tmp_path / "copies.pdf"

    def two_copies_of_page_1_and_2(printer: QPrinter) -> None:
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(1, 2)
        printer.setCopyCount(2)
        printer.setCollateCopies(True)

    assert print_to(preview, out, two_copies_of_page_1_and_2)
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert len(pages) == 4
    assert ["Alderney" in p for p in pages] == [True, False, True, False], "collated: 1 2 1 2"
    entry = details(manager, "report_printed")[0]
    assert (entry["copies"], entry["pages"]) == (2, "1-2")
    assert preview.message.text() == "Sent to the printer: pages 1-2, 2 copies."


def test_the_current_page_or_a_range_beyond_the_end(open_preview, manager, tmp_path) -> None:  # type: ignore[no-untyped-def]
    preview = open_preview()
    preview.go_to_page(2)
    current = tmp_path / "current.pdf"
    assert print_to(preview, current, lambda p: p.setPrintRange(QPrinter.PrintRange.CurrentPage))
    assert "Cheviot" in pdf_text(current) and len(PdfReader(current).pages) == 1

    def beyond(printer: QPrinter) -> None:
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(7, 9)

    assert not print_to(preview, tmp_path / "none.pdf", beyond)
    assert "it has 4" in preview.message.text()
    assert not (tmp_path / "none.pdf").exists()
    assert len(audit_entries(manager, action="report_printed")) == 1


def test_cancelling_stops_printing_before_the_next_page(open_preview, tmp_path) -> None:  # type: ignore[no-untyped-def]
    preview = open_preview()
    out = tmp_path / "cancelled.pdf"
    assert print_document(preview.document, pdf_printer(out), [0, 1, 2, 3], lambda done: done < 2) is False
    # A real printer's job is aborted; a PDF file (Qt cannot abort those) stops where it was.
    assert len(PdfReader(out).pages) == 2
    assert describe_pages([0, 1, 2, 4, 6, 7]) == "1-3, 5, 7-8"


def test_closing_the_print_dialog_prints_nothing(open_preview, manager, tmp_path) -> None:  # type: ignore[no-untyped-def]
    preview = open_preview()
    preview.make_printer = lambda: pdf_printer(tmp_path / "never.pdf")
    preview.ask_print = lambda printer: False
    assert not preview.print_report()
    assert not (tmp_path / "never.pdf").exists()
    assert audit_entries(manager, action="report_printed") == []


# -- saving -------------------------------------------------------------------------------------


def test_save_writes_the_pdf_readable_by_its_owner_only(open_preview, manager, tmp_path) -> None:  # type: ignore[no-untyped-def]
    preview = open_preview()
    original = preview.pdf_bytes
    chosen = tmp_path / "chosen" / "face sheet"  # no ".pdf": it is added
    chosen.parent.mkdir()
    preview.ask_save_path = lambda name: (name == "Test report.pdf" or pytest.fail(name)) and str(chosen)
    saved = preview.save_as_pdf()
    assert saved == chosen.with_name("face sheet.pdf")
    assert saved.read_bytes() == original and saved.read_bytes().startswith(b"%PDF")
    if os.name == "posix":
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert [p.name for p in chosen.parent.iterdir()] == ["face sheet.pdf"], "no temporary file left"
    assert details(manager, "report_saved") == [
        {"report": "test_report", "redaction": "family", "protected": False, "file": str(saved)}
    ]
    assert str(saved) in preview.message.text()


def test_save_protected_opens_only_with_the_password(qtbot, open_preview, manager, tmp_path) -> None:  # type: ignore[no-untyped-def]
    preview = open_preview(Redaction.PROFESSIONAL)
    protection = preview.protection
    assert not protection.password.isEnabled()
    protection.protect.setChecked(True)
    assert protection.password.isEnabled()
    asked: list[str] = []
    preview.ask_save_path = lambda name: asked.append(name) or str(tmp_path / "locked.pdf")

    protection.password.setText("short")
    protection.password_again.setText("short")
    assert preview.save_as_pdf() is None
    assert "at least 8 characters" in preview.message.text() and not asked
    protection.password.setText(PASSWORD)
    protection.password_again.setText(PASSWORD + "!")
    assert preview.save_as_pdf() is None
    assert "not the same" in preview.message.text() and not asked
    assert audit_entries(manager, action="report_saved") == []

    protection.password_again.setText(PASSWORD)
    preview.ask_print = lambda printer: pytest.fail("Enter in a password field printed")
    qtbot.keyClick(protection.password_again, Qt.Key.Key_Return)  # Enter saves
    saved = tmp_path / "locked.pdf"
    assert asked == ["Test report.pdf"] and saved.exists()
    data = saved.read_bytes()
    assert data.startswith(b"%PDF") and b"Alderney" not in data
    if os.name == "posix":
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    reader = PdfReader(saved)
    assert reader.is_encrypted
    assert reader.decrypt("not the password") == PasswordType.NOT_DECRYPTED
    reader = PdfReader(saved)
    assert reader.decrypt(PASSWORD) != PasswordType.NOT_DECRYPTED
    assert len(reader.pages) == 4 and "Dartmoor" in reader.pages[3].extract_text()
    entry = details(manager, "report_saved")[0]
    assert (entry["redaction"], entry["protected"]) == ("professional", True)
    assert not protection.protect.isChecked() and protection.password.text() == "", "forgotten after saving"


def test_no_copy_of_the_report_is_left_in_temporary_or_home_folders(  # type: ignore[no-untyped-def]
    qtbot, manager, peggy, carelink_dirs, tmp_path, monkeypatch
) -> None:
    # Temporary files (Python's and Qt's) and anything under the user's home go into folders of
    # this test's own, so other programs writing to /tmp at the same time cannot confuse it.
    for name in ("tmp", "user"):
        (tmp_path / name).mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.setattr(tempfile, "tempdir", None)
    temp = Path(tempfile.gettempdir())
    assert temp == tmp_path / "tmp"
    watched = [temp, carelink_dirs["home"], tmp_path / "user"]

    def files() -> set[Path]:
        return {p for folder in watched for p in folder.rglob("*") if p.is_file()}

    before = files()
    preview = ReportPreview(
        manager, make_pdf(), report="test_report", redaction=Redaction.INTERNAL, resident_id=peggy.id
    )
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitExposed(preview)
    preview.go_to_page(3)
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    assert print_to(preview, chosen / "printed.pdf")
    preview.ask_save_path = lambda name: str(chosen / "saved.pdf")
    assert preview.save_as_pdf() is not None
    preview.protection.protect.setChecked(True)
    preview.protection.password.setText(PASSWORD)
    preview.protection.password_again.setText(PASSWORD)
    preview.ask_save_path = lambda name: str(chosen / "protected.pdf")
    assert preview.save_as_pdf() is not None
    preview.close_button.setFocus()
    qtbot.keyClick(preview.close_button, Qt.Key.Key_Return)  # Enter presses the focused button
    assert not preview.isVisible()
    QApplication.processEvents()

    new = files() - before
    assert not new, f"left behind: {sorted(map(str, new))}"
    reports = [p for p in files() if p.suffix.lower() in {".pdf", ".png", ".ps"}]
    assert not reports
    assert sorted(p.name for p in chosen.iterdir()) == ["printed.pdf", "protected.pdf", "saved.pdf"]
    assert preview.pdf_bytes == b"", "closing lets go of the report"


# -- options ------------------------------------------------------------------------------------


def test_the_options_start_on_internal_and_the_homes_paper(qtbot, manager, created_home, state_dir) -> None:  # type: ignore[no-untyped-def]
    from carelink_desktop.services.access import unlock
    from tests.conftest import FAST_KDF

    dialog = ReportOptionsDialog(manager)
    qtbot.addWidget(dialog)
    assert dialog.chosen() == (Redaction.INTERNAL, "A4")
    labels = [b.text() for b in dialog.redaction_box.findChildren(QRadioButton)]
    assert labels == [r.label for r in Redaction]
    assert all(b.accessibleName() for b in dialog.findChildren(QRadioButton))
    dialog.redaction_buttons[Redaction.FAMILY].click()
    dialog.paper_buttons["Letter"].click()
    assert dialog.chosen() == (Redaction.FAMILY, "Letter")

    change_home_settings(manager, paper_size="Letter")
    accounts.add_account(
        manager,
        username="kw",
        full_name="Kay Williams",
        role=Role.KEYWORKER,
        initial_password="keyworker pw 1",
    )
    keyworker = unlock(created_home[0], "kw", "keyworker pw 1", state_dir=state_dir, kdf=FAST_KDF)
    try:
        dialog = ReportOptionsDialog(keyworker)
        qtbot.addWidget(dialog)
        assert dialog.chosen() == (Redaction.INTERNAL, "Letter")
    finally:
        keyworker.close()


def test_print_face_sheet_goes_from_options_to_an_open_preview(qtbot, manager, peggy, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("carelink_desktop.reports.face_sheet")
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    assert report_actions.print_face_sheet(manager, peggy.id, parent, ask_options=lambda ws, p: None) is None
    assert audit_entries(manager, action="report_previewed") == []
    preview = report_actions.print_face_sheet(
        manager, peggy.id, parent, ask_options=lambda ws, p: (Redaction.FAMILY, "Letter")
    )
    assert preview is not None and preview.isVisible()
    assert preview.redaction is Redaction.FAMILY
    size = preview.document.pagePointSize(0)
    assert (round(size.width()), round(size.height())) == (612, 792), "Letter paper"
    entry = audit_entries(manager, action="report_previewed")[0]
    assert entry.resident_id == peggy.id
    assert json.loads(entry.details)["report"] == "face_sheet"
    preview.close()


# -- the resident record's button ---------------------------------------------------------------


@pytest.fixture
def record(qtbot, manager):  # type: ignore[no-untyped-def]
    from carelink_desktop.ui.events import ChangeSignals
    from carelink_desktop.ui.pages import Navigator, ShellContext
    from carelink_desktop.ui.resident_record import ResidentRecordView

    ctx = ShellContext(
        ws=manager, changes=ChangeSignals(manager.events), navigator=Navigator(), home_name=HOME_NAME
    )
    view = ResidentRecordView(ctx)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    yield view
    ctx.changes.detach()


def test_the_record_offers_print_face_sheet_once_saved(qtbot, record, peggy, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls: list[tuple[object, str, object]] = []
    monkeypatch.setattr(
        report_actions, "print_face_sheet", lambda ctx, rid, parent: calls.append((ctx, rid, parent))
    )
    assert record.print_button.isHidden(), "a new resident has nothing to print yet"
    record.load(peggy.id)
    assert record.print_button.isVisible() and record.print_button.text() == "Print face sheet…"
    assert record.print_button.accessibleName() == "Print face sheet"
    qtbot.mouseClick(record.print_button, Qt.MouseButton.LeftButton)
    assert calls == [(record.ctx, peggy.id, record)]
    record.activateWindow()
    qtbot.waitUntil(record.isActiveWindow, timeout=2000)
    qtbot.keyClick(record.form.fields["room"], Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(calls) == 2, "Ctrl+P"
    record.form.fields["room"].setText("9")  # type: ignore[attr-defined]
    record.print_button.click()
    assert len(calls) == 2 and "Save or discard your changes" in record.message.message()


def test_print_face_sheet_from_the_record_previews_and_prints_it(  # type: ignore[no-untyped-def]
    qtbot, record, manager, peggy, monkeypatch, tmp_path
) -> None:
    pytest.importorskip("carelink_desktop.reports.face_sheet")
    asked: list[str] = []

    def choose(ws, parent, title=""):  # type: ignore[no-untyped-def]
        asked.append(title)
        return Redaction.FAMILY, "A4"

    monkeypatch.setattr(report_actions, "ask_report_options", choose)
    record.load(peggy.id)
    qtbot.mouseClick(record.print_button, Qt.MouseButton.LeftButton)
    assert asked == ["Print face sheet"]
    preview = record.findChild(ReportPreview)
    assert preview is not None and preview.isVisible()
    assert preview.redaction_label.text().startswith("Redaction: For the family")
    out = tmp_path / "face-sheet.pdf"
    assert print_to(preview, out)
    text = pdf_text(out)
    assert "Jones" in text and "CONFIDENTIAL" in text
    actions = [e.action for e in audit_entries(manager, resident_id=peggy.id)]
    assert actions[:2] == ["report_printed", "report_previewed"]
    preview.close_button.click()
    qtbot.waitUntil(lambda: record.findChild(ReportPreview) is None, timeout=2000)


def test_locking_the_pc_takes_the_preview_away(qtbot, manager, peggy, home, state_dir) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication, QEvent

    from carelink_desktop.services.access import unlock
    from carelink_desktop.ui.session import Session
    from tests.conftest import FAST_KDF, MANAGER, MANAGER_PASSWORD

    session = Session(lambda u, p: unlock(home, u, p, state_dir=state_dir, kdf=FAST_KDF), title="CareLink")
    window = session.start(unlock(home, MANAGER, MANAGER_PASSWORD, state_dir=state_dir, kdf=FAST_KDF))
    try:
        window.ctx.navigator.open_resident.emit(peggy.id)
        record = window.page("residents").record
        preview = ReportPreview(
            window.ctx.ws, make_pdf(), report="test_report", redaction=Redaction.INTERNAL,
            resident_id=peggy.id, parent=record,
        )  # fmt: skip
        preview.open()
        assert preview.isVisible()
        session.lock()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()
        assert not [
            w for w in QApplication.topLevelWidgets() if isinstance(w, ReportPreview) and w.isVisible()
        ]
    finally:
        if session.login is not None:
            session.login.close()
        session.quit()


# -- screenshots --------------------------------------------------------------------------------


def test_screenshots_of_the_options_and_the_preview(qtbot, home, state_dir) -> None:  # type: ignore[no-untyped-def]
    """Saved in screenshots/ (git-ignored) for people to look at."""
    from carelink_desktop.services.access import unlock
    from carelink_desktop.services.residents import find_residents
    from carelink_desktop.synthetic.demo_home import create_demo_home
    from tests.conftest import FAST_KDF

    face_sheet = pytest.importorskip("carelink_desktop.reports.face_sheet")
    from carelink_desktop.reports.pdf import render_pdf

    ws, _summary = create_demo_home(home, "demo-home", kdf=FAST_KDF)
    ws.close()
    ws = unlock(home, "demo", "demo-home", state_dir=state_dir, kdf=FAST_KDF)
    try:
        SCREENSHOTS.mkdir(exist_ok=True)
        options = ReportOptionsDialog(ws, title="Print face sheet")
        qtbot.addWidget(options)
        options.show()
        qtbot.waitExposed(options)
        _shot(options, "report_options")

        someone = find_residents(ws)[2]
        pdf = render_pdf(face_sheet.build_face_sheet(ws, someone.id, Redaction.FAMILY))
        preview = ReportPreview(
            ws, pdf, report="face_sheet", redaction=Redaction.FAMILY, resident_id=someone.id
        )
        qtbot.addWidget(preview)
        preview.resize(1366, 768)
        preview.show()
        qtbot.waitExposed(preview)
        _wait_for_ink(qtbot, preview)
        _shot(preview, "report_preview")
        preview.protection.protect.setChecked(True)
        preview.print_report = lambda: True  # type: ignore[method-assign]
        preview._say("Sent to the printer: pages 1-2.")
        preview.zoom_in()
        preview.go_to_page(preview.page_count() - 1)
        _wait_for_ink(qtbot, preview)
        _shot(preview, "report_preview_zoomed")
        preview.close()

        from carelink_desktop.ui.events import ChangeSignals
        from carelink_desktop.ui.pages import Navigator, ShellContext
        from carelink_desktop.ui.resident_record import ResidentRecordView

        ctx = ShellContext(ws=ws, changes=ChangeSignals(ws.events), navigator=Navigator(), home_name="Demo")
        view = ResidentRecordView(ctx)
        qtbot.addWidget(view)
        view.resize(1366, 768)
        view.load(someone.id)
        view.show()
        qtbot.waitExposed(view)
        _shot(view, "report_resident_record_button")
        ctx.changes.detach()
    finally:
        ws.close()


def _wait_for_ink(qtbot, preview: ReportPreview) -> None:  # type: ignore[no-untyped-def]
    """QPdfView draws pages in the background: wait until the middle of the view has some."""

    def inked() -> bool:
        image = preview.view.viewport().grab().toImage()
        band = [image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(60, 400, 7)]
        return len(set(band)) > 3

    qtbot.waitUntil(inked, timeout=5000)


def _shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    QApplication.processEvents()
    image = widget.grab().toImage()
    assert image.save(str(SCREENSHOTS / f"{name}.png"))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)}
    assert len(colours) > 3, f"{name} looks blank"


def test_the_print_dialog_offers_copies_and_a_page_range(open_preview, manager, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrintDialog

    preview = open_preview()
    seen: list[tuple] = []

    def cancel(dialog: QPrintDialog) -> int:  # what the person sees, then Cancel
        printer = dialog.printer()
        options = ("PrintPageRange", "PrintCollateCopies", "PrintCurrentPage")
        offered = all(dialog.testOption(getattr(QPrintDialog.PrintDialogOption, o)) for o in options)
        offered = offered and not dialog.testOption(QPrintDialog.PrintDialogOption.PrintToFile)
        seen.append((dialog.minPage(), dialog.maxPage(), offered, printer.docName()))
        return 0

    preview.make_printer = lambda: pdf_printer(tmp_path / "never.pdf")
    preview.run_dialog = cancel
    assert not preview.print_report()
    # The job's name is what print queues show to others: the report's title, never a name.
    assert seen == [(1, 4, True, "Test report")]
    assert not (tmp_path / "never.pdf").exists()
    assert audit_entries(manager, action="report_printed") == []


def test_a_face_sheet_that_cannot_be_made_says_why(qtbot, manager) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("carelink_desktop.reports.face_sheet")
    from PySide6.QtWidgets import QMessageBox, QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    boxes: list[QMessageBox] = []
    made = report_actions.print_face_sheet(
        manager,
        "no-such-resident",
        parent,
        ask_options=lambda ws, p: (Redaction.INTERNAL, "A4"),
        run_dialog=lambda box: boxes.append(box) or 0,  # type: ignore[arg-type,func-returns-value]
    )
    assert made is None
    assert [b.windowTitle() for b in boxes] == ["Face sheet not printed"]
    assert boxes[0].text()
    assert audit_entries(manager, action="report_previewed") == []
