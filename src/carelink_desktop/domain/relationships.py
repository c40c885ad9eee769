"""A resident's relationship with a key person: how close, how it is going, how they keep in touch.

The words come from the practice standards (MC P1–P10, DR 1–5, ER P1–P6): the relationships
important to the resident, how important, how they keep in touch and how often the resident
would like to, what the key person needs to keep it going, and risks and challenges.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from carelink_desktop.domain.validation import Problems, clean, cleaned_copy

#: The innermost and outermost circle of the relationship circle.
CLOSEST, FURTHEST = 1, 4


class Category(StrEnum):
    """Which sector of the circle a person sits in. Values are stored: never rename them."""

    FAMILY = "family"
    FRIEND = "friend"
    UNPAID_CARER = "unpaid_carer"
    PROFESSIONAL = "professional"
    COMMUNITY = "community"
    ADVOCATE = "advocate"

    @property
    def label(self) -> str:
        return {
            "family": "Family",
            "friend": "Friends",
            "unpaid_carer": "Unpaid carers",
            "professional": "Professionals",
            "community": "Community",
            "advocate": "Advocates",
        }[self.value]


class Quality(StrEnum):
    """How the relationship is going, as the resident and staff see it."""

    POSITIVE = "positive"
    MIXED = "mixed"
    STRAINED = "strained"
    CONFLICT = "conflict"

    @property
    def label(self) -> str:
        return {
            "positive": "Positive",
            "mixed": "Mixed",
            "strained": "Strained",
            "conflict": "In conflict",
        }[self.value]


class KeepInTouch(StrEnum):
    """A way the resident and the key person keep in touch."""

    VISITS = "visits"
    PHONE = "phone"
    VIDEO = "video"
    LETTERS = "letters"
    MESSAGES = "messages"
    OUTINGS = "outings"

    @property
    def label(self) -> str:
        return {
            "visits": "Visits",
            "phone": "Phone calls",
            "video": "Video calls",
            "letters": "Letters and cards",
            "messages": "Messages",
            "outings": "Outings",
        }[self.value]


class Frequency(StrEnum):
    """How often the resident would like a kind of contact."""

    DAILY = "daily"
    TWICE_WEEKLY = "twice_weekly"
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"
    WHEN_THEY_CAN = "when_they_can"

    @property
    def label(self) -> str:
        return {
            "daily": "Every day",
            "twice_weekly": "Twice a week",
            "weekly": "Every week",
            "fortnightly": "Every fortnight",
            "monthly": "Every month",
            "quarterly": "Every few months",
            "yearly": "Once or twice a year",
            "when_they_can": "Whenever they can (no set wish)",
        }[self.value]

    @property
    def days(self) -> int | None:
        """The longest gap (days) between contacts that still meets the wish; None: no wish."""
        return {
            "daily": 1,
            "twice_weekly": 4,
            "weekly": 7,
            "fortnightly": 14,
            "monthly": 31,
            "quarterly": 92,
            "yearly": 183,
            "when_they_can": None,
        }[self.value]


class AttorneyPower(StrEnum):
    """A registered lasting power of attorney the key person holds for the resident."""

    HEALTH_AND_WELFARE = "health_and_welfare"
    PROPERTY_AND_FINANCE = "property_and_finance"

    @property
    def label(self) -> str:
        return {
            "health_and_welfare": "Health and welfare",
            "property_and_finance": "Property and financial affairs",
        }[self.value]


@dataclass(frozen=True)
class ContactWish:
    """One way of keeping in touch and how often the resident would like it."""

    method: KeepInTouch
    frequency: Frequency
    notes: str = ""


@dataclass(frozen=True)
class RelationshipType:
    """A kind of relationship with its reverse: ("daughter", "mother"), ("friend", "friend").

    ``label`` is what the key person is to the resident; ``reverse`` what the resident is to them.
    """

    label: str
    reverse: str
    category: Category


#: The types every home starts with; a home adds its own (services.relationship_types).
BUILT_IN_TYPES: tuple[RelationshipType, ...] = tuple(
    RelationshipType(label, reverse, category)
    for label, reverse, category in (
        ("wife", "husband", Category.FAMILY),
        ("husband", "wife", Category.FAMILY),
        ("partner", "partner", Category.FAMILY),
        ("daughter", "parent", Category.FAMILY),
        ("son", "parent", Category.FAMILY),
        ("granddaughter", "grandparent", Category.FAMILY),
        ("grandson", "grandparent", Category.FAMILY),
        ("sister", "sibling", Category.FAMILY),
        ("brother", "sibling", Category.FAMILY),
        ("niece", "aunt or uncle", Category.FAMILY),
        ("nephew", "aunt or uncle", Category.FAMILY),
        ("cousin", "cousin", Category.FAMILY),
        ("daughter-in-law", "parent-in-law", Category.FAMILY),
        ("son-in-law", "parent-in-law", Category.FAMILY),
        ("friend", "friend", Category.FRIEND),
        ("neighbour", "neighbour", Category.FRIEND),
        ("former colleague", "former colleague", Category.FRIEND),
        ("unpaid carer", "person cared for", Category.UNPAID_CARER),
        ("GP", "patient", Category.PROFESSIONAL),
        ("social worker", "client", Category.PROFESSIONAL),
        ("district nurse", "patient", Category.PROFESSIONAL),
        ("chaplain", "member of the congregation", Category.COMMUNITY),
        ("befriender", "befriendee", Category.COMMUNITY),
        ("advocate", "person advocated for", Category.ADVOCATE),
        ("IMCA", "person advocated for", Category.ADVOCATE),
    )
)


@dataclass(frozen=True)
class RelationshipDetails:
    """What staff record about one relationship (everything but who it is between)."""

    relationship: str
    category: Category
    reverse_relationship: str = ""
    circle: int = 2
    quality: Quality = Quality.POSITIVE
    next_of_kin: bool = False
    primary_next_of_kin: bool = False
    attorney_powers: tuple[AttorneyPower, ...] = ()
    essential_care_supporter: bool = False
    contact_wishes: tuple[ContactWish, ...] = ()
    what_matters: str = ""
    support_needed: str = ""
    difficulties: str = ""
    risks_and_challenges: str = ""
    started_on: date | None = None
    ended_on: date | None = None
    end_reason: str = ""
    end_support: str = ""

    def cleaned(self) -> RelationshipDetails:
        """Trimmed text; one wish per way of keeping in touch; primary implies next of kin."""
        wishes: dict[KeepInTouch, ContactWish] = {}
        for wish in self.contact_wishes:
            wishes[wish.method] = replace(wish, notes=clean(wish.notes))
        return replace(
            cleaned_copy(self),
            contact_wishes=tuple(wishes.values()),
            attorney_powers=tuple(dict.fromkeys(self.attorney_powers)),
            next_of_kin=self.next_of_kin or self.primary_next_of_kin,
        )

    def validate(self, today: date) -> None:
        """Raise ValidationError naming every field that is not acceptable."""
        p = Problems()
        p.require("relationship", self.relationship, "The relationship")
        p.max_length("relationship", self.relationship, "The relationship", 60)
        p.max_length("reverse_relationship", self.reverse_relationship, "The reverse relationship", 60)
        if not CLOSEST <= self.circle <= FURTHEST:
            p.add("circle", f"Choose a circle from {CLOSEST} (closest) to {FURTHEST}.")
        p.not_future("started_on", self.started_on, "Started", today)
        p.not_future("ended_on", self.ended_on, "Ended", today)
        p.not_before("ended_on", self.ended_on, self.started_on, "Ended", "date it started")
        if self.ended_on is None and (self.end_reason or self.end_support):
            p.add("ended_on", "Give the date the relationship ended.")
        if self.ended_on is not None and not self.end_reason:
            p.add("end_reason", "Say why the relationship ended.")
        if self.ended_on is not None and self.essential_care_supporter:
            p.add("essential_care_supporter", "An ended relationship cannot be the essential care supporter.")
        for name, text, limit in (
            ("what_matters", self.what_matters, 4000),
            ("support_needed", self.support_needed, 4000),
            ("difficulties", self.difficulties, 4000),
            ("risks_and_challenges", self.risks_and_challenges, 4000),
            ("end_reason", self.end_reason, 2000),
            ("end_support", self.end_support, 2000),
        ):
            p.max_length(name, text, "This", limit)
        p.raise_if_any()

    @property
    def ended(self) -> bool:
        return self.ended_on is not None

    @property
    def is_unpaid_carer(self) -> bool:
        return self.category is Category.UNPAID_CARER


def marks(details: RelationshipDetails, *, restricted: bool) -> tuple[str, ...]:
    """Short tags shown beside a person on the circle and in lists, in a fixed order.

    Text (not colour) so the map reads in greyscale and aloud by a screen reader."""
    tags: list[str] = []
    if details.primary_next_of_kin:
        tags.append("NOK (primary)")
    elif details.next_of_kin:
        tags.append("NOK")
    if details.attorney_powers:
        tags.append("LPA")
    if details.essential_care_supporter:
        tags.append("ECS")
    if details.is_unpaid_carer:
        tags.append("Carer")
    if restricted:
        tags.append("Restricted")
    return tuple(tags)


#: What each mark means, for legends and tooltips.
MARK_MEANINGS: tuple[tuple[str, str], ...] = (
    ("NOK", "Next of kin (primary: the first to contact)"),
    ("LPA", "Holds a lasting power of attorney"),
    ("ECS", "Essential care supporter: may visit during an outbreak"),
    ("Carer", "Unpaid carer"),
    ("Restricted", "Contact is restricted: check before arranging contact"),
)
