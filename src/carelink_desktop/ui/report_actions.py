"""What the app does with reports: build one and preview it (the face sheet, the relationship
profile), print a PDF's pages through Qt, encrypt a copy for saving. Nothing here writes a
temporary file.

Printing draws each page as QtPdf renders it (PDFium draws pictures, not text) at the printer's
resolution, capped at ``MAX_PRINT_DPI``, and lays each line's text over it invisibly where the
PDF has it, so a print to a PDF file can still be searched, copied and read aloud.
"""

from __future__ import annotations

import io
import re
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, QSize, QStandardPaths, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QProgressDialog, QWidget

from carelink_desktop.domain.errors import CareLinkError
from carelink_desktop.domain.shifts import Shift
from carelink_desktop.reports.document import Redaction, ReportDocument
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.change_password_dialog import DialogRunner, message_box, run_modal
from carelink_desktop.ui.pages import ShellContext

if TYPE_CHECKING:
    from carelink_desktop.ui.report_preview import ReportPreview

#: A4 at 300 dpi is 35 MB a page as a picture; at a laser printer's 1200 dpi it would be 560 MB.
MAX_PRINT_DPI = 300
#: The font of the invisible text layer (shipped in resources/fonts; any font will do).
TEXT_LAYER_FONT = "DejaVu Sans"

