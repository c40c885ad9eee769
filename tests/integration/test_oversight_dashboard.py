"""The oversight dashboard (issue #9) on a small home built through the real services, every figure
and every list checked against numbers counted by hand (the counts are written out beside each
check).

The home, as at TODAY (Sunday 22/11/2026), period 24/10/2026 to 22/11/2026 (30 days):

- Florence Thompson (room 1, keyworker Bea): daughter Susan wishes visits weekly and phone calls
  daily; nephew Peter has no wish. Visits with Susan on 23/10 (the day before the period), 24/10
  (its first day), 05/11 and 22/11 (its last day), one on 10/11 removed; calls with Susan on 01/11
  and 15/11.
- George Baker (room 2, Bea): son Tom (an unpaid carer) wishes visits fortnightly; friend Ann
  wishes letters monthly. Visits with Tom on 23/11/2025, 24/11/2025, 01/06/2026, 25/10, 02/11 and
  12/11; a visit (not a letter) with Ann on 03/11.
- Hilda Clark (room 3, Cal): sister Mary (an unpaid carer) wishes calls weekly; calls on 26/10,
  02/11, 09/11, 16/11 and 20/11.
- Ivy Dawson (room 4, no keyworker): friend Joe, "whenever they can"; no contact ever.
- Jack Evans (room 5, Cal): brother Len, no wish; a visit on 08/11, one on 20/11 removed.
- Edna Ford (room 6, Cal), discharged on 01/11, and Frank Grant (room 7, Bea), archived: each has
  wishes, contact or none, concerns, reviews due and so on, and must count nowhere.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from carelink_desktop.domain.carer_plans import PlanDetails
from carelink_desktop.domain.concerns import ConcernDetails, ConcernKind, ConcernStatus, Severity
from carelink_desktop.domain.errors import PermissionDenied, ValidationError
from carelink_desktop.domain.evaluations import EvaluationDetails
from carelink_desktop.domain.improvement_actions import ActionSource, ActionStatus, ImprovementActionDetails
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.keyworker_changes import KeyworkerChangeDetails
from carelink_desktop.domain.relationships import (
    Category,
    ContactWish,
    Frequency,
    KeepInTouch,
    RelationshipDetails,
)
from carelink_desktop.domain.restrictions import RestrictionDetails, RestrictionKind
from carelink_desktop.domain.roles import Role
from carelink_desktop.domain.visits import FollowUp, VisitDetails, VisitKind
from carelink_desktop.services.accounts import add_account
from carelink_desktop.services.carer_plans import close_plan, start_plan
from carelink_desktop.services.concerns import CONCERNS
from carelink_desktop.services.home_settings import change_home_settings
from carelink_desktop.services.improvement_actions import add_action, remove_action
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.map_records import (
    EVALUATIONS,
    KEYWORKER_CHANGES,
    RESTRICTIONS,
    complete_keyworker_change,
)
from carelink_desktop.services.oversight import (
    AGE_BANDS,
    Caseload,
    ConcernAgeRow,
    Dashboard,
    NoContactRow,
    OverdueItem,
    ShortfallRow,
    Transition,
    WeekCount,
    dashboard,
    dashboard_in,
)
from carelink_desktop.services.relationships import relate
from carelink_desktop.services.resident_records import add_record, remove_record
from carelink_desktop.services.residents import admit_resident, archive_resident, update_resident
from carelink_desktop.services.visits import record_visit, remove_visit
from carelink_desktop.services.workspace import Workspace
from tests.conftest import resident

TODAY = date(2026, 11, 22)
START = date(2026, 10, 24)
END = TODAY


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


def at(day: date, hour: int = 14) -> datetime:
    return datetime.combine(day, time(hour))


class Home:
    """Ids of the test home, by name."""

    def __init__(self) -> None:
        self.residents: dict[str, str] = {}
        self.rels: dict[str, str] = {}
        self.staff: dict[str, str] = {}
        self.concerns: dict[str, str] = {}
        self.follow_ups: dict[str, str] = {}
        self.actions: dict[str, str] = {}


def _person(
    ws: Workspace, home: Home, resident_key: str, given: str, family: str, rel: str, **kw: object
) -> str:
    person = add_key_person(ws, KeyPersonDetails(given, family))
    details = RelationshipDetails(rel, kw.pop("category", Category.FAMILY), **kw)  # type: ignore[arg-type]
    home.rels[given] = relate(ws, home.residents[resident_key], person.id, details).id
    return home.rels[given]


def _contact(
    ws: Workspace, home: Home, who: str, rel: str, day: date, kind: VisitKind = VisitKind.VISIT, **kw: object
) -> str:
    details = VisitDetails(kind, at(day), relationship_ids=(home.rels[rel],), **kw)  # type: ignore[arg-type]
    return record_visit(ws, home.residents[who], details).id


def _concern(
    ws: Workspace,
    home: Home,
    name: str,
    who: str,
    kind: ConcernKind,
    severity: Severity,
    raised: date,
    **kw: object,
) -> None:
    reported = (
        "Safeguarding team"
        if severity.rank >= Severity.HIGH.rank or kind is ConcernKind.HARM_OR_ABUSE
        else ""
    )
    details = ConcernDetails(kind, severity, f"Concern {name}", raised, reported_to=reported, **kw)  # type: ignore[arg-type]
    home.concerns[name] = add_record(ws, CONCERNS, home.residents[who], details).id


def _evaluation(ws: Workspace, home: Home, who: str, on: date, due: date, rel: str | None = None) -> None:
    details = EvaluationDetails(
        on,
        "Contact as wished",
        "Conversation",
        "Resident and family",
        relationship_id=home.rels[rel] if rel else None,
        what_works="Regular visits",
        next_due=due,
    )
    add_record(ws, EVALUATIONS, home.residents[who], details)


def _restriction(
    ws: Workspace,
    home: Home,
    who: str,
    starts: date,
    review: date,
    rel: str | None = None,
    ends: date | None = None,
) -> None:
    details = RestrictionDetails(
        RestrictionKind.RESIDENTS_WISH,
        "No visits",
        starts,
        review,
        relationship_id=home.rels[rel] if rel else None,
        decided_with="The resident",
        how_resident_told="In person",
        how_person_told="By letter" if rel else "",
        ends_on=ends,
        end_reason="Resolved" if ends else "",
    )
    add_record(ws, RESTRICTIONS, home.residents[who], details)


def _action(
    ws: Workspace, name: str, home: Home, due: date, status: ActionStatus = ActionStatus.PLANNED
) -> None:
    finished = not status.open
    details = ImprovementActionDetails(
        f"Action {name}",
        "From the residents' meeting",
        ActionSource.OTHER,
        "Amira Khan",
        d(9, 1),
        due,
        status=status,
        result="It worked" if finished else "",
        completed_on=d(10, 15) if finished else None,
    )
    home.actions[name] = add_action(ws, details).id


@pytest.fixture
def small_home(manager: Workspace) -> tuple[Workspace, Home]:
    ws = manager
    ws.set_today_for_tests(TODAY)
    h = Home()
    for username, name in (("bea", "Bea Stone"), ("cal", "Cal Moore")):
        h.staff[username] = add_account(
            ws, username=username, full_name=name, role=Role.KEYWORKER, initial_password="Temporary pw 99"
        ).id
    bea, cal = h.staff["bea"], h.staff["cal"]
    for key, given, family, room, keyworker in (
        ("florence", "Florence", "Thompson", "1", bea),
        ("george", "George", "Baker", "2", bea),
        ("hilda", "Hilda", "Clark", "3", cal),
        ("ivy", "Ivy", "Dawson", "4", None),
        ("jack", "Jack", "Evans", "5", cal),
        ("edna", "Edna", "Ford", "6", cal),
        ("frank", "Frank", "Grant", "7", bea),
    ):
        h.residents[key] = admit_resident(ws, resident(given, family, room=room, keyworker_id=keyworker)).id

    weekly_visits = ContactWish(KeepInTouch.VISITS, Frequency.WEEKLY)
    _person(
        ws,
        h,
        "florence",
        "Susan",
        "Thompson",
        "daughter",
        category=Category.UNPAID_CARER,
        contact_wishes=(weekly_visits, ContactWish(KeepInTouch.PHONE, Frequency.DAILY)),
    )
    _person(ws, h, "florence", "Peter", "Hughes", "nephew")
    _person(
        ws,
        h,
        "george",
        "Tom",
        "Baker",
        "son",
        category=Category.UNPAID_CARER,
        contact_wishes=(ContactWish(KeepInTouch.VISITS, Frequency.FORTNIGHTLY),),
    )
    _person(
        ws,
        h,
        "george",
        "Ann",
        "Lowe",
        "friend",
        category=Category.FRIEND,
        contact_wishes=(ContactWish(KeepInTouch.LETTERS, Frequency.MONTHLY),),
    )
    _person(
        ws,
        h,
        "hilda",
        "Mary",
        "Clark",
        "sister",
        category=Category.UNPAID_CARER,
        contact_wishes=(ContactWish(KeepInTouch.PHONE, Frequency.WEEKLY),),
    )
    _person(
        ws,
        h,
        "ivy",
        "Joe",
        "Bell",
        "friend",
        category=Category.FRIEND,
        contact_wishes=(ContactWish(KeepInTouch.VISITS, Frequency.WHEN_THEY_CAN),),
    )
    _person(ws, h, "jack", "Len", "Evans", "brother")
    _person(
        ws, h, "edna", "Bob", "Ford", "son", category=Category.UNPAID_CARER, contact_wishes=(weekly_visits,)
    )
    _person(ws, h, "frank", "Kay", "Grant", "wife", contact_wishes=(weekly_visits,))

    # -- contact ---------------------------------------------------------------------------------
    for day in (d(10, 23), d(10, 24), d(11, 22)):
        _contact(ws, h, "florence", "Susan", day)
    late = FollowUp("Ring Susan about the care plan", d(11, 10), "Bea")
    _contact(ws, h, "florence", "Susan", d(11, 5), follow_ups=(late,))
    removed = FollowUp("Follow-up of a removed visit", d(11, 11), "Bea")
    remove_visit(ws, _contact(ws, h, "florence", "Susan", d(11, 10), follow_ups=(removed,)))
    for day in (d(11, 1), d(11, 15)):
        _contact(ws, h, "florence", "Susan", day, VisitKind.PHONE)
    for day in (d(11, 23, 2025), d(11, 24, 2025), d(6, 1), d(10, 25), d(11, 12)):
        _contact(ws, h, "george", "Tom", day)
    due_today = FollowUp("Send Tom the menu", TODAY, "Bea")
    _contact(ws, h, "george", "Tom", d(11, 2), follow_ups=(due_today,))
    _contact(ws, h, "george", "Ann", d(11, 3))
    for day in (d(10, 26), d(11, 2), d(11, 9), d(11, 20)):
        _contact(ws, h, "hilda", "Mary", day, VisitKind.PHONE)
    yesterday = FollowUp("Ask Mary about the carers' group", d(11, 21), "Cal")
    _contact(ws, h, "hilda", "Mary", d(11, 16), VisitKind.PHONE, follow_ups=(yesterday,))
    done = FollowUp("Book the hearing test", d(11, 12), "Cal", done_on=d(11, 12))
    _contact(ws, h, "jack", "Len", d(11, 8), follow_ups=(done,))
    remove_visit(ws, _contact(ws, h, "jack", "Len", d(11, 20)))
    edna_follow_up = FollowUp("Edna's follow-up", d(11, 5), "Cal")
    _contact(ws, h, "edna", "Bob", d(10, 30), follow_ups=(edna_follow_up,))

    # -- evaluations, carer plans, restrictions ------------------------------------------------
    _evaluation(ws, h, "florence", d(11, 1, 2025), d(5, 1))  # superseded by the next one
    _evaluation(ws, h, "florence", d(5, 10), d(11, 30))
    _evaluation(ws, h, "florence", d(1, 10), d(7, 10), rel="Susan")
    _evaluation(ws, h, "george", d(2, 1), d(11, 21))
    _evaluation(ws, h, "hilda", d(3, 1), TODAY)  # due today: not overdue yet
    _evaluation(ws, h, "edna", d(1, 1), d(6, 1))
    start_plan(ws, h.rels["Mary"], PlanDetails(next_review_on=d(11, 1)))
    start_plan(ws, h.rels["Tom"], PlanDetails(next_review_on=d(12, 1)))
    closed = start_plan(ws, h.rels["Susan"], PlanDetails(next_review_on=d(10, 1)))
    close_plan(ws, closed.id, "Susan moved away", d(11, 1))
    start_plan(ws, h.rels["Bob"], PlanDetails(next_review_on=d(10, 1)))
    _restriction(ws, h, "florence", d(1, 1), d(11, 15), rel="Peter")
    _restriction(ws, h, "george", d(1, 1), d(10, 1), rel="Ann", ends=d(11, 1))  # ended
    _restriction(ws, h, "hilda", d(11, 1), d(12, 1))
    _restriction(ws, h, "jack", d(6, 1), d(11, 21))
    _restriction(ws, h, "frank", d(6, 1), d(11, 1))

    # -- concerns ------------------------------------------------------------------------------
    _concern(ws, h, "C1", "florence", ConcernKind.CONFLICT, Severity.LOW, d(11, 20))
    _concern(
        ws,
        h,
        "C2",
        "florence",
        ConcernKind.COMPLAINT,
        Severity.MEDIUM,
        d(11, 15),
        status=ConcernStatus.IN_HAND,
    )
    _concern(ws, h, "C3", "george", ConcernKind.HARM_OR_ABUSE, Severity.URGENT, d(11, 14))
    _concern(
        ws,
        h,
        "C4",
        "hilda",
        ConcernKind.ETHICAL_DILEMMA,
        Severity.HIGH,
        d(10, 25),
        relationship_id=h.rels["Mary"],
    )
    _concern(ws, h, "C5", "hilda", ConcernKind.UNMET_NEEDS, Severity.MEDIUM, d(9, 20))
    _concern(ws, h, "C6", "jack", ConcernKind.LACK_OF_RESOURCES, Severity.LOW, d(6, 1))
    _concern(
        ws,
        h,
        "C7",
        "jack",
        ConcernKind.COMPLAINT,
        Severity.HIGH,
        d(10, 24),
        status=ConcernStatus.CLOSED,
        outcome="Apologised",
        closed_on=d(11, 1),
    )
    _concern(ws, h, "C8", "ivy", ConcernKind.DISCRIMINATION, Severity.LOW, d(10, 23))
    _concern(ws, h, "removed", "george", ConcernKind.CONFLICT, Severity.LOW, d(11, 1))
    remove_record(ws, CONCERNS, h.concerns["removed"])
    _concern(ws, h, "edna", "edna", ConcernKind.CONFLICT, Severity.LOW, d(10, 30))
    _concern(ws, h, "frank", "frank", ConcernKind.COMPLAINT, Severity.LOW, d(11, 10))

    # -- keyworker changes -----------------------------------------------------------------------
    change = KeyworkerChangeDetails(
        "Bea moves to nights", d(11, 30), cal, previous_keyworker_id=bea, how="Handover"
    )
    add_record(ws, KEYWORKER_CHANGES, h.residents["george"], change)
    done_change = KeyworkerChangeDetails("First keyworker", d(11, 1), bea, how="Introduced at tea")
    complete_keyworker_change(
        ws, add_record(ws, KEYWORKER_CHANGES, h.residents["florence"], done_change).id, d(11, 1)
    )
    edna_change = KeyworkerChangeDetails(
        "Cal on leave", d(11, 30), bea, previous_keyworker_id=cal, how="Handover"
    )
    add_record(ws, KEYWORKER_CHANGES, h.residents["edna"], edna_change)

    # -- improvement actions -----------------------------------------------------------------------
    _action(ws, "A1", h, d(11, 1))
    _action(ws, "A2", h, TODAY, ActionStatus.UNDER_WAY)  # due today: not overdue yet
    _action(ws, "A3", h, d(10, 1), ActionStatus.DONE)
    _action(ws, "A4", h, d(11, 21), ActionStatus.UNDER_WAY)
    _action(ws, "A5", h, d(10, 1))
    remove_action(ws, h.actions["A5"])

    # -- Edna leaves, Frank's record is archived ------------------------------------------------
    update_resident(
        ws,
        h.residents["edna"],
        resident("Edna", "Ford", room="6", keyworker_id=cal, discharge_date=d(11, 1)),
    )
    archive_resident(ws, h.residents["frank"], "Moved to another home")
    return ws, h


@pytest.fixture
def board(small_home: tuple[Workspace, Home]) -> Dashboard:
    return dashboard(small_home[0], START, END)


def test_the_period_and_the_residents_counted(board: Dashboard) -> None:
    assert (board.start, board.end, board.as_at) == (START, END, TODAY)
    assert board.period_days == 30
    assert not board.reduced
    # Florence, George, Hilda, Ivy, Jack (Edna discharged, Frank archived).
    assert board.residents == 5
    assert board.no_contact_days == 14


def test_residents_below_their_wishes_ranked_by_how_far(
    board: Dashboard, small_home: tuple[Workspace, Home]
) -> None:
    h = small_home[1]
    # Florence: Susan's visits weekly expect 30 // 7 = 4; the visits on 24/10 (first day), 05/11
    # and 22/11 (last day) count, 23/10 (the day before) and the removed 10/11 do not: met 3.
    # Daily calls expect 30; two calls: met 2. Expected 34, met 5, shortfall 29, 5/34 = 15 %.
    # George: Tom's fortnightly visits expect 2, four in the period (25/10, 02/11, 12/11 and the
    # one of 02/11) count as 2; Ann's monthly letters expect max(1, 30 // 31) = 1, none (a visit
    # is not a letter): expected 3, met 2, shortfall 1, 67 %.
    # Hilda: weekly calls expect 4, five calls count as 4: met in full, not listed. Ivy's wish has
    # no frequency; Jack has none; Edna and Frank are not current.
    assert board.below_wishes == (
        ShortfallRow(h.residents["florence"], "Florence Thompson", "1", 2, 34, 5, 29, 15),
        ShortfallRow(h.residents["george"], "George Baker", "2", 2, 3, 2, 1, 67),
    )


def test_residents_with_no_contact_for_fourteen_days(
    board: Dashboard, small_home: tuple[Workspace, Home]
) -> None:
    h = small_home[1]
    # Recording began on 23/11/2025 (George's first visit): Ivy has had none since, 364 days.
    # Jack's last contact is 08/11 (the 20/11 one was removed): 14 days, flagged (>= 14).
    # George last 12/11 (10 days), Hilda 20/11, Florence 22/11: not flagged.
    assert board.no_contact == (
        NoContactRow(h.residents["ivy"], "Ivy Dawson", "4", None, 364),
        NoContactRow(h.residents["jack"], "Jack Evans", "5", d(11, 8), 14),
    )


def test_evaluations_only_the_latest_of_each_counts(
    board: Dashboard, small_home: tuple[Workspace, Home]
) -> None:
    h = small_home[1]
    # Florence's map: the 01/11/2025 evaluation (due 01/05) is superseded by 10/05 (due 30/11).
    # Florence's evaluation of Susan, due 10/07: 135 days overdue. George's, due 21/11: 1 day.
    # Hilda's is due today (not overdue); Edna is discharged.
    assert board.evaluations_overdue == (
        OverdueItem(
            h.residents["florence"],
            "Florence Thompson",
            "Evaluation: Susan Thompson (daughter)",
            d(7, 10),
            135,
        ),
        OverdueItem(h.residents["george"], "George Baker", "Evaluation of their relationships", d(11, 21), 1),
    )


def test_carer_plan_reviews_overdue(board: Dashboard, small_home: tuple[Workspace, Home]) -> None:
    h = small_home[1]
    # Mary's plan due 01/11: 21 days. Tom's is due 01/12; Susan's closed; Edna's Bob discharged.
    assert board.plan_reviews_overdue == (
        OverdueItem(h.residents["hilda"], "Hilda Clark", "Carer plan review: Mary Clark", d(11, 1), 21),
    )


def test_restrictions_in_force_past_their_review(
    board: Dashboard, small_home: tuple[Workspace, Home]
) -> None:
    h = small_home[1]
    # Florence's on Peter, review 15/11: 7 days. Jack's on everyone, review 21/11: 1 day.
    # George's ended on 01/11; Hilda's review is 01/12; Frank is archived.
    wish = "(the resident's own wish)"
    assert board.restrictions_overdue == (
        OverdueItem(
            h.residents["florence"],
            "Florence Thompson",
            f"Restriction on contact with Peter Hughes (nephew) {wish}",
            d(11, 15),
            7,
        ),
        OverdueItem(
            h.residents["jack"], "Jack Evans", f"Restriction on contact with everyone {wish}", d(11, 21), 1
        ),
    )


def test_open_concerns_by_severity_and_age(board: Dashboard, small_home: tuple[Workspace, Home]) -> None:
    h = small_home[1]
    # Open: C1..C6 and C8 (C7 closed, one removed, Edna's and Frank's not current), most severe
    # first then oldest: C3 urgent; C4 high; C5 (20/09) and C2 (15/11) medium; C6 (01/06),
    # C8 (23/10) and C1 (20/11) low.
    assert [c.id for c in board.open_concerns] == [
        h.concerns[n] for n in ("C3", "C4", "C5", "C2", "C6", "C8", "C1")
    ]
    c4 = board.open_concerns[1]
    assert (c4.resident_name, c4.person, c4.kind, c4.raised_by) == (
        "Hilda Clark",
        "Mary Clark",
        ConcernKind.ETHICAL_DILEMMA,
        "Amira Khan",
    )
    # Ages on 22/11: C1 2 days (low), C2 7 (medium) -> up to 7; C3 8 (urgent), C4 28 (high) -> 8
    # to 28; C8 30 (low), C5 63 (medium) -> 29 to 90; C6 174 (low) -> over 90.
    assert AGE_BANDS == ("Up to 7 days", "8 to 28 days", "29 to 90 days", "Over 90 days")
    assert board.concern_ages == (
        ConcernAgeRow("Up to 7 days", (1, 1, 0, 0), 2),
        ConcernAgeRow("8 to 28 days", (0, 0, 1, 1), 2),
        ConcernAgeRow("29 to 90 days", (1, 1, 0, 0), 2),
        ConcernAgeRow("Over 90 days", (1, 0, 0, 0), 1),
    )


def test_concerns_raised_in_the_period_by_kind(board: Dashboard) -> None:
    # Raised 24/10 to 22/11: C7 complaint (24/10, the first day, closed since), C4 dilemma (25/10),
    # C3 harm (14/11), C2 complaint (15/11), C1 conflict (20/11). C8 (23/10) is the day before;
    # the removed one and Edna's and Frank's do not count.
    assert board.concerns_by_kind == (
        (ConcernKind.HARM_OR_ABUSE, 1),
        (ConcernKind.UNMET_NEEDS, 0),
        (ConcernKind.LACK_OF_RESOURCES, 0),
        (ConcernKind.CONFLICT, 1),
        (ConcernKind.COMPLAINT, 2),
        (ConcernKind.DISCRIMINATION, 0),
        (ConcernKind.ETHICAL_DILEMMA, 1),
    )


def test_follow_ups_overdue(board: Dashboard, small_home: tuple[Workspace, Home]) -> None:
    h = small_home[1]
    # Florence's (due 10/11) and Hilda's (due 21/11). George's is due today, Jack's is done, the
    # removed visit's went with it, Edna is discharged.
    assert [(f.resident_id, f.action, f.due_on) for f in board.follow_ups_overdue] == [
        (h.residents["florence"], "Ring Susan about the care plan", d(11, 10)),
        (h.residents["hilda"], "Ask Mary about the carers' group", d(11, 21)),
    ]


def test_caseloads_and_keyworker_changes(board: Dashboard, small_home: tuple[Workspace, Home]) -> None:
    h = small_home[1]
    # Bea: Florence, George (Frank archived); Cal: Hilda, Jack (Edna discharged); Ivy has none.
    assert board.caseloads == (
        Caseload(h.staff["bea"], "Bea Stone", 2),
        Caseload(h.staff["cal"], "Cal Moore", 2),
        Caseload(None, "No keyworker", 1),
    )
    # George's move from Bea to Cal is planned; Florence's is complete; Edna is discharged.
    assert board.transitions == (
        Transition(h.residents["george"], "George Baker", "Bea Stone", "Cal Moore", d(11, 30)),
    )


def test_improvement_actions_overdue(board: Dashboard, small_home: tuple[Workspace, Home]) -> None:
    h = small_home[1]
    # A1 planned, due 01/11; A4 under way, due 21/11. A2 is due today, A3 done, A5 removed.
    assert [a.id for a in board.actions_overdue] == [h.actions["A1"], h.actions["A4"]]


def test_contact_per_week_over_the_last_52_weeks(board: Dashboard) -> None:
    # 22/11/2026 is a Sunday: the weeks run from Monday 24/11/2025 to Monday 16/11/2026.
    # George's visit of Sunday 23/11/2025 falls in the week before; Edna's 30/10 is not counted
    # (discharged), nor the two removed visits (10/11, 20/11).
    weeks = board.contact_per_week
    assert len(weeks) == 52
    assert weeks[0].week_start == d(11, 24, 2025) and weeks[-1].week_start == d(11, 16)
    assert all(w.week_start.weekday() == 0 for w in weeks)
    expected = {
        d(11, 24, 2025): 1,  # George 24/11/2025
        d(6, 1): 1,  # George 01/06
        d(10, 19): 3,  # Florence 23/10, 24/10; George 25/10
        d(10, 26): 2,  # Hilda 26/10; Florence's call 01/11
        d(11, 2): 5,  # George 02/11, 03/11 (Ann); Hilda 02/11; Florence 05/11; Jack 08/11
        d(11, 9): 3,  # Hilda 09/11; George 12/11; Florence's call 15/11
        d(11, 16): 3,  # Hilda 16/11, 20/11; Florence 22/11
    }
    assert {w.week_start: w.contacts for w in weeks if w.contacts} == expected
    assert sum(w.contacts for w in weeks) == 18


def test_figures_open_the_lists_behind_them(board: Dashboard) -> None:
    values = {f.key: f.value for f in board.figures()}
    assert values == {
        "below_wishes": 2,
        "no_contact": 2,
        "evaluations_overdue": 2,
        "plan_reviews_overdue": 1,
        "restrictions_overdue": 2,
        "open_concerns": 7,
        "follow_ups_overdue": 2,
        "caseloads": 2,  # keyworkers (Bea, Cal), not the "No keyworker" row
        "transitions": 1,
        "actions_overdue": 2,
    }
    for figure in board.figures():
        assert board.rows(figure.key) == getattr(board, figure.key)
        assert figure.label and figure.note
    notes = {f.key: f.note for f in board.figures()}
    assert notes["open_concerns"] == "1 urgent, 1 high"  # C3; C4 (C7 is closed)
    assert notes["evaluations_overdue"] == "longest 135 days overdue"
    assert notes["caseloads"] == "largest 2 residents; 1 resident without a keyworker"
    assert board.rows("contact_per_week") == board.contact_per_week
    assert board.rows("concern_ages") == board.concern_ages
    with pytest.raises(KeyError):
        board.rows("residents")


def test_no_contact_follows_the_homes_setting(small_home: tuple[Workspace, Home]) -> None:
    ws, _ = small_home
    change_home_settings(ws, no_contact_days=10)
    board = dashboard(ws, START, END)
    # George's last contact 12/11 is 10 days ago: now flagged too.
    assert board.no_contact_days == 10
    assert [(r.resident_name, r.days) for r in board.no_contact] == [
        ("Ivy Dawson", 364),
        ("Jack Evans", 14),
        ("George Baker", 10),
    ]


def test_a_past_period_is_judged_on_its_last_day(small_home: tuple[Workspace, Home]) -> None:
    ws, _ = small_home
    board = dashboard(ws, d(10, 1), d(10, 31))
    assert board.as_at == d(10, 31)
    # Edna was still living in the home on 31/10 (discharged 01/11): six residents.
    assert board.residents == 6
    # Follow-ups due before 31/10: none. Plan reviews: Edna's Bob (due 01/10), 30 days.
    assert board.follow_ups_overdue == ()
    assert [(i.resident_name, i.days_overdue) for i in board.plan_reviews_overdue] == [("Edna Ford", 30)]
    # The last week is counted up to 31/10: Hilda 26/10 and Edna 30/10 (current then), not
    # Florence's call of Sunday 01/11.
    assert board.contact_per_week[-1] == WeekCount(d(10, 26), 2)


def test_a_shift_lead_sees_the_reduced_dashboard(small_home: tuple[Workspace, Home], staff_workspace) -> None:  # type: ignore[no-untyped-def]
    lead = staff_workspace(Role.SHIFT_LEAD, "lee")
    lead.set_today_for_tests(TODAY)
    full = dashboard(small_home[0], START, END)
    board = dashboard(lead, START, END)
    assert board.reduced
    assert board.caseloads == () and board.transitions == () and board.actions_overdue == ()
    assert [f.key for f in board.figures()] == [
        "below_wishes",
        "no_contact",
        "evaluations_overdue",
        "plan_reviews_overdue",
        "restrictions_overdue",
        "open_concerns",
        "follow_ups_overdue",
    ]
    # Everything else is the manager's picture.
    assert board.below_wishes == full.below_wishes
    assert board.open_concerns == full.open_concerns
    assert board.contact_per_week == full.contact_per_week


def test_a_keyworker_cannot_open_the_dashboard(small_home: tuple[Workspace, Home], staff_workspace) -> None:  # type: ignore[no-untyped-def]
    keyworker = staff_workspace(Role.KEYWORKER, "kit")
    with pytest.raises(PermissionDenied):
        dashboard(keyworker, START, END)


def test_a_period_ending_before_it_starts_is_refused(manager: Workspace) -> None:
    with pytest.raises(ValidationError) as caught:
        dashboard(manager, END, START)
    assert "period" in caught.value.errors


def test_an_empty_home_gives_zeros(manager: Workspace) -> None:
    manager.set_today_for_tests(TODAY)
    board = dashboard(manager, START, END)
    assert board.residents == 0
    for key in ("below_wishes", "no_contact", "evaluations_overdue", "plan_reviews_overdue"):
        assert board.rows(key) == ()
    assert board.open_concerns == () and board.follow_ups_overdue == () and board.caseloads == ()
    assert board.transitions == () and board.actions_overdue == ()
    assert board.concern_ages == tuple(ConcernAgeRow(band, (0, 0, 0, 0), 0) for band in AGE_BANDS)
    assert [w.contacts for w in board.contact_per_week] == [0] * 52
    assert board.contact_per_week[-1].week_start == d(11, 16)
    assert board.concerns_by_kind == tuple((k, 0) for k in ConcernKind)
    assert all(f.value == 0 for f in board.figures())


def test_dashboard_in_reads_inside_an_open_session(small_home: tuple[Workspace, Home]) -> None:
    ws, _ = small_home
    with ws.read() as session:
        inside = dashboard_in(session, START, END, today=TODAY, no_contact_days=14, reduced=False)
    assert inside == dashboard(ws, START, END)


def test_wishes_count_from_admission_and_up_to_the_day_judged_on(manager: Workspace) -> None:
    manager.set_today_for_tests(TODAY)
    # admitted 14 days before today with a weekly wish: expected 14 // 7 = 2 visits, not 52
    newcomer = admit_resident(manager, resident("Nora", "New", admission_date=d(11, 9)))
    son = add_key_person(manager, KeyPersonDetails("Sam", "New"))
    rel = relate(
        manager,
        newcomer.id,
        son.id,
        RelationshipDetails(
            "son", Category.FAMILY, contact_wishes=(ContactWish(KeepInTouch.VISITS, Frequency.WEEKLY),)
        ),
    )
    record_visit(manager, newcomer.id, VisitDetails(VisitKind.VISIT, at(d(11, 20)), (rel.id,)))
    year = dashboard(manager, d(11, 23, 2025), TODAY)
    assert [(r.expected, r.met, r.percent_met) for r in year.below_wishes] == [(2, 1, 50)]
    # a period running past today expects nothing after today: same figures
    ahead = dashboard(manager, d(11, 23, 2025), d(12, 31))
    assert [(r.expected, r.met) for r in ahead.below_wishes] == [(2, 1)]
