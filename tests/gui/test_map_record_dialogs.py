"""The forms for the records around the relationship map (groups, relationship issues,
evaluations, restrictions on contact, keyworker changes), driven as a person would with
pytest-qt (offscreen) over a real encrypted home: typed values are saved exactly, refused saves
write nothing and say why at the field, edits round-trip and a stale edit is refused."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)

from carelink_desktop.domain.evaluations import EvaluationDetails
from carelink_desktop.domain.groups import GroupDetails, GroupKind
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.keyworker_changes import Involvement, KeyworkerChangeDetails
from carelink_desktop.domain.relationship_issues import IssueDetails, IssueKind, IssueStatus, PersonView
from carelink_desktop.domain.relationships import Category, RelationshipDetails
from carelink_desktop.domain.restrictions import RestrictionDetails, RestrictionKind
from carelink_desktop.domain.roles import Role
from carelink_desktop.services import accounts
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.map_records import (
    EVALUATIONS,
    GROUPS,
    ISSUES,
    KEYWORKER_CHANGES,
    RESTRICTIONS,
)
from carelink_desktop.services.relationships import RelationshipView, relate, relationships_of
from carelink_desktop.services.resident_records import add_record, change_record, records_for
from carelink_desktop.services.residents import admit_resident, view_resident
from carelink_desktop.ui import unsaved
from carelink_desktop.ui.map_record_dialogs import (
    EvaluationDialog,
    GroupDialog,
    IssueDialog,
    KeyworkerChangeDialog,
    RestrictionDialog,
    add_months,
)
from carelink_desktop.ui.record_dialog import RecordDialog
from carelink_desktop.ui.restriction_and_keyworker_dialogs import CompletionDateDialog
from carelink_desktop.ui.widgets import DateField
from tests.conftest import resident

TODAY = date(2026, 5, 1)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


# -- fixtures and helpers --------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def never_ask(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forms left open with changes are closed at the end of a test: discard without asking
    (a test about asking sets its own answer)."""
    monkeypatch.setattr(unsaved, "confirm_discard", lambda _parent: True)


@pytest.fixture
def ws(manager):  # type: ignore[no-untyped-def]
    manager.set_today_for_tests(TODAY)
    return manager


@pytest.fixture
def bea(manager):  # type: ignore[no-untyped-def]
    return accounts.add_account(
        manager,
        username="bea",
        full_name="Bea Okafor",
        role=Role.KEYWORKER,
        initial_password="Keyworker pw 1",
    )


@pytest.fixture
def peggy(ws, bea):  # type: ignore[no-untyped-def]
    return admit_resident(ws, resident(preferred_name="Peggy", keyworker_id=bea.id))


@pytest.fixture
def people(ws, peggy) -> dict[str, RelationshipView]:  # type: ignore[no-untyped-def]
    """Peggy's daughter Susan and her friend Tom, by first name."""
    sue = add_key_person(ws, KeyPersonDetails("Susan", "Jones"))
    tom = add_key_person(ws, KeyPersonDetails("Tom", "Price"))
    relate(ws, peggy.id, sue.id, RelationshipDetails("daughter", Category.FAMILY))
    relate(ws, peggy.id, tom.id, RelationshipDetails("friend", Category.FRIEND))
    return {r.key_person_name.split()[0]: r for r in relationships_of(ws, peggy.id)}


@pytest.fixture
def open_dialog(qtbot, peggy, people):  # type: ignore[no-untyped-def]
    """open_dialog(GroupDialog, ws, record=None, **kwargs): shown, with Peggy's key people."""

    def make(cls: type[RecordDialog], ws: Any, record: Any = None, **kwargs: Any) -> Any:
        dialog = cls(ws, peggy.id, record, list(people.values()), **kwargs)  # type: ignore[call-arg]
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def choose(combo: QComboBox, value: object) -> None:
    index = combo.findData(getattr(value, "value", value))
    assert index >= 0, f"{value!r} is not offered"
    combo.setCurrentIndex(index)


