"""The shift visit summary on paper, for the handover: the shift's hours, each contact of the shift
in time order (who, supervision, mood before and after, what staff saw, concerns raised,
follow-ups), then the concerns raised, follow-ups due (overdue ones marked), bookings that did
not happen and visitors still signed in, and lines for the staff handing over and taking over
to sign (maintain-contact P18–P25).

Only shift leads and managers may print it (``Permission.PRINT_SHIFT_SUMMARY``): it is a staff
document, always the internal copy, with everything written as staff wrote it. A contact with
someone under a restriction on contact says so (the "Restricted" mark everyone may know), never
the restriction's details. The caller audits the print or export.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.planned_visits import PlannedStatus
from carelink_desktop.domain.residents import room_phrase
from carelink_desktop.domain.shifts import Shift
from carelink_desktop.domain.visits import FollowUp, Mood, VisitKind
from carelink_desktop.reports.document import (
    Block,
    Heading,
    KeyFacts,
    Note,
    Paragraph,
    Redaction,
    ReportDocument,
    SignatureLines,
    Table,
)
from carelink_desktop.services.planned_visits import PlannedVisitView
from carelink_desktop.services.shift_summary import ConcernLine, ShiftSummary, ShiftVisit, shift_summary
from carelink_desktop.services.visit_history import FollowUpView, VisitSummary
from carelink_desktop.services.workspace import Workspace

TITLE = "Shift visit summary"
#: The report's name in the audit log.
KIND = "shift_summary"
NO_CONTACT = "No contact was recorded this shift."
NO_CONCERNS = "No concerns were raised this shift."
NO_FOLLOW_UPS = "No follow-ups are due."
ALL_HAPPENED = "Every booking of this shift happened (or none was made)."
NOBODY_SIGNED_IN = "No visitors are signed in."
HANDOVER = ("Handed over by", "Received by")
PLURALS = {
    VisitKind.VISIT: "visits in the home",
    VisitKind.OUTING: "outings",
    VisitKind.PHONE: "phone calls",
    VisitKind.VIDEO: "video calls",
    VisitKind.LETTER: "letters or cards",
    VisitKind.MESSAGE: "messages or emails",
}
RESTRICTED = "Contact with someone under a restriction on contact: the warning was acknowledged."


@dataclass(frozen=True)
class HandoverLines(SignatureLines):
    """Signature lines with the time of the handover rather than a date (the renderer reads
    ``captions``)."""

    captions: tuple[str, ...] = ("Name", "Signature", "Time")


def build_shift_summary(ws: Workspace, day: date, shift: Shift) -> ReportDocument:
    """The shift visit summary of ``shift`` on ``day``. Raises PermissionDenied for a role that
    may not print it."""
    from carelink_desktop.services.maintenance import home_view

    summary = shift_summary(ws, day, shift)
    home = home_view(ws).name
    blocks: list[Block] = [Heading("The shift"), KeyFacts(_about(home, summary))]
    blocks += _contacts(summary)
    blocks += _concerns(summary.concerns)
    blocks += _follow_ups(summary.follow_ups_due, day)
    blocks += _not_happened(summary.not_happened, day)
    blocks += _signed_in(summary.still_signed_in, day)
    blocks += [
        Heading("Handover"),
        Paragraph("Sign when the shift is handed over: both of you have read this summary."),
        HandoverLines(HANDOVER),
    ]
    return ReportDocument(
        title=TITLE,
        subject=f"{shift.label}, {format_uk_date(day)}",
        home_name=home,
        printed_by=ws.actor.full_name,
        printed_at=datetime.now().astimezone(),
        redaction=Redaction.INTERNAL,
        blocks=tuple(blocks),
    )


# -- words -------------------------------------------------------------------------------------


def long_date(day: date) -> str:
    """'Sunday 22/11/2026'."""
    return f"{day:%A} {format_uk_date(day)}"


def shift_hours(starts: datetime, ends: datetime) -> str:
    """'07:00 to 14:00', or '21:00 to 07:00 on Monday 23/11/2026' past midnight."""
    if ends.date() == starts.date():
        return f"{starts:%H:%M} to {ends:%H:%M}"
    return f"{starts:%H:%M} to {ends:%H:%M} on {long_date(ends.date())}"


def clock(moment: datetime, day: date) -> str:
    """'14:05', with the date when it is not ``day`` ('23/11/2026 02:10')."""
    return f"{moment:%H:%M}" if moment.date() == day else f"{format_uk_date(moment.date())} {moment:%H:%M}"


def contact_time(v: VisitSummary, day: date) -> str:
    """'10:05–11:00', or '10:05' when the end was not recorded."""
    start = clock(v.starts_at, day)
    if v.ends_at is None:
        return start
    end = f"{v.ends_at:%H:%M}" if v.ends_at.date() == v.starts_at.date() else clock(v.ends_at, day)
    return f"{start}–{end}"


def mood_text(before: Mood | None, after: Mood | None) -> str:
    """'Anxious → Settled', 'Anxious before', 'Settled after', or ''."""
    if before and after:
        return f"{before.label} → {after.label}"
    if before:
        return f"{before.label} before"
    return f"{after.label} after" if after else ""


def resident_text(name: str, room: str) -> str:
    return f"{name} ({room_phrase(room)})" if room.strip() else name


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def follow_up_text(f: FollowUp) -> str:
    """'Call Susan back — Bea, due 23/11/2026 (done 23/11/2026)'."""
    text = f.action
    who = f.owner or "No one named"
    due = f"due {format_uk_date(f.due_on)}" if f.due_on else "no due date"
    text += f" — {who}, {due}"
    return text + (f" (done {format_uk_date(f.done_on)})" if f.done_on else "")


def concern_text(c: ConcernLine) -> str:
    """'Conflict, medium: Argument about money. Reported to the duty team.'"""
    text = f"{c.kind.label}, {c.severity.label.lower()}: {c.description}"
    return text + (f"\nReported to: {c.reported_to}" if c.reported_to else "\nNot reported to anyone yet")


def _lines(items: list[str]) -> str:
    return items[0] if len(items) == 1 else "\n".join(f"• {item}" for item in items)


# -- sections ----------------------------------------------------------------------------------


def kinds_text(kinds: Counter[VisitKind]) -> str:
    """'2 visits in the home, 1 phone call': the commonest first."""
    return ", ".join(
        f"{n} {kind.label.lower() if n == 1 else PLURALS[kind]}" for kind, n in kinds.most_common()
    )


def _about(home: str, s: ShiftSummary) -> tuple[tuple[str, str], ...]:
    kinds = Counter(v.summary.kind for v in s.visits)
    contact = plural(len(s.visits), "contact", "contacts")
    if kinds:
        contact += ": " + kinds_text(kinds)
    overdue = sum(1 for f in s.follow_ups_due if f.overdue(s.day))
    due = plural(len(s.follow_ups_due), "follow-up", "follow-ups")
    return (
        ("Home", home),
        ("Date", long_date(s.day)),
        ("Shift", f"{s.shift.label}, {shift_hours(s.starts, s.ends)}"),
        ("Contact recorded", contact),
        ("Concerns raised", str(len(s.concerns))),
        ("Follow-ups due", due + (f", {overdue} overdue" if overdue else "")),
        ("Bookings that did not happen", str(len(s.not_happened))),
        ("Visitors still signed in", str(len(s.still_signed_in))),
    )


def _contacts(s: ShiftSummary) -> list[Block]:
    blocks: list[Block] = [Heading("Contact this shift")]
    if not s.visits:
        return [*blocks, Paragraph(NO_CONTACT)]
    for v in s.visits:
        blocks += _contact(v, s.day)
    return blocks


def _contact(v: ShiftVisit, day: date) -> list[Block]:
    c = v.summary
    heading = f"{contact_time(c, day)} · {resident_text(c.resident_name, c.room)} · {c.kind.label}"
    facts: list[tuple[str, str]] = [
        ("Who", c.people or "Not recorded"),
        ("Supervision", c.supervision.label),
    ]
    mood = mood_text(c.mood_before, c.mood_after)
    if mood:
        facts.append(("Mood", mood))
    if c.restriction_acknowledged:
        facts.append(("Restriction", RESTRICTED))
    facts += list(v.key_points)
    if not v.key_points:
        facts.append(("How it went", "Nothing written"))
    if v.concerns:
        facts.append(("Concerns raised", _lines([concern_text(x) for x in v.concerns])))
    if v.follow_ups:
        facts.append(("Follow-ups", _lines([follow_up_text(f) for f in v.follow_ups])))
    return [Heading(heading, level=2), KeyFacts(tuple(facts))]


def _concerns(concerns: tuple[ConcernLine, ...]) -> list[Block]:
    rows = tuple(
        (
            c.resident_name,
            c.kind.label,
            c.severity.label,
            c.description,
            c.reported_to or "Not yet",
            c.status.label,
        )
        for c in sorted(concerns, key=lambda c: -c.severity.rank)
    )
    return [
        Heading("Concerns raised this shift"),
        Table(
            ("Resident", "Kind", "Severity", "Description", "Reported to", "Status"),
            rows,
            widths=(34, 26, 17, 51, 28, 18),
            empty_text=NO_CONCERNS,
        ),
    ]


def _follow_ups(due: tuple[FollowUpView, ...], day: date) -> list[Block]:
    blocks: list[Block] = [Heading("Follow-ups due")]
    overdue = [f for f in due if f.overdue(day)]
    if overdue:
        blocks.append(
            Note(f"{plural(len(overdue), 'follow-up is', 'follow-ups are')} overdue.", warning=True)
        )
    rows = tuple(
        (
            f.resident_name,
            f.action,
            f.owner or "No one named",
            format_uk_date(f.due_on) + (" (overdue)" if f.overdue(day) else ""),
        )
        for f in due
    )
    blocks.append(
        Table(("Resident", "Action", "Owner", "Due"), rows, widths=(36, 73, 28, 37), empty_text=NO_FOLLOW_UPS)
    )
    return blocks


def _not_happened(planned: tuple[PlannedVisitView, ...], day: date) -> list[Block]:
    def what(p: PlannedVisitView) -> str:
        label = "Still booked" if p.status is PlannedStatus.BOOKED else p.status.label
        return f"{label}: {p.status_reason}" if p.status_reason else label

    rows = tuple(
        (
            clock(p.details.starts_at, day),
            resident_text(p.resident_name, p.room),
            p.visitors or "Not recorded",
            p.details.kind.label,
            what(p),
        )
        for p in planned
    )
    return [
        Heading("Bookings that did not happen"),
        Table(
            ("Time", "Resident", "Who", "Kind", "What happened"),
            rows,
            widths=(12, 42, 34, 30, 56),
            empty_text=ALL_HAPPENED,
        ),
    ]


def _signed_in(visitors: tuple[PlannedVisitView, ...], day: date) -> list[Block]:
    rows = tuple(
        (
            resident_text(p.resident_name, p.room),
            p.visitors or "Not recorded",
            clock(p.signed_in_at, day) if p.signed_in_at else "Not recorded",
        )
        for p in visitors
    )
    return [
        Heading("Visitors still signed in"),
        Paragraph("As the record stood when this summary was printed."),
        Table(("Resident", "Visitors", "Since"), rows, widths=(52, 86, 36), empty_text=NOBODY_SIGNED_IN),
    ]
