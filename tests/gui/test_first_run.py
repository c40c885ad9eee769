"""The first-run wizard, driven as a person would (pytest-qt, offscreen), creating real homes."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QLineEdit, QPushButton, QRadioButton, QWizard

from carelink_desktop.domain.errors import HomeAlreadyExists
from carelink_desktop.storage.keyslots import parse_recovery_key
from carelink_desktop.ui.first_run import (
    HOME_NAME,
    MANAGER,
    RECOVERY_KEY,
    WELCOME,
    FirstRunWizard,
)
from tests.conftest import FAST_KDF
from tests.conftest import HOME_NAME as HOME


def creator(paths, kdf):  # type: ignore[no-untyped-def]
    """The create callable as the desktop makes it: services.access.create_home bound to a folder."""
    from carelink_desktop.services.access import create_home

    def create(home_name: str, username: str, full_name: str, password: str):  # type: ignore[no-untyped-def]
        return create_home(
            paths,
            home_name=home_name,
            manager_username=username,
            manager_full_name=full_name,
            password=password,
            kdf=kdf,
        )

    return create


SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
USER, FULL_NAME, PASSWORD = "amira", "Amira Khan", "Correct horse 1"
Next, Commit, Finish, Back, Cancel = (
    QWizard.WizardButton.NextButton,
    QWizard.WizardButton.CommitButton,
    QWizard.WizardButton.FinishButton,
    QWizard.WizardButton.BackButton,
    QWizard.WizardButton.CancelButton,
)


def text_of(path: Path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


@pytest.fixture
def made(home):  # type: ignore[no-untyped-def]
    """What each call of the real create callable returned: (workspace, recovery key)."""
    results: list[tuple[object, str]] = []
    real = creator(home, FAST_KDF)

    def create(*args: str):  # type: ignore[no-untyped-def]
        results.append(real(*args))
        return results[-1]

    return results, create


@pytest.fixture
def wizard(qtbot, made, tmp_path):  # type: ignore[no-untyped-def]
    def to_pdf(_parent):  # type: ignore[no-untyped-def]
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "key.pdf"))
        return printer

    w = FirstRunWizard(made[1], choose_printer=to_pdf, choose_save_path=lambda _parent, name: tmp_path / name)
    w.confirm_leave_without_key = lambda: True  # pytest-qt closes the wizard after each test
    qtbot.addWidget(w)
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    yield w
    if w.workspace is not None:
        w.workspace.close()


def click(qtbot, wizard, which) -> None:  # type: ignore[no-untyped-def]
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), f"{button.text()} cannot be pressed"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def retype(qtbot, edit: QLineEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)


def fill_manager(qtbot, page, *, password: str = PASSWORD, repeat: str = PASSWORD) -> None:  # type: ignore[no-untyped-def]
    retype(qtbot, page.username, USER)
    retype(qtbot, page.full_name, FULL_NAME)
    retype(qtbot, page.password, password)
    retype(qtbot, page.repeat, repeat)


def to_key_page(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, wizard, Next)
    qtbot.keyClicks(wizard.home_page.home_name, HOME)
    click(qtbot, wizard, Next)
    fill_manager(qtbot, wizard.manager_page)
    click(qtbot, wizard, Commit)
    assert wizard.currentId() == RECOVERY_KEY


def test_journey_creates_a_real_home_whose_key_really_unlocks_it(qtbot, wizard, made, home, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from carelink_desktop.services.access import recover_with_key

    assert wizard.currentId() == WELCOME and wizard.welcome_page.set_up.isChecked()
    click(qtbot, wizard, Next)

    # The home's name: Next stays off, with a message, while the name is empty.
    page = wizard.home_page
    assert wizard.currentId() == HOME_NAME and not wizard.button(Next).isEnabled()
    qtbot.keyClicks(page.home_name, "Rose")
    retype(qtbot, page.home_name, "   ")
    assert page.shown_problem(page.home_name) == "The home's name is required."
    assert not wizard.button(Next).isEnabled()
    retype(qtbot, page.home_name, HOME)
    assert page.shown_problem(page.home_name) == ""
    click(qtbot, wizard, Next)

    # The manager: each problem is shown as it is typed and keeps "Create the home" off.
    mgr = wizard.manager_page
    assert wizard.currentId() == MANAGER
    fill_manager(qtbot, mgr, password="abc", repeat="abc")
    assert mgr.shown_problem(mgr.password) == "A password needs at least 8 characters."
    assert not wizard.button(Commit).isEnabled()
    fill_manager(qtbot, mgr, repeat="Correct horse 2")
    assert mgr.shown_problem(mgr.password) == ""
    assert mgr.shown_problem(mgr.repeat) == "The two passwords are not the same."
    assert mgr._notes[mgr.repeat][0].text() == "The two passwords are not the same."  # on screen
    assert not wizard.button(Commit).isEnabled()
    retype(qtbot, mgr.username, "a b")
    assert "A username is 2 to 40 letters" in mgr.shown_problem(mgr.username)
    retype(qtbot, mgr.full_name, "")
    assert mgr.shown_problem(mgr.full_name) == "Full name is required."
    assert made[0] == []
    fill_manager(qtbot, mgr)
    assert not any(
        mgr.shown_problem(edit) for edit in (mgr.username, mgr.full_name, mgr.password, mgr.repeat)
    )
    click(qtbot, wizard, Commit)

    # The recovery key: the one create returned, shown once, needed ticked before Finish.
    assert wizard.currentId() == RECOVERY_KEY
    ((ws, key),) = made[0]
    assert wizard.workspace is ws and wizard.choice == "created"
    assert wizard.key_page.key.text() == key
    assert mgr.password.text() == "" and mgr.repeat.text() == ""
    assert not wizard.button(Back).isEnabled() or not wizard.button(Back).isVisible()
    assert not wizard.button(Cancel).isVisible()
    assert not wizard.button(Finish).isEnabled()
    for holder in (wizard, *(wizard.page(i) for i in wizard.pageIds())):
        assert key not in {v for v in vars(holder).values() if isinstance(v, str)}
    qtbot.mouseClick(wizard.key_page.confirm, Qt.MouseButton.LeftButton)
    click(qtbot, wizard, Finish)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.key_page.key.text() == "" and not wizard.key_page.key.isUndoAvailable()
    from carelink_desktop.services.maintenance import home_view

    assert ws.actor.username == USER and home_view(ws).name == HOME
    ws.close()
    wizard.workspace = None

    again = recover_with_key(home, key, USER, "A brand new password", kdf=FAST_KDF)
    assert again.actor.username == USER and again.actor.full_name == FULL_NAME
    again.close()


def test_print_makes_a_one_page_sheet_with_the_key_and_the_warning(qtbot, wizard, made, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from pypdf import PdfReader

    to_key_page(qtbot, wizard)
    key = made[0][0][1]
    qtbot.mouseClick(wizard.key_page.print_button, Qt.MouseButton.LeftButton)
    pdf = tmp_path / "key.pdf"
    assert len(PdfReader(pdf).pages) == 1
    text = text_of(pdf)
    assert key in text
    assert HOME in text and date.today().strftime("%d/%m/%Y") in text
    assert "the only way back into the home's records if every password is lost" in text.replace("’", "'")
    assert "Printed to" in wizard.key_page.status.text()


def test_save_writes_the_key_to_the_chosen_file(qtbot, wizard, made, tmp_path) -> None:  # type: ignore[no-untyped-def]
    to_key_page(qtbot, wizard)
    key = made[0][0][1]
    qtbot.mouseClick(wizard.key_page.save_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / f"CareLink recovery key - {HOME}.txt"
    assert saved.read_text(encoding="ascii") == key + "\n"  # as `carelink recover` reads it
    assert parse_recovery_key(saved.read_text(encoding="ascii")) == parse_recovery_key(key)
    assert str(saved) in wizard.key_page.status.text()
    assert not list(tmp_path.glob(".*.tmp"))


def test_cancelled_print_and_save_do_nothing(qtbot, made, tmp_path) -> None:  # type: ignore[no-untyped-def]
    w = FirstRunWizard(made[1], choose_printer=lambda _p: None, choose_save_path=lambda _p, _n: None)
    w.confirm_leave_without_key = lambda: True
    qtbot.addWidget(w)
    w.show()
    to_key_page(qtbot, w)
    w.key_page.print_key()
    w.key_page.save_key()
    assert w.key_page.status.text() == ""
    assert not [p for p in tmp_path.iterdir() if p.is_file()]
    w.workspace.close()


def test_demo_choice_finishes_on_the_first_page(qtbot, wizard, made, home) -> None:  # type: ignore[no-untyped-def]
    assert wizard.welcome_page.set_up.hasFocus()
    qtbot.keyClick(wizard.welcome_page.set_up, Qt.Key.Key_Down)
    assert wizard.welcome_page.demo.isChecked()
    assert not wizard.button(Next).isVisible() and wizard.button(Cancel).isVisible()
    click(qtbot, wizard, Finish)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.choice == "demo" and wizard.workspace is None
    assert made[0] == [] and not home.exists()


def test_closing_before_creating_changes_nothing(qtbot, wizard, made, home) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, wizard, Next)
    qtbot.keyClick(wizard.home_page.home_name, Qt.Key.Key_Escape)
    assert wizard.result() == QWizard.DialogCode.Rejected and not wizard.isVisible()
    assert wizard.choice is None and made[0] == [] and not home.exists()


def test_closing_after_creating_asks_first_and_still_returns_the_home(
    qtbot, wizard, made, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    to_key_page(qtbot, wizard)
    answers = [False, True]
    monkeypatch.setattr(wizard, "confirm_leave_without_key", lambda: answers.pop(0))
    qtbot.keyClick(wizard.key_page.key, Qt.Key.Key_Escape)
    assert wizard.isVisible() and wizard.key_page.key.text()
    qtbot.keyClick(wizard.key_page.key, Qt.Key.Key_Escape)
    assert not wizard.isVisible() and wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.choice == "created" and wizard.workspace is made[0][0][0]
    assert wizard.key_page.key.text() == ""


def test_a_home_that_already_exists_is_reported_on_the_page(qtbot, created_home) -> None:  # type: ignore[no-untyped-def]
    paths, _ = created_home
    calls: list[str] = []
    busy: list[bool] = []

    def create(*args: str):  # type: ignore[no-untyped-def]
        cursor = QApplication.overrideCursor()
        calls.append(args[0])
        busy.append(cursor is not None and cursor.shape() == Qt.CursorShape.WaitCursor)
        return creator(paths, FAST_KDF)(*args)

    w = FirstRunWizard(create)
    qtbot.addWidget(w)
    w.show()
    click(qtbot, w, Next)
    qtbot.keyClicks(w.home_page.home_name, "Another House")
    click(qtbot, w, Next)
    fill_manager(qtbot, w.manager_page)
    click(qtbot, w, Commit)
    assert calls == ["Another House"] and busy == [True]
    assert QApplication.overrideCursor() is None
    assert w.currentId() == MANAGER and w.workspace is None
    assert "already exists" in w.manager_page.status.text()
    assert str(
        HomeAlreadyExists(f"A CareLink home already exists in {paths.root}: nothing was changed.")
    ) == (w.manager_page.status.text())


def test_every_control_is_labelled_and_keyboard_reachable(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    buddies = {label.buddy() for label in wizard.findChildren(QLabel) if label.buddy() is not None}
    for edit in wizard.findChildren(QLineEdit):
        assert edit in buddies and edit.accessibleName(), edit.objectName()
        assert edit.focusPolicy() & Qt.FocusPolicy.TabFocus
    for control in wizard.findChildren(QCheckBox) + wizard.findChildren(QRadioButton):
        assert control.text() and "&" in control.text()
    assert wizard.key_page.confirm.focusPolicy() & Qt.FocusPolicy.TabFocus
    # Tab reaches the chosen radio button, the arrow keys move between the two.
    welcome = wizard.welcome_page
    assert welcome.set_up.focusPolicy() & Qt.FocusPolicy.TabFocus
    welcome.set_up.setFocus()
    qtbot.keyClick(welcome.set_up, Qt.Key.Key_Down)
    assert welcome.demo.isChecked() and welcome.demo.hasFocus()
    for button in wizard.key_page.findChildren(QPushButton):
        assert "&" in button.text()
    key_font = wizard.key_page.key.font()
    assert key_font.pointSizeF() > wizard.font().pointSizeF() * 1.5
    metrics = QFontMetricsF(key_font)  # monospaced, whatever the font says of itself
    assert metrics.horizontalAdvance("i") == metrics.horizontalAdvance("W")


def test_screenshots_of_every_page(qtbot, wizard, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """PNGs in screenshots/ (git-ignored) for a person to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def shot(name: str) -> None:
        qtbot.wait(10)
        assert wizard.grab().save(str(SCREENSHOTS / f"first_run_{name}.png"))

    shot("1_welcome")
    qtbot.keyClick(wizard.welcome_page.set_up, Qt.Key.Key_Down)
    shot("1_welcome_demo_chosen")
    qtbot.keyClick(wizard.welcome_page.demo, Qt.Key.Key_Up)
    click(qtbot, wizard, Next)
    qtbot.keyClicks(wizard.home_page.home_name, "R")
    retype(qtbot, wizard.home_page.home_name, "")
    shot("2_home_name_empty")
    qtbot.keyClicks(wizard.home_page.home_name, HOME)
    click(qtbot, wizard, Next)
    fill_manager(qtbot, wizard.manager_page, password="abc", repeat="abd")
    retype(qtbot, wizard.manager_page.username, "Amira K")
    shot("3_manager_problems")
    fill_manager(qtbot, wizard.manager_page)
    shot("3_manager_ready")
    click(qtbot, wizard, Commit)
    qtbot.mouseClick(wizard.key_page.save_button, Qt.MouseButton.LeftButton)
    shot("4_recovery_key")
    qtbot.mouseClick(wizard.key_page.confirm, Qt.MouseButton.LeftButton)
    shot("4_recovery_key_ticked")
    qtbot.mouseClick(wizard.key_page.print_button, Qt.MouseButton.LeftButton)
    render_pdf(tmp_path / "key.pdf", SCREENSHOTS / "first_run_5_printed_sheet.png")


