"""The pieces of the on-screen relationship circle: colours, line styles, nodes and the legend.
``relationship_circle_view`` puts them together.

The look follows the printed circle (``reports.relationship_circle_pdf``): rings in alternate
pale shades, faint dashed sector boundaries, a line from the resident to each person styled by
how the relationship is going (solid, dashed, dotted, zig-zag), people's nodes shaded by
category from dark to light, and marks as words. Everything reads in greyscale: lines differ by
pattern, fills by shade, and a restricted person's node has a ring and a bar as well as the
"Restricted" tag. Colours are copied from ``reports.pdf_style`` so the screen does not load
ReportLab.

PySide6 6.12 on Python 3.11 drops a reference to None on every call of a Qt method that returns
nothing (setPos, setPen, lineTo...), and a process that has made enough such calls aborts with
"deallocating None". So the circle is built mostly with constructors and the scene's add...()
factories, which return something; pens are made once per size; nothing is painted from Python.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGridLayout, QLabel, QVBoxLayout, QWidget

from carelink_desktop.domain.relationship_circle import CATEGORY_SHADES, SECTOR_ORDER
from carelink_desktop.domain.relationships import MARK_MEANINGS, Category, Quality

# -- colours (as reports.pdf_style) ----------------------------------------------------------

INK = QColor("#1F2933")
MUTED = QColor("#52606D")
NAVY = QColor("#1F3A5F")
RULE = QColor("#C5CFDA")
ZEBRA = QColor("#F6F8FA")
RED = QColor("#A61B1B")
WHITE = QColor("#FFFFFF")
LABEL_FILL = QColor(255, 255, 255, 224)
FOCUS_FILL = QColor("#FFF6CC")  # the focused person's label: pale yellow, near white in grey

#: Node fills by category: dark to light, so they stay apart in greyscale too.
CATEGORY_FILLS: dict[Category, QColor] = {c: QColor(h) for c, h in CATEGORY_SHADES.items()}
LINE_COLOURS: dict[Quality, QColor] = {
    Quality.POSITIVE: NAVY,
    Quality.MIXED: INK,
    Quality.STRAINED: INK,
    Quality.CONFLICT: RED,
}
#: The printed circle's font size: line widths and patterns are scaled by font size / this.
PRINT_FONT_SIZE = 8.0
RESTRICTED_TAG = "Restricted"

_CONTEXT = "RelationshipCircleView"


def tr(text: str) -> str:
    """``text`` translated in the relationship circle's context."""
    return QCoreApplication.translate(_CONTEXT, text)


# -- lines between the resident and each person --------------------------------------------


@lru_cache(maxsize=8)
def connector_pens(unit: float) -> dict[Quality, QPen]:
    """The pen for each kind of relationship line; ``unit`` scales widths and patterns."""
    flat, round_cap = Qt.PenCapStyle.FlatCap, Qt.PenCapStyle.RoundCap
    join = Qt.PenJoinStyle.RoundJoin
    solid, custom = Qt.PenStyle.SolidLine, Qt.PenStyle.CustomDashLine
    mixed = QPen(QBrush(LINE_COLOURS[Quality.MIXED]), 1.2 * unit, custom, flat, join)
    mixed.setDashPattern([4.5 / 1.2, 2.5 / 1.2])  # in line widths
    strained = QPen(QBrush(LINE_COLOURS[Quality.STRAINED]), 1.6 * unit, custom, round_cap, join)
    strained.setDashPattern([0.01, 2.7 / 1.6])  # round dots
    return {
        Quality.POSITIVE: QPen(QBrush(LINE_COLOURS[Quality.POSITIVE]), 2.0 * unit, solid, flat, join),
        Quality.MIXED: mixed,
        Quality.STRAINED: strained,
        # a zig-zag (connector_points), thicker than the printed one so it reads on screen
        Quality.CONFLICT: QPen(QBrush(LINE_COLOURS[Quality.CONFLICT]), 1.3 * unit, solid, flat, join),
    }


