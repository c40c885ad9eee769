"""Feedback from residents, key people and professionals, the home's questions, and the analysis
of scores by question and theme over time (lead-practice P4, P5, P7).

Everyone may record feedback (staff often help a resident give theirs); changing the questions,
correcting or removing feedback and the analysis are the manager's (``LEAD_PRACTICE``). Each
answer is stored as a row with the day, respondent kind and theme as given, so the analysis is a
few aggregate queries however much feedback the home holds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from carelink_desktop.domain.errors import NotFound, ValidationError
from carelink_desktop.domain.feedback import (
    Answer,
    FeedbackDetails,
    Helper,
    QuestionDetails,
    Respondent,
    Theme,
)
from carelink_desktop.domain.residents import resident_name
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.records import apply_details, enum_tuple, read_details
from carelink_desktop.services.resident_records import check_relationships
from carelink_desktop.services.visit_history import people_names
from carelink_desktop.services.workspace import Work, Workspace
from carelink_desktop.storage.oversight_tables import FeedbackAnswerRow, FeedbackQuestionRow, FeedbackRow
from carelink_desktop.storage.tables import ResidentRow, StaffAccountRow

QUESTION = "feedback_question"
FEEDBACK = "feedback"
_QUESTION_CONVERTERS = {"theme": Theme, "asked_of": enum_tuple(Respondent)}


# -- questions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionView:
    id: str
    details: QuestionDetails


def feedback_questions(ws: Workspace, *, include_retired: bool = False) -> list[QuestionView]:
    """The home's questions in the order they are asked; retired ones only when asked for."""
    with ws.read() as session:
        query = select(FeedbackQuestionRow).where(FeedbackQuestionRow.deleted.is_(False))
        if not include_retired:
            query = query.where(FeedbackQuestionRow.active.is_(True))
        rows = session.scalars(query.order_by(FeedbackQuestionRow.position, FeedbackQuestionRow.id)).all()
        return [_question(r) for r in rows]


def add_question(ws: Workspace, details: QuestionDetails) -> QuestionView:
    """Add a question to the home's set (asked from now on)."""
    ws.require(Permission.LEAD_PRACTICE, "change the feedback questions")
    clean = details.cleaned()
    clean.validate()
    with ws.work() as w:
        if not clean.position:
            last = w.session.scalar(select(func.max(FeedbackQuestionRow.position))) or 0
            clean = replace(clean, position=last + 1)
        row = FeedbackQuestionRow()
        apply_details(row, clean)
        w.created(row, "feedback_question_added", kind=QUESTION, details={"theme": clean.theme.value})
        return _question(row)


def change_question(ws: Workspace, question_id: str, details: QuestionDetails) -> QuestionView:
    """Reword, re-theme, reorder or retire a question. Answers already given keep the theme they
    were given under."""
    ws.require(Permission.LEAD_PRACTICE, "change the feedback questions")
    clean = details.cleaned()
    clean.validate()
    with ws.work() as w:
        row = w.get(FeedbackQuestionRow, question_id, "question")
        changed = apply_details(row, clean)
        if changed:
            w.touched(row, "feedback_question_changed", kind=QUESTION, details={"fields": changed})
        return _question(row)


def _question(row: FeedbackQuestionRow) -> QuestionView:
    return QuestionView(row.id, read_details(QuestionDetails, row, _QUESTION_CONVERTERS))


# -- feedback ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackView:
    id: str
    details: FeedbackDetails
    resident_name: str
    #: Who gave it, in words: the key person's name, the professional, or the resident.
    given_by: str
    recorded_by: str
    created_at: datetime
    version: str


@dataclass(frozen=True)
class FeedbackSummary:
    """A line of the feedback list."""

    id: str
    given_on: date
    respondent: Respondent
    given_by: str
    resident_name: str
    helped_by: Helper
    #: Mean of the ratings given (None: comments only).
    average: float | None
    ratings: int
    comments: int