def type_date(qtbot, field: DateField, text: str) -> None:  # type: ignore[no-untyped-def]
    field.clear()
    qtbot.keyClicks(field, text)


def tick(items: QListWidget, text: str) -> None:
    [item] = items.findItems(text, Qt.MatchFlag.MatchStartsWith)
    item.setCheckState(Qt.CheckState.Checked)


def save(qtbot, dialog: RecordDialog) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def refused(qtbot, dialog: RecordDialog) -> dict[str, str]:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible(), "a refused save keeps the form open"
    assert dialog.result_view is None
    return dialog.errors.shown()


# -- groups --------------------------------------------------------------------------------------


def test_group_is_saved_as_typed(qtbot, ws, peggy, open_dialog) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(GroupDialog, ws)
    assert dialog.windowTitle() == "Add a group"
    qtbot.keyClicks(dialog.name, "St Mary's Church")
    choose(dialog.group_kind, GroupKind.FAITH)
    qtbot.keyClicks(dialog.how_they_take_part, "Sunday service with her daughter")
    qtbot.keyClicks(dialog.support_needed, "A wheelchair taxi")
    qtbot.keyClicks(dialog.what_helps_inclusion, "Large-print hymn sheets")
    qtbot.keyClicks(dialog.contact, "Revd Ellis, 01632 960123")
    type_date(qtbot, dialog.started_on, "3.9.2019")
    save(qtbot, dialog)

    [saved] = records_for(ws, GROUPS, peggy.id)
    assert saved.details == GroupDetails(
        name="St Mary's Church",
        kind=GroupKind.FAITH,
        how_they_take_part="Sunday service with her daughter",
        support_needed="A wheelchair taxi",
        what_helps_inclusion="Large-print hymn sheets",
        contact="Revd Ellis, 01632 960123",
        started_on=date(2019, 9, 3),
    )
    assert dialog.result_view == saved


def test_group_problems_show_at_their_fields_and_nothing_is_saved(qtbot, ws, peggy, open_dialog) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(GroupDialog, ws)
    type_date(qtbot, dialog.started_on, "31/02/2020")
    assert "started_on" in dialog.errors.shown(), "a whole date that is not a date is said at once"
    shown = refused(qtbot, dialog)
    assert shown["name"] == "The group's name is required."
    assert shown["started_on"]
    assert dialog.message.message() == "Nothing was saved: correct the fields marked ⚠."
    assert dialog.focusWidget() is dialog.name, "the first field with a problem"
    assert records_for(ws, GROUPS, peggy.id) == []

    qtbot.keyClicks(dialog.name, "Lunch club")
    type_date(qtbot, dialog.started_on, "28/02/2020")
    assert dialog.errors.shown() == {}
    assert not dialog.message.isVisible()
    save(qtbot, dialog)
    assert records_for(ws, GROUPS, peggy.id)[0].details.started_on == date(2020, 2, 28)


def test_group_edit_round_trips_and_a_stale_edit_is_refused(qtbot, ws, peggy, open_dialog) -> None:  # type: ignore[no-untyped-def]
    details = GroupDetails("Knit and natter", GroupKind.CLUB, contact="Jan", started_on=date(2024, 2, 1))
    saved = add_record(ws, GROUPS, peggy.id, details)
    dialog = open_dialog(GroupDialog, ws, saved)
    assert dialog.windowTitle() == "Change a group"
    assert dialog.details() == details, "every field shows what was saved"
    assert not dialog.has_unsaved_changes()
    assert dialog.recorded.text() == f"Recorded by Amira Khan on {saved.created_at:%d/%m/%Y}."
    type_date(qtbot, dialog.ended_on, "01/04/2026")
    save(qtbot, dialog)
    [after] = records_for(ws, GROUPS, peggy.id)
    assert after.details == replace(details, ended_on=date(2026, 4, 1))

    stale = open_dialog(GroupDialog, ws, after)
    change_record(ws, GROUPS, after.id, replace(details, contact="Janet"))  # someone else, meanwhile
    stale.contact.setText("Jan Smith")
    qtbot.mouseClick(stale.save_button, Qt.MouseButton.LeftButton)
    assert stale.isVisible()
    assert stale.message.message() == (
        "Someone else changed this group since you opened it: "
        "close it and open it again to see their changes."
    )
    assert records_for(ws, GROUPS, peggy.id)[0].details.contact == "Janet"


