"""The first-run wizard, shown when this PC has no home yet.

Welcome (set up our home, look around the demo home, or set this PC up from an invitation
another PC of the organisation made) → the home's name → the first manager's account (or: the
invitation file, its code and this manager's login) → the recovery key, to print or save.
Creating the home and joining are injected (``create``, ``join``), so the wizard holds no paths,
settings or database code of its own; in production the caller passes
services.access.create_home and services.sync_enrolment.join_organisation bound to the app's
paths and KDF. The recovery key lives only in the widget that shows it and is cleared when the
wizard closes.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor, QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from carelink_desktop.domain.accounts import MIN_PASSWORD_LENGTH, check_new_account, check_new_password
from carelink_desktop.domain.errors import CareLinkError, ValidationError
from carelink_desktop.domain.validation import Problems
from carelink_desktop.storage.atomic import write_atomically
from carelink_desktop.ui.widgets import PROBLEM_STYLE

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from carelink_desktop.services.workspace import Workspace

#: (home name, username, full name, password) -> the manager's open workspace and the recovery key.
CreateHome = Callable[[str, str, str, str], "tuple[Workspace, str]"]
#: Asks for a printer (the print dialog); None when the person cancels.
ChoosePrinter = Callable[[QWidget], "QPrinter | None"]
#: Asks where to save (the save dialog), given a suggested file name; None when cancelled.
ChooseSavePath = Callable[[QWidget, str], "Path | None"]
#: (invitation file, code, username, full name, password) -> the manager's open workspace on the
#: new copy and its recovery key.
JoinOrganisation = Callable[[Path, str, str, str, str], "tuple[Workspace, str]"]
#: Asks which invitation file to open (the open dialog); None when cancelled.
ChooseInvitation = Callable[[QWidget], "Path | None"]

WELCOME, HOME_NAME, MANAGER, RECOVERY_KEY, JOIN = range(5)
INVITATION_SUFFIX = ".clinvite"  # as services.sync_enrolment writes them


def ask_for_printer(parent: QWidget) -> QPrinter | None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(parent.tr("Print the recovery key"))
    return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


def ask_where_to_save(parent: QWidget, suggested: str) -> Path | None:
    name, _filter = QFileDialog.getSaveFileName(
        parent,
        parent.tr("Save the recovery key"),
        str(Path.home() / suggested),
        parent.tr("Text files (*.txt)"),
    )
    return Path(name) if name else None


def ask_for_invitation(parent: QWidget) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        parent.tr("Choose the invitation file"),
        str(Path.home()),
        parent.tr("CareLink invitations (*{suffix});;All files (*)").format(suffix=INVITATION_SUFFIX),
    )
    return Path(name) if name else None


def _add(layout: QVBoxLayout | QHBoxLayout, *items: QWidget | QHBoxLayout | int | None) -> None:
    """Add widgets and layouts in order; an int is spacing, None a stretch."""
    for item in items:
        if item is None:
            layout.addStretch(1)
        elif isinstance(item, int):
            layout.addSpacing(item)
        elif isinstance(item, QHBoxLayout):
            layout.addLayout(item)
        else:
            layout.addWidget(item)


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class WelcomePage(QWizardPage):
    def __init__(self, *, can_join: bool = False) -> None:
        super().__init__()
        self.setTitle(self.tr("Welcome to CareLink Desktop"))
        intro = _wrapped(
            self.tr(
                "CareLink keeps your home's records of residents' family and friends, contact visits "
                "and carer support plans on this computer. Everything is kept in one encrypted file: "
                "only staff with a CareLink username and password can open it.\n\n"
                "What would you like to do?"
            )
        )
        self.set_up = QRadioButton(self.tr("&Set up our home"))
        self.set_up.setChecked(True)
        self.demo = QRadioButton(self.tr("Open the &demo home"))
        self.join = QRadioButton(self.tr("Set up this PC from an &invitation"))
        group = QButtonGroup(self)
        for button in (self.set_up, self.demo, self.join):
            group.addButton(button)
        self.demo.toggled.connect(self._choice_changed)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Open the demo home"))
        set_up_note = _wrapped(
            self.tr("Name your home and make the first manager's account. It takes a couple of minutes.")
        )
        demo_note = _wrapped(
            self.tr(
                "Look around a made-up home first. Everyone in it is fictional, "
                "and nothing you do there touches your own records."
            )
        )
        join_note = _wrapped(
            self.tr(
                "Your home or organisation already uses CareLink on another PC, and a manager there "
                "gave you an invitation file and its code."
            )
        )
        style = self.style()
        for note in (set_up_note, demo_note, join_note):  # lined up with the radio buttons' text
            note.setIndent(
                style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth)
                + style.pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing)
            )
        self.join.setVisible(can_join)
        join_note.setVisible(can_join)
        _add(
            QVBoxLayout(self),
            intro,
            8,
            self.set_up,
            set_up_note,
            8,
            self.demo,
            demo_note,
            8,
            self.join,
            join_note,
            None,
        )

    def nextId(self) -> int:
        if self.demo.isChecked():
            return -1
        return JOIN if self.join.isChecked() else HOME_NAME

    def _choice_changed(self) -> None:
        """Next becomes Finish for the demo. QWizard only asks ``nextId`` again when it shows a
        page, so show this one afresh (it is the first page: nothing is lost)."""
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self:
            focused = self.focusWidget()
            wizard.restart()
            if focused is not None:
                focused.setFocus()


class FieldsPage(QWizardPage):
    """A page of text fields, each checked as it is typed. Beneath each field a note gives its
    help, or in red its problem once something has been typed in it."""

    def __init__(self) -> None:
        super().__init__()
        self.form = QVBoxLayout(self)
        self._notes: dict[QLineEdit, tuple[QLabel, str]] = {}
        self._shown: dict[QLineEdit, str] = {}
        self.status = _wrapped()
        self.status.setStyleSheet(PROBLEM_STYLE)

    def introduce(self, title: str, intro: str) -> None:
        self.setTitle(title)
        text = _wrapped(intro)
        _add(self.form, text, text.fontMetrics().height() // 2)

    def add_field(
        self,
        caption: str,
        edit: QLineEdit,
        help_text: str = "",
        *,
        beside: QWidget | None = None,
        grid: QFormLayout | None = None,
    ) -> QLineEdit:
        """Add a field (with ``beside`` to its right), its label above it or, given a ``grid``,
        to its left, and its note beneath."""
        label = QLabel(caption)
        label.setBuddy(edit)
        edit.setAccessibleName(caption.replace("&", "").rstrip(":"))
        if help_text:
            edit.setAccessibleDescription(help_text)
        note = _wrapped(help_text)
        row = QHBoxLayout()
        _add(row, edit, *([beside] if beside is not None else []))
        if grid is None:
            _add(self.form, label, row, note, note.fontMetrics().height() // 3)
        else:
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addLayout(row)
            cell.addWidget(note)
            grid.addRow(label, cell)
        self._notes[edit] = (note, help_text)
        edit.textChanged.connect(self.recheck)
        return edit

    def shown_problem(self, edit: QLineEdit) -> str:
        """The problem shown under ``edit`` now ("" when none)."""
        return self._shown.get(edit, "")

    def problems(self) -> dict[QLineEdit, str]:
        raise NotImplementedError

    def recheck(self) -> None:
        found = self.problems()
        for edit, (note, help_text) in self._notes.items():
            problem = found.get(edit, "") if edit.text() or edit.isModified() else ""
            self._shown[edit] = problem
            note.setText(problem or help_text)
            note.setStyleSheet(PROBLEM_STYLE if problem else "")
        self.status.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.problems()


class HomeNamePage(FieldsPage):
    def __init__(self) -> None:
        super().__init__()
        self.introduce(
            self.tr("Your home"), self.tr("Type the name of your care home as staff and families know it.")
        )
        self.home_name = self.add_field(self.tr("The home's n&ame:"), QLineEdit())
        self.home_name.setPlaceholderText(self.tr("e.g. Rosewood House"))
        self.form.addStretch(1)

    def problems(self) -> dict[QLineEdit, str]:
        p = Problems()
        p.require("home_name", self.home_name.text(), "The home's name")
        p.max_length("home_name", self.home_name.text().strip(), "The home's name", 200)
        return {self.home_name: p.errors["home_name"]} if p.errors else {}


class ManagerPage(FieldsPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.introduce(
            self.tr("The first manager"),
            self.tr(
                "This is your own account, as the home's first manager. You will add everyone "
                "else's accounts from inside CareLink."
            ),
        )
        self.username = self.add_field(
            self.tr("&Username:"),
            QLineEdit(),
            self.tr("What you will type to log in, e.g. j.smith: letters, digits, dots or dashes."),
        )
        self.full_name = self.add_field(self.tr("&Full name:"), QLineEdit())
        self.password = self.add_field(
            self.tr("&Password:"),
            QLineEdit(),
            self.tr(
                "At least {n} characters. A short sentence is easy to remember and hard to guess."
            ).format(n=MIN_PASSWORD_LENGTH),
        )
        self.repeat = self.add_field(self.tr("&Repeat the password:"), QLineEdit())
        for edit in (self.password, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.editingFinished.connect(self.recheck)
        _add(self.form, self.status, None)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Create the home"))

    def problems(self) -> dict[QLineEdit, str]:
        found: dict[QLineEdit, str] = {}
        username, password, repeat = self.username.text(), self.password.text(), self.repeat.text()
        fields = {"username": self.username, "full_name": self.full_name, "password": self.password}
        checks: list[Callable[[], None]] = [
            lambda: check_new_account(username, self.full_name.text()),
            lambda: check_new_password(password, username=username),
        ]
        for check in checks:
            try:
                check()
            except ValidationError as exc:
                found.update({fields[k]: msg for k, msg in exc.errors.items() if k in fields})
        if repeat != password and password.startswith(repeat) and self.repeat.hasFocus():
            found[self.repeat] = ""  # still typing it: not complete, but nothing wrong yet
        elif repeat != password:
            found[self.repeat] = (
                self.tr("Type the password again.")
                if not repeat
                else self.tr("The two passwords are not the same.")
            )
        return found

    def validatePage(self) -> bool:
        """Create the home now; the wizard cannot come back to this page afterwards."""
        self.status.setText(self.tr("Creating the home… this takes a few seconds."))
        self.status.setStyleSheet("")
        self.status.repaint()
        QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        try:
            self._wizard.workspace, key = self._wizard.create_home(
                self._wizard.home_page.home_name.text().strip(),
                self.username.text().strip(),
                self.full_name.text().strip(),
                self.password.text(),
            )
        except CareLinkError as exc:
            self.status.setStyleSheet(PROBLEM_STYLE)
            self.status.setText(str(exc))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self._wizard.choice = "created"
        self._wizard.key_page.key.setText(key)
        for edit in (self.password, self.repeat):
            edit.setText("")  # setText, unlike clear, also empties the undo history
        self.status.clear()
        return True


class RecoveryKeyPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Your recovery key"))
        warning = _wrapped(
            self.tr(
                "<p><b>Print this key or save it now: it is shown only once.</b></p><p>{warning}</p>"
            ).format(warning=html.escape(self.key_warning()))
        )
        self.key = QLineEdit()
        self.key.setReadOnly(True)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key.setAccessibleName(self.tr("Recovery key"))
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(self.font().pointSizeF() * 1.6)
        font.setBold(True)
        self.key.setFont(font)
        self.key.setMinimumWidth(self.key.fontMetrics().horizontalAdvance("M" * 40) + 24)
        caption = QLabel(self.tr("Recovery &key:"))
        caption.setBuddy(self.key)
        self.print_button = QPushButton(self.tr("&Print…"))
        self.save_button = QPushButton(self.tr("&Save…"))
        self.print_button.clicked.connect(self.print_key)
        self.save_button.clicked.connect(self.save_key)
        self.status = _wrapped()
        self.confirm = QCheckBox(
            self.tr("&I have printed or saved the recovery key and will keep it locked away")
        )
        self.confirm.toggled.connect(self.completeChanged)
        buttons = QHBoxLayout()
        _add(buttons, self.print_button, self.save_button, None)
        _add(QVBoxLayout(self), warning, 8, caption, self.key, buttons, self.status, None, self.confirm)

    def key_warning(self) -> str:
        return self.tr(
            "This recovery key is the only way back into the home's records if every password is "
            "lost. Keep it locked away, apart from this computer: anyone who has it can open the records."
        )

    def isComplete(self) -> bool:
        return self.confirm.isChecked() and bool(self.key.text())

    def nextId(self) -> int:
        return -1

    def _home(self) -> str:
        return self._wizard.home_name()

    def _show(self, text: str, *, problem: bool = False) -> None:
        self.status.setStyleSheet(PROBLEM_STYLE if problem else "")
        self.status.setText(text)

    def sheet_html(self) -> str:
        """The printed sheet: the home, today's date, the key and the warning."""
        return self.tr(
            "<h1>CareLink Desktop recovery key</h1>"
            "<p>Home: <b>{home}</b><br>Printed: {day}</p>"
            "<p style='font-family: monospace; font-size: xx-large; font-weight: bold'>{key}</p>"
            "<p><b>Warning:</b> {warning}</p>"
        ).format(
            home=html.escape(self._home()),
            day=date.today().strftime("%d/%m/%Y"),
            key=html.escape(self.key.text()),
            warning=html.escape(self.key_warning()),
        )

    def print_key(self) -> None:
        from PySide6.QtGui import QFont, QPainter, QTextDocument
        from PySide6.QtPrintSupport import QPrinter

        printer = self._wizard.choose_printer(self._wizard)
        if printer is None:
            return
        doc = QTextDocument()
        paper_font = QFont(self.font())
        paper_font.setPointSizeF(12)  # points on paper, whatever the screen's text size
        doc.setDefaultFont(paper_font)
        doc.setHtml(self.sheet_html())
        painter = QPainter()
        if not painter.begin(printer):
            self._show(
                self.tr("The printer could not be used. Try again, or save the key instead."), problem=True
            )
            return
        try:
            doc.documentLayout().setPaintDevice(printer)
            doc.setTextWidth(printer.pageLayout().paintRectPixels(printer.resolution()).width())
            doc.drawContents(painter)
        finally:
            painter.end()
        self._show(
            self.tr("Sent to the printer. Check the page has printed clearly.")
            if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
            else self.tr("Printed to {file}.").format(file=printer.outputFileName())
        )

    def save_key(self) -> None:
        suggested = self.tr("CareLink recovery key - {home}.txt").format(home=self._home())
        path = self._wizard.choose_save_path(self._wizard, suggested.replace("/", "-"))
        if path is None:
            return
        # The key alone, as `carelink init --recovery-key-file` writes it and `carelink recover
        # --recovery-key-file` reads it back (the whole file is taken as the key).
        try:
            write_atomically(
                path, (self.key.text() + "\n").encode("ascii"), what="the recovery key", private=True
            )
        except CareLinkError as exc:
            self._show(str(exc), problem=True)
            return
        self._show(
            self.tr("Saved to {file}. Move it somewhere safe, away from this computer.").format(file=path)
        )


