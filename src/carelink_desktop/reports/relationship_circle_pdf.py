"""The relationship circle in a PDF: ``Diagram("relationship_circle", CircleDrawing(...))``.

Drawn as vectors and real text (reportlab graphics, DejaVu Sans), laid out by
``domain.relationship_circle`` and scaled to the page, with a legend below. It reads in
greyscale: line styles differ by pattern (solid, dashed, dotted, zig-zag), people's fills by
shade, and marks are words. Importing this module registers the kind with the renderer.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from carelink_desktop.domain.relationship_circle import (
    CATEGORY_SHADES,
    Box,
    CircleDrawing,
    CircleLayout,
    PlacedPerson,
    layout_circle,
)
from carelink_desktop.domain.relationships import MARK_MEANINGS, Category, Quality
from carelink_desktop.reports.document import Diagram
from carelink_desktop.reports.pdf_blocks import register_diagram
from carelink_desktop.reports.pdf_style import (
    BOLD,
    CONFIDENTIAL_RED,
    INK,
    MUTED,
    NAVY,
    REGULAR,
    RULE,
    ZEBRA,
    register_fonts,
)

KIND = "relationship_circle"
#: The layout's font size: at full scale the labels print at this size (points).
FONT_SIZE = 8.0
#: The drawing's greatest height, as a share of an A4 page's frame; a crowded circle whose text
#: would print smaller than MIN_TEXT may take up to TALL_SHARE of it instead.
HEIGHT_SHARE, TALL_SHARE, MIN_TEXT = 0.6, 0.85, 5.5
LEGEND_SIZE = 7.5

#: Node fills by category: from dark to light in even steps (luma about 38, 86, 127, 166, 203
#: and 244 of 255), so they stay apart when printed in greyscale too.
CATEGORY_FILLS: dict[Category, colors.Color] = {c: colors.HexColor(h) for c, h in CATEGORY_SHADES.items()}
LINE_COLOURS: dict[Quality, colors.Color] = {
    Quality.POSITIVE: NAVY,
    Quality.MIXED: INK,
    Quality.STRAINED: INK,
    Quality.CONFLICT: CONFIDENTIAL_RED,
}
LABEL_FILL = colors.white  # a line from the centre passes under a label, never through its text


def _frame_height() -> float:
    # imported here: pdf.py may import this module to register the drawing
    from carelink_desktop.reports.pdf import FOOTER_HEIGHT, HEADER_HEIGHT

    return float(A4[1] - HEADER_HEIGHT - FOOTER_HEIGHT)


def measure(text: str, size: float) -> float:
    """The width of ``text`` in DejaVu Sans (regular or bold, whichever is wider)."""
    return float(max(stringWidth(text, REGULAR, size), stringWidth(text, BOLD, size)))


# -- lines between the resident and each person --------------------------------------------


def _zigzag(x1: float, y1: float, x2: float, y2: float, *, wave: float, amplitude: float) -> list[float]:
    """The points of a zig-zag from (x1, y1) to (x2, y2), flat for a short way at each end."""
    length = math.hypot(x2 - x1, y2 - y1)
    if length < 3 * wave:
        return [x1, y1, x2, y2]
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    nx, ny = -uy, ux
    points = [x1, y1]
    teeth = int((length - 2 * wave) / (wave / 2))
    for k in range(1, teeth):
        t = wave + k * wave / 2
        side = amplitude if k % 2 else -amplitude
        points.extend((x1 + ux * t + nx * side, y1 + uy * t + ny * side))
    points.extend((x2, y2))
    return points


def connector(
    quality: Quality, start: tuple[float, float], end: tuple[float, float], *, unit: float
) -> Line | PolyLine:
    """The line for one relationship, styled by how it is going; ``unit`` scales its pattern."""
    (x1, y1), (x2, y2) = start, end
    colour = LINE_COLOURS[quality]
    if quality is Quality.CONFLICT:
        points = _zigzag(x1, y1, x2, y2, wave=5.0 * unit, amplitude=1.5 * unit)
        return PolyLine(points, strokeColor=colour, strokeWidth=0.8 * unit, strokeLineJoin=1)
    line = Line(x1, y1, x2, y2, strokeColor=colour)
    if quality is Quality.POSITIVE:
        line.strokeWidth = 1.8 * unit
    elif quality is Quality.MIXED:
        line.strokeWidth = 1.0 * unit
        line.strokeDashArray = [4.0 * unit, 2.2 * unit]
    else:  # strained: dots
        line.strokeWidth = 1.5 * unit
        line.strokeDashArray = [0.01 * unit, 2.8 * unit]
        line.strokeLineCap = 1
    return line


# -- the circle ----------------------------------------------------------------------------


class _Painter:
    """Draws a layout into a reportlab group: layout coordinates have y growing downwards,
    a drawing's grow upwards, so every y is flipped."""

    def __init__(self, layout: CircleLayout, scale: float) -> None:
        self.layout = layout
        self.group = Group(transform=(scale, 0, 0, scale, 0, 0))
        self.unit = layout.font_size / FONT_SIZE  # line widths and patterns follow the text
        self.cx, self.cy = layout.cx, self.y(layout.cy)

    def y(self, y: float) -> float:
        return self.layout.height - y

    def box(
        self, box: Box, fill: colors.Color, *, stroke: colors.Color | None = None, corner: float = 1.5
    ) -> None:
        self.group.add(
            Rect(
                box.x,
                self.y(box.bottom),
                box.width,
                box.height,
                fillColor=fill,
                strokeColor=stroke,
                strokeWidth=0.5 * self.unit,
                rx=corner,
                ry=corner,
            )
        )

    def text(self, box: Box, lines: Sequence[tuple[str, str, colors.Color]], align: str) -> None:
        """Lines (text, font, colour) top to bottom inside a box of the layout."""
        layout = self.layout
        f, pad = layout.font_size, layout.padding
        anchor, x = {
            "left": ("start", box.x + pad),
            "right": ("end", box.right - pad),
            "centre": ("middle", box.x + box.width / 2),
        }[align]
        for i, (text, font, colour) in enumerate(lines):
            baseline = box.y + pad + i * layout.line_height + 0.97 * f  # DejaVu: ascent 0.93 em
            self.group.add(
                String(
                    x, self.y(baseline), text, fontName=font, fontSize=f, fillColor=colour, textAnchor=anchor
                )
            )

    def rings(self) -> None:
        for number, radius in reversed(list(enumerate(self.layout.ring_radii, start=1))):
            fill = ZEBRA if number % 2 else colors.white
            self.group.add(
                Circle(
                    self.cx, self.cy, radius, fillColor=fill, strokeColor=RULE, strokeWidth=0.9 * self.unit
                )
            )

    def boundaries(self) -> None:
        layout = self.layout
        if len(layout.sectors) < 2:
            return
        inner = math.hypot(layout.centre_label.width, layout.centre_label.height) / 2
        outer = layout.ring_radii[-1]
        for sector in layout.sectors:
            s, c = math.sin(sector.start), math.cos(sector.start)
            self.group.add(
                Line(
                    self.cx + inner * s,
                    self.cy + inner * c,
                    self.cx + outer * s,
                    self.cy + outer * c,
                    strokeColor=RULE,
                    strokeWidth=0.6 * self.unit,
                    strokeDashArray=[1.5 * self.unit, 1.5 * self.unit],
                )
            )

    def spokes(self) -> None:
        for placed in self.layout.people:
            x, y = placed.x, self.y(placed.y)
            d = math.hypot(x - self.cx, y - self.cy) or 1.0
            end = (x - (x - self.cx) / d * placed.node_radius, y - (y - self.cy) / d * placed.node_radius)
            self.group.add(connector(placed.person.quality, (self.cx, self.cy), end, unit=self.unit))

    def nodes(self) -> None:
        for placed in self.layout.people:
            self.group.add(
                Circle(
                    placed.x,
                    self.y(placed.y),
                    placed.node_radius,
                    fillColor=CATEGORY_FILLS[placed.person.category],
                    strokeColor=INK,
                    strokeWidth=0.6 * self.unit,
                )
            )

    def names(self) -> None:
        """Ring numbers, category names, people's labels and the resident's name."""
        layout = self.layout
        for number, box in enumerate(layout.ring_labels, start=1):
            self.box(box, colors.white, stroke=RULE, corner=2)
            self.text(box, [(str(number), BOLD, MUTED)], "centre")
        for sector in layout.sectors:
            if sector.label is not None:
                self.text(sector.label, [(sector.category.label, BOLD, MUTED)], "centre")
        for placed in layout.people:
            self.box(placed.label, LABEL_FILL)
            self.text(placed.label, _label_styles(placed), placed.align)
        self.box(layout.centre_label, NAVY, corner=3)
        self.text(layout.centre_label, [(text, BOLD, colors.white) for text in layout.centre_lines], "centre")


