"""Managers export everything held about a person from the desktop, after confirming who they are."""

from __future__ import annotations

import json
import stat

from carelink_desktop.domain.key_people import KeyPersonDetails
from carelink_desktop.domain.roles import Role
from carelink_desktop.services import accounts
from carelink_desktop.services.access import unlock
from carelink_desktop.services.key_people import add_key_person
from carelink_desktop.services.links import link_key_person
from carelink_desktop.services.maintenance import audit_entries
from carelink_desktop.services.residents import admit_resident
from carelink_desktop.ui.events import ChangeSignals
from carelink_desktop.ui.key_people_page import KeyPeoplePage
from carelink_desktop.ui.pages import Navigator, ShellContext
from carelink_desktop.ui.subject_access_dialog import SubjectAccessDialog
from tests.conftest import FAST_KDF, MANAGER_PASSWORD, resident


def test_export_asks_for_the_password_then_writes_private_files(qtbot, manager, tmp_path) -> None:  # type: ignore[no-untyped-def]
    peggy = admit_resident(manager, resident("Margaret", "Jones", preferred_name="Peggy"))
    sue = add_key_person(manager, KeyPersonDetails("Susan", "Jones", phone="07700 900123"))
    link_key_person(manager, peggy.id, sue.id, "daughter")
    out = tmp_path / "out"
    out.mkdir()
    dialog = SubjectAccessDialog(manager, name=peggy.display_name, resident_id=peggy.id)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(out))
    assert not dialog.export()
    assert "Type your password" in dialog.message.text()
    dialog.password.setText("wrong password")
    assert not dialog.export()
    assert "not right" in dialog.message.text() and list(out.iterdir()) == []
    dialog.password.setText(MANAGER_PASSWORD)
    assert dialog.export()
    pdf, data = dialog.written
    assert {pdf.suffix, data.suffix} == {".pdf", ".json"}
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in (pdf, data))
    exported = json.loads(data.read_text(encoding="utf-8"))
    assert exported["subject"]["id"] == peggy.id
    assert "07700 900123" not in data.read_text(encoding="utf-8"), "a third party's phone was withheld"
    assert audit_entries(manager, action="report_exported")[0].resident_id == peggy.id
    assert audit_entries(manager, action="password_check_failed")


def test_only_managers_see_the_export(qtbot, manager, home, state_dir) -> None:  # type: ignore[no-untyped-def]
    sue = add_key_person(manager, KeyPersonDetails("Susan", "Jones"))
    accounts.add_account(
        manager, username="kw", full_name="Kay W", role=Role.KEYWORKER, initial_password="temporary pw 1"
    )
    kw = unlock(home, "kw", "temporary pw 1", state_dir=state_dir, kdf=FAST_KDF)
    try:
        for ws, visible in ((manager, True), (kw, False)):
            page = KeyPeoplePage(ShellContext(ws, ChangeSignals(ws.events), Navigator(), "Rosewood House"))
            qtbot.addWidget(page)
            page.open_person(sue.id)
            assert page.sar_button.isVisibleTo(page) is visible
    finally:
        kw.close()
