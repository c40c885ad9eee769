"""Feedback in the desktop, driven as a person would with pytest-qt (offscreen) over a real
encrypted home: a resident's feedback with easy-read questions and an advocate, a key person's
and a professional's, the domain's rules at their fields (nothing lost), the manager's question
set, correcting and removing, the analysis (scores by question and theme per quarter, responses,
comments by theme), actions created from feedback and from a finding, and what a keyworker sees."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt

import tests.gui.test_visit_dialog as shared
from carelink_desktop.domain.feedback import (
    DEFAULT_QUESTIONS,
    Answer,
    FeedbackDetails,
    Helper,
    Respondent,
    Theme,
)
from carelink_desktop.domain.improvement_actions import ActionSource
from carelink_desktop.domain.roles import Role
from carelink_desktop.services.feedback import feedback, feedback_given, feedback_questions, record_feedback
from carelink_desktop.services.improvement_actions import improvement_actions
from carelink_desktop.services.relationships import RelationshipView
from carelink_desktop.ui.events import ChangeSignals
from carelink_desktop.ui.feedback_dialog import FeedbackDialog
from carelink_desktop.ui.feedback_models import CommentsModel, FeedbackModel, QuestionsModel, ScoresModel
from carelink_desktop.ui.feedback_page import FeedbackPage, period_dates
from carelink_desktop.ui.pages import Navigator, ShellContext
from carelink_desktop.ui.question_dialog import QuestionDialog, QuestionsDialog
from tests.gui.test_visit_dialog import TODAY, choose, type_into

ctx = shared.ctx
florence = shared.florence
never_ask = shared.never_ask
people = shared.people
ws = shared.ws

#: The default questions' ids, by theme.
Q = {q.theme: qid for qid, q in DEFAULT_QUESTIONS}
KEEPING, WELCOME, INVOLVED = Q[Theme.KEEPING_IN_TOUCH], Q[Theme.WELCOME], Q[Theme.INVOLVEMENT]
CARERS = Q[Theme.SUPPORT_FOR_CARERS]
EASY_WELCOME = "Do your visitors feel welcome here?"
FULL_WELCOME = "How welcome do visitors feel when they come to the home?"


def seed_feedback(ws: Any, resident_id: str, people: dict[str, RelationshipView]) -> None:
    """Three responses this year: two in Q3 2026 (welcome scored 2 and 3), one in Q4."""
    record_feedback(
        ws,
        FeedbackDetails(
            date(2026, 8, 15),
            Respondent.RESIDENT,
            resident_id,
            helped_by=Helper.ADVOCATE,
            helper_name="Sam Okoro",
            easy_read=True,
            answers=(Answer(KEEPING, 4), Answer(WELCOME, 2, "My son says nobody answers the door")),
        ),
    )
    record_feedback(
        ws,
        FeedbackDetails(
            date(2026, 8, 20),
            Respondent.KEY_PERSON,
            resident_id,
            relationship_id=people["Susan"].id,
            answers=(
                Answer(KEEPING, 5),
                Answer(WELCOME, 3, "Sometimes no one greets us"),
                Answer(CARERS, 2, "No one asks how I am coping"),
            ),
        ),
    )
    record_feedback(
        ws,
        FeedbackDetails(
            date(2026, 10, 10),
            Respondent.PROFESSIONAL,
            None,
            respondent_name="Dr Priya Shah, GP",
            answers=(Answer(KEEPING, 4), Answer(INVOLVED, 3)),
            comments="Good liaison with the surgery",
        ),
    )


def show_page(qtbot: Any, ctx: ShellContext) -> FeedbackPage:
    page = FeedbackPage(ctx)
    ctx.changes.changed.connect(lambda kind: page.refresh() if kind in page.watches else None)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def open_dialog(qtbot: Any, make: Any) -> Any:
    dialog = make()
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    return dialog


def rate_by_keyboard(qtbot: Any, dialog: FeedbackDialog, question_id: str, rating: int) -> None:
    """Tab lands on the question's "No answer"; Left moves to 5, 4… (each choosing as it goes)."""
    row = dialog.question_row(question_id)
    start = row.rating.focus_widgets()[0]
    assert start is row.rating.buttons[None]
    focused = start
    for _ in range(6 - rating):
        qtbot.keyClick(focused, Qt.Key.Key_Left)
        focused = next(b for b in row.rating.buttons.values() if b.isChecked())
    assert row.rating.rating() == rating
    assert row.rating.focus_widgets() == [row.rating.buttons[rating]], "Tab comes back to the choice"


