"""The relationship dialog, driven as a person would with pytest-qt (offscreen) on a real encrypted
home: choosing the key person, filling from the relationship type, contact wishes, checks as
typed, refused saves that write nothing, the history, unique marks and resources offered."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QListWidget, QWidget

from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.relationships import (
    Category,
    ContactWish,
    Frequency,
    KeepInTouch,
    Quality,
    RelationshipDetails,
)
from carelink_desktop.domain.resources import OfferDetails, OfferOutcome, ResourceDetails, ResourceKind
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.relationship_history import history_of
from carelink_desktop.services.relationships import relate, relationship, relationships_of
from carelink_desktop.services.residents import admit_resident
from carelink_desktop.services.resources_directory import add_resource, offer_resource, offers_for
from carelink_desktop.ui.relationship_dialog import RelationshipDialog
from carelink_desktop.ui.relationship_history_panel import HistoryModel
from carelink_desktop.ui.relationship_offers import OfferDialog, OffersModel
from tests.conftest import resident

TODAY = date(2026, 5, 1)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
#: The smallest screen the dialog must suit, less room for the window frame and task bar.
SMALL_SCREEN = (1024 - 40, 768 - 60)


@pytest.fixture(autouse=True)
def discard_without_asking(monkeypatch):  # type: ignore[no-untyped-def]
    """Closing a dialog with unsaved changes asks first; at the end of a test nobody would answer."""
    monkeypatch.setattr("carelink_desktop.ui.unsaved.confirm_discard", lambda parent: True)


@pytest.fixture
def ws(manager):  # type: ignore[no-untyped-def]
    manager.set_today_for_tests(TODAY)
    return manager


@pytest.fixture
def resident_id(ws) -> str:  # type: ignore[no-untyped-def]
    return admit_resident(ws, resident("Margaret", "Jones")).id


@pytest.fixture
def people(ws) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Key people by first name."""
    out = {}
    for given, family, phone in (
        ("Susan", "Hughes", "07700 900111"),
        ("Tom", "Jones", "07700 900222"),
        ("Anna", "Wójcik", ""),
    ):
        out[given] = add_key_person(
            ws, KeyPersonDetails(given_names=given, family_name=family, phone=phone)
        ).id
    return out


def details(**extra: object) -> RelationshipDetails:
    base: dict[str, object] = {
        "relationship": "son",
        "category": Category.FAMILY,
        "reverse_relationship": "parent",
    }
    base.update(extra)
    return RelationshipDetails(**base)  # type: ignore[arg-type]


