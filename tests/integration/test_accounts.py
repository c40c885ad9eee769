"""Staff accounts: the key slots file and the database never disagree, even when a commit fails."""

from __future__ import annotations

import pytest

from carelink_desktop.domain.errors import (
    AuthenticationError,
    PermissionDenied,
    StorageError,
    ValidationError,
)
from carelink_desktop.domain.roles import Role
from carelink_desktop.services import accounts
from carelink_desktop.services.access import unlock
from carelink_desktop.storage import audit as audit_log
from tests.conftest import FAST_KDF


def test_failed_commit_puts_the_key_slots_back(manager, home, state_dir, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    before = home.keyslots.read_bytes()

    def disk_full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise StorageError("The disk is full: the change was not saved.")

    # The audit append is the last write before commit: make it fail after the slot was written.
    monkeypatch.setattr(audit_log, "append", disk_full)
    with pytest.raises(StorageError, match="disk is full"):
        accounts.add_account(
            manager,
            username="bo.li",
            full_name="Bo Li",
            role=Role.KEYWORKER,
            initial_password="temporary pw 1",
        )
    assert home.keyslots.read_bytes() == before
    monkeypatch.undo()
    with pytest.raises(AuthenticationError):
        unlock(home, "bo.li", "temporary pw 1", state_dir=state_dir, kdf=FAST_KDF)
    assert [a.username for a in accounts.list_accounts(manager)] == ["amira"]


def test_new_account_must_change_password_and_names_are_unique(manager, home, state_dir) -> None:  # type: ignore[no-untyped-def]
    added = accounts.add_account(
        manager, username="Bo.Li", full_name="Bo Li", role=Role.SHIFT_LEAD, initial_password="temporary pw 1"
    )
    assert (added.username, added.must_change_password) == ("bo.li", True)
    with pytest.raises(ValidationError, match="already taken"):
        accounts.add_account(
            manager,
            username="BO.LI",
            full_name="Other",
            role=Role.KEYWORKER,
            initial_password="temporary pw 2",
        )
    ws = unlock(home, "bo.li", "temporary pw 1", state_dir=state_dir, kdf=FAST_KDF)
    try:
        assert accounts.must_change_password(ws)
        with pytest.raises(PermissionDenied, match="Shift leads cannot add staff accounts"):
            accounts.add_account(
                ws, username="x.y", full_name="X Y", role=Role.KEYWORKER, initial_password="temporary pw 3"
            )
        accounts.change_own_password(ws, "temporary pw 1", "my own password")
        assert not accounts.must_change_password(ws)
    finally:
        ws.close()


def test_role_change_is_audited_and_takes_effect_at_next_login(manager, home, state_dir) -> None:  # type: ignore[no-untyped-def]
    from carelink_desktop.services.maintenance import audit_entries

    bo = accounts.add_account(
        manager, username="bo", full_name="Bo Li", role=Role.KEYWORKER, initial_password="temporary pw 1"
    )
    accounts.change_role(manager, bo.id, Role.MANAGER)
    entry = audit_entries(manager, action="role_changed")[0]
    assert '"from": "keyworker"' in entry.details and '"to": "manager"' in entry.details
    ws = unlock(home, "bo", "temporary pw 1", state_dir=state_dir, kdf=FAST_KDF)
    assert ws.actor.role is Role.MANAGER
    ws.close()


def test_a_demoted_or_deactivated_person_loses_rights_in_an_open_session(manager, home, state_dir) -> None:  # type: ignore[no-untyped-def]
    bo = accounts.add_account(
        manager, username="bo", full_name="Bo Li", role=Role.MANAGER, initial_password="temporary pw 1"
    )
    bo_ws = unlock(home, "bo", "temporary pw 1", state_dir=state_dir, kdf=FAST_KDF)
    try:
        accounts.change_role(manager, bo.id, Role.KEYWORKER)
        with pytest.raises(PermissionDenied, match="Keyworkers cannot add staff accounts"):
            accounts.add_account(
                bo_ws, username="cy", full_name="Cy D", role=Role.KEYWORKER, initial_password="temporary pw 2"
            )
        accounts.deactivate_account(manager, bo.id)
        with pytest.raises(AuthenticationError, match="deactivated"):
            accounts.add_account(
                bo_ws, username="cy", full_name="Cy D", role=Role.KEYWORKER, initial_password="temporary pw 2"
            )
    finally:
        bo_ws.close()
