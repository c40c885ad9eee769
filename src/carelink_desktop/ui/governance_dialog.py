"""The governance report's dialog (managers): the period, the manager's own words for it (good
practice seen, areas to improve), whether to leave names out, then a preview of the report.

The words are kept with the period (services.governance), so the report of the same period can be
printed again with the same words: "Save words" keeps them, and Preview… keeps them before it
builds the report. Changing the period loads the words kept for the new one, unless the manager
has typed something not yet saved: that stays, and a note says saving keeps it for the new period.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.errors import CareLinkError, ValidationError
from carelink_desktop.domain.governance import Narrative
from carelink_desktop.reports.document import Redaction
from carelink_desktop.services.governance import narrative, save_narrative
from carelink_desktop.ui import unsaved
from carelink_desktop.ui.change_password_dialog import DialogRunner, message_box, run_modal
from carelink_desktop.ui.pages import ShellContext
from carelink_desktop.ui.relationship_form import hint_label
from carelink_desktop.ui.report_preview import ReportPreview
from carelink_desktop.ui.resident_profile_form import multi_line
from carelink_desktop.ui.widgets import FieldMessage, form_layout
from carelink_desktop.ui.widgets.date_field import DateField

#: The report's name in the audit log (reports.governance_report, not imported: ReportLab).
REPORT = "governance_report"


class GovernanceDialog(QDialog):
    """Period, narrative, "Leave out names", Save words, Preview…, Close."""

    def __init__(self, ctx: ShellContext, start: date, end: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ws = ctx.ws
        #: Shows a modal dialog and returns its result; tests replace it.
        self.run_dialog: DialogRunner = run_modal
        self.preview: ReportPreview | None = None
        self.setWindowTitle(self.tr("Governance report"))
        intro = hint_label(
            self.tr(
                "The report gathers the dashboard's figures and charts, the feedback analysis, a "
                "summary of concerns and dilemmas and the improvement actions for the period. Add "
                "your own view of the period below: it is kept with the period, so the report can "
                "be printed again with the same words."
            )
        )
        self.start_field = DateField()
        self.start_field.setAccessibleName(self.tr("Period from"))
        self.start_field.set_date(start)
        self.end_field = DateField()
        self.end_field.setAccessibleName(self.tr("Period to"))
        self.end_field.set_date(end)
        from_label = QLabel(self.tr("Period &from:"))
        from_label.setBuddy(self.start_field)
        to_label = QLabel(self.tr("&to:"))
        to_label.setBuddy(self.end_field)
        period = QHBoxLayout()
        period.addWidget(self.start_field)
        period.addWidget(to_label)
        period.addWidget(self.end_field)
        period.addStretch(1)

        self.good_practice = multi_line(6)
        self.good_practice.setAccessibleName(self.tr("Good practice"))
        self.good_practice.setPlaceholderText(
            self.tr("What went well: how key people were involved, what residents and families said…")
        )
        self.to_improve = multi_line(6)
        self.to_improve.setAccessibleName(self.tr("Areas to improve"))
        self.to_improve.setPlaceholderText(
            self.tr("What to do better, and the improvement actions that follow from it…")
        )
        self.anonymised = QCheckBox(self.tr("Leave out &names (anonymised)"))
        self.anonymised.setChecked(True)
        self.anonymised.setToolTip(
            self.tr("Residents and key people are not named in the report: keep it ticked for inspectors")
        )
        good_label = QLabel(self.tr("&Good practice:"))
        good_label.setBuddy(self.good_practice)
        improve_label = QLabel(self.tr("Areas to &improve:"))
        improve_label.setBuddy(self.to_improve)
        form = form_layout()
        form.addRow(from_label, period)
        form.addRow(good_label, self.good_practice)
        form.addRow(improve_label, self.to_improve)
        form.addRow("", self.anonymised)

        self.message = FieldMessage()
        self.message.setAccessibleName(self.tr("Message"))
        self.status = hint_label()
        self.status.setAccessibleName(self.tr("Saved"))
        self.save_button = QPushButton(self.tr("&Save words"))
        self.save_button.setToolTip(self.tr("Keep your words for this period"))
        self.preview_button = QPushButton(self.tr("&Preview…"))
        self.preview_button.setToolTip(self.tr("Keep your words, then build the report and show it"))
        self.preview_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAutoDefault(False)
        self.save_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.save_button, self.preview_button, self.close_button):
            buttons.addWidget(button)
        self.save_button.clicked.connect(self.save)
        self.preview_button.clicked.connect(self.show_preview)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 120)

        self._loaded: Narrative | None = None
        for field in (self.start_field, self.end_field):
            field.editingFinished.connect(self._period_changed)
        for box in (self.good_practice, self.to_improve):
            box.textChanged.connect(self._edited)
        self.load()
        self.good_practice.setFocus()

    # -- the period and the words -------------------------------------------------------------------

    def period(self) -> tuple[date, date] | None:
        """The period typed, or None (the message says why)."""
        problems = [
            f"{field.accessibleName()}: {field.problem()}"
            for field in (self.start_field, self.end_field)
            if field.problem()
        ]
        start = end = None
        if not problems:
            start, end = self.start_field.date(), self.end_field.date()
            if start is None or end is None:
                problems.append(self.tr("Type both dates of the period, as dd/mm/yyyy."))
            elif start > end:
                problems.append(self.tr("The period starts after it ends: put the earlier date first."))
        self.message.show_message(" ".join(problems))
        if problems or start is None or end is None:
            return None
        return start, end

    def words(self, start: date, end: date) -> Narrative:
        return Narrative(start, end, self.good_practice.toPlainText(), self.to_improve.toPlainText())

    def has_unsaved_changes(self) -> bool:
        if self._loaded is None:
            return False
        return (self.good_practice.toPlainText(), self.to_improve.toPlainText()) != (
            self._loaded.good_practice,
            self._loaded.to_improve,
        )

    def load(self) -> None:
        """Show the words kept for the period (what is typed and not saved stays)."""
        dates = self.period()
        if dates is None:
            return
        try:
            kept = narrative(self.ws, *dates)
        except CareLinkError as exc:
            self.message.show_message(str(exc))
            return
        if self.has_unsaved_changes():
            self._loaded = kept
            self.status.setText(
                self.tr("Not saved yet: “Save words” keeps what you typed for {start} to {end}.").format(
                    start=format_uk_date(dates[0]), end=format_uk_date(dates[1])
                )
            )
            return
        for box, text in ((self.good_practice, kept.good_practice), (self.to_improve, kept.to_improve)):
            box.blockSignals(True)
            box.setPlainText(text)
            box.blockSignals(False)
        self._loaded = kept
        written = bool(kept.good_practice or kept.to_improve)
        self.status.setText(
            self.tr("Your words kept for this period are shown.")
            if written
            else self.tr("No words kept for this period yet.")
        )

    def _period_changed(self) -> None:
        dates = self.period()
        loaded = self._loaded
        if dates is not None and loaded is not None and (loaded.period_start, loaded.period_end) != dates:
            self.load()

    def _edited(self) -> None:
        if self.has_unsaved_changes():
            self.status.setText(self.tr("Not saved yet."))

    def save(self) -> bool:
        """Keep the words for the period; True when kept (or nothing needed keeping)."""
        dates = self.period()
        if dates is None:
            return False
        loaded_period = (
            (self._loaded.period_start, self._loaded.period_end) if self._loaded is not None else None
        )
        if not self.has_unsaved_changes() and loaded_period == dates:
            return True
        try:
            self._loaded = save_narrative(self.ws, self.words(*dates))
        except ValidationError as exc:
            self.message.show_message(" ".join(exc.errors.values()))
            return False
        except CareLinkError as exc:
            self.message.show_message(str(exc))
            return False
        for box, text in (
            (self.good_practice, self._loaded.good_practice),
            (self.to_improve, self._loaded.to_improve),
        ):
            if box.toPlainText() != text:
                box.blockSignals(True)
                box.setPlainText(text)
                box.blockSignals(False)
        self.message.show_message("")
        self.status.setText(
            self.tr("Saved for {start} to {end}.").format(
                start=format_uk_date(dates[0]), end=format_uk_date(dates[1])
            )
        )
        return True

    # -- the report ---------------------------------------------------------------------------------

    def build_pdf(self, start: date, end: date, anonymised: bool) -> bytes:
        """The report as a PDF on the home's paper (run off the GUI thread)."""
        from carelink_desktop.reports.governance_report import build_governance_report
        from carelink_desktop.reports.pdf import render_pdf
        from carelink_desktop.services.home_settings import home_settings

        document = build_governance_report(self.ws, start, end, anonymised=anonymised)
        return render_pdf(document, paper=home_settings(self.ws).paper_size)

    def show_preview(self) -> ReportPreview | None:
        """Keep the words, build the report and open its preview (None: it could not be made,
        and the message says why)."""
        from carelink_desktop.ui.busy import run_with_progress

        if not self.save():
            return None
        dates = self.period()
        if dates is None:
            return None
        start, end = dates
        anonymised = self.anonymised.isChecked()
        try:
            pdf = run_with_progress(
                self,
                self.tr("Preparing the governance report…"),
                lambda: self.build_pdf(start, end, anonymised),
            )
            preview = ReportPreview(
                self.ws,
                pdf,
                report=REPORT,
                redaction=Redaction.PROFESSIONAL if anonymised else Redaction.INTERNAL,
                resident_id=None,
                subject_type=REPORT,
                subject_id=f"{start.isoformat()} {end.isoformat()}",
                parent=self,
            )
        except CareLinkError as exc:
            title = self.tr("Governance report not made")
            self.run_dialog(message_box(self, QMessageBox.Icon.Warning, title, str(exc)))
            return None
        if anonymised:
            text = self.tr("Anonymised: residents and key people are not named.")
        else:
            text = self.tr("Internal: residents and key people are named. Not for sharing outside the home.")
        preview.redaction_label.setText(text)
        preview.redaction_label.setAccessibleName(text)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview = preview
        preview.destroyed.connect(lambda *_a: setattr(self, "preview", None))
        preview.open()
        return preview

    # -- closing ------------------------------------------------------------------------------------

    def reject(self) -> None:
        """Close (Esc, Close or the window's close button): words not saved are asked about."""
        if self.has_unsaved_changes() and not unsaved.confirm_discard(self):
            return
        super().reject()
