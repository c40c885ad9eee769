"""The home's shift times and the "no contact" threshold, set by a manager in the Accounts area:
saved through the home settings service (which refuses shifts out of order), kept as a draft
while the PC is locked, and followed by the Today board at once."""

from __future__ import annotations

from datetime import timedelta

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QTime

from carelink_desktop.domain.shifts import Shift
from carelink_desktop.domain.visits import VisitDetails, VisitKind
from carelink_desktop.services.home_settings import home_settings
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.services.visits import record_visit
from carelink_desktop.ui.accounts_page import AccountsPage
from carelink_desktop.ui.events import ChangeSignals
from carelink_desktop.ui.pages import Navigator, ShellContext
from tests.conftest import HOME_NAME
from tests.gui.test_today_page import TODAY, Home, at, book, make_home, rows, show_board


@pytest.fixture(autouse=True)
def discard_without_asking(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("carelink_desktop.ui.unsaved.confirm_discard", lambda parent: True)


@pytest.fixture
def home(manager) -> Home:  # type: ignore[no-untyped-def]
    return make_home(manager)


@pytest.fixture
def ctx(home):  # type: ignore[no-untyped-def]
    made = ShellContext(home.ws, ChangeSignals(home.ws.events), Navigator(), HOME_NAME)
    yield made
    made.changes.detach()


def accounts_page(qtbot, ctx) -> AccountsPage:  # type: ignore[no-untyped-def]
    page = AccountsPage(ctx)
    qtbot.addWidget(page)
    ctx.changes.changed.connect(lambda kind: page.refresh() if kind in page.watches else None)
    page.show()
    return page


def test_shift_times_are_saved_and_the_board_follows_them(qtbot, home, ctx) -> None:  # type: ignore[no-untyped-def]
    visit = book(home, home.albert, home.david, at(TODAY, 13, 45))
    board = show_board(qtbot, ctx, 13, 50)
    assert rows(board.sections[Shift.EARLY].planned) == [visit]
    assert board.current_shift is Shift.EARLY
    page = accounts_page(qtbot, ctx)
    starts = page.shift_starts
    assert [e.time().toString("HH:mm") for e in starts.values()] == ["07:00", "14:00", "21:00"]
    assert page.no_contact_days.value() == 14
    assert [e.accessibleName() for e in starts.values()] == [
        "Early shift starts at",
        "Late shift starts at",
        "Night shift starts at",
    ]

    starts["early_shift_starts"].setTime(QTime(6, 30))
    starts["late_shift_starts"].setTime(QTime(13, 30))
    starts["night_shift_starts"].setTime(QTime(20, 30))
    page.no_contact_days.setValue(7)
    assert page.has_unsaved_changes() and page.settings_message.text() == "Not saved yet."
    page.save_settings_button.click()
    assert page.settings_message.text() == "Saved."
    saved = home_settings(home.ws)
    assert (saved.early_shift_starts, saved.late_shift_starts, saved.night_shift_starts) == (
        "06:30",
        "13:30",
        "20:30",
    )
    assert saved.no_contact_days == 7
    changed = {e.details for e in audit_entries(home.ws, action="setting_changed")}
    assert '{"from": "14:00", "setting": "late_shift_starts", "to": "13:30"}' in changed

    # The board heard the change: new hours, the 13:45 visit now in the late shift, which is on.
    early, late = board.sections[Shift.EARLY], board.sections[Shift.LATE]
    assert early.heading.text() == "Early shift, 06:30 to 13:30"
    assert board.sections[Shift.NIGHT].heading.text() == "Night shift, 20:30 to 06:30"
    assert rows(late.planned) == [visit] and rows(early.planned) == []
    assert board.current_shift is Shift.LATE and late.now_badge.isVisible()


def test_no_contact_threshold_changes_who_the_board_flags(qtbot, home, ctx) -> None:  # type: ignore[no-untyped-def]
    for resident_id, rel in ((home.florence, home.susan), (home.albert, home.david), (home.sian, home.gwen)):
        record_visit(
            home.ws, resident_id, VisitDetails(VisitKind.PHONE, at(TODAY - timedelta(days=1), 10), (rel,))
        )
    record_visit(
        home.ws,
        home.margaret,
        VisitDetails(VisitKind.LETTER, at(TODAY - timedelta(days=10), 10), other_participants="Friend"),
    )
    board = show_board(qtbot, ctx)
    assert rows(board.isolation) == []  # 10 days without contact: under the 14 days of the default
    assert "last 14 days" in board.isolation_none.text()
    page = accounts_page(qtbot, ctx)
    page.no_contact_days.setValue(7)
    page.save_settings_button.click()
    assert rows(board.isolation) == [home.margaret]
    assert "No contact recorded for 10 days" in rows(board.isolation, 1)[0]


def test_shifts_out_of_order_are_refused_and_nothing_is_saved(qtbot, home, ctx) -> None:  # type: ignore[no-untyped-def]
    page = accounts_page(qtbot, ctx)
    page.shift_starts["late_shift_starts"].setTime(QTime(6, 0))
    page.save_settings_button.click()
    assert page.settings_message.text() == "Shifts start in the order early, late, night within the day."
    assert home_settings(home.ws).late_shift_starts == "14:00"
    assert page.has_unsaved_changes()


def test_unsaved_shift_times_survive_the_lock_as_a_draft(qtbot, home, ctx) -> None:  # type: ignore[no-untyped-def]
    page = accounts_page(qtbot, ctx)
    page.shift_starts["night_shift_starts"].setTime(QTime(22, 0))
    page.no_contact_days.setValue(21)
    draft = page.draft()
    assert draft is not None and draft["night_shift_starts"] == "22:00" and draft["no_contact_days"] == 21
    page.discard_changes()
    assert page.shift_starts["night_shift_starts"].time() == QTime(21, 0)
    assert not page.has_unsaved_changes()
    page.restore_draft(draft)
    assert page.shift_starts["night_shift_starts"].time() == QTime(22, 0)
    assert page.no_contact_days.value() == 21
    page.restore_draft({"paper_size": "Letter"})  # an older draft without the new fields
    assert page.shift_starts["night_shift_starts"].time() == QTime(21, 0)
