"""Text pools for fictional people: places, work, communication needs, notes and consent wording.

Every street and town here is invented; no postcodes are ever generated. Phrases may contain
``{they}``, ``{them}``, ``{their}`` (and capitalised forms), filled in for the person's sex.
"""

from __future__ import annotations

from carelink_desktop.domain.consent import ConsentTopic
from carelink_desktop.domain.residents import CommunicationMethod as M

PRONOUNS: dict[str, dict[str, str]] = {
    "female": {"they": "she", "them": "her", "their": "her", "They": "She", "Their": "Her"},
    "male": {"they": "he", "them": "him", "their": "his", "They": "He", "Their": "His"},
}

STREET_NAMES = (
    "Larkspur",
    "Quillon",
    "Thistledown",
    "Merrowby",
    "Fennick",
    "Harebell",
    "Wrenfield",
    "Tanner's",
    "Bellweather",
    "Pennyroyal",
    "Kestrelmoor",
    "Sorrelby",
    "Puddlecote",
    "Marrowgate",
    "Cobblewick",
    "Brackenhythe",
    "Lanternfold",
    "Quenby Cross",
    "Hollyhock",
    "Candlewick",
)
STREET_KINDS = ("Lane", "Road", "Close", "Crescent", "Gardens", "Terrace", "Way", "Row", "Mews", "Walk")
WELSH_STREETS = ("Heol y Dŵr", "Lôn Tŷ Gwyn", "Ffordd y Ffynnon Fach", "Stryd yr Eithin")
TOWNS = (
    "Little Wickhollow",
    "Brambleford Magna",
    "Eastmarrow",
    "Kettlewick",
    "Hollinsby Vale",
    "Dunmarrow",
    "Pellingford",
    "Saltmarsh Regis",
    "Thornleigh-on-Sea",
    "Nether Quillington",
    "Upper Fennwick",
    "Rosewood Green",
    "Caddlesby",
    "Middle Oakhurst",
    "Glenmurrin",
    "Kilquillan Strand",
    "Llanwennol",
    "Aberhenwy",
    "Cwm Eithinog",
    "Harrowmere",
)
HOUSE_NAMES = ("Fernbank", "The Laurels", "Brookside Cottage", "Millrace House", "Tŷ Coch")

OCCUPATIONS = (
    "Worked as a district nurse for thirty years",
    "Drove buses for the council",
    "Ran a corner shop with the family",
    "Was a machinist in a clothing factory",
    "Taught at the village primary school",
    "Worked on the railways as a signalman",
    "Cooked in a hospital kitchen",
    "Served in the merchant navy",
    "Worked in a textile mill",
    "Kept the books for a builders' merchant",
    "Was a hairdresser with a salon of {their} own",
    "Worked for the Post Office and knew everyone on the round",
    "Cleaned offices in the early mornings",
    "Was a civil servant in the tax office",
    "Ran the family's market stall",
    "Worked as a care assistant before retiring",
    "Was a toolmaker in an engineering works",
    "Brought up five children and fostered many more",
)

