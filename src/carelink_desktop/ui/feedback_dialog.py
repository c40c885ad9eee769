"""Record one person's feedback on how well the home supports relationships (lead-practice P4,
P5): who is giving it (a resident, one of their key people, a professional), any help they had
(an advocate, an interpreter...), and for each of the home's questions a rating from "Very poor"
to "Very good" (or no answer) and a comment in their own words.

Residents are offered the easy-read wording of each question (on by default for them). The
ratings are a row of large radio buttons: Tab reaches a question's choices, the arrow keys move
between them. The domain's rules show at their fields as the person types; a refused save keeps
everything typed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.feedback import (
    RATINGS,
    Answer,
    FeedbackDetails,
    Helper,
    QuestionDetails,
    Respondent,
)
from carelink_desktop.services.feedback import (
    FeedbackView,
    QuestionView,
    change_feedback,
    feedback,
    feedback_questions,
    record_feedback,
)
from carelink_desktop.services.relationships import relationships_of
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.form_dialog import FormDialog
from carelink_desktop.ui.key_person_form import heading_label
from carelink_desktop.ui.record_dialog import choose_data, date_or_none, key_people, person_label
from carelink_desktop.ui.relationship_form import hint_label
from carelink_desktop.ui.resident_picker import ResidentPicker
from carelink_desktop.ui.resident_profile_form import multi_line
from carelink_desktop.ui.widgets import DateField, emphasise, form_layout

#: The key-person choice meaning "someone not on the resident's map: write who".
SOMEONE_ELSE = ""


class RatingChoice(QWidget):
    """The five labelled ratings and "No answer" as a row of radio buttons (one group): Tab
    reaches the chosen one, the arrow keys move between them and choose, and the keys 1 to 5
    choose a rating at once."""

    changed = Signal()

    def __init__(self, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[int | None, QRadioButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(self.fontMetrics().averageCharWidth() * 2)
        for value in (*RATINGS, None):
            text = self.tr(RATINGS[value]) if value is not None else self.tr("No answer")
            button = QRadioButton(text if value is None else f"{value}  {text}")
            button.setAccessibleName(
                text if value is None else self.tr("{text}, {n} of 5").format(text=text, n=value)
            )
            if value is not None:
                emphasise(button, 1.1)
            self.group.addButton(button, value if value is not None else 0)
            button.installEventFilter(self)
            self.buttons[value] = button
            row.addWidget(button)
        row.addStretch(1)
        self.set_question(question)
        self.buttons[None].setChecked(True)
        self.group.idToggled.connect(lambda _id, on: self.changed.emit() if on else None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrows move along the row and choose (as radio buttons do, whichever window has the
        focus); 1 to 5 choose that rating."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and watched in self._order():
            order = self._order()
            at = order.index(watched)
            key = event.key()
            target: QRadioButton | None = None
            if key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
                target = order[max(at - 1, 0)]
            elif key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
                target = order[min(at + 1, len(order) - 1)]
            elif Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
                target = self.buttons[int(key) - int(Qt.Key.Key_0)]
            if target is not None:
                target.setFocus(Qt.FocusReason.OtherFocusReason)
                target.setChecked(True)
                return True
        return super().eventFilter(watched, event)

    def _order(self) -> list[QRadioButton]:
        return list(self.buttons.values())

    def set_question(self, question: str) -> None:
        self.setAccessibleName(question)
        for button in self.buttons.values():
            button.setAccessibleDescription(question)

    def rating(self) -> int | None:
        chosen = self.group.checkedId()
        return chosen if chosen in RATINGS else None

    def set_rating(self, value: int | None) -> None:
        self.buttons[value if value in RATINGS else None].setChecked(True)

    def focus_widgets(self) -> list[QWidget]:
        checked = self.group.checkedButton()
        return [checked if checked is not None else self.buttons[None]]


@dataclass
class QuestionRow:
    """One question's widgets in the form."""

    view: QuestionView
    box: QWidget
    label: QLabel
    rating: RatingChoice
    comment: QLineEdit

    @property
    def details(self) -> QuestionDetails:
        return self.view.details


