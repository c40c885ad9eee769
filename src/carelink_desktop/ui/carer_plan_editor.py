"""One carer support plan (issue #7, partnership with carers P1–P23): its pages, where it stands,
and the steps that move it on — agree, put into action, review, close.

Save writes the plan through services.carer_plans.update_plan with the version it had when it was
opened, and the editor stays open. The steps save unsaved changes first. A closed plan (or one a
person's role cannot change) opens read-only.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.carer_plans import TRANSITIONS, PlanStatus
from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.errors import CareLinkError, ValidationError
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services import carer_plans as service
from carelink_desktop.services.carer_plans import PlanView
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.carer_plan_panels import PlanHistoryPanel, ReviewsPanel
from carelink_desktop.ui.carer_plan_review_dialog import CarerPlanReviewDialog
from carelink_desktop.ui.carer_plan_rows import RowsEditor
from carelink_desktop.ui.carer_plan_sections import PlanForm
from carelink_desktop.ui.carer_plan_steps import AgreePlanDialog, ClosePlanDialog
from carelink_desktop.ui.form_dialog import FormDialog
from carelink_desktop.ui.form_pages import mark_problem_pages, show_page_of
from carelink_desktop.ui.key_person_form import heading_label
from carelink_desktop.ui.relationship_form import scroll_page
from carelink_desktop.ui.widgets import problem_label

#: The first pages of the editor hold the form; the reviews and the history follow.
FORM_PAGES = 5


class CarerPlanEditor(FormDialog):
    """``CarerPlanEditor(ws, plan)``: the plan's pages, its status and the steps allowed next.

    ``plan_changed(PlanView)`` is emitted after every save and every step."""

    plan_changed = Signal(object)

    def __init__(self, ws: Workspace, plan: PlanView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.plan = plan
        self.step_dialog: FormDialog | None = None
        self.setWindowTitle(
            self.tr("Carer plan: {carer} and {resident}").format(
                carer=plan.carer_name, resident=plan.resident_name
            )
        )
        who = plan.carer_name + (f" ({plan.relationship})" if plan.relationship else "")
        self.heading = heading_label(
            self.tr("Carer support plan with {carer}, for {resident}").format(
                carer=who, resident=plan.resident_name
            ),
            1.2,
        )
        self.heading.setTextFormat(Qt.TextFormat.PlainText)

        # -- where it stands, and what can happen next -------------------------------------
        self.status_line = QLabel()
        self.status_line.setWordWrap(True)
        self.status_line.setTextFormat(Qt.TextFormat.PlainText)
        self.status_line.setFrameShape(QFrame.Shape.StyledPanel)
        self.status_line.setMargin(self.fontMetrics().height() // 3)
        self.status_line.setAutoFillBackground(True)
        palette = self.status_line.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.AlternateBase))
        self.status_line.setPalette(palette)
        self.status_line.setAccessibleName(self.tr("Where the plan stands"))
        self.agree_button = self._step_button(self.tr("A&gree…"), self.tr("Record that the plan was agreed"))
        self.activate_button = self._step_button(
            self.tr("Put &into action"), self.tr("The agreed plan starts")
        )
        self.start_review_button = self._step_button(
            self.tr("Start &review"), self.tr("Mark the plan as being reviewed while a review is arranged")
        )
        self.record_review_button = self._step_button(
            self.tr("Rec&ord a review…"), self.tr("Record a review against the agreed criteria")
        )
        self.close_plan_button = self._step_button(
            self.tr("&Close plan…"), self.tr("Close the plan, saying why; it is kept, read-only")
        )
        self.agree_button.clicked.connect(self.agree)
        self.activate_button.clicked.connect(
            lambda: self._move(service.activate_plan, self.tr("Put into action."))
        )
        self.start_review_button.clicked.connect(
            lambda: self._move(service.start_review, self.tr("Review started."))
        )
        self.record_review_button.clicked.connect(self.record_review)
        self.close_plan_button.clicked.connect(self.close_plan)
        steps = QHBoxLayout()
        steps.addWidget(self.status_line, 1)
        for button in self.step_buttons():
            steps.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.missing = problem_label(self.tr("What the plan still needs"), bold=True)
        self.missing.setFrameShape(QFrame.Shape.StyledPanel)
        self.missing.setMargin(self.fontMetrics().height() // 3)

        # -- pages -------------------------------------------------------------------------
        self.form = PlanForm(ws, self.errors, self)
        self.reviews = ReviewsPanel()
        self.reviews.record_button.clicked.connect(self.record_review)
        self.reviews.print_button.clicked.connect(self.print_review)
        self.history = PlanHistoryPanel()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        self.tabs.setAccessibleName(self.tr("Pages of the plan"))
        for page, title in (
            (self.form.partnership_page, self.tr("&Partnership")),
            (self.form.needs_page, self.tr("The carer's own &needs")),
            (self.form.access_page, self.tr("Resources and acc&ess")),
            (self.form.away_page, self.tr("While the carer is &away")),
            (self.form.review_page, self.tr("Re&view")),
        ):
            self.tabs.addTab(scroll_page(page), title)
        self.tabs.addTab(self.reviews, self.tr("Revie&ws"))
        self.tabs.addTab(self.history, self.tr("&History"))
        self._tab_titles = [self.tabs.tabText(i) for i in range(self.tabs.count())]

        self.saved_note = QLabel()
        self.saved_note.setAccessibleName(self.tr("Save status"))
        buttons = self.build_buttons()
        self.save_button.setToolTip(self.tr("Save the plan and keep it open"))
        self.cancel_button.setText(self.tr("Close"))
        self.cancel_button.setToolTip(
            self.tr("Close the plan (Esc); asks first if there are unsaved changes")
        )
        self.print_button = QPushButton(self.tr("&Print plan…"))
        self.print_button.setAutoDefault(False)
        self.print_button.setToolTip(self.tr("Preview, print or save the plan, written for the carer"))
        self.print_button.clicked.connect(self.print_plan)
        bottom = QHBoxLayout()
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.saved_note)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(steps)
        layout.addWidget(self.missing)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

        self.form.changed.connect(self.changed)
        self.form.rows_changed.connect(self.retab)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)
        self._fit_to_screen()
        self.show_plan(plan, refill=True)
        self.tabs.setFocus()

    def _step_button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        return button

    def step_buttons(self) -> list[QPushButton]:
        return [
            self.agree_button,
            self.activate_button,
            self.start_review_button,
            self.record_review_button,
            self.close_plan_button,
        ]

    def _fit_to_screen(self) -> None:
        """Wide enough to read, never bigger than the screen (the pages scroll)."""
        metrics = self.fontMetrics()
        self.setMinimumWidth(min(metrics.averageCharWidth() * 90, 900))
        wanted = QSize(metrics.averageCharWidth() * 125, metrics.lineSpacing() * 42)
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            wanted = wanted.boundedTo(screen.availableGeometry().size() - QSize(40, 60))
        self.resize(wanted)

    def retab(self) -> None:
        """Tab follows the page: the steps, the tab bar, each field, then Save and Close."""
        order: list[QWidget] = [*self.step_buttons(), self.tabs.tabBar(), *self.form.widgets_in_order()]
        order += [self.reviews.table, self.reviews.full, self.reviews.record_button, self.history.table]
        order += [self.save_button, self.cancel_button]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    # -- showing the plan ------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.plan.status is PlanStatus.CLOSED or not self.ws.may(Permission.EDIT_RELATIONSHIPS)

    def show_plan(self, plan: PlanView, *, refill: bool) -> None:
        """Show ``plan``: its status and steps, reviews and history; its fields too with ``refill``."""
        self.plan = plan
        if refill:
            self.form.set_details(plan.details)
            self.errors.clear()
            self.remember_state()
        self.form.set_read_only(self.read_only)
        self.save_button.setVisible(not self.read_only)
        self.status_line.setText(self.status_text(plan))
        allowed = TRANSITIONS[plan.status] if not self.read_only else frozenset()
        self.agree_button.setVisible(PlanStatus.AGREED in allowed)
        self.activate_button.setVisible(plan.status is PlanStatus.AGREED and PlanStatus.ACTIVE in allowed)
        self.start_review_button.setVisible(PlanStatus.UNDER_REVIEW in allowed)
        reviewable = not self.read_only and plan.status in (PlanStatus.ACTIVE, PlanStatus.UNDER_REVIEW)
        self.record_review_button.setVisible(reviewable)
        self.reviews.record_button.setVisible(reviewable)
        self.close_plan_button.setVisible(PlanStatus.CLOSED in allowed)
        reviews = service.reviews_of(self.ws, plan.id)
        self.reviews.set_reviews(
            reviews, reviewable=plan.status in (PlanStatus.ACTIVE, PlanStatus.UNDER_REVIEW)
        )
        self.tabs.setTabText(5, f"{self._tab_titles[5]} ({len(reviews)})" if reviews else self._tab_titles[5])
        self.history.set_events(service.plan_history(self.ws, plan.id))
        self.missing.setVisible(False)
        self.errors.set_problems(self.check())
        self._mark_tabs()
        self.retab()

    def status_text(self, plan: PlanView) -> str:
        agreed = self.tr("agreed on {date} by {who}").format(
            date=format_uk_date(plan.agreed_on), who=plan.agreed_by
        )
        due = plan.details.next_review_on
        review = ""
        if due is not None:
            review = self.tr("Next review {date}.").format(date=format_uk_date(due))
            if plan.review_overdue(self.ws.today()):
                review = self.tr("The review is overdue: it was due on {date}.").format(
                    date=format_uk_date(due)
                )
        status = plan.status
        if status is PlanStatus.DRAFT:
            text = self.tr("Draft — not yet agreed.")
        elif status is PlanStatus.AGREED:
            text = self.tr("Agreed on {date} by {who} — not yet put into action.").format(
                date=format_uk_date(plan.agreed_on), who=plan.agreed_by
            )
        elif status is PlanStatus.ACTIVE:
            text = self.tr("Active — {agreed}.").format(agreed=agreed)
        elif status is PlanStatus.UNDER_REVIEW:
            text = self.tr("Under review — {agreed}.").format(agreed=agreed)
        else:
            text = self.tr("Closed on {date}: {reason}. It can be read but not changed.").format(
                date=format_uk_date(plan.closed_on), reason=plan.close_reason.rstrip(".")
            )
        if status is not PlanStatus.CLOSED and review:
            text = f"{text} {review}"
        if status is not PlanStatus.CLOSED and not self.ws.may(Permission.EDIT_RELATIONSHIPS):
            text += " " + self.tr("Your role can read this plan but not change it.")
        return text

    # -- checks ----------------------------------------------------------------------------

    def state(self) -> object:
        return self.form.state()

    def placed(self, errors: Mapping[str, str]) -> dict[str, str]:
        """``roles.2`` belongs at ``roles``; a key naming no field goes to the message line."""
        out: dict[str, str] = {}
        for key, text in errors.items():
            head = key.split(".", 1)[0]
            out.setdefault(head if key not in self.form.fields and head in self.form.fields else key, text)
        return out

    def check(self) -> dict[str, str]:
        """Dates that are not dates, the plan's rules, and (once agreed) what agreement needs."""
        problems = self.add_rule_problems(
            self.form.date_problems(), lambda: self.form.details().cleaned().validate(self.ws.today())
        )
        if self.plan.status is not PlanStatus.DRAFT and self.plan.status is not PlanStatus.CLOSED:
            for name, text in self.form.details().cleaned().missing_for_agreement().items():
                problems.setdefault(name, text)
        return problems

    def changed(self, name: str) -> None:
        super().changed(name)
        self.saved_note.clear()
        if self.missing.isVisible():
            self._say_missing(self.missing_for_agreement())
        self._mark_tabs()

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        """Leaving a list of rows says its problems (as leaving a single field does)."""
        for name in ("outcomes", "roles", "needs", "resources", "actions", "review_criteria"):
            rows = self.form.fields.get(name)
            if isinstance(rows, RowsEditor) and rows.contains_focus(old) and not rows.contains_focus(new):
                self.errors.reveal(name)
                self._mark_tabs()

    def _mark_tabs(self) -> None:
        """A page of the form with a problem says so in its tab (⚠: not colour alone)."""
        shown = [self.errors.widget(name) for name in self.errors.shown()]
        mark_problem_pages(self.tabs, self._tab_titles[:FORM_PAGES], shown)

    def show_page_of(self, widget: QWidget) -> None:
        show_page_of(self.tabs, widget)

    def focus_problem(self, widget: QWidget) -> None:
        self.show_page_of(widget)
        widget.setFocus()
        scroll = self.tabs.currentWidget()
        if hasattr(scroll, "ensureWidgetVisible"):
            scroll.ensureWidgetVisible(widget)

    def refused(self, errors: Mapping[str, str]) -> bool:
        result = super().refused(errors)
        self._mark_tabs()
        return result

    # -- saving ----------------------------------------------------------------------------

    def save(self) -> bool:
        """Save the plan and keep it open; on any problem show it at its field and save nothing."""
        if self.read_only:
            return False
        self.errors.set_problems(self.check())
        if self.form.date_problems():
            return self.refused(self.form.date_problems())
        try:
            view = service.update_plan(
                self.ws, self.plan.id, self.form.details(), expected_version=self.plan.version
            )
        except ValidationError as exc:
            return self.refused(self.placed(exc.errors))
        except CareLinkError as exc:
            self.message.show_message(str(exc))
            return False
        self.message.show_message("")
        self.show_plan(view, refill=True)
        self.saved_note.setText(self.tr("Saved."))
        self.plan_changed.emit(view)
        return True

    def _save_first(self) -> bool:
        """Before a step: save what is typed (a step works on the saved plan)."""
        return not self.has_unsaved_changes() or self.save()

    # -- printing --------------------------------------------------------------------------

    def print_plan(self) -> None:
        """Print the saved plan (what is typed is saved first, so paper matches the record)."""
        if not self._save_first():
            return
        from carelink_desktop.ui import report_actions

        report_actions.print_carer_plan(self.ws, self.plan.id, self)

    def print_review(self) -> None:
        review_id = self.reviews.chosen_id()
        if review_id is None:
            return
        from carelink_desktop.ui import report_actions

        report_actions.print_plan_review(self.ws, self.plan.id, review_id, self)

    # -- steps -----------------------------------------------------------------------------

    def missing_for_agreement(self) -> dict[str, str]:
        return self.form.details().cleaned().missing_for_agreement()

    def agree(self) -> None:
        """Ask when and who agreed; first, if anything agreement needs is missing, say what and
        go to it (nothing is saved)."""
        missing = self.missing_for_agreement()
        self._say_missing(missing)
        if missing:
            self.errors.show_errors(missing)
            self._mark_tabs()
            first = next((self.form.fields[n] for n in self.form.fields if n in missing), None)
            if first is not None:
                self.focus_problem(first)
            return
        if self._save_first():
            self._open_step(AgreePlanDialog(self.ws, self.plan, self), self.tr("Agreed."))

    def _say_missing(self, missing: Mapping[str, str]) -> None:
        """What agreement still needs, above the pages ("" hides it)."""
        lines = [
            self.tr("The plan cannot be agreed yet, and nothing was changed. It still needs:"),
            *(f"• {t}" for t in missing.values()),
        ]
        self.missing.setText("\n".join(lines) if missing else "")
        self.missing.setAccessibleDescription(self.missing.text())
        self.missing.setVisible(bool(missing))

    def record_review(self) -> None:
        if self._save_first():
            self._open_step(CarerPlanReviewDialog(self.ws, self.plan, self), self.tr("Review recorded."))

    def close_plan(self) -> None:
        if self._save_first():
            self._open_step(ClosePlanDialog(self.ws, self.plan, self), self.tr("Plan closed."))

    def _open_step(self, dialog: FormDialog, done: str) -> None:
        """Open a step's dialog (window-modal); the plan is shown afresh once it is saved."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._stepped(done))
        self.step_dialog = dialog
        dialog.open()

    def _move(self, step: Callable[[Workspace, str], PlanView], done: str) -> None:
        if not self._save_first():
            return
        try:
            step(self.ws, self.plan.id)
        except CareLinkError as exc:
            self.message.show_message(str(exc))
            return
        self._stepped(done)

    def _stepped(self, done: str) -> None:
        try:
            view = service.plan(self.ws, self.plan.id)
        except CareLinkError as exc:
            self.message.show_message(str(exc))
            return
        self.show_plan(view, refill=True)
        self.message.show_message("")
        self.saved_note.setText(done)
        self.plan_changed.emit(view)


def open_plan_editor(ws: Workspace, plan_id: str, parent: QWidget | None = None) -> CarerPlanEditor:
    """Open a plan's editor (window-modal, deleted when closed)."""
    editor = CarerPlanEditor(ws, service.plan(ws, plan_id), parent)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    editor.open()
    return editor