def click_rating(qtbot: Any, dialog: FeedbackDialog, question_id: str, rating: int | None) -> None:
    qtbot.mouseClick(dialog.question_row(question_id).rating.buttons[rating], Qt.MouseButton.LeftButton)


def choose_resident(qtbot: Any, dialog: FeedbackDialog, text: str) -> None:
    """Type part of the name in the search and press Down to choose the first match."""
    type_into(qtbot, dialog.picker.search, text)
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Down)


def cells(model: Any, row: int) -> list[str]:
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


# -- recording ----------------------------------------------------------------------------------------


def test_a_resident_gives_feedback_with_easy_read_questions_and_an_advocate(
    qtbot, ctx, ws, florence, people
) -> None:  # type: ignore[no-untyped-def]
    page = show_page(qtbot, ctx)
    assert page.model.rowCount() == 0 and page.empty.isVisible()
    dialog = open_dialog(qtbot, page.record)
    assert dialog.chosen_respondent() is Respondent.RESIDENT
    assert dialog.easy_read.isChecked(), "easy read is on for a resident"
    welcome = dialog.question_row(WELCOME)
    assert welcome.label.text() == f"2. {EASY_WELCOME}"
    assert welcome.rating.accessibleName() == EASY_WELCOME
    assert not dialog.question_row(CARERS).box.isVisibleTo(dialog), "the carers' question is for key people"
    assert dialog.given_on.text() == "22/11/2026"

    choose_resident(qtbot, dialog, "Flor")
    assert dialog.chosen_resident() == florence.id
    choose(dialog.helped_by, Helper.ADVOCATE)
    rate_by_keyboard(qtbot, dialog, KEEPING, 4)
    click_rating(qtbot, dialog, WELCOME, 2)
    type_into(qtbot, welcome.comment, "My son says nobody answers the door")
    dialog.save_button.click()
    assert dialog.isVisible(), "an advocate is named"
    assert dialog.errors.shown() == {"helper_name": "Write the name of an advocate."}
    assert feedback_given(ws, TODAY.replace(month=1, day=1), TODAY) == []
    assert welcome.comment.text() == "My son says nobody answers the door", "nothing typed is lost"
    type_into(qtbot, dialog.helper_name, "Sam Okoro")
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted

    saved = feedback(ws, dialog.result_view.id).details
    assert (saved.respondent, saved.resident_id, saved.helped_by, saved.helper_name, saved.easy_read) == (
        Respondent.RESIDENT,
        florence.id,
        Helper.ADVOCATE,
        "Sam Okoro",
        True,
    )
    assert saved.answers == (
        Answer(KEEPING, 4, ""),
        Answer(WELCOME, 2, "My son says nobody answers the door"),
    ), "only the questions answered are kept"
    assert page.model.rowCount() == 1, "the list refreshes when feedback is recorded"
    assert cells(page.model, 0) == [
        "22/11/2026",
        "Florence Thompson",
        "Resident",
        "Florence Thompson",
        "An advocate",
        "3.0 from 2",
        "1",
    ]
    page.tabs.setCurrentIndex(1)
    welcome_line = page.question_scores.row_of(WELCOME)
    assert cells(page.question_scores, welcome_line)[-1] == "2.0 (1)"
    assert "1 from a resident" in page.summary.text()
    assert "1 was given with the help of an advocate or interpreter" in page.summary.text()