def test_cancel_asks_only_when_something_changed(qtbot, ws, open_dialog, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked: list[bool] = []

    def answer(result: bool) -> None:
        def confirm(_parent: QWidget) -> bool:
            asked.append(result)
            return result

        monkeypatch.setattr(unsaved, "confirm_discard", confirm)

    dialog = open_dialog(GroupDialog, ws)
    answer(False)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert asked == [] and not dialog.isVisible(), "nothing typed: closes without asking"

    dialog = open_dialog(GroupDialog, ws)
    qtbot.keyClicks(dialog.name, "Bowls")
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert asked == [False] and dialog.isVisible(), "kept open when the person chooses to go back"
    answer(True)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == [False, True] and not dialog.isVisible()


# -- restrictions on contact ---------------------------------------------------------------------


def fill_restriction(qtbot, dialog: RestrictionDialog, people: dict[str, RelationshipView]) -> None:  # type: ignore[no-untyped-def]
    choose(dialog.concerns, people["Tom"].id)
    choose(dialog.restriction_kind, RestrictionKind.COURT_ORDER)
    qtbot.keyClicks(dialog.what_is_restricted, "No visits")
    qtbot.keyClicks(dialog.legal_basis, "Non-molestation order, 2 March 2026")
    qtbot.keyClicks(dialog.less_restrictive_options, "Supervised visits: refused by the court")
    qtbot.keyClicks(dialog.decided_with, "Court; social worker; manager")
    qtbot.keyClicks(dialog.how_resident_told, "Told by her keyworker with her daughter present")
    qtbot.keyClicks(dialog.how_person_told, "Letter from the court")
    type_date(qtbot, dialog.review_on, "02/09/2026")


def test_restriction_is_saved_as_typed(qtbot, ws, peggy, people, open_dialog) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(RestrictionDialog, ws)
    assert dialog.intro.isVisible()
    assert "only to shift leads and managers" in dialog.intro.text()
    assert dialog.starts_on.text() == "01/05/2026", "today, to start with"
    assert dialog.concerns.currentText() == "Everyone (e.g. an outbreak)"
    assert not dialog.how_person_told.isEnabled(), "no one person to tell"
    fill_restriction(qtbot, dialog, people)
    assert dialog.how_person_told.isEnabled()
    save(qtbot, dialog)

    [saved] = records_for(ws, RESTRICTIONS, peggy.id)
    assert saved.details == RestrictionDetails(
        kind=RestrictionKind.COURT_ORDER,
        what_is_restricted="No visits",
        starts_on=TODAY,
        review_on=date(2026, 9, 2),
        relationship_id=people["Tom"].id,
        legal_basis="Non-molestation order, 2 March 2026",
        less_restrictive_options="Supervised visits: refused by the court",
        decided_with="Court; social worker; manager",
        how_resident_told="Told by her keyworker with her daughter present",
        how_person_told="Letter from the court",
    )


def test_restriction_for_everyone_and_its_problems(qtbot, ws, peggy, open_dialog) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(RestrictionDialog, ws)
    choose(dialog.restriction_kind, RestrictionKind.INFECTION_CONTROL)
    qtbot.keyClicks(dialog.what_is_restricted, "No visitors during the norovirus outbreak")
    type_date(qtbot, dialog.review_on, "30/04/2026")
    shown = refused(qtbot, dialog)
    assert shown == {
        "legal_basis": "Record the legal basis (the order, plan or condition).",
        "less_restrictive_options": "Record the less restrictive options considered.",
        "decided_with": "Say who took part in the decision.",
        "how_resident_told": "Say how the resident was told.",
        "review_on": "Review date cannot be before the start date.",
    }
    assert dialog.focusWidget() is dialog.legal_basis
    assert records_for(ws, RESTRICTIONS, peggy.id) == []

    qtbot.keyClicks(dialog.legal_basis, "Outbreak control plan (UKHSA)")
    qtbot.keyClicks(dialog.less_restrictive_options, "Window and video visits offered")
    qtbot.keyClicks(dialog.decided_with, "Manager and health protection team")
    qtbot.keyClicks(dialog.how_resident_told, "Explained at breakfast")
    type_date(qtbot, dialog.review_on, "08/05/2026")
    save(qtbot, dialog)
    [saved] = records_for(ws, RESTRICTIONS, peggy.id)
    assert saved.details.relationship_id is None and saved.details.how_person_told == ""


def test_restriction_refused_for_a_keyworker_with_the_permission_message(  # type: ignore[no-untyped-def]
    qtbot, ws, staff_workspace, peggy, people, open_dialog
) -> None:
    keyworker = staff_workspace(Role.KEYWORKER, "kim")
    keyworker.set_today_for_tests(TODAY)
    dialog = open_dialog(RestrictionDialog, keyworker)
    fill_restriction(qtbot, dialog, people)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result_view is None
    assert dialog.message.message() == "Keyworkers cannot record restrictions on contact: ask a manager."
    assert records_for(ws, RESTRICTIONS, peggy.id) == []


def test_restriction_saved_by_a_shift_lead_and_ended(
    qtbot, ws, staff_workspace, peggy, people, open_dialog
) -> None:  # type: ignore[no-untyped-def]
    lee = staff_workspace(Role.SHIFT_LEAD, "lee")
    lee.set_today_for_tests(TODAY)
    dialog = open_dialog(RestrictionDialog, lee)
    fill_restriction(qtbot, dialog, people)
    save(qtbot, dialog)
    [saved] = records_for(lee, RESTRICTIONS, peggy.id)
    assert saved.recorded_by == "Lee Test"

    again = open_dialog(RestrictionDialog, lee, saved)
    assert again.details() == saved.details
    type_date(qtbot, again.ends_on, "01/05/2026")
    assert refused(qtbot, again) == {"end_reason": "Say why the restriction ended."}
    qtbot.keyClicks(again.end_reason, "The order was discharged")
    save(qtbot, again)
    assert records_for(ws, RESTRICTIONS, peggy.id)[0].details.end_reason == "The order was discharged"


# -- relationship issues -------------------------------------------------------------------------


def test_issue_is_saved_as_typed_with_everyones_views(qtbot, ws, peggy, people, open_dialog) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(IssueDialog, ws)
    assert dialog.raised_on.text() == "01/05/2026"
    qtbot.keyClicks(dialog.summary, "Disagreement about visiting times")
    choose(dialog.issue_kind, IssueKind.DISAGREEMENT)
    type_date(qtbot, dialog.raised_on, "20/04/2026")
    qtbot.keyClicks(dialog.description, "Susan and Tom both want Sunday afternoons")
    assert dialog.views.rows == []
    tick(dialog.involves, "Susan Jones")
    tick(dialog.involves, "Tom Price")
    assert [row.person.currentText() for row in dialog.views.rows] == [
        "Susan Jones (daughter)",
        "Tom Price (friend)",
    ], "a row for each person involved"
    qtbot.keyClicks(dialog.residents_view, "She would like to see both of them")
    qtbot.keyClicks(dialog.views.rows[0].view, "Sunday is her only free day")
    qtbot.keyClicks(dialog.views.rows[1].view, "Happy to come on Saturdays")
    qtbot.mouseClick(dialog.views.add_button, Qt.MouseButton.LeftButton)
    assert dialog.focusWidget() is dialog.views.rows[2].person
    qtbot.keyClicks(dialog.views.rows[2].person, "Dr Patel (GP)")
    qtbot.keyClicks(dialog.views.rows[2].view, "Both visits are good for her mood")
    qtbot.keyClicks(dialog.advice_sought, "Asked the social worker")
    qtbot.keyClicks(dialog.ways_forward, "Alternate Sundays")
    choose(dialog.status, IssueStatus.IN_HAND)
    save(qtbot, dialog)

    [saved] = records_for(ws, ISSUES, peggy.id)
    assert saved.details == IssueDetails(
        summary="Disagreement about visiting times",
        kind=IssueKind.DISAGREEMENT,
        raised_on=date(2026, 4, 20),
        description="Susan and Tom both want Sunday afternoons",
        relationship_ids=(people["Susan"].id, people["Tom"].id),
        residents_view="She would like to see both of them",
        views=(
            PersonView("Susan Jones", "Sunday is her only free day", people["Susan"].id),
            PersonView("Tom Price", "Happy to come on Saturdays", people["Tom"].id),
            PersonView("Dr Patel (GP)", "Both visits are good for her mood"),
        ),
        advice_sought="Asked the social worker",
        ways_forward="Alternate Sundays",
        status=IssueStatus.IN_HAND,
    )


def test_issue_views_problems_name_the_row(qtbot, ws, peggy, people, open_dialog) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(IssueDialog, ws)
    qtbot.keyClicks(dialog.summary, "Phone calls")
    tick(dialog.involves, "Tom Price")
    qtbot.mouseClick(dialog.views.add_button, Qt.MouseButton.LeftButton)  # left blank: ignored
    qtbot.mouseClick(dialog.views.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.views.rows[2].view, "Calls are too late")
    qtbot.keyClicks(dialog.views.rows[0].view, "Calls when he can")
    assert refused(qtbot, dialog) == {"views": "Row 3: Say whose view this is."}
    assert dialog.focusWidget() is dialog.views.rows[0].person
    assert records_for(ws, ISSUES, peggy.id) == []

    qtbot.mouseClick(dialog.views.rows[2].remove, Qt.MouseButton.LeftButton)
    [item] = dialog.involves.findItems("Tom Price", Qt.MatchFlag.MatchStartsWith)
    item.setCheckState(Qt.CheckState.Unchecked)
    assert len(dialog.views.rows) == 2, "a person's row with a view written stays when unticked"
    save(qtbot, dialog)
    [saved] = records_for(ws, ISSUES, peggy.id)
    assert saved.details.views == (PersonView("Tom Price", "Calls when he can", people["Tom"].id),)
    assert saved.details.relationship_ids == ()


def test_closing_an_issue_needs_an_outcome(qtbot, ws, peggy, people, open_dialog) -> None:  # type: ignore[no-untyped-def]
    details = IssueDetails(
        "Visiting times",
        IssueKind.DISAGREEMENT,
        date(2026, 4, 2),
        relationship_ids=(people["Susan"].id,),
        views=(PersonView("Susan Jones", "Sundays only", people["Susan"].id),),
    )
    saved = add_record(ws, ISSUES, peggy.id, details)
    dialog = open_dialog(IssueDialog, ws, saved)
    assert dialog.details() == details
    assert [row.person.currentText() for row in dialog.views.rows] == ["Susan Jones (daughter)"]
    choose(dialog.status, IssueStatus.RESOLVED)
    assert dialog.closed_on.text() == "01/05/2026", "closing: today, to start with"
    assert refused(qtbot, dialog) == {"outcome": "Record the outcome before closing the issue."}
    assert dialog.focusWidget() is dialog.outcome
    assert records_for(ws, ISSUES, peggy.id)[0].details.status is IssueStatus.OPEN

    qtbot.keyClicks(dialog.outcome, "Agreed alternate Sundays")
    save(qtbot, dialog)
    [after] = records_for(ws, ISSUES, peggy.id)
    assert after.details == replace(
        details, outcome="Agreed alternate Sundays", status=IssueStatus.RESOLVED, closed_on=TODAY
    )


# -- evaluations ---------------------------------------------------------------------------------


def test_evaluation_is_saved_as_typed(qtbot, ws, peggy, people, open_dialog) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(EvaluationDialog, ws)
    assert dialog.evaluated_on.text() == "01/05/2026"
    assert dialog.next_due.text() == "01/11/2026", "six months on, to start with"
    choose(dialog.of, people["Susan"].id)
    qtbot.keyClicks(dialog.criteria, "Peggy enjoys the visits; Susan feels welcome")
    qtbot.keyClicks(dialog.method, "Talking mat with Peggy; chat with Susan")
    qtbot.keyClicks(dialog.participants, "Peggy, Susan, Bea (keyworker)")
    qtbot.keyClicks(dialog.what_works, "Sunday lunch together")
    qtbot.keyClicks(dialog.what_could_improve, "Shorter visits when she is tired")
    qtbot.keyClicks(dialog.expertise_needed, "Dementia communication")
    assert refused(qtbot, dialog) == {"how_to_get_expertise": "Say how the expertise will be found."}
    assert records_for(ws, EVALUATIONS, peggy.id) == []
    qtbot.keyClicks(dialog.how_to_get_expertise, "Ask the memory clinic nurse")
    qtbot.keyClicks(dialog.reflection, "I could involve Susan in planning")
    save(qtbot, dialog)

    [saved] = records_for(ws, EVALUATIONS, peggy.id)
    assert saved.details == EvaluationDetails(
        evaluated_on=TODAY,
        criteria="Peggy enjoys the visits; Susan feels welcome",
        method="Talking mat with Peggy; chat with Susan",
        participants="Peggy, Susan, Bea (keyworker)",
        relationship_id=people["Susan"].id,
        what_works="Sunday lunch together",
        what_could_improve="Shorter visits when she is tired",
        expertise_needed="Dementia communication",
        how_to_get_expertise="Ask the memory clinic nurse",
        reflection="I could involve Susan in planning",
        next_due=date(2026, 11, 1),
    )

    again = open_dialog(EvaluationDialog, ws, saved)
    assert again.details() == saved.details
    choose(again.of, None)
    type_date(qtbot, again.next_due, "01/02/2026")
    assert refused(qtbot, again) == {"next_due": "Next evaluation cannot be before the date of this one."}
    type_date(qtbot, again.next_due, "01/02/2027")
    save(qtbot, again)
    [after] = records_for(ws, EVALUATIONS, peggy.id)
    assert after.details == replace(saved.details, relationship_id=None, next_due=date(2027, 2, 1))


def test_add_months_keeps_to_the_end_of_short_months() -> None:
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 5, 1), 6) == date(2026, 11, 1)
    assert add_months(date(2027, 12, 15), 1) == date(2028, 1, 15)


