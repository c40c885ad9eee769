"""Commands that write confidential reports as PDF files. Every file written is audited."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from carelink_desktop.cli.runner import Context, out, unknown_resident

if TYPE_CHECKING:
    from carelink_desktop.reports.document import Redaction, ReportDocument
    from carelink_desktop.services.carer_plans import PlanView
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


@dataclass(frozen=True)
class Made:
    """A report built for writing, and what its audit entry is about."""

    document: ReportDocument
    resident_id: str | None
    subject_type: str = "resident"
    subject_id: str | None = None
    details: dict[str, object] = field(default_factory=dict)


def _write(ctx: Context, *, report: str, what: str, make: Callable[[Workspace, Redaction], Made]) -> int:
    """Build a report with ``make``, write it to --out atomically and readable by its owner only,
    and audit the export (no file is left without its audit entry). ``report`` is the name the
    audit log records ("face_sheet"), ``what`` the report in words ("the face sheet")."""
    from carelink_desktop.reports.pdf import render_pdf
    from carelink_desktop.reports.redaction import parse_redaction
    from carelink_desktop.services.report_log import ReportAction, record_report_output
    from carelink_desktop.storage.atomic import write_atomically

    target = Path(ctx.args.out).expanduser()
    _check_out_path(target)
    redaction = parse_redaction(ctx.args.redaction)
    ws = ctx.login()
    try:
        made = make(ws, redaction)
        data = render_pdf(made.document, paper=_paper(ctx, ws))
        write_atomically(target, data, what=what, private=True)
        try:
            record_report_output(
                ws,
                ReportAction.EXPORTED,
                report=report,
                redaction=redaction.value,
                resident_id=made.resident_id,
                subject_type=made.subject_type,
                subject_id=made.subject_id,
                details={"file": target.name, **made.details},
            )
        except BaseException:
            target.unlink(missing_ok=True)  # no confidential file without its audit entry
            raise
    finally:
        ws.close()
    out(f"Wrote {what} ({redaction.short_label.lower()}) to {target}.")
    out("It is confidential: keep it secure and delete or shred it when no longer needed.")
    return 0


def _write_report(
    ctx: Context,
    *,
    report: str,
    what: str,
    build: Callable[[Workspace, str, Redaction], ReportDocument],
) -> int:
    """Write one resident's report (--resident) with ``_write``."""
    from carelink_desktop.domain.errors import NotFound

    resident_id = str(ctx.args.resident).strip()

    def make(ws: Workspace, redaction: Redaction) -> Made:
        try:
            return Made(build(ws, resident_id, redaction), resident_id)
        except NotFound:
            raise unknown_resident(resident_id) from None

    return _write(ctx, report=report, what=what, make=make)


def _plan_of(ws: Workspace, plan_id: str) -> PlanView:
    """The carer support plan ``plan_id``, or NotFound saying how to list the IDs."""
    from carelink_desktop.domain.errors import NotFound
    from carelink_desktop.services.carer_plans import plan

    try:
        return plan(ws, plan_id)
    except NotFound:
        raise NotFound(
            f"No carer support plan has the ID '{plan_id}': list the IDs with 'carelink plans list --json'."
        ) from None


def report_face_sheet(ctx: Context) -> int:
    """Write a resident's face sheet to --out."""
    from carelink_desktop.reports.face_sheet import build_face_sheet

    return _write_report(ctx, report="face_sheet", what="the face sheet", build=build_face_sheet)


def report_relationship_profile(ctx: Context) -> int:
    """Write a resident's relationship profile to --out."""
    from carelink_desktop.reports.relationship_profile import KIND, build_relationship_profile

    return _write_report(ctx, report=KIND, what="the relationship profile", build=build_relationship_profile)


def report_carer_plan(ctx: Context) -> int:
    """Write a carer support plan to --out, written for the carer."""
    from carelink_desktop.reports.carer_plan_report import KIND, build_carer_plan

    plan_id = str(ctx.args.plan).strip()

    def make(ws: Workspace, redaction: Redaction) -> Made:
        view = _plan_of(ws, plan_id)
        return Made(build_carer_plan(ws, view.id, redaction), view.resident_id, KIND, view.id)

    return _write(ctx, report=KIND, what="the carer support plan", make=make)