def test_easy_read_can_be_turned_off_and_questions_without_an_easy_version_show_in_full(
    qtbot, ctx, ws, florence
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, lambda: FeedbackDialog(ws))
    dialog.show()
    dialog.easy_read.click()
    assert dialog.question_row(WELCOME).label.text() == f"2. {FULL_WELCOME}"
    choose(dialog.respondent, Respondent.KEY_PERSON)
    assert not dialog.easy_read.isChecked(), "key people get the full questions"
    assert dialog.question_row(CARERS).box.isVisibleTo(dialog)
    dialog.easy_read.click()
    carers = dialog.question_row(CARERS)
    assert carers.label.text().endswith("as a carer?"), "no easy-read wording: shown in full"
    choose(dialog.respondent, Respondent.RESIDENT)
    assert dialog.easy_read.isChecked()


def test_a_key_person_chosen_from_the_residents_map_or_written_in(qtbot, ctx, ws, florence, people) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, lambda: FeedbackDialog(ws, respondent=Respondent.KEY_PERSON))
    dialog.show()
    assert not dialog.easy_read.isChecked()
    assert dialog.person.isVisibleTo(dialog)
    assert [dialog.person.itemText(i) for i in range(dialog.person.count())] == [
        "Someone else (write their name below)"
    ], "no resident chosen yet: only someone written in"
    assert dialog.respondent_name.isVisibleTo(dialog)
    choose_resident(qtbot, dialog, "Thompson")
    offered = [dialog.person.itemText(i) for i in range(dialog.person.count())]
    assert offered == [
        "Choose who…",
        "Jo Adeyemi (friend)",
        "Peter Hughes (nephew)",
        "Susan Thompson (daughter)",
        "Someone else (write their name below)",
    ]
    assert not dialog.respondent_name.isVisibleTo(dialog), "someone on the map: no name to write"
    click_rating(qtbot, dialog, KEEPING, 4)
    dialog.save_button.click()
    assert dialog.errors.shown() == {"relationship_id": "Choose the key person, or write who they are."}
    click_rating(qtbot, dialog, KEEPING, None)
    choose(dialog.person, people["Susan"].id)
    click_rating(qtbot, dialog, CARERS, 2)
    type_into(qtbot, dialog.question_row(CARERS).comment, "No one asks how I am coping")
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = dialog.result_view
    assert saved.given_by == "Susan Thompson (daughter)"
    assert saved.details.relationship_id == people["Susan"].id
    assert saved.details.answers == (Answer(CARERS, 2, "No one asks how I am coping"),)

    other = open_dialog(qtbot, lambda: FeedbackDialog(ws, respondent=Respondent.KEY_PERSON))
    other.show()
    choose_resident(qtbot, other, "Flor")
    choose(other.person, "")
    assert other.respondent_name.isVisibleTo(other)
    type_into(qtbot, other.comments, "Lovely garden")
    other.save_button.click()
    assert other.errors.shown() == {"relationship_id": "Choose the key person, or write who they are."}
    type_into(qtbot, other.respondent_name, "Pat Green, neighbour")
    other.save_button.click()
    assert other.result() == other.DialogCode.Accepted
    assert other.result_view.given_by == "Pat Green, neighbour"
    assert other.result_view.details.relationship_id is None


