"""The neutral report document: its text (what tests and search read), the footer's wording and
what each redaction lets a report show."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from carelink_desktop.reports.document import (
    Diagram,
    Heading,
    KeyFacts,
    Note,
    PageBreak,
    Paragraph,
    Redaction,
    ReportDocument,
    SignatureLines,
    Table,
    block_text,
    blocks_text,
    page_label,
    printed_line,
)
from carelink_desktop.reports.redaction import (
    marks_sensitive,
    parse_redaction,
    redaction_notice,
    shows_safeguarding,
    shows_sensitive,
    shows_staff_notes,
    shows_third_party_details,
)


def _doc(*blocks, printed_at: datetime | None = None) -> ReportDocument:  # type: ignore[no-untyped-def]
    return ReportDocument(
        title="Resident face sheet",
        subject="Nguyễn Thị Hương",
        home_name="Rosewood House",
        printed_by="Amira Khan",
        printed_at=printed_at or datetime(2026, 3, 7, 9, 5),
        redaction=Redaction.INTERNAL,
        blocks=tuple(blocks),
    )


def test_text_lists_every_block_in_order() -> None:
    doc = _doc(
        Heading("About me"),
        KeyFacts((("Room", "12"), ("Date of birth", "07/03/1938"))),
        Paragraph("Likes Welsh hymns.", sensitive=True),
        Table(("Name", "Relationship"), (("Dafydd Llŷr", "son"),), title="Key people"),
        Note("Review overdue.", warning=True),
        Diagram("placeholder", None, caption="Relationship circle"),
        SignatureLines(("Keyworker",)),
        PageBreak(),
    )
    assert doc.text().splitlines() == [
        "Resident face sheet",
        "Nguyễn Thị Hương",
        "Rosewood House",
        "About me",
        "Room: 12",
        "Date of birth: 07/03/1938",
        "Likes Welsh hymns.",
        "Key people",
        "Name | Relationship",
        "Dafydd Llŷr | son",
        "Review overdue.",
        "Relationship circle",
        "Keyworker",
    ]


def test_an_empty_table_reads_as_its_empty_text() -> None:
    assert block_text(Table(("A", "B"), ())) == ["", "None recorded."]
    assert block_text(Table(("A",), (), title="Visits", empty_text="No visits.")) == ["Visits", "No visits."]


def test_blocks_text_skips_empty_lines() -> None:
    assert blocks_text([Heading("A"), PageBreak(), Diagram("x", None), Paragraph("b")]) == "A\nb"


def test_page_label() -> None:
    assert page_label(2, 5) == "Page 2 of 5"


def test_printed_line_uses_uk_dates_and_local_time() -> None:
    assert printed_line(_doc()) == "Printed by Amira Khan on 07/03/2026 at 09:05"
    aware = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)
    local = aware.astimezone()
    assert (
        printed_line(_doc(printed_at=aware)) == f"Printed by Amira Khan on {local:%d/%m/%Y} at {local:%H:%M}"
    )
    # a time from another zone is shown in this PC's local time, not the zone it was made in
    elsewhere = datetime(2026, 7, 1, 12, 0, tzinfo=timezone(timedelta(hours=9)))
    assert printed_line(_doc(printed_at=elsewhere)).endswith(f"{elsewhere.astimezone():%H:%M}")


def test_redaction_labels() -> None:
    assert [r.short_label for r in Redaction] == [
        "Internal",
        "For the family",
        "For a professional",
        "For the person it is about",
    ]
    assert all(r.label for r in Redaction)


@pytest.mark.parametrize(
    ("redaction", "third_party", "sensitive", "marked"),
    [
        (Redaction.INTERNAL, True, True, False),
        (Redaction.FAMILY, False, False, False),
        (Redaction.PROFESSIONAL, True, True, True),
    ],
)
def test_what_each_redaction_shows(
    redaction: Redaction, third_party: bool, sensitive: bool, marked: bool
) -> None:
    assert shows_third_party_details(redaction) is third_party
    assert shows_sensitive(redaction) is sensitive
    assert shows_staff_notes(redaction) is sensitive
    assert shows_safeguarding(redaction) is third_party
    assert marks_sensitive(redaction) is marked
    assert bool(redaction_notice(redaction)) is (redaction is not Redaction.INTERNAL)


def test_parse_redaction() -> None:
    assert parse_redaction(" Family ") is Redaction.FAMILY
    with pytest.raises(ValueError, match="internal, family, professional"):
        parse_redaction("public")


def test_the_subject_copy_withholds_other_people_but_not_their_own_notes() -> None:
    from carelink_desktop.reports.redaction import (
        redaction_notice,
        shows_staff_notes,
        shows_third_party_details,
    )

    assert not shows_third_party_details(Redaction.SUBJECT)
    assert shows_staff_notes(Redaction.SUBJECT)
    assert "other people's details withheld" in redaction_notice(Redaction.SUBJECT)
