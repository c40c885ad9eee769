"""The resident records around the relationship map: groups, relationship issues, evaluations,
restrictions on contact and keyworker changes, each described once as a ``RecordKind``.

Use the generic functions of ``services.resident_records`` with these kinds, e.g.
``add_record(ws, GROUPS, resident_id, details)``; the few operations that are more than a save
(completing a keyworker change) live here.
"""

from __future__ import annotations

from datetime import date

from carelink_desktop.domain.errors import ValidationError
from carelink_desktop.domain.evaluations import EvaluationDetails
from carelink_desktop.domain.groups import GroupDetails, GroupKind
from carelink_desktop.domain.keyworker_changes import Involvement, KeyworkerChangeDetails
from carelink_desktop.domain.relationship_issues import IssueDetails, IssueKind, IssueStatus, PersonView
from carelink_desktop.domain.restrictions import RestrictionDetails, RestrictionKind
from carelink_desktop.domain.roles import Permission
from carelink_desktop.services.records import records_of
from carelink_desktop.services.resident_records import (
    RecordKind,
    ResidentRecordView,
    check_relationships,
    open_resident,
    record,
)
from carelink_desktop.services.workspace import Work, Workspace
from carelink_desktop.storage.map_tables import (
    ContactRestrictionRow,
    KeyworkerChangeRow,
    RelationshipEvaluationRow,
    RelationshipIssueRow,
    ResidentGroupRow,
)
from carelink_desktop.storage.tables import StaffAccountRow


def _check_issue(w: Work, resident_id: str, d: IssueDetails) -> None:
    ids: list[str | None] = [*d.relationship_ids, *(v.relationship_id for v in d.views)]
    check_relationships(w, resident_id, ids, "relationship_ids")


def _check_evaluation(w: Work, resident_id: str, d: EvaluationDetails) -> None:
    check_relationships(w, resident_id, [d.relationship_id], "relationship_id")


def _check_restriction(w: Work, resident_id: str, d: RestrictionDetails) -> None:
    check_relationships(w, resident_id, [d.relationship_id], "relationship_id")


def _check_keyworker_change(w: Work, resident_id: str, d: KeyworkerChangeDetails) -> None:
    check_relationships(w, resident_id, [i.relationship_id for i in d.involvement], "involvement")
    staff = w.session.get(StaffAccountRow, d.new_keyworker_id) if d.new_keyworker_id else None
    if staff is None or not staff.active or staff.deleted:
        raise ValidationError({"new_keyworker_id": "Choose an active member of staff to take over."})


GROUPS: RecordKind[GroupDetails] = RecordKind(
    row=ResidentGroupRow,
    kind="resident_group",
    what="group",
    details=GroupDetails,
    actions=("group_added", "group_changed", "group_removed"),
    edit=Permission.EDIT_RELATIONSHIPS,
    converters={"kind": GroupKind},
    order=("name",),
    summary=lambda d: {"kind": d.kind.value},
)

ISSUES: RecordKind[IssueDetails] = RecordKind(
    row=RelationshipIssueRow,
    kind="relationship_issue",
    what="relationship issue",
    details=IssueDetails,
    actions=("issue_raised", "issue_changed", "issue_removed"),
    edit=Permission.EDIT_RELATIONSHIPS,
    converters={
        "kind": IssueKind,
        "status": IssueStatus,
        "relationship_ids": tuple,
        "views": records_of(PersonView),
    },
    order=("-raised_on",),
    check=_check_issue,
    summary=lambda d: {"kind": d.kind.value, "status": d.status.value},
)

EVALUATIONS: RecordKind[EvaluationDetails] = RecordKind(
    row=RelationshipEvaluationRow,
    kind="relationship_evaluation",
    what="evaluation",
    details=EvaluationDetails,
    actions=("evaluation_recorded", "evaluation_changed", "evaluation_removed"),
    edit=Permission.EDIT_RELATIONSHIPS,
    order=("-evaluated_on",),
    check=_check_evaluation,
)

RESTRICTIONS: RecordKind[RestrictionDetails] = RecordKind(
    row=ContactRestrictionRow,
    kind="contact_restriction",
    what="restriction on contact",
    plural="restrictions on contact",
    details=RestrictionDetails,
    actions=("restriction_recorded", "restriction_changed", "restriction_removed"),
    edit=Permission.VIEW_SENSITIVE,
    view=Permission.VIEW_SENSITIVE,
    converters={"kind": RestrictionKind},
    order=("-starts_on",),
    check=_check_restriction,
    summary=lambda d: {"kind": d.kind.value},
)

KEYWORKER_CHANGES: RecordKind[KeyworkerChangeDetails] = RecordKind(
    row=KeyworkerChangeRow,
    kind="keyworker_change",
    what="keyworker change",
    details=KeyworkerChangeDetails,
    actions=("keyworker_change_planned", "keyworker_change_changed", "keyworker_change_removed"),
    edit=Permission.EDIT_RELATIONSHIPS,
    converters={"involvement": records_of(Involvement)},
    order=("-planned_on",),
    check=_check_keyworker_change,
)


def complete_keyworker_change(
    ws: Workspace, change_id: str, completed_on: date
) -> ResidentRecordView[KeyworkerChangeDetails]:
    """Mark a planned keyworker change done: the new keyworker becomes the resident's keyworker."""
    ws.require(Permission.EDIT_RESIDENTS, "change a resident's keyworker")
    if completed_on > ws.today():
        raise ValidationError({"completed_on": "Completed on cannot be in the future."})
    with ws.work() as w:
        row = w.get(KeyworkerChangeRow, change_id, "keyworker change")
        if row.completed_on is not None:
            raise ValidationError({"completed_on": "This keyworker change is already complete."})
        resident = open_resident(w, row.resident_id)
        staff = w.session.get(StaffAccountRow, row.new_keyworker_id) if row.new_keyworker_id else None
        if staff is None or not staff.active or staff.deleted:
            raise ValidationError({"new_keyworker_id": "The new keyworker's account is no longer active."})
        row.completed_on = completed_on
        w.touched(row, "keyworker_change_completed", kind=KEYWORKER_CHANGES.kind, resident_id=resident.id)
        if resident.keyworker_id != staff.id:
            resident.keyworker_id = staff.id
            w.touched(
                resident,
                "resident_changed",
                kind="resident",
                resident_id=resident.id,
                details={"fields": ["keyworker_id"]},
            )
    return record(ws, KEYWORKER_CHANGES, change_id)
