"""Where the isolation signal finds the contact actually recorded between a resident and their
key people.

Contact visits (a later feature) register a ``ContactSource``; until one is registered there is no
contact data and the signal says so. A source returns the dates of contact per key person and
way of keeping in touch, and since when contact has been recorded for the resident.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from carelink_desktop.domain.relationships import KeepInTouch
from carelink_desktop.services.workspace import Workspace


@dataclass
class ContactHistory:
    """Contact recorded for one resident: (key person id, way) -> dates."""

    recording_since: date | None = None
    dates: dict[tuple[str, KeepInTouch], list[date]] = field(default_factory=dict)

    def of(self, key_person_id: str, method: KeepInTouch) -> list[date]:
        return self.dates.get((key_person_id, method), [])

    def merge(self, other: ContactHistory) -> None:
        if other.recording_since is not None:
            since = self.recording_since
            self.recording_since = (
                other.recording_since if since is None else min(since, other.recording_since)
            )
        for key, days in other.dates.items():
            self.dates.setdefault(key, []).extend(days)


ContactSource = Callable[[Session, str], ContactHistory]
_SOURCES: dict[str, ContactSource] = {}


def register_contact_source(name: str, source: ContactSource) -> None:
    """Teach the isolation signal where contact is recorded (e.g. "visits")."""
    _SOURCES[name] = source


def unregister_contact_source(name: str) -> None:
    _SOURCES.pop(name, None)


def contact_history(ws: Workspace, resident_id: str) -> ContactHistory:
    """All contact recorded for a resident, from every registered source."""
    history = ContactHistory()
    if not _SOURCES:
        return history
    with ws.read() as session:
        for source in _SOURCES.values():
            history.merge(source(session, resident_id))
    return history
