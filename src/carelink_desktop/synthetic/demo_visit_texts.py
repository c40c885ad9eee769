"""Words for the demo home's year of contact: what staff write after an ordinary visit, call,
video call, outing, letter or message, and the fuller records when there is more to say (all
fictional). Used by ``demo_visits``.

In the templates ``{name}`` is the resident as staff call them and ``{kp}`` the key person's first
name; ``{kp2}`` is a second visitor and ``{keyworker}`` the resident's keyworker (or "the
keyworker").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from carelink_desktop.domain.concerns import ConcernKind, ConcernStatus, Severity
from carelink_desktop.domain.visits import Mood, Supervision, VisitKind

# -- the everyday record: how it went, in a line or two ----------------------------------------

VISIT: tuple[str, ...] = (
    "{kp} came for a cup of tea and a chat in {name}'s room. {name} was smiling and chatty throughout.",
    "{name} and {kp} looked through the photo album together; lots of laughter about old holidays.",
    "{kp} brought flowers from the garden. {name} enjoyed arranging them and talked about the allotment.",
    "A quiet, relaxed visit in the conservatory. {name} held {kp}'s hand and dozed a little; {kp} was "
    "happy just to sit.",
    "{kp} brought a home-made lemon cake and {name} insisted on offering it round the lounge.",
    "They watched the racing on television together and {name} picked two winners.",
    "{kp} helped {name} write birthday cards for the family. {name} was proud of the finished pile.",
    "{name} showed {kp} the cushion made in the craft group. A happy visit.",
    "{kp} read {name} the local paper and they chatted about the new shops in town and people they know.",
    'Walked slowly round the garden with {kp} and sat by the pond. {name} said it was "a tonic".',
    "{kp} painted {name}'s nails and they listened to old records. {name} sang along to every one.",
    "{kp} stayed for lunch in the dining room; {name} ate well and enjoyed the company.",
    "They did the crossword together. {name} got the long clue before {kp} and was delighted.",
    "{kp} brought news of the family and new photos for the wall; {name} asked for them to go up "
    "straight away.",
    "A short visit as {kp} had an appointment; {name} was content and waved {kp} off at the door.",
    "{kp} and {name} played dominoes in the lounge and two other residents joined in.",
    "{kp} brought {name}'s favourite ginger biscuits and they had tea in the garden room.",
    "They talked about the old days at work; {name} remembered names staff had never heard before.",
    "{name} was sleepy at first but brightened when {kp} put on the music {name} loves.",
    '{kp} helped {name} choose new slippers from a catalogue. {name} was decisive: "the red ones".',
    "{kp} brought the dog, Biscuit, who sat on {name}'s lap for most of the visit. Lots of smiles.",
    "They planted bulbs in the raised bed together; {name} told {kp} exactly how deep to put them.",
    "{kp} came straight from work; they shared a pot of tea and {name} asked all about {kp}'s day.",
    "They looked at seed catalogues and planned what to grow on the patio next spring.",
    "{name} told {kp} all about the singer who came on Friday. A lively, cheerful visit.",
    "{kp} sorted {name}'s wardrobe with {name}'s say-so and took the winter coat home to mend.",
    "They sat in the garden in the sun with an ice cream. {name} was relaxed and talkative.",
    "{kp} brought a jigsaw of the seaside; they finished the edges together in the lounge.",
)
#: When two or more people came together ({kp} is "Susan and Mark").
FAMILY_VISIT: tuple[str, ...] = (
    "{kp} came together for the afternoon. {name} was delighted to have them both and talked non-stop.",
    "A family visit: {kp} brought photos and cake and they sat together in the conservatory.",
    "{kp} visited together; they looked through the family album and {name} told the old stories.",
    "{kp} came after lunch and took {name} round the garden in the wheelchair. Lots of laughter.",
    "{kp} came together and stayed for tea; {name} was tired but very happy afterwards.",
)
SPOUSE_VISIT: tuple[str, ...] = (
    "{kp} came in after breakfast as usual and they did the crossword in the conservatory.",
    "{kp} sat with {name} through lunch and helped with the pudding; they held hands in the lounge "
    "afterwards.",
    "{kp} brought the post from home and read out a card from the neighbours. {name} was pleased to "
    "be remembered.",
    "{kp} stayed for tea and they watched the quiz on television; {name} shouted out three answers.",
    "{kp} brought the Sunday paper and they shared a pot of tea in {name}'s room, as they did at home.",
    "A gentle visit: {kp} brushed {name}'s hair and they listened to the radio together.",
)
BEFRIENDER_VISIT: tuple[str, ...] = (
    "{kp} from Friendly Voices came as usual. They talked about cricket and {name} laughed a lot.",
    "{kp} and {name} played cards in the quiet lounge; {name} won and was very pleased.",
    "{kp} brought a book of old photographs of the town; {name} pointed out the street where {name} grew up.",
)
CHAPLAIN_VISIT: tuple[str, ...] = (
    "{kp} visited and they said prayers together in {name}'s room; {name} was calm and thankful.",
    "{kp} brought communion and stayed for a chat about the harvest festival. {name} asked {kp} to "
    "come again next month.",
)
ADVOCATE_VISIT: tuple[str, ...] = (
    "{kp} met {name} on their own in the quiet room, as {name} prefers. {name} said afterwards that "
    "it had been useful.",
    "Private meeting with {kp} in the quiet room; {name} seemed settled afterwards and went to lunch.",
)
DAY_CENTRE_VISIT: tuple[str, ...] = (
    "{kp} came with the day centre minibus; they played dominoes and caught up on the centre's news.",
    "{kp} brought a card signed by everyone at the day centre. {name} was touched and kept it by the bed.",
)
PHONE: tuple[str, ...] = (
    "{kp} rang for the goodnight call; {name} was cheerful and told {kp} about the day.",
    "Staff took the phone to {name}'s room. A short, happy chat about the weekend.",
    "{kp} rang to ask how {name} was; {name} talked about lunch and the garden. Both sounded pleased.",
    "{name} asked staff to ring {kp}. They chatted for twenty minutes about the family.",
    "A quick call: {kp} was at work but wanted to say hello. {name} smiled afterwards.",
    "{kp} rang as usual and they talked about the football. {name} was in good spirits.",
    "Phone call on the speaker in the quiet lounge so {name} could hear well. Lots of laughter.",
    "{kp} rang with news of a grandchild's exam results; {name} was thrilled and told everyone at tea.",
)
VIDEO: tuple[str, ...] = (
    "Video call on the home's tablet. {kp} showed {name} the garden and the new kitten.",
    "{kp} called from university; {name} loved seeing {kp}'s room and hearing about the course.",
    "Video call with {kp} and the children; {name} waved and blew kisses.",
    "Staff set up the tablet; the picture froze once but {name} enjoyed seeing {kp}'s face.",
    "{kp} showed {name} holiday photos on the call and {name} asked lots of questions.",
)
LETTER: tuple[str, ...] = (
    "A card from {kp} arrived; staff read it to {name}, who asked to keep it on the windowsill.",
    "A letter from {kp} with photos of the family. {name} enjoyed it and wants to write back.",
    "{name} dictated a letter to {kp} and staff posted it in the afternoon.",
    "A card from {kp} with a long letter inside about the family's news; {name} read it twice.",
)
MESSAGE: tuple[str, ...] = (
    "{kp} sent photos to the home's email; staff printed them for {name}'s board.",
    "A message from {kp} by the home's email; staff read it to {name}, who asked to reply with a photo.",
)
OUTING: tuple[tuple[str, str], ...] = (
    (
        "Garden centre café",
        "{kp} took {name} to the garden centre café for tea and cake. Back by four, tired but happy.",
    ),
    ("Seafront", "Fish and chips on the seafront with {kp}. {name} talked about it all evening."),
    ("Town market", "{kp} took {name} to the market; {name} bought a scarf and sweets for the lounge."),
    (
        "Reservoir",
        "A drive out to the reservoir and along the path in the wheelchair. {name} loved the fresh air.",
    ),
    (
        "Family home",
        "{kp} took {name} home for Sunday lunch with the family. {name} came back in high spirits.",
    ),
)
#: Where everyday contact happened, when staff wrote it down.
PLACES: dict[VisitKind, tuple[str, ...]] = {
    VisitKind.VISIT: ("Own room", "Conservatory", "Garden", "Quiet lounge", "Main lounge", "Garden room"),
    VisitKind.PHONE: ("Own room", "Quiet lounge"),
    VisitKind.VIDEO: ("Quiet lounge, on the home's tablet", "Own room, on the home's tablet"),
}
#: Everyday moods (before, after): mostly settled and happy.
MOODS: tuple[tuple[Mood, Mood], ...] = (
    (Mood.SETTLED, Mood.HAPPY),
    (Mood.HAPPY, Mood.HAPPY),
    (Mood.QUIET, Mood.HAPPY),
    (Mood.QUIET, Mood.SETTLED),
    (Mood.SETTLED, Mood.SETTLED),
    (Mood.ANXIOUS, Mood.SETTLED),
)


# -- fuller records ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """A follow-up: what, who (``{keyworker}`` allowed), due after the contact, done after it."""

    action: str
    owner: str
    due_in: int
    done_in: int | None = None
    done_note: str = ""


@dataclass(frozen=True)
class Story:
    """A contact with more to say than how it went: every section filled in is written."""

    kind: VisitKind
    observations: str
    mood_before: Mood | None = None
    mood_after: Mood | None = None
    location: str = ""
    supervision: Supervision = Supervision.NONE
    behaviour_changes: str = ""
    conflict_signs: str = ""
    intervention: str = ""
    expertise_sought: str = ""
    visitor_concerns: str = ""
    information_requested: str = ""
    information_given: str = ""
    benefits_limits: str = ""
    notes: str = ""
    other_participants: str = ""
    actions: tuple[Action, ...] = field(default=())
    minutes: int = 60
    #: The months it may happen in (empty: any).
    months: tuple[int, ...] = ()


#: Fuller records that may happen with any family visitor (one or two per resident a year).
DETAILED: tuple[Story, ...] = (
    Story(
        VisitKind.VISIT,
        "{kp} visited in the late afternoon; {name} was quiet to begin with.",
        Mood.QUIET,
        Mood.SETTLED,
        "Own room",
        behaviour_changes="{name} did not recognise {kp} for the first few minutes and called {kp} by "
        "{name}'s sister's name. {kp} was upset and stepped out into the corridor.",
        intervention="Sat with {kp} in the family room and explained that this can happen late in the "
        "day, and that {name} was calm and glad of the company. Suggested trying morning visits, when "
        "{name} is brighter.",
        information_requested="{kp} asked whether {name}'s memory is getting worse and whether the GP knows.",
        information_given="The GP reviewed {name} last month. The nurse in charge will ring {kp} "
        "tomorrow to talk it through.",
        actions=(
            Action(
                "Nurse in charge to ring {kp} about {name}'s memory",
                "Nurse in charge",
                1,
                1,
                "Rang {kp}; agreed morning visits for now.",
            ),
        ),
    ),
    Story(
        VisitKind.VISIT,
        "{kp} and {name} had tea in the conservatory and looked at the holiday photos.",
        Mood.HAPPY,
        Mood.HAPPY,
        "Conservatory",
        visitor_concerns='{kp} is worried {name} has lost weight: "all the cardigans are hanging loose".',
        information_requested="How much {name} is eating, and whether {name} is weighed.",
        information_given="With {name}'s agreement, showed {kp} the weight chart: steady over three "
        "months. The cardigans are old ones that have stretched; {keyworker} will help {name} choose "
        "new ones.",
        actions=(
            Action("Order two new cardigans with {name}", "{keyworker}", 7, 5, "Ordered online together."),
        ),
    ),
    Story(
        VisitKind.VISIT,
        "{kp} came for the afternoon. {name} enjoyed the visit but was very tired by the end.",
        Mood.SETTLED,
        Mood.QUIET,
        "Own room",
        behaviour_changes="{name} was short-tempered for the last half hour and said {kp} was "
        '"fussing"; this is new for {name}, who is usually pleased to see {kp}.',
        benefits_limits="Talked it through with {name} and with {kp}: the visits mean a lot to both of "
        "them, but more than an hour tires {name} out. They agreed to try shorter visits in the "
        "early afternoon, with a cup of tea halfway through.",
        notes="Please offer {name} a rest after lunch on the days {kp} visits.",
    ),
    Story(
        VisitKind.PHONE,
        "{kp} rang to ask about {name}'s care review.",
        information_requested="{kp} asked when the next care review is and whether {kp} can join by phone.",
        information_given="The review is in the next month; {keyworker} will send {kp} the date and "
        "the number to ring.",
        location="Office",
        minutes=15,
        actions=(Action("Send {kp} the date of {name}'s care review", "{keyworker}", 3, 2, "Emailed."),),
    ),
    Story(
        VisitKind.VISIT,
        "{kp} visited with the family's news. A warm visit until the talk turned to Christmas plans.",
        Mood.HAPPY,
        Mood.UPSET,
        "Main lounge",
        conflict_signs="{kp} said {name} should spend Christmas Day at the family home; {name} said "
        'firmly: "I am not going." Voices were raised and {name} became tearful.',
        intervention="Suggested they carry on the conversation in the quiet room with a member of staff; "
        "put music on for {name} afterwards. {name} settled within ten minutes and had tea.",
        expertise_sought="Told the shift lead, who spoke to {kp} before {kp} left.",
        benefits_limits="{name} wants to see the family at Christmas but does not want a long day out. "
        "{kp} agreed that the family could come to the home for the afternoon instead.",
        actions=(
            Action(
                "Book the family room for Christmas afternoon",
                "{keyworker}",
                7,
                4,
                "Booked for 2 pm to 5 pm.",
            ),
        ),
        months=(10, 11, 12),
    ),
    Story(
        VisitKind.VISIT,
        "{kp} visited after lunch. {name} was glad to see {kp} but had trouble hearing.",
        Mood.SETTLED,
        Mood.HAPPY,
        "Quiet lounge",
        behaviour_changes="{name} kept asking {kp} to repeat things and seemed frustrated; the left "
        "hearing aid was whistling.",
        intervention="Changed the hearing aid battery and moved to the quiet lounge, away from the "
        "television. The rest of the visit went well.",
        visitor_concerns="{kp} asked staff to check the hearing aids every morning.",
        information_given="Told {kp} that the batteries are now on the morning checklist and that the "
        "audiology clinic can be asked for a check.",
        actions=(
            Action(
                "Ask the GP to refer {name} to the audiology clinic",
                "Nurse in charge",
                7,
                6,
                "Referral sent by the GP surgery.",
            ),
        ),
    ),
    Story(
        VisitKind.VIDEO,
        "Video call with {kp} on the home's tablet.",
        Mood.SETTLED,
        Mood.HAPPY,
        "Quiet lounge, on the home's tablet",
        information_requested="{kp} asked how {name} is sleeping since the new tablets were started.",
        information_given="{name} said the nights are better now; with {name}'s agreement, staff "
        "confirmed there have been no disturbed nights this week.",
        minutes=25,
    ),
    Story(
        VisitKind.OUTING,
        "{kp} took {name} to the garden centre café. {name} enjoyed it but came back tired.",
        Mood.HAPPY,
        Mood.QUIET,
        "Garden centre café",
        behaviour_changes="{name} was more muddled than usual on return and asked twice where {kp} had gone.",
        intervention="Checked {name}'s observations (normal) and told the nurse in charge; {name} "
        "settled after a drink and a rest before tea.",
        notes="Shorter outings for now: back before three.",
        minutes=180,
    ),
)

# -- the home's own stories ----------------------------------------------------------------------

#: The restricted person's visits before the safeguarding plan: the first tense, the second distressing.
RESTRICTED_TENSE = Story(
    VisitKind.VISIT,
    "{kp} visited in the afternoon; they talked about the family and the garden at the old house.",
    Mood.SETTLED,
    Mood.ANXIOUS,
    "Own room",
    conflict_signs='{kp} brought up selling the family home and asked {name} to "just sign" some '
    "papers. {name} did not understand them and said no.",
    intervention="Staff knocked and offered tea; {kp} put the papers away. Checked on {name} after "
    "{kp} left: {name} was worried about the house but settled with the radio on.",
    notes="Told the shift lead at handover.",
)
RESTRICTED_DISTRESSING = Story(
    VisitKind.VISIT,
    "{kp} visited in the afternoon. {name} was tearful and shaking by the end of the visit.",
    Mood.SETTLED,
    Mood.UPSET,
    "Own room",
    behaviour_changes="{name} could not settle afterwards, did not eat tea and was awake for much of the "
    "night asking whether the house would be taken away.",
    conflict_signs="Raised voices heard from the corridor: {kp} was pressing {name} again about the "
    "house and money.",
    intervention="The senior carer went in, ended the visit calmly and sat with {name}. {kp} left "
    "without argument.",
    expertise_sought="Reported to the home manager the same day, who referred it to the council's "
    "safeguarding team.",
    benefits_limits="{name} still wants to see {kp} but not to talk about the house or money. "
    "Seeing {kp} matters to {name}; these conversations do not.",
    actions=(
        Action(
            "Refer the visit to the council's safeguarding team",
            "Home manager",
            0,
            0,
            "Referred by phone and email.",
        ),
    ),
)
RESTRICTED_SUPERVISED: tuple[Story, ...] = (
    Story(
        VisitKind.VISIT,
        "First supervised visit under the safeguarding plan. {kp} was quiet but pleasant; they "
        "talked about the grandchildren.",
        Mood.ANXIOUS,
        Mood.SETTLED,
        "Family room",
        Supervision.PRESENT,
        notes="Staff stayed in the family room throughout, as the plan says.",
    ),
    Story(
        VisitKind.VISIT,
        "Supervised visit in the family room. {kp} brought a cake and they talked about the football.",
        Mood.SETTLED,
        Mood.SETTLED,
        "Family room",
        Supervision.PRESENT,
        conflict_signs="{kp} started to ask about the house; {name} looked away.",
        intervention="Reminded {kp} of the plan and moved the talk on to the garden; {kp} accepted "
        "it and the rest of the visit was calm.",
    ),
    Story(
        VisitKind.VISIT,
        "Supervised visit in the family room. A calm hour: {name} laughed at {kp}'s stories about work.",
        Mood.SETTLED,
        Mood.HAPPY,
        "Family room",
        Supervision.PRESENT,
        benefits_limits='{name} said afterwards "that was nice, like it used to be". The supervised '
        "visits are giving {name} time with {kp} without the worry.",
    ),
)
#: The carer who is struggling: the visit the open concern was raised from.
CARER_STRUGGLING = Story(
    VisitKind.VISIT,
    "{kp} came in the morning and helped {name} with a walk round the garden.",
    Mood.SETTLED,
    Mood.SETTLED,
    "Garden",
    behaviour_changes="{kp} looked exhausted and was tearful when {name} went for a nap.",
    visitor_concerns="{kp} is not sleeping, is still doing {name}'s washing and paperwork "
    'as well as working, and said: "I can\'t keep this up." {kp} worries about letting {name} down.',
    information_requested="{kp} asked whether there is any help for carers when the person is in a "
    "care home.",
    information_given="Told {kp} about the carer's assessment from the council and the carers' "
    "centre; {keyworker} will talk it through with {kp} and make the referral if {kp} wants it.",
    actions=(Action("Ring {kp} about a carer's assessment and the carers' centre", "{keyworker}", 4),),
)
#: The resident falling behind: the visit that explains why.
SLIPPING = Story(
    VisitKind.VISIT,
    "{kp} visited in the evening, later than usual.",
    Mood.HAPPY,
    Mood.QUIET,
    "Own room",
    visitor_concerns="{kp} has started a new job with weekend shifts and can only come every other "
    "week for now; {kp} feels bad about it and worries that {name} will think the family has stopped "
    "caring.",
    information_given="Suggested a Sunday video call on the home's tablet in the weeks {kp} cannot "
    "come; {keyworker} will set it up.",
    actions=(Action("Set up a Sunday video call with {kp} on the home's tablet", "{keyworker}", 7),),
)
#: The isolated resident: the last contact before weeks without any.
GOING_QUIET = Story(
    VisitKind.PHONE,
    "{kp} rang to say {kp} is going into hospital for an operation and will not be able to visit or "
    "ring for a few weeks.",
    Mood.SETTLED,
    Mood.ANXIOUS,
    "Quiet lounge",
    information_requested="{kp} asked staff to keep an eye on {name} and to let {kp} know if {name} is low.",
    information_given="Agreed that staff will ask the befriending service for extra visits and help "
    "{name} send {kp} a card.",
    minutes=20,
    actions=(
        Action("Ask Friendly Voices for a befriender for {name} while {kp} is away", "Home manager", 14),
        Action("Help {name} send {kp} a get-well card", "{keyworker}", 7),
    ),
)
#: A death in the circle: the call that brought the news (``{kp}`` is the person who died).
SAD_NEWS = Story(
    VisitKind.PHONE,
    "{kp}'s daughter rang to tell {name} that {kp} had died after a short illness.",
    Mood.SETTLED,
    Mood.UPSET,
    "Quiet lounge",
    behaviour_changes="{name} was very tearful and quiet for the rest of the day and did not want tea.",
    intervention="Staff sat with {name}, looked at photos of {name} and {kp} together, and offered "
    "the chaplain.",
    expertise_sought="Asked the chaplain to visit.",
    other_participants="{kp}'s daughter",
    minutes=15,
    actions=(
        Action("Ask the chaplain to visit {name}", "Shift lead", 1, 1, "The chaplain came the next day."),
        Action("Help {name} send a card to {kp}'s family", "{keyworker}", 5, 3, "Card sent."),
    ),
)
#: The complaint (closed) and the lack of resources (closed).
COMPLAINT_VISIT = Story(
    VisitKind.VISIT,
    "{kp} visited mid-morning. {name} was still in night clothes and without glasses.",
    Mood.QUIET,
    Mood.SETTLED,
    "Own room",
    visitor_concerns="{kp} was unhappy to find {name} not dressed at eleven and the glasses in the "
    'drawer: "this is the second time". {kp} wants to make a complaint.',
    intervention="Apologised, helped {name} get dressed and found the glasses; explained how to make "
    "a complaint and passed it to the home manager.",
)
BROKEN_TABLET = Story(
    VisitKind.PHONE,
    "{kp} rang because the Sunday video call could not happen: the home's tablet was not charging.",
    Mood.SETTLED,
    Mood.QUIET,
    "Quiet lounge",
    visitor_concerns="{kp} said it is the second missed call this month and that {name} looks "
    "forward to them all week.",
    information_given="The home has one tablet for everyone; the manager is looking at buying another.",
    minutes=10,
)


@dataclass(frozen=True)
class Worry:
    """A concern raised from one of the stories above (dates are filled in when it is planned)."""

    kind: ConcernKind
    severity: Severity
    description: str
    actions: str = ""
    reported_to: str = ""
    external_reference: str = ""
    status: ConcernStatus = ConcernStatus.OPEN
    outcome: str = ""
    #: Days from raising to closing, for a closed concern.
    closed_after: int | None = None


HARM = Worry(
    ConcernKind.HARM_OR_ABUSE,
    Severity.HIGH,
    "{kp} pressed {name} again to sign papers about selling the family home; {name} was distressed, "
    "did not eat and was awake much of the night. A risk of financial abuse.",
    "Section 42 enquiry opened; strategy meeting on {strategy}. Safeguarding plan: visits from {kp} "
    "supervised in the family room, no talk of money or the house; {name}'s Care Act advocate involved.",
    "Kettlewick Council safeguarding team (duty social worker)",
    "KDC/SG/48213",
    ConcernStatus.IN_HAND,
)
CARER_WORRY = Worry(
    ConcernKind.UNMET_NEEDS,
    Severity.MEDIUM,
    "{kp} is exhausted and not sleeping: still doing {name}'s washing and paperwork as well as working, "
    'and said "I can\'t keep this up".',
    "{keyworker} to talk to {kp} about a carer's assessment from the council and the carers' centre; "
    "staff to take over {name}'s washing from this week.",
)
COMPLAINT = Worry(
    ConcernKind.COMPLAINT,
    Severity.LOW,
    "{kp} found {name} still in night clothes at eleven and without glasses, for the second time, and "
    "made a complaint.",
    "The manager met {kp} within the week and looked at the morning routine with the day team.",
    "Home manager",
    status=ConcernStatus.CLOSED,
    outcome="{name} is now helped to get up and dressed by ten on the days {kp} visits, as {name} "
    "prefers, and glasses are checked at the morning handover. {kp} wrote back satisfied with the reply.",
    closed_after=16,
)
NO_TABLET = Worry(
    ConcernKind.LACK_OF_RESOURCES,
    Severity.MEDIUM,
    "The home has one tablet for video calls and it is often flat or in use: two of {name}'s Sunday "
    "calls with {kp} were missed this month.",
    "Asked the residents' amenities fund for a second tablet; the night staff to charge both tablets.",
    "Home manager",
    status=ConcernStatus.CLOSED,
    outcome="A second tablet bought from the amenities fund and a charging routine on the night shift; "
    "no video call has been missed since.",
    closed_after=21,
)

# -- today -----------------------------------------------------------------------------------

TODAY_VISIT = (
    "{kp} came for an hour; they did the crossword and {name} showed {kp} the cards made in the craft "
    "group. {kp} would like to join an activity with {name}."
)
TODAY_ASKED = "{kp} asked what is on the activities list this month."
TODAY_FOLLOW_UP = "Give {kp} a copy of this month's activities list"
NO_SHOW = "{kp} did not ring at the time booked; staff tried {kp}'s number twice and left a message."
CANCELLED = "{kp} rang this morning: a heavy cold, and does not want to pass it on. Will come next week."
TABLET_NOTE = "Charge the tablet beforehand; {name} likes the call in bed."
SUPERVISED_NOTE = (
    "Supervised under the safeguarding plan: a member of staff stays in the family room throughout."
)
OUTING_NOTE = "Wheelchair in the car boot; back by three for a rest."

#: The wish's day of the week, from its notes (Monday is 0).
WEEKDAYS: dict[str, int] = {
    "Sunday afternoons": 6,
    "Saturday mornings": 5,
    "Saturday afternoons": 5,
    "Tuesday afternoons": 1,
    "first Sunday of the month": 6,
}
#: The usual time of day (hour, minute) from a wish's notes.
HOURS: dict[str, tuple[int, int]] = {
    "Sunday afternoons": (14, 30),
    "Saturday mornings": (10, 30),
    "Saturday afternoons": (14, 0),
    "Tuesday afternoons": (14, 0),
    "After work, about 6 pm": (18, 0),
    "first Sunday of the month": (11, 45),
    "Mornings, after the school run": (9, 30),
    "on their own, in the quiet room": (11, 0),
    "A goodnight call": (20, 30),
    "After 7 pm": (19, 15),
}