def test_screenshot_with_large_text(qtbot, made) -> None:  # type: ignore[no-untyped-def]
    """The wizard sizes itself in lines of text: with text half as large again nothing is cut off."""
    app = QApplication.instance()
    normal = app.font()
    large = app.font()
    large.setPointSizeF(normal.pointSizeF() * 1.5)
    app.setFont(large)
    try:
        w = FirstRunWizard(made[1])
        qtbot.addWidget(w)
        w.show()
        click(qtbot, w, Next)
        qtbot.keyClicks(w.home_page.home_name, HOME)
        click(qtbot, w, Next)
        fill_manager(qtbot, w.manager_page, password="abc", repeat="abd")
        retype(qtbot, w.manager_page.username, "Amira K")
        qtbot.wait(10)
        SCREENSHOTS.mkdir(exist_ok=True)
        assert w.grab().save(str(SCREENSHOTS / "first_run_3_manager_problems_large_text.png"))
    finally:
        app.setFont(normal)


def render_pdf(pdf: Path, png: Path) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    assert doc.load(str(pdf)) == QPdfDocument.Error.None_
    size = doc.pagePointSize(0)
    page = doc.render(0, QSize(int(size.width() * 1.25), int(size.height() * 1.25)))
    image = QImage(page.size(), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)  # the page itself is transparent
    painter = QPainter(image)
    painter.drawImage(0, 0, page)
    painter.end()
    assert image.save(str(png))
    doc.close()
