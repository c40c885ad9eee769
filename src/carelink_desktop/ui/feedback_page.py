"""The Feedback area: feedback from residents, key people and professionals on how well the home
supports relationships (lead-practice P4, P5, P7).

Everyone sees the feedback given in a chosen period and can record more ("Record feedback…").
The manager also has "Questions…" (the home's question set), "Correct…" and "Remove" for
feedback recorded wrongly, and the Analysis tab: scores by question and by theme per month or
quarter ("4.2 (12)": a mean of 4.2 from 12 answers), who responded, how many residents were
helped by an advocate or interpreter, and comments by theme. From a feedback entry, or from a
line of the analysis, "Create improvement action…" opens the action form with the reason filled in.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.errors import CareLinkError
from carelink_desktop.domain.feedback import RATINGS, Respondent
from carelink_desktop.domain.improvement_actions import ActionSource, ImprovementActionDetails
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.feedback import (
    FEEDBACK,
    QUESTION,
    FeedbackAnalysis,
    FeedbackSummary,
    Score,
    ScoreLine,
    ThemeComment,
    feedback,
    feedback_analysis,
    feedback_given,
    feedback_questions,
    remove_feedback,
)
from carelink_desktop.ui.action_dialog import ActionDialog, prefilled
from carelink_desktop.ui.confirm import ask_yes
from carelink_desktop.ui.feedback_dialog import FeedbackDialog
from carelink_desktop.ui.feedback_models import (
    CommentsModel,
    FeedbackModel,
    ScoresModel,
    average_text,
    respondent_text,
)
from carelink_desktop.ui.key_person_form import heading_label
from carelink_desktop.ui.pages import Page, ShellContext, open_record_form
from carelink_desktop.ui.question_dialog import QuestionsDialog
from carelink_desktop.ui.relationship_form import hint_label
from carelink_desktop.ui.widgets import DateField, FieldMessage, record_table

#: The period choices: key -> words (the dates come from ``period_dates``).
PERIODS = (
    ("last_12_months", "Last 12 months"),
    ("this_quarter", "This quarter"),
    ("last_quarter", "Last quarter"),
    ("last_6_months", "Last 6 months"),
    ("this_year", "This year"),
    ("last_year", "Last year"),
    ("custom", "Dates of your choice"),
)


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _months_back(day: date, months: int) -> date:
    """The first of the month ``months`` before ``day``'s month."""
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def period_dates(key: str, today: date) -> tuple[date, date] | None:
    """The first and last day of a period choice (None for "custom")."""
    if key == "last_12_months":
        return _months_back(today, 11), today
    if key == "this_quarter":
        return _quarter_start(today), today
    if key == "last_quarter":
        end = _quarter_start(today) - timedelta(days=1)
        return _quarter_start(end), end
    if key == "last_6_months":
        return _months_back(today, 5), today
    if key == "this_year":
        return date(today.year, 1, 1), today
    if key == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    return None


def quoted(text: str, limit: int = 90) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def score_finding(line: ScoreLine, is_question: bool, score: Score, when: str) -> str:
    """Why an action is needed, from a score: "Feedback on 'Feeling welcome' averaged 2.4 from 5
    answers, Q3 2026"."""
    what = f"the question '{quoted(line.label)}'" if is_question else f"'{line.label}'"
    if score.average is None:
        return f"No answers on {what}, {when}"
    answers = "1 answer" if score.count == 1 else f"{score.count} answers"
    return f"Feedback on {what} averaged {average_text(score.average)} from {answers}, {when}"


def comment_finding(theme_label: str, comment: ThemeComment) -> str:
    """Why an action is needed, from a comment: who, when, rating and their words."""
    rated = f", rated {comment.rating} {RATINGS[comment.rating]}" if comment.rating is not None else ""
    about = f"'{quoted(comment.question, 70)}'" if comment.question else "general comments"
    return (
        f"A {comment.respondent.label.lower()}'s comment on {about} ({theme_label}, "
        f"{format_uk_date(comment.given_on)}{rated}): “{' '.join(comment.comment.split())}”"
    )