def open_dialog(qtbot, ws, resident_id: str, view=None, **kwargs) -> RelationshipDialog:  # type: ignore[no-untyped-def]
    dialog = RelationshipDialog(ws, resident_id, view, resident_name="Margaret Jones", **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    activate(qtbot, dialog)
    return dialog


def activate(qtbot, window: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Make ``window`` the focus window, as clicking on it would (shortcuts and focus need it)."""
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() == window.windowHandle())


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Click into ``widget`` and type (non-ASCII as the key events a keyboard layout sends)."""
    widget.setFocus()
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def clear_and_type(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    type_text(qtbot, widget, text)


def type_relationship(qtbot, dialog: RelationshipDialog, text: str, *, clear: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Type into the relationship box, then close the suggestions (as the next click would)."""
    line = dialog.form.relationship.lineEdit()
    assert line is not None
    (clear_and_type if clear else type_text)(qtbot, line, text)
    completer = dialog.form.relationship.completer()
    assert completer is not None
    popup = completer.popup()
    assert popup is not None
    popup.hide()


def pick(qtbot, combo: QComboBox, text: str) -> None:  # type: ignore[no-untyped-def]
    """Choose the item of a (non-editable) combo box starting with ``text`` with the arrow keys."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText().startswith(text):
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"{text!r} is not in the list: {[combo.itemText(i) for i in range(combo.count())]}")


def click_item(qtbot, choices: QListWidget, starts: str) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in range(choices.count()) if choices.item(r).text().startswith(starts)]
    assert rows, [choices.item(r).text() for r in range(choices.count())]
    rect = choices.visualItemRect(choices.item(rows[0]))
    qtbot.mouseClick(choices.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def tick(qtbot, box: QAbstractButton) -> None:  # type: ignore[no-untyped-def]
    """Click a tick box on its box (its middle may be past the end of its words)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(box.height() // 2, box.height() // 2))


def show_tab(qtbot, dialog: RelationshipDialog, title: str) -> None:  # type: ignore[no-untyped-def]
    bar = dialog.tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i).replace("&", "").startswith(title))
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert dialog.tabs.currentIndex() == index


def record(asked: list[str], text: str, answer: bool) -> bool:
    """Stand in for a question box: note what was asked, give ``answer``."""
    asked.append(text)
    return answer


def message_at(dialog: RelationshipDialog, name: str) -> str:
    return dialog.errors.message(name).message()


# -- adding ----------------------------------------------------------------------------------


def test_add_a_relationship_by_typing_and_clicking(qtbot, ws, resident_id, people) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, ws, resident_id)
    assert dialog.chooser is not None
    assert QApplication.focusWidget() is dialog.chooser.search
    type_text(qtbot, dialog.chooser.search, "hugh")
    qtbot.waitUntil(lambda: dialog.chooser is not None and dialog.chooser.choices.count() == 1)
    click_item(qtbot, dialog.chooser.choices, "Susan Hughes")
    assert dialog.chosen_person_id() == people["Susan"]

    form = dialog.form
    type_relationship(qtbot, dialog, "social worker")
    assert (form.reverse.text(), form.category.currentData()) == ("client", Category.PROFESSIONAL.value)
    type_relationship(qtbot, dialog, "daughter", clear=True)
    assert form.reverse.text() == "parent"
    assert form.category.currentText() == "Family"
    assert not form.type_hint.isVisible()
    pick(qtbot, form.circle, "1")
    assert form.circle.currentText() == "1 – closest"
    type_text(qtbot, form.started_on, "01/05/1968")

    show_tab(qtbot, dialog, "Keeping in touch")
    wishes = form.wishes
    assert not wishes.frequencies[KeepInTouch.VISITS].isEnabled()
    tick(qtbot, wishes.ticks[KeepInTouch.VISITS])
    assert wishes.frequencies[KeepInTouch.VISITS].isEnabled()
    pick(qtbot, wishes.frequencies[KeepInTouch.VISITS], "Every week")
    tick(qtbot, wishes.ticks[KeepInTouch.PHONE])
    pick(qtbot, wishes.frequencies[KeepInTouch.PHONE], "Every day")
    type_text(qtbot, form.support_needed, "A lift from the station on Sundays")

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.errors.shown()
    [saved] = relationships_of(ws, resident_id)
    assert dialog.result_view is not None and dialog.result_view.id == saved.id
    assert saved.key_person_id == people["Susan"]
    assert saved.details == RelationshipDetails(
        relationship="daughter",
        category=Category.FAMILY,
        reverse_relationship="parent",
        circle=1,
        contact_wishes=(
            ContactWish(KeepInTouch.VISITS, Frequency.WEEKLY),
            ContactWish(KeepInTouch.PHONE, Frequency.DAILY),
        ),
        support_needed="A lift from the station on Sundays",
        started_on=date(1968, 5, 1),
    )


def test_people_on_the_map_are_not_offered_and_a_new_type_is_explained(  # type: ignore[no-untyped-def]
    qtbot, ws, resident_id, people
) -> None:
    relate(ws, resident_id, people["Tom"], details())
    dialog = open_dialog(qtbot, ws, resident_id, taken={people["Anna"]})
    assert dialog.chooser is not None
    listed = [dialog.chooser.choices.item(r).text() for r in range(dialog.chooser.choices.count())]
    assert listed == ["Susan Hughes, 07700 900111"]
    type_text(qtbot, dialog.chooser.search, "Tom")
    qtbot.waitUntil(lambda: "Already on this resident's map" in dialog.chooser.choices.item(0).text())

    type_relationship(qtbot, dialog, "step-daughter")
    assert dialog.form.type_hint.isVisible()
    assert "“step-daughter” is new" in dialog.form.type_hint.text()


def test_someone_new_is_added_and_chosen(qtbot, ws, resident_id, people) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, ws, resident_id)
    assert dialog.chooser is not None
    qtbot.mouseClick(dialog.chooser.new_button, Qt.MouseButton.LeftButton)
    new = dialog.chooser.new_dialog
    assert new is not None
    activate(qtbot, new)
    type_text(qtbot, new.form.given_names, "Priya")
    type_text(qtbot, new.form.family_name, "Shah")
    type_text(qtbot, new.form.phone, "07700 900333")
    qtbot.mouseClick(new.save_button, Qt.MouseButton.LeftButton)
    assert new.result_view is not None
    assert dialog.chooser.chosen_name() == "Priya Shah"
    type_relationship(qtbot, dialog, "neighbour")
    assert dialog.save()
    [saved] = relationships_of(ws, resident_id)
    assert (saved.key_person_name, saved.details.relationship, saved.details.category) == (
        "Priya Shah",
        "neighbour",
        Category.FRIEND,
    )


def test_a_bad_date_and_an_ending_without_a_reason_are_shown_and_nothing_is_saved(  # type: ignore[no-untyped-def]
    qtbot, ws, resident_id, people
) -> None:
    dialog = open_dialog(qtbot, ws, resident_id, key_person_id=people["Tom"])
    assert dialog.chooser is None and "Tom Jones" in dialog.heading.text()
    form = dialog.form
    type_relationship(qtbot, dialog, "son")
    type_text(qtbot, form.started_on, "31/02/1990")
    assert message_at(dialog, "started_on") == "'31/02/1990' is not a real date."  # said once it looks whole

    show_tab(qtbot, dialog, "Ending")
    assert not form.end_reason.isEnabled()
    type_text(qtbot, form.ended_on, "01/03/2026")
    assert form.end_reason.isEnabled() and form.end_support.isEnabled()

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert relationships_of(ws, resident_id) == []
    assert message_at(dialog, "end_reason") == "Say why the relationship ended."
    assert message_at(dialog, "started_on") == "'31/02/1990' is not a real date."
    assert dialog.message.message() == "Nothing was saved: correct the fields marked ⚠."
    # The first problem is on the first page: it is shown and has the cursor.
    assert dialog.tabs.currentIndex() == 0
    assert QApplication.focusWidget() is form.started_on
    assert dialog.tabs.tabText(0).endswith("⚠") and dialog.tabs.tabText(3).endswith("⚠")

    # Put right: the messages go as they are fixed, and it saves.
    clear_and_type(qtbot, form.started_on, "28/02/1990")
    assert message_at(dialog, "started_on") == ""
    assert not dialog.tabs.tabText(0).endswith("⚠")
    show_tab(qtbot, dialog, "Ending")
    type_text(qtbot, form.end_reason, "Moved to Australia")
    assert message_at(dialog, "end_reason") == ""
    assert dialog.save()
    [saved] = relationships_of(ws, resident_id)
    assert saved.details.ended_on == date(2026, 3, 1) and saved.details.end_reason == "Moved to Australia"


def test_nobody_chosen_is_said_at_the_list(qtbot, ws, resident_id, people) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, ws, resident_id)
    type_relationship(qtbot, dialog, "friend")
    assert not dialog.save()
    assert message_at(dialog, "key_person_id") == "Choose a key person from the list."
    assert dialog.chooser is not None and QApplication.focusWidget() is dialog.chooser.choices
    assert relationships_of(ws, resident_id) == []


# -- changing --------------------------------------------------------------------------------


def test_change_quality_and_circle_with_a_reason_is_kept_in_the_history(  # type: ignore[no-untyped-def]
    qtbot, ws, resident_id, people
) -> None:
    view = relate(ws, resident_id, people["Tom"], details(circle=2))
    dialog = open_dialog(qtbot, ws, resident_id, view)
    assert dialog.chooser is None
    assert not dialog.reason.isVisible()  # asked for once something is changed
    form = dialog.form
    assert form.relationship.currentText() == "son" and form.reverse.text() == "parent"
    pick(qtbot, form.quality, "Strained")
    assert dialog.reason.isVisible()
    pick(qtbot, form.circle, "3")
    type_text(qtbot, dialog.reason, "Visits stopped after an argument in March")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted

    newest = history_of(ws, view.id)[0]
    assert newest.changed_by == "Amira Khan"
    assert newest.reason == "Visits stopped after an argument in March"
    assert {(c.label, c.before, c.after) for c in newest.fields} == {
        ("Circle", "2", "3"),
        ("How it is going", "Positive", "Strained"),
    }

    again = open_dialog(qtbot, ws, resident_id, relationship(ws, view.id))
    show_tab(qtbot, again, "History")
    assert again.history is not None
    model = again.history.model
    assert model.rowCount() == 2  # added, then changed
    row = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert row[1] == "Amira Khan"
    assert row[2].startswith("Changed: ") and "How it is going: Positive → Strained" in row[2]
    assert row[3] == "Visits stopped after an argument in March"
    assert again.history.field_lines()[:2] == ["Circle: 2 → 3", "How it is going: Positive → Strained"]
    again.history.table.selectRow(1)
    assert "Relationship: (blank) → son" in again.history.field_lines()


def test_someone_else_changed_it_meanwhile(qtbot, ws, resident_id, people) -> None:  # type: ignore[no-untyped-def]
    view = relate(ws, resident_id, people["Tom"], details())
    dialog = open_dialog(qtbot, ws, resident_id, view)
    from carelink_desktop.services.relationships import update_relationship

    update_relationship(ws, view.id, replace(view.details, quality=Quality.MIXED))
    pick(qtbot, dialog.form.circle, "1")
    assert not dialog.save()
    assert "Someone else changed this relationship" in dialog.message.message()
    assert relationship(ws, view.id).details.circle == 2


def test_naming_a_second_essential_care_supporter_asks_first(  # type: ignore[no-untyped-def]
    qtbot, ws, resident_id, people, monkeypatch
) -> None:
    susan = relate(
        ws, resident_id, people["Susan"], details(relationship="daughter", essential_care_supporter=True)
    )
    tom = relate(ws, resident_id, people["Tom"], details())
    dialog = open_dialog(qtbot, ws, resident_id, tom)
    show_tab(qtbot, dialog, "Legal and marks")
    assert dialog.form.ecs_hint.text() == "Susan Hughes is the essential care supporter now."
    tick(qtbot, dialog.form.essential_care_supporter)
    assert "saving names this person instead" in dialog.form.ecs_hint.text()
    assert "ECS" in dialog.form.marks_label.text()

    asked: list[str] = []
    monkeypatch.setattr(dialog, "confirm_transfer", lambda text: record(asked, text, False))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert asked == ["Susan Hughes is the essential care supporter now; name Tom Jones instead?"]
    assert dialog.isVisible() and dialog.message.message() == "Nothing was saved."
    assert relationship(ws, susan.id).details.essential_care_supporter
    assert not relationship(ws, tom.id).details.essential_care_supporter

    monkeypatch.setattr(dialog, "confirm_transfer", lambda text: record(asked, text, True))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert len(asked) == 2
    assert not relationship(ws, susan.id).details.essential_care_supporter
    assert relationship(ws, tom.id).details.essential_care_supporter


def test_primary_next_of_kin_ticks_next_of_kin_and_asks_when_taken(  # type: ignore[no-untyped-def]
    qtbot, ws, resident_id, people, monkeypatch
) -> None:
    relate(ws, resident_id, people["Susan"], details(relationship="daughter", primary_next_of_kin=True))
    dialog = open_dialog(qtbot, ws, resident_id, key_person_id=people["Tom"])
    type_relationship(qtbot, dialog, "son")
    show_tab(qtbot, dialog, "Legal and marks")
    tick(qtbot, dialog.form.primary_next_of_kin)
    assert dialog.form.next_of_kin.isChecked()
    tick(qtbot, dialog.form.next_of_kin)  # unticking NOK unticks primary
    assert not dialog.form.primary_next_of_kin.isChecked()
    tick(qtbot, dialog.form.primary_next_of_kin)
    asked: list[str] = []
    monkeypatch.setattr(dialog, "confirm_transfer", lambda text: record(asked, text, True))
    assert dialog.save()
    assert asked == [
        "Susan Hughes is the primary next of kin now; name Tom Jones instead? "
        "(Susan Hughes stays a next of kin.)"
    ]
    by_name = {v.key_person_name: v.details for v in relationships_of(ws, resident_id)}
    assert by_name["Tom Jones"].primary_next_of_kin and by_name["Tom Jones"].next_of_kin
    assert not by_name["Susan Hughes"].primary_next_of_kin and by_name["Susan Hughes"].next_of_kin


def test_cancel_with_changes_asks_first(qtbot, ws, resident_id, people, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    view = relate(ws, resident_id, people["Tom"], details())
    dialog = open_dialog(qtbot, ws, resident_id, view)
    answers: list[bool] = [False]
    monkeypatch.setattr("carelink_desktop.ui.unsaved.confirm_discard", lambda parent: answers.pop(0))
    dialog.reject()  # nothing changed: closes without asking
    assert not dialog.isVisible() and answers == [False]

    dialog = open_dialog(qtbot, ws, resident_id, view)
    type_text(qtbot, dialog.form.what_matters, "He rings every evening")
    dialog.reject()
    assert dialog.isVisible() and answers == []
    answers.append(True)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert relationship(ws, view.id).details.what_matters == ""


# -- resources offered -----------------------------------------------------------------------


def test_offer_a_resource_and_change_its_outcome(qtbot, ws, resident_id, people) -> None:  # type: ignore[no-untyped-def]
    add_resource(ws, ResourceDetails("Leeds Carers' Centre", ResourceKind.SUPPORT_GROUP, area="Leeds"))
    add_resource(
        ws, ResourceDetails("Dementia Connect helpline", ResourceKind.INFORMATION, phone="0333 150 3456")
    )
    view = relate(ws, resident_id, people["Susan"], details(relationship="daughter"))
    dialog = open_dialog(qtbot, ws, resident_id, view)
    show_tab(qtbot, dialog, "Resources offered")
    offers = dialog.offers
    assert offers is not None and offers.empty.isVisible()
    assert not offers.change_button.isEnabled()

    qtbot.mouseClick(offers.offer_button, Qt.MouseButton.LeftButton)
    offer = offers.dialog
    assert isinstance(offer, OfferDialog)
    qtbot.waitExposed(offer)
    assert offer.choices.count() == 2
    type_text(qtbot, offer.search, "carers")
    qtbot.waitUntil(lambda: offer.choices.count() == 1)
    click_item(qtbot, offer.choices, "Leeds Carers' Centre")
    assert offer.offered_on.text() == "01/05/2026"
    type_text(qtbot, offer.notes, "Leaflet given")
    qtbot.mouseClick(offer.save_button, Qt.MouseButton.LeftButton)
    [saved] = offers_for(ws, relationship_id=view.id)
    assert (saved.resource_name, saved.details.outcome, saved.details.notes) == (
        "Leeds Carers' Centre",
        OfferOutcome.OFFERED,
        "Leaflet given",
    )
    model = offers.model
    assert [model.data(model.index(0, c)) for c in range(model.columnCount())] == [
        "Leeds Carers' Centre",
        "Support group",
        "01/05/2026",
        "Offered",
        "Leaflet given",
    ]

    qtbot.mouseClick(offers.change_button, Qt.MouseButton.LeftButton)
    change = offers.dialog
    assert change is not None and change is not offer
    activate(qtbot, change)
    assert QApplication.focusWidget() is change.outcome
    pick(qtbot, change.outcome, "Taken up")
    qtbot.mouseClick(change.save_button, Qt.MouseButton.LeftButton)
    [saved] = offers_for(ws, relationship_id=view.id)
    assert saved.details.outcome is OfferOutcome.TAKEN_UP
    assert model.data(model.index(0, 3)) == "Taken up"
    # Offers are their own records: cancelling the relationship dialog keeps them.
    dialog.reject()
    assert len(offers_for(ws, relationship_id=view.id)) == 1


def test_an_offer_needs_a_resource_and_a_real_date(qtbot, ws, resident_id, people) -> None:  # type: ignore[no-untyped-def]
    add_resource(ws, ResourceDetails("Age UK advice line", ResourceKind.INFORMATION))
    view = relate(ws, resident_id, people["Susan"], details(relationship="daughter"))
    dialog = open_dialog(qtbot, ws, resident_id, view)
    assert dialog.offers is not None
    offer = dialog.offers.open_dialog(None)
    qtbot.waitExposed(offer)
    clear_and_type(qtbot, offer.offered_on, "02/05/2026")
    assert not offer.save()
    assert offer.errors.message("resource_id").message() == "Choose a resource from the directory."
    assert offer.errors.message("offered_on").message() == "Offered on cannot be in the future."
    assert offers_for(ws, relationship_id=view.id) == []


def test_remove_an_offer_asks_first(qtbot, ws, resident_id, people, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    resource = add_resource(ws, ResourceDetails("Age UK advice line", ResourceKind.INFORMATION))
    view = relate(ws, resident_id, people["Susan"], details(relationship="daughter"))
    offer_resource(ws, view.id, OfferDetails(resource.id, TODAY))
    dialog = open_dialog(qtbot, ws, resident_id, view)
    show_tab(qtbot, dialog, "Resources offered")
    assert dialog.offers is not None
    answers = [False, True]
    monkeypatch.setattr(dialog.offers, "confirm_remove", lambda text: answers.pop(0))
    qtbot.mouseClick(dialog.offers.remove_button, Qt.MouseButton.LeftButton)
    assert len(offers_for(ws, relationship_id=view.id)) == 1
    qtbot.mouseClick(dialog.offers.remove_button, Qt.MouseButton.LeftButton)
    assert offers_for(ws, relationship_id=view.id) == []
    assert dialog.offers.empty.isVisible()


def test_models_pass_qt_model_checks(qtmodeltester, ws, resident_id, people) -> None:  # type: ignore[no-untyped-def]
    resource = add_resource(ws, ResourceDetails("Age UK advice line", ResourceKind.INFORMATION))
    view = relate(ws, resident_id, people["Susan"], details(relationship="daughter"))
    offer_resource(ws, view.id, OfferDetails(resource.id, TODAY, notes="Two\nlines"))
    offers = OffersModel()
    offers.set_rows(offers_for(ws, relationship_id=view.id))
    assert offers.rowCount() == 1
    qtmodeltester.check(offers)
    qtmodeltester.check(OffersModel())
    history = HistoryModel()
    history.set_rows(history_of(ws, view.id))
    assert history.rowCount() == 1
    qtmodeltester.check(history)
    qtmodeltester.check(HistoryModel())


# -- the keyboard and the screen ---------------------------------------------------------------


def test_every_control_is_named_and_the_form_is_keyboard_ready(qtbot, ws, resident_id, people) -> None:  # type: ignore[no-untyped-def]
    view = relate(ws, resident_id, people["Tom"], details())
    dialog = open_dialog(qtbot, ws, resident_id, view)
    for widget in dialog.form.widgets_in_order():
        assert widget.accessibleName(), widget
    # Tab walks the first page in reading order.
    dialog.form.relationship.setFocus()
    seen = []
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    form = dialog.form
    assert seen == [form.reverse, form.category, form.circle, form.quality, form.started_on]
    # Alt+K opens "Keeping in touch"; Alt+V there ticks Visits.
    qtbot.keyClick(dialog, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert dialog.tabs.currentIndex() == 1
    qtbot.keyClick(dialog, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(form.wishes.ticks[KeepInTouch.VISITS].isChecked)  # a mnemonic clicks after a moment


def _save(qtbot, widget: QWidget, name: str) -> Path:  # type: ignore[no-untyped-def]
    qtbot.wait(50)  # let pending layout requests run, or the picture shows the old layout
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / name
    assert widget.grab().save(str(path))
    return path


def test_screenshots_of_every_page_on_a_small_screen(qtbot, ws, resident_id, people) -> None:  # type: ignore[no-untyped-def]
    resource = add_resource(
        ws, ResourceDetails("Leeds Carers' Centre", ResourceKind.SUPPORT_GROUP, area="Leeds")
    )
    relate(ws, resident_id, people["Susan"], details(relationship="daughter", essential_care_supporter=True))
    view = relate(
        ws,
        resident_id,
        people["Tom"],
        details(
            circle=1,
            next_of_kin=True,
            contact_wishes=(
                ContactWish(KeepInTouch.VISITS, Frequency.WEEKLY, "Sunday afternoons"),
                ContactWish(KeepInTouch.PHONE, Frequency.DAILY),
            ),
            what_matters="Her only son; they talk about the allotment.",
            support_needed="A lift from the station; reminders of visiting times.",
            started_on=date(1968, 5, 1),
        ),
    )
    offer_resource(ws, view.id, OfferDetails(resource.id, TODAY, notes="Leaflet given"))
    from carelink_desktop.services.relationships import update_relationship

    view = update_relationship(
        ws, view.id, replace(view.details, quality=Quality.STRAINED, circle=2), reason="An argument in March"
    )
    dialog = open_dialog(qtbot, ws, resident_id, view)
    dialog.resize(*SMALL_SCREEN)
    pick(qtbot, dialog.form.circle, "3")
    type_text(qtbot, dialog.reason, "Visits are monthly since the move")
    assert dialog.width() <= SMALL_SCREEN[0] and dialog.height() <= SMALL_SCREEN[1]
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        name = dialog.tabs.tabText(index).replace("&", "").lower().replace(" ", "_")
        _save(qtbot, dialog, f"relationship_dialog_{index + 1}_{name}.png")
    assert dialog.offers is not None
    offer = dialog.offers.open_dialog(None)
    activate(qtbot, offer)
    type_text(qtbot, offer.search, "leeds")
    qtbot.waitUntil(lambda: offer.choices.count() == 1)
    click_item(qtbot, offer.choices, "Leeds")
    _save(qtbot, offer, "relationship_offer_dialog.png")
    offer.reject()
    adding = open_dialog(qtbot, ws, resident_id)
    adding.resize(*SMALL_SCREEN)
    adding.save()
    _save(qtbot, adding, "relationship_dialog_0_adding_with_problems.png")

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = app.font()
    try:
        big = app.font()
        big.setPointSizeF(font.pointSizeF() * 1.5)
        app.setFont(big)
        large = open_dialog(qtbot, ws, resident_id, view)
        large.resize(*SMALL_SCREEN)
        large.tabs.setCurrentIndex(1)
        _save(qtbot, large, "relationship_dialog_large_text.png")
        # Text grows with the person's font; the page scrolls rather than squeezing the fields.
        assert large.form.what_matters.height() > dialog.form.what_matters.height()
    finally:
        app.setFont(font)