def connector_points(quality: Quality, start: QPointF, end: QPointF, unit: float) -> list[QPointF]:
    """The points of the line from ``start`` to ``end``: its two ends, or for a relationship in
    conflict a zig-zag, flat for a short way at each end (as on the printed circle)."""
    dx, dy = end.x() - start.x(), end.y() - start.y()
    length = math.hypot(dx, dy)
    wave, amplitude = 5.0 * unit, 1.8 * unit
    if quality is not Quality.CONFLICT or length < 3 * wave:
        return [start, end]
    ux, uy = dx / length, dy / length
    nx, ny = -uy, ux
    points = [start]
    teeth = int((length - 2 * wave) / (wave / 2))
    for k in range(1, teeth):
        t = wave + k * wave / 2
        side = amplitude if k % 2 else -amplitude
        points.append(QPointF(start.x() + ux * t + nx * side, start.y() + uy * t + ny * side))
    points.append(end)
    return points


def polyline(points: list[QPointF]) -> QPainterPath:
    """An open path through the points (one call that returns nothing, whatever their number)."""
    path = QPainterPath()
    path.addPolygon(QPolygonF(points))
    return path


# -- a person's node -------------------------------------------------------------------------


def is_restricted(marks: Iterable[str]) -> bool:
    return RESTRICTED_TAG in marks


def node_parts(centre: QPointF, radius: float) -> tuple[QRectF, QRectF, QRectF]:
    """Where a node's parts go: the disc, a restricted person's ring and the bar across it."""
    outer = radius * 1.14  # the middle of the ring, whose pen is 0.28 × radius wide
    disc = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
    ring = QRectF(centre.x() - outer, centre.y() - outer, 2 * outer, 2 * outer)
    bar = QRectF(centre.x() - 0.72 * radius, centre.y() - 0.2 * radius, 1.44 * radius, 0.4 * radius)
    return disc, ring, bar


@lru_cache(maxsize=16)
def node_pens(unit: float, radius: float) -> tuple[QPen, QPen, QPen]:
    """The node's outline, a restricted person's red ring and the bar's outline."""
    return QPen(INK, 0.6 * unit), QPen(RED, 0.28 * radius), QPen(INK, 0.5 * unit)


def add_node(
    scene: QGraphicsScene, centre: QPointF, radius: float, fill: QColor, unit: float, *, restricted: bool
) -> list[QGraphicsItem]:
    """A person's node: a disc in the category's shade; a restricted person's has a thick red
    ring round it and a white bar across it, like a "no entry" sign."""
    disc, ring, bar = node_parts(centre, radius)
    outline, ring_pen, bar_pen = node_pens(unit, radius)
    items: list[QGraphicsItem] = [scene.addEllipse(disc, outline, QBrush(fill))]
    if restricted:
        items.append(scene.addEllipse(ring, ring_pen, QBrush(Qt.BrushStyle.NoBrush)))
        items.append(scene.addRect(bar, bar_pen, QBrush(WHITE)))
    return items


def paint_node(
    painter: QPainter, centre: QPointF, radius: float, fill: QColor, unit: float, *, restricted: bool
) -> None:
    """The same node painted directly, for the legend's pictures."""
    disc, ring, bar = node_parts(centre, radius)
    outline, ring_pen, bar_pen = node_pens(unit, radius)
    painter.setPen(outline)
    painter.setBrush(QBrush(fill))
    painter.drawEllipse(disc)
    if restricted:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(ring_pen)
        painter.drawEllipse(ring)
        painter.setPen(bar_pen)
        painter.setBrush(QBrush(WHITE))
        painter.drawRect(bar)


# -- legend ----------------------------------------------------------------------------------


