"""Writing the demo home's relationship maps through the services (see ``demo_maps`` for the
plan): the relationships in one transaction, then groups, issues, evaluations, the restriction,
the keyworker change, the resources directory and resources offered."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from carelink_desktop.domain.evaluations import EvaluationDetails
from carelink_desktop.domain.groups import GroupDetails, GroupKind
from carelink_desktop.domain.keyworker_changes import Involvement, KeyworkerChangeDetails
from carelink_desktop.domain.relationship_issues import IssueDetails, IssueKind, IssueStatus, PersonView
from carelink_desktop.domain.relationships import (
    RelationshipDetails,
)
from carelink_desktop.domain.resources import OfferDetails, OfferOutcome
from carelink_desktop.domain.restrictions import RestrictionDetails, RestrictionKind
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.resident_records import RecordKind
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.synthetic.demo_map_texts import (
    BENEFITS,
    CARERS,
    DEMENTIA,
    DIGITAL,
    FAITH_GROUPS,
    OTHER_GROUPS,
    RESOURCES,
    TRANSPORT,
)
from carelink_desktop.synthetic.demo_maps import (
    ResidentMapPlan,
    is_current,
    plan_relationships,
    pronouns,
    resident_first_name,
    rng_for,
)
from carelink_desktop.synthetic.personas import Persona

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
        if is_current(persona, today):
            writer.resident(
                rng=rng_for(seed, index, "records"),
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
        he, _him, his = pronouns(persona.circle[cast["restricted"]].relationship)
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
