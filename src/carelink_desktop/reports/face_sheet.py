"""The resident's face sheet: one page with who they are, how they communicate, consent and
the people who matter to them. What a new member of staff or a visiting professional reads first."""

from __future__ import annotations

from datetime import date, datetime

from carelink_desktop.domain.consent import ConsentTopic
from carelink_desktop.domain.dates import age_on, format_uk_date
from carelink_desktop.domain.key_people import ContactMethod, KeyPersonDetails
from carelink_desktop.domain.nhs_number import format_nhs_number
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
    shows_staff_notes,
    shows_third_party_details,
)
from carelink_desktop.services.readmodels import ConsentView, ResidentView
from carelink_desktop.services.workspace import Workspace

TITLE = "Resident face sheet"
NOT_RECORDED = "Not recorded"


def build_face_sheet(ws: Workspace, resident_id: str, redaction: Redaction) -> ReportDocument:
    """The face sheet of one resident, as much as ``redaction`` allows. Reading the record is
    audited as a view (the caller audits the print or export). Raises NotFound for an unknown id."""
    from carelink_desktop.services.consent import consents_for
    from carelink_desktop.services.maintenance import home_view
    from carelink_desktop.services.residents import view_resident

    resident = view_resident(ws, resident_id)
    today = ws.today()
    blocks: list[Block] = []
    notice = redaction_notice(redaction)
    if notice:
        blocks.append(Note(notice))
    blocks += [Heading("About me"), KeyFacts(_about(resident, today))]
    blocks += [Heading("Communication"), KeyFacts(_communication(resident, redaction))]
    culture = _culture(resident)
    if culture:
        blocks += [Heading("Culture, faith and what matters"), KeyFacts(culture)]
    blocks += _consent_blocks(current_consents(consents_for(ws, resident_id)), today)
    blocks += _key_people_blocks(ws, resident_id, redaction)
    notes = resident.details.notes
    if notes and shows_staff_notes(redaction):
        blocks += [Heading("Notes"), Paragraph(notes, sensitive=True)]
    return ReportDocument(
        title=TITLE,
        subject=resident.display_name,
        home_name=home_view(ws).name,
        printed_by=ws.actor.full_name,
        printed_at=datetime.now().astimezone(),
        redaction=redaction,
        blocks=tuple(blocks),
    )


def _or_not_recorded(text: str) -> str:
    return text or NOT_RECORDED


def _about(resident: ResidentView, today: date) -> tuple[tuple[str, str], ...]:
    d = resident.details
    born = (
        f"{format_uk_date(d.date_of_birth)} (age {age_on(d.date_of_birth, today)})" if d.date_of_birth else ""
    )
    facts = [
        ("Legal name", f"{d.legal_given_names} {d.legal_family_name}".strip()),
        ("Preferred name", d.preferred_name or "Not recorded: ask them what they like to be called"),
        ("Date of birth", _or_not_recorded(born)),
        ("Room", _or_not_recorded(d.room)),
        ("Admitted", _or_not_recorded(format_uk_date(d.admission_date))),
    ]
    if d.discharge_date:
        facts.append(("Discharged", format_uk_date(d.discharge_date)))
    facts += [
        ("NHS number", _or_not_recorded(format_nhs_number(d.nhs_number))),
        ("First language", _or_not_recorded(d.first_language)),
        ("Keyworker", resident.keyworker_name or "None assigned"),
    ]
    if resident.archived:
        facts.append(("Record", "Archived (kept for the home's records only)"))
    return tuple(facts)


def _communication(resident: ResidentView, redaction: Redaction) -> tuple[tuple[str, str], ...]:
    d = resident.details
    methods = "; ".join(m.label for m in d.communication_methods)
    interpreter = f"Needed for {d.interpreter_language}" if d.needs_interpreter else "Not needed"
    advocate = "Not needed"
    if d.needs_advocate:
        shown = d.advocate_details if shows_third_party_details(redaction) else ""
        advocate = f"Needed: {shown}" if shown else "Needed"
    return (
        ("Communication needs", _or_not_recorded(d.communication_needs)),
        ("Ways of communicating", methods or "None recorded"),
        ("Interpreter", interpreter),
        ("Advocate", advocate),
    )


