"""The Oversight area and the governance report's dialog, driven with pytest-qt (offscreen) over a
real encrypted home: the tiles show the service's figures, a tile opens the list behind it, a
shift lead sees the reduced dashboard, the period and published changes refresh it, the keyboard
reaches everything, and the manager's narrative is saved and the report previewed."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest

pytest.importorskip("PySide6.QtCharts")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from carelink_desktop.domain.concerns import ConcernDetails, ConcernKind, Severity
from carelink_desktop.domain.governance import Narrative
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.relationships import (
    Category,
    ContactWish,
    Frequency,
    KeepInTouch,
    RelationshipDetails,
)
from carelink_desktop.domain.roles import Role
from carelink_desktop.domain.visits import FollowUp, VisitDetails, VisitKind
from carelink_desktop.reports.document import Redaction
from carelink_desktop.services.concerns import CONCERNS
from carelink_desktop.services.governance import narrative, save_narrative
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.oversight import Dashboard, dashboard
from carelink_desktop.services.relationships import relate
from carelink_desktop.services.resident_records import add_record
from carelink_desktop.services.residents import admit_resident
from carelink_desktop.services.visits import record_visit
from carelink_desktop.ui import unsaved
from carelink_desktop.ui.events import ChangeSignals
from carelink_desktop.ui.governance_dialog import GovernanceDialog
from carelink_desktop.ui.oversight_charts import contact_summary, kinds_summary, nice_top
from carelink_desktop.ui.oversight_models import MODELS, model_for
from carelink_desktop.ui.oversight_page import FigureTile, OversightPage, months_before, preset_period
from carelink_desktop.ui.pages import Navigator, ShellContext
from tests.conftest import HOME_NAME, resident

TODAY = date(2026, 11, 22)
YEAR_START = date(2025, 11, 23)


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour))


# -- a small home -------------------------------------------------------------------------------------


@pytest.fixture
def ws(manager):  # type: ignore[no-untyped-def]
    manager.set_today_for_tests(TODAY)
    return manager


@pytest.fixture
def small_home(ws) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Florence (Susan visits weekly, she wishes; two visits this year, the last with a follow-up
    now overdue; one open high concern) and Robert (no key people, no contact at all)."""
    florence = admit_resident(ws, resident("Florence", "Thompson", room="7", admission_date=date(2024, 1, 6)))
    robert = admit_resident(ws, resident("Robert", "Evans", room="3", admission_date=date(2024, 3, 1)))
    susan = add_key_person(ws, KeyPersonDetails("Susan", "Thompson"))
    daughter = relate(
        ws,
        florence.id,
        susan.id,
        RelationshipDetails(
            "daughter", Category.FAMILY, contact_wishes=(ContactWish(KeepInTouch.VISITS, Frequency.WEEKLY),)
        ),
    )
    record_visit(
        ws,
        florence.id,
        VisitDetails(VisitKind.VISIT, at(TODAY - timedelta(days=60)), relationship_ids=(daughter.id,)),
    )
    record_visit(
        ws,
        florence.id,
        VisitDetails(
            VisitKind.VISIT,
            at(TODAY - timedelta(days=5)),
            relationship_ids=(daughter.id,),
            observations="Talked about Christmas",
            follow_ups=(FollowUp("Ring Susan about the party", TODAY - timedelta(days=3), "Bea"),),
        ),
    )
    add_record(
        ws,
        CONCERNS,
        florence.id,
        ConcernDetails(
            ConcernKind.CONFLICT,
            Severity.HIGH,
            "Argument between Susan and her brother in the lounge",
            TODAY - timedelta(days=10),
            reported_to="Amira Khan, manager",
        ),
    )
    return {"florence": florence, "robert": robert, "daughter": daughter}


def context(ws: Any) -> ShellContext:
    return ShellContext(ws, ChangeSignals(ws.events), Navigator(), HOME_NAME)


@pytest.fixture
def ctx(ws):  # type: ignore[no-untyped-def]
    shell = context(ws)
    yield shell
    shell.changes.detach()


