"""The interactive relationship circle: a resident in the middle, the people who matter to them
on four rings, each with a line styled by how the relationship is going.

Laid out by ``domain.relationship_circle`` with the widget's own font (so text grows with the
person's chosen text size and always fits the box the layout gave it), drawn in the printed
circle's visual language (see ``relationship_circle_items``). Scene coordinates are the
layout's drawing units: one unit is one pixel at zoom 1.

The view only reports what the person asks for; it calls no service and asks nothing:
``person_activated(id)`` on a click, Enter or Space; ``move_requested(id, circle)`` when a
person is dropped on another ring or moved with Ctrl+Up / Ctrl+Down (the node snaps back: the
map tab confirms, saves and calls ``show_drawing`` again); ``selection_changed(id)`` when focus
moves to a person. Ids are relationship ids.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QResizeEvent,
    QShowEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsItemGroup,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QToolTip,
    QWidget,
)

from carelink_desktop.domain.relationship_circle import (
    Align,
    Box,
    CircleDrawing,
    CircleLayout,
    PlacedPerson,
    layout_circle,
)
from carelink_desktop.domain.relationships import CLOSEST, FURTHEST, Quality
from carelink_desktop.ui.relationship_circle_items import (
    CATEGORY_FILLS,
    FOCUS_FILL,
    INK,
    LABEL_FILL,
    MUTED,
    NAVY,
    PRINT_FONT_SIZE,
    RULE,
    WHITE,
    ZEBRA,
    CircleLegend,
    add_node,
    connector_pens,
    connector_points,
    is_restricted,
    keys_help,
    polyline,
)

#: Each zoom step multiplies the scale by this; the scale stays within MIN_SCALE..MAX_SCALE.
ZOOM_STEP, MIN_SCALE, MAX_SCALE = 1.25, 0.05, 8.0
#: "Fit" never enlarges a small circle more than this.
MAX_FIT_SCALE = 2.0
_NO_PEN = QPen(Qt.PenStyle.NoPen)
_NO_BRUSH = QBrush(Qt.BrushStyle.NoBrush)

_Line = QGraphicsLineItem | QGraphicsPathItem
_TextLine = tuple[str, QFont, QColor | None]  # None: the text item's own black


@dataclass
class _Person:
    """The scene items of one person: all of them (node, label, focus ring) are in ``group``,
    which moves while the person is dragged; their line from the resident is not."""

    placed: PlacedPerson
    group: QGraphicsItemGroup
    background: QGraphicsRectItem
    texts: list[QGraphicsSimpleTextItem]
    line: _Line


@dataclass
class _Press:
    """A left-button press on a person, perhaps becoming a drag."""

    person_id: str
    view_pos: QPointF  # where the button went down, in viewport pixels
    scene_pos: QPointF
    dragging: bool = False
    ring: int | None = None  # the ring outlined while dragging


class RelationshipCircleView(QGraphicsView):
    """A resident's relationship circle; see the module's notes for what it reports."""

    person_activated = Signal(str)
    move_requested = Signal(str, int)
    selection_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setBackgroundBrush(QBrush(WHITE))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setAccessibleName(self.tr("Relationship circle"))
        self.setToolTip(keys_help())
        self.current_layout: CircleLayout | None = None
        self._people: dict[str, _Person] = {}
        self._rings: list[QGraphicsEllipseItem] = []  # circle 1 first
        self._texts: list[QGraphicsSimpleTextItem] = []
        self._focus_ring: list[QGraphicsEllipseItem] = []
        self._focused: str | None = None
        self._press: _Press | None = None
        self._hovering = False  # the pointer is over a person
        self._auto_fit = True  # fit on show and resize until the person zooms
        self._legend: CircleLegend | None = None
        self._unit = 1.0

    # -- showing a drawing ---------------------------------------------------------------

    def show_drawing(self, drawing: CircleDrawing) -> None:
        """Lay out and draw ``drawing``, keeping the focused person (if still there) and, once
        the person has zoomed, the zoom."""
        font = QFont(self.font())
        bold = QFont(font)
        bold.setBold(True)
        regular_metrics, bold_metrics = QFontMetricsF(font), QFontMetricsF(bold)
        # The font's size in scene units (pixels); the layout's line height, 1.25 × this,
        # holds a line of text.
        size = max(float(QFontInfo(font).pixelSize()), regular_metrics.height() / 1.2, 1.0)
        widths: dict[str, float] = {}

        def measure(text: str, font_size: float) -> float:
            width = widths.get(text)
            if width is None:
                width = max(regular_metrics.horizontalAdvance(text), bold_metrics.horizontalAdvance(text))
                widths[text] = width
            return width * font_size / size

        layout = layout_circle(drawing.resident_name, drawing.people, measure=measure, font_size=size)
        self._press = None
        self._people.clear()
        self._rings.clear()
        self._texts.clear()
        self._focus_ring.clear()
        self.scene().clear()
        self.current_layout = layout
        self._unit = layout.font_size / PRINT_FONT_SIZE
        self._build(layout, drawing, font, bold)
        previous, self._focused = self._focused, None
        if previous is not None and previous in self._people:
            self._set_focus(previous, announce=False)
        elif previous is not None:
            self.setAccessibleDescription("")
        if self._auto_fit:
            self.fit()

    def _build(self, layout: CircleLayout, drawing: CircleDrawing, font: QFont, bold: QFont) -> None:
        # Later items are drawn over earlier ones: nothing needs a z value.
        scene, unit = self.scene(), self._unit
        cx, cy = layout.cx, layout.cy
        ring_pen = QPen(RULE, 0.9 * unit)
        for number in range(FURTHEST, CLOSEST - 1, -1):
            r = layout.ring_radii[number - 1]
            fill = QBrush(ZEBRA if number % 2 else WHITE)
            self._rings.insert(0, scene.addEllipse(QRectF(cx - r, cy - r, 2 * r, 2 * r), ring_pen, fill))
        if len(layout.sectors) > 1:
            inner = math.hypot(layout.centre_label.width, layout.centre_label.height) / 2
            outer = layout.ring_radii[-1]
            boundary = QPen(QBrush(RULE), 0.7 * unit, Qt.PenStyle.DashLine)
            for sector in layout.sectors:
                s, c = math.sin(sector.start), -math.cos(sector.start)
                scene.addLine(
                    QLineF(cx + inner * s, cy + inner * c, cx + outer * s, cy + outer * c), boundary
                )
        for sector in layout.sectors:
            if sector.label is not None:
                self._box_text(layout, sector.label, [(sector.category.label, bold, MUTED)], "centre")
        pens = connector_pens(unit)
        lines = {p.person.id: self._add_line(p, QPointF(p.x, p.y), pens) for p in layout.people}
        marker_pen = QPen(RULE, 0.6 * unit)
        for number, box in enumerate(layout.ring_labels, start=CLOSEST):
            scene.addPath(_rounded(box, 2.0), marker_pen, QBrush(WHITE))
            self._box_text(layout, box, [(str(number), bold, MUTED)], "centre")
        closest = self._closest_box(layout, font)
        if closest is not None:
            scene.addPath(_rounded(closest, 2.0), _NO_PEN, QBrush(LABEL_FILL))
            self._box_text(layout, closest, [(self.tr("closest"), font, MUTED)], "centre")
        label_fill = QBrush(LABEL_FILL)
        for placed in layout.people:
            background = scene.addRect(_rect(placed.label), _NO_PEN, label_fill)
            node = add_node(
                scene,
                QPointF(placed.x, placed.y),
                placed.node_radius,
                CATEGORY_FILLS[placed.person.category],
                unit,
                restricted=is_restricted(placed.person.marks),
            )
            styles: list[tuple[QFont, QColor | None]] = [(bold, None), (font, MUTED), (font, NAVY)]
            if not placed.person.relationship and len(placed.lines) > 1:
                styles = [styles[0], styles[2]]
            text_lines = [(t, f, c) for t, (f, c) in zip(placed.lines, styles, strict=False)]
            texts = self._box_text(layout, placed.label, text_lines, placed.align)
            group = scene.createItemGroup([background, *node, *texts])
            self._people[placed.person.id] = _Person(
                placed, group, background, texts, lines[placed.person.id]
            )
        scene.addPath(_rounded(layout.centre_label, 3.0), _NO_PEN, QBrush(NAVY))
        self._box_text(layout, layout.centre_label, [(t, bold, WHITE) for t in layout.centre_lines], "centre")
        bounds = QRectF(0, 0, layout.width, layout.height)
        if not drawing.people:
            bounds = bounds.united(self._hint(layout, drawing.resident_name, font))
        margin = layout.line_height
        self.setSceneRect(bounds.adjusted(-margin, -margin, margin, margin))

    def _closest_box(self, layout: CircleLayout, font: QFont) -> Box | None:
        """Room for the word "closest" beside ring 1's number (right, else left), clear of
        every other box of the layout; None when there is none (the legend says it too)."""
        if not layout.ring_labels:
            return None
        one, pad = layout.ring_labels[0], layout.padding
        width = QFontMetricsF(font).horizontalAdvance(self.tr("closest")) + 2 * pad
        taken = [layout.centre_label, *layout.ring_labels[1:]]
        taken += [s.label for s in layout.sectors if s.label is not None]
        for placed in layout.people:
            q = placed.node_radius + pad
            taken += [placed.label, Box(placed.x - q, placed.y - q, 2 * q, 2 * q)]
        for x in (one.right + pad, one.x - pad - width):
            box = Box(x, one.y, width, one.height)
            if box.inside(layout.bounds) and not any(box.intersects(other) for other in taken):
                return box
        return None

    def _add_line(self, placed: PlacedPerson, node: QPointF, pens: dict[Quality, QPen]) -> _Line:
        points = self._line_points(placed, node)
        pen = pens[placed.person.quality]
        if len(points) == 2:
            return self.scene().addLine(QLineF(points[0], points[1]), pen)
        return self.scene().addPath(polyline(points), pen, _NO_BRUSH)

    def _line_points(self, placed: PlacedPerson, node: QPointF) -> list[QPointF]:
        """The line from the resident to the edge of the node at ``node``."""
        layout = self.current_layout
        assert layout is not None
        dx, dy = node.x() - layout.cx, node.y() - layout.cy
        d = math.hypot(dx, dy) or 1.0
        end = QPointF(node.x() - dx / d * placed.node_radius, node.y() - dy / d * placed.node_radius)
        return connector_points(placed.person.quality, QPointF(layout.cx, layout.cy), end, self._unit)

    def _move_line(self, person: _Person, node: QPointF) -> None:
        points = self._line_points(person.placed, node)
        if isinstance(person.line, QGraphicsLineItem):
            person.line.setLine(QLineF(points[0], points[-1]))
        else:
            person.line.setPath(polyline(points))

    def _box_text(
        self, layout: CircleLayout, box: Box, lines: list[_TextLine], align: Align
    ) -> list[QGraphicsSimpleTextItem]:
        """Text lines top to bottom inside a layout box, each centred in its line's height."""
        items: list[QGraphicsSimpleTextItem] = []
        pad, lh = layout.padding, layout.line_height
        for i, (text, font, colour) in enumerate(lines):
            item = self.scene().addSimpleText(text, font)
            if colour is not None:
                item.setBrush(QBrush(colour))
            rect = item.boundingRect()
            if align == "left":
                x = box.x + pad
            elif align == "right":
                x = box.right - pad - rect.width()
            else:
                x = box.x + (box.width - rect.width()) / 2
            item.setPos(x, box.y + pad + i * lh + (lh - rect.height()) / 2)
            items.append(item)
        self._texts.extend(items)
        return items

    def _hint(self, layout: CircleLayout, resident_name: str, font: QFont) -> QRectF:
        """The empty circle's hint, centred below it; returns the rectangle it takes."""
        text = self.tr("No one on the map yet: add the people who matter to {name}").format(
            name=resident_name
        )
        metrics = QFontMetricsF(font)
        lines: list[str] = []
        for word in text.split():
            trial = f"{lines[-1]} {word}" if lines else word
            if lines and metrics.horizontalAdvance(trial) <= layout.width:
                lines[-1] = trial
            else:
                lines.append(word)
        top = layout.height + layout.line_height / 2
        box = Box(0.0, top, layout.width, len(lines) * layout.line_height + 2 * layout.padding)
        rect = _rect(box)
        for item in self._box_text(layout, box, [(line, font, MUTED) for line in lines], "centre"):
            rect = rect.united(item.sceneBoundingRect())
        return rect

    # -- what is on the map --------------------------------------------------------------

    def people_ids(self) -> list[str]:
        """The relationship ids on the map, in the layout's order (the keyboard's order)."""
        layout = self.current_layout
        return [p.person.id for p in layout.people] if layout is not None else []

    def item_for(self, person_id: str) -> QGraphicsItemGroup | None:
        """The person's graphics item: a group of their node and label (None: not on the map)."""
        person = self._people.get(person_id)
        return person.group if person is not None else None

    def label_items(self, person_id: str) -> list[QGraphicsSimpleTextItem]:
        """The text items of the person's label, top line first."""
        return list(self._people[person_id].texts)

    def scene_point_for(self, person_id: str) -> QPointF:
        """The centre of the person's node, in scene coordinates (where it is, even mid-drag)."""
        person = self._people[person_id]
        return QPointF(person.placed.x, person.placed.y) + person.group.pos()

    def focused_id(self) -> str | None:
        return self._focused

    def scene_texts(self) -> list[str]:
        """Every piece of text drawn on the map."""
        return [item.text() for item in self._texts]

    def legend_widget(self) -> CircleLegend:
        """The key to the circle (rings, lines, shades, marks, keys), to place beside the map."""
        if self._legend is None:
            self._legend = CircleLegend()
        return self._legend

    def describe(self, placed: PlacedPerson) -> str:
        """What a screen reader says for a person: "Susan Hughes, daughter, circle 1, positive, NOK"."""
        person = placed.person
        parts = [person.name]
        if person.relationship:
            parts.append(person.relationship)
        parts.append(self.tr("circle {number}").format(number=person.circle))
        parts.append(person.quality.label.lower())
        parts.extend(person.marks)
        return ", ".join(parts)

    # -- focus -----------------------------------------------------------------------------

    def focus_person(self, person_id: str) -> None:
        """Move the focus highlight to this person (an id not on the map is ignored)."""
        if person_id in self._people:
            self._set_focus(person_id, announce=True)

    def _set_focus(self, person_id: str, *, announce: bool) -> None:
        old = self._people.get(self._focused) if self._focused is not None else None
        person = self._people[person_id]
        changed = person_id != self._focused
        if old is not None and changed:
            old.background.setPen(_NO_PEN)
            old.background.setBrush(QBrush(LABEL_FILL))
        for item in self._focus_ring:
            self.scene().removeItem(item)
        self._focused = person_id
        self._focus_ring = self._add_focus_ring(person)
        person.background.setPen(QPen(INK, 1.5 * self._unit))
        person.background.setBrush(QBrush(FOCUS_FILL))
        self.ensureVisible(person.group.sceneBoundingRect())
        self.setAccessibleDescription(self.describe(person.placed))
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.DescriptionChanged))
        if changed and announce:
            self.selection_changed.emit(person_id)

    def _add_focus_ring(self, person: _Person) -> list[QGraphicsEllipseItem]:
        """A black ring on a white halo round the person's node, behind their label: visible
        on any shade and in greyscale. It is part of the person's group, so it follows a drag."""
        placed, unit = person.placed, self._unit
        r = placed.node_radius * (1.55 if is_restricted(placed.person.marks) else 1.42)
        centre = QPointF(placed.x, placed.y) + person.group.pos()
        rect = QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r)
        items = [
            self.scene().addEllipse(rect, QPen(WHITE, 3.4 * unit), _NO_BRUSH),
            self.scene().addEllipse(rect, QPen(INK, 1.6 * unit), _NO_BRUSH),
        ]
        for item in items:
            person.group.addToGroup(item)
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        return items

    def _step(self, forward: bool, *, wrap: bool) -> bool:
        """Focus the next (or previous) person; False at the end when not wrapping."""
        ids = self.people_ids()
        if not ids:
            return False
        if self._focused not in ids:
            self.focus_person(ids[0] if forward else ids[-1])
            return True
        index = ids.index(self._focused) + (1 if forward else -1)
        if not 0 <= index < len(ids):
            if not wrap:
                return False
            index %= len(ids)
        self.focus_person(ids[index])
        return True

    def _request_move(self, step: int) -> None:
        """Ask for the focused person to move ``step`` circles out (negative: in)."""
        person = self._people.get(self._focused) if self._focused is not None else None
        if person is None:
            return
        target = person.placed.person.circle + step
        if CLOSEST <= target <= FURTHEST:
            self.move_requested.emit(person.placed.person.id, target)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        ids = self.people_ids()
        if not ids:
            return
        reason = event.reason()
        if reason == Qt.FocusReason.TabFocusReason:
            self.focus_person(ids[0])
        elif reason == Qt.FocusReason.BacktabFocusReason:
            self.focus_person(ids[-1])
        elif self._focused is None and reason in (
            Qt.FocusReason.ShortcutFocusReason,
            Qt.FocusReason.OtherFocusReason,
        ):
            # focus given on purpose (a shortcut, the map tab): start at the first person; not
            # when the window is merely activated or a click lands on empty space
            self.focus_person(ids[0])

    # -- keyboard --------------------------------------------------------------------------

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab and Shift+Tab go from person to person; past the last (or first) focus leaves.
        if self.hasFocus() and self._step(next, wrap=False):
            return True
        return super().focusNextPrevChild(next)

    def event(self, event: QEvent) -> bool:
        # Claim the map's keys before any window shortcut on the same keys.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._handles(event)
        ):
            event.accept()
            return True
        return super().event(event)

    def _handles(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = mods == Qt.KeyboardModifier.NoModifier
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            return plain or mods == Qt.KeyboardModifier.ControlModifier
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End):
            return plain
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            return plain and self._focused is not None
        if key == Qt.Key.Key_Escape:
            return self._press is not None
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus, Qt.Key.Key_0):
            return not mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier)
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if not self._handles(event):
            super().keyPressEvent(event)
            return
        ctrl = mods == Qt.KeyboardModifier.ControlModifier
        ids = self.people_ids()
        if key == Qt.Key.Key_Escape:
            self._cancel_drag()
        elif ctrl and key == Qt.Key.Key_Up:
            self._request_move(-1)
        elif ctrl and key == Qt.Key.Key_Down:
            self._request_move(+1)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self._step(True, wrap=True)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self._step(False, wrap=True)
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            if ids:
                self.focus_person(ids[0] if key == Qt.Key.Key_Home else ids[-1])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if self._focused is not None:
                self.person_activated.emit(self._focused)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key == Qt.Key.Key_Minus:
            self.zoom_out()
        else:  # 0
            self.fit()

    # -- mouse -----------------------------------------------------------------------------

    def _person_at(self, view_pos: QPointF) -> PlacedPerson | None:
        layout = self.current_layout
        if layout is None:
            return None
        p = self.mapToScene(view_pos.toPoint())
        return layout.at(p.x(), p.y())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        placed = self._person_at(event.position()) if event.button() == Qt.MouseButton.LeftButton else None
        if placed is None:
            super().mousePressEvent(event)
            return
        scene_pos = self.mapToScene(event.position().toPoint())
        self._press = _Press(placed.person.id, QPointF(event.position()), scene_pos)
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.focus_person(placed.person.id)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # The first click of a double click has already opened the person: nothing more.
        if self._person_at(event.position()) is None:
            super().mouseDoubleClickEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        press = self._press
        if press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            super().mouseMoveEvent(event)
            if not event.buttons():
                self._hover(self._person_at(event.position()) is not None)
            return
        person = self._people.get(press.person_id)
        if person is None:
            return
        if not press.dragging:
            moved = event.position() - press.view_pos
            if moved.manhattanLength() < QApplication.startDragDistance():
                return
            press.dragging = True
            person.group.setZValue(1)  # over everyone else
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        offset = self.mapToScene(event.position().toPoint()) - press.scene_pos
        person.group.setPos(offset)
        node = QPointF(person.placed.x, person.placed.y) + offset
        self._move_line(person, node)
        layout = self.current_layout
        assert layout is not None
        self._outline_ring(press, layout.circle_at(node.x(), node.y()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press = self._press
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        self._press = None
        person = self._people.get(press.person_id)
        layout = self.current_layout
        if person is None or layout is None:
            return
        if not press.dragging:
            self.person_activated.emit(press.person_id)
            return
        node = self.scene_point_for(press.person_id)
        self._snap_back(person, press)
        circle = layout.circle_at(node.x(), node.y())
        if circle != person.placed.person.circle:
            self.move_requested.emit(press.person_id, circle)

    def _hover(self, over_person: bool) -> None:
        if over_person != self._hovering:
            self._hovering = over_person
            cursor = Qt.CursorShape.PointingHandCursor if over_person else Qt.CursorShape.OpenHandCursor
            self.viewport().setCursor(cursor)

    def _cancel_drag(self) -> None:
        press, self._press = self._press, None
        if press is not None and press.dragging and press.person_id in self._people:
            self._snap_back(self._people[press.person_id], press)

    def _snap_back(self, person: _Person, press: _Press) -> None:
        """Put a dragged person back where the layout placed them."""
        person.group.setPos(0, 0)
        person.group.setZValue(0)
        self._move_line(person, QPointF(person.placed.x, person.placed.y))
        self._outline_ring(press, None)
        self._hovering = True
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)

    def _outline_ring(self, press: _Press, circle: int | None) -> None:
        """Outline the ring a dragged person would land in (None: no ring)."""
        if circle == press.ring:
            return
        if press.ring is not None:
            self._rings[press.ring - 1].setPen(QPen(RULE, 0.9 * self._unit))
        if circle is not None:
            self._rings[circle - 1].setPen(QPen(QBrush(NAVY), 2.5 * self._unit, Qt.PenStyle.DashLine))
        press.ring = circle

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            QToolTip.showText(event.globalPos(), self._tooltip_at(QPointF(event.pos())), self.viewport())
            return True
        return super().viewportEvent(event)

    def _tooltip_at(self, view_pos: QPointF) -> str:
        """A person's description, a ring number's meaning, or else how to use the map."""
        placed = self._person_at(view_pos)
        if placed is not None:
            return self.describe(placed)
        layout = self.current_layout
        if layout is not None:
            p = self.mapToScene(view_pos.toPoint())
            for number, box in enumerate(layout.ring_labels, start=CLOSEST):
                if box.contains(p.x(), p.y()):
                    if number == CLOSEST:
                        return self.tr("Circle 1: the closest to the resident")
                    return self.tr("Circle {number}").format(number=number)
        return keys_help()

    # -- zoom ------------------------------------------------------------------------------

    def zoom_in(self) -> None:
        self._zoom(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom(1 / ZOOM_STEP)

    def _zoom(self, factor: float) -> None:
        self._auto_fit = False
        current = self.transform().m11()
        target = min(MAX_SCALE, max(MIN_SCALE, current * factor))
        if target != current:
            self.scale(target / current, target / current)

    def fit(self) -> None:
        """Show the whole circle (never enlarged more than MAX_FIT_SCALE); the view then fits
        again whenever it is resized, until the person zooms."""
        self._auto_fit = True
        rect = self.sceneRect()
        if rect.isEmpty():
            return
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.transform().m11() > MAX_FIT_SCALE:
            self.setTransform(QTransform.fromScale(MAX_FIT_SCALE, MAX_FIT_SCALE))
            self.centerOn(rect.center())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self._zoom(ZOOM_STEP ** (delta / 120))
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._auto_fit:
            self.fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._auto_fit:
            self.fit()


def _rect(box: Box) -> QRectF:
    return QRectF(box.x, box.y, box.width, box.height)


def _rounded(box: Box, radius: float) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(_rect(box), radius, radius)
    return path