def _culture(resident: ResidentView) -> tuple[tuple[str, str], ...]:
    d = resident.details
    facts = (
        ("Culture and background", d.culture_and_background),
        ("Faith and spirituality", d.faith_and_spirituality),
    )
    return tuple((label, text) for label, text in facts if text)


def current_consents(consents: list[ConsentView]) -> list[ConsentView]:
    """The latest decision on each topic (``consents`` newest first, as ``consents_for`` gives
    them); each "other" topic counts separately by what it is about."""
    seen: set[tuple[str, str]] = set()
    current = []
    for c in consents:
        key = (c.details.topic.value, c.details.details if c.details.topic is ConsentTopic.OTHER else "")
        if key not in seen:
            seen.add(key)
            current.append(c)
    return current


def review_text(review: date | None, today: date) -> str:
    """'01/02/2026', '01/02/2026 (overdue)' once the date has passed, or '' for none."""
    if review is None:
        return ""
    return f"{format_uk_date(review)} (overdue)" if review < today else format_uk_date(review)


def _consent_blocks(consents: list[ConsentView], today: date) -> list[Block]:
    rows = []
    overdue = 0
    for c in consents:
        d = c.details
        topic = f"{d.topic.label}: {d.details}" if d.topic is ConsentTopic.OTHER else d.topic.label
        who = f"{d.decided_by.label}: {d.decided_by_name}" if d.decided_by_name else d.decided_by.label
        overdue += bool(d.review_date and d.review_date < today)
        rows.append(
            (topic, d.decision.label, who, format_uk_date(d.decision_date), review_text(d.review_date, today))
        )
    blocks: list[Block] = [Heading("Consent")]
    if overdue:
        plural = "reviews are" if overdue > 1 else "review is"
        blocks.append(
            Note(f"{overdue} consent {plural} overdue: review before relying on them.", warning=True)
        )
    blocks.append(
        Table(
            columns=("Topic", "Decision", "Decided by", "Date", "Review by"),
            rows=tuple(rows),
            widths=(2.9, 1.8, 2.6, 1.2, 1.75),
            empty_text="No consent decisions recorded.",
        )
    )
    return blocks


def contact_text(person: KeyPersonDetails) -> str:
    """Phone and email on one line, the address on the next, the preferred way marked:
    '07700 900123 (prefers calls) · tom@example.org' / '4 High Street, Cardiff'."""
    pref = person.preferred_contact
    phone_tags = {ContactMethod.PHONE: " (prefers calls)", ContactMethod.TEXT_MESSAGE: " (prefers texts)"}
    first = []
    if person.phone:
        first.append(person.phone + (phone_tags.get(pref, "") if pref else ""))
    if person.email:
        first.append(person.email + (" (preferred)" if pref is ContactMethod.EMAIL else ""))
    address = ", ".join(x.strip() for x in person.address.splitlines() if x.strip())
    if address and pref is ContactMethod.LETTER:
        address += " (prefers letters)"
    lines = [" · ".join(first), address]
    if pref in (ContactMethod.VIDEO_CALL, ContactMethod.IN_PERSON):
        lines.append(f"Prefers {pref.label.lower()}")
    return "\n".join(line for line in lines if line)


def _key_people_blocks(ws: Workspace, resident_id: str, redaction: Redaction) -> list[Block]:
    from carelink_desktop.services.key_people import view_key_person
    from carelink_desktop.services.links import key_people_of

    detailed = shows_third_party_details(redaction)
    rows: list[tuple[str, ...]] = []
    for link in key_people_of(ws, resident_id):
        person = view_key_person(ws, link.key_person_id)
        if person.archived:
            continue
        if detailed:
            rows.append((link.key_person_name, link.relationship, contact_text(person.details)))
        else:
            rows.append((link.key_person_name, link.relationship))
    columns = ("Name", "Relationship", "Contact details") if detailed else ("Name", "Relationship")
    widths = (2.6, 1.8, 5.6) if detailed else (3.0, 2.2)
    return [
        Heading("Key people"),
        Table(columns=columns, rows=tuple(rows), widths=widths, empty_text="No key people recorded."),
    ]
