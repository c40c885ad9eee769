"""The synthetic data generator: deterministic, valid, varied and unmistakably fictional."""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import date

import pytest

from carelink_desktop.domain.accounts import check_new_account
from carelink_desktop.domain.consent import Capacity, ConsentDecision, DecidedBy
from carelink_desktop.domain.nhs_number import nhs_number_problem
from carelink_desktop.synthetic import texts
from carelink_desktop.synthetic.people import (
    drama_phone_number,
    fictional_nhs_number,
    generate_key_people,
    generate_residents,
    generate_staff,
)
from carelink_desktop.synthetic.personas import Persona, generate_personas

TODAY = date(2026, 11, 22)
DRAMA_PHONE = re.compile(r"^(07700 900\d{3}|01632 960\d{3}|020 7946 0\d{3})$")
ANY_PHONE = re.compile(r"\+?\d[\d ]{8,}\d")
EXAMPLE_EMAIL = re.compile(r"^[a-z0-9._+-]+@example\.(org|com|net)$")
UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")


@pytest.fixture(scope="module")
def personas() -> list[Persona]:
    return generate_personas(500, 7, today=TODAY)


def _all_text(personas: list[Persona]) -> str:
    parts: list[str] = []
    for p in personas:
        parts += [str(v) for v in vars(p.resident).values()]
        parts += [str(v) for m in p.circle for v in vars(m.details).values()]
    return "\n".join(parts)


# -- determinism -----------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_people() -> None:
    assert generate_residents(200, 11, today=TODAY) == generate_residents(200, 11, today=TODAY)
    assert generate_key_people(300, 11) == generate_key_people(300, 11)
    assert generate_personas(40, 11, today=TODAY) == generate_personas(40, 11, today=TODAY)
    assert generate_staff(6, 11) == generate_staff(6, 11)


def test_different_seeds_give_different_people() -> None:
    assert generate_residents(50, 1, today=TODAY) != generate_residents(50, 2, today=TODAY)
    assert generate_key_people(50, 1) != generate_key_people(50, 2)


def test_a_smaller_set_is_the_start_of_a_larger_one() -> None:
    assert generate_residents(10, 3, today=TODAY) == generate_residents(60, 3, today=TODAY)[:10]
    assert generate_key_people(25, 3) == generate_key_people(200, 3)[:25]


def test_personas_hold_the_same_residents_and_key_people_as_the_plain_generators() -> None:
    personas = generate_personas(30, 5, today=TODAY)
    assert [p.resident for p in personas] == generate_residents(30, 5, today=TODAY)
    people = [m.details for p in personas for m in p.circle]
    expected = generate_key_people(len(people), 5)
    # The attorney's notes mention the Lasting Power of Attorney; everything else is identical.
    assert [(k.given_names, k.family_name, k.phone) for k in people] == [
        (k.given_names, k.family_name, k.phone) for k in expected
    ]


def test_zero_or_negative_counts_give_nothing() -> None:
    assert generate_residents(0, 1) == []
    assert generate_key_people(0, 1) == []
    assert generate_key_people(-3, 1) == []


# -- validity --------------------------------------------------------------------------------


def test_every_generated_record_passes_its_own_validation(personas: list[Persona]) -> None:
    for p in personas:
        p.resident.validate(TODAY)
        assert p.resident.cleaned() == p.resident  # nothing for the services to tidy up
        for member in p.circle:
            member.details.validate()
            assert member.details.cleaned() == member.details
        for consent in p.consents:
            consent.validate(TODAY)
            assert consent.cleaned() == consent
    for person in generate_key_people(500, 7):
        person.validate()


def test_nhs_numbers_are_valid_unique_and_from_the_test_range(personas: list[Persona]) -> None:
    numbers = [p.resident.nhs_number for p in personas]
    assert all(nhs_number_problem(n) is None for n in numbers)
    assert all(n.startswith("999") and len(n) == 10 for n in numbers)
    assert len(set(numbers)) == len(numbers)


def test_fictional_nhs_numbers_never_need_a_check_digit_of_ten() -> None:
    rng = random.Random(0)
    for _ in range(5000):
        assert nhs_number_problem(fictional_nhs_number(rng)) is None


def test_phone_numbers_all_come_from_ofcom_drama_ranges(personas: list[Persona]) -> None:
    rng = random.Random(1)
    assert all(DRAMA_PHONE.match(drama_phone_number(rng)) for _ in range(2000))
    phones = [m.details.phone for p in personas for m in p.circle if m.details.phone]
    phones += [k.phone for k in generate_key_people(2000, 99) if k.phone]
    assert len(phones) > 1000
    assert all(DRAMA_PHONE.match(phone) for phone in phones), [
        ph for ph in phones if not DRAMA_PHONE.match(ph)
    ][:5]
    # Numbers written inside free text (advocates' details) are drama numbers too.
    for found in ANY_PHONE.findall(_all_text(personas)):
        if not found.startswith("999"):  # NHS numbers
            assert DRAMA_PHONE.match(found.strip()), found


def test_emails_are_only_at_example_domains(personas: list[Persona]) -> None:
    emails = [m.details.email for p in personas for m in p.circle if m.details.email]
    emails += [k.email for k in generate_key_people(2000, 99) if k.email]
    assert len(emails) > 500
    assert all(EXAMPLE_EMAIL.match(e) for e in emails), [e for e in emails if not EXAMPLE_EMAIL.match(e)][:5]
    assert all("@" not in word or EXAMPLE_EMAIL.match(word) for word in _all_text(personas).split())