def test_a_professional_needs_a_name_and_an_answer_and_nothing_typed_is_lost(
    qtbot, ctx, ws, florence
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, lambda: FeedbackDialog(ws, respondent=Respondent.PROFESSIONAL))
    dialog.show()
    assert dialog.resident_label.text().startswith("About a resident")
    dialog.given_on.clear()
    type_into(qtbot, dialog.given_on, "30/11/2026")
    dialog.save_button.click()
    assert dialog.errors.shown() == {
        "given_on": "The date given cannot be in the future.",
        "respondent_name": "Write the professional's name and role.",
        "answers": "Give at least one rating or comment.",
    }
    assert dialog.focusWidget() is dialog.given_on, "the cursor goes to the first problem"
    dialog.given_on.clear()
    type_into(qtbot, dialog.given_on, "21/11/2026")
    type_into(qtbot, dialog.respondent_name, "Dr Priya Shah, GP")
    click_rating(qtbot, dialog, INVOLVED, 3)
    click_rating(qtbot, dialog, INVOLVED, None)
    dialog.save_button.click()
    assert dialog.errors.shown() == {"answers": "Give at least one rating or comment."}, (
        "No answer is no answer"
    )
    click_rating(qtbot, dialog, INVOLVED, 3)
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = dialog.result_view.details
    assert (saved.given_on, saved.resident_id, saved.respondent_name) == (
        date(2026, 11, 21),
        None,
        "Dr Priya Shah, GP",
    )
    assert saved.answers == (Answer(INVOLVED, 3, ""),)


def test_the_rating_choices_are_labelled_and_reached_with_the_keyboard(qtbot, ctx, ws, florence) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, lambda: FeedbackDialog(ws))
    dialog.show()
    row = dialog.question_row(KEEPING)
    texts = [b.text() for b in row.rating.buttons.values()]
    assert texts == ["1  Very poor", "2  Poor", "3  All right", "4  Good", "5  Very good", "No answer"]
    assert row.rating.buttons[4].accessibleName() == "Good, 4 of 5"
    order = dialog.focus_widgets()
    first = order.index(row.rating.buttons[None])
    assert order[first + 1] is row.comment, "Tab goes from the ratings to the comment"
    assert order[first + 2] is dialog.question_row(WELCOME).rating.buttons[None]
    for widget in order:
        assert widget.accessibleName() or getattr(widget, "text", lambda: "")(), widget
    qtbot.keyClick(row.rating.buttons[None], Qt.Key.Key_3)
    assert row.rating.rating() == 3, "a number key chooses that rating"
    qtbot.keyClick(row.rating.buttons[3], Qt.Key.Key_Right)
    qtbot.keyClick(row.rating.buttons[4], Qt.Key.Key_Right)
    qtbot.keyClick(row.rating.buttons[5], Qt.Key.Key_Right)
    assert row.rating.rating() is None, "No answer is the last choice"
    qtbot.keyClick(row.rating.buttons[None], Qt.Key.Key_Right)
    assert row.rating.buttons[None].isChecked(), "the arrows stop at the ends"


# -- the manager's side ----------------------------------------------------------------------------


