"""A second PC joins the organisation through the first-run wizard, from an invitation made in
the Sync area, and the two exchange a file through their Sync areas (pytest-qt, offscreen, real
encrypted homes in two folders)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWizard

from carelink_desktop.paths import HomePaths
from carelink_desktop.services import sync, sync_enrolment
from carelink_desktop.services.maintenance import home_view
from carelink_desktop.services.residents import admit_resident, find_residents
from carelink_desktop.ui.first_run import JOIN, RECOVERY_KEY, FirstRunWizard
from carelink_desktop.ui.sync_dialogs import (
    AddSiteDialog,
    ImportPreviewDialog,
    InvitationCodeDialog,
    NameDialog,
)
from tests.conftest import FAST_KDF, HOME_NAME, MANAGER, MANAGER_PASSWORD, resident
from tests.gui.test_accounts_and_audit import Script, click, ok
from tests.gui.test_first_run import Back, Cancel, Commit, Finish, Next, retype
from tests.gui.test_first_run import click as press
from tests.gui.test_sync_page import (
    SHOTS,
    dump,
    export_through,
    import_through,
    kinds_shown,
    password_step,
    preview_step,
    sync_page,
)

B_PASSWORD = "Another horse 2"


def joiner(paths: HomePaths, calls: list[tuple[str, ...]]):  # type: ignore[no-untyped-def]
    """The join callable as the desktop would make it: join_organisation bound to a folder."""

    def join(invitation: Path, code: str, username: str, full_name: str, password: str):  # type: ignore[no-untyped-def]
        calls.append((str(invitation), code, username, full_name))
        return sync_enrolment.join_organisation(
            paths, invitation, code, username=username, full_name=full_name, password=password, kdf=FAST_KDF
        )

    return join


def unused_create(*_args: str):  # type: ignore[no-untyped-def]
    raise AssertionError("joining never creates a new home")


def test_without_a_join_callable_the_wizard_does_not_offer_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    wizard = FirstRunWizard(unused_create)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.welcome_page.join.isHidden()


def test_a_pc_added_in_the_sync_area_joins_through_the_first_run_wizard(qtbot, manager, tmp_path) -> None:  # type: ignore[no-untyped-def]
    usb = tmp_path / "usb"
    usb.mkdir()
    admit_resident(manager, resident())
    page_a = sync_page(qtbot, manager)

    # PC A: set up sync, add a PC, read its code.
    page_a.run_dialog = script = Script(lambda d: (d.name.setText("Rosewood office"), ok(d))[1])
    page_a.set_up_button.click()
    script.done()
    assert isinstance(script.shown[0], NameDialog)

    def add(dialog: QDialog) -> int:
        assert isinstance(dialog, AddSiteDialog)
        dialog.name.setText("Downstairs")
        return click("Choose where to save the invitation…")(dialog)

    codes: list[str] = []

    def read_code(dialog: QDialog) -> int:
        assert isinstance(dialog, InvitationCodeDialog)
        codes.append(dialog.code.text())
        return click("Close")(dialog)

    page_a.get_save_file_name = lambda *_a: (str(usb / "downstairs.clinvite"), "")
    page_a.run_dialog = script = Script(add, read_code)
    page_a.add_button.click()
    script.done()
    invitation = usb / "downstairs.clinvite"
    assert invitation.is_file() and codes

    # PC B: the first-run wizard, from the invitation.
    b_paths = HomePaths(tmp_path / "pc-b")
    calls: list[tuple[str, ...]] = []
    wizard = FirstRunWizard(
        unused_create, join=joiner(b_paths, calls), choose_invitation=lambda _parent: invitation
    )
    wizard.confirm_leave_without_key = lambda: True  # type: ignore[method-assign]
    qtbot.addWidget(wizard)
    wizard.show()
    welcome = wizard.welcome_page
    assert welcome.join.isVisibleTo(wizard)
    welcome.join.setChecked(True)
    press(qtbot, wizard, Next)
    assert wizard.currentId() == JOIN
    page = wizard.join_page
    assert not wizard.button(Commit).isEnabled()
    qtbot.mouseClick(page.browse_button, Qt.MouseButton.LeftButton)
    assert page.invitation.text() == str(invitation)
    retype(qtbot, page.code, "AAAAA")
    assert page.shown_problem(page.code).startswith("The code has 20 letters and digits")
    wrong = "ABCDE-FGHJK-LMNPQ-RSTUV"
    retype(qtbot, page.code, wrong)
    retype(qtbot, page.username, MANAGER)
    retype(qtbot, page.password, B_PASSWORD)
    retype(qtbot, page.repeat, B_PASSWORD)
    assert not page.problems()

    # A wrong code: said on the page, nothing made.
    press(qtbot, wizard, Commit)
    assert wizard.currentId() == JOIN and wizard.workspace is None
    assert "The code does not open this invitation file" in page.status.text()
    assert not b_paths.exists() and not b_paths.database.exists()

    # The right code, typed in lower case without dashes, works.
    retype(qtbot, page.code, codes[0].replace("-", "").lower())
    press(qtbot, wizard, Commit)
    assert wizard.currentId() == RECOVERY_KEY
    assert calls[-1] == (str(invitation), codes[0].replace("-", "").lower(), MANAGER, "")
    b = wizard.workspace
    try:
        assert wizard.choice == "joined" and b.actor.username == MANAGER and b.actor.full_name == "Amira Khan"
        assert home_view(b).name == HOME_NAME and wizard.home_name() == HOME_NAME
        key = wizard.key_page.key.text()
        assert key and page.password.text() == "" and page.repeat.text() == ""
        assert not wizard.button(Cancel).isVisible()
        assert not wizard.button(Back).isVisible() or not wizard.button(Back).isEnabled()
        qtbot.mouseClick(wizard.key_page.confirm, Qt.MouseButton.LeftButton)
        press(qtbot, wizard, Finish)
        assert wizard.result() == QWizard.DialogCode.Accepted
        assert [r.display_name for r in find_residents(b)] == ["Margaret Jones"]
        assert dump(manager) == dump(b)

        # A → B through the two Sync areas.
        page_b = sync_page(qtbot, b)
        assert page_b.this_pc.text() == "This PC: Downstairs"
        admit_resident(manager, resident("Harold", "Smith"))
        out = usb / "a.clsync"
        suggested = export_through(page_a, out, password_step(MANAGER_PASSWORD))
        assert Path(suggested[0]).name == f"Rosewood-office-to-Downstairs-{date.today().isoformat()}.clsync"
        seen: list[ImportPreviewDialog] = []
        import_through(page_b, out, preview_step(seen))
        assert kinds_shown(seen[0]) == {"Residents": ["1", "0", "0", "0"]}
        assert sorted(r.display_name for r in find_residents(b)) == ["Harold Smith", "Margaret Jones"]
        assert sync.sync_status(b).partners[0].last_import_at is not None
        again: list[ImportPreviewDialog] = []
        import_through(page_b, out, preview_step(again, "Cancel"))
        assert again[0].summary.text().endswith("importing it again changes nothing.")
    finally:
        b.close()


def test_join_page_screenshot(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    invitation = tmp_path / "Invitation-Downstairs.clinvite"
    invitation.write_bytes(b"age")
    wizard = FirstRunWizard(unused_create, join=joiner(HomePaths(tmp_path / "b"), []))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.welcome_page.join.setChecked(True)
    qtbot.wait(10)
    SHOTS.mkdir(exist_ok=True)
    assert wizard.grab().save(str(SHOTS / "sync_join_1_welcome.png"))
    press(qtbot, wizard, Next)
    page = wizard.join_page
    page.invitation.setText(str(invitation))
    retype(qtbot, page.code, "ctc4p7dagl")
    retype(qtbot, page.username, MANAGER)
    retype(qtbot, page.password, B_PASSWORD)
    page.status.setText(
        "The code does not open this invitation file: check the code (or the file is damaged)."
    )
    QApplication.processEvents()
    assert wizard.grab().save(str(SHOTS / "sync_join_2_invitation.png"))
