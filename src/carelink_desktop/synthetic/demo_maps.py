"""The demo home's relationship maps: circles, how each relationship is going, how people keep
in touch, next of kin and attorneys, what matters, and the records around the maps (groups,
relationship issues, evaluations, a restriction on contact, a keyworker change, the resources
directory and resources offered).

Everything follows from the seed: ``plan_relationships`` is pure (the same plan and day give the
same details), and the records are written with a random stream seeded per resident. Two residents
carry the stories that show every part of the map: the *featured* resident (a family in which one
son's contact is restricted under a safeguarding plan, an open issue, an overdue evaluation and a
keyworker change) and the *second* (a resolved issue, an evaluation due soon, a friend who died).

Writing goes through the services: the relationships in one transaction with
``services.relationships.add_relationship`` (as ``services.links.link_many`` does, but with all
the details), the other records one service call each.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.relationships import (
    BUILT_IN_TYPES,
    AttorneyPower,
    Category,
    ContactWish,
    Frequency,
    KeepInTouch,
    Quality,
    RelationshipDetails,
)
from carelink_desktop.synthetic.demo_map_texts import (
    DIFFICULTIES,
    EXTRAS,
    KINDS,
    OWN_TYPES,
    RISKS,
    SUPPORT_NEEDED,
    VC,
    WHAT_MATTERS,
    WISH_NOTES,
    F,
    L,
    M,
    P,
    V,
)
from carelink_desktop.synthetic.people import drama_phone_number
from carelink_desktop.synthetic.personas import Persona

# -- the plan ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExtraPerson:
    """A professional, advocate or community person on one resident's map."""

    details: KeyPersonDetails
    relationship: RelationshipDetails


@dataclass(frozen=True)
class ResidentMapPlan:
    """One resident's relationships: one per circle member (in order), then the extras."""

    relationships: tuple[RelationshipDetails, ...]
    extras: tuple[ExtraPerson, ...] = ()
    role: str = ""  # "featured", "second" or ""
    #: Indexes (into ``relationships``) the stories of the featured resident use.
    cast: dict[str, int] = field(default_factory=dict)


def rng_for(seed: int, index: int, what: str) -> random.Random:
    return random.Random(f"carelink-map:{seed}:{index}:{what}")


def first_name(given: str) -> str:
    """The first of a resident's given names (key people go by all their given names)."""
    return given.split(maxsplit=1)[0] if given.strip() else given


def resident_first_name(persona: Persona) -> str:
    d = persona.resident
    return d.preferred_name or first_name(d.legal_given_names)


def _say(text: str, name: str, kp: str = "") -> str:
    return text.format(name=name, kp=kp)


def is_current(persona: Persona, today: date) -> bool:
    left = persona.resident.discharge_date
    return left is None or left > today


def _type_of(label: str) -> tuple[Category, str]:
    if label in OWN_TYPES:
        return OWN_TYPES[label]
    known = next((t for t in BUILT_IN_TYPES if t.label == label), None)
    return (known.category, known.reverse) if known else (Category.FAMILY, "")


def _wishes(rng: random.Random, kind: str) -> tuple[ContactWish, ...]:
    def wish(method: KeepInTouch, frequency: Frequency) -> ContactWish:
        notes = rng.choice(WISH_NOTES.get(method, ("",)))
        return ContactWish(method, frequency, notes)

    if kind == "spouse":
        return rng.choice(((wish(V, F.DAILY),), (wish(V, F.TWICE_WEEKLY), wish(P, F.DAILY))))
    if kind == "child":
        near = (wish(V, F.WEEKLY), wish(P, rng.choice((F.DAILY, F.TWICE_WEEKLY))))
        far = (wish(VC, F.WEEKLY), wish(V, F.QUARTERLY))
        return near if rng.random() < 0.75 else far
    if kind == "grandchild":
        return (wish(VC, F.FORTNIGHTLY),) + ((wish(V, F.MONTHLY),) if rng.random() < 0.5 else ())
    if kind == "sibling":
        return (wish(P, F.WEEKLY), wish(L, F.MONTHLY))
    if kind == "niece":
        return (wish(V, F.MONTHLY),)
    if kind == "friend":
        return (rng.choice((wish(V, F.FORTNIGHTLY), wish(P, F.WEEKLY))),)
    if kind == "day_centre":
        return (ContactWish(V, F.MONTHLY, "Comes with the day centre minibus"),)
    if kind == "colleague":
        return (ContactWish(L, F.QUARTERLY, "Christmas and birthday cards"),)
    if kind == "godchild":
        return (rng.choice((ContactWish(L, F.YEARLY, "Birthday cards"), wish(M, F.MONTHLY))),)
    return ()


_CIRCLES = {
    "spouse": (1,),
    "child": (1, 1, 2),
    "grandchild": (2, 2, 3),
    "sibling": (2, 3),
    "niece": (3,),
    "friend": (2, 3, 3),
    "day_centre": (3,),
    "colleague": (4,),
    "godchild": (3, 4),
}


