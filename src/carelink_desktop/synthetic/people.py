"""Deterministic generation of fictional residents, their key people and staff.

Everything comes from ``random.Random`` seeded by the caller: the same seed (and the same
``today``) gives the same people. Residents come from one stream, so the first ten of a hundred
are the ten you get when asking for ten; each resident's circle of key people (and, in
``personas``, consent records) comes from a stream of its own. Phone numbers are only from
Ofcom's ranges reserved for drama, emails only at example.org/.com/.net, NHS numbers only from
the 999 test range, and addresses name invented streets in invented towns, without postcodes.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate, islice

from carelink_desktop.domain.key_people import ContactMethod, KeyPersonDetails
from carelink_desktop.domain.residents import ResidentDetails
from carelink_desktop.synthetic import texts
from carelink_desktop.synthetic.names import BACKGROUNDS, WEIGHTS, Background, FamilyName, Sex

EMAIL_DOMAINS = ("example.org", "example.com", "example.net")
_CUM_WEIGHTS = tuple(accumulate(WEIGHTS))
_MIDDLE_NAMES = frozenset({"english", "welsh", "scottish", "irish", "caribbean", "jewish", "polish"})
_WINGS = ("Room", "Room", "Garden", "Room", "Willow", "Room")
MAX_RESIDENTS = 500_000  # well inside the 999 range's ~900,000 valid NHS numbers
_BORN_FROM = date(1926, 1, 1).toordinal()
_BORN_TO = date(1960, 12, 31).toordinal()
_BORN_MODE = date(1938, 6, 1).toordinal()
_COMM_CUM = tuple(accumulate(c[0] for c in texts.COMMUNICATION))
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss", "ø": "o"})
_NOT_EMAIL = re.compile(r"[^a-z0-9]+")
_SAYS_WORK = re.compile(r"\b(work|worked|ran|drove|study|build|seaman)\b", re.IGNORECASE)


@dataclass(frozen=True)
class CircleMember:
    """A key person and how they are related to the resident ('daughter', 'neighbour'...)."""

    relationship: str
    is_family: bool
    details: KeyPersonDetails


@dataclass(frozen=True)
class StaffPerson:
    """A fictional colleague: full name and a username that fits the account rules."""

    full_name: str
    username: str


@dataclass(frozen=True)
class SeededResident:
    """A resident's details with what generating their circle needs to know."""

    details: ResidentDetails
    background: Background
    sex: Sex
    family: FamilyName


# -- small pieces ----------------------------------------------------------------------------


def fictional_nhs_number(rng: random.Random) -> str:
    """Ten digits starting 999 (never issued) with a correct modulus-11 check digit."""
    while True:
        body = f"999{rng.randrange(1_000_000):06d}"
        total = sum(int(d) * w for d, w in zip(body, range(10, 1, -1), strict=True))
        check = (11 - total % 11) % 11
        if check != 10:
            return f"{body}{check}"


def drama_phone_number(rng: random.Random) -> str:
    """A number from Ofcom's drama ranges: mostly mobiles, some landlines."""
    roll = rng.random()
    if roll < 0.6:
        return f"07700 900{rng.randrange(1000):03d}"
    if roll < 0.8:
        return f"01632 960{rng.randrange(1000):03d}"
    return f"020 7946 0{rng.randrange(1000):03d}"


