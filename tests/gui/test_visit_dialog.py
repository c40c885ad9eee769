"""The visit record form, driven as a person would with pytest-qt (offscreen) over a real
encrypted home: a quick visit with three fields, every detailed section round-tripped, follow-ups
added and marked done, a restricted person refused until the warning is acknowledged (audited),
free text kept exactly, a booking turned into a record, and the keyboard."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QDateTime, QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox

from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.planned_visits import PlannedStatus, PlannedVisitDetails
from carelink_desktop.domain.relationships import Category, RelationshipDetails
from carelink_desktop.domain.restrictions import RestrictionDetails, RestrictionKind
from carelink_desktop.domain.visits import SECTIONS, FollowUp, Mood, Supervision, VisitDetails, VisitKind
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.services.map_records import RESTRICTIONS
from carelink_desktop.services.planned_visits import book_visit, planned_visit, sign_in, sign_out
from carelink_desktop.services.relationships import RelationshipView, relate, relationships_of
from carelink_desktop.services.resident_records import add_record
from carelink_desktop.services.residents import admit_resident
from carelink_desktop.services.visit_history import follow_ups_due, visit_history
from carelink_desktop.services.visits import change_visit, record_visit, visit
from carelink_desktop.ui import unsaved
from carelink_desktop.ui.events import ChangeSignals
from carelink_desktop.ui.pages import Navigator, ShellContext
from carelink_desktop.ui.visit_dialog import VisitDialog
from tests.conftest import resident

TODAY = date(2026, 11, 22)
AWKWARD = 'She said "it\'s lovely" — and then:\nline two\n\n😀 café ☕ <b>not bold</b> & 100%'


# -- fixtures and helpers --------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def never_ask(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forms left open with changes are closed at the end of a test: discard without asking."""
    monkeypatch.setattr(unsaved, "confirm_discard", lambda _parent: True)


@pytest.fixture
def ws(manager):  # type: ignore[no-untyped-def]
    manager.set_today_for_tests(TODAY)
    return manager


@pytest.fixture
def ctx(ws) -> ShellContext:  # type: ignore[no-untyped-def]
    return ShellContext(ws, ChangeSignals(ws.events), Navigator(), "Rosewood House")


@pytest.fixture
def florence(ws):  # type: ignore[no-untyped-def]
    return admit_resident(ws, resident("Florence", "Thompson", room="7", admission_date=date(2025, 1, 6)))


def add_people(ws: Any, resident_id: str) -> dict[str, RelationshipView]:
    """Susan (daughter), Peter (nephew, contact restricted by a court order) and Jo (friend)."""
    for given, family, rel, category in (
        ("Susan", "Thompson", "daughter", Category.FAMILY),
        ("Peter", "Hughes", "nephew", Category.FAMILY),
        ("Jo", "Adeyemi", "friend", Category.FRIEND),
    ):
        person = add_key_person(ws, KeyPersonDetails(given, family))
        relate(ws, resident_id, person.id, RelationshipDetails(rel, category))
    people = {r.key_person_name.split()[0]: r for r in relationships_of(ws, resident_id)}
    add_record(
        ws,
        RESTRICTIONS,
        resident_id,
        RestrictionDetails(
            kind=RestrictionKind.COURT_ORDER,
            what_is_restricted="Supervised visits only",
            starts_on=TODAY - timedelta(days=30),
            review_on=TODAY + timedelta(days=60),
            relationship_id=people["Peter"].id,
            legal_basis="Family court order",
            less_restrictive_options="Phone calls considered",
            decided_with="Social worker and Susan",
            how_resident_told="Talked it through",
            how_person_told="Letter from the court",
        ),
    )
    return {r.key_person_name.split()[0]: r for r in relationships_of(ws, resident_id)}


@pytest.fixture
def people(ws, florence) -> dict[str, RelationshipView]:  # type: ignore[no-untyped-def]
    return add_people(ws, florence.id)


