"""Contact visits: what happened when a resident and their key people were in touch, whether in
the home, on an outing, by phone or by video (maintain-contact standard P14–P25).

A simple happy visit needs three things (who, when and how it went); the other sections hold the
detail the standard asks staff to observe and record when there is more to say. Each section has a
short prompt drawn from the standard.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from carelink_desktop.domain.relationships import KeepInTouch
from carelink_desktop.domain.validation import Problems, clean, cleaned_copy


class VisitKind(StrEnum):
    """How the contact happened, one for each way of keeping in touch. Values are stored: never
    rename them."""

    VISIT = "visit"
    OUTING = "outing"
    PHONE = "phone"
    VIDEO = "video"
    LETTER = "letter"
    MESSAGE = "message"

    @property
    def label(self) -> str:
        return {
            "visit": "Visit in the home",
            "outing": "Outing",
            "phone": "Phone call",
            "video": "Video call",
            "letter": "Letter or card",
            "message": "Message or email",
        }[self.value]

    @property
    def bookable(self) -> bool:
        """Visits, outings and calls are booked; letters and messages are only recorded."""
        return self not in (VisitKind.LETTER, VisitKind.MESSAGE)

    @property
    def keeps_in_touch(self) -> KeepInTouch:
        """The way of keeping in touch this contact counts towards (for the isolation signal)."""
        return {
            "visit": KeepInTouch.VISITS,
            "outing": KeepInTouch.OUTINGS,
            "phone": KeepInTouch.PHONE,
            "video": KeepInTouch.VIDEO,
            "letter": KeepInTouch.LETTERS,
            "message": KeepInTouch.MESSAGES,
        }[self.value]

    @property
    def in_person(self) -> bool:
        return self in (VisitKind.VISIT, VisitKind.OUTING)


class Supervision(StrEnum):
    """How closely staff stayed, balancing the resident's privacy with their safety."""

    NONE = "none"
    NEARBY = "nearby"
    PRESENT = "present"

    @property
    def label(self) -> str:
        return {
            "none": "None (private)",
            "nearby": "Staff nearby",
            "present": "Staff present throughout",
        }[self.value]


class Mood(StrEnum):
    """The resident's mood as staff saw it, before and after the contact."""

    HAPPY = "happy"
    SETTLED = "settled"
    QUIET = "quiet"
    ANXIOUS = "anxious"
    UPSET = "upset"
    AGITATED = "agitated"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def worrying(self) -> bool:
        return self in (Mood.ANXIOUS, Mood.UPSET, Mood.AGITATED)


@dataclass(frozen=True)
class Section:
    """One part of the visit record: its field, its label and the prompt beside it."""

    field: str
    label: str
    prompt: str
    criteria: str


#: The detailed sections of a visit record, in the order of the form, with prompts from the
#: standard (maintain-contact P14–P25).
SECTIONS: tuple[Section, ...] = (
    Section(
        "observations",
        "How it went",
        "What did you see of the time together? How did they get on, and how did the resident respond?",
        "P18",
    ),
    Section(
        "behaviour_changes",
        "Changes in behaviour",
        "Anything different in the resident or the visitors while together? Did the visitors need "
        "help to understand changes in the resident that upset them?",
        "P14, P15, P19",
    ),
    Section(
        "conflict_signs",
        "Signs of conflict",
        "Raised voices, disagreement, the resident becoming distressed, tension between visitors?",
        "P20",
    ),
    Section(
        "intervention",
        "What staff did",
        "How did you step in, following the home's procedures, and what happened then?",
        "P21",
    ),
    Section(
        "expertise_sought",
        "Advice or support sought",
        "Who did you ask for help when it was beyond you or outside your role (senior, nurse, GP, "
        "social worker)?",
        "P22, P23",
    ),
    Section(
        "visitor_concerns",
        "Concerns the visitor raised",
        "What worried them about the resident? Listen and write it in their words.",
        "P16",
    ),
    Section(
        "information_requested",
        "Information asked for",
        "What did they ask to know?",
        "P17",
    ),
    Section(
        "information_given",
        "What they were told",
        "What did you tell them, or who will answer and when? Give only what you may share.",
        "P17",
    ),
    Section(
        "benefits_limits",
        "Benefits and limits of contact",
        "Where contact is difficult: what did you talk through with the resident and the visitor "
        "about what it gives them and what it costs?",
        "P24",
    ),
    Section("notes", "Other notes", "Anything else the next shift should know.", "P25"),
)

