"""Carer support plans on screen (issue #7), driven as a person would with pytest-qt (offscreen) on a
real encrypted home: the journey from a key person marked as an unpaid carer to an agreed, reviewed
plan; the Carer plans area and its filters; overdue reviews on the Today board; the resident's
Carer plans tab; the table models; a closed plan opening read-only; and how it all looks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from carelink_desktop.domain.carer_plans import (
    CriterionAssessment,
    Outcome,
    PlanDetails,
    PlanRole,
    PlanStatus,
    ReviewDetails,
)
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.relationships import Category, RelationshipDetails
from carelink_desktop.domain.resources import ResourceDetails, ResourceKind
from carelink_desktop.domain.roles import Role
from carelink_desktop.services import carer_plans as service
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.services.relationships import relate
from carelink_desktop.services.residents import admit_resident
from carelink_desktop.services.resources_directory import add_resource
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.carer_plan_editor import CarerPlanEditor
from carelink_desktop.ui.carer_plan_review_dialog import CarerPlanReviewDialog
from carelink_desktop.ui.carer_plan_steps import AgreePlanDialog, ClosePlanDialog
from carelink_desktop.ui.carer_plans_model import CarerPlansModel, PlanHistoryModel, PlanReviewsModel
from carelink_desktop.ui.carer_plans_page import CarerPlansPage
from carelink_desktop.ui.events import ChangeSignals
from carelink_desktop.ui.key_people_page import KeyPeoplePage
from carelink_desktop.ui.pages import Navigator, Page, ShellContext
from carelink_desktop.ui.resident_record import ResidentRecordView
from carelink_desktop.ui.today_page import TodayPage
from tests.conftest import HOME_NAME, resident

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
TODAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def discard_without_asking(monkeypatch):  # type: ignore[no-untyped-def]
    """Closing a form with unsaved changes asks first; at the end of a test nobody would answer."""
    monkeypatch.setattr("carelink_desktop.ui.unsaved.confirm_discard", lambda parent: True)


@pytest.fixture
def contexts() -> Iterator[list[ShellContext]]:
    made: list[ShellContext] = []
    yield made
    for ctx in made:
        ctx.changes.detach()


@pytest.fixture
def make_ctx(contexts):  # type: ignore[no-untyped-def]
    def make(ws: Workspace) -> ShellContext:
        ws.set_today_for_tests(TODAY)
        ctx = ShellContext(
            ws=ws, changes=ChangeSignals(ws.events), navigator=Navigator(), home_name=HOME_NAME
        )
        contexts.append(ctx)
        return ctx

    return make


@pytest.fixture
def ctx(manager, make_ctx) -> ShellContext:  # type: ignore[no-untyped-def]
    return make_ctx(manager)  # type: ignore[no-any-return]


@dataclass
class Household:
    resident_id: str
    carer_id: str
    relationship_id: str
    resource_id: str


def household(
    ws: Workspace, given: str = "Margaret", family: str = "Jones", carer: str = "Jean Pryce"
) -> Household:
    """A resident whose neighbour is their unpaid carer, and a carers' group in the directory."""
    ws.set_today_for_tests(TODAY)
    who = admit_resident(ws, resident(given, family))
    first, last = carer.split()
    person = add_key_person(ws, KeyPersonDetails(first, last, phone="07700 900555"))
    rel = relate(ws, who.id, person.id, RelationshipDetails("neighbour", Category.UNPAID_CARER))
    hub = add_resource(
        ws,
        ResourceDetails(
            f"Carers' Hub {family}", ResourceKind.SUPPORT_GROUP, description="Weekday mornings, near the park"
        ),
    )
    return Household(who.id, person.id, rel.id, hub.id)


def ready_details(next_review: date = date(2027, 5, 1)) -> PlanDetails:
    return PlanDetails(
        outcomes=(Outcome("Jean has an evening a week for herself"),),
        roles=(PlanRole("Jean (carer)", "Visits on Sundays"),),
        review_criteria=("Jean feels less tired",),
        next_review_on=next_review,
    )


def show_page(qtbot, ctx: ShellContext, page: Page, size: tuple[int, int] = (1366, 768)) -> Page:  # type: ignore[no-untyped-def]
    # What the main window does for every page: refresh() on changes of the kinds it watches.
    ctx.changes.changed.connect(lambda kind: page.refresh() if kind in page.watches else None)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    return page