def record_feedback(ws: Workspace, details: FeedbackDetails) -> FeedbackView:
    """Store one person's feedback with its answers."""
    ws.require(Permission.RECORD_FEEDBACK, "record feedback")
    clean = _prepare(ws, details)
    with ws.work() as w:
        _check(w, clean)
        row = FeedbackRow()
        _apply(row, clean)
        w.created(
            row, "feedback_recorded", kind=FEEDBACK, resident_id=clean.resident_id, details=_summary(clean)
        )
        _write_answers(w, row, clean)
        return _view(w.session, row)


def change_feedback(ws: Workspace, feedback_id: str, details: FeedbackDetails) -> FeedbackView:
    """Correct feedback recorded wrongly (the manager's)."""
    ws.require(Permission.LEAD_PRACTICE, "correct feedback")
    clean = _prepare(ws, details)
    with ws.work() as w:
        row = w.get(FeedbackRow, feedback_id, "feedback")
        _check(w, clean)
        changed = _apply(row, clean)
        _forget_answers(w, row.id)
        _write_answers(w, row, clean)
        w.touched(
            row, "feedback_changed", kind=FEEDBACK, resident_id=clean.resident_id, details={"fields": changed}
        )
        return _view(w.session, row)


def remove_feedback(ws: Workspace, feedback_id: str) -> None:
    """Remove feedback recorded in error (kept as a tombstone so the removal syncs)."""
    ws.require(Permission.LEAD_PRACTICE, "remove feedback")
    with ws.work() as w:
        row = w.get(FeedbackRow, feedback_id, "feedback")
        row.deleted = True
        _forget_answers(w, row.id)
        w.touched(row, "feedback_removed", kind=FEEDBACK, resident_id=row.resident_id, event="removed")


def feedback(ws: Workspace, feedback_id: str) -> FeedbackView:
    with ws.read() as session:
        row = session.get(FeedbackRow, feedback_id)
        if row is None or row.deleted:
            raise NotFound("That feedback no longer exists (it may have been removed).")
        return _view(session, row)


def feedback_given(
    ws: Workspace, start: date, end: date, *, respondent: Respondent | None = None
) -> list[FeedbackSummary]:
    """Feedback given from ``start`` to ``end`` (inclusive), newest first."""
    with ws.read() as session:
        query = select(FeedbackRow).where(
            FeedbackRow.deleted.is_(False), FeedbackRow.given_on >= start, FeedbackRow.given_on <= end
        )
        if respondent is not None:
            query = query.where(FeedbackRow.respondent == respondent.value)
        rows = session.scalars(query.order_by(FeedbackRow.given_on.desc(), FeedbackRow.id)).all()
        stats = {
            r.feedback_id: r
            for r in session.execute(
                select(
                    FeedbackAnswerRow.feedback_id,
                    func.avg(FeedbackAnswerRow.rating).label("average"),
                    func.count(FeedbackAnswerRow.rating).label("ratings"),
                    func.sum(func.length(FeedbackAnswerRow.comment) > 0).label("comments"),
                )
                .where(
                    FeedbackAnswerRow.feedback_id.in_([r.id for r in rows]),
                    FeedbackAnswerRow.deleted.is_(False),
                )
                .group_by(FeedbackAnswerRow.feedback_id)
            )
        }
        names = _names(session, rows)
        result = []
        for r in rows:
            s = stats.get(r.id)
            result.append(
                FeedbackSummary(
                    id=r.id,
                    given_on=r.given_on,
                    respondent=Respondent(r.respondent),
                    given_by=names[r.id][1],
                    resident_name=names[r.id][0],
                    helped_by=Helper(r.helped_by),
                    average=float(s.average) if s is not None and s.average is not None else None,
                    ratings=int(s.ratings) if s is not None else 0,
                    # comments on answers, and the general comment
                    comments=(int(s.comments or 0) if s is not None else 0) + int(bool(r.comments)),
                )
            )
        return result


