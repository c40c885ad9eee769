"""Moving on from a keyworker (ER P19–P23): when, how, who takes over, risks, who is involved."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from carelink_desktop.domain.validation import Problems, clean, cleaned_copy


@dataclass(frozen=True)
class Involvement:
    """A key person involved in the change, and when and how."""

    relationship_id: str
    how_and_when: str


@dataclass(frozen=True)
class KeyworkerChangeDetails:
    reason: str
    planned_on: date | None
    new_keyworker_id: str | None
    previous_keyworker_id: str | None = None
    how: str = ""
    risks: str = ""
    risk_handling: str = ""
    involvement: tuple[Involvement, ...] = ()
    completed_on: date | None = None
    notes: str = ""

    def cleaned(self) -> KeyworkerChangeDetails:
        seen: dict[str, Involvement] = {}
        for item in self.involvement:
            seen[item.relationship_id] = replace(item, how_and_when=clean(item.how_and_when))
        return replace(cleaned_copy(self), involvement=tuple(seen.values()))

    def validate(self, today: date) -> None:
        p = Problems()
        p.require("reason", self.reason, "Why the keyworker is changing")
        if self.planned_on is None:
            p.add("planned_on", "Give the date of the change.")
        if not self.new_keyworker_id:
            p.add("new_keyworker_id", "Choose who takes over.")
        elif self.new_keyworker_id == self.previous_keyworker_id:
            p.add("new_keyworker_id", "The new keyworker is the same as the current one.")
        p.require("how", self.how, "How the move will be made")
        if self.risks and not self.risk_handling:
            p.add("risk_handling", "Say how the risks will be handled.")
        for n, item in enumerate(self.involvement):
            if not item.how_and_when:
                p.add(f"involvement.{n}", "Say when and how this person is involved.")
        p.not_future("completed_on", self.completed_on, "Completed on", today)
        p.raise_if_any()
