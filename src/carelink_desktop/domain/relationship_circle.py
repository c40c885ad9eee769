"""The relationship circle's layout: where the resident, the rings, each person and each label go.

Pure geometry, shared by the on-screen map and the printed one: nothing here draws. The resident
sits in the middle; four concentric rings hold people by how important they are to the resident
(circle 1, the innermost, is the closest); people sit in angular sectors by category, in a fixed
order clockwise from the top; each person's label (name, relationship, marks) sits beside their
node and never overlaps another label, another node, the resident's name or a ring number.

Coordinates are drawing units with the origin at the top left and y growing downwards, as on a
screen; a renderer with y growing upwards (reportlab) flips them. Angles are radians clockwise
from the top (12 o'clock): a point at angle ``a`` and distance ``d`` from the centre is
``(cx + d·sin a, cy − d·cos a)``.

The label boxes are sized with a ``Measure`` (text, font size → width): the renderer passes the
measure of the font it draws with, so that text always fits its box. ``estimate_width`` is a
conservative stand-in for DejaVu Sans, the font of every printed report.
"""

from __future__ import annotations

import bisect
import itertools
import math
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Literal

from carelink_desktop.domain.relationships import CLOSEST, FURTHEST, Category, Quality

Measure = Callable[[str, float], float]
"""(text, font size) → the text's width in drawing units."""

Align = Literal["left", "centre", "right"]

#: The sectors' fixed order, clockwise from the top.
SECTOR_ORDER: tuple[Category, ...] = (
    Category.FAMILY,
    Category.FRIEND,
    Category.UNPAID_CARER,
    Category.PROFESSIONAL,
    Category.COMMUNITY,
    Category.ADVOCATE,
)
#: Between the marks on a label's last line.
MARK_SEPARATOR = " · "
#: The narrowest sector (radians): a lone person in a category still gets room.
MIN_SECTOR_ANGLE = math.radians(40)

# -- text width ----------------------------------------------------------------------------

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
# DejaVu Sans advance widths in twentieths of an em, rounded up, one base-36 digit per code
# point from the block's first code point ("o" where the font has no glyph: 1.2 em). Generated
# from DejaVuSans.ttf 2.37; tests/integration/test_relationship_circle_pdf.py checks the table.
_WIDTH_BLOCKS: tuple[tuple[int, str], ...] = (
    (0x20, "79ahdkg688ah7877dddddddddd77hhhbkeeegdcgg66ecifgdgeddfekede878haaddbdd8dd66c6kdddd9b8dchccbd7dh"),
    (
        0xA0,
        "79dddd7aakadh8kaah99add7a9adkkkbeeeeeekedddd6666gfggggghgffffdddddddddkbdddd6666dddddddhdddddcdc"
        "edededebebebebgdgdddddddddddgdgdgdgdgdje6666666666cc66eccc6c6c8c7c6fdfdfdhfdgdgdgdmle9e9e9dbdbdb"
        "dbd8d8d8fdfdfdfdfdfdkhdcdebebeb8dfededfebghedddgdc8gek86fc6ckfdgjdjgededbd78d8didgfffebeecbdecbd"
        "6aa6tqohgajjged66gdfdfdfdfdfddededkkgdgdecgdgdec6tqogdnefdedkkgdededdddd6666gdgde9e9fdfddbd8dbgd"
        "fhedebedddgdgdgdgddcaha6kkeebcdbbdaefedd66gde9dcddddbbdeddhbbge6eddccddd6788a6fkkkddddife99999bb"
        "ddb77a788ddcchcdbbccbbbbgcefe6ebfbblmlhdghfebbee9846668b86a7777788aaaaaa6aaa6aaa7777aa87aaaaaa7a"
        "94898aaaaaooaabooooaoooaoooooooo0000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000o000ooo00o0o0000000oooooooooooooecid66fdooabbb76ooooaae7fi9ohohh7eecedegg6eeifdg"
        "gdodddgegg6debd7cedcdbbdd7ccdccdddcddceceh7cdcheddeheehegddccaeeidjhgegdedgdeddbedb6gddddeiedfef"
        "ddgded666mlgffdgeeedgdmdfffgigggdeddiegemmhieemeddcbedjbddddgededbccicecjjfgcbhddddbbb666jieddce"
        "jhgejfigolgdlhdbiigdgegekjkgoljhebb0000099geecdddbecdbmjdbfdfdfdihgelimjieebdcdcdcecjhececedjfjf"
        "6mjedgegegeecig6ededkkddgdgdmjdbecfdfdgdgdgdebdcdcdcecdbigececececlikiecmknkgegfdbgdokiilkgdkhfd"
        "mjmjgeoooooooooo",
    ),
    (
        0x1E00,
        "ededededebgdgdgdgdgdddddddddddc8gdgdgdgdgdgd6666ecececc6c6c6c6ikikikfdfdfdfdgdgdgdgddddde9e9e9e9"
        "dbdbdbdbdbd8d8d8d8fdfdfdfdfdececkhkhkhkhkhececdcebebebd8hcd888gdededededededededededededdddddddd"
        "dddddddd6666gdgdgdgdgdgdgdjdjdjdjdjdfdfdidididididdcdcdcdcgaoooo",
    ),
    (
        0x2000,
        "akak754d7420000088dakkaa7777bbbbaacc7ek700000004rz58b58b788habahh5ka488jffadaaa7ha9khhcehh7gh775"
        "00000ooooo000000",
    ),
)
_EM_WIDTHS: dict[str, float] = {
    chr(start + i): _DIGITS.index(digit) / 20
    for start, digits in _WIDTH_BLOCKS
    for i, digit in enumerate(digits)
}
#: A character outside the table: East Asian wide characters are a square em; anything else is
#: counted wider than any letter of DejaVu Sans's Latin, Greek or Cyrillic.
_WIDE_EM, _OTHER_EM = 1.0, 1.2