def ascii_fold(text: str) -> str:
    """'Łukasz Wójcik' -> 'Lukasz Wojcik' (for usernames and email addresses)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in decomposed if ch.isascii())


def _email(rng: random.Random, given: str, family: str) -> str:
    first = _NOT_EMAIL.sub("", ascii_fold(given.split(maxsplit=1)[0]).lower())
    last = _NOT_EMAIL.sub("", ascii_fold(family).lower())
    style = rng.randrange(4)
    local = (f"{first}.{last}", f"{first[:1]}{last}", f"{first}{rng.randrange(10, 99)}", f"{last}.family")[
        style
    ]
    return f"{local}@{rng.choice(EMAIL_DOMAINS)}"


def _address(rng: random.Random, welsh: bool) -> str:
    if welsh and rng.random() < 0.5:
        street = rng.choice(texts.WELSH_STREETS)
    else:
        street = f"{rng.choice(texts.STREET_NAMES)} {rng.choice(texts.STREET_KINDS)}"
    town = rng.choice(texts.TOWNS)
    if rng.random() < 0.15:
        return f"{rng.choice(texts.HOUSE_NAMES)}, {street}, {town}"
    if rng.random() < 0.2:
        return f"Flat {rng.randint(1, 24)}, {rng.randint(2, 90)} {street}, {town}"
    return f"{rng.randint(1, 180)} {street}, {town}"


def _say(text: str, sex: Sex, **extra: str) -> str:
    return text.format(**texts.PRONOUNS[sex], **extra) if "{" in text else text


def _background(rng: random.Random) -> Background:
    return rng.choices(BACKGROUNDS, cum_weights=_CUM_WEIGHTS)[0]


def _other_family(rng: random.Random, bg: Background, avoid: FamilyName) -> FamilyName:
    pool = bg.family if rng.random() < 0.75 else _background(rng).family
    choice = rng.choice(pool)
    while choice == avoid:
        choice = rng.choice(pool)
    return choice


# -- residents -------------------------------------------------------------------------------


def _resident(
    rng: random.Random, today: date, room: str, nhs: set[str], *, discharged: bool
) -> SeededResident:
    bg = _background(rng)
    sex: Sex = "female" if rng.random() < 0.68 else "male"
    pool = bg.older_female if sex == "female" else bg.older_male
    first = rng.choice(pool)
    given, preferred = first.name, ""
    middle = bg.female_middle if sex == "female" else bg.male_middle
    if not middle and bg.key in _MIDDLE_NAMES and rng.random() < 0.35:
        middle = rng.choice(pool).name
        if middle == given:
            middle = ""
    if middle:
        given = f"{given} {middle}"
    if first.preferred and rng.random() < 0.65:
        preferred = rng.choice(first.preferred)
    elif bg.preferred_is_last:
        preferred = first.name.split()[-1]
    elif middle and bg.key in _MIDDLE_NAMES and rng.random() < 0.2:
        preferred = middle
    family = rng.choice(bg.family)

    if rng.random() < 0.05:
        born = date(rng.randint(1961, 1972), rng.randint(1, 12), rng.randint(1, 28))
    else:
        born = date.fromordinal(int(rng.triangular(_BORN_FROM, _BORN_TO, _BORN_MODE)))
    days_ago = rng.randint(60, 3600) if discharged else rng.randint(3, 3650)
    admitted = today - timedelta(days=days_ago)
    left = admitted + timedelta(days=rng.randint(14, days_ago - 1)) if discharged else None

    number = fictional_nhs_number(rng)
    while number in nhs:
        number = fictional_nhs_number(rng)
    nhs.add(number)

    language = "English" if rng.random() < bg.english_first else bg.language
    weight = rng.random() * _COMM_CUM[-1]
    _, needs, methods, sign_language = next(
        c for c, cum in zip(texts.COMMUNICATION, _COMM_CUM, strict=True) if weight < cum
    )
    needs = _say(needs, sex)
    interpreter = ""
    if sign_language:
        language = interpreter = sign_language
    elif language != "English":
        limited = rng.random() < bg.interpreter
        interpreter = language if limited else ""
        extra = _say(texts.LANGUAGE_NEEDS[0 if limited else 1], sex, language=language)
        needs = f"{needs} {extra}".strip()

    origin, job = rng.choice(bg.origins), _say(rng.choice(texts.OCCUPATIONS), sex)
    if _SAYS_WORK.search(origin):  # the origin already tells what they did
        job = ""
    culture = " ".join(f"{part}." for part in (origin, job, rng.choice(bg.customs)) if part)
    faith = rng.choice(bg.faiths) if rng.random() < 0.85 else texts.NOT_RELIGIOUS
    advocate = rng.random() < 0.07
    advocate_details = (
        f"{rng.choice(texts.ADVOCATE_ROLES)} from {rng.choice(texts.ADVOCACY)}, {drama_phone_number(rng)}"
        if advocate
        else ""
    )
    if discharged:
        notes = _say(rng.choice(texts.DISCHARGE_NOTES), sex)
    else:
        notes = _say(rng.choice(texts.RESIDENT_NOTES), sex) if rng.random() < 0.25 else ""
    details = ResidentDetails(
        legal_given_names=given,
        legal_family_name=family.for_sex(sex),
        date_of_birth=born,
        preferred_name=preferred,
        room=room,
        admission_date=admitted,
        discharge_date=left,
        nhs_number=number,
        first_language=language,
        communication_needs=needs,
        communication_methods=methods,
        culture_and_background=culture,
        faith_and_spirituality=faith,
        needs_advocate=advocate,
        advocate_details=advocate_details,
        needs_interpreter=bool(interpreter),
        interpreter_language=interpreter,
        notes=notes,
    )
    return SeededResident(details, bg, sex, family)


def iter_residents(seed: int, today: date) -> Iterator[SeededResident]:
    """A stream of up to MAX_RESIDENTS residents: rooms and NHS numbers never repeat in it."""
    rng = random.Random(seed)
    nhs: set[str] = set()
    counts: dict[str, int] = {}
    index = 0
    while index < MAX_RESIDENTS:
        wing = _WINGS[index % len(_WINGS)]
        counts[wing] = counts.get(wing, 0) + 1
        # One in ten has left, so even a small demo home shows discharged residents.
        yield _resident(rng, today, f"{wing} {counts[wing]}", nhs, discharged=index % 10 == 6)
        index += 1


def generate_residents(n: int, seed: int, *, today: date | None = None) -> list[ResidentDetails]:
    """``n`` fictional residents with unique rooms and NHS numbers; admissions before ``today``."""
    return [s.details for s in islice(iter_residents(seed, today or date.today()), n)]


# -- key people ------------------------------------------------------------------------------

_C = ContactMethod
_ELDER_CONTACT = (
    (_C.PHONE, 45),
    (_C.LETTER, 15),
    (_C.IN_PERSON, 15),
    (_C.TEXT_MESSAGE, 5),
    (_C.EMAIL, 5),
    (_C.VIDEO_CALL, 2),
    (None, 13),
)
_YOUNGER_CONTACT = (
    (_C.PHONE, 25),
    (_C.TEXT_MESSAGE, 25),
    (_C.EMAIL, 25),
    (_C.VIDEO_CALL, 10),
    (_C.LETTER, 3),
    (_C.IN_PERSON, 4),
    (None, 8),
)
_CONTACT = {
    elder: (tuple(m for m, _ in table), tuple(accumulate(w for _, w in table)))
    for elder, table in ((True, _ELDER_CONTACT), (False, _YOUNGER_CONTACT))
}
_BY_PHONE = (ContactMethod.PHONE, ContactMethod.TEXT_MESSAGE, ContactMethod.VIDEO_CALL)


def _person(
    rng: random.Random,
    bg: Background,
    sex: Sex,
    family_name: str,
    relationship: str,
    *,
    is_family: bool,
    elder: bool,
    language: str,
    interpreter: bool,
    about: Sex,
) -> CircleMember:
    """One key person; ``about`` is the resident's sex (for notes that mention them)."""
    female = sex == "female"
    if elder:
        given = rng.choice(bg.older_female if female else bg.older_male).name
    else:
        given = rng.choice(bg.younger_female if female else bg.younger_male)
    middle = bg.female_middle if female else bg.male_middle
    if middle and (elder or rng.random() < 0.5):
        given = f"{given} {middle}"
    methods, cum = _CONTACT[elder]
    method = rng.choices(methods, cum_weights=cum)[0]
    phone = drama_phone_number(rng) if method in _BY_PHONE or rng.random() < 0.85 else ""
    wants_email = method is ContactMethod.EMAIL or rng.random() < (0.2 if elder else 0.55)
    email = _email(rng, given, family_name) if wants_email else ""
    wants_letters = method is ContactMethod.LETTER or rng.random() < 0.55
    address = _address(rng, bg.key == "welsh") if wants_letters else ""
    notes = _say(rng.choice(texts.KEY_PERSON_NOTES), about) if rng.random() < 0.3 else ""
    details = KeyPersonDetails(
        given_names=given,
        family_name=family_name,
        phone=phone,
        email=email,
        address=address,
        preferred_contact=method,
        language=language,
        needs_interpreter=interpreter,
        notes=notes,
    )
    return CircleMember(relationship, is_family, details)