#: Asks how a report should be made: (redaction, paper), or None when the person cancels.
OptionsAsker = Callable[[Workspace, QWidget | None], "tuple[Redaction, str] | None"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("report_actions", text)


# -- a resident's report: options, build, preview ---------------------------------------------


def ask_report_options(
    ws: Workspace,
    parent: QWidget | None,
    title: str = "",
    redactions: Sequence[Redaction] = tuple(Redaction),
) -> tuple[Redaction, str] | None:
    """Show the options dialog; the redaction and paper chosen, or None."""
    from carelink_desktop.ui.report_options import ReportOptionsDialog

    dialog = ReportOptionsDialog(ws, title=title, redactions=redactions, parent=parent)
    try:
        if run_modal(dialog) != QDialog.DialogCode.Accepted.value:
            return None
        return dialog.chosen()
    finally:
        dialog.deleteLater()


@dataclass(frozen=True)
class ResidentReport:
    """One kind of report about a resident, as the app offers it."""

    #: The name the audit log records ("face_sheet").
    name: str
    #: Builds the document: (workspace, resident id, redaction) -> ReportDocument.
    build: Callable[[Workspace, str, Redaction], ReportDocument]
    #: Untranslated words for the options dialog, the progress window and a failure.
    options_title: str
    preparing: str
    failed_title: str
    #: The redactions offered, when not all of them.
    redactions: tuple[Redaction, ...] | None = None
    #: What the audit log says the report is about when it is one record of the resident's
    #: ("carer_plan", with ``subject_id``), not the resident.
    subject_type: str = "resident"


def print_resident_report(
    kind: ResidentReport,
    ctx_or_ws: ShellContext | Workspace,
    resident_id: str,
    parent: QWidget | None,
    *,
    ask_options: OptionsAsker | None = None,
    run_dialog: DialogRunner = run_modal,
    subject_id: str | None = None,
) -> ReportPreview | None:
    """Options, then the report built and rendered off the GUI thread, then its preview
    (opened, returning at once; the preview audits it, about ``subject_id`` when given). None
    when the person cancels or it cannot be made (said why)."""
    from carelink_desktop.reports.pdf import render_pdf
    from carelink_desktop.ui.busy import run_with_progress
    from carelink_desktop.ui.report_preview import ReportPreview

    ws = ctx_or_ws.ws if isinstance(ctx_or_ws, ShellContext) else ctx_or_ws
    if ask_options is None:
        title = _tr(kind.options_title)
        if kind.redactions is None:
            options = ask_report_options(ws, parent, title)
        else:
            options = ask_report_options(ws, parent, title, redactions=kind.redactions)
    else:
        options = ask_options(ws, parent)
    if options is None:
        return None
    redaction, paper = options
    try:
        pdf = run_with_progress(
            parent,
            _tr(kind.preparing),
            lambda: render_pdf(kind.build(ws, resident_id, redaction), paper=paper),
        )
        preview = ReportPreview(
            ws,
            pdf,
            report=kind.name,
            redaction=redaction,
            resident_id=resident_id,
            subject_type=kind.subject_type,
            subject_id=subject_id,
            parent=parent,
        )
    except CareLinkError as exc:
        run_dialog(message_box(parent, QMessageBox.Icon.Warning, _tr(kind.failed_title), str(exc)))
        return None
    preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    preview.open()
    return preview


def _build_face_sheet(ws: Workspace, resident_id: str, redaction: Redaction) -> ReportDocument:
    from carelink_desktop.reports.face_sheet import build_face_sheet

    return build_face_sheet(ws, resident_id, redaction)


def _build_relationship_profile(ws: Workspace, resident_id: str, redaction: Redaction) -> ReportDocument:
    from carelink_desktop.reports.relationship_profile import build_relationship_profile

    return build_relationship_profile(ws, resident_id, redaction)


FACE_SHEET = ResidentReport(
    name="face_sheet",
    build=_build_face_sheet,
    options_title=str(QT_TRANSLATE_NOOP("report_actions", "Print face sheet")),
    preparing=str(QT_TRANSLATE_NOOP("report_actions", "Preparing the face sheet…")),
    failed_title=str(QT_TRANSLATE_NOOP("report_actions", "Face sheet not printed")),
)
RELATIONSHIP_PROFILE = ResidentReport(
    name="relationship_profile",  # reports.relationship_profile.KIND (not imported: ReportLab)
    build=_build_relationship_profile,
    options_title=str(QT_TRANSLATE_NOOP("report_actions", "Print relationship profile")),
    preparing=str(QT_TRANSLATE_NOOP("report_actions", "Preparing the relationship profile…")),
    failed_title=str(QT_TRANSLATE_NOOP("report_actions", "Relationship profile not printed")),
    redactions=(Redaction.INTERNAL, Redaction.FAMILY, Redaction.PROFESSIONAL),
)


#: The face sheet: options, build, preview (``print_resident_report`` without its first argument).
print_face_sheet = partial(print_resident_report, FACE_SHEET)
#: The relationship profile: options, build, preview (likewise).
print_relationship_profile = partial(print_resident_report, RELATIONSHIP_PROFILE)


# -- a carer support plan and its reviews: resident reports about one of the resident's plans ---


def _for_one_plan(ws: Workspace, resident_id: str, redaction: Redaction) -> ReportDocument:
    raise CareLinkError("A carer support plan is printed with print_carer_plan or print_plan_review.")


_PLAN_REDACTIONS = (Redaction.INTERNAL, Redaction.FAMILY, Redaction.PROFESSIONAL)
#: ``build`` is made for each plan (or review) by ``print_carer_plan`` (``print_plan_review``).
CARER_PLAN = ResidentReport(
    name="carer_plan",  # reports.carer_plan_report.KIND (not imported: ReportLab)
    build=_for_one_plan,
    options_title=str(QT_TRANSLATE_NOOP("report_actions", "Print carer support plan")),
    preparing=str(QT_TRANSLATE_NOOP("report_actions", "Preparing the carer support plan…")),
    failed_title=str(QT_TRANSLATE_NOOP("report_actions", "Carer support plan not printed")),
    redactions=_PLAN_REDACTIONS,
    subject_type="carer_plan",
)
PLAN_REVIEW = ResidentReport(
    name="carer_plan_review",  # reports.carer_plan_report.REVIEW_KIND
    build=_for_one_plan,
    options_title=str(QT_TRANSLATE_NOOP("report_actions", "Print carer plan review")),
    preparing=str(QT_TRANSLATE_NOOP("report_actions", "Preparing the review…")),
    failed_title=str(QT_TRANSLATE_NOOP("report_actions", "Review not printed")),
    redactions=_PLAN_REDACTIONS,
    subject_type="carer_plan_review",
)


def _print_plan_report(
    kind: ResidentReport,
    ctx_or_ws: ShellContext | Workspace,
    parent: QWidget | None,
    *,
    plan_id: str,
    subject_id: str,
    ask_options: OptionsAsker | None,
    run_dialog: DialogRunner,
) -> ReportPreview | None:
    """``print_resident_report`` for a report on one plan: the plan is looked up for its
    resident (the report is audited against them, about ``subject_id``)."""
    from carelink_desktop.services.carer_plans import plan

    ws = ctx_or_ws.ws if isinstance(ctx_or_ws, ShellContext) else ctx_or_ws
    try:
        resident_id = plan(ws, plan_id).resident_id
    except CareLinkError as exc:
        run_dialog(message_box(parent, QMessageBox.Icon.Warning, _tr(kind.failed_title), str(exc)))
        return None
    return print_resident_report(
        kind,
        ctx_or_ws,
        resident_id,
        parent,
        ask_options=ask_options,
        run_dialog=run_dialog,
        subject_id=subject_id,
    )


def print_carer_plan(
    ctx_or_ws: ShellContext | Workspace,
    plan_id: str,
    parent: QWidget | None,
    *,
    ask_options: OptionsAsker | None = None,
    run_dialog: DialogRunner = run_modal,
) -> ReportPreview | None:
    """A carer support plan, written for the carer: options, build, preview."""

    def build(ws: Workspace, _resident_id: str, redaction: Redaction) -> ReportDocument:
        from carelink_desktop.reports.carer_plan_report import build_carer_plan

        return build_carer_plan(ws, plan_id, redaction)

    kind = replace(CARER_PLAN, build=build)
    return _print_plan_report(
        kind,
        ctx_or_ws,
        parent,
        plan_id=plan_id,
        subject_id=plan_id,
        ask_options=ask_options,
        run_dialog=run_dialog,
    )


def print_plan_review(
    ctx_or_ws: ShellContext | Workspace,
    plan_id: str,
    review_id: str,
    parent: QWidget | None,
    *,
    ask_options: OptionsAsker | None = None,
    run_dialog: DialogRunner = run_modal,
) -> ReportPreview | None:
    """One review of a carer support plan: options, build, preview."""

    def build(ws: Workspace, _resident_id: str, redaction: Redaction) -> ReportDocument:
        from carelink_desktop.reports.carer_plan_report import build_plan_review

        return build_plan_review(ws, plan_id, review_id, redaction)

    kind = replace(PLAN_REVIEW, build=build)
    return _print_plan_report(
        kind,
        ctx_or_ws,
        parent,
        plan_id=plan_id,
        subject_id=review_id,
        ask_options=ask_options,
        run_dialog=run_dialog,
    )


# -- contact: the shift visit summary and a resident's visit history ---------------------------

#: The report names the audit log records (reports.shift_summary_report.KIND and
#: reports.visit_history_report.KIND; not imported here: ReportLab).
SHIFT_SUMMARY = "shift_summary"


def _for_one_period(ws: Workspace, resident_id: str, redaction: Redaction) -> ReportDocument:
    raise CareLinkError("A visit history is printed with print_visit_history, for a period.")


VISIT_HISTORY = ResidentReport(
    name="visit_history",
    build=_for_one_period,  # made for each period by print_visit_history
    options_title=str(QT_TRANSLATE_NOOP("report_actions", "Print visit history")),
    preparing=str(QT_TRANSLATE_NOOP("report_actions", "Preparing the visit history…")),
    failed_title=str(QT_TRANSLATE_NOOP("report_actions", "Visit history not printed")),
    redactions=(Redaction.INTERNAL, Redaction.FAMILY, Redaction.PROFESSIONAL),
)


def print_shift_summary(
    parent: QWidget | None,
    ctx: ShellContext | Workspace,
    day: date,
    shift: Shift,
    *,
    run_dialog: DialogRunner = run_modal,
) -> None:
    """The shift visit summary of ``shift`` on ``day``, built and rendered off the GUI thread on
    the home's paper, then its preview (opened, returning at once; the preview audits it). It is
    always the internal copy, so no options are asked. A role that may not print it, or any
    other failure, is said in a message box."""
    from carelink_desktop.ui.busy import run_with_progress
    from carelink_desktop.ui.report_preview import ReportPreview

    ws = ctx.ws if isinstance(ctx, ShellContext) else ctx

    def make() -> bytes:
        from carelink_desktop.reports.pdf import render_pdf
        from carelink_desktop.reports.shift_summary_report import build_shift_summary
        from carelink_desktop.services.home_settings import home_settings

        document = build_shift_summary(ws, day, shift)
        return render_pdf(document, paper=home_settings(ws).paper_size)

    try:
        pdf = run_with_progress(parent, _tr("Preparing the shift visit summary…"), make)
        preview = ReportPreview(
            ws,
            pdf,
            report=SHIFT_SUMMARY,
            redaction=Redaction.INTERNAL,
            resident_id=None,
            subject_type=SHIFT_SUMMARY,
            subject_id=f"{day.isoformat()} {shift.value}",
            parent=parent,
        )
    except CareLinkError as exc:
        title = _tr("Shift visit summary not printed")
        run_dialog(message_box(parent, QMessageBox.Icon.Warning, title, str(exc)))
        return
    preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    preview.open()


def print_visit_history(
    parent: QWidget | None,
    ctx: ShellContext | Workspace,
    resident_id: str,
    start: date,
    end: date,
    *,
    ask_options: OptionsAsker | None = None,
    run_dialog: DialogRunner = run_modal,
) -> None:
    """A resident's visit history from ``start`` to ``end``: options (internal, family or
    professional copy; paper), build, preview (opened, returning at once; audited)."""

    def build(ws: Workspace, resident: str, redaction: Redaction) -> ReportDocument:
        from carelink_desktop.reports.visit_history_report import build_visit_history

        return build_visit_history(ws, resident, start, end, redaction)

    print_resident_report(
        replace(VISIT_HISTORY, build=build),
        ctx,
        resident_id,
        parent,
        ask_options=ask_options,
        run_dialog=run_dialog,
    )


# -- printing ----------------------------------------------------------------------------------


def new_printer() -> QPrinter:
    return QPrinter(QPrinter.PrinterMode.HighResolution)


def ask_print(
    printer: QPrinter, parent: QWidget | None, page_count: int, title: str, run_dialog: DialogRunner
) -> bool:
    """The print dialog (printer, copies, page range, paper): True when the person chose Print.

    Not "print to file": a copy on disk is made with Save as PDF…, which can add a password and
    keeps the file private to its owner."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_tr("Print {title}").format(title=title))
    dialog.setMinMax(1, page_count)
    for option in (
        QPrintDialog.PrintDialogOption.PrintPageRange,
        QPrintDialog.PrintDialogOption.PrintCurrentPage,
        QPrintDialog.PrintDialogOption.PrintCollateCopies,
        QPrintDialog.PrintDialogOption.PrintShowPageSize,
    ):
        dialog.setOption(option, True)
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, False)
    try:
        return run_dialog(dialog) == QDialog.DialogCode.Accepted.value
    finally:
        shiboken6.delete(dialog)  # now, while the printer it points to is still there


def ask_save_path(parent: QWidget | None, file_name: str) -> str | None:
    """Where to save a PDF (the file dialog starts in Documents), or None."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _filter = QFileDialog.getSaveFileName(
        parent, _tr("Save the report as a PDF"), str(Path(folder) / file_name), _tr("PDF files (*.pdf)")
    )
    return path or None


