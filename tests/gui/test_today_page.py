"""The Today board (issue #6) driven as a shift lead would, with pytest-qt (offscreen) on a real
encrypted home: bookings by shift, signing visitors in and out, cancelling, "did not come",
follow-ups, concerns, residents to think about, the board refreshing itself (on changes behind it
and when the clock moves into the next shift), the models, the keyboard, and how it looks."""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, ClassVar

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QBoxLayout, QDialog, QMessageBox, QPushButton, QTableView, QWidget

from carelink_desktop.domain.concerns import ConcernDetails, ConcernKind, Severity
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.planned_visits import PlannedStatus, PlannedVisitDetails
from carelink_desktop.domain.relationships import Category, RelationshipDetails
from carelink_desktop.domain.restrictions import RestrictionDetails, RestrictionKind
from carelink_desktop.domain.roles import Role
from carelink_desktop.domain.shifts import Shift
from carelink_desktop.domain.visits import FollowUp, VisitDetails, VisitKind
from carelink_desktop.services import planned_visits
from carelink_desktop.services.concerns import CONCERNS
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.map_records import RESTRICTIONS
from carelink_desktop.services.relationships import relate
from carelink_desktop.services.resident_records import add_record
from carelink_desktop.services.residents import admit_resident
from carelink_desktop.services.today_board import today_board
from carelink_desktop.services.visit_history import follow_ups_due
from carelink_desktop.services.visits import complete_follow_up, record_visit
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.events import ChangeSignals
from carelink_desktop.ui.pages import Navigator, ShellContext
from carelink_desktop.ui.planned_visit_dialog import PlannedVisitDialog
from carelink_desktop.ui.resident_picker import ResidentPickerDialog
from carelink_desktop.ui.today_board_models import (
    ConcernsModel,
    FollowUpsModel,
    InBuildingModel,
    IsolationModel,
    PlannedVisitsModel,
    RecordedVisitsModel,
)
from carelink_desktop.ui.today_page import ReasonDialog, ShiftChoiceDialog, TodayPage
from tests.conftest import HOME_NAME, resident

TODAY = date(2026, 11, 22)  # a Sunday
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm))


@pytest.fixture(autouse=True)
def discard_without_asking(monkeypatch):  # type: ignore[no-untyped-def]
    """Closing a form with unsaved changes asks first; at the end of a test nobody would answer."""
    monkeypatch.setattr("carelink_desktop.ui.unsaved.confirm_discard", lambda parent: True)


@dataclass
class Home:
    ws: Workspace
    florence: str
    albert: str
    sian: str
    margaret: str
    susan: str  # Florence's daughter (relationship id)
    peter: str  # Florence's nephew, under a restriction
    david: str  # Albert's son
    gwen: str  # Siân's sister


def make_home(ws: Workspace, *, restricted: bool = True) -> Home:
    """Four residents and their key people; Peter Hughes's contact with Florence is restricted."""
    ws.set_today_for_tests(TODAY)
    florence = admit_resident(ws, resident("Florence", "Thompson", room="12"))
    albert = admit_resident(ws, resident("Albert", "Nwosu", room="3"))
    sian = admit_resident(ws, resident("Siân", "Llewellyn", room="7"))
    margaret = admit_resident(ws, resident("Margaret", "Jones", room="14", preferred_name="Peggy"))

    def key(resident_id: str, given: str, family: str, relation: str) -> str:
        person = add_key_person(ws, KeyPersonDetails(given, family))
        return relate(ws, resident_id, person.id, RelationshipDetails(relation, Category.FAMILY)).id

    home = Home(
        ws,
        florence.id,
        albert.id,
        sian.id,
        margaret.id,
        susan=key(florence.id, "Susan", "Thompson", "daughter"),
        peter=key(florence.id, "Peter", "Hughes", "nephew"),
        david=key(albert.id, "David", "Nwosu", "son"),
        gwen=key(sian.id, "Gwen", "Llewellyn", "sister"),
    )
    if restricted:
        add_record(
            ws,
            RESTRICTIONS,
            florence.id,
            RestrictionDetails(
                RestrictionKind.COURT_ORDER,
                "No unsupervised contact",
                TODAY - timedelta(days=30),
                TODAY + timedelta(days=60),
                relationship_id=home.peter,
                ends_on=TODAY + timedelta(days=60),
                legal_basis="Court of Protection order 2026",
                less_restrictive_options="Supervised visits considered",
                decided_with="Best interests meeting",
                how_resident_told="Keyworker explained",
                how_person_told="Letter from the manager",
            ),
        )
    return home