class FirstRunWizard(QWizard):
    """Sets up a new home, or (given ``join``) this PC from an invitation. After ``exec``:
    ``choice`` is "demo", "created", "joined" or None (closed), and ``workspace`` the manager's
    open workspace (the caller closes it) when "created" or "joined".

    Once the home exists the wizard always ends Accepted, even when closed early."""

    def __init__(
        self,
        create: CreateHome,
        *,
        choose_printer: ChoosePrinter = ask_for_printer,
        choose_save_path: ChooseSavePath = ask_where_to_save,
        join: JoinOrganisation | None = None,
        choose_invitation: ChooseInvitation = ask_for_invitation,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.create_home = create
        self.join = join
        self.choose_printer = choose_printer
        self.choose_save_path = choose_save_path
        self.choose_invitation = choose_invitation
        self.choice: str | None = None
        self.workspace: Any = None
        #: The home's name as the invitation brought it (when this PC joined).
        self.joined_home = ""
        self.setWindowTitle(self.tr("Set up CareLink Desktop"))
        line = self.fontMetrics().height()  # sized in lines of text, so it grows with the font
        self.setMinimumSize(44 * line, 36 * line)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.welcome_page = WelcomePage(can_join=join is not None)
        self.home_page = HomeNamePage()
        self.manager_page = ManagerPage(self)
        self.key_page = RecoveryKeyPage(self)
        from carelink_desktop.ui.first_run_join import JoinPage  # (it builds on this module's pages)

        self.join_page = JoinPage(self)
        pages = (self.welcome_page, self.home_page, self.manager_page, self.key_page, self.join_page)
        for page_id, page in zip((WELCOME, HOME_NAME, MANAGER, RECOVERY_KEY, JOIN), pages, strict=True):
            self.setPage(page_id, page)
        self.setStartId(WELCOME)
        # No Cancel once the home exists; the demo choice (also a last page) keeps it.
        self.currentIdChanged.connect(
            lambda page_id: self.setOption(
                QWizard.WizardOption.NoCancelButtonOnLastPage, page_id == RECOVERY_KEY
            )
        )

    def home_name(self) -> str:
        """The home's name: as typed, or as the invitation brought it."""
        return self.joined_home or self.home_page.home_name.text().strip()

    def confirm_leave_without_key(self) -> bool:
        """Asked when closing before the key is put away; override in tests."""
        answer = QMessageBox.warning(
            self,
            self.windowTitle(),
            self.tr("The recovery key will not be shown again. Close without printing or saving it?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def accept(self) -> None:
        if self.choice is None and self.welcome_page.demo.isChecked():
            self.choice = "demo"
        super().accept()

    def reject(self) -> None:
        if self.workspace is None:
            super().reject()
        elif self.key_page.confirm.isChecked() or self.confirm_leave_without_key():
            self.accept()  # the home exists: the caller must open it either way

    def done(self, result: int) -> None:
        self.key_page.key.setText("")  # setText, unlike clear, leaves nothing in the undo history
        super().done(result)
