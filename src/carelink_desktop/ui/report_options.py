"""Choices about a report: before it is built, how much it may show (the redaction) and the paper;
when a copy is saved, whether a password protects it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.accounts import MIN_PASSWORD_LENGTH
from carelink_desktop.reports.document import Redaction
from carelink_desktop.services.home_settings import PAPER_SIZES, home_settings
from carelink_desktop.services.workspace import Workspace


class ReportOptionsDialog(QDialog):
    """Choose the redaction (Internal preselected: whoever prints sees the whole report first and
    chooses less for anything leaving the home) and the paper (the home's setting preselected)."""

    def __init__(
        self,
        ws: Workspace,
        *,
        title: str = "",
        redactions: Sequence[Redaction] = tuple(Redaction),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Report options"))
        self.setMinimumWidth(520)
        intro = QLabel(
            self.tr(
                "Who is this copy for? Your choice is printed on every page and recorded in the "
                "audit log. For anything that leaves the home, choose the family or the "
                "professional version."
            )
        )
        intro.setWordWrap(True)

        self.redaction_box = QGroupBox(self.tr("Redaction"))
        self.redaction_group = QButtonGroup(self)
        self.redaction_buttons: dict[Redaction, QRadioButton] = {}
        column = QVBoxLayout(self.redaction_box)
        for redaction in redactions:
            button = QRadioButton(redaction.label)
            button.setAccessibleName(self.tr("Redaction: {label}").format(label=redaction.label))
            self.redaction_group.addButton(button)
            self.redaction_buttons[redaction] = button
            column.addWidget(button)
        default = Redaction.INTERNAL if Redaction.INTERNAL in self.redaction_buttons else redactions[0]
        self.redaction_buttons[default].setChecked(True)

        self.paper_box = QGroupBox(self.tr("Paper"))
        self.paper_group = QButtonGroup(self)
        self.paper_buttons: dict[str, QRadioButton] = {}
        row = QHBoxLayout(self.paper_box)
        for paper in PAPER_SIZES:
            button = QRadioButton(paper)
            button.setAccessibleName(self.tr("Paper: {paper}").format(paper=paper))
            self.paper_group.addButton(button)
            self.paper_buttons[paper] = button
            row.addWidget(button)
        row.addStretch(1)
        paper = home_settings(ws).paper_size
        self.paper_buttons.get(paper, self.paper_buttons[PAPER_SIZES[0]]).setChecked(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Preview"))
        self.ok_button.setAccessibleName(self.tr("Preview the report"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.redaction_box)
        layout.addWidget(self.paper_box)
        layout.addWidget(self.buttons)
        self.redaction_buttons[default].setFocus()

    def chosen(self) -> tuple[Redaction, str]:
        """The redaction and paper ("A4" or "Letter") ticked."""
        redaction = next(r for r, b in self.redaction_buttons.items() if b.isChecked())
        paper = next(p for p, b in self.paper_buttons.items() if b.isChecked())
        return redaction, paper


class PasswordProtection(QWidget):
    """ "Protect the saved PDF with a password", the password twice, and a hint; the password
    fields work only while the box is ticked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.protect = QCheckBox(self.tr("Pr&otect the saved PDF with a password"))
        self.protect.setAccessibleName(self.tr("Protect the saved PDF with a password"))
        self.password = QLineEdit()
        self.password_again = QLineEdit()
        self.password_label = QLabel(self.tr("P&assword:"))
        self.again_label = QLabel(self.tr("A&gain:"))
        for field, label, name in (
            (self.password, self.password_label, self.tr("Password for the saved PDF")),
            (self.password_again, self.again_label, self.tr("Password for the saved PDF again")),
        ):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name)
            field.setEnabled(False)
            label.setBuddy(field)
        self.hint = QLabel(self.tr("Give the password separately: by phone, never in the same email."))
        self.hint.setWordWrap(True)
        self.protect.toggled.connect(self._toggled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.protect)
        row.addSpacing(12)
        for widget in (self.password_label, self.password, self.again_label, self.password_again):
            row.addWidget(widget)
        row.addSpacing(12)
        row.addWidget(self.hint, 1)
        QWidget.setTabOrder(self.protect, self.password)
        QWidget.setTabOrder(self.password, self.password_again)

    def _toggled(self, on: bool) -> None:
        for field in (self.password, self.password_again):
            field.setEnabled(on)
            if not on:
                field.clear()
        if on:
            self.password.setFocus()

    def chosen_password(self) -> str:
        """The password to protect with ("" when the box is not ticked)."""
        return self.password.text() if self.protect.isChecked() else ""

    def problem(self) -> str:
        """What is wrong with the passwords typed ("" when nothing is); focuses the field."""
        if not self.protect.isChecked():
            return ""
        if len(self.password.text()) < MIN_PASSWORD_LENGTH:
            self.password.setFocus()
            return self.tr("Choose a password of at least {n} characters to protect the PDF.").format(
                n=MIN_PASSWORD_LENGTH
            )
        if self.password.text() != self.password_again.text():
            self.password_again.clear()
            self.password_again.setFocus()
            return self.tr("The two passwords are not the same: type the password again.")
        return ""

    def reset(self) -> None:
        """Untick the box and forget the passwords (after saving)."""
        self.protect.setChecked(False)
