"""The interactive relationship circle (pytest-qt, offscreen, no database): people are drawn
with their labels inside the layout's boxes; dragging a person to another ring, Ctrl+Up and
Ctrl+Down ask for a move (and the node snaps back); clicks, Enter and Space open a person; Tab
and the arrow keys move the focus in the layout's order; zoom and fit; the empty circle's hint.
"""

from __future__ import annotations

import itertools
import math
import random
import sys

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QGraphicsEllipseItem, QLabel, QLineEdit, QVBoxLayout, QWidget

from carelink_desktop.domain.relationship_circle import CircleDrawing, CirclePerson
from carelink_desktop.domain.relationships import MARK_MEANINGS, Category, Quality
from carelink_desktop.ui.relationship_circle_items import RED
from carelink_desktop.ui.relationship_circle_view import RelationshipCircleView

RESIDENT = "Margaret Jones"
TWELVE = (
    CirclePerson(
        "r1", "Susan Hughes", "daughter", 1, Category.FAMILY, Quality.POSITIVE, ("NOK (primary)", "ECS")
    ),
    CirclePerson("r2", "David Hughes", "son", 2, Category.FAMILY, Quality.STRAINED, ("NOK",)),
    CirclePerson("r3", "Gareth Hughes", "grandson", 3, Category.FAMILY, Quality.CONFLICT, ("Restricted",)),
    CirclePerson("r4", "Eluned Price", "sister", 1, Category.FAMILY, Quality.MIXED, ("LPA",)),
    CirclePerson("r5", "Margaret Owen", "friend", 2, Category.FRIEND, Quality.POSITIVE),
    CirclePerson("r6", "Tomasz Nowak", "neighbour", 3, Category.FRIEND, Quality.MIXED),
    CirclePerson(
        "r7", "Ann Davies", "unpaid carer", 1, Category.UNPAID_CARER, Quality.POSITIVE, ("Carer", "ECS")
    ),
    CirclePerson("r8", "Dr Priya Shah", "GP", 3, Category.PROFESSIONAL, Quality.POSITIVE),
    CirclePerson("r9", "Rhys Morgan", "social worker", 4, Category.PROFESSIONAL, Quality.STRAINED),
    CirclePerson("r10", "Rev. John Evans", "chaplain", 2, Category.COMMUNITY, Quality.POSITIVE),
    CirclePerson("r11", "Linda Bell", "befriender", 4, Category.COMMUNITY, Quality.MIXED),
    CirclePerson("r12", "Kemi Adeyemi", "", 3, Category.ADVOCATE, Quality.CONFLICT, ("Restricted",)),
)
_FIRST = ("Susan", "David", "Gareth", "Eluned", "Margaret", "Tomasz", "Ann", "Priya", "Siân", "Łukasz")
_LAST = ("Hughes", "Price", "Owen", "Nowak", "Davies", "Shah", "Morgan", "Evans", "Bell", "O'Neill")
_RELATIONSHIP = {
    Category.FAMILY: "granddaughter",
    Category.FRIEND: "friend",
    Category.UNPAID_CARER: "unpaid carer",
    Category.PROFESSIONAL: "district nurse",
    Category.COMMUNITY: "befriender",
    Category.ADVOCATE: "IMCA",
}


def twelve() -> CircleDrawing:
    return CircleDrawing(RESIDENT, TWELVE)


def crowd(n: int, seed: int = 7) -> CircleDrawing:
    """``n`` people spread over every category, circle and quality, some with marks."""
    rng = random.Random(seed)
    people = []
    for i in range(n):
        category = rng.choice(list(Category))
        marks: list[str] = []
        if rng.random() < 0.15:
            marks.append("NOK")
        if rng.random() < 0.1:
            marks.append("ECS")
        if category is Category.UNPAID_CARER:
            marks.append("Carer")
        if rng.random() < 0.08:
            marks.append("Restricted")
        people.append(
            CirclePerson(
                f"p{i}",
                f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
                _RELATIONSHIP[category],
                rng.randint(1, 4),
                category,
                rng.choice(list(Quality)),
                tuple(marks),
            )
        )
    return CircleDrawing(RESIDENT, tuple(people))


@pytest.fixture
def view(qtbot):  # type: ignore[no-untyped-def]
    widget = RelationshipCircleView()
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    widget.show_drawing(twelve())
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def viewport_point(view: RelationshipCircleView, scene_point: QPointF) -> QPoint:
    return view.mapFromScene(scene_point)