def _label_styles(placed: PlacedPerson) -> list[tuple[str, str, colors.Color]]:
    """A label's lines: the name in bold, the relationship muted, the marks in navy."""
    styles = [(BOLD, INK), (REGULAR, MUTED), (REGULAR, NAVY)]
    if not placed.person.relationship:
        del styles[1]
    return [(text, font, colour) for text, (font, colour) in zip(placed.lines, styles, strict=False)]


def draw_circle(layout: CircleLayout, scale: float) -> Drawing:
    """The laid-out circle as a reportlab Drawing, ``scale`` times the layout's size."""
    painter = _Painter(layout, scale)
    painter.rings()
    painter.boundaries()
    painter.spokes()
    painter.nodes()
    painter.names()
    drawing = Drawing(layout.width * scale, layout.height * scale)
    drawing.add(painter.group)
    return drawing


# -- legend --------------------------------------------------------------------------------

_Item = tuple[float, Callable[[Group, float, float], None]]  # width, draw(group, x, baseline)


def _text_item(text: str, font: str = REGULAR, colour: colors.Color = INK) -> _Item:
    def draw(group: Group, x: float, baseline: float) -> None:
        group.add(String(x, baseline, text, fontName=font, fontSize=LEGEND_SIZE, fillColor=colour))

    return stringWidth(text, font, LEGEND_SIZE), draw


