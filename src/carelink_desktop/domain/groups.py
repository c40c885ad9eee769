"""Groups and communities a resident belongs to: a faith group, a club, a day centre, online."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from carelink_desktop.domain.validation import Problems, cleaned_copy


class GroupKind(StrEnum):
    FAITH = "faith"
    CLUB = "club"
    DAY_CENTRE = "day_centre"
    ONLINE = "online"
    VOLUNTEERING = "volunteering"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "faith": "Faith group",
            "club": "Club or society",
            "day_centre": "Day centre",
            "online": "Online community",
            "volunteering": "Volunteering",
            "other": "Other group",
        }[self.value]


@dataclass(frozen=True)
class GroupDetails:
    """How a resident takes part in a group and what helps the group include them (DR 1–2)."""

    name: str
    kind: GroupKind
    how_they_take_part: str = ""
    support_needed: str = ""
    what_helps_inclusion: str = ""
    contact: str = ""
    started_on: date | None = None
    ended_on: date | None = None

    def cleaned(self) -> GroupDetails:
        return cleaned_copy(self)

    def validate(self, today: date) -> None:
        p = Problems()
        p.require("name", self.name, "The group's name")
        p.max_length("name", self.name, "The group's name", 120)
        p.not_future("started_on", self.started_on, "Joined", today)
        p.not_before("ended_on", self.ended_on, self.started_on, "Left", "date they joined")
        p.raise_if_any()
