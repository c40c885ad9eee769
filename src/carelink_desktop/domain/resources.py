"""The home's resources directory: services, support groups and information to offer key people
(MC P5–P10) and, later, carers (PC P6–P16)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from carelink_desktop.domain.validation import Problems, cleaned_copy


class ResourceKind(StrEnum):
    SERVICE = "service"
    SUPPORT_GROUP = "support_group"
    INFORMATION = "information"
    FINANCIAL = "financial"
    TRANSPORT = "transport"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "service": "Service",
            "support_group": "Support group",
            "information": "Information",
            "financial": "Money and benefits",
            "transport": "Transport",
            "other": "Other",
        }[self.value]


class OfferOutcome(StrEnum):
    OFFERED = "offered"
    TAKEN_UP = "taken_up"
    DECLINED = "declined"
    NOT_SUITABLE = "not_suitable"

    @property
    def label(self) -> str:
        return {
            "offered": "Offered",
            "taken_up": "Taken up",
            "declined": "Declined",
            "not_suitable": "Not suitable",
        }[self.value]


@dataclass(frozen=True)
class ResourceDetails:
    name: str
    kind: ResourceKind
    description: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    address: str = ""
    area: str = ""

    def cleaned(self) -> ResourceDetails:
        return cleaned_copy(self)

    def validate(self) -> None:
        p = Problems()
        p.require("name", self.name, "The name")
        p.max_length("name", self.name, "The name", 160)
        p.phone("phone", self.phone)
        p.email("email", self.email)
        p.max_length("website", self.website, "The website", 300)
        p.raise_if_any()


@dataclass(frozen=True)
class OfferDetails:
    """A resource offered to the key person of one relationship."""

    resource_id: str
    offered_on: date | None
    outcome: OfferOutcome = OfferOutcome.OFFERED
    notes: str = ""

    def cleaned(self) -> OfferDetails:
        return cleaned_copy(self)

    def validate(self, today: date) -> None:
        p = Problems()
        if not self.resource_id:
            p.add("resource_id", "Choose a resource from the directory.")
        if self.offered_on is None:
            p.add("offered_on", "Give the date it was offered.")
        p.not_future("offered_on", self.offered_on, "Offered on", today)
        p.raise_if_any()
