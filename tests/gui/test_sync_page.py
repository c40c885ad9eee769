"""The managers' Sync area, driven with pytest-qt (offscreen) over real encrypted homes: two PCs
of one organisation (made once per module, copied for each test), files exported and imported
through the page, the preview, conflicts settled, the status bar, and who sees the area.

Modal dialogs go through the page's ``run_dialog`` (a Script of steps, as in the Accounts tests)
and the file dialogs through ``get_save_file_name`` / ``get_open_file_name``."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox, QWidget

from carelink_desktop.domain.roles import Role
from carelink_desktop.paths import HomePaths
from carelink_desktop.services import sync, sync_conflicts, sync_enrolment
from carelink_desktop.services.access import unlock
from carelink_desktop.services.residents import admit_resident, update_resident, view_resident
from carelink_desktop.services.sync import KindCount, PartnerStatus
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.sync.records import canonical_dump
from carelink_desktop.ui.events import ChangeSignals
from carelink_desktop.ui.main_window import MainWindow
from carelink_desktop.ui.pages import Navigator, ShellContext
from carelink_desktop.ui.sync_conflicts_panel import CombineDialog
from carelink_desktop.ui.sync_dialogs import (
    AddSiteDialog,
    ExportDialog,
    ImportPreviewDialog,
    InvitationCodeDialog,
    NameDialog,
)
from carelink_desktop.ui.sync_models import ConflictsModel, KindsModel, PartnersModel, status_line
from carelink_desktop.ui.sync_page import SyncPage
from tests.conftest import FAST_KDF, HOME_NAME, MANAGER, MANAGER_PASSWORD, resident
from tests.gui.test_accounts_and_audit import Script, _assert_accessible, click, message, ok
from tests.integration.sync_helpers import B_PASSWORD, exchange, join, make_home

A_LABEL, B_LABEL = "Rosewood office", "Downstairs"
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"


# -- two PCs of one organisation -------------------------------------------------------------


@dataclass
class Pair:
    a: Workspace
    b: Workspace
    margaret: str  # a resident both PCs hold
    usb: Path  # where files are carried


@pytest.fixture(scope="module")
def pair_template(tmp_path_factory):  # type: ignore[no-untyped-def]
    """A with sync set up and a resident; B joined from A's invitation. Made once (joining takes
    a second or two), then copied (closed, so a plain copy is a whole home) for each test."""
    root = tmp_path_factory.mktemp("pair")
    a = make_home(root / "a", A_LABEL)
    b = join(a, root / "b", B_LABEL)
    margaret = admit_resident(a, resident()).id
    exchange(a, b, root / "margaret.clsync", b.site_id)
    (root / "margaret.clsync").unlink()
    a.close()
    b.close()
    return root, margaret


@pytest.fixture
def pair(pair_template, tmp_path, state_dir):  # type: ignore[no-untyped-def]
    root, margaret = pair_template
    for name in ("a", "b"):
        shutil.copytree(root / name, tmp_path / f"pc-{name}")
    a = unlock(HomePaths(tmp_path / "pc-a"), MANAGER, MANAGER_PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    b = unlock(HomePaths(tmp_path / "pc-b"), MANAGER, B_PASSWORD, state_dir=state_dir, kdf=FAST_KDF)
    usb = tmp_path / "usb"
    usb.mkdir()
    in_step(a, b, usb)
    yield Pair(a, b, margaret, usb)
    a.close()
    b.close()


def in_step(a: Workspace, b: Workspace, usb: Path) -> None:
    """Exchange files once so the two PCs start level with nothing to settle (logging in on both
    changed the manager's account on each)."""
    sync.export_changes(b, usb / "level-b.clsync", to_site=a.site_id)
    sync.import_file(a, usb / "level-b.clsync")
    sync.export_changes(a, usb / "level-a.clsync", to_site=b.site_id)
    sync.import_file(b, usb / "level-a.clsync")
    assert not sync_conflicts.list_conflicts(a) and not sync_conflicts.list_conflicts(b)
    for name in ("level-a.clsync", "level-b.clsync"):
        (usb / name).unlink()


def context(ws: Workspace) -> ShellContext:
    return ShellContext(ws, ChangeSignals(ws.events), Navigator(), HOME_NAME)


def sync_page(qtbot, ws: Workspace) -> SyncPage:  # type: ignore[no-untyped-def]
    ctx = context(ws)
    page = SyncPage(ctx)
    qtbot.addWidget(page)
    ctx.changes.changed.connect(lambda kind: page.refresh() if kind in page.watches else None)
    return page


def dump(ws: Workspace) -> dict[str, object]:
    with ws.read() as s:
        return canonical_dump(s)


def notes_of(ws: Workspace, resident_id: str) -> str:
    return view_resident(ws, resident_id).details.notes


def edit_resident(ws: Workspace, resident_id: str, **changes: str) -> None:
    details = view_resident(ws, resident_id).details
    update_resident(ws, resident_id, replace(details, **changes))


# -- dialog steps ----------------------------------------------------------------------------


def password_step(password: str, *, full: bool = False, partner: str | None = None):  # type: ignore[no-untyped-def]
    """Fill in the export dialog and press its OK button ("Choose where to save…")."""

    def step(dialog: QDialog) -> int:
        assert isinstance(dialog, ExportDialog)
        if partner is not None:
            dialog.partner.setCurrentIndex(dialog.partner.findData(partner))
        dialog.full.setChecked(full)
        dialog.password.setText(password)
        return click("Choose where to save…")(dialog)

    return step


def preview_step(seen: list[ImportPreviewDialog], button: str = "Import"):  # type: ignore[no-untyped-def]
    def step(dialog: QDialog) -> int:
        assert isinstance(dialog, ImportPreviewDialog)
        seen.append(dialog)
        return click(button)(dialog)

    return step


def kinds_shown(dialog: ImportPreviewDialog) -> dict[str, list[str]]:
    model = dialog.model
    rows = (
        [model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())
    )
    return {row[0]: row[1:] for row in rows}


def import_through(page: SyncPage, path: Path, *steps) -> Script:  # type: ignore[no-untyped-def]
    page.get_open_file_name = lambda *_a: (str(path), "")
    page.run_dialog = script = Script(*steps)
    page.import_button.click()
    script.done()
    return script


def export_through(page: SyncPage, path: Path, *steps) -> list[str]:  # type: ignore[no-untyped-def]
    """Export with the page; returns the suggested file names the save dialog was given."""
    suggested: list[str] = []

    def save_as(_parent: QWidget, _caption: str, proposed: str, _filter: str) -> tuple[str, str]:
        suggested.append(proposed)
        return str(path), _filter

    page.get_save_file_name = save_as
    page.run_dialog = script = Script(*steps)
    page.export_button.click()
    script.done()
    return suggested


# -- models ----------------------------------------------------------------------------------


def test_models_pass_qt_model_checks(qtmodeltester, pair) -> None:  # type: ignore[no-untyped-def]
    when = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
    partners = PartnersModel()
    partners.set_rows(
        [
            *sync.sync_status(pair.a).partners,
            PartnerStatus("gone", "Old laptop", "pc", True, when, None, 7),
            PartnerStatus("ho", "Head office", "head_office", False, None, when, 12),
        ]
    )
    qtmodeltester.check(partners)
    row = [partners.data(partners.index(2, c)) for c in range(5)]
    assert row == ["Head office", "Head office", "Never", when.astimezone().strftime("%d/%m/%Y %H:%M"), "12"]
    assert partners.data(partners.index(1, 0)) == "Old laptop (removed)"
    assert partners.data(partners.index(1, 4)) == "—"
    assert partners.data(partners.index(1, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert partners.data(partners.index(2, 0), Qt.ItemDataRole.ForegroundRole) is None
    assert partners.data(partners.index(0, 0), Qt.ItemDataRole.UserRole) == pair.b.site_id

    kinds = KindsModel()
    kinds.set_rows(
        [
            KindCount("resident", "residents", 1, 2, 3, 4),
            KindCount("visit_record", "contact records", 0, 5, 0, 0),
        ]
    )
    qtmodeltester.check(kinds)
    assert [kinds.data(kinds.index(0, c)) for c in range(5)] == ["Residents", "1", "2", "3", "4"]

    edit_resident(pair.a, pair.margaret, notes="From A")
    edit_resident(pair.b, pair.margaret, notes="From B")
    sync.export_changes(pair.b, pair.usb / "b.clsync", to_site=pair.a.site_id)
    sync.import_file(pair.a, pair.usb / "b.clsync")
    conflicts = ConflictsModel()
    conflicts.set_rows(sync_conflicts.list_conflicts(pair.a))
    qtmodeltester.check(conflicts)
    assert [conflicts.data(conflicts.index(0, c)) for c in (0, 1, 3)] == ["Margaret Jones", "Notes", "Open"]


def test_status_line_leaves_out_what_is_zero_or_never() -> None:
    from carelink_desktop.services.sync import SyncStatus

    when = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
    day = when.astimezone().strftime("%d/%m/%Y")

    def status(waiting: int, exported: datetime | None, conflicts: int) -> SyncStatus:
        partner = PartnerStatus("b", "B", "pc", False, exported, None, waiting)
        return SyncStatus(True, "org", "a", "A", (partner,), conflicts)

    assert status_line(status(12, when, 2)) == f"Sync: 12 changes waiting · last export {day} · 2 conflicts"
    assert status_line(status(1, None, 1)) == "Sync: 1 change waiting · 1 conflict"
    assert status_line(status(0, when, 0)) == f"Sync: last export {day}"
    assert status_line(status(0, None, 0)) == "Sync: nothing waiting"


# -- setting up, PCs -------------------------------------------------------------------------


def test_set_up_then_rename_this_pc(qtbot, manager) -> None:  # type: ignore[no-untyped-def]
    page = sync_page(qtbot, manager)
    assert page.stack.currentIndex() == 0 and not sync.sync_status(manager).set_up
    default = sync.sync_status(manager).site_label
    names: list[str] = []

    def name_step(typed: str, *, expect_default: bool = False):  # type: ignore[no-untyped-def]
        def step(dialog: QDialog) -> int:
            assert isinstance(dialog, NameDialog)
            if expect_default:
                names.append(dialog.name.text())
            dialog.name.setText(typed)
            return ok(dialog)

        return step

    page.run_dialog = script = Script(name_step(A_LABEL, expect_default=True))
    page.set_up_button.click()
    script.done()
    assert names == [default]  # the current site label is offered
    status = sync.sync_status(manager)
    assert status.set_up and status.site_label == A_LABEL
    assert page.stack.currentIndex() == 1 and page.this_pc.text() == f"This PC: {A_LABEL}"
    assert "Add a PC" in page.message.text()
    assert not page.export_button.isEnabled()  # no other PC to make a file for yet

    # An empty name is refused inside the dialog, which stays open; then a new name is kept.
    refused: list[str] = []

    def empty_then_rename(dialog: QDialog) -> int:
        assert isinstance(dialog, NameDialog) and dialog.name.text() == A_LABEL
        dialog.name.setText("  ")
        click("Rename")(dialog)
        refused.append(dialog.message.text())
        assert dialog.result() == 0
        dialog.name.setText("Office upstairs")
        return click("Rename")(dialog)

    page.run_dialog = script = Script(empty_then_rename)
    page.rename_button.click()
    script.done()
    assert refused == ["This PC's name is required."]
    assert sync.sync_status(manager).site_label == "Office upstairs"
    assert page.this_pc.text() == "This PC: Office upstairs"


def test_add_a_pc_shows_its_code_once_and_remove_it(qtbot, pair) -> None:  # type: ignore[no-untyped-def]
    page = sync_page(qtbot, pair.a)
    asked: list[str] = []

    def save_as(_parent: QWidget, caption: str, proposed: str, _filter: str) -> tuple[str, str]:
        asked.append(Path(proposed).name)
        return str(pair.usb / "head-office"), _filter

    def fill(dialog: QDialog) -> int:
        assert isinstance(dialog, AddSiteDialog)
        click("Choose where to save the invitation…")(dialog)  # no name yet: stays open
        assert dialog.result() == 0 and dialog.message.text() == "Type the new PC's name."
        dialog.name.setText("Head office")
        dialog.head_office.setChecked(True)
        return click("Choose where to save the invitation…")(dialog)

    codes: list[str] = []

    def read_code(dialog: QDialog) -> int:
        assert isinstance(dialog, InvitationCodeDialog)
        codes.append(dialog.code.text())
        dialog.copy_button.click()
        assert QApplication.clipboard().text() == codes[0]
        return click("Close")(dialog)

    page.get_save_file_name = save_as
    page.run_dialog = script = Script(fill, read_code)
    page.add_button.click()
    script.done()
    assert asked == ["Invitation-Head-office.clinvite"]
    invitation = pair.usb / "head-office.clinvite"
    assert invitation.is_file()
    assert len(codes[0].replace("-", "")) == 20
    assert script.shown[1].code.text() == ""  # shown once: gone once closed
    labels = [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())]
    assert labels == [B_LABEL, "Head office"]
    row = labels.index("Head office")
    assert page.model.data(page.model.index(row, 1)) == "Head office"
    assert f"Its invitation is in {invitation}" in page.message.text()

    # The code opens the invitation (a wrong one does not).
    opened = sync_enrolment.open_invitation(invitation, codes[0].lower())
    assert opened.label == "Head office"

    # Remove Downstairs: asked first; then greyed, labelled, and its files refused.
    sync.export_changes(pair.b, pair.usb / "from-b.clsync", to_site=pair.a.site_id)
    page.table.selectRow(0)
    page.run_dialog = script = Script(click("Cancel"))
    page.remove_button.click()
    script.done()
    assert not sync.sync_status(pair.a).partners[0].removed
    page.table.selectRow(0)
    seen: list[str] = []
    page.run_dialog = script = Script(message(seen, "Remove PC"))
    page.remove_button.click()
    script.done()
    assert seen[0].startswith(f"Remove {B_LABEL} from the organisation?")
    removed = next(p for p in sync.sync_status(pair.a).partners if p.site_id == pair.b.site_id)
    assert removed.removed
    row = page.model.row_of(pair.b.site_id)
    assert page.model.data(page.model.index(row, 0)) == f"{B_LABEL} (removed)"
    page.table.selectRow(row)
    assert not page.remove_button.isEnabled()
    refused: list[str] = []
    import_through(page, pair.usb / "from-b.clsync", message(refused))
    assert refused and "Nothing was imported" in refused[0]


# -- files -----------------------------------------------------------------------------------


def test_export_asks_the_password_and_writes_the_file_the_other_pc_imports(qtbot, pair) -> None:  # type: ignore[no-untyped-def]
    page_a, page_b = sync_page(qtbot, pair.a), sync_page(qtbot, pair.b)
    admit_resident(pair.a, resident("Harold", "Smith", room="4"))
    edit_resident(pair.a, pair.margaret, room="15")
    page_a.refresh()
    assert page_a.model.data(page_a.model.index(0, PartnersModel.WAITING_COLUMN)) == "2"
    out = pair.usb / "a-to-b.clsync"

    # A wrong password: said in the dialog, nothing written; then Cancel.
    def wrong(dialog: QDialog) -> int:
        password_step("not my password")(dialog)
        assert dialog.result() == 0
        assert dialog.message.text() == "Your password is not right: nothing was exported."
        assert dialog.password.text() == ""
        return click("Cancel")(dialog)

    assert export_through(page_a, out, wrong) == []
    assert not out.exists()

    suggested = export_through(page_a, out, password_step(MANAGER_PASSWORD))
    assert Path(suggested[0]).name == f"Rosewood-office-to-Downstairs-{date.today().isoformat()}.clsync"
    assert out.is_file()
    assert page_a.message.text() == f"Saved 2 changes for {B_LABEL} in {out}. Import it on that PC."
    assert page_a.model.data(page_a.model.index(0, PartnersModel.WAITING_COLUMN)) == "0"

    # B: the preview says where it came from and what it does; Import applies it.
    seen: list[ImportPreviewDialog] = []
    import_through(page_b, out, preview_step(seen))
    preview = seen[0]
    texts = [label.text() for label in preview.findChildren(type(preview.summary))]
    assert f"From {A_LABEL}" in texts
    assert "Changes since the last file: 2 records" in texts
    assert preview.summary.text() == "Importing brings in: 1 new record, 1 changed record."
    assert kinds_shown(preview) == {"Residents": ["1", "1", "0", "0"]}
    assert view_resident(pair.b, pair.margaret).details.room == "15"
    assert page_b.message.text() == f"Imported the file from {A_LABEL}: 1 new, 1 changed."
    assert dump(pair.a) == dump(pair.b)

    # The same file again: it says so, Import is off, and nothing changes.
    before = dump(pair.b)
    again: list[ImportPreviewDialog] = []
    import_through(page_b, out, preview_step(again, "Cancel"))
    assert again[0].summary.text().startswith("This file was imported on ")
    assert again[0].summary.text().endswith(": importing it again changes nothing.")
    assert not again[0].import_button.isEnabled() and not again[0].table.isVisibleTo(again[0])
    assert dump(pair.b) == before

    # Everything, not only changes.
    full = pair.usb / "full.clsync"
    export_through(page_a, full, password_step(MANAGER_PASSWORD, full=True))
    assert page_a.message.text().startswith("Saved every record (")
    everything: list[ImportPreviewDialog] = []
    import_through(page_b, full, preview_step(everything, "Cancel"))
    assert "Everything (a full copy)" in " ".join(
        label.text() for label in everything[0].findChildren(type(everything[0].summary))
    )
    assert (
        everything[0].summary.text()
        == "This PC already holds everything in this file: importing it changes nothing."
    )


def test_an_older_file_says_older_records_never_replace_newer_ones(qtbot, pair) -> None:  # type: ignore[no-untyped-def]
    edit_resident(pair.b, pair.margaret, notes="First")
    sync.export_changes(pair.b, pair.usb / "1.clsync", to_site=pair.a.site_id)
    edit_resident(pair.b, pair.margaret, notes="Second")
    sync.export_changes(pair.b, pair.usb / "2.clsync", to_site=pair.a.site_id, full=True)
    sync.import_file(pair.a, pair.usb / "2.clsync")
    page = sync_page(qtbot, pair.a)
    seen: list[ImportPreviewDialog] = []
    import_through(page, pair.usb / "1.clsync", preview_step(seen))
    notes = " ".join(label.text() for label in seen[0].notes)
    assert f"A newer file from {B_LABEL} has been imported already" in notes
    assert "older records never replace newer ones" in notes
    assert kinds_shown(seen[0])["Residents"] == ["0", "0", "1", "0"]
    assert notes_of(pair.a, pair.margaret) == "Second"


def test_save_organisation_key_asks_the_password_and_the_key_opens_a_sync_file(  # type: ignore[no-untyped-def]
    qtbot, pair, monkeypatch
) -> None:
    import pyrage
    import zstandard

    page = sync_page(qtbot, pair.a)
    key_path = pair.usb / "org.key"
    answers = iter([("wrong password 1", True), (MANAGER_PASSWORD, True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
    page.get_save_file_name = lambda *a, **k: (str(key_path), "")  # type: ignore[method-assign]
    warnings: list[str] = []
    monkeypatch.setattr(page, "_warn", lambda title, text: warnings.append(text))
    page.save_key()
    assert warnings == ["Your password is not right: the key was not saved."]
    assert not key_path.exists()
    page.save_key()
    assert key_path.stat().st_mode & 0o077 == 0
    identity = next(line for line in key_path.read_text().splitlines() if line.startswith("AGE-SECRET-KEY-"))
    exported = pair.usb / "for-b.clsync"
    sync.export_changes(pair.a, exported, to_site=pair.b.site_id, full=True)
    inner = pyrage.decrypt(exported.read_bytes(), [pyrage.x25519.Identity.from_str(identity)])
    content = zstandard.ZstdDecompressor().decompressobj().decompress(inner)
    assert b'"carelink_sync":1' in content.split(b"\n", 1)[0]
    assert b"Margaret" in content


def test_a_refused_file_shows_why_and_changes_nothing(qtbot, pair) -> None:  # type: ignore[no-untyped-def]
    page = sync_page(qtbot, pair.a)
    junk = pair.usb / "junk.clsync"
    junk.write_bytes(bytes(range(256)) * 40)
    before = dump(pair.a)
    seen: list[str] = []
    script = import_through(page, junk, message(seen))
    assert script.shown[0].windowTitle() == "Sync file not imported"
    assert isinstance(script.shown[0], QMessageBox) and script.shown[0].icon() == QMessageBox.Icon.Warning
    assert seen[0].endswith("Nothing was imported.")
    assert dump(pair.a) == before

    # A file this PC made itself is refused too.
    own = pair.usb / "own.clsync"
    sync.export_changes(pair.a, own, to_site=pair.b.site_id)
    seen.clear()
    import_through(page, own, message(seen))
    assert seen == ["This sync file was made on this PC: import it on another one. Nothing was imported."]


def test_too_many_wrong_passwords_lock_the_window(qtbot, pair) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(context(pair.a))
    qtbot.addWidget(window)
    page = window.page("sync")
    assert isinstance(page, SyncPage)
    out = pair.usb / "never.clsync"

    def five_wrong(dialog: QDialog) -> int:
        for _ in range(5):
            password_step("not my password")(dialog)
        assert dialog.locked and "CareLink has locked" in dialog.message.text()
        return click("Cancel")(dialog)

    with qtbot.waitSignal(window.lock_requested, timeout=1000):
        assert export_through(page, out, five_wrong) == []
    assert not out.exists() and pair.a.store.closed
    window.close_for_lock()


# -- conflicts -------------------------------------------------------------------------------


def test_conflicts_show_both_versions_and_settling_updates_the_record(qtbot, pair) -> None:  # type: ignore[no-untyped-def]
    edit_resident(pair.a, pair.margaret, notes="Likes tea in the garden", room="12A")
    edit_resident(pair.b, pair.margaret, notes="Prefers coffee now", room="14")
    sync.export_changes(pair.b, pair.usb / "b.clsync", to_site=pair.a.site_id)
    page = sync_page(qtbot, pair.a)
    tab = page.tabs.indexOf(page.conflicts)
    assert page.tabs.tabText(tab) == "&Conflicts"

    seen: list[ImportPreviewDialog] = []
    import_through(page, pair.usb / "b.clsync", preview_step(seen))
    assert seen[0].summary.text() == "Importing brings in: 1 changed record, 1 record changed on both PCs."
    assert "both versions are kept" in " ".join(note.text() for note in seen[0].notes)
    assert page.message.text().endswith("2 conflicts are waiting for you under Conflicts.")
    assert page.tabs.currentWidget() is page.conflicts  # straight to what needs a decision
    assert page.tabs.tabText(tab) == "&Conflicts (2)"
    panel = page.conflicts
    shown = {panel.model.conflict_at(r).field: r for r in range(panel.model.rowCount())}
    assert set(shown) == {"notes", "room"}

    # Both versions side by side, with who changed each and when.
    panel.table.selectRow(shown["notes"])
    assert panel.heading.text() == "Margaret Jones — Notes"
    assert panel.kept.text.toPlainText() == "Prefers coffee now"  # the later edit, in the record
    assert panel.other.text.toPlainText() == "Likes tea in the garden"
    assert panel.kept.who.text().startswith("Changed by Amira Khan on ")
    assert panel.other.who.text().startswith("Changed by Amira Khan on ")
    assert notes_of(pair.a, pair.margaret) == "Prefers coffee now"

    # Combine: both texts offered; saved into the record.
    def combine(dialog: QDialog) -> int:
        assert isinstance(dialog, CombineDialog)
        assert dialog.text.toPlainText() == "Prefers coffee now\n\nLikes tea in the garden"
        dialog.text.setPlainText("")
        click("Save combined text")(dialog)
        assert dialog.result() == 0 and "Type the combined text" in dialog.message.text()
        dialog.text.setPlainText("Prefers coffee now; tea in the garden on sunny days")
        return click("Save combined text")(dialog)

    panel.run_dialog = script = Script(combine)
    panel.combine_button.click()
    script.done()
    assert notes_of(pair.a, pair.margaret) == "Prefers coffee now; tea in the garden on sunny days"
    assert page.tabs.tabText(tab) == "&Conflicts (1)"
    assert panel.model.rowCount() == 1 and panel.selected().field == "room"

    # Use the other version.
    qtbot.mouseClick(panel.other.choose, Qt.MouseButton.LeftButton)
    assert view_resident(pair.a, pair.margaret).details.room == "12A"
    assert panel.model.rowCount() == 0 and page.tabs.tabText(tab) == "&Conflicts"
    assert panel.empty.text() == "No conflicts to settle."
    assert not panel.detail.isEnabled()
    assert "used the other version" in panel.message.text()

    # Show settled: both, with what was decided, and nothing to press.
    panel.show_settled.setChecked(True)
    statuses = {panel.model.conflict_at(r).field: panel.model.data(panel.model.index(r, 3)) for r in range(2)}
    assert statuses == {"notes": "Combined the two", "room": "Used the other version"}
    assert panel.empty.text() == "Every conflict is settled."
    panel.table.selectRow(0)
    assert not panel.kept.choose.isEnabled() and not panel.combine_button.isEnabled()
    assert panel.settled.text().startswith("Settled on ")


# -- the main window -------------------------------------------------------------------------


def test_status_bar_says_what_is_waiting_and_follows_changes(qtbot, pair, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(context(pair.a))
    qtbot.addWidget(window)
    exported = sync.sync_status(pair.a).last_export_at  # the invitation counts as an export
    day = exported.astimezone().strftime("%d/%m/%Y")
    assert not window.sync_label.isHidden()
    assert window.sync_label.text() == f"Sync: last export {day}"

    reads: list[int] = []
    real = sync.sync_status
    monkeypatch.setattr(sync, "sync_status", lambda ws: reads.append(1) or real(ws))
    for given in ("Harold", "Ivy", "Joan"):
        admit_resident(pair.a, resident(given, "Smith"))
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("Sync: 3 changes"))
    assert window.sync_label.text() == f"Sync: 3 changes waiting · last export {day}"
    assert len(reads) == 1  # three changes, one read

    edit_resident(pair.a, pair.margaret, notes="A")
    edit_resident(pair.b, pair.margaret, notes="B")
    sync.export_changes(pair.b, pair.usb / "b.clsync", to_site=pair.a.site_id)
    sync.import_file(pair.a, pair.usb / "b.clsync")
    qtbot.waitUntil(lambda: window.sync_label.text().endswith("· 1 conflict"))
    window.close()


def test_the_sync_area_is_for_managers_only(qtbot, manager, staff_workspace) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(context(manager))
    qtbot.addWidget(window)
    areas = [p.area for p in window.pages]
    assert areas.index("sync") == areas.index("accounts") - 1
    assert areas.index("sync") > areas.index("improvement")
    go = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Go")
    assert "Sync" in [a.text() for a in go.actions()]
    assert window.sync_label.isHidden()  # not set up yet
    window.close()

    worker = staff_workspace(Role.KEYWORKER, "bea")
    sync.set_up_sync(manager, label=A_LABEL)
    theirs = MainWindow(context(worker))
    qtbot.addWidget(theirs)
    assert "sync" not in [p.area for p in theirs.pages]
    assert theirs.sync_label.isHidden() and theirs.sync_label.text() == ""
    theirs.close()


def test_every_control_is_named_and_reachable_by_keyboard(qtbot, pair) -> None:  # type: ignore[no-untyped-def]
    page = sync_page(qtbot, pair.a)
    partner = sync.sync_status(pair.a).partners[0]
    edit_resident(pair.a, pair.margaret, notes="A")
    edit_resident(pair.b, pair.margaret, notes="B")
    sync.export_changes(pair.b, pair.usb / "b.clsync", to_site=pair.a.site_id)
    preview = sync.preview_import(pair.a, pair.usb / "b.clsync")
    sync.import_file(pair.a, pair.usb / "b.clsync")
    invitation = sync_enrolment.Invitation(
        "x", "Head office", pair.usb / "x.clinvite", "ABCDE-FGHJK-LMNPQ-RSTUV"
    )
    dialogs = [
        NameDialog("T", "Why", caption="&Name:", value="", action="&Go", submit=lambda _n: None),
        AddSiteDialog(),
        ExportDialog(pair.a, [partner]),
        InvitationCodeDialog(invitation, "head_office"),
        ImportPreviewDialog(preview),
        CombineDialog(sync_conflicts.list_conflicts(pair.a)[0], lambda _t: None),
    ]
    for widget in (page, *dialogs):
        if isinstance(widget, QDialog):
            qtbot.addWidget(widget)
        _assert_accessible(widget)
    assert invitation.code not in {v for v in vars(dialogs[3]).values() if isinstance(v, str)}


# -- screenshots -----------------------------------------------------------------------------


def test_screenshots(qtbot, pair) -> None:  # type: ignore[no-untyped-def]
    """PNGs in screenshots/ (git-ignored) for a person to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    edit_resident(pair.a, pair.margaret, notes="Likes tea in the garden after lunch")
    edit_resident(pair.b, pair.margaret, notes="Prefers coffee now, and to sit in the lounge")
    admit_resident(pair.b, resident("Harold", "Smith"))
    sync.export_changes(pair.b, pair.usb / "b.clsync", to_site=pair.a.site_id)
    for given in ("Ivy", "Joan"):
        admit_resident(pair.a, resident(given, "Smith"))
    window = MainWindow(context(pair.a))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_area("sync")
    page = window.page("sync")
    assert isinstance(page, SyncPage)
    qtbot.waitExposed(window)
    page.table.selectRow(0)
    QApplication.processEvents()
    assert window.grab().save(str(SHOTS / "sync_page.png"))

    preview = ImportPreviewDialog(sync.preview_import(pair.a, pair.usb / "b.clsync"), window)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitExposed(preview)
    assert preview.grab().save(str(SHOTS / "sync_import_preview.png"))
    preview.close()

    sync.import_file(pair.a, pair.usb / "b.clsync")
    again = ImportPreviewDialog(sync.preview_import(pair.a, pair.usb / "b.clsync"), window)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.grab().save(str(SHOTS / "sync_import_preview_again.png"))
    again.close()

    qtbot.waitUntil(lambda: "conflict" in window.sync_label.text())
    page.tabs.setCurrentWidget(page.conflicts)
    QApplication.processEvents()
    assert window.grab().save(str(SHOTS / "sync_conflicts.png"))

    code = InvitationCodeDialog(
        sync_enrolment.Invitation(
            "x", "Head office", pair.usb / "Invitation-Head-office.clinvite", "CTC4P-7DAGL-2XZVV-FEJUY"
        ),
        "head_office",
        window,
    )
    qtbot.addWidget(code)
    code.show()
    qtbot.waitExposed(code)
    assert code.grab().save(str(SHOTS / "sync_invitation_code.png"))

    export = ExportDialog(pair.a, sync.sync_status(pair.a).partners, window)
    qtbot.addWidget(export)
    export.show()
    qtbot.waitExposed(export)
    assert export.grab().save(str(SHOTS / "sync_export_dialog.png"))

    add = AddSiteDialog(window)
    qtbot.addWidget(add)
    add.show()
    qtbot.waitExposed(add)
    assert add.grab().save(str(SHOTS / "sync_add_pc.png"))
    window.close()
