"""The Resources directory area and its entry dialog, driven as a person would with pytest-qt
(offscreen) on a real encrypted home."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from carelink_desktop.domain.resources import ResourceDetails, ResourceKind
from carelink_desktop.domain.roles import Role
from carelink_desktop.services.resources_directory import add_resource, archive_resource, resources
from carelink_desktop.ui.events import ChangeSignals
from carelink_desktop.ui.pages import Navigator, Page, ShellContext
from carelink_desktop.ui.resource_dialog import ResourceDialog
from carelink_desktop.ui.resources_page import ResourcesModel, ResourcesPage
from tests.conftest import HOME_NAME

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.fixture(autouse=True)
def discard_without_asking(monkeypatch):  # type: ignore[no-untyped-def]
    """Closing a dialog with unsaved changes asks first; at the end of a test nobody would answer."""
    monkeypatch.setattr("carelink_desktop.ui.unsaved.confirm_discard", lambda parent: True)


@pytest.fixture
def ctx(manager) -> Iterator[ShellContext]:  # type: ignore[no-untyped-def]
    changes = ChangeSignals(manager.events)
    yield ShellContext(ws=manager, changes=changes, navigator=Navigator(), home_name=HOME_NAME)
    changes.detach()


def activate(qtbot, window: QWidget) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() == window.windowHandle())


def make_page(qtbot, ctx: ShellContext) -> ResourcesPage:  # type: ignore[no-untyped-def]
    page = ResourcesPage(ctx)
    # What the main window does for every page: refresh() on changes of the kinds it watches.
    ctx.changes.changed.connect(lambda kind: page.refresh() if kind in page.watches else None)
    qtbot.addWidget(page)
    page.resize(1024, 768)
    page.show()
    activate(qtbot, page)
    return page


@pytest.fixture
def page(qtbot, ctx: ShellContext) -> ResourcesPage:  # type: ignore[no-untyped-def]
    return make_page(qtbot, ctx)


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def pick(qtbot, combo: QComboBox, text: str) -> None:  # type: ignore[no-untyped-def]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText().startswith(text):
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(text)


def names(page: ResourcesPage) -> list[str]:
    model = page.model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def fill(ws) -> None:  # type: ignore[no-untyped-def]
    add_resource(
        ws,
        ResourceDetails(
            "Leeds Carers' Centre",
            ResourceKind.SUPPORT_GROUP,
            description="Drop-in for unpaid carers, Tuesdays 10–12",
            area="Leeds",
            phone="0113 496 0000",
            website="www.example.org/carers",
        ),
    )
    add_resource(ws, ResourceDetails("Dementia Connect helpline", ResourceKind.INFORMATION, area="National"))
    add_resource(ws, ResourceDetails("Ring and Ride", ResourceKind.TRANSPORT, area="West Yorkshire"))


def test_the_page_follows_the_page_contract(page: ResourcesPage) -> None:
    assert isinstance(page, Page)
    assert page.area == "resources" and page.title() == "Resources directory"
    assert page.watches == ("support_resource",)
    assert page.permission is None
    assert page.focus_search() and QApplication.focusWidget() is page.search
    assert page.empty.isVisible() and "The directory is empty" in page.empty.text()


def test_add_through_the_dialog(qtbot, page: ResourcesPage, manager) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ResourceDialog)
    activate(qtbot, dialog)
    assert QApplication.focusWidget() is dialog.name
    type_text(qtbot, dialog.name, "Leeds Carers' Centre")
    pick(qtbot, dialog.kind, "Support group")
    type_text(qtbot, dialog.description, "Drop-in for unpaid carers")
    type_text(qtbot, dialog.area, "Leeds")
    type_text(qtbot, dialog.phone, "call the office")
    type_text(qtbot, dialog.email, "carers@example")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # Refused: the problems are at their fields and nothing is saved.
    assert dialog.isVisible()
    assert dialog.errors.message("phone").message().startswith("A phone number has digits")
    assert dialog.errors.message("email").message().startswith("This is not an email address")
    assert QApplication.focusWidget() is dialog.phone
    assert resources(manager) == []

    dialog.phone.clear()
    type_text(qtbot, dialog.phone, "0113 496 0000")
    assert dialog.errors.message("phone").message() == ""
    dialog.email.clear()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    [saved] = resources(manager)
    assert saved.details == ResourceDetails(
        "Leeds Carers' Centre",
        ResourceKind.SUPPORT_GROUP,
        description="Drop-in for unpaid carers",
        phone="0113 496 0000",
        area="Leeds",
    )
    assert names(page) == ["Leeds Carers' Centre"]
    assert page.selected() is not None and page.selected().id == saved.id  # type: ignore[union-attr]
    assert "Drop-in for unpaid carers" in page.details.text()


def test_change_through_the_dialog(qtbot, page: ResourcesPage, manager) -> None:  # type: ignore[no-untyped-def]
    fill(manager)
    page.refresh()
    page.select(next(v.id for v in resources(manager) if v.details.name == "Ring and Ride"))
    qtbot.mouseClick(page.change_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None and dialog.name.text() == "Ring and Ride"
    type_text(qtbot, dialog.phone, "0113 348 1122")
    assert dialog.save()
    [ring] = resources(manager, "ring")
    assert ring.details.phone == "0113 348 1122"
    model = page.model
    row = model.row_of(ring.id)
    assert model.data(model.index(row, 3)) == "0113 348 1122"


def test_search_filters_as_you_type(qtbot, page: ResourcesPage, manager) -> None:  # type: ignore[no-untyped-def]
    fill(manager)
    assert names(page) == ["Dementia Connect helpline", "Leeds Carers' Centre", "Ring and Ride"]  # published
    type_text(qtbot, page.search, "carers")
    qtbot.waitUntil(lambda: names(page) == ["Leeds Carers' Centre"])
    page.search.clear()
    type_text(qtbot, page.search, "transport")  # the kind is searched too
    qtbot.waitUntil(lambda: names(page) == ["Ring and Ride"])
    page.search.clear()
    type_text(qtbot, page.search, "knitting")
    qtbot.waitUntil(lambda: names(page) == [])
    assert page.empty.isVisible() and page.empty.text() == "Nothing in the directory matches “knitting”."
    assert not page.change_button.isEnabled() and not page.archive_button.isEnabled()


def test_archive_hides_unless_show_archived(qtbot, page: ResourcesPage, manager) -> None:  # type: ignore[no-untyped-def]
    fill(manager)
    page.select(next(v.id for v in resources(manager) if v.details.name == "Ring and Ride"))
    assert page.archive_button.text() == "Archi&ve"
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert names(page) == ["Dementia Connect helpline", "Leeds Carers' Centre"]
    assert "Tick “Show archived” to see it again" in page.done.text()
    assert [v.details.name for v in resources(manager)] == [
        "Dementia Connect helpline",
        "Leeds Carers' Centre",
    ]

    qtbot.mouseClick(page.show_archived, Qt.MouseButton.LeftButton, pos=page.show_archived.rect().center())
    if not page.show_archived.isChecked():  # the click landed past the words
        page.show_archived.setChecked(True)
    assert names(page)[-1] == "Ring and Ride (archived)"
    page.select(next(v.id for v in resources(manager, include_archived=True) if v.archived))
    assert page.archive_button.text() == "Bring &back"
    assert "Archived: no longer offered." in page.details.text()
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert "Ring and Ride" in names(page)
    assert "Ring and Ride" in [v.details.name for v in resources(manager)]


def test_refreshes_when_someone_else_changes_the_directory(page: ResourcesPage, manager) -> None:  # type: ignore[no-untyped-def]
    view = add_resource(manager, ResourceDetails("Age UK advice line", ResourceKind.INFORMATION))
    assert names(page) == ["Age UK advice line"]
    archive_resource(manager, view.id)
    assert names(page) == []


def test_the_main_window_shows_and_refreshes_it(qtbot, manager) -> None:  # type: ignore[no-untyped-def]
    from carelink_desktop.ui.main_window import MainWindow

    window = MainWindow(
        ShellContext(manager, ChangeSignals(manager.events), Navigator(), HOME_NAME), [ResourcesPage]
    )
    qtbot.addWidget(window)
    window.show_area("resources")
    page = window.page("resources")
    assert isinstance(page, ResourcesPage) and window.current_area() == "resources"
    assert window.nav.item(0).text() == "Resources directory"
    add_resource(manager, ResourceDetails("Age UK advice line", ResourceKind.INFORMATION))
    assert names(page) == ["Age UK advice line"]
    window.close_for_lock()


def test_a_keyworker_may_keep_the_directory(qtbot, staff_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = staff_workspace(Role.KEYWORKER, "bea")
    changes = ChangeSignals(ws.events)
    page = make_page(qtbot, ShellContext(ws, changes, Navigator(), HOME_NAME))
    try:
        assert page.add_button.isVisible()
    finally:
        changes.detach()


def test_model_passes_qt_model_checks(qtmodeltester, manager) -> None:  # type: ignore[no-untyped-def]
    fill(manager)
    model = ResourcesModel()
    model.set_rows(resources(manager, include_archived=True))
    assert model.rowCount() == 3
    qtmodeltester.check(model)
    qtmodeltester.check(ResourcesModel())


def _save(qtbot, widget: QWidget, name: str) -> Path:  # type: ignore[no-untyped-def]
    qtbot.wait(50)  # let pending layout requests run, or the picture shows the old layout
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / name
    assert widget.grab().save(str(path))
    return path


def test_screenshots_at_1024_by_768(qtbot, page: ResourcesPage, manager) -> None:  # type: ignore[no-untyped-def]
    fill(manager)
    page.select(next(v.id for v in resources(manager) if v.details.name.startswith("Leeds")))
    assert page.size().width() == 1024 and page.size().height() == 768
    _save(qtbot, page, "resources_page.png")
    dialog = page.open_dialog(None)
    activate(qtbot, dialog)
    type_text(qtbot, dialog.name, "Carers' coffee morning")
    type_text(qtbot, dialog.email, "cafe@")
    dialog.save()
    _save(qtbot, dialog, "resource_dialog_with_problems.png")