def activate(qtbot, window: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Make ``window`` the active one, so focus moves as it would on screen."""
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() == window.windowHandle())


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def click(qtbot, button: QAbstractButton) -> None:  # type: ignore[no-untyped-def]
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def pick(qtbot, combo: QComboBox, text: str) -> None:  # type: ignore[no-untyped-def]
    """Choose by keyboard, as a person would."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText().startswith(text):
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(text)


def cells(model, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.index(row, column).data() for row in range(model.rowCount())]


# -- the journey ---------------------------------------------------------------------------------


def test_from_a_key_person_marked_unpaid_carer_to_a_reviewed_plan(  # type: ignore[no-untyped-def]
    qtbot, manager, staff_workspace, make_ctx
) -> None:
    home = household(manager)
    bea = staff_workspace(Role.KEYWORKER, "bea", "Bea Morgan")
    ctx = make_ctx(bea)
    page = show_page(qtbot, ctx, KeyPeoplePage(ctx))
    assert isinstance(page, KeyPeoplePage)

    # Jean is Margaret's unpaid carer: her record offers to start a plan.
    page.open_person(home.carer_id)
    panel = page.carer_plans
    assert panel.isVisible() and panel.empty.text() == "No carer plans yet."
    click(qtbot, panel.start_button)
    editor = panel.editor
    assert isinstance(editor, CarerPlanEditor)
    activate(qtbot, editor)
    plan_id = editor.plan.id
    assert editor.status_line.text().startswith("Draft — not yet agreed")
    assert editor.agree_button.isVisible() and editor.close_plan_button.isVisible()
    assert not editor.activate_button.isVisible() and not editor.record_review_button.isVisible()
    assert cells(panel.model, 2) == ["Draft"]

    # Partnership: an outcome and a role.
    form = editor.form
    click(qtbot, form.outcomes.add_button)
    outcome, for_whom = form.outcomes.rows[0]
    assert QApplication.focusWidget() is outcome
    type_text(qtbot, outcome, "Jean has one evening a week for herself")
    assert isinstance(for_whom, QComboBox)
    pick(qtbot, for_whom, "For the carer")
    click(qtbot, form.roles.add_button)
    who, role = form.roles.rows[0]
    type_text(qtbot, who, "Jean (carer)")
    # Half a role is a problem, said once the person leaves the list of roles.
    form.ways_of_working.setFocus()
    assert editor.errors.message("roles").message() == "Role 1: say who, and what they do."
    assert "⚠" in editor.tabs.tabText(0)
    type_text(qtbot, role, "Visits on Sundays and helps with lunch")
    assert editor.errors.message("roles").message() == ""
    assert "⚠" not in editor.tabs.tabText(0)

    # Resources and access: a resource from the directory, and an action to reach it.
    editor.tabs.setCurrentIndex(2)
    click(qtbot, form.resources.add_button)
    chooser = form.resources.chooser
    assert chooser is not None
    activate(qtbot, chooser)
    type_text(qtbot, chooser.search, "carers hub")
    assert chooser.choices.count() == 1 and chooser.chosen_id() == home.resource_id
    click(qtbot, chooser.ok_button)
    name, why = form.resources.rows[0]
    assert (
        isinstance(name, QLineEdit)
        and name.text() == "Carers' Hub Jones (Support group)"
        and name.isReadOnly()
    )
    assert editor.focusWidget() is why  # the cursor is there once the editor is active again
    activate(qtbot, editor)
    qtbot.keyClicks(why, "She asked for a group near home")
    click(qtbot, form.actions.add_button)
    what, action_by, by_when, status = form.actions.rows[0]
    type_text(qtbot, what, "Phone the hub to book a place")
    type_text(qtbot, action_by, "Jean, with Bea")
    type_text(qtbot, by_when, "1/12/2026")
    assert isinstance(status, QComboBox)
    pick(qtbot, status, "In hand")
    click(qtbot, editor.save_button)
    assert editor.saved_note.text() == "Saved." and not editor.has_unsaved_changes()
    saved = service.plan(bea, plan_id).details
    assert [o.text for o in saved.outcomes] == ["Jean has one evening a week for herself"]
    assert saved.resources[0].resource_id == home.resource_id
    assert saved.actions[0].by_when == date(2026, 12, 1) and saved.actions[0].status.label == "In hand"
    assert isinstance(by_when, QLineEdit) and by_when.text() == "01/12/2026"

    # Agreeing with something missing: what is missing is said, the cursor goes to it, nothing changes.
    steps_before = service.plan_history(bea, plan_id)
    click(qtbot, editor.agree_button)
    assert editor.missing.isVisible()
    assert "Give the date of the first review." in editor.missing.text()
    assert "Agree at least one criterion the review will look at." in editor.missing.text()
    assert editor.step_dialog is None
    assert editor.tabs.currentIndex() == 4 and "⚠" in editor.tabs.tabText(4)
    assert form.review_criteria.contains_focus(QApplication.focusWidget())
    assert set(editor.errors.shown()) == {"review_criteria", "next_review_on"}
    assert service.plan(bea, plan_id).status is PlanStatus.DRAFT
    assert service.plan_history(bea, plan_id) == steps_before

    # Put it right, then agree.
    click(qtbot, form.review_criteria.add_button)
    type_text(qtbot, form.review_criteria.rows[0][0], "Jean feels less tired")
    click(qtbot, form.review_criteria.add_button)
    type_text(qtbot, form.review_criteria.rows[1][0], "Margaret still enjoys her Sundays")
    type_text(qtbot, form.next_review_on, "01/05/2027")
    assert editor.missing.isHidden() and editor.errors.shown() == {}
    click(qtbot, editor.agree_button)
    agree = editor.step_dialog
    assert isinstance(agree, AgreePlanDialog)
    assert agree.agreed_on.text() == "22/11/2026"
    click(qtbot, agree.save_button)
    assert agree.errors.message("agreed_by").message().startswith("Say who agreed the plan")
    type_text(qtbot, agree.agreed_by, "Jean Pryce, Margaret Jones and Bea Morgan")
    click(qtbot, agree.save_button)
    assert editor.plan.status is PlanStatus.AGREED
    assert editor.status_line.text().startswith(
        "Agreed on 22/11/2026 by Jean Pryce, Margaret Jones and Bea Morgan — not yet put into action."
    )
    assert editor.activate_button.isVisible() and not editor.agree_button.isVisible()

    click(qtbot, editor.activate_button)
    assert editor.plan.status is PlanStatus.ACTIVE
    assert editor.status_line.text().startswith("Active — agreed on 22/11/2026")
    assert editor.start_review_button.isVisible() and editor.record_review_button.isVisible()

    # A review against the agreed criteria.
    click(qtbot, editor.record_review_button)
    review = editor.step_dialog
    assert isinstance(review, CarerPlanReviewDialog)
    assert [c for c, _box in review.assessments] == [
        "Jean feels less tired",
        "Margaret still enjoys her Sundays",
    ]
    assert review.reviewed_on.text() == "22/11/2026" and review.next_review_on.text() == "22/05/2027"
    type_text(qtbot, review.participants, "Jean, Margaret and Bea")
    type_text(qtbot, review.assessments[0][1], "Sleeping better since the group started")
    click(qtbot, review.save_button)  # one criterion still to assess: nothing is saved
    assert review.errors.message("assessments.1").message() == (
        "Say how 'Margaret still enjoys her Sundays' went."
    )
    assert service.reviews_of(bea, plan_id) == []
    type_text(qtbot, review.assessments[1][1], "Yes, and she asks when Jean is coming")
    type_text(qtbot, review.benefits, "Jean is less tired and has seen friends again")
    click(qtbot, review.save_button)
    assert review.result_view is not None
    assert editor.plan.status is PlanStatus.ACTIVE and editor.plan.details.next_review_on == date(2027, 5, 22)
    assert editor.reviews.model.rowCount() == 1 and editor.tabs.tabText(5) == "Revie&ws (1)"
    assert "Sleeping better since the group started" in editor.reviews.full.toPlainText()

    # Every step is in the plan's history and in the audit log, by Bea.
    labels = [e.label for e in service.plan_history(bea, plan_id)]
    assert labels == [
        "Review recorded",
        "Plan put into action",
        "Plan agreed",
        "Plan changed",
        "Plan changed",
        "Plan started",
    ]
    assert cells(editor.history.model, 1) == labels
    assert set(cells(editor.history.model, 3)) == {"Bea Morgan"}
    actions = [e.action for e in reversed(audit_entries(manager)) if e.actor_name == "bea"]
    steps = [a for a in actions if a.startswith("carer_plan")]
    for expected in (
        "carer_plan_started",
        "carer_plan_changed",
        "carer_plan_agreed",
        "carer_plan_activated",
        "carer_plan_reviewed",
    ):
        assert expected in steps
    assert (
        steps.index("carer_plan_started")
        < steps.index("carer_plan_agreed")
        < steps.index("carer_plan_reviewed")
    )

    # The key person's list follows.
    editor.reject()
    assert cells(panel.model, 2) == ["Active"] and cells(panel.model, 1) == ["Margaret Jones"]


def test_a_refused_save_is_shown_and_changes_made_elsewhere_are_not_overwritten(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    home = household(ctx.ws)
    view = service.start_plan(ctx.ws, home.relationship_id)
    editor = CarerPlanEditor(ctx.ws, view)
    qtbot.addWidget(editor)
    editor.show()
    activate(qtbot, editor)
    editor.tabs.setCurrentIndex(1)
    type_text(qtbot, editor.form.assessment_explained_on, "30/11/2026")  # after today
    assert editor.errors.message("assessment_explained_on").message() == (
        "Assessment explained on cannot be in the future."
    )
    editor.form.assessment_explained_on.clear()
    type_text(qtbot, editor.form.referral_reference, "LA-2291")
    click(qtbot, editor.save_button)
    assert editor.errors.message("referral_on").message() == "Give the date of the referral."
    assert editor.tabs.currentIndex() == 1 and QApplication.focusWidget() is editor.form.referral_on
    assert service.plan(ctx.ws, view.id).details.referral_reference == ""

    # Someone else saves the plan meanwhile: saving now would overwrite their change unseen.
    service.update_plan(ctx.ws, view.id, PlanDetails(ways_of_working="Weekly call"))
    type_text(qtbot, editor.form.referral_on, "20/11/2026")
    click(qtbot, editor.save_button)
    assert "Someone else changed this plan" in editor.message.message()
    assert service.plan(ctx.ws, view.id).details.referral_reference == ""


# -- entry points -------------------------------------------------------------------------------


def test_a_residents_carer_plans_tab_starts_a_plan_or_says_how_to_mark_a_carer(qtbot, ctx, manager) -> None:  # type: ignore[no-untyped-def]
    peggy = admit_resident(manager, resident("Margaret", "Jones"))
    record = ResidentRecordView(ctx)
    qtbot.addWidget(record)
    record.resize(1366, 768)
    record.show()
    record.load(peggy.id)
    record.tabs.setCurrentIndex(3)
    assert record.tabs.tabText(3) == "Carer p&lans" and record.tabs.isTabEnabled(3)
    panel = record.carer_plans
    click(qtbot, panel.start_button)
    assert panel.editor is None
    assert "No one on Margaret Jones's relationship map is marked as an unpaid carer" in panel.note.text()
    assert "Unpaid carers" in panel.note.text() and panel.note.isVisible()

    # Two carers: the person chooses which.
    jean = add_key_person(manager, KeyPersonDetails("Jean", "Pryce"))
    tom = add_key_person(manager, KeyPersonDetails("Tom", "Jones"))
    relate(manager, peggy.id, jean.id, RelationshipDetails("neighbour", Category.UNPAID_CARER))
    relate(manager, peggy.id, tom.id, RelationshipDetails("son", Category.UNPAID_CARER))
    asked: list[list[str]] = []

    def choose(choices):  # type: ignore[no-untyped-def]
        asked.append([panel.choice_text(c) for c in choices])
        return next(c for c in choices if c.key_person_id == tom.id)

    panel.choose_relationship = choose  # type: ignore[method-assign]
    click(qtbot, panel.start_button)
    assert asked == [["Tom Jones (son)", "Jean Pryce (neighbour)"]] or asked == [
        ["Jean Pryce (neighbour)", "Tom Jones (son)"]
    ]
    editor = panel.editor
    assert editor is not None and editor.plan.carer_name == "Tom Jones"
    editor.reject()
    assert cells(panel.model, 0) == ["Tom Jones"]

    # One carer left without a plan: no question; opening from the list opens the editor.
    panel.choose_relationship = lambda choices: pytest.fail("no choice to make")
    click(qtbot, panel.start_button)
    assert panel.editor is not None and panel.editor.plan.carer_name == "Jean Pryce"
    panel.editor.reject()
    click(qtbot, panel.start_button)
    assert "Each unpaid carer already has an open plan" in panel.note.text()
    panel.table.selectRow(cells(panel.model, 0).index("Tom Jones"))
    click(qtbot, panel.open_button)
    assert panel.editor is not None and panel.editor.plan.carer_name == "Tom Jones"
    panel.editor.reject()


def test_a_key_person_caring_for_two_residents_chooses_whom_the_plan_is_for(qtbot, ctx, manager) -> None:  # type: ignore[no-untyped-def]
    home = household(manager)
    arthur = admit_resident(manager, resident("Arthur", "Pryce"))
    relate(manager, arthur.id, home.carer_id, RelationshipDetails("brother", Category.UNPAID_CARER))
    page = show_page(qtbot, ctx, KeyPeoplePage(ctx))
    assert isinstance(page, KeyPeoplePage)
    page.open_person(home.carer_id)
    panel = page.carer_plans
    offered: list[str] = []

    def choose(choices):  # type: ignore[no-untyped-def]
        offered.extend(panel.choice_text(c) for c in choices)
        return next(c for c in choices if c.resident_id == arthur.id)

    panel.choose_relationship = choose  # type: ignore[method-assign]
    click(qtbot, panel.start_button)
    assert sorted(offered) == [
        "Arthur Pryce (Jean Pryce is their brother)",
        "Margaret Jones (Jean Pryce is their neighbour)",
    ]
    assert panel.editor is not None and panel.editor.plan.resident_name == "Arthur Pryce"
    panel.editor.reject()
    assert cells(panel.model, 1) == ["Arthur Pryce"]


def test_someone_not_marked_as_a_carer_is_told_how(qtbot, ctx, manager) -> None:  # type: ignore[no-untyped-def]
    peggy = admit_resident(manager, resident())
    anna = add_key_person(manager, KeyPersonDetails("Anna", "Wójcik"))
    relate(manager, peggy.id, anna.id, RelationshipDetails("daughter", Category.FAMILY))
    page = show_page(qtbot, ctx, KeyPeoplePage(ctx))
    assert isinstance(page, KeyPeoplePage)
    page.open_person(anna.id)
    click(qtbot, page.carer_plans.start_button)
    assert page.carer_plans.note.text().startswith(
        "Anna Wójcik is not marked as an unpaid carer of any resident."
    )
    assert page.status.text() == page.carer_plans.note.text()


# -- the Carer plans area and the Today board ----------------------------------------------------


def three_plans(ws: Workspace) -> dict[str, str]:
    """A draft plan, an active one whose review is overdue, and a closed one."""
    draft = household(ws, "Margaret", "Jones", "Jean Pryce")
    overdue = household(ws, "Arthur", "Lewis", "Tom Lewis")
    closed = household(ws, "Edith", "Clarke", "Sue Clarke")
    first = service.start_plan(ws, draft.relationship_id)
    second = service.start_plan(ws, overdue.relationship_id, ready_details(date(2026, 10, 1)))
    service.agree_plan(ws, second.id, date(2026, 4, 1), "Tom and Arthur")
    service.activate_plan(ws, second.id)
    third = service.start_plan(ws, closed.relationship_id)
    service.close_plan(ws, third.id, "Sue moved away", TODAY)
    return {"draft": first.id, "overdue": second.id, "closed": third.id}


def test_the_carer_plans_area_lists_and_filters_plans(qtbot, ctx, manager) -> None:  # type: ignore[no-untyped-def]
    ids = three_plans(manager)
    page = show_page(qtbot, ctx, CarerPlansPage(ctx))
    assert isinstance(page, CarerPlansPage)
    assert page.title() == "Carer plans" and page.area == "carer_plans"
    assert page.watches == ("carer_plan", "carer_plan_review")
    model = page.model
    # All open plans, soonest review first; an overdue review says so in words.
    assert cells(model, 0) == ["Tom Lewis", "Jean Pryce"]
    assert cells(model, 2) == ["Active", "Draft"]
    assert cells(model, 4) == ["01/10/2026 — overdue", ""]
    assert cells(model, 3) == ["01/04/2026", ""]
    assert page.count_label.text() == "2 plans"

    pick(qtbot, page.status, "Closed")
    assert cells(model, 0) == ["Sue Clarke"] and cells(model, 2) == ["Closed"]
    pick(qtbot, page.status, "Draft")
    assert cells(model, 0) == ["Jean Pryce"]
    pick(qtbot, page.status, "All open")
    page.overdue_only.setFocus()
    qtbot.keyClick(page.overdue_only, Qt.Key.Key_Space)
    assert page.overdue_only.isChecked() and cells(model, 0) == ["Tom Lewis"]
    page.overdue_only.setChecked(False)

    type_text(qtbot, page.search, "edith")
    page.refresh()  # what the debounce timer does
    assert (
        model.rowCount() == 0 and page.empty.text() == "No plans match." and not page.open_button.isEnabled()
    )
    pick(qtbot, page.status, "Closed")
    assert cells(model, 1) == ["Edith Clarke"]
    page.search.clear()
    pick(qtbot, page.status, "All open")

    # The list follows changes; Enter on a plan opens it.
    service.update_plan(manager, ids["draft"], ready_details(date(2026, 11, 1)))
    assert cells(model, 4) == ["01/10/2026 — overdue", "01/11/2026 — overdue"]
    page.table.setFocus()
    page.table.selectRow(1)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.editor is not None and page.editor.plan.id == ids["draft"]
    page.editor.reject()


def test_overdue_reviews_are_on_the_today_board(qtbot, ctx, manager) -> None:  # type: ignore[no-untyped-def]
    page = show_page(qtbot, ctx, TodayPage(ctx))
    assert isinstance(page, TodayPage)
    assert page.none_overdue.isVisible() and page.overdue.isHidden()
    ids = three_plans(manager)  # each change refreshes the page
    assert [page.overdue.item(i).text() for i in range(page.overdue.count())] == [
        "Tom Lewis and Arthur Lewis: the review was due on 01/10/2026 (overdue)"
    ]
    assert page.overdue.isVisible() and page.none_overdue.isHidden()
    service.record_review(
        manager,
        ids["overdue"],
        ReviewDetails(
            TODAY,
            "Tom and Arthur",
            assessments=(CriterionAssessment("Jean feels less tired", "Better"),),
            next_review_on=date(2027, 5, 1),
        ),
    )
    assert page.overdue.count() == 0 and page.none_overdue.isVisible()


# -- models, read-only, accessibility ------------------------------------------------------------


def test_the_models_pass_qt_model_tester(qtmodeltester, manager) -> None:  # type: ignore[no-untyped-def]
    ids = three_plans(manager)
    plans = CarerPlansModel()
    plans.set_plans(service.plans(manager), TODAY)
    assert plans.rowCount() == 3
    qtmodeltester.check(plans)
    assert plans.index(0, 4).data(Qt.ItemDataRole.ToolTipRole) == "The review was due on 01/10/2026."
    assert plans.index(0, 0).data(Qt.ItemDataRole.UserRole) == ids["overdue"]
    service.record_review(
        manager,
        ids["overdue"],
        ReviewDetails(
            TODAY,
            "Tom",
            assessments=(CriterionAssessment("Jean feels less tired", "Ok"),),
            next_review_on=date(2027, 5, 1),
        ),
    )
    reviews = PlanReviewsModel()
    reviews.set_rows(service.reviews_of(manager, ids["overdue"]))
    assert reviews.rowCount() == 1
    qtmodeltester.check(reviews)
    history = PlanHistoryModel()
    history.set_rows(service.plan_history(manager, ids["overdue"]))
    assert history.rowCount() == 4  # started, agreed, put into action, reviewed
    qtmodeltester.check(history)


def test_a_closed_plan_opens_read_only(qtbot, ctx, manager) -> None:  # type: ignore[no-untyped-def]
    home = household(manager)
    view = service.start_plan(manager, home.relationship_id, ready_details())
    editor = CarerPlanEditor(ctx.ws, view)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    # Closing it from the editor, with a reason.
    click(qtbot, editor.close_plan_button)
    closing = editor.step_dialog
    assert isinstance(closing, ClosePlanDialog) and closing.closed_on.text() == "22/11/2026"
    type_text(qtbot, closing.close_reason, "Jean moved to Leeds")
    click(qtbot, closing.save_button)
    assert editor.plan.status is PlanStatus.CLOSED

    reopened = CarerPlanEditor(ctx.ws, service.plan(manager, view.id))
    qtbot.addWidget(reopened)
    reopened.show()
    for shown in (editor, reopened):
        assert shown.status_line.text() == (
            "Closed on 22/11/2026: Jean moved to Leeds. It can be read but not changed."
        )
        assert shown.save_button.isHidden()
        assert all(button.isHidden() for button in shown.step_buttons())
        assert shown.cancel_button.text() == "Close"
        form = shown.form
        assert form.ways_of_working.isReadOnly() and form.next_review_on.isReadOnly()
        assert all(rows.add_button.isHidden() for rows in form.row_editors())
        assert all(remover.isHidden() for rows in form.row_editors() for remover in rows.removers)
        outcome = form.outcomes.rows[0][0]
        assert isinstance(outcome, QLineEdit) and outcome.isReadOnly()
        assert outcome.text() == "Jean has an evening a week for herself"
        assert not form.outcomes.rows[0][1].isEnabled()
        assert shown.save() is False
    assert service.plan_history(manager, view.id)[0].label == "Plan closed"


def test_every_control_is_named_and_tab_reaches_the_rows(qtbot, ctx, manager) -> None:  # type: ignore[no-untyped-def]
    home = household(manager)
    view = service.start_plan(manager, home.relationship_id, ready_details())
    editor = CarerPlanEditor(ctx.ws, view)
    qtbot.addWidget(editor)
    editor.show()
    activate(qtbot, editor)
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        kinds = (QLineEdit, QComboBox, QPlainTextEdit, QTableView, QAbstractButton)
        for kind in kinds:
            for widget in editor.findChildren(kind):
                if widget.isVisible() and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                    assert widget.accessibleName() or getattr(widget, "text", lambda: "")(), widget
    for widget in editor.findChildren(QWidget):
        assert "font-size" not in widget.styleSheet() and "px" not in widget.styleSheet()
    names = [w.accessibleName() for row in editor.form.outcomes.rows for w in row]
    assert names == ["Outcome 1: Outcome", "Outcome 1: For whom"]
    assert editor.form.outcomes.removers[0].accessibleName() == "Remove outcome 1"

    # Tab goes along a row, to its Remove, to Add, then to the next list.
    editor.tabs.setCurrentIndex(0)
    text, whom = editor.form.outcomes.rows[0]
    text.setFocus()
    expected = [
        text,
        whom,
        editor.form.outcomes.removers[0],
        editor.form.outcomes.add_button,
        editor.form.roles.rows[0][0],
    ]
    seen = [QApplication.focusWidget()]
    for _ in expected[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == expected
    # A row added later joins the order where it is shown.
    click(qtbot, editor.form.outcomes.add_button)
    new_row = editor.form.outcomes.rows[1]
    assert QApplication.focusWidget() is new_row[0]
    qtbot.keyClick(new_row[0], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is new_row[1]
    # Removing it puts the cursor back on the row above.
    click(qtbot, editor.form.outcomes.removers[1])
    assert len(editor.form.outcomes.rows) == 1 and QApplication.focusWidget() is text


# -- how it looks --------------------------------------------------------------------------------


def _save(qtbot, widget: QWidget, name: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.wait(50)  # let pending layout requests run
    SCREENSHOTS.mkdir(exist_ok=True)
    assert widget.grab().save(str(SCREENSHOTS / name))


@pytest.mark.parametrize("size", [(1366, 768), (1024, 768)])
def test_screenshots(qtbot, ctx, manager, size) -> None:  # type: ignore[no-untyped-def]
    ids = three_plans(manager)
    full = household(manager, "Florence", "Thompson", "Nora Thompson")
    view = service.start_plan(manager, full.relationship_id, ready_details())
    service.update_plan(
        manager,
        view.id,
        PlanDetails(
            outcomes=(
                Outcome("Nora has one evening a week for herself"),
                Outcome("Florence keeps her Sunday lunches with Nora"),
            ),
            roles=(
                PlanRole("Nora (carer)", "Visits on Sundays and helps with lunch"),
                PlanRole("Bea (keyworker)", "Keeps Nora informed; rings her on Fridays"),
            ),
            ways_of_working="Weekly call on Fridays; Nora's notes in the visitors' book read at handover.",
            risk_management="Staff watch Florence's swallowing when Nora is not at lunch.",
            review_criteria=("Nora feels less tired", "Florence still enjoys her Sundays"),
            next_review_on=date(2027, 5, 1),
        ),
    )
    width, height = size
    page = show_page(qtbot, ctx, CarerPlansPage(ctx), size)
    _save(qtbot, page, f"carer_plans_page_{width}.png")
    editor = CarerPlanEditor(ctx.ws, service.plan(manager, view.id))
    qtbot.addWidget(editor)
    editor.resize(width, height)
    editor.show()
    qtbot.waitExposed(editor)
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        _save(qtbot, editor, f"carer_plan_editor_{index}_{width}.png")
    review_plan = service.plan(manager, ids["overdue"])
    review = CarerPlanReviewDialog(ctx.ws, review_plan, editor)
    qtbot.addWidget(review)
    review.show()
    _save(qtbot, review, f"carer_plan_review_{width}.png")
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    assert review.height() <= screen.availableGeometry().height()
    review.reject()
    service.record_review(
        manager,
        ids["overdue"],
        ReviewDetails(
            TODAY,
            "Tom, Arthur and Bea",
            assessments=(CriterionAssessment("Jean feels less tired", "Sleeping better since the group"),),
            benefits="Tom has seen friends again.",
            changes="Try a second afternoon at the hub.",
            next_review_on=date(2027, 5, 22),
        ),
    )
    reviewed = CarerPlanEditor(ctx.ws, service.plan(manager, ids["overdue"]))
    qtbot.addWidget(reviewed)
    reviewed.resize(width, height)
    reviewed.show()
    reviewed.tabs.setCurrentIndex(5)
    _save(qtbot, reviewed, f"carer_plan_reviewed_{width}.png")
    reviewed.reject()

    # Agreeing a plan that is not ready, then one that is.
    draft = CarerPlanEditor(ctx.ws, service.plan(manager, ids["draft"]))
    qtbot.addWidget(draft)
    draft.resize(width, height)
    draft.show()
    draft.agree()
    _save(qtbot, draft, f"carer_plan_not_ready_{width}.png")
    draft.reject()
    editor.agree()
    assert isinstance(editor.step_dialog, AgreePlanDialog)
    _save(qtbot, editor.step_dialog, f"carer_plan_agree_{width}.png")
    editor.step_dialog.reject()

    today = show_page(qtbot, ctx, TodayPage(ctx), size)
    _save(qtbot, today, f"carer_plans_today_{width}.png")
    record = ResidentRecordView(ctx)
    qtbot.addWidget(record)
    record.resize(width, height)
    record.show()
    record.load(full.resident_id)
    record.tabs.setCurrentIndex(3)
    _save(qtbot, record, f"carer_plans_resident_tab_{width}.png")
    people = show_page(qtbot, ctx, KeyPeoplePage(ctx), size)
    assert isinstance(people, KeyPeoplePage)
    people.open_person(full.carer_id)
    _save(qtbot, people, f"carer_plans_key_person_{width}.png")


def test_the_editor_prints_the_plan_and_a_review(qtbot, ctx, manager, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import json

    from carelink_desktop.reports.document import Redaction
    from carelink_desktop.ui import report_actions

    home = household(manager)
    view = service.start_plan(manager, home.relationship_id, ready_details())
    service.agree_plan(manager, view.id, TODAY, "Jean and Margaret")
    service.activate_plan(manager, view.id)
    service.record_review(
        manager,
        view.id,
        ReviewDetails(
            TODAY, "Jean, Margaret, keyworker", benefits="Sleeping better", next_review_on=date(2027, 5, 1)
        ),
    )
    monkeypatch.setattr(report_actions, "ask_report_options", lambda *a, **k: (Redaction.FAMILY, "A4"))
    editor = CarerPlanEditor(ctx.ws, service.plan(manager, view.id))
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    click(qtbot, editor.print_button)
    editor.tabs.setCurrentWidget(editor.reviews)
    click(qtbot, editor.reviews.print_button)
    previews = [json.loads(e.details)["report"] for e in audit_entries(manager, action="report_previewed")]
    assert sorted(previews) == ["carer_plan", "carer_plan_review"]
    for widget in QApplication.topLevelWidgets():
        if type(widget).__name__ == "ReportPreview":
            widget.close()
