"""The demo home: created and filled through the services, in a real encrypted home, with
relationship maps that show every part of the map and a year of contact."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from carelink_desktop.domain.carer_plans import PlanStatus
from carelink_desktop.domain.concerns import ConcernDetails, ConcernKind, ConcernStatus
from carelink_desktop.domain.groups import GroupKind
from carelink_desktop.domain.isolation import SignalLevel
from carelink_desktop.domain.planned_visits import PlannedStatus
from carelink_desktop.domain.relationship_issues import IssueStatus
from carelink_desktop.domain.relationships import AttorneyPower, Category, Frequency, Quality
from carelink_desktop.domain.resources import OfferOutcome
from carelink_desktop.domain.roles import Role
from carelink_desktop.domain.shifts import Shift
from carelink_desktop.domain.visits import SECTIONS, Mood, Supervision, VisitKind
from carelink_desktop.paths import HomePaths
from carelink_desktop.services.access import recover_with_key, unlock
from carelink_desktop.services.accounts import list_accounts
from carelink_desktop.services.carer_plans import PlanView
from carelink_desktop.services.consent import consents_for
from carelink_desktop.services.key_people import find_key_people
from carelink_desktop.services.relationship_map import RelationshipMap, due_within
from carelink_desktop.services.resident_records import ResidentRecordView
from carelink_desktop.services.residents import ResidentFilter, find_residents, view_resident
from carelink_desktop.services.today_board import TodayBoard
from carelink_desktop.storage.keyslots import KdfParams
from carelink_desktop.storage.map_tables import SupportResourceRow
from carelink_desktop.synthetic.demo_home import DEMO_HOME_NAME, DemoSummary, create_demo_home, fill_demo_home

FAST_KDF = KdfParams(memory_kib=65536, iterations=1, lanes=1)
PASSWORD = "Demo password 1"


def test_a_demo_home_is_full_of_fictional_people(tmp_path: Path) -> None:
    paths = HomePaths(tmp_path / "demo")
    ws, summary = create_demo_home(paths, PASSWORD, kdf=FAST_KDF)
    try:
        assert ws.actor.username == "demo" and ws.actor.role is Role.MANAGER
        assert "(demo)" in DEMO_HOME_NAME

        residents = find_residents(ws, status=ResidentFilter.ALL)
        assert len(residents) >= 20
        assert len(residents) == summary.residents == len(summary.resident_ids)
        assert {r.id for r in residents} == set(summary.resident_ids)
        discharged = find_residents(ws, status=ResidentFilter.DISCHARGED)
        assert len(discharged) == summary.discharged_residents >= 1
        assert len(find_residents(ws)) == summary.current_residents

        key_people = find_key_people(ws)
        assert len(key_people) >= 120
        assert len(key_people) == summary.key_people
        assert all(5 <= len(circle) <= 7 for circle in summary.key_person_ids)

        accounts = {a.id: a for a in list_accounts(ws)}
        assert len(accounts) == summary.staff + 1  # and the demo manager
        keyworkers = {view_resident(ws, r.id).details.keyworker_id for r in residents} - {None}
        assert len(keyworkers) >= 2
        for keyworker in keyworkers:
            assert keyworker is not None
            assert accounts[keyworker].active and accounts[keyworker].role is Role.KEYWORKER
        for r in find_residents(ws):
            assert view_resident(ws, r.id).details.keyworker_id in keyworkers

        consents = sum(len(consents_for(ws, rid)) for rid in summary.resident_ids)
        assert consents == summary.consent_records > summary.residents

        text = str(summary)
        assert f"{summary.residents} residents" in text and f"{summary.key_people} key people" in text
        assert summary.recovery_key and summary.recovery_key not in text + repr(summary)
    finally:
        ws.close()

    again = unlock(paths, "demo", PASSWORD, state_dir=tmp_path / "state", kdf=FAST_KDF)
    again.close()
    recovered = recover_with_key(paths, summary.recovery_key, "demo", "Another password 2", kdf=FAST_KDF)
    recovered.close()


def test_filling_a_home_twice_adds_new_colleagues_without_clashing(tmp_path: Path) -> None:
    ws, first = create_demo_home(HomePaths(tmp_path / "demo"), PASSWORD, kdf=FAST_KDF, residents=3)
    try:
        second = fill_demo_home(ws, residents=3)
        usernames = [a.username for a in list_accounts(ws)]
        assert len(usernames) == len(set(usernames)) == 1 + first.staff + second.staff
        assert len(find_residents(ws, status=ResidentFilter.ALL)) == 6
        assert len(find_key_people(ws)) == first.key_people + second.key_people
    finally:
        ws.close()


def test_every_demo_resident_is_linked_to_their_own_circle(home) -> None:  # type: ignore[no-untyped-def]
    from carelink_desktop.services.links import key_people_of
    from carelink_desktop.synthetic.demo_home import create_demo_home
    from tests.conftest import FAST_KDF

    ws, summary = create_demo_home(home, "demo-home", kdf=FAST_KDF)
    try:
        assert summary.links == summary.key_people
        for resident_id, people, extras in zip(
            summary.resident_ids, summary.key_person_ids, summary.extra_key_person_ids, strict=True
        ):
            links = key_people_of(ws, resident_id)
            assert {link.key_person_id for link in links} == {*people, *extras}
            assert all(link.relationship for link in links)
    finally:
        ws.close()


@dataclass(frozen=True)
class Oversight:
    """The manager's oversight in the demo home (demo_oversight)."""

    feedback: list[Any]  # FeedbackView, newest first
    actions: list[Any]  # ActionView
    handling: dict[str, Any]  # concern id -> ConcernHandling
    concerns: list[Any]  # ConcernSummary
    narrative: Any


