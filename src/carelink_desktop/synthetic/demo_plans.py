"""The demo home's carer support plans, written through the services after the relationship maps.

Five unpaid carers each get a plan that tells one story, so that every state of a plan shows:

* *overdue*: a neighbour who cared for years; active, one review recorded, and the next review
  now past its date (the demo's one overdue review);
* *under review*: a carer whose first months were hard (discrimination met at the carers'
  café, a gap in transport); the review meeting is booked;
* *reviewed*: a partner with their own health to look after; active, reviewed six weeks ago;
* *agreed*: a son or daughter who works full time; agreed last week, not yet in action;
* *started again*: a plan closed because the carer's hours changed, and a new draft in its place.

The carers are the relationships the maps already mark as unpaid carers; when there are fewer
than five, partners, then sons and daughters who are primary next of kin, are marked as unpaid
carers first (they looked after the resident at home before the move), through
``services.relationships.update_relationship`` with a reason, as staff would. One plan per
resident; the choice follows the residents' order, so the same seed gives the same plans. Dates
count back from the workspace's today (the day the demo is made). Everything is fictional.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from carelink_desktop.domain.carer_plans import (
    AccessAction,
    ActionStatus,
    CarerNeed,
    ChosenResource,
    CriterionAssessment,
    NeedKind,
    Outcome,
    OutcomeFor,
    PlanDetails,
    PlanRole,
    ReviewDetails,
    Term,
)
from carelink_desktop.domain.relationships import Category, Quality
from carelink_desktop.services.relationships import RelationshipView
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.synthetic.demo_map_texts import (
    BEFRIENDING,
    BENEFITS,
    CARERS,
    DIGITAL,
    LATER_LIFE,
    RESOURCES,
    TRANSPORT,
)

_SPOUSES = frozenset({"husband", "wife", "partner"})
_CHILDREN = frozenset({"son", "daughter"})
MARKED_REASON = (
    "Looked after {name} at home for years before the move and still helps with {name}'s care: "
    "marked as an unpaid carer so we can agree a carer support plan."
)


@dataclass(frozen=True)
class _Carer:
    """One carer chosen for a story, with the words the texts need."""

    relationship: RelationshipView
    resident_id: str
    name: str  # the resident as staff call them
    kp: str  # the carer's first name
    keyworker: str  # "Sam Okafor (keyworker)" or "The keyworker"

    def say(self, text: str) -> str:
        return text.format(name=self.name, kp=self.kp, keyworker=self.keyworker)


@dataclass
class _Writer:
    ws: Workspace
    today: date
    resources: dict[int, str]  # index into demo_map_texts.RESOURCES -> resource id
    plans: int = 0
    reviews: int = 0

    def day(self, offset: int) -> date:
        return self.today + timedelta(days=offset)

    def chosen(self, carer: _Carer, *picks: tuple[int, str]) -> tuple[ChosenResource, ...]:
        return tuple(
            ChosenResource(self.resources[i], carer.say(why)) for i, why in picks if i in self.resources
        )


# -- choosing the carers -----------------------------------------------------------------------


def _first(text: str) -> str:
    return text.split(maxsplit=1)[0] if text.split() else text


def _pools(
    ws: Workspace, resident_ids: Sequence[str], keyworker_names: dict[str, str]
) -> dict[str, list[_Carer]]:
    """Unpaid carers, partners and sons or daughters of the current residents, in order."""
    from carelink_desktop.services.relationships import relationships_of
    from carelink_desktop.services.residents import find_residents

    current = {r.id: r for r in find_residents(ws)}
    pools: dict[str, list[_Carer]] = {"carer": [], "spouse": [], "child": []}
    for resident_id in resident_ids:
        resident = current.get(resident_id)
        if resident is None:
            continue
        name = resident.preferred_name or _first(resident.legal_given_names)
        keyworker = keyworker_names.get(resident_id, "")
        for rel in relationships_of(ws, resident_id, include_ended=False):
            d = rel.details
            if rel.restricted or d.quality in (Quality.STRAINED, Quality.CONFLICT):
                continue
            if d.category is Category.UNPAID_CARER:
                pool = "carer"
            elif d.relationship in _SPOUSES:
                pool = "spouse"
            elif d.relationship in _CHILDREN and d.primary_next_of_kin and d.quality is Quality.POSITIVE:
                pool = "child"
            else:
                continue
            who = f"{keyworker} (keyworker)" if keyworker else "The keyworker"
            pools[pool].append(_Carer(rel, resident_id, name, _first(rel.key_person_name), who))
    return pools


#: Which pools each story takes its carer from, in order of preference.
_PREFERENCES = (
    ("carer", "spouse", "child"),  # overdue
    ("carer", "spouse", "child"),  # under review
    ("spouse", "carer", "child"),  # reviewed
    ("child", "spouse", "carer"),  # agreed
    ("child", "spouse", "carer"),  # started again
)


def _cast(pools: dict[str, list[_Carer]]) -> list[_Carer]:
    """One carer per story (fewer when the home is small), never two for one resident."""
    used: set[str] = set()
    cast: list[_Carer] = []
    for preference in _PREFERENCES:
        found = next(
            (c for pool in preference for c in pools[pool] if c.resident_id not in used),
            None,
        )
        if found is None:
            break
        used.add(found.resident_id)
        cast.append(found)
    return cast


def _mark_as_carer(ws: Workspace, carer: _Carer) -> None:
    from carelink_desktop.services.relationships import update_relationship

    d = carer.relationship.details
    if d.category is Category.UNPAID_CARER:
        return
    update_relationship(
        ws,
        carer.relationship.id,
        replace(d, category=Category.UNPAID_CARER),
        reason=carer.say(MARKED_REASON),
    )


# -- the stories -------------------------------------------------------------------------------


def _overdue(w: _Writer, c: _Carer) -> None:
    """Active for seven months, reviewed once, and the next review now nine days late."""
    from carelink_desktop.services.carer_plans import activate_plan, agree_plan, record_review, start_plan

    s = c.say
    criteria = (
        s("{kp} has had a morning off every week"),
        s("{kp}'s back pain has been seen by the GP"),
        s("{name} is settled on the days {kp} does not visit"),
        s("{kp} hears about changes in {name}'s care in good time"),
    )
    details = PlanDetails(
        outcomes=(
            Outcome(
                s(
                    "{name} still sees {kp} twice a week, and {kp} knows how {name} is without "
                    "having to ring round."
                )
            ),
            Outcome(s("{kp} has a proper break: one morning a week just for themselves."), OutcomeFor.CARER),
            Outcome(s("{kp} sleeps better and worries less about {name}."), OutcomeFor.CARER),
            Outcome(
                s("{name} keeps going to the Saturday market, as {name} has for years."), OutcomeFor.RESIDENT
            ),
        ),
        roles=(
            PlanRole(
                c.kp,
                s(
                    "Visits on Tuesday and Friday mornings with the local paper and news from the "
                    "street; tells the keyworker if {name} seems low."
                ),
            ),
            PlanRole(
                c.keyworker,
                s("Rings {kp} every Sunday evening with how {name}'s week has gone; arranges the reviews."),
            ),
            PlanRole(
                c.name,
                s("Says which days suit, and tells staff if {name} would like {kp} to come more or less."),
            ),
            PlanRole(
                "Brambleford Carers' Centre",
                s(
                    "The carers' café on the first Thursday of the month; a carer's assessment with "
                    "the council."
                ),
            ),
        ),
        ways_of_working=s(
            "{kp} is welcome at any time, not only on visiting days. Staff ring {kp} before any change "
            "to {name}'s care that {kp} would notice, and {kp} tells the keyworker or the nurse in "
            "charge, rather than agency staff, about anything that worries them."
        ),
        risk_management=s(
            "{name} can be unsteady when tired. {kp} walks with {name} in the garden only in daylight "
            "and on the path, and tells the nurse in charge before they go out."
        ),
        assessment_explained_on=w.day(-230),
        assessment_explained_how=s(
            "Talked it through over a cup of tea in the family room and gave {kp} the carers' centre "
            "leaflet in large print."
        ),
        referral_on=w.day(-225),
        referral_reference="KDC/CA/20931",
        referral_result=s(
            "Assessed by phone by Kettlewick Council's carers' team: a one-off carer's personal "
            "budget of £250, which {kp} spent on a swimming pass."
        ),
        needs=(
            CarerNeed(
                NeedKind.PHYSICAL,
                Term.MEDIUM,
                s(
                    "Back pain from years of helping {name} in and out of the bath; has been putting "
                    "off seeing the GP."
                ),
            ),
            CarerNeed(
                NeedKind.EMOTIONAL,
                Term.SHORT,
                s("Feels guilty about the move and finds it hard to leave after a visit."),
            ),
            CarerNeed(
                NeedKind.PRACTICAL,
                Term.LONG,
                s("Works part time in the corner shop: visits have to fit round the shifts."),
            ),
        ),
        resources=w.chosen(
            c,
            (CARERS, "For the carers' café, and someone to talk to who understands."),
            (BENEFITS, "To check what happens to {kp}'s Carer's Allowance now that {name} lives here."),
        ),
        actions=(
            AccessAction(s("Book a place at the carers' café"), c.kp, w.day(-205), ActionStatus.DONE),
            AccessAction(
                "Ring Pennyroyal Benefits Advice together and book an appointment",
                s("{keyworker} with {kp}"),
                w.day(-195),
                ActionStatus.DONE,
            ),
            AccessAction(
                s("Send {kp} the month's activities list, so visits miss the busiest days"),
                c.keyworker,
                w.day(-190),
                ActionStatus.DONE,
            ),
            AccessAction(
                "Make a GP appointment about the back pain", c.kp, w.day(-100), ActionStatus.IN_HAND
            ),
        ),
        resident_support_meanwhile=s(
            "On the first Thursday of the month, when {kp} is at the carers' café, the keyworker sits "
            "with {name} at the coffee morning so {name} is not waiting by the window."
        ),
        resident_support_risks=s(
            "{name} may be unsettled if {kp} misses a visit without warning: staff tell {name} the day "
            "before, and {kp} rings at lunchtime instead."
        ),
        gaps_in_provision="The carers' café only meets in the daytime; there is nothing in the evening "
        "for carers who work. The centre has been told.",
        review_process=s(
            "A review every four months in the family room with {name}, {kp} and the keyworker; {kp} "
            "can bring someone from the carers' centre. The keyworker asks {kp} first, on their own, "
            "how things are going."
        ),
        review_criteria=criteria,
        next_review_on=w.day(-110),
    )
    plan = start_plan(w.ws, c.relationship.id, details)
    agree_plan(w.ws, plan.id, w.day(-220), s("{kp}, {name} and {keyworker}"))
    activate_plan(w.ws, plan.id)
    review = ReviewDetails(
        reviewed_on=w.day(-112),
        participants=s("{name}, {kp}, {keyworker}"),
        participation_support=s(
            "Held in the morning, when {name} is brightest; {name}'s hearing aids checked beforehand; "
            "{kp} had the questions a week before."
        ),
        assessments=(
            CriterionAssessment(criteria[0], s("Yes: the café every month and a swim most Wednesdays.")),
            CriterionAssessment(criteria[1], "Not yet: no appointment that fits round the shifts."),
            CriterionAssessment(criteria[2], s("Mostly: {name} enjoys the coffee morning.")),
            CriterionAssessment(criteria[3], s("Yes, since the Sunday calls started.")),
        ),
        benefits=s("{kp} is sleeping better since joining the carers' café and has made a friend there."),
        difficulties="Still no GP appointment: the surgery only offers mornings, when the shop is busiest.",
        changes="The keyworker will ask the GP surgery about an evening appointment.",
        resident_support_changes=s("None needed: {name} enjoys the coffee morning."),
        referrals="None.",
        next_review_on=w.day(-9),
    )
    record_review(w.ws, plan.id, review)
    w.plans += 1
    w.reviews += 1


def _under_review(w: _Writer, c: _Carer) -> None:
    """Active for six months; the review meeting is booked for next week."""
    from carelink_desktop.services.carer_plans import activate_plan, agree_plan, start_plan, start_review

    s = c.say
    details = PlanDetails(
        outcomes=(
            Outcome(s("{name} and {kp} keep their friendship going: {kp} visits every Sunday afternoon.")),
            Outcome(
                s("{kp} has help with the strain of the last two years, and time for their own family."),
                OutcomeFor.CARER,
            ),
        ),
        roles=(
            PlanRole(c.kp, s("Visits on Sunday afternoons and helps {name} ring {name}'s sister.")),
            PlanRole(
                c.keyworker,
                s("Keeps {kp} up to date by text; books an interpreter for the review if {name} wants one."),
            ),
            PlanRole(
                "Carers' support worker, Brambleford Carers' Centre",
                s("One-to-one sessions with {kp} every month."),
            ),
        ),
        ways_of_working=s(
            "{kp} texts the keyworker if they cannot come on a Sunday, and staff tell {name} at lunch. "
            "Staff do not ask {kp} to help with personal care."
        ),
        risk_management=s(
            "{name} gets breathless on the stairs: visits are in the ground-floor lounge or {name}'s room."
        ),
        assessment_explained_on=w.day(-185),
        assessment_explained_how=s(
            "In person, with the council's leaflet; {kp} wanted to think about it first."
        ),
        referral_on=w.day(-150),
        referral_reference="KDC/CA/21488",
        referral_result="Waiting for the council's carers' team to ring back.",
        needs=(
            CarerNeed(
                NeedKind.MENTAL, Term.MEDIUM, s("Low since {name} moved in: {kp} says the days feel empty.")
            ),
            CarerNeed(
                NeedKind.PHYSICAL,
                Term.SHORT,
                s("Worn out: {kp} was getting up in the night to check on {name} for two years."),
            ),
            CarerNeed(
                NeedKind.PRACTICAL,
                Term.LONG,
                s("{kp} no longer drives, and the bus does not run on Sundays."),
            ),
        ),
        resources=w.chosen(
            c,
            (CARERS, "The carers' café and one-to-one sessions with a carers' support worker."),
            (TRANSPORT, "To get to the home in winter without a car."),
        ),
        actions=(
            AccessAction(
                "Register with Dial-a-Ride", s("{keyworker} with {kp}"), w.day(-160), ActionStatus.DONE
            ),
            AccessAction(
                "First one-to-one with the carers' support worker", c.kp, w.day(-140), ActionStatus.DONE
            ),
            AccessAction(
                "Chase the council about the carer's assessment",
                c.keyworker,
                w.day(-20),
                ActionStatus.IN_HAND,
            ),
            AccessAction("Carer's health check at the GP surgery", c.kp, w.day(30), ActionStatus.TO_DO),
        ),
        resident_support_meanwhile=s(
            "On the Sundays {kp} cannot come, a member of staff helps {name} ring {kp} after lunch."
        ),
        resident_support_risks=s(
            "{name} can feel forgotten when a visit is missed: staff make sure the call happens."
        ),
        gaps_in_provision=s(
            "Dial-a-Ride does not run on Sundays, when {kp} visits, so {kp} pays for a taxi home: about "
            "£9 each time."
        ),
        discrimination=s(
            "At the first carers' café {kp} was asked to 'wait for the family' and not offered a seat: "
            "the volunteers assumed only relatives are carers. The keyworker rang the centre manager, "
            "who apologised and briefed the volunteers; {kp} went back the next month and was made welcome."
        ),
        review_process=s(
            "Every six months, or sooner if {kp} asks, in the afternoon; a large-print copy of the plan "
            "beforehand."
        ),
        review_criteria=(
            s("{kp} feels less low and less tired"),
            "The visits still happen every week, in winter too",
            s("{name} enjoys the visits"),
        ),
        next_review_on=w.day(5),
    )
    plan = start_plan(w.ws, c.relationship.id, details)
    agree_plan(w.ws, plan.id, w.day(-178), s("{kp}, {name} and {keyworker}"))
    activate_plan(w.ws, plan.id)
    start_review(w.ws, plan.id)
    w.plans += 1


def _reviewed(w: _Writer, c: _Carer) -> None:
    """Active for five months, reviewed six weeks ago; the next review is in the spring."""
    from carelink_desktop.services.carer_plans import (
        activate_plan,
        agree_plan,
        record_review,
        start_plan,
        start_review,
    )

    s = c.say
    criteria = (
        s("{kp} goes to the walking group most weeks"),
        s("{kp} feels able to say no to a visit when tired"),
        s("{name} is settled on the evenings {kp} is away"),
        "The household bills are sorted",
    )
    details = PlanDetails(
        outcomes=(
            Outcome(
                s(
                    "{name} and {kp} still have their evenings together: tea at five and the quiz on "
                    "television."
                )
            ),
            Outcome(
                s(
                    "{kp} looks after their own health: back to the walking group, and keeping up "
                    "with their own hospital appointments."
                ),
                OutcomeFor.CARER,
            ),
            Outcome(
                s("{kp} is not on call all day: staff ring {kp} only about things that matter."),
                OutcomeFor.CARER,
            ),
            Outcome(
                s("{name} has a say in when {kp} visits and what they do together."), OutcomeFor.RESIDENT
            ),
        ),
        roles=(
            PlanRole(
                c.kp, s("Comes for tea most days; helps {name} get ready for bed on Mondays and Thursdays.")
            ),
            PlanRole(
                c.keyworker,
                s(
                    "Agrees with {kp} what staff do at bedtime on the other days; rings {kp} with "
                    "news on Fridays."
                ),
            ),
            PlanRole("Activities co-ordinator", s("Invites {kp} to the monthly tea dance.")),
            PlanRole(c.name, s("Chooses the evenings, and tells staff when {name} is tired.")),
        ),
        ways_of_working=s(
            "{kp} knows {name} best: staff follow {kp}'s way of settling {name} at night (the radio on "
            "low, the landing light left on), written into the care plan. Staff do not ask {kp} to do "
            "personal care; {kp} chooses what to help with."
        ),
        risk_management=s(
            "{kp} has a heart condition. {kp} does not help {name} to stand: staff do that with the "
            "frame. If {kp} feels unwell during a visit, the nurse in charge looks after them too."
        ),
        assessment_explained_on=w.day(-160),
        assessment_explained_how=s("At the first family meeting; {kp} asked for it in writing too."),
        referral_on=w.day(-158),
        referral_reference="KDC/CA/22107",
        referral_result=s(
            "Carer's assessment done at home by the council's carers' team: a carer's personal budget "
            "towards a short break in the spring."
        ),
        needs=(
            CarerNeed(
                NeedKind.PHYSICAL,
                Term.LONG,
                "Heart condition: needs to keep up with the cardiology clinic and not overdo it.",
            ),
            CarerNeed(
                NeedKind.EMOTIONAL,
                Term.MEDIUM,
                s("Lonely in the evenings since {name} moved; misses being needed."),
            ),
            CarerNeed(
                NeedKind.PRACTICAL,
                Term.SHORT,
                s("Has never dealt with the household bills: {name} always did them."),
            ),
        ),
        resources=w.chosen(
            c,
            (CARERS, "The monthly carers' café and the walking group it runs."),
            (LATER_LIFE, "Help with the household bills and the council tax discount for living alone."),
            (TRANSPORT, "Getting to the home on dark evenings without driving."),
        ),
        actions=(
            AccessAction("Join the carers' centre walking group", c.kp, w.day(-130), ActionStatus.DONE),
            AccessAction(
                "Appointment with Later Life Kettlewick about the bills",
                s("{keyworker} to book; {kp} to go"),
                w.day(-120),
                ActionStatus.DONE,
            ),
            AccessAction(
                "Register with Dial-a-Ride for winter evenings", c.kp, w.day(14), ActionStatus.IN_HAND
            ),
        ),
        resident_support_meanwhile=s(
            "On the two evenings a week {kp} is at the walking group, the keyworker or a named carer "
            "sits with {name} at tea and puts the quiz on; {kp} rings at eight to say goodnight."
        ),
        resident_support_risks=s(
            "{name} may look for {kp} at teatime and become anxious. Staff show {name} the calendar on "
            "the wall and put {kp}'s call through to {name}'s room."
        ),
        gaps_in_provision="Dial-a-Ride does not run after 6 pm, so winter evening visits depend on lifts "
        "from neighbours.",
        review_process=s(
            "A review every six months with {name}, {kp} and the keyworker, in {name}'s room; family "
            "can join by video call if {kp} wishes."
        ),
        review_criteria=criteria,
        next_review_on=w.day(-40),
    )
    plan = start_plan(w.ws, c.relationship.id, details)
    agree_plan(w.ws, plan.id, w.day(-150), s("{kp}, {name} and {keyworker}"))
    activate_plan(w.ws, plan.id)
    start_review(w.ws, plan.id)
    review = ReviewDetails(
        reviewed_on=w.day(-45),
        participants=s("{name}, {kp}, {keyworker}"),
        participation_support=s(
            "A large-print copy of the plan sent a week before; kept to forty minutes so {name} did not tire."
        ),
        assessments=(
            CriterionAssessment(criteria[0], s("Yes: {kp} has walked with the group five times.")),
            CriterionAssessment(
                criteria[1], s("Getting there: {kp} cancelled one visit without feeling guilty.")
            ),
            CriterionAssessment(criteria[2], s("Yes: {name} enjoys the quiz with the keyworker.")),
            CriterionAssessment(criteria[3], "Yes: direct debits set up with Later Life Kettlewick."),
        ),
        benefits=s('{kp} says "I feel more like myself"; blood pressure better at the last check.'),
        difficulties="Two visits missed in the dark evenings.",
        changes="Lunchtime visits on two days a week over the winter instead of teatime.",
        resident_support_changes=s(
            "Staff bring {name}'s tea to the lounge on the days {kp} comes at lunchtime, so {name} still "
            "has company at teatime."
        ),
        referrals="Asked the carers' centre about its volunteer driver scheme.",
        next_review_on=w.day(137),
    )
    record_review(w.ws, plan.id, review)
    w.plans += 1
    w.reviews += 1


def _agreed(w: _Writer, c: _Carer) -> None:
    """Agreed last week; waiting to be put into action."""
    from carelink_desktop.services.carer_plans import agree_plan, start_plan

    s = c.say
    details = PlanDetails(
        outcomes=(
            Outcome(s("{kp} keeps visiting on Saturdays without putting their job at risk.")),
            Outcome(
                s("{kp} can work full time again: no calls at work except in an emergency."), OutcomeFor.CARER
            ),
            Outcome(s("{name} keeps the Saturday trips out {name} enjoys."), OutcomeFor.RESIDENT),
        ),
        roles=(
            PlanRole(c.kp, s("Visits on Saturdays and takes {name} out; deals with {name}'s post.")),
            PlanRole(
                c.keyworker, s("Emails {kp} on Fridays with the week's news instead of ringing at work.")
            ),
            PlanRole(
                "Nurse in charge",
                s("Rings {kp} at work only in an emergency (the list is in the care plan)."),
            ),
            PlanRole(c.name, "Chooses where to go on Saturdays."),
        ),
        ways_of_working=s(
            "Anything that is not an emergency waits for the Friday email. {kp} replies by Sunday, or "
            "rings the keyworker on a Monday evening."
        ),
        risk_management=s("{name} tires on long trips out: back by four, with a rest before tea."),
        assessment_explained_on=w.day(-6),
        assessment_explained_how=s(
            "At the meeting where the plan was agreed; {kp} will decide after trying the online group."
        ),
        needs=(
            CarerNeed(
                NeedKind.PRACTICAL,
                Term.SHORT,
                s("Has to stop taking calls at work: {kp}'s manager has raised it."),
            ),
            CarerNeed(NeedKind.EMOTIONAL, Term.MEDIUM, s("Feels pulled between work, home and {name}.")),
        ),
        resources=w.chosen(
            c,
            (CARERS, "The online carers' group on Wednesday evenings, after work."),
            (DIGITAL, "To set up video calls with {name} on weekday evenings."),
        ),
        actions=(
            AccessAction(
                "Write the list of emergencies worth a call at work into the care plan",
                c.keyworker,
                w.day(7),
                ActionStatus.IN_HAND,
            ),
            AccessAction(
                "Set up the tablet for video calls with the Digital Champions",
                s("{keyworker} with {name}"),
                w.day(14),
                ActionStatus.TO_DO,
            ),
            AccessAction("Join the carers' centre online group", c.kp, w.day(21), ActionStatus.TO_DO),
        ),
        resident_support_meanwhile=s(
            "On weekdays, when {kp} cannot come, staff help {name} make a video call at seven in the evening."
        ),
        resident_support_risks=s(
            "{name} may be disappointed if the call does not connect: staff try again once, then "
            "leave a message."
        ),
        review_process="After three months, on a Saturday so that no one has to take time off work.",
        review_criteria=(
            s("{kp} has had no calls at work that were not emergencies"),
            s("{kp} and {name} speak at least three times a week"),
            s("{kp} feels less torn"),
        ),
        next_review_on=w.day(84),
    )
    plan = start_plan(w.ws, c.relationship.id, details)
    agree_plan(w.ws, plan.id, w.day(-6), s("{kp}, {name} and {keyworker}"))
    w.plans += 1


def _started_again(w: _Writer, c: _Carer) -> None:
    """A plan closed three weeks ago because the carer's hours changed, and a new draft."""
    from carelink_desktop.services.carer_plans import activate_plan, agree_plan, close_plan, start_plan

    s = c.say
    old = PlanDetails(
        outcomes=(
            Outcome(s("{kp} visits {name} every Tuesday and Thursday afternoon.")),
            Outcome(s("{kp} has Fridays free."), OutcomeFor.CARER),
        ),
        roles=(
            PlanRole(c.kp, "Visits on Tuesday and Thursday afternoons."),
            PlanRole("Friendly Voices befriender", s("Visits {name} on Fridays.")),
        ),
        resources=w.chosen(c, (BEFRIENDING, "A befriender for {name} on Fridays, {kp}'s day off.")),
        review_process="Every six months.",
        review_criteria=(s("{kp} has a day off every week"), s("{name} has company on Fridays")),
        next_review_on=w.day(-40),
    )
    plan = start_plan(w.ws, c.relationship.id, old)
    agree_plan(w.ws, plan.id, w.day(-400), s("{kp}, {name} and {keyworker}"))
    activate_plan(w.ws, plan.id)
    close_plan(
        w.ws,
        plan.id,
        s(
            "{kp} has started a job with early shifts and asked to start a new plan that fits round "
            "them: the Tuesday and Thursday visits no longer work."
        ),
        w.day(-21),
    )
    draft = PlanDetails(
        outcomes=(
            Outcome(s("{kp} keeps the new job and still sees {name} at weekends."), OutcomeFor.SHARED),
        ),
        roles=(PlanRole(c.kp, "Visits on Saturday and Sunday afternoons."),),
        ways_of_working=s("To talk through with {kp} and {name} at the next visit."),
        needs=(
            CarerNeed(NeedKind.PRACTICAL, Term.SHORT, "Early shifts: cannot visit before 3 pm on weekdays."),
        ),
        resources=w.chosen(c, (BEFRIENDING, "Keep the Friday befriender.")),
    )
    start_plan(w.ws, c.relationship.id, draft)
    w.plans += 2


_STORIES: tuple[Callable[[_Writer, _Carer], None], ...] = (
    _overdue,
    _under_review,
    _reviewed,
    _agreed,
    _started_again,
)


@dataclass(frozen=True)
class PlansSummary:
    plans: int
    reviews: int
    carers_marked: int


def fill_carer_plans(
    ws: Workspace, *, resident_ids: Sequence[str], keyworker_names: dict[str, str]
) -> PlansSummary:
    """Write the demo's carer support plans for the residents ``resident_ids`` (in that order;
    ``keyworker_names`` by resident id), choosing resources from the demo's directory."""
    from carelink_desktop.services.resources_directory import resources

    by_name = {r.details.name: r.id for r in resources(ws)}
    ids = {i: by_name[r.name] for i, r in enumerate(RESOURCES) if r.name in by_name}
    writer = _Writer(ws, ws.today(), ids)
    cast = _cast(_pools(ws, resident_ids, keyworker_names))
    marked = 0
    for story, carer in zip(_STORIES, cast, strict=False):
        if carer.relationship.details.category is not Category.UNPAID_CARER:
            _mark_as_carer(ws, carer)
            marked += 1
        story(writer, carer)
    return PlansSummary(writer.plans, writer.reviews, marked)