def show_page(qtbot: Any, ctx: ShellContext, size: tuple[int, int] = (1200, 760)) -> OversightPage:
    page = OversightPage(ctx)
    # What the main window does: a published change of a watched kind calls refresh().
    ctx.changes.changed.connect(lambda kind: page.refresh() if kind in page.watches else None)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    return page


def shown_figures(page: OversightPage) -> dict[str, int]:
    return {key: tile.value for key, tile in page.tiles.items()}


def service_figures(board: Dashboard) -> dict[str, int]:
    return {f.key: f.value for f in board.figures()}


def column_texts(page: OversightPage, column: int) -> list[str]:
    model = page.current_model()
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


# -- the manager's dashboard ------------------------------------------------------------------------


def test_the_manager_sees_a_tile_for_every_figure_with_the_services_numbers(
    qtbot, ctx, ws, small_home
) -> None:  # type: ignore[no-untyped-def]
    page = show_page(qtbot, ctx)
    assert (page.start_field.text(), page.end_field.text()) == ("23/11/2025", "22/11/2026")
    assert page.period.currentData() == "12m", "the last 12 months ending today by default"
    board = dashboard(ws, YEAR_START, TODAY)
    assert shown_figures(page) == service_figures(board)
    assert list(page.tiles) == [f.key for f in board.figures()]
    # Hand-counted: Florence is below her weekly wish, Robert has had no contact, Susan's
    # follow-up is overdue, the conflict is open.
    figures = shown_figures(page)
    assert figures["below_wishes"] == 1
    assert figures["no_contact"] == 1
    assert figures["open_concerns"] == 1
    assert figures["follow_ups_overdue"] == 1
    assert {"caseloads", "transitions", "actions_overdue"} <= set(page.tiles)
    tile = page.tiles["open_concerns"]
    assert tile.accessibleName() == "Open concerns: 1"
    assert tile.note.text() == "0 urgent, 1 high" == tile.accessibleDescription()
    assert page.governance_button.isVisible()
    assert not page.reduced_note.isVisible()
    assert "23/11/2025 to 22/11/2026 (365 days), 2 current residents" in page.period_note.text()


def test_choosing_a_tile_shows_the_list_behind_it_and_a_row_opens_the_resident(
    qtbot, ctx, ws, small_home
) -> None:  # type: ignore[no-untyped-def]
    page = show_page(qtbot, ctx)
    opened: list[str] = []
    ctx.navigator.open_resident.connect(opened.append)
    assert page.current_key == "below_wishes", "the first list shows to begin with"
    assert column_texts(page, 0) == ["Florence Thompson, room 7"]
    florence_row = dashboard(ws, YEAR_START, TODAY).below_wishes[0]
    assert column_texts(page, 2) == [str(florence_row.expected)]
    assert column_texts(page, 3) == ["2"]
    assert page.list_heading.text() == "Residents whose contact fell below their wishes (1)"

    qtbot.mouseClick(page.tiles["no_contact"], Qt.MouseButton.LeftButton)
    assert page.current_key == "no_contact" and page.tiles["no_contact"].isChecked()
    assert not page.tiles["below_wishes"].isChecked()
    assert column_texts(page, 0) == ["Robert Evans, room 3"]
    assert column_texts(page, 1) == ["None recorded"]

    page.tiles["open_concerns"].click()
    assert column_texts(page, 1) == ["Florence Thompson"]
    assert column_texts(page, 3) == ["High"] and column_texts(page, 5) == ["10"]
    page.table.doubleClicked.emit(page.table.currentIndex())
    assert opened == [small_home["florence"].id]
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened == [small_home["florence"].id] * 2, "Enter on the row opens the record too"

    page.tiles["follow_ups_overdue"].click()
    assert column_texts(page, 1) == ["Ring Susan about the party"] and column_texts(page, 4) == ["3"]

    page.tiles["actions_overdue"].click()
    assert page.table.isHidden() and page.list_empty.isVisible(), "an empty list says so"
    page.tiles["caseloads"].click()
    assert page.current_model().rowCount() == len(dashboard(ws, YEAR_START, TODAY).caseloads)
    assert not page.open_button.isVisible(), "keyworkers' caseloads open no resident"


