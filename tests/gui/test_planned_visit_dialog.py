"""Booking a visit, outing or call, and changing a booking, through the dialog (pytest-qt,
offscreen) on a real encrypted home: choosing the resident, who is coming among their key people,
the restriction warning live as people and dates change, the acknowledgement that must be given
(and is audited), the problems shown at their fields, and someone else's change not overwritten."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QLineEdit, QListWidget, QPlainTextEdit, QSpinBox

from carelink_desktop.domain.planned_visits import PlannedStatus, PlannedVisitDetails
from carelink_desktop.domain.restrictions import RestrictionDetails, RestrictionKind
from carelink_desktop.domain.roles import Role
from carelink_desktop.domain.visits import Supervision, VisitKind
from carelink_desktop.services import planned_visits
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.services.map_records import RESTRICTIONS
from carelink_desktop.services.resident_records import add_record
from carelink_desktop.services.residents import admit_resident
from carelink_desktop.ui.events import ChangeSignals
from carelink_desktop.ui.pages import Navigator, ShellContext
from carelink_desktop.ui.planned_visit_dialog import PlannedVisitDialog
from tests.conftest import HOME_NAME, resident
from tests.gui.test_today_page import TODAY, Home, at, book, make_home


@pytest.fixture(autouse=True)
def discard_without_asking(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("carelink_desktop.ui.unsaved.confirm_discard", lambda parent: True)


@pytest.fixture
def home(manager) -> Home:  # type: ignore[no-untyped-def]
    return make_home(manager)


def context(ws) -> ShellContext:  # type: ignore[no-untyped-def]
    return ShellContext(ws, ChangeSignals(ws.events), Navigator(), HOME_NAME)


@pytest.fixture
def ctx(home):  # type: ignore[no-untyped-def]
    made = context(home.ws)
    yield made
    made.changes.detach()


def open_dialog(qtbot, ctx, *args, **kwargs) -> PlannedVisitDialog:  # type: ignore[no-untyped-def]
    dialog = PlannedVisitDialog(ctx, *args, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def listed_people(dialog: PlannedVisitDialog) -> list[str]:
    return [dialog.people.item(i).text() for i in range(dialog.people.count())]


def bookings(home: Home) -> list[planned_visits.PlannedVisitView]:
    return planned_visits.planned_between(home.ws, at(TODAY, 0), at(TODAY + timedelta(days=30), 0))


def test_a_new_booking_starts_with_choosing_the_resident(qtbot, home, ctx) -> None:  # type: ignore[no-untyped-def]
    admit_resident(home.ws, resident("Arthur", "Bell", room="2", discharge_date=date(2025, 3, 1)))
    dialog = open_dialog(qtbot, ctx, when=at(TODAY, 15))
    assert dialog.windowTitle() == "Book a visit or call"
    assert dialog.picker is not None and dialog.focusWidget() is dialog.picker.search
    names = [dialog.picker.choices.item(i).text() for i in range(dialog.picker.choices.count())]
    assert names == [
        "Margaret (Peggy) Jones, room 14",
        "Siân Llewellyn, room 7",
        "Albert Nwosu, room 3",
        "Florence Thompson, room 12",
    ]  # people living here only: Arthur left in 2025
    assert dialog.people.isHidden() and dialog.no_people.text() == "Choose the resident first."
    assert [dialog.kind.itemText(i) for i in range(dialog.kind.count())] == [
        "Visit in the home",
        "Outing",
        "Phone call",
        "Video call",
    ]
    dialog.save_button.click()
    assert dialog.errors.shown() == {
        "resident_id": "Choose the resident the booking is for.",
        "relationship_ids": "Say who is coming (or calling).",
    }
    assert bookings(home) == []

    dialog.picker.search.setText("room 12")
    dialog.picker.refresh()
    assert dialog.picker.choices.count() == 1
    assert dialog.picker.choose(home.florence)
    assert listed_people(dialog) == [
        "Peter Hughes (nephew) — ⚠ contact restricted",
        "Susan Thompson (daughter)",
    ]
    assert dialog.errors.shown() == {"relationship_ids": "Say who is coming (or calling)."}
    dialog.tick(home.susan)
    dialog.kind.setCurrentIndex(dialog.kind.findData("outing"))
    dialog.expected_minutes.setValue(150)
    dialog.location.setText("Garden centre café")
    dialog.supervision.setCurrentIndex(dialog.supervision.findData("nearby"))
    dialog.notes.setPlainText('She\'ll want her "good" coat 🧥')
    assert dialog.warning.isHidden()
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = bookings(home)
    assert len(saved) == 1 and saved[0].id == dialog.result_view.id
    details = saved[0].details
    assert (details.kind, details.starts_at, details.expected_minutes) == (
        VisitKind.OUTING,
        at(TODAY, 15),
        150,
    )
    assert details.relationship_ids == (home.susan,)
    assert (details.location, details.supervision) == ("Garden centre café", Supervision.NEARBY)
    assert details.notes == 'She\'ll want her "good" coat 🧥'
    assert not saved[0].restricted


def test_a_booking_in_the_past_is_refused_at_the_date(qtbot, home, ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, ctx, home.albert, when=at(TODAY, 15))
    assert (
        dialog.picker is None
        and dialog.heading.text() == "Book a visit, outing or call for Albert Nwosu, room 3"
    )
    assert dialog.starts_at.minimumDateTime().toPython() == at(TODAY, 0)  # the calendar starts today
    dialog.starts_at.setMinimumDateTime(at(TODAY - timedelta(days=5), 0))  # as if typed before midnight
    dialog.starts_at.setDateTime(at(TODAY - timedelta(days=1), 15))
    dialog.others.setText("Old friend Ray")
    dialog.save_button.click()
    assert dialog.errors.shown() == {
        "starts_at": "A booking cannot be in the past: record the contact instead."
    }
    assert dialog.focusWidget() is dialog.starts_at


def test_a_restricted_person_cannot_be_booked_until_the_warning_is_ticked(qtbot, home, ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, ctx, home.florence, when=at(TODAY, 16))
    assert dialog.warning.isHidden()
    dialog.tick(home.peter)  # the warning shows as soon as he is ticked
    assert dialog.warning.isVisible()
    assert dialog.warning.text.text() == (
        "Contact with Peter Hughes is restricted. Court order: No unsupervised contact. "
        "Review due 21/01/2027."
    )
    dialog.save_button.click()  # the service refuses: nothing saved
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.errors.shown() == {
        "restriction_acknowledged": "Tick the box above to go ahead, or change who is coming."
    }
    assert dialog.focusWidget() is dialog.warning.acknowledge
    assert bookings(home) == []
    assert not [e for e in audit_entries(home.ws) if e.action == "restricted_contact_acknowledged"]

    dialog.warning.acknowledge.setChecked(True)
    assert "restriction_acknowledged" not in dialog.errors.shown()
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = bookings(home)
    assert [b.id for b in saved] == [dialog.result_view.id] and saved[0].restricted
    acknowledged = [e for e in audit_entries(home.ws) if e.action == "restricted_contact_acknowledged"]
    assert [e.subject_id for e in acknowledged] == [saved[0].id]


def test_the_warning_follows_the_people_and_the_day(qtbot, home, ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, ctx, home.florence, when=at(TODAY, 16))
    dialog.tick(home.peter)
    dialog.warning.acknowledge.setChecked(True)
    dialog.starts_at.setDateTime(at(TODAY + timedelta(days=1), 16))  # still under the order
    assert dialog.warning.acknowledged()
    dialog.starts_at.setDateTime(at(TODAY + timedelta(days=90), 16))  # after it ends (on 21/01)
    assert dialog.warning.isHidden()
    dialog.starts_at.setDateTime(at(TODAY + timedelta(days=2), 16))
    assert dialog.warning.isVisible() and not dialog.warning.acknowledged()  # read it again
    dialog.tick(home.peter, False)
    dialog.tick(home.susan)
    assert dialog.warning.isHidden()


def test_a_restriction_on_every_visitor_warns_even_about_others(qtbot, home, ctx) -> None:  # type: ignore[no-untyped-def]
    add_record(
        home.ws,
        RESTRICTIONS,
        home.albert,
        RestrictionDetails(
            RestrictionKind.INFECTION_CONTROL,
            "No visitors during the norovirus outbreak",
            TODAY - timedelta(days=1),
            TODAY + timedelta(days=7),
            legal_basis="Infection control policy",
            less_restrictive_options="Video calls offered",
            decided_with="Manager and infection control nurse",
            how_resident_told="Keyworker explained",
            how_person_told="Phone calls to families",
        ),
    )
    dialog = open_dialog(qtbot, ctx, home.albert, when=at(TODAY, 16))
    assert dialog.warning.isVisible()  # before anyone is named
    assert dialog.warning.text.text().startswith("A restriction on contact covers all visitors.")
    dialog.others.setText("Neighbour Pat")
    dialog.save_button.click()
    assert "restriction_acknowledged" in dialog.errors.shown()


def test_a_keyworker_is_warned_without_the_details(qtbot, home, staff_workspace) -> None:  # type: ignore[no-untyped-def]
    keyworker = staff_workspace(Role.KEYWORKER, "bea")
    keyworker.set_today_for_tests(TODAY)
    ctx = context(keyworker)
    try:
        dialog = open_dialog(qtbot, ctx, home.florence, when=at(TODAY, 16))
        dialog.tick(home.peter)
        assert dialog.warning.text.text() == (
            "Contact with Peter Hughes is restricted. Speak to the shift lead or manager before going ahead."
        )
        assert "unsupervised" not in dialog.warning.frame.accessibleDescription()
    finally:
        ctx.changes.detach()


def test_changing_a_booking(qtbot, home, ctx) -> None:  # type: ignore[no-untyped-def]
    booked = book(home, home.albert, home.david, at(TODAY, 14, 30))
    dialog = open_dialog(qtbot, ctx, planned_id=booked)
    assert dialog.windowTitle() == "Change a booking"
    assert dialog.heading.text() == "Booking for Albert Nwosu, room 3"
    assert dialog.ticked() == (home.david,)
    assert dialog.starts_at.dateTime().toPython() == at(TODAY, 14, 30)
    assert not dialog.has_unsaved_changes()
    dialog.starts_at.setDateTime(at(TODAY, 15, 30))
    dialog.others.setText("His grandson Kofi")
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = planned_visits.planned_visit(home.ws, booked)
    assert saved.details.starts_at == at(TODAY, 15, 30) and saved.visitors == "David Nwosu, His grandson Kofi"
    assert saved.status is PlannedStatus.BOOKED


def test_someone_elses_change_is_never_overwritten_unseen(qtbot, home, ctx) -> None:  # type: ignore[no-untyped-def]
    booked = book(home, home.albert, home.david, at(TODAY, 14, 30))
    dialog = open_dialog(qtbot, ctx, planned_id=booked)
    other = PlannedVisitDetails(VisitKind.VIDEO, at(TODAY, 18), (home.david,))
    planned_visits.change_booking(home.ws, booked, other)  # on another PC, meanwhile
    dialog.location.setText("Lounge")
    dialog.save_button.click()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.message.message() == "Someone else changed this booking since you opened it: open it again."
    assert planned_visits.planned_visit(home.ws, booked).details.kind is VisitKind.VIDEO


def test_a_booking_acknowledged_before_opens_ticked(qtbot, home, ctx) -> None:  # type: ignore[no-untyped-def]
    details = PlannedVisitDetails(
        VisitKind.VISIT, at(TODAY, 16), (home.peter,), restriction_acknowledged=True
    )
    booked = planned_visits.book_visit(home.ws, home.florence, details)
    dialog = open_dialog(qtbot, ctx, planned_id=booked.id)
    assert dialog.warning.isVisible() and dialog.warning.acknowledged()
    dialog.notes.setPlainText("Staff present throughout")
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted


def test_every_field_has_a_name_and_a_label(qtbot, home, ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, ctx, when=at(TODAY, 15))
    kinds = (QLineEdit, QComboBox, QDateTimeEdit, QSpinBox, QPlainTextEdit, QListWidget)
    for kind in kinds:
        for widget in dialog.findChildren(kind):
            if widget.isVisibleTo(dialog) and not widget.objectName().startswith("qt_"):
                assert widget.accessibleName(), repr(widget)
    from PySide6.QtWidgets import QLabel

    buddies = {label.buddy() for label in dialog.findChildren(QLabel) if label.buddy() is not None}
    for field in (dialog.picker.search, dialog.people, dialog.others, dialog.kind, dialog.starts_at):
        assert field in buddies
    for field in (dialog.expected_minutes, dialog.location, dialog.supervision, dialog.notes):
        assert field in buddies
    assert dialog.starts_at.displayFormat() == "dd/MM/yyyy HH:mm"
