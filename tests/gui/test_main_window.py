"""The first desktop screens, driven as a person would with pytest-qt (offscreen)."""

from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt

from carelink_desktop.services.residents import admit_residents
from carelink_desktop.ui.events import ChangeSignals
from carelink_desktop.ui.login_window import LoginWindow
from carelink_desktop.ui.pages import Navigator, ShellContext
from carelink_desktop.ui.residents_model import ResidentsModel
from carelink_desktop.ui.residents_page import ResidentsPage
from tests.conftest import FAST_KDF, MANAGER, MANAGER_PASSWORD, resident


def context(ws) -> ShellContext:  # type: ignore[no-untyped-def]
    return ShellContext(ws, ChangeSignals(ws.events), Navigator(), "Rosewood House")


@pytest.fixture
def populated(manager):  # type: ignore[no-untyped-def]
    admit_residents(
        manager,
        [
            resident("Siân", "Llewellyn", room="3"),
            resident("Łukasz", "Wójcik", room="14"),
            resident("Margaret", "Jones", preferred_name="Peggy", room="7"),
            resident("Arthur", "Bell", room="2", discharge_date=date(2025, 3, 1)),
        ],
    )
    return manager


def test_residents_model_passes_qt_model_checks(qtmodeltester, populated) -> None:  # type: ignore[no-untyped-def]
    from carelink_desktop.services.residents import find_residents

    model = ResidentsModel()
    model.set_rows(find_residents(populated))
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    names = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
    assert names == ["Margaret (Peggy) Jones", "Siân Llewellyn", "Łukasz Wójcik"]


def test_search_as_you_type_and_status_filter(qtbot, populated) -> None:  # type: ignore[no-untyped-def]
    window = ResidentsPage(context(populated))
    qtbot.addWidget(window)
    assert window.model.rowCount() == 3
    qtbot.keyClicks(window.search, "wojc")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.data(window.model.index(0, 0)) == "Łukasz Wójcik"
    window.search.clear()
    window.status_filter.setCurrentIndex(window.status_filter.findText("Discharged"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.data(window.model.index(0, 0)) == "Arthur Bell"
    assert window.model.data(window.model.index(0, 4)) == "Discharged 01/03/2025"


def test_list_refreshes_when_a_service_adds_a_resident(qtbot, populated) -> None:  # type: ignore[no-untyped-def]
    from carelink_desktop.services.residents import admit_resident

    ctx = context(populated)
    window = ResidentsPage(ctx)
    qtbot.addWidget(window)
    ctx.changes.changed.connect(lambda kind: window.refresh() if kind in window.watches else None)
    admit_resident(populated, resident("Zofia", "Nowak"))
    assert window.model.rowCount() == 4
    assert window.count_label.text() == "4 residents"


def test_login_window_shows_clear_message_and_keeps_window_open(qtbot, created_home, state_dir) -> None:  # type: ignore[no-untyped-def]
    from carelink_desktop.services.access import unlock

    paths, _ = created_home

    def authenticate(u: str, p: str):  # type: ignore[no-untyped-def]
        return unlock(paths, u, p, state_dir=state_dir, kdf=FAST_KDF)

    login = LoginWindow("CareLink Desktop", authenticate, username=MANAGER)
    qtbot.addWidget(login)
    login.show()
    qtbot.keyClicks(login.password, "not my password")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert login.message.text() == "Wrong username or password."
    assert login.workspace is None and login.isVisible()
    qtbot.keyClicks(login.password, MANAGER_PASSWORD)
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert login.workspace is not None
    assert login.workspace.actor.username == MANAGER
    login.workspace.close()


def test_every_control_has_an_accessible_name_or_label(qtbot, populated) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QComboBox, QLineEdit, QTableView

    window = ResidentsPage(context(populated))
    qtbot.addWidget(window)
    for widget in (
        window.findChildren(QLineEdit) + window.findChildren(QComboBox) + window.findChildren(QTableView)
    ):
        assert widget.accessibleName(), f"{widget!r} has no accessible name"


def test_lazy_model_loads_pages_as_the_view_scrolls(qtmodeltester, manager) -> None:  # type: ignore[no-untyped-def]
    from carelink_desktop.services.residents import count_residents, find_residents
    from carelink_desktop.ui.residents_model import PAGE_SIZE

    admit_residents(manager, [resident(f"Given{i:03d}", f"Family{i:03d}") for i in range(PAGE_SIZE * 2 + 30)])
    calls: list[tuple[int, int]] = []

    def load(offset: int, limit: int):  # type: ignore[no-untyped-def]
        calls.append((offset, limit))
        return find_residents(manager, limit=limit, offset=offset)

    model = ResidentsModel()
    model.set_source(count_residents(manager), load)
    assert (model.rowCount(), model.total()) == (PAGE_SIZE, PAGE_SIZE * 2 + 30)
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == PAGE_SIZE * 2 + 30
    assert [offset for offset, _ in calls] == [0, PAGE_SIZE, PAGE_SIZE * 2]
    assert model.data(model.index(PAGE_SIZE * 2 + 29, 0)) == "Given229 Family229"