#: The fields of a visit record the word search covers, in the order the index holds them (the
#: migrations keep their own copy, as a migration never changes).
SEARCHED_SECTIONS: tuple[str, ...] = (
    *(s.field for s in SECTIONS),
    "other_participants",
    "location",
)


@dataclass(frozen=True)
class FollowUp:
    """Something to do after the contact: who does it, by when, and whether it is done."""

    action: str
    due_on: date | None
    owner: str = ""
    done_on: date | None = None
    done_note: str = ""
    #: The stored follow-up this is (None: new).
    id: str | None = None

    def cleaned(self) -> FollowUp:
        return cleaned_copy(self)


@dataclass(frozen=True)
class VisitDetails:
    """One contact between a resident and the people who matter to them."""

    kind: VisitKind
    starts_at: datetime
    #: The key people in contact (their relationships with the resident).
    relationship_ids: tuple[str, ...] = ()
    #: Anyone else, in words: "Grandson's partner Jo", "Chaplain".
    other_participants: str = ""
    ends_at: datetime | None = None
    location: str = ""
    supervision: Supervision = Supervision.NONE
    mood_before: Mood | None = None
    mood_after: Mood | None = None
    observations: str = ""
    behaviour_changes: str = ""
    conflict_signs: str = ""
    intervention: str = ""
    expertise_sought: str = ""
    visitor_concerns: str = ""
    information_requested: str = ""
    information_given: str = ""
    benefits_limits: str = ""
    notes: str = ""
    follow_ups: tuple[FollowUp, ...] = ()
    #: The booking this contact came from, if any.
    planned_visit_id: str | None = None
    #: Staff saw the warning about a restriction on contact and went ahead.
    restriction_acknowledged: bool = False

    def cleaned(self) -> VisitDetails:
        base = cleaned_copy(self)
        return replace(
            base,
            relationship_ids=tuple(dict.fromkeys(r for r in self.relationship_ids if r)),
            follow_ups=tuple(f.cleaned() for f in self.follow_ups if clean(f.action) or f.id),
            starts_at=self.starts_at.replace(second=0, microsecond=0),
            ends_at=self.ends_at.replace(second=0, microsecond=0) if self.ends_at else None,
        )

    def validate(self, today: date) -> None:
        """Raise ValidationError naming every field that is not acceptable."""
        p = Problems()
        if not self.relationship_ids and not self.other_participants:
            p.add("relationship_ids", "Say who was in contact with the resident.")
        if self.starts_at.date() > today:
            p.add("starts_at", "A contact cannot be recorded before it happens: book it instead.")
        if self.ends_at is not None:
            if self.ends_at < self.starts_at:
                p.add("ends_at", "The end cannot be before the start.")
            elif self.ends_at - self.starts_at > timedelta(days=1):
                p.add("ends_at", "A contact lasts at most a day: check the end date.")
        for i, f in enumerate(self.follow_ups):
            if not f.action:
                p.add(f"follow_ups.{i}", "Say what the follow-up is.")
            elif f.due_on is None:
                p.add(f"follow_ups.{i}", f"Give a due date for '{f.action[:40]}'.")
            elif f.done_on is not None and f.done_on > today:
                p.add(f"follow_ups.{i}", "A follow-up cannot be done in the future.")
        for section in SECTIONS:
            p.max_length(section.field, getattr(self, section.field), section.label, 20000)
        p.raise_if_any()

    @property
    def detailed(self) -> bool:
        """True when more than the quick fields were filled in."""
        quick = {"observations"}
        return any(getattr(self, s.field) for s in SECTIONS if s.field not in quick) or bool(
            self.follow_ups or self.mood_before or self.mood_after or self.location
        )

    def minutes(self) -> int | None:
        if self.ends_at is None:
            return None
        return int((self.ends_at - self.starts_at).total_seconds() // 60)
