"""A resident's whole relationship map in one read model: the people and how they keep in touch,
groups, issues, evaluations, keyworker changes, restrictions (for those who may see them) and the
isolation signal. The map tab, the relationship profile report and the CLI all read this.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from carelink_desktop.domain.errors import NotFound
from carelink_desktop.domain.evaluations import EvaluationDetails
from carelink_desktop.domain.groups import GroupDetails
from carelink_desktop.domain.isolation import SignalLevel, WishSignal, wish_signal, worst
from carelink_desktop.domain.keyworker_changes import KeyworkerChangeDetails
from carelink_desktop.domain.relationship_circle import CircleDrawing, CirclePerson
from carelink_desktop.domain.relationship_issues import IssueDetails
from carelink_desktop.domain.relationships import marks
from carelink_desktop.domain.residents import resident_name
from carelink_desktop.domain.restrictions import RestrictionDetails
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services import contact_signals as _visits_are_contact  # noqa: F401 (registers visits)
from carelink_desktop.services.contact_history import ContactHistory, contact_history
from carelink_desktop.services.map_records import (
    EVALUATIONS,
    GROUPS,
    ISSUES,
    KEYWORKER_CHANGES,
    RESTRICTIONS,
)
from carelink_desktop.services.relationships import RelationshipView, relationships_of, restricted_people
from carelink_desktop.services.resident_records import ResidentRecordView, records_for
from carelink_desktop.services.resources_directory import OfferView, offers_for
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.storage.tables import ResidentRow, StaffAccountRow

#: Restrictions whose review falls within this many days are listed as due.
REVIEW_WARNING_DAYS = 14


@dataclass(frozen=True)
class RelationshipSignal:
    """The isolation signal of one relationship: each wish, and the most worrying level."""

    relationship_id: str
    level: SignalLevel
    wishes: tuple[WishSignal, ...]


@dataclass(frozen=True)
class RelationshipMap:
    """Everything the map shows for one resident, as the logged-in person may see it."""

    resident_id: str
    resident_name: str
    keyworker_name: str
    today: date
    relationships: tuple[RelationshipView, ...]
    groups: tuple[ResidentRecordView[GroupDetails], ...]
    issues: tuple[ResidentRecordView[IssueDetails], ...]
    evaluations: tuple[ResidentRecordView[EvaluationDetails], ...]
    keyworker_changes: tuple[ResidentRecordView[KeyworkerChangeDetails], ...]
    offers: tuple[OfferView, ...]
    signals: dict[str, RelationshipSignal]
    #: None when the person looking may not see restriction details (only the marks).
    restrictions: tuple[ResidentRecordView[RestrictionDetails], ...] | None
    #: A restriction in force covers all visitors (an outbreak, say): everyone may know that.
    everyone_restricted: bool
    #: True when no contact source exists yet (contact visits not recorded): the signal has no data.
    contact_recorded: bool

    @property
    def current(self) -> tuple[RelationshipView, ...]:
        """Relationships that have not ended: the people on the circle."""
        return tuple(r for r in self.relationships if not r.ended)

    @property
    def ended(self) -> tuple[RelationshipView, ...]:
        return tuple(r for r in self.relationships if r.ended)

    @property
    def open_issues(self) -> tuple[ResidentRecordView[IssueDetails], ...]:
        return tuple(i for i in self.issues if i.details.status.is_open)

    @property
    def current_groups(self) -> tuple[ResidentRecordView[GroupDetails], ...]:
        return tuple(g for g in self.groups if g.details.ended_on is None or g.details.ended_on > self.today)

    @property
    def next_evaluation(self) -> date | None:
        """When the next evaluation is due (the latest evaluation's next date), or None."""
        dated = [e for e in self.evaluations if e.details.evaluated_on is not None]
        if not dated:
            return None
        latest = max(dated, key=lambda e: (e.details.evaluated_on or date.min, e.created_at))
        return latest.details.next_due

    @property
    def evaluation_overdue(self) -> bool:
        due = self.next_evaluation
        return due is not None and due < self.today

    @property
    def restrictions_in_force(self) -> tuple[ResidentRecordView[RestrictionDetails], ...]:
        return tuple(r for r in self.restrictions or () if r.details.in_force(self.today))

    @property
    def restrictions_due(self) -> tuple[ResidentRecordView[RestrictionDetails], ...]:
        """Restrictions in force whose review is overdue or within REVIEW_WARNING_DAYS."""
        return tuple(
            r
            for r in self.restrictions or ()
            if r.details.review_due(self.today, within_days=REVIEW_WARNING_DAYS)
        )

    @property
    def pending_keyworker_changes(self) -> tuple[ResidentRecordView[KeyworkerChangeDetails], ...]:
        return tuple(c for c in self.keyworker_changes if c.details.completed_on is None)

    def by_id(self, relationship_id: str) -> RelationshipView | None:
        return next((r for r in self.relationships if r.id == relationship_id), None)

    def names(self, ids: tuple[str, ...] | list[str]) -> list[str]:
        """The key people's names for relationship ids (skipping any no longer on the map)."""
        return [r.key_person_name for i in ids if (r := self.by_id(i)) is not None]

    def drawing(self) -> CircleDrawing:
        """The circle of the current relationships, with their marks."""
        return CircleDrawing(
            resident_name=self.resident_name,
            people=tuple(
                CirclePerson(
                    id=r.id,
                    name=r.key_person_name,
                    relationship=r.details.relationship,
                    circle=r.details.circle,
                    category=r.details.category,
                    quality=r.details.quality,
                    marks=marks(r.details, restricted=r.restricted),
                )
                for r in self.current
            ),
        )

    def concerns(self) -> list[RelationshipView]:
        """Current relationships whose contact is falling behind the resident's wishes."""
        return [r for r in self.current if (s := self.signals.get(r.id)) is not None and s.level.concern]


def relationship_map(ws: Workspace, resident_id: str, *, record_view: bool = False) -> RelationshipMap:
    """Read a resident's map. ``record_view`` audits that restriction details were shown."""
    with ws.read() as s:
        resident = s.get(ResidentRow, resident_id)
        if resident is None or resident.deleted:
            raise NotFound("That resident no longer exists.")
        name = resident_name(resident)
        keyworker = s.get(StaffAccountRow, resident.keyworker_id) if resident.keyworker_id else None
        keyworker_name = keyworker.full_name if keyworker else ""  # read before the session closes
    today = ws.today()
    relationships = relationships_of(ws, resident_id)
    may_see = ws.may(Permission.VIEW_SENSITIVE)
    restrictions = tuple(records_for(ws, RESTRICTIONS, resident_id)) if may_see else None
    _, everyone = restricted_people(ws, resident_id)
    history = contact_history(ws, resident_id)
    signals = {r.id: _relationship_signal(r, history, today) for r in relationships if not r.ended}
    result = RelationshipMap(
        resident_id=resident_id,
        resident_name=name,
        keyworker_name=keyworker_name,
        today=today,
        relationships=tuple(relationships),
        groups=tuple(records_for(ws, GROUPS, resident_id)),
        issues=tuple(records_for(ws, ISSUES, resident_id)),
        evaluations=tuple(records_for(ws, EVALUATIONS, resident_id)),
        keyworker_changes=tuple(records_for(ws, KEYWORKER_CHANGES, resident_id)),
        offers=tuple(offers_for(ws, resident_id=resident_id)),
        signals=signals,
        restrictions=restrictions,
        everyone_restricted=everyone,
        contact_recorded=history.recording_since is not None,
    )
    if record_view and restrictions:
        with ws.work() as w:
            w.audit(
                "relationship_map_viewed",
                subject_type="resident",
                subject_id=resident_id,
                resident_id=resident_id,
                details={"restrictions_shown": len(restrictions)},
            )
    return result


def _relationship_signal(r: RelationshipView, history: ContactHistory, today: date) -> RelationshipSignal:
    wishes = tuple(
        wish_signal(w, history.of(r.key_person_id, w.method), today, history.recording_since)
        for w in r.details.contact_wishes
    )
    return RelationshipSignal(r.id, worst([w.level for w in wishes]), wishes)


def due_within(day: date | None, today: date, days: int) -> bool:
    """True when ``day`` is on or before ``today + days`` (overdue included)."""
    return day is not None and day <= today + timedelta(days=days)
