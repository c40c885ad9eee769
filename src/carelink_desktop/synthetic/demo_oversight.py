"""The demo home's oversight: a year of feedback from residents (some with easy-read questions,
one helped by an advocate, one by an interpreter), their key people and two professionals; four
improvement actions (one done with its result, one overdue, one from feedback, one from a
concern); the manager's side of the concerns the contact raised (lessons for the closed ones);
an ethical dilemma with the options weighed and a decision; and the manager's narrative for the
last twelve months.

Everything goes through the services, as the manager would (``fill_oversight`` runs as the
demo's manager after ``demo_visits.fill_visits``); the choices come from the seed, so the same
home gives the same oversight. About thirty small transactions: quick. Everything is fictional.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from carelink_desktop.domain.concerns import (
    ConcernDetails,
    ConcernHandling,
    ConcernKind,
    ConcernStatus,
    Severity,
)
from carelink_desktop.domain.feedback import Answer, FeedbackDetails, Helper, Respondent
from carelink_desktop.domain.governance import Narrative
from carelink_desktop.domain.improvement_actions import ActionSource, ActionStatus, ImprovementActionDetails
from carelink_desktop.domain.relationships import Category
from carelink_desktop.domain.visits import VisitKind
from carelink_desktop.services.readmodels import ResidentSummary
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.synthetic.demo_maps import first_name

#: How many responses the year holds, and from whom (residents, key people, professionals).
RESIDENT_RESPONSES = 8
KEY_PERSON_RESPONSES = 10
PROFESSIONALS = (
    (
        "Dr Priya Shah, GP (Kettlewick Medical Practice)",
        "Visits well recorded; families tell me they feel welcome.",
    ),
    (
        "Liam O'Connor, social worker (Kettlewick Council)",
        "Good at involving families in reviews, but I was not told about a change of keyworker.",
    ),
)

#: The key person's response about parking (critical), which an improvement action answers.
PARKING = RESIDENT_RESPONSES + 3

#: Comments by how the rating went: (low 1–2, middling 3, high 4–5). UK English, varied.
RESIDENT_WORDS = {
    "low": (
        "Nobody helped me ring my sister when the tablet was flat.",
        "I don't always know when my son is coming.",
    ),
    "mid": ("It's all right. I'd like more visitors.", "Sometimes the lounge is too noisy for visits."),
    "high": (
        "The girls help me write my letters.",
        "I love it when my grandson comes on a Sunday.",
        "Staff always make my friend a cup of tea.",
        "I can see my family in my room, it's private.",
    ),
}
KEY_PERSON_WORDS = {
    "low": (
        "Twice nobody answered the door for ten minutes at the weekend.",
        "I wasn't told Mum had had a fall until I visited.",
        "Parking is impossible on Saturdays and there is nowhere to wait.",
    ),
    "mid": (
        "Mostly fine, but I never know who his keyworker is now.",
        "The care review was helpful but held at a time I was at work.",
    ),
    "high": (
        "Always made to feel welcome, even at short notice.",
        "Staff ring me straight away if anything changes.",
        "Being invited to the summer fair meant a lot to Dad.",
        "The carers' evening was a real help to me.",
        "They learnt Dad's favourite songs and play them when I visit.",
    ),
}
GENERAL = {
    "low": "I would like to be asked more often.",
    "mid": "Thank you, keep going.",
    "high": "A lovely home. Thank you all.",
}

#: The manager's side of the concerns the demo's contact raised, by kind.
HANDLING = {
    ConcernKind.HARM_OR_ABUSE: ConcernHandling(
        handler="Demo Manager, registered manager",
        advice_sought="Kettlewick Council safeguarding team; the resident's Care Act advocate; the GP about "
        "the resident's capacity to make decisions about the house.",
        decision="Visits continue, supervised in the family room; no talk of money or the house.",
        reasoning="The resident wants to keep seeing their child. Supervised visits protect them from "
        "pressure while keeping the relationship: the least restrictive option (Care Act 2014, "
        "section 42 enquiry).",
        practice_changes="Safeguarding plans about visits are now on the Today board and in the handover.",
    ),
    ConcernKind.COMPLAINT: ConcernHandling(
        handler="Demo Manager, registered manager",
        decision="Morning routine reviewed with the day team; glasses checked at handover.",
        reasoning="The resident prefers to be up and dressed before visitors; the family's complaint was "
        "fair and had happened before.",
        practice_changes="Morning checklist for the day team (see the improvement action).",
        lessons="Ask residents how they like to be ready for visitors, and write it in the care plan; a "
        "second complaint about the same thing means a system is missing, not a person.",
    ),
    ConcernKind.LACK_OF_RESOURCES: ConcernHandling(
        handler="Demo Manager, registered manager",
        decision="A second tablet from the amenities fund, charged by the night shift.",
        reasoning="Missed calls were hurting relationships that depend on video; a small cost.",
        practice_changes="Tablet charging added to the night shift's checks.",
        lessons="Look at the equipment that keeps people in touch at each quarterly review, before calls "
        "are missed.",
    ),
    ConcernKind.UNMET_NEEDS: ConcernHandling(
        handler="Demo Manager, registered manager",
        advice_sought="Kettlewick Carers' Centre.",
    ),
}

DILEMMA = (
    "{name} wants to go to {kp}'s for Christmas Day and stay the night. {kp} would love it but is "
    "worried about the stairs and managing {name}'s medicines; another relative thinks it is too risky."
)
DILEMMA_HANDLING = ConcernHandling(
    handler="Demo Manager, registered manager",
    advice_sought="The GP and the pharmacist about medicines; the occupational therapist about the stairs.",
    options_weighed="1. Say no: no risk from the stairs, but {name} misses Christmas with the family and "
    "loses what matters most to them.\n"
    "2. A day visit only, back by eight: most of the day together, no night away.\n"
    "3. The overnight stay with a plan: a stair rail fitted, medicines in a dosette box, staff on call.",
    decision="Option 3, agreed with {name} and {kp}: the overnight stay with the plan, and a phone call "
    "from staff in the evening.",
    reasoning="{name} has capacity to decide and has said clearly what they want; the risks can be made "
    "smaller. Positive risk-taking respects their wishes (Mental Capacity Act 2005: an unwise decision is "
    "not a lack of capacity).",
    practice_changes="A short plan for overnight stays with family, agreed before each stay.",
)

NARRATIVE_GOOD = (
    "Families and friends tell us they feel welcome (most ratings good or very good), and residents "
    "value private visits in their rooms. The safeguarding concern was handled with the council and an "
    "advocate while the resident kept seeing their child under supervision. A second tablet means video "
    "calls are no longer missed."
)
NARRATIVE_IMPROVE = (
    "Key people are not always told promptly when something changes (a fall, a new keyworker), and "
    "weekend visitors sometimes wait at the door. Some residents cannot ring family without help when "
    "staff are busy. Staff training on supporting video calls is overdue."
)


@dataclass(frozen=True)
class OversightSummary:
    feedback: int
    improvement_actions: int
    handled_concerns: int
    #: The ethical dilemma raised for the demo (its concern id), or "" when none could be.
    dilemma_id: str


def _band(rating: int) -> str:
    return "low" if rating <= 2 else "mid" if rating == 3 else "high"


def _ratings(rng: random.Random, critical: bool) -> list[int]:
    """Mostly good; a critical response has low ratings among the rest."""
    if critical:
        return [rng.choice((1, 2, 2, 3)) for _ in range(6)]
    return [rng.choice((3, 4, 4, 4, 5, 5)) for _ in range(6)]


def fill_oversight(ws: Workspace, *, resident_ids: Sequence[str], seed: int) -> OversightSummary:
    """Write the demo's feedback, improvement actions, the manager's side of its concerns, an
    ethical dilemma and the narrative (as the demo's manager)."""
    from carelink_desktop.services.concerns import CONCERNS, concerns_list, handle_concern
    from carelink_desktop.services.feedback import feedback_questions, record_feedback
    from carelink_desktop.services.governance import save_narrative
    from carelink_desktop.services.improvement_actions import add_action
    from carelink_desktop.services.relationships import relationships_of
    from carelink_desktop.services.resident_records import add_record
    from carelink_desktop.services.residents import find_residents
    from carelink_desktop.services.visit_history import HistoryFilter, visit_history

    rng = random.Random(f"{seed}:oversight")
    today = ws.today()
    current = {r.id: r for r in find_residents(ws)}
    residents = [rid for rid in resident_ids if rid in current]
    if not residents:
        return OversightSummary(0, 0, 0, "")
    questions = feedback_questions(ws)

    def answers(
        respondent: Respondent, ratings: list[int], words: dict[str, tuple[str, ...]]
    ) -> tuple[Answer, ...]:
        asked = [q for q in questions if q.details.asks(respondent)]
        out = []
        for n, (q, rating) in enumerate(zip(asked, ratings, strict=False)):
            comment = rng.choice(words[_band(rating)]) if n % 3 == rng.randrange(3) else ""
            out.append(Answer(q.id, None if rng.random() < 0.08 else rating, comment))
        if not any(a.rating is not None or a.comment for a in out):
            out[0] = Answer(out[0].question_id, ratings[0], "")
        return tuple(out)

    total = RESIDENT_RESPONSES + KEY_PERSON_RESPONSES + len(PROFESSIONALS)
    days = sorted((today - timedelta(days=rng.randrange(2, 360)) for _ in range(total)), reverse=True)
    # ten in the last six months at least, so the analysis of a recent period has something
    days[: total // 2] = sorted(today - timedelta(days=rng.randrange(1, 180)) for _ in range(total // 2))
    given: list[tuple[str, int]] = []  # (feedback id, its lowest rating)
    critical_days = {3, PARKING, 15}  # which responses are critical (a few)
    for n in range(RESIDENT_RESPONSES):
        rid = residents[n % len(residents)]
        ratings = _ratings(rng, n in critical_days)
        helped, helper = Helper.NONE, ""
        if n == 1:
            helped, helper = Helper.ADVOCATE, "Grace Mensah, independent advocate (Kettlewick Advocacy)"
        elif n == 4:
            helped, helper = Helper.INTERPRETER, "Tomasz Nowak, Polish interpreter"
        elif n == 6:
            helped, helper = Helper.STAFF, "Keyworker"
        view = record_feedback(
            ws,
            FeedbackDetails(
                days[n],
                Respondent.RESIDENT,
                resident_id=rid,
                helped_by=helped,
                helper_name=helper,
                easy_read=n % 3 != 2,
                answers=answers(Respondent.RESIDENT, ratings, RESIDENT_WORDS),
                comments=GENERAL[_band(min(ratings))] if n % 4 == 0 else "",
            ),
        )
        given.append((view.id, min(ratings)))
    people = [
        (rid, rel)
        for rid in residents[: KEY_PERSON_RESPONSES + 4]
        for rel in relationships_of(ws, rid)[:3]
        if not rel.restricted
        and rel.details.category in (Category.FAMILY, Category.FRIEND, Category.UNPAID_CARER)
        and rel.details.ended_on is None
    ]
    rng.shuffle(people)
    from_feedback = ""
    for n, (rid, rel) in enumerate(people[:KEY_PERSON_RESPONSES]):
        k = RESIDENT_RESPONSES + n
        ratings = _ratings(rng, k in critical_days)
        words = KEY_PERSON_WORDS
        view = record_feedback(
            ws,
            FeedbackDetails(
                days[k] if k != PARKING else today - timedelta(days=61),
                Respondent.KEY_PERSON,
                resident_id=rid,
                relationship_id=rel.id,
                answers=answers(Respondent.KEY_PERSON, ratings, words),
                comments=(
                    "Parking is impossible on Saturdays and there is nowhere to wait out of the rain."
                    if k == PARKING
                    else GENERAL[_band(min(ratings))]
                    if n % 3 == 0
                    else ""
                ),
            ),
        )
        given.append((view.id, min(ratings)))
        if k == PARKING:
            from_feedback = view.id
    for n, (who, said) in enumerate(PROFESSIONALS):
        k = RESIDENT_RESPONSES + KEY_PERSON_RESPONSES + n
        ratings = [4, 4, 5, 3, 4] if n == 0 else [4, 3, 4, 2, 3]
        asked = [q for q in questions if q.details.asks(Respondent.PROFESSIONAL)]
        view = record_feedback(
            ws,
            FeedbackDetails(
                days[k],
                Respondent.PROFESSIONAL,
                resident_id=residents[(n * 5 + 2) % len(residents)],
                respondent_name=who,
                answers=tuple(Answer(q.id, r) for q, r in zip(asked, ratings, strict=False)),
                comments=said,
            ),
        )
        given.append((view.id, min(ratings)))
    if not from_feedback:
        from_feedback = min(given, key=lambda g: g[1])[0]

    # -- the manager's side of the concerns the contact raised ----------------------------------
    handled = 0
    complaint_id = ""
    for c in concerns_list(ws):
        handling = HANDLING.get(c.kind)
        if handling is None:
            continue
        if c.status is ConcernStatus.CLOSED and not handling.lessons:
            continue
        handle_concern(ws, c.id, handling, expected_version=c.version)
        handled += 1
        if c.kind is ConcernKind.COMPLAINT:
            complaint_id = c.id

    # -- an ethical dilemma, raised from a recent visit -------------------------------------------
    dilemma_id = ""
    for rid in residents[len(residents) // 2 :] + residents[: len(residents) // 2]:
        family = [
            r
            for r in relationships_of(ws, rid)
            if r.details.category is Category.FAMILY and not r.restricted and r.details.ended_on is None
        ]
        found = None
        for rel in family:
            page = visit_history(
                ws,
                rid,
                HistoryFilter(
                    start=today - timedelta(days=40),
                    end=today - timedelta(days=3),
                    relationship_id=rel.id,
                    kinds=frozenset({VisitKind.VISIT}),
                ),
                limit=1,
            )
            if page.items:
                found = (rel, page.items[0])
                break
        if found is None:
            continue
        rel, seen = found
        name = _first_name(current[rid])
        kp = rel.key_person_name.split()[0]
        raised = add_record(
            ws,
            CONCERNS,
            rid,
            ConcernDetails(
                ConcernKind.ETHICAL_DILEMMA,
                Severity.MEDIUM,
                DILEMMA.format(name=name, kp=kp),
                seen.starts_at.date(),
                relationship_id=rel.id,
                visit_id=seen.id,
                reported_to="Home manager",
                reported_on=seen.starts_at.date(),
                actions=f"Talked it through with {name}, then with {kp}; a meeting arranged with the family.",
                status=ConcernStatus.IN_HAND,
            ),
        )
        handle_concern(
            ws,
            raised.id,
            ConcernHandling(
                **{
                    f: getattr(DILEMMA_HANDLING, f).format(name=name, kp=kp)
                    for f in DILEMMA_HANDLING.__dataclass_fields__
                }
            ),
        )
        dilemma_id = raised.id
        handled += 1
        break

    # -- improvement actions -----------------------------------------------------------------------
    actions = [
        ImprovementActionDetails(
            "Put visiting and parking information at reception and on the website, and agree overflow "
            "parking with the church next door for Saturdays.",
            "Key people's feedback: parking is impossible at weekends and there is nowhere to wait.",
            ActionSource.FEEDBACK,
            "Deputy manager",
            today - timedelta(days=40),
            today + timedelta(days=20),
            source_id=from_feedback,
            status=ActionStatus.UNDER_WAY,
        ),
        ImprovementActionDetails(
            "Train every member of staff to set up and support video calls.",
            "Residents said they cannot ring family without help when the tablet is flat or staff are "
            "busy; the analysis shows keeping in touch scoring lowest with residents.",
            ActionSource.FINDING,
            "Senior carer (training lead)",
            today - timedelta(days=75),
            today - timedelta(days=21),
            status=ActionStatus.UNDER_WAY,
        ),
        ImprovementActionDetails(
            "Hold a carers' evening each quarter, with the Kettlewick Carers' Centre.",
            "Carers asked for support in their own role; few had heard of a carer's assessment.",
            ActionSource.OTHER,
            "Demo Manager",
            today - timedelta(days=30),
            today + timedelta(days=60),
        ),
    ]
    if complaint_id:
        actions.append(
            ImprovementActionDetails(
                "A morning checklist for the day team: residents up and dressed as they prefer before "
                "their visitors come, glasses and hearing aids checked at handover.",
                "A family's complaint about their relative not being ready for visits, for the second time.",
                ActionSource.CONCERN,
                "Day team leader",
                today - timedelta(days=55),
                today - timedelta(days=35),
                source_id=complaint_id,
                status=ActionStatus.DONE,
                result="Checklist in use for six weeks; no repeat of the complaint, and the family wrote "
                "to say visits are better.",
                completed_on=today - timedelta(days=38),
            )
        )
    for details in actions:
        add_action(ws, details)

    save_narrative(ws, Narrative(today - timedelta(days=364), today, NARRATIVE_GOOD, NARRATIVE_IMPROVE))
    return OversightSummary(len(given), len(actions), handled, dilemma_id)


def _first_name(view: ResidentSummary) -> str:
    """What the demo's texts call a resident: their preferred name, else their first name."""
    return view.preferred_name or first_name(view.legal_given_names)
