"""The demo home: created and filled through the services, in a real encrypted home."""

from __future__ import annotations

from pathlib import Path

from carelink_desktop.domain.roles import Role
from carelink_desktop.paths import HomePaths
from carelink_desktop.services.access import recover_with_key, unlock
from carelink_desktop.services.accounts import list_accounts
from carelink_desktop.services.consent import consents_for
from carelink_desktop.services.key_people import find_key_people
from carelink_desktop.services.residents import ResidentFilter, find_residents, view_resident
from carelink_desktop.storage.keyslots import KdfParams
from carelink_desktop.synthetic.demo_home import DEMO_HOME_NAME, create_demo_home, fill_demo_home

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
        for resident_id, people in zip(summary.resident_ids, summary.key_person_ids, strict=True):
            links = key_people_of(ws, resident_id)
            assert {link.key_person_id for link in links} == set(people)
            assert all(link.relationship for link in links)
    finally:
        ws.close()
