"""``carelink plans list``: carer support plans, as a table or as JSON.

The JSON keys are stable (scripts and head office read them): one object per plan, soonest review
first and closed plans last, with the status as stored and dates in ISO form; ``review_overdue``
is judged on the day the command runs.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from carelink_desktop.cli.commands_records import _json, _table
from carelink_desktop.cli.runner import Context, out, unknown_resident

if TYPE_CHECKING:
    from carelink_desktop.services.carer_plans import PlanSummary


def plan_json(p: PlanSummary, today: date) -> dict[str, Any]:
    """One plan with the keys ``plans list --json`` promises."""
    return {
        "plan_id": p.id,
        "resident_id": p.resident_id,
        "resident_name": p.resident_name,
        "key_person_id": p.key_person_id,
        "carer_name": p.carer_name,
        "status": p.status.value,
        "agreed_on": p.agreed_on,
        "next_review_on": p.next_review_on,
        "review_overdue": p.review_overdue(today),
    }


def plans_list(ctx: Context) -> int:
    from carelink_desktop.domain.carer_plans import PlanStatus
    from carelink_desktop.domain.dates import format_uk_date
    from carelink_desktop.services.carer_plans import plans
    from carelink_desktop.services.residents import resident_exists

    status = PlanStatus(ctx.args.status) if ctx.args.status else None
    resident_id = str(ctx.args.resident).strip() if ctx.args.resident else None
    ws = ctx.login()
    try:
        found = plans(ws, status=status, resident_id=resident_id)
        if resident_id is not None and not found and not resident_exists(ws, resident_id):
            raise unknown_resident(resident_id)
        today = ws.today()
    finally:
        ws.close()
    if ctx.args.json:
        _json([plan_json(p, today) for p in found])
        return 0
    _table(
        ["Carer", "Resident", "Status", "Agreed", "Next review"],
        [
            [
                p.carer_name,
                p.resident_name,
                p.status.label,
                format_uk_date(p.agreed_on),
                format_uk_date(p.next_review_on) + (" (overdue)" if p.review_overdue(today) else ""),
            ]
            for p in found
        ],
    )
    overdue = sum(1 for p in found if p.review_overdue(today))
    text = f"{len(found)} carer support plan{'' if len(found) == 1 else 's'}"
    if overdue:
        text += f", {overdue} {'review' if overdue == 1 else 'reviews'} overdue"
    out(text)
    return 0


HANDLERS = {
    "plans_list": plans_list,
}
