"""The reportlab flowables for each block of a ReportDocument (pages are made in ``pdf``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, TableStyle
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from carelink_desktop.reports.document import (
    BarChart,
    Block,
    Diagram,
    Heading,
    KeyFacts,
    LineChart,
    Note,
    PageBreak,
    Paragraph,
    Redaction,
    SignatureLines,
    Table,
)
from carelink_desktop.reports.pdf_style import (
    HEADER_FILL,
    INFO_BAR,
    INFO_FILL,
    MUTED,
    NAVY,
    REGULAR,
    RULE,
    SENSITIVE_BAR,
    SENSITIVE_FILL,
    STYLES,
    WARN_BAR,
    WARN_FILL,
    ZEBRA,
    drawn_by_dejavu,
    markup,
    para,
)

# -- flowables -----------------------------------------------------------------------------


class Boxed(Flowable):  # type: ignore[misc]
    """A paragraph inside a tinted panel with a coloured bar at its left; splits across pages."""

    PAD = 5.0

    def __init__(self, inner: RLParagraph, *, fill: Any, bar: Any, border: Any = None, tag: str = "") -> None:
        super().__init__()
        self.inner, self.fill, self.bar, self.border, self.tag = inner, fill, bar, border, tag
        self.spaceBefore, self.spaceAfter = 2, 7
        self._tag = para(tag, "tag") if tag else None
        self._tag_h = 0.0

    def _inner_width(self, width: float) -> float:
        return width - 2 * self.PAD - 3

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        w = self._inner_width(avail_width)
        self._tag_h = self._tag.wrap(w, avail_height)[1] + 1 if self._tag else 0.0
        _, h = self.inner.wrap(w, avail_height)
        self.width, self.height = avail_width, h + self._tag_h + 2 * self.PAD
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        w = self._inner_width(avail_width)
        tag_h = self._tag.wrap(w, avail_height)[1] + 1 if self._tag else 0.0
        parts = self.inner.split(w, avail_height - 2 * self.PAD - tag_h)
        if len(parts) < 2:
            return []
        first = Boxed(parts[0], fill=self.fill, bar=self.bar, border=self.border, tag=self.tag)
        rest = [Boxed(p, fill=self.fill, bar=self.bar, border=self.border) for p in parts[1:]]
        return [first, *rest]

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFillColor(self.fill)
        if self.border is not None:
            c.setStrokeColor(self.border)
            c.setLineWidth(0.6)
            c.rect(0, 0, self.width, self.height, stroke=1, fill=1)
        else:
            c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        c.setFillColor(self.bar)
        c.rect(0, 0, 3, self.height, stroke=0, fill=1)
        c.restoreState()
        x = 3 + self.PAD
        y = self.PAD + self.inner.height
        self.inner.drawOn(c, x, self.PAD)
        if self._tag is not None:
            self._tag.drawOn(c, x, y + 1)


class PlaceholderBox(Flowable):  # type: ignore[misc]
    """A dashed box standing for a drawing that is not made yet."""

    def __init__(self, text: str, height: float = 42 * mm) -> None:
        super().__init__()
        self.text, self.box_height = text, height
        self.spaceBefore, self.spaceAfter = 4, 3

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, self.box_height
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(RULE)
        c.setFillColor(ZEBRA)
        c.setDash(4, 3)
        c.roundRect(0, 0, self.width, self.height, 6, stroke=1, fill=1)
        c.restoreState()
        p = para(self.text, "diagram")
        _, h = p.wrap(self.width - 20, self.height)
        p.drawOn(c, 10, (self.height - h) / 2)


DiagramFactory = Callable[[Diagram, float], list[Flowable]]


def _placeholder(diagram: Diagram, width: float) -> list[Flowable]:
    # only text is shown: never the repr of whatever data a later drawing will need
    text = diagram.data if isinstance(diagram.data, str) and diagram.data else "Diagram to follow"
    return [PlaceholderBox(text)]


#: How each kind of Diagram is drawn; later reports register theirs with ``register_diagram``.
DIAGRAMS: dict[str, DiagramFactory] = {"placeholder": _placeholder}


def register_diagram(kind: str, factory: DiagramFactory) -> None:
    """Teach the renderer a new kind of drawing: ``factory(diagram, frame_width)`` → flowables."""
    DIAGRAMS[kind] = factory


# -- blocks --------------------------------------------------------------------------------


def _table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    """A table style whose plain-text cells use the embedded font too (never Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands])


CELL_PADDING_X = 4.0


def _cell(text: str, style: str, inner_width: float) -> str | RLParagraph:
    """A table cell: plain text when it fits on one line in DejaVu Sans (much faster to lay out
    and draw, which matters for tables of thousands of rows), else a Paragraph that wraps and
    sets emoji in the fallback font."""
    plain = "".join(ch for ch in text.replace("\t", " ") if ord(ch) >= 32)
    st = STYLES[style]
    if (
        plain == text.replace("\t", " ")
        and drawn_by_dejavu(plain)
        and stringWidth(plain, st.fontName, st.fontSize) <= inner_width
    ):
        return plain
    return para(text, style)


