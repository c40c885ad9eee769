"""Staff accounts: managers add, deactivate, reset and change roles; everyone changes their own password.

A password lives only in that person's key slot. Each change here rewrites that one slot, inside
the same transaction as the account row, so the two never disagree.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select

from carelink_desktop.domain.accounts import check_new_account, check_new_password, normalise_username
from carelink_desktop.domain.errors import (
    AuthenticationError,
    HomeLocked,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from carelink_desktop.domain.roles import Permission, Role
from carelink_desktop.domain.validation import clean
from carelink_desktop.services.readmodels import AccountView
from carelink_desktop.services.workspace import Work, Workspace
from carelink_desktop.storage.keyslots import KeySlotFile
from carelink_desktop.storage.tables import StaffAccountRow

KIND = "staff_account"


def _view(row: StaffAccountRow) -> AccountView:
    return AccountView(
        id=row.id,
        username=row.username,
        full_name=row.full_name,
        role=Role(row.role),
        active=row.active,
        must_change_password=row.must_change_password,
        last_login_at=row.last_login_at,
    )


def list_accounts(ws: Workspace, *, include_inactive: bool = True) -> list[AccountView]:
    """Every staff account, active first, by name. Managers see all; others see active ones."""
    ws.refresh_actor()
    with ws.read() as s:
        stmt = select(StaffAccountRow).where(StaffAccountRow.deleted.is_(False))
        if not include_inactive or not ws.may(Permission.MANAGE_ACCOUNTS):
            stmt = stmt.where(StaffAccountRow.active.is_(True))
        rows = s.scalars(stmt).all()
        return sorted((_view(r) for r in rows), key=lambda a: (not a.active, a.full_name.casefold()))


def find_account(ws: Workspace, username: str) -> AccountView:
    with ws.read() as s:
        row = s.scalars(
            select(StaffAccountRow).where(StaffAccountRow.username == normalise_username(username))
        ).first()
        if row is None or row.deleted:
            raise NotFound(f"There is no account called '{normalise_username(username)}'.")
        return _view(row)


def add_account(
    ws: Workspace, *, username: str, full_name: str, role: Role, initial_password: str
) -> AccountView:
    """A new account that must change its password at first login."""
    ws.require(Permission.MANAGE_ACCOUNTS, "add staff accounts")
    check_new_account(username, full_name)
    check_new_password(initial_password, username=username)
    name = normalise_username(username)
    with ws.work() as w:
        taken = w.session.scalars(select(StaffAccountRow).where(StaffAccountRow.username == name)).first()
        if taken is not None:
            raise ValidationError({"username": f"The username '{name}' is already taken."})
        row = StaffAccountRow(
            username=name,
            full_name=clean(full_name),
            role=role.value,
            active=True,
            must_change_password=True,
        )
        w.created(row, "account_added", kind=KIND, details={"username": name, "role": role.value})
        write_password_slot(w, name, initial_password)
        return _view(row)


def write_password_slot(w: Work, username: str, password: str) -> None:
    """Rewrite one person's key slot as part of the unit of work."""
    store = w.workspace.store
    _change_slots(
        w, lambda slots: slots.set_password_slot(username, password, store.database_key, w.workspace.kdf)
    )


def _change_slots(w: Work, change: Callable[[KeySlotFile], object]) -> None:
    """Change the key slots inside the unit of work and save them; if the transaction does not
    commit, they go back to what they were, so the file and the database never disagree."""
    store = w.workspace.store
    before = list(store.keyslots.slots)
    change(store.keyslots)

    def restore() -> None:
        store.keyslots.slots = before
        store.save_keyslots()

    w.undo.append(restore)
    store.save_keyslots()


def _account(w: Work, account_id: str) -> StaffAccountRow:
    return w.get(StaffAccountRow, account_id, "staff account")


def _active_managers(w: Work) -> int:
    return int(
        w.session.scalar(
            select(func.count())
            .select_from(StaffAccountRow)
            .where(
                StaffAccountRow.role == Role.MANAGER.value,
                StaffAccountRow.active.is_(True),
                StaffAccountRow.deleted.is_(False),
            )
        )
        or 0
    )