# (weight, text, methods, interpreter language or "")
COMMUNICATION: tuple[tuple[int, str, tuple[M, ...], str], ...] = (
    (30, "", (M.SPOKEN,), ""),
    (
        14,
        "Hard of hearing, especially on the left: sit on {their} right, face {them} and speak "
        "clearly. Check the hearing aids are in and working.",
        (M.SPOKEN, M.HEARING_AID),
        "",
    ),
    (
        8,
        "Macular degeneration: cannot read normal print. Use large print and say who is in the room.",
        (M.SPOKEN, M.LARGE_PRINT),
        "",
    ),
    (
        16,
        "Lives with dementia: short sentences, one question at a time, and time to answer. "
        "Photos of family help {them} to talk about them.",
        (M.SPOKEN, M.PICTURES_SYMBOLS),
        "",
    ),
    (
        6,
        "Advanced dementia: says few words. Responds to a hand held gently and to familiar "
        "objects ({their} handbag or cap means going out).",
        (M.GESTURE_TOUCH, M.OBJECTS_OF_REFERENCE),
        "",
    ),
    (
        2,
        "Deaf since childhood; British Sign Language is {their} first language. Writes short "
        "notes in English.",
        (M.BSL, M.WRITTEN),
        "British Sign Language",
    ),
    (
        5,
        "Expressive aphasia after a stroke: understands well but finds words hard. Uses a "
        "symbol app on a tablet; yes/no questions help.",
        (M.DEVICE, M.PICTURES_SYMBOLS, M.GESTURE_TOUCH),
        "",
    ),
    (
        3,
        "Learning disability: {their} communication passport is in the top drawer. Uses "
        "Makaton signs for everyday words.",
        (M.MAKATON, M.COMMUNICATION_PASSPORT, M.SPOKEN),
        "",
    ),
    (
        5,
        "Parkinson's: speaks quietly and slowly, so turn the television down and give {them} "
        "time. Writes on a whiteboard when tired.",
        (M.SPOKEN, M.WRITTEN),
        "",
    ),
)

LANGUAGE_NEEDS = (
    "{Their} first language is {language}; English is limited, so use an interpreter for anything important.",
    "Speaks {language} and English, but is more at ease in {language}, especially when tired.",
)

ADVOCACY = ("Larkspur Advocacy", "Heronsgate Independent Advocacy", "Brightwater Advocacy Partnership")
ADVOCATE_ROLES = ("Independent Mental Capacity Advocate", "Care Act advocate", "Independent advocate")

RESIDENT_NOTES = (
    "Likes a small sherry before Sunday lunch.",
    "Prefers a female carer for personal care.",
    "Early riser: likes tea at 6 am.",
    "Keeps {their} father's pocket watch on the bedside table.",
    "Does not like loud television in the lounge.",
    "Enjoys feeding the birds from the window.",
)
DISCHARGE_NOTES = (
    "Moved to a nursing home nearer {their} family.",
    "Returned home with a package of care.",
    "Moved to a home with specialist dementia nursing.",
)

KEY_PERSON_NOTES = (
    "Visits most Sundays after lunch.",
    "Works nights: call after 2 pm.",
    "Has a spare key to the family home.",
    "Brings the dog to visit; the dog is very gentle.",
    "Prefers not to be called before 10 am.",
    "Shares visiting with the rest of the family.",
    "Lives some distance away and visits once a month.",
    "Drives and can take {them} to appointments.",
)
FRIENDS = (
    "friend",
    "friend",
    "neighbour",
    "former colleague",
    "godchild",
    "friend from the day centre",
)
NOT_RELIGIOUS = "Not religious; likes quiet time outdoors."

CAPACITY_NOTES = (
    "Assessed by the keyworker and the home manager using the two-stage test: could not retain "
    "the information long enough to weigh it, even with pictures and time.",
    "The GP assessed capacity for this decision: unable to understand what the records are for, "
    "despite explanations on two different days.",
)
OTHER_TOPICS = (
    "Sharing {their} life-story book with the activities team.",
    "Joining the home's video calls with the local primary school.",
    "Having {their} name on the door of {their} room.",
)
BEST_INTERESTS_REASONS: dict[ConsentTopic, str] = {
    ConsentTopic.KEEPING_RECORDS: "Keeping records of who matters to {them} helps staff support "
    "the relationships {they} valued before coming to the home.",
    ConsentTopic.RELATIONSHIP_MAP: "A map of family and friends helps new staff talk with {them} "
    "about the people {they} loves.",
    ConsentTopic.SHARING_WITH_FAMILY: "{They} always shared news with the family, who want to "
    "keep in touch with how {they} is getting on.",
    ConsentTopic.SHARING_WITH_PROFESSIONALS: "The district nurse and GP need the contact details "
    "of the family to plan care with them.",
    ConsentTopic.PHOTOGRAPHS: "{They} enjoys looking at photos of activities; only staff and "
    "family will see them.",
    ConsentTopic.OTHER: "This reflects what {they} enjoyed and valued before coming to the home.",
}