def test_the_charts_have_names_and_say_what_they_show(qtbot, ctx, ws, small_home) -> None:  # type: ignore[no-untyped-def]
    page = show_page(qtbot, ctx)
    assert page.contact_chart.accessibleName() == "Chart: contact per week over the last year"
    assert len(page.contact_chart.weeks) == 52
    assert page.contact_text.text().startswith("2 contacts in 52 weeks from ")
    assert "week of 16/11/2026: 1" in page.contact_chart.accessibleDescription()
    assert page.kinds_text.text() == "1 raised in the period: Conflict 1; none of the other 6 kinds."
    assert "Harm" not in page.kinds_text.text()
    assert "Risk of harm or abuse: 0" in page.kinds_chart.accessibleDescription()
    ages = page.ages_model
    assert ages.rowCount() == 4 and ages.columnCount() == 6
    assert [ages.data(ages.index(1, c)) for c in range(6)] == ["8 to 28 days", "0", "0", "1", "0", "1"]
    assert page.ages_text.text() == "1 open concerns; 8 to 28 days: 1."


def test_in_the_main_window_a_row_opens_the_residents_record(qtbot, ctx, ws, small_home) -> None:  # type: ignore[no-untyped-def]
    from carelink_desktop.ui.main_window import MainWindow
    from carelink_desktop.ui.residents_page import ResidentsPage

    window = MainWindow(ctx, [ResidentsPage, OversightPage])
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.show_area("oversight")
    page = window.page("oversight")
    assert isinstance(page, OversightPage) and page.title() == "Oversight"
    page.tiles["no_contact"].click()
    page.open_button.click()
    assert window.current_area() == "residents"
    residents = window.page("residents")
    assert residents is not None and residents.record.resident_id == small_home["robert"].id  # type: ignore[attr-defined]


# -- the shift lead's -----------------------------------------------------------------------------------


def test_a_shift_lead_sees_the_reduced_dashboard_and_no_governance_report(
    qtbot, ws, small_home, staff_workspace
) -> None:  # type: ignore[no-untyped-def]
    lead = staff_workspace(Role.SHIFT_LEAD, "sam", "Sam Lead")
    lead.set_today_for_tests(TODAY)
    shell = context(lead)
    page = show_page(qtbot, shell)
    assert set(page.tiles).isdisjoint({"caseloads", "transitions", "actions_overdue"})
    assert shown_figures(page) == service_figures(dashboard(lead, YEAR_START, TODAY))
    assert shown_figures(page)["open_concerns"] == 1
    assert page.reduced_note.isVisible() and "for managers" in page.reduced_note.text()
    assert not page.governance_button.isVisible()
    page.open_governance()  # even if asked some other way: nothing
    assert page.governance_dialog is None
    shell.changes.detach()


def test_a_keyworker_is_not_offered_the_area(staff_workspace, small_home) -> None:  # type: ignore[no-untyped-def]
    keyworker = staff_workspace(Role.KEYWORKER, "kit")
    assert OversightPage.permission is not None and not keyworker.may(OversightPage.permission)


# -- refreshing -----------------------------------------------------------------------------------------


def test_changing_the_period_refreshes_the_figures(qtbot, ctx, ws, small_home) -> None:  # type: ignore[no-untyped-def]
    page = show_page(qtbot, ctx)
    year = page.current_model().item_at(0)
    page.period.setCurrentIndex(page.period.findData("3m"))
    assert page.board is not None and (page.board.start, page.board.end) == (date(2026, 8, 23), TODAY)
    assert page.start_field.text() == "23/08/2026"
    assert shown_figures(page) == service_figures(dashboard(ws, date(2026, 8, 23), TODAY))
    quarter = page.current_model().item_at(0)
    assert quarter.expected < year.expected, "fewer weekly visits are wished for in 3 months"

    page.period.setCurrentIndex(page.period.findData("year"))
    assert page.board.start == date(2026, 1, 1)

    # Dates typed: the chooser says so, and the dashboard follows once the date is whole.
    page.start_field.setFocus()
    page.start_field.selectAll()
    qtbot.keyClicks(page.start_field, "01/10/2026")
    assert page.period.currentData() == "custom"
    qtbot.keyClick(page.start_field, Qt.Key.Key_Return)
    assert page.board.start == date(2026, 10, 1)
    assert shown_figures(page) == service_figures(dashboard(ws, date(2026, 10, 1), TODAY))

    # A period that ends before it starts is explained, and what was shown stays.
    page.start_field.selectAll()
    qtbot.keyClicks(page.start_field, "01/12/2026")
    qtbot.keyClick(page.start_field, Qt.Key.Key_Return)
    assert page.problem.isVisible() and "starts after it ends" in page.problem.message()
    assert page.board.start == date(2026, 10, 1)