def book(home: Home, resident_id: str, rel: str, when: datetime, kind: VisitKind = VisitKind.VISIT) -> str:
    details = PlannedVisitDetails(kind, when, (rel,))
    return planned_visits.book_visit(home.ws, resident_id, details).id


def busy_day(home: Home) -> dict[str, str]:
    """A Sunday at Rosewood House: bookings in each shift, one visitor still in, one forgotten
    sign-in from yesterday, contact recorded, follow-ups overdue, a concern, an isolated resident."""
    ws = home.ws
    ids: dict[str, str] = {}
    # Yesterday: Gwen signed in and never signed out.
    ws.set_today_for_tests(TODAY - timedelta(days=1))
    ids["forgotten"] = book(home, home.sian, home.gwen, at(TODAY - timedelta(days=1), 18))
    planned_visits.sign_in(ws, ids["forgotten"], at=at(TODAY - timedelta(days=1), 18, 5))
    ws.set_today_for_tests(TODAY)
    # Margaret had contact long ago only: the isolation signal flags her.
    record_visit(
        ws,
        home.margaret,
        VisitDetails(VisitKind.LETTER, at(TODAY - timedelta(days=30), 10), other_participants="Old friend"),
    )
    for resident_id, rel in ((home.albert, home.david), (home.sian, home.gwen)):
        record_visit(
            ws, resident_id, VisitDetails(VisitKind.PHONE, at(TODAY - timedelta(days=3), 18), (rel,))
        )
    old = record_visit(
        ws,
        home.florence,
        VisitDetails(
            VisitKind.VISIT,
            at(TODAY - timedelta(days=4), 15),
            (home.susan,),
            observations="Quiet visit.",
            follow_ups=(FollowUp("Ask the chiropodist for a date", TODAY - timedelta(days=2), "Bea"),),
        ),
    )
    ids["old_visit"] = old.id
    # Early shift.
    ids["morning"] = book(home, home.florence, home.susan, at(TODAY, 10))
    planned_visits.sign_in(ws, ids["morning"], at=at(TODAY, 10, 5))
    planned_visits.sign_out(ws, ids["morning"], at=at(TODAY, 11, 10))
    ids["call"] = book(home, home.albert, home.david, at(TODAY, 11, 30), VisitKind.PHONE)
    recorded = record_visit(
        ws,
        home.florence,
        VisitDetails(
            VisitKind.VISIT,
            at(TODAY, 10, 5),
            (home.susan,),
            ends_at=at(TODAY, 11, 10),
            observations="Lovely visit: looked at photos of the grandchildren.\nSusan asked about money.",
            follow_ups=(FollowUp("Ring Susan about the care fees", TODAY, "Shift lead"),),
            planned_visit_id=ids["morning"],
        ),
    )
    ids["recorded"] = recorded.id
    add_record(
        ws,
        CONCERNS,
        home.florence,
        ConcernDetails(
            ConcernKind.CONFLICT,
            Severity.MEDIUM,
            "Raised voices about money between Susan and Florence",
            TODAY - timedelta(days=1),
            visit_id=recorded.id,
        ),
    )
    # Late shift.
    ids["afternoon"] = book(home, home.albert, home.david, at(TODAY, 14, 30))
    planned_visits.sign_in(ws, ids["afternoon"], at=at(TODAY, 14, 35))
    ids["outing"] = book(home, home.florence, home.susan, at(TODAY, 16), VisitKind.OUTING)
    ids["cancelled"] = book(home, home.sian, home.gwen, at(TODAY, 17))
    planned_visits.cancel_booking(ws, ids["cancelled"], "Gwen has a cold")
    # Night shift.
    ids["video"] = book(home, home.albert, home.david, at(TODAY, 21, 30), VisitKind.VIDEO)
    return ids


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
def home(manager) -> Home:  # type: ignore[no-untyped-def]
    return make_home(manager)


