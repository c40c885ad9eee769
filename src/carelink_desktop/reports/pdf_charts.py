"""Charts of a ReportDocument (``BarChart``, ``LineChart``) drawn with reportlab.graphics.

Each chart is a Drawing under its title, in the embedded fonts only (never Helvetica), with its
summary in words below it: the text equivalent for anyone who cannot see the chart. Bars run
across the page so that long labels ("Unmet needs of a carer or key person") are read whole;
a line shows a trend over time, its category axis labelled only where the builder says.
"""

from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer
from reportlab.platypus import Paragraph as RLParagraph

from carelink_desktop.reports.document import BarChart, LineChart
from carelink_desktop.reports.pdf_style import BOLD, INK, ITALIC, MUTED, NAVY, REGULAR, RULE, markup, para

#: The chart in words, under it.
SUMMARY_STYLE = ParagraphStyle(
    "chart_summary", fontName=ITALIC, fontSize=8.5, leading=11.5, textColor=INK, spaceAfter=2
)

#: The label size of the axes, and the room a bar takes.
AXIS_SIZE = 7.5
BAR_ROOM = 6.5 * mm
LINE_HEIGHT = 55 * mm


def nice_top(top: int) -> tuple[int, int]:
    """The value axis's end and step for values up to ``top``: whole numbers, 4 to 6 steps
    (5 → (5, 1); 37 → (40, 10); 0 → (1, 1))."""
    if top <= 0:
        return 1, 1
    if top <= 6:
        return top, 1
    raw = top / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    step = max(1, math.ceil(step))
    return int(math.ceil(top / step) * step), step


def _fit(text: str, width: float, size: float) -> str:
    """``text`` cut to ``width`` points with an ellipsis (labels are whole in the summary)."""
    if stringWidth(text, REGULAR, size) <= width:
        return text
    while text and stringWidth(text + "…", REGULAR, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _bar_drawing(chart: BarChart, width: float) -> Drawing:
    n = max(1, len(chart.labels))
    label_w = min(width * 0.42, max(stringWidth(x, REGULAR, AXIS_SIZE) for x in chart.labels or ("",)) + 8)
    plot_h = n * BAR_ROOM
    bottom = 26 if chart.value_title else 16
    height = plot_h + bottom + 6
    d = Drawing(width, height)
    bc = HorizontalBarChart()
    bc.x, bc.y = label_w, bottom
    bc.width, bc.height = width - label_w - 24, plot_h
    # reportlab draws the first category at the bottom: reverse so the list reads downwards
    bc.data = [list(reversed(chart.values)) or [0]]
    bc.categoryAxis.categoryNames = [_fit(x, label_w - 8, AXIS_SIZE) for x in reversed(chart.labels)] or [""]
    top, step = nice_top(max(chart.values, default=0))
    va, ca = bc.valueAxis, bc.categoryAxis
    va.valueMin, va.valueMax, va.valueStep = 0, top, step
    va.labels.fontName, va.labels.fontSize, va.labels.fillColor = REGULAR, AXIS_SIZE, MUTED
    va.strokeColor, va.gridStrokeColor, va.visibleGrid = RULE, RULE, True
    va.gridStrokeWidth = 0.4
    ca.labels.fontName, ca.labels.fontSize, ca.labels.fillColor = REGULAR, AXIS_SIZE, INK
    ca.labels.boxAnchor, ca.labels.dx = "e", -4
    ca.strokeColor = RULE
    bc.bars[0].fillColor, bc.bars[0].strokeColor = NAVY, None
    bc.barSpacing, bc.groupSpacing = 0, 3
    # each bar's value at its end, so the exact number is read without the grid
    bc.barLabelFormat = "%d"
    bc.barLabels.fontName, bc.barLabels.fontSize, bc.barLabels.fillColor = BOLD, AXIS_SIZE, INK
    bc.barLabels.boxAnchor, bc.barLabels.dx = "w", 3
    d.add(bc)
    if chart.value_title:
        d.add(_axis_title(chart.value_title, bc.x + bc.width / 2, 2))
    return d


def _axis_title(text: str, x: float, y: float) -> String:
    return String(x, y, text, fontName=REGULAR, fontSize=AXIS_SIZE, fillColor=MUTED, textAnchor="middle")


def _line_drawing(chart: LineChart, width: float) -> Drawing:
    ticks = chart.tick_labels if len(chart.tick_labels) == len(chart.labels) else chart.labels
    top, step = nice_top(max(chart.values, default=0))
    left = stringWidth(str(top), REGULAR, AXIS_SIZE) + 14 + (10 if chart.value_title else 0)
    bottom = 30
    d = Drawing(width, LINE_HEIGHT)
    lc = HorizontalLineChart()
    lc.x, lc.y = left, bottom
    lc.width, lc.height = width - left - 8, LINE_HEIGHT - bottom - 8
    lc.data = [list(chart.values) or [0]]
    lc.joinedLines = 1
    lc.lines[0].strokeColor, lc.lines[0].strokeWidth = NAVY, 1.4
    va, ca = lc.valueAxis, lc.categoryAxis
    va.valueMin, va.valueMax, va.valueStep = 0, top, step
    va.labels.fontName, va.labels.fontSize, va.labels.fillColor = REGULAR, AXIS_SIZE, MUTED
    va.strokeColor, va.gridStrokeColor, va.visibleGrid = RULE, RULE, True
    va.gridStrokeWidth = 0.4
    ca.categoryNames = list(ticks) or [""]
    ca.labels.fontName, ca.labels.fontSize, ca.labels.fillColor = REGULAR, AXIS_SIZE, INK
    ca.labels.boxAnchor, ca.labels.dy = "n", -3
    ca.labels.textAnchor = "middle"
    ca.strokeColor, ca.tickDown = RULE, 2
    d.add(lc)
    if chart.value_title:
        title = String(
            0,
            0,
            chart.value_title,
            fontName=REGULAR,
            fontSize=AXIS_SIZE,
            fillColor=MUTED,
            textAnchor="middle",
        )
        g = Group(title)
        g.translate(AXIS_SIZE, lc.y + lc.height / 2)
        g.rotate(90)
        d.add(g)
    return d


def chart_flowables(chart: BarChart | LineChart, width: float) -> list[Flowable]:
    """The chart's title, drawing and summary, kept together on one page."""
    drawing = _bar_drawing(chart, width) if isinstance(chart, BarChart) else _line_drawing(chart, width)
    parts: list[Flowable] = [para(chart.title, "h2")] if chart.title else []
    parts.append(drawing)
    if chart.summary:
        parts += [Spacer(1, 3), RLParagraph(markup(chart.summary), SUMMARY_STYLE)]
    return [KeepTogether([*parts, Spacer(1, 6)])]
