"""Personas: a fictional resident with their circle of key people and their consent records.

Consent records follow the Mental Capacity Act's shapes: most residents decide for themselves;
some lack capacity for the decision, which is then made by their attorney for health and
welfare (a family member in their circle), at a best-interests meeting, or rarely by a deputy.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import islice

from carelink_desktop.domain.consent import (
    Capacity,
    ConsentDecision,
    ConsentDetails,
    ConsentTopic,
    DecidedBy,
)
from carelink_desktop.domain.residents import CommunicationMethod, ResidentDetails
from carelink_desktop.synthetic import texts
from carelink_desktop.synthetic.names import BACKGROUNDS, Sex
from carelink_desktop.synthetic.people import (
    CircleMember,
    SeededResident,
    circle_for,
    circle_rng,
    circle_size,
    iter_residents,
)

_MODES = ("resident", "attorney", "best_interests", "deputy")
_EXTRA_TOPICS = (
    ConsentTopic.RELATIONSHIP_MAP,
    ConsentTopic.SHARING_WITH_FAMILY,
    ConsentTopic.SHARING_WITH_PROFESSIONALS,
    ConsentTopic.PHOTOGRAPHS,
    ConsentTopic.OTHER,
)
_ATTORNEY_RELATIONS = frozenset({"husband", "wife", "partner", "daughter", "son", "niece", "nephew"})
_FRAIL = frozenset({CommunicationMethod.GESTURE_TOUCH, CommunicationMethod.OBJECTS_OF_REFERENCE})
_LPA = "Lasting Power of Attorney for health and welfare seen; a copy is on file."


@dataclass(frozen=True)
class Persona:
    """A generated resident, their key people and their consent records."""

    resident: ResidentDetails
    background: str
    circle: tuple[CircleMember, ...]
    consents: tuple[ConsentDetails, ...]
    attorney: int | None = None  # index in ``circle`` of their attorney for health and welfare


def _deputy_name(rng: random.Random) -> str:
    bg = rng.choice(BACKGROUNDS)
    sex: Sex = "female" if rng.random() < 0.5 else "male"
    given = rng.choice(bg.younger_female if sex == "female" else bg.younger_male)
    return f"{given} {rng.choice(bg.family).for_sex(sex)}, deputy for health and welfare"


def consents_for(
    rng: random.Random, seeded: SeededResident, circle: list[CircleMember], today: date
) -> tuple[list[ConsentDetails], int | None]:
    """A resident's consent records and, when an attorney decided, their index in ``circle``."""
    d, sex = seeded.details, seeded.sex
    admitted = d.admission_date or today
    end = min(d.discharge_date or today, today)
    family = [i for i, m in enumerate(circle) if m.relationship in _ATTORNEY_RELATIONS]
    frail = bool(_FRAIL.intersection(d.communication_methods))
    mode = rng.choices(_MODES, weights=(10, 40, 40, 10) if frail else (60, 18, 18, 4))[0]
    attorney: int | None = None
    if mode == "attorney":
        if family:
            attorney = rng.choice(family)
        else:
            mode = "best_interests"
    deputy = _deputy_name(rng) if mode == "deputy" else ""
    first = circle[family[0]] if family else None
    who = (
        f"{first.details.full_name} ({first.relationship})"
        if first
        else "An Independent Mental Capacity Advocate"
    )

    topics = [ConsentTopic.KEEPING_RECORDS, *rng.sample(_EXTRA_TOPICS, rng.randint(1, 2))]
    span = max(0, (end - admitted).days)
    records: list[ConsentDetails] = []
    for topic in topics:
        decided = admitted + timedelta(days=rng.randint(0, min(60, span)))
        review = decided + timedelta(days=365) if rng.random() < 0.8 else None
        about = texts.OTHER_TOPICS[rng.randrange(len(texts.OTHER_TOPICS))]
        details = about.format(**texts.PRONOUNS[sex]) if topic is ConsentTopic.OTHER else ""
        base = ConsentDetails(
            topic, ConsentDecision.GIVEN, DecidedBy.RESIDENT, decided, details=details, review_date=review
        )
        if mode == "resident":
            roll = rng.random()
            capacity = Capacity.HAS_CAPACITY if rng.random() < 0.6 else Capacity.NOT_ASSESSED
            decision = ConsentDecision.GIVEN
            if topic is ConsentTopic.PHOTOGRAPHS and roll < 0.3:
                decision = ConsentDecision.REFUSED
                details = "Happy to be in group photos for the family only, not on display."
            elif roll < 0.05:
                decision = ConsentDecision.WITHDRAWN
                their = texts.PRONOUNS[sex]["their"]
                details = f"{details} Changed {their} mind after a month.".strip()
            records.append(replace(base, decision=decision, capacity=capacity, details=details))
            continue
        lacks = replace(
            base, capacity=Capacity.LACKS_CAPACITY, capacity_notes=rng.choice(texts.CAPACITY_NOTES)
        )
        if mode == "attorney" and attorney is not None:
            refused = topic is ConsentTopic.PHOTOGRAPHS and rng.random() < 0.2
            records.append(
                replace(
                    lacks,
                    decided_by=DecidedBy.ATTORNEY_HEALTH_WELFARE,
                    decided_by_name=circle[attorney].details.full_name,
                    decision=ConsentDecision.REFUSED if refused else ConsentDecision.GIVEN,
                    details=f"{details} {_LPA}".strip(),
                )
            )
        elif mode == "deputy":
            records.append(replace(lacks, decided_by=DecidedBy.COURT_DEPUTY, decided_by_name=deputy))
        else:
            reason = texts.BEST_INTERESTS_REASONS[topic].format(**texts.PRONOUNS[sex])
            records.append(
                replace(
                    lacks,
                    decision=ConsentDecision.BEST_INTERESTS,
                    decided_by=DecidedBy.BEST_INTERESTS_MEETING,
                    decided_by_name="Best-interests meeting chaired by the home manager",
                    best_interests_notes=f"{who}, the keyworker and the GP took part. {reason}",
                )
            )
    return records, attorney


def _with_lpa(member: CircleMember) -> CircleMember:
    note = "Holds a registered Lasting Power of Attorney for health and welfare."
    notes = f"{member.details.notes} {note}".strip()
    return replace(member, details=replace(member.details, notes=notes))


def generate_personas(
    n: int, seed: int, *, today: date | None = None, circle_sizes: tuple[int, int] = (5, 7)
) -> list[Persona]:
    """``n`` personas; their residents are exactly ``generate_residents(n, seed, today=today)``."""
    today = today or date.today()
    personas: list[Persona] = []
    for index, seeded in enumerate(islice(iter_residents(seed, today), n)):
        rng = circle_rng(seed, index)
        circle = circle_for(rng, seeded, circle_size(rng, circle_sizes))
        consents, attorney = consents_for(rng, seeded, circle, today)
        if attorney is not None:
            circle[attorney] = _with_lpa(circle[attorney])
        personas.append(
            Persona(seeded.details, seeded.background.key, tuple(circle), tuple(consents), attorney)
        )
    return personas