def _relationship(rng: random.Random, persona: Persona, i: int) -> RelationshipDetails:
    member = persona.circle[i]
    label = member.relationship
    kind = KINDS.get(label, "friend")
    category, reverse = _type_of(label)
    name, kp = resident_first_name(persona), member.details.given_names
    roll = rng.random()
    quality = Quality.POSITIVE if roll < 0.78 else Quality.MIXED if roll < 0.92 else Quality.STRAINED
    matters = WHAT_MATTERS.get(kind, ())
    support = SUPPORT_NEEDED.get(kind, ())
    family = category is Category.FAMILY
    details = RelationshipDetails(
        relationship=label,
        category=category,
        reverse_relationship=reverse,
        circle=rng.choice(_CIRCLES.get(kind, (3,))),
        quality=quality,
        contact_wishes=_wishes(rng, kind),
        what_matters=_say(rng.choice(matters), name, kp)
        if matters and rng.random() < (0.8 if family else 0.5)
        else "",
        support_needed=_say(rng.choice(support), name, kp) if support and rng.random() < 0.45 else "",
        difficulties=_say(rng.choice(DIFFICULTIES), name, kp) if family and rng.random() < 0.15 else "",
        risks_and_challenges=_say(rng.choice(RISKS), name, kp) if quality is not Quality.POSITIVE else "",
    )
    if i == persona.attorney:
        powers: tuple[AttorneyPower, ...] = (AttorneyPower.HEALTH_AND_WELFARE,)
        if rng.random() < 0.5:
            powers += (AttorneyPower.PROPERTY_AND_FINANCE,)
        details = replace(details, attorney_powers=powers)
    return details


def _next_of_kin(persona: Persona, details: list[RelationshipDetails], rng: random.Random) -> int | None:
    """Marks next of kin (spouse, else children, else siblings, else nieces and nephews), the
    first of them primary; returns the primary's index."""
    kinds = [KINDS.get(m.relationship, "") for m in persona.circle]
    for group in (("spouse",), ("child",), ("sibling",), ("niece",)):
        chosen = [i for i, k in enumerate(kinds) if k in group]
        if not chosen:
            continue
        for i in chosen:
            details[i] = replace(details[i], next_of_kin=True)
        if group == ("spouse",):  # the children are next of kin too
            for i, k in enumerate(kinds):
                if k == "child":
                    details[i] = replace(details[i], next_of_kin=True)
        primary = chosen[0]
        details[primary] = replace(details[primary], primary_next_of_kin=True, circle=1)
        return primary
    return None


def _extra(rng: random.Random, persona: Persona, key: str, today: date) -> ExtraPerson:
    label, category, reverse, circle, given, family, matters = EXTRAS[key]
    admitted = persona.resident.admission_date or today
    started = min(today, admitted + timedelta(days=rng.randint(3, 60)))
    wishes: tuple[ContactWish, ...] = ()
    if key == "befriender":
        wishes = (ContactWish(V, F.WEEKLY, "Tuesday afternoons"),)
    elif key == "chaplain":
        wishes = (ContactWish(V, F.MONTHLY, "first Sunday of the month"),)
    elif key == "advocate":
        wishes = (ContactWish(V, F.FORTNIGHTLY, "on their own, in the quiet room"),)
    return ExtraPerson(
        KeyPersonDetails(given, family, phone=drama_phone_number(rng)),
        RelationshipDetails(
            relationship=label,
            category=category,
            reverse_relationship=reverse,
            circle=circle,
            contact_wishes=wishes,
            what_matters=_say(matters, resident_first_name(persona)),
            started_on=started,
        ),
    )


def _featured_cast(persona: Persona) -> dict[str, int] | None:
    """Who plays which part in the featured resident's story, or None if the family does not fit:
    a spouse or child as primary next of kin, and another child whose contact is restricted."""
    kinds = [KINDS.get(m.relationship, "") for m in persona.circle]
    children = [i for i, k in enumerate(kinds) if k == "child"]
    spouse = next((i for i, k in enumerate(kinds) if k == "spouse"), None)
    if len(children) < 2 or spouse is None:
        return None
    return {"spouse": spouse, "child": children[0], "restricted": children[1]}


def _second_cast(persona: Persona) -> dict[str, int] | None:
    """A resident with a friend or former colleague to end, and a child or sibling."""
    kinds = [KINDS.get(m.relationship, "") for m in persona.circle]
    ending = next((i for i, k in enumerate(kinds) if k in ("colleague", "friend")), None)
    family = next((i for i, k in enumerate(kinds) if k in ("child", "sibling", "niece")), None)
    if ending is None or family is None:
        return None
    return {"ended": ending, "family": family}


