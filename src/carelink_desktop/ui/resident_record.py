"""A resident's record: the profile form, consent records, the relationship map, carer plans and
contact (visits, calls and the isolation signal)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.dates import age_on, format_uk_date
from carelink_desktop.domain.errors import CareLinkError, ValidationError
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services import residents as resident_service
from carelink_desktop.services.accounts import list_accounts
from carelink_desktop.services.consent import KIND as CONSENT_KIND
from carelink_desktop.services.readmodels import ResidentView
from carelink_desktop.ui.carer_plans_page import CarerPlansPanel
from carelink_desktop.ui.consent_dialog import ConsentPanel
from carelink_desktop.ui.contact_tab import ContactTab
from carelink_desktop.ui.pages import ShellContext
from carelink_desktop.ui.relationship_map_tab import RelationshipMapTab
from carelink_desktop.ui.resident_profile_form import ResidentProfileForm
from carelink_desktop.ui.widgets import FieldMessage, emphasise

DRAFT_KIND = "resident_record"
BANNER_STYLE = "background: #fff4ce; color: #3d2e00; border: 1px solid #c8a600; padding: 6px;"


class ResidentRecordView(QWidget):
    """One resident's record. ``load(None)`` shows an empty form for a new resident.

    ``saved(id)`` is emitted after the profile is saved (and after archiving or restoring the
    record), ``closed`` when the person goes back to the residents list (after agreeing to
    discard unsaved changes, if there were any). Labels keep their text as their accessible
    name, so screen readers read what is shown.
    """

    closed = Signal()
    saved = Signal(str)

    def __init__(self, ctx: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ws = ctx.ws
        self.resident: ResidentView | None = None
        self.resident_id: str | None = None
        self.read_only = False
        self._baseline: dict[str, Any] = {}

        self.back_button = QPushButton(self.tr("← Back to residents"))
        self.back_button.setToolTip(self.tr("Back to the residents list (Esc or Alt+Left)"))
        self.back_button.clicked.connect(self.request_close)
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        emphasise(self.header, 1.5)
        self.header.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setAccessibleDescription(self.tr("Record status"))
        self.banner.setVisible(False)

        self.form = ResidentProfileForm(self.ws.today)
        self.form.edited.connect(self._edited)
        self.profile_scroll = QScrollArea()
        self.profile_scroll.setWidgetResizable(True)
        self.profile_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.profile_scroll.setWidget(self.form)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Parts of the record"))
        self.tabs.addTab(self.profile_scroll, self.tr("&Profile"))
        self.consents = ConsentPanel(self.ws)
        self.consents.count_changed.connect(self._consent_count)
        self.tabs.addTab(self.consents, self.tr("&Consent"))
        self.relationship_map = RelationshipMapTab(ctx)
        self.tabs.addTab(self.relationship_map, self.tr("Relationship &map"))
        self.carer_plans = CarerPlansPanel(self.ws)
        self.tabs.addTab(self.carer_plans, self.tr("Carer p&lans"))
        self.contact = ContactTab(ctx)
        self.tabs.addTab(self.contact, self.tr("C&ontact"))
        self.tabs.currentChanged.connect(lambda _index: self._update_save_button())

        self.message = FieldMessage()
        self.message.setAccessibleName(self.tr("Message"))
        self.relationship_map.said.connect(self.message.show_message)
        self.saved_note = QLabel()
        self.carer_plans.said.connect(self.saved_note.setText)
        self.save_button = QPushButton(self.tr("&Save profile"))
        self.save_button.setToolTip(self.tr("Save the profile (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.archive_button = QPushButton(self.tr("A&rchive record…"))
        self.archive_button.setToolTip(
            self.tr("Close this record: it is kept, read-only, for as long as it must be")
        )
        self.archive_button.clicked.connect(self.archive)
        self.restore_button = QPushButton(self.tr("Restore &record"))
        self.restore_button.clicked.connect(self.restore)
        self.print_button = QPushButton(self.tr("Print face sheet…"))
        self.print_button.setToolTip(self.tr("Preview, print or save this resident's face sheet (Ctrl+P)"))
        self.print_button.setAccessibleName(self.tr("Print face sheet"))
        self.print_button.clicked.connect(self.print_face_sheet)

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.archive_button)
        bottom.addWidget(self.restore_button)
        bottom.addWidget(self.print_button)
        self.sar_button = QPushButton(self.tr("Subject access export…"))
        self.sar_button.setToolTip(self.tr("Everything held about this resident, for them to see"))
        self.sar_button.clicked.connect(self.subject_access_export)
        bottom.addWidget(self.sar_button)
        bottom.addWidget(self.message, 1)
        bottom.addStretch(0)  # keeps the buttons their natural size while there is no message
        bottom.addWidget(self.saved_note)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        QWidget.setTabOrder(self.back_button, self.tabs)
        QWidget.setTabOrder(self.tabs, self.form.fields["legal_given_names"])
        QWidget.setTabOrder(self.form.fields["notes"], self.save_button)
        QWidget.setTabOrder(self.save_button, self.archive_button)
        QWidget.setTabOrder(self.archive_button, self.restore_button)
        QWidget.setTabOrder(self.restore_button, self.print_button)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Ctrl+S"), self, self.save, context=context)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_face_sheet, context=context)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.request_close, context=context)
        QShortcut(QKeySequence("Alt+Left"), self, self.request_close, context=context)
        ctx.changes.changed.connect(self._on_change)
        self.load(None)

    # -- loading -----------------------------------------------------------------------------

    def load(self, resident_id: str | None) -> None:
        """Show a resident's record (opening it is audited), or an empty form when None."""
        self.message.show_message("")
        self.saved_note.setText("")
        self.tabs.setCurrentIndex(0)
        self.profile_scroll.verticalScrollBar().setValue(0)
        view: ResidentView | None = None
        if resident_id is not None:
            try:
                view = resident_service.view_resident(self.ws, resident_id)
            except CareLinkError as exc:
                self._show(None)
                self.header.setText(self.tr("Record not available"))
                self._set_read_only(True, str(exc))
                return
        self._show(view)
        self.form.fields["legal_given_names"].setFocus()

    def _show(self, view: ResidentView | None) -> None:
        self.resident = view
        self.resident_id = view.id if view else None
        accounts = list_accounts(self.ws, include_inactive=False)
        keyworker = view.details.keyworker_id if view else None
        self.form.set_keyworkers(accounts, keyworker, view.keyworker_name if view else "")
        self.form.set_details(view.details if view else None)
        self._baseline = self.form.state()
        self.header.setText(self._header_text(view))
        for tab in (1, 2, 3, 4):
            self.tabs.setTabEnabled(tab, view is not None)
            self.tabs.setTabToolTip(tab, "" if view else self.tr("Save the profile first"))
        if view is not None and view.archived:
            reason = view.archived_reason
            self._set_read_only(
                True,
                self.tr("This record is archived ({reason}). It can be read but not changed.").format(
                    reason=reason
                ),
            )
        elif not self.ws.may(Permission.EDIT_RESIDENTS):
            self._set_read_only(True, self.tr("You can read this record but your role cannot change it."))
        else:
            self._set_read_only(False, "")
        may_archive = view is not None and self.ws.may(Permission.ARCHIVE_RECORDS)
        self.archive_button.setVisible(may_archive and not (view and view.archived))
        self.restore_button.setVisible(may_archive and bool(view and view.archived))
        self.print_button.setVisible(view is not None)
        self.sar_button.setVisible(view is not None and self.ws.may(Permission.VIEW_AUDIT_LOG))

    def _header_text(self, view: ResidentView | None) -> str:
        if view is None:
            return self.tr("New resident")
        d = view.details
        parts = [view.display_name]
        if d.room:
            # "7" reads "Room 7"; a room already named ("Room 4", "Garden 2") reads as it is.
            parts.append(self.tr("Room {room}").format(room=d.room) if d.room[0].isdigit() else d.room)
        if d.date_of_birth:
            years = age_on(d.date_of_birth, self.ws.today())
            parts.append(self.tr("1 year") if years == 1 else self.tr("{n} years").format(n=years))
        if d.discharge_date and d.discharge_date <= self.ws.today():
            parts.append(self.tr("Discharged {date}").format(date=format_uk_date(d.discharge_date)))
        return " · ".join(parts)

    def _set_read_only(self, read_only: bool, banner: str) -> None:
        self.read_only = read_only
        self.form.set_read_only(read_only)
        self.banner.setText(banner)
        self.banner.setVisible(bool(banner))
        self._update_save_button()
        self.consents.set_resident(self.resident_id, read_only)
        self.relationship_map.set_resident(self.resident_id, read_only)
        name = self.resident.display_name if self.resident else ""
        self.carer_plans.set_resident(self.resident_id, name, editable=not read_only)
        # Contact is recorded by every role (not only those who may change the profile).
        self.contact.set_resident(self.resident_id, self.resident is None or self.resident.archived)

    def _update_save_button(self) -> None:
        """ "Save profile" belongs to the profile: shown there (and while it has changes)."""
        on_profile = self.tabs.currentIndex() == 0 or self.has_unsaved_changes()
        self.save_button.setVisible(not self.read_only and on_profile)

    # -- unsaved changes ---------------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        return not self.read_only and self.form.state() != self._baseline

    def draft(self) -> dict[str, Any] | None:
        """The profile as typed and whose it is (JSON-able); None when nothing is unsaved."""
        if not self.has_unsaved_changes():
            return None
        version = self.resident.version if self.resident else ""
        return {
            "kind": DRAFT_KIND,
            "resident_id": self.resident_id,
            "version": version,
            "profile": self.form.state(),
        }

    def restore_draft(self, draft: dict[str, Any]) -> None:
        """Reopen the record the draft belongs to and put the typed values back."""
        resident_id = draft.get("resident_id")
        profile = draft.get("profile")
        if draft.get("kind") != DRAFT_KIND or not isinstance(profile, dict):
            return
        self.load(resident_id if isinstance(resident_id, str) else None)
        if self.read_only:
            self.message.show_message(self.tr("Your unsaved changes could not be put back."))
            return
        self.form.apply_state(profile)
        if self.resident is not None and draft.get("version") not in ("", self.resident.version):
            self.saved_note.setText(
                self.tr("Someone changed this record while you were away. Check your changes, then save.")
            )
        else:
            self.saved_note.setText(
                self.tr("Your unsaved changes are back: save them, or go back to discard them.")
            )

    def discard_changes(self) -> None:
        self.form.apply_state(self._baseline)
        self.form.errors.clear()
        self.form.errors.set_problems(self.form.check())
        self.message.show_message("")

    def request_close(self) -> None:
        """Back to the residents list, asking first if there are unsaved changes."""
        if self.has_unsaved_changes():
            from carelink_desktop.ui.unsaved import confirm_discard

            if not confirm_discard(self):
                return
            self.discard_changes()
        self.closed.emit()

    def _edited(self) -> None:
        self.saved_note.setText("")
        if not self.form.errors.shown():
            self.message.show_message("")

    # -- saving ------------------------------------------------------------------------------

    def save(self) -> bool:
        """Save the profile; on any problem show it at its field and write nothing."""
        if self.read_only:
            return False
        if self.resident_id is not None and not self.has_unsaved_changes():
            self.saved_note.setText(self.tr("Nothing has changed."))
            return True
        self.form.errors.set_problems(self.form.check())
        if self.form.date_problems():
            return self._refused(self.form.date_problems())
        details = self.form.details()
        try:
            if self.resident_id is None:
                view = resident_service.admit_resident(self.ws, details)
            else:
                view = resident_service.update_resident(
                    self.ws,
                    self.resident_id,
                    details,
                    expected_version=self.resident.version if self.resident else None,
                )
        except ValidationError as exc:
            return self._refused(exc.errors)
        except CareLinkError as exc:
            self.message.show_message(str(exc))
            return False
        self._show(view)
        self.message.show_message("")
        self.saved_note.setText(self.tr("Saved."))
        self.saved.emit(view.id)
        return True

    def _refused(self, errors: dict[str, str]) -> bool:
        leftover = self.form.errors.show_errors(errors)
        count = len(self.form.errors.shown())
        text = (
            self.tr("Nothing was saved: 1 field needs correcting (marked ⚠).")
            if count == 1
            else self.tr("Nothing was saved: {n} fields need correcting (marked ⚠).").format(n=count)
        )
        self.message.show_message(" ".join([*leftover.values(), text] if count else leftover.values()))
        first = self.form.errors.first_with_message()
        if first is not None:
            self.tabs.setCurrentIndex(0)
            first.setFocus()
            self.profile_scroll.ensureWidgetVisible(first, 50, 80)
        return False

    # -- archiving ---------------------------------------------------------------------------

    def ask_archive_reason(self) -> str | None:
        """Why the record is being archived (None: the person changed their mind)."""
        text, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("Archive record"),
            self.tr(
                "Archiving closes the record: it is kept, read-only, for as long as the home must "
                "keep it.\n\nWhy is it being archived?"
            ),
        )
        return text if ok else None

    def archive(self) -> None:
        if self.resident_id is None:
            return
        if self.has_unsaved_changes():
            self.message.show_message(self.tr("Save or discard your changes before archiving the record."))
            return
        reason = self.ask_archive_reason()
        if reason is None:
            return
        try:
            view = resident_service.archive_resident(self.ws, self.resident_id, reason)
        except CareLinkError as exc:
            self.message.show_message(str(exc))
            return
        self._show(view)
        self.saved_note.setText(self.tr("Record archived."))
        self.saved.emit(view.id)

    def restore(self) -> None:
        if self.resident_id is None:
            return
        try:
            view = resident_service.restore_resident(self.ws, self.resident_id)
        except CareLinkError as exc:
            self.message.show_message(str(exc))
            return
        self._show(view)
        self.saved_note.setText(self.tr("Record restored."))
        self.saved.emit(view.id)

    # -- printing ----------------------------------------------------------------------------

    def subject_access_export(self) -> None:
        """Managers: everything held about this resident, after confirming who they are."""
        from carelink_desktop.ui.subject_access_dialog import SubjectAccessDialog

        if self.resident is None:
            return
        dialog = SubjectAccessDialog(
            self.ws, name=self.resident.display_name, resident_id=self.resident.id, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.sar_dialog = dialog
        dialog.open()

    def print_face_sheet(self) -> None:
        """Ctrl+P: choose the redaction, then preview the face sheet of the saved record."""
        if self.resident_id is None:
            return
        if self.has_unsaved_changes():
            self.message.show_message(self.tr("Save or discard your changes before printing the face sheet."))
            return
        from carelink_desktop.ui import report_actions

        report_actions.print_face_sheet(self.ctx, self.resident_id, self)

    def _consent_count(self, count: int) -> None:
        self.tabs.setTabText(1, self.tr("&Consent ({n})").format(n=count) if count else self.tr("&Consent"))

    def _on_change(self, kind: str) -> None:
        if kind == CONSENT_KIND:
            self.consents.refresh()
        elif kind in ("carer_plan", "carer_plan_review", "relationship"):
            self.carer_plans.refresh()
        elif kind == "staff_account":
            state = self.form.state()
            accounts = list_accounts(self.ws, include_inactive=False)
            name = self.resident.keyworker_name if self.resident else ""
            self.form.set_keyworkers(accounts, state["keyworker_id"], name)
