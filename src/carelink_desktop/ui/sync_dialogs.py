"""The Sync area's dialogs: name this PC, add a PC, export (with the password asked again),
the invitation code shown once, and what a sync file would do before it is imported."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.errors import CareLinkError, HomeLocked
from carelink_desktop.services.sync import ImportPreview, PartnerStatus
from carelink_desktop.services.sync_enrolment import Invitation
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.sync_models import KindsModel, local_day, local_time, site_kind_label
from carelink_desktop.ui.widgets import emphasise, form_layout, problem_label, record_table


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _buttons(dialog: QDialog, action: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(action)
    buttons.rejected.connect(dialog.reject)
    return buttons


class NameDialog(QDialog):
    """One name to type (this PC's, when setting up sync or renaming it). ``submit(name)``
    does the work; a refusal is shown here and the dialog stays open."""

    def __init__(
        self,
        title: str,
        intro: str,
        *,
        caption: str,
        value: str,
        action: str,
        submit: Callable[[str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.name = QLineEdit(value)
        self.name.setAccessibleName(caption.replace("&", "").rstrip(":"))
        self.name.setMaxLength(120)
        self.name.selectAll()
        label = QLabel(caption)
        label.setBuddy(self.name)
        self.message = problem_label(self.tr("Problem"))
        self.buttons = _buttons(self, action)
        self.buttons.accepted.connect(self._ok)
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped(intro))
        layout.addSpacing(4)
        layout.addWidget(label)
        layout.addWidget(self.name)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.name.setFocus()

    def _ok(self) -> None:
        try:
            self._submit(self.name.text())
        except CareLinkError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return
        self.accept()


class AddSiteDialog(QDialog):
    """The new PC's name and whether it is a PC in the home or head office."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a PC"))
        self.setMinimumWidth(480)
        intro = _wrapped(
            self.tr(
                "CareLink writes an invitation file for the new PC, holding a copy of every record, "
                "and shows a code that opens it. Take the file to the new PC on a USB stick."
            )
        )
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("The new PC's name"))
        self.name.setPlaceholderText(self.tr("e.g. Downstairs office, or Head office"))
        self.name.setMaxLength(120)
        name_label = QLabel(self.tr("The new PC's &name:"))
        name_label.setBuddy(self.name)
        self.pc = QRadioButton(self.tr("A &PC in the home"))
        self.head_office = QRadioButton(self.tr("&Head office"))
        self.pc.setChecked(True)
        group = QButtonGroup(self)
        for button in (self.pc, self.head_office):
            group.addButton(button)
        self.message = problem_label(self.tr("Problem"))
        self.buttons = _buttons(self, self.tr("&Choose where to save the invitation…"))
        self.buttons.accepted.connect(self._ok)
        kinds = QHBoxLayout()
        kinds.addWidget(self.pc)
        kinds.addWidget(self.head_office)
        kinds.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addWidget(name_label)
        layout.addWidget(self.name)
        layout.addLayout(kinds)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.name.setFocus()

    def kind(self) -> str:
        return "head_office" if self.head_office.isChecked() else "pc"

    def _ok(self) -> None:
        if not self.name.text().strip():
            self.message.setText(self.tr("Type the new PC's name."))
            self.message.show()
            self.name.setFocus()
            return
        self.accept()


