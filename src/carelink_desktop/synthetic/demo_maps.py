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
from typing import Any

from carelink_desktop.domain.evaluations import EvaluationDetails
from carelink_desktop.domain.groups import GroupDetails, GroupKind
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.keyworker_changes import Involvement, KeyworkerChangeDetails
from carelink_desktop.domain.relationship_issues import IssueDetails, IssueKind, IssueStatus, PersonView
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
from carelink_desktop.domain.resources import OfferDetails, OfferOutcome, ResourceDetails, ResourceKind
from carelink_desktop.domain.restrictions import RestrictionDetails, RestrictionKind
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.resident_records import RecordKind
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.synthetic.people import drama_phone_number
from carelink_desktop.synthetic.personas import Persona

V, P, VC, L, M = (
    KeepInTouch.VISITS,
    KeepInTouch.PHONE,
    KeepInTouch.VIDEO,
    KeepInTouch.LETTERS,
    KeepInTouch.MESSAGES,
)
F = Frequency

# -- words -------------------------------------------------------------------------------------

#: How each relationship word of the personas is grouped here.
_KINDS = {
    "husband": "spouse",
    "wife": "spouse",
    "partner": "spouse",
    "daughter": "child",
    "son": "child",
    "granddaughter": "grandchild",
    "grandson": "grandchild",
    "sister": "sibling",
    "brother": "sibling",
    "niece": "niece",
    "nephew": "niece",
    "friend": "friend",
    "neighbour": "friend",
    "friend from the day centre": "day_centre",
    "former colleague": "colleague",
    "godchild": "godchild",
}
#: Words the built-in types do not know: (category, what the resident is to them).
_OWN_TYPES = {
    "godchild": (Category.FRIEND, "godparent"),
    "friend from the day centre": (Category.FRIEND, "friend"),
}

# {name} is the resident as staff call them, {kp} the key person's first name.
WHAT_MATTERS: dict[str, tuple[str, ...]] = {
    "spouse": (
        "Married for over fifty years. Sitting together in the conservatory, holding hands and "
        "doing the crossword: {kp} reads the clues and {name} still gets most of them.",
        "{kp} brings the Sunday paper and they share a pot of tea in {name}'s room, just as they "
        "did at home.",
    ),
    "child": (
        "{name} lights up when {kp} arrives. They look through the family albums and {kp} keeps "
        "{name} up to date with the grandchildren.",
        "{kp} takes {name} out for fish and chips on the seafront when the weather is fine: "
        "{name} talks about it for days afterwards.",
        "A phone call from {kp} most evenings: {name} likes to hear about {kp}'s day and to say goodnight.",
        "{kp} helps {name} with letters and money matters and always stays for a cup of tea "
        "and a chat about the old street.",
    ),
    "grandchild": (
        "Video calls from {kp}, who is at university: {name} loves hearing about the course and "
        "seeing the cat.",
        "{kp} paints {name}'s nails on visits and they listen to old songs together.",
        "{kp} brings the baby to visit; {name} loves a cuddle and telling stories about {kp} as a child.",
        "{kp} shows {name} photos of the football team {kp} coaches, and they talk about the old players.",
    ),
    "sibling": (
        "The last of {name}'s brothers and sisters: they talk about growing up and the people "
        "on their old street.",
        "They ring each other every week and argue happily about the football.",
    ),
    "niece": (
        "{kp} visits once a month and brings home-made cake; {name} was like a second parent to {kp}.",
    ),
    "friend": (
        "Friends for more than forty years. {kp} brings news of everyone from the old road and "
        "they laugh about the same stories.",
        "{kp} and {name} go to the garden centre café together; it is {name}'s favourite outing.",
    ),
    "day_centre": ("They met at the day centre and play dominoes together when {kp} visits.",),
    "colleague": ("They worked together for years and still send each other cards at Christmas.",),
    "godchild": ("{name} is very proud of {kp}, and keeps {kp}'s wedding photo on the windowsill.",),
}
SUPPORT_NEEDED: dict[str, tuple[str, ...]] = {
    "spouse": (
        "Does not drive and lives alone now: lifts from the volunteer driver scheme on Tuesdays "
        "and Fridays, and a quiet corner away from the lounge television.",
        "Is hard of hearing: a quiet room for visits, and staff to speak clearly when passing on news.",
    ),
    "child": (
        "Works full time: a message from the keyworker when something changes, and visits at weekends.",
        "Lives two hours away: the home's tablet set up for a video call on Wednesday evenings.",
        "Would like to be asked before any change to {name}'s care, and to join the reviews by phone.",
    ),
    "grandchild": ("Help to set up video calls: staff bring the tablet to {name} at 6 pm on Sundays.",),
    "sibling": ("Uses a wheelchair: the ramp at the side door and a parking space near it.",),
    "friend": ("Cannot manage the bus any more: information about community transport.",),
}
DIFFICULTIES = (
    "Feels guilty about {name} moving into the home and finds leaving after a visit hard.",
    "Is caring for a husband with Parkinson's as well, so visits are sometimes cut short.",
    "Money is tight since retiring and the bus fares add up.",
    "Finds it upsetting when {name} does not recognise {kp} straight away.",
)
RISKS = (
    "{name} is tired after long visits: an hour in the afternoon suits best.",
    "{name} can become anxious if {kp} talks about going home; staff help to steer the "
    "conversation to family news.",
)
WISH_NOTES = {
    V: ("Sunday afternoons", "Saturday mornings", "After work, about 6 pm", ""),
    P: ("A goodnight call", "After 7 pm", ""),
    VC: ("On the home's tablet", ""),
    L: ("Birthday and Christmas cards", ""),
}

