"""The first desktop screens, driven as a person would with pytest-qt (offscreen)."""

from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt

from carelink_desktop.services.residents import admit_residents
from carelink_desktop.ui.login_window import LoginWindow
from carelink_desktop.ui.main_window import MainWindow
from carelink_desktop.ui.residents_model import ResidentsModel
from tests.conftest import FAST_KDF, MANAGER, MANAGER_PASSWORD, resident


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
    window = MainWindow(populated, "Rosewood House")
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

    window = MainWindow(populated, "Rosewood House")
    qtbot.addWidget(window)
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

    window = MainWindow(populated, "Rosewood House")
    qtbot.addWidget(window)
    for widget in (
        window.findChildren(QLineEdit) + window.findChildren(QComboBox) + window.findChildren(QTableView)
    ):
        assert widget.accessibleName(), f"{widget!r} has no accessible name"