class ExportDialog(QDialog):
    """Which PC the file is for, changes or everything, and the manager's password again
    (checked here: a wrong one is said here and nothing is written)."""

    def __init__(
        self, ws: Workspace, partners: Sequence[PartnerStatus], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        #: True once too many wrong passwords have closed the home.
        self.locked = False
        self.setWindowTitle(self.tr("Export changes"))
        self.setMinimumWidth(500)
        self.partner = QComboBox()
        self.partner.setAccessibleName(self.tr("For which PC"))
        for p in partners:
            self.partner.addItem(f"{p.label} ({site_kind_label(p.kind)})", p.site_id)
        # With one other PC there is nothing to choose: say which it is.
        self.only_partner = QLabel(self.partner.currentText())
        self.only_partner.setTextFormat(Qt.TextFormat.PlainText)
        self.partner.setVisible(len(partners) > 1)
        self.only_partner.setVisible(len(partners) <= 1)
        self.full = QCheckBox(self.tr("&Everything, not only the changes since the last file"))
        self.full.setToolTip(
            self.tr("A full copy of every record: use it when a file was lost or a PC was restored.")
        )
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Your password"))
        self.message = problem_label(self.tr("Problem"))
        intro = _wrapped(
            self.tr(
                "The file is encrypted: only the organisation's PCs can open it. Records leave this "
                "PC, so type your password again to export."
            )
        )
        form = form_layout()
        partner_label = QLabel(self.tr("&For:") if len(partners) > 1 else self.tr("For:"))
        partner_label.setBuddy(self.partner)
        partner_row = QHBoxLayout()
        partner_row.addWidget(self.partner, 1)
        partner_row.addWidget(self.only_partner, 1)
        form.addRow(partner_label, partner_row)
        form.addRow("", self.full)
        password_label = QLabel(self.tr("Your &password:"))
        password_label.setBuddy(self.password)
        form.addRow(self.tr("Username:"), QLabel(ws.actor.username))
        form.addRow(password_label, self.password)
        form.setVerticalSpacing(10)
        self.buttons = _buttons(self, self.tr("&Choose where to save…"))
        self.buttons.accepted.connect(self._ok)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.password.setFocus()

    def partner_id(self) -> str:
        return str(self.partner.currentData())

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _ok(self) -> None:
        from carelink_desktop.services.accounts import confirm_password

        if not self.password.text():
            self._say(self.tr("Type your password: it is asked again before records leave this PC."))
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            confirm_password(
                self.ws,
                self.password.text(),
                failure=self.tr("Your password is not right: nothing was exported."),
            )
        except HomeLocked as exc:
            self.locked = True
            self._say(str(exc))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        except CareLinkError as exc:
            self._say(str(exc))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
            self.password.setText("")
        self.accept()


def _big_code_field(text: str, name: str) -> QLineEdit:
    field = QLineEdit(text)
    field.setReadOnly(True)
    field.setAlignment(Qt.AlignmentFlag.AlignCenter)
    field.setAccessibleName(name)
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(field.font().pointSizeF() * 1.8)
    font.setBold(True)
    field.setFont(font)
    field.setMinimumWidth(field.fontMetrics().horizontalAdvance("M" * (len(text) + 2)) + 24)
    return field


class InvitationCodeDialog(QDialog):
    """The code that opens a new PC's invitation, shown this once, with what to do next."""

    def __init__(self, invitation: Invitation, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Invitation for {name}").format(name=invitation.label))
        intro = _wrapped(
            self.tr("The invitation for {name} ({kind}) is saved as {file}.").format(
                name=invitation.label, kind=site_kind_label(kind).lower(), file=invitation.path
            )
        )
        self.code = _big_code_field(invitation.code, self.tr("Invitation code"))
        caption = QLabel(self.tr("Invitation &code:"))
        caption.setBuddy(self.code)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.clicked.connect(self._copy)
        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(self.copy_button)
        warning = QLabel(
            self.tr(
                "<b>The code is shown only this once.</b> Write it down or read it out to the person "
                "setting up the other PC. Do not send it with the file: the file holds every record."
            )
        )
        warning.setWordWrap(True)
        steps = QLabel(
            self.tr(
                "<p>On the other PC:</p><ol>"
                "<li>Start CareLink Desktop and choose <i>Set up this PC from an invitation</i>.</li>"
                "<li>Choose the invitation file {file} and type the code.</li>"
                "<li>Type a manager's username (yours, to use the same account) and a password.</li>"
                "</ol><p>Then delete the invitation file from the USB stick.</p>"
            ).format(file=html.escape(invitation.path.name))
        )
        steps.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addWidget(caption)
        layout.addLayout(row)
        layout.addSpacing(6)
        layout.addWidget(warning)
        layout.addWidget(steps)
        layout.addWidget(buttons)
        self.setMinimumWidth(max(520, self.code.minimumWidth() + 140))
        self.copy_button.setFocus()

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.code.text())
        self.copy_button.setText(self.tr("Copied"))

    def done(self, result: int) -> None:
        self.code.setText("")  # shown once: nothing of it stays behind
        super().done(result)


class ImportPreviewDialog(QDialog):
    """Which PC a file came from, when it was made, and what importing it would change here."""

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(self.tr("Import a sync file"))
        self.setMinimumWidth(560)
        heading = QLabel(self.tr("From {pc}").format(pc=preview.from_label))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        emphasise(heading, 1.2)
        form = form_layout()
        made = self.tr("{day} at {time}").format(
            day=local_day(preview.made_at), time=local_time(preview.made_at)
        )
        holds = (
            self.tr("Everything (a full copy): {n} records")
            if preview.full
            else self.tr("Changes since the last file: {n} records")
        ).format(n=f"{preview.records:,}")
        for caption, value in (
            (self.tr("Made:"), made),
            (self.tr("Holds:"), holds),
            (self.tr("File:"), preview.path.name),
        ):
            label = _wrapped(value)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(caption, label)
        self.summary = _wrapped(self.summary_text())
        self.summary.setAccessibleName(self.tr("What importing does"))
        self.model = KindsModel(self)
        self.model.set_rows(preview.kinds)
        self.table = record_table(self.model, self.tr("What the file holds, by kind of record"))
        self.table.setVisible(bool(preview.kinds))
        rows = max(1, min(len(preview.kinds), 8))  # as tall as its rows, scrolling beyond eight
        self.table.setFixedHeight(
            self.table.horizontalHeader().sizeHint().height()
            + rows * self.table.verticalHeader().defaultSectionSize()
            + 2 * self.table.frameWidth()
        )
        self.notes = [_wrapped(text) for text in self.note_texts()]
        self.buttons = _buttons(self, self.tr("&Import"))
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setEnabled(preview.already_imported_at is None)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addSpacing(4)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        for note in self.notes:
            layout.addWidget(note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        (self.import_button if self.import_button.isEnabled() else self.buttons).setFocus()

    def summary_text(self) -> str:
        p = self.preview
        if p.already_imported_at is not None:
            return self.tr(
                "This file was imported on {day} at {time}: importing it again changes nothing."
            ).format(day=local_day(p.already_imported_at), time=local_time(p.already_imported_at))
        if not p.changes_anything:
            return self.tr("This PC already holds everything in this file: importing it changes nothing.")
        parts = []
        if p.new:
            parts.append(self._count(p.new, self.tr("1 new record"), self.tr("{n} new records")))
        if p.changed:
            parts.append(self._count(p.changed, self.tr("1 changed record"), self.tr("{n} changed records")))
        if p.conflicts:
            parts.append(
                self._count(
                    p.conflicts,
                    self.tr("1 record changed on both PCs"),
                    self.tr("{n} records changed on both PCs"),
                )
            )
        return self.tr("Importing brings in: {parts}.").format(parts=", ".join(parts))

    @staticmethod
    def _count(n: int, one: str, many: str) -> str:
        return one if n == 1 else many.format(n=f"{n:,}")

    def note_texts(self) -> list[str]:
        p = self.preview
        notes = []
        if p.already_imported_at is None and p.older:
            notes.append(
                self.tr(
                    "{n} records in the file are older than the ones here and are skipped: older "
                    "records never replace newer ones."
                ).format(n=f"{p.older:,}")
            )
        if p.older_than_last:
            notes.append(
                self.tr(
                    "A newer file from {pc} has been imported already. Importing this one is safe: "
                    "older records never replace newer ones."
                ).format(pc=p.from_label)
            )
        if p.already_imported_at is None and p.conflicts:
            notes.append(
                self.tr(
                    "Where the same detail was changed on both PCs, both versions are kept and listed "
                    "under Conflicts for you to settle."
                )
            )
        return notes