#: Faith groups by the first words of a resident's faith: name, how they take part, what helps.
FAITH_GROUPS: tuple[tuple[str, str, str, str], ...] = (
    (
        "Church of England",
        "St Aidan's Church coffee morning",
        "Goes on the first Saturday of the month with a volunteer driver; the vicar visits in between.",
        "A seat near the door and a wheelchair taxi booked by the home",
    ),
    (
        "Roman Catholic",
        "St Joseph's parish",
        "A parish volunteer brings Communion on Sundays; goes to Mass at Easter and Christmas.",
        "The parish newsletter printed in large type",
    ),
    (
        "Methodist",
        "Wesley Road Methodist Chapel",
        "Watches the Sunday service online on the home's tablet and sings along with the hymns.",
        "Staff set up the tablet at 10.25 on Sunday mornings",
    ),
    (
        "Muslim",
        "Eastmarrow Masjid community",
        "Listens to the Friday khutbah streamed from the masjid; members visit during Ramadan.",
        "A quiet room on Fridays, and halal food at community events",
    ),
    (
        "Sikh",
        "Guru Nanak Gurdwara, Pellingford",
        "Goes to the gurdwara with family for Vaisakhi; langar is brought in on some Sundays.",
        "Help to keep hair covered when going out",
    ),
    (
        "Hindu",
        "Shree Krishna Mandir, Dunmarrow",
        "Family take them to the mandir for Diwali; the priest visits at festivals.",
        "Vegetarian food kept separate at shared events",
    ),
    (
        "Seventh-day Adventist",
        "Kettlewick Seventh-day Adventist Church",
        "Keeps the Sabbath; church members visit on Saturday afternoons and sing together.",
        "No activities booked for Saturday mornings",
    ),
    (
        "Greek Orthodox",
        "St Nicholas Greek Orthodox Church",
        "Goes to church at Easter with the family; the priest visits at Christmas.",
        "",
    ),
)
OTHER_GROUPS: tuple[tuple[str, GroupKind, str, str], ...] = (
    (
        "Rosewood Green Community Choir",
        GroupKind.CLUB,
        "Sings with the choir when they visit the home each month, and at the Christmas concert.",
        "Song sheets in large print",
    ),
    (
        "Brambleford Day Centre",
        GroupKind.DAY_CENTRE,
        "Tuesdays: lunch, dominoes and the music session.",
        "The day centre minibus; a carer rode along for the first few weeks",
    ),
    (
        "Memories of the Railway (online group)",
        GroupKind.ONLINE,
        "Reads the posts with staff on the tablet and dictates replies about the old signal boxes.",
        "Staff time on Wednesday afternoons",
    ),
    (
        "Knit and Natter for the neonatal unit",
        GroupKind.VOLUNTEERING,
        "Knits hats for premature babies at the home's Thursday group; the hospital sends photos.",
        "Chunky needles that are easier to hold",
    ),
    (
        "Kettlewick Bowls Club",
        GroupKind.CLUB,
        "Goes to watch the Saturday matches in summer; still an honorary member.",
        "A folding chair; the club captain gives lifts",
    ),
    (
        "Family WhatsApp group",
        GroupKind.ONLINE,
        "Sees photos of the grandchildren on the tablet; staff help to send voice messages back.",
        "The tablet charged and the group shown after lunch",
    ),
)