def _read_oversight(ws) -> Oversight:  # type: ignore[no-untyped-def]
    from carelink_desktop.services.concerns import concern_handling, concerns_list
    from carelink_desktop.services.feedback import feedback, feedback_given
    from carelink_desktop.services.governance import narrative
    from carelink_desktop.services.improvement_actions import ActionFilter, improvement_actions

    today = ws.today()
    given = feedback_given(ws, today - timedelta(days=366), today)
    concerns = concerns_list(ws)
    return Oversight(
        feedback=[feedback(ws, f.id) for f in given],
        actions=improvement_actions(ws, ActionFilter()),
        handling={c.id: concern_handling(ws, c.id) for c in concerns},
        concerns=concerns,
        narrative=narrative(ws, today - timedelta(days=364), today),
    )


@dataclass(frozen=True)
class Demo:
    """What the demo home holds, as the demo manager sees it (read once per module)."""

    summary: DemoSummary
    maps: list[RelationshipMap]
    resources: list[str]  # names in the resources directory
    resource_ids: set[str]
    plans: list[PlanView]
    overdue: list[str]  # ids of the plans whose review is overdue
    reviews: dict[str, int]  # plan id -> reviews recorded
    today: date
    contact: Contact
    oversight: Oversight | None = None


@dataclass(frozen=True)
class Contact:
    """The demo's contact, read back once per module."""

    visits: list[dict[str, Any]]  # every visit record's columns
    follow_ups: list[dict[str, Any]]
    board: TodayBoard
    concerns: list[ResidentRecordView[ConcernDetails]]
    admitted: dict[str, date | None]  # resident id -> admission date
    #: Subject ids of the audited acknowledgements of restriction warnings.
    acknowledged: list[str]
    completed: int  # follow-ups marked done through the service
    chain_intact: bool
    #: The plan again from the same circles, seed and moment, and with another seed.
    same_plan: bool
    other_seed_differs: bool


