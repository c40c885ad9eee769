"""Saves the main screens, filled with the demo home, as PNGs in screenshots/ (git-ignored),
for people to look at; also checks each grab is a real, non-blank picture of the right size."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from carelink_desktop.services.access import unlock
from carelink_desktop.synthetic.demo_home import create_demo_home
from carelink_desktop.ui.login_window import LoginWindow
from carelink_desktop.ui.session import Session
from tests.conftest import FAST_KDF

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
SIZE = (1366, 768)


def _save(widget, name: str) -> Path:  # type: ignore[no-untyped-def]
    QApplication.processEvents()
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}.png"
    image = widget.grab().toImage()
    assert image.save(str(path))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)}
    assert len(colours) > 3, f"{name} looks blank"
    return path


@pytest.fixture
def demo(home, state_dir):  # type: ignore[no-untyped-def]
    ws, _summary = create_demo_home(home, "demo-home", kdf=FAST_KDF)
    ws.close()
    return home


def test_main_screens(qtbot, demo, state_dir) -> None:  # type: ignore[no-untyped-def]
    login = LoginWindow(
        "Rosewood House (demo)",
        lambda u, p: None,
        username="demo",
        hint="Demo home: everyone in it is fictional.\nUsername: demo    Password: demo-home",
    )
    qtbot.addWidget(login)
    login.show()
    _save(login, "shell_login")

    session = Session(lambda u, p: unlock(demo, u, p, state_dir=state_dir, kdf=FAST_KDF), title="x")
    window = session.start(unlock(demo, "demo", "demo-home", state_dir=state_dir, kdf=FAST_KDF))
    window.resize(*SIZE)
    window.show()
    assert window.size().width() == SIZE[0]
    _save(window, "shell_main_residents")
    residents = window.page("residents")
    residents.open_record(residents.model.resident_at(2).id)
    _save(window, "shell_resident_record")
    featured = next(
        residents.model.resident_at(row).id
        for row in range(residents.model.rowCount())
        if residents.model.resident_at(row).display_name == "Florence Thompson"
    )
    residents.open_record(featured)
    residents.record.tabs.setCurrentWidget(residents.record.relationship_map)
    qtbot.waitUntil(lambda: residents.record.relationship_map.people_model.rowCount() > 5)
    _save(window, "shell_resident_relationship_map")
    window.show_area("resources")
    _save(window, "shell_resources")
    window.show_area("key_people")
    _save(window, "shell_key_people")
    window.show_area("accounts")
    _save(window, "shell_accounts")
    window.show_area("audit")
    _save(window, "shell_audit")
    window.close_for_lock()
    session.quit()
