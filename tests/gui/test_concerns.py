"""Concerns in the desktop: the concern form (raised from a contact or on its own, the domain's
rules at their fields) and the Concerns area with its filters, over a real encrypted home."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

import tests.gui.test_visit_dialog as shared
from carelink_desktop.domain.concerns import ConcernDetails, ConcernKind, ConcernStatus, Severity
from carelink_desktop.domain.visits import VisitDetails, VisitKind
from carelink_desktop.services.concerns import CONCERNS, concerns_list
from carelink_desktop.services.resident_records import add_record, record, records_for
from carelink_desktop.services.residents import admit_resident
from carelink_desktop.services.visits import record_visit
from carelink_desktop.ui.concern_dialog import ConcernDialog
from carelink_desktop.ui.concerns_model import ConcernsModel, ManagerConcernsModel
from carelink_desktop.ui.concerns_page import ConcernsPage
from tests.conftest import resident
from tests.gui.test_visit_dialog import TODAY, at, choose, open_visit, tick, type_into

# The fixtures of the visit form's tests: a home on TODAY with Florence and her key people.
ctx = shared.ctx
florence = shared.florence
never_ask = shared.never_ask
people = shared.people
ws = shared.ws


def show_page(qtbot: Any, ctx: Any) -> ConcernsPage:
    page = ConcernsPage(ctx)
    ctx.changes.changed.connect(lambda kind: page.refresh() if kind in page.watches else None)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def concern(kind: ConcernKind, severity: Severity, raised: date, **extra: Any) -> ConcernDetails:
    base: dict[str, Any] = (
        {"reported_to": "Ann Patel, manager"}
        if severity.rank >= 2 or kind is ConcernKind.HARM_OR_ABUSE
        else {}
    )
    base.update(extra)
    return ConcernDetails(kind, severity, f"{kind.label} raised {raised}", raised, **base)


def names_shown(page: ConcernsPage) -> list[str]:
    return [page.model.concern_at(row).description for row in range(page.model.rowCount())]


@pytest.fixture
def robert(ws):  # type: ignore[no-untyped-def]
    return admit_resident(ws, resident("Robert", "Evans", room="3"))


# -- the form -----------------------------------------------------------------------------------------


def test_a_concern_raised_from_a_visit_shows_in_the_concerns_area(qtbot, ctx, ws, florence, people) -> None:  # type: ignore[no-untyped-def]
    page = show_page(qtbot, ctx)
    assert page.model.rowCount() == 0 and page.empty.isVisible()

    dialog = open_visit(qtbot, ctx, florence.id)
    tick(dialog, people["Susan"])
    type_into(qtbot, dialog.how_it_went.edit, "Susan was upset about a bruise")
    form = dialog.save_and_raise_concern()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert isinstance(form, ConcernDialog)  # deletes itself when it closes
    assert form.visit_id == dialog.result_view.id
    assert "Visit in the home" in form.contact.text() and "Susan Thompson" in form.contact.text()
    assert form.contact not in form.focus_widgets(), "the contact is shown, not edited"
    choose(form.concern_kind, ConcernKind.HARM_OR_ABUSE)
    choose(form.severity, Severity.HIGH)
    type_into(qtbot, form.description, "Bruise on her arm she could not explain")
    choose(form.person, people["Susan"].id)
    form.save_button.click()
    assert form.isVisible(), "harm is reported at once: say to whom"
    assert "say to whom" in form.errors.shown()["reported_to"]
    type_into(qtbot, form.reported_to, "Ann Patel, manager")
    type_into(qtbot, form.reported_on, "22/11/2026")
    type_into(qtbot, form.external_reference, "SG-2291")
    form.save_button.click()
    assert form.result() == form.DialogCode.Accepted

    [saved] = records_for(ws, CONCERNS, florence.id)
    assert saved.details.visit_id == dialog.result_view.id
    assert saved.details.relationship_id == people["Susan"].id
    assert (saved.details.reported_on, saved.details.external_reference) == (TODAY, "SG-2291")
    assert page.model.rowCount() == 1, "the area refreshes when a concern is raised"
    row = page.model.concern_at(0)
    assert (row.resident_name, row.person, row.reported_to) == (
        "Florence Thompson",
        "Susan Thompson",
        "Ann Patel, manager",
    )
    cells = [page.model.data(page.model.index(0, c)) for c in range(page.model.columnCount())]
    assert cells[:6] == ["22/11/2026", "Florence Thompson", "Risk of harm or abuse", "High", "Open", "0"]
    assert cells[8] == "Amira Khan"


def test_the_domain_rules_show_at_their_fields_and_closing_sets_the_date(
    qtbot, ctx, ws, florence, people
) -> None:  # type: ignore[no-untyped-def]
    form = ConcernDialog(ctx, florence.id, relationship_id=people["Jo"].id)
    qtbot.addWidget(form)
    form.show()
    assert form.person.currentData() == people["Jo"].id
    assert form.raised_on.text() == "22/11/2026"
    assert "raised on its own" in form.contact.text()
    choose(form.concern_kind, ConcernKind.UNMET_NEEDS)
    form.save_button.click()
    assert form.errors.shown()["description"] == "What the concern is is required."
    type_into(qtbot, form.description, "Jo cannot get here since the bus stopped")
    form.raised_on.clear()
    type_into(qtbot, form.raised_on, "30/11/2026")
    choose(form.status, ConcernStatus.CLOSED)
    assert form.closed_on.text() == "22/11/2026", "closing: today is the likeliest date"
    form.save_button.click()
    shown = form.errors.shown()
    assert shown["raised_on"] == "The date raised cannot be in the future."
    assert shown["outcome"] == "The outcome is required."
    assert records_for(ws, CONCERNS, florence.id) == []
    form.raised_on.clear()
    type_into(qtbot, form.raised_on, "20/11/2026")
    type_into(qtbot, form.outcome, "Volunteer driver arranged")
    form.save_button.click()
    assert form.result() == form.DialogCode.Accepted
    [saved] = records_for(ws, CONCERNS, florence.id)
    assert saved.details.status is ConcernStatus.CLOSED and saved.details.closed_on == TODAY


def test_an_open_concern_is_changed_with_its_version(qtbot, ctx, ws, florence, people) -> None:  # type: ignore[no-untyped-def]
    visit = record_visit(
        ws, florence.id, VisitDetails(VisitKind.PHONE, at(9), relationship_ids=(people["Susan"].id,))
    )
    saved = add_record(
        ws, CONCERNS, florence.id, concern(ConcernKind.CONFLICT, Severity.LOW, TODAY, visit_id=visit.id)
    )
    form = ConcernDialog(ctx, florence.id, concern_id=saved.id)
    qtbot.addWidget(form)
    assert "Phone call" in form.contact.text()
    choose(form.status, ConcernStatus.IN_HAND)
    type_into(qtbot, form.actions_taken, "Talked with both sons")
    form.save_button.click()
    after = record(ws, CONCERNS, saved.id).details
    assert after.status is ConcernStatus.IN_HAND and after.actions == "Talked with both sons"
    assert after.visit_id == visit.id


# -- the area -----------------------------------------------------------------------------------------


@pytest.fixture
def several(ws, florence, robert):  # type: ignore[no-untyped-def]
    add_record(
        ws,
        CONCERNS,
        florence.id,
        concern(ConcernKind.HARM_OR_ABUSE, Severity.HIGH, TODAY - timedelta(days=3)),
    )
    add_record(
        ws,
        CONCERNS,
        florence.id,
        concern(ConcernKind.UNMET_NEEDS, Severity.MEDIUM, TODAY - timedelta(days=10)),
    )
    add_record(
        ws,
        CONCERNS,
        florence.id,
        concern(
            ConcernKind.COMPLAINT,
            Severity.LOW,
            TODAY - timedelta(days=40),
            status=ConcernStatus.CLOSED,
            outcome="Explained",
            closed_on=TODAY - timedelta(days=30),
        ),
    )
    add_record(
        ws, CONCERNS, robert.id, concern(ConcernKind.CONFLICT, Severity.URGENT, TODAY - timedelta(days=1))
    )
    return ws


def test_the_concerns_model_passes_qt_model_checks(qtmodeltester, several) -> None:  # type: ignore[no-untyped-def]
    model = ConcernsModel()
    model.set_concerns(concerns_list(several), TODAY)
    qtmodeltester.check(model)
    assert model.rowCount() == 4
    closed_row = next(r for r in range(4) if model.concern_at(r).status is ConcernStatus.CLOSED)
    assert model.data(model.index(closed_row, ConcernsModel.AGE_COLUMN)) == "", "no age for a closed concern"
    urgent = model.index(0, ConcernsModel.SEVERITY_COLUMN)
    assert model.data(urgent) == "Urgent" and model.data(urgent, Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(urgent, Qt.ItemDataRole.ToolTipRole).startswith("Conflict raised")


def test_filters_narrow_the_list(qtbot, ctx, several) -> None:  # type: ignore[no-untyped-def]
    page = show_page(qtbot, ctx)
    kinds = [page.model.concern_at(r).kind for r in range(page.model.rowCount())]
    assert kinds == [ConcernKind.CONFLICT, ConcernKind.HARM_OR_ABUSE, ConcernKind.UNMET_NEEDS], (
        "open ones only, the most severe first"
    )
    assert page.count_label.text() == "3 concerns"
    page.status.setCurrentIndex(page.status.findData("closed"))
    assert [page.model.concern_at(0).kind] == [ConcernKind.COMPLAINT] and page.model.rowCount() == 1
    page.status.setCurrentIndex(page.status.findData("all"))
    assert page.model.rowCount() == 4
    choose(page.kind, ConcernKind.UNMET_NEEDS)
    assert page.model.rowCount() == 1
    page.kind.setCurrentIndex(0)
    choose(page.severity, Severity.HIGH)
    assert {page.model.concern_at(r).severity for r in range(page.model.rowCount())} == {
        Severity.HIGH,
        Severity.URGENT,
    }
    page.severity.setCurrentIndex(0)
    type_into(qtbot, page.search, "robert")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.concern_at(0).resident_name == "Robert Evans"
    page.search.clear()
    page.refresh()
    type_into(qtbot, page.raised_from, "01/11/2026")
    assert page.model.rowCount() == 3
    type_into(qtbot, page.raised_to, "20/11/2026")
    assert [page.model.concern_at(r).kind for r in range(page.model.rowCount())] == [
        ConcernKind.HARM_OR_ABUSE,
        ConcernKind.UNMET_NEEDS,
    ]
    page.raised_to.clear()
    type_into(qtbot, page.raised_to, "31/02/2026")
    page.refresh()
    assert "Raised up to" in page.note.message(), "a date that is not a date is said, not ignored silently"
    page.status.setCurrentIndex(page.status.findData("closed"))
    page.raised_to.clear()
    assert page.model.rowCount() == 0 and page.empty.text() == "No concerns match these filters."


def test_enter_opens_a_concern_and_raise_asks_for_the_resident(
    qtbot, ctx, ws, several, florence, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    page = show_page(qtbot, ctx)
    page.table.setFocus()
    page.table.selectRow(1)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert isinstance(page.dialog, ConcernDialog)
    assert page.dialog.record is not None and page.dialog.record.id == page.model.concern_at(1).id
    page.dialog.reject()

    monkeypatch.setattr(page, "choose_resident", lambda: None)
    assert page.raise_concern() is None, "changing one's mind opens nothing"
    monkeypatch.setattr(page, "choose_resident", lambda: florence.id)
    form = page.raise_concern()
    assert isinstance(form, ConcernDialog) and form.resident_id == florence.id
    choose(form.concern_kind, ConcernKind.LACK_OF_RESOURCES)
    type_into(qtbot, form.description, "No hoist on the minibus")
    form.save_button.click()
    assert page.model.rowCount() == 4
    assert page.selected() is not None and page.selected().description == "No hoist on the minibus"


# -- the manager's side ---------------------------------------------------------------------------------


def _handling_entries(ws: Any, concern_id: str) -> list[Any]:
    from carelink_desktop.services.maintenance import audit_entries

    return [
        e
        for e in audit_entries(ws, limit=None)
        if e.action == "concern_handled" and e.subject_id == concern_id
    ]


def test_a_manager_records_how_a_dilemma_is_handled(qtbot, ctx, ws, florence, people) -> None:  # type: ignore[no-untyped-def]
    from carelink_desktop.services.concerns import concern_handling

    saved = add_record(
        ws,
        CONCERNS,
        florence.id,
        concern(
            ConcernKind.ETHICAL_DILEMMA,
            Severity.MEDIUM,
            TODAY - timedelta(days=2),
            relationship_id=people["Peter"].id,
        ),
    )
    page = show_page(qtbot, ctx)
    assert isinstance(page.model, ManagerConcernsModel)
    assert (
        page.model.headerData(ManagerConcernsModel.HANDLER_COLUMN, Qt.Orientation.Horizontal) == "Handled by"
    )
    assert page.model.data(page.model.index(0, ManagerConcernsModel.HANDLER_COLUMN)) == ""

    form = ConcernDialog(ctx, florence.id, concern_id=saved.id, parent=page)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    assert form.manager_side and form.manager_heading is not None and form.manager_heading.isVisible()
    for name in ("handler", "advice_sought", "options_weighed", "decision", "reasoning", "practice_changes"):
        assert form.handling_boxes[name].isVisible(), name
        assert "Standard P" in form.prompts[name].findChildren(QLabel)[1].text(), "the criteria are cited"
    assert "P25" in form.prompts["advice_sought"].findChildren(QLabel)[1].text()
    assert form.handling_boxes["options_weighed"].accessibleName() == "Options weighed"

    type_into(qtbot, form.handling_boxes["handler"], "Amira Khan")
    type_into(qtbot, form.handling_boxes["decision"], "Peter may visit with staff present")
    form.save_button.click()
    shown = form.errors.shown()
    assert shown["reasoning"] == "Say why: the reasoning behind the decision."
    assert shown["options_weighed"] == "For a dilemma, write the options weighed before the decision."
    assert form.isVisible() and concern_handling(ws, saved.id).decision == "", "nothing written"
    assert record(ws, CONCERNS, saved.id).version == saved.version

    type_into(qtbot, form.handling_boxes["advice_sought"], "Safeguarding team; Florence's advocate")
    type_into(
        qtbot,
        form.handling_boxes["options_weighed"],
        "Stop visits: safe, but she loses her nephew.\nSupervised visits: she keeps him, with staff there.",
    )
    type_into(qtbot, form.handling_boxes["reasoning"], "Least restrictive; Florence wants to see him")
    type_into(qtbot, form.handling_boxes["practice_changes"], "Supervision guide for staff")
    choose(form.status, ConcernStatus.IN_HAND)
    form.save_button.click()
    assert form.result() == form.DialogCode.Accepted, form.errors.shown()

    handling = concern_handling(ws, saved.id)
    assert handling.handler == "Amira Khan"
    assert handling.options_weighed.startswith("Stop visits") and "\n" in handling.options_weighed
    assert handling.reasoning == "Least restrictive; Florence wants to see him"
    assert record(ws, CONCERNS, saved.id).details.status is ConcernStatus.IN_HAND
    assert len(_handling_entries(ws, saved.id)) == 1
    assert page.model.data(page.model.index(0, ManagerConcernsModel.HANDLER_COLUMN)) == "Amira Khan"

    # opened again, the manager's side is as saved; saving unchanged writes no new entry
    again = ConcernDialog(ctx, florence.id, concern_id=saved.id)
    qtbot.addWidget(again)
    assert again.handling() == handling and not again.has_unsaved_changes()
    again.save_button.click()
    assert len(_handling_entries(ws, saved.id)) == 1


def test_options_weighed_are_asked_only_for_a_dilemma_and_closing_asks_for_lessons(
    qtbot, ctx, ws, florence
) -> None:  # type: ignore[no-untyped-def]
    from carelink_desktop.services.concerns import concern_handling

    form = ConcernDialog(ctx, florence.id)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    options = form.handling_boxes["options_weighed"]
    assert not options.isVisible(), "a conflict is not a dilemma"
    choose(form.concern_kind, ConcernKind.ETHICAL_DILEMMA)
    assert options.isVisible() and form.prompts["options_weighed"].isVisible()
    choose(form.concern_kind, ConcernKind.CONFLICT)
    assert not options.isVisible()

    # a manager who leaves the manager's side empty saves the concern as before
    type_into(qtbot, form.description, "Brothers argue about her money at visits")
    type_into(qtbot, form.handling_boxes["handler"], "Amira Khan")
    choose(form.status, ConcernStatus.CLOSED)
    type_into(qtbot, form.outcome, "Family meeting held")
    form.save_button.click()
    assert form.errors.shown()["lessons"].startswith("A closed concern records its lessons")
    assert records_for(ws, CONCERNS, florence.id) == [], "neither part is written"
    type_into(qtbot, form.handling_boxes["lessons"], "Talk money outside visits")
    form.save_button.click()
    assert form.result() == form.DialogCode.Accepted
    [saved] = records_for(ws, CONCERNS, florence.id)
    assert concern_handling(ws, saved.id).lessons == "Talk money outside visits"
    assert saved.details.status is ConcernStatus.CLOSED


def test_a_keyworker_does_not_see_the_managers_side(qtbot, ws, florence, staff_workspace) -> None:  # type: ignore[no-untyped-def]
    from carelink_desktop.domain.concerns import ConcernHandling
    from carelink_desktop.domain.roles import Role
    from carelink_desktop.services.concerns import concern_handling, handle_concern
    from carelink_desktop.ui.events import ChangeSignals
    from carelink_desktop.ui.pages import Navigator, ShellContext

    saved = add_record(ws, CONCERNS, florence.id, concern(ConcernKind.CONFLICT, Severity.LOW, TODAY))
    handle_concern(ws, saved.id, ConcernHandling(handler="Amira Khan", lessons="Listen first"))
    keyworker = staff_workspace(Role.KEYWORKER, "bea")
    keyworker.set_today_for_tests(TODAY)
    kctx = ShellContext(keyworker, ChangeSignals(keyworker.events), Navigator(), "Rosewood House")

    page = show_page(qtbot, kctx)
    assert type(page.model) is ConcernsModel and page.model.columnCount() == 9
    assert page.model.concern_at(0).handler == "", "the handler is the manager's side"

    form = ConcernDialog(kctx, florence.id, concern_id=saved.id)
    qtbot.addWidget(form)
    form.show()
    assert not form.manager_side and form.manager_heading is None
    assert not {"handler", "decision", "lessons"} & set(form.fields)
    assert not [w for w in form.findChildren(QLabel) if "Manager" in w.text()]
    type_into(qtbot, form.actions_taken, "Spoke to both")
    form.save_button.click()
    assert form.result() == form.DialogCode.Accepted
    assert record(ws, CONCERNS, saved.id).details.actions == "Spoke to both"
    kept = concern_handling(ws, saved.id)
    assert (kept.handler, kept.lessons) == ("Amira Khan", "Listen first"), "a keyworker's save keeps it"


def test_the_ethical_dilemmas_quick_choice(qtbot, ctx, ws, several, florence) -> None:  # type: ignore[no-untyped-def]
    add_record(ws, CONCERNS, florence.id, concern(ConcernKind.ETHICAL_DILEMMA, Severity.LOW, TODAY))
    page = show_page(qtbot, ctx)
    assert page.model.rowCount() == 4
    assert page.dilemmas.accessibleName() or page.dilemmas.text().replace("&", "") == "Ethical dilemmas"
    page.dilemmas.click()
    assert page.kind.currentData() == ConcernKind.ETHICAL_DILEMMA.value
    assert [page.model.concern_at(r).kind for r in range(page.model.rowCount())] == [
        ConcernKind.ETHICAL_DILEMMA
    ]
    page.dilemmas.click()
    assert page.kind.currentIndex() == 0 and page.model.rowCount() == 4
    choose(page.kind, ConcernKind.ETHICAL_DILEMMA)
    assert page.dilemmas.isChecked(), "choosing the kind shows in the quick choice"
    choose(page.kind, ConcernKind.CONFLICT)
    assert not page.dilemmas.isChecked()


def test_the_managers_concerns_model_passes_qt_model_checks(qtmodeltester, several) -> None:  # type: ignore[no-untyped-def]
    model = ManagerConcernsModel()
    model.set_concerns(concerns_list(several), TODAY)
    qtmodeltester.check(model)
    assert model.columnCount() == 10