@pytest.fixture(scope="module")
def demo(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The demo home made once for the module, and what its maps and plans hold."""
    from carelink_desktop.services import carer_plans
    from carelink_desktop.services.relationship_map import relationship_map
    from carelink_desktop.synthetic.demo_home import create_demo_home
    from tests.conftest import FAST_KDF

    folder = tmp_path_factory.mktemp("demo-maps")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CARELINK_STATE_DIR", str(folder / "state"))
        ws, summary = create_demo_home(HomePaths(folder / "home"), "demo-home", kdf=FAST_KDF)
        try:
            current = {r.id for r in find_residents(ws)}
            maps = [relationship_map(ws, rid) for rid in summary.resident_ids if rid in current]
            # counted here: services.resources_directory.resources() reads rows after its
            # session has closed (DetachedInstanceError), reported to the map's owner
            with ws.read() as session:
                directory = session.execute(select(SupportResourceRow.id, SupportResourceRow.name)).all()
            plans = [carer_plans.plan(ws, p.id) for p in carer_plans.plans(ws)]
            contact = _read_contact(ws, summary)
            oversight = _read_oversight(ws)
            return Demo(
                summary=summary,
                maps=maps,
                resources=[name for _id, name in directory],
                resource_ids={rid for rid, _name in directory},
                plans=plans,
                overdue=[p.id for p in carer_plans.overdue_reviews(ws)],
                reviews={p.id: len(carer_plans.reviews_of(ws, p.id)) for p in plans},
                today=ws.today(),
                contact=contact,
                oversight=oversight,
            )
        finally:
            ws.close()


@pytest.fixture(scope="module")
def demo_maps(demo: Demo):  # type: ignore[no-untyped-def]
    """The demo home's relationship maps as the demo manager sees them (made once)."""
    return demo.summary, demo.maps, demo.resources


def test_the_demo_maps_have_life(demo_maps) -> None:  # type: ignore[no-untyped-def]
    _summary, maps, _resources = demo_maps
    everyone = [r for m in maps for r in m.relationships]
    assert {r.details.circle for r in everyone} == {1, 2, 3, 4}
    assert {r.details.category for r in everyone} == set(Category)
    qualities = Counter(r.details.quality for r in everyone)
    assert qualities[Quality.CONFLICT] == 1
    assert qualities[Quality.STRAINED] >= 2 and qualities[Quality.MIXED] >= 2
    assert qualities[Quality.POSITIVE] > len(everyone) / 2
    assert sum(1 for r in everyone if r.details.contact_wishes) > 0.8 * len(everyone)
    assert {w.frequency for r in everyone for w in r.details.contact_wishes} >= {
        Frequency.DAILY,
        Frequency.WEEKLY,
        Frequency.MONTHLY,
    }
    assert sum(1 for r in everyone if r.details.what_matters) > len(everyone) / 3
    assert any(r.details.support_needed for r in everyone)
    assert any(AttorneyPower.HEALTH_AND_WELFARE in r.details.attorney_powers for r in everyone)
    for the_map in maps:
        current = the_map.current
        primaries = [r for r in current if r.details.primary_next_of_kin]
        assert len(primaries) == (1 if any(r.details.next_of_kin for r in current) else 0)
        assert sum(1 for r in current if r.details.essential_care_supporter) <= 1
    assert sum(1 for m in maps for r in m.current if r.details.primary_next_of_kin) >= len(maps) - 2
    assert sum(1 for m in maps for r in m.current if r.details.essential_care_supporter) >= len(maps) // 2
    ended = [r for m in maps for r in m.ended]
    assert len(ended) == 1 and ended[0].details.end_reason and ended[0].details.end_support


def test_the_demo_has_the_records_around_the_maps(demo_maps) -> None:  # type: ignore[no-untyped-def]
    summary, maps, resources = demo_maps
    restricted = [m for m in maps if m.restrictions_in_force]
    assert len(restricted) == 1
    (restriction,) = restricted[0].restrictions_in_force
    assert restriction.details.legal_basis and restriction in restricted[0].restrictions_due
    person = restricted[0].by_id(restriction.details.relationship_id)
    assert person is not None and person.restricted and person.details.quality is Quality.CONFLICT
    groups = [g.details for m in maps for g in m.groups]
    assert {g.kind for g in groups} >= {
        GroupKind.FAITH,
        GroupKind.DAY_CENTRE,
        GroupKind.CLUB,
        GroupKind.ONLINE,
    }
    issues = [i.details for m in maps for i in m.issues]
    assert [i.status for i in issues if i.status.is_open] == [IssueStatus.IN_HAND]
    assert any(i.status is IssueStatus.RESOLVED for i in issues)
    assert sum(1 for m in maps if m.evaluation_overdue) == 1
    due_soon = [m for m in maps if due_within(m.next_evaluation, m.today, 14) and not m.evaluation_overdue]
    assert len(due_soon) >= 1
    assert sum(len(m.evaluations) for m in maps) >= 4
    changes = [c for m in maps for c in m.pending_keyworker_changes]
    assert len(changes) == 1 and changes[0].details.involvement
    assert len(resources) == summary.resources == 8
    offers = [o for m in maps for o in m.offers]
    assert len(offers) >= 4 and {o.details.outcome for o in offers} >= {
        OfferOutcome.TAKEN_UP,
        OfferOutcome.OFFERED,
    }
    records = len(groups) + len(issues) + sum(len(m.evaluations) + len(m.restrictions or ()) for m in maps)
    assert summary.map_records == records + len(changes) + len(offers)
    assert f"{summary.map_records} records around the relationship maps" in str(summary)


def test_the_demo_has_carer_plans_in_every_state_and_one_review_overdue(demo: Demo) -> None:
    plans = demo.plans
    assert {p.status for p in plans} == set(PlanStatus)
    assert demo.summary.carer_plans == len(plans) >= len(PlanStatus)
    assert f"{len(plans)} carer support plans" in str(demo.summary)
    # exactly one review overdue on the day the demo was made: an active plan, reviewed before
    (late,) = demo.overdue
    overdue = next(p for p in plans if p.id == late)
    assert overdue.status is PlanStatus.ACTIVE and overdue.review_overdue(demo.today)
    assert overdue.details.next_review_on is not None and overdue.details.next_review_on < demo.today
    assert demo.reviews[late] >= 1
    assert sum(demo.reviews.values()) >= 2  # and another plan reviewed on time
    assert sum(1 for p in plans if p.review_overdue(demo.today)) == 1
    # every plan is with an unpaid carer on the resident's map, one carer per resident
    relationships = {r.id: r for m in demo.maps for r in m.relationships}
    for p in plans:
        assert relationships[p.relationship_id].details.category is Category.UNPAID_CARER
        assert p.carer_name and p.resident_name and p.relationship
    open_plans = [p for p in plans if p.status is not PlanStatus.CLOSED]
    assert len({p.resident_id for p in open_plans}) == len(open_plans)
    # the carer who started again: the closed plan and the new draft are with the same carer
    (closed,) = [p for p in plans if p.status is PlanStatus.CLOSED]
    (draft,) = [p for p in plans if p.status is PlanStatus.DRAFT]
    assert closed.relationship_id == draft.relationship_id and closed.close_reason
    assert draft.details.missing_for_agreement()  # a draft still being written
    # agreed plans have everything agreement needs, and resources from the demo's directory
    for p in plans:
        if p.status is not PlanStatus.DRAFT:
            assert not p.details.missing_for_agreement() and p.agreed_on and p.agreed_by
        assert p.details.resources
        assert {r.resource_id for r in p.details.resources} <= demo.resource_ids
    rich = [p for p in plans if p.status in (PlanStatus.ACTIVE, PlanStatus.UNDER_REVIEW, PlanStatus.AGREED)]
    assert all(p.details.needs and p.details.actions and p.details.resident_support_meanwhile for p in rich)
    assert any(p.details.discrimination for p in plans) and any(p.details.referral_reference for p in plans)


def test_the_demo_maps_come_from_the_seed() -> None:
    from datetime import date

    from carelink_desktop.synthetic.demo_home import plan_demo_home
    from carelink_desktop.synthetic.demo_maps import plan_relationships

    today = date(2026, 11, 22)
    personas = plan_demo_home(today=today).personas
    first = plan_relationships(personas, 2026, today)
    assert first == plan_relationships(personas, 2026, today)
    assert first != plan_relationships(personas, 2027, today)
    assert [p.role for p in first].count("featured") == 1
    assert [len(p.relationships) for p in first] == [len(p.circle) for p in personas]


# -- contact -----------------------------------------------------------------------------------

_SECTIONS = [s.field for s in SECTIONS]


def _read_contact(ws, summary: DemoSummary) -> Contact:  # type: ignore[no-untyped-def]
    """Everything the contact tests look at, read while the demo home is open."""
    from carelink_desktop.services.concerns import CONCERNS, concerns_list
    from carelink_desktop.services.home_settings import home_settings
    from carelink_desktop.services.maintenance import audit_entries, verify_home
    from carelink_desktop.services.resident_records import record
    from carelink_desktop.services.today_board import today_board
    from carelink_desktop.storage.visit_tables import FollowUpRow, VisitRecordRow
    from carelink_desktop.synthetic.demo_home import DEMO_SEED, plan_demo_home
    from carelink_desktop.synthetic.demo_visits import demo_now, plan_contact, plan_today, read_circles

    columns = ["id", "resident_id", "kind", "starts_at", "ends_at", "relationship_ids", "other_participants"]
    columns += ["location", "supervision", "mood_before", "mood_after", "restriction_acknowledged"]
    with ws.read() as session:
        visits = [
            {c: getattr(r, c) for c in columns + _SECTIONS}
            for r in session.scalars(select(VisitRecordRow).where(VisitRecordRow.deleted.is_(False)))
        ]
        follow_ups = [
            {"visit_id": f.visit_id, "due_on": f.due_on, "done_on": f.done_on, "action": f.action}
            for f in session.scalars(select(FollowUpRow).where(FollowUpRow.deleted.is_(False)))
        ]
    entries = audit_entries(ws, limit=None)
    staff = {a.id: a.full_name for a in list_accounts(ws)}
    keyworkers, admitted = {}, {}
    for rid in summary.resident_ids:
        details = view_resident(ws, rid).details
        admitted[rid] = details.admission_date
        if details.keyworker_id:
            keyworkers[rid] = staff[details.keyworker_id]
    personas = plan_demo_home(residents=summary.residents, seed=DEMO_SEED, today=ws.today()).personas
    people = [(*k, *e) for k, e in zip(summary.key_person_ids, summary.extra_key_person_ids, strict=True)]
    circles = read_circles(ws, personas, summary.resident_ids, people, keyworkers)
    plan = plan_contact(circles, DEMO_SEED, ws.today())
    moment = demo_now(ws.today(), datetime(2026, 11, 22, 10, 0))
    shifts = home_settings(ws).shifts
    day = plan_today(circles, plan.roles, seed=DEMO_SEED, now=moment, shifts=shifts)
    history = sum(1 for v in visits if v["starts_at"].date() < ws.today())
    return Contact(
        visits=visits,
        follow_ups=follow_ups,
        board=today_board(ws),
        concerns=[record(ws, CONCERNS, c.id) for c in concerns_list(ws)],
        admitted=admitted,
        acknowledged=[e.subject_id or "" for e in entries if e.action == "restricted_contact_acknowledged"],
        completed=sum(1 for e in entries if e.action == "follow_up_done"),
        chain_intact=verify_home(ws).ok,
        same_plan=history == plan.count
        and plan == plan_contact(circles, DEMO_SEED, ws.today())
        and day == plan_today(circles, plan.roles, seed=DEMO_SEED, now=moment, shifts=shifts),
        other_seed_differs=plan.contacts != plan_contact(circles, DEMO_SEED + 1, ws.today()).contacts,
    )


def test_every_resident_has_a_year_of_contact_that_follows_their_wishes(demo: Demo) -> None:
    contact, today = demo.contact, demo.today
    assert demo.summary.contacts == len(contact.visits) >= 1000
    assert f"{demo.summary.contacts} records of contact" in str(demo.summary)
    by_resident: dict[str, list[datetime]] = {}
    for v in contact.visits:
        by_resident.setdefault(v["resident_id"], []).append(v["starts_at"])
    current = {m.resident_id: m for m in demo.maps}
    assert set(by_resident) == set(demo.summary.resident_ids)  # the discharged have their past too
    for resident_id, the_map in current.items():
        times = sorted(by_resident[resident_id])
        start = max(today - timedelta(days=365), contact.admitted[resident_id] or today)
        assert (times[0].date() - start).days <= 45, "about a year of contact, or since admission"
        assert len(times) >= 20 and the_map.current
    kinds = Counter(VisitKind(v["kind"]) for v in contact.visits)
    assert set(kinds) == set(VisitKind)
    assert kinds[VisitKind.OUTING] >= 5 and kinds[VisitKind.LETTER] >= 10
    assert kinds[VisitKind.VISIT] > kinds[VisitKind.OUTING]
    # contact follows the wishes: most residents are not flagged by the isolation signal
    flags = contact.board.isolation
    assert 2 <= len(flags) <= 4 < len(current) // 2
    quiet = [f for f in flags if f.no_contact]
    assert len(quiet) == 1 and quiet[0].days_without_contact is not None
    assert (
        quiet[0].days_without_contact >= contact.board.no_contact_days
        and quiet[0].level is SignalLevel.NOT_MET
    )
    behind = [f for f in flags if f.level is SignalLevel.BEHIND and not f.no_contact]
    assert behind and any("falling behind" in line for line in behind[0].reasons)


def test_most_records_are_short_and_happy_with_some_in_detail(demo: Demo) -> None:
    visits = demo.contact.visits
    short = [v for v in visits if not any(v[f] for f in _SECTIONS if f != "observations")]
    assert all(v["observations"] for v in short)
    assert len(short) >= 0.9 * len(visits)
    assert sum(1 for v in short if not (v["mood_before"] or v["location"])) >= 0.7 * len(visits)
    for section in _SECTIONS:
        assert sum(1 for v in visits if v[section]) >= 3, section
    moods = Counter(v["mood_after"] for v in visits if v["mood_after"])
    assert moods.most_common(1)[0][0] in (Mood.HAPPY.value, Mood.SETTLED.value)
    assert moods[Mood.UPSET.value] >= 1
    text = " ".join(v["observations"] for v in visits)
    assert "{" not in text and "}" not in text  # every template filled in
    assert any(v["other_participants"] for v in visits)  # the news of a death, from a friend's daughter
    family = [v for v in visits if len(v["relationship_ids"]) > 1]
    assert family and all(v["kind"] == VisitKind.VISIT.value for v in family)


def test_today_has_bookings_across_the_shifts(demo: Demo) -> None:
    board = demo.contact.board
    assert board.day == demo.today
    planned = [p for b in board.shifts for p in b.planned]
    statuses = {p.status for p in planned}
    assert statuses >= {
        PlannedStatus.COMPLETED,
        PlannedStatus.ARRIVED,
        PlannedStatus.BOOKED,
        PlannedStatus.CANCELLED,
        PlannedStatus.DID_NOT_COME,
    }
    assert {b.shift for b in board.shifts if b.planned} == set(Shift)
    assert len(board.in_building) == 1 and board.in_building[0].in_building
    done = next(p for p in planned if p.status is PlannedStatus.COMPLETED)
    recorded = {v.id for b in board.shifts for v in b.recorded}
    assert done.visit_id in recorded and len(recorded) >= 3
    assert any(p.status_reason for p in planned if p.status is PlannedStatus.CANCELLED)
    assert demo.summary.bookings > len(planned)  # and the coming week's
    assert demo.contact.same_plan and demo.contact.other_seed_differs


def test_follow_ups_are_done_due_today_and_overdue(demo: Demo) -> None:
    today, follow_ups = demo.today, demo.contact.follow_ups
    assert len(follow_ups) == demo.summary.follow_ups
    done = [f for f in follow_ups if f["done_on"]]
    assert len(done) >= 5 and all(f["done_on"] <= today for f in done)
    assert demo.contact.completed == 2  # ticked off through complete_follow_up
    due = demo.contact.board.follow_ups
    assert sum(1 for f in due if f.overdue(today)) >= 2
    assert sum(1 for f in due if f.due_on == today) >= 1
    assert all(f.action and f.owner for f in due)
    assert any(f["due_on"] > today and not f["done_on"] for f in follow_ups) or len(due) >= 4


def test_concerns_raised_from_visits_open_and_closed(demo: Demo) -> None:
    concerns = demo.contact.concerns
    visits = {v["id"]: v for v in demo.contact.visits}
    assert len(concerns) == demo.summary.concerns >= 3
    for c in concerns:
        assert c.details.visit_id in visits and c.details.relationship_id
        assert visits[c.details.visit_id]["resident_id"] == c.resident_id
        assert c.details.raised_on == visits[c.details.visit_id]["starts_at"].date()
    unmet = [c for c in concerns if c.details.kind is ConcernKind.UNMET_NEEDS]
    assert unmet and unmet[0].details.status is ConcernStatus.OPEN
    closed = [c for c in concerns if c.details.status is ConcernStatus.CLOSED]
    assert closed and all(c.details.outcome and c.details.closed_on for c in closed)
    harm = next(c for c in concerns if c.details.kind is ConcernKind.HARM_OR_ABUSE)
    assert harm.details.reported_to and harm.details.external_reference
    assert {c.id for c in demo.contact.board.open_concerns} == {
        c.id for c in concerns if c.details.status is not ConcernStatus.CLOSED
    }


def test_contact_with_a_restricted_person_is_supervised_and_acknowledged(demo: Demo) -> None:
    (the_map,) = [m for m in demo.maps if m.restrictions_in_force]
    (restriction,) = the_map.restrictions_in_force
    rel = restriction.details.relationship_id
    theirs = sorted(
        (v for v in demo.contact.visits if rel in v["relationship_ids"]), key=lambda v: v["starts_at"]
    )
    during = [v for v in theirs if v["starts_at"].date() >= restriction.details.starts_on]
    before = [v for v in theirs if v["starts_at"].date() < restriction.details.starts_on]
    assert len(during) >= 2 and before
    for v in during:
        assert v["restriction_acknowledged"] and v["supervision"] == Supervision.PRESENT.value
    assert not any(v["restriction_acknowledged"] for v in before)
    assert {v["id"] for v in during} <= set(demo.contact.acknowledged)
    assert any(v["conflict_signs"] for v in before)  # the visits that led to the plan
    assert demo.contact.chain_intact  # every acknowledgement and record audited, the chain unbroken


def test_the_demo_has_a_year_of_feedback_actions_and_the_managers_side(demo: Demo) -> None:
    from carelink_desktop.domain.feedback import Helper, Respondent
    from carelink_desktop.domain.improvement_actions import ActionSource, ActionStatus

    o = demo.oversight
    assert o is not None
    today = demo.today
    assert len(o.feedback) == demo.summary.feedback == 20
    assert all(today - timedelta(days=365) <= f.details.given_on <= today for f in o.feedback)
    by = Counter(f.details.respondent for f in o.feedback)
    assert (
        by[Respondent.RESIDENT] >= 6 and by[Respondent.KEY_PERSON] >= 6 and by[Respondent.PROFESSIONAL] == 2
    )
    residents = [f for f in o.feedback if f.details.respondent is Respondent.RESIDENT]
    assert sum(f.details.easy_read for f in residents) >= 2
    helpers = {f.details.helped_by: f.details.helper_name for f in residents}
    assert helpers[Helper.ADVOCATE] and helpers[Helper.INTERPRETER]
    for f in o.feedback:
        assert f.details.answers and (f.details.resident_id in demo.summary.resident_ids)
        if f.details.respondent is Respondent.KEY_PERSON:
            assert f.details.relationship_id and f.given_by
    ratings = [a.rating for f in o.feedback for a in f.details.answers if a.rating is not None]
    assert 3.3 <= sum(ratings) / len(ratings) <= 4.5, "mostly good"
    assert sum(r <= 2 for r in ratings) >= 5, "a few critical"
    comments = [a.comment for f in o.feedback for a in f.details.answers if a.comment]
    assert len(comments) >= 8 and len(set(comments)) >= 6

    assert len(o.actions) == demo.summary.improvement_actions == 4
    actions = {a.details.source: a.details for a in o.actions}
    done = actions[ActionSource.CONCERN]
    assert done.status is ActionStatus.DONE and done.result and done.completed_on
    assert any(a.details.overdue(today) for a in o.actions)
    from_feedback = actions[ActionSource.FEEDBACK]
    assert from_feedback.source_id in {f.id for f in o.feedback}
    assert done.source_id in {c.id for c in o.concerns}
    assert (
        next(f for f in o.feedback if f.id == from_feedback.source_id).details.given_on
        <= from_feedback.raised_on
    )

    closed = [c for c in o.concerns if c.status is ConcernStatus.CLOSED]
    assert closed and all(o.handling[c.id].lessons for c in closed)
    (dilemma,) = [c for c in o.concerns if c.kind is ConcernKind.ETHICAL_DILEMMA]
    handling = o.handling[dilemma.id]
    assert handling.options_weighed.count("\n") >= 2 and handling.decision and handling.reasoning
    assert "{" not in handling.decision + handling.options_weighed, "names filled in"
    assert dilemma.handler == handling.handler != ""
    assert demo.summary.handled_concerns == sum(h.started for h in o.handling.values()) >= 4
    assert o.narrative.good_practice and o.narrative.to_improve
