"""The relationship map tab of a resident's record, driven with pytest-qt over a real encrypted
home: dragging a person to another circle (asked, then kept in the history with who did it),
restriction details kept from roles that may not see them, and what needs attention."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication

from carelink_desktop.domain.evaluations import EvaluationDetails
from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.relationships import Category, Quality, RelationshipDetails
from carelink_desktop.domain.restrictions import RestrictionDetails, RestrictionKind
from carelink_desktop.domain.roles import Role
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.map_records import EVALUATIONS, RESTRICTIONS
from carelink_desktop.services.relationship_history import history_of
from carelink_desktop.services.relationships import relate, relationship
from carelink_desktop.services.resident_records import add_record
from carelink_desktop.services.residents import admit_resident
from carelink_desktop.ui.events import ChangeSignals
from carelink_desktop.ui.pages import Navigator, ShellContext
from carelink_desktop.ui.relationship_map_tab import RelationshipMapTab
from tests.conftest import HOME_NAME, resident

TODAY = date(2026, 11, 22)
LEGAL_BASIS = "Non-molestation order, Leeds County Court"


@pytest.fixture
def make_tab(qtbot):  # type: ignore[no-untyped-def]
    made: list[ShellContext] = []

    def make(ws, resident_id: str) -> RelationshipMapTab:  # type: ignore[no-untyped-def]
        ws.set_today_for_tests(TODAY)
        ctx = ShellContext(
            ws=ws, changes=ChangeSignals(ws.events), navigator=Navigator(), home_name=HOME_NAME
        )
        made.append(ctx)
        tab = RelationshipMapTab(ctx)
        qtbot.addWidget(tab)
        tab.resize(1366, 800)
        tab.show()
        qtbot.waitExposed(tab)
        tab.set_resident(resident_id)
        return tab

    yield make
    for ctx in made:
        ctx.changes.detach()


@pytest.fixture
def peggy_map(manager):  # type: ignore[no-untyped-def]
    manager.set_today_for_tests(TODAY)
    peggy = admit_resident(manager, resident("Margaret", "Jones", preferred_name="Peggy"))
    people = {}
    for given, family, label, circle, quality in (
        ("Susan", "Hughes", "daughter", 3, Quality.POSITIVE),
        ("Tom", "Jones", "son", 2, Quality.STRAINED),
        ("Dilys", "Evans", "friend", 4, Quality.MIXED),
    ):
        person = add_key_person(manager, KeyPersonDetails(given, family))
        category = Category.FRIEND if label == "friend" else Category.FAMILY
        people[given] = relate(
            manager, peggy.id, person.id, RelationshipDetails(label, category, circle=circle, quality=quality)
        )
    add_record(
        manager,
        RESTRICTIONS,
        peggy.id,
        RestrictionDetails(
            RestrictionKind.COURT_ORDER,
            "No unsupervised visits",
            starts_on=date(2026, 10, 1),
            review_on=TODAY + timedelta(days=5),
            relationship_id=people["Tom"].id,
            legal_basis=LEGAL_BASIS,
            less_restrictive_options="Supervised visits considered",
            decided_with="Social worker and manager",
            how_resident_told="By her keyworker",
            how_person_told="Letter",
        ),
    )
    return peggy.id, people


def drag(qtbot, tab: RelationshipMapTab, person_id: str, to: QPointF) -> None:  # type: ignore[no-untyped-def]
    view = tab.circle
    start = view.mapFromScene(view.scene_point_for(person_id))
    end = view.mapFromScene(to)
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    steps = 8
    for n in range(1, steps + 1):
        point = start + (end - start) * n / steps
        qtbot.mouseMove(viewport, pos=QPoint(int(point.x()), int(point.y())))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


def ring_one_point(tab: RelationshipMapTab) -> QPointF:
    layout = tab.circle.current_layout
    # halfway out in the innermost ring, straight up from the resident: inside circle 1
    return QPointF(layout.cx, layout.cy - (layout.ring_radii[0] * 0.5 + layout.centre_label.height * 0.3))


def test_dragging_a_person_from_circle_3_to_circle_1_asks_and_keeps_it_in_the_history(  # type: ignore[no-untyped-def]
    qtbot, make_tab, manager, peggy_map, monkeypatch
) -> None:
    resident_id, people = peggy_map
    tab = make_tab(manager, resident_id)
    asked: list[tuple[str, int, int]] = []

    def confirm(name: str, before: int, after: int) -> tuple[bool, str]:
        asked.append((name, before, after))
        return True, "Visits every day since moving closer"

    monkeypatch.setattr(tab, "confirm_move", confirm)
    susan = people["Susan"].id
    target = ring_one_point(tab)
    assert tab.circle.current_layout.circle_at(target.x(), target.y()) == 1
    drag(qtbot, tab, susan, target)
    assert asked == [("Susan Hughes", 3, 1)]
    assert relationship(manager, susan).details.circle == 1
    moved = history_of(manager, susan)[0]
    assert moved.summary == "Moved from circle 3 to circle 1"
    assert (moved.changed_by, moved.reason) == ("Amira Khan", "Visits every day since moving closer")
    # the map redrew from the service's change: Susan is now in ring 1, and the History tab says so
    placed = tab.circle.current_layout.find(susan)
    assert placed is not None and placed.person.circle == 1
    history = [
        tab.timeline_model.cells(tab.timeline_model.item_at(r)) for r in range(tab.timeline_model.rowCount())
    ]
    assert history[0][1:4] == ("Susan Hughes", "Moved from circle 3 to circle 1", "Amira Khan")


def test_a_move_that_is_not_confirmed_changes_nothing(
    qtbot, make_tab, manager, peggy_map, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    resident_id, people = peggy_map
    tab = make_tab(manager, resident_id)
    monkeypatch.setattr(tab, "confirm_move", lambda *a: (False, ""))
    drag(qtbot, tab, people["Susan"].id, ring_one_point(tab))
    assert relationship(manager, people["Susan"].id).details.circle == 3
    assert [h.change for h in history_of(manager, people["Susan"].id)] == ["created"]


def test_a_keyworker_sees_that_contact_is_restricted_but_not_why(  # type: ignore[no-untyped-def]
    qtbot, make_tab, peggy_map, staff_workspace
) -> None:
    resident_id, _ = peggy_map
    keyworker = staff_workspace(Role.KEYWORKER, "bea")
    tab = make_tab(keyworker, resident_id)
    texts = " ".join(tab.circle.scene_texts())
    assert "Tom Jones" in texts and "Restricted" in texts
    for secret in (LEGAL_BASIS, "No unsupervised visits", "Court order"):
        assert secret not in texts
    assert not tab.lists.isTabVisible(tab.restrictions_index)
    assert LEGAL_BASIS not in tab.attention.text() and "Court order" not in tab.attention.text()


def test_a_shift_lead_sees_the_restriction_and_its_review(
    qtbot, make_tab, peggy_map, staff_workspace
) -> None:  # type: ignore[no-untyped-def]
    resident_id, _ = peggy_map
    lead = staff_workspace(Role.SHIFT_LEAD, "lee")
    tab = make_tab(lead, resident_id)
    assert tab.lists.isTabVisible(tab.restrictions_index)
    assert tab.restrictions_model.rowCount() == 1
    assert tab.restrictions_model.cells(tab.restrictions_model.item_at(0))[:2] == ("Tom Jones", "Court order")
    assert "Restriction review due 27/11/2026: Court order (Tom Jones)." in tab.attention.text()


def test_the_lists_follow_changes_made_elsewhere(qtbot, make_tab, manager, peggy_map) -> None:  # type: ignore[no-untyped-def]
    resident_id, _ = peggy_map
    tab = make_tab(manager, resident_id)
    assert tab.people_model.rowCount() == 3
    add_record(
        manager,
        EVALUATIONS,
        resident_id,
        EvaluationDetails(
            date(2026, 5, 1),
            "Peggy feels connected",
            "Talking with Peggy",
            "Peggy and her keyworker",
            what_works="Sunday visits",
            next_due=date(2026, 11, 1),
        ),
    )
    assert tab.evaluations_model.rowCount() == 1
    assert "The evaluation of these relationships was due 01/11/2026." in tab.attention.text()


def test_every_model_of_the_tab_passes_the_model_tester(
    qtbot, qtmodeltester, make_tab, manager, peggy_map
) -> None:  # type: ignore[no-untyped-def]
    resident_id, _ = peggy_map
    tab = make_tab(manager, resident_id)
    for model in (
        tab.people_model,
        tab.groups_model,
        tab.issues_model,
        tab.evaluations_model,
        tab.restrictions_model,
        tab.keyworker_model,
        tab.timeline_model,
    ):
        qtmodeltester.check(model)
    QApplication.processEvents()