class FeedbackPage(Page):
    """The feedback given in a period, Record feedback…; for the manager also Questions…,
    Correct…, Remove, Create improvement action… and the Analysis tab."""

    area = "feedback"
    permission = Permission.RECORD_FEEDBACK
    watches = (FEEDBACK, QUESTION, "resident", "relationship", "key_person")

    def __init__(self, ctx: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dialog: QDialog | None = None
        self.lead = ctx.ws.may(Permission.LEAD_PRACTICE)
        self.analysis: FeedbackAnalysis | None = None
        intro = hint_label(
            self.tr(
                "Feedback from residents, their key people and professionals on how well the home "
                "supports relationships. Anyone can record it; the manager analyses it and agrees "
                "improvement actions."
            )
        )

        # -- the period and who ---------------------------------------------------------------
        self.period = QComboBox()
        for key, text in PERIODS:
            self.period.addItem(self.tr(text), key)
        self.period.setAccessibleName(self.tr("Period"))
        period_label = QLabel(self.tr("&Period:"))
        period_label.setBuddy(self.period)
        self.start = DateField()
        self.start.setAccessibleName(self.tr("From"))
        start_label = QLabel(self.tr("Fro&m:"))
        start_label.setBuddy(self.start)
        self.end = DateField()
        self.end.setAccessibleName(self.tr("To"))
        end_label = QLabel(self.tr("&to:"))
        end_label.setBuddy(self.end)
        self.respondent = QComboBox()
        self.respondent.addItem(self.tr("Everyone"), None)
        for r in Respondent:
            self.respondent.addItem(respondent_text(r), r.value)
        self.respondent.setAccessibleName(self.tr("Feedback from"))
        respondent_label = QLabel(self.tr("F&eedback from:"))
        respondent_label.setBuddy(self.respondent)
        for combo in (self.period, self.respondent):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        top = QHBoxLayout()
        top.addWidget(period_label)
        top.addWidget(self.period)
        top.addWidget(start_label)
        top.addWidget(self.start)
        top.addWidget(end_label)
        top.addWidget(self.end)
        top.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        top.addWidget(respondent_label)
        top.addWidget(self.respondent)
        top.addStretch(1)

        # -- the feedback given ---------------------------------------------------------------
        self.model = FeedbackModel(self)
        self.table = record_table(self.model, self.tr("Feedback given"), stretch=(1, 3))
        self.empty = hint_label()
        self.count_label = QLabel()
        self.note = FieldMessage()
        self.note.setAccessibleName(self.tr("Message"))
        self.info = hint_label()
        self.info.setAccessibleName(self.tr("Done"))
        self.info.setVisible(False)
        self.record_button = QPushButton(self.tr("&Record feedback…"))
        self.record_button.setToolTip(
            self.tr("Record feedback from a resident, a key person or a professional")
        )
        self.questions_button: QPushButton | None = None
        self.correct_button: QPushButton | None = None
        self.remove_button: QPushButton | None = None
        self.action_button: QPushButton | None = None
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        order: list[QWidget] = [
            self.period,
            self.start,
            self.end,
            self.respondent,
            self.table,
            self.record_button,
        ]
        if self.lead:
            self.correct_button = QPushButton(self.tr("&Correct…"))
            self.correct_button.setToolTip(self.tr("Correct the chosen feedback (or press Enter on it)"))
            self.remove_button = QPushButton(self.tr("Remo&ve"))
            self.remove_button.setToolTip(self.tr("Remove the chosen feedback, recorded in error"))
            self.action_button = QPushButton(self.tr("Create improvement &action…"))
            self.action_button.setToolTip(
                self.tr("Agree an improvement action because of the chosen feedback")
            )
            self.questions_button = QPushButton(self.tr("&Questions…"))
            self.questions_button.setToolTip(self.tr("Change the questions the home asks"))
            for button in (self.correct_button, self.remove_button, self.action_button):
                buttons.addWidget(button)
            order += [self.correct_button, self.remove_button, self.action_button]
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.info, 1)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        given = QWidget()
        given_layout = QVBoxLayout(given)
        given_layout.addWidget(self.empty)
        given_layout.addWidget(self.table, 1)
        given_layout.addLayout(buttons)

        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        header.addWidget(intro, 1)
        if self.questions_button is not None:
            header.addWidget(self.questions_button, 0, Qt.AlignmentFlag.AlignTop)
            order.append(self.questions_button)
        layout.addLayout(header)
        layout.addLayout(top)
        self.tabs: QTabWidget | None = None
        if self.lead:
            self.tabs = QTabWidget()
            self.tabs.setAccessibleName(self.tr("Feedback"))
            self.tabs.addTab(given, self.tr("Feedback &given"))
            self.tabs.addTab(self._build_analysis(), self.tr("A&nalysis"))
            layout.addWidget(self.tabs, 1)
            given_layout.setContentsMargins(4, 4, 4, 4)
        else:
            given_layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(given, 1)
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        self.period.currentIndexChanged.connect(lambda _i: self._period_chosen())
        self.respondent.currentIndexChanged.connect(lambda _i: self.refresh())
        for field in (self.start, self.end):
            field.editingFinished.connect(self._dates_typed)
        self.table.activated.connect(lambda _index: self.correct_selected())
        self.table.doubleClicked.connect(lambda _index: self.correct_selected())
        self.record_button.clicked.connect(self.record)
        if self.lead:
            assert self.correct_button and self.remove_button and self.action_button and self.questions_button
            self.correct_button.clicked.connect(self.correct_selected)
            self.remove_button.clicked.connect(self.remove_selected)
            self.action_button.clicked.connect(self.action_from_feedback)
            self.questions_button.clicked.connect(self.edit_questions)
        self._set_period_dates()
        self.refresh()

    def title(self) -> str:
        return self.tr("Feedback")

    # -- the analysis tab ------------------------------------------------------------------------

    def _build_analysis(self) -> QWidget:
        page = QWidget()
        self.summary = hint_label()
        self.summary.setAccessibleName(self.tr("Responses"))
        self.question_scores = ScoresModel(self.tr("Question"), self)
        self.theme_scores = ScoresModel(self.tr("Theme"), self)
        self.comments_model = CommentsModel(self)
        self.questions_view = self._scores_table(self.question_scores, self.tr("Scores by question"))
        self.themes_view = self._scores_table(self.theme_scores, self.tr("Scores by theme"))
        self.comments_view = QTreeView()
        self.comments_view.setModel(self.comments_model)
        self.comments_view.setAccessibleName(self.tr("Comments by theme"))
        self.comments_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.comments_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.comments_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.comments_view.setAlternatingRowColors(True)
        self.comments_view.setUniformRowHeights(True)
        header = self.comments_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.comments_model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        sections = QSplitter(Qt.Orientation.Vertical)
        sections.setChildrenCollapsible(False)
        sections.addWidget(
            self._section(self.tr("Scores by question"), self.questions_view, self.tr("Scores by &question"))
        )
        sections.addWidget(
            self._section(self.tr("Scores by theme"), self.themes_view, self.tr("Scores by t&heme"))
        )
        sections.addWidget(
            self._section(self.tr("Comments by theme"), self.comments_view, self.tr("Co&mments by theme"))
        )
        for n, stretch in enumerate((3, 2, 3)):
            sections.setStretchFactor(n, stretch)
        self.sections = sections

        self.finding = hint_label()
        self.finding.setAccessibleName(self.tr("Chosen finding"))
        self.finding_button = QPushButton(self.tr("Create improvement ac&tion…"))
        self.finding_button.setToolTip(
            self.tr("Agree an improvement action because of the question, theme or comment chosen above")
        )
        self.analysis_note = FieldMessage()
        self.analysis_info = hint_label()
        bottom = QHBoxLayout()
        bottom.addWidget(self.finding_button, 0, Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(self.finding, 1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(sections, 1)
        layout.addWidget(self.analysis_note)
        layout.addWidget(self.analysis_info)
        self.analysis_info.setVisible(False)
        layout.addLayout(bottom)
        for first, second in itertools.pairwise(
            [self.questions_view, self.themes_view, self.comments_view, self.finding_button]
        ):
            QWidget.setTabOrder(first, second)

        self._finding_view: QAbstractItemView | None = None
        for view in (self.questions_view, self.themes_view, self.comments_view):
            view.selectionModel().currentChanged.connect(
                lambda current, _previous, v=view: self._finding_chosen(v, current)
            )
        self.finding_button.clicked.connect(self.action_from_finding)
        return page

    def _scores_table(self, model: ScoresModel, name: str) -> QTableView:
        table = record_table(model, name, stretch=(0,))
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().lineSpacing() + 8)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setToolTip(self.tr("Choose a score (a period, or the whole period) to act on"))
        return table

    def _section(self, title: str, view: QWidget, label: str) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 4, 0, 0)
        heading = heading_label(label, 1.0)
        heading.setBuddy(view)
        heading.setAccessibleName(title)
        heading.setToolTip(title)
        column.addWidget(heading)
        column.addWidget(view, 1)
        return box

    # -- period ----------------------------------------------------------------------------------

    def _set_period_dates(self) -> None:
        chosen = period_dates(str(self.period.currentData()), self.ctx.ws.today())
        if chosen is not None:
            self.start.set_date(chosen[0])
            self.end.set_date(chosen[1])

    def _period_chosen(self) -> None:
        self._set_period_dates()
        self.refresh()

    def _dates_typed(self) -> None:
        chosen = period_dates(str(self.period.currentData()), self.ctx.ws.today())
        typed = (self.start.text(), self.end.text())
        if chosen is None or typed != (format_uk_date(chosen[0]), format_uk_date(chosen[1])):
            self.period.blockSignals(True)
            self.period.setCurrentIndex(self.period.findData("custom"))
            self.period.blockSignals(False)
        self.refresh()

    def set_period(self, start: date, end: date) -> None:
        """Show ``start`` to ``end`` (as typing them would)."""
        self.start.set_date(start)
        self.end.set_date(end)
        self._dates_typed()

    def chosen_period(self) -> tuple[date, date] | None:
        """The period typed, or None (the note says why) when it is not two dates in order."""
        problems = [f"{f.accessibleName()}: {f.problem()}" for f in (self.start, self.end) if f.problem()]
        start, end = (None if f.problem() else f.date() for f in (self.start, self.end))
        if not problems and (start is None or end is None):
            problems.append(self.tr("Give the first and last day of the period."))
        if not problems and start is not None and end is not None and end < start:
            problems.append(self.tr("The period ends before it starts."))
        self.note.show_message(" ".join(problems))
        if problems or start is None or end is None:
            return None
        return start, end

    # -- refreshing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        if not self.home_is_open():
            return
        period = self.chosen_period()
        who = self.respondent.currentData()
        respondent = Respondent(who) if who else None
        current = self.selected()
        rows = feedback_given(self.ctx.ws, *period, respondent=respondent) if period else []
        self.model.set_rows(rows)
        if rows:
            row = self.model.row_of(current.id) if current else -1
            self.table.selectRow(max(row, 0))
        self.empty.setText(
            self.tr("No feedback was given in this period. Record some with “Record feedback…”.")
            if period
            else ""
        )
        self.empty.setVisible(not rows and bool(period))
        self.count_label.setText(
            self.tr("1 response") if len(rows) == 1 else self.tr("{n} responses").format(n=len(rows))
        )
        for button in (self.correct_button, self.remove_button, self.action_button):
            if button is not None:
                button.setEnabled(bool(rows))
        if self.lead:
            self._refresh_analysis(period, respondent)

    def _refresh_analysis(self, period: tuple[date, date] | None, respondent: Respondent | None) -> None:
        try:
            self.analysis = feedback_analysis(self.ctx.ws, *period, respondent=respondent) if period else None
        except CareLinkError as exc:
            self.analysis = None
            self.analysis_note.show_message(str(exc))
        a = self.analysis
        self.question_scores.set_lines(a.questions if a else (), a.periods if a else ())
        self.theme_scores.set_lines(a.themes if a else (), a.periods if a else ())
        self.comments_model.set_comments(a.comments if a else ())
        self.comments_view.expandAll()
        self._fit_sections()
        self.summary.setText(self.summary_text(a) if a else "")
        self._finding_view = None
        self.finding.setText(self.tr("Choose a score or a comment above to act on it."))
        self.finding_button.setEnabled(False)

    def _fit_sections(self) -> None:
        """Give each score table the height of its rows (within reason); comments get the rest."""
        total = sum(self.sections.sizes())
        if total <= 0:
            return
        wanted = []
        for view in (self.questions_view, self.themes_view):
            heading = view.parentWidget().layout().itemAt(0).widget().sizeHint().height()  # type: ignore[union-attr]
            rows = max(view.model().rowCount(), 1)
            height = (
                view.horizontalHeader().sizeHint().height()
                + rows * view.verticalHeader().defaultSectionSize()
            )
            wanted.append(heading + height + 2 * view.frameWidth() + 12)
        rest = max(total - sum(wanted), total // 4)
        self.sections.setSizes([*wanted, rest])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.lead:
            self._fit_sections()

    def summary_text(self, a: FeedbackAnalysis) -> str:
        """Who responded and how many had an advocate or interpreter, in words."""
        total = a.total_responses
        if not total:
            return self.tr("No feedback was given in this period.")
        kinds = {
            Respondent.RESIDENT: (self.tr("1 from a resident"), self.tr("{n} from residents")),
            Respondent.KEY_PERSON: (self.tr("1 from a key person"), self.tr("{n} from key people")),
            Respondent.PROFESSIONAL: (self.tr("1 from a professional"), self.tr("{n} from professionals")),
        }
        parts = []
        for r, (one, many) in kinds.items():
            n = a.responses.get(r, 0)
            parts.append(one if n == 1 else many.format(n=n))
        count = self.tr("1 response") if total == 1 else self.tr("{n} responses").format(n=total)
        helped = (
            self.tr("1 was given with the help of an advocate or interpreter.")
            if a.helped == 1
            else self.tr("{n} were given with the help of an advocate or interpreter.").format(n=a.helped)
        )
        scores = self.tr(
            "Scores are the average rating (1 very poor to 5 very good), with the number of answers "
            "in brackets."
        )
        return f"{count}: {', '.join(parts)}. {helped}\n{scores}"

    # -- the chosen feedback ---------------------------------------------------------------------

    def selected(self) -> FeedbackSummary | None:
        index = self.table.currentIndex()
        return self.model.feedback_at(index.row()) if index.isValid() else None

    def record(self) -> FeedbackDialog | None:
        return self._show(lambda: FeedbackDialog(self.ctx.ws, parent=self))

    def correct_selected(self) -> FeedbackDialog | None:
        chosen = self.selected()
        if chosen is None or not self.lead:
            return None
        return self._show(lambda: FeedbackDialog(self.ctx.ws, chosen.id, parent=self))

    def _show(self, make: Callable[[], FeedbackDialog]) -> FeedbackDialog | None:
        dialog = open_record_form(make, self.note, self.table, self.model)
        if dialog is not None:
            self.dialog = dialog
        return dialog

    def confirm(self, text: str) -> bool:
        """Asked before removing (tests replace it)."""
        return ask_yes(self, self.tr("Remove"), text)

    def remove_selected(self) -> bool:
        chosen = self.selected()
        if chosen is None or not self.lead:
            return False
        question = self.tr(
            "Remove the feedback from {who} given on {date}? Only remove feedback recorded in error."
        )
        if not self.confirm(question.format(who=chosen.given_by, date=format_uk_date(chosen.given_on))):
            return False
        try:
            remove_feedback(self.ctx.ws, chosen.id)
        except CareLinkError as exc:
            self.note.show_message(str(exc))
            return False
        self.note.show_message("")
        return True

    def edit_questions(self) -> QuestionsDialog:
        dialog = QuestionsDialog(self.ctx.ws, self)
        self.dialog = dialog
        dialog.open()
        return dialog

    # -- improvement actions ---------------------------------------------------------------------

    def feedback_reason(self, chosen: FeedbackSummary) -> str:
        """Why an action is needed, from one person's feedback: who, when, their average and the
        comments they made."""
        about = (
            f" about {chosen.resident_name}"
            if chosen.resident_name and chosen.resident_name != chosen.given_by
            else ""
        )
        text = f"Feedback from {chosen.given_by}{about} given on {format_uk_date(chosen.given_on)}"
        if chosen.average is not None:
            answers = "1 answer" if chosen.ratings == 1 else f"{chosen.ratings} answers"
            text += f": average rating {average_text(chosen.average)} from {answers}"
        lines = [text + "."]
        try:
            details = feedback(self.ctx.ws, chosen.id).details
        except CareLinkError:
            return lines[0]
        questions = {q.id: q.details.text for q in feedback_questions(self.ctx.ws, include_retired=True)}
        for a in details.answers:
            if a.comment:
                rated = f" ({a.rating} {RATINGS[a.rating]})" if a.rating is not None else ""
                lines.append(f"{quoted(questions.get(a.question_id, ''), 70)}{rated}: “{a.comment}”")
        if details.comments:
            lines.append(f"Other comments: “{details.comments}”")
        return "\n".join(lines)

    def action_from_feedback(self) -> ActionDialog | None:
        """The action form, linked to the chosen feedback, with the reason filled in."""
        chosen = self.selected()
        if chosen is None or not self.lead:
            return None
        start = prefilled(self.feedback_reason(chosen), ActionSource.FEEDBACK, chosen.id)
        return self._open_action(start, self.note, self.info)

    def _finding_chosen(self, view: QAbstractItemView, current: QModelIndex) -> None:
        self._finding_view = view if current.isValid() else None
        reason = self.finding_reason()
        self.finding.setText(
            self.tr("To act on: {finding}").format(finding=reason)
            if reason
            else self.tr("Choose a score or a comment above to act on it.")
        )
        self.finding_button.setEnabled(bool(reason))

    def finding_reason(self) -> str:
        """Why an action is needed, from the score or comment chosen in the analysis ("" when
        nothing is chosen)."""
        view, a = self._finding_view, self.analysis
        if view is None or a is None:
            return ""
        index = view.currentIndex()
        if not index.isValid():
            return ""
        if view is self.comments_view:
            comment = self.comments_model.comment_at(index)
            theme = self.comments_model.theme_at(index)
            if theme is None:
                return ""
            if comment is None:
                n = self.comments_model.rowCount(index.siblingAtColumn(0))
                when = f"{format_uk_date(a.start)} to {format_uk_date(a.end)}"
                return f"{n} comments on '{self.tr(theme.label)}' in feedback given {when}"
            return comment_finding(self.tr(theme.label), comment)
        model = self.question_scores if view is self.questions_view else self.theme_scores
        line = model.line_at(index.row())
        column = index.column()
        if 0 < column <= len(a.periods):
            score, when = line.by_period[column - 1], a.periods[column - 1].label
        else:
            score, when = line.overall, f"{format_uk_date(a.start)} to {format_uk_date(a.end)}"
        return score_finding(line, model is self.question_scores, score, when)

    def action_from_finding(self) -> ActionDialog | None:
        """The action form for an analysis finding, with the chosen line as its reason."""
        reason = self.finding_reason()
        if not reason:
            return None
        return self._open_action(
            prefilled(reason, ActionSource.FINDING), self.analysis_note, self.analysis_info
        )

    def _say(self, info: QLabel, text: str) -> None:
        info.setText(text)
        info.setVisible(bool(text))

    def _open_action(
        self, start: ImprovementActionDetails, note: FieldMessage, info: QLabel
    ) -> ActionDialog | None:
        try:
            dialog = ActionDialog(self.ctx.ws, prefill=start, parent=self)
        except CareLinkError as exc:
            note.show_message(str(exc))
            return None
        note.show_message("")
        info.setVisible(False)
        dialog.accepted.connect(
            lambda: self._say(info, self.tr("Improvement action agreed: follow it in Improvement actions."))
        )
        self.dialog = dialog
        dialog.open()
        return dialog
