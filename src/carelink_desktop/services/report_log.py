"""Every report that leaves the encrypted database is audited: who, what, which redaction."""

from __future__ import annotations

from enum import StrEnum

from carelink_desktop.services.workspace import Workspace


class ReportAction(StrEnum):
    PREVIEWED = "report_previewed"
    PRINTED = "report_printed"
    SAVED = "report_saved"
    EXPORTED = "report_exported"


def record_report_output(
    ws: Workspace,
    action: ReportAction,
    *,
    report: str,
    redaction: str,
    resident_id: str | None = None,
    subject_type: str = "resident",
    subject_id: str | None = None,
    details: dict[str, object] | None = None,
) -> None:
    """Write the audit entry for a report shown, printed, saved or exported."""
    with ws.work() as w:
        w.audit(
            action.value,
            subject_type=subject_type,
            subject_id=subject_id or resident_id,
            resident_id=resident_id,
            details={"report": report, "redaction": redaction, **(details or {})},
        )
