"""Rules of the relationship map that need no database: details validation, marks, restrictions
in force, and the isolation signal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from carelink_desktop.domain.errors import ValidationError
from carelink_desktop.domain.isolation import SignalLevel, wish_signal, worst
from carelink_desktop.domain.relationships import (
    Category,
    ContactWish,
    Frequency,
    KeepInTouch,
    RelationshipDetails,
    marks,
)
from carelink_desktop.domain.restrictions import RestrictionDetails, RestrictionKind

TODAY = date(2026, 11, 22)
WEEKLY_VISITS = ContactWish(KeepInTouch.VISITS, Frequency.WEEKLY)


def test_cleaning_keeps_one_wish_per_way_and_primary_means_next_of_kin() -> None:
    d = RelationshipDetails(
        " daughter ",
        Category.FAMILY,
        primary_next_of_kin=True,
        contact_wishes=(WEEKLY_VISITS, ContactWish(KeepInTouch.VISITS, Frequency.DAILY, " x ")),
    ).cleaned()
    assert d.relationship == "daughter" and d.next_of_kin
    assert d.contact_wishes == (ContactWish(KeepInTouch.VISITS, Frequency.DAILY, "x"),)


def test_an_end_needs_a_date_and_a_date_needs_a_reason() -> None:
    with pytest.raises(ValidationError) as caught:
        RelationshipDetails("son", Category.FAMILY, end_reason="Moved away").validate(TODAY)
    assert set(caught.value.errors) == {"ended_on"}
    with pytest.raises(ValidationError) as caught:
        RelationshipDetails("son", Category.FAMILY, ended_on=TODAY).validate(TODAY)
    assert set(caught.value.errors) == {"end_reason"}


def test_marks_read_without_colour_in_a_fixed_order() -> None:
    d = RelationshipDetails("son", Category.UNPAID_CARER, next_of_kin=True, essential_care_supporter=True)
    assert marks(d, restricted=True) == ("NOK", "ECS", "Carer", "Restricted")
    assert marks(RelationshipDetails("GP", Category.PROFESSIONAL), restricted=False) == ()


def test_a_restriction_is_in_force_from_its_start_until_its_end() -> None:
    r = RestrictionDetails(
        RestrictionKind.RESIDENTS_WISH,
        "No visits from her brother",
        starts_on=TODAY,
        review_on=TODAY + timedelta(days=30),
        ends_on=TODAY + timedelta(days=60),
    )
    assert not r.in_force(TODAY - timedelta(days=1))
    assert r.in_force(TODAY) and r.in_force(TODAY + timedelta(days=59))
    assert not r.in_force(TODAY + timedelta(days=60))
    assert not r.review_due(TODAY) and r.review_due(TODAY + timedelta(days=16))


@pytest.mark.parametrize(
    ("days_since", "level"),
    [
        (0, SignalLevel.MET),
        (7, SignalLevel.MET),
        (8, SignalLevel.BEHIND),
        (14, SignalLevel.BEHIND),
        (15, SignalLevel.NOT_MET),
    ],
)
def test_the_gap_since_the_last_contact_against_the_wish(days_since: int, level: SignalLevel) -> None:
    signal = wish_signal(WEEKLY_VISITS, [TODAY - timedelta(days=days_since)], TODAY, date(2026, 1, 1))
    assert signal.level is level


def test_no_data_until_contact_is_recorded_and_then_until_a_full_interval_has_passed() -> None:
    assert wish_signal(WEEKLY_VISITS, [], TODAY, None).level is SignalLevel.NO_DATA
    assert wish_signal(WEEKLY_VISITS, [], TODAY, TODAY - timedelta(days=3)).level is SignalLevel.NO_DATA
    assert wish_signal(WEEKLY_VISITS, [], TODAY, TODAY - timedelta(days=30)).level is SignalLevel.NOT_MET
    when_they_can = ContactWish(KeepInTouch.PHONE, Frequency.WHEN_THEY_CAN)
    assert wish_signal(when_they_can, [], TODAY, TODAY - timedelta(days=300)).level is SignalLevel.NO_WISH


def test_future_contact_does_not_count_and_the_text_says_when() -> None:
    signal = wish_signal(WEEKLY_VISITS, [TODAY + timedelta(days=2), TODAY - timedelta(days=10)], TODAY, None)
    assert signal.level is SignalLevel.BEHIND
    assert signal.text(TODAY) == "Visits: wished every week; last 12/11/2026 (10 days ago): falling behind"


def test_the_worst_level_wins() -> None:
    assert worst([SignalLevel.MET, SignalLevel.NOT_MET, SignalLevel.NO_DATA]) is SignalLevel.NOT_MET
    assert worst([]) is SignalLevel.NO_WISH