def ring_point(view: RelationshipCircleView, person_id: str, circle: int, turn: float = 0.0) -> QPointF:
    """A scene point in the middle of ``circle``'s band at the person's angle (plus ``turn``)."""
    layout = view.current_layout
    assert layout is not None
    placed = layout.find(person_id)
    assert placed is not None
    radii = (0.0, *layout.ring_radii)
    distance = (radii[circle - 1] + radii[circle]) / 2
    if circle == 1:  # clear of the resident's name in the middle
        distance = max(distance, 0.75 * radii[1])
    angle = placed.angle + turn
    return QPointF(layout.cx + distance * math.sin(angle), layout.cy - distance * math.cos(angle))


def drag(qtbot, view: RelationshipCircleView, start: QPoint, end: QPoint, steps: int = 12) -> None:  # type: ignore[no-untyped-def]
    """Press at ``start``, move in steps (well past the drag distance), release at ``end``."""
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, steps + 1):
        t = i / steps
        point = QPoint(
            round(start.x() + (end.x() - start.x()) * t), round(start.y() + (end.y() - start.y()) * t)
        )
        qtbot.mouseMove(viewport, point)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


# -- drawing ---------------------------------------------------------------------------------


def test_every_person_is_drawn_with_name_relationship_and_marks(view: RelationshipCircleView) -> None:
    texts = view.scene_texts()
    assert view.people_ids() == [p.person.id for p in view.current_layout.people]  # type: ignore[union-attr]
    assert sorted(view.people_ids()) == sorted(p.id for p in TWELVE)
    for person in TWELVE:
        assert person.name in texts
        assert view.item_for(person.id) is not None
    assert "NOK (primary) · ECS" in texts
    assert RESIDENT in texts
    for label in ("1", "2", "3", "4", "Family", "Friends", "Professionals", "Advocates"):
        assert label in texts


def test_nothing_is_drawn_but_the_drawings_own_words(view: RelationshipCircleView) -> None:
    """The map shows only what the CircleDrawing holds (no restriction detail can leak in)."""
    layout = view.current_layout
    assert layout is not None
    allowed = {line for placed in layout.people for line in placed.lines}
    allowed |= set(layout.centre_lines) | {"1", "2", "3", "4", "closest"}
    allowed |= {sector.category.label for sector in layout.sectors}
    assert set(view.scene_texts()) <= allowed


def test_restricted_person_has_the_tag_and_a_mark_on_the_node(view: RelationshipCircleView) -> None:
    marks_line = view.label_items("r3")[-1].text()
    assert "Restricted" in marks_line.split(" · ")

    def red_rings(person_id: str) -> list[QGraphicsEllipseItem]:
        item = view.item_for(person_id)
        assert item is not None
        return [
            child
            for child in item.childItems()
            if isinstance(child, QGraphicsEllipseItem) and child.pen().color() == RED
        ]

    assert red_rings("r3") and red_rings("r12")
    assert not red_rings("r1")


@pytest.mark.parametrize("drawing", [twelve(), crowd(60)], ids=["12 people", "60 people"])
def test_label_text_fits_its_box_and_never_overlaps(qtbot, drawing: CircleDrawing) -> None:  # type: ignore[no-untyped-def]
    view = RelationshipCircleView()
    qtbot.addWidget(view)
    view.show_drawing(drawing)
    layout = view.current_layout
    assert layout is not None
    rects: dict[str, list[QRectF]] = {}
    for placed in layout.people:
        box = QRectF(placed.label.x, placed.label.y, placed.label.width, placed.label.height)
        items = view.label_items(placed.person.id)
        assert [item.text() for item in items] == list(placed.lines)
        rects[placed.person.id] = [item.sceneBoundingRect() for item in items]
        for rect in rects[placed.person.id]:
            assert box.adjusted(-0.01, -0.01, 0.01, 0.01).contains(rect), (placed.person.name, rect, box)
    nodes = {
        p.person.id: QRectF(p.x - p.node_radius, p.y - p.node_radius, 2 * p.node_radius, 2 * p.node_radius)
        for p in layout.people
    }
    for a, b in itertools.permutations(rects, 2):
        assert not nodes[b].intersects(rects[a][0].united(rects[a][-1])), (a, b)
        if a < b:
            for ra, rb in itertools.product(rects[a], rects[b]):
                assert not ra.intersects(rb), (a, b)


def test_sixty_people_are_all_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = RelationshipCircleView()
    qtbot.addWidget(view)
    drawing = crowd(60)
    view.show_drawing(drawing)
    assert len(view.people_ids()) == 60
    texts = view.scene_texts()
    for person in drawing.people:
        assert person.name in texts
        assert view.item_for(person.id) is not None