def _sex(rng: random.Random) -> Sex:
    return "female" if rng.random() < 0.5 else "male"


def circle_for(rng: random.Random, seeded: SeededResident, size: int) -> list[CircleMember]:
    """``size`` key people for one resident: family first (usually sharing the family name),
    then at least one friend, neighbour or similar, who does not."""
    bg, fam, me = seeded.background, seeded.family, seeded.sex
    born = seeded.details.date_of_birth or date(1940, 1, 1)
    first_language = seeded.details.first_language
    heritage = "" if first_language in ("English", "British Sign Language") else first_language

    def person(
        sex: Sex,
        family: FamilyName,
        relationship: str,
        *,
        elder: bool,
        source: Background = bg,
        is_family: bool = True,
    ) -> CircleMember:
        language, interpreter = "English", False
        if heritage and source is bg and (elder or rng.random() < 0.3):
            language = heritage
            interpreter = elder and rng.random() < bg.interpreter * 0.8
        return _person(
            rng,
            source,
            sex,
            family.for_sex(sex),
            relationship,
            is_family=is_family,
            elder=elder,
            language=language,
            interpreter=interpreter,
            about=me,
        )

    members: list[CircleMember] = []
    if rng.random() < (0.25 if born.year < 1938 else 0.45):
        if rng.random() < 0.05:
            members.append(person(me, _other_family(rng, bg, fam), "partner", elder=True))
        else:
            other: Sex = "male" if me == "female" else "female"
            name = fam if bg.spouse_shares_name else _other_family(rng, bg, fam)
            members.append(person(other, name, "husband" if other == "male" else "wife", elder=True))
    children_name = fam if bg.spouse_shares_name or me == "male" else _other_family(rng, bg, fam)
    children = rng.choices(range(5), cum_weights=(8, 30, 65, 88, 100))[0]
    for _ in range(children):
        sex = _sex(rng)
        married = sex == "female" and bg.spouse_shares_name and rng.random() < 0.4
        name = _other_family(rng, bg, fam) if married else children_name
        members.append(person(sex, name, "daughter" if sex == "female" else "son", elder=False))
    if children and rng.random() < 0.6:
        for _ in range(rng.randint(1, 2)):
            sex = _sex(rng)
            name = children_name if rng.random() < 0.5 else _other_family(rng, bg, fam)
            relation = "granddaughter" if sex == "female" else "grandson"
            members.append(person(sex, name, relation, elder=False))
    if rng.random() < 0.4:
        sex = _sex(rng)
        name = fam if rng.random() < 0.5 else _other_family(rng, bg, fam)
        members.append(person(sex, name, "sister" if sex == "female" else "brother", elder=True))
    if rng.random() < 0.3:
        sex = _sex(rng)
        name = fam if rng.random() < 0.4 else _other_family(rng, bg, fam)
        members.append(person(sex, name, "niece" if sex == "female" else "nephew", elder=False))
    members = members[: max(0, size - 1)]
    while len(members) < size:
        friend_bg = bg if rng.random() < 0.5 else _background(rng)
        relation = rng.choice(texts.FRIENDS)
        elder = relation in ("friend", "neighbour") and rng.random() < 0.5
        name = rng.choice(friend_bg.family)
        if name == fam:
            name = _other_family(rng, friend_bg, fam)
        members.append(person(_sex(rng), name, relation, elder=elder, source=friend_bg, is_family=False))
    return members