def _pixmap(width: float, height: float, ratio: float) -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(math.ceil(width * ratio), math.ceil(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


def line_sample(quality: Quality, size: float, ratio: float) -> QPixmap:
    """A short piece of the line drawn for ``quality``, for the legend; ``size`` is the font's
    size in pixels, which sets the sample's size as on the circle."""
    unit = size / PRINT_FONT_SIZE
    width, height = 4 * size, size
    pixmap, painter = _pixmap(width, height, ratio)
    painter.setPen(connector_pens(unit)[quality])
    ends = QPointF(1, height / 2), QPointF(width - 1, height / 2)
    painter.drawPolyline(QPolygonF(connector_points(quality, *ends, unit * 0.8)))
    painter.end()
    return pixmap


def node_sample(fill: QColor, size: float, ratio: float, *, restricted: bool = False) -> QPixmap:
    """A person's node as drawn on the circle (radius 0.75 × the font's size), for the legend."""
    radius, unit = 0.75 * size, size / PRINT_FONT_SIZE
    side = 2 * radius * (1.3 if restricted else 1.0) + 2 * unit
    pixmap, painter = _pixmap(side, side, ratio)
    paint_node(painter, QPointF(side / 2, side / 2), radius, fill, unit, restricted=restricted)
    painter.end()
    return pixmap


class CircleLegend(QWidget):
    """What the circle's rings, lines, shades and marks mean, to sit beside the map."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Key to the relationship circle"))
        ratio = self.devicePixelRatioF() or 1.0
        size = QFontMetricsF(self.font()).height() / 1.2  # as the circle's own font size
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(1, 1)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        self._row = 0

        self._heading(self.tr("Circles"))
        self._text_row(self.tr("1 is the closest to the resident, 4 the furthest."))
        self._heading(self.tr("Lines: how the relationship is going"))
        line_names = {
            Quality.POSITIVE: self.tr("solid thick line"),
            Quality.MIXED: self.tr("dashed line"),
            Quality.STRAINED: self.tr("dotted line"),
            Quality.CONFLICT: self.tr("zig-zag line"),
        }
        for quality in Quality:
            picture = QLabel()
            picture.setPixmap(line_sample(quality, size, ratio))
            picture.setAccessibleName(line_names[quality])
            self._pair(picture, QLabel(f"{quality.label} ({line_names[quality]})"))
        self._heading(self.tr("People: the shade of their dot"))
        for category in SECTOR_ORDER:
            picture = QLabel()
            picture.setPixmap(node_sample(CATEGORY_FILLS[category], size, ratio))
            self._pair(picture, QLabel(category.label))
        self._heading(self.tr("Marks"))
        for tag, meaning in MARK_MEANINGS:
            tag_label = QLabel(tag)
            bold = QFont(tag_label.font())
            bold.setBold(True)
            tag_label.setFont(bold)
            tag_label.setStyleSheet(f"color: {NAVY.name()};")
            self._pair(tag_label, QLabel(meaning))
        picture = QLabel()
        picture.setPixmap(node_sample(CATEGORY_FILLS[Category.FRIEND], size, ratio, restricted=True))
        picture.setAccessibleName(self.tr("Dot with a red ring and a bar"))
        self._pair(
            picture, QLabel(self.tr("A red ring and a bar across someone's dot: contact is restricted."))
        )
        self._heading(self.tr("Keys"))
        self._text_row(keys_help())

    def _heading(self, text: str) -> None:
        label = QLabel(text)
        label.setWordWrap(True)
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
        if self._row:
            label.setContentsMargins(0, 6, 0, 0)
        self.grid.addWidget(label, self._row, 0, 1, 2)
        self._row += 1

    def _text_row(self, text: str) -> None:
        label = QLabel(text)
        label.setWordWrap(True)
        self.grid.addWidget(label, self._row, 0, 1, 2)
        self._row += 1

    def _pair(self, left: QLabel, right: QLabel) -> None:
        right.setWordWrap(True)
        left.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grid.addWidget(left, self._row, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.grid.addWidget(right, self._row, 1)
        self._row += 1


def keys_help() -> str:
    """How to use the circle from the keyboard and mouse (the view's tooltip and the legend)."""
    return tr(
        "Tab, Shift+Tab or the arrow keys: move between people. Enter or Space: open the person. "
        "Ctrl+Up / Ctrl+Down: move the person one circle closer / further away (or drag them to "
        "another circle). + and −: zoom in and out; 0: fit the whole circle (or Ctrl+mouse wheel)."
    )
