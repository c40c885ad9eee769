"""The manager's view of the home's feedback questions: the list in the order they are asked, with
Add…, Edit…, Move up, Move down and Retire (or Restore). A retired question is no longer asked;
answers already given keep it, and the theme it had."""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.errors import CareLinkError
from carelink_desktop.domain.feedback import QuestionDetails, Respondent, Theme
from carelink_desktop.services.feedback import (
    QuestionView,
    add_question,
    change_question,
    feedback_questions,
)
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.feedback_models import QuestionsModel
from carelink_desktop.ui.form_dialog import FormDialog
from carelink_desktop.ui.record_dialog import choose_data
from carelink_desktop.ui.relationship_form import hint_label
from carelink_desktop.ui.resident_profile_form import multi_line
from carelink_desktop.ui.widgets import FieldMessage, form_layout, record_table

FIELD_ORDER = ("text", "easy_read", "theme", "asked_of", "active")


class AskedOf(QWidget):
    """A tick box per kind of respondent; all ticked means everyone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[Respondent, QCheckBox] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for r, text in (
            (Respondent.RESIDENT, self.tr("Residents")),
            (Respondent.KEY_PERSON, self.tr("Key people")),
            (Respondent.PROFESSIONAL, self.tr("Professionals")),
        ):
            box = QCheckBox(text)
            box.setAccessibleName(self.tr("Asked of {who}").format(who=text.lower()))
            self.boxes[r] = box
            row.addWidget(box)
        row.addStretch(1)

    def values(self) -> tuple[Respondent, ...]:
        ticked = tuple(r for r, box in self.boxes.items() if box.isChecked())
        return () if len(ticked) == len(self.boxes) else ticked

    def set_values(self, asked_of: tuple[Respondent, ...]) -> None:
        for r, box in self.boxes.items():
            box.setChecked(not asked_of or r in asked_of)

    def focus_widgets(self) -> list[QWidget]:
        return list(self.boxes.values())


class QuestionDialog(FormDialog):
    """Add a question (``question`` None) or change one. After ``accepted``, ``result_view`` is
    the saved ``QuestionView``."""

    def __init__(
        self, ws: Workspace, question: QuestionView | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.question = question
        self.result_view: QuestionView | None = None
        self.setWindowTitle(self.tr("Change a question") if question else self.tr("Add a question"))
        self.text = multi_line(2)
        self.text.setPlaceholderText(self.tr("The question as key people and professionals read it"))
        self.easy_read = multi_line(2)
        self.easy_read.setPlaceholderText(
            self.tr("Short words, one idea, spoken to the resident: “Do your visitors feel welcome here?”")
        )
        self.theme = QComboBox()
        for t in Theme:
            self.theme.addItem(self.tr(t.label), t.value)
        self.theme.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.theme.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.asked_of = AskedOf()
        self.active = QCheckBox(self.tr("Still a&sked (untick to retire it)"))
        labels = {
            "text": self.tr("&Question:"),
            "easy_read": self.tr("&Easy read:"),
            "theme": self.tr("&Theme:"),
            "asked_of": self.tr("Asked o&f:"),
            "active": "",
        }
        widgets: dict[str, QWidget] = {
            "text": self.text,
            "easy_read": self.easy_read,
            "theme": self.theme,
            "asked_of": self.asked_of,
            "active": self.active,
        }
        form = form_layout()
        for name in FIELD_ORDER:
            widget = widgets[name]
            if labels[name]:
                widget.setAccessibleName(labels[name].replace("&", "").rstrip(":"))
            buddy = QLabel(labels[name])
            if name == "asked_of":
                buddy.setBuddy(self.asked_of.boxes[Respondent.RESIDENT])
            else:
                buddy.setBuddy(widget)
            form.addRow(buddy, self.errors.add(name, widget, labels[name] or self.tr("Still asked")))
        order = [self.text, self.easy_read, self.theme, *self.asked_of.focus_widgets(), self.active]
        buttons = self.build_buttons()
        for first, second in itertools.pairwise([*order, self.save_button, self.cancel_button]):
            QWidget.setTabOrder(first, second)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                self.tr(
                    "Residents are offered the easy-read wording when there is one. Changing a question "
                    "keeps the answers already given, under the theme they were given under."
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 110)

        d = question.details if question else QuestionDetails("", "", Theme.KEEPING_IN_TOUCH)
        self.text.setPlainText(d.text)
        self.easy_read.setPlainText(d.easy_read)
        choose_data(self.theme, d.theme)
        self.asked_of.set_values(d.asked_of)
        self.active.setChecked(d.active)
        self.remember_state()
        self.watch("text", self.text)
        self.watch("easy_read", self.easy_read)
        self.watch("theme", self.theme)
        for box in self.asked_of.boxes.values():
            self.watch("asked_of", box, box.toggled)
        self.watch("active", self.active, self.active.toggled)
        self.text.setFocus()

    def question_details(self) -> QuestionDetails:
        base = self.question.details if self.question else QuestionDetails("", "", Theme.OTHER)
        return replace(
            base,
            text=self.text.toPlainText(),
            easy_read=self.easy_read.toPlainText(),
            theme=Theme(self.theme.currentData()),
            asked_of=self.asked_of.values(),
            active=self.active.isChecked(),
        )

    def state(self) -> Any:
        return self.question_details()

    def check(self) -> dict[str, str]:
        problems = {}
        if not any(box.isChecked() for box in self.asked_of.boxes.values()):
            problems["asked_of"] = self.tr("Tick who the question is asked of.")
        return self.add_rule_problems(problems, lambda: self.question_details().cleaned().validate())

    def save(self) -> bool:
        problems = self.check()
        self.errors.set_problems(problems)
        if "asked_of" in problems:
            return self.refused({"asked_of": problems["asked_of"]})
        return self.submit(self._write)

    def _write(self) -> QuestionView:
        if self.question is None:
            return add_question(self.ws, self.question_details())
        return change_question(self.ws, self.question.id, self.question_details())

    def focus_problem(self, widget: QWidget) -> None:
        (self.asked_of.focus_widgets()[0] if widget is self.asked_of else widget).setFocus()


class QuestionsDialog(QDialog):
    """The home's questions, retired ones last and in italics, with Add…, Edit…, Move up, Move
    down and Retire or Restore. Every change is saved at once."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.dialog: QuestionDialog | None = None
        self.setWindowTitle(self.tr("Feedback questions"))
        self.model = QuestionsModel(self)
        self.table = record_table(self.model, self.tr("Feedback questions"), stretch=(0, 1))
        self.note = FieldMessage()
        self.note.setAccessibleName(self.tr("Message"))
        self.add_button = QPushButton(self.tr("&Add…"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.up_button = QPushButton(self.tr("Move &up"))
        self.up_button.setToolTip(self.tr("Ask the chosen question earlier"))
        self.down_button = QPushButton(self.tr("Move &down"))
        self.down_button.setToolTip(self.tr("Ask the chosen question later"))
        self.retire_button = QPushButton(self.tr("&Retire"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self.close_button = close.button(QDialogButtonBox.StandardButton.Close)
        for button in (
            self.add_button,
            self.edit_button,
            self.up_button,
            self.down_button,
            self.retire_button,
        ):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.up_button,
            self.down_button,
            self.retire_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                self.tr(
                    "The questions are asked in this order. Retire a question to stop asking it: the "
                    "answers already given stay in the analysis."
                )
            )
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.note)
        layout.addWidget(close)
        order = [
            self.table,
            self.add_button,
            self.edit_button,
            self.up_button,
            self.down_button,
            self.retire_button,
            self.close_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.add_button.clicked.connect(lambda: self.edit(None))
        self.edit_button.clicked.connect(lambda: self.edit(self.selected()))
        self.table.activated.connect(lambda _i: self.edit(self.selected()))
        self.table.doubleClicked.connect(lambda _i: self.edit(self.selected()))
        self.up_button.clicked.connect(lambda: self.move_question(-1))
        self.down_button.clicked.connect(lambda: self.move_question(1))
        self.retire_button.clicked.connect(self.toggle_retired)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.resize(self.fontMetrics().averageCharWidth() * 150, self.fontMetrics().lineSpacing() * 24)
        self.refresh()
        self.table.setFocus()

    def refresh(self, select: str | None = None) -> None:
        chosen = self.selected()
        current = select or (chosen.id if chosen else None)
        questions = feedback_questions(self.ws, include_retired=True)
        questions.sort(key=lambda q: (not q.details.active, q.details.position))
        self.model.set_rows(questions)
        row = self.model.row_of(current) if current else -1
        if questions:
            self.table.selectRow(max(row, 0))
        self._update_buttons()

    def selected(self) -> QuestionView | None:
        index = self.table.currentIndex()
        return self.model.question_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        active = [q for q in self.model.questions() if q.details.active]
        where = next((i for i, q in enumerate(active) if chosen and q.id == chosen.id), -1)
        self.edit_button.setEnabled(chosen is not None)
        self.retire_button.setEnabled(chosen is not None)
        self.retire_button.setText(
            self.tr("&Restore") if chosen is not None and not chosen.details.active else self.tr("&Retire")
        )
        self.up_button.setEnabled(where > 0)
        self.down_button.setEnabled(0 <= where < len(active) - 1)

    def edit(self, question: QuestionView | None) -> QuestionDialog:
        dialog = QuestionDialog(self.ws, question, self)
        dialog.accepted.connect(lambda: self.refresh(dialog.result_view.id if dialog.result_view else None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def move_question(self, step: int) -> None:
        """Move the chosen question earlier (-1) or later (1) among those asked; the positions
        are renumbered 1, 2, 3…"""
        chosen = self.selected()
        if chosen is None or not chosen.details.active:
            return
        active = [q for q in self.model.questions() if q.details.active]
        i = next(n for n, q in enumerate(active) if q.id == chosen.id)
        j = i + step
        if not 0 <= j < len(active):
            return
        active[i], active[j] = active[j], active[i]
        self._save_positions(active, chosen.id)

    def _save_positions(self, ordered: list[QuestionView], select: str) -> None:
        try:
            for n, q in enumerate(ordered, start=1):
                if q.details.position != n:
                    change_question(self.ws, q.id, replace(q.details, position=n))
        except CareLinkError as exc:
            self.note.show_message(str(exc))
        else:
            self.note.show_message("")
        self.refresh(select)

    def toggle_retired(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        details = replace(chosen.details, active=not chosen.details.active)
        if details.active:  # restored: asked last
            last = max((q.details.position for q in self.model.questions() if q.details.active), default=0)
            details = replace(details, position=last + 1)
        try:
            change_question(self.ws, chosen.id, details)
        except CareLinkError as exc:
            self.note.show_message(str(exc))
            return
        self.note.show_message("")
        self.refresh(chosen.id)