def estimate_width(text: str, font_size: float) -> float:
    """A conservative width of ``text`` in DejaVu Sans at ``font_size``: the default Measure.

    Never less than DejaVu Sans's own advance widths (kerning ignored) for Latin (with every
    accent, Welsh, Polish, Turkish, Vietnamese...), Greek and Cyrillic; combining accents add
    nothing; CJK and other wide characters count as a square em, anything else 1.2 em."""
    total = 0.0
    for ch in text:
        em = _EM_WIDTHS.get(ch)
        if em is None:
            if unicodedata.combining(ch):
                em = 0.0
            elif unicodedata.east_asian_width(ch) in ("W", "F"):
                em = _WIDE_EM
            else:
                em = _OTHER_EM
        total += em
    return total * font_size


# -- the layout's parts --------------------------------------------------------------------


#: The fill of each category's nodes, dark to light so they differ in greyscale too. One palette
#: for the screen and for paper (hex strings: the core draws nothing itself).
CATEGORY_SHADES: dict[Category, str] = {
    Category.FAMILY: "#14284A",
    Category.FRIEND: "#2E6B4F",
    Category.UNPAID_CARER: "#D0662A",
    Category.PROFESSIONAL: "#8FAAD0",
    Category.COMMUNITY: "#E8CF6A",
    Category.ADVOCATE: "#F7F2FB",
}


@dataclass(frozen=True)
class CirclePerson:
    """One person on the circle (one relationship of the resident)."""

    id: str  # the relationship's id: unique on one circle
    name: str  # "Susan Hughes"
    relationship: str  # "daughter"
    circle: int  # 1 (closest) .. 4
    category: Category
    quality: Quality
    marks: tuple[str, ...] = ()  # short tags, from domain.relationships.marks


@dataclass(frozen=True)
class CircleDrawing:
    """What a printed relationship circle needs: the data of a ``Diagram("relationship_circle")``."""

    resident_name: str
    people: tuple[CirclePerson, ...]


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle: top-left corner, y growing downwards."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def intersects(self, other: Box) -> bool:
        """Whether the two overlap; boxes that only touch along an edge do not."""
        return (
            self.x < other.x + other.width
            and other.x < self.x + self.width
            and self.y < other.y + other.height
            and other.y < self.y + self.height
        )

    def inside(self, outer: Box) -> bool:
        """Whether this box lies wholly within ``outer`` (touching its edges counts as inside)."""
        return (
            self.x >= outer.x
            and self.y >= outer.y
            and self.x + self.width <= outer.x + outer.width
            and self.y + self.height <= outer.y + outer.height
        )

    def contains(self, x: float, y: float) -> bool:
        """Whether the point lies in the box or on its edge."""
        return self.x <= x <= self.x + self.width and self.y <= y <= self.y + self.height


@dataclass(frozen=True)
class PlacedPerson:
    """A person's place on the drawing: their node, and their label's box and lines."""

    person: CirclePerson
    x: float  # node centre
    y: float
    node_radius: float
    label: Box  # line i's top is label.y + layout.padding + i·layout.line_height
    lines: tuple[str, ...]  # name, relationship (if any), marks joined by " · " (if any)
    angle: float  # radians clockwise from the top
    #: How the lines sit in the box: "left" when the box starts right of the node's centre,
    #: "right" when it ends left of it, else "centre".
    align: Align = "left"


@dataclass(frozen=True)
class Sector:
    """The angles (radians clockwise from the top) a category's people are spread over."""

    category: Category
    start: float
    end: float
    #: Where the category's name goes, just outside ring 4 (``layout_circle`` always sets it).
    label: Box | None = None

    @property
    def middle(self) -> float:
        return (self.start + self.end) / 2