def plan_relationships(personas: Sequence[Persona], seed: int, today: date) -> list[ResidentMapPlan]:
    """The relationship details of every resident's circle, and the extra people: pure."""
    plans: list[ResidentMapPlan] = []
    featured = second = False
    carers = 0
    for index, persona in enumerate(personas):
        rng = rng_for(seed, index, "relationships")
        details = [_relationship(rng, persona, i) for i in range(len(persona.circle))]
        primary = _next_of_kin(persona, details, rng)
        current = is_current(persona, today)
        if current and primary is not None and rng.random() < 0.8:
            details[primary] = replace(details[primary], essential_care_supporter=True)
        role, cast = "", None
        keys: list[str] = []
        if current and not featured and (cast := _featured_cast(persona)) is not None:
            role, featured = "featured", True
            details = _featured(persona, details, cast)
            keys = ["gp", "advocate", "chaplain"]
        elif current and not second and (cast := _second_cast(persona)) is not None:
            role, second = "second", True
            details = _second(persona, details, cast, today)
            keys = ["befriender"]
        elif current:
            family = sum(1 for d in details if d.category is Category.FAMILY)
            if family <= 2:
                keys = ["befriender"]
            elif rng.random() < 0.12:
                keys = [rng.choice(("social_worker", "district_nurse"))]
            neighbour = next((i for i, m in enumerate(persona.circle) if m.relationship == "neighbour"), None)
            if carers < 2 and neighbour is not None:
                carers += 1
                details[neighbour] = _carer(persona, details[neighbour], neighbour)
        extras = tuple(_extra(rng, persona, key, today) for key in keys)
        plans.append(ResidentMapPlan(tuple(details), extras, role, cast or {}))
    return plans


def _carer(persona: Persona, details: RelationshipDetails, i: int) -> RelationshipDetails:
    """A neighbour who cared for the resident at home before the move: an unpaid carer."""
    name, kp = resident_first_name(persona), persona.circle[i].details.given_names
    return replace(
        details,
        relationship="neighbour and carer",
        category=Category.UNPAID_CARER,
        reverse_relationship="person cared for",
        circle=2,
        contact_wishes=(ContactWish(V, F.TWICE_WEEKLY, "Mornings, after the school run"),),
        what_matters=f"{kp} looked in on {name} every day for six years before the move, did the "
        f'shopping and collected the prescriptions. {name} says {kp} is "like family".',
        support_needed=f"Still feels responsible for {name}: to be told how {name} is, and "
        "information about the carers' centre.",
    )


def pronouns(relationship: str) -> tuple[str, str, str]:
    """(he, him, his) or (she, her, her) for a son or daughter; (they, them, their) otherwise."""
    if relationship == "son":
        return "he", "him", "his"
    if relationship == "daughter":
        return "she", "her", "her"
    return "they", "them", "their"


def _featured(
    persona: Persona, details: list[RelationshipDetails], cast: dict[str, int]
) -> list[RelationshipDetails]:
    name = resident_first_name(persona)
    spouse, child, restricted = cast["spouse"], cast["child"], cast["restricted"]
    kp = persona.circle[restricted].details.given_names
    he, him = pronouns(persona.circle[restricted].relationship)[:2]
    details = list(details)
    details[child] = replace(
        details[child],
        circle=1,
        quality=Quality.POSITIVE,
        attorney_powers=(AttorneyPower.PROPERTY_AND_FINANCE,),
        support_needed=_say(SUPPORT_NEEDED["child"][2], name),
    )
    details[spouse] = replace(
        details[spouse],
        quality=Quality.POSITIVE,
        support_needed=_say(SUPPORT_NEEDED["spouse"][0], name),
        difficulties=_say(DIFFICULTIES[0], name),
    )
    details[restricted] = replace(
        details[restricted],
        circle=3,
        quality=Quality.CONFLICT,
        next_of_kin=False,
        essential_care_supporter=False,
        contact_wishes=(ContactWish(V, F.FORTNIGHTLY, "Saturday afternoons"),),
        what_matters=f"{name} loves {kp} and wants to keep seeing {him}, but not to talk about "
        "the house or money.",
        risks_and_challenges=f"{kp} has pressed {name} to sign papers about selling the family "
        f"home; {name} was tearful and could not sleep after two visits. Under the safeguarding "
        "plan, visits are supervised and staff end a visit if the subject comes up.",
        difficulties=f"{kp} says {he} is worried about paying for {name}'s care and feels shut "
        "out by the rest of the family.",
    )
    return details


def _second(
    persona: Persona, details: list[RelationshipDetails], cast: dict[str, int], today: date
) -> list[RelationshipDetails]:
    name = resident_first_name(persona)
    ended = cast["ended"]
    kp = persona.circle[ended].details.given_names
    died = today - timedelta(days=75)
    details = list(details)
    details[ended] = replace(
        details[ended],
        essential_care_supporter=False,
        ended_on=died,
        end_reason=f"{kp} died in {died:%B %Y} after a short illness.",
        end_support=f"{kp}'s daughter let the home know. Staff helped {name} send a card to the "
        f"family and go to the funeral; the chaplain visited afterwards, and a photo of {kp} is in "
        f"{name}'s memory book.",
    )
    return details