class Script:
    """Stands in for the page's ``run_dialog``: each modal dialog shown takes the next step."""

    def __init__(self, *steps: Callable[[QDialog], int]) -> None:
        self.steps = list(steps)
        self.shown: list[QDialog] = []

    def __call__(self, dialog: QDialog) -> int:
        self.shown.append(dialog)
        title = dialog.text() if isinstance(dialog, QMessageBox) else dialog.windowTitle()
        assert self.steps, f"unexpected dialog {title!r}"
        return self.steps.pop(0)(dialog)

    def done(self) -> None:
        assert not self.steps, f"{len(self.steps)} dialogs were expected but not shown"


def give_reason(text: str) -> Callable[[QDialog], int]:
    def step(dialog: QDialog) -> int:
        assert isinstance(dialog, ReasonDialog)
        dialog.text.setPlainText(text)
        dialog.ok_button.click()
        return dialog.result()

    return step


def cancel(dialog: QDialog) -> int:
    dialog.reject()
    return dialog.result()


def show_board(qtbot, ctx: ShellContext, hh: int = 15, mm: int = 10) -> TodayPage:  # type: ignore[no-untyped-def]
    """The board at hh:mm of the test's day, refreshed as the main window does on changes."""
    page = TodayPage(ctx)
    page.now = lambda: at(TODAY, hh, mm)
    ctx.changes.changed.connect(lambda kind: page.refresh() if kind in page.watches else None)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    return page


def rows(table: QTableView, column: int | None = None) -> list[Any]:
    model = table.model()
    if column is None:
        return [model.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(model.rowCount())]
    return [model.index(r, column).data() for r in range(model.rowCount())]


# -- the board ---------------------------------------------------------------------------------------


def test_the_board_shows_each_shift_the_building_follow_ups_concerns_and_flags(qtbot, home, make_ctx) -> None:  # type: ignore[no-untyped-def]
    ids = busy_day(home)
    page = show_board(qtbot, make_ctx(home.ws))
    assert "Today, 22/11/2026" in page.heading.text()
    early, late, night = (page.sections[s] for s in Shift)
    assert early.heading.text() == "Early shift, 07:00 to 14:00"
    assert night.heading.text() == "Night shift, 21:00 to 07:00"
    assert page.current_shift is Shift.LATE
    assert late.now_badge.isVisible() and not early.now_badge.isVisible()
    assert late.objectName() == "shiftNow"

    assert rows(early.planned) == [ids["morning"], ids["call"]]
    assert rows(late.planned) == [ids["afternoon"], ids["outing"], ids["cancelled"]]
    assert rows(night.planned) == [ids["video"]]
    assert rows(late.planned, 1)[0] == "Albert Nwosu, room 3"
    assert rows(late.planned, 2)[0] == "David Nwosu"
    assert rows(late.planned, 4) == ["Signed in 14:35", "Booked", "Cancelled: Gwen has a cold"]
    assert rows(early.planned, 4) == ["Signed out 11:10 · recorded", "Booked · not recorded yet"]
    assert rows(early.recorded) == [ids["recorded"]]
    assert rows(early.recorded, 4) == ["Lovely visit: looked at photos of the grandchildren."]
    assert rows(early.recorded, 5) == ["⚠ concern, follow-up"]
    tip = early.recorded_model.index(0, 5).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Concerns raised from this contact: 1.\nFollow-ups not done yet: 1."
    assert (
        not night.recorded.isVisible() and night.recorded_label.text() == "No contact recorded in this shift."
    )

    assert rows(page.in_building) == [ids["forgotten"], ids["afternoon"]]
    assert rows(page.in_building, 2) == ["⚠ still signed in since 21/11", "14:35"]
    assert rows(page.follow_ups, 0) == ["20/11 — overdue", "Today"]
    assert rows(page.follow_ups, 2) == ["Ask the chiropodist for a date", "Ring Susan about the care fees"]
    assert rows(page.concerns, 0) == ["Medium"]
    assert rows(page.concerns, 3) == ["Yesterday"]
    assert rows(page.isolation, 0) == ["Margaret (Peggy) Jones, room 14"]
    assert "No contact recorded for 30 days" in rows(page.isolation, 1)[0]