def test_addresses_are_in_invented_towns_without_postcodes(personas: list[Persona]) -> None:
    addresses = [m.details.address for p in personas for m in p.circle if m.details.address]
    assert len(addresses) > 500
    for address in addresses:
        assert address.rsplit(", ", 1)[-1] in texts.TOWNS
    assert not UK_POSTCODE.search(_all_text(personas))


# -- realism and variety ---------------------------------------------------------------------


def test_names_carry_the_diacritics_of_many_languages(personas: list[Persona]) -> None:
    names = " ".join(
        f"{p.resident.legal_given_names} {p.resident.preferred_name} {p.resident.legal_family_name} "
        + " ".join(m.details.full_name for m in p.circle)
        for p in personas
    )
    for letters in ("âŷô", "Łłśńżźąę", "ŞşğİıÖöÜüÇç", "ễịươăđĐ", "áéíóú"):
        assert any(ch in names for ch in letters), letters
    assert "ŵ" in _all_text(personas)  # Welsh street names
    legal = [p.resident.legal_given_names + p.resident.legal_family_name for p in personas]
    assert sum(not name.isascii() for name in legal) > 50


def test_backgrounds_languages_and_faiths_are_varied(personas: list[Persona]) -> None:
    assert len(Counter(p.background for p in personas)) >= 14
    languages = Counter(p.resident.first_language for p in personas)
    assert languages["English"] > 250
    assert len(languages) >= 10
    assert "British Sign Language" in languages
    assert len({p.resident.faith_and_spirituality for p in personas}) >= 25


def test_residents_are_older_people_with_sensible_dates(personas: list[Persona]) -> None:
    residents = [p.resident for p in personas]
    born = [r.date_of_birth for r in residents if r.date_of_birth is not None]
    assert len(born) == len(residents)
    assert sum(date(1926, 1, 1) <= b <= date(1960, 12, 31) for b in born) >= 0.9 * len(born)
    assert all(r.admission_date is not None and r.admission_date <= TODAY for r in residents)
    left = [r for r in residents if r.discharge_date is not None]
    assert 20 <= len(left) <= 100
    assert all(r.discharge_date is not None and r.discharge_date < TODAY for r in left)
    rooms = [r.room for r in residents]
    assert len(set(rooms)) == len(rooms)
    assert all(re.fullmatch(r"(Room|Garden|Willow) \d+", room) for room in rooms)
    assert sum(bool(r.preferred_name) for r in residents) > 100


def test_some_residents_need_interpreters_and_advocates(personas: list[Persona]) -> None:
    residents = [p.resident for p in personas]
    interpreted = [r for r in residents if r.needs_interpreter]
    assert len(interpreted) > 10
    assert all(r.interpreter_language for r in interpreted)
    advocated = [r for r in residents if r.needs_advocate]
    assert len(advocated) > 10 and all(r.advocate_details for r in advocated)
    assert len({m for r in residents for m in r.communication_methods}) >= 10


def test_circles_are_five_to_seven_people_with_family_sharing_names(personas: list[Persona]) -> None:
    shared = family = 0
    for p in personas:
        assert 5 <= len(p.circle) <= 7
        assert any(not m.is_family for m in p.circle)
        surname = p.resident.legal_family_name
        for m in p.circle:
            if m.is_family:
                family += 1
                shared += m.details.family_name == surname
            else:
                assert m.details.family_name != surname, (m.relationship, m.details)
    assert shared > family / 2


def test_key_people_have_interpreters_and_contact_preferences(personas: list[Persona]) -> None:
    people = [m.details for p in personas for m in p.circle]
    assert len({k.preferred_contact for k in people}) == 7  # six methods and "not said"
    needing = [k for k in people if k.needs_interpreter]
    assert needing and all(k.language and k.language != "English" for k in needing)


def test_consent_records_mix_who_decided(personas: list[Persona]) -> None:
    consents = [(p, c) for p in personas for c in p.consents]
    assert Counter(c.decided_by for _, c in consents).keys() == set(DecidedBy)
    assert {c.decision for _, c in consents} == set(ConsentDecision)
    for p, c in consents:
        admitted = p.resident.admission_date
        assert c.decision_date is not None and admitted is not None
        assert admitted <= c.decision_date <= TODAY
        if c.decided_by is DecidedBy.ATTORNEY_HEALTH_WELFARE:
            assert p.attorney is not None
            attorney = p.circle[p.attorney]
            assert c.decided_by_name == attorney.details.full_name
            assert attorney.is_family and "Lasting Power of Attorney" in attorney.details.notes
        if c.decided_by is DecidedBy.BEST_INTERESTS_MEETING:
            assert c.decision is ConsentDecision.BEST_INTERESTS and c.best_interests_notes
        if c.decided_by is not DecidedBy.RESIDENT:
            assert c.capacity is Capacity.LACKS_CAPACITY and c.capacity_notes


def test_staff_have_usernames_the_account_rules_accept() -> None:
    staff = generate_staff(60, 4, taken=("demo", "a.smith"))
    for person in staff:
        check_new_account(person.username, person.full_name)
    usernames = [s.username for s in staff]
    assert len(set(usernames)) == len(usernames)
    assert not {"demo", "a.smith"} & set(usernames)


# -- scale -----------------------------------------------------------------------------------


def test_thousands_of_people_can_be_generated() -> None:
    residents = generate_residents(5000, 2026, today=TODAY)
    people = generate_key_people(5000, 2026)
    assert len(residents) == 5000 and len(people) == 5000
    assert len({r.nhs_number for r in residents}) == 5000
    for r in residents[::50]:
        r.validate(TODAY)
    for k in people[::50]:
        k.validate()