class FeedbackDialog(FormDialog):
    """New feedback (``feedback_id`` None; ``respondent`` and ``resident_id`` may start it off)
    or feedback to correct (the manager's). After ``accepted``, ``result_view`` (and ``saved``)
    hold the saved ``FeedbackView``."""

    def __init__(
        self,
        ws: Workspace,
        feedback_id: str | None = None,
        *,
        respondent: Respondent = Respondent.RESIDENT,
        resident_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.existing: FeedbackView | None = feedback(ws, feedback_id) if feedback_id else None
        self.result_view: FeedbackView | None = None
        self.fields: dict[str, QWidget] = {}
        self._loading = True
        #: A resident the picker cannot list (no longer living here) kept for a correction.
        self._kept_resident: str | None = None
        self.setWindowTitle(self.tr("Correct feedback") if self.existing else self.tr("Record feedback"))
        heading = heading_label(
            self.tr("Correct feedback") if self.existing else self.tr("Record feedback"), 1.15
        )
        intro = hint_label(
            self.tr(
                "Feedback on how well the home supports residents' relationships with the people who "
                "matter to them. Write comments in the person's own words."
            )
        )

        self.body = QWidget()
        column = QVBoxLayout(self.body)
        column.setContentsMargins(0, 0, self.fontMetrics().averageCharWidth(), 0)
        self.top = form_layout()

        self.given_on = DateField()
        self._add(self.top, "given_on", self.given_on, self.tr("Given &on:"))
        self.respondent = QComboBox()
        for r in Respondent:
            self.respondent.addItem(self.tr(r.label), r.value)
        self.respondent.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._add(self.top, "respondent", self.respondent, self.tr("&Who is giving it:"))

        self.picker = ResidentPicker(ws, lines=3)
        self.picker.setAccessibleName(self.tr("Resident"))
        self.clear_resident = QPushButton(self.tr("Not about one resi&dent"))
        self.clear_resident.setAutoDefault(False)
        self.clear_resident.setToolTip(self.tr("Feedback about the home in general"))
        self.clear_resident.clicked.connect(self._clear_resident)
        self.kept_note = hint_label()
        self.kept_note.setVisible(False)
        picker_box = QWidget()
        picker_column = QVBoxLayout(picker_box)
        picker_column.setContentsMargins(0, 0, 0, 0)
        picker_column.addWidget(self.picker)
        picker_column.addWidget(self.kept_note)
        clear_row = QHBoxLayout()
        clear_row.addWidget(self.clear_resident)
        clear_row.addStretch(1)
        picker_column.addLayout(clear_row)
        self.resident_label = QLabel(self.tr("Resident:"))
        self.fields["resident_id"] = self.picker
        self.top.addRow(self.resident_label, self.errors.add("resident_id", picker_box, self.tr("Resident")))
        self._picker_box = picker_box

        self.person = QComboBox()
        self.person.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._add(self.top, "relationship_id", self.person, self.tr("&Key person:"))
        self.respondent_name = QLineEdit()
        self.respondent_name.setMaxLength(200)
        self._add(self.top, "respondent_name", self.respondent_name, self.tr("&Name and role:"))
        self.name_label = self.top.labelForField(self.errors_box("respondent_name"))

        self.helped_by = QComboBox()
        for h in Helper:
            self.helped_by.addItem(self.tr(h.label), h.value)
        self.helped_by.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._add(self.top, "helped_by", self.helped_by, self.tr("&Help to give it:"))
        self.helper_name = QLineEdit()
        self.helper_name.setMaxLength(200)
        self.helper_name.setPlaceholderText(self.tr("e.g. Sam Okoro, Voiceability advocate"))
        self._add(self.top, "helper_name", self.helper_name, self.tr("Helper's na&me:"))
        for combo in (self.respondent, self.person, self.helped_by):
            combo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.easy_read = QCheckBox(self.tr("Use &easy-read questions"))
        self.easy_read.setToolTip(self.tr("Short, plain questions, where the home has written one"))
        self.fields["easy_read"] = self.easy_read
        self.top.addRow("", self.easy_read)
        column.addLayout(self.top)

        questions_heading = heading_label(self.tr("Questions"), 1.05)
        column.addSpacing(self.fontMetrics().height() // 2)
        column.addWidget(questions_heading)
        column.addWidget(
            hint_label(
                self.tr(
                    "For each question choose a rating, or No answer, and write any comment. Tab moves "
                    "to the next question's ratings; the arrow keys, or the keys 1 to 5, choose a rating."
                )
            )
        )
        self.questions_box = QWidget()
        self.questions_column = QVBoxLayout(self.questions_box)
        self.questions_column.setContentsMargins(0, 0, 0, 0)
        self.questions: list[QuestionRow] = []
        self._build_questions()
        self.fields["answers"] = self.questions_box
        column.addWidget(self.errors.add("answers", self.questions_box, self.tr("Questions")))

        self.comments = multi_line(3)
        self.comments.setPlaceholderText(self.tr("Anything else they said, in their words"))
        self.comments.setAccessibleName(self.tr("Anything else they said"))
        comments_label = QLabel(self.tr("&Anything else they said:"))
        comments_label.setBuddy(self.comments)
        emphasise(comments_label, 1.0)
        self.fields["comments"] = self.comments
        column.addSpacing(self.fontMetrics().height() // 2)
        column.addWidget(comments_label)
        column.addWidget(self.errors.add("comments", self.comments, self.tr("Anything else they said")))
        column.addStretch(1)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.body)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.build_buttons())
        self.save_button.setText(self.tr("&Save feedback"))
        self.setSizeGripEnabled(True)

        self._fill(self.existing.details if self.existing else None, respondent, resident_id)
        self.respondent.currentIndexChanged.connect(lambda _i: self._respondent_changed())
        self.picker.chosen_changed.connect(self._resident_changed)
        self.person.currentIndexChanged.connect(lambda _i: self._update_visibility())
        self.helped_by.currentIndexChanged.connect(lambda _i: self._update_visibility())
        self.easy_read.toggled.connect(lambda _on: self._show_wording())
        for name in (
            "given_on",
            "respondent",
            "relationship_id",
            "respondent_name",
            "helped_by",
            "helper_name",
        ):
            self.watch(name, self.fields[name])
        self.watch("resident_id", self.picker, self.picker.chosen_changed)
        self.watch("easy_read", self.easy_read, self.easy_read.toggled)
        self.watch("comments", self.comments)
        for q in self.questions:
            self.watch("answers", q.rating, q.rating.changed)
            self.watch("answers", q.comment)
        self._loading = False
        self.retab()
        self.remember_state()
        self.errors.set_problems(self.check())
        # Never narrower than a question's row of ratings (the form does not scroll sideways).
        margins = layout.contentsMargins()
        needed = (
            self.body.minimumSizeHint().width()
            + self.scroll_area.verticalScrollBar().sizeHint().width()
            + margins.left()
            + margins.right()
        )
        self.setMinimumWidth(max(needed, self.fontMetrics().averageCharWidth() * 90))
        self.resize(self._fitted_size())
        self.respondent.setFocus()

    # -- building --------------------------------------------------------------------------------

    def _add(self, form: QFormLayout, name: str, widget: QWidget, label: str) -> None:
        widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        buddy = QLabel(label)
        buddy.setBuddy(widget)
        self.fields[name] = widget
        form.addRow(buddy, self.errors.add(name, widget, label))

    def errors_box(self, name: str) -> QWidget:
        """The widget holding field ``name`` and its message (the form's row)."""
        parent = self.errors.widget(name).parentWidget()
        assert parent is not None
        return parent

    def _build_questions(self) -> None:
        asked = feedback_questions(self.ws)
        answered = {a.question_id for a in self.existing.details.answers} if self.existing else set()
        if answered - {q.id for q in asked}:
            # A correction keeps answers to questions retired since.
            retired = [q for q in feedback_questions(self.ws, include_retired=True) if q.id in answered]
            asked += [q for q in retired if q.id not in {a.id for a in asked}]
        for n, view in enumerate(asked, start=1):
            box = QFrame()
            box.setFrameShape(QFrame.Shape.StyledPanel)
            inner = QVBoxLayout(box)
            label = QLabel()
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            emphasise(label, 1.1)
            rating = RatingChoice(view.details.text)
            comment = QLineEdit()
            comment.setMaxLength(2000)
            comment.setPlaceholderText(self.tr("Comment, in their words (optional)"))
            comment_label = QLabel(self.tr("Comment:"))
            comment_label.setBuddy(comment)
            comment_row = QHBoxLayout()
            comment_row.addWidget(comment_label)
            comment_row.addWidget(comment, 1)
            inner.addWidget(label)
            inner.addWidget(rating)
            inner.addLayout(comment_row)
            self.questions_column.addWidget(box)
            row = QuestionRow(view, box, label, rating, comment)
            row.label.setProperty("number", n)
            self.questions.append(row)

    # -- filling and showing ---------------------------------------------------------------------

    def _fill(self, d: FeedbackDetails | None, respondent: Respondent, resident_id: str | None) -> None:
        if d is None:
            self.given_on.set_date(self.ws.today())
            choose_data(self.respondent, respondent)
            if resident_id:
                self._choose_resident(resident_id)
            self.easy_read.setChecked(respondent is Respondent.RESIDENT)
            self._load_people(None)
            self._update_visibility()
            return
        self.given_on.set_date(d.given_on)
        choose_data(self.respondent, d.respondent)
        if d.resident_id:
            self._choose_resident(d.resident_id)
        self._load_people(d.relationship_id)
        self.respondent_name.setText(d.respondent_name)
        choose_data(self.helped_by, d.helped_by)
        self.helper_name.setText(d.helper_name)
        self.easy_read.setChecked(d.easy_read)
        answers = {a.question_id: a for a in d.answers}
        for q in self.questions:
            a = answers.get(q.view.id)
            if a is not None:
                q.rating.set_rating(a.rating)
                q.comment.setText(a.comment)
        self.comments.setPlainText(d.comments)
        self._update_visibility()

    def _choose_resident(self, resident_id: str) -> None:
        if not self.picker.choose(resident_id):
            self._kept_resident = resident_id
            name = self.existing.resident_name if self.existing else ""
            self.kept_note.setText(
                self.tr("About {name}, who no longer lives here.").format(name=name or self.tr("a resident"))
            )
            self.kept_note.setVisible(True)

    def _clear_resident(self) -> None:
        self._kept_resident = None
        self.kept_note.setVisible(False)
        self.picker.choices.clearSelection()
        self.picker.choices.setCurrentRow(-1)
        self.picker.chosen_changed.emit()

    def chosen_respondent(self) -> Respondent:
        return Respondent(self.respondent.currentData())

    def chosen_resident(self) -> str | None:
        return self.picker.chosen_id() or self._kept_resident

    def _respondent_changed(self) -> None:
        if self._loading:
            return
        # Easy read is for residents; others get the full questions unless someone says otherwise.
        self.easy_read.setChecked(self.chosen_respondent() is Respondent.RESIDENT)
        self._update_visibility()

    def _resident_changed(self) -> None:
        if self.picker.chosen_id() is not None:
            self._kept_resident = None
            self.kept_note.setVisible(False)
        self._load_people(self.person.currentData())
        self._update_visibility()

    def _load_people(self, keep: str | None) -> None:
        """The chosen resident's key people, then "someone else" (a name written in)."""
        resident = self.chosen_resident()
        relationships = relationships_of(self.ws, resident) if resident else []
        self.person.blockSignals(True)
        try:
            self.person.clear()
            if relationships:
                self.person.addItem(self.tr("Choose who…"), None)
            for r in key_people(relationships):
                self.person.addItem(person_label(r), r.id)
            if keep and self.person.findData(keep) < 0:
                self.person.addItem(self.tr("Someone no longer on the map"), keep)
            self.person.addItem(self.tr("Someone else (write their name below)"), SOMEONE_ELSE)
            self.person.setCurrentIndex(max(self.person.findData(keep if keep else SOMEONE_ELSE), 0))
            if not keep and relationships:
                self.person.setCurrentIndex(0)
        finally:
            self.person.blockSignals(False)

    def _update_visibility(self) -> None:
        """Show the fields that apply to who is giving the feedback."""
        who = self.chosen_respondent()
        resident_row = {
            Respondent.RESIDENT: self.tr("Resident:"),
            Respondent.KEY_PERSON: self.tr("Whose key person:"),
            Respondent.PROFESSIONAL: self.tr("About a resident\n(optional):"),
        }[who]
        self.resident_label.setText(resident_row)
        self.picker.setAccessibleName(resident_row.replace("\n", " ").rstrip(":"))
        self.clear_resident.setVisible(who is not Respondent.RESIDENT)
        self.top.setRowVisible(self.errors_box("relationship_id"), who is Respondent.KEY_PERSON)
        someone_else = self.person.currentData() == SOMEONE_ELSE
        named = who is Respondent.PROFESSIONAL or (who is Respondent.KEY_PERSON and someone_else)
        self.top.setRowVisible(self.errors_box("respondent_name"), named)
        if isinstance(self.name_label, QLabel):
            self.name_label.setText(
                self.tr("&Name and role:") if who is Respondent.PROFESSIONAL else self.tr("Their &name:")
            )
        self.respondent_name.setAccessibleName(
            self.tr("Name and role") if who is Respondent.PROFESSIONAL else self.tr("Their name")
        )
        self.respondent_name.setPlaceholderText(
            self.tr("e.g. Dr Priya Shah, GP")
            if who is Respondent.PROFESSIONAL
            else self.tr("e.g. Pat Green, neighbour")
        )
        self.helper_name.setEnabled(Helper(self.helped_by.currentData()) is not Helper.NONE)
        for q in self.questions:
            q.box.setVisible(q.details.asks(who))
        self._show_wording()
        if not self._loading:
            self.retab()

    def _show_wording(self) -> None:
        """Each question in its easy-read wording when asked for and written, else in full."""
        easy = self.easy_read.isChecked()
        shown = [q for q in self.questions if q.details.asks(self.chosen_respondent())]
        for n, q in enumerate(shown, start=1):
            text = q.details.easy_read if easy and q.details.easy_read else q.details.text
            q.label.setText(f"{n}. {text}")
            q.rating.set_question(text)
            q.comment.setAccessibleName(self.tr("Comment on: {question}").format(question=text))

    def shown_questions(self) -> list[QuestionRow]:
        return [q for q in self.questions if q.details.asks(self.chosen_respondent())]

    def question_row(self, question_id: str) -> QuestionRow:
        return next(q for q in self.questions if q.view.id == question_id)

    # -- focus and size --------------------------------------------------------------------------

    def focus_widgets(self) -> list[QWidget]:
        """Everything Tab visits, in order."""
        order: list[QWidget] = [self.given_on, self.respondent, self.picker.search, self.picker.choices]
        who = self.chosen_respondent()
        if who is not Respondent.RESIDENT:
            order.append(self.clear_resident)
        if who is Respondent.KEY_PERSON:
            order.append(self.person)
        if who is Respondent.PROFESSIONAL or (
            who is Respondent.KEY_PERSON and self.person.currentData() == SOMEONE_ELSE
        ):
            order.append(self.respondent_name)
        order += [self.helped_by, self.helper_name, self.easy_read]
        for q in self.shown_questions():
            order += [*q.rating.focus_widgets(), q.comment]
        return [*order, self.comments, self.save_button, self.cancel_button]

    def retab(self) -> None:
        for first, second in itertools.pairwise(self.focus_widgets()):
            QWidget.setTabOrder(first, second)

    def focus_problem(self, widget: QWidget) -> None:
        target: QWidget = widget
        if widget is self.picker or widget is self._picker_box:
            target = self.picker.search
        elif widget is self.questions_box:
            shown = self.shown_questions()
            target = shown[0].rating.focus_widgets()[0] if shown else self.comments
        target.setFocus()
        self.scroll_area.ensureWidgetVisible(target)

    def _fitted_size(self) -> QSize:
        metrics = self.fontMetrics()
        wanted = QSize(max(metrics.averageCharWidth() * 110, self.minimumWidth()), metrics.lineSpacing() * 48)
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            wanted = wanted.boundedTo(screen.availableGeometry().size() - QSize(40, 80))
        return wanted

    # -- values and checks -----------------------------------------------------------------------

    def feedback_details(self) -> FeedbackDetails:
        """The feedback as typed; a date that is not a date counts as none (see ``check``)."""
        who = self.chosen_respondent()
        person = self.person.currentData() if who is Respondent.KEY_PERSON else None
        named = who is Respondent.PROFESSIONAL or (who is Respondent.KEY_PERSON and person == SOMEONE_ELSE)
        helped = Helper(self.helped_by.currentData())
        return FeedbackDetails(
            given_on=date_or_none(self.given_on),
            respondent=who,
            resident_id=self.chosen_resident(),
            relationship_id=person or None,
            respondent_name=self.respondent_name.text() if named else "",
            helped_by=helped,
            helper_name=self.helper_name.text() if helped is not Helper.NONE else "",
            easy_read=self.easy_read.isChecked(),
            answers=tuple(
                Answer(q.view.id, q.rating.rating(), q.comment.text())
                for q in self.shown_questions()
                if q.rating.rating() is not None or q.comment.text().strip()
            ),
            comments=self.comments.toPlainText(),
        )

    def state(self) -> Any:
        return (self.feedback_details(), self.given_on.text())

    def date_problems(self) -> dict[str, str]:
        problem = self.given_on.problem()
        return {"given_on": problem} if problem else {}

    def check(self) -> dict[str, str]:
        return self.add_rule_problems(
            self.date_problems(), lambda: self.feedback_details().cleaned().validate(self.ws.today())
        )

    def changed(self, name: str) -> None:
        if not self._loading:
            super().changed(name)

    # -- saving ----------------------------------------------------------------------------------

    def save(self) -> bool:
        """Save and close; on any problem show it at its field and save nothing."""
        self.errors.set_problems(self.check())
        if self.date_problems():
            return self.refused(self.date_problems())
        return self.submit(self._write)

    def _write(self) -> FeedbackView:
        if self.existing is None:
            return record_feedback(self.ws, self.feedback_details())
        return change_feedback(self.ws, self.existing.id, self.feedback_details())

    def buttons_of(self, question_id: str) -> dict[int | None, QAbstractButton]:
        """The rating buttons of one question (for tests and screenshots)."""
        return dict(self.question_row(question_id).rating.buttons)