def test_booking_through_the_dialog_puts_it_in_its_shift(qtbot, home, make_ctx) -> None:  # type: ignore[no-untyped-def]
    page = show_board(qtbot, make_ctx(home.ws))
    shown: list[PlannedVisitDialog] = []

    def fill(dialog: QDialog) -> int:
        assert isinstance(dialog, PlannedVisitDialog)
        shown.append(dialog)
        assert dialog.picker is not None
        assert dialog.starts_at.dateTime().toPython() == at(TODAY, 16)  # the next whole hour
        qtbot.keyClicks(dialog.picker.search, "room 3")  # by the room...
        dialog.picker.refresh()
        assert dialog.picker.choose(home.albert)
        assert dialog.tick(home.david)
        dialog.starts_at.setDateTime(at(TODAY, 22))  # the night shift
        dialog.kind.setCurrentIndex(dialog.kind.findData("phone"))
        dialog.save_button.click()
        return dialog.result()

    page.run_dialog = Script(fill)
    page.book_button.click()
    night = page.sections[Shift.NIGHT]
    assert rows(night.planned, 1) == ["Albert Nwosu, room 3"]
    assert rows(night.planned, 3) == ["Phone call"]
    assert page.selected_booking() is not None and page.selected_booking().id == shown[0].result_view.id
    assert not page.sign_in_button.isEnabled()  # calls are recorded, never signed in
    assert page.cancel_button.isEnabled() and page.change_button.isEnabled()


def test_signing_in_and_out_moves_the_visitor_in_and_out_of_the_building(qtbot, home, make_ctx) -> None:  # type: ignore[no-untyped-def]
    visit = book(home, home.sian, home.gwen, at(TODAY, 15))
    page = show_board(qtbot, make_ctx(home.ws), 15, 2)
    assert page.in_building_none.isVisible() and not page.in_building.isVisible()
    assert not page.sign_in_button.isEnabled()  # nothing chosen yet
    assert page.select_booking(visit)
    assert page.sign_in_button.isEnabled() and not page.sign_out_button.isEnabled()
    page.sign_in_button.click()
    assert planned_visits.planned_visit(home.ws, visit).signed_in_at == at(TODAY, 15, 2)
    assert rows(page.in_building) == [visit]
    assert rows(page.in_building, 1) == ["Gwen Llewellyn"]
    assert rows(page.sections[Shift.LATE].planned, 4) == ["Signed in 15:02"]
    assert page.in_building_label.text() == "In the building no&w (1)"
    assert page.selected_booking().status is PlannedStatus.ARRIVED  # still chosen
    assert page.sign_out_button.isEnabled() and not page.sign_in_button.isEnabled()
    page.now = lambda: at(TODAY, 16, 20)
    page.sign_out_button.click()
    assert rows(page.in_building) == [] and page.in_building_none.isVisible()
    assert rows(page.sections[Shift.LATE].planned, 4) == ["Signed out 16:20"]
    assert not page.change_button.isEnabled()  # a finished booking cannot change


def test_cancelling_asks_why_and_a_reason_is_required(qtbot, home, make_ctx) -> None:  # type: ignore[no-untyped-def]
    visit = book(home, home.florence, home.susan, at(TODAY, 18))
    page = show_board(qtbot, make_ctx(home.ws))
    page.select_booking(visit)
    prompts: list[str] = []

    def empty_then_reason(dialog: QDialog) -> int:
        assert isinstance(dialog, ReasonDialog)
        prompts.append(dialog.prompt.text())
        dialog.ok_button.click()  # no reason: refused
        assert dialog.result() != QDialog.DialogCode.Accepted
        assert dialog.problem.isVisibleTo(dialog) and "Say why" in dialog.problem.text()
        return give_reason("Susan is unwell")(dialog)

    page.run_dialog = Script(cancel)  # changing one's mind cancels nothing
    page.cancel_button.click()
    assert planned_visits.planned_visit(home.ws, visit).status is PlannedStatus.BOOKED
    page.run_dialog = script = Script(empty_then_reason)
    page.cancel_button.click()
    script.done()
    assert prompts == ["Why is the visit in the home for Florence Thompson at 18:00 cancelled?"]
    saved = planned_visits.planned_visit(home.ws, visit)
    assert saved.status is PlannedStatus.CANCELLED and saved.status_reason == "Susan is unwell"
    assert rows(page.sections[Shift.LATE].planned, 4) == ["Cancelled: Susan is unwell"]


def test_did_not_come_takes_an_optional_reason(qtbot, home, make_ctx) -> None:  # type: ignore[no-untyped-def]
    visit = book(home, home.albert, home.david, at(TODAY, 14, 30))
    page = show_board(qtbot, make_ctx(home.ws))
    page.select_booking(visit)
    page.run_dialog = Script(give_reason(""))
    page.did_not_come_button.click()
    assert planned_visits.planned_visit(home.ws, visit).status is PlannedStatus.DID_NOT_COME
    assert rows(page.sections[Shift.LATE].planned, 4) == ["Did not come"]
    assert not page.did_not_come_button.isEnabled() and not page.sign_in_button.isEnabled()


