"""Opening a home: creating one, logging in, and getting back in with the recovery key."""

from __future__ import annotations

import contextlib
import socket
from pathlib import Path

from sqlalchemy import select

from carelink_desktop.domain.accounts import check_new_account, check_new_password, normalise_username
from carelink_desktop.domain.clock import HybridClock
from carelink_desktop.domain.errors import AccountDeactivated, AuthenticationError
from carelink_desktop.domain.roles import Role
from carelink_desktop.domain.validation import Problems, clean
from carelink_desktop.paths import HomePaths
from carelink_desktop.services.accounts import write_password_slot
from carelink_desktop.services.readmodels import Actor
from carelink_desktop.services.throttle import LoginThrottle
from carelink_desktop.services.workspace import CLOCK_KEY, SITE_KEY, Work, Workspace, local_value
from carelink_desktop.storage import home_store
from carelink_desktop.storage.keyslots import KdfParams, new_recovery_key
from carelink_desktop.storage.tables import HomeRow, LocalRow, SiteRow, StaffAccountRow, new_id


def create_home(
    paths: HomePaths,
    *,
    home_name: str,
    manager_username: str,
    manager_full_name: str,
    password: str,
    kdf: KdfParams | None = None,
) -> tuple[Workspace, str]:
    """Create a new encrypted home with its first manager; returns the manager's workspace and
    the recovery key (shown once: it is the only way in if every password is lost)."""
    kdf = kdf or KdfParams()
    problems = Problems()
    problems.require("home_name", home_name, "The home's name")
    problems.max_length("home_name", clean(home_name), "The home's name", 200)
    problems.raise_if_any()
    check_new_account(manager_username, manager_full_name)
    check_new_password(password, username=manager_username)
    store = home_store.create(paths)
    try:
        site_id = new_id()
        actor = Actor(new_id(), normalise_username(manager_username), clean(manager_full_name), Role.MANAGER)
        ws = Workspace(store, actor, site_id, HybridClock(site_id), kdf)
        with ws.work() as w:
            w.session.add(LocalRow(key=SITE_KEY, value=site_id))
            home = w.add(HomeRow(name=clean(home_name), address="", phone="", regulator_id=""))
            w.add(SiteRow(id=site_id, home_id=home.id, label=_pc_name()))
            w.audit("home_created", subject_type="home", subject_id=home.id)
            add_manager_account(w, actor)
        recovery_key = new_recovery_key()
        store.keyslots.set_password_slot(actor.username, password, store.database_key, kdf)
        store.keyslots.set_recovery_slot(recovery_key, store.database_key)
        store.save_keyslots()
    except BaseException:
        store.close()
        home_store.discard_database(paths)
        raise
    return ws, recovery_key


def add_manager_account(w: Work, actor: Actor) -> None:
    """The account of the manager setting this PC up (a new home, or a new PC of an
    organisation whose records hold no account of that name), audited."""
    w.created(
        StaffAccountRow(
            id=actor.id,
            username=actor.username,
            full_name=actor.full_name,
            role=Role.MANAGER.value,
            active=True,
            must_change_password=False,
        ),
        "account_added",
        kind="staff_account",
        details={"username": actor.username, "role": Role.MANAGER.value},
    )


def _pc_name() -> str:
    with contextlib.suppress(OSError):
        return socket.gethostname()[:120] or "This PC"
    return "This PC"


def _workspace(store: home_store.HomeStore, account: StaffAccountRow, kdf: KdfParams) -> Workspace:
    with store.engine.connect() as conn:
        from sqlalchemy.orm import Session

        with Session(bind=conn) as session:
            site_id = local_value(session, SITE_KEY)
            last = local_value(session, CLOCK_KEY)
    if site_id is None:
        raise AuthenticationError("This database has no site identity: it is not a complete home.")
    actor = Actor(account.id, account.username, account.full_name, Role(account.role))
    return Workspace(store, actor, site_id, HybridClock(site_id, last=last), kdf)