def test_a_concern_recorded_elsewhere_updates_the_open_concerns_tile(qtbot, ctx, ws, small_home) -> None:  # type: ignore[no-untyped-def]
    page = show_page(qtbot, ctx)
    page.tiles["open_concerns"].click()
    assert page.tiles["open_concerns"].value == 1
    add_record(
        ws,
        CONCERNS,
        small_home["robert"].id,
        ConcernDetails(
            ConcernKind.UNMET_NEEDS, Severity.URGENT, "Nobody has visited Robert", TODAY, reported_to="Amira"
        ),
    )
    qtbot.waitUntil(lambda: page.tiles["open_concerns"].value == 2)
    assert page.tiles["open_concerns"].note.text() == "1 urgent, 1 high"
    assert page.current_model().rowCount() == 2, "the list showing follows too"
    assert page.list_heading.text() == "Concerns not yet closed (2)"


def test_a_hidden_page_reloads_when_it_is_next_shown(qtbot, ctx, ws, small_home) -> None:  # type: ignore[no-untyped-def]
    page = show_page(qtbot, ctx)
    page.hide()
    add_record(
        ws,
        CONCERNS,
        small_home["robert"].id,
        ConcernDetails(ConcernKind.COMPLAINT, Severity.LOW, "Tea was cold", TODAY),
    )
    QApplication.processEvents()
    assert page.tiles["open_concerns"].value == 1, "nothing is built while nobody looks"
    page.show()
    assert page.tiles["open_concerns"].value == 2


# -- the keyboard ---------------------------------------------------------------------------------------