def _prepare(ws: Workspace, details: FeedbackDetails) -> FeedbackDetails:
    clean = details.cleaned()
    answers = tuple(
        Answer(a.question_id, a.rating, a.comment.strip())
        for a in clean.answers
        if a.rating is not None or a.comment.strip()
    )
    clean = replace(clean, answers=answers)
    if clean.respondent is Respondent.PROFESSIONAL:
        clean = replace(clean, relationship_id=None)
    clean.validate(ws.today())
    return clean


def _check(w: Work, d: FeedbackDetails) -> None:
    if d.resident_id is not None:
        resident = w.session.get(ResidentRow, d.resident_id)
        if resident is None or resident.deleted:
            raise ValidationError({"resident_id": "That resident is no longer on the records."})
        check_relationships(w, d.resident_id, [d.relationship_id], "relationship_id")
    elif d.relationship_id is not None:
        raise ValidationError({"resident_id": "Choose the resident whose key person gave the feedback."})
    ids = [a.question_id for a in d.answers]
    if len(set(ids)) != len(ids):
        raise ValidationError({"answers": "Each question is answered once."})
    known = set(w.session.scalars(select(FeedbackQuestionRow.id).where(FeedbackQuestionRow.id.in_(ids))))
    if known != set(ids):
        raise ValidationError({"answers": "A question answered is no longer in the home's set."})


def _apply(row: FeedbackRow, d: FeedbackDetails) -> list[str]:
    changed = []
    for name in (
        "given_on",
        "resident_id",
        "relationship_id",
        "respondent_name",
        "helper_name",
        "easy_read",
        "comments",
    ):
        if getattr(row, name, None) != getattr(d, name):
            setattr(row, name, getattr(d, name))
            changed.append(name)
    for name in ("respondent", "helped_by"):
        if getattr(row, name, None) != getattr(d, name).value:
            setattr(row, name, getattr(d, name).value)
            changed.append(name)
    return changed


def _write_answers(w: Work, row: FeedbackRow, d: FeedbackDetails) -> None:
    themes = dict(
        w.session.execute(
            select(FeedbackQuestionRow.id, FeedbackQuestionRow.theme).where(
                FeedbackQuestionRow.id.in_([a.question_id for a in d.answers])
            )
        ).all()
    )
    for a in d.answers:
        w.add(
            FeedbackAnswerRow(
                feedback_id=row.id,
                question_id=a.question_id,
                given_on=row.given_on,
                respondent=row.respondent,
                theme=themes[a.question_id],
                rating=a.rating,
                comment=a.comment,
            ),
            flush=False,
        )


def _forget_answers(w: Work, feedback_id: str) -> None:
    for answer in w.session.scalars(
        select(FeedbackAnswerRow).where(
            FeedbackAnswerRow.feedback_id == feedback_id, FeedbackAnswerRow.deleted.is_(False)
        )
    ):
        answer.deleted = True
        w.stamp(answer, new=False)


def _summary(d: FeedbackDetails) -> dict[str, object]:
    return {"respondent": d.respondent.value, "answers": len(d.answers), "helped_by": d.helped_by.value}


def _view(session: Session, row: FeedbackRow) -> FeedbackView:
    answers = session.scalars(
        select(FeedbackAnswerRow)
        .join(FeedbackQuestionRow, FeedbackQuestionRow.id == FeedbackAnswerRow.question_id)
        .where(FeedbackAnswerRow.feedback_id == row.id, FeedbackAnswerRow.deleted.is_(False))
        .order_by(FeedbackQuestionRow.position)
    ).all()
    details = FeedbackDetails(
        given_on=row.given_on,
        respondent=Respondent(row.respondent),
        resident_id=row.resident_id,
        relationship_id=row.relationship_id,
        respondent_name=row.respondent_name,
        helped_by=Helper(row.helped_by),
        helper_name=row.helper_name,
        easy_read=row.easy_read,
        answers=tuple(Answer(a.question_id, a.rating, a.comment) for a in answers),
        comments=row.comments,
    )
    resident, given_by = _names(session, [row])[row.id]
    staff = session.get(StaffAccountRow, row.created_by) if row.created_by else None
    return FeedbackView(
        row.id, details, resident, given_by, staff.full_name if staff else "", row.created_at, row.hlc
    )