def open_visit(qtbot: Any, ctx: ShellContext, resident_id: str, **kwargs: Any) -> VisitDialog:
    dialog = VisitDialog(ctx, resident_id, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def tick(dialog: VisitDialog, rel: RelationshipView, on: bool = True) -> None:
    item = dialog.people.item_for(rel.id)
    assert item is not None, f"{rel.key_person_name} is not offered"
    item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def type_into(qtbot: Any, widget: Any, text: str) -> None:
    """Type ``text`` key by key (Return for a new line); characters QTest cannot type (accents,
    dashes, emoji) arrive as the key events a keyboard or input method sends."""
    widget.setFocus()
    for char in text:
        if char == "\n":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        elif char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def choose(combo: QComboBox, value: object) -> None:
    index = combo.findData(getattr(value, "value", value))
    assert index >= 0, f"{value!r} is not offered"
    combo.setCurrentIndex(index)


def at(hh: int, mm: int = 0, day: date = TODAY) -> datetime:
    return datetime.combine(day, time(hh, mm))


def set_start(dialog: VisitDialog, moment: datetime) -> None:
    dialog.starts_at.setDateTime(QDateTime(moment.date(), moment.time()))


# -- quick --------------------------------------------------------------------------------------------


def test_a_quick_happy_visit_needs_only_who_when_and_how_it_went(qtbot, ctx, ws, florence, people) -> None:  # type: ignore[no-untyped-def]
    dialog = open_visit(qtbot, ctx, florence.id)
    assert not dialog.detail.isVisible(), "the detail waits behind More detail"
    assert dialog.focusWidget() is dialog.people, "the form starts at who"
    assert "Florence Thompson" in dialog.windowTitle()
    assert "restricted" in dialog.people.item_for(people["Peter"].id).text()
    tick(dialog, people["Susan"])
    set_start(dialog, at(10, 30))
    type_into(qtbot, dialog.how_it_went.edit, "Lovely visit, they looked at photos")
    assert not dialog.restriction.isVisible()
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    page = visit_history(ws, florence.id)
    assert page.total == 1
    saved = visit(ws, page.items[0].id)
    assert saved.details.relationship_ids == (people["Susan"].id,)
    assert saved.details.starts_at == at(10, 30)
    assert saved.details.kind is VisitKind.VISIT and saved.details.ends_at is None
    assert saved.details.observations == "Lovely visit, they looked at photos"
    assert not saved.details.detailed


def test_saying_who_is_needed_and_the_problem_shows_at_the_field(qtbot, ctx, ws, florence, people) -> None:  # type: ignore[no-untyped-def]
    dialog = open_visit(qtbot, ctx, florence.id)
    type_into(qtbot, dialog.how_it_went.edit, "Nobody named")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.errors.shown()["relationship_ids"] == "Say who was in contact with the resident."
    assert visit_history(ws, florence.id).total == 0
    type_into(qtbot, dialog.others, "The chaplain")
    assert "relationship_ids" not in dialog.errors.shown()
    dialog.save_button.click()
    assert visit(ws, dialog.result_view.id).details.other_participants == "The chaplain"


def test_a_future_contact_is_refused_with_the_reason(qtbot, ctx, ws, florence, people) -> None:  # type: ignore[no-untyped-def]
    dialog = open_visit(qtbot, ctx, florence.id)
    tick(dialog, people["Susan"])
    set_start(dialog, at(10, day=TODAY + timedelta(days=1)))
    dialog.save_button.click()
    assert "book it instead" in dialog.errors.shown()["starts_at"]
    assert visit_history(ws, florence.id).total == 0


def test_ctrl_s_saves_and_escape_asks_before_discarding(
    qtbot, ctx, ws, florence, people, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_visit(qtbot, ctx, florence.id)
    asked: list[bool] = []
    monkeypatch.setattr(unsaved, "confirm_discard", lambda _parent: asked.append(True) or False)
    dialog.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() == dialog.windowHandle())
    tick(dialog, people["Jo"])
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked and dialog.isVisible(), "Esc with changes asks, and No keeps the form"
    qtbot.keyClick(dialog.others, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert visit_history(ws, florence.id).total == 1


def test_tab_goes_from_who_to_when_to_how_it_went(qtbot, ctx, florence, people) -> None:  # type: ignore[no-untyped-def]
    dialog = open_visit(qtbot, ctx, florence.id)
    dialog.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() == dialog.windowHandle())
    dialog.people.setFocus()
    met = [dialog.people]
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        met.append(QApplication.focusWidget())
    assert met == [dialog.people, dialog.others, dialog.kind, dialog.starts_at], (
        "the hidden warning is skipped"
    )
    order = dialog.focus_widgets()
    assert (
        order.index(dialog.starts_at) < order.index(dialog.how_it_went.edit) < order.index(dialog.more_button)
    )
    assert order[-1] is dialog.cancel_button and order[-2] is dialog.save_button


# -- detail -------------------------------------------------------------------------------------------


def test_every_detailed_section_round_trips_and_detail_opens_by_itself(
    qtbot, ctx, ws, florence, people
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_visit(qtbot, ctx, florence.id)
    tick(dialog, people["Susan"])
    tick(dialog, people["Jo"])
    type_into(qtbot, dialog.others, "Grandson Tom")
    choose(dialog.kind, VisitKind.OUTING)
    set_start(dialog, at(11))
    dialog.has_end.setChecked(True)
    dialog.ends_at.setDateTime(QDateTime(TODAY, time(13, 15)))
    type_into(qtbot, dialog.how_it_went.edit, "Went to the garden centre")
    dialog.more_button.click()
    assert dialog.detail.isVisible()
    type_into(qtbot, dialog.location, "Garden centre in town")
    choose(dialog.supervision, Supervision.NEARBY)
    choose(dialog.mood_before, Mood.ANXIOUS)
    choose(dialog.mood_after, Mood.SETTLED)
    wanted = {}
    for section in SECTIONS:
        if section.field in dialog.sections.boxes:
            wanted[section.field] = f"{section.label}: written by hand"
            type_into(qtbot, dialog.sections.boxes[section.field].edit, wanted[section.field])
    type_into(qtbot, dialog.notes.edit, "Tell the night staff she is tired")
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = visit(ws, dialog.result_view.id).details
    assert set(saved.relationship_ids) == {people["Susan"].id, people["Jo"].id}
    assert saved.other_participants == "Grandson Tom"
    assert saved.kind is VisitKind.OUTING
    assert (saved.starts_at, saved.ends_at) == (at(11), at(13, 15))
    assert saved.location == "Garden centre in town" and saved.supervision is Supervision.NEARBY
    assert (saved.mood_before, saved.mood_after) == (Mood.ANXIOUS, Mood.SETTLED)
    assert {name: getattr(saved, name) for name in wanted} == wanted
    assert saved.notes == "Tell the night staff she is tired"

    again = open_visit(qtbot, ctx, florence.id, visit_id=dialog.result_view.id)
    assert again.more_button.isChecked() and again.detail.isVisible(), (
        "a detailed record opens with its detail"
    )
    assert again.details().cleaned() == saved.cleaned()
    assert not again.has_unsaved_changes()
    assert "Amira Khan" in again.recorded.text()


def test_hidden_detail_is_summarised_beside_the_toggle(qtbot, ctx, florence, people) -> None:  # type: ignore[no-untyped-def]
    dialog = open_visit(qtbot, ctx, florence.id)
    assert "follow-ups" in dialog.detail_summary.text()
    dialog.more_button.click()
    type_into(qtbot, dialog.location, "Lounge")
    dialog.more_button.click()
    assert not dialog.detail.isVisible()
    assert dialog.detail_summary.text() == "Filled in: location."


def test_follow_ups_are_added_then_marked_done_and_removed(qtbot, ctx, ws, florence, people) -> None:  # type: ignore[no-untyped-def]
    dialog = open_visit(qtbot, ctx, florence.id)
    tick(dialog, people["Susan"])
    type_into(qtbot, dialog.how_it_went.edit, "Asked about the GP")
    dialog.more_button.click()
    dialog.follow_ups.add_button.click()
    action, owner, due, _done = dialog.follow_ups.rows[0]
    assert dialog.focusWidget() is action, "Add puts the cursor in the new row"
    assert due.text() == "29/11/2026", "a new follow-up is due in a week"
    qtbot.keyClicks(action, "Ring Susan about the GP")
    type_into(qtbot, owner, "Bea")
    due.clear()
    type_into(qtbot, due, "25/11/2026")
    dialog.follow_ups.add_button.click()
    qtbot.keyClicks(dialog.follow_ups.rows[1][0], "Order large-print calendar")
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    due_items = follow_ups_due(ws, TODAY + timedelta(days=30))
    assert [(f.action, f.owner, f.due_on) for f in due_items] == [
        ("Ring Susan about the GP", "Bea", date(2026, 11, 25)),
        ("Order large-print calendar", "", date(2026, 11, 29)),
    ]

    again = open_visit(qtbot, ctx, florence.id, visit_id=dialog.result_view.id)
    assert again.detail.isVisible()
    type_into(qtbot, again.follow_ups.rows[0][3], "22/11/2026")
    again.follow_ups.removers[1].click()
    again.save_button.click()
    assert again.result() == again.DialogCode.Accepted
    follow = visit(ws, again.result_view.id).details.follow_ups
    assert [(f.action, f.done_on) for f in follow] == [("Ring Susan about the GP", TODAY)]
    assert follow_ups_due(ws, TODAY + timedelta(days=30)) == []


def test_a_follow_up_date_that_is_not_a_date_is_said_at_the_follow_ups(
    qtbot, ctx, ws, florence, people
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_visit(qtbot, ctx, florence.id)
    tick(dialog, people["Susan"])
    dialog.more_button.click()
    dialog.follow_ups.add_button.click()
    qtbot.keyClicks(dialog.follow_ups.rows[0][0], "Ring back")
    due = dialog.follow_ups.rows[0][2]
    due.clear()
    type_into(qtbot, due, "31/02/2026")
    dialog.more_button.click()  # hide the detail: a problem there opens it again
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.detail.isVisible()
    assert "Follow-up 1, due" in dialog.errors.shown()["follow_ups"]
    assert visit_history(ws, florence.id).total == 0


# -- restrictions ---------------------------------------------------------------------------------


def test_a_restricted_person_needs_the_warning_acknowledged_and_that_is_audited(
    qtbot, ctx, ws, florence, people
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_visit(qtbot, ctx, florence.id)
    type_into(qtbot, dialog.how_it_went.edit, "Supervised in the lounge")
    tick(dialog, people["Peter"])
    assert dialog.restriction.isVisible()
    assert "Peter Hughes" in dialog.restriction.text.text()
    assert "Supervised visits only" in dialog.restriction.text.text(), "a manager sees the details"
    dialog.save_button.click()
    assert dialog.isVisible()
    assert (
        dialog.errors.shown()["restriction_acknowledged"]
        == "Tick that you have read the warning to go ahead."
    )
    assert "restriction on contact" in dialog.message.message()
    assert visit_history(ws, florence.id).total == 0
    assert not [e for e in audit_entries(ws) if e.action == "restricted_contact_acknowledged"]

    dialog.restriction.acknowledge.setChecked(True)
    assert "restriction_acknowledged" not in dialog.errors.shown()
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    entries = [e for e in audit_entries(ws) if e.action == "restricted_contact_acknowledged"]
    assert len(entries) == 1 and entries[0].subject_id == dialog.result_view.id
    assert visit(ws, dialog.result_view.id).details.restriction_acknowledged


def test_the_warning_follows_the_people_ticked_and_the_day(qtbot, ctx, ws, florence, people) -> None:  # type: ignore[no-untyped-def]
    dialog = open_visit(qtbot, ctx, florence.id)
    tick(dialog, people["Peter"])
    assert dialog.restriction.isVisible()
    dialog.restriction.acknowledge.setChecked(True)
    set_start(dialog, at(10, day=TODAY - timedelta(days=60)))  # before the restriction began
    dialog.update_warnings()
    assert not dialog.restriction.isVisible()
    set_start(dialog, at(10))
    dialog.update_warnings()
    assert dialog.restriction.isVisible() and not dialog.restriction.acknowledged(), "read it again"
    tick(dialog, people["Peter"], on=False)
    assert not dialog.restriction.isVisible()


def test_editing_an_acknowledged_record_without_changing_who_needs_no_new_tick(
    qtbot, ctx, ws, florence, people
) -> None:  # type: ignore[no-untyped-def]
    saved = record_visit(
        ws,
        florence.id,
        VisitDetails(
            VisitKind.VISIT,
            at(9),
            relationship_ids=(people["Peter"].id,),
            observations="Calm",
            restriction_acknowledged=True,
        ),
    )
    dialog = open_visit(qtbot, ctx, florence.id, visit_id=saved.id)
    assert dialog.restriction.isVisible() and dialog.restriction.acknowledged()
    dialog.how_it_went.edit.selectAll()
    qtbot.keyClicks(dialog.how_it_went.edit, "Calm and chatty")
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    after = visit(ws, saved.id).details
    assert after.observations == "Calm and chatty" and after.restriction_acknowledged


# -- text, bookings, conflicts ------------------------------------------------------------------------


def test_free_text_keeps_quotes_newlines_and_emoji_exactly(qtbot, ctx, ws, florence, people) -> None:  # type: ignore[no-untyped-def]
    dialog = open_visit(qtbot, ctx, florence.id)
    tick(dialog, people["Susan"])
    type_into(qtbot, dialog.how_it_went.edit, AWKWARD)  # key by key, Return for each new line
    type_into(qtbot, dialog.others, 'Jo "JJ" O\'Neil 🎉')
    dialog.more_button.click()
    dialog.notes.edit.setFocus()
    dialog.notes.edit.insertPlainText(AWKWARD)  # pasted
    assert dialog.how_it_went.text() == AWKWARD
    dialog.save_button.click()
    saved = visit(ws, dialog.result_view.id).details
    assert saved.observations == AWKWARD and saved.notes == AWKWARD
    assert saved.other_participants == 'Jo "JJ" O\'Neil 🎉'
    again = open_visit(qtbot, ctx, florence.id, visit_id=dialog.result_view.id)
    assert again.how_it_went.text() == AWKWARD
    assert again.notes.text() == AWKWARD
    assert again.others.text() == 'Jo "JJ" O\'Neil 🎉'


def test_a_booking_fills_the_form_and_saving_completes_it(qtbot, ctx, ws, florence, people) -> None:  # type: ignore[no-untyped-def]
    booked = book_visit(
        ws,
        florence.id,
        PlannedVisitDetails(
            VisitKind.VISIT,
            at(14),
            relationship_ids=(people["Susan"].id,),
            other_visitors="Her husband",
            location="Conservatory",
            supervision=Supervision.NEARBY,
        ),
    )
    sign_in(ws, booked.id, at(14, 10))
    signed_out = sign_out(ws, booked.id, at(15, 5))
    dialog = open_visit(qtbot, ctx, florence.id, booking=signed_out)
    assert dialog.people.values() == [people["Susan"].id]
    assert dialog.others.text() == "Her husband"
    assert dialog.starts_at.dateTime().toPython() == at(14, 10)
    assert dialog.has_end.isChecked() and dialog.ends_at.dateTime().toPython() == at(15, 5)
    assert "booking" in dialog.recorded.text()
    assert "location" in dialog.detail_summary.text() and "supervision" in dialog.detail_summary.text()
    type_into(qtbot, dialog.how_it_went.edit, "Good chat over tea")
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = visit(ws, dialog.result_view.id).details
    assert saved.planned_visit_id == booked.id and saved.location == "Conservatory"
    after = planned_visit(ws, booked.id)
    assert after.visit_id == dialog.result_view.id and after.status is PlannedStatus.COMPLETED


def test_someone_elses_change_since_opening_is_not_overwritten(qtbot, ctx, ws, florence, people) -> None:  # type: ignore[no-untyped-def]
    saved = record_visit(
        ws, florence.id, VisitDetails(VisitKind.PHONE, at(9), relationship_ids=(people["Susan"].id,))
    )
    dialog = open_visit(qtbot, ctx, florence.id, visit_id=saved.id)
    change_visit(
        ws,
        saved.id,
        VisitDetails(VisitKind.PHONE, at(9), relationship_ids=(people["Susan"].id,), observations="Theirs"),
    )
    type_into(qtbot, dialog.how_it_went.edit, "Mine")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert "Someone else changed this record" in dialog.message.message()
    assert visit(ws, saved.id).details.observations == "Theirs"


def test_follow_up_kept_after_completing_elsewhere(qtbot, ctx, ws, florence, people) -> None:  # type: ignore[no-untyped-def]
    from carelink_desktop.services.visits import complete_follow_up

    saved = record_visit(
        ws,
        florence.id,
        VisitDetails(
            VisitKind.VISIT,
            at(9),
            relationship_ids=(people["Susan"].id,),
            follow_ups=(FollowUp("Ring back", TODAY + timedelta(days=2), "Bea"),),
        ),
    )
    follow_id = saved.details.follow_ups[0].id
    assert follow_id is not None
    complete_follow_up(ws, follow_id, note="Rang, all fine")
    dialog = open_visit(qtbot, ctx, florence.id, visit_id=saved.id)
    type_into(qtbot, dialog.how_it_went.edit, "Added later")
    dialog.save_button.click()
    follow = visit(ws, saved.id).details.follow_ups
    assert [(f.id, f.done_on, f.done_note) for f in follow] == [(follow_id, TODAY, "Rang, all fine")]
