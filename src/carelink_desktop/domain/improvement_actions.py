"""Improvement actions: what the manager decides to change, why, who does it by when, and what
came of it — the loop the standard asks managers to close (lead-practice P7–P10, P13, P14).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from carelink_desktop.domain.validation import Problems, cleaned_copy


class ActionSource(StrEnum):
    """What led to the action. Values are stored: never rename them."""

    FEEDBACK = "feedback"
    CONCERN = "concern"
    FINDING = "finding"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "feedback": "Feedback",
            "concern": "A concern or dilemma",
            "finding": "An analysis finding",
            "other": "Other",
        }[self.value]


class ActionStatus(StrEnum):
    PLANNED = "planned"
    UNDER_WAY = "under_way"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return {"planned": "Planned", "under_way": "Under way", "done": "Done", "dropped": "Dropped"}[
            self.value
        ]

    @property
    def open(self) -> bool:
        return self in (ActionStatus.PLANNED, ActionStatus.UNDER_WAY)


@dataclass(frozen=True)
class ImprovementActionDetails:
    action: str
    #: Why: what in the feedback, concern or analysis led to it.
    reason: str
    source: ActionSource
    owner: str
    raised_on: date | None
    due_on: date | None
    #: The feedback or concern it came from (by id), if any.
    source_id: str | None = None
    status: ActionStatus = ActionStatus.PLANNED
    #: What came of it: the change made and whether it worked.
    result: str = ""
    completed_on: date | None = None

    def cleaned(self) -> ImprovementActionDetails:
        return cleaned_copy(self)

    def validate(self, today: date) -> None:
        p = Problems()
        p.require("action", self.action, "The action")
        p.require("reason", self.reason, "Why it is needed")
        p.require("owner", self.owner, "Who will do it")
        if self.raised_on is None:
            p.add("raised_on", "Give the date the action was agreed.")
        p.not_future("raised_on", self.raised_on, "The date agreed", today)
        if self.due_on is None:
            p.add("due_on", "Give the date it is due.")
        p.not_before("due_on", self.due_on, self.raised_on, "The due date", "date agreed")
        if self.source in (ActionSource.FEEDBACK, ActionSource.CONCERN) and self.source_id is None:
            p.add("source_id", f"Choose the {self.source.value} it came from.")
        if self.status is ActionStatus.DONE:
            p.require("result", self.result, "What came of it")
        if self.status.open:
            if self.completed_on is not None:
                p.add("completed_on", "Only a finished action has a completion date.")
        elif self.completed_on is None:
            p.add("completed_on", "Give the date it was finished.")
        p.not_future("completed_on", self.completed_on, "The completion date", today)
        p.not_before("completed_on", self.completed_on, self.raised_on, "The completion date", "date agreed")
        p.raise_if_any()

    def overdue(self, today: date) -> bool:
        return self.status.open and self.due_on is not None and self.due_on < today
