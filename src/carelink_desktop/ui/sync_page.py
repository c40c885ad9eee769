"""The managers' Sync area: the home's PCs and head office exchange their changes as encrypted
files carried on a USB stick. Set sync up once; add and remove PCs; export a file for another
PC (the password is asked again) and import the files they give you (after a preview); settle
the conflicts two PCs made apart.

File dialogs and modal dialogs go through ``get_save_file_name``, ``get_open_file_name`` and
``run_dialog``, which tests replace. Export, import and writing an invitation run off the GUI
thread (ui.busy) so the window never freezes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.errors import CareLinkError, HomeLocked
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services import sync, sync_enrolment
from carelink_desktop.services.sync import PartnerStatus, SyncStatus
from carelink_desktop.ui.change_password_dialog import DialogRunner, message_box, run_modal
from carelink_desktop.ui.confirm import confirm_with
from carelink_desktop.ui.pages import Page, ShellContext
from carelink_desktop.ui.sync_conflicts_panel import ConflictsPanel
from carelink_desktop.ui.sync_dialogs import (
    AddSiteDialog,
    ExportDialog,
    ImportPreviewDialog,
    InvitationCodeDialog,
    NameDialog,
)
from carelink_desktop.ui.sync_models import PartnersModel, export_file_name, file_name_part
from carelink_desktop.ui.widgets import PROBLEM_STYLE, emphasise, record_table

T = TypeVar("T")
#: (parent, caption, suggested path, filter) -> (chosen path or "", chosen filter)
FileDialog = Callable[[QWidget, str, str, str], tuple[str, str]]


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class SyncPage(Page):
    """Sync between this PC, the home's other PCs and head office, for managers."""

    area = "sync"
    permission = Permission.RUN_SYNC
    watches = ("sync", "sync_conflict", "site")

    def __init__(self, ctx: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.run_dialog: DialogRunner = run_modal
        self.get_save_file_name: FileDialog = QFileDialog.getSaveFileName
        self.get_open_file_name: FileDialog = QFileDialog.getOpenFileName
        self.status: SyncStatus | None = None
        self._folder = Path.home()  # where the last file went (the USB stick, usually)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._intro_view())
        self.stack.addWidget(self._sync_view())
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.refresh()

    def title(self) -> str:
        return self.tr("Sync")

    # -- building ---------------------------------------------------------------------------

    def _intro_view(self) -> QWidget:
        view = QWidget()
        heading = QLabel(self.tr("Sync between PCs and head office"))
        emphasise(heading, 1.3)
        text = _wrapped(
            self.tr(
                "<p>CareLink needs no network. The home's PCs and head office exchange their changes "
                "as encrypted files on a USB stick: export a file for another PC, take it there and "
                "import it. Only the PCs you add can open the files.</p>"
                "<p>Set sync up once, on the PC that holds the records now. Then add the home's "
                "other PCs and head office from here: each starts with a copy of every record.</p>"
            )
        )
        text.setMaximumWidth(text.fontMetrics().horizontalAdvance("M") * 48)
        self.set_up_button = QPushButton(self.tr("&Set up sync…"))
        self.set_up_button.clicked.connect(self.set_up)
        row = QHBoxLayout()
        row.addWidget(self.set_up_button)
        row.addStretch(1)
        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addSpacing(8)
        layout.addLayout(row)
        layout.addStretch(1)
        return view

    def _sync_view(self) -> QWidget:
        view = QWidget()
        self.this_pc = QLabel()
        emphasise(self.this_pc, 1.2)
        self.this_pc.setAccessibleName(self.tr("This PC's name"))
        self.rename_button = QPushButton(self.tr("Re&name…"))
        self.rename_button.clicked.connect(self.rename)
        self.export_button = QPushButton(self.tr("&Export changes…"))
        self.export_button.clicked.connect(self.export)
        self.import_button = QPushButton(self.tr("&Import a file…"))
        self.import_button.clicked.connect(self.import_file)
        self.key_button = QPushButton(self.tr("Save organisation &key…"))
        self.key_button.setToolTip(
            self.tr("For emergencies: with this key the standard age tool opens any sync file.")
        )
        self.key_button.clicked.connect(self.save_key)
        self.message = _wrapped()
        self.message.setAccessibleName(self.tr("Sync message"))
        self.message.hide()
        hint = _wrapped(
            self.tr(
                "Export a file for another PC, take it there on a USB stick and import it there; "
                "import the files the other PCs make for this one."
            )
        )

        self.model = PartnersModel(self)
        self.table = record_table(self.model, self.tr("The other PCs and head office"))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton(self.tr("&Add a PC…"))
        self.add_button.clicked.connect(self.add_pc)
        self.remove_button = QPushButton(self.tr("Re&move PC…"))
        self.remove_button.clicked.connect(self.remove_pc)
        partners = QWidget()
        partner_buttons = QHBoxLayout()
        partner_buttons.addWidget(self.add_button)
        partner_buttons.addWidget(self.remove_button)
        partner_buttons.addStretch(1)
        partners_layout = QVBoxLayout(partners)
        partners_layout.addWidget(self.table, 1)
        partners_layout.addLayout(partner_buttons)

        self.conflicts = ConflictsPanel(self.ctx.ws)
        self.conflicts.count_changed.connect(self._conflicts_counted)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Sync tabs"))
        self.tabs.addTab(partners, self.tr("&PCs and head office"))
        self.tabs.addTab(self.conflicts, self.tr("&Conflicts"))

        name_row = QHBoxLayout()
        name_row.addWidget(self.this_pc)
        name_row.addWidget(self.rename_button)
        name_row.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.export_button)
        actions.addWidget(self.import_button)
        actions.addStretch(1)
        actions.addWidget(self.key_button)
        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(name_row)
        layout.addWidget(hint)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        return view

    # -- showing ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        if not self.home_is_open():
            return
        chosen = self.selected()
        self.status = status = sync.sync_status(self.ctx.ws)
        self.stack.setCurrentIndex(1 if status.set_up else 0)
        if not status.set_up:
            return
        self.this_pc.setText(self.tr("This PC: {name}").format(name=status.site_label))
        self.model.set_rows(status.partners)
        row = self.model.row_of(chosen.site_id) if chosen else -1
        if row >= 0:
            self.table.selectRow(row)
        self.conflicts.refresh()
        self._update_buttons()

    def _conflicts_counted(self, n: int) -> None:
        title = self.tr("&Conflicts ({n})").format(n=n) if n else self.tr("&Conflicts")
        self.tabs.setTabText(self.tabs.indexOf(self.conflicts), title)

    def selected(self) -> PartnerStatus | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.partner_at(rows[0].row()) if rows else None

    def active_partners(self) -> list[PartnerStatus]:
        return [p for p in (self.status.partners if self.status else ()) if not p.removed]

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.remove_button.setEnabled(chosen is not None and not chosen.removed)
        has_partner = bool(self.active_partners())
        self.export_button.setEnabled(has_partner)
        self.export_button.setToolTip(
            "" if has_partner else self.tr("Add a PC first: files are made for one of the other PCs.")
        )

    def _say(self, text: str, *, problem: bool = False) -> None:
        self.message.setStyleSheet(PROBLEM_STYLE if problem else "")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _warn(self, title: str, text: str) -> None:
        self.run_dialog(message_box(self, QMessageBox.Icon.Warning, title, text))

    def _busy(self, text: str, title: str, work: Callable[[], T]) -> T | None:
        """Run ``work`` off the GUI thread; a refusal is shown in a warning box (None returned)."""
        from carelink_desktop.ui.busy import run_with_progress

        try:
            return run_with_progress(self, text, work)
        except CareLinkError as exc:
            self._warn(title, str(exc))
            return None
        finally:
            self.refresh()

    def _ask_path(
        self, chooser: FileDialog, caption: str, suggested: str, filters: str, suffix: str
    ) -> Path | None:
        path, _ = chooser(self, caption, str(self._folder / suggested), filters)
        if not path:
            return None
        chosen = Path(path)
        if suffix and chosen.suffix.lower() != suffix:
            chosen = chosen.with_name(chosen.name + suffix)
        self._folder = chosen.parent
        return chosen

    # -- this PC ----------------------------------------------------------------------------

    def _name_dialog(self, title: str, intro: str, action: str) -> NameDialog:
        current = self.status.site_label if self.status else ""
        return NameDialog(
            title,
            intro,
            caption=self.tr("This PC's &name:"),
            value=current,
            action=action,
            submit=lambda name: sync.set_up_sync(self.ctx.ws, label=name),
            parent=self,
        )

    def set_up(self) -> None:
        intro = self.tr(
            "Give this PC a name the others will know it by, e.g. Office upstairs. You can "
            "add the home's other PCs and head office once sync is set up."
        )
        if self.run_dialog(self._name_dialog(self.tr("Set up sync"), intro, self.tr("&Set up sync"))):
            self.refresh()
            self._say(self.tr("Sync is set up. Add the home's other PCs and head office with Add a PC…"))

    def rename(self) -> None:
        intro = self.tr("The other PCs see the new name once they import a file from this one.")
        if self.run_dialog(self._name_dialog(self.tr("Rename this PC"), intro, self.tr("&Rename"))):
            self.refresh()

    # -- PCs --------------------------------------------------------------------------------

    def add_pc(self) -> None:
        dialog = AddSiteDialog(self)
        if not self.run_dialog(dialog):
            return
        label, kind = dialog.name.text().strip(), dialog.kind()
        path = self._ask_path(
            self.get_save_file_name,
            self.tr("Save the invitation for {name}").format(name=label),
            f"Invitation-{file_name_part(label)}{sync_enrolment.INVITATION_SUFFIX}",
            self.tr("CareLink invitations (*{suffix})").format(suffix=sync_enrolment.INVITATION_SUFFIX),
            sync_enrolment.INVITATION_SUFFIX,
        )
        if path is None:
            return
        invitation = self._busy(
            self.tr("Writing the invitation for {name}…").format(name=label),
            self.tr("PC not added"),
            lambda: sync_enrolment.add_site(self.ctx.ws, label, path, kind=kind),
        )
        if invitation is not None:
            self._say(self.tr("{name} is added. Its invitation is in {file}.").format(name=label, file=path))
            self.run_dialog(InvitationCodeDialog(invitation, kind, self))

    def remove_pc(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.removed:
            return
        title = self.tr("Remove PC")
        text = self.tr(
            "Remove {name} from the organisation? Files it makes are refused here from now on, and "
            "on the other PCs once they import a file from this one. To bring it back, add it again "
            "as a new PC."
        ).format(name=chosen.label)
        if not confirm_with(self, self.run_dialog, title, text, self.tr("&Remove PC")):
            return
        try:
            sync_enrolment.remove_site(self.ctx.ws, chosen.site_id)
        except CareLinkError as exc:
            self._warn(title, str(exc))
        else:
            self._say(self.tr("{name} is removed.").format(name=chosen.label))
        self.refresh()

    def save_key(self) -> None:
        """Save the organisation's key (password asked again) for the locked cabinet."""
        title = self.tr("Save organisation key")
        password, ok = QInputDialog.getText(
            self,
            title,
            self.tr(
                "This key opens every sync file of the organisation. Keep it on a USB stick in a "
                "locked cabinet, never with the files.\n\nYour password:"
            ),
            QLineEdit.EchoMode.Password,
        )
        if not ok or not password:
            return
        path = self._ask_path(
            self.get_save_file_name,
            title,
            "CareLink-organisation.key",
            self.tr("Key files (*.key)"),
            ".key",
        )
        if path is None:
            return
        try:
            sync.save_organisation_key(self.ctx.ws, path, password)
        except HomeLocked:
            self._lock_now()
        except CareLinkError as exc:
            self._warn(title, str(exc))
        else:
            self._say(
                self.tr("The organisation key is saved in {file}. Keep it locked away.").format(file=path)
            )

    # -- files ------------------------------------------------------------------------------

    def export(self) -> None:
        """The PC it is for and the password, where to save, then the file written."""
        partners = self.active_partners()
        if not partners or self.status is None:
            return
        dialog = ExportDialog(self.ctx.ws, partners, self)
        chosen = self.selected()
        if chosen is not None and not chosen.removed:
            dialog.partner.setCurrentIndex(max(0, dialog.partner.findData(chosen.site_id)))
        if not self.run_dialog(dialog):
            if dialog.locked:
                self._lock_now()
            return
        partner = next(p for p in partners if p.site_id == dialog.partner_id())
        full = dialog.full.isChecked()
        path = self._ask_path(
            self.get_save_file_name,
            self.tr("Save the sync file for {name}").format(name=partner.label),
            export_file_name(self.status.site_label, partner.label, date.today()),
            self.tr("CareLink sync files (*.clsync)"),
            ".clsync",
        )
        if path is None:
            return
        done = self._busy(
            self.tr("Writing the sync file for {name}…").format(name=partner.label),
            self.tr("Sync file not saved"),
            lambda: sync.export_changes(self.ctx.ws, path, to_site=partner.site_id, full=full),
        )
        if done is not None:
            what = (
                self.tr("every record ({n})")
                if done.full
                else self.tr("1 change")
                if done.records == 1
                else self.tr("{n} changes")
            ).format(n=f"{done.records:,}")
            self._say(
                self.tr("Saved {what} for {name} in {file}. Import it on that PC.").format(
                    what=what, name=done.to_label, file=done.path
                )
            )

    def import_file(self) -> None:
        """Choose a file, see what it would do, then import it (or not)."""
        path = self._ask_path(
            self.get_open_file_name,
            self.tr("Import a sync file"),
            "",
            self.tr("CareLink sync files (*.clsync);;All files (*)"),
            "",
        )
        if path is None:
            return
        title = self.tr("Sync file not imported")
        preview = self._busy(
            self.tr("Checking the sync file…"), title, lambda: sync.preview_import(self.ctx.ws, path)
        )
        if preview is None:
            return
        if not self.run_dialog(ImportPreviewDialog(preview, self)):
            return
        result = self._busy(
            self.tr("Importing the file from {name}…").format(name=preview.from_label),
            title,
            lambda: sync.import_file(self.ctx.ws, path),
        )
        if result is None:
            return
        self._say(self._imported_text(result))
        if result.preview.conflicts and not result.already_imported:
            self.tabs.setCurrentWidget(self.conflicts)

    def _imported_text(self, result: Any) -> str:
        p = result.preview
        if result.already_imported:
            return self.tr("Nothing imported: this file was imported before.")
        text = self.tr("Imported the file from {name}: {new} new, {changed} changed.").format(
            name=p.from_label, new=f"{p.new:,}", changed=f"{p.changed:,}"
        )
        waiting = self.status.open_conflicts if self.status else 0
        if p.conflicts and waiting:
            text += " " + (
                self.tr("1 conflict is waiting for you under Conflicts.")
                if waiting == 1
                else self.tr("{n} conflicts are waiting for you under Conflicts.").format(n=waiting)
            )
        return text

    def _lock_now(self) -> None:
        """Too many wrong passwords closed the home: lock the window the page is in."""
        lock = getattr(self.window(), "lock_requested", None)
        if lock is not None:
            lock.emit()
