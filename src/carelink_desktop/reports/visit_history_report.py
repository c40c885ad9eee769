"""A resident's contact over a period on paper, for reviews and meetings: the figures (contacts by
kind and by person, moods after contact, concerns raised, follow-ups open), how contact keeps up
with the resident's wishes (the isolation signal, per wish), then each contact, oldest first,
with its detail (maintain-contact P14–P25).

What each redaction shows (decided here through ``reports.redaction``):

* INTERNAL: everything recorded: who took part by name, supervision, moods, every section staff
  filled in, concerns raised (kind, severity, description, who it was reported to, status),
  follow-ups and who recorded each contact. A contact with someone under a restriction on
  contact carries the "Restricted" mark everyone may know, never the restriction's details.
* PROFESSIONAL: as internal; the sections that may hold sensitive detail (changes in behaviour,
  signs of conflict, what staff did, advice sought, the visitor's concerns, information asked
  for and given, benefits and limits of contact, other notes) and the introduction to the
  concerns are ``Paragraph(sensitive=True)``, which the renderer marks. Only "How it went"
  stays unmarked.
* FAMILY (the copy for the resident's family at a review; SUBJECT is treated the same): the
  record of the resident's contact, not of the people in it, nor of staff work. Shown: when,
  what kind, where, the resident's mood before and after, and how it went, with the figures
  and the isolation signal (about the resident's own wishes, which the family can help to
  meet). Other people are named only by how they are related ("daughter", "nephew"; anyone
  else is "someone else"), so no one else's name is printed in the structured parts, and the
  figures count contact by relationship. "How it went" is passed through the carer plan's
  ``Scrubber``: other residents' names and any phone number or email address are replaced.
  Left out: supervision and the "Restricted" mark (restriction-related), every other section
  (they hold staff notes, other people's words and worries, what was shared with them, and
  safeguarding matters), concerns (often about a third party; not even their number),
  follow-ups (staff actions, sometimes about a concern) and who recorded each contact.

Reading the resident's record is audited as a view; the caller audits the print or export.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.errors import ValidationError
from carelink_desktop.domain.isolation import SignalLevel
from carelink_desktop.domain.visits import SECTIONS, VisitKind
from carelink_desktop.reports.document import (
    Block,
    Heading,
    KeyFacts,
    Note,
    Paragraph,
    Redaction,
    ReportDocument,
    Table,
)
from carelink_desktop.reports.redaction import (
    redaction_notice,
    shows_safeguarding,
    shows_sensitive,
    shows_third_party_details,
)
from carelink_desktop.reports.shift_summary_report import (
    RESTRICTED,
    clock,
    follow_up_text,
    kinds_text,
    long_date,
    mood_text,
    plural,
)
from carelink_desktop.services.concerns import ConcernSummary
from carelink_desktop.services.relationship_map import RelationshipMap
from carelink_desktop.services.visits import VisitView
from carelink_desktop.services.workspace import Workspace

TITLE = "Visit history"
#: The report's name in the audit log.
KIND = "visit_history"
SOMEONE_ELSE = "someone else"
FAMILY_NOTICE = (
    "This copy is for the family: other people are named only by how they are related to the "
    "resident, and staff notes, supervision, concerns, follow-ups and safeguarding details are "
    "left out."
)
SUBJECT_NOTICE = (
    "This copy is for the person it is about: other people are named only by how they are "
    "related to you, and staff notes, supervision, concerns, follow-ups and safeguarding details "
    "are left out."
)
#: The section every copy shows; the others are staff notes or may hold sensitive detail.
HOW_IT_WENT = "observations"


@dataclass(frozen=True)
class _Contact:
    """One contact as the report shows it."""

    view: VisitView
    concerns: tuple[ConcernSummary, ...]


def build_visit_history(
    ws: Workspace, resident_id: str, start: date, end: date, redaction: Redaction
) -> ReportDocument:
    """The contact of one resident from ``start`` to ``end`` (both included), as much as
    ``redaction`` allows. Raises NotFound for an unknown resident, ValidationError for a period
    that ends before it starts."""
    from carelink_desktop.services.concerns import ConcernFilter, concerns_list
    from carelink_desktop.services.maintenance import home_view
    from carelink_desktop.services.relationship_map import relationship_map
    from carelink_desktop.services.residents import view_resident
    from carelink_desktop.services.visit_history import HistoryFilter, visit_history
    from carelink_desktop.services.visits import visit

    if end < start:
        raise ValidationError({"end": "The period ends before it starts: check the dates."})
    resident = view_resident(ws, resident_id)
    filters = HistoryFilter(start=start, end=end)
    total = visit_history(ws, resident_id, filters, limit=1).total
    page = visit_history(ws, resident_id, filters, limit=max(1, total))
    raised = concerns_list(ws, ConcernFilter(resident_id=resident_id, raised_from=start, raised_to=end))
    by_visit: dict[str, list[ConcernSummary]] = {}
    for c in raised:
        if c.visit_id:
            by_visit.setdefault(c.visit_id, []).append(c)
    contacts = [_Contact(visit(ws, s.id), tuple(by_visit.get(s.id, ()))) for s in reversed(page.items)]
    sheet = _History(ws, redaction, contacts=contacts, raised=raised, start=start, end=end)
    the_map = relationship_map(ws, resident_id)
    notice = {Redaction.FAMILY: FAMILY_NOTICE, Redaction.SUBJECT: SUBJECT_NOTICE}.get(
        redaction, redaction_notice(redaction)
    )
    blocks: list[Block] = [Note(notice)] if notice else []
    blocks += sheet.about(resident.details.room)
    blocks += sheet.figures()
    blocks += sheet.concerns()
    blocks += sheet.follow_ups()
    blocks += sheet.isolation(the_map)
    blocks += sheet.each_contact()
    return ReportDocument(
        title=TITLE,
        subject=resident.display_name,
        home_name=home_view(ws).name,
        printed_by=ws.actor.full_name,
        printed_at=datetime.now().astimezone(),
        redaction=redaction,
        blocks=tuple(blocks),
    )


def _keep(text: str) -> str:
    return text


def other_residents_scrubber(ws: Workspace, resident_id: str) -> Callable[[str], str]:
    """Replaces the names of the home's other residents and any phone number or email address
    in free text (the carer plan's family copy does the same)."""
    from carelink_desktop.reports.carer_plan_report import Scrubber, _resident_names, _words
    from carelink_desktop.services.accounts import list_accounts
    from carelink_desktop.services.relationships import relationships_of
    from carelink_desktop.services.residents import ResidentFilter, find_residents

    everyone = [
        *find_residents(ws, status=ResidentFilter.ALL),
        *find_residents(ws, status=ResidentFilter.ARCHIVED),
    ]
    own: set[str] = set()  # words of the names of the resident's own people: never taken alone
    for r in everyone:
        if r.id == resident_id:
            own.update(_words(f"{r.legal_given_names} {r.preferred_name} {r.legal_family_name}"))
    for rel in relationships_of(ws, resident_id):
        own.update(_words(rel.key_person_name))
    for account in list_accounts(ws):
        own.update(_words(account.full_name))
    names: set[tuple[str, ...]] = set()
    for r in everyone:
        if r.id != resident_id:
            names.update(_resident_names(r.legal_given_names, r.preferred_name, r.legal_family_name, own))
    return Scrubber(names)


class _History:
    """The sections of one history; each returns its blocks."""

    def __init__(
        self,
        ws: Workspace,
        redaction: Redaction,
        *,
        contacts: list[_Contact],
        raised: Sequence[ConcernSummary],
        start: date,
        end: date,
    ) -> None:
        self.today = ws.today()
        self.contacts = contacts
        self.raised = list(raised)
        self.start, self.end = start, end
        #: Other people by name (else by relationship only), concerns, follow-ups, every section.
        self.names = shows_third_party_details(redaction) and shows_sensitive(redaction)
        self.safeguarding = shows_safeguarding(redaction) and self.names
        self.marked = redaction is Redaction.PROFESSIONAL
        resident_id = contacts[0].view.resident_id if contacts else ""
        self.scrub: Callable[[str], str] = (
            _keep if self.names or not contacts else other_residents_scrubber(ws, resident_id)
        )

    # -- who ---------------------------------------------------------------------------------

    def who(self, v: VisitView) -> list[str]:
        """Everyone in the contact: 'Susan Thompson (daughter)', or 'daughter' in the family copy."""
        if self.names:
            return [v.people] if v.people else []
        people = [p.relationship.lower() or SOMEONE_ELSE for p in v.participants]
        if v.details.other_participants:
            people.append(SOMEONE_ELSE)
        return list(dict.fromkeys(people))

    def people_keys(self, v: VisitView) -> list[str]:
        """The names the figures count a contact under, one per person (or relationship)."""
        if self.names:
            keys = [
                f"{p.name} ({p.relationship.lower()})" if p.relationship else p.name for p in v.participants
            ]
            if v.details.other_participants:
                keys.append(f"Others: {v.details.other_participants}")
            return keys
        return [w.capitalize() for w in self.who(v)]

    # -- sections ----------------------------------------------------------------------------

    def period(self) -> str:
        return f"{format_uk_date(self.start)} to {format_uk_date(self.end)}"

    def about(self, room: str) -> list[Block]:
        kinds = Counter(c.view.details.kind for c in self.contacts)
        count = plural(len(self.contacts), "contact", "contacts")
        last = max((c.view.details.starts_at for c in self.contacts), default=None)
        facts = [
            ("Room", room or "Not recorded"),
            ("Period", self.period()),
            ("Contact recorded", count + (f": {kinds_text(kinds)}" if kinds else "")),
            ("Last contact in the period", long_date(last.date()) if last else "None"),
        ]
        moods = Counter(c.view.details.mood_after for c in self.contacts if c.view.details.mood_after)
        if moods:
            facts.append(("Mood after contact", ", ".join(f"{m.label} {n}" for m, n in moods.most_common())))
        if self.names:
            facts.append(("Concerns raised", str(len(self.raised))))
            facts.append(("Follow-ups open", str(len(self.open_follow_ups()))))
        return [Heading("About this period"), KeyFacts(tuple(facts))]

    def figures(self) -> list[Block]:
        if not self.contacts:
            return []
        by_kind: dict[VisitKind, list[datetime]] = {}
        by_person: dict[str, list[datetime]] = {}
        for c in self.contacts:
            when = c.view.details.starts_at
            by_kind.setdefault(c.view.details.kind, []).append(when)
            for key in self.people_keys(c.view):
                by_person.setdefault(key, []).append(when)
        kind_rows = tuple(
            (kind.label, str(len(times)), format_uk_date(max(times).date()))
            for kind, times in sorted(by_kind.items(), key=lambda kv: -len(kv[1]))
        )
        person_rows = tuple(
            (key, str(len(times)), format_uk_date(max(times).date()))
            for key, times in sorted(by_person.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        )
        first = "Person" if self.names else "Relationship"
        return [
            Heading("Contact in figures"),
            Table(("Kind of contact", "Contacts", "Last"), kind_rows, widths=(100, 37, 37), title="By kind"),
            Table(
                (first, "Contacts", "Last"), person_rows, widths=(100, 37, 37), title=f"By {first.lower()}"
            ),
        ]

    def concerns(self) -> list[Block]:
        if not self.names:
            return []
        rows = tuple(
            (
                format_uk_date(c.raised_on),
                c.kind.label,
                c.severity.label,
                c.description,
                c.reported_to or "Not yet",
                c.status.label,
            )
            for c in sorted(self.raised, key=lambda c: (c.raised_on, c.id))
        )
        blocks: list[Block] = [Heading("Concerns raised")]
        if rows:
            blocks.append(
                Paragraph(
                    "Concerns raised in the period, from a contact or on their own. They may hold "
                    "safeguarding detail: share them only as the law allows.",
                    sensitive=True,
                )
            )
        blocks.append(
            Table(
                ("Raised", "Kind", "Severity", "Description", "Reported to", "Status"),
                rows,
                widths=(22, 28, 17, 55, 32, 20),
                empty_text="No concerns were raised in the period.",
            )
        )
        return blocks

    def open_follow_ups(self) -> list[tuple[date, str, str, date | None]]:
        """(contact day, action, owner, due) of follow-ups not done, soonest due first."""
        found = [
            (c.view.details.starts_at.date(), f.action, f.owner, f.due_on)
            for c in self.contacts
            for f in c.view.details.follow_ups
            if f.done_on is None
        ]
        return sorted(found, key=lambda f: (f[3] or date.max, f[0]))

    def follow_ups(self) -> list[Block]:
        if not self.names:
            return []
        rows = tuple(
            (
                action,
                owner or "No one named",
                (format_uk_date(due) or "No date") + (" (overdue)" if due and due < self.today else ""),
                format_uk_date(day),
            )
            for day, action, owner, due in self.open_follow_ups()
        )
        overdue = sum(1 for row in rows if row[2].endswith("(overdue)"))
        blocks: list[Block] = [Heading("Follow-ups still open")]
        if overdue:
            blocks.append(Note(f"{plural(overdue, 'follow-up is', 'follow-ups are')} overdue.", warning=True))
        blocks.append(
            Table(
                ("Action", "Owner", "Due", "Contact on"),
                rows,
                widths=(78, 28, 38, 30),
                empty_text="Every follow-up from the period is done.",
            )
        )
        return blocks

    def isolation(self, the_map: RelationshipMap) -> list[Block]:
        blocks: list[Block] = [Heading("Keeping in touch as the resident wishes")]
        rows = []
        for r in the_map.current:
            who = r.key_person_name if self.names else (r.details.relationship or SOMEONE_ELSE).capitalize()
            if self.names and r.details.relationship:
                who += f" ({r.details.relationship.lower()})"
            signal = the_map.signals.get(r.id)
            if signal is None or not signal.wishes:
                rows.append((who, "No wish recorded", SignalLevel.NO_WISH.label))
                continue
            rows.append((who, "\n".join(w.text(the_map.today) for w in signal.wishes), signal.level.label))
        blocks.append(
            Paragraph(
                f"As at {format_uk_date(the_map.today)}, for each wish the resident has for keeping in touch."
            )
        )
        if the_map.concerns():
            blocks.append(Note("Contact is falling behind what the resident wishes.", warning=True))
        blocks.append(
            Table(
                ("Person" if self.names else "Relationship", "Each way of keeping in touch", "Overall"),
                tuple(rows),
                widths=(42, 104, 28),
                empty_text="No one is on the resident's relationship map yet.",
            )
        )
        return blocks

    def each_contact(self) -> list[Block]:
        blocks: list[Block] = [Heading("Each contact")]
        if not self.contacts:
            return [*blocks, Paragraph(f"No contact was recorded from {self.period()}.")]
        for c in self.contacts:
            blocks += self.contact(c)
        return blocks

    def contact(self, c: _Contact) -> list[Block]:
        v, d = c.view, c.view.details
        when = f"{long_date(d.starts_at.date())}, {d.starts_at:%H:%M}"
        if d.ends_at is not None:
            when += f"–{clock(d.ends_at, d.starts_at.date())}"
        who = ", ".join(self.who(v)) or "Not recorded"
        facts: list[tuple[str, str]] = [("Who", who[:1].upper() + who[1:])]
        if d.location:
            facts.append(("Where", self.scrub(d.location)))
        if self.names:
            facts.append(("Supervision", d.supervision.label))
        mood = mood_text(d.mood_before, d.mood_after)
        if mood:
            facts.append(("Mood", mood))
        if self.safeguarding and d.restriction_acknowledged:
            facts.append(("Restriction", RESTRICTED))
        # sensitive sections go between the facts about the contact and what came of it, marked
        marked: list[Block] = []
        for section in SECTIONS:
            text = getattr(d, section.field)
            if not text or (section.field != HOW_IT_WENT and not self.names):
                continue
            if self.marked and section.field != HOW_IT_WENT:
                marked.append(Paragraph(f"{section.label}: {text}", sensitive=True))
            else:
                facts.append((section.label, self.scrub(text)))
        after: list[tuple[str, str]] = []
        if self.names:
            if c.concerns:
                concerns = "\n".join(_concern(x) for x in c.concerns)
                if self.marked:
                    marked.append(Paragraph(f"Concerns raised: {concerns}", sensitive=True))
                else:
                    after.append(("Concerns raised", concerns))
            if d.follow_ups:
                after.append(("Follow-ups", "\n".join(follow_up_text(f) for f in d.follow_ups)))
            if v.recorded_by:
                after.append(("Recorded by", v.recorded_by))
        blocks: list[Block] = [Heading(f"{when} · {d.kind.label}", level=2)]
        if marked:
            return [*blocks, KeyFacts(tuple(facts)), *marked, KeyFacts(tuple(after))]
        return [*blocks, KeyFacts((*facts, *after))]


def _concern(c: ConcernSummary) -> str:
    text = f"{c.kind.label}, {c.severity.label.lower()}: {c.description} ({c.status.label.lower()})"
    return text + (f". Reported to: {c.reported_to}" if c.reported_to else "")
