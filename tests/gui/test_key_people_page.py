"""The Key people area, driven as a person would with pytest-qt (offscreen) on a real encrypted home."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QTreeWidget,
    QWidget,
)

from carelink_desktop.domain.key_people import ContactMethod, KeyPersonDetails
from carelink_desktop.services.key_people import add_key_person, find_key_people, view_key_person
from carelink_desktop.services.links import link_key_person, residents_of
from carelink_desktop.services.residents import admit_resident
from carelink_desktop.ui.events import ChangeSignals
from carelink_desktop.ui.key_people_model import KeyPeopleModel
from carelink_desktop.ui.key_people_page import KeyPeoplePage
from carelink_desktop.ui.link_dialog import LinkResidentDialog
from carelink_desktop.ui.pages import Navigator, ShellContext
from tests.conftest import FAST_KDF, HOME_NAME, resident

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.fixture
def ctx(manager) -> Iterator[ShellContext]:  # type: ignore[no-untyped-def]
    changes = ChangeSignals(manager.events)
    yield ShellContext(ws=manager, changes=changes, navigator=Navigator(), home_name=HOME_NAME)
    changes.detach()


def make_page(qtbot, ctx: ShellContext) -> KeyPeoplePage:  # type: ignore[no-untyped-def]
    page = KeyPeoplePage(ctx)
    # What the main window does for every page: refresh() on changes of the kinds it watches.
    ctx.changes.changed.connect(lambda kind: page.refresh() if kind in page.watches else None)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    activate(qtbot, page)
    return page


def activate(qtbot, window: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Make ``window`` the focus window, as clicking on it would (shortcuts and focus need it)."""
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() == window.windowHandle())


@pytest.fixture
def page(qtbot, ctx: ShellContext) -> KeyPeoplePage:  # type: ignore[no-untyped-def]
    return make_page(qtbot, ctx)


