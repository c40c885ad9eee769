"""Commands that write confidential reports as PDF files. Every file written is audited."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from carelink_desktop.cli.runner import Context, out

if TYPE_CHECKING:
    from carelink_desktop.reports.document import Redaction, ReportDocument
    from carelink_desktop.services.workspace import Workspace


def _paper(ctx: Context, ws: Workspace) -> str:
    """--paper, else the home's setting."""
    if ctx.args.paper:
        return str(ctx.args.paper)
    from carelink_desktop.services.home_settings import home_settings

    return home_settings(ws).paper_size


def _check_out_path(target: Path) -> None:
    from carelink_desktop.domain.errors import ValidationError

    if target.is_dir():
        raise ValidationError({"out": f"{target} is a folder: give a file name ending in .pdf."})
    if not target.parent.is_dir():
        raise ValidationError({"out": f"The folder {target.parent} does not exist."})


def _write_report(
    ctx: Context,
    *,
    report: str,
    what: str,
    build: Callable[[Workspace, str, Redaction], ReportDocument],
) -> int:
    """Build one resident's report, write it to --out atomically and readable by its owner only,
    and audit the export (no file is left without its audit entry). ``report`` is the name the
    audit log records ("face_sheet"), ``what`` the report in words ("the face sheet")."""
    from carelink_desktop.domain.errors import NotFound
    from carelink_desktop.reports.pdf import render_pdf
    from carelink_desktop.reports.redaction import parse_redaction
    from carelink_desktop.services.report_log import ReportAction, record_report_output
    from carelink_desktop.storage.atomic import write_atomically

    target = Path(ctx.args.out).expanduser()
    _check_out_path(target)
    redaction = parse_redaction(ctx.args.redaction)
    resident_id = str(ctx.args.resident).strip()
    ws = ctx.login()
    try:
        try:
            doc = build(ws, resident_id, redaction)
        except NotFound:
            raise NotFound(
                f"No resident has the ID '{resident_id}': "
                "list the IDs with 'carelink residents list --status all --json'."
            ) from None
        data = render_pdf(doc, paper=_paper(ctx, ws))
        write_atomically(target, data, what=what, private=True)
        try:
            record_report_output(
                ws,
                ReportAction.EXPORTED,
                report=report,
                redaction=redaction.value,
                resident_id=resident_id,
                details={"file": target.name},
            )
        except BaseException:
            target.unlink(missing_ok=True)  # no confidential file without its audit entry
            raise
    finally:
        ws.close()
    out(f"Wrote {what} ({redaction.short_label.lower()}) to {target}.")
    out("It is confidential: keep it secure and delete or shred it when no longer needed.")
    return 0


def report_face_sheet(ctx: Context) -> int:
    """Write a resident's face sheet to --out."""
    from carelink_desktop.reports.face_sheet import build_face_sheet

    return _write_report(ctx, report="face_sheet", what="the face sheet", build=build_face_sheet)


def report_relationship_profile(ctx: Context) -> int:
    """Write a resident's relationship profile to --out."""
    from carelink_desktop.reports.relationship_profile import KIND, build_relationship_profile

    return _write_report(ctx, report=KIND, what="the relationship profile", build=build_relationship_profile)


HANDLERS = {
    "report_face_sheet": report_face_sheet,
    "report_relationship_profile": report_relationship_profile,
}
