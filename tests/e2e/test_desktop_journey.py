"""The issue's journey, through the real widgets of the real application over a real encrypted home:

first run -> manager created -> add resident with consent record -> add key person and link them
-> lock -> log in as a keyworker -> resident found by preferred name -> edit saved -> the audit log
shows each step, done by the right person.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from carelink_desktop.services.access import create_home, unlock
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.ui.first_run import FirstRunWizard
from carelink_desktop.ui.session import Session
from tests.conftest import FAST_KDF

MANAGER, MANAGER_NAME, MANAGER_PW = "amira", "Amira Khan", "Rosewood manager 1"
KEYWORKER, KEYWORKER_NAME, KEYWORKER_TEMP, KEYWORKER_PW = (
    "kay",
    "Kay Williams",
    "temporary pw 9",
    "Kay's own pw 1",
)


def _type(qtbot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    edit.insert(text) if any(ord(c) > 127 for c in text) else qtbot.keyClicks(edit, text)


def test_first_run_to_keyworker_edit_with_audit_trail(qtbot, home, state_dir, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # -- first run: the manager creates the home -------------------------------------------------
    def create(home_name: str, username: str, full_name: str, password: str):  # type: ignore[no-untyped-def]
        return create_home(
            home,
            home_name=home_name,
            manager_username=username,
            manager_full_name=full_name,
            password=password,
            kdf=FAST_KDF,
        )

    wizard = FirstRunWizard(
        create, choose_printer=lambda _p: None, choose_save_path=lambda _p, name: tmp_path / name
    )
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.button(QWizard.WizardButton.NextButton).click()
    _type(qtbot, wizard.home_page.home_name, "Rosewood House")
    wizard.button(QWizard.WizardButton.NextButton).click()
    page = wizard.manager_page
    for edit, text in (
        (page.username, MANAGER),
        (page.full_name, MANAGER_NAME),
        (page.password, MANAGER_PW),
        (page.repeat, MANAGER_PW),
    ):
        _type(qtbot, edit, text)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    wizard.key_page.save_button.click()
    assert (tmp_path / "recovery-key.txt").exists() or list(tmp_path.glob("*.txt"))
    wizard.key_page.confirm.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.choice == "created"

    def authenticate(username: str, password: str):  # type: ignore[no-untyped-def]
        return unlock(home, username, password, state_dir=state_dir, kdf=FAST_KDF)

    session = Session(authenticate, title="CareLink Desktop")
    window = session.start(wizard.workspace)
    assert window is not None and "Amira Khan" in window.who.text()

    # -- the manager adds a resident, with a consent record ---------------------------------------
    residents = window.page("residents")
    residents.add_button.click()
    record = residents.record
    form = record.form
    for name, text in (
        ("legal_given_names", "Margaret Rose"),
        ("legal_family_name", "Jones"),
        ("preferred_name", "Peggy"),
        ("room", "7"),
    ):
        _type(qtbot, form.line(name), text)
    _type(qtbot, form.date_field("date_of_birth"), "07/03/1938")
    _type(qtbot, form.date_field("admission_date"), "08/01/2024")
    assert record.save(), record.message.text()
    peggy_id = record.resident_id
    record.tabs.setCurrentWidget(record.consents)
    dialog = record.consents.open_dialog(None)
    _type(qtbot, dialog.decision_date, "05/01/2024")
    dialog.save_button.click()
    assert record.consents.model.rowCount() == 1

    # -- a key person, linked to her -------------------------------------------------------------
    window.show_area("key_people")
    people = window.page("key_people")
    people.new_person()
    _type(qtbot, people.form.given_names, "Susan")
    _type(qtbot, people.form.family_name, "Jones")
    _type(qtbot, people.form.phone, "07700 900123")
    assert people.save()
    people.links.open_link_dialog()
    link = people.links.dialog
    _type(qtbot, link.search, "peggy")
    qtbot.waitUntil(lambda: link.choices.count() == 1)
    link.choices.setCurrentRow(0)
    link.relationship.setEditText("daughter")
    link.ok_button.click()
    qtbot.waitUntil(lambda: people.links.tree.topLevelItemCount() == 1)

    # -- and a keyworker account ------------------------------------------------------------------
    from carelink_desktop.domain.roles import Role
    from carelink_desktop.services.accounts import add_account

    add_account(
        window.ctx.ws,
        username=KEYWORKER,
        full_name=KEYWORKER_NAME,
        role=Role.KEYWORKER,
        initial_password=KEYWORKER_TEMP,
    )

    # -- lock; the keyworker logs in, chooses a password, finds Peggy and edits her record -----------
    window.lock_action.trigger()
    assert session.window is None and session.login is not None
    session.login.username.setText(KEYWORKER)
    session.login.password.setText(KEYWORKER_TEMP)
    session.login.login_button.click()
    change = session.password_dialog
    change.current.setText(KEYWORKER_TEMP)
    change.new.setText(KEYWORKER_PW)
    change.repeat.setText(KEYWORKER_PW)
    change.ok_button.click()
    window = session.window
    assert window is not None and window.ctx.ws.actor.username == KEYWORKER
    assert [p.area for p in window.pages if p.area in ("accounts", "audit")] == []
    residents = window.page("residents")
    window.show_area("residents")
    qtbot.keyClicks(residents.search, "Peggy")
    qtbot.waitUntil(lambda: residents.model.rowCount() == 1 and residents.model.total() == 1)
    assert residents.model.data(residents.model.index(0, 0)) == "Margaret Rose (Peggy) Jones"
    qtbot.keyClick(residents.search, Qt.Key.Key_Return)
    assert residents.record.resident_id == peggy_id
    _type(qtbot, residents.record.form.line("room"), "Garden 4")
    assert residents.record.save()
    keyworker_ws = window.ctx.ws
    the_map = residents.record.relationship_map
    residents.record.tabs.setCurrentWidget(the_map)
    qtbot.waitUntil(lambda: the_map.people_model.rowCount() == 1)
    assert len(the_map.circle.people_ids()) == 1

    # -- the audit log (read as the manager) shows every step by the right person ------------------
    window.lock_action.trigger()
    session.login.username.setText(MANAGER)
    session.login.password.setText(MANAGER_PW)
    session.login.login_button.click()
    manager_ws = session.window.ctx.ws
    steps = [(e.actor_name, e.action) for e in reversed(audit_entries(manager_ws, limit=None))]
    expected = [
        (MANAGER, "home_created"),
        (MANAGER, "resident_added"),
        (MANAGER, "consent_recorded"),
        (MANAGER, "key_person_added"),
        (MANAGER, "key_person_linked"),
        (MANAGER, "account_added"),
        (KEYWORKER, "login"),
        (KEYWORKER, "password_changed"),
        (KEYWORKER, "resident_viewed"),
        (KEYWORKER, "resident_changed"),
        (MANAGER, "login"),
    ]
    position = 0
    for step in steps:
        if position < len(expected) and step == expected[position]:
            position += 1
    assert position == len(expected), f"missing {expected[position:]} in {steps}"
    changed = audit_entries(manager_ws, action="resident_changed")[0]
    assert changed.resident_id == peggy_id and '"room"' in changed.details
    audit_page = session.window.page("audit")
    session.window.show_area("audit")
    assert audit_page.model.rowCount() >= len(expected)
    assert keyworker_ws.store.closed
    session.window.close_for_lock()
    session.quit()
