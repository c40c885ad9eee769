"""A report's PDF shown inside the app, printed and saved without any temporary file.

The PDF stays in memory: QtPdf reads it from a QBuffer; printing draws the pages QtPdf renders
onto the printer (see ``report_actions``); a saved copy, encrypted with a password if asked,
goes straight to the folder the person chose, readable by its owner only. Every preview, print
and save is audited *before* anything leaves the app, so the audit log may list a print that
was then cancelled, but never misses one that happened.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QObject, QPointF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QPageSize, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from carelink_desktop.domain.errors import CareLinkError
from carelink_desktop.reports.document import Redaction
from carelink_desktop.services.report_log import ReportAction, record_report_output
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.storage.atomic import write_atomically
from carelink_desktop.ui.change_password_dialog import DialogRunner, run_modal
from carelink_desktop.ui.report_actions import (
    ask_print,
    ask_save_path,
    describe_pages,
    encrypt_pdf,
    new_printer,
    pages_to_print,
    print_order,
    print_with_progress,
)
from carelink_desktop.ui.report_options import PasswordProtection
from carelink_desktop.ui.widgets import PROBLEM_STYLE

#: Zoom factors the zoom buttons step through (1.0: the page at its real size on screen).
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
REDACTION_STYLE = "background: #e8f0fb; color: #0b2a4a; border: 1px solid #6f8fb5; padding: 6px;"


class ReportPreview(QDialog):
    """The pages of one report, with zoom, page navigation, Print…, Save as PDF… and Close.

    ``make_printer``, ``ask_print`` (shows the print dialog: True to print), ``ask_save_path``
    (the file chosen, or None) and ``run_dialog`` are attributes so tests can replace them.
    """

    def __init__(
        self,
        ws: Workspace,
        pdf_bytes: bytes,
        *,
        report: str,
        redaction: Redaction,
        resident_id: str | None,
        subject_type: str = "resident",
        subject_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.pdf_bytes = pdf_bytes
        self.report = report
        self.redaction = Redaction(redaction)
        self.resident_id = resident_id
        self.subject_type = subject_type
        self.subject_id = subject_id
        self.make_printer: Callable[[], QPrinter] = new_printer
        self.ask_print: Callable[[QPrinter], bool] = self._ask_print
        self.ask_save_path: Callable[[str], str | None] = self._ask_save_path
        self.run_dialog: DialogRunner = run_modal

        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf_bytes))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        if self.document.status() != QPdfDocument.Status.Ready or self.document.pageCount() < 1:
            raise CareLinkError("The report could not be shown: its PDF is damaged.")
        title = str(self.document.metaData(QPdfDocument.MetaDataField.Title) or "")
        self.title = title or report.replace("_", " ").capitalize()
        self._audit(ReportAction.PREVIEWED, {"pages": self.page_count()})

        self.setWindowTitle(self.tr("Preview: {title}").format(title=self.title))
        self.redaction_label = QLabel(self.tr("Redaction: {label}").format(label=self.redaction.label))
        self.redaction_label.setWordWrap(True)
        self.redaction_label.setStyleSheet(REDACTION_STYLE)
        self.redaction_label.setAccessibleName(self.redaction_label.text())

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(self.tr("Pages of the report"))
        self.view.setAccessibleDescription(self.tr("Page Up and Page Down move between pages"))
        self.navigator = self.view.pageNavigator()
        self.navigator.currentPageChanged.connect(self._page_changed)
        self.view.viewport().installEventFilter(self)  # "fit width" changes as the window does
        self._build_controls()
        self._build_layout()
        self._show_zoom()
        self.resize(self._initial_size())

    # -- building -----------------------------------------------------------------------------

    def _button(self, text: str, name: str, tip: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)  # no default button: see keyPressEvent
        button.setAccessibleName(name)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _build_controls(self) -> None:
        self.zoom_out_button = self._button(
            "−", self.tr("Zoom out"), self.tr("Zoom out (Ctrl+-)"), self.zoom_out
        )
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("400%") + 8)
        self.zoom_in_button = self._button("+", self.tr("Zoom in"), self.tr("Zoom in (Ctrl++)"), self.zoom_in)
        for button in (self.zoom_out_button, self.zoom_in_button):
            button.setFixedWidth(self.fontMetrics().height() * 3)
        self.fit_button = self._button(
            self.tr("Fit &width"),
            self.tr("Fit width"),
            self.tr("Fit the page to the window (Ctrl+0)"),
            self.fit_width,
        )
        self.page_spin = QSpinBox()
        self.page_spin.setRange(1, self.page_count())
        self.page_spin.setPrefix(self.tr("Page "))
        self.page_spin.setSuffix(self.tr(" of {n}").format(n=self.page_count()))
        self.page_spin.setAccessibleName(self.tr("Page number"))
        self.page_spin.setToolTip(self.tr("Go to a page (Page Up and Page Down also move between pages)"))
        self.page_spin.valueChanged.connect(lambda value: self.go_to_page(value - 1))

        self.protection = PasswordProtection()

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        self.message.hide()
        self.print_button = self._button(
            self.tr("&Print…"), self.tr("Print"), self.tr("Print the report (Ctrl+P)"), self.print_report
        )
        self.save_button = self._button(
            self.tr("&Save as PDF…"),
            self.tr("Save as PDF"),
            self.tr("Save a copy of the report as a PDF file (Ctrl+S)"),
            self.save_as_pdf,
        )
        self.close_button = self._button(
            self.tr("&Close"), self.tr("Close"), self.tr("Close the preview (Esc)"), self.reject
        )
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence("Ctrl+="), self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            (QKeySequence("Ctrl+0"), self.fit_width),
            (QKeySequence("PgUp"), self.previous_page),
            (QKeySequence("PgDown"), self.next_page),
            (QKeySequence.StandardKey.Print, self.print_report),
            (QKeySequence.StandardKey.Save, self.save_as_pdf),
        ):
            QShortcut(QKeySequence(keys), self, slot)

    def _build_layout(self) -> None:
        tools = QHBoxLayout()
        tools.addWidget(self.zoom_out_button)
        tools.addWidget(self.zoom_label)
        tools.addWidget(self.zoom_in_button)
        tools.addWidget(self.fit_button)
        tools.addStretch(1)
        tools.addWidget(self.page_spin)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.redaction_label)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.protection)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        order = [
            self.view, self.zoom_out_button, self.zoom_in_button, self.fit_button, self.page_spin,
            self.protection.protect, self.protection.password, self.protection.password_again,
            self.print_button, self.save_button, self.close_button,
        ]  # fmt: skip
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.view.setFocus()

    def _initial_size(self) -> QSize:
        screen = (self.parentWidget() or self).screen() or QGuiApplication.primaryScreen()
        free = screen.availableGeometry()
        return QSize(min(980, free.width() - 40), max(480, free.height() - 80))

    # -- pages and zoom ------------------------------------------------------------------------

    def page_count(self) -> int:
        return int(self.document.pageCount())

    def current_page(self) -> int:
        """The page showing (0 is the first)."""
        return int(self.navigator.currentPage())

    def go_to_page(self, page: int) -> None:
        page = max(0, min(page, self.page_count() - 1))
        if page != self.current_page():
            self.navigator.jump(page, QPointF(), self.navigator.currentZoom())

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def _page_changed(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)

    def zoom_factor(self) -> float:
        """How big the page shows (1.0: real size), also while it is fitted to the width."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom:
            return float(self.view.zoomFactor())
        # As QPdfView computes "fit width": the viewport less its margins, over the page.
        page = self.document.pagePointSize(self.current_page())
        margins = self.view.documentMargins()
        width = self.view.viewport().width() - margins.left() - margins.right()
        screen = QGuiApplication.primaryScreen()
        per_point = (screen.logicalDotsPerInch() if screen else 96.0) / 72.0
        return width / (page.width() * per_point) if page.width() > 0 else 1.0

    def zoom_in(self) -> None:
        now = self.zoom_factor()
        self._set_zoom(next((z for z in ZOOM_STEPS if z > now * 1.02), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        now = self.zoom_factor()
        self._set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < now / 1.02), ZOOM_STEPS[0]))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._show_zoom()

    def _set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
        self._show_zoom()

    def _show_zoom(self) -> None:
        percent = round(self.zoom_factor() * 100)
        self.zoom_label.setText(self.tr("{n}%").format(n=percent))
        self.zoom_label.setAccessibleName(self.tr("Zoom {n} per cent").format(n=percent))
        self.zoom_out_button.setEnabled(self.zoom_factor() > ZOOM_STEPS[0] * 1.02)
        self.zoom_in_button.setEnabled(self.zoom_factor() < ZOOM_STEPS[-1] / 1.02)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter presses the button with the focus and saves from a password field; anywhere
        else (the page box...) it does nothing, so it never prints by surprise."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = self.focusWidget()
            if isinstance(focus, QPushButton):
                focus.click()
            elif focus in (self.protection.password, self.protection.password_again):
                self.save_as_pdf()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self._show_zoom()
        return super().eventFilter(watched, event)

    # -- printing ------------------------------------------------------------------------------

    def _ask_print(self, printer: QPrinter) -> bool:
        return ask_print(printer, self, self.page_count(), self.title, self.run_dialog)

    def print_report(self) -> bool:
        """Ask which printer, pages and copies; print them. True when every page was sent."""
        printer = self.make_printer()
        printer.setDocName(self.title)  # print queues are seen by others: never the subject's name
        printer.setFullPage(True)
        printer.setPageSize(QPageSize(self.document.pagePointSize(0), QPageSize.Unit.Point))
        if not self.ask_print(printer):
            return False
        pages = pages_to_print(printer, self.page_count(), self.current_page())
        if not pages:
            self._say(
                self.tr("Those pages are not in the report: it has {n}.").format(n=self.page_count()), True
            )
            return False
        to_file = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
        where = "PDF file" if to_file else printer.printerName()
        try:
            self._audit(
                ReportAction.PRINTED,
                {
                    "pages": describe_pages(pages),
                    "page_count": len(pages),
                    "copies": max(1, printer.copyCount()),
                    "printer": where,
                },
            )
        except CareLinkError as exc:
            self._say(str(exc), True)
            return False
        text = self.tr("Printing {title}…").format(title=self.title)
        sent = print_with_progress(self, self.document, printer, print_order(printer, pages), text)
        if sent is None:
            self._say(
                self.tr("The printer could not be used. Check it is switched on, then try again."), True
            )
            return False
        if not sent:
            self._say(self.tr("Printing was cancelled: some pages may already have printed."), True)
            return False
        copies = max(1, printer.copyCount())
        what = describe_pages(pages)
        what = self.tr("page {n}").format(n=what) if len(pages) == 1 else self.tr("pages {n}").format(n=what)
        if copies > 1:
            what = self.tr("{pages}, {copies} copies").format(pages=what, copies=copies)
        self._say(self.tr("Sent to the printer: {what}.").format(what=what))
        return True

    # -- saving --------------------------------------------------------------------------------

    def _ask_save_path(self, file_name: str) -> str | None:
        return ask_save_path(self, file_name)

    def save_as_pdf(self) -> Path | None:
        """Ask where, then write the PDF there (encrypted when protection is ticked)."""
        problem = self.protection.problem()
        if problem:
            self._say(problem, True)
            return None
        password = self.protection.chosen_password()
        chosen = self.ask_save_path(f"{self.title}.pdf")
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            data = encrypt_pdf(self.pdf_bytes, password) if password else self.pdf_bytes
            self._audit(ReportAction.SAVED, {"protected": bool(password), "file": str(path)})
            write_atomically(path, data, what="the PDF", private=True)
        except CareLinkError as exc:
            self._say(str(exc), True)
            return None
        self.protection.reset()
        self._say(
            self.tr("Saved, protected with a password, to {path}").format(path=path)
            if password
            else self.tr("Saved to {path}").format(path=path)
        )
        return path

    # -- the rest ------------------------------------------------------------------------------

    def _audit(self, action: ReportAction, details: dict[str, object]) -> None:
        record_report_output(
            self.ws,
            action,
            report=self.report,
            redaction=self.redaction.value,
            resident_id=self.resident_id,
            subject_type=self.subject_type,
            subject_id=self.subject_id,
            details=details,
        )

    def _say(self, text: str, problem: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(PROBLEM_STYLE if problem else "")
        self.message.setVisible(bool(text))

    def done(self, result: int) -> None:
        """Closing lets go of the PDF (the dialog may live on until its parent goes)."""
        super().done(result)
        self.document.close()
        self._buffer.close()
        self._buffer.setData(QByteArray())
        self.pdf_bytes = b""
