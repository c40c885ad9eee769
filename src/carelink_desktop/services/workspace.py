"""An unlocked home and the member of staff using it; the unit of work every write goes through.

A unit of work is one database transaction: it stamps the sync columns of every record it adds
or changes, appends audit entries in the same transaction, and publishes ``Changed`` events only
after the commit succeeded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from carelink_desktop.domain.clock import HybridClock
from carelink_desktop.domain.dates import utc_now
from carelink_desktop.domain.errors import AccountDeactivated, NotFound, PermissionDenied
from carelink_desktop.domain.roles import Permission, Role, may
from carelink_desktop.services.events import Changed, EventBus
from carelink_desktop.services.readmodels import Actor
from carelink_desktop.storage import audit
from carelink_desktop.storage.engine import writer
from carelink_desktop.storage.home_store import HomeStore
from carelink_desktop.storage.keyslots import KdfParams
from carelink_desktop.storage.tables import LocalRow, Record, StaffAccountRow, new_id

R = TypeVar("R", bound=Record)

SITE_KEY = "site_id"
CLOCK_KEY = "hlc"


@dataclass
class Work:
    """What a service sees inside a unit of work."""

    session: Session
    workspace: Workspace
    now: datetime
    changes: list[Changed] = field(default_factory=list)
    undo: list[Callable[[], None]] = field(default_factory=list)

    @property
    def actor(self) -> Actor:
        return self.workspace.actor

    def stamp(self, row: Record, *, new: bool) -> None:
        """Fill the sync-ready columns of a record being added or changed."""
        ws = self.workspace
        if new:
            row.created_at = self.now
            row.created_by = ws.actor.id
            if row.deleted is None:
                row.deleted = False
        row.updated_at = self.now
        row.updated_by = ws.actor.id
        row.hlc = ws.clock.tick()
        row.site_id = ws.site_id

    def add(self, row: R, *, flush: bool = True) -> R:
        """Stamp and add a new record; ``flush=False`` for batches (one flush at commit)."""
        if row.id is None:
            row.id = new_id()
        self.stamp(row, new=True)
        self.session.add(row)
        if flush:
            self.session.flush()
        return row

    def created(
        self,
        row: R,
        action: str,
        *,
        kind: str,
        resident_id: str | None = None,
        details: Mapping[str, Any] | None = None,
        flush: bool = True,
    ) -> R:
        """Add a new record, audit it and announce it: what every create does."""
        self.add(row, flush=flush)
        self.audit(action, subject_type=kind, subject_id=row.id, resident_id=resident_id, details=details)
        self.changed(kind, "created", row.id)
        return row

    def touched(
        self,
        row: Record,
        action: str,
        *,
        kind: str,
        resident_id: str | None = None,
        details: Mapping[str, Any] | None = None,
        event: str = "updated",
    ) -> None:
        """Stamp a changed record, audit the change and announce it: what every edit does."""
        self.stamp(row, new=False)
        self.audit(action, subject_type=kind, subject_id=row.id, resident_id=resident_id, details=details)
        self.changed(kind, event, row.id)

    def get(self, model: type[R], record_id: str, what: str) -> R:
        row = self.session.get(model, record_id)
        if row is None or row.deleted:
            raise NotFound(f"That {what} no longer exists (it may have been deleted).")
        return row

    def audit(
        self,
        action: str,
        *,
        subject_type: str = "",
        subject_id: str | None = None,
        resident_id: str | None = None,
        details: Mapping[str, Any] | None = None,
        anonymous: bool = False,
    ) -> None:
        """Append to the audit log in this transaction; ``anonymous`` for events nobody
        logged in did (a failed login is recorded when the next person logs in)."""
        audit.append(
            self.session,
            at=self.now,
            site_id=self.workspace.site_id,
            actor_id=None if anonymous else self.workspace.actor.id,
            actor_name="(not logged in)" if anonymous else self.workspace.actor.username,
            action=action,
            subject_type=subject_type,
            subject_id=subject_id,
            resident_id=resident_id,
            details=details,
        )

    def changed(self, kind: str, action: str, *ids: str) -> None:
        self.changes.append(Changed(kind, action, tuple(ids)))


class Workspace:
    """An unlocked home, as used by one member of staff."""

    def __init__(
        self, store: HomeStore, actor: Actor, site_id: str, clock: HybridClock, kdf: KdfParams
    ) -> None:
        self.store = store
        self.kdf = kdf
        self.actor = actor
        self.site_id = site_id
        self.clock = clock
        self.events = EventBus()
        #: Wrong passwords in a row when re-confirming (see accounts.confirm_password).
        self.failed_password_checks = 0
        self._today: date | None = None

    # -- permissions ---------------------------------------------------------------------

    def require(self, permission: Permission, doing: str) -> None:
        """Raise PermissionDenied when the logged-in person may not do this.

        The role is read again from the database, so a manager who was demoted (or an
        account switched off) on another PC or in another window loses the right at once."""
        self.refresh_actor()
        if not may(self.actor.role, permission):
            raise PermissionDenied(f"{self.actor.role.label}s cannot {doing}: ask a manager.")

    def refresh_actor(self) -> None:
        """Re-read this person's role and whether the account is still active."""
        with self.read() as session:
            row = session.get(StaffAccountRow, self.actor.id)
            if row is None or not row.active or row.deleted:
                raise AccountDeactivated("Your account has been deactivated: ask a manager.")
            role = Role(row.role)
        if role is not self.actor.role:
            self.actor = replace(self.actor, role=role)

    def may(self, permission: Permission) -> bool:
        return may(self.actor.role, permission)

    # -- time ----------------------------------------------------------------------------

    def today(self) -> date:
        return self._today or date.today()

    def set_today_for_tests(self, day: date | None) -> None:
        self._today = day

    # -- transactions --------------------------------------------------------------------

    @contextmanager
    def work(self) -> Iterator[Work]:
        """One transaction: commit on success, roll back on any error, then publish."""
        session = Session(writer(self.store.engine), expire_on_commit=False)
        unit = Work(session, self, utc_now())
        try:
            with session.begin():
                yield unit
                local = session.get(LocalRow, CLOCK_KEY)
                stamp = self.clock.tick()
                if local is None:
                    session.add(LocalRow(key=CLOCK_KEY, value=stamp))
                else:
                    local.value = stamp
        except BaseException:
            for undo in reversed(unit.undo):
                undo()
            raise
        finally:
            session.close()
        for change in _coalesce(unit.changes):
            self.events.publish(change)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (nothing it does is committed)."""
        session = Session(self.store.engine)
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def close(self) -> None:
        self.store.close()


def _coalesce(changes: list[Changed]) -> list[Changed]:
    """One event per kind and action, with every id, in the order first seen (a batch of 5,000
    residents is one "created" event, not 5,000 refreshes)."""
    merged: dict[tuple[str, str], list[str]] = {}
    for change in changes:
        merged.setdefault((change.kind, change.action), []).extend(change.ids)
    return [Changed(kind, action, tuple(dict.fromkeys(ids))) for (kind, action), ids in merged.items()]


def local_value(session: Session, key: str) -> str | None:
    row = session.get(LocalRow, key)
    return row.value if row else None
