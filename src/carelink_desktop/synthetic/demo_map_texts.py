"""Words for the demo home's relationship maps: what matters, what people need, groups, the
resources directory and the extra people (all fictional). Used by ``demo_maps``."""

from __future__ import annotations

from carelink_desktop.domain.groups import GroupKind
from carelink_desktop.domain.relationships import (
    Category,
    Frequency,
    KeepInTouch,
)
from carelink_desktop.domain.resources import ResourceDetails, ResourceKind

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
KINDS = {
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
OWN_TYPES = {
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
