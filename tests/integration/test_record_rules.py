"""Rules the services enforce whatever screen calls them."""

from __future__ import annotations

from datetime import date

import pytest

from carelink_desktop.domain.consent import ConsentDecision, ConsentDetails, ConsentTopic, DecidedBy
from carelink_desktop.domain.errors import AuthenticationError, HomeLocked, PermissionDenied, ValidationError
from carelink_desktop.domain.key_people import ContactMethod, KeyPersonDetails
from carelink_desktop.domain.roles import Role
from carelink_desktop.services import accounts
from carelink_desktop.services.consent import record_consent
from carelink_desktop.services.key_people import (
    add_key_person,
    archive_key_person,
    restore_key_person,
    update_key_person,
)
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.services.residents import (
    admit_resident,
    archive_resident,
    update_resident,
    view_resident,
)
from tests.conftest import MANAGER_PASSWORD, resident


def test_preferred_contact_rules_apply_through_the_service(manager) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        add_key_person(manager, KeyPersonDetails("Tom", "Ellis", preferred_contact=ContactMethod.EMAIL))
    assert set(caught.value.errors) == {"email"}
    saved = add_key_person(
        manager,
        KeyPersonDetails(" Tom ", "Ellis", email="tom@example.org", preferred_contact=ContactMethod.EMAIL),
    )
    assert saved.details.preferred_contact is ContactMethod.EMAIL
    assert saved.details.given_names == "Tom"


def test_a_manager_cannot_reset_their_own_password_without_the_current_one(manager) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied, match="Change my password"):
        accounts.reset_password(manager, manager.actor.id, "brand new pw 1")


def test_five_wrong_password_checks_in_a_row_lock_the_home(manager) -> None:  # type: ignore[no-untyped-def]
    for _ in range(4):
        with pytest.raises(AuthenticationError, match="not right"):
            accounts.change_own_password(manager, "guess", "brand new pw 1")
    accounts.confirm_password(manager, MANAGER_PASSWORD, failure="x")  # a right one resets the count
    for _ in range(4):
        with pytest.raises(AuthenticationError):
            accounts.confirm_password(manager, "guess", failure="wrong")
    assert len(audit_entries(manager, action="password_check_failed")) == 8
    with pytest.raises(HomeLocked, match="locked"):
        accounts.confirm_password(manager, "guess", failure="wrong")
    assert manager.store.closed


def test_archived_records_are_read_only_until_restored(manager) -> None:  # type: ignore[no-untyped-def]
    peggy = admit_resident(manager, resident("Margaret", "Jones"))
    archive_resident(manager, peggy.id, "Moved to another home")
    with pytest.raises(ValidationError, match="archived"):
        update_resident(manager, peggy.id, resident("Margaret", "Jones", room="9"))
    consent = ConsentDetails(
        ConsentTopic.PHOTOGRAPHS, ConsentDecision.GIVEN, DecidedBy.RESIDENT, date(2026, 1, 5)
    )
    with pytest.raises(ValidationError, match="archived"):
        record_consent(manager, peggy.id, consent)
    tom = add_key_person(manager, KeyPersonDetails("Tom", "Ellis"))
    archive_key_person(manager, tom.id, "Asked us to remove his details")
    with pytest.raises(ValidationError, match="archived"):
        update_key_person(manager, tom.id, KeyPersonDetails("Thomas", "Ellis"))
    assert restore_key_person(manager, tom.id).archived is False
    assert (
        update_key_person(manager, tom.id, KeyPersonDetails("Thomas", "Ellis")).details.given_names
        == "Thomas"
    )


def test_a_save_over_someone_elses_change_is_refused(manager) -> None:  # type: ignore[no-untyped-def]
    peggy = admit_resident(manager, resident("Margaret", "Jones"))
    opened = view_resident(manager, peggy.id)
    update_resident(manager, peggy.id, resident("Margaret", "Jones", room="3"))  # someone else, meanwhile
    with pytest.raises(ValidationError, match="Someone else changed this record"):
        update_resident(
            manager, peggy.id, resident("Margaret", "Jones", room="9"), expected_version=opened.version
        )
    latest = view_resident(manager, peggy.id)
    assert latest.details.room == "3"
    assert (
        update_resident(
            manager, peggy.id, resident("Margaret", "Jones", room="9"), expected_version=latest.version
        ).details.room
        == "9"
    )


def test_an_inactive_keyworker_does_not_block_other_edits(manager) -> None:  # type: ignore[no-untyped-def]
    kw = accounts.add_account(
        manager, username="kw", full_name="Kay W", role=Role.KEYWORKER, initial_password="temporary pw 1"
    )
    peggy = admit_resident(manager, resident("Margaret", "Jones", keyworker_id=kw.id))
    accounts.deactivate_account(manager, kw.id)
    saved = update_resident(manager, peggy.id, resident("Margaret", "Jones", room="5", keyworker_id=kw.id))
    assert saved.details.room == "5"
    other = admit_resident(manager, resident("Arthur", "Bell"))
    with pytest.raises(ValidationError, match="not an active member of staff"):
        update_resident(manager, other.id, resident("Arthur", "Bell", keyworker_id=kw.id))