def test_the_analysis_shows_scores_per_quarter_responses_and_comments_by_theme(
    qtbot, ctx, ws, florence, people
) -> None:  # type: ignore[no-untyped-def]
    seed_feedback(ws, florence.id, people)
    page = show_page(qtbot, ctx)
    choose(page.period, "this_year")
    assert (page.start.text(), page.end.text()) == ("01/01/2026", "22/11/2026")
    assert page.model.rowCount() == 3
    assert [cells(page.model, r)[1] for r in range(3)] == [
        "Dr Priya Shah, GP",
        "Susan Thompson (daughter)",
        "Florence Thompson",
    ]
    themes = page.theme_scores
    assert [themes.headerData(c, Qt.Orientation.Horizontal) for c in range(themes.columnCount())] == [
        "Theme",
        "Q1 2026",
        "Q2 2026",
        "Q3 2026",
        "Q4 2026",
        "Whole period",
    ]
    by_theme = {cells(themes, r)[0]: cells(themes, r)[1:] for r in range(themes.rowCount())}
    assert by_theme["Keeping in touch"] == ["–", "–", "4.5 (2)", "4.0 (1)", "4.3 (3)"]
    assert by_theme["Feeling welcome"] == ["–", "–", "2.5 (2)", "–", "2.5 (2)"]
    assert by_theme["Support for carers"] == ["–", "–", "2.0 (1)", "–", "2.0 (1)"]
    row = themes.row_of(Theme.WELCOME.value)
    assert themes.data(themes.index(row, 3), Qt.ItemDataRole.AccessibleTextRole) == (
        "Q3 2026: average 2.5 from 2 answers"
    )
    questions = page.question_scores
    assert questions.rowCount() == 6 and cells(questions, questions.row_of(INVOLVED))[-1] == "3.0 (1)"
    assert page.summary.text().startswith(
        "3 responses: 1 from a resident, 1 from a key person, 1 from a professional. "
        "1 was given with the help of an advocate or interpreter."
    )
    comments = page.comments_model
    groups = {
        comments.data(comments.index(r, 0)): [
            comments.data(comments.index(c, 0, comments.index(r, 0)))
            for c in range(comments.rowCount(comments.index(r, 0)))
        ]
        for r in range(comments.rowCount())
    }
    assert groups == {
        "Feeling welcome (2)": ["Sometimes no one greets us", "My son says nobody answers the door"],
        "Support for carers (1)": ["No one asks how I am coping"],
        "Other (1)": ["Good liaison with the surgery"],
    }

    choose(page.respondent, Respondent.KEY_PERSON)
    assert page.model.rowCount() == 1
    assert page.summary.text().startswith("1 response: 0 from residents, 1 from a key person")


def test_an_action_from_a_finding_in_the_analysis_has_the_finding_as_its_reason(
    qtbot, ctx, ws, florence, people
) -> None:  # type: ignore[no-untyped-def]
    seed_feedback(ws, florence.id, people)
    page = show_page(qtbot, ctx)
    choose(page.period, "this_year")
    page.tabs.setCurrentIndex(1)
    assert not page.finding_button.isEnabled()
    themes = page.theme_scores
    page.themes_view.setFocus()
    page.themes_view.setCurrentIndex(themes.index(themes.row_of(Theme.WELCOME.value), 3))
    expected = "Feedback on 'Feeling welcome' averaged 2.5 from 2 answers, Q3 2026"
    assert page.finding.text() == f"To act on: {expected}"
    dialog = open_dialog(qtbot, page.action_from_finding)
    assert dialog.reason.toPlainText() == expected
    assert dialog.source.currentData() == ActionSource.FINDING.value
    type_into(qtbot, dialog.action, "Greet every visitor at the door; a bell at reception")
    type_into(qtbot, dialog.due_on, "31/12/2026")
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    [action] = improvement_actions(ws)
    assert (action.details.source, action.details.source_id, action.details.reason) == (
        ActionSource.FINDING,
        None,
        expected,
    )
    assert action.details.owner == "Amira Khan", "the manager agreeing it, unless changed"
    assert "Improvement action agreed" in page.analysis_info.text()

    page.questions_view.setCurrentIndex(page.question_scores.index(page.question_scores.row_of(KEEPING), 0))
    assert page.finding_reason() == (
        "Feedback on the question 'How well does the home help the resident keep in touch with the people "
        "who matter to them?' averaged 4.3 from 3 answers, 01/01/2026 to 22/11/2026"
    )
    comments = page.comments_model
    carers = comments.index(1, 0)
    page.comments_view.setCurrentIndex(comments.index(0, 0, carers))
    assert page.finding_reason() == (
        "A key person's comment on 'How well does the home support you in your own role as a carer?' "
        "(Support for carers, 20/08/2026, rated 2 Poor): “No one asks how I am coping”"
    )