def test_tab_reaches_the_tiles_and_enter_opens_the_list(qtbot, ctx, ws, small_home) -> None:  # type: ignore[no-untyped-def]
    page = show_page(qtbot, ctx)
    page.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() == page.windowHandle())
    page.period.setFocus()
    met = [QApplication.focusWidget()]
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        met.append(QApplication.focusWidget())
    assert met[:5] == [
        page.period,
        page.start_field,
        page.end_field,
        page.governance_button,
        page.tiles["below_wishes"],
    ]
    assert met[5] is page.tiles["no_contact"]
    while QApplication.focusWidget() is not page.tiles["open_concerns"]:
        assert isinstance(QApplication.focusWidget(), FigureTile)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(page.tiles["open_concerns"], Qt.Key.Key_Return)
    assert page.current_key == "open_concerns"
    assert column_texts(page, 1) == ["Florence Thompson"]
    tiles = list(page.tiles.values())
    focus = tiles[-1]
    focus.setFocus()
    qtbot.keyClick(focus, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.table, "after the tiles, the list"
    for tile in tiles:
        assert tile.focusPolicy() & Qt.FocusPolicy.TabFocus
        assert tile.accessibleName().startswith(tile.label.text() + ": ")


# -- the models ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", [*MODELS, "something_new"])
def test_every_list_model_passes_the_model_tester(qtmodeltester, ws, small_home, key: str) -> None:  # type: ignore[no-untyped-def]
    board = dashboard(ws, YEAR_START, TODAY)
    model = model_for(key)
    rows = board.rows(key) if key in MODELS else board.contact_per_week
    model.show_rows(rows, board.as_at)
    qtmodeltester.check(model, force_py=True)
    if key == "something_new":
        assert model.columnCount() == 2 and model.data(model.index(0, 1)) == "0", "any other list still shows"


def test_chart_words() -> None:
    assert nice_top(0) == (5, 6) and nice_top(7) == (8, 5) and nice_top(13) == (15, 4)
    assert nice_top(240)[0] % 50 == 0 and nice_top(240)[0] >= 240
    assert contact_summary(()) == "No weeks to show."
    assert kinds_summary(((ConcernKind.CONFLICT, 0),)) == "No concerns were raised in the period."
    assert months_before(date(2026, 3, 31), 1) == date(2026, 3, 1), "28 February, the day after"
    assert preset_period("year", TODAY) == (date(2026, 1, 1), TODAY)


# -- the governance report ---------------------------------------------------------------------------------


def open_governance(qtbot: Any, page: OversightPage) -> GovernanceDialog:
    page.governance_button.click()
    dialog = page.governance_dialog
    assert isinstance(dialog, GovernanceDialog) and dialog.isVisible()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_governance_dialog_keeps_the_narrative_for_the_period(
    qtbot, ctx, ws, small_home, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    save_narrative(ws, Narrative(YEAR_START, TODAY, "Families join the summer fair", ""))
    page = show_page(qtbot, ctx)
    dialog = open_governance(qtbot, page)
    assert (dialog.start_field.text(), dialog.end_field.text()) == ("23/11/2025", "22/11/2026")
    assert dialog.good_practice.toPlainText() == "Families join the summer fair", "the words kept are loaded"
    assert dialog.anonymised.isChecked(), "names are left out unless the manager says otherwise"
    dialog.to_improve.setPlainText("Robert has had no visitors: find him a befriender")
    assert dialog.has_unsaved_changes()
    dialog.save_button.click()
    assert narrative(ws, YEAR_START, TODAY) == Narrative(
        YEAR_START,
        TODAY,
        "Families join the summer fair",
        "Robert has had no visitors: find him a befriender",
    )
    assert not dialog.has_unsaved_changes() and "Saved for 23/11/2025 to 22/11/2026" in dialog.status.text()

    # Another period: its own (no) words; what is typed and not saved is never lost.
    dialog.good_practice.setPlainText("Draft for the quarter")
    dialog.start_field.setText("23/08/2026")
    dialog.start_field.editingFinished.emit()
    assert dialog.good_practice.toPlainText() == "Draft for the quarter"
    assert "Not saved yet" in dialog.status.text()
    dialog.save_button.click()
    assert narrative(ws, date(2026, 8, 23), TODAY).good_practice == "Draft for the quarter"
    assert narrative(ws, YEAR_START, TODAY).good_practice == "Families join the summer fair"

    # A period the wrong way round is explained and nothing is saved.
    dialog.end_field.setText("01/01/2026")
    dialog.good_practice.setPlainText("Nope")
    dialog.save_button.click()
    assert "starts after it ends" in dialog.message.message()
    asked: list[bool] = []
    monkeypatch.setattr(unsaved, "confirm_discard", lambda _parent: asked.append(True) or False)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked and dialog.isVisible(), "Esc with words not saved asks first"


def test_preview_builds_the_report_with_the_figures_and_the_words(qtbot, ctx, ws, small_home) -> None:  # type: ignore[no-untyped-def]
    page = show_page(qtbot, ctx)
    dialog = open_governance(qtbot, page)
    dialog.good_practice.setPlainText("Families visit and join in")
    dialog.preview_button.click()
    preview = dialog.preview
    assert preview is not None and preview.isVisible()
    assert narrative(ws, YEAR_START, TODAY).good_practice == "Families visit and join in", "kept first"
    assert preview.redaction is Redaction.PROFESSIONAL
    assert "Anonymised" in preview.redaction_label.text()
    text = "\n".join(preview.document.getAllText(p).text() for p in range(preview.page_count()))
    assert "Governance report" in text and "Families visit and join in" in text
    assert "Open concerns 1 0 urgent, 1 high" in text, "the dashboard's figures are in it"
    assert "Resident A 1 52 2 50 4%" in text
    assert "Florence" not in text and "Robert Evans" not in text, "anonymised: no resident names"
    preview.close()

    dialog.anonymised.setChecked(False)
    named = dialog.show_preview()
    assert named is not None and named.redaction is Redaction.INTERNAL
    text = "\n".join(named.document.getAllText(p).text() for p in range(named.page_count()))
    assert "Florence Thompson" in text
    named.close()
