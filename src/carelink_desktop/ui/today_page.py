"""The Today area: carer plan reviews that are overdue; the day's planned visits arrive with the
contact visits feature."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.services.carer_plans import KIND, REVIEW_KIND, overdue_reviews
from carelink_desktop.ui.pages import Page, ShellContext


class TodayPage(Page):
    area = "today"
    watches = (KIND, REVIEW_KIND)  # carer plan reviews overdue

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
        # Carer plans whose review date has passed; Enter on one opens the plan.
        self.overdue_heading = QLabel(self.tr("Carer plan &reviews overdue"))
        self.overdue_heading.setStyleSheet("font-weight: bold;")
        self.overdue = QListWidget()
        self.overdue.setAccessibleName(self.tr("Carer plan reviews overdue"))
        self.overdue_heading.setBuddy(self.overdue)
        self.overdue.itemActivated.connect(self._open_plan)
        self.none_overdue = QLabel(self.tr("No carer plan reviews are overdue."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        layout.addSpacing(self.fontMetrics().height())
        layout.addWidget(self.overdue_heading)
        layout.addWidget(self.none_overdue)
        layout.addWidget(self.overdue, 1)
        layout.addStretch(1)
        self.refresh()

    def title(self) -> str:
        return self.tr("Today")

    def refresh(self) -> None:
        today = format_uk_date(self.ctx.ws.today())
        self.heading.setText(self.tr("<h2>Today, {date}</h2>").format(date=today))
        if self.home_is_open():
            self._show_overdue()

    def _show_overdue(self) -> None:
        self.overdue.clear()
        for plan in overdue_reviews(self.ctx.ws):
            text = self.tr("{carer} and {resident}: the review was due on {date} (overdue)").format(
                carer=plan.carer_name, resident=plan.resident_name, date=format_uk_date(plan.next_review_on)
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, plan.id)
            self.overdue.addItem(item)
        self.overdue.setVisible(self.overdue.count() > 0)
        self.none_overdue.setVisible(self.overdue.count() == 0)
        if self.overdue.count():
            self.overdue.setCurrentRow(0)

    def _open_plan(self, item: QListWidgetItem) -> None:
        from carelink_desktop.ui.carer_plan_editor import open_plan_editor

        self.plan_editor = open_plan_editor(self.ctx.ws, str(item.data(Qt.ItemDataRole.UserRole)), self)
