"""The Today area: the day's planned visits arrive with the contact visits feature."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.ui.pages import Page, ShellContext


class TodayPage(Page):
    area = "today"

    def __init__(self, ctx: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.body = QLabel(
            self.tr(
                "Planned visits, calls and outings for today will show here, with signing in and "
                "out, once contact visits are recorded in CareLink."
            )
        )
        self.body.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        layout.addStretch(1)
        self.refresh()

    def title(self) -> str:
        return self.tr("Today")

    def refresh(self) -> None:
        today = format_uk_date(self.ctx.ws.today())
        self.heading.setText(self.tr("<h2>Today, {date}</h2>").format(date=today))