def person(given: str = "Anna", family: str = "Wójcik", **extra: object) -> KeyPersonDetails:
    return KeyPersonDetails(given_names=given, family_name=family, **extra)  # type: ignore[arg-type]


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Click into ``widget`` (give it focus) and type: qtbot.keyClicks, also for what QTest cannot
    map to a key ("ó", "â" come as key events carrying the text, as a keyboard layout sends them)."""
    widget.setFocus()
    for ch in text:
        if ch == "\n":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        elif ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def answer_next_dialog(act: Callable[[QWidget], None]) -> None:
    """Do ``act`` to the next modal dialog that opens (message boxes block until answered)."""

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, handle)
        else:
            act(dialog)

    QTimer.singleShot(0, handle)


def press(button: QMessageBox.StandardButton) -> Callable[[QWidget], None]:
    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox), dialog
        dialog.button(button).click()

    return act


def click_row(qtbot, page: KeyPeoplePage, name: str) -> None:  # type: ignore[no-untyped-def]
    model = page.model
    rows = [r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == name]
    assert rows, f"{name} is not listed"
    rect = page.table.visualRect(model.index(rows[0], 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def listed(page: KeyPeoplePage) -> list[str]:
    return [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())]


def linked(page: KeyPeoplePage) -> list[tuple[str, str]]:
    tree = page.links.tree
    return [
        (tree.topLevelItem(i).text(0), tree.topLevelItem(i).text(1)) for i in range(tree.topLevelItemCount())
    ]


# -- creating and editing -----------------------------------------------------------------------


def test_create_a_key_person_through_the_form(qtbot, page, manager) -> None:  # type: ignore[no-untyped-def]
    assert page.title() == "Key people"
    assert page.right.currentIndex() == 0  # nothing chosen yet: a hint, not an empty form
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.right.currentIndex() == 1)  # a shortcut "clicks" after a moment
    assert page.form.given_names.hasFocus()
    form = page.form
    type_text(qtbot, form.given_names, "Anna")
    type_text(qtbot, form.family_name, "Wójcik")
    type_text(qtbot, form.phone, "07700 900123")
    type_text(qtbot, form.email, "anna.wojcik@example.org")
    type_text(qtbot, form.address, "4 Mill Lane\nCardiff")
    form.preferred_contact.setCurrentIndex(form.preferred_contact.findData(ContactMethod.EMAIL.value))
    type_text(qtbot, form.language, "Polish")
    form.needs_interpreter.setChecked(True)
    type_text(qtbot, form.notes, "Visits on Sundays.")
    assert page.heading.text() == "New key person: Anna Wójcik"
    assert page.has_unsaved_changes()
    qtbot.keyClick(form.notes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not page.has_unsaved_changes())

    found = find_key_people(manager)
    assert [p.full_name for p in found] == ["Anna Wójcik"]
    saved = view_key_person(manager, found[0].id).details
    assert saved.address == "4 Mill Lane\nCardiff"
    assert saved.preferred_contact is ContactMethod.EMAIL and saved.needs_interpreter
    assert listed(page) == ["Anna Wójcik"]
    assert page.table.currentIndex().data(Qt.ItemDataRole.UserRole) == found[0].id
    assert page.person_id == found[0].id and not page.has_unsaved_changes()
    assert page.status.text() == "Saved."
    assert page.count_label.text() == "1 key person"


def test_invalid_email_and_phone_are_shown_at_the_fields_and_nothing_is_written(  # type: ignore[no-untyped-def]
    qtbot, page, manager
) -> None:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    form = page.form
    type_text(qtbot, form.given_names, "Tom")
    type_text(qtbot, form.phone, "ring the office")
    qtbot.keyClick(form.phone, Qt.Key.Key_Tab)  # checked as typed: on leaving the field
    assert "phone number" in form.error_text("phone")
    assert form.email.hasFocus()
    type_text(qtbot, form.email, "tom@home")
    qtbot.keyClick(form.email, Qt.Key.Key_Tab)
    assert form.error_text("email").startswith("This is not an email address")
    assert form.email.accessibleDescription() == form.error_text("email")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert find_key_people(manager) == []
    assert form.error_text("phone") and form.error_text("email")
    assert form.phone.hasFocus()  # the first field with a problem
    assert page.status.text().startswith("Not saved")
    # Putting the email right clears its message as it is typed.
    type_text(qtbot, form.email, ".org")
    assert form.error_text("email") == ""
    assert form.error_text("phone")


def test_preferred_contact_email_needs_an_email(qtbot, page, manager) -> None:  # type: ignore[no-untyped-def]
    page.new_person()
    form = page.form
    type_text(qtbot, form.family_name, "Okafor")
    form.preferred_contact.setCurrentIndex(form.preferred_contact.findText("Email"))
    form.needs_interpreter.setChecked(True)
    assert page.save() is False
    assert form.error_text("email") == "Email is the preferred contact: give the email address."
    assert form.error_text("language") == "Say which language the interpreter is needed for."
    assert form.error_text("family_name") == ""
    assert find_key_people(manager) == []


def test_edit_and_save(qtbot, page, manager) -> None:  # type: ignore[no-untyped-def]
    anna = add_key_person(manager, person(phone="07700 900123"))
    add_key_person(manager, person("Dafydd", "Evans"))
    assert listed(page) == ["Dafydd Evans", "Anna Wójcik"]
    click_row(qtbot, page, "Anna Wójcik")
    assert page.person_id == anna.id and page.form.phone.text() == "07700 900123"
    page.form.phone.clear()
    type_text(qtbot, page.form.phone, "029 2018 0000")
    type_text(qtbot, page.form.given_names, " Maria")
    assert page.heading.text() == "Anna Maria Wójcik"
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = view_key_person(manager, anna.id).details
    assert saved.phone == "029 2018 0000" and saved.given_names == "Anna Maria"
    assert listed(page) == ["Dafydd Evans", "Anna Maria Wójcik"]
    assert not page.has_unsaved_changes() and page.draft() is None


def test_choosing_someone_else_with_unsaved_edits_asks(qtbot, page, manager) -> None:  # type: ignore[no-untyped-def]
    anna = add_key_person(manager, person())
    dafydd = add_key_person(manager, person("Dafydd", "Evans"))
    click_row(qtbot, page, "Anna Wójcik")
    type_text(qtbot, page.form.notes, "Prefers mornings.")

    answer_next_dialog(press(QMessageBox.StandardButton.Cancel))
    click_row(qtbot, page, "Dafydd Evans")
    qtbot.waitUntil(lambda: page.table.currentIndex().data(Qt.ItemDataRole.UserRole) == anna.id)
    assert page.person_id == anna.id and page.form.notes.toPlainText() == "Prefers mornings."

    answer_next_dialog(press(QMessageBox.StandardButton.Save))
    click_row(qtbot, page, "Dafydd Evans")
    assert page.person_id == dafydd.id
    assert view_key_person(manager, anna.id).details.notes == "Prefers mornings."

    type_text(qtbot, page.form.notes, "Lives nearby.")
    answer_next_dialog(press(QMessageBox.StandardButton.Discard))
    click_row(qtbot, page, "Anna Wójcik")
    assert page.person_id == anna.id
    assert view_key_person(manager, dafydd.id).details.notes == ""


def test_archive_asks_why_and_hides_the_person(qtbot, page, manager, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    anna = add_key_person(manager, person())
    click_row(qtbot, page, "Anna Wójcik")
    assert page.archive_button.isVisible()
    monkeypatch.setattr(page, "ask_archive_reason", lambda name: "No longer in contact")
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert view_key_person(manager, anna.id).archived
    assert listed(page) == []
    assert page.archived_notice.isVisible() and "No longer in contact" in page.archived_notice.text()
    assert page.form.given_names.isReadOnly() and not page.save_button.isEnabled()
    page.show_archived.setChecked(True)
    assert listed(page) == ["Anna Wójcik (archived)"]


def test_archive_is_only_offered_to_those_who_may(qtbot, created_home, state_dir, manager) -> None:  # type: ignore[no-untyped-def]
    from carelink_desktop.domain.roles import Role
    from carelink_desktop.services.access import unlock
    from carelink_desktop.services.accounts import add_account

    add_account(
        manager, username="kim", full_name="Kim Ng", role=Role.KEYWORKER, initial_password="Kim's pass 12"
    )
    ws = unlock(created_home[0], "kim", "Kim's pass 12", state_dir=state_dir, kdf=FAST_KDF)
    try:
        changes = ChangeSignals(ws.events)
        keyworker_page = make_page(qtbot, ShellContext(ws, changes, Navigator(), HOME_NAME))
        keyworker_page.new_person()
        assert not keyworker_page.archive_button.isVisible()
        assert keyworker_page.save_button.isVisible()
        changes.detach()
    finally:
        ws.close()


# -- links --------------------------------------------------------------------------------------


def test_link_to_a_resident_through_the_dialog_then_unlink(qtbot, page, manager) -> None:  # type: ignore[no-untyped-def]
    margaret = admit_resident(manager, resident("Margaret", "Jones", preferred_name="Peggy"))
    admit_resident(manager, resident("Siân", "Llewellyn", room="3"))
    anna = add_key_person(manager, person())
    click_row(qtbot, page, "Anna Wójcik")
    assert linked(page) == [] and page.links.hint.text() == "Not linked to any resident yet."

    qtbot.mouseClick(page.links.link_button, Qt.MouseButton.LeftButton)
    dialog = page.links.dialog
    assert isinstance(dialog, LinkResidentDialog) and dialog.isVisible()
    activate(qtbot, dialog)
    assert dialog.search.hasFocus()
    assert dialog.choices.count() == 2
    # OK with nothing chosen: the dialog says so and stays open.
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.choice_error.text() == "Choose a resident from the list."
    type_text(qtbot, dialog.search, "peggy")
    qtbot.waitUntil(lambda: dialog.choices.count() == 1)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)  # to the list, first match chosen
    assert dialog.choices.hasFocus() and dialog.chosen_id() == margaret.id
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # no relationship yet
    assert dialog.isVisible() and dialog.relationship_error.text().startswith("Say how they are related")
    type_text(qtbot, dialog.relationship.lineEdit(), "daughter")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.links.dialog is None)

    links = residents_of(manager, anna.id)
    assert [(v.resident_id, v.relationship) for v in links] == [(margaret.id, "daughter")]
    assert linked(page) == [("Margaret (Peggy) Jones", "daughter")]
    assert page.status.text() == "Linked to Margaret (Peggy) Jones."

    # The next time, Margaret is shown as already linked and cannot be chosen again.
    qtbot.mouseClick(page.links.link_button, Qt.MouseButton.LeftButton)
    again = page.links.dialog
    assert again is not None
    assert not again.choose(margaret.id)
    texts = [again.choices.item(i).text() for i in range(again.choices.count())]
    assert "Margaret (Peggy) Jones, room 12 (already linked)" in texts
    again.reject()
    qtbot.waitUntil(lambda: page.links.dialog is None)

    page.links.tree.setCurrentItem(page.links.tree.topLevelItem(0))
    answer_next_dialog(press(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(page.links.unlink_button, Qt.MouseButton.LeftButton)
    assert residents_of(manager, anna.id) == []
    assert linked(page) == []


def test_link_dialog_from_the_residents_side_chooses_a_key_person(qtbot, ctx, manager) -> None:  # type: ignore[no-untyped-def]
    margaret = admit_resident(manager, resident())
    add_key_person(manager, person())
    tom = add_key_person(manager, person("Tom", "Baker", phone="07700 900456"))
    dialog = LinkResidentDialog(ctx, resident_id=margaret.id)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Link a key person"
    type_text(qtbot, dialog.search, "900456")
    qtbot.waitUntil(lambda: dialog.choices.count() == 1)
    assert dialog.choose(tom.id)
    dialog.relationship.setCurrentIndex(dialog.relationship.findText("neighbour"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.link is not None and dialog.link.key_person_name == "Tom Baker"
    assert [v.relationship for v in residents_of(manager, tom.id)] == ["neighbour"]
    with pytest.raises(ValueError):
        LinkResidentDialog(ctx)


def test_double_clicking_a_linked_resident_opens_them(qtbot, page, ctx, manager) -> None:  # type: ignore[no-untyped-def]
    margaret = admit_resident(manager, resident())
    anna = add_key_person(manager, person())
    link_key_person(manager, margaret.id, anna.id, "daughter")
    click_row(qtbot, page, "Anna Wójcik")
    tree = page.links.tree
    assert linked(page) == [("Margaret Jones", "daughter")]
    at = tree.visualItemRect(tree.topLevelItem(0)).center()
    with qtbot.waitSignal(ctx.navigator.open_resident, timeout=2000) as blocker:
        # A double-click is a click and then a second press that Qt reports as a double-click.
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=at)
        qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert blocker.args == [margaret.id]


def test_list_follows_links_made_elsewhere(qtbot, page, manager) -> None:  # type: ignore[no-untyped-def]
    margaret = admit_resident(manager, resident())
    anna = add_key_person(manager, person())
    click_row(qtbot, page, "Anna Wójcik")
    link_key_person(manager, margaret.id, anna.id, "friend")  # e.g. from the resident's page
    assert linked(page) == [("Margaret Jones", "friend")]


# -- finding ------------------------------------------------------------------------------------


def test_search_filters_as_you_type_ignoring_accents(qtbot, page, manager) -> None:  # type: ignore[no-untyped-def]
    for given, family in (("Anna", "Wójcik"), ("Siân", "Llewellyn"), ("Dafydd", "Evans")):
        add_key_person(manager, person(given, family))
    assert len(listed(page)) == 3 and page.count_label.text() == "3 key people"
    type_text(qtbot, page.search, "wojcik")
    qtbot.waitUntil(lambda: listed(page) == ["Anna Wójcik"])
    page.search.clear()
    type_text(qtbot, page.search, "sian")
    qtbot.waitUntil(lambda: listed(page) == ["Siân Llewellyn"])
    page.search.clear()
    type_text(qtbot, page.search, "nobody")
    qtbot.waitUntil(lambda: listed(page) == [])
    assert page.count_label.text() == "0 key people"


def test_key_people_model_passes_qt_model_checks(qtmodeltester, manager) -> None:  # type: ignore[no-untyped-def]
    add_key_person(manager, person(phone="07700 900123", email="anna@example.org"))
    add_key_person(manager, person("Dafydd", "Evans"))
    model = KeyPeopleModel()
    model.set_rows(find_key_people(manager))
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.columnCount() == 3
    assert model.data(model.index(1, 1)) == "07700 900123"
    assert model.data(model.index(1, 2)) == "anna@example.org"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.UserRole) == model.person_at(0).id
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Email"
    assert model.row_of("no such id") == -1


# -- drafts -------------------------------------------------------------------------------------


def test_draft_round_trip(qtbot, page, ctx, manager) -> None:  # type: ignore[no-untyped-def]
    anna = add_key_person(manager, person())
    click_row(qtbot, page, "Anna Wójcik")
    assert page.draft() is None
    type_text(qtbot, page.form.address, "1 High Street\nSwansea")
    page.form.preferred_contact.setCurrentIndex(page.form.preferred_contact.findText("Letter"))
    sealed = json.dumps(page.draft())  # what the shell seals while the PC is locked

    again = make_page(qtbot, ctx)
    again.restore_draft(json.loads(sealed))
    assert again.person_id == anna.id and again.has_unsaved_changes()
    assert again.form.address.toPlainText() == "1 High Street\nSwansea"
    assert again.form.preferred_contact.currentText() == "Letter"
    assert again.table.currentIndex().data(Qt.ItemDataRole.UserRole) == anna.id
    assert again.save()
    assert view_key_person(manager, anna.id).details.preferred_contact is ContactMethod.LETTER

    # A new person's draft comes back as a new person; discarding empties the form.
    again.new_person()
    type_text(qtbot, again.form.family_name, "Nowak")
    draft = again.draft()
    assert draft is not None and draft["key_person_id"] is None
    third = make_page(qtbot, ctx)
    third.restore_draft(json.loads(json.dumps(draft)))
    assert third.person_id is None and third.form.family_name.text() == "Nowak"
    third.discard_changes()
    assert not third.has_unsaved_changes() and third.form.family_name.text() == ""


# -- accessibility ------------------------------------------------------------------------------


def test_every_input_is_named_and_tab_follows_the_eye(qtbot, page, manager) -> None:  # type: ignore[no-untyped-def]
    margaret = admit_resident(manager, resident())
    anna = add_key_person(manager, person())
    link_key_person(manager, margaret.id, anna.id, "daughter")
    click_row(qtbot, page, "Anna Wójcik")
    inputs = (QLineEdit, QComboBox, QPlainTextEdit, QCheckBox, QTableView, QTreeWidget, QAbstractButton)
    for kind in inputs:
        for widget in page.findChildren(kind):
            if widget.isVisibleTo(page) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                assert widget.accessibleName() or getattr(widget, "text", lambda: "")(), widget
    for widget in page.findChildren(QWidget):
        assert "font-size" not in widget.styleSheet() and "px" not in widget.styleSheet()

    page.search.setFocus()
    form = page.form
    expected = [
        page.search, page.show_archived, page.new_button, page.table,
        form.given_names, form.family_name, form.phone, form.email, form.address,
        form.preferred_contact, form.language, form.needs_interpreter, form.notes,
        page.save_button, page.archive_button, page.sar_button, page.links.tree, page.links.link_button,
        page.links.unlink_button,
    ]  # fmt: skip
    seen = [QApplication.focusWidget()]
    for _ in expected[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == expected


# -- how it looks -------------------------------------------------------------------------------


def _fill_like_the_demo(ws) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """A few residents with their circles (from the demo generator) and links between them."""
    from dataclasses import replace

    from carelink_desktop.services.key_people import add_key_people
    from carelink_desktop.services.residents import admit_residents
    from carelink_desktop.synthetic.demo_home import plan_demo_home

    plan = plan_demo_home(residents=6, today=ws.today())
    resident_ids = admit_residents(ws, [replace(p.resident, keyworker_id=None) for p in plan.personas])
    ids = add_key_people(ws, [m.details for p in plan.personas for m in p.circle])
    names: dict[str, str] = {}
    at = 0
    for persona, resident_id in zip(plan.personas, resident_ids, strict=True):
        for member in persona.circle:
            link_key_person(ws, resident_id, ids[at], member.relationship)
            names.setdefault("with_links", ids[at])
            at += 1
    # Someone linked to two residents (a friend visiting both), to show more than one link.
    link_key_person(ws, resident_ids[1], names["with_links"], "friend")
    return names


def _save(qtbot, widget: QWidget, name: str) -> Path:  # type: ignore[no-untyped-def]
    qtbot.wait(50)  # let pending layout requests run, or the picture shows the old layout
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / name
    assert widget.grab().save(str(path))
    return path


def test_screenshots_at_1366_by_768(qtbot, page, ctx, manager, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    names = _fill_like_the_demo(manager)
    page.refresh()
    _save(qtbot, page, "key_people_nobody_chosen.png")
    page.open_person(names["with_links"])
    assert page.size().width() == 1366 and page.size().height() == 768
    assert len(linked(page)) == 2
    _save(qtbot, page, "key_people_page.png")

    page.new_person()
    type_text(qtbot, page.form.given_names, "Maria")
    type_text(qtbot, page.form.phone, "call the office")
    page.form.preferred_contact.setCurrentIndex(page.form.preferred_contact.findText("Email"))
    page.form.needs_interpreter.setChecked(True)
    page.save()
    _save(qtbot, page, "key_people_new_with_problems.png")
    page.discard_changes()

    page.open_person(names["with_links"])
    qtbot.mouseClick(page.links.link_button, Qt.MouseButton.LeftButton)
    dialog = page.links.dialog
    assert dialog is not None
    type_text(qtbot, dialog.relationship.lineEdit(), "gr")
    qtbot.wait(50)
    _save(qtbot, dialog, "key_people_link_dialog.png")
    dialog.reject()

    page.open_person(names["with_links"])
    monkeypatch.setattr(page, "ask_archive_reason", lambda name: "Moved abroad; asked not to be contacted.")
    page.archive()
    page.show_archived.setChecked(True)
    _save(qtbot, page, "key_people_archived.png")

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = app.font()
    try:
        big = app.font()
        big.setPointSizeF(font.pointSizeF() * 1.5)
        app.setFont(big)
        large = make_page(qtbot, ctx)
        large.open_person(names["with_links"])
        _save(qtbot, large, "key_people_page_large_text.png")
    finally:
        app.setFont(font)
    # Nothing the page needs is squeezed out of sight at this size: no scrolling needed.
    scroll = page.right.currentWidget()
    assert scroll.verticalScrollBar().maximum() == 0 and scroll.horizontalScrollBar().maximum() == 0
    assert page.links.tree.height() > 5 * page.fontMetrics().height()