def _line_item(quality: Quality) -> _Item:
    label_w, label = _text_item(quality.label)
    sample = 26.0

    def draw(group: Group, x: float, baseline: float) -> None:
        mid = baseline + LEGEND_SIZE * 0.32
        group.add(connector(quality, (x, mid), (x + sample, mid), unit=0.8))
        label(group, x + sample + 4, baseline)

    return sample + 4 + label_w, draw


def _swatch_item(category: Category) -> _Item:
    label_w, label = _text_item(category.label)
    r = LEGEND_SIZE * 0.45

    def draw(group: Group, x: float, baseline: float) -> None:
        group.add(
            Circle(
                x + r,
                baseline + LEGEND_SIZE * 0.32,
                r,
                fillColor=CATEGORY_FILLS[category],
                strokeColor=INK,
                strokeWidth=0.5,
            )
        )
        label(group, x + 2 * r + 4, baseline)

    return 2 * r + 4 + label_w, draw


def _mark_item(tag: str, meaning: str) -> _Item:
    tag_w, tag_draw = _text_item(tag, BOLD, NAVY)
    meaning_w, meaning_draw = _text_item(meaning)

    def draw(group: Group, x: float, baseline: float) -> None:
        tag_draw(group, x, baseline)
        meaning_draw(group, x + tag_w + 4, baseline)

    return tag_w + 4 + meaning_w, draw


def _marks_used(drawing: CircleDrawing) -> list[tuple[str, str]]:
    used = {mark.split(" ")[0] for person in drawing.people for mark in person.marks}
    return [(tag, meaning) for tag, meaning in MARK_MEANINGS if tag in used]


def legend(drawing: CircleDrawing, layout: CircleLayout, width: float) -> Drawing:
    """What the lines, fills, circles and marks mean: a drawing ``width`` points wide."""
    rows: list[tuple[str, list[_Item]]] = [
        ("Lines", [_line_item(q) for q in Quality]),
        ("Circles", [_text_item("1 is the closest to the resident, 4 the furthest")]),
        ("People", [_swatch_item(s.category) for s in layout.sectors if drawing.people]),
        ("Marks", [_mark_item(tag, meaning) for tag, meaning in _marks_used(drawing)]),
    ]
    heading_w = max(stringWidth(title, BOLD, LEGEND_SIZE) for title, _ in rows) + 8
    gap, line_h = 12.0, LEGEND_SIZE * 1.55
    placed: list[tuple[int, float, Callable[[Group, float, float], None]]] = []
    line = 0
    for title, items in rows:
        if not items:
            continue
        placed.append((line, 0.0, _text_item(title, BOLD, MUTED)[1]))
        x = heading_w
        for item_w, draw in items:
            if x > heading_w and x + item_w > width:
                line, x = line + 1, heading_w
            placed.append((line, x, draw))
            x += item_w + gap
        line += 1
    height = line * line_h + 4
    group = Group()
    for row, x, draw in placed:
        draw(group, x, height - (row + 1) * line_h + LEGEND_SIZE * 0.35)
    result = Drawing(width, height)
    result.add(group)
    return result


# -- the diagram kind ----------------------------------------------------------------------


def circle_flowables(diagram: Diagram, width: float) -> list[Flowable]:
    """The relationship circle, scaled to ``width`` (and a share of an A4 page's height), and
    its legend."""
    data = diagram.data
    if not isinstance(data, CircleDrawing):
        raise TypeError(f"A relationship circle needs a CircleDrawing, not {type(data).__name__}.")
    register_fonts()
    layout = layout_circle(data.resident_name, data.people, measure=measure, font_size=FONT_SIZE)
    frame = _frame_height()
    scale = min(1.0, width / layout.width, HEIGHT_SHARE * frame / layout.height)
    if scale * FONT_SIZE < MIN_TEXT:
        scale = min(1.0, width / layout.width, TALL_SHARE * frame / layout.height)
    circle = draw_circle(layout, scale)
    circle.hAlign = "CENTER"
    return [circle, Spacer(1, 4), legend(data, layout, width)]


register_diagram(KIND, circle_flowables)
