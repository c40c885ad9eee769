"""The audit log in words a manager reads, and its export to a CSV file.

``describe_action`` turns the stored action codes ("resident_viewed") into plain English
("Viewed resident record"); ``export_audit_csv`` writes the entries a manager filtered to a
UTF-8 CSV file, after checking that manager's password again, and audits the export.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from carelink_desktop.domain.dates import format_uk_datetime
from carelink_desktop.domain.residents import resident_name
from carelink_desktop.domain.roles import Permission, Role
from carelink_desktop.services.accounts import confirm_password
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.services.readmodels import AuditEntryView
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.storage import atomic
from carelink_desktop.storage.tables import ResidentRow

#: Plain-English label of every action the services write to the audit log.
ACTION_LABELS: dict[str, str] = {
    "home_created": "Created the home",
    "login": "Logged in",
    "sync_set_up": "Set up sync for the organisation",
    "sync_site_added": "Added a PC to the organisation",
    "sync_site_removed": "Removed a PC from the organisation",
    "sync_site_renamed": "Renamed this PC",
    "sync_joined": "Set up this PC from an invitation",
    "sync_exported": "Exported a sync file",
    "sync_imported": "Imported a sync file",
    "sync_conflict_resolved": "Settled a sync conflict",
    "sync_key_saved": "Saved the organisation's sync key",
    "login_failed": "Failed login",
    "account_added": "Added staff account",
    "account_deactivated": "Deactivated staff account",
    "password_reset": "Reset a password",
    "password_changed": "Changed own password",
    "password_recovered": "Set password with the recovery key",
    "role_changed": "Changed staff role",
    "setting_changed": "Changed home setting",
    "resident_added": "Added resident",
    "resident_viewed": "Viewed resident record",
    "resident_changed": "Changed resident record",
    "resident_archived": "Archived resident record",
    "resident_unarchived": "Restored archived resident record",
    "key_person_added": "Added key person",
    "key_person_changed": "Changed key person",
    "key_person_archived": "Archived key person",
    "key_person_unarchived": "Restored archived key person",
    "password_check_failed": "Wrong password when asked again",
    "report_previewed": "Looked at a report",
    "report_printed": "Printed a report",
    "report_saved": "Saved a report as PDF",
    "report_exported": "Exported a report",
    "key_person_linked": "Linked key person to resident",
    "key_person_unlinked": "Unlinked key person from resident",
    "consent_recorded": "Recorded consent",
    "consent_changed": "Changed consent",
    "consent_deleted": "Deleted consent",
    "backup_made": "Made a backup",
    "backup_restored": "Restored a backup",
    "audit_exported": "Exported the audit log",
    "relationship_changed": "Changed a relationship on the map",
    "relationship_type_added": "Added a relationship type",
    "relationship_type_removed": "Removed a relationship type",
    "group_added": "Added a group or community",
    "group_changed": "Changed a group or community",
    "group_removed": "Removed a group or community",
    "issue_raised": "Recorded a relationship issue",
    "issue_changed": "Changed a relationship issue",
    "issue_removed": "Removed a relationship issue",
    "evaluation_recorded": "Recorded an evaluation of relationships",
    "evaluation_changed": "Changed an evaluation of relationships",
    "evaluation_removed": "Removed an evaluation of relationships",
    "restriction_recorded": "Recorded a restriction on contact",
    "restriction_changed": "Changed a restriction on contact",
    "restriction_removed": "Removed a restriction on contact",
    "keyworker_change_planned": "Planned a keyworker change",
    "keyworker_change_changed": "Changed a keyworker change plan",
    "keyworker_change_removed": "Removed a keyworker change plan",
    "keyworker_change_completed": "Completed a keyworker change",
    "resource_added": "Added to the resources directory",
    "resource_changed": "Changed a resources directory entry",
    "resource_archived": "Archived a resources directory entry",
    "resource_offered": "Recorded a resource offered",
    "resource_offer_changed": "Changed a resource offered",
    "resource_offer_removed": "Removed a resource offered",
    "relationship_map_viewed": "Looked at a relationship map",
    "carer_plan_started": "Started a carer support plan",
    "carer_plan_changed": "Changed a carer support plan",
    "carer_plan_agreed": "Agreed a carer support plan",
    "carer_plan_activated": "Put a carer support plan into action",
    "carer_plan_review_started": "Started a carer plan review",
    "carer_plan_reviewed": "Recorded a carer plan review",
    "carer_plan_closed": "Closed a carer support plan",
    "visit_booked": "Booked a visit, outing or call",
    "booking_changed": "Changed a booking",
    "visitor_signed_in": "Signed in for a visit or outing",
    "visitor_signed_out": "Signed out after a visit or outing",
    "booking_cancelled": "Cancelled a booking",
    "visitor_did_not_come": "Recorded that a visitor did not come",
    "booking_reopened": "Reopened a cancelled or missed booking",
    "planned_visit_recorded": "Linked a booking to its record of contact",
    "visit_recorded": "Recorded a contact",
    "visit_changed": "Changed a record of contact",
    "visit_removed": "Removed a record of contact",
    "follow_up_done": "Completed a follow-up",
    "restricted_contact_acknowledged": "Went ahead with a contact under a restriction",
    "concern_raised": "Raised a concern",
    "concern_changed": "Changed a concern",
    "concern_removed": "Removed a concern",
    "concern_handled": "Recorded how a concern is handled",
    "feedback_question_added": "Added a feedback question",
    "feedback_question_changed": "Changed a feedback question",
    "feedback_recorded": "Recorded feedback",
    "feedback_changed": "Changed feedback",
    "feedback_removed": "Removed feedback",
    "improvement_action_added": "Added an improvement action",
    "improvement_action_changed": "Changed an improvement action",
    "improvement_action_removed": "Removed an improvement action",
    "governance_narrative_written": "Wrote the governance report's narrative",
    "governance_narrative_changed": "Changed the governance report's narrative",
}

#: Detail keys that hold a role ("role", and "from"/"to" of a role change), shown by its name.
_ROLE_KEYS = frozenset({"role", "from", "to"})
_ROLE_LABELS = {role.value: role.label.lower() for role in Role}

#: The header row of an export, in column order.
CSV_HEADER = ("Entry", "When", "Who", "Action", "Subject", "Resident", "Details")

#: Characters that make a spreadsheet treat a cell as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def describe_action(action: str) -> str:
    """A plain-English label for an audit action: 'login' -> 'Logged in'.

    Unknown actions (from a newer version, say) read 'x_y' -> 'X y'."""
    known = ACTION_LABELS.get(action)
    if known is not None:
        return known
    words = action.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def describe_details(details: str) -> str:
    """The details of an entry as 'username: bo.li; role: keyworker' (the stored JSON otherwise)."""
    try:
        data = json.loads(details or "{}")
    except ValueError:
        return details
    if not isinstance(data, dict):
        return details
    return "; ".join(f"{key.replace('_', ' ')}: {_detail_text(key, value)}" for key, value in data.items())


def _detail_text(key: str, value: Any) -> str:
    if key in _ROLE_KEYS and isinstance(value, str) and value in _ROLE_LABELS:
        return _ROLE_LABELS[value]
    return _value_text(value)


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_value_text(v).replace("_", " ") for v in value)
    return str(value)


def describe_subject(entry: AuditEntryView) -> str:
    """What the entry is about: 'Staff account 1b2c...' or 'Home'."""
    kind = entry.subject_type.replace("_", " ").strip()
    text = kind[:1].upper() + kind[1:]
    return f"{text} {entry.subject_id}".strip() if entry.subject_id else text


def resident_names(ws: Workspace) -> dict[str, str]:
    """Resident id -> display name for every resident ever recorded (archived ones too), so
    old audit entries still name the person."""
    ws.require(Permission.VIEW_AUDIT_LOG, "see the audit log")
    with ws.read() as s:
        rows = s.execute(
            select(
                ResidentRow.id,
                ResidentRow.legal_given_names,
                ResidentRow.legal_family_name,
                ResidentRow.preferred_name,
            )
        ).all()
    return {r.id: resident_name(r) for r in rows}


def _cell(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def audit_csv_bytes(entries: Iterable[AuditEntryView], names: dict[str, str]) -> bytes:
    """The CSV file for ``entries``: UTF-8 with a byte order mark (so Excel shows accents),
    a header row, then one row per entry in the order given."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for e in entries:
        resident = names.get(e.resident_id, e.resident_id) if e.resident_id else ""
        writer.writerow(
            [
                str(e.seq),
                format_uk_datetime(e.at),
                _cell(e.actor_name),
                describe_action(e.action),
                _cell(describe_subject(e)),
                _cell(resident),
                _cell(describe_details(e.details)),
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def export_audit_csv(
    ws: Workspace,
    password: str,
    destination: Path,
    *,
    actor: str | None = None,
    resident_id: str | None = None,
    action: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> int:
    """Write the audit entries matching the filters to ``destination`` as CSV, oldest first.

    The person logged in must be allowed to see the audit log and type their password again
    (a wrong one raises AuthenticationError and writes nothing). The file is written
    atomically: a full disk raises StorageError and leaves no partial file. The export is
    itself audited ("audit_exported", with the filters and the number of rows). Returns the
    number of rows written (not counting the header).
    """
    ws.require(Permission.VIEW_AUDIT_LOG, "export the audit log")
    confirm_password(ws, password, failure="Your password is not right: nothing was exported.")
    entries = audit_entries(
        ws, actor=actor, resident_id=resident_id, action=action, since=since, until=until, limit=None
    )
    entries.reverse()
    data = audit_csv_bytes(entries, resident_names(ws))
    filters = {
        "actor": actor or "",
        "action": action or "",
        "since": since.isoformat() if since else "",
        "until": until.isoformat() if until else "",
    }
    with ws.work() as w:
        w.audit(
            "audit_exported",
            subject_type="audit_log",
            resident_id=resident_id,
            details={**filters, "rows": len(entries), "file": destination.name},
        )
        # Written inside the transaction: a failed write records no export, and a failed
        # commit removes the file again, so the log and the disk never disagree.
        atomic.write_atomically(destination, data, what="the audit log export", private=True)
        w.undo.append(lambda: destination.unlink(missing_ok=True))
    return len(entries)
