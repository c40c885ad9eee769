"""The loop the standard asks a manager to close, driven through the real desktop widgets
(pytest-qt, offscreen) over a real encrypted home: a keyworker helps a resident give feedback
with easy-read questions and an interpreter, typing and choosing ratings as a person would (and
has no manager's buttons, and no improvement actions area); the manager records a key person's
feedback, sees both in the analysis, agrees an improvement action from a finding in it, closes
the action (Done, with its result) in the Improvement actions area, then builds the governance
report and reads the action and its status in the text of the rendered PDF."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest

pytest.importorskip("PySide6")

from pypdf import PdfReader
from PySide6.QtCore import Qt

import tests.gui.test_visit_dialog as shared
from carelink_desktop.domain.feedback import Helper, Respondent, Theme
from carelink_desktop.domain.improvement_actions import ActionSource, ActionStatus
from carelink_desktop.domain.roles import Role
from carelink_desktop.services.improvement_actions import improvement_actions
from carelink_desktop.ui.actions_page import ImprovementActionsPage
from carelink_desktop.ui.events import ChangeSignals
from carelink_desktop.ui.feedback_dialog import FeedbackDialog
from carelink_desktop.ui.feedback_page import FeedbackPage
from carelink_desktop.ui.main_window import MainWindow
from carelink_desktop.ui.pages import Navigator, ShellContext
from tests.conftest import HOME_NAME
from tests.gui.test_feedback import CARERS, KEEPING, WELCOME, choose_resident, click_rating, rate_by_keyboard
from tests.gui.test_visit_dialog import TODAY, choose, type_into

ctx = shared.ctx
florence = shared.florence
never_ask = shared.never_ask
people = shared.people
ws = shared.ws

ACTION = "Greet every visitor at the door and offer a drink"
RESULT = "A greeter at weekends; visitors now say they feel expected"


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def shell(qtbot: Any, ctx: ShellContext) -> MainWindow:
    window = MainWindow(ctx, [FeedbackPage, ImprovementActionsPage])
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def record_with(qtbot: Any, page: FeedbackPage, fill: Any) -> FeedbackDialog:
    dialog = page.record()
    assert isinstance(dialog, FeedbackDialog)
    qtbot.addWidget(dialog)
    fill(dialog)
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.errors.shown()
    return dialog


def test_feedback_to_analysis_to_an_action_closed_and_reported(
    qtbot, ctx, ws, florence, people, staff_workspace
) -> None:  # type: ignore[no-untyped-def]
    # 1. A keyworker helps Florence give her feedback, with an interpreter and easy-read questions.
    kim = staff_workspace(Role.KEYWORKER, "kim", "Kim Lee")
    kim.set_today_for_tests(TODAY)
    kim_window = shell(qtbot, ShellContext(kim, ChangeSignals(kim.events), Navigator(), HOME_NAME))
    assert kim_window.page("improvement") is None, "a keyworker cannot open improvement actions"
    kim_page = kim_window.page("feedback")
    assert isinstance(kim_page, FeedbackPage)
    assert kim_page.tabs is None, "no analysis for a keyworker"
    assert (kim_page.questions_button, kim_page.correct_button, kim_page.remove_button) == (None, None, None)

    def florence_says(dialog: FeedbackDialog) -> None:
        assert dialog.easy_read.isChecked()
        assert dialog.question_row(WELCOME).label.text() == "2. Do your visitors feel welcome here?"
        choose_resident(qtbot, dialog, "Florence")
        choose(dialog.helped_by, Helper.INTERPRETER)
        type_into(qtbot, dialog.helper_name, "Mrs Okafor, Igbo interpreter")
        rate_by_keyboard(qtbot, dialog, KEEPING, 4)
        rate_by_keyboard(qtbot, dialog, WELCOME, 2)
        type_into(qtbot, dialog.question_row(WELCOME).comment, "Nobody says hello to my visitors")

    record_with(qtbot, kim_page, florence_says)
    assert kim_page.model.rowCount() == 1

    # 2. The manager records Susan's feedback, then reads the analysis.
    window = shell(qtbot, ctx)
    page = window.page("feedback")
    assert isinstance(page, FeedbackPage) and page.tabs is not None

    def susan_says(dialog: FeedbackDialog) -> None:
        choose(dialog.respondent, Respondent.KEY_PERSON)
        assert not dialog.easy_read.isChecked()
        choose_resident(qtbot, dialog, "Florence")
        choose(dialog.person, people["Susan"].id)
        click_rating(qtbot, dialog, WELCOME, 3)
        type_into(qtbot, dialog.question_row(WELCOME).comment, "We wait at the door a long time")
        click_rating(qtbot, dialog, CARERS, 4)

    record_with(qtbot, page, susan_says)
    choose(page.period, "this_quarter")
    assert page.model.rowCount() == 2
    page.tabs.setCurrentIndex(1)
    themes = page.theme_scores
    welcome = themes.row_of(Theme.WELCOME.value)
    headers = [themes.headerData(c, Qt.Orientation.Horizontal) for c in range(themes.columnCount())]
    assert headers == ["Theme", "Oct 2026", "Nov 2026", "Whole period"]
    assert [themes.data(themes.index(welcome, c)) for c in range(themes.columnCount())] == [
        "Feeling welcome",
        "–",
        "2.5 (2)",
        "2.5 (2)",
    ]
    assert page.summary.text().startswith(
        "2 responses: 1 from a resident, 1 from a key person, 0 from professionals. "
        "1 was given with the help of an advocate or interpreter."
    )
    assert page.comments_model.data(page.comments_model.index(0, 0)) == "Feeling welcome (2)"

    # 3. An improvement action from the finding.
    page.themes_view.setCurrentIndex(themes.index(welcome, 2))
    finding = "Feedback on 'Feeling welcome' averaged 2.5 from 2 answers, Nov 2026"
    assert page.finding.text() == f"To act on: {finding}"
    page.finding_button.click()
    dialog = page.dialog
    qtbot.addWidget(dialog)
    assert dialog.reason.toPlainText() == finding
    type_into(qtbot, dialog.action, ACTION)
    type_into(qtbot, dialog.due_on, "31/12/2026")
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    [action] = improvement_actions(ws)
    assert (action.details.source, action.details.status) == (ActionSource.FINDING, ActionStatus.PLANNED)

    # 4. Closing it in the Improvement actions area: Done, with what came of it.
    window.show_area("improvement")
    actions = window.page("improvement")
    assert isinstance(actions, ImprovementActionsPage)
    assert actions.model.rowCount() == 1 and actions.selected().id == action.id
    qtbot.keyClick(actions.table, Qt.Key.Key_Return)
    edit = actions.dialog
    assert edit is not None and edit.isVisible()
    qtbot.addWidget(edit)
    choose(edit.status, ActionStatus.DONE)
    edit.save_button.click()
    assert edit.errors.shown() == {"result": "What came of it is required."}, "closing needs the result"
    type_into(qtbot, edit.outcome, RESULT)
    edit.save_button.click()
    assert edit.result() == edit.DialogCode.Accepted
    assert actions.model.rowCount() == 0, "a closed action leaves the open list"
    choose(actions.status, "all")
    assert [actions.model.data(actions.model.index(0, c)) for c in (1, 5, 7)] == [
        ACTION,
        "Done",
        "22/11/2026",
    ]

    # 5. The governance report lists the action and its status.
    from carelink_desktop.reports.governance_report import build_governance_report
    from carelink_desktop.reports.pdf import render_pdf

    text = pdf_text(render_pdf(build_governance_report(ws, date(2026, 10, 1), TODAY)))
    assert "Improvement actions" in text
    assert ACTION in text
    assert "Done 22/11/2026" in text
    assert RESULT in text
    assert "Florence" not in text and "Thompson" not in text, "the anonymised copy names no one"