@dataclass(frozen=True)
class CircleLayout:
    """Everything a renderer needs, in drawing units (see the module's notes on coordinates).

    ``sectors`` holds only the categories that have people; an empty circle has all six, equal,
    so the blank map still shows where each kind of person would go. Everything drawn (nodes,
    labels, ring numbers, category names) lies inside ``Box(0, 0, width, height)``."""

    width: float
    height: float
    cx: float  # the centre: the resident
    cy: float
    ring_radii: tuple[float, float, float, float]  # outer radius of circles 1..4
    centre_label: Box  # the resident's name, ``centre_lines`` drawn centred inside
    sectors: tuple[Sector, ...]
    people: tuple[PlacedPerson, ...]
    font_size: float
    line_height: float
    centre_lines: tuple[str, ...] = ()
    #: The box of each ring's number (1..4), on the ring's line straight above the centre.
    ring_labels: tuple[Box, ...] = ()
    #: Space between a label box's edge and its text.
    padding: float = 0.0

    @property
    def bounds(self) -> Box:
        return Box(0.0, 0.0, self.width, self.height)

    def find(self, person_id: str) -> PlacedPerson | None:
        """The placed person with this relationship id, or None."""
        for placed in self.people:
            if placed.person.id == person_id:
                return placed
        return None

    def at(self, x: float, y: float) -> PlacedPerson | None:
        """The person whose node (nearest first) or else label is under the point, or None."""
        best: PlacedPerson | None = None
        best_distance = math.inf
        for placed in self.people:
            distance = math.hypot(x - placed.x, y - placed.y)
            if distance <= placed.node_radius and distance < best_distance:
                best, best_distance = placed, distance
        if best is not None:
            return best
        for placed in self.people:
            if placed.label.contains(x, y):
                return placed
        return None

    def circle_at(self, x: float, y: float) -> int:
        """Which circle (1..4) a point falls in: the centre counts as 1, beyond ring 4 as 4."""
        distance = math.hypot(x - self.cx, y - self.cy)
        for number, radius in enumerate(self.ring_radii, start=CLOSEST):
            if distance <= radius:
                return number
        return FURTHEST


# -- layout --------------------------------------------------------------------------------

_Rect = tuple[float, float, float, float]  # x1, y1, x2, y2: the working form of a Box

#: A circle's band grows by this factor while a label in it finds no room; then a few halvings
#: of the last step find a tighter band that also works.
_GROWTH, _MAX_ATTEMPTS, _REFINE_STEPS = 1.15, 60, 2
#: For this many attempts no label may lie across a line from the centre; then one may.
_KEEP_OFF_ATTEMPTS = 4
#: The first guess of a circle's radius: its labels' heights side by side, times this.
_CROWDING = 0.8
#: Where a label may go around its node: turns (radians) from "straight away from the centre",
#: nearest first, in sixteenths of a circle.
_TURNS = (0.0, *(side * k * math.pi / 8 for k in range(1, 8) for side in (1, -1)), math.pi)
_EPS = 1e-6
_CIRCLES = range(CLOSEST, FURTHEST + 1)


def label_lines(person: CirclePerson) -> tuple[str, ...]:
    """A person's label: their name, the relationship (if given), the marks (if any)."""
    lines = [person.name]
    if person.relationship:
        lines.append(person.relationship)
    if person.marks:
        lines.append(MARK_SEPARATOR.join(person.marks))
    return tuple(lines)


def sort_key(person: CirclePerson) -> tuple[object, ...]:
    """The order people are laid out in: category (sector order), circle, name, id."""
    return (
        SECTOR_ORDER.index(person.category),
        person.circle,
        person.name.casefold(),
        person.name,
        person.id,
        person.relationship,
        person.quality.value,
        person.marks,
    )


@dataclass(frozen=True)
class _Metrics:
    font_size: float
    line_height: float
    padding: float
    node_radius: float
    gap: float  # between a node and its own label, and round other things
    keep_off: float  # between a node and anyone else's label

    @staticmethod
    def for_font(font_size: float) -> _Metrics:
        return _Metrics(
            font_size=font_size,
            line_height=1.25 * font_size,
            padding=0.2 * font_size,
            node_radius=0.75 * font_size,
            gap=0.35 * font_size,
            keep_off=0.8 * font_size,
        )


