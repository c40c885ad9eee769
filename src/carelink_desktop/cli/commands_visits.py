"""``carelink visits list`` and ``carelink concerns list``: a resident's contact and the home's
concerns, as a table or as JSON; and the arguments of ``report shift-summary`` and
``report visit-history`` (their handlers are in ``commands_reports``).

Dates are typed as 2026-11-22 or as 22/11/2026. The JSON keys are stable (scripts and head office
read them): one object per contact (oldest first) or per concern (most severe and oldest open
first, then closed ones newest first), enum values as stored, dates and times in ISO form.

Importing this module loads only the standard library and the small domain modules, so that
``carelink --help`` stays quick; each handler imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from typing import TYPE_CHECKING, Any

from carelink_desktop.domain.concerns import ConcernStatus
from carelink_desktop.domain.dates import parse_uk_date
from carelink_desktop.domain.shifts import Shift

if TYPE_CHECKING:
    from carelink_desktop.cli.runner import Context
    from carelink_desktop.services.concerns import ConcernSummary
    from carelink_desktop.services.visit_history import VisitSummary

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
#: How much of the free text a table shows (the JSON has all of it).
TABLE_TEXT = 60


def parse_day(text: str) -> date:
    """'2026-11-22' or '22/11/2026' as a date, for argparse: a message naming both forms if not."""
    iso = _ISO_DATE.match(text)
    try:
        if iso:
            year, month, day = (int(g) for g in iso.groups())
            return date(year, month, day)
        return parse_uk_date(text)
    except ValueError as exc:
        if iso or "real date" in str(exc):
            raise argparse.ArgumentTypeError(f"'{text.strip()}' is not a real date.") from None
        raise argparse.ArgumentTypeError(
            f"'{text.strip()}' is not a date: type it as yyyy-mm-dd or dd/mm/yyyy, e.g. 2026-11-22."
        ) from None


def _person(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user", required=True, metavar="NAME", help="your username")
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (else you are asked)",
    )


def _resident(p: argparse.ArgumentParser, *, required: bool = True) -> None:
    p.add_argument(
        "--resident",
        required=required,
        metavar="ID",
        default=None,
        help="the resident's ID (see residents list --json)",
    )


def _period(p: argparse.ArgumentParser, *, required: bool) -> None:
    for flag, what in (("--from", "first"), ("--to", "last")):
        p.add_argument(
            flag,
            dest=flag[2:] + "_day",
            type=parse_day,
            required=required,
            default=None,
            metavar="DATE",
            help=f"the {what} day (yyyy-mm-dd or dd/mm/yyyy)",
        )


def add_visit_parsers(sub: Any) -> None:
    """The ``visits`` and ``concerns`` commands."""
    p = sub.add_parser("visits", help="a resident's contact: visits, outings, calls, letters")
    vsub = p.add_subparsers(title="actions", metavar="ACTION", parser_class=type(p), required=True)
    q = vsub.add_parser("list", help="list a resident's contact, oldest first")
    _person(q)
    _resident(q)
    _period(q, required=False)
    q.add_argument("--json", action="store_true", help="print JSON instead of a table")
    q.set_defaults(handler="visits_list")

    p = sub.add_parser("concerns", help="concerns raised about residents' contact")
    csub = p.add_subparsers(title="actions", metavar="ACTION", parser_class=type(p), required=True)
    q = csub.add_parser("list", help="list concerns, most severe and oldest open first")
    _person(q)
    q.add_argument(
        "--status",
        action="append",
        choices=[s.value for s in ConcernStatus],
        default=None,
        help="only concerns in this state (repeat for more than one)",
    )
    _resident(q, required=False)
    q.add_argument("--json", action="store_true", help="print JSON instead of a table")
    q.set_defaults(handler="concerns_list")


def add_visit_reports(reports: Any) -> None:
    """The ``shift-summary`` and ``visit-history`` actions of the ``report`` command."""
    q = reports.add_parser(
        "shift-summary",
        help="the shift visit summary for the handover (shift leads and managers)",
    )
    _person(q)
    q.add_argument(
        "--date", required=True, type=parse_day, metavar="DATE", help="the day (yyyy-mm-dd or dd/mm/yyyy)"
    )
    q.add_argument("--shift", required=True, choices=[s.value for s in Shift], help="which shift")
    q.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    q.add_argument(
        "--paper", choices=["A4", "Letter"], default=None, help="paper size (default: the home's setting)"
    )
    q.set_defaults(handler="report_shift_summary", redaction="internal")

    q = reports.add_parser(
        "visit-history", help="a resident's contact over a period, for reviews and meetings"
    )
    _person(q)
    _resident(q)
    _period(q, required=True)
    q.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    q.add_argument(
        "--redaction",
        default="internal",
        choices=["internal", "family", "professional"],
        help="internal (default): everything; family: people by relationship only, no staff notes, "
        "concerns or follow-ups; professional: sensitive free text marked",
    )
    q.add_argument(
        "--paper", choices=["A4", "Letter"], default=None, help="paper size (default: the home's setting)"
    )
    q.set_defaults(handler="report_visit_history")


def check_period(start: date | None, end: date | None) -> None:
    """ValidationError when the period ends before it starts."""
    from carelink_desktop.domain.errors import ValidationError

    if start is not None and end is not None and end < start:
        raise ValidationError({"to": "--to is before --from: check the dates."})


# -- visits list ---------------------------------------------------------------------------------


def visit_json(v: VisitSummary) -> dict[str, Any]:
    """One contact with the keys ``visits list --json`` promises."""
    return {
        "visit_id": v.id,
        "resident_id": v.resident_id,
        "kind": v.kind.value,
        "starts_at": v.starts_at,
        "ends_at": v.ends_at,
        "people": v.people,
        "supervision": v.supervision.value,
        "mood_before": v.mood_before.value if v.mood_before else None,
        "mood_after": v.mood_after.value if v.mood_after else None,
        "observations": v.observations,
        "concerns": v.concerns,
        "open_follow_ups": v.open_follow_ups,
        "restriction_acknowledged": v.restriction_acknowledged,
    }


def _short(text: str) -> str:
    """The first line of ``text``, cut to TABLE_TEXT characters."""
    line = text.strip().split("\n", 1)[0]
    cut = len(line) > TABLE_TEXT or "\n" in text.strip()
    return (line[: TABLE_TEXT - 1].rstrip() + "…") if cut else line


def visits_list(ctx: Context) -> int:
    from carelink_desktop.cli.commands_records import _json, _table
    from carelink_desktop.cli.runner import out, unknown_resident
    from carelink_desktop.domain.dates import format_uk_datetime
    from carelink_desktop.services.residents import resident_exists
    from carelink_desktop.services.visit_history import HistoryFilter, visit_history

    a = ctx.args
    resident_id = str(a.resident).strip()
    check_period(a.from_day, a.to_day)
    filters = HistoryFilter(start=a.from_day, end=a.to_day)
    ws = ctx.login()
    try:
        if not resident_exists(ws, resident_id):
            raise unknown_resident(resident_id)
        total = visit_history(ws, resident_id, filters, limit=1).total
        found = list(reversed(visit_history(ws, resident_id, filters, limit=max(1, total)).items))
    finally:
        ws.close()
    if a.json:
        _json([visit_json(v) for v in found])
        return 0
    _table(
        ["When", "Kind", "Who", "Mood", "Concerns", "Follow-ups", "How it went"],
        [
            [
                format_uk_datetime(v.starts_at),
                v.kind.label,
                v.people,
                " → ".join(m.label for m in (v.mood_before, v.mood_after) if m),
                str(v.concerns or ""),
                str(v.open_follow_ups or ""),
                _short(v.observations),
            ]
            for v in found
        ],
    )
    out(f"{len(found)} {'contact' if len(found) == 1 else 'contacts'}")
    return 0


# -- concerns list -------------------------------------------------------------------------------


def concern_json(c: ConcernSummary) -> dict[str, Any]:
    """One concern with the keys ``concerns list --json`` promises."""
    return {
        "concern_id": c.id,
        "resident_id": c.resident_id,
        "resident_name": c.resident_name,
        "kind": c.kind.value,
        "severity": c.severity.value,
        "status": c.status.value,
        "description": c.description,
        "raised_on": c.raised_on,
        "person": c.person,
        "reported_to": c.reported_to,
        "visit_id": c.visit_id,
        "raised_by": c.raised_by,
    }


def concerns_list(ctx: Context) -> int:
    from carelink_desktop.cli.commands_records import _json, _table
    from carelink_desktop.cli.runner import out, unknown_resident
    from carelink_desktop.domain.dates import format_uk_date
    from carelink_desktop.services import concerns
    from carelink_desktop.services.residents import resident_exists

    a = ctx.args
    resident_id = str(a.resident).strip() if a.resident else None
    filters = concerns.ConcernFilter(
        statuses=frozenset(ConcernStatus(s) for s in a.status or ()), resident_id=resident_id
    )
    ws = ctx.login()
    try:
        found = concerns.concerns_list(ws, filters)
        if resident_id is not None and not found and not resident_exists(ws, resident_id):
            raise unknown_resident(resident_id)
    finally:
        ws.close()
    if a.json:
        _json([concern_json(c) for c in found])
        return 0
    _table(
        ["Raised", "Resident", "Kind", "Severity", "Status", "Description", "Reported to"],
        [
            [
                format_uk_date(c.raised_on),
                c.resident_name,
                c.kind.label,
                c.severity.label,
                c.status.label,
                _short(c.description),
                c.reported_to,
            ]
            for c in found
        ],
    )
    open_ = sum(1 for c in found if c.status is not ConcernStatus.CLOSED)
    out(f"{len(found)} {'concern' if len(found) == 1 else 'concerns'}, {open_} not closed")
    return 0


HANDLERS = {
    "visits_list": visits_list,
    "concerns_list": concerns_list,
}