def test_empty_circle_shows_the_rings_the_resident_and_a_hint(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = RelationshipCircleView()
    qtbot.addWidget(view)
    view.show_drawing(CircleDrawing(RESIDENT, ()))
    texts = view.scene_texts()
    assert RESIDENT in texts
    assert {"1", "2", "3", "4", "closest"} <= set(texts)
    assert "No one on the map yet: add the people who matter to Margaret Jones" in " ".join(texts)
    assert view.people_ids() == []
    assert view.focused_id() is None


def test_text_grows_with_the_widget_font(qtbot) -> None:  # type: ignore[no-untyped-def]
    small, large = RelationshipCircleView(), RelationshipCircleView()
    for widget in (small, large):
        qtbot.addWidget(widget)
    font = QFont(large.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    large.setFont(font)
    small.show_drawing(twelve())
    large.show_drawing(twelve())
    assert small.current_layout is not None and large.current_layout is not None
    assert large.current_layout.font_size > 1.4 * small.current_layout.font_size
    assert large.current_layout.width > small.current_layout.width


# -- mouse -----------------------------------------------------------------------------------


def test_dragging_a_person_to_circle_1_asks_for_the_move_and_snaps_back(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    origin = view.scene_point_for("r3")
    start = viewport_point(view, origin)
    end = viewport_point(view, ring_point(view, "r3", 1))
    assert view.current_layout.circle_at(*_xy(view.mapToScene(end))) == 1
    with qtbot.waitSignal(view.move_requested, timeout=1000) as signal:
        drag(qtbot, view, start, end)
    assert signal.args == ["r3", 1]
    assert view.scene_point_for("r3") == origin
    assert view.item_for("r3").pos() == QPointF(0, 0)  # type: ignore[union-attr]


def test_dragging_within_the_same_ring_asks_nothing(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    origin = view.scene_point_for("r3")
    start = viewport_point(view, origin)
    end = viewport_point(view, ring_point(view, "r3", 3, turn=-0.15))
    assert (end - start).manhattanLength() > 2 * QApplication.startDragDistance()
    with qtbot.assertNotEmitted(view.move_requested), qtbot.assertNotEmitted(view.person_activated):
        drag(qtbot, view, start, end)
    assert view.scene_point_for("r3") == origin


def test_the_node_follows_the_mouse_while_dragging(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    origin = view.scene_point_for("r5")
    start = viewport_point(view, origin)
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(viewport, start + QPoint(0, 8 * step))
    moved = view.scene_point_for("r5")
    assert moved.y() > origin.y() + 20
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # cancels the drag
    assert view.scene_point_for("r5") == origin
    with qtbot.assertNotEmitted(view.move_requested):
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(0, 40))


def test_clicking_a_person_opens_them(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    point = viewport_point(view, view.scene_point_for("r5"))
    with qtbot.waitSignal(view.person_activated, timeout=1000) as signal:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert signal.args == ["r5"]
    assert view.focused_id() == "r5"


def test_clicking_a_label_opens_its_person(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    name = view.label_items("r8")[0].sceneBoundingRect().center()
    with qtbot.waitSignal(view.person_activated, timeout=1000) as signal:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=viewport_point(view, name))
    assert signal.args == ["r8"]


def test_clicking_empty_space_opens_no_one(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    with qtbot.assertNotEmitted(view.person_activated):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))


# -- keyboard --------------------------------------------------------------------------------


def test_tab_moves_to_the_next_person_and_enter_opens_them(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    ids = view.people_ids()
    view.setFocus()
    view.focus_person(ids[0])
    with qtbot.waitSignal(view.selection_changed, timeout=1000) as changed:
        qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert changed.args == [ids[1]]
    assert view.focused_id() == ids[1]
    with qtbot.waitSignal(view.person_activated, timeout=1000) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened.args == [ids[1]]
    with qtbot.waitSignal(view.person_activated, timeout=1000) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Space)
    assert opened.args == [ids[1]]
    qtbot.keyClick(view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert view.focused_id() == ids[0]


def test_arrow_keys_go_round_the_circle(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    ids = view.people_ids()
    view.setFocus()
    view.focus_person(ids[-1])
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.focused_id() == ids[0]
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.focused_id() == ids[-1]
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.focused_id() == ids[0]
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.focused_id() == ids[1]


def test_tab_goes_into_through_and_out_of_the_map(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    before, view, after = QLineEdit(), RelationshipCircleView(), QLineEdit()
    for widget in (before, view, after):
        layout.addWidget(widget)
    view.show_drawing(twelve())
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    before.setFocus()
    qtbot.waitUntil(before.hasFocus, timeout=1000)
    ids = view.people_ids()
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert view.hasFocus()
    assert view.focused_id() == ids[0]  # tabbing in starts at the first person
    for _ in ids[1:]:
        qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.focused_id() == ids[-1]
    assert view.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # past the last person: on to the next control
    assert after.hasFocus()
    qtbot.keyClick(after, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert view.hasFocus()
    assert view.focused_id() == ids[-1]  # back in at the last person
    qtbot.keyClick(view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert view.focused_id() == ids[-2]


def test_ctrl_up_and_down_ask_to_move_one_circle(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    view.setFocus()
    view.focus_person("r3")  # circle 3
    with qtbot.waitSignal(view.move_requested, timeout=1000) as signal:
        qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert signal.args == ["r3", 2]
    with qtbot.waitSignal(view.move_requested, timeout=1000) as signal:
        qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert signal.args == ["r3", 4]
    assert view.focused_id() == "r3"  # Ctrl+arrow moves, it does not change the focus


def test_no_move_past_the_closest_or_furthest_circle(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    view.setFocus()
    view.focus_person("r1")  # circle 1
    with qtbot.assertNotEmitted(view.move_requested):
        qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    view.focus_person("r9")  # circle 4
    with qtbot.assertNotEmitted(view.move_requested):
        qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)


def test_accessible_name_and_description_follow_the_focus(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    assert view.accessibleName() == "Relationship circle"
    with qtbot.waitSignal(view.selection_changed, timeout=1000) as signal:
        view.focus_person("r1")
    assert signal.args == ["r1"]
    assert view.accessibleDescription() == "Susan Hughes, daughter, circle 1, positive, NOK (primary), ECS"
    view.focus_person("r12")
    assert view.accessibleDescription() == "Kemi Adeyemi, circle 3, in conflict, Restricted"
    assert "Ctrl+Up" in view.toolTip()


def test_redrawing_keeps_the_focused_person_and_the_zoom(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    view.focus_person("r3")
    view.zoom_in()
    scale = view.transform().m11()
    moved = tuple(p if p.id != "r3" else CirclePerson(**{**p.__dict__, "circle": 2}) for p in TWELVE)
    with qtbot.assertNotEmitted(view.selection_changed):
        view.show_drawing(CircleDrawing(RESIDENT, moved))
    assert view.focused_id() == "r3"
    assert view.current_layout.find("r3").person.circle == 2  # type: ignore[union-attr]
    assert view.transform().m11() == pytest.approx(scale)
    view.show_drawing(CircleDrawing(RESIDENT, moved[:1]))
    assert view.focused_id() is None


# -- zoom ------------------------------------------------------------------------------------


def test_zoom_in_and_out_then_fit(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    fitted = view.transform().m11()
    view.zoom_in()
    assert view.transform().m11() == pytest.approx(fitted * 1.25)
    view.zoom_out()
    view.zoom_out()
    assert view.transform().m11() == pytest.approx(fitted / 1.25)
    view.fit()
    assert view.transform().m11() == pytest.approx(fitted)


def test_zoom_keys(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    fitted = view.transform().m11()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.transform().m11() > fitted
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.transform().m11() == pytest.approx(fitted)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.transform().m11() < fitted


def test_fits_on_resize_until_the_person_zooms(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    fitted = view.transform().m11()
    view.resize(500, 400)
    qtbot.wait(10)
    smaller = view.transform().m11()
    assert smaller < fitted
    view.zoom_in()
    view.resize(1000, 800)
    qtbot.wait(10)
    assert view.transform().m11() == pytest.approx(smaller * 1.25)


# -- legend ----------------------------------------------------------------------------------


def test_legend_explains_lines_marks_and_rings(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    legend = view.legend_widget()
    qtbot.addWidget(legend)
    text = " ".join(label.text() for label in legend.findChildren(QLabel))
    for quality in Quality:
        assert quality.label in text
    for tag, meaning in MARK_MEANINGS:
        assert tag in text and meaning in text
    for category in Category:
        assert category.label in text
    assert "1 is the closest" in text
    assert legend is view.legend_widget()


# -- PySide6 on Python 3.11 --------------------------------------------------------------------


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_redrawing_does_not_use_up_references_to_none(qtbot) -> None:  # type: ignore[no-untyped-def]
    """PySide6 6.12 drops a reference to None on each Qt call that returns nothing; a process
    that runs out aborts. Redrawing a crowded map must stay well within a few hundred."""
    view = RelationshipCircleView()
    qtbot.addWidget(view)
    drawing = crowd(60)
    view.show_drawing(drawing)
    before = sys.getrefcount(None)
    view.show_drawing(drawing)
    assert before - sys.getrefcount(None) < 600


def _xy(point: QPointF) -> tuple[float, float]:
    return point.x(), point.y()
