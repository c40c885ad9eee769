"""The first-run wizard's page for setting this PC up from an invitation another PC of the
organisation made: the invitation file, its code, and this manager's login here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLineEdit, QPushButton, QWizard

from carelink_desktop.domain.accounts import MIN_PASSWORD_LENGTH, check_new_account, check_new_password
from carelink_desktop.domain.errors import CareLinkError, ValidationError
from carelink_desktop.ui.first_run import INVITATION_SUFFIX, RECOVERY_KEY, FieldsPage, _add
from carelink_desktop.ui.widgets import PROBLEM_STYLE, form_layout

if TYPE_CHECKING:
    from carelink_desktop.ui.first_run import FirstRunWizard


class JoinPage(FieldsPage):
    """This PC set up from an invitation: the file, its code, and this manager's login here."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.introduce(
            self.tr("Set up this PC from an invitation"),
            self.tr(
                "This PC gets its own encrypted copy of the organisation's records, and exchanges "
                "changes with the other PCs as files on a USB stick."
            ),
        )
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.clicked.connect(self.browse)
        grid = form_layout()
        self.invitation = self.add_field(
            self.tr("Invitation &file:"),
            QLineEdit(),
            self.tr("The {suffix} file the other PC saved, e.g. on a USB stick.").format(
                suffix=INVITATION_SUFFIX
            ),
            beside=self.browse_button,
            grid=grid,
        )
        self.code = self.add_field(
            self.tr("&Code:"),
            QLineEdit(),
            self.tr("The 20 letters and digits shown on the other PC."),
            grid=grid,
        )
        self.code.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX")
        self.username = self.add_field(
            self.tr("&Username:"),
            QLineEdit(),
            self.tr("A manager's username: type yours from the other PC to use the same account."),
            grid=grid,
        )
        self.full_name = self.add_field(
            self.tr("Full &name:"),
            QLineEdit(),
            self.tr("Only for a new manager's account (an existing one keeps its name)."),
            grid=grid,
        )
        self.password = self.add_field(
            self.tr("&Password on this PC:"),
            QLineEdit(),
            self.tr("At least {n} characters.").format(n=MIN_PASSWORD_LENGTH),
            grid=grid,
        )
        self.repeat = self.add_field(self.tr("&Repeat the password:"), QLineEdit(), grid=grid)
        for edit in (self.password, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.editingFinished.connect(self.recheck)
        grid.setVerticalSpacing(8)
        self.form.addLayout(grid)
        _add(self.form, 4, self.status, None)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Set up this PC"))

    def nextId(self) -> int:
        return RECOVERY_KEY

    def browse(self) -> None:
        chosen = self._wizard.choose_invitation(self._wizard)
        if chosen is not None:
            self.invitation.setText(str(chosen))
            self.invitation.setModified(True)
            self.recheck()

    def problems(self) -> dict[QLineEdit, str]:
        found: dict[QLineEdit, str] = {}
        path = self.invitation.text().strip()
        if not path:
            found[self.invitation] = self.tr("Choose the invitation file.")
        elif not Path(path).expanduser().is_file():
            found[self.invitation] = self.tr("There is no file at {path}.").format(path=path)
        if len([ch for ch in self.code.text() if ch.isalnum()]) != 20:
            found[self.code] = self.tr("The code has 20 letters and digits, e.g. CTC4P-7DAGL-2XZVV-FEJUY.")
        username, full_name, password = self.username.text(), self.full_name.text(), self.password.text()
        fields = {"username": self.username, "full_name": self.full_name, "password": self.password}
        checks: list[Callable[[], None]] = [
            lambda: check_new_account(username, full_name or "-"),  # the name is optional here
            lambda: check_new_password(password, username=username),
        ]
        for check in checks:
            try:
                check()
            except ValidationError as exc:
                found.update({fields[k]: msg for k, msg in exc.errors.items() if k in fields})
        if self.repeat.text() != password:
            found[self.repeat] = (
                self.tr("Type the password again.")
                if not self.repeat.text()
                else self.tr("The two passwords are not the same.")
            )
        return found

    def validatePage(self) -> bool:
        """Set this PC up now (off the GUI thread); the wizard cannot come back afterwards."""
        from carelink_desktop.ui.busy import run_with_progress

        self.status.clear()
        invitation = Path(self.invitation.text().strip()).expanduser()
        args = (invitation, self.code.text(), self.username.text().strip(), self.full_name.text().strip())
        password, join = self.password.text(), self._wizard.join
        assert join is not None  # the page is reached only when the wizard can join
        try:
            workspace, key = run_with_progress(
                self._wizard,
                self.tr("Setting up this PC from the invitation… this takes a few seconds."),
                lambda: join(*args, password),
            )
        except CareLinkError as exc:
            self.status.setStyleSheet(PROBLEM_STYLE)
            self.status.setText(str(exc))
            return False
        self._wizard.workspace, self._wizard.choice = workspace, "joined"
        from carelink_desktop.services.maintenance import home_view

        self._wizard.joined_home = home_view(workspace).name
        self._wizard.key_page.key.setText(key)
        for edit in (self.password, self.repeat):
            edit.setText("")
        return True
