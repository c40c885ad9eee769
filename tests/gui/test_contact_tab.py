"""A resident's Contact tab over a real encrypted home: the isolation signal in words, bookings
coming up, the history page by page with filters (person, kind, dates, words) and the actions
(record, open, raise a concern from a contact, book, print the visit history)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt

import tests.gui.test_visit_dialog as shared
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.planned_visits import PlannedVisitDetails
from carelink_desktop.domain.relationships import (
    Category,
    ContactWish,
    Frequency,
    KeepInTouch,
    RelationshipDetails,
)
from carelink_desktop.domain.visits import FollowUp, Mood, Supervision, VisitDetails, VisitKind
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.planned_visits import book_visit, planned_between
from carelink_desktop.services.relationships import relate
from carelink_desktop.services.visit_history import visit_history
from carelink_desktop.services.visits import record_visit
from carelink_desktop.ui.concern_dialog import ConcernDialog
from carelink_desktop.ui.contact_models import ContactHistoryModel, UpcomingBookingsModel, mood_change
from carelink_desktop.ui.contact_tab import PAGE_SIZE, ContactTab
from carelink_desktop.ui.planned_visit_dialog import PlannedVisitDialog
from carelink_desktop.ui.resident_record import ResidentRecordView
from carelink_desktop.ui.visit_dialog import VisitDialog
from tests.gui.test_visit_dialog import TODAY, at, choose, type_into

# The fixtures of the visit form's tests: a home on TODAY with Florence and her key people.
ctx = shared.ctx
florence = shared.florence
never_ask = shared.never_ask
people = shared.people
ws = shared.ws

KINDS = (VisitKind.VISIT, VisitKind.PHONE, VisitKind.VIDEO, VisitKind.LETTER)


@pytest.fixture
def history(ws, florence, people):  # type: ignore[no-untyped-def]
    """120 contacts over 60 days: two a day (10:15 and 14:15), newest today; Susan, Jo, Susan…;
    kinds in turn; every tenth mentions the garden and has a follow-up."""
    order = [people["Susan"].id, people["Jo"].id]
    for n in range(120):
        day = TODAY - timedelta(days=n // 2)
        when = datetime.combine(day, time(14, 15) if n % 2 == 0 else time(10, 15))
        note = f"Contact {n}: " + ("walked round the garden" if n % 10 == 0 else "tea and a chat")
        record_visit(
            ws,
            florence.id,
            VisitDetails(
                KINDS[n % len(KINDS)],
                when,
                relationship_ids=(order[n % 2],),
                observations=note + "\nsecond line",
                mood_before=Mood.QUIET,
                mood_after=Mood.HAPPY,
                supervision=Supervision.NEARBY if n % 3 == 0 else Supervision.NONE,
                follow_ups=(FollowUp(f"Follow up {n}", TODAY + timedelta(days=3)),) if n % 10 == 0 else (),
            ),
        )
    return ws


def show_tab(qtbot: Any, ctx: Any, resident_id: str) -> ContactTab:
    tab = ContactTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    qtbot.waitExposed(tab)
    tab.set_resident(resident_id)
    return tab


def shown_notes(tab: ContactTab) -> list[str]:
    return [tab.model.visit_at(row).observations.split(":")[0] for row in range(tab.model.rowCount())]


def test_the_history_models_pass_qt_model_checks(qtmodeltester, history, florence, people) -> None:  # type: ignore[no-untyped-def]
    model = ContactHistoryModel()
    page = visit_history(history, florence.id, limit=PAGE_SIZE)
    model.set_rows(page.items)
    qtmodeltester.check(model)
    first = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert first == [
        "22/11/2026 14:15",
        "Visit in the home",
        "Susan Thompson (daughter)",
        "Staff nearby",
        "Quiet → Happy",
        "Contact 0: walked round the garden",
        "",
        "1",
    ]
    assert model.data(model.index(0, 5), Qt.ItemDataRole.ToolTipRole).endswith("second line")
    book_visit(
        history,
        florence.id,
        PlannedVisitDetails(
            VisitKind.VIDEO, at(18, day=TODAY + timedelta(days=2)), relationship_ids=(people["Jo"].id,)
        ),
    )
    upcoming = UpcomingBookingsModel()
    upcoming.set_rows(
        planned_between(history, at(0), at(0, day=TODAY + timedelta(days=31)), resident_id=florence.id)
    )
    qtmodeltester.check(upcoming)
    assert [upcoming.data(upcoming.index(0, c)) for c in range(4)] == [
        "24/11/2026 18:00",
        "Video call",
        "Jo Adeyemi",
        "Booked",
    ]


def test_mood_change_says_what_was_noted() -> None:
    from dataclasses import replace

    from carelink_desktop.services.visit_history import VisitSummary

    base = VisitSummary(
        "v", "r", "", "", VisitKind.VISIT, at(9), None, "", Supervision.NONE, None, None, "", 0, 0, False
    )
    assert mood_change(base) == ""
    assert mood_change(replace(base, mood_before=Mood.UPSET)) == "Upset → ?"
    assert mood_change(replace(base, mood_before=Mood.UPSET, mood_after=Mood.SETTLED)) == "Upset → Settled"


def test_the_tab_pages_through_120_contacts(qtbot, ctx, history, florence) -> None:  # type: ignore[no-untyped-def]
    tab = show_tab(qtbot, ctx, florence.id)
    assert tab.model.rowCount() == PAGE_SIZE
    assert tab.showing.text() == "Showing 1–50 of 120"
    assert shown_notes(tab)[:3] == ["Contact 0", "Contact 1", "Contact 2"], "newest first"
    assert not tab.previous_button.isEnabled() and tab.next_button.isEnabled()
    tab.next_button.click()
    assert tab.showing.text() == "Showing 51–100 of 120"
    assert shown_notes(tab)[0] == "Contact 50"
    tab.next_button.click()
    assert tab.showing.text() == "Showing 101–120 of 120" and tab.model.rowCount() == 20
    assert not tab.next_button.isEnabled() and tab.previous_button.isEnabled()
    tab.previous_button.click()
    assert tab.showing.text() == "Showing 51–100 of 120"


def test_filters_by_person_kind_dates_and_words(qtbot, ctx, history, florence, people) -> None:  # type: ignore[no-untyped-def]
    tab = show_tab(qtbot, ctx, florence.id)
    tab.next_button.click()
    choose(tab.person, people["Jo"].id)
    assert tab.showing.text() == "Showing 1–50 of 60", "a new filter starts at the first page"
    assert {tab.model.visit_at(r).people for r in range(tab.model.rowCount())} == {"Jo Adeyemi (friend)"}
    choose(tab.kind, VisitKind.PHONE)
    assert tab.showing.text() == "Showing 1–30 of 30"
    assert {tab.model.visit_at(r).kind for r in range(tab.model.rowCount())} == {VisitKind.PHONE}
    tab.person.setCurrentIndex(0)
    tab.kind.setCurrentIndex(0)
    type_into(qtbot, tab.start, "20/11/2026")
    type_into(qtbot, tab.end, "21/11/2026")
    assert tab.showing.text() == "Showing 1–4 of 4"
    assert shown_notes(tab) == ["Contact 2", "Contact 3", "Contact 4", "Contact 5"]
    assert tab.print_range() == (date(2026, 11, 20), date(2026, 11, 21))
    tab.start.clear()
    tab.end.clear()
    type_into(qtbot, tab.words, "garden")
    qtbot.waitUntil(lambda: tab.showing.text() == "Showing 1–12 of 12")
    assert all("garden" in tab.model.visit_at(r).observations for r in range(tab.model.rowCount()))
    tab.words.clear()
    type_into(qtbot, tab.words, "zebra")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0)
    assert tab.empty.isVisible() and tab.empty.text() == "No contact matches these filters."
    assert tab.showing.text() == "" and not tab.open_button.isEnabled()


def test_the_actions_open_the_right_forms(qtbot, ctx, history, florence, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tab = show_tab(qtbot, ctx, florence.id)
    tab.table.selectRow(2)
    chosen = tab.selected()
    assert chosen is not None
    opened = tab.open_selected()
    assert isinstance(opened, VisitDialog) and opened.view is not None and opened.view.id == chosen.id
    opened.reject()
    raised = tab.raise_concern()
    assert isinstance(raised, ConcernDialog) and raised.visit_id == chosen.id
    raised.reject()
    new = tab.record_contact()
    assert isinstance(new, VisitDialog) and new.view is None
    new.reject()
    booking = tab.book()
    assert isinstance(booking, PlannedVisitDialog) and booking.resident_id == florence.id
    booking.reject()

    printed: list[tuple[Any, ...]] = []
    from carelink_desktop.ui import report_actions

    monkeypatch.setattr(report_actions, "print_visit_history", lambda *args: printed.append(args))
    tab.print_button.click()
    assert printed == [(tab, ctx, florence.id, date(2026, 8, 22), TODAY)], "the last 3 months by default"


def test_a_new_record_shows_at_once_and_the_signal_speaks_of_wishes(qtbot, ctx, ws, florence, people) -> None:  # type: ignore[no-untyped-def]
    mary = add_key_person(ws, KeyPersonDetails("Mary", "Bell"))
    sister = relate(
        ws,
        florence.id,
        mary.id,
        RelationshipDetails(
            "sister", Category.FAMILY, contact_wishes=(ContactWish(KeepInTouch.VISITS, Frequency.WEEKLY),)
        ),
    )
    record_visit(
        ws,
        florence.id,
        VisitDetails(VisitKind.VISIT, at(10, day=TODAY - timedelta(days=20)), relationship_ids=(sister.id,)),
    )
    tab = show_tab(qtbot, ctx, florence.id)
    text = tab.signal.text()
    assert "Isolation signal: much less than wished." in text
    assert "No contact recorded for 20 days" in text
    assert "⚠ Mary Bell: Visits: wished" in text
    assert tab.model.rowCount() == 1
    record_visit(ws, florence.id, VisitDetails(VisitKind.VISIT, at(9), relationship_ids=(sister.id,)))
    assert tab.model.rowCount() == 2, "the tab reads again when contact is recorded"
    assert "as wished" in tab.signal.text() and "No contact recorded for" not in tab.signal.text()


def test_bookings_coming_up_are_listed(qtbot, ctx, ws, florence, people) -> None:  # type: ignore[no-untyped-def]
    tab = show_tab(qtbot, ctx, florence.id)
    assert tab.upcoming_empty.isVisible() and not tab.upcoming.isVisible()
    assert tab.empty.text().startswith("No contact recorded yet")
    book_visit(
        ws,
        florence.id,
        PlannedVisitDetails(
            VisitKind.VISIT, at(14, day=TODAY + timedelta(days=3)), relationship_ids=(people["Susan"].id,)
        ),
    )
    book_visit(
        ws,
        florence.id,
        PlannedVisitDetails(
            VisitKind.VISIT, at(14, day=TODAY + timedelta(days=45)), relationship_ids=(people["Susan"].id,)
        ),
    )
    assert tab.upcoming_model.rowCount() == 1, "only the next 30 days"
    assert tab.upcoming.isVisible() and not tab.upcoming_empty.isVisible()


def test_the_resident_record_has_a_contact_tab(qtbot, ctx, ws, florence) -> None:  # type: ignore[no-untyped-def]
    view = ResidentRecordView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.load(florence.id)
    index = view.tabs.indexOf(view.contact)
    assert view.tabs.tabText(index) == "C&ontact" and view.tabs.isTabEnabled(index)
    texts = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    letters = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
    assert len(letters) == len(set(letters)), f"tab mnemonics clash: {texts}"
    view.tabs.setCurrentIndex(index)
    assert view.contact.record_button.isEnabled()
    view.load(None)
    assert not view.tabs.isTabEnabled(index), "a new resident is saved first"