def test_a_refused_step_is_explained(qtbot, home, make_ctx) -> None:  # type: ignore[no-untyped-def]
    visit = book(home, home.albert, home.david, at(TODAY, 14, 30))
    page = show_board(qtbot, make_ctx(home.ws))
    page.select_booking(visit)
    planned_visits.cancel_booking(home.ws, visit, "Rang to cancel")  # on another PC, say
    messages: list[str] = []

    def read(dialog: QDialog) -> int:
        assert isinstance(dialog, QMessageBox)
        messages.append(dialog.text())
        return 0

    page.select_booking(visit)
    page.sign_in_button.setEnabled(True)  # as if the board had not caught up yet
    page.run_dialog = Script(read)
    page.sign_in()
    assert messages == ["A booking that is 'cancelled' cannot be signed in."]


def test_a_restricted_booking_shows_its_mark_on_the_board(qtbot, home, make_ctx) -> None:  # type: ignore[no-untyped-def]
    details = PlannedVisitDetails(
        VisitKind.VISIT, at(TODAY, 15), (home.peter,), restriction_acknowledged=True
    )
    booked = planned_visits.book_visit(home.ws, home.florence, details)
    page = show_board(qtbot, make_ctx(home.ws))
    assert rows(page.sections[Shift.LATE].planned, 4) == ["Booked · ⚠ Restricted"]
    tip = page.sections[Shift.LATE].planned_model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert "restriction on contact covers this booking" in tip
    assert booked.restricted


def test_the_board_refreshes_when_something_changes_behind_it(qtbot, home, make_ctx) -> None:  # type: ignore[no-untyped-def]
    ids = busy_day(home)
    page = show_board(qtbot, make_ctx(home.ws))
    late = page.sections[Shift.LATE]
    added = planned_visits.book_visit(
        home.ws,
        home.margaret,
        PlannedVisitDetails(VisitKind.VIDEO, at(TODAY, 19), other_visitors="Her niece Ann"),
    )
    assert added.id in rows(late.planned)  # a service call elsewhere: the board shows it at once
    planned_visits.sign_out(home.ws, ids["forgotten"], at=at(TODAY, 15))
    assert ids["forgotten"] not in rows(page.in_building)
    due = follow_ups_due(home.ws, TODAY)
    complete_follow_up(home.ws, due[0].id)
    assert len(rows(page.follow_ups)) == 1
    record_visit(
        home.ws,
        home.margaret,
        VisitDetails(VisitKind.PHONE, at(TODAY, 14, 40), other_participants="Her niece Ann"),
    )
    assert rows(page.isolation) == []
    assert page.isolation_none.isVisible()
    assert rows(late.recorded, 1) == ["Margaret (Peggy) Jones"]


def test_a_hidden_board_refreshes_when_it_is_shown_again(qtbot, home, make_ctx) -> None:  # type: ignore[no-untyped-def]
    page = show_board(qtbot, make_ctx(home.ws))
    page.hide()
    visit = book(home, home.albert, home.david, at(TODAY, 9))
    assert rows(page.sections[Shift.EARLY].planned) == []  # not rebuilt while nobody looks
    page.show()
    assert rows(page.sections[Shift.EARLY].planned) == [visit]


def test_the_board_moves_into_the_next_shift_on_its_own(qtbot, home, make_ctx) -> None:  # type: ignore[no-untyped-def]
    page = show_board(qtbot, make_ctx(home.ws), 13, 58)
    assert page.current_shift is Shift.EARLY
    assert page.clock_timer.isActive() and page.clock_timer.interval() == 60_000
    page.now = lambda: at(TODAY, 14, 1)
    page.clock_timer.timeout.emit()
    assert page.current_shift is Shift.LATE
    assert page.sections[Shift.LATE].now_badge.isVisible()
    # After midnight the night shift is still that of the day before: the board stays on it.
    page.now = lambda: at(TODAY + timedelta(days=1), 2, 0)
    page.tick()
    assert page.day == TODAY and page.current_shift is Shift.NIGHT