# -- keyworker changes ---------------------------------------------------------------------------


def test_keyworker_change_planned_then_marked_done(  # type: ignore[no-untyped-def]
    qtbot, ws, staff_workspace, bea, peggy, people, open_dialog, monkeypatch
) -> None:
    staff_workspace(Role.SHIFT_LEAD, "lee")
    lee = accounts.find_account(ws, "lee")
    dialog = open_dialog(KeyworkerChangeDialog, ws, current_keyworker_id=bea.id)
    offered = [dialog.new_keyworker.itemText(i) for i in range(dialog.new_keyworker.count())]
    assert offered == ["Choose who takes over…", "Amira Khan (Manager)", "Lee Test (Shift lead)"], (
        "active staff but the current keyworker"
    )
    assert dialog.intro.text() == "Moving on from Bea Okafor."
    assert dialog.done_button is None, "a plan is marked done once it is saved"
    qtbot.keyClicks(dialog.reason, "Bea is moving to nights")
    type_date(qtbot, dialog.planned_on, "15/05/2026")
    assert refused(qtbot, dialog) == {
        "new_keyworker_id": "Choose who takes over.",
        "how": "How the move will be made is required.",
    }
    choose(dialog.new_keyworker, lee.id)
    qtbot.keyClicks(dialog.how, "Lee shadows Bea for two weeks")
    qtbot.keyClicks(dialog.risks, "Peggy may be unsettled")
    qtbot.keyClicks(dialog.risk_handling, "Keep her routine the same")
    [(rel, box, how)] = [row for row in dialog.involvement.rows if row[0].id == people["Susan"].id]
    assert not how.isEnabled()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert how.isEnabled()
    assert refused(qtbot, dialog) == {"involvement": "Susan Jones: Say when and how this person is involved."}
    qtbot.keyClicks(how, "At the handover meeting on 14/05")
    qtbot.keyClicks(dialog.notes, "Tell the night team")
    save(qtbot, dialog)

    [saved] = records_for(ws, KEYWORKER_CHANGES, peggy.id)
    assert saved.details == KeyworkerChangeDetails(
        reason="Bea is moving to nights",
        planned_on=date(2026, 5, 15),
        new_keyworker_id=lee.id,
        previous_keyworker_id=bea.id,
        how="Lee shadows Bea for two weeks",
        risks="Peggy may be unsettled",
        risk_handling="Keep her routine the same",
        involvement=(Involvement(rel.id, "At the handover meeting on 14/05"),),
        notes="Tell the night team",
    )

    plan = open_dialog(KeyworkerChangeDialog, ws, saved, current_keyworker_id=bea.id)
    assert plan.details() == saved.details
    assert plan.done_button is not None and plan.done_button.isVisible()
    monkeypatch.setattr(plan, "ask_completed_on", lambda: None)
    qtbot.mouseClick(plan.done_button, Qt.MouseButton.LeftButton)
    assert plan.isVisible() and view_resident(ws, peggy.id).keyworker_name == "Bea Okafor"
    plan.notes.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(plan.notes, "; done early")
    monkeypatch.setattr(plan, "ask_completed_on", lambda: date(2026, 4, 30))
    with qtbot.waitSignal(plan.accepted):
        qtbot.mouseClick(plan.done_button, Qt.MouseButton.LeftButton)

    assert view_resident(ws, peggy.id).keyworker_name == "Lee Test"
    [done] = records_for(ws, KEYWORKER_CHANGES, peggy.id)
    assert done.details.completed_on == date(2026, 4, 30)
    assert done.details.notes == "Tell the night team; done early", "unsaved changes are saved first"
    finished = open_dialog(KeyworkerChangeDialog, ws, done)
    assert finished.done_button is None
    assert finished.intro.text() == "This change was made on 30/04/2026."