def circle_rng(seed: int, index: int) -> random.Random:
    """The stream for resident ``index``'s circle and consent records."""
    return random.Random(f"carelink-circle:{seed}:{index}")


def circle_size(rng: random.Random, sizes: tuple[int, int] = (5, 7)) -> int:
    return rng.randint(*sizes)


def generate_key_people(n: int, seed: int) -> list[KeyPersonDetails]:
    """``n`` fictional key people: the circles of the residents ``generate_residents`` makes from
    the same seed, in order, cut at ``n``."""
    out: list[KeyPersonDetails] = []
    if n <= 0:
        return out
    for index, seeded in enumerate(iter_residents(seed, date.today())):
        rng = circle_rng(seed, index)
        out.extend(m.details for m in circle_for(rng, seeded, circle_size(rng)))
        if len(out) >= n:
            break
    return out[:n]


# -- staff -----------------------------------------------------------------------------------

_NOT_USERNAME = re.compile(r"[^a-z0-9.]+")


def generate_staff(n: int, seed: int, *, taken: Sequence[str] = ()) -> list[StaffPerson]:
    """``n`` fictional colleagues with unique usernames like 'a.okafor' (none in ``taken``)."""
    rng = random.Random(f"carelink-staff:{seed}")
    used = set(taken)
    staff: list[StaffPerson] = []
    for _ in range(n):
        bg, sex = _background(rng), _sex(rng)
        given = rng.choice(bg.younger_female if sex == "female" else bg.younger_male)
        family = rng.choice(bg.family).for_sex(sex)
        base = _NOT_USERNAME.sub("", ascii_fold(f"{given[:1]}.{family}").lower())[:36]
        username, k = base, 2
        while username in used:
            username, k = f"{base}{k}", k + 1
        used.add(username)
        staff.append(StaffPerson(f"{given} {family}", username))
    return staff