def pages_to_print(printer: QPrinter, page_count: int, current_page: int) -> list[int]:
    """The pages (0 is the first) the print dialog asked for, in order."""
    chosen = printer.printRange()
    if chosen == QPrinter.PrintRange.CurrentPage:
        return [current_page]
    if chosen == QPrinter.PrintRange.PageRange:
        ranges = printer.pageRanges()
        if not ranges.isEmpty():
            return [n - 1 for n in range(1, page_count + 1) if ranges.contains(n)]
    return list(range(page_count))


def describe_pages(pages: Sequence[int]) -> str:
    """Pages (0-based) as people number them: [0, 1, 2, 4] -> "1-3, 5"."""
    runs: list[list[int]] = []
    for page in sorted(set(pages)):
        if runs and page == runs[-1][1] + 1:
            runs[-1][1] = page
        else:
            runs.append([page, page])
    return ", ".join(f"{a + 1}" if a == b else f"{a + 1}-{b + 1}" for a, b in runs)


def print_order(printer: QPrinter, pages: Sequence[int]) -> list[int]:
    """Every sheet to draw: copies repeated here when the printer cannot make them itself
    (printing to a PDF file, some drivers), collated if asked (1 2 3 1 2 3, else 1 1 2 2 3 3)."""
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if printer.collateCopies():
        return [page for _copy in range(copies) for page in pages]
    return [page for page in pages for _copy in range(copies)]