#: The home's resources directory: fictional services, drama-range phone numbers, example.org.
RESOURCES: tuple[ResourceDetails, ...] = (
    ResourceDetails(
        "Brambleford Carers' Centre",
        ResourceKind.SUPPORT_GROUP,
        "Advice and a monthly carers' café for anyone looking after a relative or friend; "
        "arranges carer's assessments with the council.",
        phone="01632 960214",
        email="hello@brambleford-carers.example.org",
        website="https://brambleford-carers.example.org",
        area="Brambleford and Kettlewick",
    ),
    ResourceDetails(
        "Later Life Kettlewick",
        ResourceKind.SERVICE,
        "Information and advice for older people and their families: care costs, lasting powers "
        "of attorney, help at home.",
        phone="01632 960377",
        website="https://laterlife-kettlewick.example.org",
        area="Kettlewick district",
    ),
    ResourceDetails(
        "Forget-me-not Dementia Support Group",
        ResourceKind.SUPPORT_GROUP,
        "Meets fortnightly at Rosewood Green library for families of people living with dementia; "
        "talks, a listening ear and tea.",
        phone="01632 960452",
        area="Rosewood Green",
    ),
    ResourceDetails(
        "Friendly Voices Befriending",
        ResourceKind.SERVICE,
        "Volunteers who visit or phone every week, for residents with few visitors.",
        phone="020 7946 0318",
        email="befriend@friendlyvoices.example.org",
    ),
    ResourceDetails(
        "Dial-a-Ride Eastmarrow",
        ResourceKind.TRANSPORT,
        "Door-to-door minibus for people who cannot use buses; book 48 hours ahead.",
        phone="01632 960589",
        area="Eastmarrow and Brambleford",
    ),
    ResourceDetails(
        "Pennyroyal Benefits Advice",
        ResourceKind.FINANCIAL,
        "Free help to claim Attendance Allowance, Carer's Allowance and Pension Credit.",
        phone="01632 960633",
        email="advice@pennyroyal.example.org",
    ),
    ResourceDetails(
        "Larkspur Advocacy",
        ResourceKind.SERVICE,
        "Independent advocates, including Care Act advocates and IMCAs.",
        phone="01632 960705",
        website="https://larkspur-advocacy.example.org",
    ),
    ResourceDetails(
        "Digital Champions at Rosewood Green Library",
        ResourceKind.INFORMATION,
        "Volunteers who help families set up video calls, tablets and messaging apps.",
        phone="01632 960812",
        area="Rosewood Green",
    ),
)
CARERS, LATER_LIFE, DEMENTIA, BEFRIENDING, TRANSPORT, BENEFITS, ADVOCACY, DIGITAL = range(8)

#: Professionals, advocates and community people: (relationship, category, reverse, circle,
#: given, family, what matters).
EXTRAS: dict[str, tuple[str, Category, str, int, str, str, str]] = {
    "gp": (
        "GP",
        Category.PROFESSIONAL,
        "patient",
        4,
        "Adaeze",
        "Okonkwo",
        "Dr Okonkwo has known {name} for twenty years and visits on Thursday ward rounds.",
    ),
    "advocate": (
        "advocate",
        Category.ADVOCATE,
        "person advocated for",
        3,
        "Rhodri",
        "Pugh",
        "Rhodri is {name}'s Care Act advocate from Larkspur Advocacy: he makes sure {name}'s own "
        "wishes are heard in family decisions.",
    ),
    "chaplain": (
        "chaplain",
        Category.COMMUNITY,
        "member of the congregation",
        3,
        "Gwyneth",
        "Morgan",
        "Visits once a month to pray with {name} and bring news of the congregation.",
    ),
    "befriender": (
        "befriender",
        Category.COMMUNITY,
        "befriendee",
        2,
        "Priya",
        "Raman",
        "A volunteer from Friendly Voices who visits on Tuesdays; they share a love of cricket.",
    ),
    "social_worker": (
        "social worker",
        Category.PROFESSIONAL,
        "client",
        4,
        "Siobhan",
        "Keane",
        "Reviews {name}'s placement once a year and helps with the family's questions.",
    ),
    "district_nurse": (
        "district nurse",
        Category.PROFESSIONAL,
        "patient",
        4,
        "Tomasz",
        "Zieliński",
        "Dresses {name}'s leg on Mondays and Thursdays and always stops for a chat.",
    ),
}


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


