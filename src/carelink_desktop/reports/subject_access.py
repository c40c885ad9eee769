"""Subject access export: everything the home holds about one person, as a PDF and as JSON.

Everyone has the right to see the information held about them (UK GDPR Article 15). A manager
exports it for a resident or a key person: ``collect_subject_data`` gathers the person's rows
from every table that can refer to them (the coverage registry ``RECORD_TYPES`` in
``subject_access_registry``) into a plain, versioned JSON-able dict, documented in
``docs/SUBJECT_ACCESS.md``; ``build_subject_access_document`` lays that out as a readable
report; ``export_subject_access`` writes both files and audits the export.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from carelink_desktop.domain.consent import Capacity, ConsentDecision, ConsentTopic, DecidedBy
from carelink_desktop.domain.dates import format_uk_date, format_uk_datetime, utc_now
from carelink_desktop.domain.errors import NotFound, StorageError, ValidationError
from carelink_desktop.domain.key_people import ContactMethod, person_name
from carelink_desktop.domain.residents import CommunicationMethod, resident_name
from carelink_desktop.domain.roles import Permission
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
from carelink_desktop.reports.subject_access_registry import (
    KEY_PERSON,
    RECORD_TYPES,
    REDACTED,
    REDACTION_LABELS,
    RESIDENT,
    Extraction,
    RecordType,
    Row,
    Subject,
    person_tables,
    uncovered_tables,
)
from carelink_desktop.services.maintenance import home_view
from carelink_desktop.services.report_log import ReportAction, record_report_output
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.storage.atomic import write_atomically
from carelink_desktop.storage.tables import KeyPersonRow, ResidentRow, StaffAccountRow

__all__ = [
    "FORMAT",
    "RECORD_TYPES",
    "REDACTED",
    "VERSION",
    "build_subject_access_document",
    "collect_subject_data",
    "export_subject_access",
    "person_tables",
    "uncovered_tables",
]

FORMAT = "carelink-subject-access"
VERSION = 1


def _subject(session: Session, resident_id: str | None, key_person_id: str | None) -> Subject:
    if (resident_id is None) == (key_person_id is None):
        raise ValidationError({"subject": "Choose one resident or one key person."})
    if resident_id is not None:
        res = session.get(ResidentRow, resident_id)
        if res is None or res.deleted:
            raise NotFound(f"There is no resident with the id {resident_id}.")
        name = resident_name(res)
        return Subject(RESIDENT, res.id, name)
    person = session.get(KeyPersonRow, key_person_id)
    if person is None or person.deleted:
        raise NotFound(f"There is no key person with the id {key_person_id}.")
    return Subject(KEY_PERSON, person.id, person_name(person))


_ORDER = {what: n for n, what in enumerate(REDACTION_LABELS)}


def collect_subject_data(
    ws: Workspace,
    *,
    resident_id: str | None = None,
    key_person_id: str | None = None,
    include_third_parties: bool = False,
) -> dict[str, Any]:
    """Everything held about one resident or key person, as a JSON-able dict (format in
    docs/SUBJECT_ACCESS.md). Other people's names and contact details are replaced by
    ``REDACTED`` unless ``include_third_parties``.

    Managers only: it needs ``VIEW_AUDIT_LOG`` because it includes the audit trail of who
    looked at the record, which only those who may read the audit log may see. Raises
    NotFound for an unknown or deleted person."""
    ws.require(Permission.VIEW_AUDIT_LOG, "export everything held about a person")
    home = home_view(ws)
    with ws.read() as session:
        subject = _subject(session, resident_id, key_person_id)
        staff = {s.id: s.full_name for s in session.scalars(select(StaffAccountRow))}
        x = Extraction(session, subject, staff, include_third_parties)
        records = {t: rt.extract(x) for t, rt in RECORD_TYPES.items() if subject.type in rt.subjects}
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": utc_now().isoformat(timespec="seconds"),
        "generated_by": ws.actor.full_name,
        "home": {
            "name": home.name,
            "address": home.address,
            "phone": home.phone,
            "regulator_id": home.regulator_id,
        },
        "subject": {"type": subject.type, "id": subject.id, "name": subject.name},
        "third_parties_included": include_third_parties,
        "records": records,
        "redactions": [
            {"field": what, "description": REDACTION_LABELS.get(what, what), "count": n}
            for what, n in sorted(x.redacted.items(), key=lambda item: _ORDER.get(item[0], len(_ORDER)))
        ],
    }


_ENUMS: dict[str, type[StrEnum]] = {
    "topic": ConsentTopic,
    "decision": ConsentDecision,
    "decided_by": DecidedBy,
    "capacity": Capacity,
    "preferred_contact": ContactMethod,
    "communication_methods": CommunicationMethod,
}


def _get(row: Row, path: str) -> Any:
    value: Any = row
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _has(row: Row, path: str) -> bool:
    """Whether the record has the field at all (a resident's link has no ``resident.name``)."""
    head, _, rest = path.partition(".")
    inner = row.get(head, _MISSING)
    if not rest or inner is _MISSING:
        return inner is not _MISSING
    return isinstance(inner, dict) and _has(inner, rest)


_MISSING = object()


def _show(name: str, value: Any) -> str:
    """A JSON value as a person reads it: UK dates, Yes/No, labels instead of codes."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(_show(name, v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k.replace('_', ' ')}: {_show(k, v)}" for k, v in value.items())
    if name in _ENUMS:
        try:
            return str(getattr(_ENUMS[name](value), "label", value))
        except ValueError:
            return str(value)
    if isinstance(value, str) and (name.endswith("_at") or name == "at"):
        return format_uk_datetime(datetime.fromisoformat(value))
    if isinstance(value, str) and (name.endswith("_date") or name == "date_of_birth"):
        return format_uk_date(date.fromisoformat(value))
    return str(value)


def _value(rt: RecordType, row: Row, path: str) -> str:
    """A field of a record in words: the record type's own way of showing it, or the general one."""
    show = rt.show.get(path)
    value = _get(row, path)
    return show(value) if show is not None else _show(path.rsplit(".", 1)[-1], value)


def _section(rt: RecordType, rows: list[Row]) -> list[Block]:
    blocks: list[Block] = [Heading(rt.title)]
    if rt.description:
        blocks.append(Paragraph(rt.description))
    if not rows:
        return [*blocks, Paragraph("None held.")]
    fields = [(p, label) for p, label in rt.fields if any(_has(r, p) for r in rows)]
    if rt.layout == "facts":
        for n, row in enumerate(rows, 1):
            if len(rows) > 1:
                blocks.append(Heading(f"{rt.title}: {n} of {len(rows)}", level=2))
            facts = [(label, _value(rt, row, p) or "Not recorded") for p, label in fields]
            if row.get("deleted"):
                facts.append(("Removed", "Yes: removed as entered in error, but still held"))
            blocks.append(KeyFacts(tuple(facts)))
        return blocks
    cells = [
        tuple(
            _value(rt, r, p) + (" (removed)" if r.get("deleted") and i == 0 else "")
            for i, (p, _) in enumerate(fields)
        )
        for r in rows
    ]
    widths = tuple(rt.widths.get(p, 1.0) for p, _ in fields) if rt.widths else None
    return [
        *blocks,
        Table(tuple(label for _, label in fields), tuple(cells), widths=widths, empty_text="None held."),
    ]


def _unknown(table: str, rows: list[Row]) -> RecordType:
    """A record type this version does not know (a file from a newer version): every field."""
    names = tuple((k, k.replace("_", " ").capitalize()) for k in (rows[0] if rows else {}))
    return RecordType(table, table.replace("_", " ").capitalize(), "", frozenset(), lambda x: [], names)


def build_subject_access_document(
    data: dict[str, Any], *, printed_by: str, redaction: Redaction
) -> ReportDocument:
    """The readable report of ``data`` (from ``collect_subject_data``, or its JSON read back)."""
    subject, home, records = data["subject"], data["home"], data["records"]
    kinds = ", ".join(RECORD_TYPES[t].title.lower() if t in RECORD_TYPES else t for t in records)
    blocks: list[Block] = [
        Heading("Your right to see the information held about you"),
        Paragraph(
            "Under the UK General Data Protection Regulation (Article 15) and the Data Protection "
            "Act 2018, everyone has the right to see the personal information an organisation holds "
            f"about them. This is everything {home['name']} holds about {subject['name']} in its "
            f"CareLink records, as it stood on {_show('at', data['generated_at'])}: {kinds}. The "
            "last section lists every time a member of staff looked at, changed, printed or "
            "exported the record. Notes are shown as staff wrote them. The same information comes "
            "as a JSON file, for use on a computer."
        ),
    ]
    if data["redactions"]:
        withheld = "; ".join(f"{r['description'].lower()} ({r['count']})" for r in data["redactions"])
        blocks.append(
            Note(
                f"Information about other people has been withheld to protect their privacy "
                f"and is shown as '{REDACTED}': {withheld}."
            )
        )
    for table, rows in records.items():
        blocks.extend(_section(RECORD_TYPES.get(table) or _unknown(table, rows), rows))
    return ReportDocument(
        title="Subject access: information held",
        subject=subject["name"],
        home_name=home["name"],
        printed_by=printed_by,
        printed_at=datetime.fromisoformat(data["generated_at"]),
        redaction=redaction,
        blocks=tuple(blocks),
    )


def export_subject_access(
    ws: Workspace,
    out_dir: Path,
    *,
    resident_id: str | None = None,
    key_person_id: str | None = None,
    include_third_parties: bool = False,
    paper: str = "A4",
) -> tuple[Path, Path]:
    """Write ``subject-access-<short id>.pdf`` and ``.json`` into ``out_dir`` (owner-only files,
    written atomically), audit the export and return both paths. A missing folder raises
    StorageError, an unknown person NotFound, a non-manager PermissionDenied."""
    ws.require(Permission.VIEW_AUDIT_LOG, "export everything held about a person")
    folder = Path(out_dir)
    if not folder.is_dir():
        raise StorageError(f"The folder {folder} does not exist: nothing was exported.")
    data = collect_subject_data(
        ws, resident_id=resident_id, key_person_id=key_person_id, include_third_parties=include_third_parties
    )
    redaction = Redaction.INTERNAL if include_third_parties else Redaction.SUBJECT
    document = build_subject_access_document(data, printed_by=ws.actor.full_name, redaction=redaction)
    from carelink_desktop.reports.pdf import render_pdf

    pdf = render_pdf(document, paper=paper)
    text = (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    subject = data["subject"]
    stem = folder / f"subject-access-{subject['id'][:8]}"
    paths = (stem.with_name(stem.name + ".pdf"), stem.with_name(stem.name + ".json"))
    written: list[Path] = []
    try:
        for path, content in zip(paths, (pdf, text), strict=True):
            write_atomically(
                path, content, what=f"the subject access {path.suffix[1:].upper()}", private=True
            )
            written.append(path)
        record_report_output(
            ws,
            ReportAction.EXPORTED,
            report="subject_access",
            redaction=redaction.value,
            resident_id=subject["id"] if subject["type"] == RESIDENT else None,
            subject_type=subject["type"],
            subject_id=subject["id"],
            details={"third_parties": include_third_parties, "files": [p.name for p in paths]},
        )
    except BaseException:
        for path in written:  # no unaudited copy left behind
            path.unlink(missing_ok=True)
        raise
    return paths