def print_document(
    document: QPdfDocument, printer: QPrinter, sheets: Sequence[int], step: Callable[[int], bool]
) -> bool | None:
    """Draw ``sheets`` (page numbers from 0, repeats allowed) on ``printer``, each page scaled to
    fit the paper. ``step(done)`` is called before each page and at the end; it returns False to
    cancel. True when all were sent, False when cancelled, None when the printer cannot be used."""
    painter = QPainter()
    if not painter.begin(printer):
        return None
    try:
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        grey = printer.colorMode() == QPrinter.ColorMode.GrayScale
        for done, page in enumerate(sheets):
            if not step(done):
                printer.abort()
                return False
            if done and not printer.newPage():
                return None
            size = document.pagePointSize(page)
            scale = min(paper.width() / size.width(), paper.height() / size.height())
            target = QRectF(0, 0, size.width() * scale, size.height() * scale)
            target.moveCenter(paper.center())
            image = document.render(
                page, QSize(round(size.width() * dpi / 72), round(size.height() * dpi / 72))
            )
            if grey:
                image = image.convertToFormat(QImage.Format.Format_Grayscale8)
            painter.drawImage(target, image)
            draw_text_layer(painter, document, page, target, scale)
        step(len(sheets))
    finally:
        painter.end()
    return True