def report_carer_plan_review(ctx: Context) -> int:
    """Write one review of a carer support plan (--review, else the latest) to --out."""
    from carelink_desktop.domain.errors import NotFound
    from carelink_desktop.reports.carer_plan_report import REVIEW_KIND, build_plan_review

    plan_id, chosen = str(ctx.args.plan).strip(), str(ctx.args.review or "").strip()

    def make(ws: Workspace, redaction: Redaction) -> Made:
        from carelink_desktop.services.carer_plans import reviews_of

        view = _plan_of(ws, plan_id)
        review_id = chosen
        if not review_id:  # the latest
            reviews = reviews_of(ws, view.id)
            if not reviews:
                raise NotFound("This carer support plan has no reviews recorded yet.")
            review_id = reviews[0].id
        document = build_plan_review(ws, view.id, review_id, redaction)
        return Made(document, view.resident_id, REVIEW_KIND, review_id, {"plan_id": view.id})

    return _write(ctx, report=REVIEW_KIND, what="the review of the carer support plan", make=make)


def report_shift_summary(ctx: Context) -> int:
    """Write the shift visit summary of --shift on --date to --out (shift leads and managers)."""
    from carelink_desktop.domain.shifts import Shift
    from carelink_desktop.reports.shift_summary_report import KIND, build_shift_summary

    day, shift = ctx.args.date, Shift(ctx.args.shift)

    def make(ws: Workspace, _redaction: Redaction) -> Made:
        document = build_shift_summary(ws, day, shift)
        details: dict[str, object] = {"date": day.isoformat(), "shift": shift.value}
        return Made(document, None, KIND, f"{day.isoformat()} {shift.value}", details)

    return _write(ctx, report=KIND, what="the shift visit summary", make=make)


def report_visit_history(ctx: Context) -> int:
    """Write a resident's visit history from --from to --to to --out."""
    from carelink_desktop.cli.commands_visits import check_period
    from carelink_desktop.reports.visit_history_report import KIND, build_visit_history

    start, end = ctx.args.from_day, ctx.args.to_day
    check_period(start, end)  # before asking for a password

    def build(ws: Workspace, resident_id: str, redaction: Redaction) -> ReportDocument:
        return build_visit_history(ws, resident_id, start, end, redaction)

    return _write_report(ctx, report=KIND, what="the visit history", build=build)


def report_governance(ctx: Context) -> int:
    """Write the governance report of --from to --to to --out (managers only): anonymised unless
    --named."""
    from carelink_desktop.cli.commands_visits import check_period
    from carelink_desktop.reports.governance_report import KIND, build_governance_report

    start, end = ctx.args.from_day, ctx.args.to_day
    check_period(start, end)  # before asking for a password
    named = bool(ctx.args.named)
    ctx.args.redaction = "internal" if named else "professional"

    def make(ws: Workspace, _redaction: Redaction) -> Made:
        document = build_governance_report(ws, start, end, anonymised=not named)
        period = f"{start.isoformat()} {end.isoformat()}"
        details: dict[str, object] = {
            "from": start.isoformat(),
            "to": end.isoformat(),
            "anonymised": not named,
        }
        return Made(document, None, KIND, period, details)

    what = "the named governance report" if named else "the anonymised governance report"
    return _write(ctx, report=KIND, what=what, make=make)


HANDLERS = {
    "report_face_sheet": report_face_sheet,
    "report_relationship_profile": report_relationship_profile,
    "report_carer_plan": report_carer_plan,
    "report_carer_plan_review": report_carer_plan_review,
    "report_shift_summary": report_shift_summary,
    "report_visit_history": report_visit_history,
    "report_governance": report_governance,
    # ``visits list`` and ``concerns list`` (runner.run collects handlers from here)
}
