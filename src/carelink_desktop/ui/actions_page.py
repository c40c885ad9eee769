"""The Improvement actions area (managers): what the home decided to change after feedback,
concerns and its own analysis, who is doing it by when, and what came of it. Open actions come
first, soonest due first, an overdue one marked; New action…, Edit… (or Enter, or a double-click)
and Remove (for an action recorded in error).
"""

from __future__ import annotations

import itertools

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from carelink_desktop.domain.errors import CareLinkError
from carelink_desktop.domain.improvement_actions import ActionSource, ActionStatus
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.improvement_actions import (
    ACTION,
    ActionFilter,
    ActionView,
    improvement_actions,
    remove_action,
)
from carelink_desktop.ui.action_dialog import ActionDialog
from carelink_desktop.ui.actions_models import ActionsModel
from carelink_desktop.ui.confirm import ask_yes
from carelink_desktop.ui.pages import Page, ShellContext, open_record_form
from carelink_desktop.ui.relationship_form import hint_label
from carelink_desktop.ui.widgets import FieldMessage, record_table

#: The status filter's choices: (data, statuses shown).
STATUS_CHOICES: dict[str, frozenset[ActionStatus]] = {
    "open": frozenset({ActionStatus.PLANNED, ActionStatus.UNDER_WAY}),
    "finished": frozenset({ActionStatus.DONE, ActionStatus.DROPPED}),
    "all": frozenset(),
}


class ImprovementActionsPage(Page):
    """Filters (open or all, source), the list of actions, New action…, Edit… and Remove."""

    area = "improvement"
    permission = Permission.LEAD_PRACTICE
    watches = (ACTION, "feedback", "concern")

    def __init__(self, ctx: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dialog: ActionDialog | None = None
        intro = hint_label(
            self.tr(
                "What the home decided to change after feedback, concerns and its own analysis: who is "
                "doing it, by when, and what came of it. Close an action by setting it to Done with "
                "its result. Open actions come first, soonest due first."
            )
        )
        self.status = QComboBox()
        for key, text in (
            ("open", self.tr("Open (planned or under way)")),
            ("finished", self.tr("Finished (done or dropped)")),
            ("all", self.tr("All")),
        ):
            self.status.addItem(text, key)
        self.status.setAccessibleName(self.tr("Show"))
        status_label = QLabel(self.tr("&Show:"))
        status_label.setBuddy(self.status)
        self.source = QComboBox()
        self.source.addItem(self.tr("Any source"), None)
        for s in ActionSource:
            self.source.addItem(self.tr(s.label), s.value)
        self.source.setAccessibleName(self.tr("From"))
        source_label = QLabel(self.tr("&From:"))
        source_label.setBuddy(self.source)
        for combo in (self.status, self.source):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

        self.model = ActionsModel(self)
        self.table = record_table(self.model, self.tr("Improvement actions"), stretch=(1, 2))
        self.empty = hint_label()
        self.count_label = QLabel()
        self.note = FieldMessage()
        self.note.setAccessibleName(self.tr("Message"))
        self.new_button = QPushButton(self.tr("&New action…"))
        self.new_button.setToolTip(self.tr("Agree a new improvement action"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.setToolTip(
            self.tr("Update the chosen action: progress, its result, closing it (or press Enter on it)")
        )
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.setToolTip(self.tr("Remove the chosen action, recorded in error"))

        top = QHBoxLayout()
        top.addWidget(status_label)
        top.addWidget(self.status)
        top.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        top.addWidget(source_label)
        top.addWidget(self.source)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.new_button)
        bottom.addWidget(self.edit_button)
        bottom.addWidget(self.remove_button)
        bottom.addWidget(self.note, 1)
        bottom.addStretch(1)
        bottom.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        order = [self.status, self.source, self.table, self.new_button, self.edit_button, self.remove_button]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        for combo in (self.status, self.source):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.new_button.clicked.connect(self.new_action)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.refresh()

    def title(self) -> str:
        return self.tr("Improvement actions")

    # -- the list ----------------------------------------------------------------------------

    def filters(self) -> ActionFilter:
        source = self.source.currentData()
        return ActionFilter(
            statuses=STATUS_CHOICES[str(self.status.currentData())],
            source=ActionSource(source) if source else None,
        )

    def refresh(self) -> None:
        if not self.home_is_open():
            return
        current = self.selected()
        try:
            rows = improvement_actions(self.ctx.ws, self.filters())
        except CareLinkError as exc:
            self.note.show_message(str(exc))
            rows = []
        self.model.set_actions(rows, self.ctx.ws.today())
        if rows:
            row = self.model.row_of(current.id) if current else -1
            self.table.selectRow(max(row, 0))
        filtered = self.filters() != ActionFilter(statuses=STATUS_CHOICES["open"])
        self.empty.setText(
            self.tr("No improvement actions match these filters.")
            if filtered
            else self.tr(
                "No open improvement actions. Agree one with “New action…”, or from feedback or a concern."
            )
        )
        self.empty.setVisible(not rows)
        self.edit_button.setEnabled(bool(rows))
        self.remove_button.setEnabled(bool(rows))
        overdue = sum(1 for a in rows if a.overdue(self.ctx.ws.today()))
        count = self.tr("1 action") if len(rows) == 1 else self.tr("{n} actions").format(n=len(rows))
        if overdue:
            count = self.tr("{count}, {n} overdue").format(count=count, n=overdue)
        self.count_label.setText(count)

    def selected(self) -> ActionView | None:
        index = self.table.currentIndex()
        return self.model.action_at(index.row()) if index.isValid() else None

    # -- opening, adding, removing -----------------------------------------------------------

    def new_action(self) -> ActionDialog | None:
        return self._show(None)

    def edit_selected(self) -> ActionDialog | None:
        chosen = self.selected()
        return self._show(chosen.id) if chosen else None

    def _show(self, action_id: str | None) -> ActionDialog | None:
        dialog = open_record_form(
            lambda: ActionDialog(self.ctx.ws, action_id, parent=self), self.note, self.table, self.model
        )
        if dialog is not None:
            self.dialog = dialog
        return dialog

    def confirm(self, text: str) -> bool:
        """Asked before removing (tests replace it)."""
        return ask_yes(self, self.tr("Remove"), text)

    def remove_selected(self) -> bool:
        chosen = self.selected()
        if chosen is None:
            return False
        question = self.tr(
            "Remove the action “{action}”? Only remove an action recorded in error: to stop one, set "
            "its status to Dropped instead, so its history is kept."
        ).format(action=" ".join(chosen.details.action.split())[:80])
        if not self.confirm(question):
            return False
        try:
            remove_action(self.ctx.ws, chosen.id)
        except CareLinkError as exc:
            self.note.show_message(str(exc))
            return False
        self.note.show_message("")
        return True
