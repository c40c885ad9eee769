"""The relationship profile: a resident's relationship map on paper. Who matters to them (the
circle and a table), what matters in each relationship and what keeps it going, whether contact
keeps up with their wishes, groups, relationship issues, evaluations, keyworker changes, ended
relationships and restrictions on contact (MC P1–P13, ER P1–P31, DR 1–11).

What each redaction shows (decided per section through ``reports.redaction``):

* INTERNAL: everything the viewer may see. Restrictions on contact (kind, who, what, legal basis,
  review) only for roles with ``Permission.VIEW_SENSITIVE``; everyone else sees only the
  "Restricted" mark, which everyone may know (so nobody arranges contact that must not happen),
  and a note to ask before arranging contact.
* PROFESSIONAL: as internal; free text that may hold sensitive detail (difficulties a key person
  reports, risks, why a relationship ended, staff reflections, the risks of a keyworker change,
  and the introduction to the restrictions table) is a ``Paragraph(sensitive=True)``, which the
  renderer marks.
* FAMILY: no restriction text at all: no restrictions section, no "Restricted" mark on the circle
  or in the table, nothing about visiting restrictions for everyone. Other people are kept to
  their name, how they are related, their circle, how it is going, how the resident wishes to
  keep in touch and their marks (next of kin, attorney, essential care supporter, carer): the
  family arranges contact with these. Left out: phone numbers and group contacts, what each
  key person needs, the resources offered to them, the difficulties they report, risks and
  challenges, relationship issues (they hold other people's views), staff reflections,
  expertise sought, the risks of a keyworker change, and why a relationship ended and the
  support given. The isolation signal stays: it is about the resident's own wishes, which the
  family can help to meet. Free text that stays (what matters, notes on contact wishes,
  evaluations) is printed as staff wrote it: restriction details belong in the restriction.

Reading the resident's record is audited as a view, and restrictions shown as a map view; the
caller audits the print or export.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

# registers the "relationship_circle" Diagram kind with the renderer
import carelink_desktop.reports.relationship_circle_pdf  # noqa: F401
from carelink_desktop.domain.dates import format_uk_date
from carelink_desktop.domain.isolation import SignalLevel
from carelink_desktop.domain.relationship_circle import CircleDrawing
from carelink_desktop.domain.relationships import marks
from carelink_desktop.domain.restrictions import RestrictionDetails
from carelink_desktop.reports.document import (
    Block,
    Diagram,
    Heading,
    KeyFacts,
    Note,
    Paragraph,
    Redaction,
    ReportDocument,
    Table,
)
from carelink_desktop.reports.face_sheet import review_text
from carelink_desktop.reports.redaction import (
    redaction_notice,
    shows_safeguarding,
    shows_sensitive,
    shows_third_party_details,
)
from carelink_desktop.services.relationship_history import as_text
from carelink_desktop.services.relationship_map import REVIEW_WARNING_DAYS, RelationshipMap, relationship_map
from carelink_desktop.services.relationships import RelationshipView
from carelink_desktop.services.resources_directory import OfferView
from carelink_desktop.services.workspace import Workspace

TITLE = "Relationship profile"
KIND = "relationship_profile"
CIRCLE_DIAGRAM = "relationship_circle"
NO_CONTACT_YET = (
    "No contact has been recorded in the home yet, so there is nothing to compare with the wishes."
)
FAMILY_NOTICE = (
    "This copy is for the family: other people's contact details, what each person needs and "
    "the difficulties they report, relationship issues, risks, staff reflections and "
    "safeguarding details are left out."
)


def build_relationship_profile(ws: Workspace, resident_id: str, redaction: Redaction) -> ReportDocument:
    """The relationship profile of one resident, as much as ``redaction`` and the viewer's role
    allow. Raises NotFound for an unknown resident."""
    from carelink_desktop.services.maintenance import home_view
    from carelink_desktop.services.residents import view_resident

    resident = view_resident(ws, resident_id)
    the_map = relationship_map(ws, resident_id, record_view=shows_safeguarding(redaction))
    profile = _Profile(ws, the_map, redaction)
    notice = FAMILY_NOTICE if redaction is Redaction.FAMILY else redaction_notice(redaction)
    blocks: list[Block] = [Note(notice)] if notice else []
    blocks += profile.about(resident.details.room, resident.keyworker_name or the_map.keyworker_name)
    blocks += profile.circle()
    blocks += profile.key_people()
    blocks += profile.restrictions()
    blocks += profile.each_relationship()
    blocks += profile.isolation()
    blocks += profile.groups()
    blocks += profile.issues()
    blocks += profile.evaluations()
    blocks += profile.keyworker_changes()
    blocks += profile.ended()
    return ReportDocument(
        title=TITLE,
        subject=resident.display_name,
        home_name=home_view(ws).name,
        printed_by=ws.actor.full_name,
        printed_at=datetime.now().astimezone(),
        redaction=redaction,
        blocks=tuple(blocks),
    )


def _date(day: date | None, missing: str = "Not recorded") -> str:
    return format_uk_date(day) or missing


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class _Profile:
    """The sections of one profile; each returns its blocks (none when there is nothing to say)."""

    def __init__(self, ws: Workspace, the_map: RelationshipMap, redaction: Redaction) -> None:
        self.ws = ws
        self.map = the_map
        self.today = the_map.today
        self.third_party = shows_third_party_details(redaction)
        self.sensitive = shows_sensitive(redaction)
        self.safeguarding = shows_safeguarding(redaction)
        #: Restriction details go in: the viewer may see them and the copy may hold them.
        self.restriction_details = self.safeguarding and the_map.restrictions is not None

    def marks_of(self, r: RelationshipView) -> tuple[str, ...]:
        return marks(r.details, restricted=r.restricted and self.safeguarding)

    # -- about ---------------------------------------------------------------------------------

    def about(self, room: str, keyworker: str) -> list[Block]:
        m = self.map
        due = m.next_evaluation
        if due is None:
            evaluation = "None planned: no evaluation recorded yet"
        else:
            evaluation = format_uk_date(due) + (" (overdue)" if m.evaluation_overdue else "")
        people = _plural(len(m.current), "person", "people")
        if m.ended:
            people += f" ({_plural(len(m.ended), 'relationship', 'relationships')} ended)"
        contact = (
            "Yes: the isolation signal compares it with the resident's wishes"
            if m.contact_recorded
            else "Nothing to compare yet: no contact has been recorded in the home"
        )
        blocks: list[Block] = [
            Heading("About"),
            KeyFacts(
                (
                    ("Room", room or "Not recorded"),
                    ("Keyworker", keyworker or "None assigned"),
                    ("People on the map", people),
                    ("Next evaluation due", evaluation),
                    ("Contact recorded", contact),
                )
            ),
        ]
        if m.everyone_restricted and self.safeguarding:
            blocks.append(
                Note(
                    "A restriction on contact covers all visitors at present (for example an "
                    "outbreak): check before arranging any visit.",
                    warning=True,
                )
            )
        return blocks

    # -- the circle and the table of key people ------------------------------------------------

    def drawing(self) -> CircleDrawing:
        drawing = self.map.drawing()
        if self.safeguarding:
            return drawing
        by_id = {r.id: r for r in self.map.current}
        return replace(
            drawing,
            people=tuple(
                replace(p, marks=marks(by_id[p.id].details, restricted=False)) if p.id in by_id else p
                for p in drawing.people
            ),
        )

    def circle(self) -> list[Block]:
        name = self.map.resident_name
        if not self.map.current:
            return [Heading("Relationship circle"), Paragraph(f"No one is on {name}'s map yet.")]
        caption = (
            f"The people who matter to {name}: circle 1 is the closest; each line shows how the "
            "relationship is going."
        )
        return [Heading("Relationship circle"), Diagram(CIRCLE_DIAGRAM, self.drawing(), caption=caption)]

    def key_people(self) -> list[Block]:
        rows: list[tuple[str, ...]] = []
        for r in self.map.current:
            d = r.details
            row = (
                r.key_person_name,
                d.relationship,
                str(d.circle),
                d.quality.label,
                as_text(d.contact_wishes) or "No wish recorded",
                ", ".join(self.marks_of(r)),
            )
            rows.append((*row, r.key_person_phone) if self.third_party else row)
        columns: tuple[str, ...] = (
            "Name",
            "Relationship",
            "Circle",
            "How it is going",
            "Keeps in touch",
            "Marks",
        )
        widths: tuple[float, ...] = (33, 26, 14, 19, 52, 30)  # mm of the 174 mm of an A4 frame
        if self.third_party:
            columns, widths = (*columns, "Phone"), (28, 26, 13, 19, 36, 24, 28)
        blocks: list[Block] = [
            Heading("Key people"),
            _table(
                columns, widths, rows, optional=("Marks", "Phone"), empty_text="No key people on the map yet."
            ),
        ]
        restricted = [r.key_person_name for r in self.map.current if r.restricted]
        if self.safeguarding and restricted and not self.restriction_details:
            blocks.append(
                Note(
                    f"Contact with {_names(restricted)} is restricted: ask a manager or shift lead "
                    "before arranging any contact.",
                    warning=True,
                )
            )
        return blocks

    # -- restrictions on contact ---------------------------------------------------------------

    def restrictions(self) -> list[Block]:
        if not self.restriction_details:
            return []
        in_force = self.map.restrictions_in_force
        rows = []
        for x in in_force:
            d = x.details
            who = "Everyone" if d.relationship_id is None else _names(self.map.names([d.relationship_id]))
            rows.append(
                (
                    d.kind.label,
                    who or "A person no longer on the map",
                    d.what_is_restricted,
                    d.legal_basis or "The resident's own wish",
                    _date(d.starts_on),
                    _review(x.details, self.today),
                )
            )
        blocks: list[Block] = [
            Heading("Restrictions on contact"),
            Paragraph(
                "Who may not be in touch, or only in some ways, on what basis and until when. "
                "Share these details only with those who need them, as the law allows.",
                sensitive=True,
            ),
        ]
        due = self.map.restrictions_due
        if due:
            blocks.append(
                Note(
                    f"{_plural(len(due), 'restriction is', 'restrictions are')} due for review "
                    "within two weeks or overdue: review before relying on them.",
                    warning=True,
                )
            )
        blocks.append(
            Table(
                ("Kind", "Who", "What is restricted", "Legal basis", "Since", "Review by"),
                tuple(rows),
                widths=(24, 26, 38, 40, 22, 24),
                empty_text="No restrictions on contact are in force.",
            )
        )
        ended = len(self.map.restrictions or ()) - len(in_force)
        if ended > 0:
            blocks.append(
                Paragraph(
                    f"{_plural(ended, 'earlier restriction', 'earlier restrictions')} "
                    "not in force today (ended or not yet started) are in the record."
                )
            )
        return blocks

    # -- each relationship ---------------------------------------------------------------------

    def each_relationship(self) -> list[Block]:
        blocks: list[Block] = []
        for r in self.map.current:
            d = r.details
            facts: list[tuple[str, str]] = []
            if d.what_matters:
                facts.append(("What matters", d.what_matters))
            if self.third_party:
                if d.support_needed:
                    facts.append(("What they need to keep it going", d.support_needed))
                offers = [o for o in self.map.offers if o.relationship_id == r.id]
                if offers:
                    facts.append(("Resources offered", "\n".join(_offer_text(o) for o in offers)))
            paragraphs: list[Block] = []
            if self.sensitive and self.third_party and d.difficulties:
                paragraphs.append(Paragraph(f"Difficulties they report: {d.difficulties}", sensitive=True))
            if self.sensitive and d.risks_and_challenges:
                paragraphs.append(
                    Paragraph(f"Risks and challenges: {d.risks_and_challenges}", sensitive=True)
                )
            if not facts and not paragraphs:
                continue
            blocks.append(Heading(f"{r.key_person_name} ({d.relationship})", level=2))
            if facts:
                blocks.append(KeyFacts(tuple(facts)))
            blocks += paragraphs
        if not blocks:
            return []
        return [Heading("What matters in each relationship"), *blocks]

    # -- isolation signal ----------------------------------------------------------------------

    def isolation(self) -> list[Block]:
        blocks: list[Block] = [Heading("Keeping in touch as the resident wishes")]
        if not self.map.contact_recorded:
            return [*blocks, Note(NO_CONTACT_YET)]
        rows = []
        for r in self.map.current:
            signal = self.map.signals.get(r.id)
            if signal is None or not signal.wishes:
                rows.append((r.key_person_name, "No wish recorded", SignalLevel.NO_WISH.label))
                continue
            wishes = "\n".join(w.text(self.today) for w in signal.wishes)
            rows.append((r.key_person_name, wishes, signal.level.label))
        concerns = [r.key_person_name for r in self.map.concerns()]
        if concerns:
            blocks.append(
                Note(
                    f"Contact with {_names(concerns)} is falling behind what the resident wishes.",
                    warning=True,
                )
            )
        blocks.append(
            Table(("Name", "Each way of keeping in touch", "Overall"), tuple(rows), widths=(38, 108, 28))
        )
        return blocks

    # -- groups --------------------------------------------------------------------------------

    def groups(self) -> list[Block]:
        rows = []
        for g in self.map.groups:
            d = g.details
            left = d.ended_on is not None and d.ended_on <= self.today
            when = "\n".join(
                text
                for text, shown in (
                    (f"Since {format_uk_date(d.started_on)}", d.started_on is not None),
                    (f"Left {format_uk_date(d.ended_on)}", left),
                )
                if shown
            )
            helps = "\n".join(x for x in (d.support_needed, d.what_helps_inclusion) if x)
            row = (d.name, d.kind.label, d.how_they_take_part, helps, when)
            rows.append((*row, d.contact) if self.third_party else row)
        columns: tuple[str, ...] = (
            "Group",
            "Kind",
            "How they take part",
            "What helps them take part",
            "When",
        )
        widths: tuple[float, ...] = (32, 24, 40, 40, 24)
        if self.third_party:
            columns, widths = (*columns, "Contact"), (*widths, 28)
        return [
            Heading("Groups and communities"),
            _table(
                columns,
                widths,
                rows,
                optional=("What helps them take part", "When", "Contact"),
                empty_text="No groups or communities recorded.",
            ),
        ]

    # -- relationship issues -------------------------------------------------------------------

    def issues(self) -> list[Block]:
        if not self.sensitive:
            return []
        m = self.map
        open_rows = [
            (
                i.details.summary,
                i.details.kind.label,
                _date(i.details.raised_on),
                _names(m.names(i.details.relationship_ids)) or "The resident",
                i.details.ways_forward or "Not agreed yet",
                i.details.status.label,
            )
            for i in m.open_issues
        ]
        closed = [i for i in m.issues if not i.details.status.is_open]
        blocks: list[Block] = [
            Heading("Relationship issues"),
            Table(
                ("Issue", "Kind", "Raised", "People involved", "Ways forward", "Status"),
                tuple(open_rows),
                widths=(38, 27, 22, 30, 37, 22),
                title="Open",
                empty_text="No open relationship issues.",
            ),
        ]
        if closed:
            blocks.append(
                Table(
                    ("Issue", "Raised", "Closed", "Outcome"),
                    tuple(
                        (
                            i.details.summary,
                            _date(i.details.raised_on),
                            _date(i.details.closed_on),
                            f"{i.details.status.label}: {i.details.outcome}",
                        )
                        for i in closed
                    ),
                    widths=(50, 22, 22, 80),
                    title="Closed",
                )
            )
        return blocks

    # -- evaluations ---------------------------------------------------------------------------

    def evaluations(self) -> list[Block]:
        m = self.map
        blocks: list[Block] = [Heading("Evaluations")]
        if not m.evaluations:
            return [*blocks, Paragraph("No evaluation of these relationships recorded yet.")]
        if m.evaluation_overdue:
            blocks.append(
                Note(
                    f"The next evaluation was due on {_date(m.next_evaluation)}: it is overdue.",
                    warning=True,
                )
            )
        latest = max(m.evaluations, key=lambda e: (e.details.evaluated_on or date.min, e.created_at)).id
        for e in m.evaluations:
            d = e.details
            about = "the whole map"
            if d.relationship_id is not None:
                about = "the relationship with " + (
                    _names(m.names([d.relationship_id])) or "someone no longer on the map"
                )
            facts = [
                ("Agreed criteria", d.criteria),
                ("How it was evaluated", d.method),
                ("Who took part", d.participants),
                ("What works", d.what_works or "Not recorded"),
                ("What could improve", d.what_could_improve or "Not recorded"),
            ]
            if self.sensitive and d.expertise_needed:
                facts.append(("Expertise needed", f"{d.expertise_needed} ({d.how_to_get_expertise})"))
            # only the latest evaluation's next date is still to come (or overdue)
            due = review_text(d.next_due, self.today) if e.id == latest else _date(d.next_due)
            facts.append(("Next evaluation", due or "Not set"))
            heading = f"Evaluation of {_date(d.evaluated_on)}: {about}"
            blocks += [Heading(heading, level=2), KeyFacts(tuple(facts))]
            if self.sensitive and d.reflection:
                blocks.append(Paragraph(f"Reflection: {d.reflection}", sensitive=True))
        return blocks

    # -- keyworker changes ---------------------------------------------------------------------

    def keyworker_changes(self) -> list[Block]:
        pending = self.map.pending_keyworker_changes
        if not pending:
            return []
        from carelink_desktop.services.accounts import list_accounts

        staff = {a.id: a.full_name for a in list_accounts(self.ws)}
        blocks: list[Block] = [Heading("Keyworker changes planned")]
        for c in pending:
            d = c.details
            involved = "\n".join(
                f"{name}: {i.how_and_when}"
                for i in d.involvement
                for name in self.map.names([i.relationship_id])
            )
            facts = [
                ("Planned for", _date(d.planned_on)),
                (
                    "Who takes over",
                    staff.get(d.new_keyworker_id or "", "") or "A colleague no longer on the staff list",
                ),
                ("Why", d.reason),
                ("How", d.how),
            ]
            if involved:
                facts.append(("Key people involved", involved))
            blocks.append(KeyFacts(tuple(facts)))
            if self.sensitive and d.risks:
                handling = f" How they are handled: {_sentence(d.risk_handling)}" if d.risk_handling else ""
                blocks.append(Paragraph(f"Risks: {_sentence(d.risks)}{handling}", sensitive=True))
        return blocks

    # -- ended relationships -------------------------------------------------------------------

    def ended(self) -> list[Block]:
        ended = self.map.ended
        if not ended:
            return []
        if not self.sensitive:
            rows = tuple(
                (r.key_person_name, r.details.relationship, _date(r.details.ended_on)) for r in ended
            )
            table = Table(("Name", "Relationship", "Ended"), rows, widths=(60, 40, 24))
            return [Heading("Relationships that ended"), table]
        blocks: list[Block] = [Heading("Relationships that ended")]
        for r in ended:
            d = r.details
            blocks.append(
                Heading(f"{r.key_person_name} ({d.relationship}): ended {_date(d.ended_on)}", level=2)
            )
            blocks.append(Paragraph(f"Why it ended: {d.end_reason}", sensitive=True))
            if d.end_support:
                blocks.append(Paragraph(f"Support given: {d.end_support}"))
        return blocks


def _review(d: RestrictionDetails, today: date) -> str:
    """'01/12/2026', '01/12/2026 (due soon)' within the warning period, '… (overdue)' after it."""
    if d.review_on is None:
        return "No review date"
    if d.review_on >= today and d.review_due(today, within_days=REVIEW_WARNING_DAYS):
        return f"{format_uk_date(d.review_on)} (due soon)"
    return review_text(d.review_on, today)


def _table(
    columns: tuple[str, ...],
    widths: tuple[float, ...],
    rows: Sequence[tuple[str, ...]],
    *,
    optional: tuple[str, ...] = (),
    empty_text: str = "None recorded.",
) -> Table:
    """A table without the ``optional`` columns that are empty in every row."""
    keep = [i for i, c in enumerate(columns) if c not in optional or (rows and any(row[i] for row in rows))]
    return Table(
        tuple(columns[i] for i in keep),
        tuple(tuple(row[i] for i in keep) for row in rows),
        widths=tuple(widths[i] for i in keep),
        empty_text=empty_text,
    )


def _sentence(text: str) -> str:
    """Text ending with a full stop (or its own ending punctuation), so sentences can follow."""
    text = text.rstrip()
    return text if not text or text[-1] in ".!?…)\"'" else text + "."


def _names(names: Sequence[str]) -> str:
    """'Sue', 'Sue and Tom', 'Sue, Tom and Ann'."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _offer_text(offer: OfferView) -> str:
    """'Carers' centre (support group): taken up, 02/11/2026. Goes monthly'."""
    d = offer.details
    text = f"{offer.resource_name} ({offer.resource_kind.label.lower()}): {d.outcome.label.lower()}"
    text += f", {format_uk_date(d.offered_on)}" if d.offered_on else ""
    return f"{text}. {d.notes}" if d.notes else text