def _table(block: Table, width: float) -> list[Flowable]:
    out: list[Flowable] = [para(block.title, "caption")] if block.title else []
    if not block.rows:
        return [*out, para(block.empty_text, "empty")]
    n = len(block.columns)
    rel = block.widths if block.widths and len(block.widths) == n else (1.0,) * n
    col_widths = [width * w / sum(rel) for w in rel]
    inner = [w - 2 * CELL_PADDING_X - 0.5 for w in col_widths]
    data: list[list[str | RLParagraph]] = [
        [_cell(c, "cell_head", w) for c, w in zip(block.columns, inner, strict=True)]
    ]
    for row in block.rows:
        cells = (*row, *("",) * (n - len(row)))[:n]
        data.append([_cell(c, "cell", w) for c, w in zip(cells, inner, strict=True)])
    t = RLTable(data, colWidths=col_widths, repeatRows=1, splitByRow=1, splitInRow=1, hAlign="LEFT")
    body, head = STYLES["cell"], STYLES["cell_head"]
    t.setStyle(
        _table_style(
            [
                ("FONTSIZE", (0, 0), (-1, -1), body.fontSize),
                ("LEADING", (0, 0), (-1, -1), body.leading),
                ("TEXTCOLOR", (0, 0), (-1, -1), body.textColor),
                ("FONTNAME", (0, 0), (-1, 0), head.fontName),
                ("TEXTCOLOR", (0, 0), (-1, 0), head.textColor),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, NAVY),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING_X),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING_X),
            ]
        )
    )
    t.spaceAfter = 8
    return [*out, t]


def _key_facts(block: KeyFacts, width: float) -> list[Flowable]:
    if not block.items:
        return []
    data = [[para(label, "label"), para(value or "—", "value")] for label, value in block.items]
    t = RLTable(data, colWidths=[width * 0.3, width * 0.7], splitInRow=1, hAlign="LEFT")
    t.setStyle(
        _table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("TOPPADDING", (0, 0), (0, -1), 2.2),  # the smaller label sits on the value's baseline
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    t.spaceAfter = 6
    return [t]


#: What is written on each signature line, unless the block says otherwise.
SIGNATURE_CAPTIONS = ("Name", "Signature", "Date")


def _signatures(block: SignatureLines, width: float) -> list[Flowable]:
    # a block may name its own three captions ("Name", "Signature", "Time" at a handover)
    captions = tuple(getattr(block, "captions", SIGNATURE_CAPTIONS))[:3]
    captions += SIGNATURE_CAPTIONS[len(captions) :]
    data: list[list[Any]] = []
    for label in block.labels:
        data.append([para(label, "label"), "", "", ""])
        data.append(["", *(para(caption, "sign_caption") for caption in captions)])
    t = RLTable(
        data,
        colWidths=[width * f for f in (0.25, 0.3, 0.3, 0.15)],
        hAlign="LEFT",
        rowHeights=[26, 12] * len(block.labels),
    )
    cmds: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
    ]
    for i in range(len(block.labels)):
        cmds.append(("LINEBELOW", (1, 2 * i), (-1, 2 * i), 0.6, MUTED))
    t.setStyle(_table_style(cmds))
    return [KeepTogether([Spacer(1, 6), t, Spacer(1, 6)])]


def block_flowables(block: Block, width: float, redaction: Redaction) -> list[Flowable]:
    """The reportlab flowables for one block of the document, ``width`` points wide."""
    if isinstance(block, Heading):
        return [para(block.text, "h1" if block.level <= 1 else "h2")]
    if isinstance(block, Paragraph):
        if block.sensitive and redaction is Redaction.PROFESSIONAL:
            return [
                Boxed(
                    para(block.text),
                    fill=SENSITIVE_FILL,
                    bar=SENSITIVE_BAR,
                    tag="SENSITIVE — share only as the law allows",
                )
            ]
        return [para(block.text)]
    if isinstance(block, KeyFacts):
        return _key_facts(block, width)
    if isinstance(block, Table):
        return _table(block, width)
    if isinstance(block, Note):
        if block.warning:
            text = RLParagraph(f"<b>{markup(block.text)}</b>", STYLES["note"])
            return [Boxed(text, fill=WARN_FILL, bar=WARN_BAR, border=WARN_BAR)]
        return [Boxed(para(block.text, "note"), fill=INFO_FILL, bar=INFO_BAR)]
    if isinstance(block, Diagram):
        factory = DIAGRAMS.get(block.kind)
        drawn = factory(block, width) if factory else []
        caption = [para(block.caption, "diagram")] if block.caption else []
        return [KeepTogether([*drawn, *caption, Spacer(1, 6)])] if drawn else caption
    if isinstance(block, SignatureLines):
        return _signatures(block, width)
    if isinstance(block, PageBreak):
        return [RLPageBreak()]
    if isinstance(block, BarChart | LineChart):
        from carelink_desktop.reports.pdf_charts import chart_flowables

        return chart_flowables(block, width)
    return []


#: A heading moves to the next page when less than this is left below it (points).
KEEP_WITH_NEXT_ROOM = 110.0


class KeepWithNext(KeepTogether):  # type: ignore[misc]
    """A heading and what follows: moved to the next page together only when less than
    KEEP_WITH_NEXT_ROOM is left; with more room, content too long for it starts here."""

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (avail_width, avail_height):
            self.wrap(avail_width, avail_height)
        if self._H > avail_height >= KEEP_WITH_NEXT_ROOM:
            return list(self._content)
        return list(super().split(avail_width, avail_height))


def keep_headings_with_content(story: list[Flowable]) -> list[Flowable]:
    """Group each heading with what follows it, so a heading is never last on a page; a long
    table after a heading starts under it rather than leaving the rest of the page empty."""
    grouped: list[Flowable] = []
    pending: list[Flowable] = []
    for f in story:
        pending.append(f)
        if f.getKeepWithNext():
            continue
        if len(pending) == 1:
            grouped.append(f)
        else:
            for g in pending:
                g.__dict__["keepWithNext"] = 0  # done here: reportlab's own grouping has no room limit
            grouped.append(KeepWithNext(pending))
        pending = []
    grouped.extend(pending)
    return grouped
