"""A line edit for UK dates: staff type dd/mm/yyyy and see at once when it is not a real date."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from carelink_desktop.domain.dates import format_uk_date, parse_uk_date

#: Text that looks finished (day, month and a four-digit year), so a problem is worth saying now.
_COMPLETE = re.compile(r"^\s*\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}\s*$")
#: Characters a date being typed may contain; anything else is wrong from the first keystroke.
_TYPING = re.compile(r"^[\d/.\-\s]*$")


class DateField(QLineEdit):
    """dd/mm/yyyy (also 7.3.1941 or 7-3-1941, tidied to 07/03/1941 on leaving the field).

    ``date()`` is None when the field is empty; ``problem()`` says why the text is not a date.
    ``problem_changed`` carries the problem worth showing now ("" for none): while a date is
    half typed nothing is said, unless the text could never become a date; once it looks
    complete, or the person leaves the field, any problem is said.
    """

    problem_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.setToolTip(self.tr("Type the date as day/month/year, e.g. 07/03/1941"))
        self._revealed = False
        self._shown = ""
        self.textChanged.connect(self._update)
        self.editingFinished.connect(self._finished)
        # Wide enough for "00/00/00000" whatever the font, no wider.
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("00/00/00000") + 40)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("00/00/0000") + 24)

    # -- value -------------------------------------------------------------------------------

    def date(self) -> dt.date | None:
        """The date typed; None when empty. Raises ValueError (with ``problem()``'s text) when
        the text is not a date."""
        if not self.text().strip():
            return None
        return parse_uk_date(self.text())

    def set_date(self, value: dt.date | None) -> None:
        self._revealed = False
        self.setText(format_uk_date(value))

    def problem(self) -> str | None:
        """Why the text is not a date, or None when it is one or the field is empty."""
        if not self.text().strip():
            return None
        try:
            parse_uk_date(self.text())
        except ValueError as exc:
            return str(exc)
        return None

    def looks_complete(self) -> bool:
        """True when the text is no longer being typed: a whole date, or impossible already."""
        text = self.text()
        return bool(_COMPLETE.match(text)) or not _TYPING.match(text)

    def visible_problem(self) -> str:
        """The problem worth showing now ("" for none), following the rules in the class doc."""
        if not (self._revealed or self.looks_complete()):
            return ""
        return self.problem() or ""

    # -- behaviour ---------------------------------------------------------------------------

    def reveal(self) -> None:
        """Say any problem from now on (the person left the field, or tried to save)."""
        self._revealed = True
        self._update()

    def _finished(self) -> None:
        problem = self.problem()
        if problem is None and self.text().strip():
            tidy = format_uk_date(parse_uk_date(self.text()))
            if tidy != self.text():
                self.setText(tidy)
        self.reveal()

    def _update(self) -> None:
        if not self.text().strip():
            self._revealed = False
        shown = self.visible_problem()
        if shown != self._shown:
            self._shown = shown
            self.problem_changed.emit(shown)
