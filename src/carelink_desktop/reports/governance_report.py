"""The governance report: how well the home involved key people in a period, for the registered
manager's review and for inspectors (lead-practice P7–P14, issue #9).

Sections, in order: about the report; contact and oversight figures from the dashboard (with the
charts of contact per week over the last year and concerns by kind, each with its figures in
words and a small table); feedback (scores by question and theme per month or quarter, response
counts, comments by theme); concerns and ethical dilemmas (raised in the period or open during
it: counts by kind, severity and status, and the manager's side of each: decision, reasoning,
practice changes, lessons; for a dilemma, the options weighed); good practice and areas to
improve (the manager's narrative for the period); improvement actions agreed in or open during
the period, with status, owner, due date and result (overdue ones marked).

The anonymised copy (the default, "for a professional") names no resident and no key person:
residents in lists are "Resident A", "Resident B"..., and every known name inside free text is
replaced by "[name]" (``reports.anonymise``). Staff names (keyworkers, who handles a concern) stay:
an inspector needs to know who is accountable. The named copy is internal.

Only managers may print it (``Permission.LEAD_PRACTICE``); the caller audits the print or export.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from carelink_desktop.domain.concerns import ConcernHandling, ConcernKind, ConcernStatus, Severity
from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.errors import ValidationError
from carelink_desktop.domain.feedback import RATINGS, Respondent
from carelink_desktop.domain.governance import Narrative
from carelink_desktop.domain.improvement_actions import ActionSource, ActionStatus, ImprovementActionDetails
from carelink_desktop.domain.key_people import person_name
from carelink_desktop.domain.residents import resident_name
from carelink_desktop.domain.roles import Permission
from carelink_desktop.reports.anonymise import Anonymiser, anonymiser_for
from carelink_desktop.reports.document import (
    BarChart,
    Block,
    Heading,
    KeyFacts,
    LineChart,
    Note,
    Paragraph,
    Redaction,
    ReportDocument,
    Table,
)
from carelink_desktop.services.feedback import FeedbackAnalysis, Score, ScoreLine, analyse
from carelink_desktop.services.governance import narrative_in
from carelink_desktop.services.improvement_actions import ActionFilter, ActionView, action_rows
from carelink_desktop.services.oversight import Dashboard, OverdueItem, dashboard_in
from carelink_desktop.services.records import read_details
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.storage.oversight_tables import ImprovementActionRow
from carelink_desktop.storage.tables import KeyPersonRow, RelationshipRow, ResidentRow
from carelink_desktop.storage.visit_tables import ConcernRow

TITLE = "Governance report"
#: The report's name in the audit log.
KIND = "governance_report"
#: How many people a list of the figures section shows (the dashboard has them all).
LIST_LIMIT = 15

SECTIONS = (
    "About this report",
    "Contact and oversight figures",
    "Feedback from residents, key people and professionals",
    "Concerns and ethical dilemmas",
    "How concerns and dilemmas were handled",
    "Good practice and areas to improve",
    "Improvement actions",
)
ANONYMISED_NOTE = (
    "This copy is anonymised: residents are shown as Resident A, Resident B and so on (the same "
    "letter throughout this report), and the names of residents and key people written inside "
    "free text are replaced by [name]. Staff names are kept."
)
NAMED_NOTE = (
    "This copy names residents and key people: it is for use inside the home only. Print the "
    "anonymised copy for inspectors and anyone else outside the home."
)


@dataclass(frozen=True)
class ConcernItem:
    """A concern of the report, with the manager's side."""

    id: str
    resident_id: str
    resident_name: str
    person: str
    kind: ConcernKind
    severity: Severity
    status: ConcernStatus
    raised_on: date
    closed_on: date | None
    description: str
    reported_to: str
    outcome: str
    handling: ConcernHandling


@dataclass(frozen=True)
class GovernanceData:
    """Everything the report shows, read in one session."""

    home: str
    start: date
    end: date
    dashboard: Dashboard
    feedback: FeedbackAnalysis
    concerns: tuple[ConcernItem, ...]
    actions: tuple[ActionView, ...]
    narrative: Narrative


