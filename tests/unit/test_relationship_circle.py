"""Must hold: on a relationship circle of 0–60 people, in any mix of categories and circles, no
two labels overlap, no label covers a node or the resident's name, everything lies inside the
drawing, each person sits once and inside their own ring, and the same people in any order give
the same layout; the hit tests find people and rings; sectors keep their fixed order."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carelink_desktop.domain.relationship_circle import (
    MARK_SEPARATOR,
    SECTOR_ORDER,
    Box,
    CircleLayout,
    CirclePerson,
    estimate_width,
    label_lines,
    layout_circle,
)
from carelink_desktop.domain.relationships import Category, Quality

RESIDENT = "Margaret Elizabeth Thompson"
MARKS = ("NOK (primary)", "NOK", "LPA", "ECS", "Carer", "Restricted")
NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ '-éèâŵŷłŁİğễøÆWMmw"
RELATIONSHIPS = ("daughter", "son-in-law", "friend", "GP", "social worker", "advocate", "")


def node_square(placed: object) -> Box:
    x, y, r = placed.x, placed.y, placed.node_radius  # type: ignore[attr-defined]
    return Box(x - r, y - r, 2 * r, 2 * r)


def assert_sound(layout: CircleLayout, people: list[CirclePerson]) -> None:
    """Every promise of the layout, checked the slow, obvious way."""
    bounds = Box(0, 0, layout.width, layout.height)
    placed = layout.people
    assert sorted(p.person.id for p in placed) == sorted(p.id for p in people)
    assert {p.person for p in placed} == set(people)
    squares = [node_square(p) for p in placed]
    assert layout.centre_label.inside(bounds)
    for i, p in enumerate(placed):
        assert p.label.inside(bounds), (p.lines, p.label, bounds)
        assert squares[i].inside(bounds)
        assert not p.label.intersects(layout.centre_label), p.lines
        for j, q in enumerate(placed):
            if j > i:
                assert not p.label.intersects(q.label), (p.lines, q.lines)
            assert not p.label.intersects(squares[j]), (p.lines, q.lines)
        for ring_label in layout.ring_labels:
            assert not p.label.intersects(ring_label)
        distance = math.hypot(p.x - layout.cx, p.y - layout.cy)
        circle = p.person.circle
        inner = layout.ring_radii[circle - 2] if circle > 1 else 0.0
        assert inner <= distance <= layout.ring_radii[circle - 1]
        assert p.lines == label_lines(p.person)
    for sector in layout.sectors:
        assert sector.label is not None
        assert sector.label.inside(bounds)
        for p in placed:
            assert not sector.label.intersects(p.label)
    for ring_label in layout.ring_labels:
        assert ring_label.inside(bounds)


@st.composite
def circles(draw: st.DrawFn, max_size: int = 60) -> list[CirclePerson]:
    size = draw(st.integers(min_value=0, max_value=max_size))
    # sometimes everyone in one category or one circle
    only_category = draw(st.none() | st.sampled_from(list(Category)))
    only_circle = draw(st.none() | st.integers(min_value=1, max_value=4))
    people = []
    for index in range(size):
        people.append(
            CirclePerson(
                id=f"rel-{index}",
                name=draw(st.text(st.sampled_from(NAME_CHARS), min_size=1, max_size=40)),
                relationship=draw(st.sampled_from(RELATIONSHIPS)),
                circle=only_circle or draw(st.integers(min_value=1, max_value=4)),
                category=only_category or draw(st.sampled_from(list(Category))),
                quality=draw(st.sampled_from(list(Quality))),
                marks=tuple(draw(st.lists(st.sampled_from(MARKS), max_size=4, unique=True))),
            )
        )
    return people


@settings(max_examples=60, deadline=None)
@given(circles())
def test_labels_never_overlap_and_everything_fits(people: list[CirclePerson]) -> None:
    assert_sound(layout_circle(RESIDENT, people), people)


@settings(max_examples=25, deadline=None)
@given(circles(max_size=30), st.randoms(use_true_random=False))
def test_the_same_people_in_any_order_give_the_same_layout(
    people: list[CirclePerson], rnd: random.Random
) -> None:
    shuffled = list(people)
    rnd.shuffle(shuffled)
    assert layout_circle(RESIDENT, shuffled) == layout_circle(RESIDENT, people)


@settings(max_examples=15, deadline=None)
@given(circles(max_size=20), st.floats(min_value=4, max_value=20))
def test_any_font_size_keeps_the_promises(people: list[CirclePerson], font_size: float) -> None:
    layout = layout_circle(RESIDENT, people, font_size=font_size)
    assert layout.font_size == font_size
    assert_sound(layout, people)


# -- examples ------------------------------------------------------------------------------


def person(
    index: int,
    category: Category = Category.FAMILY,
    circle: int = 2,
    name: str = "",
    marks: tuple[str, ...] = (),
) -> CirclePerson:
    return CirclePerson(
        id=f"rel-{index:02d}",
        name=name or f"Person {index:02d}",
        relationship="daughter",
        circle=circle,
        category=category,
        quality=Quality.POSITIVE,
        marks=marks,
    )


TYPICAL = [
    person(1, Category.FAMILY, 1, "Susan Hughes", ("NOK (primary)", "LPA")),
    person(2, Category.FAMILY, 1, "David Hughes", ("NOK",)),
    person(3, Category.FAMILY, 2, "Gwenllian ap Dŵr"),
    person(4, Category.FAMILY, 2, "Tomos Llŷr"),
    person(5, Category.FAMILY, 3, "Łucja Wiśniewska"),
    person(6, Category.FAMILY, 4, "Nguyễn Thị Hương"),
    person(7, Category.FRIEND, 2, "Zeynep İğdır"),
    person(8, Category.FRIEND, 3, "Mary O'Neill"),
    person(9, Category.FRIEND, 4, "Jo Smith"),
    person(10, Category.UNPAID_CARER, 1, "Peter Hughes", ("ECS", "Carer")),
    person(11, Category.PROFESSIONAL, 3, "Dr Amir Patel"),
    person(12, Category.PROFESSIONAL, 4, "Claire Evans"),
    person(13, Category.COMMUNITY, 3, "Revd Alun Jones"),
    person(14, Category.COMMUNITY, 4, "Bethan Morgan"),
    person(15, Category.ADVOCATE, 4, "Sam Clarke", ("Restricted",)),
]


def test_a_typical_circle_is_compact() -> None:
    layout = layout_circle(RESIDENT, TYPICAL)
    assert_sound(layout, TYPICAL)
    assert layout.width <= 540 and layout.height <= 540, (layout.width, layout.height)


def test_the_hit_test_finds_a_person_by_their_node_and_their_label() -> None:
    layout = layout_circle(RESIDENT, TYPICAL)
    for placed in layout.people:
        assert layout.at(placed.x, placed.y) is placed
        assert layout.at(placed.x + placed.node_radius * 0.7, placed.y) is placed
        label = placed.label
        assert layout.at(label.x + label.width / 2, label.y + label.height / 2) is placed
        assert layout.find(placed.person.id) is placed
    assert layout.at(1, 1) is None
    assert layout.at(layout.cx, layout.cy) is None  # the resident
    assert layout.find("no-such-id") is None


def test_circle_at_maps_points_to_rings() -> None:
    layout = layout_circle(RESIDENT, TYPICAL)
    r1, r2, r3, r4 = layout.ring_radii
    assert 0 < r1 < r2 < r3 < r4
    cx, cy = layout.cx, layout.cy
    assert layout.circle_at(cx, cy) == 1
    assert layout.circle_at(cx + r1 - 1, cy) == 1
    assert layout.circle_at(cx, cy - (r1 + r2) / 2) == 2
    assert layout.circle_at(cx - (r2 + r3) / 2, cy) == 3
    assert layout.circle_at(cx, cy + (r3 + r4) / 2) == 4
    assert layout.circle_at(cx + r4 + 50, cy) == 4
    assert layout.circle_at(-1000, -1000) == 4
    for placed in layout.people:
        assert layout.circle_at(placed.x, placed.y) == placed.person.circle


def test_sectors_follow_the_fixed_order_clockwise_from_the_top() -> None:
    layout = layout_circle(RESIDENT, TYPICAL)
    assert [s.category for s in layout.sectors] == list(SECTOR_ORDER)
    assert layout.sectors[0].start == 0.0
    assert layout.sectors[-1].end == pytest.approx(math.tau)
    for before, after in zip(layout.sectors, layout.sectors[1:], strict=False):
        assert before.end == after.start
    widths = {s.category: s.end - s.start for s in layout.sectors}
    assert widths[Category.FAMILY] > widths[Category.FRIEND] >= widths[Category.ADVOCATE]
    assert min(widths.values()) >= math.radians(40) - 1e-9  # a lone person still has room
    for placed in layout.people:
        sector = next(s for s in layout.sectors if s.category is placed.person.category)
        assert sector.start < placed.angle < sector.end
        # the angle is clockwise from the top, y growing downwards
        assert placed.x - layout.cx == pytest.approx(
            math.sin(placed.angle) * math.hypot(placed.x - layout.cx, placed.y - layout.cy)
        )


def test_only_categories_with_people_have_sectors() -> None:
    people = [person(1, Category.FRIEND), person(2, Category.ADVOCATE), person(3, Category.FRIEND)]
    layout = layout_circle(RESIDENT, people)
    assert [s.category for s in layout.sectors] == [Category.FRIEND, Category.ADVOCATE]


def test_an_empty_circle_has_the_resident_rings_and_six_equal_sectors() -> None:
    layout = layout_circle(RESIDENT, [])
    assert layout.people == ()
    assert [s.category for s in layout.sectors] == list(SECTOR_ORDER)
    assert {round(s.end - s.start, 9) for s in layout.sectors} == {round(math.tau / 6, 9)}
    assert layout.centre_lines == ("Margaret Elizabeth", "Thompson")
    assert len(layout.ring_labels) == 4
    assert layout.circle_at(layout.cx, layout.cy) == 1
    assert_sound(layout, [])


def test_a_single_person() -> None:
    alone = person(1, Category.ADVOCATE, 3, "Sam Clarke", ("Restricted",))
    layout = layout_circle("Ann", [alone])
    assert_sound(layout, [alone])
    (placed,) = layout.people
    assert placed.lines == ("Sam Clarke", "daughter", "Restricted")
    assert [s.category for s in layout.sectors] == [Category.ADVOCATE]
    assert layout.width < 400 and layout.height < 400


def test_sixty_people_in_one_sector_and_one_circle() -> None:
    people = [person(i, Category.FAMILY, 1, f"Person number {i:02d} with a long name") for i in range(60)]
    layout = layout_circle(RESIDENT, people)
    assert_sound(layout, people)
    assert len(layout.sectors) == 1


def test_sixty_people_in_one_sector_over_every_circle() -> None:
    people = [person(i, Category.PROFESSIONAL, 1 + i % 4, marks=MARKS[: i % 4]) for i in range(60)]
    assert_sound(layout_circle(RESIDENT, people), people)


def test_a_label_holds_name_relationship_and_marks() -> None:
    p = person(1, marks=("NOK (primary)", "ECS", "Restricted"))
    assert label_lines(p) == ("Person 01", "daughter", MARK_SEPARATOR.join(p.marks))
    assert label_lines(person(2)) == ("Person 02", "daughter")
    bare = CirclePerson("x", "Jo", "", 1, Category.FRIEND, Quality.MIXED)
    assert label_lines(bare) == ("Jo",)


def test_each_label_box_holds_its_lines() -> None:
    layout = layout_circle(RESIDENT, TYPICAL)
    for placed in layout.people:
        widest = max(estimate_width(line, layout.font_size) for line in placed.lines)
        assert placed.label.width >= widest + 2 * layout.padding - 1e-9
        assert placed.label.height >= len(placed.lines) * layout.line_height + 2 * layout.padding - 1e-9
        if placed.align == "left":
            assert placed.label.x >= placed.x
        elif placed.align == "right":
            assert placed.label.right <= placed.x
        else:
            assert placed.label.x < placed.x < placed.label.right


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="different id"):
        layout_circle(RESIDENT, [person(1), person(1)])
    with pytest.raises(ValueError, match="Circle 5"):
        layout_circle(RESIDENT, [person(1, circle=5)])
    with pytest.raises(ValueError, match="font size"):
        layout_circle(RESIDENT, [], font_size=0)


def test_a_measure_is_used_for_every_box() -> None:
    def wide(text: str, size: float) -> float:
        return 2 * estimate_width(text, size)

    narrow, broad = layout_circle(RESIDENT, TYPICAL), layout_circle(RESIDENT, TYPICAL, measure=wide)
    assert_sound(broad, TYPICAL)
    assert broad.centre_label.width > narrow.centre_label.width
    assert broad.width > narrow.width


def test_box_edges_that_touch_do_not_intersect() -> None:
    a = Box(0, 0, 10, 10)
    assert not a.intersects(Box(10, 0, 5, 5))
    assert not a.intersects(Box(0, 10, 5, 5))
    assert a.intersects(Box(9.9, 9.9, 5, 5))
    assert Box(1, 1, 2, 2).inside(a) and a.inside(a)
    assert not Box(9, 9, 2, 2).inside(a)
    assert a.contains(10, 10) and not a.contains(10.1, 5)


def test_estimated_widths() -> None:
    assert estimate_width("", 9) == 0
    assert estimate_width("W", 10) == pytest.approx(10.0)  # DejaVu's W is 0.989 em
    assert estimate_width("i", 10) < estimate_width("m", 10)
    assert estimate_width("Siân", 9) == estimate_width("Sian", 9)
    assert estimate_width("e\u0301", 9) == estimate_width("e", 9)  # a combining accent adds nothing
    assert estimate_width("漢", 10) == pytest.approx(10.0)
    assert estimate_width("Ann ap Dŵr", 18) == pytest.approx(2 * estimate_width("Ann ap Dŵr", 9))