def test_an_action_from_feedback_is_linked_to_it(qtbot, ctx, ws, florence, people) -> None:  # type: ignore[no-untyped-def]
    seed_feedback(ws, florence.id, people)
    page = show_page(qtbot, ctx)
    choose(page.period, "this_year")
    page.table.selectRow(1)
    chosen = page.selected()
    assert chosen is not None and chosen.given_by == "Susan Thompson (daughter)"
    dialog = open_dialog(qtbot, page.action_from_feedback)
    assert dialog.reason.toPlainText().splitlines() == [
        "Feedback from Susan Thompson (daughter) about Florence Thompson given on 20/08/2026: "
        "average rating 3.3 from 3 answers.",
        "How welcome do visitors feel when they come to the home? (3 All right): "
        "“Sometimes no one greets us”",
        "How well does the home support you in your own role as a carer? (2 Poor): “No one asks how I am "
        "coping”",
    ]
    assert not dialog.source.isVisibleTo(dialog), "the link is shown, not chosen"
    assert dialog.linked.text() == (
        "Feedback from Susan Thompson (daughter) given on 20/08/2026, about Florence Thompson"
    )
    type_into(qtbot, dialog.action, "Ask Susan to the carers' group")
    type_into(qtbot, dialog.due_on, "15/12/2026")
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    [action] = improvement_actions(ws)
    assert (action.details.source, action.details.source_id) == (ActionSource.FEEDBACK, chosen.id)


def test_the_manager_corrects_and_removes_feedback(qtbot, ctx, ws, florence, people) -> None:  # type: ignore[no-untyped-def]
    seed_feedback(ws, florence.id, people)
    page = show_page(qtbot, ctx)
    choose(page.period, "this_year")
    page.table.selectRow(2)
    dialog = open_dialog(qtbot, page.correct_selected)
    assert dialog.windowTitle() == "Correct feedback"
    assert dialog.chosen_resident() == florence.id
    assert dialog.helper_name.text() == "Sam Okoro" and dialog.easy_read.isChecked()
    assert dialog.question_row(WELCOME).rating.rating() == 2
    click_rating(qtbot, dialog, WELCOME, 3)
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert cells(page.model, 2)[5] == "3.5 from 2"

    page.confirm = lambda _text: False  # type: ignore[method-assign]
    assert not page.remove_selected() and page.model.rowCount() == 3
    page.confirm = lambda _text: True  # type: ignore[method-assign]
    assert page.remove_selected()
    assert page.model.rowCount() == 2


def test_the_manager_edits_the_question_set(qtbot, ctx, ws, florence) -> None:  # type: ignore[no-untyped-def]
    page = show_page(qtbot, ctx)
    questions = open_dialog(qtbot, page.edit_questions)
    assert isinstance(questions, QuestionsDialog)
    assert questions.model.rowCount() == 6
    assert not questions.up_button.isEnabled() and questions.down_button.isEnabled()

    form = open_dialog(qtbot, lambda: questions.edit(None))
    assert isinstance(form, QuestionDialog)
    form.save_button.click()
    assert form.errors.shown()["text"] == "The question is required."
    type_into(qtbot, form.text, "How easy is it to visit at a time that suits you?")
    type_into(qtbot, form.easy_read, "Can your visitors come when they want?")
    choose(form.theme, Theme.KEEPING_IN_TOUCH)
    form.asked_of.boxes[Respondent.PROFESSIONAL].click()
    form.save_button.click()
    assert form.result() == form.DialogCode.Accepted
    added = questions.selected()
    assert added is not None and added.details.asked_of == (Respondent.RESIDENT, Respondent.KEY_PERSON)
    assert cells(questions.model, 6)[3] == "Resident, Key person"

    questions.up_button.click()
    order = [q.details.text for q in feedback_questions(ws)]
    assert order[5] == "How easy is it to visit at a time that suits you?"
    assert order[6].startswith("How well does the home support you")
    assert questions.selected().id == added.id, "the moved question stays chosen"

    questions.table.selectRow(0)
    questions.retire_button.click()
    assert feedback_questions(ws)[0].details.text.startswith("How welcome")
    retired = questions.model.question_at(6)
    assert not retired.details.active and cells(questions.model, 6)[4] == "Retired"
    assert questions.retire_button.text() == "&Restore"

    dialog = open_dialog(qtbot, lambda: FeedbackDialog(ws))
    assert dialog.questions[0].view.id == WELCOME, "a retired question is not asked"
    assert dialog.question_row(added.id).label.text() == "5. Can your visitors come when they want?"

    questions.retire_button.click()
    assert questions.model.question_at(6).details.active
    assert [q.id for q in feedback_questions(ws)][-1] == KEEPING, "restored: asked last"