def build_governance_report(
    ws: Workspace, start: date, end: date, *, anonymised: bool = True
) -> ReportDocument:
    """The governance report of ``start`` to ``end`` (inclusive). Raises PermissionDenied for
    anyone but a manager, ValidationError for a period that ends before it starts."""
    from carelink_desktop.services.home_settings import home_settings
    from carelink_desktop.services.maintenance import home_view

    ws.require(Permission.LEAD_PRACTICE, "print the governance report")
    if end < start:
        raise ValidationError({"to": "The period must end on or after the day it starts."})
    home = home_view(ws).name
    days = home_settings(ws).no_contact_days
    with ws.read() as session:
        data = GovernanceData(
            home=home,
            start=start,
            end=end,
            dashboard=dashboard_in(
                session, start, end, today=ws.today(), no_contact_days=days, reduced=False
            ),
            feedback=analyse(session, start, end),
            concerns=tuple(concerns_in(session, start, end)),
            actions=tuple(
                _action_view(r) for r in action_rows(session, ActionFilter(active_from=start, active_to=end))
            ),
            narrative=narrative_in(session, start, end),
        )
        anon = anonymiser_for(session, enabled=anonymised)
    writer = _Writer(data, anon, ws.actor.full_name)
    return ReportDocument(
        title=TITLE,
        subject=f"{period_text(start, end)} · {'anonymised' if anonymised else 'named'}",
        home_name=home,
        printed_by=ws.actor.full_name,
        printed_at=datetime.now().astimezone(),
        redaction=Redaction.PROFESSIONAL if anonymised else Redaction.INTERNAL,
        blocks=tuple(writer.blocks()),
    )


def _action_view(row: ImprovementActionRow) -> ActionView:
    details = read_details(ImprovementActionDetails, row, {"source": ActionSource, "status": ActionStatus})
    return ActionView(row.id, details, row.created_at, row.hlc)


def concerns_in(session: Session, start: date, end: date) -> list[ConcernItem]:
    """Concerns raised from ``start`` to ``end``, and those raised earlier that were open at some
    time in the period (not closed, or closed on or after ``start``); most severe first, then
    oldest first."""
    rows = session.scalars(
        select(ConcernRow).where(
            ConcernRow.deleted.is_(False),
            ConcernRow.raised_on <= end,
            or_(
                ConcernRow.raised_on >= start,
                ConcernRow.status != ConcernStatus.CLOSED.value,
                ConcernRow.closed_on >= start,
            ),
        )
    ).all()
    residents = {
        r.id: resident_name(r)
        for r in session.scalars(select(ResidentRow).where(ResidentRow.id.in_({c.resident_id for c in rows})))
    }
    people = {
        r.id: person_name(r)
        for r in session.execute(
            select(RelationshipRow.id, KeyPersonRow.given_names, KeyPersonRow.family_name)
            .join(KeyPersonRow, KeyPersonRow.id == RelationshipRow.key_person_id)
            .where(RelationshipRow.id.in_({c.relationship_id for c in rows if c.relationship_id}))
        ).all()
    }
    items = [
        ConcernItem(
            id=c.id,
            resident_id=c.resident_id,
            resident_name=residents.get(c.resident_id, ""),
            person=people.get(c.relationship_id or "", ""),
            kind=ConcernKind(c.kind),
            severity=Severity(c.severity),
            status=ConcernStatus(c.status),
            raised_on=c.raised_on,
            closed_on=c.closed_on,
            description=c.description,
            reported_to=c.reported_to,
            outcome=c.outcome,
            handling=read_details(ConcernHandling, c),
        )
        for c in rows
    ]
    items.sort(key=lambda i: (-i.severity.rank, i.raised_on, i.id))
    return items


# -- words -------------------------------------------------------------------------------------


def period_text(start: date, end: date) -> str:
    """'01/04/2026 to 31/03/2027'."""
    return f"{format_uk_date(start)} to {format_uk_date(end)}"


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def score_text(score: Score) -> str:
    """'4.2 (5)': the average rating and how many ratings, or '—' when none."""
    average = score.average
    return "—" if average is None else f"{average:.1f} ({score.count})"


