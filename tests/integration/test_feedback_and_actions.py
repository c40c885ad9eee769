"""Feedback (questions, recording, correcting, analysis by question and theme over time),
improvement actions and the governance narrative, through the services."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from carelink_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from carelink_desktop.domain.feedback import (
    DEFAULT_QUESTIONS,
    Answer,
    FeedbackDetails,
    Helper,
    QuestionDetails,
    Respondent,
    Theme,
)
from carelink_desktop.domain.governance import Narrative
from carelink_desktop.domain.improvement_actions import ActionSource, ActionStatus, ImprovementActionDetails
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.relationships import Category, RelationshipDetails
from carelink_desktop.domain.roles import Role
from carelink_desktop.services.feedback import (
    add_question,
    change_feedback,
    change_question,
    feedback,
    feedback_analysis,
    feedback_given,
    feedback_questions,
    periods_between,
    record_feedback,
    remove_feedback,
)
from carelink_desktop.services.governance import narrative, save_narrative
from carelink_desktop.services.improvement_actions import (
    ActionFilter,
    add_action,
    change_action,
    improvement_action,
    improvement_actions,
    remove_action,
)
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.services.relationships import relate
from carelink_desktop.services.residents import admit_resident
from tests.conftest import resident

TODAY = date(2026, 11, 22)
WELCOME = DEFAULT_QUESTIONS[1][0]
KEEP_IN_TOUCH = DEFAULT_QUESTIONS[0][0]
CARER = DEFAULT_QUESTIONS[5][0]


@pytest.fixture
def home(manager):  # type: ignore[no-untyped-def]
    manager.set_today_for_tests(TODAY)
    florence = admit_resident(manager, resident("Florence", "Thompson", admission_date=date(2025, 1, 6)))
    susan = add_key_person(manager, KeyPersonDetails("Susan", "Thompson"))
    daughter = relate(manager, florence.id, susan.id, RelationshipDetails("Daughter", Category.FAMILY))
    return manager, florence, daughter


def from_susan(florence, daughter, on: date, welcome: int | None, comment: str = "") -> FeedbackDetails:  # type: ignore[no-untyped-def]
    return FeedbackDetails(
        on,
        Respondent.KEY_PERSON,
        resident_id=florence.id,
        relationship_id=daughter.id,
        answers=(Answer(WELCOME, welcome, comment), Answer(KEEP_IN_TOUCH, None, "")),
    )


def test_every_home_starts_with_the_default_questions_and_the_manager_can_change_them(home) -> None:  # type: ignore[no-untyped-def]
    ws, _, _ = home
    questions = feedback_questions(ws)
    assert [q.id for q in questions] == [qid for qid, _ in DEFAULT_QUESTIONS]
    assert questions[0].details.easy_read.startswith("Do we help you")
    assert not questions[5].details.asks(Respondent.RESIDENT) and questions[5].details.asks(
        Respondent.KEY_PERSON
    )
    added = add_question(ws, QuestionDetails("How easy is it to book a visit?", "", Theme.WELCOME))
    assert added.details.position == 7
    retired = change_question(
        ws, added.id, QuestionDetails("How easy is it to book a visit?", "", Theme.WELCOME, active=False)
    )
    assert not retired.details.active
    assert added.id not in {q.id for q in feedback_questions(ws)}
    assert added.id in {q.id for q in feedback_questions(ws, include_retired=True)}
    with pytest.raises(ValidationError) as problem:
        add_question(ws, QuestionDetails("  ", "", Theme.OTHER))
    assert "text" in problem.value.errors


def test_feedback_is_recorded_with_its_answers_and_who_gave_it(home) -> None:  # type: ignore[no-untyped-def]
    ws, florence, daughter = home
    saved = record_feedback(ws, from_susan(florence, daughter, TODAY, 4, 'She said "lovely" 😀'))
    again = feedback(ws, saved.id)
    # the unanswered question is not kept
    assert again.details.answers == (Answer(WELCOME, 4, 'She said "lovely" 😀'),)
    assert again.given_by == "Susan Thompson (daughter)" and again.resident_name == "Florence Thompson"
    listed = feedback_given(ws, TODAY - timedelta(days=7), TODAY)
    assert [(f.given_by, f.average, f.ratings, f.comments) for f in listed] == [
        ("Susan Thompson (daughter)", 4.0, 1, 1)
    ]
    assert [e.action for e in audit_entries(ws) if e.action.startswith("feedback")] == ["feedback_recorded"]


def test_bad_feedback_is_refused_with_reasons(home) -> None:  # type: ignore[no-untyped-def]
    ws, florence, _ = home
    with pytest.raises(ValidationError) as problem:
        record_feedback(ws, FeedbackDetails(TODAY + timedelta(days=1), Respondent.RESIDENT))
    assert {"given_on", "resident_id", "answers"} <= set(problem.value.errors)
    with pytest.raises(ValidationError) as problem:
        record_feedback(
            ws,
            FeedbackDetails(
                TODAY,
                Respondent.RESIDENT,
                resident_id=florence.id,
                helped_by=Helper.INTERPRETER,
                answers=(Answer(WELCOME, 6),),
            ),
        )
    assert {"helper_name", "answers"} <= set(problem.value.errors)
    with pytest.raises(ValidationError) as problem:
        record_feedback(ws, FeedbackDetails(TODAY, Respondent.PROFESSIONAL, comments="Fine"))
    assert "respondent_name" in problem.value.errors
    with pytest.raises(ValidationError):
        record_feedback(
            ws,
            FeedbackDetails(
                TODAY, Respondent.PROFESSIONAL, respondent_name="Dr Shah", answers=(Answer("nope", 3),)
            ),
        )
    assert feedback_given(ws, TODAY - timedelta(days=30), TODAY) == []


def test_analysis_scores_by_question_and_theme_per_quarter_and_groups_comments(home) -> None:  # type: ignore[no-untyped-def]
    ws, florence, daughter = home
    # hand count, year 01/12/2025 – 22/11/2026 (quarters Q4 2025 … Q4 2026):
    #   welcome: 2 in Q1 (5, 3), 1 in Q3 (2), one unanswered in Q3 -> Q1 avg 4.0 (2), Q3 2.0 (1), all 3.33 (3)
    #   carer support (key people only): 4 in Q3 -> theme support_for_carers 4.0 (1)
    for day, rating, comment in (
        (date(2026, 1, 10), 5, "Always made welcome"),
        (date(2026, 2, 3), 3, ""),
        (date(2026, 8, 1), 2, "Nobody at the door"),
        (date(2026, 8, 2), None, "No view"),
    ):
        record_feedback(ws, from_susan(florence, daughter, day, rating, comment))
    record_feedback(
        ws,
        FeedbackDetails(
            date(2026, 8, 20),
            Respondent.RESIDENT,
            resident_id=florence.id,
            helped_by=Helper.ADVOCATE,
            helper_name="Pat Advocate",
            easy_read=True,
            answers=(Answer(CARER, 4),),
            comments="I like it here",
        ),
    )
    old = record_feedback(ws, from_susan(florence, daughter, date(2025, 6, 1), 1, "Outside the period"))
    analysis = feedback_analysis(ws, date(2025, 12, 1), TODAY)
    assert [p.label for p in analysis.periods] == ["Q4 2025", "Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026"]
    assert analysis.periods[0].start == date(2025, 12, 1) and analysis.periods[-1].end == TODAY
    welcome = next(q for q in analysis.questions if q.key == WELCOME)
    assert [(s.count, s.average) for s in welcome.by_period] == [
        (0, None),
        (2, 4.0),
        (0, None),
        (1, 2.0),
        (0, None),
    ]
    assert welcome.overall.count == 3 and welcome.overall.average == pytest.approx(10 / 3)
    themes = {t.theme: t.overall for t in analysis.themes}
    assert themes[Theme.WELCOME].count == 3 and themes[Theme.SUPPORT_FOR_CARERS].average == 4.0
    assert analysis.responses == {Respondent.KEY_PERSON: 4, Respondent.RESIDENT: 1}
    assert analysis.helped == 1
    comments = dict(analysis.comments)
    assert [c.comment for c in comments[Theme.WELCOME]] == [
        "No view",
        "Nobody at the door",
        "Always made welcome",
    ]
    assert [c.comment for c in comments[Theme.OTHER]] == ["I like it here"]
    # a question re-themed later keeps its old answers under the theme they were given under
    change_question(ws, WELCOME, QuestionDetails("How welcome do visitors feel?", "", Theme.LISTENING))
    again = feedback_analysis(ws, date(2025, 12, 1), TODAY)
    assert {t.theme for t in again.themes} == {Theme.WELCOME, Theme.SUPPORT_FOR_CARERS}
    # monthly for six months or fewer
    assert [p.label for p in periods_between(date(2026, 6, 15), date(2026, 8, 31))] == [
        "Jun 2026",
        "Jul 2026",
        "Aug 2026",
    ]
    # corrected and removed feedback leaves the analysis
    change_feedback(ws, old.id, from_susan(florence, daughter, date(2026, 1, 20), 1, ""))
    assert (
        next(
            q for q in feedback_analysis(ws, date(2025, 12, 1), TODAY).questions if q.key == WELCOME
        ).overall.count
        == 4
    )
    remove_feedback(ws, old.id)
    assert (
        next(
            q for q in feedback_analysis(ws, date(2025, 12, 1), TODAY).questions if q.key == WELCOME
        ).overall.count
        == 3
    )
    with pytest.raises(NotFound):
        feedback(ws, old.id)


def test_improvement_actions_close_the_loop(home) -> None:  # type: ignore[no-untyped-def]
    ws, florence, daughter = home
    given = record_feedback(ws, from_susan(florence, daughter, TODAY, 2, "Nobody at the door"))
    details = ImprovementActionDetails(
        "Staff the front door at visiting times",
        "Visitors waited at the door",
        ActionSource.FEEDBACK,
        "Deputy manager",
        TODAY,
        TODAY + timedelta(days=30),
        source_id=given.id,
    )
    action = add_action(ws, details)
    assert [a.id for a in improvement_actions(ws, ActionFilter(source_id=given.id))] == [action.id]
    with pytest.raises(ValidationError) as problem:
        change_action(
            ws, action.id, ImprovementActionDetails(**{**details.__dict__, "status": ActionStatus.DONE})
        )
    assert {"result", "completed_on"} <= set(problem.value.errors)
    done = change_action(
        ws,
        action.id,
        ImprovementActionDetails(
            **{
                **details.__dict__,
                "status": ActionStatus.DONE,
                "result": "Rota changed",
                "completed_on": TODAY,
            }
        ),
        expected_version=action.version,
    )
    assert done.details.status is ActionStatus.DONE and not done.overdue(TODAY + timedelta(days=60))
    with pytest.raises(ValidationError):  # someone saved in between
        change_action(ws, action.id, details, expected_version=action.version)
    assert improvement_actions(ws, ActionFilter(statuses=frozenset({ActionStatus.PLANNED}))) == []
    with pytest.raises(ValidationError):
        add_action(ws, ImprovementActionDetails(**{**details.__dict__, "source_id": "no-such-feedback"}))
    remove_action(ws, action.id)
    with pytest.raises(NotFound):
        improvement_action(ws, action.id)
    actions = [e.action for e in audit_entries(ws) if e.action.startswith("improvement")]
    # newest first
    assert actions == ["improvement_action_removed", "improvement_action_changed", "improvement_action_added"]


def test_the_narrative_is_kept_per_period(home) -> None:  # type: ignore[no-untyped-def]
    ws, _, _ = home
    year = (date(2025, 11, 23), TODAY)
    assert narrative(ws, *year) == Narrative(*year)
    save_narrative(ws, Narrative(*year, "Visitors feel welcome", "Carers' own needs"))
    save_narrative(ws, Narrative(*year, "Visitors feel welcome", "Carers' own needs, reviewed late"))
    assert narrative(ws, *year).to_improve == "Carers' own needs, reviewed late"
    assert narrative(ws, date(2026, 1, 1), TODAY).good_practice == ""
    with pytest.raises(ValidationError):
        save_narrative(ws, Narrative(TODAY, date(2026, 1, 1)))


def test_keyworkers_record_feedback_but_only_managers_lead_practice(home, staff_workspace) -> None:  # type: ignore[no-untyped-def]
    _, florence, daughter = home
    bea = staff_workspace(Role.KEYWORKER, "bea")
    bea.set_today_for_tests(TODAY)
    saved = record_feedback(bea, from_susan(florence, daughter, TODAY, 5))
    for attempt in (
        lambda: feedback_analysis(bea, TODAY, TODAY),
        lambda: remove_feedback(bea, saved.id),
        lambda: add_question(bea, QuestionDetails("Q?", "", Theme.OTHER)),
        lambda: improvement_actions(bea),
        lambda: narrative(bea, TODAY, TODAY),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