def test_completion_date_must_be_a_past_date(qtbot) -> None:  # type: ignore[no-untyped-def]
    question = CompletionDateDialog(TODAY)
    qtbot.addWidget(question)
    assert question.date_field.text() == "01/05/2026"
    type_date(qtbot, question.date_field, "02/05/2026")
    question.accept()
    assert question.result() != CompletionDateDialog.DialogCode.Accepted
    assert question.message.message() == "The date cannot be in the future."
    type_date(qtbot, question.date_field, "")
    question.accept()
    assert question.message.message() == "Give the date the change was made."
    type_date(qtbot, question.date_field, "30/04/2026")
    question.accept()
    assert question.result() == CompletionDateDialog.DialogCode.Accepted
    assert question.value() == date(2026, 4, 30)


# -- accessibility and looks -----------------------------------------------------------------------

DIALOGS: list[type[RecordDialog]] = [
    RestrictionDialog,
    GroupDialog,
    IssueDialog,
    EvaluationDialog,
    KeyworkerChangeDialog,
]


def sample_record(ws, cls: type[RecordDialog], resident_id: str, people: dict[str, RelationshipView]) -> Any:  # type: ignore[no-untyped-def]
    """A saved record with most fields filled, so the forms are seen at their fullest."""
    sue, tom = people["Susan"].id, people["Tom"].id
    if cls is IssueDialog:
        return add_record(
            ws,
            ISSUES,
            resident_id,
            IssueDetails(
                "Disagreement about visiting times",
                IssueKind.DISAGREEMENT,
                date(2026, 4, 20),
                description="Susan and Tom both want Sunday afternoons",
                relationship_ids=(sue, tom),
                views=(
                    PersonView("Susan Jones", "Sunday is her only free day", sue),
                    PersonView("Tom Price", "Happy to come on Saturdays", tom),
                ),
            ),
        )
    if cls is KeyworkerChangeDialog:
        lead = accounts.add_account(
            ws, username="lee", full_name="Lee Test", role=Role.SHIFT_LEAD, initial_password="Shift lead pw 1"
        )
        return add_record(
            ws,
            KEYWORKER_CHANGES,
            resident_id,
            KeyworkerChangeDetails(
                "Bea is moving to nights",
                date(2026, 5, 15),
                lead.id,
                how="Lee shadows Bea for two weeks",
                involvement=(Involvement(sue, "At the handover meeting"),),
            ),
        )
    return None


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