def test_other_days_are_a_click_or_a_key_away(qtbot, home, make_ctx) -> None:  # type: ignore[no-untyped-def]
    tomorrow = book(home, home.albert, home.david, at(TODAY + timedelta(days=1), 10))
    page = show_board(qtbot, make_ctx(home.ws))
    assert not page.today_button.isEnabled()
    page.next_button.click()
    assert page.heading.text() == "<h2>Monday 23/11/2026</h2>"
    assert rows(page.sections[Shift.EARLY].planned) == [tomorrow]
    assert page.current_shift is None and not any(s.now_badge.isVisible() for s in page.sections.values())
    assert page.date_edit.date().toPython() == TODAY + timedelta(days=1)
    page.select_booking(tomorrow)  # tomorrow's visitors cannot be signed in (or miss it) today
    assert not page.sign_in_button.isEnabled() and not page.did_not_come_button.isEnabled()
    assert page.cancel_button.isEnabled() and page.change_button.isEnabled()
    assert page.today_button.isEnabled()
    page.date_edit.setDate(TODAY - timedelta(days=2))
    assert page.heading.text() == "<h2>Friday 20/11/2026</h2>"
    page.today_button.click()
    assert page.day == TODAY and "Today, 22/11/2026" in page.heading.text()


def test_marking_a_follow_up_done(qtbot, home, make_ctx) -> None:  # type: ignore[no-untyped-def]
    busy_day(home)
    page = show_board(qtbot, make_ctx(home.ws))
    assert not page.done_button.isEnabled()
    page.follow_ups.selectRow(0)
    assert page.done_button.isEnabled()
    page.run_dialog = Script(give_reason("Chiropodist comes on Tuesday"))
    page.done_button.click()
    assert rows(page.follow_ups, 2) == ["Ring Susan about the care fees"]
    assert [f.action for f in follow_ups_due(home.ws, TODAY)] == ["Ring Susan about the care fees"]


# -- dialogs of other parts, opened from the board -----------------------------------------------------


class FakeDialog(QDialog):
    made: ClassVar[list[tuple[Any, ...]]] = []

    def __init__(self, ctx: ShellContext, resident_id: str, **kwargs: Any) -> None:
        super().__init__(kwargs.get("parent"))
        FakeDialog.made.append((resident_id, kwargs))


@pytest.fixture
def fake_dialogs(monkeypatch) -> list[tuple[Any, ...]]:  # type: ignore[no-untyped-def]
    """The visit and concern dialogs as stand-ins that remember how they were opened."""
    FakeDialog.made = []
    for name, cls in (("visit_dialog", "VisitDialog"), ("concern_dialog", "ConcernDialog")):
        module = types.ModuleType(f"carelink_desktop.ui.{name}")
        setattr(module, cls, FakeDialog)
        monkeypatch.setitem(sys.modules, f"carelink_desktop.ui.{name}", module)
    return FakeDialog.made


def test_record_contact_for_the_chosen_booking_or_a_chosen_resident(
    qtbot, home, make_ctx, fake_dialogs
) -> None:  # type: ignore[no-untyped-def]
    visit = book(home, home.albert, home.david, at(TODAY, 14, 30))
    page = show_board(qtbot, make_ctx(home.ws))
    page.select_booking(visit)
    page.run_dialog = Script(cancel)
    page.record_button.click()
    resident_id, kwargs = fake_dialogs[0]
    assert resident_id == home.albert and kwargs["booking"].id == visit and kwargs["parent"] is page

    page.sections[Shift.LATE].planned.clearSelection()

    def choose_sian(dialog: QDialog) -> int:
        assert isinstance(dialog, ResidentPickerDialog)
        assert not dialog.ok_button.isEnabled()
        dialog.picker.search.setText("Llew")
        dialog.picker.refresh()
        assert dialog.picker.choose(home.sian)
        dialog.ok_button.click()
        return dialog.result()

    page.run_dialog = Script(choose_sian, cancel)
    page.record_button.click()
    assert fake_dialogs[1] == (home.sian, {"parent": page})


def test_an_open_concern_opens_in_the_concern_dialog(qtbot, home, make_ctx, fake_dialogs) -> None:  # type: ignore[no-untyped-def]
    busy_day(home)
    page = show_board(qtbot, make_ctx(home.ws))
    concern_id = rows(page.concerns)[0]
    page.concerns.selectRow(0)
    page.run_dialog = Script(cancel)
    page.concerns.activated.emit(page.concerns.model().index(0, 0))
    assert fake_dialogs == [(home.florence, {"concern_id": concern_id, "parent": page})]


