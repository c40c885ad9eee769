"""Relationship issues (ER P7–P18): what the issue is, everyone's views, advice, the way forward."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from carelink_desktop.domain.validation import Problems, clean, cleaned_copy


class IssueKind(StrEnum):
    MISUNDERSTANDING = "misunderstanding"
    DISAGREEMENT = "disagreement"
    COMMUNICATION = "communication"
    CONFLICTING_WISHES = "conflicting_wishes"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "misunderstanding": "Misunderstanding",
            "disagreement": "Disagreement",
            "communication": "Communication difficulty",
            "conflicting_wishes": "Conflicting wishes",
            "other": "Other",
        }[self.value]


class IssueStatus(StrEnum):
    OPEN = "open"
    IN_HAND = "in_hand"
    RESOLVED = "resolved"
    CLOSED_UNRESOLVED = "closed_unresolved"

    @property
    def label(self) -> str:
        return {
            "open": "Open",
            "in_hand": "Ways forward agreed",
            "resolved": "Resolved",
            "closed_unresolved": "Closed without resolution",
        }[self.value]

    @property
    def is_open(self) -> bool:
        return self in (IssueStatus.OPEN, IssueStatus.IN_HAND)


@dataclass(frozen=True)
class PersonView:
    """What one person involved thinks (a key person's relationship id, or a name typed in)."""

    who: str
    view: str
    relationship_id: str | None = None


@dataclass(frozen=True)
class IssueDetails:
    summary: str
    kind: IssueKind
    raised_on: date | None
    description: str = ""
    relationship_ids: tuple[str, ...] = ()
    residents_view: str = ""
    views: tuple[PersonView, ...] = ()
    advice_sought: str = ""
    ways_forward: str = ""
    outcome: str = ""
    status: IssueStatus = IssueStatus.OPEN
    closed_on: date | None = None

    def cleaned(self) -> IssueDetails:
        views = tuple(
            replace(v, who=clean(v.who), view=clean(v.view))
            for v in self.views
            if clean(v.who) or clean(v.view)
        )
        return replace(
            cleaned_copy(self), views=views, relationship_ids=tuple(dict.fromkeys(self.relationship_ids))
        )

    def validate(self, today: date) -> None:
        p = Problems()
        p.require("summary", self.summary, "A short summary")
        p.max_length("summary", self.summary, "The summary", 200)
        if self.raised_on is None:
            p.add("raised_on", "Give the date the issue was raised.")
        p.not_future("raised_on", self.raised_on, "Raised on", today)
        for n, v in enumerate(self.views):
            if not v.who:
                p.add(f"views.{n}", "Say whose view this is.")
            elif not v.view:
                p.add(f"views.{n}", f"Record {v.who}'s view.")
        if not self.status.is_open:
            if self.closed_on is None:
                p.add("closed_on", "Give the date the issue was closed.")
            if not self.outcome:
                p.add("outcome", "Record the outcome before closing the issue.")
        p.not_before("closed_on", self.closed_on, self.raised_on, "Closed on", "date it was raised")
        p.not_future("closed_on", self.closed_on, "Closed on", today)
        if self.status is IssueStatus.IN_HAND and not self.ways_forward:
            p.add("ways_forward", "Record the ways forward that were agreed.")
        p.raise_if_any()