@pytest.mark.parametrize("cls", DIALOGS, ids=lambda c: c.__name__)
def test_every_input_is_labelled_and_tab_follows_the_form(qtbot, ws, peggy, people, open_dialog, cls) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(cls, ws, sample_record(ws, cls, peggy.id, people))
    inputs = (QLineEdit, QPlainTextEdit, QComboBox, QCheckBox, QListWidget, QAbstractButton)
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, inputs) and not isinstance(widget.parent(), QComboBox):
            labelled = widget.accessibleName() or (isinstance(widget, QAbstractButton) and widget.text())
            assert labelled, f"{widget!r} in {cls.__name__} has no accessible name"
    buddies = {label.buddy() for label in dialog.findChildren(QLabel) if label.buddy() is not None}
    for name, widget in dialog.fields.items():
        assert widget in buddies, f"{name} has no label"

    keys = [mnemonic(label.text()) for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    keys += [mnemonic(b.text()) for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
    keys = [k for k in keys if k]
    assert len(keys) == len(set(keys)), f"mnemonics used twice in {cls.__name__}: {sorted(keys)}"

    expected = [w for w in dialog.focus_widgets() if w.isEnabled()]
    order, widget = [], expected[0]
    for _ in range(400):
        if widget in expected and widget not in order:
            order.append(widget)
        widget = widget.nextInFocusChain()
        if widget is expected[0]:
            break
    assert order == expected


@pytest.mark.parametrize("cls", DIALOGS, ids=lambda c: c.__name__)
def test_forms_fit_a_1024_by_768_screen(qtbot, ws, peggy, people, open_dialog, cls) -> None:  # type: ignore[no-untyped-def]
    """PNGs at the natural size and at 1024x768, to look at (screenshots/ is git-ignored)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    dialog = open_dialog(cls, ws, sample_record(ws, cls, peggy.id, people))
    name = cls.__name__.removesuffix("Dialog").lower()
    natural = dialog.natural_size()
    assert natural.width() <= 1000, "no wider than a small laptop screen"
    dialog.resize(natural)
    qtbot.wait(20)
    assert dialog.scroll_area.widget().height() <= dialog.scroll_area.viewport().height() + 1
    dialog.grab().save(str(SCREENSHOTS / f"dlg_{name}_natural.png"))
    dialog.resize(QSize(1024, 768))
    qtbot.wait(20)
    assert not dialog.scroll_area.horizontalScrollBar().isVisible()
    dialog.grab().save(str(SCREENSHOTS / f"dlg_{name}_1024x768.png"))
    small = dialog.fitted_size()
    assert small.height() <= dialog.screen().availableGeometry().height()