def _names(session: Session, rows: Sequence[FeedbackRow]) -> dict[str, tuple[str, str]]:
    """Feedback id -> (resident's name, who gave it in words)."""
    residents = {
        r.id: resident_name(r)
        for r in session.scalars(
            select(ResidentRow).where(ResidentRow.id.in_({f.resident_id for f in rows if f.resident_id}))
        )
    }
    people = people_names(session, {f.relationship_id for f in rows if f.relationship_id})
    result = {}
    for f in rows:
        resident = residents.get(f.resident_id or "", "")
        if f.relationship_id in people:
            who = people[f.relationship_id]
        elif f.respondent_name:
            who = f.respondent_name
        elif f.respondent == Respondent.RESIDENT.value:
            who = resident
        else:
            who = Respondent(f.respondent).label
        result[f.id] = (resident, who)
    return result


# -- analysis ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    """Ratings given: how many and their mean (None when none)."""

    count: int
    total: int

    @property
    def average(self) -> float | None:
        return self.total / self.count if self.count else None

    def __add__(self, other: Score) -> Score:
        return Score(self.count + other.count, self.total + other.total)


NO_SCORE = Score(0, 0)


@dataclass(frozen=True)
class Period:
    """A month or a quarter of the analysis."""

    label: str
    start: date
    end: date


@dataclass(frozen=True)
class ScoreLine:
    """Scores of one question or theme: per period, and over the whole analysis."""

    key: str
    label: str
    theme: Theme
    by_period: tuple[Score, ...]
    overall: Score


@dataclass(frozen=True)
class ThemeComment:
    given_on: date
    respondent: Respondent
    #: The question it answered ("" for general comments).
    question: str
    rating: int | None
    comment: str


@dataclass(frozen=True)
class FeedbackAnalysis:
    start: date
    end: date
    periods: tuple[Period, ...]
    #: How many people gave feedback, by kind of respondent.
    responses: dict[Respondent, int]
    #: Residents who gave feedback with the help of an advocate or interpreter.
    helped: int
    questions: tuple[ScoreLine, ...]
    themes: tuple[ScoreLine, ...]
    #: Comments grouped by theme (general comments under "Other"), newest first.
    comments: tuple[tuple[Theme, tuple[ThemeComment, ...]], ...]

    @property
    def total_responses(self) -> int:
        return sum(self.responses.values())


def feedback_analysis(
    ws: Workspace, start: date, end: date, *, respondent: Respondent | None = None
) -> FeedbackAnalysis:
    """Scores by question and by theme, per month (a period up to six months) or per quarter,
    and comments by theme, for feedback given from ``start`` to ``end`` (inclusive)."""
    ws.require(Permission.LEAD_PRACTICE, "analyse feedback")
    with ws.read() as session:
        return analyse(session, start, end, respondent=respondent)


