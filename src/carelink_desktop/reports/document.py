"""The neutral document every report builds before anything is drawn.

Builders (face sheet, subject access export, later visit summaries...) return a ReportDocument;
``reports.pdf`` renders it with reportlab. Tests check the document's content directly, and a few
check the rendered PDF's text. Nothing here knows about PDF, Qt or the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

HANDLING_LINE = (
    "Contains personal data — store securely, do not leave unattended, shred when no longer needed"
)


class Redaction(StrEnum):
    """How much a printed or exported report may show; chosen when printing, shown on every page."""

    INTERNAL = "internal"
    FAMILY = "family"
    PROFESSIONAL = "professional"
    #: For the person the record is about (subject access): their own information in full,
    #: other people's details withheld.
    SUBJECT = "subject"

    @property
    def label(self) -> str:
        return {
            "internal": "Internal: everything the viewer may see",
            "family": "For the family: no third-party, safeguarding or restriction details",
            "professional": "For an inspector or other professional: sensitive free text marked",
            "subject": "For the person it is about: their own information, other people's details withheld",
        }[self.value]

    @property
    def short_label(self) -> str:
        return {
            "internal": "Internal",
            "family": "For the family",
            "professional": "For a professional",
            "subject": "For the person it is about",
        }[self.value]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1 section, 2 subsection


@dataclass(frozen=True)
class Paragraph:
    text: str
    #: Free text that may hold sensitive detail: marked as such in the professional redaction.
    sensitive: bool = False


@dataclass(frozen=True)
class KeyFacts:
    """Label and value pairs laid out as a two-column block ("Date of birth: 07/03/1938")."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    """Rows of cells under column headings; long tables split across pages, headings repeated."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: Relative column widths (any units; they are scaled to the page), or None for equal widths.
    widths: tuple[float, ...] | None = None
    title: str = ""
    empty_text: str = "None recorded."


@dataclass(frozen=True)
class Note:
    """A boxed remark: information, or a warning that must stand out."""

    text: str
    warning: bool = False


@dataclass(frozen=True)
class Diagram:
    """A drawing the renderer knows how to make (``kind``), e.g. a relationship circle."""

    kind: str
    data: Any
    caption: str = ""


@dataclass(frozen=True)
class SignatureLines:
    """Lines for people to sign and date, e.g. ("Keyworker", "Resident or representative")."""

    labels: tuple[str, ...]


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class BarChart:
    """Bars of ``values`` (one per label), drawn across the page with the labels at their left.

    ``summary`` is the chart in words (shown under it and read by anyone who cannot see it);
    the builder adds a small table of the figures as well where a sentence is not enough."""

    title: str
    labels: tuple[str, ...]
    values: tuple[int, ...]
    summary: str = ""
    #: What is counted, for the value axis ("Concerns raised").
    value_title: str = ""


@dataclass(frozen=True)
class LineChart:
    """A line through ``values`` (one per label, in order: a trend over time).

    ``tick_labels`` (as many as ``labels``, most of them "") are what the category axis shows
    when there are too many points to label each; ``labels`` name every point in words."""

    title: str
    labels: tuple[str, ...]
    values: tuple[int, ...]
    summary: str = ""
    value_title: str = ""
    tick_labels: tuple[str, ...] = ()


Chart = BarChart | LineChart

Block = (
    Heading
    | Paragraph
    | KeyFacts
    | Table
    | Note
    | Diagram
    | SignatureLines
    | PageBreak
    | BarChart
    | LineChart
)


@dataclass(frozen=True)
class ReportDocument:
    """One report, ready to render. ``subject`` (whose report it is) appears on every page but
    never in the PDF's metadata; ``title`` is generic ("Resident face sheet")."""

    title: str
    subject: str
    home_name: str
    printed_by: str
    printed_at: datetime
    redaction: Redaction
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def text(self) -> str:
        """Every piece of text in the document, one per line (for tests and search)."""
        lines = [self.title, self.subject, self.home_name]
        for block in self.blocks:
            lines.extend(block_text(block))
        return "\n".join(line for line in lines if line)


def block_text(block: Block) -> list[str]:
    if isinstance(block, Heading | Paragraph | Note):
        return [block.text]
    if isinstance(block, KeyFacts):
        return [f"{label}: {value}" for label, value in block.items]
    if isinstance(block, Table):
        if not block.rows:  # what the page shows instead of an empty table
            return [block.title, block.empty_text]
        return [block.title, " | ".join(block.columns)] + [" | ".join(row) for row in block.rows]
    if isinstance(block, Diagram):
        return [block.caption]
    if isinstance(block, SignatureLines):
        return list(block.labels)
    if isinstance(block, BarChart | LineChart):
        return [block.title, block.summary]
    return []


def page_label(number: int, total: int) -> str:
    """'Page 2 of 5', as every page's footer shows it."""
    return f"Page {number} of {total}"


def printed_line(doc: ReportDocument) -> str:
    """'Printed by Amira Khan on 22/11/2026 at 14:05', in local time (an aware time is converted)."""
    at = doc.printed_at.astimezone() if doc.printed_at.tzinfo is not None else doc.printed_at
    return f"Printed by {doc.printed_by} on {at:%d/%m/%Y} at {at:%H:%M}"


def blocks_text(blocks: tuple[Block, ...] | list[Block]) -> str:
    """The text of some blocks, one piece per line (as ``ReportDocument.text`` gives for all)."""
    return "\n".join(line for block in blocks for line in block_text(block) if line)