# -- a keyworker ------------------------------------------------------------------------------------


def test_a_keyworker_records_feedback_but_has_no_manager_buttons_or_analysis(
    qtbot, ws, staff_workspace, florence, people
) -> None:  # type: ignore[no-untyped-def]
    seed_feedback(ws, florence.id, people)
    kim = staff_workspace(Role.KEYWORKER, "kim", "Kim Lee")
    kim.set_today_for_tests(TODAY)
    kim_ctx = ShellContext(kim, ChangeSignals(kim.events), Navigator(), "Rosewood House")
    assert kim.may(FeedbackPage.permission)
    page = show_page(qtbot, kim_ctx)
    assert page.tabs is None
    assert page.questions_button is None and page.correct_button is None and page.remove_button is None
    assert page.action_button is None
    assert page.correct_selected() is None and not page.remove_selected()
    choose(page.period, "this_year")
    assert page.model.rowCount() == 3, "everyone sees the feedback given"
    dialog = open_dialog(qtbot, page.record)
    choose_resident(qtbot, dialog, "Flor")
    click_rating(qtbot, dialog, KEEPING, 5)
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.result_view.recorded_by == "Kim Lee"
    assert page.model.rowCount() == 4


# -- pieces ------------------------------------------------------------------------------------------


def test_the_period_choices(ws) -> None:  # type: ignore[no-untyped-def]
    today = date(2026, 11, 22)
    assert period_dates("last_12_months", today) == (date(2025, 12, 1), today)
    assert period_dates("this_quarter", today) == (date(2026, 10, 1), today)
    assert period_dates("last_quarter", today) == (date(2026, 7, 1), date(2026, 9, 30))
    assert period_dates("last_6_months", today) == (date(2026, 6, 1), today)
    assert period_dates("last_year", today) == (date(2025, 1, 1), date(2025, 12, 31))
    assert period_dates("custom", today) is None


def test_a_period_typed_wrongly_is_explained(qtbot, ctx, ws, florence, people) -> None:  # type: ignore[no-untyped-def]
    seed_feedback(ws, florence.id, people)
    page = show_page(qtbot, ctx)
    page.set_period(date(2026, 9, 1), date(2026, 8, 1))
    assert page.note.message() == "The period ends before it starts."
    assert page.model.rowCount() == 0
    page.set_period(date(2026, 8, 1), date(2026, 8, 31))
    assert page.period.currentData() == "custom"
    assert page.note.message() == "" and page.model.rowCount() == 2
    assert page.theme_scores.headerData(1, Qt.Orientation.Horizontal) == "Aug 2026", (
        "months for a short period"
    )


def test_models_pass_qt_model_checks(qtmodeltester, qtbot, ctx, ws, florence, people) -> None:  # type: ignore[no-untyped-def]
    seed_feedback(ws, florence.id, people)
    page = show_page(qtbot, ctx)
    choose(page.period, "this_year")
    for model in (page.model, page.question_scores, page.theme_scores, page.comments_model):
        qtmodeltester.check(model)
    questions = QuestionsModel()
    questions.set_rows(feedback_questions(ws, include_retired=True))
    qtmodeltester.check(questions)
    for empty in (FeedbackModel(), ScoresModel("Theme"), CommentsModel(), QuestionsModel()):
        qtmodeltester.check(empty)
