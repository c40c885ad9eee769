"""Help > About shows the version, the bundled components with their licences and where this
home's data lives; "Copy details" puts the same on the clipboard for a support call."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QTableWidget

from carelink_desktop import APP_NAME, __version__
from carelink_desktop.ui.about_dialog import AboutDialog
from carelink_desktop.ui.events import ChangeSignals
from carelink_desktop.ui.main_window import MainWindow
from carelink_desktop.ui.pages import Navigator, ShellContext


def _table_rows(dialog: AboutDialog) -> dict[str, tuple[str, str]]:
    table = dialog.findChild(QTableWidget)
    assert table is not None
    return {
        table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
        for r in range(table.rowCount())
    }


def _label_texts(dialog: AboutDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_about_shows_version_components_and_where_the_data_lives(qtbot, manager) -> None:  # type: ignore[no-untyped-def]
    home_root = manager.store.paths.root
    dialog = AboutDialog(home_root)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = _label_texts(dialog)
    assert dialog.windowTitle() == f"About {APP_NAME}"
    assert f"Version {__version__}" in texts
    assert str(home_root) in texts
    assert str(home_root / "backups") in texts
    rows = _table_rows(dialog)
    # each row: (version, licence)
    assert rows["Qt"][0].startswith("6.")
    assert "LGPL 3.0" in rows["Qt"][1]
    assert "LGPL 3.0" in rows["PySide6 (Qt for Python)"][1]
    assert rows["SQLCipher"][0].startswith("4.")
    assert "BSD" in rows["SQLCipher"][1]
    assert rows["ReportLab"][1] == "BSD"
    assert rows["SQLAlchemy"][1] == "MIT"
    assert "Apache" in rows["cryptography (with OpenSSL)"][1]
    assert "Bitstream Vera" in rows["DejaVu Sans fonts"][1]
    assert rows["Python"][0].count(".") == 2


def test_copy_details_and_keyboard(qtbot, manager) -> None:  # type: ignore[no-untyped-def]
    home_root = manager.store.paths.root
    dialog = AboutDialog(home_root)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    named = {w.accessibleName() for w in dialog.findChildren(QLabel)} | {dialog.accessibleName()}
    assert {"Version", "Home (encrypted database and key slots)", "Licence notice"} <= named
    assert dialog.copy_button.accessibleName() == "Copy details"
    assert dialog.close_button.isDefault()
    # Tab reaches every part (folders, components, buttons); Space on the button copies version,
    # components and folders.
    QGuiApplication.clipboard().clear()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    start = dialog.focusWidget()
    visited = []
    for _ in range(30):
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Tab)
        visited.append(dialog.focusWidget())
        if visited[-1] is start:
            break
    names = [w.accessibleName() or type(w).__name__ for w in visited]
    assert visited[-1] is start, names
    assert dialog.table in visited and dialog.copy_button in visited, names
    assert "Home (encrypted database and key slots)" in names
    assert "Licence notice" in names
    while dialog.focusWidget() is not dialog.copy_button:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.copy_button, Qt.Key.Key_Space)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"{APP_NAME} {__version__}\n")
    assert f"Home (encrypted database and key slots): {home_root}" in copied
    assert "SQLCipher 4." in copied and "Qt 6." in copied
    assert dialog.status.text().startswith("Copied")
    # Escape closes it.
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_help_about_in_the_main_window_opens_the_dialog(qtbot, manager, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown: list[AboutDialog] = []

    def fake_exec(self: AboutDialog) -> int:
        shown.append(self)
        return 0

    monkeypatch.setattr(AboutDialog, "exec", fake_exec)
    ctx = ShellContext(manager, ChangeSignals(manager.events), Navigator(), "Rosewood House")
    window = MainWindow(ctx, page_types=[])
    qtbot.addWidget(window)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    (about,) = [a for a in help_menu.actions() if a.text().startswith("&About")]
    about.trigger()
    assert len(shown) == 1
    assert shown[0].parent() is window
    assert str(manager.store.paths.root) in _label_texts(shown[0])


def test_the_application_has_the_carelink_icon(qapp) -> None:  # type: ignore[no-untyped-def]
    from carelink_desktop.ui.app_icon import ICON_SIZES, application_icon, icon_file

    icon = application_icon()
    assert not icon.isNull()
    sizes = {s.width() for s in icon.availableSizes()}
    assert sizes == set(ICON_SIZES)
    for size in ICON_SIZES:
        from PySide6.QtGui import QImage

        image = QImage(icon_file(size))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()
    assert isinstance(QApplication.instance(), QApplication)
