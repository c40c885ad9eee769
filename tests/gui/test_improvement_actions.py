"""Improvement actions in the desktop, driven with pytest-qt (offscreen) over a real encrypted
home: the list (open first, overdue marked, filters), agreeing an action with the domain's rules at
their fields, closing one (Done with its result and date), an action linked to a concern shown
read-only, removing one recorded in error, and that only a manager has the area."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt

import tests.gui.test_visit_dialog as shared
from carelink_desktop.domain.concerns import ConcernDetails, ConcernKind, Severity
from carelink_desktop.domain.errors import PermissionDenied
from carelink_desktop.domain.improvement_actions import ActionSource, ActionStatus, ImprovementActionDetails
from carelink_desktop.domain.roles import Role
from carelink_desktop.services.concerns import CONCERNS
from carelink_desktop.services.improvement_actions import add_action, improvement_action, improvement_actions
from carelink_desktop.services.resident_records import add_record
from carelink_desktop.ui.action_dialog import ActionDialog, prefilled
from carelink_desktop.ui.actions_models import ActionsModel
from carelink_desktop.ui.actions_page import ImprovementActionsPage
from carelink_desktop.ui.pages import ShellContext
from tests.gui.test_visit_dialog import TODAY, choose, type_into

ctx = shared.ctx
florence = shared.florence
never_ask = shared.never_ask
ws = shared.ws


def action(
    what: str, due: date, *, status: ActionStatus = ActionStatus.PLANNED, **extra: Any
) -> ImprovementActionDetails:
    base: dict[str, Any] = {"raised_on": date(2026, 9, 1), "due_on": due, "status": status}
    if not status.open:
        base.update(
            completed_on=date(2026, 10, 20),
            result="Done and it worked" if status is ActionStatus.DONE else "",
        )
    base.update(extra)
    return ImprovementActionDetails(
        what, f"Because of {what.lower()}", ActionSource.FINDING, "Ann Patel", **base
    )


def seed_actions(ws: Any) -> dict[str, str]:
    """An overdue action, one due later, one under way, one done: name -> id."""
    made = {
        "Doorbell": add_action(ws, action("Doorbell", date(2026, 11, 1))),
        "Video calls": add_action(ws, action("Video calls", date(2026, 12, 31))),
        "Carers' group": add_action(
            ws, action("Carers' group", date(2026, 12, 1), status=ActionStatus.UNDER_WAY)
        ),
        "Welcome pack": add_action(
            ws,
            action(
                "Welcome pack",
                date(2026, 10, 31),
                status=ActionStatus.DONE,
                result="Pack given to every new visitor; two families thanked us",
            ),
        ),
    }
    return {name: view.id for name, view in made.items()}


def show_page(qtbot: Any, ctx: ShellContext) -> ImprovementActionsPage:
    page = ImprovementActionsPage(ctx)
    ctx.changes.changed.connect(lambda kind: page.refresh() if kind in page.watches else None)
    qtbot.addWidget(page)
    page.resize(1280, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def shown(page: ImprovementActionsPage) -> list[str]:
    return [page.model.action_at(r).details.action for r in range(page.model.rowCount())]


def cells(model: Any, row: int) -> list[str]:
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


# -- the list ------------------------------------------------------------------------------------------


def test_open_actions_come_first_soonest_due_and_overdue_ones_are_marked(qtbot, ctx, ws) -> None:  # type: ignore[no-untyped-def]
    seed_actions(ws)
    page = show_page(qtbot, ctx)
    assert shown(page) == ["Doorbell", "Carers' group", "Video calls"], "open ones, soonest due first"
    assert cells(page.model, 0) == [
        "01/11/2026 (overdue)",
        "Doorbell",
        "Because of doorbell",
        "An analysis finding",
        "Ann Patel",
        "Planned",
        "01/09/2026",
        "",
    ]
    due = page.model.index(0, ActionsModel.DUE_COLUMN)
    assert page.model.data(due, Qt.ItemDataRole.FontRole).bold()
    assert page.model.data(page.model.index(1, 0)) == "01/12/2026"
    assert page.count_label.text() == "3 actions, 1 overdue"

    choose(page.status, "all")
    assert shown(page) == ["Doorbell", "Carers' group", "Video calls", "Welcome pack"]
    assert cells(page.model, 3)[5:] == ["Done", "01/09/2026", "20/10/2026"]
    assert "Result: Pack given to every new visitor" in page.model.data(
        page.model.index(3, 1), Qt.ItemDataRole.ToolTipRole
    )
    choose(page.status, "finished")
    assert shown(page) == ["Welcome pack"]
    choose(page.source, ActionSource.FEEDBACK)
    assert shown(page) == [] and page.empty.isVisible()
    assert page.empty.text() == "No improvement actions match these filters."
    assert not page.edit_button.isEnabled()


def test_a_new_action_shows_the_rules_at_their_fields_and_saves_nothing_until_right(qtbot, ctx, ws) -> None:  # type: ignore[no-untyped-def]
    page = show_page(qtbot, ctx)
    assert page.empty.isVisible()
    dialog = page.new_action()
    assert isinstance(dialog, ActionDialog)
    qtbot.addWidget(dialog)
    assert dialog.raised_on.text() == "22/11/2026" and dialog.owner.text() == "Amira Khan"
    assert [dialog.source.itemData(i) for i in range(dialog.source.count())] == ["finding", "other"], (
        "feedback and concerns are linked from where they are"
    )
    dialog.owner.clear()
    dialog.save_button.click()
    assert dialog.errors.shown() == {
        "action": "The action is required.",
        "reason": "Why it is needed is required.",
        "owner": "Who will do it is required.",
        "due_on": "Give the date it is due.",
    }
    type_into(qtbot, dialog.action, "Offer video calls on Sunday afternoons")
    type_into(qtbot, dialog.reason, "Three families live abroad")
    type_into(qtbot, dialog.owner, "Ann Patel")
    type_into(qtbot, dialog.due_on, "01/09/2026")
    dialog.save_button.click()
    assert dialog.errors.shown() == {"due_on": "The due date cannot be before the date agreed."}
    assert improvement_actions(ws) == []
    dialog.due_on.clear()
    type_into(qtbot, dialog.due_on, "31/12/2026")
    choose(dialog.source, ActionSource.OTHER)
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    [saved] = improvement_actions(ws)
    assert saved.details == ImprovementActionDetails(
        "Offer video calls on Sunday afternoons",
        "Three families live abroad",
        ActionSource.OTHER,
        "Ann Patel",
        TODAY,
        date(2026, 12, 31),
    )
    assert shown(page) == ["Offer video calls on Sunday afternoons"], "the list refreshes"
    assert page.selected().id == saved.id


def test_closing_an_action_needs_its_result_and_sets_the_date(qtbot, ctx, ws) -> None:  # type: ignore[no-untyped-def]
    ids = seed_actions(ws)
    page = show_page(qtbot, ctx)
    page.table.selectRow(0)
    dialog = page.edit_selected()
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Improvement action"
    choose(dialog.status, ActionStatus.DONE)
    assert dialog.completed_on.text() == "22/11/2026", "finishing: today is the likeliest date"
    dialog.save_button.click()
    assert dialog.errors.shown() == {"result": "What came of it is required."}
    assert improvement_action(ws, ids["Doorbell"]).details.status is ActionStatus.PLANNED
    type_into(qtbot, dialog.outcome, "Bell fitted; visitors say they are let in at once")
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    closed = improvement_action(ws, ids["Doorbell"]).details
    assert (closed.status, closed.completed_on, closed.result) == (
        ActionStatus.DONE,
        TODAY,
        "Bell fitted; visitors say they are let in at once",
    )
    assert shown(page) == ["Carers' group", "Video calls"], "a closed action leaves the open list"

    reopen = ActionDialog(ws, ids["Doorbell"])
    qtbot.addWidget(reopen)
    choose(reopen.status, ActionStatus.UNDER_WAY)
    assert reopen.completed_on.text() == "", "an open action has no completion date"


def test_someone_elses_change_is_never_overwritten_unseen(qtbot, ctx, ws) -> None:  # type: ignore[no-untyped-def]
    ids = seed_actions(ws)
    dialog = ActionDialog(ws, ids["Video calls"])
    qtbot.addWidget(dialog)
    dialog.show()
    from carelink_desktop.services.improvement_actions import change_action

    theirs = improvement_action(ws, ids["Video calls"]).details
    change_action(
        ws, ids["Video calls"], ImprovementActionDetails(**{**theirs.__dict__, "owner": "Bea Morgan"})
    )
    type_into(qtbot, dialog.outcome, "Half done")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert "Someone else changed this action" in dialog.message.text()
    assert improvement_action(ws, ids["Video calls"]).details.owner == "Bea Morgan"
    assert dialog.outcome.toPlainText() == "Half done", "nothing typed is lost"


def test_an_action_from_a_concern_shows_the_concern_read_only(qtbot, ctx, ws, florence) -> None:  # type: ignore[no-untyped-def]
    concern = add_record(
        ws,
        CONCERNS,
        florence.id,
        ConcernDetails(ConcernKind.CONFLICT, Severity.LOW, "Two sons disagree about visiting times", TODAY),
    )
    dialog = ActionDialog(
        ws, prefill=prefilled("Family conflict over visits", ActionSource.CONCERN, concern.id)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.source.isVisibleTo(dialog)
    assert dialog.linked.isVisibleTo(dialog)
    assert dialog.linked.text() == (
        "Concern (conflict) raised on 22/11/2026: Two sons disagree about visiting times"
    )
    type_into(qtbot, dialog.action, "Family meeting with both sons")
    type_into(qtbot, dialog.due_on, "01/12/2026")
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    [saved] = improvement_actions(ws)
    assert (saved.details.source, saved.details.source_id) == (ActionSource.CONCERN, concern.id)


def test_removing_an_action_asks_first(qtbot, ctx, ws) -> None:  # type: ignore[no-untyped-def]
    seed_actions(ws)
    page = show_page(qtbot, ctx)
    page.table.selectRow(0)
    asked: list[str] = []
    page.confirm = lambda text: asked.append(text) or False  # type: ignore[method-assign]
    assert not page.remove_selected()
    assert "set its status to Dropped instead" in asked[0]
    assert len(shown(page)) == 3
    page.confirm = lambda _text: True  # type: ignore[method-assign]
    assert page.remove_selected()
    assert shown(page) == ["Carers' group", "Video calls"]


def test_only_a_manager_has_the_improvement_actions_area(qtbot, ws, staff_workspace) -> None:  # type: ignore[no-untyped-def]
    assert ImprovementActionsPage.permission is not None
    assert ws.may(ImprovementActionsPage.permission)
    for role, name in ((Role.KEYWORKER, "kim"), (Role.SHIFT_LEAD, "sol")):
        other = staff_workspace(role, name)
        assert not other.may(ImprovementActionsPage.permission), role
        with pytest.raises(PermissionDenied):
            add_action(other, action("Doorbell", date(2026, 12, 1)))


def test_the_model_passes_qt_model_checks(qtmodeltester, qtbot, ctx, ws) -> None:  # type: ignore[no-untyped-def]
    seed_actions(ws)
    page = show_page(qtbot, ctx)
    choose(page.status, "all")
    qtmodeltester.check(page.model)
    qtmodeltester.check(ActionsModel())


def test_every_field_is_named_and_reached_by_tab(qtbot, ws) -> None:  # type: ignore[no-untyped-def]
    dialog = ActionDialog(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    for name, widget in dialog.fields.items():
        assert widget.accessibleName(), name
    order = []
    widget = dialog.action
    for _ in range(12):
        order.append(widget)
        widget = widget.nextInFocusChain()
        while not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or not widget.isVisibleTo(dialog):
            widget = widget.nextInFocusChain()
    expected = [
        dialog.action,
        dialog.reason,
        dialog.source,
        dialog.owner,
        dialog.raised_on,
        dialog.due_on,
        dialog.status,
        dialog.outcome,
        dialog.completed_on,
    ]
    assert order[: len(expected)] == expected