class _Grid:
    """Boxes bucketed into square cells, for fast overlap checks; each box has an owner."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.boxes: list[_Rect] = []
        self.owners: list[int] = []
        self.box_cells: dict[tuple[int, int], list[int]] = {}

    def add(self, r: _Rect, owner: int = 0) -> None:
        index = len(self.boxes)
        self.boxes.append(r)
        self.owners.append(owner)
        c = self.cell
        j0, j1 = int(r[1] // c), int(r[3] // c) + 1
        for i in range(int(r[0] // c), int(r[2] // c) + 1):
            for j in range(j0, j1):
                self.box_cells.setdefault((i, j), []).append(index)

    def hit(self, r: _Rect, skip: int = -1) -> int | None:
        """The owner of a box the rectangle overlaps (not counting ``skip``'s), or None."""
        x1, y1, x2, y2 = r
        c, boxes, cells, owners = self.cell, self.boxes, self.box_cells, self.owners
        j0, j1 = int(y1 // c), int(y2 // c) + 1
        for i in range(int(x1 // c), int(x2 // c) + 1):
            for j in range(j0, j1):
                for index in cells.get((i, j), ()):
                    o = boxes[index]
                    if x1 < o[2] and o[0] < x2 and y1 < o[3] and o[1] < y2 and owners[index] != skip:
                        return owners[index]
        return None


def _bearing(x: float, y: float) -> float:
    """The angle of a point seen from the centre, clockwise from the top, in [0, 2π)."""
    return math.atan2(x, -y) % math.tau


class _Spokes:
    """The lines from the centre to each node, found by angle; each has its node's circle."""

    def __init__(self, nodes: Sequence[tuple[float, float]], circles: Sequence[int]) -> None:
        ends = sorted((_bearing(x, y), x, y, c) for (x, y), c in zip(nodes, circles, strict=True))
        self.angles = [a for a, _, _, _ in ends]
        self.ends = [(x, y, c) for _, x, y, c in ends]

    def _between(self, lo: float, hi: float) -> Iterator[tuple[float, float, int]]:
        """The spokes with an angle from lo to hi (radians; lo may be below 0, hi above 2π)."""
        if lo < 0:
            yield from self._between(lo + math.tau, math.tau)
            lo = 0.0
        if hi > math.tau:
            yield from self._between(0.0, hi - math.tau)
            hi = math.tau
        yield from self.ends[bisect.bisect_left(self.angles, lo) : bisect.bisect_right(self.angles, hi)]

    def cross(self, r: _Rect) -> int | None:
        """The circle of a node whose spoke runs through the rectangle, or None."""
        if not self.angles:
            return None
        mx, my = (r[0] + r[2]) / 2, (r[1] + r[3]) / 2
        distance, reach = math.hypot(mx, my), math.hypot(r[2] - mx, r[3] - my)
        if distance <= reach:  # near the centre, where every spoke starts: try them all
            spokes: Iterable[tuple[float, float, int]] = self.ends
        else:
            bearing, spread = _bearing(mx, my), math.asin(reach / distance)
            spokes = self._between(bearing - spread, bearing + spread)
        for x, y, circle in spokes:
            if _segment_hits((0.0, 0.0, x, y), r):
                return circle
        return None


def _segment_hits(s: _Rect, r: _Rect) -> bool:
    """Whether the segment passes through the inside of the rectangle (Liang–Barsky)."""
    x1, y1, x2, y2 = s
    dx, dy = x2 - x1, y2 - y1
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x1 - r[0]), (dx, r[2] - x1), (-dy, y1 - r[1]), (dy, r[3] - y1)):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 >= t1:
            return False
    return True


def _nearest(angles: Sequence[float], a: float, *, self_included: bool = False) -> float:
    """The least angular distance from ``a`` to the sorted ``angles`` (to the others, when
    ``a`` is one of them); π when there are none."""
    n = len(angles)
    if n <= (1 if self_included else 0):
        return math.pi
    k = bisect.bisect_left(angles, a)
    if self_included:
        return min(_angular_distance(a, angles[(k - 1) % n]), _angular_distance(a, angles[(k + 1) % n]))
    return min(_angular_distance(a, angles[k % n]), _angular_distance(a, angles[(k - 1) % n]))


def _angular_distance(a: float, b: float) -> float:
    d = abs(a - b) % math.tau
    return min(d, math.tau - d)


def _sectors(people: Sequence[CirclePerson]) -> list[Sector]:
    """Sector angles proportional to each category's number of people, none narrower than
    MIN_SECTOR_ANGLE (or an equal share), in SECTOR_ORDER clockwise from the top."""
    counts = {category: 0 for category in SECTOR_ORDER}
    for person in people:
        counts[person.category] += 1
    present = [c for c in SECTOR_ORDER if counts[c]] or list(SECTOR_ORDER)
    weights = {c: float(counts[c] or 1) for c in present}
    floor = min(MIN_SECTOR_ANGLE, math.tau / len(present))
    fixed: set[Category] = set()
    angles: dict[Category, float] = {}
    while True:
        free = math.tau - floor * len(fixed)
        total = sum(weights[c] for c in present if c not in fixed)
        angles = {c: floor if c in fixed else free * weights[c] / total for c in present}
        narrow = {c for c in present if c not in fixed and angles[c] < floor}
        if not narrow:
            break
        fixed |= narrow
    sectors: list[Sector] = []
    start = 0.0
    for index, category in enumerate(present):
        end = math.tau if index == len(present) - 1 else start + angles[category]
        sectors.append(Sector(category, start, end))
        start = end
    return sectors


def _angles(people: Sequence[CirclePerson], sectors: Sequence[Sector]) -> list[float]:
    """Each person's angle. A sector has one slot per person; each circle's people take slots
    spread evenly over the sector, so no two people of a sector share an angle (a line to an
    outer person never runs through an inner one)."""
    by_category: dict[Category, list[int]] = {}
    for index, person in enumerate(people):
        by_category.setdefault(person.category, []).append(index)
    angles = [0.0] * len(people)
    for sector in sectors:
        members = by_category.get(sector.category, [])
        n = len(members)
        ideal: list[tuple[float, int, int]] = []
        for circle in range(CLOSEST, FURTHEST + 1):
            ring = [i for i in members if people[i].circle == circle]
            k = len(ring)
            ideal.extend(((j + 0.5) * n / k - 0.5, circle, i) for j, i in enumerate(ring))
        ideal.sort()
        span = sector.end - sector.start
        for slot, (_, _, i) in enumerate(ideal):
            angles[i] = sector.start + (slot + 0.5) * span / n
    return angles


def _wrap(text: str, measure: Measure, size: float, width: float) -> tuple[str, ...]:
    """Words of ``text`` in lines no wider than ``width`` (a longer word has a line of its own)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and measure(trial, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    lines.append(current)
    return tuple(lines)


def _offset(direction: float, half: tuple[float, float], clear: float) -> _Rect:
    """A label box (half sizes a, b) relative to its node, in ``direction`` from it, just clear
    of the node's square of half size ``clear``."""
    a, b = half
    ux, uy = math.sin(direction), -math.cos(direction)
    t = min(
        (a + clear) / abs(ux) if abs(ux) > 1e-12 else math.inf,
        (b + clear) / abs(uy) if abs(uy) > 1e-12 else math.inf,
    )
    return (t * ux - a, t * uy - b, t * ux + a, t * uy + b)


def _align(r: _Rect, x: float) -> Align:
    """Text starts next to the node: left-aligned in a box that starts right of the node's
    centre, right-aligned in one that ends left of it, else centred."""
    if r[0] >= x:
        return "left"
    if r[2] <= x:
        return "right"
    return "centre"


#: Two widths per circle, 1..4: from the ring inside it (or the resident's name) to its people,
#: and from its people to its own ring. Index ``2·(circle − 1)`` is the inner part.
Bands = list[float]
Placed = list[tuple[float, float, _Rect, Align]]  # node centre, label, alignment
#: Who placed an obstacle: the resident's name, a ring's number (10 + the number), a person
#: (100 + their index), or a circle (1..4) when only that matters.
_CENTRE, _RING_NUMBER, _PERSON = 0, 10, 100


class _Lines(Enum):
    """How labels treat the lines from the centre to each node."""

    KEEP_OFF = "keep off"  # a label never lies across one (the layout grows instead)
    AVOID = "avoid"  # across one only where there is no other room
    IGNORE = "ignore"


def _blame(circle: int, owner: int) -> int:
    """Which band to widen when a label in ``circle`` runs into something ``owner`` placed:
    the one between them, or (within a circle) the inner one, for more room around it."""
    if _RING_NUMBER <= owner < _PERSON:
        return 2 * (circle - 1) + (1 if owner - _RING_NUMBER >= circle else 0)
    if owner > circle:
        return 2 * (circle - 1) + 1
    return 2 * (circle - 1)


@dataclass
class _Problem:
    """The fixed parts of one layout; ``place`` tries one set of band widths."""

    m: _Metrics
    people: list[CirclePerson]
    lines: list[tuple[str, ...]]
    half: list[tuple[float, float]]  # each label's half width and half height
    angles: list[float]
    centre: _Rect
    inner: float  # radius clear of the resident's name: circle 1's people sit beyond it
    ring_half: list[tuple[float, float]]  # half sizes of the ring numbers' boxes
    #: Each person's label places (see _TURNS), relative to their node.
    offsets: list[list[_Rect]]

    def ring_radii(self, bands: Bands) -> list[float]:
        return list(itertools.accumulate(bands, initial=self.inner))[2::2]

    def node_radii(self, bands: Bands) -> list[float]:
        return list(itertools.accumulate(bands, initial=self.inner))[1::2]

    def ring_labels(self, bands: Bands) -> list[_Rect]:
        return [
            (-a, -r - b, a, -r + b) for r, (a, b) in zip(self.ring_radii(bands), self.ring_half, strict=True)
        ]

    def least_bands(self, boundaries: Sequence[float], sectors: Sequence[Sector]) -> Bands:
        """Bands at which nodes keep apart and no line from the centre (to a person or a sector
        boundary) runs through a node or a ring number; wide enough, too, for the labels of
        each sector's circle to sit side by side (a first guess: they may not)."""
        m = self.m
        same = m.node_radius + m.gap / 2  # half the least distance between nodes of a circle
        cross = m.node_radius + m.gap  # the least distance from a node to another's line
        ring_clear = math.hypot(*self.ring_half[0]) + m.gap
        need = [0.0] * (FURTHEST + 1)  # the least radius of each circle's nodes
        line_1 = 0.0  # the least radius of ring 1's line (its number sits on it)
        rings = [
            sorted(a for a, p in zip(self.angles, self.people, strict=True) if p.circle == c)
            for c in _CIRCLES
        ]
        for ai, person in zip(self.angles, self.people, strict=True):
            ci = person.circle
            d = _nearest(rings[ci - 1], ai, self_included=True)
            if d < math.pi:
                need[ci] = max(need[ci], same / math.sin(max(d, _EPS) / 2))
            d = min((_nearest(rings[c - 1], ai) for c in range(ci + 1, FURTHEST + 1)), default=math.pi)
            d = min([d, *(_angular_distance(ai, b) for b in boundaries)])
            if d < math.pi / 2:
                need[ci] = max(need[ci], cross / math.sin(max(d, _EPS)))
            d = _angular_distance(ai, 0.0)
            if ci > CLOSEST and d < math.pi / 2:
                line_1 = max(line_1, ring_clear / math.sin(max(d, _EPS)))
        for sector in sectors:
            for circle in range(CLOSEST, FURTHEST + 1):
                heights = sum(
                    2 * self.half[i][1]
                    for i, p in enumerate(self.people)
                    if p.circle == circle and p.category is sector.category
                )
                need[circle] = max(need[circle], _CROWDING * heights / (sector.end - sector.start))
        half_band = 1.15 * m.line_height
        bands: Bands = []
        edge = self.inner
        for circle in range(CLOSEST, FURTHEST + 1):
            inside = max(half_band, need[circle] - edge)
            outside = half_band if circle > CLOSEST else max(half_band, line_1 - edge - inside)
            bands.extend((inside, outside))
            edge += inside + outside
        return bands

    def safe_bands(self) -> Bands:
        """Equal bands at which every label fits straight away from the centre: each person's
        node and label lie within ``reach`` of the node, and every node is more than twice that
        from any other node, and from the resident's name and the ring numbers."""
        m = self.m
        clear = m.node_radius + m.gap
        reach = max((2 * math.hypot(a + clear, b + clear) for a, b in self.half), default=clear * 2)
        reach = max(reach, math.sqrt(2) * (m.node_radius + m.keep_off)) + m.gap
        reach = reach * 1.01 + 1.0
        ring_reach = max(math.hypot(a, b) for a, b in self.ring_half)
        spacing = 2 * (reach + ring_reach) + 1.0
        circles = [p.circle for p in self.people]
        for circle in range(CLOSEST, FURTHEST + 1):
            ring = sorted(a for a, c in zip(self.angles, circles, strict=True) if c == circle)
            if len(ring) < 2:
                continue
            gaps = [b - a for a, b in itertools.pairwise(ring)] + [ring[0] + math.tau - ring[-1]]
            least = min(max(min(gaps), _EPS), math.pi)
            spacing = max(spacing, (reach / math.sin(least / 2) - self.inner) / (circle - 0.5))
        return [spacing / 2] * (2 * FURTHEST)

    def place(self, bands: Bands, *, lines: _Lines) -> Placed | set[int]:
        """Every person's node and label with these bands, or which bands to widen (see
        ``_blame``) because a node or label found no room. ``lines``: whether a label may lie
        across a line from the centre to a node (see _Lines)."""
        m = self.m
        grid = _Grid(4 * m.line_height)
        grid.add(self.centre, _CENTRE)
        for number, r in enumerate(self.ring_labels(bands), start=CLOSEST):
            grid.add(r, _RING_NUMBER + number)
        radii = self.node_radii(bands)
        blamed: set[int] = set()
        nodes: list[tuple[float, float]] = []
        q = m.node_radius + m.gap
        circles = [p.circle for p in self.people]
        for circle, a in zip(circles, self.angles, strict=True):
            x, y = radii[circle - 1] * math.sin(a), -radii[circle - 1] * math.cos(a)
            owner = grid.hit((x - q, y - q, x + q, y + q))
            if owner is not None:  # on a ring number or the resident's name
                blamed.add(_blame(circle, owner))
            nodes.append((x, y))
        far = m.node_radius + m.keep_off  # another person's label keeps further off a node
        for i, (x, y) in enumerate(nodes):
            grid.add((x - far, y - far, x + far, y + far), _PERSON + i)
        spokes = _Spokes(nodes if lines is not _Lines.IGNORE else (), circles)
        placed: Placed = []
        for i, (x, y) in enumerate(nodes):
            circle = circles[i]
            chosen: _Rect | None = None
            blocked: int | None = None  # what the first place tried ran into
            for dx1, dy1, dx2, dy2 in self.offsets[i]:
                r = (x + dx1, y + dy1, x + dx2, y + dy2)
                owner = grid.hit(r, skip=_PERSON + i)
                if owner is None:
                    crossed = spokes.cross(r)
                    if crossed is None:
                        chosen = r
                        break
                    if lines is _Lines.AVOID and chosen is None:
                        chosen = r
                    owner = circle  # more room round the circle takes it off the line
                blocked = owner if blocked is None else blocked
            if chosen is None:
                if blocked is not None and blocked >= _PERSON:
                    blocked = circles[blocked - _PERSON]
                blamed.add(_blame(circle, circle if blocked is None else blocked))
                continue  # the others are still placed, to find every band that is too narrow
            g = m.gap  # labels keep a little apart, so that two names never run together
            grid.add((chosen[0] - g, chosen[1] - g, chosen[2] + g, chosen[3] + g), _PERSON + i)
            placed.append((x, y, chosen, _align(chosen, x)))
        return blamed or placed


def _extent(r: _Rect) -> float:
    """The distance from the centre to the rectangle's furthest corner."""
    return math.hypot(max(abs(r[0]), abs(r[2])), max(abs(r[1]), abs(r[3])))


def _out_along(direction: tuple[float, float], a: float, b: float, radius: float) -> float:
    """How far along ``direction`` a box of half sizes (a, b) must be centred for every point
    of it to be at least ``radius`` from the centre (its nearest point moves away steadily)."""
    ux, uy = direction
    lo, hi = 0.0, radius + a + b + 1.0
    for _ in range(40):
        mid = (lo + hi) / 2
        nearest = math.hypot(max(0.0, abs(mid * ux) - a), max(0.0, abs(mid * uy) - b))
        lo, hi = (lo, mid) if nearest >= radius else (mid, hi)
    return hi


def _sector_labels(
    sectors: Sequence[Sector], measure: Measure, m: _Metrics, rim: float, obstacles: list[_Rect]
) -> list[_Rect]:
    """Each category's name outside ring 4 at its sector's middle, moved outwards until it is
    clear of everything else (by a gap)."""
    grid = _Grid(4 * m.line_height)
    for r in obstacles:
        grid.add(r)
    reach = max((_extent(r) for r in obstacles), default=rim)
    labels: list[_Rect] = []
    for sector in sectors:
        a = (measure(sector.category.label, m.font_size) + 2 * m.padding) / 2
        b = m.line_height / 2 + m.padding
        ux, uy = math.sin(sector.middle), -math.cos(sector.middle)
        d = _out_along((ux, uy), a, b, rim + m.gap)
        r = (d * ux - a, d * uy - b, d * ux + a, d * uy + b)
        g = m.gap
        for _ in range(200):
            if grid.hit((r[0] - g, r[1] - g, r[2] + g, r[3] + g)) is None:
                break
            d += m.line_height / 2
            r = (d * ux - a, d * uy - b, d * ux + a, d * uy + b)
        else:  # clear of everything placed so far
            d = _out_along((ux, uy), a, b, reach + 2 * g)
            r = (d * ux - a, d * uy - b, d * ux + a, d * uy + b)
        grid.add(r)
        labels.append(r)
        reach = max(reach, _extent(r))
    return labels


def _prepare(
    resident_name: str, people: Sequence[CirclePerson], measure: Measure, m: _Metrics
) -> tuple[_Problem, list[Sector], tuple[str, ...]]:
    ordered = sorted(people, key=sort_key)
    ids = [p.id for p in ordered]
    if len(set(ids)) != len(ids):
        raise ValueError("Each person on a relationship circle needs a different id.")
    for person in ordered:
        if not CLOSEST <= person.circle <= FURTHEST:
            raise ValueError(f"Circle {person.circle} is not from {CLOSEST} to {FURTHEST}.")
    f, pad, lh = m.font_size, m.padding, m.line_height
    centre_lines = _wrap(resident_name, measure, f, 10 * f)
    ca = (max(measure(line, f) for line in centre_lines) + 2 * pad) / 2
    cb = (len(centre_lines) * lh + 2 * pad) / 2
    lines = [label_lines(p) for p in ordered]
    half = [((max(measure(t, f) for t in ls) + 2 * pad) / 2, (len(ls) * lh + 2 * pad) / 2) for ls in lines]
    ring_half = [((measure(str(c), f) + 2 * pad) / 2, lh / 2 + pad) for c in range(CLOSEST, FURTHEST + 1)]
    sectors = _sectors(ordered)
    angles = _angles(ordered, sectors)
    clear = m.node_radius + m.gap + _EPS
    problem = _Problem(
        m=m,
        people=ordered,
        lines=lines,
        half=half,
        angles=angles,
        centre=(-ca, -cb, ca, cb),
        inner=math.hypot(ca, cb) + m.gap,
        ring_half=ring_half,
        offsets=[[_offset(a + turn, h, clear) for turn in _TURNS] for a, h in zip(angles, half, strict=True)],
    )
    return problem, sectors, centre_lines


def layout_circle(
    resident_name: str,
    people: Sequence[CirclePerson],
    *,
    measure: Measure = estimate_width,
    font_size: float = 9.0,
) -> CircleLayout:
    """Lay out a resident's relationship circle; the same people in any order give the same layout.

    Each circle's band starts as narrow as its people allow; while a label finds no room, the
    band between it and what it ran into grows by 15%, and a few smaller steps back then keep
    the drawing as compact as they can. Should that take too long, equal bands at which no label
    can overlap anything are used instead. Raises ValueError for a circle outside 1..4, two
    people with one id, or a font size that is not positive."""
    if not (font_size > 0 and math.isfinite(font_size)):
        raise ValueError("The font size must be a positive number.")
    m = _Metrics.for_font(font_size)
    problem, sectors, centre_lines = _prepare(resident_name, people, measure, m)
    boundaries = [s.start for s in sectors] if len(sectors) > 1 else []
    least = problem.least_bands(boundaries, sectors)
    bands = list(least)
    lines = _Lines.KEEP_OFF
    result = problem.place(bands, lines=lines)
    failed: dict[int, float] = {}  # the last width of each grown band that was too narrow
    streaks: dict[int, int] = {}  # for how many attempts in a row each band was too narrow
    attempts = 0
    while isinstance(result, set) and attempts < _MAX_ATTEMPTS:
        streaks = {i: streaks.get(i, 0) + 1 for i in result}
        for i in result:
            failed[i] = bands[i]
            bands[i] *= _GROWTH ** min(streaks[i], 3)  # faster while the same band is too narrow
        attempts += 1
        if attempts == _KEEP_OFF_ATTEMPTS:
            lines = _Lines.AVOID
        result = problem.place(bands, lines=lines)
    if isinstance(result, set):
        bands = [max(a, b) for a, b in zip(bands, problem.safe_bands(), strict=True)]
        result = problem.place(bands, lines=_Lines.IGNORE)
        while isinstance(result, set):  # never expected: safe_bands guarantees room
            bands = [2 * b for b in bands]
            result = problem.place(bands, lines=_Lines.IGNORE)
    else:
        bands, result = _tighten(problem, bands, result, failed, lines)
    return _assemble(problem, sectors, centre_lines, bands=bands, placed=result, measure=measure)


def _tighten(
    problem: _Problem, bands: Bands, placed: Placed, failed: dict[int, float], lines: _Lines
) -> tuple[Bands, Placed]:
    """Narrow the grown bands again, halfway back to their last width that was too narrow, all
    together, up to _REFINE_STEPS times each; a band blamed for a failure keeps its width."""
    steps = dict.fromkeys(failed, 0)
    narrow = dict(failed)
    for _ in range(2 * _REFINE_STEPS + 2):
        trying = [i for i in narrow if steps[i] < _REFINE_STEPS]
        if not trying:
            break
        trial = list(bands)
        for i in trying:
            trial[i] = (narrow[i] + bands[i]) / 2
        result = problem.place(trial, lines=lines)
        if isinstance(result, set):
            guilty = result.intersection(trying)
            if not guilty:
                break
            for i in guilty:
                narrow[i] = trial[i]
                steps[i] += 1
        else:
            bands, placed = trial, result
            for i in trying:
                steps[i] += 1
    return bands, placed


def _assemble(
    problem: _Problem,
    sectors: list[Sector],
    centre_lines: tuple[str, ...],
    *,
    bands: Bands,
    placed: Placed,
    measure: Measure,
) -> CircleLayout:
    """Name the category of each sector, then move everything so the drawing starts at (0, 0)."""
    m = problem.m
    radii = problem.ring_radii(bands)
    rim = radii[-1]
    q = m.node_radius
    ring_labels = problem.ring_labels(bands)
    obstacles: list[_Rect] = [problem.centre, *ring_labels]
    for x, y, label, _ in placed:
        obstacles.extend(((x - q, y - q, x + q, y + q), label))
    sector_labels = _sector_labels(sectors, measure, m, rim, obstacles)
    things = [*obstacles, (-rim, -rim, rim, rim), *sector_labels]
    margin = max(m.padding, 1.0)
    left = min(r[0] for r in things) - margin
    top = min(r[1] for r in things) - margin
    width = max(r[2] for r in things) + margin - left
    height = max(r[3] for r in things) + margin - top

    def box(r: _Rect) -> Box:
        return Box(r[0] - left, r[1] - top, r[2] - r[0], r[3] - r[1])

    people = tuple(
        PlacedPerson(
            person=person,
            x=x - left,
            y=y - top,
            node_radius=q,
            label=box(label),
            lines=lines,
            angle=angle,
            align=align,
        )
        for person, lines, angle, (x, y, label, align) in zip(
            problem.people, problem.lines, problem.angles, placed, strict=True
        )
    )
    r1, r2, r3, r4 = radii
    return CircleLayout(
        width=width,
        height=height,
        cx=-left,
        cy=-top,
        ring_radii=(r1, r2, r3, r4),
        centre_label=box(problem.centre),
        sectors=tuple(
            Sector(s.category, s.start, s.end, box(label))
            for s, label in zip(sectors, sector_labels, strict=True)
        ),
        people=people,
        font_size=m.font_size,
        line_height=m.line_height,
        centre_lines=centre_lines,
        ring_labels=tuple(box(r) for r in ring_labels),
        padding=m.padding,
    )