def print_with_progress(
    parent: QWidget | None, document: QPdfDocument, printer: QPrinter, sheets: Sequence[int], text: str
) -> bool | None:
    """print_document with a progress window (Cancel stops after the page being drawn)."""
    progress = QProgressDialog(text, _tr("Cancel"), 0, len(sheets), parent)
    progress.setWindowTitle(_tr("Printing"))
    progress.setAccessibleName(text)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)

    def step(done: int) -> bool:
        progress.setValue(done)
        QCoreApplication.processEvents()
        return not progress.wasCanceled()

    try:
        return print_document(document, printer, sheets, step)
    finally:
        progress.reset()
        progress.deleteLater()


def draw_text_layer(
    painter: QPainter, document: QPdfDocument, page: int, target: QRectF, scale: float
) -> None:
    """Each line of the page's text, invisible, over where the picture shows it."""
    text = document.getAllText(page).text()
    painter.save()
    painter.setPen(QColor(0, 0, 0, 0))
    font = QFont(TEXT_LAYER_FONT)
    for line in re.finditer(r"[^\r\n]+", text):
        if not line.group().strip():
            continue
        box = document.getSelectionAtIndex(page, line.start(), len(line.group())).boundingRectangle()
        if box.isEmpty():
            continue
        font.setPixelSize(max(1, round(box.height() * scale * 0.8)))
        metrics = QFontMetricsF(font, painter.device())
        width = metrics.horizontalAdvance(line.group())
        painter.save()
        painter.setFont(font)
        painter.translate(
            target.left() + box.left() * scale, target.top() + box.bottom() * scale - metrics.descent()
        )
        if width > 0:
            painter.scale(box.width() * scale / width, 1.0)
        painter.drawText(QPointF(0, 0), line.group())
        painter.restore()
    painter.restore()


# -- saving ------------------------------------------------------------------------------------


def encrypt_pdf(pdf: bytes, password: str) -> bytes:
    """The PDF encrypted with AES-256, opening only with ``password``; made in memory.

    The owner password (which lifts restrictions) is random and thrown away: none are set, so
    the password the person chose is all anyone needs, and all anyone gets."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=password, owner_password=secrets.token_urlsafe(32), algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
