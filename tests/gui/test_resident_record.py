"""The resident record screen, driven as a person would with pytest-qt (offscreen), over real
encrypted homes: the profile form, checks as typed, refused saves that write nothing, drafts,
consent records and archiving."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from carelink_desktop.domain.consent import (
    Capacity,
    ConsentDecision,
    ConsentDetails,
    ConsentTopic,
    DecidedBy,
)
from carelink_desktop.domain.residents import CommunicationMethod, ResidentDetails
from carelink_desktop.domain.roles import Role
from carelink_desktop.services import accounts
from carelink_desktop.services.access import unlock
from carelink_desktop.services.consent import consents_for, record_consent
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.services.residents import (
    ResidentFilter,
    admit_resident,
    archive_resident,
    count_residents,
    find_residents,
    view_resident,
)
from carelink_desktop.ui.consent_dialog import ConsentDialog
from carelink_desktop.ui.consent_model import ConsentModel
from carelink_desktop.ui.events import ChangeSignals
from carelink_desktop.ui.pages import Navigator, ShellContext
from carelink_desktop.ui.resident_record import ResidentRecordView
from carelink_desktop.ui.widgets import DateField
from tests.conftest import FAST_KDF, HOME_NAME, resident

TODAY = date(2026, 5, 1)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
KEYWORKER_PASSWORD = "keyworker pw 1"


def context(ws) -> ShellContext:  # type: ignore[no-untyped-def]
    ws.set_today_for_tests(TODAY)
    return ShellContext(ws=ws, changes=ChangeSignals(ws.events), navigator=Navigator(), home_name=HOME_NAME)


@pytest.fixture
def bea(manager):  # type: ignore[no-untyped-def]
    """A keyworker account (to be a resident's keyworker, or to log in as)."""
    return accounts.add_account(
        manager,
        username="bea",
        full_name="Bea Okafor",
        role=Role.KEYWORKER,
        initial_password=KEYWORKER_PASSWORD,
    )


@pytest.fixture
def make_view(qtbot):  # type: ignore[no-untyped-def]
    made: list[ShellContext] = []

    def make(ws) -> ResidentRecordView:  # type: ignore[no-untyped-def]
        ctx = context(ws)
        made.append(ctx)
        view = ResidentRecordView(ctx)
        qtbot.addWidget(view)
        view.resize(1366, 768)
        view.show()
        qtbot.waitExposed(view)
        return view

    yield make
    for ctx in made:
        ctx.changes.detach()


@pytest.fixture
def view(make_view, manager) -> ResidentRecordView:  # type: ignore[no-untyped-def]
    made: ResidentRecordView = make_view(manager)
    return made


@pytest.fixture
def peggy(manager):  # type: ignore[no-untyped-def]
    return admit_resident(
        manager,
        resident(
            "Margaret",
            "Jones",
            preferred_name="Peggy",
            room="7",
            date_of_birth=date(1938, 3, 7),
            nhs_number="9434765919",
        ),
    )


def field(view: ResidentRecordView, name: str) -> QWidget:
    return view.form.fields[name]


def type_in(qtbot, view: ResidentRecordView, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Clear a field and type ``text`` into it key by key."""
    widget = field(view, name)
    assert isinstance(widget, QLineEdit | QPlainTextEdit)
    widget.clear()
    for ch in text:
        if ch == "\n":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        elif ch.isascii():
            qtbot.keyClick(widget, ch)
        else:  # QTest only knows ASCII keys: send what a keyboard layout would, the character
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def tick(qtbot, view: ResidentRecordView, method: CommunicationMethod) -> None:  # type: ignore[no-untyped-def]
    """Tick a communication method with the keyboard: arrow to it, press Space."""
    methods = view.form.methods
    row = next(i for i in range(methods.count()) if methods.item(i).data(Qt.ItemDataRole.UserRole) == method)
    methods.setCurrentRow(row)
    qtbot.keyClick(methods, Qt.Key.Key_Space)
    assert methods.item(row).checkState() == Qt.CheckState.Checked


def shown(view: ResidentRecordView, name: str) -> str:
    """The message under a field ("" when none is showing)."""
    return view.form.errors.message(name).message()


def fill_valid(qtbot, view: ResidentRecordView) -> None:  # type: ignore[no-untyped-def]
    type_in(qtbot, view, "legal_given_names", "Margaret Rose")
    type_in(qtbot, view, "legal_family_name", "Jones")
    type_in(qtbot, view, "preferred_name", "Peggy")
    type_in(qtbot, view, "date_of_birth", "07/03/1938")
    type_in(qtbot, view, "nhs_number", "943 476 5919")
    type_in(qtbot, view, "room", "7")
    type_in(qtbot, view, "admission_date", "8/1/2024")


def save(qtbot, view: ResidentRecordView) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)


def written(ws) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """(residents of every status, audit entries): what a refused save must leave unchanged."""
    residents = sum(count_residents(ws, status=s) for s in (ResidentFilter.ALL, ResidentFilter.ARCHIVED))
    return residents, len(audit_entries(ws, limit=100_000))


# -- new resident --------------------------------------------------------------------------------


def test_new_resident_typed_in_and_saved_with_every_field(qtbot, manager, bea, make_view) -> None:  # type: ignore[no-untyped-def]
    view = make_view(manager)
    assert view.header.text() == "New resident"
    assert not view.tabs.isTabEnabled(1), "consent waits until the profile is saved"
    fill_valid(qtbot, view)
    type_in(qtbot, view, "first_language", "Welsh")
    type_in(qtbot, view, "communication_needs", "Hard of hearing on the left.\nSpeak slowly.")
    tick(qtbot, view, CommunicationMethod.SPOKEN)
    tick(qtbot, view, CommunicationMethod.LARGE_PRINT)
    qtbot.keyClick(field(view, "needs_interpreter"), Qt.Key.Key_Space)
    type_in(qtbot, view, "interpreter_language", "Welsh")
    type_in(qtbot, view, "culture_and_background", "Grew up on a farm near Bala")
    type_in(qtbot, view, "faith_and_spirituality", "Chapel on Sundays")
    qtbot.keyClick(field(view, "needs_advocate"), Qt.Key.Key_Space)
    type_in(qtbot, view, "advocate_details", "Cymru Advocacy, 01234 567890")
    keyworker = field(view, "keyworker_id")
    assert isinstance(keyworker, QComboBox)
    assert keyworker.currentText() == "No keyworker"
    keyworker.setCurrentIndex(keyworker.findText("Bea Okafor (Keyworker)"))
    type_in(qtbot, view, "notes", "Likes the window open")
    assert view.has_unsaved_changes()
    assert view.form.errors.shown() == {}

    with qtbot.waitSignal(view.saved) as saved:
        save(qtbot, view)

    found = find_residents(manager, "Jones")
    assert [r.display_name for r in found] == ["Margaret Rose (Peggy) Jones"]
    assert saved.args == [found[0].id]
    assert view_resident(manager, found[0].id).details == ResidentDetails(
        legal_given_names="Margaret Rose",
        legal_family_name="Jones",
        preferred_name="Peggy",
        date_of_birth=date(1938, 3, 7),
        room="7",
        admission_date=date(2024, 1, 8),
        discharge_date=None,
        nhs_number="9434765919",
        first_language="Welsh",
        communication_needs="Hard of hearing on the left.\nSpeak slowly.",
        communication_methods=(CommunicationMethod.SPOKEN, CommunicationMethod.LARGE_PRINT),
        culture_and_background="Grew up on a farm near Bala",
        faith_and_spirituality="Chapel on Sundays",
        needs_advocate=True,
        advocate_details="Cymru Advocacy, 01234 567890",
        needs_interpreter=True,
        interpreter_language="Welsh",
        keyworker_id=bea.id,
        notes="Likes the window open",
    )
    assert view.resident_id == found[0].id
    assert not view.has_unsaved_changes()
    assert view.header.text() == "Margaret Rose (Peggy) Jones · Room 7 · 88 years"
    assert view.tabs.isTabEnabled(1)
    assert field(view, "admission_date").text() == "08/01/2024"  # type: ignore[attr-defined]


def test_dates_and_nhs_numbers_are_checked_as_they_are_typed(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(field(view, "date_of_birth"), "31/02/19")
    assert shown(view, "date_of_birth") == "", "nothing is said while the date is half typed"
    qtbot.keyClicks(field(view, "date_of_birth"), "50")
    assert shown(view, "date_of_birth") == "'31/02/1950' is not a real date."
    assert field(view, "date_of_birth").accessibleDescription() == "'31/02/1950' is not a real date."
    assert view.form.errors.message("date_of_birth").isVisible()
    qtbot.keyClick(field(view, "date_of_birth"), Qt.Key.Key_Backspace)
    assert (
        shown(view, "date_of_birth") == "'31/02/195' is not a date: type it as dd/mm/yyyy, e.g. 07/03/1941."
    )
    type_in(qtbot, view, "date_of_birth", "28/02/1950")
    assert shown(view, "date_of_birth") == "", "a fixed problem goes at once"

    type_in(qtbot, view, "date_of_birth", "01/01/2030")
    assert shown(view, "date_of_birth") == "Date of birth cannot be in the future."
    qtbot.keyClicks(field(view, "nhs_number"), "943 476")
    assert shown(view, "nhs_number") == ""
    qtbot.keyClicks(field(view, "nhs_number"), " 5910")
    assert "check digit does not match" in shown(view, "nhs_number")
    qtbot.keyClicks(field(view, "admission_date"), "1/1/2020")
    qtbot.keyClicks(field(view, "discharge_date"), "1/1/2019")
    assert shown(view, "discharge_date") == "Discharge date cannot be before the admission date."


def test_a_date_field_on_its_own(qtbot) -> None:  # type: ignore[no-untyped-def]
    edit = DateField()
    qtbot.addWidget(edit)
    seen: list[str] = []
    edit.problem_changed.connect(seen.append)
    assert edit.date() is None and edit.problem() is None
    qtbot.keyClicks(edit, "7.3.1941")
    assert edit.date() == date(1941, 3, 7) and edit.problem() is None
    edit.editingFinished.emit()
    assert edit.text() == "07/03/1941", "tidied to dd/mm/yyyy on leaving the field"
    edit.clear()
    qtbot.keyClicks(edit, "7 March")
    assert edit.problem() == "'7 March' is not a date: type it as dd/mm/yyyy, e.g. 07/03/1941."
    assert seen[-1] == edit.problem(), "letters can never make a date: said at once"
    with pytest.raises(ValueError, match="not a date"):
        edit.date()
    edit.set_date(date(2024, 1, 8))
    assert (edit.text(), seen[-1]) == ("08/01/2024", "")


@pytest.mark.parametrize("existing", [False, True], ids=["new", "existing"])
@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("date_of_birth", "31/02/1950", "'31/02/1950' is not a real date."),
        (
            "nhs_number",
            "943 476 5910",
            "This NHS number's check digit does not match: please check it was typed correctly.",
        ),
        ("legal_family_name", "", "Legal surname is required."),
    ],
    ids=["impossible-date", "nhs-check-digit", "no-surname"],
)
def test_a_refused_save_says_why_at_the_field_and_writes_nothing(  # type: ignore[no-untyped-def]
    qtbot, view, manager, peggy, existing, name, text, message
) -> None:
    if existing:
        view.load(peggy.id)
    fill_valid(qtbot, view)
    type_in(qtbot, view, name, text)
    before = written(manager)
    with qtbot.assertNotEmitted(view.saved):
        save(qtbot, view)
    assert written(manager) == before, "nothing was written, not even an audit entry"
    assert view.form.errors.shown() == {name: message}
    assert view.form.errors.message(name).isVisible()
    assert view.form.errors.first_with_message() is field(view, name)
    assert view.message.message() == "Nothing was saved: 1 field needs correcting (marked ⚠)."
    assert view.has_unsaved_changes()
    assert view_resident(manager, peggy.id).details == peggy.details


def test_the_services_own_refusal_shows_at_its_field(qtbot, view, manager, bea, peggy) -> None:  # type: ignore[no-untyped-def]
    """A keyworker switched off after the form was opened: only the service can know."""
    view.load(peggy.id)
    keyworker = field(view, "keyworker_id")
    assert isinstance(keyworker, QComboBox)
    keyworker.setCurrentIndex(keyworker.findData(bea.id))
    accounts.deactivate_account(manager, bea.id)
    assert keyworker.currentText() == "Bea Okafor (no longer active)", "the choice is kept, and marked"
    before = written(manager)
    save(qtbot, view)
    assert written(manager) == before
    assert view.form.errors.shown() == {
        "keyworker_id": "The keyworker chosen is not an active member of staff."
    }
    keyworker.setCurrentIndex(keyworker.findText("No keyworker"))
    assert view.form.errors.shown() == {}, "changing the field clears the refusal"


# -- existing resident ---------------------------------------------------------------------------


def test_opening_a_record_is_audited_and_edits_list_the_changed_fields(qtbot, view, manager, peggy) -> None:  # type: ignore[no-untyped-def]
    view.load(peggy.id)
    assert audit_entries(manager, resident_id=peggy.id)[0].action == "resident_viewed"
    assert view.header.text() == "Margaret (Peggy) Jones · Room 7 · 88 years"
    assert field(view, "nhs_number").text() == "943 476 5919"  # type: ignore[attr-defined]
    assert not view.has_unsaved_changes()
    type_in(qtbot, view, "room", "9")
    type_in(qtbot, view, "first_language", "English")
    with qtbot.waitSignal(view.saved):
        save(qtbot, view)
    entry = audit_entries(manager, action="resident_changed")[0]
    assert entry.resident_id == peggy.id
    assert json.loads(entry.details) == {"fields": ["room", "first_language"]}
    assert view.header.text() == "Margaret (Peggy) Jones · Room 9 · 88 years"
    assert view.saved_note.text() == "Saved."
    assert not view.has_unsaved_changes()


def test_draft_round_trip_puts_typed_text_back_in_a_fresh_view(qtbot, make_view, manager, peggy) -> None:  # type: ignore[no-untyped-def]
    first = make_view(manager)
    first.load(peggy.id)
    type_in(qtbot, first, "room", "12B")
    type_in(qtbot, first, "admission_date", "31/02/20")  # half typed and wrong: kept as typed
    type_in(qtbot, first, "notes", "Daughter visits on Tuesdays")
    tick(qtbot, first, CommunicationMethod.BSL)
    draft = first.draft()
    assert draft is not None and draft["resident_id"] == peggy.id
    draft = json.loads(json.dumps(draft))

    second = make_view(manager)
    assert second.draft() is None
    second.restore_draft(draft)
    assert second.resident_id == peggy.id
    assert second.form.state() == first.form.state()
    assert field(second, "admission_date").text() == "31/02/20"  # type: ignore[attr-defined]
    assert field(second, "notes").toPlainText() == "Daughter visits on Tuesdays"  # type: ignore[attr-defined]
    assert second.has_unsaved_changes()
    second.discard_changes()
    assert not second.has_unsaved_changes()
    assert field(second, "room").text() == "7"  # type: ignore[attr-defined]
    assert view_resident(manager, peggy.id).details.room == "7", "a draft is never saved by itself"


def test_a_new_residents_draft_comes_back_as_a_new_form(qtbot, make_view, manager) -> None:  # type: ignore[no-untyped-def]
    first = make_view(manager)
    type_in(qtbot, first, "legal_given_names", "Łukasz")
    draft = json.loads(json.dumps(first.draft()))
    second = make_view(manager)
    second.restore_draft(draft)
    assert second.resident_id is None
    assert field(second, "legal_given_names").text() == "Łukasz"  # type: ignore[attr-defined]


def test_back_asks_before_losing_changes(qtbot, view, peggy, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    answers: list[bool] = []
    monkeypatch.setattr("carelink_desktop.ui.unsaved.confirm_discard", lambda _parent: answers.pop(0))
    view.load(peggy.id)
    with qtbot.waitSignal(view.closed):
        qtbot.keyClick(field(view, "room"), Qt.Key.Key_Escape)  # nothing changed: no question
    type_in(qtbot, view, "room", "8")
    answers.append(False)
    with qtbot.assertNotEmitted(view.closed):
        qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)
    assert field(view, "room").text() == "8"  # type: ignore[attr-defined]
    answers.append(True)
    with qtbot.waitSignal(view.closed):
        qtbot.keyClick(field(view, "room"), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert field(view, "room").text() == "7" and not view.has_unsaved_changes()  # type: ignore[attr-defined]


def test_ctrl_s_saves(qtbot, view, manager, peggy) -> None:  # type: ignore[no-untyped-def]
    view.load(peggy.id)
    type_in(qtbot, view, "room", "3")
    with qtbot.waitSignal(view.saved):
        qtbot.keyClick(field(view, "room"), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert view_resident(manager, peggy.id).details.room == "3"


# -- archiving and roles -------------------------------------------------------------------------


def test_a_manager_archives_with_a_reason_and_the_record_becomes_read_only(  # type: ignore[no-untyped-def]
    qtbot, view, manager, peggy, monkeypatch
) -> None:
    view.load(peggy.id)
    assert view.archive_button.isVisible()
    monkeypatch.setattr(view, "ask_archive_reason", lambda: "Moved to a nursing home")
    qtbot.mouseClick(view.archive_button, Qt.MouseButton.LeftButton)
    assert audit_entries(manager, resident_id=peggy.id)[0].action == "resident_archived"
    assert view.banner.isVisible()
    assert "archived (Moved to a nursing home)" in view.banner.text()
    assert field(view, "room").isReadOnly()  # type: ignore[attr-defined]
    assert not field(view, "needs_advocate").isEnabled()
    assert not view.save_button.isVisible() and not view.archive_button.isVisible()
    assert view.restore_button.isVisible()
    assert not view.consents.add_button.isVisible()
    type_in(qtbot, view, "room", "99")  # read-only: typing does nothing
    assert not view.has_unsaved_changes() and view.draft() is None
    assert view.save() is False

    view.load(peggy.id)  # reopening an archived record: still read-only, with the banner
    assert view.banner.isVisible() and field(view, "room").isReadOnly()  # type: ignore[attr-defined]


def test_keyworkers_edit_but_cannot_archive(  # type: ignore[no-untyped-def]
    qtbot, make_view, manager, bea, peggy, created_home, state_dir
) -> None:
    kw = unlock(created_home[0], "bea", KEYWORKER_PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    try:
        view = make_view(kw)
        view.load(peggy.id)
        assert view.archive_button.isHidden() and view.restore_button.isHidden()
        assert not view.banner.isVisible()
        type_in(qtbot, view, "room", "4")
        with qtbot.waitSignal(view.saved):
            save(qtbot, view)
        assert view_resident(manager, peggy.id).details.room == "4"
    finally:
        kw.close()


def test_an_archive_needs_a_reason(qtbot, view, manager, peggy, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    view.load(peggy.id)
    monkeypatch.setattr(view, "ask_archive_reason", lambda: "   ")
    qtbot.mouseClick(view.archive_button, Qt.MouseButton.LeftButton)
    assert view.message.message() == "Say why the record is being archived."
    assert not view_resident(manager, peggy.id).archived


# -- consent -------------------------------------------------------------------------------------


def choose(combo: QComboBox, value: object) -> None:
    index = combo.findData(getattr(value, "value", value))
    assert index >= 0
    combo.setCurrentIndex(index)


def test_consent_added_through_the_dialog_is_listed(qtbot, view, manager, peggy) -> None:  # type: ignore[no-untyped-def]
    view.load(peggy.id)
    view.tabs.setCurrentIndex(1)
    assert view.consents.empty.isVisible()
    qtbot.mouseClick(view.consents.add_button, Qt.MouseButton.LeftButton)
    dialog = view.consents.dialog
    assert isinstance(dialog, ConsentDialog) and dialog.isVisible()
    assert dialog.decision_date.text() == "01/05/2026", "today, to start with"
    assert dialog.capacity.currentText() == "Not assessed"
    choose(dialog.topic, ConsentTopic.SHARING_WITH_FAMILY)
    choose(dialog.decided_by, DecidedBy.ATTORNEY_HEALTH_WELFARE)
    choose(dialog.capacity, Capacity.LACKS_CAPACITY)
    before = written(manager)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert written(manager) == before and dialog.isVisible()
    assert dialog.errors.shown() == {
        "decided_by_name": "Say who made the decision on the resident's behalf.",
        "capacity_notes": "Record how the capacity assessment was made.",
    }
    qtbot.keyClicks(dialog.decided_by_name, "Susan Jones (daughter)")
    qtbot.keyClicks(dialog.capacity_notes, "Two-stage test, 12/04/2026, by the manager")
    qtbot.keyClicks(dialog.review_date, "01/05/2027")
    assert dialog.errors.shown() == {}
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    [saved] = consents_for(manager, peggy.id)
    assert saved.details.decided_by_name == "Susan Jones (daughter)"
    assert saved.details.review_date == date(2027, 5, 1)
    model = view.consents.model
    assert model.rowCount() == 1
    assert [model.data(model.index(0, c)) for c in range(model.columnCount())] == [
        "Sharing information with family and key people",
        "Consent given",
        "Attorney (health and welfare): Susan Jones (daughter)",
        "01/05/2026",
        "01/05/2027",
        "Amira Khan",
    ]
    assert view.tabs.tabText(1) == "&Consent (1)"
    assert not view.consents.empty.isVisible()


def test_consent_edited_and_deleted(qtbot, view, manager, peggy, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    record_consent(
        manager,
        peggy.id,
        ConsentDetails(ConsentTopic.PHOTOGRAPHS, ConsentDecision.GIVEN, DecidedBy.RESIDENT, TODAY),
    )
    view.load(peggy.id)
    view.tabs.setCurrentIndex(1)
    qtbot.keyClick(view.consents.table, Qt.Key.Key_Return)  # Enter on a row edits it
    dialog = view.consents.dialog
    assert dialog is not None and dialog.consent is not None
    choose(dialog.decision, ConsentDecision.WITHDRAWN)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert consents_for(manager, peggy.id)[0].details.decision is ConsentDecision.WITHDRAWN
    assert view.consents.model.data(view.consents.model.index(0, 1)) == "Consent withdrawn"
    assert audit_entries(manager, resident_id=peggy.id)[0].action == "consent_changed"

    monkeypatch.setattr(view.consents, "confirm_delete", lambda _c: False)
    qtbot.mouseClick(view.consents.delete_button, Qt.MouseButton.LeftButton)
    assert len(consents_for(manager, peggy.id)) == 1
    monkeypatch.setattr(view.consents, "confirm_delete", lambda _c: True)
    qtbot.mouseClick(view.consents.delete_button, Qt.MouseButton.LeftButton)
    assert consents_for(manager, peggy.id) == []
    assert view.consents.model.rowCount() == 0 and view.tabs.tabText(1) == "&Consent"


def test_consent_model_passes_qt_model_checks(qtmodeltester, manager, peggy) -> None:  # type: ignore[no-untyped-def]
    for details in (
        ConsentDetails(
            ConsentTopic.KEEPING_RECORDS, ConsentDecision.GIVEN, DecidedBy.RESIDENT, date(2025, 1, 2)
        ),
        ConsentDetails(
            ConsentTopic.OTHER,
            ConsentDecision.BEST_INTERESTS,
            DecidedBy.BEST_INTERESTS_MEETING,
            date(2025, 6, 3),
            details="Going on the coach trip to Llandudno with the activities team in the summer of 2025",
            decided_by_name="Meeting with GP, daughter and keyworker",
            best_interests_notes="She always loved the seaside.",
        ),
    ):
        record_consent(manager, peggy.id, details)
    model = ConsentModel()
    model.set_rows(consents_for(manager, peggy.id))
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.data(model.index(0, 0)) == "Going on the coach trip to Llandudno with the activities…"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole).endswith("summer of 2025")
    assert model.data(model.index(1, 0), Qt.ItemDataRole.UserRole) == consents_for(manager, peggy.id)[1].id
    model.set_rows([])
    qtmodeltester.check(model)


# -- accessibility and looks ---------------------------------------------------------------------


def test_every_input_is_labelled_and_tab_order_follows_the_form(qtbot, view, peggy) -> None:  # type: ignore[no-untyped-def]
    view.load(peggy.id)
    inputs = (QLineEdit, QPlainTextEdit, QComboBox, QCheckBox, QListWidget, QTableView)
    for widget in view.findChildren(QWidget):
        if (
            isinstance(widget, inputs)
            and widget.parent() is not None
            and not isinstance(widget.parent(), QComboBox)
        ):
            assert widget.accessibleName(), f"{widget!r} has no accessible name"
    buddies = {label.buddy() for label in view.findChildren(QLabel) if label.buddy() is not None}
    for name, widget in view.form.fields.items():
        assert widget in buddies or isinstance(widget, QCheckBox), f"{name} has no label"

    order, widget = [], view.back_button
    for _ in range(200):
        widget = widget.nextInFocusChain()
        if widget in view.form.fields.values() or widget in (view.save_button, view.tabs):
            order.append(widget)
        if widget is view.back_button:
            break
    expected = [view.tabs, *view.form.fields.values(), view.save_button]
    assert order == expected

    view.tabs.setCurrentIndex(1)
    qtbot.mouseClick(view.consents.add_button, Qt.MouseButton.LeftButton)
    dialog = view.consents.dialog
    assert dialog is not None
    for widget in dialog.fields.values():
        assert widget.accessibleName(), f"{widget!r} in the consent form has no accessible name"
    dialog.done(0)


def test_screenshots_at_1366_by_768(qtbot, make_view, manager, bea, peggy) -> None:  # type: ignore[no-untyped-def]
    """PNGs of the screens at a common care-home laptop size, to look at (screenshots/ is git-ignored)."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def snap(widget: QWidget, name: str) -> None:
        qtbot.wait(20)  # let pending layout requests run, as the event loop would
        widget.grab().save(str(SCREENSHOTS / f"{name}.png"))

    record_consent(
        manager,
        peggy.id,
        ConsentDetails(
            ConsentTopic.KEEPING_RECORDS, ConsentDecision.GIVEN, DecidedBy.RESIDENT, date(2024, 1, 9)
        ),
    )
    record_consent(
        manager,
        peggy.id,
        ConsentDetails(
            ConsentTopic.PHOTOGRAPHS,
            ConsentDecision.BEST_INTERESTS,
            DecidedBy.BEST_INTERESTS_MEETING,
            date(2025, 2, 14),
            decided_by_name="GP, daughter and keyworker",
            capacity=Capacity.LACKS_CAPACITY,
            capacity_notes="Assessed by the manager",
            best_interests_notes="Photographs of activities help her remember them.",
            review_date=date(2026, 2, 14),
        ),
    )
    view = make_view(manager)
    view.load(peggy.id)
    snap(view, "resident_profile")
    view.tabs.setCurrentIndex(1)
    snap(view, "resident_consent")

    fresh = make_view(manager)
    type_in(qtbot, fresh, "legal_given_names", "Siân")
    type_in(qtbot, fresh, "date_of_birth", "31/02/1950")
    type_in(qtbot, fresh, "nhs_number", "943 476 5910")
    save(qtbot, fresh)
    snap(fresh, "resident_new_refused")
    fresh.profile_scroll.verticalScrollBar().setValue(fresh.profile_scroll.verticalScrollBar().maximum())
    snap(fresh, "resident_new_refused_bottom")

    view.tabs.setCurrentIndex(1)
    qtbot.mouseClick(view.consents.add_button, Qt.MouseButton.LeftButton)
    dialog = view.consents.dialog
    assert dialog is not None
    choose(dialog.decided_by, DecidedBy.COURT_DEPUTY)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    snap(dialog, "consent_dialog")
    dialog.done(0)
    view.tabs.setCurrentIndex(0)
    archive_resident(manager, peggy.id, "Moved to a nursing home nearer her daughter")
    view.load(peggy.id)
    snap(view, "resident_archived")

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    normal = app.font()
    large = app.font()
    large.setPointSizeF(normal.pointSizeF() * 1.5)
    app.setFont(large)
    try:
        big = make_view(manager)
        big.load(peggy.id)
        snap(big, "resident_profile_large_text")
    finally:
        app.setFont(normal)
    for name in ("resident_profile", "resident_consent", "resident_new_refused", "consent_dialog"):
        assert (SCREENSHOTS / f"{name}.png").stat().st_size > 10_000