def _rng(seed: int, index: int, what: str) -> random.Random:
    return random.Random(f"carelink-map:{seed}:{index}:{what}")


def first_name(given: str) -> str:
    """The first of a resident's given names (key people go by all their given names)."""
    return given.split(maxsplit=1)[0] if given.strip() else given


def resident_first_name(persona: Persona) -> str:
    d = persona.resident
    return d.preferred_name or first_name(d.legal_given_names)


def _say(text: str, name: str, kp: str = "") -> str:
    return text.format(name=name, kp=kp)


def _is_current(persona: Persona, today: date) -> bool:
    left = persona.resident.discharge_date
    return left is None or left > today


def _type_of(label: str) -> tuple[Category, str]:
    if label in _OWN_TYPES:
        return _OWN_TYPES[label]
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
    kind = _KINDS.get(label, "friend")
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
    kinds = [_KINDS.get(m.relationship, "") for m in persona.circle]
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
    kinds = [_KINDS.get(m.relationship, "") for m in persona.circle]
    children = [i for i, k in enumerate(kinds) if k == "child"]
    spouse = next((i for i, k in enumerate(kinds) if k == "spouse"), None)
    if len(children) < 2 or spouse is None:
        return None
    return {"spouse": spouse, "child": children[0], "restricted": children[1]}


def _second_cast(persona: Persona) -> dict[str, int] | None:
    """A resident with a friend or former colleague to end, and a child or sibling."""
    kinds = [_KINDS.get(m.relationship, "") for m in persona.circle]
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
        rng = _rng(seed, index, "relationships")
        details = [_relationship(rng, persona, i) for i in range(len(persona.circle))]
        primary = _next_of_kin(persona, details, rng)
        current = _is_current(persona, today)
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


def _pronouns(relationship: str) -> tuple[str, str, str]:
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
    he, him = _pronouns(persona.circle[restricted].relationship)[:2]
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


# -- writing -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MapsSummary:
    """What ``fill_maps`` wrote: the extra people (per resident) and how many records."""

    extra_key_person_ids: tuple[tuple[str, ...], ...]
    relationships: int
    records: int
    resources: int


def add_relationships(ws: Workspace, items: Sequence[tuple[str, str, RelationshipDetails]]) -> list[str]:
    """Put many (resident id, key person id, details) on the maps in one transaction; ids back."""
    from carelink_desktop.services.relationships import add_relationship

    ws.require(Permission.EDIT_RELATIONSHIPS, "add people to relationship maps")
    today = ws.today()
    cleaned = []
    for resident_id, person_id, details in items:
        clean = details.cleaned()
        clean.validate(today)
        cleaned.append((resident_id, person_id, clean))
    with ws.work() as w:
        return [add_relationship(w, r, k, d).id for r, k, d in cleaned]


def fill_maps(
    ws: Workspace,
    *,
    personas: Sequence[Persona],
    seed: int,
    resident_ids: Sequence[str],
    key_person_ids: Sequence[Sequence[str]],
    keyworker_of: Sequence[str | None],
    keyworkers: Sequence[str],
    staff_names: dict[str, str],
) -> MapsSummary:
    """Put every circle on its resident's map with its details, add the extra people, and the
    records around the maps."""
    from carelink_desktop.services.key_people import add_key_people

    today = ws.today()
    plans = plan_relationships(personas, seed, today)
    extra_ids = add_key_people(ws, [e.details for p in plans for e in p.extras])
    per_resident: list[tuple[str, ...]] = []
    items: list[tuple[str, str, RelationshipDetails]] = []
    at = 0
    for plan, resident_id, people in zip(plans, resident_ids, key_person_ids, strict=True):
        mine = tuple(extra_ids[at : at + len(plan.extras)])
        at += len(plan.extras)
        per_resident.append(mine)
        items += [(resident_id, kp, d) for kp, d in zip(people, plan.relationships, strict=True)]
        items += [(resident_id, kp, e.relationship) for kp, e in zip(mine, plan.extras, strict=True)]
    rel_ids = add_relationships(ws, items)
    writer = _Records(ws, today, staff_names, list(keyworkers))
    at = 0
    for index, (persona, plan, resident_id) in enumerate(zip(personas, plans, resident_ids, strict=True)):
        count = len(plan.relationships) + len(plan.extras)
        ids = rel_ids[at : at + count]
        at += count
        if _is_current(persona, today):
            writer.resident(
                rng=_rng(seed, index, "records"),
                persona=persona,
                plan=plan,
                resident_id=resident_id,
                ids=ids,
                keyworker=keyworker_of[index],
            )
    return MapsSummary(tuple(per_resident), len(rel_ids), writer.count, len(writer.resources))


