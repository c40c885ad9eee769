"""Contact visits through the real services on an encrypted home: recording, bookings, restriction
warnings, follow-ups, history, word search, the isolation signal, the Today board and the shift
summary."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from carelink_desktop.domain.concerns import ConcernDetails, ConcernKind, ConcernStatus, Severity
from carelink_desktop.domain.errors import PermissionDenied, ValidationError
from carelink_desktop.domain.isolation import SignalLevel
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.planned_visits import PlannedStatus, PlannedVisitDetails
from carelink_desktop.domain.relationships import (
    Category,
    ContactWish,
    Frequency,
    KeepInTouch,
    RelationshipDetails,
)
from carelink_desktop.domain.restrictions import RestrictionDetails, RestrictionKind
from carelink_desktop.domain.roles import Role
from carelink_desktop.domain.shifts import Shift
from carelink_desktop.domain.visits import FollowUp, Mood, VisitDetails, VisitKind
from carelink_desktop.services.concerns import CONCERNS, ConcernFilter, concerns_list
from carelink_desktop.services.contact_signals import isolation_flags
from carelink_desktop.services.contact_warnings import RestrictedContact, restriction_warnings
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.services.map_records import RESTRICTIONS
from carelink_desktop.services.planned_visits import (
    book_visit,
    cancel_booking,
    planned_visit,
    sign_in,
    sign_out,
)
from carelink_desktop.services.relationship_map import relationship_map
from carelink_desktop.services.relationships import relate
from carelink_desktop.services.resident_records import add_record
from carelink_desktop.services.residents import admit_resident
from carelink_desktop.services.shift_summary import shift_summary
from carelink_desktop.services.today_board import today_board
from carelink_desktop.services.visit_history import (
    HistoryFilter,
    follow_ups_due,
    search_visits,
    visit_history,
)
from carelink_desktop.services.visits import (
    change_visit,
    complete_follow_up,
    record_visit,
    remove_visit,
    visit,
)
from tests.conftest import resident

TODAY = date(2026, 11, 22)
AWKWARD = 'She said "it\'s lovely" — and then:\nline two\n\n😀 café ☕'


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm))


@pytest.fixture
def home(manager):  # type: ignore[no-untyped-def]
    manager.set_today_for_tests(TODAY)
    florence = admit_resident(manager, resident("Florence", "Thompson", admission_date=date(2025, 1, 6)))
    susan = add_key_person(manager, KeyPersonDetails("Susan", "Thompson", phone="07700 900111"))
    peter = add_key_person(manager, KeyPersonDetails("Peter", "Hughes"))
    daughter = relate(
        manager,
        florence.id,
        susan.id,
        RelationshipDetails(
            "daughter",
            Category.FAMILY,
            contact_wishes=(ContactWish(KeepInTouch.VISITS, Frequency.WEEKLY),),
        ),
    )
    nephew = relate(manager, florence.id, peter.id, RelationshipDetails("nephew", Category.FAMILY))
    return manager, florence, daughter, nephew


def quick(rel_id: str, when: datetime, text: str = "Lovely visit") -> VisitDetails:
    return VisitDetails(VisitKind.VISIT, when, relationship_ids=(rel_id,), observations=text)


def test_a_quick_visit_needs_only_who_when_and_how_it_went(home) -> None:  # type: ignore[no-untyped-def]
    ws, florence, daughter, _ = home
    saved = record_visit(ws, florence.id, quick(daughter.id, at(TODAY, 10)))
    again = visit(ws, saved.id)
    assert again.details.observations == "Lovely visit"
    assert again.participants[0].name == "Susan Thompson"
    assert again.people == "Susan Thompson (daughter)"
    assert again.recorded_by
    assert not again.details.detailed


def test_free_text_survives_quotes_newlines_and_emoji_exactly(home) -> None:  # type: ignore[no-untyped-def]
    ws, florence, daughter, _ = home
    details = VisitDetails(
        VisitKind.VISIT,
        at(TODAY, 10),
        relationship_ids=(daughter.id,),
        observations=AWKWARD,
        notes=AWKWARD,
        other_participants='Jo "JJ" O\'Neil 🎉',
        follow_ups=(FollowUp(AWKWARD, TODAY + timedelta(days=2), "Bea"),),
    )
    saved = record_visit(ws, florence.id, details)
    again = visit(ws, saved.id)
    assert again.details.observations == AWKWARD
    assert again.details.notes == AWKWARD
    assert again.details.other_participants == 'Jo "JJ" O\'Neil 🎉'
    assert again.details.follow_ups[0].action == AWKWARD


def test_a_visit_needs_someone_and_cannot_be_in_the_future(home) -> None:  # type: ignore[no-untyped-def]
    ws, florence, _, _ = home
    with pytest.raises(ValidationError) as err:
        record_visit(ws, florence.id, VisitDetails(VisitKind.VISIT, at(TODAY + timedelta(days=1), 10)))
    assert set(err.value.errors) == {"relationship_ids", "starts_at"}
    with pytest.raises(ValidationError) as err:
        record_visit(
            ws,
            florence.id,
            VisitDetails(VisitKind.PHONE, at(TODAY, 10), other_participants="Friend", ends_at=at(TODAY, 9)),
        )
    assert "ends_at" in err.value.errors


def test_follow_ups_are_added_changed_removed_and_completed(home) -> None:  # type: ignore[no-untyped-def]
    ws, florence, daughter, _ = home
    first = FollowUp("Ring the GP about the cough", TODAY - timedelta(days=1), "Bea")
    second = FollowUp("Send Susan the menu", TODAY + timedelta(days=3), "Amira")
    saved = record_visit(
        ws,
        florence.id,
        VisitDetails(VisitKind.VISIT, at(TODAY, 10), (daughter.id,), follow_ups=(first, second)),
    )
    assert [f.action for f in follow_ups_due(ws, TODAY)] == ["Ring the GP about the cough"]
    assert follow_ups_due(ws, TODAY)[0].overdue(TODAY)
    stored = visit(ws, saved.id).details
    gp, menu = stored.follow_ups
    edited = VisitDetails(
        VisitKind.VISIT,
        at(TODAY, 10),
        (daughter.id,),
        follow_ups=(gp, FollowUp("Send Susan the winter menu", menu.due_on, "Amira", id=menu.id)),
    )
    change_visit(ws, saved.id, edited, expected_version=visit(ws, saved.id).version)
    assert [f.action for f in visit(ws, saved.id).details.follow_ups] == [
        "Ring the GP about the cough",
        "Send Susan the winter menu",
    ]
    complete_follow_up(ws, gp.id or "", note="GP visiting Tuesday")
    assert follow_ups_due(ws, TODAY) == []
    with pytest.raises(ValidationError):
        complete_follow_up(ws, gp.id or "")
    change_visit(ws, saved.id, VisitDetails(VisitKind.VISIT, at(TODAY, 10), (daughter.id,)))
    assert visit(ws, saved.id).details.follow_ups == ()


def test_someone_else_s_change_is_never_overwritten_unseen(home) -> None:  # type: ignore[no-untyped-def]
    ws, florence, daughter, _ = home
    saved = record_visit(ws, florence.id, quick(daughter.id, at(TODAY, 10)))
    change_visit(ws, saved.id, quick(daughter.id, at(TODAY, 10), "Changed"), expected_version=saved.version)
    with pytest.raises(ValidationError) as err:
        change_visit(ws, saved.id, quick(daughter.id, at(TODAY, 10), "Mine"), expected_version=saved.version)
    assert "version" in err.value.errors


def _restrict(ws, florence, rel_id):  # type: ignore[no-untyped-def]
    return add_record(
        ws,
        RESTRICTIONS,
        florence.id,
        RestrictionDetails(
            RestrictionKind.COURT_ORDER,
            "No unsupervised contact",
            TODAY - timedelta(days=30),
            TODAY + timedelta(days=60),
            relationship_id=rel_id,
            legal_basis="Court of Protection order 2026",
            less_restrictive_options="Supervised visits considered",
            decided_with="Best interests meeting",
            how_resident_told="Keyworker explained",
            how_person_told="Letter from the manager",
        ),
    )


def test_contact_with_a_restricted_person_needs_an_audited_acknowledgement(home, staff_workspace) -> None:  # type: ignore[no-untyped-def]
    ws, florence, _, nephew = home
    restriction = _restrict(ws, florence, nephew.id)
    with pytest.raises(RestrictedContact) as err:
        record_visit(ws, florence.id, quick(nephew.id, at(TODAY, 11)))
    assert "Contact with Peter Hughes is restricted" in str(err.value)
    assert "No unsupervised contact" in str(err.value)
    assert visit_history(ws, florence.id).total == 0
    saved = record_visit(
        ws,
        florence.id,
        VisitDetails(VisitKind.VISIT, at(TODAY, 11), (nephew.id,), restriction_acknowledged=True),
    )
    entries = [e for e in audit_entries(ws) if e.action == "restricted_contact_acknowledged"]
    assert len(entries) == 1 and entries[0].subject_id == saved.id
    assert restriction.id in str(entries[0].details)

    keyworker = staff_workspace(Role.KEYWORKER, "bea")
    keyworker.set_today_for_tests(TODAY)
    warning = restriction_warnings(keyworker, florence.id, [nephew.id], TODAY)[0]
    assert warning.details == ""
    assert "Speak to the shift lead or manager" in warning.text()
    with pytest.raises(RestrictedContact) as err:
        book_visit(
            keyworker,
            florence.id,
            PlannedVisitDetails(VisitKind.VISIT, at(TODAY, 15), (nephew.id,)),
        )
    assert "No unsupervised contact" not in str(err.value)


def test_a_restriction_on_everyone_warns_about_every_visitor(home) -> None:  # type: ignore[no-untyped-def]
    ws, florence, daughter, _ = home
    _restrict(ws, florence, None)
    warnings = restriction_warnings(ws, florence.id, [daughter.id], TODAY)
    assert warnings[0].text().startswith("A restriction on contact covers all visitors.")


def test_a_booking_is_signed_in_out_and_recorded(home) -> None:  # type: ignore[no-untyped-def]
    ws, florence, daughter, _ = home
    booked = book_visit(
        ws,
        florence.id,
        PlannedVisitDetails(VisitKind.VISIT, at(TODAY, 14, 30), (daughter.id,), location="Garden room"),
    )
    assert booked.status is PlannedStatus.BOOKED and booked.visitors == "Susan Thompson"
    arrived = sign_in(ws, booked.id, at=at(TODAY, 14, 35))
    assert arrived.in_building and arrived.signed_in_at == at(TODAY, 14, 35)
    with pytest.raises(ValidationError):
        sign_out(ws, booked.id, at=at(TODAY, 14, 0))
    left = sign_out(ws, booked.id, at=at(TODAY, 15, 40))
    assert left.status is PlannedStatus.COMPLETED and not left.in_building
    recorded = record_visit(
        ws,
        florence.id,
        VisitDetails(
            VisitKind.VISIT,
            at(TODAY, 14, 35),
            (daughter.id,),
            ends_at=at(TODAY, 15, 40),
            planned_visit_id=booked.id,
        ),
    )
    assert planned_visit(ws, booked.id).visit_id == recorded.id
    with pytest.raises(ValidationError):
        sign_in(ws, booked.id)


def test_bookings_refuse_the_past_calls_cannot_sign_in_and_cancelled_ones_say_why(home) -> None:  # type: ignore[no-untyped-def]
    ws, florence, daughter, _ = home
    with pytest.raises(ValidationError) as err:
        book_visit(
            ws,
            florence.id,
            PlannedVisitDetails(VisitKind.VISIT, at(TODAY - timedelta(days=1), 10), (daughter.id,)),
        )
    assert "starts_at" in err.value.errors
    call = book_visit(ws, florence.id, PlannedVisitDetails(VisitKind.PHONE, at(TODAY, 18), (daughter.id,)))
    with pytest.raises(ValidationError) as err:
        sign_in(ws, call.id)
    assert "Calls are not signed in" in str(err.value)
    cancelled = cancel_booking(ws, call.id, "Susan is unwell")
    assert cancelled.status is PlannedStatus.CANCELLED and cancelled.status_reason == "Susan is unwell"


def test_history_pages_and_filters_by_date_person_kind_and_words(home) -> None:  # type: ignore[no-untyped-def]
    ws, florence, daughter, nephew = home
    for i in range(30):
        day = TODAY - timedelta(days=i)
        rel = daughter.id if i % 2 == 0 else nephew.id
        kind = VisitKind.VISIT if i % 3 else VisitKind.PHONE
        text = "Talked about the garden and roses" if i == 7 else f"Visit number {i}"
        record_visit(ws, florence.id, VisitDetails(kind, at(day, 10), (rel,), observations=text))
    page = visit_history(ws, florence.id, limit=10)
    assert page.total == 30 and len(page.items) == 10
    assert page.items[0].starts_at.date() == TODAY
    second = visit_history(ws, florence.id, offset=10, limit=10)
    assert second.items[0].starts_at.date() == TODAY - timedelta(days=10)
    susan_only = visit_history(ws, florence.id, HistoryFilter(relationship_id=daughter.id), limit=100)
    assert susan_only.total == 15 and all("Susan" in v.people for v in susan_only.items)
    calls = visit_history(ws, florence.id, HistoryFilter(kinds=frozenset({VisitKind.PHONE})), limit=100)
    assert calls.total == 10 and {v.kind for v in calls.items} == {VisitKind.PHONE}
    week = visit_history(
        ws, florence.id, HistoryFilter(start=TODAY - timedelta(days=6), end=TODAY), limit=100
    )
    assert week.total == 7
    words = visit_history(ws, florence.id, HistoryFilter(words="garden ros"))
    assert [v.observations for v in words.items] == ["Talked about the garden and roses"]
    hits = search_visits(ws, 'GARDEN "roses')
    assert len(hits) == 1 and "[garden]" in hits[0].snippet.lower()
    assert search_visits(ws, '" * ( ') == []
    assert len(search_visits(ws, "garden AND")) == 1  # typed operators are plain words


def test_removed_and_edited_visits_leave_the_word_index_and_contact_signal(home) -> None:  # type: ignore[no-untyped-def]
    ws, florence, daughter, nephew = home
    saved = record_visit(ws, florence.id, quick(daughter.id, at(TODAY, 10), "Played dominoes"))
    assert len(search_visits(ws, "dominoes")) == 1
    change_visit(ws, saved.id, quick(nephew.id, at(TODAY, 10), "Played cards"))
    assert search_visits(ws, "dominoes") == [] and len(search_visits(ws, "cards")) == 1
    assert visit_history(ws, florence.id, HistoryFilter(relationship_id=daughter.id)).total == 0
    assert visit_history(ws, florence.id, HistoryFilter(relationship_id=nephew.id)).total == 1
    remove_visit(ws, saved.id)
    assert search_visits(ws, "cards") == []
    assert visit_history(ws, florence.id, HistoryFilter(relationship_id=nephew.id)).total == 0


def test_the_relationship_map_signal_is_fed_by_recorded_visits(home) -> None:  # type: ignore[no-untyped-def]
    ws, florence, daughter, nephew = home
    # the home began recording 30 days ago (another resident's visit), Susan last came 10 days ago
    record_visit(ws, florence.id, quick(nephew.id, at(TODAY - timedelta(days=30), 10)))
    record_visit(ws, florence.id, quick(daughter.id, at(TODAY - timedelta(days=10), 10)))
    entry = relationship_map(ws, florence.id).signals[daughter.id]
    assert entry.level is SignalLevel.BEHIND
    record_visit(ws, florence.id, quick(daughter.id, at(TODAY - timedelta(days=2), 10)))
    entry = relationship_map(ws, florence.id).signals[daughter.id]
    assert entry.level is SignalLevel.MET


def test_isolation_flags_name_residents_without_contact_or_below_their_wishes(home) -> None:  # type: ignore[no-untyped-def]
    ws, florence, daughter, _ = home
    albert = admit_resident(ws, resident("Albert", "Nwosu", admission_date=date(2025, 3, 1)))
    assert isolation_flags(ws, no_contact_days=14) == []  # nothing recorded yet: no data, no flags
    record_visit(
        ws,
        albert.id,
        VisitDetails(VisitKind.PHONE, at(TODAY - timedelta(days=1), 9), other_participants="Old friend"),
    )
    record_visit(ws, florence.id, quick(daughter.id, at(TODAY - timedelta(days=20), 10)))
    flagged = isolation_flags(ws, no_contact_days=14)
    assert [f.resident_name for f in flagged] == ["Florence Thompson"]
    assert flagged[0].level is SignalLevel.NOT_MET and flagged[0].no_contact
    assert flagged[0].reasons[0] == "No contact recorded for 20 days"
    assert "Susan Thompson: Visits: wished every week" in flagged[0].reasons[1]


def test_concerns_are_raised_from_a_visit_and_listed_with_filters(home) -> None:  # type: ignore[no-untyped-def]
    ws, florence, daughter, _nephew = home
    saved = record_visit(ws, florence.id, quick(daughter.id, at(TODAY, 10)))
    add_record(
        ws,
        CONCERNS,
        florence.id,
        ConcernDetails(
            ConcernKind.UNMET_NEEDS,
            Severity.MEDIUM,
            "Susan is exhausted and not sleeping",
            TODAY,
            relationship_id=daughter.id,
            visit_id=saved.id,
        ),
    )
    with pytest.raises(ValidationError) as err:
        add_record(
            ws,
            CONCERNS,
            florence.id,
            ConcernDetails(ConcernKind.HARM_OR_ABUSE, Severity.HIGH, "Bruise", TODAY),
        )
    assert "reported_to" in err.value.errors
    add_record(
        ws,
        CONCERNS,
        florence.id,
        ConcernDetails(
            ConcernKind.HARM_OR_ABUSE,
            Severity.URGENT,
            "Bruise on arm after visit",
            TODAY,
            reported_to="Duty safeguarding team",
            reported_on=TODAY,
        ),
    )
    listed = concerns_list(ws)
    assert [c.severity for c in listed] == [Severity.URGENT, Severity.MEDIUM]
    assert listed[1].person == "Susan Thompson" and listed[1].visit_id == saved.id
    assert [c.kind for c in concerns_list(ws, ConcernFilter(kinds=frozenset({ConcernKind.UNMET_NEEDS})))] == [
        ConcernKind.UNMET_NEEDS
    ]
    assert len(concerns_list(ws, ConcernFilter(min_severity=Severity.HIGH))) == 1
    assert concerns_list(ws, ConcernFilter(statuses=frozenset({ConcernStatus.CLOSED}))) == []
    assert visit_history(ws, florence.id).items[0].concerns == 1


def test_the_today_board_shows_shifts_the_building_follow_ups_concerns_and_isolation(home) -> None:  # type: ignore[no-untyped-def]
    ws, florence, daughter, nephew = home
    morning = book_visit(ws, florence.id, PlannedVisitDetails(VisitKind.VISIT, at(TODAY, 10), (daughter.id,)))
    book_visit(ws, florence.id, PlannedVisitDetails(VisitKind.VIDEO, at(TODAY, 16), (daughter.id,)))
    book_visit(ws, florence.id, PlannedVisitDetails(VisitKind.PHONE, at(TODAY, 22), (nephew.id,)))
    sign_in(ws, morning.id, at=at(TODAY, 10, 5))
    record_visit(
        ws,
        florence.id,
        VisitDetails(
            VisitKind.PHONE, at(TODAY, 8), (nephew.id,), follow_ups=(FollowUp("Post photos", TODAY, "Bea"),)
        ),
    )
    board = today_board(ws, now=at(TODAY, 15))
    assert board.current_shift is Shift.LATE
    assert [p.details.kind for p in board.block(Shift.EARLY).planned] == [VisitKind.VISIT]
    assert [p.details.kind for p in board.block(Shift.LATE).planned] == [VisitKind.VIDEO]
    assert [p.details.kind for p in board.block(Shift.NIGHT).planned] == [VisitKind.PHONE]
    assert [v.kind for v in board.block(Shift.EARLY).recorded] == [VisitKind.PHONE]
    assert [p.id for p in board.in_building] == [morning.id]
    assert [f.action for f in board.follow_ups] == ["Post photos"]


def test_the_shift_summary_holds_the_shift_s_contact_concerns_and_follow_ups(home, staff_workspace) -> None:  # type: ignore[no-untyped-def]
    ws, florence, daughter, nephew = home
    booked = book_visit(ws, florence.id, PlannedVisitDetails(VisitKind.VISIT, at(TODAY, 9), (daughter.id,)))
    sign_in(ws, booked.id, at=at(TODAY, 9))
    saved = record_visit(
        ws,
        florence.id,
        VisitDetails(
            VisitKind.VISIT,
            at(TODAY, 9),
            (daughter.id,),
            mood_before=Mood.ANXIOUS,
            mood_after=Mood.SETTLED,
            observations=AWKWARD,
            conflict_signs="Raised voices about money",
            follow_ups=(FollowUp("Call Susan back", TODAY + timedelta(days=1), "Shift lead"),),
        ),
    )
    add_record(
        ws,
        CONCERNS,
        florence.id,
        ConcernDetails(
            ConcernKind.CONFLICT, Severity.MEDIUM, "Argument about money", TODAY, visit_id=saved.id
        ),
    )
    record_visit(ws, florence.id, quick(nephew.id, at(TODAY, 15)))  # late shift: not in the early summary
    summary = shift_summary(ws, TODAY, Shift.EARLY)
    assert [v.summary.id for v in summary.visits] == [saved.id]
    points = dict(summary.visits[0].key_points)
    assert points["How it went"] == AWKWARD and points["Signs of conflict"] == "Raised voices about money"
    assert [c.description for c in summary.visits[0].concerns] == ["Argument about money"]
    assert [c.description for c in summary.concerns] == ["Argument about money"]
    assert [f.action for f in summary.visits[0].follow_ups] == ["Call Susan back"]
    assert [p.id for p in summary.still_signed_in] == [booked.id]
    keyworker = staff_workspace(Role.KEYWORKER, "bea")
    with pytest.raises(PermissionDenied):
        shift_summary(keyworker, TODAY, Shift.EARLY)
