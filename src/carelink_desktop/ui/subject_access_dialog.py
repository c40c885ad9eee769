"""Managers export everything held about a person (their right of access), after confirming
who they are. The files are written owner-readable only; the export is audited."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.errors import CareLinkError, HomeLocked
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.widgets import PROBLEM_STYLE

FolderAsker = Callable[[QWidget, str], str]


def _ask_folder(parent: QWidget, start: str) -> str:
    return QFileDialog.getExistingDirectory(parent, parent.tr("Where to save the export"), start)


class SubjectAccessDialog(QDialog):
    """Export for one resident or one key person: PDF for reading, JSON with a documented structure."""

    def __init__(
        self,
        ws: Workspace,
        *,
        name: str,
        resident_id: str | None = None,
        key_person_id: str | None = None,
        ask_folder: FolderAsker = _ask_folder,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.resident_id, self.key_person_id = resident_id, key_person_id
        self.ask_folder = ask_folder
        self.written: tuple[Path, Path] | None = None
        self.setWindowTitle(self.tr("Subject access export"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        intro = QLabel(
            self.tr(
                "Everyone has the right to see the information held about them. This makes a PDF "
                "to read and a JSON file with everything CareLink holds about <b>{name}</b>, including "
                "who looked at or changed their record. Read both before handing them over."
            ).format(name=name.replace("<", "&lt;"))
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.third_parties = QCheckBox(
            self.tr("&Include other people's details (names, phone numbers, emails)")
        )
        self.third_parties.setToolTip(
            self.tr("Leave this off unless those people agreed or the law requires it")
        )
        self.folder = QLineEdit(str(Path.home()))
        self.folder.setAccessibleName(self.tr("Folder for the export"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Your password"))
        form = QFormLayout()
        form.addRow(self.tr("Save in &folder:"), folder_row)
        form.addRow(self.tr("Your &password:"), self.password)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Result"))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(
            self.tr("&Export"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.clicked.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.third_parties)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.password.setFocus()

    def _browse(self) -> None:
        chosen = self.ask_folder(self, self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def _say(self, text: str, *, problem: bool) -> None:
        self.message.setStyleSheet(PROBLEM_STYLE if problem else "")
        self.message.setText(text)

    def export(self) -> bool:
        """Confirm the password, then write both files; any problem is said here."""
        from carelink_desktop.reports.subject_access import export_subject_access
        from carelink_desktop.services.accounts import confirm_password
        from carelink_desktop.ui.busy import run_with_progress

        if not self.password.text():
            self._say(
                self.tr("Type your password: it is asked again before personal data leaves CareLink."),
                problem=True,
            )
            return False
        folder = Path(self.folder.text().strip()).expanduser()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            confirm_password(
                self.ws,
                self.password.text(),
                failure=self.tr("Your password is not right: nothing was exported."),
            )
        except HomeLocked as exc:
            self._say(str(exc), problem=True)
            self.export_button.setEnabled(False)
            return False
        except CareLinkError as exc:
            self._say(str(exc), problem=True)
            self.password.clear()
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.password.clear()
        include = self.third_parties.isChecked()
        try:
            self.written = run_with_progress(
                self,
                self.tr("Gathering everything held about this person…"),
                lambda: export_subject_access(
                    self.ws,
                    folder,
                    resident_id=self.resident_id,
                    key_person_id=self.key_person_id,
                    include_third_parties=include,
                ),
            )
        except CareLinkError as exc:
            self._say(str(exc), problem=True)
            return False
        pdf, data = self.written
        self._say(
            self.tr("Saved {pdf} and {json} in {folder}. Only your account on this PC can open them.").format(
                pdf=pdf.name, json=data.name, folder=pdf.parent
            ),
            problem=False,
        )
        return True