def test_recorded_contact_opens_its_record_and_a_flagged_resident_their_file(
    qtbot, home, make_ctx, fake_dialogs
) -> None:  # type: ignore[no-untyped-def]
    ids = busy_day(home)
    ctx = make_ctx(home.ws)
    page = show_board(qtbot, ctx)
    opened: list[str] = []
    ctx.navigator.open_resident.connect(opened.append)
    early = page.sections[Shift.EARLY]
    early.recorded.selectRow(0)
    page.run_dialog = Script(cancel)
    early.recorded.activated.emit(early.recorded.model().index(0, 0))
    assert fake_dialogs == [(home.florence, {"visit_id": ids["recorded"], "parent": page})]
    page.isolation.selectRow(0)
    page.isolation.activated.emit(page.isolation.model().index(0, 0))
    assert opened == [home.margaret]


def test_only_shift_leads_and_managers_get_the_shift_summary(
    qtbot, home, make_ctx, staff_workspace, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    printed: list[tuple[Any, ...]] = []
    monkeypatch.setattr(
        "carelink_desktop.ui.report_actions.print_shift_summary",
        lambda parent, ctx, day, shift, **_kw: printed.append((parent, day, shift)),
        raising=False,
    )
    page = show_board(qtbot, make_ctx(home.ws))
    assert page.summary_button.isVisible()

    def choose(dialog: QDialog) -> int:
        assert isinstance(dialog, ShiftChoiceDialog)
        assert dialog.day() == TODAY and dialog.shift() is Shift.LATE  # the shift on now
        assert dialog.shift_combo.currentText() == "Late shift (14:00 to 21:00)"
        dialog.shift_combo.setCurrentIndex(dialog.shift_combo.findData("early"))
        dialog.accept()
        return dialog.result()

    page.run_dialog = Script(choose)
    page.summary_button.click()
    assert printed == [(page, TODAY, Shift.EARLY)]

    keyworker = staff_workspace(Role.KEYWORKER, "bea")
    theirs = show_board(qtbot, make_ctx(keyworker))
    assert not theirs.summary_button.isVisible()
    theirs.shift_summary()  # even by its shortcut: nothing
    assert len(printed) == 1


# -- models, keyboard, accessibility ---------------------------------------------------------------------


def test_the_models_pass_qt_model_tester(qtmodeltester, home) -> None:  # type: ignore[no-untyped-def]
    busy_day(home)
    board = today_board(home.ws, TODAY, now=at(TODAY, 15))
    filled: list[tuple[Any, int]] = []
    for block in board.shifts:
        planned = PlannedVisitsModel()
        planned.set_rows(block.planned)
        recorded = RecordedVisitsModel()
        recorded.set_rows(block.recorded)
        filled += [(planned, len(block.planned)), (recorded, len(block.recorded))]
    building = InBuildingModel()
    building.set_visits(board.in_building, TODAY)
    follow_ups = FollowUpsModel()
    follow_ups.set_follow_ups(board.follow_ups, TODAY)
    concerns = ConcernsModel()
    concerns.set_concerns(board.open_concerns, TODAY)
    isolation = IsolationModel()
    isolation.set_rows(board.isolation)
    filled += [(building, 2), (follow_ups, 2), (concerns, 1), (isolation, 1)]
    for model, count in filled:
        assert model.rowCount() == count
        qtmodeltester.check(model)
    assert building.index(0, 2).data(Qt.ItemDataRole.ForegroundRole) is not None  # the forgotten one
    assert follow_ups.index(0, 0).data() == "20/11 — overdue"
    assert isolation.index(0, 0).data(Qt.ItemDataRole.UserRole) == home.margaret
    empty = PlannedVisitsModel()
    qtmodeltester.check(empty)


def _action_buttons(page: TodayPage) -> list[QPushButton]:
    return [
        page.book_button,
        page.sign_in_button,
        page.sign_out_button,
        page.did_not_come_button,
        page.cancel_button,
        page.change_button,
        page.record_button,
        page.summary_button,
        page.previous_button,
        page.today_button,
        page.next_button,
        page.done_button,
        page.concern_button,
    ]


def test_every_action_has_a_name_and_a_key(qtbot, home, make_ctx) -> None:  # type: ignore[no-untyped-def]
    page = show_board(qtbot, make_ctx(home.ws))
    mnemonics: list[str] = []
    for button in _action_buttons(page):
        assert button.accessibleName(), button.text()
        text = button.text()
        assert "&" in text, f"{text!r} has no Alt key"
        mnemonics.append(text[text.index("&") + 1].lower())
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert len(mnemonics) == len(set(mnemonics)), mnemonics
    assert {"f", "g", "h"}.isdisjoint(mnemonics)  # the main window's menus: File, Go, Help
    keys = {
        b.text(): page.shortcuts[b].key().toString() for b in _action_buttons(page) if b in page.shortcuts
    }
    assert keys["&Book a visit…"] == "Ctrl+N" and keys["Sign &in"] == "Ctrl+I"
    assert keys["Sign &out"] == "Ctrl+O" and keys["&Record contact…"] == "Ctrl+R"
    assert keys["Shift &summary…"] == "Ctrl+P" and keys["Ne&xt day ▶"] == "Alt+Right"
    assert "Ctrl+L" not in keys.values() and len(set(keys.values())) == len(keys)  # Ctrl+L locks
    assert "(Ctrl+N)" in page.book_button.toolTip()
    for widget in [*page.findChildren(QTableView), page.date_edit, page.overdue]:
        assert widget.accessibleName(), repr(widget)


def test_the_keyboard_reaches_every_action(qtbot, home, make_ctx) -> None:  # type: ignore[no-untyped-def]
    visit = book(home, home.sian, home.gwen, at(TODAY, 15))
    page = show_board(qtbot, make_ctx(home.ws), 15, 5)
    page.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    table = page.sections[Shift.LATE].planned
    assert page.selected_booking() is None
    table.setFocus(Qt.FocusReason.TabFocusReason)  # tabbing into a list chooses its first row
    assert page.selected_booking() is not None and page.selected_booking().id == visit
    status = lambda: planned_visits.planned_visit(home.ws, visit).status  # noqa: E731
    qtbot.keyClick(table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: status() is PlannedStatus.ARRIVED)  # a shortcut "clicks" after a moment
    qtbot.keyClick(page, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # Sign &out
    qtbot.waitUntil(lambda: status() is PlannedStatus.COMPLETED)
    opened: list[str] = []
    page.run_dialog = lambda dialog: opened.append(dialog.windowTitle()) or 0  # type: ignore[func-returns-value]
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(opened) == 1)
    qtbot.keyClick(page, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(opened) == 2)
    assert opened == ["Book a visit or call", "Shift summary"]
    qtbot.keyClick(page, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.day == TODAY + timedelta(days=1))
    qtbot.keyClick(page, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.day == TODAY)
    # Tab goes from the buttons through every list on the board.
    focusable = [w for w in page.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert page.sections[Shift.EARLY].planned in focusable and page.follow_ups in focusable


# -- how it looks --------------------------------------------------------------------------------------


def test_screenshots(qtbot, home, make_ctx) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    ids = busy_day(home)
    ctx = make_ctx(home.ws)
    page = show_board(qtbot, ctx)
    page.select_booking(ids["outing"])
    page.resize(1190, 740)  # the area beside the navigation on a 1366 × 768 screen
    qtbot.wait(50)
    assert page.grab().save(str(SHOTS / "today_board_1366.png"))
    page.resize(860, 640)  # ... on a 1024 × 768 screen: the other lists go below the shifts
    qtbot.wait(50)
    assert page.columns.direction() is QBoxLayout.Direction.TopToBottom
    assert page.grab().save(str(SHOTS / "today_board_1024.png"))
    page.scroll_area.verticalScrollBar().setValue(page.scroll_area.verticalScrollBar().maximum())
    qtbot.wait(50)
    assert page.grab().save(str(SHOTS / "today_board_1024_scrolled.png"))

    dialog = PlannedVisitDialog(ctx, home.florence, when=at(TODAY, 16))
    qtbot.addWidget(dialog)
    dialog.tick(home.peter)
    dialog.others.setText("Peter's partner Jo")
    dialog.location.setText("Conservatory")
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.save_button.click()  # refused: the warning has not been ticked
    QApplication.processEvents()
    assert dialog.grab().save(str(SHOTS / "booking_dialog_restricted.png"))
    dialog.reject()
