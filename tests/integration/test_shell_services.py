"""Services the desktop shell stands on: links, home settings, screen layout, sealed drafts, paging."""

from __future__ import annotations

import pytest

from carelink_desktop.domain.errors import PermissionDenied, ValidationError
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.roles import Role
from carelink_desktop.services import accounts, drafts, home_settings, links, preferences
from carelink_desktop.services.access import unlock
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.services.residents import (
    admit_resident,
    admit_residents,
    count_residents,
    find_residents,
)
from tests.conftest import FAST_KDF, resident


def test_link_a_key_person_and_see_it_from_both_sides(manager) -> None:  # type: ignore[no-untyped-def]
    peggy = admit_resident(manager, resident("Margaret", "Jones", preferred_name="Peggy"))
    sue = add_key_person(manager, KeyPersonDetails("Sue", "Jones", phone="07700 900123"))
    link = links.link_key_person(manager, peggy.id, sue.id, " daughter ")
    assert (link.relationship, link.key_person_name, link.resident_name) == (
        "daughter",
        "Sue Jones",
        "Margaret (Peggy) Jones",
    )
    assert [lk.key_person_name for lk in links.key_people_of(manager, peggy.id)] == ["Sue Jones"]
    assert [lk.resident_name for lk in links.residents_of(manager, sue.id)] == ["Margaret (Peggy) Jones"]
    with pytest.raises(ValidationError, match="already on this resident's map"):
        links.link_key_person(manager, peggy.id, sue.id, "daughter")
    with pytest.raises(ValidationError, match="Say how they are related"):
        links.link_key_person(manager, peggy.id, sue.id, "  ")
    links.unlink(manager, link.id)
    assert links.key_people_of(manager, peggy.id) == []
    actions = [e.action for e in audit_entries(manager, resident_id=peggy.id)]
    assert actions[:2] == ["key_person_unlinked", "key_person_linked"]


def test_home_settings_default_change_and_only_managers(manager, home, state_dir) -> None:  # type: ignore[no-untyped-def]
    assert home_settings.home_settings(manager).lock_after_minutes == 5
    changed = home_settings.change_home_settings(manager, lock_after_minutes=2, paper_size="Letter")
    assert home_settings.home_settings(manager) == changed
    with pytest.raises(ValidationError, match="between 1 and 60"):
        home_settings.change_home_settings(manager, lock_after_minutes=0)
    entry = audit_entries(manager, action="setting_changed")[0]
    assert '"setting": "paper_size"' in entry.details or '"setting": "lock_after_minutes"' in entry.details
    accounts.add_account(
        manager, username="kw", full_name="Kay W", role=Role.KEYWORKER, initial_password="temporary pw 1"
    )
    kw = unlock(home, "kw", "temporary pw 1", state_dir=state_dir, kdf=FAST_KDF)
    try:
        assert home_settings.home_settings(kw).lock_after_minutes == 2
        with pytest.raises(PermissionDenied):
            home_settings.change_home_settings(kw, lock_after_minutes=30)
    finally:
        kw.close()


def test_screen_layout_is_per_person(manager, home, state_dir) -> None:  # type: ignore[no-untyped-def]
    preferences.save_screen_layout(manager, {"width": 1200, "height": 700})
    assert preferences.screen_layout(manager) == {"width": 1200, "height": 700}
    accounts.add_account(
        manager, username="kw", full_name="Kay W", role=Role.KEYWORKER, initial_password="temporary pw 1"
    )
    kw = unlock(home, "kw", "temporary pw 1", state_dir=state_dir, kdf=FAST_KDF)
    try:
        assert preferences.screen_layout(kw) == {}
    finally:
        kw.close()


def test_sealed_draft_opens_only_for_the_same_person(manager, home, state_dir) -> None:  # type: ignore[no-untyped-def]
    sealed = drafts.seal_draft(manager, {"form": "resident", "room": "Garden 2 — Siân"})
    assert "Siân".encode() not in sealed and b"Garden" not in sealed
    again = unlock(home, "amira", "Correct horse 1", state_dir=state_dir, kdf=FAST_KDF)
    try:
        assert drafts.open_draft(again, sealed) == {"form": "resident", "room": "Garden 2 — Siân"}
    finally:
        again.close()
    accounts.add_account(
        manager, username="kw", full_name="Kay W", role=Role.KEYWORKER, initial_password="temporary pw 1"
    )
    kw = unlock(home, "kw", "temporary pw 1", state_dir=state_dir, kdf=FAST_KDF)
    try:
        assert drafts.open_draft(kw, sealed) is None
    finally:
        kw.close()


def test_residents_page_by_page(manager) -> None:  # type: ignore[no-untyped-def]
    admit_residents(manager, [resident(f"Person{i:02d}", f"Family{i:02d}") for i in range(25)])
    assert count_residents(manager) == 25
    assert count_residents(manager, "family1") == 10
    pages = [find_residents(manager, limit=10, offset=o) for o in (0, 10, 20)]
    assert [len(p) for p in pages] == [10, 10, 5]
    names = [r.legal_family_name for page in pages for r in page]
    assert names == sorted(names) and len(set(names)) == 25
