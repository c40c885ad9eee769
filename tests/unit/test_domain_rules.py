"""Domain rules: NHS numbers, UK dates, names, validation of residents, key people and consent."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carelink_desktop.domain.consent import Capacity, ConsentDecision, ConsentDetails, ConsentTopic, DecidedBy
from carelink_desktop.domain.dates import format_uk_date, parse_uk_date
from carelink_desktop.domain.errors import ValidationError
from carelink_desktop.domain.key_people import ContactMethod, KeyPersonDetails
from carelink_desktop.domain.nhs_number import format_nhs_number, nhs_number_problem
from carelink_desktop.domain.residents import display_name
from carelink_desktop.domain.roles import Permission, Role, may
from carelink_desktop.domain.text import fold
from tests.conftest import resident

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize("number", ["943 476 5919", "9434765919", "401-023-2137"])
def test_valid_nhs_numbers_pass(number: str) -> None:
    assert nhs_number_problem(number) is None


@pytest.mark.parametrize(
    "number", ["943 476 5910", "123", "94347659199", "abcdefghij", "１２３４５６７８９０"]
)
def test_invalid_nhs_numbers_are_explained(number: str) -> None:
    problem = nhs_number_problem(number)
    assert problem is not None and ("10 digits" in problem or "check digit" in problem)


@given(st.lists(st.integers(0, 9), min_size=9, max_size=9))
def test_exactly_one_check_digit_is_accepted_unless_none_exists(digits: list[int]) -> None:
    stem = "".join(map(str, digits))
    accepted = [d for d in range(10) if nhs_number_problem(stem + str(d)) is None]
    assert len(accepted) <= 1


def test_nhs_number_is_grouped_three_three_four() -> None:
    assert format_nhs_number("9434765919") == "943 476 5919"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07/03/1941", date(1941, 3, 7)),
        ("7/3/1941", date(1941, 3, 7)),
        (" 29.02.2024 ", date(2024, 2, 29)),
    ],
)
def test_uk_dates_parse_day_first(text: str, expected: date) -> None:
    assert parse_uk_date(text) == expected
    assert format_uk_date(expected) == expected.strftime("%d/%m/%Y")


@pytest.mark.parametrize("text", ["1941-03-07", "31/02/2020", "12/13/2020", "yesterday", ""])
def test_bad_dates_get_a_message_saying_what_to_type(text: str) -> None:
    with pytest.raises(ValueError, match=r"dd/mm/yyyy|not a real date"):
        parse_uk_date(text)


def test_resident_validation_names_every_bad_field() -> None:
    bad = resident(
        "",
        "",
        date_of_birth=date(2030, 1, 1),
        nhs_number="123",
        admission_date=date(2024, 5, 1),
        discharge_date=date(2024, 4, 1),
        needs_interpreter=True,
    )
    with pytest.raises(ValidationError) as caught:
        bad.cleaned().validate(TODAY)
    assert set(caught.value.errors) == {
        "legal_given_names",
        "legal_family_name",
        "date_of_birth",
        "admission_date",
        "nhs_number",
        "discharge_date",
        "interpreter_language",
    }
    assert caught.value.errors["date_of_birth"] == "Date of birth cannot be in the future."


def test_resident_missing_date_of_birth_and_admission_before_birth() -> None:
    with pytest.raises(ValidationError) as caught:
        resident(date_of_birth=None).validate(TODAY)
    assert caught.value.errors == {"date_of_birth": "Date of birth is required."}
    with pytest.raises(ValidationError) as caught:
        resident(date_of_birth=date(1950, 1, 1), admission_date=date(1940, 1, 1)).validate(TODAY)
    assert "admission_date" in caught.value.errors


def test_cleaning_trims_text_and_strips_nhs_number_spaces() -> None:
    clean = resident("  Ada ", " Lovelace  ", nhs_number=" 943 476 5919 ").cleaned()
    assert (clean.legal_given_names, clean.legal_family_name, clean.nhs_number) == (
        "Ada",
        "Lovelace",
        "9434765919",
    )


def test_display_name_shows_preferred_name_only_when_different() -> None:
    assert display_name("Margaret Rose", "Jones", "Peggy") == "Margaret Rose (Peggy) Jones"
    assert display_name("Margaret Rose", "Jones", "margaret") == "Margaret Rose Jones"
    assert display_name("Siân", "Ellis", "Sian") == "Siân Ellis"


def test_key_person_contact_preference_needs_the_matching_detail() -> None:
    with pytest.raises(ValidationError) as caught:
        KeyPersonDetails("Tom", "Ellis", preferred_contact=ContactMethod.EMAIL, phone="12ab").validate()
    assert set(caught.value.errors) == {"email", "phone"}
    KeyPersonDetails("Tom", "Ellis", phone="07700 900123", preferred_contact=ContactMethod.PHONE).validate()
    with pytest.raises(ValidationError):
        KeyPersonDetails("", "").validate()


def test_consent_by_someone_else_needs_their_name_and_best_interests_needs_notes() -> None:
    details = ConsentDetails(
        ConsentTopic.SHARING_WITH_FAMILY,
        ConsentDecision.BEST_INTERESTS,
        DecidedBy.BEST_INTERESTS_MEETING,
        date(2026, 1, 5),
        capacity=Capacity.LACKS_CAPACITY,
        review_date=date(2025, 1, 1),
    )
    with pytest.raises(ValidationError) as caught:
        details.validate(TODAY)
    assert set(caught.value.errors) == {
        "decided_by_name",
        "capacity_notes",
        "best_interests_notes",
        "review_date",
    }


def test_a_resident_lacking_capacity_cannot_decide_alone() -> None:
    details = ConsentDetails(
        ConsentTopic.PHOTOGRAPHS,
        ConsentDecision.GIVEN,
        DecidedBy.RESIDENT,
        date(2026, 1, 5),
        capacity=Capacity.LACKS_CAPACITY,
        capacity_notes="MCA 2026",
    )
    with pytest.raises(ValidationError) as caught:
        details.validate(TODAY)
    assert set(caught.value.errors) == {"decided_by"}


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Siân", "sian"),
        ("Łukasz WÓJCIK", "lukasz wojcik"),
        ("Nguyễn Thị Hương", "nguyen thi huong"),
        ("O'Brien-Smith", "obriensmith"),
        ("Şükrü Yıldız", "sukru yildiz"),
        ("Gwenllian ap Llŷr", "gwenllian ap llyr"),
    ],
)
def test_search_folding_ignores_case_accents_and_punctuation(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_roles_grant_what_design_says() -> None:
    assert may(Role.MANAGER, Permission.MANAGE_ACCOUNTS)
    assert not may(Role.SHIFT_LEAD, Permission.MANAGE_ACCOUNTS)
    assert may(Role.SHIFT_LEAD, Permission.PRINT_SHIFT_SUMMARY)
    assert not may(Role.KEYWORKER, Permission.VIEW_SENSITIVE)
    assert Role.parse("Shift lead") is Role.SHIFT_LEAD
    with pytest.raises(ValidationError, match="Unknown role"):
        Role.parse("boss")


def test_temporary_passwords_are_readable_random_and_acceptable() -> None:
    import re

    from carelink_desktop.domain.accounts import check_new_password, temporary_password

    made = {temporary_password() for _ in range(50)}
    assert len(made) == 50
    for password in made:
        assert re.fullmatch(r"[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}", password)
        check_new_password(password, username="kwame")


def test_a_room_is_named_once() -> None:
    from carelink_desktop.domain.residents import room_phrase

    assert room_phrase("12") == "room 12"
    assert room_phrase("Room 1") == "Room 1"
    assert room_phrase("Rose Suite") == "Rose Suite"
    assert room_phrase("  ") == ""