def analyse(
    session: Session, start: date, end: date, *, respondent: Respondent | None = None
) -> FeedbackAnalysis:
    """``feedback_analysis`` inside an open session (the governance report uses it)."""
    periods = periods_between(start, end)
    answer_filter = [
        FeedbackAnswerRow.deleted.is_(False),
        FeedbackAnswerRow.given_on >= start,
        FeedbackAnswerRow.given_on <= end,
    ]
    feedback_filter = [
        FeedbackRow.deleted.is_(False),
        FeedbackRow.given_on >= start,
        FeedbackRow.given_on <= end,
    ]
    if respondent is not None:
        answer_filter.append(FeedbackAnswerRow.respondent == respondent.value)
        feedback_filter.append(FeedbackRow.respondent == respondent.value)
    month = func.substr(FeedbackAnswerRow.given_on, 1, 7)
    sums = session.execute(
        select(
            FeedbackAnswerRow.question_id,
            FeedbackAnswerRow.theme,
            month.label("month"),
            func.count(FeedbackAnswerRow.rating).label("n"),
            func.coalesce(func.sum(FeedbackAnswerRow.rating), 0).label("total"),
        )
        .where(*answer_filter)
        .group_by(FeedbackAnswerRow.question_id, FeedbackAnswerRow.theme, month)
    ).all()
    index = {_month_key(p.start): i for i, p in enumerate(periods)}
    for i, p in enumerate(periods):  # every month of a quarter points at it
        day = p.start
        while day <= p.end:
            index[_month_key(day)] = i
            day = _next_month(day)
    by_question: dict[str, list[Score]] = defaultdict(lambda: [NO_SCORE] * len(periods))
    by_theme: dict[str, list[Score]] = defaultdict(lambda: [NO_SCORE] * len(periods))
    for r in sums:
        i = index[r.month]
        score = Score(int(r.n), int(r.total))
        by_question[r.question_id][i] += score
        by_theme[r.theme][i] += score
    questions = {
        q.id: q for q in session.scalars(select(FeedbackQuestionRow).order_by(FeedbackQuestionRow.position))
    }
    question_lines = tuple(
        ScoreLine(q.id, q.text, Theme(q.theme), tuple(by_question[q.id]), sum(by_question[q.id], NO_SCORE))
        for q in questions.values()
        if q.id in by_question or (q.active and not q.deleted)
    )
    theme_lines = tuple(
        ScoreLine(t.value, t.label, t, tuple(by_theme[t.value]), sum(by_theme[t.value], NO_SCORE))
        for t in Theme
        if t.value in by_theme
    )
    responses = {
        Respondent(kind): int(n)
        for kind, n in session.execute(
            select(FeedbackRow.respondent, func.count())
            .where(*feedback_filter)
            .group_by(FeedbackRow.respondent)
        )
    }
    helped = (
        session.scalar(
            select(func.count()).where(
                *feedback_filter, FeedbackRow.helped_by.in_([Helper.ADVOCATE.value, Helper.INTERPRETER.value])
            )
        )
        or 0
    )
    comments: dict[Theme, list[ThemeComment]] = defaultdict(list)
    for a in session.execute(
        select(
            FeedbackAnswerRow.theme,
            FeedbackAnswerRow.given_on,
            FeedbackAnswerRow.respondent,
            FeedbackAnswerRow.question_id,
            FeedbackAnswerRow.rating,
            FeedbackAnswerRow.comment,
        ).where(*answer_filter, FeedbackAnswerRow.comment != "")
    ):
        q = questions.get(a.question_id)
        comments[Theme(a.theme)].append(
            ThemeComment(a.given_on, Respondent(a.respondent), q.text if q else "", a.rating, a.comment)
        )
    for f in session.execute(
        select(FeedbackRow.given_on, FeedbackRow.respondent, FeedbackRow.comments).where(
            *feedback_filter, FeedbackRow.comments != ""
        )
    ):
        comments[Theme.OTHER].append(ThemeComment(f.given_on, Respondent(f.respondent), "", None, f.comments))
    grouped = tuple(
        (t, tuple(sorted(comments[t], key=lambda c: (c.given_on, c.comment), reverse=True)))
        for t in Theme
        if comments.get(t)
    )
    return FeedbackAnalysis(start, end, periods, responses, int(helped), question_lines, theme_lines, grouped)


def periods_between(start: date, end: date) -> tuple[Period, ...]:
    """Calendar months from ``start`` to ``end`` when they span six months or fewer, otherwise
    calendar quarters; the first and last are cut to the range."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    quarterly = months > 6
    result = []
    day = date(start.year, start.month, 1)
    if quarterly:
        day = date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
    while day <= end:
        following = _next_month(day)
        if quarterly:
            following = _next_month(_next_month(following))
        last = min(end, date.fromordinal(following.toordinal() - 1))
        first = max(start, day)
        label = f"Q{(day.month - 1) // 3 + 1} {day.year}" if quarterly else day.strftime("%b %Y")
        result.append(Period(label, first, last))
        day = following
    return tuple(result)


def _month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)
