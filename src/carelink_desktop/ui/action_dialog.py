"""Agree, follow or close an improvement action: what will change, why (the feedback, concern or
analysis finding behind it), who does it by when, where it stands and what came of it — the loop
the standard asks managers to close (lead-practice P7–P10, P13, P14).

Closing an action is setting its status to Done with what came of it and the date it was
finished. An action created from feedback or a concern shows which one, read-only: the link is
made where the feedback or concern is, not typed here.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.errors import CareLinkError
from carelink_desktop.domain.improvement_actions import ActionSource, ActionStatus, ImprovementActionDetails
from carelink_desktop.services.improvement_actions import (
    ActionView,
    add_action,
    change_action,
    improvement_action,
)
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.ui.form_dialog import FormDialog
from carelink_desktop.ui.key_person_form import heading_label
from carelink_desktop.ui.record_dialog import choose_data, date_or_none
from carelink_desktop.ui.relationship_form import hint_label
from carelink_desktop.ui.resident_profile_form import multi_line
from carelink_desktop.ui.widgets import DateField, form_layout

#: Every field, in the order the eye (and the Tab key) meets them.
FIELD_ORDER = (
    "action",
    "reason",
    "source",
    "owner",
    "raised_on",
    "due_on",
    "status",
    "result",
    "completed_on",
)


def linked_text(ws: Workspace, source: ActionSource, source_id: str | None) -> str:
    """The feedback or concern an action came from, in words ("" when it has none)."""
    if source_id is None:
        return ""
    try:
        if source is ActionSource.FEEDBACK:
            from carelink_desktop.services.feedback import feedback

            f = feedback(ws, source_id)
            text = f"Feedback from {f.given_by} given on {format_uk_date(f.details.given_on)}"
            if f.resident_name and f.resident_name != f.given_by:
                text += f", about {f.resident_name}"
            return text
        if source is ActionSource.CONCERN:
            from carelink_desktop.services.concerns import CONCERNS
            from carelink_desktop.services.resident_records import record

            c = record(ws, CONCERNS, source_id).details
            words = " ".join(c.description.split())
            if len(words) > 80:
                words = words[:79].rstrip() + "…"
            return f"Concern ({c.kind.label.lower()}) raised on {format_uk_date(c.raised_on)}: {words}"
    except CareLinkError:
        return f"{source.label}: since removed"
    return ""


class ActionDialog(FormDialog):
    """A new action (``action_id`` None; ``prefill`` gives its starting details, such as the
    feedback it came from) or one to change. Saves through services.improvement_actions; after
    ``accepted``, ``result_view`` (and ``saved``) hold the action."""

    def __init__(
        self,
        ws: Workspace,
        action_id: str | None = None,
        *,
        prefill: ImprovementActionDetails | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = ws
        self.existing: ActionView | None = improvement_action(ws, action_id) if action_id else None
        self.result_view: ActionView | None = None
        start = self.existing.details if self.existing else prefill
        self.source_id = start.source_id if start else None
        self.fields: dict[str, QWidget] = {}
        self.setWindowTitle(
            self.tr("Improvement action") if self.existing else self.tr("New improvement action")
        )
        heading = heading_label(
            self.tr("Change an improvement action")
            if self.existing
            else self.tr("Agree an improvement action"),
            1.15,
        )
        intro = hint_label(
            self.tr(
                "Say what will change and why, who will do it and by when. To close the action, set "
                "its status to Done and say what came of it: the change made and whether it worked."
            )
        )

        self.action = multi_line(2)
        self.action.setPlaceholderText(self.tr("e.g. Offer video calls on Sunday afternoons"))
        self.reason = multi_line(4)
        self.reason.setPlaceholderText(self.tr("What in the feedback, concern or analysis led to it"))
        self.source = QComboBox()
        linked = self.source_id is not None
        sources = list(ActionSource) if linked else [ActionSource.FINDING, ActionSource.OTHER]
        if start is not None and start.source not in sources:
            sources.append(start.source)
        for s in sources:
            self.source.addItem(self.tr(s.label), s.value)
        self.source.setVisible(not linked)
        self.source.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.source.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.linked = QLabel(linked_text(ws, start.source, self.source_id) if start else "")
        self.linked.setTextFormat(Qt.TextFormat.PlainText)
        self.linked.setWordWrap(True)
        self.linked.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.linked.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.linked.setVisible(linked)
        self.source_hint = hint_label(
            self.tr(
                "To link feedback or a concern, create the action from it (in Feedback, or on the concern)."
            )
        )
        self.source_hint.setVisible(not linked)
        #: The source: a choice, or (linked) which feedback or concern, read-only.
        self.source_box = QWidget()
        source_column = QVBoxLayout(self.source_box)
        source_column.setContentsMargins(0, 0, 0, 0)
        for part in (self.source, self.linked, self.source_hint):
            source_column.addWidget(part)
        self.linked.setAccessibleName(self.tr("From"))
        self.owner = QLineEdit()
        self.owner.setMaxLength(200)
        self.owner.setPlaceholderText(self.tr("e.g. Ann Patel, deputy manager"))
        self.raised_on = DateField()
        self.due_on = DateField()
        self.status = QComboBox()
        for st in ActionStatus:
            self.status.addItem(self.tr(st.label), st.value)
        self.status.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.outcome = multi_line(3)
        self.outcome.setPlaceholderText(self.tr("The change made and whether it worked"))
        self.completed_on = DateField()

        labels = {
            "action": self.tr("&Action:"),
            "reason": self.tr("&Why:"),
            "source": self.tr("&From:"),
            "owner": self.tr("&Who will do it:"),
            "raised_on": self.tr("A&greed on:"),
            "due_on": self.tr("&Due by:"),
            "status": self.tr("&Status:"),
            "result": self.tr("What came of &it:"),
            "completed_on": self.tr("Finished o&n:"),
        }
        widgets: dict[str, QWidget] = {
            "action": self.action,
            "reason": self.reason,
            "source": self.source,
            "owner": self.owner,
            "raised_on": self.raised_on,
            "due_on": self.due_on,
            "status": self.status,
            "result": self.outcome,
            "completed_on": self.completed_on,
        }
        form = form_layout()
        for name in FIELD_ORDER:
            widget = widgets[name]
            widget.setAccessibleName(labels[name].replace("&", "").rstrip(":"))
            buddy = QLabel(labels[name])
            buddy.setBuddy(widget)
            self.fields[name] = widget
            shown = self.source_box if name == "source" else widget
            form.addRow(buddy, self.errors.add(name, shown, labels[name]))
        for first, second in itertools.pairwise([widgets[n] for n in FIELD_ORDER]):
            QWidget.setTabOrder(first, second)

        buttons = self.build_buttons()
        QWidget.setTabOrder(self.completed_on, buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 110)

        self._loading = True
        self._fill(start)
        self._loading = False
        self.remember_state()
        for name in FIELD_ORDER:
            self.watch(name, widgets[name])
        self.status.currentIndexChanged.connect(lambda _i: self._status_changed())
        self.errors.set_problems(self.check())
        self.action.setFocus()

    # -- values ----------------------------------------------------------------------------------

    def _fill(self, d: ImprovementActionDetails | None) -> None:
        today = self.ws.today()
        if d is None:
            d = ImprovementActionDetails("", "", ActionSource.FINDING, "", today, None)
        self.action.setPlainText(d.action)
        self.reason.setPlainText(d.reason)
        choose_data(self.source, d.source)
        self.owner.setText(d.owner or ("" if self.existing else self.ws.actor.full_name))
        self.raised_on.set_date(d.raised_on or (None if self.existing else today))
        self.due_on.set_date(d.due_on)
        choose_data(self.status, d.status)
        self.outcome.setPlainText(d.result)
        self.completed_on.set_date(d.completed_on)

    def _status_changed(self) -> None:
        """Finishing an action: today is the likeliest date; reopening it has none."""
        if self._loading:
            return
        status = ActionStatus(self.status.currentData())
        if not status.open and not self.completed_on.text().strip():
            self.completed_on.set_date(self.ws.today())
        elif status.open:
            self.completed_on.set_date(None)
        if status is ActionStatus.DONE and not self.outcome.toPlainText().strip():
            self.outcome.setFocus()

    def action_details(self) -> ImprovementActionDetails:
        """What is typed; a date that is not a date counts as none (see ``check``)."""
        return ImprovementActionDetails(
            action=self.action.toPlainText(),
            reason=self.reason.toPlainText(),
            source=ActionSource(self.source.currentData()),
            owner=self.owner.text(),
            raised_on=date_or_none(self.raised_on),
            due_on=date_or_none(self.due_on),
            source_id=self.source_id,
            status=ActionStatus(self.status.currentData()),
            result=self.outcome.toPlainText(),
            completed_on=date_or_none(self.completed_on),
        )

    def placed(self, errors: Mapping[str, str]) -> dict[str, str]:
        """A problem with the link (``source_id``) shows under the source."""
        out: dict[str, str] = {}
        for key, message in errors.items():
            out.setdefault("source" if key == "source_id" else key, message)
        return out

    def focus_problem(self, widget: QWidget) -> None:
        (self.source if widget is self.source_box else widget).setFocus()

    def state(self) -> Any:
        return (self.action_details(), tuple(f.text() for f in self._dates().values()))

    def _dates(self) -> dict[str, DateField]:
        return {"raised_on": self.raised_on, "due_on": self.due_on, "completed_on": self.completed_on}

    def date_problems(self) -> dict[str, str]:
        found = {name: field.problem() for name, field in self._dates().items()}
        return {name: problem for name, problem in found.items() if problem}

    def check(self) -> dict[str, str]:
        return self.add_rule_problems(
            self.date_problems(), lambda: self.action_details().cleaned().validate(self.ws.today())
        )

    # -- saving ----------------------------------------------------------------------------------

    def save(self) -> bool:
        """Save and close; on any problem show it at its field and save nothing."""
        self.errors.set_problems(self.check())
        if self.date_problems():
            return self.refused(self.date_problems())
        return self.submit(self._write)

    def _write(self) -> ActionView:
        details = self.action_details()
        if self.existing is None:
            return add_action(self.ws, details)
        return change_action(self.ws, self.existing.id, details, expected_version=self.existing.version)

    def close_as_done(self, result: str) -> None:
        """Set the form to Done with ``result`` (what came of it) and today's date, as a person
        closing the action would; nothing is saved until Save."""
        choose_data(self.status, ActionStatus.DONE)
        self.outcome.setPlainText(result)


def prefilled(
    reason: str, source: ActionSource, source_id: str | None = None, *, action: str = ""
) -> ImprovementActionDetails:
    """The starting details of an action created from feedback, a concern or a finding (the
    dialog fills in today and the person agreeing it)."""
    return ImprovementActionDetails(action, reason, source, "", None, None, source_id=source_id)