def _find_account(store: home_store.HomeStore, username: str) -> StaffAccountRow | None:
    from sqlalchemy.orm import Session

    with Session(store.engine) as session:
        return session.scalars(
            select(StaffAccountRow).where(
                StaffAccountRow.username == normalise_username(username),
                StaffAccountRow.deleted.is_(False),
            )
        ).first()


def unlock(
    paths: HomePaths,
    username: str,
    password: str,
    *,
    state_dir: Path,
    kdf: KdfParams | None = None,
) -> Workspace:
    """Log in: check the throttle, unwrap the database key with this person's slot, open the
    home (migrating it if needed) and audit the login, plus any failed tries since the last one.

    A wrong username or password raises AuthenticationError and writes nothing in the home folder.
    """
    kdf = kdf or KdfParams()
    keyslots = home_store.load_keyslots(paths)
    throttle = LoginThrottle(state_dir, keyslots.home_id)
    lookup = keyslots.lookup_for(username)
    throttle.check(lookup)
    try:
        key = keyslots.unlock_with_password(username, password, kdf)
    except AuthenticationError:
        throttle.record_failure(lookup)
        raise
    store = home_store.open_unlocked(paths, keyslots, key)
    try:
        account = _find_account(store, username)
        if account is None:
            raise AuthenticationError("Wrong username or password.")
        if not account.active:
            raise AccountDeactivated("This account has been deactivated: ask a manager.")
        ws = _workspace(store, account, kdf)
        _record_login(ws, throttle, keyslots_lookups(store))
        throttle.record_success(lookup)
        return ws
    except BaseException:
        store.close()
        raise


def keyslots_lookups(store: home_store.HomeStore) -> dict[str, str]:
    """Slot lookup hash -> username, for naming failed logins in the audit log."""
    from sqlalchemy.orm import Session

    with Session(store.engine) as session:
        names = session.scalars(select(StaffAccountRow.username)).all()
    return {store.keyslots.lookup_for(name): name for name in names}


def _record_login(ws: Workspace, throttle: LoginThrottle, lookups: dict[str, str]) -> None:
    from datetime import UTC, datetime

    failures = throttle.unaudited_failures()
    with ws.work() as w:
        for failure in failures:
            w.audit(
                "login_failed",
                subject_type="staff_account",
                anonymous=True,
                details={
                    "username": lookups.get(failure.lookup, "(unknown username)"),
                    "at": datetime.fromtimestamp(failure.at, UTC).isoformat(timespec="seconds"),
                },
            )
        account = w.session.get(StaffAccountRow, ws.actor.id)
        if account is not None:
            # This PC's own fact, not a change to the account: it is not stamped and never
            # travels in a sync file (sync.records.LOCAL_COLUMNS).
            account.last_login_at = w.now
        w.audit("login", subject_type="staff_account", subject_id=ws.actor.id)
    if failures:
        throttle.mark_audited(failures[-1].at)


def recover_with_key(
    paths: HomePaths,
    recovery_key: str,
    username: str,
    new_password: str,
    *,
    kdf: KdfParams | None = None,
) -> Workspace:
    """Set a new password for an account using the recovery key, and log in as that person.

    For when a manager's password is lost. A wrong recovery key changes nothing on disk."""
    kdf = kdf or KdfParams()
    keyslots = home_store.load_keyslots(paths)
    key = keyslots.unlock_with_recovery_key(recovery_key)
    check_new_password(new_password, username=username)
    store = home_store.open_unlocked(paths, keyslots, key)
    try:
        account = _find_account(store, username)
        if account is None or not account.active:
            raise AuthenticationError(f"There is no active account called '{normalise_username(username)}'.")
        ws = _workspace(store, account, kdf)
        with ws.work() as w:
            row = w.session.get(StaffAccountRow, account.id)
            assert row is not None
            row.must_change_password = False
            row.last_login_at = w.now
            w.stamp(row, new=False)
            w.audit(
                "password_recovered",
                subject_type="staff_account",
                subject_id=account.id,
                details={"username": account.username},
            )
            write_password_slot(w, account.username, new_password)
        return ws
    except BaseException:
        store.close()
        raise
