"""The manager's narrative for a governance review of a period: the good practice seen and the
areas to improve (lead-practice P7, P13), kept with the period it covers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from carelink_desktop.domain.validation import Problems, cleaned_copy


@dataclass(frozen=True)
class Narrative:
    period_start: date
    period_end: date
    good_practice: str = ""
    to_improve: str = ""

    def cleaned(self) -> Narrative:
        return cleaned_copy(self)

    def validate(self) -> None:
        p = Problems()
        p.not_before("period_end", self.period_end, self.period_start, "The end of the period", "start")
        p.raise_if_any()