class _Records:
    """Writes the records around one resident's map at a time, counting them."""

    def __init__(
        self, ws: Workspace, today: date, staff_names: dict[str, str], keyworkers: list[str]
    ) -> None:
        from carelink_desktop.services.resources_directory import add_resource

        self.ws, self.today, self.staff, self.keyworkers = ws, today, staff_names, keyworkers
        self.resources = [add_resource(ws, r).id for r in RESOURCES]
        self.count = 0
        self.other_groups = 0

    def add(self, spec: RecordKind[Any], resident_id: str, details: Any) -> None:
        from carelink_desktop.services.resident_records import add_record

        add_record(self.ws, spec, resident_id, details)
        self.count += 1

    def offer(
        self, relationship_id: str, resource: int, days_ago: int, outcome: OfferOutcome, notes: str = ""
    ) -> None:
        from carelink_desktop.services.resources_directory import offer_resource

        offered = self.today - timedelta(days=days_ago)
        offer_resource(
            self.ws, relationship_id, OfferDetails(self.resources[resource], offered, outcome, notes)
        )
        self.count += 1

    def resident(
        self,
        *,
        rng: random.Random,
        persona: Persona,
        plan: ResidentMapPlan,
        resident_id: str,
        ids: Sequence[str],
        keyworker: str | None,
    ) -> None:
        from carelink_desktop.services.map_records import EVALUATIONS

        name = resident_first_name(persona)
        self.groups(rng, persona, plan, resident_id)
        if plan.role == "featured":
            self.featured(persona, plan, resident_id, ids, keyworker)
        elif plan.role == "second":
            self.second(persona, plan, resident_id, ids)
        elif rng.random() < 0.35:
            evaluated = self.today - timedelta(days=rng.randint(20, 150))
            self.add(
                EVALUATIONS,
                resident_id,
                EvaluationDetails(
                    evaluated,
                    f"{name} keeps in touch with the people who matter as often as {name} would like.",
                    f"Conversation with {name} over a cup of tea; the visitors' book; a call with "
                    "the family.",
                    f"{name}, keyworker, family by phone",
                    what_works=rng.choice(
                        (
                            "Regular visits at the weekend; the family feel welcome.",
                            "Phone calls in the evening: staff bring the phone to the quiet lounge.",
                        )
                    ),
                    what_could_improve=rng.choice(
                        (
                            "More contact with friends from before the move: ask them to the summer fair.",
                            "Video calls with the grandchildren, now that the tablet is set up.",
                        )
                    ),
                    next_due=evaluated + timedelta(days=182),
                ),
            )
        offered = [i for i, d in enumerate(plan.relationships) if d.support_needed and not d.ended]
        if offered and plan.role == "" and rng.random() < 0.25:
            self.offer(
                ids[offered[0]],
                rng.choice((DIGITAL, TRANSPORT, CARERS)),
                rng.randint(5, 60),
                OfferOutcome.TAKEN_UP,
            )

    def groups(self, rng: random.Random, persona: Persona, plan: ResidentMapPlan, resident_id: str) -> None:
        from carelink_desktop.services.map_records import GROUPS

        faith = persona.resident.faith_and_spirituality
        admitted = persona.resident.admission_date
        started = None if admitted is None else min(self.today, admitted + timedelta(days=rng.randint(7, 90)))
        match = next((g for g in FAITH_GROUPS if faith.startswith(g[0])), None)
        if match is not None and (plan.role or rng.random() < 0.4):
            _, group, how, helps = match
            self.add(
                GROUPS,
                resident_id,
                GroupDetails(group, GroupKind.FAITH, how, what_helps_inclusion=helps, started_on=started),
            )
        if plan.role or rng.random() < 0.3:
            group, kind, how, helps = OTHER_GROUPS[self.other_groups % len(OTHER_GROUPS)]
            self.other_groups += 1
            self.add(
                GROUPS,
                resident_id,
                GroupDetails(group, kind, how, what_helps_inclusion=helps, started_on=started),
            )

    def featured(
        self,
        persona: Persona,
        plan: ResidentMapPlan,
        resident_id: str,
        ids: Sequence[str],
        keyworker: str | None,
    ) -> None:
        from carelink_desktop.services.map_records import EVALUATIONS, ISSUES, KEYWORKER_CHANGES, RESTRICTIONS

        name = resident_first_name(persona)
        cast = plan.cast
        spouse, child, restricted = (
            persona.circle[cast[k]].details for k in ("spouse", "child", "restricted")
        )
        spouse_id, child_id, restricted_id = (ids[cast[k]] for k in ("spouse", "child", "restricted"))
        kp, kp_full = restricted.given_names, f"{restricted.given_names} {restricted.family_name}"
        he, _him, his = _pronouns(persona.circle[cast["restricted"]].relationship)
        sibling = child.given_names
        strategy = self.today - timedelta(days=42)
        self.add(
            RESTRICTIONS,
            resident_id,
            RestrictionDetails(
                RestrictionKind.SAFEGUARDING_PLAN,
                f"Visits from {kp} are supervised by a member of staff in the family room; no "
                f"conversations about {name}'s money or the family home.",
                strategy + timedelta(days=2),
                self.today + timedelta(days=9),
                relationship_id=restricted_id,
                legal_basis=f"Safeguarding plan agreed at the strategy meeting of {strategy:%d/%m/%Y} "
                "(Care Act 2014, section 42 enquiry by Kettlewick Council).",
                less_restrictive_options="Unsupervised visits with a check-in afterwards were tried "
                f"first; {name} was distressed after two of them.",
                decided_with=f"{name}, the council's safeguarding social worker, {name}'s Care Act "
                f"advocate, the home manager and {spouse.given_names} {spouse.family_name}.",
                how_resident_told=f"The keyworker and the advocate explained the plan to {name} in "
                f"{name}'s room; {name} agreed and asked to keep seeing {kp}.",
                how_person_told=f"A meeting with the social worker and a letter from the home manager; {kp} "
                "has a copy of the plan.",
            ),
        )
        raised = self.today - timedelta(days=24)
        meeting = self.today + timedelta(days=10)
        self.add(
            ISSUES,
            resident_id,
            IssueDetails(
                f"{sibling} and {kp} disagree about {name}'s money and how visits should go",
                IssueKind.CONFLICTING_WISHES,
                raised,
                description=f"{kp} wants to talk to {name} about selling the family home to pay for "
                f"care; {sibling}, who holds the lasting power of attorney for property and "
                f"finance, says the decision is made and the talk upsets {name}.",
                relationship_ids=(child_id, restricted_id),
                residents_view=f'{name} wants to see both of them, "but not to talk about the house".',
                views=(
                    PersonView(
                        f"{child.given_names} {child.family_name}",
                        "Wants the visits to stay supervised until the finances are settled.",
                        child_id,
                    ),
                    PersonView(
                        kp_full,
                        f"Feels shut out and wants a say in decisions about {his} parents' home.",
                        restricted_id,
                    ),
                ),
                advice_sought="The council's safeguarding social worker; Larkspur Advocacy for a "
                "Care Act advocate.",
                ways_forward=f"A family meeting with the advocate on {meeting:%d/%m/%Y}; {name} "
                f"chooses the topics of visits; {kp} offered the carers' centre and benefits advice.",
                status=IssueStatus.IN_HAND,
            ),
        )
        evaluated = self.today - timedelta(days=190)
        self.add(
            EVALUATIONS,
            resident_id,
            EvaluationDetails(
                evaluated,
                f"{name} sees family and friends as often as {name} would like, visits are calm, and "
                f"{name} looks forward to them.",
                f"Conversation with {name} using family photos; the visitors' book; calls with {sibling}.",
                f"{name}, {spouse.given_names}, {sibling}, keyworker",
                what_works=f"Daily visits from {spouse.given_names}; the Sunday phone "
                "call with the grandchildren; the choir's monthly visit.",
                what_could_improve=f"Visits with {kp} are sometimes tense; {name} is tired and low "
                "afterwards.",
                expertise_needed="Advice on supporting a family through conflict about money.",
                how_to_get_expertise="Ask the council's social worker; Later Life Kettlewick's "
                "family mediation.",
                reflection="We waited too long to act on the first signs that visits were upsetting "
                f"{name}; next time raise it at handover the same day.",
                next_due=self.today - timedelta(days=8),
            ),
        )
        others = [k for k in self.keyworkers if k != keyworker]
        if keyworker is not None and others:
            now, new = self.staff[keyworker], self.staff[others[0]]
            planned = self.today + timedelta(days=21)
            self.add(
                KEYWORKER_CHANGES,
                resident_id,
                KeyworkerChangeDetails(
                    f"{now} is moving to the night team in the new year.",
                    planned,
                    others[0],
                    previous_keyworker_id=keyworker,
                    how=f"Two weeks of joint sessions: {new} joins {now} "
                    "for the Sunday visits and the family meeting, then leads with "
                    f"{now} on hand.",
                    risks=f"{name} is wary of new faces and may be unsettled while the family "
                    "disagreement goes on.",
                    risk_handling=f"Introduce {new} over tea in {name}'s room; keep the "
                    f"routine of the visits the same; {now} says goodbye in person.",
                    involvement=(
                        Involvement(spouse_id, f"Meets {new} at the Sunday visit before the change"),
                        Involvement(child_id, f"A phone call with {new} in the first week"),
                    ),
                ),
            )
        self.offer(
            spouse_id,
            CARERS,
            40,
            OfferOutcome.TAKEN_UP,
            "Goes to the carers' café every month; had a carer's assessment.",
        )
        self.offer(spouse_id, TRANSPORT, 12, OfferOutcome.OFFERED)
        self.offer(
            restricted_id,
            BENEFITS,
            20,
            OfferOutcome.DECLINED,
            f"Says {he} will sort it out without help.",
        )

    def second(self, persona: Persona, plan: ResidentMapPlan, resident_id: str, ids: Sequence[str]) -> None:
        from carelink_desktop.services.map_records import EVALUATIONS, ISSUES

        name = resident_first_name(persona)
        relative = persona.circle[plan.cast["family"]].details
        kp = relative.given_names
        family_id = ids[plan.cast["family"]]
        raised = self.today - timedelta(days=120)
        self.add(
            ISSUES,
            resident_id,
            IssueDetails(
                "Misunderstanding about visiting at mealtimes",
                IssueKind.MISUNDERSTANDING,
                raised,
                description=f"{kp} thought the home had stopped visitors at lunchtime when a new notice "
                "about protected mealtimes went up.",
                relationship_ids=(family_id,),
                residents_view=f"{name} misses having {kp} there at lunch.",
                views=(
                    PersonView(
                        f"{relative.given_names} {relative.family_name}",
                        "Felt unwelcome when asked to wait in the lounge.",
                        family_id,
                    ),
                ),
                ways_forward=f"The manager explained protected mealtimes; {kp} is welcome to help "
                f"{name} with lunch.",
                outcome=f"{kp} now comes on Wednesdays at lunchtime and helps {name} with the meal; "
                "the notice was reworded.",
                status=IssueStatus.RESOLVED,
                closed_on=raised + timedelta(days=21),
            ),
        )
        evaluated = self.today - timedelta(days=170)
        self.add(
            EVALUATIONS,
            resident_id,
            EvaluationDetails(
                evaluated,
                f"{name} has company most days and keeps up with the family.",
                f"Conversation with {name}; the visitors' book; a phone call with {kp}.",
                f"{name}, {kp}, keyworker",
                what_works=f"Lunch with {kp} on Wednesdays; the befriender's Tuesday visits.",
                what_could_improve=f"{name} has been low since losing an old friend: more time with "
                "people from the day centre.",
                next_due=self.today + timedelta(days=6),
            ),
        )
        self.offer(
            family_id,
            DEMENTIA,
            30,
            OfferOutcome.TAKEN_UP,
            f"{kp} went to two meetings and found them a help.",
        )
        self.offer(family_id, DIGITAL, 9, OfferOutcome.OFFERED)
