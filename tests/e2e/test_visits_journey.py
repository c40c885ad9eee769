"""The contact visits journey a shift lead makes in one afternoon, driven through the real desktop
widgets (pytest-qt, offscreen) over a real encrypted home: book a visit on the Today board, sign the
visitor in, record the visit with an observation and a follow-up, raise a concern from it, see both
on the Today board and in the Concerns area, then preview the shift summary and read the
observation and the follow-up in its text."""

from __future__ import annotations

from datetime import timedelta

import pytest

pytest.importorskip("PySide6.QtPdf")

from PySide6.QtWidgets import QDialog

from carelink_desktop.domain.concerns import ConcernKind
from carelink_desktop.domain.planned_visits import PlannedStatus
from carelink_desktop.domain.shifts import Shift
from carelink_desktop.services import planned_visits
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.ui.concern_dialog import ConcernDialog
from carelink_desktop.ui.concerns_page import ConcernsPage
from carelink_desktop.ui.events import ChangeSignals
from carelink_desktop.ui.pages import Navigator, ShellContext
from carelink_desktop.ui.planned_visit_dialog import PlannedVisitDialog
from carelink_desktop.ui.report_preview import ReportPreview
from carelink_desktop.ui.today_page import ShiftChoiceDialog
from carelink_desktop.ui.visit_dialog import VisitDialog
from tests.conftest import HOME_NAME
from tests.gui.test_today_page import TODAY, Script, at, make_home, rows, show_board

OBSERVATION = 'Susan brought photos of the new baby 😀 — Florence said "she has my eyes"'
FOLLOW_UP = "Print a photo of the baby for Florence's room"
CONCERN = "Susan says she is not sleeping and is struggling to cope at home"


@pytest.fixture(autouse=True)
def discard_without_asking(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("carelink_desktop.ui.unsaved.confirm_discard", lambda parent: True)


def test_book_sign_in_record_raise_a_concern_and_print_the_shift_summary(qtbot, manager) -> None:  # type: ignore[no-untyped-def]
    home = make_home(manager)
    ctx = ShellContext(manager, ChangeSignals(manager.events), Navigator(), HOME_NAME)
    page = show_board(qtbot, ctx, 14, 20)

    # 1. book Susan's visit to Florence at 15:00
    def book(dialog: QDialog) -> int:
        assert isinstance(dialog, PlannedVisitDialog)
        qtbot.keyClicks(dialog.picker.search, "Florence")
        dialog.picker.refresh()
        assert dialog.picker.choose(home.florence)
        assert dialog.tick(home.susan)
        dialog.starts_at.setDateTime(at(TODAY, 15))
        dialog.save_button.click()
        return dialog.result()

    page.run_dialog = Script(book)
    page.book_button.click()
    booking = page.selected_booking()
    assert booking is not None and booking.status is PlannedStatus.BOOKED
    assert rows(page.sections[Shift.LATE].planned) == [booking.id]

    # 2. Susan arrives: sign her in
    page.now = lambda: at(TODAY, 15, 5)
    page.sign_in_button.click()
    assert rows(page.in_building) == [booking.id]

    # 3. record the visit with an observation and a follow-up, then raise a concern from it
    concern_forms: list[ConcernDialog] = []

    def record(dialog: QDialog) -> int:
        assert isinstance(dialog, VisitDialog)
        assert dialog.people.item_for(home.susan).checkState().value == 2  # ticked from the booking
        dialog.how_it_went.edit.setPlainText(OBSERVATION)
        dialog.more_button.click()
        dialog.follow_ups.add_button.click()
        qtbot.keyClicks(dialog.follow_ups.rows[0][0], FOLLOW_UP)
        qtbot.keyClicks(dialog.follow_ups.rows[0][1], "Bea")
        form = dialog.save_and_raise_concern()
        assert isinstance(form, ConcernDialog)
        concern_forms.append(form)
        return dialog.result()

    page.run_dialog = Script(record)
    page.record_button.click()
    form = concern_forms[0]
    form.concern_kind.setCurrentIndex(form.concern_kind.findData(ConcernKind.UNMET_NEEDS.value))
    form.description.setPlainText(CONCERN)
    form.save_button.click()
    assert form.result() == QDialog.DialogCode.Accepted

    # the booking is complete and linked to the record
    done = planned_visits.planned_visit(manager, booking.id)
    assert done.visit_id is not None and done.status is PlannedStatus.COMPLETED

    # 4. the Today board shows the visit and the concern; the Concerns area lists the concern
    page.refresh()
    assert rows(page.sections[Shift.LATE].recorded) == [done.visit_id]
    board_concerns = page.concerns_model
    assert [board_concerns.concern_at(r).description for r in range(board_concerns.rowCount())] == [CONCERN]
    assert page.concerns.isVisible()
    concerns = ConcernsPage(ctx)
    qtbot.addWidget(concerns)
    concerns.refresh()
    assert [concerns.model.concern_at(r).description for r in range(concerns.model.rowCount())] == [CONCERN]
    assert concerns.model.concern_at(0).visit_id == done.visit_id

    # 5. preview the late shift's summary: the observation and the follow-up are in its text
    def late_shift(dialog: QDialog) -> int:
        assert isinstance(dialog, ShiftChoiceDialog)
        dialog.shift_combo.setCurrentIndex(dialog.shift_combo.findData(Shift.LATE.value))
        dialog.accept()
        return dialog.result()

    page.run_dialog = Script(late_shift)
    page.summary_button.click()
    qtbot.waitUntil(lambda: bool(page.findChildren(ReportPreview)), timeout=20000)
    (preview,) = page.findChildren(ReportPreview)
    text = "\n".join(preview.document.getAllText(p).text() for p in range(preview.page_count()))
    flat = " ".join(text.split())
    assert " ".join(OBSERVATION.split()) in flat
    assert FOLLOW_UP in flat
    assert CONCERN in flat
    assert (TODAY + timedelta(days=7)).strftime("%d/%m/%Y") in flat  # the follow-up's due date
    assert any(e.action == "report_previewed" for e in audit_entries(manager))
    ctx.changes.detach()