def _week_ticks(weeks: Sequence[date]) -> tuple[str, ...]:
    """The axis labels of weekly points: the month where one starts ('Jan', with the year under
    the first label and each January), blank elsewhere."""
    ticks: list[str] = []
    previous: tuple[int, int] | None = None
    for i, monday in enumerate(weeks):
        month = (monday.year, monday.month)
        if month == previous or (i == 0 and monday.day > 14):
            ticks.append("")
        elif i == 0 or monday.month == 1 or not any(ticks):
            ticks.append(f"{monday:%b}\n{monday.year}")
        else:
            ticks.append(f"{monday:%b}")
        previous = month
    return tuple(ticks)


# -- the report ----------------------------------------------------------------------------------


class _Writer:
    def __init__(self, data: GovernanceData, anon: Anonymiser, printed_by: str) -> None:
        self.d, self.anon, self.printed_by = data, anon, printed_by
        self.dash = data.dashboard
        self.as_at = data.dashboard.as_at

    def blocks(self) -> list[Block]:
        return [
            *self.about(),
            *self.figures(),
            *self.feedback(),
            *self.concerns(),
            *self.handling(),
            *self.narrative(),
            *self.actions(),
        ]

    def who(self, resident_id: str, name: str) -> str:
        return self.anon.resident(resident_id, name)

    def s(self, text: str) -> str:
        """Free text, anonymised in the anonymised copy."""
        return self.anon.text(text)

    # -- about ----------------------------------------------------------------------------------

    def about(self) -> list[Block]:
        d, dash = self.d, self.dash
        days = (d.end - d.start).days + 1
        return [
            Heading(SECTIONS[0]),
            KeyFacts(
                (
                    ("Home", d.home),
                    ("Period", f"{period_text(d.start, d.end)} ({plural(days, 'day', 'days')})"),
                    ("Figures judged on", format_uk_date(self.as_at)),
                    ("Residents", f"{dash.residents} living in the home on {format_uk_date(self.as_at)}"),
                    ("Prepared by", self.printed_by),
                    ("Copy", "Anonymised" if self.anon.enabled else "Named: internal use only"),
                )
            ),
            Paragraph(
                "This report sets out how well the home involved residents' families, friends and "
                "unpaid carers in the period: contact against each resident's wishes, what people "
                "told us, the concerns and ethical dilemmas we dealt with and what we learnt, the "
                "good practice seen and what we must improve, and the actions agreed to do so. It "
                "follows the National Occupational Standard for leading practice that involves key "
                "people."
            ),
            Note(ANONYMISED_NOTE if self.anon.enabled else NAMED_NOTE),
            Paragraph(
                "Sections: " + "; ".join(f"{i}. {t}" for i, t in enumerate(SECTIONS[1:], start=1)) + "."
            ),
        ]

    # -- figures --------------------------------------------------------------------------------

    def figures(self) -> list[Block]:
        dash = self.dash
        rows = tuple((f.label, str(f.value), f.note) for f in dash.figures())
        blocks: list[Block] = [
            Heading(SECTIONS[1]),
            Paragraph(
                f"From the oversight dashboard for the period, judged on {format_uk_date(self.as_at)}, "
                f"for the {plural(dash.residents, 'resident', 'residents')} living in the home then. "
                f"“No recent contact” means none for {dash.no_contact_days} days or more."
            ),
            Table(("Figure", "Number", "What it counts"), rows, widths=(50, 16, 90), title="At a glance"),
        ]
        blocks += self.contact_chart()
        blocks += self.below_wishes()
        blocks += self.no_contact()
        blocks += self.overdue()
        blocks += self.concern_ages()
        blocks += self.follow_ups()
        blocks += self.keyworkers()
        return blocks

    def contact_chart(self) -> list[Block]:
        weeks = self.dash.contact_per_week
        if not weeks:
            return []
        values = tuple(w.contacts for w in weeks)
        labels = tuple(f"Week of {format_uk_date(w.week_start)}" for w in weeks)
        total = sum(values)
        first, last = weeks[0].week_start, weeks[-1].week_start + timedelta(days=6)
        busiest = max(weeks, key=lambda w: (w.contacts, w.week_start))
        quietest = min(weeks, key=lambda w: (w.contacts, w.week_start))
        recent, before = values[-13:], values[-26:-13]
        summary = (
            f"In the 52 weeks from {format_uk_date(first)} to {format_uk_date(last)}, "
            f"{plural(total, 'contact was', 'contacts were')} recorded with the residents living in the "
            f"home on {format_uk_date(self.as_at)}, an average of "
            f"{total / len(values):.1f} a week. The busiest week began {format_uk_date(busiest.week_start)} "
            f"({busiest.contacts}); the quietest began {format_uk_date(quietest.week_start)} "
            f"({quietest.contacts}). The last 13 weeks averaged {sum(recent) / max(1, len(recent)):.1f} "
            f"a week, against {sum(before) / max(1, len(before)):.1f} in the 13 weeks before."
        )
        blocks: list[Block] = [
            LineChart(
                "Contact per week over the last year",
                labels,
                values,
                summary=summary,
                value_title="Contacts",
                tick_labels=_week_ticks([w.week_start for w in weeks]),
            ),
        ]
        rows = []
        for i in range(0, len(weeks), 4):
            chunk = weeks[i : i + 4]
            count = sum(w.contacts for w in chunk)
            rows.append(
                (
                    f"{format_uk_date(chunk[0].week_start)} to "
                    f"{format_uk_date(chunk[-1].week_start + timedelta(days=6))}",
                    str(count),
                    f"{count / len(chunk):.1f}",
                )
            )
        blocks.append(
            Table(
                ("Four weeks", "Contacts", "Average a week"),
                tuple(rows),
                widths=(60, 25, 25),
                title="The chart's figures, four weeks at a time",
            )
        )
        return blocks

    def _more(self, shown: int, total: int) -> list[Block]:
        if total <= shown:
            return []
        return [Paragraph(f"And {total - shown} more: the dashboard lists them all.")]

    def below_wishes(self) -> list[Block]:
        rows_all = self.dash.below_wishes
        rows = tuple(
            (
                self.who(r.resident_id, r.resident_name),
                str(r.wishes),
                str(r.expected),
                str(r.met),
                str(r.shortfall),
                f"{r.percent_met}%",
            )
            for r in rows_all[:LIST_LIMIT]
        )
        return [
            Heading("Residents whose contact fell below their wishes", level=2),
            Paragraph(
                "Expected contacts are counted from each wish's frequency over the period (from the "
                "resident's admission, if later); met contacts count at most the number expected "
                "for each wish. Least met first."
            ),
            Table(
                ("Resident", "Wishes", "Expected", "Met", "Short by", "Met (%)"),
                rows,
                widths=(60, 18, 20, 18, 20, 20),
                empty_text="Every resident's contact met their wishes in the period.",
            ),
            *self._more(len(rows), len(rows_all)),
        ]

    def no_contact(self) -> list[Block]:
        items = self.dash.no_contact
        rows = tuple(
            (
                self.who(r.resident_id, r.resident_name),
                format_uk_date(r.last_contact) if r.last_contact else "None recorded",
                str(r.days),
            )
            for r in items[:LIST_LIMIT]
        )
        return [
            Heading(f"Residents with no contact for {self.dash.no_contact_days} days or more", level=2),
            Table(
                ("Resident", "Last contact", "Days without"),
                rows,
                widths=(70, 40, 30),
                empty_text=f"Every resident had contact in the last {self.dash.no_contact_days} days.",
            ),
            *self._more(len(rows), len(items)),
        ]

    def overdue(self) -> list[Block]:
        dash = self.dash
        groups: tuple[tuple[str, tuple[OverdueItem, ...]], ...] = (
            ("Evaluation", dash.evaluations_overdue),
            ("Carer plan review", dash.plan_reviews_overdue),
            ("Restriction review", dash.restrictions_overdue),
        )
        every = sorted(((kind, i) for kind, items in groups for i in items), key=lambda x: -x[1].days_overdue)
        rows = tuple(
            (
                self.who(i.resident_id, i.resident_name),
                kind,
                self.s(i.what),
                format_uk_date(i.due_on),
                str(i.days_overdue),
            )
            for kind, i in every[:LIST_LIMIT]
        )
        return [
            Heading("Evaluations, plan reviews and restrictions overdue", level=2),
            Table(
                ("Resident", "Kind", "What", "Due", "Days overdue"),
                rows,
                widths=(36, 30, 54, 22, 22),
                empty_text="Nothing overdue.",
            ),
            *self._more(len(rows), len(every)),
        ]

    def concern_ages(self) -> list[Block]:
        rows = tuple((a.band, *(str(n) for n in a.by_severity), str(a.total)) for a in self.dash.concern_ages)
        total = sum(a.total for a in self.dash.concern_ages)
        return [
            Heading("Open concerns by age and severity", level=2),
            Table(
                ("Open for", *(s.label for s in Severity), "All"),
                (
                    *rows,
                    (
                        "All ages",
                        *(
                            str(sum(a.by_severity[i] for a in self.dash.concern_ages))
                            for i in range(len(Severity))
                        ),
                        str(total),
                    ),
                ),
                widths=(40, 18, 18, 18, 18, 18),
            ),
        ]

    def follow_ups(self) -> list[Block]:
        items = self.dash.follow_ups_overdue
        rows = tuple(
            (
                self.who(f.resident_id, f.resident_name),
                self.s(f.action),
                self.s(f.owner) or "No one named",
                format_uk_date(f.due_on),
            )
            for f in items[:LIST_LIMIT]
        )
        return [
            Heading("Follow-ups overdue", level=2),
            Table(
                ("Resident", "Action", "Owner", "Due"),
                rows,
                widths=(40, 80, 30, 22),
                empty_text="No follow-up is overdue.",
            ),
            *self._more(len(rows), len(items)),
        ]

    def keyworkers(self) -> list[Block]:
        dash = self.dash
        caseloads = tuple((c.staff_name or "No keyworker", str(c.residents)) for c in dash.caseloads)
        moves = tuple(
            (
                self.who(t.resident_id, t.resident_name),
                t.from_name or "No keyworker",
                t.to_name,
                format_uk_date(t.planned_on),
            )
            for t in dash.transitions
        )
        return [
            Heading("Keyworker caseloads and changes under way", level=2),
            Table(("Keyworker", "Residents"), caseloads, widths=(70, 25), empty_text="No residents."),
            Table(
                ("Resident", "From", "To", "Planned for"),
                moves,
                widths=(45, 45, 45, 25),
                title="Keyworker changes under way",
                empty_text="No keyworker change is under way.",
            ),
        ]

    # -- feedback -------------------------------------------------------------------------------

    def feedback(self) -> list[Block]:
        f = self.d.feedback
        blocks: list[Block] = [Heading(SECTIONS[2])]
        if f.total_responses == 0:
            return [*blocks, Paragraph("No feedback was recorded in the period.")]
        responses = ", ".join(
            f"{plural(f.responses.get(r, 0), r.label.lower(), r.label.lower() + 's')}" for r in Respondent
        )
        blocks += [
            KeyFacts(
                (
                    ("Responses", f"{f.total_responses}: {responses}"),
                    ("Helped to give their views", f"{f.helped} by an advocate or interpreter"),
                    (
                        "Scores",
                        "Ratings from 1 (" + RATINGS[1] + ") to 5 (" + RATINGS[5] + "): the "
                        "average, with how many ratings in brackets",
                    ),
                )
            )
        ]
        periods = tuple(p.label for p in f.periods)
        n = len(periods)
        widths = (70.0, *(max(14.0, 80.0 / max(1, n)),) * n, 18.0)

        def rows(lines: tuple[ScoreLine, ...]) -> tuple[tuple[str, ...], ...]:
            return tuple(
                (self.s(line.label), *(score_text(s) for s in line.by_period), score_text(line.overall))
                for line in lines
            )

        blocks += [
            Table(
                ("Question", *periods, "Overall"),
                rows(f.questions),
                widths=widths,
                title="Scores by question",
            ),
            Table(("Theme", *periods, "Overall"), rows(f.themes), widths=widths, title="Scores by theme"),
            Heading("Comments by theme", level=2),
        ]
        if not f.comments:
            blocks.append(Paragraph("No comments were written in the period."))
        for theme, comments in f.comments:
            blocks.append(
                Table(
                    ("Date", "From", "Rating", "Comment"),
                    tuple(
                        (
                            format_uk_date(c.given_on),
                            c.respondent.label,
                            RATINGS.get(c.rating, "") if c.rating else "—",
                            self.s(c.comment) + (f"\n({self.s(c.question)})" if c.question else ""),
                        )
                        for c in comments
                    ),
                    widths=(23, 22, 20, 109),
                    title=f"{theme.label} ({len(comments)})",
                )
            )
        return blocks

    # -- concerns -------------------------------------------------------------------------------

    def concerns(self) -> list[Block]:
        items = self.d.concerns
        dash = self.dash
        blocks: list[Block] = [
            Heading(SECTIONS[3]),
            Paragraph(
                "Concerns raised in the period, and those raised earlier that were still open during "
                "it, whoever they were about (including residents who have since left). Status is as it "
                "stands now."
            ),
        ]
        by_status = Counter(c.status for c in items)
        dilemmas = [c for c in items if c.kind is ConcernKind.ETHICAL_DILEMMA]
        raised_in = sum(1 for c in items if c.raised_on >= self.d.start)
        blocks.append(
            KeyFacts(
                (
                    (
                        "Concerns in this report",
                        f"{len(items)}: {raised_in} raised in the period, "
                        f"{len(items) - raised_in} raised before it and open during it",
                    ),
                    ("Ethical dilemmas", str(len(dilemmas))),
                    *((s.label, str(by_status.get(s, 0))) for s in ConcernStatus),
                    (
                        "Taken on by a manager",
                        f"{sum(1 for c in items if c.handling.started)} of {len(items)}",
                    ),
                )
            )
        )
        kinds = Counter((c.kind, c.severity) for c in items)
        blocks.append(
            Table(
                ("Kind", *(s.label for s in Severity), "All"),
                tuple(
                    (
                        k.label,
                        *(str(kinds.get((k, s), 0)) for s in Severity),
                        str(sum(kinds.get((k, s), 0) for s in Severity)),
                    )
                    for k in ConcernKind
                ),
                widths=(62, 16, 16, 16, 16, 16),
                title="By kind and severity",
            )
        )
        raised = dash.concerns_by_kind
        total = sum(n for _, n in raised)
        most = max((n for _, n in raised), default=0)
        tops = [k.label.lower() for k, n in raised if n == most and n]
        summary = (
            f"{plural(total, 'concern was', 'concerns were')} raised in the period about residents "
            f"living in the home on {format_uk_date(self.as_at)}"
        )
        if len(tops) == 1:
            summary += f"; the most were {tops[0]} ({most})."
        elif tops:
            summary += f"; the most were {', '.join(tops[:-1])} and {tops[-1]} ({most} each)."
        else:
            summary += "."
        blocks += [
            BarChart(
                "Concerns raised in the period by kind",
                tuple(k.label for k, _ in raised),
                tuple(n for _, n in raised),
                summary=summary,
                value_title="Concerns raised",
            ),
            Table(
                ("Kind", "Raised in the period"),
                tuple((k.label, str(n)) for k, n in raised),
                widths=(80, 30),
                title="The chart's figures",
            ),
            Heading("Every concern", level=2),
            Table(
                ("Raised", "Resident", "Kind", "Severity", "Status", "Handled by"),
                tuple(
                    (
                        format_uk_date(c.raised_on),
                        self.who(c.resident_id, c.resident_name),
                        c.kind.label,
                        c.severity.label,
                        c.status.label + (f" {format_uk_date(c.closed_on)}" if c.closed_on else ""),
                        self.s(c.handling.handler) or "Not yet taken on",
                    )
                    for c in items
                ),
                widths=(22, 32, 40, 19, 29, 32),
                empty_text="No concerns were raised or open in the period.",
            ),
        ]
        return blocks

    def handling(self) -> list[Block]:
        items = self.d.concerns
        dilemmas = [c for c in items if c.kind is ConcernKind.ETHICAL_DILEMMA]
        handled = [c for c in items if c.handling.started and c.kind is not ConcernKind.ETHICAL_DILEMMA]
        waiting = sum(
            1 for c in items if not c.handling.started and c.kind is not ConcernKind.ETHICAL_DILEMMA
        )
        blocks: list[Block] = [
            Heading(SECTIONS[4]),
            Paragraph(
                "The manager's side of each concern taken on, and of every ethical dilemma: who handled "
                "it, the specialist advice sought, the options weighed (dilemmas), the decision and why, "
                "what it changed in the home's systems, procedures or practice, and the lessons."
                + (
                    f" {plural(waiting, 'concern has', 'concerns have')} not been taken on yet."
                    if waiting
                    else ""
                )
            ),
        ]
        if not dilemmas:
            blocks.append(Paragraph("No ethical dilemma was raised or open in the period."))
        for c in dilemmas:
            blocks += self.concern(c)
        if not handled:
            blocks.append(Paragraph("No other concern in this report has the manager's side recorded yet."))
        for c in handled:
            blocks += self.concern(c)
        return blocks

    def concern(self, c: ConcernItem) -> list[Block]:
        h = c.handling
        who = self.who(c.resident_id, c.resident_name)
        title = f"{c.kind.label}: {who}, raised {format_uk_date(c.raised_on)}"
        facts: list[tuple[str, str]] = [
            ("Severity and status", f"{c.severity.label}, {c.status.label.lower()}"),
        ]
        if c.person and not self.anon.enabled:
            facts.append(("Key person", c.person))
        facts.append(("Reported to", self.s(c.reported_to) or "Not reported outside the home"))
        if c.kind is ConcernKind.ETHICAL_DILEMMA:
            facts.append(("Options weighed", self.s(h.options_weighed) or "Not recorded yet"))
        facts += [
            ("Handled by", self.s(h.handler) or "Not yet taken on"),
            ("Specialist advice sought", self.s(h.advice_sought) or "None recorded"),
            ("Decision", self.s(h.decision) or "Not decided yet"),
        ]
        if h.decision:
            facts.append(("Reasoning", self.s(h.reasoning)))
        facts.append(
            ("Changes to systems, procedures or practice", self.s(h.practice_changes) or "None recorded")
        )
        if c.outcome:
            facts.append(("Outcome", self.s(c.outcome)))
        facts.append(("Lessons", self.s(h.lessons) or "None recorded yet"))
        # what happened is safeguarding detail: marked as sensitive in the copy for inspectors
        raised = Paragraph(f"What was raised: {self.s(c.description)}", sensitive=True)
        return [Heading(title, level=2), raised, KeyFacts(tuple(facts))]

    # -- narrative ------------------------------------------------------------------------------

    def narrative(self) -> list[Block]:
        n = self.d.narrative
        blocks: list[Block] = [Heading(SECTIONS[5])]
        if not (n.good_practice or n.to_improve):
            blocks.append(
                Note(
                    "No review has been written for this period yet: the manager writes the good "
                    "practice seen and the areas to improve for exactly this period.",
                    warning=True,
                )
            )
        blocks += [
            Heading("Good practice", level=2),
            Paragraph(self.s(n.good_practice) or "Not written yet."),
            Heading("Areas to improve", level=2),
            Paragraph(self.s(n.to_improve) or "Not written yet."),
        ]
        return blocks

    # -- improvement actions ----------------------------------------------------------------------

    def actions(self) -> list[Block]:
        actions = self.d.actions
        as_at = self.as_at
        statuses = Counter(a.details.status for a in actions)
        overdue = [a for a in actions if a.overdue(as_at)]
        blocks: list[Block] = [
            Heading(SECTIONS[6]),
            Paragraph(
                f"Actions agreed in the period or still open during it: {len(actions)} in all ("
                + ", ".join(f"{statuses.get(s, 0)} {s.label.lower()}" for s in ActionStatus)
                + f"). Overdue means open past its due date on {format_uk_date(as_at)}."
            ),
        ]
        if overdue:
            blocks.append(Note(f"{plural(len(overdue), 'action is', 'actions are')} overdue.", warning=True))
        rows = []
        for a in actions:
            d = a.details
            why = f"Why: {self.s(d.reason)}"
            if d.source is not ActionSource.OTHER:
                why += f" (from {d.source.label[0].lower()}{d.source.label[1:]})"
            status = d.status.label
            if a.overdue(as_at):
                status += " (overdue)"
            elif d.completed_on:
                status += f" {format_uk_date(d.completed_on)}"
            rows.append(
                (
                    f"{self.s(d.action)}\n{why}",
                    self.s(d.owner),
                    format_uk_date(d.raised_on),
                    format_uk_date(d.due_on),
                    status,
                    self.s(d.result) or "—",
                )
            )
        blocks.append(
            Table(
                ("Action and why", "Owner", "Agreed", "Due", "Status", "Result"),
                tuple(rows),
                widths=(50, 22, 21, 21, 24, 36),
                empty_text="No improvement action was agreed or open in the period.",
            )
        )
        return blocks