def deactivate_account(ws: Workspace, account_id: str) -> AccountView:
    """Switch an account off: its key slot is removed, so its password no longer opens the home."""
    ws.require(Permission.MANAGE_ACCOUNTS, "deactivate staff accounts")
    if account_id == ws.actor.id:
        raise PermissionDenied("You cannot deactivate your own account.")
    with ws.work() as w:
        row = _account(w, account_id)
        if not row.active:
            return _view(row)
        if row.role == Role.MANAGER.value and _active_managers(w) <= 1:
            raise PermissionDenied("This is the last active manager: add another manager first.")
        row.active = False
        row.deactivated_at = w.now
        w.touched(row, "account_deactivated", kind=KIND, details={"username": row.username})
        if ws.store.keyslots.slot_for_user(row.username) is not None:
            _change_slots(w, lambda slots: slots.remove_user(row.username))
        return _view(row)


def reset_password(ws: Workspace, account_id: str, new_password: str) -> AccountView:
    """A manager sets a temporary password (and reactivates the account if it was off)."""
    ws.require(Permission.MANAGE_ACCOUNTS, "reset other people's passwords")
    if account_id == ws.actor.id:
        raise PermissionDenied(
            "To change your own password, use Change my password (it asks for the current one)."
        )
    with ws.work() as w:
        row = _account(w, account_id)
        check_new_password(new_password, username=row.username)
        reactivated = not row.active
        row.active = True
        row.deactivated_at = None
        row.must_change_password = True
        w.touched(
            row, "password_reset", kind=KIND, details={"username": row.username, "reactivated": reactivated}
        )
        write_password_slot(w, row.username, new_password)
        return _view(row)


MAX_PASSWORD_CHECKS = 5


def confirm_password(ws: Workspace, password: str, *, failure: str) -> None:
    """Make the person logged in prove who they are again (before exports, password changes).

    A wrong password is audited; after five in a row CareLink closes the home (the person must
    log in again, where the login throttle applies), so an unlocked PC cannot be used to guess."""
    try:
        ws.store.keyslots.unlock_with_password(ws.actor.username, password, ws.kdf)
    except AuthenticationError:
        ws.failed_password_checks += 1
        with ws.work() as w:
            w.audit(
                "password_check_failed",
                subject_type=KIND,
                subject_id=ws.actor.id,
                details={"in_a_row": ws.failed_password_checks},
            )
        if ws.failed_password_checks >= MAX_PASSWORD_CHECKS:
            ws.close()
            raise HomeLocked("Too many wrong passwords: CareLink has locked. Log in again.") from None
        raise AuthenticationError(failure) from None
    ws.failed_password_checks = 0


def change_own_password(ws: Workspace, current_password: str, new_password: str) -> None:
    """Anyone may change their own password, after proving the current one."""
    confirm_password(ws, current_password, failure="Your current password is not right: nothing was changed.")
    check_new_password(new_password, username=ws.actor.username)
    if new_password == current_password:
        raise ValidationError({"password": "Choose a password different from the current one."})
    with ws.work() as w:
        row = _account(w, ws.actor.id)
        row.must_change_password = False
        w.touched(row, "password_changed", kind=KIND)
        write_password_slot(w, row.username, new_password)


def change_role(ws: Workspace, account_id: str, role: Role) -> AccountView:
    ws.require(Permission.MANAGE_ACCOUNTS, "change staff roles")
    with ws.work() as w:
        row = _account(w, account_id)
        old = Role(row.role)
        if old is role:
            return _view(row)
        if old is Role.MANAGER and row.active and _active_managers(w) <= 1:
            raise PermissionDenied("This is the last active manager: add another manager first.")
        row.role = role.value
        w.touched(
            row,
            "role_changed",
            kind=KIND,
            details={"username": row.username, "from": old.value, "to": role.value},
        )
        return _view(row)


def must_change_password(ws: Workspace) -> bool:
    with ws.read() as s:
        row = s.get(StaffAccountRow, ws.actor.id)
        return bool(row and row.must_change_password)
